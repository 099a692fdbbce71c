//! The DBSCAN eps suggestion: the knee of the sorted k-distance curve.
//!
//! Every sample's core distance (the distance to its `min_samples`-th nearest
//! sample, itself included: [`neighbors::core_distances()`]) is sorted ascending;
//! the suggested eps is the value at the curve's knee ([`knee_index`]). With
//! that eps and `min_samples`, the samples left of the knee are core samples
//! and the steep tail (sparse points) is not — the rule of thumb of Ester et
//! al. (1996) and of the tutorial, made deterministic.

use super::knee::knee_index;
use crate::distance::Metric;
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::neighbors;
use crate::scalar::Scalar;
use crate::sort::heapsort_by;
use crate::workspace::{Carve, Layout, Sizer, Workspace};

/// A suggested eps and where it sits on the sorted curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpsSuggestion {
    /// The k-distance at the knee.
    pub eps: f64,
    /// The knee's index in the ascending curve (`eps == curve[knee]`).
    pub knee: usize,
}

/// The workspace of [`suggest_eps`]: the curve (`n` values) plus the
/// core-distance workspace.
pub fn suggest_eps_workspace_size<S: Scalar>(
    n: usize,
    d: usize,
    min_samples: u32,
    metric: Metric,
) -> Result<Layout> {
    let inner = neighbors::core_distances_workspace_size::<S>(n, d, min_samples, metric)?;
    Sizer::measure(|c| carve::<S>(c, n, inner).map(drop))
}

/// The scratch of [`suggest_eps`], declared once: the sorted curve, then the
/// whole workspace of [`neighbors::core_distances()`] (`inner`) as bytes.
#[inline(always)]
fn carve<'a, S: Scalar>(
    c: &mut impl Carve<'a>,
    n: usize,
    inner: Layout,
) -> Result<(&'a mut [S], &'a mut [u8])> {
    Ok((
        c.take_filled::<S>(n, S::ZERO)?,
        c.take::<u8>(inner.bytes())?,
    ))
}

/// Suggests eps for DBSCAN with `min_samples` and `metric` on `x`; writes the
/// ascending k-distance curve to `curve` when given (`n` values).
///
/// Errors: those of [`neighbors::core_distances()`], `InvalidShape("curve")`, and
/// `InvalidParameter("x")` when the curve has no knee (fewer than 3 samples,
/// or a straight line such as equally spaced points). Nothing is written on error.
pub fn suggest_eps<S: Scalar>(
    x: Matrix<'_, S>,
    min_samples: u32,
    metric: Metric,
    workspace: &mut [u8],
    curve: Option<&mut [S]>,
) -> Result<EpsSuggestion> {
    let n = x.n();
    let inner = neighbors::core_distances_workspace_size::<S>(n, x.d(), min_samples, metric)?;
    let layout = Sizer::measure(|c| carve::<S>(c, n, inner).map(drop))?;
    if curve.as_deref().is_some_and(|c| c.len() != n) {
        return Err(Error::InvalidShape("curve"));
    }
    let mut ws = Workspace::new(workspace);
    ws.require(layout)?;
    let (sorted, rest) = carve(&mut ws, n, inner)?;
    neighbors::core_distances(x, min_samples, metric, rest, sorted)?;
    heapsort_by(sorted, |a, b| a < b);
    let knee = knee_index(sorted).ok_or(Error::InvalidParameter("x"))?;
    let eps = sorted.get(knee).map_or(0.0, |v| v.to_f64());
    for (o, &v) in curve.into_iter().flatten().zip(sorted.iter()) {
        *o = v;
    }
    Ok(EpsSuggestion { eps, knee })
}
