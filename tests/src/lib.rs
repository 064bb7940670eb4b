//! Support for Dossier's tests: where the shared corpus is, and how to skip honestly
//! when it is absent.
//!
//! The corpus (`../shared/corpus` beside the repository) holds real documents written by
//! others. It is never copied into the repository; tests read it in place. Set
//! `DOSSIER_CORPUS` to use a copy elsewhere.

use std::path::PathBuf;

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
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
