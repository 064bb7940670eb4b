//! Annotations on documents: tags, and notes on a span of a document (located like a
//! citation, with a W3C TextQuoteSelector and offsets, so a note can verify itself too).

use rusqlite::params;

use crate::case::{Case, Change};
use crate::citations::SpanRecord;
use crate::error::Result;
use crate::events::{clean, ensure_tag};

/// A note on a span of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRecord {
    /// Note id (0 before it is stored).
    pub id: i64,
    /// The document.
    pub document: i64,
    /// The page.
    pub page: Option<u32>,
    /// The span annotated.
    pub span: SpanRecord,
    /// SHA-256 of the document's original.
    pub sha256: String,
    /// The note itself.
    pub body: String,
    /// When it was made (empty before it is stored).
    pub created_at: String,
}

impl Change<'_> {
    /// Tags a document; returns the tags it did not have before.
    pub fn tag_document(&self, document: i64, tags: &[String]) -> Result<Vec<String>> {
        let mut added = Vec::new();
        for tag in clean(tags) {
            let tag_id = ensure_tag(&self.tx, &tag)?;
            let n = self.tx.execute(
                "INSERT OR IGNORE INTO document_tags (document_id, tag_id) VALUES (?1, ?2)",
                params![document, tag_id],
            )?;
            if n > 0 {
                added.push(tag);
            }
        }
        if !added.is_empty() {
            self.record(
                "document.tag",
                &format!("document:{document}"),
                &added.join(", "),
            )?;
        }
        Ok(added)
    }

    /// Records a note on a span of a document.
    pub fn add_note(&self, note: &NoteRecord) -> Result<i64> {
        let s = &note.span;
        self.tx.execute(
            "INSERT INTO notes (document_id, page, quote, exact, prefix, suffix, start_offset,
                 end_offset, sha256, body, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                note.document,
                note.page,
                s.quote,
                s.exact,
                s.prefix,
                s.suffix,
                s.start,
                s.end,
                note.sha256,
                note.body,
                self.at
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        self.record(
            "note.add",
            &format!("note:{id}"),
            &format!("document {} at {:?}: {}", note.document, s.quote, note.body),
        )?;
        Ok(id)
    }
}

impl Case {
    /// Notes on a document (or on every document), in id order.
    pub fn notes(&self, document: Option<i64>) -> Result<Vec<NoteRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, document_id, page, quote, exact, prefix, suffix, start_offset, end_offset,
                    sha256, body, created_at
             FROM notes WHERE ?1 IS NULL OR document_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([document], |r| {
            Ok(NoteRecord {
                id: r.get(0)?,
                document: r.get(1)?,
                page: r.get(2)?,
                span: SpanRecord {
                    quote: r.get(3)?,
                    exact: r.get(4)?,
                    prefix: r.get(5)?,
                    suffix: r.get(6)?,
                    start: r.get(7)?,
                    end: r.get(8)?,
                },
                sha256: r.get(9)?,
                body: r.get(10)?,
                created_at: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Tags of a document, sorted.
    pub fn document_tags(&self, document: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id
             WHERE dt.document_id = ?1 ORDER BY t.name",
        )?;
        let rows = stmt.query_map([document], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
