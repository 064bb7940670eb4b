//! The folders sources were found in (migration 10): what a mailbox's folder tree is built
//! from, and the table's filter to one folder and the folders below it.
//!
//! A folder is a `/`-separated path within what was ingested (`maildir/lay-k/inbox`); the
//! ingest pipeline decides it (`dossier_ingest`'s `folders.rs`). Both queries walk the
//! partial index `sources_folder`: the filter as one range of folder names, never a scan.

use rusqlite::types::Value;

use crate::case::Case;
use crate::error::Result;

/// The SQL condition (on `d.id`) and its parameters for "has a source in `folder` or below".
///
/// Below `a/b` is every name from `a/b/` up to (not including) `a/b0`: `0` follows `/` in
/// every collation SQLite uses here, so the range is exactly the names starting `a/b/`.
pub(crate) fn within_folder(folder: &str) -> (&'static str, Vec<Value>) {
    let folder = folder.trim_end_matches('/');
    (
        "d.id IN (SELECT s.document_id FROM sources s
                  WHERE s.folder = ? OR (s.folder >= ? AND s.folder < ?))",
        vec![
            Value::Text(folder.to_owned()),
            Value::Text(format!("{folder}/")),
            Value::Text(format!("{folder}0")),
        ],
    )
}

impl Case {
    /// Every folder that holds a source, by name, with how many documents have a source
    /// directly in it (a document found in two folders counts in each).
    pub fn folder_counts(&self) -> Result<Vec<(String, u64)>> {
        let mut stmt = self.conn.prepare(
            "SELECT folder, count(DISTINCT document_id) FROM sources
             WHERE folder IS NOT NULL GROUP BY folder ORDER BY folder",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)?.unsigned_abs())))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
