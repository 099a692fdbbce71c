//! Run-time CPU feature dispatch for the hot kernels.
//!
//! [`with_simd`] runs a closure inside a function compiled for AVX2 and FMA when
//! the CPU has both (x86_64 targets that link std: run-time detection, cached by
//! std), and runs it as is everywhere else (other architectures, bare metal,
//! miri). Only code inlined into the closure benefits, so the kernels called from
//! it are `#[inline(always)]`.
//!
//! Both paths compute the same bits: the compiler never reorders floating-point
//! operations, and [`Scalar::mul_add`](crate::Scalar::mul_add) is a correctly
//! rounded fused multiply-add on every hosted target. This is the only core
//! module with `unsafe` code (calling a `#[target_feature]` function).
#![allow(unsafe_code)]

/// Runs `f` with AVX2 and FMA code generation when the CPU supports both, else
/// runs `f` as is. Same result either way (see the module docs).
#[inline(always)]
pub fn with_simd<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(all(target_arch = "x86_64", not(target_os = "none"), not(miri)))]
    {
        if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
            // SAFETY: the CPU supports AVX2 and FMA (checked just above), which is
            // the only requirement of a `#[target_feature]` function.
            return unsafe { run_avx2_fma(f) };
        }
    }
    f()
}

/// `f()`, compiled with AVX2 and FMA enabled (see [`with_simd`]).
#[cfg(all(target_arch = "x86_64", not(target_os = "none"), not(miri)))]
#[target_feature(enable = "avx2,fma")]
unsafe fn run_avx2_fma<R>(f: impl FnOnce() -> R) -> R {
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_simd_runs_the_closure_once() {
        let mut calls = 0;
        let v = with_simd(|| {
            calls += 1;
            let a = [1.5f64, 2.0, 3.0, 4.0];
            a.iter()
                .fold(0.0, |s, &x| crate::Scalar::mul_add(x, 2.0, s))
        });
        assert_eq!((v, calls), (21.0, 1));
    }
}
