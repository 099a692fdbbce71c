//! DBSCAN parameters: defaults (the one source for the Rust `Default` and the C
//! `nanoclust_dbscan_params_default`), validation and the neighbour index choice.

use crate::distance::Metric;
use crate::error::{Error, Result};

/// Default `eps` (scikit-learn's).
pub const DEFAULT_EPS: f64 = 0.5;
/// Default `min_samples` (scikit-learn's).
pub const DEFAULT_MIN_SAMPLES: u32 = 5;

/// The neighbour index used to answer eps-neighbourhood queries. The result
/// never depends on it; only time and workspace do. The `u32` values are the C
/// constants `NANOCLUST_INDEX_*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IndexKind {
    /// Chooses from the sizes and the metric (see [`IndexKind::resolve`]).
    #[default]
    Auto = 0,
    /// Compares every pair.
    Brute = 1,
    /// A uniform grid over (at most) three coordinates with cells at least eps wide.
    Grid = 2,
    /// A kd-tree with tight bounding boxes.
    KdTree = 3,
}

impl IndexKind {
    /// Every index, in C constant order.
    pub const ALL: [IndexKind; 4] = [
        IndexKind::Auto,
        IndexKind::Brute,
        IndexKind::Grid,
        IndexKind::KdTree,
    ];

    /// The index of a C constant; unknown values are `InvalidParameter("index")`.
    pub fn from_u32(v: u32) -> Result<Self> {
        match v {
            0 => Ok(IndexKind::Auto),
            1 => Ok(IndexKind::Brute),
            2 => Ok(IndexKind::Grid),
            3 => Ok(IndexKind::KdTree),
            _ => Err(Error::InvalidParameter("index")),
        }
    }

    /// The concrete index `Auto` stands for with `n` indexed points in `d`
    /// dimensions: brute force below 32 points or above 24 dimensions, the grid
    /// up to 3 dimensions, the kd-tree otherwise. Other values are returned as is.
    pub fn resolve(self, n: usize, d: usize) -> IndexKind {
        match self {
            IndexKind::Auto if n < 32 || d > 24 => IndexKind::Brute,
            IndexKind::Auto if d <= 3 => IndexKind::Grid,
            IndexKind::Auto => IndexKind::KdTree,
            other => other,
        }
    }
}

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

    #[test]
    fn index_constants_round_trip_and_auto_resolves_to_a_concrete_index() {
        for (i, k) in IndexKind::ALL.into_iter().enumerate() {
            assert_eq!(IndexKind::from_u32(i as u32), Ok(k));
        }
        assert_eq!(IndexKind::Auto.resolve(10, 2), IndexKind::Brute);
        assert_eq!(IndexKind::Auto.resolve(1000, 2), IndexKind::Grid);
        assert_eq!(IndexKind::Auto.resolve(1000, 8), IndexKind::KdTree);
        assert_eq!(IndexKind::Auto.resolve(1000, 64), IndexKind::Brute);
        assert_eq!(IndexKind::Grid.resolve(10, 64), IndexKind::Grid);
    }
}
