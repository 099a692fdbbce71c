//! ABI edge cases of the model-selection exports: NULLs, bad ranges, zero and
//! overflowing sizes, NaN/Inf, bad enums, short workspaces; outputs untouched
//! on every failure.
use nanoclust::ffi::*;
use std::ptr::{null, null_mut};

const SENTINEL: f64 = -12345.5;

fn blobs(n: usize) -> Vec<f32> {
    (0..n)
        .flat_map(|i| {
            let c = [[0.0f32, 0.0], [6.0, 6.0], [0.0, 9.0]][i % 3];
            let j = (i / 3) as f32 * 0.01;
            [c[0] + j, c[1] - j * 0.5]
        })
        .collect()
}

fn sweep_ws(n: usize, k_min: usize, k_max: usize, p: &nanoclust_kmeans_params) -> Vec<u8> {
    let mut bytes = 0;
    assert_eq!(
        unsafe { nanoclust_kmeans_sweep_workspace_size_f32(n, 2, k_min, k_max, p, &mut bytes) },
        NANOCLUST_OK
    );
    vec![0u8; bytes]
}

#[test]
fn sweep_happy_path_and_result() {
    let x = blobs(60);
    let p = unsafe { nanoclust_kmeans_params_default(0) };
    let mut ws = sweep_ws(60, 2, 6, &p);
    let (mut inertia, mut sil) = ([0.0; 5], [0.0; 5]);
    let mut r = nanoclust_kmeans_sweep_result {
        best_silhouette_k: 99,
        elbow_k: 99,
    };
    let s = unsafe {
        nanoclust_kmeans_sweep_f32(
            x.as_ptr(),
            60,
            2,
            null(),
            2,
            6,
            &p,
            ws.as_mut_ptr().cast(),
            ws.len(),
            inertia.as_mut_ptr(),
            sil.as_mut_ptr(),
            &mut r,
        )
    };
    assert_eq!(s, NANOCLUST_OK);
    assert_eq!(r.best_silhouette_k, 3);
    assert!(inertia.iter().all(|v| v.is_finite() && *v >= 0.0));
    assert!(sil.iter().all(|v| (-1.0..=1.0).contains(v)));
    // Without the silhouette: no best k, the same inertia.
    let mut inertia2 = [0.0; 5];
    let s = unsafe {
        nanoclust_kmeans_sweep_f32(
            x.as_ptr(),
            60,
            2,
            null(),
            2,
            6,
            &p,
            ws.as_mut_ptr().cast(),
            ws.len(),
            inertia2.as_mut_ptr(),
            null_mut(),
            &mut r,
        )
    };
    assert_eq!(s, NANOCLUST_OK);
    assert_eq!(r.best_silhouette_k, 0);
    assert_eq!(inertia, inertia2);
}

#[test]
fn sweep_rejects_bad_input_without_writing() {
    let x = blobs(30);
    let p = unsafe { nanoclust_kmeans_params_default(0) };
    let mut ws = sweep_ws(30, 2, 4, &p);
    let call = |x: *const f32,
                n: usize,
                k_min: usize,
                k_max: usize,
                p: *const nanoclust_kmeans_params,
                ws: &mut Vec<u8>,
                wsb: usize,
                inertia: *mut f64| {
        unsafe {
            nanoclust_kmeans_sweep_f32(
                x,
                n,
                2,
                null(),
                k_min,
                k_max,
                p,
                ws.as_mut_ptr().cast(),
                wsb,
                inertia,
                null_mut(),
                null_mut(),
            )
        }
    };
    let mut out = [SENTINEL; 3];
    let len = ws.len();
    assert_eq!(
        call(null(), 30, 2, 4, &p, &mut ws, len, out.as_mut_ptr()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        call(x.as_ptr(), 30, 2, 4, null(), &mut ws, len, out.as_mut_ptr()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        call(x.as_ptr(), 30, 2, 4, &p, &mut ws, len, null_mut()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        call(x.as_ptr(), 0, 2, 4, &p, &mut ws, len, out.as_mut_ptr()),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        call(
            x.as_ptr(),
            usize::MAX / 2,
            2,
            4,
            &p,
            &mut ws,
            len,
            out.as_mut_ptr()
        ),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        call(x.as_ptr(), 30, 1, 4, &p, &mut ws, len, out.as_mut_ptr()),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        call(x.as_ptr(), 30, 4, 3, &p, &mut ws, len, out.as_mut_ptr()),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        call(x.as_ptr(), 30, 2, 30, &p, &mut ws, len, out.as_mut_ptr()),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        call(
            x.as_ptr(),
            30,
            2,
            usize::MAX,
            &p,
            &mut ws,
            len,
            out.as_mut_ptr()
        ),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    let mut bad = p;
    bad.init = 77;
    assert_eq!(
        call(x.as_ptr(), 30, 2, 4, &bad, &mut ws, len, out.as_mut_ptr()),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        call(x.as_ptr(), 30, 2, 4, &p, &mut ws, len - 1, out.as_mut_ptr()),
        NANOCLUST_ERR_WORKSPACE_TOO_SMALL
    );
    let mut nan = x.clone();
    nan[7] = f32::NAN;
    assert_eq!(
        call(nan.as_ptr(), 30, 2, 4, &p, &mut ws, len, out.as_mut_ptr()),
        NANOCLUST_ERR_NON_FINITE
    );
    nan[7] = f32::INFINITY;
    assert_eq!(
        call(nan.as_ptr(), 30, 2, 4, &p, &mut ws, len, out.as_mut_ptr()),
        NANOCLUST_ERR_NON_FINITE
    );
    assert_eq!(out, [SENTINEL; 3], "outputs untouched on failure");
    let mut bytes = 7usize;
    assert_eq!(
        unsafe { nanoclust_kmeans_sweep_workspace_size_f64(30, 2, 2, 4, &p, null_mut()) },
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        unsafe { nanoclust_kmeans_sweep_workspace_size_f64(30, usize::MAX, 2, 4, &p, &mut bytes) },
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(bytes, 7);
}

#[test]
fn suggest_eps_edges() {
    let x = blobs(60);
    let mut bytes = 0;
    assert_eq!(
        unsafe {
            nanoclust_suggest_eps_workspace_size_f32(
                60,
                2,
                4,
                NANOCLUST_METRIC_EUCLIDEAN,
                &mut bytes,
            )
        },
        NANOCLUST_OK
    );
    let mut ws = vec![0u8; bytes];
    let (mut eps, mut knee) = (SENTINEL, 777usize);
    let mut curve = vec![-1.0f32; 60];
    let call = |x: *const f32,
                n: usize,
                ms: u32,
                metric: u32,
                wsb: usize,
                ws: &mut Vec<u8>,
                eps: *mut f64,
                curve: *mut f32,
                knee: *mut usize| {
        unsafe {
            nanoclust_suggest_eps_f32(
                x,
                n,
                2,
                ms,
                metric,
                ws.as_mut_ptr().cast(),
                wsb,
                eps,
                curve,
                knee,
            )
        }
    };
    let len = ws.len();
    assert_eq!(
        call(
            null(),
            60,
            4,
            0,
            len,
            &mut ws,
            &mut eps,
            curve.as_mut_ptr(),
            &mut knee
        ),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        call(
            x.as_ptr(),
            60,
            4,
            0,
            len,
            &mut ws,
            null_mut(),
            curve.as_mut_ptr(),
            &mut knee
        ),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        call(
            x.as_ptr(),
            60,
            0,
            0,
            len,
            &mut ws,
            &mut eps,
            curve.as_mut_ptr(),
            &mut knee
        ),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        call(
            x.as_ptr(),
            60,
            61,
            0,
            len,
            &mut ws,
            &mut eps,
            curve.as_mut_ptr(),
            &mut knee
        ),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        call(
            x.as_ptr(),
            60,
            4,
            9,
            len,
            &mut ws,
            &mut eps,
            curve.as_mut_ptr(),
            &mut knee
        ),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        call(
            x.as_ptr(),
            0,
            4,
            0,
            len,
            &mut ws,
            &mut eps,
            curve.as_mut_ptr(),
            &mut knee
        ),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        call(
            x.as_ptr(),
            60,
            4,
            0,
            len - 1,
            &mut ws,
            &mut eps,
            curve.as_mut_ptr(),
            &mut knee
        ),
        NANOCLUST_ERR_WORKSPACE_TOO_SMALL
    );
    let mut nan = x.clone();
    nan[3] = f32::NAN;
    assert_eq!(
        call(
            nan.as_ptr(),
            60,
            4,
            0,
            len,
            &mut ws,
            &mut eps,
            curve.as_mut_ptr(),
            &mut knee
        ),
        NANOCLUST_ERR_NON_FINITE
    );
    assert_eq!((eps, knee), (SENTINEL, 777));
    assert!(
        curve.iter().all(|&v| v == -1.0),
        "curve untouched on failure"
    );
    // Success, then the knee's value is eps.
    assert_eq!(
        call(
            x.as_ptr(),
            60,
            4,
            0,
            len,
            &mut ws,
            &mut eps,
            curve.as_mut_ptr(),
            &mut knee
        ),
        NANOCLUST_OK
    );
    assert_eq!(eps, curve[knee] as f64);
    // Cosine on a zero vector is invalid.
    let mut zero = x.clone();
    zero[0] = 0.0;
    zero[1] = 0.0;
    assert_eq!(
        call(
            zero.as_ptr(),
            60,
            4,
            NANOCLUST_METRIC_COSINE,
            len,
            &mut ws,
            &mut eps,
            null_mut(),
            null_mut()
        ),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
}

#[test]
fn knee_index_edges() {
    let y = [10.0, 3.0, 1.0, 0.8, 0.6];
    let mut i = 99usize;
    assert_eq!(
        unsafe { nanoclust_knee_index(y.as_ptr(), 5, &mut i) },
        NANOCLUST_OK
    );
    // Scaled: (0, 1), (.25, .255), (.5, .043), (.75, .021), (1, 0); the chord is
    // y = 1 - x, farthest at x = .25 (0.495 vs 0.457 at x = .5).
    assert_eq!(i, 1);
    let mut j = 99usize;
    assert_eq!(
        unsafe { nanoclust_knee_index(null(), 5, &mut j) },
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        unsafe { nanoclust_knee_index(y.as_ptr(), 5, null_mut()) },
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        unsafe { nanoclust_knee_index(y.as_ptr(), 2, &mut j) },
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        unsafe { nanoclust_knee_index([1.0, 2.0, 3.0].as_ptr(), 3, &mut j) },
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        unsafe { nanoclust_knee_index([1.0, f64::NAN, 3.0].as_ptr(), 3, &mut j) },
        NANOCLUST_ERR_NON_FINITE
    );
    assert_eq!(
        unsafe { nanoclust_knee_index([1.0, f64::INFINITY, 3.0].as_ptr(), 3, &mut j) },
        NANOCLUST_ERR_NON_FINITE
    );
    assert_eq!(
        unsafe { nanoclust_knee_index(y.as_ptr(), usize::MAX, &mut j) },
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(j, 99);
}
