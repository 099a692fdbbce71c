"""nanoclust: scikit-learn-compatible clustering over the nanoclust C library.

Estimators: KMeans, MiniBatchKMeans, DBSCAN, AgglomerativeClustering,
GaussianMixture, StandardScaler. Functions with scipy/scikit-learn signatures:
linkage, fcluster, leaves_list, silhouette_score, silhouette_samples,
calinski_harabasz_score, davies_bouldin_score, adjusted_rand_score,
normalized_mutual_info_score. Extras: kmeans_sweep, suggest_eps, DBSCAN.predict.

Every computation runs in the library (cffi ABI mode, GIL released during each
call); see python/README.md for the differences from scikit-learn.
"""

from ._core import NanoclustError, NanoclustMemoryError, SparseInputError
from ._dbscan import DBSCAN
from ._extras import kmeans_sweep, suggest_eps
from ._ffi import ffi, lib
from ._gmm import GaussianMixture
from ._hierarchy import AgglomerativeClustering, fcluster, leaves_list, linkage
from ._kmeans import KMeans, MiniBatchKMeans
from ._metrics import (adjusted_rand_score, calinski_harabasz_score, davies_bouldin_score,
                       normalized_mutual_info_score, silhouette_samples, silhouette_score)
from ._scaler import StandardScaler


def library_version():
    """The C library's version as a (major, minor, patch) tuple."""
    v = lib.nanoclust_version()
    return (v >> 16, (v >> 8) & 0xFF, v & 0xFF)


__version__ = "0.1.0"

__all__ = [
    "KMeans", "MiniBatchKMeans", "DBSCAN", "AgglomerativeClustering", "GaussianMixture", "StandardScaler",
    "linkage", "fcluster", "leaves_list", "silhouette_score", "silhouette_samples", "calinski_harabasz_score",
    "davies_bouldin_score", "adjusted_rand_score", "normalized_mutual_info_score", "kmeans_sweep", "suggest_eps",
    "NanoclustError", "NanoclustMemoryError", "SparseInputError", "library_version", "ffi", "lib",
]
