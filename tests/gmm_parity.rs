//! Parity with scikit-learn's GaussianMixture (fixtures from
//! `tools/gen_gmm_fixtures.py`): from the same start (provided weights, means
//! and covariances, or scikit-learn's own k-means labels), the fitted weights,
//! means and covariances agree within 1e-6 relative (f64) with the same
//! iteration count; predict / predict_proba / score_samples / bic agree on the
//! fitted model. f32 cases (scikit-learn keeps float32 data in float32) agree
//! within 1e-3.
mod common;

use common::{assert_close, f64s, fixtures_in, i64s};
use nanoclust::gmm::{self, CovarianceType, GmmInit, GmmParams};
use nanoclust::{Matrix, Scalar};
use serde_json::Value;

fn cov_type(name: &str) -> CovarianceType {
    match name {
        "full" => CovarianceType::Full,
        "tied" => CovarianceType::Tied,
        "diag" => CovarianceType::Diag,
        "spherical" => CovarianceType::Spherical,
        other => panic!("unknown covariance type {other}"),
    }
}

fn to<S: Scalar>(v: &Value) -> Vec<S> {
    f64s(v).into_iter().map(S::from_f64).collect()
}

fn back<S: Scalar>(v: &[S]) -> Vec<f64> {
    v.iter().map(|x| x.to_f64()).collect()
}

/// Fits one case, checks the model against scikit-learn's, then checks the
/// predictions of nanoclust's model against scikit-learn's predictions.
fn check_case<S: Scalar>(
    file: &str,
    doc: &Value,
    c: &Value,
    rtol: f64,
    atol: f64,
    exact_iter: bool,
) {
    let what = format!(
        "{file} {} {} {}",
        c["covariance_type"].as_str().unwrap(),
        c["start"].as_str().unwrap(),
        c["dtype"].as_str().unwrap()
    );
    let x: Vec<S> = to(&doc["x"]);
    let d = doc["x"][0].as_array().unwrap().len();
    let n = x.len() / d;
    let k = c["k"].as_u64().unwrap() as usize;
    let ct = cov_type(c["covariance_type"].as_str().unwrap());
    let p = GmmParams::new(k)
        .covariance_type(ct)
        .tol(c["tol"].as_f64().unwrap())
        .reg_covar(c["reg_covar"].as_f64().unwrap())
        .max_iter(c["max_iter"].as_u64().unwrap() as u32)
        .init(GmmInit::Provided);
    let xm = Matrix::new(&x, n, d).unwrap();
    let mut ws = vec![0u8; gmm::workspace_size::<S>(n, d, &p).unwrap().bytes()];
    let clen = ct.len(k, d).unwrap();
    let (mut w, mut m, mut cv) = (vec![S::ZERO; k], vec![S::ZERO; k * d], vec![S::ZERO; clen]);
    let r = if c["start"] == "provided" {
        w = to(&c["weights_init"]);
        m = to(&c["means_init"]);
        cv = to(&c["covariances_init"]);
        gmm::fit(&p, xm, &mut ws, &mut w, &mut m, &mut cv).unwrap()
    } else {
        let labels: Vec<i32> = i64s(&c["labels_init"])
            .into_iter()
            .map(|l| l as i32)
            .collect();
        gmm::fit_from_labels(&p, xm, &labels, &mut ws, &mut w, &mut m, &mut cv).unwrap()
    };
    if exact_iter {
        assert_eq!(
            r.n_iter as u64,
            c["n_iter"].as_u64().unwrap(),
            "{what}: n_iter"
        );
        assert_eq!(
            r.converged,
            c["converged"].as_bool().unwrap(),
            "{what}: converged"
        );
    }
    assert_close(
        &format!("{what}: weights"),
        &back(&w),
        &f64s(&c["weights"]),
        rtol,
        atol,
    );
    assert_close(
        &format!("{what}: means"),
        &back(&m),
        &f64s(&c["means"]),
        rtol,
        atol,
    );
    assert_close(
        &format!("{what}: covariances"),
        &back(&cv),
        &f64s(&c["covariances"]),
        rtol,
        atol,
    );
    assert_close(
        &format!("{what}: lower bound"),
        &[r.lower_bound],
        &[c["lower_bound"].as_f64().unwrap()],
        rtol,
        atol,
    );

    // Predictions of the fitted model on held-out data.
    let xt: Vec<S> = to(&doc["x_test"]);
    let mt = xt.len() / d;
    let xtm = Matrix::new(&xt, mt, d).unwrap();
    let mut pws = vec![0u8; gmm::predict_workspace_size::<S>(k, d, ct).unwrap().bytes()];
    let mut labels = vec![-1i32; mt];
    let mut proba = vec![S::ZERO; mt * k];
    let mut ll = vec![S::ZERO; mt];
    gmm::predict(
        &w,
        &m,
        &cv,
        k,
        ct,
        xtm,
        &mut pws,
        Some(&mut labels),
        Some(&mut proba),
        Some(&mut ll),
    )
    .unwrap();
    let want_labels: Vec<i32> = i64s(&c["predict"]).into_iter().map(|l| l as i32).collect();
    assert_eq!(labels, want_labels, "{what}: predict");
    assert_close(
        &format!("{what}: proba"),
        &back(&proba),
        &f64s(&c["proba"]),
        rtol,
        atol.max(rtol * 1e-3),
    );
    for row in proba.chunks(k) {
        let s: f64 = back(row).iter().sum();
        assert!(
            (s - 1.0).abs() < 1e3 * S::EPSILON.to_f64(),
            "{what}: proba row sums to {s}"
        );
    }
    assert_close(
        &format!("{what}: score_samples"),
        &back(&ll),
        &f64s(&c["score_samples"]),
        rtol,
        atol,
    );
    let b = gmm::bic(&w, &m, &cv, k, ct, xm, &mut pws).unwrap();
    assert_close(
        &format!("{what}: bic"),
        &[b],
        &[c["bic"].as_f64().unwrap()],
        rtol,
        atol,
    );
}

#[test]
fn f64_fits_match_scikit_learn_from_the_same_start() {
    let mut count = 0;
    for (file, doc) in fixtures_in("gmm") {
        for c in doc["cases"].as_array().unwrap() {
            if c["dtype"] == "float64" {
                check_case::<f64>(&file, &doc, c, 1e-6, 1e-9, true);
                count += 1;
            }
        }
    }
    // Three data sets x four covariance types x two starts.
    assert_eq!(count, 24);
}

#[test]
fn f32_fits_match_scikit_learn_float32() {
    let mut count = 0;
    for (file, doc) in fixtures_in("gmm") {
        for c in doc["cases"].as_array().unwrap() {
            if c["dtype"] == "float32" {
                check_case::<f32>(&file, &doc, c, 2e-3, 1e-4, false);
                count += 1;
            }
        }
    }
    assert_eq!(count, 4);
}

/// nanoclust's own k-means start (its k-means, its random stream) does as well
/// as scikit-learn's with the same `n_init`, over seeds 0..49 against
/// scikit-learn's random_state 0..49: the mean final lower bound is no lower
/// than scikit-learn's mean, up to the convergence tolerance `tol` (both stop
/// once an iteration gains less than `tol`) plus three standard errors of the
/// difference (f64 data with n_init 1 and 3, f32 data with n_init 1). Seeds are compared in aggregate because the two random streams
/// differ, so single draws land in different local optima (wine with full
/// covariances has many).
#[test]
fn kmeans_start_is_no_worse_than_scikit_learns() {
    let mut count = 0;
    for (file, doc) in fixtures_in("gmm") {
        let x64 = f64s(&doc["x"]);
        let x32: Vec<f32> = x64.iter().map(|&v| v as f32).collect();
        let d = doc["x"][0].as_array().unwrap().len();
        let n = x64.len() / d;
        let k = doc["cases"][0]["k"].as_u64().unwrap() as usize;
        for c in doc["kmeans_init"].as_array().unwrap() {
            let ct = cov_type(c["covariance_type"].as_str().unwrap());
            let n_init = c["n_init"].as_u64().unwrap() as u32;
            let theirs = f64s(&c["lower_bounds"]);
            let seeds = i64s(&c["seeds"]);
            let tol = GmmParams::new(k).tol;
            // f32 data only with n_init 1 (keeps the debug test time down).
            let dtypes: &[bool] = if n_init == 1 {
                &[false, true]
            } else {
                &[false]
            };
            for &f32_data in dtypes {
                let ours: Vec<f64> = seeds
                    .iter()
                    .map(|&s| {
                        let p = GmmParams::new(k)
                            .covariance_type(ct)
                            .n_init(n_init)
                            .seed(s as u64);
                        if f32_data {
                            fit_kmeans_start(&p, &x32, n, d)
                        } else {
                            fit_kmeans_start(&p, &x64, n, d)
                        }
                    })
                    .collect();
                let what = format!("{file} {ct:?} n_init {n_init} f32 {f32_data}");
                let slack = if f32_data {
                    1e-4 * theirs[0].abs()
                } else {
                    0.0
                };
                let (mo, so) = mean_se(&ours);
                let (mt, st) = mean_se(&theirs);
                assert!(
                    mo >= mt - tol - slack - 3.0 * (so * so + st * st).sqrt(),
                    "{what}: mean {mo} < {mt}"
                );
            }
            count += 1;
        }
    }
    assert_eq!(count, 24);
}

/// Mean and standard error of the mean.
fn mean_se(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0);
    (m, (var / n).sqrt())
}

fn fit_kmeans_start<S: Scalar>(p: &GmmParams, x: &[S], n: usize, d: usize) -> f64 {
    let k = p.n_components;
    let mut ws = vec![0u8; gmm::workspace_size::<S>(n, d, p).unwrap().bytes()];
    let (mut w, mut m) = (vec![S::ZERO; k], vec![S::ZERO; k * d]);
    let mut cv = vec![S::ZERO; p.covariance_type.len(k, d).unwrap()];
    let r = gmm::fit(
        p,
        Matrix::new(x, n, d).unwrap(),
        &mut ws,
        &mut w,
        &mut m,
        &mut cv,
    )
    .unwrap();
    assert!(r.lower_bound.is_finite());
    r.lower_bound
}
