//! The C ABI: the only module with `unsafe` code.
//!
//! `raw` turns raw pointers and lengths into slices and references (NULL,
//! misalignment and oversize become statuses); one file per family holds its
//! hand-written `extern "C"` signatures, from which cbindgen generates
//! `include/nanoclust.h`. Every export validates all inputs before writing any
//! output and turns every [`crate::Error`] into a `nanoclust_status`.
#![allow(unsafe_code)]
#![allow(non_camel_case_types)]

pub mod dbscan;
pub mod gmm;
pub mod hierarchy;
pub mod kmeans;
pub mod metrics;
pub mod model_selection;
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
