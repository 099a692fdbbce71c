//! Helpers for the tests that compile C and C++ programs against the header
//! and the release library (`c_library`, `abi_baseline`, `cpp_header`).
//! Include with `mod cbuild;`. Needs `cc`, `c++`, `nm` and `readelf` on PATH.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The directory holding freshly built release artifacts (`libnanoclust.a`,
/// `libnanoclust.so`). `cargo test` only builds the rlib, so the first caller
/// runs `cargo build --release --lib` (a no-op when they are up to date).
pub fn lib_dir() -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let exe = std::env::current_exe().expect("test executable path");
            // target/<profile>/deps/<test> -> target/<profile>, target
            let profile_dir = exe.parent().and_then(Path::parent).expect("profile dir");
            let target = profile_dir.parent().expect("target dir");
            // Under `cargo test --release` the nested build must not use the
            // running test's own target/release: the artifacts of a crate with
            // staticlib and cdylib types carry no hash in their names, so it would
            // overwrite this run's libnanoclust.rlib with a `panic = "abort"`
            // build, which the doctests, linked afterwards, reject ("requires
            // panic strategy `abort`"). It builds into target/c-header instead.
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

/// A scratch directory for one test's build products, under target/release.
pub fn out_dir(name: &str) -> PathBuf {
    let dir = lib_dir().join("cbuild").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a command; panics with its output when it fails. Returns stdout + stderr.
pub fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

/// The SONAME rule of build.rs and the Makefile: `libnanoclust.so.0.MINOR`
/// before 1.0, `libnanoclust.so.MAJOR` after.
pub fn soname() -> String {
    let major = env!("CARGO_PKG_VERSION_MAJOR");
    let minor = env!("CARGO_PKG_VERSION_MINOR");
    if major == "0" {
        format!("libnanoclust.so.0.{minor}")
    } else {
        format!("libnanoclust.so.{major}")
    }
}

/// A directory with `libnanoclust.so` and its SONAME link, as `make install`
/// lays them out, for programs linked against the shared library to run from.
pub fn shared_lib_dir() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = out_dir("shared");
        let so = lib_dir().join("libnanoclust.so");
        for name in ["libnanoclust.so".to_string(), soname()] {
            let dst = dir.join(name);
            let _ = std::fs::remove_file(&dst);
            std::fs::copy(&so, &dst).unwrap();
        }
        dir
    })
    .clone()
}

/// How a test program links the library.
#[derive(Clone, Copy, Debug)]
pub enum Link {
    Static,
    Shared,
}

/// Compiles `source` with `compiler` and `flags` (warnings are errors), links
/// it against the library, and returns the executable's path.
pub fn build(compiler: &str, flags: &[&str], source: &Path, exe_name: &str, link: Link) -> PathBuf {
    let exe = out_dir("bin").join(exe_name);
    let mut cmd = Command::new(compiler);
    cmd.args(flags)
        .args(["-Wall", "-Wextra", "-Werror", "-pedantic", "-I"])
        .arg(root().join("include"))
        .arg(source);
    match link {
        Link::Static => {
            cmd.arg(lib_dir().join("libnanoclust.a"))
                .args(["-lm", "-lpthread", "-ldl"]);
        }
        Link::Shared => {
            let dir = shared_lib_dir();
            cmd.arg("-L")
                .arg(&dir)
                .arg(format!("-Wl,-rpath,{}", dir.display()))
                .args(["-lnanoclust", "-lm"]);
        }
    }
    run(cmd.arg("-o").arg(&exe));
    exe
}

/// The header with its comments removed (strings in the header hold no comment markers).
pub fn strip_comments(text: &str) -> String {
    let mut code = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
            code.push('\n');
        } else {
            let c = rest.chars().next().unwrap();
            code.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    code
}
