//! Initial centers: greedy k-means++ and random (both weighted, as in
//! scikit-learn 1.7), written into `centers` (`k * d`) in mean-centred
//! coordinates (`row - mean`, the values the iterations use).
//!
//! The random stream is nanoclust's own ([`Rng`]), so the chosen samples
//! differ from scikit-learn's for the same seed; the distributions are the same.

use super::draw;
use super::lloyd::{blocked_sum, NB};
use crate::distance::sq_euclidean;
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::rng::Rng;
use crate::scalar::Scalar;

/// Weight of sample `i` (1 without weights).
#[inline(always)]
pub(crate) fn weight<S: Scalar>(w: Option<&[S]>, i: usize) -> S {
    w.and_then(|w| w.get(i).copied()).unwrap_or(S::ONE)
}

/// Writes `row - mean` into center `j`.
fn set_center<S: Scalar>(centers: &mut [S], j: usize, row: &[S], mean: &[S]) {
    let d = row.len();
    if let Some(c) = centers.get_mut(j * d..j * d + d) {
        for ((c, &v), &m) in c.iter_mut().zip(row).zip(mean) {
            *c = v - m;
        }
    }
}

/// The first index whose cumulative `w_i * dist_i` reaches `target`
/// (`numpy.searchsorted(cumsum, target, side="left")`, clipped to `n - 1`),
/// summing block by block ([`NB`]).
fn search<S: Scalar>(dist: &[S], w: Option<&[S]>, target: S) -> usize {
    let n = dist.len();
    let mut running = S::ZERO;
    for (b, block) in dist.chunks(NB).enumerate() {
        let base = b * NB;
        let bsum = blocked_sum(
            block
                .iter()
                .enumerate()
                .map(|(t, &v)| v * weight(w, base + t)),
        );
        if running + bsum >= target {
            let mut cum = running;
            for (t, &v) in block.iter().enumerate() {
                cum += v * weight(w, base + t);
                if cum >= target {
                    return base + t;
                }
            }
        }
        running += bsum;
    }
    n.saturating_sub(1)
}

/// `out_i = min(from_i, ||x_i - c||^2)`, `from` defaulting to `out` itself
/// (one out-of-line loop shared by the three passes of k-means++).
#[inline(never)]
fn lower<S: Scalar>(x: Matrix<'_, S>, c: &[S], out: &mut [S], from: Option<&[S]>) {
    crate::simd::with_simd(
        #[inline(always)]
        || {
            for (i, o) in out.iter_mut().enumerate() {
                let prev = match from {
                    Some(f) => f.get(i).copied().unwrap_or(*o),
                    None => *o,
                };
                *o = prev.min_of(sq_euclidean(x.row(i), c));
            }
        },
    );
}

/// Greedy k-means++ (scikit-learn's `_kmeans_plusplus`): the first center is
/// drawn in proportion to the weight; each further one is the candidate, out of
/// `2 + floor(ln k)` drawn in proportion to `w * D^2`, that minimises the
/// potential `sum w * min(D^2, d(x, candidate)^2)` (first one on ties).
/// `closest` and `trial` are `n` scratch values.
#[allow(clippy::too_many_arguments)]
pub(crate) fn kmeans_plusplus<S: Scalar>(
    x: Matrix<'_, S>,
    w: Option<&[S]>,
    mean: &[S],
    k: usize,
    rng: &mut Rng,
    closest: &mut [S],
    trial: &mut [S],
    centers: &mut [S],
) -> Result<()> {
    let n = x.n();
    let first = match w {
        Some(w) => draw::weighted_index(rng, w).ok_or(Error::InvalidParameter("sample_weight"))?,
        None => draw::index(rng, n),
    };
    let c0 = x.row(first);
    set_center(centers, 0, c0, mean);
    // min(inf, D) = D for the finite distances (the range check bounds them).
    closest.fill(S::INFINITY);
    lower(x, c0, closest, None);
    let potential = |v: &[S]| blocked_sum(v.iter().enumerate().map(|(i, &c)| c * weight(w, i)));
    let mut pot = potential(closest);
    // 2 + int(np.log(k)), in integers.
    let n_trials = draw::n_trials(k);
    for c in 1..k {
        if !pot.is_finite() {
            return Err(Error::Numerical("k-means++ potential"));
        }
        let mut best: Option<(S, usize)> = None;
        for _ in 0..n_trials {
            let target = draw::uniform_times(rng, pot);
            let cand = search(closest, w, target);
            lower(x, x.row(cand), trial, Some(closest));
            let tp = potential(trial);
            if best.is_none_or(|(bp, _)| tp < bp) {
                best = Some((tp, cand));
            }
        }
        let (bp, bi) = best.unwrap_or((pot, 0));
        let brow = x.row(bi);
        lower(x, brow, closest, None);
        pot = bp;
        set_center(centers, c, brow, mean);
    }
    Ok(())
}

/// `k` distinct samples drawn one by one without replacement, in proportion to
/// the weight (scikit-learn's `choice(n, k, replace=False, p=w / w.sum())`).
/// `InvalidParameter("sample_weight")` when fewer than `k` weights are positive.
/// `avail` is `n` scratch values.
pub(crate) fn random<S: Scalar>(
    x: Matrix<'_, S>,
    w: Option<&[S]>,
    mean: &[S],
    k: usize,
    rng: &mut Rng,
    avail: &mut [S],
    centers: &mut [S],
) -> Result<()> {
    for (i, a) in avail.iter_mut().enumerate() {
        *a = weight(w, i);
    }
    for c in 0..k {
        let i = draw::weighted_index(rng, avail).ok_or(Error::InvalidParameter("sample_weight"))?;
        if let Some(a) = avail.get_mut(i) {
            *a = S::ZERO;
        }
        set_center(centers, c, x.row(i), mean);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_follows_numpy_searchsorted_left() {
        let dist = [0.0f64, 1.0, 0.0, 2.0];
        assert_eq!(search(&dist, None, 0.0), 0);
        assert_eq!(search(&dist, None, 0.5), 1);
        assert_eq!(search(&dist, None, 1.0), 1);
        assert_eq!(search(&dist, None, 1.5), 3);
        assert_eq!(search(&dist, None, 9.0), 3, "clipped");
        let w = [1.0, 0.0, 1.0, 1.0];
        assert_eq!(search(&dist, Some(&w[..]), 0.5), 3);
        let long: std::vec::Vec<f64> = (0..1000).map(|i| (i % 3) as f64).collect();
        let cum: std::vec::Vec<f64> = long
            .iter()
            .scan(0.0, |s, v| {
                *s += v;
                Some(*s)
            })
            .collect();
        for t in [0.5, 300.0, 600.5, 998.0] {
            let want = cum.iter().position(|&c| c >= t).unwrap();
            assert_eq!(search(&long, None, t), want, "target {t}");
        }
    }

    #[test]
    fn random_init_picks_distinct_positive_weight_samples() {
        let x: std::vec::Vec<f64> = (0..20).map(|i| i as f64).collect();
        let xm = Matrix::new(&x, 10, 2).unwrap();
        let w: std::vec::Vec<f64> = (0..10)
            .map(|i| if i % 2 == 0 { 1.0 } else { 0.0 })
            .collect();
        let mut avail = [0.0; 10];
        let mut centers = [0.0; 10];
        random(
            xm,
            Some(&w),
            &[0.0, 0.0],
            5,
            &mut Rng::new(1),
            &mut avail,
            &mut centers,
        )
        .unwrap();
        let mut rows: std::vec::Vec<i64> = centers.chunks(2).map(|c| c[0] as i64 / 2).collect();
        rows.sort();
        assert_eq!(rows, [0, 2, 4, 6, 8]);
        let err = random(
            xm,
            Some(&w),
            &[0.0, 0.0],
            6,
            &mut Rng::new(1),
            &mut avail,
            &mut [0.0; 12],
        );
        assert_eq!(err, Err(Error::InvalidParameter("sample_weight")));
    }

    #[test]
    fn plusplus_never_picks_a_zero_weight_sample_or_a_duplicate() {
        let mut rng = Rng::new(3);
        let x: std::vec::Vec<f64> = (0..200).map(|_| rng.next_f64()).collect();
        let xm = Matrix::new(&x, 100, 2).unwrap();
        let w: std::vec::Vec<f64> = (0..100).map(|i| if i < 50 { 0.0 } else { 1.0 }).collect();
        let (mut a, mut b) = ([0.0; 100], [0.0; 100]);
        let mut centers = [0.0; 16];
        kmeans_plusplus(
            xm,
            Some(&w),
            &[0.0, 0.0],
            8,
            &mut Rng::new(5),
            &mut a,
            &mut b,
            &mut centers,
        )
        .unwrap();
        for (j, c) in centers.chunks(2).enumerate() {
            let i = x.chunks(2).position(|r| r == c).unwrap();
            assert!(i >= 50, "center {j} is zero-weight sample {i}");
            assert_eq!(centers.chunks(2).filter(|o| *o == c).count(), 1);
        }
    }
}
