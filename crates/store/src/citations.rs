//! Citations: an event's link to a passage of a document. Each stores the quote as given,
//! where it was found (a W3C TextQuoteSelector: exact text, prefix and suffix; character
//! offsets into its page) and the SHA-256 of the document it was made against, so that it
//! can be re-checked against the text the case holds now.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use crate::case::{Case, Change};
use crate::error::{Result, StoreError};
use crate::undo::{Audit, Step};

/// Where a passage is, as a W3C TextQuoteSelector plus offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanRecord {
    /// The quote as given.
    pub quote: String,
    /// The text exactly as the page has it.
    pub exact: String,
    /// Text before it.
    pub prefix: String,
    /// Text after it.
    pub suffix: String,
    /// Character offset of its start in the page (or the whole text).
    pub start: i64,
    /// Character offset just past its end.
    pub end: i64,
}

/// A citation to record.
#[derive(Debug, Clone)]
pub struct NewCitation {
    /// The event it supports, contradicts or gives context to.
    pub event: i64,
    /// The document cited.
    pub document: i64,
    /// `supports`, `contradicts` or `context`.
    pub relation: String,
    /// Page, from 1 (`None` for a document without pages).
    pub page: Option<u32>,
    /// The passage quoted, if any.
    pub span: Option<SpanRecord>,
    /// SHA-256 of the document's original when the citation was made.
    pub sha256: String,
}

/// A citation as stored, with what the case now holds for its document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationRecord {
    /// Citation id.
    pub id: i64,
    /// The event.
    pub event: i64,
    /// The document.
    pub document: i64,
    /// The relation.
    pub relation: String,
    /// The page.
    pub page: Option<u32>,
    /// The passage.
    pub span: Option<SpanRecord>,
    /// SHA-256 recorded when the citation was made.
    pub sha256: String,
    /// SHA-256 of the document's original now.
    pub document_sha256: String,
    /// When it was made.
    pub created_at: String,
    /// When the user withdrew it, if they did.
    pub withdrawn_at: Option<String>,
}

impl Change<'_> {
    /// Records a citation of a document for an event.
    pub fn add_citation(&self, c: &NewCitation) -> Result<i64> {
        let s = c.span.as_ref();
        self.tx.execute(
            "INSERT INTO citations (event_id, document_id, relation, page, quote, exact, prefix,
                 suffix, start_offset, end_offset, sha256, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                c.event,
                c.document,
                c.relation,
                c.page,
                s.map(|s| &s.quote),
                s.map(|s| &s.exact),
                s.map(|s| &s.prefix),
                s.map(|s| &s.suffix),
                s.map(|s| s.start),
                s.map(|s| s.end),
                c.sha256,
                self.at
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        self.tx.execute(
            "UPDATE events SET updated_at = ?2 WHERE id = ?1",
            params![c.event, self.at],
        )?;
        let page = c.page.map(|p| format!(" p. {p}")).unwrap_or_default();
        let quote = s.map(|s| format!(": {:?}", s.quote)).unwrap_or_default();
        self.record_step(
            Audit {
                action: "citation.add",
                target: &format!("citation:{id}"),
                detail: &format!(
                    "event {} {} document {}{page} (sha256 {}){quote}",
                    c.event, c.relation, c.document, c.sha256
                ),
            },
            Step {
                action: "citation.add",
                subject: id,
                detail: "",
            },
        )?;
        Ok(id)
    }

    /// Withdraws a citation (the undo of citing): kept with its audit trail, out of the
    /// chronology until reinstated. Returns its event.
    pub fn withdraw_citation(&self, id: i64) -> Result<i64> {
        self.set_withdrawn(id, true)
    }

    /// Reinstates a withdrawn citation (the undo of withdrawing). Returns its event.
    pub fn reinstate_citation(&self, id: i64) -> Result<i64> {
        self.set_withdrawn(id, false)
    }

    fn set_withdrawn(&self, id: i64, withdraw: bool) -> Result<i64> {
        let row: Option<(i64, i64, Option<String>)> = self
            .tx
            .query_row(
                "SELECT event_id, document_id, withdrawn_at FROM citations WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (event, document, withdrawn_at) = row.ok_or(StoreError::NotFound {
            kind: "citation",
            id,
        })?;
        if withdrawn_at.is_some() == withdraw {
            let state = if withdraw {
                "already withdrawn"
            } else {
                "not withdrawn"
            };
            return Err(StoreError::Refused(format!("citation {id} is {state}")));
        }
        let at = withdraw.then_some(self.at.as_str());
        self.tx.execute(
            "UPDATE citations SET withdrawn_at = ?2 WHERE id = ?1",
            params![id, at],
        )?;
        self.tx.execute(
            "UPDATE events SET updated_at = ?2 WHERE id = ?1",
            params![event, self.at],
        )?;
        let action = if withdraw {
            "citation.withdraw"
        } else {
            "citation.reinstate"
        };
        self.record_step(
            Audit {
                action,
                target: &format!("citation:{id}"),
                detail: &format!("event {event}, document {document}"),
            },
            Step {
                action,
                subject: id,
                detail: "",
            },
        )?;
        Ok(event)
    }
}

const CITATION_SQL: &str = "SELECT c.id, c.event_id, c.document_id, c.relation, c.page, c.quote,
        c.exact, c.prefix, c.suffix, c.start_offset, c.end_offset, c.sha256, d.sha256, c.created_at,
        c.withdrawn_at
     FROM citations c JOIN documents d ON d.id = c.document_id";

fn citation_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CitationRecord> {
    let quote: Option<String> = r.get(5)?;
    Ok(CitationRecord {
        id: r.get(0)?,
        event: r.get(1)?,
        document: r.get(2)?,
        relation: r.get(3)?,
        page: r.get(4)?,
        span: match quote {
            Some(quote) => Some(SpanRecord {
                quote,
                exact: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                prefix: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                suffix: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                start: r.get::<_, Option<i64>>(9)?.unwrap_or_default(),
                end: r.get::<_, Option<i64>>(10)?.unwrap_or_default(),
            }),
            None => None,
        },
        sha256: r.get(11)?,
        document_sha256: r.get(12)?,
        created_at: r.get(13)?,
        withdrawn_at: r.get(14)?,
    })
}

impl Case {
    /// Every citation not withdrawn (of deleted events too: `verify` checks them all), in
    /// id order.
    pub fn citations(&self) -> Result<Vec<CitationRecord>> {
        let mut stmt = self.conn.prepare(&format!(
            "{CITATION_SQL} WHERE c.withdrawn_at IS NULL ORDER BY c.id"
        ))?;
        let rows = stmt.query_map([], citation_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every withdrawn citation, in id order: out of the chronology, still on record.
    pub fn withdrawn_citations(&self) -> Result<Vec<CitationRecord>> {
        let mut stmt = self.conn.prepare(&format!(
            "{CITATION_SQL} WHERE c.withdrawn_at IS NOT NULL ORDER BY c.id"
        ))?;
        let rows = stmt.query_map([], citation_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One citation.
    pub fn citation(&self, id: i64) -> Result<CitationRecord> {
        self.conn
            .query_row(
                &format!("{CITATION_SQL} WHERE c.id = ?1"),
                [id],
                citation_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                kind: "citation",
                id,
            })
    }

    /// The text a citation's offsets count in: the page's, or the whole text's for a
    /// document without pages (page `None` or 1). `None` when there is no such text.
    pub fn cited_text(&self, document: i64, page: Option<u32>) -> Result<Option<String>> {
        let paged: Option<String> = match page {
            Some(n) => self
                .conn
                .query_row(
                    "SELECT text FROM pages WHERE document_id = ?1 AND n = ?2",
                    params![document, n],
                    |r| r.get(0),
                )
                .optional()?,
            None => None,
        };
        if paged.is_some() {
            return Ok(paged);
        }
        let has_pages: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM pages WHERE document_id = ?1)",
            [document],
            |r| r.get(0),
        )?;
        if has_pages || page.is_some_and(|n| n > 1) {
            return Ok(None);
        }
        Ok(self
            .conn
            .query_row(
                "SELECT text FROM document_text WHERE document_id = ?1",
                [document],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The texts every citation counts in, loaded in two queries: (document, page) → text,
    /// with page `None` for documents without pages.
    pub fn cited_texts(&self) -> Result<HashMap<(i64, Option<u32>), String>> {
        let mut out = HashMap::new();
        // Driven from the citations (CROSS JOIN keeps them the outer loop): reading every
        // page or text to test it against the citations took 200 ms at 302,000 documents.
        let mut stmt = self.conn.prepare(
            "SELECT p.document_id, p.n, p.text
             FROM (SELECT DISTINCT document_id, page FROM citations WHERE page IS NOT NULL) c
             CROSS JOIN pages p ON p.document_id = c.document_id AND p.n = c.page",
        )?;
        for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
            let (doc, n, text): (i64, u32, String) = row?;
            out.insert((doc, Some(n)), text);
        }
        let mut stmt = self.conn.prepare(
            "SELECT t.document_id, t.text
             FROM (SELECT DISTINCT document_id FROM citations) c
             CROSS JOIN document_text t ON t.document_id = c.document_id
             WHERE NOT EXISTS (SELECT 1 FROM pages p WHERE p.document_id = t.document_id)",
        )?;
        for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))? {
            let (doc, text): (i64, String) = row?;
            out.insert((doc, None), text);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ContentHash;
    use crate::events::tests::{case_with_document, state};

    #[test]
    fn a_citation_counts_offsets_in_its_page_or_the_whole_text() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut case = case_with_document(dir.path(), 2);
        let change = case.begin_change().expect("change");
        let event = change.add_event(&state("Filed")).expect("event");
        let id = change
            .add_citation(&NewCitation {
                event,
                document: 1,
                relation: "supports".into(),
                page: Some(2),
                span: Some(SpanRecord {
                    quote: "text".into(),
                    exact: "text".into(),
                    prefix: "page 2 ".into(),
                    suffix: String::new(),
                    start: 7,
                    end: 11,
                }),
                sha256: ContentHash::of(b"an original").to_string(),
            })
            .expect("citation");
        let missing = change.add_citation(&NewCitation {
            event,
            document: 42,
            relation: "supports".into(),
            page: None,
            span: None,
            sha256: "0".repeat(64),
        });
        assert!(missing.is_err(), "the document must exist");
        change.commit().expect("commit");
        let c = case.citation(id).expect("read");
        assert_eq!(c.sha256, c.document_sha256);
        assert_eq!(
            case.cited_text(1, Some(2)).expect("text").as_deref(),
            Some("page 2 text")
        );
        assert_eq!(case.cited_text(1, Some(3)).expect("text"), None);
        assert_eq!(
            case.cited_texts().expect("texts").len(),
            1,
            "only cited pages are loaded"
        );
    }
}
