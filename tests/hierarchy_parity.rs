//! Parity with scipy.cluster.hierarchy and scikit-learn (fixtures from
//! `tools/gen_hierarchy_fixtures.py`): on tie-free data our dendrogram equals
//! scipy's `Z` row for row (ids and sizes exactly, f64 heights within 1e-12
//! relative); f32 trees have a cophenetic correlation above 0.999 with
//! scipy's; tree cuts equal scikit-learn's labels up to renumbering and
//! scipy's fcluster labels minus one; leaf orders equal scipy's leaves_list.
#![cfg(feature = "std")]

mod common;

use common::{f32s, f64s, fixtures_in, i64s};
use nanoclust::hierarchy::{Merge, Method};
use nanoclust::owned::hierarchy::{Agglomerative, AgglomerativeFit};
use nanoclust::Metric;
use serde_json::Value;

fn method(v: &Value) -> Method {
    Method::from_u32(v.as_u64().unwrap() as u32).unwrap()
}

fn metric(v: &Value) -> Metric {
    Metric::from_u32(v.as_u64().unwrap() as u32).unwrap()
}

fn scipy_z(v: &Value) -> Vec<[f64; 4]> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let r = f64s(r);
            [r[0], r[1], r[2], r[3]]
        })
        .collect()
}

/// Heights within `rtol` relative, plus `atol` absolute.
fn assert_same_tree(what: &str, got: &[[f64; 4]], want: &[[f64; 4]], rtol: f64, atol: f64) {
    assert_eq!(got.len(), want.len(), "{what}: rows");
    for (s, (g, w)) in got.iter().zip(want).enumerate() {
        assert_eq!(
            (g[0], g[1], g[3]),
            (w[0], w[1], w[3]),
            "{what}: row {s} ids/size: {g:?} vs {w:?}"
        );
        let tol = rtol * w[2].abs() + atol;
        assert!(
            (g[2] - w[2]).abs() <= tol,
            "{what}: row {s} height {} vs {} (tol {tol})",
            g[2],
            w[2]
        );
    }
}

#[test]
fn linkage_from_observations_equals_scipy_row_for_row() {
    let mut checked = 0;
    for (name, fx) in fixtures_in("hierarchy") {
        if !name.starts_with("obs_") {
            continue;
        }
        let (n, d) = (
            fx["n"].as_u64().unwrap() as usize,
            fx["d"].as_u64().unwrap() as usize,
        );
        let x = f64s(&fx["x"]);
        assert_eq!(x.len(), n * d, "{name}: the fixture's shape");
        for case in fx["cases"].as_array().unwrap() {
            let (m, me) = (method(&case["method"]), metric(&case["metric"]));
            let z = Agglomerative::new(m).metric(me).fit(&x, d).unwrap();
            // Cosine distances are 1 - cos: their rounding error is absolute
            // (~1 ulp of 1), so tiny cosine heights get an absolute allowance.
            let atol = if me == Metric::Cosine { 1e-15 } else { 0.0 };
            assert_same_tree(
                &format!("{name} {m:?} {me:?}"),
                &z.to_scipy(),
                &scipy_z(&case["z"]),
                1e-12,
                atol,
            );
            checked += 1;
        }
    }
    // 3 shapes x (4 graph methods x 4 metrics + 3 Euclidean-only methods).
    assert_eq!(checked, 3 * 19);
}

#[test]
fn linkage_from_condensed_equals_scipy_row_for_row() {
    let mut checked = 0;
    for (name, fx) in fixtures_in("hierarchy") {
        if !name.starts_with("condensed_") {
            continue;
        }
        let n = fx["n"].as_u64().unwrap() as usize;
        for case in fx["cases"].as_array().unwrap() {
            let m = method(&case["method"]);
            let y = f64s(&fx[case["condensed"].as_str().unwrap()]);
            let z = Agglomerative::new(m).fit_condensed(&y, n).unwrap();
            assert_same_tree(
                &format!("{name} {m:?}"),
                &z.to_scipy(),
                &scipy_z(&case["z"]),
                1e-12,
                0.0,
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 2 * 7);
}

/// The cophenetic distance of every pair (the height at which they join).
fn cophenetic(z: &[[f64; 4]], n: usize) -> Vec<f64> {
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut c = vec![0.0; n * n];
    for r in z {
        let (a, b) = (
            members[r[0] as usize].clone(),
            members[r[1] as usize].clone(),
        );
        for &i in &a {
            for &j in &b {
                c[i * n + j] = r[2];
                c[j * n + i] = r[2];
            }
        }
        members.push([a, b].concat());
    }
    (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .map(|(i, j)| c[i * n + j])
        .collect()
}

fn correlation(a: &[f64], b: &[f64]) -> f64 {
    let k = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / k, b.iter().sum::<f64>() / k);
    let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}

#[test]
fn f32_trees_have_scipy_cophenetic_correlation_above_0_999() {
    let mut checked = 0;
    for (name, fx) in fixtures_in("hierarchy") {
        if !name.starts_with("f32_") {
            continue;
        }
        let (n, d) = (
            fx["n"].as_u64().unwrap() as usize,
            fx["d"].as_u64().unwrap() as usize,
        );
        let x = f32s(&fx["x"]);
        for case in fx["cases"].as_array().unwrap() {
            let m = method(&case["method"]);
            let z = Agglomerative::new(m)
                .metric(Metric::Euclidean)
                .fit(&x, d)
                .unwrap();
            let want = scipy_z(&case["z"]);
            let r = correlation(&cophenetic(&z.to_scipy(), n), &cophenetic(&want, n));
            assert!(r > 0.999, "{name} {m:?}: cophenetic correlation {r}");
            // On this tie-free data the f32 tree is even the same tree.
            for (g, w) in z.to_scipy().iter().zip(&want) {
                assert_eq!((g[0], g[1], g[3]), (w[0], w[1], w[3]), "{name} {m:?}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 7);
}

/// `true` if two labelings are the same partition (equal up to renumbering).
fn same_partition(a: &[i32], b: &[i64]) -> bool {
    use std::collections::HashMap;
    let (mut ab, mut ba) = (HashMap::new(), HashMap::new());
    a.iter()
        .zip(b)
        .all(|(&x, &y)| *ab.entry(x).or_insert(y) == y && *ba.entry(y).or_insert(x) == x)
}

fn merges_of(z: &[[f64; 4]]) -> Vec<Merge> {
    z.iter()
        .map(|r| Merge {
            left: r[0] as u32,
            right: r[1] as u32,
            distance: r[2],
            size: r[3] as u32,
        })
        .collect()
}

#[test]
fn cuts_and_leaves_equal_sklearn_and_scipy() {
    let (mut n_sklearn, mut n_fcluster, mut n_leaves) = (0, 0, 0);
    for (name, fx) in fixtures_in("hierarchy") {
        if !name.starts_with("cuts_") {
            continue;
        }
        let (n, d) = (
            fx["n"].as_u64().unwrap() as usize,
            fx["d"].as_u64().unwrap() as usize,
        );
        let x = f64s(&fx["x"]);
        for case in fx["cases"].as_array().unwrap() {
            let (m, me) = (method(&case["method"]), metric(&case["metric"]));
            let what = format!("{name} {m:?} {me:?}");
            let want = scipy_z(&case["z"]);
            let ours = Agglomerative::new(m).metric(me).fit(&x, d).unwrap();
            let atol = if me == Metric::Cosine { 1e-15 } else { 0.0 };
            assert_same_tree(&what, &ours.to_scipy(), &want, 1e-12, atol);
            // Cut scipy's own tree, so the cut logic is tested on its own.
            let z = AgglomerativeFit::from_merges(merges_of(&want), n).unwrap();
            for (k, labels) in case["sklearn_labels"].as_object().unwrap() {
                let k: usize = k.parse().unwrap();
                let got = z.cut_n_clusters(k).unwrap();
                let want = i64s(labels);
                assert!(
                    same_partition(&got, &want),
                    "{what} k={k}: {got:?} vs {want:?}"
                );
                let mut seen: Vec<i32> = got.clone();
                seen.sort();
                seen.dedup();
                assert_eq!(
                    seen,
                    (0..k as i32).collect::<Vec<_>>(),
                    "{what}: labels are 0..k-1"
                );
                n_sklearn += 1;
            }
            for fc in case["fcluster"].as_array().unwrap() {
                let t = fc["t"].as_f64().unwrap();
                let want: Vec<i32> = i64s(&fc["labels"]).iter().map(|&l| l as i32 - 1).collect();
                let (got, k) = z.cut_distance(t).unwrap();
                assert_eq!(got, want, "{what} t={t}");
                assert_eq!(k, *want.iter().max().unwrap() as usize + 1);
                n_fcluster += 1;
            }
            let leaves: Vec<u32> = i64s(&case["leaves"]).iter().map(|&l| l as u32).collect();
            assert_eq!(z.leaves().unwrap(), leaves, "{what}: leaves");
            n_leaves += 1;
        }
    }
    assert_eq!(
        (n_sklearn, n_fcluster, n_leaves),
        (13 * 5, 13 * 5 + 2 * 3, 15)
    );
}
