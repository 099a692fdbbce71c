//! Model selection: choosing k for k-means and eps for DBSCAN from the curves
//! the tutorial reads (the inertia elbow, the silhouette, the k-distance knee).

pub mod eps;
pub mod knee;
pub mod sweep;

pub use eps::{suggest_eps, suggest_eps_workspace_size, EpsSuggestion};
pub use knee::knee_index;
pub use sweep::{kmeans_sweep, sweep_len, sweep_workspace_size, SweepChoice};
