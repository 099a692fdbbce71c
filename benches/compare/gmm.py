#!/usr/bin/env python3
"""nanoclust vs scikit-learn GaussianMixture: time per EM iteration.

Same data (50k x 8, k = 8 Gaussian blobs, float64), same provided start (weights,
means, covariances; scikit-learn gets the inverse covariances as
precisions_init), tol = 0 so both run exactly max_iter iterations, one thread
(threadpoolctl + OMP_NUM_THREADS=1). Per-iteration time = (t(1 + ITERS) - t(1)) / ITERS
with t the median wall time of a whole fit, which cancels each library's fixed
costs (validation, initialisation, scikit-learn's final E-step).

Usage: cargo build --release && .venv/bin/python benches/compare/gmm.py
"""
import ctypes
import os
import statistics
import sys
import time
import warnings

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.mixture import GaussianMixture  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
LIB = os.path.join(ROOT, "target", "release", "libnanoclust.so")
N, D, K = 50_000, 8, 8
ITERS = 10
REPEATS = 5
TYPES = {"full": 0, "tied": 1, "diag": 2, "spherical": 3}


class Params(ctypes.Structure):
    _fields_ = [("n_components", ctypes.c_uint32), ("covariance_type", ctypes.c_uint32),
                ("max_iter", ctypes.c_uint32), ("n_init", ctypes.c_uint32),
                ("tol", ctypes.c_double), ("reg_covar", ctypes.c_double),
                ("init", ctypes.c_uint32), ("seed", ctypes.c_uint64)]


class Result(ctypes.Structure):
    _fields_ = [("lower_bound", ctypes.c_double), ("n_iter", ctypes.c_uint32), ("converged", ctypes.c_uint32)]


def data():
    rs = np.random.RandomState(0)
    centres = rs.uniform(-5, 5, size=(K, D))
    x = centres[np.arange(N) % K] + rs.randn(N, D)
    return np.ascontiguousarray(x)


def start(x, cov_type):
    w = np.full(K, 1.0 / K)
    m = x[np.arange(K) * 997].copy()
    if cov_type == "full":
        cov = np.tile(np.eye(D), (K, 1, 1))
        prec = cov.copy()
    elif cov_type == "tied":
        cov = np.eye(D)
        prec = cov.copy()
    elif cov_type == "diag":
        cov = np.ones((K, D))
        prec = cov.copy()
    else:
        cov = np.ones(K)
        prec = cov.copy()
    return w, m, cov, prec


def median_time(f):
    ts = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def main():
    warnings.filterwarnings("ignore")  # scikit-learn warns that tol = 0 never converges
    lib = ctypes.CDLL(LIB)
    dp = ctypes.POINTER(ctypes.c_double)
    lib.nanoclust_gmm_params_default.restype = Params
    lib.nanoclust_gmm_workspace_size_f64.argtypes = [ctypes.c_size_t, ctypes.c_size_t, ctypes.POINTER(Params),
                                                     ctypes.POINTER(ctypes.c_size_t)]
    lib.nanoclust_gmm_fit_f64.argtypes = [dp, ctypes.c_size_t, ctypes.c_size_t, ctypes.POINTER(Params),
                                          ctypes.c_void_p, ctypes.c_size_t, dp, dp, dp, ctypes.POINTER(Result)]
    x = data()
    xp = x.ctypes.data_as(dp)
    print(f"sklearn {sklearn.__version__}, numpy {np.__version__}; {N} x {D}, k = {K}, float64, "
          f"{ITERS} EM iterations, medians of {REPEATS}, one thread")
    print("| covariance | scikit-learn ms/iter | nanoclust ms/iter | speed-up | max |param diff| |")
    print("|---|---|---|---|---|")
    with threadpool_limits(1):
        for name in sys.argv[1:] or ["full", "diag"]:
            w0, m0, c0, p0 = start(x, name)

            def sk(iters):
                gm = GaussianMixture(K, covariance_type=name, max_iter=iters, tol=0.0, weights_init=w0,
                                     means_init=m0, precisions_init=p0, init_params="random_from_data",
                                     random_state=0)
                gm.fit(x)
                return gm

            p = lib.nanoclust_gmm_params_default(K)
            p.covariance_type = TYPES[name]
            p.init = 1
            p.tol = 0.0
            size = ctypes.c_size_t(0)

            def nc(iters):
                p.max_iter = iters
                assert lib.nanoclust_gmm_workspace_size_f64(N, D, ctypes.byref(p), ctypes.byref(size)) == 0
                ws = ctypes.create_string_buffer(size.value)
                w, m, c = w0.copy(), m0.copy(), np.ascontiguousarray(c0.copy())
                r = Result()
                st = lib.nanoclust_gmm_fit_f64(xp, N, D, ctypes.byref(p), ws, size.value, w.ctypes.data_as(dp),
                                               m.ctypes.data_as(dp), c.ctypes.data_as(dp), ctypes.byref(r))
                assert st == 0, st
                return w, m, c

            gm = sk(ITERS)
            w, m, c = nc(ITERS)
            diff = max(np.abs(gm.weights_ - w).max(), np.abs(gm.means_ - m).max(),
                       np.abs(np.asarray(gm.covariances_) - c).max())
            t_sk = (median_time(lambda: sk(1 + ITERS)) - median_time(lambda: sk(1))) / ITERS
            t_nc = (median_time(lambda: nc(1 + ITERS)) - median_time(lambda: nc(1))) / ITERS
            print(f"| {name} | {t_sk * 1e3:.2f} | {t_nc * 1e3:.2f} | {t_sk / t_nc:.2f}x | {diff:.1e} |")


if __name__ == "__main__":
    main()
