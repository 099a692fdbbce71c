//! The model-selection C ABI: the k sweep (`nanoclust_kmeans_sweep_*`), the
//! DBSCAN eps suggestion (`nanoclust_suggest_eps_*`) and the knee of a curve
//! (`nanoclust_knee_index`). See `model_selection` for the rules.

use crate::distance::Metric;
use crate::error::{Error, Result};
use crate::ffi::kmeans::nanoclust_kmeans_params;
use crate::ffi::raw;
use crate::ffi::status::nanoclust_status;
use crate::model_selection::{self, knee_index};
use crate::scalar::Scalar;
use core::ffi::c_void;

// ---- Result structs --------------------------------------------------------

/// What a k sweep suggests.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct nanoclust_kmeans_sweep_result {
    /// The k with the highest silhouette score (the lowest such k on ties); 0 when
    /// `silhouette` was NULL.
    pub best_silhouette_k: u32,
    /// The k at the elbow (knee) of the inertia curve: the point farthest from the
    /// chord joining the first and last points, both axes scaled to [0, 1]; 0 when
    /// the curve has no knee (fewer than 3 values of k, or a straight line).
    pub elbow_k: u32,
}

/// The k range, checked to fit the result struct.
fn k_range(k_min: usize, k_max: usize) -> Result<(usize, usize)> {
    // ks beyond u32 cannot be reported in the result struct (and exceed any n anyway).
    if u32::try_from(k_max).is_err() {
        return Err(Error::InvalidParameter("k_max"));
    }
    Ok((k_min, k_max))
}

// ---- Size queries ----------------------------------------------------------

/// # Safety
/// The contract of `nanoclust_kmeans_sweep_workspace_size_f32`.
unsafe fn sweep_workspace_size<S: Scalar>(
    n: usize,
    d: usize,
    k_min: usize,
    k_max: usize,
    params: *const nanoclust_kmeans_params,
    bytes_out: *mut usize,
) -> Result<()> {
    // SAFETY: the pointers come unchanged from the export, whose contract
    // makes each valid for one element.
    let (p, k_min, k_max, out) = unsafe {
        let p = raw::read(params, "params")?.to_params()?;
        let (k_min, k_max) = k_range(k_min, k_max)?;
        (p, k_min, k_max, raw::out(bytes_out, "bytes_out")?)
    };
    *out = model_selection::sweep_workspace_size::<S>(n, d, k_min, k_max, &p)?.bytes();
    Ok(())
}

/// # Safety
/// The contract of `nanoclust_suggest_eps_workspace_size_f32`.
unsafe fn eps_workspace_size<S: Scalar>(
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
    *out = model_selection::suggest_eps_workspace_size::<S>(n, d, min_samples, metric)?.bytes();
    Ok(())
}

// ---- Entry points ----------------------------------------------------------

/// # Safety
/// The contract of `nanoclust_kmeans_sweep_f32`.
#[allow(clippy::too_many_arguments)]
unsafe fn sweep<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    sample_weight: *const S,
    k_min: usize,
    k_max: usize,
    params: *const nanoclust_kmeans_params,
    workspace: *mut c_void,
    workspace_bytes: usize,
    inertia: *mut f64,
    silhouette: *mut f64,
    result: *mut nanoclust_kmeans_sweep_result,
) -> Result<()> {
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    let (p, k_min, k_max, x, w, inertia, silhouette, result, ws) = unsafe {
        let p = raw::read(params, "params")?.to_params()?;
        let (k_min, k_max) = k_range(k_min, k_max)?;
        let x = raw::matrix(x, n, d, "x")?;
        let len = model_selection::sweep_len(n, k_min, k_max)?;
        let w = raw::opt_slice(sample_weight, n, "sample_weight")?;
        let inertia = raw::slice_mut(inertia, len, "inertia")?;
        let silhouette = raw::opt_slice_mut(silhouette, len, "silhouette")?;
        let result = raw::opt_out(result, "result")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        (p, k_min, k_max, x, w, inertia, silhouette, result, ws)
    };
    let choice = model_selection::kmeans_sweep(x, w, k_min, k_max, &p, ws, inertia, silhouette)?;
    if let Some(r) = result {
        // Both ks are <= k_max, which fits u32 (checked by k_range).
        let as_u32 = |k: Option<usize>| k.and_then(|k| u32::try_from(k).ok()).unwrap_or(0);
        *r = nanoclust_kmeans_sweep_result {
            best_silhouette_k: as_u32(choice.best_silhouette_k),
            elbow_k: as_u32(choice.elbow_k),
        };
    }
    Ok(())
}

/// # Safety
/// The contract of `nanoclust_suggest_eps_f32`.
#[allow(clippy::too_many_arguments)]
unsafe fn suggest_eps<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    eps_out: *mut f64,
    curve: *mut S,
    knee_out: *mut usize,
) -> Result<()> {
    let metric = Metric::from_u32(metric)?;
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    let (x, eps_out, curve, knee_out, ws) = unsafe {
        let x = raw::matrix(x, n, d, "x")?;
        let eps_out = raw::out(eps_out, "eps_out")?;
        let curve = raw::opt_slice_mut(curve, n, "curve")?;
        let knee_out = raw::opt_out(knee_out, "knee_out")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        (x, eps_out, curve, knee_out, ws)
    };
    let s = model_selection::suggest_eps(x, min_samples, metric, ws, curve)?;
    *eps_out = s.eps;
    if let Some(k) = knee_out {
        *k = s.knee;
    }
    Ok(())
}

/// # Safety
/// The contract of `nanoclust_knee_index`.
unsafe fn knee(y: *const f64, n: usize, index_out: *mut usize) -> Result<()> {
    // SAFETY: the pointers come unchanged from the export, whose contract
    // makes them valid for `n` and one element.
    let (y, out) = unsafe {
        let y = raw::slice(y, n, "y")?;
        crate::matrix::check_finite(y, "y")?;
        (y, raw::out(index_out, "index_out")?)
    };
    *out = knee_index(y).ok_or(Error::InvalidParameter("y"))?;
    Ok(())
}

// ---- Exports, in header order ---------------------------------------------

/// The exact workspace size in bytes of `nanoclust_kmeans_sweep_f32`: centers
/// and labels for k_max, plus the larger of the k-means workspace for k_max
/// and the silhouette workspace (O(n + k_max*d)).
///
/// @param n Number of samples, 3 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param k_min Smallest k, >= 2.
/// @param k_max Largest k, k_min <= k_max <= n - 1.
/// @param params The k-means parameters (read only); `params->n_clusters` is ignored.
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `params` or `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a k-means parameter is out of range or unknown, or not 2 <= k_min <= k_max <= n - 1.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `params` must be NULL or point to an initialised `nanoclust_kmeans_params`;
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_sweep_workspace_size_f32(
    n: usize,
    d: usize,
    k_min: usize,
    k_max: usize,
    params: *const nanoclust_kmeans_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `sweep_workspace_size`'s.
    raw::status(|| unsafe { sweep_workspace_size::<f32>(n, d, k_min, k_max, params, bytes_out) })
}

/// The exact workspace size in bytes of `nanoclust_kmeans_sweep_f64`: centers
/// and labels for k_max, plus the larger of the k-means workspace for k_max
/// and the silhouette workspace (O(n + k_max*d)).
///
/// @param n Number of samples, 3 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param k_min Smallest k, >= 2.
/// @param k_max Largest k, k_min <= k_max <= n - 1.
/// @param params The k-means parameters (read only); `params->n_clusters` is ignored.
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `params` or `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a k-means parameter is out of range or unknown, or not 2 <= k_min <= k_max <= n - 1.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `params` must be NULL or point to an initialised `nanoclust_kmeans_params`;
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_sweep_workspace_size_f64(
    n: usize,
    d: usize,
    k_min: usize,
    k_max: usize,
    params: *const nanoclust_kmeans_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `sweep_workspace_size`'s.
    raw::status(|| unsafe { sweep_workspace_size::<f64>(n, d, k_min, k_max, params, bytes_out) })
}

/// The k sweep of the elbow and silhouette methods: fits k-means for every k
/// in [k_min, k_max], exactly as `nanoclust_kmeans_fit_f32` would with
/// `params` and n_clusters = k (same seed), and reports each fit's inertia
/// and Euclidean silhouette score (scikit-learn `KMeans` and
/// `silhouette_score`).
///
/// @param x The samples: `n*d` floats, row-major, finite; read only.
/// @param n Number of samples, 3 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param sample_weight `n` weights for k-means (not for the silhouette), finite, >= 0, not all zero; may be NULL (all ones).
/// @param k_min Smallest k, >= 2.
/// @param k_max Largest k, k_min <= k_max <= n - 1.
/// @param params The k-means parameters (read only); `params->n_clusters` is ignored.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_kmeans_sweep_workspace_size_f32` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param inertia `k_max - k_min + 1` double outputs: `inertia[k - k_min]` for each k.
/// @param silhouette As `inertia`, the silhouette scores; may be NULL to skip the O(n^2 d) silhouette.
/// @param result Receives the suggested k (best silhouette) and the elbow k; may be NULL.
/// @return A status; on any status other than NANOCLUST_OK no output is written.
/// @retval NANOCLUST_OK when the outputs are written.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `params` or `inertia` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a k-means parameter or the k range is invalid, or a fit or silhouette rejects the data (see `nanoclust_kmeans_fit_f32`).
/// @retval NANOCLUST_ERR_NON_FINITE when `x` or `sample_weight` hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a fit or a silhouette overflows.
/// @par Work
/// O((k_max - k_min + 1) * (n_init * (max_iter + 2 + ln k_max) * n * k_max * d + n^2 * d)).
/// @par Contract
/// Each fit keeps the k-means contract of `nanoclust_kmeans_fit_f32`.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for outputs) during the call; outputs
/// (`inertia`, `silhouette`, `result`, `workspace`) must not overlap each
/// other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_sweep_f32(
    x: *const f32,
    n: usize,
    d: usize,
    sample_weight: *const f32,
    k_min: usize,
    k_max: usize,
    params: *const nanoclust_kmeans_params,
    workspace: *mut c_void,
    workspace_bytes: usize,
    inertia: *mut f64,
    silhouette: *mut f64,
    result: *mut nanoclust_kmeans_sweep_result,
) -> nanoclust_status {
    // SAFETY: this function's contract is `sweep`'s.
    raw::status(|| unsafe {
        sweep::<f32>(
            x,
            n,
            d,
            sample_weight,
            k_min,
            k_max,
            params,
            workspace,
            workspace_bytes,
            inertia,
            silhouette,
            result,
        )
    })
}

/// The k sweep of the elbow and silhouette methods: fits k-means for every k
/// in [k_min, k_max], exactly as `nanoclust_kmeans_fit_f64` would with
/// `params` and n_clusters = k (same seed), and reports each fit's inertia
/// and Euclidean silhouette score (scikit-learn `KMeans` and
/// `silhouette_score`).
///
/// @param x The samples: `n*d` doubles, row-major, finite; read only.
/// @param n Number of samples, 3 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param sample_weight `n` weights for k-means (not for the silhouette), finite, >= 0, not all zero; may be NULL (all ones).
/// @param k_min Smallest k, >= 2.
/// @param k_max Largest k, k_min <= k_max <= n - 1.
/// @param params The k-means parameters (read only); `params->n_clusters` is ignored.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_kmeans_sweep_workspace_size_f64` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param inertia `k_max - k_min + 1` double outputs: `inertia[k - k_min]` for each k.
/// @param silhouette As `inertia`, the silhouette scores; may be NULL to skip the O(n^2 d) silhouette.
/// @param result Receives the suggested k (best silhouette) and the elbow k; may be NULL.
/// @return A status; on any status other than NANOCLUST_OK no output is written.
/// @retval NANOCLUST_OK when the outputs are written.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `params` or `inertia` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a k-means parameter or the k range is invalid, or a fit or silhouette rejects the data (see `nanoclust_kmeans_fit_f64`).
/// @retval NANOCLUST_ERR_NON_FINITE when `x` or `sample_weight` hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a fit or a silhouette overflows.
/// @par Work
/// O((k_max - k_min + 1) * (n_init * (max_iter + 2 + ln k_max) * n * k_max * d + n^2 * d)).
/// @par Contract
/// Each fit keeps the k-means contract of `nanoclust_kmeans_fit_f64`.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for outputs) during the call; outputs
/// (`inertia`, `silhouette`, `result`, `workspace`) must not overlap each
/// other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_sweep_f64(
    x: *const f64,
    n: usize,
    d: usize,
    sample_weight: *const f64,
    k_min: usize,
    k_max: usize,
    params: *const nanoclust_kmeans_params,
    workspace: *mut c_void,
    workspace_bytes: usize,
    inertia: *mut f64,
    silhouette: *mut f64,
    result: *mut nanoclust_kmeans_sweep_result,
) -> nanoclust_status {
    // SAFETY: this function's contract is `sweep`'s.
    raw::status(|| unsafe {
        sweep::<f64>(
            x,
            n,
            d,
            sample_weight,
            k_min,
            k_max,
            params,
            workspace,
            workspace_bytes,
            inertia,
            silhouette,
            result,
        )
    })
}

/// The exact workspace size in bytes of `nanoclust_suggest_eps_f32`: the
/// core-distance workspace plus n floats, O(n).
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
pub unsafe extern "C" fn nanoclust_suggest_eps_workspace_size_f32(
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `eps_workspace_size`'s.
    raw::status(|| unsafe { eps_workspace_size::<f32>(n, d, min_samples, metric, bytes_out) })
}

/// The exact workspace size in bytes of `nanoclust_suggest_eps_f64`: the
/// core-distance workspace plus n doubles, O(n).
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
pub unsafe extern "C" fn nanoclust_suggest_eps_workspace_size_f64(
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `eps_workspace_size`'s.
    raw::status(|| unsafe { eps_workspace_size::<f64>(n, d, min_samples, metric, bytes_out) })
}

/// Suggests eps for DBSCAN: the knee of the sorted k-distance curve (the
/// "kneedle" idea, Satopaa et al. 2011, on the curve of Ester et al. 1996).
///
/// Each sample's core distance (as `nanoclust_core_distances_f32`) is sorted
/// ascending; eps is the value at the point farthest from the chord joining
/// the curve's ends (both axes scaled to [0, 1]). With this eps and
/// `min_samples`, the samples left of the knee are core samples.
///
/// @param x The samples: `n*d` floats, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX (a knee needs n >= 3).
/// @param d Number of features, >= 1.
/// @param min_samples Neighbours counted, the sample itself included: 1 <= min_samples <= n.
/// @param metric One of NANOCLUST_METRIC_*.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_suggest_eps_workspace_size_f32` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param eps_out Receives the suggested eps (distance units).
/// @param curve `n` float outputs, the ascending k-distance curve to plot; may be NULL.
/// @param knee_out Receives the knee's index in `curve`; may be NULL.
/// @return A status; on any status other than NANOCLUST_OK no output is written.
/// @retval NANOCLUST_OK when the outputs are written.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x` or `eps_out` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when min_samples is 0 or > n, the metric is unknown, a row is all zero under cosine, or the curve has no knee (n < 3, or a straight line such as evenly spaced samples: choose eps by other means then).
/// @retval NANOCLUST_ERR_NON_FINITE when `x` holds NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when the data's extent could overflow a distance.
/// @par Work
/// O(n^2 * d + n log n).
/// @par Contract
/// A sample's distance to itself or to an exact duplicate is 0 in every metric.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for `x`, writes for outputs) during the call; outputs
/// (`eps_out`, `curve`, `knee_out`, `workspace`) must not overlap each other
/// or `x`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_suggest_eps_f32(
    x: *const f32,
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    eps_out: *mut f64,
    curve: *mut f32,
    knee_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `suggest_eps`'s.
    raw::status(|| unsafe {
        suggest_eps::<f32>(
            x,
            n,
            d,
            min_samples,
            metric,
            workspace,
            workspace_bytes,
            eps_out,
            curve,
            knee_out,
        )
    })
}

/// Suggests eps for DBSCAN: the knee of the sorted k-distance curve (the
/// "kneedle" idea, Satopaa et al. 2011, on the curve of Ester et al. 1996).
///
/// Each sample's core distance (as `nanoclust_core_distances_f64`) is sorted
/// ascending; eps is the value at the point farthest from the chord joining
/// the curve's ends (both axes scaled to [0, 1]). With this eps and
/// `min_samples`, the samples left of the knee are core samples.
///
/// @param x The samples: `n*d` doubles, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX (a knee needs n >= 3).
/// @param d Number of features, >= 1.
/// @param min_samples Neighbours counted, the sample itself included: 1 <= min_samples <= n.
/// @param metric One of NANOCLUST_METRIC_*.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_suggest_eps_workspace_size_f64` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param eps_out Receives the suggested eps (distance units).
/// @param curve `n` double outputs, the ascending k-distance curve to plot; may be NULL.
/// @param knee_out Receives the knee's index in `curve`; may be NULL.
/// @return A status; on any status other than NANOCLUST_OK no output is written.
/// @retval NANOCLUST_OK when the outputs are written.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x` or `eps_out` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when min_samples is 0 or > n, the metric is unknown, a row is all zero under cosine, or the curve has no knee (n < 3, or a straight line such as evenly spaced samples: choose eps by other means then).
/// @retval NANOCLUST_ERR_NON_FINITE when `x` holds NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when the data's extent could overflow a distance.
/// @par Work
/// O(n^2 * d + n log n).
/// @par Contract
/// A sample's distance to itself or to an exact duplicate is 0 in every metric.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for `x`, writes for outputs) during the call; outputs
/// (`eps_out`, `curve`, `knee_out`, `workspace`) must not overlap each other
/// or `x`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_suggest_eps_f64(
    x: *const f64,
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    eps_out: *mut f64,
    curve: *mut f64,
    knee_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `suggest_eps`'s.
    raw::status(|| unsafe {
        suggest_eps::<f64>(
            x,
            n,
            d,
            min_samples,
            metric,
            workspace,
            workspace_bytes,
            eps_out,
            curve,
            knee_out,
        )
    })
}

/// The knee of a curve of `n` values at equally spaced x (an inertia curve
/// over k, a sorted k-distance curve...): the index of the point farthest
/// from the chord joining the first and last points, both axes scaled to
/// [0, 1] (ties: the lowest index).
///
/// @param y `n` doubles, finite; read only.
/// @param n Number of values, >= 3.
/// @param index_out Receives the knee's index in 0..n-1.
/// @return A status; on any status other than NANOCLUST_OK `*index_out` is untouched.
/// @retval NANOCLUST_OK when `*index_out` holds the index.
/// @retval NANOCLUST_ERR_NULL_POINTER when `y` or `index_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n * sizeof(double) overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when n < 3 or the curve has no knee (a straight line).
/// @retval NANOCLUST_ERR_NON_FINITE when `y` holds NaN or Inf.
/// @par Work
/// O(n).
///
/// # Safety
/// `y` must be NULL or valid for reads of `n` doubles, `index_out` NULL or
/// valid for one write, during the call; they must not overlap.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_knee_index(
    y: *const f64,
    n: usize,
    index_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `knee`'s.
    raw::status(|| unsafe { knee(y, n, index_out) })
}
