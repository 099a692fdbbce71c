//! The status-doc format of `include/nanoclust.h`, checked on the generated
//! header itself: every function has a Doxygen comment with `@param` for each
//! parameter (and none for a parameter that does not exist) and `@par Work`;
//! every function returning `nanoclust_status` has `@return` and at least one
//! `@retval`, each naming an existing status constant; every `_f32` function
//! has its `_f64` twin (and vice versa) with the same parameters apart from
//! the element type.

#[path = "common/header.rs"]
mod header;

use header::{declarations, header, status_constants, tagged};
use std::collections::BTreeSet;

#[test]
fn the_parser_sees_every_declared_function() {
    let h = header();
    let decls = declarations(&h);
    // Independent count: lines that open a declaration `... nanoclust_x(`.
    let opened = h
        .lines()
        .filter(|l| !l.trim_start().starts_with('*') && !l.trim_start().starts_with("/*"))
        .filter(|l| l.contains("nanoclust_") && l.contains('(') && !l.starts_with('#'))
        .count();
    assert_eq!(decls.len(), opened);
    assert!(decls.len() >= 80, "only {} functions parsed", decls.len());
    let fit = &decls["nanoclust_kmeans_fit_f32"];
    assert_eq!(fit.ret, "nanoclust_status");
    assert_eq!(fit.params.len(), 10);
    assert_eq!(
        fit.params[0],
        ("const float *".to_string(), "x".to_string())
    );
}

#[test]
fn every_function_documents_every_parameter_and_its_work() {
    let decls = declarations(&header());
    let mut problems = Vec::new();
    for (name, d) in &decls {
        let documented: BTreeSet<&str> = tagged(&d.doc, "@param ").into_iter().collect();
        let declared: BTreeSet<&str> = d.params.iter().map(|(_, n)| n.as_str()).collect();
        for p in declared.difference(&documented) {
            problems.push(format!("{name}: no @param {p}"));
        }
        for p in documented.difference(&declared) {
            problems.push(format!("{name}: @param {p} is not a parameter"));
        }
        if !d.doc.contains("@par Work") {
            problems.push(format!("{name}: no @par Work"));
        }
        let summary = d.doc.lines().find(|l| !l.trim().is_empty());
        if summary.is_none_or(|l| l.starts_with('@')) {
            problems.push(format!("{name}: no summary line"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_status_function_documents_its_statuses_with_real_constants() {
    let h = header();
    let constants = status_constants(&h);
    assert_eq!(constants.len(), 8, "{constants:?}");
    let decls = declarations(&h);
    let mut problems = Vec::new();
    let mut checked = 0;
    for (name, d) in decls.iter().filter(|(_, d)| d.ret == "nanoclust_status") {
        checked += 1;
        if !d.doc.lines().any(|l| l.starts_with("@return ")) {
            problems.push(format!("{name}: no @return"));
        }
        let retvals = tagged(&d.doc, "@retval ");
        if retvals.is_empty() {
            problems.push(format!("{name}: no @retval"));
        }
        for r in retvals {
            if !constants.contains(r) {
                problems.push(format!("{name}: @retval {r} is not a status constant"));
            }
        }
    }
    assert!(checked >= 75, "only {checked} status functions");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_f32_function_has_its_f64_twin_with_the_same_parameters() {
    let decls = declarations(&header());
    let scalar = |t: &str| t.replace("double", "SCALAR").replace("float", "SCALAR");
    let mut problems = Vec::new();
    for (name, d) in &decls {
        let twin = if let Some(base) = name.strip_suffix("_f32") {
            format!("{base}_f64")
        } else if let Some(base) = name.strip_suffix("_f64") {
            format!("{base}_f32")
        } else {
            continue;
        };
        let Some(t) = decls.get(&twin) else {
            problems.push(format!("{name}: no twin {twin}"));
            continue;
        };
        let a: Vec<_> = d.params.iter().map(|(ty, n)| (scalar(ty), n)).collect();
        let b: Vec<_> = t.params.iter().map(|(ty, n)| (scalar(ty), n)).collect();
        if a != b || scalar(&d.ret) != scalar(&t.ret) {
            problems.push(format!("{name} and {twin} differ beyond the element type"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
