//! The M-step: weights, means and covariances from responsibilities
//! (scikit-learn's `_estimate_gaussian_parameters` and
//! `_estimate_gaussian_covariances_{full,tied,diag,spherical}`).
//!
//! Same estimates as scikit-learn: `nk = sum_i r_ik + 10 eps`, `mu_k = sum_i
//! r_ik x_i / nk`; full `sum_i r_ik (x_i - mu_k)(x_i - mu_k)^T / nk`, tied the
//! same summed over components and divided by `sum_k nk`, diag the diagonal,
//! spherical the mean of the diagonal; `reg_covar` added to every diagonal.
//! scikit-learn writes the tied and diag estimates in the uncentered form
//! `E[x x^T] - mu mu^T`; nanoclust sums centered deviations (a second pass),
//! which is the same value up to rounding and cannot cancel to a negative
//! variance. Sums over samples are blocked (partial sums of `BLOCK` rows are
//! added to the totals), so f32 data keeps accuracy without f64 arithmetic.

use super::params::CovarianceType;
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::scalar::Scalar;

/// Rows per partial sum.
pub const BLOCK: usize = 64;

/// Length of the covariance accumulators: full `k*d*d`, tied `d*d`, diag and
/// spherical `k*d`.
pub fn acc_len(ct: CovarianceType, k: usize, d: usize) -> Result<usize> {
    match ct {
        CovarianceType::Spherical => CovarianceType::Diag.len(k, d),
        other => other.len(k, d),
    }
}

/// Scratch of one M-step (carved from the workspace).
#[derive(Debug)]
pub struct MStepScratch<'a, S> {
    /// Block partial sums of the responsibilities (`k`).
    pub bnk: &'a mut [S],
    /// Block partial sums of `r x` (`k*d`).
    pub bsx: &'a mut [S],
    /// Covariance totals (`acc_len`).
    pub acc: &'a mut [S],
    /// Covariance block partial sums (`acc_len`).
    pub bacc: &'a mut [S],
    /// `d` scratch.
    pub diff: &'a mut [S],
    /// `d` scratch.
    pub wdiff: &'a mut [S],
}

/// How the weights are normalised: `nk / n` right after initialisation
/// (scikit-learn's `_initialize`; `n` is the total sample weight when samples
/// are weighted) or `nk / sum(nk)` in the EM loop (`_m_step`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WeightNorm<S> {
    /// Divide by the number of samples (or the total sample weight).
    ByN(S),
    /// Divide by the sum of the `nk`.
    BySum,
}

fn add_into<S: Scalar>(total: &mut [S], part: &mut [S]) {
    for (t, p) in total.iter_mut().zip(part.iter_mut()) {
        *t += *p;
        *p = S::ZERO;
    }
}

/// Runs the M-step for responsibilities `resp` (`n*k`; with sample weights,
/// each row already multiplied by its sample's weight) into `weights` (`k`),
/// `means` (`k*d`) and `cov` (layout of `ct`). `Numerical("covariances")` if
/// an estimate is not finite.
#[allow(clippy::too_many_arguments)]
pub fn m_step<S: Scalar>(
    x: Matrix<'_, S>,
    resp: &[S],
    ct: CovarianceType,
    k: usize,
    reg_covar: S,
    norm: WeightNorm<S>,
    weights: &mut [S],
    means: &mut [S],
    cov: &mut [S],
    s: &mut MStepScratch<'_, S>,
) -> Result<()> {
    let nk_sum = weighted_means(x, resp, k, weights, means, s);
    second_moments(x, resp, ct, k, means, s);
    finish_covariances(ct, x.d(), reg_covar, weights, nk_sum, s.acc, cov);
    normalise_weights(norm, weights);
    let finite = |v: &[S]| v.iter().all(|x| x.is_finite());
    if finite(weights) && finite(means) && finite(cov) {
        Ok(())
    } else {
        Err(Error::Numerical("covariances"))
    }
}

/// Pass 1: `nk` (plus 10 eps, as scikit-learn) into `weights` and the
/// responsibility-weighted means into `means`, summed in blocks of [`BLOCK`]
/// samples. Returns the sum of the `nk`.
#[inline(always)] // one call site (as one function: smaller flash and stack)
fn weighted_means<S: Scalar>(
    x: Matrix<'_, S>,
    resp: &[S],
    k: usize,
    weights: &mut [S],
    means: &mut [S],
    s: &mut MStepScratch<'_, S>,
) -> S {
    let d = x.d().max(1);
    let kk = k.max(1);
    weights.fill(S::ZERO);
    means.fill(S::ZERO);
    s.bnk.fill(S::ZERO);
    s.bsx.fill(S::ZERO);
    for (i, (row, r)) in crate::matrix::row_iter(x.as_slice(), x.d())
        .zip(crate::matrix::row_iter(resp, kk))
        .enumerate()
    {
        for ((&ric, bn), bs) in r
            .iter()
            .zip(s.bnk.iter_mut())
            .zip(crate::matrix::row_iter_mut(s.bsx, d))
        {
            *bn += ric;
            if ric != S::ZERO {
                for (b, &xv) in bs.iter_mut().zip(row) {
                    *b += ric * xv;
                }
            }
        }
        if (i + 1) % BLOCK == 0 {
            add_into(weights, s.bnk);
            add_into(means, s.bsx);
        }
    }
    add_into(weights, s.bnk);
    add_into(means, s.bsx);
    let ten_eps = S::from_f64(10.0) * S::EPSILON;
    let mut nk_sum = S::ZERO;
    for (w, mu) in weights
        .iter_mut()
        .zip(crate::matrix::row_iter_mut(means, d))
    {
        *w += ten_eps;
        nk_sum += *w;
        let inv = *w;
        for m in mu.iter_mut() {
            *m /= inv;
        }
    }
    nk_sum
}

/// Pass 2: the responsibility-weighted centred second moments into `s.acc`
/// (full `d x d` per component, one shared for tied, diagonals otherwise),
/// summed in blocks of [`BLOCK`] samples.
#[inline(always)] // one call site (as one function: smaller flash and stack)
fn second_moments<S: Scalar>(
    x: Matrix<'_, S>,
    resp: &[S],
    ct: CovarianceType,
    k: usize,
    means: &[S],
    s: &mut MStepScratch<'_, S>,
) {
    let d = x.d().max(1);
    let kk = k.max(1);
    let dd = d.saturating_mul(d).max(1);
    s.acc.fill(S::ZERO);
    s.bacc.fill(S::ZERO);
    for (i, (row, r)) in crate::matrix::row_iter(x.as_slice(), x.d())
        .zip(crate::matrix::row_iter(resp, kk))
        .enumerate()
    {
        for (c, (&ric, mu)) in r.iter().zip(crate::matrix::row_iter(means, d)).enumerate() {
            if ric == S::ZERO {
                continue;
            }
            for (((df, wd), &xv), &m) in s.diff.iter_mut().zip(s.wdiff.iter_mut()).zip(row).zip(mu)
            {
                *df = xv - m;
                *wd = ric * *df;
            }
            match ct {
                CovarianceType::Full | CovarianceType::Tied => {
                    let off = if ct == CovarianceType::Full {
                        c.saturating_mul(dd)
                    } else {
                        0
                    };
                    if let Some(b) = s.bacc.get_mut(off..off.saturating_add(dd)) {
                        for (brow, &wa) in crate::matrix::row_iter_mut(b, d).zip(s.wdiff.iter()) {
                            for (bv, &db) in brow.iter_mut().zip(s.diff.iter()) {
                                *bv += wa * db;
                            }
                        }
                    }
                }
                CovarianceType::Diag | CovarianceType::Spherical => {
                    if let Some(b) = s
                        .bacc
                        .get_mut(c.saturating_mul(d)..c.saturating_mul(d).saturating_add(d))
                    {
                        for ((bv, &wa), &da) in b.iter_mut().zip(s.wdiff.iter()).zip(s.diff.iter())
                        {
                            *bv += wa * da;
                        }
                    }
                }
            }
        }
        if (i + 1) % BLOCK == 0 {
            add_into(s.acc, s.bacc);
        }
    }
    add_into(s.acc, s.bacc);
}

/// Normalises the second moments `acc` by `nk` (`nk_sum` for tied) and adds
/// `reg_covar` to the variances, into `cov` (layout of `ct`).
#[inline(always)] // one call site (as one function: smaller flash and stack)
fn finish_covariances<S: Scalar>(
    ct: CovarianceType,
    d: usize,
    reg_covar: S,
    weights: &[S],
    nk_sum: S,
    acc: &[S],
    cov: &mut [S],
) {
    let d = d.max(1);
    let dd = d.saturating_mul(d).max(1);
    match ct {
        CovarianceType::Full => {
            for ((cv, a), &nk) in crate::matrix::row_iter_mut(cov, dd)
                .zip(crate::matrix::row_iter(acc, dd))
                .zip(weights.iter())
            {
                finish_matrix(cv, a, d, nk, reg_covar);
            }
        }
        CovarianceType::Tied => finish_matrix(cov, acc, d, nk_sum, reg_covar),
        CovarianceType::Diag => {
            for ((cv, a), &nk) in crate::matrix::row_iter_mut(cov, d)
                .zip(crate::matrix::row_iter(acc, d))
                .zip(weights.iter())
            {
                for (c, &v) in cv.iter_mut().zip(a) {
                    *c = v / nk + reg_covar;
                }
            }
        }
        CovarianceType::Spherical => {
            for ((cv, a), &nk) in cov
                .iter_mut()
                .zip(crate::matrix::row_iter(acc, d))
                .zip(weights.iter())
            {
                let mut t = S::ZERO;
                for &v in a {
                    t += v / nk + reg_covar;
                }
                *cv = t / S::from_usize(d);
            }
        }
    }
}

/// Divides the weights by `n` (or the total sample weight) or by their sum.
#[inline(always)] // one call site (as one function: smaller flash and stack)
fn normalise_weights<S: Scalar>(norm: WeightNorm<S>, weights: &mut [S]) {
    let denom = match norm {
        WeightNorm::ByN(total) => total,
        WeightNorm::BySum => {
            let mut t = S::ZERO;
            for &w in weights.iter() {
                t += w;
            }
            t
        }
    };
    for w in weights.iter_mut() {
        *w /= denom;
    }
}

/// `cov = lower(acc) / nk` mirrored to the upper triangle, `+ reg` on the diagonal.
fn finish_matrix<S: Scalar>(cov: &mut [S], acc: &[S], d: usize, nk: S, reg: S) {
    for i in 0..d {
        for j in 0..=i {
            let v = acc.get(i * d + j).copied().unwrap_or(S::ZERO) / nk;
            let v = if i == j { v + reg } else { v };
            if let Some(c) = cov.get_mut(i * d + j) {
                *c = v;
            }
            if let Some(c) = cov.get_mut(j * d + i) {
                *c = v;
            }
        }
    }
}

/// Writes one-hot responsibilities for `labels` (each `< k`) into `resp`
/// (`n*k`): the hard assignment scikit-learn builds from k-means labels.
/// `InvalidParameter("labels")` for a label out of range.
pub fn one_hot<S: Scalar>(labels: &[i32], k: usize, resp: &mut [S]) -> Result<()> {
    if labels.iter().any(|&l| l < 0 || l as usize >= k) {
        return Err(Error::InvalidParameter("labels"));
    }
    for (r, &l) in crate::matrix::row_iter_mut(resp, k.max(1)).zip(labels) {
        r.fill(S::ZERO);
        if let Some(v) = r.get_mut(l as usize) {
            *v = S::ONE;
        }
    }
    Ok(())
}
