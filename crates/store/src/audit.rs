//! The audit log: an append-only, hash-chained record of every change to a case.
//!
//! Each row stores the hash of the row before it and its own hash over
//! `(prev_hash, seq, at, actor, action, target, detail)`, followed by `(state_of, state)`
//! when the row carries the state of the chronology row it changed (schema 6 on; see
//! `audited_state.rs`). Triggers refuse updates and deletes; if someone bypasses them (or
//! edits the file by hand), [`check_chain`] finds the first row whose stored hash no longer
//! matches its content or its predecessor, and `verify` reports a missing trigger.

use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::case::execute_cached;
use crate::error::Result;
use crate::hash::hex;

/// The `prev_hash` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One row of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Position in the log, starting at 1.
    pub seq: i64,
    /// When the change was made (RFC 3339, UTC).
    pub at: String,
    /// Who made it (the operating-system user unless told otherwise).
    pub actor: String,
    /// What kind of change, e.g. `document.add`.
    pub action: String,
    /// What it changed, e.g. `document:12`.
    pub target: String,
    /// Human-readable particulars.
    pub detail: String,
    /// The chronology row whose state after this change the row records (`event:3`), and
    /// that state; `None` for rows that change no chronology row and rows before schema 6.
    pub state: Option<(String, String)>,
    /// Hash of the previous row ([`GENESIS`] for the first).
    pub prev_hash: String,
    /// Hash of this row.
    pub hash: String,
}

/// A break in the chain found by [`check_chain`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    /// The row at which the chain stops verifying.
    pub seq: i64,
    /// Why.
    pub reason: String,
}

/// Appends a row. Must be called inside the transaction that makes the change it records.
pub(crate) fn append(
    conn: &Connection,
    at: &str,
    actor: &str,
    action: &str,
    target: &str,
    detail: &str,
) -> Result<AuditEntry> {
    append_state(conn, at, actor, action, target, detail, None)
}

/// Appends a row that also records the state of the chronology row it changed, as
/// `(state_of, state)`.
pub(crate) fn append_state(
    conn: &Connection,
    at: &str,
    actor: &str,
    action: &str,
    target: &str,
    detail: &str,
    state: Option<(&str, &str)>,
) -> Result<AuditEntry> {
    let last: Option<(i64, String)> = conn
        .prepare_cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_owned()),
    };
    let entry = AuditEntry {
        seq,
        at: at.to_owned(),
        actor: actor.to_owned(),
        action: action.to_owned(),
        target: target.to_owned(),
        detail: detail.to_owned(),
        state: state.map(|(of, s)| (of.to_owned(), s.to_owned())),
        prev_hash,
        hash: String::new(),
    };
    let hash = entry.computed_hash();
    // Before schema 6 (while migrating an older case) the table has no state columns, and
    // a row without a state names none of them.
    let mut values: Vec<&dyn rusqlite::ToSql> = vec![
        &seq,
        &at,
        &actor,
        &action,
        &target,
        &detail,
        &entry.prev_hash,
        &hash,
    ];
    let sql = match &state {
        None => {
            "INSERT INTO audit_log (seq, at, actor, action, target, detail, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        }
        Some((of, state)) => {
            values.extend([of as &dyn rusqlite::ToSql, state]);
            "INSERT INTO audit_log (seq, at, actor, action, target, detail, prev_hash, hash,
                                    state_of, state)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        }
    };
    execute_cached(conn, sql, rusqlite::params_from_iter(values))?;
    Ok(AuditEntry { hash, ..entry })
}

/// The newest row: the chain's head, which a seal keeps outside the case.
pub fn head(conn: &Connection) -> Result<Option<AuditEntry>> {
    Ok(select(conn, "ORDER BY seq DESC LIMIT 1")?.pop())
}

/// Every row, oldest first.
pub fn entries(conn: &Connection) -> Result<Vec<AuditEntry>> {
    select(conn, "ORDER BY seq")
}

/// The newest `n` rows, oldest first: what "recent activity" shows, read without the
/// rest of the log (hundreds of thousands of rows after a large ingest).
pub fn last_entries(conn: &Connection, n: u64) -> Result<Vec<AuditEntry>> {
    let n = n.min(i64::MAX as u64);
    let mut rows = select(conn, &format!("ORDER BY seq DESC LIMIT {n}"))?;
    rows.reverse();
    Ok(rows)
}

/// The newest row before `before` (the newest of all without it).
pub fn newest_before(conn: &Connection, before: Option<i64>) -> Result<Option<AuditEntry>> {
    let before = before.unwrap_or(i64::MAX);
    Ok(select(
        conn,
        &format!("WHERE seq < {before} ORDER BY seq DESC LIMIT 1"),
    )?
    .pop())
}

/// The row at `seq`.
pub fn entry(conn: &Connection, seq: i64) -> Result<Option<AuditEntry>> {
    Ok(select(conn, &format!("WHERE seq = {seq}"))?.pop())
}

/// The run of rows that ends with `newest`, going back while each has its actor and one of
/// `actions` (and, with `same_detail`, its detail): the first row's seq and how many rows
/// the run holds. One query that walks the log backwards inside SQLite, so a bulk edit of
/// 300,000 rows is counted without reading them out.
pub fn run_ending_at(
    conn: &Connection,
    newest: &AuditEntry,
    actions: [&str; 2],
    same_detail: bool,
) -> Result<(i64, u64)> {
    // Walks back from `newest` and stops at the first row outside the run.
    let boundary: i64 = conn
        .query_row(
            "SELECT seq FROM audit_log
             WHERE seq < ?1
               AND (actor <> ?2 OR (action <> ?3 AND action <> ?4) OR (?5 AND detail <> ?6))
             ORDER BY seq DESC LIMIT 1",
            rusqlite::params![
                newest.seq,
                newest.actor,
                actions[0],
                actions[1],
                same_detail,
                newest.detail
            ],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0);
    let (first, count): (i64, i64) = conn.query_row(
        "SELECT min(seq), count(*) FROM audit_log WHERE seq > ?1 AND seq <= ?2",
        [boundary, newest.seq],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((first, count.unsigned_abs()))
}

/// How many rows from `first` to `last` (inclusive) have `action`.
pub fn count_action(conn: &Connection, first: i64, last: i64, action: &str) -> Result<u64> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM audit_log WHERE seq >= ?1 AND seq <= ?2 AND action = ?3",
        rusqlite::params![first, last, action],
        |r| r.get(0),
    )?;
    Ok(n.unsigned_abs())
}

fn select(conn: &Connection, order: &str) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT seq, at, actor, action, target, detail, prev_hash, hash, state_of, state
         FROM audit_log {order}"
    ))?;
    let rows = stmt.query_map([], |r| {
        let state_of: Option<String> = r.get(8)?;
        let state: Option<String> = r.get(9)?;
        Ok(AuditEntry {
            seq: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            target: r.get(4)?,
            detail: r.get(5)?,
            prev_hash: r.get(6)?,
            hash: r.get(7)?,
            state: state_of.map(|of| (of, state.unwrap_or_default())),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Re-derives every row's hash and link; returns each row where the chain breaks.
pub fn check_chain(conn: &Connection) -> Result<Vec<ChainBreak>> {
    let mut breaks = Vec::new();
    let mut expected_prev = GENESIS.to_owned();
    let mut expected_seq = 1;
    for e in entries(conn)? {
        if e.seq != expected_seq {
            breaks.push(ChainBreak {
                seq: e.seq,
                reason: format!("expected row {expected_seq} here: rows are missing"),
            });
        }
        if e.prev_hash != expected_prev {
            breaks.push(ChainBreak {
                seq: e.seq,
                reason:
                    "does not link to the row before it (a row was removed, inserted or edited)"
                        .into(),
            });
        }
        let recomputed = e.computed_hash();
        if recomputed != e.hash {
            breaks.push(ChainBreak {
                seq: e.seq,
                reason: format!(
                    "content does not match its hash (edited after it was written: {} {})",
                    e.action, e.target
                ),
            });
        }
        expected_prev = e.hash;
        expected_seq = e.seq + 1;
    }
    Ok(breaks)
}

impl AuditEntry {
    /// The hash this row's content and predecessor give.
    fn computed_hash(&self) -> String {
        let mut h = Sha256::new();
        let seq = self.seq.to_string();
        let mut fields = vec![
            self.prev_hash.as_str(),
            &seq,
            &self.at,
            &self.actor,
            &self.action,
            &self.target,
            &self.detail,
        ];
        if let Some((of, state)) = &self.state {
            fields.extend([of.as_str(), state.as_str()]);
        }
        // Unit separator between fields, so no two different rows hash the same text.
        for field in fields {
            h.update(field.as_bytes());
            h.update([0x1f]);
        }
        hex(h.finalize().as_slice())
    }
}
