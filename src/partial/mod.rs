//! Partial statistics: one pass of a fit split into row ranges whose
//! statistics merge exactly (threads, processes, machines, time slices).
//!
//! # Exactness
//! A pass folds row ranges into **stats blobs**. Rows are grouped into global
//! blocks of [`BLOCK_ROWS`] rows aligned on the global row index (`first_row +
//! i`): block `b` holds rows `b * B .. (b + 1) * B`. Inside one block the
//! contributions are summed in row order in the working precision (what a
//! single pass does); each block sum is then added to an [`exact`] accumulator,
//! a fixed-point integer that holds any sum of `f64` values without rounding.
//! Integer addition commutes and associates, so for any split of the rows into
//! ranges whose boundaries are multiples of B (the end of the last range
//! excepted), any number of ranges and any merge order, the accumulators hold
//! the same integers and `finish` (which rounds each once, correctly) returns
//! the same bytes. A boundary inside a block splits that block's sum in two:
//! still a valid result, possibly different in the last bits. Counts are
//! integers; the per-row choices (labels, relocation candidates, keyed by
//! global row index) do not depend on the split at all.
//!
//! Cost: each accumulated value takes 272 bytes of blob ([`exact::BYTES`]);
//! a block adds one exact addition per value it touches (for k-means: `d + 1`
//! per cluster present in the block, plus one for the inertia), a few word
//! operations each; a merge is a word-wise addition over the blob.
//!
//! # Blob layout (version 1, all integers little-endian)
//! | offset | bytes | field |
//! |---|---|---|
//! | 0 | 4 | magic `NCPS` |
//! | 4 | 4 | layout version (1) |
//! | 8 | 4 | kind (1 k-means, 2 Gaussian mixture, 3 standard scaler) |
//! | 12 | 4 | element type (0 none yet, 1 f32, 2 f64) |
//! | 16 | 8 | k (clusters or components; 0 for the scaler) |
//! | 24 | 8 | d (features) |
//! | 32 | 4 | covariance type (`u32::MAX` when not a mixture) |
//! | 36 | 4 | reserved, 0 |
//! | 40 | 8 | total blob bytes |
//! | 48 | 8 | rows accumulated |
//! | 56 | .. | the kind's payload |
//!
//! A blob is plain bytes, position-independent and read with any alignment;
//! a blob for other parameters is `InvalidParameter("stats")`, a length other
//! than the recorded one `InvalidShape("stats")`, and corrupt contents (bad
//! magic or version, impossible counts) `InvalidParameter("stats")`.

pub mod exact;
pub mod scaler;

use crate::error::{Error, Result};

/// Rows per exact block (`nanoclust_partial_block_rows`).
pub const BLOCK_ROWS: usize = 64;

/// Bytes of the common header.
pub const HEADER: usize = 56;

const MAGIC: [u8; 4] = *b"NCPS";
const VERSION: u32 = 1;

/// What a blob accumulates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Kind {
    /// k-means (Lloyd pass).
    KMeans = 1,
    /// Gaussian mixture (EM pass).
    Gmm = 2,
    /// Standard scaler.
    Scaler = 3,
}

/// The element type a blob was filled with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Elem {
    /// Nothing accumulated yet.
    None = 0,
    /// `f32` data.
    F32 = 1,
    /// `f64` data.
    F64 = 2,
}

impl Elem {
    /// The tag of the element type `S`.
    pub fn of<S: crate::scalar::Scalar>() -> Elem {
        if S::IS_SINGLE {
            Elem::F32
        } else {
            Elem::F64
        }
    }
}

/// The parameters a blob is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Kind of statistics.
    pub kind: Kind,
    /// Clusters or components (0 for the scaler).
    pub k: u64,
    /// Features.
    pub d: u64,
    /// Covariance type, `u32::MAX` when not a mixture.
    pub cov: u32,
    /// Total bytes.
    pub bytes: usize,
}

#[inline]
pub(crate) fn get_u32(b: &[u8], off: usize) -> u32 {
    match b.get(off..off + 4).map(<[u8; 4]>::try_from) {
        Some(Ok(v)) => u32::from_le_bytes(v),
        _ => 0,
    }
}

#[inline]
pub(crate) fn get_u64(b: &[u8], off: usize) -> u64 {
    match b.get(off..off + 8).map(<[u8; 8]>::try_from) {
        Some(Ok(v)) => u64::from_le_bytes(v),
        _ => 0,
    }
}

#[inline]
pub(crate) fn set_u32(b: &mut [u8], off: usize, v: u32) {
    if let Some(Ok(s)) = b.get_mut(off..off + 4).map(<&mut [u8; 4]>::try_from) {
        *s = v.to_le_bytes();
    }
}

#[inline]
pub(crate) fn set_u64(b: &mut [u8], off: usize, v: u64) {
    if let Some(Ok(s)) = b.get_mut(off..off + 8).map(<&mut [u8; 8]>::try_from) {
        *s = v.to_le_bytes();
    }
}

#[inline]
pub(crate) fn get_f64(b: &[u8], off: usize) -> f64 {
    f64::from_bits(get_u64(b, off))
}

#[inline]
pub(crate) fn set_f64(b: &mut [u8], off: usize, v: f64) {
    set_u64(b, off, v.to_bits());
}

/// Checked `a * b + c` for sizes.
pub(crate) fn size(terms: &[(usize, usize)]) -> Result<usize> {
    terms.iter().try_fold(0usize, |acc, &(a, b)| {
        a.checked_mul(b)
            .and_then(|p| acc.checked_add(p))
            .ok_or(Error::SizeOverflow("stats"))
    })
}

/// Writes a fresh header (zero rows, no element type) and zeroes the payload.
/// `blob` must be exactly `shape.bytes` long (`InvalidShape("stats")`).
pub fn init(blob: &mut [u8], shape: Shape) -> Result<()> {
    if blob.len() != shape.bytes {
        return Err(Error::InvalidShape("stats"));
    }
    blob.fill(0);
    if let Some(Ok(m)) = blob.get_mut(..4).map(<&mut [u8; 4]>::try_from) {
        *m = MAGIC;
    }
    set_u32(blob, 4, VERSION);
    set_u32(blob, 8, shape.kind as u32);
    set_u32(blob, 12, Elem::None as u32);
    set_u64(blob, 16, shape.k);
    set_u64(blob, 24, shape.d);
    set_u32(blob, 32, shape.cov);
    set_u64(blob, 40, shape.bytes as u64);
    Ok(())
}

/// Validates a blob's header against `shape`; returns its element type.
pub fn check(blob: &[u8], shape: Shape) -> Result<Elem> {
    if blob.len() < HEADER || blob.get(..4) != Some(&MAGIC[..]) {
        return Err(Error::InvalidParameter("stats"));
    }
    if get_u32(blob, 4) != VERSION || get_u32(blob, 36) != 0 {
        return Err(Error::InvalidParameter("stats"));
    }
    if get_u32(blob, 8) != shape.kind as u32
        || get_u64(blob, 16) != shape.k
        || get_u64(blob, 24) != shape.d
        || get_u32(blob, 32) != shape.cov
    {
        return Err(Error::InvalidParameter("stats"));
    }
    if get_u64(blob, 40) != shape.bytes as u64 || blob.len() != shape.bytes {
        return Err(Error::InvalidShape("stats"));
    }
    let rows = get_u64(blob, 48);
    match get_u32(blob, 12) {
        0 if rows == 0 => Ok(Elem::None),
        1 => Ok(Elem::F32),
        2 => Ok(Elem::F64),
        _ => Err(Error::InvalidParameter("stats")),
    }
}

/// Reads the shape recorded in a blob's header (for merge, which is given no
/// parameters); the blob must be at least a header long.
pub fn recorded(blob: &[u8]) -> Result<Shape> {
    if blob.len() < HEADER {
        return Err(Error::InvalidShape("stats"));
    }
    let kind = match get_u32(blob, 8) {
        1 => Kind::KMeans,
        2 => Kind::Gmm,
        3 => Kind::Scaler,
        _ => return Err(Error::InvalidParameter("stats")),
    };
    Ok(Shape {
        kind,
        k: get_u64(blob, 16),
        d: get_u64(blob, 24),
        cov: get_u32(blob, 32),
        bytes: usize::try_from(get_u64(blob, 40)).map_err(|_| Error::InvalidShape("stats"))?,
    })
}

/// The recorded `(k, d, covariance type)` of a blob of kind `kind` (header
/// only; the caller recomputes the size from them and checks it).
pub fn recorded_params(blob: &[u8], kind: Kind) -> Result<(usize, usize, u32)> {
    let shape = recorded(blob)?;
    if shape.kind != kind {
        return Err(Error::InvalidParameter("stats"));
    }
    let bad = |_| Error::InvalidParameter("stats");
    Ok((
        usize::try_from(shape.k).map_err(bad)?,
        usize::try_from(shape.d).map_err(bad)?,
        shape.cov,
    ))
}

/// Checks a range of `rows` rows starting at global row `first_row` (the end
/// must fit in a `u64`: `InvalidParameter("first_row")`) and returns the
/// blob's row count after it (`InvalidParameter("stats")` on overflow).
pub fn range_rows(blob: &[u8], first_row: u64, rows: usize) -> Result<u64> {
    first_row
        .checked_add(rows as u64)
        .ok_or(Error::InvalidParameter("first_row"))?;
    self::rows(blob)
        .checked_add(rows as u64)
        .ok_or(Error::InvalidParameter("stats"))
}

/// Records the element type `S` for an accumulate call (fails if the blob
/// holds the other type).
pub fn claim<S: crate::scalar::Scalar>(blob: &mut [u8], elem: Elem) -> Result<()> {
    let want = Elem::of::<S>();
    match elem {
        Elem::None => {
            set_u32(blob, 12, want as u32);
            Ok(())
        }
        e if e == want => Ok(()),
        _ => Err(Error::InvalidParameter("stats")),
    }
}

/// Checks that a blob of type `elem` can be finished as `S`.
pub fn expect<S: crate::scalar::Scalar>(elem: Elem) -> Result<()> {
    if elem == Elem::of::<S>() {
        Ok(())
    } else {
        Err(Error::InvalidParameter("stats"))
    }
}

/// The element type of the merge of two blobs' types.
pub fn merged_elem(a: Elem, b: Elem) -> Result<Elem> {
    match (a, b) {
        (Elem::None, e) | (e, Elem::None) => Ok(e),
        (x, y) if x == y => Ok(x),
        _ => Err(Error::InvalidParameter("stats")),
    }
}

/// Rows accumulated.
pub fn rows(blob: &[u8]) -> u64 {
    get_u64(blob, 48)
}

/// Sets the header fields a merge changes (element type, rows).
pub fn set_merged(blob: &mut [u8], elem: Elem, rows: u64) {
    set_u32(blob, 12, elem as u32);
    set_u64(blob, 48, rows);
}

/// Adds `rows` to the row count (checked: `InvalidParameter("first_row")` on overflow).
pub fn add_rows(blob: &mut [u8], rows: u64) -> Result<()> {
    let r = get_u64(blob, 48)
        .checked_add(rows)
        .ok_or(Error::InvalidParameter("first_row"))?;
    set_u64(blob, 48, r);
    Ok(())
}

/// Validates two blobs of the same recorded shape for a merge and updates
/// `into`'s header (element type, rows). Returns the shape; the caller merges
/// the payload (nothing has been written when this fails).
pub fn merge_header(into: &mut [u8], from: &[u8]) -> Result<Shape> {
    let shape = recorded(into)?;
    let a = check(into, shape)?;
    let b = check(from, shape)?;
    let elem = merged_elem(a, b)?;
    let rows = rows(into)
        .checked_add(rows(from))
        .ok_or(Error::InvalidParameter("stats"))?;
    set_merged(into, elem, rows);
    Ok(shape)
}

/// Word-wise exact merge of `count` consecutive accumulators starting at `off`.
pub(crate) fn merge_accs(into: &mut [u8], from: &[u8], off: usize, count: usize) {
    for i in 0..count {
        let o = off + i * exact::BYTES;
        if let (Some(a), Some(b)) = (
            into.get_mut(o..o + exact::BYTES),
            from.get(o..o + exact::BYTES),
        ) {
            exact::merge(a, b);
        }
    }
}

/// The accumulator at byte offset `off`.
#[inline]
pub(crate) fn acc(blob: &[u8], off: usize) -> &[u8] {
    blob.get(off..off + exact::BYTES).unwrap_or(&[])
}

/// The mutable accumulator at byte offset `off`.
#[inline]
pub(crate) fn acc_mut(blob: &mut [u8], off: usize) -> &mut [u8] {
    blob.get_mut(off..off + exact::BYTES).unwrap_or(&mut [])
}

/// Copies `len` bytes from `src..src + len` to `dst..dst + len` within `blob`
/// (overlap allowed; out-of-range bytes are skipped). A plain loop: no
/// length-mismatch panic path.
pub(crate) fn move_bytes(blob: &mut [u8], src: usize, dst: usize, len: usize) {
    let mut copy = |i: usize| {
        if let Some(&b) = blob.get(src.wrapping_add(i)) {
            if let Some(o) = blob.get_mut(dst.wrapping_add(i)) {
                *o = b;
            }
        }
    };
    if dst > src {
        (0..len).rev().for_each(&mut copy);
    } else {
        (0..len).for_each(&mut copy);
    }
}

/// Copies `src` into the start of `dst` element by element (no panic path).
pub(crate) fn copy_bytes(dst: &mut [u8], src: &[u8]) {
    for (o, &b) in dst.iter_mut().zip(src) {
        *o = b;
    }
}
