//! DBSCAN criterion benches: fit per index on 2-D blobs with noise, fit on 8-D
//! blobs, predict and core distances. Run with
//! `cargo bench --bench dbscan -- --warm-up-time 1 --measurement-time 3`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use nanoclust::dbscan::{self, DbscanParams, IndexKind};
use nanoclust::rng::Rng;
use nanoclust::{Matrix, Metric};
use std::hint::black_box;

/// `n` points in `d` dimensions: `k` Gaussian-ish blobs (sum of uniforms) plus 5% uniform noise.
fn blobs(n: usize, d: usize, k: usize, spread: f64, seed: u64) -> Vec<f64> {
    let mut rng = Rng::new(seed);
    let centers: Vec<f64> = (0..k * d).map(|_| rng.next_f64() * 40.0 - 20.0).collect();
    let mut x = Vec::with_capacity(n * d);
    for i in 0..n {
        if i % 20 == 0 {
            x.extend((0..d).map(|_| rng.next_f64() * 48.0 - 24.0));
        } else {
            let c = rng.index(k);
            for j in 0..d {
                let g: f64 = (0..4).map(|_| rng.next_f64() - 0.5).sum::<f64>() * spread;
                x.push(centers[c * d + j] + g);
            }
        }
    }
    x
}

fn fit(x: &[f64], d: usize, p: &DbscanParams, ws: &mut Vec<u8>) -> u32 {
    let n = x.len() / d;
    ws.resize(dbscan::workspace_size::<f64>(n, d, p).unwrap().bytes(), 0);
    let mut labels = vec![0; n];
    let m = Matrix::new(x, n, d).unwrap();
    dbscan::fit(p, m, None, ws, &mut labels, None)
        .unwrap()
        .n_clusters
}

fn bench_fit(c: &mut Criterion) {
    let mut g = c.benchmark_group("dbscan_fit");
    g.sample_size(10);
    let x2 = blobs(20_000, 2, 8, 2.0, 1);
    let mut ws = Vec::new();
    for index in [IndexKind::Grid, IndexKind::KdTree] {
        let mut p = DbscanParams::new(0.3, 10);
        p.index = index;
        g.bench_with_input(
            BenchmarkId::new("20k_2d", format!("{index:?}")),
            &p,
            |b, p| b.iter(|| black_box(fit(&x2, 2, p, &mut ws))),
        );
    }
    let x_small = blobs(2_000, 2, 8, 2.0, 5);
    let mut p = DbscanParams::new(0.3, 10);
    p.index = IndexKind::Brute;
    g.bench_with_input(BenchmarkId::new("2k_2d", "Brute"), &p, |b, p| {
        b.iter(|| black_box(fit(&x_small, 2, p, &mut ws)))
    });
    let x8 = blobs(10_000, 8, 8, 2.0, 2);
    for index in [IndexKind::KdTree, IndexKind::Grid] {
        let mut p = DbscanParams::new(1.5, 10);
        p.index = index;
        g.bench_with_input(
            BenchmarkId::new("10k_8d", format!("{index:?}")),
            &p,
            |b, p| b.iter(|| black_box(fit(&x8, 8, p, &mut ws))),
        );
    }
    g.finish();
}

fn bench_predict_and_core_distances(c: &mut Criterion) {
    let mut g = c.benchmark_group("dbscan_other");
    g.sample_size(10);
    let (n, d) = (20_000, 2);
    let x = blobs(n, d, 8, 2.0, 3);
    let p = DbscanParams::new(0.3, 10);
    let m = Matrix::new(&x, n, d).unwrap();
    let mut ws = vec![0u8; dbscan::workspace_size::<f64>(n, d, &p).unwrap().bytes()];
    let (mut labels, mut core) = (vec![0; n], vec![0u8; n]);
    dbscan::fit(&p, m, None, &mut ws, &mut labels, Some(&mut core)).unwrap();
    let q = blobs(5_000, d, 8, 2.0, 4);
    let qm = Matrix::new(&q, 5_000, d).unwrap();
    let mut pws = vec![
        0u8;
        dbscan::predict_workspace_size::<f64>(n, d, 5_000, &p)
            .unwrap()
            .bytes()
    ];
    let mut out = vec![0; 5_000];
    g.bench_function("predict_5k_on_20k_2d", |b| {
        b.iter(|| dbscan::predict(&p, m, &labels, &core, qm, &mut pws, &mut out).unwrap())
    });
    let mut cws = vec![
        0u8;
        dbscan::core_distances_workspace_size::<f64>(n, d, 10, Metric::Euclidean)
            .unwrap()
            .bytes()
    ];
    let mut cd = vec![0.0; n];
    g.bench_function("core_distances_20k_2d_k10", |b| {
        b.iter(|| dbscan::core_distances(m, 10, Metric::Euclidean, &mut cws, &mut cd).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench_fit, bench_predict_and_core_distances);
criterion_main!(benches);
