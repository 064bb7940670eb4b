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

/// The documents a bulk edit acts on: the ids given, each checked; or every document the
/// query finds; or every document the document table's filters match (`matching`, the
/// table's "select all that match" sent as its filter, not as thousands of ids). Exactly
/// one of the three.
pub(crate) fn selected_documents(
    path: &(impl CaseAt + ?Sized),
    docs: &[i64],
    query: Option<&str>,
    matching: Option<&DocsRequest>,
) -> ApiResult<Vec<i64>> {
    let given = usize::from(!docs.is_empty())
        + usize::from(query.is_some())
        + usize::from(matching.is_some());
    if given > 1 {
        return Err(invalid(
            "give one of documents (docs), a query or a table filter (matching), not several"
                .into(),
        ));
    }
    if let Some(filter) = matching {
        return crate::documents::documents_matching(path, filter);
    }
    match (docs.is_empty(), query) {
        (false, _) => {
            let case = open_case(path)?;
            let unknown = case.unknown_documents(docs)?;
            if !unknown.is_empty() {
                let names: Vec<String> = unknown.iter().map(i64::to_string).collect();
                return Err(ApiError::new(
                    ErrorCode::NotFound,
                    format!("no document {} in this case", names.join(", ")),
                ));
            }
            let mut ids = docs.to_vec();
            ids.sort_unstable();
            ids.dedup();
            Ok(ids)
        }
        (true, Some(query)) if !query.trim().is_empty() => {
            crate::search::documents_found(path, query)
        }
        (true, Some(_)) => Err(invalid("the query is empty".into())),
        (true, None) => Err(invalid(
            "name the documents (docs), a search that finds them (query) or a table filter \
             (matching)"
                .into(),
        )),
    }
}

/// Gives documents a review status, as one audited edit that one undo reverts.
pub fn review(path: &(impl CaseAt + ?Sized), request: &ReviewRequest) -> ApiResult<ReviewOutput> {
    let status: ReviewStatus = request.status.parse().map_err(invalid)?;
    let ids = selected_documents(
        path,
        &request.docs,
        request.query.as_deref(),
        request.matching.as_ref(),
    )?;
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
