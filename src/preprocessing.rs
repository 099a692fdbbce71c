//! Standard scaler: per-feature mean and scale (population standard deviation).
//!
//! Follows scikit-learn's `StandardScaler` (dense, no sample weights, one
//! `fit`): sums accumulate in f64 whatever the element type (scikit-learn's
//! `_safe_accumulator_op`); the variance is the corrected two-pass estimate of
//! `_incremental_mean_and_var` (`T = sum / n`, `var = (sum (x - T)^2 -
//! (sum (x - T))^2 / n) / n`, ddof 0), and a feature whose variance is within
//! the rounding bound of `_is_constant_feature`
//! (`var <= n eps var + (n |mean| eps)^2`, f64 eps) gets scale 1 (scikit-learn's
//! `_handle_zeros_in_scale` with that mask), so it is centred but not scaled.
//!
//! `transform` computes `(x - mean) / scale` and `inverse_transform`
//! `x * scale + mean` in the element type, as scikit-learn's in-place
//! `X -= mean_; X /= scale_`. Both exist in a copying and an in-place form.
//! Every function validates everything (shape, finiteness, `scale > 0`) and
//! computes all results once to check them finite before it writes any output,
//! so a failure leaves the outputs untouched.

use crate::error::{Error, Result};
use crate::matrix::{check_finite, row_iter, row_iter_mut, Matrix};
use crate::scalar::Scalar;

/// Columns per block of the fit's column-blocked scan (stack accumulators).
const BLOCK: usize = 8;

/// The statistics of one block of up to [`BLOCK`] columns `j0..j0+w`.
/// Returns `(mean, scale)` in f64 for each column of the block.
fn block_stats<S: Scalar>(x: &Matrix<'_, S>, j0: usize, w: usize) -> [(f64, f64); BLOCK] {
    let n = x.n() as f64;
    let j1 = j0.saturating_add(w);
    let mut sum = [0.0f64; BLOCK];
    for row in row_iter(x.as_slice(), x.d()) {
        let part = row.get(j0..j1).unwrap_or(&[]);
        for (s, &v) in sum.iter_mut().zip(part) {
            *s += v.to_f64();
        }
    }
    let mut t = [0.0f64; BLOCK];
    for (t, s) in t.iter_mut().zip(&sum) {
        *t = *s / n;
    }
    let mut corr = [0.0f64; BLOCK];
    let mut sq = [0.0f64; BLOCK];
    for row in row_iter(x.as_slice(), x.d()) {
        let part = row.get(j0..j1).unwrap_or(&[]);
        for (((c, q), &ti), &v) in corr.iter_mut().zip(sq.iter_mut()).zip(&t).zip(part) {
            let e = v.to_f64() - ti;
            *c += e;
            *q += e * e;
        }
    }
    let mut out = [(0.0f64, 1.0f64); BLOCK];
    for (((o, &mean), &c), &q) in out.iter_mut().zip(&t).zip(&corr).zip(&sq) {
        let var = (q - c * c / n) / n;
        let eps = f64::EPSILON;
        let bound = n * eps * var + (n * mean * eps) * (n * mean * eps);
        let scale = if var <= bound { 1.0 } else { Scalar::sqrt(var) };
        *o = (mean, scale);
    }
    out
}

/// Visits `(column, mean, scale)` for every feature, in S, failing with
/// `Numerical` at the first non-finite value.
fn for_each_stat<S: Scalar>(x: &Matrix<'_, S>, mut f: impl FnMut(usize, S, S)) -> Result<()> {
    let d = x.d();
    let mut j0 = 0usize;
    while j0 < d {
        let w = (d - j0).min(BLOCK);
        let stats = block_stats(x, j0, w);
        for (jj, &(m, s)) in stats.iter().enumerate().take(w) {
            let (m, s) = (S::from_f64(m), S::from_f64(s));
            if !(m.is_finite() && s.is_finite()) || s <= S::ZERO {
                return Err(Error::Numerical("standard_scaler"));
            }
            f(j0 + jj, m, s);
        }
        j0 += w;
    }
    Ok(())
}

/// Fits a standard scaler on `x`: writes each feature's mean and scale
/// (population standard deviation, or 1 for a near-constant feature) to `mean`
/// and `scale` (`d` values each). Errors: `InvalidShape("mean"/"scale")` on a
/// length other than `d`; `Numerical` if a statistic overflows the element type.
pub fn standard_scaler_fit<S: Scalar>(
    x: Matrix<'_, S>,
    mean: &mut [S],
    scale: &mut [S],
) -> Result<()> {
    if mean.len() != x.d() {
        return Err(Error::InvalidShape("mean"));
    }
    if scale.len() != x.d() {
        return Err(Error::InvalidShape("scale"));
    }
    // First pass: compute and check everything; second: the same computation writes.
    for_each_stat(&x, |_, _, _| {})?;
    for_each_stat(&x, |j, m, s| {
        if let (Some(mo), Some(so)) = (mean.get_mut(j), scale.get_mut(j)) {
            *mo = m;
            *so = s;
        }
    })
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_population_statistics_and_constant_features() {
        // Column 0: 1..=10 (mean 5.5, population variance 8.25); column 1 constant;
        // columns 2..=9 test the second column block.
        let n = 10;
        let d = 10;
        let mut x = [0.0f64; 100];
        for i in 0..n {
            for j in 0..d {
                x[i * d + j] = match j {
                    0 => (i + 1) as f64,
                    1 => 3.25,
                    _ => (i * j) as f64 * 0.5,
                };
            }
        }
        let m = Matrix::new(&x, n, d).unwrap();
        let (mut mean, mut scale) = ([0.0; 10], [0.0; 10]);
        standard_scaler_fit(m, &mut mean, &mut scale).unwrap();
        assert!((mean[0] - 5.5).abs() < 1e-15);
        assert!((scale[0] - 8.25f64.sqrt()).abs() < 1e-14);
        assert_eq!(
            (mean[1], scale[1]),
            (3.25, 1.0),
            "constant feature gets scale 1"
        );
        for j in 2..d {
            let col: std::vec::Vec<f64> = (0..n).map(|i| x[i * d + j]).collect();
            let mu = col.iter().sum::<f64>() / n as f64;
            let var = col.iter().map(|v| (v - mu) * (v - mu)).sum::<f64>() / n as f64;
            assert!((mean[j] - mu).abs() < 1e-12 && (scale[j] - var.sqrt()).abs() < 1e-12);
        }
        // Round trip, copying and in place.
        let mut t = [0.0; 100];
        standard_scaler_transform(m, &mean, &scale, &mut t).unwrap();
        assert!(t.iter().skip(1).step_by(d).all(|&v| v == 0.0));
        let mut back = [0.0; 100];
        standard_scaler_inverse_transform(Matrix::new(&t, n, d).unwrap(), &mean, &scale, &mut back)
            .unwrap();
        let mut inplace = x;
        standard_scaler_transform_in_place(&mut inplace, n, d, &mean, &scale).unwrap();
        assert_eq!(inplace, t, "in place equals copying");
        standard_scaler_inverse_transform_in_place(&mut inplace, n, d, &mean, &scale).unwrap();
        assert_eq!(inplace, back);
        for (a, b) in back.iter().zip(&x) {
            assert!((a - b).abs() < 1e-12);
        }
    }

    #[test]
    fn rejects_bad_inputs_without_writing() {
        let x = [1.0f32, 2.0, 3.0, 4.0];
        let m = Matrix::new(&x, 2, 2).unwrap();
        let mut out = [7.0f32; 4];
        assert_eq!(
            standard_scaler_transform(m, &[0.0, 0.0], &[1.0, 0.0], &mut out),
            Err(Error::InvalidParameter("scale"))
        );
        assert_eq!(
            standard_scaler_transform(m, &[0.0, f32::NAN], &[1.0, 1.0], &mut out),
            Err(Error::NonFinite("mean"))
        );
        assert_eq!(
            standard_scaler_transform(m, &[0.0], &[1.0, 1.0], &mut out),
            Err(Error::InvalidShape("mean"))
        );
        // Overflow: (x - mean) / tiny scale is infinite.
        assert_eq!(
            standard_scaler_transform(m, &[0.0, 0.0], &[1e-38, 1e-38], &mut out),
            Err(Error::Numerical("standard_scaler"))
        );
        assert_eq!(out, [7.0; 4]);
        let mut y = x;
        assert_eq!(
            standard_scaler_inverse_transform_in_place(&mut y, 2, 2, &[0.0, 0.0], &[f32::MAX, 1.0]),
            Err(Error::Numerical("standard_scaler"))
        );
        assert_eq!(y, x);
        // f32 extremes: the f64 accumulators hold them exactly enough.
        let big = [f32::MAX, -f32::MAX];
        let (mut mean, mut scale) = ([5.0f32], [5.0f32]);
        assert_eq!(
            standard_scaler_fit(Matrix::new(&big, 2, 1).unwrap(), &mut mean, &mut scale),
            Ok(())
        );
        assert_eq!((mean[0], scale[0]), (0.0, f32::MAX));
        let huge = [f64::MAX, f64::MAX];
        let (mut mean, mut scale) = ([5.0f64], [5.0f64]);
        assert_eq!(
            standard_scaler_fit(Matrix::new(&huge, 2, 1).unwrap(), &mut mean, &mut scale),
            Err(Error::Numerical("standard_scaler"))
        );
        assert_eq!((mean, scale), ([5.0], [5.0]));
    }
}
