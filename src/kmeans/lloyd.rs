//! Lloyd's assignment step: a register-blocked, vectorisable distance-plus-argmin
//! kernel over `R` rows and `KB` centers at a time.
//!
//! Scores are scikit-learn's `||c||^2 - 2 x.c` on mean-centred data (the `||x||^2`
//! term does not change the argmin). The centers are stored transposed in
//! panels of `KB` (block-major `[block][feature][lane]`, padded with zero
//! coordinates and a `MAX` norm so padding never wins), so the inner loop is
//! `KB` independent fused multiply-adds per feature that the compiler turns into
//! SIMD. Every (row, center) lane follows the same operation order, so the
//! single-row scorer used by Hamerly gives bit-identical scores. Ties go to the
//! lowest center index, as in scikit-learn.

use crate::matrix::Matrix;
use crate::scalar::Scalar;

/// Rows per kernel call.
pub(crate) const R: usize = 8; // `fill_tile` is written for 8 rows
/// Rows per accumulation block (center sums are added block by block).
pub(crate) const NB: usize = 256;

/// Centers per panel: 8 for f32, 4 for f64, so that the kernel's `KB x R`
/// accumulators (`R` = 8 rows) fill 8 of the 16 256-bit registers. (`d` is
/// kept in the signature for shape-dependent choices.)
#[inline(always)]
pub(crate) fn kb<S: Scalar>(d: usize) -> usize {
    let _ = d;
    if S::IS_SINGLE {
        8
    } else {
        4
    }
}

/// `k` rounded up to whole panels (saturating; sizes are checked by the layout).
pub(crate) fn padded_k<S: Scalar>(k: usize, d: usize) -> usize {
    let kb = kb::<S>(d);
    k.div_ceil(kb).saturating_mul(kb)
}

/// Sums values in blocks of [`NB`]: each block sequentially, then the block sums
/// in order. Fixed order; error grows with `n / NB + NB` rather than `n`.
pub(crate) fn blocked_sum<S: Scalar>(values: impl Iterator<Item = S>) -> S {
    let (mut total, mut block, mut c) = (S::ZERO, S::ZERO, 0usize);
    for v in values {
        block += v;
        c += 1;
        if c == NB {
            total += block;
            block = S::ZERO;
            c = 0;
        }
    }
    total + block
}

/// `sum c_f^2` in feature order with fused multiply-adds (the norm the scores use).
#[inline(always)]
pub(crate) fn fma_sq_norm<S: Scalar>(v: &[S]) -> S {
    v.iter().fold(S::ZERO, |a, &c| c.mul_add(c, a))
}

/// Fills the transposed panels `ct` (`kp * d`) and norms `cn` (`kp`) from the
/// row-major `centers` (`k * d`).
pub(crate) fn prepare<S: Scalar>(centers: &[S], k: usize, d: usize, ct: &mut [S], cn: &mut [S]) {
    let kb = kb::<S>(d);
    let panel_len = d.max(1).saturating_mul(kb);
    // Indexed panels (not a zip of two chunk iterators, whose out-of-line
    // constructor keeps a division-by-zero panic path at opt-level s).
    for jb in 0..cn.len() / kb {
        let (Some(panel), Some(cnb)) = (
            ct.get_mut(jb.saturating_mul(panel_len)..(jb + 1).saturating_mul(panel_len)),
            cn.get_mut(jb * kb..jb * kb + kb),
        ) else {
            break;
        };
        for (l, c) in cnb.iter_mut().enumerate() {
            let j = jb * kb + l;
            let row = if j < k {
                centers.get(j * d..j * d + d)
            } else {
                None
            };
            match row {
                Some(row) => {
                    *c = fma_sq_norm(row);
                    for (f, &v) in row.iter().enumerate() {
                        if let Some(p) = panel.get_mut(f * kb + l) {
                            *p = v;
                        }
                    }
                }
                None => {
                    *c = S::MAX;
                    for f in 0..d {
                        if let Some(p) = panel.get_mut(f * kb + l) {
                            *p = S::ZERO;
                        }
                    }
                }
            }
        }
    }
}

/// The labels of the `R` rows whose centred values are in `tile`, stored
/// feature-major (`tile[f * R + r]`). Vectorised over the rows: for each
/// center, its `R` scores are one vector, so the running minimum and argmin are
/// element-wise selects (no horizontal reduction). Centers are visited in
/// increasing index with a strict `<`, so ties go to the lowest index.
#[inline(always)]
#[cfg_attr(target_os = "none", allow(dead_code))] // host only (see `assign`)
fn kernel<S: Scalar, const KB: usize>(tile: &[S], d: usize, ct: &[S], cn: &[S]) -> [u32; R] {
    let neg2 = S::from_f64(-2.0);
    let mut best = [S::INFINITY; R];
    let mut arg = [S::ZERO; R];
    // Center indices as values of S (exact: k <= fit::MAX_CLUSTERS = 2^24).
    let mut js = S::ZERO;
    for (panel, cnb) in ct.chunks_exact((d * KB).max(1)).zip(cn.chunks_exact(KB)) {
        let mut acc = [[S::ZERO; R]; KB];
        for (xs, cr) in tile.chunks_exact(R).zip(panel.chunks_exact(KB)) {
            let (Ok(xs), Ok(cr)) = (<[S; R]>::try_from(xs), <[S; KB]>::try_from(cr)) else {
                continue;
            };
            for (a, &c) in acc.iter_mut().zip(cr.iter()) {
                for (ar, &xr) in a.iter_mut().zip(xs.iter()) {
                    *ar = xr.mul_add(c, *ar);
                }
            }
        }
        for (a, &c) in acc.iter().zip(cnb.iter()) {
            update_min(a, c, neg2, js, &mut best, &mut arg);
            js += S::ONE;
        }
    }
    let mut out = [0u32; R];
    for (o, &a) in out.iter_mut().zip(arg.iter()) {
        *o = super::draw::to_index(a);
    }
    out
}

/// Writes `x - mean` of the rows in `xg` (up to `R` rows of `d` values) into
/// the feature-major `tile` (`tile[f * R + r]`); missing rows are 0.
#[inline(always)]
#[cfg_attr(target_os = "none", allow(dead_code))] // host only (see `assign`)
fn fill_tile<S: Scalar>(tile: &mut [S], xg: &[S], mean: &[S], d: usize) {
    let mut rows = xg.chunks_exact(d.max(1));
    if let (Some(r0), Some(r1), Some(r2), Some(r3), Some(r4), Some(r5), Some(r6), Some(r7)) = (
        rows.next(),
        rows.next(),
        rows.next(),
        rows.next(),
        rows.next(),
        rows.next(),
        rows.next(),
        rows.next(),
    ) {
        // A full group: gather one feature of the 8 rows, store it contiguously.
        for (((((((((t, &m), &a0), &a1), &a2), &a3), &a4), &a5), &a6), &a7) in tile
            .chunks_exact_mut(R)
            .zip(mean)
            .zip(r0)
            .zip(r1)
            .zip(r2)
            .zip(r3)
            .zip(r4)
            .zip(r5)
            .zip(r6)
            .zip(r7)
        {
            let v = [a0, a1, a2, a3, a4, a5, a6, a7];
            for (tv, &x) in t.iter_mut().zip(v.iter()) {
                *tv = x - m;
            }
        }
        return;
    }
    tile.fill(S::ZERO);
    for (r, row) in xg.chunks_exact(d.max(1)).enumerate() {
        for ((t, &v), &m) in tile.iter_mut().skip(r).step_by(R).zip(row).zip(mean) {
            *t = v - m;
        }
    }
}

/// Row-wise: `best = min(best, cn - 2 acc)`, `arg = j` where it moved.
/// Whole-array stores keep the selects branch-free (vectorised blends).
#[inline(always)]
#[cfg_attr(target_os = "none", allow(dead_code))] // host only (see `assign`)
fn update_min<S: Scalar>(acc: &[S; R], cn: S, neg2: S, j: S, best: &mut [S; R], arg: &mut [S; R]) {
    let mut nb = [S::ZERO; R];
    let mut na = [S::ZERO; R];
    for r in 0..R {
        let s = acc[r].mul_add(neg2, cn);
        let better = s < best[r];
        nb[r] = if better { s } else { best[r] };
        na[r] = if better { j } else { arg[r] };
    }
    *best = nb;
    *arg = na;
}

/// Scores of one centred row against every (padded) center, with the kernel's
/// exact arithmetic: `scores[j] = ||c_j||^2 - 2 x.c_j`.
#[inline(always)]
pub(crate) fn score_row<S: Scalar, const KB: usize>(
    xc: &[S],
    ct: &[S],
    cn: &[S],
    scores: &mut [S],
) {
    let neg2 = S::from_f64(-2.0);
    let d = xc.len();
    let panel_len = d.saturating_mul(KB);
    let panels = cn.len() / KB.max(1);
    for p in 0..panels {
        let (Some(panel), Some(cnb)) = (
            ct.get(p.saturating_mul(panel_len)..(p + 1).saturating_mul(panel_len)),
            cn.get(p * KB..p * KB + KB),
        ) else {
            break;
        };
        let mut acc = [S::ZERO; KB];
        for (f, &xv) in xc.iter().enumerate() {
            let Some(Ok(cr)) = panel.get(f * KB..f * KB + KB).map(<[S; KB]>::try_from) else {
                continue;
            };
            for l in 0..KB {
                acc[l] = xv.mul_add(cr[l], acc[l]);
            }
        }
        for (l, (&a, &c)) in acc.iter().zip(cnb).enumerate() {
            if let Some(o) = scores.get_mut(p * KB + l) {
                *o = a.mul_add(neg2, c);
            }
        }
    }
}

/// Center sums being accumulated by an assignment pass (all slices are
/// `k * d` or `k`; `block_*` are scratch of the same sizes).
pub(crate) struct Sums<'s, S> {
    pub sums: &'s mut [S],
    pub wsum: &'s mut [S],
    pub block_sums: &'s mut [S],
    pub block_wsum: &'s mut [S],
}

impl<S: Scalar> Sums<'_, S> {
    /// Zeroes the totals and the block scratch. Out of line (flash: it is
    /// called once per iteration).
    #[inline(never)]
    pub fn clear(&mut self) {
        self.sums.fill(S::ZERO);
        self.wsum.fill(S::ZERO);
        self.block_sums.fill(S::ZERO);
        self.block_wsum.fill(S::ZERO);
    }

    /// Adds `w * (x - mean)` to cluster `j`'s block sums.
    #[inline(always)]
    pub fn add(&mut self, j: usize, x: &[S], mean: &[S], w: S) {
        let d = x.len();
        if let Some(row) = self.block_sums.get_mut(j * d..j * d + d) {
            for ((s, &xv), &mv) in row.iter_mut().zip(x).zip(mean) {
                *s += (xv - mv) * w;
            }
        }
        if let Some(ws) = self.block_wsum.get_mut(j) {
            *ws += w;
        }
    }

    /// Adds the block sums to the totals and clears them.
    pub fn flush(&mut self) {
        for (t, b) in self.sums.iter_mut().zip(self.block_sums.iter_mut()) {
            *t += *b;
            *b = S::ZERO;
        }
        for (t, b) in self.wsum.iter_mut().zip(self.block_wsum.iter_mut()) {
            *t += *b;
            *b = S::ZERO;
        }
    }
}

/// One Lloyd assignment pass over all rows: writes `labels`, returns how many
/// changed, and accumulates the weighted center sums when `acc` is given.
/// `ct`/`cn` come from [`prepare`]; `tile` holds `R * d` values.
#[allow(clippy::too_many_arguments)]
pub(crate) fn assign<S: Scalar>(
    x: Matrix<'_, S>,
    w: Option<&[S]>,
    mean: &[S],
    ct: &[S],
    cn: &[S],
    tile: &mut [S],
    labels: &mut [u32],
    acc: Option<&mut Sums<'_, S>>,
) -> usize {
    // Bare metal: the row-at-a-time form (same bits, a fraction of the flash;
    // the 8-row tile only pays off with SIMD registers).
    #[cfg(target_os = "none")]
    {
        if kb::<S>(x.d()) == 8 {
            assign_rows::<S, 8>(x, w, mean, ct, cn, tile, labels, acc)
        } else {
            assign_rows::<S, 4>(x, w, mean, ct, cn, tile, labels, acc)
        }
    }
    #[cfg(not(target_os = "none"))]
    crate::simd::with_simd(
        #[inline(always)]
        || {
            if kb::<S>(x.d()) == 8 {
                assign_impl::<S, 8>(x, w, mean, ct, cn, tile, labels, acc)
            } else {
                assign_impl::<S, 4>(x, w, mean, ct, cn, tile, labels, acc)
            }
        },
    )
}

/// [`assign`] one row at a time, with the same bits: each score is the
/// kernel's `||c||^2 - 2 x.c` (fused multiply-adds in feature order), centers
/// (padding included) are visited in increasing index with a strict `<`, and
/// the sums are added in row order and flushed every [`NB`] rows. `tile`
/// needs `d` values (the centred row). Used on bare-metal targets.
#[cfg_attr(not(target_os = "none"), allow(dead_code))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn assign_rows<S: Scalar, const KB: usize>(
    x: Matrix<'_, S>,
    w: Option<&[S]>,
    mean: &[S],
    ct: &[S],
    cn: &[S],
    tile: &mut [S],
    labels: &mut [u32],
    mut acc: Option<&mut Sums<'_, S>>,
) -> usize {
    let (n, d) = (x.n(), x.d());
    let Some(xc) = tile.get_mut(..d) else {
        return 0;
    };
    let neg2 = S::from_f64(-2.0);
    let panel_len = d.saturating_mul(KB);
    let panels = cn.len() / KB.max(1);
    let mut changes = 0usize;
    for i in 0..n {
        let row = x.row(i);
        let Some(lab) = labels.get_mut(i) else {
            break;
        };
        for ((t, &v), &m) in xc.iter_mut().zip(row).zip(mean) {
            *t = v - m;
        }
        let (mut best, mut arg, mut j) = (S::INFINITY, 0u32, 0u32);
        for p in 0..panels {
            let (Some(panel), Some(cnb)) = (
                ct.get(p.saturating_mul(panel_len)..(p + 1).saturating_mul(panel_len)),
                cn.get(p * KB..p * KB + KB),
            ) else {
                break;
            };
            let mut a = [S::ZERO; KB];
            for (f, &xv) in xc.iter().enumerate() {
                let Some(Ok(cr)) = panel.get(f * KB..f * KB + KB).map(<[S; KB]>::try_from) else {
                    continue;
                };
                for (al, &c) in a.iter_mut().zip(cr.iter()) {
                    *al = xv.mul_add(c, *al);
                }
            }
            for (&al, &c) in a.iter().zip(cnb) {
                let s = al.mul_add(neg2, c);
                if s < best {
                    best = s;
                    arg = j;
                }
                j += 1;
            }
        }
        changes += usize::from(*lab != arg);
        *lab = arg;
        if let Some(a) = acc.as_deref_mut() {
            a.add(arg as usize, row, mean, super::init::weight(w, i));
            if (i + 1) % NB == 0 {
                a.flush();
            }
        }
    }
    if let Some(a) = acc {
        if n % NB != 0 {
            a.flush();
        }
    }
    changes
}

#[inline(always)]
#[allow(clippy::too_many_arguments)]
#[cfg_attr(target_os = "none", allow(dead_code))] // host only (see `assign`)
fn assign_impl<S: Scalar, const KB: usize>(
    x: Matrix<'_, S>,
    w: Option<&[S]>,
    mean: &[S],
    ct: &[S],
    cn: &[S],
    tile: &mut [S],
    labels: &mut [u32],
    mut acc: Option<&mut Sums<'_, S>>,
) -> usize {
    let d = x.d();
    let mut changes = 0usize;
    let rows_per_block = NB * d;
    for (bi, (xb, lb)) in x
        .as_slice()
        .chunks(rows_per_block.max(1))
        .zip(labels.chunks_mut(NB))
        .enumerate()
    {
        for (gi, (xg, lg)) in xb.chunks((R * d).max(1)).zip(lb.chunks_mut(R)).enumerate() {
            // Centre the group into the feature-major tile (missing rows are 0).
            fill_tile(tile, xg, mean, d);
            let labs = kernel::<S, KB>(tile, d, ct, cn);
            for (r, (lab, &new)) in lg.iter_mut().zip(labs.iter()).enumerate() {
                changes += usize::from(*lab != new);
                *lab = new;
                if let Some(a) = acc.as_deref_mut() {
                    let i = bi * NB + gi * R + r;
                    let wi = w.and_then(|w| w.get(i).copied()).unwrap_or(S::ONE);
                    if let Some(row) = xg.get(r * d..r * d + d) {
                        a.add(new as usize, row, mean, wi);
                    }
                }
            }
        }
        if let Some(a) = acc.as_deref_mut() {
            a.flush();
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::distance::sq_euclidean;
    use crate::rng::Rng;

    fn check<S: Scalar>(n: usize, d: usize, k: usize, seed: u64) {
        let mut rng = Rng::new(seed);
        let x: std::vec::Vec<S> = (0..n * d)
            .map(|_| S::from_f64(rng.next_f64() * 4.0 - 2.0))
            .collect();
        let c: std::vec::Vec<S> = (0..k * d)
            .map(|_| S::from_f64(rng.next_f64() * 4.0 - 2.0))
            .collect();
        let kp = padded_k::<S>(k, d);
        let mut ct = std::vec![S::ZERO; kp * d];
        let mut cn = std::vec![S::ZERO; kp];
        prepare(&c, k, d, &mut ct, &mut cn);
        let mean = std::vec![S::ZERO; d];
        let mut tile = std::vec![S::ZERO; R * d];
        let mut labels = std::vec![u32::MAX; n];
        let xm = Matrix::new(&x, n, d).unwrap();
        let changed = assign(xm, None, &mean, &ct, &cn, &mut tile, &mut labels, None);
        assert_eq!(changed, n);
        let mut scores = std::vec![S::ZERO; kp];
        for (i, row) in x.chunks(d).enumerate() {
            // The naive nearest center (direct differences) agrees unless nearly tied.
            let dist: std::vec::Vec<f64> = c
                .chunks(d)
                .map(|cj| sq_euclidean(row, cj).to_f64())
                .collect();
            let best = dist.iter().cloned().fold(f64::INFINITY, f64::min);
            let got = dist[labels[i] as usize];
            assert!(
                got <= best + 1e-4 * (1.0 + best),
                "row {i}: {got} vs {best}"
            );
            // The single-row scorer reproduces the kernel's choice exactly.
            if kb::<S>(d) == 8 {
                score_row::<S, 8>(row, &ct, &cn, &mut scores);
            } else {
                score_row::<S, 4>(row, &ct, &cn, &mut scores);
            }
            let mut arg = 0;
            for j in 1..k {
                if scores[j] < scores[arg] {
                    arg = j;
                }
            }
            assert_eq!(arg as u32, labels[i], "row {i}");
        }
    }

    #[test]
    fn kernel_finds_the_nearest_center_for_awkward_shapes() {
        for (n, d, k) in [
            (1, 1, 1),
            (7, 3, 5),
            (13, 2, 8),
            (33, 17, 9),
            (9, 5, 20),
            (5, 64, 33),
        ] {
            check::<f64>(n, d, k, (n * 31 + d * 7 + k) as u64);
            check::<f32>(n, d, k, (n * 31 + d * 7 + k) as u64);
        }
    }

    /// The row-wise form (bare metal) gives the tiled kernel's labels, change
    /// count and center sums bit for bit.
    fn rows_match<S: Scalar, const KB: usize>(n: usize, d: usize, k: usize, seed: u64) {
        let mut rng = Rng::new(seed);
        let mut gen = |len: usize| -> std::vec::Vec<S> {
            (0..len)
                .map(|_| S::from_f64(rng.next_f64() * 4.0 - 2.0))
                .collect()
        };
        let (x, c, mean, w) = (gen(n * d), gen(k * d), gen(d), gen(n));
        let w: std::vec::Vec<S> = w.iter().map(|&v| v.abs()).collect();
        let kp = padded_k::<S>(k, d);
        let mut ct = std::vec![S::ZERO; kp * d];
        let mut cn = std::vec![S::ZERO; kp];
        prepare(&c, k, d, &mut ct, &mut cn);
        let xm = Matrix::new(&x, n, d).unwrap();
        let run = |rows: bool, wo: Option<&[S]>| {
            let mut tile = std::vec![S::ZERO; R * d];
            let mut labels: std::vec::Vec<u32> = (0..n as u32).map(|i| i % 3).collect();
            let (mut s, mut ws, mut bs, mut bw) = (
                std::vec![S::ZERO; k * d],
                std::vec![S::ZERO; k],
                std::vec![S::ZERO; k * d],
                std::vec![S::ZERO; k],
            );
            let mut acc = Sums {
                sums: &mut s,
                wsum: &mut ws,
                block_sums: &mut bs,
                block_wsum: &mut bw,
            };
            let a = if rows {
                assign_rows::<S, KB>(
                    xm,
                    wo,
                    &mean,
                    &ct,
                    &cn,
                    &mut tile,
                    &mut labels,
                    Some(&mut acc),
                )
            } else {
                assign_impl::<S, KB>(
                    xm,
                    wo,
                    &mean,
                    &ct,
                    &cn,
                    &mut tile,
                    &mut labels,
                    Some(&mut acc),
                )
            };
            let bits = |v: &[S]| -> std::vec::Vec<u8> { bytemuck::cast_slice(v).to_vec() };
            (a, labels, bits(&s), bits(&ws))
        };
        assert_eq!(run(true, None), run(false, None), "n={n} d={d} k={k}");
        assert_eq!(
            run(true, Some(&w)),
            run(false, Some(&w)),
            "n={n} d={d} k={k}"
        );
    }

    #[test]
    fn row_wise_assign_is_the_kernel_bit_for_bit() {
        for (n, d, k) in [
            (1, 1, 1),
            (7, 3, 5),
            (13, 2, 8),
            (300, 5, 9),
            (512, 2, 3),
            (9, 17, 20),
        ] {
            let seed = (n * 31 + d * 7 + k) as u64;
            rows_match::<f32, 8>(n, d, k, seed);
            rows_match::<f64, 4>(n, d, k, seed);
        }
    }

    #[test]
    fn ties_go_to_the_lowest_index() {
        let c = [1.0f64, 0.0, -1.0, 0.0, 1.0, 0.0];
        let x = [0.0f64, 0.0, 1.0, 0.0];
        let (k, d) = (3, 2);
        let kp = padded_k::<f64>(k, d);
        let (mut ct, mut cn) = (std::vec![0.0; kp * d], std::vec![0.0; kp]);
        prepare(&c, k, d, &mut ct, &mut cn);
        let mut tile = [0.0; R * 2];
        let mut labels = [9u32; 2];
        assign(
            Matrix::new(&x, 2, 2).unwrap(),
            None,
            &[0.0, 0.0],
            &ct,
            &cn,
            &mut tile,
            &mut labels,
            None,
        );
        assert_eq!(labels, [0, 0]);
    }

    #[test]
    fn blocked_sum_is_exact_on_integers() {
        assert_eq!(blocked_sum((0..1000).map(|i| i as f64)), 499_500.0);
        assert_eq!(blocked_sum(core::iter::empty::<f32>()), 0.0);
    }
}
