//! C ABI of the clustering metrics (`nanoclust_inertia_*`,
//! `nanoclust_silhouette_*`, `nanoclust_calinski_harabasz_*`,
//! `nanoclust_davies_bouldin_*`, `nanoclust_adjusted_rand_index`,
//! `nanoclust_normalized_mutual_info` and their workspace queries).

use crate::distance::Metric;
use crate::error::{Error, Result};
use crate::ffi::raw;
use crate::ffi::status::nanoclust_status;
use crate::matrix::Matrix;
use crate::metrics::{cluster_stats, contingency, silhouette};
use crate::scalar::Scalar;
use crate::workspace::Layout;
use core::ffi::c_void;

// ---- Size queries ----------------------------------------------------------

/// Writes a size query's result.
///
/// # Safety
/// `bytes_out` must be NULL or point to a writable `size_t`.
unsafe fn size_query(bytes_out: *mut usize, layout: impl FnOnce() -> Result<Layout>) -> Result<()> {
    // SAFETY: this function's contract is `raw::out`'s.
    let out = unsafe { raw::out(bytes_out, "bytes_out") }?;
    *out = layout()?.bytes();
    Ok(())
}

// ---- Entry points ----------------------------------------------------------

/// Writes one f64 result computed by `f` (only on success); `out` is checked first.
///
/// # Safety
/// `out` must be NULL or point to a writable `double`.
unsafe fn scalar_out(out: *mut f64, f: impl FnOnce() -> Result<f64>) -> Result<()> {
    // SAFETY: this function's contract is `raw::out`'s.
    let out = unsafe { raw::out(out, "out") }?;
    *out = f()?;
    Ok(())
}

/// # Safety
/// The contract of `nanoclust_inertia_f32`.
unsafe fn inertia<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    centers: *const S,
    k: usize,
    labels: *const i32,
    out: *mut f64,
) -> Result<()> {
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    unsafe {
        scalar_out(out, || {
            if k == 0 {
                return Err(Error::InvalidParameter("k"));
            }
            let x = raw::matrix(x, n, d, "x")?;
            let kd = k.checked_mul(d).ok_or(Error::InvalidShape("centers"))?;
            let centers = Matrix::named(raw::slice(centers, kd, "centers")?, k, d, "centers")?;
            let labels = raw::slice(labels, n, "labels")?;
            crate::metrics::inertia(x, centers, labels)
        })
    }
}

/// # Safety
/// The contract of `nanoclust_silhouette_score_f32`.
#[allow(clippy::too_many_arguments)]
unsafe fn silhouette_score<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    labels: *const i32,
    n_clusters: usize,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> Result<()> {
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    unsafe {
        scalar_out(out, || {
            let metric = Metric::from_u32(metric)?;
            let x = raw::matrix(x, n, d, "x")?;
            let labels = raw::slice(labels, n, "labels")?;
            let ws = raw::workspace(workspace, workspace_bytes)?;
            silhouette::silhouette_score(x, labels, n_clusters, metric, ws)
        })
    }
}

/// # Safety
/// The contract of `nanoclust_silhouette_samples_f32`.
#[allow(clippy::too_many_arguments)]
unsafe fn silhouette_samples<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    labels: *const i32,
    n_clusters: usize,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut S,
) -> Result<()> {
    let metric = Metric::from_u32(metric)?;
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    let (x, labels, ws, out) = unsafe {
        let x = raw::matrix(x, n, d, "x")?;
        let labels = raw::slice(labels, n, "labels")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        let out = raw::slice_mut(out, n, "out")?;
        (x, labels, ws, out)
    };
    silhouette::silhouette_samples(x, labels, n_clusters, metric, ws, out)
}

/// Which centroid metric to compute.
#[derive(Clone, Copy)]
enum Stat {
    CalinskiHarabasz,
    DaviesBouldin,
}

/// # Safety
/// The contract of `nanoclust_calinski_harabasz_f32`.
#[allow(clippy::too_many_arguments)]
unsafe fn cluster_stat<S: Scalar>(
    stat: Stat,
    x: *const S,
    n: usize,
    d: usize,
    labels: *const i32,
    n_clusters: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> Result<()> {
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    unsafe {
        scalar_out(out, || {
            let x = raw::matrix(x, n, d, "x")?;
            let labels = raw::slice(labels, n, "labels")?;
            let ws = raw::workspace(workspace, workspace_bytes)?;
            match stat {
                Stat::CalinskiHarabasz => {
                    cluster_stats::calinski_harabasz(x, labels, n_clusters, ws)
                }
                Stat::DaviesBouldin => cluster_stats::davies_bouldin(x, labels, n_clusters, ws),
            }
        })
    }
}

/// A labeling comparison of the core.
type CompareFn = fn(&[i32], &[i32], &mut [u8]) -> Result<f64>;

/// # Safety
/// The contract of `nanoclust_adjusted_rand_index`.
unsafe fn compare(
    a: *const i32,
    b: *const i32,
    n: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
    f: CompareFn,
) -> Result<()> {
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    unsafe {
        scalar_out(out, || {
            let a = raw::slice(a, n, "a")?;
            let b = raw::slice(b, n, "b")?;
            let ws = raw::workspace(workspace, workspace_bytes)?;
            f(a, b, ws)
        })
    }
}

// ---- Exports, in header order ---------------------------------------------

/// Inertia: the sum over samples of the squared Euclidean distance to the
/// center their label names (scikit-learn `KMeans.inertia_` with unit
/// weights), accumulated in double.
///
/// @param x The samples: `n*d` floats, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param centers `k*d` floats, row-major, finite; read only.
/// @param k Number of centers, >= 1.
/// @param labels `n` labels, each < k; negative labels (noise) leave their sample out; read only.
/// @param out Receives the inertia.
/// @return A status; on any status other than NANOCLUST_OK `*out` is untouched.
/// @retval NANOCLUST_OK when `*out` holds the inertia.
/// @retval NANOCLUST_ERR_NULL_POINTER when a pointer is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX, or n*d or k*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when k is 0 or a label is >= k.
/// @retval NANOCLUST_ERR_NON_FINITE when `x` or `centers` hold NaN or Inf.
/// @retval NANOCLUST_ERR_NUMERICAL when the sum overflows.
/// @par Work
/// O(n * d).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, a write for `out`) during the call; `out` must
/// not overlap the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_inertia_f32(
    x: *const f32,
    n: usize,
    d: usize,
    centers: *const f32,
    k: usize,
    labels: *const i32,
    out: *mut f64,
) -> nanoclust_status {
    // SAFETY: this function's contract is `inertia`'s.
    raw::status(|| unsafe { inertia::<f32>(x, n, d, centers, k, labels, out) })
}

/// Inertia: the sum over samples of the squared Euclidean distance to the
/// center their label names (scikit-learn `KMeans.inertia_` with unit
/// weights), accumulated in double.
///
/// @param x The samples: `n*d` doubles, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param centers `k*d` doubles, row-major, finite; read only.
/// @param k Number of centers, >= 1.
/// @param labels `n` labels, each < k; negative labels (noise) leave their sample out; read only.
/// @param out Receives the inertia.
/// @return A status; on any status other than NANOCLUST_OK `*out` is untouched.
/// @retval NANOCLUST_OK when `*out` holds the inertia.
/// @retval NANOCLUST_ERR_NULL_POINTER when a pointer is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX, or n*d or k*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when k is 0 or a label is >= k.
/// @retval NANOCLUST_ERR_NON_FINITE when `x` or `centers` hold NaN or Inf.
/// @retval NANOCLUST_ERR_NUMERICAL when the sum overflows.
/// @par Work
/// O(n * d).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, a write for `out`) during the call; `out` must
/// not overlap the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_inertia_f64(
    x: *const f64,
    n: usize,
    d: usize,
    centers: *const f64,
    k: usize,
    labels: *const i32,
    out: *mut f64,
) -> nanoclust_status {
    // SAFETY: this function's contract is `inertia`'s.
    raw::status(|| unsafe { inertia::<f64>(x, n, d, centers, k, labels, out) })
}

/// The exact workspace size in bytes of `nanoclust_silhouette_score_f32/_f64`
/// and `nanoclust_silhouette_samples_f32/_f64`: O(n + n_clusters) (never an
/// n x n matrix), the same for float and double.
///
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param n_clusters The number of cluster ids, 1 <= n_clusters <= 2^31.
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when n_clusters is 0 or > 2^31.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_silhouette_workspace_size(
    n: usize,
    n_clusters: usize,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `size_query`'s.
    raw::status(|| unsafe { size_query(bytes_out, || silhouette::workspace_size(n, n_clusters)) })
}

/// Mean silhouette coefficient (Rousseeuw 1987; scikit-learn
/// `silhouette_score`) of the samples with a non-negative label; a sample
/// alone in its cluster counts as 0.
///
/// @param x The samples: `n*d` floats, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param labels `n` labels, each < n_clusters; negative labels (noise) leave their sample out; read only.
/// @param n_clusters The number of cluster ids, 1 <= n_clusters <= 2^31 (ids without samples are ignored).
/// @param metric One of NANOCLUST_METRIC_* (cosine: no included row may be all zero).
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_silhouette_workspace_size` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param out Receives the score, in [-1, 1].
/// @return A status; on any status other than NANOCLUST_OK `*out` is untouched.
/// @retval NANOCLUST_OK when `*out` holds the score.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `labels` or `out` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the metric is unknown, n_clusters is out of range, a label is >= n_clusters, fewer than 2 or more than (included samples - 1) clusters are non-empty, or a row is all zero under cosine.
/// @retval NANOCLUST_ERR_NON_FINITE when `x` holds NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a distance sum overflows.
/// @par Work
/// O(n^2 * d).
/// @par Contract
/// A sample's distance to itself or to an exact duplicate is 0 in every metric.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for `out` and `workspace`) during the
/// call; `out` and `workspace` must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_silhouette_score_f32(
    x: *const f32,
    n: usize,
    d: usize,
    labels: *const i32,
    n_clusters: usize,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
    // SAFETY: this function's contract is `silhouette_score`'s.
    raw::status(|| unsafe {
        silhouette_score::<f32>(
            x,
            n,
            d,
            labels,
            n_clusters,
            metric,
            workspace,
            workspace_bytes,
            out,
        )
    })
}

/// Mean silhouette coefficient (Rousseeuw 1987; scikit-learn
/// `silhouette_score`) of the samples with a non-negative label; a sample
/// alone in its cluster counts as 0.
///
/// @param x The samples: `n*d` doubles, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param labels `n` labels, each < n_clusters; negative labels (noise) leave their sample out; read only.
/// @param n_clusters The number of cluster ids, 1 <= n_clusters <= 2^31 (ids without samples are ignored).
/// @param metric One of NANOCLUST_METRIC_* (cosine: no included row may be all zero).
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_silhouette_workspace_size` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param out Receives the score, in [-1, 1].
/// @return A status; on any status other than NANOCLUST_OK `*out` is untouched.
/// @retval NANOCLUST_OK when `*out` holds the score.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `labels` or `out` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the metric is unknown, n_clusters is out of range, a label is >= n_clusters, fewer than 2 or more than (included samples - 1) clusters are non-empty, or a row is all zero under cosine.
/// @retval NANOCLUST_ERR_NON_FINITE when `x` holds NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a distance sum overflows.
/// @par Work
/// O(n^2 * d).
/// @par Contract
/// A sample's distance to itself or to an exact duplicate is 0 in every metric.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for `out` and `workspace`) during the
/// call; `out` and `workspace` must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_silhouette_score_f64(
    x: *const f64,
    n: usize,
    d: usize,
    labels: *const i32,
    n_clusters: usize,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
    // SAFETY: this function's contract is `silhouette_score`'s.
    raw::status(|| unsafe {
        silhouette_score::<f64>(
            x,
            n,
            d,
            labels,
            n_clusters,
            metric,
            workspace,
            workspace_bytes,
            out,
        )
    })
}

/// Silhouette coefficient of every sample (scikit-learn `silhouette_samples`
/// on the samples with a non-negative label).
///
/// @param x The samples: `n*d` floats, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param labels `n` labels, each < n_clusters; negative labels (noise) leave their sample out; read only.
/// @param n_clusters The number of cluster ids, 1 <= n_clusters <= 2^31 (ids without samples are ignored).
/// @param metric One of NANOCLUST_METRIC_* (cosine: no included row may be all zero).
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_silhouette_workspace_size` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param out `n` float outputs in [-1, 1]; 0 for samples with a negative label and for samples alone in their cluster.
/// @return A status; on any status other than NANOCLUST_OK `out` is untouched.
/// @retval NANOCLUST_OK when `out` holds the coefficients.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `labels` or `out` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the metric is unknown, n_clusters is out of range, a label is >= n_clusters, fewer than 2 or more than (included samples - 1) clusters are non-empty, or a row is all zero under cosine.
/// @retval NANOCLUST_ERR_NON_FINITE when `x` holds NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a distance sum overflows.
/// @par Work
/// O(n^2 * d).
/// @par Contract
/// A sample's distance to itself or to an exact duplicate is 0 in every metric.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for `out` and `workspace`) during the
/// call; `out` and `workspace` must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_silhouette_samples_f32(
    x: *const f32,
    n: usize,
    d: usize,
    labels: *const i32,
    n_clusters: usize,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f32,
) -> nanoclust_status {
    // SAFETY: this function's contract is `silhouette_samples`'s.
    raw::status(|| unsafe {
        silhouette_samples::<f32>(
            x,
            n,
            d,
            labels,
            n_clusters,
            metric,
            workspace,
            workspace_bytes,
            out,
        )
    })
}

/// Silhouette coefficient of every sample (scikit-learn `silhouette_samples`
/// on the samples with a non-negative label).
///
/// @param x The samples: `n*d` doubles, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param labels `n` labels, each < n_clusters; negative labels (noise) leave their sample out; read only.
/// @param n_clusters The number of cluster ids, 1 <= n_clusters <= 2^31 (ids without samples are ignored).
/// @param metric One of NANOCLUST_METRIC_* (cosine: no included row may be all zero).
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_silhouette_workspace_size` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param out `n` double outputs in [-1, 1]; 0 for samples with a negative label and for samples alone in their cluster.
/// @return A status; on any status other than NANOCLUST_OK `out` is untouched.
/// @retval NANOCLUST_OK when `out` holds the coefficients.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `labels` or `out` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the metric is unknown, n_clusters is out of range, a label is >= n_clusters, fewer than 2 or more than (included samples - 1) clusters are non-empty, or a row is all zero under cosine.
/// @retval NANOCLUST_ERR_NON_FINITE when `x` holds NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a distance sum overflows.
/// @par Work
/// O(n^2 * d).
/// @par Contract
/// A sample's distance to itself or to an exact duplicate is 0 in every metric.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for `out` and `workspace`) during the
/// call; `out` and `workspace` must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_silhouette_samples_f64(
    x: *const f64,
    n: usize,
    d: usize,
    labels: *const i32,
    n_clusters: usize,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
    // SAFETY: this function's contract is `silhouette_samples`'s.
    raw::status(|| unsafe {
        silhouette_samples::<f64>(
            x,
            n,
            d,
            labels,
            n_clusters,
            metric,
            workspace,
            workspace_bytes,
            out,
        )
    })
}

/// The exact workspace size in bytes of `nanoclust_calinski_harabasz_*` and
/// `nanoclust_davies_bouldin_*`: O(n_clusters * d), the same for float and
/// double.
///
/// @param d Number of features, >= 1.
/// @param n_clusters The number of cluster ids, 1 <= n_clusters <= 2^31.
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when d is 0.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when n_clusters is 0 or > 2^31.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_cluster_stats_workspace_size(
    d: usize,
    n_clusters: usize,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `size_query`'s.
    raw::status(|| unsafe {
        size_query(bytes_out, || cluster_stats::workspace_size(d, n_clusters))
    })
}

/// Calinski-Harabasz score (variance ratio criterion, Calinski and Harabasz
/// 1974; scikit-learn `calinski_harabasz_score`) of the samples with a
/// non-negative label: the between-cluster dispersion over the
/// within-cluster dispersion, scaled by (n - K) / (K - 1); 1.0 when the
/// within-cluster dispersion is 0.
///
/// @param x The samples: `n*d` floats, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param labels `n` labels, each < n_clusters; negative labels (noise) leave their sample out; read only.
/// @param n_clusters The number of cluster ids, 1 <= n_clusters <= 2^31 (ids without samples are ignored).
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_cluster_stats_workspace_size` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param out Receives the score (>= 0).
/// @return A status; on any status other than NANOCLUST_OK `*out` is untouched.
/// @retval NANOCLUST_OK when `*out` holds the score.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `labels` or `out` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when n_clusters is out of range, a label is >= n_clusters, or K, the non-empty clusters, is not in [2, included samples - 1].
/// @retval NANOCLUST_ERR_NON_FINITE when `x` holds NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a dispersion overflows.
/// @par Work
/// O(n * d + n_clusters * d).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for `out` and `workspace`) during the
/// call; `out` and `workspace` must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_calinski_harabasz_f32(
    x: *const f32,
    n: usize,
    d: usize,
    labels: *const i32,
    n_clusters: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
    // SAFETY: this function's contract is `cluster_stat`'s.
    raw::status(|| unsafe {
        cluster_stat::<f32>(
            Stat::CalinskiHarabasz,
            x,
            n,
            d,
            labels,
            n_clusters,
            workspace,
            workspace_bytes,
            out,
        )
    })
}

/// Calinski-Harabasz score (variance ratio criterion, Calinski and Harabasz
/// 1974; scikit-learn `calinski_harabasz_score`) of the samples with a
/// non-negative label: the between-cluster dispersion over the
/// within-cluster dispersion, scaled by (n - K) / (K - 1); 1.0 when the
/// within-cluster dispersion is 0.
///
/// @param x The samples: `n*d` doubles, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param labels `n` labels, each < n_clusters; negative labels (noise) leave their sample out; read only.
/// @param n_clusters The number of cluster ids, 1 <= n_clusters <= 2^31 (ids without samples are ignored).
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_cluster_stats_workspace_size` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param out Receives the score (>= 0).
/// @return A status; on any status other than NANOCLUST_OK `*out` is untouched.
/// @retval NANOCLUST_OK when `*out` holds the score.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `labels` or `out` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when n_clusters is out of range, a label is >= n_clusters, or K, the non-empty clusters, is not in [2, included samples - 1].
/// @retval NANOCLUST_ERR_NON_FINITE when `x` holds NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a dispersion overflows.
/// @par Work
/// O(n * d + n_clusters * d).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for `out` and `workspace`) during the
/// call; `out` and `workspace` must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_calinski_harabasz_f64(
    x: *const f64,
    n: usize,
    d: usize,
    labels: *const i32,
    n_clusters: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
    // SAFETY: this function's contract is `cluster_stat`'s.
    raw::status(|| unsafe {
        cluster_stat::<f64>(
            Stat::CalinskiHarabasz,
            x,
            n,
            d,
            labels,
            n_clusters,
            workspace,
            workspace_bytes,
            out,
        )
    })
}

/// Davies-Bouldin score (Davies and Bouldin 1979; scikit-learn
/// `davies_bouldin_score`) of the samples with a non-negative label: the mean
/// over clusters of the worst ratio (s_i + s_j) / |m_i - m_j| (s_i: mean
/// Euclidean distance of cluster i to its centroid m_i); 0.0 when all s_i or
/// all centroid distances are within 1e-8 of 0. Lower is better.
///
/// @param x The samples: `n*d` floats, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param labels `n` labels, each < n_clusters; negative labels (noise) leave their sample out; read only.
/// @param n_clusters The number of cluster ids, 1 <= n_clusters <= 2^31 (ids without samples are ignored).
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_cluster_stats_workspace_size` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param out Receives the score (>= 0).
/// @return A status; on any status other than NANOCLUST_OK `*out` is untouched.
/// @retval NANOCLUST_OK when `*out` holds the score.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `labels` or `out` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when n_clusters is out of range, a label is >= n_clusters, or K, the non-empty clusters, is not in [2, included samples - 1].
/// @retval NANOCLUST_ERR_NON_FINITE when `x` holds NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a distance overflows.
/// @par Work
/// O(n * d + n_clusters^2 * d).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for `out` and `workspace`) during the
/// call; `out` and `workspace` must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_davies_bouldin_f32(
    x: *const f32,
    n: usize,
    d: usize,
    labels: *const i32,
    n_clusters: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
    // SAFETY: this function's contract is `cluster_stat`'s.
    raw::status(|| unsafe {
        cluster_stat::<f32>(
            Stat::DaviesBouldin,
            x,
            n,
            d,
            labels,
            n_clusters,
            workspace,
            workspace_bytes,
            out,
        )
    })
}

/// Davies-Bouldin score (Davies and Bouldin 1979; scikit-learn
/// `davies_bouldin_score`) of the samples with a non-negative label: the mean
/// over clusters of the worst ratio (s_i + s_j) / |m_i - m_j| (s_i: mean
/// Euclidean distance of cluster i to its centroid m_i); 0.0 when all s_i or
/// all centroid distances are within 1e-8 of 0. Lower is better.
///
/// @param x The samples: `n*d` doubles, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param labels `n` labels, each < n_clusters; negative labels (noise) leave their sample out; read only.
/// @param n_clusters The number of cluster ids, 1 <= n_clusters <= 2^31 (ids without samples are ignored).
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_cluster_stats_workspace_size` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param out Receives the score (>= 0).
/// @return A status; on any status other than NANOCLUST_OK `*out` is untouched.
/// @retval NANOCLUST_OK when `*out` holds the score.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `labels` or `out` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when n_clusters is out of range, a label is >= n_clusters, or K, the non-empty clusters, is not in [2, included samples - 1].
/// @retval NANOCLUST_ERR_NON_FINITE when `x` holds NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a distance overflows.
/// @par Work
/// O(n * d + n_clusters^2 * d).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for `out` and `workspace`) during the
/// call; `out` and `workspace` must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_davies_bouldin_f64(
    x: *const f64,
    n: usize,
    d: usize,
    labels: *const i32,
    n_clusters: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
    // SAFETY: this function's contract is `cluster_stat`'s.
    raw::status(|| unsafe {
        cluster_stat::<f64>(
            Stat::DaviesBouldin,
            x,
            n,
            d,
            labels,
            n_clusters,
            workspace,
            workspace_bytes,
            out,
        )
    })
}

/// The exact workspace size in bytes of `nanoclust_adjusted_rand_index` and
/// `nanoclust_normalized_mutual_info` for two labelings of `n` samples: O(n)
/// (three arrays of n 64-bit keys).
///
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_contingency_workspace_size(
    n: usize,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `size_query`'s.
    raw::status(|| unsafe { size_query(bytes_out, || contingency::workspace_size(n)) })
}

/// Adjusted Rand index of two labelings of the same samples (Hubert and
/// Arabie 1985; scikit-learn `adjusted_rand_score`), from exact pair counts.
///
/// Labels are arbitrary `int32_t` values (negative values are ordinary labels
/// here). 1.0 for identical partitions (including two single-cluster
/// labelings), about 0 for random ones. scikit-learn returns 1.0 for n = 0;
/// here that is NANOCLUST_ERR_INVALID_SHAPE.
///
/// @param a `n` labels, read only.
/// @param b `n` labels, read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_contingency_workspace_size` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param out Receives the index, in [-0.5, 1].
/// @return A status; on any status other than NANOCLUST_OK `*out` is untouched.
/// @retval NANOCLUST_OK when `*out` holds the index.
/// @retval NANOCLUST_ERR_NULL_POINTER when `a`, `b` or `out` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @par Work
/// O(n log n).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for `out` and `workspace`) during the
/// call; `out` and `workspace` must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_adjusted_rand_index(
    a: *const i32,
    b: *const i32,
    n: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
    // SAFETY: this function's contract is `compare`'s.
    raw::status(|| unsafe {
        compare(
            a,
            b,
            n,
            workspace,
            workspace_bytes,
            out,
            contingency::adjusted_rand_index,
        )
    })
}

/// Normalized mutual information of two labelings with arithmetic-mean
/// normalisation (scikit-learn `normalized_mutual_info_score`): 1.0 when both
/// labelings are a single cluster, 0.0 when exactly one is, otherwise
/// MI / ((H(a) + H(b)) / 2) in [0, 1].
///
/// @param a `n` labels, read only.
/// @param b `n` labels, read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_contingency_workspace_size` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param out Receives the score, in [0, 1].
/// @return A status; on any status other than NANOCLUST_OK `*out` is untouched.
/// @retval NANOCLUST_OK when `*out` holds the score.
/// @retval NANOCLUST_ERR_NULL_POINTER when `a`, `b` or `out` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @par Work
/// O(n log n).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for `out` and `workspace`) during the
/// call; `out` and `workspace` must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_normalized_mutual_info(
    a: *const i32,
    b: *const i32,
    n: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
    // SAFETY: this function's contract is `compare`'s.
    raw::status(|| unsafe {
        compare(
            a,
            b,
            n,
            workspace,
            workspace_bytes,
            out,
            contingency::normalized_mutual_info,
        )
    })
}
