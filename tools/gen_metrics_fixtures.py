#!/usr/bin/env python3
"""Writes tests/fixtures/metrics/*.json: reference values for the metrics and
the standard scaler, computed by scikit-learn (versions recorded in each file).

Run with the pinned reference environment:
    .venv/bin/python tools/gen_metrics_fixtures.py

Conventions the Rust tests rely on:
- Internal metrics (silhouette, Calinski-Harabasz, Davies-Bouldin, inertia)
  leave out samples with a negative label: the reference is scikit-learn on
  X[labels >= 0], labels[labels >= 0]; silhouette samples of left-out samples
  are 0 (filled in here, after scikit-learn computed the others).
- Data are small integers or float64 values; every expected value comes from
  scikit-learn (or, for inertia with noise labels, from numpy with the
  formula of KMeans.inertia_), never from nanoclust.
"""
import json
import os
import sys

import numpy as np
import scipy
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import (
    adjusted_rand_score,
    calinski_harabasz_score,
    davies_bouldin_score,
    normalized_mutual_info_score,
    silhouette_samples,
    silhouette_score,
)
from sklearn.preprocessing import StandardScaler

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "metrics")
METRICS = ["euclidean", "manhattan", "chebyshev", "cosine"]


def header(seeds):
    return {
        "generator": "tools/gen_metrics_fixtures.py",
        "versions": {
            "sklearn": sklearn.__version__,
            "scipy": scipy.__version__,
            "numpy": np.__version__,
            "python": sys.version.split()[0],
        },
        "seeds": seeds,
    }


def write(name, obj):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")
    print(f"{path}: {os.path.getsize(path)} bytes")


# ---------------------------------------------------------------- scaler
def scaler_cases():
    rng = np.random.default_rng(101)
    cases = []

    def add(name, x, f32=True):
        s = StandardScaler().fit(x)
        cases.append({
            "name": name,
            "n": x.shape[0],
            "d": x.shape[1],
            "x": x.tolist(),
            "mean": s.mean_.tolist(),
            "scale": s.scale_.tolist(),
            "transformed": s.transform(x).tolist(),
            "f32": f32,
        })

    add("random_mixed_scales", rng.normal(size=(40, 5)) * [1, 10, 0.01, 1000, 3] + [0, -5, 2, 100, 1e3])
    x = rng.normal(size=(30, 4))
    x[:, 1] = 3.3  # exactly constant
    x[:, 2] = 1.0 + rng.normal(size=30) * 1e-17  # near constant: within the rounding bound
    x[:, 3] = -2.5e6 + rng.normal(size=30) * 1e-3
    add("constant_and_near_constant_columns", x, f32=False)
    add("single_sample", rng.normal(size=(1, 3)))
    add("two_samples", np.array([[1.0, 2.0, 3.0], [3.0, 2.0, -1.0]]))
    add("large_offset", 1e8 + rng.normal(size=(25, 2)), f32=False)
    add("wide_blocks_of_columns", rng.normal(size=(12, 19)) * 4.0 - 1.0)
    return cases


# ------------------------------------------------------ internal metrics
def internal_case(name, x, labels, n_clusters, centers=None, km_inertia=None, metrics=METRICS):
    labels = np.asarray(labels, dtype=np.int64)
    keep = labels >= 0
    xk, lk = x[keep], labels[keep]
    case = {
        "name": name,
        "n": x.shape[0],
        "d": x.shape[1],
        "n_clusters": n_clusters,
        "x": x.tolist(),
        "labels": labels.tolist(),
        "silhouette": {},
    }
    for m in metrics:
        samples = np.zeros(x.shape[0])
        samples[keep] = silhouette_samples(xk, lk, metric=m)
        case["silhouette"][m] = {
            "score": float(silhouette_score(xk, lk, metric=m)),
            "samples": samples.tolist(),
        }
    case["calinski_harabasz"] = float(calinski_harabasz_score(xk, lk))
    case["davies_bouldin"] = float(davies_bouldin_score(xk, lk))
    if centers is not None:
        case["centers"] = np.asarray(centers).tolist()
        if km_inertia is not None:
            case["inertia"] = float(km_inertia)
        else:
            diff = xk - np.asarray(centers)[lk]
            case["inertia"] = float(np.sum(diff * diff))
    return case


def internal_cases():
    cases = []
    x, _ = make_blobs(n_samples=60, centers=4, n_features=3, cluster_std=1.5, random_state=7)
    x = x + 20.0  # away from the origin (cosine)
    km = KMeans(n_clusters=4, n_init=1, random_state=7).fit(x)
    cases.append(internal_case("kmeans_blobs", x, km.labels_, 4, km.cluster_centers_, km.inertia_))

    # Overlapping blobs, DBSCAN-style noise (-1), a singleton, an unused cluster id (2 of 0..4).
    rng = np.random.default_rng(202)
    x, y = make_blobs(n_samples=50, centers=3, n_features=2, cluster_std=2.5, random_state=3)
    # On a 1/8 grid: scikit-learn's Euclidean distances use |x|^2 - 2 x.c + |c|^2,
    # which is exact on the grid, so the singleton's distance to its own centroid
    # is exactly 0 there (off the grid it is sqrt(rounding noise), about 1e-7).
    x = np.round((x + np.array([30.0, -40.0])) * 8.0) / 8.0
    labels = np.where(y == 2, 3, y)
    labels[rng.choice(50, size=6, replace=False)] = -1
    single = int(np.flatnonzero(labels == 1)[0])
    labels[single] = 4  # a singleton cluster
    centers = np.array([x[labels == c].mean(axis=0) if np.any(labels == c) else np.zeros(2) for c in range(5)])
    cases.append(internal_case("noise_singleton_gap", x, labels, 5, centers))

    # Duplicated integer points: zero within-cluster dispersion (CH = 1, DB = 0, silhouette 1).
    x = np.array([[0, 0], [0, 0], [0, 0], [3, 4], [3, 4], [6, 8], [6, 8], [6, 8]], dtype=float)
    labels = [0, 0, 0, 1, 1, 2, 2, 2]
    cases.append(internal_case("zero_within_dispersion", x, labels, 3,
                               np.array([[0, 0], [3, 4], [6, 8]], dtype=float),
                               metrics=["euclidean", "manhattan", "chebyshev"]))

    # Many singletons: n_clusters = n - 1 (the largest valid count).
    x = np.array([[1.0, 2.0], [2.0, 1.5], [4.0, 4.0], [5.0, 7.0], [9.0, 1.0], [1.5, 2.5]])
    labels = [0, 1, 2, 3, 4, 0]
    cases.append(internal_case("n_minus_one_clusters", x, labels, 5))

    # Two clusters, 1-d, with a far outlier labelled as noise.
    x = np.array([[0.5], [1.0], [1.75], [8.0], [9.5], [1e6]])
    labels = [0, 0, 0, 1, 1, -1]
    # Cosine: 1-d positive rows are parallel, every distance is exactly 0 and every
    # silhouette 0 (scikit-learn normalizes rows, so its zeros are exact).
    cases.append(internal_case("one_dimension_noise", x, labels, 2, np.array([[1.0833333333333333], [8.75]])))

    # Larger k-means case with 5 features (blocks of distance lanes) and f64 noise.
    x, _ = make_blobs(n_samples=150, centers=6, n_features=5, cluster_std=3.0, random_state=11)
    x = x + 15.0
    km = KMeans(n_clusters=6, n_init=1, random_state=11).fit(x)
    cases.append(internal_case("kmeans_overlapping_5d", x, km.labels_, 6, km.cluster_centers_, km.inertia_))
    return cases


# ------------------------------------------------------------ contingency
def contingency_cases():
    rng = np.random.default_rng(303)
    cases = []

    def add(name, a, b):
        a = np.asarray(a, dtype=np.int64)
        b = np.asarray(b, dtype=np.int64)
        cases.append({
            "name": name,
            "a": a.tolist(),
            "b": b.tolist(),
            "ari": float(adjusted_rand_score(a, b)),
            "nmi": float(normalized_mutual_info_score(a, b, average_method="arithmetic")),
        })

    imin, imax = -(2**31), 2**31 - 1
    add("n1", [5], [-7])
    add("n2_same", [0, 0], [1, 1])
    add("n2_split", [0, 0], [0, 1])
    add("both_single_cluster", [3] * 10, [imin] * 10)
    add("one_single_cluster", [3] * 10, list(range(10)))
    add("single_vs_all_singletons", list(range(12)), [0] * 12)
    add("all_singletons_both", list(range(12)), list(range(100, 112)))
    add("identical_up_to_renaming", [0, 0, 1, 1, 2, 2, 2], [imax, imax, imin, imin, -1, -1, -1])
    add("sklearn_doc_example", [0, 0, 1, 2], [0, 0, 1, 1])
    add("independent_2x2", [0, 0, 1, 1], [0, 1, 0, 1])
    a = rng.integers(0, 5, size=200)
    b = np.where(rng.random(200) < 0.4, a, rng.integers(0, 4, size=200)) * 1000 - 1500
    add("random_correlated_200", a, b)
    a = rng.integers(imin, imax, size=8, endpoint=True)[rng.integers(0, 8, size=500)]
    b = rng.integers(-3, 3, size=500)
    add("extreme_values_500", a, b)
    a = rng.integers(0, 50, size=3000)
    b = (a + rng.integers(0, 3, size=3000) * (rng.random(3000) < 0.3)) % 47 - 20
    add("many_clusters_3000", a, b)
    a = rng.integers(0, 3, size=1000)
    b = rng.integers(0, 3, size=1000)
    add("independent_random_1000", a, b)
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    write("scaler.json", {**header({"numpy_default_rng": 101}), "cases": scaler_cases()})
    write("internal.json", {**header({"make_blobs": [7, 3, 11], "kmeans": [7, 11], "numpy_default_rng": 202}),
                            "cases": internal_cases()})
    write("contingency.json", {**header({"numpy_default_rng": 303}), "cases": contingency_cases()})


if __name__ == "__main__":
    main()
