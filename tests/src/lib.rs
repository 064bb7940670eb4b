//! Support for Dossier's tests: where the shared corpus is, and how to skip honestly
//! when it is absent.
//!
//! The corpus (`../shared/corpus` beside the repository) holds real documents written by
//! others. It is never copied into the repository; tests read it in place. Set
//! `DOSSIER_CORPUS` to use a copy elsewhere.

use std::path::PathBuf;

/// The root of the checkout the tests run in: the nearest folder holding `Cargo.lock`,
/// looked for at run time from the folder cargo runs the test in.
///
/// Not `env!("CARGO_MANIFEST_DIR")`: that path is baked in when this crate is compiled, and
/// builds share one target folder across checkouts (scripts/dev), so a binary compiled in a
/// fresh clone would keep pointing into that clone after it is gone.
pub fn repo_root() -> PathBuf {
    let start = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    start
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file())
        .map(PathBuf::from)
        .unwrap_or(start)
}

/// The corpus folder, if it is present.
pub fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("DOSSIER_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/corpus"));
    dir.join("MANIFEST.md").is_file().then_some(dir)
}

/// A folder or file inside the corpus; `None` (with the reason printed) when the corpus is absent,
/// so a test can return early and say why.
pub fn corpus_path(relative: &str) -> Option<PathBuf> {
    match corpus() {
        Some(dir) => Some(dir.join(relative)),
        None => {
            eprintln!(
                "SKIPPED: the shared corpus is not at {} (set DOSSIER_CORPUS); this test reads real documents from it",
                repo_root().join("../shared/corpus").display()
            );
            None
        }
    }
}
