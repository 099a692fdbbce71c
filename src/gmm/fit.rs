//! The EM fit loop with scikit-learn's semantics (`BaseMixture.fit_predict`):
//! per run, initialise, then repeat {E-step (its mean log-likelihood is the
//! lower bound), M-step} until the lower bound changes by less than `tol` or
//! `max_iter` iterations ran; the run with the highest final lower bound wins.
//!
//! scikit-learn ends `fit` with one more E-step so that `fit_predict`'s labels
//! match the returned model; the C fit returns no labels, so that step is
//! `predict` on the returned model (the std wrapper's `fit_predict` does exactly that).
//!
//! All state lives in the workspace; the caller's `weights`, `means` and
//! `covariances` are read (provided start) and written only once, at the end of
//! a successful fit, so a failing fit leaves them untouched.

use super::covariance::{self, MStepScratch, WeightNorm};
use super::estep::{self, Scorer};
use super::init::KMeansInit;
use super::params::{CovarianceType, GmmInit, GmmParams};
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::rng::Rng;
use crate::scalar::Scalar;
use crate::workspace::{Carve, Layout, Sizer, Workspace};

/// What a fit reports besides the model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitResult {
    /// Mean log-likelihood per sample of the winning run (its last E-step).
    pub lower_bound: f64,
    /// EM iterations of the winning run.
    pub n_iter: u32,
    /// Whether the winning run met `tol`.
    pub converged: bool,
}

/// Where a run starts.
#[derive(Debug, Clone, Copy)]
enum Start<'a> {
    /// The caller's weights, means and covariances.
    Provided,
    /// Hard responsibilities from these labels (`n`, each `< k`).
    Labels(&'a [i32]),
    /// Labels of a k-means run.
    KMeans,
}

/// The workspace layout of [`fit`] for `n` samples of `d` features: the
/// responsibilities (`n*k`), the current (and, with several runs, the best)
/// model, precision factors, M-step accumulators (`O(k*d*d)`) and, for the
/// k-means start, the k-means labels and workspace. Validates the shape and
/// the size-related parameters.
pub fn workspace_size<S: Scalar>(n: usize, d: usize, p: &GmmParams) -> Result<Layout> {
    if n == 0 || d == 0 || n > crate::matrix::MAX_SAMPLES {
        return Err(Error::InvalidShape("x"));
    }
    p.check(n)?;
    Sizer::measure(|c| carve_all::<S>(c, p, d, n).map(drop))
}

/// Checks a caller's starting model: lengths, finiteness, and weights in
/// `[0, 1]` summing to 1 (scikit-learn's `_check_weights` tolerance: 1e-8
/// for f64, 1e-6 for f32).
pub fn check_start<S: Scalar>(
    k: usize,
    d: usize,
    ct: CovarianceType,
    weights: &[S],
    means: &[S],
    covariances: &[S],
) -> Result<()> {
    check_model_shape(k, d, ct, weights, means, covariances)?;
    crate::matrix::check_finite(weights, "weights")?;
    crate::matrix::check_finite(means, "means")?;
    crate::matrix::check_finite(covariances, "covariances")?;
    let mut sum = 0.0f64;
    for &w in weights {
        let w = w.to_f64();
        if !(0.0..=1.0).contains(&w) {
            return Err(Error::InvalidParameter("weights"));
        }
        sum += w;
    }
    if (1.0 - sum).abs() > S::SUM_ATOL {
        return Err(Error::InvalidParameter("weights"));
    }
    Ok(())
}

/// Checks the lengths of a model's arrays: `weights` `k`, `means` `k*d`,
/// `covariances` as `ct` says. Errors name the array.
pub fn check_model_shape<S: Scalar>(
    k: usize,
    d: usize,
    ct: CovarianceType,
    weights: &[S],
    means: &[S],
    covariances: &[S],
) -> Result<()> {
    if weights.len() != k {
        return Err(Error::InvalidShape("weights"));
    }
    if Some(means.len()) != k.checked_mul(d) {
        return Err(Error::InvalidShape("means"));
    }
    if Some(covariances.len()) != ct.len(k, d).ok() {
        return Err(Error::InvalidShape("covariances"));
    }
    Ok(())
}

/// Fits a Gaussian mixture to `x`.
///
/// `weights` (`k`), `means` (`k*d`) and `covariances` (full `k*d*d`, tied
/// `d*d`, diag `k*d`, spherical `k`) receive the winning model; with
/// `GmmInit::Provided` they hold the start on entry (covariances, not
/// precisions; only the lower triangle of full/tied matrices is read).
/// `workspace` must hold [`workspace_size`] bytes.
///
/// Errors: parameter and shape errors as named; `NonFinite` for NaN/inf in
/// `x` or the start; `Numerical("covariances")` when a covariance is not
/// positive definite after `reg_covar` (or a provided one is not);
/// `Numerical("x")` when a log-likelihood overflows.
pub fn fit<S: Scalar>(
    p: &GmmParams,
    x: Matrix<'_, S>,
    workspace: &mut [u8],
    weights: &mut [S],
    means: &mut [S],
    covariances: &mut [S],
) -> Result<FitResult> {
    fit_weighted(p, x, None, workspace, weights, means, covariances)
}

/// [`fit`] with optional per-sample weights (beyond scikit-learn, whose
/// GaussianMixture has none): `sample_weight` (`n`, finite, `>= 0`, not all
/// zero; `None` = all ones) multiplies each sample's responsibilities in the
/// M-step and its log-likelihood in the lower bound (a weighted mean). From a
/// provided start (or labels), integer weights give the same model as
/// repeating each row that many times (up to rounding). The k-means start uses
/// weighted k-means, whose random draws differ from those on repeated rows.
/// Same workspace as [`fit`].
pub fn fit_weighted<S: Scalar>(
    p: &GmmParams,
    x: Matrix<'_, S>,
    sample_weight: Option<&[S]>,
    workspace: &mut [u8],
    weights: &mut [S],
    means: &mut [S],
    covariances: &mut [S],
) -> Result<FitResult> {
    let start = match p.init {
        GmmInit::Provided => Start::Provided,
        GmmInit::KMeans => Start::KMeans,
    };
    run(
        p,
        x,
        start,
        sample_weight,
        workspace,
        weights,
        means,
        covariances,
    )
}

/// Fits from hard responsibilities: the start is one M-step on the one-hot
/// responsibilities of `labels` (`n`, each in `0..k`), exactly as scikit-learn
/// initialises from its k-means labels; then EM as in [`fit`]. One run
/// (`n_init` and `init` are ignored); the workspace is
/// `workspace_size(n, d, &p.init(GmmInit::Provided))`.
pub fn fit_from_labels<S: Scalar>(
    p: &GmmParams,
    x: Matrix<'_, S>,
    labels: &[i32],
    workspace: &mut [u8],
    weights: &mut [S],
    means: &mut [S],
    covariances: &mut [S],
) -> Result<FitResult> {
    fit_from_labels_weighted(p, x, labels, None, workspace, weights, means, covariances)
}

/// [`fit_from_labels`] with optional sample weights (see [`fit_weighted`]).
#[allow(clippy::too_many_arguments)]
pub fn fit_from_labels_weighted<S: Scalar>(
    p: &GmmParams,
    x: Matrix<'_, S>,
    labels: &[i32],
    sample_weight: Option<&[S]>,
    workspace: &mut [u8],
    weights: &mut [S],
    means: &mut [S],
    covariances: &mut [S],
) -> Result<FitResult> {
    if labels.len() != x.n() {
        return Err(Error::InvalidShape("labels"));
    }
    let k = p.n_components;
    if labels.iter().any(|&l| l < 0 || l as usize >= k) {
        return Err(Error::InvalidParameter("labels"));
    }
    let q = p.init(GmmInit::Provided);
    run(
        &q,
        x,
        Start::Labels(labels),
        sample_weight,
        workspace,
        weights,
        means,
        covariances,
    )
}

/// Element-wise copy over the common length (slices of equal validated length).
#[inline]
pub(crate) fn copy<S: Copy>(dst: &mut [S], src: &[S]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d = *s;
    }
}

/// The current model inside the workspace.
struct Model<'a, S> {
    w: &'a mut [S],
    mu: &'a mut [S],
    cov: &'a mut [S],
    prec: &'a mut [S],
    log_det: &'a mut [S],
    konst: &'a mut [S],
}

impl<S: Scalar> Model<'_, S> {
    fn refresh(&mut self, ct: CovarianceType, k: usize, d: usize, chol: &mut [S]) -> Result<()> {
        estep::precisions(
            ct,
            k,
            d,
            self.cov,
            self.prec,
            self.log_det,
            chol,
            "covariances",
        )?;
        estep::constants(self.w, self.log_det, d, self.konst);
        Ok(())
    }
    fn scorer(&self, ct: CovarianceType, k: usize, d: usize) -> Scorer<'_, S> {
        Scorer {
            ct,
            k,
            d,
            means: self.mu,
            prec: self.prec,
            konst: self.konst,
        }
    }
}

/// Multiplies each row of `resp` by its sample weight.
fn weigh<S: Scalar>(resp: &mut [S], k: usize, sample_weight: Option<&[S]>) {
    if let Some(sw) = sample_weight {
        for (r, &w) in crate::matrix::row_iter_mut(resp, k.max(1)).zip(sw) {
            for v in r.iter_mut() {
                *v *= w;
            }
        }
    }
}

/// The EM state of one fit, carved from the workspace.
struct State<'a, S> {
    /// Responsibilities (`n*k`).
    resp: &'a mut [S],
    m: Model<'a, S>,
    scratch: MStepScratch<'a, S>,
    /// Cholesky scratch (`d*d`).
    chol: &'a mut [S],
}

/// What one EM run needs besides its state: shared by every run of a fit.
struct RunCtx<'p, 'x, S> {
    p: &'p GmmParams,
    x: Matrix<'x, S>,
    sample_weight: Option<&'x [S]>,
    total_weight: S,
}

/// Validates a fit's inputs (everything but the workspace) and returns the
/// total sample weight. Out of line, so that its frame is not live during the
/// k-means start.
#[inline(never)]
fn validate<S: Scalar>(
    p: &GmmParams,
    x: Matrix<'_, S>,
    start: Start<'_>,
    sample_weight: Option<&[S]>,
    weights: &[S],
    means: &[S],
    covariances: &[S],
) -> Result<S> {
    let (n, d) = (x.n(), x.d());
    p.check(n)?;
    let (k, ct) = (p.n_components, p.covariance_type);
    if let Start::Provided = start {
        check_start(k, d, ct, weights, means, covariances)?;
    } else {
        check_model_shape(k, d, ct, weights, means, covariances)?;
    }
    crate::matrix::check_weights(sample_weight, n)?;
    let total_weight = match sample_weight {
        None => S::from_usize(n),
        Some(sw) => {
            let mut t = estep::CompensatedSum::new();
            for &w in sw {
                t.add(w);
            }
            t.value()
        }
    };
    if !(total_weight > S::ZERO && total_weight.is_finite()) {
        return Err(Error::InvalidParameter("sample_weight"));
    }
    Ok(total_weight)
}

/// The scratch of a fit, declared once (see `crate::workspace`): the EM state
/// ([`carve`]), the best model with several runs ([`carve_best`]) and the
/// k-means start's labels, centers and workspace. [`workspace_size`] measures
/// it; each step of a fit carves a fresh view of the workspace (which has
/// passed `require`) the same way, or a prefix of it, so the state is the
/// same memory each time and no step keeps it in its frame.
type Carved<'a, S> = (State<'a, S>, Best<'a, S>, Option<KMeansInit<'a, S>>);

/// See [`Carved`]. Inlined: it only sequences its parts.
#[inline(always)]
fn carve_all<'a, S: Scalar>(
    c: &mut impl Carve<'a>,
    p: &GmmParams,
    d: usize,
    n: usize,
) -> Result<Carved<'a, S>> {
    let st = carve::<S>(c, p, d, n)?;
    let best = carve_best::<S>(c, p, d)?;
    let km = if p.init == GmmInit::KMeans {
        Some(KMeansInit::<S>::new(c, n, d, p)?)
    } else {
        None
    };
    Ok((st, best, km))
}

/// The EM state: the first part of [`carve_all`].
fn carve<'a, S: Scalar>(
    ws: &mut impl Carve<'a>,
    p: &GmmParams,
    d: usize,
    n: usize,
) -> Result<State<'a, S>> {
    let (k, ct) = (p.n_components, p.covariance_type);
    let o = Error::SizeOverflow("workspace");
    let clen = ct.len(k, d).map_err(|_| o)?;
    let alen = covariance::acc_len(ct, k, d).map_err(|_| o)?;
    let kd = k.checked_mul(d).ok_or(o)?;
    let resp = ws.take::<S>(n.checked_mul(k).ok_or(o)?)?;
    let m = Model {
        w: ws.take(k)?,
        mu: ws.take(kd)?,
        cov: ws.take(clen)?,
        prec: ws.take(clen)?,
        log_det: ws.take(k)?,
        konst: ws.take(k)?,
    };
    let scratch = MStepScratch {
        bnk: ws.take(k)?,
        bsx: ws.take(kd)?,
        acc: ws.take(alen)?,
        bacc: ws.take(alen)?,
        diff: ws.take(d)?,
        wdiff: ws.take(d)?,
    };
    let chol = ws.take::<S>(d.saturating_mul(d))?;
    Ok(State {
        resp,
        m,
        scratch,
        chol,
    })
}

/// The best model so far (weights, means, covariances), carved after the
/// EM state when a fit has several runs.
type Best<'a, S> = Option<(&'a mut [S], &'a mut [S], &'a mut [S])>;

/// The best-model arrays: the second part of [`carve_all`].
fn carve_best<'a, S: Scalar>(
    ws: &mut impl Carve<'a>,
    p: &GmmParams,
    d: usize,
) -> Result<Best<'a, S>> {
    if p.runs() <= 1 {
        return Ok(None);
    }
    let k = p.n_components;
    let o = Error::SizeOverflow("workspace");
    let kd = k.checked_mul(d).ok_or(o)?;
    let clen = p.covariance_type.len(k, d).map_err(|_| o)?;
    Ok(Some((
        ws.take::<S>(k)?,
        ws.take::<S>(kd)?,
        ws.take::<S>(clen)?,
    )))
}

/// The k-means start of one run, seeded with `seed`: its labels are left in
/// the workspace's k-means labels array. Out of line and with only the
/// k-means state in its frame: this is the deepest call of a fit.
#[inline(never)]
fn kmeans_start<S: Scalar>(c: &RunCtx<'_, '_, S>, r: u32, workspace: &mut [u8]) -> Result<()> {
    let seed = run_seed(c.p.seed, r);
    kmeans_view::<S>(c.p, c.x.n(), c.x.d(), workspace)?.run(seed, c.x, c.sample_weight)
}

/// The k-means seed of run `r` (from 0): the `r+1`-th `next_u64()` of
/// `Rng::new(seed)`. Recomputed per run (`n_init` is small) so that no frame
/// keeps the generator during the k-means start.
#[inline(never)]
fn run_seed(seed: u64, r: u32) -> u64 {
    let mut rng = Rng::new(seed);
    let mut s = rng.next_u64();
    for _ in 0..r {
        s = rng.next_u64();
    }
    s
}

/// The k-means start's part of the workspace: walks the parts of
/// [`carve_all`] in its order (calling `carve_all` itself here measured 256
/// bytes more firmware flash). Out of line: the carving's intermediate results
/// are not live during the k-means run.
#[inline(never)]
fn kmeans_view<'a, S: Scalar>(
    p: &GmmParams,
    n: usize,
    d: usize,
    workspace: &'a mut [u8],
) -> Result<KMeansInit<'a, S>> {
    let mut ws = Workspace::new(workspace);
    carve::<S>(&mut ws, p, d, n)?;
    carve_best::<S>(&mut ws, p, d)?;
    KMeansInit::<S>::new(&mut ws, n, d, p)
}

/// Checks the workspace against [`workspace_size`] (out of line, as
/// [`validate`]).
#[inline(never)]
fn check_workspace<S: Scalar>(
    p: &GmmParams,
    n: usize,
    d: usize,
    workspace: &mut [u8],
) -> Result<()> {
    Workspace::new(workspace).require(workspace_size::<S>(n, d, p)?)
}

/// One run of a fit after its k-means start (if any): carves the state,
/// runs EM ([`em_run`]) and, with several runs, keeps the model as the best
/// when its lower bound beats `best_lb`.
#[inline(never)]
fn one_run<S: Scalar>(
    c: &RunCtx<'_, '_, S>,
    start: Start<'_>,
    workspace: &mut [u8],
    best_lb: Option<f64>,
    weights: &[S],
    means: &[S],
    covariances: &[S],
) -> Result<FitResult> {
    let (n, d) = (c.x.n(), c.x.d());
    let (mut st, best, km) = carve_all::<S>(&mut Workspace::new(workspace), c.p, d, n)?;
    let labels = match start {
        Start::Provided => None,
        Start::Labels(labels) => Some(labels),
        Start::KMeans => Some(km.as_ref().ok_or(Error::InvalidParameter("init"))?.labels()),
    };
    let result = em_run(c, labels, &mut st, weights, means, covariances)?;
    let better = match best_lb {
        None => true,
        Some(b) => result.lower_bound > b,
    };
    if better {
        if let Some((bw, bm, bc)) = best {
            copy(bw, st.m.w);
            copy(bm, st.m.mu);
            copy(bc, st.m.cov);
        }
    }
    Ok(result)
}

/// Copies the fit's model out: the best run's with several runs, else the
/// one run's.
#[inline(never)]
fn copy_out<S: Scalar>(
    p: &GmmParams,
    n: usize,
    d: usize,
    workspace: &mut [u8],
    weights: &mut [S],
    means: &mut [S],
    covariances: &mut [S],
) -> Result<()> {
    let mut ws = Workspace::new(workspace);
    let st = carve::<S>(&mut ws, p, d, n)?;
    match carve_best::<S>(&mut ws, p, d)? {
        Some((bw, bm, bc)) => {
            copy(weights, bw);
            copy(means, bm);
            copy(covariances, bc);
        }
        None => {
            copy(weights, st.m.w);
            copy(means, st.m.mu);
            copy(covariances, st.m.cov);
        }
    }
    Ok(())
}

/// One EM run: the start (the caller's model when `labels` is `None`, else
/// one M-step on the one-hot responsibilities of `labels`), then E- and
/// M-steps until `tol` or `max_iter`. The model is left in `st.m`. Out of
/// line: its callees' frames are not live during the k-means start.
#[inline(never)]
fn em_run<S: Scalar>(
    c: &RunCtx<'_, '_, S>,
    labels: Option<&[i32]>,
    st: &mut State<'_, S>,
    weights: &[S],
    means: &[S],
    covariances: &[S],
) -> Result<FitResult> {
    let p = c.p;
    let (x, sample_weight, total_weight) = (c.x, c.sample_weight, c.total_weight);
    let (k, ct, d) = (p.n_components, p.covariance_type, x.d());
    let reg = S::from_f64(p.reg_covar);
    let m = &mut st.m;
    match labels {
        None => {
            copy(m.w, weights);
            copy(m.mu, means);
            copy(m.cov, covariances);
        }
        Some(labels) => {
            covariance::one_hot(labels, k, st.resp)?;
            weigh(st.resp, k, sample_weight);
            covariance::m_step(
                x,
                st.resp,
                ct,
                k,
                reg,
                WeightNorm::ByN(total_weight),
                m.w,
                m.mu,
                m.cov,
                &mut st.scratch,
            )?;
        }
    }
    m.refresh(ct, k, d, st.chol)?;
    let mut lb = -S::INFINITY;
    let mut converged = false;
    let mut n_iter = 0;
    for it in 1..=p.max_iter {
        let prev = lb;
        lb = estep::e_step(
            x,
            &m.scorer(ct, k, d),
            st.resp,
            st.scratch.diff,
            sample_weight,
            total_weight,
        )?;
        covariance::m_step(
            x,
            st.resp,
            ct,
            k,
            reg,
            WeightNorm::BySum,
            m.w,
            m.mu,
            m.cov,
            &mut st.scratch,
        )?;
        m.refresh(ct, k, d, st.chol)?;
        n_iter = it;
        if (lb - prev).abs().to_f64() < p.tol {
            converged = true;
            break;
        }
    }
    Ok(FitResult {
        lower_bound: lb.to_f64(),
        n_iter,
        converged,
    })
}

/// The fit: validation, workspace, then `p.runs()` EM runs, keeping the best.
///
/// Stack: the k-means start is the deepest call of a fit, so the frames live
/// during it hold little: validation ([`validate`]) and each run's EM
/// ([`one_run`]) are out of line, and the state is not kept in this frame but
/// carved afresh from the workspace by each step ([`carve`]).
#[allow(clippy::too_many_arguments)]
fn run<S: Scalar>(
    p: &GmmParams,
    x: Matrix<'_, S>,
    start: Start<'_>,
    sample_weight: Option<&[S]>,
    workspace: &mut [u8],
    weights: &mut [S],
    means: &mut [S],
    covariances: &mut [S],
) -> Result<FitResult> {
    let total_weight = validate(p, x, start, sample_weight, weights, means, covariances)?;
    let (n, d) = (x.n(), x.d());
    check_workspace::<S>(p, n, d, workspace)?;
    let ctx = RunCtx {
        p,
        x,
        sample_weight,
        total_weight,
    };
    let mut best: Option<FitResult> = None;
    for r in 0..p.runs() {
        if let Start::KMeans = start {
            kmeans_start(&ctx, r, workspace)?;
        }
        let best_lb = best.map(|b| b.lower_bound);
        let result = one_run(&ctx, start, workspace, best_lb, weights, means, covariances)?;
        if best_lb.is_none_or(|b| result.lower_bound > b) {
            best = Some(result);
        }
    }
    let result = best.ok_or(Error::InvalidParameter("n_init"))?;
    copy_out(p, n, d, workspace, weights, means, covariances)?;
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_seed_is_the_rth_draw_of_the_seed_stream() {
        // Run r of a fit seeds its k-means with the r-th next_u64() of
        // Rng::new(seed), as when one generator was kept across runs.
        let mut rng = Rng::new(42);
        for r in 0..5 {
            assert_eq!(run_seed(42, r), rng.next_u64());
        }
    }
}
