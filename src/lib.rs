//! # nanoclust
//!
//! An embeddable clustering engine: a `no_std`, allocation-free, panic-free core
//! over caller-provided buffers, a C ABI (`include/nanoclust.h`, generated from
//! [`ffi`]) and, with the `std` feature, an owned convenience wrapper ([`owned`]).
//!
//! Every algorithm follows one shape: `fn(params, data view, workspace, outputs)`.
//! Its scratch need is a pure function of sizes and params (a `*_workspace_size`
//! query in checked arithmetic); the caller hands over that many bytes of any
//! alignment and [`workspace::Workspace`] carves typed slices out of them.
//! Results follow scikit-learn and scipy semantics.
//!
//! ## Module map
//! - [`error`]: the one [`Error`] type and the C status table.
//! - [`scalar`]: the sealed [`Scalar`] trait (f32, f64); the only place that calls `libm`/`micromath`.
//! - [`matrix`]: [`Matrix`], a validated row-major `n x d` view.
//! - [`workspace`]: workspace size queries ([`workspace::Layout`]) and carving ([`workspace::Workspace`]).
//! - [`rng`]: the seedable PRNG whose stream never changes.
//! - [`distance`]: [`Metric`] and the distance kernels.
//! - [`hierarchy`]: agglomerative clustering (scipy linkage, tree cuts, leaf order).
//! - [`metrics`]: inertia, silhouette, Calinski-Harabasz, Davies-Bouldin, ARI, NMI.
//! - [`preprocessing`]: the standard scaler.
//! - [`gmm`]: Gaussian mixtures (EM).
//! - [`kmeans`]: k-means (scikit-learn semantics): fit, predict, mini-batch steps.
//! - [`dbscan`]: DBSCAN fit, predict and core distances.
//! - [`model_selection`]: the k sweep (elbow and silhouette) and the DBSCAN eps suggestion.
//! - [`neighbors`]: neighbour search (brute force, grid, kd-tree) shared by DBSCAN and model selection.
//! - [`fixed`]: typed fixed-capacity models for Rust firmware (const-generic capacities, no byte arithmetic).
//! - [`partial`]: partial statistics (exactly mergeable blobs) for threads, clusters and time slices.
//! - `sort` (internal): a panic-free in-place heapsort.
//! - `simd` (internal): run-time CPU feature dispatch for the hot kernels; with
//!   [`ffi`], the only module with `unsafe` code.
//! - [`ffi`]: the C ABI (it depends on the core; the core never imports it).
//! - [`owned`] (feature `std`): Vec-returning wrappers.
#![no_std]
#![deny(unsafe_code)]
#![deny(missing_docs)]
#![deny(clippy::undocumented_unsafe_blocks)]

// Hosted targets link std even without the `std` feature, so that the cdylib
// and staticlib crate types get std's panic handler there; the core itself
// only uses `core`. Bare-metal targets (`target_os = "none"`) get the handler
// from the `panic-handler` feature.
#[cfg(any(feature = "std", not(target_os = "none")))]
extern crate std;

pub mod dbscan;
pub mod distance;
pub mod error;
pub mod ffi;
pub mod fixed;
pub mod gmm;
pub mod hierarchy;
pub mod kmeans;
pub mod matrix;
pub mod metrics;
pub mod model_selection;
pub mod neighbors;
pub mod partial;
pub mod preprocessing;
pub mod rng;
pub mod scalar;
pub(crate) mod simd;
pub(crate) mod sort;
pub mod workspace;

#[cfg(feature = "std")]
pub mod owned;

pub use distance::Metric;
pub use error::{Error, Result};
pub use matrix::Matrix;
pub use scalar::Scalar;

/// The library version, `(major << 16) | (minor << 8) | patch`, from Cargo.toml.
pub const VERSION: u32 = (parse_u32(env!("CARGO_PKG_VERSION_MAJOR")) << 16)
    | (parse_u32(env!("CARGO_PKG_VERSION_MINOR")) << 8)
    | parse_u32(env!("CARGO_PKG_VERSION_PATCH"));

/// Parses a decimal version component at compile time (digits only; anything
/// else stops the parse).
const fn parse_u32(s: &str) -> u32 {
    let b = s.as_bytes();
    let mut i = 0;
    let mut v: u32 = 0;
    while i < b.len() {
        let c = b[i];
        if c < b'0' || c > b'9' {
            break;
        }
        v = v.wrapping_mul(10).wrapping_add((c - b'0') as u32);
        i += 1;
    }
    v
}

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
