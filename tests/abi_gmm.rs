//! ABI edge cases of every `nanoclust_gmm_*` export, f32 and f64: NULL for every
//! pointer, zero and overflowing sizes, NaN/Inf in data, start and real-valued
//! params, out-of-range enums, short workspaces, numerical failures, and that
//! every failing call leaves every output untouched (sentinel-filled buffers).
use nanoclust::ffi::gmm::*;
use nanoclust::ffi::status::*;
use std::ffi::c_void;
use std::ptr::{null, null_mut};

const N: usize = 12;
const D: usize = 2;
const K: usize = 2;

macro_rules! abi_tests {
    ($modname:ident, $t:ty, $ws:ident, $fit:ident, $fitw:ident, $pws:ident, $predict:ident, $bic:ident) => {
        mod $modname {
            use super::*;
            type T = $t;
            const SENT: T = -12345.0;

            fn data() -> Vec<T> {
                (0..N)
                    .flat_map(|i| {
                        let c = if i % 2 == 0 { -3.0 } else { 3.0 };
                        [c + (i as T) * 0.1, (i % 3) as T * 0.2]
                    })
                    .collect()
            }

            fn params(ct: u32, init: u32) -> nanoclust_gmm_params {
                let mut p = unsafe { nanoclust_gmm_params_default(K as u32) };
                p.covariance_type = ct;
                p.init = init;
                p
            }

            fn cov_len(ct: u32) -> usize {
                match ct {
                    0 => K * D * D,
                    1 => D * D,
                    2 => K * D,
                    _ => K,
                }
            }

            fn ws_size(p: &nanoclust_gmm_params) -> usize {
                let mut b = 0usize;
                assert_eq!(unsafe { $ws(N, D, p, &mut b) }, NANOCLUST_OK);
                b
            }

            /// Calls fit with sentinel outputs; on failure asserts they are untouched.
            fn fit_with(
                x: &[T],
                n: usize,
                p: &nanoclust_gmm_params,
                ws_bytes: usize,
            ) -> (i32, Vec<T>, Vec<T>, Vec<T>) {
                let ct = p.covariance_type.min(3);
                let mut ws = vec![0u8; ws_bytes.max(1)];
                let (mut w, mut m, mut c) =
                    (vec![SENT; K], vec![SENT; K * D], vec![SENT; cov_len(ct)]);
                let mut r = nanoclust_gmm_result {
                    lower_bound: 7.0,
                    n_iter: 7,
                    converged: 7,
                };
                let s = unsafe {
                    $fit(
                        x.as_ptr(),
                        n,
                        D,
                        p,
                        ws.as_mut_ptr() as *mut c_void,
                        ws_bytes,
                        w.as_mut_ptr(),
                        m.as_mut_ptr(),
                        c.as_mut_ptr(),
                        &mut r,
                    )
                };
                if s != NANOCLUST_OK {
                    assert!(
                        w.iter().chain(&m).chain(&c).all(|&v| v == SENT),
                        "outputs written on status {s}"
                    );
                    assert_eq!((r.lower_bound, r.n_iter, r.converged), (7.0, 7, 7));
                } else {
                    assert!(w.iter().chain(&m).chain(&c).all(|v| v.is_finite()));
                    assert!(r.lower_bound.is_finite() && r.n_iter >= 1);
                }
                (s, w, m, c)
            }

            #[test]
            fn fits_every_covariance_type_and_predicts() {
                let x = data();
                for ct in 0..4u32 {
                    let p = params(ct, NANOCLUST_GMM_INIT_KMEANS);
                    let (s, w, m, c) = fit_with(&x, N, &p, ws_size(&p));
                    assert_eq!(s, NANOCLUST_OK, "ct {ct}");
                    let mut pb = 0usize;
                    assert_eq!(unsafe { $pws(K, D, ct, &mut pb) }, NANOCLUST_OK);
                    let mut ws = vec![0u8; pb];
                    let (mut l, mut pr, mut ll) =
                        (vec![-7i32; N], vec![SENT; N * K], vec![SENT; N]);
                    let st = unsafe {
                        $predict(
                            w.as_ptr(),
                            m.as_ptr(),
                            c.as_ptr(),
                            K,
                            D,
                            ct,
                            x.as_ptr(),
                            N,
                            ws.as_mut_ptr() as *mut c_void,
                            pb,
                            l.as_mut_ptr(),
                            pr.as_mut_ptr(),
                            ll.as_mut_ptr(),
                        )
                    };
                    assert_eq!(st, NANOCLUST_OK);
                    assert!(l.iter().all(|&v| v == 0 || v == 1));
                    assert!(l.chunks(2).all(|p| p[0] != p[1]), "alternating blobs");
                    for row in pr.chunks(K) {
                        assert!(((row[0] + row[1]) as f64 - 1.0).abs() < 1e-5);
                    }
                    assert!(ll.iter().all(|v| v.is_finite()));
                    // All outputs NULL is a valid (validating) call.
                    let st = unsafe {
                        $predict(
                            w.as_ptr(),
                            m.as_ptr(),
                            c.as_ptr(),
                            K,
                            D,
                            ct,
                            x.as_ptr(),
                            N,
                            ws.as_mut_ptr() as *mut c_void,
                            pb,
                            null_mut(),
                            null_mut(),
                            null_mut(),
                        )
                    };
                    assert_eq!(st, NANOCLUST_OK);
                    let mut b = 0.0f64;
                    assert_eq!(
                        unsafe {
                            $bic(
                                w.as_ptr(),
                                m.as_ptr(),
                                c.as_ptr(),
                                K,
                                D,
                                ct,
                                x.as_ptr(),
                                N,
                                ws.as_mut_ptr() as *mut c_void,
                                pb,
                                &mut b,
                            )
                        },
                        NANOCLUST_OK
                    );
                    assert!(b.is_finite());
                }
            }

            #[test]
            fn fit_rejects_null_pointers() {
                let x = data();
                let p = params(0, NANOCLUST_GMM_INIT_KMEANS);
                let bytes = ws_size(&p);
                let mut ws = vec![0u8; bytes];
                let wsp = ws.as_mut_ptr() as *mut c_void;
                let (mut w, mut m, mut c) =
                    (vec![SENT; K], vec![SENT; K * D], vec![SENT; K * D * D]);
                let (wp, mp, cp) = (w.as_mut_ptr(), m.as_mut_ptr(), c.as_mut_ptr());
                let e = NANOCLUST_ERR_NULL_POINTER;
                assert_eq!(
                    unsafe { $fit(null(), N, D, &p, wsp, bytes, wp, mp, cp, null_mut()) },
                    e
                );
                assert_eq!(
                    unsafe { $fit(x.as_ptr(), N, D, null(), wsp, bytes, wp, mp, cp, null_mut()) },
                    e
                );
                assert_eq!(
                    unsafe {
                        $fit(
                            x.as_ptr(),
                            N,
                            D,
                            &p,
                            null_mut(),
                            bytes,
                            wp,
                            mp,
                            cp,
                            null_mut(),
                        )
                    },
                    e
                );
                assert_eq!(
                    unsafe {
                        $fit(
                            x.as_ptr(),
                            N,
                            D,
                            &p,
                            wsp,
                            bytes,
                            null_mut(),
                            mp,
                            cp,
                            null_mut(),
                        )
                    },
                    e
                );
                assert_eq!(
                    unsafe {
                        $fit(
                            x.as_ptr(),
                            N,
                            D,
                            &p,
                            wsp,
                            bytes,
                            wp,
                            null_mut(),
                            cp,
                            null_mut(),
                        )
                    },
                    e
                );
                assert_eq!(
                    unsafe {
                        $fit(
                            x.as_ptr(),
                            N,
                            D,
                            &p,
                            wsp,
                            bytes,
                            wp,
                            mp,
                            null_mut(),
                            null_mut(),
                        )
                    },
                    e
                );
                assert!(w.iter().chain(&m).chain(&c).all(|&v| v == SENT));
                // result may be NULL.
                assert_eq!(
                    unsafe { $fit(x.as_ptr(), N, D, &p, wsp, bytes, wp, mp, cp, null_mut()) },
                    NANOCLUST_OK
                );
                // Size queries.
                let mut b = 0usize;
                assert_eq!(unsafe { $ws(N, D, null(), &mut b) }, e);
                assert_eq!(unsafe { $ws(N, D, &p, null_mut()) }, e);
                assert_eq!(unsafe { $pws(K, D, 0, null_mut()) }, e);
            }

            #[test]
            fn fit_rejects_bad_sizes() {
                let x = data();
                let p = params(0, NANOCLUST_GMM_INIT_KMEANS);
                let bytes = ws_size(&p);
                let mut b = 0usize;
                assert_eq!(
                    unsafe { $ws(0, D, &p, &mut b) },
                    NANOCLUST_ERR_INVALID_SHAPE
                );
                assert_eq!(
                    unsafe { $ws(N, 0, &p, &mut b) },
                    NANOCLUST_ERR_INVALID_SHAPE
                );
                assert_eq!(
                    unsafe { $ws(1, D, &p, &mut b) },
                    NANOCLUST_ERR_INVALID_PARAMETER,
                    "k > n"
                );
                let huge = usize::MAX / 2;
                assert_ne!(unsafe { $ws(huge, huge, &p, &mut b) }, NANOCLUST_OK);
                assert_eq!(b, 0, "bytes_out untouched on failure");
                assert_eq!(fit_with(&x, 0, &p, bytes).0, NANOCLUST_ERR_INVALID_SHAPE);
                assert_eq!(
                    fit_with(&x, 1, &p, bytes).0,
                    NANOCLUST_ERR_INVALID_PARAMETER
                );
                let mut ws = vec![0u8; bytes];
                let (mut w, mut m, mut c) =
                    (vec![SENT; K], vec![SENT; K * D], vec![SENT; K * D * D]);
                let s = unsafe {
                    $fit(
                        x.as_ptr(),
                        huge,
                        D,
                        &p,
                        ws.as_mut_ptr() as *mut c_void,
                        bytes,
                        w.as_mut_ptr(),
                        m.as_mut_ptr(),
                        c.as_mut_ptr(),
                        null_mut(),
                    )
                };
                assert_eq!(s, NANOCLUST_ERR_INVALID_SHAPE);
                let s = unsafe {
                    $fit(
                        x.as_ptr(),
                        N,
                        huge,
                        &p,
                        ws.as_mut_ptr() as *mut c_void,
                        bytes,
                        w.as_mut_ptr(),
                        m.as_mut_ptr(),
                        c.as_mut_ptr(),
                        null_mut(),
                    )
                };
                assert_eq!(s, NANOCLUST_ERR_INVALID_SHAPE);
                assert!(w.iter().chain(&m).chain(&c).all(|&v| v == SENT));
                // Predict sizes.
                assert_eq!(
                    unsafe { $pws(0, D, 0, &mut b) },
                    NANOCLUST_ERR_INVALID_SHAPE
                );
                assert_eq!(
                    unsafe { $pws(K, 0, 0, &mut b) },
                    NANOCLUST_ERR_INVALID_SHAPE
                );
                assert_eq!(
                    unsafe { $pws(huge, D, 0, &mut b) },
                    NANOCLUST_ERR_INVALID_SHAPE,
                    "k > INT32_MAX"
                );
                assert_eq!(
                    unsafe { $pws(K, huge, 0, &mut b) },
                    NANOCLUST_ERR_SIZE_OVERFLOW
                );
                assert_eq!(
                    unsafe { $pws(K, huge, 2, &mut b) },
                    NANOCLUST_ERR_SIZE_OVERFLOW
                );
            }

            #[test]
            fn fit_rejects_bad_parameters_and_enums() {
                let x = data();
                let base = params(0, NANOCLUST_GMM_INIT_KMEANS);
                let bytes = ws_size(&base);
                let mut cases = Vec::new();
                for bad in [f64::NAN, f64::INFINITY, -1.0] {
                    cases.push(nanoclust_gmm_params { tol: bad, ..base });
                    cases.push(nanoclust_gmm_params {
                        reg_covar: bad,
                        ..base
                    });
                }
                cases.push(nanoclust_gmm_params {
                    n_components: 0,
                    ..base
                });
                cases.push(nanoclust_gmm_params {
                    max_iter: 0,
                    ..base
                });
                cases.push(nanoclust_gmm_params { n_init: 0, ..base });
                cases.push(nanoclust_gmm_params {
                    covariance_type: 4,
                    ..base
                });
                cases.push(nanoclust_gmm_params {
                    covariance_type: u32::MAX,
                    ..base
                });
                cases.push(nanoclust_gmm_params { init: 2, ..base });
                for p in &cases {
                    let mut b = 0usize;
                    assert_eq!(
                        unsafe { $ws(N, D, p, &mut b) },
                        NANOCLUST_ERR_INVALID_PARAMETER,
                        "{p:?}"
                    );
                    assert_eq!(
                        fit_with(&x, N, p, bytes).0,
                        NANOCLUST_ERR_INVALID_PARAMETER,
                        "{p:?}"
                    );
                }
            }

            #[test]
            fn fit_rejects_non_finite_data_and_start() {
                let p = params(2, NANOCLUST_GMM_INIT_KMEANS);
                let bytes = ws_size(&p);
                for bad in [T::NAN, T::INFINITY, T::NEG_INFINITY] {
                    let mut x = data();
                    x[5] = bad;
                    assert_eq!(fit_with(&x, N, &p, bytes).0, NANOCLUST_ERR_NON_FINITE);
                }
                // Provided start with a NaN mean / negative or unnormalised weights.
                let x = data();
                let p = params(2, NANOCLUST_GMM_INIT_PROVIDED);
                let bytes = ws_size(&p);
                let mut ws = vec![0u8; bytes];
                let cases: [([T; 2], [T; 4], [T; 4], i32); 5] = [
                    (
                        [0.5, 0.5],
                        [-3.0, 0.0, T::NAN, 0.0],
                        [1.0; 4],
                        NANOCLUST_ERR_NON_FINITE,
                    ),
                    (
                        [0.5, 0.5],
                        [-3.0, 0.0, 3.0, 0.0],
                        [1.0, T::INFINITY, 1.0, 1.0],
                        NANOCLUST_ERR_NON_FINITE,
                    ),
                    (
                        [1.5, -0.5],
                        [-3.0, 0.0, 3.0, 0.0],
                        [1.0; 4],
                        NANOCLUST_ERR_INVALID_PARAMETER,
                    ),
                    (
                        [0.5, 0.6],
                        [-3.0, 0.0, 3.0, 0.0],
                        [1.0; 4],
                        NANOCLUST_ERR_INVALID_PARAMETER,
                    ),
                    (
                        [0.5, 0.5],
                        [-3.0, 0.0, 3.0, 0.0],
                        [1.0, 0.0, 1.0, 1.0],
                        NANOCLUST_ERR_NUMERICAL,
                    ),
                ];
                for (w0, m0, c0, want) in cases {
                    let (mut w, mut m, mut c) = (w0, m0, c0);
                    let s = unsafe {
                        $fit(
                            x.as_ptr(),
                            N,
                            D,
                            &p,
                            ws.as_mut_ptr() as *mut c_void,
                            bytes,
                            w.as_mut_ptr(),
                            m.as_mut_ptr(),
                            c.as_mut_ptr(),
                            null_mut(),
                        )
                    };
                    assert_eq!(s, want);
                    assert!(w.iter().zip(&w0).all(|(a, b)| a.to_bits() == b.to_bits()));
                    assert!(m.iter().zip(&m0).all(|(a, b)| a.to_bits() == b.to_bits()));
                    assert!(c.iter().zip(&c0).all(|(a, b)| a.to_bits() == b.to_bits()));
                }
                // The same start with valid values fits.
                let (mut w, mut m, mut c) =
                    ([0.5 as T, 0.5], [-3.0 as T, 0.0, 3.0, 0.0], [1.0 as T; 4]);
                let s = unsafe {
                    $fit(
                        x.as_ptr(),
                        N,
                        D,
                        &p,
                        ws.as_mut_ptr() as *mut c_void,
                        bytes,
                        w.as_mut_ptr(),
                        m.as_mut_ptr(),
                        c.as_mut_ptr(),
                        null_mut(),
                    )
                };
                assert_eq!(s, NANOCLUST_OK);
            }

            #[test]
            fn short_workspace_fails_before_writing() {
                let x = data();
                for ct in 0..4 {
                    let p = params(ct, NANOCLUST_GMM_INIT_KMEANS);
                    let bytes = ws_size(&p);
                    assert_eq!(
                        fit_with(&x, N, &p, bytes - 1).0,
                        NANOCLUST_ERR_WORKSPACE_TOO_SMALL
                    );
                    assert_eq!(fit_with(&x, N, &p, bytes).0, NANOCLUST_OK);
                }
                // NULL workspace with a nonzero size is a NULL pointer.
                let p = params(0, NANOCLUST_GMM_INIT_KMEANS);
                let (mut w, mut m, mut c) =
                    (vec![SENT; K], vec![SENT; K * D], vec![SENT; K * D * D]);
                let s = unsafe {
                    $fit(
                        data().as_ptr(),
                        N,
                        D,
                        &p,
                        null_mut(),
                        0,
                        w.as_mut_ptr(),
                        m.as_mut_ptr(),
                        c.as_mut_ptr(),
                        null_mut(),
                    )
                };
                assert_eq!(s, NANOCLUST_ERR_WORKSPACE_TOO_SMALL);
            }

            #[test]
            fn predict_and_bic_edge_cases() {
                let x = data();
                let ct = NANOCLUST_COVARIANCE_DIAG;
                let w: [T; 2] = [0.5, 0.5];
                let m: [T; 4] = [-3.0, 0.0, 3.0, 0.0];
                let c: [T; 4] = [1.0; 4];
                let mut pb = 0usize;
                assert_eq!(unsafe { $pws(K, D, ct, &mut pb) }, NANOCLUST_OK);
                let mut ws = vec![0u8; pb];
                let wsp = ws.as_mut_ptr() as *mut c_void;
                let run = |w: &[T],
                           m: &[T],
                           c: &[T],
                           ct: u32,
                           x: &[T],
                           n: usize,
                           ws: *mut c_void,
                           bytes: usize| {
                    let (mut l, mut pr, mut ll) =
                        (vec![-7i32; N], vec![SENT; N * K], vec![SENT; N]);
                    let s = unsafe {
                        $predict(
                            w.as_ptr(),
                            m.as_ptr(),
                            c.as_ptr(),
                            K,
                            D,
                            ct,
                            x.as_ptr(),
                            n,
                            ws,
                            bytes,
                            l.as_mut_ptr(),
                            pr.as_mut_ptr(),
                            ll.as_mut_ptr(),
                        )
                    };
                    let mut b = -7.0f64;
                    let sb = unsafe {
                        $bic(
                            w.as_ptr(),
                            m.as_ptr(),
                            c.as_ptr(),
                            K,
                            D,
                            ct,
                            x.as_ptr(),
                            n,
                            ws,
                            bytes,
                            &mut b,
                        )
                    };
                    assert_eq!(s, sb, "predict and bic agree on the status");
                    if s != NANOCLUST_OK {
                        assert!(
                            l.iter().all(|&v| v == -7) && pr.iter().chain(&ll).all(|&v| v == SENT)
                        );
                        assert_eq!(b, -7.0);
                    }
                    s
                };
                assert_eq!(run(&w, &m, &c, ct, &x, N, wsp, pb), NANOCLUST_OK);
                assert_eq!(
                    run(&w, &m, &c, 9, &x, N, wsp, pb),
                    NANOCLUST_ERR_INVALID_PARAMETER
                );
                assert_eq!(
                    run(&w, &m, &c, ct, &x, N, wsp, pb - 1),
                    NANOCLUST_ERR_WORKSPACE_TOO_SMALL
                );
                assert_eq!(
                    run(&w, &m, &c, ct, &x, 0, wsp, pb),
                    NANOCLUST_ERR_INVALID_SHAPE
                );
                assert_eq!(
                    run(&w, &m, &c, ct, &x, usize::MAX / 2, wsp, pb),
                    NANOCLUST_ERR_INVALID_SHAPE
                );
                assert_eq!(
                    run(&[0.5, T::NAN], &m, &c, ct, &x, N, wsp, pb),
                    NANOCLUST_ERR_NON_FINITE
                );
                assert_eq!(
                    run(&[-0.5, 1.5], &m, &c, ct, &x, N, wsp, pb),
                    NANOCLUST_ERR_INVALID_PARAMETER
                );
                assert_eq!(
                    run(&[0.0, 0.0], &m, &c, ct, &x, N, wsp, pb),
                    NANOCLUST_ERR_INVALID_PARAMETER
                );
                assert_eq!(
                    run(&w, &m, &[1.0, -1.0, 1.0, 1.0], ct, &x, N, wsp, pb),
                    NANOCLUST_ERR_NUMERICAL
                );
                let mut xn = x.clone();
                xn[3] = T::NAN;
                assert_eq!(
                    run(&w, &m, &c, ct, &xn, N, wsp, pb),
                    NANOCLUST_ERR_NON_FINITE
                );
                // Finite data whose squared distances overflow: NUMERICAL, outputs untouched.
                let mut xb = x.clone();
                xb[7] = T::MAX;
                assert_eq!(
                    run(&w, &m, &c, ct, &xb, N, wsp, pb),
                    NANOCLUST_ERR_NUMERICAL
                );
                // A zero weight is allowed: that component never wins.
                let (mut l, mut pr) = (vec![-7i32; N], vec![SENT; N * K]);
                let s = unsafe {
                    $predict(
                        [0.0 as T, 1.0].as_ptr(),
                        m.as_ptr(),
                        c.as_ptr(),
                        K,
                        D,
                        ct,
                        x.as_ptr(),
                        N,
                        wsp,
                        pb,
                        l.as_mut_ptr(),
                        pr.as_mut_ptr(),
                        null_mut(),
                    )
                };
                assert_eq!(s, NANOCLUST_OK);
                assert!(
                    l.iter().all(|&v| v == 1) && pr.chunks(2).all(|r| r[0] == 0.0 && r[1] == 1.0)
                );
                // NULL pointers.
                let e = NANOCLUST_ERR_NULL_POINTER;
                let mut b = 0.0;
                let nl = null_mut();
                assert_eq!(
                    unsafe {
                        $predict(
                            null(),
                            m.as_ptr(),
                            c.as_ptr(),
                            K,
                            D,
                            ct,
                            x.as_ptr(),
                            N,
                            wsp,
                            pb,
                            nl,
                            null_mut(),
                            null_mut(),
                        )
                    },
                    e
                );
                assert_eq!(
                    unsafe {
                        $predict(
                            w.as_ptr(),
                            null(),
                            c.as_ptr(),
                            K,
                            D,
                            ct,
                            x.as_ptr(),
                            N,
                            wsp,
                            pb,
                            nl,
                            null_mut(),
                            null_mut(),
                        )
                    },
                    e
                );
                assert_eq!(
                    unsafe {
                        $predict(
                            w.as_ptr(),
                            m.as_ptr(),
                            null(),
                            K,
                            D,
                            ct,
                            x.as_ptr(),
                            N,
                            wsp,
                            pb,
                            nl,
                            null_mut(),
                            null_mut(),
                        )
                    },
                    e
                );
                assert_eq!(
                    unsafe {
                        $predict(
                            w.as_ptr(),
                            m.as_ptr(),
                            c.as_ptr(),
                            K,
                            D,
                            ct,
                            null(),
                            N,
                            wsp,
                            pb,
                            nl,
                            null_mut(),
                            null_mut(),
                        )
                    },
                    e
                );
                assert_eq!(
                    unsafe {
                        $predict(
                            w.as_ptr(),
                            m.as_ptr(),
                            c.as_ptr(),
                            K,
                            D,
                            ct,
                            x.as_ptr(),
                            N,
                            null_mut(),
                            pb,
                            nl,
                            null_mut(),
                            null_mut(),
                        )
                    },
                    e
                );
                assert_eq!(
                    unsafe {
                        $bic(
                            null(),
                            m.as_ptr(),
                            c.as_ptr(),
                            K,
                            D,
                            ct,
                            x.as_ptr(),
                            N,
                            wsp,
                            pb,
                            &mut b,
                        )
                    },
                    e
                );
                assert_eq!(
                    unsafe {
                        $bic(
                            w.as_ptr(),
                            null(),
                            c.as_ptr(),
                            K,
                            D,
                            ct,
                            x.as_ptr(),
                            N,
                            wsp,
                            pb,
                            &mut b,
                        )
                    },
                    e
                );
                assert_eq!(
                    unsafe {
                        $bic(
                            w.as_ptr(),
                            m.as_ptr(),
                            null(),
                            K,
                            D,
                            ct,
                            x.as_ptr(),
                            N,
                            wsp,
                            pb,
                            &mut b,
                        )
                    },
                    e
                );
                assert_eq!(
                    unsafe {
                        $bic(
                            w.as_ptr(),
                            m.as_ptr(),
                            c.as_ptr(),
                            K,
                            D,
                            ct,
                            null(),
                            N,
                            wsp,
                            pb,
                            &mut b,
                        )
                    },
                    e
                );
                assert_eq!(
                    unsafe {
                        $bic(
                            w.as_ptr(),
                            m.as_ptr(),
                            c.as_ptr(),
                            K,
                            D,
                            ct,
                            x.as_ptr(),
                            N,
                            null_mut(),
                            pb,
                            &mut b,
                        )
                    },
                    e
                );
                assert_eq!(
                    unsafe {
                        $bic(
                            w.as_ptr(),
                            m.as_ptr(),
                            c.as_ptr(),
                            K,
                            D,
                            ct,
                            x.as_ptr(),
                            N,
                            wsp,
                            pb,
                            null_mut(),
                        )
                    },
                    e
                );
                assert_eq!(b, 0.0);
                // Zero and overflowing k / d.
                let huge = usize::MAX / 2;
                for (k, d) in [(0, D), (K, 0), (huge, D), (K, huge)] {
                    let s = unsafe {
                        $predict(
                            w.as_ptr(),
                            m.as_ptr(),
                            c.as_ptr(),
                            k,
                            d,
                            ct,
                            x.as_ptr(),
                            N,
                            wsp,
                            pb,
                            nl,
                            null_mut(),
                            null_mut(),
                        )
                    };
                    assert_eq!(s, NANOCLUST_ERR_INVALID_SHAPE, "k {k} d {d}");
                    let s = unsafe {
                        $bic(
                            w.as_ptr(),
                            m.as_ptr(),
                            c.as_ptr(),
                            k,
                            d,
                            ct,
                            x.as_ptr(),
                            N,
                            wsp,
                            pb,
                            &mut b,
                        )
                    };
                    assert_eq!(s, NANOCLUST_ERR_INVALID_SHAPE, "k {k} d {d}");
                }
            }

            #[test]
            fn weighted_fit_edge_cases() {
                let x = data();
                let p = params(0, NANOCLUST_GMM_INIT_KMEANS);
                let bytes = ws_size(&p);
                let mut ws = vec![0u8; bytes];
                let call = |sw: *const T, xp: *const T, ws: &mut Vec<u8>| {
                    let (mut w, mut m, mut c) =
                        (vec![SENT; K], vec![SENT; K * D], vec![SENT; K * D * D]);
                    let s = unsafe {
                        $fitw(
                            xp,
                            N,
                            D,
                            sw,
                            &p,
                            ws.as_mut_ptr() as *mut c_void,
                            bytes,
                            w.as_mut_ptr(),
                            m.as_mut_ptr(),
                            c.as_mut_ptr(),
                            null_mut(),
                        )
                    };
                    if s != NANOCLUST_OK {
                        assert!(
                            w.iter().chain(&m).chain(&c).all(|&v| v == SENT),
                            "outputs written on {s}"
                        );
                    }
                    (s, w, m, c)
                };
                // NULL weights: exactly the unweighted fit.
                let (s, w, m, c) = call(null(), x.as_ptr(), &mut ws);
                assert_eq!(s, NANOCLUST_OK);
                let (s2, w2, m2, c2) = fit_with(&x, N, &p, bytes);
                assert_eq!(s2, NANOCLUST_OK);
                assert_eq!((w, m, c), (w2, m2, c2));
                let ones = vec![1.0 as T; N];
                assert_eq!(call(ones.as_ptr(), x.as_ptr(), &mut ws).0, NANOCLUST_OK);
                let mut bad = ones.clone();
                bad[2] = -1.0;
                assert_eq!(
                    call(bad.as_ptr(), x.as_ptr(), &mut ws).0,
                    NANOCLUST_ERR_INVALID_PARAMETER
                );
                bad[2] = T::NAN;
                assert_eq!(
                    call(bad.as_ptr(), x.as_ptr(), &mut ws).0,
                    NANOCLUST_ERR_NON_FINITE
                );
                let zeros = vec![0.0 as T; N];
                assert_eq!(
                    call(zeros.as_ptr(), x.as_ptr(), &mut ws).0,
                    NANOCLUST_ERR_INVALID_PARAMETER
                );
                assert_eq!(
                    call(ones.as_ptr(), null(), &mut ws).0,
                    NANOCLUST_ERR_NULL_POINTER
                );
            }

            #[test]
            fn near_max_data_is_numerical_not_nan() {
                let p = params(0, NANOCLUST_GMM_INIT_PROVIDED);
                let bytes = ws_size(&p);
                let mut x = data();
                x[0] = T::MAX / 2.0;
                x[2] = -T::MAX / 2.0;
                let mut ws = vec![0u8; bytes];
                let (mut w, mut m, mut c) = (
                    [0.5 as T, 0.5],
                    [-3.0 as T, 0.0, 3.0, 0.0],
                    [1.0 as T, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0],
                );
                let s = unsafe {
                    $fit(
                        x.as_ptr(),
                        N,
                        D,
                        &p,
                        ws.as_mut_ptr() as *mut c_void,
                        bytes,
                        w.as_mut_ptr(),
                        m.as_mut_ptr(),
                        c.as_mut_ptr(),
                        null_mut(),
                    )
                };
                assert_eq!(s, NANOCLUST_ERR_NUMERICAL);
                assert_eq!(w, [0.5, 0.5]);
            }
        }
    };
}

abi_tests!(
    f32_abi,
    f32,
    nanoclust_gmm_workspace_size_f32,
    nanoclust_gmm_fit_f32,
    nanoclust_gmm_fit_weighted_f32,
    nanoclust_gmm_predict_workspace_size_f32,
    nanoclust_gmm_predict_f32,
    nanoclust_gmm_bic_f32
);
abi_tests!(
    f64_abi,
    f64,
    nanoclust_gmm_workspace_size_f64,
    nanoclust_gmm_fit_f64,
    nanoclust_gmm_fit_weighted_f64,
    nanoclust_gmm_predict_workspace_size_f64,
    nanoclust_gmm_predict_f64,
    nanoclust_gmm_bic_f64
);

#[test]
fn params_default_matches_the_contract() {
    let p = unsafe { nanoclust_gmm_params_default(3) };
    assert_eq!(p.n_components, 3);
    assert_eq!(p.covariance_type, NANOCLUST_COVARIANCE_FULL);
    assert_eq!(
        (p.max_iter, p.n_init, p.tol, p.reg_covar),
        (100, 1, 1e-3, 1e-6)
    );
    assert_eq!((p.init, p.seed), (NANOCLUST_GMM_INIT_KMEANS, 0));
}
