#!/usr/bin/env python3
"""DBSCAN: nanoclust (ctypes on target/release/libnanoclust.so) vs scikit-learn,
same data, same parameters, single thread, time and peak memory.

    cargo build --release
    .venv/bin/python benches/compare/dbscan.py [--quick]

Every measurement runs in its own process (so that peak RSS is that run's):
the parent writes the data sets to a temporary directory as .npy, then starts
`dbscan.py --worker <impl> <dataset>` for each implementation and data set.
A worker loads the data (scikit-learn: numpy .npy; nanoclust: raw rows into a
ctypes buffer, since it needs no numpy), records its peak resident set (VmHWM), runs the fit
(`--repeat` times, reporting the median time), records VmHWM again and prints
JSON with the median wall and CPU (process) time. The machine is shared, so
CPU time is the steadier figure and the speed-up is computed from it. "peak
RSS" is the worker's peak resident set (interpreter, the data, and what the
library needs to be imported: numpy + scikit-learn, or ctypes + libnanoclust); "+RSS" is the growth of that peak
during the fits: the memory the algorithm itself needed. Labels are compared with
scikit-learn's on the same data (they must be identical).

Data sets (the performance anchors of shared/design/performance.md):
  2d: 100,000 points, 2-D: 8 Gaussian blobs + two moons + 5% uniform noise
      (10 clusters), eps 0.3, min_samples 40;
  8d: 50,000 points, 8-D: 10 Gaussian blobs + 5% uniform noise,
      eps 1.5, min_samples 10.
"""

import ctypes
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")


ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LIB = os.path.join(ROOT, "target", "release", "libnanoclust.so")

DATASETS = {
    "2d": {"eps": 0.3, "min_samples": 40},
    "8d": {"eps": 1.5, "min_samples": 10},
}


def make_data(name, seed=0):
    import numpy as np
    from sklearn.datasets import make_blobs, make_moons

    rng = np.random.default_rng(seed)
    if name == "2d":
        blobs, _ = make_blobs(n_samples=80_000, centers=8, n_features=2, cluster_std=1.2,
                              center_box=(-25, 25), random_state=seed)
        moons, _ = make_moons(n_samples=15_000, noise=0.05, random_state=seed)
        moons = moons * 6.0 + np.array([30.0, 30.0])
        core = np.vstack([blobs, moons])
        noise = rng.uniform(core.min(axis=0), core.max(axis=0), size=(5_000, 2))
    else:
        core, _ = make_blobs(n_samples=47_500, centers=10, n_features=8, cluster_std=1.0,
                             center_box=(-15, 15), random_state=seed)
        noise = rng.uniform(core.min(axis=0), core.max(axis=0), size=(2_500, 8))
    x = np.vstack([core, noise])
    rng.shuffle(x)
    return np.ascontiguousarray(x, dtype=np.float64)


class Params(ctypes.Structure):
    _fields_ = [("eps", ctypes.c_double), ("min_samples", ctypes.c_uint32),
                ("metric", ctypes.c_uint32), ("index", ctypes.c_uint32)]


class Result(ctypes.Structure):
    _fields_ = [("n_clusters", ctypes.c_uint32), ("n_noise", ctypes.c_uint32), ("n_core", ctypes.c_uint32)]


def nanoclust_fit(lib, x, eps, min_samples, dtype):
    import numpy as np

    n, d = x.shape
    x = np.ascontiguousarray(x, dtype=dtype)
    suffix = "f32" if dtype == np.float32 else "f64"
    p = Params(eps, min_samples, 0, 0)
    size = ctypes.c_size_t()
    st = getattr(lib, f"nanoclust_dbscan_workspace_size_{suffix}")(
        ctypes.c_size_t(n), ctypes.c_size_t(d), ctypes.byref(p), ctypes.byref(size))
    assert st == 0, st
    ws = np.empty(size.value, dtype=np.uint8)
    labels = np.empty(n, dtype=np.int32)
    core = np.empty(n, dtype=np.uint8)
    res = Result()
    st = getattr(lib, f"nanoclust_dbscan_fit_{suffix}")(
        x.ctypes.data_as(ctypes.c_void_p), ctypes.c_size_t(n), ctypes.c_size_t(d), None, ctypes.byref(p),
        ws.ctypes.data_as(ctypes.c_void_p), ctypes.c_size_t(size.value),
        labels.ctypes.data_as(ctypes.c_void_p), core.ctypes.data_as(ctypes.c_void_p), ctypes.byref(res))
    assert st == 0, st
    return labels, size.value


def vm_kib(field):
    """A /proc/self/status field in KiB. VmHWM is this process image's peak
    resident set; unlike ru_maxrss it is not inherited from the parent across
    fork/exec (the parent holds every data set, which would mask the workers)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(field)


def nanoclust_fit_raw(lib, buf, n, d, eps, min_samples, f32):
    """The ctypes call on a raw buffer (no numpy in the worker process)."""
    suffix = "f32" if f32 else "f64"
    p = Params(eps, min_samples, 0, 0)
    size = ctypes.c_size_t()
    st = getattr(lib, f"nanoclust_dbscan_workspace_size_{suffix}")(
        ctypes.c_size_t(n), ctypes.c_size_t(d), ctypes.byref(p), ctypes.byref(size))
    assert st == 0, st
    ws = (ctypes.c_uint8 * size.value)()
    labels = (ctypes.c_int32 * n)()
    core = (ctypes.c_uint8 * n)()
    res = Result()
    st = getattr(lib, f"nanoclust_dbscan_fit_{suffix}")(
        buf, ctypes.c_size_t(n), ctypes.c_size_t(d), None, ctypes.byref(p), ws, ctypes.c_size_t(size.value),
        labels, core, ctypes.byref(res))
    assert st == 0, st
    return labels, size.value


def worker(impl, path, name, repeat):
    cfg = DATASETS[name]
    n, d = (int(v) for v in open(path + ".shape").read().split())
    if impl == "sklearn":
        import numpy as np
        from sklearn.cluster import DBSCAN
        from threadpoolctl import threadpool_limits

        x = np.load(path)
        limits = threadpool_limits(1)
        run = lambda: DBSCAN(eps=cfg["eps"], min_samples=cfg["min_samples"]).fit(x).labels_  # noqa: E731
    else:
        # nanoclust needs no numpy: the worker reads the raw rows into a ctypes buffer.
        f32 = impl == "nanoclust_f32"
        raw = open(path + (".f32" if f32 else ".f64"), "rb").read()
        buf = ((ctypes.c_float if f32 else ctypes.c_double) * (n * d)).from_buffer_copy(raw)
        del raw
        lib = ctypes.CDLL(LIB)
        run = lambda: nanoclust_fit_raw(lib, buf, n, d, cfg["eps"], cfg["min_samples"], f32)  # noqa: E731
    ws = 0
    rss0 = vm_kib("VmHWM")
    walls, cpus = [], []
    labels = None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        out = run()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
        if isinstance(out, tuple):
            labels, ws = out
        else:
            labels = out
    rss1 = vm_kib("VmHWM")
    with open(path + f".{impl}.labels", "w") as f:
        f.write(" ".join(str(int(v)) for v in labels))
    if impl == "sklearn":
        del limits
    print(json.dumps({"time": statistics.median(walls), "cpu": statistics.median(cpus), "walls": walls,
                      "rss_kib": rss1, "rss_growth_kib": rss1 - rss0, "workspace": ws,
                      "n_clusters": int(max(labels) + 1), "n_noise": int(sum(1 for v in labels if v < 0))}))


def main():
    quick = "--quick" in sys.argv
    if not os.path.exists(LIB):
        sys.exit(f"{LIB} not found: run `cargo build --release` first")
    import numpy as np
    import sklearn
    import threadpoolctl

    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, threadpoolctl {threadpoolctl.__version__}; "
          f"single thread; each row a separate process")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in DATASETS:
            x = make_data(name)
            path = os.path.join(tmp, f"{name}.npy")
            np.save(path, x)
            x.tofile(path + ".f64")
            x.astype(np.float32).tofile(path + ".f32")
            with open(path + ".shape", "w") as f:
                f.write(f"{x.shape[0]} {x.shape[1]}")
            results = {}
            sk_repeat = 1 if quick or name == "8d" else 3
            for impl, repeat in [("sklearn", sk_repeat), ("nanoclust_f64", 1 if quick else 7),
                                 ("nanoclust_f32", 1 if quick else 7)]:
                out = subprocess.run([sys.executable, __file__, "--worker", impl, path, name, str(repeat)],
                                     check=True, capture_output=True, text=True).stdout
                results[impl] = json.loads(out.strip().splitlines()[-1])
            ref = np.loadtxt(path + ".sklearn.labels", dtype=np.int64)
            for impl, r in results.items():
                lab = np.loadtxt(path + f".{impl}.labels", dtype=np.int64)
                r["identical"] = bool(np.array_equal(lab, ref))
                r["mismatches"] = int(np.sum(lab != ref))
                rows.append((name, x.shape, impl, r))
    base = {}
    print()
    print("| data | implementation | wall (s) | CPU (s) | speed-up (CPU) | peak RSS (MiB) | +RSS during fit (MiB) | "
          "workspace (MiB) | clusters | noise | labels = sklearn |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, shape, impl, r in rows:
        if impl == "sklearn":
            base[name] = r
        b = base[name]
        print(f"| {name} {shape[0]}x{shape[1]} | {impl} | {r['time']:.3f} | {r['cpu']:.3f} | {b['cpu'] / r['cpu']:.1f}x | "
              f"{r['rss_kib'] / 1024:.1f} | {r['rss_growth_kib'] / 1024:.1f} | {r['workspace'] / 2**20:.2f} | "
              f"{r['n_clusters']} | {r['n_noise']} | {'yes' if r['identical'] else 'no (%d differ)' % r['mismatches']} |")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        main()
