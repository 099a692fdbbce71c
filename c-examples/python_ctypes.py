"""python_ctypes.py: nanoclust from Python with the standard library only.

ctypes loads target/release/libnanoclust.so (or the path in $NANOCLUST_LIB),
array.array holds the data, labels and workspace; no numpy. Runs k-means on
three blobs, scores it with the silhouette and the adjusted Rand index, and
shows how a failing status comes back (by name, with the library's message).

Check: the blobs are recovered (ARI == 1), the silhouette is above 0.7, and a
k larger than n is refused with NANOCLUST_ERR_INVALID_PARAMETER.
"""

import ctypes
import math
import os
import sys
from array import array

HERE = os.path.dirname(os.path.abspath(__file__))
LIB = os.environ.get("NANOCLUST_LIB", os.path.join(HERE, "..", "target", "release", "libnanoclust.so"))
nc = ctypes.CDLL(LIB)

STATUS_NAMES = ["OK", "ERR_NULL_POINTER", "ERR_INVALID_SHAPE", "ERR_INVALID_PARAMETER", "ERR_NON_FINITE",
                "ERR_WORKSPACE_TOO_SMALL", "ERR_SIZE_OVERFLOW", "ERR_NUMERICAL"]
METRIC_EUCLIDEAN = 0


class KMeansParams(ctypes.Structure):  # nanoclust_kmeans_params, field for field
    _fields_ = [("n_clusters", ctypes.c_uint32), ("init", ctypes.c_uint32), ("n_init", ctypes.c_uint32),
                ("max_iter", ctypes.c_uint32), ("tol", ctypes.c_double), ("seed", ctypes.c_uint64),
                ("algorithm", ctypes.c_uint32)]


class KMeansResult(ctypes.Structure):  # nanoclust_kmeans_result
    _fields_ = [("inertia", ctypes.c_double), ("n_iter", ctypes.c_uint32), ("converged", ctypes.c_uint32)]


size_t, p = ctypes.c_size_t, ctypes.c_void_p
nc.nanoclust_status_message.restype = ctypes.c_char_p
nc.nanoclust_status_message.argtypes = [ctypes.c_int32]
nc.nanoclust_kmeans_params_default.restype = KMeansParams
nc.nanoclust_kmeans_params_default.argtypes = [ctypes.c_uint32]
nc.nanoclust_kmeans_workspace_size_f64.argtypes = [size_t, size_t, ctypes.POINTER(KMeansParams),
                                                   ctypes.POINTER(size_t)]
nc.nanoclust_kmeans_fit_f64.argtypes = [p, size_t, size_t, p, ctypes.POINTER(KMeansParams), p, size_t, p, p,
                                        ctypes.POINTER(KMeansResult)]
nc.nanoclust_silhouette_workspace_size.argtypes = [size_t, size_t, ctypes.POINTER(size_t)]
nc.nanoclust_silhouette_score_f64.argtypes = [p, size_t, size_t, p, size_t, ctypes.c_uint32, p, size_t,
                                              ctypes.POINTER(ctypes.c_double)]
nc.nanoclust_contingency_workspace_size.argtypes = [size_t, ctypes.POINTER(size_t)]
nc.nanoclust_adjusted_rand_index.argtypes = [p, p, size_t, p, size_t, ctypes.POINTER(ctypes.c_double)]


class NanoclustError(Exception):
    pass


def check(status, call):
    if status != 0:
        name = STATUS_NAMES[status] if 0 <= status < len(STATUS_NAMES) else str(status)
        raise NanoclustError(f"{call}: NANOCLUST_{name}: {nc.nanoclust_status_message(status).decode()}")


def addr(buf):
    """address of an array.array's storage (None for an empty one)"""
    return buf.buffer_info()[0] if len(buf) else None


def kmeans(x, n, d, k, seed=42, n_init=10):
    params = nc.nanoclust_kmeans_params_default(k)
    params.seed, params.n_init = seed, n_init
    need = size_t()
    check(nc.nanoclust_kmeans_workspace_size_f64(n, d, ctypes.byref(params), ctypes.byref(need)),
          "nanoclust_kmeans_workspace_size_f64")
    ws = array("B", bytes(need.value))
    centers, labels, result = array("d", [0.0] * (k * d)), array("i", [0] * n), KMeansResult()
    check(nc.nanoclust_kmeans_fit_f64(addr(x), n, d, None, ctypes.byref(params), addr(ws), len(ws),
                                      addr(centers), addr(labels), ctypes.byref(result)),
          "nanoclust_kmeans_fit_f64")
    return centers, labels, result


def main():
    assert array("i").itemsize == 4, "int32 labels need a 4-byte array('i')"
    per, d, k = 30, 2, 3
    n = 3 * per
    x, truth = array("d"), array("i")
    for c, (cx, cy) in enumerate([(0.0, 0.0), (6.0, 0.0), (3.0, 5.0)]):
        for i in range(per):
            x.extend([cx + 0.6 * math.sin(1.3 * i), cy + 0.6 * math.cos(2.1 * i)])
            truth.append(c)

    centers, labels, result = kmeans(x, n, d, k)
    print(f"Python ctypes + array: k-means on {n} points, k={k}")
    print(f"  inertia {result.inertia:.3f}, {result.n_iter} iterations, converged {bool(result.converged)}")
    for c in range(k):
        print(f"  center {c}: ({centers[c * d]:.3f}, {centers[c * d + 1]:.3f})")

    need = size_t()
    check(nc.nanoclust_silhouette_workspace_size(n, k, ctypes.byref(need)), "nanoclust_silhouette_workspace_size")
    ws = array("B", bytes(need.value))
    sil = ctypes.c_double()
    check(nc.nanoclust_silhouette_score_f64(addr(x), n, d, addr(labels), k, METRIC_EUCLIDEAN, addr(ws), len(ws),
                                            ctypes.byref(sil)), "nanoclust_silhouette_score_f64")
    check(nc.nanoclust_contingency_workspace_size(n, ctypes.byref(need)), "nanoclust_contingency_workspace_size")
    ws = array("B", bytes(need.value))
    ari = ctypes.c_double()
    check(nc.nanoclust_adjusted_rand_index(addr(truth), addr(labels), n, addr(ws), len(ws), ctypes.byref(ari)),
          "nanoclust_adjusted_rand_index")
    print(f"  silhouette {sil.value:.3f}, ARI vs truth {ari.value:.3f}")

    failures = 0
    for ok, what in [(ari.value > 1 - 1e-12, "three blobs recovered (ARI == 1)"),
                     (sil.value > 0.7, "silhouette above 0.7")]:
        print(f"  [{'PASS' if ok else 'FAIL'}] {what}")
        failures += not ok
    try:
        kmeans(x, n, d, n + 1)
        print("  [FAIL] k > n was accepted")
        failures += 1
    except NanoclustError as e:
        ok = "NANOCLUST_ERR_INVALID_PARAMETER" in str(e)
        print(f"  [{'PASS' if ok else 'FAIL'}] k > n is refused: {e}")
        failures += not ok
    print("python_ctypes:", "checks FAILED" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
