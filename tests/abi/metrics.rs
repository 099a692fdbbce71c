//! Semantic ABI assertions of the metrics and the standard scaler that the
//! generic harness cannot express: label ranges, the n_clusters limit,
//! noise and singleton samples, unused cluster ids, label values of any
//! int32, workspace sizes that grow linearly, the scaler's in-place and
//! overlap rules and overflow. Every failing call is still checked to leave
//! its outputs untouched (see `Args::run`).

use crate::harness::{both, Args, PARAM};
use nanoclust::ffi::*;

/// One more than the largest valid n_clusters (labels are int32_t: 2^31 ids).
const TOO_MANY: usize = i32::MAX as usize + 2;

/// Eight samples: clusters 0, 1 of three, a singleton cluster 2, one noise sample.
const LABELS: [f64; 8] = [0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 2.0, -1.0];
const XS: [f64; 16] = [
    1.0, 1.0, 1.5, 2.0, 2.0, 1.0, 8.0, 8.0, 9.0, 8.5, 8.5, 9.5, 1.0, 9.0, 50.0, 50.0,
];

fn eight(f: &str) -> Args {
    Args::new(f)
        .size("n", 8)
        .fill("x", |t| XS.get(t).copied().unwrap_or(0.0))
        .fill("labels", |t| LABELS.get(t).copied().unwrap_or(0.0))
}

#[test]
fn workspace_queries_grow_linearly_and_cap_n_clusters() {
    let sil = |n: usize, k: usize| {
        let mut b = 0usize;
        // SAFETY: `b` is a live size_t.
        let s = unsafe { nanoclust_silhouette_workspace_size(n, k, &mut b) };
        (s, b)
    };
    let (small, large) = (sil(1000, 10).1, sil(2000, 10).1);
    assert!(
        large - small <= 1000 * 20 + 32,
        "O(n + k), never n x n: {small} {large}"
    );
    assert_eq!(sil(8, 1 << 31).0, NANOCLUST_OK, "2^31 ids is the limit");
    assert_eq!(sil(8, TOO_MANY).0, PARAM);
    let mut b = 0usize;
    // SAFETY: `b` is a live size_t.
    unsafe {
        assert_eq!(
            nanoclust_cluster_stats_workspace_size(2, TOO_MANY, &mut b),
            PARAM
        );
        assert_eq!(
            nanoclust_cluster_stats_workspace_size(usize::MAX / 2, 1 << 31, &mut b),
            NANOCLUST_ERR_SIZE_OVERFLOW
        );
        assert_eq!(
            nanoclust_contingency_workspace_size(8, &mut b),
            NANOCLUST_OK
        );
        assert!(b >= 3 * 8 * 8);
        // On 32-bit targets the contingency size may overflow before the shape check.
        let s = nanoclust_contingency_workspace_size(i32::MAX as usize, &mut b);
        assert!(s == NANOCLUST_OK || s == NANOCLUST_ERR_SIZE_OVERFLOW);
    }
}

#[test]
fn inertia_rejects_labels_out_of_range() {
    for f in both("nanoclust_inertia") {
        let mut ok = Args::new(&f);
        assert_eq!(ok.run(), NANOCLUST_OK);
        assert!(ok.get("out", 0) > 0.0);
        assert_eq!(
            Args::new(&f).set("labels", 4, 3.0).status(),
            PARAM,
            "{f}: label >= k"
        );
        let mut noise = Args::new(&f).set("labels", 4, -1.0);
        assert_eq!(
            noise.run(),
            NANOCLUST_OK,
            "{f}: a negative label is left out"
        );
        assert!(noise.get("out", 0) < ok.get("out", 0));
    }
}

#[test]
fn silhouette_scores_noise_and_singletons_0_in_every_metric() {
    for s in ["f32", "f64"] {
        for metric in 0..4u32 {
            let mut score = eight(&format!("nanoclust_silhouette_score_{s}")).u32("metric", metric);
            assert_eq!(score.run(), NANOCLUST_OK);
            assert!((-1.0..=1.0).contains(&score.get("out", 0)));
            let mut samples =
                eight(&format!("nanoclust_silhouette_samples_{s}")).u32("metric", metric);
            assert_eq!(samples.run(), NANOCLUST_OK);
            assert_eq!(
                samples.get("out", 7),
                0.0,
                "{s} metric {metric}: noise scores 0"
            );
            assert_eq!(
                samples.get("out", 6),
                0.0,
                "{s} metric {metric}: a singleton scores 0"
            );
        }
    }
}

#[test]
fn internal_metrics_reject_bad_labelings() {
    for base in [
        "nanoclust_silhouette_score",
        "nanoclust_silhouette_samples",
        "nanoclust_calinski_harabasz",
        "nanoclust_davies_bouldin",
    ] {
        for f in both(base) {
            assert_eq!(
                eight(&f).size("n_clusters", TOO_MANY).status(),
                PARAM,
                "{f}: n_clusters > 2^31"
            );
            assert_eq!(
                eight(&f).size("n_clusters", 2).status(),
                PARAM,
                "{f}: a label >= n_clusters"
            );
            let one_cluster = eight(&f).fill("labels", |_| 0.0);
            assert_eq!(
                one_cluster.status(),
                PARAM,
                "{f}: fewer than 2 non-empty clusters"
            );
        }
    }
    for f in both("nanoclust_silhouette_score") {
        let zero_row = eight(&f)
            .u32("metric", NANOCLUST_METRIC_COSINE)
            .set("x", 0, 0.0)
            .set("x", 1, 0.0);
        assert_eq!(zero_row.status(), PARAM, "{f}: cosine with a zero row");
    }
}

#[test]
fn unused_cluster_ids_change_nothing() {
    for base in [
        "nanoclust_silhouette_score",
        "nanoclust_calinski_harabasz",
        "nanoclust_davies_bouldin",
    ] {
        for f in both(base) {
            let score = |k: usize| {
                let mut a = eight(&f).size("n_clusters", k).requery();
                assert_eq!(a.run(), NANOCLUST_OK, "{f} n_clusters {k}");
                a.get("out", 0)
            };
            // Many unused ids: the work stays O(n^2 d + n K + ids).
            let many = if cfg!(miri) { 64 } else { 100_000 };
            assert_eq!(score(3), score(13), "{f}");
            assert_eq!(score(3), score(many), "{f}");
        }
    }
}

#[test]
fn f64_data_whose_dispersion_overflows_is_numerical() {
    for f in [
        "nanoclust_calinski_harabasz_f64",
        "nanoclust_davies_bouldin_f64",
    ] {
        let a = eight(f).set("x", 0, f64::MAX).set("x", 2, -f64::MAX);
        assert_eq!(a.status(), NANOCLUST_ERR_NUMERICAL, "{f}");
    }
}

#[test]
fn labelings_compare_with_any_int32_values() {
    let a = [
        0.0,
        0.0,
        1.0,
        1.0,
        2.0,
        f64::from(i32::MIN),
        f64::from(i32::MAX),
        -1.0,
    ];
    let b = [5.0, 5.0, 5.0, 7.0, 7.0, 7.0, -9.0, -9.0];
    for f in [
        "nanoclust_adjusted_rand_index",
        "nanoclust_normalized_mutual_info",
    ] {
        let pair = |x: [f64; 8], y: [f64; 8]| {
            let mut c = Args::new(f)
                .size("n", 8)
                .fill("a", |t| x.get(t).copied().unwrap_or(0.0))
                .fill("b", |t| y.get(t).copied().unwrap_or(0.0));
            assert_eq!(c.run(), NANOCLUST_OK);
            c.get("out", 0)
        };
        assert!((-1.0..=1.0).contains(&pair(a, b)), "{f}");
        assert_eq!(pair(a, a), 1.0, "{f}: identical labelings");
    }
}

/// Calls a scaler transform with raw pointers (`out` may alias `x`).
///
/// # Safety
/// As the export: `x` and `out` valid for `n * 2` values, `mean`/`scale` for 2.
unsafe fn transform(
    inverse: bool,
    x: *const f64,
    n: usize,
    mean: &[f64; 2],
    scale: &[f64; 2],
    out: *mut f64,
) -> i32 {
    // SAFETY: the caller's contract is the export's.
    unsafe {
        if inverse {
            nanoclust_standard_scaler_inverse_transform_f64(
                x,
                n,
                2,
                mean.as_ptr(),
                scale.as_ptr(),
                out,
            )
        } else {
            nanoclust_standard_scaler_transform_f64(x, n, 2, mean.as_ptr(), scale.as_ptr(), out)
        }
    }
}

#[test]
fn scaler_works_in_place_and_rejects_partial_overlap() {
    let x = XS.to_vec();
    let (mean, scale) = ([3.0, 4.0], [2.0, 0.5]);
    let mut out = vec![0.0; 16];
    let mut buf = x.clone();
    let p = buf.as_mut_ptr();
    // SAFETY: every pointer refers to a live local buffer of 8 x 2 values
    // (or, for the overlap, to a 9 x 2 buffer containing both ranges).
    unsafe {
        assert_eq!(
            transform(false, x.as_ptr(), 8, &mean, &scale, out.as_mut_ptr()),
            NANOCLUST_OK
        );
        assert_eq!(
            transform(false, p, 8, &mean, &scale, p),
            NANOCLUST_OK,
            "out == x"
        );
        assert_eq!(buf, out);
        assert_eq!(transform(true, p, 8, &mean, &scale, p), NANOCLUST_OK);
        assert!(buf
            .iter()
            .zip(&x)
            .all(|(a, b)| (a - b).abs() <= 1e-12 * b.abs().max(1.0)));
        // out starts one row after x inside the same buffer.
        let mut big = vec![1.0; 18];
        let (bp, shifted) = (big.as_mut_ptr(), big.as_mut_ptr().wrapping_add(2));
        assert_eq!(transform(false, bp, 8, &mean, &scale, shifted), PARAM);
        assert_eq!(transform(true, shifted, 8, &mean, &scale, bp), PARAM);
        assert!(big.iter().all(|&v| v == 1.0));
        // In-place failures leave x untouched, NaN, Inf and overflow alike.
        for inverse in [false, true] {
            let mut bad = x.clone();
            bad[15] = f64::INFINITY;
            let before: Vec<u64> = bad.iter().map(|v| v.to_bits()).collect();
            let bp = bad.as_mut_ptr();
            assert_eq!(
                transform(inverse, bp, 8, &mean, &scale, bp),
                NANOCLUST_ERR_NON_FINITE
            );
            assert_eq!(bad.iter().map(|v| v.to_bits()).collect::<Vec<_>>(), before);
        }
        let mut huge = x.clone();
        huge[0] = f64::MAX;
        let hp = huge.as_mut_ptr();
        let s = transform(false, hp, 8, &[0.0; 2], &[f64::MIN_POSITIVE; 2], hp);
        assert_eq!(s, NANOCLUST_ERR_NUMERICAL);
        assert_eq!(
            transform(true, hp, 8, &[0.0; 2], &[2.0; 2], hp),
            NANOCLUST_ERR_NUMERICAL
        );
        assert_eq!((huge[0], huge[1]), (f64::MAX, 1.0));
    }
}

#[test]
fn scaler_rejects_non_positive_scales_and_fits_finite_values() {
    for base in [
        "nanoclust_standard_scaler_transform",
        "nanoclust_standard_scaler_inverse_transform",
    ] {
        for f in both(base) {
            for bad in [0.0, -1.0] {
                assert_eq!(
                    Args::new(&f).set("scale", 1, bad).status(),
                    PARAM,
                    "{f}: scale {bad}"
                );
            }
        }
    }
    for f in both("nanoclust_standard_scaler_fit") {
        let mut a = Args::new(&f);
        assert_eq!(a.run(), NANOCLUST_OK);
        assert!(a
            .all("mean")
            .iter()
            .chain(&a.all("scale"))
            .all(|v| v.is_finite()));
        assert!(a.all("scale").iter().all(|&s| s > 0.0));
    }
}
