//! Read queries that feed the full-text index (`dossier-search`), which is a cache of these
//! rows: a fingerprint of what is indexed per document, the documents themselves, and the
//! text of one passage for a snippet.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, params};

use crate::case::{Case, Change};
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
    coalesce((SELECT group_concat(c, ',') FROM (SELECT DISTINCT custodian AS c FROM sources
        WHERE document_id = d.id AND custodian IS NOT NULL ORDER BY custodian)), '') || '|' ||
    coalesce((SELECT group_concat(n, ',') FROM (SELECT DISTINCT s.name AS n FROM policy_captures pc
        JOIN policy_series s ON s.id = pc.series_id WHERE pc.document_id = d.id ORDER BY s.name)), '') || '|' ||
    coalesce((SELECT group_concat(kv, char(31)) FROM (SELECT key || '=' || value AS kv FROM document_meta
        WHERE document_id = d.id AND key IN ('from', 'sender', 'to', 'cc', 'bcc') ORDER BY key)), '') || '|' ||
    coalesce((SELECT group_concat(name, char(31)) FROM (SELECT name FROM document_authors
        WHERE document_id = d.id ORDER BY position)), '') ||
    coalesce('|ocr:' || (SELECT group_concat(n || '@' || at || '#' || length(text), ',') FROM
        (SELECT n, at, text FROM ocr_corrections WHERE document_id = d.id ORDER BY n)), '')";

/// Audit actions whose rows change what the index holds for one document, named in their
/// target (`document:N`): recorded by the ingest pipeline.
const PIPELINE_ACTIONS: &[&str] = &["document.add", "document.source", "document.reextract"];

/// The SQL condition on `audit_log` rows that may change indexed data: every `document.*`
/// action (added, found again, re-extracted, made a policy capture) but those on what the
/// index does not hold: a review status (`document.review`) and tags (`document.tag`,
/// `document.untag`; searches read tags from the case, so tagging 10,000 documents
/// re-indexes none), and a policy capture joining a series.
const INDEXED_ACTIONS_SQL: &str = "((action LIKE 'document.%'
         AND action NOT IN ('document.review', 'document.tag', 'document.untag'))
     OR action = 'series.capture')";

/// The documents whose indexed data changed after some audit row, read from the audit log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexedChanges {
    /// Documents named by those rows, each once, in order.
    pub documents: Vec<i64>,
    /// A row of an indexed action named no document it could be read from: only comparing
    /// every document with the index can tell what changed.
    pub unreadable: bool,
}

impl Case {
    /// The sequence number of the newest audit row (0 for an empty log): every change to a
    /// case appends one, so this number moves exactly when the case changed. One lookup of
    /// the largest key, whatever the size of the log.
    pub fn audit_seq(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT coalesce(max(seq), 0) FROM audit_log")?
            .query_row([], |r| r.get(0))?)
    }

    /// Whether an audit row after `seq` may have changed what the search index holds. Stops
    /// at the first such row: after an ingest that is the first row read; after chronology
    /// edits only, it reads those edits' rows and no others.
    pub fn indexed_data_changed_after(&self, seq: i64) -> Result<bool> {
        let sql = format!(
            "SELECT EXISTS (SELECT 1 FROM audit_log WHERE seq > ?1 AND {INDEXED_ACTIONS_SQL})"
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([seq], |r| r.get(0))?)
    }

    /// The documents whose indexed data the audit rows after `after` and up to `upto` changed.
    /// With `except_pipeline`, rows the ingest pipeline writes are left out (an ingest feeds
    /// what it records to the index itself and asks only for what others changed meanwhile).
    pub fn indexed_changes(
        &self,
        after: i64,
        upto: i64,
        except_pipeline: bool,
    ) -> Result<IndexedChanges> {
        let sql = format!(
            "SELECT action, target, detail FROM audit_log
             WHERE seq > ?1 AND seq <= ?2 AND {INDEXED_ACTIONS_SQL} ORDER BY seq"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([after, upto], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut changes = IndexedChanges::default();
        let mut seen = HashSet::new();
        for row in rows {
            let (action, target, detail) = row?;
            if except_pipeline && PIPELINE_ACTIONS.contains(&action.as_str()) {
                continue;
            }
            // A capture names its series as target and its document first in the detail.
            let named = if action == "series.capture" {
                detail
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            } else {
                target
            };
            match named
                .strip_prefix("document:")
                .and_then(|id| id.parse::<i64>().ok())
            {
                Some(id) => {
                    if seen.insert(id) {
                        changes.documents.push(id);
                    }
                }
                None => changes.unreadable = true,
            }
        }
        Ok(changes)
    }

    /// Every document's id and fingerprint, in id order.
    pub fn search_fingerprints(&self) -> Result<Vec<(i64, String)>> {
        let sql = format!("SELECT d.id, {FINGERPRINT_SQL} FROM documents d ORDER BY d.id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The documents with these ids (those that exist, each once, in the order given), with
    /// everything the index holds.
    ///
    /// Seven queries for the whole slice, one per table, rather than seven per document: the
    /// index follows every ingest batch through here, and per-document queries made the
    /// feed cost as much SQLite time as recording the batch did.
    pub fn search_feed(&self, ids: &[i64]) -> Result<Vec<FeedDocument>> {
        feed(&self.conn, ids)
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
}

impl Change<'_> {
    /// [`Case::search_feed`] inside this change: what it has recorded so far is included,
    /// though nobody else sees it before it commits. The ingest follows its own records
    /// through this, so the search index is fed the rows SQLite holds, as it is on a rebuild.
    pub fn search_feed(&self, ids: &[i64]) -> Result<Vec<FeedDocument>> {
        feed(&self.tx, ids)
    }
}

/// The documents with these ids, read through `conn` (see [`Case::search_feed`]).
fn feed(conn: &Connection, ids: &[i64]) -> Result<Vec<FeedDocument>> {
    let mut seen = HashSet::with_capacity(ids.len());
    let unique: Vec<i64> = ids.iter().copied().filter(|id| seen.insert(*id)).collect();
    if unique.is_empty() {
        return Ok(Vec::new());
    }
    // The ids as one JSON array parameter, read by `json_each`, so every query is one
    // cached statement whatever the number of ids.
    let id_list = format!(
        "[{}]",
        unique
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",")
    );
    let sql = format!(
            "SELECT d.id, {FINGERPRINT_SQL}, d.kind, d.title, coalesce(d.doc_date, d.captured_at), t.text
             FROM documents d LEFT JOIN document_text t ON t.document_id = d.id
             WHERE d.id IN (SELECT value FROM json_each(?1))"
        );
    let mut docs: HashMap<i64, FeedDocument> = HashMap::with_capacity(unique.len());
    {
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([&id_list], |r| {
            Ok(FeedDocument {
                id: r.get(0)?,
                fingerprint: r.get(1)?,
                kind: r.get(2)?,
                title: r.get(3)?,
                date: r.get(4)?,
                text: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                ..FeedDocument::default()
            })
        })?;
        for doc in rows {
            let doc = doc?;
            docs.insert(doc.id, doc);
        }
    }
    each_row(
        conn,
        "SELECT document_id, n, text FROM pages
             WHERE document_id IN (SELECT value FROM json_each(?1)) ORDER BY document_id, n",
        &id_list,
        |r| {
            let (id, n, text) = (r.get(0)?, r.get(1)?, r.get(2)?);
            if let Some(doc) = docs.get_mut(&id) {
                doc.pages.push((n, text));
            }
            Ok(())
        },
    )?;
    push_names(
        conn,
        "SELECT DISTINCT document_id, custodian FROM sources
             WHERE document_id IN (SELECT value FROM json_each(?1)) AND custodian IS NOT NULL
             ORDER BY document_id, custodian",
        &id_list,
        &mut docs,
        |doc| &mut doc.custodians,
    )?;
    let mut people: HashMap<i64, HashMap<String, String>> = HashMap::new();
    each_row(
        conn,
        "SELECT document_id, key, value FROM document_meta
             WHERE document_id IN (SELECT value FROM json_each(?1))
             AND key IN ('from', 'sender', 'to', 'cc', 'bcc')",
        &id_list,
        |r| {
            people
                .entry(r.get(0)?)
                .or_default()
                .insert(r.get(1)?, r.get(2)?);
            Ok(())
        },
    )?;
    let mut authors: HashMap<i64, Vec<String>> = HashMap::new();
    each_row(
        conn,
        "SELECT document_id, name FROM document_authors
             WHERE document_id IN (SELECT value FROM json_each(?1)) ORDER BY document_id, position",
        &id_list,
        |r| {
            authors.entry(r.get(0)?).or_default().push(r.get(1)?);
            Ok(())
        },
    )?;
    push_names(
        conn,
        "SELECT DISTINCT pc.document_id, s.name FROM policy_captures pc
             JOIN policy_series s ON s.id = pc.series_id
             WHERE pc.document_id IN (SELECT value FROM json_each(?1))
             ORDER BY pc.document_id, s.name",
        &id_list,
        &mut docs,
        |doc| &mut doc.series,
    )?;
    let mut out = Vec::with_capacity(docs.len());
    for id in unique {
        let Some(mut doc) = docs.remove(&id) else {
            continue;
        };
        let meta = people.remove(&id).unwrap_or_default();
        let pick = |keys: &[&str]| -> Vec<String> {
            keys.iter().filter_map(|k| meta.get(*k).cloned()).collect()
        };
        doc.from = pick(FROM_KEYS);
        if doc.from.is_empty() {
            doc.from = authors.remove(&id).unwrap_or_default();
        }
        doc.to = pick(TO_KEYS);
        out.push(doc);
    }
    Ok(out)
}

/// Runs `sql` (rows of a document id and a name) and appends each name to the list `list`
/// picks in the document of that id.
fn push_names(
    conn: &Connection,
    sql: &str,
    id_list: &str,
    docs: &mut HashMap<i64, FeedDocument>,
    list: fn(&mut FeedDocument) -> &mut Vec<String>,
) -> Result<()> {
    each_row(conn, sql, id_list, |r| {
        if let Some(doc) = docs.get_mut(&r.get(0)?) {
            list(doc).push(r.get(1)?);
        }
        Ok(())
    })
}

/// Runs `sql` with the JSON array of ids as its one parameter, handing each row to `each`.
fn each_row(
    conn: &Connection,
    sql: &str,
    id_list: &str,
    mut each: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([id_list])?;
    while let Some(row) = rows.next()? {
        each(row)?;
    }
    Ok(())
}

/// The tags and custodians of a document, as a list of hits shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentLabels {
    /// Tag names, sorted.
    pub tags: Vec<String>,
    /// Custodians of its sources, sorted, each once.
    pub custodians: Vec<String>,
}

impl Case {
    /// The tags and custodians of each of these documents (those without any are absent):
    /// two queries for the whole list, for an export of every hit of a search.
    pub fn document_labels(&self, ids: &[i64]) -> Result<HashMap<i64, DocumentLabels>> {
        let id_list = format!(
            "[{}]",
            ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
        );
        let mut labels: HashMap<i64, DocumentLabels> = HashMap::new();
        each_row(
            &self.conn,
            "SELECT dt.document_id, t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id
                 WHERE dt.document_id IN (SELECT value FROM json_each(?1))
                 ORDER BY dt.document_id, t.name",
            &id_list,
            |r| {
                labels.entry(r.get(0)?).or_default().tags.push(r.get(1)?);
                Ok(())
            },
        )?;
        each_row(
            &self.conn,
            "SELECT DISTINCT document_id, custodian FROM sources
                 WHERE document_id IN (SELECT value FROM json_each(?1)) AND custodian IS NOT NULL
                 ORDER BY document_id, custodian",
            &id_list,
            |r| {
                labels
                    .entry(r.get(0)?)
                    .or_default()
                    .custodians
                    .push(r.get(1)?);
                Ok(())
            },
        )?;
        Ok(labels)
    }
}
