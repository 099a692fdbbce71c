//! C ABI of agglomerative clustering: linkage from observations or from a
//! condensed distance matrix, tree cuts and the dendrogram leaf order.

use super::raw;
use super::status::nanoclust_status;
use crate::distance::Metric;
use crate::error::Error;
use crate::hierarchy::{self, Merge, Method};
use crate::scalar::Scalar;
use core::ffi::c_void;

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

/// One row of a dendrogram (defined in the core as [`hierarchy::Merge`]; the
/// header names it `nanoclust_merge`, see `cbindgen.toml`).
pub use crate::hierarchy::Merge as nanoclust_merge;

fn size_query<S: Scalar>(
    n: usize,
    d: usize,
    method: u32,
    metric: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| {
        let out = raw::out(bytes_out, "bytes_out")?;
        let method = Method::from_u32(method)?;
        let metric = Metric::from_u32(metric)?;
        *out = hierarchy::linkage_workspace_size::<S>(n, d, method, metric)?.bytes();
        Ok(())
    })
}

#[allow(clippy::too_many_arguments)]
fn linkage<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    method: u32,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    merges: *mut Merge,
) -> nanoclust_status {
    raw::status(|| {
        let method = Method::from_u32(method)?;
        let metric = Metric::from_u32(metric)?;
        let len = n.checked_mul(d).ok_or(Error::InvalidShape("x"))?;
        let x = raw::slice(x, len, "x")?;
        let merges = raw::slice_mut(merges, n.saturating_sub(1), "merges")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        hierarchy::linkage(x, n, d, method, metric, ws, merges)
    })
}

fn condensed_size_query<S: Scalar>(
    n: usize,
    method: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| {
        let out = raw::out(bytes_out, "bytes_out")?;
        let method = Method::from_u32(method)?;
        *out = hierarchy::linkage_condensed_workspace_size::<S>(n, method)?.bytes();
        Ok(())
    })
}

fn linkage_condensed<S: Scalar>(
    condensed: *const S,
    n: usize,
    method: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    merges: *mut Merge,
) -> nanoclust_status {
    raw::status(|| {
        let method = Method::from_u32(method)?;
        let len = hierarchy::condensed_len(n).ok_or(Error::InvalidShape("condensed"))?;
        let condensed = raw::slice(condensed, len, "condensed")?;
        let merges = raw::slice_mut(merges, n.saturating_sub(1), "merges")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        hierarchy::linkage_condensed(condensed, n, method, ws, merges)
    })
}

/// Writes to `*bytes_out` the workspace bytes `nanoclust_linkage_f32` needs for
/// `n` samples of `d` features with `method` (NANOCLUST_LINKAGE_*) and `metric`
/// (NANOCLUST_METRIC_*): O(n) for single, O(n*d) for ward, centroid and
/// median, n(n-1)/2 floats plus O(n) for complete, average and weighted.
/// Returns OK, NULL_POINTER (bytes_out), INVALID_SHAPE (n or d is 0, n above
/// INT32_MAX), INVALID_PARAMETER (unknown method or metric; ward, centroid or
/// median with a non-Euclidean metric) or SIZE_OVERFLOW.
#[no_mangle]
pub extern "C" fn nanoclust_linkage_workspace_size_f32(
    n: usize,
    d: usize,
    method: u32,
    metric: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    size_query::<f32>(n, d, method, metric, bytes_out)
}

/// As `nanoclust_linkage_workspace_size_f32`, for `nanoclust_linkage_f64` (double data).
#[no_mangle]
pub extern "C" fn nanoclust_linkage_workspace_size_f64(
    n: usize,
    d: usize,
    method: u32,
    metric: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    size_query::<f64>(n, d, method, metric, bytes_out)
}

/// Agglomerative clustering of `n` samples of `d` features (`x`, n*d floats,
/// row-major; read only) with `method` (NANOCLUST_LINKAGE_*) and `metric`
/// (NANOCLUST_METRIC_*; ward, centroid and median accept Euclidean only).
/// Writes the dendrogram to `merges` (n - 1 rows, caller-owned), the same as
/// scipy.cluster.hierarchy.linkage's Z: row s merges clusters `left < right`
/// (ids < n are samples, n + s is the cluster made by row s) at height
/// `distance` into a cluster of `size` samples. Rows are sorted by height for
/// the monotone methods (single, complete, average, weighted, ward); centroid
/// and median keep merge order. Heights are computed in float and reported as
/// double. n = 1 gives an empty tree (`merges` must still be a valid pointer).
/// The workspace (any alignment) must hold the bytes that
/// `nanoclust_linkage_workspace_size_f32` reports.
/// Returns OK, NULL_POINTER, INVALID_SHAPE, INVALID_PARAMETER (bad method or
/// metric, a zero row with the cosine metric), NON_FINITE (NaN/inf in x),
/// WORKSPACE_TOO_SMALL, or NUMERICAL (heights overflow); `merges` is written
/// only on OK.
#[no_mangle]
pub extern "C" fn nanoclust_linkage_f32(
    x: *const f32,
    n: usize,
    d: usize,
    method: u32,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    merges: *mut Merge,
) -> nanoclust_status {
    linkage(x, n, d, method, metric, workspace, workspace_bytes, merges)
}

/// As `nanoclust_linkage_f32`, for double data (`x`: n*d doubles); the
/// workspace comes from `nanoclust_linkage_workspace_size_f64`.
#[no_mangle]
pub extern "C" fn nanoclust_linkage_f64(
    x: *const f64,
    n: usize,
    d: usize,
    method: u32,
    metric: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    merges: *mut Merge,
) -> nanoclust_status {
    linkage(x, n, d, method, metric, workspace, workspace_bytes, merges)
}

/// Writes to `*bytes_out` the workspace bytes `nanoclust_linkage_condensed_f64`
/// needs for `n` samples and `method`: O(n) for single; for every other method
/// n(n-1)/2 doubles (a working copy of the matrix) plus O(n).
/// Returns OK, NULL_POINTER, INVALID_SHAPE (n is 0 or above INT32_MAX),
/// INVALID_PARAMETER (unknown method) or SIZE_OVERFLOW.
#[no_mangle]
pub extern "C" fn nanoclust_linkage_condensed_workspace_size_f64(
    n: usize,
    method: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    condensed_size_query::<f64>(n, method, bytes_out)
}

/// Agglomerative clustering from a condensed distance matrix: `condensed`
/// holds n(n-1)/2 doubles in scipy.spatial.distance.pdist order (d(0,1),
/// d(0,2), ..., d(0,n-1), d(1,2), ...) and is never modified. Ward, centroid
/// and median assume the distances are Euclidean, as scipy does. Writes scipy's
/// Z to `merges` (n - 1 rows) as `nanoclust_linkage_f64` does.
/// Returns OK, NULL_POINTER, INVALID_SHAPE, INVALID_PARAMETER (unknown method,
/// a negative distance), NON_FINITE (NaN/inf distance), WORKSPACE_TOO_SMALL or
/// NUMERICAL; `merges` is written only on OK.
#[no_mangle]
pub extern "C" fn nanoclust_linkage_condensed_f64(
    condensed: *const f64,
    n: usize,
    method: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    merges: *mut Merge,
) -> nanoclust_status {
    linkage_condensed(condensed, n, method, workspace, workspace_bytes, merges)
}

/// As `nanoclust_linkage_condensed_workspace_size_f64`, for `nanoclust_linkage_condensed_f32`.
#[no_mangle]
pub extern "C" fn nanoclust_linkage_condensed_workspace_size_f32(
    n: usize,
    method: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    condensed_size_query::<f32>(n, method, bytes_out)
}

/// As `nanoclust_linkage_condensed_f64`, for a float condensed matrix
/// (n(n-1)/2 floats); heights are computed in float and reported as double.
#[no_mangle]
pub extern "C" fn nanoclust_linkage_condensed_f32(
    condensed: *const f32,
    n: usize,
    method: u32,
    workspace: *mut c_void,
    workspace_bytes: usize,
    merges: *mut Merge,
) -> nanoclust_status {
    linkage_condensed(condensed, n, method, workspace, workspace_bytes, merges)
}

/// Writes to `*bytes_out` the workspace bytes that `nanoclust_cut_tree_n_clusters`,
/// `nanoclust_cut_tree_distance` and `nanoclust_dendrogram_leaves` need for a
/// tree over `n` samples (O(n)). Returns OK, NULL_POINTER, INVALID_SHAPE (n is
/// 0 or above INT32_MAX) or SIZE_OVERFLOW.
#[no_mangle]
pub extern "C" fn nanoclust_cut_tree_workspace_size(
    n: usize,
    bytes_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| {
        let out = raw::out(bytes_out, "bytes_out")?;
        *out = hierarchy::cuts::cut_tree_workspace_size(n)?.bytes();
        Ok(())
    })
}

/// Flat clusters with scikit-learn's AgglomerativeClustering(n_clusters)
/// semantics: undo the last `n_clusters - 1` rows of the dendrogram `merges`
/// (n - 1 rows over `n` samples, read only). Writes `labels` (n) in
/// 0..n_clusters-1, numbered by first appearance in sample order (the same
/// partition as scikit-learn, possibly numbered differently).
/// The tree is validated first: ids out of range or used before they exist, a
/// cluster used twice, left >= right, wrong sizes or a negative distance are
/// INVALID_PARAMETER, a NaN/inf distance NON_FINITE.
/// Returns OK, NULL_POINTER, INVALID_SHAPE (n is 0), INVALID_PARAMETER
/// (n_clusters of 0 or above n, invalid tree), NON_FINITE or
/// WORKSPACE_TOO_SMALL; `labels` is written only on OK.
#[no_mangle]
pub extern "C" fn nanoclust_cut_tree_n_clusters(
    merges: *const Merge,
    n: usize,
    n_clusters: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    labels: *mut i32,
) -> nanoclust_status {
    raw::status(|| {
        let merges = raw::slice(merges, n.saturating_sub(1), "merges")?;
        let labels = raw::slice_mut(labels, n, "labels")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        hierarchy::cuts::cut_n_clusters(merges, n, n_clusters, ws, labels)
    })
}

/// Flat clusters with scipy's fcluster(Z, threshold, criterion='distance')
/// semantics: the largest clusters of the dendrogram `merges` (n - 1 rows,
/// read only) inside which no merge is higher than `threshold`. Writes
/// `labels` (n): scipy's flat cluster numbers minus one (0..k-1, in scipy's
/// order), and k to `*n_clusters_out`. `threshold` may be +inf (one cluster)
/// or -inf (n singletons); NaN is INVALID_PARAMETER. The tree is validated as
/// in `nanoclust_cut_tree_n_clusters`.
/// Returns OK, NULL_POINTER, INVALID_SHAPE, INVALID_PARAMETER, NON_FINITE or
/// WORKSPACE_TOO_SMALL; outputs are written only on OK.
#[no_mangle]
pub extern "C" fn nanoclust_cut_tree_distance(
    merges: *const Merge,
    n: usize,
    threshold: f64,
    workspace: *mut c_void,
    workspace_bytes: usize,
    labels: *mut i32,
    n_clusters_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| {
        let merges = raw::slice(merges, n.saturating_sub(1), "merges")?;
        let labels = raw::slice_mut(labels, n, "labels")?;
        let k_out = raw::out(n_clusters_out, "n_clusters_out")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        *k_out = hierarchy::cuts::cut_distance(merges, n, threshold, ws, labels)?;
        Ok(())
    })
}

/// The left-to-right leaf order of the dendrogram `merges` (n - 1 rows over
/// `n` samples, read only), as scipy's leaves_list: writes the n sample
/// indices to `order`. The tree is validated as in
/// `nanoclust_cut_tree_n_clusters`.
/// Returns OK, NULL_POINTER, INVALID_SHAPE, INVALID_PARAMETER, NON_FINITE or
/// WORKSPACE_TOO_SMALL; `order` is written only on OK.
#[no_mangle]
pub extern "C" fn nanoclust_dendrogram_leaves(
    merges: *const Merge,
    n: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
    order: *mut u32,
) -> nanoclust_status {
    raw::status(|| {
        let merges = raw::slice(merges, n.saturating_sub(1), "merges")?;
        let order = raw::slice_mut(order, n, "order")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        hierarchy::leaves::dendrogram_leaves(merges, n, ws, order)
    })
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
