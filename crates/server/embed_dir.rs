//! Build-script support: embeds every file under a folder into the binary, as a generated
//! Rust file listing `(relative path, include_bytes!(…))` sorted by path.
//!
//! Shared by the build scripts of `dossier-server` (the built UI) and `dossier-cli` (the
//! sample matter) through `#[path]`, so an installed binary carries what it serves instead
//! of naming a source-tree folder fixed at compile time. `include_bytes!` makes rustc
//! rebuild when a file changes; the `rerun-if-changed` on the folder catches files added or
//! removed. A missing folder embeds nothing (the binary then says what was not built).

use std::path::{Path, PathBuf};

/// Writes `out` (a Rust file defining `pub static FILES: &[(&str, &[u8])]`) embedding every
/// file under `dir` whose path (relative, `/`-separated) `keep` accepts. Returns how many.
pub fn embed_dir(dir: &Path, out: &Path, keep: impl Fn(&str) -> bool) -> usize {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    if dir.is_dir() {
        collect(dir, dir, &mut files);
    }
    files.retain(|(rel, _)| keep(rel));
    files.sort();
    let mut code = String::from(
        "/// Every embedded file: path relative to the embedded folder (`/`-separated), contents; sorted by path.\n\
         pub static FILES: &[(&str, &[u8])] = &[\n",
    );
    for (rel, abs) in &files {
        code.push_str(&format!(
            "    ({rel:?}, include_bytes!({:?})),\n",
            abs.display().to_string()
        ));
    }
    code.push_str("];\n");
    std::fs::write(out, code).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
    files.len()
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
            .path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(rel) = path.strip_prefix(root) {
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let abs = std::fs::canonicalize(&path).unwrap_or(path);
            files.push((rel.join("/"), abs));
        }
    }
}
