//! The M-step shared by Lloyd and Hamerly, following scikit-learn's
//! `_relocate_empty_clusters_dense`, `_average_centers` and `_center_shift`.

use crate::distance::sq_euclidean;
use crate::matrix::Matrix;
use crate::scalar::Scalar;

use super::init::weight;

/// Scratch for relocating empty clusters (`k` each).
pub(crate) struct Relocation<'s, S> {
    pub top_val: &'s mut [S],
    pub top_idx: &'s mut [u32],
    pub empty: &'s mut [u32],
}

/// Relocates clusters whose weight sum is 0 (scikit-learn 1.7.2's
/// `_relocate_empty_clusters_dense`): nothing happens when every sample sits
/// exactly on its center (more clusters than distinct samples: relocating
/// would only move duplicates back and forth); otherwise the `n_empty`
/// samples farthest from their (old) centers are taken in order of decreasing
/// distance, ties to the lower index, and the `idx`-th empty cluster
/// (ascending) gets the `idx`-th sample: its weighted values are removed from
/// its current cluster's sums and become the empty cluster's sums. Labels are
/// left as they are.
///
/// Where scikit-learn's choice is determined, this is the same: the set of
/// the `n_empty` farthest samples when the `n_empty`-th distance is not tied
/// with the next one, the last empty cluster getting the `n_empty`-th
/// farthest sample, and for a single empty cluster the farthest sample when
/// it is unique. numpy's `argpartition` leaves the order of the other
/// `n_empty - 1` samples, and which of several equally far samples is taken,
/// unspecified; nanoclust's order is the one above.
/// `centers` are the old (centred) centers; `sums`/`wsum` the new weighted sums.
#[allow(clippy::too_many_arguments)]
pub(crate) fn relocate_empty<S: Scalar>(
    x: Matrix<'_, S>,
    w: Option<&[S]>,
    mean: &[S],
    centers: &[S],
    labels: &[u32],
    sums: &mut [S],
    wsum: &mut [S],
    scratch: &mut Relocation<'_, S>,
    xbuf: &mut [S],
) {
    let d = x.d();
    let mut n_empty = 0usize;
    for (j, &ws) in wsum.iter().enumerate() {
        if ws == S::ZERO {
            if let Some(e) = scratch.empty.get_mut(n_empty) {
                *e = j as u32;
                n_empty += 1;
            }
        }
    }
    if n_empty == 0 {
        return;
    }
    let top_val = scratch.top_val.get_mut(..n_empty).unwrap_or(&mut []);
    let top_idx = scratch.top_idx.get_mut(..n_empty).unwrap_or(&mut []);
    top_val.fill(-S::ONE);
    top_idx.fill(0);
    let mut farthest = S::ZERO;
    for (i, (row, &lab)) in x.rows().zip(labels).enumerate() {
        let Some(c) = centers.get(lab as usize * d..lab as usize * d + d) else {
            continue;
        };
        for ((b, &v), &m) in xbuf.iter_mut().zip(row).zip(mean) {
            *b = v - m;
        }
        let dist = sq_euclidean(xbuf, c);
        farthest = farthest.max_of(dist);
        // Insert into the descending list when strictly farther than its last entry:
        // shift the nearer entries down by one (insertion sort step).
        let Some(&last) = top_val.last() else {
            continue;
        };
        if dist > last {
            let (mut v, mut t) = (dist, i as u32);
            let mut inserted = false;
            for (tv, ti) in top_val.iter_mut().zip(top_idx.iter_mut()) {
                if inserted || v > *tv {
                    inserted = true;
                    core::mem::swap(tv, &mut v);
                    core::mem::swap(ti, &mut t);
                }
            }
        }
    }
    if farthest == S::ZERO {
        // scikit-learn: "Happens when there are more clusters than
        // non-duplicate samples. Relocating is pointless in this case."
        return;
    }
    for (&new_id, &far) in scratch.empty.iter().take(n_empty).zip(top_idx.iter()) {
        let (new_id, far) = (new_id as usize, far as usize);
        let wt = weight(w, far);
        let old_id = labels.get(far).copied().unwrap_or(0) as usize;
        let row = x.row(far);
        for (f, (&v, &m)) in row.iter().zip(mean).enumerate() {
            let xv = (v - m) * wt;
            if let Some(s) = sums.get_mut(old_id * d + f) {
                *s -= xv;
            }
            if let Some(s) = sums.get_mut(new_id * d + f) {
                *s = xv;
            }
        }
        if let Some(s) = wsum.get_mut(new_id) {
            *s = wt;
        }
        if let Some(s) = wsum.get_mut(old_id) {
            *s -= wt;
        }
    }
}

/// Divides each cluster's sums by its weight (multiplying by the reciprocal, as
/// scikit-learn does). A cluster of zero weight (still empty after
/// relocation) is placed where the biggest cluster is (the first of the
/// largest weights), as scikit-learn 1.7.2's `_average_centers`, which
/// visits the clusters in index order: a cluster before the biggest one gets
/// its weighted sum, not yet divided (scikit-learn's behaviour, kept for
/// parity; `fit` then refuses centers whose distances could overflow).
pub(crate) fn average<S: Scalar>(sums: &mut [S], wsum: &[S], d: usize) {
    let mut big = 0usize;
    let mut big_w = S::ZERO;
    for (j, &ws) in wsum.iter().enumerate() {
        if ws > big_w {
            (big, big_w) = (j, ws);
        }
    }
    for (j, &ws) in wsum.iter().enumerate() {
        if ws > S::ZERO {
            let alpha = S::ONE / ws;
            for v in sums.iter_mut().skip(j * d).take(d) {
                *v *= alpha;
            }
        } else {
            for t in 0..d {
                let v = sums.get(big * d + t).copied().unwrap_or(S::ZERO);
                if let Some(o) = sums.get_mut(j * d + t) {
                    *o = v;
                }
            }
        }
    }
}

/// scikit-learn's total shift `sum_j ||new_j - old_j||^2` (each norm taken as a
/// square root and squared again, as `(center_shift**2).sum()` does), and an
/// upper bound of each center's movement in `bound` (for Hamerly).
pub(crate) fn shift<S: Scalar>(new: &[S], old: &[S], d: usize, bound: &mut [S]) -> S {
    let mut tot = S::ZERO;
    let up = S::ONE + S::from_usize(d + 8) * S::EPSILON;
    // Indexed rows (a zip of two chunk iterators keeps a division-by-zero
    // panic path in its out-of-line constructor at opt-level s).
    for (j, s) in bound.iter_mut().enumerate() {
        let (Some(a), Some(b)) = (new.get(j * d..j * d + d), old.get(j * d..j * d + d)) else {
            break;
        };
        let sq = sq_euclidean(a, b);
        let sh = sq.sqrt();
        tot += sh * sh;
        *s = (sq * up).sqrt() * up;
    }
    tot
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_clusters_take_the_farthest_samples_in_order() {
        // 5 samples on a line, all labelled 0 with the old center at 0.
        let x = [0.0f64, 1.0, -3.0, 2.0, 3.0];
        let xm = Matrix::new(&x, 5, 1).unwrap();
        let centers = [0.0, 10.0, 20.0];
        let labels = [0u32; 5];
        let mut sums = [3.0, 0.0, 0.0];
        let mut wsum = [5.0, 0.0, 0.0];
        let (mut tv, mut ti, mut e) = ([0.0; 3], [0u32; 3], [0u32; 3]);
        let mut scratch = Relocation {
            top_val: &mut tv,
            top_idx: &mut ti,
            empty: &mut e,
        };
        let mut xbuf = [0.0];
        relocate_empty(
            xm,
            None,
            &[0.0],
            &centers,
            &labels,
            &mut sums,
            &mut wsum,
            &mut scratch,
            &mut xbuf,
        );
        // Distances 0,1,9,4,9: the two farthest are sample 2 then sample 4 (tie: lower index first).
        // (Samples 3 and 4 at distances 4 and 9 exercise shifting an equal entry down.)
        assert_eq!(sums, [3.0 + 3.0 - 3.0, -3.0, 3.0]);
        assert_eq!(wsum, [3.0, 1.0, 1.0]);
        average(&mut sums, &wsum, 1);
        assert_eq!(sums, [1.0, -3.0, 3.0]);
    }

    #[test]
    fn shift_is_the_summed_squared_movement() {
        let mut b = [0.0f64; 2];
        let tot = shift(&[3.0, 4.0, 1.0, 1.0], &[0.0, 0.0, 1.0, 1.0], 2, &mut b);
        assert_eq!(tot, 25.0);
        assert!(b[0] >= 5.0 && b[0] < 5.0 + 1e-12 && b[1] == 0.0);
    }
}
