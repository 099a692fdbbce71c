//! Semantic ABI assertions of the Gaussian-mixture family that the generic
//! harness cannot express: every covariance type end to end, parameter
//! ranges, provided starts, model validation of predict/bic, weights and
//! overflow. Every failing call is still checked to leave its outputs
//! untouched (see `Args::run`).

use crate::harness::{both, Args, PARAM, SIZES};
use nanoclust::ffi::gmm::*;
use nanoclust::ffi::*;

const K: usize = SIZES.k;

#[test]
fn every_covariance_type_fits_predicts_and_scores() {
    for s in ["f32", "f64"] {
        for ct in 0..4u32 {
            let set = |p: &mut nanoclust_gmm_params| p.covariance_type = ct;
            let mut fit = Args::new(&format!("nanoclust_gmm_fit_{s}"))
                .params(set)
                .requery();
            assert_eq!(fit.run(), NANOCLUST_OK, "{s} covariance type {ct}");
            let (w, m, c) = (fit.all("weights"), fit.all("means"), fit.all("covariances"));
            assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-5);
            let model = |a: Args| {
                a.u32("covariance_type", ct)
                    .fill("weights", |t| w[t])
                    .fill("means", |t| m[t])
                    .fill("covariances", |t| c.get(t).copied().unwrap_or(0.0))
                    .requery()
            };
            // The table's covariance buffer holds k*d*d values: enough for every type.
            let mut p = model(Args::new(&format!("nanoclust_gmm_predict_{s}")).size("m", 4));
            assert_eq!(p.run(), NANOCLUST_OK, "{s} {ct}");
            let proba = p.all("proba");
            assert!(proba
                .chunks(K)
                .all(|r| (r.iter().sum::<f64>() - 1.0).abs() < 1e-5));
            assert!(p.all("log_likelihood").iter().all(|v| v.is_finite()));
            let nothing = model(Args::new(&format!("nanoclust_gmm_predict_{s}")))
                .null("labels")
                .null("proba")
                .null("log_likelihood");
            assert_eq!(
                nothing.status(),
                NANOCLUST_OK,
                "all outputs NULL is a validating call"
            );
            let mut bic = model(Args::new(&format!("nanoclust_gmm_bic_{s}")));
            assert_eq!(bic.run(), NANOCLUST_OK);
            assert!(bic.get("bic_out", 0).is_finite());
        }
    }
}

#[test]
fn fit_and_its_query_reject_out_of_range_parameters() {
    let mut cases: Vec<fn(&mut nanoclust_gmm_params)> = vec![
        |p| p.n_components = 0,
        |p| p.n_components = 13,
        |p| p.max_iter = 0,
        |p| p.n_init = 0,
    ];
    cases.extend([
        (|p| p.tol = f64::NAN) as fn(&mut nanoclust_gmm_params),
        |p| p.tol = f64::INFINITY,
        |p| p.tol = -1.0,
        |p| p.reg_covar = f64::NAN,
        |p| p.reg_covar = f64::INFINITY,
        |p| p.reg_covar = -1.0,
    ]);
    for base in [
        "nanoclust_gmm_workspace_size",
        "nanoclust_gmm_fit",
        "nanoclust_gmm_fit_weighted",
    ] {
        for f in both(base) {
            for (i, bad) in cases.iter().enumerate() {
                assert_eq!(Args::new(&f).params(*bad).status(), PARAM, "{f}: case {i}");
            }
        }
    }
}

/// A fit from a provided DIAG start (weights, means, variances).
fn provided(f: &str, w: [f64; 3], m: [f64; 6], c: [f64; 6]) -> Args {
    let set = |p: &mut nanoclust_gmm_params| {
        (p.init, p.covariance_type) = (NANOCLUST_GMM_INIT_PROVIDED, NANOCLUST_COVARIANCE_DIAG);
    };
    Args::new(f)
        .params(set)
        .requery()
        .fill("weights", |t| w[t])
        .fill("means", |t| m[t])
        .fill("covariances", |t| c.get(t).copied().unwrap_or(0.0))
}

#[test]
fn provided_starts_are_validated() {
    let (w, m, c) = (
        [0.25, 0.25, 0.5],
        [2.0, 2.0, 12.0, 12.0, 22.0, 22.0],
        [1.0; 6],
    );
    for f in both("nanoclust_gmm_fit") {
        assert_eq!(provided(&f, w, m, c).status(), NANOCLUST_OK, "{f}");
        let nan_mean = provided(&f, w, [2.0, 2.0, f64::NAN, 12.0, 22.0, 22.0], c);
        assert_eq!(nan_mean.status(), NANOCLUST_ERR_NON_FINITE, "{f}");
        let inf_cov = provided(&f, w, m, [1.0, f64::INFINITY, 1.0, 1.0, 1.0, 1.0]);
        assert_eq!(inf_cov.status(), NANOCLUST_ERR_NON_FINITE, "{f}");
        let negative = provided(&f, [1.5, -0.5, 0.0], m, c);
        assert_eq!(negative.status(), PARAM, "{f}: weights outside [0, 1]");
        let unnormalised = provided(&f, [0.5, 0.6, 0.0], m, c);
        assert_eq!(
            unnormalised.status(),
            PARAM,
            "{f}: weights not summing to 1"
        );
        let singular = provided(&f, w, m, [1.0, 0.0, 1.0, 1.0, 1.0, 1.0]);
        assert_eq!(
            singular.status(),
            NANOCLUST_ERR_NUMERICAL,
            "{f}: a zero variance"
        );
    }
}

#[test]
fn predict_and_bic_validate_the_model() {
    for base in ["nanoclust_gmm_predict", "nanoclust_gmm_bic"] {
        for f in both(base) {
            let w = |v: [f64; 3]| Args::new(&f).fill("weights", move |t| v[t]);
            assert_eq!(
                w([0.5, f64::NAN, 0.5]).status(),
                NANOCLUST_ERR_NON_FINITE,
                "{f}"
            );
            assert_eq!(
                w([-0.5, 1.0, 0.5]).status(),
                PARAM,
                "{f}: a negative weight"
            );
            assert_eq!(w([0.0; 3]).status(), PARAM, "{f}: all weights 0");
            let negative_variance = Args::new(&f).set("covariances", 0, -1.0);
            assert_eq!(negative_variance.status(), NANOCLUST_ERR_NUMERICAL, "{f}");
            let huge = Args::new(&f).set("x", 3, f64::from(f32::MAX));
            let huge = if f.ends_with("f64") {
                huge.set("x", 3, f64::MAX)
            } else {
                huge
            };
            assert_eq!(
                huge.status(),
                NANOCLUST_ERR_NUMERICAL,
                "{f}: squared distances overflow"
            );
        }
    }
    // A zero weight is allowed: that component never wins.
    for f in both("nanoclust_gmm_predict") {
        let mut a = Args::new(&f).fill("weights", |t| [0.0, 1.0, 0.0][t]);
        assert_eq!(a.run(), NANOCLUST_OK);
        assert!(a.all("labels").iter().all(|&l| l == 1.0), "{f}");
        assert!(
            a.all("proba").chunks(K).all(|r| r == [0.0, 1.0, 0.0]),
            "{f}"
        );
    }
}

#[test]
fn weighted_fit_without_weights_is_the_unweighted_fit() {
    for s in ["f32", "f64"] {
        let mut plain = Args::new(&format!("nanoclust_gmm_fit_{s}"));
        let mut weighted =
            Args::new(&format!("nanoclust_gmm_fit_weighted_{s}")).null("sample_weight");
        assert_eq!((plain.run(), weighted.run()), (NANOCLUST_OK, NANOCLUST_OK));
        for out in ["weights", "means", "covariances"] {
            assert_eq!(plain.all(out), weighted.all(out), "{s} {out}");
        }
        let f = format!("nanoclust_gmm_fit_weighted_{s}");
        let ones = || Args::new(&f).fill("sample_weight", |_| 1.0);
        assert_eq!(ones().status(), NANOCLUST_OK);
        assert_eq!(ones().set("sample_weight", 2, -1.0).status(), PARAM, "{f}");
        assert_eq!(ones().fill("sample_weight", |_| 0.0).status(), PARAM, "{f}");
    }
}

#[test]
fn near_max_data_is_numerical_not_nan() {
    for f in both("nanoclust_gmm_fit") {
        let max = if f.ends_with("f32") {
            f64::from(f32::MAX)
        } else {
            f64::MAX
        };
        let (w, m, c) = (
            [0.25, 0.25, 0.5],
            [2.0, 2.0, 12.0, 12.0, 22.0, 22.0],
            [1.0; 6],
        );
        let a = provided(&f, w, m, c)
            .set("x", 0, max / 2.0)
            .set("x", 2, -max / 2.0);
        assert_eq!(a.status(), NANOCLUST_ERR_NUMERICAL, "{f}");
    }
}

#[test]
fn params_default_matches_the_contract() {
    // SAFETY: no pointer.
    let p = unsafe { nanoclust_gmm_params_default(3) };
    assert_eq!(p.n_components, 3);
    assert_eq!(p.covariance_type, NANOCLUST_COVARIANCE_FULL);
    assert_eq!(
        (p.max_iter, p.n_init, p.tol, p.reg_covar),
        (100, 1, 1e-3, 1e-6)
    );
    assert_eq!((p.init, p.seed), (NANOCLUST_GMM_INIT_KMEANS, 0));
}
