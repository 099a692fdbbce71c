//! The k-means driver: validation, workspace layout, the `n_init` restarts and
//! the iteration loop (scikit-learn's `_kmeans_single_lloyd`).
//!
//! The steps are named functions in their own files (`init`, `lloyd`,
//! `hamerly`, `update`) and the Lloyd/Hamerly dispatch is written once
//! ([`Kernel::assign`]); the driver itself stays one function on purpose: it is
//! the k-means-only firmware's largest function, and splitting its setup or
//! its run loop into functions (even `#[inline(always)]`) measured 64 to 192
//! bytes more flash on a Cortex-M4F, against a 16 KiB budget met by 48 bytes.

use super::hamerly::{self, Bounds};
use super::init::{self, weight};
use super::lloyd::{self, blocked_sum, padded_k, Sums, NB, R};
use super::params::{Algorithm, Init, KMeansParams};
use super::update::{self, Relocation};
use crate::distance::sq_euclidean;
use crate::error::{Error, Result};
use crate::matrix::{check_weights, Matrix};
use crate::rng::Rng;
use crate::scalar::Scalar;
use crate::workspace::{Carve, Layout, Sizer, Workspace};

/// What a fit reports besides centers and labels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitResult {
    /// Weighted sum of squared distances to the closest center (winning run).
    pub inertia: f64,
    /// Iterations of the winning run.
    pub n_iter: u32,
    /// Whether the winning run stopped on labels or `tol` rather than `max_iter`.
    pub converged: bool,
}

/// The largest `k` (the kernel counts center panels exactly in the element type).
pub const MAX_CLUSTERS: usize = 1 << 24;

/// Which optional `n`-arrays a fit needs: (`a`, `b`).
fn needs(params: &KMeansParams, d: usize) -> (bool, bool) {
    let hamerly = params.algorithm.resolve(d) == Algorithm::Hamerly;
    (
        hamerly || params.init != Init::Provided,
        hamerly || params.init == Init::KMeansPlusPlus,
    )
}

/// The workspace of [`fit`] for `n x d` data: O(n + k d) (labels, and two
/// bound or init arrays of `n` when Hamerly or a seeded init needs them).
/// Validates `params` (for `n` samples) and the shape; a pure function of
/// `n`, `d` and `params`.
pub fn workspace_size<S: Scalar>(n: usize, d: usize, params: &KMeansParams) -> Result<Layout> {
    if n == 0 || d == 0 || n > crate::matrix::MAX_SAMPLES {
        return Err(Error::InvalidShape("x"));
    }
    n.checked_mul(d).ok_or(Error::InvalidShape("x"))?;
    params.check(n)?;
    let k = params.n_clusters;
    if k > MAX_CLUSTERS {
        return Err(Error::InvalidParameter("n_clusters"));
    }
    Sizer::measure(|c| carve::<S>(c, n, d, params).map(drop))
}

/// The scratch of [`fit`], declared once by [`carve`].
struct Scratch<'a, S> {
    mean: &'a mut [S],
    cur: &'a mut [S],
    best: &'a mut [S],
    /// Transposed center panels (`kp * d`), their norms and one row's scores (`kp`).
    ct: &'a mut [S],
    cn: &'a mut [S],
    scores: &'a mut [S],
    sums: &'a mut [S],
    block_sums: &'a mut [S],
    wsum: &'a mut [S],
    block_wsum: &'a mut [S],
    shift: &'a mut [S],
    /// Center moves (Hamerly).
    delta: &'a mut [S],
    /// Relocation distances and samples; empty clusters.
    top_val: &'a mut [S],
    top_idx: &'a mut [u32],
    empty: &'a mut [u32],
    tile: &'a mut [S],
    /// One centred row.
    xbuf: &'a mut [S],
    labels: &'a mut [u32],
    /// Bounds (Hamerly) or init scratch, `n` each when needed.
    a: &'a mut [S],
    b: &'a mut [S],
}

/// The scratch of [`fit`] (the one declaration: [`workspace_size`] measures
/// it, [`fit`] carves it). `params` must have passed [`workspace_size`].
/// Inlined into both: one call site each, and the sizer's copy then reduces
/// to the size arithmetic (flash).
#[inline(always)]
fn carve<'a, S: Scalar>(
    c: &mut impl Carve<'a>,
    n: usize,
    d: usize,
    params: &KMeansParams,
) -> Result<Scratch<'a, S>> {
    // Saturating products: an overflow makes that array too large, which the
    // sizer reports as `SizeOverflow` (and a workspace cannot hold).
    let k = params.n_clusters;
    let kd = k.saturating_mul(d);
    let kp = padded_k::<S>(k, d);
    let kpd = kp.saturating_mul(d);
    let rd = d.saturating_mul(R);
    let (need_a, need_b) = needs(params, d);
    let z = S::ZERO;
    Ok(Scratch {
        mean: c.take_filled(d, z)?,
        cur: c.take_filled(kd, z)?,
        best: c.take_filled(kd, z)?,
        ct: c.take_filled(kpd, z)?,
        cn: c.take_filled(kp, z)?,
        scores: c.take_filled(kp, z)?,
        sums: c.take_filled(kd, z)?,
        block_sums: c.take_filled(kd, z)?,
        wsum: c.take_filled(k, z)?,
        block_wsum: c.take_filled(k, z)?,
        shift: c.take_filled(k, z)?,
        delta: c.take_filled(k, z)?,
        top_val: c.take_filled(k, z)?,
        top_idx: c.take_filled(k, 0)?,
        empty: c.take_filled(k, 0)?,
        tile: c.take_filled(rd, z)?,
        xbuf: c.take_filled(d, z)?,
        labels: c.take_filled(n, u32::MAX)?,
        a: c.take_filled(if need_a { n } else { 0 }, z)?,
        b: c.take_filled(if need_b { n } else { 0 }, z)?,
    })
}

/// Fits k-means to `x` (scikit-learn `KMeans` semantics, see the module docs).
///
/// `centers` (`k * d`) holds the initial centers on entry iff `params.init` is
/// `Provided`, and the final centers on success; `labels` (`n`, optional) gets
/// each sample's cluster. `sample_weight` (`n`, optional; all ones when `None`)
/// must be finite, `>= 0` and not all zero. Nothing is written on error.
///
/// Errors: shapes (`InvalidShape`), parameters (`InvalidParameter`, also for
/// too few positive weights for `Random`), NaN/inf (`NonFinite`), a short
/// workspace, and `Numerical` when `d * (2 * max |x - mean|)^2` (provided
/// centers included) or a weighted sum would overflow the element type, or
/// when [`predict`](super::predict()) would refuse the returned centers.
///
/// On success every label is the nearest returned center (ties: the lowest
/// index) exactly as [`predict`](super::predict()) computes it, and the
/// inertia is that of the returned centers and labels (a final relabelling
/// pass; see the module docs).
pub fn fit<S: Scalar>(
    params: &KMeansParams,
    x: Matrix<'_, S>,
    sample_weight: Option<&[S]>,
    workspace: &mut [u8],
    centers: &mut [S],
    labels: Option<&mut [i32]>,
) -> Result<FitResult> {
    let (n, d) = (x.n(), x.d());
    let layout = workspace_size::<S>(n, d, params)?;
    let k = params.n_clusters;
    check_weights(sample_weight, n)?;
    if centers.len() != k * d {
        return Err(Error::InvalidShape("centers"));
    }
    if let Some(l) = labels.as_deref() {
        if l.len() != n {
            return Err(Error::InvalidShape("labels"));
        }
    }
    if params.init == Init::Provided {
        crate::matrix::check_finite(centers, "centers")?;
    }
    let mut ws = Workspace::new(workspace);
    ws.require(layout)?;
    let Scratch {
        mean,
        cur,
        best,
        ct,
        cn,
        scores,
        sums,
        block_sums,
        wsum,
        block_wsum,
        shift,
        delta,
        top_val,
        top_idx,
        empty,
        tile,
        xbuf,
        labels: lab,
        a,
        b,
    } = carve::<S>(&mut ws, n, d, params)?;

    // Setup: mean, the overflow bound, total weight, tolerance.
    let w = sample_weight;
    let nn = S::from_usize(n);
    {
        let (tmp, btmp) = (
            sums.get_mut(..d).unwrap_or(&mut []),
            block_sums.get_mut(..d).unwrap_or(&mut []),
        );
        column_sums(x, None, tmp, btmp);
        for (m, &s) in mean.iter_mut().zip(tmp.iter()) {
            *m = s / nn;
        }
    }
    if crate::matrix::check_finite(mean, "x").is_err() {
        return Err(Error::Numerical("x: the mean overflows"));
    }
    let mut max_abs = S::ZERO;
    let mut x2max = S::ZERO;
    for row in x.rows() {
        let mut x2 = S::ZERO;
        for (&v, &m) in row.iter().zip(mean.iter()) {
            let t = v - m;
            max_abs = max_abs.max_of(t.abs());
            x2 = t.mul_add(t, x2);
        }
        x2max = x2max.max_of(x2);
    }
    if params.init == Init::Provided {
        for row in centers.chunks_exact(d.max(1)) {
            for (&c, &m) in row.iter().zip(mean.iter()) {
                max_abs = max_abs.max_of((c - m).abs());
            }
        }
    }
    let two_m = max_abs + max_abs;
    let bound = two_m * two_m * S::from_usize(d) * S::from_f64(16.0);
    if !(bound.is_finite() && max_abs.is_finite()) {
        return Err(Error::Numerical("x: squared distances overflow"));
    }
    x2max *= S::ONE + S::from_usize(d + 8) * S::EPSILON;
    let total_w = blocked_sum((0..n).map(|i| weight(w, i)));
    if !total_w.is_finite() {
        return Err(Error::Numerical("sample_weight: the sum overflows"));
    }
    if total_w <= S::ZERO {
        return Err(Error::InvalidParameter("sample_weight"));
    }
    let tol_abs = {
        let (tmp, btmp) = (
            sums.get_mut(..d).unwrap_or(&mut []),
            block_sums.get_mut(..d).unwrap_or(&mut []),
        );
        column_sums(x, Some(mean), tmp, btmp);
        tolerance(tmp, n, params.tol)
    };

    let algo = params.algorithm.resolve(d);
    let mut rng = Rng::new(params.seed);
    let runs = params.runs();
    let mut best_res: Option<(FitResult, S)> = None;
    for _ in 0..runs {
        match params.init {
            Init::Provided => {
                for ((c, &v), &m) in cur.iter_mut().zip(centers.iter()).zip(mean.iter().cycle()) {
                    *c = v - m;
                }
            }
            Init::KMeansPlusPlus => init::kmeans_plusplus(x, w, mean, k, &mut rng, a, b, cur)?,
            Init::Random => init::random(x, w, mean, k, &mut rng, a, cur)?,
        }
        lab.fill(u32::MAX);
        let mut bounds = Bounds {
            upper: &mut *a,
            lower: &mut *b,
            delta: &mut *delta,
            scores: &mut *scores,
            xbuf: &mut *xbuf,
        };
        let mut acc = Sums {
            sums: &mut *sums,
            wsum: &mut *wsum,
            block_sums: &mut *block_sums,
            block_wsum: &mut *block_wsum,
        };
        let mut strict = false;
        let mut converged = false;
        let mut n_iter = 0u32;
        for it in 0..params.max_iter {
            n_iter = it + 1;
            lloyd::prepare(cur, k, d, ct, cn);
            acc.clear();
            let kernel = Kernel {
                x,
                w,
                mean,
                ct,
                cn,
                x2max,
            };
            let changes = kernel.assign(algo, cur, it == 0, &mut bounds, tile, lab, Some(&mut acc));
            let mut reloc = Relocation {
                top_val: &mut *top_val,
                top_idx: &mut *top_idx,
                empty: &mut *empty,
            };
            update::relocate_empty(
                x,
                w,
                mean,
                cur,
                lab,
                acc.sums,
                acc.wsum,
                &mut reloc,
                bounds.xbuf,
            );
            update::average(acc.sums, acc.wsum, d);
            crate::matrix::check_finite(acc.sums, "centers")
                .map_err(|_| Error::Numerical("centers: weighted sums overflow"))?;
            let tot = update::shift(acc.sums, cur, d, shift);
            copy(cur, acc.sums);
            if algo == Algorithm::Hamerly {
                hamerly::update_bounds(&mut bounds, lab, shift);
            }
            if changes == 0 {
                strict = true;
                converged = true;
                break;
            }
            if tot <= tol_abs {
                converged = true;
                break;
            }
        }
        if !strict {
            // Re-run the E-step so that the labels match the final centers.
            lloyd::prepare(cur, k, d, ct, cn);
            let kernel = Kernel {
                x,
                w,
                mean,
                ct,
                cn,
                x2max,
            };
            kernel.assign(algo, cur, false, &mut bounds, tile, lab, None);
        }
        let inertia = inertia(x, w, mean, cur, lab, bounds.xbuf);
        if !inertia.is_finite() {
            return Err(Error::Numerical("inertia overflows"));
        }
        let res = FitResult {
            inertia: inertia.to_f64(),
            n_iter,
            converged,
        };
        // Compared in the element type (exactly as in f64: widening is exact).
        if best_res.is_none_or(|(_, prev)| inertia < prev) {
            best_res = Some((res, inertia));
            copy(best, cur);
        }
    }
    let (mut res, _) = best_res.ok_or(Error::InvalidParameter("n_init"))?;
    // The returned centers, then the final relabelling pass: every label is
    // the nearest returned center exactly as `predict` computes it (direct
    // differences, ties to the lowest index), and the inertia is that of the
    // returned centers and labels. (scikit-learn skips its final E-step after
    // a strict convergence, where an empty-cluster relocation of the last
    // iteration leaves labels that are not the nearest centers, and scores
    // with `||c||^2 - 2 x.c` on centred data: the labels differ only there and
    // on exact-arithmetic ties broken differently by rounding.)
    for (c, &m) in best.iter_mut().zip(mean.iter().cycle()) {
        *c += m;
    }
    let out_centers =
        Matrix::named(&*best, k, d, "centers").map_err(|_| Error::Numerical("centers overflow"))?;
    // `predict` itself labels the samples (so its overflow check is fit's too),
    // then the inertia of those labels, by direct differences (a zero mean).
    let as_i32 =
        bytemuck::try_cast_slice_mut::<u32, i32>(lab).map_err(|_| Error::InvalidShape("labels"))?;
    super::predict::predict(out_centers, x, as_i32, None)?;
    mean.fill(S::ZERO);
    let inertia = inertia(x, w, mean, best, lab, xbuf);
    if !inertia.is_finite() {
        return Err(Error::Numerical("inertia overflows"));
    }
    res.inertia = inertia.to_f64();
    if let Some(out) = labels {
        for (o, &l) in out.iter_mut().zip(lab.iter()) {
            *o = l as i32;
        }
    }
    copy(centers, best);
    Ok(res)
}

/// What an assignment step reads: the data, the mean, the prepared center
/// panels (`lloyd::prepare`) and Hamerly's norm bound.
struct Kernel<'r, 'x, S> {
    x: Matrix<'x, S>,
    w: Option<&'r [S]>,
    mean: &'r [S],
    ct: &'r [S],
    cn: &'r [S],
    x2max: S,
}

impl<S: Scalar> Kernel<'_, '_, S> {
    /// One assignment step of `algo` (the one Lloyd/Hamerly dispatch): labels
    /// every sample with its nearest center, adding to `acc` when given.
    /// Returns the number of labels that changed.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn assign(
        &self,
        algo: Algorithm,
        centers: &[S],
        first: bool,
        bounds: &mut Bounds<'_, S>,
        tile: &mut [S],
        labels: &mut [u32],
        acc: Option<&mut Sums<'_, S>>,
    ) -> usize {
        let (x, w, mean, ct, cn) = (self.x, self.w, self.mean, self.ct, self.cn);
        match algo {
            Algorithm::Hamerly => hamerly::assign(
                x, w, mean, centers, ct, cn, self.x2max, first, bounds, labels, acc,
            ),
            _ => lloyd::assign(x, w, mean, ct, cn, tile, labels, acc),
        }
    }
}

/// Column sums of `x` (or of `(x - mean)^2`) in blocks of [`NB`] rows.
fn column_sums<S: Scalar>(x: Matrix<'_, S>, mean: Option<&[S]>, out: &mut [S], block: &mut [S]) {
    out.fill(S::ZERO);
    block.fill(S::ZERO);
    for (i, row) in x.rows().enumerate() {
        match mean {
            None => {
                for (b, &v) in block.iter_mut().zip(row) {
                    *b += v;
                }
            }
            Some(m) => {
                for ((b, &v), &mf) in block.iter_mut().zip(row).zip(m) {
                    let t = v - mf;
                    *b += t * t;
                }
            }
        }
        if (i + 1) % NB == 0 {
            for (o, b) in out.iter_mut().zip(block.iter_mut()) {
                *o += *b;
                *b = S::ZERO;
            }
        }
    }
    for (o, b) in out.iter_mut().zip(block.iter_mut()) {
        *o += *b;
        *b = S::ZERO;
    }
}

/// scikit-learn's `_tolerance`: `tol * mean(var(x, axis=0))` (unweighted), from
/// the per-feature sums of squared deviations `ssd`; 0 when `tol` is 0.
fn tolerance<S: Scalar>(ssd: &[S], n: usize, tol: f64) -> S {
    let tol = super::draw::narrow::<S>(tol);
    if tol == S::ZERO {
        return S::ZERO; // also for a tol below the type's smallest subnormal
    }
    let nn = S::from_usize(n);
    let mut tot = S::ZERO;
    for &v in ssd {
        tot += v / nn;
    }
    let mean_var = tot / S::from_usize(ssd.len().max(1));
    // In the element type, as scikit-learn (NumPy 2 keeps float32 for
    // `float32 * tol`); f64 is bit-identical to the product in double.
    let t = tol * mean_var;
    if t.is_finite() {
        t
    } else {
        S::MAX
    }
}

/// The weighted inertia `sum w_i ||x_i - mean - c_{l_i}||^2`, summed in blocks.
fn inertia<S: Scalar>(
    x: Matrix<'_, S>,
    w: Option<&[S]>,
    mean: &[S],
    centers: &[S],
    labels: &[u32],
    xbuf: &mut [S],
) -> S {
    let d = x.d();
    blocked_sum(x.rows().zip(labels).enumerate().map(|(i, (row, &l))| {
        for ((t, &v), &m) in xbuf.iter_mut().zip(row).zip(mean) {
            *t = v - m;
        }
        let l = l as usize;
        let c = centers.get(l * d..l * d + d).unwrap_or(&[]);
        sq_euclidean(xbuf, c) * weight(w, i)
    }))
}

/// Element-wise copy of the common prefix (no length-mismatch panic path).
#[inline]
fn copy<S: Copy>(dst: &mut [S], src: &[S]) {
    for (d, &s) in dst.iter_mut().zip(src) {
        *d = s;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kmeans::params::Algorithm;
    use std::vec;
    use std::vec::Vec;

    fn blobs(n: usize, d: usize, k: usize, seed: u64, spread: f64) -> Vec<f64> {
        let mut rng = Rng::new(seed);
        let centers: Vec<f64> = (0..k * d).map(|_| rng.next_f64() * 10.0).collect();
        (0..n)
            .flat_map(|i| {
                let c = i % k;
                (0..d)
                    .map(|f| centers[c * d + f] + (rng.next_f64() - 0.5) * spread)
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    fn run<S: Scalar>(
        p: &KMeansParams,
        x: &[S],
        n: usize,
        d: usize,
        w: Option<&[S]>,
        init: Option<&[S]>,
    ) -> Result<(Vec<S>, Vec<i32>, FitResult)> {
        let layout = workspace_size::<S>(n, d, p)?;
        let mut buf = vec![0u8; layout.bytes()];
        let mut centers = init
            .map(|c| c.to_vec())
            .unwrap_or(vec![S::ZERO; p.n_clusters * d]);
        let mut labels = vec![0i32; n];
        let r = fit(
            p,
            Matrix::new(x, n, d)?,
            w,
            &mut buf,
            &mut centers,
            Some(&mut labels),
        )?;
        Ok((centers, labels, r))
    }

    #[test]
    fn separated_blobs_are_found() {
        let (n, d, k) = (300, 3, 4);
        let x = blobs(n, d, k, 1, 0.5);
        for algo in [Algorithm::Lloyd, Algorithm::Hamerly] {
            let mut p = KMeansParams::new(k);
            p.algorithm = algo;
            p.n_init = 3;
            let (c, l, r) = run::<f64>(&p, &x, n, d, None, None).unwrap();
            assert!(r.converged && r.inertia < n as f64 * 0.25, "{r:?}");
            for i in 0..n {
                assert_eq!(l[i], l[i % k], "sample {i}");
            }
            assert_eq!(c.len(), k * d);
        }
    }

    #[test]
    fn workspace_is_exact_and_short_workspace_fails() {
        let (n, d) = (50, 2);
        let x = blobs(n, d, 3, 2, 1.0);
        let p = KMeansParams::new(3);
        let layout = workspace_size::<f64>(n, d, &p).unwrap();
        let mut buf = vec![0u8; layout.bytes() + 8];
        for off in 0..8 {
            let mut c = vec![0.0; 6];
            fit(
                &p,
                Matrix::new(&x, n, d).unwrap(),
                None,
                &mut buf[off..off + layout.bytes()],
                &mut c,
                None,
            )
            .unwrap();
        }
        let mut c = vec![7.0; 6];
        let e = fit(
            &p,
            Matrix::new(&x, n, d).unwrap(),
            None,
            &mut buf[..layout.bytes() - 1],
            &mut c,
            None,
        );
        assert!(matches!(e, Err(Error::WorkspaceTooSmall { .. })));
        assert_eq!(c, vec![7.0; 6]);
    }
}
