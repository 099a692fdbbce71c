//! Semantic ABI assertions of the dbscan family that the generic harness cannot express.
