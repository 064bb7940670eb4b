//! `review`: mark documents reviewed, for a second look, or back to unreviewed, with who
//! and when; and the selections bulk edits act on (a list of documents, or every document a
//! search finds).

use dossier_store::ReviewStatus;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ApiError, ApiResult, CaseAt, DocsRequest, ErrorCode, open_case};

/// `review` arguments: a status and the documents to give it.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    /// unreviewed, reviewed or second_look.
    #[cfg_attr(feature = "cli", arg(long))]
    pub status: String,
    /// The documents, by id (`--docs 1,2,3`).
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    #[cfg_attr(
        feature = "cli",
        arg(long, value_delimiter = ',', required_unless_present = "query")
    )]
    pub docs: Vec<i64>,
    /// Or every document this search finds (all of them, not a page).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long, conflicts_with = "docs"))]
    pub query: Option<String>,
    /// Or every document the document table's filters match (kind, tag, custodian, dates,
    /// review status, title; its order and paging are ignored).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(skip))]
    pub matching: Option<DocsRequest>,
    /// Or every document this search finds, its filters applied (kind, tag, custodian,
    /// dates, saved searches; its order and paging are ignored): "select all" in results
    /// narrowed by a facet.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(skip))]
    pub search: Option<Box<crate::SearchRequest>>,
}

/// `review` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReviewOutput {
    /// The status given.
    pub status: String,
    /// How many documents were selected.
    pub documents: u64,
    /// How many of them changed (the others had that status already).
    pub changed: u64,
}

fn invalid(message: String) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, message)
}

/// Which documents a bulk edit (tag, review, exhibits) acts on: exactly one of the ids, a
/// query, a search with its filters, or the document table's filters. Every bulk request
/// carries these four fields; this is where they are read.
pub(crate) struct Selection<'a> {
    pub docs: &'a [i64],
    pub query: Option<&'a str>,
    pub search: Option<&'a crate::SearchRequest>,
    pub matching: Option<&'a DocsRequest>,
}

impl Selection<'_> {
    /// Whether anything is selected this way (rather than one document by `doc`).
    pub fn is_given(&self) -> bool {
        !self.docs.is_empty()
            || self.query.is_some()
            || self.search.is_some()
            || self.matching.is_some()
    }

    /// The selected documents' ids, ascending, each once. Ids the case does not have are
    /// refused by name; a search or filter finds every match, not a page.
    pub fn documents(&self, path: &(impl CaseAt + ?Sized)) -> ApiResult<Vec<i64>> {
        let given = usize::from(!self.docs.is_empty())
            + usize::from(self.query.is_some())
            + usize::from(self.search.is_some())
            + usize::from(self.matching.is_some());
        if given > 1 {
            return Err(invalid(
                "give one of documents (docs), a query, a search or a table filter (matching), \
                 not several"
                    .into(),
            ));
        }
        if let Some(filter) = self.matching {
            return crate::documents::documents_matching(path, filter);
        }
        if let Some(search) = self.search {
            return crate::search::documents_found(path, search);
        }
        match (self.docs.is_empty(), self.query) {
            (false, _) => {
                let case = open_case(path)?;
                let unknown = case.unknown_documents(self.docs)?;
                if !unknown.is_empty() {
                    let names: Vec<String> = unknown.iter().map(i64::to_string).collect();
                    return Err(ApiError::new(
                        ErrorCode::NotFound,
                        format!("no document {} in this case", names.join(", ")),
                    ));
                }
                let mut ids = self.docs.to_vec();
                ids.sort_unstable();
                ids.dedup();
                Ok(ids)
            }
            (true, Some(query)) => crate::search::documents_found(
                path,
                &crate::SearchRequest {
                    query: query.to_owned(),
                    ..Default::default()
                },
            ),
            (true, None) => Err(invalid(
                "name the documents (docs), a search that finds them (query or search) or a \
                 table filter (matching)"
                    .into(),
            )),
        }
    }
}

/// Gives documents a review status, as one audited edit that one undo reverts.
pub fn review(path: &(impl CaseAt + ?Sized), request: &ReviewRequest) -> ApiResult<ReviewOutput> {
    let status: ReviewStatus = request.status.parse().map_err(invalid)?;
    let ids = Selection {
        docs: &request.docs,
        query: request.query.as_deref(),
        search: request.search.as_deref(),
        matching: request.matching.as_ref(),
    }
    .documents(path)?;
    let mut case = open_case(path)?;
    let change = case.begin_change()?;
    let mut changed = 0;
    for &id in &ids {
        if change.set_review(id, status)? {
            changed += 1;
        }
    }
    change.commit()?;
    Ok(ReviewOutput {
        status: status.as_str().into(),
        documents: ids.len() as u64,
        changed,
    })
}
