//! Linkage methods and their validation against the metric.

use crate::distance::Metric;
use crate::error::{Error, Result};

/// How the distance between two clusters is defined (scipy's `method`). The
/// `u32` values are the C constants `NANOCLUST_LINKAGE_*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    /// Minimum distance between members (minimum spanning tree).
    Single = 0,
    /// Maximum distance between members.
    Complete = 1,
    /// Mean distance between members (UPGMA).
    Average = 2,
    /// WPGMA: the mean of the two merged clusters' distances.
    Weighted = 3,
    /// Ward's minimum variance (Euclidean only).
    #[default]
    Ward = 4,
    /// Distance between centroids (Euclidean only); heights need not be monotone.
    Centroid = 5,
    /// Distance between WPGMC "medians" (Euclidean only); heights need not be monotone.
    Median = 6,
}

impl Method {
    /// Every method, in C constant order.
    pub const ALL: [Method; 7] = [
        Method::Single,
        Method::Complete,
        Method::Average,
        Method::Weighted,
        Method::Ward,
        Method::Centroid,
        Method::Median,
    ];

    /// The method of a C constant; unknown values are `InvalidParameter("method")`.
    pub fn from_u32(v: u32) -> Result<Self> {
        match v {
            0 => Ok(Method::Single),
            1 => Ok(Method::Complete),
            2 => Ok(Method::Average),
            3 => Ok(Method::Weighted),
            4 => Ok(Method::Ward),
            5 => Ok(Method::Centroid),
            6 => Ok(Method::Median),
            _ => Err(Error::InvalidParameter("method")),
        }
    }

    /// scipy's name of the method.
    pub const fn name(self) -> &'static str {
        match self {
            Method::Single => "single",
            Method::Complete => "complete",
            Method::Average => "average",
            Method::Weighted => "weighted",
            Method::Ward => "ward",
            Method::Centroid => "centroid",
            Method::Median => "median",
        }
    }

    /// `true` if merge heights never decrease (scipy then sorts the merges by
    /// height); centroid and median can produce inversions and keep merge order.
    pub const fn is_monotone(self) -> bool {
        !matches!(self, Method::Centroid | Method::Median)
    }

    /// `true` for ward, centroid and median, which are defined for the
    /// Euclidean metric only.
    pub const fn requires_euclidean(self) -> bool {
        matches!(self, Method::Ward | Method::Centroid | Method::Median)
    }

    /// Checks that the method accepts `metric`: ward, centroid and median with
    /// anything but Euclidean are `InvalidParameter("metric")`.
    pub fn check_metric(self, metric: Metric) -> Result<()> {
        if self.requires_euclidean() && metric != Metric::Euclidean {
            Err(Error::InvalidParameter("metric"))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_u32_round_trips_and_rejects_unknown_values() {
        for m in Method::ALL {
            assert_eq!(Method::from_u32(m as u32), Ok(m));
        }
        for v in [7, 8, 100, u32::MAX] {
            assert_eq!(Method::from_u32(v), Err(Error::InvalidParameter("method")));
        }
    }

    #[test]
    fn euclidean_only_methods_reject_other_metrics() {
        for m in Method::ALL {
            for metric in Metric::ALL {
                let ok = m.check_metric(metric).is_ok();
                assert_eq!(ok, !m.requires_euclidean() || metric == Metric::Euclidean);
            }
        }
        assert!(!Method::Centroid.is_monotone() && !Method::Median.is_monotone());
        assert!(Method::Ward.is_monotone() && Method::Single.is_monotone());
    }
}
