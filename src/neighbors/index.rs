//! Neighbour indexes: brute force, a uniform grid and a kd-tree.
//!
//! An index holds a subset of the samples (all of them for fit and core
//! distances, the core samples for predict) as a permuted copy of their
//! search-space rows ([`Space::embed`]) plus their original indices, carved out
//! of the caller's workspace. Queries never materialise a neighbourhood: they
//! stream each point that passes [`Space::within`] to a callback, which may stop
//! the query early. Since every index applies the same exact test to the same
//! stored values, the index never changes a result.

use core::ops::ControlFlow;

use super::kind::IndexKind;
use super::space::Space;
use super::{brute, grid, kdtree};
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::scalar::Scalar;
use crate::workspace::Carve;

/// A built index over `order.len()` points.
pub(crate) struct Index<'a, S> {
    pub(crate) space: Space<S>,
    pub(super) d: usize,
    /// Original sample index of each stored point.
    order: &'a [u32],
    /// Search-space rows in `order`, row-major.
    pub(super) pts: &'a [S],
    kind: Built<'a, S>,
}

// One `Built` lives on the stack per call; without an allocator there is
// nothing to box the larger variant into.
#[allow(clippy::large_enum_variant)]
enum Built<'a, S> {
    Brute,
    Grid {
        keys: &'a [u64],
        geom: grid::GridGeom,
        cache: grid::RangeCache,
    },
    KdTree {
        boxes: &'a [S],
        nodes: usize,
    },
}

/// The workspace arrays of an index over up to `n` points in `d` dimensions
/// (`keys` for a grid, `boxes` for a kd-tree, else empty): the index's scratch
/// declaration ([`Parts::carve`]), which sizes it with a [`Sizer`](crate::workspace::Sizer)
/// and carves it from a [`Workspace`](crate::workspace::Workspace).
pub(crate) struct Parts<'a, S> {
    order: &'a mut [u32],
    pts: &'a mut [S],
    keys: &'a mut [u64],
    boxes: &'a mut [S],
}

impl<'a, S: Scalar> Parts<'a, S> {
    /// Declares the arrays of an index of kind `kind` (resolved, not `Auto`)
    /// over up to `n` points of `d` features.
    pub(crate) fn carve(
        c: &mut impl Carve<'a>,
        kind: IndexKind,
        n: usize,
        d: usize,
    ) -> Result<Self> {
        let overflow = Error::SizeOverflow("workspace");
        let order = c.take::<u32>(n)?;
        let pts = c.take::<S>(n.checked_mul(d).ok_or(overflow)?)?;
        let (keys, boxes): (&'a mut [u64], &'a mut [S]) = match kind {
            IndexKind::Grid => (c.take::<u64>(n)?, &mut []),
            IndexKind::KdTree => {
                let boxes = kdtree::node_count(n)
                    .checked_mul(d)
                    .and_then(|v| v.checked_mul(2))
                    .ok_or(overflow)?;
                (&mut [], c.take::<S>(boxes)?)
            }
            IndexKind::Brute | IndexKind::Auto => (&mut [], &mut []),
        };
        Ok(Parts {
            order,
            pts,
            keys,
            boxes,
        })
    }
}

impl<'a, S: Scalar> Index<'a, S> {
    /// Builds an index of kind `kind` (resolved) over the rows `i` of `x` with
    /// `include[i] != 0` (all rows if `None`) in `parts`, taken by
    /// [`Parts::carve`]`(.., kind, x.n(), x.d())`. Infallible and out of line, so
    /// the index is built in place in the caller's frame (a `Result<Index>`
    /// would put a second copy of it on the call stack).
    #[inline(never)]
    pub(crate) fn build(
        kind: IndexKind,
        space: Space<S>,
        x: Matrix<'_, S>,
        include: Option<&[u8]>,
        parts: Parts<'a, S>,
    ) -> Self {
        let d = x.d();
        let Parts {
            order,
            pts,
            keys,
            boxes,
        } = parts;
        let mut m = 0usize;
        for i in 0..x.n() {
            let keep = include.is_none_or(|c| c.get(i).is_some_and(|&v| v != 0));
            if keep {
                if let Some(o) = order.get_mut(m) {
                    *o = i as u32;
                }
                m += 1;
            }
        }
        let order = order.get_mut(..m).unwrap_or(&mut []);
        let pts = pts.get_mut(..m.saturating_mul(d)).unwrap_or(&mut []);
        let built = match kind {
            IndexKind::Grid => {
                let keys = keys.get_mut(..m).unwrap_or(&mut []);
                let geom = grid::build(&space, x, order, pts, keys);
                Built::Grid {
                    keys,
                    geom,
                    cache: grid::RangeCache::new(),
                }
            }
            IndexKind::KdTree => {
                fill(&space, x, order, pts);
                let nodes = kdtree::build(d, order, pts, boxes);
                Built::KdTree { boxes, nodes }
            }
            IndexKind::Brute | IndexKind::Auto => {
                fill(&space, x, order, pts);
                Built::Brute
            }
        };
        Index {
            space,
            d,
            order,
            pts,
            kind: built,
        }
    }

    /// Features per row.
    #[inline(always)]
    pub(crate) fn d(&self) -> usize {
        self.d
    }

    /// Number of indexed points.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.order.len()
    }

    /// The search-space row and original index of stored point `p`.
    #[inline]
    pub(crate) fn point(&self, p: usize) -> (&'a [S], u32) {
        let d = self.d;
        let row = self
            .pts
            .get(p.saturating_mul(d)..p.saturating_mul(d).saturating_add(d))
            .unwrap_or(&[]);
        (row, self.order.get(p).copied().unwrap_or(0))
    }

    /// The original index of stored point `p`.
    #[inline(always)]
    pub(crate) fn original(&self, p: usize) -> u32 {
        self.order.get(p).copied().unwrap_or(0)
    }

    /// Calls `f(position, row)` for a superset of the stored points within eps
    /// of the search-space row `q` (the index's coarse filter only), in an
    /// unspecified order, until `f` breaks. Callers apply [`Space::key`] themselves.
    #[inline]
    pub(crate) fn for_each_candidate(
        &self,
        q: &[S],
        mut f: impl FnMut(usize, &[S]) -> ControlFlow<()>,
    ) {
        self.for_each_range(q, |lo, hi| {
            for (k, row) in self.rows(lo, hi).chunks_exact(self.d.max(1)).enumerate() {
                f(lo + k, row)?;
            }
            ControlFlow::Continue(())
        });
    }

    /// As [`Index::for_each_candidate`], by ranges `lo..hi` of stored positions.
    #[inline]
    pub(crate) fn for_each_range(&self, q: &[S], f: impl FnMut(usize, usize) -> ControlFlow<()>) {
        match &self.kind {
            Built::Brute => brute::ranges(self, f),
            Built::Grid { keys, geom, cache } => grid::ranges(keys, geom, cache, q, f),
            Built::KdTree { boxes, nodes } => kdtree::ranges(self, boxes, *nodes, q, f),
        }
    }

    /// The search-space rows of positions `lo..hi` (row-major).
    #[inline(always)]
    pub(crate) fn rows(&self, lo: usize, hi: usize) -> &'a [S] {
        self.pts
            .get(lo.saturating_mul(self.d)..hi.saturating_mul(self.d))
            .unwrap_or(&[])
    }

    /// Calls `f(position, key)` for every stored point within eps of the
    /// search-space row `q`, in an unspecified order, until `f` breaks.
    #[inline]
    pub(crate) fn for_each_within(&self, q: &[S], mut f: impl FnMut(usize, S) -> ControlFlow<()>) {
        let space = self.space;
        self.for_each_candidate(q, |p, row| {
            let key = space.key(q, row);
            if key <= space.thr {
                f(p, key)
            } else {
                ControlFlow::Continue(())
            }
        });
    }

    /// The `heap.len()`-th smallest key from `q` to the stored points
    /// (`1 <= heap.len() <= len()`), using `heap` as scratch.
    pub(crate) fn kth_key(&self, q: &[S], heap: &mut [S]) -> S {
        let mut h = MaxHeap { v: heap, len: 0 };
        match &self.kind {
            Built::KdTree { boxes, nodes } => kdtree::knn(self, boxes, *nodes, q, &mut h),
            _ => brute::knn(self, q, &mut h),
        }
        h.top()
    }
}

/// Fills `pts` with the search-space rows of `order`.
pub(super) fn fill<S: Scalar>(space: &Space<S>, x: Matrix<'_, S>, order: &[u32], pts: &mut [S]) {
    for (&i, out) in order.iter().zip(pts.chunks_exact_mut(x.d().max(1))) {
        space.embed(x.row(i as usize), out);
    }
}

/// A bounded max-heap of keys: the `v.len()` smallest seen so far.
pub(crate) struct MaxHeap<'h, S> {
    v: &'h mut [S],
    len: usize,
}

impl<S: Scalar> MaxHeap<'_, S> {
    /// The largest kept key, or infinity while the heap is not full.
    #[inline]
    pub(crate) fn top(&self) -> S {
        if self.len < self.v.len() {
            S::INFINITY
        } else {
            self.v.first().copied().unwrap_or(S::INFINITY)
        }
    }

    /// Offers a key.
    #[inline]
    pub(crate) fn push(&mut self, key: S) {
        let cap = self.v.len();
        if self.len < cap {
            // Sift up.
            let mut i = self.len;
            self.len += 1;
            while i > 0 {
                let parent = (i - 1) / 2;
                let pv = self.v.get(parent).copied().unwrap_or(S::INFINITY);
                if pv >= key {
                    break;
                }
                if let Some(s) = self.v.get_mut(i) {
                    *s = pv;
                }
                i = parent;
            }
            if let Some(s) = self.v.get_mut(i) {
                *s = key;
            }
        } else if cap > 0 && key < self.top() {
            // Replace the top and sift down.
            let mut i = 0usize;
            loop {
                let l = 2 * i + 1;
                if l >= cap {
                    break;
                }
                let lv = self.v.get(l).copied().unwrap_or(S::ZERO);
                let (c, cv) = match self.v.get(l + 1) {
                    Some(&rv) if rv > lv => (l + 1, rv),
                    _ => (l, lv),
                };
                if cv <= key {
                    break;
                }
                if let Some(s) = self.v.get_mut(i) {
                    *s = cv;
                }
                i = c;
            }
            if let Some(s) = self.v.get_mut(i) {
                *s = key;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::distance::Metric;
    use crate::rng::Rng;
    use crate::workspace::{Sizer, Workspace};
    use std::vec;
    use std::vec::Vec;

    fn data(n: usize, d: usize, seed: u64) -> Vec<f64> {
        let mut rng = Rng::new(seed);
        // Clumpy data with duplicates and a constant feature.
        (0..n * d)
            .map(|k| {
                if k % d == d - 1 && d > 2 {
                    1.0
                } else {
                    (rng.next_f64() * 4.0).floor() * 0.5 + rng.next_f64() * 0.3
                }
            })
            .collect()
    }

    fn neighbours(idx: &Index<'_, f64>, q: &[f64]) -> Vec<u32> {
        let mut v = Vec::new();
        idx.for_each_within(q, |p, _| {
            v.push(idx.original(p));
            ControlFlow::Continue(())
        });
        v.sort_unstable();
        v
    }

    #[test]
    fn every_index_returns_the_brute_force_neighbourhood() {
        for d in [1usize, 2, 3, 5] {
            let n = 300;
            let x = data(n, d, d as u64);
            let m = Matrix::new(&x, n, d).unwrap();
            let include: Vec<u8> = (0..n).map(|i| (i % 3 != 0) as u8).collect();
            for metric in Metric::ALL {
                for eps in [0.05, 0.4, 3.0] {
                    let space = Space::<f64>::new(metric, d, eps);
                    for inc in [None, Some(&include[..])] {
                        let mut bufs: Vec<Vec<u8>> = Vec::new();
                        let kinds = [IndexKind::Brute, IndexKind::Grid, IndexKind::KdTree];
                        for kind in kinds {
                            let layout =
                                Sizer::measure(|c| Parts::<f64>::carve(c, kind, n, d).map(drop));
                            bufs.push(vec![0u8; layout.unwrap().bytes()]);
                        }
                        let mut it = bufs.iter_mut();
                        let idx: Vec<Index<'_, f64>> = kinds
                            .iter()
                            .map(|&k| {
                                let mut ws = Workspace::new(it.next().unwrap());
                                Index::build(
                                    k,
                                    space,
                                    m,
                                    inc,
                                    Parts::carve(&mut ws, k, n, d).unwrap(),
                                )
                            })
                            .collect();
                        for i in (0..n).step_by(7) {
                            let mut q = vec![0.0; d];
                            space.embed(m.row(i), &mut q);
                            let want: Vec<u32> = (0..n as u32)
                                .filter(|&j| inc.is_none_or(|c| c[j as usize] != 0))
                                .filter(|&j| {
                                    let mut p = vec![0.0; d];
                                    space.embed(m.row(j as usize), &mut p);
                                    space.within(&q, &p)
                                })
                                .collect();
                            for (k, ix) in kinds.iter().zip(&idx) {
                                assert_eq!(
                                    neighbours(ix, &q),
                                    want,
                                    "{k:?} {metric:?} d={d} eps={eps}"
                                );
                            }
                            let kk = want.len().clamp(1, ix_len(&idx[0]));
                            let mut heap = vec![0.0; kk];
                            let a = idx[0].kth_key(&q, &mut heap);
                            let b = idx[2].kth_key(&q, &mut heap);
                            assert_eq!(a, b, "kth key {metric:?} d={d}");
                        }
                    }
                }
            }
        }
    }

    fn ix_len(i: &Index<'_, f64>) -> usize {
        i.len()
    }

    #[test]
    fn heap_keeps_the_smallest_keys() {
        let mut rng = Rng::new(1);
        for k in 1..20 {
            let vals: Vec<f64> = (0..50).map(|_| (rng.next_f64() * 10.0).floor()).collect();
            let mut buf = vec![0.0; k];
            let mut h = MaxHeap {
                v: &mut buf,
                len: 0,
            };
            for &v in &vals {
                h.push(v);
            }
            let mut s = vals.clone();
            s.sort_by(f64::total_cmp);
            assert_eq!(h.top(), s[k - 1]);
        }
    }
}
