//! Owned agglomerative clustering: [`Linkage`] holds a dendrogram (scipy's
//! `Z` as [`Merge`] rows) and offers the tree cuts and the leaf order.

use super::with_workspace;
use crate::distance::Metric;
use crate::error::Result;
use crate::hierarchy::{self, Merge, Method};
use crate::scalar::Scalar;
use std::vec;
use std::vec::Vec;

/// A dendrogram over `n` samples: `n - 1` merges in scipy's `Z` order.
#[derive(Debug, Clone, PartialEq)]
pub struct Linkage {
    n: usize,
    merges: Vec<Merge>,
}

impl Linkage {
    /// Clusters the `n x d` observations `x` (row-major) with `method` and `metric`.
    pub fn fit<S: Scalar>(
        x: &[S],
        n: usize,
        d: usize,
        method: Method,
        metric: Metric,
    ) -> Result<Self> {
        let layout = hierarchy::linkage_workspace_size::<S>(n, d, method, metric)?;
        let mut merges = vec![Merge::default(); n.saturating_sub(1)];
        with_workspace(layout, |ws| {
            hierarchy::linkage(x, n, d, method, metric, ws, &mut merges)
        })?;
        Ok(Linkage { n, merges })
    }

    /// Clusters `n` samples from their condensed distance matrix (pdist order).
    pub fn from_condensed<S: Scalar>(condensed: &[S], n: usize, method: Method) -> Result<Self> {
        let layout = hierarchy::linkage_condensed_workspace_size::<S>(n, method)?;
        let mut merges = vec![Merge::default(); n.saturating_sub(1)];
        with_workspace(layout, |ws| {
            hierarchy::linkage_condensed(condensed, n, method, ws, &mut merges)
        })?;
        Ok(Linkage { n, merges })
    }

    /// A dendrogram from existing merges (validated: a corrupt tree is an error).
    pub fn from_merges(merges: Vec<Merge>, n: usize) -> Result<Self> {
        let layout = hierarchy::cut_tree_workspace_size(n)?;
        let mut order = vec![0u32; n];
        with_workspace(layout, |ws| {
            hierarchy::dendrogram_leaves(&merges, n, ws, &mut order)
        })?;
        Ok(Linkage { n, merges })
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
        let z = Linkage::fit(&x, 4, 2, Method::Single, Metric::Euclidean).unwrap();
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
        let again = Linkage::from_merges(z.merges().to_vec(), 4).unwrap();
        assert_eq!(again, z);
        let mut bad = z.merges().to_vec();
        bad[2].size = 3;
        assert!(Linkage::from_merges(bad, 4).is_err());
    }
}
