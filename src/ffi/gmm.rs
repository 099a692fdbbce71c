//! C ABI of the Gaussian-mixture family (`nanoclust_gmm_*`).

use crate::error::{Error, Result};
use crate::ffi::raw;
use crate::ffi::status::nanoclust_status;
use crate::gmm::{self, CovarianceType, GmmInit, GmmParams};
use crate::scalar::Scalar;
use core::ffi::c_void;

/// One full d x d covariance matrix per component: k*d*d values, row-major.
pub const NANOCLUST_COVARIANCE_FULL: u32 = 0;
/// One full d x d covariance matrix shared by all components: d*d values.
pub const NANOCLUST_COVARIANCE_TIED: u32 = 1;
/// One diagonal (variances) per component: k*d values.
pub const NANOCLUST_COVARIANCE_DIAG: u32 = 2;
/// One variance per component: k values.
pub const NANOCLUST_COVARIANCE_SPHERICAL: u32 = 3;

/// Start from k-means (scikit-learn's default `init_params='kmeans'`):
/// hard responsibilities from the labels of one k-means run (nanoclust's
/// k-means++, seeded from `seed`; run r of n_init uses the r-th draw of
/// nanoclust's PRNG), then one M-step.
pub const NANOCLUST_GMM_INIT_KMEANS: u32 = 0;
/// Start from the caller's model: `weights`, `means` and `covariances` hold it
/// on entry. Covariances, not precisions (scikit-learn's `precisions_init`
/// takes their inverses); only the lower triangle of full/tied matrices is
/// read. Weights must lie in [0, 1] and sum to 1 within 1e-6 (float) / 1e-8
/// (double). n_init is treated as 1.
pub const NANOCLUST_GMM_INIT_PROVIDED: u32 = 1;

/// Parameters of a Gaussian-mixture fit. Get the defaults from
/// `nanoclust_gmm_params_default` and change what you need.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct nanoclust_gmm_params {
    /// Number of components k, 1 <= k <= n.
    pub n_components: u32,
    /// NANOCLUST_COVARIANCE_* (default FULL).
    pub covariance_type: u32,
    /// EM iterations per run, >= 1 (default 100).
    pub max_iter: u32,
    /// Runs, >= 1 (default 1); the highest final lower bound wins. Treated as 1 for PROVIDED.
    pub n_init: u32,
    /// >= 0, finite (default 1e-3): a run stops when the mean log-likelihood lower bound changes by less.
    pub tol: f64,
    /// >= 0, finite (default 1e-6): added to the diagonal of every estimated covariance.
    pub reg_covar: f64,
    /// NANOCLUST_GMM_INIT_* (default KMEANS).
    pub init: u32,
    /// Seed of the k-means start (default 0).
    pub seed: u64,
}

/// What a fit reports besides the model.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct nanoclust_gmm_result {
    /// Mean log-likelihood per sample of the winning run (at its last E-step, as scikit-learn's lower_bound_).
    pub lower_bound: f64,
    /// EM iterations of the winning run.
    pub n_iter: u32,
    /// 1 if the winning run met tol, else 0.
    pub converged: u32,
}

impl nanoclust_gmm_params {
    fn to_params(self) -> Result<GmmParams> {
        Ok(GmmParams {
            n_components: self.n_components as usize,
            covariance_type: CovarianceType::from_u32(self.covariance_type)?,
            max_iter: self.max_iter,
            n_init: self.n_init,
            tol: self.tol,
            reg_covar: self.reg_covar,
            init: GmmInit::from_u32(self.init)?,
            seed: self.seed,
        })
    }
}

impl From<GmmParams> for nanoclust_gmm_params {
    fn from(p: GmmParams) -> Self {
        nanoclust_gmm_params {
            n_components: u32::try_from(p.n_components).unwrap_or(u32::MAX),
            covariance_type: p.covariance_type as u32,
            max_iter: p.max_iter,
            n_init: p.n_init,
            tol: p.tol,
            reg_covar: p.reg_covar,
            init: p.init as u32,
            seed: p.seed,
        }
    }
}

/// The default parameters for `n_components` components (scikit-learn's):
/// FULL covariances, max_iter 100, n_init 1, tol 1e-3, reg_covar 1e-6,
/// KMEANS init, seed 0.
#[no_mangle]
pub extern "C" fn nanoclust_gmm_params_default(n_components: u32) -> nanoclust_gmm_params {
    GmmParams::new(n_components as usize).into()
}

fn workspace_size_impl<S: Scalar>(
    n: usize,
    d: usize,
    params: *const nanoclust_gmm_params,
    bytes_out: *mut usize,
) -> Result<()> {
    let p = raw::read(params, "params")?.to_params()?;
    let out = raw::out(bytes_out, "bytes_out")?;
    *out = gmm::workspace_size::<S>(n, d, &p)?.bytes();
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn fit_impl<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    sample_weight: *const S,
    params: *const nanoclust_gmm_params,
    workspace: *mut c_void,
    workspace_bytes: usize,
    weights: *mut S,
    means: *mut S,
    covariances: *mut S,
    result: *mut nanoclust_gmm_result,
) -> Result<()> {
    let p = raw::read(params, "params")?.to_params()?;
    let x = raw::matrix(x, n, d, "x")?;
    p.check(n)?;
    let k = p.n_components;
    let kd = k.checked_mul(d).ok_or(Error::InvalidShape("means"))?;
    let clen = p
        .covariance_type
        .len(k, d)
        .map_err(|_| Error::InvalidShape("covariances"))?;
    let weights = raw::slice_mut(weights, k, "weights")?;
    let means = raw::slice_mut(means, kd, "means")?;
    let covariances = raw::slice_mut(covariances, clen, "covariances")?;
    let sw = raw::opt_slice(sample_weight, n, "sample_weight")?;
    let result = raw::opt_out(result, "result")?;
    let ws = raw::workspace(workspace, workspace_bytes)?;
    let r = gmm::fit_weighted(&p, x, sw, ws, weights, means, covariances)?;
    if let Some(out) = result {
        *out = nanoclust_gmm_result {
            lower_bound: r.lower_bound,
            n_iter: r.n_iter,
            converged: r.converged as u32,
        };
    }
    Ok(())
}

/// The model arrays of predict/bic as slices: weights k, means k*d, covariances per type.
fn model<'a, S: Scalar>(
    weights: *const S,
    means: *const S,
    covariances: *const S,
    k: usize,
    d: usize,
    ct: CovarianceType,
) -> Result<(&'a [S], &'a [S], &'a [S])> {
    if k == 0 || k > i32::MAX as usize {
        return Err(Error::InvalidShape("weights"));
    }
    if d == 0 {
        return Err(Error::InvalidShape("means"));
    }
    let kd = k.checked_mul(d).ok_or(Error::InvalidShape("means"))?;
    let clen = ct
        .len(k, d)
        .map_err(|_| Error::InvalidShape("covariances"))?;
    Ok((
        raw::slice(weights, k, "weights")?,
        raw::slice(means, kd, "means")?,
        raw::slice(covariances, clen, "covariances")?,
    ))
}

fn predict_workspace_size_impl<S: Scalar>(
    k: usize,
    d: usize,
    covariance_type: u32,
    bytes_out: *mut usize,
) -> Result<()> {
    let ct = CovarianceType::from_u32(covariance_type)?;
    let out = raw::out(bytes_out, "bytes_out")?;
    *out = gmm::predict_workspace_size::<S>(k, d, ct)?.bytes();
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn predict_impl<S: Scalar>(
    weights: *const S,
    means: *const S,
    covariances: *const S,
    k: usize,
    d: usize,
    covariance_type: u32,
    x: *const S,
    m: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    labels: *mut i32,
    proba: *mut S,
    log_likelihood: *mut S,
) -> Result<()> {
    let ct = CovarianceType::from_u32(covariance_type)?;
    let (w, mu, cv) = model(weights, means, covariances, k, d, ct)?;
    let x = raw::matrix(x, m, d, "x")?;
    let mk = m.checked_mul(k).ok_or(Error::InvalidShape("proba"))?;
    let labels = raw::opt_slice_mut(labels, m, "labels")?;
    let proba = raw::opt_slice_mut(proba, mk, "proba")?;
    let ll = raw::opt_slice_mut(log_likelihood, m, "log_likelihood")?;
    let ws = raw::workspace(workspace, workspace_bytes)?;
    gmm::predict(w, mu, cv, k, ct, x, ws, labels, proba, ll)
}

#[allow(clippy::too_many_arguments)]
fn bic_impl<S: Scalar>(
    weights: *const S,
    means: *const S,
    covariances: *const S,
    k: usize,
    d: usize,
    covariance_type: u32,
    x: *const S,
    n: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    bic_out: *mut f64,
) -> Result<()> {
    let ct = CovarianceType::from_u32(covariance_type)?;
    let (w, mu, cv) = model(weights, means, covariances, k, d, ct)?;
    let x = raw::matrix(x, n, d, "x")?;
    let out = raw::out(bic_out, "bic_out")?;
    let ws = raw::workspace(workspace, workspace_bytes)?;
    *out = gmm::bic(w, mu, cv, k, ct, x, ws)?;
    Ok(())
}

/// Writes to `*bytes_out` the exact workspace size in bytes (alignment slack
/// included) of `nanoclust_gmm_fit_f32` for `n` samples of `d` features and
/// `params`: O(n*k + k*d*d). Returns NANOCLUST_ERR_NULL_POINTER (params,
/// bytes_out), _INVALID_SHAPE (n or d is 0), _INVALID_PARAMETER (a bad
/// parameter, k > n, or the KMEANS init, which is not yet built),
/// _SIZE_OVERFLOW.
#[no_mangle]
pub extern "C" fn nanoclust_gmm_workspace_size_f32(
    n: usize,
    d: usize,
    params: *const nanoclust_gmm_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| workspace_size_impl::<f32>(n, d, params, bytes_out))
}

/// As `nanoclust_gmm_workspace_size_f32`, for `nanoclust_gmm_fit_f64`.
#[no_mangle]
pub extern "C" fn nanoclust_gmm_workspace_size_f64(
    n: usize,
    d: usize,
    params: *const nanoclust_gmm_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| workspace_size_impl::<f64>(n, d, params, bytes_out))
}

/// Fits a Gaussian mixture by EM (scikit-learn GaussianMixture semantics).
///
/// `x`: n*d floats, row-major, finite. `params`: see nanoclust_gmm_params.
/// `workspace`: `workspace_bytes` bytes of scratch, any alignment, at least
/// what nanoclust_gmm_workspace_size_f32 reported (NULL if that was 0).
/// Outputs (caller-owned, must not overlap `x` or the workspace):
/// `weights` k, `means` k*d, `covariances` k*d*d (FULL, row-major), d*d
/// (TIED), k*d (DIAG) or k (SPHERICAL); with NANOCLUST_GMM_INIT_PROVIDED they
/// hold the start on entry. `result` may be NULL.
/// Every covariance gets reg_covar on its diagonal. No final E-step is needed:
/// nanoclust_gmm_predict_f32 on the returned model gives the labels.
///
/// Returns NANOCLUST_OK, _ERR_NULL_POINTER, _INVALID_SHAPE, _INVALID_PARAMETER,
/// _NON_FINITE (x or the provided start), _WORKSPACE_TOO_SMALL, _SIZE_OVERFLOW,
/// or _NUMERICAL (a covariance not positive definite after reg_covar, or a
/// provided one that is not; a log-likelihood that overflows). On any error the
/// outputs are untouched.
#[no_mangle]
pub extern "C" fn nanoclust_gmm_fit_f32(
    x: *const f32,
    n: usize,
    d: usize,
    params: *const nanoclust_gmm_params,
    workspace: *mut c_void,
    workspace_bytes: usize,
    weights: *mut f32,
    means: *mut f32,
    covariances: *mut f32,
    result: *mut nanoclust_gmm_result,
) -> nanoclust_status {
    raw::status(|| {
        fit_impl(
            x,
            n,
            d,
            core::ptr::null(),
            params,
            workspace,
            workspace_bytes,
            weights,
            means,
            covariances,
            result,
        )
    })
}

/// As `nanoclust_gmm_fit_f32`, with double data and model.
#[no_mangle]
pub extern "C" fn nanoclust_gmm_fit_f64(
    x: *const f64,
    n: usize,
    d: usize,
    params: *const nanoclust_gmm_params,
    workspace: *mut c_void,
    workspace_bytes: usize,
    weights: *mut f64,
    means: *mut f64,
    covariances: *mut f64,
    result: *mut nanoclust_gmm_result,
) -> nanoclust_status {
    raw::status(|| {
        fit_impl(
            x,
            n,
            d,
            core::ptr::null(),
            params,
            workspace,
            workspace_bytes,
            weights,
            means,
            covariances,
            result,
        )
    })
}

/// Beyond the contract: `nanoclust_gmm_fit_f32` with optional per-sample
/// weights (scikit-learn's GaussianMixture has none). `sample_weight`: n
/// floats, finite, >= 0, not all zero, or NULL for all ones. Each sample's
/// responsibilities count `sample_weight[i]` times in the M-step and the lower
/// bound is the weighted mean log-likelihood; from a PROVIDED start, integer
/// weights give the model of the data with each row repeated that many times
/// (up to rounding). The KMEANS start runs weighted k-means (its random draws
/// differ from those on repeated rows). Workspace: nanoclust_gmm_workspace_size_f32.
/// Statuses as nanoclust_gmm_fit_f32 (a negative weight or all-zero weights is
/// NANOCLUST_ERR_INVALID_PARAMETER, NaN/Inf NANOCLUST_ERR_NON_FINITE).
#[no_mangle]
pub extern "C" fn nanoclust_gmm_fit_weighted_f32(
    x: *const f32,
    n: usize,
    d: usize,
    sample_weight: *const f32,
    params: *const nanoclust_gmm_params,
    workspace: *mut c_void,
    workspace_bytes: usize,
    weights: *mut f32,
    means: *mut f32,
    covariances: *mut f32,
    result: *mut nanoclust_gmm_result,
) -> nanoclust_status {
    raw::status(|| {
        fit_impl(
            x,
            n,
            d,
            sample_weight,
            params,
            workspace,
            workspace_bytes,
            weights,
            means,
            covariances,
            result,
        )
    })
}

/// As `nanoclust_gmm_fit_weighted_f32`, with double data, weights and model.
#[no_mangle]
pub extern "C" fn nanoclust_gmm_fit_weighted_f64(
    x: *const f64,
    n: usize,
    d: usize,
    sample_weight: *const f64,
    params: *const nanoclust_gmm_params,
    workspace: *mut c_void,
    workspace_bytes: usize,
    weights: *mut f64,
    means: *mut f64,
    covariances: *mut f64,
    result: *mut nanoclust_gmm_result,
) -> nanoclust_status {
    raw::status(|| {
        fit_impl(
            x,
            n,
            d,
            sample_weight,
            params,
            workspace,
            workspace_bytes,
            weights,
            means,
            covariances,
            result,
        )
    })
}

/// Writes to `*bytes_out` the exact workspace size in bytes of
/// `nanoclust_gmm_predict_f32` and `nanoclust_gmm_bic_f32` for a model of `k`
/// components, `d` features and `covariance_type`: O(k*d*d), independent of the
/// number of samples. Returns NANOCLUST_ERR_NULL_POINTER, _INVALID_SHAPE (k or
/// d is 0), _INVALID_PARAMETER (unknown covariance_type), _SIZE_OVERFLOW.
#[no_mangle]
pub extern "C" fn nanoclust_gmm_predict_workspace_size_f32(
    k: usize,
    d: usize,
    covariance_type: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| predict_workspace_size_impl::<f32>(k, d, covariance_type, bytes_out))
}

/// As `nanoclust_gmm_predict_workspace_size_f32`, for the `_f64` predict and bic.
#[no_mangle]
pub extern "C" fn nanoclust_gmm_predict_workspace_size_f64(
    k: usize,
    d: usize,
    covariance_type: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| predict_workspace_size_impl::<f64>(k, d, covariance_type, bytes_out))
}

/// Scores `m` samples under a fitted mixture (the model may live in flash).
///
/// Model: `weights` k (each >= 0, not all 0), `means` k*d, `covariances` in the
/// layout of `covariance_type` (symmetric positive definite; only the lower
/// triangle of FULL/TIED matrices is read). `x`: m*d floats, row-major.
/// `workspace`: at least nanoclust_gmm_predict_workspace_size_f32 bytes.
/// Outputs, each may be NULL: `labels` m (the most probable component,
/// scikit-learn predict; the first on ties), `proba` m*k (responsibilities,
/// each row sums to 1; predict_proba), `log_likelihood` m (natural log of the
/// mixture density at each sample; score_samples).
///
/// Returns NANOCLUST_OK, _ERR_NULL_POINTER, _INVALID_SHAPE, _INVALID_PARAMETER,
/// _NON_FINITE, _WORKSPACE_TOO_SMALL, _SIZE_OVERFLOW, or _NUMERICAL (a
/// covariance that is not positive definite, or a log-likelihood that
/// overflows). On any error the outputs are untouched.
#[no_mangle]
pub extern "C" fn nanoclust_gmm_predict_f32(
    weights: *const f32,
    means: *const f32,
    covariances: *const f32,
    k: usize,
    d: usize,
    covariance_type: u32,
    x: *const f32,
    m: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    labels: *mut i32,
    proba: *mut f32,
    log_likelihood: *mut f32,
) -> nanoclust_status {
    raw::status(|| {
        predict_impl(
            weights,
            means,
            covariances,
            k,
            d,
            covariance_type,
            x,
            m,
            workspace,
            workspace_bytes,
            labels,
            proba,
            log_likelihood,
        )
    })
}

/// As `nanoclust_gmm_predict_f32`, with double model, data and outputs.
#[no_mangle]
pub extern "C" fn nanoclust_gmm_predict_f64(
    weights: *const f64,
    means: *const f64,
    covariances: *const f64,
    k: usize,
    d: usize,
    covariance_type: u32,
    x: *const f64,
    m: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    labels: *mut i32,
    proba: *mut f64,
    log_likelihood: *mut f64,
) -> nanoclust_status {
    raw::status(|| {
        predict_impl(
            weights,
            means,
            covariances,
            k,
            d,
            covariance_type,
            x,
            m,
            workspace,
            workspace_bytes,
            labels,
            proba,
            log_likelihood,
        )
    })
}

/// Bayesian information criterion of the mixture on `x` (n*d floats), as
/// scikit-learn's GaussianMixture.bic: -2 * sum of the log-likelihoods +
/// n_parameters * ln(n), lower is better. Model and workspace as
/// nanoclust_gmm_predict_f32. Writes `*bic_out`. Returns the statuses of
/// nanoclust_gmm_predict_f32; `bic_out` is untouched on error.
#[no_mangle]
pub extern "C" fn nanoclust_gmm_bic_f32(
    weights: *const f32,
    means: *const f32,
    covariances: *const f32,
    k: usize,
    d: usize,
    covariance_type: u32,
    x: *const f32,
    n: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    bic_out: *mut f64,
) -> nanoclust_status {
    raw::status(|| {
        bic_impl(
            weights,
            means,
            covariances,
            k,
            d,
            covariance_type,
            x,
            n,
            workspace,
            workspace_bytes,
            bic_out,
        )
    })
}

/// As `nanoclust_gmm_bic_f32`, with double model and data.
#[no_mangle]
pub extern "C" fn nanoclust_gmm_bic_f64(
    weights: *const f64,
    means: *const f64,
    covariances: *const f64,
    k: usize,
    d: usize,
    covariance_type: u32,
    x: *const f64,
    n: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    bic_out: *mut f64,
) -> nanoclust_status {
    raw::status(|| {
        bic_impl(
            weights,
            means,
            covariances,
            k,
            d,
            covariance_type,
            x,
            n,
            workspace,
            workspace_bytes,
            bic_out,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_match_the_enums() {
        assert_eq!(NANOCLUST_COVARIANCE_FULL, CovarianceType::Full as u32);
        assert_eq!(NANOCLUST_COVARIANCE_TIED, CovarianceType::Tied as u32);
        assert_eq!(NANOCLUST_COVARIANCE_DIAG, CovarianceType::Diag as u32);
        assert_eq!(
            NANOCLUST_COVARIANCE_SPHERICAL,
            CovarianceType::Spherical as u32
        );
        assert_eq!(NANOCLUST_GMM_INIT_KMEANS, GmmInit::KMeans as u32);
        assert_eq!(NANOCLUST_GMM_INIT_PROVIDED, GmmInit::Provided as u32);
    }

    #[test]
    fn c_defaults_come_from_the_rust_defaults() {
        let c = nanoclust_gmm_params_default(4);
        assert_eq!(c.to_params().unwrap(), GmmParams::new(4));
        assert_eq!(
            (c.max_iter, c.n_init, c.tol, c.reg_covar),
            (100, 1, 1e-3, 1e-6)
        );
    }
}
