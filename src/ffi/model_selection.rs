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

fn k_range(k_min: usize, k_max: usize) -> Result<(usize, usize)> {
    // ks beyond u32 cannot be reported in the result struct (and exceed any n anyway).
    if u32::try_from(k_max).is_err() {
        return Err(Error::InvalidParameter("k_max"));
    }
    Ok((k_min, k_max))
}

fn sweep_workspace_size<S: Scalar>(
    n: usize,
    d: usize,
    k_min: usize,
    k_max: usize,
    params: *const nanoclust_kmeans_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| {
        let p = raw::read(params, "params")?.to_params()?;
        let (k_min, k_max) = k_range(k_min, k_max)?;
        let out = raw::out(bytes_out, "bytes_out")?;
        *out = model_selection::sweep_workspace_size::<S>(n, d, k_min, k_max, &p)?.bytes();
        Ok(())
    })
}

/// Writes to `*bytes_out` the exact workspace size of `nanoclust_kmeans_sweep_f32`:
/// centers and labels for k_max, plus the larger of the k-means workspace for
/// k_max and the silhouette workspace (O(n + k_max*d)). `params->n_clusters` is
/// ignored. Statuses: NULL_POINTER, INVALID_SHAPE, INVALID_PARAMETER (params;
/// unless 2 <= k_min <= k_max <= n - 1), SIZE_OVERFLOW.
#[no_mangle]
pub extern "C" fn nanoclust_kmeans_sweep_workspace_size_f32(
    n: usize,
    d: usize,
    k_min: usize,
    k_max: usize,
    params: *const nanoclust_kmeans_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    sweep_workspace_size::<f32>(n, d, k_min, k_max, params, bytes_out)
}

/// As `nanoclust_kmeans_sweep_workspace_size_f32`, for double data.
#[no_mangle]
pub extern "C" fn nanoclust_kmeans_sweep_workspace_size_f64(
    n: usize,
    d: usize,
    k_min: usize,
    k_max: usize,
    params: *const nanoclust_kmeans_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    sweep_workspace_size::<f64>(n, d, k_min, k_max, params, bytes_out)
}

#[allow(clippy::too_many_arguments)]
fn sweep<S: Scalar>(
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
) -> nanoclust_status {
    raw::status(|| {
        let p = raw::read(params, "params")?.to_params()?;
        let (k_min, k_max) = k_range(k_min, k_max)?;
        let x = raw::matrix(x, n, d, "x")?;
        let len = model_selection::sweep_len(n, k_min, k_max)?;
        let w = raw::opt_slice(sample_weight, n, "sample_weight")?;
        let inertia = raw::slice_mut(inertia, len, "inertia")?;
        let silhouette = raw::opt_slice_mut(silhouette, len, "silhouette")?;
        let result = raw::opt_out(result, "result")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        let choice =
            model_selection::kmeans_sweep(x, w, k_min, k_max, &p, ws, inertia, silhouette)?;
        if let Some(r) = result {
            // Both ks are <= k_max, which fits u32 (checked by k_range).
            let as_u32 = |k: Option<usize>| k.and_then(|k| u32::try_from(k).ok()).unwrap_or(0);
            *r = nanoclust_kmeans_sweep_result {
                best_silhouette_k: as_u32(choice.best_silhouette_k),
                elbow_k: as_u32(choice.elbow_k),
            };
        }
        Ok(())
    })
}

/// The k sweep of the elbow and silhouette methods: fits k-means to the
/// row-major `n x d` data `x` for every k in [k_min, k_max], exactly as
/// `nanoclust_kmeans_fit_f32` would with `params` and n_clusters = k (same seed),
/// and reports each fit's inertia and Euclidean silhouette score.
///
/// - `sample_weight`: `n` weights (used by k-means, not by the silhouette); may be NULL.
/// - `params`: k-means parameters; `params->n_clusters` is ignored.
/// - `k_min`, `k_max`: 2 <= k_min <= k_max <= n - 1.
/// - `workspace`: at least `nanoclust_kmeans_sweep_workspace_size_f32` bytes.
/// - `inertia`: `k_max - k_min + 1` doubles; `inertia[k - k_min]` for each k.
/// - `silhouette`: as `inertia`; may be NULL to skip the O(n^2 d) silhouette.
/// - `result`: the suggested k (best silhouette) and the elbow k; may be NULL.
///
/// Statuses: those of `nanoclust_kmeans_fit_f32` and
/// `nanoclust_silhouette_score_f32` for any k, INVALID_PARAMETER for the k
/// range. On failure nothing is written.
#[no_mangle]
pub extern "C" fn nanoclust_kmeans_sweep_f32(
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
    sweep(
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
}

/// As `nanoclust_kmeans_sweep_f32`, with double data and weights.
#[no_mangle]
pub extern "C" fn nanoclust_kmeans_sweep_f64(
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
    sweep(
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
}

fn eps_workspace_size<S: Scalar>(
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| {
        let metric = Metric::from_u32(metric)?;
        let out = raw::out(bytes_out, "bytes_out")?;
        *out = model_selection::suggest_eps_workspace_size::<S>(n, d, min_samples, metric)?.bytes();
        Ok(())
    })
}

/// Writes to `*bytes_out` the exact workspace size of `nanoclust_suggest_eps_f32`
/// (the core-distance workspace plus n floats: O(n)). Statuses: NULL_POINTER,
/// INVALID_SHAPE, INVALID_PARAMETER (min_samples = 0 or > n, metric), SIZE_OVERFLOW.
#[no_mangle]
pub extern "C" fn nanoclust_suggest_eps_workspace_size_f32(
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    eps_workspace_size::<f32>(n, d, min_samples, metric, bytes_out)
}

/// As `nanoclust_suggest_eps_workspace_size_f32`, for double data.
#[no_mangle]
pub extern "C" fn nanoclust_suggest_eps_workspace_size_f64(
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    eps_workspace_size::<f64>(n, d, min_samples, metric, bytes_out)
}

#[allow(clippy::too_many_arguments)]
fn suggest_eps<S: Scalar>(
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
) -> nanoclust_status {
    raw::status(|| {
        let metric = Metric::from_u32(metric)?;
        let x = raw::matrix(x, n, d, "x")?;
        let eps_out = raw::out(eps_out, "eps_out")?;
        let curve = raw::opt_slice_mut(curve, n, "curve")?;
        let knee_out = raw::opt_out(knee_out, "knee_out")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        let s = model_selection::suggest_eps(x, min_samples, metric, ws, curve)?;
        *eps_out = s.eps;
        if let Some(k) = knee_out {
            *k = s.knee;
        }
        Ok(())
    })
}

/// Suggests eps for DBSCAN: the knee of the sorted k-distance curve. Each
/// sample's core distance (as `nanoclust_core_distances_f32`: the distance to its
/// `min_samples`-th nearest sample, itself included) is sorted ascending; eps is
/// the value at the point farthest from the chord joining the curve's ends (both
/// axes scaled to [0, 1]). With this eps and `min_samples`, the samples left of
/// the knee are core samples.
///
/// - `x`: `n x d` row-major floats; `metric`: NANOCLUST_METRIC_*.
/// - `workspace`: at least `nanoclust_suggest_eps_workspace_size_f32` bytes.
/// - `eps_out`: the suggested eps (same units as the distances).
/// - `curve`: `n` floats, the ascending k-distance curve to plot; may be NULL.
/// - `knee_out`: the knee's index in `curve`; may be NULL.
///
/// Statuses: those of `nanoclust_core_distances_f32`, and INVALID_PARAMETER when
/// the curve has no knee (n < 3, or a straight line such as evenly spaced
/// samples): choose eps by other means then. On failure nothing is written.
#[no_mangle]
pub extern "C" fn nanoclust_suggest_eps_f32(
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
    suggest_eps(
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
}

/// As `nanoclust_suggest_eps_f32`, with double data and curve.
#[no_mangle]
pub extern "C" fn nanoclust_suggest_eps_f64(
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
    suggest_eps(
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
}

/// The knee of a curve of `n` values at equally spaced x (an inertia curve over
/// k, a sorted k-distance curve...): the index of the point farthest from the
/// chord joining the first and last points, both axes scaled to [0, 1] (ties:
/// the lowest index). Written to `*index_out`. Statuses: NULL_POINTER,
/// NON_FINITE (a NaN or infinite value), INVALID_PARAMETER (n < 3 or no knee:
/// a straight line). On failure nothing is written.
#[no_mangle]
pub extern "C" fn nanoclust_knee_index(
    y: *const f64,
    n: usize,
    index_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| {
        let y = raw::slice(y, n, "y")?;
        crate::matrix::check_finite(y, "y")?;
        let out = raw::out(index_out, "index_out")?;
        *out = knee_index(y).ok_or(Error::InvalidParameter("y"))?;
        Ok(())
    })
}
