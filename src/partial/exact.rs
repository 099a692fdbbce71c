//! An exact, order-independent sum of floating-point values: a fixed-width
//! two's-complement integer of [`WORDS`] little-endian 64-bit words whose bit 0
//! weighs `2^-1074` (the smallest positive `f64`).
//!
//! Every finite `f64` (and so every `f32`, widened exactly) is an integer
//! multiple of `2^-1074` below `2^1024`, so adding it is exact integer
//! arithmetic; the top bit is the sign, and the `2^(64 * 34 - 1 - 1074 - 1024)
//! = 2^77` headroom means no realistic number of additions can overflow (the
//! words would wrap only after `2^77` additions of `f64::MAX`). Integer addition
//! commutes and associates, so the total does not depend on the order of the
//! additions nor on how they were grouped into blobs and merged. The value is
//! read back once, correctly rounded (to nearest, ties to even) to `f64` or
//! `f32` ([`round`]).
//!
//! Cost: [`BYTES`] = 272 bytes per accumulated value; one addition touches two
//! words plus a carry that rarely travels (amortised O(1), worst case
//! [`WORDS`] words); a merge and a read are O([`WORDS`]).
//!
//! The words live in caller-owned byte slices of any alignment (the stats
//! blobs), read and written as little-endian `u64`, so a blob means the same on
//! every machine.

/// 64-bit words per accumulator.
pub const WORDS: usize = 34;
/// Bytes per accumulator.
pub const BYTES: usize = WORDS * 8;
/// Words of a product of two accumulators (see [`mul`]).
pub const WIDE: usize = 2 * WORDS;

#[inline(always)]
fn get(acc: &[u8], i: usize) -> u64 {
    match acc.get(i * 8..i * 8 + 8).map(<[u8; 8]>::try_from) {
        Some(Ok(b)) => u64::from_le_bytes(b),
        _ => 0,
    }
}

#[inline(always)]
fn set(acc: &mut [u8], i: usize, v: u64) {
    if let Some(Ok(b)) = acc.get_mut(i * 8..i * 8 + 8).map(<&mut [u8; 8]>::try_from) {
        *b = v.to_le_bytes();
    }
}

/// Splits a finite `f64` into `(negative, mantissa, position)` with
/// `|v| = mantissa * 2^(position - 1074)`.
#[inline(always)]
fn parts(v: f64) -> (bool, u64, u32) {
    let bits = v.to_bits();
    let e = ((bits >> 52) & 0x7FF) as u32;
    let frac = bits & ((1u64 << 52) - 1);
    let neg = bits >> 63 != 0;
    if e == 0 {
        (neg, frac, 0)
    } else {
        (neg, frac | (1u64 << 52), e - 1)
    }
}

/// Sets an accumulator (`BYTES` bytes) to zero.
pub fn clear(acc: &mut [u8]) {
    acc.fill(0);
}

/// Adds the finite value `v` exactly (non-finite values are ignored: callers
/// validate their inputs).
#[inline]
pub fn add(acc: &mut [u8], v: f64) {
    if v == 0.0 || !v.is_finite() {
        return;
    }
    let (neg, m, pos) = parts(v);
    // pos <= 2045, so the two words w, w + 1 are below WORDS - 2.
    let (w, sh) = (((pos / 64) as usize).min(WORDS - 2), pos % 64);
    let val = (m as u128) << sh;
    let Some(Ok(two)) = acc.get(w * 8..w * 8 + 16).map(<[u8; 16]>::try_from) else {
        return;
    };
    let cur = u128::from_le_bytes(two);
    let (sum, mut carry) = if neg {
        cur.overflowing_sub(val)
    } else {
        cur.overflowing_add(val)
    };
    if let Some(Ok(dst)) = acc
        .get_mut(w * 8..w * 8 + 16)
        .map(<&mut [u8; 16]>::try_from)
    {
        *dst = sum.to_le_bytes();
    }
    // The carry (or borrow) runs up while it is set; rare.
    let mut i = w + 2;
    while carry && i < WORDS {
        let (s, c) = if neg {
            get(acc, i).overflowing_sub(1)
        } else {
            get(acc, i).overflowing_add(1)
        };
        set(acc, i, s);
        carry = c;
        i += 1;
    }
}

/// Adds the exact product `a * b` of two finite values (`2^-1074` granularity
/// permitting: a product part below it is rounded, deterministically).
pub fn add_product(acc: &mut [u8], a: f64, b: f64) {
    let p = a * b;
    add(acc, p);
    // libm's fma is exact on every target (the hardware one is not used on bare metal).
    add(acc, libm::fma(a, b, -p));
}

/// `into += from` (word-wise with carry, wrapping at the top).
pub fn merge(into: &mut [u8], from: &[u8]) {
    let mut carry = false;
    for i in 0..WORDS {
        let (s, c1) = get(into, i).overflowing_add(get(from, i));
        let (s, c2) = s.overflowing_add(u64::from(carry));
        set(into, i, s);
        carry = c1 || c2;
    }
}

/// The accumulator as a sign and a magnitude in `WORDS` words.
pub fn load(acc: &[u8]) -> (bool, [u64; WORDS]) {
    let mut w = [0u64; WORDS];
    for (i, o) in w.iter_mut().enumerate() {
        *o = get(acc, i);
    }
    let neg = w[WORDS - 1] >> 63 != 0;
    if neg {
        negate(&mut w);
    }
    (neg, w)
}

/// Two's-complement negation in place.
fn negate(w: &mut [u64]) {
    let mut carry = true;
    for v in w.iter_mut() {
        let (s, c) = (!*v).overflowing_add(u64::from(carry));
        *v = s;
        carry = c;
    }
}

/// Whether the accumulator holds zero.
pub fn is_zero(acc: &[u8]) -> bool {
    acc.iter().take(BYTES).all(|&b| b == 0)
}

/// Whether the accumulator holds a negative value.
pub fn is_negative(acc: &[u8]) -> bool {
    get(acc, WORDS - 1) >> 63 != 0
}

/// Magnitude product `a * b` into `out` (`a.len() + b.len()` words or more;
/// extra words are zeroed).
pub fn mul(a: &[u64], b: &[u64], out: &mut [u64]) {
    out.fill(0);
    for (i, &x) in a.iter().enumerate() {
        if x == 0 {
            continue;
        }
        let mut carry: u128 = 0;
        for (j, &y) in b.iter().enumerate() {
            if let Some(o) = out.get_mut(i + j) {
                let t = (x as u128) * (y as u128) + (*o as u128) + carry;
                *o = t as u64;
                carry = t >> 64;
            }
        }
        let mut idx = i + b.len();
        while carry != 0 {
            let Some(o) = out.get_mut(idx) else { break };
            let t = (*o as u128) + carry;
            *o = t as u64;
            carry = t >> 64;
            idx += 1;
        }
    }
}

/// `a -= b` on magnitudes of equal length; returns whether it went below zero
/// (then `a` holds the two's complement of the difference).
pub fn sub_in_place(a: &mut [u64], b: &[u64]) -> bool {
    let mut borrow = false;
    for (x, &y) in a.iter_mut().zip(b) {
        let (s, b1) = x.overflowing_sub(y);
        let (s, b2) = s.overflowing_sub(u64::from(borrow));
        *x = s;
        borrow = b1 || b2;
    }
    borrow
}

/// The index of the highest set bit of a magnitude, if any.
pub fn top_bit(mag: &[u64]) -> Option<i64> {
    for (i, &w) in mag.iter().enumerate().rev() {
        if w != 0 {
            return Some(i as i64 * 64 + 63 - i64::from(w.leading_zeros()));
        }
    }
    None
}

/// `len` (<= 64) bits of `mag` starting at bit `start` (bits outside are 0).
fn bits(mag: &[u64], start: i64, len: u32) -> u64 {
    if len == 0 {
        return 0;
    }
    let mask = if len >= 64 {
        u64::MAX
    } else {
        (1u64 << len) - 1
    };
    if start < 0 {
        let s = start.unsigned_abs();
        if s >= 64 {
            return 0;
        }
        let rest = len.saturating_sub(s as u32);
        return (bits(mag, 0, rest) << s) & mask;
    }
    let (w, sh) = ((start / 64) as usize, (start % 64) as u32);
    let lo = mag.get(w).copied().unwrap_or(0) >> sh;
    let hi = if sh == 0 {
        0
    } else {
        mag.get(w + 1).copied().unwrap_or(0) << (64 - sh)
    };
    (lo | hi) & mask
}

/// Whether any bit of `mag` below bit `idx` is set.
fn any_below(mag: &[u64], idx: i64) -> bool {
    if idx <= 0 {
        return false;
    }
    let (w, sh) = ((idx / 64) as usize, (idx % 64) as u32);
    if mag.iter().take(w).any(|&v| v != 0) {
        return true;
    }
    sh > 0 && mag.get(w).is_some_and(|&v| v & ((1u64 << sh) - 1) != 0)
}

/// A binary floating-point format: `p` significand bits, smallest positive
/// value `2^emin`, bit pattern of +infinity.
#[derive(Clone, Copy)]
pub struct Format {
    p: u32,
    emin: i64,
    inf: u64,
}

/// IEEE binary64.
pub const F64: Format = Format {
    p: 53,
    emin: -1074,
    inf: 0x7FF0_0000_0000_0000,
};
/// IEEE binary32.
pub const F32: Format = Format {
    p: 24,
    emin: -149,
    inf: 0x7F80_0000,
};

/// The bit pattern of `mag * 2^lsb_exp` correctly rounded (to nearest, ties to
/// even) in `fmt`, sign not included; `None` if it overflows to infinity.
pub fn round(mag: &[u64], lsb_exp: i64, fmt: Format) -> Option<u64> {
    let Some(h) = top_bit(mag) else {
        return Some(0);
    };
    // Positions relative to the format's smallest subnormal.
    let lsb_pos = lsb_exp - fmt.emin;
    let gh = h + lsb_pos;
    let r = (gh - (i64::from(fmt.p) - 1)).max(0);
    if r > 4096 {
        return None;
    }
    let lr = r - lsb_pos;
    let mut mant = bits(mag, lr, (gh - r + 1) as u32);
    let half = lr > 0 && bits(mag, lr - 1, 1) == 1;
    if half && (any_below(mag, lr - 1) || mant & 1 == 1) {
        mant += 1;
    }
    let out = ((r as u64) << (fmt.p - 1)).checked_add(mant)?;
    if out >= fmt.inf {
        None
    } else {
        Some(out)
    }
}

/// The accumulator times `2^shift`, correctly rounded to `f64`; `None` on overflow.
pub fn to_f64_scaled(acc: &[u8], shift: i64) -> Option<f64> {
    let (neg, mag) = load(acc);
    let b = round(&mag, F64.emin + shift, F64)?;
    Some(f64::from_bits(b | (u64::from(neg) << 63)))
}

/// The accumulator correctly rounded to `f64`; `None` on overflow.
pub fn to_f64(acc: &[u8]) -> Option<f64> {
    to_f64_scaled(acc, 0)
}

/// The accumulator correctly rounded to `f32`; `None` on overflow.
pub fn to_f32(acc: &[u8]) -> Option<f32> {
    let (neg, mag) = load(acc);
    let b = round(&mag, F64.emin, F32)?;
    Some(f32::from_bits(b as u32 | (u32::from(neg) << 31)))
}

/// The accumulator correctly rounded to the element type `S` (f32 or f64);
/// `None` on overflow.
pub fn to_scalar<S: crate::Scalar>(acc: &[u8]) -> Option<S> {
    if core::mem::size_of::<S>() == 4 {
        to_f32(acc).map(|v| S::from_f64(f64::from(v)))
    } else {
        to_f64(acc).map(S::from_f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;
    use std::vec::Vec;

    fn sum_f64(values: &[f64]) -> Option<f64> {
        let mut acc = [0u8; BYTES];
        for &v in values {
            add(&mut acc, v);
        }
        to_f64(&acc)
    }

    /// Reference: values on a 2^-72 grid below 2^20 summed in i128 and
    /// rounded by Rust's (correctly rounding) integer-to-float conversion.
    fn reference(values: &[f64]) -> (f64, f32) {
        let s: i128 = values.iter().map(|&v| (v * 2f64.powi(72)) as i128).sum();
        let scale = 2f64.powi(-72);
        ((s as f64) * scale, ((s as f32) as f64 * scale) as f32)
    }

    fn random_values(rng: &mut Rng, n: usize) -> Vec<f64> {
        (0..n)
            .map(|_| {
                let m = rng.next_f64() * 2.0 - 1.0;
                let e = (rng.next_f64() * 40.0) as i32 - 20;
                // On the 2^-72 grid: round to 52 bits below the exponent.
                let v = m * 2f64.powi(e);
                (v * 2f64.powi(72)).round() * 2f64.powi(-72)
            })
            .collect()
    }

    #[test]
    fn random_sums_are_correctly_rounded_in_any_order_and_grouping() {
        let mut rng = Rng::new(7);
        for trial in 0..200 {
            let n = 1 + (rng.next_f64() * 300.0) as usize;
            let mut v = random_values(&mut rng, n);
            let (r64, r32) = reference(&v);
            let mut acc = [0u8; BYTES];
            for &x in &v {
                add(&mut acc, x);
            }
            assert_eq!(
                to_f64(&acc).unwrap().to_bits(),
                r64.to_bits(),
                "trial {trial}"
            );
            assert_eq!(
                to_f32(&acc).unwrap().to_bits(),
                r32.to_bits(),
                "trial {trial}"
            );
            // Shuffle and split into random groups merged in random order.
            for i in (1..v.len()).rev() {
                let j = (rng.next_f64() * (i + 1) as f64) as usize % (i + 1);
                v.swap(i, j);
            }
            let mut parts: Vec<[u8; BYTES]> = Vec::new();
            let mut i = 0;
            while i < v.len() {
                let len = 1 + (rng.next_f64() * 20.0) as usize;
                let mut a = [0u8; BYTES];
                for &x in v.iter().skip(i).take(len) {
                    add(&mut a, x);
                }
                parts.push(a);
                i += len;
            }
            while parts.len() > 1 {
                let a = (rng.next_f64() * parts.len() as f64) as usize % parts.len();
                let b = parts.swap_remove(a);
                let c = (rng.next_f64() * parts.len() as f64) as usize % parts.len();
                merge(&mut parts[c], &b);
            }
            assert_eq!(parts[0], acc, "trial {trial}: merged words differ");
        }
    }

    #[test]
    fn cancellation_and_extremes() {
        assert_eq!(sum_f64(&[1e300, 1.0, -1e300]), Some(1.0));
        assert_eq!(sum_f64(&[f64::MAX, f64::MAX, -f64::MAX]), Some(f64::MAX));
        assert_eq!(sum_f64(&[f64::MAX, f64::MAX]), None);
        assert_eq!(sum_f64(&[-f64::MAX, -f64::MAX]), None);
        let tiny = f64::from_bits(1);
        assert_eq!(sum_f64(&[tiny, tiny, tiny]), Some(3.0 * tiny));
        assert_eq!(sum_f64(&[tiny, -tiny]), Some(0.0));
        assert_eq!(
            sum_f64(&[f64::MIN_POSITIVE, -tiny]).unwrap(),
            f64::MIN_POSITIVE - tiny
        );
        assert_eq!(sum_f64(&[]), Some(0.0));
        assert_eq!(sum_f64(&[-2.5, 0.5]), Some(-2.0));
        // Ties to even, and a sticky bit far below breaks the tie.
        let u = 2f64.powi(-53);
        assert_eq!(sum_f64(&[1.0, u]), Some(1.0));
        assert_eq!(sum_f64(&[1.0, u, tiny]), Some(1.0 + 2.0 * u));
        assert_eq!(sum_f64(&[1.0 + 2.0 * u, u]), Some(1.0 + 4.0 * u));
        assert_eq!(sum_f64(&[-1.0, -u, -tiny]), Some(-1.0 - 2.0 * u));
        // f32 rounding of an f64-exact sum, and f32 overflow.
        let mut acc = [0u8; BYTES];
        add(&mut acc, 1.0);
        add(&mut acc, 2f64.powi(-24));
        assert_eq!(to_f32(&acc), Some(1.0));
        add(&mut acc, 2f64.powi(-80));
        assert_eq!(to_f32(&acc), Some(1.0 + f32::EPSILON));
        let mut acc = [0u8; BYTES];
        add(&mut acc, f64::from(f32::MAX));
        add(&mut acc, f64::from(f32::MAX));
        assert_eq!(to_f32(&acc), None);
        // f32 subnormals round on their grid.
        let mut acc = [0u8; BYTES];
        add(&mut acc, f64::from(f32::from_bits(1)) * 1.5);
        assert_eq!(to_f32(&acc), Some(f32::from_bits(2)));
        // Many maximal values and their negation: the carries run the full width.
        let mut acc = [0u8; BYTES];
        for _ in 0..1000 {
            add(&mut acc, f64::MAX);
        }
        for _ in 0..1000 {
            add(&mut acc, -f64::MAX);
        }
        assert!(is_zero(&acc));
        add(&mut acc, -tiny);
        assert!(is_negative(&acc));
        assert_eq!(to_f64(&acc), Some(-tiny));
    }

    #[test]
    fn products_are_exact_and_scaling_is_exact() {
        let a = 1.0 + 2f64.powi(-30);
        let mut acc = [0u8; BYTES];
        add_product(&mut acc, a, a);
        add(&mut acc, -1.0);
        add(&mut acc, -2f64.powi(-29));
        // What remains is 2^-60 exactly.
        assert_eq!(to_f64(&acc), Some(2f64.powi(-60)));
        assert_eq!(to_f64_scaled(&acc, 10), Some(2f64.powi(-50)));
        let (_, m) = load(&acc);
        let mut wide = [0u64; WIDE];
        mul(&m, &m, &mut wide);
        // (2^-60)^2 = 2^-120 with the wide value's bit 0 at 2^-2148.
        let b = round(&wide, 2 * F64.emin, F64).unwrap();
        assert_eq!(f64::from_bits(b), 2f64.powi(-120));
        let mut x = [5u64, 0];
        assert!(!sub_in_place(&mut x, &[3, 0]));
        assert_eq!(x, [2, 0]);
    }
}
