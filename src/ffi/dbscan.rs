//! DBSCAN: fit (scikit-learn's exact labels), predict and core distances.

use core::ffi::c_void;

use super::raw;
use super::status::nanoclust_status;
use crate::dbscan::{self, DbscanParams};
use crate::distance::Metric;
use crate::error::Result;
use crate::matrix::Matrix;
use crate::scalar::Scalar;

/// Chooses the index from the sizes and the metric (grid up to 3 features,
/// kd-tree up to 24, brute force beyond or below 32 samples).
pub const NANOCLUST_INDEX_AUTO: u32 = 0;
/// Brute force: every pair is compared.
pub const NANOCLUST_INDEX_BRUTE: u32 = 1;
/// A uniform grid (cells at least eps wide) over up to three features.
pub const NANOCLUST_INDEX_GRID: u32 = 2;
/// A kd-tree with tight bounding boxes.
pub const NANOCLUST_INDEX_KDTREE: u32 = 3;

/// DBSCAN parameters, shared by the `_f32` and `_f64` functions.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct nanoclust_dbscan_params {
    /// Neighbourhood radius: j neighbours i iff distance(i, j) <= eps. Finite, > 0. Default 0.5.
    pub eps: f64,
    /// Samples (or total sample weight) in a neighbourhood, the sample itself
    /// included, for a core sample (scikit-learn). >= 1. Default 5.
    pub min_samples: u32,
    /// NANOCLUST_METRIC_*. Default Euclidean.
    pub metric: u32,
    /// NANOCLUST_INDEX_*; the result never depends on it. Default AUTO.
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

/// The default DBSCAN parameters: eps 0.5, min_samples 5, Euclidean, AUTO index
/// (scikit-learn's defaults).
#[no_mangle]
pub extern "C" fn nanoclust_dbscan_params_default() -> nanoclust_dbscan_params {
    DbscanParams::default().into()
}

fn params_at(params: *const nanoclust_dbscan_params) -> Result<DbscanParams> {
    raw::read(params, "params")?.to_params()
}

fn workspace_size<S: Scalar>(
    n: usize,
    d: usize,
    params: *const nanoclust_dbscan_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| {
        let p = params_at(params)?;
        let out = raw::out(bytes_out, "bytes_out")?;
        *out = dbscan::workspace_size::<S>(n, d, &p)?.bytes();
        Ok(())
    })
}

#[allow(clippy::too_many_arguments)]
fn fit<S: Scalar>(
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
) -> nanoclust_status {
    raw::status(|| {
        let p = params_at(params)?;
        let x = raw::rows(x, n, d, "x")?;
        let x = Matrix::new(x, n, d)?;
        let w = raw::opt_slice(sample_weight, n, "sample_weight")?;
        let labels = raw::slice_mut(labels, n, "labels")?;
        let is_core = raw::opt_slice_mut(is_core, n, "is_core")?;
        let result = raw::opt_out(result, "result")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        let s = dbscan::fit(&p, x, w, ws, labels, is_core)?;
        if let Some(r) = result {
            *r = nanoclust_dbscan_result {
                n_clusters: s.n_clusters,
                n_noise: s.n_noise,
                n_core: s.n_core,
            };
        }
        Ok(())
    })
}

#[allow(clippy::too_many_arguments)]
fn predict<S: Scalar>(
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
) -> nanoclust_status {
    raw::status(|| {
        let p = params_at(params)?;
        let xt = raw::rows(x_train, n, d, "x_train")?;
        let xt = Matrix::named(xt, n, d, "x_train")?;
        let labels = raw::slice(labels, n, "labels")?;
        let is_core = raw::slice(is_core, n, "is_core")?;
        let xn = raw::rows(x_new, m, d, "x_new")?;
        let xn = Matrix::named(xn, m, d, "x_new")?;
        let out = raw::slice_mut(labels_out, m, "labels_out")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        dbscan::predict(&p, xt, labels, is_core, xn, ws, out)
    })
}

fn predict_workspace_size<S: Scalar>(
    n: usize,
    d: usize,
    m: usize,
    params: *const nanoclust_dbscan_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| {
        let p = params_at(params)?;
        let out = raw::out(bytes_out, "bytes_out")?;
        *out = dbscan::predict_workspace_size::<S>(n, d, m, &p)?.bytes();
        Ok(())
    })
}

fn core_distances_workspace_size<S: Scalar>(
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| {
        let metric = Metric::from_u32(metric)?;
        let out = raw::out(bytes_out, "bytes_out")?;
        *out = dbscan::core_distances_workspace_size::<S>(n, d, min_samples, metric)?.bytes();
        Ok(())
    })
}

#[allow(clippy::too_many_arguments)]
fn core_distances<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut S,
) -> nanoclust_status {
    raw::status(|| {
        let metric = Metric::from_u32(metric)?;
        let x = raw::rows(x, n, d, "x")?;
        let x = Matrix::new(x, n, d)?;
        let out = raw::slice_mut(out, n, "out")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        dbscan::core_distances(x, min_samples, metric, ws, out)
    })
}

/// Workspace bytes for `nanoclust_dbscan_fit_f32` on `n` samples of `d` features
/// with these parameters (O(n); at most 64 bytes per sample for d <= 3),
/// written to `*bytes_out`. Statuses: OK, NULL_POINTER (params, bytes_out),
/// INVALID_SHAPE (n or d is 0, n > INT32_MAX), INVALID_PARAMETER (eps,
/// min_samples, metric, index), SIZE_OVERFLOW.
#[no_mangle]
pub extern "C" fn nanoclust_dbscan_workspace_size_f32(
    n: usize,
    d: usize,
    params: *const nanoclust_dbscan_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    workspace_size::<f32>(n, d, params, bytes_out)
}

/// As `nanoclust_dbscan_workspace_size_f32`, for `nanoclust_dbscan_fit_f64`.
#[no_mangle]
pub extern "C" fn nanoclust_dbscan_workspace_size_f64(
    n: usize,
    d: usize,
    params: *const nanoclust_dbscan_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    workspace_size::<f64>(n, d, params, bytes_out)
}

/// DBSCAN on `x` (n*d floats, row-major) with scikit-learn's exact labels:
/// clusters are numbered in the order of their lowest-index core sample, and a
/// border sample reachable from several clusters joins the lowest-numbered one.
///
/// - `sample_weight`: n weights (finite; negative allowed as in scikit-learn)
///   or NULL for all ones; a sample is core when the weight of its
///   eps-neighbourhood, itself included, is at least min_samples (compared
///   exactly, whatever the summation order).
/// - `workspace`: at least `nanoclust_dbscan_workspace_size_f32` bytes, any
///   alignment; NULL only if that size is 0.
/// - `labels`: n outputs, cluster 0.. or -1 for noise. `is_core`: n outputs
///   (0/1) or NULL. `result`: cluster/noise/core counts, or NULL.
///
/// The caller owns every buffer; nothing is retained. Statuses: OK,
/// NULL_POINTER, INVALID_SHAPE, INVALID_PARAMETER (params; cosine with a zero
/// row), NON_FINITE (x, sample_weight), WORKSPACE_TOO_SMALL, SIZE_OVERFLOW,
/// NUMERICAL (eps so large that an overflowing distance could be a
/// neighbour). On failure no output is written.
#[no_mangle]
pub extern "C" fn nanoclust_dbscan_fit_f32(
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
}

/// As `nanoclust_dbscan_fit_f32`, with double data and weights.
#[no_mangle]
pub extern "C" fn nanoclust_dbscan_fit_f64(
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
}

/// Labels `m` new points `x_new` (m*d floats) with a fitted model: the label of
/// the nearest core sample of `x_train` (n*d floats) within `params->eps`
/// (ties: the lowest training index), else -1. `labels` and `is_core` (n each)
/// are what `nanoclust_dbscan_fit_f32` wrote; `is_core` values must be 0 or 1
/// and core samples must have a label >= 0. A training core sample predicts its
/// own label. Only the core samples matter, so x_train may hold just them
/// (with `is_core` all 1). Writes `labels_out` (m). Workspace: at least
/// `nanoclust_dbscan_predict_workspace_size_f32` bytes. Statuses: OK,
/// NULL_POINTER, INVALID_SHAPE, INVALID_PARAMETER (params, labels, is_core,
/// cosine zero rows), NON_FINITE, WORKSPACE_TOO_SMALL, SIZE_OVERFLOW,
/// NUMERICAL. On failure `labels_out` is untouched.
#[no_mangle]
pub extern "C" fn nanoclust_dbscan_predict_f32(
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
}

/// As `nanoclust_dbscan_predict_f32`, with double data.
#[no_mangle]
pub extern "C" fn nanoclust_dbscan_predict_f64(
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
}

/// Workspace bytes for `nanoclust_dbscan_predict_f32` with `n` training samples,
/// `m` new points (m > 0; it does not change the size) and `d` features (O(n)),
/// written to `*bytes_out`. Statuses: OK, NULL_POINTER, INVALID_SHAPE,
/// INVALID_PARAMETER, SIZE_OVERFLOW.
#[no_mangle]
pub extern "C" fn nanoclust_dbscan_predict_workspace_size_f32(
    n: usize,
    d: usize,
    m: usize,
    params: *const nanoclust_dbscan_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    predict_workspace_size::<f32>(n, d, m, params, bytes_out)
}

/// As `nanoclust_dbscan_predict_workspace_size_f32`, for `nanoclust_dbscan_predict_f64`.
#[no_mangle]
pub extern "C" fn nanoclust_dbscan_predict_workspace_size_f64(
    n: usize,
    d: usize,
    m: usize,
    params: *const nanoclust_dbscan_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    predict_workspace_size::<f64>(n, d, m, params, bytes_out)
}

/// Workspace bytes for `nanoclust_core_distances_f32` (O(n + min_samples)),
/// written to `*bytes_out`. Statuses: OK, NULL_POINTER, INVALID_SHAPE,
/// INVALID_PARAMETER (min_samples 0 or > n, metric), SIZE_OVERFLOW.
#[no_mangle]
pub extern "C" fn nanoclust_core_distances_workspace_size_f32(
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    core_distances_workspace_size::<f32>(n, d, min_samples, metric, bytes_out)
}

/// As `nanoclust_core_distances_workspace_size_f32`, for `nanoclust_core_distances_f64`.
#[no_mangle]
pub extern "C" fn nanoclust_core_distances_workspace_size_f64(
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    core_distances_workspace_size::<f64>(n, d, min_samples, metric, bytes_out)
}

/// Core distances of `x` (n*d floats): `out[i]` (n outputs, in distance units)
/// is the distance from sample i to its `min_samples`-th nearest sample,
/// counting itself (scikit-learn's `NearestNeighbors(n_neighbors=min_samples)
/// .kneighbors(X)` last column), so sample i is a core sample of an unweighted
/// fit iff `out[i] <= eps`. Sorted, it is the k-distance curve used to choose
/// eps. Statuses: OK, NULL_POINTER, INVALID_SHAPE, INVALID_PARAMETER
/// (min_samples 0 or > n, metric, cosine zero rows), NON_FINITE,
/// WORKSPACE_TOO_SMALL, SIZE_OVERFLOW, NUMERICAL (the data's extent could
/// overflow a distance). On failure `out` is untouched.
#[no_mangle]
pub extern "C" fn nanoclust_core_distances_f32(
    x: *const f32,
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f32,
) -> nanoclust_status {
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
}

/// As `nanoclust_core_distances_f32`, with double data and outputs.
#[no_mangle]
pub extern "C" fn nanoclust_core_distances_f64(
    x: *const f64,
    n: usize,
    d: usize,
    min_samples: u32,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
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
        let p = nanoclust_dbscan_params_default();
        assert_eq!(p.to_params(), Ok(DbscanParams::default()));
        assert_eq!((p.eps, p.min_samples, p.metric, p.index), (0.5, 5, 0, 0));
    }
}
