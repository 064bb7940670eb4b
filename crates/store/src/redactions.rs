//! Redactions: an area of a document's page to burn out of every produced page, with its
//! reason ("Privileged", "PII"). Given by the words (`quote`, found on the page when
//! producing) or by a box in PDF points from the page's top-left corner. The original is
//! never changed. Adding and deleting are chronology edits, audited with the row's state
//! and undone like a note.

use rusqlite::{OptionalExtension, params};

use crate::case::{Case, Change};
use crate::error::{Result, StoreError};
use crate::undo::{Audit, Step};

/// Where a redaction is on its page.
#[derive(Debug, Clone, PartialEq)]
pub enum RedactionArea {
    /// These words, wherever they stand on the page.
    Quote(String),
    /// A box: left, top, width, height in points from the page's top-left corner.
    Box([f64; 4]),
}

/// A redaction as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct RedactionRecord {
    /// Its id.
    pub id: i64,
    /// The document.
    pub document: i64,
    /// The page, from 1.
    pub page: u32,
    /// What it covers.
    pub area: RedactionArea,
    /// Why.
    pub reason: String,
    /// When it was made.
    pub created_at: String,
}

impl Change<'_> {
    /// Records a redaction; returns its id.
    pub fn add_redaction(
        &self,
        document: i64,
        page: u32,
        area: &RedactionArea,
        reason: &str,
    ) -> Result<i64> {
        let (quote, b) = match area {
            RedactionArea::Quote(q) => (Some(q.as_str()), None),
            RedactionArea::Box(b) => (None, Some(b)),
        };
        self.tx.execute(
            "INSERT INTO redactions (document_id, page, quote, x, y, w, h, reason, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                document,
                page,
                quote,
                b.map(|b| b[0]),
                b.map(|b| b[1]),
                b.map(|b| b[2]),
                b.map(|b| b[3]),
                reason,
                self.at
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        let what = match area {
            RedactionArea::Quote(q) => format!("{q:?}"),
            RedactionArea::Box([x, y, w, h]) => format!("box {x},{y},{w},{h}"),
        };
        self.record_step(
            Audit {
                action: "redaction.add",
                target: &format!("redaction:{id}"),
                detail: &format!("document {document} page {page} {what}: {reason}"),
            },
            Step {
                action: "redaction.add",
                subject: id,
                detail: "",
            },
        )?;
        Ok(id)
    }

    /// Deletes a redaction (kept, marked deleted; undo restores it).
    pub fn delete_redaction(&self, id: i64) -> Result<()> {
        self.set_redaction_deleted(id, true)
    }

    /// Restores a deleted redaction (the undo of deleting it).
    pub fn restore_redaction(&self, id: i64) -> Result<()> {
        self.set_redaction_deleted(id, false)
    }

    fn set_redaction_deleted(&self, id: i64, delete: bool) -> Result<()> {
        let row: Option<(i64, Option<String>)> = self
            .tx
            .query_row(
                "SELECT document_id, deleted_at FROM redactions WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (document, deleted_at) = row.ok_or(StoreError::NotFound {
            kind: "redaction",
            id,
        })?;
        if deleted_at.is_some() == delete {
            let state = if delete {
                "already deleted"
            } else {
                "not deleted"
            };
            return Err(StoreError::Refused(format!("redaction {id} is {state}")));
        }
        self.tx.execute(
            "UPDATE redactions SET deleted_at = ?2 WHERE id = ?1",
            params![id, delete.then_some(self.at.as_str())],
        )?;
        let action = if delete {
            "redaction.delete"
        } else {
            "redaction.restore"
        };
        self.record_step(
            Audit {
                action,
                target: &format!("redaction:{id}"),
                detail: &format!("document {document}"),
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
    /// The redactions not deleted, of one document or of all, by document, page and id.
    pub fn redactions(&self, document: Option<i64>) -> Result<Vec<RedactionRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, document_id, page, quote, x, y, w, h, reason, created_at
             FROM redactions
             WHERE deleted_at IS NULL AND (?1 IS NULL OR document_id = ?1)
             ORDER BY document_id, page, id",
        )?;
        let rows = stmt.query_map([document], |r| {
            let quote: Option<String> = r.get(3)?;
            let area = match quote {
                Some(q) => RedactionArea::Quote(q),
                None => RedactionArea::Box([r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?]),
            };
            Ok(RedactionRecord {
                id: r.get(0)?,
                document: r.get(1)?,
                page: r.get(2)?,
                area,
                reason: r.get(8)?,
                created_at: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
