//! Every third-party component Dossier ships may be shipped under Apache-2.0, and the
//! notices it owes its authors are in the repository.
//!
//! What ships: the Rust crates the three shipped binaries (`dossier`, `dossier-desktop`,
//! `dossier-pdf-worker`) link on Linux, following normal dependencies only (build scripts,
//! proc macros' hosts and test helpers are not distributed), and the npm packages the UI's
//! bundle is built from (not dev or optional ones), with the data pdf.js brings (fonts,
//! CMaps, decoders) under their own licences.
//!
//! `THIRD_PARTY_NOTICES.md` is generated from `cargo metadata`, `ui/package-lock.json` and
//! the licence files the packages themselves carry. When a dependency changes, refresh it:
//! `DOSSIER_WRITE_NOTICES=1 cargo test --workspace --test licences`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The workspace packages whose binaries are distributed.
const SHIPPED: [&str; 3] = ["dossier-cli", "dossier-desktop", "dossier-pdf"];

/// Licences whose terms let us ship the component inside an Apache-2.0 application, given
/// the notices below. MPL-2.0 is file-level copyleft: unmodified files, source available
/// from crates.io, which the notice names. CDLA-Permissive-2.0 is a permissive licence for
/// data (webpki-roots' list of Mozilla's root certificates): its text goes with the data.
const ALLOWED: [&str; 15] = [
    "Apache-2.0",
    "MIT",
    "MIT-0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "ISC",
    "Zlib",
    "zlib-acknowledgement",
    "0BSD",
    "Unicode-3.0",
    "Unlicense",
    "CC0-1.0",
    "BSL-1.0",
    "MPL-2.0",
    "CDLA-Permissive-2.0",
];

struct Component {
    name: String,
    version: String,
    licence: String,
    source: String,
    licence_files: Vec<PathBuf>,
}

#[test]
fn every_shipped_dependency_has_a_licence_we_may_ship_under_apache_2() {
    let refused: Vec<String> = shipped_components()
        .iter()
        .filter(|c| !licence_is_allowed(&c.licence))
        .map(|c| format!("{} {} ({})", c.name, c.version, c.licence))
        .collect();
    assert!(
        refused.is_empty(),
        "these dependencies' licences are not among {ALLOWED:?}: {refused:#?}"
    );
}

#[test]
fn the_licence_rule_reads_spdx_expressions() {
    assert!(licence_is_allowed("MIT OR Apache-2.0"));
    assert!(licence_is_allowed("MIT/Apache-2.0"));
    assert!(licence_is_allowed("(MIT OR Apache-2.0) AND Unicode-3.0"));
    assert!(licence_is_allowed("Apache-2.0 WITH LLVM-exception"));
    assert!(licence_is_allowed("MIT OR Apache-2.0 OR LGPL-2.1-or-later"));
    assert!(!licence_is_allowed("GPL-3.0-only"));
    assert!(!licence_is_allowed("MIT AND GPL-2.0-or-later"));
    assert!(
        !licence_is_allowed(""),
        "a crate that states no licence is refused"
    );
}

#[test]
fn third_party_notices_are_current() {
    let path = dossier_tests::repo_root().join("THIRD_PARTY_NOTICES.md");
    let expected = notices(&shipped_components());
    if std::env::var_os("DOSSIER_WRITE_NOTICES").is_some() {
        std::fs::write(&path, &expected).expect("write THIRD_PARTY_NOTICES.md");
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == expected,
        "THIRD_PARTY_NOTICES.md is not what the dependencies need; refresh it with \
         DOSSIER_WRITE_NOTICES=1 cargo test --workspace --test licences"
    );
}

/// Whether an SPDX expression (or the older `A/B` form) can be satisfied by the allowed
/// licences: `OR` needs one side, `AND` both, `WITH` an exception to an allowed licence.
fn licence_is_allowed(expression: &str) -> bool {
    let spaced = expression
        .replace('(', " ( ")
        .replace(')', " ) ")
        .replace('/', " OR ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut at = 0;
    !tokens.is_empty() && evaluate_or(&tokens, &mut at) && at == tokens.len()
}

fn evaluate_or(tokens: &[&str], at: &mut usize) -> bool {
    let mut any = evaluate_and(tokens, at);
    while tokens.get(*at) == Some(&"OR") {
        *at += 1;
        any |= evaluate_and(tokens, at);
    }
    any
}

fn evaluate_and(tokens: &[&str], at: &mut usize) -> bool {
    let mut all = evaluate_term(tokens, at);
    while tokens.get(*at) == Some(&"AND") {
        *at += 1;
        all &= evaluate_term(tokens, at);
    }
    all
}

fn evaluate_term(tokens: &[&str], at: &mut usize) -> bool {
    let Some(token) = tokens.get(*at) else {
        return false;
    };
    *at += 1;
    let allowed = if *token == "(" {
        let inner = evaluate_or(tokens, at);
        *at += usize::from(tokens.get(*at) == Some(&")"));
        inner
    } else {
        ALLOWED.contains(token)
    };
    if tokens.get(*at) == Some(&"WITH") {
        *at += 2; // an exception only ever grants more
    }
    allowed
}

fn shipped_components() -> Vec<Component> {
    let mut components = crates_linked_into_shipped_binaries();
    components.extend(ui_packages());
    components
}

fn crates_linked_into_shipped_binaries() -> Vec<Component> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(dossier_tests::repo_root())
        .args(["metadata", "--locked", "--format-version", "1"])
        .args(["--filter-platform", "x86_64-unknown-linux-gnu"])
        .output()
        .expect("run cargo metadata");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("cargo metadata's JSON");
    let packages: BTreeMap<&str, &Value> = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| (p["id"].as_str().expect("id"), p))
        .collect();
    let workspace: BTreeSet<&str> = metadata["workspace_members"]
        .as_array()
        .expect("workspace_members")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let normal_deps: BTreeMap<&str, Vec<&str>> = metadata["resolve"]["nodes"]
        .as_array()
        .expect("resolve nodes")
        .iter()
        .map(|node| {
            let deps = node["deps"]
                .as_array()
                .expect("deps")
                .iter()
                .filter(|d| {
                    d["dep_kinds"]
                        .as_array()
                        .is_some_and(|kinds| kinds.iter().any(|k| k["kind"].is_null()))
                })
                .filter_map(|d| d["pkg"].as_str())
                .collect();
            (node["id"].as_str().expect("node id"), deps)
        })
        .collect();

    let mut reached: BTreeSet<&str> = packages
        .iter()
        .filter(|(_, p)| SHIPPED.contains(&p["name"].as_str().unwrap_or_default()))
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(
        reached.len(),
        SHIPPED.len(),
        "every shipped package is in the workspace"
    );
    let mut to_visit: Vec<&str> = reached.iter().copied().collect();
    while let Some(id) = to_visit.pop() {
        for dep in normal_deps.get(id).into_iter().flatten() {
            if reached.insert(dep) {
                to_visit.push(dep);
            }
        }
    }

    let mut components: Vec<Component> = reached
        .iter()
        .filter(|id| !workspace.contains(*id))
        .map(|id| {
            let p = packages[id];
            let dir = Path::new(p["manifest_path"].as_str().expect("manifest_path"))
                .parent()
                .expect("crate folder")
                .to_path_buf();
            Component {
                name: p["name"].as_str().unwrap_or_default().to_owned(),
                version: p["version"].as_str().unwrap_or_default().to_owned(),
                licence: p["license"].as_str().unwrap_or_default().to_owned(),
                source: p["repository"]
                    .as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("https://crates.io/crates/{}", p["name"])),
                licence_files: licence_files_in(&dir),
            }
        })
        .collect();
    components.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
    components
}

/// The npm packages the UI bundle is made of, and the licences of the data pdf.js brings.
fn ui_packages() -> Vec<Component> {
    let ui = dossier_tests::repo_root().join("ui");
    let lock: Value = serde_json::from_str(
        &std::fs::read_to_string(ui.join("package-lock.json")).expect("ui/package-lock.json"),
    )
    .expect("package-lock.json's JSON");
    let mut components = Vec::new();
    for (path, package) in lock["packages"].as_object().expect("packages") {
        let shipped = !path.is_empty()
            && !package["dev"].as_bool().unwrap_or(false)
            && !package["optional"].as_bool().unwrap_or(false);
        if !shipped {
            continue;
        }
        let name = path.trim_start_matches("node_modules/").to_owned();
        let dir = ui.join(path);
        let mut licence_files = licence_files_in(&dir);
        if name == "pdfjs-dist" {
            for data in ["standard_fonts", "cmaps", "wasm", "iccs"] {
                licence_files.extend(licence_files_in(&dir.join(data)));
            }
        }
        components.push(Component {
            source: format!("https://www.npmjs.com/package/{name}"),
            name,
            version: package["version"].as_str().unwrap_or_default().to_owned(),
            licence: package["license"].as_str().unwrap_or_default().to_owned(),
            licence_files,
        });
    }
    components
}

/// A package's licence and notice files, by the names packages use for them.
fn licence_files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_ascii_uppercase();
            [
                "LICENSE",
                "LICENCE",
                "COPYING",
                "NOTICE",
                "COPYRIGHT",
                "UNLICENSE",
            ]
            .iter()
            .any(|prefix| name.starts_with(prefix))
        })
        .collect();
    files.sort();
    files
}

/// The notices file: one line per component, then each distinct licence text once with the
/// components it covers (many crates carry the same Apache-2.0 text).
fn notices(components: &[Component]) -> String {
    let mut out = String::from(
        "# Third-party notices\n\n\
         Dossier is licensed under the Apache License 2.0 (LICENSE). It ships the components \
         below, each under its own licence, whose texts follow.\n\
         Generated by `tests/tests/licences.rs`; refresh with \
         `DOSSIER_WRITE_NOTICES=1 cargo test --workspace --test licences`.\n\n\
         | Component | Version | Licence | Source |\n|---|---|---|---|\n",
    );
    let mut texts: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in components {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            c.name,
            c.version,
            if c.licence.is_empty() {
                "—"
            } else {
                &c.licence
            },
            c.source
        );
        for file in &c.licence_files {
            if let Ok(text) = std::fs::read_to_string(file) {
                let text = text.replace("\r\n", "\n").trim().to_owned();
                texts
                    .entry(text)
                    .or_default()
                    .insert(format!("{} {}", c.name, c.version));
            }
        }
    }
    out.push_str("\n## Licence texts\n");
    for (text, users) in &texts {
        let users: Vec<&str> = users.iter().map(String::as_str).collect();
        let _ = write!(
            out,
            "\n### Used by {}\n\n```text\n{text}\n```\n",
            users.join(", ")
        );
    }
    out
}
