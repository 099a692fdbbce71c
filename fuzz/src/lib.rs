//! Shared decoding and oracles of the nanoclust fuzz targets.
//!
//! Every target turns the fuzzer's raw bytes into a structured case with
//! [`arbitrary::Unstructured`]: shapes, parameters and sample values drawn from
//! a palette that favours what breaks numeric code (exact ties, duplicate
//! rows, a large common offset, NaN/Inf, huge and subnormal values), and a
//! workspace size around what the query asked for. The checks are the C
//! contract, not just "no crash": the status is a documented one; a failing
//! call leaves every output byte-identical to its canary; an OK call gives
//! finite outputs and in-range labels; and differential oracles (a naive f64
//! reference on small inputs, one algorithm against another) hold.
#![allow(clippy::missing_safety_doc)]

use arbitrary::Unstructured;

/// The statuses of the C ABI (`NANOCLUST_OK` ..= `NANOCLUST_ERR_NUMERICAL`).
pub const MAX_STATUS: i32 = 7;
/// The canary byte written into every output before a call.
pub const CANARY: u8 = 0xA5;

/// Asserts that `s` is a documented status.
pub fn check_status(s: i32, what: &str) {
    assert!(
        (0..=MAX_STATUS).contains(&s),
        "{what}: undocumented status {s}"
    );
}

/// An output buffer pre-filled with the canary byte.
pub fn canary<T: Copy>(len: usize) -> Vec<T> {
    let mut v: Vec<T> = Vec::with_capacity(len.max(1));
    // SAFETY: the capacity holds `len.max(1)` values; every byte is written
    // before the length is set, and the element types used here (integers and
    // floats, plain-old-data C structs) accept any bit pattern.
    unsafe {
        core::ptr::write_bytes(v.as_mut_ptr(), CANARY, len.max(1));
        v.set_len(len.max(1));
    }
    v
}

/// The bytes of a slice (for canary comparisons).
pub fn bytes<T: Copy>(v: &[T]) -> &[u8] {
    // SAFETY: reading the initialised bytes of plain-old-data values.
    unsafe { core::slice::from_raw_parts(v.as_ptr().cast::<u8>(), core::mem::size_of_val(v)) }
}

/// Asserts that every byte of `v` is still the canary.
pub fn untouched<T: Copy>(v: &[T], what: &str) {
    assert!(
        bytes(v).iter().all(|&b| b == CANARY),
        "{what}: written although the call failed"
    );
}

/// One element type of the C ABI, with the conversions the oracles need.
pub trait Elem: Copy + PartialEq + core::fmt::Debug + 'static {
    /// Narrowing (f32) or identity (f64) conversion.
    fn from_f64(v: f64) -> Self;
    /// Widening conversion.
    fn to_f64(self) -> f64;
    /// The relative precision of the type.
    const EPS: f64;
    /// `true` for f32.
    const SINGLE: bool;
}
impl Elem for f32 {
    fn from_f64(v: f64) -> Self {
        v as f32
    }
    fn to_f64(self) -> f64 {
        self as f64
    }
    const EPS: f64 = f32::EPSILON as f64;
    const SINGLE: bool = true;
}
impl Elem for f64 {
    fn from_f64(v: f64) -> Self {
        v
    }
    fn to_f64(self) -> f64 {
        self
    }
    const EPS: f64 = f64::EPSILON;
    const SINGLE: bool = false;
}

/// How sample values are drawn.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    /// Allow NaN, infinities, huge and subnormal values.
    pub special: bool,
    /// A common offset added to every value (0, 2^20 or 1e8).
    pub offset: f64,
    /// Probability (in 1/256) of copying an earlier row instead of drawing one.
    pub dup: u8,
}

impl Palette {
    /// Decodes a palette.
    pub fn arbitrary(u: &mut Unstructured<'_>) -> Palette {
        let special = u.ratio(1, 8).unwrap_or(false);
        let offset = match u.int_in_range(0u8..=7).unwrap_or(0) {
            0 => 1.0e8,
            1 => 1048576.0,
            2 => -3.0e4,
            _ => 0.0,
        };
        Palette {
            special,
            offset,
            dup: u.arbitrary().unwrap_or(0),
        }
    }

    /// One value.
    pub fn value(&self, u: &mut Unstructured<'_>) -> f64 {
        let tag: u8 = u.arbitrary().unwrap_or(0);
        let v = match tag % 16 {
            // Small integers and quarters: exact ties and duplicates.
            0..=5 => (u.int_in_range(-4i32..=4).unwrap_or(0)) as f64,
            6..=7 => (u.int_in_range(-8i32..=8).unwrap_or(0)) as f64 * 0.25,
            // Spread values.
            8..=12 => {
                let r: u16 = u.arbitrary().unwrap_or(0);
                (r as f64 / 65535.0 - 0.5) * 200.0
            }
            13 => {
                let r: i8 = u.arbitrary().unwrap_or(0);
                r as f64 * 1.0e-3
            }
            _ if self.special => match u.int_in_range(0u8..=11).unwrap_or(0) {
                0 => f64::NAN,
                1 => f64::INFINITY,
                2 => f64::NEG_INFINITY,
                3 => f64::MAX,
                4 => -f64::MAX,
                5 => f64::MIN_POSITIVE,
                6 => 5e-324,
                7 => 1e300,
                8 => f32::MAX as f64,
                9 => 3.0e19,
                10 => 1e-40,
                _ => -1e200,
            },
            _ => {
                let r: u8 = u.arbitrary().unwrap_or(0);
                r as f64
            }
        };
        if v.is_finite() && v.abs() < 1e6 {
            v + self.offset
        } else {
            v
        }
    }

    /// An `n x d` row-major matrix (with duplicated rows).
    pub fn matrix(&self, u: &mut Unstructured<'_>, n: usize, d: usize) -> Vec<f64> {
        let mut x = Vec::with_capacity(n * d);
        for i in 0..n {
            let copy: u8 = u.arbitrary().unwrap_or(0);
            if i > 0 && copy < self.dup {
                let j = u.int_in_range(0..=i - 1).unwrap_or(0);
                for f in 0..d {
                    let v = x[j * d + f];
                    x.push(v);
                }
            } else {
                for _ in 0..d {
                    x.push(self.value(u));
                }
            }
        }
        x
    }
}

/// A workspace length around the queried one: short by one, exact or with
/// slack, and a start offset for any alignment. Returns (buffer, start, len).
pub fn workspace(u: &mut Unstructured<'_>, queried: usize) -> (Vec<u8>, usize, usize) {
    let len = match u.int_in_range(0u8..=15).unwrap_or(0) {
        0 => queried.saturating_sub(1),
        1 => queried / 2,
        2 => queried + 64,
        _ => queried,
    };
    let off = u.int_in_range(0usize..=7).unwrap_or(0);
    (vec![0x5Au8; len + off + 1], off, len)
}

/// Converts to the element type.
pub fn conv<S: Elem>(v: &[f64]) -> Vec<S> {
    v.iter().map(|&x| S::from_f64(x)).collect()
}

/// Whether every value is finite.
pub fn all_finite<S: Elem>(v: &[S]) -> bool {
    v.iter().all(|x| x.to_f64().is_finite())
}

/// The naive squared Euclidean distance in f64.
pub fn sq_dist<S: Elem>(a: &[S], b: &[S]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| {
            let t = x.to_f64() - y.to_f64();
            t * t
        })
        .sum()
}

/// Naive f64 distance of the four metrics (0 Euclidean, 1 Manhattan,
/// 2 Chebyshev, 3 cosine), from the definitions.
pub fn naive_distance<S: Elem>(metric: u32, a: &[S], b: &[S]) -> f64 {
    let it = a.iter().zip(b).map(|(x, y)| (x.to_f64(), y.to_f64()));
    match metric {
        0 => sq_dist(a, b).sqrt(),
        1 => it.map(|(x, y)| (x - y).abs()).sum(),
        2 => it.map(|(x, y)| (x - y).abs()).fold(0.0, f64::max),
        _ => {
            // Each vector scaled by its largest magnitude first (no overflow
            // for values near f64::MAX).
            let sa = a.iter().fold(0.0f64, |m, v| m.max(v.to_f64().abs()));
            let sb = b.iter().fold(0.0f64, |m, v| m.max(v.to_f64().abs()));
            let (mut ab, mut aa, mut bb) = (0.0, 0.0, 0.0);
            for (x, y) in it {
                let (x, y) = (x / sa, y / sb);
                ab += x * y;
                aa += x * x;
                bb += y * y;
            }
            (1.0 - ab / (aa.sqrt() * bb.sqrt())).clamp(0.0, 2.0)
        }
    }
}

/// Whether two labelings are the same partition (equal up to renaming).
pub fn same_partition(a: &[i32], b: &[i32]) -> bool {
    use std::collections::HashMap;
    let (mut f, mut g) = (HashMap::new(), HashMap::new());
    a.iter()
        .zip(b)
        .all(|(&x, &y)| *f.entry(x).or_insert(y) == y && *g.entry(y).or_insert(x) == x)
}

/// `|a - b| <= tol * scale` with a scale of at least 1.
pub fn close(a: f64, b: f64, tol: f64, scale: f64) -> bool {
    (a - b).abs() <= tol * scale.max(1.0)
}
