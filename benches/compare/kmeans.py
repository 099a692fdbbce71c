#!/usr/bin/env python3
"""nanoclust k-means vs scikit-learn, single thread, in one run.

    cargo build --release
    OMP_NUM_THREADS=1 .venv/bin/python benches/compare/kmeans.py [--iters 20] [--repeats 5]

Both sides get the same data (uniform random, so the labels keep changing), the
same initial centers (init=PROVIDED / an array), tol = 0 and the same max_iter,
so both run the same number of Lloyd iterations (checked). The time per
iteration is the fit time divided by n_iter (setup, centring and the final
inertia included on both sides); the median of `repeats` runs is reported.
scikit-learn runs under threadpoolctl's limit of 1 and OMP_NUM_THREADS=1.
The GEMM reference is numpy's single-thread matmul rate measured in the same
run; "GEMM fraction" is (2 n k d flops / nanoclust's time per iteration)
divided by it.
"""
import argparse
import ctypes
import os
import pathlib
import statistics
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

ROOT = pathlib.Path(__file__).resolve().parents[2]
LIB = ROOT / "target" / "release" / "libnanoclust.so"


class Params(ctypes.Structure):
    _fields_ = [
        ("n_clusters", ctypes.c_uint32),
        ("init", ctypes.c_uint32),
        ("n_init", ctypes.c_uint32),
        ("max_iter", ctypes.c_uint32),
        ("tol", ctypes.c_double),
        ("seed", ctypes.c_uint64),
        ("algorithm", ctypes.c_uint32),
    ]


class Result(ctypes.Structure):
    _fields_ = [("inertia", ctypes.c_double), ("n_iter", ctypes.c_uint32), ("converged", ctypes.c_uint32)]


LLOYD, HAMERLY, AUTO = 1, 2, 0
PROVIDED = 2


def load():
    lib = ctypes.CDLL(str(LIB))
    lib.nanoclust_kmeans_params_default.restype = Params
    for t in ("f32", "f64"):
        getattr(lib, f"nanoclust_kmeans_workspace_size_{t}").argtypes = [
            ctypes.c_size_t, ctypes.c_size_t, ctypes.POINTER(Params), ctypes.POINTER(ctypes.c_size_t)]
        getattr(lib, f"nanoclust_kmeans_fit_{t}").argtypes = [
            ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t, ctypes.c_void_p, ctypes.POINTER(Params),
            ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(Result)]
    return lib


def nano_fit(lib, x, init, iters, algorithm):
    n, d = x.shape
    k = init.shape[0]
    t = "f32" if x.dtype == np.float32 else "f64"
    p = lib.nanoclust_kmeans_params_default(k)
    p.init, p.max_iter, p.tol, p.algorithm = PROVIDED, iters, 0.0, algorithm
    size = ctypes.c_size_t()
    assert getattr(lib, f"nanoclust_kmeans_workspace_size_{t}")(n, d, ctypes.byref(p), ctypes.byref(size)) == 0
    ws = np.empty(size.value, dtype=np.uint8)
    centers = init.copy()
    labels = np.empty(n, dtype=np.int32)
    r = Result()
    t0 = time.perf_counter()
    s = getattr(lib, f"nanoclust_kmeans_fit_{t}")(
        x.ctypes.data, n, d, None, ctypes.byref(p), ws.ctypes.data, size.value,
        centers.ctypes.data, labels.ctypes.data, ctypes.byref(r))
    dt = time.perf_counter() - t0
    assert s == 0, s
    return dt, r.n_iter, r.inertia


def sk_fit(x, init, iters):
    km = KMeans(n_clusters=init.shape[0], init=init, n_init=1, max_iter=iters, tol=0.0, algorithm="lloyd")
    t0 = time.perf_counter()
    km.fit(x)
    dt = time.perf_counter() - t0
    return dt, km.n_iter_, km.inertia_


def gemm_rate(dtype, size=1024, repeats=5):
    a = np.random.RandomState(0).rand(size, size).astype(dtype)
    b = a.T.copy()
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - t0)
    return 2 * size**3 / best / 1e9


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iters", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    lib = load()
    shapes = [(10_000, 2, 8), (100_000, 16, 16), (50_000, 64, 32)]
    rows = []
    with threadpool_limits(1):
        gemm = {np.float32: gemm_rate(np.float32), np.float64: gemm_rate(np.float64)}
        for dtype in (np.float64, np.float32):
            for n, d, k in shapes:
                rng = np.random.RandomState(n + d + k)
                x = rng.rand(n, d).astype(dtype)
                init = x[rng.choice(n, k, replace=False)].copy()
                res = {}
                for name, fn in [
                    ("sklearn", lambda: sk_fit(x, init, args.iters)),
                    ("lloyd", lambda: nano_fit(lib, x, init, args.iters, LLOYD)),
                    ("hamerly", lambda: nano_fit(lib, x, init, args.iters, HAMERLY)),
                    ("auto", lambda: nano_fit(lib, x, init, args.iters, AUTO)),
                ]:
                    fn()  # warm-up
                    runs = [fn() for _ in range(args.repeats)]
                    res[name] = (statistics.median(r[0] / r[1] for r in runs), runs[0][1], runs[0][2])
                its = {v[1] for v in res.values()}
                flops = 2.0 * n * k * d
                best = min(res["lloyd"][0], res["auto"][0])
                rows.append((np.dtype(dtype).name, n, d, k, res, its, flops / res["lloyd"][0] / 1e9, gemm[dtype]))
                sk = res["sklearn"][0]
                print(
                    f"{np.dtype(dtype).name} n={n} d={d} k={k} iters={sorted(its)}: sklearn {sk*1e3:.3f} ms/it, "
                    f"lloyd {res['lloyd'][0]*1e3:.3f} ({sk/res['lloyd'][0]:.2f}x), "
                    f"hamerly {res['hamerly'][0]*1e3:.3f} ({sk/res['hamerly'][0]:.2f}x), "
                    f"auto {res['auto'][0]*1e3:.3f} ({sk/best:.2f}x best); "
                    f"lloyd {flops/res['lloyd'][0]/1e9:.1f} GFLOP/s = {flops/res['lloyd'][0]/1e9/gemm[dtype]:.0%} of numpy GEMM {gemm[dtype]:.1f}",
                    flush=True,
                )
    print()
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; {args.iters} iterations, median of {args.repeats}; one thread")
    print("| dtype | n | d | k | scikit-learn ms/iter | nanoclust Lloyd ms/iter | ratio | Hamerly ms/iter | ratio | AUTO ratio | Lloyd GFLOP/s | % of GEMM |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for dt, n, d, k, res, its, gf, g in rows:
        sk = res["sklearn"][0]
        print(
            f"| {dt} | {n} | {d} | {k} | {sk*1e3:.3f} | {res['lloyd'][0]*1e3:.3f} | {sk/res['lloyd'][0]:.2f}x | "
            f"{res['hamerly'][0]*1e3:.3f} | {sk/res['hamerly'][0]:.2f}x | {sk/res['auto'][0]:.2f}x | {gf:.1f} | {gf/g:.0%} of {g:.1f} |"
        )


if __name__ == "__main__":
    sys.exit(main())
