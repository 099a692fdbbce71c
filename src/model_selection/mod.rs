//! Model selection: reading the curves users choose parameters from (the
//! k-means elbow, the DBSCAN k-distance knee).

pub mod knee;

pub use knee::knee_index;
