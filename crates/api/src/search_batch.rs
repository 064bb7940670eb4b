//! `search_batch`: many queries, each with its count of matching documents (Datashare's batch
//! search); and `search_export`: every hit of one search as CSV.

use dossier_timeline::csv;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::search::{SearchRequest, engine_request, open_searchable};
use crate::timeline::Export;
use crate::{ApiError, ApiResult, CaseAt, ErrorCode};

/// The most queries one batch may hold.
const MAX_QUERIES: usize = 10_000;

/// `search_batch` arguments.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SearchBatchRequest {
    /// One query per item, as a file or a pasted list has them one per line: items that are
    /// blank or start with `#` are passed over.
    pub queries: Vec<String>,
    /// `json` (default) or `csv` (`query,total,error`).
    #[serde(default)]
    #[ts(optional)]
    pub format: Option<String>,
}

/// One query of a batch and what it found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BatchRow {
    /// The query, trimmed.
    pub query: String,
    /// Matching documents (exact); null when the query failed.
    pub total: Option<u64>,
    /// Why the query failed (it could not be read, most often); null when it ran.
    pub error: Option<String>,
}

/// `search_batch` output: the rows, or their CSV export.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(untagged)]
pub enum SearchBatchOutput {
    /// One row per query, in the order given.
    Rows(Vec<BatchRow>),
    /// `format: csv`.
    Export(Export),
}

/// The queries of a batch: its items trimmed, blank ones and `#` comments left out.
fn queries_of(items: &[String]) -> Vec<&str> {
    items
        .iter()
        .map(|q| q.trim())
        .filter(|q| !q.is_empty() && !q.starts_with('#'))
        .collect()
}

/// Counts the documents each query finds. A query that fails gets its error on its row and
/// the others still run.
pub fn search_batch(
    case_path: &(impl CaseAt + ?Sized),
    request: &SearchBatchRequest,
) -> ApiResult<SearchBatchOutput> {
    let csv_wanted = match request.format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(other) => {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!("format {other:?}: a batch is json or csv"),
            ));
        }
    };
    let queries = queries_of(&request.queries);
    if queries.len() > MAX_QUERIES {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "{} queries: a batch holds at most {MAX_QUERIES}",
                queries.len()
            ),
        ));
    }
    let (case, index) = open_searchable(case_path)?;
    let mut no_text = |_: i64, _: u32| None;
    let rows: Vec<BatchRow> = queries
        .into_iter()
        .map(|query| {
            let request = SearchRequest {
                query: query.to_owned(),
                ..SearchRequest::default()
            };
            let total = engine_request(&case, &index, &request, 1)
                .and_then(|inner| Ok(index.search(&inner, &mut no_text)?.facets.total));
            match total {
                Ok(total) => BatchRow {
                    query: query.to_owned(),
                    total: Some(total),
                    error: None,
                },
                Err(e) => BatchRow {
                    query: query.to_owned(),
                    total: None,
                    error: Some(e.message),
                },
            }
        })
        .collect();
    if !csv_wanted {
        return Ok(SearchBatchOutput::Rows(rows));
    }
    let mut table = vec![vec!["query".to_owned(), "total".into(), "error".into()]];
    table.extend(rows.into_iter().map(|r| {
        vec![
            r.query,
            r.total.map(|n| n.to_string()).unwrap_or_default(),
            r.error.unwrap_or_default(),
        ]
    }));
    Ok(SearchBatchOutput::Export(Export {
        format: "csv".into(),
        media_type: "text/csv".into(),
        content: csv::write(table),
    }))
}

/// The columns of `search_export`, in order.
pub const EXPORT_COLUMNS: [&str; 8] = [
    "doc",
    "title",
    "kind",
    "date",
    "custodian",
    "pages",
    "tags",
    "snippet",
];

/// Every document a search finds, as CSV ([`EXPORT_COLUMNS`]), in the search's order: its
/// custodians, its pages with hits and its tags each joined with `; `, and the snippet of its
/// best page as plain text. The request's limit and offset are not used: all hits are in.
pub fn search_export(
    case_path: &(impl CaseAt + ?Sized),
    request: &SearchRequest,
) -> ApiResult<Export> {
    let (case, index) = open_searchable(case_path)?;
    let mut inner = engine_request(&case, &index, request, 1)?;
    let pages = index.matching_pages(&inner)?;
    let mut table = vec![EXPORT_COLUMNS.map(str::to_owned).to_vec()];
    if !pages.is_empty() {
        inner.limit = pages.len();
        inner.offset = 0;
        inner.pages_per_hit = 1;
        let mut texts = |doc: i64, page: u32| case.passage_text(doc, page).ok().flatten();
        let hits = index.search(&inner, &mut texts)?.hits;
        let ids: Vec<i64> = hits.iter().map(|h| h.doc).collect();
        let labels = case.document_labels(&ids)?;
        for hit in hits {
            let label = labels.get(&hit.doc).cloned().unwrap_or_default();
            let hit_pages = pages
                .get(&hit.doc)
                .map(|list| {
                    list.iter()
                        .filter(|p| **p > 0)
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .unwrap_or_default();
            let snippet = hit
                .pages
                .first()
                .map(|p| plain_text(&p.snippet))
                .unwrap_or_default();
            table.push(vec![
                hit.doc.to_string(),
                hit.title.unwrap_or_default(),
                hit.kind,
                hit.date.unwrap_or_default(),
                label.custodians.join("; "),
                hit_pages,
                label.tags.join("; "),
                snippet,
            ]);
        }
    }
    Ok(Export {
        format: "csv".into(),
        media_type: "text/csv".into(),
        content: csv::write(table),
    })
}

/// A snippet as plain text: its `<mark>` tags dropped and its HTML escapes read back (those
/// the search writes: `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`, `&#x27;`). Line breaks
/// become spaces, so a cell is one line.
fn plain_text(snippet: &str) -> String {
    const ESCAPES: [(&str, char); 6] = [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
        ("&#x27;", '\''),
    ];
    let without_marks = snippet.replace("<mark>", "").replace("</mark>", "");
    let mut out = String::with_capacity(without_marks.len());
    let mut rest = without_marks.as_str();
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match ESCAPES.iter().find(|(name, _)| rest.starts_with(name)) {
            Some((name, c)) => {
                out.push(*c);
                rest = &rest[name.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_becomes_plain_text_without_marks_or_escapes() {
        assert_eq!(
            plain_text(
                "Members say they were <mark>opted</mark> <mark>in</mark> &amp; &lt;b&gt; &quot;so&quot; it&#x27;s &amp;lt;\nnext"
            ),
            "Members say they were opted in & <b> \"so\" it's &lt; next"
        );
    }

    #[test]
    fn blank_items_and_comments_are_not_queries() {
        let items: Vec<String> = ["opted in", "", "   ", "# a comment", "  \"did not\"  "]
            .map(str::to_owned)
            .to_vec();
        assert_eq!(queries_of(&items), ["opted in", "\"did not\""]);
    }
}
