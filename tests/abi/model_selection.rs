//! Semantic ABI assertions of the model-selection family that the generic
//! harness cannot express: the sweep finds three blobs, its k range, the
//! eps suggestion equals the curve at the knee, and the knee of known
//! curves. Every failing call is still checked to leave its outputs
//! untouched (see `Args::run`).

use crate::harness::{both, Args, PARAM};
use nanoclust::ffi::*;
use std::ptr::null;

/// Three tight blobs, 2-D, samples cycling through them.
fn blobs(n: usize) -> Vec<f32> {
    (0..n)
        .flat_map(|i| {
            let c = [[0.0f32, 0.0], [6.0, 6.0], [0.0, 9.0]][i % 3];
            let j = (i / 3) as f32 * 0.01;
            [c[0] + j, c[1] - j * 0.5]
        })
        .collect()
}

#[test]
fn the_sweep_finds_three_blobs_and_skips_the_silhouette_when_asked() {
    let x = blobs(60);
    // SAFETY: every pointer refers to a live local buffer of the stated length.
    unsafe {
        let p = nanoclust_kmeans_params_default(0);
        let mut bytes = 0;
        assert_eq!(
            nanoclust_kmeans_sweep_workspace_size_f32(60, 2, 2, 6, &p, &mut bytes),
            NANOCLUST_OK
        );
        let mut ws = vec![0u8; bytes];
        let mut run = |sil: Option<&mut [f64; 5]>| {
            let (mut inertia, mut r) = (
                [0.0; 5],
                nanoclust_kmeans_sweep_result {
                    best_silhouette_k: 99,
                    elbow_k: 99,
                },
            );
            let sp = sil.map_or(std::ptr::null_mut(), |s| s.as_mut_ptr());
            let ws = ws.as_mut_ptr().cast();
            let s = nanoclust_kmeans_sweep_f32(
                x.as_ptr(),
                60,
                2,
                null(),
                2,
                6,
                &p,
                ws,
                bytes,
                inertia.as_mut_ptr(),
                sp,
                &mut r,
            );
            assert_eq!(s, NANOCLUST_OK);
            (inertia, r)
        };
        let mut sil = [0.0; 5];
        let (inertia, r) = run(Some(&mut sil));
        assert_eq!(r.best_silhouette_k, 3);
        assert!(inertia.iter().all(|v| v.is_finite() && *v >= 0.0));
        assert!(sil.iter().all(|v| (-1.0..=1.0).contains(v)));
        let (inertia2, r2) = run(None);
        assert_eq!(r2.best_silhouette_k, 0, "no silhouette, no best k");
        assert_eq!(inertia, inertia2);
    }
}

#[test]
fn the_sweep_needs_2_le_k_min_le_k_max_le_n_minus_1() {
    for base in [
        "nanoclust_kmeans_sweep_workspace_size",
        "nanoclust_kmeans_sweep",
    ] {
        for f in both(base) {
            assert_eq!(
                Args::new(&f).size("k_min", 1).status(),
                PARAM,
                "{f}: k_min 1"
            );
            assert_eq!(
                Args::new(&f).size("k_min", 4).size("k_max", 3).status(),
                PARAM,
                "{f}: k_min > k_max"
            );
            assert_eq!(
                Args::new(&f).size("k_max", 12).status(),
                PARAM,
                "{f}: k_max = n"
            );
        }
    }
}

#[test]
fn suggested_eps_is_the_curve_at_the_knee() {
    for f in both("nanoclust_suggest_eps") {
        let mut a = Args::new(&f);
        assert_eq!(a.run(), NANOCLUST_OK, "{f}");
        let knee = a.get("knee_out", 0) as usize;
        assert_eq!(a.get("eps_out", 0), a.get("curve", knee), "{f}");
        let curve = a.all("curve");
        assert!(curve.windows(2).all(|w| w[0] <= w[1]), "{f}: ascending");
        let zero_row = Args::new(&f)
            .u32("metric", NANOCLUST_METRIC_COSINE)
            .set("x", 0, 0.0)
            .set("x", 1, 0.0);
        assert_eq!(zero_row.status(), PARAM, "{f}: cosine with a zero row");
        assert_eq!(
            Args::new(&f).u32("min_samples", 13).status(),
            PARAM,
            "{f}: min_samples > n"
        );
        let line = Args::new(&f)
            .fill("x", |t| (t / 2) as f64)
            .u32("min_samples", 2);
        assert_eq!(
            line.status(),
            PARAM,
            "{f}: evenly spaced samples have no knee"
        );
    }
}

#[test]
fn knee_of_known_curves() {
    let knee = |y: &[f64]| {
        let mut a = Args::new("nanoclust_knee_index")
            .size("n", y.len())
            .fill("y", |t| y.get(t).copied().unwrap_or(0.0));
        let s = a.run();
        (s, a.get("index_out", 0))
    };
    // Scaled: (0, 1), (.25, .255), (.5, .043), (.75, .021), (1, 0); the chord is
    // y = 1 - x, farthest at x = .25 (0.495 vs 0.457 at x = .5).
    assert_eq!(knee(&[10.0, 3.0, 1.0, 0.8, 0.6]), (NANOCLUST_OK, 1.0));
    assert_eq!(knee(&[10.0, 3.0]).0, PARAM, "n < 3");
    assert_eq!(knee(&[1.0, 2.0, 3.0]).0, PARAM, "a straight line");
}
