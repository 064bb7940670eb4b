//! `timeline`: the chronology in the contract's JSON or an export format, and the
//! re-checking of every citation that `timeline` shows and `verify` reports.
//!
//! Citations are checked live (a quote is compared with the page text the case holds
//! now, at its recorded offsets first), so a citation that no longer verifies shows as
//! such everywhere, and is never dropped.

use std::collections::HashMap;

use dossier_store::{Case, CitationRecord, EventRecord, ExhibitRecord};
use dossier_timeline::exhibits::{ExhibitNumber, bates};
use dossier_timeline::{
    CitationEntry, Entry, FuzzyDate, Precision, Provenance, QuoteSelector, Relation, Status,
    export, quote, timelinejs,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::CaseAt;
use crate::{ApiError, ApiResult, ErrorCode, open_case};

/// A citation as the timeline shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TimelineCitation {
    /// Citation id.
    pub id: i64,
    /// The document.
    pub doc: i64,
    /// The page.
    pub page: Option<u32>,
    /// The quote.
    pub quote: Option<String>,
    /// supports, contradicts or context.
    pub relation: String,
    /// Whether the quote is still in the document as cited.
    pub verified: bool,
    /// Why it no longer verifies.
    pub problem: Option<String>,
    /// The pin cite (exhibit number and Bates number when the document is an exhibit).
    pub pin_cite: String,
    /// Character offsets of the quote in its page.
    pub start: Option<i64>,
    /// End offset.
    pub end: Option<i64>,
    /// SHA-256 of the document version cited.
    pub sha256: String,
    /// Where a cited web capture came from (address, capture time, WARC record, digest,
    /// trusted timestamp), in words; null for other documents.
    pub provenance: Option<String>,
}

/// An event as the timeline shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TimelineEvent {
    /// Event id.
    pub id: i64,
    /// The date: ISO 8601 at its precision, or `before D`, `after D`, `between D and D`.
    pub date: String,
    /// The end of a range.
    pub end: Option<String>,
    /// The date in words.
    pub display_date: String,
    /// The days the date covers, as the timeline crate reads it, so no client re-parses
    /// the text.
    pub span: EventSpan,
    /// What happened.
    pub title: String,
    /// More about it.
    pub description: Option<String>,
    /// The status it shows (`prospective` while it has no citation).
    pub status: String,
    /// The status it was given.
    pub requested_status: String,
    /// Legal issues.
    pub issues: Vec<String>,
    /// Who took part.
    pub actors: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Whether it was deleted (only `event` shows deleted events).
    pub deleted: bool,
    /// Its citations.
    pub citations: Vec<TimelineCitation>,
}

/// How an event's date bounds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SpanKind {
    /// On a day, in a month or in a year.
    On,
    /// From one date to another.
    Range,
    /// Before a date: open to the left.
    Before,
    /// After a date: open to the right.
    After,
    /// Somewhere between two dates.
    Between,
}

/// How much of an event's date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SpanPrecision {
    /// Only the year.
    Year,
    /// The year and month.
    Month,
    /// The day (a time of day counts as a day).
    Day,
    /// A stretch written some other way (`Q3 2024`, `early 2024`, `mid-March 2024`,
    /// `summer 2024`, `2010s`): the first and last day say how long.
    Period,
}

/// The days an event's date covers (see `FuzzyDate::covered_days`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct EventSpan {
    /// How the date bounds the event.
    pub kind: SpanKind,
    /// The first day it may fall on (`YYYY-MM-DD`); null for `before`, which is open.
    pub first_day: Option<String>,
    /// The last day it may fall on; null for `after`, which is open.
    pub last_day: Option<String>,
    /// How much of the date written first is known.
    pub precision: SpanPrecision,
}

impl EventSpan {
    pub(crate) fn of(date: &FuzzyDate) -> EventSpan {
        let kind = match date {
            FuzzyDate::On(_) => SpanKind::On,
            FuzzyDate::Range(..) => SpanKind::Range,
            // A range open at one end is drawn as open on that side.
            FuzzyDate::Before(_) | FuzzyDate::Until(_) => SpanKind::Before,
            FuzzyDate::After(_) | FuzzyDate::Since(_) => SpanKind::After,
            FuzzyDate::Between(..) => SpanKind::Between,
        };
        let precision = match date.start().precision() {
            Precision::Year => SpanPrecision::Year,
            Precision::Month => SpanPrecision::Month,
            Precision::Day | Precision::Time => SpanPrecision::Day,
            _ => SpanPrecision::Period,
        };
        let iso = |(y, m, d): (i32, u8, u8)| format!("{y:04}-{m:02}-{d:02}");
        let (first, last) = date.covered_days();
        EventSpan {
            kind,
            first_day: first.map(iso),
            last_day: last.map(iso),
            precision,
        }
    }
}

/// Re-checks one citation against the text the case now holds for its page.
pub(crate) fn check_citation(c: &CitationRecord, text: Option<&str>) -> Result<(), String> {
    if c.sha256 != c.document_sha256 {
        return Err(format!(
            "document {} now holds original {}, not {} which the citation was made against",
            c.document, c.document_sha256, c.sha256
        ));
    }
    let Some(span) = &c.span else {
        return Ok(());
    };
    let place = match c.page {
        Some(n) => format!("page {n} of document {}", c.document),
        None => format!("document {}", c.document),
    };
    let Some(text) = text else {
        return Err(format!("{place} has no text any more"));
    };
    let recorded = QuoteSelector {
        exact: span.exact.clone(),
        prefix: span.prefix.clone(),
        suffix: span.suffix.clone(),
        start: usize::try_from(span.start).unwrap_or_default(),
        end: usize::try_from(span.end).unwrap_or_default(),
    };
    quote::reverify(text, &span.quote, &recorded)
        .map(|_| ())
        .map_err(|e| format!("the quote {:?} is no longer on {place}: {e}", span.quote))
}

/// A citation and the outcome of its check (`Err` says why it no longer verifies).
pub(crate) type Checked = (CitationRecord, Result<(), String>);

/// Every citation with the outcome of its check, in id order.
pub(crate) fn check_all(case: &Case) -> ApiResult<Vec<Checked>> {
    let texts = case.cited_texts()?;
    Ok(case
        .citations()?
        .into_iter()
        .map(|c| {
            let text = texts.get(&(c.document, c.page)).or_else(|| {
                texts
                    .get(&(c.document, None))
                    .filter(|_| c.page.is_none_or(|p| p == 1))
            });
            let outcome = check_citation(&c, text.map(String::as_str));
            (c, outcome)
        })
        .collect())
}

struct Exhibits(HashMap<i64, ExhibitRecord>);

impl Exhibits {
    /// The standing exhibit of each document: a withdrawn number is never cited.
    fn load(case: &Case) -> ApiResult<Exhibits> {
        Ok(Exhibits(
            case.exhibits()?
                .into_iter()
                .filter(|x| x.withdrawn_at.is_none())
                .map(|x| (x.document, x))
                .collect(),
        ))
    }

    fn number(&self, doc: i64) -> Option<String> {
        self.0.get(&doc).map(|x| {
            ExhibitNumber {
                prefix: x.prefix.clone(),
                n: x.n,
            }
            .to_string()
        })
    }

    fn bates(&self, doc: i64, page: Option<u32>) -> Option<String> {
        self.0.get(&doc).map(|x| {
            let n =
                (x.bates_first + u64::from(page.unwrap_or(1)).saturating_sub(1)).min(x.bates_last);
            bates(&x.bates_prefix, n)
        })
    }
}

fn bad_record(e: String) -> ApiError {
    ApiError::new(
        ErrorCode::Database,
        format!("the case holds a value this Dossier cannot read: {e}"),
    )
}

/// An event with its checked citations, as both the JSON and the exports need it.
struct Loaded {
    view: TimelineEvent,
    entry: Entry,
}

fn build(
    e: &EventRecord,
    citations: &[&Checked],
    titles: &HashMap<i64, Cited>,
    exhibits: &Exhibits,
) -> ApiResult<Loaded> {
    let date = FuzzyDate::parse(&e.state.date).map_err(|x| bad_record(x.to_string()))?;
    let requested: Status = e.state.status.parse().map_err(bad_record)?;
    let status = Status::effective(requested, citations.len());
    let mut entries = Vec::new();
    let mut views = Vec::new();
    for (c, outcome) in citations.iter().map(|p| (&p.0, &p.1)) {
        let relation: Relation = c.relation.parse().map_err(bad_record)?;
        let entry = CitationEntry {
            id: c.id,
            doc: c.document,
            doc_title: titles.get(&c.document).and_then(|d| d.title.clone()),
            exhibit: exhibits.number(c.document),
            bates: exhibits.bates(c.document, c.page),
            page: c.page,
            quote: c.span.as_ref().map(|s| s.quote.clone()),
            relation,
            verified: outcome.is_ok(),
            provenance: titles.get(&c.document).and_then(|d| d.provenance.clone()),
        };
        views.push(TimelineCitation {
            id: c.id,
            doc: c.document,
            page: c.page,
            quote: entry.quote.clone(),
            relation: c.relation.clone(),
            verified: outcome.is_ok(),
            problem: outcome.as_ref().err().cloned(),
            pin_cite: entry.pin_cite(),
            start: c.span.as_ref().map(|s| s.start),
            end: c.span.as_ref().map(|s| s.end),
            sha256: c.sha256.clone(),
            provenance: entry.provenance.as_ref().map(Provenance::describe),
        });
        entries.push(entry);
    }
    let (d, end) = date.date_and_end();
    Ok(Loaded {
        view: TimelineEvent {
            id: e.id,
            date: d,
            end,
            display_date: date.human(),
            span: EventSpan::of(&date),
            title: e.state.title.clone(),
            description: e.state.description.clone(),
            status: status.as_str().to_owned(),
            requested_status: requested.as_str().to_owned(),
            issues: e.state.issues.clone(),
            actors: e.state.actors.clone(),
            tags: e.state.tags.clone(),
            deleted: e.state.deleted,
            citations: views,
        },
        entry: Entry {
            id: e.id,
            date,
            title: e.state.title.clone(),
            description: e.state.description.clone(),
            status,
            issues: e.state.issues.clone(),
            actors: e.state.actors.clone(),
            tags: e.state.tags.clone(),
            citations: entries,
        },
    })
}

/// What a report says about a cited document beside its pin cite.
#[derive(Default)]
struct Cited {
    title: Option<String>,
    provenance: Option<Provenance>,
}

/// The titles (and, for web captures, provenance) of the documents these citations cite:
/// only those, since a case may hold hundreds of thousands of documents and the chronology
/// cites a few (reading every document's row made `timeline` take 1.3 s at 302,000
/// documents).
fn document_titles<'a>(
    case: &Case,
    cited: impl IntoIterator<Item = &'a CitationRecord>,
) -> ApiResult<HashMap<i64, Cited>> {
    let mut titles = HashMap::new();
    for citation in cited {
        if let std::collections::hash_map::Entry::Vacant(slot) = titles.entry(citation.document) {
            match case.document(citation.document) {
                Ok(record) => {
                    let provenance = capture_provenance(case, &record)?;
                    slot.insert(Cited {
                        title: record.summary.title,
                        provenance,
                    });
                }
                Err(dossier_store::StoreError::DocumentNotFound(_)) => {
                    slot.insert(Cited::default());
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(titles)
}

/// A web capture's provenance from its `warc.*` metadata and its trusted timestamps; `None`
/// for a document that is not a capture out of a web archive.
fn capture_provenance(
    case: &Case,
    record: &dossier_store::DocumentRecord,
) -> ApiResult<Option<Provenance>> {
    let meta = &record.meta;
    if !meta.contains_key("warc.record_id") && !meta.contains_key("warc.type") {
        return Ok(None);
    }
    let stamps = crate::timestamp::timestamps_covering(case, record.summary.id)?;
    let of = |doc: i64| {
        if doc == record.summary.id {
            String::new()
        } else {
            format!(" (its archive, document {doc})")
        }
    };
    let timestamp = match stamps.iter().find(|s| s.gen_time.is_some()) {
        Some(t) => Some(format!(
            "timestamped by {} at {}{}",
            t.tsa.as_deref().unwrap_or("an unnamed authority"),
            t.gen_time.as_deref().unwrap_or_default(),
            of(t.doc)
        )),
        None => stamps.first().map(|s| {
            format!(
                "trusted timestamp requested at {}{}, not yet imported",
                s.requested_at,
                of(s.doc)
            )
        }),
    };
    Ok(Some(Provenance {
        url: record.source_url.clone(),
        captured_at: record
            .captured_at
            .clone()
            .or_else(|| meta.get("warc.date").cloned()),
        record_id: meta.get("warc.record_id").cloned(),
        digest: meta
            .get("warc.payload_digest")
            .or_else(|| meta.get("warc.block_digest"))
            .cloned()
            .or_else(|| meta.get("warc.block_sha256").map(|d| format!("sha256:{d}"))),
        digest_check: meta.get("warc.digest_check").cloned(),
        timestamp,
    }))
}

/// The whole chronology in date order (events not deleted).
fn load_all(case: &Case) -> ApiResult<Vec<Loaded>> {
    let checked = check_all(case)?;
    let mut by_event: HashMap<i64, Vec<&Checked>> = HashMap::new();
    for pair in &checked {
        by_event.entry(pair.0.event).or_default().push(pair);
    }
    let titles = document_titles(case, checked.iter().map(|(c, _)| c))?;
    let exhibits = Exhibits::load(case)?;
    let mut all = case
        .events()?
        .iter()
        .map(|e| {
            build(
                e,
                by_event.get(&e.id).map_or(&[][..], Vec::as_slice),
                &titles,
                &exhibits,
            )
        })
        .collect::<ApiResult<Vec<_>>>()?;
    all.sort_by(|a, b| {
        a.entry
            .date
            .cmp(&b.entry.date)
            .then(a.entry.id.cmp(&b.entry.id))
    });
    Ok(all)
}

/// One event with its checked citations, deleted or not.
pub(crate) fn load_event(case: &Case, id: i64) -> ApiResult<TimelineEvent> {
    let e = case.event(id)?;
    let texts = case.cited_texts()?;
    let checked: Vec<Checked> = case
        .citations()?
        .into_iter()
        .filter(|c| c.event == id)
        .map(|c| {
            let text = texts
                .get(&(c.document, c.page))
                .or_else(|| texts.get(&(c.document, None)));
            let outcome = check_citation(&c, text.map(String::as_str));
            (c, outcome)
        })
        .collect();
    let refs: Vec<_> = checked.iter().collect();
    let titles = document_titles(case, checked.iter().map(|(c, _)| c))?;
    Ok(build(&e, &refs, &titles, &Exhibits::load(case)?)?.view)
}

/// `timeline` arguments.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct TimelineRequest {
    /// json, csv, markdown, html, timelinejs or timelinejs-csv.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub format: Option<String>,
    /// Only events bearing on this issue (blanks around it and case ignored, as for all
    /// three).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub issue: Option<String>,
    /// Only events with this status.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub status: Option<String>,
    /// Only events bearing this tag.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub tag: Option<String>,
    /// Only events whose title, description, actors, issues, tags or quotes hold every
    /// word of this text (case ignored).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub text: Option<String>,
    /// Only events that may fall on or after the first day of this date (any form a date
    /// is written in: `2024-08`, `Q3 2024`).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub from: Option<String>,
    /// Only events that may fall on or before the last day of this date.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub to: Option<String>,
}

/// Whether an entry holds every word of `text` in its title, description, actors, issues,
/// tags or quotes (case ignored).
fn text_matches(e: &Entry, text: &str) -> bool {
    let mut haystack = format!(
        "{} {}",
        e.title,
        e.description.as_deref().unwrap_or_default()
    );
    for list in [&e.actors, &e.issues, &e.tags] {
        for item in list {
            haystack.push(' ');
            haystack += item;
        }
    }
    for c in &e.citations {
        if let Some(q) = &c.quote {
            haystack.push(' ');
            haystack += q;
        }
    }
    let haystack = haystack.to_lowercase();
    text.split_whitespace()
        .all(|w| haystack.contains(&w.to_lowercase()))
}

/// The first (`from`) or last (`to`) day of a date-range filter's bound, as `(y, m, d)`.
fn bound_day(
    bound: Option<&str>,
    which: &str,
    last: bool,
) -> ApiResult<Option<dossier_timeline::date::Day>> {
    let Some(b) = bound.map(str::trim).filter(|b| !b.is_empty()) else {
        return Ok(None);
    };
    let d = dossier_timeline::PartialDate::parse(b)
        .map_err(|e| ApiError::new(ErrorCode::InvalidInput, format!("--{which}: {e}")))?;
    Ok(Some(if last { d.last_day() } else { d.first_day() }))
}

/// Whether a timeline filter's `wanted` value names `label` (an issue, a status or a tag).
///
/// The one rule every filter of the chronology follows, so the list the timeline shows and the
/// file it exports hold the same events: surrounding blanks are ignored and case is ignored for
/// every letter, not only ASCII ("über-tracking" finds "Über-tracking"), by comparing the
/// `to_lowercase` forms.
pub fn filter_matches(label: &str, wanted: &str) -> bool {
    label.trim().to_lowercase() == wanted.trim().to_lowercase()
}

/// An export: its format and its content, ready to write to a file.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Export {
    /// The format asked for.
    pub format: String,
    /// Its media type.
    pub media_type: String,
    /// The file's content.
    pub content: String,
}

/// `timeline` output: the events (json), or an export.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(untagged)]
pub enum TimelineOutput {
    /// The contract's JSON.
    Events(Vec<TimelineEvent>),
    /// Any other format.
    Export(Export),
}

/// The chronology, filtered, as JSON or an export.
pub fn timeline(
    path: &(impl CaseAt + ?Sized),
    request: &TimelineRequest,
) -> ApiResult<TimelineOutput> {
    let case = open_case(path)?;
    // A misspelt status is an error rather than an empty list; the match itself is the same as
    // for issues and tags.
    if let Some(status) = &request.status {
        status
            .parse::<Status>()
            .map_err(|e: String| ApiError::new(ErrorCode::InvalidInput, e))?;
    }
    let passes = |filter: &Option<String>, labels: &[&str]| {
        filter
            .as_deref()
            .is_none_or(|wanted| labels.iter().any(|label| filter_matches(label, wanted)))
    };
    let from = bound_day(request.from.as_deref(), "from", false)?;
    let to = bound_day(request.to.as_deref(), "to", true)?;
    let all: Vec<Loaded> = load_all(&case)?
        .into_iter()
        .filter(|l| {
            let issues: Vec<&str> = l.entry.issues.iter().map(String::as_str).collect();
            let tags: Vec<&str> = l.entry.tags.iter().map(String::as_str).collect();
            // An event passes a date range when the days it may fall on meet the range.
            let (first, last) = l.entry.date.covered_days();
            let in_range = from.is_none_or(|f| last.is_none_or(|l| l >= f))
                && to.is_none_or(|t| first.is_none_or(|f| f <= t));
            passes(&request.status, &[l.entry.status.as_str()])
                && passes(&request.issue, &issues)
                && passes(&request.tag, &tags)
                && request
                    .text
                    .as_deref()
                    .is_none_or(|t| text_matches(&l.entry, t))
                && in_range
        })
        .collect();
    let format = request
        .format
        .as_deref()
        .unwrap_or("json")
        .to_ascii_lowercase();
    let entries: Vec<Entry> = all.iter().map(|l| l.entry.clone()).collect();
    let name = case.name()?;
    let (media_type, content) = match format.as_str() {
        "json" => {
            return Ok(TimelineOutput::Events(
                all.into_iter().map(|l| l.view).collect(),
            ));
        }
        "csv" => ("text/csv", export::chronology_csv(&entries)),
        "markdown" | "md" => ("text/markdown", export::markdown(&name, &entries)),
        "html" => ("text/html", export::html(&name, &entries)),
        "timelinejs" => (
            "application/json",
            serde_json::to_string_pretty(&timelinejs::json(&name, &entries))
                .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?
                + "\n",
        ),
        "timelinejs-csv" | "timelinejs_csv" => ("text/csv", timelinejs::sheet_csv(&name, &entries)),
        other => {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!(
                    "unknown timeline format {other:?}; use json, csv, markdown, html, timelinejs or timelinejs-csv"
                ),
            ));
        }
    };
    Ok(TimelineOutput::Export(Export {
        format,
        media_type: media_type.to_owned(),
        content,
    }))
}
