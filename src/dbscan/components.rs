//! Step 2 of [`fit`](super::fit()): the connected components of the "core
//! neighbours core" graph, by union-find over core-core neighbour pairs.
//! Linking always puts the root with the larger sample index under the
//! smaller, so each root is its component's member with the lowest sample
//! index (which step 3 numbers clusters by).
//!
//! Stored positions are grouped in chunks of [`CHUNK`]; `reps[c]` is, once
//! known, a core whose set holds every core of chunk `c` (sets only merge, so
//! this stays true), which lets a scan skip a whole chunk already in the
//! component without computing any distance.

use core::ops::ControlFlow;

use crate::neighbors::index::Index;
use crate::scalar::Scalar;

/// Stored positions per chunk of the component-skipping scan.
pub(super) const CHUNK: usize = 64;
/// `reps` value: not known (yet) to be one set.
pub(super) const UNKNOWN: u32 = u32::MAX;
/// `reps` value: the chunk has no core sample.
const NO_CORE: u32 = u32::MAX - 1;

/// A core of chunk `c` whose set holds every core of the chunk, `NO_CORE`,
/// or `UNKNOWN` if the chunk's cores are in several sets.
fn chunk_rep(core: &[u8], parent: &mut [u32], c: usize, n: usize) -> u32 {
    let lo = c.saturating_mul(CHUNK);
    let hi = lo.saturating_add(CHUNK).min(n);
    let mut rep = NO_CORE;
    let mut root = 0u32;
    for p in lo..hi {
        if core.get(p) != Some(&1) {
            continue;
        }
        let r = find(parent, p as u32);
        if rep == NO_CORE {
            rep = p as u32;
            root = r;
        } else if r != root {
            return UNKNOWN;
        }
    }
    rep
}

/// The root of `x` (path halving).
#[inline]
pub(super) fn find(parent: &mut [u32], mut x: u32) -> u32 {
    loop {
        let Some(&p) = parent.get(x as usize) else {
            return x;
        };
        if p == x {
            return x;
        }
        let gp = parent.get(p as usize).copied().unwrap_or(p);
        if let Some(s) = parent.get_mut(x as usize) {
            *s = gp;
        }
        x = gp;
    }
}

/// Joins the core stored points of `idx` (`core[p] == 1`) that neighbour each
/// other into sets of `parent` (per stored position), each rooted at its
/// member with the lowest sample index. `reps` (`n.div_ceil(CHUNK)` slots)
/// must be filled with [`UNKNOWN`].
#[inline(never)]
pub(super) fn join_core_components<S: Scalar>(
    idx: &Index<'_, S>,
    core: &[u8],
    parent: &mut [u32],
    reps: &mut [u32],
) {
    let n = core.len();
    let d = idx.d();
    let orig = |p: u32| idx.original(p as usize);
    for (p, s) in parent.iter_mut().enumerate() {
        *s = p as u32;
    }
    let (space, thr) = (idx.space, idx.space.thr);
    let cheap_distance = d <= 4;
    for p in 0..n {
        if core.get(p) != Some(&1) {
            continue;
        }
        let (q, _) = idx.point(p);
        let mut rp = find(parent, p as u32);
        idx.for_each_range(q, |lo, hi| {
            let mut a = lo;
            while a < hi {
                let c = a / CHUNK;
                let cend = (c + 1).saturating_mul(CHUNK).min(hi);
                let mut rep = reps.get(c).copied().unwrap_or(UNKNOWN);
                if rep == UNKNOWN {
                    rep = chunk_rep(core, parent, c, n);
                    if let Some(r) = reps.get_mut(c) {
                        *r = rep;
                    }
                }
                if rep == NO_CORE
                    || (rep != UNKNOWN
                        && (rep == rp
                            || parent.get(rep as usize).copied() == Some(rp)
                            || find(parent, rep) == rp))
                {
                    a = cend;
                    continue;
                }
                let rows = idx.rows(a, cend);
                for (k, row) in rows.chunks_exact(d.max(1)).enumerate() {
                    let p2 = a + k;
                    if core.get(p2) != Some(&1) {
                        continue;
                    }
                    // In few dimensions the distance is cheaper than the
                    // (random-access) find, so it goes first.
                    if cheap_distance && space.key(q, row) > thr {
                        continue;
                    }
                    // Fast path: a direct child of the current root is already joined.
                    if parent.get(p2).copied() == Some(rp) || p2 as u32 == rp {
                        continue;
                    }
                    let r2 = find(parent, p2 as u32);
                    if r2 != rp && (cheap_distance || space.key(q, row) <= thr) {
                        let (keep, child) = if orig(r2) < orig(rp) {
                            (r2, rp)
                        } else {
                            (rp, r2)
                        };
                        if let Some(s) = parent.get_mut(child as usize) {
                            *s = keep;
                        }
                        rp = keep;
                    }
                }
                a = cend;
            }
            ControlFlow::Continue(())
        });
    }
}
