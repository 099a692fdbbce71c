//! Degenerate data gives a finite model or a precise status, never NaN:
//! duplicate points, a constant feature, k = n, and reg_covar = 0 on data
//! whose covariance is singular (NUMERICAL). Every covariance type, f32 and
//! f64, both starts.
use nanoclust::gmm::{self, CovarianceType, GmmInit, GmmParams};
use nanoclust::{Error, Matrix, Scalar};

/// weights, means, covariances and the fit report, or the error.
type Fitted<S> = Result<(Vec<S>, Vec<S>, Vec<S>, gmm::FitResult), Error>;

fn fit<S: Scalar>(p: &GmmParams, x: &[S], d: usize) -> Fitted<S> {
    let n = x.len() / d;
    let k = p.n_components;
    let mut ws = vec![0u8; gmm::workspace_size::<S>(n, d, p)?.bytes()];
    let mut w = vec![S::from_f64(1.0 / k as f64); k];
    // A provided start: the first k rows, unit covariances.
    let mut m: Vec<S> = x[..k * d].to_vec();
    let mut c: Vec<S> = match p.covariance_type {
        CovarianceType::Full => (0..k)
            .flat_map(|_| (0..d * d).map(|i| if i % (d + 1) == 0 { S::ONE } else { S::ZERO }))
            .collect(),
        CovarianceType::Tied => (0..d * d)
            .map(|i| if i % (d + 1) == 0 { S::ONE } else { S::ZERO })
            .collect(),
        CovarianceType::Diag => vec![S::ONE; k * d],
        CovarianceType::Spherical => vec![S::ONE; k],
    };
    let r = gmm::fit(p, Matrix::new(x, n, d)?, &mut ws, &mut w, &mut m, &mut c)?;
    Ok((w, m, c, r))
}

fn assert_model_or_status<S: Scalar>(
    what: &str,
    ct: CovarianceType,
    res: Fitted<S>,
    x: &[S],
    d: usize,
) {
    match res {
        Ok((w, m, c, r)) => {
            assert!(
                w.iter().chain(&m).chain(&c).all(|v| v.is_finite()),
                "{what}: non-finite model"
            );
            assert!(r.lower_bound.is_finite(), "{what}");
            let s: f64 = w.iter().map(|v| v.to_f64()).sum();
            assert!((s - 1.0).abs() < 1e-4, "{what}: weights sum {s}");
            // The fitted model scores its own data with finite log-likelihoods.
            let n = x.len() / d;
            let k = w.len();
            let mut ws = vec![0u8; gmm::predict_workspace_size::<S>(k, d, ct).unwrap().bytes()];
            let mut ll = vec![S::ZERO; n];
            gmm::predict(
                &w,
                &m,
                &c,
                k,
                ct,
                Matrix::new(x, n, d).unwrap(),
                &mut ws,
                None,
                None,
                Some(&mut ll),
            )
            .unwrap();
            assert!(ll.iter().all(|v| v.is_finite()), "{what}");
        }
        Err(e) => assert!(matches!(e, Error::Numerical(_)), "{what}: unexpected {e:?}"),
    }
}

fn cases<S: Scalar>() {
    let d = 2;
    // Duplicates: ten copies of one point plus ten of another, offset far from 0.
    let dup: Vec<S> = (0..20)
        .flat_map(|i| if i < 10 { [1e3, 2e3] } else { [1e3 + 1.0, 2e3] })
        .map(S::from_f64)
        .collect();
    // A constant feature.
    let constant: Vec<S> = (0..20)
        .flat_map(|i| [(i as f64).sin() * 3.0, 5.0])
        .map(S::from_f64)
        .collect();
    // k = n.
    let small: Vec<S> = [0.0, 0.0, 1.0, 0.5, 2.0, -1.0, 3.0, 3.0]
        .map(S::from_f64)
        .to_vec();
    for ct in CovarianceType::ALL {
        for init in [GmmInit::KMeans, GmmInit::Provided] {
            let p = GmmParams::new(2).covariance_type(ct).init(init);
            let what = format!("{} {ct:?} {init:?}", S::NAME);
            // With the default reg_covar these all fit.
            for (name, x) in [("duplicates", &dup), ("constant feature", &constant)] {
                let r = fit(&p, x, d);
                assert!(r.is_ok(), "{what} {name}: {:?}", r.as_ref().err());
                assert_model_or_status(&format!("{what} {name}"), ct, r, x, d);
            }
            let pk = GmmParams::new(4).covariance_type(ct).init(init);
            let r = fit(&pk, &small, d);
            assert!(r.is_ok(), "{what} k = n: {:?}", r.as_ref().err());
            assert_model_or_status(&format!("{what} k = n"), ct, r, &small, d);
            // Without regularisation a constant feature makes every covariance
            // singular (spherical averages the variances, so it stays regular).
            let r = fit(&p.reg_covar(0.0), &constant, d);
            if ct == CovarianceType::Spherical {
                assert_model_or_status(&format!("{what} reg 0"), ct, r, &constant, d);
            } else {
                assert_eq!(
                    r.map(|_| ()),
                    Err(Error::Numerical("covariances")),
                    "{what} reg_covar 0"
                );
            }
            // k = n without regularisation: single-point components are singular.
            let r = fit(&pk.reg_covar(0.0), &small, d);
            assert_model_or_status(&format!("{what} k = n, reg 0"), ct, r, &small, d);
        }
    }
}

#[test]
fn degenerate_data_f64() {
    cases::<f64>();
}

#[test]
fn degenerate_data_f32() {
    cases::<f32>();
}
