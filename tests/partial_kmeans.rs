//! k-means partial statistics through the C entry points:
//! - exactness: random data, random splits on block boundaries (1 to many
//!   ranges), random merge trees, f32 and f64, with and without weights, with
//!   and without empty clusters: `finish` bytes identical to one range;
//! - parity: the accumulate/merge/finish loop reproduces scikit-learn's fits
//!   (committed fixtures, provided init) at the one-call fit's tolerances;
//! - ABI edges: NULLs, sizes, mismatched, truncated and corrupt blobs, labels
//!   out of range, non-finite data; failures leave the outputs untouched.

mod common;
mod partial_common;

use common::*;
use nanoclust::ffi::*;
use nanoclust::rng::Rng;
use partial_common::{below, random_cuts};
use serde_json::Value;
use std::ptr::{null, null_mut};

/// f32 or f64 through the matching C functions.
trait Elem: Copy + PartialEq + std::fmt::Debug + Default {
    fn of(v: f64) -> Self;
    fn to(self) -> f64;
    #[allow(clippy::too_many_arguments)]
    unsafe fn accumulate(
        x: *const Self,
        rows: usize,
        d: usize,
        w: *const Self,
        first: u64,
        c: *const Self,
        k: usize,
        labels: *mut i32,
        stats: *mut u8,
        bytes: usize,
    ) -> nanoclust_status;
    #[allow(clippy::too_many_arguments)]
    unsafe fn finish(
        stats: *const u8,
        bytes: usize,
        c: *const Self,
        k: usize,
        d: usize,
        out: *mut Self,
        res: *mut nanoclust_kmeans_step_result,
    ) -> nanoclust_status;
}

impl Elem for f32 {
    fn of(v: f64) -> Self {
        v as f32
    }
    fn to(self) -> f64 {
        self as f64
    }
    unsafe fn accumulate(
        x: *const Self,
        rows: usize,
        d: usize,
        w: *const Self,
        first: u64,
        c: *const Self,
        k: usize,
        labels: *mut i32,
        stats: *mut u8,
        bytes: usize,
    ) -> nanoclust_status {
        // SAFETY: the caller upholds the export's pointer contract.
        unsafe {
            nanoclust_kmeans_accumulate_f32(x, rows, d, w, first, c, k, labels, stats.cast(), bytes)
        }
    }
    unsafe fn finish(
        stats: *const u8,
        bytes: usize,
        c: *const Self,
        k: usize,
        d: usize,
        out: *mut Self,
        res: *mut nanoclust_kmeans_step_result,
    ) -> nanoclust_status {
        // SAFETY: the caller upholds the export's pointer contract.
        unsafe { nanoclust_kmeans_finish_f32(stats.cast(), bytes, c, k, d, out, res) }
    }
}

impl Elem for f64 {
    fn of(v: f64) -> Self {
        v
    }
    fn to(self) -> f64 {
        self
    }
    unsafe fn accumulate(
        x: *const Self,
        rows: usize,
        d: usize,
        w: *const Self,
        first: u64,
        c: *const Self,
        k: usize,
        labels: *mut i32,
        stats: *mut u8,
        bytes: usize,
    ) -> nanoclust_status {
        // SAFETY: the caller upholds the export's pointer contract.
        unsafe {
            nanoclust_kmeans_accumulate_f64(x, rows, d, w, first, c, k, labels, stats.cast(), bytes)
        }
    }
    unsafe fn finish(
        stats: *const u8,
        bytes: usize,
        c: *const Self,
        k: usize,
        d: usize,
        out: *mut Self,
        res: *mut nanoclust_kmeans_step_result,
    ) -> nanoclust_status {
        // SAFETY: the caller upholds the export's pointer contract.
        unsafe { nanoclust_kmeans_finish_f64(stats.cast(), bytes, c, k, d, out, res) }
    }
}

fn stats_size(k: usize, d: usize) -> usize {
    let mut b = 0;
    assert_eq!(
        unsafe { nanoclust_kmeans_stats_size(k, d, &mut b) },
        NANOCLUST_OK
    );
    b
}

fn fresh(k: usize, d: usize) -> Vec<u8> {
    let b = stats_size(k, d);
    let mut v = vec![0xA5u8; b];
    assert_eq!(
        unsafe { nanoclust_kmeans_stats_init(v.as_mut_ptr().cast(), b, k, d) },
        NANOCLUST_OK
    );
    v
}

/// Merges blobs along a random tree: repeatedly folds a random blob into another.
fn merge_tree(rng: &mut Rng, mut blobs: Vec<Vec<u8>>) -> Vec<u8> {
    while blobs.len() > 1 {
        let a = below(rng, blobs.len());
        let from = blobs.swap_remove(a);
        let b = below(rng, blobs.len());
        let s = unsafe {
            nanoclust_kmeans_stats_merge(
                blobs[b].as_mut_ptr().cast(),
                from.as_ptr().cast(),
                from.len(),
            )
        };
        assert_eq!(s, NANOCLUST_OK);
    }
    blobs.pop().unwrap()
}

struct Pass<S> {
    centers: Vec<S>,
    res: nanoclust_kmeans_step_result,
}

/// One pass over `x` split at `cuts` (each range folded into its own blob),
/// merged along a random tree, finished.
#[allow(clippy::too_many_arguments)]
fn pass<S: Elem>(
    rng: &mut Rng,
    x: &[S],
    d: usize,
    w: Option<&[S]>,
    centers: &[S],
    labels: &mut [i32],
    cuts: &[usize],
) -> (Pass<S>, Vec<u8>) {
    let (n, k) = (x.len() / d, centers.len() / d);
    let mut blobs = Vec::new();
    let mut start = 0;
    for &end in cuts.iter().chain(std::iter::once(&n)) {
        // Blobs at odd addresses: any alignment is accepted.
        let mut blob = vec![0u8; 1 + stats_size(k, d)];
        let bytes = blob.len() - 1;
        let p = unsafe { blob.as_mut_ptr().add(1) };
        assert_eq!(
            unsafe { nanoclust_kmeans_stats_init(p.cast(), bytes, k, d) },
            NANOCLUST_OK
        );
        let s = unsafe {
            S::accumulate(
                x[start * d..].as_ptr(),
                end - start,
                d,
                w.map_or(null(), |w| w[start..].as_ptr()),
                start as u64,
                centers.as_ptr(),
                k,
                labels[start..].as_mut_ptr(),
                p,
                bytes,
            )
        };
        assert_eq!(s, NANOCLUST_OK);
        blobs.push(blob[1..].to_vec());
        start = end;
    }
    let merged = merge_tree(rng, blobs);
    let mut out = vec![S::default(); k * d];
    let mut res = nanoclust_kmeans_step_result {
        inertia: -1.0,
        center_shift: -1.0,
        n_changed: 99,
    };
    let s = unsafe {
        S::finish(
            merged.as_ptr(),
            merged.len(),
            centers.as_ptr(),
            k,
            d,
            out.as_mut_ptr(),
            &mut res,
        )
    };
    assert_eq!(s, NANOCLUST_OK);
    (Pass { centers: out, res }, merged)
}

fn bits<S: Elem>(v: &[S]) -> Vec<u64> {
    v.iter().map(|x| x.to().to_bits()).collect()
}

fn exactness<S: Elem>(seed: u64, weighted: bool, far_centers: bool) {
    let mut rng = Rng::new(seed);
    let n = 64 * (1 + below(&mut rng, 20)) + below(&mut rng, 64);
    let d = 1 + below(&mut rng, 6);
    let k = 1 + below(&mut rng, 7);
    let x: Vec<S> = (0..n * d)
        .map(|i| S::of((i % 5) as f64 * 3.0 + rng.next_f64() * 4.0 - 2.0))
        .collect();
    let w: Option<Vec<S>> = weighted.then(|| {
        (0..n)
            .map(|i| {
                S::of(if i % 11 == 0 {
                    0.0
                } else {
                    rng.next_f64() * 3.0
                })
            })
            .collect()
    });
    let mut centers: Vec<S> = (0..k * d)
        .map(|j| {
            let far = far_centers && j / d > 0;
            S::of(rng.next_f64() * 10.0 + if far { 1e4 } else { 0.0 })
        })
        .collect();
    let mut labels = vec![-1i32; n];
    for _iter in 0..4 {
        let mut l1 = labels.clone();
        let (one, blob1) = pass(&mut rng, &x, d, w.as_deref(), &centers, &mut l1, &[]);
        for trial in 0..6 {
            let cuts = random_cuts(&mut rng, n, 12);
            let mut l2 = labels.clone();
            let (many, blob2) = pass(&mut rng, &x, d, w.as_deref(), &centers, &mut l2, &cuts);
            let what = format!("seed {seed} trial {trial} cuts {cuts:?} n {n} d {d} k {k}");
            assert_eq!(bits(&one.centers), bits(&many.centers), "{what}");
            assert_eq!(
                one.res.inertia.to_bits(),
                many.res.inertia.to_bits(),
                "{what}"
            );
            assert_eq!(
                one.res.center_shift.to_bits(),
                many.res.center_shift.to_bits(),
                "{what}"
            );
            assert_eq!(one.res.n_changed, many.res.n_changed, "{what}");
            assert_eq!(l1, l2, "{what}");
            assert_eq!(blob1, blob2, "{what}: merged blobs");
        }
        labels = l1;
        centers = one.centers;
    }
    assert!(labels.iter().all(|&l| l >= 0 && (l as usize) < k));
}

#[test]
fn finish_bytes_do_not_depend_on_the_split_or_the_merge_order() {
    for seed in 0..12u64 {
        let weighted = seed % 2 == 1;
        let far = seed % 3 == 0;
        exactness::<f64>(seed, weighted, far);
        exactness::<f32>(seed + 100, weighted, far);
    }
}

#[test]
fn empty_clusters_are_relocated_to_the_farthest_rows() {
    // 1-D: rows 0..200 at i, one center at 0 and two far away that get no rows.
    let n = 200;
    let x: Vec<f64> = (0..n).map(|i| i as f64).collect();
    let centers = vec![0.0, 1e6, 2e6];
    let mut labels = vec![-1i32; n];
    let mut rng = Rng::new(1);
    let (p, _) = pass(&mut rng, &x, 1, None, &centers, &mut labels, &[64, 128]);
    // Every row went to center 0; the empty clusters 1 and 2 take rows 199 and
    // 198, which leave cluster 0.
    let sum0: f64 = (0..198).map(|i| i as f64).sum();
    // (Divided as the fit divides: times the reciprocal of the weight.)
    assert_eq!(p.centers, vec![sum0 * (1.0 / 198.0), 199.0, 198.0]);
    assert_eq!(p.res.n_changed, n as u64);
    let inertia: f64 = (0..n).map(|i| (i * i) as f64).sum();
    assert_eq!(p.res.inertia, inertia);
}

fn usize_of(case: &Value, key: &str) -> usize {
    case[key].as_u64().unwrap() as usize
}

/// The loop a caller runs: passes until labels stop changing or the shift is
/// at most tol * mean variance, then a final assignment.
fn loop_fit<S: Elem>(case: &Value, rng: &mut Rng) -> (Vec<f64>, Vec<i32>, f64, u32) {
    let (n, d) = (usize_of(case, "n"), usize_of(case, "d"));
    let x: Vec<S> = f64s(&case["x"]).into_iter().map(S::of).collect();
    let w: Option<Vec<S>> = case
        .get("sample_weight")
        .filter(|v| !v.is_null())
        .map(|v| f64s(v).into_iter().map(S::of).collect());
    let mut centers: Vec<S> = f64s(&case["init"]).into_iter().map(S::of).collect();
    let xf: Vec<f64> = x.iter().map(|v| v.to()).collect();
    let mut mean_var = 0.0;
    for j in 0..d {
        let m = (0..n).map(|i| xf[i * d + j]).sum::<f64>() / n as f64;
        mean_var += (0..n).map(|i| (xf[i * d + j] - m).powi(2)).sum::<f64>() / n as f64;
    }
    let tol_abs = case["tol"].as_f64().unwrap() * mean_var / d as f64;
    let max_iter = case["max_iter"].as_u64().unwrap() as u32;
    let mut labels = vec![-1i32; n];
    let mut strict = false;
    let mut n_iter = 0;
    for it in 0..max_iter {
        n_iter = it + 1;
        let cuts = random_cuts(rng, n, 12);
        let (p, _) = pass(rng, &x, d, w.as_deref(), &centers, &mut labels, &cuts);
        centers = p.centers;
        if p.res.n_changed == 0 {
            strict = true;
            break;
        }
        if p.res.center_shift <= tol_abs {
            break;
        }
    }
    let mut final_labels = labels.clone();
    let (last, _) = pass(rng, &x, d, w.as_deref(), &centers, &mut final_labels, &[]);
    if !strict {
        labels = final_labels;
    }
    let c: Vec<f64> = centers.iter().map(|v| v.to()).collect();
    (c, labels, last.res.inertia, n_iter)
}

#[test]
fn the_partial_loop_matches_scikit_learn_fits() {
    let mut checked = 0;
    let mut rng = Rng::new(42);
    for (name, case) in fixtures_in("kmeans") {
        if case["kind"] != "fit" {
            continue;
        }
        let d = usize_of(&case, "d");
        let want_labels = i64s(&case["labels"]);
        let want_centers = f64s(&case["centers"]);
        let want_inertia = case["inertia"].as_f64().unwrap();
        let f32_case = case["dtype"].as_str() == Some("float32");
        let (centers, labels, inertia, n_iter) = if f32_case {
            loop_fit::<f32>(&case, &mut rng)
        } else {
            loop_fit::<f64>(&case, &mut rng)
        };
        assert_eq!(
            n_iter as u64,
            case["n_iter"].as_u64().unwrap(),
            "{name}: n_iter"
        );
        if f32_case {
            let x = f64s(&case["x"]);
            for (i, (&got, &want)) in labels.iter().zip(&want_labels).enumerate() {
                if got as i64 != want {
                    let dist = |c: usize| -> f64 {
                        (0..d)
                            .map(|j| (x[i * d + j] - want_centers[c * d + j]).powi(2))
                            .sum()
                    };
                    let (a, b) = (dist(got as usize), dist(want as usize));
                    assert!(
                        (a - b).abs() <= 1e-4 * (1.0 + a.max(b)),
                        "{name}: label {i}"
                    );
                }
            }
            assert_close(
                &format!("{name}: centers"),
                &centers,
                &want_centers,
                1e-4,
                1e-4,
            );
            assert_close(
                &format!("{name}: inertia"),
                &[inertia],
                &[want_inertia],
                1e-4,
                0.0,
            );
        } else {
            let got: Vec<i64> = labels.iter().map(|&l| l as i64).collect();
            assert_eq!(got, want_labels, "{name}: labels");
            assert_close(
                &format!("{name}: centers"),
                &centers,
                &want_centers,
                1e-7,
                1e-12,
            );
            assert_close(
                &format!("{name}: inertia"),
                &[inertia],
                &[want_inertia],
                1e-7,
                0.0,
            );
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} fixtures");
}

#[test]
fn abi_edges_are_statuses_and_leave_outputs_untouched() {
    let (n, d, k) = (10usize, 2usize, 3usize);
    let x: Vec<f32> = (0..n * d).map(|i| i as f32).collect();
    let c: Vec<f32> = vec![0.0, 0.0, 5.0, 5.0, 15.0, 15.0];
    let bytes = stats_size(k, d);
    let mut labels = vec![-1i32; n];
    let mut st = fresh(k, d);
    let sp = st.as_mut_ptr().cast();
    unsafe {
        // Sizes.
        let mut b = 0usize;
        assert_eq!(
            nanoclust_kmeans_stats_size(k, d, null_mut()),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            nanoclust_kmeans_stats_size(0, d, &mut b),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(
            nanoclust_kmeans_stats_size(k, 0, &mut b),
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            nanoclust_kmeans_stats_size(1 << 24, usize::MAX / 4, &mut b),
            NANOCLUST_ERR_SIZE_OVERFLOW
        );
        assert_eq!(b, 0);
        assert!((1..=64).contains(&nanoclust_partial_block_rows()));
        // Init.
        assert_eq!(
            nanoclust_kmeans_stats_init(null_mut(), bytes, k, d),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            nanoclust_kmeans_stats_init(sp, bytes - 1, k, d),
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            nanoclust_kmeans_stats_init(sp, bytes, 0, d),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        let before = st.clone();
        let sp = st.as_mut_ptr().cast();
        // Accumulate: every failure leaves labels and blob unchanged.
        let acc = |x: *const f32,
                   rows: usize,
                   w: *const f32,
                   first: u64,
                   c: *const f32,
                   kk: usize,
                   l: *mut i32,
                   s: *mut std::ffi::c_void,
                   b: usize| {
            nanoclust_kmeans_accumulate_f32(x, rows, d, w, first, c, kk, l, s, b)
        };
        let lp = labels.as_mut_ptr();
        assert_eq!(
            acc(null(), n, null(), 0, c.as_ptr(), k, lp, sp, bytes),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            acc(x.as_ptr(), n, null(), 0, null(), k, lp, sp, bytes),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            acc(
                x.as_ptr(),
                n,
                null(),
                0,
                c.as_ptr(),
                k,
                null_mut(),
                sp,
                bytes
            ),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            acc(
                x.as_ptr(),
                n,
                null(),
                0,
                c.as_ptr(),
                k,
                lp,
                null_mut(),
                bytes
            ),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            acc(x.as_ptr(), 0, null(), 0, c.as_ptr(), k, lp, sp, bytes),
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            acc(x.as_ptr(), n, null(), 0, c.as_ptr(), k, lp, sp, bytes - 1),
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            acc(x.as_ptr(), n, null(), 0, c.as_ptr(), 2, lp, sp, bytes),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(
            acc(
                x.as_ptr(),
                n,
                null(),
                u64::MAX - 3,
                c.as_ptr(),
                k,
                lp,
                sp,
                bytes
            ),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        let mut bad_labels = labels.clone();
        bad_labels[3] = 3;
        assert_eq!(
            acc(
                x.as_ptr(),
                n,
                null(),
                0,
                c.as_ptr(),
                k,
                bad_labels.as_mut_ptr(),
                sp,
                bytes
            ),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        bad_labels[3] = -2;
        assert_eq!(
            acc(
                x.as_ptr(),
                n,
                null(),
                0,
                c.as_ptr(),
                k,
                bad_labels.as_mut_ptr(),
                sp,
                bytes
            ),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(bad_labels.iter().filter(|&&l| l == -1).count(), n - 1);
        let mut nan = x.clone();
        nan[5] = f32::NAN;
        assert_eq!(
            acc(nan.as_ptr(), n, null(), 0, c.as_ptr(), k, lp, sp, bytes),
            NANOCLUST_ERR_NON_FINITE
        );
        let mut cn = c.clone();
        cn[0] = f32::INFINITY;
        assert_eq!(
            acc(x.as_ptr(), n, null(), 0, cn.as_ptr(), k, lp, sp, bytes),
            NANOCLUST_ERR_NON_FINITE
        );
        let neg = vec![-1.0f32; n];
        assert_eq!(
            acc(x.as_ptr(), n, neg.as_ptr(), 0, c.as_ptr(), k, lp, sp, bytes),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        let huge = vec![f32::MAX / 2.0; n * d];
        assert_eq!(
            acc(huge.as_ptr(), n, null(), 0, c.as_ptr(), k, lp, sp, bytes),
            NANOCLUST_ERR_NUMERICAL
        );
        // Corrupt blobs.
        for (off, val) in [(0usize, b'X'), (4, 9), (8, 3), (36, 1), (12, 7), (64, 200)] {
            let mut bad = st.clone();
            bad[off] = val;
            assert_eq!(
                acc(
                    x.as_ptr(),
                    n,
                    null(),
                    0,
                    c.as_ptr(),
                    k,
                    lp,
                    bad.as_mut_ptr().cast(),
                    bytes
                ),
                NANOCLUST_ERR_INVALID_PARAMETER,
                "corrupt byte {off}"
            );
        }
        assert_eq!(labels, vec![-1; n]);
        assert_eq!(st, before);
        // A blob of another shape (k*d equal) is INVALID_PARAMETER.
        let mut other = fresh(2, 3);
        assert_eq!(
            acc(
                x.as_ptr(),
                n,
                null(),
                0,
                c.as_ptr(),
                k,
                lp,
                other.as_mut_ptr().cast(),
                other.len()
            ),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        // Too few rows for k, then a good accumulate.
        assert_eq!(
            acc(x.as_ptr(), 2, null(), 0, c.as_ptr(), k, lp, sp, bytes),
            NANOCLUST_OK
        );
        let mut out = vec![7.0f32; k * d];
        let mut res = nanoclust_kmeans_step_result {
            inertia: 7.0,
            center_shift: 7.0,
            n_changed: 7,
        };
        assert_eq!(
            nanoclust_kmeans_finish_f32(sp, bytes, c.as_ptr(), k, d, out.as_mut_ptr(), &mut res),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        let mut st2 = fresh(k, d);
        assert_eq!(
            acc(
                x[4..].as_ptr(),
                n - 2,
                null(),
                2,
                c.as_ptr(),
                k,
                labels[2..].as_mut_ptr(),
                st2.as_mut_ptr().cast(),
                bytes
            ),
            NANOCLUST_OK
        );
        // Merge edges.
        assert_eq!(
            nanoclust_kmeans_stats_merge(null_mut(), st2.as_ptr().cast(), bytes),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            nanoclust_kmeans_stats_merge(sp, null(), bytes),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            nanoclust_kmeans_stats_merge(sp, sp, bytes),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(
            nanoclust_kmeans_stats_merge(sp, st2.as_ptr().cast(), bytes - 8),
            NANOCLUST_ERR_INVALID_SHAPE
        );
        let mut f64_blob = fresh(k, d);
        let xd: Vec<f64> = x.iter().map(|&v| v as f64).collect();
        let cd: Vec<f64> = c.iter().map(|&v| v as f64).collect();
        let mut ld = vec![-1i32; n];
        assert_eq!(
            nanoclust_kmeans_accumulate_f64(
                xd.as_ptr(),
                n,
                d,
                null(),
                0,
                cd.as_ptr(),
                k,
                ld.as_mut_ptr(),
                f64_blob.as_mut_ptr().cast(),
                bytes
            ),
            NANOCLUST_OK
        );
        let snapshot = st.clone();
        assert_eq!(
            nanoclust_kmeans_stats_merge(sp, f64_blob.as_ptr().cast(), bytes),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(st, snapshot);
        assert_eq!(
            nanoclust_kmeans_stats_merge(sp, st2.as_ptr().cast(), bytes),
            NANOCLUST_OK
        );
        // Finish edges.
        let fin =
            |s: *const std::ffi::c_void, b: usize, c: *const f32, kk: usize, o: *mut f32, r| {
                nanoclust_kmeans_finish_f32(s, b, c, kk, d, o, r)
            };
        let op = out.as_mut_ptr();
        assert_eq!(
            fin(null(), bytes, c.as_ptr(), k, op, &mut res),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            fin(st.as_ptr().cast(), bytes, null(), k, op, &mut res),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            fin(
                st.as_ptr().cast(),
                bytes,
                c.as_ptr(),
                k,
                null_mut(),
                &mut res
            ),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            fin(st.as_ptr().cast(), bytes - 1, c.as_ptr(), k, op, &mut res),
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            fin(st.as_ptr().cast(), bytes, c.as_ptr(), 2, op, &mut res),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(
            fin(st.as_ptr().cast(), bytes, cn.as_ptr(), k, op, &mut res),
            NANOCLUST_ERR_NON_FINITE
        );
        assert_eq!(
            fin(
                fresh(k, d).as_ptr().cast(),
                bytes,
                c.as_ptr(),
                k,
                op,
                &mut res
            ),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        let mut outd = vec![0.0f64; k * d];
        assert_eq!(
            nanoclust_kmeans_finish_f64(
                st.as_ptr().cast(),
                bytes,
                cd.as_ptr(),
                k,
                d,
                outd.as_mut_ptr(),
                null_mut()
            ),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(out, vec![7.0f32; k * d]);
        assert_eq!(res.n_changed, 7);
        // Success, also in place (new_centers == centers) with the same bits.
        assert_eq!(
            fin(st.as_ptr().cast(), bytes, c.as_ptr(), k, op, &mut res),
            NANOCLUST_OK
        );
        let mut inplace = c.clone();
        assert_eq!(
            fin(
                st.as_ptr().cast(),
                bytes,
                inplace.as_ptr(),
                k,
                inplace.as_mut_ptr(),
                null_mut()
            ),
            NANOCLUST_OK
        );
        assert_eq!(inplace, out);
        assert_eq!(res.n_changed, n as u64);
        // Rows 0..10 at (2i, 2i+1): centers (0,0), (5,5), (15,15).
        let mut expect = vec![0.0f64; k * d];
        let mut cnt = [0.0f64; 3];
        for i in 0..n {
            let l = labels[i] as usize;
            cnt[l] += 1.0;
            for j in 0..d {
                expect[l * d + j] += x[i * d + j] as f64;
            }
        }
        for (j, e) in expect.iter_mut().enumerate() {
            *e /= cnt[j / d];
        }
        assert_close(
            "centers",
            &out.iter().map(|&v| v as f64).collect::<Vec<_>>(),
            &expect,
            1e-6,
            0.0,
        );
    }
}

/// Random corruption of a blob (any byte, any value, truncation) is a status,
/// never a crash, and an OK finish still gives finite centers.
#[test]
fn corrupt_blobs_are_statuses() {
    let (n, d, k) = (300usize, 3usize, 4usize);
    let mut rng = Rng::new(5);
    let x: Vec<f64> = (0..n * d).map(|_| rng.next_f64() * 10.0).collect();
    let c: Vec<f64> = x[..k * d].to_vec();
    let mut labels = vec![-1i32; n];
    let (_, good) = pass(&mut rng, &x, d, None, &c, &mut labels, &[128]);
    let allowed = [
        NANOCLUST_OK,
        NANOCLUST_ERR_INVALID_SHAPE,
        NANOCLUST_ERR_INVALID_PARAMETER,
        NANOCLUST_ERR_NUMERICAL,
    ];
    for trial in 0..3000 {
        let mut bad = good.clone();
        for _ in 0..=below(&mut rng, 3) {
            let at = below(&mut rng, bad.len());
            bad[at] = (rng.next_f64() * 256.0) as u8;
        }
        if trial % 10 == 0 {
            bad.truncate(below(&mut rng, bad.len()));
        }
        let len = bad.len();
        let mut out = vec![0.0f64; k * d];
        let s = unsafe {
            nanoclust_kmeans_finish_f64(
                bad.as_ptr().cast(),
                len,
                c.as_ptr(),
                k,
                d,
                out.as_mut_ptr(),
                null_mut(),
            )
        };
        assert!(allowed.contains(&s), "trial {trial}: finish status {s}");
        if s == NANOCLUST_OK {
            assert!(out.iter().all(|v| v.is_finite()));
        }
        let mut into = good.clone();
        into.truncate(len);
        let s = unsafe {
            nanoclust_kmeans_stats_merge(into.as_mut_ptr().cast(), bad.as_ptr().cast(), len)
        };
        assert!(allowed.contains(&s), "trial {trial}: merge status {s}");
        let mut l = labels.clone();
        let s = unsafe {
            nanoclust_kmeans_accumulate_f64(
                x.as_ptr(),
                64,
                d,
                null(),
                0,
                c.as_ptr(),
                k,
                l.as_mut_ptr(),
                bad.as_mut_ptr().cast(),
                len,
            )
        };
        assert!(allowed.contains(&s), "trial {trial}: accumulate status {s}");
    }
}
