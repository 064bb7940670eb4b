//! `ingest`: bring files into a case.

use std::path::PathBuf;

use dossier_extract::Registry;
use dossier_ingest::{GlobFilter, IngestOptions, IngestProgress, PathScope};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::CaseAt;
use crate::series_ingest::SeriesIngestOutput;
use crate::{ApiResult, Event, open_case};

/// What to ingest and how.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct IngestRequest {
    /// Files and folders.
    pub paths: Vec<PathBuf>,
    /// Override the kind the extractors assign.
    #[ts(optional)]
    pub kind: Option<String>,
    /// Whose files these are.
    #[ts(optional)]
    pub custodian: Option<String>,
    /// Record the files as captures of this policy series (a folder is the whole series).
    #[ts(optional)]
    pub series: Option<String>,
    /// When a single capture was taken (ISO 8601); otherwise from `YYYY-MM-DD` file names.
    #[ts(optional)]
    pub captured: Option<String>,
    /// The captured page's address.
    #[ts(optional)]
    pub url: Option<String>,
    /// The password for encrypted files (a PDF with a user password); documents already
    /// in the case that failed for want of a password are extracted again with it.
    #[ts(optional)]
    pub password: Option<String>,
    /// Store the originals only, without extracting them (`--no-extract`); a later ingest
    /// of the same files without it extracts them in place.
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    pub no_extract: bool,
    /// Ingest only files matching one of these globs (`--include`), matched against the
    /// path relative to the folder named and against the file name; `*` stays within a
    /// folder, `**` crosses folders.
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    pub include: Vec<String>,
    /// Leave out files and folders matching one of these globs (`--exclude`), matched like
    /// `include`; they are not read, and are listed as skipped with the pattern.
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    pub exclude: Vec<String>,
    /// Items recorded per transaction at most (default: `dossier_ingest::BATCH_ITEMS`).
    #[serde(default)]
    #[ts(optional)]
    pub batch_items: Option<usize>,
    /// When scans and images are OCRed: `auto` (default: pages without a text layer, and
    /// images), `force` (every page, even one with a text layer) or `off`.
    #[serde(default)]
    #[ts(optional)]
    pub ocr: Option<String>,
    /// Tesseract languages, `eng` or several joined by `+` (`eng+deu`); default: the case's
    /// `ocr_lang` setting, else `eng`.
    #[serde(default)]
    #[ts(optional)]
    pub ocr_lang: Option<String>,
}

/// The OCR settings a request asks for, checked: a bad mode or language list is refused
/// before anything is read.
pub(crate) fn ocr_settings(
    mode: Option<&str>,
    languages: Option<&str>,
) -> ApiResult<dossier_extract::ocr::OcrSettings> {
    use dossier_extract::ocr::{OcrMode, OcrSettings, check_languages};
    let invalid = |m: String| crate::ApiError::new(crate::ErrorCode::InvalidInput, m);
    let mut settings = OcrSettings::default();
    if let Some(mode) = mode {
        settings.mode = OcrMode::parse(mode).map_err(invalid)?;
    }
    if let Some(languages) = languages {
        check_languages(languages).map_err(invalid)?;
        settings.languages = languages.to_owned();
    }
    Ok(settings)
}

/// An item that did not become a document, or whose text could not be extracted.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ItemError {
    /// The path.
    pub path: String,
    /// Why.
    pub error: String,
    /// The document keeping the original when only its text could not be extracted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub document: Option<i64>,
}

/// `dossier ingest` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct IngestOutput {
    /// New documents.
    pub added: u64,
    /// Items already in the case (recorded as another source).
    pub duplicates: u64,
    /// Items that could not become documents, and documents whose text could not be
    /// extracted (their originals kept); `dossier ingest` exits 1 when there is any.
    pub failed: Vec<ItemError>,
    /// Items passed over on purpose.
    pub skipped: Vec<ItemError>,
    /// Document ids of every item added or found again, in input order.
    pub documents: Vec<i64>,
    /// With `--series`: what was recorded in the series.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub series: Option<SeriesIngestOutput>,
    /// Why the search index could not follow this ingest, if it could not (searches then say
    /// the index is behind until the next writer or `reindex` catches it up).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub index_error: Option<String>,
}

/// Ingests files and folders, reading only what `scope` allows (the CLI and the desktop app
/// pass [`PathScope::Anything`]; `dossier serve` its `--allow-path` folders). A path the
/// scope refuses fails the whole request before anything is read or recorded; a link found
/// inside a folder that leads out of the scope is a failed item. Waits (and says so) while
/// another process writes to the case.
pub fn ingest(
    case_path: &(impl CaseAt + ?Sized),
    request: &IngestRequest,
    scope: &PathScope,
    events: &(dyn Fn(Event) + Sync),
) -> ApiResult<IngestOutput> {
    for path in &request.paths {
        scope.admit(path)?;
    }
    let filter = GlobFilter::new(&request.include, &request.exclude)?;
    let mut ocr = ocr_settings(request.ocr.as_deref(), request.ocr_lang.as_deref())?;
    let series = crate::series_ingest::plan(request, scope)?;
    let paths = series
        .as_ref()
        .map_or_else(|| request.paths.clone(), |p| p.paths());
    let mut case = open_case(case_path)?;
    crate::ocr::case_languages(&case, request.ocr_lang.as_deref(), &mut ocr)?;
    let lock = match case.try_writer_lock()? {
        Some(lock) => lock,
        None => {
            events(Event::Waiting {
                message: format!(
                    "{}: another dossier process is changing this case; waiting for it to finish",
                    case_path.root().display()
                ),
            });
            case.writer_lock()?
        }
    };
    // Holding the lock, no other ingest is staging originals: any temporary file in
    // `objects/` was left by one that was killed.
    case.remove_leftovers(&lock)?;
    let options = IngestOptions {
        custodian: request.custodian.clone(),
        kind: request
            .kind
            .clone()
            .or_else(|| series.as_ref().map(|_| "policy".to_owned())),
        workers: 0,
        password: request.password.clone(),
        ocr,
        store_only: request.no_extract,
        batch_items: request.batch_items.unwrap_or(0),
        stream_above: 0,
        scope: scope.clone(),
        filter,
    };
    let mut indexer = crate::ingest_index::IngestIndexer::start(&case);
    let report = dossier_ingest::ingest_with_hook(
        &mut case,
        &paths,
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
        &mut indexer,
    )?;
    let to_errors = |items: Vec<dossier_ingest::ItemProblem>| {
        items
            .into_iter()
            .map(|i| ItemError {
                path: i.path,
                error: i.reason,
                document: i.document,
            })
            .collect()
    };
    let series_output = match &series {
        Some(plan) => Some(crate::series_ingest::record(
            &mut case,
            plan,
            report.run_id,
        )?),
        None => None,
    };
    let mut skipped: Vec<ItemError> = to_errors(report.skipped);
    skipped.extend(series.map(|p| p.skipped).unwrap_or_default());
    let index_error = indexer.finish(&case, series_output.is_some(), events);
    Ok(IngestOutput {
        added: report.added,
        duplicates: report.duplicates,
        failed: to_errors(report.failed),
        skipped,
        documents: report.documents,
        series: series_output,
        index_error,
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    #[test]
    fn progress_goes_on_after_the_last_item_until_every_document_is_searchable() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = dir.path().join("case");
        crate::init(&case).expect("init");
        let files = dir.path().join("files");
        std::fs::create_dir_all(&files).expect("mkdir");
        for name in ["a.txt", "b.txt", "c.txt"] {
            std::fs::write(files.join(name), format!("the text of {name}")).expect("write");
        }
        let seen = Mutex::new(Vec::new());
        let out = ingest(
            case.as_path(),
            &IngestRequest {
                paths: vec![files],
                ..Default::default()
            },
            &PathScope::Anything,
            &|e| seen.lock().expect("events").push(e),
        )
        .expect("ingest");
        assert_eq!(out.added, 3);

        let seen = seen.into_inner().expect("events");
        let phases: Vec<(&str, u64, u64)> = seen
            .iter()
            .filter_map(|e| match e {
                Event::Progress {
                    phase, done, total, ..
                } => Some((phase.as_str(), *done, *total)),
                Event::Waiting { .. } => None,
            })
            .collect();
        let first_index = phases
            .iter()
            .position(|(phase, ..)| *phase == "index")
            .expect("an index phase is reported");
        assert!(
            phases[..first_index]
                .iter()
                .all(|(phase, ..)| *phase == "ingest"),
            "the index phase follows the ingest phase: {phases:?}"
        );
        assert_eq!(phases[first_index - 1], ("ingest", 3, 3), "{phases:?}");
        assert_eq!(phases.last(), Some(&("index", 3, 3)), "{phases:?}");
    }
}
