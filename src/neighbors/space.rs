//! The search space of the neighbour indexes and the one exact neighbour test.
//!
//! Every index stores its points in a *search space*: the rows themselves for
//! Euclidean, Manhattan and Chebyshev, and the rows scaled to unit length for
//! cosine (for which `1 - cos(a, b) = |u - v|^2 / 2`, so the Euclidean bounds of
//! the grid and the kd-tree apply). Whatever the index, a candidate is accepted
//! by the same exact test, [`Space::within`], on the same stored values, so the
//! index never changes the result. Coarse filters (grid cells, kd-tree boxes)
//! only ever discard candidates with a margin that covers rounding.
//!
//! Distances are compared as *keys*: the squared distance for Euclidean (with a
//! threshold `T = max{s : sqrt(s) <= eps}`, so `key <= T` iff `sqrt(key) <= eps`
//! exactly), the distance itself otherwise.

use crate::distance::{chebyshev, manhattan, sq_euclidean, sq_norm, unit_cosine, Metric};
use crate::error::{Error, Result};
use crate::scalar::Scalar;

/// The metric in the search space, the key threshold for `eps` and the rounding margins.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Space<S> {
    pub(crate) metric: Metric,
    /// `key <= thr` iff `distance <= eps` (in the element type).
    pub(crate) thr: S,
    /// Relative margin of the coarse filters.
    slack: S,
    /// Absolute margin of the cosine/Euclidean relation for unit vectors.
    abs: S,
    /// A tiny absolute margin against underflow in the coarse filters.
    tiny: S,
}

/// The largest `s` with `sqrt(s) <= eps` (`eps > 0` finite): the Euclidean key threshold.
fn sq_threshold<S: Scalar>(eps: S) -> S {
    let mut t = eps * eps;
    if !t.is_finite() {
        t = S::MAX;
    }
    // sqrt is correctly rounded, so eps^2 is within an ulp or two of the answer.
    let mut guard = 0;
    while t > S::ZERO && t.sqrt() > eps && guard < 16 {
        t = t.next_down();
        guard += 1;
    }
    guard = 0;
    loop {
        let u = t.next_up();
        if guard >= 16 || !u.is_finite() || u.sqrt() > eps {
            break;
        }
        t = u;
        guard += 1;
    }
    t
}

/// `eps` in the element type: rounded, and kept finite and positive.
pub(crate) fn eps_in<S: Scalar>(eps: f64) -> S {
    let e = S::from_f64(eps);
    if !e.is_finite() {
        S::MAX
    } else if e > S::ZERO {
        e
    } else {
        // A positive f64 eps below the smallest f32 subnormal.
        S::from_f64(1e-45).max_of(S::EPSILON * S::EPSILON * S::EPSILON * S::EPSILON)
    }
}

impl<S: Scalar> Space<S> {
    /// The space of `metric` for rows of `d` features and radius `eps` (> 0, finite).
    pub(crate) fn new(metric: Metric, d: usize, eps: f64) -> Self {
        let e = eps_in::<S>(eps);
        let thr = match metric {
            Metric::Euclidean => sq_threshold(e),
            _ => e,
        };
        let dd = S::from_usize(d.saturating_add(8));
        let four = S::from_f64(4.0);
        Space {
            metric,
            thr,
            slack: S::from_f64(1e-6) + four * dd * S::EPSILON,
            abs: S::from_f64(8.0) * dd * S::EPSILON,
            tiny: S::TINY,
        }
    }

    /// The comparable key of the distance between two search-space rows.
    #[inline(always)]
    pub(crate) fn key(&self, a: &[S], b: &[S]) -> S {
        match self.metric {
            Metric::Euclidean => sq_euclidean(a, b),
            Metric::Manhattan => manhattan(a, b),
            Metric::Chebyshev => chebyshev(a, b),
            Metric::Cosine => unit_cosine(a, b),
        }
    }

    /// The exact neighbour test: `distance(a, b) <= eps` (the indexes inline it).
    #[cfg(test)]
    #[inline(always)]
    pub(crate) fn within(&self, a: &[S], b: &[S]) -> bool {
        self.key(a, b) <= self.thr
    }

    /// The distance of a key.
    #[inline]
    pub(crate) fn distance(&self, key: S) -> S {
        match self.metric {
            Metric::Euclidean => key.sqrt(),
            _ => key,
        }
    }

    /// Writes the search-space image of `row` into `out` (same length): a copy,
    /// or for cosine the row scaled to unit length (zero rows stay zero).
    #[inline]
    pub(crate) fn embed(&self, row: &[S], out: &mut [S]) {
        match self.metric {
            Metric::Cosine => {
                let s = row.iter().fold(S::ZERO, |m, &v| m.max_of(v.abs()));
                for (o, &v) in out.iter_mut().zip(row) {
                    *o = if s > S::ZERO { v / s } else { S::ZERO };
                }
                let norm = sq_norm(out).sqrt();
                if norm > S::ZERO {
                    for o in out.iter_mut() {
                        *o /= norm;
                    }
                }
            }
            _ => {
                for (o, &v) in out.iter_mut().zip(row) {
                    *o = v;
                }
            }
        }
    }

    /// A lower bound, in *box units* (squared Euclidean for Euclidean and
    /// cosine, the metric itself otherwise), of the distance from `q` to any
    /// point of the box `[lo, hi]`.
    #[inline]
    pub(crate) fn box_lb(&self, q: &[S], lo: &[S], hi: &[S]) -> S {
        let gaps = q.iter().zip(lo.iter().zip(hi)).map(|(&x, (&l, &h))| {
            let g = (l - x).max_of(x - h);
            g.max_of(S::ZERO)
        });
        match self.metric {
            Metric::Euclidean | Metric::Cosine => gaps.fold(S::ZERO, |s, g| s + g * g),
            Metric::Manhattan => gaps.fold(S::ZERO, |s, g| s + g),
            Metric::Chebyshev => gaps.fold(S::ZERO, |m, g| m.max_of(g)),
        }
    }

    /// An upper bound, in box units, of the distance from `q` to any point of
    /// the box `[lo, hi]` (used only to stop descending: never for a result).
    #[inline]
    pub(crate) fn box_ub(&self, q: &[S], lo: &[S], hi: &[S]) -> S {
        let gaps = q
            .iter()
            .zip(lo.iter().zip(hi))
            .map(|(&x, (&l, &h))| (x - l).abs().max_of((h - x).abs()));
        match self.metric {
            Metric::Euclidean | Metric::Cosine => gaps.fold(S::ZERO, |s, g| s + g * g),
            Metric::Manhattan => gaps.fold(S::ZERO, |s, g| s + g),
            Metric::Chebyshev => gaps.fold(S::ZERO, |m, g| m.max_of(g)),
        }
    }

    /// The box-unit limit above which a box cannot hold a point whose key is
    /// `<= key` (with margins for rounding).
    #[inline]
    pub(crate) fn box_limit(&self, key: S) -> S {
        let f = S::ONE + S::from_f64(4.0) * self.slack;
        match self.metric {
            Metric::Cosine => (S::ONE + S::ONE) * (key + self.abs) * f + self.tiny,
            _ => key * f + self.tiny,
        }
    }

    /// A per-coordinate bound (search-space units, in f64) on `|a_j - b_j|` for
    /// any neighbours `a`, `b`: the grid's minimum cell width.
    pub(crate) fn coord_radius(&self) -> f64 {
        let f = 1.0 + 4.0 * self.slack.to_f64();
        let tiny = self.tiny.to_f64();
        match self.metric {
            Metric::Euclidean => Scalar::sqrt(self.thr.to_f64()) * f + tiny,
            Metric::Cosine => {
                Scalar::sqrt(2.0 * (self.thr.to_f64() + self.abs.to_f64())) * f + tiny
            }
            _ => self.thr.to_f64() * f + tiny,
        }
    }

    /// `true` if eps is so large (in key units, at least `MAX / 1000` of the
    /// element type) that a pair whose distance overflows could be a neighbour.
    pub(crate) fn eps_is_huge(&self) -> bool {
        self.metric != Metric::Cosine && self.thr.to_f64() >= S::MAX.to_f64() * 1e-3
    }

    /// `Numerical("x")` if some pair of points inside the box with per-feature
    /// extents `ranges` could have a distance whose computation overflows the
    /// element type. With `only_if_eps_huge`, only when `eps` is so large that
    /// such a pair could be a neighbour (otherwise an overflow to infinity is
    /// correctly "farther than eps").
    pub(crate) fn check_overflow(
        &self,
        ranges: impl Iterator<Item = f64>,
        only_if_eps_huge: bool,
    ) -> Result<()> {
        if self.metric == Metric::Cosine {
            return Ok(()); // unit vectors
        }
        let max = S::MAX.to_f64();
        if only_if_eps_huge && !self.eps_is_huge() {
            return Ok(());
        }
        let bound = match self.metric {
            Metric::Euclidean => ranges.fold(0.0, |s, r| s + r * r),
            Metric::Manhattan => ranges.fold(0.0, |s, r| s + r),
            _ => ranges.fold(0.0, |m: f64, r| m.max(r)),
        };
        if bound.is_finite() && bound <= max * 0.25 {
            Ok(())
        } else {
            Err(Error::Numerical("x"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euclidean_threshold_is_exact_for_sqrt() {
        let mut rng = crate::rng::Rng::new(3);
        for _ in 0..2000 {
            let eps = rng.next_f64() * 10.0 + 1e-3;
            let t = sq_threshold(eps);
            assert!(t.sqrt() <= eps, "{eps}");
            assert!(Scalar::next_up(t).sqrt() > eps, "{eps}");
            let e32 = eps as f32;
            let t32 = sq_threshold(e32);
            assert!(t32.sqrt() <= e32 && Scalar::next_up(t32).sqrt() > e32);
        }
        assert_eq!(sq_threshold(f64::MAX), f64::MAX);
        assert_eq!(Scalar::next_up(1.0f32), 1.0 + f32::EPSILON);
        assert_eq!(Scalar::next_down(1.0f64), 1.0 - f64::EPSILON / 2.0);
    }

    #[test]
    fn cosine_embedding_is_unit_length_and_keys_are_cosine_distances() {
        let s = Space::<f64>::new(Metric::Cosine, 3, 0.1);
        let (a, b) = ([3.0, 4.0, 0.0], [1e300, 0.0, 1e300]);
        let (mut u, mut v) = ([0.0; 3], [0.0; 3]);
        s.embed(&a, &mut u);
        s.embed(&b, &mut v);
        assert!((sq_norm(&u) - 1.0).abs() < 1e-15 && (sq_norm(&v) - 1.0).abs() < 1e-15);
        let want = crate::distance::cosine(&a, &[1.0, 0.0, 1.0]);
        assert!((s.key(&u, &v) - want).abs() < 1e-15);
    }

    #[test]
    fn box_bounds_never_exceed_the_key_of_a_point_inside() {
        let mut rng = crate::rng::Rng::new(9);
        for metric in Metric::ALL {
            let s = Space::<f32>::new(metric, 5, 0.3);
            for _ in 0..500 {
                let p: [f32; 5] = core::array::from_fn(|_| rng.next_f32() * 2.0 - 1.0);
                let q: [f32; 5] = core::array::from_fn(|_| rng.next_f32() * 2.0 - 1.0);
                let (mut pe, mut qe) = ([0.0; 5], [0.0; 5]);
                s.embed(&p, &mut pe);
                s.embed(&q, &mut qe);
                let lb = s.box_lb(&qe, &pe, &pe);
                assert!(lb <= s.box_limit(s.key(&qe, &pe)), "{metric:?}");
                for j in 0..5 {
                    assert!(
                        ((pe[j] - qe[j]).abs() as f64) <= s.coord_radius() || !s.within(&pe, &qe)
                    );
                }
            }
        }
    }

    #[test]
    fn overflow_is_reported_only_when_it_matters() {
        let s = Space::<f32>::new(Metric::Euclidean, 2, 1.0);
        assert_eq!(s.check_overflow([1e30, 1e30].into_iter(), true), Ok(()));
        assert_eq!(
            s.check_overflow([1e30, 1e30].into_iter(), false),
            Err(Error::Numerical("x"))
        );
        let huge = Space::<f32>::new(Metric::Manhattan, 2, 1e300);
        assert_eq!(
            huge.check_overflow([3e38, 3e38].into_iter(), true),
            Err(Error::Numerical("x"))
        );
        assert_eq!(huge.check_overflow([1.0, 2.0].into_iter(), true), Ok(()));
    }
}
