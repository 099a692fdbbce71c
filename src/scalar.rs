//! The sealed [`Scalar`] trait: the element types of sample data (f32, f64).
//!
//! This is the only module that calls `libm` (or, with the `micromath` feature,
//! micromath's approximate f32 `exp` and `ln`, which trade the parity precision of
//! Gaussian mixtures for speed on microcontrollers; `sqrt` stays exact). One generic implementation of every
//! algorithm serves both types; the C layer instantiates each.
//!
//! It is also the one place that knows which type is which: code that behaves
//! differently for f32 and f64 asks [`Scalar`] (`IS_SINGLE`, `TINY`, `SUM_ATOL`,
//! `next_up`/`next_down`, `from_f32`/`to_f32`), never `size_of`, the type name,
//! a cast test or a feature flag.

use core::fmt::Debug;
use core::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

/// A floating-point element type: `f32` or `f64` (sealed).
pub trait Scalar:
    sealed::Sealed
    + Copy
    + Default
    + Debug
    + PartialEq
    + PartialOrd
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + AddAssign
    + SubAssign
    + MulAssign
    + DivAssign
    + bytemuck::Pod
    + Send
    + Sync
    + 'static
{
    /// 0.
    const ZERO: Self;
    /// 1.
    const ONE: Self;
    /// The largest finite value.
    const MAX: Self;
    /// Machine epsilon.
    const EPSILON: Self;
    /// Positive infinity.
    const INFINITY: Self;
    /// A short name for messages and tests ("f32", "f64").
    const NAME: &'static str;
    /// `true` for `f32`: single precision, where f64 arithmetic is a software
    /// routine on single-precision FPUs (Cortex-M4F) and kernels are tiled for
    /// 8 values per 256-bit register (4 for f64).
    const IS_SINGLE: bool;
    /// A tiny positive normal value (1e-37 for f32, 1e-306 for f64), used as an
    /// absolute margin against underflow.
    const TINY: Self;
    /// Absolute tolerance when checking that values of this type sum to 1
    /// (1e-6 for f32, 1e-8 for f64).
    const SUM_ATOL: f64;

    /// Rounds an `f64` to this type (may overflow to infinity for f32).
    fn from_f64(v: f64) -> Self;
    /// Widens (or keeps) to `f64`; exact.
    fn to_f64(self) -> f64;
    /// Converts a count to this type (rounded).
    fn from_usize(v: usize) -> Self;
    /// Converts an `f32` to this type (exact).
    fn from_f32(v: f32) -> Self;
    /// Rounds to `f32` (the identity for f32).
    fn to_f32(self) -> f32;
    /// The next representable value above a finite `self >= 0` (its bit
    /// pattern plus one).
    fn next_up(self) -> Self;
    /// The next representable value below a finite `self >= 0` (its bit
    /// pattern minus one; 0 stays 0).
    fn next_down(self) -> Self;
    /// `true` unless NaN or infinite.
    fn is_finite(self) -> bool;
    /// Absolute value.
    fn abs(self) -> Self;
    /// Square root, correctly rounded (hardware on hosted targets, libm on bare
    /// metal; never approximated, since DBSCAN's `<= eps` test and parity depend on it).
    fn sqrt(self) -> Self;
    /// e^x.
    fn exp(self) -> Self;
    /// Natural logarithm.
    fn ln(self) -> Self;
    /// `self * a + b`. Fused (one rounding, IEEE `fma`) on hosted targets, which
    /// link std: hardware FMA where the code is compiled for it, a correctly
    /// rounded software `fma` otherwise, so both give the same bits. On bare-metal
    /// targets it is `self * a + b` with two roundings (a software `fma` would be
    /// far slower there). Either way one build always gives the same result.
    fn mul_add(self, a: Self, b: Self) -> Self;
    /// The larger of two values; NaN-free inputs assumed (returns `self` on ties).
    #[inline]
    fn max_of(self, other: Self) -> Self {
        if other > self {
            other
        } else {
            self
        }
    }
    /// The smaller of two values; NaN-free inputs assumed (returns `self` on ties).
    #[inline]
    fn min_of(self, other: Self) -> Self {
        if other < self {
            other
        } else {
            self
        }
    }
}

// Square roots are correctly rounded (IEEE 754) both in hardware and in libm's
// software path, so the results are bit-identical; hosted targets (which link
// std, see lib.rs) use the hardware instruction, bare-metal targets libm.
#[cfg(not(target_os = "none"))]
#[inline]
fn sqrt_f64(v: f64) -> f64 {
    v.sqrt()
}
#[cfg(target_os = "none")]
#[inline]
fn sqrt_f64(v: f64) -> f64 {
    libm::sqrt(v)
}
#[cfg(not(target_os = "none"))]
#[inline]
fn sqrt_f32(v: f32) -> f32 {
    v.sqrt()
}
#[cfg(target_os = "none")]
#[inline]
fn sqrt_f32(v: f32) -> f32 {
    libm::sqrtf(v)
}

impl Scalar for f64 {
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;
    const MAX: Self = f64::MAX;
    const EPSILON: Self = f64::EPSILON;
    const INFINITY: Self = f64::INFINITY;
    const NAME: &'static str = "f64";
    const IS_SINGLE: bool = false;
    const TINY: Self = 1e-306;
    const SUM_ATOL: f64 = 1e-8;

    #[inline]
    fn from_f64(v: f64) -> Self {
        v
    }
    #[inline]
    fn to_f64(self) -> f64 {
        self
    }
    #[inline]
    fn from_usize(v: usize) -> Self {
        v as f64
    }
    #[inline]
    fn from_f32(v: f32) -> Self {
        v as f64
    }
    #[inline]
    fn to_f32(self) -> f32 {
        self as f32
    }
    #[inline]
    fn next_up(self) -> Self {
        f64::from_bits(self.to_bits().saturating_add(1))
    }
    #[inline]
    fn next_down(self) -> Self {
        f64::from_bits(self.to_bits().saturating_sub(1))
    }
    #[inline]
    fn is_finite(self) -> bool {
        f64::is_finite(self)
    }
    #[inline]
    fn abs(self) -> Self {
        libm::fabs(self)
    }
    #[inline]
    fn sqrt(self) -> Self {
        sqrt_f64(self)
    }
    #[inline]
    fn exp(self) -> Self {
        libm::exp(self)
    }
    #[inline]
    fn ln(self) -> Self {
        libm::log(self)
    }
    #[cfg(not(target_os = "none"))]
    #[inline]
    fn mul_add(self, a: Self, b: Self) -> Self {
        f64::mul_add(self, a, b)
    }
    #[cfg(target_os = "none")]
    #[inline]
    fn mul_add(self, a: Self, b: Self) -> Self {
        self * a + b
    }
}

impl Scalar for f32 {
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;
    const MAX: Self = f32::MAX;
    const EPSILON: Self = f32::EPSILON;
    const INFINITY: Self = f32::INFINITY;
    const NAME: &'static str = "f32";
    const IS_SINGLE: bool = true;
    const TINY: Self = 1e-37_f64 as f32;
    const SUM_ATOL: f64 = 1e-6;

    #[inline]
    fn from_f64(v: f64) -> Self {
        v as f32
    }
    #[inline]
    fn to_f64(self) -> f64 {
        self as f64
    }
    #[inline]
    fn from_usize(v: usize) -> Self {
        v as f32
    }
    #[inline]
    fn from_f32(v: f32) -> Self {
        v
    }
    #[inline]
    fn to_f32(self) -> f32 {
        self
    }
    #[inline]
    fn next_up(self) -> Self {
        f32::from_bits(self.to_bits().saturating_add(1))
    }
    #[inline]
    fn next_down(self) -> Self {
        f32::from_bits(self.to_bits().saturating_sub(1))
    }
    #[inline]
    fn is_finite(self) -> bool {
        f32::is_finite(self)
    }
    #[inline]
    fn abs(self) -> Self {
        libm::fabsf(self)
    }
    #[inline]
    fn sqrt(self) -> Self {
        sqrt_f32(self)
    }
    #[cfg(not(feature = "micromath"))]
    #[inline]
    fn exp(self) -> Self {
        libm::expf(self)
    }
    #[cfg(feature = "micromath")]
    #[inline]
    fn exp(self) -> Self {
        micromath::F32Ext::exp(self)
    }
    #[cfg(not(feature = "micromath"))]
    #[inline]
    fn ln(self) -> Self {
        libm::logf(self)
    }
    #[cfg(feature = "micromath")]
    #[inline]
    fn ln(self) -> Self {
        micromath::F32Ext::ln(self)
    }
    #[cfg(not(target_os = "none"))]
    #[inline]
    fn mul_add(self, a: Self, b: Self) -> Self {
        f32::mul_add(self, a, b)
    }
    #[cfg(target_os = "none")]
    #[inline]
    fn mul_add(self, a: Self, b: Self) -> Self {
        self * a + b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check<S: Scalar>(tol: f64) {
        assert_eq!(S::ZERO.to_f64(), 0.0);
        assert_eq!(S::ONE.to_f64(), 1.0);
        assert!(S::MAX.is_finite() && !S::INFINITY.is_finite());
        assert!(!S::from_f64(f64::NAN).is_finite());
        assert_eq!(S::from_usize(12345).to_f64(), 12345.0);
        assert_eq!(S::from_f64(-2.5).abs().to_f64(), 2.5);
        assert!((S::from_f64(2.0).sqrt().to_f64() - core::f64::consts::SQRT_2).abs() < tol);
        assert!((S::ONE.exp().to_f64() - core::f64::consts::E).abs() < tol * 3.0);
        assert!((S::from_f64(core::f64::consts::E).ln().to_f64() - 1.0).abs() < tol);
        assert_eq!(S::from_f64(1.0).max_of(S::from_f64(2.0)).to_f64(), 2.0);
        assert_eq!(S::from_f64(1.0).min_of(S::from_f64(2.0)).to_f64(), 1.0);
        assert!(S::EPSILON > S::ZERO && S::EPSILON < S::ONE);
        assert_eq!(
            S::from_f64(3.0).mul_add(S::from_f64(4.0), S::ONE).to_f64(),
            13.0
        );
    }

    #[test]
    fn hardware_and_libm_square_roots_agree_bit_for_bit() {
        let mut rng = crate::rng::Rng::new(17);
        for _ in 0..10_000 {
            let v = f64::from_bits(rng.next_u64() >> 1); // non-negative, any magnitude
            if v.is_finite() {
                assert_eq!(sqrt_f64(v).to_bits(), libm::sqrt(v).to_bits(), "{v:e}");
            }
            let w = f32::from_bits((rng.next_u64() >> 33) as u32);
            if w.is_finite() {
                assert_eq!(sqrt_f32(w).to_bits(), libm::sqrtf(w).to_bits(), "{w:e}");
            }
        }
    }

    #[test]
    fn type_constants_and_bit_steps() {
        assert_eq!((f32::IS_SINGLE, f64::IS_SINGLE), (true, false));
        assert_eq!(f32::TINY, 1e-37_f64 as f32);
        assert_eq!(f64::TINY, 1e-306);
        assert_eq!((f32::SUM_ATOL, f64::SUM_ATOL), (1e-6, 1e-8));
        for v in [0.0f64, 1e-300, 1.0, 3.5, 1e300] {
            assert_eq!(Scalar::next_up(v).to_bits(), v.to_bits() + 1);
            assert!(Scalar::next_up(v) > v);
            let w = v as f32;
            assert_eq!(Scalar::next_up(w).to_bits(), w.to_bits() + 1);
            if v > 0.0 {
                assert!(Scalar::next_down(v) < v);
            }
            if w > 0.0 {
                assert!(Scalar::next_down(w) < w);
            }
            assert_eq!(<f64 as Scalar>::from_f32(w), w as f64);
            assert_eq!(Scalar::to_f32(v), w);
        }
        assert_eq!(Scalar::next_down(0.0f64), 0.0);
        assert_eq!(Scalar::next_down(0.0f32), 0.0);
    }

    #[test]
    fn f64_math() {
        check::<f64>(1e-15);
        assert_eq!(f64::NAME, "f64");
    }

    #[test]
    fn f32_math() {
        // micromath trades accuracy for speed; libm is correctly rounded to ~1 ulp.
        let tol = if cfg!(feature = "micromath") {
            1e-2
        } else {
            1e-6
        };
        check::<f32>(tol);
        assert_eq!(f32::NAME, "f32");
        assert!(
            !f32::from_f64(1e39).is_finite(),
            "f32 overflow rounds to infinity"
        );
    }
}
