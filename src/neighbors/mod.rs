//! Neighbour search over a [`Matrix`](crate::Matrix): the eps-neighbourhoods
//! of DBSCAN fit and predict, and the k-th nearest distance of core distances
//! (which the eps suggestion sorts). One module, so that later users
//! (HDBSCAN's mutual reachability, a neighbour-based silhouette) share it.
//!
//! Public API: [`IndexKind`] (the index choice, a C constant) and
//! [`core_distances()`] with its [`core_distances_workspace_size`].
//!
//! Crate API (`pub(crate)`), used by the families:
//! - `Space` (`space.rs`): the metric in the *search space* (the rows
//!   themselves, or unit vectors for cosine), the key threshold of `eps` and
//!   the one exact neighbour test; the coarse filters' rounding margins.
//! - `Index` (`index.rs`): an index over the rows of a matrix (all rows or a
//!   0/1-selected subset), built in place from arrays carved out of the
//!   caller's workspace by `Parts::carve`, the index's one scratch
//!   declaration (callers put it in their own `carve`, so their size query
//!   measures it too). Queries stream results to a callback that may
//!   stop them, and never materialise a neighbourhood:
//!   `for_each_within(q, f)` (every stored point within eps of `q`),
//!   `for_each_range(q, f)` (candidate position ranges, the coarse filter only)
//!   and `kth_key(q, heap)` (the k-th smallest key, with a caller heap of k).
//!   Every index applies the same exact test to the same stored values, so the
//!   index never changes a result.
//! - The indexes: `brute.rs` (every point), `grid.rs` (a uniform grid over up
//!   to three coordinates), `kdtree.rs` (an implicit balanced kd-tree with tight
//!   boxes), with `select.rs` (panic-free sorting and selection).
//! - `checks.rs`: sample counts, cosine's zero rows, overflowing distances.
//!
//! Stack budget: the firmware keeps every call under 2 KiB of stack, so an
//! index is built in place (no `Result<Index>` copy), the grid's range cache is
//! updated in place, and the kd-tree walks use depth-bounded stacks of at most
//! 28 compact entries (`kdtree.rs` proves the bound).

mod brute;
pub(crate) mod checks;
mod core_distances;
mod grid;
pub(crate) mod index;
mod kdtree;
mod kind;
mod select;
pub(crate) mod space;

pub use core_distances::{core_distances, core_distances_workspace_size};
pub use kind::IndexKind;
