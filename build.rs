//! The shared library's SONAME on Linux carries the ABI version (see "ABI
//! policy" in README.md): `libnanoclust.so.MAJOR` from 1.0 on, and
//! `libnanoclust.so.0.MINOR` before (in 0.x a minor release may break the ABI,
//! as in Cargo's semver). `make install` installs the file as
//! `libnanoclust.so.MAJOR.MINOR.PATCH` with the SONAME and `libnanoclust.so`
//! symlinks.
//!
//! Exports: rustc links every cdylib with its own linker version script that
//! lists exactly the `#[no_mangle]` functions as global and makes everything
//! else local. A second script passed here cannot narrow it (the exact names
//! in rustc's script win over any wildcard), so `tests/c_library.rs` checks the
//! result instead: the dynamic symbol table defines `nanoclust_*` functions only.
//!
//! Nothing here applies to the static library, the rlib or bare-metal targets.

use std::env;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("linux") {
        return;
    }
    let major = env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_default();
    let minor = env::var("CARGO_PKG_VERSION_MINOR").unwrap_or_default();
    let abi = if major == "0" {
        format!("0.{minor}")
    } else {
        major
    };
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libnanoclust.so.{abi}");
}
