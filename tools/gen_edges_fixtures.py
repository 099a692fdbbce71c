#!/usr/bin/env python3
"""Reference fixtures for the edge-case tests of issue #13 (tests/edges_*.rs).

- kmeans.json: scikit-learn KMeans (init = given centers, n_init = 1) on data
  with exact ties, duplicates, k larger than the number of distinct points,
  empty clusters to relocate and a large common offset: centers, labels,
  inertia and n_iter.
- hierarchy.json: scipy linkage (ward, centroid, median) on data with a large
  common offset and duplicates, and the same data without the offset; trees
  with left > right inside a row with scipy's leaves_list and fcluster.
- davies_bouldin.json: scikit-learn davies_bouldin_score on labelings with one
  big cluster plus singletons that duplicate its centroid, and the same score
  computed with exact rational centroids and distances rounded once (the
  "exact arithmetic" reference: coinciding centroids contribute 0).

Run with the pinned environment (tools/requirements.txt):

    python3 -m venv .venv && .venv/bin/pip install -r tools/requirements.txt
    .venv/bin/python tools/gen_edges_fixtures.py
"""
import json
import math
import os
import warnings
from fractions import Fraction

import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import fcluster, leaves_list, linkage
from sklearn.cluster import KMeans
from sklearn.metrics import davies_bouldin_score

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "edges")
GENERATOR = "tools/gen_edges_fixtures.py"


def versions():
    return {"scipy": scipy.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__}


def write(name, obj):
    os.makedirs(OUT, exist_ok=True)
    obj = {"generator": GENERATOR, "versions": versions(), **obj}
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")


def kmeans_case(name, x, init, w=None, offset=0.0, note=""):
    x = np.asarray(x, dtype=float) + offset
    init = np.asarray(init, dtype=float) + offset
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        km = KMeans(n_clusters=len(init), init=init, n_init=1, max_iter=300, tol=1e-4)
        km.fit(x, sample_weight=w)
    return {
        "name": name,
        "note": note,
        "n": int(x.shape[0]),
        "d": int(x.shape[1]),
        "k": int(init.shape[0]),
        "x": x.ravel().tolist(),
        "init": init.ravel().tolist(),
        "sample_weight": None if w is None else list(map(float, w)),
        "centers": km.cluster_centers_.ravel().tolist(),
        "labels": km.labels_.tolist(),
        "inertia": float(km.inertia_),
        "n_iter": int(km.n_iter_),
    }


def kmeans_cases():
    three = [[0.0, 0.0], [1.0, 1.0], [4.0, 0.0]]
    return [
        kmeans_case("issue_labels_not_nearest", [[0], [3], [3], [3], [3]], [[0.3], [3.5], [7.3]],
                    note="issue #13 class 1: relocation onto a duplicate, then strict convergence"),
        kmeans_case("relocating_with_duplicates", [[0, 0], [1, 1], [1, 1], [1, 0], [0, 1]],
                    [[0, 0], [1, 1], [1, 1], [1, 0], [0, 1]],
                    note="scikit-learn's test_relocating_with_duplicates: stops after 1 iteration"),
        kmeans_case("empty_before_biggest", [[0], [0], [0], [5], [5]], [[9], [0], [5]],
                    note="an empty cluster before the biggest one gets its weighted sum"),
        kmeans_case("two_empty_determined", [[0], [1], [10], [11], [20]], [[0], [100], [200]],
                    note="two empty clusters, distinct distances: the order is determined"),
        kmeans_case("two_empty_offset", [[0], [1], [10], [11], [20]], [[0], [100], [200]],
                    offset=1.0e8, note="the same with a common offset of 1e8"),
        kmeans_case("k_above_distinct", [[0], [0], [0], [5], [5]], [[0], [0], [5], [5]],
                    note="4 clusters, 2 distinct points"),
        kmeans_case("k_above_distinct_2d", three * 4, three + [[0.0, 0.0], [4.0, 0.0]],
                    note="5 clusters, 3 distinct points repeated"),
        kmeans_case("weighted_two_empty", [[0], [1], [10], [11], [20]], [[0], [100], [200]],
                    w=[1.0, 2.0, 0.5, 1.0, 3.0], note="weighted relocation"),
        kmeans_case("ties_between_centers", [[0], [1], [2], [3], [4], [5]], [[1], [3], [5]],
                    note="samples exactly half-way between two centers go to the lower index"),
    ]


def z_rows(z):
    return [[int(r[0]), int(r[1]), float(r[2]), int(r[3])] for r in z]


def grid64_with_duplicates():
    """8 points on a 1/64 grid (exact under the offsets used) plus two
    duplicates; no two distinct pairs at the same distance."""
    rng = np.random.default_rng(7)
    while True:
        x = np.round(rng.normal(size=(8, 2)) * 64.0) / 64.0
        d = [float(np.sum((a - b) ** 2)) for i, a in enumerate(x) for b in x[i + 1:]]
        if len(set(d)) == len(d) and min(d) > 0:
            return np.vstack([x, x[2], x[5]])


def hierarchy_cases():
    offsets = []
    base = [
        ("issue", np.array([[0.0], [0.0], [0.25], [0.75]])),
        ("grid64_dups_2d", grid64_with_duplicates()),
    ]
    for name, x in base:
        for off in [0.0, 1.0e8, -3.0e7, 1.0e6]:
            xo = x + off
            for method in ["ward", "centroid", "median"]:
                z = linkage(xo, method=method, metric="euclidean")
                offsets.append({"name": name, "offset": off, "method": method, "n": int(x.shape[0]),
                                "d": int(x.shape[1]), "x": xo.ravel().tolist(), "z": z_rows(z)})
    trees = []
    z = np.array([[0, 1, 3, 2], [3, 2, 4, 3]], dtype=float)
    trees.append({"name": "issue", "n": 3, "z": z_rows(z), "leaves": leaves_list(z).tolist(),
                  "fcluster": [{"t": t, "labels": fcluster(z, t, "distance").tolist()} for t in [0.0, 3.5, 4.0]],
                  "maxclust": [{"k": k, "labels": fcluster(z, k, "maxclust").tolist()} for k in [1, 2, 3]]})
    rng = np.random.default_rng(13)
    x = rng.normal(size=(10, 2))
    z = linkage(x, method="average")
    z[1::2, [0, 1]] = z[1::2, [1, 0]]  # left > right in every other row
    trees.append({"name": "swapped_average_n10", "n": 10, "z": z_rows(z), "leaves": leaves_list(z).tolist(),
                  "fcluster": [{"t": float(t), "labels": fcluster(z, t, "distance").tolist()}
                               for t in [0.0, z[3, 2], z[6, 2], 10.0]],
                  "maxclust": [{"k": k, "labels": fcluster(z, k, "maxclust").tolist()} for k in [1, 2, 4, 10]]})
    return offsets, trees


def exact_db(x, labels):
    """Davies-Bouldin with exact rational centroids, spreads and separations
    (each square root rounded once, in double)."""
    x = [[Fraction(v) for v in row] for row in x]
    ids = sorted(set(labels))
    cen, spread = {}, {}
    for c in ids:
        rows = [r for r, l in zip(x, labels) if l == c]
        cen[c] = [sum(col) / len(rows) for col in zip(*rows)]
        spread[c] = sum(math.sqrt(sum((a - m) ** 2 for a, m in zip(r, cen[c]))) for r in rows) / len(rows)
    sep = {(i, j): math.sqrt(sum((a - b) ** 2 for a, b in zip(cen[i], cen[j]))) for i in ids for j in ids}
    if all(abs(s) <= 1e-8 for s in spread.values()) or all(v <= 1e-8 for v in sep.values()):
        return 0.0
    total = 0.0
    for i in ids:
        worst = 0.0
        for j in ids:
            if i != j and sep[(i, j)] != 0.0:
                worst = max(worst, (spread[i] + spread[j]) / sep[(i, j)])
        total += worst
    return total / len(ids)


def db_cases():
    rng = np.random.default_rng(4)
    cases = []
    while len(cases) < 6:
        v = np.round(rng.normal(size=2), 3)
        a = np.round(rng.normal(size=2) * 0.3, 3)
        big = np.array([v - a, v, v + a, v + 2 * a, v - 2 * a])
        x = np.vstack([big, [v, v], [v + 5.0, v - 5.0]])
        labels = [0] * 5 + [1, 2, 3, 4]
        exact_centroid = [sum(Fraction(r[f]) for r in big) / 5 for f in range(2)]
        if any(Fraction(v[f]) != exact_centroid[f] for f in range(2)):
            continue  # the singletons must coincide with the centroid exactly
        if np.all(big.mean(axis=0) == v):
            continue  # keep the labelings where a plain mean rounds away from v
        cases.append({"x": x.ravel().tolist(), "d": 2, "labels": labels,
                      "sklearn": float(davies_bouldin_score(x, labels)),
                      "exact": exact_db(x.tolist(), labels)})
    return cases


def main():
    offsets, trees = hierarchy_cases()
    write("kmeans.json", {"cases": kmeans_cases()})
    write("hierarchy.json", {"offsets": offsets, "trees": trees})
    write("davies_bouldin.json", {"cases": db_cases()})


if __name__ == "__main__":
    main()
