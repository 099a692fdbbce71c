//! k-means partial statistics: one Lloyd iteration split into row ranges
//! (`init`, [`accumulate`] per range, [`merge`], [`finish`]); see
//! [`crate::partial`] for the exactness scheme and the blob header.
//!
//! [`accumulate`] labels each row with its nearest center through the one-call
//! fit's Lloyd kernel (scores `||c - m||^2 - 2 (x - m).(c - m)` with `m` the
//! mean of the centers, ties to the lowest index; a row's label never depends
//! on the other rows of its call), then adds, per global block of
//! [`BLOCK_ROWS`] rows, each cluster's weighted
//! coordinate sums and weight sum (summed in row order in the element type) and
//! the block's weighted inertia to exact accumulators. It also keeps the `k`
//! rows farthest from their assigned center (keyed by distance, then global
//! row index, lower first), with their values, weight and label: the
//! relocation candidates. [`finish`] reads the sums back, relocates empty
//! clusters as the one-call fit does (the `r`-th empty cluster, ascending,
//! takes the `r`-th farthest row, which leaves its cluster), and divides by
//! the weights (multiplying by the reciprocal). The caller loops and tests
//! convergence itself (strict: `n_changed == 0`; or `center_shift <= tol`).
//!
//! Payload after the header: `n_changed` (u64), `n_candidates` (u64), then
//! `k * d` coordinate sums, `k` weight sums and the inertia (272 bytes each),
//! then `k` candidate slots of `32 + 8 d` bytes (distance f64, global row u64,
//! label u32, 0 u32, weight f64, `d` values f64), then accumulate's scratch
//! (centred centers, kernel panels, block sums), zero whenever a call returns.
//!
//! Work: [`accumulate`] is O(rows * k * d) (the distances), plus
//! O(k * (32 + 8d)) per candidate insertion in the worst case; [`merge`] is
//! linear in the blob size; [`finish`] is O(k * d * (1 + n_empty)).

use super::lloyd;
use crate::distance::sq_euclidean;
use crate::error::{Error, Result};
use crate::matrix::{check_finite, check_weights, Matrix};
use crate::partial::{self, exact, Kind, Shape, BLOCK_ROWS, HEADER};
use crate::scalar::Scalar;
use crate::workspace::{Layout, Workspace};

/// What [`finish`] reports about the pass.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepResult {
    /// Weighted sum of squared distances of the rows to their assigned center.
    pub inertia: f64,
    /// `sum_j ||new_j - old_j||^2`.
    pub center_shift: f64,
    /// Rows whose label differs from the caller's previous label.
    pub n_changed: u64,
}

const OFF_CHANGED: usize = HEADER;
const OFF_CAND: usize = HEADER + 8;
const OFF_ACC: usize = HEADER + 16;

struct Lay {
    k: usize,
    d: usize,
    slot: usize,
    cands: usize,
    scratch: usize,
}

impl Lay {
    fn new(k: usize, d: usize) -> Lay {
        let slot = 32 + 8 * d;
        let cands = OFF_ACC + (k * d + k + 1) * exact::BYTES;
        let scratch = cands + k * slot;
        Lay {
            k,
            d,
            slot,
            cands,
            scratch,
        }
    }
    /// Counts of the scratch arrays: centred centers, their mean, panels,
    /// norms, tile, block sums, block weights (panels padded for f32, the wider).
    fn scratch_counts(&self) -> Result<[usize; 7]> {
        let (k, d) = (self.k, self.d);
        let o = Error::SizeOverflow("stats");
        let kp = lloyd::padded_k::<f32>(k, d).max(lloyd::padded_k::<f64>(k, d));
        let kd = k.checked_mul(d).ok_or(o)?;
        let kpd = kp.checked_mul(d).ok_or(o)?;
        let tile = d.checked_mul(lloyd::R).ok_or(o)?;
        Ok([kd, d, kpd, kp, tile, kd, k])
    }
    fn scratch_layout(&self) -> Result<Layout> {
        self.scratch_counts()?
            .iter()
            .try_fold(Layout::new(), |l, &c| l.array::<f64>(c))
            .map_err(|_| Error::SizeOverflow("stats"))
    }
    fn sum(&self, j: usize, f: usize) -> usize {
        OFF_ACC + (j * self.d + f) * exact::BYTES
    }
    fn wsum(&self, j: usize) -> usize {
        OFF_ACC + (self.k * self.d + j) * exact::BYTES
    }
    fn inertia(&self) -> usize {
        OFF_ACC + (self.k * self.d + self.k) * exact::BYTES
    }
    fn slot(&self, t: usize) -> usize {
        self.cands + t * self.slot
    }
}

/// The blob shape for `k` clusters of `d` features.
pub fn shape(k: usize, d: usize) -> Result<Shape> {
    if d == 0 {
        return Err(Error::InvalidShape("d"));
    }
    if k == 0 || k > super::fit::MAX_CLUSTERS {
        return Err(Error::InvalidParameter("k"));
    }
    let kd = k.checked_mul(d).ok_or(Error::SizeOverflow("stats"))?;
    let n_acc = kd
        .checked_add(k)
        .and_then(|v| v.checked_add(1))
        .ok_or(Error::SizeOverflow("stats"))?;
    let slot = d
        .checked_mul(8)
        .and_then(|v| v.checked_add(32))
        .ok_or(Error::SizeOverflow("stats"))?;
    let stats = partial::size(&[(1, OFF_ACC), (n_acc, exact::BYTES), (k, slot)])?;
    let scratch = Lay::new(k, d).scratch_layout()?.bytes();
    Ok(Shape {
        kind: Kind::KMeans,
        k: k as u64,
        d: d as u64,
        cov: u32::MAX,
        bytes: stats
            .checked_add(scratch)
            .ok_or(Error::SizeOverflow("stats"))?,
    })
}

/// Starts an empty blob for `k` clusters of `d` features.
pub fn init(blob: &mut [u8], k: usize, d: usize) -> Result<()> {
    partial::init(blob, shape(k, d)?)
}

/// One relocation candidate read from a blob.
#[derive(Clone, Copy)]
struct Cand {
    dist: f64,
    row: u64,
    label: u32,
    weight: f64,
}

fn cand(blob: &[u8], lay: &Lay, t: usize) -> Cand {
    let o = lay.slot(t);
    Cand {
        dist: partial::get_f64(blob, o),
        row: partial::get_u64(blob, o + 8),
        label: partial::get_u32(blob, o + 16),
        weight: partial::get_f64(blob, o + 24),
    }
}

fn cand_value(blob: &[u8], lay: &Lay, t: usize, f: usize) -> f64 {
    partial::get_f64(blob, lay.slot(t) + 32 + 8 * f)
}

/// `max |v_i|` (0 for an empty slice), in eight independent lanes so that it
/// vectorises.
pub(crate) fn max_abs<S: Scalar>(v: &[S]) -> S {
    let mut m = [S::ZERO; 8];
    let mut chunks = v.chunks_exact(8);
    for c in chunks.by_ref() {
        for (ml, &x) in m.iter_mut().zip(c) {
            let a = x.abs();
            *ml = if a > *ml { a } else { *ml };
        }
    }
    let mut out = S::ZERO;
    for &x in chunks.remainder().iter().chain(m.iter()) {
        let a = x.abs();
        out = if a > out { a } else { out };
    }
    out
}

/// Whether `a` ranks before `b` (farther, or as far and an earlier row).
fn before(a: (f64, u64), b: (f64, u64)) -> bool {
    a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
}

/// Validates the k-means payload: counts and candidates.
fn check_payload(blob: &[u8], lay: &Lay) -> Result<()> {
    let bad = Err(Error::InvalidParameter("stats"));
    let rows = partial::rows(blob);
    let n_cand = partial::get_u64(blob, OFF_CAND);
    if partial::get_u64(blob, OFF_CHANGED) > rows || n_cand > rows || n_cand > lay.k as u64 {
        return bad;
    }
    let mut prev: Option<(f64, u64)> = None;
    for t in 0..n_cand as usize {
        let c = cand(blob, lay, t);
        let ok = c.dist.is_finite()
            && c.dist >= 0.0
            && c.weight.is_finite()
            && c.weight >= 0.0
            && (c.label as usize) < lay.k
            && partial::get_u32(blob, lay.slot(t) + 20) == 0
            && prev.is_none_or(|p| before(p, (c.dist, c.row)))
            && (0..lay.d).all(|f| cand_value(blob, lay, t, f).is_finite());
        if !ok {
            return bad;
        }
        prev = Some((c.dist, c.row));
    }
    Ok(())
}

/// Inserts row `row` (global index) as a candidate if it ranks among the `k` farthest.
fn insert<S: Scalar>(blob: &mut [u8], lay: &Lay, dist: S, row: u64, label: u32, w: S, x: &[S]) {
    let n = partial::get_u64(blob, OFF_CAND) as usize;
    let key = (dist.to_f64(), row);
    let full = n >= lay.k;
    if full {
        let last = cand(blob, lay, lay.k - 1);
        if !before(key, (last.dist, last.row)) {
            return;
        }
    }
    // Binary search for the first slot the new row ranks before.
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let c = cand(blob, lay, mid);
        if before(key, (c.dist, c.row)) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    let keep = if full { lay.k - 1 } else { n };
    if lo < keep {
        partial::move_bytes(
            blob,
            lay.slot(lo),
            lay.slot(lo + 1),
            lay.slot(keep) - lay.slot(lo),
        );
    }
    let o = lay.slot(lo);
    partial::set_f64(blob, o, key.0);
    partial::set_u64(blob, o + 8, row);
    partial::set_u32(blob, o + 16, label);
    partial::set_u32(blob, o + 20, 0);
    partial::set_f64(blob, o + 24, w.to_f64());
    for (f, &v) in x.iter().enumerate() {
        partial::set_f64(blob, o + 32 + 8 * f, v.to_f64());
    }
    if !full {
        partial::set_u64(blob, OFF_CAND, n as u64 + 1);
    }
}

/// Folds rows `first_row .. first_row + x.n()` (global indices) into the
/// blob: labels each row with its nearest center among `centers` (`k * d`),
/// writes the labels (`labels` holds the previous labels on entry, `-1` for
/// none) and adds the pass's statistics. Validates everything (shapes,
/// finiteness, weights `>= 0`, labels in `-1..k`, the blob, and that no
/// distance or block sum can overflow: `Numerical`) before writing anything.
#[allow(clippy::too_many_arguments)]
pub fn accumulate<S: Scalar>(
    x: Matrix<'_, S>,
    w: Option<&[S]>,
    first_row: u64,
    centers: &[S],
    k: usize,
    labels: &mut [i32],
    blob: &mut [u8],
) -> Result<()> {
    let (rows, d) = (x.n(), x.d());
    let shape = shape(k, d)?;
    let lay = Lay::new(k, d);
    let elem = partial::check(blob, shape)?;
    check_payload(blob, &lay)?;
    if centers.len() != k * d {
        return Err(Error::InvalidShape("centers"));
    }
    check_finite(centers, "centers")?;
    if labels.len() != rows {
        return Err(Error::InvalidShape("labels"));
    }
    let kmax = i64::try_from(k).unwrap_or(i64::MAX);
    if labels.iter().any(|&l| l < -1 || i64::from(l) >= kmax) {
        return Err(Error::InvalidParameter("labels"));
    }
    check_weights(w, rows)?;
    let total_rows = partial::range_rows(blob, first_row, rows)?;
    // Overflow bound: every squared distance is at most d (|x| + |c|)^2, and
    // a block sums at most BLOCK_ROWS weighted terms.
    let (mx, mc) = (max_abs(x.as_slice()), max_abs(centers));
    let wmax = w.map_or(S::ONE, max_abs).max_of(S::ONE);
    let t = mx + mc;
    let scale = wmax * S::from_usize(BLOCK_ROWS * 2);
    if !(t * t * S::from_usize(d) * scale).is_finite() || !(mx * scale).is_finite() {
        return Err(Error::Numerical("x: squared distances overflow"));
    }

    let (blob, scratch) = blob.split_at_mut(lay.scratch.min(blob.len()));
    let mut ws = Workspace::new(scratch);
    let [c_kd, c_d, c_kpd, c_kp, c_tile, c_bs, c_bw] = lay.scratch_counts()?;
    let cc = ws.take_filled::<S>(c_kd, S::ZERO)?;
    let mean = ws.take_filled::<S>(c_d, S::ZERO)?;
    let kp = lloyd::padded_k::<S>(k, d);
    let ct = ws.take_filled::<S>(c_kpd, S::ZERO)?;
    let cn = ws.take_filled::<S>(c_kp, S::ZERO)?;
    let tile = ws.take_filled::<S>(c_tile, S::ZERO)?;
    let bsum = ws.take_filled::<S>(c_bs, S::ZERO)?;
    let bw = ws.take_filled::<S>(c_bw, S::ZERO)?;
    partial::claim::<S>(blob, elem)?;
    partial::set_merged(blob, partial::Elem::of::<S>(), total_rows);
    // Centre the centers at their mean (the kernel's scores then lose little
    // to cancellation, as the fit's centring at the data mean).
    for c in crate::matrix::row_iter(centers, d) {
        for (m, &v) in mean.iter_mut().zip(c) {
            *m += v;
        }
    }
    let kk = S::from_usize(k);
    for m in mean.iter_mut() {
        *m /= kk;
    }
    for (o, (&v, &m)) in cc.iter_mut().zip(centers.iter().zip(mean.iter().cycle())) {
        *o = v - m;
    }
    let (ct_s, cn_s) = (
        ct.get_mut(..kp * d).unwrap_or(&mut []),
        cn.get_mut(..kp).unwrap_or(&mut []),
    );
    lloyd::prepare(cc, k, d, ct_s, cn_s);
    let mut changed = 0u64;
    let mut i = 0usize;
    while i < rows {
        let g = first_row + i as u64;
        let len = (BLOCK_ROWS - (g % BLOCK_ROWS as u64) as usize).min(rows - i);
        let mut labs = [u32::MAX; BLOCK_ROWS];
        let Some(xb) = x.rows_range(i, len) else {
            break;
        };
        lloyd::assign(
            xb,
            None,
            mean,
            ct_s,
            cn_s,
            tile,
            labs.get_mut(..len).unwrap_or(&mut []),
            None,
        );
        let mut inertia = S::ZERO;
        for (r, &arg) in labs.iter().enumerate().take(len) {
            let row = x.row(i + r);
            let j = arg as usize;
            let best = sq_euclidean(row, centers.get(j * d..j * d + d).unwrap_or(&[]));
            let wi = w.and_then(|w| w.get(i + r)).copied().unwrap_or(S::ONE);
            if let Some(l) = labels.get_mut(i + r) {
                changed += u64::from(*l != arg as i32);
                *l = arg as i32;
            }
            inertia += best * wi;
            insert(blob, &lay, best, g + r as u64, arg, wi, row);
            if let Some(sums) = bsum.get_mut(j * d..j * d + d) {
                for (s, &v) in sums.iter_mut().zip(row) {
                    *s += v * wi;
                }
            }
            if let Some(b) = bw.get_mut(j) {
                *b += wi;
            }
        }
        exact::add(partial::acc_mut(blob, lay.inertia()), inertia.to_f64());
        for (j, b) in bw.iter_mut().enumerate() {
            exact::add(partial::acc_mut(blob, lay.wsum(j)), b.to_f64());
            *b = S::ZERO;
        }
        for (jf, s) in bsum.iter_mut().enumerate() {
            exact::add(partial::acc_mut(blob, lay.sum(0, jf)), s.to_f64());
            *s = S::ZERO;
        }
        i += len;
    }
    // The scratch is zero whenever a call returns (canonical blob bytes).
    for s in [cc, mean, ct, cn, tile] {
        s.fill(S::ZERO);
    }
    let c = partial::get_u64(blob, OFF_CHANGED).saturating_add(changed);
    partial::set_u64(blob, OFF_CHANGED, c);
    Ok(())
}

/// `into += from` for two k-means blobs of the same shape (exact sums, counts,
/// and the `k` farthest candidates of both).
pub fn merge(into: &mut [u8], from: &[u8]) -> Result<()> {
    let (k, d, _) = partial::recorded_params(into, Kind::KMeans)?;
    // The recorded k and d must give the recorded size (else the blob is corrupt).
    let shape = self::shape(k, d).map_err(|_| Error::InvalidParameter("stats"))?;
    let lay = Lay::new(k, d);
    // Validate both fully before changing anything.
    partial::check(into, shape)?;
    partial::check(from, shape)?;
    check_payload(into, &lay)?;
    check_payload(from, &lay)?;
    let changed = partial::get_u64(into, OFF_CHANGED)
        .checked_add(partial::get_u64(from, OFF_CHANGED))
        .ok_or(Error::InvalidParameter("stats"))?;
    partial::merge_header(into, from)?;
    partial::set_u64(into, OFF_CHANGED, changed);
    partial::merge_accs(into, from, OFF_ACC, k * d + k + 1);
    // Candidates: the best min(k, na + nb) of both sorted lists, merged from the back.
    let na = partial::get_u64(into, OFF_CAND) as usize;
    let nb = partial::get_u64(from, OFF_CAND) as usize;
    let m = k.min(na + nb);
    let (mut ia, mut ib) = (0usize, 0usize);
    for _ in 0..m {
        let take_a = ib >= nb
            || (ia < na && {
                let (a, b) = (cand(into, &lay, ia), cand(from, &lay, ib));
                before((a.dist, a.row), (b.dist, b.row))
            });
        if take_a {
            ia += 1;
        } else {
            ib += 1;
        }
    }
    let mut pos = m;
    while pos > 0 {
        pos -= 1;
        let take_b = ia == 0
            || (ib > 0 && {
                let (a, b) = (cand(into, &lay, ia - 1), cand(from, &lay, ib - 1));
                before((a.dist, a.row), (b.dist, b.row))
            });
        if take_b {
            ib -= 1;
            let src = lay.slot(ib);
            if let (Some(dst), Some(s)) = (
                into.get_mut(lay.slot(pos)..lay.slot(pos) + lay.slot),
                from.get(src..src + lay.slot),
            ) {
                partial::copy_bytes(dst, s);
            }
        } else {
            ia -= 1;
            if ia != pos {
                partial::move_bytes(into, lay.slot(ia), lay.slot(pos), lay.slot);
            }
        }
    }
    partial::set_u64(into, OFF_CAND, m as u64);
    Ok(())
}

/// The validated inputs of a finish.
struct Plan<'b> {
    blob: &'b [u8],
    lay: Lay,
    n_empty: usize,
}

impl Plan<'_> {
    fn base<S: Scalar>(&self, off: usize) -> Result<S> {
        exact::to_scalar::<S>(partial::acc(self.blob, off))
            .ok_or(Error::Numerical("centers: weighted sums overflow"))
    }

    /// Cluster `j`'s weight after relocation (`rank`: its rank among the empty
    /// clusters if it is empty).
    fn weight<S: Scalar>(&self, j: usize, rank: Option<usize>) -> Result<S> {
        let mut ws = self.base::<S>(self.lay.wsum(j))?;
        for r in 0..self.n_empty {
            let c = cand(self.blob, &self.lay, r);
            let wt = S::from_f64(c.weight);
            if rank == Some(r) {
                ws = wt;
            }
            if c.label as usize == j {
                ws -= wt;
            }
        }
        Ok(ws)
    }

    /// Cluster `j`'s sum of feature `f` after relocation.
    fn sum<S: Scalar>(&self, j: usize, f: usize, rank: Option<usize>) -> Result<S> {
        let mut v = self.base::<S>(self.lay.sum(j, f))?;
        for r in 0..self.n_empty {
            let c = cand(self.blob, &self.lay, r);
            let xv = S::from_f64(cand_value(self.blob, &self.lay, r, f)) * S::from_f64(c.weight);
            if c.label as usize == j {
                v -= xv;
            }
            if rank == Some(r) {
                v = xv;
            }
        }
        Ok(v)
    }

    /// Visits every new center value `(j, f, value)`; fails on overflow.
    fn each<S: Scalar>(&self, mut visit: impl FnMut(usize, usize, S)) -> Result<()> {
        let mut rank = 0usize;
        for j in 0..self.lay.k {
            let empty = exact::is_zero(partial::acc(self.blob, self.lay.wsum(j)));
            let rj = if empty { Some(rank) } else { None };
            rank += usize::from(empty);
            let ws = self.weight::<S>(j, rj)?;
            let alpha = S::ONE / ws;
            for f in 0..self.lay.d {
                let mut v = self.sum::<S>(j, f, rj)?;
                if ws > S::ZERO {
                    v *= alpha;
                }
                if !v.is_finite() {
                    return Err(Error::Numerical("centers: weighted sums overflow"));
                }
                visit(j, f, v);
            }
        }
        Ok(())
    }
}

fn plan<'b, S: Scalar>(blob: &'b [u8], k: usize, d: usize) -> Result<Plan<'b>> {
    let shape = shape(k, d)?;
    let lay = Lay::new(k, d);
    let elem = partial::check(blob, shape)?;
    partial::expect::<S>(elem)?;
    check_payload(blob, &lay)?;
    if partial::rows(blob) < k as u64 {
        return Err(Error::InvalidParameter("n_clusters"));
    }
    let n_empty = (0..k)
        .filter(|&j| exact::is_zero(partial::acc(blob, lay.wsum(j))))
        .count();
    if n_empty == k {
        return Err(Error::InvalidParameter("sample_weight"));
    }
    if (partial::get_u64(blob, OFF_CAND) as usize) < n_empty {
        return Err(Error::InvalidParameter("stats"));
    }
    Ok(Plan { blob, lay, n_empty })
}

/// Checks a finish of `blob` with the pass's `centers` (`k * d`) and computes
/// its result without writing; [`finish_write`] then writes the new centers.
/// Split in two so that C callers may pass the same buffer for both.
pub fn finish_check<S: Scalar>(
    blob: &[u8],
    centers: &[S],
    k: usize,
    d: usize,
) -> Result<StepResult> {
    let p = plan::<S>(blob, k, d)?;
    if centers.len() != k * d {
        return Err(Error::InvalidShape("centers"));
    }
    check_finite(centers, "centers")?;
    let mut row_sq = S::ZERO;
    let mut tot = S::ZERO;
    p.each::<S>(|j, f, v| {
        let t = v - centers.get(j * d + f).copied().unwrap_or(S::ZERO);
        row_sq += t * t;
        if f + 1 == d {
            let sh = row_sq.sqrt();
            tot += sh * sh;
            row_sq = S::ZERO;
        }
    })?;
    if !tot.is_finite() {
        return Err(Error::Numerical("center_shift"));
    }
    let inertia = exact::to_f64(partial::acc(blob, p.lay.inertia()))
        .ok_or(Error::Numerical("inertia overflows"))?;
    Ok(StepResult {
        inertia,
        center_shift: tot.to_f64(),
        n_changed: partial::get_u64(blob, OFF_CHANGED),
    })
}

/// Writes the new centers (`k * d`) of a blob that [`finish_check`] accepted.
pub fn finish_write<S: Scalar>(blob: &[u8], k: usize, d: usize, out: &mut [S]) -> Result<()> {
    if out.len() != k * d {
        return Err(Error::InvalidShape("new_centers"));
    }
    let p = plan::<S>(blob, k, d)?;
    p.each::<S>(|j, f, v| {
        if let Some(o) = out.get_mut(j * d + f) {
            *o = v;
        }
    })
}

/// Ends a pass: from the merged blob and the `centers` the pass used, writes
/// the new centers to `new_centers` (empty clusters relocated as the one-call
/// fit does) and returns the pass's inertia, center shift and label changes.
/// Nothing is written on error.
pub fn finish<S: Scalar>(
    blob: &[u8],
    centers: &[S],
    k: usize,
    d: usize,
    new_centers: &mut [S],
) -> Result<StepResult> {
    if new_centers.len() != k * d {
        return Err(Error::InvalidShape("new_centers"));
    }
    let r = finish_check(blob, centers, k, d)?;
    finish_write(blob, k, d, new_centers)?;
    Ok(r)
}
