//! `original`: a document's original bytes, exactly as stored, for viewers that render the
//! file itself (the UI draws a PDF's pages with pdf.js from them).
//!
//! The bytes travel as base64 inside the JSON answer so that every shell carries them the
//! same way (Tauri IPC, `POST /api/original`, `dossier original --json`); the CLI without
//! `--json` writes the raw bytes instead. The SHA-256 is re-checked before they leave, so a
//! viewer never shows bytes that differ from what the case recorded.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use dossier_store::ContentHash;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::CaseAt;
use crate::{ApiError, ApiResult, ErrorCode, open_case};

/// The largest original `original` sends: base64 in JSON costs a third more than the file,
/// and a viewer has no use for more than this in one answer.
pub const MAX_ORIGINAL_BYTES: u64 = 64 * 1024 * 1024;

/// `original` arguments.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OriginalRequest {
    /// Document id.
    pub doc: i64,
}

/// A document's original bytes.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OriginalOutput {
    /// Document id.
    pub doc: i64,
    /// SHA-256 of the bytes (checked against the case's record before sending).
    pub sha256: String,
    /// Recognised media type, e.g. `application/pdf`.
    pub media_type: Option<String>,
    /// Size in bytes.
    pub size: u64,
    /// The bytes, base64 (RFC 4648, with padding).
    pub base64: String,
}

/// Reads a document's original from the object store, checks its hash, and returns it.
pub fn original(
    path: &(impl CaseAt + ?Sized),
    request: &OriginalRequest,
) -> ApiResult<OriginalOutput> {
    let (output, bytes) = original_bytes(path, request.doc)?;
    Ok(OriginalOutput {
        base64: BASE64.encode(&bytes),
        ..output
    })
}

/// The original's description (with `base64` left empty) and its raw bytes; for shells
/// that can carry bytes as they are (the CLI writing to a file).
pub fn original_bytes(
    path: &(impl CaseAt + ?Sized),
    doc: i64,
) -> ApiResult<(OriginalOutput, Vec<u8>)> {
    let case = open_case(path)?;
    let record = case.document(doc)?;
    if record.size > MAX_ORIGINAL_BYTES {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "the original of document {doc} is {} bytes, more than the {MAX_ORIGINAL_BYTES} one answer may carry",
                record.size
            ),
        ));
    }
    let hash = ContentHash::parse(&record.summary.sha256)?;
    let bytes = case.objects().read(&hash)?;
    let actual = ContentHash::of(&bytes);
    if actual.as_str() != hash.as_str() {
        return Err(ApiError::new(
            ErrorCode::Corrupt,
            format!(
                "the original of document {doc} ({}) no longer has its recorded SHA-256 {hash} (it hashes to {actual}); run `dossier verify`",
                case.objects().path_of(&hash).display()
            ),
        ));
    }
    Ok((
        OriginalOutput {
            doc,
            sha256: hash.as_str().to_owned(),
            media_type: record.media_type,
            size: bytes.len() as u64,
            base64: String::new(),
        },
        bytes,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_original_comes_back_byte_for_byte_with_its_hash() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = dir.path().join("case");
        crate::init(&case).expect("init");
        let file = dir.path().join("note.txt");
        let content = "Exhibit text with bytes \u{e9}\u{2014}\n";
        std::fs::write(&file, content).expect("write");
        let ingested = crate::ingest(
            &case,
            &crate::IngestRequest {
                paths: vec![file],
                ..Default::default()
            },
            &crate::PathScope::Anything,
            &|_| {},
        )
        .expect("ingest");
        let doc = ingested.documents[0];

        let out = original(&case, &OriginalRequest { doc }).expect("original");
        let decoded = BASE64.decode(&out.base64).expect("base64");
        assert_eq!(decoded, content.as_bytes());
        assert_eq!(out.size, content.len() as u64);
        assert_eq!(out.sha256, ContentHash::of(content.as_bytes()).as_str());
    }

    #[test]
    fn an_unknown_document_is_not_found() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = dir.path().join("case");
        crate::init(&case).expect("init");
        let e = original(&case, &OriginalRequest { doc: 42 }).expect_err("no such document");
        assert_eq!(e.code, "not_found");
    }
}
