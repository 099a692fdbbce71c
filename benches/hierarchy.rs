//! Criterion benches of agglomerative clustering: linkage from observations
//! for every method (f64 and f32), from a condensed matrix, and the tree
//! cuts. Sizes are small enough for a quick run; the comparison with scipy
//! and fastcluster at 10k and 20k samples is `benches/compare/hierarchy.py`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use nanoclust::hierarchy::{self, Merge, Method};
use nanoclust::rng::Rng;
use nanoclust::Metric;
use std::hint::black_box;

fn blobs(n: usize, d: usize, seed: u64) -> Vec<f64> {
    let mut rng = Rng::new(seed);
    let centers: Vec<f64> = (0..16 * d).map(|_| (rng.next_f64() - 0.5) * 16.0).collect();
    let mut x = vec![0.0; n * d];
    for row in x.chunks_exact_mut(d) {
        let c = rng.below(16) as usize;
        for (j, v) in row.iter_mut().enumerate() {
            *v = centers[c * d + j] + rng.next_f64() - 0.5;
        }
    }
    x
}

fn linkage(c: &mut Criterion) {
    let (n, d) = (2000, 8);
    let x = blobs(n, d, 1);
    let xf: Vec<f32> = x.iter().map(|&v| v as f32).collect();
    let mut group = c.benchmark_group("linkage_2000x8");
    group.sample_size(10);
    for method in Method::ALL {
        let layout =
            hierarchy::linkage_workspace_size::<f64>(n, d, method, Metric::Euclidean).unwrap();
        let mut ws = vec![0u8; layout.bytes()];
        let mut out = vec![Merge::default(); n - 1];
        group.bench_function(BenchmarkId::new("f64", method.name()), |b| {
            b.iter(|| {
                hierarchy::linkage(
                    black_box(&x),
                    n,
                    d,
                    method,
                    Metric::Euclidean,
                    &mut ws,
                    &mut out,
                )
                .unwrap()
            })
        });
        let layout =
            hierarchy::linkage_workspace_size::<f32>(n, d, method, Metric::Euclidean).unwrap();
        let mut ws = vec![0u8; layout.bytes()];
        group.bench_function(BenchmarkId::new("f32", method.name()), |b| {
            b.iter(|| {
                hierarchy::linkage(
                    black_box(&xf),
                    n,
                    d,
                    method,
                    Metric::Euclidean,
                    &mut ws,
                    &mut out,
                )
                .unwrap()
            })
        });
    }
    group.finish();
}

fn condensed_and_cuts(c: &mut Criterion) {
    let (n, d) = (2000, 8);
    let x = blobs(n, d, 2);
    let mut y = Vec::with_capacity(n * (n - 1) / 2);
    for i in 0..n {
        for j in i + 1..n {
            y.push(nanoclust::distance::euclidean(
                &x[i * d..(i + 1) * d],
                &x[j * d..(j + 1) * d],
            ));
        }
    }
    let mut out = vec![Merge::default(); n - 1];
    let mut group = c.benchmark_group("condensed_2000");
    group.sample_size(10);
    for method in [Method::Single, Method::Average, Method::Centroid] {
        let layout = hierarchy::linkage_condensed_workspace_size::<f64>(n, method).unwrap();
        let mut ws = vec![0u8; layout.bytes()];
        group.bench_function(method.name(), |b| {
            b.iter(|| {
                hierarchy::linkage_condensed(black_box(&y), n, method, &mut ws, &mut out).unwrap()
            })
        });
    }
    group.finish();
    let layout = hierarchy::cut_tree_workspace_size(n).unwrap();
    let mut ws = vec![0u8; layout.bytes()];
    let mut labels = vec![0i32; n];
    let mut order = vec![0u32; n];
    let t = out[n - 20].distance;
    c.bench_function("cut_tree_n_clusters_2000", |b| {
        b.iter(|| hierarchy::cut_n_clusters(black_box(&out), n, 16, &mut ws, &mut labels).unwrap())
    });
    c.bench_function("cut_tree_distance_2000", |b| {
        b.iter(|| hierarchy::cut_distance(black_box(&out), n, t, &mut ws, &mut labels).unwrap())
    });
    c.bench_function("dendrogram_leaves_2000", |b| {
        b.iter(|| hierarchy::dendrogram_leaves(black_box(&out), n, &mut ws, &mut order).unwrap())
    });
}

criterion_group!(benches, linkage, condensed_and_cuts);
criterion_main!(benches);
