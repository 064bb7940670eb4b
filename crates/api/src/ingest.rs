//! `ingest`: bring files into a case.

use std::path::{Path, PathBuf};

use dossier_extract::Registry;
use dossier_ingest::{IngestOptions, IngestProgress};
use serde::{Deserialize, Serialize};

use crate::{ApiResult, Event, open_case};

/// What to ingest and how.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct IngestRequest {
    /// Files and folders.
    pub paths: Vec<PathBuf>,
    /// Override the kind the extractors assign.
    pub kind: Option<String>,
    /// Whose files these are.
    pub custodian: Option<String>,
}

/// An item that did not become a document.
#[derive(Debug, Clone, Serialize)]
pub struct ItemError {
    /// The path.
    pub path: String,
    /// Why.
    pub error: String,
}

/// `dossier ingest` output.
#[derive(Debug, Clone, Serialize)]
pub struct IngestOutput {
    /// New documents.
    pub added: u64,
    /// Items already in the case (recorded as another source).
    pub duplicates: u64,
    /// Items that could not become documents.
    pub failed: Vec<ItemError>,
    /// Items passed over on purpose.
    pub skipped: Vec<ItemError>,
    /// Document ids of every item added or found again, in input order.
    pub documents: Vec<i64>,
}

/// Ingests files and folders. Waits (and says so) while another process writes to the case.
pub fn ingest(
    case_path: &Path,
    request: &IngestRequest,
    events: &(dyn Fn(Event) + Sync),
) -> ApiResult<IngestOutput> {
    let mut case = open_case(case_path)?;
    let _lock = match case.try_writer_lock()? {
        Some(lock) => lock,
        None => {
            events(Event::Waiting {
                message: format!(
                    "{}: another dossier process is changing this case; waiting for it to finish",
                    case_path.display()
                ),
            });
            case.writer_lock()?
        }
    };
    let options = IngestOptions {
        custodian: request.custodian.clone(),
        kind: request.kind.clone(),
        workers: 0,
    };
    let report = dossier_ingest::ingest(
        &mut case,
        &request.paths,
        &options,
        &Registry::standard(),
        &|p: &IngestProgress| {
            events(Event::Progress {
                phase: "ingest".into(),
                done: p.done,
                total: p.total,
                item: Some(p.path.clone()),
            })
        },
    )?;
    let to_errors = |items: Vec<dossier_ingest::ItemProblem>| {
        items
            .into_iter()
            .map(|i| ItemError {
                path: i.path,
                error: i.reason,
            })
            .collect()
    };
    Ok(IngestOutput {
        added: report.added,
        duplicates: report.duplicates,
        failed: to_errors(report.failed),
        skipped: to_errors(report.skipped),
        documents: report.documents,
    })
}
