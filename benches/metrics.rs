//! Criterion benches of the metrics family: silhouette (the O(n^2 d) metric)
//! for both element types and every metric at one size, plus the O(n) and
//! O(n log n)-class metrics at a larger size for scale.
//!
//! Run short on the shared machine:
//! `cargo bench --bench metrics -- --warm-up-time 1 --measurement-time 3`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use nanoclust::metrics;
use nanoclust::rng::Rng;
use nanoclust::{Matrix, Metric};
use std::hint::black_box;

/// `n` samples around `k` well-separated centers in `d` dimensions, labelled by center.
fn blobs(n: usize, d: usize, k: usize, seed: u64) -> (Vec<f64>, Vec<i32>) {
    let mut rng = Rng::new(seed);
    let centers: Vec<f64> = (0..k * d).map(|_| rng.next_f64() * 20.0 - 10.0).collect();
    let mut x = Vec::with_capacity(n * d);
    let mut labels = Vec::with_capacity(n);
    for i in 0..n {
        let c = i % k;
        labels.push(c as i32);
        for j in 0..d {
            x.push(centers[c * d + j] + rng.next_f64() * 2.0 - 1.0);
        }
    }
    (x, labels)
}

fn bench_silhouette(c: &mut Criterion) {
    let mut g = c.benchmark_group("silhouette_score");
    g.sample_size(10);
    for &(n, d, k) in &[(1000usize, 8usize, 8usize), (4000, 8, 8)] {
        let (x, labels) = blobs(n, d, k, 1);
        let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
        let mut ws = vec![0u8; metrics::silhouette_workspace_size(n, k).unwrap().bytes()];
        let id = format!("{n}x{d}_k{k}");
        g.bench_with_input(BenchmarkId::new("euclidean_f64", &id), &n, |b, _| {
            let m = Matrix::new(&x, n, d).unwrap();
            b.iter(|| {
                metrics::silhouette_score(black_box(m), &labels, k, Metric::Euclidean, &mut ws)
                    .unwrap()
            })
        });
        g.bench_with_input(BenchmarkId::new("euclidean_f32", &id), &n, |b, _| {
            let m = Matrix::new(&x32, n, d).unwrap();
            b.iter(|| {
                metrics::silhouette_score(black_box(m), &labels, k, Metric::Euclidean, &mut ws)
                    .unwrap()
            })
        });
        if n == 1000 {
            for metric in [Metric::Manhattan, Metric::Chebyshev, Metric::Cosine] {
                g.bench_with_input(
                    BenchmarkId::new(format!("{metric:?}_f64").to_lowercase(), &id),
                    &n,
                    |b, _| {
                        let m = Matrix::new(&x, n, d).unwrap();
                        b.iter(|| {
                            metrics::silhouette_score(black_box(m), &labels, k, metric, &mut ws)
                                .unwrap()
                        })
                    },
                );
            }
        }
    }
    g.finish();
}

fn bench_linear_metrics(c: &mut Criterion) {
    let mut g = c.benchmark_group("linear_metrics");
    g.sample_size(20);
    let (n, d, k) = (100_000usize, 8usize, 16usize);
    let (x, labels) = blobs(n, d, k, 2);
    let mut ws = vec![0u8; metrics::cluster_stats_workspace_size(d, k).unwrap().bytes()];
    let m = Matrix::new(&x, n, d).unwrap();
    g.bench_function("calinski_harabasz_100000x8_k16", |b| {
        b.iter(|| metrics::calinski_harabasz(black_box(m), &labels, k, &mut ws).unwrap())
    });
    g.bench_function("davies_bouldin_100000x8_k16", |b| {
        b.iter(|| metrics::davies_bouldin(black_box(m), &labels, k, &mut ws).unwrap())
    });
    let mut rng = Rng::new(3);
    let other: Vec<i32> = labels
        .iter()
        .map(|&l| {
            if rng.next_f64() < 0.2 {
                rng.below(20) as i32
            } else {
                l
            }
        })
        .collect();
    let mut cws = vec![0u8; metrics::contingency_workspace_size(n).unwrap().bytes()];
    g.bench_function("adjusted_rand_index_100000", |b| {
        b.iter(|| metrics::adjusted_rand_index(black_box(&labels), &other, &mut cws).unwrap())
    });
    g.bench_function("normalized_mutual_info_100000", |b| {
        b.iter(|| metrics::normalized_mutual_info(black_box(&labels), &other, &mut cws).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench_silhouette, bench_linear_metrics);
criterion_main!(benches);
