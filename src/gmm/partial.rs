//! Gaussian-mixture partial statistics: one EM iteration split into row
//! ranges (`init`, [`accumulate`] per range: the E-step and its sufficient
//! statistics, [`merge`], [`finish`]: the M-step). See [`crate::partial`] for
//! the exactness scheme and the blob header.
//!
//! [`accumulate`] scores each row under the given mixture (scikit-learn's
//! E-step through precision Cholesky factors, as the one-call fit), and adds
//! per global block of [`BLOCK_ROWS`] rows, in the element type and then
//! exactly: the total weight `W`, the weighted log-likelihood `L`, and per
//! component `n_k = sum w r`, the first moment **centred at the pass's means**
//! `t_k = sum w r (x - mu_k)` and the second moment centred there (`S_k = sum w
//! r (x - mu_k)(x - mu_k)^T`, lower triangle: full per component, tied summed
//! over components, diagonal for diag and spherical). Centring at the means
//! keeps the second moments free of the cancellation of raw moments.
//! [`finish`] applies scikit-learn's M-step: `n'_k = n_k + 10 eps`, new mean
//! `m_k = mu_k + (t_k - 10 eps mu_k) / n'_k` (= `sum w r x / n'_k`), covariance
//! `(S_k - delta t^T - t delta^T + n_k delta delta^T) / n'_k + reg_covar`
//! with `delta = m_k - mu_k` (the second moment about the new mean), weights
//! `n'_k / sum n'`, and the lower bound `L / W` (the mean log-likelihood of
//! the pass, weighted). The result equals the one-call fit's up to rounding.
//!
//! The blob records the pass's means (every accumulate of a pass must pass the
//! same mixture; another means array is `InvalidParameter("means")`), and ends
//! with a scratch region used by accumulate (precision factors, block sums)
//! that is zero whenever a call returns, so equal statistics are equal bytes.
//!
//! Payload after the header: `k d` means (f64), then `2 + k + k d + s`
//! accumulators (272 bytes each; `s` = `k d (d + 1) / 2` full, `d (d + 1) / 2`
//! tied, `k d` diag and spherical), then the scratch.
//!
//! Work: [`accumulate`] O(rows k d^2) (full, tied) or O(rows k d) (diag,
//! spherical), plus O(k d^3) for the precision factors and O(blocks * (k d +
//! s)) exact additions; [`merge`] linear in the blob; [`finish`] O(k d^2).

use super::estep::{self, Scorer};
use super::params::CovarianceType;
use crate::error::{Error, Result};
use crate::matrix::{check_finite, check_weights, Matrix};
use crate::partial::{self, exact, Kind, Shape, BLOCK_ROWS, HEADER};
use crate::scalar::Scalar;
use crate::workspace::{Layout, Workspace};

/// Values of the second-moment statistics.
fn s2_len(ct: CovarianceType, k: usize, d: usize) -> Option<usize> {
    let tri = d.checked_mul(d.checked_add(1)?)? / 2;
    match ct {
        CovarianceType::Full => k.checked_mul(tri),
        CovarianceType::Tied => Some(tri),
        CovarianceType::Diag | CovarianceType::Spherical => k.checked_mul(d),
    }
}

struct Lay {
    ct: CovarianceType,
    k: usize,
    d: usize,
    s2: usize,
    cov: usize,
    scratch: usize,
}

impl Lay {
    fn new(ct: CovarianceType, k: usize, d: usize) -> Result<Lay> {
        let o = Error::SizeOverflow("stats");
        let kd = k.checked_mul(d).ok_or(o)?;
        let s2 = s2_len(ct, k, d).ok_or(o)?;
        let cov = ct.len(k, d).map_err(|_| o)?;
        let n_acc = kd
            .checked_add(k)
            .and_then(|v| v.checked_add(2))
            .and_then(|v| v.checked_add(s2))
            .ok_or(o)?;
        let scratch = partial::size(&[(1, HEADER), (kd, 8), (n_acc, exact::BYTES)])?;
        Ok(Lay {
            ct,
            k,
            d,
            s2,
            cov,
            scratch,
        })
    }
    fn mean(&self, c: usize, f: usize) -> usize {
        HEADER + 8 * (c * self.d + f)
    }
    fn acc0(&self) -> usize {
        HEADER + 8 * self.k * self.d
    }
    fn w(&self) -> usize {
        self.acc0()
    }
    fn ll(&self) -> usize {
        self.acc0() + exact::BYTES
    }
    fn nk(&self, c: usize) -> usize {
        self.acc0() + (2 + c) * exact::BYTES
    }
    fn t1(&self, c: usize, f: usize) -> usize {
        self.acc0() + (2 + self.k + c * self.d + f) * exact::BYTES
    }
    fn s2(&self, i: usize) -> usize {
        self.acc0() + (2 + self.k + self.k * self.d + i) * exact::BYTES
    }
    fn n_acc(&self) -> usize {
        2 + self.k + self.k * self.d + self.s2
    }
    /// The scratch arrays, in carving order (counts of S).
    fn scratch_counts(&self) -> [usize; 9] {
        let (k, d) = (self.k, self.d);
        [self.cov, k, k, d * d, d, k, k, k * d, self.s2]
    }
    fn scratch_layout(&self) -> Result<Layout> {
        self.scratch_counts()
            .iter()
            .try_fold(Layout::new(), |l, &c| l.array::<f64>(c))
            .map_err(|_| Error::SizeOverflow("stats"))
    }
}

/// Index of `(i, j)`, `j <= i`, in a packed lower triangle.
#[inline]
fn tri(i: usize, j: usize) -> usize {
    i * (i + 1) / 2 + j
}

/// The blob shape for `k` components of `d` features with covariance type `ct`.
pub fn shape(k: usize, d: usize, ct: CovarianceType) -> Result<Shape> {
    if d == 0 {
        return Err(Error::InvalidShape("d"));
    }
    if k == 0 {
        return Err(Error::InvalidParameter("k"));
    }
    let lay = Lay::new(ct, k, d)?;
    let bytes = lay
        .scratch
        .checked_add(lay.scratch_layout()?.bytes())
        .ok_or(Error::SizeOverflow("stats"))?;
    Ok(Shape {
        kind: Kind::Gmm,
        k: k as u64,
        d: d as u64,
        cov: ct as u32,
        bytes,
    })
}

/// Starts an empty blob.
pub fn init(blob: &mut [u8], k: usize, d: usize, ct: CovarianceType) -> Result<()> {
    partial::init(blob, shape(k, d, ct)?)
}

/// The mixture a pass scores with.
#[derive(Debug, Clone, Copy)]
pub struct Mixture<'a, S> {
    /// `k` mixture weights, finite, `>= 0`, at least one positive.
    pub weights: &'a [S],
    /// `k * d` means.
    pub means: &'a [S],
    /// Covariances in the layout of the covariance type.
    pub covariances: &'a [S],
}

use crate::kmeans::partial::max_abs;

/// Folds the rows of `x` (weights `w`, `None` = ones) into the blob: the
/// E-step under `mix` and the pass's sufficient statistics. Validates
/// everything first (shapes, finiteness, the covariances positive definite,
/// that no quadratic form or block sum can overflow, the blob, and that its
/// recorded means are `mix.means`); nothing is written on error.
pub fn accumulate<S: Scalar>(
    x: Matrix<'_, S>,
    w: Option<&[S]>,
    first_row: u64,
    mix: Mixture<'_, S>,
    ct: CovarianceType,
    blob: &mut [u8],
) -> Result<()> {
    let (rows, d) = (x.n(), x.d());
    let k = mix.weights.len();
    let shape = shape(k, d, ct)?;
    let lay = Lay::new(ct, k, d)?;
    let elem = partial::check(blob, shape)?;
    if mix.means.len() != k * d {
        return Err(Error::InvalidShape("means"));
    }
    if mix.covariances.len() != lay.cov {
        return Err(Error::InvalidShape("covariances"));
    }
    check_finite(mix.weights, "weights")?;
    check_finite(mix.means, "means")?;
    check_finite(mix.covariances, "covariances")?;
    if mix.weights.iter().any(|&v| v < S::ZERO) || !mix.weights.iter().any(|&v| v > S::ZERO) {
        return Err(Error::InvalidParameter("weights"));
    }
    check_weights(w, rows)?;
    let total_rows = partial::range_rows(blob, first_row, rows)?;
    if elem != partial::Elem::None {
        partial::expect::<S>(elem)?;
        for (i, &m) in mix.means.iter().enumerate() {
            if partial::get_u64(blob, lay.mean(0, i)) != m.to_f64().to_bits() {
                return Err(Error::InvalidParameter("means"));
            }
        }
    }
    let (head, scratch) = blob.split_at_mut(lay.scratch.min(blob.len()));
    let mut ws = Workspace::new(scratch);
    let [c_prec, c_k1, c_k2, c_dd, c_d, c_k3, c_k4, c_kd, c_s2] = lay.scratch_counts();
    let prec = ws.take_filled::<S>(c_prec, S::ZERO)?;
    let log_det = ws.take_filled::<S>(c_k1, S::ZERO)?;
    let konst = ws.take_filled::<S>(c_k2, S::ZERO)?;
    let chol = ws.take_filled::<S>(c_dd, S::ZERO)?;
    let y = ws.take_filled::<S>(c_d, S::ZERO)?;
    let out = ws.take_filled::<S>(c_k3, S::ZERO)?;
    let bnk = ws.take_filled::<S>(c_k4, S::ZERO)?;
    let bt1 = ws.take_filled::<S>(c_kd, S::ZERO)?;
    let bs2 = ws.take_filled::<S>(c_s2, S::ZERO)?;
    let result = (|| -> Result<()> {
        estep::precisions(
            ct,
            k,
            d,
            mix.covariances,
            prec,
            log_det,
            chol,
            "covariances",
        )?;
        estep::constants(mix.weights, log_det, d, konst);
        // Overflow bound: |y_j| <= d * max|x - mu| * max|U|, so the quadratic
        // form is at most d^3 (max|x - mu| max|U|)^2; block sums add at most
        // BLOCK_ROWS terms of w * max|x - mu|^2 (and of w * log-likelihood).
        let diff = max_abs(x.as_slice()) + max_abs(mix.means);
        let u = max_abs(prec);
        let dn = S::from_usize(d);
        let q = diff * u * dn;
        let wmax = w.map_or(S::ONE, max_abs).max_of(S::ONE);
        let blk = wmax * S::from_usize(BLOCK_ROWS * 2);
        let kmax = max_abs(konst);
        if !(q * q * dn * blk).is_finite()
            || !(diff * diff * blk).is_finite()
            || !((kmax + q * q * dn) * blk).is_finite()
        {
            return Err(Error::Numerical("x: log-likelihood overflows"));
        }
        Ok(())
    })();
    // The scratch is zero whenever a call returns (canonical blob bytes).
    let zero = |prec: &mut [S], log_det: &mut [S], konst: &mut [S], chol: &mut [S], y: &mut [S]| {
        for s in [prec, log_det, konst, chol, y] {
            s.fill(S::ZERO);
        }
    };
    if let Err(e) = result {
        zero(prec, log_det, konst, chol, y);
        return Err(e);
    }
    // From here on nothing fails.
    let blob = head;
    if elem == partial::Elem::None {
        for (i, &m) in mix.means.iter().enumerate() {
            partial::set_u64(blob, lay.mean(0, i), m.to_f64().to_bits());
        }
    }
    let _ = partial::claim::<S>(blob, elem);
    partial::set_merged(blob, partial::Elem::of::<S>(), total_rows);
    let scorer = Scorer {
        ct,
        k,
        d,
        means: mix.means,
        prec,
        konst,
    };
    let mut i = 0usize;
    while i < rows {
        let g = first_row + i as u64;
        let len = (BLOCK_ROWS - (g % BLOCK_ROWS as u64) as usize).min(rows - i);
        let (mut bw, mut bll) = (S::ZERO, S::ZERO);
        for r in i..i + len {
            let row = x.row(r);
            let wi = w.and_then(|w| w.get(r)).copied().unwrap_or(S::ONE);
            scorer.row(row, out, y);
            let lpn = estep::normalise_row(out).unwrap_or(S::ZERO);
            bw += wi;
            bll += wi * lpn;
            for (c, &rc) in out.iter().enumerate() {
                let wr = rc * wi;
                if wr == S::ZERO {
                    continue;
                }
                if let Some(b) = bnk.get_mut(c) {
                    *b += wr;
                }
                let mu = mix.means.get(c * d..c * d + d).unwrap_or(&[]);
                for ((yv, &xv), &m) in y.iter_mut().zip(row).zip(mu) {
                    *yv = xv - m;
                }
                for (f, &df) in y.iter().enumerate() {
                    if let Some(t) = bt1.get_mut(c * d + f) {
                        *t += wr * df;
                    }
                }
                match ct {
                    CovarianceType::Full | CovarianceType::Tied => {
                        let base = if ct == CovarianceType::Full {
                            c * tri(d, 0)
                        } else {
                            0
                        };
                        for a in 0..d {
                            let wa = wr * y.get(a).copied().unwrap_or(S::ZERO);
                            for bb in 0..=a {
                                if let Some(s) = bs2.get_mut(base + tri(a, bb)) {
                                    *s += wa * y.get(bb).copied().unwrap_or(S::ZERO);
                                }
                            }
                        }
                    }
                    CovarianceType::Diag | CovarianceType::Spherical => {
                        for (f, &df) in y.iter().enumerate() {
                            if let Some(s) = bs2.get_mut(c * d + f) {
                                *s += wr * df * df;
                            }
                        }
                    }
                }
            }
        }
        exact::add(partial::acc_mut(blob, lay.w()), bw.to_f64());
        exact::add(partial::acc_mut(blob, lay.ll()), bll.to_f64());
        for (c, b) in bnk.iter_mut().enumerate() {
            exact::add(partial::acc_mut(blob, lay.nk(c)), b.to_f64());
            *b = S::ZERO;
        }
        for (j, b) in bt1.iter_mut().enumerate() {
            exact::add(partial::acc_mut(blob, lay.t1(0, j)), b.to_f64());
            *b = S::ZERO;
        }
        for (j, b) in bs2.iter_mut().enumerate() {
            exact::add(partial::acc_mut(blob, lay.s2(j)), b.to_f64());
            *b = S::ZERO;
        }
        i += len;
    }
    out.fill(S::ZERO);
    zero(prec, log_det, konst, chol, y);
    Ok(())
}

/// `into += from` for two mixture blobs of the same shape and pass means.
pub fn merge(into: &mut [u8], from: &[u8]) -> Result<()> {
    let (k, d, ct) = recorded(into)?;
    let shape = self::shape(k, d, ct)?;
    let lay = Lay::new(ct, k, d)?;
    let a = partial::check(into, shape)?;
    let b = partial::check(from, shape)?;
    if a != partial::Elem::None && b != partial::Elem::None {
        let (m0, m1) = (lay.mean(0, 0), lay.mean(0, 0) + 8 * k * d);
        if into.get(m0..m1) != from.get(m0..m1) {
            return Err(Error::InvalidParameter("means"));
        }
    }
    partial::merge_header(into, from)?;
    if a == partial::Elem::None {
        let (m0, m1) = (lay.mean(0, 0), lay.mean(0, 0) + 8 * k * d);
        if let (Some(dst), Some(src)) = (into.get_mut(m0..m1), from.get(m0..m1)) {
            partial::copy_bytes(dst, src);
        }
    }
    partial::merge_accs(into, from, lay.acc0(), lay.n_acc());
    Ok(())
}

/// The blob's recorded `(k, d, covariance type)` (validated header).
pub fn recorded(blob: &[u8]) -> Result<(usize, usize, CovarianceType)> {
    let (k, d, cov) = partial::recorded_params(blob, Kind::Gmm)?;
    let ct = CovarianceType::from_u32(cov).map_err(|_| Error::InvalidParameter("stats"))?;
    // The recorded parameters must give the recorded size (else the blob is corrupt).
    let shape = self::shape(k, d, ct).map_err(|_| Error::InvalidParameter("stats"))?;
    partial::check(blob, shape)?;
    Ok((k, d, ct))
}

struct Fin<'b> {
    blob: &'b [u8],
    lay: Lay,
}

impl Fin<'_> {
    fn val<S: Scalar>(&self, off: usize) -> Result<S> {
        exact::to_scalar::<S>(partial::acc(self.blob, off)).ok_or(Error::Numerical("covariances"))
    }
    fn mu<S: Scalar>(&self, c: usize, f: usize) -> S {
        S::from_f64(partial::get_f64(self.blob, self.lay.mean(c, f)))
    }
    /// `(n_k, n'_k)`.
    fn nk<S: Scalar>(&self, c: usize) -> Result<(S, S)> {
        let nk = self.val::<S>(self.lay.nk(c))?;
        Ok((nk, nk + S::from_f64(10.0) * S::EPSILON))
    }
    /// `(t_kf, delta_kf)`.
    fn t_delta<S: Scalar>(&self, c: usize, f: usize, nk1: S) -> Result<(S, S)> {
        let t = self.val::<S>(self.lay.t1(c, f))?;
        let ten_eps = S::from_f64(10.0) * S::EPSILON;
        Ok((t, (t - ten_eps * self.mu::<S>(c, f)) / nk1))
    }
    /// Component `c`'s centred second moment about its new mean, `(a, b)`
    /// (`a >= b`), not yet divided.
    fn moment<S: Scalar>(&self, c: usize, a: usize, b: usize, s2: usize) -> Result<S> {
        let (nk, nk1) = self.nk::<S>(c)?;
        let (ta, da) = self.t_delta::<S>(c, a, nk1)?;
        let (tb, db) = self.t_delta::<S>(c, b, nk1)?;
        let s = self.val::<S>(self.lay.s2(s2))?;
        Ok(s - da * tb - ta * db + nk * da * db)
    }

    /// Visits the M-step's weights, means and covariances (`which`, index, value).
    fn each<S: Scalar>(&self, reg: S, mut visit: impl FnMut(u8, usize, S)) -> Result<()> {
        let (k, d, ct) = (self.lay.k, self.lay.d, self.lay.ct);
        let mut nk_sum = S::ZERO;
        for c in 0..k {
            nk_sum += self.nk::<S>(c)?.1;
        }
        for c in 0..k {
            let (_, nk1) = self.nk::<S>(c)?;
            visit(0, c, nk1 / nk_sum);
            for f in 0..d {
                let (_, delta) = self.t_delta::<S>(c, f, nk1)?;
                visit(1, c * d + f, self.mu::<S>(c, f) + delta);
            }
        }
        match ct {
            CovarianceType::Full => {
                for c in 0..k {
                    let (_, nk1) = self.nk::<S>(c)?;
                    for a in 0..d {
                        for b in 0..=a {
                            let v = self.moment::<S>(c, a, b, c * tri(d, 0) + tri(a, b))? / nk1;
                            let v = if a == b { v + reg } else { v };
                            visit(2, c * d * d + a * d + b, v);
                            visit(2, c * d * d + b * d + a, v);
                        }
                    }
                }
            }
            CovarianceType::Tied => {
                for a in 0..d {
                    for b in 0..=a {
                        let mut v = self.val::<S>(self.lay.s2(tri(a, b)))?;
                        for c in 0..k {
                            let (nk, nk1) = self.nk::<S>(c)?;
                            let (ta, da) = self.t_delta::<S>(c, a, nk1)?;
                            let (tb, db) = self.t_delta::<S>(c, b, nk1)?;
                            v += nk * da * db - da * tb - ta * db;
                        }
                        let v = v / nk_sum;
                        let v = if a == b { v + reg } else { v };
                        visit(2, a * d + b, v);
                        visit(2, b * d + a, v);
                    }
                }
            }
            CovarianceType::Diag => {
                for c in 0..k {
                    let (_, nk1) = self.nk::<S>(c)?;
                    for f in 0..d {
                        let v = self.moment::<S>(c, f, f, c * d + f)? / nk1 + reg;
                        visit(2, c * d + f, v);
                    }
                }
            }
            CovarianceType::Spherical => {
                for c in 0..k {
                    let (_, nk1) = self.nk::<S>(c)?;
                    let mut t = S::ZERO;
                    for f in 0..d {
                        t += self.moment::<S>(c, f, f, c * d + f)? / nk1 + reg;
                    }
                    visit(2, c, t / S::from_usize(d));
                }
            }
        }
        Ok(())
    }
}

/// The M-step: writes the new `weights` (`k`), `means` (`k d`) and
/// `covariances` (layout of the blob's covariance type) and returns the pass's
/// lower bound (weighted mean log-likelihood). Nothing is written on error.
pub fn finish<S: Scalar>(
    blob: &[u8],
    reg_covar: f64,
    weights: &mut [S],
    means: &mut [S],
    covariances: &mut [S],
) -> Result<f64> {
    let (k, d, ct) = recorded(blob)?;
    let elem = partial::check(blob, shape(k, d, ct)?)?;
    partial::expect::<S>(elem)?;
    if !(reg_covar.is_finite() && reg_covar >= 0.0) {
        return Err(Error::InvalidParameter("reg_covar"));
    }
    let lay = Lay::new(ct, k, d)?;
    if weights.len() != k {
        return Err(Error::InvalidShape("weights"));
    }
    if means.len() != k * d {
        return Err(Error::InvalidShape("means"));
    }
    if covariances.len() != lay.cov {
        return Err(Error::InvalidShape("covariances"));
    }
    let fin = Fin { blob, lay };
    let w_total =
        exact::to_f64(partial::acc(blob, fin.lay.w())).ok_or(Error::Numerical("stats"))?;
    if w_total <= 0.0 {
        return Err(Error::InvalidParameter("sample_weight"));
    }
    let ll = exact::to_f64(partial::acc(blob, fin.lay.ll())).ok_or(Error::Numerical("stats"))?;
    let lower_bound = ll / w_total;
    if !lower_bound.is_finite() {
        return Err(Error::Numerical("lower_bound"));
    }
    let reg = S::from_f64(reg_covar);
    let mut ok = true;
    fin.each::<S>(reg, |_, _, v| ok &= v.is_finite())?;
    if !ok {
        return Err(Error::Numerical("covariances"));
    }
    fin.each::<S>(reg, |which, i, v| {
        let out = match which {
            0 => weights.get_mut(i),
            1 => means.get_mut(i),
            _ => covariances.get_mut(i),
        };
        if let Some(o) = out {
            *o = v;
        }
    })?;
    Ok(lower_bound)
}
