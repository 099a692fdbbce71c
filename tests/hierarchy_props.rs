//! Property tests: the fast algorithms (Prim MST, nearest-neighbour chain,
//! generic with nearest-neighbour lists, vector ward/centroid/median) give the
//! same dendrogram as a naive O(n^3) reference (always merge the globally
//! closest pair, Lance–Williams updates on a full matrix, then scipy's stable
//! sort and union-find relabelling) on random tie-free data, for every method
//! and metric, from observations and from condensed matrices, f64 and f32.
#![cfg(feature = "std")]

use nanoclust::hierarchy::{self, Method};
use nanoclust::owned::hierarchy::Agglomerative;
use nanoclust::rng::Rng;
use nanoclust::Metric;

fn naive_distance(metric: Metric, a: &[f64], b: &[f64]) -> f64 {
    let diffs = a.iter().zip(b).map(|(x, y)| (x - y).abs());
    match metric {
        Metric::Euclidean => diffs.map(|t| t * t).sum::<f64>().sqrt(),
        Metric::Manhattan => diffs.sum(),
        Metric::Chebyshev => diffs.fold(0.0, f64::max),
        Metric::Cosine => {
            let ab: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
            let aa: f64 = a.iter().map(|x| x * x).sum();
            let bb: f64 = b.iter().map(|x| x * x).sum();
            (1.0 - ab / (aa * bb).sqrt()).clamp(0.0, 2.0)
        }
    }
}

fn lance_williams(m: Method, dxi: f64, dyi: f64, dxy: f64, sx: f64, sy: f64, si: f64) -> f64 {
    match m {
        Method::Single => dxi.min(dyi),
        Method::Complete => dxi.max(dyi),
        Method::Average => (sx * dxi + sy * dyi) / (sx + sy),
        Method::Weighted => 0.5 * (dxi + dyi),
        Method::Ward => (((si + sx) * dxi * dxi + (si + sy) * dyi * dyi - si * dxy * dxy)
            / (sx + sy + si))
            .sqrt(),
        Method::Centroid => {
            ((sx * dxi * dxi + sy * dyi * dyi - sx * sy * dxy * dxy / (sx + sy)) / (sx + sy)).sqrt()
        }
        Method::Median => (0.5 * (dxi * dxi + dyi * dyi) - 0.25 * dxy * dxy).sqrt(),
    }
}

/// Naive agglomeration on a full n x n matrix; returns scipy's Z.
fn naive_linkage(mut dm: Vec<f64>, n: usize, m: Method) -> Vec<[f64; 4]> {
    let mut size = vec![1.0; n];
    let mut active = vec![true; n];
    let mut raw = Vec::new();
    for _ in 1..n {
        let mut best = (f64::INFINITY, 0, 0);
        for i in 0..n {
            for j in i + 1..n {
                if active[i] && active[j] && dm[i * n + j] < best.0 {
                    best = (dm[i * n + j], i, j);
                }
            }
        }
        let (dxy, x, y) = best;
        raw.push((x, y, dxy));
        for k in 0..n {
            if active[k] && k != x && k != y {
                let v = lance_williams(
                    m,
                    dm[x * n + k],
                    dm[y * n + k],
                    dxy,
                    size[x],
                    size[y],
                    size[k],
                );
                dm[y * n + k] = v;
                dm[k * n + y] = v;
            }
        }
        size[y] += size[x];
        active[x] = false;
    }
    if m.is_monotone() {
        raw.sort_by(|a, b| a.2.partial_cmp(&b.2).unwrap());
    }
    // scipy's `label`: union-find, new id n + s, left < right.
    let mut parent: Vec<usize> = (0..2 * n).collect();
    let mut sizes = vec![1usize; 2 * n];
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            x = p[x];
        }
        x
    }
    raw.iter()
        .enumerate()
        .map(|(s, &(a, b, h))| {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            parent[ra] = n + s;
            parent[rb] = n + s;
            sizes[n + s] = sizes[ra] + sizes[rb];
            [ra.min(rb) as f64, ra.max(rb) as f64, h, sizes[n + s] as f64]
        })
        .collect()
}

fn assert_same(what: &str, got: &[[f64; 4]], want: &[[f64; 4]], rtol: f64) {
    assert_eq!(got.len(), want.len());
    for (s, (g, w)) in got.iter().zip(want).enumerate() {
        assert_eq!(
            (g[0], g[1], g[3]),
            (w[0], w[1], w[3]),
            "{what} row {s}: {got:?}\nvs {want:?}"
        );
        assert!(
            (g[2] - w[2]).abs() <= rtol * w[2].abs() + 1e-14,
            "{what} row {s}: {} vs {}",
            g[2],
            w[2]
        );
    }
}

fn random_data(rng: &mut Rng, n: usize, d: usize) -> Vec<f64> {
    (0..n * d).map(|_| rng.next_f64() * 4.0 - 2.0).collect()
}

fn full_matrix(x: &[f64], n: usize, d: usize, metric: Metric) -> Vec<f64> {
    let mut dm = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            dm[i * n + j] = naive_distance(metric, &x[i * d..(i + 1) * d], &x[j * d..(j + 1) * d]);
        }
    }
    dm
}

#[test]
fn every_method_and_metric_equals_the_naive_reference() {
    let mut rng = Rng::new(2024);
    let (mut checked, mut skipped) = (0, 0);
    for trial in 0..30 {
        let n = 2 + (trial * 7) % 37;
        let d = 1 + trial % 5;
        let x = random_data(&mut rng, n, d);
        for m in Method::ALL {
            for metric in Metric::ALL {
                if m.check_metric(metric).is_err() {
                    continue;
                }
                if metric == Metric::Cosine && d == 1 {
                    // Every 1-d cosine distance is 0 or 2: all ties.
                    skipped += 1;
                    continue;
                }
                let want = naive_linkage(full_matrix(&x, n, d, metric), n, m);
                let got = Agglomerative::new(m).metric(metric).fit(&x, d).unwrap();
                // Vector methods compute heights from centroids, not by
                // Lance–Williams: equal up to rounding.
                assert_same(
                    &format!("trial {trial} n={n} d={d} {m:?} {metric:?}"),
                    &got.to_scipy(),
                    &want,
                    1e-9,
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked + skipped, 30 * 19);
    assert!(checked >= 500, "{checked} trees compared");
}

#[test]
fn condensed_input_equals_the_naive_reference_and_is_not_modified() {
    let mut rng = Rng::new(77);
    for trial in 0..20 {
        let n = 2 + (trial * 5) % 31;
        let x = random_data(&mut rng, n, 3);
        let dm = full_matrix(&x, n, 3, Metric::Euclidean);
        let condensed: Vec<f64> = (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
            .map(|(i, j)| dm[i * n + j])
            .collect();
        let copy = condensed.clone();
        for m in Method::ALL {
            let want = naive_linkage(dm.clone(), n, m);
            let got = Agglomerative::new(m).fit_condensed(&condensed, n).unwrap();
            assert_same(
                &format!("trial {trial} n={n} {m:?}"),
                &got.to_scipy(),
                &want,
                1e-12,
            );
            assert_eq!(condensed, copy, "the caller's matrix is read only");
        }
    }
}

#[test]
fn f32_trees_equal_the_naive_reference_on_well_separated_data() {
    let mut rng = Rng::new(5);
    for trial in 0..10 {
        let n = 3 + trial * 3;
        let x = random_data(&mut rng, n, 2);
        let xf: Vec<f32> = x.iter().map(|&v| v as f32).collect();
        let xr: Vec<f64> = xf.iter().map(|&v| v as f64).collect();
        for m in Method::ALL {
            let want = naive_linkage(full_matrix(&xr, n, 2, Metric::Euclidean), n, m);
            let got = Agglomerative::new(m)
                .metric(Metric::Euclidean)
                .fit(&xf, 2)
                .unwrap();
            assert_same(
                &format!("f32 trial {trial} {m:?}"),
                &got.to_scipy(),
                &want,
                1e-4,
            );
        }
    }
}

#[test]
fn cuts_partition_consistently() {
    // n_clusters = k gives exactly k clusters; a distance cut at a height
    // between two consecutive monotone heights equals the matching k cut.
    let mut rng = Rng::new(9);
    for trial in 0..10 {
        let n = 5 + trial * 4;
        let x = random_data(&mut rng, n, 3);
        let z = Agglomerative::new(Method::Average)
            .metric(Metric::Euclidean)
            .fit(&x, 3)
            .unwrap();
        let heights: Vec<f64> = z.merges().iter().map(|m| m.distance).collect();
        for k in 1..=n {
            let labels = z.cut_n_clusters(k).unwrap();
            assert_eq!(*labels.iter().max().unwrap() as usize + 1, k);
            if k > 1 && k < n {
                let t = 0.5 * (heights[n - k - 1] + heights[n - k]);
                let (by_t, kt) = z.cut_distance(t).unwrap();
                assert_eq!(kt, k);
                let same = labels
                    .iter()
                    .zip(&by_t)
                    .all(|(a, b)| labels.iter().zip(&by_t).all(|(c, e)| (a == c) == (b == e)));
                assert!(same, "trial {trial} k={k}");
            }
        }
        let mut order = z.leaves().unwrap();
        order.sort();
        assert_eq!(order, (0..n as u32).collect::<Vec<_>>());
        assert!(hierarchy::cut_tree_workspace_size(n).unwrap().bytes() < 64 * n);
    }
}
