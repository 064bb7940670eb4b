//! The chronology's commands: `event add|edit|delete|undo|import`, `cite`, `timeline`,
//! `tag`, `exhibit`, `exhibits`, `note`, `notes` and `suggest`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use dossier_api::{self as api, ApiError, ErrorCode, Export, TimelineEvent};

use crate::{Outcome, RequestArgs, print};

/// Arguments of `dossier event`.
#[derive(Args)]
pub struct EventArgs {
    #[command(subcommand)]
    action: EventAction,
}

#[derive(Subcommand)]
enum EventAction {
    /// Create an event (prospective until it cites a document).
    Add(EventAddArgs),
    /// Change some fields of an event.
    Edit(EventEditArgs),
    /// Delete an event (kept in the case; `event undo` restores it).
    Delete(EventRefArgs),
    /// Undo the latest change to an event, as a new change in the audit log.
    Undo(EventRefArgs),
    /// Import events from a CSV file (columns date, title or fact, end, description,
    /// status, issues, actors, tags).
    Import(ImportArgs),
    /// Withdraw a citation (kept in the case and the audit log; `event reinstate` undoes it).
    Withdraw(CitationRefArgs),
    /// Reinstate a withdrawn citation.
    Reinstate(CitationRefArgs),
    /// Say how a date would be read, without saving anything.
    ReadDate(ReadDateArgs),
}

#[derive(Args)]
struct ReadDateArgs {
    /// The case folder.
    case: PathBuf,
    /// As `event add --date`.
    #[arg(long)]
    date: String,
    /// As `event add --end`.
    #[arg(long)]
    end: Option<String>,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct CitationRefArgs {
    /// The case folder.
    case: PathBuf,
    /// The citation.
    citation: i64,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct EventAddArgs {
    /// The case folder.
    case: PathBuf,
    /// When: 2024, 2024-08, 2024-08-15, "before 2024-08", "after D", "between D and D", D/D.
    #[arg(long)]
    date: String,
    /// What happened, in a line.
    #[arg(long)]
    title: String,
    /// Makes the date a range ending on this date.
    #[arg(long)]
    end: Option<String>,
    /// alleged (default), disputed, admitted, established, prospective.
    #[arg(long)]
    status: Option<String>,
    /// More about it.
    #[arg(long)]
    description: Option<String>,
    /// A legal issue it bears on (repeatable).
    #[arg(long = "issue")]
    issues: Vec<String>,
    /// Someone who took part (repeatable).
    #[arg(long = "actor")]
    actors: Vec<String>,
    /// A tag (repeatable).
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct EventEditArgs {
    /// The case folder.
    case: PathBuf,
    /// The event.
    event: i64,
    /// New date.
    #[arg(long)]
    date: Option<String>,
    /// New end of the range.
    #[arg(long)]
    end: Option<String>,
    /// New title.
    #[arg(long)]
    title: Option<String>,
    /// New status.
    #[arg(long)]
    status: Option<String>,
    /// New description ("" clears it).
    #[arg(long)]
    description: Option<String>,
    /// Replace the issues (repeatable).
    #[arg(long = "issue")]
    issues: Option<Vec<String>>,
    /// Replace the actors (repeatable).
    #[arg(long = "actor")]
    actors: Option<Vec<String>>,
    /// Replace the tags (repeatable).
    #[arg(long = "tag")]
    tags: Option<Vec<String>>,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct EventRefArgs {
    /// The case folder.
    case: PathBuf,
    /// The event.
    event: i64,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct ImportArgs {
    /// The case folder.
    case: PathBuf,
    /// The CSV file (columns: date, title, end, description, status, issues, actors, tags;
    /// doc, page, quote, relation for a citation; a row without date and title adds another
    /// citation to the event above).
    file: PathBuf,
    /// Pass over events (same title and date) the case already has.
    #[arg(long)]
    skip_existing: bool,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

fn event_line(e: &TimelineEvent) -> String {
    let mut s = format!(
        "event {}: {} [{}] {}{}\n",
        e.id,
        e.display_date,
        e.status,
        e.title,
        if e.deleted { " (deleted)" } else { "" }
    );
    for c in &e.citations {
        let flag = if c.verified { "" } else { "  DOES NOT VERIFY" };
        s += &format!("    {} {}{flag}\n", c.relation, c.pin_cite);
        if let Some(q) = &c.quote {
            s += &format!(
                "      \u{201C}{}\u{201D}\n",
                q.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
    }
    s
}

/// `dossier event ACTION CASE ...`.
pub fn event(a: EventArgs) -> Result<Outcome, ApiError> {
    let (case, json, request) = match a.action {
        EventAction::Add(a) => (
            a.case,
            a.json,
            api::EventRequest::Add(api::EventAdd {
                title: a.title,
                date: a.date,
                end: a.end,
                status: a.status,
                description: a.description,
                issues: a.issues,
                actors: a.actors,
                tags: a.tags,
            }),
        ),
        EventAction::Edit(a) => (
            a.case,
            a.json,
            api::EventRequest::Edit(api::EventChange {
                event: a.event,
                title: a.title,
                date: a.date,
                end: a.end,
                status: a.status,
                description: a.description,
                issues: a.issues,
                actors: a.actors,
                tags: a.tags,
            }),
        ),
        EventAction::Delete(a) => (
            a.case,
            a.json,
            api::EventRequest::Delete(api::EventRef { event: a.event }),
        ),
        EventAction::Undo(a) => (
            a.case,
            a.json,
            api::EventRequest::Undo(api::EventRef { event: a.event }),
        ),
        EventAction::Import(a) => (
            a.case,
            a.json,
            api::EventRequest::Import(api::EventImport {
                path: a.file,
                skip_existing: a.skip_existing,
            }),
        ),
        EventAction::Withdraw(a) => (
            a.case,
            a.json,
            api::EventRequest::Withdraw(api::CitationRef {
                citation: a.citation,
            }),
        ),
        EventAction::Reinstate(a) => (
            a.case,
            a.json,
            api::EventRequest::Reinstate(api::CitationRef {
                citation: a.citation,
            }),
        ),
        EventAction::ReadDate(a) => (
            a.case,
            a.json,
            api::EventRequest::ReadDate(api::DateDraft {
                date: a.date,
                end: a.end,
            }),
        ),
    };
    let out = api::event(&case, &request, &api::PathScope::Anything)?;
    print(json, &out, || match &out {
        api::EventOutput::Event(e) => event_line(e),
        api::EventOutput::Imported(i) => format!(
            "imported {} events with {} citations, skipped {} already in the case\n",
            i.imported, i.citations, i.skipped
        ),
        api::EventOutput::DateReading(d) => format!(
            "{} (days {} to {})\n",
            d.display_date,
            d.span.first_day.as_deref().unwrap_or("open"),
            d.span.last_day.as_deref().unwrap_or("open"),
        ),
    })
}

/// `dossier cite CASE EVENT DOC`.
pub fn cite(a: RequestArgs<api::CiteRequest>) -> Result<Outcome, ApiError> {
    let request = a.request;
    let out = api::cite(&a.case, &request)?;
    print(a.json, &out, || {
        let page = out.page.map(|p| format!(" page {p}")).unwrap_or_default();
        format!(
            "citation {}: document {}{page}, verified; event is now {}\n",
            out.id, request.doc, out.event_status
        )
    })
}

/// Arguments of `dossier timeline`.
#[derive(Args)]
pub struct TimelineArgs {
    /// The case folder.
    case: PathBuf,
    #[command(flatten)]
    request: api::TimelineRequest,
    /// Write the export to this file instead of stdout.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// Prints an export's content as it is (or writes it to `output`), or, with `--json`, the
/// export as a JSON value.
fn emit(json: bool, export: &Export, output: Option<PathBuf>) -> Result<Outcome, ApiError> {
    if let Some(path) = output {
        std::fs::write(&path, &export.content)
            .map_err(|e| ApiError::new(ErrorCode::Io, format!("{}: {e}", path.display())))?;
        return print(json, export, || format!("wrote {}\n", path.display()));
    }
    if json {
        return print(true, export, String::new);
    }
    let mut out = std::io::stdout().lock();
    let _ = out
        .write_all(export.content.as_bytes())
        .and_then(|()| out.flush());
    Ok(Outcome::Done)
}

/// `dossier timeline CASE`.
pub fn timeline(a: TimelineArgs) -> Result<Outcome, ApiError> {
    let json_format = a
        .request
        .format
        .as_deref()
        .is_some_and(|f| f.eq_ignore_ascii_case("json"));
    match api::timeline(&a.case, &a.request)? {
        api::TimelineOutput::Events(events) => print(a.json || json_format, &events, || {
            events.iter().map(event_line).collect()
        }),
        api::TimelineOutput::Export(x) => emit(a.json, &x, a.output),
    }
}

/// Arguments of `dossier tag`.
#[derive(Args)]
pub struct TagArgs {
    /// The case folder.
    case: PathBuf,
    /// The document, then the tags (with --event, only tags).
    #[arg(required = true)]
    items: Vec<String>,
    /// Tag this event instead of a document.
    #[arg(long)]
    event: Option<i64>,
    /// Remove the tags instead of adding them.
    #[arg(long)]
    remove: bool,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// `dossier tag CASE DOC TAG...` or `dossier tag CASE --event E TAG...`.
pub fn tag(a: TagArgs) -> Result<Outcome, ApiError> {
    let (doc, tags) = match a.event {
        Some(_) => (None, a.items),
        None => {
            let (first, rest) = a
                .items
                .split_first()
                .map_or(("", &[][..]), |(f, r)| (f.as_str(), r));
            let doc = first.parse::<i64>().map_err(|_| {
                ApiError::new(
                    ErrorCode::InvalidInput,
                    format!("{first:?} is not a document id"),
                )
            })?;
            (Some(doc), rest.to_vec())
        }
    };
    let out = api::tag(
        &a.case,
        &api::TagRequest {
            doc,
            event: a.event,
            tags,
            remove: a.remove,
        },
    )?;
    print(a.json, &out, || format!("tags: {}\n", out.tags.join(", ")))
}

/// Arguments of `dossier exhibit`.
#[derive(Args)]
pub struct ExhibitArgs {
    /// The case folder.
    case: PathBuf,
    /// The document.
    doc: i64,
    /// The exhibit number (e.g. PX-0007); the next free one without it.
    #[arg(long)]
    number: Option<String>,
    /// Number prefix when no number is given (default PX).
    #[arg(long)]
    prefix: Option<String>,
    /// Bates prefix (default DOSS).
    #[arg(long)]
    bates_prefix: Option<String>,
    /// Designation (who offers it, for what).
    #[arg(long)]
    designation: Option<String>,
    /// Withdraw the document's exhibit: it keeps its number and Bates range (never reused)
    /// and is listed as withdrawn.
    #[arg(long, conflicts_with_all = ["number", "prefix", "bates_prefix", "designation"])]
    withdraw: bool,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// `dossier exhibit CASE DOC`.
pub fn exhibit(a: ExhibitArgs) -> Result<Outcome, ApiError> {
    let request = api::ExhibitRequest {
        doc: a.doc,
        number: a.number,
        prefix: a.prefix,
        bates_prefix: a.bates_prefix,
        designation: a.designation,
        withdraw: a.withdraw,
    };
    let x = api::exhibit(&a.case, &request)?;
    print(a.json, &x, || {
        let withdrawn = if x.withdrawn_at.is_some() {
            " (withdrawn)"
        } else {
            ""
        };
        format!(
            "{}: document {}, Bates {}–{}{withdrawn}\n",
            x.number, x.doc, x.bates_begin, x.bates_end
        )
    })
}

/// Arguments of `dossier exhibits`.
#[derive(Args)]
pub struct ExhibitsArgs {
    /// The case folder.
    case: PathBuf,
    /// json, csv or dat (a Concordance load file).
    #[arg(long)]
    format: Option<String>,
    /// Write the list to this file instead of stdout.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// `dossier exhibits CASE`.
pub fn exhibits(a: ExhibitsArgs) -> Result<Outcome, ApiError> {
    let json_format = a
        .format
        .as_deref()
        .is_some_and(|f| f.eq_ignore_ascii_case("json"));
    let request = api::ExhibitsRequest { format: a.format };
    match api::exhibits(&a.case, &request)? {
        api::ExhibitsOutput::List(list) => print(a.json || json_format, &list, || {
            list.iter()
                .map(|x| {
                    format!(
                        "{}  {}–{}  doc {}  {}{}\n",
                        x.number,
                        x.bates_begin,
                        x.bates_end,
                        x.doc,
                        x.title.as_deref().unwrap_or("(untitled)"),
                        if x.withdrawn_at.is_some() {
                            "  WITHDRAWN"
                        } else {
                            ""
                        }
                    )
                })
                .collect()
        }),
        api::ExhibitsOutput::Export(x) => emit(a.json, &x, a.output),
    }
}

/// Arguments of `dossier note`.
#[derive(Args)]
pub struct NoteArgs {
    /// The case folder.
    case: PathBuf,
    /// The document.
    doc: i64,
    /// The words the note is attached to.
    #[arg(long)]
    quote: String,
    /// The note.
    #[arg(long)]
    text: String,
    /// The page.
    #[arg(long)]
    page: Option<u32>,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// `dossier note CASE DOC --quote Q --text T`.
pub fn note(a: NoteArgs) -> Result<Outcome, ApiError> {
    let request = api::NoteRequest {
        doc: a.doc,
        page: a.page,
        quote: a.quote,
        text: a.text,
    };
    let n = api::note(&a.case, &request)?;
    print(a.json, &n, || {
        format!("note {} on document {}\n", n.id, n.doc)
    })
}

/// Arguments of `dossier notes`.
#[derive(Args)]
pub struct NotesArgs {
    /// The case folder.
    case: PathBuf,
    /// Only notes on this document.
    doc: Option<i64>,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// `dossier notes CASE [DOC]`.
pub fn notes(a: NotesArgs) -> Result<Outcome, ApiError> {
    let list = api::notes(&a.case, &api::NotesRequest { doc: a.doc })?;
    print(a.json, &list, || {
        list.iter()
            .map(|n| {
                let flag = if n.verified { "" } else { "  DOES NOT VERIFY" };
                format!(
                    "note {} doc {} \u{201C}{}\u{201D}: {}{flag}\n",
                    n.id, n.doc, n.quote, n.text
                )
            })
            .collect()
    })
}

/// Arguments of `dossier suggest`.
#[derive(Args)]
pub struct SuggestArgs {
    /// The case folder.
    case: PathBuf,
    /// Accept this suggestion into the chronology (repeatable; keys as listed).
    #[arg(long)]
    accept: Vec<String>,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// `dossier suggest CASE [--accept KEY]...`.
pub fn suggest(a: SuggestArgs) -> Result<Outcome, ApiError> {
    let out = api::suggest(&a.case, &api::SuggestRequest { accept: a.accept })?;
    print(a.json, &out, || match &out {
        api::SuggestOutput::Candidates(list) => list
            .iter()
            .map(|s| format!("{:<28} {:<36} {}\n", s.key, s.date, s.title))
            .collect(),
        api::SuggestOutput::Accepted(list) => list
            .iter()
            .map(|a| format!("accepted {} as event {}\n", a.key, a.event))
            .collect(),
    })
}
