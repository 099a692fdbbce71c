//! k-means benches: time of a fit with a fixed iteration count (provided
//! centers, tol = 0, max_iter = ITERS) for the shapes of the scikit-learn
//! comparison (benches/compare/kmeans.py), Lloyd and Hamerly, f32 and f64;
//! plus predict and one mini-batch step.
//!
//! cargo bench --bench kmeans -- --warm-up-time 1 --measurement-time 3

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use nanoclust::kmeans::{self, Algorithm, Init, KMeansParams};
use nanoclust::rng::Rng;
use nanoclust::{Matrix, Scalar};
use std::hint::black_box;

const ITERS: u32 = 10;

fn uniform<S: Scalar>(n: usize, d: usize, seed: u64) -> Vec<S> {
    let mut rng = Rng::new(seed);
    (0..n * d).map(|_| S::from_f64(rng.next_f64())).collect()
}

fn fit_group<S: Scalar>(c: &mut Criterion) {
    let mut g = c.benchmark_group(format!("kmeans_fit_{}", S::NAME));
    g.sample_size(10);
    for (n, d, k) in [
        (10_000usize, 2usize, 8usize),
        (100_000, 16, 16),
        (50_000, 64, 32),
    ] {
        let x = uniform::<S>(n, d, (n + d + k) as u64);
        let init: Vec<S> = x[..k * d].to_vec();
        g.throughput(Throughput::Elements((n * ITERS as usize) as u64));
        for algo in [Algorithm::Lloyd, Algorithm::Hamerly] {
            let mut p = KMeansParams::new(k);
            p.init = Init::Provided;
            p.max_iter = ITERS;
            p.tol = 0.0;
            p.algorithm = algo;
            let mut ws = vec![0u8; kmeans::workspace_size::<S>(n, d, &p).unwrap().bytes()];
            let mut centers = init.clone();
            let mut labels = vec![0i32; n];
            let id = BenchmarkId::new(format!("{algo:?}"), format!("{n}x{d}_k{k}"));
            g.bench_function(id, |b| {
                b.iter(|| {
                    centers.copy_from_slice(&init);
                    let xm = Matrix::new(&x, n, d).unwrap();
                    black_box(
                        kmeans::fit(&p, xm, None, &mut ws, &mut centers, Some(&mut labels))
                            .unwrap(),
                    )
                })
            });
        }
    }
    g.finish();
}

fn predict_and_step<S: Scalar>(c: &mut Criterion) {
    let mut g = c.benchmark_group(format!("kmeans_predict_{}", S::NAME));
    g.sample_size(10);
    let (n, d, k) = (20_000usize, 8usize, 16usize);
    let x = uniform::<S>(n, d, 5);
    let centers: Vec<S> = x[..k * d].to_vec();
    let mut labels = vec![0i32; n];
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function(format!("predict_{n}x{d}_k{k}"), |b| {
        b.iter(|| {
            let cm = Matrix::new(&centers, k, d).unwrap();
            kmeans::predict(cm, Matrix::new(&x, n, d).unwrap(), &mut labels, None).unwrap()
        })
    });
    let mut ws = vec![
        0u8;
        kmeans::partial_fit_workspace_size::<S>(d, k)
            .unwrap()
            .bytes()
    ];
    let batch = 1024;
    g.throughput(Throughput::Elements(batch as u64));
    g.bench_function(format!("partial_fit_batch{batch}_d{d}_k{k}"), |b| {
        let mut c = centers.clone();
        let mut counts = vec![0.0; k];
        b.iter(|| {
            let xm = Matrix::new(&x[..batch * d], batch, d).unwrap();
            kmeans::partial_fit(xm, None, &mut c, &mut counts, &mut ws).unwrap()
        })
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    fit_group::<f64>(c);
    fit_group::<f32>(c);
    predict_and_step::<f64>(c);
    predict_and_step::<f32>(c);
}

criterion_group!(kmeans_benches, benches);
criterion_main!(kmeans_benches);
