//! The typed fixed-capacity API (`nanoclust::fixed`): its compile-time
//! workspace sizes equal the run-time queries (the truth) on many shapes, and
//! its models give the owned wrapper's results bit for bit on the same data.

use nanoclust::dbscan::{self, DbscanParams, IndexKind};
use nanoclust::fixed;
use nanoclust::gmm::{self, CovarianceType, GmmInit, GmmParams};
use nanoclust::kmeans::{self, Algorithm, Init, KMeansParams};
use nanoclust::{Error, Scalar};

const SHAPES_N: [usize; 12] = [1, 2, 3, 7, 8, 9, 31, 32, 33, 100, 257, 1000];
const SHAPES_D: [usize; 9] = [1, 2, 3, 4, 5, 8, 17, 24, 25];
const SHAPES_K: [usize; 9] = [1, 2, 3, 4, 5, 8, 9, 16, 17];

fn kmeans_sizes_equal_the_queries<S: Scalar>() {
    let mut checked = 0;
    for &n in &SHAPES_N {
        for &d in &SHAPES_D {
            for &k in SHAPES_K.iter().filter(|&&k| k <= n) {
                let mut p = KMeansParams::new(k);
                let q = kmeans::workspace_size::<S>(n, d, &p).unwrap().bytes();
                assert_eq!(
                    fixed::kmeans_fit_bytes::<S>(n, d, k),
                    q,
                    "fit n={n} d={d} k={k}"
                );
                // The other inits and algorithms never need more.
                for init in [Init::KMeansPlusPlus, Init::Random, Init::Provided] {
                    for alg in [Algorithm::Auto, Algorithm::Lloyd, Algorithm::Hamerly] {
                        p.init = init;
                        p.algorithm = alg;
                        let q = kmeans::workspace_size::<S>(n, d, &p).unwrap().bytes();
                        assert!(q <= fixed::kmeans_fit_bytes::<S>(n, d, k));
                        // Fewer samples than the capacity never need more either.
                        let q1 = kmeans::workspace_size::<S>(k, d, &p).unwrap().bytes();
                        assert!(q1 <= fixed::kmeans_bytes::<S>(n, d, k));
                    }
                }
                let q = kmeans::partial_fit_workspace_size::<S>(d, k)
                    .unwrap()
                    .bytes();
                assert_eq!(fixed::kmeans_partial_fit_bytes::<S>(d, k), q);
                assert!(q <= fixed::kmeans_bytes::<S>(n, d, k));
                checked += 1;
            }
        }
    }
    assert!(checked > 500);
}

#[test]
fn kmeans_const_sizes_equal_the_runtime_queries() {
    kmeans_sizes_equal_the_queries::<f32>();
    kmeans_sizes_equal_the_queries::<f64>();
}

fn dbscan_sizes_equal_the_queries<S: Scalar>() {
    for &n in SHAPES_N.iter().chain(&[4096, 5000, 65536]) {
        for &d in &SHAPES_D {
            for index in IndexKind::ALL {
                let p = DbscanParams {
                    index,
                    ..DbscanParams::new(0.5, 3)
                };
                let q = dbscan::workspace_size::<S>(n, d, &p).unwrap().bytes();
                assert_eq!(
                    fixed::dbscan_fit_bytes::<S>(n, d, index),
                    q,
                    "n={n} d={d} {index:?}"
                );
                let qp = dbscan::predict_workspace_size::<S>(n, d, 7, &p)
                    .unwrap()
                    .bytes();
                assert_eq!(fixed::dbscan_predict_bytes::<S>(n, d, index), qp);
                // The model's bound covers every index and every smaller n.
                for m in [1, n / 3, n.saturating_sub(1), n] {
                    let m = m.max(1);
                    let q = dbscan::workspace_size::<S>(m, d, &p).unwrap().bytes();
                    let qp = dbscan::predict_workspace_size::<S>(m, d, 1, &p)
                        .unwrap()
                        .bytes();
                    assert!(
                        q.max(qp) <= fixed::dbscan_bytes::<S>(n, d),
                        "n={n} m={m} d={d}"
                    );
                }
            }
        }
    }
}

#[test]
fn dbscan_const_sizes_equal_the_runtime_queries() {
    dbscan_sizes_equal_the_queries::<f32>();
    dbscan_sizes_equal_the_queries::<f64>();
}

fn gmm_sizes_equal_the_queries<S: Scalar>() {
    let mut checked = 0;
    for &n in &SHAPES_N {
        for &d in &SHAPES_D {
            for &k in SHAPES_K.iter().filter(|&&k| k <= n) {
                for ct in CovarianceType::ALL {
                    for (n_init, init) in [
                        (1, GmmInit::KMeans),
                        (3, GmmInit::KMeans),
                        (1, GmmInit::Provided),
                        (3, GmmInit::Provided),
                    ] {
                        let p = GmmParams::new(k)
                            .covariance_type(ct)
                            .n_init(n_init)
                            .init(init);
                        let q = gmm::workspace_size::<S>(n, d, &p).unwrap().bytes();
                        let c = fixed::gmm_fit_bytes::<S>(
                            n,
                            d,
                            k,
                            ct,
                            p.runs(),
                            init == GmmInit::KMeans,
                        );
                        assert_eq!(c, q, "n={n} d={d} k={k} {ct:?} {n_init} {init:?}");
                        assert!(q <= fixed::gmm_bytes::<S>(n, d, k));
                        let q1 = gmm::workspace_size::<S>(k, d, &p).unwrap().bytes();
                        assert!(q1 <= fixed::gmm_bytes::<S>(n, d, k));
                    }
                    let qp = gmm::predict_workspace_size::<S>(k, d, ct).unwrap().bytes();
                    assert_eq!(fixed::gmm_predict_bytes::<S>(d, k, ct), qp);
                    assert!(qp <= fixed::gmm_bytes::<S>(n, d, k));
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 2000);
}

#[test]
fn gmm_const_sizes_equal_the_runtime_queries() {
    gmm_sizes_equal_the_queries::<f32>();
    gmm_sizes_equal_the_queries::<f64>();
}

#[test]
fn the_model_types_carry_the_computed_workspace() {
    type M = nanoclust::fixed_kmeans!(f32, 40, 3, 4);
    assert_eq!(M::WORKSPACE_BYTES, fixed::kmeans_bytes::<f32>(40, 3, 4));
    type B = nanoclust::fixed_dbscan!(f64, 40, 3);
    assert_eq!(B::WORKSPACE_BYTES, fixed::dbscan_bytes::<f64>(40, 3));
    type G = nanoclust::fixed_gmm!(f32, 40, 3, 2);
    assert_eq!(G::WORKSPACE_BYTES, fixed::gmm_bytes::<f32>(40, 3, 2));
}

/// Three overlapping blobs in `d` dimensions from a fixed integer stream.
fn blobs<const D: usize, const N: usize>(seed: u64) -> [[f64; D]; N] {
    let mut s = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = || {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((s >> 11) as f64) / ((1u64 << 53) as f64) - 0.5
    };
    let mut x = [[0.0; D]; N];
    for (i, row) in x.iter_mut().enumerate() {
        let c = (i % 3) as f64 * 1.5;
        for v in row.iter_mut() {
            *v = c + next();
        }
    }
    x
}

fn cast<S: Scalar, const D: usize, const N: usize>(x: &[[f64; D]; N]) -> [[S; D]; N] {
    x.map(|r| r.map(S::from_f64))
}

#[test]
fn a_fit_beyond_the_capacity_is_an_error_and_changes_nothing() {
    let x = cast::<f32, 2, 12>(&blobs(1));
    let mut m = <nanoclust::fixed_kmeans!(f32, 8, 2, 2)>::new(KMeansParams::new(2));
    assert_eq!(m.fit(&x, None), Err(Error::InvalidShape("x")));
    m.fit(&x[..8], None).unwrap();
    let before = (*m.centers(), m.labels().to_vec());
    assert_eq!(m.fit(&x, None), Err(Error::InvalidShape("x")));
    let mut bad = x;
    bad[1][0] = f32::NAN;
    assert_eq!(m.fit(&bad[..4], None), Err(Error::NonFinite("x")));
    assert_eq!((*m.centers(), m.labels().to_vec()), before);
    let mut g = <nanoclust::fixed_gmm!(f32, 8, 2, 2)>::new(GmmParams::new(2));
    assert_eq!(g.fit(&x, None), Err(Error::InvalidShape("x")));
    let mut d = <nanoclust::fixed_dbscan!(f32, 8, 2)>::new(DbscanParams::new(0.5, 2));
    assert_eq!(d.fit(&x, None), Err(Error::InvalidShape("x")));
    let mut out = [0i32; 3];
    d.predict(&x[..3], &mut out).unwrap();
    assert_eq!(out, [-1; 3], "no fit: everything is noise");
}

#[cfg(feature = "std")]
mod same_results_as_the_owned_api {
    use super::*;
    use nanoclust::fixed::{Dbscan, Gmm, KMeans, StandardScaler};
    use nanoclust::owned::dbscan::Dbscan as OwnedDbscan;
    use nanoclust::owned::gmm::GaussianMixture;
    use nanoclust::owned::kmeans::KMeans as OwnedKMeans;
    use nanoclust::owned::preprocessing::StandardScaler as OwnedScaler;

    const D: usize = 3;
    const K: usize = 4;

    // Generic code cannot compute a workspace length from its own parameters
    // (stable Rust), so the caller passes `W`.
    fn kmeans_case<S: Scalar + core::fmt::Debug, const N: usize, const W: usize>(seed: u64) {
        let x = cast::<S, D, N>(&blobs::<D, N>(seed));
        let w: Vec<S> = (0..N).map(|i| S::from_f64(0.5 + (i % 5) as f64)).collect();
        for (init, weights) in [
            (Init::KMeansPlusPlus, None),
            (Init::Random, Some(&w[..])),
            (Init::KMeansPlusPlus, Some(&w[..])),
        ] {
            let params = KMeansParams {
                init,
                seed,
                n_init: 2,
                ..KMeansParams::new(K)
            };
            let mut m = KMeans::<S, N, D, K, W>::new(params);
            let r = m.fit(&x, weights).unwrap();
            let b = OwnedKMeans { params };
            let o = match weights {
                None => b.fit(x.as_flattened(), D),
                Some(w) => b.fit_weighted(x.as_flattened(), D, w),
            }
            .unwrap();
            assert_eq!(m.centers().as_flattened(), &o.centers[..]);
            assert_eq!(m.labels(), &o.labels[..]);
            assert_eq!(Some(r), o.result);
            assert_eq!(m.result(), o.result);

            // Predict, one row and many.
            let q = cast::<S, D, 20>(&blobs::<D, 20>(seed + 100));
            let (ol, osq) = o.predict(q.as_flattened()).unwrap();
            let mut l = [0i32; 20];
            m.predict(&q, &mut l).unwrap();
            assert_eq!(&l[..], &ol[..]);
            for (i, row) in q.iter().enumerate() {
                let (j, sq) = m.predict_one(row).unwrap();
                assert_eq!((j as i32, sq), (ol[i], osq[i]));
            }

            // Mini-batch steps from the fitted centers (counts reset by the fit).
            let mut o = o;
            for batch in q.chunks(7) {
                m.partial_fit(batch, None).unwrap();
                o.partial_fit(batch.as_flattened(), None).unwrap();
                assert_eq!(m.centers().as_flattened(), &o.centers[..]);
                assert_eq!(&m.counts()[..], &o.counts[..]);
            }
        }
        // Provided init: the current centers start the fit.
        let start: [[S; D]; K] = core::array::from_fn(|j| x[j]);
        let params = KMeansParams {
            init: Init::Provided,
            ..KMeansParams::new(K)
        };
        let mut m = KMeans::<S, N, D, K, W>::new(params);
        m.set_centers(&start);
        m.fit(&x, None).unwrap();
        let o = OwnedKMeans { params }
            .fit_from(x.as_flattened(), D, start.as_flattened())
            .unwrap();
        assert_eq!(m.centers().as_flattened(), &o.centers[..]);
        assert_eq!(m.labels(), &o.labels[..]);
    }

    #[test]
    fn kmeans_fit_predict_partial_fit() {
        for seed in 0..4 {
            kmeans_case::<f32, 60, { fixed::kmeans_bytes::<f32>(60, D, K) }>(seed);
            kmeans_case::<f64, 60, { fixed::kmeans_bytes::<f64>(60, D, K) }>(seed);
            kmeans_case::<f32, 301, { fixed::kmeans_bytes::<f32>(301, D, K) }>(seed);
        }
    }

    fn dbscan_case<S: Scalar + core::fmt::Debug, const D: usize, const N: usize, const W: usize>(
        eps: f64,
    ) {
        let x = cast::<S, D, N>(&blobs::<D, N>(7));
        let q = cast::<S, D, 25>(&blobs::<D, 25>(8));
        for index in IndexKind::ALL {
            let params = DbscanParams {
                index,
                ..DbscanParams::new(eps, 4)
            };
            let mut m = Dbscan::<S, N, D, W>::new(params);
            // Fit a smaller set first: the second fit must replace everything.
            m.fit(&x[..N / 2], None).unwrap();
            let s = m.fit(&x, None).unwrap();
            let o = OwnedDbscan { params }.fit(x.as_flattened(), D).unwrap();
            assert_eq!(m.labels(), &o.labels[..]);
            let core: Vec<bool> = m.is_core().iter().map(|&c| c == 1).collect();
            assert_eq!(core, o.is_core);
            assert_eq!(m.components().as_flattened(), o.components());
            assert_eq!(
                (s.n_clusters as usize, s.n_noise as usize),
                (o.n_clusters, o.n_noise)
            );
            assert_eq!(m.summary(), s);
            assert!(s.n_clusters >= 1 && s.n_noise >= 1, "a meaningful case");
            let mut out = [0i32; 25];
            m.predict(&q, &mut out).unwrap();
            assert_eq!(&out[..], &o.predict(q.as_flattened()).unwrap()[..]);
        }
    }

    #[test]
    fn dbscan_fit_predict() {
        dbscan_case::<f32, 2, 90, { fixed::dbscan_bytes::<f32>(90, 2) }>(0.12);
        dbscan_case::<f64, 2, 90, { fixed::dbscan_bytes::<f64>(90, 2) }>(0.12);
        dbscan_case::<f32, 5, 200, { fixed::dbscan_bytes::<f32>(200, 5) }>(0.55);
    }

    #[test]
    fn scaler_fit_transform_inverse() {
        let x = cast::<f32, 4, 30>(&blobs::<4, 30>(3));
        let mut s = StandardScaler::<f32, 4>::default();
        s.fit(&x).unwrap();
        let o = OwnedScaler::new().fit(x.as_flattened(), 4).unwrap();
        assert_eq!(&s.mean()[..], &o.mean[..]);
        assert_eq!(&s.scale()[..], &o.scale[..]);
        let mut t = [[0.0f32; 4]; 30];
        s.transform(&x, &mut t).unwrap();
        let ot = o.transform(x.as_flattened()).unwrap();
        assert_eq!(t.as_flattened(), &ot[..]);
        let mut ti = x;
        s.transform_in_place(&mut ti).unwrap();
        assert_eq!(ti, t);
        let mut back = [[0.0f32; 4]; 30];
        s.inverse_transform(&t, &mut back).unwrap();
        assert_eq!(back.as_flattened(), &o.inverse_transform(&ot).unwrap()[..]);
        s.inverse_transform_in_place(&mut ti).unwrap();
        assert_eq!(ti, back);
        let bad = StandardScaler::from_parts([0.0f32; 4], [0.0; 4]);
        assert_eq!(
            bad.transform_in_place(&mut ti),
            Err(Error::InvalidParameter("scale"))
        );
    }

    fn gmm_case<S: Scalar + core::fmt::Debug, const N: usize, const W: usize>(seed: u64) {
        const K: usize = 3;
        let x = cast::<S, D, N>(&blobs::<D, N>(seed));
        let q = cast::<S, D, 9>(&blobs::<D, 9>(seed + 50));
        let w: Vec<S> = (0..N).map(|i| S::from_f64(1.0 + (i % 3) as f64)).collect();
        for ct in CovarianceType::ALL {
            for weights in [None, Some(&w[..])] {
                let params = GmmParams::new(K).covariance_type(ct).n_init(2);
                let mut m = Gmm::<S, N, D, K, W>::new(params);
                let r = m.fit(&x, weights).unwrap();
                let o = match weights {
                    None => GaussianMixture::from_params(params)
                        .fit(x.as_flattened(), D)
                        .unwrap(),
                    Some(w) => GaussianMixture::from_params(params)
                        .fit_weighted(x.as_flattened(), D, w)
                        .unwrap(),
                };
                assert_eq!(&m.weights()[..], &o.weights[..], "{ct:?}");
                assert_eq!(m.means().as_flattened(), &o.means[..]);
                assert_eq!(m.covariances(), &o.covariances[..]);
                assert_eq!(Some(r), o.result);
                let mut l = [0i32; 9];
                m.predict(&q, &mut l).unwrap();
                assert_eq!(&l[..], &o.predict(q.as_flattened()).unwrap()[..]);
                let mut p = [[S::ZERO; K]; 9];
                m.predict_proba(&q, &mut p).unwrap();
                assert_eq!(
                    p.as_flattened(),
                    &o.predict_proba(q.as_flattened()).unwrap()[..]
                );
                let mut ll = [S::ZERO; 9];
                m.score_samples(&q, &mut ll).unwrap();
                assert_eq!(&ll[..], &o.score_samples(q.as_flattened()).unwrap()[..]);
            }
            // A provided start: the owned model's parts.
            let params = GmmParams::new(K)
                .covariance_type(ct)
                .init(GmmInit::Provided);
            let start = GaussianMixture::from_params(params.init(GmmInit::KMeans).max_iter(2))
                .fit(x.as_flattened(), D)
                .unwrap();
            let mut m = Gmm::<S, N, D, K, W>::new(params);
            let sw: [S; K] = core::array::from_fn(|j| start.weights[j]);
            let sm: [[S; D]; K] =
                core::array::from_fn(|j| core::array::from_fn(|i| start.means[j * D + i]));
            m.set_model(&sw, &sm, &start.covariances).unwrap();
            m.fit(&x, None).unwrap();
            let o = GaussianMixture::from_params(params)
                .fit_from(
                    x.as_flattened(),
                    D,
                    &start.weights,
                    &start.means,
                    &start.covariances,
                )
                .unwrap();
            assert_eq!(m.means().as_flattened(), &o.means[..]);
            assert_eq!(m.covariances(), &o.covariances[..]);
            assert_eq!(
                m.set_model(&sw, &sm, &[S::ONE]),
                if ct == CovarianceType::Spherical && K == 1 {
                    Ok(())
                } else {
                    Err(Error::InvalidShape("covariances"))
                }
            );
        }
    }

    #[test]
    fn gmm_fit_predict() {
        gmm_case::<f64, 60, { fixed::gmm_bytes::<f64>(60, D, 3) }>(1);
        gmm_case::<f32, 90, { fixed::gmm_bytes::<f32>(90, D, 3) }>(2);
    }
}
