//! Temporary files a killed ingest left in `objects/`, found by `verify` and removed by the
//! next process that takes the writer lock to ingest.
//!
//! An original is written to a `.tmp-*` file first (beside its final name, or in
//! `objects/` itself when streamed; see `objects.rs`), and only a rename gives it its name.
//! A process killed before the rename leaves the temporary file behind: harmless (nothing
//! reads it and no row names it) but never reclaimed, and after a `kill -9` of a large
//! ingest there were hundreds. They are removed only while holding the writer lock
//! ([`WriterLock`]): every writer of objects (an ingest) holds it for its whole run, so a
//! `.tmp-*` file seen then belongs to no live writer. Without the lock the file may be
//! another process's original being staged right now.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::case::{Case, WriterLock};
use crate::error::{Result, StoreError};
use crate::objects::{ObjectStore, TEMPORARY_PREFIX};
use crate::verify::{Problem, ProblemKind};

impl ObjectStore {
    /// Every temporary file in `objects/` and its shard folders, sorted by path: the bytes
    /// of originals whose writer stopped before naming them (or, when another process holds
    /// the writer lock, is writing them now).
    pub fn leftovers(&self) -> Result<Vec<PathBuf>> {
        let mut found = Vec::new();
        let top = match fs::read_dir(self.dir()) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(found),
            Err(e) => return Err(StoreError::io(self.dir(), e)),
        };
        for entry in top {
            let entry = entry.map_err(|e| StoreError::io(self.dir(), e))?;
            let path = entry.path();
            if is_temporary(&path) {
                found.push(path);
            } else if entry.file_type().is_ok_and(|t| t.is_dir()) {
                let shard = fs::read_dir(&path).map_err(|e| StoreError::io(&path, e))?;
                for inner in shard {
                    let inner = inner.map_err(|e| StoreError::io(&path, e))?;
                    if is_temporary(&inner.path()) {
                        found.push(inner.path());
                    }
                }
            }
        }
        found.sort();
        Ok(found)
    }
}

fn is_temporary(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(TEMPORARY_PREFIX))
}

impl Case {
    /// Removes the temporary files killed writers left in `objects/` and returns their
    /// paths. Takes the writer lock as proof that no other process is writing objects now.
    pub fn remove_leftovers(&self, _lock: &WriterLock) -> Result<Vec<PathBuf>> {
        let leftovers = self.objects().leftovers()?;
        for path in &leftovers {
            match fs::remove_file(path) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(StoreError::io(path, e)),
            }
        }
        Ok(leftovers)
    }

    /// `verify`'s view of the leftovers: one problem per temporary file.
    pub(crate) fn leftover_problems(&self) -> Result<Vec<Problem>> {
        Ok(self
            .objects()
            .leftovers()?
            .into_iter()
            .map(|path| Problem {
                kind: ProblemKind::Leftover,
                subject: path.display().to_string(),
                message: "a temporary file left by an ingest that stopped before naming it \
                          (no document refers to it); the next ingest removes it"
                    .into(),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::CaseOptions;

    /// What a killed ingest leaves: a staged original beside its final name and a streamed
    /// one in `objects/` itself, both read-only like every object being written.
    fn leave_temporary_files(case: &Case) -> Vec<PathBuf> {
        use std::os::unix::fs::PermissionsExt;
        let objects = case.objects().dir();
        let shard = objects.join("ab");
        fs::create_dir_all(&shard).expect("shard folder");
        let paths = vec![
            objects.join(".tmp-4242-0"),
            shard.join(".tmp-4242-1"),
            shard.join(".tmp-4242-2"),
        ];
        for p in &paths {
            fs::write(p, b"half an original").expect("write");
            fs::set_permissions(p, fs::Permissions::from_mode(0o444)).expect("chmod");
        }
        paths
    }

    #[test]
    fn verify_reports_what_a_killed_ingest_left_and_the_next_writer_removes_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = Case::init(&dir.path().join("case"), CaseOptions::default()).expect("init");
        let left = leave_temporary_files(&case);

        let report = case.verify(None, &|_, _| {}).expect("verify");
        let mut reported: Vec<_> = report
            .problems
            .iter()
            .filter(|p| p.kind == ProblemKind::Leftover)
            .map(|p| p.subject.clone())
            .collect();
        reported.sort();
        let mut expected: Vec<_> = left.iter().map(|p| p.display().to_string()).collect();
        expected.sort();
        assert_eq!(reported, expected);
        assert_eq!(ProblemKind::Leftover.as_str(), "leftover");

        let lock = case.writer_lock().expect("lock");
        assert_eq!(case.remove_leftovers(&lock).expect("remove").len(), 3);
        assert!(left.iter().all(|p| !p.exists()));
        let report = case.verify(None, &|_, _| {}).expect("verify");
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }

    #[test]
    fn objects_themselves_are_not_leftovers() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = Case::init(&dir.path().join("case"), CaseOptions::default()).expect("init");
        let bytes = b"an original";
        case.objects()
            .put(&crate::ContentHash::of(bytes), bytes)
            .expect("put");
        assert!(case.objects().leftovers().expect("list").is_empty());
    }
}
