//! `KMeans`: the owned wrapper over [`crate::kmeans`].

use crate::error::Result;
use crate::kmeans::{self, Algorithm, FitResult, Init, KMeansParams};
use crate::matrix::Matrix;
use crate::owned::{n_rows, with_workspace};
use crate::scalar::Scalar;
use std::vec;
use std::vec::Vec;

/// The k-means estimator: the core [`KMeansParams`] with builder setters,
/// e.g. `KMeans::new(k).seed(3).fit(&x, d)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KMeans {
    /// The core parameters.
    pub params: KMeansParams,
}

/// A fitted (or streaming) k-means model: `k x d` centers, row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct KMeansFit<S> {
    /// The centers, `k * d` values.
    pub centers: Vec<S>,
    /// Number of features.
    pub d: usize,
    /// The labels of the fitted samples (empty for a model built by [`KMeansFit::from_centers`]).
    pub labels: Vec<i32>,
    /// Inertia, iterations and convergence of the fit.
    pub result: Option<FitResult>,
    /// Accumulated weight per center for [`KMeansFit::partial_fit`].
    pub counts: Vec<f64>,
}

impl KMeans {
    /// Defaults for `k` clusters ([`KMeansParams::new`]).
    pub fn new(k: usize) -> Self {
        KMeans {
            params: KMeansParams::new(k),
        }
    }
    /// Sets the initialisation.
    pub fn init(mut self, init: Init) -> Self {
        self.params.init = init;
        self
    }
    /// Sets the number of restarts.
    pub fn n_init(mut self, n_init: u32) -> Self {
        self.params.n_init = n_init;
        self
    }
    /// Sets the iteration limit.
    pub fn max_iter(mut self, max_iter: u32) -> Self {
        self.params.max_iter = max_iter;
        self
    }
    /// Sets the relative tolerance.
    pub fn tol(mut self, tol: f64) -> Self {
        self.params.tol = tol;
        self
    }
    /// Sets the seed.
    pub fn seed(mut self, seed: u64) -> Self {
        self.params.seed = seed;
        self
    }
    /// Sets the algorithm.
    pub fn algorithm(mut self, algorithm: Algorithm) -> Self {
        self.params.algorithm = algorithm;
        self
    }

    /// Fits `x` (`n x d`, row-major, `n = x.len() / d`) with the configured init.
    pub fn fit<S: Scalar>(&self, x: &[S], d: usize) -> Result<KMeansFit<S>> {
        self.run(x, d, None, None)
    }

    /// [`KMeans::fit`] with per-sample weights (`n` values).
    pub fn fit_weighted<S: Scalar>(
        &self,
        x: &[S],
        d: usize,
        sample_weight: &[S],
    ) -> Result<KMeansFit<S>> {
        self.run(x, d, Some(sample_weight), None)
    }

    /// Fits from the given initial centers (`k * d` values; `Init::Provided`).
    pub fn fit_from<S: Scalar>(&self, x: &[S], d: usize, centers: &[S]) -> Result<KMeansFit<S>> {
        self.run(x, d, None, Some(centers))
    }

    /// [`KMeans::fit_from`] with per-sample weights (`n` values).
    pub fn fit_from_weighted<S: Scalar>(
        &self,
        x: &[S],
        d: usize,
        centers: &[S],
        sample_weight: &[S],
    ) -> Result<KMeansFit<S>> {
        self.run(x, d, Some(sample_weight), Some(centers))
    }

    fn run<S: Scalar>(
        &self,
        x: &[S],
        d: usize,
        sample_weight: Option<&[S]>,
        init_centers: Option<&[S]>,
    ) -> Result<KMeansFit<S>> {
        let n = n_rows(x, d)?;
        let mut p = self.params;
        let mut centers = match init_centers {
            Some(c) => {
                p.init = Init::Provided;
                c.to_vec()
            }
            None => vec![S::ZERO; p.n_clusters.saturating_mul(d)],
        };
        let xm = Matrix::new(x, n, d)?;
        let mut labels = vec![0i32; n];
        let layout = kmeans::workspace_size::<S>(n, d, &p)?;
        let r = with_workspace(layout, |ws| {
            kmeans::fit(&p, xm, sample_weight, ws, &mut centers, Some(&mut labels))
        })?;
        let k = p.n_clusters;
        Ok(KMeansFit {
            centers,
            d,
            labels,
            result: Some(r),
            counts: vec![0.0; k],
        })
    }
}

impl<S: Scalar> KMeansFit<S> {
    /// A model from given centers (`k * d` values), with zero counts, e.g. to
    /// start [`KMeansFit::partial_fit`].
    pub fn from_centers(centers: Vec<S>, d: usize) -> Self {
        let k = centers.len() / d.max(1);
        KMeansFit {
            centers,
            d,
            labels: Vec::new(),
            result: None,
            counts: vec![0.0; k],
        }
    }

    /// Number of clusters.
    pub fn k(&self) -> usize {
        self.centers.len() / self.d.max(1)
    }

    /// Nearest-center labels and squared distances of the rows of `x` (`n x d`).
    pub fn predict(&self, x: &[S]) -> Result<(Vec<i32>, Vec<S>)> {
        let n = n_rows(x, self.d)?;
        let c = Matrix::named(&self.centers, self.k(), self.d, "centers")?;
        let xm = Matrix::new(x, n, self.d)?;
        let mut labels = vec![0i32; n];
        let mut sq = vec![S::ZERO; n];
        kmeans::predict(c, xm, &mut labels, Some(&mut sq))?;
        Ok((labels, sq))
    }

    /// One mini-batch step on `x` (`n x d`) with optional weights; updates
    /// `centers` and `counts`.
    pub fn partial_fit(&mut self, x: &[S], sample_weight: Option<&[S]>) -> Result<()> {
        let n = n_rows(x, self.d)?;
        let xm = Matrix::new(x, n, self.d)?;
        let layout = kmeans::partial_fit_workspace_size::<S>(self.d, self.counts.len())?;
        let (centers, counts) = (&mut self.centers, &mut self.counts);
        with_workspace(layout, |ws| {
            kmeans::partial_fit(xm, sample_weight, centers, counts, ws)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_predict_partial_fit_round_trip() {
        let x: Vec<f64> = (0..40)
            .flat_map(|i| {
                let c = if i % 2 == 0 { 0.0 } else { 10.0 };
                [c + (i % 5) as f64 * 0.1, c - (i % 3) as f64 * 0.1]
            })
            .collect();
        let m = KMeans::new(2).n_init(2).seed(7).fit(&x, 2).unwrap();
        assert_eq!(m.k(), 2);
        assert!(m.result.unwrap().converged);
        let (l, sq) = m.predict(&x).unwrap();
        assert_eq!(l, m.labels);
        let inertia: f64 = sq.iter().sum();
        assert!((inertia - m.result.unwrap().inertia).abs() < 1e-9 * (1.0 + inertia));
        let mut s = KMeansFit::from_centers(m.centers.clone(), 2);
        s.partial_fit(&x, None).unwrap();
        assert_eq!(s.counts, vec![20.0, 20.0]);
        for (a, b) in s.centers.iter().zip(&m.centers) {
            assert!((a - b).abs() < 1e-12);
        }
    }
}
