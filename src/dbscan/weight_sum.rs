//! Order-independent "is the neighbourhood weight at least `min_samples`?".
//!
//! Indexes stream neighbours in different orders, and a floating-point sum
//! depends on the order. [`Tally`] sums in the element type and keeps an error
//! bound; when the bound cannot decide the comparison, the caller recomputes
//! the sum exactly with [`ExactSum`] (a fixed-point accumulator wide enough for
//! every finite `f64`), so the decision is always that of the exact sum.

use core::cmp::Ordering;

use crate::scalar::Scalar;

/// 64-bit limbs of a two's complement integer wide enough for the exact sum:
/// a finite `f64` is `mant * 2^(e - 1074)` with `mant < 2^53` and `e <= 2045`,
/// so each addend scaled by `2^1074` is below `2^2098`, a sum of at most `2^32`
/// of them below `2^2130`, and `64 * 34 - 1 = 2175` bits hold it with its sign.
/// (272 bytes: the accumulator lives on the call stack.)
const LIMBS: usize = 34;

/// An exact accumulator of finite `f64` values (at most `2^32` of them).
pub(crate) struct ExactSum {
    /// The sum times `2^1074`, modulo `2^(64 * LIMBS)`, least significant first.
    limbs: [u64; LIMBS],
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
        // mant << e spans limbs `base` and `base + 1` (53 + 63 bits < 128).
        let wide = (mant as u128) << (e % 64);
        let base = e / 64;
        let parts = [wide as u64, (wide >> 64) as u64];
        // Add (or subtract) the two parts, then ripple the carry (borrow) up.
        let mut carry = false;
        let upper = self.limbs.get_mut(base..).unwrap_or(&mut []);
        for (k, l) in upper.iter_mut().enumerate() {
            let part = parts.get(k).copied().unwrap_or(0);
            if part == 0 && !carry {
                if k > 0 {
                    break;
                }
                continue;
            }
            let (t, c1) = if negative {
                l.overflowing_sub(part)
            } else {
                l.overflowing_add(part)
            };
            let (t, c2) = if negative {
                t.overflowing_sub(carry as u64)
            } else {
                t.overflowing_add(carry as u64)
            };
            *l = t;
            carry = c1 || c2;
        }
    }

    /// The sign of the exact sum.
    pub(crate) fn sign(&self) -> Ordering {
        let top = self.limbs.last().copied().unwrap_or(0);
        if top >> 63 != 0 {
            Ordering::Less
        } else if self.limbs.iter().any(|&l| l != 0) {
            Ordering::Greater
        } else {
            Ordering::Equal
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

    /// The previous accumulator (68 signed limbs of 32-bit parts, no carries
    /// until the end): the reference for the two's complement one.
    fn reference_sign(vals: &[f64]) -> Ordering {
        let mut limbs = [0i64; 68];
        for &v in vals {
            if !v.is_finite() || v == 0.0 {
                continue;
            }
            let bits = v.to_bits();
            let exp = ((bits >> 52) & 0x7ff) as usize;
            let frac = bits & ((1u64 << 52) - 1);
            let (mant, e) = if exp == 0 {
                (frac, 0)
            } else {
                (frac | (1u64 << 52), exp - 1)
            };
            let wide = (mant as u128) << (e % 32);
            for k in 0..3 {
                let part = ((wide >> (32 * k)) & 0xffff_ffff) as i64;
                if bits >> 63 != 0 {
                    limbs[e / 32 + k] -= part;
                } else {
                    limbs[e / 32 + k] += part;
                }
            }
        }
        let (mut carry, mut nonzero) = (0i64, false);
        for &l in &limbs {
            let t = l + carry;
            nonzero |= (t & 0xffff_ffff) != 0;
            carry = t >> 32;
        }
        match carry.cmp(&0) {
            Ordering::Equal if nonzero => Ordering::Greater,
            other => other,
        }
    }

    #[test]
    fn exact_sum_agrees_with_the_reference_accumulator() {
        let mut rng = Rng::new(23);
        let specials = [
            f64::MAX,
            -f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            1.0,
            -1.0,
            0.0,
            -0.0,
        ];
        let mut signs = [0usize; 3];
        for round in 0..3000 {
            let n = rng.below(20) as usize + 1;
            let mut vals = std::vec::Vec::new();
            for _ in 0..n {
                let v = match rng.below(4) {
                    0 => specials[rng.index(specials.len())],
                    1 => (rng.next_f64() - 0.5) * 8.0,
                    2 => {
                        let e = rng.below(2046) as i32 - 1074;
                        (rng.next_f64() + 0.5) * 2f64.powi(e / 2) * 2f64.powi(e - e / 2)
                    }
                    _ => (rng.below(9) as f64 - 4.0) * 0.25,
                };
                vals.push(if rng.below(2) == 0 { v } else { -v });
            }
            // Cancel exactly now and then, so Equal is exercised.
            if round % 5 == 0 {
                let copy: std::vec::Vec<f64> = vals.iter().map(|v| -v).collect();
                vals.extend(copy);
            }
            let mut e = ExactSum::new();
            for &v in &vals {
                e.add(v);
            }
            let want = reference_sign(&vals);
            assert_eq!(e.sign(), want, "{vals:?}");
            signs[(want as i32 + 1) as usize] += 1;
        }
        assert!(signs.iter().all(|&c| c > 100), "{signs:?}");
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
