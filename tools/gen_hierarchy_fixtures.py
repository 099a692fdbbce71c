#!/usr/bin/env python3
"""Reference fixtures for agglomerative clustering (tests/hierarchy_parity.rs).

scipy.cluster.hierarchy.linkage's Z for every method and metric on random
(tie-free) data of several shapes, from observations and from condensed
matrices, f32 inputs, and the tree cuts: scikit-learn
AgglomerativeClustering(n_clusters) labels, scipy fcluster(criterion='distance')
and leaves_list. Run with the pinned environment (tools/requirements.txt):

    .venv/bin/python tools/gen_hierarchy_fixtures.py
"""
import json
import os

import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import fcluster, leaves_list, linkage
from scipy.spatial.distance import pdist
from sklearn.cluster import AgglomerativeClustering

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "hierarchy")
METHODS = ["single", "complete", "average", "weighted", "ward", "centroid", "median"]
EUCLIDEAN_ONLY = {"ward", "centroid", "median"}
METRICS = ["euclidean", "cityblock", "chebyshev", "cosine"]  # nanoclust metric ids 0..3
GENERATOR = "tools/gen_hierarchy_fixtures.py"


def versions():
    return {"scipy": scipy.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__}


def z_rows(z):
    return [[int(r[0]), int(r[1]), float(r[2]), int(r[3])] for r in z]


def write(name, obj):
    obj = {"generator": GENERATOR, "versions": versions(), **obj}
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")


def observations(seed, n, d):
    rng = np.random.default_rng(seed)
    # Three loose blobs, so the trees have structure; continuous values, no ties.
    centers = rng.normal(scale=3.0, size=(3, d))
    x = centers[rng.integers(0, 3, size=n)] + rng.normal(size=(n, d))
    cases = []
    for method in METHODS:
        for mi, metric in enumerate(METRICS):
            if method in EUCLIDEAN_ONLY and metric != "euclidean":
                continue
            z = linkage(x, method=method, metric=metric)
            cases.append({"method": METHODS.index(method), "metric": mi, "z": z_rows(z)})
    write(f"obs_n{n}_d{d}.json", {"seed": seed, "n": n, "d": d, "x": x.tolist(), "cases": cases})


def condensed(seed, n):
    rng = np.random.default_rng(seed)
    # Arbitrary (non-metric) dissimilarities for the graph methods; Euclidean
    # ones for ward, centroid and median (scipy assumes Euclidean input there).
    arbitrary = rng.uniform(0.1, 10.0, size=n * (n - 1) // 2)
    euclid = pdist(rng.normal(size=(n, 3)))
    cases = []
    for method in METHODS:
        key = "euclidean" if method in EUCLIDEAN_ONLY else "arbitrary"
        y = euclid if method in EUCLIDEAN_ONLY else arbitrary
        z = linkage(y, method=method)
        cases.append({"method": METHODS.index(method), "condensed": key, "z": z_rows(z)})
    write(f"condensed_n{n}.json", {"seed": seed, "n": n, "arbitrary": arbitrary.tolist(),
                                   "euclidean": euclid.tolist(), "cases": cases})


def float32(seed, n, d):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d)).astype(np.float32)
    cases = []
    for method in METHODS:
        z = linkage(x.astype(np.float64), method=method)
        cases.append({"method": METHODS.index(method), "metric": 0, "z": z_rows(z)})
    write(f"f32_n{n}_d{d}.json", {"seed": seed, "n": n, "d": d, "x": x.astype(np.float64).tolist(), "cases": cases})


def cuts(seed, n, d):
    rng = np.random.default_rng(seed)
    centers = rng.normal(scale=4.0, size=(4, d))
    x = centers[rng.integers(0, 4, size=n)] + rng.normal(size=(n, d))
    cases = []
    for method in ["single", "complete", "average", "ward"]:
        for mi, metric in enumerate(METRICS):
            if method == "ward" and metric != "euclidean":
                continue
            z = linkage(x, method=method, metric=metric)
            sk = {}
            for k in [1, 2, 3, 5, n]:
                model = AgglomerativeClustering(n_clusters=k, linkage=method, metric=metric if metric != "cityblock" else "manhattan")
                sk[str(k)] = model.fit(x).labels_.tolist()
            heights = z[:, 2]
            thresholds = [float(np.quantile(heights, q)) * 1.0000001 for q in (0.3, 0.7, 0.95)]
            thresholds += [-1.0, float(heights.max()) * 2.0]
            fc = [{"t": t, "labels": fcluster(z, t, criterion="distance").tolist()} for t in thresholds]
            cases.append({
                "method": METHODS.index(method), "metric": mi, "z": z_rows(z),
                "sklearn_labels": sk, "fcluster": fc, "leaves": leaves_list(z).tolist(),
            })
    # Non-monotone trees: distance cuts and leaf orders of centroid and median.
    for method in ["centroid", "median"]:
        z = linkage(x, method=method)
        heights = z[:, 2]
        thresholds = [float(np.quantile(heights, q)) * 1.0000001 for q in (0.2, 0.5, 0.8)]
        fc = [{"t": t, "labels": fcluster(z, t, criterion="distance").tolist()} for t in thresholds]
        cases.append({"method": METHODS.index(method), "metric": 0, "z": z_rows(z), "sklearn_labels": {},
                      "fcluster": fc, "leaves": leaves_list(z).tolist()})
    write(f"cuts_n{n}_d{d}.json", {"seed": seed, "n": n, "d": d, "x": x.tolist(), "cases": cases})


def main():
    os.makedirs(OUT, exist_ok=True)
    observations(101, 12, 2)
    observations(102, 33, 3)
    observations(103, 64, 5)
    condensed(201, 9)
    condensed(202, 40)
    float32(301, 50, 4)
    cuts(401, 40, 3)


if __name__ == "__main__":
    main()
