//! The standard scaler's transforms (`(x - mean) / scale` and its inverse),
//! copying and in place, each validated and checked finite before writing.

use crate::error::{Error, Result};
use crate::matrix::{check_finite, row_iter, row_iter_mut, Matrix};
use crate::scalar::Scalar;

/// Validates a fitted scaler for `d` features: lengths, finiteness, `scale > 0`.
fn check_scaler<S: Scalar>(d: usize, mean: &[S], scale: &[S]) -> Result<()> {
    if mean.len() != d {
        return Err(Error::InvalidShape("mean"));
    }
    if scale.len() != d {
        return Err(Error::InvalidShape("scale"));
    }
    check_finite(mean, "mean")?;
    check_finite(scale, "scale")?;
    if scale.iter().any(|&s| s <= S::ZERO) {
        return Err(Error::InvalidParameter("scale"));
    }
    Ok(())
}

/// Checks that `f` gives a finite value for every element of `x`
/// (feature `j` of each row uses `mean[j]`, `scale[j]`).
fn all_finite<S: Scalar>(
    x: &[S],
    d: usize,
    mean: &[S],
    scale: &[S],
    f: impl Fn(S, S, S) -> S,
) -> Result<()> {
    let mut acc = S::ZERO;
    for row in row_iter(x, d) {
        for ((&v, &m), &s) in row.iter().zip(mean).zip(scale) {
            acc += f(v, m, s) * S::ZERO;
        }
    }
    if acc == S::ZERO {
        Ok(())
    } else {
        Err(Error::Numerical("standard_scaler"))
    }
}

#[inline(always)]
fn forward<S: Scalar>(v: S, m: S, s: S) -> S {
    (v - m) / s
}

#[inline(always)]
fn inverse<S: Scalar>(v: S, m: S, s: S) -> S {
    v * s + m
}

fn apply<S: Scalar>(
    x: Matrix<'_, S>,
    mean: &[S],
    scale: &[S],
    out: &mut [S],
    f: impl Fn(S, S, S) -> S + Copy,
) -> Result<()> {
    let d = x.d();
    check_scaler(d, mean, scale)?;
    if out.len() != x.as_slice().len() {
        return Err(Error::InvalidShape("out"));
    }
    all_finite(x.as_slice(), d, mean, scale, f)?;
    for (xr, or) in row_iter(x.as_slice(), d).zip(row_iter_mut(out, d)) {
        for (((o, &v), &m), &s) in or.iter_mut().zip(xr).zip(mean).zip(scale) {
            *o = f(v, m, s);
        }
    }
    Ok(())
}

fn apply_in_place<S: Scalar>(
    x: &mut [S],
    n: usize,
    d: usize,
    mean: &[S],
    scale: &[S],
    f: impl Fn(S, S, S) -> S + Copy,
) -> Result<()> {
    Matrix::new(&*x, n, d)?;
    check_scaler(d, mean, scale)?;
    all_finite(x, d, mean, scale, f)?;
    for row in row_iter_mut(x, d) {
        for ((v, &m), &s) in row.iter_mut().zip(mean).zip(scale) {
            *v = f(*v, m, s);
        }
    }
    Ok(())
}

/// `out = (x - mean) / scale` per feature (`out`: `n*d` values).
/// Errors: shapes, non-finite `mean`/`scale`, `scale <= 0`
/// (`InvalidParameter("scale")`), `Numerical` if a result overflows.
pub fn standard_scaler_transform<S: Scalar>(
    x: Matrix<'_, S>,
    mean: &[S],
    scale: &[S],
    out: &mut [S],
) -> Result<()> {
    apply(x, mean, scale, out, forward)
}

/// [`standard_scaler_transform`] overwriting `x` (`n*d` values) with its result.
pub fn standard_scaler_transform_in_place<S: Scalar>(
    x: &mut [S],
    n: usize,
    d: usize,
    mean: &[S],
    scale: &[S],
) -> Result<()> {
    apply_in_place(x, n, d, mean, scale, forward)
}

/// `out = x * scale + mean` per feature: undoes [`standard_scaler_transform`].
pub fn standard_scaler_inverse_transform<S: Scalar>(
    x: Matrix<'_, S>,
    mean: &[S],
    scale: &[S],
    out: &mut [S],
) -> Result<()> {
    apply(x, mean, scale, out, inverse)
}

/// [`standard_scaler_inverse_transform`] overwriting `x` with its result.
pub fn standard_scaler_inverse_transform_in_place<S: Scalar>(
    x: &mut [S],
    n: usize,
    d: usize,
    mean: &[S],
    scale: &[S],
) -> Result<()> {
    apply_in_place(x, n, d, mean, scale, inverse)
}
