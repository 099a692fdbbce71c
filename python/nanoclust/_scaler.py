"""StandardScaler over nanoclust_standard_scaler_*."""

import numpy as np
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin, _fit_context
from sklearn.utils.validation import check_is_fitted

from ._core import call, cptr, fn
from ._validation import check_weight, check_X


def _is_constant_feature(var, mean, n_samples):
    # scikit-learn's bound on the rounding error of a zero variance
    eps = np.finfo(np.float64).eps
    upper_bound = n_samples * eps * var + (n_samples * mean * eps) ** 2
    return var <= upper_bound


class StandardScaler(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Standardize features (scikit-learn ``StandardScaler``) with nanoclust.

    ``transform`` and ``inverse_transform`` are the library's (in place when
    ``copy=False`` and X is already a C-contiguous float32/float64 array). A first
    ``fit``/``partial_fit`` batch without weights takes ``mean_`` and ``scale_`` from
    ``nanoclust_standard_scaler_fit_*`` (a near-constant feature gets scale 1, as in
    scikit-learn). What the C API lacks is numpy code following scikit-learn:
    merging batches in ``partial_fit`` (Chan's update of mean and variance),
    ``sample_weight`` (weighted mean and variance), and ``var_``. NaN is not treated
    as a missing value (scikit-learn ignores NaNs): it raises ValueError. Sparse input
    raises NotImplementedError.
    """

    _parameter_constraints: dict = {"copy": ["boolean"], "with_mean": ["boolean"], "with_std": ["boolean"]}

    def __init__(self, *, copy=True, with_mean=True, with_std=True):
        self.copy = copy
        self.with_mean = with_mean
        self.with_std = with_std

    def _reset(self):
        for attr in ("scale_", "n_samples_seen_", "mean_", "var_"):
            if hasattr(self, attr):
                delattr(self, attr)

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None, sample_weight=None):
        """Compute the mean and standard deviation of X."""
        self._reset()
        return self.partial_fit(X, y, sample_weight)

    @_fit_context(prefer_skip_nested_validation=True)
    def partial_fit(self, X, y=None, sample_weight=None):
        """Update the mean and standard deviation with the batch X."""
        first = not hasattr(self, "n_samples_seen_")
        X = check_X(self, X, reset=first)
        sw = check_weight(sample_weight, X)
        n, d = X.shape
        n_b = float(sw.sum()) if sw is not None else n
        if not self.with_mean and not self.with_std:
            self.mean_ = None
            self.var_ = None
            self.n_samples_seen_ = (0 if first else self.n_samples_seen_) + (n_b if sw is not None else n)
            self.scale_ = None
            return self
        if sw is None:
            mean_b = np.empty(d, dtype=X.dtype)
            scale_b = np.empty(d, dtype=X.dtype)
            call(fn("nanoclust_standard_scaler_fit", X.dtype), cptr(X), n, d, cptr(mean_b), cptr(scale_b))
            var_b = scale_b.astype(np.float64) ** 2
            ones = scale_b == 1
            if ones.any():  # scale 1 may stand for a (near-)zero variance: take the variance itself
                var_b[ones] = np.var(X[:, ones].astype(np.float64), axis=0)
        else:
            Xd = X.astype(np.float64)
            mean_b = np.average(Xd, axis=0, weights=sw)
            var_b = np.average((Xd - mean_b) ** 2, axis=0, weights=sw)
            scale_b = None
        if first:
            mean, var, total = mean_b.astype(np.float64), var_b, n_b
        else:
            n_old = self.n_samples_seen_
            total = n_old + n_b
            delta = mean_b.astype(np.float64) - self.mean_
            mean = self.mean_ + delta * (n_b / total)
            var = (self.var_ * n_old + var_b * n_b + delta**2 * (n_old * n_b / total)) / total
        self.n_samples_seen_ = total if sw is not None else int(total)
        self.mean_ = mean.astype(X.dtype)
        self.var_ = var.astype(X.dtype) if self.with_std else None
        if not self.with_std:
            self.scale_ = None
        elif first and scale_b is not None:
            self.scale_ = scale_b
        else:
            scale = np.sqrt(var)
            scale[_is_constant_feature(var, mean, total)] = 1.0
            self.scale_ = scale.astype(X.dtype)
        return self

    def _apply(self, X, copy, name):
        check_is_fitted(self)
        copy = self.copy if copy is None else copy
        X = check_X(self, X, reset=False)
        d = X.shape[1]
        mean = self.mean_ if self.with_mean else np.zeros(d)
        scale = self.scale_ if self.with_std else np.ones(d)
        if not self.with_mean and not self.with_std:
            return X.copy() if copy else X
        mean = np.ascontiguousarray(mean, dtype=X.dtype)
        scale = np.ascontiguousarray(scale, dtype=X.dtype)
        out = np.empty_like(X) if copy or not X.flags.writeable else X
        call(fn(name, X.dtype), cptr(X), X.shape[0], d, cptr(mean), cptr(scale), cptr(out))
        return out

    def transform(self, X, copy=None):
        """(X - mean_) / scale_ by the library."""
        return self._apply(X, copy, "nanoclust_standard_scaler_transform")

    def inverse_transform(self, X, copy=None):
        """X * scale_ + mean_ by the library."""
        return self._apply(X, copy, "nanoclust_standard_scaler_inverse_transform")

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False
        return tags
