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

use core::cell::Cell;
use core::ops::ControlFlow;

use super::index::fill;
use super::select::sort_pairs;
use super::space::Space;
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
    // The (up to) three coordinates of widest extent among the first 64, in
    // feature order. Each coordinate's extent is computed by one column scan,
    // so no per-coordinate array lives on the call stack.
    let dd = d.min(64);
    let k = d.min(3);
    let extent = |j: usize| {
        let (mut l, mut h) = (0.0f64, 0.0f64);
        for (r, row) in pts.chunks_exact(d.max(1)).enumerate() {
            let v = row.get(j).copied().unwrap_or(S::ZERO).to_f64();
            if r == 0 || v < l {
                l = v;
            }
            if r == 0 || v > h {
                h = v;
            }
        }
        (l, h)
    };
    // The gridded features (slots from `k` on are unused).
    let mut dims = [0usize, 1, 2];
    if d > 3 {
        // The three widest, widest first, ties to the lowest feature: a
        // feature enters before the first slot it is strictly wider than.
        dims = [usize::MAX; 3];
        let mut widths = [-1.0f64; 3];
        for j in 0..dd {
            let (l, h) = extent(j);
            let w = h - l;
            let Some(at) = widths.iter().position(|&bw| w > bw) else {
                continue;
            };
            for s in (at + 1..3).rev() {
                if let (Some(&pw), Some(&pd)) = (widths.get(s - 1), dims.get(s - 1)) {
                    if let (Some(ws), Some(ds)) = (widths.get_mut(s), dims.get_mut(s)) {
                        *ws = pw;
                        *ds = pd;
                    }
                }
            }
            if let (Some(ws), Some(ds)) = (widths.get_mut(at), dims.get_mut(at)) {
                *ws = w;
                *ds = j;
            }
        }
        // Feature order (three elements: a fixed sorting network).
        let [mut a, mut b, mut c] = dims;
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
    for (slot, &dim) in dims.iter().enumerate().take(k) {
        // The extent again (the same values): cheaper than keeping it.
        let (l, h) = extent(dim);
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
/// stored points in order mostly come from the same cell). Every field is its
/// own `Cell`, so a query reads and updates it in place instead of copying the
/// whole cache onto the call stack.
#[derive(Debug)]
pub(crate) struct RangeCache {
    /// The packed key of the cell (packing is injective: every coordinate is
    /// clamped into its `bits` bits).
    cell: Cell<u64>,
    valid: Cell<bool>,
    count: Cell<u32>,
    /// `(start, end)` stored positions (`n <= MAX_SAMPLES` fits in `u32`).
    ranges: [Cell<(u32, u32)>; 9],
}

impl RangeCache {
    pub(crate) fn new() -> RangeCache {
        RangeCache {
            cell: Cell::new(0),
            valid: Cell::new(false),
            count: Cell::new(0),
            ranges: [const { Cell::new((0, 0)) }; 9],
        }
    }

    /// Recomputes the ranges of cell `c` (`3^(k-1)` ranges).
    #[inline(never)]
    fn fill(&self, keys: &[u64], g: &GridGeom, c: [u64; 3]) {
        self.cell.set(g.pack(c));
        self.valid.set(true);
        let mut count = 0usize;
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
                    if let Some(r) = self.ranges.get(count) {
                        r.set((start as u32, end as u32));
                        count += 1;
                    }
                }
            }
        }
        self.count.set(count as u32);
    }
}

/// Streams the position ranges of the cells next to `q`'s (`3^(k-1)` ranges).
#[inline]
pub(super) fn ranges<S: Scalar>(
    keys: &[u64],
    g: &GridGeom,
    cache: &RangeCache,
    q: &[S],
    mut f: impl FnMut(usize, usize) -> ControlFlow<()>,
) {
    let c = g.cell_of(q);
    let same = cache.valid.get() && cache.cell.get() == g.pack(c);
    if !same {
        cache.fill(keys, g, c);
    }
    for r in cache.ranges.iter().take(cache.count.get() as usize) {
        let (lo, hi) = r.get();
        if f(lo as usize, hi as usize).is_break() {
            return;
        }
    }
}
