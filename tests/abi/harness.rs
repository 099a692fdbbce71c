//! The table-driven ABI edge harness: an [`Entry`] describes one export's
//! arguments ([`Spec`]); [`check`] derives every edge case from the
//! description and calls the export through a type-inferred thunk.

use super::header;
use nanoclust::ffi::gmm::*;
use nanoclust::ffi::hierarchy::*;
use nanoclust::ffi::*;
use std::collections::{BTreeMap, BTreeSet};

/// The base shape of every call: n samples, d features, k clusters, m new
/// points, the k range of the sweep.
pub struct Sizes {
    pub n: usize,
    pub d: usize,
    pub k: usize,
    pub m: usize,
    pub k_min: usize,
    pub k_max: usize,
}

pub const SIZES: Sizes = Sizes {
    n: 12,
    d: 2,
    k: 3,
    m: 4,
    k_min: 2,
    k_max: 4,
};

/// Element type of a buffer; `S` is the entry's scalar (f32 or f64).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Elem {
    S,
    F32,
    F64,
    I32,
    U8,
    U32,
    Usize,
    Merge,
    /// An opaque result struct of this many bytes.
    Bytes(usize),
}

impl Elem {
    /// Holds floating-point values (NaN/Inf in it is NON_FINITE).
    fn is_real(self) -> bool {
        matches!(self, Elem::S | Elem::F32 | Elem::F64 | Elem::Merge)
    }
    fn size(self) -> usize {
        match self {
            Elem::S => unreachable!("resolved before use"),
            Elem::F32 | Elem::I32 | Elem::U32 => 4,
            Elem::F64 | Elem::Usize => 8,
            Elem::U8 | Elem::Bytes(_) => 1,
            Elem::Merge => std::mem::size_of::<nanoclust_merge>(),
        }
    }
}

/// A buffer length in elements, from [`SIZES`].
#[derive(Clone, Copy, Debug)]
pub enum Len {
    One,
    N,
    D,
    K,
    M,
    ND,
    KD,
    MD,
    MK,
    Kdd,
    /// n - 1 (dendrogram rows).
    NMinus1,
    /// n (n - 1) / 2 (a condensed distance matrix).
    Condensed,
    /// k_max - k_min + 1 (the sweep's curves).
    Sweep,
    /// A struct of this many bytes (with `Elem::Bytes`).
    Bytes(usize),
    /// A partial-statistics blob for the base shape (with `Elem::U8`).
    Stats(Blob),
}

impl Len {
    fn get(self) -> usize {
        let s = &SIZES;
        match self {
            Len::One => 1,
            Len::N => s.n,
            Len::D => s.d,
            Len::K => s.k,
            Len::M => s.m,
            Len::ND => s.n * s.d,
            Len::KD => s.k * s.d,
            Len::MD => s.m * s.d,
            Len::MK => s.m * s.k,
            Len::Kdd => s.k * s.d * s.d,
            Len::NMinus1 => s.n - 1,
            Len::Condensed => s.n * (s.n - 1) / 2,
            Len::Sweep => s.k_max - s.k_min + 1,
            Len::Bytes(b) => b,
            Len::Stats(b) => b.bytes(),
        }
    }
}

/// How an input buffer is filled so that the base call is valid.
#[derive(Clone, Copy, Debug)]
pub enum Fill {
    /// Three separated blobs, d columns, no zero row.
    Data,
    /// The first k rows near the three blob centers.
    Centers,
    /// Positive weights.
    Weights,
    /// i % k.
    Labels,
    /// i % 2 (a second labeling).
    LabelsB,
    Ones,
    Zeros,
    /// 1/k each.
    Uniform,
    /// Positive pairwise distances.
    Condensed,
    /// A convex curve with a knee.
    Curve,
    /// A valid chain dendrogram over n samples.
    Chain,
    /// k identity matrices of d x d.
    Identity,
    /// Output canary bytes.
    Canary,
    /// An empty stats blob, from its `*_stats_init` for the base shape.
    Stats(Blob),
    /// A stats blob after the valid base call of this accumulate export
    /// (`_f32`/`_f64` appended by the entry's scalar; f64 when it has none).
    Accumulated(&'static str),
}

/// The kinds of partial-statistics blob, for the base shape (k, d and the
/// covariance type `NANOCLUST_COVARIANCE_FULL` the table passes).
#[derive(Clone, Copy, Debug)]
pub enum Blob {
    KMeans,
    Gmm,
    Scaler,
}

impl Blob {
    /// The blob's size, as its `*_stats_size` reports.
    pub fn bytes(self) -> usize {
        let (k, d, full) = (SIZES.k, SIZES.d, NANOCLUST_COVARIANCE_FULL);
        let mut b = 0;
        // SAFETY: `b` is a writable size_t.
        let s = unsafe {
            match self {
                Blob::KMeans => nanoclust_kmeans_stats_size(k, d, &mut b),
                Blob::Gmm => nanoclust_gmm_stats_size(k, d, full, &mut b),
                Blob::Scaler => nanoclust_standard_scaler_stats_size(d, &mut b),
            }
        };
        assert_eq!(s, NANOCLUST_OK, "{self:?} stats size");
        b
    }
    /// Initialises `blob` (exactly `self.bytes()` long) with `*_stats_init`.
    fn init(self, blob: &mut [u8]) {
        let (k, d, full) = (SIZES.k, SIZES.d, NANOCLUST_COVARIANCE_FULL);
        let (p, b) = (blob.as_mut_ptr().cast(), blob.len());
        // SAFETY: `p` points to `b` writable bytes.
        let s = unsafe {
            match self {
                Blob::KMeans => nanoclust_kmeans_stats_init(p, b, k, d),
                Blob::Gmm => nanoclust_gmm_stats_init(p, b, k, d, full),
                Blob::Scaler => nanoclust_standard_scaler_stats_init(p, b, d),
            }
        };
        assert_eq!(s, NANOCLUST_OK, "{self:?} stats init");
    }
}

/// The blob `stats` after the valid base call of the accumulate export `base`
/// (its scalar as `scalar`'s, f64 when `scalar` is `None`).
fn accumulated(base: &str, scalar: Scalar) -> Vec<u8> {
    let name = match scalar {
        Scalar::F32 => format!("{base}_f32"),
        _ => format!("{base}_f64"),
    };
    let mut a = Args::new(&name);
    assert_eq!(a.run(), NANOCLUST_OK, "{name}: base call");
    let bytes = a.entry.args.iter().find_map(|(n, s)| match (n, s) {
        (&"stats_bytes", Spec::Size { base, .. }) => Some(*base),
        _ => None,
    });
    a.raw("stats")[..bytes.expect("stats_bytes")].to_vec()
}

/// The three parameter structs.
#[derive(Clone, Copy, Debug)]
pub enum Params {
    KMeans,
    Dbscan,
    Gmm,
}

/// One argument of an export.
#[derive(Clone, Debug)]
pub enum Spec {
    /// A `size_t` count: its base value, and the statuses for 0 and for
    /// `usize::MAX` (None: not tried).
    Size {
        base: usize,
        zero: Option<i32>,
        huge: Option<i32>,
        /// The status for `base - 1` (None: not tried), a buffer one byte short.
        short: Option<i32>,
    },
    /// A `uint32_t` count (min_samples): base value and the status for 0.
    Count {
        base: u32,
        zero: i32,
    },
    /// A `uint32_t` enumerated input: base value and the largest valid value.
    Enum {
        base: u32,
        max: u32,
    },
    /// A `double` scalar argument.
    Real(f64),
    /// A `uint64_t` global row index: its base value; `UINT64_MAX` (the
    /// range's end overflows) is INVALID_PARAMETER.
    Row(u64),
    /// A pointer to `len` elements. `out`: written by the call (canary-checked
    /// on failure); `finite`: NaN/Inf in it is NON_FINITE.
    Buf {
        elem: Elem,
        len: Len,
        fill: Fill,
        nullable: bool,
        out: bool,
        finite: bool,
    },
    /// A pointer to a parameter struct.
    Params(Params),
    Workspace,
    WorkspaceBytes,
}

// ---- Spec constructors (the vocabulary of the table) ----------------------

pub const SHAPE: i32 = NANOCLUST_ERR_INVALID_SHAPE;
pub const PARAM: i32 = NANOCLUST_ERR_INVALID_PARAMETER;
pub const OVERFLOW: i32 = NANOCLUST_ERR_SIZE_OVERFLOW;

impl Spec {
    /// Marks a buffer "may be NULL".
    pub fn nullable(mut self) -> Self {
        if let Spec::Buf { nullable, .. } = &mut self {
            *nullable = true;
        }
        self
    }
    /// Overrides the status of a size argument at 0.
    pub fn zero(mut self, s: i32) -> Self {
        if let Spec::Size { zero, .. } = &mut self {
            *zero = Some(s);
        }
        self
    }
    /// The status of a size argument at its base value minus one.
    pub fn short(mut self, s: i32) -> Self {
        if let Spec::Size { short, .. } = &mut self {
            *short = Some(s);
        }
        self
    }
    /// Overrides the status of a size argument at `usize::MAX` (None: not tried).
    pub fn huge(mut self, s: Option<i32>) -> Self {
        if let Spec::Size { huge, .. } = &mut self {
            *huge = s;
        }
        self
    }
}

pub fn n() -> Spec {
    size(SIZES.n, SHAPE)
}
pub fn d() -> Spec {
    size(SIZES.d, SHAPE)
}
pub fn m() -> Spec {
    size(SIZES.m, SHAPE)
}
pub fn k() -> Spec {
    size(SIZES.k, PARAM)
}
/// A cluster count that is a parameter (0 and huge are INVALID_PARAMETER).
pub fn n_clusters() -> Spec {
    size(SIZES.k, PARAM).huge(Some(PARAM))
}
pub fn size(base: usize, zero: i32) -> Spec {
    Spec::Size {
        base,
        zero: Some(zero),
        huge: Some(SHAPE),
        short: None,
    }
}
pub fn count(base: u32) -> Spec {
    Spec::Count { base, zero: PARAM }
}
pub fn enumerated(base: u32, max: u32) -> Spec {
    Spec::Enum { base, max }
}
pub fn metric() -> Spec {
    enumerated(NANOCLUST_METRIC_EUCLIDEAN, NANOCLUST_METRIC_COSINE)
}
fn buf(elem: Elem, len: Len, fill: Fill, out: bool, finite: bool) -> Spec {
    Spec::Buf {
        elem,
        len,
        fill,
        nullable: false,
        out,
        finite,
    }
}
/// Finite scalar input data.
pub fn data(len: Len) -> Spec {
    buf(Elem::S, len, Fill::Data, false, true)
}
/// Finite input of a given element type and fill.
pub fn input(elem: Elem, len: Len, fill: Fill) -> Spec {
    let finite = elem.is_real();
    buf(elem, len, fill, false, finite)
}
/// Optional sample weights.
pub fn weights() -> Spec {
    input(Elem::S, Len::N, Fill::Weights).nullable()
}
/// An output buffer.
pub fn out(elem: Elem, len: Len) -> Spec {
    buf(elem, len, Fill::Canary, true, false)
}
/// An output struct of `T`.
pub fn out_struct<T>() -> Spec {
    let b = std::mem::size_of::<T>();
    buf(Elem::Bytes(b), Len::Bytes(b), Fill::Canary, true, false)
}
/// `size_t *bytes_out` of a size query.
pub fn bytes_out() -> Spec {
    out(Elem::Usize, Len::One)
}
/// An in/out buffer (read, then overwritten on success); finite as in [`input`].
pub fn in_out(elem: Elem, len: Len, fill: Fill) -> Spec {
    let finite = elem.is_real();
    buf(elem, len, fill, true, finite)
}
/// An empty stats blob the call reads and updates.
pub fn stats(b: Blob) -> Spec {
    in_out(Elem::U8, Len::Stats(b), Fill::Stats(b))
}
/// A stats blob written by an accumulate export `base` (`_f32`/`_f64` by the entry's scalar).
pub fn accumulated_stats(b: Blob, base: &'static str) -> Spec {
    input(Elem::U8, Len::Stats(b), Fill::Accumulated(base))
}
/// A stats blob the call writes (canary-filled).
pub fn out_stats(b: Blob) -> Spec {
    out(Elem::U8, Len::Stats(b))
}
/// `stats_bytes`: the blob's size; 0, one byte short and `SIZE_MAX` are INVALID_SHAPE.
pub fn stats_bytes(b: Blob) -> Spec {
    size(b.bytes(), SHAPE).short(SHAPE)
}
pub fn params(p: Params) -> Spec {
    Spec::Params(p)
}
pub fn workspace() -> Spec {
    Spec::Workspace
}
pub fn workspace_bytes() -> Spec {
    Spec::WorkspaceBytes
}

// ---- Argument values and the thunk ---------------------------------------

/// One argument value as passed to the export.
#[derive(Clone, Copy, Debug)]
pub enum Val {
    Usize(usize),
    U32(u32),
    F64(f64),
    U64(u64),
    Ptr(*mut u8),
}

/// Converts a [`Val`] to the parameter type the export declares (inferred).
pub trait FromVal {
    fn from_val(v: &Val) -> Self;
}
impl FromVal for usize {
    fn from_val(v: &Val) -> Self {
        match *v {
            Val::Usize(x) => x,
            other => panic!("expected size_t, got {other:?}"),
        }
    }
}
impl FromVal for u32 {
    fn from_val(v: &Val) -> Self {
        match *v {
            Val::U32(x) => x,
            other => panic!("expected uint32_t, got {other:?}"),
        }
    }
}
impl FromVal for u64 {
    fn from_val(v: &Val) -> Self {
        match *v {
            Val::U64(x) => x,
            other => panic!("expected uint64_t, got {other:?}"),
        }
    }
}
impl FromVal for f64 {
    fn from_val(v: &Val) -> Self {
        match *v {
            Val::F64(x) => x,
            other => panic!("expected double, got {other:?}"),
        }
    }
}
impl<T> FromVal for *const T {
    fn from_val(v: &Val) -> Self {
        match *v {
            Val::Ptr(p) => p.cast_const().cast(),
            other => panic!("expected a pointer, got {other:?}"),
        }
    }
}
impl<T> FromVal for *mut T {
    fn from_val(v: &Val) -> Self {
        match *v {
            Val::Ptr(p) => p.cast(),
            other => panic!("expected a pointer, got {other:?}"),
        }
    }
}
impl Val {
    pub fn get<T: FromVal>(&self) -> T {
        T::from_val(self)
    }
}

/// Calls the export with these values.
///
/// # Safety
/// Every pointer value must be NULL or valid for what the export's contract
/// asks of it (the harness passes buffers of the documented lengths).
pub type Thunk = unsafe fn(&[Val]) -> i32;

/// The scalar of an entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    F32,
    F64,
    /// No sample data (labels, trees, size queries of both).
    None,
}

/// One export of the table.
pub struct Entry {
    pub name: &'static str,
    pub scalar: Scalar,
    pub args: Vec<(&'static str, Spec)>,
    pub call: Thunk,
    /// The name of the workspace-size query that sizes this export's workspace.
    pub ws_query: Option<&'static str>,
}

/// Builds the `_f32` and `_f64` entries (or one entry) of an export.
#[macro_export]
macro_rules! entry {
    (@thunk $f:ident { $($arg:ident),* }) => {{
        unsafe fn thunk(v: &[$crate::harness::Val]) -> i32 {
            let mut it = v.iter();
            // SAFETY: the thunk's contract (valid buffers of the documented
            // lengths, or NULL) is the export's.
            unsafe { $f($({ let _ = stringify!($arg); it.next().expect("argument").get() }),*) }
        }
        thunk as $crate::harness::Thunk
    }};
    ($f32:ident / $f64:ident { $($arg:ident : $spec:expr),* $(,)? } $(ws = $q32:ident / $q64:ident)?) => {
        vec![
            $crate::harness::Entry {
                name: stringify!($f32),
                scalar: $crate::harness::Scalar::F32,
                args: vec![$((stringify!($arg), $spec)),*],
                call: entry!(@thunk $f32 { $($arg),* }),
                ws_query: None $(.or(Some(stringify!($q32))))?,
            },
            $crate::harness::Entry {
                name: stringify!($f64),
                scalar: $crate::harness::Scalar::F64,
                args: vec![$((stringify!($arg), $spec)),*],
                call: entry!(@thunk $f64 { $($arg),* }),
                ws_query: None $(.or(Some(stringify!($q64))))?,
            },
        ]
    };
    ($f:ident { $($arg:ident : $spec:expr),* $(,)? } $(ws = $q:ident)?) => {
        vec![$crate::harness::Entry {
            name: stringify!($f),
            scalar: $crate::harness::Scalar::None,
            args: vec![$((stringify!($arg), $spec)),*],
            call: entry!(@thunk $f { $($arg),* }),
            ws_query: None $(.or(Some(stringify!($q))))?,
        }]
    };
}

// ---- Building and running calls ------------------------------------------

/// A call's argument values and the buffers they point into.
struct Call {
    vals: Vec<Val>,
    /// One 8-byte aligned buffer per pointer argument (by argument index).
    bufs: BTreeMap<usize, Vec<u64>>,
    /// Indices of the output buffers.
    outs: Vec<usize>,
}

impl Call {
    fn bytes(&self, i: usize) -> &[u8] {
        let b = &self.bufs[&i];
        // SAFETY: a u64 buffer viewed as its bytes.
        unsafe { std::slice::from_raw_parts(b.as_ptr().cast(), b.len() * 8) }
    }
    fn bytes_mut(&mut self, i: usize) -> &mut [u8] {
        let b = self.bufs.get_mut(&i).expect("buffer");
        // SAFETY: a u64 buffer viewed as its bytes.
        unsafe { std::slice::from_raw_parts_mut(b.as_mut_ptr().cast(), b.len() * 8) }
    }
    fn outputs(&self) -> Vec<Vec<u8>> {
        self.outs.iter().map(|&i| self.bytes(i).to_vec()).collect()
    }
}

fn resolve(e: Elem, s: Scalar) -> Elem {
    match (e, s) {
        (Elem::S, Scalar::F64) => Elem::F64,
        (Elem::S, _) => Elem::F32,
        (e, _) => e,
    }
}

/// The value of element `t` of a buffer filled with `fill`.
fn fill_value(fill: Fill, t: usize) -> f64 {
    let (row, col) = (t / SIZES.d, t % SIZES.d);
    match fill {
        Fill::Data => 1.0 + (row % 3) as f64 * 10.0 + ((row * 7 + col * 3) % 5) as f64 * 0.5,
        Fill::Centers => 2.0 + row as f64 * 10.0 + col as f64 * 0.5,
        Fill::Weights => 1.0 + (t % 3) as f64 * 0.5,
        Fill::Labels => (t % SIZES.k) as f64,
        Fill::LabelsB => (t % 2) as f64,
        Fill::Ones => 1.0,
        Fill::Zeros => 0.0,
        Fill::Uniform => 1.0 / SIZES.k as f64,
        Fill::Condensed => 1.0 + (t % 7) as f64,
        Fill::Curve => (t * t) as f64,
        Fill::Identity => f64::from(u8::from((t % (SIZES.d * SIZES.d)) % (SIZES.d + 1) == 0)),
        Fill::Chain | Fill::Canary | Fill::Stats(_) | Fill::Accumulated(_) => unreachable!(),
    }
}

fn write_elem(bytes: &mut [u8], elem: Elem, t: usize, v: f64) {
    let sz = elem.size();
    let at = &mut bytes[t * sz..(t + 1) * sz];
    match elem {
        Elem::F32 => at.copy_from_slice(&(v as f32).to_ne_bytes()),
        Elem::F64 => at.copy_from_slice(&v.to_ne_bytes()),
        Elem::I32 => at.copy_from_slice(&(v as i32).to_ne_bytes()),
        Elem::U32 => at.copy_from_slice(&(v as u32).to_ne_bytes()),
        Elem::U8 => at[0] = v as u8,
        Elem::Usize => at.copy_from_slice(&(v as usize).to_ne_bytes()),
        Elem::S | Elem::Merge | Elem::Bytes(_) => unreachable!(),
    }
}

fn fill_buffer(bytes: &mut [u8], elem: Elem, len: usize, fill: Fill) {
    match fill {
        Fill::Canary => bytes.fill(0xA5),
        Fill::Stats(b) => b.init(&mut bytes[..len]),
        Fill::Accumulated(_) => {} // copied by `build`
        Fill::Chain => {
            let n = SIZES.n;
            let rows: Vec<nanoclust_merge> = (0..len)
                .map(|s| nanoclust_merge {
                    left: if s == 0 { 0 } else { (s + 1) as u32 },
                    right: if s == 0 { 1 } else { (n + s - 1) as u32 },
                    distance: (s + 1) as f64,
                    size: (s + 2) as u32,
                })
                .collect();
            // SAFETY: plain-data structs viewed as bytes.
            let src = unsafe {
                std::slice::from_raw_parts(
                    rows.as_ptr().cast::<u8>(),
                    std::mem::size_of_val(&rows[..]),
                )
            };
            bytes[..src.len()].copy_from_slice(src);
        }
        _ => (0..len).for_each(|t| write_elem(bytes, elem, t, fill_value(fill, t))),
    }
}

fn params_bytes(p: Params) -> Vec<u8> {
    fn as_bytes<T>(v: &T) -> Vec<u8> {
        // SAFETY: a plain-data `#[repr(C)]` struct viewed as bytes.
        unsafe {
            std::slice::from_raw_parts(
                std::ptr::from_ref::<T>(v).cast::<u8>(),
                std::mem::size_of::<T>(),
            )
        }
        .to_vec()
    }
    // SAFETY: the defaults take no pointer.
    unsafe {
        match p {
            Params::KMeans => as_bytes(&nanoclust_kmeans_params_default(SIZES.k as u32)),
            Params::Dbscan => {
                let mut q = nanoclust_dbscan_params_default();
                q.eps = 3.0;
                q.min_samples = 2;
                as_bytes(&q)
            }
            Params::Gmm => as_bytes(&nanoclust_gmm_params_default(SIZES.k as u32)),
        }
    }
}

/// (byte offset, largest valid value) of every enumerated field.
fn params_enums(p: Params) -> Vec<(&'static str, usize, u32)> {
    use std::mem::offset_of;
    match p {
        Params::KMeans => vec![
            (
                "init",
                offset_of!(nanoclust_kmeans_params, init),
                NANOCLUST_INIT_PROVIDED,
            ),
            // ELKAN is not built: HAMERLY is the largest accepted value.
            (
                "algorithm",
                offset_of!(nanoclust_kmeans_params, algorithm),
                NANOCLUST_KMEANS_HAMERLY,
            ),
        ],
        Params::Dbscan => vec![
            (
                "metric",
                offset_of!(nanoclust_dbscan_params, metric),
                NANOCLUST_METRIC_COSINE,
            ),
            (
                "index",
                offset_of!(nanoclust_dbscan_params, index),
                NANOCLUST_INDEX_KDTREE,
            ),
        ],
        Params::Gmm => vec![
            (
                "covariance_type",
                offset_of!(nanoclust_gmm_params, covariance_type),
                NANOCLUST_COVARIANCE_SPHERICAL,
            ),
            (
                "init",
                offset_of!(nanoclust_gmm_params, init),
                NANOCLUST_GMM_INIT_PROVIDED,
            ),
        ],
    }
}

/// The entry's base call: every argument valid; the workspace as large as
/// `ws_bytes`.
fn build(e: &Entry, ws_bytes: usize) -> Call {
    let mut call = Call {
        vals: Vec::new(),
        bufs: BTreeMap::new(),
        outs: Vec::new(),
    };
    for (i, (_, spec)) in e.args.iter().enumerate() {
        let v = match spec {
            Spec::Size { base, .. } => Val::Usize(*base),
            Spec::Count { base, .. } => Val::U32(*base),
            Spec::Enum { base, .. } => Val::U32(*base),
            Spec::Real(x) => Val::F64(*x),
            Spec::Row(r) => Val::U64(*r),
            Spec::WorkspaceBytes => Val::Usize(ws_bytes),
            Spec::Workspace => {
                call.bufs.insert(i, vec![0u64; ws_bytes.div_ceil(8).max(1)]);
                call.outs.push(i);
                Val::Ptr(std::ptr::null_mut())
            }
            Spec::Params(p) => {
                let b = params_bytes(*p);
                let mut v = vec![0u64; b.len().div_ceil(8)];
                // SAFETY: the buffer holds at least b.len() bytes.
                unsafe {
                    std::ptr::copy_nonoverlapping(b.as_ptr(), v.as_mut_ptr().cast(), b.len())
                };
                call.bufs.insert(i, v);
                Val::Ptr(std::ptr::null_mut())
            }
            Spec::Buf {
                elem,
                len,
                fill,
                out,
                ..
            } => {
                let elem = resolve(*elem, e.scalar);
                let len = len.get();
                let bytes = (len * elem.size()).div_ceil(8).max(1);
                call.bufs.insert(i, vec![0u64; bytes]);
                if let Fill::Accumulated(base) = fill {
                    let blob = accumulated(base, e.scalar);
                    call.bytes_mut(i)[..blob.len()].copy_from_slice(&blob);
                }
                fill_buffer(call.bytes_mut(i), elem, len, *fill);
                if *out {
                    call.outs.push(i);
                }
                Val::Ptr(std::ptr::null_mut())
            }
        };
        call.vals.push(v);
    }
    // Pointers last: the buffers no longer move.
    for (&i, b) in &mut call.bufs {
        call.vals[i] = Val::Ptr(b.as_mut_ptr().cast());
    }
    // The workspace's contents do not matter: compare only real outputs.
    if let Some(w) = e
        .args
        .iter()
        .position(|(_, s)| matches!(s, Spec::Workspace))
    {
        call.outs.retain(|&i| i != w);
    }
    call
}

/// Runs a call, asserting that a failure leaves every output untouched.
fn run(e: &Entry, call: &Call, what: &str, seen: &mut BTreeSet<i32>) -> i32 {
    let before = call.outputs();
    // SAFETY: every pointer of `call` is NULL or one of its buffers, sized
    // as the export documents.
    let s = unsafe { (e.call)(&call.vals) };
    seen.insert(s);
    if s != NANOCLUST_OK {
        assert!(
            before == call.outputs(),
            "{} ({what}): status {s} but an output was written",
            e.name
        );
    }
    s
}

/// What a check saw: every status, and every status that was not the expected one.
#[derive(Default)]
pub struct Seen {
    pub statuses: BTreeSet<i32>,
    pub problems: Vec<String>,
    pub calls: usize,
}

fn expect(e: &Entry, call: &Call, what: &str, want: i32, seen: &mut Seen) {
    let s = run(e, call, what, &mut seen.statuses);
    seen.calls += 1;
    if s != want {
        seen.problems
            .push(format!("{} ({what}): status {s}, expected {want}", e.name));
    }
}

/// The workspace bytes the entry's query reports for the base call.
fn query(e: &Entry, table: &[Entry]) -> usize {
    query_for(e, &build(e, 0), table)
}

/// The workspace bytes the entry's query reports for `call`'s arguments.
fn query_for(e: &Entry, base: &Call, table: &[Entry]) -> usize {
    let Some(qname) = e.ws_query else { return 0 };
    let q = table
        .iter()
        .find(|q| q.name == qname)
        .unwrap_or_else(|| panic!("{}: no table entry for {qname}", e.name));
    let mut qcall = build(q, 0);
    for (qi, (qarg, _)) in q.args.iter().enumerate() {
        if *qarg == "bytes_out" {
            continue;
        }
        let ei = e
            .args
            .iter()
            .position(|(a, _)| a == qarg)
            .unwrap_or_else(|| panic!("{qname}: argument {qarg} not in {}", e.name));
        // Parameter structs: the query reads the entry's own bytes.
        if let Spec::Params(_) = &e.args[ei].1 {
            let bytes = base.bytes(ei).to_vec();
            qcall.bytes_mut(qi).copy_from_slice(&bytes);
            continue;
        }
        qcall.vals[qi] = base.vals[ei];
    }
    let out = q
        .args
        .iter()
        .position(|(a, _)| *a == "bytes_out")
        .expect("bytes_out");
    let mut seen = Seen::default();
    expect(
        q,
        &qcall,
        "query for the base call",
        NANOCLUST_OK,
        &mut seen,
    );
    assert!(seen.problems.is_empty(), "{:?}", seen.problems);
    usize::from_ne_bytes(qcall.bytes(out)[..8].try_into().expect("8 bytes"))
}

/// Every edge case of one entry; returns the statuses observed.
pub fn check(e: &Entry, table: &[Entry]) -> Seen {
    let ws = query(e, table);
    let mut seen = Seen::default();
    let base = || build(e, ws);
    expect(e, &base(), "valid base call", NANOCLUST_OK, &mut seen);
    for (i, (name, spec)) in e.args.iter().enumerate() {
        match spec {
            Spec::Size {
                base: b,
                zero,
                huge,
                short,
            } => {
                let short_v = b.wrapping_sub(1);
                for (v, want) in [(0, zero), (usize::MAX, huge), (short_v, short)] {
                    if let Some(want) = want {
                        let mut c = base();
                        c.vals[i] = Val::Usize(v);
                        expect(e, &c, &format!("{name} = {v}"), *want, &mut seen);
                    }
                }
            }
            Spec::Count { zero, .. } => {
                let mut c = base();
                c.vals[i] = Val::U32(0);
                expect(e, &c, &format!("{name} = 0"), *zero, &mut seen);
            }
            Spec::Enum { max, .. } => {
                for v in [max + 1, u32::MAX] {
                    let mut c = base();
                    c.vals[i] = Val::U32(v);
                    expect(e, &c, &format!("{name} = {v}"), PARAM, &mut seen);
                }
            }
            Spec::Real(_) | Spec::WorkspaceBytes => {}
            Spec::Row(_) => {
                let mut c = base();
                c.vals[i] = Val::U64(u64::MAX);
                expect(e, &c, &format!("{name} = UINT64_MAX"), PARAM, &mut seen);
            }
            Spec::Params(p) => {
                let mut c = base();
                c.vals[i] = Val::Ptr(std::ptr::null_mut());
                expect(
                    e,
                    &c,
                    &format!("{name} = NULL"),
                    NANOCLUST_ERR_NULL_POINTER,
                    &mut seen,
                );
                for (field, off, max) in params_enums(*p) {
                    for v in [max + 1, u32::MAX] {
                        let mut c = base();
                        c.bytes_mut(i)[off..off + 4].copy_from_slice(&v.to_ne_bytes());
                        expect(e, &c, &format!("{name}->{field} = {v}"), PARAM, &mut seen);
                    }
                }
            }
            Spec::Buf {
                elem,
                len,
                nullable,
                finite,
                ..
            } => {
                let mut c = base();
                c.vals[i] = Val::Ptr(std::ptr::null_mut());
                let want = if *nullable {
                    NANOCLUST_OK
                } else {
                    NANOCLUST_ERR_NULL_POINTER
                };
                expect(e, &c, &format!("{name} = NULL"), want, &mut seen);
                let elem = resolve(*elem, e.scalar);
                let len = len.get();
                if *finite && len > 0 {
                    for (t, bad) in [
                        (0, f64::NAN),
                        (len - 1, f64::INFINITY),
                        (len / 2, f64::NEG_INFINITY),
                    ] {
                        let mut c = base();
                        match elem {
                            Elem::Merge => {
                                let at = t * elem.size()
                                    + std::mem::offset_of!(nanoclust_merge, distance);
                                c.bytes_mut(i)[at..at + 8].copy_from_slice(&bad.to_ne_bytes());
                            }
                            _ => write_elem(c.bytes_mut(i), elem, t, bad),
                        }
                        let what = format!("{name}[{t}] = {bad}");
                        expect(e, &c, &what, NANOCLUST_ERR_NON_FINITE, &mut seen);
                    }
                }
            }
            Spec::Workspace => {
                if ws > 0 {
                    let mut c = build(e, ws - 1);
                    let what = "workspace one byte short of the query";
                    expect(e, &c, what, NANOCLUST_ERR_WORKSPACE_TOO_SMALL, &mut seen);
                    c = base();
                    c.vals[i] = Val::Ptr(std::ptr::null_mut());
                    let what = "workspace NULL with workspace_bytes > 0";
                    expect(e, &c, what, NANOCLUST_ERR_NULL_POINTER, &mut seen);
                } else {
                    let mut c = base();
                    c.vals[i] = Val::Ptr(std::ptr::null_mut());
                    expect(e, &c, "workspace NULL, 0 bytes", NANOCLUST_OK, &mut seen);
                }
            }
        }
    }
    seen
}

/// The statuses the header documents for `name` (its `@retval` lines).
pub fn documented(decls: &BTreeMap<String, header::Decl>, name: &str) -> BTreeSet<i32> {
    let d = decls
        .get(name)
        .unwrap_or_else(|| panic!("{name} is not declared"));
    header::tagged(&d.doc, "@retval ")
        .into_iter()
        .map(|c| match c {
            "NANOCLUST_OK" => NANOCLUST_OK,
            "NANOCLUST_ERR_NULL_POINTER" => NANOCLUST_ERR_NULL_POINTER,
            "NANOCLUST_ERR_INVALID_SHAPE" => NANOCLUST_ERR_INVALID_SHAPE,
            "NANOCLUST_ERR_INVALID_PARAMETER" => NANOCLUST_ERR_INVALID_PARAMETER,
            "NANOCLUST_ERR_NON_FINITE" => NANOCLUST_ERR_NON_FINITE,
            "NANOCLUST_ERR_WORKSPACE_TOO_SMALL" => NANOCLUST_ERR_WORKSPACE_TOO_SMALL,
            "NANOCLUST_ERR_SIZE_OVERFLOW" => NANOCLUST_ERR_SIZE_OVERFLOW,
            "NANOCLUST_ERR_NUMERICAL" => NANOCLUST_ERR_NUMERICAL,
            other => panic!("{name}: unknown @retval {other}"),
        })
        .collect()
}

// ---- Single calls for the family files ------------------------------------

/// A valid base call of one export, to be modified by name and run.
pub struct Args {
    entry: Entry,
    call: Call,
    ws: usize,
}

impl Args {
    /// The base call of `name` (every argument valid, the workspace as the
    /// query reports).
    pub fn new(name: &str) -> Args {
        let mut table = crate::table::table();
        let at = table
            .iter()
            .position(|e| e.name == name)
            .unwrap_or_else(|| panic!("{name} is not in the table"));
        let ws = query(&table[at], &table);
        let entry = table.swap_remove(at);
        let call = build(&entry, ws);
        Args { entry, call, ws }
    }
    fn index(&self, name: &str) -> usize {
        self.entry
            .args
            .iter()
            .position(|(a, _)| *a == name)
            .unwrap_or_else(|| panic!("{}: no argument {name}", self.entry.name))
    }
    fn elem(&self, i: usize) -> Elem {
        match &self.entry.args[i].1 {
            Spec::Buf { elem, .. } => resolve(*elem, self.entry.scalar),
            other => panic!("{}: {other:?} is not a buffer", self.entry.name),
        }
    }
    /// The workspace bytes the query reported.
    pub fn ws(&self) -> usize {
        self.ws
    }
    /// Asks the query again for the current arguments (after a change of
    /// parameters, say) and gives the call exactly that workspace.
    pub fn requery(mut self) -> Self {
        let table = crate::table::table();
        let ws = query_for(&self.entry, &self.call, &table);
        let i = self.index("workspace");
        let mut buf = vec![0u64; ws.div_ceil(8).max(1)];
        self.call.vals[i] = Val::Ptr(buf.as_mut_ptr().cast());
        self.call.bufs.insert(i, buf);
        self.ws = ws;
        self.size("workspace_bytes", ws)
    }
    /// Sets a `size_t` argument.
    pub fn size(mut self, name: &str, v: usize) -> Self {
        let i = self.index(name);
        self.call.vals[i] = Val::Usize(v);
        self
    }
    /// Sets a `uint32_t` argument.
    pub fn u32(mut self, name: &str, v: u32) -> Self {
        let i = self.index(name);
        self.call.vals[i] = Val::U32(v);
        self
    }
    /// Sets a `double` argument.
    pub fn real(mut self, name: &str, v: f64) -> Self {
        let i = self.index(name);
        self.call.vals[i] = Val::F64(v);
        self
    }
    /// Passes NULL for a pointer argument.
    pub fn null(mut self, name: &str) -> Self {
        let i = self.index(name);
        self.call.vals[i] = Val::Ptr(std::ptr::null_mut());
        self
    }
    /// Writes element `t` of a numeric buffer (converted to its element type).
    pub fn set(mut self, name: &str, t: usize, v: f64) -> Self {
        let i = self.index(name);
        let e = self.elem(i);
        write_elem(self.call.bytes_mut(i), e, t, v);
        self
    }
    /// Writes every element of a numeric buffer.
    pub fn fill(mut self, name: &str, v: impl Fn(usize) -> f64) -> Self {
        let i = self.index(name);
        let e = self.elem(i);
        let len = self.call.bytes(i).len() / e.size();
        let len = match &self.entry.args[i].1 {
            Spec::Buf { len: l, .. } => l.get().min(len),
            _ => len,
        };
        (0..len).for_each(|t| write_elem(self.call.bytes_mut(i), e, t, v(t)));
        self
    }
    /// Changes the parameter struct `T` at the argument `params`.
    pub fn params<T: Copy>(mut self, f: impl FnOnce(&mut T)) -> Self {
        let i = self.index("params");
        let b = self.call.bytes_mut(i);
        assert!(b.len() >= std::mem::size_of::<T>());
        // SAFETY: the buffer is 8-byte aligned and holds a `T` (plain data).
        f(unsafe { &mut *b.as_mut_ptr().cast::<T>() });
        self
    }
    /// Changes a merge row of the argument `merges`.
    pub fn merge(mut self, row: usize, f: impl FnOnce(&mut nanoclust_merge)) -> Self {
        let i = self.index("merges");
        let b = self.call.bytes_mut(i);
        // SAFETY: the buffer is 8-byte aligned and holds n - 1 merge rows.
        let rows = unsafe {
            std::slice::from_raw_parts_mut(b.as_mut_ptr().cast::<nanoclust_merge>(), SIZES.n - 1)
        };
        f(&mut rows[row]);
        self
    }
    /// Sets `workspace_bytes` (the buffer stays as large as the query said,
    /// so a smaller count is always backed by memory).
    pub fn workspace_bytes(self, v: usize) -> Self {
        assert!(v <= self.ws, "more workspace bytes than allocated");
        self.size("workspace_bytes", v)
    }
    /// Runs the call; a failure must leave every output untouched.
    pub fn run(&mut self) -> i32 {
        let mut seen = BTreeSet::new();
        run(&self.entry, &self.call, "family test", &mut seen)
    }
    /// Runs the call and returns the status.
    pub fn status(mut self) -> i32 {
        self.run()
    }
    /// Element `t` of a numeric buffer, as f64.
    pub fn get(&self, name: &str, t: usize) -> f64 {
        let i = self.index(name);
        let e = self.elem(i);
        let b = &self.call.bytes(i)[t * e.size()..(t + 1) * e.size()];
        match e {
            Elem::F32 => f32::from_ne_bytes(b.try_into().unwrap()) as f64,
            Elem::F64 => f64::from_ne_bytes(b.try_into().unwrap()),
            Elem::I32 => i32::from_ne_bytes(b.try_into().unwrap()) as f64,
            Elem::U32 => u32::from_ne_bytes(b.try_into().unwrap()) as f64,
            Elem::U8 => b[0] as f64,
            Elem::Usize => usize::from_ne_bytes(b.try_into().unwrap()) as f64,
            other => panic!("cannot read {other:?}"),
        }
    }
    /// The bytes of a buffer (a result struct, say).
    pub fn raw(&self, name: &str) -> Vec<u8> {
        let i = self.index(name);
        self.call.bytes(i).to_vec()
    }
    /// Every element of a numeric buffer, as f64.
    pub fn all(&self, name: &str) -> Vec<f64> {
        let i = self.index(name);
        let len = match &self.entry.args[i].1 {
            Spec::Buf { len, .. } => len.get(),
            _ => unreachable!(),
        };
        (0..len).map(|t| self.get(name, t)).collect()
    }
}

/// Both scalar variants of an export: `name` without `_f32`/`_f64`.
pub fn both(base: &str) -> [String; 2] {
    [format!("{base}_f32"), format!("{base}_f64")]
}
