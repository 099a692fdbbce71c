//! DBSCAN: fit (scikit-learn's exact labels), predict and core distances.

use crate::dbscan::{self, DbscanParams};
use crate::distance::Metric;
use crate::error::Result;
use crate::ffi::raw;
use crate::ffi::status::nanoclust_status;
use crate::matrix::Matrix;
use crate::scalar::Scalar;
use core::ffi::c_void;

// ---- Constants -------------------------------------------------------------

/// Chooses the index from the sizes and the metric (grid up to 3 features,
/// kd-tree up to 24, brute force beyond or below 32 samples).
pub const NANOCLUST_INDEX_AUTO: u32 = 0;
/// Brute force: every pair is compared.
pub const NANOCLUST_INDEX_BRUTE: u32 = 1;
/// A uniform grid (cells at least eps wide) over up to three features.
pub const NANOCLUST_INDEX_GRID: u32 = 2;
/// A kd-tree with tight bounding boxes.
pub const NANOCLUST_INDEX_KDTREE: u32 = 3;

// ---- Parameter and result structs ------------------------------------------

/// DBSCAN parameters, shared by the `_f32` and `_f64` functions.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct nanoclust_dbscan_params {
    /// Neighbourhood radius: j neighbours i iff distance(i, j) <= eps. Finite, > 0. Default 0.5.
    pub eps: f64,
    /// Samples (or total sample weight) in a neighbourhood, the sample itself
    /// included, for a core sample (scikit-learn). >= 1. Default 5.
    pub min_samples: u32,
    /// Distance: one of NANOCLUST_METRIC_*. Default Euclidean.
    pub metric: u32,
    /// Neighbour index: one of NANOCLUST_INDEX_*; the result never depends on it. Default AUTO.
    pub index: u32,
}

/// Counts from a DBSCAN fit.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct nanoclust_dbscan_result {
    /// Number of clusters: labels are 0..n_clusters-1.
    pub n_clusters: u32,
    /// Samples labelled -1.
    pub n_noise: u32,
    /// Core samples.
    pub n_core: u32,
}

impl nanoclust_dbscan_params {
    /// The Rust parameters; unknown enumerated values are `InvalidParameter`.
    fn to_params(self) -> Result<DbscanParams> {
        DbscanParams::from_raw(self.eps, self.min_samples, self.metric, self.index)
    }
}

impl From<DbscanParams> for nanoclust_dbscan_params {
    fn from(p: DbscanParams) -> Self {
        nanoclust_dbscan_params {
            eps: p.eps,
            min_samples: p.min_samples,
            metric: p.metric as u32,
            index: p.index as u32,
        }
    }
}

/// The parameters at `params` (NULL and unknown enum values are errors).
///
/// # Safety
/// `params` must be NULL or point to an initialised `nanoclust_dbscan_params`.
unsafe fn params_at(params: *const nanoclust_dbscan_params) -> Result<DbscanParams> {
    // SAFETY: this function's contract is `raw::read`'s.
    unsafe { raw::read(params, "params") }?.to_params()
}

// ---- Size queries ----------------------------------------------------------

/// # Safety
/// The contract of `nanoclust_dbscan_workspace_size_f32`.
unsafe fn workspace_size<S: Scalar>(
    n: usize,
    d: usize,
    params: *const nanoclust_dbscan_params,
    bytes_out: *mut usize,
) -> Result<()> {
    // SAFETY: the pointers come unchanged from the export, whose contract
    // makes each valid for one element.
    let (p, out) = unsafe { (params_at(params)?, raw::out(bytes_out, "bytes_out")?) };
    *out = dbscan::workspace_size::<S>(n, d, &p)?.bytes();
    Ok(())
}

/// # Safety
/// The contract of `nanoclust_dbscan_predict_workspace_size_f32`.
unsafe fn predict_workspace_size<S: Scalar>(
    n: usize,
    d: usize,
    m: usize,
    params: *const nanoclust_dbscan_params,
    bytes_out: *mut usize,
) -> Result<()> {
    // SAFETY: the pointers come unchanged from the export, whose contract
    // makes each valid for one element.
    let (p, out) = unsafe { (params_at(params)?, raw::out(bytes_out, "bytes_out")?) };
    *out = dbscan::predict_workspace_size::<S>(n, d, m, &p)?.bytes();
    Ok(())
}

/// # Safety
/// The contract of `nanoclust_core_distances_workspace_size_f32`.
unsafe fn core_distances_workspace_size<S: Scalar>(
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    bytes_out: *mut usize,
) -> Result<()> {
    let metric = Metric::from_u32(metric)?;
    // SAFETY: `bytes_out` comes unchanged from the export, whose contract
    // makes it valid for one element.
    let out = unsafe { raw::out(bytes_out, "bytes_out") }?;
    *out = dbscan::core_distances_workspace_size::<S>(n, d, min_samples, metric)?.bytes();
    Ok(())
}

// ---- Entry points ----------------------------------------------------------

/// # Safety
/// The contract of `nanoclust_dbscan_fit_f32`.
#[allow(clippy::too_many_arguments)]
unsafe fn fit<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    sample_weight: *const S,
    params: *const nanoclust_dbscan_params,
    workspace: *mut c_void,
    workspace_bytes: usize,
    labels: *mut i32,
    is_core: *mut u8,
    result: *mut nanoclust_dbscan_result,
) -> Result<()> {
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    let (p, x, w, labels, is_core, result, ws) = unsafe {
        let p = params_at(params)?;
        let x = Matrix::new(raw::rows(x, n, d, "x")?, n, d)?;
        let w = raw::opt_slice(sample_weight, n, "sample_weight")?;
        let labels = raw::slice_mut(labels, n, "labels")?;
        let is_core = raw::opt_slice_mut(is_core, n, "is_core")?;
        let result = raw::opt_out(result, "result")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        (p, x, w, labels, is_core, result, ws)
    };
    let s = dbscan::fit(&p, x, w, ws, labels, is_core)?;
    if let Some(r) = result {
        *r = nanoclust_dbscan_result {
            n_clusters: s.n_clusters,
            n_noise: s.n_noise,
            n_core: s.n_core,
        };
    }
    Ok(())
}

/// # Safety
/// The contract of `nanoclust_dbscan_predict_f32`.
#[allow(clippy::too_many_arguments)]
unsafe fn predict<S: Scalar>(
    x_train: *const S,
    n: usize,
    d: usize,
    labels: *const i32,
    is_core: *const u8,
    params: *const nanoclust_dbscan_params,
    x_new: *const S,
    m: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    labels_out: *mut i32,
) -> Result<()> {
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    let (p, xt, labels, is_core, xn, out, ws) = unsafe {
        let p = params_at(params)?;
        let xt = Matrix::named(raw::rows(x_train, n, d, "x_train")?, n, d, "x_train")?;
        let labels = raw::slice(labels, n, "labels")?;
        let is_core = raw::slice(is_core, n, "is_core")?;
        let xn = Matrix::named(raw::rows(x_new, m, d, "x_new")?, m, d, "x_new")?;
        let out = raw::slice_mut(labels_out, m, "labels_out")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        (p, xt, labels, is_core, xn, out, ws)
    };
    dbscan::predict(&p, xt, labels, is_core, xn, ws, out)
}

/// # Safety
/// The contract of `nanoclust_core_distances_f32`.
#[allow(clippy::too_many_arguments)]
unsafe fn core_distances<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut S,
) -> Result<()> {
    let metric = Metric::from_u32(metric)?;
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    let (x, out, ws) = unsafe {
        let x = Matrix::new(raw::rows(x, n, d, "x")?, n, d)?;
        let out = raw::slice_mut(out, n, "out")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        (x, out, ws)
    };
    dbscan::core_distances(x, min_samples, metric, ws, out)
}

// ---- Exports, in header order ---------------------------------------------

/// The default DBSCAN parameters: eps 0.5, min_samples 5, Euclidean, AUTO index
/// (scikit-learn's defaults).
///
/// @return The parameters; never fails.
/// @par Work
/// O(1).
///
/// # Safety
/// None: no pointer is involved. (Every export is `unsafe` so that the Rust
/// surface has one shape.)
#[no_mangle]
pub unsafe extern "C" fn nanoclust_dbscan_params_default() -> nanoclust_dbscan_params {
    DbscanParams::default().into()
}

/// The exact workspace size in bytes (alignment slack included) of
/// `nanoclust_dbscan_fit_f32` for these sizes and parameters: O(n), at most
/// 64 bytes per sample for d <= 3.
///
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param params The parameters of the fit (read only).
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `params` or `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when eps is not finite and > 0, min_samples is 0, or the metric or index is unknown.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `params` must be NULL or point to an initialised `nanoclust_dbscan_params`;
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_dbscan_workspace_size_f32(
    n: usize,
    d: usize,
    params: *const nanoclust_dbscan_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `workspace_size`'s.
    raw::status(|| unsafe { workspace_size::<f32>(n, d, params, bytes_out) })
}

/// The exact workspace size in bytes (alignment slack included) of
/// `nanoclust_dbscan_fit_f64` for these sizes and parameters: O(n), at most
/// 64 bytes per sample for d <= 3.
///
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param params The parameters of the fit (read only).
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `params` or `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when eps is not finite and > 0, min_samples is 0, or the metric or index is unknown.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `params` must be NULL or point to an initialised `nanoclust_dbscan_params`;
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_dbscan_workspace_size_f64(
    n: usize,
    d: usize,
    params: *const nanoclust_dbscan_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `workspace_size`'s.
    raw::status(|| unsafe { workspace_size::<f64>(n, d, params, bytes_out) })
}

/// DBSCAN with scikit-learn's exact labels (Ester et al. 1996; scikit-learn
/// `DBSCAN`).
///
/// Clusters are numbered in the order of their lowest-index core sample, and
/// a border sample reachable from several clusters joins the lowest-numbered
/// one. Neighbourhoods come from a grid, a kd-tree or brute force
/// (params->index); the labels never depend on the index.
///
/// @param x The samples: `n*d` floats, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param sample_weight `n` finite weights (negative allowed, as in scikit-learn); may be NULL (all ones). A sample is core when the weight of its eps-neighbourhood, itself included, is at least min_samples (compared exactly, whatever the summation order).
/// @param params The parameters (read only).
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_dbscan_workspace_size_f32` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param labels `n` outputs: cluster 0.. or -1 for noise.
/// @param is_core `n` outputs, 1 for a core sample, else 0; may be NULL.
/// @param result Receives the cluster, noise and core counts; may be NULL.
/// @return A status; on any status other than NANOCLUST_OK no output is written.
/// @retval NANOCLUST_OK when every sample is labelled.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `params` or `labels` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a parameter is invalid (see the workspace query) or a row is all zero under the cosine metric.
/// @retval NANOCLUST_ERR_NON_FINITE when `x` or `sample_weight` hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when eps is so large that an overflowing distance could be a neighbour.
/// @par Work
/// O(n^2 * d) distance evaluations in the worst case (every sample a
/// neighbour of every other); the grid and kd-tree indexes visit only nearby
/// samples on spread-out data.
/// @par Contract
/// A sample's distance to itself or to an exact duplicate is 0 in every
/// metric, so duplicates always share a neighbourhood.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for outputs) during the call. Outputs
/// (`labels`, `is_core`, `result`, `workspace`) must not overlap each other or
/// the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_dbscan_fit_f32(
    x: *const f32,
    n: usize,
    d: usize,
    sample_weight: *const f32,
    params: *const nanoclust_dbscan_params,
    workspace: *mut c_void,
    workspace_bytes: usize,
    labels: *mut i32,
    is_core: *mut u8,
    result: *mut nanoclust_dbscan_result,
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
            labels,
            is_core,
            result,
        )
    })
}

/// DBSCAN with scikit-learn's exact labels (Ester et al. 1996; scikit-learn
/// `DBSCAN`).
///
/// Clusters are numbered in the order of their lowest-index core sample, and
/// a border sample reachable from several clusters joins the lowest-numbered
/// one. Neighbourhoods come from a grid, a kd-tree or brute force
/// (params->index); the labels never depend on the index.
///
/// @param x The samples: `n*d` doubles, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param sample_weight `n` finite weights (negative allowed, as in scikit-learn); may be NULL (all ones). A sample is core when the weight of its eps-neighbourhood, itself included, is at least min_samples (compared exactly, whatever the summation order).
/// @param params The parameters (read only).
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_dbscan_workspace_size_f64` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param labels `n` outputs: cluster 0.. or -1 for noise.
/// @param is_core `n` outputs, 1 for a core sample, else 0; may be NULL.
/// @param result Receives the cluster, noise and core counts; may be NULL.
/// @return A status; on any status other than NANOCLUST_OK no output is written.
/// @retval NANOCLUST_OK when every sample is labelled.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `params` or `labels` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a parameter is invalid (see the workspace query) or a row is all zero under the cosine metric.
/// @retval NANOCLUST_ERR_NON_FINITE when `x` or `sample_weight` hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when eps is so large that an overflowing distance could be a neighbour.
/// @par Work
/// O(n^2 * d) distance evaluations in the worst case (every sample a
/// neighbour of every other); the grid and kd-tree indexes visit only nearby
/// samples on spread-out data.
/// @par Contract
/// A sample's distance to itself or to an exact duplicate is 0 in every
/// metric, so duplicates always share a neighbourhood.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for outputs) during the call. Outputs
/// (`labels`, `is_core`, `result`, `workspace`) must not overlap each other or
/// the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_dbscan_fit_f64(
    x: *const f64,
    n: usize,
    d: usize,
    sample_weight: *const f64,
    params: *const nanoclust_dbscan_params,
    workspace: *mut c_void,
    workspace_bytes: usize,
    labels: *mut i32,
    is_core: *mut u8,
    result: *mut nanoclust_dbscan_result,
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
            labels,
            is_core,
            result,
        )
    })
}

/// Labels new points with a fitted DBSCAN model: the label of the nearest
/// core sample within eps, else -1.
///
/// Ties go to the lowest training index; a training core sample predicts its
/// own label. Only the core samples matter, so `x_train` may hold just them
/// (with `is_core` all 1).
///
/// @param x_train The training samples: `n*d` floats, row-major, finite; read only.
/// @param n Number of training samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param labels `n` training labels, as `nanoclust_dbscan_fit_f32` wrote them (core samples >= 0); read only.
/// @param is_core `n` values 0 or 1, as `nanoclust_dbscan_fit_f32` wrote them; read only.
/// @param params The parameters of the fit (read only); eps and the metric are used.
/// @param x_new The new points: `m*d` floats, row-major, finite; read only.
/// @param m Number of new points, >= 1.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_dbscan_predict_workspace_size_f32` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param labels_out `m` outputs: a cluster label or -1.
/// @return A status; on any status other than NANOCLUST_OK `labels_out` is untouched.
/// @retval NANOCLUST_OK when every new point is labelled.
/// @retval NANOCLUST_ERR_NULL_POINTER when a pointer other than `workspace` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n, d or m is 0, n > INT32_MAX, or n*d or m*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a parameter is invalid, an `is_core` value is not 0 or 1, a core sample has a negative label, or a row is all zero under the cosine metric.
/// @retval NANOCLUST_ERR_NON_FINITE when `x_train` or `x_new` hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when the data's extent could overflow a distance.
/// @par Work
/// O(m * n * d) distance evaluations in the worst case; an index over the
/// core samples visits only nearby ones on spread-out data.
/// @par Contract
/// A sample's distance to itself or to an exact duplicate is 0 in every
/// metric: a training core sample predicts its own label.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for outputs) during the call;
/// `labels_out` and `workspace` must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_dbscan_predict_f32(
    x_train: *const f32,
    n: usize,
    d: usize,
    labels: *const i32,
    is_core: *const u8,
    params: *const nanoclust_dbscan_params,
    x_new: *const f32,
    m: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    labels_out: *mut i32,
) -> nanoclust_status {
    // SAFETY: this function's contract is `predict`'s.
    raw::status(|| unsafe {
        predict::<f32>(
            x_train,
            n,
            d,
            labels,
            is_core,
            params,
            x_new,
            m,
            workspace,
            workspace_bytes,
            labels_out,
        )
    })
}

/// Labels new points with a fitted DBSCAN model: the label of the nearest
/// core sample within eps, else -1.
///
/// Ties go to the lowest training index; a training core sample predicts its
/// own label. Only the core samples matter, so `x_train` may hold just them
/// (with `is_core` all 1).
///
/// @param x_train The training samples: `n*d` doubles, row-major, finite; read only.
/// @param n Number of training samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param labels `n` training labels, as `nanoclust_dbscan_fit_f64` wrote them (core samples >= 0); read only.
/// @param is_core `n` values 0 or 1, as `nanoclust_dbscan_fit_f64` wrote them; read only.
/// @param params The parameters of the fit (read only); eps and the metric are used.
/// @param x_new The new points: `m*d` doubles, row-major, finite; read only.
/// @param m Number of new points, >= 1.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_dbscan_predict_workspace_size_f64` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param labels_out `m` outputs: a cluster label or -1.
/// @return A status; on any status other than NANOCLUST_OK `labels_out` is untouched.
/// @retval NANOCLUST_OK when every new point is labelled.
/// @retval NANOCLUST_ERR_NULL_POINTER when a pointer other than `workspace` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n, d or m is 0, n > INT32_MAX, or n*d or m*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a parameter is invalid, an `is_core` value is not 0 or 1, a core sample has a negative label, or a row is all zero under the cosine metric.
/// @retval NANOCLUST_ERR_NON_FINITE when `x_train` or `x_new` hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when the data's extent could overflow a distance.
/// @par Work
/// O(m * n * d) distance evaluations in the worst case; an index over the
/// core samples visits only nearby ones on spread-out data.
/// @par Contract
/// A sample's distance to itself or to an exact duplicate is 0 in every
/// metric: a training core sample predicts its own label.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for outputs) during the call;
/// `labels_out` and `workspace` must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_dbscan_predict_f64(
    x_train: *const f64,
    n: usize,
    d: usize,
    labels: *const i32,
    is_core: *const u8,
    params: *const nanoclust_dbscan_params,
    x_new: *const f64,
    m: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    labels_out: *mut i32,
) -> nanoclust_status {
    // SAFETY: this function's contract is `predict`'s.
    raw::status(|| unsafe {
        predict::<f64>(
            x_train,
            n,
            d,
            labels,
            is_core,
            params,
            x_new,
            m,
            workspace,
            workspace_bytes,
            labels_out,
        )
    })
}

/// The exact workspace size in bytes of `nanoclust_dbscan_predict_f32`: O(n)
/// (m does not change it).
///
/// @param n Number of training samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param m Number of new points, >= 1.
/// @param params The parameters of the fit (read only).
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `params` or `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n, d or m is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a parameter is invalid.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `params` must be NULL or point to an initialised `nanoclust_dbscan_params`;
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_dbscan_predict_workspace_size_f32(
    n: usize,
    d: usize,
    m: usize,
    params: *const nanoclust_dbscan_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `predict_workspace_size`'s.
    raw::status(|| unsafe { predict_workspace_size::<f32>(n, d, m, params, bytes_out) })
}

/// The exact workspace size in bytes of `nanoclust_dbscan_predict_f64`: O(n)
/// (m does not change it).
///
/// @param n Number of training samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param m Number of new points, >= 1.
/// @param params The parameters of the fit (read only).
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `params` or `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n, d or m is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a parameter is invalid.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `params` must be NULL or point to an initialised `nanoclust_dbscan_params`;
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_dbscan_predict_workspace_size_f64(
    n: usize,
    d: usize,
    m: usize,
    params: *const nanoclust_dbscan_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `predict_workspace_size`'s.
    raw::status(|| unsafe { predict_workspace_size::<f64>(n, d, m, params, bytes_out) })
}

/// The exact workspace size in bytes of `nanoclust_core_distances_f32`:
/// O(n + min_samples).
///
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param min_samples Neighbours counted, the sample itself included: 1 <= min_samples <= n.
/// @param metric One of NANOCLUST_METRIC_*.
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when min_samples is 0 or > n, or the metric is unknown.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_core_distances_workspace_size_f32(
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `core_distances_workspace_size`'s.
    raw::status(|| unsafe {
        core_distances_workspace_size::<f32>(n, d, min_samples, metric, bytes_out)
    })
}

/// The exact workspace size in bytes of `nanoclust_core_distances_f64`:
/// O(n + min_samples).
///
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param min_samples Neighbours counted, the sample itself included: 1 <= min_samples <= n.
/// @param metric One of NANOCLUST_METRIC_*.
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when min_samples is 0 or > n, or the metric is unknown.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_core_distances_workspace_size_f64(
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `core_distances_workspace_size`'s.
    raw::status(|| unsafe {
        core_distances_workspace_size::<f64>(n, d, min_samples, metric, bytes_out)
    })
}

/// Core distances: the distance from every sample to its `min_samples`-th
/// nearest sample, counting itself (scikit-learn
/// `NearestNeighbors(n_neighbors=min_samples).kneighbors(X)` last column).
///
/// Sample i is a core sample of an unweighted DBSCAN fit iff `out[i] <= eps`;
/// sorted, the values are the k-distance curve used to choose eps.
///
/// @param x The samples: `n*d` floats, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param min_samples Neighbours counted, the sample itself included: 1 <= min_samples <= n.
/// @param metric One of NANOCLUST_METRIC_*.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_core_distances_workspace_size_f32` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param out `n` outputs, in distance units.
/// @return A status; on any status other than NANOCLUST_OK `out` is untouched.
/// @retval NANOCLUST_OK when `out` holds the core distances.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x` or `out` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when min_samples is 0 or > n, the metric is unknown, or a row is all zero under the cosine metric.
/// @retval NANOCLUST_ERR_NON_FINITE when `x` holds NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when the data's extent could overflow a distance.
/// @par Work
/// O(n^2 * d) distance evaluations in the worst case.
/// @par Contract
/// A sample's distance to itself or to an exact duplicate is 0 in every
/// metric (so min_samples = 1 gives all zeros).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for outputs) during the call; `out` and
/// `workspace` must not overlap each other or `x`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_core_distances_f32(
    x: *const f32,
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f32,
) -> nanoclust_status {
    // SAFETY: this function's contract is `core_distances`'s.
    raw::status(|| unsafe {
        core_distances::<f32>(
            x,
            n,
            d,
            min_samples,
            metric,
            workspace,
            workspace_bytes,
            out,
        )
    })
}

/// Core distances: the distance from every sample to its `min_samples`-th
/// nearest sample, counting itself (scikit-learn
/// `NearestNeighbors(n_neighbors=min_samples).kneighbors(X)` last column).
///
/// Sample i is a core sample of an unweighted DBSCAN fit iff `out[i] <= eps`;
/// sorted, the values are the k-distance curve used to choose eps.
///
/// @param x The samples: `n*d` doubles, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param min_samples Neighbours counted, the sample itself included: 1 <= min_samples <= n.
/// @param metric One of NANOCLUST_METRIC_*.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_core_distances_workspace_size_f64` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param out `n` outputs, in distance units.
/// @return A status; on any status other than NANOCLUST_OK `out` is untouched.
/// @retval NANOCLUST_OK when `out` holds the core distances.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x` or `out` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when min_samples is 0 or > n, the metric is unknown, or a row is all zero under the cosine metric.
/// @retval NANOCLUST_ERR_NON_FINITE when `x` holds NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when the data's extent could overflow a distance.
/// @par Work
/// O(n^2 * d) distance evaluations in the worst case.
/// @par Contract
/// A sample's distance to itself or to an exact duplicate is 0 in every
/// metric (so min_samples = 1 gives all zeros).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for outputs) during the call; `out` and
/// `workspace` must not overlap each other or `x`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_core_distances_f64(
    x: *const f64,
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
    // SAFETY: this function's contract is `core_distances`'s.
    raw::status(|| unsafe {
        core_distances::<f64>(
            x,
            n,
            d,
            min_samples,
            metric,
            workspace,
            workspace_bytes,
            out,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dbscan::IndexKind;

    #[test]
    fn constants_and_defaults_match_the_rust_side() {
        assert_eq!(NANOCLUST_INDEX_AUTO, IndexKind::Auto as u32);
        assert_eq!(NANOCLUST_INDEX_BRUTE, IndexKind::Brute as u32);
        assert_eq!(NANOCLUST_INDEX_GRID, IndexKind::Grid as u32);
        assert_eq!(NANOCLUST_INDEX_KDTREE, IndexKind::KdTree as u32);
        // SAFETY: no pointer is involved.
        let p = unsafe { nanoclust_dbscan_params_default() };
        assert_eq!(p.to_params(), Ok(DbscanParams::default()));
        assert_eq!((p.eps, p.min_samples, p.metric, p.index), (0.5, 5, 0, 0));
    }
}
