//! The E-step: per-sample weighted log-probabilities through the precision
//! Cholesky factors (scikit-learn's `_estimate_log_gaussian_prob`), normalised
//! with a log-sum-exp, and the precision factors themselves
//! (`_compute_precision_cholesky`).

use super::cholesky;
use super::params::CovarianceType;
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::scalar::Scalar;

/// `ln(2 pi)`.
const LN_2PI: f64 = 1.837_877_066_409_345_5;

/// Computes the precision factors of covariances `cov` (layout of `ct`) into
/// `prec` (same layout): full/tied `U = L^{-T}` per matrix, diag/spherical
/// `1 / sqrt(var)`; and per component `log_det[c]` = half the log-determinant
/// of the precision. `chol` is `d*d` scratch (unused for diag/spherical).
/// A covariance that is not positive definite is `Numerical(what)`.
#[allow(clippy::too_many_arguments)]
pub fn precisions<S: Scalar>(
    ct: CovarianceType,
    k: usize,
    d: usize,
    cov: &[S],
    prec: &mut [S],
    log_det: &mut [S],
    chol: &mut [S],
    what: &'static str,
) -> Result<()> {
    let dd = d.saturating_mul(d);
    if log_det.len() != k || prec.len() != cov.len() || Some(cov.len()) != ct.len(k, d).ok() {
        return Err(Error::InvalidShape(what));
    }
    match ct {
        CovarianceType::Full | CovarianceType::Tied => {
            let chol = chol.get_mut(..dd).ok_or(Error::InvalidShape(what))?;
            for (c, u) in crate::matrix::row_iter(cov, dd.max(1))
                .zip(crate::matrix::row_iter_mut(prec, dd.max(1)))
            {
                super::fit::copy(chol, c);
                cholesky::factor(chol, d, what)?;
                cholesky::precision_factor(chol, d, u, what)?;
            }
            if ct == CovarianceType::Full {
                for (ld, u) in log_det
                    .iter_mut()
                    .zip(crate::matrix::row_iter(prec, dd.max(1)))
                {
                    *ld = cholesky::log_det_diag(u, d);
                }
            } else {
                let v = cholesky::log_det_diag(prec.get(..dd).unwrap_or(&[]), d);
                log_det.fill(v);
            }
        }
        CovarianceType::Diag | CovarianceType::Spherical => {
            for (p, &v) in prec.iter_mut().zip(cov) {
                if v.partial_cmp(&S::ZERO) != Some(core::cmp::Ordering::Greater) {
                    return Err(Error::Numerical(what));
                }
                *p = S::ONE / v.sqrt();
                if !p.is_finite() {
                    return Err(Error::Numerical(what));
                }
            }
            if ct == CovarianceType::Diag {
                for (ld, p) in log_det
                    .iter_mut()
                    .zip(crate::matrix::row_iter(prec, d.max(1)))
                {
                    let mut s = S::ZERO;
                    for &v in p {
                        s += v.ln();
                    }
                    *ld = s;
                }
            } else {
                for (ld, &p) in log_det.iter_mut().zip(prec.iter()) {
                    *ld = S::from_usize(d) * p.ln();
                }
            }
        }
    }
    if log_det.iter().all(|v| v.is_finite()) {
        Ok(())
    } else {
        Err(Error::Numerical(what))
    }
}

/// A mixture ready for scoring: means, precision factors and the per-component
/// constant `ln w_c + log_det_c - d ln(2 pi) / 2`.
#[derive(Debug, Clone, Copy)]
pub struct Scorer<'a, S> {
    /// Covariance type (layout of `prec`).
    pub ct: CovarianceType,
    /// Components.
    pub k: usize,
    /// Features.
    pub d: usize,
    /// `k*d` means.
    pub means: &'a [S],
    /// Precision factors (layout of `ct`).
    pub prec: &'a [S],
    /// `k` constants.
    pub konst: &'a [S],
}

/// Fills `konst[c] = ln(weights[c]) + log_det[c] - d ln(2 pi) / 2`. A zero
/// weight gives `-inf` (the component never wins and gets probability 0).
pub fn constants<S: Scalar>(weights: &[S], log_det: &[S], d: usize, konst: &mut [S]) {
    let half = S::from_f64(0.5) * S::from_usize(d) * S::from_f64(LN_2PI);
    for ((c, &w), &ld) in konst.iter_mut().zip(weights).zip(log_det) {
        *c = if w > S::ZERO {
            w.ln() + ld - half
        } else {
            -S::INFINITY
        };
    }
}

impl<'a, S: Scalar> Scorer<'a, S> {
    /// Weighted log-probabilities `ln w_c + ln N(x | mu_c, Sigma_c)` of one
    /// sample into `out` (`k`). `y` is `d` scratch.
    #[inline]
    pub fn row(&self, x: &[S], out: &mut [S], y: &mut [S]) {
        let d = self.d.max(1);
        let half = S::from_f64(0.5);
        match self.ct {
            CovarianceType::Full | CovarianceType::Tied => {
                let dd = d.saturating_mul(d);
                let full = self.ct == CovarianceType::Full;
                let tied = self.prec.get(..dd).unwrap_or(&[]);
                for (c, ((o, mu), &kc)) in out
                    .iter_mut()
                    .zip(crate::matrix::row_iter(self.means, d))
                    .zip(self.konst)
                    .enumerate()
                {
                    let u = if full {
                        self.prec
                            .get(c.saturating_mul(dd)..c.saturating_mul(dd).saturating_add(dd))
                            .unwrap_or(&[])
                    } else {
                        tied
                    };
                    y.fill(S::ZERO);
                    // y = (x - mu)^T U, U upper triangular (zeros below).
                    for ((&xi, &mi), urow) in x.iter().zip(mu).zip(crate::matrix::row_iter(u, d)) {
                        let di = xi - mi;
                        for (yj, &uij) in y.iter_mut().zip(urow) {
                            *yj += di * uij;
                        }
                    }
                    let mut sq = S::ZERO;
                    for &v in y.iter() {
                        sq += v * v;
                    }
                    *o = kc - half * sq;
                }
            }
            CovarianceType::Diag => {
                for ((o, (mu, p)), &kc) in out
                    .iter_mut()
                    .zip(
                        crate::matrix::row_iter(self.means, d)
                            .zip(crate::matrix::row_iter(self.prec, d)),
                    )
                    .zip(self.konst)
                {
                    let mut sq = S::ZERO;
                    for ((&xi, &mi), &pi) in x.iter().zip(mu).zip(p) {
                        let t = (xi - mi) * pi;
                        sq += t * t;
                    }
                    *o = kc - half * sq;
                }
            }
            CovarianceType::Spherical => {
                for ((o, (mu, &p)), &kc) in out
                    .iter_mut()
                    .zip(crate::matrix::row_iter(self.means, d).zip(self.prec))
                    .zip(self.konst)
                {
                    let mut sq = S::ZERO;
                    for (&xi, &mi) in x.iter().zip(mu) {
                        let t = (xi - mi) * p;
                        sq += t * t;
                    }
                    *o = kc - half * sq;
                }
            }
        }
    }
}

/// Turns weighted log-probabilities (`v`, one row) into responsibilities in
/// place and returns the row's log-likelihood `ln sum_c exp(v_c)` (log-sum-exp
/// around the maximum). `None` when it is not finite.
#[inline]
pub fn normalise_row<S: Scalar>(v: &mut [S]) -> Option<S> {
    let mut m = -S::INFINITY;
    for &x in v.iter() {
        m = m.max_of(x);
    }
    if !m.is_finite() {
        return None;
    }
    let mut s = S::ZERO;
    for x in v.iter_mut() {
        *x = (*x - m).exp();
        s += *x;
    }
    // s >= 1 (the maximum contributes exp(0)), so the log and the division are safe.
    let inv = S::ONE / s;
    for x in v.iter_mut() {
        *x *= inv;
    }
    let lpn = m + s.ln();
    lpn.is_finite().then_some(lpn)
}

/// A compensated (Kahan-Babuska-Neumaier) running sum in the data's type.
#[derive(Debug, Clone, Copy)]
pub struct CompensatedSum<S> {
    sum: S,
    c: S,
}

impl<S: Scalar> CompensatedSum<S> {
    /// Zero.
    pub fn new() -> Self {
        CompensatedSum {
            sum: S::ZERO,
            c: S::ZERO,
        }
    }
    /// Adds `v`.
    #[inline]
    pub fn add(&mut self, v: S) {
        let t = self.sum + v;
        if self.sum.abs() >= v.abs() {
            self.c += (self.sum - t) + v;
        } else {
            self.c += (v - t) + self.sum;
        }
        self.sum = t;
    }
    /// The sum.
    pub fn value(&self) -> S {
        self.sum + self.c
    }
}

impl<S: Scalar> Default for CompensatedSum<S> {
    fn default() -> Self {
        Self::new()
    }
}

/// The E-step over all samples: writes responsibilities to `resp` (`n*k`) and
/// returns the mean log-likelihood (scikit-learn's lower bound). With
/// `sample_weight` (`n`, total `total_weight`), each row of `resp` is
/// multiplied by its weight (ready for the M-step) and the mean is weighted.
/// `Numerical("x")` if any sample's log-likelihood is not finite.
pub fn e_step<S: Scalar>(
    x: Matrix<'_, S>,
    sc: &Scorer<'_, S>,
    resp: &mut [S],
    y: &mut [S],
    sample_weight: Option<&[S]>,
    total_weight: S,
) -> Result<S> {
    let mut total = CompensatedSum::new();
    for (i, (row, r)) in crate::matrix::row_iter(x.as_slice(), x.d())
        .zip(crate::matrix::row_iter_mut(resp, sc.k.max(1)))
        .enumerate()
    {
        sc.row(row, r, y);
        let lpn = normalise_row(r).ok_or(Error::Numerical("x"))?;
        match sample_weight.and_then(|w| w.get(i)) {
            Some(&w) => {
                for v in r.iter_mut() {
                    *v *= w;
                }
                total.add(lpn * w);
            }
            None => total.add(lpn),
        }
    }
    let mean = total.value() / total_weight;
    if mean.is_finite() {
        Ok(mean)
    } else {
        Err(Error::Numerical("x"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_sum_exp_is_stable_and_rows_sum_to_one() {
        let mut v = [-1000.0f64, -1001.0, -1e6];
        let lpn = normalise_row(&mut v).unwrap();
        let want = -1000.0 + (1.0 + (-1.0f64).exp()).ln();
        assert!((lpn - want).abs() < 1e-12);
        assert!((v.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        assert_eq!(v[2], 0.0);
        let mut z = [-f32::INFINITY, 0.0];
        assert_eq!(normalise_row(&mut z), Some(0.0));
        assert_eq!(z, [0.0, 1.0]);
        assert_eq!(normalise_row(&mut [-f64::INFINITY; 2]), None);
    }

    #[test]
    fn one_dimensional_density_matches_the_formula() {
        // N(x | 1, 4) with weight 0.25 at x = 2 for every covariance type.
        let x = [2.0f64];
        for ct in CovarianceType::ALL {
            let cov = [4.0];
            let (mut prec, mut ld, mut chol, mut k) = ([0.0], [0.0], [0.0], [0.0]);
            precisions(ct, 1, 1, &cov, &mut prec, &mut ld, &mut chol, "c").unwrap();
            constants(&[0.25], &ld, 1, &mut k);
            let sc = Scorer {
                ct,
                k: 1,
                d: 1,
                means: &[1.0],
                prec: &prec,
                konst: &k,
            };
            let mut out = [0.0];
            sc.row(&x, &mut out, &mut [0.0]);
            let want = 0.25f64.ln() - 0.5 * (2.0 * core::f64::consts::PI * 4.0).ln() - 0.5 * 0.25;
            assert!((out[0] - want).abs() < 1e-14, "{ct:?}");
        }
    }

    #[test]
    fn compensated_sum_keeps_small_terms() {
        let mut s = CompensatedSum::<f32>::new();
        s.add(1e8);
        for _ in 0..1000 {
            s.add(1.0);
        }
        s.add(-1e8);
        assert_eq!(s.value(), 1000.0);
    }
}
