//! Commands that read documents: list them, show one.

use std::collections::BTreeMap;

use dossier_dates::PartialDate;
use dossier_store::{DocumentFilter, ReviewStatus, SortColumn, TableQuery};
use dossier_timeline::exhibits::ExhibitNumber;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::CaseAt;
use crate::{ApiError, ApiResult, ErrorCode, open_case};

/// `dossier docs` filters, and with `limit` a page of the document table.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct DocsRequest {
    /// Only documents of this kind.
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub kind: Option<String>,
    /// Only documents with this tag.
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub tag: Option<String>,
    /// A page of at most this many documents, as `{"total", "offset", "documents"}` with the
    /// table's columns; without it, every document in ingest order as a plain list.
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub limit: Option<u64>,
    /// How many matching documents to skip before the page (with `limit`).
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long, requires = "limit"))]
    pub offset: Option<u64>,
    /// The order: date, kind, title, size, id, from, to, custodian, tags, exhibit or review;
    /// `-date` for newest first (with `limit`; default id, ingest order).
    #[ts(optional)]
    #[cfg_attr(
        feature = "cli",
        arg(long, requires = "limit", allow_hyphen_values = true)
    )]
    pub sort: Option<String>,
    /// Only documents with a source of this custodian (with `limit`).
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long, requires = "limit"))]
    pub custodian: Option<String>,
    /// Only documents dated on or after this date: `2001`, `2001-05` or `2001-05-14`
    /// (with `limit`).
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long, requires = "limit"))]
    pub since: Option<String>,
    /// Only documents dated on or before this date, whole year or month included
    /// (with `limit`).
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long, requires = "limit"))]
    pub until: Option<String>,
    /// Only documents in this review status: unreviewed, reviewed or second_look
    /// (with `limit`).
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long, requires = "limit"))]
    pub review: Option<String>,
    /// Only documents whose title contains this text, ASCII case ignored (with `limit`).
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long, requires = "limit"))]
    pub title: Option<String>,
    /// Only documents found in this folder or a folder below it, as `folders` names it
    /// (`maildir/lay-k/inbox`; with `limit`).
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long, requires = "limit"))]
    pub folder: Option<String>,
}

/// One line of `dossier docs`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DocListItem {
    /// Document id.
    pub id: i64,
    /// Kind.
    pub kind: String,
    /// Title.
    pub title: Option<String>,
    /// The document's own date, or for a capture without one (a policy version) its capture
    /// date, as search dates it.
    pub date: Option<String>,
    /// SHA-256 of the original.
    pub sha256: String,
    /// Container document.
    pub parent: Option<i64>,
}

/// One row of the document table (`docs` with `limit`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct DocTableRow {
    /// Document id.
    pub id: i64,
    /// The document's own date, or for a capture without one (a policy version) its capture
    /// date.
    pub date: Option<String>,
    /// Kind.
    pub kind: String,
    /// Title.
    pub title: Option<String>,
    /// An email's sender.
    pub from: Option<String>,
    /// An email's recipients.
    pub to: Option<String>,
    /// Custodians of its sources, sorted.
    pub custodians: Vec<String>,
    /// Its tags, sorted.
    pub tags: Vec<String>,
    /// Its standing exhibit number (`PX-0007`).
    pub exhibit: Option<String>,
    /// `unreviewed`, `reviewed` or `second_look`.
    pub review: String,
    /// Who set the review status (null while unreviewed).
    pub reviewed_by: Option<String>,
    /// When the review status was set (null while unreviewed).
    pub reviewed_at: Option<String>,
    /// Size of the original in bytes.
    pub size: u64,
    /// Container document.
    pub parent: Option<i64>,
}

/// A page of the document table.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DocsPage {
    /// Documents matching the filters, all pages together.
    pub total: u64,
    /// How many matching documents come before this page.
    pub offset: u64,
    /// This page, in order.
    pub documents: Vec<DocTableRow>,
}

/// `docs` output: the plain list without `limit`, a page of the table with it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(untagged)]
pub enum DocsOutput {
    /// Every matching document in ingest order.
    List(Vec<DocListItem>),
    /// One page of the document table.
    Page(DocsPage),
}

/// Lists documents: every one in ingest order, or with `limit` one page of the table.
pub fn docs(path: &(impl CaseAt + ?Sized), request: &DocsRequest) -> ApiResult<DocsOutput> {
    match request.limit {
        Some(limit) => document_table(path, request, limit).map(DocsOutput::Page),
        None => {
            let paging_only = [
                ("offset", request.offset.is_some()),
                ("sort", request.sort.is_some()),
                ("custodian", request.custodian.is_some()),
                ("since", request.since.is_some()),
                ("until", request.until.is_some()),
                ("review", request.review.is_some()),
                ("title", request.title.is_some()),
                ("folder", request.folder.is_some()),
            ];
            if let Some((name, _)) = paging_only.iter().find(|(_, given)| *given) {
                return Err(ApiError::new(
                    ErrorCode::InvalidInput,
                    format!("{name} needs limit: it applies to a page of the document table"),
                ));
            }
            document_list(path, request).map(DocsOutput::List)
        }
    }
}

/// Every matching document in ingest order (`docs` without `limit`).
pub fn document_list(
    path: &(impl CaseAt + ?Sized),
    request: &DocsRequest,
) -> ApiResult<Vec<DocListItem>> {
    let case = open_case(path)?;
    let filter = DocumentFilter {
        kind: request.kind.clone(),
        tag: request.tag.clone(),
    };
    Ok(case
        .documents(&filter)?
        .into_iter()
        .map(|d| DocListItem {
            id: d.id,
            kind: d.kind,
            title: d.title,
            date: d.date,
            sha256: d.sha256,
            parent: d.parent,
        })
        .collect())
}

/// The largest page `docs` returns.
pub const MAX_PAGE: u64 = 10_000;

fn invalid(message: String) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, message)
}

fn sort_of(sort: Option<&str>) -> ApiResult<(SortColumn, bool)> {
    let Some(sort) = sort else {
        return Ok((SortColumn::Id, false));
    };
    let (name, descending) = match sort.strip_prefix('-') {
        Some(name) => (name, true),
        None => (sort, false),
    };
    let column = match name {
        "date" => SortColumn::Date,
        "kind" => SortColumn::Kind,
        "title" => SortColumn::Title,
        "size" => SortColumn::Size,
        "id" => SortColumn::Id,
        "from" => SortColumn::From,
        "to" => SortColumn::To,
        "custodian" => SortColumn::Custodian,
        "tags" => SortColumn::Tags,
        "exhibit" => SortColumn::Exhibit,
        "review" => SortColumn::Review,
        _ => {
            return Err(invalid(format!(
                "cannot sort by {sort:?}: expected date, kind, title, size, id, from, to, custodian, tags, exhibit or review, with - before it for descending"
            )));
        }
    };
    Ok((column, descending))
}

fn day_of(what: &str, value: Option<&str>, last: bool) -> ApiResult<Option<String>> {
    value
        .map(|v| {
            let date = PartialDate::parse(v.trim()).map_err(|e| invalid(format!("{what}: {e}")))?;
            let day = if last {
                date.last_day()
            } else {
                date.first_day()
            };
            Ok(day.format("%Y-%m-%d").to_string())
        })
        .transpose()
}

/// The store's query for a `docs` request's filters and order, checked.
fn table_query(request: &DocsRequest, offset: u64, limit: u64) -> ApiResult<TableQuery> {
    let (sort, descending) = sort_of(request.sort.as_deref())?;
    let review = request
        .review
        .as_deref()
        .map(|r| r.parse::<ReviewStatus>().map_err(invalid))
        .transpose()?;
    Ok(TableQuery {
        kind: request.kind.clone(),
        tag: request.tag.clone(),
        custodian: request.custodian.clone(),
        since: day_of("since", request.since.as_deref(), false)?,
        until: day_of("until", request.until.as_deref(), true)?,
        review,
        title: request.title.clone().filter(|t| !t.is_empty()),
        folder: request
            .folder
            .clone()
            .filter(|f| !f.trim_matches('/').is_empty()),
        sort,
        descending,
        offset,
        limit,
    })
}

/// Every document the document table's filters match (`limit`, `offset` and `sort` aside),
/// by id: a bulk edit's "all that match" sent as the filter rather than as a list of ids.
pub(crate) fn documents_matching(
    path: &(impl CaseAt + ?Sized),
    request: &DocsRequest,
) -> ApiResult<Vec<i64>> {
    let query = table_query(request, 0, 0)?;
    let case = open_case(path)?;
    Ok(case.document_table_ids(&query)?)
}

/// One page of the document table (`docs` with `limit`).
pub fn document_table(
    path: &(impl CaseAt + ?Sized),
    request: &DocsRequest,
    limit: u64,
) -> ApiResult<DocsPage> {
    if limit == 0 || limit > MAX_PAGE {
        return Err(invalid(format!(
            "limit {limit} is out of range: a page holds 1 to {MAX_PAGE} documents"
        )));
    }
    let offset = request.offset.unwrap_or(0);
    let query = table_query(request, offset, limit)?;
    let case = open_case(path)?;
    let page = case.document_table(&query)?;
    Ok(DocsPage {
        total: page.total,
        offset,
        documents: page
            .rows
            .into_iter()
            .map(|r| DocTableRow {
                id: r.id,
                date: r.date,
                kind: r.kind,
                title: r.title,
                from: r.from,
                to: r.to,
                custodians: r.custodians,
                tags: r.tags,
                exhibit: r
                    .exhibit
                    .map(|(prefix, n)| ExhibitNumber { prefix, n }.to_string()),
                review: r.review.as_str().to_string(),
                reviewed_by: r.reviewed.as_ref().map(|(actor, _)| actor.clone()),
                reviewed_at: r.reviewed.map(|(_, at)| at),
                size: r.size,
                parent: r.parent,
            })
            .collect(),
    })
}

/// A place a document was found.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SourceView {
    /// Path it was ingested from.
    pub path: String,
    /// Whose it was.
    pub custodian: Option<String>,
    /// When it was recorded.
    pub ingested_at: String,
}

/// One page of text.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PageView {
    /// Page number, from 1.
    pub n: u32,
    /// Its text.
    pub text: String,
}

/// `dossier show` output: everything about one document.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DocumentView {
    /// Document id.
    pub id: i64,
    /// Kind.
    pub kind: String,
    /// Title.
    pub title: Option<String>,
    /// The document's own date (published, sent, filed).
    pub date: Option<String>,
    /// The date it claims for itself.
    pub claimed_date: Option<String>,
    /// When this copy was captured.
    pub captured_at: Option<String>,
    /// When it entered the case.
    pub ingested_at: String,
    /// Authors in order.
    pub authors: Vec<String>,
    /// Where it was published.
    pub source_url: Option<String>,
    /// SHA-256 of the original.
    pub sha256: String,
    /// Size of the original in bytes.
    pub size: u64,
    /// Recognised media type.
    pub media_type: Option<String>,
    /// `ok`, `failed` or `skipped`.
    pub status: String,
    /// Why the status is not `ok`, or warnings.
    pub status_detail: Option<String>,
    /// Extractor name and version, e.g. `text@1`.
    pub extractor: Option<String>,
    /// Every place it was found.
    pub sources: Vec<SourceView>,
    /// Format-specific metadata.
    pub meta: BTreeMap<String, String>,
    /// Extracted text (null when there is none).
    pub text: Option<String>,
    /// Text per page for paginated formats.
    pub pages: Vec<PageView>,
    /// Container document.
    pub parent: Option<i64>,
    /// Documents extracted from this one.
    pub children: Vec<i64>,
    /// Its tags, sorted.
    pub tags: Vec<String>,
    /// `unreviewed`, `reviewed` or `second_look`.
    pub review: String,
    /// Who set the review status (null while unreviewed).
    pub reviewed_by: Option<String>,
    /// When the review status was set (null while unreviewed).
    pub reviewed_at: Option<String>,
    /// Trusted timestamps that cover it (requests and imported tokens): its original's, then
    /// those of the containers it was taken out of (a capture's WARC).
    pub timestamps: Vec<crate::TimestampView>,
}

/// Shows one document.
pub fn show(path: &(impl CaseAt + ?Sized), id: i64) -> ApiResult<DocumentView> {
    let case = open_case(path)?;
    let d = case.document(id)?;
    let tags = case.document_tags(id)?;
    let review = case.review_of(id)?;
    let timestamps = crate::timestamp::timestamps_covering(&case, id)?;
    Ok(DocumentView {
        id: d.summary.id,
        kind: d.summary.kind,
        title: d.summary.title,
        date: d.summary.date,
        claimed_date: d.claimed_date,
        captured_at: d.captured_at,
        ingested_at: d.ingested_at,
        authors: d.authors,
        source_url: d.source_url,
        sha256: d.summary.sha256,
        size: d.size,
        media_type: d.media_type,
        status: d.status.as_str().to_owned(),
        status_detail: d.status_detail,
        extractor: d
            .extractor
            .map(|name| format!("{name}@{}", d.extractor_version.unwrap_or_default())),
        sources: d
            .sources
            .into_iter()
            .map(|s| SourceView {
                path: s.path,
                custodian: s.custodian,
                ingested_at: s.ingested_at,
            })
            .collect(),
        meta: d.meta,
        text: d.text,
        pages: d
            .pages
            .into_iter()
            .map(|(n, text)| PageView { n, text })
            .collect(),
        parent: d.summary.parent,
        children: d.children,
        tags,
        review: review
            .as_ref()
            .map_or(ReviewStatus::Unreviewed, |r| r.status)
            .as_str()
            .to_owned(),
        reviewed_by: review.as_ref().map(|r| r.actor.clone()),
        reviewed_at: review.map(|r| r.at),
        timestamps,
    })
}
