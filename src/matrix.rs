//! [`Matrix`]: a validated, row-major `n x d` view of sample data.
//!
//! Validation happens once, here: `n > 0`, `d > 0`, `n <= i32::MAX` (labels are
//! `int32_t`), `n * d` without overflow and equal to the slice length, and every
//! value finite. Algorithms then trust the view.

use crate::error::{Error, Result};
use crate::scalar::Scalar;

/// The largest number of samples (labels must fit `int32_t`).
pub const MAX_SAMPLES: usize = i32::MAX as usize;

/// A validated row-major view: row `i` is `data[i*d .. (i+1)*d]`.
#[derive(Debug, Clone, Copy)]
pub struct Matrix<'a, S> {
    data: &'a [S],
    n: usize,
    d: usize,
}

/// Checks an `n x d` shape against a slice length: `n, d > 0`,
/// `n <= MAX_SAMPLES`, `n * d == len` without overflow. `name` is reported.
pub fn check_shape(n: usize, d: usize, len: usize, name: &'static str) -> Result<()> {
    if n == 0 || d == 0 || n > MAX_SAMPLES {
        return Err(Error::InvalidShape(name));
    }
    match n.checked_mul(d) {
        Some(nd) if nd == len => Ok(()),
        _ => Err(Error::InvalidShape(name)),
    }
}

/// `Err(NonFinite(name))` unless every value is finite.
pub fn check_finite<S: Scalar>(values: &[S], name: &'static str) -> Result<()> {
    // A branch-free fold keeps the scan vectorisable; `x * 0` is NaN exactly for NaN and inf.
    let mut acc = S::ZERO;
    for &v in values {
        acc += v * S::ZERO;
    }
    if acc == S::ZERO {
        Ok(())
    } else {
        Err(Error::NonFinite(name))
    }
}

/// Validates optional per-sample weights: `n` values, each finite and `>= 0`.
/// `None` means all ones. Errors name `"sample_weight"`.
pub fn check_weights<S: Scalar>(weights: Option<&[S]>, n: usize) -> Result<()> {
    let Some(w) = weights else { return Ok(()) };
    if w.len() != n {
        return Err(Error::InvalidShape("sample_weight"));
    }
    check_finite(w, "sample_weight")?;
    if w.iter().any(|&v| v < S::ZERO) {
        return Err(Error::InvalidParameter("sample_weight"));
    }
    Ok(())
}

impl<'a, S: Scalar> Matrix<'a, S> {
    /// Validates `data` as `n` rows of `d` finite values. Errors name `"x"`.
    pub fn new(data: &'a [S], n: usize, d: usize) -> Result<Self> {
        Self::named(data, n, d, "x")
    }

    /// As [`Matrix::new`], reporting errors under `name`.
    pub fn named(data: &'a [S], n: usize, d: usize, name: &'static str) -> Result<Self> {
        check_shape(n, d, data.len(), name)?;
        check_finite(data, name)?;
        Ok(Matrix { data, n, d })
    }

    /// Number of samples (rows), `> 0`.
    #[inline]
    pub fn n(&self) -> usize {
        self.n
    }

    /// Number of features (columns), `> 0`.
    #[inline]
    pub fn d(&self) -> usize {
        self.d
    }

    /// The whole buffer, row-major.
    #[inline]
    pub fn as_slice(&self) -> &'a [S] {
        self.data
    }

    /// Row `i` (empty if `i >= n`, which validated callers never ask for).
    #[inline]
    pub fn row(&self, i: usize) -> &'a [S] {
        let start = i.wrapping_mul(self.d);
        self.data
            .get(start..start.wrapping_add(self.d))
            .unwrap_or(&[])
    }

    /// The rows in order. To `zip` rows with another chunked slice, prefer
    /// [`row_iter`] (see there why).
    #[inline]
    pub fn rows(&self) -> core::slice::ChunksExact<'a, S> {
        // `d > 0` is guaranteed by validation, so `chunks_exact` cannot panic.
        self.data.chunks_exact(self.d.max(1))
    }
}

/// The rows (length `d`) of a row-major buffer, front to back; a trailing
/// partial row is skipped, and `d == 0` yields nothing.
///
/// Unlike `chunks_exact(d)`, zipping this iterator never divides: `Zip` asks
/// a `ChunksExact` for its length (`len / chunk_size`), and when that `Zip::new`
/// is not inlined the optimiser cannot see `d > 0`, which leaves a
/// division-by-zero panic path in the firmware image. Prefer it for every
/// `zip` over rows.
pub fn row_iter<S>(data: &[S], d: usize) -> RowIter<'_, S> {
    RowIter { rest: data, d }
}

/// Mutable counterpart of [`row_iter`].
pub fn row_iter_mut<S>(data: &mut [S], d: usize) -> RowIterMut<'_, S> {
    RowIterMut { rest: data, d }
}

/// Iterator of [`row_iter`].
#[derive(Debug, Clone)]
pub struct RowIter<'a, S> {
    rest: &'a [S],
    d: usize,
}

impl<'a, S> Iterator for RowIter<'a, S> {
    type Item = &'a [S];
    #[inline]
    fn next(&mut self) -> Option<&'a [S]> {
        if self.d == 0 {
            return None;
        }
        let (row, rest) = self.rest.split_at_checked(self.d)?;
        self.rest = rest;
        Some(row)
    }
}

/// Iterator of [`row_iter_mut`].
#[derive(Debug)]
pub struct RowIterMut<'a, S> {
    rest: &'a mut [S],
    d: usize,
}

impl<'a, S> Iterator for RowIterMut<'a, S> {
    type Item = &'a mut [S];
    #[inline]
    fn next(&mut self) -> Option<&'a mut [S]> {
        if self.d == 0 {
            return None;
        }
        // A trailing partial row ends the iteration (and is dropped from `rest`).
        let (row, tail) = core::mem::take(&mut self.rest).split_at_mut_checked(self.d)?;
        self.rest = tail;
        Some(row)
    }
}

/// Sub-views (used by the partial statistics, block by block).
impl<'a, S: Scalar> Matrix<'a, S> {
    /// Rows `start .. start + len` (`len >= 1`) as a matrix, without
    /// re-validating them (the rows of a validated matrix are valid); `None`
    /// when the range is empty or out of bounds.
    pub fn rows_range(&self, start: usize, len: usize) -> Option<Matrix<'a, S>> {
        if len == 0 {
            return None;
        }
        let end = start.checked_add(len)?;
        let data = self
            .data
            .get(start.checked_mul(self.d)?..end.checked_mul(self.d)?)?;
        Some(Matrix {
            data,
            n: len,
            d: self.d,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_iterators_match_chunks_exact() {
        let mut x = [1.0f64, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
        for d in 0..9 {
            let got: std::vec::Vec<&[f64]> = row_iter(&x, d).collect();
            let want: std::vec::Vec<&[f64]> = if d == 0 {
                std::vec![]
            } else {
                x.chunks_exact(d).collect()
            };
            assert_eq!(got, want, "d = {d}");
        }
        for row in row_iter_mut(&mut x, 3) {
            row[0] = 0.0;
        }
        assert_eq!(x, [0.0, 2.0, 3.0, 0.0, 5.0, 6.0, 7.0]);
        assert_eq!(row_iter_mut(&mut x, 0).count(), 0);
        assert_eq!(row_iter_mut(&mut x, 8).count(), 0);
    }

    #[test]
    fn accepts_a_valid_view() {
        let x = [1.0f64, 2.0, 3.0, 4.0, 5.0, 6.0];
        let m = Matrix::new(&x, 3, 2).unwrap();
        assert_eq!((m.n(), m.d()), (3, 2));
        assert_eq!(m.row(1), &[3.0, 4.0]);
        assert_eq!(m.row(3), &[] as &[f64]);
        assert_eq!(m.rows().count(), 3);
        assert_eq!(m.rows().nth(2).unwrap(), &[5.0, 6.0]);
        assert_eq!(m.as_slice().len(), 6);
    }

    #[test]
    fn rejects_bad_shapes() {
        let x = [0.0f32; 6];
        assert_eq!(Matrix::new(&x, 0, 6).unwrap_err(), Error::InvalidShape("x"));
        assert_eq!(Matrix::new(&x, 6, 0).unwrap_err(), Error::InvalidShape("x"));
        assert_eq!(Matrix::new(&x, 4, 2).unwrap_err(), Error::InvalidShape("x"));
        assert_eq!(Matrix::new(&x, 2, 2).unwrap_err(), Error::InvalidShape("x"));
        assert_eq!(
            Matrix::new(&x, usize::MAX, 2).unwrap_err(),
            Error::InvalidShape("x")
        );
        assert_eq!(
            Matrix::new(&x, 2, usize::MAX / 2 + 1).unwrap_err(),
            Error::InvalidShape("x")
        );
        assert_eq!(
            Matrix::named(&x, 1, 5, "centers").unwrap_err(),
            Error::InvalidShape("centers")
        );
    }

    #[test]
    fn sample_count_fits_int32() {
        assert_eq!(check_shape(MAX_SAMPLES, 1, MAX_SAMPLES, "x"), Ok(()));
        assert_eq!(
            check_shape(MAX_SAMPLES + 1, 1, MAX_SAMPLES + 1, "x"),
            Err(Error::InvalidShape("x"))
        );
    }

    #[test]
    fn checks_weights() {
        assert_eq!(check_weights::<f64>(None, 3), Ok(()));
        assert_eq!(check_weights(Some(&[1.0f32, 0.0, 2.5][..]), 3), Ok(()));
        assert_eq!(
            check_weights(Some(&[1.0f32, 0.0][..]), 3),
            Err(Error::InvalidShape("sample_weight"))
        );
        assert_eq!(
            check_weights(Some(&[1.0f64, -0.5][..]), 2),
            Err(Error::InvalidParameter("sample_weight"))
        );
        assert_eq!(
            check_weights(Some(&[1.0f64, f64::NAN][..]), 2),
            Err(Error::NonFinite("sample_weight"))
        );
        assert_eq!(
            check_weights(Some(&[f64::INFINITY, 1.0][..]), 2),
            Err(Error::NonFinite("sample_weight"))
        );
    }

    #[test]
    fn rejects_non_finite_values() {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let x = [1.0, 2.0, bad, 4.0];
            assert_eq!(Matrix::new(&x, 2, 2).unwrap_err(), Error::NonFinite("x"));
        }
        let x = [f32::MAX, f32::MIN, f32::MIN_POSITIVE, 1e-45];
        assert!(
            Matrix::new(&x, 2, 2).is_ok(),
            "extreme finite values are valid"
        );
    }
}
