//! Parity with scikit-learn 1.7 on committed fixtures (tools/gen_kmeans_fixtures.py),
//! through the C entry points.
//!
//! - "fit": from the same provided centers, labels identical to scikit-learn's and
//!   centers/inertia within 1e-7 relative (f64), for Lloyd, Hamerly and Auto. For f32
//!   (scikit-learn works in float32, with another summation order) centers and inertia
//!   within 1e-4 and any differing label must be a near tie.
//! - "plusplus": nanoclust's k-means++ (n_init 10) is no worse than scikit-learn's best of 10.
//! - "partial_fit": centers and counts after each mini-batch step.
//! - "predict": labels and squared distances of new points.

mod common;

use common::*;
use nanoclust::ffi::*;
use serde_json::Value;

fn weights64(case: &Value) -> Option<Vec<f64>> {
    case.get("sample_weight").filter(|v| !v.is_null()).map(f64s)
}

fn usize_of(case: &Value, key: &str) -> usize {
    case[key].as_u64().unwrap_or_else(|| panic!("{key}")) as usize
}

fn is_f32(case: &Value) -> bool {
    case["dtype"].as_str() == Some("float32")
}

struct Fit {
    centers: Vec<f64>,
    labels: Vec<i32>,
    result: nanoclust_kmeans_result,
}

/// Runs the C fit in the fixture's dtype; `centers_in` is used iff `params.init` is PROVIDED.
fn c_fit(case: &Value, params: &nanoclust_kmeans_params, centers_in: &[f64]) -> Fit {
    let (n, d) = (usize_of(case, "n"), usize_of(case, "d"));
    let k = params.n_clusters as usize;
    let w = weights64(case);
    let mut labels = vec![-7i32; n];
    let mut result = nanoclust_kmeans_result {
        inertia: -1.0,
        n_iter: 0,
        converged: 9,
    };
    let mut bytes = 0usize;
    let centers = if is_f32(case) {
        assert_eq!(
            unsafe { nanoclust_kmeans_workspace_size_f32(n, d, params, &mut bytes) },
            NANOCLUST_OK
        );
        let x = f32s(&case["x"]);
        let w: Option<Vec<f32>> = w.map(|w| w.iter().map(|&v| v as f32).collect());
        let mut c: Vec<f32> = centers_in.iter().map(|&v| v as f32).collect();
        let mut ws = vec![0u8; bytes];
        let s = unsafe {
            nanoclust_kmeans_fit_f32(
                x.as_ptr(),
                n,
                d,
                w.as_ref().map_or(std::ptr::null(), std::vec::Vec::as_ptr),
                params,
                ws.as_mut_ptr().cast(),
                bytes,
                c.as_mut_ptr(),
                labels.as_mut_ptr(),
                &mut result,
            )
        };
        assert_eq!(s, NANOCLUST_OK);
        c.iter().map(|&v| v as f64).collect()
    } else {
        assert_eq!(
            unsafe { nanoclust_kmeans_workspace_size_f64(n, d, params, &mut bytes) },
            NANOCLUST_OK
        );
        let x = f64s(&case["x"]);
        let mut c = centers_in.to_vec();
        let mut ws = vec![0u8; bytes];
        let s = unsafe {
            nanoclust_kmeans_fit_f64(
                x.as_ptr(),
                n,
                d,
                w.as_ref().map_or(std::ptr::null(), std::vec::Vec::as_ptr),
                params,
                ws.as_mut_ptr().cast(),
                bytes,
                c.as_mut_ptr(),
                labels.as_mut_ptr(),
                &mut result,
            )
        };
        assert_eq!(s, NANOCLUST_OK);
        c
    };
    assert_eq!(centers.len(), k * d);
    assert!(labels.iter().all(|&l| l >= 0 && (l as usize) < k));
    Fit {
        centers,
        labels,
        result,
    }
}

/// Squared distances of row `i` to every center.
fn dists(x: &[f64], d: usize, i: usize, centers: &[f64]) -> Vec<f64> {
    centers
        .chunks(d)
        .map(|c| {
            c.iter()
                .zip(&x[i * d..(i + 1) * d])
                .map(|(a, b)| (a - b) * (a - b))
                .sum()
        })
        .collect()
}

#[test]
fn fit_from_provided_centers_matches_scikit_learn() {
    let mut checked = 0;
    for (name, case) in fixtures_in("kmeans") {
        if case["kind"] != "fit" {
            continue;
        }
        let (n, d, k) = (
            usize_of(&case, "n"),
            usize_of(&case, "d"),
            usize_of(&case, "k"),
        );
        let want_labels = i64s(&case["labels"]);
        let want_centers = f64s(&case["centers"]);
        let want_inertia = case["inertia"].as_f64().unwrap();
        let init = f64s(&case["init"]);
        for algorithm in [
            NANOCLUST_KMEANS_LLOYD,
            NANOCLUST_KMEANS_HAMERLY,
            NANOCLUST_KMEANS_AUTO,
        ] {
            let mut p = unsafe { nanoclust_kmeans_params_default(k as u32) };
            p.init = NANOCLUST_INIT_PROVIDED;
            p.max_iter = case["max_iter"].as_u64().unwrap() as u32;
            p.tol = case["tol"].as_f64().unwrap();
            p.algorithm = algorithm;
            let got = c_fit(&case, &p, &init);
            let what = format!("{name} algorithm {algorithm}");
            assert_eq!(
                got.result.n_iter as u64,
                case["n_iter"].as_u64().unwrap(),
                "{what}: n_iter"
            );
            if is_f32(&case) {
                let x = f64s(&case["x"]);
                for i in 0..n {
                    if got.labels[i] as i64 != want_labels[i] {
                        let dd = dists(&x, d, i, &want_centers);
                        let (a, b) = (dd[got.labels[i] as usize], dd[want_labels[i] as usize]);
                        assert!(
                            (a - b).abs() <= 1e-4 * (1.0 + a.max(b)),
                            "{what}: label {i} not a near tie"
                        );
                    }
                }
                assert_close(
                    &format!("{what}: centers"),
                    &got.centers,
                    &want_centers,
                    1e-4,
                    1e-4,
                );
                assert_close(
                    &format!("{what}: inertia"),
                    &[got.result.inertia],
                    &[want_inertia],
                    1e-4,
                    0.0,
                );
            } else {
                let got_l: Vec<i64> = got.labels.iter().map(|&l| l as i64).collect();
                assert_eq!(got_l, want_labels, "{what}: labels");
                assert_close(
                    &format!("{what}: centers"),
                    &got.centers,
                    &want_centers,
                    1e-7,
                    1e-12,
                );
                assert_close(
                    &format!("{what}: inertia"),
                    &[got.result.inertia],
                    &[want_inertia],
                    1e-7,
                    0.0,
                );
            }
            let max_iter = case["max_iter"].as_u64().unwrap() as u32;
            assert_eq!(
                got.result.converged == 1,
                got.result.n_iter < max_iter || got.result.converged == 1
            );
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} fits checked");
}

#[test]
fn kmeans_plusplus_is_no_worse_than_scikit_learns_best_of_ten() {
    let mut checked = 0;
    for (name, case) in fixtures_in("kmeans") {
        if case["kind"] != "plusplus" {
            continue;
        }
        let k = usize_of(&case, "k");
        let want = case["best_inertia"].as_f64().unwrap();
        for seed in [0u64, 1, 2] {
            let mut p = unsafe { nanoclust_kmeans_params_default(k as u32) };
            p.n_init = 10;
            p.seed = seed;
            let got = c_fit(&case, &p, &vec![0.0; k * usize_of(&case, "d")]);
            let tol = if is_f32(&case) { 1e-5 } else { 1e-9 };
            assert!(
                got.result.inertia <= want * (1.0 + tol),
                "{name} seed {seed}: inertia {} vs scikit-learn's best {want}",
                got.result.inertia
            );
            checked += 1;
        }
    }
    assert!(checked >= 12);
}

#[test]
fn partial_fit_matches_minibatch_kmeans() {
    let mut checked = 0;
    for (name, case) in fixtures_in("kmeans") {
        if case["kind"] != "partial_fit" {
            continue;
        }
        let (n, d, k, batch) = (
            usize_of(&case, "n"),
            usize_of(&case, "d"),
            usize_of(&case, "k"),
            usize_of(&case, "batch"),
        );
        let x = f64s(&case["x"]);
        let w = weights64(&case);
        let mut centers = f64s(&case["init"]);
        let mut counts = vec![0.0f64; k];
        let f32_case = is_f32(&case);
        let mut c32: Vec<f32> = centers.iter().map(|&v| v as f32).collect();
        for (step, want) in case["steps"].as_array().unwrap().iter().enumerate() {
            let start = step * batch;
            let m = batch.min(n - start);
            let xb = &x[start * d..(start + m) * d];
            let wb = w.as_ref().map(|w| w[start..start + m].to_vec());
            let s = if f32_case {
                let xb: Vec<f32> = xb.iter().map(|&v| v as f32).collect();
                let wb: Option<Vec<f32>> = wb.map(|w| w.iter().map(|&v| v as f32).collect());
                let s = unsafe {
                    nanoclust_kmeans_partial_fit_f32(
                        xb.as_ptr(),
                        m,
                        d,
                        wb.as_ref().map_or(std::ptr::null(), std::vec::Vec::as_ptr),
                        c32.as_mut_ptr(),
                        counts.as_mut_ptr(),
                        k,
                    )
                };
                centers = c32.iter().map(|&v| v as f64).collect();
                s
            } else {
                unsafe {
                    nanoclust_kmeans_partial_fit_f64(
                        xb.as_ptr(),
                        m,
                        d,
                        wb.as_ref().map_or(std::ptr::null(), std::vec::Vec::as_ptr),
                        centers.as_mut_ptr(),
                        counts.as_mut_ptr(),
                        k,
                    )
                }
            };
            assert_eq!(s, NANOCLUST_OK);
            let what = format!("{name} step {step}");
            let rtol = if f32_case { 1e-5 } else { 1e-12 };
            assert_close(
                &format!("{what}: centers"),
                &centers,
                &f64s(&want["centers"]),
                rtol,
                rtol,
            );
            assert_close(
                &format!("{what}: counts"),
                &counts,
                &f64s(&want["counts"]),
                rtol,
                0.0,
            );
            checked += 1;
        }
    }
    assert!(checked >= 10);
}

#[test]
fn predict_matches_scikit_learn() {
    let mut checked = 0;
    for (name, case) in fixtures_in("kmeans") {
        if case["kind"] != "predict" {
            continue;
        }
        let (n, d, k) = (
            usize_of(&case, "n"),
            usize_of(&case, "d"),
            usize_of(&case, "k"),
        );
        let c = f64s(&case["centers"]);
        let x = f64s(&case["x"]);
        let mut labels = vec![-1i32; n];
        let mut sq = vec![-1.0f64; n];
        let s = unsafe {
            nanoclust_kmeans_predict_f64(
                c.as_ptr(),
                k,
                d,
                x.as_ptr(),
                n,
                labels.as_mut_ptr(),
                sq.as_mut_ptr(),
            )
        };
        assert_eq!(s, NANOCLUST_OK);
        let want: Vec<i64> = i64s(&case["labels"]);
        assert_eq!(
            labels.iter().map(|&l| l as i64).collect::<Vec<_>>(),
            want,
            "{name}"
        );
        assert_close(&name, &sq, &f64s(&case["sq_distances"]), 1e-10, 1e-10);
        let c32: Vec<f32> = c.iter().map(|&v| v as f32).collect();
        let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
        let mut l32 = vec![-1i32; n];
        let s = unsafe {
            nanoclust_kmeans_predict_f32(
                c32.as_ptr(),
                k,
                d,
                x32.as_ptr(),
                n,
                l32.as_mut_ptr(),
                std::ptr::null_mut(),
            )
        };
        assert_eq!(s, NANOCLUST_OK);
        assert_eq!(l32, labels, "{name} f32");
        checked += 1;
    }
    assert!(checked >= 1);
}
