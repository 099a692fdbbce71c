//! Centroid-based internal metrics: Calinski-Harabasz and Davies-Bouldin.
//!
//! Both follow scikit-learn (`calinski_harabasz_score`,
//! `davies_bouldin_score`) on the samples with a non-negative label, with
//! centroids and sums in f64. One workspace (`n_clusters x d` centroid sums,
//! `d` overall sums, `n_clusters` per-cluster sums and counts) serves both and
//! both element types.

use super::labels::{
    check_labels, check_n_clusters, check_number_of_labels, cluster_of, count_clusters,
    MAX_CLUSTERS,
};
use crate::error::{Error, Result};
use crate::matrix::{row_iter, row_iter_mut, Matrix};
use crate::scalar::Scalar;
use crate::workspace::{Carve, Layout, Sizer, Workspace};

/// Workspace for [`calinski_harabasz`] and [`davies_bouldin`] with `d`
/// features and `n_clusters` clusters (either element type).
/// Errors: `InvalidShape("d")` for `d == 0`, `InvalidParameter("n_clusters")`
/// for 0, `SizeOverflow`.
pub fn workspace_size(d: usize, n_clusters: usize) -> Result<Layout> {
    if d == 0 {
        return Err(Error::InvalidShape("d"));
    }
    if n_clusters == 0 || n_clusters > MAX_CLUSTERS {
        return Err(Error::InvalidParameter("n_clusters"));
    }
    Sizer::measure(|c| carve(c, d, n_clusters).map(drop))
}

/// The scratch of both metrics, declared once (sized by [`workspace_size`],
/// carved by [`centroids`]): centroid sums and their low parts (double-double
/// accumulation), overall sums, per-cluster sums, counts and ids.
type Scratch<'a> = (
    &'a mut [f64],
    &'a mut [f64],
    &'a mut [f64],
    &'a mut [f64],
    &'a mut [u32],
    &'a mut [u32],
);

#[inline(always)]
fn carve<'a>(c: &mut impl Carve<'a>, d: usize, n_clusters: usize) -> Result<Scratch<'a>> {
    let kd = n_clusters
        .checked_mul(d)
        .ok_or(Error::SizeOverflow("workspace"))?;
    Ok((
        c.take_filled::<f64>(kd, 0.0)?,
        c.take_filled::<f64>(kd, 0.0)?,
        c.take_filled::<f64>(d, 0.0)?,
        c.take_filled::<f64>(n_clusters, 0.0)?,
        c.take::<u32>(n_clusters)?,
        c.take::<u32>(n_clusters)?,
    ))
}

/// The carved workspace with centroids computed.
struct Stats<'w> {
    /// `k x d` centroids (rows of empty clusters stay 0).
    centroids: &'w mut [f64],
    /// `d` overall sums of the included samples.
    total: &'w mut [f64],
    /// `k` per-cluster scratch sums.
    per_cluster: &'w mut [f64],
    /// `k` cluster sizes.
    counts: &'w mut [u32],
    /// The ids of the non-empty clusters, in increasing order (`n_labels` of them).
    ids: &'w [u32],
    /// Samples with a non-negative label.
    included: usize,
    /// Non-empty clusters.
    n_labels: usize,
}

fn centroids<'w, S: Scalar>(
    x: &Matrix<'_, S>,
    labels: &[i32],
    n_clusters: usize,
    workspace: &'w mut [u8],
) -> Result<Stats<'w>> {
    let (n, d) = (x.n(), x.d());
    check_n_clusters(n, n_clusters)?;
    let layout = workspace_size(d, n_clusters)?;
    check_labels(labels, n, n_clusters)?;
    let mut ws = Workspace::new(workspace);
    ws.require(layout)?;
    let (centroids, low, total, per_cluster, counts, ids) = carve(&mut ws, d, n_clusters)?;
    let (included, n_labels) = count_clusters(labels, counts);
    check_number_of_labels(n_labels, included)?;
    let mut k = 0usize;
    for (id, _) in counts.iter().enumerate().filter(|(_, &c)| c > 0) {
        if let Some(slot) = ids.get_mut(k) {
            *slot = id as u32;
        }
        k += 1;
    }
    let ids: &[u32] = ids.get(..k).unwrap_or(&[]);
    for (row, &l) in row_iter(x.as_slice(), d).zip(labels) {
        let Some(c) = cluster_of(l) else { continue };
        let start = c.saturating_mul(d);
        let cen = centroids
            .get_mut(start..start.saturating_add(d))
            .unwrap_or(&mut []);
        let lo = low
            .get_mut(start..start.saturating_add(d))
            .unwrap_or(&mut []);
        for (((s, e), t), &v) in cen
            .iter_mut()
            .zip(lo.iter_mut())
            .zip(total.iter_mut())
            .zip(row)
        {
            let (hi, err) = two_sum(*s, v.to_f64());
            *s = hi;
            *e += err;
            *t += v.to_f64();
        }
    }
    // Each centroid is the (practically always correctly rounded) mean of its
    // samples: centroids that coincide in exact arithmetic are equal, so
    // their separation is exactly 0 (a plain sum / count can differ by an
    // ulp, and Davies-Bouldin then divided by ~1e-17).
    for ((cen, lo), &cnt) in row_iter_mut(centroids, d)
        .zip(row_iter(low, d))
        .zip(counts.iter())
    {
        if cnt > 0 {
            for (s, &e) in cen.iter_mut().zip(lo) {
                *s = dd_div(*s, e, f64::from(cnt));
            }
        }
    }
    if !centroids.iter().chain(total.iter()).all(|v| v.is_finite()) {
        return Err(Error::Numerical("centroids"));
    }
    Ok(Stats {
        centroids,
        total,
        per_cluster,
        counts,
        ids,
        included,
        n_labels,
    })
}

/// Knuth's error-free sum: `s + e == a + b` exactly (finite inputs).
#[inline]
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

/// Dekker's error-free product without a fused multiply-add (bare-metal
/// `mul_add` is not fused): `p + e == a * b` exactly unless a factor is huge,
/// where `e` is not finite.
#[inline]
fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let split = |v: f64| {
        let t = 134_217_729.0 * v; // 2^27 + 1
        let h = t - (t - v);
        (h, v - h)
    };
    let p = a * b;
    let ((ah, al), (bh, bl)) = (split(a), split(b));
    (p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
}

/// `(hi + lo) / c`, rounded once in all but pathological cases: the quotient
/// of `hi`, corrected by the exact remainder and `lo`.
#[inline]
fn dd_div(hi: f64, lo: f64, c: f64) -> f64 {
    let q = hi / c;
    let (p, e) = two_prod(q, c);
    let m = q + (((hi - p) - e) + lo) / c;
    if m.is_finite() {
        m
    } else {
        q
    }
}

/// The Calinski-Harabasz score (variance ratio criterion):
/// `[sum_k n_k |m_k - m|^2 / (K - 1)] / [sum_i |x_i - m_{k(i)}|^2 / (n - K)]`
/// over the `n` samples with a non-negative label and the `K` non-empty
/// clusters; 1.0 when the within-cluster dispersion is 0 (scikit-learn).
///
/// Errors: `InvalidShape`, `InvalidParameter("n_clusters")` unless
/// `1 <= n_clusters <= 2^31`, `InvalidParameter("labels")` for a label
/// `>= n_clusters` or unless `2 <= K <= n - 1`, `WorkspaceTooSmall`,
/// `Numerical` on overflow.
pub fn calinski_harabasz<S: Scalar>(
    x: Matrix<'_, S>,
    labels: &[i32],
    n_clusters: usize,
    workspace: &mut [u8],
) -> Result<f64> {
    let d = x.d();
    let st = centroids(&x, labels, n_clusters, workspace)?;
    let n_in = st.included as f64;
    for t in st.total.iter_mut() {
        *t /= n_in;
    }
    let mean = &*st.total;
    let mut extra = 0.0f64;
    for (cen, &cnt) in row_iter(st.centroids, d).zip(st.counts.iter()) {
        if cnt > 0 {
            let mut s = 0.0f64;
            for (&c, &m) in cen.iter().zip(mean) {
                s += (c - m) * (c - m);
            }
            extra += f64::from(cnt) * s;
        }
    }
    // Within-cluster dispersion, summed per cluster then over clusters (scikit-learn's order).
    for (row, &l) in row_iter(x.as_slice(), d).zip(labels) {
        let Some(c) = cluster_of(l) else { continue };
        let start = c.saturating_mul(d);
        let cen = st
            .centroids
            .get(start..start.saturating_add(d))
            .unwrap_or(&[]);
        let mut s = 0.0f64;
        for (&v, &m) in row.iter().zip(cen) {
            let e = v.to_f64() - m;
            s += e * e;
        }
        if let Some(p) = st.per_cluster.get_mut(c) {
            *p += s;
        }
    }
    let intra: f64 = st.per_cluster.iter().fold(0.0, |a, &v| a + v);
    let k = st.n_labels as f64;
    let score = if intra == 0.0 {
        1.0
    } else {
        extra * (n_in - k) / (intra * (k - 1.0))
    };
    if extra.is_finite() && intra.is_finite() && score.is_finite() {
        Ok(score)
    } else {
        Err(Error::Numerical("calinski_harabasz"))
    }
}

/// Euclidean distance between two f64 vectors.
fn dist64(a: &[f64], b: &[f64]) -> f64 {
    let mut s = 0.0f64;
    for (&x, &y) in a.iter().zip(b) {
        s += (x - y) * (x - y);
    }
    Scalar::sqrt(s)
}

/// The Davies-Bouldin score: the mean over clusters of
/// `max_{j != i} (s_i + s_j) / |m_i - m_j|`, `s_i` being the mean Euclidean
/// distance of cluster `i`'s samples to its centroid `m_i`. As scikit-learn:
/// 0.0 when every `s_i` or every centroid distance is within `1e-8` of 0
/// (`np.allclose`), and coincident centroids contribute 0.
///
/// Errors as [`calinski_harabasz`].
pub fn davies_bouldin<S: Scalar>(
    x: Matrix<'_, S>,
    labels: &[i32],
    n_clusters: usize,
    workspace: &mut [u8],
) -> Result<f64> {
    let d = x.d();
    let st = centroids(&x, labels, n_clusters, workspace)?;
    for (row, &l) in row_iter(x.as_slice(), d).zip(labels) {
        let Some(c) = cluster_of(l) else { continue };
        let start = c.saturating_mul(d);
        let cen = st
            .centroids
            .get(start..start.saturating_add(d))
            .unwrap_or(&[]);
        let mut s = 0.0f64;
        for (&v, &m) in row.iter().zip(cen) {
            let e = v.to_f64() - m;
            s += e * e;
        }
        if let Some(p) = st.per_cluster.get_mut(c) {
            *p += Scalar::sqrt(s);
        }
    }
    for (p, &cnt) in st.per_cluster.iter_mut().zip(st.counts.iter()) {
        if cnt > 0 {
            *p /= f64::from(cnt);
        }
    }
    let intra = &*st.per_cluster;
    let cens = &*st.centroids;
    let ids = st.ids;
    let centroid = |id: u32| {
        let start = (id as usize).saturating_mul(d);
        cens.get(start..start.saturating_add(d)).unwrap_or(&[])
    };
    let spread = |id: u32| intra.get(id as usize).copied().unwrap_or(0.0);
    // Loops run over the non-empty clusters only: O(K^2 d), whatever n_clusters is.
    let atol = 1e-8;
    let all_intra_zero = ids.iter().all(|&i| spread(i).abs() <= atol);
    let mut all_centroids_close = true;
    for (p, &i) in ids.iter().enumerate() {
        for &j in ids.get(p + 1..).unwrap_or(&[]) {
            if dist64(centroid(i), centroid(j)) > atol {
                all_centroids_close = false;
            }
        }
    }
    if all_intra_zero || all_centroids_close {
        return Ok(0.0);
    }
    let mut total = 0.0f64;
    for &i in ids {
        let mut worst = 0.0f64;
        for &j in ids {
            if j == i {
                continue;
            }
            let dij = dist64(centroid(i), centroid(j));
            if dij != 0.0 {
                let r = (spread(i) + spread(j)) / dij;
                if r > worst {
                    worst = r;
                }
            }
        }
        total += worst;
    }
    let score = total / st.n_labels as f64;
    if score.is_finite() {
        Ok(score)
    } else {
        Err(Error::Numerical("davies_bouldin"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    extern crate std;
    use std::vec;

    #[test]
    fn known_values_on_two_clusters() {
        // Clusters {0, 2} and {10, 12} on a line: centroids 1 and 11.
        let x = [0.0f64, 2.0, 10.0, 12.0, 500.0];
        let labels = [0, 0, 1, 1, -1];
        let xm = Matrix::new(&x, 5, 1).unwrap();
        let mut ws = vec![0u8; workspace_size(1, 3).unwrap().bytes()];
        // extra = 2*25 + 2*25 = 100, intra = 4, CH = 100 * 2 / (4 * 1) = 50.
        assert_eq!(calinski_harabasz(xm, &labels, 3, &mut ws), Ok(50.0));
        // s = 1 each, centroid distance 10: DB = 0.2.
        assert_eq!(davies_bouldin(xm, &labels, 3, &mut ws), Ok(0.2));
    }

    #[test]
    fn degenerate_cases_follow_scikit_learn() {
        let x = [1.0f32, 1.0, 1.0, 1.0];
        let xm = Matrix::new(&x, 4, 1).unwrap();
        let mut ws = [0u8; 256];
        assert_eq!(calinski_harabasz(xm, &[0, 0, 1, 1], 2, &mut ws), Ok(1.0));
        assert_eq!(davies_bouldin(xm, &[0, 0, 1, 1], 2, &mut ws), Ok(0.0));
        assert_eq!(
            calinski_harabasz(xm, &[0, 0, 0, 0], 2, &mut ws),
            Err(Error::InvalidParameter("labels"))
        );
        assert_eq!(
            davies_bouldin(xm, &[0, 1, 2, 3], 4, &mut ws),
            Err(Error::InvalidParameter("labels"))
        );
        assert!(matches!(
            davies_bouldin(xm, &[0, 1, 1, 1], 2, &mut ws[..4]),
            Err(Error::WorkspaceTooSmall { .. })
        ));
        let big = [f64::MAX, f64::MAX, 0.0, 1.0];
        assert_eq!(
            calinski_harabasz(Matrix::new(&big, 4, 1).unwrap(), &[0, 0, 1, 1], 2, &mut ws),
            Err(Error::Numerical("centroids"))
        );
    }
}
