//! Comparing two labelings through their contingency table: adjusted Rand
//! index and normalized mutual information (scikit-learn semantics).
//!
//! Labels are arbitrary `i32` values. The table is built in `O(n)` workspace
//! without hashing: the pairs `(a_i, b_i)` are packed into `u64` keys and
//! radix-sorted by `(b, a)`, so equal pairs (the non-zero cells `n_ij`) and
//! equal `b` values (the column sums) form runs; the `a` values sorted on
//! their own give the row sums. The sort is an LSD radix sort over bytes (skipping bytes that are the
//! same for every key), `O(n)` per pass, panic-free and allocation-free.

use crate::error::{Error, Result};
use crate::matrix::MAX_SAMPLES;
use crate::scalar::Scalar;
use crate::workspace::{Carve, Layout, Sizer, Workspace};

/// Workspace for [`adjusted_rand_index`] and [`normalized_mutual_info`] of `n`
/// samples: three arrays of `n` `u64` keys.
/// Errors: `InvalidShape("n")` for `n > i32::MAX`, `SizeOverflow`. Two empty
/// labelings (`n == 0`) are valid and need no workspace.
pub fn workspace_size(n: usize) -> Result<Layout> {
    if n > MAX_SAMPLES {
        return Err(Error::InvalidShape("n"));
    }
    Sizer::measure(|c| carve(c, n).map(drop))
}

/// The scratch of the table, declared once (sized by [`workspace_size`],
/// carved by [`table`]): cells, rows and the radix sort's buffer.
#[inline(always)]
fn carve<'a>(c: &mut impl Carve<'a>, n: usize) -> Result<[&'a mut [u64]; 3]> {
    Ok([c.take::<u64>(n)?, c.take::<u64>(n)?, c.take::<u64>(n)?])
}

/// Order-preserving map of an `i32` to a `u32` (flip the sign bit).
#[inline(always)]
fn bias(v: i32) -> u64 {
    u64::from((v as u32) ^ 0x8000_0000)
}

/// One LSD pass on byte `shift/8`: stable scatter of `src` into `dst`.
/// Returns `false` (nothing moved) when every key has the same byte there.
///
/// One table of 256 `u32` (1 KiB of stack: `n <= i32::MAX` fits) holds the
/// byte counts and then, converted in place, the scatter offsets.
fn radix_pass(src: &[u64], dst: &mut [u64], shift: u32) -> bool {
    let mut table = [0u32; 256];
    for &k in src {
        let b = ((k >> shift) & 0xff) as usize;
        if let Some(c) = table.get_mut(b) {
            *c = c.wrapping_add(1);
        }
    }
    if table.iter().any(|&c| c as usize == src.len()) {
        return false;
    }
    let mut acc = 0u32;
    for o in table.iter_mut() {
        let c = *o;
        *o = acc;
        acc = acc.wrapping_add(c);
    }
    for &k in src {
        let b = ((k >> shift) & 0xff) as usize;
        if let Some(o) = table.get_mut(b) {
            if let Some(slot) = dst.get_mut(*o as usize) {
                *slot = k;
            }
            *o = o.wrapping_add(1);
        }
    }
    true
}

/// Sorts `keys` ascending, using `scratch` (at least as long) as the buffer.
fn radix_sort(keys: &mut [u64], scratch: &mut [u64]) {
    let n = keys.len();
    let Some(scratch) = scratch.get_mut(..n) else {
        return;
    };
    let mut in_keys = true;
    for byte in 0..8u32 {
        let moved = if in_keys {
            radix_pass(keys, scratch, byte * 8)
        } else {
            radix_pass(scratch, keys, byte * 8)
        };
        if moved {
            in_keys = !in_keys;
        }
    }
    if !in_keys {
        for (k, &s) in keys.iter_mut().zip(scratch.iter()) {
            *k = s;
        }
    }
}

/// Calls `f(run_length)` for each run of keys equal under `mask`.
fn runs(keys: &[u64], mask: u64, mut f: impl FnMut(u64)) {
    let mut iter = keys.iter();
    let Some(&first) = iter.next() else { return };
    let mut cur = first & mask;
    let mut len = 1u64;
    for &k in iter {
        if k & mask == cur {
            len += 1;
        } else {
            f(len);
            cur = k & mask;
            len = 1;
        }
    }
    f(len);
}

/// Mask of a key's high half (the first sort field).
const HIGH: u64 = 0xffff_ffff_0000_0000;
/// Mask of a key's low half.
const LOW: u64 = 0x0000_0000_ffff_ffff;

/// The contingency table of two labelings, in the workspace.
struct Table<'w> {
    /// Keys `bias(b) << 32 | bias(a)`, sorted: runs of equal keys are the
    /// non-zero cells, runs of equal high halves the columns, in label order.
    cells: &'w [u64],
    /// One entry per distinct `a` in increasing order: `bias(a) << 32 | count`.
    rows: &'w [u64],
}

fn table<'w>(a: &[i32], b: &[i32], workspace: &'w mut [u8]) -> Result<Table<'w>> {
    let n = a.len();
    let layout = workspace_size(n)?;
    if b.len() != n {
        return Err(Error::InvalidShape("b"));
    }
    let mut ws = Workspace::new(workspace);
    ws.require(layout)?;
    let [cells, rows, scratch] = carve(&mut ws, n)?;
    for ((k, &x), &y) in cells.iter_mut().zip(a).zip(b) {
        *k = (bias(y) << 32) | bias(x);
    }
    radix_sort(cells, scratch);
    for (k, &x) in rows.iter_mut().zip(a) {
        *k = bias(x) << 32;
    }
    radix_sort(rows, scratch);
    // Compress the sorted `a` values into (a, count) entries at the front.
    let mut r = 0usize;
    let mut i = 0usize;
    while let Some(&k) = rows.get(i) {
        let mut j = i + 1;
        while rows.get(j).is_some_and(|&m| m == k) {
            j += 1;
        }
        if let Some(slot) = rows.get_mut(r) {
            *slot = k | ((j - i) as u64 & LOW);
        }
        r += 1;
        i = j;
    }
    let rows = rows.get(..r).unwrap_or(&[]);
    Ok(Table { cells, rows })
}

impl Table<'_> {
    /// Calls `f(n_ij, row_sum, column_sum)` for every non-zero cell in
    /// `(b, a)` order.
    fn for_each_cell(&self, mut f: impl FnMut(u64, u64, u64)) {
        let cells = self.cells;
        let mut i = 0usize;
        while let Some(&k) = cells.get(i) {
            // The column run starting at i.
            let col = k & HIGH;
            let mut end = i + 1;
            while cells.get(end).is_some_and(|&m| m & HIGH == col) {
                end += 1;
            }
            let col_sum = (end - i) as u64;
            // Its cells.
            let mut c = i;
            while let Some(&key) = cells.get(c) {
                if c >= end {
                    break;
                }
                let mut e = c + 1;
                while e < end && cells.get(e).is_some_and(|&m| m == key) {
                    e += 1;
                }
                let a = (key & LOW) << 32;
                let row_sum = match self.rows.binary_search_by_key(&a, |&r| r & HIGH) {
                    Ok(p) => self.rows.get(p).map_or(0, |&r| r & LOW),
                    Err(_) => 0,
                };
                f((e - c) as u64, row_sum, col_sum);
                c = e;
            }
            i = end;
        }
    }

    /// Number of distinct `a` labels.
    fn n_rows(&self) -> usize {
        self.rows.len()
    }

    /// Number of distinct `b` labels.
    fn n_cols(&self) -> usize {
        let mut cols = 0usize;
        runs(self.cells, HIGH, |_| cols += 1);
        cols
    }
}

/// The adjusted Rand index of two labelings of the same `n` samples (any
/// `i32` values), exactly as scikit-learn's `adjusted_rand_score`: the pair
/// counts are exact integers (`i128`), and two labelings whose pairs agree
/// completely (no pair split by one and joined by the other) give 1.0,
/// including two single-cluster labelings.
///
/// Two empty labelings give 1.0, as in scikit-learn.
///
/// Errors: `InvalidShape("n")` for `n > i32::MAX`, `InvalidShape("b")` for
/// lengths that differ, `WorkspaceTooSmall`.
pub fn adjusted_rand_index(a: &[i32], b: &[i32], workspace: &mut [u8]) -> Result<f64> {
    let t = table(a, b, workspace)?;
    let n = a.len() as i128;
    let (mut sum_ij, mut sum_a, mut sum_b) = (0i128, 0i128, 0i128);
    t.for_each_cell(|c, _, _| sum_ij += i128::from(c) * i128::from(c));
    runs(t.cells, HIGH, |len| {
        sum_b += i128::from(len) * i128::from(len)
    });
    for &r in t.rows {
        let len = i128::from(r & LOW);
        sum_a += len * len;
    }
    // Every sum is <= n^2 < 2^62 and every product below < 2^126: exact.
    let tp = sum_ij - n;
    let fp = sum_b - sum_ij;
    let fn_ = sum_a - sum_ij;
    let tn = n * n - fp - fn_ - sum_ij;
    if fn_ == 0 && fp == 0 {
        return Ok(1.0);
    }
    let num = tp * tn - fn_ * fp;
    let den = (tp + fn_) * (fn_ + tn) + (tp + fp) * (fp + tn);
    if den == 0 {
        return Err(Error::Numerical("adjusted_rand_index"));
    }
    // As Python: 2.0 * int -> float, then float / int -> float.
    Ok(2.0 * (num as f64) / (den as f64))
}

#[inline(always)]
fn ln(v: f64) -> f64 {
    Scalar::ln(v)
}

/// One term of scikit-learn's `entropy`: adds `p/n (log p - log n)` to `h`
/// (the entropy is `-h`; both labelings have at least 2 classes where used).
#[inline]
fn entropy_term(h: &mut f64, p: u64, n: f64, log_n: f64) {
    let p = p as f64;
    *h += p / n * (ln(p) - log_n);
}

/// The normalized mutual information of two labelings (arithmetic-mean
/// normalisation), as scikit-learn's `normalized_mutual_info_score`:
/// 1.0 when both labelings have a single cluster (or are both empty); 0.0 when exactly one has a
/// single cluster or the mutual information is 0; otherwise
/// `MI / ((H(a) + H(b)) / 2)`, each MI term below f64 epsilon in magnitude
/// counted as 0 and the sum clipped at 0, as scikit-learn does.
///
/// Errors as [`adjusted_rand_index`].
pub fn normalized_mutual_info(a: &[i32], b: &[i32], workspace: &mut [u8]) -> Result<f64> {
    let t = table(a, b, workspace)?;
    let (n_rows, n_cols) = (t.n_rows(), t.n_cols());
    // scikit-learn: both with one class, or both empty, is a perfect match.
    if n_rows == n_cols && n_rows <= 1 {
        return Ok(1.0);
    }
    if n_rows == 1 || n_cols == 1 {
        return Ok(0.0);
    }
    let n = a.len() as f64;
    let log_n = ln(n);
    let mut mi = 0.0f64;
    t.for_each_cell(|c, pi, pj| {
        let cn = c as f64 / n;
        // pi * pj <= n^2 < 2^62: exact in u64, as scikit-learn's int64 product.
        let outer = pi.saturating_mul(pj) as f64;
        let log_outer = -ln(outer) + log_n + log_n;
        let term = cn * (ln(c as f64) - log_n) + cn * log_outer;
        if term.abs() >= f64::EPSILON {
            mi += term;
        }
    });
    let mi = if mi < 0.0 { 0.0 } else { mi };
    if mi == 0.0 {
        return Ok(0.0);
    }
    let mut h_a = 0.0f64;
    for &r in t.rows {
        entropy_term(&mut h_a, r & LOW, n, log_n);
    }
    let mut h_b = 0.0f64;
    runs(t.cells, HIGH, |len| entropy_term(&mut h_b, len, n, log_n));
    let (h_a, h_b) = (-h_a, -h_b);
    let normalizer = (h_a + h_b) / 2.0;
    let v = mi / normalizer;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(Error::Numerical("normalized_mutual_info"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    extern crate std;
    use std::vec;
    use std::vec::Vec;

    #[test]
    fn radix_sort_sorts() {
        let mut rng = crate::rng::Rng::new(11);
        for n in [0usize, 1, 2, 7, 300] {
            let mut keys: Vec<u64> = (0..n)
                .map(|_| rng.next_u64() >> (rng.below(64) as u32))
                .collect();
            let mut want = keys.clone();
            want.sort_unstable();
            let mut scratch = vec![0u64; n];
            radix_sort(&mut keys, &mut scratch);
            assert_eq!(keys, want);
        }
    }

    fn ws(n: usize) -> Vec<u8> {
        vec![0u8; workspace_size(n).unwrap().bytes()]
    }

    #[test]
    fn ari_known_values() {
        let mut w = ws(6);
        // Identical up to renaming: 1.0.
        assert_eq!(
            adjusted_rand_index(
                &[0, 0, 1, 1, 2, 2],
                &[5, 5, -3, -3, i32::MAX, i32::MAX],
                &mut w
            ),
            Ok(1.0)
        );
        // Single clusters on both sides: 1.0 (scikit-learn).
        assert_eq!(adjusted_rand_index(&[7; 6], &[-1; 6], &mut w), Ok(1.0));
        // All singletons vs all singletons: 1.0.
        assert_eq!(
            adjusted_rand_index(&[0, 1, 2, 3, 4, 5], &[5, 4, 3, 2, 1, 0], &mut w),
            Ok(1.0)
        );
        // One cluster against all singletons: 0.0.
        assert_eq!(
            adjusted_rand_index(&[0; 6], &[0, 1, 2, 3, 4, 5], &mut w),
            Ok(0.0)
        );
        // scikit-learn docs example: adjusted_rand_score([0, 0, 1, 2], [0, 0, 1, 1]) = 0.5714...
        let mut w4 = ws(4);
        let v = adjusted_rand_index(&[0, 0, 1, 2], &[0, 0, 1, 1], &mut w4).unwrap();
        assert!((v - 4.0 / 7.0).abs() < 1e-15, "{v}");
    }

    #[test]
    fn nmi_degenerate_cases() {
        let mut w = ws(4);
        assert_eq!(normalized_mutual_info(&[3; 4], &[-9; 4], &mut w), Ok(1.0));
        assert_eq!(
            normalized_mutual_info(&[3; 4], &[0, 1, 2, 3], &mut w),
            Ok(0.0)
        );
        assert_eq!(
            normalized_mutual_info(&[0, 0, 1, 1], &[0, 1, 0, 1], &mut w),
            Ok(0.0)
        );
        let v = normalized_mutual_info(&[0, 0, 1, 1], &[1, 1, 0, 0], &mut w).unwrap();
        assert!((v - 1.0).abs() < 1e-15);
        assert_eq!(
            normalized_mutual_info(&[0, 0, 1], &[0, 0, 1, 1], &mut w),
            Err(Error::InvalidShape("b"))
        );
        assert_eq!(normalized_mutual_info(&[], &[], &mut w), Ok(1.0));
        assert_eq!(adjusted_rand_index(&[], &[], &mut []), Ok(1.0));
        assert!(matches!(
            adjusted_rand_index(&[0, 1, 0, 1], &[0, 1, 1, 1], &mut w[..10]),
            Err(Error::WorkspaceTooSmall { .. })
        ));
    }

    #[test]
    fn nmi_matches_a_direct_formula() {
        // Independent check with a dense table over small label ranges.
        let mut rng = crate::rng::Rng::new(2);
        let n = 200;
        let a: Vec<i32> = (0..n).map(|_| rng.below(5) as i32 - 2).collect();
        let b: Vec<i32> = (0..n)
            .map(|i| {
                if i % 3 == 0 {
                    a[i]
                } else {
                    rng.below(4) as i32 * 1000
                }
            })
            .collect();
        let ra: Vec<usize> = {
            let mut u: Vec<i32> = a.clone();
            u.sort();
            u.dedup();
            a.iter().map(|v| u.binary_search(v).unwrap()).collect()
        };
        let (rb, nb): (Vec<usize>, usize) = {
            let mut u: Vec<i32> = b.clone();
            u.sort();
            u.dedup();
            (
                b.iter().map(|v| u.binary_search(v).unwrap()).collect(),
                u.len(),
            )
        };
        let na = *ra.iter().max().unwrap() + 1;
        let mut t = vec![vec![0f64; nb]; na];
        for i in 0..n {
            t[ra[i]][rb[i]] += 1.0;
        }
        let nf = n as f64;
        let pa: Vec<f64> = t.iter().map(|r| r.iter().sum()).collect();
        let pb: Vec<f64> = (0..nb).map(|j| t.iter().map(|r| r[j]).sum()).collect();
        let mut mi = 0.0;
        for i in 0..na {
            for j in 0..nb {
                if t[i][j] > 0.0 {
                    mi += t[i][j] / nf * (t[i][j] * nf / (pa[i] * pb[j])).ln();
                }
            }
        }
        let h = |p: &[f64]| -p.iter().map(|&c| c / nf * (c / nf).ln()).sum::<f64>();
        let want = mi / ((h(&pa) + h(&pb)) / 2.0);
        let got = normalized_mutual_info(&a, &b, &mut ws(n)).unwrap();
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        // ARI from the pair-counting definition.
        let comb = |x: f64| x * (x - 1.0) / 2.0;
        let sij: f64 = t.iter().flatten().map(|&c| comb(c)).sum();
        let sa: f64 = pa.iter().map(|&c| comb(c)).sum();
        let sb: f64 = pb.iter().map(|&c| comb(c)).sum();
        let expected = sa * sb / comb(nf);
        let want_ari = (sij - expected) / ((sa + sb) / 2.0 - expected);
        let got_ari = adjusted_rand_index(&a, &b, &mut ws(n)).unwrap();
        assert!(
            (got_ari - want_ari).abs() < 1e-12,
            "{got_ari} vs {want_ari}"
        );
    }
}
