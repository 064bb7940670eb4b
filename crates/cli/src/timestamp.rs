//! `dossier timestamp request|import`: RFC 3161 trusted timestamps of originals, through
//! files the user carries to and from any time-stamp authority.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use clap::{Args, Subcommand};
use dossier_api::{self as api, ApiError, ErrorCode};

use crate::{Outcome, print};

/// Arguments of `dossier timestamp`.
#[derive(Args)]
pub struct TimestampArgs {
    #[command(subcommand)]
    action: Action,
}

#[derive(Subcommand)]
enum Action {
    /// Write a time-stamp request (.tsq) over each document's original SHA-256, to send to
    /// any TSA: curl --data-binary @F.tsq -H 'Content-Type: application/timestamp-query' URL > F.tsr
    Request(RequestArgs),
    /// Verify a TSA's answer (.tsr) for a document and record it: its signature, the
    /// original's hash and the request's nonce are checked; `verify` checks it again later.
    Import(ImportArgs),
}

#[derive(Args)]
struct RequestArgs {
    /// The case folder.
    case: PathBuf,
    /// The documents whose originals to timestamp.
    #[arg(required = true)]
    docs: Vec<i64>,
    /// The request file to write (it must not exist); with several documents, a folder in
    /// which each is written as DOC.tsq.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct ImportArgs {
    /// The case folder.
    case: PathBuf,
    /// The document the answer is for.
    doc: i64,
    /// The authority's answer: a TimeStampResp (.tsr) or a bare token.
    response: PathBuf,
    /// A CA certificate (PEM or DER) that must have issued the authority's certificate.
    #[arg(long, value_name = "CERT")]
    ca: Option<PathBuf>,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

fn read(path: &Path) -> Result<Vec<u8>, ApiError> {
    std::fs::read(path)
        .map_err(|e| ApiError::new(ErrorCode::Io, format!("{}: {e}", path.display())))
}

/// Writes a new file, never replacing one.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    use std::io::Write as _;
    std::fs::File::create_new(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(|e| ApiError::new(ErrorCode::Io, format!("{}: {e}", path.display())))
}

/// Runs `dossier timestamp`.
pub fn timestamp(a: TimestampArgs) -> Result<Outcome, ApiError> {
    match a.action {
        Action::Request(a) => request(a),
        Action::Import(a) => import(a),
    }
}

fn request(a: RequestArgs) -> Result<Outcome, ApiError> {
    let several = a.docs.len() > 1;
    if several && !a.out.is_dir() {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "{}: with several documents, --out names an existing folder (each request is written there as DOC.tsq)",
                a.out.display()
            ),
        ));
    }
    if !several && a.out.exists() {
        return Err(ApiError::new(
            ErrorCode::AlreadyExists,
            format!(
                "{}: already exists; a request is never written over a file",
                a.out.display()
            ),
        ));
    }
    let out = api::timestamp_request(&a.case, &api::TimestampRequestRequest { docs: a.docs })?;
    let mut written = Vec::new();
    for query in &out.requests {
        let der = BASE64.decode(&query.base64).map_err(|e| {
            ApiError::new(
                ErrorCode::Internal,
                format!("the request is not base64: {e}"),
            )
        })?;
        let path = if several {
            a.out.join(format!("{}.tsq", query.doc))
        } else {
            a.out.clone()
        };
        write_new(&path, &der)?;
        written.push(path);
    }
    print(a.json, &out, || {
        out.requests
            .iter()
            .zip(&written)
            .map(|(q, path)| {
                format!(
                    "document {}: request {} over SHA-256 {} written to {}\n",
                    q.doc,
                    q.id,
                    q.sha256,
                    path.display()
                )
            })
            .collect()
    })
}

fn import(a: ImportArgs) -> Result<Outcome, ApiError> {
    let response = BASE64.encode(read(&a.response)?);
    let ca = match &a.ca {
        Some(path) => Some(BASE64.encode(read(path)?)),
        None => None,
    };
    let out = api::timestamp_import(
        &a.case,
        &api::TimestampImportRequest {
            doc: a.doc,
            response,
            ca,
        },
    )?;
    print(a.json, &out, || {
        format!(
            "document {}: timestamped by {} at {} (serial {}, policy {})\n",
            a.doc,
            out.tsa.as_deref().unwrap_or("?"),
            out.gen_time.as_deref().unwrap_or("?"),
            out.serial.as_deref().unwrap_or("?"),
            out.policy.as_deref().unwrap_or("?"),
        )
    })
}
