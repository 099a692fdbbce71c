"""Input validation shared by the estimators (scikit-learn's own helpers)."""

import numpy as np
from sklearn.utils.validation import _check_sample_weight, validate_data

from ._core import float_dtype, reject_sparse


def check_X(est, X, *, reset, ensure_min_samples=1, dtype_of=None):
    """Validated, C-contiguous float32/float64 X (no copy when already so)."""
    reject_sparse(X)
    X = validate_data(
        est, X, reset=reset, dtype=[np.float64, np.float32], order="C",
        ensure_min_samples=ensure_min_samples, accept_sparse=False,
    )
    return np.ascontiguousarray(X)


def check_weight(sample_weight, X):
    """Sample weights of X's dtype (None stays None: the library's 'all ones')."""
    if sample_weight is None:
        return None
    reject_sparse(sample_weight, "sample_weight")
    sw = _check_sample_weight(sample_weight, X, dtype=X.dtype)
    return np.ascontiguousarray(sw)


def same_dtype(a, X):
    return np.ascontiguousarray(a, dtype=X.dtype)


__all__ = ["check_X", "check_weight", "same_dtype", "float_dtype"]
