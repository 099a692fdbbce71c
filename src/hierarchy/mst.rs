//! Single linkage as a minimum spanning tree (Prim's algorithm over the
//! observations, or over a condensed matrix read in place): O(n^2)
//! distance evaluations, O(n) workspace, any metric. The n - 1 tree edges are
//! recorded in the order Prim adds them; [`super::label::finish`] sorts them
//! by height, which turns the MST into scipy's single-linkage `Z`.
//!
//! Workspace: `rest` (the samples not yet in the tree), `mind` (each one's
//! distance to the tree) and `near` (its closest tree sample), n entries each.

use super::label::{remove_at, Records};
use crate::error::{Error, Result};
use crate::scalar::Scalar;

/// Prim's algorithm from sample 0. `dist(i, j)` is a comparison value (a
/// monotone transform of the distance, e.g. the squared Euclidean distance)
/// and `height` maps it back to the distance.
pub(crate) fn prim<S: Scalar>(
    n: usize,
    dist: impl Fn(usize, usize) -> S,
    height: impl Fn(S) -> f64,
    rest: &mut [u32],
    mind: &mut [S],
    near: &mut [u32],
    rec: &mut Records<'_>,
) -> Result<()> {
    let m = n.saturating_sub(1);
    let (rest, mind, near) = match (rest.get_mut(..m), mind.get_mut(..m), near.get_mut(..m)) {
        (Some(r), Some(d), Some(c)) => (r, d, c),
        _ => return Err(Error::Numerical("linkage")),
    };
    for (i, ((r, d), c)) in rest
        .iter_mut()
        .zip(mind.iter_mut())
        .zip(near.iter_mut())
        .enumerate()
    {
        *r = (i + 1) as u32;
        *d = S::INFINITY;
        *c = 0;
    }
    let mut len = m;
    let mut cur = 0usize;
    while len > 0 {
        let (r, d, c) = match (
            rest.get_mut(..len),
            mind.get_mut(..len),
            near.get_mut(..len),
        ) {
            (Some(r), Some(d), Some(c)) => (r, d, c),
            _ => return Err(Error::Numerical("linkage")),
        };
        let mut best = 0usize;
        let mut best_v = S::INFINITY;
        for (p, ((&j, dj), cj)) in r.iter().zip(d.iter_mut()).zip(c.iter_mut()).enumerate() {
            let v = dist(cur, j as usize);
            if v < *dj {
                *dj = v;
                *cj = cur as u32;
            }
            if *dj < best_v {
                best_v = *dj;
                best = p;
            }
        }
        let last = len - 1;
        let (j, v, from) = match (r.get(best), d.get(best), c.get(best)) {
            (Some(&j), Some(&v), Some(&f)) => (j, v, f),
            _ => return Err(Error::Numerical("linkage")),
        };
        rec.push(from as usize, j as usize, height(v))?;
        // Remove the new tree sample, keeping index order (the scan then
        // walks the observations in memory order).
        remove_at(r, best, len);
        remove_at(d, best, len);
        remove_at(c, best, len);
        cur = j as usize;
        len = last;
    }
    Ok(())
}
