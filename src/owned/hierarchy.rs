//! Owned agglomerative clustering: the estimator [`Agglomerative`] (method
//! and metric) fits an [`AgglomerativeFit`], the model: a dendrogram (scipy's
//! linkage `Z` as [`Merge`] rows) with the tree cuts and the leaf order.

use super::{n_rows, with_workspace};
use crate::distance::Metric;
use crate::error::Result;
use crate::hierarchy::{self, Merge, Method};
use crate::scalar::Scalar;
use std::vec;
use std::vec::Vec;

/// An agglomerative clustering estimator (scipy's `linkage(method, metric)`):
/// parameters only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Agglomerative {
    /// How the distance between clusters is defined (default: ward).
    pub method: Method,
    /// The distance between observations (default: Euclidean).
    pub metric: Metric,
}

impl Agglomerative {
    /// An estimator with `method` and the Euclidean metric.
    pub fn new(method: Method) -> Self {
        Agglomerative {
            method,
            metric: Metric::Euclidean,
        }
    }

    /// Sets the metric.
    pub fn metric(mut self, metric: Metric) -> Self {
        self.metric = metric;
        self
    }

    /// Clusters the rows of `x` (row-major, `d` features, `n = x.len() / d`).
    pub fn fit<S: Scalar>(&self, x: &[S], d: usize) -> Result<AgglomerativeFit> {
        let n = n_rows(x, d)?;
        let (method, metric) = (self.method, self.metric);
        let layout = hierarchy::linkage_workspace_size::<S>(n, d, method, metric)?;
        let mut merges = vec![Merge::default(); n.saturating_sub(1)];
        with_workspace(layout, |ws| {
            hierarchy::linkage(x, n, d, method, metric, ws, &mut merges)
        })?;
        Ok(AgglomerativeFit { n, merges })
    }

    /// Clusters `n` samples from their condensed distance matrix (pdist
    /// order, `n(n-1)/2` values); the metric is not used.
    pub fn fit_condensed<S: Scalar>(&self, condensed: &[S], n: usize) -> Result<AgglomerativeFit> {
        let layout = hierarchy::linkage_condensed_workspace_size::<S>(n, self.method)?;
        let mut merges = vec![Merge::default(); n.saturating_sub(1)];
        with_workspace(layout, |ws| {
            hierarchy::linkage_condensed(condensed, n, self.method, ws, &mut merges)
        })?;
        Ok(AgglomerativeFit { n, merges })
    }
}

/// A dendrogram over `n` samples: `n - 1` merges in scipy's `Z` order.
#[derive(Debug, Clone, PartialEq)]
pub struct AgglomerativeFit {
    n: usize,
    merges: Vec<Merge>,
}

impl AgglomerativeFit {
    /// A dendrogram from existing merges (validated: a corrupt tree is an error).
    pub fn from_merges(merges: Vec<Merge>, n: usize) -> Result<Self> {
        let layout = hierarchy::cut_tree_workspace_size(n)?;
        let mut order = vec![0u32; n];
        with_workspace(layout, |ws| {
            hierarchy::dendrogram_leaves(&merges, n, ws, &mut order)
        })?;
        Ok(AgglomerativeFit { n, merges })
    }

    /// The number of samples.
    pub fn n(&self) -> usize {
        self.n
    }

    /// The merges (scipy's `Z` rows).
    pub fn merges(&self) -> &[Merge] {
        &self.merges
    }

    /// scipy's `Z` layout: rows `[left, right, distance, size]` as `f64`.
    pub fn to_scipy(&self) -> Vec<[f64; 4]> {
        self.merges
            .iter()
            .map(|m| [m.left as f64, m.right as f64, m.distance, m.size as f64])
            .collect()
    }

    /// scikit-learn `AgglomerativeClustering(n_clusters)` labels (0..k-1,
    /// numbered by first appearance).
    pub fn cut_n_clusters(&self, n_clusters: usize) -> Result<Vec<i32>> {
        let mut labels = vec![0i32; self.n];
        with_workspace(hierarchy::cut_tree_workspace_size(self.n)?, |ws| {
            hierarchy::cut_n_clusters(&self.merges, self.n, n_clusters, ws, &mut labels)
        })?;
        Ok(labels)
    }

    /// scipy `fcluster(criterion='distance')` labels minus one, and the
    /// number of clusters.
    pub fn cut_distance(&self, threshold: f64) -> Result<(Vec<i32>, usize)> {
        let mut labels = vec![0i32; self.n];
        let k = with_workspace(hierarchy::cut_tree_workspace_size(self.n)?, |ws| {
            hierarchy::cut_distance(&self.merges, self.n, threshold, ws, &mut labels)
        })?;
        Ok((labels, k))
    }

    /// scipy `leaves_list`: the samples in dendrogram order.
    pub fn leaves(&self) -> Result<Vec<u32>> {
        let mut order = vec![0u32; self.n];
        with_workspace(hierarchy::cut_tree_workspace_size(self.n)?, |ws| {
            hierarchy::dendrogram_leaves(&self.merges, self.n, ws, &mut order)
        })?;
        Ok(order)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_pairs_and_a_root() {
        let x = [0.0f64, 0.0, 0.0, 1.0, 10.0, 0.0, 10.0, 2.0];
        let z = Agglomerative::new(Method::Single).fit(&x, 2).unwrap();
        assert_eq!(
            z.to_scipy(),
            vec![
                [0.0, 1.0, 1.0, 2.0],
                [2.0, 3.0, 2.0, 2.0],
                [4.0, 5.0, 10.0, 4.0]
            ]
        );
        assert_eq!(z.cut_n_clusters(2).unwrap(), vec![0, 0, 1, 1]);
        assert_eq!(z.cut_distance(1.5).unwrap(), (vec![0, 0, 1, 2], 3));
        assert_eq!(z.leaves().unwrap(), vec![0, 1, 2, 3]);
        let again = AgglomerativeFit::from_merges(z.merges().to_vec(), 4).unwrap();
        assert_eq!(again, z);
        let mut bad = z.merges().to_vec();
        bad[2].size = 3;
        assert!(AgglomerativeFit::from_merges(bad, 4).is_err());
        let y = [1.0f64, 10.0, 10.0, 10.0, 10.0, 2.0];
        let c = Agglomerative::new(Method::Single)
            .fit_condensed(&y, 4)
            .unwrap();
        assert_eq!(c, z);
        assert!(Agglomerative::new(Method::Single).fit(&x, 3).is_err());
    }
}
