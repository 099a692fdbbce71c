"""scipy-style linkage/fcluster/leaves_list and AgglomerativeClustering over nanoclust_linkage_*."""

import heapq
from numbers import Integral, Real

import numpy as np
from sklearn.base import BaseEstimator, ClusterMixin, _fit_context
from sklearn.utils._param_validation import HasMethods, Interval, StrOptions

from ._core import MERGE_DTYPE, call, cptr, ffi, fn, lib, merges_ptr, reject_sparse, workspace
from ._dbscan import metric_code
from ._validation import check_X

_METHODS = {"single": lib.NANOCLUST_LINKAGE_SINGLE, "complete": lib.NANOCLUST_LINKAGE_COMPLETE,
            "average": lib.NANOCLUST_LINKAGE_AVERAGE, "weighted": lib.NANOCLUST_LINKAGE_WEIGHTED,
            "ward": lib.NANOCLUST_LINKAGE_WARD, "centroid": lib.NANOCLUST_LINKAGE_CENTROID,
            "median": lib.NANOCLUST_LINKAGE_MEDIAN}


def _method(method):
    if method not in _METHODS:
        raise ValueError(f"Invalid method: {method}")
    return _METHODS[method]


def _merges_from_X(X, method, metric):
    """The library's dendrogram (nanoclust_merge rows as a structured array)."""
    n, d = X.shape
    ws, nbytes, _keep = workspace(fn("nanoclust_linkage_workspace_size", X.dtype), n, d, method, metric)
    merges = np.empty(max(n - 1, 1), dtype=MERGE_DTYPE)
    call(fn("nanoclust_linkage", X.dtype), cptr(X), n, d, method, metric, ws, nbytes, merges_ptr(merges))
    return merges[: n - 1]


def _merges_from_condensed(y, n, method):
    y = np.ascontiguousarray(y, dtype=np.float32 if y.dtype == np.float32 else np.float64)
    ws, nbytes, _keep = workspace(fn("nanoclust_linkage_condensed_workspace_size", y.dtype), n, method)
    merges = np.empty(max(n - 1, 1), dtype=MERGE_DTYPE)
    call(fn("nanoclust_linkage_condensed", y.dtype), cptr(y), n, method, ws, nbytes, merges_ptr(merges))
    return merges[: n - 1]


def _Z_from_merges(m):
    Z = np.empty((m.shape[0], 4), dtype=np.float64)
    Z[:, 0] = m["left"]
    Z[:, 1] = m["right"]
    Z[:, 2] = m["distance"]
    Z[:, 3] = m["size"]
    return Z


def _merges_from_Z(Z):
    Z = np.asarray(Z, dtype=np.float64)
    if Z.ndim != 2 or Z.shape[1] != 4:
        raise ValueError("Linkage matrix 'Z' must have shape (n - 1, 4).")
    m = np.empty(max(Z.shape[0], 1), dtype=MERGE_DTYPE)[: Z.shape[0]]
    for col, name in enumerate(("left", "right", "distance", "size")):
        m[name] = Z[:, col]
    return np.ascontiguousarray(m), Z.shape[0] + 1


def linkage(y, method="single", metric="euclidean", optimal_ordering=False):
    """Hierarchical clustering with scipy's ``scipy.cluster.hierarchy.linkage`` signature.

    ``y`` is a condensed distance matrix (1-D, pdist order) or an n x d observation
    matrix; returns scipy's Z, (n - 1) x 4 float64: the same rows, cluster ids and
    heights (heights within 1e-12 relative in float64). Metrics for observation
    matrices: euclidean, cityblock (manhattan), chebyshev, cosine (ward, centroid and
    median: euclidean only, as scipy). Callable metrics, other metric names and
    ``optimal_ordering=True`` raise NotImplementedError.
    """
    if optimal_ordering:
        raise NotImplementedError("nanoclust's linkage does not implement optimal_ordering")
    code = _method(method)
    reject_sparse(y, "y")
    y = np.asarray(y)
    if y.ndim == 1:
        k = y.shape[0]
        n = int(np.ceil(np.sqrt(k * 2)))
        if n * (n - 1) // 2 != k:
            raise ValueError("The number of observations cannot be determined on an incorrectly sized distance matrix.")
        if y.dtype not in (np.float32, np.float64):
            y = y.astype(np.float64)
        return _Z_from_merges(_merges_from_condensed(y, n, code))
    if y.ndim != 2:
        raise ValueError("`y` must be 1 or 2 dimensional.")
    X = np.ascontiguousarray(y, dtype=np.float32 if y.dtype == np.float32 else np.float64)
    return _Z_from_merges(_merges_from_X(X, code, metric_code(metric)))


def _cut_distance(merges, n, t):
    ws, nbytes, _keep = workspace("nanoclust_cut_tree_workspace_size", n)
    labels = np.empty(n, dtype=np.int32)
    k = ffi.new("size_t *")
    call("nanoclust_cut_tree_distance", merges_ptr(merges), n, float(t), ws, nbytes, cptr(labels), k)
    return labels, int(k[0])


def _max_dists(Z, n):
    """scipy's maxdists: the highest merge inside each row's subtree."""
    md = np.empty(Z.shape[0])
    for i in range(Z.shape[0]):
        h = Z[i, 2]
        for c in (int(Z[i, 0]), int(Z[i, 1])):
            if c >= n:
                h = max(h, md[c - n])
        md[i] = h
    return md


def fcluster(Z, t, criterion="inconsistent", depth=2, R=None, monocrit=None):
    """Flat clusters with scipy's ``fcluster`` signature (1-based labels, scipy's numbering).

    Criteria 'distance' (no merge inside a cluster higher than t) and 'maxclust' (at
    most t clusters, the lowest such cut as scipy's) are computed by the library;
    'inconsistent' (scipy's default), 'monocrit', 'maxclust_monocrit', ``R`` and
    ``monocrit`` raise NotImplementedError: pass ``criterion='distance'`` or
    ``'maxclust'``.
    """
    if criterion not in ("distance", "maxclust"):
        raise NotImplementedError(
            f"nanoclust's fcluster supports criterion='distance' and 'maxclust', not {criterion!r}")
    if R is not None or monocrit is not None:
        raise NotImplementedError("nanoclust's fcluster does not take R or monocrit")
    merges, n = _merges_from_Z(Z)
    if criterion == "distance":
        labels, _ = _cut_distance(merges, n, t)
        return labels + 1
    t = int(t)
    if t >= n:  # scipy: every sample its own cluster, numbered in sample order
        return np.arange(1, n + 1, dtype=np.int32)
    thresholds = np.unique(_max_dists(np.asarray(Z, dtype=np.float64), n))
    lo, hi = 0, thresholds.shape[0] - 1  # nclusters(thresholds[hi]) == 1 <= t
    while lo < hi:
        mid = (lo + hi) // 2
        if _cut_distance(merges, n, thresholds[mid])[1] <= t:
            hi = mid
        else:
            lo = mid + 1
    labels, _ = _cut_distance(merges, n, thresholds[lo])
    return labels + 1


def leaves_list(Z):
    """scipy's ``leaves_list``: the left-to-right leaf order of the dendrogram Z."""
    merges, n = _merges_from_Z(Z)
    ws, nbytes, _keep = workspace("nanoclust_cut_tree_workspace_size", n)
    order = np.empty(n, dtype=np.uint32)
    call("nanoclust_dendrogram_leaves", merges_ptr(merges), n, ws, nbytes, cptr(order))
    return order.astype(np.int32)


def _hc_cut_labels(merges, children, n, n_clusters):
    """Labels of the n_clusters cut numbered as scikit-learn's ``_hc_cut``."""
    ws, nbytes, _keep = workspace("nanoclust_cut_tree_workspace_size", n)
    part = np.empty(n, dtype=np.int32)
    call("nanoclust_cut_tree_n_clusters", merges_ptr(merges), n, n_clusters, ws, nbytes, cptr(part))
    if n_clusters == 1:
        return np.zeros(n, dtype=np.intp)
    # scikit-learn's numbering: the order of the cluster roots in its heap after
    # undoing the last n_clusters - 1 merges.
    nodes = [-(int(children[-1].max()) + 1)]
    for _ in range(n_clusters - 1):
        these = children[-nodes[0] - n]
        heapq.heappush(nodes, -int(these[0]))
        heapq.heappushpop(nodes, -int(these[1]))
    remap = np.empty(n_clusters, dtype=np.intp)
    for i, node in enumerate(nodes):
        leaf = -node
        while leaf >= n:
            leaf = int(children[leaf - n][0])
        remap[part[leaf]] = i
    return remap[part]


class AgglomerativeClustering(ClusterMixin, BaseEstimator):
    """Agglomerative clustering (scikit-learn ``AgglomerativeClustering``) by nanoclust.

    The full tree is built by the library (``children_`` and ``distances_`` are
    scipy's dendrogram, as scikit-learn's without connectivity); ``n_clusters`` or
    ``distance_threshold`` (scikit-learn's strict rule: merges below the threshold are
    kept) cut it, and labels are numbered as scikit-learn numbers them.

    Differences: ``connectivity``, ``memory``, callable metrics and sparse X raise
    NotImplementedError; metrics are euclidean (l2), manhattan (l1, cityblock),
    chebyshev, cosine and 'precomputed' (a square distance matrix, used through the
    library's condensed linkage). ``compute_full_tree`` is accepted; the tree is always
    complete.
    """

    _parameter_constraints: dict = {
        "n_clusters": [Interval(Integral, 1, None, closed="left"), None],
        "metric": [StrOptions({"euclidean", "l1", "l2", "manhattan", "cityblock", "cosine", "chebyshev",
                               "precomputed"}), str, callable],
        "memory": [str, HasMethods("cache"), None],
        "connectivity": ["array-like", "sparse matrix", callable, None],
        "compute_full_tree": [StrOptions({"auto"}), "boolean"],
        "linkage": [StrOptions({"ward", "complete", "average", "single"})],
        "distance_threshold": [Interval(Real, 0, None, closed="left"), None],
        "compute_distances": ["boolean"],
    }

    def __init__(self, n_clusters=2, *, metric="euclidean", memory=None, connectivity=None,
                 compute_full_tree="auto", linkage="ward", distance_threshold=None, compute_distances=False):
        self.n_clusters = n_clusters
        self.metric = metric
        self.memory = memory
        self.connectivity = connectivity
        self.compute_full_tree = compute_full_tree
        self.linkage = linkage
        self.distance_threshold = distance_threshold
        self.compute_distances = compute_distances

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Build the tree of X and cut it."""
        if self.connectivity is not None:
            raise NotImplementedError("nanoclust's AgglomerativeClustering does not support connectivity")
        if self.memory is not None:
            raise NotImplementedError("nanoclust's AgglomerativeClustering does not support memory (caching)")
        if self.n_clusters is not None and self.distance_threshold is not None:
            raise ValueError("Exactly one of n_clusters and distance_threshold has to be set, and the other needs to be None.")
        if self.n_clusters is None and self.distance_threshold is None:
            raise ValueError("Exactly one of n_clusters and distance_threshold has to be set, and the other needs to be None.")
        if self.distance_threshold is not None and not self.compute_full_tree:
            raise ValueError("compute_full_tree must be True if distance_threshold is set.")
        if self.linkage == "ward" and self.metric != "euclidean":
            raise ValueError(f"{self.metric} was provided as metric. Ward can only work with euclidean distances.")
        X = check_X(self, X, reset=True, ensure_min_samples=2)
        n = X.shape[0]
        method = _METHODS[self.linkage]
        if self.metric == "precomputed":
            if X.shape[0] != X.shape[1]:
                raise ValueError(f"Distance matrix should be square, got matrix of shape {X.shape}")
            iu = np.triu_indices(n, k=1)
            merges = _merges_from_condensed(X[iu], n, method)
        else:
            merges = _merges_from_X(X, method, metric_code(self.metric))
        children = np.stack([merges["left"], merges["right"]], axis=1).astype(np.intp)
        distances = merges["distance"].astype(np.float64)
        self.children_ = children
        self.n_leaves_ = n
        self.n_connected_components_ = 1
        if self.distance_threshold is not None or self.compute_distances:
            self.distances_ = distances
        if self.distance_threshold is not None:
            self.n_clusters_ = int(np.count_nonzero(distances >= self.distance_threshold)) + 1
        else:
            self.n_clusters_ = self.n_clusters
        if self.n_clusters_ > n:
            raise ValueError(f"Cannot extract more clusters than samples: {self.n_clusters_} clusters were given "
                             f"for a tree with {n} leaves.")
        self.labels_ = _hc_cut_labels(merges, children, n, self.n_clusters_)
        return self

    def fit_predict(self, X, y=None):
        """Fit and return ``labels_``."""
        return super().fit_predict(X, y)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False
        tags.input_tags.pairwise = self.metric == "precomputed"
        return tags
