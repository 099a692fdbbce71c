//! Agglomerative (hierarchical) clustering with scipy's semantics.
//!
//! [`linkage`] builds the dendrogram of `n` observations and writes scipy's
//! `Z` (as [`Merge`] rows); [`linkage_condensed`] does the same from a
//! condensed distance matrix; [`cuts`] turns a dendrogram into flat labels
//! and [`leaves`] into scipy's leaf order.
//!
//! | method | from observations | workspace |
//! |---|---|---|
//! | single | `mst.rs`: Prim over the observations, any metric | O(n) |
//! | ward | `nn_chain.rs` over centroids and sizes (`vector.rs`, projection-pruned searches) | O(n*d) |
//! | centroid, median | `generic.rs` over centroids (`vector.rs`) | O(n*d) |
//! | complete, average, weighted | `nn_chain.rs` over a condensed matrix in the workspace (`dissim.rs`) | n(n-1)/2 scalars + O(n) |
//!
//! From a condensed matrix, single linkage reads the caller's matrix in place
//! (O(n) workspace); every other method copies it into the workspace (the
//! caller's matrix is never modified) and updates it by Lance–Williams.
//!
//! Output (scipy's `Z`): `n - 1` rows; ids `< n` are samples, `n + s` is the
//! cluster made by row `s`; `left < right`; for the monotone methods the rows
//! are sorted by height (ties keep the order of discovery), centroid and
//! median keep merge order. Heights are reported as `f64` for both element
//! types. On data without ties the rows equal scipy's.

pub mod cuts;
pub(crate) mod dissim;
pub(crate) mod generic;
pub(crate) mod label;
pub mod leaves;
pub(crate) mod mst;
pub(crate) mod nn_chain;
pub mod params;
pub(crate) mod vector;

pub use crate::ffi::hierarchy::nanoclust_merge as Merge;
pub use params::Method;

use crate::distance::{check_cosine_rows, sq_euclidean, Metric};
use crate::error::{Error, Result};
use crate::matrix::{check_finite, Matrix, MAX_SAMPLES};
use crate::scalar::Scalar;
use crate::workspace::{Layout, Workspace};
use dissim::Condensed;
use label::Records;
use vector::Centroids;

fn check_n(n: usize, name: &'static str) -> Result<()> {
    if n == 0 || n > MAX_SAMPLES {
        Err(Error::InvalidShape(name))
    } else {
        Ok(())
    }
}

/// n(n-1)/2, the length of a condensed matrix over `n` samples.
pub fn condensed_len(n: usize) -> Option<usize> {
    let (a, b) = if n % 2 == 0 {
        (n / 2, n.saturating_sub(1))
    } else {
        (n, n.saturating_sub(1) / 2)
    };
    a.checked_mul(b)
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
    // Every method, not only those whose workspace holds n*d values: an n*d
    // that overflows cannot describe a matrix (issue #13, class 6).
    n.checked_mul(d).ok_or(Error::SizeOverflow("workspace"))?;
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
