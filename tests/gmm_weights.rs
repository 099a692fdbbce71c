//! Sample weights (beyond scikit-learn): integer weights give the same model,
//! lower bound and iteration count as repeating each row that many times, from
//! a provided start and from labels, for every covariance type (f64 and f32);
//! zero weights drop samples; all-ones weights equal no weights bit for bit.
mod common;

use common::{assert_close, f64s, fixture};
use nanoclust::gmm::{self, CovarianceType, GmmInit, GmmParams};
use nanoclust::{Error, Matrix, Scalar};

struct Fit<S> {
    w: Vec<S>,
    m: Vec<S>,
    c: Vec<S>,
    r: gmm::FitResult,
}

fn fit<S: Scalar>(
    p: &GmmParams,
    x: &[S],
    d: usize,
    sw: Option<&[S]>,
    labels: Option<&[i32]>,
    start: &Fit<S>,
) -> Result<Fit<S>, Error> {
    let n = x.len() / d;
    let mut ws = vec![0u8; gmm::workspace_size::<S>(n, d, &p.init(GmmInit::Provided))?.bytes()];
    let (mut w, mut m, mut c) = (start.w.clone(), start.m.clone(), start.c.clone());
    let xm = Matrix::new(x, n, d)?;
    let r = match labels {
        Some(l) => gmm::fit_from_labels_weighted(p, xm, l, sw, &mut ws, &mut w, &mut m, &mut c)?,
        None => gmm::fit_weighted(
            &p.init(GmmInit::Provided),
            xm,
            sw,
            &mut ws,
            &mut w,
            &mut m,
            &mut c,
        )?,
    };
    Ok(Fit { w, m, c, r })
}

fn back<S: Scalar>(v: &[S]) -> Vec<f64> {
    v.iter().map(|x| x.to_f64()).collect()
}

fn check<S: Scalar>(rtol: f64) {
    let doc = fixture("gmm/iris.json");
    let x: Vec<S> = f64s(&doc["x"]).into_iter().map(S::from_f64).collect();
    let d = 4;
    let n = x.len() / d;
    let k = 3;
    // Weights 0..=3 in a fixed pattern; rows repeated accordingly.
    let sw: Vec<S> = (0..n).map(|i| S::from_usize((i * 7 + 3) % 4)).collect();
    let mut xr = Vec::new();
    let labels: Vec<i32> = (0..n).map(|i| (i / 50) as i32).collect();
    let mut lr = Vec::new();
    for i in 0..n {
        for _ in 0..(i * 7 + 3) % 4 {
            xr.extend_from_slice(&x[i * d..(i + 1) * d]);
            lr.push(labels[i]);
        }
    }
    for ct in CovarianceType::ALL {
        let p = GmmParams::new(k).covariance_type(ct);
        let clen = ct.len(k, d).unwrap();
        let eye: Vec<S> = match ct {
            CovarianceType::Full => (0..clen)
                .map(|i| {
                    if i % (d * d) % (d + 1) == 0 {
                        S::ONE
                    } else {
                        S::ZERO
                    }
                })
                .collect(),
            CovarianceType::Tied => (0..clen)
                .map(|i| if i % (d + 1) == 0 { S::ONE } else { S::ZERO })
                .collect(),
            _ => vec![S::ONE; clen],
        };
        let third = S::from_f64(1.0 / 3.0);
        let start = Fit {
            w: vec![third; k],
            m: [10usize, 60, 110]
                .iter()
                .flat_map(|&i| x[i * d..(i + 1) * d].to_vec())
                .collect(),
            c: eye,
            r: gmm::FitResult {
                lower_bound: 0.0,
                n_iter: 0,
                converged: false,
            },
        };
        for use_labels in [false, true] {
            let what = format!("{} {ct:?} labels {use_labels}", S::NAME);
            let (l1, l2) = if use_labels {
                (Some(&labels[..]), Some(&lr[..]))
            } else {
                (None, None)
            };
            let a = fit(&p, &x, d, Some(&sw), l1, &start).unwrap();
            let b = fit(&p, &xr, d, None, l2, &start).unwrap();
            assert_eq!(a.r.n_iter, b.r.n_iter, "{what}: n_iter");
            assert_close(
                &format!("{what}: weights"),
                &back(&a.w),
                &back(&b.w),
                rtol,
                1e-12,
            );
            assert_close(
                &format!("{what}: means"),
                &back(&a.m),
                &back(&b.m),
                rtol,
                1e-12,
            );
            assert_close(
                &format!("{what}: covariances"),
                &back(&a.c),
                &back(&b.c),
                rtol,
                1e-12,
            );
            assert_close(
                &format!("{what}: lower bound"),
                &[a.r.lower_bound],
                &[b.r.lower_bound],
                rtol,
                1e-12,
            );
            // All-ones weights are exactly the unweighted fit.
            let ones = vec![S::ONE; n];
            let u = fit(&p, &x, d, Some(&ones), l1, &start).unwrap();
            let v = fit(&p, &x, d, None, l1, &start).unwrap();
            assert_eq!(
                (back(&u.w), back(&u.m), back(&u.c)),
                (back(&v.w), back(&v.m), back(&v.c)),
                "{what}"
            );
        }
        // Invalid weights.
        let bad = |v: Vec<S>| fit(&p, &x, d, Some(&v), None, &start).err();
        assert_eq!(
            bad(vec![S::ZERO; n]),
            Some(Error::InvalidParameter("sample_weight"))
        );
        assert_eq!(
            bad(vec![-S::ONE; n]),
            Some(Error::InvalidParameter("sample_weight"))
        );
        assert_eq!(
            bad(vec![S::ONE; n - 1]),
            Some(Error::InvalidShape("sample_weight"))
        );
        let mut nan = vec![S::ONE; n];
        nan[3] = S::from_f64(f64::NAN);
        assert_eq!(bad(nan), Some(Error::NonFinite("sample_weight")));
    }
}

#[test]
fn integer_weights_equal_row_repetition_f64() {
    check::<f64>(1e-9);
}

#[test]
fn integer_weights_equal_row_repetition_f32() {
    check::<f32>(2e-3);
}
