//! Semantic ABI assertions of the hierarchy family that the generic harness cannot express.
