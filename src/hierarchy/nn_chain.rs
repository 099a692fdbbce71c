//! The nearest-neighbour chain algorithm (Murtagh; fastcluster's and scipy's
//! `nn_chain`) for the reducible methods: complete, average, weighted and
//! ward. Follow nearest neighbours until two clusters are each other's
//! nearest neighbour, merge them, continue from the rest of the chain. For
//! reducible methods this yields the same dendrogram as always merging the
//! globally closest pair; the merges come out of order, and
//! [`super::label::finish`] sorts them by height like scipy.
//!
//! Workspace: `active` (n) and `chain` (n) slots, plus whatever the
//! [`Dissimilarity`] holds (a condensed matrix, or centroids and sizes).

use super::dissim::Dissimilarity;
use super::label::Records;
use crate::error::{Error, Result};
use crate::scalar::Scalar;

pub(crate) use super::label::remove_at;

/// Position of `slot` in the sorted list `list`.
#[inline]
pub(crate) fn position(list: &[u32], slot: usize) -> Option<usize> {
    list.binary_search(&(slot as u32)).ok()
}

/// Runs the chain over `n` singleton slots; `active` and `chain` hold `n`
/// entries each. Fails with `Numerical` if the distances are not consistent
/// (NaN), which stops the chain from terminating in its usual bound.
pub(crate) fn nn_chain<S: Scalar, D: Dissimilarity<S>>(
    dis: &mut D,
    n: usize,
    active: &mut [u32],
    chain: &mut [u32],
    rec: &mut Records<'_>,
) -> Result<()> {
    let bad = Error::Numerical("linkage");
    for (i, a) in active.iter_mut().enumerate() {
        *a = i as u32;
    }
    let mut n_active = n.min(active.len());
    let mut len = 0usize;
    // Each cluster (2n - 1 in all) is pushed at most once and every search
    // either pushes or merges, so 3n searches suffice on consistent input.
    let mut budget = n.saturating_mul(4).saturating_add(8);
    while n_active > 1 {
        if len == 0 {
            match (chain.first_mut(), active.first()) {
                (Some(c), Some(&a)) => *c = a,
                _ => return Err(bad),
            }
            len = 1;
        }
        let (a, b, dab) = loop {
            budget = budget.checked_sub(1).ok_or(bad)?;
            let a = chain.get(len.wrapping_sub(1)).copied().ok_or(bad)? as usize;
            let prev = if len >= 2 {
                chain.get(len - 2).map(|&p| p as usize)
            } else {
                None
            };
            let act = active.get(..n_active).unwrap_or(&[]);
            let (b, v) = dis.nearest(a, act, prev).ok_or(bad)?;
            if Some(b) == prev {
                break (a, b, v);
            }
            *chain.get_mut(len).ok_or(bad)? = b as u32;
            len += 1;
        };
        len -= 2;
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        rec.push(lo, hi, dis.height(dab))?;
        let keep = dis.merge(lo, hi, dab, active.get(..n_active).unwrap_or(&[]));
        let gone = if keep == lo { hi } else { lo };
        let p = position(active.get(..n_active).unwrap_or(&[]), gone).ok_or(bad)?;
        remove_at(active, p, n_active);
        n_active -= 1;
    }
    Ok(())
}
