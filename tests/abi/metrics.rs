//! Semantic ABI assertions of the metrics family that the generic harness cannot express.
