//! `verify`: re-hash every original, check the database, and check the audit chain.
//! Every problem is reported; the check never stops at the first one.

use std::fs::File;
use std::sync::Mutex;

use crate::audit;
use crate::case::Case;
use crate::error::Result;
use crate::hash::ContentHash;
use crate::objects::ObjectStore;

/// What kind of problem `verify` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// An original recorded in the database is not in `objects/`.
    ObjectMissing,
    /// An original's bytes no longer hash to its name.
    ObjectAltered,
    /// SQLite's integrity or foreign-key check failed.
    Database,
    /// The audit log's hash chain is broken.
    AuditChain,
    /// A temporary file in `objects/` left by an ingest that was killed (`leftovers.rs`).
    Leftover,
}

impl ProblemKind {
    /// Stable identifier used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::ObjectMissing => "object_missing",
            ProblemKind::ObjectAltered => "object_altered",
            ProblemKind::Database => "database",
            ProblemKind::AuditChain => "audit_chain",
            ProblemKind::Leftover => "leftover",
        }
    }
}

/// One problem found by `verify`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Category.
    pub kind: ProblemKind,
    /// What it concerns: an object path, a table, an audit row.
    pub subject: String,
    /// What is wrong, in words.
    pub message: String,
}

/// Counts of what `verify` looked at, so "no problems" can be told from "nothing checked".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerifyReport {
    /// Originals re-hashed.
    pub objects_checked: u64,
    /// Audit rows re-hashed.
    pub audit_rows_checked: u64,
    /// Every problem found.
    pub problems: Vec<Problem>,
}

impl Case {
    /// Checks the whole case. `progress` is called with (objects done, objects total).
    pub fn verify(&self, progress: &(dyn Fn(u64, u64) + Sync)) -> Result<VerifyReport> {
        let mut report = VerifyReport::default();
        self.check_database(&mut report.problems)?;

        let objects: Vec<(String, i64)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT sha256, size FROM objects ORDER BY sha256")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        report.objects_checked = objects.len() as u64;
        report
            .problems
            .extend(self.rehash_objects(&objects, progress));
        report.problems.extend(self.leftover_problems()?);

        let entries = audit::entries(&self.conn)?;
        report.audit_rows_checked = entries.len() as u64;
        for b in audit::check_chain(&self.conn)? {
            report.problems.push(Problem {
                kind: ProblemKind::AuditChain,
                subject: format!("audit row {}", b.seq),
                message: b.reason,
            });
        }
        Ok(report)
    }

    fn check_database(&self, problems: &mut Vec<Problem>) -> Result<()> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = line?;
            if line != "ok" {
                problems.push(Problem {
                    kind: ProblemKind::Database,
                    subject: "dossier.sqlite".into(),
                    message: line,
                });
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok(format!(
                "row {} of table {} refers to a missing row of {}",
                r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                r.get::<_, String>(0)?,
                r.get::<_, String>(2)?
            ))
        })?;
        for message in rows {
            problems.push(Problem {
                kind: ProblemKind::Database,
                subject: "dossier.sqlite".into(),
                message: message?,
            });
        }
        Ok(())
    }

    /// Re-hashes objects on every core; the slowest part of `verify` on a large case.
    fn rehash_objects(
        &self,
        objects: &[(String, i64)],
        progress: &(dyn Fn(u64, u64) + Sync),
    ) -> Vec<Problem> {
        let total = objects.len() as u64;
        let next = Mutex::new(0usize);
        let problems = Mutex::new(Vec::new());
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        let store = self.objects();
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    loop {
                        let i = {
                            let mut next = next.lock().unwrap_or_else(|e| e.into_inner());
                            let i = *next;
                            *next += 1;
                            i
                        };
                        let Some((sha, size)) = objects.get(i) else {
                            break;
                        };
                        if let Some(p) = check_object(store, sha, *size) {
                            problems.lock().unwrap_or_else(|e| e.into_inner()).push(p);
                        }
                        progress(i as u64 + 1, total);
                    }
                });
            }
        });
        let mut problems = problems.into_inner().unwrap_or_else(|e| e.into_inner());
        problems.sort_by(|a, b| a.subject.cmp(&b.subject));
        problems
    }
}

fn check_object(store: &ObjectStore, sha: &str, size: i64) -> Option<Problem> {
    let expected = match ContentHash::parse(sha) {
        Ok(h) => h,
        Err(e) => {
            return Some(Problem {
                kind: ProblemKind::Database,
                subject: "objects".into(),
                message: e.to_string(),
            });
        }
    };
    let path = store.path_of(&expected);
    let subject = path.display().to_string();
    let file = match File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            return Some(Problem {
                kind: ProblemKind::ObjectMissing,
                subject,
                message: format!("original {sha} cannot be read: {e}"),
            });
        }
    };
    match ContentHash::of_reader(file) {
        Ok((actual, n)) if actual == expected && n as i64 == size => None,
        Ok((actual, n)) => Some(Problem {
            kind: ProblemKind::ObjectAltered,
            subject,
            message: format!(
                "original has changed: recorded {size} bytes with SHA-256 {sha}, now {n} bytes with SHA-256 {actual}"
            ),
        }),
        Err(e) => Some(Problem {
            kind: ProblemKind::ObjectMissing,
            subject,
            message: format!("original {sha} cannot be read: {e}"),
        }),
    }
}
