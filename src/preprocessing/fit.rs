//! Fitting the standard scaler: per-feature mean and scale in one
//! column-blocked pass pair (f64 accumulators).

use crate::error::{Error, Result};
use crate::matrix::{row_iter, Matrix};
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
