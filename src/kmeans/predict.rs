//! Nearest-center labels for new samples.

use crate::distance::sq_euclidean;
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::scalar::Scalar;

/// `Numerical` unless `4 * sum_f (max_f - min_f)^2`, over the per-feature
/// extents of the rows of `a` and `b` (`d` columns each), fits the element
/// type, so that no squared distance between them can overflow. Extents, not
/// magnitudes: a common offset changes nothing (duplicates near `FLT_MAX` are
/// fine), and every center `fit` returns passes for its own data.
pub(crate) fn check_range<S: Scalar>(a: &[S], b: &[S], d: usize) -> Result<()> {
    let d1 = d.max(1);
    let mut total = S::ZERO;
    for f in 0..d {
        // Plain strided loops (small stack: partial_fit runs this on firmware).
        let (mut lo, mut hi) = (S::INFINITY, -S::INFINITY);
        for m in [a, b] {
            let mut i = f;
            while let Some(&v) = m.get(i) {
                lo = lo.min_of(v);
                hi = hi.max_of(v);
                i = i.wrapping_add(d1);
            }
        }
        if lo <= hi {
            let r = hi - lo;
            total += r * r;
        }
    }
    if (total * S::from_f64(4.0)).is_finite() {
        Ok(())
    } else {
        Err(Error::Numerical("squared distances overflow"))
    }
}

/// Labels each row of `x` with its nearest center (squared Euclidean distance
/// by direct differences; ties go to the lower index) and optionally writes
/// that squared distance. `centers` is `k x d`, `x` is `n x d` with the same
/// `d`; `labels` and `sq_distances` have `n` entries. Nothing is written on
/// error; `Numerical` when a squared distance could overflow the element type
/// (the per-feature extents of `x` and `centers`, see `check_range`).
pub fn predict<S: Scalar>(
    centers: Matrix<'_, S>,
    x: Matrix<'_, S>,
    labels: &mut [i32],
    sq_distances: Option<&mut [S]>,
) -> Result<()> {
    let (n, d) = (x.n(), x.d());
    if centers.d() != d {
        return Err(Error::InvalidShape("x"));
    }
    if centers.n() > i32::MAX as usize {
        return Err(Error::InvalidShape("centers"));
    }
    if labels.len() != n {
        return Err(Error::InvalidShape("labels"));
    }
    if sq_distances.as_deref().is_some_and(|s| s.len() != n) {
        return Err(Error::InvalidShape("sq_distances"));
    }
    check_range(x.as_slice(), centers.as_slice(), d)?;
    let mut sq = sq_distances;
    crate::simd::with_simd(
        #[inline(always)]
        || {
            for (i, lab) in labels.iter_mut().enumerate() {
                let row = x.row(i);
                let (j, best) = nearest(centers, row);
                *lab = j as i32;
                if let Some(s) = sq.as_deref_mut().and_then(|s| s.get_mut(i)) {
                    *s = best;
                }
            }
        },
    );
    Ok(())
}

/// The nearest center of `row` and its squared distance (first on ties).
#[inline(always)]
pub(crate) fn nearest<S: Scalar>(centers: Matrix<'_, S>, row: &[S]) -> (usize, S) {
    let mut best = S::INFINITY;
    let mut arg = 0usize;
    for (j, c) in centers.rows().enumerate() {
        let dist = sq_euclidean(row, c);
        if dist < best {
            best = dist;
            arg = j;
        }
    }
    (arg, best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_distances() {
        let c = [0.0f64, 0.0, 10.0, 0.0];
        let x = [1.0f64, 1.0, 9.0, 0.0, 5.0, 0.0];
        let mut l = [7i32; 3];
        let mut s = [0.0; 3];
        predict(
            Matrix::new(&c, 2, 2).unwrap(),
            Matrix::new(&x, 3, 2).unwrap(),
            &mut l,
            Some(&mut s),
        )
        .unwrap();
        assert_eq!(l, [0, 1, 0]);
        assert_eq!(s, [2.0, 1.0, 25.0]);
    }

    #[test]
    fn a_common_offset_near_the_maximum_is_not_an_overflow() {
        let c = [3e19f32, 1e38];
        let x = [3e19f32, 1e38, 3e19, 1e38];
        let mut l = [7i32; 2];
        let mut s = [1.0f32; 2];
        predict(
            Matrix::new(&c, 1, 2).unwrap(),
            Matrix::new(&x, 2, 2).unwrap(),
            &mut l,
            Some(&mut s),
        )
        .unwrap();
        assert_eq!((l, s), ([0, 0], [0.0, 0.0]));
    }

    #[test]
    fn overflow_is_numerical_and_leaves_outputs_alone() {
        let c = [0.0f32, 0.0];
        let x = [3e19f32, 0.0];
        let mut l = [7i32; 1];
        let e = predict(
            Matrix::new(&c, 1, 2).unwrap(),
            Matrix::new(&x, 1, 2).unwrap(),
            &mut l,
            None,
        );
        assert_eq!(e, Err(Error::Numerical("squared distances overflow")));
        assert_eq!(l, [7]);
    }
}
