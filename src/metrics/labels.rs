//! Label bookkeeping shared by the internal metrics: the `n`/`n_clusters`
//! and label checks, cluster counts and the compact renumbering of the
//! non-empty clusters.

use crate::error::{Error, Result};
use crate::matrix::MAX_SAMPLES;

/// The largest `n_clusters`: labels are `int32_t`, so `0..=i32::MAX`.
pub const MAX_CLUSTERS: usize = MAX_SAMPLES + 1;

/// Checks `n` (samples) and `n_clusters` of an internal metric:
/// `0 < n <= MAX_SAMPLES` (`InvalidShape("n")`),
/// `1 <= n_clusters <= MAX_CLUSTERS` (`InvalidParameter("n_clusters")`).
/// `n_clusters` may exceed `n` (ids without samples are ignored).
pub(crate) fn check_n_clusters(n: usize, n_clusters: usize) -> Result<()> {
    if n == 0 || n > MAX_SAMPLES {
        return Err(Error::InvalidShape("n"));
    }
    if n_clusters == 0 || n_clusters > MAX_CLUSTERS {
        return Err(Error::InvalidParameter("n_clusters"));
    }
    Ok(())
}

/// Checks `n` labels against `n_clusters`: length (`InvalidShape("labels")`)
/// and every label `< n_clusters` (`InvalidParameter("labels")`); negative
/// labels are allowed (left out by the metrics).
pub(crate) fn check_labels(labels: &[i32], n: usize, n_clusters: usize) -> Result<()> {
    if labels.len() != n {
        return Err(Error::InvalidShape("labels"));
    }
    if labels
        .iter()
        .any(|&l| l >= 0 && (l as u32 as usize) >= n_clusters)
    {
        return Err(Error::InvalidParameter("labels"));
    }
    Ok(())
}

/// The cluster index of a label, `None` for noise (negative).
#[inline(always)]
pub(crate) fn cluster_of(label: i32) -> Option<usize> {
    if label >= 0 {
        Some(label as u32 as usize)
    } else {
        None
    }
}

/// Counts the samples of each cluster into `counts` (`n_clusters` slots) and
/// returns `(samples with a label >= 0, non-empty clusters)`. Labels must have
/// been checked with [`check_labels`].
pub(crate) fn count_clusters(labels: &[i32], counts: &mut [u32]) -> (usize, usize) {
    counts.fill(0);
    let mut included = 0usize;
    for &l in labels {
        if let Some(c) = cluster_of(l).and_then(|c| counts.get_mut(c)) {
            *c = c.saturating_add(1);
            included = included.saturating_add(1);
        }
    }
    let non_empty = counts.iter().filter(|&&c| c > 0).count();
    (included, non_empty)
}

/// Renumbers the non-empty clusters `0..K` in id order. On entry `counts[id]`
/// holds the cluster sizes (from [`count_clusters`]); on exit it holds each
/// id's compact index ([`NOT_A_CLUSTER`] for empty ids), and `sizes[c]` the
/// size of compact cluster `c`. Returns `K`. `sizes` needs `K` slots (at most
/// `min(n_clusters, n)`); extra ids are dropped rather than written out of bounds.
pub(crate) fn compact_clusters(counts: &mut [u32], sizes: &mut [u32]) -> usize {
    let mut k = 0usize;
    for c in counts.iter_mut() {
        if *c > 0 {
            if let Some(slot) = sizes.get_mut(k) {
                *slot = *c;
            }
            *c = k as u32;
            k += 1;
        } else {
            *c = NOT_A_CLUSTER;
        }
    }
    k
}

/// The compact label of noise and of ids without samples.
pub(crate) const NOT_A_CLUSTER: u32 = u32::MAX;

/// The compact label of every sample (`NOT_A_CLUSTER` for noise), after
/// [`compact_clusters`] turned `index` into the id -> compact map.
pub(crate) fn compact_labels(labels: &[i32], index: &[u32], out: &mut [u32]) {
    for (o, &l) in out.iter_mut().zip(labels) {
        *o = cluster_of(l)
            .and_then(|c| index.get(c).copied())
            .unwrap_or(NOT_A_CLUSTER);
    }
}

/// scikit-learn's `check_number_of_labels`: `2 <= n_labels <= n_samples - 1`,
/// else `InvalidParameter("labels")`.
pub(crate) fn check_number_of_labels(n_labels: usize, n_samples: usize) -> Result<()> {
    if n_labels < 2 || n_labels >= n_samples {
        return Err(Error::InvalidParameter("labels"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_checks() {
        assert_eq!(check_n_clusters(0, 1), Err(Error::InvalidShape("n")));
        assert_eq!(
            check_n_clusters(3, 0),
            Err(Error::InvalidParameter("n_clusters"))
        );
        assert_eq!(check_n_clusters(3, 4), Ok(()), "ids beyond n are allowed");
        assert_eq!(
            check_n_clusters(3, MAX_CLUSTERS + 1),
            Err(Error::InvalidParameter("n_clusters"))
        );
        assert_eq!(check_n_clusters(3, 3), Ok(()));
        assert_eq!(check_labels(&[0, 1, -1], 3, 2), Ok(()));
        assert_eq!(
            check_labels(&[0, 2, -1], 3, 2),
            Err(Error::InvalidParameter("labels"))
        );
        assert_eq!(
            check_labels(&[0, 1], 3, 2),
            Err(Error::InvalidShape("labels"))
        );
        assert_eq!(check_labels(&[i32::MIN, 0], 2, 1), Ok(()));
        let mut counts = [9u32; 4];
        assert_eq!(count_clusters(&[0, 3, 3, -1, -5], &mut counts), (3, 2));
        assert_eq!(counts, [1, 0, 0, 2]);
        let mut sizes = [0u32; 2];
        assert_eq!(compact_clusters(&mut counts, &mut sizes), 2);
        assert_eq!(counts, [0, NOT_A_CLUSTER, NOT_A_CLUSTER, 1]);
        assert_eq!(sizes, [1, 2]);
        let mut cl = [7u32; 5];
        compact_labels(&[0, 3, 3, -1, -5], &counts, &mut cl);
        assert_eq!(cl, [0, 1, 1, NOT_A_CLUSTER, NOT_A_CLUSTER]);
        assert_eq!(
            check_number_of_labels(1, 5),
            Err(Error::InvalidParameter("labels"))
        );
        assert_eq!(
            check_number_of_labels(5, 5),
            Err(Error::InvalidParameter("labels"))
        );
        assert_eq!(check_number_of_labels(4, 5), Ok(()));
    }
}
