//! `search` and `reindex` (the search index's part in `ingest` is `ingest_index.rs`).
//!
//! The index (`CASE/index/`) is a cache of the case database, kept in step by the commands
//! that change indexed data (see `session.rs`). A search only reads: it checks in constant
//! time whether the index holds every change, and says so in `index_behind` when it does not.

use std::collections::BTreeMap;
use std::sync::Arc;

use dossier_search::{self as search, SearchError, SearchIndex, SortOrder};
use dossier_store::Case;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::session::CaseHandle;
use crate::{ApiError, ApiResult, CaseAt, ErrorCode, open_case};

/// Hits returned when no limit is given.
const DEFAULT_LIMIT: usize = 20;
/// The most hits one search may return.
const MAX_LIMIT: usize = 1000;
/// Pages listed per hit.
const PAGES_PER_HIT: usize = 3;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum SearchSort {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest document first.
    Date,
    /// Oldest document first (also read as `-date`).
    #[serde(alias = "-date")]
    #[cfg_attr(feature = "cli", value(alias = "-date"))]
    Oldest,
}

/// `dossier search` arguments.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SearchRequest {
    /// The query (words, "phrases", "a b"~5, prefix*, fuzzy~1, AND/OR/NOT, -word, field:value,
    /// date:[2001 TO 2002-06]).
    pub query: String,
    /// Only documents of this kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub kind: Option<String>,
    /// Only documents dated on or after this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub since: Option<String>,
    /// Only documents dated on or before this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub until: Option<String>,
    /// Only documents with this tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub tag: Option<String>,
    /// Leave out documents with this tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub not_tag: Option<String>,
    /// Only documents that the saved search of this name finds now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub in_saved: Option<String>,
    /// Leave out the documents that the saved search of this name finds now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub not_in_saved: Option<String>,
    /// Only documents held by this custodian, exactly as recorded at ingest (`--custodian`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub custodian: Option<String>,
    /// How many documents (default 20, at most 1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub limit: Option<usize>,
    /// How many documents of the order to skip (paging; default 0).
    #[serde(default, skip_serializing_if = "is_zero")]
    #[ts(as = "Option<_>", optional)]
    pub offset: usize,
    /// Relevance (default), date (newest first) or oldest.
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    pub sort: SearchSort,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One matching page of a hit.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SearchPage {
    /// Page number; null for documents without pages.
    pub page: Option<u32>,
    /// Relevance of this page.
    pub score: f32,
    /// Excerpt, HTML-escaped, matches in `<mark>`.
    pub snippet: String,
}

/// One matching document.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SearchHit {
    /// Document id.
    pub doc: i64,
    /// Title.
    pub title: Option<String>,
    /// Kind.
    pub kind: String,
    /// The document's own date.
    pub date: Option<String>,
    /// Its best page; null for documents without pages.
    pub page: Option<u32>,
    /// Relevance (its best page's).
    pub score: f32,
    /// Excerpt of the best page, matches in `<mark>`.
    pub snippet: String,
    /// Its best pages, best first (the first is `page`).
    pub pages: Vec<SearchPage>,
}

/// Counts of matching documents per kind, tag, year and custodian.
#[derive(Debug, Clone, Default, Serialize, TS)]
pub struct SearchFacets {
    /// Per kind.
    pub kind: BTreeMap<String, u64>,
    /// Per tag.
    pub tag: BTreeMap<String, u64>,
    /// Per year of the document's date.
    pub year: BTreeMap<String, u64>,
    /// Per custodian; a document held by several custodians counts under each.
    pub custodian: BTreeMap<String, u64>,
}

/// `dossier search` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SearchOutput {
    /// Matching documents in all (exact).
    pub total: u64,
    /// How many documents of the order come before the first hit.
    pub offset: usize,
    /// The documents from `offset` on, at most the limit.
    pub hits: Vec<SearchHit>,
    /// Facet counts over all matching documents.
    pub facets: SearchFacets,
    /// The index lacks a change the case has (an ingest still running, or one cut short
    /// before its index commit): the results may miss or mis-count it. The command that made
    /// the change, the next opening of the case by a long-lived shell, or `reindex` catches
    /// the index up.
    pub index_behind: bool,
}

/// `dossier reindex` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReindexOutput {
    /// Documents indexed.
    pub documents: u64,
}

/// Searches the case's documents.
pub fn search(
    case_path: &(impl CaseAt + ?Sized),
    request: &SearchRequest,
) -> ApiResult<SearchOutput> {
    let limit = checked_limit(request)?;
    let (case, index) = open_searchable(case_path)?;
    search_in(&case, &index, request, limit)
}

/// Every document a search finds with its filters (all of them, in id order; its order and
/// paging are ignored): what a bulk edit by query acts on.
pub(crate) fn documents_found(
    case_path: &(impl CaseAt + ?Sized),
    request: &SearchRequest,
) -> ApiResult<Vec<i64>> {
    if request.query.trim().is_empty() {
        return Err(ApiError::new(ErrorCode::InvalidInput, "the query is empty"));
    }
    let (case, index) = open_searchable(case_path)?;
    let inner = engine_request(&case, &index, request, 1)?;
    Ok(index.matching_documents(&inner)?)
}

/// Opens a case and its index for searching: kept open by a session, opened for this call
/// otherwise. Nothing is written; whether the index holds every change is for the search to
/// say (`index_behind`).
pub(crate) fn open_searchable(
    at: &(impl CaseAt + ?Sized),
) -> ApiResult<(CaseHandle<'_>, Arc<SearchIndex>)> {
    let case = open_case(at)?;
    let index = crate::session::open_index(at, &case)?;
    Ok((case, index))
}

/// The limit a request asks for, checked.
pub(crate) fn checked_limit(request: &SearchRequest) -> ApiResult<usize> {
    let limit = request.limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("limit must be between 1 and {MAX_LIMIT}, not {limit}"),
        ));
    }
    Ok(limit)
}

/// Runs `request` on an open case and its index, returning at most
/// `limit` hits.
pub(crate) fn search_in(
    case: &CaseHandle<'_>,
    index: &SearchIndex,
    request: &SearchRequest,
    limit: usize,
) -> ApiResult<SearchOutput> {
    let inner = engine_request(case, index, request, limit)?;
    let index_behind = crate::session::index_behind(case, index)?;
    let mut texts = |doc: i64, page: u32| case.passage_text(doc, page).ok().flatten();
    let results = index.search(&inner, &mut texts)?;
    let hits = results
        .hits
        .into_iter()
        .map(|h| {
            let pages: Vec<SearchPage> = h
                .pages
                .into_iter()
                .map(|p| SearchPage {
                    page: (p.page > 0).then_some(p.page),
                    score: p.score,
                    snippet: p.snippet,
                })
                .collect();
            SearchHit {
                doc: h.doc,
                title: h.title,
                kind: h.kind,
                date: h.date,
                page: pages.first().and_then(|p| p.page),
                score: h.score,
                snippet: pages.first().map(|p| p.snippet.clone()).unwrap_or_default(),
                pages,
            }
        })
        .collect();
    let f = results.facets;
    Ok(SearchOutput {
        total: f.total,
        offset: request.offset,
        hits,
        facets: SearchFacets {
            kind: f.kind,
            tag: f.tag,
            year: f
                .year
                .into_iter()
                .map(|(y, n)| (y.to_string(), n))
                .collect(),
            custodian: f.custodian,
        },
        index_behind,
    })
}

/// The search engine's request for `request`, with the saved searches it names resolved to
/// the documents they find now.
pub(crate) fn engine_request(
    case: &CaseHandle<'_>,
    index: &SearchIndex,
    request: &SearchRequest,
    limit: usize,
) -> ApiResult<search::SearchRequest> {
    let mut resolving = Vec::new();
    engine_request_within(case, index, request, limit, &mut resolving)
}

/// [`engine_request`], knowing the saved searches being resolved around it (`resolving`),
/// so that one naming itself, directly or through others, is refused rather than followed.
fn engine_request_within(
    case: &CaseHandle<'_>,
    index: &SearchIndex,
    request: &SearchRequest,
    limit: usize,
    resolving: &mut Vec<String>,
) -> ApiResult<search::SearchRequest> {
    let mut documents_of = |name: &Option<String>| -> ApiResult<Option<search::DocumentSet>> {
        let Some(name) = name else { return Ok(None) };
        Ok(Some(Arc::new(saved_search_documents(
            case, index, name, resolving,
        )?)))
    };
    let only_documents = documents_of(&request.in_saved)?;
    let except_documents = documents_of(&request.not_in_saved)?;
    Ok(search::SearchRequest {
        query: request.query.clone(),
        kind: request.kind.clone(),
        tag: request.tag.clone(),
        not_tag: request.not_tag.clone(),
        tags: case.search_tags()?,
        only_documents,
        except_documents,
        custodian: request.custodian.clone(),
        since: request.since.clone(),
        until: request.until.clone(),
        limit,
        offset: request.offset,
        sort: match request.sort {
            SearchSort::Relevance => SortOrder::Relevance,
            SearchSort::Date => SortOrder::Date,
            SearchSort::Oldest => SortOrder::Oldest,
        },
        operator: search::DefaultOperator::And,
        pages_per_hit: PAGES_PER_HIT,
    })
}

/// The documents the saved search `name` finds now.
fn saved_search_documents(
    case: &CaseHandle<'_>,
    index: &SearchIndex,
    name: &str,
    resolving: &mut Vec<String>,
) -> ApiResult<Vec<i64>> {
    if resolving.iter().any(|n| n == name) {
        resolving.push(name.to_owned());
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "saved searches name each other in a circle: {}",
                resolving.join(" → ")
            ),
        ));
    }
    let saved = crate::saved_searches::find(case, name)?;
    resolving.push(name.to_owned());
    let inner = engine_request_within(case, index, &saved, 1, resolving)?;
    resolving.pop();
    Ok(index.matching_documents(&inner)?)
}

/// Rebuilds the search index from the case database.
pub fn reindex(case_path: &(impl CaseAt + ?Sized)) -> ApiResult<ReindexOutput> {
    let case = open_case(case_path)?;
    let _lock = case.writer_lock()?;
    let index = crate::session::open_index(case_path, &case)?;
    let documents = search::reindex(&case, &index)?;
    Ok(ReindexOutput { documents })
}

pub(crate) fn open_index(case: &Case) -> ApiResult<SearchIndex> {
    Ok(SearchIndex::open(&case.root().join(search::INDEX_DIR))?)
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> Self {
        match e {
            SearchError::InvalidQuery(m) => ApiError::new(ErrorCode::InvalidQuery, m),
            SearchError::Io { .. } => ApiError::new(ErrorCode::Io, e.to_string()),
            SearchError::Index(_) => ApiError::new(ErrorCode::Index, e.to_string()),
            SearchError::Store(e) => e.into(),
        }
    }
}
