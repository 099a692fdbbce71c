#!/usr/bin/env python3
"""Writes the Gaussian-mixture parity fixtures to tests/fixtures/gmm/*.json.

Run with the pinned reference environment: .venv/bin/python tools/gen_gmm_fixtures.py

One file per data set (blobs of different shapes, sklearn's bundled iris and wine,
no download). Each holds the data, a held-out set `x_test`, and cases for every
covariance type and two starts:

- "provided": a start given as weights, means and COVARIANCES. nanoclust's
  NANOCLUST_GMM_INIT_PROVIDED takes covariances, scikit-learn's GaussianMixture
  takes `precisions_init` (their inverses), so this script passes
  `precisions_init = inv(covariances)` (1 / variance for diag and spherical) to
  scikit-learn and records the covariances for nanoclust.
- "labels": scikit-learn's own k-means start (init_params='kmeans'): the labels of
  KMeans(n_clusters=k, n_init=1, random_state=RandomState(seed)), exactly the run
  GaussianMixture(random_state=seed) makes, recorded so that nanoclust's
  fit_from_labels can start from the same hard responsibilities.

"kmeans_init": scikit-learn's final lower bounds with its default k-means start
(n_init 1 and 3) for random_state 0..49; nanoclust's own k-means start (its own
random stream, seeds 0..49) must match their mean
(within tol plus three standard errors).

Expected values: the fitted weights, means, covariances, n_iter, converged and
lower bound; predict / predict_proba / score_samples on x_test; bic on x.
"""
import json
import os

import numpy as np
import scipy
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import load_iris, load_wine
from sklearn.mixture import GaussianMixture

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "gmm")
TYPES = ["full", "tied", "diag", "spherical"]
KMEANS_SEEDS = list(range(50))


def versions():
    return {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__}


def blobs(seed):
    """Three 2-D clusters of different shapes: elongated, rotated, round and small."""
    rs = np.random.RandomState(seed)
    a = rs.randn(120, 2) @ np.array([[3.0, 0.0], [0.0, 0.4]]) + [0.0, 0.0]
    rot = np.array([[np.cos(0.8), -np.sin(0.8)], [np.sin(0.8), np.cos(0.8)]])
    b = (rs.randn(100, 2) @ np.array([[1.5, 0.0], [0.0, 0.3]])) @ rot.T + [4.0, 3.0]
    c = rs.randn(80, 2) * 0.5 + [-3.0, 4.0]
    x = np.vstack([a, b, c])
    order = rs.permutation(len(x))
    return x[order]


def provided_start(x, k, cov_type, seed):
    rs = np.random.RandomState(seed)
    means = x[rs.choice(len(x), k, replace=False)].copy()
    weights = np.full(k, 1.0 / k)
    emp = np.atleast_2d(np.cov(x.T, bias=True))
    d = x.shape[1]
    if cov_type == "full":
        cov = np.array([emp * (1.0 + 0.1 * j) for j in range(k)])
        prec = np.array([np.linalg.inv(c) for c in cov])
    elif cov_type == "tied":
        cov = emp
        prec = np.linalg.inv(cov)
    elif cov_type == "diag":
        cov = np.array([np.diag(emp) * (1.0 + 0.1 * j) for j in range(k)])
        prec = 1.0 / cov
    else:
        cov = np.array([np.trace(emp) / d * (1.0 + 0.1 * j) for j in range(k)])
        prec = 1.0 / cov
    return weights, means, cov, prec


def case(x, x_test, k, cov_type, start, seed, dtype):
    x = x.astype(dtype)
    x_test = x_test.astype(dtype)
    c = {"k": k, "covariance_type": cov_type, "start": start, "seed": seed, "dtype": str(np.dtype(dtype)),
         "tol": 1e-3, "reg_covar": 1e-6, "max_iter": 100}
    if start == "provided":
        w, m, cov, prec = provided_start(x.astype(np.float64), k, cov_type, seed)
        gm = GaussianMixture(k, covariance_type=cov_type, weights_init=w.astype(dtype),
                             means_init=m.astype(dtype), precisions_init=prec.astype(dtype),
                             random_state=seed, tol=c["tol"], reg_covar=c["reg_covar"],
                             max_iter=c["max_iter"])
        c["weights_init"] = w.tolist()
        c["means_init"] = m.tolist()
        c["covariances_init"] = np.asarray(cov).tolist()
    else:
        labels = KMeans(n_clusters=k, n_init=1, random_state=np.random.RandomState(seed)).fit(x).labels_
        gm = GaussianMixture(k, covariance_type=cov_type, init_params="kmeans", random_state=seed,
                             tol=c["tol"], reg_covar=c["reg_covar"], max_iter=c["max_iter"])
        c["labels_init"] = labels.tolist()
    gm.fit(x)
    c["weights"] = gm.weights_.tolist()
    c["means"] = gm.means_.tolist()
    c["covariances"] = np.asarray(gm.covariances_).tolist()
    c["n_iter"] = int(gm.n_iter_)
    c["converged"] = bool(gm.converged_)
    c["lower_bound"] = float(gm.lower_bound_)
    c["predict"] = gm.predict(x_test).tolist()
    c["proba"] = gm.predict_proba(x_test).tolist()
    c["score_samples"] = gm.score_samples(x_test).tolist()
    c["bic"] = float(gm.bic(x))
    return c


def write(name, x, x_test, k, seeds, note, f32_types=()):
    cases = []
    for cov_type in TYPES:
        for start in ["provided", "labels"]:
            cases.append(case(x, x_test, k, cov_type, start, seeds[start], np.float64))
    for cov_type in f32_types:
        cases.append(case(x, x_test, k, cov_type, "provided", seeds["provided"], np.float32))
    kmeans_init = []
    for cov_type in TYPES:
        for n_init in [1, 3]:
            lbs = [float(GaussianMixture(k, covariance_type=cov_type, n_init=n_init, random_state=s).fit(x).lower_bound_)
                   for s in KMEANS_SEEDS]
            kmeans_init.append({"covariance_type": cov_type, "n_init": n_init, "seeds": KMEANS_SEEDS,
                                "lower_bounds": lbs})
    doc = {
        "generator": "tools/gen_gmm_fixtures.py",
        "versions": versions(),
        "data": note,
        "seeds": seeds,
        "x": x.tolist(),
        "x_test": x_test.tolist(),
        "cases": cases,
        "kmeans_init": kmeans_init,
    }
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"))


def main():
    x = blobs(7)
    rs = np.random.RandomState(8)
    x_test = np.vstack([x[rs.choice(len(x), 20, replace=False)] + 0.1 * rs.randn(20, 2),
                        rs.uniform(-8, 8, size=(5, 2))])
    write("blobs", x, x_test, 3, {"data": 7, "provided": 3, "labels": 5},
          "blobs(7): three 2-D clusters, elongated / rotated / round", ["full", "diag"])

    iris = load_iris().data
    rs = np.random.RandomState(9)
    x_test = iris[rs.choice(len(iris), 20, replace=False)] + 0.05 * rs.randn(20, 4)
    write("iris", iris, x_test, 3, {"provided": 11, "labels": 0},
          "sklearn.datasets.load_iris().data (bundled)", ["full", "spherical"])

    wine = load_wine().data[:, :6]
    wine = (wine - wine.mean(0)) / wine.std(0)
    rs = np.random.RandomState(10)
    x_test = wine[rs.choice(len(wine), 15, replace=False)] + 0.05 * rs.randn(15, 6)
    write("wine", wine, x_test, 4, {"provided": 12, "labels": 2},
          "sklearn.datasets.load_wine().data[:, :6], standardised (bundled)")


if __name__ == "__main__":
    main()
