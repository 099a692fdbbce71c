#!/usr/bin/env python3
"""Agglomerative clustering: nanoclust vs scipy and fastcluster, same data, same run.

Every (implementation, method, size) runs in its own process so that peak
memory can be measured: the reported memory is the growth of the process's
peak RSS (ru_maxrss) during the call, above what it held after loading the
data and a warm-up call on 50 samples (so allocations below that high-water
mark show as 0), and the absolute peak RSS. Single thread everywhere
(threadpoolctl + OMP_NUM_THREADS=1). Both wall time and the process's CPU
time are reported: on a shared, oversubscribed machine CPU time is the fairer
number for single-threaded code.

    cargo build --release
    .venv/bin/python benches/compare/hierarchy.py [--sizes 10000,20000] [--repeat 1]

Implementations: scipy.cluster.hierarchy.linkage; fastcluster.linkage (on
observations: it computes the condensed matrix itself); fastcluster.linkage_vector
(ward, single: O(n*d) memory); nanoclust_linkage_f64 through ctypes on
target/release/libnanoclust.so (workspace allocated with numpy, counted).
Ward and single are compared with linkage_vector, average and complete with
fastcluster.linkage. Each nanoclust result is checked to match scipy's merge
heights on a 2000-sample subset before timing.
"""
import argparse
import ctypes
import json
import os
import resource
import subprocess
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy as np  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LIB = os.path.join(ROOT, "target", "release", "libnanoclust.so")
METHODS = {"single": 0, "complete": 1, "average": 2, "weighted": 3, "ward": 4, "centroid": 5, "median": 6}
D = 8
SEED = 12345


class Merge(ctypes.Structure):
    _fields_ = [("left", ctypes.c_uint32), ("right", ctypes.c_uint32),
                ("distance", ctypes.c_double), ("size", ctypes.c_uint32)]


def data(n):
    rng = np.random.default_rng(SEED)
    centers = rng.normal(scale=4.0, size=(16, D))
    return np.ascontiguousarray(centers[rng.integers(0, 16, size=n)] + rng.normal(size=(n, D)))


def nanoclust_linkage(x, method):
    lib = ctypes.CDLL(LIB)
    n, d = x.shape
    size = ctypes.c_size_t()
    st = lib.nanoclust_linkage_workspace_size_f64(ctypes.c_size_t(n), ctypes.c_size_t(d), ctypes.c_uint32(METHODS[method]),
                                                  ctypes.c_uint32(0), ctypes.byref(size))
    assert st == 0, st
    ws = np.empty(size.value, dtype=np.uint8)
    out = (Merge * (n - 1))()
    st = lib.nanoclust_linkage_f64(x.ctypes.data_as(ctypes.c_void_p), ctypes.c_size_t(n), ctypes.c_size_t(d),
                                   ctypes.c_uint32(METHODS[method]), ctypes.c_uint32(0),
                                   ws.ctypes.data_as(ctypes.c_void_p), ctypes.c_size_t(size.value), out)
    assert st == 0, st
    return np.array([[m.left, m.right, m.distance, m.size] for m in out])


def run(impl, method, x):
    if impl == "scipy":
        from scipy.cluster.hierarchy import linkage
        return linkage(x, method=method)
    if impl == "fastcluster.linkage":
        import fastcluster
        return fastcluster.linkage(x, method=method)
    if impl == "fastcluster.linkage_vector":
        import fastcluster
        return fastcluster.linkage_vector(x, method=method)
    if impl == "nanoclust":
        return nanoclust_linkage(x, method)
    raise ValueError(impl)


def one(impl, method, n):
    from threadpoolctl import threadpool_limits
    x = data(n)
    # Import and warm up outside the measurement.
    run(impl, method, x[:50])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with threadpool_limits(1):
        t0, c0 = time.perf_counter(), time.process_time()
        z = run(impl, method, x)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"impl": impl, "method": method, "n": n, "seconds": dt, "cpu_seconds": cpu,
                      "peak_rss_mib": after / 1024.0,
                      "peak_mib": (after - before) / 1024.0, "top_height": float(z[-1, 2])}))


def check(method):
    from scipy.cluster.hierarchy import linkage
    x = data(2000)
    ours = nanoclust_linkage(x, method)
    ref = linkage(x, method=method)
    assert np.array_equal(ours[:, [0, 1, 3]], ref[:, [0, 1, 3]]), method
    assert np.allclose(ours[:, 2], ref[:, 2], rtol=1e-10, atol=0), method


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,20000")
    ap.add_argument("--methods", default="ward,single,average,complete")
    ap.add_argument("--one", nargs=3, metavar=("IMPL", "METHOD", "N"))
    args = ap.parse_args()
    if args.one:
        one(args.one[0], args.one[1], int(args.one[2]))
        return
    methods = args.methods.split(",")
    for m in methods:
        check(m)
    print(f"nanoclust matches scipy on 2000 x {D} for {', '.join(methods)}", file=sys.stderr)
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        for method in methods:
            impls = ["scipy", "fastcluster.linkage"]
            if method in ("ward", "single", "centroid", "median"):
                impls.append("fastcluster.linkage_vector")
            impls.append("nanoclust")
            for impl in impls:
                out = subprocess.run([sys.executable, __file__, "--one", impl, method, str(n)],
                                     capture_output=True, text=True, check=True)
                r = json.loads(out.stdout.strip().splitlines()[-1])
                rows.append(r)
                print(f"{n:>6} x {D}  {method:<9} {impl:<28} {r['seconds']:8.3f} s wall {r['cpu_seconds']:8.3f} s cpu "
                      f"{r['peak_mib']:9.1f} MiB growth {r['peak_rss_mib']:9.1f} MiB peak RSS", flush=True)
    print("\n| n x d | method | implementation | wall (s) | CPU (s) | peak RSS growth (MiB) | peak RSS (MiB) |")
    print("|---|---|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['n']} x {D} | {r['method']} | {r['impl']} | {r['seconds']:.3f} | {r['cpu_seconds']:.3f} | "
              f"{r['peak_mib']:.1f} | {r['peak_rss_mib']:.1f} |")


if __name__ == "__main__":
    main()
