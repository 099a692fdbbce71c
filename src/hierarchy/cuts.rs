//! Flat clusterings from a dendrogram (scipy's `Z` as [`Merge`] rows), and
//! the validation every tree consumer runs first: a merge array from the
//! caller is never trusted.
//!
//! One workspace ([`cut_tree_workspace_size`]) serves [`cut_n_clusters`],
//! [`cut_distance`] and [`super::leaves::dendrogram_leaves`]: two `u32`
//! arrays of `2n - 1` node entries and `n - 1` heights.

use super::Merge;
use crate::error::{Error, Result};
use crate::matrix::MAX_SAMPLES;
use crate::workspace::{Carve, Layout, Sizer, Workspace};

const NONE: u32 = u32::MAX;

/// The scratch of the tree functions for `n` samples.
pub fn cut_tree_workspace_size(n: usize) -> Result<Layout> {
    if n == 0 || n > MAX_SAMPLES {
        return Err(Error::InvalidShape("n"));
    }
    Sizer::measure(|c| TreeScratch::carve(c, n).map(drop))
}

/// The tree scratch, declared once (sized by [`cut_tree_workspace_size`],
/// carved by [`validate`]): `a`, `b` (2n - 1 each, zeroed) and `md` (n - 1).
pub(crate) struct TreeScratch<'a> {
    pub(crate) a: &'a mut [u32],
    pub(crate) b: &'a mut [u32],
    pub(crate) md: &'a mut [f64],
}

impl<'a> TreeScratch<'a> {
    /// The declaration, for `1 <= n <= MAX_SAMPLES`.
    #[inline(always)]
    fn carve(c: &mut impl Carve<'a>, n: usize) -> Result<Self> {
        let nodes = n
            .checked_mul(2)
            .map(|v| v.saturating_sub(1))
            .ok_or(Error::SizeOverflow("workspace"))?;
        Ok(TreeScratch {
            a: c.take_filled(nodes, 0)?,
            b: c.take_filled(nodes, 0)?,
            md: c.take_filled(n.saturating_sub(1), 0.0)?,
        })
    }
}

/// Checks that `merges` is a valid dendrogram over `n` samples (the rules of
/// scipy's `is_valid_linkage`), using the workspace: `n - 1` rows; row `s`
/// joins two different existing clusters (`left, right < n + s`, in either
/// order, as scipy accepts) that no earlier row used; `size` is the sum of their sizes; the distance is
/// finite (`NonFinite("merges")` otherwise) and not negative. Anything else is
/// `InvalidParameter("merges")`.
pub(crate) fn validate<'a>(
    merges: &[Merge],
    n: usize,
    workspace: &'a mut [u8],
) -> Result<TreeScratch<'a>> {
    let layout = cut_tree_workspace_size(n)?;
    if merges.len() != n - 1 {
        return Err(Error::InvalidShape("merges"));
    }
    let mut ws = Workspace::new(workspace);
    ws.require(layout)?;
    let TreeScratch {
        a: size,
        b: used,
        md,
    } = TreeScratch::carve(&mut ws, n)?;
    for s in size.iter_mut().take(n) {
        *s = 1;
    }
    let bad = Error::InvalidParameter("merges");
    for (s, m) in merges.iter().enumerate() {
        if !m.distance.is_finite() {
            return Err(Error::NonFinite("merges"));
        }
        let (l, r) = (m.left as usize, m.right as usize);
        if m.distance < 0.0 || l == r || l.max(r) >= n + s {
            return Err(bad);
        }
        match (used.get(l), used.get(r)) {
            (Some(0), Some(0)) => {}
            _ => return Err(bad),
        }
        let want = size
            .get(l)
            .copied()
            .unwrap_or(0)
            .saturating_add(size.get(r).copied().unwrap_or(0));
        if m.size != want {
            return Err(bad);
        }
        for i in [l, r] {
            if let Some(u) = used.get_mut(i) {
                *u = 1;
            }
        }
        if let Some(z) = size.get_mut(n + s) {
            *z = want;
        }
        // The largest height inside each cluster (scipy's `maxdists`), for
        // distance cuts of non-monotone trees.
        let child = |i: usize| {
            if i >= n {
                md.get(i - n).copied().unwrap_or(0.0)
            } else {
                0.0
            }
        };
        let v = m.distance.max(child(l)).max(child(r));
        if let Some(z) = md.get_mut(s) {
            *z = v;
        }
    }
    Ok(TreeScratch {
        a: size,
        b: used,
        md,
    })
}

/// scikit-learn's `AgglomerativeClustering(n_clusters)` labels from the tree:
/// undo the last `n_clusters - 1` merges. Labels are `0..n_clusters-1`,
/// numbered by first appearance in sample order (scikit-learn numbers them in
/// another order; the partition is the same).
///
/// Errors: an invalid tree (see the module docs), `n_clusters` of 0 or above
/// `n` (`InvalidParameter("n_clusters")`), a short workspace; `labels` (n) is
/// written only on success.
pub fn cut_n_clusters(
    merges: &[Merge],
    n: usize,
    n_clusters: usize,
    workspace: &mut [u8],
    labels: &mut [i32],
) -> Result<()> {
    if labels.len() != n {
        return Err(Error::InvalidShape("labels"));
    }
    let t = validate(merges, n, workspace)?;
    if n_clusters == 0 || n_clusters > n {
        return Err(Error::InvalidParameter("n_clusters"));
    }
    let (root, map) = (t.a, t.b);
    let kept = n - n_clusters;
    // root[node]: the parent within the kept merges, then (top-down) the top.
    root.fill(NONE);
    for (s, m) in merges.iter().take(kept).enumerate() {
        for c in [m.left, m.right] {
            if let Some(p) = root.get_mut(c as usize) {
                *p = (n + s) as u32;
            }
        }
    }
    for node in (0..root.len()).rev() {
        let p = root.get(node).copied().unwrap_or(NONE);
        let top = if p == NONE {
            node as u32
        } else {
            // Parents have larger ids, so theirs is already final.
            root.get(p as usize).copied().unwrap_or(p)
        };
        if let Some(r) = root.get_mut(node) {
            *r = top;
        }
    }
    map.fill(NONE);
    let mut next = 0u32;
    for i in 0..n {
        let r = root.get(i).copied().unwrap_or(0) as usize;
        if let Some(l) = map.get_mut(r) {
            if *l == NONE {
                *l = next;
                next += 1;
            }
        }
    }
    for (i, out) in labels.iter_mut().enumerate() {
        let r = root.get(i).copied().unwrap_or(0) as usize;
        *out = map.get(r).copied().unwrap_or(0) as i32;
    }
    Ok(())
}

/// scipy's `fcluster(Z, threshold, criterion='distance')`: flat clusters in
/// which no two members were merged above `threshold` (by the largest height
/// inside each cluster, so non-monotone trees work). Labels are scipy's minus
/// one (scipy numbers from 1), in scipy's traversal order. Returns the number
/// of clusters. `threshold` may be infinite (+inf: one cluster; -inf: n
/// singletons); NaN is `InvalidParameter("threshold")`.
pub fn cut_distance(
    merges: &[Merge],
    n: usize,
    threshold: f64,
    workspace: &mut [u8],
    labels: &mut [i32],
) -> Result<usize> {
    if labels.len() != n {
        return Err(Error::InvalidShape("labels"));
    }
    let t = validate(merges, n, workspace)?;
    if threshold.is_nan() {
        return Err(Error::InvalidParameter("threshold"));
    }
    if n == 1 {
        if let Some(l) = labels.first_mut() {
            *l = 0;
        }
        return Ok(1);
    }
    // a: the DFS stack (first n entries) and visited flags (entries n..2n-1 for
    // internal nodes); b: labels before they are copied out.
    let (stack, visited) =
        t.a.split_at_mut_checked(n)
            .ok_or(Error::InvalidParameter("merges"))?;
    let out = t.b;
    visited.fill(0);
    let bad = Error::InvalidParameter("merges");
    let mut n_cluster = 0u32;
    let mut k = 0usize;
    let mut ms: Option<usize> = None;
    *stack.first_mut().ok_or(bad)? = (2 * n - 2) as u32;
    let mut budget = 4 * n;
    loop {
        budget = budget.checked_sub(1).ok_or(bad)?;
        let root = (stack.get(k).copied().ok_or(bad)? as usize).wrapping_sub(n);
        let m = merges.get(root).ok_or(bad)?;
        let (lc, rc) = (m.left as usize, m.right as usize);
        if ms.is_none() && t.md.get(root).copied().unwrap_or(f64::INFINITY) <= threshold {
            ms = Some(k);
            n_cluster += 1;
        }
        let mut descended = false;
        for c in [lc, rc] {
            if c >= n {
                let v = visited.get_mut(c - n).ok_or(bad)?;
                if *v == 0 {
                    *v = 1;
                    k += 1;
                    *stack.get_mut(k).ok_or(bad)? = c as u32;
                    descended = true;
                    break;
                }
            }
        }
        if descended {
            continue;
        }
        for c in [lc, rc] {
            if c < n {
                if ms.is_none() {
                    n_cluster += 1;
                }
                *out.get_mut(c).ok_or(bad)? = n_cluster - 1;
            }
        }
        if ms == Some(k) {
            ms = None;
        }
        if k == 0 {
            break;
        }
        k -= 1;
    }
    for (l, &v) in labels.iter_mut().zip(out.iter()) {
        *l = v as i32;
    }
    Ok(n_cluster as usize)
}
