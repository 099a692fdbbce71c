//! Order-independent "is the neighbourhood weight at least `min_samples`?".
//!
//! Indexes stream neighbours in different orders, and a floating-point sum
//! depends on the order. [`Tally`] sums in the element type and keeps an error
//! bound; when the bound cannot decide the comparison, the caller recomputes
//! the sum exactly with [`ExactSum`] (a fixed-point accumulator wide enough for
//! every finite `f64`), so the decision is always that of the exact sum.

use core::cmp::Ordering;

use crate::scalar::Scalar;

/// 32-bit limbs covering the binary exponents of every finite `f64`
/// (`2^-1074 .. 2^1024`) plus carry room.
const LIMBS: usize = 68;

/// An exact accumulator of finite `f64` values (at most `2^31` of them).
pub(crate) struct ExactSum {
    limbs: [i64; LIMBS],
}

impl ExactSum {
    /// Zero.
    pub(crate) fn new() -> Self {
        ExactSum { limbs: [0; LIMBS] }
    }

    /// Adds a finite value exactly (non-finite values are ignored).
    pub(crate) fn add(&mut self, v: f64) {
        if !v.is_finite() || v == 0.0 {
            return;
        }
        let bits = v.to_bits();
        let negative = bits >> 63 != 0;
        let exp = ((bits >> 52) & 0x7ff) as usize;
        let frac = bits & ((1u64 << 52) - 1);
        // v = mant * 2^(e - 1074) with e = max(exp, 1) - 1 in 0..=2045.
        let (mant, e) = if exp == 0 {
            (frac, 0)
        } else {
            (frac | (1u64 << 52), exp - 1)
        };
        let wide = (mant as u128) << (e % 32);
        let base = e / 32;
        for k in 0..3 {
            let part = ((wide >> (32 * k)) & 0xffff_ffff) as i64;
            if let Some(l) = self.limbs.get_mut(base + k) {
                if negative {
                    *l -= part;
                } else {
                    *l += part;
                }
            }
        }
    }

    /// The sign of the exact sum.
    pub(crate) fn sign(&self) -> Ordering {
        let mut carry = 0i64;
        let mut nonzero = false;
        for &l in &self.limbs {
            let t = l + carry;
            nonzero |= (t & 0xffff_ffff) != 0;
            carry = t >> 32;
        }
        match carry.cmp(&0) {
            Ordering::Equal if nonzero => Ordering::Greater,
            other => other,
        }
    }
}

/// A running weight sum in the element type with its rounding bound.
#[derive(Clone, Copy)]
pub(crate) struct Tally<S> {
    sum: S,
    abs: S,
    count: usize,
}

/// What a tally can tell about `sum >= min_samples`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Certainly `>=`.
    Yes,
    /// Certainly `<`.
    No,
    /// Too close to call: recompute exactly.
    Unsure,
}

impl<S: Scalar> Tally<S> {
    pub(crate) fn new() -> Self {
        Tally {
            sum: S::ZERO,
            abs: S::ZERO,
            count: 0,
        }
    }

    #[inline(always)]
    pub(crate) fn add(&mut self, w: S) {
        self.sum += w;
        self.abs += w.abs();
        self.count += 1;
    }

    /// Compares the exact sum of the added weights with `target` (exact in `S`
    /// or not: its rounding is part of the bound).
    #[inline]
    pub(crate) fn verdict(&self, target: S) -> Verdict {
        let bound = S::from_usize(self.count + 4) * S::EPSILON * (self.abs + target.abs())
            + S::EPSILON * target.abs();
        let diff = self.sum - target;
        if diff > bound {
            Verdict::Yes
        } else if -diff > bound {
            Verdict::No
        } else {
            Verdict::Unsure
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    #[test]
    fn exact_sum_is_order_independent_and_exact() {
        let mut a = ExactSum::new();
        for v in [1e308, 1e308, -1e308, -1e308, 5e-324, -5e-324, 0.1, -0.1] {
            a.add(v);
        }
        assert_eq!(a.sign(), Ordering::Equal);
        let mut b = ExactSum::new();
        b.add(1.0);
        b.add(1e-300);
        b.add(-1.0);
        assert_eq!(b.sign(), Ordering::Greater);
        let mut c = ExactSum::new();
        c.add(0.1);
        c.add(0.2);
        c.add(-0.3); // in floating point 0.1 + 0.2 - 0.3 > 0; exactly, too (0.1 and 0.2 round up)
        let exact = c.sign();
        let mut c2 = ExactSum::new();
        c2.add(-0.3);
        c2.add(0.2);
        c2.add(0.1);
        assert_eq!(c2.sign(), exact);
        assert_eq!(exact, Ordering::Greater);
        let mut big = ExactSum::new();
        for _ in 0..1000 {
            big.add(f64::MAX);
        }
        big.add(-1.0);
        assert_eq!(big.sign(), Ordering::Greater);
    }

    #[test]
    fn tally_verdicts_agree_with_the_exact_sum() {
        let mut rng = Rng::new(11);
        for _ in 0..2000 {
            let mut t = Tally::<f32>::new();
            let mut e = ExactSum::new();
            let n = rng.below(12) as usize + 1;
            for _ in 0..n {
                let w = (rng.next_f32() * 4.0 - 1.0) * if rng.below(2) == 0 { 1.0 } else { 0.25 };
                t.add(w);
                e.add(w as f64);
            }
            let target = (rng.below(6) + 1) as f32;
            e.add(-(target as f64));
            match t.verdict(target) {
                Verdict::Yes => assert_ne!(e.sign(), Ordering::Less),
                Verdict::No => assert_eq!(e.sign(), Ordering::Less),
                Verdict::Unsure => {}
            }
        }
    }
}
