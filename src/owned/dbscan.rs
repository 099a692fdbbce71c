//! Owned DBSCAN: [`Dbscan`] (fit, fit with weights), [`DbscanFit`] (labels,
//! core flags, predict) and [`core_distances`].

use std::vec;
use std::vec::Vec;

use super::{n_rows, with_workspace};
use crate::dbscan::{self as core_dbscan, DbscanParams, IndexKind};
use crate::distance::Metric;
use crate::error::Result;
use crate::matrix::Matrix;
use crate::scalar::Scalar;

/// A DBSCAN estimator (scikit-learn's `DBSCAN`): parameters only.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Dbscan {
    /// The parameters.
    pub params: DbscanParams,
}

/// The result of [`Dbscan::fit`]: labels, core flags and the core samples
/// needed to [`predict`](DbscanFit::predict).
#[derive(Debug, Clone, PartialEq)]
pub struct DbscanFit<S> {
    /// Per sample: cluster `0..n_clusters` or -1 (noise); identical to scikit-learn's `labels_`.
    pub labels: Vec<i32>,
    /// Per sample: is it a core sample?
    pub is_core: Vec<bool>,
    /// Number of clusters.
    pub n_clusters: usize,
    /// Number of noise samples.
    pub n_noise: usize,
    params: DbscanParams,
    d: usize,
    /// Core samples (scikit-learn's `components_`), row-major.
    components: Vec<S>,
    component_labels: Vec<i32>,
}

impl From<DbscanParams> for Dbscan {
    fn from(params: DbscanParams) -> Self {
        Dbscan { params }
    }
}

impl Dbscan {
    /// An estimator with radius `eps` and `min_samples`, Euclidean, automatic index.
    pub fn new(eps: f64, min_samples: u32) -> Self {
        Dbscan {
            params: DbscanParams::new(eps, min_samples),
        }
    }

    /// Sets the metric.
    pub fn metric(mut self, metric: Metric) -> Self {
        self.params.metric = metric;
        self
    }

    /// Sets the neighbour index (never changes the result).
    pub fn index(mut self, index: IndexKind) -> Self {
        self.params.index = index;
        self
    }

    /// Clusters the rows of `x` (row-major, `d` features, `n = x.len() / d`).
    pub fn fit<S: Scalar>(&self, x: &[S], d: usize) -> Result<DbscanFit<S>> {
        self.run(x, d, None)
    }

    /// Clusters with per-sample weights (scikit-learn's `sample_weight`, `n` values).
    pub fn fit_weighted<S: Scalar>(
        &self,
        x: &[S],
        d: usize,
        sample_weight: &[S],
    ) -> Result<DbscanFit<S>> {
        self.run(x, d, Some(sample_weight))
    }

    fn run<S: Scalar>(&self, x: &[S], d: usize, weights: Option<&[S]>) -> Result<DbscanFit<S>> {
        let n = n_rows(x, d)?;
        let m = Matrix::new(x, n, d)?;
        let layout = core_dbscan::workspace_size::<S>(n, d, &self.params)?;
        let mut labels = vec![-1; n];
        let mut core = vec![0u8; n];
        let s = with_workspace(layout, |ws| {
            core_dbscan::fit(&self.params, m, weights, ws, &mut labels, Some(&mut core))
        })?;
        let mut components = Vec::new();
        let mut component_labels = Vec::new();
        for ((row, &c), &l) in m.rows().zip(&core).zip(&labels) {
            if c == 1 {
                components.extend_from_slice(row);
                component_labels.push(l);
            }
        }
        Ok(DbscanFit {
            labels,
            is_core: core.iter().map(|&c| c == 1).collect(),
            n_clusters: s.n_clusters as usize,
            n_noise: s.n_noise as usize,
            params: self.params,
            d,
            components,
            component_labels,
        })
    }
}

impl<S: Scalar> DbscanFit<S> {
    /// Indices of the core samples (scikit-learn's `core_sample_indices_`).
    pub fn core_sample_indices(&self) -> Vec<usize> {
        self.is_core
            .iter()
            .enumerate()
            .filter_map(|(i, &c)| c.then_some(i))
            .collect()
    }

    /// The core samples, row-major (scikit-learn's `components_`).
    pub fn components(&self) -> &[S] {
        &self.components
    }

    /// Labels new rows: the label of the nearest core sample within eps, else -1.
    pub fn predict(&self, x_new: &[S]) -> Result<Vec<i32>> {
        let d = self.d;
        let m = x_new.len().checked_div(d).unwrap_or(0);
        let xn = Matrix::named(x_new, m, d, "x_new")?;
        let k = self.component_labels.len();
        if k == 0 {
            return Ok(vec![-1; m]); // no core sample: everything is noise
        }
        let xt = Matrix::named(&self.components, k, d, "x_train")?;
        let core = vec![1u8; k];
        let layout = core_dbscan::predict_workspace_size::<S>(k, d, m, &self.params)?;
        let mut out = vec![-1; m];
        with_workspace(layout, |ws| {
            core_dbscan::predict(
                &self.params,
                xt,
                &self.component_labels,
                &core,
                xn,
                ws,
                &mut out,
            )
        })?;
        Ok(out)
    }
}

/// Core distances of the rows of `x`: the distance to the `min_samples`-th
/// nearest sample, counting the sample itself (the k-distance curve).
pub fn core_distances<S: Scalar>(
    x: &[S],
    d: usize,
    min_samples: u32,
    metric: Metric,
) -> Result<Vec<S>> {
    let n = n_rows(x, d)?;
    let m = Matrix::new(x, n, d)?;
    let layout = core_dbscan::core_distances_workspace_size::<S>(n, d, min_samples, metric)?;
    let mut out = vec![S::ZERO; n];
    with_workspace(layout, |ws| {
        core_dbscan::core_distances(m, min_samples, metric, ws, &mut out)
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_predict_round_trip() {
        let x = [
            0.0f64, 0.0, 0.1, 0.0, 0.0, 0.1, 5.0, 5.0, 5.1, 5.0, 5.0, 5.1, 9.0, 0.0,
        ];
        let fit = Dbscan::new(0.5, 3).fit(&x, 2).unwrap();
        assert_eq!(fit.labels, [0, 0, 0, 1, 1, 1, -1]);
        assert_eq!((fit.n_clusters, fit.n_noise), (2, 1));
        assert_eq!(fit.core_sample_indices(), [0, 1, 2, 3, 4, 5]);
        assert_eq!(fit.components().len(), 12);
        assert_eq!(fit.predict(&x).unwrap(), fit.labels);
        assert_eq!(
            fit.predict(&[0.3, 0.0, 4.7, 5.0, 2.5, 2.5]).unwrap(),
            [0, 1, -1]
        );
        let cd = core_distances(&x, 2, 3, Metric::Euclidean).unwrap();
        assert!((cd[0] - 0.1).abs() < 1e-12 && cd[6] > 4.0);
        assert!(Dbscan::new(0.5, 3).fit(&x, 3).is_err());
        let none = Dbscan::new(0.01, 3).fit(&x, 2).unwrap();
        let ones = [1.0; 7];
        let weighted = Dbscan::from(DbscanParams::new(0.5, 3))
            .fit_weighted(&x, 2, &ones)
            .unwrap();
        assert_eq!(weighted, fit);
        assert!(Dbscan::new(0.5, 3).fit_weighted(&x, 2, &ones[1..]).is_err());
        assert_eq!(none.predict(&[0.0, 0.0]).unwrap(), [-1]);
    }
}
