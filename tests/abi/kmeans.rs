//! Semantic ABI assertions of the kmeans family that the generic harness cannot express.
