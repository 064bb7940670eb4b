//! Annotations on documents: tags, and notes on a span of a document (located like a
//! citation, with a W3C TextQuoteSelector and offsets, so a note can verify itself too).

use rusqlite::{OptionalExtension, params};

use crate::case::{Case, Change};
use crate::citations::SpanRecord;
use crate::error::{Result, StoreError};
use crate::events::{clean, ensure_tag};
use crate::undo::{Audit, Step};

/// Separator of the tags a tagging step names.
const UNIT: &str = "\u{1f}";

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
            self.record_step(
                Audit {
                    action: "document.tag",
                    target: &format!("document:{document}"),
                    detail: &added.join(", "),
                },
                Step {
                    action: "document.tag",
                    subject: document,
                    detail: &added.join(UNIT),
                },
            )?;
        }
        Ok(added)
    }

    /// Removes tags from a document; returns the tags it had and no longer has (a tag
    /// it did not have is passed over).
    pub fn untag_document(&self, document: i64, tags: &[String]) -> Result<Vec<String>> {
        let mut removed = Vec::new();
        for tag in clean(tags) {
            let n = self.tx.execute(
                "DELETE FROM document_tags
                 WHERE document_id = ?1 AND tag_id = (SELECT id FROM tags WHERE name = ?2)",
                params![document, tag],
            )?;
            if n > 0 {
                removed.push(tag);
            }
        }
        if !removed.is_empty() {
            self.record_step(
                Audit {
                    action: "document.untag",
                    target: &format!("document:{document}"),
                    detail: &removed.join(", "),
                },
                Step {
                    action: "document.untag",
                    subject: document,
                    detail: &removed.join(UNIT),
                },
            )?;
        }
        Ok(removed)
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
        self.record_step(
            Audit {
                action: "note.add",
                target: &format!("note:{id}"),
                detail: &format!("document {} at {:?}: {}", note.document, s.quote, note.body),
            },
            Step {
                action: "note.add",
                subject: id,
                detail: "",
            },
        )?;
        Ok(id)
    }

    /// Deletes a note: hidden from `notes` and `verify`, kept in the case, restorable by undo.
    pub fn delete_note(&self, id: i64) -> Result<()> {
        self.set_note_deleted(id, true)
    }

    /// Restores a deleted note (the undo of deleting it).
    pub fn restore_note(&self, id: i64) -> Result<()> {
        self.set_note_deleted(id, false)
    }

    fn set_note_deleted(&self, id: i64, delete: bool) -> Result<()> {
        let row: Option<(i64, String, Option<String>)> = self
            .tx
            .query_row(
                "SELECT document_id, body, deleted_at FROM notes WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (document, body, deleted_at) = row.ok_or(StoreError::NotFound { kind: "note", id })?;
        if deleted_at.is_some() == delete {
            let state = if delete {
                "already deleted"
            } else {
                "not deleted"
            };
            return Err(StoreError::Refused(format!("note {id} is {state}")));
        }
        self.tx.execute(
            "UPDATE notes SET deleted_at = ?2 WHERE id = ?1",
            params![id, delete.then_some(self.at.as_str())],
        )?;
        let action = if delete {
            "note.delete"
        } else {
            "note.restore"
        };
        self.record_step(
            Audit {
                action,
                target: &format!("note:{id}"),
                detail: &format!("document {document}: {body}"),
            },
            Step {
                action,
                subject: id,
                detail: "",
            },
        )
    }
}

impl Case {
    /// Notes on a document (or on every document), deleted ones left out, in id order.
    pub fn notes(&self, document: Option<i64>) -> Result<Vec<NoteRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, document_id, page, quote, exact, prefix, suffix, start_offset, end_offset,
                    sha256, body, created_at
             FROM notes WHERE (?1 IS NULL OR document_id = ?1) AND deleted_at IS NULL
             ORDER BY id",
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

    /// Every tag that a document or a standing event carries, sorted by name, with how many
    /// documents carry it (0 for a tag only events carry).
    pub fn tag_counts(&self) -> Result<Vec<(String, u64)>> {
        let mut stmt = self.conn.prepare(
            "SELECT t.name, (SELECT count(*) FROM document_tags dt WHERE dt.tag_id = t.id)
             FROM tags t
             WHERE EXISTS (SELECT 1 FROM document_tags dt WHERE dt.tag_id = t.id)
                OR EXISTS (SELECT 1 FROM event_tags et JOIN events e ON e.id = et.event_id
                           WHERE et.tag_id = t.id AND e.deleted = 0)
             ORDER BY t.name",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)?.unsigned_abs())))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every tag a document carries, as `(tag name, document id)` pairs in no set order: what
    /// a search reads its tags from (tags are not in the search index).
    pub fn tagged_documents(&self) -> Result<Vec<(String, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.name, dt.document_id FROM document_tags dt JOIN tags t ON t.id = dt.tag_id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
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
