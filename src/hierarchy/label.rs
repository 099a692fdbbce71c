//! Turning raw merges into scipy's `Z`: the algorithms record each merge as a
//! pair of *representative samples* (any member of each cluster) and a
//! height, in the order they happened. [`finish`] sorts them by height when
//! the method is monotone (scipy's stable sort; ties keep merge order), then
//! relabels them with a union-find exactly like scipy's `label`: the cluster
//! made by row `s` gets id `n + s`, `left < right`, sizes are member counts.

use super::Merge;
use crate::error::{Error, Result};
use crate::workspace::Carve;

/// Raw merges in the order an algorithm produced them.
pub(crate) struct Records<'a> {
    a: &'a mut [u32],
    b: &'a mut [u32],
    h: &'a mut [f64],
    len: usize,
}

impl<'a> Records<'a> {
    /// Declares room for `m` records.
    #[inline(always)]
    pub(crate) fn carve(c: &mut impl Carve<'a>, m: usize) -> Result<Self> {
        Ok(Records {
            a: c.take(m)?,
            b: c.take(m)?,
            h: c.take(m)?,
            len: 0,
        })
    }

    /// Appends one merge of the clusters containing samples `a` and `b`.
    #[inline]
    pub(crate) fn push(&mut self, a: usize, b: usize, h: f64) -> Result<()> {
        let i = self.len;
        match (self.a.get_mut(i), self.b.get_mut(i), self.h.get_mut(i)) {
            (Some(ra), Some(rb), Some(rh)) => {
                *ra = a as u32;
                *rb = b as u32;
                *rh = h;
                self.len += 1;
                Ok(())
            }
            _ => Err(Error::Numerical("merges")),
        }
    }
}

/// The scratch of [`finish`], declared once: the sort permutation (`n - 1`)
/// and the union-find's parents, ids and sizes (`n` each).
pub(crate) struct FinishScratch<'a> {
    perm: &'a mut [u32],
    parent: &'a mut [u32],
    id: &'a mut [u32],
    size: &'a mut [u32],
}

impl<'a> FinishScratch<'a> {
    /// The declaration for `n` samples.
    #[inline(always)]
    pub(crate) fn carve(c: &mut impl Carve<'a>, n: usize) -> Result<Self> {
        Ok(FinishScratch {
            perm: c.take(n.saturating_sub(1))?,
            parent: c.take(n)?,
            id: c.take(n)?,
            size: c.take(n)?,
        })
    }
}

/// `true` if record `p` sorts before record `q` (by height, then merge order).
#[inline]
fn before(h: &[f64], p: u32, q: u32) -> bool {
    let hp = h.get(p as usize).copied().unwrap_or(0.0);
    let hq = h.get(q as usize).copied().unwrap_or(0.0);
    hp < hq || (hp == hq && p < q)
}

/// Heapsort of `perm` by `before` (a total order on finite heights: ties by
/// index, so the result equals a stable sort). In place, panic-free.
pub(crate) fn sort_by_height(perm: &mut [u32], h: &[f64]) {
    heapsort(perm, |p, q| before(h, p, q));
}

/// Moves the entries after `p` in `list[..len]` one place down, dropping
/// `list[p]` (order kept); a no-op when out of range.
#[inline]
pub(crate) fn remove_at<T: Copy>(list: &mut [T], p: usize, len: usize) {
    let Some(s) = list.get_mut(p..len) else {
        return;
    };
    for i in 1..s.len() {
        if let Some(&v) = s.get(i) {
            if let Some(t) = s.get_mut(i - 1) {
                *t = v;
            }
        }
    }
}

/// Sorts `perm` by the strict order `less` (the crate's panic-free heapsort).
pub(crate) fn heapsort(perm: &mut [u32], less: impl Fn(u32, u32) -> bool) {
    crate::sort::heapsort_by(perm, |&p, &q| less(p, q));
}

/// Root of `x` with path halving.
#[inline]
fn find(parent: &mut [u32], mut x: usize) -> usize {
    for _ in 0..parent.len() {
        let p = match parent.get(x) {
            Some(&p) => p as usize,
            None => return x,
        };
        if p == x {
            return x;
        }
        let gp = parent.get(p).copied().unwrap_or(p as u32);
        if let Some(slot) = parent.get_mut(x) {
            *slot = gp;
        }
        x = gp as usize;
    }
    x
}

/// Writes scipy's `Z` for `rec` (which must hold `n - 1` merges) into `out`.
/// Fails with `Numerical` (leaving `out` untouched) if a height is not finite.
pub(crate) fn finish(
    rec: &Records<'_>,
    sort: bool,
    n: usize,
    scratch: FinishScratch<'_>,
    out: &mut [Merge],
) -> Result<()> {
    let m = n.saturating_sub(1);
    if rec.len != m || out.len() != m {
        return Err(Error::Numerical("merges"));
    }
    if rec.h.iter().any(|h| !h.is_finite() || *h < 0.0) {
        return Err(Error::Numerical("merges"));
    }
    let FinishScratch {
        perm,
        parent,
        id,
        size,
    } = scratch;
    for (i, p) in perm.iter_mut().enumerate() {
        *p = i as u32;
    }
    if sort {
        sort_by_height(perm, rec.h);
    }
    for (i, ((p, c), s)) in parent
        .iter_mut()
        .zip(id.iter_mut())
        .zip(size.iter_mut())
        .enumerate()
    {
        *p = i as u32;
        *c = i as u32;
        *s = 1;
    }
    // First pass: check that every record joins two different clusters (an
    // algorithm bug otherwise) before `out` is touched; the second pass writes.
    for pass in 0..2 {
        if pass == 1 {
            for (i, ((p, c), s)) in parent
                .iter_mut()
                .zip(id.iter_mut())
                .zip(size.iter_mut())
                .enumerate()
            {
                *p = i as u32;
                *c = i as u32;
                *s = 1;
            }
        }
        for (s, &p) in perm.iter().enumerate() {
            let p = p as usize;
            let (a, b, h) = match (rec.a.get(p), rec.b.get(p), rec.h.get(p)) {
                (Some(&a), Some(&b), Some(&h)) => (a as usize, b as usize, h),
                _ => return Err(Error::Numerical("merges")),
            };
            let ra = find(parent, a);
            let rb = find(parent, b);
            if ra == rb || ra >= n || rb >= n {
                return Err(Error::Numerical("merges"));
            }
            let (ia, ib) = (
                id.get(ra).copied().unwrap_or(0),
                id.get(rb).copied().unwrap_or(0),
            );
            let (sa, sb) = (
                size.get(ra).copied().unwrap_or(0),
                size.get(rb).copied().unwrap_or(0),
            );
            // Union by size; the surviving root carries the new id.
            let (root, child) = if sa >= sb { (ra, rb) } else { (rb, ra) };
            if let Some(x) = parent.get_mut(child) {
                *x = root as u32;
            }
            if let Some(x) = id.get_mut(root) {
                *x = (n + s) as u32;
            }
            if let Some(x) = size.get_mut(root) {
                *x = sa.saturating_add(sb);
            }
            if pass == 1 {
                if let Some(o) = out.get_mut(s) {
                    *o = Merge {
                        left: ia.min(ib),
                        right: ia.max(ib),
                        distance: h,
                        size: sa.saturating_add(sb),
                    };
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{Sizer, Workspace};
    extern crate std;
    use std::vec;

    #[test]
    fn heapsort_equals_a_stable_sort() {
        let mut rng = crate::rng::Rng::new(3);
        for len in 0..40 {
            let h: std::vec::Vec<f64> = (0..len).map(|_| rng.below(5) as f64).collect();
            let mut perm: std::vec::Vec<u32> = (0..len as u32).collect();
            sort_by_height(&mut perm, &h);
            let mut want: std::vec::Vec<u32> = (0..len as u32).collect();
            want.sort_by(|&p, &q| h[p as usize].partial_cmp(&h[q as usize]).unwrap());
            assert_eq!(perm, want);
        }
    }

    #[test]
    fn relabels_like_scipy() {
        // Merges (by representative) 3-4 at 1.0, 0-1 at 0.5, 0-4 at 2.0, 2-3 at 1.5.
        let n = 5;
        let layout = Sizer::measure(|c| {
            Records::carve(c, 4)?;
            FinishScratch::carve(c, n).map(drop)
        });
        let mut buf = vec![0u8; layout.unwrap().bytes()];
        let mut ws = Workspace::new(&mut buf);
        let mut rec = Records::carve(&mut ws, 4).unwrap();
        for (a, b, h) in [(3, 4, 1.0), (0, 1, 0.5), (0, 4, 2.0), (2, 3, 1.5)] {
            rec.push(a, b, h).unwrap();
        }
        let mut out = [Merge::default(); 4];
        finish(
            &rec,
            true,
            n,
            FinishScratch::carve(&mut ws, n).unwrap(),
            &mut out,
        )
        .unwrap();
        let got: std::vec::Vec<_> = out
            .iter()
            .map(|m| (m.left, m.right, m.distance, m.size))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, 1, 0.5, 2),
                (3, 4, 1.0, 2),
                (2, 6, 1.5, 3),
                (5, 7, 2.0, 5)
            ]
        );
    }

    #[test]
    fn non_finite_heights_leave_the_output_untouched() {
        let n = 3;
        let layout = Sizer::measure(|c| {
            Records::carve(c, 2)?;
            FinishScratch::carve(c, n).map(drop)
        });
        let mut buf = vec![0u8; layout.unwrap().bytes()];
        let mut ws = Workspace::new(&mut buf);
        let mut rec = Records::carve(&mut ws, 2).unwrap();
        rec.push(0, 1, 1.0).unwrap();
        rec.push(1, 2, f64::INFINITY).unwrap();
        let sentinel = Merge {
            left: 9,
            right: 9,
            distance: -1.0,
            size: 9,
        };
        let mut out = [sentinel; 2];
        assert_eq!(
            finish(
                &rec,
                true,
                n,
                FinishScratch::carve(&mut ws, n).unwrap(),
                &mut out
            ),
            Err(Error::Numerical("merges"))
        );
        assert_eq!(out, [sentinel; 2]);
    }
}
