//! Commands about the case as a whole: create it, summarise it, verify it, read its audit log.

use std::path::Path;

use dossier_store::{Case, CaseOptions, audit as audit_log};
use serde::Serialize;

use crate::{ApiResult, Event, open_case};

/// `dossier init` output.
#[derive(Debug, Clone, Serialize)]
pub struct InitOutput {
    /// The case folder.
    pub case: String,
}

/// Creates a case folder.
pub fn init(path: &Path) -> ApiResult<InitOutput> {
    Case::init(path, CaseOptions::default())?;
    Ok(InitOutput {
        case: path.display().to_string(),
    })
}

/// How many documents of one kind.
#[derive(Debug, Clone, Serialize)]
pub struct KindCount {
    /// Document kind.
    pub kind: String,
    /// How many.
    pub count: u64,
}

/// What a case holds, at a glance: the desktop app's first screen.
#[derive(Debug, Clone, Serialize)]
pub struct CaseSummary {
    /// The case's name (its folder name).
    pub name: String,
    /// The case folder.
    pub path: String,
    /// Documents in all.
    pub documents: u64,
    /// Documents per kind, most common first.
    pub by_kind: Vec<KindCount>,
    /// Schema version of the case database.
    pub schema_version: u32,
}

/// Summarises a case.
pub fn case_summary(path: &Path) -> ApiResult<CaseSummary> {
    let case = open_case(path)?;
    let by_kind: Vec<KindCount> = case
        .count_by_kind()?
        .into_iter()
        .map(|(kind, count)| KindCount { kind, count })
        .collect();
    Ok(CaseSummary {
        name: case.name(),
        path: path.display().to_string(),
        documents: by_kind.iter().map(|k| k.count).sum(),
        by_kind,
        schema_version: case.schema_version()?,
    })
}

/// One problem found by `verify`.
#[derive(Debug, Clone, Serialize)]
pub struct VerifyProblem {
    /// `object_missing`, `object_altered`, `database`, `audit_chain`, `citation`, `note`.
    pub kind: String,
    /// What it concerns.
    pub subject: String,
    /// What is wrong.
    pub message: String,
}

/// `dossier verify` output.
#[derive(Debug, Clone, Serialize)]
pub struct VerifyOutput {
    /// True when no problem was found.
    pub ok: bool,
    /// Every problem found.
    pub problems: Vec<VerifyProblem>,
    /// Originals re-hashed.
    pub objects_checked: u64,
    /// Audit rows checked.
    pub audit_rows_checked: u64,
    /// Citations re-checked against their documents' text.
    pub citations_checked: u64,
    /// Citations the user withdrew: not evidence any more, so not re-checked and not
    /// problems, but counted and listed in `withdrawn` rather than passed over in silence.
    pub citations_withdrawn: u64,
    /// The withdrawn citations.
    pub withdrawn: Vec<WithdrawnCitation>,
    /// Notes (not deleted) whose anchor was re-checked like a citation's.
    pub notes_checked: u64,
}

/// A citation the user withdrew, as `verify` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct WithdrawnCitation {
    /// The citation.
    pub citation: i64,
    /// Its event.
    pub event: i64,
    /// The document it cited.
    pub doc: i64,
    /// When it was withdrawn.
    pub withdrawn_at: String,
}

/// Re-hashes every original, checks the database and the audit chain, re-checks every
/// citation (kind `citation`: listed, never dropped, when its quote is no longer where it
/// was cited) and every note's anchor (kind `note`), and lists withdrawn citations apart.
pub fn verify(path: &Path, events: &(dyn Fn(Event) + Sync)) -> ApiResult<VerifyOutput> {
    let case = open_case(path)?;
    let report = case.verify(&|done, total| {
        events(Event::Progress {
            phase: "verify".into(),
            done,
            total,
            item: None,
        })
    })?;
    let mut problems: Vec<VerifyProblem> = report
        .problems
        .into_iter()
        .map(|p| VerifyProblem {
            kind: p.kind.as_str().to_owned(),
            subject: p.subject,
            message: p.message,
        })
        .collect();
    let citations = crate::timeline::check_all(&case)?;
    let citations_checked = citations.len() as u64;
    problems.extend(citations.into_iter().filter_map(|(c, outcome)| {
        outcome.err().map(|message| VerifyProblem {
            kind: "citation".into(),
            subject: format!("citation {} (event {})", c.id, c.event),
            message,
        })
    }));
    let notes = case.notes(None)?;
    let notes_checked = notes.len() as u64;
    for n in &notes {
        if let Err(message) = crate::exhibits::check_note(&case, n)? {
            problems.push(VerifyProblem {
                kind: "note".into(),
                subject: format!("note {} (document {})", n.id, n.document),
                message,
            });
        }
    }
    let withdrawn: Vec<WithdrawnCitation> = case
        .withdrawn_citations()?
        .into_iter()
        .map(|c| WithdrawnCitation {
            citation: c.id,
            event: c.event,
            doc: c.document,
            withdrawn_at: c.withdrawn_at.unwrap_or_default(),
        })
        .collect();
    Ok(VerifyOutput {
        ok: problems.is_empty(),
        problems,
        objects_checked: report.objects_checked,
        audit_rows_checked: report.audit_rows_checked,
        citations_checked,
        citations_withdrawn: withdrawn.len() as u64,
        withdrawn,
        notes_checked,
    })
}

/// One row of the audit log.
#[derive(Debug, Clone, Serialize)]
pub struct AuditRow {
    /// Position in the log.
    pub seq: i64,
    /// When.
    pub at: String,
    /// Who.
    pub actor: String,
    /// What kind of change.
    pub action: String,
    /// What it changed.
    pub target: String,
    /// Particulars.
    pub detail: String,
    /// Hash of the previous row.
    pub prev_hash: String,
    /// Hash of this row.
    pub hash: String,
}

/// The whole audit log, oldest first.
pub fn audit(path: &Path) -> ApiResult<Vec<AuditRow>> {
    let case = open_case(path)?;
    Ok(audit_log::entries(case.connection())?
        .into_iter()
        .map(|e| AuditRow {
            seq: e.seq,
            at: e.at,
            actor: e.actor,
            action: e.action,
            target: e.target,
            detail: e.detail,
            prev_hash: e.prev_hash,
            hash: e.hash,
        })
        .collect())
}

/// Whether `path` holds a case (without opening it).
pub fn is_case(path: &Path) -> bool {
    path.join(dossier_store::DATABASE_FILE).is_file()
}
