//! The k-means start (`NANOCLUST_GMM_INIT_KMEANS`): scikit-learn's
//! `init_params='kmeans'` takes the labels of one `KMeans(n_clusters,
//! n_init=1, random_state)` run, turns them into hard responsibilities and
//! runs one M-step ([`super::fit_from_labels`] is that path with the caller's labels).
//!
//! NOT YET BUILT: the k-means core is developed on another branch. Until it is
//! wired here, the k-means start is `Error::InvalidParameter("init")`; use
//! `GmmInit::Provided` or [`super::fit_from_labels`].

use super::params::GmmParams;
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::scalar::Scalar;
use crate::workspace::{Layout, Workspace};

/// Whether the k-means start is available in this build.
pub const KMEANS_INIT_BUILT: bool = false;

/// `Ok` if the k-means start is built, else `InvalidParameter("init")`.
pub fn check_built() -> Result<()> {
    if KMEANS_INIT_BUILT {
        Ok(())
    } else {
        Err(Error::InvalidParameter("init"))
    }
}

/// Workspace of the k-means start: its labels (`n`) and the k-means workspace.
pub fn kmeans_layout<S: Scalar>(n: usize, _d: usize, _p: &GmmParams) -> Result<Layout> {
    check_built()?;
    Layout::new().array::<i32>(n)
}

/// State of the k-means starts of one fit (labels buffer, seed stream).
#[derive(Debug)]
pub struct KMeansInit<'a> {
    labels: &'a mut [i32],
}

impl<'a> KMeansInit<'a> {
    /// Carves the k-means start's workspace (after the EM buffers).
    pub fn new(ws: &mut Workspace<'a>, n: usize, _d: usize, _p: &GmmParams) -> Result<Self> {
        check_built()?;
        Ok(KMeansInit {
            labels: ws.take::<i32>(n)?,
        })
    }

    /// Runs k-means for the next run and returns its labels.
    pub fn next_labels<S: Scalar>(&mut self, _x: Matrix<'_, S>) -> Result<&[i32]> {
        check_built()?;
        Ok(self.labels)
    }
}
