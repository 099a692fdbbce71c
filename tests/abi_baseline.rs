//! The ABI check. `abi/baseline.txt` records the C ABI of `include/nanoclust.h`:
//! every exported function with its full C signature as the header declares it,
//! every typedef's and struct's size and alignment with each field's offset and
//! size, and every constant's value. A C probe generated from the header
//! (compiled against it as C11, warnings as errors) measures the layouts and
//! constants and checks that each parsed signature is the function's real type
//! (it assigns the function to a pointer of the parsed type).
//!
//! Any difference fails the test. To accept an ABI change deliberately:
//!
//! 1. add an entry marked **ABI** to the "Unreleased" section of CHANGELOG.md;
//! 2. run `NANOCLUST_BLESS=1 cargo test --test abi_baseline`, which refuses to
//!    rewrite a changed baseline unless the lines of that section that mention
//!    "ABI" changed since the last blessing (the baseline records their hash);
//! 3. commit `abi/baseline.txt`.
//!
//! The baseline's first lines record a hash of its body: a baseline edited by
//! hand instead of regenerated fails too. Version macros (`NANOCLUST_VERSION*`)
//! and the include guard are not ABI and are left out.

mod cbuild;

use cbuild::{build, root, run, strip_comments, Link};
use std::fmt::Write as _;
use std::process::Command;

/// What the header declares, parsed from its code (comments removed).
#[derive(Default)]
struct Header {
    /// `#define NANOCLUST_*` names.
    constants: Vec<String>,
    /// Typedef names of non-struct types (`nanoclust_status`).
    typedefs: Vec<String>,
    /// Struct names and their field names.
    structs: Vec<(String, Vec<String>)>,
    /// (name, return type, parameter list), whitespace normalised.
    functions: Vec<(String, String, String)>,
}

fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" ,", ",")
}

/// The last identifier of a declarator (`const float *x` -> `x`; `y[4]` -> `y`).
fn declared_name(decl: &str) -> String {
    let decl = decl.split('[').next().unwrap_or(decl);
    let rev: String = decl
        .trim()
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    rev.chars().rev().collect()
}

fn parse_header(text: &str) -> Header {
    let mut header = Header::default();
    let mut code = String::new();
    for line in strip_comments(text).lines() {
        let t = line.trim();
        if let Some(def) = t.strip_prefix("#define ") {
            let name = def.split_whitespace().next().unwrap_or("");
            if name.starts_with("NANOCLUST_")
                && name != "NANOCLUST_H"
                && !name.starts_with("NANOCLUST_VERSION")
            {
                header.constants.push(name.to_string());
            }
        } else if !t.starts_with('#') {
            code.push_str(line);
            code.push('\n');
        }
    }
    let code = code.replace("extern \"C\" {", "");
    // Top-level statements: split at ';' outside braces.
    let mut depth = 0i32;
    let mut stmt = String::new();
    let mut statements = Vec::new();
    for c in code.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            // The closing brace of `extern "C" {`.
            depth = 0;
            continue;
        }
        if c == ';' && depth == 0 {
            statements.push(squash(&stmt));
            stmt.clear();
        } else {
            stmt.push(c);
        }
    }
    assert!(squash(&stmt).is_empty(), "unterminated declaration: {stmt}");
    for s in statements {
        if let Some(body) = s.strip_prefix("typedef struct ") {
            let (_, inner) = body.split_once('{').expect("struct body");
            let (fields, name) = inner.rsplit_once('}').expect("struct end");
            let fields = fields
                .split(';')
                .filter(|f| !f.trim().is_empty())
                .map(declared_name)
                .collect();
            header.structs.push((name.trim().to_string(), fields));
        } else if s.starts_with("typedef ") {
            assert!(
                !s.contains('('),
                "typedef of a function type: extend the parser: {s}"
            );
            header.typedefs.push(declared_name(&s));
        } else if let Some((head, params)) = s.split_once('(') {
            let name = declared_name(head);
            let ret = head[..head.len() - name.len()].trim().to_string();
            let params = params.strip_suffix(')').expect("parameter list");
            assert!(
                name.starts_with("nanoclust_"),
                "unexpected declaration: {s}"
            );
            header
                .functions
                .push((name, ret, params.trim().to_string()));
        } else {
            panic!("unknown declaration in nanoclust.h (extend tests/abi_baseline.rs): {s}");
        }
    }
    header
}

/// The C probe: prints the layouts and constants, and fails to compile if a
/// parsed signature is not the function's type.
fn probe_source(h: &Header) -> String {
    let mut c = String::from(
        "#include <stdalign.h>\n#include <stddef.h>\n#include <stdio.h>\n#include \"nanoclust.h\"\n\n",
    );
    for (name, ret, params) in &h.functions {
        writeln!(c, "static {ret} (*const check_{name})({params}) = {name};").unwrap();
    }
    c.push_str("\nint main(void) {\n");
    for name in &h.functions {
        writeln!(c, "    (void)check_{};", name.0).unwrap();
    }
    for name in &h.constants {
        writeln!(
            c,
            "    printf(\"const {name} = %lld\\n\", (long long)({name}));"
        )
        .unwrap();
    }
    for t in &h.typedefs {
        writeln!(
            c,
            "    printf(\"typedef {t}: size %zu, align %zu, %s\\n\", sizeof({t}), alignof({t}), ({t})-1 < ({t})0 ? \"signed\" : \"unsigned or real\");"
        )
        .unwrap();
    }
    for (s, fields) in &h.structs {
        writeln!(
            c,
            "    printf(\"struct {s}: size %zu, align %zu\\n\", sizeof({s}), alignof({s}));"
        )
        .unwrap();
        for f in fields {
            writeln!(c, "    printf(\"    {f}: offset %zu, size %zu\\n\", offsetof({s}, {f}), sizeof(((const {s} *)0)->{f}));").unwrap();
        }
    }
    c.push_str("    return 0;\n}\n");
    c
}

/// The baseline body: the probe's output and the signatures.
fn current_abi() -> String {
    let text = std::fs::read_to_string(root().join("include/nanoclust.h")).unwrap();
    let mut h = parse_header(&text);
    // Sorted by name: the baseline does not depend on the header's order.
    h.constants.sort();
    h.typedefs.sort();
    h.structs.sort();
    h.functions.sort();
    assert!(h.functions.len() > 50 && !h.structs.is_empty() && !h.constants.is_empty());
    let dir = cbuild::out_dir("abi_probe");
    let src = dir.join("abi_probe.c");
    std::fs::write(&src, probe_source(&h)).unwrap();
    let exe = build("cc", &["-std=c11"], &src, "abi_probe", Link::Static);
    let mut out = run(&mut Command::new(&exe));
    for (name, ret, params) in &h.functions {
        let sep = if ret.ends_with('*') { "" } else { " " };
        writeln!(out, "fn {ret}{sep}{name}({params});").unwrap();
    }
    out
}

/// FNV-1a, 64 bits: the body hash recorded in the baseline.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

const PREAMBLE: &str = "# The C ABI of include/nanoclust.h, measured by tests/abi_baseline.rs.\n\
# Do not edit: regenerate with `NANOCLUST_BLESS=1 cargo test --test abi_baseline`\n\
# after adding an **ABI** entry to CHANGELOG.md (Unreleased); see \"ABI policy\" in README.md.\n";

fn with_hashes(body: &str, changelog_abi_hash: &str) -> String {
    format!(
        "{PREAMBLE}# body-hash: {:016x}\n# changelog-abi-hash: {changelog_abi_hash}\n{body}",
        fnv1a(body)
    )
}

/// A hash of the lines of CHANGELOG.md's Unreleased section that mention
/// "ABI", or "none". Blessing a changed baseline requires it to differ from the
/// one recorded at the last blessing: a new (or edited) **ABI** entry.
fn changelog_abi_hash() -> String {
    let lines: String = unreleased_changelog()
        .lines()
        .filter(|l| l.contains("ABI"))
        .map(|l| format!("{}\n", l.trim()))
        .collect();
    if lines.is_empty() {
        "none".into()
    } else {
        format!("{:016x}", fnv1a(&lines))
    }
}

/// The "Unreleased" section of CHANGELOG.md.
fn unreleased_changelog() -> String {
    let text = std::fs::read_to_string(root().join("CHANGELOG.md")).unwrap();
    let start = text
        .find("## Unreleased")
        .expect("CHANGELOG.md has ## Unreleased");
    let rest = &text[start + 2..];
    let end = rest.find("\n## ").map_or(rest.len(), |i| i);
    rest[..end].to_string()
}

#[test]
fn abi_matches_the_committed_baseline() {
    let path = root().join("abi/baseline.txt");
    let body = current_abi();
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let committed_body = committed
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect::<String>();
    if std::env::var_os("NANOCLUST_BLESS").is_some() {
        if body != committed_body {
            let entries = changelog_abi_hash();
            let recorded = committed
                .lines()
                .find_map(|l| l.strip_prefix("# changelog-abi-hash: "))
                .unwrap_or("");
            assert!(
                entries != recorded,
                "the ABI changed: add an entry marked **ABI** to CHANGELOG.md's Unreleased section \
                 (the ones there were recorded with the current baseline) before blessing it"
            );
            std::fs::write(&path, with_hashes(&body, &entries)).unwrap();
        }
        return;
    }
    let hash_line = committed
        .lines()
        .find_map(|l| l.strip_prefix("# body-hash: "))
        .unwrap_or("");
    assert_eq!(
        hash_line,
        format!("{:016x}", fnv1a(&committed_body)),
        "abi/baseline.txt was edited by hand: regenerate it with NANOCLUST_BLESS=1"
    );
    if body != committed_body {
        let old: Vec<&str> = committed_body.lines().collect();
        let new: Vec<&str> = body.lines().collect();
        let removed: Vec<_> = old.iter().filter(|l| !new.contains(l)).collect();
        let added: Vec<_> = new.iter().filter(|l| !old.contains(l)).collect();
        panic!(
            "the C ABI differs from abi/baseline.txt.\nremoved or changed:\n  {}\nadded or changed:\n  {}\n\
             If this change is deliberate, add an **ABI** entry to CHANGELOG.md (Unreleased) and run \
             `NANOCLUST_BLESS=1 cargo test --test abi_baseline`.",
            removed.iter().map(std::string::ToString::to_string).collect::<Vec<_>>().join("\n  "),
            added.iter().map(std::string::ToString::to_string).collect::<Vec<_>>().join("\n  ")
        );
    }
}

/// The parser on a small header with the shapes cbindgen writes (doc comments
/// anywhere, `struct` in parameter types, vertical argument lists).
#[test]
fn parser_reads_declarations_not_comments() {
    let text = r#"
#define NANOCLUST_A 3 /* (not a decl); */
/** A struct; with a comment. */
typedef struct nanoclust_s {
  /** field; comment */
  double x;
  uint32_t y[4];
} nanoclust_s;
typedef int32_t nanoclust_status;
#ifdef __cplusplus
extern "C" {
#endif // __cplusplus
/**
 * @param a see nanoclust_fake(int b);
 */
nanoclust_status nanoclust_f(const struct nanoclust_s *a,
                             size_t   n);
const char *nanoclust_g(void);
#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus
"#;
    let h = parse_header(text);
    assert_eq!(h.constants, ["NANOCLUST_A"]);
    assert_eq!(h.typedefs, ["nanoclust_status"]);
    assert_eq!(
        h.structs,
        [(
            "nanoclust_s".to_string(),
            vec!["x".to_string(), "y".to_string()]
        )]
    );
    assert_eq!(
        h.functions,
        [
            (
                "nanoclust_f".to_string(),
                "nanoclust_status".to_string(),
                "const struct nanoclust_s *a, size_t n".to_string()
            ),
            (
                "nanoclust_g".to_string(),
                "const char *".to_string(),
                "void".to_string()
            )
        ]
    );
}
