//! Steps 3 and 4 of [`fit`](super::fit()): scikit-learn's cluster numbers.
//!
//! 3. Clusters are numbered in order of their roots' sample indices (each
//!    root is its component's lowest index, see `components.rs`), and every
//!    core sample takes its root's number.
//! 4. Each border sample takes the smallest cluster number among its core
//!    neighbours; samples without one are noise (-1).

use core::ops::ControlFlow;

use super::components::find;
use crate::neighbors::index::Index;
use crate::scalar::Scalar;

/// Writes the label of every core sample (by sample index; every other
/// sample gets -1) and returns `(n_clusters, n_core)`.
#[inline(never)]
pub(super) fn number_clusters<S: Scalar>(
    idx: &Index<'_, S>,
    core: &[u8],
    parent: &mut [u32],
    labels: &mut [i32],
) -> (u32, u32) {
    let n = core.len();
    let orig = |p: u32| idx.original(p as usize);
    labels.fill(-1);
    let mut n_core = 0u32;
    for p in 0..n {
        if core.get(p) == Some(&1) {
            n_core += 1;
            if find(parent, p as u32) as usize == p {
                if let Some(l) = labels.get_mut(orig(p as u32) as usize) {
                    *l = -2;
                }
            }
        }
    }
    let mut n_clusters: i32 = 0;
    for l in labels.iter_mut() {
        if *l == -2 {
            *l = n_clusters;
            n_clusters += 1;
        }
    }
    for p in 0..n {
        if core.get(p) == Some(&1) {
            let r = find(parent, p as u32);
            let label = labels.get(orig(r) as usize).copied().unwrap_or(-1);
            if let Some(l) = labels.get_mut(orig(p as u32) as usize) {
                *l = label;
            }
        }
    }
    (n_clusters as u32, n_core)
}

/// Labels every border sample (not core, with a core neighbour) with the
/// lowest cluster number among its core neighbours.
#[inline(never)]
pub(super) fn label_borders<S: Scalar>(idx: &Index<'_, S>, core: &[u8], labels: &mut [i32]) {
    let orig = |p: u32| idx.original(p as usize);
    for p in 0..core.len() {
        if core.get(p) != Some(&0) {
            continue;
        }
        let (q, i) = idx.point(p);
        let mut best = i32::MAX;
        idx.for_each_within(q, |p2, _| {
            if core.get(p2) == Some(&1) {
                let l = labels
                    .get(orig(p2 as u32) as usize)
                    .copied()
                    .unwrap_or(i32::MAX);
                if (0..best).contains(&l) {
                    best = l;
                }
            }
            if best == 0 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        if best != i32::MAX {
            if let Some(l) = labels.get_mut(i as usize) {
                *l = best;
            }
        }
    }
}
