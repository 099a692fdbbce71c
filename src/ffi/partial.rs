//! The partial-statistics C ABI (`nanoclust_partial_block_rows`,
//! `nanoclust_kmeans_*`, `nanoclust_gmm_*` and `nanoclust_standard_scaler_*`
//! stats functions): one pass
//! of a fit split into row ranges whose stats blobs merge exactly (see
//! [`crate::partial`] for the scheme and the blob layout).
// The raw helpers are still safe functions; the `unsafe` blocks mark where the
// caller's pointer promises are relied on.
#![allow(unused_unsafe)]

use crate::error::{Error, Result};
use crate::ffi::raw;
use crate::ffi::status::nanoclust_status;
use crate::gmm::partial as gp;
use crate::gmm::CovarianceType;
use crate::kmeans::partial as kp;
use crate::partial::{self, scaler};
use crate::scalar::Scalar;
use core::ffi::c_void;

/// What `nanoclust_kmeans_finish_f32/_f64` report about one Lloyd pass.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct nanoclust_kmeans_step_result {
    /// Weighted sum of squared distances of the rows to the center they were
    /// assigned in this pass (the centers passed to accumulate).
    pub inertia: f64,
    /// Sum over clusters of the squared movement ||new_j - old_j||^2.
    pub center_shift: f64,
    /// Rows whose new label differs from the caller's previous label (-1 counts as different).
    pub n_changed: u64,
}

/// The blob `stats` of `stats_bytes` bytes.
///
/// # Safety
/// As `raw::slice_mut`: `stats_bytes` writable bytes at `stats`.
unsafe fn blob_mut<'a>(stats: *mut c_void, stats_bytes: usize) -> Result<&'a mut [u8]> {
    // SAFETY: the caller promises `stats_bytes` writable bytes at `stats`.
    unsafe { raw::slice_mut(stats.cast::<u8>(), stats_bytes, "stats") }
}

/// The read-only blob `stats` of `stats_bytes` bytes.
///
/// # Safety
/// As `raw::slice`: `stats_bytes` readable bytes at `stats`.
unsafe fn blob<'a>(stats: *const c_void, stats_bytes: usize) -> Result<&'a [u8]> {
    // SAFETY: the caller promises `stats_bytes` readable bytes at `stats`.
    unsafe { raw::slice(stats.cast::<u8>(), stats_bytes, "stats") }
}

/// The two blobs of a merge; overlapping blobs are `InvalidParameter("from")`.
///
/// # Safety
/// `stats_bytes` writable bytes at `into` and readable bytes at `from`.
unsafe fn merge_pair<'a>(
    into: *mut c_void,
    from: *const c_void,
    stats_bytes: usize,
) -> Result<(&'a mut [u8], &'a [u8])> {
    if into.is_null() {
        return Err(Error::NullPointer("into"));
    }
    if from.is_null() {
        return Err(Error::NullPointer("from"));
    }
    let (a, b) = (into as usize, from as usize);
    if a < b.saturating_add(stats_bytes) && b < a.saturating_add(stats_bytes) {
        return Err(Error::InvalidParameter("from"));
    }
    // SAFETY: the caller promises `stats_bytes` bytes at each; the check above
    // proves the two ranges disjoint, so the slices never alias.
    let into = unsafe { raw::slice_mut(into.cast::<u8>(), stats_bytes, "into")? };
    // SAFETY: as above.
    let from = unsafe { raw::slice(from.cast::<u8>(), stats_bytes, "from")? };
    Ok((into, from))
}

/// The block size B of exact partial statistics: for any split of the rows
/// into ranges whose boundaries are multiples of B (the end of the last range
/// excepted), any number of threads, processes or machines and any merge
/// order, the `finish` functions return the same bytes. Other boundaries give a
/// valid result that may differ in the last bits.
///
/// How: rows are grouped into global blocks of B rows aligned on the global
/// row index (`first_row + i`); each block is summed in row order in the
/// working precision, and each block sum is added to an exact accumulator, a
/// 2176-bit two's-complement fixed-point integer whose unit is 2^-1074, which
/// holds any sum of doubles without rounding. Integer addition commutes and
/// associates, so merges are exact; `finish` rounds each sum once, correctly.
/// Cost: 272 bytes of blob per accumulated value and a few word operations
/// per value per block. The scaler's statistics are exact per row (any split).
///
/// # Safety
/// None: takes no pointers.
///
/// @return B, 64 in this version (1 <= B <= 64).
///
/// @par Work
/// O(1).
#[no_mangle]
pub unsafe extern "C" fn nanoclust_partial_block_rows() -> usize {
    partial::BLOCK_ROWS
}

/// Writes to `*bytes_out` the size of a k-means stats blob for `k` clusters of
/// `d` features: a 72-byte header, 272 bytes per accumulated value (k d + k + 1
/// of them), k relocation candidates of 32 + 8 d bytes, and accumulate's
/// scratch (centred centers, kernel panels, block sums: about 8 (3 k d + 8 d)
/// bytes, zero between calls). The same blob serves float and double data
/// (fixed by its first accumulate).
///
/// # Safety
/// `bytes_out` is NULL or points to a writable `size_t`.
///
/// @param k Number of clusters, 1 <= k <= 2^24.
/// @param d Number of features, >= 1.
/// @param bytes_out Receives the byte count.
/// @return NANOCLUST_OK or a status below; nothing is written on failure.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when bytes_out is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when d is 0.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when k is 0 or above 2^24.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size overflows size_t.
///
/// @par Work
/// O(1).
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_stats_size(
    k: usize,
    d: usize,
    bytes_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| {
        // SAFETY: the caller promises a writable size_t or NULL.
        let out = unsafe { raw::out(bytes_out, "bytes_out")? };
        *out = kp::shape(k, d)?.bytes;
        Ok(())
    })
}

/// Starts an empty k-means stats blob (one per range, thread or machine, per
/// pass): writes its versioned header and zeroes its sums.
///
/// # Safety
/// `stats` points to `stats_bytes` writable bytes (any alignment).
///
/// @param stats The blob.
/// @param stats_bytes Its size: exactly what nanoclust_kmeans_stats_size reports.
/// @param k Number of clusters.
/// @param d Number of features.
/// @return NANOCLUST_OK or a status below; nothing is written on failure.
/// @retval NANOCLUST_OK when the blob is initialised.
/// @retval NANOCLUST_ERR_NULL_POINTER when stats is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when d is 0 or stats_bytes is not the size for (k, d).
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when k is 0 or above 2^24.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size overflows size_t.
///
/// @par Work
/// O(stats_bytes).
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_stats_init(
    stats: *mut c_void,
    stats_bytes: usize,
    k: usize,
    d: usize,
) -> nanoclust_status {
    raw::status(|| {
        // SAFETY: the caller promises `stats_bytes` writable bytes.
        let b = unsafe { blob_mut(stats, stats_bytes)? };
        kp::init(b, k, d)
    })
}

#[allow(clippy::too_many_arguments)]
unsafe fn kmeans_accumulate<S: Scalar>(
    x: *const S,
    rows: usize,
    d: usize,
    sample_weight: *const S,
    first_row: u64,
    centers: *const S,
    k: usize,
    labels: *mut i32,
    stats: *mut c_void,
    stats_bytes: usize,
) -> nanoclust_status {
    raw::status(|| {
        // SAFETY: the caller promises `rows * d` readable values at `x`.
        let x = unsafe { raw::matrix(x, rows, d, "x")? };
        // SAFETY: `rows` readable weights, or NULL.
        let w = unsafe { raw::opt_slice(sample_weight, rows, "sample_weight")? };
        // SAFETY: `k * d` readable centers.
        let c = unsafe { raw::rows(centers, k, d, "centers")? };
        // SAFETY: `rows` writable labels.
        let l = unsafe { raw::slice_mut(labels, rows, "labels")? };
        // SAFETY: `stats_bytes` writable bytes.
        let b = unsafe { blob_mut(stats, stats_bytes)? };
        kp::accumulate(x, w, first_row, c, k, l, b)
    })
}

/// Folds the rows first_row to first_row + rows - 1 (global row indices) of a
/// k-means pass into `stats`: labels each row with its nearest center (the
/// one-call fit's Lloyd kernel: squared Euclidean distance scored as
/// (c - m).(c - m) - 2 (x - m).(c - m) with m the mean of the centers, ties to the
/// lowest index; a row's label never depends on its range), writes the labels,
/// and adds the weighted center sums, weights, inertia, label changes and the
/// k farthest rows (for empty-cluster relocation) to the blob. For exact
/// results start ranges on multiples of nanoclust_partial_block_rows().
///
/// # Safety
/// Every pointer refers to at least the number of elements given below; the
/// buffers do not overlap.
///
/// @param x Row-major `rows x d` finite floats.
/// @param rows Rows in this range, >= 1.
/// @param d Features, as the blob's.
/// @param sample_weight `rows` finite weights >= 0; may be NULL (all ones).
/// @param first_row Global index of the range's first row (first_row + rows <= 2^64 - 1).
/// @param centers `k*d` finite floats: the pass's centers.
/// @param k Clusters, as the blob's.
/// @param labels `rows` labels; in: the previous labels (-1: none); out: the new ones.
/// @param stats A blob from nanoclust_kmeans_stats_init for (k, d), empty or holding float data.
/// @param stats_bytes Its size.
/// @return NANOCLUST_OK or a status below; on failure neither labels nor stats change.
/// @retval NANOCLUST_OK when the rows are folded into the blob.
/// @retval NANOCLUST_ERR_NULL_POINTER when x, centers, labels or stats is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when rows or d is 0, sizes overflow, or stats_bytes is not the blob's size.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when k is 0 or not the blob's, a label is outside -1..k-1, a weight is negative, first_row + rows overflows, or the blob is corrupt, of another kind or shape, or holds double data.
/// @retval NANOCLUST_ERR_NON_FINITE when x, sample_weight or centers hold NaN or infinity.
/// @retval NANOCLUST_ERR_NUMERICAL when d (max|x| + max|c|)^2 times the block weight could overflow float.
///
/// @par Work
/// O(rows * k * d) for the distances, plus O(k * d) to validate the blob and,
/// in the worst case, O(k * d) per row entering the farthest-rows list.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_accumulate_f32(
    x: *const f32,
    rows: usize,
    d: usize,
    sample_weight: *const f32,
    first_row: u64,
    centers: *const f32,
    k: usize,
    labels: *mut i32,
    stats: *mut c_void,
    stats_bytes: usize,
) -> nanoclust_status {
    // SAFETY: the caller's promises are forwarded unchanged.
    unsafe {
        kmeans_accumulate(
            x,
            rows,
            d,
            sample_weight,
            first_row,
            centers,
            k,
            labels,
            stats,
            stats_bytes,
        )
    }
}

/// As nanoclust_kmeans_accumulate_f32, with double data, weights and centers.
///
/// # Safety
/// As nanoclust_kmeans_accumulate_f32.
///
/// @param x Row-major `rows x d` finite doubles.
/// @param rows Rows in this range, >= 1.
/// @param d Features, as the blob's.
/// @param sample_weight `rows` finite weights >= 0; may be NULL (all ones).
/// @param first_row Global index of the range's first row.
/// @param centers `k*d` finite doubles: the pass's centers.
/// @param k Clusters, as the blob's.
/// @param labels `rows` labels; in: the previous labels (-1: none); out: the new ones.
/// @param stats A blob for (k, d), empty or holding double data.
/// @param stats_bytes Its size.
/// @return NANOCLUST_OK or a status below; on failure neither labels nor stats change.
/// @retval NANOCLUST_OK when the rows are folded into the blob.
/// @retval NANOCLUST_ERR_NULL_POINTER when x, centers, labels or stats is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when rows or d is 0, sizes overflow, or stats_bytes is not the blob's size.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when k is 0 or not the blob's, a label is outside -1..k-1, a weight is negative, first_row + rows overflows, or the blob is corrupt, of another kind or shape, or holds float data.
/// @retval NANOCLUST_ERR_NON_FINITE when x, sample_weight or centers hold NaN or infinity.
/// @retval NANOCLUST_ERR_NUMERICAL when a squared distance or block sum could overflow double.
///
/// @par Work
/// O(rows * k * d), as nanoclust_kmeans_accumulate_f32.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_accumulate_f64(
    x: *const f64,
    rows: usize,
    d: usize,
    sample_weight: *const f64,
    first_row: u64,
    centers: *const f64,
    k: usize,
    labels: *mut i32,
    stats: *mut c_void,
    stats_bytes: usize,
) -> nanoclust_status {
    // SAFETY: the caller's promises are forwarded unchanged.
    unsafe {
        kmeans_accumulate(
            x,
            rows,
            d,
            sample_weight,
            first_row,
            centers,
            k,
            labels,
            stats,
            stats_bytes,
        )
    }
}

/// Merges the k-means blob `from` into `into` (same k, d and element type; an
/// empty blob takes the other's type): exact sums, counts, and the k farthest
/// rows of both. Any merge order and grouping gives the same bytes.
///
/// # Safety
/// `into` and `from` each point to `stats_bytes` bytes (`into` writable) and do not overlap.
///
/// @param into The blob that receives the sum.
/// @param from The blob added to it (unchanged).
/// @param stats_bytes The size of each.
/// @return NANOCLUST_OK or a status below; on failure `into` is unchanged.
/// @retval NANOCLUST_OK when `from` is merged into `into`.
/// @retval NANOCLUST_ERR_NULL_POINTER when into or from is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when stats_bytes is not the blobs' recorded size.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the blobs overlap, differ in kind, k, d or element type, or one is corrupt.
///
/// @par Work
/// O(stats_bytes).
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_stats_merge(
    into: *mut c_void,
    from: *const c_void,
    stats_bytes: usize,
) -> nanoclust_status {
    raw::status(|| {
        // SAFETY: the caller promises two disjoint `stats_bytes` buffers (checked).
        let (a, b) = unsafe { merge_pair(into, from, stats_bytes)? };
        kp::merge(a, b)
    })
}

unsafe fn kmeans_finish<S: Scalar>(
    stats: *const c_void,
    stats_bytes: usize,
    centers: *const S,
    k: usize,
    d: usize,
    new_centers: *mut S,
    result: *mut nanoclust_kmeans_step_result,
) -> nanoclust_status {
    raw::status(|| {
        // SAFETY: `stats_bytes` readable bytes.
        let b = unsafe { blob(stats, stats_bytes)? };
        let kd = k.checked_mul(d).ok_or(Error::InvalidShape("centers"))?;
        // SAFETY: `k * d` readable centers and writable new centers, disjoint or equal.
        let io = unsafe { raw::in_out(centers, new_centers, kd, "centers", "new_centers")? };
        // SAFETY: NULL or a writable result struct.
        let res = unsafe { raw::opt_out(result, "result")? };
        let r = match io {
            raw::InOut::Distinct(c, out) => kp::finish(b, c, k, d, out)?,
            raw::InOut::InPlace(buf) => {
                let r = kp::finish_check(b, buf, k, d)?;
                kp::finish_write(b, k, d, buf)?;
                r
            }
        };
        if let Some(o) = res {
            *o = nanoclust_kmeans_step_result {
                inertia: r.inertia,
                center_shift: r.center_shift,
                n_changed: r.n_changed,
            };
        }
        Ok(())
    })
}

/// Ends a k-means pass (the M-step): from the merged blob of every range and
/// the centers the pass used, writes the new centers (weighted means; empty
/// clusters relocated as nanoclust_kmeans_fit_f32 does: the r-th empty cluster
/// in index order takes the r-th row farthest from its center, ties to the
/// lower global row index) and the pass's inertia, center shift and label
/// changes. The caller iterates (accumulate, merge, finish) until n_changed is
/// 0 or center_shift <= tol * mean feature variance, as the one-call fit does.
///
/// # Safety
/// `stats` points to `stats_bytes` readable bytes; `centers` and `new_centers`
/// to `k*d` floats each (equal or disjoint); `result` is NULL or writable.
///
/// @param stats The merged blob (float data).
/// @param stats_bytes Its size.
/// @param centers `k*d` finite floats: the centers the pass used.
/// @param k Clusters, as the blob's.
/// @param d Features, as the blob's.
/// @param new_centers `k*d` floats, out; may equal centers.
/// @param result Inertia, center shift, label changes; may be NULL.
/// @return NANOCLUST_OK or a status below; nothing is written on failure.
/// @retval NANOCLUST_OK when the outputs hold the pass's result.
/// @retval NANOCLUST_ERR_NULL_POINTER when stats, centers or new_centers is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when d is 0, k*d overflows, or stats_bytes is not the blob's size.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when k is not the blob's, fewer than k rows were accumulated, every weight was 0, the buffers partly overlap, or the blob is corrupt, of another kind or shape, empty, or holds double data.
/// @retval NANOCLUST_ERR_NON_FINITE when centers hold NaN or infinity.
/// @retval NANOCLUST_ERR_NUMERICAL when a center, the shift or the inertia overflows.
///
/// @par Work
/// O(k * d * (1 + e)) with e the number of empty clusters, plus O(stats_bytes).
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_finish_f32(
    stats: *const c_void,
    stats_bytes: usize,
    centers: *const f32,
    k: usize,
    d: usize,
    new_centers: *mut f32,
    result: *mut nanoclust_kmeans_step_result,
) -> nanoclust_status {
    // SAFETY: the caller's promises are forwarded unchanged.
    unsafe { kmeans_finish(stats, stats_bytes, centers, k, d, new_centers, result) }
}

/// As nanoclust_kmeans_finish_f32, for a blob of double data.
///
/// # Safety
/// As nanoclust_kmeans_finish_f32, with doubles.
///
/// @param stats The merged blob (double data).
/// @param stats_bytes Its size.
/// @param centers `k*d` finite doubles: the centers the pass used.
/// @param k Clusters, as the blob's.
/// @param d Features, as the blob's.
/// @param new_centers `k*d` doubles, out; may equal centers.
/// @param result Inertia, center shift, label changes; may be NULL.
/// @return NANOCLUST_OK or a status below; nothing is written on failure.
/// @retval NANOCLUST_OK when the outputs hold the pass's result.
/// @retval NANOCLUST_ERR_NULL_POINTER when stats, centers or new_centers is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when d is 0, k*d overflows, or stats_bytes is not the blob's size.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when k is not the blob's, fewer than k rows were accumulated, every weight was 0, the buffers partly overlap, or the blob is corrupt, of another kind or shape, empty, or holds float data.
/// @retval NANOCLUST_ERR_NON_FINITE when centers hold NaN or infinity.
/// @retval NANOCLUST_ERR_NUMERICAL when a center, the shift or the inertia overflows.
///
/// @par Work
/// O(k * d * (1 + e)) with e the number of empty clusters, plus O(stats_bytes).
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_finish_f64(
    stats: *const c_void,
    stats_bytes: usize,
    centers: *const f64,
    k: usize,
    d: usize,
    new_centers: *mut f64,
    result: *mut nanoclust_kmeans_step_result,
) -> nanoclust_status {
    // SAFETY: the caller's promises are forwarded unchanged.
    unsafe { kmeans_finish(stats, stats_bytes, centers, k, d, new_centers, result) }
}

/// Writes to `*bytes_out` the size of a standard-scaler stats blob for `d`
/// features: `56 + 272 (2 d + 1)` bytes (float and double data alike).
///
/// # Safety
/// `bytes_out` is NULL or points to a writable `size_t`.
///
/// @param d Number of features, >= 1.
/// @param bytes_out Receives the byte count.
/// @return NANOCLUST_OK or a status below; nothing is written on failure.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when bytes_out is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when d is 0.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size overflows size_t.
///
/// @par Work
/// O(1).
#[no_mangle]
pub unsafe extern "C" fn nanoclust_standard_scaler_stats_size(
    d: usize,
    bytes_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| {
        // SAFETY: the caller promises a writable size_t or NULL.
        let out = unsafe { raw::out(bytes_out, "bytes_out")? };
        *out = scaler::shape(d)?.bytes;
        Ok(())
    })
}

/// Starts an empty standard-scaler stats blob.
///
/// # Safety
/// `stats` points to `stats_bytes` writable bytes (any alignment).
///
/// @param stats The blob.
/// @param stats_bytes Its size: exactly what nanoclust_standard_scaler_stats_size reports.
/// @param d Number of features.
/// @return NANOCLUST_OK or a status below; nothing is written on failure.
/// @retval NANOCLUST_OK when the blob is initialised.
/// @retval NANOCLUST_ERR_NULL_POINTER when stats is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when d is 0 or stats_bytes is not the size for d.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size overflows size_t.
///
/// @par Work
/// O(stats_bytes).
#[no_mangle]
pub unsafe extern "C" fn nanoclust_standard_scaler_stats_init(
    stats: *mut c_void,
    stats_bytes: usize,
    d: usize,
) -> nanoclust_status {
    raw::status(|| {
        // SAFETY: the caller promises `stats_bytes` writable bytes.
        let b = unsafe { blob_mut(stats, stats_bytes)? };
        scaler::init(b, d)
    })
}

unsafe fn scaler_accumulate<S: Scalar>(
    x: *const S,
    rows: usize,
    d: usize,
    sample_weight: *const S,
    stats: *mut c_void,
    stats_bytes: usize,
) -> nanoclust_status {
    raw::status(|| {
        // SAFETY: the caller promises `rows * d` readable values at `x`.
        let x = unsafe { raw::matrix(x, rows, d, "x")? };
        // SAFETY: `rows` readable weights, or NULL.
        let w = unsafe { raw::opt_slice(sample_weight, rows, "sample_weight")? };
        // SAFETY: `stats_bytes` writable bytes.
        let b = unsafe { blob_mut(stats, stats_bytes)? };
        scaler::accumulate(x, w, b)
    })
}

/// Folds rows into a standard-scaler blob (scikit-learn's
/// `StandardScaler.partial_fit`): exact weighted sums of w, w x and w x^2 per
/// feature, so any split and merge order gives the same bytes (block size 1).
///
/// # Safety
/// `x` points to `rows*d` floats, `sample_weight` is NULL or points to `rows`
/// floats, `stats` to `stats_bytes` writable bytes; no overlap.
///
/// @param x Row-major `rows x d` finite floats.
/// @param rows Rows in this range, >= 1.
/// @param d Features, as the blob's.
/// @param sample_weight `rows` finite weights >= 0; may be NULL (all ones).
/// @param stats A scaler blob for d, empty or holding float data.
/// @param stats_bytes Its size.
/// @return NANOCLUST_OK or a status below; on failure the blob is unchanged.
/// @retval NANOCLUST_OK when the rows are folded into the blob.
/// @retval NANOCLUST_ERR_NULL_POINTER when x or stats is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when rows or d is 0, sizes overflow, or stats_bytes is not the blob's size.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a weight is negative, or the blob is corrupt, of another kind or d, or holds double data.
/// @retval NANOCLUST_ERR_NON_FINITE when x or sample_weight hold NaN or infinity.
///
/// @par Work
/// O(rows * d).
#[no_mangle]
pub unsafe extern "C" fn nanoclust_standard_scaler_accumulate_f32(
    x: *const f32,
    rows: usize,
    d: usize,
    sample_weight: *const f32,
    stats: *mut c_void,
    stats_bytes: usize,
) -> nanoclust_status {
    // SAFETY: the caller's promises are forwarded unchanged.
    unsafe { scaler_accumulate(x, rows, d, sample_weight, stats, stats_bytes) }
}

/// As nanoclust_standard_scaler_accumulate_f32, with double data and weights.
///
/// # Safety
/// As nanoclust_standard_scaler_accumulate_f32, with doubles.
///
/// @param x Row-major `rows x d` finite doubles.
/// @param rows Rows in this range, >= 1.
/// @param d Features, as the blob's.
/// @param sample_weight `rows` finite weights >= 0; may be NULL (all ones).
/// @param stats A scaler blob for d, empty or holding double data.
/// @param stats_bytes Its size.
/// @return NANOCLUST_OK or a status below; on failure the blob is unchanged.
/// @retval NANOCLUST_OK when the rows are folded into the blob.
/// @retval NANOCLUST_ERR_NULL_POINTER when x or stats is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when rows or d is 0, sizes overflow, or stats_bytes is not the blob's size.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a weight is negative, or the blob is corrupt, of another kind or d, or holds float data.
/// @retval NANOCLUST_ERR_NON_FINITE when x or sample_weight hold NaN or infinity.
///
/// @par Work
/// O(rows * d).
#[no_mangle]
pub unsafe extern "C" fn nanoclust_standard_scaler_accumulate_f64(
    x: *const f64,
    rows: usize,
    d: usize,
    sample_weight: *const f64,
    stats: *mut c_void,
    stats_bytes: usize,
) -> nanoclust_status {
    // SAFETY: the caller's promises are forwarded unchanged.
    unsafe { scaler_accumulate(x, rows, d, sample_weight, stats, stats_bytes) }
}

/// Merges the scaler blob `from` into `into` (same d and element type; an
/// empty blob takes the other's type). Exact: any order gives the same bytes.
///
/// # Safety
/// `into` and `from` each point to `stats_bytes` bytes (`into` writable) and do not overlap.
///
/// @param into The blob that receives the sum.
/// @param from The blob added to it (unchanged).
/// @param stats_bytes The size of each.
/// @return NANOCLUST_OK or a status below; on failure `into` is unchanged.
/// @retval NANOCLUST_OK when `from` is merged into `into`.
/// @retval NANOCLUST_ERR_NULL_POINTER when into or from is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when stats_bytes is not the blobs' recorded size.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the blobs overlap, differ in kind, d or element type, or one is corrupt.
///
/// @par Work
/// O(stats_bytes).
#[no_mangle]
pub unsafe extern "C" fn nanoclust_standard_scaler_stats_merge(
    into: *mut c_void,
    from: *const c_void,
    stats_bytes: usize,
) -> nanoclust_status {
    raw::status(|| {
        // SAFETY: the caller promises two disjoint `stats_bytes` buffers (checked).
        let (a, b) = unsafe { merge_pair(into, from, stats_bytes)? };
        scaler::merge(a, b)
    })
}

unsafe fn scaler_finish<S: Scalar>(
    stats: *const c_void,
    stats_bytes: usize,
    mean: *mut S,
    scale: *mut S,
) -> nanoclust_status {
    raw::status(|| {
        // SAFETY: `stats_bytes` readable bytes.
        let b = unsafe { blob(stats, stats_bytes)? };
        let (_, d, _) = partial::recorded_params(b, partial::Kind::Scaler)?;
        // The recorded d must match the blob's size before it sizes any slice.
        let shape = scaler::shape(d).map_err(|_| Error::InvalidParameter("stats"))?;
        partial::check(b, shape)?;
        // SAFETY: `d` writable values each (d is the blob's, checked by finish).
        let m = unsafe { raw::slice_mut(mean, d, "mean")? };
        // SAFETY: as above; mean and scale do not overlap.
        let s = unsafe { raw::slice_mut(scale, d, "scale")? };
        scaler::finish(b, m, s)
    })
}

/// Writes each feature's mean and scale from a merged scaler blob, as
/// nanoclust_standard_scaler_fit_f32 defines them (weighted mean, population
/// standard deviation, 1 for a near-constant feature), computed from exact
/// sums (equal to the one-call fit up to a few units in the last place of double).
///
/// # Safety
/// `stats` points to `stats_bytes` readable bytes; `mean` and `scale` to `d`
/// writable floats each (d recorded in the blob), not overlapping.
///
/// @param stats The merged blob (float data).
/// @param stats_bytes Its size.
/// @param mean `d` floats, out.
/// @param scale `d` floats, out.
/// @return NANOCLUST_OK or a status below; nothing is written on failure.
/// @retval NANOCLUST_OK when the outputs hold the pass's result.
/// @retval NANOCLUST_ERR_NULL_POINTER when stats, mean or scale is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when stats_bytes is not the blob's size.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the blob is corrupt, of another kind, empty, holds double data, or its weights sum to 0.
/// @retval NANOCLUST_ERR_NUMERICAL when a mean or scale overflows float.
///
/// @par Work
/// O(d).
#[no_mangle]
pub unsafe extern "C" fn nanoclust_standard_scaler_finish_f32(
    stats: *const c_void,
    stats_bytes: usize,
    mean: *mut f32,
    scale: *mut f32,
) -> nanoclust_status {
    // SAFETY: the caller's promises are forwarded unchanged.
    unsafe { scaler_finish(stats, stats_bytes, mean, scale) }
}

/// As nanoclust_standard_scaler_finish_f32, for a blob of double data.
///
/// # Safety
/// As nanoclust_standard_scaler_finish_f32, with doubles.
///
/// @param stats The merged blob (double data).
/// @param stats_bytes Its size.
/// @param mean `d` doubles, out.
/// @param scale `d` doubles, out.
/// @return NANOCLUST_OK or a status below; nothing is written on failure.
/// @retval NANOCLUST_OK when the outputs hold the pass's result.
/// @retval NANOCLUST_ERR_NULL_POINTER when stats, mean or scale is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when stats_bytes is not the blob's size.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the blob is corrupt, of another kind, empty, holds float data, or its weights sum to 0.
/// @retval NANOCLUST_ERR_NUMERICAL when a mean or scale overflows double.
///
/// @par Work
/// O(d).
#[no_mangle]
pub unsafe extern "C" fn nanoclust_standard_scaler_finish_f64(
    stats: *const c_void,
    stats_bytes: usize,
    mean: *mut f64,
    scale: *mut f64,
) -> nanoclust_status {
    // SAFETY: the caller's promises are forwarded unchanged.
    unsafe { scaler_finish(stats, stats_bytes, mean, scale) }
}

/// Writes to `*bytes_out` the size of a Gaussian-mixture stats blob for `k`
/// components of `d` features and the covariance type: the header, the pass's
/// means (8 k d bytes), 272 bytes per accumulated value (2 + k + k d + s, with s
/// = k d (d+1)/2 full, d (d+1)/2 tied, k d diag and spherical) and accumulate's
/// scratch (precision factors and block sums, zero between calls).
///
/// # Safety
/// `bytes_out` is NULL or points to a writable `size_t`.
///
/// @param k Number of components, >= 1.
/// @param d Number of features, >= 1.
/// @param covariance_type NANOCLUST_COVARIANCE_*.
/// @param bytes_out Receives the byte count.
/// @return NANOCLUST_OK or a status below; nothing is written on failure.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when bytes_out is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when d is 0.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when k is 0 or covariance_type is unknown.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size overflows size_t.
///
/// @par Work
/// O(1).
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_stats_size(
    k: usize,
    d: usize,
    covariance_type: u32,
    bytes_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| {
        // SAFETY: the caller promises a writable size_t or NULL.
        let out = unsafe { raw::out(bytes_out, "bytes_out")? };
        let ct = CovarianceType::from_u32(covariance_type)?;
        *out = gp::shape(k, d, ct)?.bytes;
        Ok(())
    })
}

/// Starts an empty Gaussian-mixture stats blob.
///
/// # Safety
/// `stats` points to `stats_bytes` writable bytes (any alignment).
///
/// @param stats The blob.
/// @param stats_bytes Its size: exactly what nanoclust_gmm_stats_size reports.
/// @param k Number of components.
/// @param d Number of features.
/// @param covariance_type NANOCLUST_COVARIANCE_*.
/// @return NANOCLUST_OK or a status below; nothing is written on failure.
/// @retval NANOCLUST_OK when the blob is initialised.
/// @retval NANOCLUST_ERR_NULL_POINTER when stats is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when d is 0 or stats_bytes is not the size for these parameters.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when k is 0 or covariance_type is unknown.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size overflows size_t.
///
/// @par Work
/// O(stats_bytes).
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_stats_init(
    stats: *mut c_void,
    stats_bytes: usize,
    k: usize,
    d: usize,
    covariance_type: u32,
) -> nanoclust_status {
    raw::status(|| {
        let ct = CovarianceType::from_u32(covariance_type)?;
        // SAFETY: the caller promises `stats_bytes` writable bytes.
        let b = unsafe { blob_mut(stats, stats_bytes)? };
        gp::init(b, k, d, ct)
    })
}

#[allow(clippy::too_many_arguments)]
unsafe fn gmm_accumulate<S: Scalar>(
    x: *const S,
    rows: usize,
    d: usize,
    sample_weight: *const S,
    weights: *const S,
    means: *const S,
    covariances: *const S,
    k: usize,
    covariance_type: u32,
    stats: *mut c_void,
    stats_bytes: usize,
) -> nanoclust_status {
    raw::status(|| {
        let ct = CovarianceType::from_u32(covariance_type)?;
        let cov_len = ct.len(k, d)?;
        // SAFETY: the caller promises `rows * d` readable values at `x`.
        let x = unsafe { raw::matrix(x, rows, d, "x")? };
        // SAFETY: `rows` readable weights, or NULL.
        let w = unsafe { raw::opt_slice(sample_weight, rows, "sample_weight")? };
        // SAFETY: `k` readable mixture weights.
        let weights = unsafe { raw::slice(weights, k, "weights")? };
        // SAFETY: `k * d` readable means.
        let means = unsafe { raw::rows(means, k, d, "means")? };
        // SAFETY: the covariance type's count of readable values.
        let covariances = unsafe { raw::slice(covariances, cov_len, "covariances")? };
        // SAFETY: `stats_bytes` writable bytes.
        let b = unsafe { blob_mut(stats, stats_bytes)? };
        let mix = gp::Mixture {
            weights,
            means,
            covariances,
        };
        gp::accumulate(x, w, 0, mix, ct, b)
    })
}

/// Folds a range of rows into a Gaussian-mixture blob: the E-step under the
/// given mixture (the pass's model) and the weighted sufficient statistics
/// (responsibility sums, first and second moments centred at `means`,
/// log-likelihood). Ranges are summed in blocks of
/// nanoclust_partial_block_rows() rows from their first row, so ranges that
/// start on multiples of it give exact results. Every range of a pass must
/// pass the same model.
///
/// # Safety
/// Every pointer refers to at least the number of elements given below; the
/// buffers do not overlap.
///
/// @param x Row-major `rows x d` finite floats.
/// @param rows Rows in this range, >= 1.
/// @param d Features, as the blob's.
/// @param sample_weight `rows` finite weights >= 0; may be NULL (all ones).
/// @param weights `k` finite mixture weights >= 0, at least one positive.
/// @param means `k*d` finite floats.
/// @param covariances Finite, positive definite: k*d*d (full), d*d (tied), k*d (diag) or k (spherical) floats.
/// @param k Components, as the blob's.
/// @param covariance_type NANOCLUST_COVARIANCE_*, as the blob's.
/// @param stats A blob for (k, d, covariance_type), empty or holding float data of this pass.
/// @param stats_bytes Its size.
/// @return NANOCLUST_OK or a status below; on failure the statistics are unchanged.
/// @retval NANOCLUST_OK when the rows are folded into the blob.
/// @retval NANOCLUST_ERR_NULL_POINTER when x, weights, means, covariances or stats is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when rows or d is 0, sizes overflow, or stats_bytes is not the blob's size.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when covariance_type is unknown, k, d or the type differ from the blob's, a weight is negative or all mixture weights are 0, means differ from those this blob's pass used, or the blob is corrupt or holds double data.
/// @retval NANOCLUST_ERR_NON_FINITE when any input holds NaN or infinity.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the covariances' length for (k, d, covariance_type) overflows size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a covariance is not positive definite or a log-likelihood could overflow.
///
/// @par Work
/// O(rows * k * d^2) for full and tied, O(rows * k * d) for diag and spherical,
/// plus O(k * d^3) for the precision factors.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_accumulate_f32(
    x: *const f32,
    rows: usize,
    d: usize,
    sample_weight: *const f32,
    weights: *const f32,
    means: *const f32,
    covariances: *const f32,
    k: usize,
    covariance_type: u32,
    stats: *mut c_void,
    stats_bytes: usize,
) -> nanoclust_status {
    // SAFETY: the caller's promises are forwarded unchanged.
    unsafe {
        gmm_accumulate(
            x,
            rows,
            d,
            sample_weight,
            weights,
            means,
            covariances,
            k,
            covariance_type,
            stats,
            stats_bytes,
        )
    }
}

/// As nanoclust_gmm_accumulate_f32, with double data, weights and model.
///
/// # Safety
/// As nanoclust_gmm_accumulate_f32, with doubles.
///
/// @param x Row-major `rows x d` finite doubles.
/// @param rows Rows in this range, >= 1.
/// @param d Features, as the blob's.
/// @param sample_weight `rows` finite weights >= 0; may be NULL (all ones).
/// @param weights `k` finite mixture weights >= 0, at least one positive.
/// @param means `k*d` finite doubles.
/// @param covariances Finite, positive definite, in the covariance type's layout.
/// @param k Components, as the blob's.
/// @param covariance_type NANOCLUST_COVARIANCE_*, as the blob's.
/// @param stats A blob for (k, d, covariance_type), empty or holding double data of this pass.
/// @param stats_bytes Its size.
/// @return NANOCLUST_OK or a status below; on failure the statistics are unchanged.
/// @retval NANOCLUST_OK when the rows are folded into the blob.
/// @retval NANOCLUST_ERR_NULL_POINTER when x, weights, means, covariances or stats is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when rows or d is 0, sizes overflow, or stats_bytes is not the blob's size.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when covariance_type is unknown, k, d or the type differ from the blob's, a weight is negative or all mixture weights are 0, means differ from those this blob's pass used, or the blob is corrupt or holds float data.
/// @retval NANOCLUST_ERR_NON_FINITE when any input holds NaN or infinity.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the covariances' length for (k, d, covariance_type) overflows size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when a covariance is not positive definite or a log-likelihood could overflow.
///
/// @par Work
/// As nanoclust_gmm_accumulate_f32.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_accumulate_f64(
    x: *const f64,
    rows: usize,
    d: usize,
    sample_weight: *const f64,
    weights: *const f64,
    means: *const f64,
    covariances: *const f64,
    k: usize,
    covariance_type: u32,
    stats: *mut c_void,
    stats_bytes: usize,
) -> nanoclust_status {
    // SAFETY: the caller's promises are forwarded unchanged.
    unsafe {
        gmm_accumulate(
            x,
            rows,
            d,
            sample_weight,
            weights,
            means,
            covariances,
            k,
            covariance_type,
            stats,
            stats_bytes,
        )
    }
}

/// Merges the Gaussian-mixture blob `from` into `into` (same k, d, covariance
/// type, element type and pass means; an empty blob takes the other's).
/// Exact: any merge order and grouping gives the same bytes.
///
/// # Safety
/// `into` and `from` each point to `stats_bytes` bytes (`into` writable) and do not overlap.
///
/// @param into The blob that receives the sum.
/// @param from The blob added to it (unchanged).
/// @param stats_bytes The size of each.
/// @return NANOCLUST_OK or a status below; on failure `into` is unchanged.
/// @retval NANOCLUST_OK when `from` is merged into `into`.
/// @retval NANOCLUST_ERR_NULL_POINTER when into or from is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when stats_bytes is not the blobs' recorded size.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when the blobs overlap, differ in kind, k, d, covariance type, element type or pass means, or one is corrupt.
///
/// @par Work
/// O(stats_bytes).
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_stats_merge(
    into: *mut c_void,
    from: *const c_void,
    stats_bytes: usize,
) -> nanoclust_status {
    raw::status(|| {
        // SAFETY: the caller promises two disjoint `stats_bytes` buffers (checked).
        let (a, b) = unsafe { merge_pair(into, from, stats_bytes)? };
        gp::merge(a, b)
    })
}

unsafe fn gmm_finish<S: Scalar>(
    stats: *const c_void,
    stats_bytes: usize,
    reg_covar: f64,
    weights: *mut S,
    means: *mut S,
    covariances: *mut S,
    lower_bound: *mut f64,
) -> nanoclust_status {
    raw::status(|| {
        // SAFETY: `stats_bytes` readable bytes.
        let b = unsafe { blob(stats, stats_bytes)? };
        // Validated against the blob's size before it sizes any slice.
        let (k, d, ct) = gp::recorded(b)?;
        // SAFETY: `k` writable weights (k recorded in the blob the caller made).
        let w = unsafe { raw::slice_mut(weights, k, "weights")? };
        // SAFETY: `k * d` writable means.
        let m = unsafe { raw::rows_mut(means, k, d, "means")? };
        // SAFETY: the covariance type's count of writable values.
        let c = unsafe { raw::slice_mut(covariances, ct.len(k, d)?, "covariances")? };
        // SAFETY: NULL or a writable double.
        let lb = unsafe { raw::opt_out(lower_bound, "lower_bound")? };
        let v = gp::finish(b, reg_covar, w, m, c)?;
        if let Some(o) = lb {
            *o = v;
        }
        Ok(())
    })
}

/// Ends an EM pass (the M-step, scikit-learn's): from the merged blob writes
/// the new weights (n_k / sum n), means and covariances (reg_covar added to
/// each diagonal) and the pass's lower bound, the weighted mean log-likelihood
/// of its rows under the model passed to accumulate. k, d and the covariance
/// type are the blob's. The caller iterates until the lower bound changes by
/// less than tol, as nanoclust_gmm_fit_f32 does.
///
/// # Safety
/// `stats` points to `stats_bytes` readable bytes; `weights` (k), `means`
/// (k*d) and `covariances` (the type's count) are writable and do not overlap;
/// `lower_bound` is NULL or writable.
///
/// @param stats The merged blob (float data).
/// @param stats_bytes Its size.
/// @param reg_covar Finite, >= 0, added to the diagonals (default 1e-6).
/// @param weights `k` floats, out.
/// @param means `k*d` floats, out.
/// @param covariances k*d*d (full), d*d (tied), k*d (diag) or k (spherical) floats, out.
/// @param lower_bound The pass's mean log-likelihood; may be NULL.
/// @return NANOCLUST_OK or a status below; nothing is written on failure.
/// @retval NANOCLUST_OK when the outputs hold the pass's result.
/// @retval NANOCLUST_ERR_NULL_POINTER when stats, weights, means or covariances is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when stats_bytes is not the blob's size.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when reg_covar is negative or not finite, the sample weights summed to 0, or the blob is corrupt, of another kind, empty or holds double data.
/// @retval NANOCLUST_ERR_NUMERICAL when an estimate or the lower bound overflows.
///
/// @par Work
/// O(k * d^2) conversions for full, O(k * d^2) for tied, O(k * d) otherwise.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_finish_f32(
    stats: *const c_void,
    stats_bytes: usize,
    reg_covar: f64,
    weights: *mut f32,
    means: *mut f32,
    covariances: *mut f32,
    lower_bound: *mut f64,
) -> nanoclust_status {
    // SAFETY: the caller's promises are forwarded unchanged.
    unsafe {
        gmm_finish(
            stats,
            stats_bytes,
            reg_covar,
            weights,
            means,
            covariances,
            lower_bound,
        )
    }
}

/// As nanoclust_gmm_finish_f32, for a blob of double data.
///
/// # Safety
/// As nanoclust_gmm_finish_f32, with doubles.
///
/// @param stats The merged blob (double data).
/// @param stats_bytes Its size.
/// @param reg_covar Finite, >= 0, added to the diagonals.
/// @param weights `k` doubles, out.
/// @param means `k*d` doubles, out.
/// @param covariances The covariance type's count of doubles, out.
/// @param lower_bound The pass's mean log-likelihood; may be NULL.
/// @return NANOCLUST_OK or a status below; nothing is written on failure.
/// @retval NANOCLUST_OK when the outputs hold the pass's result.
/// @retval NANOCLUST_ERR_NULL_POINTER when stats, weights, means or covariances is NULL.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when stats_bytes is not the blob's size.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when reg_covar is negative or not finite, the sample weights summed to 0, or the blob is corrupt, of another kind, empty or holds float data.
/// @retval NANOCLUST_ERR_NUMERICAL when an estimate or the lower bound overflows.
///
/// @par Work
/// As nanoclust_gmm_finish_f32.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_gmm_finish_f64(
    stats: *const c_void,
    stats_bytes: usize,
    reg_covar: f64,
    weights: *mut f64,
    means: *mut f64,
    covariances: *mut f64,
    lower_bound: *mut f64,
) -> nanoclust_status {
    // SAFETY: the caller's promises are forwarded unchanged.
    unsafe {
        gmm_finish(
            stats,
            stats_bytes,
            reg_covar,
            weights,
            means,
            covariances,
            lower_bound,
        )
    }
}
