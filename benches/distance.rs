//! Distance kernels: throughput of each metric on rows of typical widths.
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use nanoclust::rng::Rng;
use nanoclust::Metric;
use std::hint::black_box;

fn rows<S: nanoclust::Scalar>(count: usize, d: usize) -> Vec<S> {
    let mut rng = Rng::new(1);
    (0..count * d)
        .map(|_| S::from_f64(rng.next_f64() * 2.0 - 1.0))
        .collect()
}

fn bench_metric<S: nanoclust::Scalar>(c: &mut Criterion) {
    let mut group = c.benchmark_group(format!("distance_{}", S::NAME));
    for d in [2usize, 16, 64] {
        let x = rows::<S>(1024, d);
        let r: Vec<&[S]> = x.chunks_exact(d).collect();
        group.throughput(Throughput::Elements(1023));
        for m in Metric::ALL {
            group.bench_with_input(BenchmarkId::new(format!("{m:?}"), d), &r, |b, r| {
                b.iter(|| {
                    let mut acc = S::ZERO;
                    for pair in r.windows(2) {
                        acc += m.distance(black_box(pair[0]), black_box(pair[1]));
                    }
                    acc
                })
            });
        }
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    bench_metric::<f32>(c);
    bench_metric::<f64>(c);
}

criterion_group!(distance, benches);
criterion_main!(distance);
