//! Replaying saved inputs (regression fixtures, or a run's findings) through their
//! targets: the folder an input sits in names its target.

use std::path::{Path, PathBuf};

use crate::run::{KNOWN_OPEN, known_open_entries};
use crate::seeds::fixture_files;
use crate::supervisor::{Finding, Outcome, Supervised};
use crate::targets::{Limits, Target};

/// What a replay found.
#[derive(Debug, Default)]
pub struct ReplayReport {
    /// Inputs that ran cleanly.
    pub passed: Vec<PathBuf>,
    /// Inputs that still fail, and not listed as known-open.
    pub failed: Vec<(PathBuf, Finding)>,
    /// Known-open inputs that still fail (expected until their fix lands).
    pub still_open: Vec<(PathBuf, Finding)>,
    /// Known-open inputs that now pass: their line in the list should go.
    pub now_fixed: Vec<PathBuf>,
    /// Targets that could not run (no PDF worker) and why.
    pub not_run: Vec<String>,
}

impl ReplayReport {
    /// Whether nothing needs attention.
    pub fn ok(&self) -> bool {
        self.failed.is_empty() && self.now_fixed.is_empty() && self.not_run.is_empty()
    }
}

/// The inputs under `path`, grouped by target: `path` is a fixtures folder (one subfolder
/// per target), one target's folder, or one saved input.
pub fn inputs(path: &Path) -> Vec<(&'static Target, Vec<PathBuf>)> {
    let name_of = |p: &Path| {
        p.file_name()
            .and_then(|n| n.to_str())
            .and_then(Target::named)
    };
    if path.is_file() {
        return path
            .parent()
            .and_then(name_of)
            .map(|t| vec![(t, vec![path.to_owned()])])
            .unwrap_or_default();
    }
    if let Some(t) = name_of(path) {
        return vec![(t, fixture_files(path))];
    }
    crate::targets::TARGETS
        .iter()
        .map(|t| (t, fixture_files(&path.join(t.name))))
        .filter(|(_, files)| !files.is_empty())
        .collect()
}

/// Runs every input under `path` once; known-open entries are read from the
/// [`KNOWN_OPEN`] list of the fixtures folder they belong to.
pub fn replay(exe: &Path, path: &Path, limits: Limits, stack_kb: usize) -> ReplayReport {
    let mut report = ReplayReport::default();
    for (target, files) in inputs(path) {
        let mut child = Supervised::new(exe, target, limits, stack_kb);
        for file in files {
            let root = file
                .parent()
                .and_then(Path::parent)
                .map(Path::to_owned)
                .unwrap_or_default();
            let entry = format!(
                "{}/{}",
                target.name,
                file.file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
            );
            let open =
                root.join(KNOWN_OPEN).is_file() && known_open_entries(&root).contains(&entry);
            let input = match std::fs::read(&file) {
                Ok(b) => b,
                Err(e) => {
                    report.not_run.push(format!("{}: {e}", file.display()));
                    continue;
                }
            };
            match child.run(&input) {
                Err(e) => {
                    report.not_run.push(e);
                    break;
                }
                Ok(Outcome::Found(f)) if open => report.still_open.push((file, f)),
                Ok(Outcome::Found(f)) => report.failed.push((file, f)),
                Ok(_) if open => report.now_fixed.push(file),
                Ok(_) => report.passed.push(file),
            }
        }
    }
    report
}
