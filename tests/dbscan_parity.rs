//! DBSCAN parity with scikit-learn 1.7 (fixtures from tools/gen_dbscan_fixtures.py):
//! labels and core flags identical to `DBSCAN(...).fit(x, sample_weight)` for
//! every neighbour index in f64; f32 runs agree (ARI > 0.99); core distances equal
//! `NearestNeighbors(n_neighbors=min_samples).kneighbors(x)` k-th distances;
//! predict agrees with a naive scan over the core samples.

#![cfg(feature = "std")]

mod common;

use std::collections::HashMap;

use common::{f32s, f64s, fixtures_in, i64s};
use nanoclust::dbscan::{DbscanParams, IndexKind};
use nanoclust::owned::dbscan::{core_distances, Dbscan, DbscanFit};
use nanoclust::{Metric, Scalar};
use serde_json::Value;

struct Case {
    name: String,
    d: usize,
    x: Vec<f64>,
    w: Option<Vec<f64>>,
    params: DbscanParams,
    labels: Vec<i32>,
    core: Vec<bool>,
    core_distances: Vec<f64>,
}

fn cases() -> Vec<Case> {
    fixtures_in("dbscan")
        .into_iter()
        .map(|(name, f)| {
            let metric = Metric::from_u32(f["metric_id"].as_u64().unwrap() as u32).unwrap();
            let mut params = DbscanParams::new(
                f["eps"].as_f64().unwrap(),
                f["min_samples"].as_u64().unwrap() as u32,
            );
            params.metric = metric;
            assert!(
                f["boundary_margin"].as_f64().unwrap() > 1e-9,
                "{name}: a pair sits on the eps boundary"
            );
            Case {
                d: f["d"].as_u64().unwrap() as usize,
                x: f64s(&f["x"]),
                w: match &f["sample_weight"] {
                    Value::Null => None,
                    v => Some(f64s(v)),
                },
                params,
                labels: i64s(&f["labels"]).into_iter().map(|v| v as i32).collect(),
                core: i64s(&f["core"]).into_iter().map(|v| v == 1).collect(),
                core_distances: f64s(&f["core_distances"]),
                name,
            }
        })
        .collect()
}

/// Adjusted Rand index (scikit-learn's formula), noise treated as one label.
fn ari(a: &[i32], b: &[i32]) -> f64 {
    let n = a.len() as f64;
    let mut pairs: HashMap<(i32, i32), f64> = HashMap::new();
    let (mut ra, mut rb): (HashMap<i32, f64>, HashMap<i32, f64>) = (HashMap::new(), HashMap::new());
    for (&x, &y) in a.iter().zip(b) {
        *pairs.entry((x, y)).or_default() += 1.0;
        *ra.entry(x).or_default() += 1.0;
        *rb.entry(y).or_default() += 1.0;
    }
    let c2 = |v: f64| v * (v - 1.0) / 2.0;
    let index: f64 = pairs.values().map(|&v| c2(v)).sum();
    let sa: f64 = ra.values().map(|&v| c2(v)).sum();
    let sb: f64 = rb.values().map(|&v| c2(v)).sum();
    let expected = sa * sb / c2(n);
    let max = (sa + sb) / 2.0;
    if max == expected {
        1.0
    } else {
        (index - expected) / (max - expected)
    }
}

#[test]
fn fixtures_cover_the_required_space() {
    let cs = cases();
    let dims: Vec<usize> = cs.iter().map(|c| c.d).collect();
    assert!(dims.contains(&2) && dims.contains(&16));
    for m in Metric::ALL {
        assert!(
            cs.iter().any(|c| c.params.metric == m && c.w.is_some()),
            "{m:?} weighted"
        );
        assert!(
            cs.iter().any(|c| c.params.metric == m && c.w.is_none()),
            "{m:?} unweighted"
        );
    }
    let contested: u64 = fixtures_in("dbscan")
        .iter()
        .map(|(_, f)| f["n_contested"].as_u64().unwrap())
        .sum();
    assert!(
        contested > 0,
        "some border sample is reachable from two clusters"
    );
}

/// Fits with the case's weights when it has them.
fn fit_with<S: Scalar>(est: Dbscan, x: &[S], d: usize, w: Option<&[S]>) -> DbscanFit<S> {
    match w {
        Some(w) => est.fit_weighted(x, d, w),
        None => est.fit(x, d),
    }
    .unwrap()
}

#[test]
fn labels_and_core_flags_are_identical_to_scikit_learn_for_every_index() {
    for c in cases() {
        for index in IndexKind::ALL {
            let fit = fit_with(
                Dbscan { params: c.params }.index(index),
                &c.x,
                c.d,
                c.w.as_deref(),
            );
            assert_eq!(fit.is_core, c.core, "{} {index:?}: core flags", c.name);
            assert_eq!(fit.labels, c.labels, "{} {index:?}: labels", c.name);
            let k = c.labels.iter().copied().max().unwrap() + 1;
            assert_eq!(fit.n_clusters as i32, k, "{}", c.name);
            assert_eq!(fit.n_noise, c.labels.iter().filter(|&&l| l < 0).count());
        }
    }
}

#[test]
fn f32_runs_agree_with_scikit_learn() {
    for c in cases() {
        let x = f32s(&serde_json::to_value(&c.x).unwrap());
        let w: Option<Vec<f32>> = c.w.as_ref().map(|w| w.iter().map(|&v| v as f32).collect());
        for index in IndexKind::ALL {
            let fit = fit_with(
                Dbscan { params: c.params }.index(index),
                &x,
                c.d,
                w.as_deref(),
            );
            let score = ari(&fit.labels, &c.labels);
            assert!(score > 0.99, "{} {index:?}: ARI {score}", c.name);
        }
    }
}

#[test]
fn core_distances_equal_the_kth_neighbour_distance_and_decide_core_samples() {
    for c in cases() {
        let got = core_distances(&c.x, c.d, c.params.min_samples, c.params.metric).unwrap();
        common::assert_close(&c.name, &got, &c.core_distances, 1e-9, 1e-12);
        if c.w.is_none() {
            let flags: Vec<bool> = got.iter().map(|&v| v <= c.params.eps).collect();
            assert_eq!(flags, c.core, "{}: core iff core distance <= eps", c.name);
        }
        let x = f32s(&serde_json::to_value(&c.x).unwrap());
        let got32 = core_distances(&x, c.d, c.params.min_samples, c.params.metric).unwrap();
        let got32: Vec<f64> = got32.into_iter().map(f64::from).collect();
        common::assert_close(&c.name, &got32, &c.core_distances, 1e-4, 1e-5);
    }
}

/// The naive predict: scan every core sample, nearest within eps (ties: lowest index).
fn naive_predict(c: &Case, labels: &[i32], core: &[bool], q: &[f64]) -> i32 {
    let mut best: Option<(f64, usize)> = None;
    for (i, row) in c.x.chunks(c.d).enumerate() {
        if !core[i] {
            continue;
        }
        let dist = c.params.metric.distance(q, row);
        if dist <= c.params.eps && best.is_none_or(|(b, _)| dist < b) {
            best = Some((dist, i));
        }
    }
    best.map_or(-1, |(_, i)| labels[i])
}

#[test]
fn predict_matches_a_naive_scan_and_returns_core_samples_own_labels() {
    let mut rng = nanoclust::rng::Rng::new(77);
    for c in cases() {
        let fit = fit_with(Dbscan { params: c.params }, &c.x, c.d, c.w.as_deref());
        // Training points, jittered training points and uniform points.
        let n = c.x.len() / c.d;
        let (lo, hi) =
            c.x.iter()
                .fold((f64::MAX, f64::MIN), |(l, h), &v| (l.min(v), h.max(v)));
        let mut x_new = c.x.clone();
        for v in &c.x {
            x_new.push(v + (rng.next_f64() - 0.5) * c.params.eps * 0.8);
        }
        for _ in 0..n * c.d {
            x_new.push(lo + rng.next_f64() * (hi - lo));
        }
        let got = fit.predict(&x_new).unwrap();
        let want: Vec<i32> = x_new
            .chunks(c.d)
            .map(|q| naive_predict(&c, &fit.labels, &fit.is_core, q))
            .collect();
        assert_eq!(got, want, "{}", c.name);
        for (i, (&g, &core)) in got.iter().zip(&fit.is_core).enumerate() {
            if core {
                assert_eq!(g, fit.labels[i], "{}: core sample {i}", c.name);
            }
        }
        assert!(
            got[n..].iter().any(|&l| l >= 0) && got.iter().any(|&l| l < 0),
            "{}",
            c.name
        );
    }
}
