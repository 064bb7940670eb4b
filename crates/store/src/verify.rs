//! `verify`: re-hash every original, check the database and its protections, check the
//! audit chain (against a seal kept elsewhere, when given), and replay the log's states of
//! the chronology against the tables. Every problem is reported; the check never stops at
//! the first one, and a part that cannot be read at all (a damaged database) is itself a
//! problem, not an error.

use std::fs::File;
use std::sync::Mutex;

use crate::case::Case;
use crate::error::{Result, StoreError};
use crate::hash::ContentHash;
use crate::objects::ObjectStore;
use crate::{audit, audited_state, migrations};

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
    /// A chronology row differs from what the audit log says it is.
    Chronology,
    /// A protection the schema puts on the case (the audit log's triggers) is missing or
    /// altered, or a trigger Dossier never made is present.
    Protection,
    /// The audit chain no longer holds the head a seal recorded.
    Seal,
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
            ProblemKind::Chronology => "chronology",
            ProblemKind::Protection => "protection",
            ProblemKind::Seal => "seal",
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
    /// Chronology rows compared with the state the audit log gives them.
    pub chronology_rows_checked: u64,
    /// Every problem found.
    pub problems: Vec<Problem>,
}

/// The audit chain's head as printed by `dossier seal`, to be kept outside the case: with
/// it, `verify` can tell that rows were removed from the end of the log or that the chain
/// was rewritten, which nothing inside the case can show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal {
    /// The head row's position.
    pub seq: i64,
    /// The head row's hash.
    pub head: String,
    /// When the head row was written.
    pub at: String,
}

impl Case {
    /// The audit chain's head, to keep elsewhere.
    pub fn seal(&self) -> Result<Seal> {
        let head = audit::head(&self.conn)?.ok_or_else(|| {
            StoreError::Refused("the audit log is empty: there is nothing to seal".into())
        })?;
        Ok(Seal {
            seq: head.seq,
            head: head.hash,
            at: head.at,
        })
    }

    /// Checks the whole case, and the audit chain against `seal` when one is given.
    /// `progress` is called with (objects done, objects total).
    pub fn verify(
        &self,
        seal: Option<&Seal>,
        progress: &(dyn Fn(u64, u64) + Sync),
    ) -> Result<VerifyReport> {
        let mut report = VerifyReport::default();
        let problems = &mut report.problems;
        let unreadable = |part: &str, e: StoreError| Problem {
            kind: ProblemKind::Database,
            subject: "dossier.sqlite".into(),
            message: format!("{part} cannot be read: {e}"),
        };
        if let Err(e) = self.check_database(problems) {
            problems.push(unreadable("the database", e));
        }
        if let Err(e) = self.check_protections(problems) {
            problems.push(unreadable("the schema", e));
        }
        match self.recorded_objects() {
            Ok(objects) => {
                report.objects_checked = objects.len() as u64;
                problems.extend(self.rehash_objects(&objects, progress));
            }
            Err(e) => problems.push(unreadable("the list of originals", e)),
        }
        match self.leftover_problems() {
            Ok(leftovers) => problems.extend(leftovers),
            Err(e) => problems.push(unreadable("the objects folder", e)),
        }
        match self.check_audit_log(seal, problems) {
            Ok(rows) => report.audit_rows_checked = rows,
            Err(e) => problems.push(unreadable("the audit log", e)),
        }
        match self.check_chronology(problems) {
            Ok(rows) => report.chronology_rows_checked = rows,
            Err(e) => problems.push(unreadable("the chronology", e)),
        }
        Ok(report)
    }

    fn recorded_objects(&self) -> Result<Vec<(String, i64)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT sha256, size FROM objects ORDER BY sha256")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Re-hashes the chain; with a seal, checks that the chain still holds its head.
    /// Returns the number of rows checked.
    fn check_audit_log(&self, seal: Option<&Seal>, problems: &mut Vec<Problem>) -> Result<u64> {
        let entries = audit::entries(&self.conn)?;
        for b in audit::check_chain(&self.conn)? {
            problems.push(Problem {
                kind: ProblemKind::AuditChain,
                subject: format!("audit row {}", b.seq),
                message: b.reason,
            });
        }
        if let Some(seal) = seal {
            let subject = format!("seal of audit row {} ({})", seal.seq, seal.at);
            match entries.iter().find(|e| e.seq == seal.seq) {
                None => problems.push(Problem {
                    kind: ProblemKind::Seal,
                    subject,
                    message: format!(
                        "the audit log has no row {} any more (it ends at row {}): rows were removed since the seal was made",
                        seal.seq,
                        entries.last().map_or(0, |e| e.seq)
                    ),
                }),
                Some(row) if row.hash != seal.head => problems.push(Problem {
                    kind: ProblemKind::Seal,
                    subject,
                    message: format!(
                        "audit row {} now hashes to {}, not to the sealed head {}: the log was rewritten since the seal was made",
                        seal.seq, row.hash, seal.head
                    ),
                }),
                Some(_) => {}
            }
        }
        Ok(entries.len() as u64)
    }

    /// Replays the audit log's states of the chronology against the tables. Returns the
    /// number of rows compared.
    fn check_chronology(&self, problems: &mut Vec<Problem>) -> Result<u64> {
        let (checked, differences) = audited_state::replay(&self.conn)?;
        problems.extend(differences.into_iter().map(|d| Problem {
            kind: ProblemKind::Chronology,
            subject: d.key,
            message: d.message,
        }));
        Ok(checked)
    }

    /// The audit log's triggers must be there exactly as the migrations made them, and no
    /// trigger Dossier never made may be there (one could rewrite what is inserted).
    fn check_protections(&self, problems: &mut Vec<Problem>) -> Result<()> {
        let expected = migrations::triggers();
        let mut stmt = self
            .conn
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")?;
        let found: Vec<(String, Option<String>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (name, sql) in &expected {
            let subject = format!("trigger {name}");
            match found.iter().find(|(n, _)| n == name) {
                None => problems.push(Problem {
                    kind: ProblemKind::Protection,
                    subject,
                    message: "is missing: the audit log is no longer protected against edits and deletions".into(),
                }),
                Some((_, actual)) if actual.as_deref() != Some(sql) => problems.push(Problem {
                    kind: ProblemKind::Protection,
                    subject,
                    message: format!(
                        "has been altered: it reads {:?}",
                        actual.as_deref().unwrap_or_default()
                    ),
                }),
                Some(_) => {}
            }
        }
        for (name, sql) in &found {
            if !expected.iter().any(|(n, _)| n == name) {
                problems.push(Problem {
                    kind: ProblemKind::Protection,
                    subject: format!("trigger {name}"),
                    message: format!(
                        "was not made by Dossier: {:?}",
                        sql.as_deref().unwrap_or_default()
                    ),
                });
            }
        }
        Ok(())
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
