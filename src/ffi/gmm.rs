//! C ABI of the Gaussian-mixture family (`nanoclust_gmm_*`).

use crate::error::{Error, Result};
use crate::ffi::raw;
use crate::ffi::status::nanoclust_status;
use crate::gmm::{self, CovarianceType, GmmInit, GmmParams};
use crate::scalar::Scalar;
use core::ffi::c_void;

// ---- Constants -------------------------------------------------------------

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

// ---- Parameter and result structs ------------------------------------------

/// Parameters of a Gaussian-mixture fit. Get the defaults from
/// `nanoclust_gmm_params_default` and change what you need.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct nanoclust_gmm_params {
    /// Number of components k, 1 <= k <= n.
    pub n_components: u32,
    /// Covariance type: one of NANOCLUST_COVARIANCE_* (default FULL).
    pub covariance_type: u32,
    /// EM iterations per run, >= 1 (default 100). 0 is INVALID_PARAMETER: scikit-learn
    /// would return the unfitted start with a lower bound of -inf, which the OK contract
    /// (finite outputs) excludes. Up to 2^32 - 1 with tol = 0 really runs that long.
    pub max_iter: u32,
    /// Runs, >= 1 (default 1); the highest final lower bound wins. Treated as 1 for PROVIDED.
    pub n_init: u32,
    /// >= 0, finite (default 1e-3): a run stops when the mean log-likelihood lower bound changes by less.
    pub tol: f64,
    /// >= 0, finite (default 1e-6): added to the diagonal of every estimated covariance.
    pub reg_covar: f64,
    /// Initialisation: one of NANOCLUST_GMM_INIT_* (default KMEANS).
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
    /// The Rust parameters; unknown enumerated values are `InvalidParameter`.
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

/// The model arrays of predict/bic as slices: weights k, means k*d, covariances per type.
///
/// # Safety
/// Each non-NULL pointer must be valid for reads of its length (as `raw::slice`).
unsafe fn model<'a, S: Scalar>(
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
    // SAFETY: this function's contract, for the lengths just computed.
    unsafe {
        Ok((
            raw::slice(weights, k, "weights")?,
            raw::slice(means, kd, "means")?,
            raw::slice(covariances, clen, "covariances")?,
        ))
    }
}

// ---- Size queries ----------------------------------------------------------

/// # Safety
/// The contract of `nanoclust_gmm_workspace_size_f32`.
unsafe fn workspace_size<S: Scalar>(
    n: usize,
    d: usize,
    params: *const nanoclust_gmm_params,
    bytes_out: *mut usize,
) -> Result<()> {
    // SAFETY: the pointers come unchanged from the export, whose contract
    // makes each valid for one element.
    let (p, out) = unsafe {
        (
            raw::read(params, "params")?,
            raw::out(bytes_out, "bytes_out")?,
        )
    };
    *out = gmm::workspace_size::<S>(n, d, &p.to_params()?)?.bytes();
    Ok(())
}

/// # Safety
/// The contract of `nanoclust_gmm_predict_workspace_size_f32`.
unsafe fn predict_workspace_size<S: Scalar>(
    k: usize,
    d: usize,
    covariance_type: u32,
    bytes_out: *mut usize,
) -> Result<()> {
    let ct = CovarianceType::from_u32(covariance_type)?;
    // SAFETY: `bytes_out` comes unchanged from the export, whose contract
    // makes it valid for one element.
    let out = unsafe { raw::out(bytes_out, "bytes_out") }?;
    *out = gmm::predict_workspace_size::<S>(k, d, ct)?.bytes();
    Ok(())
}

// ---- Entry points ----------------------------------------------------------

/// # Safety
/// The contract of `nanoclust_gmm_fit_weighted_f32` (`sample_weight` may be NULL).
#[allow(clippy::too_many_arguments)]
unsafe fn fit<S: Scalar>(
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
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    let (p, x, weights, means, covariances, sw, result, ws) = unsafe {
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
        (p, x, weights, means, covariances, sw, result, ws)
    };
    let r = gmm::fit_weighted(&p, x, sw, ws, weights, means, covariances)?;
    if let Some(out) = result {
        *out = nanoclust_gmm_result {
            lower_bound: r.lower_bound,
            n_iter: r.n_iter,
            converged: u32::from(r.converged),
        };
    }
    Ok(())
}

/// # Safety
/// The contract of `nanoclust_gmm_predict_f32`.
#[allow(clippy::too_many_arguments)]
unsafe fn predict<S: Scalar>(
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
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    let (w, mu, cv, x, labels, proba, ll, ws) = unsafe {
        let (w, mu, cv) = model(weights, means, covariances, k, d, ct)?;
        let x = raw::matrix(x, m, d, "x")?;
        let mk = m.checked_mul(k).ok_or(Error::InvalidShape("proba"))?;
        let labels = raw::opt_slice_mut(labels, m, "labels")?;
        let proba = raw::opt_slice_mut(proba, mk, "proba")?;
        let ll = raw::opt_slice_mut(log_likelihood, m, "log_likelihood")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        (w, mu, cv, x, labels, proba, ll, ws)
    };
    gmm::predict(w, mu, cv, k, ct, x, ws, labels, proba, ll)
}

/// # Safety
/// The contract of `nanoclust_gmm_bic_f32`.
#[allow(clippy::too_many_arguments)]
unsafe fn bic<S: Scalar>(
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
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    let (w, mu, cv, x, out, ws) = unsafe {
        let (w, mu, cv) = model(weights, means, covariances, k, d, ct)?;
        let x = raw::matrix(x, n, d, "x")?;
        let out = raw::out(bic_out, "bic_out")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        (w, mu, cv, x, out, ws)
    };
    *out = gmm::bic(w, mu, cv, k, ct, x, ws)?;
    Ok(())
}

// ---- Exports, in header order ---------------------------------------------

/// The default parameters for `n_components` components (scikit-learn's):
/// FULL covariances, max_iter 100, n_init 1, tol 1e-3, reg_covar 1e-6,
/// KMEANS init, seed 0.
///
/// @param n_components The number of components k (validated by the
/// functions that use the parameters, not here).
/// @return The parameters; never fails.
/// @par Work
/// O(1).
///
/// # Safety
/// None: no pointer is involved. (Every export is `unsafe` so that the Rust
/// surface has one shape.)
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_params_default(n_components: u32) -> nanoclust_gmm_params {
    GmmParams::new(n_components as usize).into()
}

/// The exact workspace size in bytes (alignment slack included) of
/// `nanoclust_gmm_fit_f32` and `nanoclust_gmm_fit_weighted_f32` for these
/// sizes and parameters: O(n*k + k*d*d), plus the k-means workspace for the
/// KMEANS start.
///
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param params The parameters of the fit (read only); k = params->n_components.
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `params` or `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a parameter is out of range (k = 0, k > n, max_iter = 0, n_init = 0, tol or reg_covar negative or not finite) or an enum value is unknown.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `params` must be NULL or point to an initialised `nanoclust_gmm_params`;
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_workspace_size_f32(
    n: usize,
    d: usize,
    params: *const nanoclust_gmm_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `workspace_size`'s.
    raw::status(|| unsafe { workspace_size::<f32>(n, d, params, bytes_out) })
}

/// The exact workspace size in bytes (alignment slack included) of
/// `nanoclust_gmm_fit_f64` and `nanoclust_gmm_fit_weighted_f64` for these
/// sizes and parameters: O(n*k + k*d*d), plus the k-means workspace for the
/// KMEANS start.
///
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param params The parameters of the fit (read only); k = params->n_components.
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `params` or `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a parameter is out of range (k = 0, k > n, max_iter = 0, n_init = 0, tol or reg_covar negative or not finite) or an enum value is unknown.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `params` must be NULL or point to an initialised `nanoclust_gmm_params`;
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_workspace_size_f64(
    n: usize,
    d: usize,
    params: *const nanoclust_gmm_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `workspace_size`'s.
    raw::status(|| unsafe { workspace_size::<f64>(n, d, params, bytes_out) })
}

/// Fits a Gaussian mixture by expectation-maximisation (Dempster, Laird and
/// Rubin 1977; scikit-learn `GaussianMixture` semantics).
///
/// Every covariance gets reg_covar on its diagonal. No final E-step is
/// needed: `nanoclust_gmm_predict_f32` on the returned model gives the labels.
///
/// @param x The samples: `n*d` floats, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param params The parameters (read only); k = params->n_components <= n.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_gmm_workspace_size_f32` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param weights `k` floats: out, the mixture weights (in, the start, with NANOCLUST_GMM_INIT_PROVIDED).
/// @param means `k*d` floats, row-major: out, the means (in, the start, with PROVIDED).
/// @param covariances k*d*d (FULL, row-major), d*d (TIED), k*d (DIAG) or k (SPHERICAL) floats: out, the covariances (in, the start, with PROVIDED).
/// @param result Receives the lower bound, iterations and convergence of the winning run; may be NULL.
/// @return A status; on any status other than NANOCLUST_OK no output is written.
/// @retval NANOCLUST_OK when the fit succeeded; every output is finite.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `params`, `weights`, `means` or `covariances` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX, or an array length overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a parameter is out of range (see the workspace query), k > n, or a provided start is invalid (weights outside [0, 1] or not summing to 1).
/// @retval NANOCLUST_ERR_NON_FINITE when `x` or a provided start hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a covariance is not positive definite after reg_covar (or a provided one is not), or a log-likelihood overflows.
/// @par Work
/// O(n_init * max_iter * (n * k * d^2 + k * d^3)), plus one k-means fit per run for the KMEANS start.
/// @par Contract
/// A common offset added to the data does not change the weights and
/// covariances, and shifts the means by the offset, beyond rounding.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs and PROVIDED starts, writes for outputs) during
/// the call. Outputs (`weights`, `means`, `covariances`, `result`,
/// `workspace`) must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_fit_f32(
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
    // SAFETY: this function's contract is `fit`'s with NULL weights.
    raw::status(|| unsafe {
        fit::<f32>(
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

/// Fits a Gaussian mixture by expectation-maximisation (Dempster, Laird and
/// Rubin 1977; scikit-learn `GaussianMixture` semantics).
///
/// Every covariance gets reg_covar on its diagonal. No final E-step is
/// needed: `nanoclust_gmm_predict_f64` on the returned model gives the labels.
///
/// @param x The samples: `n*d` doubles, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param params The parameters (read only); k = params->n_components <= n.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_gmm_workspace_size_f64` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param weights `k` doubles: out, the mixture weights (in, the start, with NANOCLUST_GMM_INIT_PROVIDED).
/// @param means `k*d` doubles, row-major: out, the means (in, the start, with PROVIDED).
/// @param covariances k*d*d (FULL, row-major), d*d (TIED), k*d (DIAG) or k (SPHERICAL) doubles: out, the covariances (in, the start, with PROVIDED).
/// @param result Receives the lower bound, iterations and convergence of the winning run; may be NULL.
/// @return A status; on any status other than NANOCLUST_OK no output is written.
/// @retval NANOCLUST_OK when the fit succeeded; every output is finite.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `params`, `weights`, `means` or `covariances` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX, or an array length overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a parameter is out of range (see the workspace query), k > n, or a provided start is invalid (weights outside [0, 1] or not summing to 1).
/// @retval NANOCLUST_ERR_NON_FINITE when `x` or a provided start hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a covariance is not positive definite after reg_covar (or a provided one is not), or a log-likelihood overflows.
/// @par Work
/// O(n_init * max_iter * (n * k * d^2 + k * d^3)), plus one k-means fit per run for the KMEANS start.
/// @par Contract
/// A common offset added to the data does not change the weights and
/// covariances, and shifts the means by the offset, beyond rounding.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs and PROVIDED starts, writes for outputs) during
/// the call. Outputs (`weights`, `means`, `covariances`, `result`,
/// `workspace`) must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_fit_f64(
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
    // SAFETY: this function's contract is `fit`'s with NULL weights.
    raw::status(|| unsafe {
        fit::<f64>(
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

/// Fits a Gaussian mixture with optional per-sample weights (beyond the
/// contract: scikit-learn's `GaussianMixture` has none).
///
/// EM as `nanoclust_gmm_fit_f32`; each sample's responsibilities count
/// `sample_weight[i]` times in the M-step and the lower bound is the weighted
/// mean log-likelihood. From a PROVIDED start, integer weights give the model
/// of the data with each row repeated that many times (up to rounding). The
/// KMEANS start runs weighted k-means (its random draws differ from those on
/// repeated rows).
///
/// @param x The samples: `n*d` floats, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param sample_weight `n` finite weights >= 0, not all zero; may be NULL (all ones).
/// @param params The parameters (read only); k = params->n_components <= n.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_gmm_workspace_size_f32` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param weights `k` floats: out, the mixture weights (in, the start, with NANOCLUST_GMM_INIT_PROVIDED).
/// @param means `k*d` floats, row-major: out, the means (in, the start, with PROVIDED).
/// @param covariances k*d*d (FULL, row-major), d*d (TIED), k*d (DIAG) or k (SPHERICAL) floats: out, the covariances (in, the start, with PROVIDED).
/// @param result Receives the lower bound, iterations and convergence of the winning run; may be NULL.
/// @return A status; on any status other than NANOCLUST_OK no output is written.
/// @retval NANOCLUST_OK when the fit succeeded; every output is finite.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `params`, `weights`, `means` or `covariances` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX, or an array length overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a parameter is out of range, k > n, a weight is negative, all weights are zero, or a provided start is invalid.
/// @retval NANOCLUST_ERR_NON_FINITE when `x`, `sample_weight` or a provided start hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a covariance is not positive definite after reg_covar (or a provided one is not), or a log-likelihood overflows.
/// @par Work
/// O(n_init * max_iter * (n * k * d^2 + k * d^3)), plus one k-means fit per run for the KMEANS start.
/// @par Contract
/// A common offset added to the data does not change the weights and
/// covariances, and shifts the means by the offset, beyond rounding.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs and PROVIDED starts, writes for outputs) during
/// the call. Outputs (`weights`, `means`, `covariances`, `result`,
/// `workspace`) must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_fit_weighted_f32(
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
    // SAFETY: this function's contract is `fit`'s.
    raw::status(|| unsafe {
        fit::<f32>(
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

/// Fits a Gaussian mixture with optional per-sample weights (beyond the
/// contract: scikit-learn's `GaussianMixture` has none).
///
/// EM as `nanoclust_gmm_fit_f64`; each sample's responsibilities count
/// `sample_weight[i]` times in the M-step and the lower bound is the weighted
/// mean log-likelihood. From a PROVIDED start, integer weights give the model
/// of the data with each row repeated that many times (up to rounding). The
/// KMEANS start runs weighted k-means (its random draws differ from those on
/// repeated rows).
///
/// @param x The samples: `n*d` doubles, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param sample_weight `n` finite weights >= 0, not all zero; may be NULL (all ones).
/// @param params The parameters (read only); k = params->n_components <= n.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_gmm_workspace_size_f64` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param weights `k` doubles: out, the mixture weights (in, the start, with NANOCLUST_GMM_INIT_PROVIDED).
/// @param means `k*d` doubles, row-major: out, the means (in, the start, with PROVIDED).
/// @param covariances k*d*d (FULL, row-major), d*d (TIED), k*d (DIAG) or k (SPHERICAL) doubles: out, the covariances (in, the start, with PROVIDED).
/// @param result Receives the lower bound, iterations and convergence of the winning run; may be NULL.
/// @return A status; on any status other than NANOCLUST_OK no output is written.
/// @retval NANOCLUST_OK when the fit succeeded; every output is finite.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `params`, `weights`, `means` or `covariances` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX, or an array length overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a parameter is out of range, k > n, a weight is negative, all weights are zero, or a provided start is invalid.
/// @retval NANOCLUST_ERR_NON_FINITE when `x`, `sample_weight` or a provided start hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a covariance is not positive definite after reg_covar (or a provided one is not), or a log-likelihood overflows.
/// @par Work
/// O(n_init * max_iter * (n * k * d^2 + k * d^3)), plus one k-means fit per run for the KMEANS start.
/// @par Contract
/// A common offset added to the data does not change the weights and
/// covariances, and shifts the means by the offset, beyond rounding.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs and PROVIDED starts, writes for outputs) during
/// the call. Outputs (`weights`, `means`, `covariances`, `result`,
/// `workspace`) must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_fit_weighted_f64(
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
    // SAFETY: this function's contract is `fit`'s.
    raw::status(|| unsafe {
        fit::<f64>(
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

/// The exact workspace size in bytes of `nanoclust_gmm_predict_f32` and
/// `nanoclust_gmm_bic_f32` for a model of `k` components and `d` features:
/// O(k*d*d), independent of the number of samples.
///
/// @param k Number of components, 1 <= k <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param covariance_type One of NANOCLUST_COVARIANCE_*.
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when k or d is 0.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the covariance type is unknown.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_predict_workspace_size_f32(
    k: usize,
    d: usize,
    covariance_type: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `predict_workspace_size`'s.
    raw::status(|| unsafe { predict_workspace_size::<f32>(k, d, covariance_type, bytes_out) })
}

/// The exact workspace size in bytes of `nanoclust_gmm_predict_f64` and
/// `nanoclust_gmm_bic_f64` for a model of `k` components and `d` features:
/// O(k*d*d), independent of the number of samples.
///
/// @param k Number of components, 1 <= k <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param covariance_type One of NANOCLUST_COVARIANCE_*.
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when k or d is 0.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the covariance type is unknown.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_predict_workspace_size_f64(
    k: usize,
    d: usize,
    covariance_type: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `predict_workspace_size`'s.
    raw::status(|| unsafe { predict_workspace_size::<f64>(k, d, covariance_type, bytes_out) })
}

/// Scores `m` samples under a fitted mixture (scikit-learn
/// `GaussianMixture.predict`, `predict_proba` and `score_samples`); the model
/// may live in flash.
///
/// @param weights The model's `k` mixture weights: floats, each >= 0, not all 0; read only.
/// @param means The model's `k*d` float means, row-major; read only.
/// @param covariances The model's covariances in the layout of `covariance_type` (k*d*d, d*d, k*d or k floats; symmetric positive definite, only the lower triangle of FULL/TIED matrices is read); read only.
/// @param k Number of components, 1 <= k <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param covariance_type One of NANOCLUST_COVARIANCE_*.
/// @param x The samples: `m*d` floats, row-major, finite; read only.
/// @param m Number of samples, >= 1.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_gmm_predict_workspace_size_f32` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param labels `m` outputs, the most probable component (the first on ties); may be NULL.
/// @param proba `m*k` float outputs, the responsibilities (each row sums to 1); may be NULL.
/// @param log_likelihood `m` float outputs, the natural log of the mixture density at each sample; may be NULL.
/// @return A status; on any status other than NANOCLUST_OK no output is written.
/// @retval NANOCLUST_OK when the outputs are written.
/// @retval NANOCLUST_ERR_NULL_POINTER when a model array or `x` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when k, d or m is 0, k > INT32_MAX, or an array length overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the covariance type is unknown, or a weight is negative or all are 0.
/// @retval NANOCLUST_ERR_NON_FINITE when the model or `x` hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a covariance is not positive definite or a log-likelihood overflows.
/// @par Work
/// O(m * k * d^2 + k * d^3).
/// @par Contract
/// A common offset added to the data and the means does not change the
/// result beyond rounding.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for outputs) during the call; outputs
/// (`labels`, `proba`, `log_likelihood`, `workspace`) must not overlap each
/// other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_predict_f32(
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
    // SAFETY: this function's contract is `predict`'s.
    raw::status(|| unsafe {
        predict::<f32>(
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

/// Scores `m` samples under a fitted mixture (scikit-learn
/// `GaussianMixture.predict`, `predict_proba` and `score_samples`); the model
/// may live in flash.
///
/// @param weights The model's `k` mixture weights: doubles, each >= 0, not all 0; read only.
/// @param means The model's `k*d` double means, row-major; read only.
/// @param covariances The model's covariances in the layout of `covariance_type` (k*d*d, d*d, k*d or k doubles; symmetric positive definite, only the lower triangle of FULL/TIED matrices is read); read only.
/// @param k Number of components, 1 <= k <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param covariance_type One of NANOCLUST_COVARIANCE_*.
/// @param x The samples: `m*d` doubles, row-major, finite; read only.
/// @param m Number of samples, >= 1.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_gmm_predict_workspace_size_f64` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param labels `m` outputs, the most probable component (the first on ties); may be NULL.
/// @param proba `m*k` double outputs, the responsibilities (each row sums to 1); may be NULL.
/// @param log_likelihood `m` double outputs, the natural log of the mixture density at each sample; may be NULL.
/// @return A status; on any status other than NANOCLUST_OK no output is written.
/// @retval NANOCLUST_OK when the outputs are written.
/// @retval NANOCLUST_ERR_NULL_POINTER when a model array or `x` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when k, d or m is 0, k > INT32_MAX, or an array length overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the covariance type is unknown, or a weight is negative or all are 0.
/// @retval NANOCLUST_ERR_NON_FINITE when the model or `x` hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a covariance is not positive definite or a log-likelihood overflows.
/// @par Work
/// O(m * k * d^2 + k * d^3).
/// @par Contract
/// A common offset added to the data and the means does not change the
/// result beyond rounding.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for outputs) during the call; outputs
/// (`labels`, `proba`, `log_likelihood`, `workspace`) must not overlap each
/// other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_predict_f64(
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
    // SAFETY: this function's contract is `predict`'s.
    raw::status(|| unsafe {
        predict::<f64>(
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

/// Bayesian information criterion of a fitted mixture on `n` samples
/// (Schwarz 1978; scikit-learn `GaussianMixture.bic`): -2 * the summed
/// log-likelihood + n_parameters * ln(n); lower is better.
///
/// @param weights The model's `k` mixture weights: floats, each >= 0, not all 0; read only.
/// @param means The model's `k*d` float means, row-major; read only.
/// @param covariances The model's covariances in the layout of `covariance_type` (k*d*d, d*d, k*d or k floats; symmetric positive definite, only the lower triangle of FULL/TIED matrices is read); read only.
/// @param k Number of components, 1 <= k <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param covariance_type One of NANOCLUST_COVARIANCE_*.
/// @param x The samples: `n*d` floats, row-major, finite; read only.
/// @param n Number of samples, >= 1.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_gmm_predict_workspace_size_f32` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param bic_out Receives the criterion.
/// @return A status; on any status other than NANOCLUST_OK `*bic_out` is untouched.
/// @retval NANOCLUST_OK when `*bic_out` holds the criterion.
/// @retval NANOCLUST_ERR_NULL_POINTER when a model array, `x` or `bic_out` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when k, d or n is 0, k > INT32_MAX, or an array length overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the covariance type is unknown, or a weight is negative or all are 0.
/// @retval NANOCLUST_ERR_NON_FINITE when the model or `x` hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a covariance is not positive definite or the log-likelihood overflows.
/// @par Work
/// O(n * k * d^2 + k * d^3).
/// @par Contract
/// A common offset added to the data and the means does not change the
/// result beyond rounding.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for outputs) during the call; `bic_out`
/// and `workspace` must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_bic_f32(
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
    // SAFETY: this function's contract is `bic`'s.
    raw::status(|| unsafe {
        bic::<f32>(
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

/// Bayesian information criterion of a fitted mixture on `n` samples
/// (Schwarz 1978; scikit-learn `GaussianMixture.bic`): -2 * the summed
/// log-likelihood + n_parameters * ln(n); lower is better.
///
/// @param weights The model's `k` mixture weights: doubles, each >= 0, not all 0; read only.
/// @param means The model's `k*d` double means, row-major; read only.
/// @param covariances The model's covariances in the layout of `covariance_type` (k*d*d, d*d, k*d or k doubles; symmetric positive definite, only the lower triangle of FULL/TIED matrices is read); read only.
/// @param k Number of components, 1 <= k <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param covariance_type One of NANOCLUST_COVARIANCE_*.
/// @param x The samples: `n*d` doubles, row-major, finite; read only.
/// @param n Number of samples, >= 1.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_gmm_predict_workspace_size_f64` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param bic_out Receives the criterion.
/// @return A status; on any status other than NANOCLUST_OK `*bic_out` is untouched.
/// @retval NANOCLUST_OK when `*bic_out` holds the criterion.
/// @retval NANOCLUST_ERR_NULL_POINTER when a model array, `x` or `bic_out` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when k, d or n is 0, k > INT32_MAX, or an array length overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the covariance type is unknown, or a weight is negative or all are 0.
/// @retval NANOCLUST_ERR_NON_FINITE when the model or `x` hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a covariance is not positive definite or the log-likelihood overflows.
/// @par Work
/// O(n * k * d^2 + k * d^3).
/// @par Contract
/// A common offset added to the data and the means does not change the
/// result beyond rounding.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for outputs) during the call; `bic_out`
/// and `workspace` must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_bic_f64(
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
    // SAFETY: this function's contract is `bic`'s.
    raw::status(|| unsafe {
        bic::<f64>(
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
        // SAFETY: no pointer is involved.
        let c = unsafe { nanoclust_gmm_params_default(4) };
        assert_eq!(c.to_params().unwrap(), GmmParams::new(4));
        assert_eq!(
            (c.max_iter, c.n_init, c.tol, c.reg_covar),
            (100, 1, 1e-3, 1e-6)
        );
    }
}
