//! The entry points: [`linkage`] (from observations) and
//! [`linkage_condensed`] (from a condensed distance matrix), their workspace
//! sizes, and the dispatch to the step files (`mst.rs`, `nn_chain.rs`,
//! `generic.rs` over `vector.rs` or `dissim.rs`, then `label.rs`).

use super::dissim::{self, condensed_len, Condensed, CondensedParts, Dissimilarity};
use super::label::{self, FinishScratch, Records};
use super::params::Method;
use super::vector::{CentroidParts, Centroids};
use super::{generic, mst, nn_chain, Merge};
use crate::distance::{check_cosine_rows, sq_euclidean, Metric};
use crate::error::{Error, Result};
use crate::matrix::{check_finite, Matrix, MAX_SAMPLES};
use crate::scalar::Scalar;
use crate::workspace::{Carve, Layout, Sizer, Workspace};

fn check_n(n: usize, name: &'static str) -> Result<()> {
    if n == 0 || n > MAX_SAMPLES {
        Err(Error::InvalidShape(name))
    } else {
        Ok(())
    }
}

/// The scratch of the agglomeration loop (not counting the merge records),
/// declared once for every method and input ([`algo`]).
enum Algo<'a, S> {
    /// Prim's minimum spanning tree (single): remaining ids, distances, nearest.
    Single(&'a mut [u32], &'a mut [S], &'a mut [u32]),
    /// Centroids (ward, centroid and median from observations).
    Vector(CentroidParts<'a, S>, Loop<'a, S>),
    /// A condensed matrix (every other case).
    Matrix(CondensedParts<'a, S>, Loop<'a, S>),
}

/// The arrays of the loop over a dissimilarity: the active slots, then the
/// chain (nearest-neighbour chain, monotone methods) or the nearest
/// neighbours and their distances (the generic algorithm).
struct Loop<'a, S> {
    active: &'a mut [u32],
    chain_or_nn: &'a mut [u32],
    /// Empty for the nearest-neighbour chain.
    mind: &'a mut [S],
}

impl<'a, S: Scalar> Loop<'a, S> {
    #[inline(always)]
    fn carve(c: &mut impl Carve<'a>, n: usize, method: Method) -> Result<Self> {
        Ok(Loop {
            active: c.take(n)?,
            chain_or_nn: c.take(n)?,
            mind: c.take(if method.is_monotone() { 0 } else { n })?,
        })
    }

    /// Runs the loop of `method` over `dis`.
    #[inline(always)]
    fn run<D: Dissimilarity<S>>(
        self,
        dis: &mut D,
        n: usize,
        method: Method,
        rec: &mut Records<'_>,
    ) -> Result<()> {
        if method.is_monotone() {
            nn_chain::nn_chain(dis, n, self.active, self.chain_or_nn, rec)
        } else {
            generic::generic(dis, n, self.active, self.chain_or_nn, self.mind, rec)
        }
    }
}

/// Declares the loop's scratch for `n` samples (`d` features, or `None`
/// from a condensed matrix).
#[inline(always)]
fn algo<'a, S: Scalar>(
    c: &mut impl Carve<'a>,
    method: Method,
    n: usize,
    d: Option<usize>,
) -> Result<Algo<'a, S>> {
    Ok(match (method, d) {
        (Method::Single, _) => Algo::Single(c.take(n)?, c.take(n)?, c.take(n)?),
        (Method::Ward | Method::Centroid | Method::Median, Some(d)) => {
            let parts = Centroids::carve(c, n, d)?;
            Algo::Vector(parts, Loop::carve(c, n, method)?)
        }
        _ => {
            let parts = Condensed::carve(c, n)?;
            Algo::Matrix(parts, Loop::carve(c, n, method)?)
        }
    })
}

/// The whole scratch, declared once: the merge records, then one byte region
/// that the loop ([`algo`]) and then the relabelling ([`FinishScratch`]) use
/// in turn, as large as the larger of the two.
#[inline(always)]
fn carve<'a, S: Scalar>(
    c: &mut impl Carve<'a>,
    method: Method,
    n: usize,
    d: Option<usize>,
) -> Result<(Records<'a>, &'a mut [u8])> {
    let rec = Records::carve(c, n.saturating_sub(1))?;
    Ok((rec, c.take_rest(|| shared::<S>(method, n, d))?))
}

/// The size of the region the loop and the relabelling share.
fn shared<S: Scalar>(method: Method, n: usize, d: Option<usize>) -> Result<Layout> {
    let algo = Sizer::measure(|s| algo::<S>(s, method, n, d).map(drop))?;
    let finish = Sizer::measure(|s| FinishScratch::carve(s, n).map(drop))?;
    Ok(algo.max(finish))
}

fn total_layout<S: Scalar>(method: Method, n: usize, d: Option<usize>) -> Result<Layout> {
    Sizer::measure(|c| carve::<S>(c, method, n, d).map(drop))
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
    let mut ws = Workspace::new(workspace);
    ws.require(layout)?;
    let (mut rec, rest) = carve::<S>(&mut ws, method, n, Some(d))?;
    match algo::<S>(&mut Workspace::new(&mut *rest), method, n, Some(d))? {
        Algo::Single(r, md, near) => {
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
        Algo::Vector(parts, lp) => {
            let mut dis = Centroids::new(x.as_slice(), n, d, method, parts);
            lp.run(&mut dis, n, method, &mut rec)?;
        }
        Algo::Matrix(parts, lp) => {
            let mut it = parts.dm.iter_mut();
            for i in 0..n {
                let xi = x.row(i);
                for j in i + 1..n {
                    if let Some(v) = it.next() {
                        *v = metric.distance(xi, x.row(j));
                    }
                }
            }
            let mut dis = Condensed::new(parts, n, method);
            lp.run(&mut dis, n, method, &mut rec)?;
        }
    }
    let finish = FinishScratch::carve(&mut Workspace::new(rest), n)?;
    label::finish(&rec, method.is_monotone(), n, finish, merges)
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
    let mut ws = Workspace::new(workspace);
    ws.require(layout)?;
    let (mut rec, rest) = carve::<S>(&mut ws, method, n, None)?;
    match algo::<S>(&mut Workspace::new(&mut *rest), method, n, None)? {
        Algo::Single(r, md, near) => {
            let at = |i: usize, j: usize| {
                let (i, j) = if i < j { (i, j) } else { (j, i) };
                condensed
                    .get(dissim::condensed_index(n, i, j))
                    .copied()
                    .unwrap_or(S::INFINITY)
            };
            mst::prim(n, at, |v: S| v.to_f64(), r, md, near, &mut rec)?;
        }
        // Never built without features; the matrix path covers every other method.
        Algo::Vector(..) => return Err(Error::InvalidParameter("method")),
        Algo::Matrix(parts, lp) => {
            for (t, &v) in parts.dm.iter_mut().zip(condensed) {
                *t = v;
            }
            let mut dis = Condensed::new(parts, n, method);
            lp.run(&mut dis, n, method, &mut rec)?;
        }
    }
    let finish = FinishScratch::carve(&mut Workspace::new(rest), n)?;
    label::finish(&rec, method.is_monotone(), n, finish, merges)
}
