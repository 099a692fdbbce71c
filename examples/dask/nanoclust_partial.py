"""ctypes bindings of nanoclust's partial statistics used by partial_dask.py:
the functions the Dask workers run (fold a chunk into a blob) and the driver
runs (merge, finish). A module of its own, so that Dask pickles these
functions by reference (the driver ships it with Client.upload_file)."""
import ctypes
import os

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# The driver sets NANOCLUST_LIB before it starts the workers (which run an
# uploaded copy of this module from another directory).
LIB_PATH = os.environ.get("NANOCLUST_LIB", os.path.join(ROOT, "target", "release", "libnanoclust.so"))

P = ctypes.c_void_p
SZ = ctypes.c_size_t
DBL = ctypes.POINTER(ctypes.c_double)
I32 = ctypes.POINTER(ctypes.c_int32)


class StepResult(ctypes.Structure):
    _fields_ = [("inertia", ctypes.c_double), ("center_shift", ctypes.c_double), ("n_changed", ctypes.c_uint64)]


def lib():
    """The library, loaded once per process (driver and each worker). Cached on
    the ctypes module, so that no CDLL object is captured when Dask pickles the
    functions below by value."""
    L = getattr(ctypes, "_nanoclust_lib", None)
    if L is None:
        L = ctypes.CDLL(LIB_PATH)
        L.nanoclust_partial_block_rows.restype = SZ
        L.nanoclust_partial_block_rows.argtypes = []
        L.nanoclust_kmeans_stats_size.argtypes = [SZ, SZ, ctypes.POINTER(SZ)]
        L.nanoclust_kmeans_stats_init.argtypes = [P, SZ, SZ, SZ]
        L.nanoclust_kmeans_accumulate_f64.argtypes = [DBL, SZ, SZ, DBL, ctypes.c_uint64, DBL, SZ, I32, P, SZ]
        L.nanoclust_kmeans_stats_merge.argtypes = [P, P, SZ]
        L.nanoclust_kmeans_finish_f64.argtypes = [P, SZ, DBL, SZ, SZ, DBL, P]  # result: StepResult by reference
        L.nanoclust_gmm_stats_size.argtypes = [SZ, SZ, ctypes.c_uint32, ctypes.POINTER(SZ)]
        L.nanoclust_gmm_stats_init.argtypes = [P, SZ, SZ, SZ, ctypes.c_uint32]
        L.nanoclust_gmm_accumulate_f64.argtypes = [DBL, SZ, SZ, DBL, DBL, DBL, DBL, SZ, ctypes.c_uint32, P, SZ]
        L.nanoclust_gmm_stats_merge.argtypes = [P, P, SZ]
        L.nanoclust_gmm_finish_f64.argtypes = [P, SZ, ctypes.c_double, DBL, DBL, DBL, ctypes.POINTER(ctypes.c_double)]
        ctypes._nanoclust_lib = L
    return L


def check(status, what):
    if status != 0:
        raise RuntimeError(f"{what}: nanoclust status {status}")


def arr(a, dtype=np.float64):
    """C-contiguous and aligned (arrays unpickled on a worker may sit at any address)."""
    return np.require(a, dtype=dtype, requirements=["C", "A", "W"])


def ptr(a, t=DBL):
    return a.ctypes.data_as(t)


COV_FULL = 0


# ---- work done on the workers (and, for the reference, in one process) ----

def kmeans_fold(x, first_row, centers, labels):
    """Folds one block-aligned chunk; returns (new labels, blob bytes)."""
    L = lib()
    x, centers = arr(x), arr(centers)
    k, d = centers.shape
    size = SZ()
    check(L.nanoclust_kmeans_stats_size(k, d, ctypes.byref(size)), "stats_size")
    blob = ctypes.create_string_buffer(size.value)
    check(L.nanoclust_kmeans_stats_init(blob, size, k, d), "stats_init")
    labels = arr(np.array(labels), np.int32)
    check(L.nanoclust_kmeans_accumulate_f64(ptr(x), x.shape[0], d, None, first_row, ptr(centers), k,
                                            ptr(labels, I32), blob, size), "accumulate")
    return labels, blob.raw


def kmeans_merge(a, b):
    L = lib()
    into = ctypes.create_string_buffer(a, len(a))
    check(L.nanoclust_kmeans_stats_merge(into, b, len(a)), "merge")
    return into.raw


def gmm_fold(x, model):
    L = lib()
    x = arr(x)
    w, m, c = (arr(v) for v in model)
    k, d = m.shape
    size = SZ()
    check(L.nanoclust_gmm_stats_size(k, d, COV_FULL, ctypes.byref(size)), "gmm stats_size")
    blob = ctypes.create_string_buffer(size.value)
    check(L.nanoclust_gmm_stats_init(blob, size, k, d, COV_FULL), "gmm stats_init")
    check(L.nanoclust_gmm_accumulate_f64(ptr(x), x.shape[0], d, None, ptr(w), ptr(m), ptr(c), k, COV_FULL,
                                         blob, size), "gmm accumulate")
    return blob.raw


def gmm_merge(a, b):
    L = lib()
    into = ctypes.create_string_buffer(a, len(a))
    check(L.nanoclust_gmm_stats_merge(into, b, len(a)), "gmm merge")
    return into.raw


# ---- the driver's side ----

def kmeans_finish(blob, centers):
    k, d = centers.shape
    out = np.empty_like(centers)
    res = StepResult()
    check(lib().nanoclust_kmeans_finish_f64(blob, len(blob), ptr(centers), k, d, ptr(out), ctypes.byref(res)),
          "finish")
    return out, res


def gmm_finish(blob, k, d):
    w, m, c = np.empty(k), np.empty((k, d)), np.empty((k, d, d))
    lb = ctypes.c_double()
    check(lib().nanoclust_gmm_finish_f64(blob, len(blob), 1e-6, ptr(w), ptr(m), ptr(c), ctypes.byref(lb)),
          "gmm finish")
    return (w, m, c), lb.value


def tree(merge, items):
    """Pairwise merge tree (the items may be dask futures or bytes)."""
    while len(items) > 1:
        items = [merge(items[i], items[i + 1]) if i + 1 < len(items) else items[i] for i in range(0, len(items), 2)]
    return items[0]


