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
use super::params::{CovarianceType, GmmInit, GmmParams};
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::scalar::Scalar;
use crate::workspace::{Layout, Workspace};

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
    let k = p.n_components;
    let ct = p.covariance_type;
    let o = Error::SizeOverflow("workspace");
    let clen = ct.len(k, d).map_err(|_| o)?;
    let alen = covariance::acc_len(ct, k, d).map_err(|_| o)?;
    let kd = k.checked_mul(d).ok_or(o)?;
    let nk = n.checked_mul(k).ok_or(o)?;
    let dd = d.checked_mul(d).ok_or(o)?;
    let mut l = Layout::new()
        .array::<S>(nk)?
        // current model: weights, means, covariances, precision factors, log-dets, constants
        .array::<S>(k)?
        .array::<S>(kd)?
        .array::<S>(clen)?
        .array::<S>(clen)?
        .array::<S>(k)?
        .array::<S>(k)?
        // M-step scratch
        .array::<S>(k)?
        .array::<S>(kd)?
        .array::<S>(alen)?
        .array::<S>(alen)?
        .array::<S>(d)?
        .array::<S>(d)?
        // Cholesky scratch
        .array::<S>(dd)?;
    if p.runs() > 1 {
        l = l.array::<S>(k)?.array::<S>(kd)?.array::<S>(clen)?;
    }
    if p.init == GmmInit::KMeans {
        l = l.then(super::init::kmeans_layout::<S>(n, d, p)?)?;
    }
    Ok(l)
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
    let atol = if S::EPSILON.to_f64() > 1e-10 {
        1e-6
    } else {
        1e-8
    };
    if (1.0 - sum).abs() > atol {
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
        for (r, &w) in resp.chunks_exact_mut(k.max(1)).zip(sw) {
            for v in r.iter_mut() {
                *v *= w;
            }
        }
    }
}

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
    let (n, d) = (x.n(), x.d());
    p.check(n)?;
    let (k, ct) = (p.n_components, p.covariance_type);
    if let Start::KMeans = start {
        super::init::check_built()?;
    }
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
    let layout = workspace_size::<S>(n, d, p)?;
    let mut ws = Workspace::new(workspace);
    ws.require(layout)?;
    let clen = covariances.len();
    let alen = covariance::acc_len(ct, k, d)?;
    let kd = means.len();
    let resp = ws.take::<S>(n.checked_mul(k).ok_or(Error::SizeOverflow("workspace"))?)?;
    let mut m = Model {
        w: ws.take(k)?,
        mu: ws.take(kd)?,
        cov: ws.take(clen)?,
        prec: ws.take(clen)?,
        log_det: ws.take(k)?,
        konst: ws.take(k)?,
    };
    let mut scratch = MStepScratch {
        bnk: ws.take(k)?,
        bsx: ws.take(kd)?,
        acc: ws.take(alen)?,
        bacc: ws.take(alen)?,
        diff: ws.take(d)?,
        wdiff: ws.take(d)?,
    };
    let chol = ws.take::<S>(d.saturating_mul(d))?;
    let runs = p.runs();
    let mut best = if runs > 1 {
        Some((ws.take::<S>(k)?, ws.take::<S>(kd)?, ws.take::<S>(clen)?))
    } else {
        None
    };
    let mut kmeans_state = match start {
        Start::KMeans => Some(super::init::KMeansInit::new(&mut ws, n, d, p)?),
        _ => None,
    };
    let reg = S::from_f64(p.reg_covar);
    let mut best_result: Option<FitResult> = None;
    for _ in 0..runs {
        match start {
            Start::Provided => {
                copy(m.w, weights);
                copy(m.mu, means);
                copy(m.cov, covariances);
            }
            Start::Labels(labels) => {
                covariance::one_hot(labels, k, resp)?;
                weigh(resp, k, sample_weight);
                covariance::m_step(
                    x,
                    resp,
                    ct,
                    k,
                    reg,
                    WeightNorm::ByN(total_weight),
                    m.w,
                    m.mu,
                    m.cov,
                    &mut scratch,
                )?;
            }
            Start::KMeans => {
                let labels = match kmeans_state.as_mut() {
                    Some(st) => st.next_labels(x, sample_weight)?,
                    None => return Err(Error::InvalidParameter("init")),
                };
                covariance::one_hot(labels, k, resp)?;
                weigh(resp, k, sample_weight);
                covariance::m_step(
                    x,
                    resp,
                    ct,
                    k,
                    reg,
                    WeightNorm::ByN(total_weight),
                    m.w,
                    m.mu,
                    m.cov,
                    &mut scratch,
                )?;
            }
        }
        m.refresh(ct, k, d, chol)?;
        let mut lb = -S::INFINITY;
        let mut converged = false;
        let mut n_iter = 0;
        for it in 1..=p.max_iter {
            let prev = lb;
            lb = estep::e_step(
                x,
                &m.scorer(ct, k, d),
                resp,
                scratch.diff,
                sample_weight,
                total_weight,
            )?;
            covariance::m_step(
                x,
                resp,
                ct,
                k,
                reg,
                WeightNorm::BySum,
                m.w,
                m.mu,
                m.cov,
                &mut scratch,
            )?;
            m.refresh(ct, k, d, chol)?;
            n_iter = it;
            if (lb - prev).abs().to_f64() < p.tol {
                converged = true;
                break;
            }
        }
        let result = FitResult {
            lower_bound: lb.to_f64(),
            n_iter,
            converged,
        };
        let better = match best_result {
            None => true,
            Some(b) => result.lower_bound > b.lower_bound,
        };
        if better {
            best_result = Some(result);
            if let Some((bw, bm, bc)) = best.as_mut() {
                copy(bw, m.w);
                copy(bm, m.mu);
                copy(bc, m.cov);
            }
        }
    }
    let result = best_result.ok_or(Error::InvalidParameter("n_init"))?;
    match best {
        Some((bw, bm, bc)) => {
            copy(weights, bw);
            copy(means, bm);
            copy(covariances, bc);
        }
        None => {
            copy(weights, m.w);
            copy(means, m.mu);
            copy(covariances, m.cov);
        }
    }
    Ok(result)
}
