//! The generated header compiles as C99 and as C++11 with warnings as errors,
//! links against the library built for this test run, and declares exactly the
//! `nanoclust_` functions that `libnanoclust.so` exports.
//!
//! Needs `cc`, `c++` and `nm` on PATH (gcc/g++/binutils on Debian).

mod cbuild;

use cbuild::{build, lib_dir, out_dir, root, run, strip_comments, Link};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn compile_and_run(compiler: &str, std: &str, source: &Path, exe_name: &str) {
    let exe = build(compiler, &[std], source, exe_name, Link::Static);
    let text = run(&mut Command::new(&exe));
    assert!(text.contains("header_check: 0 failures"), "{text}");
}

#[test]
fn header_compiles_and_links_as_c99() {
    compile_and_run(
        "cc",
        "-std=c99",
        &root().join("tests/c/header_check.c"),
        "header_check_c99",
    );
}

#[test]
fn header_compiles_and_links_as_cpp11() {
    // The same source as C++: a copy with a .cpp extension.
    let cpp = out_dir("c-header-check").join("header_check.cpp");
    std::fs::copy(root().join("tests/c/header_check.c"), &cpp).unwrap();
    compile_and_run("c++", "-std=c++11", &cpp, "header_check_cpp11");
}

/// The header with its comments removed.
fn header_code() -> String {
    strip_comments(&std::fs::read_to_string(root().join("include/nanoclust.h")).unwrap())
}

/// Names of the functions the header declares: `nanoclust_<name>(` outside comments.
fn header_functions() -> BTreeSet<String> {
    let code = header_code();
    let mut names = BTreeSet::new();
    for (i, _) in code.match_indices("nanoclust_") {
        let name: String = code[i..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let prev = code[..i].chars().last().unwrap_or(' ');
        if !(prev.is_ascii_alphanumeric() || prev == '_')
            && code[i + name.len()..].trim_start().starts_with('(')
        {
            names.insert(name);
        }
    }
    names
}

fn exported_functions() -> BTreeSet<String> {
    let so = lib_dir().join("libnanoclust.so");
    let text = run(Command::new("nm").args(["-D", "--defined-only"]).arg(&so));
    text.lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let (_addr, kind, name) = (parts.next()?, parts.next()?, parts.next()?);
            (kind == "T" && name.starts_with("nanoclust_")).then(|| name.to_string())
        })
        .collect()
}

#[test]
fn header_declares_exactly_the_exported_symbols() {
    let declared = header_functions();
    let exported = exported_functions();
    assert!(
        declared.contains("nanoclust_status_message") && declared.contains("nanoclust_version")
    );
    let only_header: Vec<_> = declared.difference(&exported).collect();
    let only_library: Vec<_> = exported.difference(&declared).collect();
    assert!(
        only_header.is_empty() && only_library.is_empty(),
        "declared but not exported: {only_header:?}; exported but not declared: {only_library:?}"
    );
}
