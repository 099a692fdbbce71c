//! The generic agglomeration for centroid and median, whose heights can
//! decrease (no nearest-neighbour chain): always merge the globally closest
//! pair, keeping a nearest neighbour and its distance for every active
//! cluster (fastcluster's `generic_linkage` / `generic_linkage_vector`).
//! With [`super::dissim::Centroids`] it needs O(n*d) memory: distances are
//! recomputed from centroids instead of stored.
//!
//! Merges are recorded in the order they happen (scipy keeps that order for
//! these methods). Workspace: `active`, `nn` (n slots each) and `mind` (n
//! scalars), plus the [`Dissimilarity`].

use super::dissim::Dissimilarity;
use super::label::Records;
use super::nn_chain::{position, remove_at};
use crate::error::{Error, Result};
use crate::scalar::Scalar;

/// Recomputes the nearest neighbour of `k`.
#[inline]
fn refresh<S: Scalar, D: Dissimilarity<S>>(
    dis: &D,
    k: usize,
    act: &[u32],
    nn: &mut [u32],
    mind: &mut [S],
) {
    let (j, v) = dis.nearest(k, act, None).unwrap_or((k, S::INFINITY));
    if let (Some(x), Some(y)) = (nn.get_mut(k), mind.get_mut(k)) {
        *x = j as u32;
        *y = v;
    }
}

/// Agglomerates `n` singleton slots; `active`, `nn` and `mind` hold `n` entries.
pub(crate) fn generic<S: Scalar, D: Dissimilarity<S>>(
    dis: &mut D,
    n: usize,
    active: &mut [u32],
    nn: &mut [u32],
    mind: &mut [S],
    rec: &mut Records<'_>,
) -> Result<()> {
    let bad = Error::Numerical("linkage");
    for (i, a) in active.iter_mut().enumerate() {
        *a = i as u32;
    }
    let mut n_active = n.min(active.len());
    for k in 0..n_active {
        refresh(dis, k, active.get(..n_active).unwrap_or(&[]), nn, mind);
    }
    while n_active > 1 {
        let act = active.get(..n_active).unwrap_or(&[]);
        // The globally closest pair: the smallest nearest-neighbour distance.
        let mut ia = act.first().copied().ok_or(bad)? as usize;
        let mut best = mind.get(ia).copied().ok_or(bad)?;
        for &k in act {
            let v = mind.get(k as usize).copied().unwrap_or(S::INFINITY);
            if v < best {
                best = v;
                ia = k as usize;
            }
        }
        let ib = nn.get(ia).copied().ok_or(bad)? as usize;
        if ib == ia {
            return Err(bad);
        }
        let (lo, hi) = if ia < ib { (ia, ib) } else { (ib, ia) };
        rec.push(lo, hi, dis.height(best))?;
        // b: the slot of the new cluster; a: the slot that goes.
        let b = dis.merge(lo, hi, best, act);
        let a = if b == lo { hi } else { lo };
        let p = position(act, a).ok_or(bad)?;
        remove_at(active, p, n_active);
        n_active -= 1;
        let act = active.get(..n_active).unwrap_or(&[]);
        for &k in act {
            let k = k as usize;
            if k == b {
                continue;
            }
            let nk = nn.get(k).copied().unwrap_or(0) as usize;
            if nk == a || nk == b {
                refresh(dis, k, act, nn, mind);
            } else {
                let v = dis.dist(k, b);
                if let (Some(x), Some(y)) = (nn.get_mut(k), mind.get_mut(k)) {
                    if v < *y {
                        *x = b as u32;
                        *y = v;
                    }
                }
            }
        }
        if n_active > 1 {
            refresh(dis, b, act, nn, mind);
        }
    }
    Ok(())
}
