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
    /// Tesseract languages, joined by + (default: the case's `ocr_lang` setting, else eng).
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
    let mut settings = crate::ingest::ocr_settings(Some(mode), request.lang.as_deref())?;
    let mut case = open_case(case_path)?;
    case_languages(&case, request.lang.as_deref(), &mut settings)?;
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
            });
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

/// The mean confidence under which a page is listed for a person to check, unless asked
/// otherwise.
pub const CHECK_BELOW: u8 = 70;

/// `ocr_pages` arguments.
#[derive(Debug, Clone, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct OcrPagesRequest {
    /// The document, by id.
    #[cfg_attr(feature = "cli", arg(value_name = "DOC"))]
    pub doc: i64,
    /// List pages whose mean confidence is below this (0 to 100; default 70) to check.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub below: Option<u8>,
}

/// A word OCR read, with its box in pixels of the page's image (`image_width` x
/// `image_height`, origin at the top left).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OcrWord {
    /// Left edge.
    pub left: u32,
    /// Top edge.
    pub top: u32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
    /// The engine's confidence in the word, 0 to 100.
    pub confidence: u8,
    /// The word.
    pub text: String,
}

/// One OCR page: its maker, its image's size, its confidence, its words with their boxes,
/// and its text (corrected or as OCR read it).
#[derive(Debug, Clone, Serialize, TS)]
pub struct OcrPageView {
    /// Page number, from 1.
    pub n: u32,
    /// `tesseract`.
    pub engine: String,
    /// The engine's version.
    pub engine_version: String,
    /// The languages asked for (`eng+deu`).
    pub languages: String,
    /// Width of the image OCRed, in pixels: a word's box over this is its place across the page.
    pub image_width: u32,
    /// Height of the image OCRed, in pixels.
    pub image_height: u32,
    /// Resolution a PDF page was rendered at for OCR; 0 for an image.
    pub dpi: u32,
    /// Mean word confidence, 0 to 100.
    pub mean_confidence: u8,
    /// The words, in reading order.
    pub words: Vec<OcrWord>,
    /// The page's text as search and citations read it: the correction when there is one.
    pub text: String,
    /// The text OCR made of the page, kept beside a correction.
    pub ocr_text: String,
    /// Whether a person corrected the page's text.
    pub corrected: bool,
    /// Who corrected it.
    #[ts(optional)]
    pub corrected_by: Option<String>,
    /// When.
    #[ts(optional)]
    pub corrected_at: Option<String>,
}

/// `ocr_pages` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OcrPagesOutput {
    /// The document.
    pub doc: i64,
    /// The confidence a page must reach not to be listed for checking.
    pub threshold: u8,
    /// Its OCR pages, page 1 first (empty when nothing of it was OCRed).
    pub pages: Vec<OcrPageView>,
    /// Pages below the threshold and not yet corrected: the ones a person should check.
    pub to_check: Vec<u32>,
}

/// Reads the store's one-word-a-line form (`left top width height confidence word`); a
/// line that does not parse is left out rather than drawn in the wrong place.
fn parse_words(tsv: &str) -> Vec<OcrWord> {
    tsv.lines()
        .filter_map(|line| {
            let mut f = line.splitn(6, '\t');
            Some(OcrWord {
                left: f.next()?.parse().ok()?,
                top: f.next()?.parse().ok()?,
                width: f.next()?.parse().ok()?,
                height: f.next()?.parse().ok()?,
                confidence: f.next()?.parse().ok()?,
                text: f.next()?.to_owned(),
            })
        })
        .collect()
}

/// What OCR read on a document's pages, for the viewer's text layer over the scan, with the
/// pages to check.
pub fn ocr_pages(
    case_path: &(impl CaseAt + ?Sized),
    request: &OcrPagesRequest,
) -> ApiResult<OcrPagesOutput> {
    let threshold = request.below.unwrap_or(CHECK_BELOW);
    if threshold > 100 {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("below {threshold}: a confidence runs from 0 to 100"),
        ));
    }
    let case = open_case(case_path)?;
    if !case.unknown_documents(&[request.doc])?.is_empty() {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            format!("no document {} in this case", request.doc),
        ));
    }
    let corrections = case.ocr_corrections(request.doc)?;
    let mut pages = Vec::new();
    for page in case.ocr_pages(request.doc)? {
        let correction = corrections.iter().find(|c| c.n == page.n);
        let text = case.passage_text(request.doc, page.n)?.unwrap_or_default();
        pages.push(OcrPageView {
            n: page.n,
            words: parse_words(&page.words),
            ocr_text: correction.map_or_else(|| text.clone(), |c| c.machine_text.clone()),
            text,
            corrected: correction.is_some(),
            corrected_by: correction.map(|c| c.actor.clone()),
            corrected_at: correction.map(|c| c.at.clone()),
            engine: page.engine,
            engine_version: page.engine_version,
            languages: page.languages,
            image_width: page.image_width,
            image_height: page.image_height,
            dpi: page.dpi,
            mean_confidence: page.mean_confidence,
        });
    }
    let to_check = pages
        .iter()
        .filter(|p| p.mean_confidence < threshold && !p.corrected)
        .map(|p| p.n)
        .collect();
    Ok(OcrPagesOutput {
        doc: request.doc,
        threshold,
        pages,
        to_check,
    })
}

/// `ocr_correct` arguments: a page's corrected text.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OcrCorrectRequest {
    /// The document, by id.
    pub doc: i64,
    /// The page, from 1.
    pub page: u32,
    /// The page's corrected text (it replaces the OCR text for search and citations).
    pub text: String,
}

/// `ocr_correct` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OcrCorrectOutput {
    /// The document.
    pub doc: i64,
    /// The page.
    pub page: u32,
    /// Whether the page's text changed (the same correction again changes nothing).
    pub changed: bool,
}

/// Enters a person's corrected text for an OCR page, as one audited edit that `undo`
/// reverts; the machine OCR is kept beside it and a later `ocr` run keeps the correction.
pub fn ocr_correct(
    case_path: &(impl CaseAt + ?Sized),
    request: &OcrCorrectRequest,
) -> ApiResult<OcrCorrectOutput> {
    let mut case = open_case(case_path)?;
    let change = case.begin_change()?;
    let changed = change.correct_ocr_page(request.doc, request.page, &request.text)?;
    change.commit()?;
    // The page's text is what search reads: the index follows (see `tag`).
    let _ = crate::session::catch_up_index(case_path, &case);
    Ok(OcrCorrectOutput {
        doc: request.doc,
        page: request.page,
        changed,
    })
}

/// `settings` arguments: the settings to change (none: only show them).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct SettingsRequest {
    /// The case's default Tesseract languages for ingest and `ocr` (eng+deu); "" unsets it.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub ocr_lang: Option<String>,
}

/// `settings` output: the case's settings after the call.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SettingsOutput {
    /// The default OCR languages; none means `eng`.
    #[ts(optional)]
    pub ocr_lang: Option<String>,
    /// Whether this call changed a setting.
    pub changed: bool,
}

/// The case setting holding the default OCR languages.
const OCR_LANG: &str = "ocr_lang";

/// Shows the case's settings, changing those given first (audited as `case.setting`).
pub fn settings(
    case_path: &(impl CaseAt + ?Sized),
    request: &SettingsRequest,
) -> ApiResult<SettingsOutput> {
    let mut case = open_case(case_path)?;
    let mut changed = false;
    if let Some(languages) = &request.ocr_lang {
        let languages = languages.trim();
        if !languages.is_empty() {
            dossier_extract::ocr::check_languages(languages)
                .map_err(|m| ApiError::new(ErrorCode::InvalidInput, m))?;
        }
        let change = case.begin_change()?;
        changed = change.set_setting(OCR_LANG, Some(languages))?;
        change.commit()?;
    }
    Ok(SettingsOutput {
        ocr_lang: case.setting(OCR_LANG)?,
        changed,
    })
}

/// The OCR languages to use: those asked for, else the case's `ocr_lang` setting, else the
/// engine's default (`settings.languages` as it stands).
pub(crate) fn case_languages(
    case: &dossier_store::Case,
    asked: Option<&str>,
    settings: &mut dossier_extract::ocr::OcrSettings,
) -> ApiResult<()> {
    if asked.is_some() {
        return Ok(());
    }
    if let Some(languages) = case.setting(OCR_LANG)? {
        dossier_extract::ocr::check_languages(&languages).map_err(|m| {
            ApiError::new(
                ErrorCode::InvalidInput,
                format!("the case's ocr_lang setting {languages:?} is not usable: {m}"),
            )
        })?;
        settings.languages = languages;
    }
    Ok(())
}
