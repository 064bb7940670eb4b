//! The audit log: an append-only, hash-chained record of every change to a case.
//!
//! Each row stores the hash of the row before it and its own hash over
//! `(prev_hash, seq, at, actor, action, target, detail)`. Triggers refuse updates and
//! deletes; if someone bypasses them (or edits the file by hand), [`check_chain`] finds
//! the first row whose stored hash no longer matches its content or its predecessor.

use rusqlite::{Connection, params};
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
    let hash = row_hash(&prev_hash, seq, at, actor, action, target, detail);
    execute_cached(
        conn,
        "INSERT INTO audit_log (seq, at, actor, action, target, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![seq, at, actor, action, target, detail, prev_hash, hash],
    )?;
    Ok(AuditEntry {
        seq,
        at: at.to_owned(),
        actor: actor.to_owned(),
        action: action.to_owned(),
        target: target.to_owned(),
        detail: detail.to_owned(),
        prev_hash,
        hash,
    })
}

/// Every row, oldest first.
pub fn entries(conn: &Connection) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, action, target, detail, prev_hash, hash FROM audit_log ORDER BY seq",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(AuditEntry {
            seq: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            target: r.get(4)?,
            detail: r.get(5)?,
            prev_hash: r.get(6)?,
            hash: r.get(7)?,
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
        let recomputed = row_hash(
            &e.prev_hash,
            e.seq,
            &e.at,
            &e.actor,
            &e.action,
            &e.target,
            &e.detail,
        );
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

fn row_hash(
    prev_hash: &str,
    seq: i64,
    at: &str,
    actor: &str,
    action: &str,
    target: &str,
    detail: &str,
) -> String {
    let mut h = Sha256::new();
    // Unit separator between fields, so no two different rows hash the same text.
    for field in [
        prev_hash,
        &seq.to_string(),
        at,
        actor,
        action,
        target,
        detail,
    ] {
        h.update(field.as_bytes());
        h.update([0x1f]);
    }
    hex(h.finalize().as_slice())
}
