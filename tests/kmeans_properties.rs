//! Property tests of k-means:
//! - Hamerly returns exactly Lloyd's labels, centers (bit for bit), inertia and
//!   iteration count, for f32 and f64 and many shapes (its bounds carry a margin that
//!   covers Lloyd's rounding, so it never skips a sample Lloyd would move);
//! - integer sample weights give the same fit as repeating the rows;
//! - permuting the rows permutes the labels (same initial centers).

#![cfg(feature = "std")]

use nanoclust::kmeans::{Algorithm, Init};
use nanoclust::owned::kmeans::KMeans;
use nanoclust::rng::Rng;
use nanoclust::Scalar;

/// Overlapping Gaussian-ish blobs (sums of uniforms), so runs take many iterations.
fn data<S: Scalar>(n: usize, d: usize, k: usize, seed: u64) -> Vec<S> {
    let mut rng = Rng::new(seed);
    let centers: Vec<f64> = (0..k * d).map(|_| rng.next_f64() * 6.0).collect();
    (0..n)
        .flat_map(|_| {
            let c = rng.index(k);
            (0..d)
                .map(|f| {
                    let noise: f64 = (0..3).map(|_| rng.next_f64() - 0.5).sum();
                    S::from_f64(centers[c * d + f] + 2.0 * noise)
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn hamerly_equals_lloyd<S: Scalar>() {
    let mut cases = 0;
    for (n, d, k, seed) in [
        (600, 2, 8, 1u64),
        (400, 5, 3, 2),
        (300, 17, 10, 3),
        (1000, 1, 4, 4),
        (100, 3, 1, 5),
        (257, 40, 33, 6),
        (50, 2, 50, 7),
    ] {
        let x = data::<S>(n, d, k.max(2), seed);
        for (init, max_iter, tol) in [
            (Init::KMeansPlusPlus, 300, 0.0),
            (Init::Random, 7, 1e-4),
            (Init::KMeansPlusPlus, 300, 1e-3),
        ] {
            let b = KMeans::new(k)
                .init(init)
                .max_iter(max_iter)
                .tol(tol)
                .seed(seed)
                .n_init(2);
            let l = b.algorithm(Algorithm::Lloyd).fit(&x, d).unwrap();
            let h = b.algorithm(Algorithm::Hamerly).fit(&x, d).unwrap();
            let what = format!("{} n {n} d {d} k {k} {init:?} max_iter {max_iter}", S::NAME);
            assert_eq!(h.labels, l.labels, "{what}: labels");
            let bits = |c: &[S]| c.iter().map(|v| v.to_f64().to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&h.centers), bits(&l.centers), "{what}: centers");
            assert_eq!(h.result, l.result, "{what}: inertia, n_iter, converged");
            cases += 1;
        }
    }
    assert_eq!(cases, 21);
}

#[test]
fn hamerly_equals_lloyd_f64() {
    hamerly_equals_lloyd::<f64>();
}

#[test]
fn hamerly_equals_lloyd_f32() {
    hamerly_equals_lloyd::<f32>();
}

#[test]
fn integer_weights_equal_repeated_rows() {
    for (n, d, k, seed) in [(200usize, 2usize, 4usize, 11u64), (150, 6, 5, 12)] {
        let x = data::<f64>(n, d, k, seed);
        let mut rng = Rng::new(seed + 100);
        let w: Vec<f64> = (0..n).map(|_| (1 + rng.index(3)) as f64).collect();
        let mut rep = Vec::new();
        let mut origin = Vec::new();
        for i in 0..n {
            for _ in 0..w[i] as usize {
                rep.extend_from_slice(&x[i * d..(i + 1) * d]);
                origin.push(i);
            }
        }
        let init: Vec<f64> = x[..k * d].to_vec();
        for algo in [Algorithm::Lloyd, Algorithm::Hamerly] {
            let b = KMeans::new(k).tol(0.0).algorithm(algo);
            let a = b.fit_from_weighted(&x, d, &init, &w).unwrap();
            let r = b.fit_from(&rep, d, &init).unwrap();
            for (j, &i) in origin.iter().enumerate() {
                assert_eq!(r.labels[j], a.labels[i], "row {i}");
            }
            for (p, q) in a.centers.iter().zip(&r.centers) {
                assert!((p - q).abs() <= 1e-10 * (1.0 + q.abs()), "{p} vs {q}");
            }
            let (ia, ir) = (a.result.unwrap().inertia, r.result.unwrap().inertia);
            assert!((ia - ir).abs() <= 1e-10 * ir, "{ia} vs {ir}");
            assert_eq!(a.result.unwrap().n_iter, r.result.unwrap().n_iter);
        }
    }
}

#[test]
fn permuting_rows_permutes_labels() {
    for (n, d, k, seed) in [(300usize, 3usize, 5usize, 21u64), (128, 10, 7, 22)] {
        let x = data::<f64>(n, d, k, seed);
        let mut perm: Vec<usize> = (0..n).collect();
        let mut rng = Rng::new(seed);
        for i in (1..n).rev() {
            perm.swap(i, rng.index(i + 1));
        }
        let xp: Vec<f64> = perm
            .iter()
            .flat_map(|&i| x[i * d..(i + 1) * d].to_vec())
            .collect();
        let init: Vec<f64> = (0..k)
            .flat_map(|j| x[j * 3 * d..(j * 3 + 1) * d].to_vec())
            .collect();
        for algo in [Algorithm::Lloyd, Algorithm::Hamerly] {
            let b = KMeans::new(k).tol(0.0).algorithm(algo);
            let a = b.fit_from(&x, d, &init).unwrap();
            let p = b.fit_from(&xp, d, &init).unwrap();
            for (i, &src) in perm.iter().enumerate() {
                assert_eq!(p.labels[i], a.labels[src], "row {src}");
            }
            for (u, v) in a.centers.iter().zip(&p.centers) {
                assert!((u - v).abs() <= 1e-10 * (1.0 + v.abs()));
            }
        }
    }
}
