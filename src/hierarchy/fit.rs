//! The entry points: [`linkage`] (from observations) and
//! [`linkage_condensed`] (from a condensed distance matrix), their workspace
//! sizes, and the dispatch to the step files (`mst.rs`, `nn_chain.rs`,
//! `generic.rs` over `vector.rs` or `dissim.rs`, then `label.rs`).

use super::dissim::{self, condensed_len, Condensed};
use super::label::{self, Records};
use super::params::Method;
use super::vector::{self, Centroids};
use super::{generic, mst, nn_chain, Merge};
use crate::distance::{check_cosine_rows, sq_euclidean, Metric};
use crate::error::{Error, Result};
use crate::matrix::{check_finite, Matrix, MAX_SAMPLES};
use crate::scalar::Scalar;
use crate::workspace::{Layout, Workspace};

fn check_n(n: usize, name: &'static str) -> Result<()> {
    if n == 0 || n > MAX_SAMPLES {
        Err(Error::InvalidShape(name))
    } else {
        Ok(())
    }
}

/// Workspace of the agglomeration loop (not counting the merge records).
fn algo_layout<S: Scalar>(method: Method, n: usize, d: Option<usize>) -> Result<Layout> {
    let over = Error::SizeOverflow("workspace");
    let l = Layout::new();
    Ok(match (method, d) {
        (Method::Single, _) => l.array::<u32>(n)?.array::<S>(n)?.array::<u32>(n)?,
        (Method::Ward, Some(d)) => vector::layout::<S>(n, d)?
            .array::<u32>(n)?
            .array::<u32>(n)?,
        (Method::Centroid | Method::Median, Some(d)) => vector::layout::<S>(n, d)?
            .array::<u32>(n)?
            .array::<u32>(n)?
            .array::<S>(n)?,
        (Method::Centroid | Method::Median, None) => l
            .array::<S>(condensed_len(n).ok_or(over)?)?
            .then(Condensed::<S>::layout(n)?)?
            .array::<u32>(n)?
            .array::<u32>(n)?
            .array::<S>(n)?,
        (Method::Complete | Method::Average | Method::Weighted, _) | (Method::Ward, None) => l
            .array::<S>(condensed_len(n).ok_or(over)?)?
            .then(Condensed::<S>::layout(n)?)?
            .array::<u32>(n)?
            .array::<u32>(n)?,
    })
}

fn total_layout<S: Scalar>(method: Method, n: usize, d: Option<usize>) -> Result<Layout> {
    let m = n.saturating_sub(1);
    Records::layout(m)?.then(algo_layout::<S>(method, n, d)?.max(label::finish_layout(n)?))
}

/// Workspace bytes [`linkage`] needs for `n` samples of dimension `d`: O(n)
/// for single, O(n*d) for ward, centroid and median, n(n-1)/2 scalars plus
/// O(n) for complete, average and weighted. Validates `method` with `metric`.
pub fn linkage_workspace_size<S: Scalar>(
    n: usize,
    d: usize,
    method: Method,
    metric: Metric,
) -> Result<Layout> {
    check_n(n, "n")?;
    if d == 0 {
        return Err(Error::InvalidShape("d"));
    }
    method.check_metric(metric)?;
    total_layout::<S>(method, n, Some(d))
}

/// Workspace bytes [`linkage_condensed`] needs: O(n) for single, n(n-1)/2
/// scalars plus O(n) for every other method.
pub fn linkage_condensed_workspace_size<S: Scalar>(n: usize, method: Method) -> Result<Layout> {
    check_n(n, "n")?;
    total_layout::<S>(method, n, None)
}

/// Splits the workspace into the merge records and the rest.
fn carve<'a>(buf: &'a mut [u8], layout: Layout, m: usize) -> Result<(Records<'a>, &'a mut [u8])> {
    let mut ws = Workspace::new(buf);
    ws.require(layout)?;
    let rec = Records::take(&mut ws, m)?;
    let rest = ws.remaining();
    let rest = ws.take::<u8>(rest)?;
    Ok((rec, rest))
}

/// The agglomerative clustering of the `n x d` observations `x` (row-major)
/// with `method` and `metric`; writes scipy's `Z` to `merges` (`n - 1` rows).
///
/// Errors: bad shape (`InvalidShape`), NaN/inf in `x` (`NonFinite`), ward,
/// centroid or median with a non-Euclidean metric or a zero row with the
/// cosine metric (`InvalidParameter`), a short workspace, or heights that
/// overflow (`Numerical`). `merges` is written only on success.
pub fn linkage<S: Scalar>(
    x: &[S],
    n: usize,
    d: usize,
    method: Method,
    metric: Metric,
    workspace: &mut [u8],
    merges: &mut [Merge],
) -> Result<()> {
    let x = Matrix::new(x, n, d)?;
    method.check_metric(metric)?;
    if metric == Metric::Cosine {
        check_cosine_rows(x.as_slice(), d, "x")?;
    }
    let m = n.saturating_sub(1);
    if merges.len() != m {
        return Err(Error::InvalidShape("merges"));
    }
    let layout = linkage_workspace_size::<S>(n, d, method, metric)?;
    let (mut rec, rest) = carve(workspace, layout, m)?;
    {
        let mut ws = Workspace::new(&mut *rest);
        match method {
            Method::Single => {
                let (r, md, near) = (ws.take(n)?, ws.take(n)?, ws.take(n)?);
                if metric == Metric::Euclidean {
                    mst::prim(
                        n,
                        |i, j| sq_euclidean(x.row(i), x.row(j)),
                        |v: S| v.sqrt().to_f64(),
                        r,
                        md,
                        near,
                        &mut rec,
                    )?;
                } else {
                    mst::prim(
                        n,
                        |i, j| metric.distance(x.row(i), x.row(j)),
                        |v: S| v.to_f64(),
                        r,
                        md,
                        near,
                        &mut rec,
                    )?;
                }
            }
            Method::Ward | Method::Centroid | Method::Median => {
                let mut dis = Centroids::new(x.as_slice(), n, d, method, &mut ws)?;
                let active = ws.take(n)?;
                if method == Method::Ward {
                    let chain = ws.take(n)?;
                    nn_chain::nn_chain(&mut dis, n, active, chain, &mut rec)?;
                } else {
                    let (nn, mind) = (ws.take(n)?, ws.take(n)?);
                    generic::generic(&mut dis, n, active, nn, mind, &mut rec)?;
                }
            }
            Method::Complete | Method::Average | Method::Weighted => {
                let len = condensed_len(n).ok_or(Error::SizeOverflow("workspace"))?;
                let dm: &mut [S] = ws.take(len)?;
                let mut it = dm.iter_mut();
                for i in 0..n {
                    let xi = x.row(i);
                    for j in i + 1..n {
                        if let Some(v) = it.next() {
                            *v = metric.distance(xi, x.row(j));
                        }
                    }
                }
                let mut dis = Condensed::new(dm, n, method, &mut ws)?;
                let (active, chain) = (ws.take(n)?, ws.take(n)?);
                nn_chain::nn_chain(&mut dis, n, active, chain, &mut rec)?;
            }
        }
    }
    label::finish(
        &rec,
        method.is_monotone(),
        n,
        &mut Workspace::new(rest),
        merges,
    )
}

/// The agglomerative clustering of `n` samples given by their condensed
/// distance matrix (`n(n-1)/2` values in `scipy.spatial.distance.pdist`
/// order: (0,1), (0,2), ..., (1,2), ...); writes scipy's `Z` to `merges`.
/// `condensed` is never modified (methods other than single copy it into the
/// workspace). Ward, centroid and median assume Euclidean distances, as scipy does.
///
/// Errors: length mismatch (`InvalidShape`), NaN/inf (`NonFinite`), a
/// negative distance (`InvalidParameter("condensed")`), a short workspace,
/// heights that overflow (`Numerical`).
pub fn linkage_condensed<S: Scalar>(
    condensed: &[S],
    n: usize,
    method: Method,
    workspace: &mut [u8],
    merges: &mut [Merge],
) -> Result<()> {
    check_n(n, "condensed")?;
    if condensed_len(n) != Some(condensed.len()) {
        return Err(Error::InvalidShape("condensed"));
    }
    check_finite(condensed, "condensed")?;
    if condensed.iter().any(|&v| v < S::ZERO) {
        return Err(Error::InvalidParameter("condensed"));
    }
    let m = n.saturating_sub(1);
    if merges.len() != m {
        return Err(Error::InvalidShape("merges"));
    }
    let layout = linkage_condensed_workspace_size::<S>(n, method)?;
    let (mut rec, rest) = carve(workspace, layout, m)?;
    {
        let mut ws = Workspace::new(&mut *rest);
        if method == Method::Single {
            let (r, md, near) = (ws.take(n)?, ws.take(n)?, ws.take(n)?);
            let at = |i: usize, j: usize| {
                let (i, j) = if i < j { (i, j) } else { (j, i) };
                condensed
                    .get(dissim::condensed_index(n, i, j))
                    .copied()
                    .unwrap_or(S::INFINITY)
            };
            mst::prim(n, at, |v: S| v.to_f64(), r, md, near, &mut rec)?;
        } else {
            let dm: &mut [S] = ws.take(condensed.len())?;
            for (t, &v) in dm.iter_mut().zip(condensed) {
                *t = v;
            }
            let mut dis = Condensed::new(dm, n, method, &mut ws)?;
            let active = ws.take(n)?;
            if method.is_monotone() {
                let chain = ws.take(n)?;
                nn_chain::nn_chain(&mut dis, n, active, chain, &mut rec)?;
            } else {
                let (nn, mind) = (ws.take(n)?, ws.take(n)?);
                generic::generic(&mut dis, n, active, nn, mind, &mut rec)?;
            }
        }
    }
    label::finish(
        &rec,
        method.is_monotone(),
        n,
        &mut Workspace::new(rest),
        merges,
    )
}
