//! Clustering metrics (scikit-learn semantics; every output is an `f64`).
//!
//! Reference: scikit-learn's `sklearn.metrics` (the same definitions, label
//! conventions and edge cases).
//!
//! One file per function group (each function with its workspace size):
//! - `inertia.rs`: [`inertia()`], the k-means objective for given centers and labels.
//! - `silhouette.rs`: [`silhouette_samples`] and [`silhouette_score`] in
//!   `O(n + k)` workspace ([`silhouette_workspace_size`]).
//! - `cluster_stats.rs`: [`calinski_harabasz`] and [`davies_bouldin`]
//!   (centroid based; [`cluster_stats_workspace_size`]).
//! - `contingency.rs`: [`adjusted_rand_index`] and [`normalized_mutual_info`] of
//!   two labelings with arbitrary `i32` values, through a sorted contingency
//!   table ([`contingency_workspace_size`]).
//! - `labels.rs`: the label checks and cluster counting they share.
//!
//! The internal metrics take `n_clusters`: every label must be `< n_clusters`,
//! and samples with a negative label (noise) are left out, so the result equals
//! scikit-learn's on the samples with a non-negative label. Empty clusters
//! (ids in `0..n_clusters` that no sample carries) do not count, as scikit-learn
//! only sees the labels present. Sums accumulate in f64 for both element types.

pub(crate) mod cluster_stats;
pub(crate) mod contingency;
mod inertia;
mod labels;
pub(crate) mod silhouette;

pub use cluster_stats::{
    calinski_harabasz, davies_bouldin, workspace_size as cluster_stats_workspace_size,
};
pub use contingency::{
    adjusted_rand_index, normalized_mutual_info, workspace_size as contingency_workspace_size,
};
pub use inertia::inertia;
pub use labels::MAX_CLUSTERS;
pub use silhouette::{
    silhouette_samples, silhouette_score, workspace_size as silhouette_workspace_size,
};
