//! ABI edge cases of every DBSCAN export, called through `nanoclust::ffi`
//! directly: NULL pointers, zero and overflowing sizes, NaN/Inf in data and
//! parameters, out-of-range enums, short workspaces, n = 1; every failure
//! leaves every output buffer untouched (sentinel-filled beforehand).

use core::ffi::c_void;
use core::ptr::{null, null_mut};

use nanoclust::ffi::*;

const SENT: i32 = 0x5a5a;
const SENT_U8: u8 = 0xa5;

fn params(eps: f64, min_samples: u32, metric: u32, index: u32) -> nanoclust_dbscan_params {
    nanoclust_dbscan_params {
        eps,
        min_samples,
        metric,
        index,
    }
}

/// Two clusters of three and one outlier, 2-D.
const X: [f64; 14] = [
    0.0, 0.0, 0.1, 0.0, 0.0, 0.1, 5.0, 5.0, 5.1, 5.0, 5.0, 5.1, 9.0, 0.0,
];
const N: usize = 7;

fn ws_fit(n: usize, d: usize, p: &nanoclust_dbscan_params) -> Vec<u8> {
    let mut bytes = 0usize;
    assert_eq!(
        unsafe { nanoclust_dbscan_workspace_size_f64(n, d, p, &mut bytes) },
        NANOCLUST_OK
    );
    vec![0u8; bytes]
}

#[test]
fn params_default_is_scikit_learns() {
    let p = unsafe { nanoclust_dbscan_params_default() };
    assert_eq!(
        (p.eps, p.min_samples, p.metric, p.index),
        (0.5, 5, NANOCLUST_METRIC_EUCLIDEAN, NANOCLUST_INDEX_AUTO)
    );
}

#[test]
fn workspace_size_queries_validate_everything() {
    let p = params(0.5, 3, 0, 0);
    let mut b = 7usize;
    for f in [
        nanoclust_dbscan_workspace_size_f32,
        nanoclust_dbscan_workspace_size_f64,
    ] {
        assert_eq!(unsafe { f(N, 2, &p, &mut b) }, NANOCLUST_OK);
        assert!(b > 0);
        assert_eq!(
            unsafe { f(N, 2, null(), &mut b) },
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            unsafe { f(N, 2, &p, null_mut()) },
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(unsafe { f(0, 2, &p, &mut b) }, NANOCLUST_ERR_INVALID_SHAPE);
        assert_eq!(unsafe { f(N, 0, &p, &mut b) }, NANOCLUST_ERR_INVALID_SHAPE);
        assert_eq!(
            unsafe { f(usize::MAX / 2, 2, &p, &mut b) },
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            unsafe { f(N, usize::MAX / 2, &p, &mut b) },
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            unsafe { f(1 << 30, 1 << 32, &p, &mut b) },
            NANOCLUST_ERR_SIZE_OVERFLOW
        );
        for bad in [
            params(0.0, 3, 0, 0),
            params(-1.0, 3, 0, 0),
            params(f64::NAN, 3, 0, 0),
            params(f64::INFINITY, 3, 0, 0),
            params(0.5, 0, 0, 0),
            params(0.5, 3, 4, 0),
            params(0.5, 3, u32::MAX, 0),
            params(0.5, 3, 0, 4),
        ] {
            let mut b2 = 7usize;
            assert_eq!(
                unsafe { f(N, 2, &bad, &mut b2) },
                NANOCLUST_ERR_INVALID_PARAMETER
            );
            assert_eq!(b2, 7, "untouched on failure");
        }
    }
    let mut b = 7usize;
    for f in [
        nanoclust_dbscan_predict_workspace_size_f32,
        nanoclust_dbscan_predict_workspace_size_f64,
    ] {
        assert_eq!(unsafe { f(N, 2, 3, &p, &mut b) }, NANOCLUST_OK);
        assert_eq!(
            unsafe { f(N, 2, 0, &p, &mut b) },
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            unsafe { f(N, 2, 3, null(), &mut b) },
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            unsafe { f(N, 2, 3, &p, null_mut()) },
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            unsafe { f(usize::MAX / 2, 2, 3, &p, &mut b) },
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            unsafe { f(N, 2, 3, &params(0.5, 3, 9, 0), &mut b) },
            NANOCLUST_ERR_INVALID_PARAMETER
        );
    }
    for f in [
        nanoclust_core_distances_workspace_size_f32,
        nanoclust_core_distances_workspace_size_f64,
    ] {
        assert_eq!(unsafe { f(N, 2, 3, 0, &mut b) }, NANOCLUST_OK);
        assert_eq!(
            unsafe { f(N, 2, 0, 0, &mut b) },
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(
            unsafe { f(N, 2, N as u32 + 1, 0, &mut b) },
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(
            unsafe { f(N, 2, 3, 4, &mut b) },
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(
            unsafe { f(N, 2, 3, 0, null_mut()) },
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            unsafe { f(0, 2, 1, 0, &mut b) },
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            unsafe { f(usize::MAX / 2, 2, 3, 0, &mut b) },
            NANOCLUST_ERR_INVALID_SHAPE
        );
    }
}

/// Status, outputs untouched?, labels.
type FitOutcome = (i32, bool, Vec<i32>);

/// Calls fit_f64 with sentinel-filled outputs; returns the status and whether
/// the outputs stayed untouched.
#[allow(clippy::too_many_arguments)]
fn fit64(
    x: *const f64,
    n: usize,
    d: usize,
    w: *const f64,
    p: *const nanoclust_dbscan_params,
    ws: &mut [u8],
    ws_ptr_null: bool,
    outs: [bool; 3],
) -> FitOutcome {
    let mut labels = vec![SENT; n.min(64)];
    let mut core = vec![SENT_U8; n.min(64)];
    let mut res = nanoclust_dbscan_result {
        n_clusters: 99,
        n_noise: 99,
        n_core: 99,
    };
    let wsp: *mut c_void = if ws_ptr_null {
        null_mut()
    } else {
        ws.as_mut_ptr().cast()
    };
    let s = unsafe {
        nanoclust_dbscan_fit_f64(
            x,
            n,
            d,
            w,
            p,
            wsp,
            ws.len(),
            if outs[0] {
                labels.as_mut_ptr()
            } else {
                null_mut()
            },
            if outs[1] {
                core.as_mut_ptr()
            } else {
                null_mut()
            },
            if outs[2] { &mut res } else { null_mut() },
        )
    };
    let untouched = labels.iter().all(|&l| l == SENT)
        && core.iter().all(|&c| c == SENT_U8)
        && res.n_clusters == 99;
    (s, untouched, labels)
}

#[test]
fn fit_succeeds_and_every_failure_leaves_outputs_untouched() {
    let p = params(0.5, 3, 0, 0);
    let mut ws = ws_fit(N, 2, &p);
    let all = [true, true, true];
    let (s, _, labels) = fit64(X.as_ptr(), N, 2, null(), &p, &mut ws, false, all);
    assert_eq!(s, NANOCLUST_OK);
    assert_eq!(labels, [0, 0, 0, 1, 1, 1, -1]);
    // Optional outputs may be NULL.
    assert_eq!(
        fit64(
            X.as_ptr(),
            N,
            2,
            null(),
            &p,
            &mut ws,
            false,
            [true, false, false]
        )
        .0,
        NANOCLUST_OK
    );

    let fails: Vec<(i32, FitOutcome)> = vec![
        (
            NANOCLUST_ERR_NULL_POINTER,
            fit64(null(), N, 2, null(), &p, &mut ws, false, all),
        ),
        (
            NANOCLUST_ERR_NULL_POINTER,
            fit64(X.as_ptr(), N, 2, null(), null(), &mut ws, false, all),
        ),
        (
            NANOCLUST_ERR_NULL_POINTER,
            fit64(X.as_ptr(), N, 2, null(), &p, &mut ws, true, all),
        ),
        (
            NANOCLUST_ERR_NULL_POINTER,
            fit64(
                X.as_ptr(),
                N,
                2,
                null(),
                &p,
                &mut ws,
                false,
                [false, true, true],
            ),
        ),
        (
            NANOCLUST_ERR_INVALID_SHAPE,
            fit64(X.as_ptr(), 0, 2, null(), &p, &mut ws, false, all),
        ),
        (
            NANOCLUST_ERR_INVALID_SHAPE,
            fit64(X.as_ptr(), N, 0, null(), &p, &mut ws, false, all),
        ),
        (
            NANOCLUST_ERR_INVALID_SHAPE,
            fit64(
                X.as_ptr(),
                usize::MAX / 2,
                2,
                null(),
                &p,
                &mut ws,
                false,
                all,
            ),
        ),
        (
            NANOCLUST_ERR_INVALID_PARAMETER,
            fit64(
                X.as_ptr(),
                N,
                2,
                null(),
                &params(0.0, 3, 0, 0),
                &mut ws,
                false,
                all,
            ),
        ),
        (
            NANOCLUST_ERR_INVALID_PARAMETER,
            fit64(
                X.as_ptr(),
                N,
                2,
                null(),
                &params(f64::NAN, 3, 0, 0),
                &mut ws,
                false,
                all,
            ),
        ),
        (
            NANOCLUST_ERR_INVALID_PARAMETER,
            fit64(
                X.as_ptr(),
                N,
                2,
                null(),
                &params(f64::INFINITY, 3, 0, 0),
                &mut ws,
                false,
                all,
            ),
        ),
        (
            NANOCLUST_ERR_INVALID_PARAMETER,
            fit64(
                X.as_ptr(),
                N,
                2,
                null(),
                &params(0.5, 0, 0, 0),
                &mut ws,
                false,
                all,
            ),
        ),
        (
            NANOCLUST_ERR_INVALID_PARAMETER,
            fit64(
                X.as_ptr(),
                N,
                2,
                null(),
                &params(0.5, 3, 7, 0),
                &mut ws,
                false,
                all,
            ),
        ),
        (
            NANOCLUST_ERR_INVALID_PARAMETER,
            fit64(
                X.as_ptr(),
                N,
                2,
                null(),
                &params(0.5, 3, 0, 7),
                &mut ws,
                false,
                all,
            ),
        ),
        (
            NANOCLUST_ERR_WORKSPACE_TOO_SMALL,
            fit64(X.as_ptr(), N, 2, null(), &p, &mut ws[..1], false, all),
        ),
    ];
    for (want, (got, untouched, _)) in fails {
        assert_eq!(got, want);
        assert!(untouched, "status {want}: outputs untouched");
    }
    let mut bad = X;
    for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        bad[5] = v;
        let (s, untouched, _) = fit64(bad.as_ptr(), N, 2, null(), &p, &mut ws, false, all);
        assert_eq!((s, untouched), (NANOCLUST_ERR_NON_FINITE, true));
    }
    let mut w = [1.0f64; N];
    w[2] = f64::NAN;
    let (s, untouched, _) = fit64(X.as_ptr(), N, 2, w.as_ptr(), &p, &mut ws, false, all);
    assert_eq!((s, untouched), (NANOCLUST_ERR_NON_FINITE, true));
    // Cosine with a zero row (sample 0 is the origin).
    let pc = params(0.5, 3, NANOCLUST_METRIC_COSINE, 0);
    let mut wsc = ws_fit(N, 2, &pc);
    let (s, untouched, _) = fit64(X.as_ptr(), N, 2, null(), &pc, &mut wsc, false, all);
    assert_eq!((s, untouched), (NANOCLUST_ERR_INVALID_PARAMETER, true));
}

#[test]
fn fit_f32_with_weights_and_a_single_sample() {
    let x: Vec<f32> = X.iter().map(|&v| v as f32).collect();
    // Weight 3 makes the outlier a core sample by itself.
    let w = [1.0f32, 1.0, 1.0, 1.0, 1.0, 1.0, 3.0];
    let p = params(0.5, 3, 0, NANOCLUST_INDEX_GRID);
    let mut bytes = 0;
    assert_eq!(
        unsafe { nanoclust_dbscan_workspace_size_f32(N, 2, &p, &mut bytes) },
        NANOCLUST_OK
    );
    let mut ws = vec![0u8; bytes];
    let mut labels = [SENT; N];
    let mut core = [SENT_U8; N];
    let mut res = nanoclust_dbscan_result::default();
    let s = unsafe {
        nanoclust_dbscan_fit_f32(
            x.as_ptr(),
            N,
            2,
            w.as_ptr(),
            &p,
            ws.as_mut_ptr().cast(),
            ws.len(),
            labels.as_mut_ptr(),
            core.as_mut_ptr(),
            &mut res,
        )
    };
    assert_eq!(s, NANOCLUST_OK);
    assert_eq!(labels, [0, 0, 0, 1, 1, 1, 2]);
    assert_eq!(core, [1; N]);
    assert_eq!((res.n_clusters, res.n_noise, res.n_core), (3, 0, 7));
    // n = 1: core iff min_samples <= 1.
    for (ms, want) in [(1u32, 0i32), (2, -1)] {
        let p1 = params(0.5, ms, 0, 0);
        let mut bytes = 0;
        assert_eq!(
            unsafe { nanoclust_dbscan_workspace_size_f32(1, 2, &p1, &mut bytes) },
            NANOCLUST_OK
        );
        let mut ws = vec![0u8; bytes];
        let mut l = [SENT];
        let s = unsafe {
            nanoclust_dbscan_fit_f32(
                x.as_ptr(),
                1,
                2,
                null(),
                &p1,
                ws.as_mut_ptr().cast(),
                ws.len(),
                l.as_mut_ptr(),
                null_mut(),
                null_mut(),
            )
        };
        assert_eq!((s, l[0]), (NANOCLUST_OK, want));
    }
    // NaN weight in f32, Inf data in f32.
    let mut wn = w;
    wn[0] = f32::NAN;
    let mut l = [SENT; N];
    let s = unsafe {
        nanoclust_dbscan_fit_f32(
            x.as_ptr(),
            N,
            2,
            wn.as_ptr(),
            &p,
            ws.as_mut_ptr().cast(),
            ws.len(),
            l.as_mut_ptr(),
            null_mut(),
            null_mut(),
        )
    };
    assert_eq!((s, l), (NANOCLUST_ERR_NON_FINITE, [SENT; N]));
    // Distances that overflow f32 with an eps that could reach them.
    let huge = [-3e38f32, 0.0, 3e38, 0.0];
    let ph = params(1e300, 1, 0, 0);
    let mut bytes = 0;
    assert_eq!(
        unsafe { nanoclust_dbscan_workspace_size_f32(2, 2, &ph, &mut bytes) },
        NANOCLUST_OK
    );
    let mut ws = vec![0u8; bytes];
    let mut l = [SENT; 2];
    let s = unsafe {
        nanoclust_dbscan_fit_f32(
            huge.as_ptr(),
            2,
            2,
            null(),
            &ph,
            ws.as_mut_ptr().cast(),
            ws.len(),
            l.as_mut_ptr(),
            null_mut(),
            null_mut(),
        )
    };
    assert_eq!((s, l), (NANOCLUST_ERR_NUMERICAL, [SENT; 2]));
}

#[test]
fn predict_validates_the_model_and_leaves_outputs_untouched() {
    let p = params(0.5, 3, 0, 0);
    let labels = [0, 0, 0, 1, 1, 1, -1];
    let core = [1u8, 1, 1, 1, 1, 1, 0];
    let x_new = [0.2f64, 0.0, 5.2, 5.0, 20.0, 20.0];
    let mut bytes = 0;
    assert_eq!(
        unsafe { nanoclust_dbscan_predict_workspace_size_f64(N, 2, 3, &p, &mut bytes) },
        NANOCLUST_OK
    );
    let mut ws = vec![0u8; bytes];
    let call = |x: *const f64,
                lab: *const i32,
                cor: *const u8,
                p: *const nanoclust_dbscan_params,
                xn: *const f64,
                m: usize,
                ws: &mut [u8]| {
        let mut out = [SENT; 3];
        let s = unsafe {
            nanoclust_dbscan_predict_f64(
                x,
                N,
                2,
                lab,
                cor,
                p,
                xn,
                m,
                ws.as_mut_ptr().cast(),
                ws.len(),
                out.as_mut_ptr(),
            )
        };
        (s, out)
    };
    let (s, out) = call(
        X.as_ptr(),
        labels.as_ptr(),
        core.as_ptr(),
        &p,
        x_new.as_ptr(),
        3,
        &mut ws,
    );
    assert_eq!((s, out), (NANOCLUST_OK, [0, 1, -1]));
    let bad_core = [1u8, 1, 1, 1, 1, 1, 2];
    let unlabelled_core = [0, 0, 0, 1, 1, -1, -1];
    let below = [0, 0, 0, 1, 1, 1, -2];
    let mut nan_new = x_new;
    nan_new[1] = f64::NAN;
    let cases = [
        (
            NANOCLUST_ERR_NULL_POINTER,
            call(
                null(),
                labels.as_ptr(),
                core.as_ptr(),
                &p,
                x_new.as_ptr(),
                3,
                &mut ws,
            ),
        ),
        (
            NANOCLUST_ERR_NULL_POINTER,
            call(
                X.as_ptr(),
                null(),
                core.as_ptr(),
                &p,
                x_new.as_ptr(),
                3,
                &mut ws,
            ),
        ),
        (
            NANOCLUST_ERR_NULL_POINTER,
            call(
                X.as_ptr(),
                labels.as_ptr(),
                null(),
                &p,
                x_new.as_ptr(),
                3,
                &mut ws,
            ),
        ),
        (
            NANOCLUST_ERR_NULL_POINTER,
            call(
                X.as_ptr(),
                labels.as_ptr(),
                core.as_ptr(),
                null(),
                x_new.as_ptr(),
                3,
                &mut ws,
            ),
        ),
        (
            NANOCLUST_ERR_NULL_POINTER,
            call(
                X.as_ptr(),
                labels.as_ptr(),
                core.as_ptr(),
                &p,
                null(),
                3,
                &mut ws,
            ),
        ),
        (
            NANOCLUST_ERR_INVALID_SHAPE,
            call(
                X.as_ptr(),
                labels.as_ptr(),
                core.as_ptr(),
                &p,
                x_new.as_ptr(),
                0,
                &mut ws,
            ),
        ),
        (
            NANOCLUST_ERR_INVALID_PARAMETER,
            call(
                X.as_ptr(),
                labels.as_ptr(),
                bad_core.as_ptr(),
                &p,
                x_new.as_ptr(),
                3,
                &mut ws,
            ),
        ),
        (
            NANOCLUST_ERR_INVALID_PARAMETER,
            call(
                X.as_ptr(),
                unlabelled_core.as_ptr(),
                core.as_ptr(),
                &p,
                x_new.as_ptr(),
                3,
                &mut ws,
            ),
        ),
        (
            NANOCLUST_ERR_INVALID_PARAMETER,
            call(
                X.as_ptr(),
                below.as_ptr(),
                core.as_ptr(),
                &p,
                x_new.as_ptr(),
                3,
                &mut ws,
            ),
        ),
        (
            NANOCLUST_ERR_INVALID_PARAMETER,
            call(
                X.as_ptr(),
                labels.as_ptr(),
                core.as_ptr(),
                &params(-0.5, 3, 0, 0),
                x_new.as_ptr(),
                3,
                &mut ws,
            ),
        ),
        (
            NANOCLUST_ERR_INVALID_PARAMETER,
            call(
                X.as_ptr(),
                labels.as_ptr(),
                core.as_ptr(),
                &params(0.5, 3, 0, 99),
                x_new.as_ptr(),
                3,
                &mut ws,
            ),
        ),
        (
            NANOCLUST_ERR_NON_FINITE,
            call(
                X.as_ptr(),
                labels.as_ptr(),
                core.as_ptr(),
                &p,
                nan_new.as_ptr(),
                3,
                &mut ws,
            ),
        ),
        (
            NANOCLUST_ERR_WORKSPACE_TOO_SMALL,
            call(
                X.as_ptr(),
                labels.as_ptr(),
                core.as_ptr(),
                &p,
                x_new.as_ptr(),
                3,
                &mut ws[..3],
            ),
        ),
    ];
    for (want, (got, out)) in cases {
        assert_eq!(got, want);
        assert_eq!(out, [SENT; 3], "status {want}: output untouched");
    }
    // Cosine: zero rows among the new points are invalid.
    let pc = params(0.5, 3, NANOCLUST_METRIC_COSINE, 0);
    let xc = [
        1.0f64, 0.0, 1.0, 0.1, 0.9, 0.0, -1.0, 0.0, -1.0, 0.1, -0.9, 0.0, 0.0, 1.0,
    ];
    let zero_new = [0.0f64, 0.0, 1.0, 0.0, 1.0, 1.0];
    let mut out = [SENT; 3];
    let s = unsafe {
        nanoclust_dbscan_predict_f64(
            xc.as_ptr(),
            N,
            2,
            labels.as_ptr(),
            core.as_ptr(),
            &pc,
            zero_new.as_ptr(),
            3,
            ws.as_mut_ptr().cast(),
            ws.len(),
            out.as_mut_ptr(),
        )
    };
    assert_eq!((s, out), (NANOCLUST_ERR_INVALID_PARAMETER, [SENT; 3]));
    // f32 variant succeeds on the same model.
    let x32: Vec<f32> = X.iter().map(|&v| v as f32).collect();
    let n32: Vec<f32> = x_new.iter().map(|&v| v as f32).collect();
    let mut bytes = 0;
    assert_eq!(
        unsafe { nanoclust_dbscan_predict_workspace_size_f32(N, 2, 3, &p, &mut bytes) },
        NANOCLUST_OK
    );
    let mut ws = vec![0u8; bytes];
    let mut out = [SENT; 3];
    let s = unsafe {
        nanoclust_dbscan_predict_f32(
            x32.as_ptr(),
            N,
            2,
            labels.as_ptr(),
            core.as_ptr(),
            &p,
            n32.as_ptr(),
            3,
            ws.as_mut_ptr().cast(),
            ws.len(),
            out.as_mut_ptr(),
        )
    };
    assert_eq!((s, out), (NANOCLUST_OK, [0, 1, -1]));
}

#[test]
fn core_distances_validate_and_leave_outputs_untouched() {
    let mut bytes = 0;
    assert_eq!(
        unsafe { nanoclust_core_distances_workspace_size_f64(N, 2, 3, 0, &mut bytes) },
        NANOCLUST_OK
    );
    let mut ws = vec![0u8; bytes];
    let call = |x: *const f64, n: usize, ms: u32, metric: u32, ws: &mut [u8]| {
        let mut out = [-7.0f64; N];
        let s = unsafe {
            nanoclust_core_distances_f64(
                x,
                n,
                2,
                ms,
                metric,
                ws.as_mut_ptr().cast(),
                ws.len(),
                out.as_mut_ptr(),
            )
        };
        (s, out)
    };
    let (s, out) = call(X.as_ptr(), N, 3, 0, &mut ws);
    assert_eq!(s, NANOCLUST_OK);
    assert!(
        (out[0] - 0.1).abs() < 1e-12 && (out[6] - 41f64.sqrt()).abs() < 1e-12,
        "{out:?}"
    );
    let mut nan = X;
    nan[0] = f64::NAN;
    for (want, (got, out)) in [
        (NANOCLUST_ERR_NULL_POINTER, call(null(), N, 3, 0, &mut ws)),
        (
            NANOCLUST_ERR_INVALID_SHAPE,
            call(X.as_ptr(), 0, 3, 0, &mut ws),
        ),
        (
            NANOCLUST_ERR_INVALID_SHAPE,
            call(X.as_ptr(), usize::MAX / 2, 3, 0, &mut ws),
        ),
        (
            NANOCLUST_ERR_INVALID_PARAMETER,
            call(X.as_ptr(), N, 0, 0, &mut ws),
        ),
        (
            NANOCLUST_ERR_INVALID_PARAMETER,
            call(X.as_ptr(), N, N as u32 + 1, 0, &mut ws),
        ),
        (
            NANOCLUST_ERR_INVALID_PARAMETER,
            call(X.as_ptr(), N, 3, 4, &mut ws),
        ),
        (
            NANOCLUST_ERR_INVALID_PARAMETER,
            call(X.as_ptr(), N, 3, NANOCLUST_METRIC_COSINE, &mut ws),
        ),
        (
            NANOCLUST_ERR_NON_FINITE,
            call(nan.as_ptr(), N, 3, 0, &mut ws),
        ),
        (
            NANOCLUST_ERR_WORKSPACE_TOO_SMALL,
            call(X.as_ptr(), N, 3, 0, &mut ws[..2]),
        ),
    ] {
        assert_eq!(got, want);
        assert_eq!(out, [-7.0; N], "status {want}: output untouched");
    }
    let mut out = [-7.0f64; N];
    assert_eq!(
        unsafe {
            nanoclust_core_distances_f64(
                X.as_ptr(),
                N,
                2,
                3,
                0,
                ws.as_mut_ptr().cast(),
                ws.len(),
                null_mut(),
            )
        },
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        unsafe {
            nanoclust_core_distances_f64(X.as_ptr(), N, 2, 3, 0, null_mut(), 5, out.as_mut_ptr())
        },
        NANOCLUST_ERR_NULL_POINTER
    );
    // f32: an extent whose distances overflow is NUMERICAL; n = 1 works.
    let huge = [-3e38f32, 0.0, 3e38, 0.0];
    let mut bytes = 0;
    assert_eq!(
        unsafe { nanoclust_core_distances_workspace_size_f32(2, 2, 1, 0, &mut bytes) },
        NANOCLUST_OK
    );
    let mut ws = vec![0u8; bytes];
    let mut out32 = [-7.0f32; 2];
    let s = unsafe {
        nanoclust_core_distances_f32(
            huge.as_ptr(),
            2,
            2,
            1,
            0,
            ws.as_mut_ptr().cast(),
            ws.len(),
            out32.as_mut_ptr(),
        )
    };
    assert_eq!((s, out32), (NANOCLUST_ERR_NUMERICAL, [-7.0; 2]));
    let one = [1.0f32, 2.0];
    let mut o = [-7.0f32];
    let s = unsafe {
        nanoclust_core_distances_f32(
            one.as_ptr(),
            1,
            2,
            1,
            0,
            ws.as_mut_ptr().cast(),
            ws.len(),
            o.as_mut_ptr(),
        )
    };
    assert_eq!((s, o), (NANOCLUST_OK, [0.0]));
}
