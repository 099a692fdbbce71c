//! `include/nanoclust.hpp` compiled as C++17 and C++20, with and without
//! exceptions (`-fno-exceptions`, and `NANOCLUST_NO_EXCEPTIONS` forced with
//! exceptions on), warnings as errors, linked against the library and run:
//! `tests/cpp/hpp_check.cpp` compares every family's C++ result with the C
//! API's on the same data and checks the error paths of each mode.
//!
//! Needs `c++` (g++ on Debian).

mod cbuild;

use cbuild::{build, root, run, Link};
use std::process::Command;

fn check(std: &str, extra: &[&str], exe_name: &str, link: Link, mode: &str) {
    let mut flags = vec![std, "-O1"];
    flags.extend_from_slice(extra);
    let exe = build(
        "c++",
        &flags,
        &root().join("tests/cpp/hpp_check.cpp"),
        exe_name,
        link,
    );
    let text = run(&mut Command::new(&exe));
    assert!(
        text.contains(&format!("hpp_check ({mode}, C++")) && text.contains(" checks, 0 failures"),
        "{text}"
    );
}

#[test]
fn cpp17_with_exceptions() {
    check("-std=c++17", &[], "hpp_cpp17", Link::Static, "exceptions");
}

#[test]
fn cpp17_without_exceptions() {
    check(
        "-std=c++17",
        &["-fno-exceptions"],
        "hpp_cpp17_noexcept",
        Link::Static,
        "no exceptions",
    );
}

#[test]
fn cpp20_with_exceptions_shared_library() {
    check("-std=c++20", &[], "hpp_cpp20", Link::Shared, "exceptions");
}

#[test]
fn cpp20_without_exceptions() {
    check(
        "-std=c++20",
        &["-fno-exceptions"],
        "hpp_cpp20_noexcept",
        Link::Static,
        "no exceptions",
    );
}

#[test]
fn status_results_forced_with_exceptions_enabled() {
    check(
        "-std=c++17",
        &["-DNANOCLUST_NO_EXCEPTIONS"],
        "hpp_cpp17_forced",
        Link::Static,
        "no exceptions",
    );
}
