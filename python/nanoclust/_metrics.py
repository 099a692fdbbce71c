"""Clustering metrics with scikit-learn's signatures over nanoclust's metric functions."""

import numpy as np
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_array, check_consistent_length

from ._core import call, cptr, ffi, float_dtype, fn, reject_sparse, workspace
from ._dbscan import metric_code


def _X_labels(X, labels):
    reject_sparse(X)
    X = check_array(X, dtype=[np.float64, np.float32], order="C")
    labels = np.asarray(labels)
    check_consistent_length(X, labels)
    classes, enc = np.unique(labels, return_inverse=True)
    n_labels = classes.shape[0]
    n = X.shape[0]
    if not 1 < n_labels < n:
        raise ValueError(f"Number of labels is {n_labels}. Valid values are 2 to n_samples - 1 (inclusive)")
    return np.ascontiguousarray(X), np.ascontiguousarray(enc.reshape(-1), dtype=np.int32), n_labels


def _silhouette_metric(metric):
    if metric == "precomputed":
        raise NotImplementedError("nanoclust's silhouette does not support metric='precomputed'")
    return metric_code(metric)


def silhouette_samples(X, labels, *, metric="euclidean", **kwds):
    """scikit-learn's ``silhouette_samples`` (O(n) memory, any supported metric).

    Labels are arbitrary (as in scikit-learn, -1 is an ordinary label here).
    Metrics as :class:`DBSCAN`'s; 'precomputed', callables and metric keywords raise
    NotImplementedError."""
    if kwds:
        raise NotImplementedError(f"nanoclust's silhouette takes no metric keywords ({sorted(kwds)})")
    code = _silhouette_metric(metric)
    X, lab, k = _X_labels(X, labels)
    n, d = X.shape
    ws, nbytes, _keep = workspace("nanoclust_silhouette_workspace_size", n, k)
    out = np.empty(n, dtype=X.dtype)
    call(fn("nanoclust_silhouette_samples", X.dtype), cptr(X), n, d, cptr(lab), k, code, ws, nbytes, cptr(out))
    return out.astype(np.float64)


def silhouette_score(X, labels, *, metric="euclidean", sample_size=None, random_state=None, **kwds):
    """scikit-learn's ``silhouette_score``; ``sample_size`` draws the subset with numpy as scikit-learn."""
    if kwds:
        raise NotImplementedError(f"nanoclust's silhouette takes no metric keywords ({sorted(kwds)})")
    code = _silhouette_metric(metric)
    if sample_size is not None:
        reject_sparse(X)
        X = check_array(X, dtype=[np.float64, np.float32])
        labels = np.asarray(labels)
        check_consistent_length(X, labels)
        idx = check_random_state(random_state).permutation(X.shape[0])[:sample_size]
        X, labels = X[idx], labels[idx]
    X, lab, k = _X_labels(X, labels)
    n, d = X.shape
    ws, nbytes, _keep = workspace("nanoclust_silhouette_workspace_size", n, k)
    out = ffi.new("double *")
    call(fn("nanoclust_silhouette_score", X.dtype), cptr(X), n, d, cptr(lab), k, code, ws, nbytes, out)
    return float(out[0])


def _cluster_stats(name, X, labels):
    X, lab, k = _X_labels(X, labels)
    n, d = X.shape
    ws, nbytes, _keep = workspace("nanoclust_cluster_stats_workspace_size", d, k)
    out = ffi.new("double *")
    call(fn(name, X.dtype), cptr(X), n, d, cptr(lab), k, ws, nbytes, out)
    return float(out[0])


def calinski_harabasz_score(X, labels):
    """scikit-learn's ``calinski_harabasz_score`` (labels arbitrary)."""
    return _cluster_stats("nanoclust_calinski_harabasz", X, labels)


def davies_bouldin_score(X, labels):
    """scikit-learn's ``davies_bouldin_score`` (labels arbitrary)."""
    return _cluster_stats("nanoclust_davies_bouldin", X, labels)


def _two_labelings(name, a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim != 1:
        raise ValueError(f"labels_true must be 1D: shape is {a.shape}")
    if b.ndim != 1:
        raise ValueError(f"labels_pred must be 1D: shape is {b.shape}")
    check_consistent_length(a, b)
    n = a.shape[0]
    if n == 0:
        return 1.0
    ea = np.ascontiguousarray(np.unique(a, return_inverse=True)[1].reshape(-1), dtype=np.int32)
    eb = np.ascontiguousarray(np.unique(b, return_inverse=True)[1].reshape(-1), dtype=np.int32)
    ws, nbytes, _keep = workspace("nanoclust_contingency_workspace_size", n)
    out = ffi.new("double *")
    call(name, cptr(ea), cptr(eb), n, ws, nbytes, out)
    return float(out[0])


def adjusted_rand_score(labels_true, labels_pred):
    """scikit-learn's ``adjusted_rand_score`` (exact pair counts; any label values)."""
    return _two_labelings("nanoclust_adjusted_rand_index", labels_true, labels_pred)


def normalized_mutual_info_score(labels_true, labels_pred, *, average_method="arithmetic"):
    """scikit-learn's ``normalized_mutual_info_score``; only ``average_method='arithmetic'``
    (the default) is implemented, others raise NotImplementedError."""
    if average_method != "arithmetic":
        raise NotImplementedError("nanoclust's NMI implements average_method='arithmetic' only")
    return _two_labelings("nanoclust_normalized_mutual_info", labels_true, labels_pred)


__all__ = ["silhouette_score", "silhouette_samples", "calinski_harabasz_score", "davies_bouldin_score",
           "adjusted_rand_score", "normalized_mutual_info_score", "float_dtype"]
