//! Read queries that feed the full-text index (`dossier-search`), which is a cache of these
//! rows: a fingerprint of what is indexed per document, the documents themselves, and the
//! text of one passage for a snippet.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use crate::case::Case;
use crate::error::Result;

/// Metadata keys read as the sender of a document (FINGERPRINT_SQL lists them too).
const FROM_KEYS: &[&str] = &["from", "sender"];
/// Metadata keys read as recipients.
const TO_KEYS: &[&str] = &["to", "cc", "bcc"];

/// One document as the search index sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedDocument {
    /// Document id.
    pub id: i64,
    /// Everything below, summarised: when it changes, the index entry is stale.
    pub fingerprint: String,
    /// Kind.
    pub kind: String,
    /// Title.
    pub title: Option<String>,
    /// The document's own date, or else the date it was captured (a policy version).
    pub date: Option<String>,
    /// Tag names.
    pub tags: Vec<String>,
    /// Custodians of its sources.
    pub custodians: Vec<String>,
    /// Sender (from metadata) or else authors.
    pub from: Vec<String>,
    /// Recipients (from metadata).
    pub to: Vec<String>,
    /// Names of the policy series it is a capture of.
    pub series: Vec<String>,
    /// Whole extracted text (empty when none).
    pub text: String,
    /// Pages, numbered from 1.
    pub pages: Vec<(u32, String)>,
}

/// The fingerprint columns, shared by both queries so they always agree.
const FINGERPRINT_SQL: &str = "d.sha256 || '|' || coalesce(d.extractor, '') || '|' ||
    coalesce(d.extractor_version, '') || '|' || d.kind || '|' || coalesce(d.title, '') || '|' ||
    coalesce(d.doc_date, d.captured_at, '') || '|' ||
    coalesce((SELECT group_concat(name, ',') FROM (SELECT t.name FROM document_tags dt
        JOIN tags t ON t.id = dt.tag_id WHERE dt.document_id = d.id ORDER BY t.name)), '') || '|' ||
    coalesce((SELECT group_concat(c, ',') FROM (SELECT DISTINCT custodian AS c FROM sources
        WHERE document_id = d.id AND custodian IS NOT NULL ORDER BY custodian)), '') || '|' ||
    coalesce((SELECT group_concat(n, ',') FROM (SELECT DISTINCT s.name AS n FROM policy_captures pc
        JOIN policy_series s ON s.id = pc.series_id WHERE pc.document_id = d.id ORDER BY s.name)), '') || '|' ||
    coalesce((SELECT group_concat(kv, char(31)) FROM (SELECT key || '=' || value AS kv FROM document_meta
        WHERE document_id = d.id AND key IN ('from', 'sender', 'to', 'cc', 'bcc') ORDER BY key)), '') || '|' ||
    coalesce((SELECT group_concat(name, char(31)) FROM (SELECT name FROM document_authors
        WHERE document_id = d.id ORDER BY position)), '')";

impl Case {
    /// Every document's id and fingerprint, in id order.
    pub fn search_fingerprints(&self) -> Result<Vec<(i64, String)>> {
        let sql = format!("SELECT d.id, {FINGERPRINT_SQL} FROM documents d ORDER BY d.id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The documents with these ids (those that exist), with everything the index holds.
    pub fn search_feed(&self, ids: &[i64]) -> Result<Vec<FeedDocument>> {
        let sql = format!(
            "SELECT d.id, {FINGERPRINT_SQL}, d.kind, d.title, coalesce(d.doc_date, d.captured_at), t.text
             FROM documents d LEFT JOIN document_text t ON t.document_id = d.id WHERE d.id = ?1"
        );
        let mut doc_stmt = self.conn.prepare_cached(&sql)?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let doc = doc_stmt
                .query_row([id], |r| {
                    Ok(FeedDocument {
                        id: r.get(0)?,
                        fingerprint: r.get(1)?,
                        kind: r.get(2)?,
                        title: r.get(3)?,
                        date: r.get(4)?,
                        text: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                        ..FeedDocument::default()
                    })
                })
                .optional()?;
            let Some(mut doc) = doc else { continue };
            doc.pages = self.strings_with_n(
                "SELECT n, text FROM pages WHERE document_id = ?1 ORDER BY n",
                id,
            )?;
            doc.tags = self.strings(
                "SELECT t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id
                 WHERE dt.document_id = ?1 ORDER BY t.name",
                id,
            )?;
            doc.custodians = self.strings(
                "SELECT DISTINCT custodian FROM sources
                 WHERE document_id = ?1 AND custodian IS NOT NULL ORDER BY custodian",
                id,
            )?;
            let meta: HashMap<String, String> = self
                .strings_pairs(
                    "SELECT key, value FROM document_meta WHERE document_id = ?1",
                    id,
                )?
                .into_iter()
                .collect();
            let pick = |keys: &[&str]| -> Vec<String> {
                keys.iter().filter_map(|k| meta.get(*k).cloned()).collect()
            };
            doc.from = pick(FROM_KEYS);
            if doc.from.is_empty() {
                doc.from = self.strings(
                    "SELECT name FROM document_authors WHERE document_id = ?1 ORDER BY position",
                    id,
                )?;
            }
            doc.to = pick(TO_KEYS);
            doc.series = self.strings(
                "SELECT DISTINCT s.name FROM policy_captures pc JOIN policy_series s
                 ON s.id = pc.series_id WHERE pc.document_id = ?1 ORDER BY s.name",
                id,
            )?;
            out.push(doc);
        }
        Ok(out)
    }

    /// The text of one page (`page` ≥ 1) or of the whole document (`page` 0), for a snippet.
    pub fn passage_text(&self, id: i64, page: u32) -> Result<Option<String>> {
        let text = if page == 0 {
            self.conn
                .prepare_cached("SELECT text FROM document_text WHERE document_id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?
        } else {
            self.conn
                .prepare_cached("SELECT text FROM pages WHERE document_id = ?1 AND n = ?2")?
                .query_row(params![id, page], |r| r.get(0))
                .optional()?
        };
        Ok(text)
    }

    fn strings(&self, sql: &str, id: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn strings_pairs(&self, sql: &str, id: i64) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn strings_with_n(&self, sql: &str, id: i64) -> Result<Vec<(u32, String)>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
