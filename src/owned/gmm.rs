//! `GaussianMixture`: the owned wrapper over [`crate::gmm`].

use crate::error::{Error, Result};
use crate::gmm::{self, CovarianceType, FitResult, GmmInit, GmmParams};
use crate::matrix::Matrix;
use crate::owned::{n_rows, with_workspace};
use crate::scalar::Scalar;
use std::vec;
use std::vec::Vec;

/// The Gaussian-mixture estimator: the core [`GmmParams`] with builder
/// setters, e.g. `GaussianMixture::new(k).covariance_type(ct).fit(&x, d)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GaussianMixture {
    /// The core parameters.
    pub params: GmmParams,
}

/// A Gaussian mixture: `k` weights, `k x d` means and covariances in the layout
/// of `covariance_type` (full `k*d*d`, tied `d*d`, diag `k*d`, spherical `k`).
#[derive(Debug, Clone, PartialEq)]
pub struct GaussianMixtureFit<S> {
    /// Covariance shape.
    pub covariance_type: CovarianceType,
    /// Number of features.
    pub d: usize,
    /// Mixing weights, `k` values.
    pub weights: Vec<S>,
    /// Means, `k * d` values, row-major.
    pub means: Vec<S>,
    /// Covariances (layout of `covariance_type`).
    pub covariances: Vec<S>,
    /// Lower bound, iterations and convergence of the fit (`None` for
    /// [`GaussianMixtureFit::from_model`]).
    pub result: Option<FitResult>,
}

impl GaussianMixture {
    /// Defaults for `k` components ([`GmmParams::new`]).
    pub fn new(k: usize) -> Self {
        GaussianMixture {
            params: GmmParams::new(k),
        }
    }
    /// The estimator of given core parameters.
    pub fn from_params(params: GmmParams) -> Self {
        GaussianMixture { params }
    }
    /// Sets the covariance type.
    pub fn covariance_type(mut self, t: CovarianceType) -> Self {
        self.params = self.params.covariance_type(t);
        self
    }
    /// Sets the iteration limit.
    pub fn max_iter(mut self, v: u32) -> Self {
        self.params = self.params.max_iter(v);
        self
    }
    /// Sets the number of restarts.
    pub fn n_init(mut self, v: u32) -> Self {
        self.params = self.params.n_init(v);
        self
    }
    /// Sets the tolerance on the lower bound.
    pub fn tol(mut self, v: f64) -> Self {
        self.params = self.params.tol(v);
        self
    }
    /// Sets the covariance regularisation.
    pub fn reg_covar(mut self, v: f64) -> Self {
        self.params = self.params.reg_covar(v);
        self
    }
    /// Sets the seed.
    pub fn seed(mut self, v: u64) -> Self {
        self.params = self.params.seed(v);
        self
    }

    /// Fits `x` (`n x d`, row-major, `n = x.len() / d`) from the k-means start
    /// (`InvalidParameter("init")` if the params say `Provided`: use
    /// [`GaussianMixture::fit_from`]).
    pub fn fit<S: Scalar>(&self, x: &[S], d: usize) -> Result<GaussianMixtureFit<S>> {
        self.zero(d)?.refit(&self.params, x, d, None, None)
    }

    /// [`GaussianMixture::fit`] with per-sample weights (`n`, finite, `>= 0`,
    /// not all zero; beyond scikit-learn, see [`gmm::fit_weighted`]).
    pub fn fit_weighted<S: Scalar>(
        &self,
        x: &[S],
        d: usize,
        sample_weight: &[S],
    ) -> Result<GaussianMixtureFit<S>> {
        self.zero(d)?
            .refit(&self.params, x, d, Some(sample_weight), None)
    }

    /// Fits `x` from a provided start (`weights` `k`, `means` `k*d`,
    /// `covariances` in the layout of the covariance type).
    pub fn fit_from<S: Scalar>(
        &self,
        x: &[S],
        d: usize,
        weights: &[S],
        means: &[S],
        covariances: &[S],
    ) -> Result<GaussianMixtureFit<S>> {
        let start = GaussianMixtureFit::from_model(
            self.params.covariance_type,
            d,
            weights.to_vec(),
            means.to_vec(),
            covariances.to_vec(),
        );
        start.refit(&self.params.init(GmmInit::Provided), x, d, None, None)
    }

    /// Fits `x` starting from the hard responsibilities of `labels` (`n`, each
    /// in `0..k`): scikit-learn's k-means start with the caller's labels.
    pub fn fit_from_labels<S: Scalar>(
        &self,
        x: &[S],
        d: usize,
        labels: &[i32],
    ) -> Result<GaussianMixtureFit<S>> {
        self.zero_model(d)?
            .refit(&self.params, x, d, None, Some(labels))
    }

    /// A zero model of the right shape for the k-means start.
    fn zero<S: Scalar>(&self, d: usize) -> Result<GaussianMixtureFit<S>> {
        if self.params.init == GmmInit::Provided {
            return Err(Error::InvalidParameter("init"));
        }
        self.zero_model(d)
    }

    /// A zero model of the right shape.
    fn zero_model<S: Scalar>(&self, d: usize) -> Result<GaussianMixtureFit<S>> {
        let (k, ct) = (self.params.n_components, self.params.covariance_type);
        Ok(GaussianMixtureFit::from_model(
            ct,
            d,
            vec![S::ZERO; k],
            vec![S::ZERO; k.saturating_mul(d)],
            vec![S::ZERO; ct.len(k, d)?],
        ))
    }
}

impl<S: Scalar> GaussianMixtureFit<S> {
    fn refit(
        mut self,
        params: &GmmParams,
        x: &[S],
        d: usize,
        sample_weight: Option<&[S]>,
        labels: Option<&[i32]>,
    ) -> Result<Self> {
        let n = n_rows(x, d)?;
        let xm = Matrix::new(x, n, d)?;
        let layout_params = if labels.is_some() {
            params.init(GmmInit::Provided)
        } else {
            *params
        };
        let (w, m, c) = (&mut self.weights, &mut self.means, &mut self.covariances);
        let r = with_workspace(
            gmm::workspace_size::<S>(n, d, &layout_params)?,
            |ws| match labels {
                Some(l) => gmm::fit_from_labels_weighted(params, xm, l, sample_weight, ws, w, m, c),
                None => gmm::fit_weighted(params, xm, sample_weight, ws, w, m, c),
            },
        )?;
        self.result = Some(r);
        Ok(self)
    }

    /// A model from its parts (e.g. one fitted elsewhere); unchecked until used.
    pub fn from_model(
        covariance_type: CovarianceType,
        d: usize,
        weights: Vec<S>,
        means: Vec<S>,
        covariances: Vec<S>,
    ) -> Self {
        GaussianMixtureFit {
            covariance_type,
            d,
            weights,
            means,
            covariances,
            result: None,
        }
    }

    /// Number of components.
    pub fn k(&self) -> usize {
        self.weights.len()
    }

    fn run(
        &self,
        x: &[S],
        labels: Option<&mut [i32]>,
        proba: Option<&mut [S]>,
        ll: Option<&mut [S]>,
    ) -> Result<()> {
        let xm = Matrix::new(x, n_rows(x, self.d)?, self.d)?;
        let layout = gmm::predict_workspace_size::<S>(self.k(), self.d, self.covariance_type)?;
        with_workspace(layout, |ws| {
            gmm::predict(
                &self.weights,
                &self.means,
                &self.covariances,
                self.k(),
                self.covariance_type,
                xm,
                ws,
                labels,
                proba,
                ll,
            )
        })
    }

    /// The most probable component of each sample of `x` (`n x d`).
    pub fn predict(&self, x: &[S]) -> Result<Vec<i32>> {
        let mut out = vec![0; n_rows(x, self.d)?];
        self.run(x, Some(&mut out), None, None)?;
        Ok(out)
    }

    /// Responsibilities, `m * k` values (rows sum to 1).
    pub fn predict_proba(&self, x: &[S]) -> Result<Vec<S>> {
        let m = n_rows(x, self.d)?;
        let mut out = vec![
            S::ZERO;
            m.checked_mul(self.k())
                .ok_or(Error::InvalidShape("proba"))?
        ];
        self.run(x, None, Some(&mut out), None)?;
        Ok(out)
    }

    /// Log-likelihood of each sample (scikit-learn's `score_samples`).
    pub fn score_samples(&self, x: &[S]) -> Result<Vec<S>> {
        let mut out = vec![S::ZERO; n_rows(x, self.d)?];
        self.run(x, None, None, Some(&mut out))?;
        Ok(out)
    }

    /// Bayesian information criterion on `x` (`n x d`).
    pub fn bic(&self, x: &[S]) -> Result<f64> {
        let xm = Matrix::new(x, n_rows(x, self.d)?, self.d)?;
        let layout = gmm::predict_workspace_size::<S>(self.k(), self.d, self.covariance_type)?;
        with_workspace(layout, |ws| {
            gmm::bic(
                &self.weights,
                &self.means,
                &self.covariances,
                self.k(),
                self.covariance_type,
                xm,
                ws,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    fn two_blobs(n: usize) -> Vec<f64> {
        let mut rng = Rng::new(5);
        let mut x = Vec::new();
        for i in 0..n {
            let c = if i % 2 == 0 { -4.0 } else { 4.0 };
            x.push(c + rng.next_f64() - 0.5);
            x.push(rng.next_f64() - 0.5);
        }
        x
    }

    #[test]
    fn fits_and_scores_two_blobs() {
        let x = two_blobs(200);
        for ct in CovarianceType::ALL {
            let gm = GaussianMixture::new(2)
                .covariance_type(ct)
                .fit(&x, 2)
                .unwrap();
            let r = gm.result.unwrap();
            assert!(r.converged && r.lower_bound.is_finite(), "{ct:?}");
            assert!((gm.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            let labels = gm.predict(&x).unwrap();
            // Alternating blobs get alternating labels.
            assert!(labels.chunks(2).all(|p| p[0] != p[1]), "{ct:?}");
            assert!(labels.iter().all(|&l| l == labels[0] || l == labels[1]));
            let proba = gm.predict_proba(&x).unwrap();
            for row in proba.chunks(2) {
                assert!((row[0] + row[1] - 1.0).abs() < 1e-12);
            }
            let ll = gm.score_samples(&x).unwrap();
            // The lower bound is the mean log-likelihood before the last M-step; at convergence they agree to tol.
            let mean = ll.iter().sum::<f64>() / 200.0;
            assert!((mean - r.lower_bound).abs() < 1e-3, "{ct:?}");
            let bic = gm.bic(&x).unwrap();
            let want = -2.0 * ll.iter().sum::<f64>() + ct.n_parameters(2, 2) * (200f64).ln();
            assert!((bic - want).abs() < 1e-9 * want.abs(), "{ct:?}");
        }
    }

    #[test]
    fn provided_start_and_labels_start() {
        let x = two_blobs(100);
        let p = GaussianMixture::new(2).covariance_type(CovarianceType::Diag);
        let gm = p
            .fit_from(&x, 2, &[0.5, 0.5], &[-1.0, 0.0, 1.0, 0.0], &[1.0; 4])
            .unwrap();
        let labels: Vec<i32> = (0..100).map(|i| i % 2).collect();
        let gl = p.fit_from_labels(&x, 2, &labels).unwrap();
        for (a, b) in gm.means.iter().zip(&gl.means) {
            assert!((a - b).abs() < 1e-6);
        }
        // Weights of 2 on every sample: the same model as no weights (k-means start).
        let a = p.fit_weighted(&x, 2, &[2.0; 100]).unwrap();
        let b = p.fit(&x, 2).unwrap();
        for (u, v) in a.means.iter().zip(&b.means) {
            assert!((u - v).abs() < 1e-9);
        }
        assert_eq!(
            GaussianMixture::from_params(p.params.init(GmmInit::Provided))
                .fit(&x, 2)
                .unwrap_err(),
            Error::InvalidParameter("init")
        );
    }
}
