//! Policy series: named sets of dated captures of one web page.
//!
//! A capture is a row pointing at the document that holds its original. Capturing the same
//! bytes again (the page had not changed) adds a row pointing at the same document: an
//! observation, with no second copy of the text. What the captures prove (versions, changes,
//! windows) is computed by `dossier-policy`; this module only records and reads them.

use rusqlite::{OptionalExtension, params};

use crate::case::{Case, Change};
use crate::error::{Result, StoreError};

/// A capture to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCapture {
    /// The document holding the captured original.
    pub document_id: i64,
    /// When it was captured (ISO 8601, any precision).
    pub captured_at: String,
    /// Order among captures of the same date (0 when there is only one).
    pub ordinal: u32,
    /// The page's address at capture time.
    pub url: Option<String>,
    /// The file it was ingested from.
    pub source_path: Option<String>,
}

/// A series at a glance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesSummary {
    /// Row id.
    pub id: i64,
    /// The name the user gave it.
    pub name: String,
    /// The page's address: the series' own, else the latest capture's.
    pub url: Option<String>,
    /// How many captures it has (observations included).
    pub captures: u64,
}

/// One recorded capture with what its document holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureRecord {
    /// Row id.
    pub id: i64,
    /// The document holding the original.
    pub document_id: i64,
    /// When it was captured.
    pub captured_at: String,
    /// Order among captures of the same date.
    pub ordinal: u32,
    /// The page's address at capture time.
    pub url: Option<String>,
    /// The file it was ingested from.
    pub source_path: Option<String>,
    /// The date the document claims for itself.
    pub claimed_date: Option<String>,
    /// SHA-256 of the original.
    pub sha256: String,
    /// Media type the extractor recognised.
    pub media_type: Option<String>,
    /// Extracted text, if any.
    pub text: Option<String>,
}

impl Change<'_> {
    /// The id of the series called `name`, created if it does not exist. A URL given for a
    /// series that has none is recorded.
    pub fn ensure_series(&self, name: &str, url: Option<&str>) -> Result<i64> {
        let existing: Option<(i64, Option<String>)> = self
            .tx
            .query_row(
                "SELECT id, url FROM policy_series WHERE name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match existing {
            Some((id, None)) if url.is_some() => {
                self.tx.execute(
                    "UPDATE policy_series SET url = ?1 WHERE id = ?2",
                    params![url, id],
                )?;
                self.record(
                    "series.url",
                    &format!("series:{id}"),
                    &format!("{name}: {}", url.unwrap_or_default()),
                )?;
                Ok(id)
            }
            Some((id, _)) => Ok(id),
            None => {
                self.tx.execute(
                    "INSERT INTO policy_series (name, url, created_at) VALUES (?1, ?2, ?3)",
                    params![name, url, self.at],
                )?;
                let id = self.tx.last_insert_rowid();
                self.record(
                    "series.create",
                    &format!("series:{id}"),
                    &format!(
                        "policy series {name:?}{}",
                        url.map(|u| format!(" ({u})")).unwrap_or_default()
                    ),
                )?;
                Ok(id)
            }
        }
    }

    /// Records a capture. Returns `false` (and changes nothing) when this document was
    /// already recorded as captured on that date in that place of the series.
    pub fn add_capture(&self, series_id: i64, capture: &NewCapture) -> Result<bool> {
        let exists: bool = self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM documents WHERE id = ?1)",
            [capture.document_id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(StoreError::DocumentNotFound(capture.document_id));
        }
        let added = self.tx.execute(
            "INSERT OR IGNORE INTO policy_captures
                 (series_id, document_id, captured_at, ordinal, url, source_path, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                series_id,
                capture.document_id,
                capture.captured_at,
                capture.ordinal,
                capture.url,
                capture.source_path,
                self.at
            ],
        )? == 1;
        if added {
            self.record(
                "series.capture",
                &format!("series:{series_id}"),
                &format!(
                    "document:{} captured {}{}",
                    capture.document_id,
                    capture.captured_at,
                    capture
                        .url
                        .as_deref()
                        .map(|u| format!(" from {u}"))
                        .unwrap_or_default()
                ),
            )?;
        }
        Ok(added)
    }

    /// Marks a document as a policy capture: kind `policy`, its capture date (the earliest
    /// known), and the date it claims for itself when none was recorded. Writes an audit row
    /// only when something changed; returns whether it did.
    pub fn mark_policy_document(
        &self,
        document_id: i64,
        captured_at: &str,
        claimed_date: Option<&str>,
    ) -> Result<bool> {
        let current: Option<(String, Option<String>, Option<String>)> = self
            .tx
            .query_row(
                "SELECT kind, captured_at, claimed_date FROM documents WHERE id = ?1",
                [document_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (kind, captured, claimed) = current.ok_or(StoreError::DocumentNotFound(document_id))?;
        let new_captured = match captured.as_deref() {
            Some(c) if c <= captured_at => c.to_owned(),
            _ => captured_at.to_owned(),
        };
        let new_claimed = claimed.clone().or_else(|| claimed_date.map(str::to_owned));
        if kind == "policy"
            && captured.as_deref() == Some(new_captured.as_str())
            && claimed == new_claimed
        {
            return Ok(false);
        }
        self.tx.execute(
            "UPDATE documents SET kind = 'policy', captured_at = ?1, claimed_date = ?2 WHERE id = ?3",
            params![new_captured, new_claimed, document_id],
        )?;
        self.record(
            "document.policy",
            &format!("document:{document_id}"),
            &format!(
                "policy capture: kind {kind} -> policy, captured {} -> {new_captured}, claimed {} -> {}",
                captured.as_deref().unwrap_or("-"),
                claimed.as_deref().unwrap_or("-"),
                new_claimed.as_deref().unwrap_or("-")
            ),
        )?;
        Ok(true)
    }
}

const SUMMARY_SQL: &str = "
    SELECT s.id, s.name,
           coalesce(s.url, (SELECT c.url FROM policy_captures c WHERE c.series_id = s.id
                            AND c.url IS NOT NULL ORDER BY c.captured_at DESC, c.ordinal DESC, c.id DESC LIMIT 1)),
           (SELECT count(*) FROM policy_captures c WHERE c.series_id = s.id)
    FROM policy_series s";

fn summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<SeriesSummary> {
    Ok(SeriesSummary {
        id: r.get(0)?,
        name: r.get(1)?,
        url: r.get(2)?,
        captures: r.get::<_, i64>(3)? as u64,
    })
}

impl Case {
    /// Every series, by name.
    pub fn series_list(&self) -> Result<Vec<SeriesSummary>> {
        let mut stmt = self
            .conn
            .prepare(&format!("{SUMMARY_SQL} ORDER BY s.name"))?;
        let rows = stmt.query_map([], summary)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The series called `name`, if there is one.
    pub fn series_named(&self, name: &str) -> Result<Option<SeriesSummary>> {
        Ok(self
            .conn
            .query_row(&format!("{SUMMARY_SQL} WHERE s.name = ?1"), [name], summary)
            .optional()?)
    }

    /// A series' captures in capture order (date, then same-day ordinal, then recording
    /// order), each with its document's text.
    pub fn series_captures(&self, series_id: i64) -> Result<Vec<CaptureRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.document_id, c.captured_at, c.ordinal, c.url, c.source_path,
                    d.claimed_date, d.sha256, d.media_type, t.text
             FROM policy_captures c
             JOIN documents d ON d.id = c.document_id
             LEFT JOIN document_text t ON t.document_id = d.id
             WHERE c.series_id = ?1
             ORDER BY c.captured_at, c.ordinal, c.id",
        )?;
        let rows = stmt.query_map([series_id], |r| {
            Ok(CaptureRecord {
                id: r.get(0)?,
                document_id: r.get(1)?,
                captured_at: r.get(2)?,
                ordinal: r.get(3)?,
                url: r.get(4)?,
                source_path: r.get(5)?,
                claimed_date: r.get(6)?,
                sha256: r.get(7)?,
                media_type: r.get(8)?,
                text: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
