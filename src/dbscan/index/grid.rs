//! A uniform grid over up to three search-space coordinates.
//!
//! Cells are at least [`Space::coord_radius`] wide in each gridded coordinate
//! (wider when the extent would need more than `2^bits` cells), so two
//! neighbours always lie in the same or adjacent cells: neighbours differ by at
//! most eps in every coordinate for each supported metric. With `k` gridded
//! coordinates a point's cell is packed into one `u64` key, most significant
//! coordinate first; points are sorted by key, and a query scans `3^(k-1)` key
//! ranges, each found by binary search. Cell coordinates are clamped into range,
//! which only merges cells (clamping never moves two cells further apart), so
//! the grid is correct for any data and any eps. With `d > 3` the three
//! coordinates of widest extent are gridded.

use core::ops::ControlFlow;

use super::fill;
use super::select::sort_pairs;
use crate::dbscan::space::Space;
use crate::matrix::Matrix;
use crate::scalar::Scalar;

/// The grid geometry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GridGeom {
    /// Gridded coordinates (first `k`).
    dims: [usize; 3],
    k: usize,
    min: [f64; 3],
    cell: [f64; 3],
    bits: u32,
    maxc: u64,
}

impl GridGeom {
    #[inline(always)]
    fn coord(&self, slot: usize, v: f64) -> u64 {
        let (Some(&min), Some(&cell)) = (self.min.get(slot), self.cell.get(slot)) else {
            return 0;
        };
        let t = (v - min) / cell;
        if t >= 0.0 {
            // Truncation is the floor here; `as` saturates (NaN fails the test
            // above); the clamp keeps the value in `bits` bits.
            (t as u64).min(self.maxc)
        } else {
            0
        }
    }

    #[inline(always)]
    fn cell_of<S: Scalar>(&self, row: &[S]) -> [u64; 3] {
        let mut c = [0u64; 3];
        for (slot, out) in c.iter_mut().enumerate().take(self.k) {
            let dim = self.dims.get(slot).copied().unwrap_or(0);
            *out = self.coord(slot, row.get(dim).copied().unwrap_or(S::ZERO).to_f64());
        }
        c
    }

    #[inline(always)]
    fn pack(&self, c: [u64; 3]) -> u64 {
        c.iter()
            .take(self.k)
            .fold(0u64, |key, &v| key.wrapping_shl(self.bits) | v)
    }
}

/// Sorts `order` by cell, fills `pts` in that order and returns the geometry.
pub(super) fn build<S: Scalar>(
    space: &Space<S>,
    x: Matrix<'_, S>,
    order: &mut [u32],
    pts: &mut [S],
    keys: &mut [u64],
) -> GridGeom {
    let d = x.d();
    // Search-space rows in the initial order, for extents and keys.
    fill(space, x, order, pts);
    let mut lo = [0.0f64; 64];
    let mut hi = [0.0f64; 64];
    // Extents of every coordinate (d <= 64) or of the first 64.
    let dd = d.min(64);
    for (r, row) in pts.chunks_exact(d.max(1)).enumerate() {
        for ((l, h), &v) in lo.iter_mut().zip(hi.iter_mut()).zip(row).take(dd) {
            let v = v.to_f64();
            if r == 0 || v < *l {
                *l = v;
            }
            if r == 0 || v > *h {
                *h = v;
            }
        }
    }
    // The (up to) three coordinates of widest extent, in feature order.
    let k = d.min(3);
    let mut dims = [0usize, 1, 2];
    if d > 3 {
        let mut chosen = [usize::MAX; 3];
        for slot in 0..3 {
            let mut best = usize::MAX;
            let mut best_w = -1.0f64;
            for j in 0..dd {
                if chosen.contains(&j) {
                    continue;
                }
                let w = hi.get(j).copied().unwrap_or(0.0) - lo.get(j).copied().unwrap_or(0.0);
                if w > best_w {
                    best_w = w;
                    best = j;
                }
            }
            if let Some(c) = chosen.get_mut(slot) {
                *c = best;
            }
        }
        // Feature order (three elements: a fixed sorting network).
        let [mut a, mut b, mut c] = chosen;
        if a > b {
            core::mem::swap(&mut a, &mut b);
        }
        if b > c {
            core::mem::swap(&mut b, &mut c);
        }
        if a > b {
            core::mem::swap(&mut a, &mut b);
        }
        dims = [a, b, c];
    }
    let bits: u32 = match k {
        1 => 32,
        2 => 31,
        _ => 21,
    };
    let maxc = (1u64 << bits) - 1;
    let r = space.coord_radius();
    let mut geom = GridGeom {
        dims,
        k,
        min: [0.0; 3],
        cell: [1.0; 3],
        bits,
        maxc,
    };
    for slot in 0..k {
        let dim = dims.get(slot).copied().unwrap_or(0);
        let (l, h) = (
            lo.get(dim).copied().unwrap_or(0.0),
            hi.get(dim).copied().unwrap_or(0.0),
        );
        let mut cell = r.max((h - l) / (maxc as f64));
        if !(cell.is_finite() && cell > 0.0) {
            cell = f64::MAX;
        }
        if let (Some(m), Some(c)) = (geom.min.get_mut(slot), geom.cell.get_mut(slot)) {
            *m = l;
            *c = cell;
        }
    }
    for (key, row) in keys.iter_mut().zip(pts.chunks_exact(d.max(1))) {
        *key = geom.pack(geom.cell_of(row));
    }
    sort_pairs(keys, order);
    // Rows in sorted order (recomputed: the same values, bit for bit).
    fill(space, x, order, pts);
    geom
}

/// The first position whose key is `>= key`.
#[inline]
fn lower_bound(keys: &[u64], key: u64) -> usize {
    let (mut lo, mut hi) = (0usize, keys.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if keys.get(mid).is_some_and(|&k| k < key) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The position ranges of the last queried cell (consecutive queries from
/// stored points in order mostly come from the same cell).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RangeCache {
    cell: [u64; 3],
    valid: bool,
    count: usize,
    ranges: [(usize, usize); 9],
}

impl RangeCache {
    pub(crate) const EMPTY: RangeCache = RangeCache {
        cell: [0; 3],
        valid: false,
        count: 0,
        ranges: [(0, 0); 9],
    };
}

/// Streams the position ranges of the cells next to `q`'s (`3^(k-1)` ranges).
#[inline]
pub(super) fn ranges<S: Scalar>(
    keys: &[u64],
    g: &GridGeom,
    cache: &core::cell::Cell<RangeCache>,
    q: &[S],
    mut f: impl FnMut(usize, usize) -> ControlFlow<()>,
) {
    let c = g.cell_of(q);
    let mut rc = cache.get();
    if !(rc.valid && rc.cell == c) {
        rc = RangeCache {
            cell: c,
            valid: true,
            ..RangeCache::EMPTY
        };
        let span = |v: u64| (v.saturating_sub(1), v.saturating_add(1).min(g.maxc));
        // Ranges over the last gridded coordinate, for each cell of the others.
        let last = g.k.saturating_sub(1);
        let (a_lo, a_hi) = if g.k >= 3 { span(c[0]) } else { (0, 0) };
        let (b_lo, b_hi) = if g.k >= 2 {
            span(c.get(g.k - 2).copied().unwrap_or(0))
        } else {
            (0, 0)
        };
        let (z_lo, z_hi) = span(c.get(last).copied().unwrap_or(0));
        for a in a_lo..=a_hi {
            for b in b_lo..=b_hi {
                let (klo, khi) = match g.k {
                    3 => (g.pack([a, b, z_lo]), g.pack([a, b, z_hi])),
                    2 => (g.pack([b, z_lo, 0]), g.pack([b, z_hi, 0])),
                    _ => (g.pack([z_lo, 0, 0]), g.pack([z_hi, 0, 0])),
                };
                let start = lower_bound(keys, klo);
                let end =
                    start + lower_bound(keys.get(start..).unwrap_or(&[]), khi.saturating_add(1));
                if start < end {
                    if let Some(r) = rc.ranges.get_mut(rc.count) {
                        *r = (start, end);
                        rc.count += 1;
                    }
                }
            }
        }
        cache.set(rc);
    }
    for &(lo, hi) in rc.ranges.iter().take(rc.count) {
        if f(lo, hi).is_break() {
            return;
        }
    }
}
