//! The k-means C ABI: `nanoclust_kmeans_*` (see `kmeans` for the semantics).

use crate::error::{Error, Result};
use crate::ffi::raw;
use crate::ffi::status::nanoclust_status;
use crate::kmeans::{self, Algorithm, Init, KMeansParams};
use crate::matrix::Matrix;
use crate::scalar::Scalar;
use core::ffi::c_void;

// ---- Constants -------------------------------------------------------------

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

// ---- Parameter and result structs ------------------------------------------

/// k-means parameters, shared by the `_f32` and `_f64` functions. Start from
/// `nanoclust_kmeans_params_default`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct nanoclust_kmeans_params {
    /// Number of clusters k, 1 <= k <= n and k <= 16777216 (2^24).
    pub n_clusters: u32,
    /// Initialisation: one of NANOCLUST_INIT_*. Default k-means++.
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
    /// Iteration algorithm: one of NANOCLUST_KMEANS_*. Default AUTO.
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

// ---- Size queries ----------------------------------------------------------

/// # Safety
/// The contract of `nanoclust_kmeans_workspace_size_f32`.
unsafe fn workspace_size<S: Scalar>(
    n: usize,
    d: usize,
    params: *const nanoclust_kmeans_params,
    bytes_out: *mut usize,
) -> Result<()> {
    // SAFETY: the pointers come unchanged from the export, whose contract
    // makes each valid for one element.
    let (p, out) = unsafe {
        (
            raw::read(params, "params")?,
            raw::out(bytes_out, "bytes_out")?,
        )
    };
    *out = kmeans::workspace_size::<S>(n, d, &p.to_params()?)?.bytes();
    Ok(())
}

/// # Safety
/// The contract of `nanoclust_kmeans_partial_fit_workspace_size_f32`.
unsafe fn partial_fit_workspace_size<S: Scalar>(
    d: usize,
    k: usize,
    bytes_out: *mut usize,
) -> Result<()> {
    // SAFETY: `bytes_out` comes unchanged from the export, whose contract
    // makes it valid for one element.
    let out = unsafe { raw::out(bytes_out, "bytes_out") }?;
    *out = kmeans::partial_fit_workspace_size::<S>(d, k)?.bytes();
    Ok(())
}

// ---- Entry points ----------------------------------------------------------

/// # Safety
/// The contract of `nanoclust_kmeans_fit_f32`.
#[allow(clippy::too_many_arguments)]
unsafe fn fit<S: Scalar>(
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
) -> Result<()> {
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    let (p, x, w, centers, labels, result, ws) = unsafe {
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
        (p, x, w, centers, labels, result, ws)
    };
    let r = kmeans::fit(&p, x, w, ws, centers, labels)?;
    if let Some(out) = result {
        *out = nanoclust_kmeans_result {
            inertia: r.inertia,
            n_iter: r.n_iter,
            converged: u32::from(r.converged),
        };
    }
    Ok(())
}

/// # Safety
/// The contract of `nanoclust_kmeans_predict_f32`.
unsafe fn predict<S: Scalar>(
    centers: *const S,
    k: usize,
    d: usize,
    x: *const S,
    n: usize,
    labels: *mut i32,
    sq_distances: *mut S,
) -> Result<()> {
    if k == 0 {
        return Err(Error::InvalidParameter("k"));
    }
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    let (centers, x, labels, sq) = unsafe {
        let kd = k.checked_mul(d).ok_or(Error::InvalidShape("centers"))?;
        let centers = Matrix::named(raw::slice(centers, kd, "centers")?, k, d, "centers")?;
        let x = raw::matrix(x, n, d, "x")?;
        let labels = raw::slice_mut(labels, n, "labels")?;
        let sq = raw::opt_slice_mut(sq_distances, n, "sq_distances")?;
        (centers, x, labels, sq)
    };
    kmeans::predict(centers, x, labels, sq)
}

/// # Safety
/// The contract of `nanoclust_kmeans_partial_fit_with_workspace_f32` (or,
/// with `workspace == None`, of `nanoclust_kmeans_partial_fit_f32`).
#[allow(clippy::too_many_arguments)]
unsafe fn partial_fit<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    sample_weight: *const S,
    centers: *mut S,
    counts: *mut f64,
    k: usize,
    workspace: Option<(*mut c_void, usize)>,
) -> Result<()> {
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    let (x, w, centers, counts) = unsafe {
        let x = raw::matrix(x, n, d, "x")?;
        let w = raw::opt_slice(sample_weight, n, "sample_weight")?;
        if k == 0 {
            return Err(Error::InvalidParameter("k"));
        }
        let kd = k.checked_mul(d).ok_or(Error::InvalidShape("centers"))?;
        let centers = raw::slice_mut(centers, kd, "centers")?;
        let counts = raw::slice_mut(counts, k, "counts")?;
        (x, w, centers, counts)
    };
    match workspace {
        None => kmeans::minibatch::partial_fit_stack(x, w, centers, counts),
        Some((ptr, bytes)) => {
            // SAFETY: as above, for the workspace pointer and its byte count.
            let ws = unsafe { raw::workspace(ptr, bytes) }?;
            kmeans::partial_fit(x, w, centers, counts, ws)
        }
    }
}

// ---- Exports, in header order ---------------------------------------------

/// The default parameters for `n_clusters` clusters: k-means++, n_init 1,
/// max_iter 300, tol 1e-4, seed 0, NANOCLUST_KMEANS_AUTO.
///
/// @param n_clusters The number of clusters k (validated by the functions
/// that use the parameters, not here).
/// @return The parameters; never fails.
/// @par Work
/// O(1).
///
/// # Safety
/// None: no pointer is involved and every argument value is valid. (Every
/// export is `unsafe` so that the Rust surface has one shape.)
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_params_default(
    n_clusters: u32,
) -> nanoclust_kmeans_params {
    KMeansParams::new(n_clusters as usize).into()
}

/// The exact workspace size in bytes (alignment slack included) of
/// `nanoclust_kmeans_fit_f32` for these sizes and parameters: O(n + k*d).
///
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param params The parameters of the fit (read only); k = params->n_clusters.
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `params` or `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a parameter is out of range (k = 0, k > n, max_iter = 0, n_init = 0 with a drawn start, tol negative or NaN), an enum value is unknown, or the algorithm is ELKAN.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `params` must be NULL or point to an initialised `nanoclust_kmeans_params`;
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_workspace_size_f32(
    n: usize,
    d: usize,
    params: *const nanoclust_kmeans_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `workspace_size`'s.
    raw::status(|| unsafe { workspace_size::<f32>(n, d, params, bytes_out) })
}

/// The exact workspace size in bytes (alignment slack included) of
/// `nanoclust_kmeans_fit_f64` for these sizes and parameters: O(n + k*d).
///
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param params The parameters of the fit (read only); k = params->n_clusters.
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `params` or `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a parameter is out of range (k = 0, k > n, max_iter = 0, n_init = 0 with a drawn start, tol negative or NaN), an enum value is unknown, or the algorithm is ELKAN.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `params` must be NULL or point to an initialised `nanoclust_kmeans_params`;
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_workspace_size_f64(
    n: usize,
    d: usize,
    params: *const nanoclust_kmeans_params,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `workspace_size`'s.
    raw::status(|| unsafe { workspace_size::<f64>(n, d, params, bytes_out) })
}

/// Fits k-means to `n` samples of `d` features (scikit-learn `KMeans`
/// semantics).
///
/// Lloyd's algorithm (or Hamerly's bounds, with the same result) from a
/// k-means++ (Arthur and Vassilvitskii 2007, greedy variant), random or
/// provided start; `n_init` runs, the lowest inertia wins.
///
/// @param x The samples: `n*d` floats, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param sample_weight `n` finite weights >= 0, not all zero; may be NULL (all ones).
/// @param params The parameters (read only); k = params->n_clusters <= n.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_kmeans_workspace_size_f32` reports; may be NULL if that is 0. Contents on return are unspecified.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param centers `k*d` floats, caller-owned: in, the initial centers iff params->init is NANOCLUST_INIT_PROVIDED (else not read); out, the final centers.
/// @param labels `n` outputs, the cluster index 0..k-1 of every sample; may be NULL.
/// @param result Receives inertia, iterations and convergence of the winning run; may be NULL.
/// @return A status; on any status other than NANOCLUST_OK no output is written.
/// @retval NANOCLUST_OK when the fit succeeded; every output is finite.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `params` or `centers` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX, or n*d or k*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a parameter is out of range (see the workspace query), k > n, a weight is negative, all weights are zero, or fewer than k weights are positive for NANOCLUST_INIT_RANDOM.
/// @retval NANOCLUST_ERR_NON_FINITE when `x`, `sample_weight` or provided centers hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when d * (2 * max |x - mean|)^2 or a weighted sum would overflow float.
/// @par Work
/// O(n_init * (max_iter + 3 + ln k) * n * k * d): the k-means++ draws, the Lloyd
/// iterations and the final relabelling pass (Hamerly adds n_init * max_iter * k^2 * d).
/// max_iter and n_init up to 2^32 - 1 with tol = 0 really run that long: bound them
/// for a time budget.
/// @par Contract
/// On OK every label is the nearest returned center (ties to the lowest
/// index), and `inertia` is that of the returned centers and labels.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for outputs) during the call. Outputs
/// (`centers`, `labels`, `result`, `workspace`) must not overlap each other or
/// the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_fit_f32(
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
            centers,
            labels,
            result,
        )
    })
}

/// Fits k-means to `n` samples of `d` features (scikit-learn `KMeans`
/// semantics).
///
/// Lloyd's algorithm (or Hamerly's bounds, with the same result) from a
/// k-means++ (Arthur and Vassilvitskii 2007, greedy variant), random or
/// provided start; `n_init` runs, the lowest inertia wins.
///
/// @param x The samples: `n*d` doubles, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param sample_weight `n` finite weights >= 0, not all zero; may be NULL (all ones).
/// @param params The parameters (read only); k = params->n_clusters <= n.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_kmeans_workspace_size_f64` reports; may be NULL if that is 0. Contents on return are unspecified.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @param centers `k*d` doubles, caller-owned: in, the initial centers iff params->init is NANOCLUST_INIT_PROVIDED (else not read); out, the final centers.
/// @param labels `n` outputs, the cluster index 0..k-1 of every sample; may be NULL.
/// @param result Receives inertia, iterations and convergence of the winning run; may be NULL.
/// @return A status; on any status other than NANOCLUST_OK no output is written.
/// @retval NANOCLUST_OK when the fit succeeded; every output is finite.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `params` or `centers` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX, or n*d or k*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a parameter is out of range (see the workspace query), k > n, a weight is negative, all weights are zero, or fewer than k weights are positive for NANOCLUST_INIT_RANDOM.
/// @retval NANOCLUST_ERR_NON_FINITE when `x`, `sample_weight` or provided centers hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when d * (2 * max |x - mean|)^2 or a weighted sum would overflow double.
/// @par Work
/// O(n_init * (max_iter + 3 + ln k) * n * k * d): the k-means++ draws, the Lloyd
/// iterations and the final relabelling pass (Hamerly adds n_init * max_iter * k^2 * d).
/// max_iter and n_init up to 2^32 - 1 with tol = 0 really run that long: bound them
/// for a time budget.
/// @par Contract
/// On OK every label is the nearest returned center (ties to the lowest
/// index), and `inertia` is that of the returned centers and labels.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for outputs) during the call. Outputs
/// (`centers`, `labels`, `result`, `workspace`) must not overlap each other or
/// the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_fit_f64(
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
            centers,
            labels,
            result,
        )
    })
}

/// Labels every sample with its nearest center (scikit-learn `KMeans.predict`).
///
/// Brute force over the centers with a blocked distance-plus-argmin kernel.
/// No workspace.
///
/// @param centers The model: `k*d` floats, row-major, finite; read only.
/// @param k Number of centers, >= 1.
/// @param d Number of features, >= 1.
/// @param x The samples: `n*d` floats, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param labels `n` outputs in 0..k-1.
/// @param sq_distances `n` outputs, the squared Euclidean distance to the chosen center; may be NULL.
/// @return A status; on any status other than NANOCLUST_OK no output is written.
/// @retval NANOCLUST_OK when every sample is labelled.
/// @retval NANOCLUST_ERR_NULL_POINTER when `centers`, `x` or `labels` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX, or n*d or k*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when k is 0.
/// @retval NANOCLUST_ERR_NON_FINITE when `x` or `centers` hold NaN or Inf.
/// @retval NANOCLUST_ERR_NUMERICAL when d * (2 * max |value|)^2 overflows float.
/// @par Work
/// O(n * k * d).
/// @par Contract
/// On OK every label is the nearest center, ties to the lowest index.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for outputs) during the call; the
/// outputs must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_predict_f32(
    centers: *const f32,
    k: usize,
    d: usize,
    x: *const f32,
    n: usize,
    labels: *mut i32,
    sq_distances: *mut f32,
) -> nanoclust_status {
    // SAFETY: this function's contract is `predict`'s.
    raw::status(|| unsafe { predict::<f32>(centers, k, d, x, n, labels, sq_distances) })
}

/// Labels every sample with its nearest center (scikit-learn `KMeans.predict`).
///
/// Brute force over the centers with a blocked distance-plus-argmin kernel.
/// No workspace.
///
/// @param centers The model: `k*d` doubles, row-major, finite; read only.
/// @param k Number of centers, >= 1.
/// @param d Number of features, >= 1.
/// @param x The samples: `n*d` doubles, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param labels `n` outputs in 0..k-1.
/// @param sq_distances `n` outputs, the squared Euclidean distance to the chosen center; may be NULL.
/// @return A status; on any status other than NANOCLUST_OK no output is written.
/// @retval NANOCLUST_OK when every sample is labelled.
/// @retval NANOCLUST_ERR_NULL_POINTER when `centers`, `x` or `labels` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX, or n*d or k*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when k is 0.
/// @retval NANOCLUST_ERR_NON_FINITE when `x` or `centers` hold NaN or Inf.
/// @retval NANOCLUST_ERR_NUMERICAL when d * (2 * max |value|)^2 overflows double.
/// @par Work
/// O(n * k * d).
/// @par Contract
/// On OK every label is the nearest center, ties to the lowest index.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for outputs) during the call; the
/// outputs must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_predict_f64(
    centers: *const f64,
    k: usize,
    d: usize,
    x: *const f64,
    n: usize,
    labels: *mut i32,
    sq_distances: *mut f64,
) -> nanoclust_status {
    // SAFETY: this function's contract is `predict`'s.
    raw::status(|| unsafe { predict::<f64>(centers, k, d, x, n, labels, sq_distances) })
}

/// One mini-batch step on a caller-held model (scikit-learn
/// `MiniBatchKMeans.partial_fit` with reassignment_ratio = 0).
///
/// Every row of the batch is assigned to its nearest old center; each center
/// that received weight W with weighted sum S becomes
/// (center * count + S) / (count + W) and its count grows by W. Scratch is a
/// 1536-byte buffer on the stack (the whole call stays under 2 KiB of stack
/// on a Cortex-M4F): enough while
/// `nanoclust_kmeans_partial_fit_workspace_size_f32(d, k)` reports at most
/// 1536, i.e. k*(d+1) <= 382 (float) or <= 190 (double); larger models use
/// `nanoclust_kmeans_partial_fit_with_workspace_f32`.
///
/// @param x The batch: `n*d` floats, row-major, finite; read only.
/// @param n Number of samples in the batch, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param sample_weight `n` finite weights >= 0; may be NULL (all ones).
/// @param centers In/out: the `k*d` float centers, finite.
/// @param counts In/out: `k` doubles, the accumulated weight per center, finite and >= 0 (start from zeros after choosing initial centers).
/// @param k Number of centers, >= 1.
/// @return A status; on any status other than NANOCLUST_OK `centers` and `counts` are unchanged.
/// @retval NANOCLUST_OK when the model was updated.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `centers` or `counts` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX, or n*d or k*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when k is 0, or a weight or count is negative.
/// @retval NANOCLUST_ERR_NON_FINITE when `x`, `sample_weight`, `centers` or `counts` hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when the model needs more than the 1536 stack bytes.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the scratch size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when an update would overflow.
/// @par Work
/// O(n * k * d).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, reads and writes for `centers` and `counts`)
/// during the call; `centers` and `counts` must not overlap each other or
/// the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_partial_fit_f32(
    x: *const f32,
    n: usize,
    d: usize,
    sample_weight: *const f32,
    centers: *mut f32,
    counts: *mut f64,
    k: usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `partial_fit`'s without a workspace.
    raw::status(|| unsafe { partial_fit::<f32>(x, n, d, sample_weight, centers, counts, k, None) })
}

/// One mini-batch step on a caller-held model (scikit-learn
/// `MiniBatchKMeans.partial_fit` with reassignment_ratio = 0).
///
/// Every row of the batch is assigned to its nearest old center; each center
/// that received weight W with weighted sum S becomes
/// (center * count + S) / (count + W) and its count grows by W. Scratch is a
/// 1536-byte buffer on the stack (the whole call stays under 2 KiB of stack
/// on a Cortex-M4F): enough while
/// `nanoclust_kmeans_partial_fit_workspace_size_f64(d, k)` reports at most
/// 1536, i.e. k*(d+1) <= 382 (double) or <= 190 (double); larger models use
/// `nanoclust_kmeans_partial_fit_with_workspace_f64`.
///
/// @param x The batch: `n*d` doubles, row-major, finite; read only.
/// @param n Number of samples in the batch, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param sample_weight `n` finite weights >= 0; may be NULL (all ones).
/// @param centers In/out: the `k*d` double centers, finite.
/// @param counts In/out: `k` doubles, the accumulated weight per center, finite and >= 0 (start from zeros after choosing initial centers).
/// @param k Number of centers, >= 1.
/// @return A status; on any status other than NANOCLUST_OK `centers` and `counts` are unchanged.
/// @retval NANOCLUST_OK when the model was updated.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `centers` or `counts` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX, or n*d or k*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when k is 0, or a weight or count is negative.
/// @retval NANOCLUST_ERR_NON_FINITE when `x`, `sample_weight`, `centers` or `counts` hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when the model needs more than the 1536 stack bytes.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the scratch size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when an update would overflow.
/// @par Work
/// O(n * k * d).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, reads and writes for `centers` and `counts`)
/// during the call; `centers` and `counts` must not overlap each other or
/// the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_partial_fit_f64(
    x: *const f64,
    n: usize,
    d: usize,
    sample_weight: *const f64,
    centers: *mut f64,
    counts: *mut f64,
    k: usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `partial_fit`'s without a workspace.
    raw::status(|| unsafe { partial_fit::<f64>(x, n, d, sample_weight, centers, counts, k, None) })
}

/// The exact workspace size in bytes of
/// `nanoclust_kmeans_partial_fit_with_workspace_f32` for `k` centers of `d`
/// features: O(k*d).
///
/// @param d Number of features, >= 1.
/// @param k Number of centers, >= 1.
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when d is 0.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when k is 0.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_partial_fit_workspace_size_f32(
    d: usize,
    k: usize,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `partial_fit_workspace_size`'s.
    raw::status(|| unsafe { partial_fit_workspace_size::<f32>(d, k, bytes_out) })
}

/// The exact workspace size in bytes of
/// `nanoclust_kmeans_partial_fit_with_workspace_f64` for `k` centers of `d`
/// features: O(k*d).
///
/// @param d Number of features, >= 1.
/// @param k Number of centers, >= 1.
/// @param bytes_out Receives the byte count.
/// @return A status; on any status other than NANOCLUST_OK nothing is written.
/// @retval NANOCLUST_OK when `*bytes_out` holds the size.
/// @retval NANOCLUST_ERR_NULL_POINTER when `bytes_out` is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when d is 0.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when k is 0.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the size does not fit size_t.
/// @par Work
/// O(1).
///
/// # Safety
/// `bytes_out` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_partial_fit_workspace_size_f64(
    d: usize,
    k: usize,
    bytes_out: *mut usize,
) -> nanoclust_status {
    // SAFETY: this function's contract is `partial_fit_workspace_size`'s.
    raw::status(|| unsafe { partial_fit_workspace_size::<f64>(d, k, bytes_out) })
}

/// One mini-batch step with caller scratch instead of stack (any model size).
///
/// As `nanoclust_kmeans_partial_fit_f32` (scikit-learn
/// `MiniBatchKMeans.partial_fit` with reassignment_ratio = 0).
///
/// @param x The batch: `n*d` floats, row-major, finite; read only.
/// @param n Number of samples in the batch, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param sample_weight `n` finite weights >= 0; may be NULL (all ones).
/// @param centers In/out: the `k*d` float centers, finite.
/// @param counts In/out: `k` doubles, the accumulated weight per center, finite and >= 0.
/// @param k Number of centers, >= 1.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_kmeans_partial_fit_workspace_size_f32` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @return A status; on any status other than NANOCLUST_OK `centers` and `counts` are unchanged.
/// @retval NANOCLUST_OK when the model was updated.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `centers` or `counts` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX, or n*d or k*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when k is 0, or a weight or count is negative.
/// @retval NANOCLUST_ERR_NON_FINITE when `x`, `sample_weight`, `centers` or `counts` hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when an update would overflow.
/// @par Work
/// O(n * k * d).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, reads and writes for `centers` and `counts`,
/// writes for `workspace`) during the call; `centers`, `counts` and
/// `workspace` must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_partial_fit_with_workspace_f32(
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
    // SAFETY: this function's contract is `partial_fit`'s with a workspace.
    raw::status(|| unsafe {
        partial_fit::<f32>(
            x,
            n,
            d,
            sample_weight,
            centers,
            counts,
            k,
            Some((workspace, workspace_bytes)),
        )
    })
}

/// One mini-batch step with caller scratch instead of stack (any model size).
///
/// As `nanoclust_kmeans_partial_fit_f64` (scikit-learn
/// `MiniBatchKMeans.partial_fit` with reassignment_ratio = 0).
///
/// @param x The batch: `n*d` doubles, row-major, finite; read only.
/// @param n Number of samples in the batch, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param sample_weight `n` finite weights >= 0; may be NULL (all ones).
/// @param centers In/out: the `k*d` double centers, finite.
/// @param counts In/out: `k` doubles, the accumulated weight per center, finite and >= 0.
/// @param k Number of centers, >= 1.
/// @param workspace Scratch of `workspace_bytes` bytes, any alignment, at least what `nanoclust_kmeans_partial_fit_workspace_size_f64` reports; may be NULL if that is 0.
/// @param workspace_bytes Size of `workspace` in bytes.
/// @return A status; on any status other than NANOCLUST_OK `centers` and `counts` are unchanged.
/// @retval NANOCLUST_OK when the model was updated.
/// @retval NANOCLUST_ERR_NULL_POINTER when `x`, `centers` or `counts` is NULL, `workspace` is NULL with `workspace_bytes` > 0, or a pointer is misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX, or n*d or k*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when k is 0, or a weight or count is negative.
/// @retval NANOCLUST_ERR_NON_FINITE when `x`, `sample_weight`, `centers` or `counts` hold NaN or Inf.
/// @retval NANOCLUST_ERR_WORKSPACE_TOO_SMALL when `workspace_bytes` is less than the query reports.
/// @retval NANOCLUST_ERR_SIZE_OVERFLOW when the workspace size does not fit size_t.
/// @retval NANOCLUST_ERR_NUMERICAL when an update would overflow.
/// @par Work
/// O(n * k * d).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, reads and writes for `centers` and `counts`,
/// writes for `workspace`) during the call; `centers`, `counts` and
/// `workspace` must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_kmeans_partial_fit_with_workspace_f64(
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
    // SAFETY: this function's contract is `partial_fit`'s with a workspace.
    raw::status(|| unsafe {
        partial_fit::<f64>(
            x,
            n,
            d,
            sample_weight,
            centers,
            counts,
            k,
            Some((workspace, workspace_bytes)),
        )
    })
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
        // SAFETY: no pointer is involved.
        let p = unsafe { nanoclust_kmeans_params_default(5) };
        assert_eq!(p.to_params().unwrap(), KMeansParams::new(5));
        assert_eq!((p.max_iter, p.tol, p.n_init, p.seed), (300, 1e-4, 1, 0));
        let mut e = p;
        e.algorithm = NANOCLUST_KMEANS_ELKAN;
        assert_eq!(e.to_params(), Err(Error::InvalidParameter("algorithm")));
    }
}
