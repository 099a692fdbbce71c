//! Edge class 6 (issue #13): contract gaps between the header's promises and
//! the behaviour, each pinned here through the C exports (and the owned API
//! where it exposes the behaviour). Expected values: scikit-learn 1.7.2
//! returns 1.0 for `adjusted_rand_score([], [])` and
//! `normalized_mutual_info_score([], [])`.
#![cfg(feature = "std")]
#![allow(unused_unsafe)]

mod common;

use common::fit_full::FitFull;
use nanoclust::ffi::hierarchy::*;
use nanoclust::ffi::*;
use nanoclust::kmeans::Init;
use nanoclust::owned::kmeans::KMeans;
use nanoclust::owned::metrics::{adjusted_rand_index, normalized_mutual_info};
use std::ptr::null_mut;

#[test]
fn empty_labelings_score_one_as_in_scikit_learn() {
    assert_eq!(adjusted_rand_index(&[], &[]), Ok(1.0));
    assert_eq!(normalized_mutual_info(&[], &[]), Ok(1.0));
    let mut bytes = 99usize;
    assert_eq!(
        unsafe { nanoclust_contingency_workspace_size(0, &mut bytes) },
        NANOCLUST_OK
    );
    assert_eq!(bytes, 0);
    let a = [7i32];
    for f in [
        nanoclust_adjusted_rand_index,
        nanoclust_normalized_mutual_info,
    ] {
        let mut out = -3.0;
        // A NULL workspace is valid when the query said 0 bytes.
        assert_eq!(
            unsafe { f(a.as_ptr(), a.as_ptr(), 0, null_mut(), 0, &mut out) },
            NANOCLUST_OK
        );
        assert_eq!(out, 1.0);
    }
    // One sample each: a single cluster on both sides is a perfect match too.
    assert_eq!(adjusted_rand_index(&[3], &[-1]), Ok(1.0));
    assert_eq!(normalized_mutual_info(&[3], &[-1]), Ok(1.0));
}

#[test]
fn provided_centers_accept_any_n_init_including_zero() {
    let x = [0.0f64, 0.0, 0.1, 0.0, 5.0, 5.0, 5.1, 5.0];
    let init = [0.0f64, 0.0, 5.0, 5.0];
    for n_init in [0u32, 1, 7, u32::MAX] {
        let km = KMeans::new(2)
            .n_init(n_init)
            .fit_full_chain(&x, 2, None, Some(&init))
            .unwrap();
        assert_eq!(km.labels, vec![0, 0, 1, 1], "n_init {n_init}");
        let mut p = unsafe { nanoclust_kmeans_params_default(2) };
        p.init = NANOCLUST_INIT_PROVIDED;
        p.n_init = n_init;
        let mut bytes = 0usize;
        assert_eq!(
            unsafe { nanoclust_kmeans_workspace_size_f64(4, 2, &p, &mut bytes) },
            NANOCLUST_OK
        );
        let mut ws = vec![0u8; bytes];
        let mut c = init;
        let mut l = [9i32; 4];
        let s = unsafe {
            nanoclust_kmeans_fit_f64(
                x.as_ptr(),
                4,
                2,
                std::ptr::null(),
                &p,
                ws.as_mut_ptr().cast(),
                bytes,
                c.as_mut_ptr(),
                l.as_mut_ptr(),
                null_mut(),
            )
        };
        assert_eq!(s, NANOCLUST_OK);
        assert_eq!(l, [0, 0, 1, 1]);
    }
    // Seeded inits still need at least one run.
    let e = KMeans::new(2)
        .init(Init::KMeansPlusPlus)
        .n_init(0)
        .fit(&x, 2);
    assert!(e.is_err());
}

#[test]
fn linkage_workspace_queries_refuse_an_overflowing_n_times_d_for_every_method() {
    let (n, d) = (1usize << 20, usize::MAX / 1024);
    for method in 0..=6u32 {
        for metric in 0..=3u32 {
            let mut b32 = 5usize;
            let s32 =
                unsafe { nanoclust_linkage_workspace_size_f32(n, d, method, metric, &mut b32) };
            let mut b64 = 5usize;
            let s64 =
                unsafe { nanoclust_linkage_workspace_size_f64(n, d, method, metric, &mut b64) };
            if method >= NANOCLUST_LINKAGE_WARD && metric != NANOCLUST_METRIC_EUCLIDEAN {
                // An invalid combination may be reported first.
                assert_ne!(s32, NANOCLUST_OK);
                assert_ne!(s64, NANOCLUST_OK);
            } else {
                assert_eq!(
                    s32, NANOCLUST_ERR_SIZE_OVERFLOW,
                    "method {method} metric {metric}"
                );
                assert_eq!(
                    s64, NANOCLUST_ERR_SIZE_OVERFLOW,
                    "method {method} metric {metric}"
                );
            }
            assert_eq!((b32, b64), (5, 5), "bytes_out written on failure");
        }
    }
    // The largest n*d that fits is still a matter of the workspace itself.
    let mut b = 0usize;
    assert_eq!(
        unsafe { nanoclust_linkage_workspace_size_f64(3, 2, NANOCLUST_LINKAGE_SINGLE, 0, &mut b) },
        NANOCLUST_OK
    );
    assert!(b > 0);
}

#[test]
fn gmm_max_iter_zero_is_refused_as_documented() {
    // scikit-learn's max_iter = 0 returns the unfitted start with lower bound
    // -inf; nanoclust's OK promises finite outputs, so 0 is INVALID_PARAMETER.
    let mut p = unsafe { nanoclust::ffi::gmm::nanoclust_gmm_params_default(1) };
    p.max_iter = 0;
    let mut b = 7usize;
    assert_eq!(
        unsafe { nanoclust::ffi::gmm::nanoclust_gmm_workspace_size_f64(4, 1, &p, &mut b) },
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(b, 7);
}
