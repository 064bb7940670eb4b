//! What OCR read on a page (migration 10, `ocr_pages`): derived data with its maker,
//! written with the document's extraction and replaced with it, read by the viewer.

use rusqlite::{Connection, OptionalExtension, params};

use crate::audited_state::Audited;
use crate::case::{Case, Change, execute_cached};
use crate::error::{Result, StoreError};
use crate::undo::{Audit, Step};

/// One page's OCR: its maker, the image's size and resolution, the mean confidence, and
/// its words with their boxes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcrPageRecord {
    /// Page number, from 1.
    pub n: u32,
    /// `tesseract`.
    pub engine: String,
    /// The engine's version.
    pub engine_version: String,
    /// The languages asked for (`eng+deu`).
    pub languages: String,
    /// Width of the image OCRed, in pixels.
    pub image_width: u32,
    /// Height of the image OCRed, in pixels.
    pub image_height: u32,
    /// Rendering resolution of a PDF page; 0 for an image.
    pub dpi: u32,
    /// Mean word confidence, 0 to 100.
    pub mean_confidence: u8,
    /// One word a line: `left top width height confidence word`, tab-separated.
    pub words: String,
}

pub(crate) fn insert_ocr_page(
    tx: &Connection,
    document_id: i64,
    page: &OcrPageRecord,
) -> Result<()> {
    execute_cached(
        tx,
        "INSERT INTO ocr_pages (document_id, n, engine, engine_version, languages,
             image_width, image_height, dpi, mean_confidence, words)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            document_id,
            page.n,
            page.engine,
            page.engine_version,
            page.languages,
            page.image_width,
            page.image_height,
            page.dpi,
            page.mean_confidence,
            page.words,
        ],
    )?;
    Ok(())
}

impl Case {
    /// The documents OCR can read again: every PDF and image, in id order.
    pub fn ocr_candidates(&self) -> Result<Vec<i64>> {
        let mut stmt = self.connection().prepare(
            "SELECT id FROM documents
             WHERE media_type = 'application/pdf' OR media_type LIKE 'image/%' ORDER BY id",
        )?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// What OCR read on a document's pages, page 1 first (empty when nothing was OCRed).
    pub fn ocr_pages(&self, document_id: i64) -> Result<Vec<OcrPageRecord>> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT n, engine, engine_version, languages, image_width, image_height, dpi,
                    mean_confidence, words
             FROM ocr_pages WHERE document_id = ?1 ORDER BY n",
        )?;
        let rows = stmt
            .query_map([document_id], |r| {
                Ok(OcrPageRecord {
                    n: r.get(0)?,
                    engine: r.get(1)?,
                    engine_version: r.get(2)?,
                    languages: r.get(3)?,
                    image_width: r.get(4)?,
                    image_height: r.get(5)?,
                    dpi: r.get(6)?,
                    mean_confidence: r.get(7)?,
                    words: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

/// A person's corrected text for an OCR page, kept beside what the machine read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcrCorrection {
    /// Page number, from 1.
    pub n: u32,
    /// The corrected text: the page's text (search, citations) while it stands.
    pub text: String,
    /// The page text the OCR made, which the correction replaced and undo puts back.
    pub machine_text: String,
    /// Who corrected it.
    pub actor: String,
    /// When.
    pub at: String,
}

/// Separates the fields of a correction step's detail (none of them can hold it: text
/// with control characters other than tab and line breaks is refused).
const UNIT: char = '\u{1f}';

/// The correction a step records as the one before it: the page alone when there was none.
fn encode_step(n: u32, before: Option<&OcrCorrection>) -> String {
    match before {
        None => n.to_string(),
        Some(c) => format!(
            "{n}{UNIT}{}{UNIT}{}{UNIT}{}{UNIT}{}",
            c.text, c.machine_text, c.actor, c.at
        ),
    }
}

/// Reads what [`encode_step`] wrote: the page and the correction to put back.
pub(crate) fn decode_step(detail: &str) -> Result<(u32, Option<OcrCorrection>)> {
    let bad = || StoreError::Refused(format!("an OCR correction step names no page ({detail:?})"));
    let fields: Vec<&str> = detail.split(UNIT).collect();
    let n: u32 = fields
        .first()
        .and_then(|n| n.parse().ok())
        .ok_or_else(bad)?;
    match fields[..] {
        [_] => Ok((n, None)),
        [_, text, machine_text, actor, at] => Ok((
            n,
            Some(OcrCorrection {
                n,
                text: text.into(),
                machine_text: machine_text.into(),
                actor: actor.into(),
                at: at.into(),
            }),
        )),
        _ => Err(bad()),
    }
}

fn corrections_in(conn: &Connection, document_id: i64) -> Result<Vec<OcrCorrection>> {
    let mut stmt = conn.prepare_cached(
        "SELECT n, text, machine_text, actor, at FROM ocr_corrections
         WHERE document_id = ?1 ORDER BY n",
    )?;
    let rows = stmt
        .query_map([document_id], |r| {
            Ok(OcrCorrection {
                n: r.get(0)?,
                text: r.get(1)?,
                machine_text: r.get(2)?,
                actor: r.get(3)?,
                at: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Makes the whole text of a document its pages' texts again, as extraction joins them
/// (PDF and image extractors join pages with a line break), after a page's text changed.
fn rejoin_document_text(conn: &Connection, document_id: i64) -> Result<()> {
    execute_cached(
        conn,
        "UPDATE document_text SET text = coalesce(
             (SELECT group_concat(text, char(10)) FROM
                 (SELECT text FROM pages WHERE document_id = ?1 ORDER BY n)), '')
         WHERE document_id = ?1",
        [document_id],
    )?;
    Ok(())
}

impl Case {
    /// The corrections made to a document's OCR pages, page 1 first.
    pub fn ocr_corrections(&self, document_id: i64) -> Result<Vec<OcrCorrection>> {
        corrections_in(self.connection(), document_id)
    }

    /// A case setting (`ocr_lang`), none when it was never set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .connection()
            .prepare_cached("SELECT value FROM case_settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }
}

impl Change<'_> {
    /// Sets a case setting (none or empty: unset), audited as `case.setting`. Settings are
    /// not chronology edits and are not undone; setting the value it has records nothing.
    pub fn set_setting(&self, key: &str, value: Option<&str>) -> Result<bool> {
        let value = value.map(str::trim).filter(|v| !v.is_empty());
        let before: Option<String> = self
            .tx
            .prepare_cached("SELECT value FROM case_settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?;
        if before.as_deref() == value {
            return Ok(false);
        }
        match value {
            Some(v) => execute_cached(
                &self.tx,
                "INSERT INTO case_settings (key, value, set_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value, set_at = excluded.set_at",
                params![key, v, self.at],
            )?,
            None => execute_cached(&self.tx, "DELETE FROM case_settings WHERE key = ?1", [key])?,
        };
        let detail = match value {
            Some(v) => format!("{key} = {v}"),
            None => format!("{key} unset"),
        };
        self.record("case.setting", &format!("setting:{key}"), &detail)?;
        Ok(true)
    }

    /// Enters a person's corrected text for page `n` of a document's OCR: it becomes the
    /// page's text (search, citations, `verify`) while the machine OCR stays beside it.
    /// Audited as one edit that one undo reverts. Returns whether anything changed (the
    /// same text again changes nothing). Only a page OCR read can be corrected.
    pub fn correct_ocr_page(&self, document_id: i64, n: u32, text: &str) -> Result<bool> {
        if let Some(c) = text
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            return Err(StoreError::Refused(format!(
                "the corrected text holds the control character U+{:04X}; give plain text",
                c as u32
            )));
        }
        let ocred: bool = self
            .tx
            .prepare_cached("SELECT 1 FROM ocr_pages WHERE document_id = ?1 AND n = ?2")?
            .query_row(params![document_id, n], |_| Ok(()))
            .optional()?
            .is_some();
        if !ocred {
            let known: bool = self
                .tx
                .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
                .query_row([document_id], |_| Ok(()))
                .optional()?
                .is_some();
            if !known {
                return Err(StoreError::DocumentNotFound(document_id));
            }
            return Err(StoreError::Refused(format!(
                "page {n} of document {document_id} was not read by OCR, so it has no OCR text \
                 to correct (`dossier ocr-pages` lists the pages that were)"
            )));
        }
        let before = corrections_in(&self.tx, document_id)?
            .into_iter()
            .find(|c| c.n == n);
        if before.as_ref().map(|c| c.text.as_str()) == Some(text) {
            return Ok(false);
        }
        let machine_text = match &before {
            Some(c) => c.machine_text.clone(),
            None => self
                .tx
                .prepare_cached("SELECT text FROM pages WHERE document_id = ?1 AND n = ?2")?
                .query_row(params![document_id, n], |r| r.get(0))
                .optional()?
                .unwrap_or_default(),
        };
        self.put_ocr_correction(
            document_id,
            n,
            before,
            Some(OcrCorrection {
                n,
                text: text.to_owned(),
                machine_text,
                actor: self.actor.to_owned(),
                at: self.at.clone(),
            }),
        )?;
        Ok(true)
    }

    /// Makes page `n`'s correction exactly `wanted` (none: the machine text again), as one
    /// step whose inverse puts back `before`.
    fn put_ocr_correction(
        &self,
        document_id: i64,
        n: u32,
        before: Option<OcrCorrection>,
        wanted: Option<OcrCorrection>,
    ) -> Result<()> {
        let page_text = match &wanted {
            Some(c) => {
                execute_cached(
                    &self.tx,
                    "INSERT INTO ocr_corrections (document_id, n, text, machine_text, actor, at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (document_id, n) DO UPDATE SET text = excluded.text,
                         machine_text = excluded.machine_text, actor = excluded.actor,
                         at = excluded.at",
                    params![document_id, n, c.text, c.machine_text, c.actor, c.at],
                )?;
                c.text.clone()
            }
            None => {
                let machine: Option<String> = self
                    .tx
                    .prepare_cached(
                        "SELECT machine_text FROM ocr_corrections WHERE document_id = ?1 AND n = ?2",
                    )?
                    .query_row(params![document_id, n], |r| r.get(0))
                    .optional()?;
                execute_cached(
                    &self.tx,
                    "DELETE FROM ocr_corrections WHERE document_id = ?1 AND n = ?2",
                    params![document_id, n],
                )?;
                match machine {
                    Some(m) => m,
                    None => return Ok(()),
                }
            }
        };
        execute_cached(
            &self.tx,
            "UPDATE pages SET text = ?3 WHERE document_id = ?1 AND n = ?2",
            params![document_id, n, page_text],
        )?;
        rejoin_document_text(&self.tx, document_id)?;
        let detail = match &wanted {
            Some(c) => format!(
                "page {n}: corrected OCR text ({} characters)",
                c.text.chars().count()
            ),
            None => format!("page {n}: back to the OCR text"),
        };
        self.record_step(
            Audit {
                action: "document.ocr_correct",
                target: &format!("document:{document_id}"),
                detail: &detail,
            },
            Step {
                action: "document.ocr_text",
                subject: document_id,
                detail: &encode_step(n, before.as_ref()),
            },
        )
    }

    /// The inverse of a correction step: puts back the correction it replaced.
    pub(crate) fn revert_ocr_correction(&self, document_id: i64, detail: &str) -> Result<()> {
        let (n, wanted) = decode_step(detail)?;
        let before = corrections_in(&self.tx, document_id)?
            .into_iter()
            .find(|c| c.n == n);
        self.put_ocr_correction(document_id, n, before, wanted)
    }

    /// After a re-extraction wrote new pages: every correction of the document stays the
    /// text of its page (a re-OCR never overwrites a person's text silently), with the new
    /// OCR text as its machine text; recorded in the audit log with the corrections' state.
    /// Returns the pages kept.
    pub(crate) fn keep_ocr_corrections(&self, document_id: i64) -> Result<Vec<u32>> {
        let corrections = corrections_in(&self.tx, document_id)?;
        if corrections.is_empty() {
            return Ok(Vec::new());
        }
        let mut kept = Vec::new();
        for c in &corrections {
            let machine: Option<String> = self
                .tx
                .prepare_cached("SELECT text FROM pages WHERE document_id = ?1 AND n = ?2")?
                .query_row(params![document_id, c.n], |r| r.get(0))
                .optional()?;
            let Some(machine) = machine else { continue };
            execute_cached(
                &self.tx,
                "UPDATE ocr_corrections SET machine_text = ?3 WHERE document_id = ?1 AND n = ?2",
                params![document_id, c.n, machine],
            )?;
            execute_cached(
                &self.tx,
                "UPDATE pages SET text = ?3 WHERE document_id = ?1 AND n = ?2",
                params![document_id, c.n, c.text],
            )?;
            kept.push(c.n);
        }
        rejoin_document_text(&self.tx, document_id)?;
        let pages: Vec<String> = kept.iter().map(u32::to_string).collect();
        self.record_state(
            "document.ocr_kept",
            &format!("document:{document_id}"),
            &format!(
                "the corrected text of page(s) {} kept over the new OCR",
                if pages.is_empty() {
                    "(none still in the document)".to_owned()
                } else {
                    pages.join(", ")
                }
            ),
            Audited::OcrText(document_id),
        )?;
        Ok(kept)
    }
}
