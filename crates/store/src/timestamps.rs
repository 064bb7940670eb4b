//! Trusted timestamps (RFC 3161) of originals: the requests Dossier wrote and the tokens
//! the authorities sent back, with what each token states. This crate stores them without
//! reading them; `dossier-timestamp` writes the requests and verifies the tokens, and the
//! api checks every token again in `verify`.
//!
//! Writing a request and importing its answer are audited, each audit row carrying the
//! timestamp's whole state after it (`audited_state.rs`, the token as hex), so a token or a
//! stated time changed behind the log's back is named by `verify`. They are not chronology
//! edits: `undo` passes them over.

use rusqlite::{OptionalExtension, params};

use crate::audited_state::Audited;
use crate::case::{Case, Change};
use crate::error::{Result, StoreError};

/// A timestamp as stored: a request, answered once its token is imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampRecord {
    /// Its id.
    pub id: i64,
    /// The document whose original it covers.
    pub document: i64,
    /// The SHA-256 requested over (the original's, when requested), hex.
    pub sha256: String,
    /// The nonce the answer must carry, hex.
    pub nonce: String,
    /// When the request was written.
    pub requested_at: String,
    /// The authority's answer, once imported.
    pub token: Option<ImportedToken>,
}

/// What an imported token is and states (read from it after its signature verified).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedToken {
    /// The TimeStampToken (CMS ContentInfo), DER, exactly as the authority sent it.
    pub der: Vec<u8>,
    /// When it was imported.
    pub imported_at: String,
    /// When the authority saw the hash (its genTime), RFC 3339.
    pub gen_time: String,
    /// The authority's name.
    pub tsa: String,
    /// The token's serial number, hex.
    pub serial: String,
    /// The authority's policy OID.
    pub policy: String,
}

impl Change<'_> {
    /// Records a request written over document `document`'s original; returns its id.
    pub fn add_timestamp_request(&self, document: i64, sha256: &str, nonce: &str) -> Result<i64> {
        self.tx.execute(
            "INSERT INTO timestamps (document_id, sha256, nonce, requested_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![document, sha256, nonce, self.at],
        )?;
        let id = self.tx.last_insert_rowid();
        self.record_timestamp(
            "timestamp.request",
            id,
            &format!("document {document}: SHA-256 {sha256}, nonce {nonce}"),
        )?;
        Ok(id)
    }

    /// Stores the verified answer to request `id`. Refuses a request already answered.
    pub fn import_timestamp_token(&self, id: i64, token: &ImportedToken) -> Result<()> {
        let changed = self.tx.execute(
            "UPDATE timestamps SET token = ?2, imported_at = ?3, gen_time = ?4, tsa = ?5,
                 serial = ?6, policy = ?7
             WHERE id = ?1 AND token IS NULL",
            params![
                id,
                token.der,
                self.at,
                token.gen_time,
                token.tsa,
                token.serial,
                token.policy
            ],
        )?;
        if changed == 0 {
            return Err(StoreError::Refused(format!(
                "timestamp request {id} does not exist or is already answered"
            )));
        }
        self.record_timestamp(
            "timestamp.import",
            id,
            &format!(
                "timestamped by {} at {} (serial {}, policy {})",
                token.tsa, token.gen_time, token.serial, token.policy
            ),
        )
    }

    fn record_timestamp(&self, action: &str, id: i64, detail: &str) -> Result<()> {
        let row = Audited::Timestamp(id);
        self.record_state(action, &row.key(), detail, row)
    }
}

const SELECT: &str = "SELECT id, document_id, sha256, nonce, requested_at, token, imported_at,
        gen_time, tsa, serial, policy FROM timestamps";

impl Case {
    /// Every timestamp of document `document` (requests and answers), oldest first.
    pub fn timestamps_of(&self, document: i64) -> Result<Vec<TimestampRecord>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT} WHERE document_id = ?1 ORDER BY id"))?;
        let rows = stmt.query_map([document], record)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every timestamp of the case, oldest first.
    pub fn timestamps(&self) -> Result<Vec<TimestampRecord>> {
        let mut stmt = self.conn.prepare(&format!("{SELECT} ORDER BY id"))?;
        let rows = stmt.query_map([], record)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Timestamp `id`, unless there is none.
    pub fn timestamp(&self, id: i64) -> Result<Option<TimestampRecord>> {
        Ok(self
            .conn
            .query_row(&format!("{SELECT} WHERE id = ?1"), [id], record)
            .optional()?)
    }
}

fn record(r: &rusqlite::Row<'_>) -> rusqlite::Result<TimestampRecord> {
    let der: Option<Vec<u8>> = r.get(5)?;
    let token = match der {
        Some(der) => Some(ImportedToken {
            der,
            imported_at: r.get(6)?,
            gen_time: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
            tsa: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
            serial: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
            policy: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
        }),
        None => None,
    };
    Ok(TimestampRecord {
        id: r.get(0)?,
        document: r.get(1)?,
        sha256: r.get(2)?,
        nonce: r.get(3)?,
        requested_at: r.get(4)?,
        token,
    })
}
