//! DBSCAN parameters: defaults (the one source for the Rust `Default` and the C
//! `nanoclust_dbscan_params_default`) and validation. The neighbour index
//! choice, [`IndexKind`], lives in [`crate::neighbors`].

use crate::distance::Metric;
use crate::error::{Error, Result};
use crate::neighbors::IndexKind;

/// Default `eps` (scikit-learn's).
pub const DEFAULT_EPS: f64 = 0.5;
/// Default `min_samples` (scikit-learn's).
pub const DEFAULT_MIN_SAMPLES: u32 = 5;

/// Validated DBSCAN parameters (scikit-learn's `DBSCAN(eps, min_samples, metric)`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DbscanParams {
    /// Neighbourhood radius: `j` neighbours `i` iff `distance(i, j) <= eps`. Finite, `> 0`.
    pub eps: f64,
    /// Points (or total sample weight) in a neighbourhood, the point itself
    /// included, for a core sample. `>= 1`.
    pub min_samples: u32,
    /// The distance.
    pub metric: Metric,
    /// The neighbour index (never changes the result).
    pub index: IndexKind,
}

impl Default for DbscanParams {
    fn default() -> Self {
        DbscanParams {
            eps: DEFAULT_EPS,
            min_samples: DEFAULT_MIN_SAMPLES,
            metric: Metric::Euclidean,
            index: IndexKind::Auto,
        }
    }
}

impl DbscanParams {
    /// Parameters with the given radius and `min_samples`, other fields default.
    pub fn new(eps: f64, min_samples: u32) -> Self {
        DbscanParams {
            eps,
            min_samples,
            ..Default::default()
        }
    }

    /// From the raw C values: range-checks the enums, then [`DbscanParams::check`]s.
    pub fn from_raw(eps: f64, min_samples: u32, metric: u32, index: u32) -> Result<Self> {
        let p = DbscanParams {
            eps,
            min_samples,
            metric: Metric::from_u32(metric)?,
            index: IndexKind::from_u32(index)?,
        };
        p.check()?;
        Ok(p)
    }

    /// `InvalidParameter("eps")` unless `eps` is finite and `> 0`;
    /// `InvalidParameter("min_samples")` if it is 0.
    pub fn check(&self) -> Result<()> {
        if !(self.eps.is_finite() && self.eps > 0.0) {
            return Err(Error::InvalidParameter("eps"));
        }
        if self.min_samples == 0 {
            return Err(Error::InvalidParameter("min_samples"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_scikit_learns() {
        let p = DbscanParams::default();
        assert_eq!((p.eps, p.min_samples), (0.5, 5));
        assert_eq!((p.metric, p.index), (Metric::Euclidean, IndexKind::Auto));
        assert_eq!(p.check(), Ok(()));
    }

    #[test]
    fn invalid_values_name_the_parameter() {
        let e = Err(Error::InvalidParameter("eps"));
        for eps in [0.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(DbscanParams::new(eps, 5).check(), e);
        }
        assert_eq!(
            DbscanParams::new(0.5, 0).check(),
            Err(Error::InvalidParameter("min_samples"))
        );
        assert_eq!(
            DbscanParams::from_raw(0.5, 5, 4, 0),
            Err(Error::InvalidParameter("metric"))
        );
        assert_eq!(
            DbscanParams::from_raw(0.5, 5, 0, 4),
            Err(Error::InvalidParameter("index"))
        );
        assert!(DbscanParams::from_raw(1e-300, 1, 3, 3).is_ok());
    }
}
