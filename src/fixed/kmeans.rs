//! [`KMeans`]: k-means with its centers, labels and workspace in one value.

use crate::error::{Error, Result};
use crate::kmeans::{self, FitResult, KMeansParams};
use crate::matrix::Matrix;
use crate::scalar::Scalar;

/// A k-means model of fixed capacity: at most `N` samples per fit, `D`
/// features, `K` clusters, and a workspace of `W` bytes (at least
/// [`kmeans_bytes`](super::kmeans_bytes)`::<S>(N, D, K)`, checked when the
/// program is compiled). Spell the type with [`fixed_kmeans!`](crate::fixed_kmeans)
/// to get `W` computed. Nothing is allocated; the value holds everything
/// (`K * D` centers, `K` counts, `N` labels, `W` bytes), so put a large one in
/// a `static` rather than on a small stack.
///
/// Every method calls the core ([`crate::kmeans`]) and gives its results bit
/// for bit; on error nothing in the model changes.
#[derive(Debug, Clone)]
pub struct KMeans<S: Scalar, const N: usize, const D: usize, const K: usize, const W: usize> {
    params: KMeansParams,
    centers: [[S; D]; K],
    counts: [f64; K],
    labels: [i32; N],
    n_labels: usize,
    result: Option<FitResult>,
    workspace: [u8; W],
}

impl<S: Scalar, const N: usize, const D: usize, const K: usize, const W: usize>
    KMeans<S, N, D, K, W>
{
    /// The workspace these capacities need ([`kmeans_bytes`](super::kmeans_bytes)).
    pub const WORKSPACE_BYTES: usize = super::kmeans_bytes::<S>(N, D, K);

    /// Evaluated by [`KMeans::new`]: a failed assertion is a compile error.
    const CAPACITY_CHECK: () = {
        assert!(D >= 1 && K >= 1, "KMeans: D and K must be at least 1");
        assert!(
            K <= N,
            "KMeans: K clusters need at least K samples (K <= N)"
        );
        assert!(
            W >= Self::WORKSPACE_BYTES,
            "KMeans: W is below kmeans_bytes::<S>(N, D, K); spell the type with fixed_kmeans!"
        );
    };

    /// A model with `params` (its `n_clusters` is set to `K`), zero centers
    /// and counts, no labels. `const`: it can initialise a `static`.
    pub const fn new(params: KMeansParams) -> Self {
        #[allow(clippy::let_unit_value)]
        let () = Self::CAPACITY_CHECK;
        let mut params = params;
        params.n_clusters = K;
        KMeans {
            params,
            centers: [[S::ZERO; D]; K],
            counts: [0.0; K],
            labels: [0; N],
            n_labels: 0,
            result: None,
            workspace: [0; W],
        }
    }

    /// The parameters (`n_clusters == K`).
    pub fn params(&self) -> &KMeansParams {
        &self.params
    }

    /// Replaces the parameters (`n_clusters` is kept at `K`).
    pub fn set_params(&mut self, params: KMeansParams) {
        self.params = KMeansParams {
            n_clusters: K,
            ..params
        };
    }

    /// Fits the rows of `x` (`1..=N` rows, `K <= x.len()`), with optional
    /// per-sample weights (`x.len()` values); see [`kmeans::fit()`]. With
    /// `Init::Provided` the current centers are the initial ones. On success
    /// the centers, the labels and [`result`](KMeans::result) are replaced and
    /// the mini-batch counts are reset to zero.
    pub fn fit(&mut self, x: &[[S; D]], sample_weight: Option<&[S]>) -> Result<FitResult> {
        let n = x.len();
        let labels = self.labels.get_mut(..n).ok_or(Error::InvalidShape("x"))?;
        let xm = Matrix::new(x.as_flattened(), n, D)?;
        let r = kmeans::fit(
            &self.params,
            xm,
            sample_weight,
            &mut self.workspace,
            self.centers.as_flattened_mut(),
            Some(labels),
        )?;
        self.n_labels = n;
        self.result = Some(r);
        self.counts = [0.0; K];
        Ok(r)
    }

    /// Labels each row of `x` with its nearest center (`labels`: `x.len()`
    /// values); see [`kmeans::predict()`].
    pub fn predict(&self, x: &[[S; D]], labels: &mut [i32]) -> Result<()> {
        let c = Matrix::named(self.centers.as_flattened(), K, D, "centers")?;
        let xm = Matrix::new(x.as_flattened(), x.len(), D)?;
        kmeans::predict(c, xm, labels, None)
    }

    /// The nearest center of one sample and its squared distance.
    pub fn predict_one(&self, row: &[S; D]) -> Result<(usize, S)> {
        let c = Matrix::named(self.centers.as_flattened(), K, D, "centers")?;
        let xm = Matrix::new(row, 1, D)?;
        let (mut label, mut sq) = ([0i32], [S::ZERO]);
        kmeans::predict(c, xm, &mut label, Some(&mut sq))?;
        let ([l], [s]) = (label, sq);
        Ok((l as usize, s))
    }

    /// One mini-batch step on `batch` (any number of rows) with optional
    /// weights; updates the centers and counts (see [`kmeans::partial_fit`]).
    /// Start from [`fit`](KMeans::fit) or [`set_centers`](KMeans::set_centers).
    pub fn partial_fit(&mut self, batch: &[[S; D]], sample_weight: Option<&[S]>) -> Result<()> {
        let xm = Matrix::new(batch.as_flattened(), batch.len(), D)?;
        kmeans::partial_fit(
            xm,
            sample_weight,
            self.centers.as_flattened_mut(),
            &mut self.counts,
            &mut self.workspace,
        )
    }

    /// The centers.
    pub fn centers(&self) -> &[[S; D]; K] {
        &self.centers
    }

    /// Sets the centers (for `Init::Provided` or a mini-batch start) and
    /// resets the counts to zero.
    pub fn set_centers(&mut self, centers: &[[S; D]; K]) {
        self.centers = *centers;
        self.counts = [0.0; K];
    }

    /// The accumulated weight per center of the mini-batch steps.
    pub fn counts(&self) -> &[f64; K] {
        &self.counts
    }

    /// The labels of the last fit's samples (empty before a fit).
    pub fn labels(&self) -> &[i32] {
        self.labels.get(..self.n_labels).unwrap_or(&[])
    }

    /// Inertia, iterations and convergence of the last fit.
    pub fn result(&self) -> Option<FitResult> {
        self.result
    }
}
