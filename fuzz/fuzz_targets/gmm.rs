//! Gaussian mixtures: `nanoclust_gmm_fit(_weighted)`, `_predict`, `_bic` and
//! the workspace queries, f32 and f64, every covariance type and start.
//!
//! Oracles: documented status; canaries on failure (in/out model buffers
//! unchanged); on OK finite weights summing to 1, finite means and
//! covariances, finite lower bound, n_iter <= max_iter; predict on the fitted
//! model gives labels in 0..k, probability rows that sum to 1 with the label
//! at their maximum, finite log-likelihoods; BIC finite.
#![no_main]
#![allow(unused_unsafe)]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use nanoclust::ffi::gmm::*;
use nanoclust_fuzz::*;
use std::ptr::null;

macro_rules! run_impl {
    ($name:ident, $t:ty, $ws:ident, $fitw:ident, $pws:ident, $pred:ident, $bic:ident) => {
        fn $name(u: &mut Unstructured<'_>) {
            let pal = Palette::arbitrary(u);
            let n = u.int_in_range(1usize..=30).unwrap_or(1);
            let d = u.int_in_range(1usize..=3).unwrap_or(1);
            let x: Vec<$t> = conv(&pal.matrix(u, n, d));
            let mut p = unsafe { nanoclust_gmm_params_default(1) };
            p.n_components = u.int_in_range(0u32..=(n as u32 + 1).min(4)).unwrap_or(1);
            p.covariance_type = u.int_in_range(0u32..=4).unwrap_or(0);
            p.max_iter = u.int_in_range(0u32..=20).unwrap_or(5);
            p.n_init = u.int_in_range(0u32..=2).unwrap_or(1);
            p.tol = if u.ratio(1, 4).unwrap_or(false) {
                0.0
            } else {
                1e-3
            };
            p.reg_covar = match u.int_in_range(0u8..=3).unwrap_or(0) {
                0 => 0.0,
                1 => 1e-6,
                2 => 1e-1,
                _ => {
                    if pal.special {
                        f64::NAN
                    } else {
                        1e-6
                    }
                }
            };
            p.init = u.int_in_range(0u32..=2).unwrap_or(0);
            p.seed = u.arbitrary().unwrap_or(0);
            let k = p.n_components as usize;
            let clen = match p.covariance_type {
                0 => k * d * d,
                1 => d * d,
                2 => k * d,
                _ => k,
            };
            let w: Option<Vec<$t>> = u.ratio(1, 4).unwrap_or(false).then(|| {
                (0..n)
                    .map(|_| u.int_in_range(0u8..=3).unwrap_or(1) as $t * 0.5)
                    .collect()
            });
            let mut q = 0usize;
            let qs = unsafe { $ws(n, d, &p, &mut q) };
            check_status(qs, "gmm_workspace_size");
            let (mut buf, off, len) = workspace(u, if qs == 0 { q } else { 64 });
            let mut wt = canary::<$t>(k);
            let mut mu = canary::<$t>(k * d);
            let mut cv = canary::<$t>(clen);
            if p.init == NANOCLUST_GMM_INIT_PROVIDED {
                for v in wt.iter_mut() {
                    *v = 1.0 / k.max(1) as $t;
                }
                for (i, v) in mu.iter_mut().enumerate() {
                    *v = x[(i * 7) % x.len()];
                }
                for v in cv.iter_mut() {
                    *v = 0.0;
                }
                let ones = match p.covariance_type {
                    0 => (0..k * d * d)
                        .filter(|i| (i % (d * d)) % (d + 1) == 0)
                        .collect::<Vec<_>>(),
                    1 => (0..d * d).filter(|i| i % (d + 1) == 0).collect(),
                    _ => (0..clen).collect(),
                };
                for i in ones {
                    cv[i] = 1.0;
                }
            }
            let before = (wt.clone(), mu.clone(), cv.clone());
            let mut r: Vec<nanoclust_gmm_result> = canary(1);
            let s = unsafe {
                $fitw(
                    x.as_ptr(),
                    n,
                    d,
                    w.as_ref().map_or(null(), |w| w.as_ptr()),
                    &p,
                    buf[off..].as_mut_ptr().cast(),
                    len,
                    wt.as_mut_ptr(),
                    mu.as_mut_ptr(),
                    cv.as_mut_ptr(),
                    r.as_mut_ptr(),
                )
            };
            check_status(s, "gmm_fit");
            if s != 0 {
                assert_eq!(bytes(&wt), bytes(&before.0), "weights written on failure");
                assert_eq!(bytes(&mu), bytes(&before.1), "means written on failure");
                assert_eq!(
                    bytes(&cv),
                    bytes(&before.2),
                    "covariances written on failure"
                );
                untouched(&r, "gmm result");
                return;
            }
            assert!(len >= q);
            assert!(
                all_finite(&wt) && all_finite(&mu) && all_finite(&cv),
                "non-finite model on OK"
            );
            let sw: f64 = wt.iter().map(|&v| v as f64).sum();
            assert!((sw - 1.0).abs() <= 1e-4, "weights sum to {sw}");
            assert!(
                r[0].lower_bound.is_finite()
                    && r[0].n_iter <= p.max_iter.max(1)
                    && r[0].converged <= 1
            );
            let m = u.int_in_range(1usize..=n).unwrap_or(1);
            let mut q2 = 0usize;
            assert_eq!(unsafe { $pws(k, d, p.covariance_type, &mut q2) }, 0);
            let mut b2 = vec![0u8; q2 + 1];
            let mut lab = canary::<i32>(m);
            let mut pr = canary::<$t>(m * k);
            let mut ll = canary::<$t>(m);
            let s = unsafe {
                $pred(
                    wt.as_ptr(),
                    mu.as_ptr(),
                    cv.as_ptr(),
                    k,
                    d,
                    p.covariance_type,
                    x.as_ptr(),
                    m,
                    b2.as_mut_ptr().cast(),
                    q2,
                    lab.as_mut_ptr(),
                    pr.as_mut_ptr(),
                    ll.as_mut_ptr(),
                )
            };
            check_status(s, "gmm_predict");
            if s == 0 {
                for i in 0..m {
                    let row = &pr[i * k..i * k + k];
                    let l = lab[i];
                    assert!(l >= 0 && (l as usize) < k);
                    let sum: f64 = row.iter().map(|&v| v as f64).sum();
                    assert!(
                        all_finite(row) && (sum - 1.0).abs() < 1e-3,
                        "proba row sums to {sum}"
                    );
                    let mx = row.iter().cloned().fold(0.0 as $t, <$t>::max);
                    assert!(
                        row[l as usize] >= mx * (1.0 - 1e-3),
                        "label not at the maximum probability"
                    );
                    assert!((ll[i] as f64).is_finite());
                }
            } else {
                assert_eq!(s, 7, "predict on a fitted model: only NUMERICAL may fail");
                untouched(&lab, "gmm labels");
                untouched(&pr, "gmm proba");
                untouched(&ll, "gmm log_likelihood");
            }
            let mut bic = canary::<f64>(1);
            let s = unsafe {
                $bic(
                    wt.as_ptr(),
                    mu.as_ptr(),
                    cv.as_ptr(),
                    k,
                    d,
                    p.covariance_type,
                    x.as_ptr(),
                    n,
                    b2.as_mut_ptr().cast(),
                    q2,
                    bic.as_mut_ptr(),
                )
            };
            check_status(s, "gmm_bic");
            if s == 0 {
                assert!(bic[0].is_finite());
            } else {
                untouched(&bic, "bic");
            }
        }
    };
}
run_impl!(
    run32,
    f32,
    nanoclust_gmm_workspace_size_f32,
    nanoclust_gmm_fit_weighted_f32,
    nanoclust_gmm_predict_workspace_size_f32,
    nanoclust_gmm_predict_f32,
    nanoclust_gmm_bic_f32
);
run_impl!(
    run64,
    f64,
    nanoclust_gmm_workspace_size_f64,
    nanoclust_gmm_fit_weighted_f64,
    nanoclust_gmm_predict_workspace_size_f64,
    nanoclust_gmm_predict_f64,
    nanoclust_gmm_bic_f64
);

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    if u.ratio(1, 2).unwrap_or(false) {
        run32(&mut u);
    } else {
        run64(&mut u);
    }
});
