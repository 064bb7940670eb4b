//! What OCR read on a page (migration 10, `ocr_pages`): derived data with its maker,
//! written with the document's extraction and replaced with it, read by the viewer.

use rusqlite::{Connection, params};

use crate::case::{Case, execute_cached};
use crate::error::Result;

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
