//! The dendrogram row, shared with C (the header calls it `nanoclust_merge`).

/// One row of a dendrogram: the same meaning as a row of
/// scipy.cluster.hierarchy.linkage's Z. A dendrogram over n samples has n - 1
/// rows; row s creates cluster n + s.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Merge {
    /// Cluster id: i < n is sample i; n + s is the cluster made by row s.
    pub left: u32,
    /// Cluster id, left < right.
    pub right: u32,
    /// Merge height (the linkage distance between left and right).
    pub distance: f64,
    /// Number of samples in the new cluster.
    pub size: u32,
}
