//! DBSCAN: `nanoclust_dbscan_fit/predict`, `nanoclust_core_distances` and
//! their workspace queries, f32 and f64, every metric and index.
//!
//! Oracles: documented status; canaries on failure; labels in -1..n_clusters,
//! result counts consistent; the index choice (auto, brute, grid, kd-tree)
//! never changes labels or core flags; core flags and core distances match a
//! naive f64 reference away from the eps boundary; a sample's core distance
//! with min_samples 1 (or counting its exact duplicates) is exactly 0; predict
//! returns the label of a core sample within eps, or -1 when there is none.
#![no_main]
#![allow(unused_unsafe)]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use nanoclust::ffi::*;
use nanoclust_fuzz::*;
use std::ptr::null;

trait Db: Elem {
    unsafe fn ws(n: usize, d: usize, p: &nanoclust_dbscan_params, out: &mut usize) -> i32;
    #[allow(clippy::too_many_arguments)]
    unsafe fn fit(
        x: &[Self],
        n: usize,
        d: usize,
        w: *const Self,
        p: &nanoclust_dbscan_params,
        ws: &mut [u8],
        l: &mut [i32],
        core: *mut u8,
        r: *mut nanoclust_dbscan_result,
    ) -> i32;
    unsafe fn pws(
        n: usize,
        d: usize,
        m: usize,
        p: &nanoclust_dbscan_params,
        out: &mut usize,
    ) -> i32;
    #[allow(clippy::too_many_arguments)]
    unsafe fn predict(
        x: &[Self],
        n: usize,
        d: usize,
        l: &[i32],
        core: &[u8],
        p: &nanoclust_dbscan_params,
        xn: &[Self],
        m: usize,
        ws: &mut [u8],
        out: &mut [i32],
    ) -> i32;
    unsafe fn cws(n: usize, d: usize, ms: u32, metric: u32, out: &mut usize) -> i32;
    #[allow(clippy::too_many_arguments)]
    unsafe fn cd(
        x: &[Self],
        n: usize,
        d: usize,
        ms: u32,
        metric: u32,
        ws: &mut [u8],
        out: &mut [Self],
    ) -> i32;
}

macro_rules! db_impl {
    ($t:ty, $ws:ident, $fit:ident, $pws:ident, $pred:ident, $cws:ident, $cd:ident) => {
        impl Db for $t {
            unsafe fn ws(n: usize, d: usize, p: &nanoclust_dbscan_params, out: &mut usize) -> i32 {
                unsafe { $ws(n, d, p, out) }
            }
            unsafe fn fit(
                x: &[Self],
                n: usize,
                d: usize,
                w: *const Self,
                p: &nanoclust_dbscan_params,
                ws: &mut [u8],
                l: &mut [i32],
                core: *mut u8,
                r: *mut nanoclust_dbscan_result,
            ) -> i32 {
                unsafe {
                    $fit(
                        x.as_ptr(),
                        n,
                        d,
                        w,
                        p,
                        ws.as_mut_ptr().cast(),
                        ws.len(),
                        l.as_mut_ptr(),
                        core,
                        r,
                    )
                }
            }
            unsafe fn pws(
                n: usize,
                d: usize,
                m: usize,
                p: &nanoclust_dbscan_params,
                out: &mut usize,
            ) -> i32 {
                unsafe { $pws(n, d, m, p, out) }
            }
            unsafe fn predict(
                x: &[Self],
                n: usize,
                d: usize,
                l: &[i32],
                core: &[u8],
                p: &nanoclust_dbscan_params,
                xn: &[Self],
                m: usize,
                ws: &mut [u8],
                out: &mut [i32],
            ) -> i32 {
                unsafe {
                    $pred(
                        x.as_ptr(),
                        n,
                        d,
                        l.as_ptr(),
                        core.as_ptr(),
                        p,
                        xn.as_ptr(),
                        m,
                        ws.as_mut_ptr().cast(),
                        ws.len(),
                        out.as_mut_ptr(),
                    )
                }
            }
            unsafe fn cws(n: usize, d: usize, ms: u32, metric: u32, out: &mut usize) -> i32 {
                unsafe { $cws(n, d, ms, metric, out) }
            }
            unsafe fn cd(
                x: &[Self],
                n: usize,
                d: usize,
                ms: u32,
                metric: u32,
                ws: &mut [u8],
                out: &mut [Self],
            ) -> i32 {
                unsafe {
                    $cd(
                        x.as_ptr(),
                        n,
                        d,
                        ms,
                        metric,
                        ws.as_mut_ptr().cast(),
                        ws.len(),
                        out.as_mut_ptr(),
                    )
                }
            }
        }
    };
}
db_impl!(
    f32,
    nanoclust_dbscan_workspace_size_f32,
    nanoclust_dbscan_fit_f32,
    nanoclust_dbscan_predict_workspace_size_f32,
    nanoclust_dbscan_predict_f32,
    nanoclust_core_distances_workspace_size_f32,
    nanoclust_core_distances_f32
);
db_impl!(
    f64,
    nanoclust_dbscan_workspace_size_f64,
    nanoclust_dbscan_fit_f64,
    nanoclust_dbscan_predict_workspace_size_f64,
    nanoclust_dbscan_predict_f64,
    nanoclust_core_distances_workspace_size_f64,
    nanoclust_core_distances_f64
);

type FitOut = (i32, Vec<i32>, Vec<u8>, nanoclust_dbscan_result);

fn fit<S: Db>(
    u: &mut Unstructured<'_>,
    x: &[S],
    n: usize,
    d: usize,
    w: Option<&[S]>,
    p: &nanoclust_dbscan_params,
    exact_ws: bool,
) -> FitOut {
    let mut q = 0usize;
    let qs = unsafe { S::ws(n, d, p, &mut q) };
    check_status(qs, "dbscan_workspace_size");
    let (mut buf, off, len) = if exact_ws {
        (vec![0u8; q + 1], 0, q)
    } else {
        workspace(u, if qs == 0 { q } else { 64 })
    };
    let mut l = canary::<i32>(n);
    let mut core = canary::<u8>(n);
    let mut r: Vec<nanoclust_dbscan_result> = canary(1);
    let s = unsafe {
        S::fit(
            x,
            n,
            d,
            w.map_or(null(), |w| w.as_ptr()),
            p,
            &mut buf[off..off + len],
            &mut l,
            core.as_mut_ptr(),
            r.as_mut_ptr(),
        )
    };
    check_status(s, "dbscan_fit");
    if s != NANOCLUST_OK {
        untouched(&l, "labels");
        untouched(&core, "is_core");
        untouched(&r, "result");
    } else {
        assert_eq!(qs, NANOCLUST_OK);
        assert!(len >= q, "fit OK with a short workspace");
    }
    (s, l, core, r[0])
}

fn run<S: Db>(u: &mut Unstructured<'_>) {
    let pal = Palette::arbitrary(u);
    let n = u.int_in_range(1usize..=48).unwrap_or(1);
    let d = u.int_in_range(1usize..=5).unwrap_or(1);
    let x: Vec<S> = conv(&pal.matrix(u, n, d));
    let w: Option<Vec<S>> = u.ratio(1, 4).unwrap_or(false).then(|| {
        (0..n)
            .map(|_| {
                S::from_f64(match u.int_in_range(0u8..=4).unwrap_or(1) {
                    0 => 0.0,
                    1 => 0.5,
                    2 => 2.0,
                    3 => -1.0,
                    _ => 1.0,
                })
            })
            .collect()
    });
    let mut p = unsafe { nanoclust_dbscan_params_default() };
    p.eps = match u.int_in_range(0u8..=7).unwrap_or(0) {
        0 => 1e-17,
        1 => 0.25,
        2 => 1.0,
        3 => 2.0,
        4 => 10.0,
        5 if pal.special => f64::NAN,
        6 => 0.0,
        _ => 0.5,
    };
    p.min_samples = u.int_in_range(0u32..=6).unwrap_or(1);
    p.metric = u.int_in_range(0u32..=4).unwrap_or(0);
    p.index = NANOCLUST_INDEX_BRUTE;
    let (s, l, core, r) = fit(u, &x, n, d, w.as_deref(), &p, false);
    if s == NANOCLUST_OK {
        check_fit(&x, n, d, w.as_deref(), &p, &l, &core, r);
        for index in [
            NANOCLUST_INDEX_AUTO,
            NANOCLUST_INDEX_GRID,
            NANOCLUST_INDEX_KDTREE,
        ] {
            let mut pi = p;
            pi.index = index;
            let (si, li, ci, ri) = fit(u, &x, n, d, w.as_deref(), &pi, true);
            assert_eq!(
                si, NANOCLUST_OK,
                "index {index} fails where brute force succeeds"
            );
            assert_eq!(li, l, "index {index} changes the labels");
            assert_eq!(ci, core, "index {index} changes the core samples");
            assert_eq!(
                bytes(&[ri]),
                bytes(&[r]),
                "index {index} changes the counts"
            );
        }
        predict_case(u, &pal, &x, n, d, &p, &l, &core);
    }
    core_distances_case(u, &x, n, d, p.metric);
}

#[allow(clippy::too_many_arguments)]
fn check_fit<S: Db>(
    x: &[S],
    n: usize,
    d: usize,
    w: Option<&[S]>,
    p: &nanoclust_dbscan_params,
    l: &[i32],
    core: &[u8],
    r: nanoclust_dbscan_result,
) {
    let k = r.n_clusters as i32;
    assert!(l.iter().all(|&v| v >= -1 && v < k), "label out of range");
    assert_eq!(l.iter().filter(|&&v| v == -1).count() as u32, r.n_noise);
    assert_eq!(core.iter().filter(|&&c| c == 1).count() as u32, r.n_core);
    assert!(core.iter().all(|&c| c <= 1));
    for i in 0..n {
        // Naive core test, skipped near the eps boundary (rounding).
        let xi = &x[i * d..i * d + d];
        let mut count = 0.0;
        let mut ambiguous = false;
        for j in 0..n {
            let xj = &x[j * d..j * d + d];
            let dist = if xi == xj {
                0.0
            } else {
                naive_distance(p.metric, xi, xj)
            };
            let scale = xi
                .iter()
                .chain(xj)
                .map(|v| v.to_f64().abs())
                .fold(0.0, f64::max);
            let slack = S::EPS
                * 16.0
                * (d as f64 + 4.0)
                * if p.metric == 3 { 1.0 } else { scale.max(p.eps) };
            if (dist - p.eps).abs() <= slack {
                ambiguous = true;
            }
            if dist <= p.eps {
                count += w.map_or(1.0, |w| w[j].to_f64());
            }
        }
        if !ambiguous {
            assert_eq!(
                core[i] == 1,
                count >= p.min_samples as f64,
                "sample {i}: core flag against the naive count {count}"
            );
        }
        if core[i] == 1 {
            assert!(l[i] >= 0, "a core sample is noise");
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn predict_case<S: Db>(
    u: &mut Unstructured<'_>,
    pal: &Palette,
    x: &[S],
    n: usize,
    d: usize,
    p: &nanoclust_dbscan_params,
    l: &[i32],
    core: &[u8],
) {
    let m = u.int_in_range(0usize..=6).unwrap_or(1);
    let mut xn: Vec<S> = conv(&pal.matrix(u, m, d));
    // Some new points are training samples (distance 0 to themselves).
    for i in 0..m {
        if u.ratio(1, 3).unwrap_or(false) {
            let j = u.int_in_range(0..=n - 1).unwrap_or(0);
            xn[i * d..i * d + d].copy_from_slice(&x[j * d..j * d + d]);
        }
    }
    if m == 0 {
        xn.push(S::from_f64(0.0));
    }
    let mut q = 0usize;
    let qs = unsafe { S::pws(n, d, m, p, &mut q) };
    check_status(qs, "dbscan_predict_workspace_size");
    let (mut buf, off, len) = workspace(u, if qs == 0 { q } else { 64 });
    let mut out = canary::<i32>(m);
    let s = unsafe {
        S::predict(
            x,
            n,
            d,
            l,
            core,
            p,
            &xn,
            m,
            &mut buf[off..off + len],
            &mut out,
        )
    };
    check_status(s, "dbscan_predict");
    if s != NANOCLUST_OK {
        untouched(&out, "predict labels");
        return;
    }
    for i in 0..m {
        let xi = &xn[i * d..i * d + d];
        let o = out[i];
        let near = |j: usize, slack: f64| {
            let xj = &x[j * d..j * d + d];
            let dist = if xi == xj {
                0.0
            } else {
                naive_distance(p.metric, xi, xj)
            };
            dist <= p.eps + slack
        };
        let scale = x
            .iter()
            .chain(xn.iter())
            .map(|v| v.to_f64().abs())
            .fold(0.0, f64::max);
        let slack =
            S::EPS * 16.0 * (d as f64 + 4.0) * if p.metric == 3 { 1.0 } else { scale.max(p.eps) };
        if o == -1 {
            assert!(
                (0..n).all(|j| core[j] == 0 || !near(j, -slack)),
                "predict -1 although a core sample is within eps"
            );
        } else {
            assert!(
                (0..n).any(|j| core[j] == 1 && l[j] == o && near(j, slack)),
                "predict label {o} without a core sample within eps"
            );
        }
        // A training sample that is core keeps its cluster (distance 0).
        for j in 0..n {
            if core[j] == 1 && x[j * d..j * d + d] == *xi && p.metric != 3 {
                let same = (0..n)
                    .filter(|&t| core[t] == 1 && x[t * d..t * d + d] == *xi)
                    .all(|t| l[t] == l[j]);
                if same {
                    assert_eq!(
                        o, l[j],
                        "a core training sample predicted into another cluster"
                    );
                }
            }
        }
    }
}

fn core_distances_case<S: Db>(u: &mut Unstructured<'_>, x: &[S], n: usize, d: usize, metric: u32) {
    let ms = u.int_in_range(0u32..=5).unwrap_or(1);
    let mut q = 0usize;
    let qs = unsafe { S::cws(n, d, ms, metric, &mut q) };
    check_status(qs, "core_distances_workspace_size");
    let (mut buf, off, len) = workspace(u, if qs == 0 { q } else { 64 });
    let mut out = canary::<S>(n);
    let s = unsafe { S::cd(x, n, d, ms, metric, &mut buf[off..off + len], &mut out) };
    check_status(s, "core_distances");
    if s != NANOCLUST_OK {
        untouched(&out, "core distances");
        return;
    }
    assert!(all_finite(&out), "non-finite core distance");
    for i in 0..n {
        let xi = &x[i * d..i * d + d];
        let mut ds: Vec<f64> = (0..n)
            .map(|j| {
                let xj = &x[j * d..j * d + d];
                if xi == xj {
                    0.0
                } else {
                    naive_distance(metric, xi, xj)
                }
            })
            .collect();
        ds.sort_by(f64::total_cmp);
        let want = ds[(ms as usize).min(n) - 1];
        // Itself and its exact duplicates are at distance exactly 0.
        let copies = (0..n).filter(|&j| x[j * d..j * d + d] == *xi).count();
        if copies >= (ms as usize).min(n) {
            assert_eq!(
                out[i].to_f64(),
                0.0,
                "sample {i}: distance to itself or a duplicate is not 0 (metric {metric}, min_samples {ms}, x {x:?}, out {out:?})"
            );
        }
        let scale = if metric == 3 {
            1.0
        } else {
            xi.iter().map(|v| v.to_f64().abs()).fold(want, f64::max)
        };
        let tol = S::EPS * 16.0 * (d as f64 + 4.0);
        assert!(
            close(out[i].to_f64(), want, tol, scale) || (metric == 3 && want < 1e-6),
            "core distance {:?} != naive {want} (sample {i}, metric {metric}, min_samples {ms}, x {x:?}, out {out:?})",
            out[i]
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    if u.ratio(1, 2).unwrap_or(false) {
        run::<f32>(&mut u);
    } else {
        run::<f64>(&mut u);
    }
});
