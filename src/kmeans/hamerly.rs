//! Hamerly's algorithm: per sample an upper bound on the distance to its
//! center and a lower bound on the distance to every other center, so most
//! samples skip the distance computations once the centers settle.
//!
//! The bounds are kept conservative (every rounded quantity is nudged up or
//! down by a few ulps), and a sample skips only when the gap they prove exceeds
//! a margin that bounds the rounding error of Lloyd's scores. So Hamerly
//! returns exactly Lloyd's labels, and with them the same centers bit for bit;
//! a sample that cannot skip is scored with Lloyd's own arithmetic
//! ([`super::lloyd::score_row`]).

use super::lloyd::{kb, score_row, Sums, NB};
use crate::matrix::Matrix;
use crate::scalar::Scalar;

use super::init::weight;

/// Hamerly's per-sample bounds (`n` each) and per-center scratch.
pub(crate) struct Bounds<'s, S> {
    /// Upper bound on the distance to the assigned center.
    pub upper: &'s mut [S],
    /// Lower bound on the distance to any other center.
    pub lower: &'s mut [S],
    /// Lower bound on each center's distance to its nearest other center (`k`).
    pub delta: &'s mut [S],
    /// Scores of one row (`kp`).
    pub scores: &'s mut [S],
    /// One centred row (`d`).
    pub xbuf: &'s mut [S],
}

/// Squared distance for the bounds (any summation order: the bounds carry margins).
#[inline(always)]
fn sq_euclidean<S: Scalar>(a: &[S], b: &[S]) -> S {
    a.iter().zip(b).fold(S::ZERO, |s, (&x, &y)| {
        let t = x - y;
        t.mul_add(t, s)
    })
}

#[inline(always)]
fn up<S: Scalar>(v: S, ulps: usize) -> S {
    v * (S::ONE + S::from_usize(ulps) * S::EPSILON)
}

#[inline(always)]
fn down<S: Scalar>(v: S, ulps: usize) -> S {
    v * (S::ONE - S::from_usize(ulps) * S::EPSILON)
}

/// Whether the bounds prove that every other center is farther than the
/// assigned one by more than `margin` in squared distance.
#[inline(always)]
fn can_skip<S: Scalar>(u: S, l: S, delta: S, margin: S) -> bool {
    let lo = l.max_of(down(delta - u, 4));
    if lo <= S::ZERO {
        return false;
    }
    down(lo * lo, 4) > up(up(u * u, 4) + margin, 4)
}

/// One Hamerly assignment pass. `first` computes every distance (and sets the
/// bounds); `x2max` bounds `||x - mean||^2` over all rows. Returns the number of
/// changed labels and accumulates sums like [`super::lloyd::assign`].
#[allow(clippy::too_many_arguments)]
pub(crate) fn assign<S: Scalar>(
    x: Matrix<'_, S>,
    w: Option<&[S]>,
    mean: &[S],
    centers: &[S],
    ct: &[S],
    cn: &[S],
    x2max: S,
    first: bool,
    b: &mut Bounds<'_, S>,
    labels: &mut [u32],
    acc: Option<&mut Sums<'_, S>>,
) -> usize {
    crate::simd::with_simd(
        #[inline(always)]
        || {
            if kb::<S>(x.d()) == 8 {
                assign_impl::<S, 8>(x, w, mean, centers, ct, cn, x2max, first, b, labels, acc)
            } else {
                assign_impl::<S, 4>(x, w, mean, centers, ct, cn, x2max, first, b, labels, acc)
            }
        },
    )
}

#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn assign_impl<S: Scalar, const KB: usize>(
    x: Matrix<'_, S>,
    w: Option<&[S]>,
    mean: &[S],
    centers: &[S],
    ct: &[S],
    cn: &[S],
    x2max: S,
    first: bool,
    b: &mut Bounds<'_, S>,
    labels: &mut [u32],
    mut acc: Option<&mut Sums<'_, S>>,
) -> usize {
    let d = x.d();
    let k = b.delta.len();
    // delta_j: a lower bound of min_{j' != j} ||c_j - c_j'||.
    let dn = d + 8;
    for (j, dl) in b.delta.iter_mut().enumerate() {
        let cj = centers.get(j * d..j * d + d).unwrap_or(&[]);
        let mut m = S::MAX;
        for jj in 0..k {
            if let (true, Some(cjj)) = (jj != j, centers.get(jj * d..jj * d + d)) {
                m = m.min_of(sq_euclidean(cj, cjj));
            }
        }
        *dl = if m == S::MAX {
            S::MAX
        } else {
            down(Scalar::sqrt(down(m, dn)), 4)
        };
    }
    // The largest centre norm, and the margin covering Lloyd's score rounding:
    // each score is within (2d + 4) eps (||x||^2 + ||c||^2) of the truth.
    let c2max = cn.iter().take(k).fold(S::ZERO, |m, &v| m.max_of(v));
    let margin = up(
        S::from_usize(4 * d + 16) * S::EPSILON * (x2max + up(c2max, dn)),
        4,
    );
    let mut changes = 0usize;
    let Bounds {
        upper,
        lower,
        scores,
        xbuf,
        delta,
    } = b;
    let n = x.n();
    for i in 0..n {
        let row = x.row(i);
        let (Some(lab), Some(u), Some(l)) = (labels.get_mut(i), upper.get_mut(i), lower.get_mut(i))
        else {
            break;
        };
        for ((t, &v), &m) in xbuf.iter_mut().zip(row).zip(mean) {
            *t = v - m;
        }
        let a = *lab as usize;
        let mut full = first;
        if !first {
            let dl = delta.get(a).copied().unwrap_or(S::ZERO);
            if !can_skip(*u, *l, dl, margin) {
                let ca = centers.get(a * d..a * d + d).unwrap_or(&[]);
                *u = up(Scalar::sqrt(up(sq_euclidean(xbuf, ca), dn)), 4);
                full = !can_skip(*u, *l, dl, margin);
            }
        }
        if full {
            score_row::<S, KB>(xbuf, ct, cn, scores);
            let (mut b1, mut s1, mut s2) = (0usize, S::INFINITY, S::INFINITY);
            for (j, &s) in scores.iter().take(k).enumerate() {
                if s < s1 {
                    s2 = s1;
                    s1 = s;
                    b1 = j;
                } else if s < s2 {
                    s2 = s;
                }
            }
            let cb = centers.get(b1 * d..b1 * d + d).unwrap_or(&[]);
            *u = up(Scalar::sqrt(up(sq_euclidean(xbuf, cb), dn)), 4);
            *l = if k > 1 {
                let x2 = super::lloyd::fma_sq_norm(xbuf);
                let lo2 = down(x2 + s2 - margin, 4);
                if lo2 > S::ZERO {
                    down(Scalar::sqrt(lo2), 4)
                } else {
                    S::ZERO
                }
            } else {
                S::MAX
            };
            let new = b1 as u32;
            changes += usize::from(*lab != new);
            *lab = new;
        }
        if let Some(acc) = acc.as_deref_mut() {
            acc.add(*lab as usize, row, mean, weight(w, i));
            if (i + 1) % NB == 0 {
                acc.flush();
            }
        }
    }
    if let Some(acc) = acc {
        acc.flush();
    }
    changes
}

/// Moves the bounds by the centers' movements (`shift[j]` bounds center `j`'s).
pub(crate) fn update_bounds<S: Scalar>(b: &mut Bounds<'_, S>, labels: &[u32], shift: &[S]) {
    let (mut m1, mut arg, mut m2) = (S::ZERO, usize::MAX, S::ZERO);
    for (j, &s) in shift.iter().enumerate() {
        if s > m1 {
            m2 = m1;
            m1 = s;
            arg = j;
        } else if s > m2 {
            m2 = s;
        }
    }
    for ((u, l), &a) in b.upper.iter_mut().zip(b.lower.iter_mut()).zip(labels) {
        let a = a as usize;
        *u = up(*u + shift.get(a).copied().unwrap_or(m1), 4);
        let other = if a == arg { m2 } else { m1 };
        let nl = down(*l - other, 4);
        *l = if nl > S::ZERO { nl } else { S::ZERO };
    }
}
