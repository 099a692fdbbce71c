//! The neighbour index choice: brute force, grid or kd-tree.

use crate::error::{Error, Result};

/// The neighbour index used to answer eps-neighbourhood queries. The result
/// never depends on it; only time and workspace do. The `u32` values are the C
/// constants `NANOCLUST_INDEX_*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IndexKind {
    /// Chooses from the sizes and the metric (see [`IndexKind::resolve`]).
    #[default]
    Auto = 0,
    /// Compares every pair.
    Brute = 1,
    /// A uniform grid over (at most) three coordinates with cells at least eps wide.
    Grid = 2,
    /// A kd-tree with tight bounding boxes.
    KdTree = 3,
}

impl IndexKind {
    /// Every index, in C constant order.
    pub const ALL: [IndexKind; 4] = [
        IndexKind::Auto,
        IndexKind::Brute,
        IndexKind::Grid,
        IndexKind::KdTree,
    ];

    /// The index of a C constant; unknown values are `InvalidParameter("index")`.
    pub fn from_u32(v: u32) -> Result<Self> {
        match v {
            0 => Ok(IndexKind::Auto),
            1 => Ok(IndexKind::Brute),
            2 => Ok(IndexKind::Grid),
            3 => Ok(IndexKind::KdTree),
            _ => Err(Error::InvalidParameter("index")),
        }
    }

    /// The concrete index `Auto` stands for with `n` indexed points in `d`
    /// dimensions: brute force below 32 points or above 24 dimensions, the grid
    /// up to 3 dimensions, the kd-tree otherwise. Other values are returned as is.
    pub fn resolve(self, n: usize, d: usize) -> IndexKind {
        match self {
            IndexKind::Auto if n < 32 || d > 24 => IndexKind::Brute,
            IndexKind::Auto if d <= 3 => IndexKind::Grid,
            IndexKind::Auto => IndexKind::KdTree,
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_constants_round_trip_and_auto_resolves_to_a_concrete_index() {
        for (i, k) in IndexKind::ALL.into_iter().enumerate() {
            assert_eq!(IndexKind::from_u32(i as u32), Ok(k));
        }
        assert_eq!(IndexKind::Auto.resolve(10, 2), IndexKind::Brute);
        assert_eq!(IndexKind::Auto.resolve(1000, 2), IndexKind::Grid);
        assert_eq!(IndexKind::Auto.resolve(1000, 8), IndexKind::KdTree);
        assert_eq!(IndexKind::Auto.resolve(1000, 64), IndexKind::Brute);
        assert_eq!(IndexKind::Grid.resolve(10, 64), IndexKind::Grid);
    }
}
