//! Standard-scaler partial statistics through the C entry points: any split
//! and merge order gives the same bytes (exact per row), the result agrees
//! with the one-call `nanoclust_standard_scaler_fit_*` (which matches
//! scikit-learn) to a few units in the last place, and the ABI edges are
//! statuses that leave the outputs untouched.

use nanoclust::ffi::*;
use nanoclust::rng::Rng;
use std::ptr::{null, null_mut};

fn size(d: usize) -> usize {
    let mut b = 0;
    assert_eq!(
        unsafe { nanoclust_standard_scaler_stats_size(d, &mut b) },
        NANOCLUST_OK
    );
    b
}

/// Folds `x` split at `cuts` (each range its own blob), merged in reverse order.
fn fold(x: &[f64], d: usize, w: Option<&[f64]>, cuts: &[usize]) -> Vec<u8> {
    let n = x.len() / d;
    let bytes = size(d);
    let mut blobs = Vec::new();
    let mut start = 0;
    for &end in cuts.iter().chain(std::iter::once(&n)) {
        let mut b = vec![0u8; bytes];
        unsafe {
            assert_eq!(
                nanoclust_standard_scaler_stats_init(b.as_mut_ptr().cast(), bytes, d),
                NANOCLUST_OK
            );
            let s = nanoclust_standard_scaler_accumulate_f64(
                x[start * d..].as_ptr(),
                end - start,
                d,
                w.map_or(null(), |w| w[start..].as_ptr()),
                b.as_mut_ptr().cast(),
                bytes,
            );
            assert_eq!(s, NANOCLUST_OK);
        }
        blobs.push(b);
        start = end;
    }
    let mut total = blobs.pop().unwrap();
    while let Some(b) = blobs.pop() {
        let s = unsafe {
            nanoclust_standard_scaler_stats_merge(
                total.as_mut_ptr().cast(),
                b.as_ptr().cast(),
                bytes,
            )
        };
        assert_eq!(s, NANOCLUST_OK);
    }
    total
}

#[test]
fn any_split_gives_the_same_bytes_and_the_fit_agrees() {
    let mut rng = Rng::new(11);
    let (n, d) = (500, 7);
    let x: Vec<f64> = (0..n * d)
        .map(|i| 1e6 * (i % d) as f64 + rng.next_f64())
        .collect();
    let w: Vec<f64> = (0..n).map(|_| rng.next_f64()).collect();
    for wo in [None, Some(&w[..])] {
        let one = fold(&x, d, wo, &[]);
        for cuts in [vec![1usize], vec![3, 77, 78, 499], vec![250]] {
            assert_eq!(one, fold(&x, d, wo, &cuts), "cuts {cuts:?}");
        }
    }
    let blob = fold(&x, d, None, &[100, 333]);
    let (mut m, mut s) = (vec![0.0; d], vec![0.0; d]);
    let (mut m0, mut s0) = (vec![0.0; d], vec![0.0; d]);
    unsafe {
        assert_eq!(
            nanoclust_standard_scaler_finish_f64(
                blob.as_ptr().cast(),
                blob.len(),
                m.as_mut_ptr(),
                s.as_mut_ptr()
            ),
            NANOCLUST_OK
        );
        assert_eq!(
            nanoclust_standard_scaler_fit_f64(x.as_ptr(), n, d, m0.as_mut_ptr(), s0.as_mut_ptr()),
            NANOCLUST_OK
        );
    }
    for j in 0..d {
        assert!(
            // The fit sums 500 values sequentially (n eps relative error).
            (m[j] - m0[j]).abs() <= 500.0 * f64::EPSILON * m0[j].abs().max(1.0),
            "mean {j}"
        );
        // A variance of ~1/12 under a mean of up to 6e6: the one-call fit's
        // two-pass estimate carries ~1e-9 relative error there.
        assert!(
            (s[j] - s0[j]).abs() <= 1e-8 * s0[j],
            "scale {j}: {} vs {}",
            s[j],
            s0[j]
        );
    }
}

#[test]
fn f32_data_matches_the_fit_and_abi_edges_are_statuses() {
    let (n, d) = (40usize, 3usize);
    let x: Vec<f32> = (0..n * d)
        .map(|i| ((i * 37) % 11) as f32 * 0.5 - 2.0)
        .collect();
    let bytes = size(d);
    let mut st = vec![0u8; bytes];
    let sp = st.as_mut_ptr().cast();
    let (mut m, mut s) = (vec![7f32; d], vec![7f32; d]);
    unsafe {
        assert_eq!(
            nanoclust_standard_scaler_stats_size(0, &mut 0),
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            nanoclust_standard_scaler_stats_size(d, null_mut()),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            nanoclust_standard_scaler_stats_size(usize::MAX / 2, &mut 0),
            NANOCLUST_ERR_SIZE_OVERFLOW
        );
        assert_eq!(
            nanoclust_standard_scaler_stats_init(null_mut(), bytes, d),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            nanoclust_standard_scaler_stats_init(sp, bytes - 1, d),
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            nanoclust_standard_scaler_stats_init(sp, bytes, d),
            NANOCLUST_OK
        );
        // Finishing an empty blob.
        assert_eq!(
            nanoclust_standard_scaler_finish_f32(sp, bytes, m.as_mut_ptr(), s.as_mut_ptr()),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        let before = st.clone();
        let sp = st.as_mut_ptr().cast();
        assert_eq!(
            nanoclust_standard_scaler_accumulate_f32(null(), n, d, null(), sp, bytes),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            nanoclust_standard_scaler_accumulate_f32(x.as_ptr(), 0, d, null(), sp, bytes),
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            nanoclust_standard_scaler_accumulate_f32(x.as_ptr(), n, d, null(), null_mut(), bytes),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            nanoclust_standard_scaler_accumulate_f32(x.as_ptr(), n / 3, 9, null(), sp, bytes),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        let neg = vec![-1f32; n];
        assert_eq!(
            nanoclust_standard_scaler_accumulate_f32(x.as_ptr(), n, d, neg.as_ptr(), sp, bytes),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        let mut nan = x.clone();
        nan[0] = f32::NAN;
        assert_eq!(
            nanoclust_standard_scaler_accumulate_f32(nan.as_ptr(), n, d, null(), sp, bytes),
            NANOCLUST_ERR_NON_FINITE
        );
        let mut bad = st.clone();
        bad[0] = 0;
        assert_eq!(
            nanoclust_standard_scaler_accumulate_f32(
                x.as_ptr(),
                n,
                d,
                null(),
                bad.as_mut_ptr().cast(),
                bytes
            ),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(st, before);
        assert_eq!(
            nanoclust_standard_scaler_accumulate_f32(x.as_ptr(), n, d, null(), sp, bytes),
            NANOCLUST_OK
        );
        let xd: Vec<f64> = x.iter().map(|&v| v as f64).collect();
        let mut other = vec![0u8; bytes];
        assert_eq!(
            nanoclust_standard_scaler_stats_init(other.as_mut_ptr().cast(), bytes, d),
            NANOCLUST_OK
        );
        assert_eq!(
            nanoclust_standard_scaler_accumulate_f64(
                xd.as_ptr(),
                n,
                d,
                null(),
                other.as_mut_ptr().cast(),
                bytes
            ),
            NANOCLUST_OK
        );
        assert_eq!(
            nanoclust_standard_scaler_stats_merge(sp, other.as_ptr().cast(), bytes),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(
            nanoclust_standard_scaler_stats_merge(sp, sp, bytes),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(
            nanoclust_standard_scaler_stats_merge(sp, null(), bytes),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            nanoclust_standard_scaler_finish_f32(sp, bytes, null_mut(), s.as_mut_ptr()),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            nanoclust_standard_scaler_finish_f32(sp, bytes - 2, m.as_mut_ptr(), s.as_mut_ptr()),
            NANOCLUST_ERR_INVALID_SHAPE
        );
        let (mut md, mut sd) = (vec![0.0; d], vec![0.0; d]);
        assert_eq!(
            nanoclust_standard_scaler_finish_f64(sp, bytes, md.as_mut_ptr(), sd.as_mut_ptr()),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!((m.clone(), s.clone()), (vec![7f32; d], vec![7f32; d]));
        assert_eq!(
            nanoclust_standard_scaler_finish_f32(sp, bytes, m.as_mut_ptr(), s.as_mut_ptr()),
            NANOCLUST_OK
        );
        let (mut m0, mut s0) = (vec![0f32; d], vec![0f32; d]);
        assert_eq!(
            nanoclust_standard_scaler_fit_f32(x.as_ptr(), n, d, m0.as_mut_ptr(), s0.as_mut_ptr()),
            NANOCLUST_OK
        );
        assert_eq!((m, s), (m0, s0));
    }
}
