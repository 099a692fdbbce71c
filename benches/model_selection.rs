//! Criterion benches of model selection: the k sweep (k-means for every k plus
//! the silhouette of each fit) and the eps suggestion (core distances, sort, knee).
//!
//! Run short on a shared machine:
//! `cargo bench --bench model_selection -- --warm-up-time 1 --measurement-time 3`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use nanoclust::kmeans::KMeansParams;
use nanoclust::model_selection::{
    kmeans_sweep, suggest_eps, suggest_eps_workspace_size, sweep_workspace_size,
};
use nanoclust::rng::Rng;
use nanoclust::{Matrix, Metric};
use std::hint::black_box;

/// `n` samples around 4 centers in `d` dimensions.
fn blobs(n: usize, d: usize) -> Vec<f64> {
    let mut rng = Rng::new(7);
    let centers: Vec<f64> = (0..4 * d).map(|_| rng.next_f64() * 20.0 - 10.0).collect();
    (0..n)
        .flat_map(|i| (0..d).map(move |j| (i % 4) * d + j))
        .map(|c| centers[c] + rng.next_f64() * 2.0 - 1.0)
        .collect()
}

fn bench_sweep(c: &mut Criterion) {
    let mut g = c.benchmark_group("kmeans_sweep_k2_to_10");
    g.sample_size(10);
    for &(n, d) in &[(1000usize, 4usize), (3000, 4)] {
        let x = blobs(n, d);
        let params = KMeansParams {
            n_init: 3,
            ..KMeansParams::new(2)
        };
        let mut ws = vec![
            0u8;
            sweep_workspace_size::<f64>(n, d, 2, 10, &params)
                .unwrap()
                .bytes()
        ];
        let (mut inertia, mut silhouette) = (vec![0.0; 9], vec![0.0; 9]);
        let m = Matrix::new(&x, n, d).unwrap();
        g.bench_with_input(
            BenchmarkId::new("with_silhouette", format!("{n}x{d}")),
            &n,
            |b, _| {
                b.iter(|| {
                    kmeans_sweep(
                        black_box(m),
                        None,
                        2,
                        10,
                        &params,
                        &mut ws,
                        &mut inertia,
                        Some(&mut silhouette),
                    )
                })
            },
        );
        g.bench_with_input(
            BenchmarkId::new("inertia_only", format!("{n}x{d}")),
            &n,
            |b, _| {
                b.iter(|| {
                    kmeans_sweep(
                        black_box(m),
                        None,
                        2,
                        10,
                        &params,
                        &mut ws,
                        &mut inertia,
                        None,
                    )
                })
            },
        );
    }
    g.finish();
}

fn bench_eps(c: &mut Criterion) {
    let mut g = c.benchmark_group("suggest_eps");
    g.sample_size(10);
    for &(n, d) in &[(10_000usize, 2usize), (10_000, 8)] {
        let x = blobs(n, d);
        let mut ws = vec![
            0u8;
            suggest_eps_workspace_size::<f64>(n, d, 5, Metric::Euclidean)
                .unwrap()
                .bytes()
        ];
        let m = Matrix::new(&x, n, d).unwrap();
        g.bench_with_input(
            BenchmarkId::new("min_samples_5", format!("{n}x{d}")),
            &n,
            |b, _| b.iter(|| suggest_eps(black_box(m), 5, Metric::Euclidean, &mut ws, None)),
        );
    }
    g.finish();
}

criterion_group!(benches, bench_sweep, bench_eps);
criterion_main!(benches);
