//! Parity of the metrics and the standard scaler with scikit-learn, on the
//! fixtures written by `tools/gen_metrics_fixtures.py` (versions recorded in
//! each file). f64 results must agree within 1e-10 relative; f32 results
//! (the same data rounded to f32) within float tolerance.

#![cfg(feature = "std")]

mod common;

use common::{assert_close, f32s, f64s, fixture, i64s};
use nanoclust::owned::metrics as m;
use nanoclust::owned::preprocessing::StandardScaler;
use nanoclust::Metric;
use serde_json::Value;

const RTOL64: f64 = 1e-10;

fn labels(v: &Value) -> Vec<i32> {
    i64s(v).into_iter().map(|l| l as i32).collect()
}

fn metric(name: &str) -> Metric {
    match name {
        "euclidean" => Metric::Euclidean,
        "manhattan" => Metric::Manhattan,
        "chebyshev" => Metric::Chebyshev,
        "cosine" => Metric::Cosine,
        other => panic!("unknown metric {other}"),
    }
}

fn cases(file: &str) -> Vec<Value> {
    let f = fixture(file);
    assert_eq!(f["generator"], "tools/gen_metrics_fixtures.py");
    assert!(f["versions"]["sklearn"].is_string());
    f["cases"].as_array().expect("cases").clone()
}

#[test]
fn standard_scaler_matches_sklearn_f64_and_f32() {
    let cases = cases("metrics/scaler.json");
    assert!(cases.len() >= 5);
    for c in &cases {
        let name = c["name"].as_str().unwrap();
        let (n, d) = (
            c["n"].as_u64().unwrap() as usize,
            c["d"].as_u64().unwrap() as usize,
        );
        let x = f64s(&c["x"]);
        assert_eq!(x.len(), n * d, "{name}: fixture shape");
        let s = StandardScaler::new().fit(&x, d).unwrap();
        assert_close(
            &format!("{name} mean"),
            &s.mean,
            &f64s(&c["mean"]),
            RTOL64,
            0.0,
        );
        assert_close(
            &format!("{name} scale"),
            &s.scale,
            &f64s(&c["scale"]),
            RTOL64,
            0.0,
        );
        let want_t = f64s(&c["transformed"]);
        assert_close(
            &format!("{name} transform"),
            &s.transform(&x).unwrap(),
            &want_t,
            RTOL64,
            1e-12,
        );
        let mut inplace = x.clone();
        s.transform_in_place(&mut inplace).unwrap();
        assert_close(
            &format!("{name} transform in place"),
            &inplace,
            &want_t,
            RTOL64,
            1e-12,
        );
        let back = s.inverse_transform(&want_t).unwrap();
        let scale_of = |i: usize| s.scale[i % d].max(s.mean[i % d].abs());
        for (i, (b, xv)) in back.iter().zip(&x).enumerate() {
            assert!(
                (b - xv).abs() <= 1e-12 * scale_of(i) + 1e-12,
                "{name} inverse[{i}]"
            );
        }
        if c["f32"].as_bool().unwrap() {
            let x32 = f32s(&c["x"]);
            let s32 = StandardScaler::new().fit(&x32, d).unwrap();
            let to64 = |v: &[f32]| v.iter().map(|&x| x as f64).collect::<Vec<_>>();
            assert_close(
                &format!("{name} f32 mean"),
                &to64(&s32.mean),
                &f64s(&c["mean"]),
                1e-5,
                1e-5,
            );
            assert_close(
                &format!("{name} f32 scale"),
                &to64(&s32.scale),
                &f64s(&c["scale"]),
                1e-5,
                0.0,
            );
            let t32 = s32.transform(&x32).unwrap();
            assert_close(
                &format!("{name} f32 transform"),
                &to64(&t32),
                &want_t,
                1e-4,
                1e-4,
            );
        }
    }
    // The constant-column case: exact constant and near-constant columns get scale 1.
    let c = cases
        .iter()
        .find(|c| c["name"] == "constant_and_near_constant_columns")
        .unwrap();
    let scale = f64s(&c["scale"]);
    assert_eq!((scale[1], scale[2]), (1.0, 1.0));
}

#[test]
fn internal_metrics_match_sklearn_f64_and_f32() {
    let cases = cases("metrics/internal.json");
    assert!(cases.len() >= 5);
    let mut checked_silhouettes = 0;
    for c in &cases {
        let name = c["name"].as_str().unwrap();
        let d = c["d"].as_u64().unwrap() as usize;
        let x = f64s(&c["x"]);
        let x32 = f32s(&c["x"]);
        let lab = labels(&c["labels"]);
        let to64 = |v: &[f32]| v.iter().map(|&x| x as f64).collect::<Vec<_>>();
        for (mname, want) in c["silhouette"].as_object().unwrap() {
            let mt = metric(mname);
            let what = format!("{name} silhouette {mname}");
            let score = m::silhouette_score(&x, d, &lab, mt).unwrap();
            assert_close(
                &what,
                &[score],
                &[want["score"].as_f64().unwrap()],
                RTOL64,
                1e-14,
            );
            let samples = m::silhouette_samples(&x, d, &lab, mt).unwrap();
            assert_close(&what, &samples, &f64s(&want["samples"]), RTOL64, 1e-14);
            // f32 tolerance: the cosine distance `1 - cos` of nearly parallel f32 rows
            // carries an absolute error of a few f32 ulps of 1 (cancellation), so its
            // silhouettes get a looser bound than the other metrics.
            let (rt, at) = if mt == Metric::Cosine {
                (1e-3, 1e-4)
            } else {
                (1e-4, 1e-5)
            };
            let s32 = m::silhouette_samples(&x32, d, &lab, mt).unwrap();
            assert_close(
                &format!("{what} f32"),
                &to64(&s32),
                &f64s(&want["samples"]),
                rt,
                at,
            );
            let score32 = m::silhouette_score(&x32, d, &lab, mt).unwrap();
            assert_close(
                &format!("{what} f32"),
                &[score32],
                &[want["score"].as_f64().unwrap()],
                rt,
                at,
            );
            checked_silhouettes += 1;
        }
        let ch = c["calinski_harabasz"].as_f64().unwrap();
        assert_close(
            &format!("{name} CH"),
            &[m::calinski_harabasz(&x, d, &lab).unwrap()],
            &[ch],
            RTOL64,
            0.0,
        );
        assert_close(
            &format!("{name} CH f32"),
            &[m::calinski_harabasz(&x32, d, &lab).unwrap()],
            &[ch],
            1e-4,
            0.0,
        );
        let db = c["davies_bouldin"].as_f64().unwrap();
        assert_close(
            &format!("{name} DB"),
            &[m::davies_bouldin(&x, d, &lab).unwrap()],
            &[db],
            RTOL64,
            1e-14,
        );
        assert_close(
            &format!("{name} DB f32"),
            &[m::davies_bouldin(&x32, d, &lab).unwrap()],
            &[db],
            1e-4,
            1e-6,
        );
        if let Some(want) = c.get("inertia").and_then(Value::as_f64) {
            let centers = f64s(&c["centers"]);
            let got = m::inertia(&x, d, &centers, &lab).unwrap();
            assert_close(&format!("{name} inertia"), &[got], &[want], RTOL64, 0.0);
            let got32 = m::inertia(&x32, d, &f32s(&c["centers"]), &lab).unwrap();
            assert_close(
                &format!("{name} inertia f32"),
                &[got32],
                &[want],
                1e-4,
                1e-6,
            );
        }
    }
    assert!(checked_silhouettes >= 20, "{checked_silhouettes}");
}

#[test]
fn adjusted_rand_and_nmi_match_sklearn() {
    let cases = cases("metrics/contingency.json");
    assert!(cases.len() >= 10);
    for c in &cases {
        let name = c["name"].as_str().unwrap();
        let (a, b) = (labels(&c["a"]), labels(&c["b"]));
        let ari = m::adjusted_rand_index(&a, &b).unwrap();
        assert_close(
            &format!("{name} ARI"),
            &[ari],
            &[c["ari"].as_f64().unwrap()],
            RTOL64,
            1e-15,
        );
        let nmi = m::normalized_mutual_info(&a, &b).unwrap();
        assert_close(
            &format!("{name} NMI"),
            &[nmi],
            &[c["nmi"].as_f64().unwrap()],
            RTOL64,
            1e-15,
        );
        // Both are symmetric in their arguments.
        assert_close(
            &format!("{name} ARI sym"),
            &[m::adjusted_rand_index(&b, &a).unwrap()],
            &[ari],
            1e-12,
            1e-15,
        );
        assert_close(
            &format!("{name} NMI sym"),
            &[m::normalized_mutual_info(&b, &a).unwrap()],
            &[nmi],
            1e-12,
            1e-15,
        );
    }
}
