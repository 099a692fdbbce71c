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

use super::index::{Index, MaxHeap};
use super::select::select_rows;
use crate::scalar::Scalar;

/// Maximum rows per leaf.
const LEAF: usize = 16;
/// Traversal stack entries. A depth-first walk that pops a node and pushes its
/// two children holds at most one pending sibling per level above the popped
/// node plus the two children: `depth + 1` entries. `n <= MAX_SAMPLES < 2^31`
/// rows give a depth of at most 27 (`2^31 / 2^27 = LEAF`), hence 28 entries
/// (checked by a test). Kept small: the stacks live on the call stack.
const STACK: usize = 28;

/// A traversal stack entry: node, first and past-the-end stored position
/// (positions and nodes fit in `u32`: `n <= MAX_SAMPLES`, nodes `< 2^29`).
type Entry = (u32, u32, u32);

/// The stack of a left-first depth-first walk (`build`, `ranges`). Pending
/// nodes cover consecutive position ranges, the top one leftmost: each entry
/// ends where the entry below it starts (the bottom one at the end of the
/// rows), so an entry stores only its node and start.
struct LeftFirst {
    s: [(u32, u32); STACK],
    len: usize,
    end: u32,
}

impl LeftFirst {
    #[inline(always)]
    fn new(m: usize) -> Self {
        LeftFirst {
            s: [(0, 0); STACK],
            len: 1,
            end: m as u32,
        }
    }

    /// The next node and its position range.
    #[inline(always)]
    fn pop(&mut self) -> Option<(usize, usize, usize)> {
        self.len = self.len.checked_sub(1)?;
        let &(node, lo) = self.s.get(self.len)?;
        let hi = match self.len.checked_sub(1) {
            Some(below) => self.s.get(below).map_or(self.end, |e| e.1),
            None => self.end,
        };
        Some((node as usize, lo as usize, hi as usize))
    }

    /// Pushes the children of `node` (rows `lo..hi`, split at `mid`), left on top.
    #[inline(always)]
    fn push_children(&mut self, node: usize, lo: usize, mid: usize) {
        for child in [(2 * node + 2, mid), (2 * node + 1, lo)] {
            if let Some(s) = self.s.get_mut(self.len) {
                *s = (child.0 as u32, child.1 as u32);
                self.len += 1;
            }
        }
    }
}

#[inline(always)]
fn entry(node: usize, lo: usize, hi: usize) -> Entry {
    (node as u32, lo as u32, hi as u32)
}

#[inline(always)]
fn unpack((node, lo, hi): Entry) -> (usize, usize, usize) {
    (node as usize, lo as usize, hi as usize)
}

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
    let mut stack = LeftFirst::new(m);
    while let Some((node, lo, hi)) = stack.pop() {
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
        stack.push_children(node, lo, mid);
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
    let inside = match idx.space.metric {
        // Box units of the cosine search space are squared unit-vector distances.
        crate::distance::Metric::Cosine => idx.space.thr + idx.space.thr,
        _ => idx.space.thr,
    };
    let mut stack = LeftFirst::new(idx.len());
    while let Some((node, lo, hi)) = stack.pop() {
        if lo >= hi {
            continue;
        }
        let (bl, bh) = node_box(boxes, node, d);
        if idx.space.box_lb(q, bl, bh) > limit {
            continue;
        }
        // A large node wholly within reach is streamed as one range (callers
        // test every candidate exactly, so this only saves the descent).
        let whole = hi - lo >= 4 * LEAF && idx.space.box_ub(q, bl, bh) <= inside;
        if whole || is_leaf(node, nodes) || hi - lo <= 1 {
            if f(lo, hi).is_break() {
                return;
            }
            continue;
        }
        let mid = lo + (hi - lo) / 2;
        stack.push_children(node, lo, mid);
    }
}

/// Offers to the heap the keys of every stored point that could be among the
/// `heap` smallest from `q` (nearer subtree first, pruning by the heap's top).
///
/// Stack entries hold no bound: a node's box bound is recomputed when it is
/// popped (the same value its parent compared, bit for bit), except for the
/// nearer child, popped right after its parent, whose bound is carried over.
pub(super) fn knn<S: Scalar>(
    idx: &Index<'_, S>,
    boxes: &[S],
    nodes: usize,
    q: &[S],
    heap: &mut MaxHeap<'_, S>,
) {
    let d = idx.d.max(1);
    let lb_of = |c: usize| {
        let (bl, bh) = node_box(boxes, c, d);
        idx.space.box_lb(q, bl, bh)
    };
    let mut stack: [Entry; STACK] = [(0, 0, 0); STACK];
    stack[0] = entry(0, 0, idx.len());
    let mut len = 1usize;
    // The bound of the entry on top of the stack, if known.
    let mut top_lb = Some(S::ZERO);
    while len > 0 {
        len -= 1;
        let Some(&e) = stack.get(len) else {
            break;
        };
        let (node, lo, hi) = unpack(e);
        let lb = match top_lb.take() {
            Some(lb) => lb,
            None => lb_of(node),
        };
        if lo >= hi || lb > idx.space.box_limit(heap.top()) {
            continue;
        }
        if is_leaf(node, nodes) || hi - lo <= 1 {
            let rows = idx.pts.get(lo * d..hi * d).unwrap_or(&[]);
            for row in rows.chunks_exact(d.max(1)) {
                heap.push(idx.space.key(q, row));
            }
            continue;
        }
        let mid = lo + (hi - lo) / 2;
        let (l, r) = (2 * node + 1, 2 * node + 2);
        let (ll, rl) = (lb_of(l), lb_of(r));
        // Push the farther child first so that the nearer one is visited first.
        let (far, near) = ((entry(r, mid, hi), rl), (entry(l, lo, mid), ll));
        let pair = if ll <= rl { [far, near] } else { [near, far] };
        for (child, child_lb) in pair {
            if let Some(s) = stack.get_mut(len) {
                *s = child;
                len += 1;
                top_lb = Some(child_lb);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::MAX_SAMPLES;

    #[test]
    fn traversal_stack_holds_the_deepest_tree() {
        // A walk needs `depth + 1` entries; the deepest tree is the largest one.
        assert_eq!(depth(MAX_SAMPLES), 27);
        let entries = depth(MAX_SAMPLES) as usize + 1;
        assert!(entries <= STACK, "{entries} entries needed");
        assert!(u32::try_from(node_count(MAX_SAMPLES)).is_ok());
    }

    #[test]
    fn walks_never_exceed_depth_plus_one_entries() {
        // Simulates the push pattern of `build`/`ranges`/`knn` (pop one, push
        // both children of an internal node) over trees of many sizes and
        // records the largest stack occupancy.
        for n in [1usize, 2, 16, 17, 33, 100, 1000, 4097, 100_000] {
            let nodes = node_count(n);
            let mut stack = std::vec![0usize];
            let mut peak = 1usize;
            while let Some(node) = stack.pop() {
                if !is_leaf(node, nodes) {
                    stack.push(2 * node + 2);
                    stack.push(2 * node + 1);
                    peak = peak.max(stack.len());
                }
            }
            assert!(peak <= depth(n) as usize + 1, "n={n} peak={peak}");
        }
    }
}
