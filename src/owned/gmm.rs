//! `GaussianMixture`: the owned wrapper over [`crate::gmm`].

use crate::error::{Error, Result};
use crate::gmm::{self, CovarianceType, FitResult, GmmInit, GmmParams};
use crate::matrix::Matrix;
use crate::owned::with_workspace;
use crate::scalar::Scalar;
use std::vec;
use std::vec::Vec;

/// A Gaussian mixture: `k` weights, `k x d` means and covariances in the layout
/// of `covariance_type` (full `k*d*d`, tied `d*d`, diag `k*d`, spherical `k`).
#[derive(Debug, Clone, PartialEq)]
pub struct GaussianMixture<S> {
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
    /// [`GaussianMixture::from_model`]).
    pub result: Option<FitResult>,
}

impl<S: Scalar> GaussianMixture<S> {
    /// Fits `x` (`n x d`, row-major) with `params` (its `init` must be the
    /// k-means start; use [`GaussianMixture::fit_from`] for a provided one).
    pub fn fit(params: &GmmParams, x: &[S], n: usize, d: usize) -> Result<Self> {
        if params.init == GmmInit::Provided {
            return Err(Error::InvalidParameter("init"));
        }
        let k = params.n_components;
        let ct = params.covariance_type;
        let zero = Self::from_model(
            ct,
            d,
            vec![S::ZERO; k],
            vec![S::ZERO; k.saturating_mul(d)],
            vec![S::ZERO; ct.len(k, d)?],
        );
        zero.refit(params, x, n, d, None)
    }

    /// [`GaussianMixture::fit`] with per-sample weights (`n`, finite, `>= 0`,
    /// not all zero; beyond scikit-learn, see [`gmm::fit_weighted`]).
    pub fn fit_weighted(
        params: &GmmParams,
        x: &[S],
        n: usize,
        d: usize,
        sample_weight: &[S],
    ) -> Result<Self> {
        let k = params.n_components;
        let ct = params.covariance_type;
        let mut gm = if params.init == GmmInit::Provided {
            return Err(Error::InvalidParameter("init"));
        } else {
            Self::from_model(
                ct,
                d,
                vec![S::ZERO; k],
                vec![S::ZERO; k.saturating_mul(d)],
                vec![S::ZERO; ct.len(k, d)?],
            )
        };
        let xm = Matrix::new(x, n, d)?;
        let r = with_workspace(gmm::workspace_size::<S>(n, d, params)?, |ws| {
            gmm::fit_weighted(
                params,
                xm,
                Some(sample_weight),
                ws,
                &mut gm.weights,
                &mut gm.means,
                &mut gm.covariances,
            )
        })?;
        gm.result = Some(r);
        Ok(gm)
    }

    /// Fits `x` from a provided start (`weights` `k`, `means` `k*d`,
    /// `covariances` in the layout of `params.covariance_type`).
    pub fn fit_from(
        params: &GmmParams,
        x: &[S],
        n: usize,
        d: usize,
        weights: &[S],
        means: &[S],
        covariances: &[S],
    ) -> Result<Self> {
        let start = Self::from_model(
            params.covariance_type,
            d,
            weights.to_vec(),
            means.to_vec(),
            covariances.to_vec(),
        );
        start.refit(&params.init(GmmInit::Provided), x, n, d, None)
    }

    /// Fits `x` starting from the hard responsibilities of `labels` (`n`, each
    /// in `0..k`): scikit-learn's k-means start with the caller's labels.
    pub fn fit_from_labels(
        params: &GmmParams,
        x: &[S],
        n: usize,
        d: usize,
        labels: &[i32],
    ) -> Result<Self> {
        let k = params.n_components;
        let ct = params.covariance_type;
        let zero = Self::from_model(
            ct,
            d,
            vec![S::ZERO; k],
            vec![S::ZERO; k.saturating_mul(d)],
            vec![S::ZERO; ct.len(k, d)?],
        );
        zero.refit(params, x, n, d, Some(labels))
    }

    fn refit(
        mut self,
        params: &GmmParams,
        x: &[S],
        n: usize,
        d: usize,
        labels: Option<&[i32]>,
    ) -> Result<Self> {
        let xm = Matrix::new(x, n, d)?;
        let layout_params = if labels.is_some() {
            params.init(GmmInit::Provided)
        } else {
            *params
        };
        let r = with_workspace(
            gmm::workspace_size::<S>(n, d, &layout_params)?,
            |ws| match labels {
                Some(l) => gmm::fit_from_labels(
                    params,
                    xm,
                    l,
                    ws,
                    &mut self.weights,
                    &mut self.means,
                    &mut self.covariances,
                ),
                None => gmm::fit(
                    params,
                    xm,
                    ws,
                    &mut self.weights,
                    &mut self.means,
                    &mut self.covariances,
                ),
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
        GaussianMixture {
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
        m: usize,
        labels: Option<&mut [i32]>,
        proba: Option<&mut [S]>,
        ll: Option<&mut [S]>,
    ) -> Result<()> {
        let xm = Matrix::new(x, m, self.d)?;
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

    /// The most probable component of each of the `m` samples of `x`.
    pub fn predict(&self, x: &[S], m: usize) -> Result<Vec<i32>> {
        let mut out = vec![0; m];
        self.run(x, m, Some(&mut out), None, None)?;
        Ok(out)
    }

    /// Responsibilities, `m * k` values (rows sum to 1).
    pub fn predict_proba(&self, x: &[S], m: usize) -> Result<Vec<S>> {
        let mut out = vec![
            S::ZERO;
            m.checked_mul(self.k())
                .ok_or(Error::InvalidShape("proba"))?
        ];
        self.run(x, m, None, Some(&mut out), None)?;
        Ok(out)
    }

    /// Log-likelihood of each sample (scikit-learn's `score_samples`).
    pub fn score_samples(&self, x: &[S], m: usize) -> Result<Vec<S>> {
        let mut out = vec![S::ZERO; m];
        self.run(x, m, None, None, Some(&mut out))?;
        Ok(out)
    }

    /// Bayesian information criterion on `x` (`n x d`).
    pub fn bic(&self, x: &[S], n: usize) -> Result<f64> {
        let xm = Matrix::new(x, n, self.d)?;
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
            let gm =
                GaussianMixture::fit(&GmmParams::new(2).covariance_type(ct), &x, 200, 2).unwrap();
            let r = gm.result.unwrap();
            assert!(r.converged && r.lower_bound.is_finite(), "{ct:?}");
            assert!((gm.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            let labels = gm.predict(&x, 200).unwrap();
            // Alternating blobs get alternating labels.
            assert!(labels.chunks(2).all(|p| p[0] != p[1]), "{ct:?}");
            assert!(labels.iter().all(|&l| l == labels[0] || l == labels[1]));
            let proba = gm.predict_proba(&x, 200).unwrap();
            for row in proba.chunks(2) {
                assert!((row[0] + row[1] - 1.0).abs() < 1e-12);
            }
            let ll = gm.score_samples(&x, 200).unwrap();
            // The lower bound is the mean log-likelihood before the last M-step; at convergence they agree to tol.
            let mean = ll.iter().sum::<f64>() / 200.0;
            assert!((mean - r.lower_bound).abs() < 1e-3, "{ct:?}");
            let bic = gm.bic(&x, 200).unwrap();
            let want = -2.0 * ll.iter().sum::<f64>() + ct.n_parameters(2, 2) * (200f64).ln();
            assert!((bic - want).abs() < 1e-9 * want.abs(), "{ct:?}");
        }
    }

    #[test]
    fn provided_start_and_labels_start() {
        let x = two_blobs(100);
        let p = GmmParams::new(2).covariance_type(CovarianceType::Diag);
        let gm = GaussianMixture::fit_from(
            &p,
            &x,
            100,
            2,
            &[0.5, 0.5],
            &[-1.0, 0.0, 1.0, 0.0],
            &[1.0; 4],
        )
        .unwrap();
        let labels: Vec<i32> = (0..100).map(|i| i % 2).collect();
        let gl = GaussianMixture::fit_from_labels(&p, &x, 100, 2, &labels).unwrap();
        for (a, b) in gm.means.iter().zip(&gl.means) {
            assert!((a - b).abs() < 1e-6);
        }
        // Weights of 2 on every sample: the same model as no weights (k-means start).
        let a = GaussianMixture::fit_weighted(&p, &x, 100, 2, &[2.0; 100]).unwrap();
        let b = GaussianMixture::fit(&p, &x, 100, 2).unwrap();
        for (u, v) in a.means.iter().zip(&b.means) {
            assert!((u - v).abs() < 1e-9);
        }
        assert_eq!(
            GaussianMixture::fit(&p.init(GmmInit::Provided), &x, 100, 2).unwrap_err(),
            Error::InvalidParameter("init")
        );
    }
}
