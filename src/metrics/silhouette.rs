//! Silhouette coefficients in `O(n + k)` workspace.
//!
//! For sample `i` of cluster `A`: `a` is the mean distance to the other members
//! of `A`, `b` the smallest mean distance to the members of another cluster,
//! and `s = (b - a) / max(a, b)` (0 when `max(a, b) == 0`). A sample alone in
//! its cluster scores 0 (scikit-learn's `nan_to_num`). Distances are computed
//! row by row, one sample at a time, and summed per cluster in f64: the
//! `O(n^2 d)` work of scikit-learn without its `n x n` distance matrix.

use super::labels::{
    check_labels, check_n_clusters, check_number_of_labels, compact_clusters, compact_labels,
    count_clusters, NOT_A_CLUSTER,
};
use crate::distance::{chebyshev, cosine_with_norms, euclidean, manhattan, sq_norm, Metric};
use crate::error::{Error, Result};
use crate::matrix::{row_iter, Matrix};
use crate::scalar::Scalar;
use crate::workspace::{Carve, Layout, Sizer, Workspace};

/// Workspace for [`silhouette_samples`] and [`silhouette_score`] of `n`
/// samples and `n_clusters` clusters, for both element types and every metric:
/// `n` f64 scores, `n` f64 squared row norms (cosine), `n` u32 compact labels,
/// `n_clusters` u32 id -> cluster indices, and per non-empty cluster (at most
/// `min(n_clusters, n)`) an f64 distance sum and a u32 size. Work is
/// `O(n^2 d + n K + n_clusters)` for `K` non-empty clusters.
/// Errors: `InvalidShape("n")` for `n == 0` or `n > i32::MAX`,
/// `InvalidParameter("n_clusters")` unless `1 <= n_clusters <= 2^31`.
pub fn workspace_size(n: usize, n_clusters: usize) -> Result<Layout> {
    check_n_clusters(n, n_clusters)?;
    Sizer::measure(|c| carve(c, n, n_clusters).map(drop))
}

/// The scratch of the silhouette, declared once (sized by [`workspace_size`],
/// carved by [`compute`]).
struct Scratch<'a> {
    scores: &'a mut [f64],
    norms: &'a mut [f64],
    compact: &'a mut [u32],
    index: &'a mut [u32],
    /// Per non-empty cluster, at most `min(n_clusters, n)` of them.
    sums: &'a mut [f64],
    sizes: &'a mut [u32],
}

/// The declaration of [`Scratch`].
#[inline(always)]
fn carve<'a>(c: &mut impl Carve<'a>, n: usize, n_clusters: usize) -> Result<Scratch<'a>> {
    let k = n_clusters.min(n);
    Ok(Scratch {
        scores: c.take::<f64>(n)?,
        norms: c.take::<f64>(n)?,
        compact: c.take::<u32>(n)?,
        index: c.take::<u32>(n_clusters)?,
        sums: c.take::<f64>(k)?,
        sizes: c.take::<u32>(k)?,
    })
}

/// Fills `scores` (`n`) with the silhouette of every sample (0 for left-out
/// samples) using `dist(i, x_i, j, x_j)`, the distance between samples `i` and `j`.
fn scores_with<S: Scalar>(
    x: &Matrix<'_, S>,
    labels: &[u32],
    counts: &[u32],
    sums: &mut [f64],
    scores: &mut [f64],
    dist: impl Fn(usize, &[S], usize, &[S]) -> S,
) -> Result<()> {
    for (i, ((xi, &li), out)) in row_iter(x.as_slice(), x.d())
        .zip(labels)
        .zip(scores.iter_mut())
        .enumerate()
    {
        *out = 0.0;
        let ci = li as usize;
        let own = counts.get(ci).copied().unwrap_or(0);
        if own <= 1 {
            continue; // singleton: scikit-learn's nan_to_num(0/0) = 0
        }
        sums.fill(0.0);
        for (j, (xj, &lj)) in row_iter(x.as_slice(), x.d()).zip(labels).enumerate() {
            if j == i {
                continue;
            }
            if let Some(s) = sums.get_mut(lj as usize) {
                *s += dist(i, xi, j, xj).to_f64();
            }
        }
        let a = sums.get(ci).copied().unwrap_or(0.0) / f64::from(own - 1);
        let mut b = f64::INFINITY;
        for (c, (&s, &cnt)) in sums.iter().zip(counts).enumerate() {
            if c != ci && cnt > 0 {
                let mean = s / f64::from(cnt);
                if mean < b {
                    b = mean;
                }
            }
        }
        if !(a.is_finite() && b.is_finite()) {
            return Err(Error::Numerical("silhouette"));
        }
        let m = if a > b { a } else { b };
        *out = if m > 0.0 { (b - a) / m } else { 0.0 };
    }
    Ok(())
}

/// Validates, carves the workspace and computes every sample's silhouette
/// into the workspace; returns the scores and the number of included samples.
fn compute<'w, S: Scalar>(
    x: &Matrix<'_, S>,
    labels: &[i32],
    n_clusters: usize,
    metric: Metric,
    workspace: &'w mut [u8],
) -> Result<(&'w mut [f64], usize)> {
    let n = x.n();
    let layout = workspace_size(n, n_clusters)?;
    check_labels(labels, n, n_clusters)?;
    let mut ws = Workspace::new(workspace);
    ws.require(layout)?;
    let Scratch {
        scores,
        norms,
        compact,
        index,
        sums,
        sizes,
    } = carve(&mut ws, n, n_clusters)?;
    let (included, n_labels) = count_clusters(labels, index);
    check_number_of_labels(n_labels, included)?;
    let k = compact_clusters(index, sizes);
    compact_labels(labels, index, compact);
    let sums = sums.get_mut(..k).unwrap_or(&mut []);
    let counts = sizes.get(..k).unwrap_or(&[]);
    let labels = &*compact;
    match metric {
        Metric::Euclidean => scores_with(x, labels, counts, sums, scores, |_, a, _, b| {
            euclidean(a, b)
        })?,
        Metric::Manhattan => scores_with(x, labels, counts, sums, scores, |_, a, _, b| {
            manhattan(a, b)
        })?,
        Metric::Chebyshev => scores_with(x, labels, counts, sums, scores, |_, a, _, b| {
            chebyshev(a, b)
        })?,
        Metric::Cosine => {
            // Squared norms once per row (exact in f64); the distance below is
            // then bit-identical to `distance::cosine`. A zero included row is
            // invalid; a product of two squared norms that overflows the element
            // type would turn `1 - a.b / |a||b|` into a wrong finite value, so it
            // is `Numerical` up front.
            let mut largest = S::ZERO;
            for ((row, &l), nrm) in row_iter(x.as_slice(), x.d())
                .zip(labels)
                .zip(norms.iter_mut())
            {
                let sq = sq_norm(row);
                *nrm = sq.to_f64();
                if l != NOT_A_CLUSTER {
                    if sq == S::ZERO {
                        return Err(Error::InvalidParameter("x"));
                    }
                    largest = largest.max_of(sq);
                }
            }
            if !(largest * largest).is_finite() {
                return Err(Error::Numerical("silhouette"));
            }
            let norms = &*norms;
            let two = S::ONE + S::ONE;
            if x.d() == 1 {
                // 1-d rows are parallel or opposite: exactly 0 or 2, as scikit-learn's
                // normalize-then-dot gives (the general formula leaves rounding
                // noise of ~1e-16 there, and the silhouette of all-zero distances
                // is 0/0, so the noise would decide its sign).
                scores_with(x, labels, counts, sums, scores, |_, a, _, b| {
                    let same = a
                        .first()
                        .zip(b.first())
                        .is_some_and(|(&p, &q)| (p > S::ZERO) == (q > S::ZERO));
                    if same {
                        S::ZERO
                    } else {
                        two
                    }
                })?
            } else {
                scores_with(x, labels, counts, sums, scores, |i, a, j, b| {
                    let na = S::from_f64(norms.get(i).copied().unwrap_or(1.0));
                    let nb = S::from_f64(norms.get(j).copied().unwrap_or(1.0));
                    cosine_with_norms(a, b, na, nb)
                })?
            }
        }
    }
    Ok((scores, included))
}

/// The silhouette coefficient of every sample (scikit-learn's
/// `silhouette_samples` on the samples with a non-negative label), written to
/// `out` (`n` values; 0 for samples with a negative label, and for samples
/// alone in their cluster).
///
/// Errors: `InvalidShape("n")`/`InvalidShape("labels")`/`InvalidShape("out")`
/// on bad lengths; `InvalidParameter("n_clusters")` unless
/// `1 <= n_clusters <= 2^31`; `InvalidParameter("labels")` for a label
/// `>= n_clusters` or unless `2 <= non-empty clusters <= included samples - 1`;
/// `InvalidParameter("x")` for a zero row under the cosine metric;
/// `WorkspaceTooSmall`; `Numerical` if a distance sum overflows. On error
/// `out` is untouched.
pub fn silhouette_samples<S: Scalar>(
    x: Matrix<'_, S>,
    labels: &[i32],
    n_clusters: usize,
    metric: Metric,
    workspace: &mut [u8],
    out: &mut [S],
) -> Result<()> {
    if out.len() != x.n() {
        return Err(Error::InvalidShape("out"));
    }
    let (scores, _) = compute(&x, labels, n_clusters, metric, workspace)?;
    for (o, &s) in out.iter_mut().zip(scores.iter()) {
        *o = S::from_f64(s);
    }
    Ok(())
}

/// The mean silhouette coefficient over the samples with a non-negative label
/// (scikit-learn's `silhouette_score` on those samples; singletons count as 0).
/// Errors as [`silhouette_samples`].
pub fn silhouette_score<S: Scalar>(
    x: Matrix<'_, S>,
    labels: &[i32],
    n_clusters: usize,
    metric: Metric,
    workspace: &mut [u8],
) -> Result<f64> {
    let (scores, included) = compute(&x, labels, n_clusters, metric, workspace)?;
    let total: f64 = scores.iter().fold(0.0, |acc, &s| acc + s);
    // `included >= 3` after check_number_of_labels.
    let mean = total / (included.max(1) as f64);
    if mean.is_finite() {
        Ok(mean)
    } else {
        Err(Error::Numerical("silhouette"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    extern crate std;
    use std::vec;
    use std::vec::Vec;

    #[allow(clippy::needless_range_loop)]
    fn naive(x: &[f64], d: usize, labels: &[i32], metric: Metric) -> Vec<f64> {
        let n = labels.len();
        let row = |i: usize| &x[i * d..(i + 1) * d];
        (0..n)
            .map(|i| {
                if labels[i] < 0 {
                    return 0.0;
                }
                let mut by: std::collections::BTreeMap<i32, (f64, usize)> =
                    std::collections::BTreeMap::default();
                for j in 0..n {
                    if j != i && labels[j] >= 0 {
                        let e = by.entry(labels[j]).or_default();
                        e.0 += metric.distance(row(i), row(j));
                        e.1 += 1;
                    }
                }
                let Some(&(sa, ca)) = by.get(&labels[i]) else {
                    return 0.0;
                };
                let a = sa / ca as f64;
                let b = by
                    .iter()
                    .filter(|(l, _)| **l != labels[i])
                    .map(|(_, (s, c))| s / *c as f64)
                    .fold(f64::INFINITY, f64::min);
                if a.max(b) == 0.0 {
                    0.0
                } else {
                    (b - a) / a.max(b)
                }
            })
            .collect()
    }

    #[test]
    fn matches_the_naive_definition_for_every_metric() {
        let mut rng = crate::rng::Rng::new(3);
        let (n, d, k) = (23usize, 3usize, 4usize);
        let x: Vec<f64> = (0..n * d).map(|_| rng.next_f64() * 4.0 - 1.0).collect();
        // Cluster 3 is a singleton, cluster 2 empty, two samples are noise.
        let labels: Vec<i32> = (0..n)
            .map(|i| match i {
                0 => 3,
                1 | 2 => -1,
                _ => (i % 2) as i32,
            })
            .collect();
        for metric in Metric::ALL {
            let xm = Matrix::new(&x, n, d).unwrap();
            let mut ws = vec![0u8; workspace_size(n, k).unwrap().bytes()];
            let mut out = vec![9.0f64; n];
            silhouette_samples(xm, &labels, k, metric, &mut ws, &mut out).unwrap();
            let want = naive(&x, d, &labels, metric);
            for (g, w) in out.iter().zip(&want) {
                assert!((g - w).abs() < 1e-12, "{metric:?}: {g} vs {w}");
            }
            assert_eq!(out[0], 0.0, "singleton");
            assert_eq!((out[1], out[2]), (0.0, 0.0), "noise");
            let score = silhouette_score(xm, &labels, k, metric, &mut ws).unwrap();
            let mean = want.iter().sum::<f64>() / (n - 2) as f64;
            assert!((score - mean).abs() < 1e-12);
        }
    }

    #[test]
    fn cosine_with_cached_norms_equals_the_kernel_bit_for_bit() {
        let mut rng = crate::rng::Rng::new(8);
        let (n, d) = (17usize, 5usize);
        let x: Vec<f32> = (0..n * d).map(|_| rng.next_f32() * 2.0 - 0.5).collect();
        let labels: Vec<i32> = (0..n).map(|i| (i % 3) as i32).collect();
        let xm = Matrix::new(&x, n, d).unwrap();
        let mut ws = vec![0u8; workspace_size(n, 3).unwrap().bytes()];
        let mut out = vec![0.0f32; n];
        silhouette_samples(xm, &labels, 3, Metric::Cosine, &mut ws, &mut out).unwrap();
        // Reference with the kernel, same summation order.
        let cnt = [6.0, 6.0, 5.0];
        for i in 0..n {
            let mut sums = [0.0f64; 3];
            for j in (0..n).filter(|&j| j != i) {
                sums[labels[j] as usize] += crate::distance::cosine(xm.row(i), xm.row(j)).to_f64();
            }
            let own = labels[i] as usize;
            let a = sums[own] / (cnt[own] - 1.0);
            let b = (0..3)
                .filter(|&c| c != own)
                .map(|c| sums[c] / cnt[c])
                .fold(f64::INFINITY, f64::min);
            let want = (b - a) / a.max(b);
            assert_eq!(out[i].to_bits(), (want as f32).to_bits(), "sample {i}");
        }
    }

    #[test]
    fn cosine_of_parallel_rows_is_exactly_zero_as_in_scikit_learn() {
        // 1-d rows of one sign are parallel: every distance is exactly 0 (2 across
        // signs), so every silhouette is exactly 0 here (a = b = 0), as scikit-learn's.
        let x = [0.3f64, 0.7, 1.9, 2.3, -1.1, 0.1, 5.5];
        let xm = Matrix::new(&x, 7, 1).unwrap();
        let labels = [0, 0, 1, 1, 2, 0, 1];
        let mut ws = vec![0u8; workspace_size(7, 3).unwrap().bytes()];
        let mut out = vec![9.0f64; 7];
        silhouette_samples(xm, &labels, 3, Metric::Cosine, &mut ws, &mut out).unwrap();
        assert_eq!(out, vec![0.0; 7]);
        // Opposite signs are at distance exactly 2.
        let x = [0.3f64, 0.7, -1.9, -2.3];
        let xm = Matrix::new(&x, 4, 1).unwrap();
        let mut out = vec![9.0f64; 4];
        silhouette_samples(xm, &[0, 0, 1, 1], 2, Metric::Cosine, &mut ws, &mut out).unwrap();
        assert_eq!(out, vec![1.0; 4]);
    }

    #[test]
    fn rejects_invalid_label_sets() {
        let x = [0.0f32, 1.0, 2.0, 3.0];
        let xm = Matrix::new(&x, 4, 1).unwrap();
        let mut ws = [0u8; 256];
        let e = Err(Error::InvalidParameter("labels"));
        assert_eq!(
            silhouette_score(xm, &[0, 0, 0, 0], 2, Metric::Euclidean, &mut ws),
            e
        );
        assert_eq!(
            silhouette_score(xm, &[0, 1, 2, 3], 4, Metric::Euclidean, &mut ws),
            e
        );
        assert_eq!(
            silhouette_score(xm, &[0, 1, 2, -1], 3, Metric::Euclidean, &mut ws),
            e
        );
        assert_eq!(
            silhouette_score(xm, &[0, 1, 5, 0], 3, Metric::Euclidean, &mut ws),
            e
        );
        assert_eq!(
            silhouette_score(xm, &[0, 1, 1, 0], 0, Metric::Euclidean, &mut ws),
            Err(Error::InvalidParameter("n_clusters"))
        );
        assert!(silhouette_score(xm, &[0, 1, 1, 0], 2, Metric::Euclidean, &mut ws).is_ok());
        assert_eq!(
            silhouette_score(xm, &[0, 1, 1, 0], 2, Metric::Cosine, &mut ws),
            Err(Error::InvalidParameter("x")),
            "x[0] is a zero vector"
        );
        let mut out = [5.0f32; 4];
        assert!(matches!(
            silhouette_samples(
                xm,
                &[0, 1, 1, 0],
                2,
                Metric::Euclidean,
                &mut ws[..8],
                &mut out
            ),
            Err(Error::WorkspaceTooSmall { .. })
        ));
        assert_eq!(out, [5.0; 4]);
    }

    #[test]
    fn cosine_norm_overflow_is_numerical() {
        // Nearly parallel rows whose squared norms multiply past f32::MAX.
        let x = [3e10f32, 1.0, 3e10, 2.0, 1.0, 3e10, 2.0, 3e10];
        let xm = Matrix::new(&x, 4, 2).unwrap();
        let mut ws = [0u8; 256];
        assert_eq!(
            silhouette_score(xm, &[0, 0, 1, 1], 2, Metric::Cosine, &mut ws),
            Err(Error::Numerical("silhouette"))
        );
        let x64: [f64; 8] = core::array::from_fn(|i| x[i] as f64);
        let xm = Matrix::new(&x64, 4, 2).unwrap();
        let s = silhouette_score(xm, &[0, 0, 1, 1], 2, Metric::Cosine, &mut ws).unwrap();
        assert!(s > 0.99, "{s}");
    }

    #[test]
    fn overflow_is_numerical() {
        let x = [f32::MAX, -f32::MAX, f32::MAX, 0.0];
        let xm = Matrix::new(&x, 4, 1).unwrap();
        let mut ws = [0u8; 256];
        assert_eq!(
            silhouette_score(xm, &[0, 1, 0, 1], 2, Metric::Euclidean, &mut ws),
            Err(Error::Numerical("silhouette"))
        );
    }
}
