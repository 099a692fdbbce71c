//! Cluster centroids and sizes for the vector methods (ward, centroid,
//! median): O(n*d) memory instead of a condensed matrix, like fastcluster's
//! `linkage_vector`.
//!
//! Centroids are stored centred on the data mean (`x - mean`, exact for data
//! near the mean by Sterbenz's lemma), so that a large common offset changes
//! neither the merged centroids nor the heights: on raw coordinates,
//! `1e8 + {0, 0, 0.25, 0.75}` lost 7.5e-9 of relative height to the rounding
//! of each merged centroid.
//!
//! Nearest-neighbour searches are pruned with a one-dimensional projection:
//! every centroid has a key `u . (c - mean)` along the data's first principal
//! direction `u` (a few power iterations), and the active clusters are kept
//! sorted by key. Since `|u . (c_a - c_j)| <= |c_a - c_j|` and the ward
//! factor `n_a n_j / (n_a + n_j)` is at least 1/2, a search walks outward
//! from `a` in key order and stops on each side once the key gap alone
//! exceeds the best value found (with a rounding margin). The result is the
//! same as a full scan; only the number of distance evaluations changes.

use super::dissim::Dissimilarity;
use super::label::{heapsort, remove_at};
use super::params::Method;
use crate::distance::{dot, sq_euclidean};
use crate::error::Result;
use crate::scalar::Scalar;
use crate::sort::swap_checked;
use crate::workspace::Carve;

/// Centroids (ward, centroid) or WPGMC medians, one row of `d` per slot,
/// with the projection index.
pub(crate) struct Centroids<'a, S> {
    /// Centroids minus the data mean.
    c: &'a mut [S],
    size: &'a mut [S],
    key: &'a mut [S],
    /// Active slots sorted by key.
    order: &'a mut [u32],
    /// Position of each active slot in `order`.
    pos: &'a mut [u32],
    u: &'a [S],
    len: usize,
    d: usize,
    /// 1/2 for ward (the smallest size factor), 1 otherwise.
    factor: S,
    rel: S,
    abs: S,
    method: Method,
}

/// The workspace arrays of [`Centroids`] ([`Centroids::carve`]).
pub(crate) struct CentroidParts<'a, S> {
    c: &'a mut [S],
    size: &'a mut [S],
    key: &'a mut [S],
    order: &'a mut [u32],
    pos: &'a mut [u32],
    mean: &'a mut [S],
    u: &'a mut [S],
    w: &'a mut [S],
}

impl<'a, S: Scalar> Centroids<'a, S> {
    /// Declares the scratch of [`Centroids::new`] for `n` samples of dimension `d`.
    #[inline(always)]
    pub(crate) fn carve(
        c: &mut impl Carve<'a>,
        n: usize,
        d: usize,
    ) -> Result<CentroidParts<'a, S>> {
        let nd = n
            .checked_mul(d)
            .ok_or(crate::Error::SizeOverflow("workspace"))?;
        Ok(CentroidParts {
            c: c.take(nd)?,
            size: c.take(n)?,
            key: c.take(n)?,
            order: c.take(n)?,
            pos: c.take(n)?,
            mean: c.take(d)?,
            u: c.take(d)?,
            w: c.take(d)?,
        })
    }

    /// Singleton clusters at the rows of `x` (`n x d`, validated), in `parts`
    /// (from [`Centroids::carve`]`(.., n, d)`).
    pub(crate) fn new(
        x: &[S],
        n: usize,
        d: usize,
        method: Method,
        parts: CentroidParts<'a, S>,
    ) -> Self {
        let CentroidParts {
            c,
            size,
            key,
            order,
            pos,
            mean,
            u,
            w,
        } = parts;
        size.fill(S::ONE);
        mean.fill(S::ZERO);
        u.fill(S::ZERO);
        w.fill(S::ZERO);
        let d1 = d.max(1);
        // Mean (a fixed summation order), then the centred norm bound.
        for row in x.chunks_exact(d1) {
            for (m, &v) in mean.iter_mut().zip(row) {
                *m += v;
            }
        }
        let inv_n = S::ONE / S::from_usize(n.max(1));
        for m in mean.iter_mut() {
            *m *= inv_n;
        }
        for (t, (&v, &m)) in c.iter_mut().zip(x.iter().zip(mean.iter().cycle())) {
            *t = v - m;
        }
        let mut max_norm = S::ZERO;
        for row in x.chunks_exact(d1) {
            max_norm = max_norm.max_of(sq_euclidean(row, mean).sqrt());
        }
        // First principal direction by power iteration from the diagonal.
        let start = S::ONE / S::from_usize(d1).sqrt();
        u.fill(start);
        for _ in 0..8 {
            w.fill(S::ZERO);
            for row in x.chunks_exact(d1) {
                let mut p = S::ZERO;
                for ((&r, &m), &ui) in row.iter().zip(mean.iter()).zip(u.iter()) {
                    p += (r - m) * ui;
                }
                for ((wi, &r), &m) in w.iter_mut().zip(row).zip(mean.iter()) {
                    *wi += p * (r - m);
                }
            }
            let norm = dot(w, w).sqrt();
            if norm == S::ZERO || !norm.is_finite() {
                break;
            }
            for (ui, &wi) in u.iter_mut().zip(w.iter()) {
                *ui = wi / norm;
            }
        }
        let this = Centroids {
            c,
            size,
            key,
            order,
            pos,
            u,
            len: n,
            d,
            factor: if method == Method::Ward {
                S::from_f64(0.5)
            } else {
                S::ONE
            },
            // Rounding margins of the key bound (relative and absolute).
            rel: S::from_usize(d + 16) * S::EPSILON,
            abs: S::from_usize(8 * (d + 1)) * S::EPSILON * max_norm,
            method,
        };
        for i in 0..n {
            let k = this.key_of(i);
            if let Some(t) = this.key.get_mut(i) {
                *t = k;
            }
        }
        for (i, o) in this.order.iter_mut().enumerate() {
            *o = i as u32;
        }
        let key = &*this.key;
        heapsort(this.order, |p, q| {
            let (kp, kq) = (key.get(p as usize).copied(), key.get(q as usize).copied());
            kp < kq || (kp == kq && p < q)
        });
        for (p, &slot) in this.order.iter().enumerate() {
            if let Some(x) = this.pos.get_mut(slot as usize) {
                *x = p as u32;
            }
        }
        this
    }

    #[inline(always)]
    fn row(&self, i: usize) -> &[S] {
        let s = i.wrapping_mul(self.d);
        self.c.get(s..s.wrapping_add(self.d)).unwrap_or(&[])
    }

    fn key_of(&self, i: usize) -> S {
        let mut k = S::ZERO;
        // The rows are already centred.
        for (&r, &ui) in self.row(i).iter().zip(self.u) {
            k += r * ui;
        }
        k
    }

    #[inline(always)]
    fn key(&self, slot: u32) -> S {
        self.key.get(slot as usize).copied().unwrap_or(S::ZERO)
    }

    /// The key of the slot at position `p` of the key order.
    #[inline(always)]
    fn key_at(&self, p: usize) -> S {
        self.key(self.order.get(p).copied().unwrap_or(0))
    }

    /// The largest key gap that can still hold a value `<= bv`.
    #[inline]
    fn reach(&self, bv: S) -> S {
        (bv / self.factor).sqrt() * (S::ONE + self.rel) + self.abs
    }

    /// Walks `side` (slots in increasing key distance from `a`) until the key
    /// gap exceeds the reach of the best value; `best` is (slot, value, reach).
    #[inline(always)]
    fn scan<'i>(
        &self,
        a: usize,
        ka: S,
        side: impl Iterator<Item = &'i u32>,
        best: &mut (usize, S, S),
    ) {
        for &j in side {
            let gap = (self.key(j) - ka).abs();
            if gap > best.2 && best.0 != usize::MAX {
                break;
            }
            let j = j as usize;
            let v = self.dist(a, j);
            if v < best.1 || best.0 == usize::MAX {
                *best = (j, v, self.reach(v));
            }
        }
    }

    fn set_pos(&mut self, p: usize) {
        if let Some(&slot) = self.order.get(p) {
            if let Some(x) = self.pos.get_mut(slot as usize) {
                *x = p as u32;
            }
        }
    }
}

impl<S: Scalar> Dissimilarity<S> for Centroids<'_, S> {
    /// Ward: `n_i n_j / (n_i + n_j) * |c_i - c_j|^2` (half the squared ward
    /// height); centroid and median: `|c_i - c_j|^2`.
    #[inline(always)]
    fn dist(&self, i: usize, j: usize) -> S {
        let sq = sq_euclidean(self.row(i), self.row(j));
        if self.method == Method::Ward {
            let si = self.size.get(i).copied().unwrap_or(S::ONE);
            let sj = self.size.get(j).copied().unwrap_or(S::ONE);
            sq * (si * sj / (si + sj))
        } else {
            sq
        }
    }

    fn height(&self, v: S) -> f64 {
        if self.method == Method::Ward {
            (v + v).sqrt().to_f64()
        } else {
            v.sqrt().to_f64()
        }
    }

    /// The pruned search of the module docs; `active` is not needed (the
    /// key order holds exactly the active slots).
    fn nearest(&self, a: usize, _active: &[u32], prev: Option<usize>) -> Option<(usize, S)> {
        let (mut bj, mut bv) = match prev {
            Some(p) => (p, self.dist(a, p)),
            None => (usize::MAX, S::INFINITY),
        };
        let mut reach = self.reach(bv);
        let ka = self.key.get(a).copied().unwrap_or(S::ZERO);
        let p0 = self.pos.get(a).copied().unwrap_or(0) as usize;
        let order = self.order.get(..self.len).unwrap_or(&[]);
        let (left, right) = order.split_at_checked(p0).unwrap_or((order, &[]));
        let right = right.get(1..).unwrap_or(&[]);
        let mut best = (bj, bv, reach);
        self.scan(a, ka, right.iter(), &mut best);
        self.scan(a, ka, left.iter().rev(), &mut best);
        (bj, bv, reach) = best;
        let _ = reach;
        (bj != usize::MAX).then_some((bj, bv))
    }

    fn merge(&mut self, a: usize, b: usize, _dab: S, _active: &[u32]) -> usize {
        let sa = self.size.get(a).copied().unwrap_or(S::ONE);
        let sb = self.size.get(b).copied().unwrap_or(S::ONE);
        // The merged centroid as `c_b + w_a (c_a - c_b)`: exactly `c_b` when
        // the two coincide (duplicates keep merging at height exactly 0;
        // `w_a c_a + w_b c_b` rounds away from it).
        let wa = if self.method == Method::Median {
            S::from_f64(0.5)
        } else {
            sa / (sa + sb)
        };
        let d = self.d;
        let (oa, ob) = (a.wrapping_mul(d), b.wrapping_mul(d));
        for t in 0..d {
            let va = self.c.get(oa.wrapping_add(t)).copied().unwrap_or(S::ZERO);
            if let Some(vb) = self.c.get_mut(ob.wrapping_add(t)) {
                *vb += wa * (va - *vb);
            }
        }
        if let Some(s) = self.size.get_mut(b) {
            *s = sa + sb;
        }
        // Drop `a` from the key order.
        let len = self.len.min(self.order.len());
        let pa = self.pos.get(a).copied().unwrap_or(0) as usize;
        if pa < len {
            remove_at(self.order, pa, len);
            self.len = len - 1;
            for p in pa..self.len {
                self.set_pos(p);
            }
        }
        // Re-key `b` and move it to its place.
        let kb = self.key_of(b);
        if let Some(k) = self.key.get_mut(b) {
            *k = kb;
        }
        let mut p = self.pos.get(b).copied().unwrap_or(0) as usize;
        let len = self.len.min(self.order.len());
        while p > 0 && p < len && self.key_at(p - 1) > kb {
            swap_checked(self.order, p - 1, p);
            self.set_pos(p);
            p -= 1;
        }
        while p + 1 < len && self.key_at(p + 1) < kb {
            swap_checked(self.order, p, p + 1);
            self.set_pos(p);
            p += 1;
        }
        self.set_pos(p);
        b
    }
}

#[cfg(test)]
mod tests {
    use super::super::dissim::lance_williams;
    use super::*;
    use crate::workspace::{Sizer, Workspace};
    extern crate std;
    use std::vec;

    /// Sizes the f64 centroid scratch.
    fn size(c: &mut Sizer, n: usize, d: usize) -> Result<()> {
        Centroids::<f64>::carve(c, n, d).map(drop)
    }

    #[test]
    fn vector_updates_agree_with_lance_williams() {
        // Three points on a line: 0, 1, 3. Merge 0 and 1, distance to 3.
        for method in [Method::Ward, Method::Centroid, Method::Median] {
            let x = [0.0f64, 1.0, 3.0];
            let mut buf = vec![0u8; Sizer::measure(|c| size(c, 3, 1)).unwrap().bytes()];
            let parts = Centroids::carve(&mut Workspace::new(&mut buf), 3, 1).unwrap();
            let mut v = Centroids::new(&x, 3, 1, method, parts);
            let dab = v.dist(0, 1);
            v.merge(0, 1, dab, &[0, 1, 2]);
            let got = v.height(v.dist(1, 2));
            let want = lance_williams(method, 3.0, 2.0, 1.0, 1.0, 1.0, 1.0);
            assert!((got - want).abs() < 1e-12, "{method:?}: {got} vs {want}");
            assert_eq!(v.nearest(1, &[], None), Some((2, v.dist(1, 2))));
        }
    }

    #[test]
    fn pruned_search_equals_a_full_scan() {
        let mut rng = crate::rng::Rng::new(11);
        let (n, d) = (60, 3);
        let x: std::vec::Vec<f64> = (0..n * d).map(|_| rng.next_f64() * 10.0).collect();
        let mut buf = vec![0u8; Sizer::measure(|c| size(c, n, d)).unwrap().bytes()];
        let parts = Centroids::carve(&mut Workspace::new(&mut buf), n, d).unwrap();
        let mut v = Centroids::new(&x, n, d, Method::Ward, parts);
        let mut active: std::vec::Vec<u32> = (0..n as u32).collect();
        while active.len() > 2 {
            for &a in &active {
                let a = a as usize;
                let full = active
                    .iter()
                    .filter(|&&j| j as usize != a)
                    .map(|&j| (v.dist(a, j as usize), j as usize))
                    .fold((f64::INFINITY, 0), |b, c| if c.0 < b.0 { c } else { b });
                assert_eq!(v.nearest(a, &active, None), Some((full.1, full.0)));
            }
            let (a, b) = (active[0] as usize, active[active.len() / 2] as usize);
            let dab = v.dist(a, b);
            v.merge(a, b, dab, &active);
            active.retain(|&s| s as usize != a);
        }
    }
}
