//! Semantic ABI assertions of the model_selection family that the generic harness cannot express.
