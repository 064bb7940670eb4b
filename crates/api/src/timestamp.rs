//! `timestamp_request` and `timestamp_import`: RFC 3161 trusted timestamps of originals.
//!
//! A request is a standard `TimeStampReq` over the SHA-256 of a document's original (the
//! bytes `original` returns), written by `dossier-timestamp` and recorded, with its nonce,
//! as an audited change. The user sends it to any time-stamp authority; importing the
//! answer verifies the token's signature against the certificate it carries (and, given
//! one, that a CA the user names issued it), checks it covers the original's hash and the
//! nonce of a request written for that document, and records what it states (genTime, the
//! authority, serial, policy) beside the token itself. `verify` checks every stored token
//! again ([`check_stored`]), so a changed original or a tampered token is named there.
//!
//! Bytes travel as base64 in JSON, as `original`'s do, so every shell carries them alike;
//! the CLI reads and writes the `.tsq`/`.tsr` files.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use dossier_store::{Case, ContentHash, ImportedToken, TimestampRecord};
use dossier_timestamp::{TimestampError, Token};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::case::VerifyProblem;
use crate::{ApiError, ApiResult, CaseAt, ErrorCode, open_case};

/// `timestamp_request` arguments.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TimestampRequestRequest {
    /// The documents whose originals to timestamp: one request each.
    pub docs: Vec<i64>,
}

/// One time-stamp request written.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TimestampQuery {
    /// The document.
    pub doc: i64,
    /// The request's id in the case.
    pub id: i64,
    /// The SHA-256 of the original it is over.
    pub sha256: String,
    /// The nonce the authority's answer must carry, hex.
    pub nonce: String,
    /// The `TimeStampReq` (a `.tsq` file), DER as base64.
    pub base64: String,
}

/// `timestamp_request` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TimestampRequestOutput {
    /// One request per document, in the order asked.
    pub requests: Vec<TimestampQuery>,
}

/// `timestamp_import` arguments.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TimestampImportRequest {
    /// The document the answer is for.
    pub doc: i64,
    /// The authority's answer (a `.tsr`: a `TimeStampResp`, or the bare token), base64.
    pub response: String,
    /// A CA certificate (DER or PEM, base64) that must have issued the authority's.
    #[ts(optional)]
    #[serde(default)]
    pub ca: Option<String>,
}

/// A timestamp of a document's original, as the viewer and exports state it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TimestampView {
    /// Its id.
    pub id: i64,
    /// The document whose original it covers: the document itself, or the container it
    /// was taken out of (a web archive's WARC covers each capture in it).
    pub doc: i64,
    /// The SHA-256 it covers.
    pub sha256: String,
    /// When the request was written.
    pub requested_at: String,
    /// When the authority saw the hash (null while the answer is not imported).
    pub gen_time: Option<String>,
    /// The authority (null while not imported).
    pub tsa: Option<String>,
    /// The token's serial number, hex.
    pub serial: Option<String>,
    /// The authority's policy OID.
    pub policy: Option<String>,
}

impl From<&TimestampRecord> for TimestampView {
    fn from(r: &TimestampRecord) -> Self {
        TimestampView {
            id: r.id,
            doc: r.document,
            sha256: r.sha256.clone(),
            requested_at: r.requested_at.clone(),
            gen_time: r.token.as_ref().map(|t| t.gen_time.clone()),
            tsa: r.token.as_ref().map(|t| t.tsa.clone()),
            serial: r.token.as_ref().map(|t| t.serial.clone()),
            policy: r.token.as_ref().map(|t| t.policy.clone()),
        }
    }
}

fn invalid(message: String) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, message)
}

fn base64_arg(what: &str, text: &str) -> ApiResult<Vec<u8>> {
    BASE64
        .decode(text.trim())
        .map_err(|e| invalid(format!("{what} is not base64: {e}")))
}

fn hash_bytes(sha256: &str) -> ApiResult<[u8; 32]> {
    let mut out = [0u8; 32];
    if sha256.len() != 64 {
        return Err(ApiError::new(
            ErrorCode::Corrupt,
            format!("recorded SHA-256 {sha256:?} is not 64 hex digits"),
        ));
    }
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&sha256[2 * i..2 * i + 2], 16).map_err(|_| {
            ApiError::new(
                ErrorCode::Corrupt,
                format!("recorded SHA-256 {sha256:?} is not hex"),
            )
        })?;
    }
    Ok(out)
}

fn timestamp_error(context: &str, e: TimestampError) -> ApiError {
    let code = match e {
        TimestampError::Random(_) => ErrorCode::Internal,
        _ => ErrorCode::InvalidInput,
    };
    ApiError::new(code, format!("{context}: {e}"))
}

/// Writes and records a time-stamp request over each document's original.
pub fn timestamp_request(
    path: &(impl CaseAt + ?Sized),
    request: &TimestampRequestRequest,
) -> ApiResult<TimestampRequestOutput> {
    if request.docs.is_empty() {
        return Err(invalid("name at least one document to timestamp".into()));
    }
    let mut case = open_case(path)?;
    let mut planned = Vec::new();
    for &doc in &request.docs {
        let sha256 = case.document(doc)?.summary.sha256;
        let query = dossier_timestamp::request(&hash_bytes(&sha256)?)
            .map_err(|e| timestamp_error(&format!("document {doc}"), e))?;
        planned.push((doc, sha256, query));
    }
    let change = case.begin_change()?;
    let mut requests = Vec::new();
    for (doc, sha256, query) in planned {
        let id = change.add_timestamp_request(doc, &sha256, &query.nonce)?;
        requests.push(TimestampQuery {
            doc,
            id,
            sha256,
            nonce: query.nonce,
            base64: BASE64.encode(&query.der),
        });
    }
    change.commit()?;
    Ok(TimestampRequestOutput { requests })
}

/// Reads an authority's answer: a `TimeStampResp`, or the bare token
/// (`openssl ts -reply -token_out`).
fn read_answer(bytes: &[u8]) -> Result<Token, TimestampError> {
    match dossier_timestamp::read_response(bytes) {
        Err(TimestampError::Malformed {
            what: "TimeStampResp",
            ..
        }) => Token::read(bytes),
        other => other,
    }
}

/// Verifies an authority's answer for document `doc` and records it on the request it
/// answers; returns the timestamp as stored.
pub fn timestamp_import(
    path: &(impl CaseAt + ?Sized),
    request: &TimestampImportRequest,
) -> ApiResult<TimestampView> {
    let doc = request.doc;
    let bytes = base64_arg("the response", &request.response)?;
    let token = read_answer(&bytes)
        .map_err(|e| timestamp_error(&format!("the answer for document {doc}"), e))?;
    if let Some(ca) = &request.ca {
        token
            .issued_by(&base64_arg("the CA certificate", ca)?)
            .map_err(|e| timestamp_error(&format!("the answer for document {doc}"), e))?;
    }
    let mut case = open_case(path)?;
    let sha256 = case.document(doc)?.summary.sha256;
    token.check_answers(&sha256, None).map_err(|e| {
        timestamp_error(
            &format!("the answer is not for document {doc}'s original"),
            e,
        )
    })?;
    let pending: Vec<TimestampRecord> = case
        .timestamps_of(doc)?
        .into_iter()
        .filter(|t| t.token.is_none())
        .collect();
    let answered = pending
        .iter()
        .find(|t| token.check_answers(&sha256, Some(&t.nonce)).is_ok())
        .ok_or_else(|| {
            invalid(format!(
                "the answer's nonce ({}) is not that of any unanswered request for document {doc} ({} written by `timestamp request`); it answers another request",
                token.nonce.as_deref().unwrap_or("none"),
                pending.len()
            ))
        })?;
    let id = answered.id;
    let change = case.begin_change()?;
    change.import_timestamp_token(
        id,
        &ImportedToken {
            der: token.der.clone(),
            imported_at: change.at().to_owned(),
            gen_time: token.gen_time.clone(),
            tsa: token.tsa.clone(),
            serial: token.serial.clone(),
            policy: token.policy.clone(),
        },
    )?;
    change.commit()?;
    let stored = case
        .timestamp(id)?
        .ok_or_else(|| ApiError::new(ErrorCode::Internal, format!("timestamp {id} vanished")))?;
    Ok(TimestampView::from(&stored))
}

/// The timestamps that cover a document: its own original's, then those of the containers
/// it was taken out of (whose bytes hold its own), nearest first.
pub(crate) fn timestamps_covering(case: &Case, doc: i64) -> ApiResult<Vec<TimestampView>> {
    let mut out = Vec::new();
    let mut next = Some(doc);
    // Containers nest a few levels at most (a WACZ's WARC's record); the bound guards a cycle.
    for _ in 0..16 {
        let Some(id) = next else { break };
        out.extend(case.timestamps_of(id)?.iter().map(TimestampView::from));
        next = case.document(id)?.summary.parent;
    }
    Ok(out)
}

/// `verify`'s check of every imported token: its signature, that it covers the hash the
/// request was over and carries its nonce, that the document's original still has that
/// hash (re-read from the object store), and that the stated time, authority, serial and
/// policy are the token's. Returns how many tokens were checked and the problems.
pub(crate) fn check_stored(case: &Case) -> ApiResult<(u64, Vec<VerifyProblem>)> {
    let mut checked = 0;
    let mut problems = Vec::new();
    for stamp in case.timestamps()? {
        let Some(stored) = &stamp.token else { continue };
        checked += 1;
        let subject = format!("timestamp {} (document {})", stamp.id, stamp.document);
        let mut problem = |message: String| {
            problems.push(VerifyProblem {
                kind: "timestamp".into(),
                subject: subject.clone(),
                message,
            })
        };
        let token = match Token::read(&stored.der) {
            Ok(token) => token,
            Err(e) => {
                problem(format!("the stored token fails its check: {e}"));
                continue;
            }
        };
        if let Err(e) = token.check_answers(&stamp.sha256, Some(&stamp.nonce)) {
            problem(format!("the stored token does not answer its request: {e}"));
        }
        let stated = (
            token.gen_time.as_str(),
            token.tsa.as_str(),
            token.serial.as_str(),
            token.policy.as_str(),
        );
        let recorded = (
            stored.gen_time.as_str(),
            stored.tsa.as_str(),
            stored.serial.as_str(),
            stored.policy.as_str(),
        );
        if stated != recorded {
            problem(format!(
                "the recorded time, authority, serial or policy {recorded:?} are not what the token states {stated:?}"
            ));
        }
        match case.document(stamp.document) {
            Ok(doc) if doc.summary.sha256 != stamp.sha256 => problem(format!(
                "document {} now records SHA-256 {}, not the {} the token covers",
                stamp.document, doc.summary.sha256, stamp.sha256
            )),
            Ok(_) => {
                let hash = ContentHash::parse(&stamp.sha256)?;
                match case.objects().read(&hash) {
                    Ok(bytes) => {
                        let actual = ContentHash::of(&bytes);
                        if actual.as_str() != stamp.sha256 {
                            problem(format!(
                                "the original of document {} was changed: it hashes to {actual}, not the {} the token covers",
                                stamp.document, stamp.sha256
                            ));
                        }
                    }
                    Err(e) => problem(format!(
                        "the original of document {} cannot be read: {e}",
                        stamp.document
                    )),
                }
            }
            Err(e) => problem(format!("its document cannot be read: {e}")),
        }
    }
    Ok((checked, problems))
}
