"""nanoclust extras: choosing k (kmeans_sweep) and eps (suggest_eps)."""

from collections import namedtuple

import numpy as np
from sklearn.utils.validation import check_array

from ._core import call, cptr, ffi, fn, lib, reject_sparse, seed_from, workspace
from ._dbscan import metric_code
from ._kmeans import _INIT

KMeansSweep = namedtuple("KMeansSweep", "k inertia silhouette best_silhouette_k elbow_k")
SuggestedEps = namedtuple("SuggestedEps", "eps curve knee")


def _X(X):
    reject_sparse(X)
    return np.ascontiguousarray(check_array(X, dtype=[np.float64, np.float32], order="C"))


def kmeans_sweep(X, k_min=2, k_max=10, *, sample_weight=None, init="k-means++", n_init=1, max_iter=300, tol=1e-4,
                 random_state=0, silhouette=True):
    """Fit k-means for every k in [k_min, k_max] (``nanoclust_kmeans_sweep_*``).

    Returns ``KMeansSweep(k, inertia, silhouette, best_silhouette_k, elbow_k)``: the
    inertia and Euclidean silhouette of each fit (silhouette None when
    ``silhouette=False``), the k with the best silhouette and the k at the knee of the
    inertia curve (0 when there is none). 2 <= k_min <= k_max <= n_samples - 1.
    """
    X = _X(X)
    n, d = X.shape
    sw = None if sample_weight is None else np.ascontiguousarray(sample_weight, dtype=X.dtype)
    params = lib.nanoclust_kmeans_params_default(k_min)
    params.init = _INIT[init]
    params.n_init = n_init
    params.max_iter = max_iter
    params.tol = float(tol)
    params.seed = seed_from(random_state)
    ws, nbytes, _keep = workspace(fn("nanoclust_kmeans_sweep_workspace_size", X.dtype), n, d, k_min, k_max,
                                  ffi.addressof(params))
    m = k_max - k_min + 1
    inertia = np.empty(m)
    sil = np.empty(m) if silhouette else None
    res = ffi.new("nanoclust_kmeans_sweep_result *")
    call(fn("nanoclust_kmeans_sweep", X.dtype), cptr(X), n, d, cptr(sw), k_min, k_max, ffi.addressof(params), ws,
         nbytes, cptr(inertia), cptr(sil), res)
    return KMeansSweep(np.arange(k_min, k_max + 1), inertia, sil, int(res.best_silhouette_k) or None,
                       int(res.elbow_k) or None)


def suggest_eps(X, min_samples=5, metric="euclidean"):
    """eps for DBSCAN at the knee of the sorted k-distance curve (``nanoclust_suggest_eps_*``).

    Returns ``SuggestedEps(eps, curve, knee)``: the suggested eps, the ascending
    k-distance curve (distance of each sample to its ``min_samples``-th nearest
    sample, itself included) and the knee's index in it.
    """
    X = _X(X)
    n, d = X.shape
    code = metric_code(metric)
    ws, nbytes, _keep = workspace(fn("nanoclust_suggest_eps_workspace_size", X.dtype), n, d, min_samples, code)
    eps = ffi.new("double *")
    curve = np.empty(n, dtype=X.dtype)
    knee = ffi.new("size_t *")
    call(fn("nanoclust_suggest_eps", X.dtype), cptr(X), n, d, min_samples, code, ws, nbytes, eps, cptr(curve), knee)
    return SuggestedEps(float(eps[0]), curve, int(knee[0]))
