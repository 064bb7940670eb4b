//! Saved searches: `saved_search` (save a named query with its filters), `saved_searches`
//! (list them) and `saved_search_delete`. Each save and delete is audited; a search can be
//! restricted to a saved search's results (`in_saved`) or keep them out (`not_in_saved`),
//! which `search.rs` resolves by running the saved search as it stands.

use dossier_store::{Case, SavedSearchRecord};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::search::{SearchRequest, open_searchable, search_in};
use crate::{ApiError, ApiResult, CaseAt, ErrorCode, open_case};

/// `saved_search` arguments: a name and the search to keep under it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SavedSearchRequest {
    /// The name (saving under a name in use replaces that saved search's request).
    pub name: String,
    /// The query with its filters; its limit, offset and order are not kept.
    pub request: SearchRequest,
}

/// A saved search as listed.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SavedSearchView {
    /// Its name.
    pub name: String,
    /// The query with its filters.
    pub request: SearchRequest,
    /// When it was first saved.
    pub created_at: String,
    /// When its request was last saved.
    pub updated_at: String,
}

/// `saved_search` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SavedSearchOutput {
    /// The saved search as it now stands.
    pub saved: SavedSearchView,
    /// Whether the name was new (false: an earlier request under it was replaced).
    pub created: bool,
    /// How many documents it finds now.
    pub total: u64,
}

/// `saved_search_delete` arguments.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SavedSearchDeleteRequest {
    /// The saved search's name.
    pub name: String,
}

/// `saved_search_delete` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SavedSearchDeleteOutput {
    /// The name deleted (free again).
    pub deleted: String,
}

/// Saves a search under a name, after running it once: a query that cannot be read, or a
/// saved search it names that does not exist, is refused and nothing is saved.
pub fn saved_search(
    path: &(impl CaseAt + ?Sized),
    request: &SavedSearchRequest,
) -> ApiResult<SavedSearchOutput> {
    let name = request.name.trim();
    if name.is_empty() {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "a saved search needs a name",
        ));
    }
    let kept = SearchRequest {
        limit: None,
        offset: 0,
        sort: Default::default(),
        ..request.request.clone()
    };
    if kept.query.trim().is_empty() {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("saved search {name:?}: the query is empty"),
        ));
    }
    let (mut case, index) = open_searchable(path)?;
    if reaches(&case, &kept, name)? {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "saved search {name:?} cannot be restricted by itself, directly or through other saved searches"
            ),
        ));
    }
    let total = search_in(&case, &index, &kept, 1)
        .map_err(|e| ApiError::new(e.code, format!("saved search {name:?}: {}", e.message)))?
        .total;
    let json = serde_json::to_string(&kept).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!("cannot serialise the request: {e}"),
        )
    })?;
    let change = case.begin_change()?;
    let (_, created) = change.save_search(name, &json)?;
    change.commit()?;
    let saved = case
        .saved_search(name)?
        .ok_or_else(|| not_found(name))
        .and_then(view)?;
    Ok(SavedSearchOutput {
        saved,
        created,
        total,
    })
}

/// The saved searches, by name.
pub fn saved_searches(path: &(impl CaseAt + ?Sized)) -> ApiResult<Vec<SavedSearchView>> {
    let case = open_case(path)?;
    case.saved_searches()?.into_iter().map(view).collect()
}

/// Deletes a saved search: it leaves the list and its name is free; the audit log keeps what
/// it was.
pub fn saved_search_delete(
    path: &(impl CaseAt + ?Sized),
    request: &SavedSearchDeleteRequest,
) -> ApiResult<SavedSearchDeleteOutput> {
    let mut case = open_case(path)?;
    let name = request.name.trim();
    let change = case.begin_change()?;
    if change.delete_saved_search(name)?.is_none() {
        return Err(not_found(name));
    }
    change.commit()?;
    Ok(SavedSearchDeleteOutput {
        deleted: name.to_owned(),
    })
}

/// Whether `request` names the saved search `name`, directly or through the saved searches
/// it names (those that do not exist are left to the search itself to report).
fn reaches(case: &Case, request: &SearchRequest, name: &str) -> ApiResult<bool> {
    let mut seen: Vec<String> = Vec::new();
    let mut next: Vec<String> = [&request.in_saved, &request.not_in_saved]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    while let Some(named) = next.pop() {
        if named.trim() == name {
            return Ok(true);
        }
        if seen.contains(&named) {
            continue;
        }
        if let Some(record) = case.saved_search(&named)? {
            let saved = view(record)?.request;
            next.extend([saved.in_saved, saved.not_in_saved].into_iter().flatten());
        }
        seen.push(named);
    }
    Ok(false)
}

/// The request saved under `name`.
pub(crate) fn find(case: &Case, name: &str) -> ApiResult<SearchRequest> {
    let record = case.saved_search(name)?.ok_or_else(|| not_found(name))?;
    Ok(view(record)?.request)
}

fn view(record: SavedSearchRecord) -> ApiResult<SavedSearchView> {
    let request = serde_json::from_str(&record.request).map_err(|e| {
        ApiError::new(
            ErrorCode::Database,
            format!(
                "saved search {:?}: its stored request cannot be read: {e}",
                record.name
            ),
        )
    })?;
    Ok(SavedSearchView {
        name: record.name,
        request,
        created_at: record.created_at,
        updated_at: record.updated_at,
    })
}

fn not_found(name: &str) -> ApiError {
    ApiError::new(
        ErrorCode::NotFound,
        format!("no saved search named {name:?} in this case"),
    )
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::{PathScope, dispatch};

    /// A case of three memos, through the surface as a shell reaches it.
    fn case_of_memos(dir: &std::path::Path) -> std::path::PathBuf {
        let case = dir.join("case");
        crate::init(&case).expect("init");
        let files = dir.join("files");
        std::fs::create_dir_all(&files).expect("mkdir");
        for (name, text) in [
            ("a.txt", "Members were opted in to AI training."),
            ("b.txt", "The setting was opted in by default for members."),
            ("c.txt", "Nothing about training here."),
        ] {
            std::fs::write(files.join(name), text).expect("write");
        }
        call(&case, "ingest", json!({"paths": [files]}));
        case
    }

    fn call(case: &std::path::Path, command: &str, args: Value) -> Value {
        dispatch(
            command,
            &crate::Session::open(case),
            args,
            &PathScope::Anything,
            &|_| {},
        )
        .unwrap_or_else(|e| panic!("{command}: {}", e.message))
    }

    #[test]
    fn saved_searches_batches_and_exports_answer_in_the_shapes_the_shells_promise() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = case_of_memos(dir.path());

        let page = call(
            &case,
            "search",
            json!({"query": "members", "limit": 1, "offset": 1}),
        );
        assert_eq!(page["total"], 2);
        assert_eq!(page["offset"], 1);
        assert_eq!(page["hits"].as_array().map(Vec::len), Some(1));

        let saved = call(
            &case,
            "saved_search",
            json!({"name": "Training", "request": {"query": "training", "limit": 5}}),
        );
        assert_eq!(saved["created"], true);
        assert_eq!(saved["total"], 2);
        assert_eq!(
            saved["saved"]["request"],
            json!({"query": "training", "sort": "relevance"}),
            "the filters are kept, not the page"
        );
        assert_eq!(
            call(&case, "saved_searches", Value::Null)[0]["name"],
            "Training"
        );
        let within = call(
            &case,
            "search",
            json!({"query": "members", "in_saved": "Training"}),
        );
        assert_eq!(within["total"], 1);
        let outside = call(
            &case,
            "search",
            json!({"query": "members", "not_in_saved": "Training", "sort": "-date"}),
        );
        assert_eq!(outside["total"], 1);
        assert_ne!(within["hits"][0]["doc"], outside["hits"][0]["doc"]);

        let batch = call(
            &case,
            "search_batch",
            json!({"queries": ["members", "", "# note", "members AND ("]}),
        );
        assert_eq!(
            batch[0],
            json!({"query": "members", "total": 2, "error": null})
        );
        assert_eq!(batch[1]["total"], Value::Null);
        assert!(batch[1]["error"].as_str().is_some_and(|e| !e.is_empty()));
        assert_eq!(batch.as_array().map(Vec::len), Some(2));

        let export = call(
            &case,
            "search_export",
            json!({"query": "opted", "limit": 1}),
        );
        assert_eq!(export["media_type"], "text/csv");
        let content = export["content"].as_str().expect("csv");
        assert_eq!(
            content.lines().count(),
            3,
            "every hit, not the limit: {content}"
        );

        let circle = dispatch(
            "saved_search",
            &crate::Session::open(&case),
            json!({"name": "Training", "request": {"query": "opted", "not_in_saved": "Training"}}),
            &PathScope::Anything,
            &|_| {},
        )
        .expect_err("a saved search restricted by itself");
        assert_eq!(circle.code, "invalid_input");
        assert!(circle.message.contains("by itself"), "{}", circle.message);

        let deleted = call(&case, "saved_search_delete", json!({"name": "Training"}));
        assert_eq!(deleted, json!({"deleted": "Training"}));
        let gone = dispatch(
            "search",
            &crate::Session::open(&case),
            json!({"query": "members", "in_saved": "Training"}),
            &PathScope::Anything,
            &|_| {},
        )
        .expect_err("deleted");
        assert_eq!(gone.code, "not_found");
    }
}
