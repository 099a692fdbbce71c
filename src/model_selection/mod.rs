//! Model selection: choosing k for k-means and eps for DBSCAN from the curves
//! the tutorial reads (the inertia elbow, the silhouette, the k-distance knee).
//!
//! References: the elbow and silhouette criteria as scikit-learn's user guide
//! reads them; the k-distance plot of Ester et al. (1996); the knee by the
//! maximum distance to the chord (Kneedle, Satopää et al., 2011, unsmoothed).
//!
//! One file per function group: `sweep.rs` ([`kmeans_sweep`], [`sweep_len`],
//! [`sweep_workspace_size`]), `eps.rs` ([`suggest_eps`] over
//! [`crate::neighbors::core_distances()`], [`suggest_eps_workspace_size`]) and
//! `knee.rs` ([`knee_index`], shared by both).

mod eps;
mod knee;
mod sweep;

pub use eps::{suggest_eps, suggest_eps_workspace_size, EpsSuggestion};
pub use knee::knee_index;
pub use sweep::{kmeans_sweep, sweep_len, sweep_workspace_size, SweepChoice};
