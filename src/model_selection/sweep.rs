//! The k sweep: k-means for every k in `[k_min, k_max]`, with the inertia and
//! the silhouette of each fit, the k of the best silhouette and the elbow of
//! the inertia curve ([`knee_index`]) — the tutorial's way of choosing k, in
//! one call and one workspace (sized for `k_max`).
//!
//! Each k is fitted exactly as [`kmeans::fit()`] would with the same params and
//! `n_clusters = k` (same seed), so the sweep reproduces individual fits.

use super::knee::knee_index;
use crate::distance::Metric;
use crate::error::{Error, Result};
use crate::kmeans::{self, KMeansParams};
use crate::matrix::Matrix;
use crate::metrics::silhouette;
use crate::scalar::Scalar;
use crate::workspace::{Carve, Layout, Sizer, Workspace};

/// The choice of k a sweep suggests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SweepChoice {
    /// The k with the highest silhouette (the lowest such k on ties); `None`
    /// when the silhouette was not computed.
    pub best_silhouette_k: Option<usize>,
    /// The k at the knee of the inertia curve; `None` with fewer than 3 values
    /// of k or a straight curve.
    pub elbow_k: Option<usize>,
}

/// Validates `2 <= k_min <= k_max <= n - 1` (the silhouette needs at least two
/// clusters and one fewer than the samples) and returns the number of ks.
pub fn sweep_len(n: usize, k_min: usize, k_max: usize) -> Result<usize> {
    if k_min < 2 || k_min > k_max {
        return Err(Error::InvalidParameter("k_min"));
    }
    if k_max >= n {
        return Err(Error::InvalidParameter("k_max"));
    }
    Ok(k_max - k_min + 1)
}

/// The workspace of [`kmeans_sweep`]: centers and labels for `k_max`, the
/// per-k results, and the larger of the k-means workspace for `k_max` and the
/// silhouette workspace (the two phases share it).
pub fn sweep_workspace_size<S: Scalar>(
    n: usize,
    d: usize,
    k_min: usize,
    k_max: usize,
    params: &KMeansParams,
) -> Result<Layout> {
    Ok(plan::<S>(n, d, k_min, k_max, params)?.layout)
}

/// The sizes of a sweep: the number of ks, the shared inner workspace and the
/// whole layout.
struct Plan {
    len: usize,
    inner: Layout,
    layout: Layout,
}

/// Validates the sizes and measures the scratch declaration.
fn plan<S: Scalar>(
    n: usize,
    d: usize,
    k_min: usize,
    k_max: usize,
    params: &KMeansParams,
) -> Result<Plan> {
    if n == 0 || d == 0 || n > crate::matrix::MAX_SAMPLES || n.checked_mul(d).is_none() {
        return Err(Error::InvalidShape("x"));
    }
    let len = sweep_len(n, k_min, k_max)?;
    let fit = kmeans::workspace_size::<S>(
        n,
        d,
        &KMeansParams {
            n_clusters: k_max,
            ..*params
        },
    )?;
    let inner = fit.max(silhouette::workspace_size(n, k_max)?);
    let layout = Sizer::measure(|c| carve::<S>(c, n, d, k_max, len, inner).map(drop))?;
    Ok(Plan { len, inner, layout })
}

/// The scratch of [`kmeans_sweep`], declared once (sized by
/// [`sweep_workspace_size`], carved by the call).
struct Scratch<'a, S> {
    /// Centers for up to `k_max` clusters.
    centers: &'a mut [S],
    /// Labels of the current fit.
    labels: &'a mut [i32],
    /// Inertia per k (copied out on success).
    inertia: &'a mut [f64],
    /// Silhouette per k (copied out on success).
    silhouette: &'a mut [f64],
    /// The larger of the k-means and silhouette workspaces (`inner`), as bytes:
    /// the two phases of each k share it.
    rest: &'a mut [u8],
}

/// The declaration of [`Scratch`].
#[inline(always)]
fn carve<'a, S: Scalar>(
    c: &mut impl Carve<'a>,
    n: usize,
    d: usize,
    k_max: usize,
    len: usize,
    inner: Layout,
) -> Result<Scratch<'a, S>> {
    let kd = k_max
        .checked_mul(d)
        .ok_or(Error::SizeOverflow("workspace"))?;
    Ok(Scratch {
        centers: c.take_filled::<S>(kd, S::ZERO)?,
        labels: c.take_filled::<i32>(n, 0)?,
        inertia: c.take_filled::<f64>(len, 0.0)?,
        silhouette: c.take_filled::<f64>(len, 0.0)?,
        rest: c.take::<u8>(inner.bytes())?,
    })
}

/// Fits k-means for every k in `[k_min, k_max]` (`params.n_clusters` is
/// ignored) and writes each k's inertia to `inertia` and, when given, its
/// Euclidean silhouette score to `silhouette` (both `k_max - k_min + 1`
/// values, index `k - k_min`). Skipping the silhouette saves its O(n^2 d) cost.
///
/// Errors: those of [`kmeans::fit()`] and [`silhouette::silhouette_score`] for
/// any k, `InvalidParameter("k_min"/"k_max")` for a bad range, `InvalidShape`
/// for output lengths, a short workspace. Nothing is written on error.
#[allow(clippy::too_many_arguments)]
pub fn kmeans_sweep<S: Scalar>(
    x: Matrix<'_, S>,
    sample_weight: Option<&[S]>,
    k_min: usize,
    k_max: usize,
    params: &KMeansParams,
    workspace: &mut [u8],
    inertia: &mut [f64],
    silhouette: Option<&mut [f64]>,
) -> Result<SweepChoice> {
    let (n, d) = (x.n(), x.d());
    let Plan { len, inner, layout } = plan::<S>(n, d, k_min, k_max, params)?;
    if inertia.len() != len {
        return Err(Error::InvalidShape("inertia"));
    }
    if silhouette.as_deref().is_some_and(|s| s.len() != len) {
        return Err(Error::InvalidShape("silhouette"));
    }
    let mut ws = Workspace::new(workspace);
    ws.require(layout)?;
    let Scratch {
        centers,
        labels,
        inertia: inertia_ws,
        silhouette: silhouette_ws,
        rest,
    } = carve::<S>(&mut ws, n, d, k_max, len, inner)?;
    for ((k, i_out), s_out) in (k_min..=k_max)
        .zip(inertia_ws.iter_mut())
        .zip(silhouette_ws.iter_mut())
    {
        let p = KMeansParams {
            n_clusters: k,
            ..*params
        };
        let c = centers
            .get_mut(..k * d)
            .ok_or(Error::InvalidShape("centers"))?;
        let fit = kmeans::fit(&p, x, sample_weight, rest, c, Some(labels))?;
        *i_out = fit.inertia;
        if silhouette.is_some() {
            *s_out = silhouette::silhouette_score(x, labels, k, Metric::Euclidean, rest)?;
        }
    }
    let best_silhouette_k = silhouette.is_some().then(|| {
        let best = silhouette_ws.iter().enumerate().fold(0, |b, (i, &s)| {
            if s > silhouette_ws.get(b).copied().unwrap_or(f64::INFINITY) {
                i
            } else {
                b
            }
        });
        k_min + best
    });
    let elbow_k = knee_index(inertia_ws).map(|i| k_min + i);
    for (o, &v) in inertia.iter_mut().zip(inertia_ws.iter()) {
        *o = v;
    }
    for (o, &v) in silhouette.into_iter().flatten().zip(silhouette_ws.iter()) {
        *o = v;
    }
    Ok(SweepChoice {
        best_silhouette_k,
        elbow_k,
    })
}
