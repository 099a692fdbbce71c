#!/usr/bin/env python3
"""Writes the k-means parity fixtures to tests/fixtures/kmeans/*.json.

Run with the pinned reference environment (tools/requirements.txt):
    .venv/bin/python tools/gen_kmeans_fixtures.py

Each fixture records the generator, the library versions (read at run time)
and the seeds. scikit-learn runs single-threaded (OMP_NUM_THREADS=1 and
threadpoolctl), so its sums are sequential.

Kinds:
- "fit": KMeans(init=<provided centers>, n_init=1, algorithm="lloyd") ->
  labels, centers, inertia, n_iter (parity: identical labels, 1e-7 relative).
- "plusplus": KMeans(init="k-means++", n_init=10) best inertia over several
  seeds; nanoclust's k-means++ must do no worse.
- "partial_fit": MiniBatchKMeans(init=<centers>, reassignment_ratio=0)
  .partial_fit over several batches -> centers and counts after each.
- "predict": labels and squared distances of new points (KMeans.predict/transform).
"""
import os

os.environ["OMP_NUM_THREADS"] = "1"

import json
import pathlib
import sys

import numpy as np
import scipy
import sklearn
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.datasets import load_iris, load_wine, make_blobs
from threadpoolctl import threadpool_limits

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "kmeans"
VERSIONS = {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__}
GENERATOR = "tools/gen_kmeans_fixtures.py"


def write(name, obj):
    obj = {"generator": GENERATOR, "versions": VERSIONS, **obj}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.json").write_text(json.dumps(obj, separators=(",", ":")) + "\n")


def floats(a):
    return np.asarray(a, dtype=np.float64).tolist()


def fit_case(name, x, k, seed, weights=None, max_iter=300, tol=1e-4, init=None, note=""):
    rng = np.random.RandomState(seed)
    if init is None:
        init = x[rng.choice(x.shape[0], k, replace=False)].copy()
    init = np.asarray(init, dtype=x.dtype)
    km = KMeans(n_clusters=k, init=init, n_init=1, max_iter=max_iter, tol=tol, algorithm="lloyd")
    km.fit(x, sample_weight=weights)
    write(
        name,
        {
            "kind": "fit",
            "note": note,
            "seed": seed,
            "dtype": str(x.dtype),
            "n": x.shape[0],
            "d": x.shape[1],
            "k": k,
            "max_iter": max_iter,
            "tol": tol,
            "x": floats(x),
            "sample_weight": None if weights is None else floats(weights),
            "init": floats(init),
            "labels": km.labels_.tolist(),
            "centers": floats(km.cluster_centers_),
            "inertia": float(km.inertia_),
            "n_iter": int(km.n_iter_),
        },
    )


def plusplus_case(name, x, k, seeds, weights=None):
    best = min(
        KMeans(n_clusters=k, init="k-means++", n_init=10, random_state=s).fit(x, sample_weight=weights).inertia_
        for s in seeds
    )
    write(
        name,
        {
            "kind": "plusplus",
            "seeds": list(seeds),
            "dtype": str(x.dtype),
            "n": x.shape[0],
            "d": x.shape[1],
            "k": k,
            "x": floats(x),
            "sample_weight": None if weights is None else floats(weights),
            "best_inertia": float(best),
        },
    )


def partial_fit_case(name, x, k, seed, batch, weights=None):
    rng = np.random.RandomState(seed)
    init = x[rng.choice(x.shape[0], k, replace=False)].copy()
    mb = MiniBatchKMeans(n_clusters=k, init=init, n_init=1, reassignment_ratio=0.0, compute_labels=False)
    steps = []
    for start in range(0, x.shape[0], batch):
        xb = x[start : start + batch]
        wb = None if weights is None else weights[start : start + batch]
        mb.partial_fit(xb, sample_weight=wb)
        steps.append({"centers": floats(mb.cluster_centers_), "counts": floats(mb._counts)})
    write(
        name,
        {
            "kind": "partial_fit",
            "seed": seed,
            "dtype": str(x.dtype),
            "n": x.shape[0],
            "d": x.shape[1],
            "k": k,
            "batch": batch,
            "x": floats(x),
            "sample_weight": None if weights is None else floats(weights),
            "init": floats(init),
            "steps": steps,
        },
    )


def predict_case(name, x, k, seed, x_new):
    km = KMeans(n_clusters=k, n_init=3, random_state=seed).fit(x)
    dist = km.transform(x_new) ** 2
    write(
        name,
        {
            "kind": "predict",
            "seed": seed,
            "dtype": str(x.dtype),
            "d": x.shape[1],
            "k": k,
            "centers": floats(km.cluster_centers_),
            "x": floats(x_new),
            "n": x_new.shape[0],
            "labels": km.predict(x_new).tolist(),
            "sq_distances": floats(dist.min(axis=1)),
        },
    )


def main():
    with threadpool_limits(1):
        # Overlapping 2-d blobs: many iterations before the labels settle.
        x, _ = make_blobs(n_samples=400, centers=5, n_features=2, cluster_std=2.5, random_state=1)
        fit_case("fit_blobs2d_f64", x, 5, 11, note="overlapping blobs")
        fit_case("fit_blobs2d_maxiter3_f64", x, 5, 12, max_iter=3, note="stops at max_iter: final E-step")
        fit_case("fit_blobs2d_tol0_f64", x, 8, 13, tol=0.0, note="tol = 0: strict convergence only")
        # Anisotropic, offset, different feature scales.
        x, _ = make_blobs(n_samples=300, centers=6, n_features=5, cluster_std=1.5, random_state=2)
        x = x * np.array([1.0, 10.0, 0.1, 100.0, 1.0]) + 1000.0
        fit_case("fit_aniso5d_f64", x, 6, 21, note="scaled features, offset 1000")
        # Real-valued tables bundled with scikit-learn.
        wine = load_wine().data.astype(np.float64)
        fit_case("fit_wine_f64", wine, 3, 31, note="UCI wine (178 x 13)")
        iris = load_iris().data.astype(np.float64)
        fit_case("fit_iris_k4_f64", iris, 4, 32, note="iris (150 x 4)")
        # Weighted data (some zero weights).
        x, _ = make_blobs(n_samples=250, centers=4, n_features=3, cluster_std=2.0, random_state=3)
        rng = np.random.RandomState(41)
        w = rng.choice([0.0, 0.5, 1.0, 2.0, 3.5], size=x.shape[0])
        fit_case("fit_weighted3d_f64", x, 4, 42, weights=w, note="weights incl. zeros")
        # Empty clusters: initial centers far from the data get relocated.
        x, _ = make_blobs(n_samples=200, centers=3, n_features=2, cluster_std=1.0, random_state=4)
        init = np.vstack([x[:2], [[100.0, 100.0]]])
        fit_case("fit_empty1_f64", x, 3, 51, init=init, note="one empty cluster relocated")
        init = np.vstack([x[:2], [[100.0, 100.0], [-100.0, 50.0]]])
        fit_case("fit_empty2_f64", x, 4, 52, init=init, note="two empty clusters relocated")
        # float32 data: scikit-learn works in float32.
        x, _ = make_blobs(n_samples=400, centers=4, n_features=3, cluster_std=2.0, random_state=6)
        fit_case("fit_blobs3d_f32", x.astype(np.float32), 4, 61, note="float32")
        fit_case("fit_wine_f32", wine.astype(np.float32), 3, 62, note="float32 wine")
        # k-means++ quality: no worse than scikit-learn's best of 10.
        x, _ = make_blobs(n_samples=500, centers=8, n_features=4, cluster_std=1.0, random_state=7)
        plusplus_case("plusplus_blobs4d_f64", x, 8, [0, 1, 2])
        plusplus_case("plusplus_wine_f64", wine, 3, [0, 1, 2])
        plusplus_case("plusplus_iris_f32", iris.astype(np.float32), 3, [0, 1, 2])
        rng = np.random.RandomState(71)
        w = rng.uniform(0.0, 3.0, size=x.shape[0])
        plusplus_case("plusplus_weighted_f64", x, 8, [0, 1, 2], weights=w)
        # Mini-batch steps.
        x, _ = make_blobs(n_samples=300, centers=4, n_features=3, cluster_std=1.5, random_state=8)
        partial_fit_case("partial_fit_f64", x, 4, 81, batch=64)
        rng = np.random.RandomState(82)
        w = rng.uniform(0.0, 2.0, size=x.shape[0])
        partial_fit_case("partial_fit_weighted_f64", x, 4, 83, batch=50, weights=w)
        partial_fit_case("partial_fit_f32", x.astype(np.float32), 4, 84, batch=64)
        # Prediction.
        x_new = np.random.RandomState(91).uniform(-12, 12, size=(60, 2))
        xb, _ = make_blobs(n_samples=300, centers=4, n_features=2, random_state=9)
        predict_case("predict_f64", xb, 4, 92, x_new)
    print(f"wrote {len(list(OUT.glob('*.json')))} fixtures to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
