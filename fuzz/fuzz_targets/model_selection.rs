//! Model selection: `nanoclust_kmeans_sweep`, `nanoclust_suggest_eps` and
//! `nanoclust_knee_index`, with their workspace queries, f32 and f64.
//!
//! Oracles: documented status; canaries on failure; on OK finite inertias
//! (non-increasing is not promised: each k is its own fit), silhouettes in
//! [-1, 1], best and elbow k inside [k_min, k_max] (or 0); suggest_eps gives a
//! finite eps >= 0 that is a value of its sorted k-distance curve, knee < n;
//! knee_index < n on any curve.
#![no_main]
#![allow(unused_unsafe)]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use nanoclust::ffi::*;
use nanoclust_fuzz::*;
use std::ptr::null;

macro_rules! run_impl {
    ($name:ident, $t:ty, $sws:ident, $sweep:ident, $ews:ident, $eps:ident) => {
        fn $name(u: &mut Unstructured<'_>) {
            let pal = Palette::arbitrary(u);
            let n = u.int_in_range(1usize..=30).unwrap_or(1);
            let d = u.int_in_range(1usize..=3).unwrap_or(1);
            let x: Vec<$t> = conv(&pal.matrix(u, n, d));
            let k_min = u.int_in_range(0usize..=3).unwrap_or(1);
            let k_max = u.int_in_range(0usize..=6).unwrap_or(3);
            let mut p = unsafe { nanoclust_kmeans_params_default(1) };
            p.max_iter = u.int_in_range(1u32..=20).unwrap_or(5);
            p.init = u.int_in_range(0u32..=1).unwrap_or(0);
            let mut q = 0usize;
            let qs = unsafe { $sws(n, d, k_min, k_max, &p, &mut q) };
            check_status(qs, "sweep_workspace_size");
            let (mut buf, off, len) = workspace(u, if qs == 0 { q } else { 64 });
            let m = k_max.saturating_sub(k_min) + 1;
            let mut inertia = canary::<f64>(m);
            let mut sil = canary::<f64>(m);
            let mut r: Vec<nanoclust_kmeans_sweep_result> = canary(1);
            let s = unsafe {
                $sweep(
                    x.as_ptr(),
                    n,
                    d,
                    null(),
                    k_min,
                    k_max,
                    &p,
                    buf[off..].as_mut_ptr().cast(),
                    len,
                    inertia.as_mut_ptr(),
                    sil.as_mut_ptr(),
                    r.as_mut_ptr(),
                )
            };
            check_status(s, "kmeans_sweep");
            if s == 0 {
                assert!(inertia[..m].iter().all(|v| v.is_finite() && *v >= 0.0));
                assert!(sil[..m]
                    .iter()
                    .all(|v| v.is_finite() && v.abs() <= 1.0 + 1e-9));
                let in_range = |k: u32| k == 0 || (k as usize >= k_min && k as usize <= k_max);
                assert!(
                    in_range(r[0].best_silhouette_k) && in_range(r[0].elbow_k),
                    "{:?}",
                    r[0]
                );
            } else {
                untouched(&inertia, "sweep inertia");
                untouched(&sil, "sweep silhouette");
                untouched(&r, "sweep result");
            }
            let ms = u.int_in_range(0u32..=5).unwrap_or(2);
            let metric = u.int_in_range(0u32..=4).unwrap_or(0);
            let qs = unsafe { $ews(n, d, ms, metric, &mut q) };
            check_status(qs, "suggest_eps_workspace_size");
            let (mut buf, off, len) = workspace(u, if qs == 0 { q } else { 64 });
            let mut eps = canary::<f64>(1);
            let mut curve = canary::<$t>(n);
            let mut knee = canary::<usize>(1);
            let s = unsafe {
                $eps(
                    x.as_ptr(),
                    n,
                    d,
                    ms,
                    metric,
                    buf[off..].as_mut_ptr().cast(),
                    len,
                    eps.as_mut_ptr(),
                    curve.as_mut_ptr(),
                    knee.as_mut_ptr(),
                )
            };
            check_status(s, "suggest_eps");
            if s == 0 {
                assert!(eps[0].is_finite() && eps[0] >= 0.0);
                assert!(
                    all_finite(&curve) && curve.windows(2).all(|w| w[0] <= w[1]),
                    "curve not sorted"
                );
                assert!(
                    knee[0] < n && curve[knee[0]] as f64 == eps[0],
                    "eps is not the curve at the knee"
                );
            } else {
                untouched(&eps, "eps");
                untouched(&curve, "curve");
                untouched(&knee, "knee");
            }
        }
    };
}
run_impl!(
    run32,
    f32,
    nanoclust_kmeans_sweep_workspace_size_f32,
    nanoclust_kmeans_sweep_f32,
    nanoclust_suggest_eps_workspace_size_f32,
    nanoclust_suggest_eps_f32
);
run_impl!(
    run64,
    f64,
    nanoclust_kmeans_sweep_workspace_size_f64,
    nanoclust_kmeans_sweep_f64,
    nanoclust_suggest_eps_workspace_size_f64,
    nanoclust_suggest_eps_f64
);

fn knee(u: &mut Unstructured<'_>) {
    let pal = Palette::arbitrary(u);
    let n = u.int_in_range(0usize..=20).unwrap_or(3);
    let mut y: Vec<f64> = (0..n).map(|_| pal.value(u)).collect();
    if u.ratio(1, 2).unwrap_or(false) {
        y.sort_by(f64::total_cmp);
    }
    let y = if y.is_empty() { vec![0.0] } else { y };
    let mut out = canary::<usize>(1);
    let s = unsafe { nanoclust_knee_index(y.as_ptr(), n, out.as_mut_ptr()) };
    check_status(s, "knee_index");
    if s == 0 {
        assert!(out[0] < n.max(1));
    } else {
        untouched(&out, "knee index");
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    match u.int_in_range(0u8..=2).unwrap_or(0) {
        0 => run32(&mut u),
        1 => run64(&mut u),
        _ => knee(&mut u),
    }
});
