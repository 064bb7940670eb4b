//! Tags, exhibits and notes: `tag` (add or remove), `exhibit` (number or withdraw),
//! `exhibits` (JSON, CSV, Concordance DAT), `note`, `notes` and `note_delete`. Each change
//! is an edit that `undo` can revert.

use std::collections::BTreeMap;

use dossier_store::{ExhibitRecord, NewExhibit, NoteRecord, SpanRecord};
use dossier_timeline::exhibits::{self, ExhibitNumber, ExhibitRow, bates};
use dossier_timeline::{Hint, QuoteSelector, quote};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::CaseAt;
use crate::chronology::find_quote;
use crate::timeline::Export;
use crate::{ApiError, ApiResult, ErrorCode, open_case};

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, message)
}

/// `tag` arguments: a document or an event, and tags to add (or remove).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TagRequest {
    /// The document to tag.
    #[serde(default)]
    #[ts(optional)]
    pub doc: Option<i64>,
    /// Or the event to tag.
    #[serde(default)]
    #[ts(optional)]
    pub event: Option<i64>,
    /// Or many documents at once, as one edit that one undo reverts.
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    pub docs: Vec<i64>,
    /// Or every document this search finds (all of them, not a page), as one edit.
    #[serde(default)]
    #[ts(optional)]
    pub query: Option<String>,
    /// Or every document the document table's filters match, as one edit.
    #[serde(default)]
    #[ts(optional)]
    pub matching: Option<crate::DocsRequest>,
    /// Or every document this search finds, its filters applied (kind, tag, custodian,
    /// dates, saved searches; its order and paging are ignored): "select all" in results
    /// narrowed by a facet.
    #[serde(default)]
    #[ts(optional)]
    pub search: Option<Box<crate::SearchRequest>>,
    /// Tags to add (to remove, with `remove`).
    pub tags: Vec<String>,
    /// Remove the tags instead of adding them.
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    pub remove: bool,
}

/// `tag` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TagOutput {
    /// Tags it did not have before.
    pub added: Vec<String>,
    /// Tags it had and no longer has.
    pub removed: Vec<String>,
    /// All its tags now (one document or event; empty for many documents).
    pub tags: Vec<String>,
    /// How many documents were selected (1 for one document, 0 for an event).
    pub documents: u64,
    /// How many of them changed.
    pub changed: u64,
}

/// Tags a document or an event, or removes tags from it. A tag it already has (or, when
/// removing, does not have) is passed over; when nothing changes, nothing is recorded.
pub fn tag(path: &(impl CaseAt + ?Sized), request: &TagRequest) -> ApiResult<TagOutput> {
    let mut case = open_case(path)?;
    if request.tags.iter().all(|t| t.trim().is_empty()) {
        return Err(invalid("no tag given"));
    }
    let given: Vec<&str> = request
        .tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let selection = crate::review::Selection {
        docs: &request.docs,
        query: request.query.as_deref(),
        search: request.search.as_deref(),
        matching: request.matching.as_ref(),
    };
    let many = selection.is_given();
    match (request.doc, request.event) {
        (None, None) if many => {
            let ids = selection.documents(path)?;
            let change = case.begin_change()?;
            let (mut added, mut removed, mut changed) = (Vec::new(), Vec::new(), 0);
            for &id in &ids {
                let (a, r) = if request.remove {
                    (Vec::new(), change.untag_document(id, &request.tags)?)
                } else {
                    (change.tag_document(id, &request.tags)?, Vec::new())
                };
                if !a.is_empty() || !r.is_empty() {
                    changed += 1;
                }
                added.extend(a);
                removed.extend(r);
            }
            // Tags are not in the search index (searches read them from the case): there is
            // nothing to re-index, whatever the number of documents.
            change.commit()?;
            for list in [&mut added, &mut removed] {
                list.sort();
                list.dedup();
            }
            Ok(TagOutput {
                added,
                removed,
                tags: Vec::new(),
                documents: ids.len() as u64,
                changed,
            })
        }
        (Some(doc), None) if !many => {
            case.document(doc)?;
            let change = case.begin_change()?;
            let (added, removed) = if request.remove {
                (Vec::new(), change.untag_document(doc, &request.tags)?)
            } else {
                (change.tag_document(doc, &request.tags)?, Vec::new())
            };
            change.commit()?;
            Ok(TagOutput {
                changed: u64::from(!added.is_empty() || !removed.is_empty()),
                added,
                removed,
                tags: case.document_tags(doc)?,
                documents: 1,
            })
        }
        (None, Some(event)) if !many => {
            let before = case.event(event)?.state.tags;
            let mut tags = before.clone();
            if request.remove {
                tags.retain(|t| !given.contains(&t.as_str()));
            } else {
                for t in &given {
                    if !tags.iter().any(|x| x == t) {
                        tags.push((*t).to_owned());
                    }
                }
            }
            let added: Vec<String> = tags
                .iter()
                .filter(|t| !before.contains(t))
                .cloned()
                .collect();
            let removed: Vec<String> = before
                .iter()
                .filter(|t| !tags.contains(t))
                .cloned()
                .collect();
            if !added.is_empty() || !removed.is_empty() {
                let change = case.begin_change()?;
                change.edit_event(
                    event,
                    &dossier_store::EventEdit {
                        tags: Some(tags),
                        ..Default::default()
                    },
                )?;
                change.commit()?;
            }
            Ok(TagOutput {
                changed: 0,
                documents: 0,
                added,
                removed,
                tags: case.event(event)?.state.tags,
            })
        }
        _ => Err(invalid(
            "tag either a document (doc), documents (docs or query) or an event (event)",
        )),
    }
}

/// `exhibit` arguments.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct ExhibitRequest {
    /// The document.
    pub doc: i64,
    /// The exhibit number (e.g. PX-0007); the next free one of the prefix without it.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub number: Option<String>,
    /// Number prefix when no number is given (default PX).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub prefix: Option<String>,
    /// Bates prefix (default DOSS).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub bates_prefix: Option<String>,
    /// Designation (who offers it, for what).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub designation: Option<String>,
    /// Withdraw the document's exhibit: it keeps its number and Bates range (never reused)
    /// and is listed as withdrawn.
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    #[cfg_attr(
        feature = "cli",
        arg(long, conflicts_with_all = ["number", "prefix", "bates_prefix", "designation"])
    )]
    pub withdraw: bool,
}

/// An exhibit as listed.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExhibitView {
    /// `PX-0001`.
    pub number: String,
    /// The document.
    pub doc: i64,
    /// First Bates number.
    pub bates_begin: String,
    /// Last Bates number.
    pub bates_end: String,
    /// Pages stamped.
    pub pages: u64,
    /// Its title.
    pub title: Option<String>,
    /// Its own date.
    pub date: Option<String>,
    /// SHA-256 of its original.
    pub sha256: String,
    /// Designation.
    pub designation: Option<String>,
    /// Events it supports: `id: title`.
    pub events: Vec<String>,
    /// When it was withdrawn (`null` while it stands). A withdrawn exhibit stays in the
    /// JSON list and the CSV list (with the day it was withdrawn) so the gap in the
    /// numbering is explained; the DAT load file holds standing exhibits only.
    pub withdrawn_at: Option<String>,
}

fn view(x: &ExhibitRecord, events: Vec<String>) -> ExhibitView {
    ExhibitView {
        number: ExhibitNumber {
            prefix: x.prefix.clone(),
            n: x.n,
        }
        .to_string(),
        doc: x.document,
        bates_begin: bates(&x.bates_prefix, x.bates_first),
        bates_end: bates(&x.bates_prefix, x.bates_last),
        pages: x.bates_last - x.bates_first + 1,
        title: x.title.clone(),
        date: x.date.clone(),
        sha256: x.sha256.clone(),
        designation: x.designation.clone(),
        events,
        withdrawn_at: x.withdrawn_at.clone(),
    }
}

fn prefix_of(s: Option<&str>, default: &str, what: &str) -> ApiResult<String> {
    let p = s
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .unwrap_or(default);
    if p.len() > 12 || !p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(invalid(format!("{what} {p:?} must be letters and digits")));
    }
    Ok(p.to_ascii_uppercase())
}

/// Makes a document an exhibit: a number and a Bates range over its pages.
pub fn exhibit(path: &(impl CaseAt + ?Sized), request: &ExhibitRequest) -> ApiResult<ExhibitView> {
    let mut case = open_case(path)?;
    if request.withdraw {
        case.document(request.doc)?;
        let standing = case.standing_exhibit(request.doc)?.ok_or_else(|| {
            invalid(format!(
                "document {} is not an exhibit; nothing to withdraw",
                request.doc
            ))
        })?;
        let change = case.begin_change()?;
        let record = change.withdraw_exhibit(standing.id)?;
        change.commit()?;
        return Ok(view(&record, Vec::new()));
    }
    let (prefix, n) = match request.number.as_deref() {
        Some(s) => {
            let n = ExhibitNumber::parse(s).map_err(invalid)?;
            (n.prefix, Some(n.n))
        }
        None => (
            prefix_of(
                request.prefix.as_deref(),
                exhibits::DEFAULT_PREFIX,
                "prefix",
            )?,
            None,
        ),
    };
    let change = case.begin_change()?;
    let record = change.add_exhibit(&NewExhibit {
        document: request.doc,
        prefix,
        n,
        bates_prefix: prefix_of(
            request.bates_prefix.as_deref(),
            exhibits::DEFAULT_BATES_PREFIX,
            "Bates prefix",
        )?,
        designation: request.designation.clone().filter(|d| !d.trim().is_empty()),
    })?;
    change.commit()?;
    let events = supported_events(&case)?
        .remove(&record.document)
        .unwrap_or_default();
    Ok(view(&record, events))
}

/// `exhibit` over many documents at once (`docs`, `query` or `matching` instead of `doc`):
/// each gets the next free number of the prefix, in id order, as one edit that one undo
/// reverts.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ExhibitManyRequest {
    /// The documents, by id.
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    pub docs: Vec<i64>,
    /// Or every document this search finds.
    #[serde(default)]
    #[ts(optional)]
    pub query: Option<String>,
    /// Or every document the document table's filters match.
    #[serde(default)]
    #[ts(optional)]
    pub matching: Option<crate::DocsRequest>,
    /// Or every document this search finds, its filters applied (kind, tag, custodian,
    /// dates, saved searches; its order and paging are ignored): "select all" in results
    /// narrowed by a facet.
    #[serde(default)]
    #[ts(optional)]
    pub search: Option<Box<crate::SearchRequest>>,
    /// Number prefix (default PX).
    #[serde(default)]
    #[ts(optional)]
    pub prefix: Option<String>,
    /// Bates prefix (default DOSS).
    #[serde(default)]
    #[ts(optional)]
    pub bates_prefix: Option<String>,
    /// Designation given to each.
    #[serde(default)]
    #[ts(optional)]
    pub designation: Option<String>,
}

/// What `exhibit` over many documents did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExhibitManyOutput {
    /// How many documents were selected.
    pub documents: u64,
    /// The exhibits made, in id order.
    pub made: Vec<ExhibitView>,
    /// Documents passed over because they are exhibits already.
    pub already: Vec<i64>,
}

/// Makes every selected document that is not one yet an exhibit, as one edit.
pub fn exhibit_many(
    path: &(impl CaseAt + ?Sized),
    request: &ExhibitManyRequest,
) -> ApiResult<ExhibitManyOutput> {
    let ids = crate::review::Selection {
        docs: &request.docs,
        query: request.query.as_deref(),
        search: request.search.as_deref(),
        matching: request.matching.as_ref(),
    }
    .documents(path)?;
    let prefix = prefix_of(
        request.prefix.as_deref(),
        exhibits::DEFAULT_PREFIX,
        "prefix",
    )?;
    let bates_prefix = prefix_of(
        request.bates_prefix.as_deref(),
        exhibits::DEFAULT_BATES_PREFIX,
        "Bates prefix",
    )?;
    let designation = request.designation.clone().filter(|d| !d.trim().is_empty());
    let mut case = open_case(path)?;
    let mut already = Vec::new();
    let mut fresh = Vec::new();
    for &id in &ids {
        if case.standing_exhibit(id)?.is_some() {
            already.push(id);
        } else {
            fresh.push(id);
        }
    }
    let mut records = Vec::new();
    let change = case.begin_change()?;
    for id in fresh {
        records.push(change.add_exhibit(&NewExhibit {
            document: id,
            prefix: prefix.clone(),
            n: None,
            bates_prefix: bates_prefix.clone(),
            designation: designation.clone(),
        })?);
    }
    change.commit()?;
    let mut events = supported_events(&case)?;
    Ok(ExhibitManyOutput {
        documents: ids.len() as u64,
        made: records
            .iter()
            .map(|x| view(x, events.remove(&x.document).unwrap_or_default()))
            .collect(),
        already,
    })
}

/// For each document, the events (not deleted) that cite it as support.
fn supported_events(case: &dossier_store::Case) -> ApiResult<BTreeMap<i64, Vec<String>>> {
    let titles: BTreeMap<i64, String> = case
        .events()?
        .into_iter()
        .map(|e| (e.id, e.state.title))
        .collect();
    let mut out: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for c in case.citations()? {
        if c.relation != "supports" {
            continue;
        }
        if let Some(t) = titles.get(&c.event) {
            let label = format!("{}: {t}", c.event);
            let list = out.entry(c.document).or_default();
            if !list.contains(&label) {
                list.push(label);
            }
        }
    }
    Ok(out)
}

/// `exhibits` arguments.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct ExhibitsRequest {
    /// json (default), csv or dat (a Concordance load file).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub format: Option<String>,
}

/// `exhibits` output.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(untagged)]
pub enum ExhibitsOutput {
    /// The list as JSON.
    List(Vec<ExhibitView>),
    /// The list as CSV or a DAT load file.
    Export(Export),
}

/// The exhibit list, tied to the events each exhibit supports.
pub fn exhibits(
    path: &(impl CaseAt + ?Sized),
    request: &ExhibitsRequest,
) -> ApiResult<ExhibitsOutput> {
    let case = open_case(path)?;
    let mut events = supported_events(&case)?;
    let views: Vec<ExhibitView> = case
        .exhibits()?
        .iter()
        .map(|x| {
            // The events a document supports belong to its standing exhibit only.
            let supported = match x.withdrawn_at {
                None => events.remove(&x.document).unwrap_or_default(),
                Some(_) => Vec::new(),
            };
            view(x, supported)
        })
        .collect();
    let rows: Vec<ExhibitRow> = views
        .iter()
        .map(|v| ExhibitRow {
            number: v.number.clone(),
            bates_begin: v.bates_begin.clone(),
            bates_end: v.bates_end.clone(),
            pages: v.pages,
            doc: v.doc,
            title: v.title.clone(),
            date: v.date.clone(),
            sha256: v.sha256.clone(),
            designation: v.designation.clone(),
            events: v.events.clone(),
            withdrawn: v.withdrawn_at.clone(),
        })
        .collect();
    let standing: Vec<ExhibitRow> = rows
        .iter()
        .filter(|r| r.withdrawn.is_none())
        .cloned()
        .collect();
    let format = request
        .format
        .as_deref()
        .unwrap_or("json")
        .to_ascii_lowercase();
    let (media_type, content) = match format.as_str() {
        "json" => return Ok(ExhibitsOutput::List(views)),
        "csv" => ("text/csv", exhibits::list_csv(&rows)),
        "dat" => ("application/octet-stream", exhibits::dat(&standing)),
        other => {
            return Err(invalid(format!(
                "unknown exhibit list format {other:?}; use json, csv or dat"
            )));
        }
    };
    Ok(ExhibitsOutput::Export(Export {
        format,
        media_type: media_type.to_owned(),
        content,
    }))
}

/// `note` arguments: a note on the span of a document where a quote is.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct NoteRequest {
    /// The document.
    pub doc: i64,
    /// The words the note is attached to.
    #[cfg_attr(feature = "cli", arg(long))]
    pub quote: String,
    /// The note.
    #[cfg_attr(feature = "cli", arg(long))]
    pub text: String,
    /// The page (searched on every page without it).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub page: Option<u32>,
}

/// A note as listed.
#[derive(Debug, Clone, Serialize, TS)]
pub struct NoteView {
    /// Note id.
    pub id: i64,
    /// The document.
    pub doc: i64,
    /// The page.
    pub page: Option<u32>,
    /// The words annotated.
    pub quote: String,
    /// Character offset of their start.
    pub start: i64,
    /// Just past their end.
    pub end: i64,
    /// The note.
    pub text: String,
    /// Whether the words are still where they were annotated.
    pub verified: bool,
    /// When it was written.
    pub created_at: String,
}

/// Attaches a note to a span of a document.
pub fn note(path: &(impl CaseAt + ?Sized), request: &NoteRequest) -> ApiResult<NoteView> {
    let mut case = open_case(path)?;
    if request.text.trim().is_empty() {
        return Err(invalid("the note is empty"));
    }
    let sha256 = case.document(request.doc)?.summary.sha256;
    let (page, l) = find_quote(
        &case,
        request.doc,
        request.page,
        &request.quote,
        Hint::default(),
    )?;
    let record = NoteRecord {
        id: 0,
        document: request.doc,
        page,
        span: SpanRecord {
            quote: request.quote.trim().to_owned(),
            exact: l.selector.exact,
            prefix: l.selector.prefix,
            suffix: l.selector.suffix,
            start: l.selector.start as i64,
            end: l.selector.end as i64,
        },
        sha256,
        body: request.text.trim().to_owned(),
        created_at: String::new(),
    };
    let change = case.begin_change()?;
    let id = change.add_note(&record)?;
    change.commit()?;
    notes(
        path,
        &NotesRequest {
            doc: Some(request.doc),
        },
    )?
    .into_iter()
    .find(|n| n.id == id)
    .ok_or_else(|| ApiError::new(ErrorCode::Internal, format!("note {id} was not recorded")))
}

/// `notes` arguments.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct NotesRequest {
    /// Only notes on this document.
    #[serde(default)]
    #[ts(optional)]
    pub doc: Option<i64>,
}

/// Notes (deleted ones left out), each re-checked against its document's text.
pub fn notes(path: &(impl CaseAt + ?Sized), request: &NotesRequest) -> ApiResult<Vec<NoteView>> {
    let case = open_case(path)?;
    case.notes(request.doc)?
        .into_iter()
        .map(|n| {
            let verified = check_note(&case, &n)?.is_ok();
            Ok(NoteView {
                id: n.id,
                doc: n.document,
                page: n.page,
                quote: n.span.quote,
                start: n.span.start,
                end: n.span.end,
                text: n.body,
                verified,
                created_at: n.created_at,
            })
        })
        .collect()
}

/// Re-checks a note's anchor like a citation's: the document is still the original it was
/// made on, and its words are still on the page (`Err` says why not).
pub(crate) fn check_note(
    case: &dossier_store::Case,
    n: &NoteRecord,
) -> ApiResult<Result<(), String>> {
    let current = case.document(n.document)?.summary.sha256;
    if current != n.sha256 {
        return Ok(Err(format!(
            "document {} now holds original {current}, not {} which the note was made on",
            n.document, n.sha256
        )));
    }
    let Some(text) = case.cited_text(n.document, n.page)? else {
        let at = n.page.map(|p| format!("page {p} of ")).unwrap_or_default();
        return Ok(Err(format!("{at}document {} has no text now", n.document)));
    };
    let recorded = QuoteSelector {
        exact: n.span.exact.clone(),
        prefix: n.span.prefix.clone(),
        suffix: n.span.suffix.clone(),
        start: usize::try_from(n.span.start).unwrap_or_default(),
        end: usize::try_from(n.span.end).unwrap_or_default(),
    };
    Ok(quote::reverify(&text, &n.span.quote, &recorded)
        .map(drop)
        .map_err(|e| {
            format!(
                "{:?} is no longer where the note was made: {e}",
                n.span.quote
            )
        }))
}

/// `note_delete` arguments.
#[derive(Debug, Clone, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct NoteDeleteRequest {
    /// The note.
    pub note: i64,
}

/// `note_delete` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct NoteDeleteOutput {
    /// The note deleted.
    pub note: i64,
    /// Its document.
    pub doc: i64,
    /// What it said.
    pub text: String,
}

/// Deletes a note: it leaves `notes` and `verify`, stays in the case, and `undo` restores it.
pub fn note_delete(
    path: &(impl CaseAt + ?Sized),
    request: &NoteDeleteRequest,
) -> ApiResult<NoteDeleteOutput> {
    let mut case = open_case(path)?;
    let note = case.notes(None)?.into_iter().find(|n| n.id == request.note);
    let change = case.begin_change()?;
    change.delete_note(request.note)?;
    change.commit()?;
    // The store has refused a note that is missing or already deleted by now.
    let (doc, text) = note.map_or((0, String::new()), |n| (n.document, n.body));
    Ok(NoteDeleteOutput {
        note: request.note,
        doc,
        text,
    })
}

#[cfg(test)]
mod bulk_tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::{DocsRequest, IngestRequest, PathScope, ReviewRequest, UndoRequest, VerifyRequest};

    /// A case of three text files (ids 1, 2, 3) titled by their names.
    fn three_documents(dir: &Path) -> PathBuf {
        let case = dir.join("case");
        crate::init(&case).expect("init");
        let files = dir.join("files");
        std::fs::create_dir_all(&files).expect("mkdir");
        for name in ["budget.txt", "budget-draft.txt", "memo.txt"] {
            std::fs::write(files.join(name), format!("the text of {name}")).expect("write");
        }
        crate::ingest(
            &case,
            &IngestRequest {
                paths: vec![files],
                ..Default::default()
            },
            &PathScope::Anything,
            &|_| {},
        )
        .expect("ingest");
        case
    }

    fn titled(words: &str) -> DocsRequest {
        DocsRequest {
            title: Some(words.into()),
            ..Default::default()
        }
    }

    fn tags_of(case: &Path) -> Vec<(String, u64)> {
        crate::tags(case, &crate::TagsRequest {})
            .expect("tags")
            .into_iter()
            .map(|t| (t.tag, t.documents))
            .collect()
    }

    fn verify_is_clean(case: &Path) {
        let out = crate::verify(case, &VerifyRequest::default(), &|_| {}).expect("verify");
        assert!(out.ok, "verify: {:?}", out.problems);
    }

    #[test]
    fn tagging_all_that_a_table_filter_matches_tags_those_documents_and_one_undo_untags_them() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = three_documents(dir.path());
        let out = tag(
            &case,
            &TagRequest {
                matching: Some(titled("budget")),
                tags: vec!["finance".into()],
                ..Default::default()
            },
        )
        .expect("tag");
        assert_eq!((out.documents, out.changed), (2, 2));
        assert_eq!(tags_of(&case), [("finance".to_string(), 2)]);
        crate::undo(&case, &UndoRequest::default()).expect("undo");
        assert_eq!(tags_of(&case), []);
        verify_is_clean(&case);
    }

    #[test]
    fn a_review_status_given_to_all_that_a_filter_matches_leaves_the_others_unreviewed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = three_documents(dir.path());
        let out = crate::review(
            &case,
            &ReviewRequest {
                status: "second_look".into(),
                matching: Some(titled("memo")),
                ..Default::default()
            },
        )
        .expect("review");
        assert_eq!((out.documents, out.changed), (1, 1));
        let summary = crate::case_summary(&case).expect("summary");
        let counts: Vec<(String, u64)> = summary
            .review
            .into_iter()
            .map(|r| (r.status, r.count))
            .collect();
        assert_eq!(
            counts,
            [
                ("unreviewed".to_string(), 2),
                ("reviewed".to_string(), 0),
                ("second_look".to_string(), 1)
            ]
        );
    }

    #[test]
    fn a_selection_given_two_ways_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = three_documents(dir.path());
        let err = tag(
            &case,
            &TagRequest {
                docs: vec![1],
                matching: Some(titled("memo")),
                tags: vec!["x".into()],
                ..Default::default()
            },
        )
        .expect_err("two selections");
        assert!(err.message.contains("not several"), "{}", err.message);
        assert_eq!(tags_of(&case), []);
    }

    #[test]
    fn making_many_exhibits_numbers_them_in_order_passes_over_standing_ones_and_one_undo_reverts_all()
     {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = three_documents(dir.path());
        exhibit(
            &case,
            &ExhibitRequest {
                doc: 2,
                ..Default::default()
            },
        )
        .expect("one exhibit");
        let out = exhibit_many(
            &case,
            &ExhibitManyRequest {
                docs: vec![3, 1, 2],
                ..Default::default()
            },
        )
        .expect("exhibits");
        assert_eq!(out.documents, 3);
        assert_eq!(out.already, [2]);
        let made: Vec<(i64, &str)> = out
            .made
            .iter()
            .map(|x| (x.doc, x.number.as_str()))
            .collect();
        assert_eq!(made, [(1, "PX-0002"), (3, "PX-0003")]);

        crate::undo(&case, &UndoRequest::default()).expect("undo");
        let ExhibitsOutput::List(left) =
            exhibits(&case, &ExhibitsRequest::default()).expect("exhibits")
        else {
            panic!("a list");
        };
        let standing: Vec<i64> = left
            .iter()
            .filter(|x| x.withdrawn_at.is_none())
            .map(|x| x.doc)
            .collect();
        assert_eq!(
            standing,
            [2],
            "the undo took back both new exhibits, not the old one"
        );
        verify_is_clean(&case);
    }

    #[test]
    fn recent_activity_reads_only_the_newest_audit_rows_oldest_first() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = three_documents(dir.path());
        let all = crate::audit(&case).expect("audit");
        let last = crate::audit_rows(&case, &crate::AuditRequest { last: Some(2) }).expect("audit");
        let seqs: Vec<i64> = last.iter().map(|r| r.seq).collect();
        let expected: Vec<i64> = all[all.len() - 2..].iter().map(|r| r.seq).collect();
        assert_eq!(seqs, expected);
    }
}
