//! ABI edge cases of every export, driven by a table (`table.rs`: one entry
//! per export describing its arguments) and a harness (`harness.rs`) that
//! derives, for every export: NULL in each pointer (NULL_POINTER, or OK where
//! the header says "may be NULL"), 0 and `SIZE_MAX` in each size, every
//! enumerated input one past its range and `UINT32_MAX` (INVALID_PARAMETER),
//! NaN and +-Inf in each finite input (NON_FINITE), a workspace one byte
//! short of its query (WORKSPACE_TOO_SMALL), a NULL workspace (NULL_POINTER,
//! or OK when the query says 0), and that every failing call leaves every
//! output byte-for-byte untouched (outputs hold a canary pattern). Every
//! status observed must be one the header documents for that function.
//!
//! The family files (`kmeans.rs`, ...) keep the semantic assertions the
//! generic harness cannot express.

#[path = "../common/header.rs"]
mod header;
#[macro_use]
mod harness;
mod table;

mod dbscan;
mod gmm;
mod hierarchy;
mod kmeans;
mod metrics;
mod model_selection;

use harness::{check, documented};
use nanoclust::ffi::gmm::nanoclust_gmm_params_default;
use nanoclust::ffi::*;
use std::collections::BTreeSet;

#[test]
fn every_export_of_the_header_is_in_the_table() {
    let decls = header::declarations(&header::header());
    let table = table::table();
    let listed: BTreeSet<&str> = table.iter().map(|e| e.name).chain(table::PLAIN).collect();
    let missing: Vec<&String> = decls
        .keys()
        .filter(|n| !listed.contains(n.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "exports without a table entry: {missing:?}"
    );
    let stale: Vec<&&str> = listed.iter().filter(|n| !decls.contains_key(**n)).collect();
    assert!(
        stale.is_empty(),
        "table entries the header does not declare: {stale:?}"
    );
    // The table's argument names are the header's parameter names, in order.
    for e in &table {
        let names: Vec<&str> = decls[e.name]
            .params
            .iter()
            .map(|(_, n)| n.as_str())
            .collect();
        let ours: Vec<&str> = e.args.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ours, "{}", e.name);
    }
}

#[test]
fn every_export_passes_the_generic_edge_cases() {
    let decls = header::declarations(&header::header());
    let table = table::table();
    let mut problems = Vec::new();
    let mut calls = 0;
    for e in &table {
        let seen = check(e, &table);
        calls += seen.calls;
        problems.extend(seen.problems);
        let doc = documented(&decls, e.name);
        for s in seen.statuses.difference(&doc) {
            problems.push(format!(
                "{} returned status {s}, which its @retval lines omit",
                e.name
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    println!("{} exports, {calls} edge-case calls", table.len());
    assert!(calls > 10 * table.len());
}

#[test]
fn plain_exports_answer() {
    // SAFETY: these exports take no pointer; the message is a static C string.
    unsafe {
        assert_eq!(nanoclust_kmeans_params_default(4).n_clusters, 4);
        assert_eq!(nanoclust_gmm_params_default(4).n_components, 4);
        assert_eq!(nanoclust_dbscan_params_default().min_samples, 5);
        assert!(nanoclust_version() > 0);
        let b = nanoclust_partial_block_rows();
        assert!((1..=64).contains(&b), "block rows {b}");
        for code in [0, 7, -1, i32::MAX] {
            let msg = std::ffi::CStr::from_ptr(nanoclust_status_message(code));
            assert!(!msg.to_bytes().is_empty());
        }
    }
}
