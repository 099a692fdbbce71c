//! The C ABI (with the SIMD dispatch, the only module with `unsafe` code).
//!
//! `raw` turns raw pointers and lengths into slices and references (NULL,
//! misalignment and oversize become statuses); one file per family holds its
//! hand-written `extern "C"` signatures, from which cbindgen generates
//! `include/nanoclust.h`. Every export validates all inputs before writing any
//! output and turns every [`crate::Error`] into a `nanoclust_status`.
//!
//! # Soundness
//! Every export is a `pub unsafe extern "C" fn` with a `# Safety` section:
//! Rust code can call them, but only in an `unsafe` block that upholds the
//! pointer contract (the C header states the same contract in its `@param`
//! lines). The safe Rust API is the core and `owned`, not this module.
//!
//! # The family template
//! Every family file (`kmeans.rs`, `dbscan.rs`, `hierarchy.rs`, `gmm.rs`,
//! `metrics.rs`, `model_selection.rs`, `preprocessing.rs`) has these
//! sections, in this order (a family without an item skips its section):
//! 1. **Constants**: the `NANOCLUST_*` values of its enumerated inputs.
//! 2. **Parameter and result structs**: `#[repr(C)]` structs with their
//!    conversions to and from the core's params (`to_params`, `From`).
//! 3. **Size queries**: one private generic `unsafe fn ...<S: Scalar>(...) ->
//!    Result<()>` per workspace query.
//! 4. **Entry points**: one private generic `unsafe fn ...<S: Scalar>(...) ->
//!    Result<()>` per operation. It converts every pointer through `raw`
//!    (NULL, alignment and size checks) inside one `unsafe` block with a
//!    `// SAFETY:` line, in the order that decides which error wins, then
//!    calls the core.
//! 5. **Exports, in header order** (the header's declaration order is part of
//!    the no-diff rule): `#[no_mangle] pub unsafe extern "C" fn`s whose body
//!    is one `raw::status(|| unsafe { generic::<f32>(...) })` call; the `_f64`
//!    twin is the same line with `f64`. Each export carries the status-doc
//!    format below and a `# Safety` section.
//!
//! The status-doc format (cbindgen copies it into the header as Doxygen): a
//! one-line summary; the algorithm and its reference; `@param` for every
//! parameter (length and units, ownership, "may be NULL" where true);
//! `@return`; one `@retval NANOCLUST_... when ...` per status the function can
//! return; `@par Work` with the worst-case work in terms of the arguments;
//! `@par Contract` where a guarantee beyond the reference applies.
//! `tests/header_docs.rs` checks the format on the generated header and
//! `tests/abi` checks every export against a table.
#![allow(unsafe_code)]
#![deny(unsafe_op_in_unsafe_fn)]
#![allow(non_camel_case_types)]

pub mod dbscan;
pub mod gmm;
pub mod hierarchy;
pub mod kmeans;
pub mod metrics;
pub mod model_selection;
/// The bare-metal panic handlers of the C library artifact (the core never panics).
mod panic_handler;
pub mod partial;
pub mod preprocessing;
pub(crate) mod raw;
pub mod status;

pub use dbscan::*;
pub use kmeans::*;
pub use metrics::*;
pub use model_selection::*;
pub use partial::*;
pub use preprocessing::*;
pub use status::*;
