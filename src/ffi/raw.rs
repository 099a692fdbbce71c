//! Pointer-to-slice conversion for the C boundary.
//!
//! The C caller promises (in the header, and in each export's `# Safety`
//! section) that every non-NULL pointer refers to at least the documented
//! number of live, initialised elements, and that output buffers do not
//! overlap inputs unless documented as in/out. These helpers check everything
//! that *can* be checked (NULL, alignment, byte size within `isize::MAX`) and
//! return a precise [`Error`] otherwise; what cannot be checked (that the
//! memory exists, is initialised and is not aliased) is their `# Safety`
//! contract, so each of them is an `unsafe fn`.
//!
//! Every conversion returns a reference of an unbounded lifetime `'a`: the
//! caller (an export's body) must not keep it beyond the export call.

use crate::error::{Error, Result};
use crate::ffi::status::nanoclust_status;
use crate::matrix::Matrix;
use crate::scalar::Scalar;
use core::ffi::c_void;
use core::mem::{align_of, size_of};

/// Checks a pointer for a `len`-element array of `T`.
fn check<T>(ptr: *const T, len: usize, name: &'static str) -> Result<()> {
    if ptr.is_null() || (ptr as usize) % align_of::<T>() != 0 {
        return Err(Error::NullPointer(name));
    }
    match len.checked_mul(size_of::<T>()) {
        Some(bytes) if isize::try_from(bytes).is_ok() => Ok(()),
        _ => Err(Error::InvalidShape(name)),
    }
}

/// A shared slice of `len` elements at `ptr` (NULL is an error, even for `len == 0`).
///
/// # Safety
/// If `ptr` is non-NULL and aligned, it must point to `len` initialised `T`
/// (one allocation) that nothing writes while the returned slice lives.
pub unsafe fn slice<'a, T>(ptr: *const T, len: usize, name: &'static str) -> Result<&'a [T]> {
    check(ptr, len, name)?;
    // SAFETY: non-NULL, aligned, size within isize::MAX (checked); `len`
    // initialised, unmodified elements by this function's contract.
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}

/// A mutable slice of `len` elements at `ptr` (NULL is an error).
///
/// # Safety
/// If `ptr` is non-NULL and aligned, it must point to `len` writable,
/// initialised `T` (one allocation) that no other reference or pointer
/// accesses while the returned slice lives.
pub unsafe fn slice_mut<'a, T>(ptr: *mut T, len: usize, name: &'static str) -> Result<&'a mut [T]> {
    check(ptr, len, name)?;
    // SAFETY: non-NULL, aligned, size within isize::MAX (checked); `len`
    // writable, initialised, unaliased elements by this function's contract.
    Ok(unsafe { core::slice::from_raw_parts_mut(ptr, len) })
}

/// Like [`slice`], but NULL gives `None` (for "may be NULL" inputs).
///
/// # Safety
/// As [`slice`].
pub unsafe fn opt_slice<'a, T>(
    ptr: *const T,
    len: usize,
    name: &'static str,
) -> Result<Option<&'a [T]>> {
    if ptr.is_null() {
        Ok(None)
    } else {
        // SAFETY: this function's contract is `slice`'s.
        unsafe { slice(ptr, len, name) }.map(Some)
    }
}

/// Like [`slice_mut`], but NULL gives `None` (for "may be NULL" outputs).
///
/// # Safety
/// As [`slice_mut`].
pub unsafe fn opt_slice_mut<'a, T>(
    ptr: *mut T,
    len: usize,
    name: &'static str,
) -> Result<Option<&'a mut [T]>> {
    if ptr.is_null() {
        Ok(None)
    } else {
        // SAFETY: this function's contract is `slice_mut`'s.
        unsafe { slice_mut(ptr, len, name) }.map(Some)
    }
}

/// An input/output pair for functions whose output "may equal" the input.
#[derive(Debug)]
pub enum InOut<'a, T> {
    /// `x` and `out` are distinct, non-overlapping buffers.
    Distinct(&'a [T], &'a mut [T]),
    /// `out == x`: one buffer, read and overwritten element by element.
    InPlace(&'a mut [T]),
}

/// The `len`-element input `x` and output `out` of a call that may work in
/// place: equal pointers give [`InOut::InPlace`], disjoint buffers
/// [`InOut::Distinct`]; a partial overlap is `InvalidParameter(out_name)`
/// (no sound element order exists for it). NULL, misalignment and oversize
/// are reported as by [`slice`], naming `x_name` or `out_name`.
///
/// # Safety
/// `x` must be valid as for [`slice`] and `out` as for [`slice_mut`], except
/// that `out` may overlap `x` (equal pointers are one buffer, read and
/// written; a partial overlap is rejected before any reference is made).
pub unsafe fn in_out<'a, T>(
    x: *const T,
    out: *mut T,
    len: usize,
    x_name: &'static str,
    out_name: &'static str,
) -> Result<InOut<'a, T>> {
    check(x, len, x_name)?;
    check(out.cast_const(), len, out_name)?;
    if x == out.cast_const() {
        // SAFETY: non-NULL, aligned, size within isize::MAX (checked above); the
        // contract makes `out == x` one writable buffer of `len` elements, and
        // this is the only reference made to it.
        return Ok(InOut::InPlace(unsafe {
            core::slice::from_raw_parts_mut(out, len)
        }));
    }
    // Both byte sizes are <= isize::MAX (checked), so the ends do not wrap
    // within the address space; saturate anyway rather than trust it.
    let bytes = len.saturating_mul(size_of::<T>());
    let (xs, os) = (x as usize, out as usize);
    let (xe, oe) = (xs.saturating_add(bytes), os.saturating_add(bytes));
    if bytes > 0 && xs < oe && os < xe {
        return Err(Error::InvalidParameter(out_name));
    }
    // SAFETY: as in `slice`: `len` live, initialised elements at `x`,
    // unmodified during the call (contract).
    let input = unsafe { core::slice::from_raw_parts(x, len) };
    // SAFETY: as in `slice_mut`: `len` writable elements at `out`; the range
    // check above proves they do not overlap `x`, so the shared and the
    // mutable slice never alias.
    let output = unsafe { core::slice::from_raw_parts_mut(out, len) };
    Ok(InOut::Distinct(input, output))
}

/// A shared `rows x cols` row-major array (`rows * cols` overflowing is
/// `InvalidShape(name)`), else as [`slice`].
///
/// # Safety
/// As [`slice`] with `len = rows * cols`.
#[inline(always)]
pub unsafe fn rows<'a, T>(
    ptr: *const T,
    rows: usize,
    cols: usize,
    name: &'static str,
) -> Result<&'a [T]> {
    let len = rows.checked_mul(cols).ok_or(Error::InvalidShape(name))?;
    // SAFETY: this function's contract is `slice`'s for `rows * cols` elements.
    unsafe { slice(ptr, len, name) }
}

/// A mutable `rows x cols` row-major array (`rows * cols` overflowing is
/// `InvalidShape(name)`), else as [`slice_mut`].
///
/// # Safety
/// As [`slice_mut`] with `len = rows * cols`.
#[inline(always)]
pub unsafe fn rows_mut<'a, T>(
    ptr: *mut T,
    rows: usize,
    cols: usize,
    name: &'static str,
) -> Result<&'a mut [T]> {
    let len = rows.checked_mul(cols).ok_or(Error::InvalidShape(name))?;
    // SAFETY: this function's contract is `slice_mut`'s for `rows * cols` elements.
    unsafe { slice_mut(ptr, len, name) }
}

/// A validated `n x d` sample matrix ([`Matrix::named`]: shape, finiteness).
/// Always inlined, so the error names stay constants (smaller firmware code).
///
/// # Safety
/// As [`slice`] with `len = n * d`.
#[inline(always)]
pub unsafe fn matrix<'a, S: Scalar>(
    ptr: *const S,
    n: usize,
    d: usize,
    name: &'static str,
) -> Result<Matrix<'a, S>> {
    // SAFETY: this function's contract is `rows`'s.
    Matrix::named(unsafe { rows(ptr, n, d, name) }?, n, d, name)
}

/// Copies the value at `ptr` (a params struct, say).
///
/// # Safety
/// If `ptr` is non-NULL and aligned, it must point to an initialised `T`.
/// `T` must be plain data for which every bit pattern is valid (the
/// `#[repr(C)]` structs of this module: integers and floats only).
pub unsafe fn read<T: Copy>(ptr: *const T, name: &'static str) -> Result<T> {
    check(ptr, 1, name)?;
    // SAFETY: non-NULL and aligned (checked); an initialised `T` by contract.
    Ok(unsafe { ptr.read() })
}

/// An output location for one `T` (NULL is an error).
///
/// # Safety
/// As [`slice_mut`] with `len = 1`.
pub unsafe fn out<'a, T>(ptr: *mut T, name: &'static str) -> Result<&'a mut T> {
    check(ptr, 1, name)?;
    // SAFETY: non-NULL, aligned (checked); a writable, initialised, unaliased
    // `T` by contract.
    Ok(unsafe { &mut *ptr })
}

/// An optional output location for one `T` (NULL gives `None`).
///
/// # Safety
/// As [`out`].
pub unsafe fn opt_out<'a, T>(ptr: *mut T, name: &'static str) -> Result<Option<&'a mut T>> {
    if ptr.is_null() {
        Ok(None)
    } else {
        // SAFETY: this function's contract is `out`'s.
        unsafe { out(ptr, name) }.map(Some)
    }
}

/// The caller's workspace as bytes. NULL is valid only with `bytes == 0`.
///
/// # Safety
/// As [`slice_mut`] for `bytes` bytes (of any contents: the core writes
/// every scratch byte before it reads it).
pub unsafe fn workspace<'a>(ptr: *mut c_void, bytes: usize) -> Result<&'a mut [u8]> {
    if ptr.is_null() {
        return if bytes == 0 {
            Ok(&mut [])
        } else {
            Err(Error::NullPointer("workspace"))
        };
    }
    // SAFETY: this function's contract is `slice_mut`'s for `bytes` bytes.
    unsafe { slice_mut(ptr.cast::<u8>(), bytes, "workspace") }
}

/// Runs a fallible body and turns its result into a status: `NANOCLUST_OK` or
/// the error's code.
#[inline]
pub fn status(f: impl FnOnce() -> Result<()>) -> nanoclust_status {
    match f() {
        Ok(()) => 0,
        Err(e) => e.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_and_misaligned_pointers_are_errors() {
        // SAFETY: every pointer passed is NULL, misaligned (rejected before any
        // access) or points into a live local buffer of the stated length.
        unsafe {
            let e = Err(Error::NullPointer("x"));
            assert_eq!(slice::<f64>(core::ptr::null(), 0, "x"), e);
            assert_eq!(slice::<f64>(core::ptr::null(), 3, "x"), e);
            let buf = [0u64; 2];
            let misaligned = buf.as_ptr().cast::<u8>().wrapping_add(1).cast::<f64>();
            assert_eq!(slice::<f64>(misaligned, 1, "x"), e);
            assert_eq!(
                read::<u32>(core::ptr::null(), "params"),
                Err(Error::NullPointer("params"))
            );
            assert!(out::<u32>(core::ptr::null_mut(), "out").is_err());
            assert!(matches!(
                opt_out::<u32>(core::ptr::null_mut(), "out"),
                Ok(None)
            ));
            assert!(matches!(
                opt_slice::<u32>(core::ptr::null(), 5, "w"),
                Ok(None)
            ));
            assert!(matches!(
                opt_slice_mut::<u32>(core::ptr::null_mut(), 5, "w"),
                Ok(None)
            ));
        }
    }

    #[test]
    fn oversized_lengths_are_shape_errors() {
        // SAFETY: every pointer passed is NULL, misaligned (rejected before any
        // access) or points into a live local buffer of the stated length.
        unsafe {
            let x = [1.0f64];
            assert_eq!(
                slice(x.as_ptr(), usize::MAX / 8 + 1, "x"),
                Err(Error::InvalidShape("x"))
            );
            assert_eq!(
                slice(x.as_ptr(), isize::MAX as usize / 4, "x"),
                Err(Error::InvalidShape("x"))
            );
        }
    }

    #[test]
    fn valid_pointers_become_slices() {
        // SAFETY: every pointer passed is NULL, misaligned (rejected before any
        // access) or points into a live local buffer of the stated length.
        unsafe {
            let x = [1.0f32, 2.0, 3.0];
            assert_eq!(slice(x.as_ptr(), 3, "x").unwrap(), &x);
            assert_eq!(slice(x.as_ptr(), 0, "x").unwrap(), &[] as &[f32]);
            let mut y = [0i32; 2];
            slice_mut(y.as_mut_ptr(), 2, "y").unwrap()[1] = 5;
            assert_eq!(y, [0, 5]);
            let mut v = 0u32;
            *out(&mut v, "v").unwrap() = 9;
            assert_eq!(v, 9);
            assert_eq!(read(&v, "v").unwrap(), 9);
        }
    }

    #[test]
    fn workspace_null_is_valid_only_when_empty() {
        // SAFETY: every pointer passed is NULL, misaligned (rejected before any
        // access) or points into a live local buffer of the stated length.
        unsafe {
            assert_eq!(workspace(core::ptr::null_mut(), 0).unwrap().len(), 0);
            assert_eq!(
                workspace(core::ptr::null_mut(), 1),
                Err(Error::NullPointer("workspace"))
            );
            let mut buf = [0u8; 5];
            assert_eq!(workspace(buf.as_mut_ptr().cast(), 5).unwrap().len(), 5);
        }
    }

    #[test]
    fn in_out_distinguishes_in_place_distinct_and_overlap() {
        // SAFETY: every pointer passed is NULL, misaligned (rejected before any
        // access) or points into a live local buffer of the stated length.
        unsafe {
            let mut buf = [1.0f64, 2.0, 3.0, 4.0, 5.0, 6.0];
            let p = buf.as_mut_ptr();
            // Same pointer: one mutable slice.
            match in_out(p.cast_const(), p, 4, "x", "out").unwrap() {
                InOut::InPlace(s) => {
                    assert_eq!(s.len(), 4);
                    s[0] = 10.0;
                }
                InOut::Distinct(..) => panic!("equal pointers are in place"),
            }
            assert_eq!(buf[0], 10.0);
            // Adjacent, non-overlapping halves: distinct.
            let p = buf.as_mut_ptr();
            let (lo, hi) = (p.cast_const(), p.wrapping_add(3));
            match in_out(lo, hi, 3, "x", "out").unwrap() {
                InOut::Distinct(x, out) => {
                    assert_eq!(x, &[10.0, 2.0, 3.0]);
                    out.copy_from_slice(x);
                }
                InOut::InPlace(_) => panic!("different pointers are distinct"),
            }
            assert_eq!(buf, [10.0, 2.0, 3.0, 10.0, 2.0, 3.0]);
            // Partial overlap in either direction: rejected.
            let p = buf.as_mut_ptr();
            assert!(matches!(
                in_out(p.cast_const(), p.wrapping_add(1), 3, "x", "out"),
                Err(Error::InvalidParameter("out"))
            ));
            assert!(matches!(
                in_out(p.wrapping_add(2).cast_const(), p, 3, "x", "out"),
                Err(Error::InvalidParameter("out"))
            ));
            // Zero length never overlaps.
            assert!(matches!(
                in_out(p.cast_const(), p.wrapping_add(1), 0, "x", "out"),
                Ok(InOut::Distinct(..))
            ));
        }
    }

    #[test]
    fn in_out_checks_both_pointers() {
        // SAFETY: every pointer passed is NULL, misaligned (rejected before any
        // access) or points into a live local buffer of the stated length.
        unsafe {
            let mut buf = [0.0f32; 4];
            let p = buf.as_mut_ptr();
            assert!(matches!(
                in_out(core::ptr::null(), p, 2, "x", "out"),
                Err(Error::NullPointer("x"))
            ));
            assert!(matches!(
                in_out(p.cast_const(), core::ptr::null_mut(), 2, "x", "out"),
                Err(Error::NullPointer("out"))
            ));
            let misaligned = p.cast::<u8>().wrapping_add(1).cast::<f32>();
            assert!(matches!(
                in_out(p.cast_const(), misaligned, 1, "x", "out"),
                Err(Error::NullPointer("out"))
            ));
            assert!(matches!(
                in_out(p.cast_const(), p, usize::MAX / 2, "x", "out"),
                Err(Error::InvalidShape("x"))
            ));
        }
    }

    #[test]
    fn status_maps_results() {
        assert_eq!(status(|| Ok(())), 0);
        assert_eq!(status(|| Err(Error::NonFinite("x"))), 4);
    }
}
