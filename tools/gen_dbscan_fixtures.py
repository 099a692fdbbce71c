#!/usr/bin/env python3
"""Writes the DBSCAN parity fixtures tests/fixtures/dbscan/*.json.

Run with the pinned reference environment (tools/requirements.txt):
    .venv/bin/python tools/gen_dbscan_fixtures.py

Each fixture holds the data, optional sample weights, the parameters, and what
scikit-learn computes for them:
  - labels / core: DBSCAN(eps, min_samples, metric).fit(x, sample_weight)
    labels_ and the core flags (from core_sample_indices_), checked identical
    for algorithm = brute, kd_tree and ball_tree (where the metric allows);
  - core_distances: NearestNeighbors(n_neighbors=min_samples, metric)
    .kneighbors(x)[0][:, -1] (the sample itself counts as its first neighbour).

Boundary safety: scikit-learn's radius queries compute distances with different
formulas (kd_tree/ball_tree: sqrt of summed squares; brute Euclidean:
|x|^2 - 2 x.y + |y|^2), so a pair whose distance sits within rounding of eps
could go either way. Every fixture is checked to have NO pair whose distance
(scipy cdist, float64) lies within 1e-9 of eps (eps is nudged until that holds),
and weights are multiples of 1/4, so neighbourhood weight sums are exact in any
order and in float32 too.

The fixtures also record how many border samples are reachable from two or
more clusters (`n_contested`): for those, the label depends on scikit-learn's
expansion order, which is what the parity test pins down.
"""

import json
import os
import sys

import numpy as np
import scipy
import sklearn
from scipy.spatial.distance import cdist
from sklearn.cluster import DBSCAN
from sklearn.datasets import make_blobs, make_circles, make_moons
from sklearn.neighbors import NearestNeighbors

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "dbscan")
MARGIN = 1e-9
VERSIONS = {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__}
SCIPY_METRIC = {"euclidean": "euclidean", "manhattan": "cityblock", "chebyshev": "chebyshev", "cosine": "cosine"}
METRIC_ID = {"euclidean": 0, "manhattan": 1, "chebyshev": 2, "cosine": 3}


def uniform_noise(rng, x, count, pad=0.5):
    lo, hi = x.min(axis=0) - pad, x.max(axis=0) + pad
    return rng.uniform(lo, hi, size=(count, x.shape[1]))


def dataset(kind, n, d, seed):
    rng = np.random.default_rng(seed)
    if kind == "moons":
        x, _ = make_moons(n_samples=n, noise=0.07, random_state=seed)
    elif kind == "circles":
        x, _ = make_circles(n_samples=n, noise=0.05, factor=0.5, random_state=seed)
    elif kind == "anisotropic":
        x, _ = make_blobs(n_samples=n, centers=3, n_features=d, random_state=seed)
        t = rng.normal(size=(d, d)) * 0.6 + np.eye(d)
        x = x @ t
    elif kind == "varied":
        x, _ = make_blobs(n_samples=n, centers=4, n_features=d, cluster_std=[0.4, 1.0, 1.6, 0.7], random_state=seed)
    elif kind == "touching":
        # Two dense blobs whose rims overlap: many border samples reachable from both.
        a = rng.normal(size=(n // 2, d)) * 0.5
        b = rng.normal(size=(n - n // 2, d)) * 0.5 + np.eye(d)[0] * 2.2
        x = np.vstack([a, b])
        rng.shuffle(x)
    else:
        raise ValueError(kind)
    noise = uniform_noise(rng, x, max(n // 10, 5))
    x = np.vstack([x, noise])
    rng.shuffle(x)
    if kind != "touching":
        x = x - x.mean(axis=0) + 3.0  # keep cosine meaningful (angles differ) and rows non-zero
    else:
        x = x + 0.5
    return np.round(x, 6)


def safe_eps(dist, eps):
    """Nudges eps until no pairwise distance lies within MARGIN of it."""
    for _ in range(1000):
        if np.min(np.abs(dist - eps)) > MARGIN:
            return eps
        eps = float(eps * (1 + 1e-6) + 1e-7)
    raise RuntimeError("could not find a safe eps")


def algorithms(metric):
    return ["brute", "kd_tree", "ball_tree"] if metric != "cosine" else ["brute"]


def contested(x, labels, core, dist, eps):
    count = 0
    for i in np.flatnonzero(~core):
        nb = np.flatnonzero((dist[i] <= eps) & core)
        if len(set(labels[nb])) >= 2:
            count += 1
    return count


def make_case(name, kind, n, d, metric, eps_quantile, min_samples, weighted, seed):
    x = dataset(kind, n, d, seed)
    dist = cdist(x, x, metric=SCIPY_METRIC[metric])
    k = min(min_samples, len(x))
    kth = np.sort(dist, axis=1)[:, k - 1]
    eps = safe_eps(dist, float(np.round(np.quantile(kth, eps_quantile), 6)))
    rng = np.random.default_rng(seed + 1000)
    w = None
    if weighted:
        w = rng.choice([-0.5, 0.0, 0.25, 0.5, 1.0, 1.0, 1.5, 2.0, 3.0], size=len(x))
    results = []
    for algo in algorithms(metric):
        m = DBSCAN(eps=eps, min_samples=min_samples, metric=metric, algorithm=algo).fit(x, sample_weight=w)
        core = np.zeros(len(x), dtype=bool)
        core[m.core_sample_indices_] = True
        results.append((m.labels_.copy(), core))
    labels, core = results[0]
    for other_labels, other_core in results[1:]:
        assert np.array_equal(labels, other_labels) and np.array_equal(core, other_core), name
    nn_algo = "brute" if metric == "cosine" else "kd_tree"
    nn = NearestNeighbors(n_neighbors=min_samples, metric=metric, algorithm=nn_algo).fit(x)
    core_dist = nn.kneighbors(x)[0][:, -1]
    fixture = {
        "generator": "tools/gen_dbscan_fixtures.py",
        "versions": VERSIONS,
        "seed": seed,
        "dataset": kind,
        "n": int(len(x)),
        "d": int(d),
        "x": x.tolist(),
        "sample_weight": None if w is None else w.tolist(),
        "eps": eps,
        "min_samples": min_samples,
        "metric": metric,
        "metric_id": METRIC_ID[metric],
        "boundary_margin": float(np.min(np.abs(dist - eps))),
        "labels": labels.tolist(),
        "core": core.astype(int).tolist(),
        "n_clusters": int(labels.max() + 1),
        "n_contested": contested(x, labels, core, dist, eps),
        "core_distances": core_dist.tolist(),
    }
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
    return fixture


CASES = [
    # name, dataset, n, d, metric, eps quantile of the k-distance, min_samples, weighted, seed
    ("moons_euclidean", "moons", 300, 2, "euclidean", 0.8, 5, False, 1),
    ("moons_manhattan_weighted", "moons", 300, 2, "manhattan", 0.8, 4, True, 2),
    ("circles_chebyshev", "circles", 300, 2, "chebyshev", 0.85, 5, False, 3),
    ("circles_cosine_weighted", "circles", 300, 2, "cosine", 0.7, 6, True, 4),
    ("anisotropic_euclidean_weighted", "anisotropic", 300, 2, "euclidean", 0.75, 6, True, 5),
    ("anisotropic_cosine", "anisotropic", 250, 3, "cosine", 0.7, 5, False, 6),
    ("varied_euclidean_3d", "varied", 300, 3, "euclidean", 0.7, 8, False, 7),
    ("varied_manhattan_5d", "varied", 250, 5, "manhattan", 0.75, 6, False, 8),
    ("varied_chebyshev_8d_weighted", "varied", 250, 8, "chebyshev", 0.7, 5, True, 9),
    ("varied_euclidean_16d", "varied", 200, 16, "euclidean", 0.75, 5, False, 10),
    ("varied_cosine_16d_weighted", "varied", 200, 16, "cosine", 0.7, 5, True, 11),
    ("touching_euclidean", "touching", 300, 2, "euclidean", 0.6, 12, False, 12),
    ("touching_manhattan_3d", "touching", 300, 3, "manhattan", 0.6, 10, False, 13),
    ("touching_chebyshev_weighted", "touching", 300, 2, "chebyshev", 0.55, 9, True, 14),
    ("touching_cosine_4d", "touching", 300, 4, "cosine", 0.5, 8, False, 15),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    total_contested = 0
    for case in CASES:
        f = make_case(*case)
        total_contested += f["n_contested"]
        print(f"{case[0]:34s} n={f['n']:4d} d={f['d']:2d} eps={f['eps']:.6g} clusters={f['n_clusters']:2d} "
              f"core={sum(f['core']):4d} noise={f['labels'].count(-1):3d} contested={f['n_contested']:3d} "
              f"margin={f['boundary_margin']:.2e}")
    assert total_contested > 0, "no fixture exercises border samples reachable from two clusters"


if __name__ == "__main__":
    sys.exit(main())
