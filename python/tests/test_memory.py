"""DBSCAN's memory on 200,000 2-D points with dense neighbourhoods.

Each run happens in a fresh subprocess. Just before the fit the process's peak-RSS
mark is reset (Linux: writing 5 to /proc/self/clear_refs) and its current RSS read;
after the fit, the peak RSS (VmHWM) minus that RSS is the fit's own peak memory.
(Where the reset is unavailable, the growth of ru_maxrss is used: a lower bound.) scikit-learn stores every
neighbourhood (here about 490 neighbours a point, so about 100 million indices);
nanoclust streams them and needs O(n) workspace (at most 64 bytes a sample for
d <= 3). Both are measured and printed; only nanoclust's bound is asserted:
the fit may grow the peak RSS by at most 32 MiB (the workspace is about 13 MB,
labels and core flags about 1 MB, the data itself 3.2 MB and already resident).
"""

import json
import subprocess
import sys

import pytest

N = 200_000
EPS = 0.028  # unit square: about pi * eps^2 * N = 490 neighbours a point
MIN_SAMPLES = 10
BOUND_MIB = 32

SCRIPT = r"""
import json, resource, sys
import numpy as np
which = sys.argv[1]
rng = np.random.RandomState(0)
X = rng.uniform(0.0, 1.0, size=({n}, 2))
if which == "nanoclust":
    from nanoclust import DBSCAN
else:
    from sklearn.cluster import DBSCAN
est = DBSCAN(eps={eps}, min_samples={min_samples})

def status_kib(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])

try:
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # reset the peak RSS mark to the current RSS
    reset = True
except OSError:
    reset = False
before = status_kib("VmRSS") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
labels = est.fit(X).labels_
after = status_kib("VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"before_kib": before, "after_kib": after, "n_clusters": int(labels.max()) + 1,
                  "n_core": int(len(est.core_sample_indices_)), "labels_head": labels[:1000].tolist()}}))
"""


def run(which):
    code = SCRIPT.format(n=N, eps=EPS, min_samples=MIN_SAMPLES)
    out = subprocess.run([sys.executable, "-c", code, which], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def measurements():
    return {"nanoclust": run("nanoclust"), "sklearn": run("sklearn")}


def test_dbscan_peak_rss_is_bounded(measurements):
    ours, ref = measurements["nanoclust"], measurements["sklearn"]
    growth = {k: (v["after_kib"] - v["before_kib"]) / 1024 for k, v in measurements.items()}
    print(f"\nDBSCAN n={N} eps={EPS} min_samples={MIN_SAMPLES}: peak RSS growth during fit "
          f"nanoclust {growth['nanoclust']:.1f} MiB, scikit-learn {growth['sklearn']:.1f} MiB "
          f"(peak RSS nanoclust {ours['after_kib'] / 1024:.1f} MiB, scikit-learn {ref['after_kib'] / 1024:.1f} MiB)")
    # the same clustering (scikit-learn's labels are the reference)
    assert ours["n_clusters"] == ref["n_clusters"]
    assert ours["n_core"] == ref["n_core"]
    assert ours["labels_head"] == ref["labels_head"]
    assert growth["nanoclust"] <= BOUND_MIB
