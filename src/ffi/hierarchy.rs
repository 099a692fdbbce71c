//! C ABI of agglomerative clustering: linkage from observations or from a
//! condensed distance matrix, tree cuts and the dendrogram leaf order.

use crate::distance::Metric;
use crate::error::{Error, Result};
use crate::ffi::raw;
use crate::ffi::status::nanoclust_status;
use crate::hierarchy::{self, Merge, Method};
use crate::scalar::Scalar;
use core::ffi::c_void;

// ---- Constants -------------------------------------------------------------

/// Single linkage: the minimum distance between members (a minimum spanning
/// tree; O(n) workspace, any metric).
pub const NANOCLUST_LINKAGE_SINGLE: u32 = 0;
/// Complete linkage: the maximum distance between members (workspace holds an
/// n(n-1)/2 condensed distance matrix).
pub const NANOCLUST_LINKAGE_COMPLETE: u32 = 1;
/// Average linkage (UPGMA): the mean distance between members (workspace holds
/// an n(n-1)/2 condensed distance matrix).
pub const NANOCLUST_LINKAGE_AVERAGE: u32 = 2;
/// Weighted linkage (WPGMA) (workspace holds an n(n-1)/2 condensed distance matrix).
pub const NANOCLUST_LINKAGE_WEIGHTED: u32 = 3;
/// Ward's minimum variance; Euclidean only; O(n*d) workspace.
pub const NANOCLUST_LINKAGE_WARD: u32 = 4;
/// Distance between centroids; Euclidean only; O(n*d) workspace; heights may decrease.
pub const NANOCLUST_LINKAGE_CENTROID: u32 = 5;
/// Distance between WPGMC medians; Euclidean only; O(n*d) workspace; heights may decrease.
pub const NANOCLUST_LINKAGE_MEDIAN: u32 = 6;

// ---- Result structs --------------------------------------------------------

/// One row of a dendrogram (defined in the core as [`hierarchy::Merge`]; the
/// header names it `nanoclust_merge`, see `cbindgen.toml`).
pub use crate::hierarchy::Merge as nanoclust_merge;

// ---- Size queries ----------------------------------------------------------

/// # Safety
/// The contract of `nanoclust_linkage_workspace_size_f32`.
unsafe fn size_query<S: Scalar>(
    n: usize,
    d: usize,
    method: u32,
    metric: u32,
    bytes_out: *mut usize,
) -> Result<()> {
    // SAFETY: `bytes_out` comes unchanged from the export, whose contract
    // makes it valid for one element.
    let out = unsafe { raw::out(bytes_out, "bytes_out") }?;
    let method = Method::from_u32(method)?;
    let metric = Metric::from_u32(metric)?;
    *out = hierarchy::linkage_workspace_size::<S>(n, d, method, metric)?.bytes();
    Ok(())
}

/// # Safety
/// The contract of `nanoclust_linkage_condensed_workspace_size_f64`.
unsafe fn condensed_size_query<S: Scalar>(
    n: usize,
    method: u32,
    bytes_out: *mut usize,
) -> Result<()> {
    // SAFETY: `bytes_out` comes unchanged from the export, whose contract
    // makes it valid for one element.
    let out = unsafe { raw::out(bytes_out, "bytes_out") }?;
    let method = Method::from_u32(method)?;
    *out = hierarchy::linkage_condensed_workspace_size::<S>(n, method)?.bytes();
    Ok(())
}

/// # Safety
/// The contract of `nanoclust_cut_tree_workspace_size`.
unsafe fn cut_tree_size_query(n: usize, bytes_out: *mut usize) -> Result<()> {
    // SAFETY: `bytes_out` comes unchanged from the export, whose contract
    // makes it valid for one element.
    let out = unsafe { raw::out(bytes_out, "bytes_out") }?;
    *out = hierarchy::cuts::cut_tree_workspace_size(n)?.bytes();
    Ok(())
}

// ---- Entry points ----------------------------------------------------------

/// # Safety
/// The contract of `nanoclust_linkage_f32`.
#[allow(clippy::too_many_arguments)]
unsafe fn linkage<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    method: u32,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    merges: *mut Merge,
) -> Result<()> {
    let method = Method::from_u32(method)?;
    let metric = Metric::from_u32(metric)?;
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    let (x, merges, ws) = unsafe {
        let x = raw::rows(x, n, d, "x")?;
        let merges = raw::slice_mut(merges, n.saturating_sub(1), "merges")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        (x, merges, ws)
    };
    hierarchy::linkage(x, n, d, method, metric, ws, merges)
}

/// # Safety
/// The contract of `nanoclust_linkage_condensed_f64`.
unsafe fn linkage_condensed<S: Scalar>(
    condensed: *const S,
    n: usize,
    method: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    merges: *mut Merge,
) -> Result<()> {
    let method = Method::from_u32(method)?;
    let len = hierarchy::condensed_len(n).ok_or(Error::InvalidShape("condensed"))?;
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    let (condensed, merges, ws) = unsafe {
        let condensed = raw::slice(condensed, len, "condensed")?;
        let merges = raw::slice_mut(merges, n.saturating_sub(1), "merges")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        (condensed, merges, ws)
    };
    hierarchy::linkage_condensed(condensed, n, method, ws, merges)
}

/// The tree, the workspace and the `n`-element output of a tree consumer.
///
/// # Safety
/// Each non-NULL pointer must be valid for its length (`n - 1` merges, `n`
/// outputs, `workspace_bytes` bytes), the outputs writable and unaliased.
unsafe fn tree_args<'a, T>(
    merges: *const Merge,
    n: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    out: *mut T,
    out_name: &'static str,
) -> Result<(&'a [Merge], &'a mut [T], &'a mut [u8])> {
    // SAFETY: this function's contract, for the lengths passed here.
    unsafe {
        let merges = raw::slice(merges, n.saturating_sub(1), "merges")?;
        let out = raw::slice_mut(out, n, out_name)?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        Ok((merges, out, ws))
    }
}

/// # Safety
/// The contract of `nanoclust_cut_tree_n_clusters`.
unsafe fn cut_n_clusters(
    merges: *const Merge,
    n: usize,
    n_clusters: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    labels: *mut i32,
) -> Result<()> {
    // SAFETY: the pointers come unchanged from the export, whose contract is `tree_args`'s.
    let (merges, labels, ws) =
        unsafe { tree_args(merges, n, workspace, workspace_bytes, labels, "labels") }?;
    hierarchy::cuts::cut_n_clusters(merges, n, n_clusters, ws, labels)
}

/// # Safety
/// The contract of `nanoclust_cut_tree_distance`.
unsafe fn cut_distance(
    merges: *const Merge,
    n: usize,
    threshold: f64,
    workspace: *mut c_void,
    workspace_bytes: usize,
    labels: *mut i32,
    n_clusters_out: *mut usize,
) -> Result<()> {
    // SAFETY: the pointers come unchanged from the export, whose contract
    // covers `tree_args`'s and makes `n_clusters_out` valid for one element.
    let (merges, labels, k_out, ws) = unsafe {
        let merges = raw::slice(merges, n.saturating_sub(1), "merges")?;
        let labels = raw::slice_mut(labels, n, "labels")?;
        let k_out = raw::out(n_clusters_out, "n_clusters_out")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        (merges, labels, k_out, ws)
    };
    *k_out = hierarchy::cuts::cut_distance(merges, n, threshold, ws, labels)?;
    Ok(())
}

/// # Safety
/// The contract of `nanoclust_dendrogram_leaves`.
unsafe fn leaves(
    merges: *const Merge,
    n: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    order: *mut u32,
) -> Result<()> {
    // SAFETY: the pointers come unchanged from the export, whose contract is `tree_args`'s.
    let (merges, order, ws) =
        unsafe { tree_args(merges, n, workspace, workspace_bytes, order, "order") }?;
    hierarchy::leaves::dendrogram_leaves(merges, n, ws, order)
}

// ---- Exports, in header order ---------------------------------------------

/// The exact workspace size in bytes of `nanoclust_linkage_f32` for these
/// sizes, method and metric: O(n) for single, O(n*d) for ward, centroid and
/// median, n(n-1)/2 floats plus O(n) for complete, average and weighted.
///
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param method One of NANOCLUST_LINKAGE_*.
/// @param metric One of NANOCLUST_METRIC_* (ward, centroid and median: Euclidean only).
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the method or metric is unknown, or ward, centroid or median come with a non-Euclidean metric.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_linkage_workspace_size_f32(
    n: usize,
    d: usize,
    method: u32,
    metric: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `size_query`'s.
    raw::status(|| unsafe { size_query::<f32>(n, d, method, metric, bytes_out) })
}

/// The exact workspace size in bytes of `nanoclust_linkage_f64` for these
/// sizes, method and metric: O(n) for single, O(n*d) for ward, centroid and
/// median, n(n-1)/2 doubles plus O(n) for complete, average and weighted.
///
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param method One of NANOCLUST_LINKAGE_*.
/// @param metric One of NANOCLUST_METRIC_* (ward, centroid and median: Euclidean only).
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the method or metric is unknown, or ward, centroid or median come with a non-Euclidean metric.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_linkage_workspace_size_f64(
    n: usize,
    d: usize,
    method: u32,
    metric: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `size_query`'s.
    raw::status(|| unsafe { size_query::<f64>(n, d, method, metric, bytes_out) })
}

/// Agglomerative clustering of `n` samples (scipy
/// `scipy.cluster.hierarchy.linkage`, the same Z).
///
/// Single linkage by Prim's minimum spanning tree; complete, average,
/// weighted and ward by the nearest-neighbour chain (Murtagh 1983); centroid
/// and median by Muellner's generic algorithm (fastcluster). Row s merges
/// clusters `left < right` (ids < n are samples, n + s is the cluster made by
/// row s) at height `distance` into a cluster of `size` samples. Rows are
/// sorted by height for the monotone methods; centroid and median keep merge
/// order. Heights are computed in float and reported as double.
///
/// @param x The samples: `n*d` floats, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX (n = 1 gives an empty tree).
/// @param d Number of features, >= 1.
/// @param method One of NANOCLUST_LINKAGE_*.
/// @param metric One of NANOCLUST_METRIC_* (ward, centroid and median: Euclidean only).
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_linkage_workspace_size_f32` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param merges `n - 1` output rows, caller-owned (a valid pointer even when n = 1).
/// @return A status; on any status other than NANOCLUST_OK `merges` is untouched.
/// @retval NANOCLUST_OK when `merges` holds the dendrogram.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x` or `merges` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the method or metric is unknown or mismatched, or a row is all zero under the cosine metric.
/// @retval NANOCLUST_ERR_NON_FINITE when `x` holds NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a height overflows.
/// @par Work
/// O(n^2 * d) for single, complete, average, weighted and ward; O(n^3 * d)
/// worst case for centroid and median (typically O(n^2 * d)).
/// @par Contract
/// A sample's distance to itself or to an exact duplicate is 0 in every
/// metric. Ward, centroid and median heights do not change, beyond rounding,
/// when a common offset is added to the data.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for `x`, writes for `merges` and `workspace`) during the
/// call; `merges` and `workspace` must not overlap each other or `x`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_linkage_f32(
    x: *const f32,
    n: usize,
    d: usize,
    method: u32,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    merges: *mut Merge,
) -> nanoclust_status {
    // SAFETY: this function's contract is `linkage`'s.
    raw::status(|| unsafe {
        linkage::<f32>(x, n, d, method, metric, workspace, workspace_bytes, merges)
    })
}

/// Agglomerative clustering of `n` samples (scipy
/// `scipy.cluster.hierarchy.linkage`, the same Z).
///
/// Single linkage by Prim's minimum spanning tree; complete, average,
/// weighted and ward by the nearest-neighbour chain (Murtagh 1983); centroid
/// and median by Muellner's generic algorithm (fastcluster). Row s merges
/// clusters `left < right` (ids < n are samples, n + s is the cluster made by
/// row s) at height `distance` into a cluster of `size` samples. Rows are
/// sorted by height for the monotone methods; centroid and median keep merge
/// order. Heights are computed in double and reported as double.
///
/// @param x The samples: `n*d` doubles, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX (n = 1 gives an empty tree).
/// @param d Number of features, >= 1.
/// @param method One of NANOCLUST_LINKAGE_*.
/// @param metric One of NANOCLUST_METRIC_* (ward, centroid and median: Euclidean only).
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_linkage_workspace_size_f64` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param merges `n - 1` output rows, caller-owned (a valid pointer even when n = 1).
/// @return A status; on any status other than NANOCLUST_OK `merges` is untouched.
/// @retval NANOCLUST_OK when `merges` holds the dendrogram.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x` or `merges` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the method or metric is unknown or mismatched, or a row is all zero under the cosine metric.
/// @retval NANOCLUST_ERR_NON_FINITE when `x` holds NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a height overflows.
/// @par Work
/// O(n^2 * d) for single, complete, average, weighted and ward; O(n^3 * d)
/// worst case for centroid and median (typically O(n^2 * d)).
/// @par Contract
/// A sample's distance to itself or to an exact duplicate is 0 in every
/// metric. Ward, centroid and median heights do not change, beyond rounding,
/// when a common offset is added to the data.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for `x`, writes for `merges` and `workspace`) during the
/// call; `merges` and `workspace` must not overlap each other or `x`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_linkage_f64(
    x: *const f64,
    n: usize,
    d: usize,
    method: u32,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    merges: *mut Merge,
) -> nanoclust_status {
    // SAFETY: this function's contract is `linkage`'s.
    raw::status(|| unsafe {
        linkage::<f64>(x, n, d, method, metric, workspace, workspace_bytes, merges)
    })
}

/// The exact workspace size in bytes of `nanoclust_linkage_condensed_f64`:
/// O(n) for single; n(n-1)/2 doubles (a working copy) plus O(n) for every
/// other method.
///
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param method One of NANOCLUST_LINKAGE_*.
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the method is unknown.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_linkage_condensed_workspace_size_f64(
    n: usize,
    method: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `condensed_size_query`'s.
    raw::status(|| unsafe { condensed_size_query::<f64>(n, method, bytes_out) })
}

/// Agglomerative clustering from a condensed distance matrix (scipy
/// `linkage` on a `pdist` vector, the same Z).
///
/// The algorithms of `nanoclust_linkage_f64`; ward, centroid and median
/// assume the distances are Euclidean, as scipy does. Heights are computed
/// in double.
///
/// @param condensed n(n-1)/2 doubles in scipy.spatial.distance.pdist order (d(0,1), d(0,2), ..., d(0,n-1), d(1,2), ...), finite and >= 0; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX (n = 1 gives an empty tree).
/// @param method One of NANOCLUST_LINKAGE_*.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_linkage_condensed_workspace_size_f64` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param merges `n - 1` output rows, caller-owned (a valid pointer even when n = 1).
/// @return A status; on any status other than NANOCLUST_OK `merges` is untouched.
/// @retval NANOCLUST_OK when `merges` holds the dendrogram.
/// @retval NANOCLUST_ERR_NULL_POINTER when `condensed` or `merges` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n is 0, n > INT32_MAX or n(n-1)/2 overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the method is unknown or a distance is negative.
/// @retval NANOCLUST_ERR_NON_FINITE when a distance is NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a height overflows.
/// @par Work
/// O(n^2) for single, complete, average, weighted and ward; O(n^3) worst
/// case for centroid and median (typically O(n^2)).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for `condensed`, writes for `merges` and `workspace`)
/// during the call; `merges` and `workspace` must not overlap each other or
/// `condensed`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_linkage_condensed_f64(
    condensed: *const f64,
    n: usize,
    method: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    merges: *mut Merge,
) -> nanoclust_status {
    // SAFETY: this function's contract is `linkage_condensed`'s.
    raw::status(|| unsafe {
        linkage_condensed::<f64>(condensed, n, method, workspace, workspace_bytes, merges)
    })
}

/// The exact workspace size in bytes of `nanoclust_linkage_condensed_f32`:
/// O(n) for single; n(n-1)/2 floats (a working copy) plus O(n) for every
/// other method.
///
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param method One of NANOCLUST_LINKAGE_*.
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the method is unknown.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_linkage_condensed_workspace_size_f32(
    n: usize,
    method: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `condensed_size_query`'s.
    raw::status(|| unsafe { condensed_size_query::<f32>(n, method, bytes_out) })
}

/// Agglomerative clustering from a condensed distance matrix (scipy
/// `linkage` on a `pdist` vector, the same Z).
///
/// The algorithms of `nanoclust_linkage_f32`; ward, centroid and median
/// assume the distances are Euclidean, as scipy does. Heights are computed
/// in float and reported as double.
///
/// @param condensed n(n-1)/2 floats in scipy.spatial.distance.pdist order (d(0,1), d(0,2), ..., d(0,n-1), d(1,2), ...), finite and >= 0; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX (n = 1 gives an empty tree).
/// @param method One of NANOCLUST_LINKAGE_*.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_linkage_condensed_workspace_size_f32` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param merges `n - 1` output rows, caller-owned (a valid pointer even when n = 1).
/// @return A status; on any status other than NANOCLUST_OK `merges` is untouched.
/// @retval NANOCLUST_OK when `merges` holds the dendrogram.
/// @retval NANOCLUST_ERR_NULL_POINTER when `condensed` or `merges` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n is 0, n > INT32_MAX or n(n-1)/2 overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the method is unknown or a distance is negative.
/// @retval NANOCLUST_ERR_NON_FINITE when a distance is NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a height overflows.
/// @par Work
/// O(n^2) for single, complete, average, weighted and ward; O(n^3) worst
/// case for centroid and median (typically O(n^2)).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for `condensed`, writes for `merges` and `workspace`)
/// during the call; `merges` and `workspace` must not overlap each other or
/// `condensed`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_linkage_condensed_f32(
    condensed: *const f32,
    n: usize,
    method: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    merges: *mut Merge,
) -> nanoclust_status {
    // SAFETY: this function's contract is `linkage_condensed`'s.
    raw::status(|| unsafe {
        linkage_condensed::<f32>(condensed, n, method, workspace, workspace_bytes, merges)
    })
}

/// The exact workspace size in bytes of `nanoclust_cut_tree_n_clusters`,
/// `nanoclust_cut_tree_distance` and `nanoclust_dendrogram_leaves` for a tree
/// over `n` samples: O(n).
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
pub unsafe extern "C" fn nanoclust_cut_tree_workspace_size(
    n: usize,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `cut_tree_size_query`'s.
    raw::status(|| unsafe { cut_tree_size_query(n, bytes_out) })
}

/// Flat clusters from a dendrogram by number (scikit-learn
/// `AgglomerativeClustering(n_clusters)` semantics): undoes the last
/// `n_clusters - 1` merges.
///
/// Labels are numbered by first appearance in sample order (the same
/// partition as scikit-learn, possibly numbered differently).
///
/// @param merges The dendrogram: `n - 1` rows (scipy's Z), read only. It is validated first: ids out of range or used before they exist, a cluster used twice, left >= right, wrong sizes or a negative distance are INVALID_PARAMETER, a NaN/Inf distance NON_FINITE.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param n_clusters Number of clusters, 1 <= n_clusters <= n.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_cut_tree_workspace_size` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param labels `n` outputs in 0..n_clusters-1.
/// @return A status; on any status other than NANOCLUST_OK `labels` is untouched.
/// @retval NANOCLUST_OK when `labels` holds the partition.
/// @retval NANOCLUST_ERR_NULL_POINTER when `merges` or `labels` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when n_clusters is 0 or > n, or the tree is invalid.
/// @retval NANOCLUST_ERR_NON_FINITE when a merge distance is NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @par Work
/// O(n).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for `merges`, writes for `labels` and `workspace`) during
/// the call; `labels` and `workspace` must not overlap each other or `merges`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_cut_tree_n_clusters(
    merges: *const Merge,
    n: usize,
    n_clusters: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    labels: *mut i32,
) -> nanoclust_status {
    // SAFETY: this function's contract is `cut_n_clusters`'s.
    raw::status(|| unsafe {
        cut_n_clusters(merges, n, n_clusters, workspace, workspace_bytes, labels)
    })
}

/// Flat clusters from a dendrogram by height (scipy
/// `fcluster(Z, threshold, criterion='distance')`): the largest clusters
/// inside which no merge is higher than `threshold`.
///
/// Labels are scipy's flat cluster numbers minus one (0..k-1, in scipy's
/// order).
///
/// @param merges The dendrogram: `n - 1` rows (scipy's Z), read only. It is validated first: ids out of range or used before they exist, a cluster used twice, left >= right, wrong sizes or a negative distance are INVALID_PARAMETER, a NaN/Inf distance NON_FINITE.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param threshold The height limit; +Inf gives one cluster, -Inf n singletons; not NaN.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_cut_tree_workspace_size` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param labels `n` outputs in 0..k-1.
/// @param n_clusters_out Receives k, the number of clusters.
/// @return A status; on any status other than NANOCLUST_OK no output is written.
/// @retval NANOCLUST_OK when `labels` and `*n_clusters_out` hold the partition.
/// @retval NANOCLUST_ERR_NULL_POINTER when `merges`, `labels` or `n_clusters_out` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when threshold is NaN or the tree is invalid.
/// @retval NANOCLUST_ERR_NON_FINITE when a merge distance is NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @par Work
/// O(n).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for `merges`, writes for the outputs and `workspace`)
/// during the call; outputs must not overlap each other or `merges`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_cut_tree_distance(
    merges: *const Merge,
    n: usize,
    threshold: f64,
    workspace: *mut c_void,
    workspace_bytes: usize,
    labels: *mut i32,
    n_clusters_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `cut_distance`'s.
    raw::status(|| unsafe {
        cut_distance(
            merges,
            n,
            threshold,
            workspace,
            workspace_bytes,
            labels,
            n_clusters_out,
        )
    })
}

/// The left-to-right leaf order of a dendrogram (scipy `leaves_list`).
///
/// @param merges The dendrogram: `n - 1` rows (scipy's Z), read only. It is validated first: ids out of range or used before they exist, a cluster used twice, left >= right, wrong sizes or a negative distance are INVALID_PARAMETER, a NaN/Inf distance NON_FINITE.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_cut_tree_workspace_size` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param order `n` outputs, the sample indices in leaf order.
/// @return A status; on any status other than NANOCLUST_OK `order` is untouched.
/// @retval NANOCLUST_OK when `order` holds the leaf order.
/// @retval NANOCLUST_ERR_NULL_POINTER when `merges` or `order` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n is 0 or n > INT32_MAX.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the tree is invalid.
/// @retval NANOCLUST_ERR_NON_FINITE when a merge distance is NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @par Work
/// O(n).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for `merges`, writes for `order` and `workspace`) during
/// the call; `order` and `workspace` must not overlap each other or `merges`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_dendrogram_leaves(
    merges: *const Merge,
    n: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    order: *mut u32,
) -> nanoclust_status {
    // SAFETY: this function's contract is `leaves`'s.
    raw::status(|| unsafe { leaves(merges, n, workspace, workspace_bytes, order) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linkage_constants_match_the_enum() {
        let consts = [
            NANOCLUST_LINKAGE_SINGLE,
            NANOCLUST_LINKAGE_COMPLETE,
            NANOCLUST_LINKAGE_AVERAGE,
            NANOCLUST_LINKAGE_WEIGHTED,
            NANOCLUST_LINKAGE_WARD,
            NANOCLUST_LINKAGE_CENTROID,
            NANOCLUST_LINKAGE_MEDIAN,
        ];
        for (c, m) in consts.iter().zip(Method::ALL) {
            assert_eq!(*c, m as u32);
        }
    }

    #[test]
    fn merge_layout_is_c_compatible() {
        assert_eq!(core::mem::size_of::<nanoclust_merge>(), 24);
        assert_eq!(core::mem::offset_of!(nanoclust_merge, distance), 8);
        assert_eq!(core::mem::offset_of!(nanoclust_merge, size), 16);
    }
}
