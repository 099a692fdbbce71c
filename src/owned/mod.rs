//! The std wrapper (feature `std`): owned, `Vec`-returning convenience APIs
//! over the allocation-free core, for Rust users and tests.
//!
//! Every wrapper follows one pattern: ask the core for its workspace size,
//! allocate exactly that many bytes once ([`with_workspace`]), call the core,
//! and return owned results.
//!
//! ## One call shape
//!
//! - An **estimator** value holds the core's params and has builder setters:
//!   `KMeans::new(k).seed(3)`, `GaussianMixture::new(k).covariance_type(ct)`,
//!   `Dbscan::new(eps, min_samples)`, `StandardScaler::new()`.
//! - `fit<S: Scalar>(&self, x: &[S], d: usize) -> Result<Model<S>>` fits
//!   row-major data (`n = x.len() / d`; `InvalidShape("x")` unless `d`
//!   divides it); `fit_weighted(&self, x, d, sample_weight)` adds per-sample
//!   weights; other starts are `fit_from...(&self, x, d, ...)`.
//! - The **model** (`KMeansFit`, `GaussianMixtureFit`, `DbscanFit`,
//!   `StandardScalerFit`) owns its arrays as public fields and has methods
//!   such as `predict(&self, x: &[S])`, with `n` again from `x.len() / d`.
//! - Free functions keep the same order: `(x, d, ...)`.

pub mod dbscan;
pub mod gmm;
pub mod hierarchy;
pub mod kmeans;
pub mod metrics;
pub mod model_selection;
pub mod preprocessing;

use crate::error::Result;
use crate::workspace::Layout;
use std::vec;
use std::vec::Vec;

/// The number of rows of a row-major buffer with `d` columns;
/// `InvalidShape("x")` unless `d > 0` divides its length.
pub(crate) fn n_rows<S>(x: &[S], d: usize) -> Result<usize> {
    if d == 0 || x.len() % d != 0 {
        return Err(crate::error::Error::InvalidShape("x"));
    }
    Ok(x.len() / d)
}

/// Allocates exactly `layout.bytes()` of zeroed scratch memory and runs `f` on it.
pub fn with_workspace<T>(layout: Layout, f: impl FnOnce(&mut [u8]) -> Result<T>) -> Result<T> {
    let mut buf: Vec<u8> = vec![0; layout.bytes()];
    f(&mut buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::workspace::Workspace;

    #[test]
    fn allocates_exactly_the_layout() {
        let layout = Layout::new()
            .array::<f64>(3)
            .unwrap()
            .array::<u32>(2)
            .unwrap();
        let got = with_workspace(layout, |buf| {
            assert_eq!(buf.len(), layout.bytes());
            let mut ws = Workspace::new(buf);
            let a = ws.take_filled::<f64>(3, 2.0)?;
            let b = ws.take_filled::<u32>(2, 1)?;
            Ok(a.iter().sum::<f64>() + b.iter().sum::<u32>() as f64)
        });
        assert_eq!(got, Ok(8.0));
        let err: Result<()> = with_workspace(Layout::new(), |buf| {
            Workspace::new(buf).take::<f64>(1).map(|_| ())
        });
        assert!(matches!(err, Err(Error::WorkspaceTooSmall { .. })));
    }
}
