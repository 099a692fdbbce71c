//! Gaussian mixtures: one EM fit with a fixed iteration count (tol 0) from a
//! provided start, per covariance type and element type, on 50k x 8 data with
//! k = 8 (the comparison shape of `benches/compare/gmm.py`), and prediction.
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use nanoclust::gmm::{self, CovarianceType, GmmInit, GmmParams};
use nanoclust::rng::Rng;
use nanoclust::{Matrix, Scalar};
use std::hint::black_box;

const N: usize = 50_000;
const D: usize = 8;
const K: usize = 8;
const ITERS: u32 = 5;

/// K Gaussian blobs with centres in [-5, 5]^D.
fn data<S: Scalar>() -> Vec<S> {
    let mut rng = Rng::new(42);
    let centres: Vec<f64> = (0..K * D).map(|_| rng.next_f64() * 10.0 - 5.0).collect();
    let mut x = Vec::with_capacity(N * D);
    for i in 0..N {
        let c = i % K;
        for j in 0..D {
            // Sum of uniforms: roughly normal.
            let z: f64 = (0..4).map(|_| rng.next_f64() - 0.5).sum();
            x.push(S::from_f64(centres[c * D + j] + z));
        }
    }
    x
}

fn start<S: Scalar>(x: &[S], ct: CovarianceType) -> (Vec<S>, Vec<S>, Vec<S>) {
    let w = vec![S::from_f64(1.0 / K as f64); K];
    let m: Vec<S> = (0..K)
        .flat_map(|c| x[c * 997 * D..c * 997 * D + D].to_vec())
        .collect();
    let cov = match ct {
        CovarianceType::Full => (0..K * D * D)
            .map(|i| {
                if i % (D * D) % (D + 1) == 0 {
                    S::ONE
                } else {
                    S::ZERO
                }
            })
            .collect(),
        CovarianceType::Tied => (0..D * D)
            .map(|i| if i % (D + 1) == 0 { S::ONE } else { S::ZERO })
            .collect(),
        CovarianceType::Diag => vec![S::ONE; K * D],
        CovarianceType::Spherical => vec![S::ONE; K],
    };
    (w, m, cov)
}

fn bench_type<S: Scalar>(c: &mut Criterion) {
    let x = data::<S>();
    let xm = Matrix::new(&x, N, D).unwrap();
    let mut group = c.benchmark_group(format!("gmm_fit_{ITERS}iter_50kx8_k8_{}", S::NAME));
    group.sample_size(10);
    for ct in CovarianceType::ALL {
        let p = GmmParams::new(K)
            .covariance_type(ct)
            .init(GmmInit::Provided)
            .tol(0.0)
            .max_iter(ITERS);
        let mut ws = vec![0u8; gmm::workspace_size::<S>(N, D, &p).unwrap().bytes()];
        let s0 = start(&x, ct);
        group.bench_function(BenchmarkId::from_parameter(format!("{ct:?}")), |b| {
            b.iter(|| {
                let (mut w, mut m, mut cv) = s0.clone();
                let r = gmm::fit(&p, xm, &mut ws, &mut w, &mut m, &mut cv).unwrap();
                black_box(r)
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group(format!("gmm_predict_50kx8_k8_{}", S::NAME));
    group.sample_size(10);
    for ct in [CovarianceType::Full, CovarianceType::Diag] {
        let (w, m, cv) = start(&x, ct);
        let mut ws = vec![0u8; gmm::predict_workspace_size::<S>(K, D, ct).unwrap().bytes()];
        let mut ll = vec![S::ZERO; N];
        group.bench_function(BenchmarkId::from_parameter(format!("{ct:?}")), |b| {
            b.iter(|| {
                gmm::predict(&w, &m, &cv, K, ct, xm, &mut ws, None, None, Some(&mut ll)).unwrap();
                black_box(ll[0])
            })
        });
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    bench_type::<f64>(c);
    bench_type::<f32>(c);
}

criterion_group!(gmm_benches, benches);
criterion_main!(gmm_benches);
