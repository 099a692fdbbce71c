//! k-means with scikit-learn semantics (`KMeans`, `MiniBatchKMeans.partial_fit`),
//! allocation-free.
//!
//! - [`fit()`]: k-means++ / random / provided init, `n_init` restarts (lowest
//!   inertia wins), Lloyd or Hamerly iterations until the labels stop changing
//!   or the summed squared center shift is at most `tol * mean(var(x))`, or
//!   `max_iter`; then, unless the labels had stopped changing, a final
//!   assignment so that labels match the centers. Empty clusters are
//!   relocated to the samples farthest from their centers, unless every
//!   sample sits exactly on its center (more clusters than distinct samples),
//!   and clusters still empty take the place of the biggest cluster, as in
//!   scikit-learn 1.7.2 (see `update.rs`). Like scikit-learn, the iterations
//!   run on mean-centred data and score with `||c||^2 - 2 x.c`.
//!
//!   Contract on success: every label is the nearest *returned* center (ties:
//!   the lowest index), bit for bit what [`predict()`] gives for those
//!   centers, and the inertia is that of the returned centers and labels.
//!   This takes one final relabelling pass of the winning run with
//!   [`predict()`]'s kernel (direct differences on the returned centers),
//!   which scikit-learn does not make: its labels can differ from nanoclust's
//!   only where scikit-learn's are not the nearest centers (an empty-cluster
//!   relocation in the last iteration of a run that stopped because its
//!   labels stopped changing) and on ties in exact arithmetic that its
//!   `||c||^2 - 2 x.c` scores and the direct differences round differently.
//! - [`predict()`]: nearest center (direct differences), optional squared distances.
//! - [`partial_fit`]: one mini-batch step (`reassignment_ratio = 0`).
//! - [`partial`]: one Lloyd pass split into row ranges with exactly mergeable statistics.
//!
//! Deliberate differences from scikit-learn: the random stream is nanoclust's
//! own (same distributions, other draws); the best of `n_init` runs is the one
//! with strictly lowest inertia (scikit-learn also skips a run whose labels are
//! a permutation of the best's); when several clusters are empty at once, the
//! farthest samples are assigned in order of decreasing distance, ties to the
//! lower index (numpy's `argpartition` determines only the set of the
//! `n_empty` farthest samples, when the `n_empty`-th is not tied, and that
//! the last empty cluster gets the `n_empty`-th farthest: nanoclust agrees
//! there, and picks its own order elsewhere); center sums are accumulated in
//! blocks of 256 samples. Elkan is not built. With f32 data the random draws
//! (k-means++ targets, weighted picks) and the tolerance are computed in single
//! precision (no software double arithmetic on single-precision FPUs); f64 is
//! unchanged. On bare-metal targets the Lloyd assignment runs one row at a
//! time (bit-identical to the tiled kernel, a fraction of its flash).

//!
//! Files (the family template, see `docs/architecture.md`): `params.rs`
//! (validated parameters and enums), `fit.rs` (the driver, [`workspace_size`]
//! and the scratch declaration), `predict.rs`, `minibatch.rs` ([`partial_fit`]),
//! and the internal steps `init.rs` (k-means++, random), `draw.rs` (random
//! draws in the element type), `lloyd.rs` (the blocked assignment kernel),
//! `hamerly.rs` (bounds), `update.rs` (new centers, empty clusters, shifts).

mod draw;
mod fit;
mod hamerly;
mod init;
mod lloyd;
pub(crate) mod minibatch;
mod params;
pub mod partial;
mod predict;
mod update;

pub use fit::{fit, workspace_size, FitResult, MAX_CLUSTERS};
pub use minibatch::{partial_fit, partial_fit_stack, partial_fit_workspace_size, STACK_SCRATCH};
pub use params::{Algorithm, Init, KMeansParams};
pub use predict::predict;
