//! `capture`: fetch web pages now and keep them as a WARC, then ingest it.
//!
//! Each address is fetched by `dossier-capture` (redirects followed, TLS verified) and
//! written as one WARC file (request, response and metadata records with digests, the TLS
//! certificate chain and the tool's version), which is ingested like any web archive: the
//! WARC is the original, and the page is a document with its capture time and address.
//! With `series`, the page is recorded as a capture of that policy series, so capturing the
//! same address again adds a version, or an observation when nothing changed.

use std::path::PathBuf;

use dossier_ingest::PathScope;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ingest::{IngestOutput, IngestRequest};
use crate::{ApiError, ApiResult, CaseAt, ErrorCode, Event};

/// What to capture.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct CaptureRequest {
    /// The addresses to capture (http:// or https://).
    #[cfg_attr(feature = "cli", arg(required = true))]
    pub urls: Vec<String>,
    /// Record each page as a capture of this policy series.
    #[cfg_attr(feature = "cli", arg(long))]
    #[ts(optional)]
    pub series: Option<String>,
    /// A time-stamp authority's address (RFC 3161 over HTTP, e.g. https://freetsa.org/tsr):
    /// each WARC written is timestamped there as soon as it is ingested.
    #[cfg_attr(feature = "cli", arg(long, value_name = "URL"))]
    #[ts(optional)]
    #[serde(default)]
    pub tsa: Option<String>,
}

/// One address captured.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CapturedPage {
    /// The address asked for.
    pub url: String,
    /// The address the page was found at, after redirects.
    pub final_url: String,
    /// Its HTTP status.
    pub status: u16,
    /// When it was fetched (ISO 8601, UTC).
    pub captured_at: String,
    /// Redirects followed on the way.
    pub redirects: u64,
}

/// `capture` output: the pages fetched, and what ingesting their WARC files recorded.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CaptureOutput {
    /// The pages, in the order asked.
    pub pages: Vec<CapturedPage>,
    /// One ingest per page's WARC.
    pub ingests: Vec<IngestOutput>,
    /// With `tsa`: the trusted timestamp of each page's WARC, in the same order.
    pub timestamps: Vec<crate::TimestampView>,
}

/// Fetches each address, writes its WARC to a temporary folder and ingests it (with its
/// series, when given). An address that cannot be fetched fails the command, naming it and
/// the reason; the pages captured before it stay in the case.
pub fn capture(
    case: &(impl CaseAt + ?Sized),
    request: &CaptureRequest,
    events: &(dyn Fn(Event) + Sync),
) -> ApiResult<CaptureOutput> {
    if request.urls.is_empty() {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "capture needs at least one address".to_owned(),
        ));
    }
    let mut out = CaptureOutput {
        pages: Vec::new(),
        ingests: Vec::new(),
        timestamps: Vec::new(),
    };
    let dir = tempfile::tempdir()
        .map_err(|e| ApiError::new(ErrorCode::Io, format!("a temporary folder: {e}")))?;
    for (i, url) in request.urls.iter().enumerate() {
        let exchanges = dossier_capture::fetch(url).map_err(|e| {
            let code = match e {
                dossier_capture::CaptureError::BadUrl { .. } => ErrorCode::InvalidInput,
                dossier_capture::CaptureError::Fetch { .. } => ErrorCode::Io,
            };
            ApiError::new(code, format!("capture {e}"))
        })?;
        let Some(page) = exchanges.last() else {
            continue;
        };
        let host = url::Url::parse(&page.url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| "page".into());
        let stamp: String = page.date.chars().filter(char::is_ascii_digit).collect();
        let path: PathBuf = dir.path().join(format!("capture-{stamp}-{i}-{host}.warc"));
        let mut file = std::fs::File::create(&path)
            .map_err(|e| ApiError::new(ErrorCode::Io, format!("{}: {e}", path.display())))?;
        dossier_capture::write_warc(&exchanges, &mut file)
            .and_then(|()| file.sync_all())
            .map_err(|e| ApiError::new(ErrorCode::Io, format!("{}: {e}", path.display())))?;
        let ingest = IngestRequest {
            paths: vec![path],
            series: request.series.clone(),
            url: request.series.as_ref().map(|_| page.url.clone()),
            ..IngestRequest::default()
        };
        let ingested = crate::ingest(case, &ingest, &PathScope::Anything, events)?;
        if let (Some(tsa), Some(&warc)) = (&request.tsa, ingested.documents.first()) {
            out.timestamps
                .push(timestamp_at(case, tsa, warc, &page.url)?);
        }
        out.ingests.push(ingested);
        out.pages.push(CapturedPage {
            url: url.clone(),
            final_url: page.url.clone(),
            status: page.status,
            captured_at: page.date.clone(),
            redirects: exchanges.len() as u64 - 1,
        });
    }
    Ok(out)
}

/// Timestamps document `doc` (a capture's WARC) at the authority `tsa`: writes the request,
/// posts it and imports the answer, which is verified like any other.
fn timestamp_at(
    case: &(impl CaseAt + ?Sized),
    tsa: &str,
    doc: i64,
    page: &str,
) -> ApiResult<crate::TimestampView> {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD as BASE64;
    let requested =
        crate::timestamp_request(case, &crate::TimestampRequestRequest { docs: vec![doc] })?;
    let query = requested
        .requests
        .first()
        .and_then(|q| BASE64.decode(&q.base64).ok())
        .ok_or_else(|| ApiError::new(ErrorCode::Internal, "no request was written".to_owned()))?;
    let answer = dossier_capture::post(tsa, "application/timestamp-query", &query).map_err(|e| {
        ApiError::new(
            ErrorCode::Io,
            format!(
                "{page} was captured and ingested as document {doc}, but the time-stamp authority failed: {e} (the request is recorded; `dossier timestamp request` writes another to send by hand)"
            ),
        )
    })?;
    crate::timestamp_import(
        case,
        &crate::TimestampImportRequest {
            doc,
            response: BASE64.encode(answer),
            ca: None,
        },
    )
}
