"""k-means and a Gaussian mixture on a Dask cluster of separate worker
processes, through nanoclust's partial statistics (ctypes on
target/release/libnanoclust.so), byte-identical to the single-process fit.

Each pass (a Lloyd or an EM iteration): every worker folds its chunks of the
row-chunked dask array into stats blobs (`*_accumulate_f64`; chunk boundaries
are multiples of `nanoclust_partial_block_rows()`), and the driver merges the
blobs in a pairwise tree (`*_stats_merge`) and ends the pass (`*_finish_f64`). The same loop in one process with a single blob per pass
must give the same bytes; the script exits 1 otherwise.

Spark or Ray users do the same with `rdd.mapPartitions(fold)` (partitions
on multiples of the block size, each yielding its blob as bytes) and
`treeReduce(merge)`, then `finish` on the driver; in Ray, one task per
block range returning bytes and a reduction tree of merge tasks.

    python3 -m venv .venv && .venv/bin/pip install -r examples/dask/requirements.txt
    cargo build --release && .venv/bin/python examples/dask/partial_dask.py
"""
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nanoclust_partial import (gmm_finish, gmm_fold, gmm_merge, kmeans_finish,  # noqa: E402
                               kmeans_fold, kmeans_merge, lib, tree)
import nanoclust_partial  # noqa: E402


def kmeans_loop(x, centers, fold_pass, tol, max_iter=100):
    """The caller's loop: passes until labels stop changing or the shift is at most tol."""
    labels = np.full(x.shape[0], -1, dtype=np.int32)
    for it in range(1, max_iter + 1):
        labels, blob = fold_pass(centers, labels)
        centers, res = kmeans_finish(blob, centers)
        if res.n_changed == 0 or res.center_shift <= tol:
            break
    labels, blob = fold_pass(centers, labels)
    _, res = kmeans_finish(blob, centers)
    return centers, labels, res.inertia, it


def gmm_loop(x, model, fold_pass, tol=1e-3, max_iter=100):
    prev = -np.inf
    k, d = model[1].shape
    for it in range(1, max_iter + 1):
        model, lb = gmm_finish(fold_pass(model), k, d)
        if abs(lb - prev) < tol:
            break
        prev = lb
    return model, lb, it


def main():
    from dask.distributed import Client, LocalCluster
    import dask.array as da

    os.environ["NANOCLUST_LIB"] = os.path.abspath(nanoclust_partial.LIB_PATH)  # inherited by the workers

    rng = np.random.RandomState(0)
    n, d, k = 20_000 + 37, 4, 5
    true_centers = rng.uniform(0, 10, size=(k, d))
    x = true_centers[rng.randint(0, k, size=n)] + rng.normal(scale=1.0, size=(n, d))
    centers0 = x[:k].copy()
    tol = 1e-4 * x.var(axis=0).mean()
    B = lib().nanoclust_partial_block_rows()
    chunk = 50 * B  # chunk boundaries on multiples of the block size
    starts = list(range(0, n, chunk))
    print(f"partial_dask: {n} x {d}, k = {k}, chunks of {chunk} rows ({len(starts)} chunks), block {B}")

    # Single process: one blob per pass.
    t = time.perf_counter()
    one = kmeans_loop(x, centers0, lambda c, l: kmeans_fold(x, 0, c, l), tol)
    w0 = np.full(k, 1.0 / k)
    cov0 = np.repeat(np.eye(d)[None] * 2.0, k, axis=0)
    g_one = gmm_loop(x, (w0, centers0.copy(), cov0), lambda mdl: gmm_fold(x, mdl))
    t_one = time.perf_counter() - t

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        # Ships the module to the workers (and reloads it here: use its attributes, so
        # that the functions are pickled by reference).
        client.upload_file(nanoclust_partial.__file__)
        xd = da.from_array(x, chunks=(chunk, d)).persist()
        blocks = xd.to_delayed().ravel()
        futures = client.compute(list(blocks))  # the chunks live on the workers

        def dask_kmeans_pass(centers, labels):
            # The workers fold their chunks; the driver merges the blobs in a tree.
            parts = client.gather([client.submit(nanoclust_partial.kmeans_fold, f, s, centers, labels[s:s + chunk], pure=False)
                                   for f, s in zip(futures, starts)])
            return np.concatenate([p[0] for p in parts]), tree(kmeans_merge, [p[1] for p in parts])

        def dask_gmm_pass(model):
            blobs = client.gather([client.submit(nanoclust_partial.gmm_fold, f, model, pure=False) for f in futures])
            return tree(gmm_merge, blobs)

        t = time.perf_counter()
        dist = kmeans_loop(x, centers0, dask_kmeans_pass, tol)
        g_dist = gmm_loop(x, (w0, centers0.copy(), cov0), dask_gmm_pass)
        t_dist = time.perf_counter() - t
        workers = len(client.scheduler_info()["workers"])

    ok = True

    def same(name, a, b):
        nonlocal ok
        eq = a.tobytes() == b.tobytes()
        ok &= eq
        print(f"  [{'PASS' if eq else 'FAIL'}] {name} byte-identical")

    print(f"  k-means: {one[3]} iterations, inertia {one[2]:.10g} (single process); "
          f"{dist[3]} iterations, inertia {dist[2]:.10g} (Dask, {workers} worker processes)")
    same("k-means centers", one[0], dist[0])
    same("k-means labels", one[1], dist[1])
    same("k-means inertia", np.float64(one[2]), np.float64(dist[2]))
    print(f"  Gaussian mixture (full): {g_one[2]} iterations, lower bound {g_one[1]:.12g}; Dask: {g_dist[2]}, "
          f"{g_dist[1]:.12g}")
    for name, a, b in zip(("weights", "means", "covariances"), g_one[0], g_dist[0]):
        same(f"mixture {name}", a, b)
    same("mixture lower bound", np.float64(g_one[1]), np.float64(g_dist[1]))
    print(f"  time: single process {t_one:.2f} s, Dask {t_dist:.2f} s (scheduling dominates at this size)")
    print("partial_dask: all checks passed" if ok else "partial_dask: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
