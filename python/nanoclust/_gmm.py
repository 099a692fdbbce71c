"""GaussianMixture over nanoclust_gmm_*."""

import warnings

import numpy as np
from sklearn.base import _fit_context
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture as _SkGaussianMixture
from sklearn.mixture._gaussian_mixture import _compute_precision_cholesky
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted

from ._core import call, cptr, ffi, fn, lib, seed_from, workspace
from ._validation import check_X

_COV = {"full": lib.NANOCLUST_COVARIANCE_FULL, "tied": lib.NANOCLUST_COVARIANCE_TIED,
        "diag": lib.NANOCLUST_COVARIANCE_DIAG, "spherical": lib.NANOCLUST_COVARIANCE_SPHERICAL}


def _cov_shape(kind, k, d):
    return {"full": (k, d, d), "tied": (d, d), "diag": (k, d), "spherical": (k,)}[kind]


def _covariances_from_precisions(prec, kind):
    if kind == "full":
        return np.array([np.linalg.inv(p) for p in prec])
    if kind == "tied":
        return np.linalg.inv(prec)
    return 1.0 / prec


class GaussianMixture(_SkGaussianMixture):
    """Gaussian mixture (scikit-learn ``GaussianMixture``) fitted by nanoclust's EM.

    A subclass of ``sklearn.mixture.GaussianMixture``: the parameters, attributes and
    validation are scikit-learn's, and EM (``fit``, ``fit_predict``) and scoring
    (``predict``, ``predict_proba``, ``score_samples``, ``score``, ``bic``) run in the
    library (``nanoclust_gmm_fit_*``, ``_predict_*``, ``_bic_*``). ``aic`` and
    ``sample`` are scikit-learn's numpy code on the fitted model (``sample`` draws from
    numpy's generator, as scikit-learn).

    Starts: with ``init_params='kmeans'`` and no ``*_init`` array, the library runs its
    own k-means start for each of ``n_init`` runs, seeded from ``random_state`` (the
    draws differ from scikit-learn's). With ``weights_init``/``means_init``/
    ``precisions_init``, another ``init_params``, or ``warm_start``, the start is built
    as scikit-learn builds it (missing pieces from the responsibilities of
    ``init_params``; 'kmeans' uses nanoclust's KMeans) and handed to the library
    (``NANOCLUST_GMM_INIT_PROVIDED``). From the same start, the model matches
    scikit-learn's within 1e-6 with the same iteration count. ``lower_bounds_`` (the
    per-iteration history) is not available; ``verbose`` is ignored.
    """

    def _library_fit(self, X, params, start=None):
        n, d = X.shape
        k = self.n_components
        kind = self.covariance_type
        ws, nbytes, _keep = workspace(fn("nanoclust_gmm_workspace_size", X.dtype), n, d, ffi.addressof(params))
        if start is None:
            w = np.empty(k, dtype=X.dtype)
            m = np.empty((k, d), dtype=X.dtype)
            c = np.empty(_cov_shape(kind, k, d), dtype=X.dtype)
        else:
            w, m, c = (np.array(a, dtype=X.dtype, order="C", copy=True) for a in start)
        res = ffi.new("nanoclust_gmm_result *")
        call(fn("nanoclust_gmm_fit", X.dtype), cptr(X), n, d, ffi.addressof(params), ws, nbytes,
             cptr(w), cptr(m), cptr(c), res)
        return (w, m, c), res[0]

    def _python_start(self, X, rs):
        """The start scikit-learn builds (weights, means, covariances)."""
        if self.weights_init is not None and self.means_init is not None and self.precisions_init is not None:
            resp = None  # every piece is given: the responsibilities would be overwritten
        else:
            n = X.shape[0]
            if self.init_params == "kmeans":
                from ._kmeans import KMeans
                labels = KMeans(n_clusters=self.n_components, n_init=1, random_state=rs).fit(X).labels_
                resp = np.zeros((n, self.n_components), dtype=X.dtype)
                resp[np.arange(n), labels] = 1
            else:
                resp = None
                super()._initialize_parameters(X, rs)  # random / random_from_data / k-means++: numpy, as scikit-learn
                return self._start_from_attributes()
        self._initialize(X, resp)
        return self._start_from_attributes()

    def _start_from_attributes(self):
        if self.precisions_init is not None:
            cov = _covariances_from_precisions(np.asarray(self.precisions_init, dtype=np.float64), self.covariance_type)
        else:
            cov = self.covariances_
        w = np.asarray(self.weights_, dtype=np.float64)
        return w / w.sum(), self.means_, cov

    @_fit_context(prefer_skip_nested_validation=True)
    def fit_predict(self, X, y=None):
        """Fit by EM (n_init runs, the best lower bound wins) and return the labels of X."""
        X = check_X(self, X, reset=True, ensure_min_samples=2)
        if X.shape[0] < self.n_components:
            raise ValueError(
                f"Expected n_samples >= n_components but got n_components = {self.n_components}, "
                f"n_samples = {X.shape[0]}")
        self._check_parameters(X)
        do_init = not (self.warm_start and hasattr(self, "converged_"))
        params = lib.nanoclust_gmm_params_default(self.n_components)
        params.covariance_type = _COV[self.covariance_type]
        params.max_iter = max(self.max_iter, 1)
        params.tol = float(self.tol)
        params.reg_covar = float(self.reg_covar)
        given = any(a is not None for a in (self.weights_init, self.means_init, self.precisions_init))
        rs = check_random_state(self.random_state)
        if self.max_iter == 0:
            start = self._python_start(X, rs) if do_init else (self.weights_, self.means_, self.covariances_)
            model = tuple(np.asarray(a, dtype=X.dtype) for a in start)
            self._set_model(model)
            self.n_iter_, self.lower_bound_, self.converged_ = 0, -np.inf, False
            return self.predict(X)
        if do_init and not given and self.init_params == "kmeans":
            params.init = lib.NANOCLUST_GMM_INIT_KMEANS
            params.n_init = self.n_init
            params.seed = seed_from(self.random_state)
            best = self._library_fit(X, params)
        else:
            params.init = lib.NANOCLUST_GMM_INIT_PROVIDED
            params.n_init = 1
            best = None
            for _ in range(self.n_init if do_init else 1):
                start = self._python_start(X, rs) if do_init else (self.weights_, self.means_, self.covariances_)
                res = self._library_fit(X, params, start)
                if best is None or res[1].lower_bound > best[1].lower_bound:
                    best = res
        model, result = best
        self._set_model(model)
        self.n_iter_ = int(result.n_iter)
        self.lower_bound_ = float(result.lower_bound)
        self.converged_ = bool(result.converged)
        if not self.converged_:
            warnings.warn("Best performing initialization did not converge. Try different init parameters, "
                          "or increase max_iter, tol, or check for degenerate data.", ConvergenceWarning)
        return self.predict(X)

    def fit(self, X, y=None):
        """Fit by EM; returns self."""
        self.fit_predict(X, y)
        return self

    def _set_model(self, model):
        w, m, c = model
        self._set_parameters((w, m, c, _compute_precision_cholesky(c, self.covariance_type)))

    def _model_for(self, X):
        """Validated X and the library's model arguments (weights, means, covariances,
        k, d, covariance type) in X's dtype, plus the predict/bic workspace."""
        check_is_fitted(self)
        X = check_X(self, X, reset=False)
        k, d = self.n_components, X.shape[1]
        kind = _COV[self.covariance_type]
        w, mu, c = (np.ascontiguousarray(a, dtype=X.dtype) for a in (self.weights_, self.means_, self.covariances_))
        ws = workspace(fn("nanoclust_gmm_predict_workspace_size", X.dtype), k, d, kind)
        return X, (cptr(w), cptr(mu), cptr(c), k, d, kind), ws, (w, mu, c)

    def _predict_all(self, X, labels=False, proba=False, loglik=False):
        X, model, (ws, nbytes, _keep), _arrays = self._model_for(X)
        m_, k = X.shape[0], self.n_components
        lab = np.empty(m_, dtype=np.int32) if labels else None
        pr = np.empty((m_, k), dtype=X.dtype) if proba else None
        ll = np.empty(m_, dtype=X.dtype) if loglik else None
        call(fn("nanoclust_gmm_predict", X.dtype), *model, cptr(X), m_, ws, nbytes, cptr(lab), cptr(pr), cptr(ll))
        return lab, pr, ll

    def predict(self, X):
        """Most probable component of each sample (the first on ties)."""
        return self._predict_all(X, labels=True)[0].astype(np.intp)

    def predict_proba(self, X):
        """Responsibilities, shape (n_samples, n_components); rows sum to 1."""
        return self._predict_all(X, proba=True)[1]

    def score_samples(self, X):
        """Log-likelihood of each sample under the mixture."""
        return self._predict_all(X, loglik=True)[2]

    def bic(self, X):
        """Bayesian information criterion on X (computed by the library)."""
        X, model, (ws, nbytes, _keep), _arrays = self._model_for(X)
        out = ffi.new("double *")
        call(fn("nanoclust_gmm_bic", X.dtype), *model, cptr(X), X.shape[0], ws, nbytes, out)
        return float(out[0])

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False
        return tags
