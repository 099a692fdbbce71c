//! The k-means C ABI: `nanoclust_kmeans_*` (see `kmeans` for the semantics).

use crate::error::{Error, Result};
use crate::ffi::raw;
use crate::ffi::status::nanoclust_status;
use crate::kmeans::{self, Algorithm, Init, KMeansParams};
use crate::matrix::Matrix;
use crate::scalar::Scalar;
use core::ffi::c_void;

/// Greedy k-means++: the first center drawn in proportion to the sample weight,
/// each further one the best of 2 + floor(ln k) candidates drawn in proportion
/// to weight * squared distance (scikit-learn's).
pub const NANOCLUST_INIT_KMEANS_PLUS_PLUS: u32 = 0;
/// k distinct samples drawn without replacement in proportion to the weight.
pub const NANOCLUST_INIT_RANDOM: u32 = 1;
/// `centers` holds the initial centers on entry (n_init is forced to 1).
pub const NANOCLUST_INIT_PROVIDED: u32 = 2;

/// Chosen by shape from measurements; currently always Lloyd (Hamerly's bound
/// bookkeeping cost more than it saved on every measured shape).
pub const NANOCLUST_KMEANS_AUTO: u32 = 0;
/// Lloyd iterations with a blocked, vectorised distance-plus-argmin kernel.
pub const NANOCLUST_KMEANS_LLOYD: u32 = 1;
/// Hamerly's bounds: the same labels and centers as Lloyd, fewer distances.
pub const NANOCLUST_KMEANS_HAMERLY: u32 = 2;
/// Elkan: not built in this version, so NANOCLUST_ERR_INVALID_PARAMETER.
pub const NANOCLUST_KMEANS_ELKAN: u32 = 3;

/// k-means parameters, shared by the `_f32` and `_f64` functions. Start from
/// `nanoclust_kmeans_params_default`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct nanoclust_kmeans_params {
    /// Number of clusters k, 1 <= k <= n and k <= 16777216 (2^24).
    pub n_clusters: u32,
    /// NANOCLUST_INIT_*.
    pub init: u32,
    /// Restarts (>= 1), the lowest inertia wins; forced to 1 for NANOCLUST_INIT_PROVIDED
    /// (where any value is accepted). Default 1.
    pub n_init: u32,
    /// Iteration limit per run, >= 1. Default 300.
    pub max_iter: u32,
    /// Relative tolerance, finite and not negative. Default 1e-4. A run stops when the
    /// summed squared center shift is at most tol times the mean per-feature variance
    /// of x (scikit-learn semantics), or when the labels stop changing.
    pub tol: f64,
    /// Seed of the random choices. Default 0. Same seed, same result, bit for bit.
    pub seed: u64,
    /// NANOCLUST_KMEANS_*.
    pub algorithm: u32,
}

/// What a fit reports besides centers and labels.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct nanoclust_kmeans_result {
    /// Weighted sum of squared distances of the samples to their closest center.
    pub inertia: f64,
    /// Iterations of the winning run.
    pub n_iter: u32,
    /// 1 if the winning run met tol or its labels stopped changing, 0 if it hit max_iter.
    pub converged: u32,
}

impl From<KMeansParams> for nanoclust_kmeans_params {
    fn from(p: KMeansParams) -> Self {
        nanoclust_kmeans_params {
            n_clusters: u32::try_from(p.n_clusters).unwrap_or(u32::MAX),
            init: p.init as u32,
            n_init: p.n_init,
            max_iter: p.max_iter,
            tol: p.tol,
            seed: p.seed,
            algorithm: p.algorithm as u32,
        }
    }
}

impl nanoclust_kmeans_params {
    /// The Rust parameters; unknown enumerated values are `InvalidParameter`.
    pub fn to_params(&self) -> Result<KMeansParams> {
        Ok(KMeansParams {
            n_clusters: self.n_clusters as usize,
            init: Init::from_u32(self.init)?,
            n_init: self.n_init,
            max_iter: self.max_iter,
            tol: self.tol,
            seed: self.seed,
            algorithm: Algorithm::from_u32(self.algorithm)?,
        })
    }
}

/// The default parameters for `n_clusters` clusters: k-means++, n_init 1,
/// max_iter 300, tol 1e-4, seed 0, NANOCLUST_KMEANS_AUTO. Never fails (k is
/// validated by the functions that use the parameters).
#[no_mangle]
pub extern "C" fn nanoclust_kmeans_params_default(n_clusters: u32) -> nanoclust_kmeans_params {
    KMeansParams::new(n_clusters as usize).into()
}

fn workspace_size<S: Scalar>(
    n: usize,
    d: usize,
    params: *const nanoclust_kmeans_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| {
        let p = raw::read(params, "params")?.to_params()?;
        let out = raw::out(bytes_out, "bytes_out")?;
        *out = kmeans::workspace_size::<S>(n, d, &p)?.bytes();
        Ok(())
    })
}

/// Writes to `*bytes_out` the exact workspace size (bytes, alignment slack
/// included) of `nanoclust_kmeans_fit_f32` for `n` samples of `d` features and
/// these params: O(n + k*d). Statuses: NULL_POINTER (params, bytes_out),
/// INVALID_SHAPE (n or d is 0, n > INT32_MAX, n*d overflows), INVALID_PARAMETER
/// (any param out of range, k > n, an unknown enum value, ELKAN),
/// SIZE_OVERFLOW. Nothing is written on failure.
#[no_mangle]
pub extern "C" fn nanoclust_kmeans_workspace_size_f32(
    n: usize,
    d: usize,
    params: *const nanoclust_kmeans_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    workspace_size::<f32>(n, d, params, bytes_out)
}

/// As `nanoclust_kmeans_workspace_size_f32`, for `nanoclust_kmeans_fit_f64`.
#[no_mangle]
pub extern "C" fn nanoclust_kmeans_workspace_size_f64(
    n: usize,
    d: usize,
    params: *const nanoclust_kmeans_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    workspace_size::<f64>(n, d, params, bytes_out)
}

#[allow(clippy::too_many_arguments)]
fn fit<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    sample_weight: *const S,
    params: *const nanoclust_kmeans_params,
    workspace: *mut c_void,
    workspace_bytes: usize,
    centers: *mut S,
    labels: *mut i32,
    result: *mut nanoclust_kmeans_result,
) -> nanoclust_status {
    raw::status(|| {
        let p = raw::read(params, "params")?.to_params()?;
        let x = raw::matrix(x, n, d, "x")?;
        p.check(n)?;
        let w = raw::opt_slice(sample_weight, n, "sample_weight")?;
        let kd = p
            .n_clusters
            .checked_mul(d)
            .ok_or(Error::InvalidShape("centers"))?;
        let centers = raw::slice_mut(centers, kd, "centers")?;
        let labels = raw::opt_slice_mut(labels, n, "labels")?;
        let result = raw::opt_out(result, "result")?;
        let ws = raw::workspace(workspace, workspace_bytes)?;
        let r = kmeans::fit(&p, x, w, ws, centers, labels)?;
        if let Some(out) = result {
            *out = nanoclust_kmeans_result {
                inertia: r.inertia,
                n_iter: r.n_iter,
                converged: u32::from(r.converged),
            };
        }
        Ok(())
    })
}

/// Fits k-means (scikit-learn `KMeans` semantics) to the row-major `n x d`
/// float data `x`.
///
/// - `sample_weight`: `n` finite weights >= 0, not all zero; may be NULL (all ones).
/// - `params`: see `nanoclust_kmeans_params`; k = params->n_clusters <= n.
/// - `workspace`: `workspace_bytes` bytes of any alignment, at least what
///   `nanoclust_kmeans_workspace_size_f32` reports; may be NULL if that is 0.
/// - `centers`: `k*d` floats; in: the initial centers iff init is
///   NANOCLUST_INIT_PROVIDED; out: the final centers.
/// - `labels`: `n` cluster indices in 0..k-1, consistent with the centers; may be NULL.
/// - `result`: inertia, iterations, convergence of the winning run; may be NULL.
///
/// The caller owns every buffer; nothing is retained. Statuses: NULL_POINTER,
/// INVALID_SHAPE, INVALID_PARAMETER (params; k > n; negative weights, all-zero
/// weights, or fewer than k positive weights for NANOCLUST_INIT_RANDOM),
/// NON_FINITE (x, sample_weight, provided centers), WORKSPACE_TOO_SMALL,
/// NUMERICAL (d * (2 * max |x - mean|)^2 or a weighted sum would overflow
/// float). On any failure no output is written.
#[no_mangle]
pub extern "C" fn nanoclust_kmeans_fit_f32(
    x: *const f32,
    n: usize,
    d: usize,
    sample_weight: *const f32,
    params: *const nanoclust_kmeans_params,
    workspace: *mut c_void,
    workspace_bytes: usize,
    centers: *mut f32,
    labels: *mut i32,
    result: *mut nanoclust_kmeans_result,
) -> nanoclust_status {
    fit(
        x,
        n,
        d,
        sample_weight,
        params,
        workspace,
        workspace_bytes,
        centers,
        labels,
        result,
    )
}

/// As `nanoclust_kmeans_fit_f32`, with double data, weights and centers.
#[no_mangle]
pub extern "C" fn nanoclust_kmeans_fit_f64(
    x: *const f64,
    n: usize,
    d: usize,
    sample_weight: *const f64,
    params: *const nanoclust_kmeans_params,
    workspace: *mut c_void,
    workspace_bytes: usize,
    centers: *mut f64,
    labels: *mut i32,
    result: *mut nanoclust_kmeans_result,
) -> nanoclust_status {
    fit(
        x,
        n,
        d,
        sample_weight,
        params,
        workspace,
        workspace_bytes,
        centers,
        labels,
        result,
    )
}

fn predict<S: Scalar>(
    centers: *const S,
    k: usize,
    d: usize,
    x: *const S,
    n: usize,
    labels: *mut i32,
    sq_distances: *mut S,
) -> nanoclust_status {
    raw::status(|| {
        if k == 0 {
            return Err(Error::InvalidParameter("k"));
        }
        let kd = k.checked_mul(d).ok_or(Error::InvalidShape("centers"))?;
        let centers = Matrix::named(raw::slice(centers, kd, "centers")?, k, d, "centers")?;
        let x = raw::matrix(x, n, d, "x")?;
        let labels = raw::slice_mut(labels, n, "labels")?;
        let sq = raw::opt_slice_mut(sq_distances, n, "sq_distances")?;
        kmeans::predict(centers, x, labels, sq)
    })
}

/// Labels each of the `n` rows of `x` (`n*d` floats) with its nearest center
/// among the `k` rows of `centers` (`k*d` floats; ties go to the lower index).
/// `labels`: `n` outputs in 0..k-1. `sq_distances`: `n` outputs, the squared
/// Euclidean distance to the chosen center; may be NULL. No workspace.
/// Statuses: NULL_POINTER, INVALID_SHAPE (n, d or k*d), INVALID_PARAMETER
/// (k = 0), NON_FINITE (x, centers), NUMERICAL (d * (2 * max |value|)^2
/// overflows float). On failure no output is written.
#[no_mangle]
pub extern "C" fn nanoclust_kmeans_predict_f32(
    centers: *const f32,
    k: usize,
    d: usize,
    x: *const f32,
    n: usize,
    labels: *mut i32,
    sq_distances: *mut f32,
) -> nanoclust_status {
    predict(centers, k, d, x, n, labels, sq_distances)
}

/// As `nanoclust_kmeans_predict_f32`, with double data.
#[no_mangle]
pub extern "C" fn nanoclust_kmeans_predict_f64(
    centers: *const f64,
    k: usize,
    d: usize,
    x: *const f64,
    n: usize,
    labels: *mut i32,
    sq_distances: *mut f64,
) -> nanoclust_status {
    predict(centers, k, d, x, n, labels, sq_distances)
}

#[allow(clippy::too_many_arguments)]
fn partial_fit<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    sample_weight: *const S,
    centers: *mut S,
    counts: *mut f64,
    k: usize,
    workspace: Option<(*mut c_void, usize)>,
) -> nanoclust_status {
    raw::status(|| {
        let x = raw::matrix(x, n, d, "x")?;
        let w = raw::opt_slice(sample_weight, n, "sample_weight")?;
        if k == 0 {
            return Err(Error::InvalidParameter("k"));
        }
        let kd = k.checked_mul(d).ok_or(Error::InvalidShape("centers"))?;
        let centers = raw::slice_mut(centers, kd, "centers")?;
        let counts = raw::slice_mut(counts, k, "counts")?;
        match workspace {
            None => kmeans::minibatch::partial_fit_stack(x, w, centers, counts),
            Some((ptr, bytes)) => {
                let ws = raw::workspace(ptr, bytes)?;
                kmeans::partial_fit(x, w, centers, counts, ws)
            }
        }
    })
}

/// One mini-batch step (scikit-learn `MiniBatchKMeans.partial_fit` with
/// reassignment_ratio = 0) on the caller-held model: `centers` (`k*d` floats)
/// and `counts` (`k` doubles, the accumulated weight per center, >= 0; start
/// from zeros after choosing initial centers). Every row of the batch `x`
/// (`n*d` floats, optional `n` weights >= 0; NULL means ones) is assigned to
/// its nearest old center; each center that received weight W with weighted
/// sum S becomes (center * count + S) / (count + W) and its count grows by W.
/// Scratch is a 1536-byte buffer on the stack (the whole call stays under
/// 2 KiB of stack on a Cortex-M4F): enough while
/// `nanoclust_kmeans_partial_fit_workspace_size_f32(d, k)` reports at most
/// 1536, i.e. k*(d+1) <= 382 (f32) or <= 190 (f64); larger models get
/// WORKSPACE_TOO_SMALL and use `nanoclust_kmeans_partial_fit_with_workspace_f32`.
/// Statuses: NULL_POINTER, INVALID_SHAPE, INVALID_PARAMETER (k = 0, negative
/// weights or counts), NON_FINITE (x, weights, centers, counts),
/// WORKSPACE_TOO_SMALL, NUMERICAL (overflow). centers and counts change only on success.
#[no_mangle]
pub extern "C" fn nanoclust_kmeans_partial_fit_f32(
    x: *const f32,
    n: usize,
    d: usize,
    sample_weight: *const f32,
    centers: *mut f32,
    counts: *mut f64,
    k: usize,
) -> nanoclust_status {
    partial_fit(x, n, d, sample_weight, centers, counts, k, None)
}

/// As `nanoclust_kmeans_partial_fit_f32`, with double data.
#[no_mangle]
pub extern "C" fn nanoclust_kmeans_partial_fit_f64(
    x: *const f64,
    n: usize,
    d: usize,
    sample_weight: *const f64,
    centers: *mut f64,
    counts: *mut f64,
    k: usize,
) -> nanoclust_status {
    partial_fit(x, n, d, sample_weight, centers, counts, k, None)
}

fn partial_fit_workspace_size<S: Scalar>(
    d: usize,
    k: usize,
    bytes_out: *mut usize,
) -> nanoclust_status {
    raw::status(|| {
        let out = raw::out(bytes_out, "bytes_out")?;
        *out = kmeans::partial_fit_workspace_size::<S>(d, k)?.bytes();
        Ok(())
    })
}

/// Writes to `*bytes_out` the workspace size (bytes) of
/// `nanoclust_kmeans_partial_fit_with_workspace_f32` for `k` centers of `d`
/// features. Statuses: NULL_POINTER, INVALID_SHAPE (d = 0), INVALID_PARAMETER
/// (k = 0), SIZE_OVERFLOW.
#[no_mangle]
pub extern "C" fn nanoclust_kmeans_partial_fit_workspace_size_f32(
    d: usize,
    k: usize,
    bytes_out: *mut usize,
) -> nanoclust_status {
    partial_fit_workspace_size::<f32>(d, k, bytes_out)
}

/// As `nanoclust_kmeans_partial_fit_workspace_size_f32`, for double data.
#[no_mangle]
pub extern "C" fn nanoclust_kmeans_partial_fit_workspace_size_f64(
    d: usize,
    k: usize,
    bytes_out: *mut usize,
) -> nanoclust_status {
    partial_fit_workspace_size::<f64>(d, k, bytes_out)
}

/// `nanoclust_kmeans_partial_fit_f32` with caller scratch instead of stack
/// (any model size): `workspace` holds `workspace_bytes` bytes of any
/// alignment, at least what `nanoclust_kmeans_partial_fit_workspace_size_f32`
/// reports. Same statuses.
#[no_mangle]
pub extern "C" fn nanoclust_kmeans_partial_fit_with_workspace_f32(
    x: *const f32,
    n: usize,
    d: usize,
    sample_weight: *const f32,
    centers: *mut f32,
    counts: *mut f64,
    k: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
) -> nanoclust_status {
    partial_fit(
        x,
        n,
        d,
        sample_weight,
        centers,
        counts,
        k,
        Some((workspace, workspace_bytes)),
    )
}

/// As `nanoclust_kmeans_partial_fit_with_workspace_f32`, with double data.
#[no_mangle]
pub extern "C" fn nanoclust_kmeans_partial_fit_with_workspace_f64(
    x: *const f64,
    n: usize,
    d: usize,
    sample_weight: *const f64,
    centers: *mut f64,
    counts: *mut f64,
    k: usize,
    workspace: *mut c_void,
    workspace_bytes: usize,
) -> nanoclust_status {
    partial_fit(
        x,
        n,
        d,
        sample_weight,
        centers,
        counts,
        k,
        Some((workspace, workspace_bytes)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_and_defaults_come_from_the_rust_side() {
        assert_eq!(
            (
                NANOCLUST_INIT_KMEANS_PLUS_PLUS,
                NANOCLUST_INIT_RANDOM,
                NANOCLUST_INIT_PROVIDED
            ),
            (0, 1, 2)
        );
        assert_eq!(
            (
                NANOCLUST_KMEANS_AUTO,
                NANOCLUST_KMEANS_LLOYD,
                NANOCLUST_KMEANS_HAMERLY,
                NANOCLUST_KMEANS_ELKAN
            ),
            (0, 1, 2, 3)
        );
        for (c, v) in [
            (NANOCLUST_INIT_KMEANS_PLUS_PLUS, Init::KMeansPlusPlus),
            (NANOCLUST_INIT_RANDOM, Init::Random),
            (NANOCLUST_INIT_PROVIDED, Init::Provided),
        ] {
            assert_eq!(Init::from_u32(c), Ok(v));
        }
        for (c, v) in [
            (NANOCLUST_KMEANS_AUTO, Algorithm::Auto),
            (NANOCLUST_KMEANS_LLOYD, Algorithm::Lloyd),
            (NANOCLUST_KMEANS_HAMERLY, Algorithm::Hamerly),
        ] {
            assert_eq!(Algorithm::from_u32(c), Ok(v));
        }
        let p = nanoclust_kmeans_params_default(5);
        assert_eq!(p.to_params().unwrap(), KMeansParams::new(5));
        assert_eq!((p.max_iter, p.tol, p.n_init, p.seed), (300, 1e-4, 1, 0));
        let mut e = p;
        e.algorithm = NANOCLUST_KMEANS_ELKAN;
        assert_eq!(e.to_params(), Err(Error::InvalidParameter("algorithm")));
    }
}
