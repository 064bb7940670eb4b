//! Which files a caller may have read: everything the user can read (the CLI, the desktop
//! app, where the person naming the paths is the one whose files they are), or only what
//! lies under folders the person running `dossier serve` allowed (`--allow-path DIR`),
//! where paths arrive from a browser that may be driven by someone else's page.
//!
//! A restricted scope is checked twice: on each path as named (before anything on disk is
//! touched, so a path outside the folders is refused the same way whether it exists or
//! not), and on the real path it leads to (after symbolic links), so a link inside an
//! allowed folder cannot lead out of it. `/proc`, `/sys` and `/dev` are never read under a
//! restricted scope, even below an allowed `/`: their files are the server's memory,
//! environment and devices, not evidence.

use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Folders never read under a restricted scope, whatever was allowed.
const NEVER: [&str; 3] = ["/proc", "/sys", "/dev"];

/// Which files may be read.
#[derive(Debug, Clone, Default)]
pub enum PathScope {
    /// Anything the user running the process can read.
    #[default]
    Anything,
    /// Only files under these folders, never under `/proc`, `/sys` or `/dev`; no folders
    /// means nothing may be read by path.
    Under(Vec<AllowedRoot>),
}

/// A folder files may be read under, as named and as it really is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedRoot {
    /// Absolute, with `.` and `..` folded: how paths the user types start.
    named: PathBuf,
    /// After symbolic links: what a path's real location must start with.
    real: PathBuf,
}

/// Why a restricted scope refuses a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No folder was allowed: reading by path is off.
    Off,
    /// The path (as named, or where its links lead) is outside every allowed folder, or in
    /// `/proc`, `/sys` or `/dev`. Said the same way whether it exists or not.
    Outside(PathBuf),
}

impl Refusal {
    /// Why, without the path (for lists that show the path beside the reason).
    pub fn reason(&self) -> &'static str {
        match self {
            Refusal::Off => {
                "reading files by path is off in this server: restart it as \
                 `dossier serve CASE --allow-path DIR` to allow the files under DIR"
            }
            Refusal::Outside(_) => {
                "not under a folder this server may read (the folders given with --allow-path)"
            }
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Off => f.write_str(self.reason()),
            Refusal::Outside(path) => write!(f, "{}: {}", path.display(), self.reason()),
        }
    }
}

impl std::error::Error for Refusal {}

/// An `--allow-path` that cannot be a scope's folder.
#[derive(Debug, thiserror::Error)]
#[error("--allow-path {path}: {reason}")]
pub struct ScopeError {
    /// The folder as given.
    pub path: PathBuf,
    /// Why.
    pub reason: String,
}

impl PathScope {
    /// Files under `folders` only. Each must be an existing folder; none at all means
    /// reading by path is off.
    pub fn under(folders: &[PathBuf]) -> Result<PathScope, ScopeError> {
        let roots = folders
            .iter()
            .map(|folder| {
                let error = |reason: String| ScopeError {
                    path: folder.clone(),
                    reason,
                };
                let real = folder.canonicalize().map_err(|e| error(e.to_string()))?;
                if !real.is_dir() {
                    return Err(error("not a folder".into()));
                }
                Ok(AllowedRoot {
                    named: normalise(folder),
                    real,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(PathScope::Under(roots))
    }

    /// Whether nothing at all may be read by path.
    pub fn is_off(&self) -> bool {
        matches!(self, PathScope::Under(roots) if roots.is_empty())
    }

    /// Checks a path a caller named, and returns it absolute with `.` and `..` folded (the
    /// path to read from then on, so `..` cannot climb out through a link).
    ///
    /// A path that does not exist inside an allowed folder is admitted: reading it then
    /// fails as usual, and says so, which tells nothing about the rest of the disk.
    pub fn admit(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let roots = match self {
            PathScope::Anything => return Ok(path.to_owned()),
            PathScope::Under(roots) if roots.is_empty() => return Err(Refusal::Off),
            PathScope::Under(roots) => roots,
        };
        let named = normalise(path);
        let named_inside = roots
            .iter()
            .any(|r| named.starts_with(&r.named) || named.starts_with(&r.real));
        if named_inside && !is_never(&named) && self.really_inside(&named) {
            Ok(named)
        } else {
            Err(Refusal::Outside(named))
        }
    }

    /// Whether the deepest part of `named` that exists really lies inside: a missing file
    /// below a real folder is fine, a link (even a dangling one) leading out is not.
    fn really_inside(&self, named: &Path) -> bool {
        for existing in named.ancestors() {
            match existing.symlink_metadata() {
                Ok(_) => {
                    return existing
                        .canonicalize()
                        .is_ok_and(|real| self.contains_real(&real));
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                // Unreadable on the way (permission denied): the read will say so, from
                // inside an allowed folder.
                Err(_) => return true,
            }
        }
        false
    }

    /// Whether a file or folder the walk found (by a path already admitted, possibly
    /// through links) really lies inside the scope.
    pub fn admits_found(&self, path: &Path) -> bool {
        match self {
            PathScope::Anything => true,
            PathScope::Under(_) => path
                .canonicalize()
                .is_ok_and(|real| self.contains_real(&real)),
        }
    }

    fn contains_real(&self, real: &Path) -> bool {
        match self {
            PathScope::Anything => true,
            PathScope::Under(roots) => {
                !is_never(real) && roots.iter().any(|r| real.starts_with(&r.real))
            }
        }
    }
}

fn is_never(path: &Path) -> bool {
    NEVER.iter().any(|never| path.starts_with(never))
}

/// Absolute, with `.` and `..` folded by name (no file system access).
fn normalise(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_outside_the_folders_is_refused_alike_whether_it_exists_or_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        let allowed = dir.path().join("allowed");
        std::fs::create_dir(&allowed).expect("folder");
        std::fs::write(dir.path().join("secret.txt"), "x").expect("file");
        let scope = PathScope::under(std::slice::from_ref(&allowed)).expect("scope");
        let existing = scope.admit(&dir.path().join("secret.txt"));
        let missing = scope.admit(&dir.path().join("nothing.txt"));
        assert!(matches!(existing, Err(Refusal::Outside(_))), "{existing:?}");
        assert!(matches!(missing, Err(Refusal::Outside(_))), "{missing:?}");
        let climbing = scope.admit(&allowed.join("../secret.txt"));
        assert!(matches!(climbing, Err(Refusal::Outside(_))), "{climbing:?}");
        assert!(scope.admit(&allowed.join("later.txt")).is_ok());
    }

    #[test]
    fn a_link_inside_an_allowed_folder_does_not_lead_out_of_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let allowed = dir.path().join("allowed");
        std::fs::create_dir(&allowed).expect("folder");
        std::fs::write(dir.path().join("secret.txt"), "x").expect("file");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), allowed.join("link"))
            .expect("link");
        std::os::unix::fs::symlink(dir.path().join("gone.txt"), allowed.join("dangling"))
            .expect("link");
        let scope = PathScope::under(std::slice::from_ref(&allowed)).expect("scope");
        assert!(matches!(
            scope.admit(&allowed.join("link")),
            Err(Refusal::Outside(_))
        ));
        assert!(matches!(
            scope.admit(&allowed.join("dangling")),
            Err(Refusal::Outside(_))
        ));
        assert!(!scope.admits_found(&allowed.join("link")));
    }

    #[test]
    fn proc_sys_and_dev_are_never_read_even_below_an_allowed_root() {
        let scope = PathScope::under(&[PathBuf::from("/")]).expect("scope");
        for path in ["/proc/self/environ", "/sys/kernel", "/dev/null", "/proc"] {
            assert!(
                matches!(scope.admit(Path::new(path)), Err(Refusal::Outside(_))),
                "{path}"
            );
        }
        assert!(!scope.admits_found(Path::new("/proc/self/environ")));
    }

    #[test]
    fn no_folder_at_all_turns_reading_by_path_off_and_anything_admits_all() {
        let off = PathScope::under(&[]).expect("scope");
        assert!(off.is_off());
        assert_eq!(off.admit(Path::new("/tmp")), Err(Refusal::Off));
        assert!(Refusal::Off.to_string().contains("--allow-path DIR"));
        let all = PathScope::Anything;
        assert!(all.admit(Path::new("/proc/self/environ")).is_ok());
    }
}

#[cfg(test)]
mod walk_tests {
    use super::*;
    use crate::{Found, walk_each};

    #[test]
    fn a_folder_walk_does_not_follow_a_link_out_of_the_allowed_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let allowed = dir.path().join("allowed");
        let outside = dir.path().join("outside");
        std::fs::create_dir(&allowed).expect("folder");
        std::fs::create_dir(&outside).expect("folder");
        std::fs::write(allowed.join("a.txt"), "mine").expect("file");
        std::fs::write(outside.join("secret.txt"), "theirs").expect("file");
        std::os::unix::fs::symlink(&outside, allowed.join("folder-link")).expect("link");
        std::os::unix::fs::symlink(outside.join("secret.txt"), allowed.join("file-link"))
            .expect("link");
        let scope = PathScope::under(std::slice::from_ref(&allowed)).expect("scope");
        let mut found = Vec::new();
        walk_each(
            std::slice::from_ref(&allowed),
            &dir.path().join("case"),
            &scope,
            &crate::GlobFilter::default(),
            &mut |f| found.push(f),
        );
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0], Found::File(allowed.join("a.txt")));
        for (f, name) in found[1..].iter().zip(["file-link", "folder-link"]) {
            let Found::Failed { path, reason } = f else {
                panic!("{f:?}")
            };
            assert!(path.ends_with(name), "{path}");
            assert!(reason.contains("--allow-path"), "{reason}");
        }
        assert!(!format!("{found:?}").contains("secret"), "{found:?}");
        // The same folder walked with no scope follows both links, as the CLI does.
        let mut everything = Vec::new();
        walk_each(
            std::slice::from_ref(&allowed),
            &dir.path().join("case"),
            &PathScope::Anything,
            &crate::GlobFilter::default(),
            &mut |f| everything.push(f),
        );
        assert_eq!(everything.len(), 3, "{everything:?}");
        assert!(everything.iter().all(|f| matches!(f, Found::File(_))));
    }
}
