//! Commands about the case as a whole: create it, summarise it, verify it, read its audit log.

use std::path::Path;

use dossier_store::{Case, CaseOptions, StoreError, audit as audit_log};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::CaseAt;
use crate::{ApiError, ApiResult, ErrorCode, Event, open_case};

/// `dossier init` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct InitOutput {
    /// The case folder.
    pub case: String,
    /// The case's name: the one given, else its folder's name (as `summary` shows it).
    pub name: String,
}

/// Creates a case folder.
pub fn init(path: &Path) -> ApiResult<InitOutput> {
    init_named(path, None)
}

/// Creates a case folder and, given one, records the case's name (`dossier init --name`;
/// the desktop's "New case…"), which `summary` then shows instead of the folder's name.
/// An empty name is refused before anything is created.
pub fn init_named(path: &Path, name: Option<&str>) -> ApiResult<InitOutput> {
    if name.is_some_and(|n| n.trim().is_empty()) {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "a case name cannot be empty; give some text, such as \"Smith v. Acme\"",
        ));
    }
    let mut case = Case::init(path, CaseOptions::default())?;
    if let Some(name) = name {
        let change = case.begin_change()?;
        change.set_case_name(name)?;
        change.commit()?;
    }
    Ok(InitOutput {
        case: path.display().to_string(),
        name: case.name()?,
    })
}

/// How many documents of one kind.
#[derive(Debug, Clone, Serialize, TS)]
pub struct KindCount {
    /// Document kind.
    pub kind: String,
    /// How many.
    pub count: u64,
}

/// What a case holds, at a glance: the desktop app's first screen.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseSummary {
    /// The case's name: the one given at `dossier init --name`, else its folder's name.
    pub name: String,
    /// The case folder.
    pub path: String,
    /// Documents in all.
    pub documents: u64,
    /// Documents per kind, most common first.
    pub by_kind: Vec<KindCount>,
    /// Schema version of the case database.
    pub schema_version: u32,
    /// Documents per review status: unreviewed, reviewed, second_look, each listed.
    pub review: Vec<ReviewCount>,
}

/// How many documents are in one review status.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReviewCount {
    /// unreviewed, reviewed or second_look.
    pub status: String,
    /// How many documents.
    pub count: u64,
}

/// Summarises a case.
pub fn case_summary(path: &(impl CaseAt + ?Sized)) -> ApiResult<CaseSummary> {
    let case = open_case(path)?;
    match path.session() {
        Some(session) => session.summary(case.audit_seq()?, || summarise(path, &case)),
        None => summarise(path, &case),
    }
}

fn summarise(path: &(impl CaseAt + ?Sized), case: &Case) -> ApiResult<CaseSummary> {
    let by_kind: Vec<KindCount> = case
        .count_by_kind()?
        .into_iter()
        .map(|(kind, count)| KindCount { kind, count })
        .collect();
    Ok(CaseSummary {
        name: case.name()?,
        path: path.root().display().to_string(),
        documents: by_kind.iter().map(|k| k.count).sum(),
        by_kind,
        schema_version: case.schema_version()?,
        review: case
            .review_counts()?
            .into_iter()
            .map(|(status, count)| ReviewCount {
                status: status.as_str().into(),
                count,
            })
            .collect(),
    })
}

/// One problem found by `verify`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct VerifyProblem {
    /// `object_missing`, `object_altered`, `database`, `audit_chain`, `chronology`,
    /// `protection`, `seal`, `citation`, `note`.
    pub kind: String,
    /// What it concerns.
    pub subject: String,
    /// What is wrong.
    pub message: String,
}

/// `dossier verify` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct VerifyOutput {
    /// True when no problem was found.
    pub ok: bool,
    /// Every problem found.
    pub problems: Vec<VerifyProblem>,
    /// Originals re-hashed.
    pub objects_checked: u64,
    /// Audit rows checked.
    pub audit_rows_checked: u64,
    /// Chronology rows (events, citations, tags, notes, exhibits) compared with the state
    /// the audit log gives them.
    pub chronology_rows_checked: u64,
    /// Whether the chain was checked against a seal kept elsewhere.
    pub sealed: bool,
    /// Citations re-checked against their documents' text.
    pub citations_checked: u64,
    /// Citations the user withdrew: not evidence any more, so not re-checked and not
    /// problems, but counted and listed in `withdrawn` rather than passed over in silence.
    pub citations_withdrawn: u64,
    /// The withdrawn citations.
    pub withdrawn: Vec<WithdrawnCitation>,
    /// Notes (not deleted) whose anchor was re-checked like a citation's.
    pub notes_checked: u64,
    /// Trusted timestamps whose token was re-checked against its original.
    pub timestamps_checked: u64,
}

/// A citation the user withdrew, as `verify` lists it.
#[derive(Debug, Clone, Serialize, TS)]
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

/// The audit chain's head as `dossier seal` prints it: kept outside the case (an email to
/// oneself, a filing), it lets `verify --seal` show that the log was not cut short or
/// rewritten since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Seal {
    /// The head row's position in the log.
    pub seq: i64,
    /// The head row's hash (SHA-256, hex).
    pub head: String,
    /// When the head row was written.
    pub at: String,
}

/// Arguments of `verify`.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct VerifyRequest {
    /// A seal printed earlier, to check the chain against.
    #[serde(default)]
    #[ts(optional)]
    pub seal: Option<Seal>,
}

/// The audit chain's head, to keep elsewhere.
pub fn seal(path: &(impl CaseAt + ?Sized)) -> ApiResult<Seal> {
    let seal = open_case(path)?.seal()?;
    Ok(Seal {
        seq: seal.seq,
        head: seal.head,
        at: seal.at,
    })
}

/// Reads a seal as `dossier seal --json` printed it; `source` names where it came from.
pub fn read_seal(text: &str, source: &str) -> ApiResult<Seal> {
    let seal: Seal = serde_json::from_str(text).map_err(|e| {
        ApiError::new(
            ErrorCode::InvalidInput,
            format!("{source}: not a seal as `dossier seal --json` prints it: {e}"),
        )
    })?;
    if seal.head.len() != 64 || !seal.head.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("{source}: the seal's head is not a SHA-256 in hex"),
        ));
    }
    Ok(seal)
}

/// Re-hashes every original, checks the database, its protections and the audit chain
/// (against `request.seal` when given), replays the log's chronology states against the
/// tables, re-checks every citation (kind `citation`: listed, never dropped, when its quote
/// is no longer where it was cited) and every note's anchor (kind `note`), and lists
/// withdrawn citations apart. A database that cannot be opened or read is reported as a
/// problem (`ok: false`), not as an error: it is the answer to the question asked.
pub fn verify(
    path: &(impl CaseAt + ?Sized),
    request: &VerifyRequest,
    events: &(dyn Fn(Event) + Sync),
) -> ApiResult<VerifyOutput> {
    let case = match Case::open(path.root(), CaseOptions::default()) {
        Ok(case) => case,
        Err(e @ (StoreError::Sqlite(_) | StoreError::SchemaDamaged(_))) => {
            return Ok(VerifyOutput::unreadable(e));
        }
        Err(e) => return Err(e.into()),
    };
    let seal = request.seal.as_ref().map(|s| dossier_store::Seal {
        seq: s.seq,
        head: s.head.clone(),
        at: s.at.clone(),
    });
    let report = match case.verify(seal.as_ref(), &|done, total| {
        events(Event::Progress {
            phase: "verify".into(),
            done,
            total,
            item: None,
        })
    }) {
        Ok(report) => report,
        Err(e) => return Ok(VerifyOutput::unreadable(e)),
    };
    let mut problems: Vec<VerifyProblem> = report
        .problems
        .into_iter()
        .map(|p| VerifyProblem {
            kind: p.kind.as_str().to_owned(),
            subject: p.subject,
            message: p.message,
        })
        .collect();
    // The chronology's own tables may be what is damaged: then that is the answer.
    let (citations, notes, withdrawn) = match chronology_checks(&case) {
        Ok(checks) => checks,
        Err(e) => {
            problems.push(VerifyProblem {
                kind: "database".into(),
                subject: "dossier.sqlite".into(),
                message: format!("the chronology cannot be read: {e}"),
            });
            (Vec::new(), Vec::new(), Vec::new())
        }
    };
    let citations_checked = citations.len() as u64;
    problems.extend(citations.into_iter().filter_map(|(c, outcome)| {
        outcome.err().map(|message| VerifyProblem {
            kind: "citation".into(),
            subject: format!("citation {} (event {})", c.id, c.event),
            message,
        })
    }));
    let notes_checked = notes.len() as u64;
    problems.extend(notes.into_iter().filter_map(|(n, outcome)| {
        outcome.err().map(|message| VerifyProblem {
            kind: "note".into(),
            subject: format!("note {} (document {})", n.id, n.document),
            message,
        })
    }));
    let timestamps_checked = match crate::timestamp::check_stored(&case) {
        Ok((checked, found)) => {
            problems.extend(found);
            checked
        }
        Err(e) => {
            problems.push(VerifyProblem {
                kind: "database".into(),
                subject: "dossier.sqlite".into(),
                message: format!("the timestamps cannot be read: {}", e.message),
            });
            0
        }
    };
    Ok(VerifyOutput {
        ok: problems.is_empty(),
        problems,
        objects_checked: report.objects_checked,
        audit_rows_checked: report.audit_rows_checked,
        chronology_rows_checked: report.chronology_rows_checked,
        sealed: seal.is_some(),
        citations_checked,
        citations_withdrawn: withdrawn.len() as u64,
        withdrawn,
        notes_checked,
        timestamps_checked,
    })
}

type CheckedCitations = Vec<crate::timeline::Checked>;
type CheckedNotes = Vec<(dossier_store::NoteRecord, Result<(), String>)>;

/// Every citation and note re-checked against its document, and the withdrawn citations.
fn chronology_checks(
    case: &Case,
) -> ApiResult<(CheckedCitations, CheckedNotes, Vec<WithdrawnCitation>)> {
    let citations = crate::timeline::check_all(case)?;
    let mut notes = Vec::new();
    for n in case.notes(None)? {
        let outcome = crate::exhibits::check_note(case, &n)?;
        notes.push((n, outcome));
    }
    let withdrawn = case
        .withdrawn_citations()?
        .into_iter()
        .map(|c| WithdrawnCitation {
            citation: c.id,
            event: c.event,
            doc: c.document,
            withdrawn_at: c.withdrawn_at.unwrap_or_default(),
        })
        .collect();
    Ok((citations, notes, withdrawn))
}

impl VerifyOutput {
    /// The answer for a case whose database cannot be opened or read at all.
    fn unreadable(e: StoreError) -> VerifyOutput {
        VerifyOutput {
            ok: false,
            problems: vec![VerifyProblem {
                kind: "database".into(),
                subject: "dossier.sqlite".into(),
                message: format!("the database cannot be read: {e}"),
            }],
            objects_checked: 0,
            audit_rows_checked: 0,
            chronology_rows_checked: 0,
            sealed: false,
            citations_checked: 0,
            citations_withdrawn: 0,
            withdrawn: Vec::new(),
            notes_checked: 0,
            timestamps_checked: 0,
        }
    }
}

/// One row of the audit log.
#[derive(Debug, Clone, Serialize, TS)]
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
    /// The row in words, naming documents and events by their titles ("Cited “Complaint”,
    /// p. 5, for “Setting switched on by default”"); `action`, `target` and `detail` stay
    /// the record.
    pub summary_text: String,
}

/// `audit` arguments over the command surface.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AuditRequest {
    /// Only the newest this many rows (still oldest first); the whole log without it.
    #[serde(default)]
    #[ts(optional)]
    pub last: Option<u64>,
}

/// The whole audit log, oldest first.
pub fn audit(path: &(impl CaseAt + ?Sized)) -> ApiResult<Vec<AuditRow>> {
    audit_rows(path, &AuditRequest::default())
}

/// The audit log, oldest first: all of it, or its newest `last` rows.
pub fn audit_rows(
    path: &(impl CaseAt + ?Sized),
    request: &AuditRequest,
) -> ApiResult<Vec<AuditRow>> {
    let case = open_case(path)?;
    let mut titles = crate::activity::CaseTitles::new(&case);
    let entries = match request.last {
        Some(n) => audit_log::last_entries(case.connection(), n)?,
        None => audit_log::entries(case.connection())?,
    };
    Ok(entries
        .into_iter()
        .map(|e| AuditRow {
            summary_text: crate::activity::describe(&e.action, &e.target, &e.detail, &mut titles),
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
