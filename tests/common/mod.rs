//! Shared helpers for the integration tests: loading committed reference
//! fixtures (JSON written by `tools/*.py` from pinned scikit-learn/scipy) and
//! tolerance assertions. Include with `mod common;`.
#![allow(dead_code)]

#[cfg(feature = "std")]
pub mod fit_full;

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The path of a fixture under `tests/fixtures/`.
pub fn fixture_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Loads and parses a fixture; panics with the path on failure (tests only).
pub fn fixture(rel: &str) -> Value {
    let path = fixture_path(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every fixture file (sorted) in a directory under `tests/fixtures/`.
pub fn fixtures_in(dir: &str) -> Vec<(String, Value)> {
    let mut names: Vec<_> = std::fs::read_dir(fixture_path(dir))
        .unwrap_or_else(|e| panic!("tests/fixtures/{dir}: {e}"))
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no fixtures in tests/fixtures/{dir}");
    names
        .into_iter()
        .map(|n| (n.clone(), fixture(&format!("{dir}/{n}"))))
        .collect()
}

/// A JSON array of numbers, flattened row-major if nested.
pub fn f64s(v: &Value) -> Vec<f64> {
    match v {
        Value::Array(items) => items.iter().flat_map(f64s).collect(),
        Value::Number(n) => vec![n.as_f64().expect("number")],
        other => panic!("expected numbers, got {other}"),
    }
}

/// As [`f64s`], rounded to f32.
pub fn f32s(v: &Value) -> Vec<f32> {
    f64s(v).into_iter().map(|x| x as f32).collect()
}

/// A JSON array of integers, flattened.
pub fn i64s(v: &Value) -> Vec<i64> {
    match v {
        Value::Array(items) => items.iter().flat_map(i64s).collect(),
        Value::Number(n) => vec![n.as_i64().expect("integer")],
        other => panic!("expected integers, got {other}"),
    }
}

/// Asserts `|a - b| <= rtol * max(|a|, |b|) + atol` element-wise.
pub fn assert_close(what: &str, got: &[f64], want: &[f64], rtol: f64, atol: f64) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        let tol = rtol * g.abs().max(w.abs()) + atol;
        assert!(
            (g - w).abs() <= tol,
            "{what}[{i}]: got {g}, want {w} (tol {tol})"
        );
    }
}
