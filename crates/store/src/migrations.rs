//! Schema migrations: numbered, additive SQL scripts applied in order, each in its own
//! transaction together with its `schema_migrations` row and its audit row.
//!
//! The version lives in `PRAGMA user_version` (cheap to read on every open) and in
//! `schema_migrations` (when each step was applied). Never edit a shipped migration:
//! add the next one.

use rusqlite::{Connection, TransactionBehavior, params};

use crate::audit;
use crate::error::{Result, StoreError};

/// A migration's own Rust step: the transaction, the time and the actor of its audit row.
type MigrationStep = fn(&Connection, &str, &str) -> Result<()>;

struct Migration {
    version: u32,
    name: &'static str,
    sql: &'static str,
    /// What the migration does that SQL alone cannot, run after `sql` in its transaction.
    then: Option<MigrationStep>,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "case",
        sql: include_str!("../migrations/0001_case.sql"),
        then: None,
    },
    Migration {
        version: 2,
        name: "ingest_runs",
        sql: include_str!("../migrations/0002_ingest_runs.sql"),
        then: None,
    },
    Migration {
        version: 3,
        name: "policy_series",
        sql: include_str!("../migrations/0003_policy_series.sql"),
        then: None,
    },
    Migration {
        version: 4,
        name: "chronology",
        sql: include_str!("../migrations/0004_chronology.sql"),
        then: None,
    },
    Migration {
        version: 5,
        name: "undo",
        sql: include_str!("../migrations/0005_undo.sql"),
        then: None,
    },
    Migration {
        version: 6,
        name: "audited_state",
        sql: include_str!("../migrations/0006_audited_state.sql"),
        then: Some(crate::audited_state::record_baseline),
    },
    Migration {
        version: 7,
        name: "saved_searches",
        sql: include_str!("../migrations/0007_saved_searches.sql"),
        then: None,
    },
    Migration {
        version: 8,
        name: "review_status",
        sql: include_str!("../migrations/0008_review_status.sql"),
        then: None,
    },
    Migration {
        version: 9,
        name: "case_name",
        sql: include_str!("../migrations/0009_case_name.sql"),
        then: None,
    },
    Migration {
        version: 10,
        name: "source_folders",
        sql: include_str!("../migrations/0010_source_folders.sql"),
        then: None,
    },
    Migration {
        version: 11,
        name: "ocr_pages",
        sql: include_str!("../migrations/0011_ocr_pages.sql"),
        then: None,
    },
    Migration {
        version: 12,
        name: "ocr_corrections_and_settings",
        sql: include_str!("../migrations/0012_ocr_corrections_and_settings.sql"),
        then: None,
    },
    Migration {
        version: 13,
        name: "timestamps",
        sql: include_str!("../migrations/0013_timestamps.sql"),
        then: None,
    },
    Migration {
        version: 14,
        name: "productions",
        sql: include_str!("../migrations/0014_productions.sql"),
        then: None,
    },
    Migration {
        version: 15,
        name: "people",
        sql: include_str!("../migrations/0015_people.sql"),
        then: None,
    },
];

/// The schema version this build writes.
pub const LATEST: u32 = 15;

/// Every trigger the migrations make, as `(name, statement)`, the statement exactly as
/// SQLite keeps it in `sqlite_master` (the text from `CREATE` to `END`): what `verify`
/// expects to find.
pub(crate) fn triggers() -> Vec<(String, String)> {
    let mut found = Vec::new();
    for m in MIGRATIONS {
        let mut rest = m.sql;
        while let Some(start) = rest.find("CREATE TRIGGER ") {
            let from = &rest[start..];
            let Some(end) = from.find("END;") else { break };
            let statement = &from[..end + "END".len()];
            let name = statement["CREATE TRIGGER ".len()..]
                .split_whitespace()
                .next()
                .unwrap_or_default();
            found.push((name.to_owned(), statement.to_owned()));
            rest = &from[end..];
        }
    }
    found
}

/// The schema version recorded in the database (0 for an empty file).
pub fn current_version(conn: &Connection) -> Result<u32> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    // SQLite keeps any 32-bit number there; only Dossier's own (0 up) are versions.
    u32::try_from(version).map_err(|_| StoreError::SchemaDamaged(version))
}

/// Brings the database up to [`LATEST`].
pub(crate) fn migrate(conn: &mut Connection, at: &str, actor: &str) -> Result<()> {
    migrate_to(conn, LATEST, at, actor)
}

/// Applies migrations up to `target` only.
///
/// Public so that compatibility tests can create a case exactly as an earlier
/// version of Dossier wrote it, then open it with this one.
pub fn migrate_to(conn: &mut Connection, target: u32, at: &str, actor: &str) -> Result<()> {
    let current = current_version(conn)?;
    if current > LATEST {
        return Err(StoreError::SchemaTooNew {
            found: current,
            known: LATEST,
        });
    }
    for m in MIGRATIONS
        .iter()
        .filter(|m| m.version > current && m.version <= target)
    {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the write lock.
        if current_version(&tx)? >= m.version {
            continue;
        }
        tx.execute_batch(m.sql)?;
        if let Some(then) = m.then {
            then(&tx, at, actor)?;
        }
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT",
        )?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            params![m.version, m.name, at],
        )?;
        audit::append(
            &tx,
            at,
            actor,
            "case.migrate",
            &format!("schema:{}", m.version),
            &format!("applied schema migration {} ({})", m.version, m.name),
        )?;
        tx.pragma_update(None, "user_version", m.version)?;
        tx.commit()?;
    }
    Ok(())
}
