//! Gaussian mixtures fitted by EM (scikit-learn's `GaussianMixture`): four
//! covariance types, k-means or provided start, `n_init` restarts, prediction
//! of labels, responsibilities and log-likelihoods, and the BIC.
//!
//! - [`params`]: [`GmmParams`], [`CovarianceType`], [`GmmInit`], defaults.
//! - [`cholesky`]: factor, triangular solve, precision factor, log-determinant.
//! - [`covariance`]: the M-step estimates.
//! - [`estep`]: log-probabilities via precision Cholesky factors, log-sum-exp.
//! - [`em`]: the fit loop ([`fit`], [`fit_from_labels`], [`workspace_size`]).
//! - [`init`]: the k-means start.
//! - [`partial`]: one EM iteration split into row ranges with exactly mergeable statistics.
//! - [`predict`](mod@predict): labels / proba / score_samples; [`bic`](mod@bic).

pub mod bic;
pub mod cholesky;
pub mod covariance;
pub mod em;
pub mod estep;
pub mod init;
pub mod params;
pub mod partial;
pub mod predict;

pub use bic::bic;
pub use em::{
    fit, fit_from_labels, fit_from_labels_weighted, fit_weighted, workspace_size, FitResult,
};
pub use params::{CovarianceType, GmmInit, GmmParams};
pub use predict::{predict, predict_workspace_size};
