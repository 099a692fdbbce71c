//! Workspace: size queries and carving typed slices out of caller memory.
//!
//! An algorithm declares its scratch needs as a sequence of typed arrays.
//! [`Layout`] sums their sizes in checked arithmetic, adding `align - 1` bytes
//! of slack per array so that a buffer of *any* alignment suffices; the total is
//! what `*_workspace_size` reports. [`Workspace`] then carves the same sequence
//! out of the caller's `&mut [u8]`. A short buffer is an error, never a panic.

use crate::error::{Error, Result};
use core::mem::{align_of, size_of};

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
        if count == 0 {
            return Ok(self);
        }
        let overflow = Error::SizeOverflow("workspace");
        let array = count.checked_mul(size_of::<T>()).ok_or(overflow)?;
        let with_slack = array.checked_add(align_of::<T>() - 1).ok_or(overflow)?;
        // Slices may not exceed isize::MAX bytes.
        let bytes = self
            .bytes
            .checked_add(with_slack)
            .filter(|&b| b <= isize::MAX as usize)
            .ok_or(overflow)?;
        Ok(Layout { bytes })
    }

    /// Combines two layouts carved one after the other.
    pub fn then(self, other: Layout) -> Result<Self> {
        self.bytes
            .checked_add(other.bytes)
            .filter(|&b| b <= isize::MAX as usize)
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
