//! k-means: `nanoclust_kmeans_fit/predict/partial_fit(_with_workspace)` and
//! the workspace queries, f32 and f64.
//!
//! Oracles: documented status; canaries on failure; on OK finite centers,
//! labels in 0..k, inertia finite; Hamerly == Lloyd bit for bit; labels ==
//! predict(returned centers) bit for bit; inertia == the naive f64 inertia of
//! the returned centers and labels; predict picks a nearest center (naive f64,
//! up to rounding) and partial_fit keeps counts non-decreasing.
#![no_main]
#![allow(unused_unsafe)]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use nanoclust::ffi::*;
use nanoclust_fuzz::*;
use std::ptr::null;

trait Km: Elem {
    unsafe fn ws(n: usize, d: usize, p: &nanoclust_kmeans_params, out: &mut usize) -> i32;
    #[allow(clippy::too_many_arguments)]
    unsafe fn fit(
        x: &[Self],
        n: usize,
        d: usize,
        w: *const Self,
        p: &nanoclust_kmeans_params,
        ws: &mut [u8],
        c: &mut [Self],
        l: *mut i32,
        r: *mut nanoclust_kmeans_result,
    ) -> i32;
    unsafe fn predict(
        c: &[Self],
        k: usize,
        d: usize,
        x: &[Self],
        n: usize,
        l: &mut [i32],
        s: *mut Self,
    ) -> i32;
    unsafe fn pf(
        x: &[Self],
        n: usize,
        d: usize,
        w: *const Self,
        c: &mut [Self],
        cnt: &mut [f64],
        k: usize,
    ) -> i32;
}

macro_rules! km_impl {
    ($t:ty, $ws:ident, $fit:ident, $pred:ident, $pf:ident) => {
        impl Km for $t {
            unsafe fn ws(n: usize, d: usize, p: &nanoclust_kmeans_params, out: &mut usize) -> i32 {
                unsafe { $ws(n, d, p, out) }
            }
            unsafe fn fit(
                x: &[Self],
                n: usize,
                d: usize,
                w: *const Self,
                p: &nanoclust_kmeans_params,
                ws: &mut [u8],
                c: &mut [Self],
                l: *mut i32,
                r: *mut nanoclust_kmeans_result,
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
                        c.as_mut_ptr(),
                        l,
                        r,
                    )
                }
            }
            unsafe fn predict(
                c: &[Self],
                k: usize,
                d: usize,
                x: &[Self],
                n: usize,
                l: &mut [i32],
                s: *mut Self,
            ) -> i32 {
                unsafe { $pred(c.as_ptr(), k, d, x.as_ptr(), n, l.as_mut_ptr(), s) }
            }
            unsafe fn pf(
                x: &[Self],
                n: usize,
                d: usize,
                w: *const Self,
                c: &mut [Self],
                cnt: &mut [f64],
                k: usize,
            ) -> i32 {
                unsafe { $pf(x.as_ptr(), n, d, w, c.as_mut_ptr(), cnt.as_mut_ptr(), k) }
            }
        }
    };
}
km_impl!(
    f32,
    nanoclust_kmeans_workspace_size_f32,
    nanoclust_kmeans_fit_f32,
    nanoclust_kmeans_predict_f32,
    nanoclust_kmeans_partial_fit_f32
);
km_impl!(
    f64,
    nanoclust_kmeans_workspace_size_f64,
    nanoclust_kmeans_fit_f64,
    nanoclust_kmeans_predict_f64,
    nanoclust_kmeans_partial_fit_f64
);

struct Fit<S> {
    status: i32,
    centers: Vec<S>,
    labels: Vec<i32>,
    result: nanoclust_kmeans_result,
}

fn fit<S: Km>(
    x: &[S],
    n: usize,
    d: usize,
    w: Option<&[S]>,
    p: &nanoclust_kmeans_params,
    init: &[S],
    ws_len: usize,
    off: usize,
) -> Fit<S> {
    let k = p.n_clusters as usize;
    let mut ws = vec![0u8; ws_len + off + 1];
    let mut centers = canary::<S>(k * d);
    if p.init == NANOCLUST_INIT_PROVIDED {
        centers[..init.len()].copy_from_slice(init);
    }
    let before = centers.clone();
    let mut labels = canary::<i32>(n);
    let mut result: Vec<nanoclust_kmeans_result> = canary(1);
    let status = unsafe {
        S::fit(
            x,
            n,
            d,
            w.map_or(null(), |w| w.as_ptr()),
            p,
            &mut ws[off..off + ws_len],
            &mut centers,
            labels.as_mut_ptr(),
            result.as_mut_ptr(),
        )
    };
    check_status(status, "kmeans_fit");
    if status != NANOCLUST_OK {
        assert_eq!(
            bytes(&centers),
            bytes(&before),
            "centers written on failure"
        );
        untouched(&labels, "labels");
        untouched(&result, "result");
    }
    Fit {
        status,
        centers,
        labels,
        result: result[0],
    }
}

fn run<S: Km>(u: &mut Unstructured<'_>) {
    let pal = Palette::arbitrary(u);
    let n = u.int_in_range(1usize..=40).unwrap_or(1);
    let d = u.int_in_range(1usize..=5).unwrap_or(1);
    let x64 = pal.matrix(u, n, d);
    let x: Vec<S> = conv(&x64);
    let weighted = u.ratio(1, 4).unwrap_or(false);
    let w: Option<Vec<S>> = weighted.then(|| {
        (0..n)
            .map(|_| {
                S::from_f64(match u.int_in_range(0u8..=5).unwrap_or(1) {
                    0 => 0.0,
                    1 => 0.5,
                    2 => 3.0,
                    5 if pal.special => f64::NAN,
                    _ => 1.0,
                })
            })
            .collect()
    });
    let mut p = unsafe { nanoclust_kmeans_params_default(1) };
    p.n_clusters = u.int_in_range(0u32..=(n as u32 + 1).min(9)).unwrap_or(1);
    p.init = u.int_in_range(0u32..=3).unwrap_or(0);
    p.n_init = u.int_in_range(0u32..=3).unwrap_or(1);
    p.max_iter = u.int_in_range(0u32..=60).unwrap_or(10);
    p.tol = match u.int_in_range(0u8..=4).unwrap_or(0) {
        0 => 0.0,
        1 => 1e-4,
        2 => 1.0,
        3 if pal.special => f64::NAN,
        _ => 1e-8,
    };
    p.seed = u.arbitrary().unwrap_or(0);
    let k = p.n_clusters as usize;
    let init: Vec<S> = if p.init == NANOCLUST_INIT_PROVIDED {
        if u.ratio(1, 2).unwrap_or(false) {
            // Centers among the samples (duplicates and k > distinct points).
            (0..k)
                .flat_map(|_| {
                    let i = u.int_in_range(0..=n - 1).unwrap_or(0);
                    x[i * d..i * d + d].to_vec()
                })
                .collect()
        } else {
            conv(&pal.matrix(u, k, d))
        }
    } else {
        Vec::new()
    };
    let mut q = 0usize;
    p.algorithm = NANOCLUST_KMEANS_LLOYD;
    let qs = unsafe { S::ws(n, d, &p, &mut q) };
    check_status(qs, "kmeans_workspace_size");
    let (_, off, len) = workspace(u, if qs == NANOCLUST_OK { q } else { 256 });
    let lloyd = fit(&x, n, d, w.as_deref(), &p, &init, len, off);
    if qs != NANOCLUST_OK {
        assert_ne!(
            lloyd.status, NANOCLUST_OK,
            "fit OK although the workspace query failed"
        );
    }
    if len < q {
        assert_ne!(lloyd.status, NANOCLUST_OK, "fit OK with a short workspace");
    }
    let mut ph = p;
    ph.algorithm = NANOCLUST_KMEANS_HAMERLY;
    let mut qh = 0usize;
    let qhs = unsafe { S::ws(n, d, &ph, &mut qh) };
    if lloyd.status == NANOCLUST_OK {
        assert_eq!(qhs, NANOCLUST_OK);
        let ham = fit(&x, n, d, w.as_deref(), &ph, &init, qh, off);
        assert_eq!(
            ham.status, NANOCLUST_OK,
            "Hamerly fails where Lloyd succeeds"
        );
        assert_eq!(
            bytes(&ham.centers),
            bytes(&lloyd.centers),
            "Hamerly centers != Lloyd centers"
        );
        assert_eq!(ham.labels, lloyd.labels, "Hamerly labels != Lloyd labels");
        assert_eq!(ham.result, lloyd.result, "Hamerly result != Lloyd result");
        check_fit(&x, n, d, w.as_deref(), k, &p, &lloyd);
    }
    predict_case(u, &pal, &x, n, d);
    partial_fit_case(u, &pal, &x, n, d, w.as_deref());
}

fn check_fit<S: Km>(
    x: &[S],
    n: usize,
    d: usize,
    w: Option<&[S]>,
    k: usize,
    p: &nanoclust_kmeans_params,
    f: &Fit<S>,
) {
    assert!(all_finite(&f.centers), "non-finite center on OK");
    assert!(
        f.labels.iter().all(|&l| l >= 0 && (l as usize) < k),
        "label out of range"
    );
    let r = f.result;
    assert!(
        r.inertia.is_finite() && r.inertia >= 0.0,
        "inertia {}",
        r.inertia
    );
    assert!(
        r.n_iter >= 1 && r.n_iter <= p.max_iter,
        "n_iter {}",
        r.n_iter
    );
    assert!(r.converged <= 1);
    // Labels are what predict gives for the returned centers (ties: lowest index).
    let mut pl = canary::<i32>(n);
    let mut sq = canary::<S>(n);
    let s = unsafe { S::predict(&f.centers, k, d, x, n, &mut pl, sq.as_mut_ptr()) };
    assert_eq!(s, NANOCLUST_OK, "predict on fitted centers");
    assert_eq!(pl, f.labels, "fit labels != predict(fit centers)");
    // The inertia is that of the returned centers and labels.
    let naive: f64 = (0..n)
        .map(|i| {
            let l = f.labels[i] as usize;
            sq_dist(&x[i * d..i * d + d], &f.centers[l * d..l * d + d])
                * w.map_or(1.0, |w| w[i].to_f64())
        })
        .sum();
    let scale: f64 = (0..n)
        .map(|i| {
            x[i * d..i * d + d]
                .iter()
                .map(|v| v.to_f64() * v.to_f64())
                .sum::<f64>()
                * w.map_or(1.0, |w| w[i].to_f64())
        })
        .sum::<f64>()
        + naive;
    let tol = S::EPS * 64.0 * (d as f64 + 8.0);
    assert!(
        close(r.inertia, naive, tol, scale.max(naive)),
        "inertia {} != naive {naive}",
        r.inertia
    );
}

fn predict_case<S: Km>(u: &mut Unstructured<'_>, pal: &Palette, x: &[S], n: usize, d: usize) {
    let k = u.int_in_range(0usize..=6).unwrap_or(1);
    let c: Vec<S> = conv(&pal.matrix(u, k, d));
    let mut l = canary::<i32>(n);
    let mut sq = canary::<S>(n);
    let s = unsafe { S::predict(&c, k, d, x, n, &mut l, sq.as_mut_ptr()) };
    check_status(s, "kmeans_predict");
    if s != NANOCLUST_OK {
        untouched(&l, "predict labels");
        untouched(&sq, "predict sq_distances");
        return;
    }
    for i in 0..n {
        let row = &x[i * d..i * d + d];
        let li = l[i];
        assert!(li >= 0 && (li as usize) < k);
        let best = (0..k)
            .map(|j| sq_dist(row, &c[j * d..j * d + d]))
            .fold(f64::INFINITY, f64::min);
        let mine = sq_dist(row, &c[li as usize * d..li as usize * d + d]);
        let scale = row
            .iter()
            .chain(&c)
            .map(|v| v.to_f64() * v.to_f64())
            .fold(0.0, f64::max)
            * d as f64;
        assert!(
            close(mine, best, S::EPS * 8.0 * (d as f64 + 2.0), scale),
            "predict: not a nearest center"
        );
        assert!(sq[i].to_f64().is_finite());
        // The first of exactly equal centers.
        for j in 0..li as usize {
            assert!(
                c[j * d..j * d + d] != c[li as usize * d..li as usize * d + d],
                "tie not to the lowest index"
            );
        }
    }
}

fn partial_fit_case<S: Km>(
    u: &mut Unstructured<'_>,
    pal: &Palette,
    x: &[S],
    n: usize,
    d: usize,
    w: Option<&[S]>,
) {
    let k = u.int_in_range(0usize..=5).unwrap_or(1);
    let mut c: Vec<S> = conv(&pal.matrix(u, k, d));
    let mut cnt: Vec<f64> = (0..k)
        .map(|_| match u.int_in_range(0u8..=3).unwrap_or(0) {
            0 => 0.0,
            1 => 1.0,
            2 => 7.5,
            _ => 100.0,
        })
        .collect();
    let (c0, n0) = (c.clone(), cnt.clone());
    if k == 0 {
        c.push(S::from_f64(0.0));
        cnt.push(0.0);
    }
    let s = unsafe {
        S::pf(
            x,
            n,
            d,
            w.map_or(null(), |w| w.as_ptr()),
            &mut c,
            &mut cnt,
            k,
        )
    };
    check_status(s, "kmeans_partial_fit");
    if s != NANOCLUST_OK {
        assert_eq!(
            bytes(&c[..c0.len()]),
            bytes(&c0),
            "partial_fit centers written on failure"
        );
        assert_eq!(
            &cnt[..n0.len()],
            &n0[..],
            "partial_fit counts written on failure"
        );
        return;
    }
    assert!(all_finite(&c), "partial_fit: non-finite center");
    for (a, b) in cnt.iter().zip(&n0) {
        assert!(a.is_finite() && a >= b, "partial_fit: count {b} -> {a}");
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
