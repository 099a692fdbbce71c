//! Gaussian mixtures fitted by EM (scikit-learn's `GaussianMixture`): four
//! covariance types, k-means or provided start, `n_init` restarts, prediction
//! of labels, responsibilities and log-likelihoods, and the BIC.
//!
//! Files (the family template, see `docs/architecture.md`):
//! - `params.rs`: [`GmmParams`], [`CovarianceType`], [`GmmInit`], defaults.
//! - `fit.rs`: the EM loop ([`fit`], [`fit_from_labels`], [`workspace_size`])
//!   and its scratch declaration.
//! - `predict.rs`: labels / proba / score_samples ([`predict()`]) and its scratch;
//!   `bic.rs`: [`bic()`].
//! - internal steps: `init.rs` (the k-means start), `estep.rs` (log-probabilities
//!   via precision Cholesky factors, log-sum-exp), `covariance.rs` (the M-step
//!   estimates), `cholesky.rs` (factor, triangular solve, precision factor,
//!   log-determinant).

mod bic;
mod cholesky;
mod covariance;
mod estep;
mod fit;
mod init;
mod params;
mod predict;

pub use bic::bic;
pub use fit::{
    fit, fit_from_labels, fit_from_labels_weighted, fit_weighted, workspace_size, FitResult,
};
pub use params::{CovarianceType, GmmInit, GmmParams};
pub use predict::{predict, predict_workspace_size};
