//! The cluster dissimilarities the agglomeration loops work on: the
//! [`Dissimilarity`] trait and a condensed matrix updated by the
//! Lance–Williams formulas (scipy's `_hierarchy_distance_update.pxi`). The
//! vector methods' centroids live in [`super::vector`].
//!
//! Slots: cluster storage is indexed by the slot of one of its samples; when
//! slots `a < b` merge, [`Dissimilarity::merge`] says which slot holds the
//! new cluster (the condensed matrix keeps `a`, the centroids keep `b`) and
//! the other becomes inactive. The choice never changes the dendrogram.

use super::params::Method;
use crate::error::{Error, Result};
use crate::scalar::Scalar;
use crate::workspace::Carve;

/// n(n-1)/2, the length of a condensed matrix over `n` samples.
pub fn condensed_len(n: usize) -> Option<usize> {
    let (a, b) = if n % 2 == 0 {
        (n / 2, n.saturating_sub(1))
    } else {
        (n, n.saturating_sub(1) / 2)
    };
    a.checked_mul(b)
}

/// Index of `(i, j)`, `i < j < n`, in a condensed matrix (pdist order).
#[inline(always)]
pub(crate) fn condensed_index(n: usize, i: usize, j: usize) -> usize {
    // i < j < n, so i * (2n - i - 1) is even and fits (n(n-1)/2 was checked).
    (i.wrapping_mul(2usize.wrapping_mul(n).wrapping_sub(i).wrapping_sub(1)) / 2)
        .wrapping_add(j)
        .wrapping_sub(i)
        .wrapping_sub(1)
}

/// A set of clusters with a dissimilarity between any two active slots.
pub(crate) trait Dissimilarity<S: Scalar> {
    /// The comparison value of active slots `i != j` (smaller is closer; a
    /// monotone transform of the merge height).
    fn dist(&self, i: usize, j: usize) -> S;

    /// The merge height of a comparison value.
    fn height(&self, v: S) -> f64;

    /// Merges slots `a < b`, whose comparison value is `dab`; `active` still
    /// lists both. Returns the slot that holds the new cluster (the other
    /// becomes inactive).
    fn merge(&mut self, a: usize, b: usize, dab: S, active: &[u32]) -> usize;

    /// The active slot closest to `a` (other than `a`) and its value. `prev`,
    /// when given, wins ties (the nearest-neighbour chain needs it). `None`
    /// when `a` is the only active slot.
    #[inline]
    fn nearest(&self, a: usize, active: &[u32], prev: Option<usize>) -> Option<(usize, S)> {
        let (mut bj, mut bv) = match prev {
            Some(p) => (p, self.dist(a, p)),
            None => (usize::MAX, S::INFINITY),
        };
        for &j in active {
            let j = j as usize;
            if j == a {
                continue;
            }
            let v = self.dist(a, j);
            if v < bv || bj == usize::MAX {
                bj = j;
                bv = v;
            }
        }
        (bj != usize::MAX).then_some((bj, bv))
    }
}

/// A condensed distance matrix (n(n-1)/2 scalars) with Lance–Williams updates.
pub(crate) struct Condensed<'a, S> {
    dm: &'a mut [S],
    size: &'a mut [S],
    /// `base[i] + j` is the index of `(i, j)`, `i < j` (wrapping arithmetic).
    base: &'a mut [usize],
    n: usize,
    method: Method,
}

#[inline(always)]
fn clamp_sqrt<S: Scalar>(v: S) -> S {
    v.max_of(S::ZERO).sqrt()
}

/// scipy's distance update `new_dist(d_xi, d_yi, d_xy, size_x, size_y, size_i)`.
#[inline(always)]
pub(crate) fn lance_williams<S: Scalar>(
    method: Method,
    dxi: S,
    dyi: S,
    dxy: S,
    sx: S,
    sy: S,
    si: S,
) -> S {
    match method {
        Method::Single => dxi.min_of(dyi),
        Method::Complete => dxi.max_of(dyi),
        Method::Average => (sx * dxi + sy * dyi) / (sx + sy),
        Method::Weighted => S::from_f64(0.5) * (dxi + dyi),
        Method::Ward => {
            let t = S::ONE / (sx + sy + si);
            clamp_sqrt((si + sx) * t * dxi * dxi + (si + sy) * t * dyi * dyi - si * t * dxy * dxy)
        }
        Method::Centroid => clamp_sqrt(
            ((sx * dxi * dxi) + (sy * dyi * dyi) - (sx * sy * dxy * dxy) / (sx + sy)) / (sx + sy),
        ),
        Method::Median => {
            clamp_sqrt(S::from_f64(0.5) * (dxi * dxi + dyi * dyi) - S::from_f64(0.25) * dxy * dxy)
        }
    }
}

/// The workspace arrays of a [`Condensed`] ([`Condensed::carve`]).
pub(crate) struct CondensedParts<'a, S> {
    /// The condensed matrix.
    pub(crate) dm: &'a mut [S],
    size: &'a mut [S],
    base: &'a mut [usize],
}

impl<'a, S: Scalar> Condensed<'a, S> {
    /// Declares the scratch of a condensed matrix over `n` samples: the
    /// matrix (n(n-1)/2 values) and, for [`Condensed::new`], the cluster
    /// sizes and row starts.
    #[inline(always)]
    pub(crate) fn carve(c: &mut impl Carve<'a>, n: usize) -> Result<CondensedParts<'a, S>> {
        let len = condensed_len(n).ok_or(Error::SizeOverflow("workspace"))?;
        Ok(CondensedParts {
            dm: c.take(len)?,
            size: c.take(n)?,
            base: c.take(n)?,
        })
    }

    /// Clusters over the matrix `parts.dm` (n(n-1)/2 values, filled by the
    /// caller, updated in place).
    pub(crate) fn new(parts: CondensedParts<'a, S>, n: usize, method: Method) -> Self {
        let CondensedParts { dm, size, base } = parts;
        size.fill(S::ONE);
        for (i, b) in base.iter_mut().enumerate() {
            *b = condensed_index(n, i, 0);
        }
        Condensed {
            dm,
            size,
            base,
            n,
            method,
        }
    }

    #[inline(always)]
    fn idx(&self, i: usize, j: usize) -> usize {
        self.base
            .get(i)
            .copied()
            .unwrap_or(usize::MAX)
            .wrapping_add(j)
    }

    #[inline(always)]
    fn at(&self, i: usize, j: usize) -> S {
        let (i, j) = if i < j { (i, j) } else { (j, i) };
        self.dm.get(self.idx(i, j)).copied().unwrap_or(S::INFINITY)
    }

    /// Row `i` of the upper triangle: `(i, j)` for `j > i` is `row[j - i - 1]`.
    #[inline(always)]
    fn row(&self, i: usize) -> &[S] {
        let start = self.idx(i, i.wrapping_add(1));
        let len = self.n.saturating_sub(i.wrapping_add(1));
        self.dm.get(start..start.wrapping_add(len)).unwrap_or(&[])
    }
}

/// Splits the sorted `active` around `slot`: entries below and above it.
#[inline(always)]
fn split_sorted(active: &[u32], slot: usize) -> (&[u32], &[u32]) {
    let p = active.partition_point(|&j| (j as usize) < slot);
    let (lo, hi) = active.split_at_checked(p).unwrap_or((active, &[]));
    let hi = match hi.first() {
        Some(&j) if j as usize == slot => hi.get(1..).unwrap_or(&[]),
        _ => hi,
    };
    (lo, hi)
}

impl<S: Scalar> Dissimilarity<S> for Condensed<'_, S> {
    #[inline(always)]
    fn dist(&self, i: usize, j: usize) -> S {
        self.at(i, j)
    }

    fn height(&self, v: S) -> f64 {
        v.to_f64()
    }

    /// Lance–Williams update of every active `k` against the merged pair,
    /// walking the column part (`k < slot`) and the contiguous row part
    /// (`k > slot`) separately; `active` is sorted.
    fn merge(&mut self, a: usize, b: usize, dab: S, active: &[u32]) -> usize {
        let sa = self.size.get(a).copied().unwrap_or(S::ONE);
        let sb = self.size.get(b).copied().unwrap_or(S::ONE);
        let method = self.method;
        // The new cluster lives in slot a (the lower one: later searches from
        // it read more of the contiguous row than of the strided column);
        // the update formula still takes a's distance first, as scipy does.
        // k < a reads row k; a < k < b writes row a and reads column b; k > b
        // reads rows a and b.
        let (below_a, rest) = split_sorted(active, a);
        let (between, above_b) = split_sorted(rest, b);
        for &k in below_a {
            let k = k as usize;
            let sk = self.size.get(k).copied().unwrap_or(S::ONE);
            let base = self.base.get(k).copied().unwrap_or(usize::MAX);
            let dkb = self
                .dm
                .get(base.wrapping_add(b))
                .copied()
                .unwrap_or(S::INFINITY);
            if let Some(v) = self.dm.get_mut(base.wrapping_add(a)) {
                *v = lance_williams(method, *v, dkb, dab, sa, sb, sk);
            }
        }
        let base_a = self.base.get(a).copied().unwrap_or(usize::MAX);
        for &k in between {
            let k = k as usize;
            let sk = self.size.get(k).copied().unwrap_or(S::ONE);
            let dkb = self.dm.get(self.idx(k, b)).copied().unwrap_or(S::INFINITY);
            if let Some(v) = self.dm.get_mut(base_a.wrapping_add(k)) {
                *v = lance_williams(method, *v, dkb, dab, sa, sb, sk);
            }
        }
        let base_b = self.base.get(b).copied().unwrap_or(usize::MAX);
        for &k in above_b {
            let k = k as usize;
            let sk = self.size.get(k).copied().unwrap_or(S::ONE);
            let dkb = self
                .dm
                .get(base_b.wrapping_add(k))
                .copied()
                .unwrap_or(S::INFINITY);
            if let Some(v) = self.dm.get_mut(base_a.wrapping_add(k)) {
                *v = lance_williams(method, *v, dkb, dab, sa, sb, sk);
            }
        }
        if let Some(s) = self.size.get_mut(a) {
            *s = sa + sb;
        }
        a
    }

    /// The same search as the default, split into the column part (`j < a`)
    /// and the contiguous row part (`j > a`) of the condensed matrix; `active`
    /// is sorted.
    fn nearest(&self, a: usize, active: &[u32], prev: Option<usize>) -> Option<(usize, S)> {
        let (mut bj, mut bv) = match prev {
            Some(p) => (p, self.at(a, p)),
            None => (usize::MAX, S::INFINITY),
        };
        let (lo, hi) = split_sorted(active, a);
        for &j in lo {
            let j = j as usize;
            let v = self.dm.get(self.idx(j, a)).copied().unwrap_or(S::INFINITY);
            if v < bv || bj == usize::MAX {
                bj = j;
                bv = v;
            }
        }
        let row = self.row(a);
        let off = a.wrapping_add(1);
        for &j in hi {
            let j = j as usize;
            let v = row.get(j.wrapping_sub(off)).copied().unwrap_or(S::INFINITY);
            if v < bv || bj == usize::MAX {
                bj = j;
                bv = v;
            }
        }
        (bj != usize::MAX).then_some((bj, bv))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn condensed_index_is_pdist_order() {
        let n = 6;
        let mut k = 0;
        for i in 0..n {
            for j in i + 1..n {
                assert_eq!(condensed_index(n, i, j), k);
                k += 1;
            }
        }
    }
}
