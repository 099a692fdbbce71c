//! ABI edge cases of every metrics and scaler entry point, called through the
//! `extern "C"` functions: NULL for every pointer, zero and overflowing sizes,
//! NaN/Inf in data, out-of-range metric and n_clusters, labels out of range,
//! short workspaces, aliasing of in-place outputs; and on every failure the
//! outputs keep their sentinel values.

use core::ffi::c_void;
use core::ptr::{null, null_mut};
use nanoclust::ffi::*;

const NULLP: i32 = NANOCLUST_ERR_NULL_POINTER;
const SHAPE: i32 = NANOCLUST_ERR_INVALID_SHAPE;
const PARAM: i32 = NANOCLUST_ERR_INVALID_PARAMETER;
const NONFIN: i32 = NANOCLUST_ERR_NON_FINITE;
const SHORT: i32 = NANOCLUST_ERR_WORKSPACE_TOO_SMALL;
const OVERFLOW: i32 = NANOCLUST_ERR_SIZE_OVERFLOW;
const NUMERICAL: i32 = NANOCLUST_ERR_NUMERICAL;
const HUGE: usize = usize::MAX / 2;
const SENTINEL: f64 = -12345.0;
/// One more than the largest valid n_clusters (labels are int32_t: 2^31 ids).
const TOO_MANY: usize = i32::MAX as usize + 2;

const N: usize = 8;
const D: usize = 2;
const K: usize = 3;
const LABELS: [i32; N] = [0, 0, 0, 1, 1, 1, 2, -1];
const XS: [f64; N * D] = [
    1.0, 1.0, 1.5, 2.0, 2.0, 1.0, 8.0, 8.0, 9.0, 8.5, 8.5, 9.5, 1.0, 9.0, 50.0, 50.0,
];

fn ws(bytes: usize) -> Vec<u8> {
    vec![0u8; bytes]
}

fn sil_bytes(n: usize, k: usize) -> usize {
    let mut b = 0usize;
    assert_eq!(
        nanoclust_silhouette_workspace_size(n, k, &mut b),
        NANOCLUST_OK
    );
    b
}

fn stats_bytes(d: usize, k: usize) -> usize {
    let mut b = 0usize;
    assert_eq!(
        nanoclust_cluster_stats_workspace_size(d, k, &mut b),
        NANOCLUST_OK
    );
    b
}

fn cont_bytes(n: usize) -> usize {
    let mut b = 0usize;
    assert_eq!(
        nanoclust_contingency_workspace_size(n, &mut b),
        NANOCLUST_OK
    );
    b
}

#[test]
fn workspace_queries_validate_and_never_wrap() {
    let mut b = 777usize;
    assert_eq!(nanoclust_silhouette_workspace_size(N, K, null_mut()), NULLP);
    assert_eq!(nanoclust_silhouette_workspace_size(0, 1, &mut b), SHAPE);
    assert_eq!(nanoclust_silhouette_workspace_size(N, 0, &mut b), PARAM);
    assert_eq!(
        nanoclust_silhouette_workspace_size(N, TOO_MANY, &mut b),
        PARAM
    );
    assert_eq!(nanoclust_silhouette_workspace_size(HUGE, 2, &mut b), SHAPE);
    assert_eq!(
        nanoclust_cluster_stats_workspace_size(D, K, null_mut()),
        NULLP
    );
    assert_eq!(nanoclust_cluster_stats_workspace_size(0, K, &mut b), SHAPE);
    assert_eq!(nanoclust_cluster_stats_workspace_size(D, 0, &mut b), PARAM);
    assert_eq!(
        nanoclust_cluster_stats_workspace_size(D, TOO_MANY, &mut b),
        PARAM
    );
    assert_eq!(
        nanoclust_cluster_stats_workspace_size(HUGE, 4, &mut b),
        OVERFLOW
    );
    assert_eq!(
        nanoclust_cluster_stats_workspace_size(usize::MAX, usize::MAX, &mut b),
        PARAM
    );
    assert_eq!(
        nanoclust_cluster_stats_workspace_size(usize::MAX / 2, 1 << 31, &mut b),
        OVERFLOW
    );
    assert_eq!(nanoclust_contingency_workspace_size(N, null_mut()), NULLP);
    // Two empty labelings are valid (scikit-learn scores them 1.0) and need no workspace.
    let mut b0 = 777usize;
    assert_eq!(
        nanoclust_contingency_workspace_size(0, &mut b0),
        NANOCLUST_OK
    );
    assert_eq!(b0, 0);
    assert_eq!(nanoclust_contingency_workspace_size(HUGE, &mut b), SHAPE);
    assert_eq!(b, 777, "failed queries leave bytes_out untouched");
    // Sizes grow linearly: O(n + k), never n x n.
    let small = sil_bytes(1000, 10);
    let large = sil_bytes(2000, 10);
    assert!(large - small <= 1000 * 20 + 32, "{small} {large}");
    assert!(stats_bytes(D, K) > 0 && cont_bytes(N) >= 3 * 8 * N);
    // On 32-bit targets the contingency size may overflow before the shape check.
    let mut b2 = 0usize;
    let s = nanoclust_contingency_workspace_size(i32::MAX as usize, &mut b2);
    assert!(s == NANOCLUST_OK || s == OVERFLOW);
}

/// Generates the data-typed tests for one element type.
macro_rules! typed_tests {
    ($modname:ident, $t:ty, $fit:ident, $tr:ident, $inv:ident, $inertia:ident, $sil:ident,
     $sils:ident, $ch:ident, $db:ident) => {
        mod $modname {
            use super::*;
            type T = $t;

            fn x() -> Vec<T> {
                XS.iter().map(|&v| v as T).collect()
            }
            const S: T = SENTINEL as T;

            #[test]
            fn scaler_fit_validates_and_leaves_outputs_untouched() {
                let x = x();
                let (mut mean, mut scale) = ([S; D], [S; D]);
                assert_eq!(
                    $fit(x.as_ptr(), N, D, mean.as_mut_ptr(), scale.as_mut_ptr()),
                    NANOCLUST_OK
                );
                assert!(mean.iter().chain(&scale).all(|v| v.is_finite() && *v != S));
                let (mut m2, mut s2) = ([S; D], [S; D]);
                let (mp, sp) = (m2.as_mut_ptr(), s2.as_mut_ptr());
                assert_eq!($fit(null(), N, D, mp, sp), NULLP);
                assert_eq!($fit(x.as_ptr(), N, D, null_mut(), sp), NULLP);
                assert_eq!($fit(x.as_ptr(), N, D, mp, null_mut()), NULLP);
                assert_eq!($fit(x.as_ptr(), 0, D, mp, sp), SHAPE);
                assert_eq!($fit(x.as_ptr(), N, 0, mp, sp), SHAPE);
                assert_eq!($fit(x.as_ptr(), HUGE, D, mp, sp), SHAPE);
                assert_eq!($fit(x.as_ptr(), 2, HUGE, mp, sp), SHAPE);
                for bad in [T::NAN, T::INFINITY, T::NEG_INFINITY] {
                    let mut xb = x.clone();
                    xb[5] = bad;
                    assert_eq!($fit(xb.as_ptr(), N, D, mp, sp), NONFIN);
                }
                assert_eq!((m2, s2), ([S; D], [S; D]));
            }

            #[test]
            fn scaler_transforms_in_place_and_rejects_partial_overlap() {
                let x = x();
                let (mut mean, mut scale) = ([0.0 as T; D], [0.0 as T; D]);
                assert_eq!(
                    $fit(x.as_ptr(), N, D, mean.as_mut_ptr(), scale.as_mut_ptr()),
                    NANOCLUST_OK
                );
                let mut out = vec![S; N * D];
                assert_eq!(
                    $tr(
                        x.as_ptr(),
                        N,
                        D,
                        mean.as_ptr(),
                        scale.as_ptr(),
                        out.as_mut_ptr()
                    ),
                    NANOCLUST_OK
                );
                // In place (out == x) gives the same result; inverse restores x.
                let mut buf = x.clone();
                let p = buf.as_mut_ptr();
                assert_eq!($tr(p, N, D, mean.as_ptr(), scale.as_ptr(), p), NANOCLUST_OK);
                assert_eq!(buf, out);
                assert_eq!(
                    $inv(p, N, D, mean.as_ptr(), scale.as_ptr(), p),
                    NANOCLUST_OK
                );
                for (a, b) in buf.iter().zip(&x) {
                    assert!((a - b).abs() <= 1e-4 * (1.0 as T).max(b.abs()));
                }
                // Partial overlap: out starts one row after x inside the same buffer.
                let mut big = vec![1.0 as T; (N + 1) * D];
                let bp = big.as_mut_ptr();
                let shifted = bp.wrapping_add(D);
                assert_eq!($tr(bp, N, D, mean.as_ptr(), scale.as_ptr(), shifted), PARAM);
                assert_eq!(
                    $inv(shifted, N, D, mean.as_ptr(), scale.as_ptr(), bp),
                    PARAM
                );
                assert!(big.iter().all(|&v| v == 1.0));
                for f in [$tr, $inv] {
                    let mut o = vec![S; N * D];
                    let op = o.as_mut_ptr();
                    assert_eq!(f(null(), N, D, mean.as_ptr(), scale.as_ptr(), op), NULLP);
                    assert_eq!(f(x.as_ptr(), N, D, null(), scale.as_ptr(), op), NULLP);
                    assert_eq!(f(x.as_ptr(), N, D, mean.as_ptr(), null(), op), NULLP);
                    assert_eq!(
                        f(x.as_ptr(), N, D, mean.as_ptr(), scale.as_ptr(), null_mut()),
                        NULLP
                    );
                    assert_eq!(
                        f(x.as_ptr(), 0, D, mean.as_ptr(), scale.as_ptr(), op),
                        SHAPE
                    );
                    assert_eq!(
                        f(x.as_ptr(), N, 0, mean.as_ptr(), scale.as_ptr(), op),
                        SHAPE
                    );
                    assert_eq!(
                        f(x.as_ptr(), HUGE, D, mean.as_ptr(), scale.as_ptr(), op),
                        SHAPE
                    );
                    let mut xb = x.clone();
                    xb[3] = T::NAN;
                    assert_eq!(
                        f(xb.as_ptr(), N, D, mean.as_ptr(), scale.as_ptr(), op),
                        NONFIN
                    );
                    let nan_mean = [T::NAN, 0.0];
                    assert_eq!(
                        f(x.as_ptr(), N, D, nan_mean.as_ptr(), scale.as_ptr(), op),
                        NONFIN
                    );
                    let inf_scale = [1.0, T::INFINITY];
                    assert_eq!(
                        f(x.as_ptr(), N, D, mean.as_ptr(), inf_scale.as_ptr(), op),
                        NONFIN
                    );
                    for bad in [0.0 as T, -1.0] {
                        let bad_scale = [1.0, bad];
                        assert_eq!(
                            f(x.as_ptr(), N, D, mean.as_ptr(), bad_scale.as_ptr(), op),
                            PARAM
                        );
                    }
                    assert!(o.iter().all(|&v| v == S));
                    // In-place failures leave x untouched too.
                    let mut xb = x.clone();
                    xb[N * D - 1] = T::INFINITY;
                    let before = xb.clone();
                    let xp = xb.as_mut_ptr();
                    assert_eq!(f(xp, N, D, mean.as_ptr(), scale.as_ptr(), xp), NONFIN);
                    assert_eq!(
                        xb.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                        before.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
                    );
                }
                // Overflow of a finite computation is NUMERICAL, in place too.
                let tiny = [T::MIN_POSITIVE, T::MIN_POSITIVE];
                let zero = [0.0 as T; D];
                let mut xb = x.clone();
                xb[0] = T::MAX;
                let xp = xb.as_mut_ptr();
                assert_eq!($tr(xp, N, D, zero.as_ptr(), tiny.as_ptr(), xp), NUMERICAL);
                assert_eq!(xb[0], T::MAX);
                let two = [2.0 as T; D];
                assert_eq!($inv(xp, N, D, zero.as_ptr(), two.as_ptr(), xp), NUMERICAL);
                assert_eq!(xb[1], 1.0);
            }

            #[test]
            fn inertia_validates_everything() {
                let x = x();
                let centers: Vec<T> = [1.5, 1.33, 8.5, 8.67, 1.0, 9.0]
                    .iter()
                    .map(|&v| v as T)
                    .collect();
                let mut out = SENTINEL;
                let l = LABELS.as_ptr();
                assert_eq!(
                    $inertia(x.as_ptr(), N, D, centers.as_ptr(), K, l, &mut out),
                    NANOCLUST_OK
                );
                assert!(out.is_finite() && out > 0.0);
                let mut o = SENTINEL;
                let c = centers.as_ptr();
                assert_eq!($inertia(null(), N, D, c, K, l, &mut o), NULLP);
                assert_eq!($inertia(x.as_ptr(), N, D, null(), K, l, &mut o), NULLP);
                assert_eq!($inertia(x.as_ptr(), N, D, c, K, null(), &mut o), NULLP);
                assert_eq!($inertia(x.as_ptr(), N, D, c, K, l, null_mut()), NULLP);
                assert_eq!($inertia(x.as_ptr(), 0, D, c, K, l, &mut o), SHAPE);
                assert_eq!($inertia(x.as_ptr(), N, 0, c, K, l, &mut o), SHAPE);
                assert_eq!($inertia(x.as_ptr(), HUGE, D, c, K, l, &mut o), SHAPE);
                assert_eq!($inertia(x.as_ptr(), N, D, c, HUGE, l, &mut o), SHAPE);
                assert_eq!($inertia(x.as_ptr(), N, D, c, 0, l, &mut o), PARAM);
                assert_eq!(
                    $inertia(x.as_ptr(), N, D, c, 2, l, &mut o),
                    PARAM,
                    "label 2 >= k"
                );
                let mut xb = x.clone();
                xb[0] = T::NAN;
                assert_eq!($inertia(xb.as_ptr(), N, D, c, K, l, &mut o), NONFIN);
                let mut cb = centers.clone();
                cb[5] = T::INFINITY;
                assert_eq!(
                    $inertia(x.as_ptr(), N, D, cb.as_ptr(), K, l, &mut o),
                    NONFIN
                );
                let mut xb = x.clone();
                xb[0] = T::MAX;
                xb[1] = -T::MAX;
                cb = centers.clone();
                cb[0] = -T::MAX;
                assert_eq!(
                    $inertia(xb.as_ptr(), N, D, cb.as_ptr(), K, l, &mut o),
                    NUMERICAL
                );
                assert_eq!(o, SENTINEL);
            }

            #[test]
            fn silhouette_validates_everything() {
                let x = x();
                let bytes = sil_bytes(N, K);
                let mut w = ws(bytes);
                let wp = w.as_mut_ptr() as *mut c_void;
                let l = LABELS.as_ptr();
                let mut score = SENTINEL;
                let mut samples = vec![S; N];
                for metric in 0..4u32 {
                    assert_eq!(
                        $sil(x.as_ptr(), N, D, l, K, metric, wp, bytes, &mut score),
                        NANOCLUST_OK
                    );
                    assert!((-1.0..=1.0).contains(&score));
                    assert_eq!(
                        $sils(
                            x.as_ptr(),
                            N,
                            D,
                            l,
                            K,
                            metric,
                            wp,
                            bytes,
                            samples.as_mut_ptr()
                        ),
                        NANOCLUST_OK
                    );
                    assert_eq!(samples[N - 1], 0.0, "noise sample scores 0");
                    assert_eq!(samples[N - 2], 0.0, "singleton scores 0");
                }
                // Every failure leaves both outputs untouched.
                let mut o = SENTINEL;
                let mut os = vec![S; N];
                let op = os.as_mut_ptr();
                let xp = x.as_ptr();
                let m = NANOCLUST_METRIC_EUCLIDEAN;
                let cases: Vec<(&str, i32, i32, i32)> = vec![
                    (
                        "x null",
                        $sil(null(), N, D, l, K, m, wp, bytes, &mut o),
                        $sils(null(), N, D, l, K, m, wp, bytes, op),
                        NULLP,
                    ),
                    (
                        "labels null",
                        $sil(xp, N, D, null(), K, m, wp, bytes, &mut o),
                        $sils(xp, N, D, null(), K, m, wp, bytes, op),
                        NULLP,
                    ),
                    (
                        "ws null",
                        $sil(xp, N, D, l, K, m, null_mut(), bytes, &mut o),
                        $sils(xp, N, D, l, K, m, null_mut(), bytes, op),
                        NULLP,
                    ),
                    (
                        "out null",
                        $sil(xp, N, D, l, K, m, wp, bytes, null_mut()),
                        $sils(xp, N, D, l, K, m, wp, bytes, null_mut()),
                        NULLP,
                    ),
                    (
                        "n 0",
                        $sil(xp, 0, D, l, K, m, wp, bytes, &mut o),
                        $sils(xp, 0, D, l, K, m, wp, bytes, op),
                        SHAPE,
                    ),
                    (
                        "d 0",
                        $sil(xp, N, 0, l, K, m, wp, bytes, &mut o),
                        $sils(xp, N, 0, l, K, m, wp, bytes, op),
                        SHAPE,
                    ),
                    (
                        "n huge",
                        $sil(xp, HUGE, D, l, K, m, wp, bytes, &mut o),
                        $sils(xp, HUGE, D, l, K, m, wp, bytes, op),
                        SHAPE,
                    ),
                    (
                        "metric 4",
                        $sil(xp, N, D, l, K, 4, wp, bytes, &mut o),
                        $sils(xp, N, D, l, K, 4, wp, bytes, op),
                        PARAM,
                    ),
                    (
                        "metric max",
                        $sil(xp, N, D, l, K, u32::MAX, wp, bytes, &mut o),
                        $sils(xp, N, D, l, K, u32::MAX, wp, bytes, op),
                        PARAM,
                    ),
                    (
                        "k 0",
                        $sil(xp, N, D, l, 0, m, wp, bytes, &mut o),
                        $sils(xp, N, D, l, 0, m, wp, bytes, op),
                        PARAM,
                    ),
                    (
                        "k > 2^31",
                        $sil(xp, N, D, l, TOO_MANY, m, wp, bytes, &mut o),
                        $sils(xp, N, D, l, TOO_MANY, m, wp, bytes, op),
                        PARAM,
                    ),
                    (
                        "k huge",
                        $sil(xp, N, D, l, HUGE, m, wp, bytes, &mut o),
                        $sils(xp, N, D, l, HUGE, m, wp, bytes, op),
                        PARAM,
                    ),
                    (
                        "label >= k",
                        $sil(xp, N, D, l, 2, m, wp, bytes, &mut o),
                        $sils(xp, N, D, l, 2, m, wp, bytes, op),
                        PARAM,
                    ),
                    (
                        "short ws",
                        $sil(xp, N, D, l, K, m, wp, bytes - 1, &mut o),
                        $sils(xp, N, D, l, K, m, wp, bytes - 1, op),
                        SHORT,
                    ),
                ];
                for (what, a, b, want) in cases {
                    assert_eq!((a, b), (want, want), "{what}");
                }
                let one_cluster = [0i32; N];
                assert_eq!(
                    $sil(xp, N, D, one_cluster.as_ptr(), K, m, wp, bytes, &mut o),
                    PARAM
                );
                let all_singletons: Vec<i32> = (0..N as i32).collect();
                let mut wn = ws(sil_bytes(N, N));
                assert_eq!(
                    $sils(
                        xp,
                        N,
                        D,
                        all_singletons.as_ptr(),
                        N,
                        m,
                        wn.as_mut_ptr().cast(),
                        wn.len(),
                        op
                    ),
                    PARAM
                );
                for bad in [T::NAN, T::INFINITY] {
                    let mut xb = x.clone();
                    xb[2] = bad;
                    assert_eq!($sil(xb.as_ptr(), N, D, l, K, m, wp, bytes, &mut o), NONFIN);
                    assert_eq!($sils(xb.as_ptr(), N, D, l, K, m, wp, bytes, op), NONFIN);
                }
                let mut xz = x.clone();
                xz[0] = 0.0;
                xz[1] = 0.0;
                assert_eq!(
                    $sil(
                        xz.as_ptr(),
                        N,
                        D,
                        l,
                        K,
                        NANOCLUST_METRIC_COSINE,
                        wp,
                        bytes,
                        &mut o
                    ),
                    PARAM
                );
                let mut xb = x.clone();
                xb[0] = T::MAX;
                xb[6] = -T::MAX;
                assert_eq!(
                    $sil(xb.as_ptr(), N, D, l, K, m, wp, bytes, &mut o),
                    NUMERICAL
                );
                assert_eq!($sils(xb.as_ptr(), N, D, l, K, m, wp, bytes, op), NUMERICAL);
                assert_eq!(o, SENTINEL);
                assert!(os.iter().all(|&v| v == S));
            }

            #[test]
            fn cluster_stats_validate_everything() {
                let x = x();
                let bytes = stats_bytes(D, K);
                let mut w = ws(bytes);
                let wp = w.as_mut_ptr() as *mut c_void;
                let l = LABELS.as_ptr();
                let xp = x.as_ptr();
                for f in [$ch, $db] {
                    let mut out = SENTINEL;
                    assert_eq!(f(xp, N, D, l, K, wp, bytes, &mut out), NANOCLUST_OK);
                    assert!(out.is_finite() && out >= 0.0);
                    let mut o = SENTINEL;
                    assert_eq!(f(null(), N, D, l, K, wp, bytes, &mut o), NULLP);
                    assert_eq!(f(xp, N, D, null(), K, wp, bytes, &mut o), NULLP);
                    assert_eq!(f(xp, N, D, l, K, null_mut(), bytes, &mut o), NULLP);
                    assert_eq!(f(xp, N, D, l, K, wp, bytes, null_mut()), NULLP);
                    assert_eq!(f(xp, 0, D, l, K, wp, bytes, &mut o), SHAPE);
                    assert_eq!(f(xp, N, 0, l, K, wp, bytes, &mut o), SHAPE);
                    assert_eq!(f(xp, HUGE, D, l, K, wp, bytes, &mut o), SHAPE);
                    assert_eq!(f(xp, N, D, l, 0, wp, bytes, &mut o), PARAM);
                    assert_eq!(f(xp, N, D, l, TOO_MANY, wp, bytes, &mut o), PARAM);
                    assert_eq!(f(xp, N, D, l, HUGE, wp, bytes, &mut o), PARAM);
                    assert_eq!(f(xp, N, D, l, 2, wp, bytes, &mut o), PARAM, "label 2 >= 2");
                    assert_eq!(
                        f(xp, N, D, [0i32; N].as_ptr(), K, wp, bytes, &mut o),
                        PARAM,
                        "one cluster"
                    );
                    assert_eq!(f(xp, N, D, l, K, wp, bytes - 1, &mut o), SHORT);
                    assert_eq!(f(xp, N, D, l, K, null_mut(), 0, &mut o), SHORT);
                    let mut xb = x.clone();
                    xb[1] = T::NEG_INFINITY;
                    assert_eq!(f(xb.as_ptr(), N, D, l, K, wp, bytes, &mut o), NONFIN);
                    let mut xb = x.clone();
                    xb[0] = T::MAX;
                    xb[2] = T::MAX;
                    xb[4] = T::MAX;
                    let s = f(xb.as_ptr(), N, D, l, K, wp, bytes, &mut o);
                    // f32 data is summed in f64 (no overflow); f64 data overflows.
                    assert!(s == NANOCLUST_OK || s == NUMERICAL, "{s}");
                    if s == NANOCLUST_OK {
                        assert!(o.is_finite());
                        o = SENTINEL;
                    }
                    assert_eq!(o, SENTINEL);
                }
            }
        }
    };
}

typed_tests!(
    f32_abi,
    f32,
    nanoclust_standard_scaler_fit_f32,
    nanoclust_standard_scaler_transform_f32,
    nanoclust_standard_scaler_inverse_transform_f32,
    nanoclust_inertia_f32,
    nanoclust_silhouette_score_f32,
    nanoclust_silhouette_samples_f32,
    nanoclust_calinski_harabasz_f32,
    nanoclust_davies_bouldin_f32
);
typed_tests!(
    f64_abi,
    f64,
    nanoclust_standard_scaler_fit_f64,
    nanoclust_standard_scaler_transform_f64,
    nanoclust_standard_scaler_inverse_transform_f64,
    nanoclust_inertia_f64,
    nanoclust_silhouette_score_f64,
    nanoclust_silhouette_samples_f64,
    nanoclust_calinski_harabasz_f64,
    nanoclust_davies_bouldin_f64
);

#[test]
fn ari_and_nmi_validate_everything() {
    let a = [0i32, 0, 1, 1, 2, i32::MIN, i32::MAX, -1];
    let b = [5i32, 5, 5, 7, 7, 7, -9, -9];
    let bytes = cont_bytes(N);
    let mut w = ws(bytes);
    let wp = w.as_mut_ptr() as *mut c_void;
    for f in [
        nanoclust_adjusted_rand_index,
        nanoclust_normalized_mutual_info,
    ] {
        let mut out = SENTINEL;
        assert_eq!(
            f(a.as_ptr(), b.as_ptr(), N, wp, bytes, &mut out),
            NANOCLUST_OK
        );
        assert!(out.is_finite() && (-1.0..=1.0).contains(&out));
        let mut same = SENTINEL;
        assert_eq!(
            f(a.as_ptr(), a.as_ptr(), N, wp, bytes, &mut same),
            NANOCLUST_OK
        );
        assert_eq!(same, 1.0);
        let mut o = SENTINEL;
        assert_eq!(f(null(), b.as_ptr(), N, wp, bytes, &mut o), NULLP);
        assert_eq!(f(a.as_ptr(), null(), N, wp, bytes, &mut o), NULLP);
        assert_eq!(
            f(a.as_ptr(), b.as_ptr(), N, null_mut(), bytes, &mut o),
            NULLP
        );
        assert_eq!(f(a.as_ptr(), b.as_ptr(), N, wp, bytes, null_mut()), NULLP);
        let mut empty = SENTINEL;
        assert_eq!(
            f(a.as_ptr(), b.as_ptr(), 0, null_mut(), 0, &mut empty),
            NANOCLUST_OK
        );
        assert_eq!(empty, 1.0);
        assert_eq!(f(a.as_ptr(), b.as_ptr(), HUGE, wp, bytes, &mut o), SHAPE);
        assert_eq!(f(a.as_ptr(), b.as_ptr(), N, wp, bytes - 1, &mut o), SHORT);
        assert_eq!(f(a.as_ptr(), b.as_ptr(), N, null_mut(), 0, &mut o), SHORT);
        assert_eq!(o, SENTINEL);
    }
}

#[test]
fn n_clusters_beyond_n_ignores_unused_ids() {
    let x: Vec<f64> = XS.to_vec();
    let big = N + 5;
    let (mut a, mut b) = (SENTINEL, SENTINEL);
    let mut w = ws(sil_bytes(N, big));
    let wp = w.as_mut_ptr() as *mut c_void;
    assert_eq!(
        nanoclust_silhouette_score_f64(
            x.as_ptr(),
            N,
            D,
            LABELS.as_ptr(),
            K,
            0,
            wp,
            w.len(),
            &mut a
        ),
        NANOCLUST_OK
    );
    assert_eq!(
        nanoclust_silhouette_score_f64(
            x.as_ptr(),
            N,
            D,
            LABELS.as_ptr(),
            big,
            0,
            wp,
            w.len(),
            &mut b
        ),
        NANOCLUST_OK
    );
    assert_eq!(a, b);
    let mut w = ws(stats_bytes(D, big));
    let wp = w.as_mut_ptr() as *mut c_void;
    let (mut c, mut e) = (SENTINEL, SENTINEL);
    assert_eq!(
        nanoclust_calinski_harabasz_f64(x.as_ptr(), N, D, LABELS.as_ptr(), K, wp, w.len(), &mut c),
        NANOCLUST_OK
    );
    assert_eq!(
        nanoclust_calinski_harabasz_f64(
            x.as_ptr(),
            N,
            D,
            LABELS.as_ptr(),
            big,
            wp,
            w.len(),
            &mut e
        ),
        NANOCLUST_OK
    );
    assert_eq!(c, e);
    // Many unused ids: the result is the same and the work stays O(n^2 d + n K + ids).
    // (Miri is ~1000x slower: a smaller count there.)
    let many = if cfg!(miri) { 64 } else { 100_000usize };
    let (mut f, mut g) = (SENTINEL, SENTINEL);
    let mut w = ws(stats_bytes(D, many));
    let wp = w.as_mut_ptr() as *mut c_void;
    assert_eq!(
        nanoclust_davies_bouldin_f64(x.as_ptr(), N, D, LABELS.as_ptr(), K, wp, w.len(), &mut f),
        NANOCLUST_OK
    );
    assert_eq!(
        nanoclust_davies_bouldin_f64(x.as_ptr(), N, D, LABELS.as_ptr(), many, wp, w.len(), &mut g),
        NANOCLUST_OK
    );
    assert_eq!(f, g);
    let mut w = ws(sil_bytes(N, many));
    let wp = w.as_mut_ptr() as *mut c_void;
    let mut h = SENTINEL;
    assert_eq!(
        nanoclust_silhouette_score_f64(
            x.as_ptr(),
            N,
            D,
            LABELS.as_ptr(),
            many,
            0,
            wp,
            w.len(),
            &mut h
        ),
        NANOCLUST_OK
    );
    assert_eq!(a, h);
}

#[test]
fn workspace_of_any_alignment_works() {
    let x: Vec<f64> = XS.to_vec();
    let bytes = sil_bytes(N, K);
    let mut backing = vec![0u8; bytes + 16];
    let mut first = None;
    for offset in 0..8 {
        let wp = backing[offset..].as_mut_ptr() as *mut c_void;
        let mut o = SENTINEL;
        assert_eq!(
            nanoclust_silhouette_score_f64(
                x.as_ptr(),
                N,
                D,
                LABELS.as_ptr(),
                K,
                0,
                wp,
                bytes,
                &mut o
            ),
            NANOCLUST_OK
        );
        assert_eq!(
            *first.get_or_insert(o),
            o,
            "bit-identical at offset {offset}"
        );
    }
}
