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
    Add(RequestArgs<api::EventAdd>),
    /// Change some fields of an event.
    Edit(RequestArgs<api::EventChange>),
    /// Delete an event (kept in the case; `event undo` restores it).
    Delete(RequestArgs<api::EventRef>),
    /// Undo the latest change to an event, as a new change in the audit log.
    Undo(RequestArgs<api::EventRef>),
    /// Import events from a CSV file (columns date, title or fact, end, description,
    /// status, issues, actors, tags).
    Import(RequestArgs<api::EventImport>),
    /// Withdraw a citation (kept in the case and the audit log; `event reinstate` undoes it).
    Withdraw(RequestArgs<api::CitationRef>),
    /// Reinstate a withdrawn citation.
    Reinstate(RequestArgs<api::CitationRef>),
    /// Say how a date would be read, without saving anything.
    ReadDate(RequestArgs<api::DateDraft>),
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
        EventAction::Add(a) => (a.case, a.json, api::EventRequest::Add(a.request)),
        EventAction::Edit(a) => (a.case, a.json, api::EventRequest::Edit(a.request)),
        EventAction::Delete(a) => (a.case, a.json, api::EventRequest::Delete(a.request)),
        EventAction::Undo(a) => (a.case, a.json, api::EventRequest::Undo(a.request)),
        EventAction::Import(a) => (a.case, a.json, api::EventRequest::Import(a.request)),
        EventAction::Withdraw(a) => (a.case, a.json, api::EventRequest::Withdraw(a.request)),
        EventAction::Reinstate(a) => (a.case, a.json, api::EventRequest::Reinstate(a.request)),
        EventAction::ReadDate(a) => (a.case, a.json, api::EventRequest::ReadDate(a.request)),
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
    /// The document, then the tags (with --event, --docs or --query, only tags).
    #[arg(required = true)]
    items: Vec<String>,
    /// Tag this event instead of a document.
    #[arg(long, conflicts_with_all = ["docs", "query"])]
    event: Option<i64>,
    /// Tag these documents (`--docs 1,2,3`), as one edit that one undo reverts.
    #[arg(long, value_delimiter = ',', conflicts_with = "query")]
    docs: Vec<i64>,
    /// Tag every document this search finds (all of them), as one edit.
    #[arg(long)]
    query: Option<String>,
    /// Remove the tags instead of adding them.
    #[arg(long)]
    remove: bool,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// `dossier tag CASE DOC TAG...` or `dossier tag CASE --event E TAG...`.
pub fn tag(a: TagArgs) -> Result<Outcome, ApiError> {
    let many = !a.docs.is_empty() || a.query.is_some();
    let (doc, tags) = match a.event {
        Some(_) => (None, a.items),
        None if many => (None, a.items),
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
            docs: a.docs,
            query: a.query,
            matching: None,
            search: None,
        },
    )?;
    print(a.json, &out, || {
        if many {
            let (verb, tags) = if a.remove {
                ("untagged", &out.removed)
            } else {
                ("tagged", &out.added)
            };
            format!(
                "{verb} {} of {} documents{}\n",
                out.changed,
                out.documents,
                if tags.is_empty() {
                    String::new()
                } else {
                    format!(": {}", tags.join(", "))
                }
            )
        } else {
            format!("tags: {}\n", out.tags.join(", "))
        }
    })
}

/// `dossier exhibit CASE DOC`.
pub fn exhibit(a: RequestArgs<api::ExhibitRequest>) -> Result<Outcome, ApiError> {
    let x = api::exhibit(&a.case, &a.request)?;
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
    #[command(flatten)]
    request: api::ExhibitsRequest,
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
        .request
        .format
        .as_deref()
        .is_some_and(|f| f.eq_ignore_ascii_case("json"));
    match api::exhibits(&a.case, &a.request)? {
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
/// `dossier note CASE DOC --quote Q --text T`.
pub fn note(a: RequestArgs<api::NoteRequest>) -> Result<Outcome, ApiError> {
    let n = api::note(&a.case, &a.request)?;
    print(a.json, &n, || {
        format!("note {} on document {}\n", n.id, n.doc)
    })
}

/// `dossier notes CASE [DOC]`.
pub fn notes(a: RequestArgs<api::NotesRequest>) -> Result<Outcome, ApiError> {
    let list = api::notes(&a.case, &a.request)?;
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

/// `dossier suggest CASE [--accept KEY]...`.
pub fn suggest(a: RequestArgs<api::SuggestRequest>) -> Result<Outcome, ApiError> {
    let out = api::suggest(&a.case, &a.request)?;
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
