//! `dossier ocr`: OCR run again over documents already in the case, as a new extraction of
//! each (its original, read back from the object store, through the extractor ingest would
//! choose, with the OCR settings asked for), recorded by `Change::replace_extraction` with
//! its audit row, so search and `verify` follow as after any re-extraction. A page a person
//! corrected keeps the corrected text as its text (the new OCR goes beside it, and the
//! outcome says so): a re-OCR never overwrites a human correction.
//!
//! Resumable: each document is committed on its own, and a document whose OCR already has
//! the engine version and languages asked for (every page, when forced) is skipped; so a
//! run that was killed, run again with the same settings, goes on where it stopped.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::Duration;

use dossier_extract::ocr::{ENGINE, OcrMode, OcrSettings, PageProgress, Tesseract};
use dossier_extract::{Hints, Probe, Registry, extract};
use dossier_store::{Case, ContentHash, DocumentRecord, StoreError};

use crate::worker::{apply, new_document};

/// What happened to one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OcrOutcome {
    /// OCRed again: how many pages were OCRed and their mean confidence.
    Done {
        /// Pages OCR read.
        pages: usize,
        /// Mean of the pages' confidences, 0 to 100.
        mean_confidence: Option<u8>,
        /// Warnings of the new extraction (OCR unavailable, pages read with no text).
        detail: Option<String>,
    },
    /// Left as it is, and why.
    Skipped(String),
    /// Its new extraction failed; the document keeps the old one.
    Failed(String),
}

/// Progress: pages done, pages in all, the document being read. Told as each page starts
/// (Tesseract says when) and as each document is recorded.
pub type OcrProgress<'a> = &'a (dyn Fn(u64, u64, i64) + Sync);

/// Runs OCR again over `ids` (every PDF and image of the case when empty).
pub fn rerun_ocr(
    case: &mut Case,
    ids: &[i64],
    settings: &OcrSettings,
    registry: &Registry,
    progress: OcrProgress<'_>,
) -> Result<Vec<(i64, OcrOutcome)>, StoreError> {
    let ids = if ids.is_empty() {
        case.ocr_candidates()?
    } else {
        ids.to_vec()
    };
    let version = Tesseract::default().version();
    let mut plan = Vec::new();
    let mut outcomes = Vec::new();
    for id in ids {
        let record = case.document(id)?;
        match skip_reason(case, &record, settings, version.as_deref())? {
            Some(reason) => outcomes.push((id, OcrOutcome::Skipped(reason))),
            None => plan.push(record),
        }
    }
    let total: u64 = plan.iter().map(|r| r.pages.len().max(1) as u64).sum();
    let mut done = 0;
    for record in plan {
        let id = record.summary.id;
        let pages = record.pages.len().max(1) as u64;
        let before = done;
        let page_started = |n: u32| progress(before + (u64::from(n) - 1).min(pages), total, id);
        let outcome = reextract(case, &record, settings, registry, &page_started)?;
        done += pages;
        progress(done, total, id);
        outcomes.push((id, outcome));
    }
    outcomes.sort_by_key(|(id, _)| *id);
    Ok(outcomes)
}

/// Why a document needs no new OCR with these settings, if it needs none.
fn skip_reason(
    case: &Case,
    record: &DocumentRecord,
    settings: &OcrSettings,
    version: Option<&str>,
) -> Result<Option<String>, StoreError> {
    let media = record.media_type.as_deref().unwrap_or_default();
    if media != "application/pdf" && !media.starts_with("image/") {
        return Ok(Some(format!(
            "not a PDF or an image ({})",
            if media.is_empty() {
                "unknown type"
            } else {
                media
            }
        )));
    }
    if settings.mode == OcrMode::Off {
        return Ok(Some("OCR is off".into()));
    }
    let existing = case.ocr_pages(record.summary.id)?;
    let current = !existing.is_empty()
        && existing.iter().all(|p| {
            p.engine == ENGINE
                && Some(p.engine_version.as_str()) == version
                && p.languages == settings.languages
        });
    let complete = settings.mode != OcrMode::Force || existing.len() >= record.pages.len();
    if current && complete {
        return Ok(Some(format!(
            "already OCRed by {ENGINE} {} in {}",
            version.unwrap_or_default(),
            settings.languages
        )));
    }
    let needs = record.meta.contains_key("pages_needing_ocr");
    if existing.is_empty() && !needs && settings.mode == OcrMode::Auto && media == "application/pdf"
    {
        return Ok(Some(
            "every page has a text layer (use --force to OCR them)".into(),
        ));
    }
    Ok(None)
}

/// Extracts one document again with these OCR settings and records it; `page_started` is
/// told the number of each page as OCR starts it.
fn reextract(
    case: &mut Case,
    record: &DocumentRecord,
    settings: &OcrSettings,
    registry: &Registry,
    page_started: &(dyn Fn(u32) + Sync),
) -> Result<OcrOutcome, StoreError> {
    let id = record.summary.id;
    let hash = ContentHash::parse(&record.summary.sha256)?;
    let bytes = case.objects().read(&hash)?;
    let file_name = record
        .sources
        .first()
        .and_then(|s| s.path.rsplit(['/', '\\']).next())
        .map(str::to_owned);
    let probe = Probe {
        file_name: file_name.as_deref(),
        head: &bytes[..bytes.len().min(8192)],
        declared_kind: None,
    };
    let Some(extractor) = registry.choose(&probe) else {
        return Ok(OcrOutcome::Skipped("no extractor reads it".into()));
    };
    // Tesseract's stderr is read on a thread of its own: it stores the page it started, and a
    // reporter here passes each new one on until the extraction returns.
    let started = Arc::new(AtomicU32::new(0));
    let hints = Hints {
        file_name: file_name.clone(),
        ocr: settings.clone(),
        ocr_progress: Some(PageProgress(Arc::new({
            let started = Arc::clone(&started);
            move |n| started.store(n, Ordering::Relaxed)
        }))),
        ..Hints::default()
    };
    let finished = AtomicBool::new(false);
    let extracted = std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut told = 0;
            loop {
                let last = finished.load(Ordering::Relaxed);
                let n = started.load(Ordering::Relaxed);
                if n != told {
                    told = n;
                    page_started(n);
                }
                if last {
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        let x = extract(extractor, &bytes, &hints);
        finished.store(true, Ordering::Relaxed);
        x
    });
    let x = match extracted {
        Ok(x) => x,
        Err(e) => return Ok(OcrOutcome::Failed(e.to_string())),
    };
    let mut doc = new_document(hash, bytes.len() as u64, file_name.as_deref());
    doc.parent = record.summary.parent;
    doc.extractor = Some(extractor.name().to_owned());
    doc.extractor_version = Some(extractor.version());
    // A title the user or the first extraction gave stays unless the new one has its own.
    doc.title = None;
    apply(&mut doc, x);
    let pages = doc.ocr.len();
    let mean_confidence = (pages > 0).then(|| {
        let sum: u32 = doc.ocr.iter().map(|p| u32::from(p.mean_confidence)).sum();
        (sum as f64 / pages as f64).round() as u8
    });
    let mut detail = doc.status_detail.clone();
    let corrected: Vec<String> = case
        .ocr_corrections(id)?
        .iter()
        .map(|c| c.n.to_string())
        .collect();
    if !corrected.is_empty() {
        // Said, never silent: a person's text stays the page's text over the new OCR.
        let kept = format!(
            "page(s) {} keep their corrected text; the new OCR is kept beside it",
            corrected.join(", ")
        );
        detail = Some(match detail {
            Some(d) => format!("{d}; {kept}"),
            None => kept,
        });
    }
    let change = case.begin_change()?;
    change.replace_extraction(id, &doc)?;
    change.commit()?;
    Ok(OcrOutcome::Done {
        pages,
        mean_confidence,
        detail,
    })
}
