//! Web archives: WARC and ARC files (plain or gzip) and WACZ packages, streamed.
//!
//! Each capture (a `response` or `resource` record, an ARC record) becomes a child whose
//! bytes are the payload as the browser saw it (HTTP body de-chunked and decompressed), so
//! the registry extracts it like a file of its type (HTML through the article extractor,
//! PDFs through the worker). The child carries the capture's provenance: `captured_at` is
//! its `WARC-Date`, `source_url` its `WARC-Target-URI`, and its metadata holds the record
//! id, the declared digests and their verdict, Dossier's own SHA-256 of the record block,
//! the HTTP status, the request that fetched it and any metadata record about it. A digest
//! that does not verify is a warning on the document. The archive file itself is the
//! original, so every record's bytes stay in the case.

mod digest;
pub mod http;
mod reader;
mod source;
mod wacz;

use std::collections::{BTreeMap, VecDeque};
use std::io::{self, BufRead, Read};

pub use digest::base32;
pub use reader::{ArchiveFormat, DigestCheck, ReadError, Record, RecordReader, read_all};
pub use wacz::{WaczCheck, WaczContainer, check_datapackage};

use crate::container::{ChildResult, Container};
use crate::{Child, Extraction, Hints, MAX_EXTRACT_BYTES, Probe};

/// Reads WARC and ARC files, plain or gzip (`.warc`, `.warc.gz`, `.arc`, `.arc.gz`, or any
/// file that starts like one).
#[derive(Debug, Default, Clone, Copy)]
pub struct WarcContainer;

const NAMES: &[&str] = &[".warc", ".warc.gz", ".arc", ".arc.gz"];

impl Container for WarcContainer {
    fn name(&self) -> &'static str {
        "warc"
    }

    fn version(&self) -> u32 {
        1
    }

    fn bid(&self, probe: &Probe<'_>) -> u8 {
        let named = probe.file_name.is_some_and(|n| {
            let n = n.to_ascii_lowercase();
            NAMES.iter().any(|suffix| n.ends_with(suffix))
        });
        let head = if probe.head.starts_with(&[0x1f, 0x8b]) {
            let mut start = Vec::new();
            let _ = flate2::read::GzDecoder::new(probe.head)
                .take(64)
                .read_to_end(&mut start);
            start
        } else {
            probe.head[..probe.head.len().min(64)].to_vec()
        };
        let starts_like_one = head.starts_with(b"WARC/") || head.starts_with(b"filedesc://");
        if starts_like_one {
            96
        } else if named {
            // Named like an archive but not starting like one: still ours, so what is
            // wrong with it is said rather than the file being read as text.
            90
        } else {
            0
        }
    }

    fn describe(&self, hints: &Hints) -> Extraction {
        Extraction {
            kind: "web-archive".into(),
            media_type: "application/warc".into(),
            title: hints.file_name.clone(),
            ..Extraction::default()
        }
    }

    fn split<'r>(
        &self,
        reader: Box<dyn BufRead + Send + 'r>,
    ) -> Box<dyn Iterator<Item = ChildResult> + Send + 'r> {
        match RecordReader::new(reader) {
            Ok(records) => Box::new(Captures::new(records, None)),
            Err(e) => Box::new(std::iter::once(Err(e))),
        }
    }
}

/// A capture under construction: its child, and what links later records to it.
struct Pending {
    child: Child,
    record_id: Option<String>,
    uri: Option<String>,
}

/// Turns records into capture children, attaching request and metadata records to the
/// capture they belong to (by `WARC-Concurrent-To`/`WARC-Refers-To`, or the same address
/// next to it).
pub struct Captures<I> {
    records: I,
    /// The archive inside a WACZ these records come from, put before each locator.
    entry: Option<String>,
    pending: Option<Pending>,
    /// Requests and metadata seen before their response, newest last (a few at most).
    early: VecDeque<Record>,
    software: Option<String>,
    out: VecDeque<ChildResult>,
    done: bool,
}

impl<I: Iterator<Item = Result<Record, ReadError>>> Captures<I> {
    /// Captures from `records`; `entry` names the WACZ entry they come from, if any.
    pub fn new(records: I, entry: Option<String>) -> Self {
        Captures {
            records,
            entry,
            pending: None,
            early: VecDeque::new(),
            software: None,
            out: VecDeque::new(),
            done: false,
        }
    }

    fn flush(&mut self) {
        if let Some(p) = self.pending.take() {
            self.out.push_back(Ok(p.child));
        }
    }

    fn take(&mut self, record: Record) {
        match record.record_type() {
            "warcinfo" => {
                self.software = warc_fields(&record.block)
                    .into_iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("software"))
                    .map(|(_, v)| v)
                    .or(self.software.take());
            }
            "response" | "resource" => {
                self.flush();
                let mut child = capture_child(&record, self.entry.as_deref());
                if let Some(software) = &self.software {
                    child.meta.insert("warc.software".into(), software.clone());
                }
                let mut pending = Pending {
                    child,
                    record_id: record.header("WARC-Record-ID").map(str::to_owned),
                    uri: record.target_uri(),
                };
                for early in std::mem::take(&mut self.early) {
                    if belongs_to(&early, &pending) {
                        attach(&mut pending.child, &early);
                    }
                }
                if pending.child.failure.is_some() || !pending.child.bytes.is_empty() {
                    self.pending = Some(pending);
                } else {
                    // A capture with no payload (a redirect, a 304): nothing to read.
                    self.pending = None;
                }
            }
            "request" | "metadata" => match self.pending.as_mut() {
                Some(p) if belongs_to(&record, p) => attach(&mut p.child, &record),
                _ => {
                    self.early.push_back(record);
                    if self.early.len() > 8 {
                        self.early.pop_front();
                    }
                }
            },
            _ => {}
        }
    }
}

impl<I: Iterator<Item = Result<Record, ReadError>>> Iterator for Captures<I> {
    type Item = ChildResult;

    fn next(&mut self) -> Option<ChildResult> {
        loop {
            if let Some(next) = self.out.pop_front() {
                return Some(next);
            }
            if self.done {
                return None;
            }
            match self.records.next() {
                Some(Ok(record)) => self.take(record),
                Some(Err(e)) => {
                    self.flush();
                    self.out.push_back(Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        e.to_string(),
                    )));
                    self.done = true;
                }
                None => {
                    self.flush();
                    self.done = true;
                }
            }
        }
    }
}

/// Whether a request or metadata record is about this capture.
fn belongs_to(record: &Record, capture: &Pending) -> bool {
    let linked = ["WARC-Concurrent-To", "WARC-Refers-To"]
        .iter()
        .filter_map(|h| record.header(h))
        .any(|id| capture.record_id.as_deref() == Some(id));
    linked || (record.target_uri().is_some() && record.target_uri() == capture.uri)
}

/// Adds a request's line or a metadata record's fields to a capture's metadata.
fn attach(child: &mut Child, record: &Record) {
    match record.record_type() {
        "request" => {
            if let Some(message) = record.http() {
                child
                    .meta
                    .insert("warc.request".into(), message.start_line.clone());
            }
            if let Some(id) = record.header("WARC-Record-ID") {
                child
                    .meta
                    .insert("warc.request_record_id".into(), id.to_owned());
            }
        }
        _ => {
            let text: String = String::from_utf8_lossy(&record.block)
                .chars()
                .take(4096)
                .collect();
            child.meta.insert("warc.metadata".into(), text);
        }
    }
}

/// `name: value` lines of a `warcinfo` or `metadata` block.
fn warc_fields(block: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(&block[..block.len().min(64 << 10)])
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

/// The child for one `response` or `resource` record.
fn capture_child(record: &Record, entry: Option<&str>) -> Child {
    let locator = match entry {
        Some(e) => format!("{e}/offset={}", record.offset),
        None => format!("offset={}", record.offset),
    };
    let uri = record.target_uri();
    let mut meta = BTreeMap::new();
    let mut put = |k: &str, v: Option<&str>| {
        if let Some(v) = v {
            meta.insert(format!("warc.{k}"), v.to_owned());
        }
    };
    put("format", Some(record.format.as_str()));
    put("type", Some(record.record_type()));
    put("record_id", record.header("WARC-Record-ID"));
    put("date", record.date());
    put("offset", Some(&record.offset.to_string()));
    put("ip", record.header("WARC-IP-Address"));
    put("block_digest", record.header("WARC-Block-Digest"));
    put("payload_digest", record.header("WARC-Payload-Digest"));
    put("digest_check", Some(record.digest_check.as_str()));
    put("block_sha256", Some(&record.block_sha256));
    let mut child = Child {
        locator,
        captured_at: record.captured_at(),
        source_url: uri.clone(),
        warnings: record.warnings.clone(),
        ..Child::default()
    };
    if !record.block_kept {
        child.failure = Some(format!(
            "the record's block ({} bytes) is larger than an extractor reads: it was not taken \
             out (the archive itself is kept whole)",
            record.block_len
        ));
        child.meta = meta;
        return child;
    }
    let http = record.http();
    let media_type = match &http {
        Some(message) => {
            if let Some(status) = message.status() {
                meta.insert("warc.http_status".into(), status.to_owned());
            }
            message.media_type()
        }
        None => record.header("Content-Type").and_then(http::media_type_of),
    };
    let (bytes, decode_warnings) = record.decoded_payload(MAX_EXTRACT_BYTES as usize);
    child.warnings.extend(decode_warnings);
    child.name = uri
        .as_deref()
        .map(|u| file_name_for(u, media_type.as_deref()));
    child.media_type = media_type;
    child.bytes = bytes;
    child.meta = meta;
    child
}

/// A name for a capture from its address, so the registry recognises its type: the last
/// path segment, with `.html` added for an HTML page whose address does not say so.
fn file_name_for(uri: &str, media_type: Option<&str>) -> String {
    let path = uri.split(['?', '#']).next().unwrap_or(uri);
    let after_host = path.splitn(4, '/').nth(3).unwrap_or("");
    let last = after_host.rsplit('/').next().unwrap_or("");
    let mut name = if last.is_empty() {
        "index".to_owned()
    } else {
        last.to_owned()
    };
    let lower = name.to_ascii_lowercase();
    let is_html = media_type.is_some_and(|m| m == "text/html" || m == "application/xhtml+xml");
    if is_html && !(lower.ends_with(".html") || lower.ends_with(".htm")) {
        name.push_str(".html");
    }
    if media_type == Some("application/pdf") && !lower.ends_with(".pdf") {
        name.push_str(".pdf");
    }
    name
}

#[cfg(test)]
mod tests;
