//! ABI edge cases of every k-means entry point, called through the `extern "C"`
//! functions: NULL pointers, zero and overflowing sizes, NaN/Inf in data,
//! weights, centers and params, k = 0, k > n, unknown enum values, short
//! workspaces, and overflow near FLT_MAX. Every failing call must leave every
//! output untouched (outputs are filled with sentinels first).

use nanoclust::ffi::*;
use std::ptr::{null, null_mut};

const N: usize = 12;
const D: usize = 2;
const K: usize = 3;

fn data64() -> Vec<f64> {
    (0..N * D)
        .map(|i| ((i * 7) % 11) as f64 + (i % 3) as f64 * 10.0)
        .collect()
}

fn params(k: u32) -> nanoclust_kmeans_params {
    unsafe { nanoclust_kmeans_params_default(k) }
}

/// Calls fit_f64 with sentinel-filled outputs; returns the status and asserts
/// that on failure nothing was written.
fn fit64(
    x: &[f64],
    n: usize,
    d: usize,
    w: Option<&[f64]>,
    p: &nanoclust_kmeans_params,
    ws_bytes: Option<usize>,
) -> i32 {
    let mut bytes = 0usize;
    let sz = unsafe { nanoclust_kmeans_workspace_size_f64(n.max(1), d.max(1), p, &mut bytes) };
    let bytes = ws_bytes.unwrap_or(if sz == NANOCLUST_OK { bytes } else { 1 << 16 });
    let mut ws = vec![0u8; bytes];
    let k = p.n_clusters as usize;
    let mut centers = vec![-3.25f64; (k * d).max(1)];
    if p.init == NANOCLUST_INIT_PROVIDED {
        for (c, v) in centers.iter_mut().zip(x) {
            *c = *v;
        }
    }
    let before = centers.clone();
    let mut labels = vec![-9i32; n.max(1)];
    let mut result = nanoclust_kmeans_result {
        inertia: -5.0,
        n_iter: 77,
        converged: 77,
    };
    let s = unsafe {
        nanoclust_kmeans_fit_f64(
            x.as_ptr(),
            n,
            d,
            w.map_or(null(), |w| w.as_ptr()),
            p,
            ws.as_mut_ptr().cast(),
            bytes,
            centers.as_mut_ptr(),
            labels.as_mut_ptr(),
            &mut result,
        )
    };
    if s != NANOCLUST_OK {
        assert_eq!(centers, before, "centers written on status {s}");
        assert!(
            labels.iter().all(|&l| l == -9),
            "labels written on status {s}"
        );
        assert_eq!(
            (result.inertia, result.n_iter, result.converged),
            (-5.0, 77, 77)
        );
    } else {
        assert!(centers.iter().all(|c| c.is_finite()) && result.inertia.is_finite());
        assert!(labels[..n].iter().all(|&l| l >= 0 && (l as usize) < k));
    }
    s
}

#[test]
fn fit_succeeds_on_valid_input_with_every_init_and_algorithm() {
    let x = data64();
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
            let mut p = params(K as u32);
            p.init = init;
            p.algorithm = algorithm;
            p.n_init = 2;
            assert_eq!(fit64(&x, N, D, None, &p, None), NANOCLUST_OK);
        }
    }
    // k = n and k = 1 are valid.
    assert_eq!(fit64(&x, N, D, None, &params(N as u32), None), NANOCLUST_OK);
    assert_eq!(fit64(&x, N, D, None, &params(1), None), NANOCLUST_OK);
}

#[test]
fn fit_rejects_null_pointers() {
    let x = data64();
    let p = params(K as u32);
    let mut bytes = 0;
    assert_eq!(
        unsafe { nanoclust_kmeans_workspace_size_f64(N, D, &p, &mut bytes) },
        NANOCLUST_OK
    );
    let mut ws = vec![0u8; bytes];
    let mut c = vec![1.5f64; K * D];
    let mut l = vec![-9i32; N];
    let call = |x: *const f64, p: *const nanoclust_kmeans_params, ws: *mut u8, c: *mut f64| unsafe {
        nanoclust_kmeans_fit_f64(
            x,
            N,
            D,
            null(),
            p,
            ws.cast(),
            bytes,
            c,
            null_mut(),
            null_mut(),
        )
    };
    assert_eq!(
        call(null(), &p, ws.as_mut_ptr(), c.as_mut_ptr()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        call(x.as_ptr(), null(), ws.as_mut_ptr(), c.as_mut_ptr()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        call(x.as_ptr(), &p, null_mut(), c.as_mut_ptr()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        call(x.as_ptr(), &p, ws.as_mut_ptr(), null_mut()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(c, vec![1.5; K * D]);
    // Optional outputs may be NULL.
    let s = unsafe {
        nanoclust_kmeans_fit_f64(
            x.as_ptr(),
            N,
            D,
            null(),
            &p,
            ws.as_mut_ptr().cast(),
            bytes,
            c.as_mut_ptr(),
            l.as_mut_ptr(),
            null_mut(),
        )
    };
    assert_eq!(s, NANOCLUST_OK);
    // f32: the same NULL checks.
    let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
    let mut c32 = vec![1.5f32; K * D];
    assert_eq!(
        unsafe { nanoclust_kmeans_workspace_size_f32(N, D, &p, &mut bytes) },
        NANOCLUST_OK
    );
    let mut ws = vec![0u8; bytes];
    let s = unsafe {
        nanoclust_kmeans_fit_f32(
            null(),
            N,
            D,
            null(),
            &p,
            ws.as_mut_ptr().cast(),
            bytes,
            c32.as_mut_ptr(),
            null_mut(),
            null_mut(),
        )
    };
    assert_eq!(s, NANOCLUST_ERR_NULL_POINTER);
    let s = unsafe {
        nanoclust_kmeans_fit_f32(
            x32.as_ptr(),
            N,
            D,
            null(),
            &p,
            ws.as_mut_ptr().cast(),
            bytes,
            null_mut(),
            null_mut(),
            null_mut(),
        )
    };
    assert_eq!(s, NANOCLUST_ERR_NULL_POINTER);
    let mut r = nanoclust_kmeans_result {
        inertia: 0.0,
        n_iter: 0,
        converged: 0,
    };
    let s = unsafe {
        nanoclust_kmeans_fit_f32(
            x32.as_ptr(),
            N,
            D,
            null(),
            &p,
            ws.as_mut_ptr().cast(),
            bytes,
            c32.as_mut_ptr(),
            l.as_mut_ptr(),
            &mut r,
        )
    };
    assert_eq!(s, NANOCLUST_OK);
    assert!(r.inertia > 0.0 && r.n_iter >= 1);
}

#[test]
fn workspace_size_queries_validate_everything() {
    let p = params(K as u32);
    for f in [
        nanoclust_kmeans_workspace_size_f32,
        nanoclust_kmeans_workspace_size_f64,
    ] {
        let mut bytes = 12345usize;
        assert_eq!(
            unsafe { f(N, D, null(), &mut bytes) },
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            unsafe { f(N, D, &p, null_mut()) },
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            unsafe { f(0, D, &p, &mut bytes) },
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            unsafe { f(N, 0, &p, &mut bytes) },
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            unsafe { f(usize::MAX / 2, D, &p, &mut bytes) },
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            unsafe { f(1 << 20, usize::MAX / 2, &p, &mut bytes) },
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(bytes, 12345, "nothing written on failure");
        assert_eq!(
            unsafe { f(2, D, &p, &mut bytes) },
            NANOCLUST_ERR_INVALID_PARAMETER,
            "k > n"
        );
        assert_eq!(
            unsafe { f(N, D, &params(0), &mut bytes) },
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        // A huge k*d (k <= n) overflows the size computation.
        let big = params(1 << 24);
        assert_eq!(
            unsafe { f(1 << 24, 1 << 39, &big, &mut bytes) },
            NANOCLUST_ERR_SIZE_OVERFLOW
        );
        assert_eq!(
            unsafe { f(1 << 25, 2, &params((1 << 24) + 1), &mut bytes) },
            NANOCLUST_ERR_INVALID_PARAMETER,
            "k above MAX_CLUSTERS"
        );
        assert_eq!(bytes, 12345);
        assert_eq!(unsafe { f(N, D, &p, &mut bytes) }, NANOCLUST_OK);
        assert!(bytes > 0);
    }
}

#[test]
fn fit_rejects_bad_shapes_and_parameters() {
    let x = data64();
    assert_eq!(
        fit64(&x, 0, D, None, &params(K as u32), None),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        fit64(&x, N, 0, None, &params(K as u32), None),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    // n*d overflows: the length check happens before anything is read.
    let p = params(K as u32);
    let mut c = [0.0f64; K * D];
    let s = unsafe {
        nanoclust_kmeans_fit_f64(
            x.as_ptr(),
            usize::MAX / 2,
            3,
            null(),
            &p,
            null_mut(),
            0,
            c.as_mut_ptr(),
            null_mut(),
            null_mut(),
        )
    };
    assert_eq!(s, NANOCLUST_ERR_INVALID_SHAPE);
    let s = unsafe {
        nanoclust_kmeans_fit_f64(
            x.as_ptr(),
            usize::MAX / 2,
            D,
            null(),
            &p,
            null_mut(),
            0,
            c.as_mut_ptr(),
            null_mut(),
            null_mut(),
        )
    };
    assert_eq!(s, NANOCLUST_ERR_INVALID_SHAPE);
    let bad = |f: fn(&mut nanoclust_kmeans_params)| {
        let mut p = params(K as u32);
        f(&mut p);
        fit64(&x, N, D, None, &p, Some(1 << 16))
    };
    assert_eq!(
        bad(|p| p.n_clusters = 0),
        NANOCLUST_ERR_INVALID_PARAMETER,
        "k = 0"
    );
    assert_eq!(
        bad(|p| p.n_clusters = N as u32 + 1),
        NANOCLUST_ERR_INVALID_PARAMETER,
        "k > n"
    );
    assert_eq!(bad(|p| p.init = 3), NANOCLUST_ERR_INVALID_PARAMETER);
    assert_eq!(bad(|p| p.init = u32::MAX), NANOCLUST_ERR_INVALID_PARAMETER);
    assert_eq!(
        bad(|p| p.algorithm = NANOCLUST_KMEANS_ELKAN),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(bad(|p| p.algorithm = 99), NANOCLUST_ERR_INVALID_PARAMETER);
    assert_eq!(bad(|p| p.max_iter = 0), NANOCLUST_ERR_INVALID_PARAMETER);
    assert_eq!(bad(|p| p.n_init = 0), NANOCLUST_ERR_INVALID_PARAMETER);
    assert_eq!(bad(|p| p.tol = f64::NAN), NANOCLUST_ERR_INVALID_PARAMETER);
    assert_eq!(
        bad(|p| p.tol = f64::INFINITY),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(bad(|p| p.tol = -1.0), NANOCLUST_ERR_INVALID_PARAMETER);
}

#[test]
fn fit_rejects_non_finite_inputs_and_bad_weights() {
    let x = data64();
    let p = params(K as u32);
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut xb = x.clone();
        xb[5] = bad;
        assert_eq!(fit64(&xb, N, D, None, &p, None), NANOCLUST_ERR_NON_FINITE);
        let mut w = vec![1.0; N];
        w[3] = bad;
        assert_eq!(
            fit64(&x, N, D, Some(&w), &p, None),
            NANOCLUST_ERR_NON_FINITE
        );
    }
    let mut w = vec![1.0; N];
    w[0] = -1.0;
    assert_eq!(
        fit64(&x, N, D, Some(&w), &p, None),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        fit64(&x, N, D, Some(&[0.0; N]), &p, None),
        NANOCLUST_ERR_INVALID_PARAMETER,
        "all-zero weights"
    );
    let mut w = vec![0.0; N];
    w[0] = 1.0;
    w[1] = 1.0;
    let mut pr = p;
    pr.init = NANOCLUST_INIT_RANDOM;
    assert_eq!(
        fit64(&x, N, D, Some(&w), &pr, None),
        NANOCLUST_ERR_INVALID_PARAMETER,
        "fewer than k positive weights"
    );
    // Provided centers with NaN.
    let mut pp = p;
    pp.init = NANOCLUST_INIT_PROVIDED;
    let mut bytes = 0;
    unsafe { nanoclust_kmeans_workspace_size_f64(N, D, &pp, &mut bytes) };
    let mut ws = vec![0u8; bytes];
    let mut c = vec![0.0f64; K * D];
    c[2] = f64::NAN;
    let s = unsafe {
        nanoclust_kmeans_fit_f64(
            x.as_ptr(),
            N,
            D,
            null(),
            &pp,
            ws.as_mut_ptr().cast(),
            bytes,
            c.as_mut_ptr(),
            null_mut(),
            null_mut(),
        )
    };
    assert_eq!(s, NANOCLUST_ERR_NON_FINITE);
    assert!(c[2].is_nan() && c[0] == 0.0);
}

#[test]
fn fit_rejects_short_workspace_without_writing() {
    let x = data64();
    for algorithm in [NANOCLUST_KMEANS_LLOYD, NANOCLUST_KMEANS_HAMERLY] {
        let mut p = params(K as u32);
        p.algorithm = algorithm;
        let mut bytes = 0;
        assert_eq!(
            unsafe { nanoclust_kmeans_workspace_size_f64(N, D, &p, &mut bytes) },
            NANOCLUST_OK
        );
        assert_eq!(
            fit64(&x, N, D, None, &p, Some(bytes - 1)),
            NANOCLUST_ERR_WORKSPACE_TOO_SMALL
        );
        assert_eq!(
            fit64(&x, N, D, None, &p, Some(0)),
            NANOCLUST_ERR_WORKSPACE_TOO_SMALL
        );
        assert_eq!(fit64(&x, N, D, None, &p, Some(bytes)), NANOCLUST_OK);
    }
    // NULL workspace with a nonzero size is a NULL pointer.
    let p = params(K as u32);
    let mut c = [0.0f64; K * D];
    let s = unsafe {
        nanoclust_kmeans_fit_f64(
            x.as_ptr(),
            N,
            D,
            null(),
            &p,
            null_mut(),
            64,
            c.as_mut_ptr(),
            null_mut(),
            null_mut(),
        )
    };
    assert_eq!(s, NANOCLUST_ERR_NULL_POINTER);
}

#[test]
fn values_near_flt_max_are_numerical_not_inf() {
    let mut x: Vec<f32> = (0..N * D).map(|i| (i % 5) as f32).collect();
    x[0] = 3.0e38;
    x[1] = -3.0e38;
    let p = params(K as u32);
    let mut bytes = 0;
    assert_eq!(
        unsafe { nanoclust_kmeans_workspace_size_f32(N, D, &p, &mut bytes) },
        NANOCLUST_OK
    );
    let mut ws = vec![0u8; bytes];
    let mut c = vec![2.5f32; K * D];
    let mut l = vec![-9i32; N];
    let s = unsafe {
        nanoclust_kmeans_fit_f32(
            x.as_ptr(),
            N,
            D,
            null(),
            &p,
            ws.as_mut_ptr().cast(),
            bytes,
            c.as_mut_ptr(),
            l.as_mut_ptr(),
            null_mut(),
        )
    };
    assert_eq!(s, NANOCLUST_ERR_NUMERICAL);
    assert!(c.iter().all(|&v| v == 2.5) && l.iter().all(|&v| v == -9));
    // Large but safe values succeed with finite output.
    let y: Vec<f32> = (0..N * D).map(|i| (i % 5) as f32 * 1e17).collect();
    let s = unsafe {
        nanoclust_kmeans_fit_f32(
            y.as_ptr(),
            N,
            D,
            null(),
            &p,
            ws.as_mut_ptr().cast(),
            bytes,
            c.as_mut_ptr(),
            l.as_mut_ptr(),
            null_mut(),
        )
    };
    assert_eq!(s, NANOCLUST_OK);
    assert!(c.iter().all(|v| v.is_finite()));
    // Huge weights overflow the weighted sums.
    let w = [3.0e38f32; N];
    let s = unsafe {
        nanoclust_kmeans_fit_f32(
            y.as_ptr(),
            N,
            D,
            w.as_ptr(),
            &p,
            ws.as_mut_ptr().cast(),
            bytes,
            c.as_mut_ptr(),
            l.as_mut_ptr(),
            null_mut(),
        )
    };
    assert_eq!(s, NANOCLUST_ERR_NUMERICAL);
    // predict and partial_fit too.
    let centers = [0.0f32, 0.0, 1.0, 1.0];
    let mut pl = vec![-9i32; N];
    let s = unsafe {
        nanoclust_kmeans_predict_f32(
            centers.as_ptr(),
            2,
            D,
            x.as_ptr(),
            N,
            pl.as_mut_ptr(),
            null_mut(),
        )
    };
    assert_eq!(s, NANOCLUST_ERR_NUMERICAL);
    assert!(pl.iter().all(|&v| v == -9));
    let mut cc = centers;
    let mut counts = [0.0f64; 2];
    let s = unsafe {
        nanoclust_kmeans_partial_fit_f32(
            x.as_ptr(),
            N,
            D,
            null(),
            cc.as_mut_ptr(),
            counts.as_mut_ptr(),
            2,
        )
    };
    assert_eq!(s, NANOCLUST_ERR_NUMERICAL);
    assert_eq!((cc, counts), (centers, [0.0; 2]));
}

#[test]
fn predict_edge_cases() {
    let x = data64();
    let c = [0.0f64, 0.0, 10.0, 10.0, 20.0, 5.0];
    let mut l = vec![-9i32; N];
    let mut sq = vec![-1.0f64; N];
    let ok = unsafe {
        nanoclust_kmeans_predict_f64(
            c.as_ptr(),
            K,
            D,
            x.as_ptr(),
            N,
            l.as_mut_ptr(),
            sq.as_mut_ptr(),
        )
    };
    assert_eq!(ok, NANOCLUST_OK);
    assert!(l.iter().all(|&v| (0..K as i32).contains(&v)) && sq.iter().all(|&v| v >= 0.0));
    let mut l2 = vec![-9i32; N];
    let mut sq2 = vec![-1.0f64; N];
    let mut call = |c: *const f64, k: usize, d: usize, x: *const f64, n: usize, l: *mut i32| {
        let s = unsafe { nanoclust_kmeans_predict_f64(c, k, d, x, n, l, sq2.as_mut_ptr()) };
        assert!(sq2.iter().all(|&v| v == -1.0), "sq written on status {s}");
        s
    };
    assert_eq!(
        call(null(), K, D, x.as_ptr(), N, l2.as_mut_ptr()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        call(c.as_ptr(), K, D, null(), N, l2.as_mut_ptr()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        call(c.as_ptr(), K, D, x.as_ptr(), N, null_mut()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        call(c.as_ptr(), 0, D, x.as_ptr(), N, l2.as_mut_ptr()),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        call(c.as_ptr(), K, 0, x.as_ptr(), N, l2.as_mut_ptr()),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        call(c.as_ptr(), K, D, x.as_ptr(), 0, l2.as_mut_ptr()),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        call(
            c.as_ptr(),
            K,
            D,
            x.as_ptr(),
            usize::MAX / 2,
            l2.as_mut_ptr()
        ),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        call(
            c.as_ptr(),
            usize::MAX / 2,
            D,
            x.as_ptr(),
            N,
            l2.as_mut_ptr()
        ),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    let mut xb = x.clone();
    xb[0] = f64::NAN;
    assert_eq!(
        call(c.as_ptr(), K, D, xb.as_ptr(), N, l2.as_mut_ptr()),
        NANOCLUST_ERR_NON_FINITE
    );
    let mut cb = c;
    cb[1] = f64::INFINITY;
    assert_eq!(
        call(cb.as_ptr(), K, D, x.as_ptr(), N, l2.as_mut_ptr()),
        NANOCLUST_ERR_NON_FINITE
    );
    assert!(l2.iter().all(|&v| v == -9));
    // f32 with NULL sq_distances.
    let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
    let c32: Vec<f32> = c.iter().map(|&v| v as f32).collect();
    let mut l3 = vec![-9i32; N];
    assert_eq!(
        unsafe {
            nanoclust_kmeans_predict_f32(
                c32.as_ptr(),
                K,
                D,
                x32.as_ptr(),
                N,
                l3.as_mut_ptr(),
                null_mut(),
            )
        },
        NANOCLUST_OK
    );
    assert_eq!(l3, l);
    assert_eq!(
        unsafe {
            nanoclust_kmeans_predict_f32(null(), K, D, x32.as_ptr(), N, l3.as_mut_ptr(), null_mut())
        },
        NANOCLUST_ERR_NULL_POINTER
    );
}

#[test]
fn partial_fit_edge_cases() {
    let x = data64();
    let c0 = [0.0f64, 0.0, 10.0, 10.0, 20.0, 5.0];
    let check = |x: *const f64,
                 n: usize,
                 d: usize,
                 w: *const f64,
                 c_null: bool,
                 counts_null: bool,
                 k: usize,
                 counts0: [f64; K]| {
        let mut c = c0;
        let mut counts = counts0;
        let s = unsafe {
            nanoclust_kmeans_partial_fit_f64(
                x,
                n,
                d,
                w,
                if c_null { null_mut() } else { c.as_mut_ptr() },
                if counts_null {
                    null_mut()
                } else {
                    counts.as_mut_ptr()
                },
                k,
            )
        };
        if s != NANOCLUST_OK {
            assert_eq!(c, c0, "written on status {s}");
            let bits = |v: [f64; K]| v.map(f64::to_bits);
            assert_eq!(bits(counts), bits(counts0), "written on status {s}");
        }
        s
    };
    let z = [0.0; K];
    assert_eq!(
        check(x.as_ptr(), N, D, null(), false, false, K, z),
        NANOCLUST_OK
    );
    assert_eq!(
        check(null(), N, D, null(), false, false, K, z),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        check(x.as_ptr(), N, D, null(), true, false, K, z),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        check(x.as_ptr(), N, D, null(), false, true, K, z),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        check(x.as_ptr(), N, D, null(), false, false, 0, z),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        check(x.as_ptr(), 0, D, null(), false, false, K, z),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        check(x.as_ptr(), N, 0, null(), false, false, K, z),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        check(x.as_ptr(), usize::MAX / 2, D, null(), false, false, K, z),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        check(x.as_ptr(), N, D, null(), false, false, usize::MAX / 2, z),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    let mut xb = x.clone();
    xb[4] = f64::NAN;
    assert_eq!(
        check(xb.as_ptr(), N, D, null(), false, false, K, z),
        NANOCLUST_ERR_NON_FINITE
    );
    let mut w = [1.0; N];
    w[2] = -1.0;
    assert_eq!(
        check(x.as_ptr(), N, D, w.as_ptr(), false, false, K, z),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    w[2] = f64::INFINITY;
    assert_eq!(
        check(x.as_ptr(), N, D, w.as_ptr(), false, false, K, z),
        NANOCLUST_ERR_NON_FINITE
    );
    assert_eq!(
        check(x.as_ptr(), N, D, null(), false, false, K, [0.0, -1.0, 0.0]),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        check(
            x.as_ptr(),
            N,
            D,
            null(),
            false,
            false,
            K,
            [0.0, f64::NAN, 0.0]
        ),
        NANOCLUST_ERR_NON_FINITE
    );
    // Too large for the stack scratch: WORKSPACE_TOO_SMALL, then the workspace variant works.
    let (d, k) = (600usize, 8usize);
    let xl = vec![1.0f64; 2 * d];
    let mut cl = vec![0.0f64; k * d];
    let mut counts = vec![0.0f64; k];
    let s = unsafe {
        nanoclust_kmeans_partial_fit_f64(
            xl.as_ptr(),
            2,
            d,
            null(),
            cl.as_mut_ptr(),
            counts.as_mut_ptr(),
            k,
        )
    };
    assert_eq!(s, NANOCLUST_ERR_WORKSPACE_TOO_SMALL);
    assert!(cl.iter().all(|&v| v == 0.0));
    // The documented bound of the stack scratch: the size query at most 1536
    // bytes, k*(d+1) <= 382 for f32: d = 381, k = 1 fits, d = 382 does not.
    for (d, k, fits) in [(381usize, 1usize, true), (190, 2, true), (382, 1, false)] {
        let mut q = 0;
        assert_eq!(
            unsafe { nanoclust_kmeans_partial_fit_workspace_size_f32(d, k, &mut q) },
            NANOCLUST_OK
        );
        assert_eq!(q <= 1536, fits, "d={d} k={k}: {q} bytes");
        let xs = vec![1.0f32; d];
        let mut cs = vec![0.0f32; k * d];
        let mut ns = vec![0.0f64; k];
        let s = unsafe {
            nanoclust_kmeans_partial_fit_f32(
                xs.as_ptr(),
                1,
                d,
                null(),
                cs.as_mut_ptr(),
                ns.as_mut_ptr(),
                k,
            )
        };
        if fits {
            assert_eq!(s, NANOCLUST_OK, "d={d} k={k}");
            assert_eq!(ns[0], 1.0);
        } else {
            assert_eq!(s, NANOCLUST_ERR_WORKSPACE_TOO_SMALL, "d={d} k={k}");
            assert!(cs.iter().all(|&v| v == 0.0) && ns[0] == 0.0);
        }
    }
    let mut bytes = 0;
    assert_eq!(
        unsafe { nanoclust_kmeans_partial_fit_workspace_size_f64(d, k, &mut bytes) },
        NANOCLUST_OK
    );
    assert_eq!(
        unsafe { nanoclust_kmeans_partial_fit_workspace_size_f64(d, k, null_mut()) },
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        unsafe { nanoclust_kmeans_partial_fit_workspace_size_f64(0, k, &mut bytes) },
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        unsafe { nanoclust_kmeans_partial_fit_workspace_size_f32(d, 0, &mut bytes) },
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        unsafe { nanoclust_kmeans_partial_fit_workspace_size_f32(usize::MAX / 2, 4, &mut bytes) },
        NANOCLUST_ERR_SIZE_OVERFLOW
    );
    assert_eq!(
        unsafe { nanoclust_kmeans_partial_fit_workspace_size_f64(d, k, &mut bytes) },
        NANOCLUST_OK
    );
    let mut ws = vec![0u8; bytes];
    let s = unsafe {
        nanoclust_kmeans_partial_fit_with_workspace_f64(
            xl.as_ptr(),
            2,
            d,
            null(),
            cl.as_mut_ptr(),
            counts.as_mut_ptr(),
            k,
            ws.as_mut_ptr().cast(),
            bytes - 1,
        )
    };
    assert_eq!(s, NANOCLUST_ERR_WORKSPACE_TOO_SMALL);
    let s = unsafe {
        nanoclust_kmeans_partial_fit_with_workspace_f64(
            xl.as_ptr(),
            2,
            d,
            null(),
            cl.as_mut_ptr(),
            counts.as_mut_ptr(),
            k,
            null_mut(),
            bytes,
        )
    };
    assert_eq!(s, NANOCLUST_ERR_NULL_POINTER);
    assert_eq!(counts[0], 0.0);
    let s = unsafe {
        nanoclust_kmeans_partial_fit_with_workspace_f64(
            xl.as_ptr(),
            2,
            d,
            null(),
            cl.as_mut_ptr(),
            counts.as_mut_ptr(),
            k,
            ws.as_mut_ptr().cast(),
            bytes,
        )
    };
    assert_eq!(s, NANOCLUST_OK);
    assert_eq!(counts[0], 2.0);
    assert!(cl[..d].iter().all(|&v| v == 1.0));
    // f32 variants.
    let xs: Vec<f32> = xl.iter().map(|&v| v as f32).collect();
    let mut cs = vec![0.0f32; k * d];
    let mut counts = vec![0.0f64; k];
    assert_eq!(
        unsafe { nanoclust_kmeans_partial_fit_workspace_size_f32(d, k, &mut bytes) },
        NANOCLUST_OK
    );
    let mut ws = vec![0u8; bytes];
    let s = unsafe {
        nanoclust_kmeans_partial_fit_with_workspace_f32(
            xs.as_ptr(),
            2,
            d,
            null(),
            cs.as_mut_ptr(),
            counts.as_mut_ptr(),
            k,
            ws.as_mut_ptr().cast(),
            bytes,
        )
    };
    assert_eq!(s, NANOCLUST_OK);
    let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
    let mut c32: Vec<f32> = c0.iter().map(|&v| v as f32).collect();
    let mut cnt = [0.0f64; K];
    assert_eq!(
        unsafe {
            nanoclust_kmeans_partial_fit_f32(
                x32.as_ptr(),
                N,
                D,
                null(),
                c32.as_mut_ptr(),
                cnt.as_mut_ptr(),
                K,
            )
        },
        NANOCLUST_OK
    );
    assert_eq!(cnt.iter().sum::<f64>(), N as f64);
    assert_eq!(
        unsafe {
            nanoclust_kmeans_partial_fit_f32(
                x32.as_ptr(),
                N,
                D,
                null(),
                null_mut(),
                cnt.as_mut_ptr(),
                K,
            )
        },
        NANOCLUST_ERR_NULL_POINTER
    );
}

#[test]
fn params_default_is_the_documented_default() {
    let p = unsafe { nanoclust_kmeans_params_default(4) };
    assert_eq!(p.n_clusters, 4);
    assert_eq!(p.init, NANOCLUST_INIT_KMEANS_PLUS_PLUS);
    assert_eq!(p.algorithm, NANOCLUST_KMEANS_AUTO);
    assert_eq!((p.n_init, p.max_iter, p.tol, p.seed), (1, 300, 1e-4, 0));
}

#[test]
fn same_seed_same_bits() {
    let x = data64();
    let mut p = params(K as u32);
    p.seed = 99;
    p.n_init = 3;
    let run = || {
        let mut bytes = 0;
        unsafe { nanoclust_kmeans_workspace_size_f64(N, D, &p, &mut bytes) };
        let mut ws = vec![0u8; bytes];
        let mut c = vec![0.0f64; K * D];
        let mut l = vec![0i32; N];
        let mut r = nanoclust_kmeans_result {
            inertia: 0.0,
            n_iter: 0,
            converged: 0,
        };
        unsafe {
            nanoclust_kmeans_fit_f64(
                x.as_ptr(),
                N,
                D,
                null(),
                &p,
                ws.as_mut_ptr().cast(),
                bytes,
                c.as_mut_ptr(),
                l.as_mut_ptr(),
                &mut r,
            )
        };
        (
            c.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
            l,
            r.inertia.to_bits(),
        )
    };
    assert_eq!(run(), run());
}
