//! DBSCAN with scikit-learn's exact labels in O(n) workspace: fit, predict and
//! core distances.
//!
//! - [`params`]: [`DbscanParams`] (defaults, validation) and [`IndexKind`].
//! - `space`: the search space and the one exact neighbour test.
//! - `index`: brute force, grid and kd-tree neighbour queries that stream
//!   neighbours to a callback and never materialise a neighbourhood.
//! - [`expansion`]: [`fit`] (core flags, components, scikit-learn numbering).
//! - [`predict`](mod@predict): [`predict()`], labels of new points.
//! - [`core_distances`](mod@core_distances): the k-distance of every sample.

pub mod expansion;
pub mod params;
pub mod predict;
mod weight_sum;

pub use crate::neighbors::{core_distances, core_distances_workspace_size, IndexKind};
pub use expansion::{fit, workspace_size, DbscanSummary};
pub use params::DbscanParams;
pub use predict::{predict, predict_workspace_size};
