"""DBSCAN over nanoclust_dbscan_* (O(n) memory, scikit-learn's exact labels)."""

from numbers import Integral, Real

import numpy as np
from sklearn.base import BaseEstimator, ClusterMixin, _fit_context
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted

from ._core import call, cptr, ffi, fn, lib, workspace
from ._validation import check_weight, check_X

_ALGORITHM = {"auto": lib.NANOCLUST_INDEX_AUTO, "ball_tree": lib.NANOCLUST_INDEX_AUTO,
              "kd_tree": lib.NANOCLUST_INDEX_KDTREE, "brute": lib.NANOCLUST_INDEX_BRUTE}
_METRICS = {"euclidean": lib.NANOCLUST_METRIC_EUCLIDEAN, "l2": lib.NANOCLUST_METRIC_EUCLIDEAN,
            "manhattan": lib.NANOCLUST_METRIC_MANHATTAN, "cityblock": lib.NANOCLUST_METRIC_MANHATTAN,
            "l1": lib.NANOCLUST_METRIC_MANHATTAN, "chebyshev": lib.NANOCLUST_METRIC_CHEBYSHEV,
            "infinity": lib.NANOCLUST_METRIC_CHEBYSHEV, "cosine": lib.NANOCLUST_METRIC_COSINE}


def metric_code(metric, p=None):
    """The library's NANOCLUST_METRIC_* for a scikit-learn metric name, or NotImplementedError."""
    if callable(metric):
        raise NotImplementedError("nanoclust does not support callable metrics")
    if metric == "minkowski":
        p = 2 if p is None else p
        if p == 2:
            return lib.NANOCLUST_METRIC_EUCLIDEAN
        if p == 1:
            return lib.NANOCLUST_METRIC_MANHATTAN
        if p == np.inf:
            return lib.NANOCLUST_METRIC_CHEBYSHEV
        raise NotImplementedError(f"nanoclust supports minkowski with p in (1, 2, inf) only, not p={p}")
    if metric in _METRICS:
        if p is not None and metric != "minkowski":
            pass  # scikit-learn ignores p for named metrics other than minkowski
        return _METRICS[metric]
    raise NotImplementedError(
        f"nanoclust does not support metric={metric!r}; supported: {sorted(_METRICS)} and minkowski (p = 1, 2, inf)"
    )


def _params(eps, min_samples, metric, index):
    params = lib.nanoclust_dbscan_params_default()
    params.eps = float(eps)
    params.min_samples = int(min_samples)
    params.metric = metric
    params.index = index
    return params


class DBSCAN(ClusterMixin, BaseEstimator):
    """DBSCAN (scikit-learn ``DBSCAN``) in O(n) memory, computed by nanoclust.

    ``labels_`` are exactly scikit-learn's (same cluster numbers, same border rule),
    but no neighbourhood is ever stored: memory stays linear in n however dense the
    data (scikit-learn's neighbourhood lists can need O(n^2)).

    Differences from scikit-learn 1.7:

    - metrics: euclidean (l2), manhattan (cityblock, l1), chebyshev (infinity),
      cosine, and minkowski with p in {1, 2, inf}; any other metric, a callable,
      ``metric='precomputed'``, ``metric_params`` and sparse X raise NotImplementedError.
    - ``algorithm`` picks the library's index ('kd_tree', 'brute'; 'auto' and
      'ball_tree' let it choose); the labels never depend on it. ``leaf_size`` is
      accepted and ignored. There is no ``n_jobs``.
    - extra: :meth:`predict` labels new points with the label of the nearest core
      sample within ``eps`` (else -1).
    """

    _parameter_constraints: dict = {
        "eps": [Interval(Real, 0.0, None, closed="neither")],
        "min_samples": [Interval(Integral, 1, None, closed="left")],
        "metric": [StrOptions({"euclidean", "l2", "manhattan", "cityblock", "l1", "chebyshev", "infinity",
                               "cosine", "minkowski", "precomputed"}), str, callable],
        "metric_params": [dict, None],
        "algorithm": [StrOptions({"auto", "ball_tree", "kd_tree", "brute"})],
        "leaf_size": [Interval(Integral, 1, None, closed="left")],
        "p": [Interval(Real, 0.0, None, closed="left"), None],
    }

    def __init__(self, eps=0.5, *, min_samples=5, metric="euclidean", metric_params=None, algorithm="auto",
                 leaf_size=30, p=None):
        self.eps = eps
        self.min_samples = min_samples
        self.metric = metric
        self.metric_params = metric_params
        self.algorithm = algorithm
        self.leaf_size = leaf_size
        self.p = p

    def _metric(self):
        if self.metric == "precomputed":
            raise NotImplementedError("nanoclust's DBSCAN does not support metric='precomputed'")
        if self.metric_params is not None:
            raise NotImplementedError("nanoclust's DBSCAN does not support metric_params")
        return metric_code(self.metric, self.p)

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y=None, sample_weight=None):
        """Cluster X; sample_weight as scikit-learn's (a core needs weight >= min_samples)."""
        metric = self._metric()
        X = check_X(self, X, reset=True)
        sw = check_weight(sample_weight, X)
        n, d = X.shape
        params = _params(self.eps, self.min_samples, metric, _ALGORITHM[self.algorithm])
        ws, nbytes, _keep = workspace(fn("nanoclust_dbscan_workspace_size", X.dtype), n, d, ffi.addressof(params))
        labels = np.empty(n, dtype=np.int32)
        is_core = np.empty(n, dtype=np.uint8)
        call(fn("nanoclust_dbscan_fit", X.dtype), cptr(X), n, d, cptr(sw), ffi.addressof(params), ws, nbytes,
             cptr(labels), cptr(is_core), ffi.NULL)
        del _keep, ws
        self.core_sample_indices_ = np.flatnonzero(is_core).astype(np.intp)
        self.components_ = X[self.core_sample_indices_].copy()
        self.labels_ = labels.astype(np.intp)
        return self

    def fit_predict(self, X, y=None, sample_weight=None):
        """Cluster X and return ``labels_``."""
        self.fit(X, sample_weight=sample_weight)
        return self.labels_

    def predict(self, X):
        """nanoclust extra: label new points with the label of the nearest core sample
        within ``eps`` (ties: the lowest training index), -1 when there is none."""
        check_is_fitted(self, "components_")
        X = check_X(self, X, reset=False)
        metric = self._metric()
        m, d = X.shape
        out = np.empty(m, dtype=np.int32)
        n_core = self.components_.shape[0]
        if n_core == 0:
            out.fill(-1)
            return out.astype(np.intp)
        comps = np.ascontiguousarray(self.components_, dtype=X.dtype)
        core_labels = np.ascontiguousarray(self.labels_[self.core_sample_indices_], dtype=np.int32)
        ones = np.ones(n_core, dtype=np.uint8)
        params = _params(self.eps, self.min_samples, metric, _ALGORITHM[self.algorithm])
        ws, nbytes, _keep = workspace(fn("nanoclust_dbscan_predict_workspace_size", X.dtype), n_core, d, m,
                                      ffi.addressof(params))
        call(fn("nanoclust_dbscan_predict", X.dtype), cptr(comps), n_core, d, cptr(core_labels), cptr(ones),
             ffi.addressof(params), cptr(X), m, ws, nbytes, cptr(out))
        return out.astype(np.intp)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False
        return tags
