//! Agglomerative (hierarchical) clustering with scipy's semantics.
//!
//! References: scipy's `scipy.cluster.hierarchy.linkage` (the output and its
//! tie rules); Müllner (2011), "Modern hierarchical, agglomerative clustering
//! algorithms" (the nearest-neighbour chain, the generic algorithm and Prim's
//! MST, as in fastcluster).
//!
//! [`linkage`] builds the dendrogram of `n` observations and writes scipy's
//! `Z` (as [`Merge`] rows); [`linkage_condensed`] does the same from a
//! condensed distance matrix; [`cut_n_clusters`] and [`cut_distance`] turn a
//! dendrogram into flat labels and [`dendrogram_leaves`] into scipy's leaf order.
//!
//! | method | from observations | workspace |
//! |---|---|---|
//! | single | `mst.rs`: Prim over the observations, any metric | O(n) |
//! | ward | `nn_chain.rs` over centroids and sizes (`vector.rs`, projection-pruned searches) | O(n*d) |
//! | centroid, median | `generic.rs` over centroids (`vector.rs`) | O(n*d) |
//! | complete, average, weighted | `nn_chain.rs` over a condensed matrix in the workspace (`dissim.rs`) | n(n-1)/2 scalars + O(n) |
//!
//! From a condensed matrix, single linkage reads the caller's matrix in place
//! (O(n) workspace); every other method copies it into the workspace (the
//! caller's matrix is never modified) and updates it by Lance–Williams.
//!
//! Output (scipy's `Z`): `n - 1` rows; ids `< n` are samples, `n + s` is the
//! cluster made by row `s`; `left < right`; for the monotone methods the rows
//! are sorted by height (ties keep the order of discovery), centroid and
//! median keep merge order. Heights are reported as `f64` for both element
//! types. On data without ties the rows equal scipy's.
//!
//! Files (the family template; `fit.rs` holds the entry points [`linkage`]
//! and [`linkage_condensed`] with their workspace sizes): `params.rs`
//! ([`Method`]), the algorithms `mst.rs`, `nn_chain.rs` and `generic.rs`, the
//! dissimilarities they run on (`dissim.rs`: the condensed matrix and
//! Lance–Williams; `vector.rs`: centroids), `label.rs` (raw merges to scipy's
//! `Z`), and the tree consumers `cuts.rs` ([`cut_n_clusters`],
//! [`cut_distance`]) and `leaves.rs` ([`dendrogram_leaves`]), which share one
//! workspace ([`cut_tree_workspace_size`]).

pub(crate) mod cuts;
mod dissim;
mod fit;
mod generic;
mod label;
pub(crate) mod leaves;
mod merge;
mod mst;
mod nn_chain;
mod params;
mod vector;

pub use cuts::{cut_distance, cut_n_clusters, cut_tree_workspace_size};
pub use dissim::condensed_len;
pub use fit::{
    linkage, linkage_condensed, linkage_condensed_workspace_size, linkage_workspace_size,
};
pub use leaves::dendrogram_leaves;
pub use merge::Merge;
pub use params::Method;
