//! [`Gmm`]: a Gaussian mixture with its model and workspace in one value.

use crate::error::{Error, Result};
use crate::gmm::{self, FitResult, GmmParams};
use crate::matrix::Matrix;
use crate::scalar::Scalar;

/// A Gaussian mixture of fixed capacity: at most `N` samples per fit, `D`
/// features, `K` components, and a workspace of `W` bytes (at least
/// [`gmm_bytes`](super::gmm_bytes)`::<S>(N, D, K)`, checked when the program is
/// compiled; spell the type with [`fixed_gmm!`](crate::fixed_gmm)). The
/// covariances have room for the full type (`K * D * D` values); the
/// parameters' `covariance_type` says how many are used ([`Gmm::covariances`]).
///
/// Every method calls the core ([`crate::gmm`]) and gives its results bit for bit.
#[derive(Debug, Clone)]
pub struct Gmm<S: Scalar, const N: usize, const D: usize, const K: usize, const W: usize> {
    params: GmmParams,
    weights: [S; K],
    means: [[S; D]; K],
    covariances: [[[S; D]; D]; K],
    result: Option<FitResult>,
    workspace: [u8; W],
}

impl<S: Scalar, const N: usize, const D: usize, const K: usize, const W: usize> Gmm<S, N, D, K, W> {
    /// The workspace these capacities need ([`gmm_bytes`](super::gmm_bytes)).
    pub const WORKSPACE_BYTES: usize = super::gmm_bytes::<S>(N, D, K);

    /// Evaluated by [`Gmm::new`]: a failed assertion is a compile error.
    const CAPACITY_CHECK: () = {
        assert!(D >= 1 && K >= 1, "Gmm: D and K must be at least 1");
        assert!(K <= N, "Gmm: K components need at least K samples (K <= N)");
        assert!(
            W >= Self::WORKSPACE_BYTES,
            "Gmm: W is below gmm_bytes::<S>(N, D, K); spell the type with fixed_gmm!"
        );
    };

    /// A model with `params` (its `n_components` is set to `K`) and a zero
    /// model. `const`: it can initialise a `static`.
    pub const fn new(params: GmmParams) -> Self {
        #[allow(clippy::let_unit_value)]
        let () = Self::CAPACITY_CHECK;
        let mut params = params;
        params.n_components = K;
        Gmm {
            params,
            weights: [S::ZERO; K],
            means: [[S::ZERO; D]; K],
            covariances: [[[S::ZERO; D]; D]; K],
            result: None,
            workspace: [0; W],
        }
    }

    /// The parameters (`n_components == K`).
    pub fn params(&self) -> &GmmParams {
        &self.params
    }

    /// The number of covariance values the covariance type uses.
    fn cov_len(&self) -> Result<usize> {
        self.params.covariance_type.len(K, D)
    }

    /// Fits the rows of `x` (`K..=N` rows) with optional per-sample weights;
    /// see [`gmm::fit_weighted`]. With `GmmInit::Provided` the current model
    /// (set by [`set_model`](Gmm::set_model)) is the start.
    pub fn fit(&mut self, x: &[[S; D]], sample_weight: Option<&[S]>) -> Result<FitResult> {
        let n = x.len();
        if n > N {
            return Err(Error::InvalidShape("x"));
        }
        let xm = Matrix::new(x.as_flattened(), n, D)?;
        let len = self.cov_len()?;
        let cov = self
            .covariances
            .as_flattened_mut()
            .as_flattened_mut()
            .get_mut(..len)
            .ok_or(Error::InvalidShape("covariances"))?;
        let r = gmm::fit_weighted(
            &self.params,
            xm,
            sample_weight,
            &mut self.workspace,
            &mut self.weights,
            self.means.as_flattened_mut(),
            cov,
        )?;
        self.result = Some(r);
        Ok(r)
    }

    /// Sets the model (for `GmmInit::Provided` or to predict with a stored
    /// one): `covariances` holds the values of the covariance type (full
    /// `K*D*D`, tied `D*D`, diag `K*D`, spherical `K`). Checked when used.
    pub fn set_model(
        &mut self,
        weights: &[S; K],
        means: &[[S; D]; K],
        covariances: &[S],
    ) -> Result<()> {
        let len = self.cov_len()?;
        let cov = self.covariances.as_flattened_mut().as_flattened_mut();
        match cov.get_mut(..len) {
            Some(c) if covariances.len() == len => c.copy_from_slice(covariances),
            _ => return Err(Error::InvalidShape("covariances")),
        }
        self.weights = *weights;
        self.means = *means;
        Ok(())
    }

    /// Runs the core predict with the requested outputs.
    fn run(
        &mut self,
        x: &[[S; D]],
        labels: Option<&mut [i32]>,
        proba: Option<&mut [S]>,
        log_likelihood: Option<&mut [S]>,
    ) -> Result<()> {
        let xm = Matrix::new(x.as_flattened(), x.len(), D)?;
        let len = self.cov_len()?;
        let cov = self
            .covariances
            .as_flattened()
            .as_flattened()
            .get(..len)
            .ok_or(Error::InvalidShape("covariances"))?;
        gmm::predict(
            &self.weights,
            self.means.as_flattened(),
            cov,
            K,
            self.params.covariance_type,
            xm,
            &mut self.workspace,
            labels,
            proba,
            log_likelihood,
        )
    }

    /// The most probable component of each row (`labels`: `x.len()` values).
    pub fn predict(&mut self, x: &[[S; D]], labels: &mut [i32]) -> Result<()> {
        self.run(x, Some(labels), None, None)
    }

    /// The responsibilities of each row (rows sum to 1).
    pub fn predict_proba(&mut self, x: &[[S; D]], proba: &mut [[S; K]]) -> Result<()> {
        self.run(x, None, Some(proba.as_flattened_mut()), None)
    }

    /// The log-likelihood of each row (scikit-learn's `score_samples`).
    pub fn score_samples(&mut self, x: &[[S; D]], out: &mut [S]) -> Result<()> {
        self.run(x, None, None, Some(out))
    }

    /// The component weights.
    pub fn weights(&self) -> &[S; K] {
        &self.weights
    }

    /// The component means.
    pub fn means(&self) -> &[[S; D]; K] {
        &self.means
    }

    /// The covariances in use (as many values as the covariance type has).
    pub fn covariances(&self) -> &[S] {
        let all = self.covariances.as_flattened().as_flattened();
        self.cov_len()
            .ok()
            .and_then(|len| all.get(..len))
            .unwrap_or(&[])
    }

    /// Lower bound, iterations and convergence of the last fit.
    pub fn result(&self) -> Option<FitResult> {
        self.result
    }
}
