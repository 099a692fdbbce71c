//! Owned metrics: each allocates exactly the workspace its core function
//! asks for. Functions that take `n_clusters` in the core infer it here as
//! `max(label) + 1` (at least 1).

use crate::distance::Metric;
use crate::error::Result;
use crate::matrix::Matrix;
use crate::metrics;
use crate::owned::{n_rows, with_workspace};
use crate::scalar::Scalar;
use std::vec;
use std::vec::Vec;

/// `max(label) + 1`, at least 1 (the number of clusters labels `0..k` imply).
pub fn n_clusters_of(labels: &[i32]) -> usize {
    labels.iter().copied().max().unwrap_or(0).max(0) as usize + 1
}

/// Inertia of `x` (`n x d`, row-major, `n = x.len() / d`) for `centers`
/// (`k x d`) and `labels` (negative: left out).
pub fn inertia<S: Scalar>(x: &[S], d: usize, centers: &[S], labels: &[i32]) -> Result<f64> {
    let xm = Matrix::new(x, n_rows(x, d)?, d)?;
    let cm = Matrix::named(centers, n_rows(centers, d)?, d, "centers")?;
    metrics::inertia(xm, cm, labels)
}

/// Mean silhouette coefficient (negative labels left out).
pub fn silhouette_score<S: Scalar>(
    x: &[S],
    d: usize,
    labels: &[i32],
    metric: Metric,
) -> Result<f64> {
    let n = n_rows(x, d)?;
    let xm = Matrix::new(x, n, d)?;
    let k = n_clusters_of(labels);
    with_workspace(metrics::silhouette_workspace_size(n, k)?, |ws| {
        metrics::silhouette_score(xm, labels, k, metric, ws)
    })
}

/// Silhouette coefficient of every sample (0 for negative labels and singletons).
pub fn silhouette_samples<S: Scalar>(
    x: &[S],
    d: usize,
    labels: &[i32],
    metric: Metric,
) -> Result<Vec<S>> {
    let n = n_rows(x, d)?;
    let xm = Matrix::new(x, n, d)?;
    let k = n_clusters_of(labels);
    let mut out = vec![S::ZERO; n];
    with_workspace(metrics::silhouette_workspace_size(n, k)?, |ws| {
        metrics::silhouette_samples(xm, labels, k, metric, ws, &mut out)
    })?;
    Ok(out)
}

/// Calinski-Harabasz score (negative labels left out).
pub fn calinski_harabasz<S: Scalar>(x: &[S], d: usize, labels: &[i32]) -> Result<f64> {
    let xm = Matrix::new(x, n_rows(x, d)?, d)?;
    let k = n_clusters_of(labels);
    with_workspace(metrics::cluster_stats_workspace_size(d, k)?, |ws| {
        metrics::calinski_harabasz(xm, labels, k, ws)
    })
}

/// Davies-Bouldin score (negative labels left out).
pub fn davies_bouldin<S: Scalar>(x: &[S], d: usize, labels: &[i32]) -> Result<f64> {
    let xm = Matrix::new(x, n_rows(x, d)?, d)?;
    let k = n_clusters_of(labels);
    with_workspace(metrics::cluster_stats_workspace_size(d, k)?, |ws| {
        metrics::davies_bouldin(xm, labels, k, ws)
    })
}

/// Adjusted Rand index of two labelings (any `i32` values).
pub fn adjusted_rand_index(a: &[i32], b: &[i32]) -> Result<f64> {
    with_workspace(metrics::contingency_workspace_size(a.len())?, |ws| {
        metrics::adjusted_rand_index(a, b, ws)
    })
}

/// Normalized mutual information (arithmetic mean) of two labelings.
pub fn normalized_mutual_info(a: &[i32], b: &[i32]) -> Result<f64> {
    with_workspace(metrics::contingency_workspace_size(a.len())?, |ws| {
        metrics::normalized_mutual_info(a, b, ws)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn wrappers_compute_known_values() {
        let x = [0.0f64, 2.0, 10.0, 12.0, 500.0];
        let labels = [0, 0, 1, 1, -1];
        assert_eq!(n_clusters_of(&labels), 2);
        assert_eq!(n_clusters_of(&[-1, -1]), 1);
        assert_eq!(calinski_harabasz(&x, 1, &labels), Ok(50.0));
        assert_eq!(davies_bouldin(&x, 1, &labels), Ok(0.2));
        assert_eq!(inertia(&x, 1, &[1.0, 11.0], &labels), Ok(4.0));
        let s = silhouette_samples(&x, 1, &labels, Metric::Euclidean).unwrap();
        assert_eq!(s.len(), 5);
        assert_eq!(s[4], 0.0);
        // Sample 0: a = 2, b = 11: s = 9/11.
        assert!((s[0] - 9.0 / 11.0).abs() < 1e-15);
        let mean = s[..4].iter().sum::<f64>() / 4.0;
        assert!(
            (silhouette_score(&x, 1, &labels, Metric::Euclidean).unwrap() - mean).abs() < 1e-15
        );
        assert_eq!(adjusted_rand_index(&[1, 1, 2], &[0, 0, 5]), Ok(1.0));
        assert_eq!(normalized_mutual_info(&[1, 1, 1], &[0, 0, 0]), Ok(1.0));
        assert_eq!(
            inertia(&x, 2, &[1.0, 11.0], &labels),
            Err(Error::InvalidShape("x"))
        );
    }
}
