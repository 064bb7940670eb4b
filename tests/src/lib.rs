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
///
/// Under CI (`CI=true`, as `.ci/run` sets it) an absent corpus is a failure instead: a CI run
/// that skipped every test on real documents would pass while proving nothing about them.
pub fn corpus_path(relative: &str) -> Option<PathBuf> {
    match corpus() {
        Some(dir) => Some(dir.join(relative)),
        None => {
            let expected = repo_root().join("../shared/corpus");
            assert!(
                !running_under_ci(),
                "the shared corpus is not at {} (set DOSSIER_CORPUS): under CI this test must read real documents, not skip them",
                expected.display()
            );
            eprintln!(
                "SKIPPED: the shared corpus is not at {} (set DOSSIER_CORPUS); this test reads real documents from it",
                expected.display()
            );
            None
        }
    }
}

/// Whether the tests run under CI, which sets `CI=true` (GitHub, GitLab and `.ci/run` alike).
pub fn running_under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

pub mod local_tsa;
/// The `dossier-pdf-worker` built with this test: beside the test binary or one folder up
/// (test binaries run from `target/<profile>/deps`). It is a binary of `dossier-cli`, so a
/// workspace build (`cargo test --workspace`, as `scripts/dev test` runs) builds it; a test
/// run without it stops here saying so rather than failing on every PDF.
pub fn pdf_worker() -> PathBuf {
    let name = format!("dossier-pdf-worker{}", std::env::consts::EXE_SUFFIX);
    let exe = std::env::current_exe().expect("the test binary's own path");
    exe.ancestors()
        .skip(1)
        .take(2)
        .map(|dir| dir.join(&name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "{name} is not built beside {}: it is a binary of dossier-cli; build the workspace (cargo build --workspace)",
                exe.display()
            )
        })
}
