//! Semantic ABI assertions of the gmm family that the generic harness cannot express.
