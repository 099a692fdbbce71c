//! The C library as a C user gets it: the shared library's SONAME and its
//! exported symbols (only `nanoclust_*`), and the header's version macros
//! against `nanoclust_version()` and Cargo.toml, through both libraries.

mod cbuild;

use cbuild::{build, lib_dir, root, run, soname, Link};
use std::process::Command;

#[test]
fn shared_library_has_the_abi_soname() {
    let text = run(Command::new("readelf")
        .arg("-d")
        .arg(lib_dir().join("libnanoclust.so")));
    let line = text
        .lines()
        .find(|l| l.contains("(SONAME)"))
        .unwrap_or_else(|| panic!("libnanoclust.so has no SONAME:\n{text}"));
    assert!(line.contains(&format!("[{}]", soname())), "{line}");
}

/// rustc's own linker version script is what limits the exports (see
/// build.rs): this is the check that it does, whatever the dependencies hold.
#[test]
fn shared_library_exports_only_nanoclust_functions() {
    let text = run(Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(lib_dir().join("libnanoclust.so")));
    let symbols: Vec<(&str, &str)> = text
        .lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let (_addr, kind, name) = (parts.next()?, parts.next()?, parts.next()?);
            Some((kind, name))
        })
        .collect();
    let others: Vec<_> = symbols
        .iter()
        .filter(|(kind, name)| *kind != "T" || !name.starts_with("nanoclust_"))
        .collect();
    assert!(symbols.len() > 50, "{text}");
    assert!(
        others.is_empty(),
        "exported beyond nanoclust_* functions: {others:?}"
    );
}

fn check_version(link: Link, exe_name: &str) {
    let exe = build(
        "cc",
        &["-std=c99"],
        &root().join("tests/c/version_check.c"),
        exe_name,
        link,
    );
    let text = run(&mut Command::new(&exe));
    let version = env!("CARGO_PKG_VERSION");
    assert!(text.starts_with(&format!("header {version} ")), "{text}");
    // Cargo.toml itself, not only what cargo passed to this test.
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains(&format!("\nversion = \"{version}\"")),
        "Cargo.toml's version is not {version}"
    );
}

#[test]
fn version_macros_match_the_static_library_and_cargo_toml() {
    check_version(Link::Static, "version_check_static");
}

#[test]
fn version_macros_match_the_shared_library_and_cargo_toml() {
    check_version(Link::Shared, "version_check_shared");
    let exe = lib_dir().join("cbuild/bin/version_check_shared");
    let text = run(Command::new("readelf").arg("-d").arg(&exe));
    assert!(text.contains(&format!("[{}]", soname())), "{text}");
}
