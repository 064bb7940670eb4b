//! The chronology's commands: `event` (add, edit, delete, undo, import) and `cite`.
//!
//! Dates, statuses, relations and quotes are checked here with `dossier-timeline` before
//! the store records them; the store audits every change. An event shows as
//! `prospective` while it has no citation, whatever status it was given.

use std::path::PathBuf;

use dossier_ingest::PathScope;
use dossier_store::{Case, EventEdit, EventRecord, EventState, NewCitation, SpanRecord};
use dossier_timeline::{FuzzyDate, Hint, Relation, Status, quote};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::CaseAt;
use crate::timeline::{EventSpan, TimelineEvent, load_event};
use crate::{ApiError, ApiResult, ErrorCode, open_case};

/// The fields of a new event.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct EventAdd {
    /// When: 2024, 2024-08, 2024-08-15, "before 2024-08", "after D", "between D and D", D/D.
    #[cfg_attr(feature = "cli", arg(long))]
    pub date: String,
    /// What happened, in a line.
    #[cfg_attr(feature = "cli", arg(long))]
    pub title: String,
    /// Makes the date a range ending on this date.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub end: Option<String>,
    /// alleged (default), disputed, admitted, established, prospective.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub status: Option<String>,
    /// More about it.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub description: Option<String>,
    /// A legal issue it bears on (repeatable).
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    #[cfg_attr(feature = "cli", arg(long = "issue"))]
    pub issues: Vec<String>,
    /// Someone who took part (repeatable).
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    #[cfg_attr(feature = "cli", arg(long = "actor"))]
    pub actors: Vec<String>,
    /// A tag (repeatable).
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    #[cfg_attr(feature = "cli", arg(long = "tag"))]
    pub tags: Vec<String>,
}

/// Changes to an event; what is left out stays as it is.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct EventChange {
    /// The event.
    pub event: i64,
    /// New date (replaces the whole date, end included, unless an end is given too).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub date: Option<String>,
    /// New end of the range (with the current start when no date is given).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub end: Option<String>,
    /// New title.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub title: Option<String>,
    /// New status.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub status: Option<String>,
    /// New description ("" clears it).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub description: Option<String>,
    /// Replace the issues (repeatable).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long = "issue"))]
    pub issues: Option<Vec<String>>,
    /// Replace the actors (repeatable).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long = "actor"))]
    pub actors: Option<Vec<String>>,
    /// Replace the tags (repeatable).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long = "tag"))]
    pub tags: Option<Vec<String>>,
}

/// One event, by id.
#[derive(Debug, Clone, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct EventRef {
    /// The event.
    pub event: i64,
}

/// One citation, by id.
#[derive(Debug, Clone, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct CitationRef {
    /// The citation.
    pub citation: i64,
}

/// A CSV file of events to import; the columns are documented in `event_import.rs`.
#[derive(Debug, Clone, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct EventImport {
    /// The CSV file (columns: date, title, end, description, status, issues, actors, tags;
    /// doc, page, quote, relation for a citation; a row without date and title adds another
    /// citation to the event above).
    #[cfg_attr(feature = "cli", arg(value_name = "FILE"))]
    pub path: PathBuf,
    /// Pass over events (same title and date) the case already has, with their citations,
    /// so that importing the same file again changes nothing.
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub skip_existing: bool,
}

/// `event` arguments: what to do, and its fields.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum EventRequest {
    /// Create an event.
    Add(EventAdd),
    /// Change an event.
    Edit(EventChange),
    /// Delete an event (kept, restorable by undo).
    Delete(EventRef),
    /// Undo the latest change to an event, as a new change.
    Undo(EventRef),
    /// Import events from CSV.
    Import(EventImport),
    /// Withdraw one of an event's citations (kept, out of the chronology).
    Withdraw(CitationRef),
    /// Reinstate a withdrawn citation.
    Reinstate(CitationRef),
    /// Read a date as an event would store it, changing nothing: the form's preview, so
    /// that what a user is told before saving is the chronology's own reading.
    ReadDate(DateDraft),
}

/// A date as typed, not yet saved (`event read_date`).
#[derive(Debug, Clone, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct DateDraft {
    /// As `event add --date`: 2024, 2024-08, 2024-08-15, before D, after D, between D and
    /// D, D/D or D..D.
    #[cfg_attr(feature = "cli", arg(long))]
    pub date: String,
    /// As `event add --end`: makes the date a range.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub end: Option<String>,
}

/// How the chronology reads a date (`event read_date`): what an event saved with it shows.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DateReading {
    /// The date as it would be stored.
    pub date: String,
    /// The end of a range, as it would be stored.
    pub end: Option<String>,
    /// The date in words.
    pub display_date: String,
    /// The days it covers.
    pub span: EventSpan,
}

/// Reads a draft date exactly as saving an event with it would, or says why it cannot.
fn read_date(draft: &DateDraft) -> ApiResult<DateReading> {
    let end = draft.end.as_deref().filter(|e| !e.trim().is_empty());
    let date = FuzzyDate::parse_with_end(&draft.date, end).map_err(|e| invalid(e.to_string()))?;
    let (stored, end) = date.date_and_end();
    Ok(DateReading {
        date: stored,
        end,
        display_date: date.human(),
        span: EventSpan::of(&date),
    })
}

/// `event import` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportOutput {
    /// How many events were created.
    pub imported: usize,
    /// Their ids, in file order.
    pub ids: Vec<i64>,
    /// How many citations were created with them.
    pub citations: usize,
    /// Events passed over because the case already had them (`skip_existing`).
    pub skipped: usize,
}

/// `event` output: the event as it now stands, or what an import created.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(untagged)]
pub enum EventOutput {
    /// The event added, changed, deleted or restored.
    Event(Box<TimelineEvent>),
    /// What an import created.
    Imported(ImportOutput),
    /// How a draft date reads (`read_date`).
    DateReading(DateReading),
}

pub(crate) fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, message)
}

fn parse_status(s: Option<&str>) -> ApiResult<Status> {
    s.map_or(Ok(Status::Alleged), |s| s.parse().map_err(invalid))
}

pub(crate) fn state_of(a: &EventAdd) -> ApiResult<EventState> {
    if a.title.trim().is_empty() {
        return Err(invalid("an event needs a title"));
    }
    let date =
        FuzzyDate::parse_with_end(&a.date, a.end.as_deref()).map_err(|e| invalid(e.to_string()))?;
    Ok(EventState {
        title: a.title.trim().to_owned(),
        description: a.description.clone().filter(|d| !d.trim().is_empty()),
        date: date.to_string(),
        status: parse_status(a.status.as_deref())?.as_str().to_owned(),
        issues: a.issues.clone(),
        actors: a.actors.clone(),
        tags: a.tags.clone(),
        deleted: false,
    })
}

fn edit_of(current: &EventRecord, c: &EventChange) -> ApiResult<EventEdit> {
    let date = if c.date.is_some() || c.end.is_some() {
        let now = FuzzyDate::parse(&current.state.date).map_err(|e| invalid(e.to_string()))?;
        let (start, end) = match &c.date {
            Some(d) => (d.clone(), c.end.clone()),
            None => (now.date_and_end().0, c.end.clone()),
        };
        let parsed = FuzzyDate::parse_with_end(&start, end.as_deref())
            .map_err(|e| invalid(e.to_string()))?;
        Some(parsed.to_string())
    } else {
        None
    };
    if c.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(invalid("an event needs a title"));
    }
    Ok(EventEdit {
        title: c.title.as_ref().map(|t| t.trim().to_owned()),
        description: c
            .description
            .as_ref()
            .map(|d| Some(d.trim().to_owned()).filter(|d| !d.is_empty())),
        date,
        status: c
            .status
            .as_deref()
            .map(|s| parse_status(Some(s)).map(|s| s.as_str().to_owned()))
            .transpose()?,
        issues: c.issues.clone(),
        actors: c.actors.clone(),
        tags: c.tags.clone(),
    })
}

/// Creates, changes, deletes, restores or imports events, or reads a draft date. An import
/// reads its CSV file, and the files its `doc` cells name, only within `scope`.
pub fn event(
    path: &(impl CaseAt + ?Sized),
    request: &EventRequest,
    scope: &PathScope,
) -> ApiResult<EventOutput> {
    let mut case = open_case(path)?;
    let id = match request {
        EventRequest::Add(a) => {
            let state = state_of(a)?;
            let change = case.begin_change()?;
            let id = change.add_event(&state)?;
            change.commit()?;
            id
        }
        EventRequest::Edit(c) => {
            let edit = edit_of(&case.event(c.event)?, c)?;
            let change = case.begin_change()?;
            change.edit_event(c.event, &edit)?;
            change.commit()?;
            c.event
        }
        EventRequest::Delete(r) => {
            let change = case.begin_change()?;
            change.delete_event(r.event)?;
            change.commit()?;
            r.event
        }
        EventRequest::Undo(r) => {
            let change = case.begin_change()?;
            change.undo_event(r.event)?;
            change.commit()?;
            r.event
        }
        EventRequest::Import(i) => {
            return crate::event_import::import(&mut case, i, scope).map(EventOutput::Imported);
        }
        EventRequest::ReadDate(draft) => return read_date(draft).map(EventOutput::DateReading),
        EventRequest::Withdraw(c) | EventRequest::Reinstate(c) => {
            let change = case.begin_change()?;
            let event = if matches!(request, EventRequest::Withdraw(_)) {
                change.withdraw_citation(c.citation)?
            } else {
                change.reinstate_citation(c.citation)?
            };
            change.commit()?;
            event
        }
    };
    Ok(EventOutput::Event(Box::new(load_event(&case, id)?)))
}

/// `cite` arguments.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct CiteRequest {
    /// The event.
    pub event: i64,
    /// The document.
    pub doc: i64,
    /// The page (from 1); without it the first page holding the quote is recorded.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub page: Option<u32>,
    /// The exact words cited (line breaks, hyphenation and spacing need not match).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub quote: Option<String>,
    /// supports (default), contradicts, context.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub relation: Option<String>,
    /// Text just before the quote, to pick one of several occurrences.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub prefix: Option<String>,
    /// Text just after the quote.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub suffix: Option<String>,
}

/// `cite` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CiteOutput {
    /// The citation's id.
    pub id: i64,
    /// Whether the quote was found where cited (always true: a quote that is not there
    /// is refused).
    pub verified: bool,
    /// The page recorded.
    pub page: Option<u32>,
    /// The passage exactly as the document has it.
    pub exact: Option<String>,
    /// Text before it.
    pub prefix: Option<String>,
    /// Text after it.
    pub suffix: Option<String>,
    /// Character offset of its start in the page.
    pub start: Option<i64>,
    /// Character offset just past its end.
    pub end: Option<i64>,
    /// How many times the quote occurs on the page.
    pub occurrences: usize,
    /// SHA-256 of the document cited.
    pub sha256: String,
    /// The event's status now.
    pub event_status: String,
}

/// Finds a quote in a document: on the page given, or on the first page that has it.
/// Returns the page (as recorded) and the passage.
pub(crate) fn find_quote(
    case: &Case,
    doc: i64,
    page: Option<u32>,
    text: &str,
    hint: Hint<'_>,
) -> ApiResult<(Option<u32>, quote::Located)> {
    let record = case.document(doc)?;
    let name = match &record.summary.title {
        Some(t) => format!("document {doc} ({t})"),
        None => format!("document {doc}"),
    };
    if page.is_none() && !record.pages.is_empty() {
        let mut first_error = None;
        for (n, page_text) in &record.pages {
            match quote::locate(page_text, text, hint) {
                Ok(l) => return Ok((Some(*n), l)),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        let reason = first_error.map(|e| e.to_string()).unwrap_or_default();
        return Err(invalid(format!(
            "the quote is on no page of {name}: {reason}"
        )));
    }
    let page_text = case.cited_text(doc, page)?.ok_or_else(|| {
        invalid(match page {
            Some(n) => format!("{name} has no page {n}"),
            None => format!("{name} has no text to quote"),
        })
    })?;
    let at = page.map(|n| format!("page {n} of ")).unwrap_or_default();
    quote::locate(&page_text, text, hint)
        .map(|l| (page, l))
        .map_err(|e| invalid(format!("the quote is not on {at}{name}: {e}")))
}

/// A citation checked against its document, not yet attached to an event: what `cite`
/// and a CSV import with citation columns both record.
pub(crate) struct CheckedCitation {
    /// supports, contradicts or context.
    pub relation: Relation,
    /// The page recorded.
    pub page: Option<u32>,
    /// The quote and where it was found.
    pub span: Option<SpanRecord>,
    /// How many times the quote occurs on the page.
    pub occurrences: usize,
    /// SHA-256 of the document cited.
    pub sha256: String,
}

impl CheckedCitation {
    /// The row to record for `event` citing `doc`.
    pub fn for_event(&self, event: i64, doc: i64) -> NewCitation {
        NewCitation {
            event,
            document: doc,
            relation: self.relation.as_str().to_owned(),
            page: self.page,
            span: self.span.clone(),
            sha256: self.sha256.clone(),
        }
    }
}

/// Checks a citation of `doc`: the relation is known and the quote (if any) is on the page
/// given, or on some page when none is. Reads the case, changes nothing.
pub(crate) fn check_citation(
    case: &Case,
    doc: i64,
    page: Option<u32>,
    quote: Option<&str>,
    relation: Option<&str>,
    hint: Hint<'_>,
) -> ApiResult<CheckedCitation> {
    let relation: Relation = relation
        .map_or(Ok(Relation::Supports), str::parse)
        .map_err(invalid)?;
    let sha256 = case.document(doc)?.summary.sha256;
    let (page, located) = match quote.filter(|q| !q.trim().is_empty()) {
        Some(q) => {
            let (page, l) = find_quote(case, doc, page, q, hint)?;
            // The quote is kept as given, with its spacing and line breaks made single spaces.
            let q = q.split_whitespace().collect::<Vec<_>>().join(" ");
            (page, Some((q, l)))
        }
        None => (page, None),
    };
    let span = located.as_ref().map(|(q, l)| SpanRecord {
        quote: q.clone(),
        exact: l.selector.exact.clone(),
        prefix: l.selector.prefix.clone(),
        suffix: l.selector.suffix.clone(),
        start: l.selector.start as i64,
        end: l.selector.end as i64,
    });
    Ok(CheckedCitation {
        relation,
        page,
        span,
        occurrences: located.map_or(0, |(_, l)| l.occurrences),
        sha256,
    })
}

/// Cites a document for an event, checking that the quote is there.
pub fn cite(path: &(impl CaseAt + ?Sized), request: &CiteRequest) -> ApiResult<CiteOutput> {
    let mut case = open_case(path)?;
    let event = case.event(request.event)?;
    if event.state.deleted {
        return Err(invalid(format!("event {} is deleted", request.event)));
    }
    let hint = Hint {
        prefix: request.prefix.as_deref(),
        suffix: request.suffix.as_deref(),
        start: None,
    };
    let checked = check_citation(
        &case,
        request.doc,
        request.page,
        request.quote.as_deref(),
        request.relation.as_deref(),
        hint,
    )?;
    let change = case.begin_change()?;
    let id = change.add_citation(&checked.for_event(request.event, request.doc))?;
    change.commit()?;
    let requested: Status = event.state.status.parse().map_err(invalid)?;
    let span = checked.span.as_ref();
    Ok(CiteOutput {
        id,
        verified: true,
        page: checked.page,
        exact: span.map(|s| s.exact.clone()),
        prefix: span.map(|s| s.prefix.clone()),
        suffix: span.map(|s| s.suffix.clone()),
        start: span.map(|s| s.start),
        end: span.map(|s| s.end),
        occurrences: checked.occurrences,
        sha256: checked.sha256,
        event_status: Status::effective(requested, 1).as_str().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use dossier_ingest::PathScope;
    use serde_json::json;

    use crate::dispatch;

    /// The shells that carry JSON (HTTP, the desktop) reach the chronology by name.
    #[test]
    fn the_chronology_is_reachable_by_name_with_json_arguments() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = dir.path().join("case");
        crate::init(&case).expect("init");
        let case = crate::Session::open(&case);
        let file = dir.path().join("memo.txt");
        std::fs::write(
            &file,
            "The setting was switched on\nfor every member by default.\n",
        )
        .expect("write");
        let ingested = dispatch(
            "ingest",
            &case,
            json!({"paths": [file]}),
            &PathScope::Anything,
            &|_| {},
        )
        .expect("ingest");
        assert_eq!(ingested["documents"], json!([1]));

        let run = |command: &str, args: serde_json::Value| {
            dispatch(command, &case, args, &PathScope::Anything, &|_| {}).expect(command)
        };
        let event = run(
            "event",
            json!({"action": "add", "title": "Switched on", "date": "between 2024-08 and 2024-09-18"}),
        );
        assert_eq!(event["status"], "prospective");
        let cited = run(
            "cite",
            json!({"event": 1, "doc": 1, "quote": "switched on for every member"}),
        );
        assert_eq!(cited["verified"], true);
        assert_eq!(cited["exact"], "switched on\nfor every member");
        let timeline = run("timeline", json!({"status": "alleged"}));
        assert_eq!(timeline[0]["date"], "between 2024-08 and 2024-09-18");
        let csv = run("timeline", json!({"format": "csv"}));
        assert_eq!(csv["media_type"], "text/csv");
        let e = dispatch(
            "event",
            &case,
            json!({"action": "rename", "event": 1}),
            &PathScope::Anything,
            &|_| {},
        )
        .expect_err("unknown action");
        assert_eq!(e.code, "invalid_input");
        let e = dispatch(
            "cite",
            &case,
            json!({"event": 1, "doc": 1, "quote": "switched off"}),
            &PathScope::Anything,
            &|_| {},
        )
        .expect_err("not there");
        assert_eq!(e.code, "invalid_input");
        assert!(
            e.message.contains("the quote is not on document 1"),
            "{}",
            e.message
        );
    }
}
