//! The k-means start (`NANOCLUST_GMM_INIT_KMEANS`): scikit-learn's
//! `init_params='kmeans'` takes the labels of one `KMeans(n_clusters,
//! n_init=1, random_state)` run, turns them into hard responsibilities and
//! runs one M-step ([`super::fit_from_labels`] is that path with the caller's
//! labels, which is how the parity tests reproduce scikit-learn exactly).
//!
//! Here the k-means run is nanoclust's own [`crate::kmeans::fit()`] (k-means++,
//! one init, scikit-learn's `max_iter` 300 and `tol` 1e-4). Run `r` of
//! `n_init` seeds its k-means with the `r`-th `next_u64()` of
//! `Rng::new(params.seed)`. nanoclust's random stream differs from numpy's, so
//! the k-means labels (and hence the fitted mixture) are not scikit-learn's
//! draw for draw; the parity tests check the lower bound instead.

use super::params::GmmParams;
use crate::error::Result;
use crate::kmeans::{self, KMeansParams};
use crate::matrix::Matrix;
use crate::scalar::Scalar;
use crate::workspace::Carve;

/// The k-means parameters of one start.
fn kmeans_params(n_components: usize, seed: u64) -> KMeansParams {
    let mut q = KMeansParams::new(n_components);
    q.n_init = 1;
    q.seed = seed;
    q
}

/// The k-means start's part of the workspace: labels, centers and the
/// k-means workspace. The seed of each start comes from the caller (run `r`
/// of a fit uses the `r`-th `next_u64()` of `Rng::new(params.seed)`).
#[derive(Debug)]
pub struct KMeansInit<'a, S> {
    labels: &'a mut [i32],
    centers: &'a mut [S],
    ws: &'a mut [u8],
    n_components: usize,
}

impl<'a, S: Scalar> KMeansInit<'a, S> {
    /// Carves the k-means start's scratch (after the EM buffers): labels
    /// (`n`), centers (`k*d`) and the rest, the k-means fit's workspace (of
    /// its own `workspace_size`).
    pub fn new(ws: &mut impl Carve<'a>, n: usize, d: usize, p: &GmmParams) -> Result<Self> {
        let labels = ws.take::<i32>(n)?;
        // Saturating: an overflow makes the array too large (`SizeOverflow`).
        let centers = ws.take::<S>(p.n_components.saturating_mul(d))?;
        let k = p.n_components;
        let km_ws = ws.take_rest(|| kmeans::workspace_size::<S>(n, d, &kmeans_params(k, 0)))?;
        Ok(KMeansInit {
            labels,
            centers,
            ws: km_ws,
            n_components: p.n_components,
        })
    }

    /// Runs k-means seeded with `seed`; its labels are then [`Self::labels`].
    pub fn run(&mut self, seed: u64, x: Matrix<'_, S>, sample_weight: Option<&[S]>) -> Result<()> {
        let q = kmeans_params(self.n_components, seed);
        kmeans::fit(
            &q,
            x,
            sample_weight,
            self.ws,
            self.centers,
            Some(self.labels),
        )?;
        Ok(())
    }

    /// The labels of the last [`Self::run`] (of the run before, in the same
    /// workspace, when this view was carved afresh).
    pub fn labels(&self) -> &[i32] {
        self.labels
    }
}
