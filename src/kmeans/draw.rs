//! The random draws of the initialisations, and the one float-to-index
//! conversion of the kernel, computed in the element type.
//!
//! With f32 data nothing here uses double precision (on single-precision FPUs
//! such as the Cortex-M4F every f64 operation is a software routine) or 64-bit
//! division. For f64 every function gives exactly what the foundation's
//! [`Rng`] methods and the former f64 formulas give (tests below pin that).

use crate::rng::Rng;
use crate::scalar::Scalar;

/// `u * scale` with `u` uniform in `[0, 1)` (one draw of the stream): f64
/// computes `next_f64() * scale`, f32 `next_f32() * scale` (24 random bits,
/// single precision).
#[inline]
pub(crate) fn uniform_times<S: Scalar>(rng: &mut Rng, scale: S) -> S {
    if S::IS_SINGLE {
        // `Rng::next_f32` with the 24 bits converted from u32 (the same
        // value, without the software u64-to-float routine).
        let u = ((rng.next_u64() >> 40) as u32) as f32 * (1.0 / (1u32 << 24) as f32);
        return S::from_f32(u * scale.to_f32());
    }
    S::from_f64(rng.next_f64() * scale.to_f64())
}

/// `2^64 mod b` (`b > 0`) by doubling, without a 64-bit division.
fn pow2_64_mod(b: u64) -> u64 {
    if b <= 1 {
        return 0;
    }
    let mut r = 1u64;
    for _ in 0..64 {
        let (t, over) = r.overflowing_add(r);
        r = if over || t >= b { t.wrapping_sub(b) } else { t };
    }
    r
}

/// [`Rng::index`], the same draws and the same result, without the 64-bit
/// `%` (Lemire's rejection threshold `2^64 mod len` computed by doubling).
pub(crate) fn index(rng: &mut Rng, len: usize) -> usize {
    let bound = len as u64;
    if bound == 0 {
        return 0;
    }
    let threshold = pow2_64_mod(bound);
    loop {
        let m = (rng.next_u64() as u128) * (bound as u128);
        if (m as u64) >= threshold {
            return (m >> 64) as usize;
        }
    }
}

/// [`Rng::weighted_index`] in the element type: the total is summed in sample
/// order, the target is [`uniform_times`] of it, the first index whose running
/// sum of positive weights exceeds the target wins (the last positive one if
/// none does). `None` when the total is not positive and finite. For f64 this
/// is `Rng::weighted_index` exactly.
pub(crate) fn weighted_index<S: Scalar>(rng: &mut Rng, weights: &[S]) -> Option<usize> {
    let mut total = S::ZERO;
    for &w in weights {
        total += w;
    }
    if !(total > S::ZERO && total.is_finite()) {
        return None;
    }
    let target = uniform_times(rng, total);
    let mut cumulative = S::ZERO;
    let mut last_positive = None;
    for (i, &w) in weights.iter().enumerate() {
        if w > S::ZERO {
            cumulative += w;
            last_positive = Some(i);
            if cumulative > target {
                return Some(i);
            }
        }
    }
    last_positive
}

/// `v as f32` (round to nearest, ties to even; overflow to infinity) for a
/// finite `v`, in integer arithmetic: no software double routine on
/// single-precision FPUs. A NaN gives an infinity (callers pass the validated,
/// finite `tol`).
pub(crate) fn f64_to_f32(v: f64) -> f32 {
    let b = v.to_bits();
    let sign = ((b >> 32) as u32) & 0x8000_0000;
    let exp = ((b >> 52) & 0x7ff) as i32;
    let frac = b & ((1u64 << 52) - 1);
    // value = m * 2^(max(exp, 1) - 1075), m < 2^53.
    let m = if exp == 0 { frac } else { frac | (1u64 << 52) };
    let e = exp.max(1) - 1023 + 127; // the f32 biased exponent of a normal result
    if e >= 255 {
        return f32::from_bits(sign | 0x7f80_0000);
    }
    // Keep 24 significant bits (fewer for an f32 subnormal), round the rest.
    let shift = if e >= 1 { 29 } else { 29 + (1 - e) as u32 };
    if shift >= 64 {
        return f32::from_bits(sign);
    }
    let r = (m >> shift) as u32;
    let rem = m & ((1u64 << shift) - 1);
    let half = 1u64 << (shift - 1);
    // A normal result: the implicit bit of r carries the exponent field up.
    let mut bits = if e >= 1 {
        ((e as u32 - 1) << 23) + r
    } else {
        r
    };
    if rem > half || (rem == half && r & 1 == 1) {
        bits += 1; // a carry out of the fraction bumps the exponent (to inf at most)
    }
    f32::from_bits(sign | bits)
}

/// `v` rounded to `S` ([`Scalar::from_f64`]) without soft double for f32.
#[inline(always)]
pub(crate) fn narrow<S: Scalar>(v: f64) -> S {
    if S::IS_SINGLE {
        S::from_f32(f64_to_f32(v))
    } else {
        S::from_f64(v)
    }
}

/// `ceil(e^m)` for m = 1..=22: `floor(ln k)` is the number of entries `<= k`.
const EXP_CEIL: [u64; 22] = [
    3, 8, 21, 55, 149, 404, 1097, 2981, 8104, 22027, 59875, 162755, 442414, 1202605, 3269018,
    8886111, 24154953, 65659970, 178482301, 485165196, 1318815735, 3584912847,
];

/// scikit-learn's k-means++ trial count `2 + int(np.log(k))` for `k >= 1`,
/// in integers (exact for every `k < e^23`, far above `fit::MAX_CLUSTERS`).
pub(crate) fn n_trials(k: usize) -> usize {
    let k = k as u64;
    2 + EXP_CEIL.iter().filter(|&&t| t <= k).count()
}

/// A center index held exactly in `S` (`<= 2^24`) as an integer.
#[inline(always)]
#[cfg_attr(target_os = "none", allow(dead_code))] // host only (see `assign`)
pub(crate) fn to_index<S: Scalar>(v: S) -> u32 {
    if S::IS_SINGLE {
        v.to_f32() as u32
    } else {
        v.to_f64() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_rng_index_draw_for_draw() {
        for len in [
            1usize,
            2,
            3,
            7,
            10,
            60,
            1000,
            65_537,
            (1 << 31) - 1,
            usize::MAX / 3,
            usize::MAX,
        ] {
            let (mut a, mut b) = (Rng::new(len as u64), Rng::new(len as u64));
            for _ in 0..50 {
                assert_eq!(index(&mut a, len), b.index(len), "len {len}");
            }
            assert_eq!(a.next_u64(), b.next_u64(), "same draws consumed");
        }
        for b in [
            1u64,
            2,
            3,
            5,
            1 << 40,
            u64::MAX,
            u64::MAX - 1,
            (1 << 63) + 7,
        ] {
            assert_eq!(pow2_64_mod(b), b.wrapping_neg() % b, "b = {b}");
        }
    }

    #[test]
    fn weighted_index_is_rng_weighted_index_for_f64() {
        let mut g = Rng::new(5);
        for case in 0..200u64 {
            let w: std::vec::Vec<f64> = (0..=(case % 17))
                .map(|i| {
                    if (i + case) % 4 == 0 {
                        0.0
                    } else {
                        g.next_f64() * 3.0
                    }
                })
                .collect();
            let (mut a, mut b) = (Rng::new(case), Rng::new(case));
            assert_eq!(weighted_index(&mut a, &w), b.weighted_index(&w));
            assert_eq!(a.next_u64(), b.next_u64());
        }
        let mut r = Rng::new(1);
        assert_eq!(weighted_index::<f32>(&mut r, &[0.0, 0.0]), None);
        assert_eq!(weighted_index::<f32>(&mut r, &[0.0, 2.0, 0.0]), Some(1));
    }

    #[test]
    fn uniform_times_is_next_f64_times_scale_for_f64_and_in_range_for_f32() {
        let (mut a, mut b) = (Rng::new(9), Rng::new(9));
        for s in [0.0f64, 1.0, 3.5, 1e300] {
            assert_eq!(uniform_times(&mut a, s), b.next_f64() * s);
        }
        let (mut a, mut b) = (Rng::new(9), Rng::new(9));
        for s in [1.0f32, 7.0, 1e30] {
            let v = uniform_times(&mut a, s);
            assert_eq!(v, b.next_f32() * s);
            assert!((0.0..s).contains(&v));
        }
    }

    #[test]
    fn n_trials_is_two_plus_floor_ln_k() {
        let by_ln = |k: usize| 2 + (<f64 as Scalar>::ln(k as f64) as usize);
        for k in 1..=200_000usize {
            assert_eq!(n_trials(k), by_ln(k), "k = {k}");
        }
        for &t in &EXP_CEIL {
            for k in [t - 1, t, t + 1] {
                assert_eq!(n_trials(k as usize), by_ln(k as usize), "k = {k}");
            }
        }
        assert_eq!(n_trials(1 << 24), by_ln(1 << 24));
    }

    #[test]
    fn f64_to_f32_is_the_cast() {
        let mut r = Rng::new(77);
        let mut cases: std::vec::Vec<f64> = std::vec![
            0.0,
            -0.0,
            1.0,
            1e-4,
            0.1,
            3.4028234663852886e38,
            3.4028235677973366e38,
            3.4028235677973362e38,
            1e39,
            1.401298464324817e-45,
            7.006492321624085e-46,
            7.006492321624087e-46,
            2.1019476964872256e-45,
            1.1754942106924411e-38,
            1.1754943508222875e-38,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            1.0 + f64::EPSILON,
            1.0000000596046448,
            1.0000001788139343,
        ];
        for _ in 0..200_000 {
            // Random bits with exponents around the f32 range, and anywhere.
            let b = r.next_u64();
            let e = 1023 - 160 + (r.next_u64() % 300);
            cases.push(f64::from_bits((b & !(0x7ffu64 << 52)) | (e << 52)));
            cases.push(f64::from_bits(b));
            // Ties and near-ties of the 29 dropped bits.
            let t = (b & !((1u64 << 29) - 1)) | (1u64 << 28);
            cases.push(f64::from_bits(t));
            cases.push(f64::from_bits(t - 1));
        }
        for v in cases.iter().flat_map(|&v| [v, -v]) {
            let got = f64_to_f32(v);
            if v.is_nan() {
                assert!(got.is_infinite());
                continue;
            }
            let want = v as f32;
            assert_eq!(got.to_bits(), want.to_bits(), "{v:e}: {got:e} vs {want:e}");
        }
        assert_eq!(narrow::<f64>(0.1), 0.1);
        assert_eq!(narrow::<f32>(0.1), 0.1f32);
    }

    #[test]
    fn to_index_converts_exact_integers() {
        assert_eq!(to_index(0.0f32), 0);
        assert_eq!(to_index(16_777_216.0f32), 1 << 24);
        assert_eq!(to_index(123.0f64), 123);
    }
}
