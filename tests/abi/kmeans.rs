//! Semantic ABI assertions of the k-means family that the generic harness
//! cannot express: parameter ranges, weights, overflow near FLT_MAX, the
//! stack limit of partial_fit, defaults and determinism. Every failing call
//! is still checked to leave its outputs untouched (see `Args::run`).

use crate::harness::{both, Args, PARAM};
use nanoclust::ffi::*;
use std::ptr::{null, null_mut};

const NUMERICAL: i32 = NANOCLUST_ERR_NUMERICAL;

#[test]
fn fit_succeeds_with_every_init_and_algorithm_and_k_from_1_to_n() {
    for f in both("nanoclust_kmeans_fit") {
        for init in [
            NANOCLUST_INIT_KMEANS_PLUS_PLUS,
            NANOCLUST_INIT_RANDOM,
            NANOCLUST_INIT_PROVIDED,
        ] {
            for algorithm in [
                NANOCLUST_KMEANS_AUTO,
                NANOCLUST_KMEANS_LLOYD,
                NANOCLUST_KMEANS_HAMERLY,
            ] {
                let mut a = Args::new(&f)
                    .params(|p: &mut nanoclust_kmeans_params| {
                        (p.init, p.algorithm, p.n_init) = (init, algorithm, 2);
                    })
                    .fill("centers", |t| 2.0 + t as f64);
                assert_eq!(
                    a.run(),
                    NANOCLUST_OK,
                    "{f} init {init} algorithm {algorithm}"
                );
                assert!(a.all("centers").iter().all(|c| c.is_finite()));
                assert!(a.all("labels").iter().all(|&l| (0.0..3.0).contains(&l)));
            }
        }
        // k = 1 needs no more workspace than k = 3.
        let one = Args::new(&f).params(|p: &mut nanoclust_kmeans_params| p.n_clusters = 1);
        assert_eq!(one.status(), NANOCLUST_OK, "{f} k = 1");
    }
}

#[test]
fn size_queries_reject_bad_k_and_overflow() {
    for f in both("nanoclust_kmeans_workspace_size") {
        let k = |k: u32| move |p: &mut nanoclust_kmeans_params| p.n_clusters = k;
        assert_eq!(Args::new(&f).size("n", 2).status(), PARAM, "{f}: k > n");
        assert_eq!(Args::new(&f).params(k(0)).status(), PARAM, "{f}: k = 0");
        // A huge k*d (k <= n) overflows the size computation.
        let big = Args::new(&f)
            .size("n", 1 << 24)
            .size("d", 1 << 39)
            .params(k(1 << 24));
        assert_eq!(big.status(), NANOCLUST_ERR_SIZE_OVERFLOW, "{f}");
        let over = Args::new(&f).size("n", 1 << 25).params(k((1 << 24) + 1));
        assert_eq!(over.status(), PARAM, "{f}: k above 2^24");
    }
}

#[test]
fn fit_rejects_out_of_range_parameters() {
    for f in both("nanoclust_kmeans_fit") {
        let bad = |m: fn(&mut nanoclust_kmeans_params)| Args::new(&f).params(m).status();
        assert_eq!(bad(|p| p.n_clusters = 0), PARAM, "{f}: k = 0");
        assert_eq!(bad(|p| p.n_clusters = 13), PARAM, "{f}: k > n");
        assert_eq!(
            bad(|p| p.algorithm = NANOCLUST_KMEANS_ELKAN),
            PARAM,
            "{f}: ELKAN is not built"
        );
        assert_eq!(bad(|p| p.max_iter = 0), PARAM, "{f}");
        assert_eq!(bad(|p| p.n_init = 0), PARAM, "{f}");
        assert_eq!(bad(|p| p.tol = f64::NAN), PARAM, "{f}");
        assert_eq!(bad(|p| p.tol = f64::INFINITY), PARAM, "{f}");
        assert_eq!(bad(|p| p.tol = -1.0), PARAM, "{f}");
    }
}

#[test]
fn fit_rejects_bad_weights_and_non_finite_provided_centers() {
    for f in both("nanoclust_kmeans_fit") {
        let w = || Args::new(&f).fill("sample_weight", |_| 1.0);
        assert_eq!(
            w().set("sample_weight", 0, -1.0).status(),
            PARAM,
            "{f}: negative weight"
        );
        assert_eq!(
            w().fill("sample_weight", |_| 0.0).status(),
            PARAM,
            "{f}: all-zero weights"
        );
        let random = |p: &mut nanoclust_kmeans_params| p.init = NANOCLUST_INIT_RANDOM;
        let two_positive = w()
            .fill("sample_weight", |t| f64::from(u8::from(t < 2)))
            .params(random);
        assert_eq!(
            two_positive.status(),
            PARAM,
            "{f}: fewer than k positive weights"
        );
        let provided = |p: &mut nanoclust_kmeans_params| p.init = NANOCLUST_INIT_PROVIDED;
        let nan_center =
            Args::new(&f)
                .params(provided)
                .fill("centers", |_| 0.0)
                .set("centers", 2, f64::NAN);
        assert_eq!(nan_center.status(), NANOCLUST_ERR_NON_FINITE, "{f}");
    }
}

#[test]
fn values_near_flt_max_are_numerical_not_inf() {
    let f = "nanoclust_kmeans_fit_f32";
    let near_max = |a: Args| {
        a.fill("x", |t| (t % 5) as f64)
            .set("x", 0, 3.0e38)
            .set("x", 1, -3.0e38)
    };
    assert_eq!(near_max(Args::new(f)).status(), NUMERICAL);
    // Large but safe values succeed with finite output.
    let mut large = Args::new(f).fill("x", |t| (t % 5) as f64 * 1e17);
    assert_eq!(large.run(), NANOCLUST_OK);
    assert!(large.all("centers").iter().all(|c| c.is_finite()));
    // Huge weights overflow the weighted sums.
    let heavy = Args::new(f)
        .fill("x", |t| (t % 5) as f64 * 1e17)
        .fill("sample_weight", |_| 3.0e38);
    assert_eq!(heavy.status(), NUMERICAL);
    // predict and partial_fit too.
    let p = Args::new("nanoclust_kmeans_predict_f32").fill("centers", |t| (t / 2) as f64);
    assert_eq!(near_max(p).status(), NUMERICAL);
    let pf = Args::new("nanoclust_kmeans_partial_fit_f32").fill("centers", |t| (t / 2) as f64);
    assert_eq!(near_max(pf).status(), NUMERICAL);
}

#[test]
fn predict_labels_the_nearest_center_in_both_precisions() {
    let run = |f: &str| {
        let mut a = Args::new(f).fill("centers", |t| [0.0, 0.0, 10.0, 10.0, 20.0, 5.0][t]);
        assert_eq!(a.run(), NANOCLUST_OK, "{f}");
        (a.all("labels"), a.all("sq_distances"))
    };
    let (l32, sq32) = run("nanoclust_kmeans_predict_f32");
    let (l64, sq64) = run("nanoclust_kmeans_predict_f64");
    assert_eq!(l32, l64);
    assert!(l64.iter().all(|l| (0.0..3.0).contains(l)));
    assert!(sq32.iter().chain(&sq64).all(|&s| s >= 0.0));
}

#[test]
fn partial_fit_rejects_negative_weights_and_counts() {
    for base in [
        "nanoclust_kmeans_partial_fit",
        "nanoclust_kmeans_partial_fit_with_workspace",
    ] {
        for f in both(base) {
            let w = Args::new(&f)
                .fill("sample_weight", |_| 1.0)
                .set("sample_weight", 2, -1.0);
            assert_eq!(w.status(), PARAM, "{f}: negative weight");
            assert_eq!(
                Args::new(&f).set("counts", 1, -1.0).status(),
                PARAM,
                "{f}: negative count"
            );
            let mut ok = Args::new(&f).null("sample_weight");
            assert_eq!(ok.run(), NANOCLUST_OK);
            assert_eq!(
                ok.all("counts").iter().sum::<f64>(),
                12.0,
                "{f}: counts grow by the batch weight"
            );
        }
    }
}

#[test]
fn partial_fit_beyond_the_stack_scratch_needs_the_workspace_variant() {
    let (d, k) = (600usize, 8usize);
    let x = vec![1.0f64; 2 * d];
    let mut c = vec![0.0f64; k * d];
    let mut counts = vec![0.0f64; k];
    let (cp, np) = (c.as_mut_ptr(), counts.as_mut_ptr());
    // SAFETY: every pointer refers to a live local buffer of the stated length.
    unsafe {
        let s = nanoclust_kmeans_partial_fit_f64(x.as_ptr(), 2, d, null(), cp, np, k);
        assert_eq!(s, NANOCLUST_ERR_WORKSPACE_TOO_SMALL);
        assert_eq!(counts[0], 0.0);
        let mut bytes = 0;
        assert_eq!(
            nanoclust_kmeans_partial_fit_workspace_size_f64(d, k, &mut bytes),
            NANOCLUST_OK
        );
        assert!(bytes > 1536);
        let mut ws = vec![0u8; bytes];
        let s = nanoclust_kmeans_partial_fit_with_workspace_f64(
            x.as_ptr(),
            2,
            d,
            null(),
            cp,
            np,
            k,
            ws.as_mut_ptr().cast(),
            bytes,
        );
        assert_eq!(s, NANOCLUST_OK);
        let s = nanoclust_kmeans_partial_fit_with_workspace_f64(
            x.as_ptr(),
            2,
            d,
            null(),
            cp,
            np,
            k,
            null_mut(),
            0,
        );
        assert_eq!(s, NANOCLUST_ERR_WORKSPACE_TOO_SMALL);
    }
    assert_eq!(counts[0], 2.0);
    assert!(c[..d].iter().all(|&v| v == 1.0));
}

#[test]
fn params_default_is_the_documented_default() {
    // SAFETY: no pointer.
    let p = unsafe { nanoclust_kmeans_params_default(4) };
    assert_eq!(p.n_clusters, 4);
    assert_eq!(p.init, NANOCLUST_INIT_KMEANS_PLUS_PLUS);
    assert_eq!(p.algorithm, NANOCLUST_KMEANS_AUTO);
    assert_eq!((p.n_init, p.max_iter, p.tol, p.seed), (1, 300, 1e-4, 0));
}

#[test]
fn same_seed_same_bits() {
    for f in both("nanoclust_kmeans_fit") {
        let run = || {
            let mut a = Args::new(&f)
                .params(|p: &mut nanoclust_kmeans_params| (p.seed, p.n_init) = (99, 3));
            assert_eq!(a.run(), NANOCLUST_OK);
            (
                a.all("centers")
                    .iter()
                    .map(|v| v.to_bits())
                    .collect::<Vec<_>>(),
                a.all("labels"),
            )
        };
        assert_eq!(run(), run(), "{f}");
    }
}
