#!/usr/bin/env python3
"""Times nanoclust's metrics (ctypes on target/release/libnanoclust.so) against
scikit-learn on the same data in the same run, single thread.

    cargo build --release
    OMP_NUM_THREADS=1 .venv/bin/python benches/compare/metrics.py

Prints a markdown table of medians (ms) and the ratio scikit-learn / nanoclust,
after checking that both give the same value.
"""
import ctypes as C
import os
import statistics
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402
from sklearn import metrics as skm  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
lib = C.CDLL(os.path.join(ROOT, "target", "release", "libnanoclust.so"))
P = C.c_void_p
SZ = C.c_size_t
for name in ("nanoclust_silhouette_score_f64", "nanoclust_silhouette_score_f32"):
    getattr(lib, name).argtypes = [P, SZ, SZ, P, SZ, C.c_uint32, P, SZ, P]
for name in ("nanoclust_calinski_harabasz_f64", "nanoclust_davies_bouldin_f64"):
    getattr(lib, name).argtypes = [P, SZ, SZ, P, SZ, P, SZ, P]
for name in ("nanoclust_adjusted_rand_index", "nanoclust_normalized_mutual_info"):
    getattr(lib, name).argtypes = [P, P, SZ, P, SZ, P]
lib.nanoclust_silhouette_workspace_size.argtypes = [SZ, SZ, P]
lib.nanoclust_cluster_stats_workspace_size.argtypes = [SZ, SZ, P]
lib.nanoclust_contingency_workspace_size.argtypes = [SZ, P]
METRIC = {"euclidean": 0, "manhattan": 1, "chebyshev": 2, "cosine": 3}


def ptr(a):
    return a.ctypes.data_as(P)


def query(fn, *sizes):
    b = SZ(0)
    assert fn(*sizes, C.byref(b)) == 0
    return np.zeros(b.value, dtype=np.uint8)


def timeit(f, reps):
    f()
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts) * 1e3


def blobs(n, d, k, seed):
    rng = np.random.default_rng(seed)
    c = rng.uniform(-10, 10, size=(k, d))
    lab = (np.arange(n) % k).astype(np.int32)
    return np.ascontiguousarray(c[lab] + rng.uniform(-1, 1, size=(n, d))), lab


def nc_call(fn, *args):
    out = C.c_double(0)
    st = fn(*args, C.byref(out))
    assert st == 0, st
    return out.value


rows = []


def row(name, t_sk, t_nc, v_sk, v_nc):
    assert abs(v_sk - v_nc) <= 1e-4 * max(1.0, abs(v_sk)), (name, v_sk, v_nc)
    rows.append((name, t_sk, t_nc))


with threadpool_limits(1):
    for n, reps in ((1000, 5), (4000, 3)):
        d, k = 8, 8
        x, lab = blobs(n, d, k, 1)
        ws = query(lib.nanoclust_silhouette_workspace_size, n, k)
        metrics = ("euclidean", "manhattan", "cosine") if n == 1000 else ("euclidean",)
        for m in metrics:
            for dt, fn in ((np.float64, lib.nanoclust_silhouette_score_f64),
                           (np.float32, lib.nanoclust_silhouette_score_f32)):
                xx = np.ascontiguousarray(x.astype(dt))
                v_sk = skm.silhouette_score(xx, lab, metric=m)
                call = lambda: nc_call(fn, ptr(xx), n, d, ptr(lab), k, METRIC[m], ptr(ws), ws.size)  # noqa: E731
                v_nc = call()
                t_sk = timeit(lambda: skm.silhouette_score(xx, lab, metric=m), reps)
                t_nc = timeit(call, reps)
                row(f"silhouette {m} {dt.__name__} {n}x{d} k{k}", t_sk, t_nc, v_sk, v_nc)

    n, d, k = 100_000, 8, 16
    x, lab = blobs(n, d, k, 2)
    ws = query(lib.nanoclust_cluster_stats_workspace_size, d, k)
    for name, skf, fn in (("calinski_harabasz", skm.calinski_harabasz_score, lib.nanoclust_calinski_harabasz_f64),
                          ("davies_bouldin", skm.davies_bouldin_score, lib.nanoclust_davies_bouldin_f64)):
        call = lambda: nc_call(fn, ptr(x), n, d, ptr(lab), k, ptr(ws), ws.size)  # noqa: E731
        row(f"{name} f64 {n}x{d} k{k}", timeit(lambda: skf(x, lab), 7), timeit(call, 7), skf(x, lab), call())

    rng = np.random.default_rng(3)
    other = np.where(rng.random(n) < 0.2, rng.integers(0, 20, n), lab).astype(np.int32)
    ws = query(lib.nanoclust_contingency_workspace_size, n)
    for name, skf, fn in (("adjusted_rand_index", skm.adjusted_rand_score, lib.nanoclust_adjusted_rand_index),
                          ("normalized_mutual_info", skm.normalized_mutual_info_score,
                           lib.nanoclust_normalized_mutual_info)):
        call = lambda: nc_call(fn, ptr(lab), ptr(other), n, ptr(ws), ws.size)  # noqa: E731
        row(f"{name} n={n}", timeit(lambda: skf(lab, other), 7), timeit(call, 7), skf(lab, other), call())

print("| workload | scikit-learn (ms) | nanoclust (ms) | speedup |")
print("|---|---:|---:|---:|")
for name, t_sk, t_nc in rows:
    print(f"| {name} | {t_sk:.2f} | {t_nc:.2f} | {t_sk / t_nc:.1f}x |")
