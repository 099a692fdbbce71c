//! DBSCAN with scikit-learn's exact labels in O(n) workspace: fit, predict and
//! core distances.
//!
//! Reference: Ester, Kriegel, Sander and Xu (1996), "A density-based algorithm
//! for discovering clusters in large spatial databases with noise", and
//! scikit-learn's `DBSCAN` (`_dbscan_inner.pyx`), whose labels this module
//! reproduces exactly.
//!
//! scikit-learn visits samples in index order; each unlabelled core sample
//! seeds a new cluster, which a depth-first search expands through core
//! samples, labelling every still-unlabelled neighbour of each core sample it
//! reaches. Hence:
//! - a cluster is a connected component of the "core neighbours core" graph,
//!   and clusters are numbered in the order of their lowest core index;
//! - every core neighbour of a core sample is in its component, so a core
//!   sample's label is its component's;
//! - a border sample (not core, with a core neighbour) is labelled by the first
//!   cluster whose search reaches it. Clusters are searched one after the
//!   other, each to completion, and each reaches *all* unlabelled neighbours of
//!   its cores, so that is the lowest-numbered cluster among its core
//!   neighbours', whatever order the neighbours come in.
//!
//! [`fit`] (`fit.rs`) computes exactly that without storing any neighbourhood,
//! over a neighbour index of [`crate::neighbors`]:
//! 1. `core_flags.rs`: core flags, one streamed neighbour count (or weight
//!    sum, decided exactly by `weight_sum.rs`) per sample, stopping at
//!    `min_samples` when weights cannot decrease the sum;
//! 2. `components.rs`: union-find over core-core neighbour pairs, always
//!    linking the larger root under the smaller, so each root is its
//!    component's lowest index;
//! 3. `labels.rs`: cluster numbers in order of the roots (ascending index scan);
//! 4. `labels.rs`: each border sample takes the smallest cluster number among
//!    its core neighbours; samples without one are noise (-1).
//!
//! [`predict()`] (`predict.rs`) labels new points; parameters and their
//! defaults are in `params.rs` ([`DbscanParams`]). [`core_distances()`] and
//! [`IndexKind`] live in [`crate::neighbors`] and are re-exported here.

mod components;
mod core_flags;
mod fit;
mod labels;
mod params;
mod predict;
mod weight_sum;

pub use crate::neighbors::{core_distances, core_distances_workspace_size, IndexKind};
pub use fit::{fit, workspace_size, DbscanSummary};
pub use params::{DbscanParams, DEFAULT_EPS, DEFAULT_MIN_SAMPLES};
pub use predict::{predict, predict_workspace_size};
