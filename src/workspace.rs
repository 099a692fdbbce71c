//! Workspace: size queries and carving typed slices out of caller memory.
//!
//! An algorithm declares its scratch needs as a sequence of typed arrays.
//! [`Layout`] sums their sizes in checked arithmetic, adding `align - 1` bytes
//! of slack per array so that a buffer of *any* alignment suffices; the total is
//! what `*_workspace_size` reports. [`Workspace`] carves the same sequence out
//! of the caller's `&mut [u8]`. A short buffer is an error, never a panic.
//!
//! ## One declaration per scratch layout
//!
//! The size query and the carving come from the same code, so they cannot
//! drift. Each algorithm writes its scratch once, as a function generic over
//! [`Carve`]:
//!
//! ```text
//! struct Scratch<'a, S> { sums: &'a mut [S], labels: &'a mut [u32] }
//!
//! fn carve<'a, S: Scalar>(c: &mut impl Carve<'a>, n: usize, k: usize) -> Result<Scratch<'a, S>> {
//!     Ok(Scratch { sums: c.take(k)?, labels: c.take_filled(n, u32::MAX)? })
//! }
//!
//! pub fn workspace_size<S: Scalar>(n: usize, k: usize) -> Result<Layout> {
//!     // validate the shape and params first, then:
//!     Sizer::measure(|c| carve::<S>(c, n, k).map(drop))
//! }
//!
//! pub fn fit<S: Scalar>(/* ... */ workspace: &mut [u8]) -> Result<()> {
//!     let layout = workspace_size::<S>(n, k)?; // validates
//!     let mut ws = Workspace::new(workspace);
//!     ws.require(layout)?; // a short buffer fails before any output is written
//!     let s = carve::<S>(&mut ws, n, k)?;
//!     // ...
//! }
//! ```
//!
//! [`Workspace`] implements [`Carve`] by carving; [`Sizer`] by adding each
//! array to a [`Layout`] (and handing out empty slices). An algorithm that runs
//! another one inside its workspace ends its declaration with
//! [`Carve::take_rest`], naming the callee's size query (see `gmm::init`).

use crate::error::{Error, Result};
use core::mem::{align_of, size_of};

/// Where scratch arrays come from: a real [`Workspace`] (carving) or a
/// [`Sizer`] (sizing). See the module docs.
pub trait Carve<'a> {
    /// An aligned slice of `count` values of `T` (contents unspecified; a
    /// [`Sizer`] returns an empty slice).
    fn take<T: bytemuck::Pod>(&mut self, count: usize) -> Result<&'a mut [T]>;

    /// [`Carve::take`], each value set to `value`.
    fn take_filled<T: bytemuck::Pod>(&mut self, count: usize, value: T) -> Result<&'a mut [T]>;

    /// The rest of the buffer, as the workspace of a nested algorithm whose
    /// size query is `callee` (it must be carved last). A [`Workspace`] hands
    /// over everything left without running `callee` (the callee checks its
    /// own need); a [`Sizer`] adds `callee()`'s bytes.
    fn take_rest(&mut self, callee: impl FnOnce() -> Result<Layout>) -> Result<&'a mut [u8]>;
}

/// The [`Carve`] that only measures: every `take` adds its array to a
/// [`Layout`] and returns an empty slice. An overflow is remembered and
/// reported by [`Sizer::layout`] (so that each `take` stays a plain call).
#[derive(Debug, Clone, Copy, Default)]
pub struct Sizer {
    layout: Layout,
    overflow: bool,
}

impl Sizer {
    /// An empty sizer.
    pub const fn new() -> Self {
        Sizer {
            layout: Layout::new(),
            overflow: false,
        }
    }

    /// Runs a scratch declaration with a sizer and returns its layout.
    pub fn measure(declare: impl FnOnce(&mut Sizer) -> Result<()>) -> Result<Layout> {
        let mut s = Sizer::new();
        declare(&mut s)?;
        s.layout()
    }

    /// The layout of everything taken so far, or [`Error::SizeOverflow`].
    pub fn layout(self) -> Result<Layout> {
        if self.overflow {
            Err(Error::SizeOverflow("workspace"))
        } else {
            Ok(self.layout)
        }
    }

    /// Adds `count` values of size `size` and alignment `align`.
    #[inline(always)]
    fn add(&mut self, count: usize, size: usize, align: usize) {
        match self.layout.add(count, size, align) {
            Ok(l) => self.layout = l,
            Err(_) => self.overflow = true,
        }
    }

    /// [`Sizer::add`] for one element size and alignment, out of line: one
    /// copy serves every array of that kind in every algorithm, and each
    /// `take` is a two-argument call (flash on microcontrollers).
    #[inline(never)]
    fn add_fixed<const SIZE: usize, const ALIGN: usize>(&mut self, count: usize) {
        self.add(count, SIZE, ALIGN);
    }
}

impl<'a> Carve<'a> for Sizer {
    #[inline(always)]
    fn take<T: bytemuck::Pod>(&mut self, count: usize) -> Result<&'a mut [T]> {
        // Constant-folded: the common element kinds share one sizing routine each.
        match (size_of::<T>(), align_of::<T>()) {
            (1, 1) => self.add_fixed::<1, 1>(count),
            (4, 4) => self.add_fixed::<4, 4>(count),
            (8, 8) => self.add_fixed::<8, 8>(count),
            (size, align) => self.add(count, size, align),
        }
        Ok(&mut [])
    }
    #[inline(always)]
    fn take_filled<T: bytemuck::Pod>(&mut self, count: usize, _: T) -> Result<&'a mut [T]> {
        self.take(count)
    }
    fn take_rest(&mut self, callee: impl FnOnce() -> Result<Layout>) -> Result<&'a mut [u8]> {
        self.take::<u8>(callee()?.bytes())
    }
}

impl<'a> Carve<'a> for Workspace<'a> {
    #[inline(always)]
    fn take<T: bytemuck::Pod>(&mut self, count: usize) -> Result<&'a mut [T]> {
        Workspace::take(self, count)
    }
    #[inline(always)]
    fn take_filled<T: bytemuck::Pod>(&mut self, count: usize, value: T) -> Result<&'a mut [T]> {
        Workspace::take_filled(self, count, value)
    }
    #[inline(always)]
    fn take_rest(&mut self, _: impl FnOnce() -> Result<Layout>) -> Result<&'a mut [u8]> {
        let rest = self.remaining();
        self.take::<u8>(rest)
    }
}

/// A checked byte count for a sequence of typed arrays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout {
    bytes: usize,
}

impl Layout {
    /// An empty layout (0 bytes).
    pub const fn new() -> Self {
        Layout { bytes: 0 }
    }

    /// Adds an array of `count` values of `T` (plus alignment slack when
    /// `count > 0`). Fails with [`Error::SizeOverflow`] instead of wrapping.
    pub fn array<T>(self, count: usize) -> Result<Self> {
        self.add(count, size_of::<T>(), align_of::<T>())
    }

    /// [`Layout::array`] for `count` values of size `size` and alignment `align`.
    fn add(self, count: usize, size: usize, align: usize) -> Result<Self> {
        if count == 0 {
            return Ok(self);
        }
        let overflow = Error::SizeOverflow("workspace");
        let array = count.checked_mul(size).ok_or(overflow)?;
        let with_slack = array.checked_add(align.saturating_sub(1)).ok_or(overflow)?;
        // Slices may not exceed isize::MAX bytes.
        let bytes = self
            .bytes
            .checked_add(with_slack)
            .filter(|&b| isize::try_from(b).is_ok())
            .ok_or(overflow)?;
        Ok(Layout { bytes })
    }

    /// Combines two layouts carved one after the other.
    pub fn then(self, other: Layout) -> Result<Self> {
        self.bytes
            .checked_add(other.bytes)
            .filter(|&b| isize::try_from(b).is_ok())
            .map(|bytes| Layout { bytes })
            .ok_or(Error::SizeOverflow("workspace"))
    }

    /// The larger of two layouts (for phases that reuse the same memory).
    pub fn max(self, other: Layout) -> Self {
        Layout {
            bytes: self.bytes.max(other.bytes),
        }
    }

    /// Total bytes, alignment slack included.
    pub const fn bytes(self) -> usize {
        self.bytes
    }
}

/// A caller's scratch buffer, carved front to back into typed slices.
#[derive(Debug)]
pub struct Workspace<'a> {
    rest: &'a mut [u8],
}

impl<'a> Workspace<'a> {
    /// Wraps a caller buffer of any alignment.
    pub fn new(buf: &'a mut [u8]) -> Self {
        Workspace { rest: buf }
    }

    /// Checks up front that the buffer holds `layout`, so that a short workspace
    /// fails before any output is written.
    pub fn require(&self, layout: Layout) -> Result<()> {
        if self.rest.len() >= layout.bytes() {
            Ok(())
        } else {
            Err(Error::WorkspaceTooSmall {
                needed: layout.bytes(),
                provided: self.rest.len(),
            })
        }
    }

    /// Bytes not yet carved.
    pub fn remaining(&self) -> usize {
        self.rest.len()
    }

    /// Carves an aligned slice of `count` values of `T`. Its contents are
    /// unspecified (whatever bytes were there); callers initialise what they read.
    pub fn take<T: bytemuck::Pod>(&mut self, count: usize) -> Result<&'a mut [T]> {
        if count == 0 {
            return Ok(&mut []);
        }
        let provided = self.rest.len();
        let short = Error::WorkspaceTooSmall {
            needed: Layout::new().array::<T>(count)?.bytes(),
            provided,
        };
        let pad = self.rest.as_ptr().align_offset(align_of::<T>());
        let len = count
            .checked_mul(size_of::<T>())
            .ok_or(Error::SizeOverflow("workspace"))?;
        let end = pad
            .checked_add(len)
            .ok_or(Error::SizeOverflow("workspace"))?;
        if end > self.rest.len() {
            return Err(short);
        }
        let (head, tail) = core::mem::take(&mut self.rest).split_at_mut(end);
        self.rest = tail;
        let bytes = head.get_mut(pad..).ok_or(short)?;
        bytemuck::try_cast_slice_mut(bytes).map_err(|_| short)
    }

    /// Carves a slice of `count` values, each set to `value`.
    pub fn take_filled<T: bytemuck::Pod>(&mut self, count: usize, value: T) -> Result<&'a mut [T]> {
        let s = self.take(count)?;
        s.fill(value);
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_counts_alignment_slack() {
        let l = Layout::new()
            .array::<u8>(3)
            .unwrap()
            .array::<f64>(2)
            .unwrap()
            .array::<u32>(0)
            .unwrap();
        assert_eq!(l.bytes(), 3 + (16 + 7));
        assert_eq!(Layout::new().array::<f32>(0).unwrap().bytes(), 0);
        let a = Layout::new().array::<u32>(4).unwrap();
        assert_eq!(a.then(a).unwrap().bytes(), 2 * (16 + 3));
        assert_eq!(a.max(Layout::new()).bytes(), a.bytes());
    }

    #[test]
    fn layout_overflow_is_an_error() {
        let e = Error::SizeOverflow("workspace");
        assert_eq!(Layout::new().array::<f64>(usize::MAX / 4).unwrap_err(), e);
        assert_eq!(Layout::new().array::<u8>(usize::MAX).unwrap_err(), e);
        let big = Layout::new().array::<u8>(isize::MAX as usize - 2).unwrap();
        assert_eq!(big.array::<u8>(3).unwrap_err(), e);
        assert_eq!(big.then(big).unwrap_err(), e);
    }

    #[test]
    fn carves_aligned_slices_from_any_offset() {
        let mut backing = [0u64; 16];
        let bytes: &mut [u8] = bytemuck::cast_slice_mut(&mut backing);
        for offset in 0..8 {
            let buf = &mut bytes[offset..];
            let layout = Layout::new()
                .array::<u8>(5)
                .unwrap()
                .array::<f64>(3)
                .unwrap()
                .array::<u32>(7)
                .unwrap();
            assert!(layout.bytes() <= buf.len());
            let mut ws = Workspace::new(&mut buf[..layout.bytes()]);
            ws.require(layout).unwrap();
            let a: &mut [u8] = ws.take(5).unwrap();
            let b: &mut [f64] = ws.take_filled(3, 1.5).unwrap();
            let c: &mut [u32] = ws.take(7).unwrap();
            assert_eq!((a.len(), b.len(), c.len()), (5, 3, 7));
            assert_eq!(b.as_ptr() as usize % align_of::<f64>(), 0);
            assert_eq!(c.as_ptr() as usize % align_of::<u32>(), 0);
            assert_eq!(b, &[1.5; 3]);
            a.fill(9);
            c.fill(7);
            assert_eq!(b, &[1.5; 3], "slices do not overlap");
        }
    }

    type Arrays<'a> = (&'a mut [u8], &'a mut [f64], &'a mut [u32], &'a mut [f32]);

    /// A declaration of the kind algorithms write: mixed types, a zero-length
    /// array, a filled array.
    fn declare<'a>(c: &mut impl Carve<'a>, n: usize) -> Result<Arrays<'a>> {
        Ok((
            c.take(n % 5)?,
            c.take_filled(n, 2.5)?,
            c.take(0)?,
            c.take_filled(n / 2 + 1, 1.0)?,
        ))
    }

    #[test]
    fn sizer_measures_what_the_workspace_carves() {
        let mut backing = [0u64; 64];
        let bytes: &mut [u8] = bytemuck::cast_slice_mut(&mut backing);
        for n in 0..20 {
            let layout = Sizer::measure(|c| declare(c, n).map(drop)).unwrap();
            let want = Layout::new()
                .array::<u8>(n % 5)
                .and_then(|l| l.array::<f64>(n))
                .and_then(|l| l.array::<u32>(0))
                .and_then(|l| l.array::<f32>(n / 2 + 1))
                .unwrap();
            assert_eq!(layout, want, "n = {n}");
            for offset in 0..8 {
                let buf = &mut bytes[offset..offset + layout.bytes()];
                let mut ws = Workspace::new(buf);
                let (a, b, c, d) = declare(&mut ws, n).unwrap();
                assert_eq!(
                    (a.len(), b.len(), c.len(), d.len()),
                    (n % 5, n, 0, n / 2 + 1)
                );
                assert!(b.iter().all(|&v| v == 2.5) && d.iter().all(|&v| v == 1.0));
                // One byte less: the last array no longer fits.
                let short = &mut bytes[offset..offset + layout.bytes() - 1];
                let ws = Workspace::new(short);
                assert!(matches!(
                    ws.require(layout),
                    Err(Error::WorkspaceTooSmall { .. })
                ));
            }
        }
    }

    #[test]
    fn sizer_reports_overflow() {
        let e = Sizer::measure(|c| {
            c.take::<f64>(usize::MAX / 4)?;
            c.take::<u8>(1)?;
            Ok(())
        });
        assert_eq!(e, Err(Error::SizeOverflow("workspace")));
        let mut ok = Sizer::new();
        Carve::take::<u8>(&mut ok, 3).unwrap();
        assert_eq!(ok.layout().unwrap().bytes(), 3);
    }

    #[test]
    fn short_buffers_are_errors() {
        let mut buf = [0u8; 10];
        let layout = Layout::new().array::<f64>(2).unwrap();
        let ws = Workspace::new(&mut buf);
        assert_eq!(
            ws.require(layout),
            Err(Error::WorkspaceTooSmall {
                needed: 23,
                provided: 10
            })
        );
        let mut ws = Workspace::new(&mut buf);
        assert!(matches!(
            ws.take::<f64>(2),
            Err(Error::WorkspaceTooSmall { .. })
        ));
        assert!(matches!(
            ws.take::<u8>(11),
            Err(Error::WorkspaceTooSmall { .. })
        ));
        assert_eq!(ws.take::<u8>(10).unwrap().len(), 10);
        assert!(matches!(
            ws.take::<u8>(1),
            Err(Error::WorkspaceTooSmall { .. })
        ));
        assert_eq!(ws.take::<f64>(0).unwrap().len(), 0);
        let mut empty = Workspace::new(&mut []);
        assert!(matches!(
            empty.take::<u32>(usize::MAX),
            Err(Error::SizeOverflow(_))
        ));
    }
}
