//! Brute force: every stored point is tested.

use core::ops::ControlFlow;

use super::index::{Index, MaxHeap};
use crate::scalar::Scalar;

/// Every stored point: one range.
#[inline]
pub(super) fn ranges<S: Scalar>(
    idx: &Index<'_, S>,
    mut f: impl FnMut(usize, usize) -> ControlFlow<()>,
) {
    let _ = f(0, idx.len());
}

/// Offers every stored point's key to the heap.
pub(super) fn knn<S: Scalar>(idx: &Index<'_, S>, q: &[S], heap: &mut MaxHeap<'_, S>) {
    for row in idx.pts.chunks_exact(idx.d.max(1)) {
        heap.push(idx.space.key(q, row));
    }
}
