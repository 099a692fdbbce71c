//! Semantic ABI assertions of the DBSCAN family that the generic harness
//! cannot express: exact labels on a small data set, parameter ranges,
//! weights, n = 1, the cosine zero-row rule, model validation of predict,
//! core distances and overflow. Every failing call is still checked to leave
//! its outputs untouched (see `Args::run`).

use crate::harness::{both, Args, PARAM};
use nanoclust::ffi::*;

/// Two clusters of three and one outlier, 2-D.
const X: [f64; 14] = [
    0.0, 0.0, 0.1, 0.0, 0.0, 0.1, 5.0, 5.0, 5.1, 5.0, 5.0, 5.1, 9.0, 0.0,
];
const N: usize = 7;

fn eps_min(eps: f64, min_samples: u32) -> impl FnOnce(&mut nanoclust_dbscan_params) {
    move |p| (p.eps, p.min_samples) = (eps, min_samples)
}

/// A call of `f` on the seven samples of `X` with eps 0.5, min_samples 3.
fn on_x(f: &str) -> Args {
    Args::new(f)
        .size("n", N)
        .fill("x", |t| X.get(t).copied().unwrap_or(0.0))
        .params(eps_min(0.5, 3))
}

#[test]
fn params_default_is_scikit_learns() {
    // SAFETY: no pointer.
    let p = unsafe { nanoclust_dbscan_params_default() };
    assert_eq!(
        (p.eps, p.min_samples, p.metric, p.index),
        (0.5, 5, NANOCLUST_METRIC_EUCLIDEAN, NANOCLUST_INDEX_AUTO)
    );
}

#[test]
fn fit_labels_two_clusters_and_an_outlier_with_every_index() {
    for f in both("nanoclust_dbscan_fit") {
        for index in [
            NANOCLUST_INDEX_AUTO,
            NANOCLUST_INDEX_BRUTE,
            NANOCLUST_INDEX_GRID,
            NANOCLUST_INDEX_KDTREE,
        ] {
            let mut a = on_x(&f)
                .null("sample_weight")
                .params(|p: &mut nanoclust_dbscan_params| p.index = index);
            assert_eq!(a.run(), NANOCLUST_OK, "{f}");
            assert_eq!(
                a.all("labels")[..N],
                [0.0, 0.0, 0.0, 1.0, 1.0, 1.0, -1.0],
                "{f} index {index}"
            );
            assert_eq!(a.all("is_core")[..N], [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0]);
        }
    }
}

#[test]
fn fit_rejects_out_of_range_parameters_and_cosine_zero_rows() {
    for f in both("nanoclust_dbscan_fit") {
        for (eps, ms) in [
            (f64::NAN, 3),
            (f64::INFINITY, 3),
            (0.0, 3),
            (-0.5, 3),
            (0.5, 0),
        ] {
            assert_eq!(
                on_x(&f).params(eps_min(eps, ms)).status(),
                PARAM,
                "{f}: eps {eps}, min_samples {ms}"
            );
        }
        // Sample 0 is the origin: no cosine distance.
        let cosine = |p: &mut nanoclust_dbscan_params| p.metric = NANOCLUST_METRIC_COSINE;
        assert_eq!(on_x(&f).params(cosine).status(), PARAM, "{f}");
    }
}

#[test]
fn weights_make_a_heavy_outlier_core_and_n_1_is_core_iff_min_samples_is_1() {
    for f in both("nanoclust_dbscan_fit") {
        let grid = |p: &mut nanoclust_dbscan_params| p.index = NANOCLUST_INDEX_GRID;
        let mut a = on_x(&f)
            .params(grid)
            .fill("sample_weight", |t| if t == 6 { 3.0 } else { 1.0 });
        assert_eq!(a.run(), NANOCLUST_OK);
        assert_eq!(
            a.all("labels")[..N],
            [0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 2.0],
            "{f}"
        );
        assert_eq!(a.all("is_core")[..N], [1.0; N]);
        let r = a.raw("result");
        let count = |i: usize| u32::from_ne_bytes(r[4 * i..4 * i + 4].try_into().unwrap());
        assert_eq!(
            (count(0), count(1), count(2)),
            (3, 0, 7),
            "{f}: clusters, noise, core"
        );
        for (ms, want) in [(1, 0.0), (2, -1.0)] {
            let mut one = on_x(&f)
                .size("n", 1)
                .null("sample_weight")
                .params(eps_min(0.5, ms));
            assert_eq!(one.run(), NANOCLUST_OK);
            assert_eq!(one.get("labels", 0), want, "{f}: n = 1, min_samples {ms}");
        }
    }
}

#[test]
fn distances_that_overflow_float_with_a_reaching_eps_are_numerical() {
    let huge = [-3e38, 0.0, 3e38, 0.0];
    let a = Args::new("nanoclust_dbscan_fit_f32")
        .size("n", 2)
        .null("sample_weight")
        .fill("x", |t| huge.get(t).copied().unwrap_or(0.0))
        .params(eps_min(1e300, 1));
    assert_eq!(a.status(), NANOCLUST_ERR_NUMERICAL);
    let c = Args::new("nanoclust_core_distances_f32")
        .size("n", 2)
        .u32("min_samples", 2);
    let c = c.fill("x", |t| huge.get(t).copied().unwrap_or(0.0));
    assert_eq!(c.status(), NANOCLUST_ERR_NUMERICAL);
}

/// predict on `X`'s model (labels and core flags of the fit) for three new points.
fn predict(f: &str) -> Args {
    let labels = [0.0, 0.0, 0.0, 1.0, 1.0, 1.0, -1.0];
    let new = [0.2, 0.0, 5.2, 5.0, 20.0, 20.0];
    Args::new(f)
        .size("n", N)
        .size("m", 3)
        .fill("x_train", |t| X.get(t).copied().unwrap_or(0.0))
        .fill("labels", |t| labels.get(t).copied().unwrap_or(0.0))
        .fill("is_core", |t| f64::from(u8::from(t < 6)))
        .fill("x_new", |t| new.get(t).copied().unwrap_or(0.0))
        .params(eps_min(0.5, 3))
}

#[test]
fn predict_labels_new_points_and_validates_the_model() {
    for f in both("nanoclust_dbscan_predict") {
        let mut a = predict(&f);
        assert_eq!(a.run(), NANOCLUST_OK);
        assert_eq!(a.all("labels_out")[..3], [0.0, 1.0, -1.0], "{f}");
        assert_eq!(
            predict(&f).set("is_core", 6, 2.0).status(),
            PARAM,
            "{f}: is_core not 0/1"
        );
        assert_eq!(
            predict(&f).set("labels", 5, -1.0).status(),
            PARAM,
            "{f}: unlabelled core sample"
        );
        assert_eq!(
            predict(&f).set("labels", 6, -2.0).status(),
            PARAM,
            "{f}: label below -1"
        );
        assert_eq!(predict(&f).params(eps_min(-0.5, 3)).status(), PARAM, "{f}");
        // Cosine: a zero row among the new points is invalid.
        let cosine = |p: &mut nanoclust_dbscan_params| p.metric = NANOCLUST_METRIC_COSINE;
        let zero_new = predict(&f)
            .fill("x_train", |t| 1.0 + t as f64)
            .params(cosine)
            .set("x_new", 0, 0.0);
        assert_eq!(zero_new.set("x_new", 1, 0.0).status(), PARAM, "{f}");
    }
}

#[test]
fn core_distances_are_the_min_samples_th_neighbour_distance() {
    for f in both("nanoclust_core_distances") {
        let a = || {
            Args::new(&f)
                .size("n", N)
                .fill("x", |t| X.get(t).copied().unwrap_or(0.0))
        };
        let mut ok = a();
        assert_eq!(ok.run(), NANOCLUST_OK);
        let out = ok.all("out");
        let tol = if f.ends_with("f32") { 1e-6 } else { 1e-12 };
        assert!(
            (out[0] - 0.1).abs() < tol && (out[6] - 41f64.sqrt()).abs() < tol,
            "{f}: {out:?}"
        );
        assert_eq!(
            a().u32("min_samples", N as u32 + 1).status(),
            PARAM,
            "{f}: min_samples > n"
        );
        let cosine = a().u32("metric", NANOCLUST_METRIC_COSINE);
        assert_eq!(cosine.status(), PARAM, "{f}: cosine with a zero row");
        let mut one = a().size("n", 1).u32("min_samples", 1);
        assert_eq!(one.run(), NANOCLUST_OK);
        assert_eq!(
            one.get("out", 0),
            0.0,
            "{f}: a sample's distance to itself is 0"
        );
    }
}
