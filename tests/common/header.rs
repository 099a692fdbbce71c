//! A small parser of the generated `include/nanoclust.h`: the declared
//! functions with their parameters and Doxygen comments. Shared by
//! `tests/header_docs.rs` and `tests/abi` (include with
//! `#[path = "common/header.rs"] mod header;`).
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One declared function: return type, (type, name) parameters, doc text.
pub struct Decl {
    /// The return type, e.g. `nanoclust_status`.
    pub ret: String,
    /// (type, name) of every parameter.
    pub params: Vec<(String, String)>,
    /// The comment text, one line per line, without `*` decoration.
    pub doc: String,
}

/// The committed header.
pub fn header() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("include/nanoclust.h");
    std::fs::read_to_string(path).expect("read include/nanoclust.h")
}

/// Every `/** doc */ ret nanoclust_name(params);` of the header.
pub fn declarations(h: &str) -> BTreeMap<String, Decl> {
    let mut out = BTreeMap::new();
    let mut rest = h;
    while let Some(start) = rest.find("/**") {
        let after = &rest[start + 3..];
        let end = after.find("*/").expect("unterminated comment");
        let doc = &after[..end];
        let tail = &after[end + 2..];
        // The declaration is what follows the comment up to the next ';'.
        let decl_end = tail.find(';').unwrap_or(tail.len());
        let decl = tail[..decl_end].trim();
        rest = &after[end + 2..];
        let Some(open) = decl.find('(') else { continue };
        if decl.starts_with('#') || decl.starts_with("typedef") || decl.contains('{') {
            continue;
        }
        let head = decl[..open].trim();
        let Some(name_at) = head.rfind(|c: char| !(c.is_alphanumeric() || c == '_')) else {
            continue;
        };
        let name = head[name_at + 1..].to_string();
        if !name.starts_with("nanoclust_") {
            continue;
        }
        let ret = head[..=name_at].trim().to_string();
        let inner = decl[open + 1..decl.rfind(')').expect("closing paren")].trim();
        let params = if inner == "void" || inner.is_empty() {
            Vec::new()
        } else {
            inner
                .split(',')
                .map(|p| {
                    let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
                    let at = p
                        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .expect("parameter has a type");
                    (p[..=at].trim().to_string(), p[at + 1..].to_string())
                })
                .collect()
        };
        let doc = doc
            .lines()
            .map(|l| l.trim().trim_start_matches('*').trim())
            .collect::<Vec<_>>()
            .join("\n");
        out.insert(name, Decl { ret, params, doc });
    }
    out
}

/// The words following `tag` at the start of a doc line.
pub fn tagged<'a>(doc: &'a str, tag: &str) -> Vec<&'a str> {
    doc.lines()
        .filter_map(|l| l.strip_prefix(tag))
        .filter_map(|l| l.split_whitespace().next())
        .collect()
}

/// `NANOCLUST_OK` and the `NANOCLUST_ERR_*` constants the header defines.
pub fn status_constants(h: &str) -> BTreeSet<String> {
    h.lines()
        .filter_map(|l| l.strip_prefix("#define "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|n| *n == "NANOCLUST_OK" || n.starts_with("NANOCLUST_ERR_"))
        .map(str::to_string)
        .collect()
}
