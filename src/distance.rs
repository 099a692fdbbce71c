//! [`Metric`] and the distance kernels every algorithm family shares.
//!
//! Kernels are generic over the scalar and sum in four interleaved lanes
//! (`i mod 4`), combined as `(l0 + l1) + (l2 + l3)` and then the tail: a fixed
//! order the compiler can vectorise, so results are reproducible bit for bit on
//! one build. Inputs are assumed finite and of equal length (callers validate);
//! on unequal lengths the kernels use the common prefix rather than panic.

use crate::error::{Error, Result};
use crate::scalar::Scalar;

/// A distance between two samples. The `u32` values are the C constants
/// `NANOCLUST_METRIC_*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Metric {
    /// `sqrt(sum (a_i - b_i)^2)`.
    #[default]
    Euclidean = 0,
    /// `sum |a_i - b_i|`.
    Manhattan = 1,
    /// `max |a_i - b_i|`.
    Chebyshev = 2,
    /// `1 - a.b / (|a| |b|)`, clipped to `[0, 2]` as scipy and scikit-learn do;
    /// a zero vector is an invalid input.
    Cosine = 3,
}

impl Metric {
    /// Every metric, in C constant order.
    pub const ALL: [Metric; 4] = [
        Metric::Euclidean,
        Metric::Manhattan,
        Metric::Chebyshev,
        Metric::Cosine,
    ];

    /// The metric of a C constant; unknown values are `InvalidParameter("metric")`.
    pub fn from_u32(v: u32) -> Result<Self> {
        match v {
            0 => Ok(Metric::Euclidean),
            1 => Ok(Metric::Manhattan),
            2 => Ok(Metric::Chebyshev),
            3 => Ok(Metric::Cosine),
            _ => Err(Error::InvalidParameter("metric")),
        }
    }

    /// The distance between `a` and `b` under this metric.
    #[inline]
    pub fn distance<S: Scalar>(self, a: &[S], b: &[S]) -> S {
        match self {
            Metric::Euclidean => euclidean(a, b),
            Metric::Manhattan => manhattan(a, b),
            Metric::Chebyshev => chebyshev(a, b),
            Metric::Cosine => cosine(a, b),
        }
    }
}

/// Sums `f(a_i, b_i)` in four lanes, in the module's fixed order.
#[inline(always)]
fn lane_sum<S: Scalar>(a: &[S], b: &[S], f: impl Fn(S, S) -> S) -> S {
    let n = a.len().min(b.len());
    let (a, b) = (a.get(..n).unwrap_or(&[]), b.get(..n).unwrap_or(&[]));
    let mut acc = [S::ZERO; 4];
    // Fixed-size chunks peeled off the front: no division anywhere, unlike
    // `chunks_exact(4).zip(..)`, whose `Zip::new` divides by the chunk size and,
    // when LLVM outlines it (seen in silhouette on thumbv7em), keeps a
    // division-by-zero panic path in the firmware image.
    let (mut ar, mut br) = (a, b);
    while let (Some((x, at)), Some((y, bt))) =
        (ar.split_first_chunk::<4>(), br.split_first_chunk::<4>())
    {
        for ((l, &xi), &yi) in acc.iter_mut().zip(x).zip(y) {
            *l += f(xi, yi);
        }
        (ar, br) = (at, bt);
    }
    let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for (&xi, &yi) in ar.iter().zip(br) {
        s += f(xi, yi);
    }
    s
}

/// Squared Euclidean distance `sum (a_i - b_i)^2`.
#[inline]
pub fn sq_euclidean<S: Scalar>(a: &[S], b: &[S]) -> S {
    lane_sum(a, b, |x, y| {
        let t = x - y;
        t * t
    })
}

/// Euclidean distance.
#[inline]
pub fn euclidean<S: Scalar>(a: &[S], b: &[S]) -> S {
    sq_euclidean(a, b).sqrt()
}

/// Manhattan (city block, L1) distance.
#[inline]
pub fn manhattan<S: Scalar>(a: &[S], b: &[S]) -> S {
    lane_sum(a, b, |x, y| (x - y).abs())
}

/// Chebyshev (L-infinity) distance.
#[inline]
pub fn chebyshev<S: Scalar>(a: &[S], b: &[S]) -> S {
    a.iter()
        .zip(b)
        .fold(S::ZERO, |m, (&x, &y)| m.max_of((x - y).abs()))
}

/// Dot product `sum a_i b_i`.
#[inline]
pub fn dot<S: Scalar>(a: &[S], b: &[S]) -> S {
    lane_sum(a, b, |x, y| x * y)
}

/// Squared norm `sum a_i^2`.
#[inline]
pub fn sq_norm<S: Scalar>(a: &[S]) -> S {
    dot(a, a)
}

/// Cosine distance `1 - a.b / sqrt(|a|^2 |b|^2)`, clipped to `[0, 2]` (scipy's
/// formula), and exactly 0 when `a == b` (see [`cosine_with_norms`]). A zero
/// vector gives NaN; callers reject zero rows up front with
/// [`check_cosine_rows`].
#[inline]
pub fn cosine<S: Scalar>(a: &[S], b: &[S]) -> S {
    cosine_with_norms(a, b, sq_norm(a), sq_norm(b))
}

/// [`cosine`] from precomputed squared norms `aa = |a|^2`, `bb = |b|^2`.
///
/// A sample's distance to itself, and to an exact duplicate, is exactly 0: the
/// formula alone leaves rounding noise there (`1 - cos(x, x)` is about 2e-16
/// for `x = [1, 1]`), which would put a sample outside its own
/// eps-neighbourhood for a tiny eps. (scikit-learn zeroes only the diagonal of
/// a pairwise matrix; nanoclust zeroes every exact duplicate.)
///
/// When `|a|^2 |b|^2` overflows or leaves the normal range (values near the
/// type's maximum, or tiny ones), the formula is evaluated on `a / max|a|` and
/// `b / max|b|` instead: the cosine does not depend on the scale, and an
/// overflow would otherwise give a wrong finite value (`1 - x / inf = 1`).
#[inline]
pub fn cosine_with_norms<S: Scalar>(a: &[S], b: &[S], aa: S, bb: S) -> S {
    if a == b {
        return S::ZERO;
    }
    let tiny = S::from_f64(4.0) / S::MAX; // about the smallest normal value
    let p = aa * bb;
    let d = if aa >= tiny && bb >= tiny && p >= tiny && p.is_finite() {
        S::ONE - dot(a, b) / p.sqrt()
    } else {
        scaled_cosine(a, b)
    };
    d.max_of(S::ZERO).min_of(S::ONE + S::ONE)
}

/// `1 - cos(a, b)` on the rows scaled by their largest magnitudes (out of line:
/// only reached near the ends of the floating-point range).
#[inline(never)]
fn scaled_cosine<S: Scalar>(a: &[S], b: &[S]) -> S {
    let sa = a.iter().fold(S::ZERO, |m, &v| m.max_of(v.abs()));
    let sb = b.iter().fold(S::ZERO, |m, &v| m.max_of(v.abs()));
    let (mut ab, mut a2, mut b2) = (S::ZERO, S::ZERO, S::ZERO);
    for (&x, &y) in a.iter().zip(b) {
        let (x, y) = (x / sa, y / sb);
        ab += x * y;
        a2 += x * x;
        b2 += y * y;
    }
    S::ONE - ab / (a2 * b2).sqrt()
}

/// The cosine distance `1 - u.v` of two unit vectors, clipped to `[0, 2]`, and
/// exactly 0 when `u == v` (as [`cosine_with_norms`]).
#[inline]
pub fn unit_cosine<S: Scalar>(u: &[S], v: &[S]) -> S {
    if u == v {
        return S::ZERO;
    }
    (S::ONE - dot(u, v)).max_of(S::ZERO).min_of(S::ONE + S::ONE)
}

/// `InvalidParameter(name)` if some row of `x` (rows of length `d`) is a zero
/// vector, for which the cosine distance is undefined.
pub fn check_cosine_rows<S: Scalar>(x: &[S], d: usize, name: &'static str) -> Result<()> {
    if x.chunks_exact(d.max(1)).any(|row| sq_norm(row) == S::ZERO) {
        Err(Error::InvalidParameter(name))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_is_scale_free_near_the_ends_of_the_range() {
        // |a|^2 |b|^2 overflows (was 1.0) or underflows (was NaN).
        let want = cosine(&[1.0f64, -4.0], &[1.0, 0.0]);
        assert_eq!(cosine(&[1e300f64, -4e300], &[1e300, 0.0]), want);
        assert_eq!(cosine(&[1e-300f64, -4e-300], &[1e-300, 0.0]), want);
        let w32 = cosine(&[1.0f32, -4.0], &[1.0, 0.0]);
        assert_eq!(cosine(&[1e30f32, -4e30], &[1e30, 0.0]), w32);
        let d = cosine(&[-1.0f64, -1.0], &[f64::MAX, -4.0]);
        assert!((d - (1.0 + 1.0 / 2.0f64.sqrt())).abs() < 1e-15, "{d}");
    }

    fn naive(metric: Metric, a: &[f64], b: &[f64]) -> f64 {
        let diffs = a.iter().zip(b).map(|(x, y)| (x - y).abs());
        match metric {
            Metric::Euclidean => diffs.map(|t| t * t).sum::<f64>().sqrt(),
            Metric::Manhattan => diffs.sum(),
            Metric::Chebyshev => diffs.fold(0.0, f64::max),
            Metric::Cosine => {
                let ab: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
                let aa: f64 = a.iter().map(|x| x * x).sum();
                let bb: f64 = b.iter().map(|x| x * x).sum();
                (1.0 - ab / (aa * bb).sqrt()).clamp(0.0, 2.0)
            }
        }
    }

    #[test]
    fn kernels_match_naive_formulas_for_every_length() {
        let mut rng = crate::rng::Rng::new(5);
        for len in 1..=19 {
            let a: [f64; 19] = core::array::from_fn(|_| rng.next_f64() * 4.0 - 2.0);
            let b: [f64; 19] = core::array::from_fn(|_| rng.next_f64() * 4.0 - 2.0);
            let (a, b) = (&a[..len], &b[..len]);
            for m in Metric::ALL {
                let got = m.distance(a, b);
                let want = naive(m, a, b);
                assert!(
                    (got - want).abs() <= 1e-12 * (1.0 + want),
                    "{m:?} len {len}: {got} vs {want}"
                );
                let af: [f32; 19] =
                    core::array::from_fn(|i| a.get(i).copied().unwrap_or(0.0) as f32);
                let bf: [f32; 19] =
                    core::array::from_fn(|i| b.get(i).copied().unwrap_or(0.0) as f32);
                let gotf = m.distance(&af[..len], &bf[..len]) as f64;
                assert!(
                    (gotf - want).abs() <= 1e-5 * (1.0 + want),
                    "{m:?} f32 len {len}: {gotf} vs {want}"
                );
            }
            assert!((sq_euclidean(a, b) - naive(Metric::Euclidean, a, b).powi(2)).abs() < 1e-12);
        }
    }

    #[test]
    fn lane_order_is_unchanged_bit_for_bit() {
        // The documented order: lanes i mod 4 over whole chunks, (l0 + l1) + (l2 + l3), then the tail.
        let mut rng = crate::rng::Rng::new(17);
        for len in 0..=23 {
            let a: std::vec::Vec<f32> = (0..len).map(|_| rng.next_f32() * 8.0 - 4.0).collect();
            let b: std::vec::Vec<f32> = (0..len).map(|_| rng.next_f32() * 8.0 - 4.0).collect();
            let mut acc = [0.0f32; 4];
            for (x, y) in a.chunks_exact(4).zip(b.chunks_exact(4)) {
                for l in 0..4 {
                    acc[l] += (x[l] - y[l]) * (x[l] - y[l]);
                }
            }
            let mut want = (acc[0] + acc[1]) + (acc[2] + acc[3]);
            for i in (len / 4) * 4..len {
                want += (a[i] - b[i]) * (a[i] - b[i]);
            }
            assert_eq!(sq_euclidean(&a, &b).to_bits(), want.to_bits(), "len {len}");
        }
    }

    #[test]
    fn known_values() {
        let a = [0.0f64, 3.0];
        let b = [4.0f64, 0.0];
        assert_eq!(sq_euclidean(&a, &b), 25.0);
        assert_eq!(euclidean(&a, &b), 5.0);
        assert_eq!(manhattan(&a, &b), 7.0);
        assert_eq!(chebyshev(&a, &b), 4.0);
        assert_eq!(cosine(&a, &b), 1.0);
        assert_eq!(cosine(&[1.0f64, 1.0], &[2.0, 2.0]), 0.0);
        assert_eq!(cosine(&[1.0f32, 0.0], &[-1.0, 0.0]), 2.0);
        assert_eq!(dot(&[1.0f64, 2.0, 3.0], &[4.0, 5.0, 6.0]), 32.0);
    }

    #[test]
    fn metric_constants_round_trip() {
        for (i, m) in Metric::ALL.into_iter().enumerate() {
            assert_eq!(Metric::from_u32(i as u32), Ok(m));
            assert_eq!(m as u32, i as u32);
        }
        assert_eq!(Metric::from_u32(4), Err(Error::InvalidParameter("metric")));
        assert_eq!(
            Metric::from_u32(u32::MAX),
            Err(Error::InvalidParameter("metric"))
        );
    }

    #[test]
    fn cosine_zero_rows_are_rejected() {
        assert_eq!(
            check_cosine_rows(&[1.0f64, 0.0, 0.0, 0.0], 2, "x"),
            Err(Error::InvalidParameter("x"))
        );
        assert_eq!(
            check_cosine_rows(&[1.0f64, 0.0, 0.0, 1e-100], 2, "x"),
            Ok(())
        );
    }

    #[test]
    fn unequal_lengths_use_the_common_prefix() {
        assert_eq!(sq_euclidean(&[1.0f64, 2.0, 3.0], &[1.0]), 0.0);
    }
}
