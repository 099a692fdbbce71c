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
pub(crate) const R: usize = 4; // the kernel below is written for 4 rows
/// Rows per accumulation block (center sums are added block by block).
pub(crate) const NB: usize = 256;

/// Centers per panel: 8 for f32 (one 256-bit vector), 4 for f64 below 32
/// features and 8 from there (measured: wider panels cost more in the per-row
/// argmin over the lanes than they save in loads when `d` is small).
#[inline(always)]
pub(crate) fn kb<S: Scalar>(d: usize) -> usize {
    if core::mem::size_of::<S>() == 4 || d >= 32 {
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
    let d1 = d.max(1);
    for (jb, (panel, cnb)) in ct
        .chunks_exact_mut(d1.saturating_mul(kb).max(1))
        .zip(cn.chunks_exact_mut(kb.max(1)))
        .enumerate()
    {
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

/// The labels of the `R` (= 4) rows whose centred values are in `tile`
/// (row-major, `R * d`).
#[inline(always)]
fn kernel<S: Scalar, const KB: usize>(tile: &[S], d: usize, ct: &[S], cn: &[S]) -> [u32; R] {
    let neg2 = S::from_f64(-2.0);
    // Per lane: the best score so far and the panel (block) where it was found,
    // as a value of the element type so that the selects vectorise.
    let mut minv = [[S::INFINITY; KB]; R];
    let mut argv = [[S::ZERO; KB]; R];
    // `panel * KB + lane` of the current panel, as values of S (exact: k <= 2^24).
    let mut keys = [S::ZERO; KB];
    let mut ls = S::ZERO;
    for key in keys.iter_mut() {
        *key = ls;
        ls += S::ONE;
    }
    let kbs = S::from_usize(KB);
    for (panel, cnb) in ct.chunks_exact((d * KB).max(1)).zip(cn.chunks_exact(KB)) {
        let mut acc = [[S::ZERO; KB]; R];
        let mut rows = tile.chunks_exact(d.max(1));
        let (Some(x0), Some(x1), Some(x2), Some(x3)) =
            (rows.next(), rows.next(), rows.next(), rows.next())
        else {
            continue;
        };
        for ((((&v0, &v1), &v2), &v3), cr) in x0
            .iter()
            .zip(x1)
            .zip(x2)
            .zip(x3)
            .zip(panel.chunks_exact(KB))
        {
            let Ok(cr) = <[S; KB]>::try_from(cr) else {
                continue;
            };
            for l in 0..KB {
                acc[0][l] = v0.mul_add(cr[l], acc[0][l]);
                acc[1][l] = v1.mul_add(cr[l], acc[1][l]);
                acc[2][l] = v2.mul_add(cr[l], acc[2][l]);
                acc[3][l] = v3.mul_add(cr[l], acc[3][l]);
            }
        }
        let Ok(cnb) = <[S; KB]>::try_from(cnb) else {
            continue;
        };
        for ((a, m), g) in acc.iter().zip(minv.iter_mut()).zip(argv.iter_mut()) {
            update_min(a, &cnb, neg2, &keys, m, g);
        }
        for key in keys.iter_mut() {
            *key += kbs;
        }
    }
    let mut out = [0u32; R];
    for ((o, mv), gv) in out.iter_mut().zip(minv.iter_mut()).zip(argv.iter_mut()) {
        *o = fold_argmin(mv, gv).to_f64() as u32;
    }
    out
}

/// The key (center index) of the smallest value, the lowest key on ties, by
/// halving: lane `l` against lane `l + len/2` (element-wise, so it vectorises).
/// `KB` is a power of two. Clobbers `v` and `key`.
#[inline(always)]
fn fold_argmin<S: Scalar, const KB: usize>(v: &mut [S; KB], key: &mut [S; KB]) -> S {
    let mut len = KB;
    while len > 1 {
        let h = len / 2;
        let (Some(vs), Some(ks)) = (v.get_mut(..len), key.get_mut(..len)) else {
            break;
        };
        let (va, vb) = vs.split_at_mut(h);
        let (ka, kb) = ks.split_at_mut(h);
        for (((a, b), x), y) in va
            .iter_mut()
            .zip(vb.iter())
            .zip(ka.iter_mut())
            .zip(kb.iter())
        {
            let take_b = (*b < *a) | ((*b == *a) & (*y < *x));
            *a = if take_b { *b } else { *a };
            *x = if take_b { *y } else { *x };
        }
        len = h;
    }
    key[0]
}

/// Lane-wise: `m = min(m, cn - 2 acc)`, `g = keys` where the minimum moved.
/// Whole-array stores keep the selects branch-free (vectorised blends).
#[inline(always)]
fn update_min<S: Scalar, const KB: usize>(
    acc: &[S; KB],
    cn: &[S; KB],
    neg2: S,
    keys: &[S; KB],
    m: &mut [S; KB],
    g: &mut [S; KB],
) {
    let mut nm = [S::ZERO; KB];
    let mut ng = [S::ZERO; KB];
    for l in 0..KB {
        let s = acc[l].mul_add(neg2, cn[l]);
        let better = s < m[l];
        nm[l] = if better { s } else { m[l] };
        ng[l] = if better { keys[l] } else { g[l] };
    }
    *m = nm;
    *g = ng;
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
    for ((panel, cnb), out) in ct
        .chunks_exact((d * KB).max(1))
        .zip(cn.chunks_exact(KB))
        .zip(scores.chunks_exact_mut(KB))
    {
        let mut acc = [S::ZERO; KB];
        for (&xv, cr) in xc.iter().zip(panel.chunks_exact(KB)) {
            let Ok(cr) = <[S; KB]>::try_from(cr) else {
                continue;
            };
            for l in 0..KB {
                acc[l] = xv.mul_add(cr[l], acc[l]);
            }
        }
        for ((o, a), &c) in out.iter_mut().zip(acc).zip(cnb) {
            *o = a.mul_add(neg2, c);
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
    /// Zeroes the totals and the block scratch.
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
    crate::ffi::raw::with_simd(
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

#[inline(always)]
#[allow(clippy::too_many_arguments)]
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
            // Centre the group into the row-major tile (missing rows are 0).
            if xg.len() < R * d {
                tile.fill(S::ZERO);
            }
            for (trow, row) in tile
                .chunks_exact_mut(d.max(1))
                .zip(xg.chunks_exact(d.max(1)))
            {
                for ((t, &v), &m) in trow.iter_mut().zip(row).zip(mean) {
                    *t = v - m;
                }
            }
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
