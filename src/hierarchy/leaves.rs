//! The dendrogram's leaf order: scipy's `leaves_list`, a pre-order
//! traversal from the root that visits the left child before the right.

use super::cuts::validate;
use super::Merge;
use crate::error::{Error, Result};

/// Writes scipy's `leaves_list(Z)` to `order` (n). The workspace is
/// [`super::cuts::cut_tree_workspace_size`]; an invalid tree is rejected as in
/// [`super::cuts::cut_n_clusters`] and `order` is written only on success.
pub fn dendrogram_leaves(
    merges: &[Merge],
    n: usize,
    workspace: &mut [u8],
    order: &mut [u32],
) -> Result<()> {
    if order.len() != n {
        return Err(Error::InvalidShape("order"));
    }
    let t = validate(merges, n, workspace)?;
    if n == 1 {
        if let Some(o) = order.first_mut() {
            *o = 0;
        }
        return Ok(());
    }
    // Pre-order, left before right: pop a node, emit a sample or push its
    // right then its left child. The stack never holds more than n entries.
    let stack = t.a;
    let out = t.b;
    let bad = Error::InvalidParameter("merges");
    let mut len = 1usize;
    let mut emitted = 0usize;
    *stack.first_mut().ok_or(bad)? = (2 * n - 2) as u32;
    while len > 0 {
        len -= 1;
        let node = stack.get(len).copied().ok_or(bad)? as usize;
        if node < n {
            *out.get_mut(emitted).ok_or(bad)? = node as u32;
            emitted += 1;
            continue;
        }
        let m = merges.get(node - n).ok_or(bad)?;
        for c in [m.right, m.left] {
            *stack.get_mut(len).ok_or(bad)? = c;
            len += 1;
        }
    }
    if emitted != n {
        return Err(bad);
    }
    for (o, &v) in order.iter_mut().zip(out.iter()) {
        *o = v;
    }
    Ok(())
}
