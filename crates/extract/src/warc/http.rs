//! The HTTP message inside a `response` or `request` record: its start line, its headers,
//! and its body decoded from the transfer encoding (chunked) and the content encoding
//! (gzip, deflate, br), as a browser would have seen it.

use std::io::Read;

/// The most a header section may hold before it is taken as not HTTP at all.
const MAX_HEAD: usize = 256 << 10;

/// An HTTP message cut at the end of its headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpMessage<'a> {
    /// `HTTP/1.1 200 OK` or `GET / HTTP/1.1`.
    pub start_line: String,
    /// Headers in order, names as written.
    pub headers: Vec<(String, String)>,
    /// The bytes after the blank line, as recorded (still chunked or compressed).
    pub body: &'a [u8],
}

impl HttpMessage<'_> {
    /// The first header of this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The status code of a response (`200`), if the start line has one.
    pub fn status(&self) -> Option<&str> {
        let mut words = self.start_line.split_whitespace();
        let protocol = words.next()?;
        let code = words.next()?;
        (protocol.starts_with("HTTP/") && code.chars().all(|c| c.is_ascii_digit())).then_some(code)
    }

    /// The media type of the body (`text/html`), lowercased, without parameters.
    pub fn media_type(&self) -> Option<String> {
        media_type_of(self.header("Content-Type")?)
    }
}

/// `text/html; charset=utf-8` → `text/html`.
pub fn media_type_of(content_type: &str) -> Option<String> {
    let media = content_type.split(';').next()?.trim().to_ascii_lowercase();
    (!media.is_empty()).then_some(media)
}

/// Where the header section of an HTTP message ends: the index of the body's first byte.
pub(crate) fn head_end(bytes: &[u8]) -> Option<usize> {
    let head = &bytes[..bytes.len().min(MAX_HEAD)];
    let mut start = 0;
    while let Some(i) = memchr::memchr(b'\n', &head[start..]) {
        let line_end = start + i;
        let line = &head[start..line_end];
        if line.is_empty() || line == b"\r" {
            return Some(line_end + 1);
        }
        start = line_end + 1;
    }
    None
}

/// Parses an HTTP message; `None` when the bytes do not start with a start line and a
/// header section (a record whose block is not HTTP).
pub fn parse(bytes: &[u8]) -> Option<HttpMessage<'_>> {
    let (head, body) = match head_end(bytes) {
        Some(end) => (&bytes[..end], &bytes[end..]),
        // Headers that run to the end of the block: a message without a body.
        None if bytes.len() <= MAX_HEAD => (bytes, &bytes[bytes.len()..]),
        None => return None,
    };
    let text = String::from_utf8_lossy(head);
    let mut lines = text.split('\n').map(|l| l.trim_end_matches('\r'));
    let start_line = lines.next()?.trim().to_owned();
    if start_line.is_empty() {
        return None;
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
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
    Some(HttpMessage {
        start_line,
        headers,
        body,
    })
}

/// The body as the client saw it: de-chunked, then decompressed, at most `limit` bytes.
/// What could not be decoded is kept as recorded, and the reason returned as a warning.
pub fn decoded_body(message: &HttpMessage<'_>, limit: usize) -> (Vec<u8>, Vec<String>) {
    let mut warnings = Vec::new();
    let chunked = message
        .header("Transfer-Encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    let mut body = if chunked {
        match dechunk(message.body) {
            Some(b) => b,
            None => {
                warnings.push(
                    "the body says it is chunked but is not: it is kept as recorded".to_owned(),
                );
                message.body.to_vec()
            }
        }
    } else {
        message.body.to_vec()
    };
    if let Some(encoding) = message.header("Content-Encoding") {
        let encoding = encoding.trim().to_ascii_lowercase();
        if !body.is_empty() && encoding != "identity" {
            match decompress(&encoding, &body, limit) {
                Ok(Some(plain)) => body = plain,
                Ok(None) => warnings.push(format!(
                    "content encoding {encoding:?} is not one Dossier decodes: the body is kept as recorded"
                )),
                Err(reason) => warnings.push(format!(
                    "the {encoding} body could not be decompressed ({reason}): it is kept as recorded"
                )),
            }
        }
    }
    body.truncate(limit);
    (body, warnings)
}

/// Undoes `Transfer-Encoding: chunked`; `None` when the first chunk line is not one (then
/// the writer already de-chunked the body but left the header, as some do).
fn dechunk(mut bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut first = true;
    loop {
        let Some(line_end) = memchr::memchr(b'\n', bytes) else {
            // A chunk line cut off at the end: the message was truncated; keep what we have.
            return (!first).then_some(out);
        };
        let line = String::from_utf8_lossy(&bytes[..line_end]);
        let size_text = line.trim().split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            return (!first).then_some(out);
        };
        first = false;
        bytes = &bytes[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        let take = size.min(bytes.len());
        out.extend_from_slice(&bytes[..take]);
        bytes = &bytes[take..];
        if take < size {
            return Some(out);
        }
        // The CRLF after the chunk.
        if bytes.starts_with(b"\r\n") {
            bytes = &bytes[2..];
        } else if bytes.starts_with(b"\n") {
            bytes = &bytes[1..];
        }
    }
}

/// Decompresses one content encoding; `Ok(None)` for an encoding not handled.
fn decompress(encoding: &str, bytes: &[u8], limit: usize) -> Result<Option<Vec<u8>>, String> {
    let limit = limit as u64;
    let mut out = Vec::new();
    let result = match encoding {
        "gzip" | "x-gzip" => flate2::read::MultiGzDecoder::new(bytes)
            .take(limit)
            .read_to_end(&mut out),
        "deflate" => {
            // Servers send zlib-wrapped deflate as the standard says, or raw deflate.
            let zlib = flate2::read::ZlibDecoder::new(bytes)
                .take(limit)
                .read_to_end(&mut out);
            if zlib.is_err() {
                out.clear();
                flate2::read::DeflateDecoder::new(bytes)
                    .take(limit)
                    .read_to_end(&mut out)
            } else {
                zlib
            }
        }
        "br" => brotli_decompressor::Decompressor::new(bytes, 64 << 10)
            .take(limit)
            .read_to_end(&mut out),
        _ => return Ok(None),
    };
    result.map(|_| Some(out)).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunked_gzip_body_is_decoded_to_what_the_browser_showed() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, b"<p>hello</p>").unwrap_or_default();
        let gz = gz.finish().unwrap_or_default();
        let mut raw = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
        let (a, b) = gz.split_at(5);
        raw.extend_from_slice(format!("{:x}\r\n", a.len()).as_bytes());
        raw.extend_from_slice(a);
        raw.extend_from_slice(format!("\r\n{:x}\r\n", b.len()).as_bytes());
        raw.extend_from_slice(b);
        raw.extend_from_slice(b"\r\n0\r\n\r\n");
        let message = parse(&raw).expect("an HTTP message");
        assert_eq!(message.status(), Some("200"));
        assert_eq!(message.media_type().as_deref(), Some("text/html"));
        let (body, warnings) = decoded_body(&message, 1 << 20);
        assert_eq!(body, b"<p>hello</p>");
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn a_body_that_is_not_really_gzip_is_kept_with_a_warning() {
        let raw = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\nplain words";
        let message = parse(raw).expect("an HTTP message");
        let (body, warnings) = decoded_body(&message, 1 << 20);
        assert_eq!(body, b"plain words");
        assert!(
            warnings[0].contains("could not be decompressed"),
            "{warnings:?}"
        );
    }
}
