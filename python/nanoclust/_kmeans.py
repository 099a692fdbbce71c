"""KMeans and MiniBatchKMeans over nanoclust_kmeans_*."""

import warnings
from numbers import Integral, Real

import numpy as np
from sklearn.base import (BaseEstimator, ClassNamePrefixFeaturesOutMixin, ClusterMixin,
                          TransformerMixin, _fit_context)
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted

from ._core import call, cptr, ffi, fn, lib, seed_from, workspace
from ._validation import check_weight, check_X, same_dtype

_INIT = {"k-means++": lib.NANOCLUST_INIT_KMEANS_PLUS_PLUS, "random": lib.NANOCLUST_INIT_RANDOM}


def kmeans_predict(centers, X, want_distances=False):
    """Nearest center (ties: lowest index) and optionally the squared distance."""
    n, d = X.shape
    labels = np.empty(n, dtype=np.int32)
    sq = np.empty(n, dtype=X.dtype) if want_distances else None
    call(fn("nanoclust_kmeans_predict", X.dtype), cptr(centers), centers.shape[0], d, cptr(X), n,
         cptr(labels), cptr(sq))
    return labels, sq


def _tolerance(X, tol):
    """scikit-learn's absolute tolerance: tol times the mean feature variance."""
    if tol == 0:
        return 0.0
    return float(np.mean(np.var(X, axis=0)) * tol)


class _BaseKMeans(ClassNamePrefixFeaturesOutMixin, TransformerMixin, ClusterMixin, BaseEstimator):
    _parameter_constraints: dict = {
        "n_clusters": [Interval(Integral, 1, None, closed="left")],
        "init": [StrOptions({"k-means++", "random"}), callable, "array-like"],
        "n_init": [StrOptions({"auto"}), Interval(Integral, 1, None, closed="left")],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "tol": [Interval(Real, 0, None, closed="left")],
        "verbose": ["verbose"],
        "random_state": ["random_state"],
    }
    _default_n_init = 10

    def _check_params_vs_input(self, X):
        if X.shape[0] < self.n_clusters:
            raise ValueError(f"n_samples={X.shape[0]} should be >= n_clusters={self.n_clusters}.")
        if isinstance(self.n_init, str):
            if isinstance(self.init, str) and self.init == "k-means++":
                self._n_init = 1
            elif isinstance(self.init, str) or callable(self.init):
                self._n_init = self._default_n_init
            else:
                self._n_init = 1
        else:
            self._n_init = self.n_init
        if not isinstance(self.init, str) and not callable(self.init) and self._n_init != 1:
            warnings.warn(
                "Explicit initial center position passed: performing only one init in "
                f"{self.__class__.__name__} instead of n_init={self._n_init}.",
                RuntimeWarning, stacklevel=3,
            )
            self._n_init = 1

    def _initial_centers(self, X, init):
        centers = same_dtype(init, X)
        if centers.shape != (self.n_clusters, X.shape[1]):
            raise ValueError(
                f"The shape of the initial centers {centers.shape} does not match the number of "
                f"clusters {self.n_clusters} and features {X.shape[1]}."
            )
        return np.array(centers, copy=True, order="C")

    def _check_test_data(self, X):
        return check_X(self, X, reset=False)

    def predict(self, X):
        """Index of the closest center for each sample of X (ties: the lowest index)."""
        check_is_fitted(self)
        X = self._check_test_data(X)
        labels, _ = kmeans_predict(same_dtype(self.cluster_centers_, X), X)
        return labels

    def transform(self, X):
        """Euclidean distances of X to every center, shape (n_samples, n_clusters)."""
        check_is_fitted(self)
        X = self._check_test_data(X)
        c = self.cluster_centers_.astype(X.dtype, copy=False)
        d2 = (X * X).sum(1)[:, None] - 2.0 * (X @ c.T) + (c * c).sum(1)[None, :]
        return np.sqrt(np.maximum(d2, 0, out=d2))

    def score(self, X, y=None, sample_weight=None):
        """Opposite of the (weighted) inertia of X on the fitted centers."""
        check_is_fitted(self)
        X = self._check_test_data(X)
        sw = check_weight(sample_weight, X)
        _, sq = kmeans_predict(same_dtype(self.cluster_centers_, X), X, want_distances=True)
        sq = sq.astype(np.float64)
        return -float(sq.sum() if sw is None else (sq * sw).sum())

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False
        return tags


class KMeans(_BaseKMeans):
    """K-Means clustering (scikit-learn ``KMeans``) computed by nanoclust.

    Parameters, attributes and methods follow ``sklearn.cluster.KMeans`` 1.7.
    Differences:

    - ``random_state`` seeds the library's own generator (an int is the seed; None or a
      ``RandomState`` draws one): the k-means++ and random draws differ from
      scikit-learn's. From the same ``init`` array, labels match scikit-learn and
      centers agree within 1e-7 (float64).
    - ``algorithm='elkan'`` runs the library's Hamerly iterations, which, like Elkan's,
      give exactly Lloyd's result with fewer distance computations.
    - ``copy_x`` is accepted and has no effect: X is never modified.
    - Sparse X raises NotImplementedError; there is no ``n_jobs``-style threading
      yet (pending the library's partial-statistics path).
    - float32 X is clustered in float32 (the library's ``_f32`` functions), float64 in
      float64; C-contiguous input of either dtype is never copied.
    """

    _parameter_constraints: dict = {
        **_BaseKMeans._parameter_constraints,
        "copy_x": ["boolean"],
        "algorithm": [StrOptions({"lloyd", "elkan"})],
    }

    def __init__(self, n_clusters=8, *, init="k-means++", n_init="auto", max_iter=300, tol=1e-4,
                 verbose=0, random_state=None, copy_x=True, algorithm="lloyd"):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.verbose = verbose
        self.random_state = random_state
        self.copy_x = copy_x
        self.algorithm = algorithm

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None, sample_weight=None):
        """Compute k-means clustering of X (optionally weighted)."""
        X = check_X(self, X, reset=True)
        sw = check_weight(sample_weight, X)
        self._check_params_vs_input(X)
        n, d = X.shape
        k = self.n_clusters
        params = lib.nanoclust_kmeans_params_default(k)
        params.max_iter = self.max_iter
        params.tol = float(self.tol)
        params.algorithm = lib.NANOCLUST_KMEANS_HAMERLY if self.algorithm == "elkan" else lib.NANOCLUST_KMEANS_LLOYD
        init = self.init
        if callable(init) and not isinstance(init, str):
            # scikit-learn's callable init: init(X, n_clusters, random_state) -> centers,
            # called n_init times; each start is refined by the library, the lowest inertia wins.
            rs = check_random_state(self.random_state)
            best = None
            for _ in range(self._n_init):
                start = self._initial_centers(X, init(X, k, rs))
                res = self._fit_once(X, sw, params, start)
                if best is None or res[2].inertia < best[2].inertia:
                    best = res
        else:
            if isinstance(init, str):
                params.init = _INIT[init]
                params.n_init = self._n_init
                params.seed = seed_from(self.random_state)
                start = np.empty((k, d), dtype=X.dtype)
            else:
                start = self._initial_centers(X, init)
            best = self._fit_once(X, sw, params, start)
        centers, labels, result = best
        self.cluster_centers_ = centers
        self.labels_ = labels
        self.inertia_ = float(result.inertia)
        self.n_iter_ = int(result.n_iter)
        self._n_features_out = k
        return self

    def _fit_once(self, X, sw, params, centers):
        n, d = X.shape
        if not isinstance(self.init, str):
            params.init = lib.NANOCLUST_INIT_PROVIDED
            params.n_init = 1
        ws, nbytes, _keep = workspace(fn("nanoclust_kmeans_workspace_size", X.dtype), n, d, ffi.addressof(params))
        labels = np.empty(n, dtype=np.int32)
        result = ffi.new("nanoclust_kmeans_result *")
        call(fn("nanoclust_kmeans_fit", X.dtype), cptr(X), n, d, cptr(sw), ffi.addressof(params), ws, nbytes,
             cptr(centers), cptr(labels), result)
        return centers, labels, result[0]


class MiniBatchKMeans(_BaseKMeans):
    """Mini-batch K-Means (scikit-learn ``MiniBatchKMeans``) over nanoclust's mini-batch step.

    Every mini-batch update is one ``nanoclust_kmeans_partial_fit_with_workspace_*`` call
    (the library's ``MiniBatchKMeans.partial_fit`` step on caller-held centers and
    counts). What the C API does not have is done here in numpy, exactly as
    scikit-learn 1.7 does it: drawing the mini-batches (``fit``), the random
    reassignment of small clusters (``reassignment_ratio``), the early stopping on
    ``tol`` and ``max_no_improvement``, and choosing among ``n_init`` starts on a
    validation batch. Those draws use numpy's generator from ``random_state``, so with
    an ``init`` array and an int ``random_state``, ``fit`` visits the same mini-batches
    as scikit-learn and gives the same centers (within float rounding).

    ``init='k-means++'`` / ``'random'`` seed the library's generator on the init subset;
    because the C API has no seeding-only call, each start is the library's seeding
    followed by one Lloyd iteration on the init subset (scikit-learn uses the seeds as
    they are).
    """

    _parameter_constraints: dict = {
        **_BaseKMeans._parameter_constraints,
        "batch_size": [Interval(Integral, 1, None, closed="left")],
        "compute_labels": ["boolean"],
        "max_no_improvement": [Interval(Integral, 0, None, closed="left"), None],
        "init_size": [Interval(Integral, 1, None, closed="left"), None],
        "reassignment_ratio": [Interval(Real, 0, None, closed="left")],
    }
    _default_n_init = 3

    def __init__(self, n_clusters=8, *, init="k-means++", max_iter=100, batch_size=1024, verbose=0,
                 compute_labels=True, random_state=None, tol=0.0, max_no_improvement=10, init_size=None,
                 n_init="auto", reassignment_ratio=0.01):
        self.n_clusters = n_clusters
        self.init = init
        self.max_iter = max_iter
        self.batch_size = batch_size
        self.verbose = verbose
        self.compute_labels = compute_labels
        self.random_state = random_state
        self.tol = tol
        self.max_no_improvement = max_no_improvement
        self.init_size = init_size
        self.n_init = n_init
        self.reassignment_ratio = reassignment_ratio

    def _check_params_vs_input(self, X):
        super()._check_params_vs_input(X)
        self._batch_size = min(self.batch_size, X.shape[0])
        self._init_size = self.init_size
        if self._init_size is None:
            self._init_size = 3 * self._batch_size
            if self._init_size < self.n_clusters:
                self._init_size = 3 * self.n_clusters
        elif self._init_size < self.n_clusters:
            warnings.warn(
                f"init_size={self._init_size} should be larger than n_clusters={self.n_clusters}. "
                f"Setting it to min(3*n_clusters, n_samples)", RuntimeWarning, stacklevel=3)
            self._init_size = 3 * self.n_clusters
        self._init_size = min(self._init_size, X.shape[0])
        if self.reassignment_ratio < 0:
            raise ValueError("reassignment_ratio should be >= 0")

    def _init_centroids(self, X, sw, init, rs):
        n = X.shape[0]
        if self._init_size is not None and self._init_size < n:
            idx = rs.randint(0, n, self._init_size)
            X = X[idx]
            sw = None if sw is None else sw[idx]
        if isinstance(init, str):
            params = lib.nanoclust_kmeans_params_default(self.n_clusters)
            params.init = _INIT[init]
            params.max_iter = 1
            params.seed = seed_from(rs)
            centers = np.empty((self.n_clusters, X.shape[1]), dtype=X.dtype)
            ws, nbytes, _keep = workspace(fn("nanoclust_kmeans_workspace_size", X.dtype), X.shape[0], X.shape[1],
                                          ffi.addressof(params))
            Xc = np.ascontiguousarray(X)
            call(fn("nanoclust_kmeans_fit", X.dtype), cptr(Xc), Xc.shape[0], Xc.shape[1],
                 cptr(None if sw is None else np.ascontiguousarray(sw)), ffi.addressof(params), ws, nbytes,
                 cptr(centers), ffi.NULL, ffi.NULL)
            return centers
        if callable(init):
            return self._initial_centers(X, init(X, self.n_clusters, rs))
        return self._initial_centers(X, init)

    def _random_reassign(self):
        self._n_since_last_reassign += self._batch_size
        if (self._counts == 0).any() or self._n_since_last_reassign >= (10 * self.n_clusters):
            self._n_since_last_reassign = 0
            return True
        return False

    def _step(self, X, sw, centers, rs, random_reassign):
        """One mini-batch step: the library's update, then scikit-learn's reassignment."""
        n, d = X.shape
        k = centers.shape[0]
        _, sq = kmeans_predict(centers, X, want_distances=True)
        sq = sq.astype(np.float64)
        inertia = float(sq.sum() if sw is None else (sq * sw).sum())
        ws, nbytes, _keep = workspace(fn("nanoclust_kmeans_partial_fit_workspace_size", X.dtype), d, k)
        call(fn("nanoclust_kmeans_partial_fit_with_workspace", X.dtype), cptr(X), n, d, cptr(sw),
             cptr(centers), cptr(self._counts), k, ws, nbytes)
        if random_reassign and self.reassignment_ratio > 0:
            counts = self._counts
            to_reassign = counts < self.reassignment_ratio * counts.max()
            if to_reassign.sum() > 0.5 * n:
                to_reassign[np.argsort(counts)[int(0.5 * n):]] = False
            n_reassigns = int(to_reassign.sum())
            if n_reassigns:
                new = rs.choice(n, replace=False, size=n_reassigns)
                centers[to_reassign] = X[new]
            counts[to_reassign] = np.min(counts[~to_reassign])
        return inertia

    def _labels_inertia(self, X, sw):
        labels, sq = kmeans_predict(same_dtype(self.cluster_centers_, X), X, want_distances=True)
        sq = sq.astype(np.float64)
        return labels, float(sq.sum() if sw is None else (sq * sw).sum())

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None, sample_weight=None):
        """Compute the centroids on X by chunking it into mini-batches (scikit-learn's loop)."""
        X = check_X(self, X, reset=True)
        sw = check_weight(sample_weight, X)
        self._check_params_vs_input(X)
        rs = check_random_state(self.random_state)
        n, d = X.shape
        tol = _tolerance(X, self.tol)
        init = self.init
        val_idx = rs.randint(0, n, self._init_size)
        X_valid = np.ascontiguousarray(X[val_idx])
        sw_valid = None if sw is None else np.ascontiguousarray(sw[val_idx])
        best_inertia, centers = None, None
        for _ in range(self._n_init):
            cand = self._init_centroids(X, sw, init, rs)
            _, sq = kmeans_predict(cand, X_valid, want_distances=True)
            sq = sq.astype(np.float64)
            inertia = sq.sum() if sw_valid is None else (sq * sw_valid).sum()
            if best_inertia is None or inertia < best_inertia:
                centers, best_inertia = cand, inertia
        self._counts = np.zeros(self.n_clusters, dtype=np.float64)
        self._ewa_inertia = None
        self._ewa_inertia_min = None
        self._no_improvement = 0
        self._n_since_last_reassign = 0
        n_steps = (self.max_iter * n) // self._batch_size
        i = 0
        for i in range(n_steps):
            idx = rs.randint(0, n, self._batch_size)
            old = centers.copy() if tol > 0 else None
            batch_inertia = self._step(np.ascontiguousarray(X[idx]), None if sw is None else np.ascontiguousarray(sw[idx]),
                                       centers, rs, self._random_reassign())
            diff = float(np.sum((centers - old) ** 2)) if tol > 0 else 0.0
            if self._converged(i, n, diff, batch_inertia, tol):
                break
        self.cluster_centers_ = centers
        self._n_features_out = self.n_clusters
        self.n_steps_ = i + 1
        self.n_iter_ = int(np.ceil(((i + 1) * self._batch_size) / n))
        if self.compute_labels:
            self.labels_, self.inertia_ = self._labels_inertia(X, sw)
        else:
            self.inertia_ = self._ewa_inertia * n
        return self

    def _converged(self, step, n, centers_squared_diff, batch_inertia, tol):
        batch_inertia /= self._batch_size
        step += 1
        if step == 1:
            return False
        if self._ewa_inertia is None:
            self._ewa_inertia = batch_inertia
        else:
            alpha = min(self._batch_size * 2.0 / (n + 1), 1)
            self._ewa_inertia = self._ewa_inertia * (1 - alpha) + batch_inertia * alpha
        if tol > 0.0 and centers_squared_diff <= tol:
            return True
        if self._ewa_inertia_min is None or self._ewa_inertia < self._ewa_inertia_min:
            self._no_improvement = 0
            self._ewa_inertia_min = self._ewa_inertia
        else:
            self._no_improvement += 1
        return self.max_no_improvement is not None and self._no_improvement >= self.max_no_improvement

    @_fit_context(prefer_skip_nested_validation=True)
    def partial_fit(self, X, y=None, sample_weight=None):
        """Update the centers with one mini-batch X (the library's step)."""
        has_centers = hasattr(self, "cluster_centers_")
        X = check_X(self, X, reset=not has_centers)
        sw = check_weight(sample_weight, X)
        self._random_state = getattr(self, "_random_state", check_random_state(self.random_state))
        self.n_steps_ = getattr(self, "n_steps_", 0)
        if not has_centers:
            self._check_params_vs_input(X)
            self.cluster_centers_ = self._init_centroids(X, sw, self.init, self._random_state)
            self._counts = np.zeros(self.n_clusters, dtype=np.float64)
            self._n_since_last_reassign = 0
        else:
            self.cluster_centers_ = np.ascontiguousarray(self.cluster_centers_, dtype=X.dtype)
            self._batch_size = getattr(self, "_batch_size", min(self.batch_size, X.shape[0]))
        self._step(X, sw, self.cluster_centers_, self._random_state, self._random_reassign())
        if self.compute_labels:
            self.labels_, self.inertia_ = self._labels_inertia(X, sw)
        self.n_steps_ += 1
        self._n_features_out = self.cluster_centers_.shape[0]
        return self
