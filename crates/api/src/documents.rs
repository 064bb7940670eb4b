//! Commands that read documents: list them, show one.

use std::collections::BTreeMap;

use dossier_store::DocumentFilter;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::CaseAt;
use crate::{ApiResult, open_case};

/// `dossier docs` filters.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
pub struct DocsRequest {
    /// Only documents of this kind.
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub kind: Option<String>,
    /// Only documents with this tag.
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub tag: Option<String>,
}

/// One line of `dossier docs`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DocListItem {
    /// Document id.
    pub id: i64,
    /// Kind.
    pub kind: String,
    /// Title.
    pub title: Option<String>,
    /// The document's own date.
    pub date: Option<String>,
    /// SHA-256 of the original.
    pub sha256: String,
    /// Container document.
    pub parent: Option<i64>,
}

/// Lists documents in ingest order.
pub fn docs(path: &(impl CaseAt + ?Sized), request: &DocsRequest) -> ApiResult<Vec<DocListItem>> {
    let case = open_case(path)?;
    let filter = DocumentFilter {
        kind: request.kind.clone(),
        tag: request.tag.clone(),
    };
    Ok(case
        .documents(&filter)?
        .into_iter()
        .map(|d| DocListItem {
            id: d.id,
            kind: d.kind,
            title: d.title,
            date: d.date,
            sha256: d.sha256,
            parent: d.parent,
        })
        .collect())
}

/// A place a document was found.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SourceView {
    /// Path it was ingested from.
    pub path: String,
    /// Whose it was.
    pub custodian: Option<String>,
    /// When it was recorded.
    pub ingested_at: String,
}

/// One page of text.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PageView {
    /// Page number, from 1.
    pub n: u32,
    /// Its text.
    pub text: String,
}

/// `dossier show` output: everything about one document.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DocumentView {
    /// Document id.
    pub id: i64,
    /// Kind.
    pub kind: String,
    /// Title.
    pub title: Option<String>,
    /// The document's own date (published, sent, filed).
    pub date: Option<String>,
    /// The date it claims for itself.
    pub claimed_date: Option<String>,
    /// When this copy was captured.
    pub captured_at: Option<String>,
    /// When it entered the case.
    pub ingested_at: String,
    /// Authors in order.
    pub authors: Vec<String>,
    /// Where it was published.
    pub source_url: Option<String>,
    /// SHA-256 of the original.
    pub sha256: String,
    /// Size of the original in bytes.
    pub size: u64,
    /// Recognised media type.
    pub media_type: Option<String>,
    /// `ok`, `failed` or `skipped`.
    pub status: String,
    /// Why the status is not `ok`, or warnings.
    pub status_detail: Option<String>,
    /// Extractor name and version, e.g. `text@1`.
    pub extractor: Option<String>,
    /// Every place it was found.
    pub sources: Vec<SourceView>,
    /// Format-specific metadata.
    pub meta: BTreeMap<String, String>,
    /// Extracted text (null when there is none).
    pub text: Option<String>,
    /// Text per page for paginated formats.
    pub pages: Vec<PageView>,
    /// Container document.
    pub parent: Option<i64>,
    /// Documents extracted from this one.
    pub children: Vec<i64>,
    /// Its tags, sorted.
    pub tags: Vec<String>,
}

/// Shows one document.
pub fn show(path: &(impl CaseAt + ?Sized), id: i64) -> ApiResult<DocumentView> {
    let case = open_case(path)?;
    let d = case.document(id)?;
    let tags = case.document_tags(id)?;
    Ok(DocumentView {
        id: d.summary.id,
        kind: d.summary.kind,
        title: d.summary.title,
        date: d.summary.date,
        claimed_date: d.claimed_date,
        captured_at: d.captured_at,
        ingested_at: d.ingested_at,
        authors: d.authors,
        source_url: d.source_url,
        sha256: d.summary.sha256,
        size: d.size,
        media_type: d.media_type,
        status: d.status.as_str().to_owned(),
        status_detail: d.status_detail,
        extractor: d
            .extractor
            .map(|name| format!("{name}@{}", d.extractor_version.unwrap_or_default())),
        sources: d
            .sources
            .into_iter()
            .map(|s| SourceView {
                path: s.path,
                custodian: s.custodian,
                ingested_at: s.ingested_at,
            })
            .collect(),
        meta: d.meta,
        text: d.text,
        pages: d
            .pages
            .into_iter()
            .map(|(n, text)| PageView { n, text })
            .collect(),
        parent: d.summary.parent,
        children: d.children,
        tags,
    })
}
