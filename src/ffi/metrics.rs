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

/// `n x d` data at `x` as a validated matrix (errors name `"x"`).
fn matrix<'a, S: Scalar>(x: *const S, n: usize, d: usize) -> Result<Matrix<'a, S>> {
    raw::matrix(x, n, d, "x")
}

/// Writes a size query's result.
fn size_query(bytes_out: *mut usize, layout: impl FnOnce() -> Result<Layout>) -> nanoclust_status {
    raw::status(|| {
        let out = raw::out(bytes_out, "bytes_out")?;
        *out = layout()?.bytes();
        Ok(())
    })
}

/// Writes one f64 result computed by `f` (only on success).
fn scalar_out(out: *mut f64, f: impl FnOnce() -> Result<f64>) -> nanoclust_status {
    raw::status(|| {
        let out = raw::out(out, "out")?;
        *out = f()?;
        Ok(())
    })
}

fn inertia<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    centers: *const S,
    k: usize,
    labels: *const i32,
    out: *mut f64,
) -> nanoclust_status {
    scalar_out(out, || {
        if k == 0 {
            return Err(Error::InvalidParameter("k"));
        }
        let x = matrix(x, n, d)?;
        let kd = k.checked_mul(d).ok_or(Error::InvalidShape("centers"))?;
        let centers = Matrix::named(raw::slice(centers, kd, "centers")?, k, d, "centers")?;
        let labels = raw::slice(labels, n, "labels")?;
        crate::metrics::inertia(x, centers, labels)
    })
}

#[allow(clippy::too_many_arguments)]
fn silhouette_score<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    labels: *const i32,
    n_clusters: usize,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
    scalar_out(out, || {
        let metric = Metric::from_u32(metric)?;
        let x = matrix(x, n, d)?;
        let labels = raw::slice(labels, n, "labels")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        silhouette::silhouette_score(x, labels, n_clusters, metric, ws)
    })
}

#[allow(clippy::too_many_arguments)]
fn silhouette_samples<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    labels: *const i32,
    n_clusters: usize,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut S,
) -> nanoclust_status {
    raw::status(|| {
        let metric = Metric::from_u32(metric)?;
        let x = matrix(x, n, d)?;
        let labels = raw::slice(labels, n, "labels")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        let out = raw::slice_mut(out, n, "out")?;
        silhouette::silhouette_samples(x, labels, n_clusters, metric, ws, out)
    })
}

/// Which centroid metric to compute.
#[derive(Clone, Copy)]
enum Stat {
    CalinskiHarabasz,
    DaviesBouldin,
}

#[allow(clippy::too_many_arguments)]
fn cluster_stat<S: Scalar>(
    stat: Stat,
    x: *const S,
    n: usize,
    d: usize,
    labels: *const i32,
    n_clusters: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
    scalar_out(out, || {
        let x = matrix(x, n, d)?;
        let labels = raw::slice(labels, n, "labels")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        match stat {
            Stat::CalinskiHarabasz => cluster_stats::calinski_harabasz(x, labels, n_clusters, ws),
            Stat::DaviesBouldin => cluster_stats::davies_bouldin(x, labels, n_clusters, ws),
        }
    })
}

/// A labeling comparison of the core.
type CompareFn = fn(&[i32], &[i32], &mut [u8]) -> Result<f64>;

fn compare(
    a: *const i32,
    b: *const i32,
    n: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
    f: CompareFn,
) -> nanoclust_status {
    scalar_out(out, || {
        let a = raw::slice(a, n, "a")?;
        let b = raw::slice(b, n, "b")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        f(a, b, ws)
    })
}

/// Inertia: the sum over samples of the squared Euclidean distance to the
/// center their label names (scikit-learn `KMeans.inertia_` with unit
/// weights), accumulated in double. Samples with a negative label (noise) are
/// left out.
///
/// - `x`: `n * d` floats, row-major. `centers`: `k * d` floats, `k >= 1`.
/// - `labels`: `n` labels, each `< k` (negative: left out).
/// - `out`: receives the inertia.
///
/// Returns `NANOCLUST_OK`; `NANOCLUST_ERR_NULL_POINTER`;
/// `NANOCLUST_ERR_INVALID_SHAPE` (`n` or `d` is 0, sizes overflow);
/// `NANOCLUST_ERR_INVALID_PARAMETER` (`k == 0`, a label `>= k`);
/// `NANOCLUST_ERR_NON_FINITE` (NaN/Inf in `x` or `centers`);
/// `NANOCLUST_ERR_NUMERICAL` (the sum overflows). On failure `*out` is untouched.
#[no_mangle]
pub extern "C" fn nanoclust_inertia_f32(
    x: *const f32,
    n: usize,
    d: usize,
    centers: *const f32,
    k: usize,
    labels: *const i32,
    out: *mut f64,
) -> nanoclust_status {
    inertia(x, n, d, centers, k, labels, out)
}

/// `nanoclust_inertia_f32` for double data.
#[no_mangle]
pub extern "C" fn nanoclust_inertia_f64(
    x: *const f64,
    n: usize,
    d: usize,
    centers: *const f64,
    k: usize,
    labels: *const i32,
    out: *mut f64,
) -> nanoclust_status {
    inertia(x, n, d, centers, k, labels, out)
}

/// Workspace bytes for `nanoclust_silhouette_score_f32/_f64` and
/// `nanoclust_silhouette_samples_f32/_f64` with `n` samples and `n_clusters`
/// clusters: `O(n + n_clusters)` (never an `n x n` matrix), the same for
/// float and double. Writes the count to `*bytes_out`.
///
/// Returns `NANOCLUST_OK`; `NANOCLUST_ERR_NULL_POINTER` (`bytes_out`);
/// `NANOCLUST_ERR_INVALID_SHAPE` (`n == 0` or `n > INT32_MAX`);
/// `NANOCLUST_ERR_INVALID_PARAMETER` (`n_clusters == 0` or `> 2^31`);
/// `NANOCLUST_ERR_SIZE_OVERFLOW`.
#[no_mangle]
pub extern "C" fn nanoclust_silhouette_workspace_size(
    n: usize,
    n_clusters: usize,
    bytes_out: *mut usize,
) -> nanoclust_status {
    size_query(bytes_out, || silhouette::workspace_size(n, n_clusters))
}

/// Mean silhouette coefficient (scikit-learn `silhouette_score`) of the
/// samples with a non-negative label; samples alone in their cluster count as
/// 0. `O(n^2 d)` time, `O(n + n_clusters)` workspace.
///
/// - `x`: `n * d` floats, row-major.
/// - `labels`: `n` labels, each `< n_clusters`; negative labels (noise) are left out.
/// - `n_clusters`: `1 <= n_clusters <= 2^31` (labels are `int32_t`); ids
///   without samples are ignored.
/// - `metric`: `NANOCLUST_METRIC_*` (cosine: no included row may be all zero).
/// - `workspace`: `workspace_bytes >= nanoclust_silhouette_workspace_size(n, n_clusters)`, any alignment.
/// - `out`: receives the score, in `[-1, 1]`.
///
/// Returns `NANOCLUST_OK`; `NANOCLUST_ERR_NULL_POINTER`;
/// `NANOCLUST_ERR_INVALID_SHAPE`; `NANOCLUST_ERR_INVALID_PARAMETER` (bad
/// `metric` or `n_clusters`, a label `>= n_clusters`, fewer than 2 non-empty
/// clusters or more than (included samples - 1), a zero row under cosine);
/// `NANOCLUST_ERR_NON_FINITE`; `NANOCLUST_ERR_WORKSPACE_TOO_SMALL`;
/// `NANOCLUST_ERR_NUMERICAL` (distances overflow). On failure `*out` is untouched.
#[no_mangle]
pub extern "C" fn nanoclust_silhouette_score_f32(
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
    silhouette_score(
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
}

/// `nanoclust_silhouette_score_f32` for double data.
#[no_mangle]
pub extern "C" fn nanoclust_silhouette_score_f64(
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
    silhouette_score(
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
}

/// Silhouette coefficient of every sample (scikit-learn `silhouette_samples`
/// on the samples with a non-negative label). Arguments and statuses as
/// `nanoclust_silhouette_score_f32`, except `out`: `n` floats, caller-owned;
/// 0 for samples with a negative label and for samples alone in their
/// cluster. On failure `out` is untouched.
#[no_mangle]
pub extern "C" fn nanoclust_silhouette_samples_f32(
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
    silhouette_samples(
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
}

/// `nanoclust_silhouette_samples_f32` for double data.
#[no_mangle]
pub extern "C" fn nanoclust_silhouette_samples_f64(
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
    silhouette_samples(
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
}

/// Workspace bytes for `nanoclust_calinski_harabasz_*` and
/// `nanoclust_davies_bouldin_*` with `d` features and `n_clusters` clusters
/// (`O(n_clusters * d)`), the same for float and double. Writes the count to
/// `*bytes_out`.
///
/// Returns `NANOCLUST_OK`; `NANOCLUST_ERR_NULL_POINTER` (`bytes_out`);
/// `NANOCLUST_ERR_INVALID_SHAPE` (`d == 0`);
/// `NANOCLUST_ERR_INVALID_PARAMETER` (`n_clusters == 0` or `> 2^31`);
/// `NANOCLUST_ERR_SIZE_OVERFLOW`.
#[no_mangle]
pub extern "C" fn nanoclust_cluster_stats_workspace_size(
    d: usize,
    n_clusters: usize,
    bytes_out: *mut usize,
) -> nanoclust_status {
    size_query(bytes_out, || cluster_stats::workspace_size(d, n_clusters))
}

/// Calinski-Harabasz score (variance ratio criterion, scikit-learn
/// `calinski_harabasz_score`) of the samples with a non-negative label: the
/// between-cluster dispersion over the within-cluster dispersion, scaled by
/// `(n - K) / (K - 1)`; 1.0 when the within-cluster dispersion is 0.
///
/// - `x`: `n * d` floats. `labels`: `n` labels `< n_clusters` (negative: left out).
/// - `n_clusters`: `1 <= n_clusters <= 2^31`; `K`, the non-empty clusters, must
///   satisfy `2 <= K <= included samples - 1`.
/// - `workspace`: `nanoclust_cluster_stats_workspace_size(d, n_clusters)` bytes.
/// - `out`: receives the score (`>= 0`).
///
/// Returns `NANOCLUST_OK`; `NANOCLUST_ERR_NULL_POINTER`;
/// `NANOCLUST_ERR_INVALID_SHAPE`; `NANOCLUST_ERR_INVALID_PARAMETER`;
/// `NANOCLUST_ERR_NON_FINITE`; `NANOCLUST_ERR_WORKSPACE_TOO_SMALL`;
/// `NANOCLUST_ERR_NUMERICAL`. On failure `*out` is untouched.
#[no_mangle]
pub extern "C" fn nanoclust_calinski_harabasz_f32(
    x: *const f32,
    n: usize,
    d: usize,
    labels: *const i32,
    n_clusters: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
    cluster_stat(
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
}

/// `nanoclust_calinski_harabasz_f32` for double data.
#[no_mangle]
pub extern "C" fn nanoclust_calinski_harabasz_f64(
    x: *const f64,
    n: usize,
    d: usize,
    labels: *const i32,
    n_clusters: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
    cluster_stat(
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
}

/// Davies-Bouldin score (scikit-learn `davies_bouldin_score`) of the samples
/// with a non-negative label: the mean over clusters of the worst ratio
/// `(s_i + s_j) / |m_i - m_j|` (`s_i`: mean Euclidean distance of cluster `i`
/// to its centroid `m_i`); 0.0 when all `s_i` or all centroid distances are
/// within 1e-8 of 0. Lower is better. Arguments and statuses as
/// `nanoclust_calinski_harabasz_f32`.
#[no_mangle]
pub extern "C" fn nanoclust_davies_bouldin_f32(
    x: *const f32,
    n: usize,
    d: usize,
    labels: *const i32,
    n_clusters: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
    cluster_stat(
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
}

/// `nanoclust_davies_bouldin_f32` for double data.
#[no_mangle]
pub extern "C" fn nanoclust_davies_bouldin_f64(
    x: *const f64,
    n: usize,
    d: usize,
    labels: *const i32,
    n_clusters: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
    cluster_stat(
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
}

/// Workspace bytes for `nanoclust_adjusted_rand_index` and
/// `nanoclust_normalized_mutual_info` of two labelings of `n` samples
/// (`O(n)`: three arrays of `n` 64-bit keys). Writes the count to `*bytes_out`.
///
/// Returns `NANOCLUST_OK`; `NANOCLUST_ERR_NULL_POINTER` (`bytes_out`);
/// `NANOCLUST_ERR_INVALID_SHAPE` (`n == 0` or `n > INT32_MAX`);
/// `NANOCLUST_ERR_SIZE_OVERFLOW`.
#[no_mangle]
pub extern "C" fn nanoclust_contingency_workspace_size(
    n: usize,
    bytes_out: *mut usize,
) -> nanoclust_status {
    size_query(bytes_out, || contingency::workspace_size(n))
}

/// Adjusted Rand index of two labelings of the same `n` samples (scikit-learn
/// `adjusted_rand_score`): labels are arbitrary `int32_t` values (negative
/// values are ordinary labels here), pair counts are exact. 1.0 for identical
/// partitions (including two single-cluster labelings), about 0 for random ones.
///
/// - `a`, `b`: `n` labels each, `n >= 1` (scikit-learn returns 1.0 for `n == 0`;
///   here it is `NANOCLUST_ERR_INVALID_SHAPE`).
/// - `workspace`: `nanoclust_contingency_workspace_size(n)` bytes, any alignment.
/// - `out`: receives the index, in `[-0.5, 1]`.
///
/// Returns `NANOCLUST_OK`; `NANOCLUST_ERR_NULL_POINTER`;
/// `NANOCLUST_ERR_INVALID_SHAPE`; `NANOCLUST_ERR_WORKSPACE_TOO_SMALL`. On
/// failure `*out` is untouched.
#[no_mangle]
pub extern "C" fn nanoclust_adjusted_rand_index(
    a: *const i32,
    b: *const i32,
    n: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
    compare(
        a,
        b,
        n,
        workspace,
        workspace_bytes,
        out,
        contingency::adjusted_rand_index,
    )
}

/// Normalized mutual information of two labelings with arithmetic-mean
/// normalisation (scikit-learn `normalized_mutual_info_score`): 1.0 when both
/// labelings are a single cluster, 0.0 when exactly one is, otherwise
/// `MI / ((H(a) + H(b)) / 2)` in `[0, 1]`. Arguments and statuses as
/// `nanoclust_adjusted_rand_index`.
#[no_mangle]
pub extern "C" fn nanoclust_normalized_mutual_info(
    a: *const i32,
    b: *const i32,
    n: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut f64,
) -> nanoclust_status {
    compare(
        a,
        b,
        n,
        workspace,
        workspace_bytes,
        out,
        contingency::normalized_mutual_info,
    )
}
