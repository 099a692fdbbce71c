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

/// Relocates clusters whose weight sum is 0 (scikit-learn semantics): the
/// `n_empty` samples farthest from their (old) centers are taken in order of
/// decreasing distance (ties: lower index first; numpy's `argpartition` leaves
/// that order unspecified, and for one empty cluster both pick the first
/// farthest sample); the `idx`-th empty cluster (ascending) gets the `idx`-th
/// sample: its weighted values are removed from its current cluster's sums and
/// become the empty cluster's sums. Labels are left as they are.
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
    for (i, (row, &lab)) in x.rows().zip(labels).enumerate() {
        let Some(c) = centers.get(lab as usize * d..lab as usize * d + d) else {
            continue;
        };
        for ((b, &v), &m) in xbuf.iter_mut().zip(row).zip(mean) {
            *b = v - m;
        }
        let dist = sq_euclidean(xbuf, c);
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
/// scikit-learn does); clusters of zero weight keep their sums.
pub(crate) fn average<S: Scalar>(sums: &mut [S], wsum: &[S], d: usize) {
    for (row, &ws) in sums.chunks_exact_mut(d.max(1)).zip(wsum) {
        if ws > S::ZERO {
            let alpha = S::ONE / ws;
            for v in row {
                *v *= alpha;
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
