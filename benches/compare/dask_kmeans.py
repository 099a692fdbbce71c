#!/usr/bin/env python3
"""nanoclust's partial statistics on Dask vs dask-ml's KMeans, same cluster, same data.

    cargo build --release
    python3 -m venv .venv && .venv/bin/pip install -r examples/dask/requirements.txt \
        dask-ml==2025.1.0 scikit-learn==1.7.2 scipy==1.17.1
    .venv/bin/python benches/compare/dask_kmeans.py [--n 400000] [--d 8] [--k 8] [--repeats 3]

Both run on one dask.distributed LocalCluster (2 worker processes, 1 thread
each) over the same row-chunked dask array (chunks of a multiple of 64 rows),
from the same initial centers (the first k rows), max_iter 100. nanoclust: the
caller's loop of examples/dask (workers fold chunks with
nanoclust_kmeans_accumulate_f64, the driver merges and finishes), stopping as
scikit-learn does (labels unchanged, or shift <= 1e-4 * mean variance).
dask-ml: `dask_ml.cluster.KMeans(init=<array>, tol=1e-4)` (its own Lloyd loop
on dask arrays). Reported: wall time of the fit (median of `repeats`),
iterations, inertia of the final centers.
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "examples", "dask"))
import nanoclust_partial  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=400_000)
    ap.add_argument("--d", type=int, default=8)
    ap.add_argument("--k", type=int, default=8)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()

    import dask
    import dask.array as da
    import dask_ml
    from dask.distributed import Client, LocalCluster
    from dask_ml.cluster import KMeans

    os.environ["NANOCLUST_LIB"] = os.path.abspath(nanoclust_partial.LIB_PATH)
    rng = np.random.RandomState(1)
    n, d, k = a.n, a.d, a.k
    x = rng.uniform(0, 10, size=(k, d))[rng.randint(0, k, size=n)] + rng.normal(scale=1.5, size=(n, d))
    centers0 = x[:k].copy()
    tol_abs = 1e-4 * x.var(axis=0).mean()
    block = nanoclust_partial.lib().nanoclust_partial_block_rows()
    chunk = block * max(1, (n // 8) // block)
    starts = list(range(0, n, chunk))

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.upload_file(nanoclust_partial.__file__)
        m = nanoclust_partial  # reloaded by upload_file: use its attributes
        xd = da.from_array(x, chunks=(chunk, d)).persist()
        futures = client.compute(list(xd.to_delayed().ravel()))

        def nanoclust_fit():
            centers = centers0.copy()
            labels = np.full(n, -1, dtype=np.int32)
            for it in range(1, 101):
                parts = client.gather([client.submit(m.kmeans_fold, f, s, centers, labels[s:s + chunk], pure=False)
                                       for f, s in zip(futures, starts)])
                labels = np.concatenate([p[0] for p in parts])
                centers, res = m.kmeans_finish(m.tree(m.kmeans_merge, [p[1] for p in parts]), centers)
                if res.n_changed == 0 or res.center_shift <= tol_abs:
                    break
            return centers, it

        def daskml_fit():
            km = KMeans(n_clusters=k, init=centers0, max_iter=100, tol=1e-4, random_state=0)
            km.fit(xd)
            return np.asarray(km.cluster_centers_), int(km.n_iter_)

        def inertia(c):
            dist = ((x[:, None, :] - c[None, :, :]) ** 2).sum(axis=2)
            return float(dist.min(axis=1).sum())

        # Interleaved rounds (the order alternates each round); the ratio is per round.
        fits = (("nanoclust (partial stats)", nanoclust_fit), ("dask-ml KMeans", daskml_fit))
        times = {name: [] for name, _ in fits}
        last = {}
        ratios = []
        for r in range(a.repeats):
            order = fits if r % 2 == 0 else fits[::-1]
            for name, fit in order:
                t = time.perf_counter()
                last[name] = fit()
                times[name].append(time.perf_counter() - t)
            ratios.append(times["dask-ml KMeans"][-1] / times["nanoclust (partial stats)"][-1])

    print(f"n={n} d={d} k={k}, {len(starts)} chunks of {chunk} rows, 2 worker processes; "
          f"dask {dask.__version__}, dask-ml {dask_ml.__version__}")
    print("| implementation | fit time median (min..max) | iterations | inertia |")
    print("|---|---|---|---|")
    for name, _ in fits:
        ts = times[name]
        c, iters = last[name]
        print(f"| {name} | {statistics.median(ts):.2f} s ({min(ts):.2f}..{max(ts):.2f}) | "
              f"{iters} | {inertia(c):.6e} |")
    print(f"dask-ml / nanoclust per round: median {statistics.median(ratios):.2f} "
          f"({min(ratios):.2f}..{max(ratios):.2f}), {len(ratios)} rounds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
