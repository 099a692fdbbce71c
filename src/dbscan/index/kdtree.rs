//! A balanced kd-tree with tight bounding boxes, stored implicitly.
//!
//! Node `v` covers a contiguous range of the stored rows; its children are
//! `2v + 1` (the lower half, `floor(len/2)` rows) and `2v + 2`. The tree has the
//! smallest depth `D` with `ceil(n / 2^D) <= LEAF`, hence `2^(D+1) - 1` nodes,
//! each with its bounding box (`2d` values). Ranges are recomputed while
//! descending, so only the boxes are stored. Splits are at the median of the
//! feature of widest extent; boxes are computed from the rows themselves, so
//! pruning is correct however the split turned out.

use core::ops::ControlFlow;

use super::select::select_rows;
use super::{Index, MaxHeap};
use crate::scalar::Scalar;

/// Maximum rows per leaf.
const LEAF: usize = 16;
/// Traversal stack entries (depth is at most 32 for `n <= 2^31`, plus siblings).
const STACK: usize = 80;

/// Depth of the tree over `n` rows.
fn depth(n: usize) -> u32 {
    let mut dep = 0u32;
    while dep < 40 && n.div_ceil(1usize << dep.min(63)) > LEAF {
        dep += 1;
    }
    dep
}

/// Node count of the tree over `n` rows (`usize::MAX` if it would overflow,
/// which the checked workspace arithmetic then rejects).
pub(super) fn node_count(n: usize) -> usize {
    1usize
        .checked_shl(depth(n) + 1)
        .map_or(usize::MAX, |v| v.wrapping_sub(1))
}

#[inline(always)]
fn is_leaf(node: usize, nodes: usize) -> bool {
    node.saturating_mul(2).saturating_add(1) >= nodes
}

/// Builds the tree over the rows of `pts` (reordering them with `order`) and
/// returns the node count. `boxes` holds at least `node_count(len) * 2d` values.
pub(super) fn build<S: Scalar>(
    d: usize,
    order: &mut [u32],
    pts: &mut [S],
    boxes: &mut [S],
) -> usize {
    let m = order.len();
    let nodes = node_count(m);
    let w = 2 * d;
    let mut stack = [(0usize, 0usize, 0usize); STACK];
    let mut len = 1usize;
    stack[0] = (0, 0, m);
    while len > 0 {
        len -= 1;
        let Some(&(node, lo, hi)) = stack.get(len) else {
            break;
        };
        let Some(bx) =
            boxes.get_mut(node.saturating_mul(w)..node.saturating_mul(w).saturating_add(w))
        else {
            continue;
        };
        let (bl, bh) = bx.split_at_mut(d.min(bx.len()));
        let rows = pts
            .get(lo.saturating_mul(d)..hi.saturating_mul(d))
            .unwrap_or(&[]);
        bl.fill(S::ZERO);
        bh.fill(S::ZERO);
        for (r, row) in rows.chunks_exact(d.max(1)).enumerate() {
            for ((l, h), &v) in bl.iter_mut().zip(bh.iter_mut()).zip(row) {
                if r == 0 || v < *l {
                    *l = v;
                }
                if r == 0 || v > *h {
                    *h = v;
                }
            }
        }
        if is_leaf(node, nodes) || hi.saturating_sub(lo) <= 1 {
            continue;
        }
        let mut dim = 0usize;
        let mut widest = S::ZERO;
        for (j, (&l, &h)) in bl.iter().zip(bh.iter()).enumerate() {
            if h - l > widest {
                widest = h - l;
                dim = j;
            }
        }
        let mid = lo + (hi - lo) / 2;
        select_rows(pts, order, d, dim, lo, hi, mid);
        for child in [(2 * node + 2, mid, hi), (2 * node + 1, lo, mid)] {
            if let Some(s) = stack.get_mut(len) {
                *s = child;
                len += 1;
            }
        }
    }
    nodes
}

#[inline(always)]
fn node_box<S>(boxes: &[S], node: usize, d: usize) -> (&[S], &[S]) {
    let b = boxes
        .get(node.saturating_mul(2 * d)..node.saturating_mul(2 * d).saturating_add(2 * d))
        .unwrap_or(&[]);
    b.split_at(d.min(b.len()))
}

/// Streams the position ranges of the leaves whose box is near `q`.
pub(super) fn ranges<S: Scalar>(
    idx: &Index<'_, S>,
    boxes: &[S],
    nodes: usize,
    q: &[S],
    mut f: impl FnMut(usize, usize) -> ControlFlow<()>,
) {
    let d = idx.d.max(1);
    let limit = idx.space.box_limit(idx.space.thr);
    let mut stack = [(0usize, 0usize, 0usize); STACK];
    stack[0] = (0, 0, idx.len());
    let mut len = 1usize;
    while len > 0 {
        len -= 1;
        let Some(&(node, lo, hi)) = stack.get(len) else {
            break;
        };
        if lo >= hi {
            continue;
        }
        let (bl, bh) = node_box(boxes, node, d);
        if idx.space.box_lb(q, bl, bh) > limit {
            continue;
        }
        if is_leaf(node, nodes) || hi - lo <= 1 {
            if f(lo, hi).is_break() {
                return;
            }
            continue;
        }
        let mid = lo + (hi - lo) / 2;
        for child in [(2 * node + 2, mid, hi), (2 * node + 1, lo, mid)] {
            if let Some(s) = stack.get_mut(len) {
                *s = child;
                len += 1;
            }
        }
    }
}

/// Offers to the heap the keys of every stored point that could be among the
/// `heap` smallest from `q` (nearer subtree first, pruning by the heap's top).
pub(super) fn knn<S: Scalar>(
    idx: &Index<'_, S>,
    boxes: &[S],
    nodes: usize,
    q: &[S],
    heap: &mut MaxHeap<'_, S>,
) {
    let d = idx.d.max(1);
    let mut stack = [(0usize, 0usize, 0usize, S::ZERO); STACK];
    stack[0] = (0, 0, idx.len(), S::ZERO);
    let mut len = 1usize;
    while len > 0 {
        len -= 1;
        let Some(&(node, lo, hi, lb)) = stack.get(len) else {
            break;
        };
        if lo >= hi || lb > idx.space.box_limit(heap.top()) {
            continue;
        }
        if is_leaf(node, nodes) || hi - lo <= 1 {
            let rows = idx.pts.get(lo * d..hi * d).unwrap_or(&[]);
            for row in rows.chunks_exact(d) {
                heap.push(idx.space.key(q, row));
            }
            continue;
        }
        let mid = lo + (hi - lo) / 2;
        let (l, r) = (2 * node + 1, 2 * node + 2);
        let lb_of = |c: usize| {
            let (bl, bh) = node_box(boxes, c, d);
            idx.space.box_lb(q, bl, bh)
        };
        let (ll, rl) = (lb_of(l), lb_of(r));
        // Push the farther child first so that the nearer one is visited first.
        let pair = if ll <= rl {
            [(r, mid, hi, rl), (l, lo, mid, ll)]
        } else {
            [(l, lo, mid, ll), (r, mid, hi, rl)]
        };
        for child in pair {
            if let Some(s) = stack.get_mut(len) {
                *s = child;
                len += 1;
            }
        }
    }
}
