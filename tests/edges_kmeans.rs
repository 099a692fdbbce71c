//! Edge class 1 (issue #13): k-means on exact ties, duplicates, k above the
//! number of distinct points, empty clusters and large offsets.
//!
//! Contract: on OK every label is the nearest returned center (ties: lowest
//! index), bit for bit what `predict` gives; the inertia is that of the
//! returned centers and labels; no run cycles without progress. Expected
//! values: scikit-learn 1.7.2 (`tools/gen_edges_fixtures.py`,
//! `tests/fixtures/edges/kmeans.json`), including its
//! `test_relocating_with_duplicates` (one iteration, centers unchanged).
#![cfg(feature = "std")]

mod common;

use common::fit_full::FitFull;
use common::{f64s, fixture, i64s};
use nanoclust::kmeans::Algorithm;
use nanoclust::owned::kmeans::{KMeans, KMeansFit};
use nanoclust::rng::Rng;
use nanoclust::Scalar;

const ALGOS: [Algorithm; 2] = [Algorithm::Lloyd, Algorithm::Hamerly];

/// The contract checks of every fit.
fn check_contract<S: Scalar>(
    what: &str,
    x: &[S],
    n: usize,
    d: usize,
    w: Option<&[S]>,
    km: &KMeansFit<S>,
) {
    let (pl, sq) = km.predict(x).unwrap();
    assert_eq!(pl, km.labels, "{what}: labels are not predict(centers)");
    let naive: f64 = (0..n)
        .map(|i| sq[i].to_f64() * w.map_or(1.0, |w| w[i].to_f64()))
        .sum();
    let r = km.result.unwrap();
    let scale = naive.abs().max(1e-300);
    // Summed in the element type (blocks of 256), against an f64 sum of the same terms.
    let tol = S::EPSILON.to_f64() * 4.0 * (n as f64).sqrt().max(4.0);
    assert!(
        (r.inertia - naive).abs() <= tol * scale + 1e-300,
        "{what}: inertia {} vs {naive}",
        r.inertia
    );
    // Ties go to the lowest index: no earlier center is at the same distance.
    let k = km.k();
    for i in 0..n {
        let row = &x[i * d..i * d + d];
        let l = km.labels[i] as usize;
        for j in 0..l {
            let c = &km.centers[j * d..j * d + d];
            let dj: f64 = row
                .iter()
                .zip(c)
                .map(|(a, b)| (a.to_f64() - b.to_f64()).powi(2))
                .sum();
            let cl = &km.centers[l * d..l * d + d];
            let dl: f64 = row
                .iter()
                .zip(cl)
                .map(|(a, b)| (a.to_f64() - b.to_f64()).powi(2))
                .sum();
            assert!(
                dj > dl || c != cl,
                "{what}: sample {i} not on the lowest of equal centers"
            );
        }
        assert!(l < k);
    }
}

#[test]
fn scikit_learn_fixtures_with_ties_duplicates_and_empty_clusters() {
    let f = fixture("edges/kmeans.json");
    for c in f["cases"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        let (n, d, k) = (
            c["n"].as_u64().unwrap() as usize,
            c["d"].as_u64().unwrap() as usize,
            c["k"].as_u64().unwrap() as usize,
        );
        let x = f64s(&c["x"]);
        let init = f64s(&c["init"]);
        let w = (!c["sample_weight"].is_null()).then(|| f64s(&c["sample_weight"]));
        let want_c = f64s(&c["centers"]);
        let want_l: Vec<i32> = i64s(&c["labels"]).iter().map(|&v| v as i32).collect();
        for algo in ALGOS {
            let what = format!("{name} {algo:?}");
            let km = KMeans::new(k)
                .algorithm(algo)
                .fit_full_chain(&x, d, w.as_deref(), Some(&init))
                .unwrap();
            check_contract(&what, &x, n, d, w.as_deref(), &km);
            assert_eq!(km.labels, want_l, "{what}: labels");
            let scale = x.iter().fold(1.0f64, |m, v| m.max(v.abs()));
            common::assert_close(&what, &km.centers, &want_c, 0.0, 1e-12 * scale);
            let r = km.result.unwrap();
            assert_eq!(
                r.n_iter as i64,
                c["n_iter"].as_i64().unwrap(),
                "{what}: n_iter"
            );
            assert!(r.converged, "{what}");
            let want_inertia = c["inertia"].as_f64().unwrap();
            assert!(
                (r.inertia - want_inertia).abs() <= 1e-9 * want_inertia.max(1.0),
                "{what}: inertia"
            );
        }
    }
}

#[test]
fn issue_reproducers() {
    // x = {0, 3, 3, 3, 3}, provided {0.3, 3.5, 7.3}: was centers {2.4, 3, 0} with
    // labels {0, 1, 1, 1, 1} and inertia 5.76 (true inertia 0, predict {2, 1, 1, 1, 1}).
    let x = [0.0f64, 3.0, 3.0, 3.0, 3.0];
    for algo in ALGOS {
        let km = KMeans::new(3)
            .algorithm(algo)
            .fit_full_chain(&x, 1, None, Some(&[0.3, 3.5, 7.3]))
            .unwrap();
        assert_eq!(km.centers, vec![0.0, 3.0, 3.0]);
        assert_eq!(km.labels, vec![0, 1, 1, 1, 1]);
        assert_eq!(km.result.unwrap().inertia, 0.0);
    }
    // test_relocating_with_duplicates: one iteration, centers unchanged (was max_iter, alternating).
    let x = [0.0f64, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1.0];
    for algo in ALGOS {
        let km = KMeans::new(5)
            .algorithm(algo)
            .fit_full_chain(&x, 2, None, Some(&x))
            .unwrap();
        assert_eq!(km.centers, x.to_vec());
        assert_eq!(km.result.unwrap().n_iter, 1);
        let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
        let km = KMeans::new(5)
            .algorithm(algo)
            .fit_full_chain(&x32, 2, None, Some(&x32))
            .unwrap();
        assert_eq!(km.centers, x32);
        assert_eq!(km.result.unwrap().n_iter, 1);
    }
}

/// Data with few distinct rows (duplicates, exact ties), optionally offset.
fn duplicated(rng: &mut Rng, n: usize, d: usize, distinct: usize, offset: f64) -> Vec<f64> {
    let protos: Vec<f64> = (0..distinct * d)
        .map(|_| (rng.next_f64() * 8.0).floor() * 0.5)
        .collect();
    (0..n)
        .flat_map(|_| {
            let p = (rng.next_f64() * distinct as f64) as usize % distinct;
            protos[p * d..p * d + d]
                .iter()
                .map(|v| v + offset)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn contract_holds_on_duplicate_heavy_data_for_every_init_algorithm_and_type() {
    let mut rng = Rng::new(13);
    for case in 0..120 {
        let n = 4 + case % 23;
        let d = 1 + case % 3;
        let distinct = 1 + case % 5;
        let k = 1 + (case * 7) % n.min(9);
        let offset = [0.0, 1e8, -3e4][case % 3];
        let x = duplicated(&mut rng, n, d, distinct, offset);
        let w: Option<Vec<f64>> =
            (case % 4 == 1).then(|| (0..n).map(|i| [1.0, 0.5, 2.0, 0.0][i % 4]).collect());
        for algo in ALGOS {
            for tol in [0.0, 1e-4] {
                let b = KMeans::new(k)
                    .algorithm(algo)
                    .tol(tol)
                    .seed(case as u64)
                    .n_init(2);
                let what = format!("case {case} k {k} {algo:?} tol {tol}");
                // Seeded init (random needs k positive-weight samples; skip refusals).
                if let Ok(km) = b.fit_full_chain(&x, d, w.as_deref(), None) {
                    check_contract(&what, &x, n, d, w.as_deref(), &km);
                    assert!(km.result.unwrap().converged, "{what}: ran to max_iter");
                }
                // Provided centers drawn among the samples (k may exceed the distinct points).
                let init: Vec<f64> = (0..k)
                    .flat_map(|j| x[(j * 5 % n) * d..(j * 5 % n) * d + d].to_vec())
                    .collect();
                let km = b.fit_full_chain(&x, d, w.as_deref(), Some(&init)).unwrap();
                check_contract(&format!("{what} provided"), &x, n, d, w.as_deref(), &km);
                assert!(
                    km.result.unwrap().converged,
                    "{what} provided: ran to max_iter"
                );
                let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
                let w32: Option<Vec<f32>> =
                    w.as_ref().map(|w| w.iter().map(|&v| v as f32).collect());
                let i32s: Vec<f32> = init.iter().map(|&v| v as f32).collect();
                let km = b
                    .fit_full_chain(&x32, d, w32.as_deref(), Some(&i32s))
                    .unwrap();
                check_contract(&format!("{what} f32"), &x32, n, d, w32.as_deref(), &km);
            }
        }
    }
}

#[test]
fn hamerly_equals_lloyd_bit_for_bit_on_duplicates() {
    let mut rng = Rng::new(5);
    for case in 0..40 {
        let (n, d) = (10 + case, 2);
        let x = duplicated(&mut rng, n, d, 3, if case % 2 == 0 { 0.0 } else { 1e8 });
        let k = 2 + case % 4;
        let init: Vec<f64> = x[..k * d].to_vec();
        let a = KMeans::new(k)
            .algorithm(Algorithm::Lloyd)
            .fit_full_chain(&x, d, None, Some(&init))
            .unwrap();
        let b = KMeans::new(k)
            .algorithm(Algorithm::Hamerly)
            .fit_full_chain(&x, d, None, Some(&init))
            .unwrap();
        assert_eq!(a.centers, b.centers, "case {case}");
        assert_eq!(a.labels, b.labels, "case {case}");
        assert_eq!(a.result, b.result, "case {case}");
    }
}
