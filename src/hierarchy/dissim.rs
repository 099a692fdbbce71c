//! The cluster dissimilarities the agglomeration loops work on: the
//! [`Dissimilarity`] trait and a condensed matrix updated by the
//! Lance–Williams formulas (scipy's `_hierarchy_distance_update.pxi`). The
//! vector methods' centroids live in [`super::vector`].
//!
//! Slots: cluster storage is indexed by the slot of one of its samples; when
//! slots `a < b` merge, the cluster lives on in slot `b` (scipy's and
//! fastcluster's convention) and `a` becomes inactive.

use super::params::Method;
use crate::scalar::Scalar;

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

    /// Merges slot `a` into slot `b` (`a < b`), whose comparison value is
    /// `dab`; `active` still lists both.
    fn merge(&mut self, a: usize, b: usize, dab: S, active: &[u32]);

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
    pub(crate) dm: &'a mut [S],
    pub(crate) size: &'a mut [S],
    pub(crate) n: usize,
    pub(crate) method: Method,
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

impl<S: Scalar> Condensed<'_, S> {
    #[inline(always)]
    fn at(&self, i: usize, j: usize) -> S {
        let (i, j) = if i < j { (i, j) } else { (j, i) };
        self.dm
            .get(condensed_index(self.n, i, j))
            .copied()
            .unwrap_or(S::INFINITY)
    }
}

impl<S: Scalar> Dissimilarity<S> for Condensed<'_, S> {
    #[inline(always)]
    fn dist(&self, i: usize, j: usize) -> S {
        self.at(i, j)
    }

    fn height(&self, v: S) -> f64 {
        v.to_f64()
    }

    fn merge(&mut self, a: usize, b: usize, dab: S, active: &[u32]) {
        let sa = self.size.get(a).copied().unwrap_or(S::ONE);
        let sb = self.size.get(b).copied().unwrap_or(S::ONE);
        let method = self.method;
        for &k in active {
            let k = k as usize;
            if k == a || k == b {
                continue;
            }
            let sk = self.size.get(k).copied().unwrap_or(S::ONE);
            let new = lance_williams(method, self.at(k, a), self.at(k, b), dab, sa, sb, sk);
            let (i, j) = if k < b { (k, b) } else { (b, k) };
            if let Some(v) = self.dm.get_mut(condensed_index(self.n, i, j)) {
                *v = new;
            }
        }
        if let Some(s) = self.size.get_mut(b) {
            *s = sa + sb;
        }
    }

    /// The same search as the default, split into the column part (`j < a`)
    /// and the contiguous row part (`j > a`) of the condensed matrix; `active`
    /// is sorted.
    fn nearest(&self, a: usize, active: &[u32], prev: Option<usize>) -> Option<(usize, S)> {
        let n = self.n;
        let (mut bj, mut bv) = match prev {
            Some(p) => (p, self.at(a, p)),
            None => (usize::MAX, S::INFINITY),
        };
        let row_start = condensed_index(n, a, a.wrapping_add(1));
        let row = self
            .dm
            .get(row_start..row_start.wrapping_add(n.saturating_sub(a + 1)))
            .unwrap_or(&[]);
        for &j in active {
            let j = j as usize;
            let v = if j < a {
                self.dm
                    .get(condensed_index(n, j, a))
                    .copied()
                    .unwrap_or(S::INFINITY)
            } else if j > a {
                row.get(j - a - 1).copied().unwrap_or(S::INFINITY)
            } else {
                continue;
            };
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
