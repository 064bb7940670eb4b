//! Reading WARC and ARC files record by record, streamed, as warcio's `ArchiveIterator`
//! with `check_digests=True` reads them: the same records, types, addresses, dates and
//! digest verdicts, the same leniency (a record not followed by its blank lines is warned
//! about and reading goes on) and the same points where reading stops (a first line that
//! is neither WARC nor ARC). One deliberate difference: a `.warc.gz` compressed as one
//! gzip stream rather than record by record is read to its end with a warning on the
//! first record warcio refuses, since the records are all there.

use std::io::{self, BufRead, Read};

use super::digest::{self, Hasher};
use super::http;
use super::source::{Position, Source};

/// The longest header line read; a longer one is cut (and its record is surely broken).
const MAX_LINE: usize = 64 << 10;
/// The most header lines one record may have.
const MAX_HEADER_LINES: usize = 4096;

/// Which of the two archive formats a record was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveFormat {
    /// WARC 0.17–1.1.
    Warc,
    /// The Internet Archive's older ARC format (version 1).
    Arc,
}

impl ArchiveFormat {
    /// `warc` or `arc`.
    pub fn as_str(self) -> &'static str {
        match self {
            ArchiveFormat::Warc => "warc",
            ArchiveFormat::Arc => "arc",
        }
    }
}

/// What checking a record's declared digests found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DigestCheck {
    /// The record declares no digest.
    NoDigest,
    /// Every declared digest matches the bytes.
    Pass,
    /// A revisit's digests describe an earlier record's payload, so they are not checked.
    NotChecked,
    /// At least one declared digest does not match (or names an unknown algorithm).
    Fail(Vec<String>),
    /// The record is cut short (the file or its gzip member ends inside it), so its
    /// digests could not be checked; the record carries a warning saying so.
    Incomplete,
}

impl DigestCheck {
    /// `pass`, `FAIL`, `no-digest` or `present-not-checked (revisit)`, as warcio's check
    /// reports them.
    pub fn as_str(&self) -> &'static str {
        match self {
            DigestCheck::NoDigest => "no-digest",
            DigestCheck::Pass => "pass",
            DigestCheck::NotChecked => "present-not-checked (revisit)",
            DigestCheck::Fail(_) => "FAIL",
            DigestCheck::Incomplete => "present-not-checked",
        }
    }
}

/// One record of a WARC or ARC file.
#[derive(Debug, Clone)]
pub struct Record {
    /// WARC or ARC.
    pub format: ArchiveFormat,
    /// Where it starts in the file (for gzip, the start of its gzip member).
    pub offset: u64,
    /// Its headers in order. An ARC record's are given WARC names: `WARC-Type`,
    /// `WARC-Target-URI`, `WARC-Date` (as written, 14 digits), `WARC-IP-Address`,
    /// `Content-Type`.
    pub headers: Vec<(String, String)>,
    /// Its block (for a response, the HTTP message), when it is at most the reader's limit;
    /// else empty and [`Record::block_kept`] is false.
    pub block: Vec<u8>,
    /// How many block bytes were read.
    pub block_len: u64,
    /// Whether [`Record::block`] holds the whole block.
    pub block_kept: bool,
    /// SHA-256 of the block as read (hex), Dossier's own fixity for the record.
    pub block_sha256: String,
    /// The verdict on its declared digests.
    pub digest_check: DigestCheck,
    /// What was wrong while reading it (cut short, not followed by blank lines…).
    pub warnings: Vec<String>,
}

impl Record {
    /// The first header of this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `response`, `request`, `warcinfo`…; `arc_header` for an ARC file's first record.
    pub fn record_type(&self) -> &str {
        self.header("WARC-Type").unwrap_or("")
    }

    /// The address captured, without the `<…>` some writers put around it and with spaces
    /// encoded, as warcio gives it.
    pub fn target_uri(&self) -> Option<String> {
        let uri = self.header("WARC-Target-URI")?;
        if self.format == ArchiveFormat::Arc {
            return Some(uri.to_owned());
        }
        let uri = uri
            .strip_prefix('<')
            .and_then(|u| u.strip_suffix('>'))
            .unwrap_or(uri);
        Some(uri.replace(' ', "%20"))
    }

    /// The capture time as written (`2017-03-06T04:02:06Z`, or 14 digits in ARC).
    pub fn date(&self) -> Option<&str> {
        self.header("WARC-Date")
    }

    /// The capture time in ISO 8601 (`2014-02-16T05:02:21Z` for an ARC's `20140216050221`).
    pub fn captured_at(&self) -> Option<String> {
        let date = self.date()?.trim();
        if date.len() >= 14 && date.bytes().take(14).all(|b| b.is_ascii_digit()) {
            let d = &date[..14];
            return Some(format!(
                "{}-{}-{}T{}:{}:{}Z",
                &d[..4],
                &d[4..6],
                &d[6..8],
                &d[8..10],
                &d[10..12],
                &d[12..14]
            ));
        }
        Some(date.to_owned())
    }

    /// Whether its block is an HTTP message (warcio's rule: a response, request or revisit
    /// of an `http:` or `https:` address with a non-empty block).
    pub fn has_http(&self) -> bool {
        matches!(self.record_type(), "response" | "request" | "revisit")
            && self.block_len > 0
            && self
                .target_uri()
                .is_some_and(|u| u.starts_with("http:") || u.starts_with("https:"))
    }

    /// The HTTP message in its block, if it has one and the block was kept.
    pub fn http(&self) -> Option<http::HttpMessage<'_>> {
        if !self.has_http() || !self.block_kept {
            return None;
        }
        http::parse(&self.block)
    }

    /// The payload as the client saw it (HTTP body de-chunked and decompressed, or the
    /// whole block of a resource), with warnings about what could not be decoded.
    pub fn decoded_payload(&self, limit: usize) -> (Vec<u8>, Vec<String>) {
        if self.has_http() {
            match self.http() {
                Some(message) => http::decoded_body(&message, limit),
                None => (Vec::new(), Vec::new()),
            }
        } else {
            let mut block = self.block.clone();
            block.truncate(limit);
            (block, Vec::new())
        }
    }
}

/// Why reading stopped before the end of the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// A record's first line is neither a WARC version line nor an ARC header line.
    #[error("invalid {format} record at byte {offset}, first line: {line}")]
    InvalidRecord {
        /// `WARC`, `ARC` or `WARC or ARC` (for the first record).
        format: &'static str,
        /// Where the line starts.
        offset: u64,
        /// The line, lossily decoded and cut to 200 characters.
        line: String,
    },
    /// The bytes could not be read (a gzip member that is corrupt or cut off).
    #[error("could not read past byte {offset}: {reason}")]
    Io {
        /// The offset of the record being read.
        offset: u64,
        /// The reader's message.
        reason: String,
    },
}

/// Reads records from a WARC or ARC file, plain or gzip, one at a time.
pub struct RecordReader<R> {
    source: Source<R>,
    format: Option<ArchiveFormat>,
    /// The first line of the next record, already read, and where it started.
    pending: Option<(Vec<u8>, Position)>,
    /// The gzip member the last record started in.
    last_member: Option<u64>,
    warned_single_stream: bool,
    keep_limit: usize,
    done: bool,
    line: Vec<u8>,
}

impl<R: BufRead> RecordReader<R> {
    /// A reader over `reader`, keeping blocks up to
    /// [`MAX_EXTRACT_BYTES`](crate::MAX_EXTRACT_BYTES) in memory.
    pub fn new(reader: R) -> io::Result<Self> {
        Self::with_limit(reader, crate::MAX_EXTRACT_BYTES as usize)
    }

    /// A reader keeping blocks up to `keep_limit` bytes (larger ones are hashed and
    /// checked but not kept).
    pub fn with_limit(reader: R, keep_limit: usize) -> io::Result<Self> {
        Ok(RecordReader {
            source: Source::open(reader)?,
            format: None,
            pending: None,
            last_member: None,
            warned_single_stream: false,
            keep_limit,
            done: false,
            line: Vec::new(),
        })
    }

    /// Reads one line (newline included, at most [`MAX_LINE`] bytes kept) into `self.line`;
    /// false at the end.
    fn read_line(&mut self) -> io::Result<bool> {
        self.line.clear();
        let mut any = false;
        loop {
            let available = self.source.fill_buf()?;
            if available.is_empty() {
                return Ok(any);
            }
            any = true;
            let (take, ended) = match memchr::memchr(b'\n', available) {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            let room = MAX_LINE.saturating_sub(self.line.len());
            self.line.extend_from_slice(&available[..take.min(room)]);
            self.source.consume(take);
            if ended {
                return Ok(true);
            }
        }
    }

    /// Skips blank lines; the next non-blank line and where it starts, or `None` at the end.
    /// With `after_record`, the first line read is the one that should have been the blank
    /// line ending the previous record: when it is not blank it is skipped with a warning.
    /// In a gzip file this first reads what is left of the record's member, then goes on.
    fn next_line(
        &mut self,
        after_record: Option<&mut Vec<String>>,
    ) -> io::Result<Option<(Vec<u8>, Position)>> {
        let mut first = after_record;
        loop {
            let at = self.source.position()?;
            if !self.read_line()? {
                if first.is_some() || self.source.is_gzip() {
                    // The end of the record's member: blank lines in the next one are
                    // not this record's business.
                    self.source.hold_member(false);
                    first = None;
                    if self.source.fill_buf()?.is_empty() {
                        return Ok(None);
                    }
                    continue;
                }
                return Ok(None);
            }
            let blank = self.line.iter().all(|b| b.is_ascii_whitespace());
            if let Some(warnings) = first.take() {
                if !blank {
                    warnings.push(format!(
                        "record not followed by a blank line, perhaps its Content-Length is wrong (skipped {:?} at byte {})",
                        preview(&self.line),
                        at.offset
                    ));
                }
                continue;
            }
            if !blank {
                return Ok(Some((std::mem::take(&mut self.line), at)));
            }
        }
    }

    fn read_record(&mut self) -> Result<Option<Record>, ReadError> {
        let io_error = |offset: u64| {
            move |e: io::Error| ReadError::Io {
                offset,
                reason: e.to_string(),
            }
        };
        let (first_line, at) = match self.pending.take() {
            Some(p) => p,
            None => match self.next_line(None).map_err(io_error(0))? {
                Some(p) => p,
                None => return Ok(None),
            },
        };
        self.source.hold_member(true);
        let mut warnings = Vec::new();
        if self.source.is_gzip()
            && self.last_member == Some(at.member)
            && !self.warned_single_stream
        {
            self.warned_single_stream = true;
            warnings.push(
                "this .warc.gz is compressed as one stream, not record by record (warcio stops here: \
                 \"non-chunked gzip file detected\"); Dossier reads on"
                    .to_owned(),
            );
        }
        self.last_member = Some(at.member);
        let text = String::from_utf8_lossy(&first_line);
        let text = text.trim_end_matches(['\r', '\n']);
        let format = match self.format {
            Some(f) => f,
            None if text.starts_with("WARC/") => ArchiveFormat::Warc,
            None if arc_fields(text).is_some() => ArchiveFormat::Arc,
            None => {
                return Err(ReadError::InvalidRecord {
                    format: "WARC or ARC",
                    offset: at.offset,
                    line: preview(&first_line),
                });
            }
        };
        self.format = Some(format);
        let (headers, length) = match format {
            ArchiveFormat::Warc => {
                if !text.starts_with("WARC/") {
                    return Err(ReadError::InvalidRecord {
                        format: "WARC",
                        offset: at.offset,
                        line: preview(&first_line),
                    });
                }
                let headers = self.read_warc_headers().map_err(io_error(at.offset))?;
                let declared = headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
                    .map(|(_, v)| v.trim().to_owned());
                let length = match declared.as_deref().map(str::parse::<u64>) {
                    Some(Ok(n)) => n,
                    Some(Err(_)) => {
                        warnings.push(format!(
                            "Content-Length {:?} is not a number: the block is taken as empty",
                            declared.unwrap_or_default()
                        ));
                        0
                    }
                    None => {
                        warnings.push("no Content-Length: the block is taken as empty".into());
                        0
                    }
                };
                (headers, length)
            }
            ArchiveFormat::Arc => {
                let Some(fields) = arc_fields(text) else {
                    return Err(ReadError::InvalidRecord {
                        format: "ARC",
                        offset: at.offset,
                        line: preview(&first_line),
                    });
                };
                let [uri, ip, date, content_type, length] = fields;
                let mut consumed = 0u64;
                let is_header = uri.starts_with("filedesc://");
                if is_header {
                    // The version block's two lines are part of the declared length.
                    for _ in 0..2 {
                        if self.read_line().map_err(io_error(at.offset))? {
                            consumed += self.line.len() as u64;
                        }
                    }
                }
                let length = length
                    .parse::<i64>()
                    .ok()
                    .and_then(|n| u64::try_from(n - consumed as i64).ok())
                    .unwrap_or(0);
                let headers = vec![
                    (
                        "WARC-Type".to_owned(),
                        if is_header { "arc_header" } else { "response" }.to_owned(),
                    ),
                    ("WARC-Target-URI".to_owned(), uri.to_owned()),
                    ("WARC-IP-Address".to_owned(), ip.to_owned()),
                    ("WARC-Date".to_owned(), date.to_owned()),
                    ("Content-Type".to_owned(), content_type.to_owned()),
                ];
                (headers, length)
            }
        };
        let mut record = Record {
            format,
            offset: at.offset,
            headers,
            block: Vec::new(),
            block_len: 0,
            block_kept: true,
            block_sha256: String::new(),
            digest_check: DigestCheck::NoDigest,
            warnings,
        };
        self.read_block(&mut record, length)
            .map_err(io_error(at.offset))?;
        let mut after = Vec::new();
        let next = self.next_line(Some(&mut after));
        self.source.hold_member(false);
        record.warnings.extend(after);
        match next {
            Ok(Some(p)) => self.pending = Some(p),
            Ok(None) => self.done = true,
            Err(e) => {
                // The record itself was read; the error is met again on the next call.
                record
                    .warnings
                    .push(format!("the file could not be read after this record: {e}"));
                self.done = true;
            }
        }
        Ok(Some(record))
    }

    fn read_warc_headers(&mut self) -> io::Result<Vec<(String, String)>> {
        let mut headers: Vec<(String, String)> = Vec::new();
        for _ in 0..MAX_HEADER_LINES {
            if !self.read_line()? {
                break;
            }
            let line = String::from_utf8_lossy(&self.line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            if line.starts_with([' ', '\t']) {
                if let Some((_, value)) = headers.last_mut() {
                    value.push(' ');
                    value.push_str(line.trim());
                }
                continue;
            }
            if let Some((name, value)) = line.split_once(':') {
                headers.push((name.trim().to_owned(), value.trim().to_owned()));
            }
        }
        Ok(headers)
    }

    /// Reads `length` block bytes, hashing them for the declared digests and SHA-256, and
    /// keeping them when they fit the limit.
    fn read_block(&mut self, record: &mut Record, length: u64) -> io::Result<()> {
        let revisit = record.record_type() == "revisit";
        let declared_block = record.header("WARC-Block-Digest").map(str::to_owned);
        let declared_payload = record.header("WARC-Payload-Digest").map(str::to_owned);
        let mut problems = Vec::new();
        let hasher_for = |declared: &Option<String>, what: &str, problems: &mut Vec<String>| {
            let (algorithm, _) = digest::parse(declared.as_deref()?)?;
            let hasher = Hasher::for_algorithm(algorithm);
            if hasher.is_none() {
                problems.push(format!("unknown hash algorithm name in {what} digest"));
            }
            hasher
        };
        let (mut block_hasher, mut payload_hasher) = if revisit {
            (None, None)
        } else {
            (
                hasher_for(&declared_block, "block", &mut problems),
                hasher_for(&declared_payload, "payload", &mut problems),
            )
        };
        let http = record.has_http_for(length);
        // Until the end of the HTTP headers is found, the block's start is held here.
        let mut head: Vec<u8> = Vec::new();
        let mut in_payload = !http;
        let mut sha256 = Hasher::for_algorithm("sha256");
        let keep = length <= self.keep_limit as u64;
        record.block_kept = keep;
        if keep {
            record.block.reserve(length as usize);
        }
        let mut left = length;
        while left > 0 {
            let available = self.source.fill_buf()?;
            if available.is_empty() {
                record.warnings.push(format!(
                    "the record is cut short: {} of its {length} bytes are in the file",
                    length - left
                ));
                break;
            }
            let n = available
                .len()
                .min(usize::try_from(left).unwrap_or(usize::MAX));
            let chunk = &available[..n];
            if let Some(h) = block_hasher.as_mut() {
                h.update(chunk);
            }
            if let Some(h) = sha256.as_mut() {
                h.update(chunk);
            }
            if in_payload {
                if let Some(h) = payload_hasher.as_mut() {
                    h.update(chunk);
                }
            } else {
                head.extend_from_slice(chunk);
                if let Some(end) = http::head_end(&head) {
                    in_payload = true;
                    if let Some(h) = payload_hasher.as_mut() {
                        h.update(&head[end..]);
                    }
                    head = Vec::new();
                } else if head.len() > 256 << 10 {
                    // No end of headers: the whole block is taken as the payload.
                    in_payload = true;
                    if let Some(h) = payload_hasher.as_mut() {
                        h.update(&head);
                    }
                    head = Vec::new();
                }
            }
            if keep {
                record.block.extend_from_slice(chunk);
            }
            self.source.consume(n);
            left -= n as u64;
        }
        record.block_len = length - left;
        record.block_sha256 = sha256.map(|h| hex(&h.finish())).unwrap_or_default();
        let mut passed = false;
        for (hasher, declared, what, sep) in [
            (block_hasher, &declared_block, "block", ":"),
            (payload_hasher, &declared_payload, "payload", ""),
        ] {
            let (Some(hasher), Some(declared)) = (hasher, declared.as_deref()) else {
                continue;
            };
            let value = digest::parse(declared).map(|(_, v)| v).unwrap_or("");
            if digest::matches(&hasher.finish(), value) {
                passed = true;
            } else {
                // warcio's wording, which differs by a colon between the two.
                problems.push(format!("{what} digest failed{sep} {declared}"));
            }
        }
        let cut_short = left > 0;
        record.digest_check =
            if cut_short && (declared_block.is_some() || declared_payload.is_some()) && !revisit {
                DigestCheck::Incomplete
            } else if !problems.is_empty() {
                DigestCheck::Fail(problems)
            } else if passed {
                DigestCheck::Pass
            } else if declared_block.is_some() || declared_payload.is_some() {
                DigestCheck::NotChecked
            } else {
                DigestCheck::NoDigest
            };
        if let DigestCheck::Fail(problems) = &record.digest_check {
            record
                .warnings
                .extend(problems.iter().map(|p| format!("WARC digest check: {p}")));
        }
        Ok(())
    }
}

impl Record {
    /// [`Record::has_http`] before the block is read.
    fn has_http_for(&self, length: u64) -> bool {
        matches!(self.record_type(), "response" | "request" | "revisit")
            && length > 0
            && self
                .target_uri()
                .is_some_and(|u| u.starts_with("http:") || u.starts_with("https:"))
    }
}

impl<R: BufRead> Iterator for RecordReader<R> {
    type Item = Result<Record, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done && self.pending.is_none() {
            return None;
        }
        match self.read_record() {
            Ok(Some(record)) => Some(Ok(record)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                self.pending = None;
                Some(Err(e))
            }
        }
    }
}

/// An ARC version 1 header line's five fields (`uri ip date content-type length`), split
/// from the right so an address with spaces stays whole, as warcio does.
fn arc_fields(line: &str) -> Option<[&str; 5]> {
    let mut parts = line.rsplitn(5, ' ');
    let length = parts.next()?;
    let content_type = parts.next()?;
    let date = parts.next()?;
    let ip = parts.next()?;
    let uri = parts.next()?;
    if uri.is_empty() || !(uri.contains("://") || uri.starts_with("dns:")) {
        return None;
    }
    Some([uri, ip, date, content_type, length])
}

fn preview(line: &[u8]) -> String {
    let text = String::from_utf8_lossy(line);
    text.trim_end_matches(['\r', '\n'])
        .chars()
        .take(200)
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads every record of a file with digests checked, for tools that compare with warcio.
pub fn read_all<R: Read + Send>(reader: R) -> (Vec<Record>, Option<ReadError>) {
    let mut records = Vec::new();
    let reader = match RecordReader::new(io::BufReader::with_capacity(256 << 10, reader)) {
        Ok(r) => r,
        Err(e) => {
            return (
                records,
                Some(ReadError::Io {
                    offset: 0,
                    reason: e.to_string(),
                }),
            );
        }
    };
    for record in reader {
        match record {
            Ok(r) => records.push(r),
            Err(e) => return (records, Some(e)),
        }
    }
    (records, None)
}
