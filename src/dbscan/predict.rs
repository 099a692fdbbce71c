//! Labelling new points with a fitted DBSCAN model: each point takes the label
//! of its nearest core sample within eps (ties: the lowest training index), or
//! -1. A core sample of the training set gets its own cluster back. (Not in
//! scikit-learn, which has no `predict` for DBSCAN.)

use core::ops::ControlFlow;

use super::params::DbscanParams;
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::neighbors::checks::{check_cosine, check_sizes, overflow_check};
use crate::neighbors::index::{self, Index};
use crate::neighbors::space::Space;
use crate::neighbors::IndexKind;
use crate::scalar::Scalar;
use crate::workspace::{Carve, Layout, Sizer, Workspace};

/// The workspace of [`predict`] for `n` training samples, `m` new points and
/// `d` features. (`m` is validated but does not change the size.)
pub fn predict_workspace_size<S: Scalar>(
    n: usize,
    d: usize,
    m: usize,
    params: &DbscanParams,
) -> Result<Layout> {
    params.check()?;
    check_sizes(n, d, "x_train")?;
    check_sizes(m, d, "x_new")?;
    let kind = params.index.resolve(n, d);
    Sizer::measure(|c| carve::<S>(c, kind, n, d).map(drop))
}

/// The scratch of [`predict`], declared once (sized by
/// [`predict_workspace_size`], carved by the call): the index over the
/// training rows and one search-space query row.
#[inline(always)]
fn carve<'a, S: Scalar>(
    c: &mut impl Carve<'a>,
    kind: IndexKind,
    n: usize,
    d: usize,
) -> Result<(index::Parts<'a, S>, &'a mut [S])> {
    let parts = index::Parts::carve(c, kind, n, d)?;
    Ok((parts, c.take::<S>(d)?))
}

/// Validates a fitted model: `labels` and `is_core` of length `n`, `is_core`
/// 0 or 1, labels `>= -1`, core samples labelled.
fn check_model(labels: &[i32], is_core: &[u8], n: usize) -> Result<()> {
    if labels.len() != n {
        return Err(Error::InvalidShape("labels"));
    }
    if is_core.len() != n {
        return Err(Error::InvalidShape("is_core"));
    }
    if is_core.iter().any(|&c| c > 1) {
        return Err(Error::InvalidParameter("is_core"));
    }
    if labels
        .iter()
        .zip(is_core)
        .any(|(&l, &c)| l < -1 || (c == 1 && l < 0))
    {
        return Err(Error::InvalidParameter("labels"));
    }
    Ok(())
}

/// Labels the rows of `x_new` from the training rows `x_train` with their
/// `labels` and `is_core` flags (as [`super::fit`] wrote them): the label of the
/// nearest core sample within `params.eps`, else -1. Writes `out` (length m).
pub fn predict<S: Scalar>(
    params: &DbscanParams,
    x_train: Matrix<'_, S>,
    labels: &[i32],
    is_core: &[u8],
    x_new: Matrix<'_, S>,
    workspace: &mut [u8],
    out: &mut [i32],
) -> Result<()> {
    let (n, d, m) = (x_train.n(), x_train.d(), x_new.n());
    if x_new.d() != d {
        return Err(Error::InvalidShape("x_new"));
    }
    let layout = predict_workspace_size::<S>(n, d, m, params)?;
    check_model(labels, is_core, n)?;
    if out.len() != m {
        return Err(Error::InvalidShape("labels_out"));
    }
    check_cosine(params.metric, x_train, "x_train")?;
    check_cosine(params.metric, x_new, "x_new")?;
    let space = Space::<S>::new(params.metric, d, params.eps);
    overflow_check(&space, x_train, Some(is_core), Some(x_new))?;
    let mut ws = Workspace::new(workspace);
    ws.require(layout)?;
    let kind = params.index.resolve(n, d);
    let (parts, q) = carve(&mut ws, kind, n, d)?;
    let idx = Index::build(kind, space, x_train, Some(is_core), parts);
    for (row, o) in x_new.rows().zip(out.iter_mut()) {
        space.embed(row, q);
        let mut best: Option<(S, u32)> = None;
        idx.for_each_within(q, |p, key| {
            let j = idx.original(p);
            let better = match best {
                None => true,
                Some((bk, bj)) => key < bk || (key == bk && j < bj),
            };
            if better {
                best = Some((key, j));
            }
            ControlFlow::Continue(())
        });
        *o = best.map_or(-1, |(_, j)| labels.get(j as usize).copied().unwrap_or(-1));
    }
    Ok(())
}
