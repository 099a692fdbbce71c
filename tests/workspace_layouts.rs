//! Every workspace size query equals what its algorithm carves: for each
//! algorithm of the k-means, GMM families (fit, mini-batch step, predict, BIC)
//! across many shapes and parameters, in f32 and f64, the call succeeds with a
//! buffer of exactly `workspace_size` bytes at every alignment offset 0..8, and
//! fails with `WorkspaceTooSmall` (outputs untouched) with one byte less.
//!
//! (The size query and the carving run the same scratch declaration, see
//! `src/workspace.rs`; this test is the proof that they agree.)

use nanoclust::gmm::{self, CovarianceType, GmmInit, GmmParams};
use nanoclust::kmeans::{self, Algorithm, Init, KMeansParams};
use nanoclust::{Error, Matrix, Scalar};

/// Deterministic data: `n x d` values in [0, 10) (a small LCG, no fixture needed).
fn data<S: Scalar>(n: usize, d: usize, seed: u64) -> Vec<S> {
    let mut s = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..n * d)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            S::from_f64((s >> 11) as f64 / (1u64 << 53) as f64 * 10.0)
        })
        .collect()
}

/// Runs `call` with exactly `bytes` of workspace at every offset 0..8 (must
/// succeed) and with `bytes - 1` at every offset (must be `WorkspaceTooSmall`).
fn check_exact(bytes: usize, what: &str, mut call: impl FnMut(&mut [u8]) -> Result<(), Error>) {
    // Offsets 0..8 from any start cover every residue modulo 8 (the largest alignment).
    let mut buf = vec![0u8; bytes + 8];
    for off in 0..8 {
        let ws = &mut buf[off..off + bytes];
        ws.fill(0xA5);
        if let Err(e) = call(ws) {
            panic!("{what}: {bytes} bytes at offset {off}: {e:?}");
        }
        if bytes > 0 {
            let short = &mut buf[off..off + bytes - 1];
            match call(short) {
                Err(Error::WorkspaceTooSmall { needed, provided }) => {
                    assert_eq!((needed, provided), (bytes, bytes - 1), "{what}")
                }
                other => panic!("{what}: one byte short at offset {off}: {other:?}"),
            }
        }
    }
}

fn kmeans_cases<S: Scalar>() {
    for &(n, d, k) in &[
        (1, 1, 1),
        (7, 1, 3),
        (20, 2, 4),
        (33, 3, 5),
        (64, 5, 8),
        (9, 17, 2),
    ] {
        let x = data::<S>(n, d, (n * 31 + d) as u64);
        for algorithm in [Algorithm::Auto, Algorithm::Lloyd, Algorithm::Hamerly] {
            for init in [Init::KMeansPlusPlus, Init::Random, Init::Provided] {
                for n_init in [1, 3] {
                    let mut p = KMeansParams::new(k);
                    p.algorithm = algorithm;
                    p.init = init;
                    p.n_init = n_init;
                    p.max_iter = 5;
                    let bytes = kmeans::workspace_size::<S>(n, d, &p).unwrap().bytes();
                    let what = format!("kmeans fit {} n={n} d={d} k={k} {p:?}", S::NAME);
                    let start: Vec<S> = x[..k * d].to_vec();
                    check_exact(bytes, &what, |ws| {
                        let mut centers = start.clone();
                        let mut labels = vec![0i32; n];
                        let m = Matrix::new(&x, n, d)?;
                        kmeans::fit(&p, m, None, ws, &mut centers, Some(&mut labels)).map(drop)
                    });
                }
            }
        }
        // One mini-batch step.
        let bytes = kmeans::partial_fit_workspace_size::<S>(d, k)
            .unwrap()
            .bytes();
        let what = format!("kmeans partial_fit {} n={n} d={d} k={k}", S::NAME);
        check_exact(bytes, &what, |ws| {
            let mut centers: Vec<S> = x[..k * d].to_vec();
            let mut counts = vec![1.0f64; k];
            kmeans::partial_fit(Matrix::new(&x, n, d)?, None, &mut centers, &mut counts, ws)
        });
    }
}

fn gmm_cases<S: Scalar>() {
    let cts = [
        CovarianceType::Full,
        CovarianceType::Tied,
        CovarianceType::Diag,
        CovarianceType::Spherical,
    ];
    for &(n, d, k) in &[(4, 1, 1), (12, 2, 3), (30, 3, 2), (25, 4, 4)] {
        let x = data::<S>(n, d, (n * 7 + d) as u64);
        for ct in cts {
            for init in [GmmInit::KMeans, GmmInit::Provided] {
                for n_init in [1, 2] {
                    let mut p = GmmParams::new(k);
                    p.covariance_type = ct;
                    p.init = init;
                    p.n_init = n_init;
                    p.max_iter = 3;
                    p.reg_covar = 1e-3;
                    let clen = ct.len(k, d).unwrap();
                    // A valid start: equal weights, means at the first samples,
                    // identity covariances.
                    let w0 = vec![S::from_f64(1.0 / k as f64); k];
                    let m0: Vec<S> = x[..k * d].to_vec();
                    let c0: Vec<S> = match ct {
                        CovarianceType::Full | CovarianceType::Tied => (0..clen)
                            .map(|i| {
                                if (i % (d * d)) % (d + 1) == 0 {
                                    S::ONE
                                } else {
                                    S::ZERO
                                }
                            })
                            .collect(),
                        _ => vec![S::ONE; clen],
                    };
                    let bytes = gmm::workspace_size::<S>(n, d, &p).unwrap().bytes();
                    let what = format!("gmm fit {} n={n} d={d} k={k} {p:?}", S::NAME);
                    check_exact(bytes, &what, |ws| {
                        let (mut w, mut m, mut c) = (w0.clone(), m0.clone(), c0.clone());
                        let x = Matrix::new(&x, n, d)?;
                        gmm::fit(&p, x, ws, &mut w, &mut m, &mut c).map(drop)
                    });
                    // From labels (the parity tests' path): one run from the
                    // labels, the workspace of a provided start.
                    let q = p.init(GmmInit::Provided);
                    let bytes = gmm::workspace_size::<S>(n, d, &q).unwrap().bytes();
                    let labels: Vec<i32> = (0..n).map(|i| (i % k) as i32).collect();
                    let what = format!("gmm fit_from_labels {} n={n} d={d} k={k} {p:?}", S::NAME);
                    check_exact(bytes, &what, |ws| {
                        let (mut w, mut m, mut c) = (w0.clone(), m0.clone(), c0.clone());
                        let x = Matrix::new(&x, n, d)?;
                        gmm::fit_from_labels(&p, x, &labels, ws, &mut w, &mut m, &mut c).map(drop)
                    });
                    if init == GmmInit::KMeans || n_init == 2 {
                        continue; // predict and BIC depend on the model only
                    }
                    let bytes = gmm::predict_workspace_size::<S>(k, d, ct).unwrap().bytes();
                    let what = format!("gmm predict/bic {} d={d} k={k} {ct:?}", S::NAME);
                    check_exact(bytes, &what, |ws| {
                        let mut labels = vec![0i32; n];
                        let x = Matrix::new(&x, n, d)?;
                        gmm::predict(&w0, &m0, &c0, k, ct, x, ws, Some(&mut labels), None, None)
                    });
                    check_exact(bytes, &what, |ws| {
                        let x = Matrix::new(&x, n, d)?;
                        gmm::bic(&w0, &m0, &c0, k, ct, x, ws).map(drop)
                    });
                }
            }
        }
    }
}

#[test]
fn kmeans_sizes_equal_carving_f32() {
    kmeans_cases::<f32>();
}

#[test]
fn kmeans_sizes_equal_carving_f64() {
    kmeans_cases::<f64>();
}

#[test]
fn gmm_sizes_equal_carving_f32() {
    gmm_cases::<f32>();
}

#[test]
fn gmm_sizes_equal_carving_f64() {
    gmm_cases::<f64>();
}
