//! Prediction with a fitted mixture: labels (`predict`), responsibilities
//! (`predict_proba`) and per-sample log-likelihoods (`score_samples`). Needs
//! only `O(k*d*d)` workspace (the precision factors), so a model in flash can
//! score samples with static buffers.

use super::estep::{self, Scorer};
use super::fit::check_model_shape;
use super::params::CovarianceType;
use crate::error::{Error, Result};
use crate::matrix::{check_finite, Matrix};
use crate::scalar::Scalar;
use crate::workspace::{Carve, Layout, Sizer, Workspace};

/// Workspace of [`predict`] and [`super::bic()`] for `k` components of `d`
/// features: precision factors, two `k` vectors, `d*d` Cholesky scratch and
/// `d + k` row scratch. `InvalidShape` for `k == 0` or `d == 0`.
pub fn predict_workspace_size<S: Scalar>(k: usize, d: usize, ct: CovarianceType) -> Result<Layout> {
    if k == 0 || k > i32::MAX as usize {
        return Err(Error::InvalidShape("weights"));
    }
    if d == 0 {
        return Err(Error::InvalidShape("means"));
    }
    Sizer::measure(|c| carve::<S>(c, k, d, ct).map(drop))
}

/// The scratch of [`prepare`], declared once (see `crate::workspace`).
struct Scratch<'a, S> {
    /// Precision factors (the covariances' layout).
    prec: &'a mut [S],
    log_det: &'a mut [S],
    konst: &'a mut [S],
    /// Cholesky scratch (`d*d`).
    chol: &'a mut [S],
    /// One row's scratch (`d`) and scores (`k`).
    y: &'a mut [S],
    row: &'a mut [S],
}

/// The scratch of [`predict`] and [`super::bic()`] (`k >= 1`, `d >= 1`).
/// Inlined into its two users (the size query and [`prepare`]) for flash.
#[inline(always)]
fn carve<'a, S: Scalar>(
    c: &mut impl Carve<'a>,
    k: usize,
    d: usize,
    ct: CovarianceType,
) -> Result<Scratch<'a, S>> {
    let clen = ct.len(k, d).map_err(|_| Error::SizeOverflow("workspace"))?;
    Ok(Scratch {
        prec: c.take(clen)?,
        log_det: c.take(k)?,
        konst: c.take(k)?,
        // Saturating: an overflow makes the array too large (`SizeOverflow`).
        chol: c.take(d.saturating_mul(d))?,
        y: c.take(d)?,
        row: c.take(k)?,
    })
}

/// A validated model with its precision factors, carved from a workspace.
pub(crate) struct Prepared<'a, S> {
    pub scorer: Scorer<'a, S>,
    pub y: &'a mut [S],
    pub row: &'a mut [S],
}

/// Validates a model (shapes; finite; weights `>= 0` with a positive sum;
/// covariances positive definite, else `Numerical("covariances")`) and
/// computes its precision factors in `workspace`.
pub(crate) fn prepare<'a, S: Scalar>(
    weights: &'a [S],
    means: &'a [S],
    covariances: &'a [S],
    k: usize,
    d: usize,
    ct: CovarianceType,
    workspace: &'a mut [u8],
) -> Result<Prepared<'a, S>> {
    let layout = predict_workspace_size::<S>(k, d, ct)?;
    check_model_shape(k, d, ct, weights, means, covariances)?;
    check_finite(weights, "weights")?;
    check_finite(means, "means")?;
    check_finite(covariances, "covariances")?;
    if weights.iter().any(|&w| w < S::ZERO) || !weights.iter().any(|&w| w > S::ZERO) {
        return Err(Error::InvalidParameter("weights"));
    }
    let mut ws = Workspace::new(workspace);
    ws.require(layout)?;
    let Scratch {
        prec,
        log_det,
        konst,
        chol,
        y,
        row,
    } = carve::<S>(&mut ws, k, d, ct)?;
    estep::precisions(ct, k, d, covariances, prec, log_det, chol, "covariances")?;
    estep::constants(weights, log_det, d, konst);
    if !konst.iter().all(|&c| c.is_finite() || c == -S::INFINITY) {
        return Err(Error::Numerical("weights"));
    }
    let scorer = Scorer {
        ct,
        k,
        d,
        means,
        prec,
        konst,
    };
    Ok(Prepared { scorer, y, row })
}

/// `true` when no squared Mahalanobis distance of `x` to a component can
/// overflow (a bound from the largest magnitudes, with a margin), so that
/// every row's log-likelihood is finite and outputs may be written in one pass.
pub(crate) fn cannot_overflow<S: Scalar>(x: &Matrix<'_, S>, sc: &Scorer<'_, S>) -> bool {
    let max_abs = |v: &[S]| v.iter().fold(S::ZERO, |m, &a| m.max_of(a.abs())).to_f64();
    let big = max_abs(x.as_slice()).max(max_abs(sc.means));
    let p = max_abs(sc.prec);
    let d = sc.d as f64;
    let y = match sc.ct {
        CovarianceType::Full | CovarianceType::Tied => d * 2.0 * big * p,
        CovarianceType::Diag | CovarianceType::Spherical => 2.0 * big * p,
    };
    let bound = 4.0 * d * y * y;
    bound.is_finite() && bound < S::MAX.to_f64()
}

/// Labels, responsibilities and log-likelihoods of the `m` samples of `x`
/// under the mixture (`weights` `k`, `means` `k*d`, `covariances` in the
/// layout of `ct`). Each output may be `None`; `labels` has `m` entries (the
/// most likely component, first on ties), `proba` `m*k` (rows sum to 1),
/// `log_likelihood` `m` (scikit-learn's `score_samples`).
///
/// Errors: shape and parameter errors as named; `NonFinite` for NaN/inf in
/// the model or `x`; `Numerical("covariances")` for a covariance that is not
/// positive definite; `Numerical("x")` when a log-likelihood overflows. On
/// any error the outputs are untouched.
#[allow(clippy::too_many_arguments)]
pub fn predict<S: Scalar>(
    weights: &[S],
    means: &[S],
    covariances: &[S],
    k: usize,
    ct: CovarianceType,
    x: Matrix<'_, S>,
    workspace: &mut [u8],
    mut labels: Option<&mut [i32]>,
    mut proba: Option<&mut [S]>,
    mut log_likelihood: Option<&mut [S]>,
) -> Result<()> {
    let (m, d) = (x.n(), x.d());
    if labels.as_ref().is_some_and(|l| l.len() != m) {
        return Err(Error::InvalidShape("labels"));
    }
    if proba
        .as_ref()
        .is_some_and(|p| Some(p.len()) != m.checked_mul(k))
    {
        return Err(Error::InvalidShape("proba"));
    }
    if log_likelihood.as_ref().is_some_and(|l| l.len() != m) {
        return Err(Error::InvalidShape("log_likelihood"));
    }
    let pr = prepare(weights, means, covariances, k, d, ct, workspace)?;
    let (sc, y, row) = (pr.scorer, pr.y, pr.row);
    if !cannot_overflow(&x, &sc) {
        // Checking pass: find an overflow before any output is written.
        for xi in x.rows() {
            sc.row(xi, row, y);
            estep::normalise_row(row).ok_or(Error::Numerical("x"))?;
        }
    }
    let kk = k.max(1);
    for (i, xi) in x.rows().enumerate() {
        sc.row(xi, row, y);
        let mut best = 0usize;
        let mut bv = -S::INFINITY;
        for (c, &v) in row.iter().enumerate() {
            if v > bv {
                bv = v;
                best = c;
            }
        }
        let lpn = estep::normalise_row(row).ok_or(Error::Numerical("x"))?;
        if let Some(l) = labels.as_deref_mut().and_then(|l| l.get_mut(i)) {
            *l = best as i32;
        }
        if let Some(p) = proba
            .as_deref_mut()
            .and_then(|p| p.chunks_exact_mut(kk).nth(i))
        {
            super::fit::copy(p, row);
        }
        if let Some(l) = log_likelihood.as_deref_mut().and_then(|l| l.get_mut(i)) {
            *l = lpn;
        }
    }
    Ok(())
}
