//! [`Dbscan`]: DBSCAN with its labels, core samples and workspace in one value.

use crate::dbscan::{self, DbscanParams, DbscanSummary};
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::scalar::Scalar;
use heapless::Vec;

/// A DBSCAN model of fixed capacity: at most `N` samples of `D` features per
/// fit and a workspace of `W` bytes (at least
/// [`dbscan_bytes`](super::dbscan_bytes)`::<S>(N, D)`, checked when the
/// program is compiled; spell the type with [`fixed_dbscan!`](crate::fixed_dbscan)).
/// A fit keeps the labels, the core flags and a copy of the core samples (in
/// `heapless` vectors), which is all [`predict`](Dbscan::predict) needs.
///
/// Every method calls the core ([`crate::dbscan`]) and gives its results bit
/// for bit; on error nothing in the model changes.
#[derive(Debug, Clone)]
pub struct Dbscan<S: Scalar, const N: usize, const D: usize, const W: usize> {
    params: DbscanParams,
    labels: [i32; N],
    is_core: [u8; N],
    n: usize,
    summary: DbscanSummary,
    components: Vec<[S; D], N>,
    component_labels: Vec<i32, N>,
    ones: [u8; N],
    workspace: [u8; W],
}

impl<S: Scalar, const N: usize, const D: usize, const W: usize> Dbscan<S, N, D, W> {
    /// The workspace these capacities need ([`dbscan_bytes`](super::dbscan_bytes)).
    pub const WORKSPACE_BYTES: usize = super::dbscan_bytes::<S>(N, D);

    /// Evaluated by [`Dbscan::new`]: a failed assertion is a compile error.
    const CAPACITY_CHECK: () = {
        assert!(N >= 1 && D >= 1, "Dbscan: N and D must be at least 1");
        assert!(
            W >= Self::WORKSPACE_BYTES,
            "Dbscan: W is below dbscan_bytes::<S>(N, D); spell the type with fixed_dbscan!"
        );
    };

    /// A model with `params` and no fit yet. `const`: it can initialise a `static`.
    pub const fn new(params: DbscanParams) -> Self {
        #[allow(clippy::let_unit_value)]
        let () = Self::CAPACITY_CHECK;
        Dbscan {
            params,
            labels: [0; N],
            is_core: [0; N],
            n: 0,
            summary: DbscanSummary {
                n_clusters: 0,
                n_noise: 0,
                n_core: 0,
            },
            components: Vec::new(),
            component_labels: Vec::new(),
            ones: [1; N],
            workspace: [0; W],
        }
    }

    /// The parameters.
    pub fn params(&self) -> &DbscanParams {
        &self.params
    }

    /// Clusters the rows of `x` (`1..=N` rows) with optional per-sample
    /// weights; see [`dbscan::fit()`]. On success the labels, core flags and core
    /// samples are replaced.
    pub fn fit(&mut self, x: &[[S; D]], weights: Option<&[S]>) -> Result<DbscanSummary> {
        let n = x.len();
        let too_many = Error::InvalidShape("x");
        let (Some(labels), Some(is_core)) = (self.labels.get_mut(..n), self.is_core.get_mut(..n))
        else {
            return Err(too_many);
        };
        let xm = Matrix::new(x.as_flattened(), n, D)?;
        let s = dbscan::fit(
            &self.params,
            xm,
            weights,
            &mut self.workspace,
            labels,
            Some(&mut *is_core),
        )?;
        self.components.clear();
        self.component_labels.clear();
        for ((row, &c), &l) in x.iter().zip(is_core.iter()).zip(labels.iter()) {
            if c == 1 {
                // At most n <= N core samples: a push cannot fail.
                self.components.push(*row).map_err(|_| too_many)?;
                self.component_labels.push(l).map_err(|_| too_many)?;
            }
        }
        self.n = n;
        self.summary = s;
        Ok(s)
    }

    /// Labels new rows (`out`: `x_new.len()` values): the label of the nearest
    /// core sample within eps, else -1; see [`dbscan::predict()`].
    pub fn predict(&mut self, x_new: &[[S; D]], out: &mut [i32]) -> Result<()> {
        let m = x_new.len();
        let xn = Matrix::named(x_new.as_flattened(), m, D, "x_new")?;
        if out.len() != m {
            return Err(Error::InvalidShape("labels_out"));
        }
        let k = self.components.len();
        if k == 0 {
            out.fill(-1); // no core sample (or no fit): everything is noise
            return Ok(());
        }
        let xt = Matrix::named(self.components.as_flattened(), k, D, "x_train")?;
        let ones = self.ones.get(..k).ok_or(Error::InvalidShape("x_train"))?;
        dbscan::predict(
            &self.params,
            xt,
            &self.component_labels,
            ones,
            xn,
            &mut self.workspace,
            out,
        )
    }

    /// The labels of the last fit (cluster `0..` or -1; empty before a fit).
    pub fn labels(&self) -> &[i32] {
        self.labels.get(..self.n).unwrap_or(&[])
    }

    /// The core flags of the last fit (0 or 1 per sample).
    pub fn is_core(&self) -> &[u8] {
        self.is_core.get(..self.n).unwrap_or(&[])
    }

    /// The core samples of the last fit, in sample order (scikit-learn's `components_`).
    pub fn components(&self) -> &[[S; D]] {
        &self.components
    }

    /// Cluster, noise and core counts of the last fit.
    pub fn summary(&self) -> DbscanSummary {
        self.summary
    }
}
