//! Input checks shared by every neighbour search: sample counts, cosine's
//! zero rows and distances that could overflow the element type.

use super::space::Space;
use crate::distance::Metric;
use crate::error::{Error, Result};
use crate::matrix::{Matrix, MAX_SAMPLES};
use crate::scalar::Scalar;

/// Checks `n`, `d` as sample counts.
pub(crate) fn check_sizes(n: usize, d: usize, name: &'static str) -> Result<()> {
    if n == 0 || d == 0 || n > MAX_SAMPLES || n.checked_mul(d).is_none() {
        return Err(Error::InvalidShape(name));
    }
    Ok(())
}

/// `InvalidParameter("x")` if some row is a zero vector (cosine only).
pub(crate) fn check_cosine<S: Scalar>(
    metric: Metric,
    x: Matrix<'_, S>,
    name: &'static str,
) -> Result<()> {
    if metric == Metric::Cosine && x.rows().any(|r| r.iter().all(|&v| v == S::ZERO)) {
        return Err(Error::InvalidParameter(name));
    }
    Ok(())
}

/// `Numerical("x")` if eps is so large that an overflowing distance between
/// rows of `x` (those with `keep[i] != 0`) and rows of `extra` could be a
/// neighbour. Only scans the data in that (absurd) case.
pub(crate) fn overflow_check<S: Scalar>(
    space: &Space<S>,
    x: Matrix<'_, S>,
    keep: Option<&[u8]>,
    extra: Option<Matrix<'_, S>>,
) -> Result<()> {
    if !space.eps_is_huge() {
        return Ok(());
    }
    overflow_check_always(space, x, keep, extra, true)
}

/// As [`overflow_check`]; with `only_if_eps_huge = false`, whatever eps.
pub(crate) fn overflow_check_always<S: Scalar>(
    space: &Space<S>,
    x: Matrix<'_, S>,
    keep: Option<&[u8]>,
    extra: Option<Matrix<'_, S>>,
    only_if_eps_huge: bool,
) -> Result<()> {
    let column = |j: usize| {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        let rows = x
            .rows()
            .enumerate()
            .filter(|(i, _)| keep.is_none_or(|k| k.get(*i) != Some(&0)))
            .map(|(_, r)| r)
            .chain(extra.into_iter().flat_map(|e| e.rows()));
        for row in rows {
            let v = row.get(j).copied().unwrap_or(S::ZERO).to_f64();
            lo = lo.min(v);
            hi = hi.max(v);
        }
        if hi >= lo {
            hi - lo
        } else {
            0.0
        }
    };
    space.check_overflow((0..x.d()).map(column), only_if_eps_huge)
}
