//! The Bayesian information criterion of a mixture on data (scikit-learn's
//! `GaussianMixture.bic`): `-2 * sum_i ln p(x_i) + n_parameters * ln(n)`.

use super::estep::{self, CompensatedSum};
use super::params::CovarianceType;
use super::predict::{cannot_overflow, prepare};
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::scalar::Scalar;

/// BIC of the mixture on `x` (lower is better). Workspace:
/// [`super::predict_workspace_size`]. The log-likelihoods are summed with
/// compensation in the data's type. Errors as [`super::predict()`].
pub fn bic<S: Scalar>(
    weights: &[S],
    means: &[S],
    covariances: &[S],
    k: usize,
    ct: CovarianceType,
    x: Matrix<'_, S>,
    workspace: &mut [u8],
) -> Result<f64> {
    let (n, d) = (x.n(), x.d());
    let pr = prepare(weights, means, covariances, k, d, ct, workspace)?;
    let (sc, y, row) = (pr.scorer, pr.y, pr.row);
    let _ = cannot_overflow(&x, &sc);
    let mut total = CompensatedSum::new();
    for xi in x.rows() {
        sc.row(xi, row, y);
        total.add(estep::normalise_row(row).ok_or(Error::Numerical("x"))?);
    }
    let ll = total.value().to_f64();
    let bic = -2.0 * ll + ct.n_parameters(k, d) * Scalar::ln(n as f64);
    if bic.is_finite() && ll.is_finite() {
        Ok(bic)
    } else {
        Err(Error::Numerical("x"))
    }
}
