//! `ocr`: OCR run again over documents of the case (every PDF and image when none is
//! named), as a new extraction of each; resumable (see `dossier_ingest::rerun_ocr`).

use dossier_extract::Registry;
use dossier_ingest::OcrOutcome;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ApiError, ApiResult, CaseAt, ErrorCode, Event, open_case};

/// `ocr` arguments.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct OcrRequest {
    /// The documents, by id (every PDF and image of the case when none).
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    #[cfg_attr(feature = "cli", arg(value_name = "DOC"))]
    pub docs: Vec<i64>,
    /// Tesseract languages, joined by + (default eng; e.g. eng+deu).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub lang: Option<String>,
    /// OCR every page, even one with a text layer.
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub force: bool,
}

/// What `ocr` did to one document.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OcrDocumentResult {
    /// The document.
    pub doc: i64,
    /// `done`, `skipped` or `failed`.
    pub outcome: String,
    /// Pages OCRed.
    pub pages: u64,
    /// Mean confidence of its OCR pages, 0 to 100.
    #[ts(optional)]
    pub mean_confidence: Option<u8>,
    /// Why it was skipped or failed, or the new extraction's warnings.
    #[ts(optional)]
    pub detail: Option<String>,
}

/// `ocr` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OcrOutput {
    /// Every document considered, in id order.
    pub documents: Vec<OcrDocumentResult>,
}

/// Runs OCR again; progress events count pages (`phase` `ocr`).
pub fn ocr(
    case_path: &(impl CaseAt + ?Sized),
    request: &OcrRequest,
    events: &(dyn Fn(Event) + Sync),
) -> ApiResult<OcrOutput> {
    let mode = if request.force { "force" } else { "auto" };
    let settings = crate::ingest::ocr_settings(Some(mode), request.lang.as_deref())?;
    let mut case = open_case(case_path)?;
    let unknown = case.unknown_documents(&request.docs)?;
    if !unknown.is_empty() {
        let names: Vec<String> = unknown.iter().map(i64::to_string).collect();
        return Err(ApiError::new(
            ErrorCode::NotFound,
            format!("no document {} in this case", names.join(", ")),
        ));
    }
    let _lock = case.writer_lock()?;
    let outcomes = dossier_ingest::rerun_ocr(
        &mut case,
        &request.docs,
        &settings,
        &Registry::standard(),
        &|done, total, id| {
            events(Event::Progress {
                phase: "ocr".into(),
                done,
                total,
                item: Some(format!("document {id}")),
            })
        },
    )?;
    // The new extractions are in the case whatever happens to the index; a search that
    // finds it behind says so and heals it.
    let _ = crate::session::catch_up_index(case_path, &case);
    let documents = outcomes
        .into_iter()
        .map(|(doc, outcome)| match outcome {
            OcrOutcome::Done {
                pages,
                mean_confidence,
                detail,
            } => OcrDocumentResult {
                doc,
                outcome: "done".into(),
                pages: pages as u64,
                mean_confidence,
                detail,
            },
            OcrOutcome::Skipped(why) => OcrDocumentResult {
                doc,
                outcome: "skipped".into(),
                pages: 0,
                mean_confidence: None,
                detail: Some(why),
            },
            OcrOutcome::Failed(why) => OcrDocumentResult {
                doc,
                outcome: "failed".into(),
                pages: 0,
                mean_confidence: None,
                detail: Some(why),
            },
        })
        .collect();
    Ok(OcrOutput { documents })
}
