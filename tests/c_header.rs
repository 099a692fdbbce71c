//! The generated header compiles as C99 and as C++11 with warnings as errors,
//! links against the library built for this test run, and declares exactly the
//! `nanoclust_` functions that `libnanoclust.so` exports.
//!
//! Needs `cc`, `c++` and `nm` on PATH (gcc/g++/binutils on Debian).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The directory holding freshly built release artifacts (`libnanoclust.a`,
/// `libnanoclust.so`). `cargo test` only builds the rlib, so the first caller
/// runs `cargo build --release --lib` (a no-op when they are up to date).
///
/// Under `cargo test --release` that nested build must not use the running
/// test's own `target/release`: the artifacts of a crate with `staticlib` and
/// `cdylib` types carry no hash in their names, so it would overwrite the
/// `libnanoclust.rlib` of this test run with a `panic = "abort"` build (and
/// its dependencies), which the doctests, linked afterwards, reject ("requires
/// panic strategy `abort`"). It then builds into `target/c-header` instead.
fn lib_dir() -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let exe = std::env::current_exe().expect("test executable path");
            // target/<profile>/deps/<test> -> target/<profile>, target
            let profile_dir = exe.parent().and_then(Path::parent).expect("profile dir");
            let target = profile_dir.parent().expect("target dir");
            let own = profile_dir.file_name().is_some_and(|n| n == "release");
            let target_dir = if own {
                target.join("c-header")
            } else {
                target.to_path_buf()
            };
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            run(Command::new(cargo)
                .current_dir(root())
                .args(["build", "--release", "--lib", "--target-dir"])
                .arg(&target_dir));
            target_dir.join("release")
        })
        .clone()
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

fn compile_and_run(compiler: &str, std: &str, source: &Path, exe_name: &str) {
    let out_dir = lib_dir().join("c-header-check");
    std::fs::create_dir_all(&out_dir).unwrap();
    let exe = out_dir.join(exe_name);
    run(Command::new(compiler)
        .args([std, "-Wall", "-Wextra", "-Werror", "-pedantic", "-I"])
        .arg(root().join("include"))
        .arg(source)
        .arg(lib_dir().join("libnanoclust.a"))
        .args(["-lm", "-lpthread", "-ldl", "-o"])
        .arg(&exe));
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
    let out_dir = lib_dir().join("c-header-check");
    std::fs::create_dir_all(&out_dir).unwrap();
    let cpp = out_dir.join("header_check.cpp");
    std::fs::copy(root().join("tests/c/header_check.c"), &cpp).unwrap();
    compile_and_run("c++", "-std=c++11", &cpp, "header_check_cpp11");
}

/// The header with its comments removed.
fn header_code() -> String {
    let header = std::fs::read_to_string(root().join("include/nanoclust.h")).unwrap();
    let mut code = String::new();
    let mut rest = header.as_str();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
        } else {
            let c = rest.chars().next().unwrap();
            code.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    code
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
