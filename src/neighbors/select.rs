//! Panic-free sorting and selection helpers (core's sorts may panic on a
//! comparator that violates a total order, which the panic-freedom gate
//! would flag).

use crate::sort::swap_checked as swap;

/// Swaps rows `a` and `b` (length `d`) of a row-major buffer.
#[inline]
pub(super) fn swap_rows<T: Copy>(s: &mut [T], d: usize, a: usize, b: usize) {
    if a == b {
        return;
    }
    let (a, b) = (a.min(b), a.max(b));
    let Some((left, right)) = s.split_at_mut_checked(b.saturating_mul(d)) else {
        return;
    };
    let ra = left.get_mut(a.saturating_mul(d)..).unwrap_or(&mut []);
    for (x, y) in ra.iter_mut().zip(right.iter_mut()).take(d) {
        core::mem::swap(x, y);
    }
}

/// Sorts `keys` ascending by `(key, val)` and applies the same permutation to
/// `vals` (heapsort: in place, O(n log n), deterministic).
pub(super) fn sort_pairs(keys: &mut [u64], vals: &mut [u32]) {
    let n = keys.len().min(vals.len());
    let less = |keys: &[u64], vals: &[u32], a: usize, b: usize| -> bool {
        let ka = (
            keys.get(a).copied().unwrap_or(0),
            vals.get(a).copied().unwrap_or(0),
        );
        let kb = (
            keys.get(b).copied().unwrap_or(0),
            vals.get(b).copied().unwrap_or(0),
        );
        ka < kb
    };
    let sift = |keys: &mut [u64], vals: &mut [u32], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(keys, vals, child, child + 1) {
            child += 1;
        }
        if !less(keys, vals, root, child) {
            break;
        }
        swap(keys, root, child);
        swap(vals, root, child);
        root = child;
    };
    for start in (0..n / 2).rev() {
        sift(keys, vals, start, n);
    }
    for end in (1..n).rev() {
        swap(keys, 0, end);
        swap(vals, 0, end);
        sift(keys, vals, 0, end);
    }
}

/// Reorders the rows `lo..hi` of `pts` (and `order` alongside) so that row `k`
/// holds the value a sort by feature `dim` would put there, smaller-or-equal
/// rows before it and larger-or-equal after (three-way quickselect). The tree
/// stays correct even if the iteration guard cuts it short: only balance suffers.
pub(super) fn select_rows<S: PartialOrd + Copy>(
    pts: &mut [S],
    order: &mut [u32],
    d: usize,
    dim: usize,
    mut lo: usize,
    mut hi: usize,
    k: usize,
) {
    let coord = |pts: &[S], r: usize| pts.get(r.saturating_mul(d).saturating_add(dim)).copied();
    let mut guard = 0;
    while hi.saturating_sub(lo) > 1 && guard < 96 {
        guard += 1;
        let mid = lo + (hi - lo) / 2;
        let (Some(a), Some(b), Some(c)) = (coord(pts, lo), coord(pts, mid), coord(pts, hi - 1))
        else {
            return;
        };
        // Median of three.
        let pivot = if (a <= b) == (b <= c) {
            b
        } else if (b <= a) == (a <= c) {
            a
        } else {
            c
        };
        let (mut lt, mut i, mut gt) = (lo, lo, hi);
        while i < gt {
            let Some(v) = coord(pts, i) else { return };
            if v < pivot {
                swap_rows(pts, d, lt, i);
                swap(order, lt, i);
                lt += 1;
                i += 1;
            } else if v > pivot {
                gt -= 1;
                swap_rows(pts, d, i, gt);
                swap(order, i, gt);
            } else {
                i += 1;
            }
        }
        if k < lt {
            hi = lt;
        } else if k >= gt {
            lo = gt;
        } else {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;
    use std::vec::Vec;

    #[test]
    fn sort_pairs_sorts_by_key_then_value() {
        let mut rng = Rng::new(4);
        for n in [0usize, 1, 2, 3, 10, 257] {
            let mut keys: Vec<u64> = (0..n).map(|_| rng.below(5)).collect();
            let mut vals: Vec<u32> = (0..n as u32).rev().collect();
            let mut want: Vec<(u64, u32)> =
                keys.iter().copied().zip(vals.iter().copied()).collect();
            want.sort_unstable();
            sort_pairs(&mut keys, &mut vals);
            let got: Vec<(u64, u32)> = keys.into_iter().zip(vals).collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn select_rows_partitions_around_the_kth_row() {
        let mut rng = Rng::new(8);
        for n in [1usize, 2, 5, 64, 300] {
            for k in [0, n / 2, n - 1] {
                let d = 2;
                let mut pts: Vec<f64> =
                    (0..n * d).map(|_| (rng.next_f64() * 6.0).floor()).collect();
                let orig = pts.clone();
                let mut order: Vec<u32> = (0..n as u32).collect();
                select_rows(&mut pts, &mut order, d, 1, 0, n, k);
                let kv = pts[k * d + 1];
                assert!((0..k).all(|r| pts[r * d + 1] <= kv));
                assert!((k..n).all(|r| pts[r * d + 1] >= kv));
                for (r, &o) in order.iter().enumerate() {
                    assert_eq!(
                        &pts[r * d..r * d + d],
                        &orig[o as usize * d..o as usize * d + d]
                    );
                }
            }
        }
    }
}
