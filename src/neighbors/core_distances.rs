//! Core distances: for each sample, the distance to its `min_samples`-th
//! nearest sample, counting the sample itself (scikit-learn's
//! `NearestNeighbors(n_neighbors=min_samples).kneighbors(X)[0][:, -1]`).
//! Sample `i` is a core sample of an unweighted fit iff its core distance is
//! `<= eps`, so the sorted values are the k-distance curve used to choose eps.

use super::checks::{check_cosine, check_sizes, overflow_check_always};
use super::index::{self, Index};
use super::kind::IndexKind;
use super::space::Space;
use crate::distance::Metric;
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::scalar::Scalar;
use crate::workspace::{Carve, Layout, Sizer, Workspace};

/// The index used: a kd-tree unless the data are tiny or wide.
fn kind(n: usize, d: usize) -> IndexKind {
    match IndexKind::Auto.resolve(n, d) {
        IndexKind::Grid => IndexKind::KdTree,
        other => other,
    }
}

/// The workspace of [`core_distances`]: the index plus a heap of `min_samples` keys.
pub fn core_distances_workspace_size<S: Scalar>(
    n: usize,
    d: usize,
    min_samples: u32,
    metric: Metric,
) -> Result<Layout> {
    let _ = metric;
    check_sizes(n, d, "x")?;
    if min_samples == 0 || min_samples as usize > n {
        return Err(Error::InvalidParameter("min_samples"));
    }
    Sizer::measure(|c| carve::<S>(c, n, d, min_samples).map(drop))
}

/// The scratch of [`core_distances`], declared once (sized by
/// [`core_distances_workspace_size`], carved by the call): the index and a
/// heap of `min_samples` keys.
#[inline(always)]
fn carve<'a, S: Scalar>(
    c: &mut impl Carve<'a>,
    n: usize,
    d: usize,
    min_samples: u32,
) -> Result<(index::Parts<'a, S>, &'a mut [S])> {
    let parts = index::Parts::carve(c, kind(n, d), n, d)?;
    Ok((parts, c.take::<S>(min_samples as usize)?))
}

/// Writes the core distance of every row of `x` to `out` (length n).
/// `InvalidParameter("min_samples")` if it is 0 or larger than n;
/// `Numerical("x")` if the data's extent could overflow a distance.
pub fn core_distances<S: Scalar>(
    x: Matrix<'_, S>,
    min_samples: u32,
    metric: Metric,
    workspace: &mut [u8],
    out: &mut [S],
) -> Result<()> {
    let (n, d) = (x.n(), x.d());
    let layout = core_distances_workspace_size::<S>(n, d, min_samples, metric)?;
    if out.len() != n {
        return Err(Error::InvalidShape("out"));
    }
    check_cosine(metric, x, "x")?;
    let space = Space::<S>::new(metric, d, 1.0);
    overflow_check_always(&space, x, None, None, false)?;
    let mut ws = Workspace::new(workspace);
    ws.require(layout)?;
    let (parts, heap) = carve(&mut ws, n, d, min_samples)?;
    let idx = Index::build(kind(n, d), space, x, None, parts);
    for p in 0..idx.len() {
        let (q, i) = idx.point(p);
        let key = idx.kth_key(q, heap);
        if let Some(o) = out.get_mut(i as usize) {
            *o = space.distance(key);
        }
    }
    Ok(())
}
