//! Turning the paths a user named into a list of files, with a reason for every path
//! that cannot be one.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::globs::{GlobFilter, Verdict};
use crate::scope::PathScope;

/// One thing the walk found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A regular file to ingest.
    File(PathBuf),
    /// A path that cannot be ingested, and why.
    Failed {
        /// The path, as well as it can be printed.
        path: String,
        /// Why.
        reason: String,
    },
    /// A path deliberately passed over, and why.
    Skipped {
        /// The path.
        path: String,
        /// Why.
        reason: String,
    },
}

/// Walks every input: files as they are, folders recursively in name order (following
/// symbolic links, with loops detected), never descending into the case folder itself.
pub fn walk(inputs: &[PathBuf], case_root: &Path) -> Vec<Found> {
    let mut found = Vec::new();
    walk_each(
        inputs,
        case_root,
        &PathScope::Anything,
        &GlobFilter::default(),
        &mut |f| found.push(f),
    );
    found
}

/// [`walk`] within `scope`, handing each thing to `each` as soon as it is found, in the same
/// order: an ingest's workers start on the first files while the walk goes on.
///
/// Under a restricted scope an input it refuses is a failure with the refusal as its
/// reason, and a file or folder the walk reaches through a link that leads out of the
/// scope is one too; such a folder is not entered, so nothing under it is even named.
///
/// A file `filter` leaves out (`--include`/`--exclude`) is [`Found::Skipped`] with the
/// pattern as its reason, so it is never read; a folder it excludes is one skipped item,
/// not entered.
pub fn walk_each(
    inputs: &[PathBuf],
    case_root: &Path,
    scope: &PathScope,
    filter: &GlobFilter,
    each: &mut dyn FnMut(Found),
) {
    let case_root = case_root.canonicalize().ok();
    for input in inputs {
        match scope.admit(input) {
            Ok(input) => walk_one(&input, case_root.as_deref(), scope, filter, each),
            Err(refusal) => each(Found::Failed {
                path: display(&absolute(input)),
                reason: refusal.reason().into(),
            }),
        }
    }
}

fn walk_one(
    input: &Path,
    case_root: Option<&Path>,
    scope: &PathScope,
    filter: &GlobFilter,
    found: &mut dyn FnMut(Found),
) {
    let meta = match fs::metadata(input) {
        Ok(m) => m,
        Err(e) => {
            found(Found::Failed {
                path: display(&absolute(input)),
                reason: describe_io(&e),
            });
            return;
        }
    };
    let input = &absolute(input);
    if !meta.is_dir() {
        // A file named itself is judged by its name.
        let name = input.file_name().map_or(input.as_path(), Path::new);
        match filter.file(name) {
            Verdict::Take => found(classify_file(input, meta.is_file())),
            Verdict::Leave(reason) => found(Found::Skipped {
                path: display(input),
                reason,
            }),
        }
        return;
    }
    let is_case_root =
        |p: &Path| case_root.is_some_and(|root| p.canonicalize().ok().as_deref() == Some(root));
    if is_case_root(input) {
        found(Found::Skipped {
            path: display(input),
            reason: "this is the case folder itself".into(),
        });
        return;
    }
    let mut walker = WalkDir::new(input)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !(e.file_type().is_dir() && is_case_root(e.path())));
    while let Some(entry) = walker.next() {
        match entry {
            Ok(e) if !scope.admits_found(e.path()) => {
                if e.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                found(Found::Failed {
                    path: display(e.path()),
                    reason: crate::Refusal::Outside(e.path().to_owned()).reason().into(),
                });
            }
            Ok(e) if e.depth() > 0 && !filter.is_empty() && left_out(&e, input, filter, found) => {
                if e.file_type().is_dir() {
                    walker.skip_current_dir();
                }
            }
            Ok(e) if e.file_type().is_dir() => {}
            // The type read with the folder (of a link's target, since links are followed):
            // no call per file to ask for it again.
            Ok(e) => found(classify_file(e.path(), e.file_type().is_file())),
            Err(err) => {
                let path = err.path().map(display).unwrap_or_else(|| display(input));
                let reason = if let Some(ancestor) = err.loop_ancestor() {
                    format!("symbolic link loop: leads back to {}", display(ancestor))
                } else if let Some(io) = err.io_error() {
                    describe_io(io)
                } else {
                    err.to_string()
                };
                found(Found::Failed { path, reason });
            }
        }
    }
}

/// Whether `filter` leaves out an entry of the folder `root`; if so, says so through `found`.
fn left_out(
    entry: &walkdir::DirEntry,
    root: &Path,
    filter: &GlobFilter,
    found: &mut dyn FnMut(Found),
) -> bool {
    let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
    let verdict = if entry.file_type().is_dir() {
        filter.folder(relative)
    } else {
        filter.file(relative)
    };
    match verdict {
        Verdict::Take => false,
        Verdict::Leave(reason) => {
            found(Found::Skipped {
                path: display(entry.path()),
                reason,
            });
            true
        }
    }
}

fn classify_file(path: &Path, is_file: bool) -> Found {
    if path.to_str().is_none() {
        return Found::Failed {
            path: display(path),
            reason: "file name is not valid UTF-8; rename the file and ingest it again".into(),
        };
    }
    if !is_file {
        return Found::Skipped {
            path: display(path),
            reason: "not a regular file (device, socket or pipe)".into(),
        };
    }
    Found::File(absolute(path))
}

/// The path recorded as a source: absolute, so it still means something when the case
/// is opened from another working directory, but with symbolic links kept as named.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

/// A path as it can be printed; bytes that are not UTF-8 show as U+FFFD.
pub(crate) fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// An I/O error in words a user can act on.
pub(crate) fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".into(),
        io::ErrorKind::PermissionDenied => "permission denied: cannot read it".into(),
        _ => e.to_string(),
    }
}
