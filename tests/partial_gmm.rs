//! Gaussian-mixture partial statistics:
//! - exactness: random data, random splits on block boundaries, random merge
//!   trees, all four covariance types, f32 and f64, with and without weights:
//!   the M-step's bytes are identical to one range's;
//! - parity: the accumulate/merge/finish EM loop from scikit-learn's provided
//!   starts reproduces its fits (committed fixtures) at the one-call fit's
//!   tolerances (1e-6 f64, 1e-3 f32) with the same iteration count;
//! - ABI edges of every `nanoclust_gmm_*stats*` export.

mod common;
mod partial_common;

use common::{assert_close, f64s, fixtures_in};
use nanoclust::ffi::gmm::{NANOCLUST_COVARIANCE_DIAG, NANOCLUST_COVARIANCE_FULL};
use nanoclust::ffi::*;
use nanoclust::gmm::partial::{self as gp, Mixture};
use nanoclust::gmm::CovarianceType;
use nanoclust::rng::Rng;
use nanoclust::{Matrix, Scalar};
use partial_common::{below, random_cuts};
use serde_json::Value;
use std::ptr::{null, null_mut};

struct Model<S> {
    w: Vec<S>,
    m: Vec<S>,
    c: Vec<S>,
}

/// One EM pass split at `cuts`, merged along a random tree.
fn pass<S: Scalar>(
    rng: &mut Rng,
    x: &[S],
    d: usize,
    sw: Option<&[S]>,
    model: &Model<S>,
    ct: CovarianceType,
    cuts: &[usize],
) -> (Model<S>, f64, Vec<u8>) {
    let (n, k) = (x.len() / d, model.w.len());
    let bytes = gp::shape(k, d, ct).unwrap().bytes;
    let mut blobs = Vec::new();
    let mut start = 0;
    for &end in cuts.iter().chain(std::iter::once(&n)) {
        let mut b = vec![0u8; bytes];
        gp::init(&mut b, k, d, ct).unwrap();
        let mix = Mixture {
            weights: &model.w,
            means: &model.m,
            covariances: &model.c,
        };
        let xm = Matrix::new(&x[start * d..end * d], end - start, d).unwrap();
        gp::accumulate(xm, sw.map(|w| &w[start..end]), 0, mix, ct, &mut b).unwrap();
        blobs.push(b);
        start = end;
    }
    while blobs.len() > 1 {
        let from = blobs.swap_remove(below(rng, blobs.len()));
        let i = below(rng, blobs.len());
        gp::merge(&mut blobs[i], &from).unwrap();
    }
    let blob = blobs.pop().unwrap();
    let mut out = Model {
        w: vec![S::ZERO; k],
        m: vec![S::ZERO; k * d],
        c: vec![S::ZERO; model.c.len()],
    };
    let lb = gp::finish(&blob, 1e-6, &mut out.w, &mut out.m, &mut out.c).unwrap();
    (out, lb, blob)
}

fn bits<S: Scalar>(v: &[S]) -> Vec<u64> {
    v.iter().map(|x| x.to_f64().to_bits()).collect()
}

fn start_model<S: Scalar>(rng: &mut Rng, k: usize, d: usize, ct: CovarianceType) -> Model<S> {
    let w = (0..k).map(|_| S::from_f64(0.5 + rng.next_f64())).collect();
    let m = (0..k * d)
        .map(|_| S::from_f64(rng.next_f64() * 8.0))
        .collect();
    let c = match ct {
        CovarianceType::Full | CovarianceType::Tied => {
            let mats = if ct == CovarianceType::Full { k } else { 1 };
            (0..mats)
                .flat_map(|_| {
                    (0..d * d).map(|i| {
                        let (a, b) = (i / d, i % d);
                        S::from_f64(if a == b {
                            2.0
                        } else {
                            0.3 / (1 + a + b) as f64
                        })
                    })
                })
                .collect()
        }
        CovarianceType::Diag => (0..k * d)
            .map(|_| S::from_f64(1.0 + rng.next_f64()))
            .collect(),
        CovarianceType::Spherical => (0..k).map(|_| S::from_f64(1.0 + rng.next_f64())).collect(),
    };
    Model { w, m, c }
}

fn exactness<S: Scalar>(seed: u64, ct: CovarianceType, weighted: bool) {
    let mut rng = Rng::new(seed);
    let n = 64 * (1 + below(&mut rng, 12)) + below(&mut rng, 64);
    let d = 1 + below(&mut rng, 4);
    let k = 1 + below(&mut rng, 4);
    let x: Vec<S> = (0..n * d)
        .map(|i| S::from_f64((i % 3) as f64 * 3.0 + rng.next_f64() * 3.0))
        .collect();
    let sw: Option<Vec<S>> =
        weighted.then(|| (0..n).map(|_| S::from_f64(rng.next_f64() * 2.0)).collect());
    let mut model = start_model::<S>(&mut rng, k, d, ct);
    for _ in 0..3 {
        let (one, lb1, blob1) = pass(&mut rng, &x, d, sw.as_deref(), &model, ct, &[]);
        for trial in 0..4 {
            let cuts = random_cuts(&mut rng, n, 10);
            let (many, lb2, blob2) = pass(&mut rng, &x, d, sw.as_deref(), &model, ct, &cuts);
            let what = format!("seed {seed} {ct:?} trial {trial} cuts {cuts:?}");
            assert_eq!(bits(&one.w), bits(&many.w), "{what}: weights");
            assert_eq!(bits(&one.m), bits(&many.m), "{what}: means");
            assert_eq!(bits(&one.c), bits(&many.c), "{what}: covariances");
            assert_eq!(lb1.to_bits(), lb2.to_bits(), "{what}: lower bound");
            assert_eq!(blob1, blob2, "{what}: blobs");
        }
        model = one;
    }
}

#[test]
fn m_step_bytes_do_not_depend_on_the_split_or_the_merge_order() {
    for (i, ct) in CovarianceType::ALL.into_iter().enumerate() {
        for seed in 0..4u64 {
            let s = seed * 10 + i as u64;
            exactness::<f64>(s, ct, seed % 2 == 1);
            exactness::<f32>(s + 500, ct, seed % 2 == 0);
        }
    }
}

fn cov_type(name: &str) -> CovarianceType {
    match name {
        "full" => CovarianceType::Full,
        "tied" => CovarianceType::Tied,
        "diag" => CovarianceType::Diag,
        _ => CovarianceType::Spherical,
    }
}

fn to<S: Scalar>(v: &Value) -> Vec<S> {
    f64s(v).into_iter().map(S::from_f64).collect()
}

fn em_loop<S: Scalar>(rng: &mut Rng, doc: &Value, c: &Value, rtol: f64) {
    let x: Vec<S> = to(&doc["x"]);
    let d = doc["x"][0].as_array().unwrap().len();
    let n = x.len() / d;
    let ct = cov_type(c["covariance_type"].as_str().unwrap());
    let tol = c["tol"].as_f64().unwrap();
    let reg = c["reg_covar"].as_f64().unwrap();
    assert_eq!(reg, 1e-6);
    let mut model = Model {
        w: to::<S>(&c["weights_init"]),
        m: to::<S>(&c["means_init"]),
        c: to::<S>(&c["covariances_init"]),
    };
    let mut prev = f64::NEG_INFINITY;
    let mut lb = prev;
    let mut n_iter = 0;
    for it in 1..=c["max_iter"].as_u64().unwrap() {
        n_iter = it;
        let cuts = random_cuts(rng, n, 10);
        let (next, l, _) = pass(rng, &x, d, None, &model, ct, &cuts);
        model = next;
        lb = l;
        if (lb - prev).abs() < tol {
            break;
        }
        prev = lb;
    }
    let what = format!(
        "{} {}",
        c["covariance_type"].as_str().unwrap(),
        c["dtype"].as_str().unwrap()
    );
    assert_eq!(n_iter, c["n_iter"].as_u64().unwrap(), "{what}: n_iter");
    let back = |v: &[S]| -> Vec<f64> { v.iter().map(|x| x.to_f64()).collect() };
    let atol = rtol * 1e-3;
    assert_close(
        &format!("{what}: weights"),
        &back(&model.w),
        &f64s(&c["weights"]),
        rtol,
        atol,
    );
    assert_close(
        &format!("{what}: means"),
        &back(&model.m),
        &f64s(&c["means"]),
        rtol,
        atol,
    );
    assert_close(
        &format!("{what}: covariances"),
        &back(&model.c),
        &f64s(&c["covariances"]),
        rtol,
        atol,
    );
    assert_close(
        &format!("{what}: lower bound"),
        &[lb],
        &[c["lower_bound"].as_f64().unwrap()],
        rtol,
        atol,
    );
}

#[test]
fn the_partial_em_loop_matches_scikit_learn_fits() {
    let mut rng = Rng::new(9);
    let mut checked = 0;
    for (_name, doc) in fixtures_in("gmm") {
        for c in doc["cases"].as_array().unwrap() {
            if c["start"] != "provided" {
                continue;
            }
            if c["dtype"] == "float32" {
                em_loop::<f32>(&mut rng, &doc, c, 1e-3);
            } else {
                em_loop::<f64>(&mut rng, &doc, c, 1e-6);
            }
            checked += 1;
        }
    }
    assert!(checked >= 8, "only {checked} cases");
}

#[test]
fn abi_edges_are_statuses_and_leave_outputs_untouched() {
    let (n, d, k) = (6usize, 2usize, 2usize);
    let x: Vec<f64> = vec![0.0, 0.1, 0.2, 0.0, 0.1, 0.3, 5.0, 5.1, 5.2, 5.0, 5.1, 4.9];
    let w = [0.5, 0.5];
    let m = [0.0, 0.0, 5.0, 5.0];
    let cv = [1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0];
    let full = NANOCLUST_COVARIANCE_FULL;
    let mut bytes = 0usize;
    unsafe {
        assert_eq!(
            nanoclust_gmm_stats_size(k, d, 4, &mut bytes),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(
            nanoclust_gmm_stats_size(0, d, full, &mut bytes),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(
            nanoclust_gmm_stats_size(k, 0, full, &mut bytes),
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            nanoclust_gmm_stats_size(k, d, full, null_mut()),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            nanoclust_gmm_stats_size(usize::MAX / 2, usize::MAX / 2, full, &mut bytes),
            NANOCLUST_ERR_SIZE_OVERFLOW
        );
        assert_eq!(bytes, 0);
        assert_eq!(
            nanoclust_gmm_stats_size(k, d, full, &mut bytes),
            NANOCLUST_OK
        );
        let mut st = vec![0u8; bytes];
        let sp = st.as_mut_ptr().cast();
        assert_eq!(
            nanoclust_gmm_stats_init(null_mut(), bytes, k, d, full),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            nanoclust_gmm_stats_init(sp, bytes, k, d, 9),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(
            nanoclust_gmm_stats_init(sp, bytes + 1, k, d, full),
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            nanoclust_gmm_stats_init(sp, bytes, k, d, full),
            NANOCLUST_OK
        );
        let before = st.clone();
        let sp = st.as_mut_ptr().cast();
        let acc = |x: *const f64, w: *const f64, m: *const f64, c: *const f64, ct: u32, s, b| {
            nanoclust_gmm_accumulate_f64(x, n, d, null(), w, m, c, k, ct, s, b)
        };
        let (xp, wp, mp, cp) = (x.as_ptr(), w.as_ptr(), m.as_ptr(), cv.as_ptr());
        assert_eq!(
            acc(null(), wp, mp, cp, full, sp, bytes),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            acc(xp, null(), mp, cp, full, sp, bytes),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            acc(xp, wp, null(), cp, full, sp, bytes),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            acc(xp, wp, mp, null(), full, sp, bytes),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            acc(xp, wp, mp, cp, full, null_mut(), bytes),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            acc(xp, wp, mp, cp, 7, sp, bytes),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        // A diag blob's type differs from the call's: INVALID_PARAMETER.
        assert_eq!(
            acc(xp, wp, mp, cp, NANOCLUST_COVARIANCE_DIAG, sp, bytes),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(
            acc(xp, wp, mp, cp, full, sp, bytes - 1),
            NANOCLUST_ERR_INVALID_SHAPE
        );
        let not_pd = [1.0, 2.0, 2.0, 1.0, 1.0, 0.0, 0.0, 1.0];
        assert_eq!(
            acc(xp, wp, mp, not_pd.as_ptr(), full, sp, bytes),
            NANOCLUST_ERR_NUMERICAL
        );
        let zero_w = [0.0, 0.0];
        assert_eq!(
            acc(xp, zero_w.as_ptr(), mp, cp, full, sp, bytes),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        let mut nan = x.clone();
        nan[3] = f64::NAN;
        assert_eq!(
            acc(nan.as_ptr(), wp, mp, cp, full, sp, bytes),
            NANOCLUST_ERR_NON_FINITE
        );
        let neg = vec![-1.0; n];
        assert_eq!(
            nanoclust_gmm_accumulate_f64(xp, n, d, neg.as_ptr(), wp, mp, cp, k, full, sp, bytes),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        let mut bad = st.clone();
        bad[1] = b'Z';
        assert_eq!(
            acc(xp, wp, mp, cp, full, bad.as_mut_ptr().cast(), bytes),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(st, before, "failed calls changed the blob");
        assert_eq!(acc(xp, wp, mp, cp, full, sp, bytes), NANOCLUST_OK);
        // Another pass's means into the same blob.
        let m2 = [0.0, 0.5, 5.0, 5.0];
        assert_eq!(
            acc(xp, wp, m2.as_ptr(), cp, full, sp, bytes),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        let mut other = vec![0u8; bytes];
        assert_eq!(
            nanoclust_gmm_stats_init(other.as_mut_ptr().cast(), bytes, k, d, full),
            NANOCLUST_OK
        );
        assert_eq!(
            acc(
                xp,
                wp,
                m2.as_ptr(),
                cp,
                full,
                other.as_mut_ptr().cast(),
                bytes
            ),
            NANOCLUST_OK
        );
        let snapshot = st.clone();
        assert_eq!(
            nanoclust_gmm_stats_merge(sp, other.as_ptr().cast(), bytes),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(
            nanoclust_gmm_stats_merge(sp, sp, bytes),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(
            nanoclust_gmm_stats_merge(null_mut(), sp, bytes),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(st, snapshot);
        // f32 data into an f64 blob.
        let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
        let (w32, m32, c32): (Vec<f32>, Vec<f32>, Vec<f32>) = (
            w.iter().map(|&v| v as f32).collect(),
            m.iter().map(|&v| v as f32).collect(),
            cv.iter().map(|&v| v as f32).collect(),
        );
        assert_eq!(
            nanoclust_gmm_accumulate_f32(
                x32.as_ptr(),
                n,
                d,
                null(),
                w32.as_ptr(),
                m32.as_ptr(),
                c32.as_ptr(),
                k,
                full,
                sp,
                bytes
            ),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        // Finish.
        let (mut wo, mut mo, mut co) = (vec![9.0; k], vec![9.0; k * d], vec![9.0; k * d * d]);
        let mut lb = 9.0;
        let fin =
            |s: *const std::ffi::c_void,
             b: usize,
             reg: f64,
             wo: *mut f64,
             mo: *mut f64,
             co: *mut f64,
             lb: *mut f64| { nanoclust_gmm_finish_f64(s, b, reg, wo, mo, co, lb) };
        let sc = st.as_ptr().cast();
        assert_eq!(
            fin(
                null(),
                bytes,
                1e-6,
                wo.as_mut_ptr(),
                mo.as_mut_ptr(),
                co.as_mut_ptr(),
                &mut lb
            ),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            fin(
                sc,
                bytes,
                1e-6,
                null_mut(),
                mo.as_mut_ptr(),
                co.as_mut_ptr(),
                &mut lb
            ),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            fin(
                sc,
                bytes,
                1e-6,
                wo.as_mut_ptr(),
                null_mut(),
                co.as_mut_ptr(),
                &mut lb
            ),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            fin(
                sc,
                bytes,
                1e-6,
                wo.as_mut_ptr(),
                mo.as_mut_ptr(),
                null_mut(),
                &mut lb
            ),
            NANOCLUST_ERR_NULL_POINTER
        );
        assert_eq!(
            fin(
                sc,
                bytes - 3,
                1e-6,
                wo.as_mut_ptr(),
                mo.as_mut_ptr(),
                co.as_mut_ptr(),
                &mut lb
            ),
            NANOCLUST_ERR_INVALID_SHAPE
        );
        assert_eq!(
            fin(
                sc,
                bytes,
                -1.0,
                wo.as_mut_ptr(),
                mo.as_mut_ptr(),
                co.as_mut_ptr(),
                &mut lb
            ),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(
            fin(
                sc,
                bytes,
                f64::NAN,
                wo.as_mut_ptr(),
                mo.as_mut_ptr(),
                co.as_mut_ptr(),
                &mut lb
            ),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!(
            fin(
                before.as_ptr().cast(),
                bytes,
                1e-6,
                wo.as_mut_ptr(),
                mo.as_mut_ptr(),
                co.as_mut_ptr(),
                &mut lb
            ),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        let (mut wf, mut mf, mut cf) = (vec![0f32; k], vec![0f32; k * d], vec![0f32; k * d * d]);
        assert_eq!(
            nanoclust_gmm_finish_f32(
                sc,
                bytes,
                1e-6,
                wf.as_mut_ptr(),
                mf.as_mut_ptr(),
                cf.as_mut_ptr(),
                null_mut()
            ),
            NANOCLUST_ERR_INVALID_PARAMETER
        );
        assert_eq!((wo.clone(), lb), (vec![9.0; k], 9.0));
        assert_eq!(
            fin(
                sc,
                bytes,
                1e-6,
                wo.as_mut_ptr(),
                mo.as_mut_ptr(),
                co.as_mut_ptr(),
                &mut lb
            ),
            NANOCLUST_OK
        );
        // Two well separated groups of three: weights 1/2, means the group means.
        assert_close("weights", &wo, &[0.5, 0.5], 1e-9, 0.0);
        assert_close("means", &mo, &[0.1, 0.4 / 3.0, 5.1, 5.0], 1e-9, 1e-9);
        assert!(lb.is_finite());
    }
}

/// Random corruption of a mixture blob is a status, never a crash.
#[test]
fn corrupt_blobs_are_statuses() {
    let mut rng = Rng::new(3);
    for ct in CovarianceType::ALL {
        let (n, d) = (200usize, 2usize);
        let x: Vec<f64> = (0..n * d)
            .map(|i| (i % 2) as f64 * 4.0 + rng.next_f64())
            .collect();
        let model = start_model::<f64>(&mut rng, 2, d, ct);
        let (_, _, good) = pass(&mut rng, &x, d, None, &model, ct, &[64]);
        for trial in 0..500 {
            let mut bad = good.clone();
            let at = below(&mut rng, bad.len());
            bad[at] = (rng.next_f64() * 256.0) as u8;
            if trial % 10 == 0 {
                bad.truncate(below(&mut rng, bad.len()));
            }
            let (mut w, mut m, mut c) = (vec![0.0; 2], vec![0.0; 2 * d], vec![0.0; model.c.len()]);
            match gp::finish(&bad, 1e-6, &mut w, &mut m, &mut c) {
                Ok(lb) => assert!(lb.is_finite() && c.iter().all(|v| v.is_finite())),
                Err(e) => assert!(matches!(
                    e,
                    nanoclust::Error::InvalidShape(_)
                        | nanoclust::Error::InvalidParameter(_)
                        | nanoclust::Error::Numerical(_)
                )),
            }
            let mut into = good.clone();
            into.truncate(bad.len());
            let _ = gp::merge(&mut into, &bad);
        }
    }
}
