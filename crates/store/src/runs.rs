//! Ingest runs: what each `ingest` command was asked to do and what became of every item,
//! including the items that could not become documents at all.

use std::fmt;

use rusqlite::params;

use crate::case::{Case, Change, execute_cached};
use crate::error::Result;

/// What happened to one item of an ingest run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemOutcome {
    /// A new original entered the case.
    Added,
    /// The original was already in the case; this path was recorded as another source.
    Duplicate,
    /// The item could not be read or stored; the reason is recorded.
    Failed,
    /// The item was deliberately passed over (for example, the case's own folder).
    Skipped,
}

impl ItemOutcome {
    /// The word stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemOutcome::Added => "added",
            ItemOutcome::Duplicate => "duplicate",
            ItemOutcome::Failed => "failed",
            ItemOutcome::Skipped => "skipped",
        }
    }
}

impl std::str::FromStr for ItemOutcome {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "added" => Ok(ItemOutcome::Added),
            "duplicate" => Ok(ItemOutcome::Duplicate),
            "failed" => Ok(ItemOutcome::Failed),
            "skipped" => Ok(ItemOutcome::Skipped),
            other => Err(format!("unknown ingest outcome {other:?}")),
        }
    }
}

/// One item of a recorded ingest run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunItem {
    /// The path as given or found by the walk.
    pub path: String,
    /// What became of it.
    pub outcome: ItemOutcome,
    /// The document it became or was found to be.
    pub document_id: Option<i64>,
    /// Why, when it failed or was skipped.
    pub detail: Option<String>,
}

impl Case {
    /// The items of an ingest run, in the order they were recorded.
    pub fn ingest_run_items(&self, run: i64) -> Result<Vec<RunItem>> {
        let mut stmt = self.conn.prepare(
            "SELECT path, outcome, document_id, detail FROM ingest_items WHERE run_id = ?1
             ORDER BY rowid",
        )?;
        let rows = stmt.query_map([run], |r| {
            let outcome: String = r.get(1)?;
            Ok(RunItem {
                path: r.get(0)?,
                outcome: outcome.parse().map_err(|e: String| {
                    rusqlite::Error::FromSqlConversionFailure(
                        1,
                        rusqlite::types::Type::Text,
                        e.into(),
                    )
                })?,
                document_id: r.get(2)?,
                detail: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl fmt::Display for ItemOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Change<'_> {
    /// Opens a run record.
    pub fn start_ingest_run(&self, actor: &str, custodian: Option<&str>) -> Result<i64> {
        execute_cached(
            &self.tx,
            "INSERT INTO ingest_runs (started_at, actor, custodian) VALUES (?1, ?2, ?3)",
            params![self.at, actor, custodian],
        )?;
        let id = self.tx.last_insert_rowid();
        self.record(
            "ingest.start",
            &format!("ingest:{id}"),
            "ingest run started",
        )?;
        Ok(id)
    }

    /// Records the outcome of one item.
    pub fn record_ingest_item(
        &self,
        run: i64,
        path: &str,
        outcome: ItemOutcome,
        document_id: Option<i64>,
        detail: Option<&str>,
    ) -> Result<()> {
        execute_cached(
            &self.tx,
            "INSERT INTO ingest_items (run_id, path, outcome, document_id, detail)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![run, path, outcome.as_str(), document_id, detail],
        )?;
        if outcome == ItemOutcome::Failed {
            self.record(
                "ingest.failed",
                &format!("ingest:{run}"),
                &format!("{path}: {}", detail.unwrap_or("failed")),
            )?;
        }
        Ok(())
    }

    /// Closes a run record with a summary line.
    pub fn finish_ingest_run(&self, run: i64, summary: &str) -> Result<()> {
        execute_cached(
            &self.tx,
            "UPDATE ingest_runs SET finished_at = ?1 WHERE id = ?2",
            params![self.at, run],
        )?;
        self.record("ingest.finish", &format!("ingest:{run}"), summary)
    }
}
