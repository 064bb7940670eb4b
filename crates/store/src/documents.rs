//! Documents: rows that describe an original, its extracted text and metadata, and
//! every place it was found.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::str::FromStr;

use rusqlite::{OptionalExtension, Row, params};

use crate::case::{Case, Change, execute_cached};
use crate::error::{Result, StoreError};
use crate::hash::ContentHash;
use crate::ocr::OcrPageRecord;

/// The status detail of a document whose original was stored without extraction
/// (`ingest --no-extract`: keep the originals now, read them later). Its status is
/// `skipped`, with no extractor; ingesting the same original again without `--no-extract`
/// extracts it in place (same id, sources kept), children included.
pub const NOT_EXTRACTED_YET: &str =
    "not extracted yet: stored with --no-extract; ingest the same files again to extract them";

/// What became of an original when it was ingested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocStatus {
    /// Text and metadata were extracted.
    Ok,
    /// An extractor accepted the file but could not read it; the original is kept.
    Failed,
    /// No extractor applies (unknown binary, empty file); the original is kept, with no text.
    Skipped,
}

impl DocStatus {
    /// The word stored in the database and printed by the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            DocStatus::Ok => "ok",
            DocStatus::Failed => "failed",
            DocStatus::Skipped => "skipped",
        }
    }
}

impl fmt::Display for DocStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DocStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "ok" => Ok(DocStatus::Ok),
            "failed" => Ok(DocStatus::Failed),
            "skipped" => Ok(DocStatus::Skipped),
            other => Err(format!("unknown document status {other:?}")),
        }
    }
}

/// Everything needed to record a newly ingested original.
#[derive(Debug, Clone)]
pub struct NewDocument {
    /// The original's hash; the object must already be in the object store.
    pub hash: ContentHash,
    /// The original's size in bytes.
    pub size: u64,
    /// The container it came out of, if any.
    pub parent: Option<i64>,
    /// `article`, `filing`, `email`, `policy`, `attachment`, `text` or `other`.
    pub kind: String,
    /// Title, if the format carries one.
    pub title: Option<String>,
    /// The document's own date (published, sent, filed).
    pub doc_date: Option<String>,
    /// The date the document claims for itself ("last updated").
    pub claimed_date: Option<String>,
    /// When this copy was captured.
    pub captured_at: Option<String>,
    /// Where the document was published, if known.
    pub source_url: Option<String>,
    /// The media type the extractor recognised.
    pub media_type: Option<String>,
    /// Outcome of extraction.
    pub status: DocStatus,
    /// Why the status is not `ok`, or warnings when it is.
    pub status_detail: Option<String>,
    /// Name of the extractor that produced the text.
    pub extractor: Option<String>,
    /// Version of that extractor, so stale extractions can be found and redone.
    pub extractor_version: Option<u32>,
    /// Authors in byline order.
    pub authors: Vec<String>,
    /// Format-specific metadata.
    pub meta: BTreeMap<String, String>,
    /// The whole extracted text.
    pub text: Option<String>,
    /// Text per page, for paginated formats (page 1 first).
    pub pages: Vec<String>,
    /// What OCR read on the pages it read (their text is also in `pages`).
    pub ocr: Vec<OcrPageRecord>,
}

impl NewDocument {
    /// The row of an original nothing has been extracted from yet: kind `other`, status
    /// `skipped`, no title, dates, text or metadata. Ingest starts every document from it and
    /// fills in what extraction finds; tests start from it and set only what they check.
    pub fn unextracted(hash: ContentHash, size: u64) -> Self {
        NewDocument {
            hash,
            size,
            parent: None,
            kind: "other".into(),
            title: None,
            doc_date: None,
            claimed_date: None,
            captured_at: None,
            source_url: None,
            media_type: None,
            status: DocStatus::Skipped,
            status_detail: None,
            extractor: None,
            extractor_version: None,
            authors: Vec::new(),
            meta: BTreeMap::new(),
            text: None,
            pages: Vec::new(),
            ocr: Vec::new(),
        }
    }
}

/// One place an original was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSource {
    /// The path as given or found by the walk.
    pub path: String,
    /// Whose files these were.
    pub custodian: Option<String>,
    /// The folder it was found in, within what was ingested (`maildir/lay-k/inbox`); for a
    /// message of a mailbox file, the mailbox's path. None for a file named by itself.
    pub folder: Option<String>,
}

/// A line in a document listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSummary {
    /// Document id.
    pub id: i64,
    /// Document kind.
    pub kind: String,
    /// Title, if any.
    pub title: Option<String>,
    /// The document's own date.
    pub date: Option<String>,
    /// Hash of the original.
    pub sha256: String,
    /// Container document, if any.
    pub parent: Option<i64>,
}

/// A recorded source of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRecord {
    /// Path it was ingested from.
    pub path: String,
    /// Whose it was.
    pub custodian: Option<String>,
    /// When this source was recorded.
    pub ingested_at: String,
}

/// Everything the case knows about one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRecord {
    /// The listing fields.
    pub summary: DocumentSummary,
    /// Size of the original in bytes.
    pub size: u64,
    /// Date the document claims for itself.
    pub claimed_date: Option<String>,
    /// Capture date.
    pub captured_at: Option<String>,
    /// When it entered the case.
    pub ingested_at: String,
    /// Where it was published.
    pub source_url: Option<String>,
    /// Recognised media type.
    pub media_type: Option<String>,
    /// Extraction outcome.
    pub status: DocStatus,
    /// Reason or warnings.
    pub status_detail: Option<String>,
    /// Extractor name.
    pub extractor: Option<String>,
    /// Extractor version.
    pub extractor_version: Option<u32>,
    /// Authors in order.
    pub authors: Vec<String>,
    /// Every place it was found.
    pub sources: Vec<SourceRecord>,
    /// Format-specific metadata.
    pub meta: BTreeMap<String, String>,
    /// Extracted text.
    pub text: Option<String>,
    /// Text per page, numbered from 1.
    pub pages: Vec<(u32, String)>,
    /// Documents extracted from this one.
    pub children: Vec<i64>,
}

/// Which documents a listing returns.
#[derive(Debug, Clone, Default)]
pub struct DocumentFilter {
    /// Only this kind.
    pub kind: Option<String>,
    /// Only documents with this tag.
    pub tag: Option<String>,
}

impl Change<'_> {
    /// Records a new document with its first source. The original must already be stored.
    pub fn add_document(&self, doc: &NewDocument, source: &NewSource) -> Result<i64> {
        if !self.has_object(&doc.hash) {
            return Err(StoreError::io(
                self.objects.path_of(&doc.hash),
                std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "the original must be stored before its document is recorded",
                ),
            ));
        }
        self.new_names
            .borrow_mut()
            .insert(self.objects.shard_of(&doc.hash));
        let tx = &self.tx;
        execute_cached(
            tx,
            "INSERT OR IGNORE INTO objects (sha256, size, stored_at) VALUES (?1, ?2, ?3)",
            params![doc.hash.as_str(), doc.size as i64, self.at],
        )?;
        execute_cached(
            tx,
            "INSERT INTO documents (sha256, parent_id, kind, title, doc_date, claimed_date,
                 captured_at, ingested_at, source_url, media_type, status, status_detail,
                 extractor, extractor_version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                doc.hash.as_str(),
                doc.parent,
                doc.kind,
                doc.title,
                doc.doc_date,
                doc.claimed_date,
                doc.captured_at,
                self.at,
                doc.source_url,
                doc.media_type,
                doc.status.as_str(),
                doc.status_detail,
                doc.extractor,
                doc.extractor_version,
            ],
        )?;
        let id = tx.last_insert_rowid();
        self.insert_derived(id, doc)?;
        self.insert_source(id, source)?;
        self.record(
            "document.add",
            &format!("document:{id}"),
            &format!(
                "{} {} ({} bytes, {}) from {}",
                doc.kind, doc.hash, doc.size, doc.status, source.path
            ),
        )?;
        Ok(id)
    }

    /// Records another place an existing original was found.
    /// Returns `false` (and changes nothing) if this exact source was already recorded.
    pub fn add_source(&self, document_id: i64, source: &NewSource) -> Result<bool> {
        let exists: bool = self
            .tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM sources WHERE document_id = ?1 AND path = ?2
                 AND custodian IS ?3)",
            )?
            .query_row(params![document_id, source.path, source.custodian], |r| {
                r.get(0)
            })?;
        if exists {
            return Ok(false);
        }
        self.insert_source(document_id, source)?;
        self.record(
            "document.source",
            &format!("document:{document_id}"),
            &format!("also found at {}", source.path),
        )?;
        Ok(true)
    }

    /// The document holding this original, as seen inside this change.
    pub fn document_by_hash(&self, hash: &ContentHash) -> Result<Option<i64>> {
        document_by_hash(&self.tx, hash)
    }

    /// Why a document has no text, when its extraction failed; `None` for any other
    /// status. Found again, such a document is still a failure to report, not a success.
    pub fn extraction_failure(&self, id: i64) -> Result<Option<String>> {
        let row: Option<(String, Option<String>)> = self
            .tx
            .prepare_cached("SELECT status, status_detail FROM documents WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(row
            .filter(|(status, _)| status == DocStatus::Failed.as_str())
            .map(|(_, detail)| detail.unwrap_or_else(|| "its text could not be extracted".into())))
    }

    /// Replaces what extraction made of an existing document (its kind, title, dates,
    /// status, authors, metadata, text and pages) with a new extraction of the same
    /// original, e.g. a PDF that failed for want of a password and was opened with one.
    /// The original, its sources and the document's id do not change, and neither does its
    /// title when the new extraction has none, nor a corrected OCR page's text.
    pub fn replace_extraction(&self, id: i64, doc: &NewDocument) -> Result<()> {
        let tx = &self.tx;
        let changed = execute_cached(
            tx,
            "UPDATE documents SET kind = ?2, title = COALESCE(?3, title), doc_date = ?4, claimed_date = ?5,
                 source_url = ?6, media_type = ?7, status = ?8, status_detail = ?9,
                 extractor = ?10, extractor_version = ?11
             WHERE id = ?1 AND sha256 = ?12",
            params![
                id,
                doc.kind,
                doc.title,
                doc.doc_date,
                doc.claimed_date,
                doc.source_url,
                doc.media_type,
                doc.status.as_str(),
                doc.status_detail,
                doc.extractor,
                doc.extractor_version,
                doc.hash.as_str(),
            ],
        )?;
        if changed == 0 {
            return Err(StoreError::DocumentNotFound(id));
        }
        for table in [
            "document_authors",
            "document_meta",
            "document_text",
            "pages",
            "ocr_pages",
        ] {
            execute_cached(
                tx,
                &format!("DELETE FROM {table} WHERE document_id = ?1"),
                [id],
            )?;
        }
        self.insert_derived(id, doc)?;
        self.record(
            "document.reextract",
            &format!("document:{id}"),
            &format!(
                "{} {} extracted again by {} {}: {}",
                doc.kind,
                doc.hash,
                doc.extractor.as_deref().unwrap_or("-"),
                doc.extractor_version.unwrap_or(0),
                doc.status
            ),
        )?;
        // A person's corrected OCR text outlives the new extraction (kept beside its OCR).
        self.keep_ocr_corrections(id)?;
        Ok(())
    }

    /// Writes what extraction derived from an original: authors, metadata, text and pages.
    /// Shared by a first ingest and a re-extraction, which deletes the old rows first.
    fn insert_derived(&self, id: i64, doc: &NewDocument) -> Result<()> {
        let tx = &self.tx;
        for (i, name) in doc.authors.iter().enumerate() {
            execute_cached(
                tx,
                "INSERT INTO document_authors (document_id, position, name) VALUES (?1, ?2, ?3)",
                params![id, i as i64, name],
            )?;
        }
        for (key, value) in &doc.meta {
            execute_cached(
                tx,
                "INSERT INTO document_meta (document_id, key, value) VALUES (?1, ?2, ?3)",
                params![id, key, value],
            )?;
        }
        if let Some(text) = &doc.text {
            execute_cached(
                tx,
                "INSERT INTO document_text (document_id, text) VALUES (?1, ?2)",
                params![id, text],
            )?;
        }
        for (i, page) in doc.pages.iter().enumerate() {
            execute_cached(
                tx,
                "INSERT INTO pages (document_id, n, text) VALUES (?1, ?2, ?3)",
                params![id, i as i64 + 1, page],
            )?;
        }
        for page in &doc.ocr {
            crate::ocr::insert_ocr_page(tx, id, page)?;
        }
        Ok(())
    }

    fn insert_source(&self, document_id: i64, source: &NewSource) -> Result<()> {
        execute_cached(
            &self.tx,
            "INSERT INTO sources (document_id, path, custodian, ingested_at, folder)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                document_id,
                source.path,
                source.custodian,
                self.at,
                source.folder
            ],
        )?;
        Ok(())
    }
}

fn document_by_hash(conn: &rusqlite::Connection, hash: &ContentHash) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM documents WHERE sha256 = ?1")?
        .query_row([hash.as_str()], |r| r.get(0))
        .optional()?)
}

const SUMMARY_COLUMNS: &str = "d.id, d.kind, d.title, d.doc_date, d.sha256, d.parent_id";

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<DocumentSummary> {
    Ok(DocumentSummary {
        id: r.get(0)?,
        kind: r.get(1)?,
        title: r.get(2)?,
        date: r.get(3)?,
        sha256: r.get(4)?,
        parent: r.get(5)?,
    })
}

impl Case {
    /// Documents in ingest order, filtered; each dated as a list shows it (own date, else
    /// capture date).
    pub fn documents(&self, filter: &DocumentFilter) -> Result<Vec<DocumentSummary>> {
        // A list dates a capture without its own date (a policy version) by its capture, as
        // search does; `document` keeps the four dates apart.
        let sql =
            "SELECT d.id, d.kind, d.title, coalesce(d.doc_date, d.captured_at), d.sha256, d.parent_id
             FROM documents d
             WHERE (?1 IS NULL OR d.kind = ?1)
               AND (?2 IS NULL OR EXISTS (SELECT 1 FROM document_tags dt JOIN tags t ON t.id = dt.tag_id
                                          WHERE dt.document_id = d.id AND t.name = ?2))
             ORDER BY d.id";
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map(params![filter.kind, filter.tag], summary_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One document with everything recorded about it.
    pub fn document(&self, id: i64) -> Result<DocumentRecord> {
        let conn = &self.conn;
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, o.size, d.claimed_date, d.captured_at, d.ingested_at,
                    d.source_url, d.media_type, d.status, d.status_detail, d.extractor,
                    d.extractor_version, t.text
             FROM documents d JOIN objects o ON o.sha256 = d.sha256
             LEFT JOIN document_text t ON t.document_id = d.id
             WHERE d.id = ?1"
        );
        let record = conn
            .query_row(&sql, [id], |r| {
                let status: String = r.get(12)?;
                Ok(DocumentRecord {
                    summary: summary_from_row(r)?,
                    size: r.get::<_, i64>(6)? as u64,
                    claimed_date: r.get(7)?,
                    captured_at: r.get(8)?,
                    ingested_at: r.get(9)?,
                    source_url: r.get(10)?,
                    media_type: r.get(11)?,
                    status: status.parse().map_err(|e: String| {
                        rusqlite::Error::FromSqlConversionFailure(
                            12,
                            rusqlite::types::Type::Text,
                            e.into(),
                        )
                    })?,
                    status_detail: r.get(13)?,
                    extractor: r.get(14)?,
                    extractor_version: r.get(15)?,
                    text: r.get(16)?,
                    authors: Vec::new(),
                    sources: Vec::new(),
                    meta: BTreeMap::new(),
                    pages: Vec::new(),
                    children: Vec::new(),
                })
            })
            .optional()?;
        let mut record = record.ok_or(StoreError::DocumentNotFound(id))?;

        let mut stmt = conn.prepare(
            "SELECT name FROM document_authors WHERE document_id = ?1 ORDER BY position",
        )?;
        record.authors = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = conn.prepare(
            "SELECT path, custodian, ingested_at FROM sources WHERE document_id = ?1 ORDER BY id",
        )?;
        record.sources = stmt
            .query_map([id], |r| {
                Ok(SourceRecord {
                    path: r.get(0)?,
                    custodian: r.get(1)?,
                    ingested_at: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt =
            conn.prepare("SELECT key, value FROM document_meta WHERE document_id = ?1")?;
        record.meta = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt =
            conn.prepare("SELECT n, text FROM pages WHERE document_id = ?1 ORDER BY n")?;
        record.pages = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = conn.prepare("SELECT id FROM documents WHERE parent_id = ?1 ORDER BY id")?;
        record.children = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(record)
    }

    /// The document holding this original, if the case has it.
    pub fn document_by_hash(&self, hash: &ContentHash) -> Result<Option<i64>> {
        document_by_hash(&self.conn, hash)
    }

    /// Hashes of the originals stored without extraction (`ingest --no-extract`), whose
    /// status detail is [`NOT_EXTRACTED_YET`]: the next ingest that meets them extracts them.
    pub fn hashes_not_extracted(&self) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT sha256 FROM documents
             WHERE status = 'skipped' AND extractor IS NULL AND status_detail = ?1",
        )?;
        let rows = stmt.query_map([NOT_EXTRACTED_YET], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Hashes of the originals whose extraction failed because they need a password.
    pub fn hashes_needing_password(&self) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT sha256 FROM documents WHERE status = 'failed' AND status_detail LIKE 'needs a password%'",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Hashes of every stored original (to skip re-extracting duplicates early).
    pub fn known_hashes(&self) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare("SELECT sha256 FROM objects")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many documents of each kind, most common first.
    pub fn count_by_kind(&self) -> Result<Vec<(String, u64)>> {
        let mut stmt = self.conn.prepare(
            "SELECT kind, count(*) FROM documents GROUP BY kind ORDER BY count(*) DESC, kind",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
