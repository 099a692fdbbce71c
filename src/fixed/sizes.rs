//! Workspace sizes at compile time: `const fn` mirrors of the run-time size
//! queries, for capacities known when the firmware is built.
//!
//! Each function returns exactly what its run-time query
//! ([`kmeans::workspace_size`](crate::kmeans::workspace_size) and the others
//! named below) returns for the same sizes, in bytes, alignment slack
//! included; where the run-time size depends on a parameter chosen at run time
//! (the k-means init and algorithm, the DBSCAN index), the largest of the
//! choices. Arithmetic saturates: a capacity too large for the address space
//! gives `usize::MAX`, which no array can hold, so the model type fails to
//! compile. The run-time query stays the truth: every fit and predict asks it
//! again and fails with `WorkspaceTooSmall` (never writes out of bounds) if a
//! mirror ever fell behind; `tests/fixed.rs` compares both on many shapes.

use crate::dbscan::IndexKind;
use crate::gmm::CovarianceType;
use crate::scalar::Scalar;
use core::mem::{align_of, size_of};

/// [`Layout::array`](crate::workspace::Layout::array) in const: `count`
/// values of `T` plus `align - 1` bytes of slack, nothing for an empty array.
const fn array<T>(bytes: usize, count: usize) -> usize {
    if count == 0 {
        return bytes;
    }
    bytes
        .saturating_add(count.saturating_mul(size_of::<T>()))
        .saturating_add(align_of::<T>() - 1)
}

const fn max(a: usize, b: usize) -> usize {
    if a > b {
        a
    } else {
        b
    }
}

/// Rows of the k-means distance tile (`kmeans::lloyd::R`).
const KMEANS_TILE_ROWS: usize = 8;

/// `k` rounded up to whole center panels (8 centers for f32, 4 for f64).
const fn padded_k<S: Scalar>(k: usize) -> usize {
    let kb = if size_of::<S>() == 4 { 8 } else { 4 };
    k.div_ceil(kb).saturating_mul(kb)
}

/// Bytes of [`kmeans::workspace_size`](crate::kmeans::workspace_size)`::<S>(n,
/// d, params)` with `params.n_clusters = k` and k-means++ init (the largest
/// init; Hamerly needs the same, `Random` and `Provided` with Lloyd less).
pub const fn kmeans_fit_bytes<S: Scalar>(n: usize, d: usize, k: usize) -> usize {
    let kd = k.saturating_mul(d);
    let kp = padded_k::<S>(k);
    let mut b = 0;
    b = array::<S>(b, d); // mean
    b = array::<S>(b, kd); // centers
    b = array::<S>(b, kd); // best centers
    b = array::<S>(b, kp.saturating_mul(d)); // transposed panels
    b = array::<S>(b, kp); // norms
    b = array::<S>(b, kp); // one row's scores
    b = array::<S>(b, kd); // sums
    b = array::<S>(b, kd); // block sums
    let mut i = 0;
    while i < 5 {
        b = array::<S>(b, k); // weight sums, block weight sums, shift, delta, relocation distances
        i += 1;
    }
    b = array::<u32>(b, k); // relocation samples
    b = array::<u32>(b, k); // empty clusters
    b = array::<S>(b, KMEANS_TILE_ROWS.saturating_mul(d)); // tile
    b = array::<S>(b, d); // one centred row
    b = array::<u32>(b, n); // labels
    b = array::<S>(b, n); // init scratch / bounds
    array::<S>(b, n)
}

/// Bytes of [`kmeans::partial_fit_workspace_size`](crate::kmeans::partial_fit_workspace_size)`::<S>(d, k)`.
pub const fn kmeans_partial_fit_bytes<S: Scalar>(d: usize, k: usize) -> usize {
    array::<S>(array::<S>(0, k.saturating_mul(d)), k)
}

/// The workspace of a [`KMeans`](super::KMeans) model: the larger of
/// [`kmeans_fit_bytes`] (at `n` samples) and [`kmeans_partial_fit_bytes`].
/// Predict needs none.
pub const fn kmeans_bytes<S: Scalar>(n: usize, d: usize, k: usize) -> usize {
    max(
        kmeans_fit_bytes::<S>(n, d, k),
        kmeans_partial_fit_bytes::<S>(d, k),
    )
}

/// [`IndexKind::resolve`] in const.
const fn resolve(kind: IndexKind, n: usize, d: usize) -> IndexKind {
    match kind {
        IndexKind::Auto if n < 32 || d > 24 => IndexKind::Brute,
        IndexKind::Auto if d <= 3 => IndexKind::Grid,
        IndexKind::Auto => IndexKind::KdTree,
        other => other,
    }
}

/// Rows per kd-tree leaf (`dbscan::index::kdtree::LEAF`).
const KD_LEAF: usize = 16;

/// Nodes of the kd-tree over `n` rows (`2^(depth + 1) - 1`).
const fn kd_nodes(n: usize) -> usize {
    let mut dep = 0u32;
    while dep < 40 {
        match 1usize.checked_shl(dep) {
            Some(p) if n.div_ceil(p) > KD_LEAF => dep += 1,
            _ => break,
        }
    }
    match 1usize.checked_shl(dep + 1) {
        Some(v) => v - 1,
        None => usize::MAX,
    }
}

/// The neighbour index's arrays over `n` points of `d` features.
const fn index_bytes<S: Scalar>(b: usize, kind: IndexKind, n: usize, d: usize) -> usize {
    let b = array::<S>(array::<u32>(b, n), n.saturating_mul(d));
    match resolve(kind, n, d) {
        IndexKind::Grid => array::<u64>(b, n),
        IndexKind::KdTree => array::<S>(b, kd_nodes(n).saturating_mul(d).saturating_mul(2)),
        IndexKind::Brute | IndexKind::Auto => b,
    }
}

/// Stored positions per chunk of DBSCAN's component scan (`expansion::CHUNK`).
const DBSCAN_CHUNK: usize = 64;

/// Bytes of [`dbscan::workspace_size`](crate::dbscan::workspace_size)`::<S>(n, d, params)`
/// with `params.index = index`.
pub const fn dbscan_fit_bytes<S: Scalar>(n: usize, d: usize, index: IndexKind) -> usize {
    let b = array::<u32>(array::<u32>(array::<u8>(0, n), n), n.div_ceil(DBSCAN_CHUNK));
    index_bytes::<S>(b, index, n, d)
}

/// Bytes of [`dbscan::predict_workspace_size`](crate::dbscan::predict_workspace_size)`::<S>(n, d, m, params)`
/// with `params.index = index` (`n` training points; `m` does not matter).
pub const fn dbscan_predict_bytes<S: Scalar>(n: usize, d: usize, index: IndexKind) -> usize {
    array::<S>(index_bytes::<S>(0, index, n, d), d)
}

/// The workspace of a [`Dbscan`](super::Dbscan) model of capacity `n`: the
/// largest fit or predict workspace over every index.
pub const fn dbscan_bytes<S: Scalar>(n: usize, d: usize) -> usize {
    max(
        both::<S>(n, d, IndexKind::Brute),
        max(
            both::<S>(n, d, IndexKind::Grid),
            both::<S>(n, d, IndexKind::KdTree),
        ),
    )
}

/// The larger of the fit and predict workspaces with one index.
const fn both<S: Scalar>(n: usize, d: usize, kind: IndexKind) -> usize {
    max(
        dbscan_fit_bytes::<S>(n, d, kind),
        dbscan_predict_bytes::<S>(n, d, kind),
    )
}

/// Values of a covariances array ([`CovarianceType::len`]).
const fn cov_len(ct: CovarianceType, k: usize, d: usize) -> usize {
    match ct {
        CovarianceType::Full => k.saturating_mul(d).saturating_mul(d),
        CovarianceType::Tied => d.saturating_mul(d),
        CovarianceType::Diag => k.saturating_mul(d),
        CovarianceType::Spherical => k,
    }
}

/// Bytes of [`gmm::workspace_size`](crate::gmm::workspace_size)`::<S>(n, d, p)`
/// with `p.n_components = k`, `p.covariance_type = ct`, `p.runs() = runs` and
/// the k-means start iff `kmeans_init`.
pub const fn gmm_fit_bytes<S: Scalar>(
    n: usize,
    d: usize,
    k: usize,
    ct: CovarianceType,
    runs: u32,
    kmeans_init: bool,
) -> usize {
    let clen = cov_len(ct, k, d);
    let alen = match ct {
        CovarianceType::Spherical => cov_len(CovarianceType::Diag, k, d),
        other => cov_len(other, k, d),
    };
    let kd = k.saturating_mul(d);
    let mut b = array::<S>(0, n.saturating_mul(k)); // responsibilities
    b = array::<S>(b, k); // weights
    b = array::<S>(b, kd); // means
    b = array::<S>(b, clen); // covariances
    b = array::<S>(b, clen); // precision factors
    b = array::<S>(b, k); // log-dets
    b = array::<S>(b, k); // constants
    b = array::<S>(b, k); // M-step: weight sums
    b = array::<S>(b, kd); // M-step: mean sums
    b = array::<S>(b, alen); // M-step: covariance accumulators
    b = array::<S>(b, alen); // M-step: block accumulators
    b = array::<S>(b, d);
    b = array::<S>(b, d);
    b = array::<S>(b, d.saturating_mul(d)); // Cholesky scratch
    if runs > 1 {
        b = array::<S>(array::<S>(array::<S>(b, k), kd), clen); // the best model
    }
    if kmeans_init {
        let start = array::<S>(array::<i32>(0, n), kd); // k-means labels and centers
        b = b
            .saturating_add(start)
            .saturating_add(kmeans_fit_bytes::<S>(n, d, k));
    }
    b
}

/// Bytes of [`gmm::predict_workspace_size`](crate::gmm::predict_workspace_size)`::<S>(k, d, ct)`.
pub const fn gmm_predict_bytes<S: Scalar>(d: usize, k: usize, ct: CovarianceType) -> usize {
    let b = array::<S>(array::<S>(array::<S>(0, cov_len(ct, k, d)), k), k);
    array::<S>(array::<S>(array::<S>(b, d.saturating_mul(d)), d), k)
}

/// The workspace of a [`Gmm`](super::Gmm) model: the largest fit (full
/// covariances, several runs, the k-means start) or predict workspace.
pub const fn gmm_bytes<S: Scalar>(n: usize, d: usize, k: usize) -> usize {
    max(
        gmm_fit_bytes::<S>(n, d, k, CovarianceType::Full, 2, true),
        gmm_predict_bytes::<S>(d, k, CovarianceType::Full),
    )
}
