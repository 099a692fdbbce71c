//! Standard scaler and metrics: `nanoclust_standard_scaler_*`, inertia,
//! silhouette (score and samples), Calinski-Harabasz, Davies-Bouldin, ARI and
//! NMI, with their workspace queries, f32 and f64.
//!
//! Oracles: documented status; canaries on failure; on OK finite values in
//! their ranges (silhouette in [-1, 1], CH and DB >= 0, ARI <= 1, NMI in
//! [0, 1]); inertia against a naive f64 sum; ARI and NMI symmetric and 1 for a
//! labeling against itself (empty labelings included); the scaler's inverse
//! undoes its transform up to rounding.
#![no_main]
#![allow(unused_unsafe)]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use nanoclust::ffi::*;
use nanoclust_fuzz::*;

macro_rules! run_impl {
    ($name:ident, $t:ty, $fit:ident, $tr:ident, $inv:ident, $inertia:ident, $sil:ident, $sils:ident, $ch:ident, $db:ident) => {
        fn $name(u: &mut Unstructured<'_>) {
            let pal = Palette::arbitrary(u);
            let n = u.int_in_range(0usize..=40).unwrap_or(1);
            let d = u.int_in_range(1usize..=4).unwrap_or(1);
            let x: Vec<$t> = conv(&pal.matrix(u, n, d));
            let x = if x.is_empty() { vec![0.0 as $t] } else { x };
            // Scaler.
            let (mut mean, mut scale) = (canary::<$t>(d), canary::<$t>(d));
            let s = unsafe { $fit(x.as_ptr(), n, d, mean.as_mut_ptr(), scale.as_mut_ptr()) };
            check_status(s, "scaler_fit");
            if s == 0 {
                assert!(all_finite(&mean) && all_finite(&scale) && scale.iter().all(|&v| v > 0.0));
                let mut out = canary::<$t>(n * d);
                let s = unsafe {
                    $tr(
                        x.as_ptr(),
                        n,
                        d,
                        mean.as_ptr(),
                        scale.as_ptr(),
                        out.as_mut_ptr(),
                    )
                };
                check_status(s, "scaler_transform");
                if s == 0 {
                    let mut back = canary::<$t>(n * d);
                    let s = unsafe {
                        $inv(
                            out.as_ptr(),
                            n,
                            d,
                            mean.as_ptr(),
                            scale.as_ptr(),
                            back.as_mut_ptr(),
                        )
                    };
                    check_status(s, "scaler_inverse_transform");
                    if s == 0 {
                        for (a, b) in x.iter().zip(&back) {
                            let sc = mean
                                .iter()
                                .chain(&scale)
                                .fold((*a as f64).abs(), |m, v| m.max((*v as f64).abs()));
                            assert!(
                                close(*a as f64, *b as f64, <$t as Elem>::EPS * 8.0, sc),
                                "inverse(transform(x)) = {b} != {a}"
                            );
                        }
                    } else {
                        untouched(&back, "inverse");
                    }
                } else {
                    untouched(&out, "transform");
                }
            } else {
                untouched(&mean, "mean");
                untouched(&scale, "scale");
            }
            // Labels with noise, ties and out-of-range values.
            let k = u.int_in_range(0usize..=5).unwrap_or(2);
            let labels: Vec<i32> = (0..n.max(1))
                .map(|_| match u.int_in_range(0u8..=15).unwrap_or(0) {
                    0 => -1,
                    1 => k as i32,
                    2 => i32::MIN,
                    v => (v as i32) % (k.max(1) as i32),
                })
                .collect();
            let centers: Vec<$t> = conv(&pal.matrix(u, k, d));
            let centers = if centers.is_empty() {
                vec![0.0 as $t]
            } else {
                centers
            };
            let mut out = canary::<f64>(1);
            let s = unsafe {
                $inertia(
                    x.as_ptr(),
                    n,
                    d,
                    centers.as_ptr(),
                    k,
                    labels.as_ptr(),
                    out.as_mut_ptr(),
                )
            };
            check_status(s, "inertia");
            if s == 0 {
                // Noise (negative labels) is left out.
                let naive: f64 = (0..n)
                    .filter(|&i| labels[i] >= 0)
                    .map(|i| {
                        sq_dist(
                            &x[i * d..i * d + d],
                            &centers[labels[i] as usize * d..labels[i] as usize * d + d],
                        )
                    })
                    .sum();
                let sc: f64 = x
                    .iter()
                    .chain(&centers)
                    .map(|v| (*v as f64) * (*v as f64))
                    .sum::<f64>()
                    * (n as f64 + 1.0);
                assert!(
                    out[0].is_finite() && close(out[0], naive, <$t as Elem>::EPS * 64.0, sc),
                    "inertia {} != naive {naive}",
                    out[0]
                );
            } else {
                untouched(&out, "inertia");
            }
            let metric = u.int_in_range(0u32..=4).unwrap_or(0);
            let mut q = 0usize;
            let qs = unsafe { nanoclust_silhouette_workspace_size(n, k, &mut q) };
            check_status(qs, "silhouette_workspace_size");
            let (mut buf, off, len) = workspace(u, if qs == 0 { q } else { 64 });
            let mut out = canary::<f64>(1);
            let s = unsafe {
                $sil(
                    x.as_ptr(),
                    n,
                    d,
                    labels.as_ptr(),
                    k,
                    metric,
                    buf[off..].as_mut_ptr().cast(),
                    len,
                    out.as_mut_ptr(),
                )
            };
            check_status(s, "silhouette_score");
            if s == 0 {
                assert!(
                    out[0].is_finite() && out[0].abs() <= 1.0 + 1e-6,
                    "silhouette {}",
                    out[0]
                );
            } else {
                untouched(&out, "silhouette");
            }
            let mut so = canary::<$t>(n);
            let s = unsafe {
                $sils(
                    x.as_ptr(),
                    n,
                    d,
                    labels.as_ptr(),
                    k,
                    metric,
                    buf[off..].as_mut_ptr().cast(),
                    len,
                    so.as_mut_ptr(),
                )
            };
            check_status(s, "silhouette_samples");
            if s == 0 {
                assert!(so.iter().all(|v| v.is_finite() && v.abs() <= 1.0 + 1e-5));
            } else {
                untouched(&so, "silhouette samples");
            }
            let qs = unsafe { nanoclust_cluster_stats_workspace_size(d, k, &mut q) };
            check_status(qs, "cluster_stats_workspace_size");
            let (mut buf, off, len) = workspace(u, if qs == 0 { q } else { 64 });
            for (name, f) in [
                (
                    "calinski_harabasz",
                    $ch as unsafe extern "C" fn(_, _, _, _, _, _, _, _) -> i32,
                ),
                ("davies_bouldin", $db),
            ] {
                let mut out = canary::<f64>(1);
                let s = unsafe {
                    f(
                        x.as_ptr(),
                        n,
                        d,
                        labels.as_ptr(),
                        k,
                        buf[off..].as_mut_ptr().cast(),
                        len,
                        out.as_mut_ptr(),
                    )
                };
                check_status(s, name);
                if s == 0 {
                    assert!(out[0].is_finite() && out[0] >= 0.0, "{name} {}", out[0]);
                } else {
                    untouched(&out, name);
                }
            }
        }
    };
}
run_impl!(
    run32,
    f32,
    nanoclust_standard_scaler_fit_f32,
    nanoclust_standard_scaler_transform_f32,
    nanoclust_standard_scaler_inverse_transform_f32,
    nanoclust_inertia_f32,
    nanoclust_silhouette_score_f32,
    nanoclust_silhouette_samples_f32,
    nanoclust_calinski_harabasz_f32,
    nanoclust_davies_bouldin_f32
);
run_impl!(
    run64,
    f64,
    nanoclust_standard_scaler_fit_f64,
    nanoclust_standard_scaler_transform_f64,
    nanoclust_standard_scaler_inverse_transform_f64,
    nanoclust_inertia_f64,
    nanoclust_silhouette_score_f64,
    nanoclust_silhouette_samples_f64,
    nanoclust_calinski_harabasz_f64,
    nanoclust_davies_bouldin_f64
);

fn compare(u: &mut Unstructured<'_>) {
    let n = u.int_in_range(0usize..=50).unwrap_or(0);
    let a: Vec<i32> = (0..n.max(1))
        .map(|_| u.int_in_range(-2i32..=4).unwrap_or(0))
        .collect();
    let b: Vec<i32> = (0..n.max(1))
        .map(|_| {
            if u.ratio(1, 8).unwrap_or(false) {
                i32::MAX
            } else {
                u.int_in_range(-1i32..=3).unwrap_or(0)
            }
        })
        .collect();
    let mut q = 0usize;
    let qs = unsafe { nanoclust_contingency_workspace_size(n, &mut q) };
    check_status(qs, "contingency_workspace_size");
    let (mut buf, off, len) = workspace(u, if qs == 0 { q } else { 64 });
    type Cmp = unsafe extern "C" fn(
        *const i32,
        *const i32,
        usize,
        *mut core::ffi::c_void,
        usize,
        *mut f64,
    ) -> i32;
    for (name, f, lo) in [
        ("ari", nanoclust_adjusted_rand_index as Cmp, -1.0),
        ("nmi", nanoclust_normalized_mutual_info as Cmp, 0.0),
    ] {
        let call = |p: &[i32], q: &[i32], buf: &mut [u8]| {
            let mut out = canary::<f64>(1);
            let s = unsafe {
                f(
                    p.as_ptr(),
                    q.as_ptr(),
                    n,
                    buf[off..].as_mut_ptr().cast(),
                    len,
                    out.as_mut_ptr(),
                )
            };
            check_status(s, name);
            if s != 0 {
                untouched(&out, name);
            }
            (s, out[0])
        };
        let (s1, v1) = call(&a, &b, &mut buf);
        let (s2, v2) = call(&b, &a, &mut buf);
        let (s3, v3) = call(&a, &a, &mut buf);
        assert_eq!(s1, s2, "{name} not symmetric in status");
        if s1 == 0 {
            assert!(
                v1.is_finite() && v1 >= lo - 1e-12 && v1 <= 1.0 + 1e-12,
                "{name} = {v1}"
            );
            assert!(
                (v1 - v2).abs() <= 1e-12,
                "{name} not symmetric: {v1} vs {v2}"
            );
        }
        if s3 == 0 {
            assert!((v3 - 1.0).abs() <= 1e-12, "{name}(a, a) = {v3}");
        } else {
            assert!(len < q, "{name}(a, a) failed with status {s3} (n = {n})");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    match u.int_in_range(0u8..=2).unwrap_or(0) {
        0 => run32(&mut u),
        1 => run64(&mut u),
        _ => compare(&mut u),
    }
});
