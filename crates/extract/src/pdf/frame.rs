//! The framed format spoken between [`PdfExtractor`](super::PdfExtractor) and the
//! `dossier-pdf-worker` process, in both directions.
//!
//! Only the api crate knows JSON, and a PDF's text can hold any character (NUL, newlines),
//! so each record is length-prefixed: a header line `TAG LENGTH\n`, then exactly `LENGTH`
//! bytes of UTF-8, then `\n`. A stream starts with the line [`MAGIC`] and ends with the
//! record `end 0`; a stream without its end record was cut short (the worker died).
//!
//! Requests carry `password` (optional) and `pdf` (the file's bytes, not UTF-8).
//! Replies carry, in order, `meta.KEY` records, one `page` record per page (page 1 first),
//! `warning` records, and at most one `error.KIND` record (`KIND` is `password` or
//! `malformed`) instead of pages when the file could not be read.

use std::io::{self, Write};

/// The first line of every stream, naming the format and its version.
pub const MAGIC: &str = "DOSSIER-PDF 1";

/// One record: a tag and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// What the bytes are (`page`, `meta.title`, `error.password` ...).
    pub tag: String,
    /// The record's content.
    pub body: Vec<u8>,
}

/// Writes a stream's first line.
pub fn write_magic(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{MAGIC}")
}

/// Writes one record. Tags must not contain spaces or newlines.
pub fn write_record(out: &mut dyn Write, tag: &str, body: &[u8]) -> io::Result<()> {
    debug_assert!(!tag.contains([' ', '\n']), "bad tag {tag:?}");
    writeln!(out, "{tag} {}", body.len())?;
    out.write_all(body)?;
    out.write_all(b"\n")
}

/// Writes the end record.
pub fn write_end(out: &mut dyn Write) -> io::Result<()> {
    write_record(out, "end", b"")
}

/// Why a stream could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    /// The stream does not start with [`MAGIC`].
    #[error("not a worker stream (no {MAGIC:?} header)")]
    NoMagic,
    /// A header line is not `TAG LENGTH`, or the body is shorter than announced.
    #[error("damaged record at byte {0}")]
    Damaged(usize),
    /// The stream stopped before its end record.
    #[error("the stream ended early, after {0} complete records")]
    Truncated(usize),
}

/// Reads every record of a complete stream (without the end record).
pub fn read_records(bytes: &[u8]) -> Result<Vec<Record>, FrameError> {
    let rest = bytes
        .strip_prefix(MAGIC.as_bytes())
        .and_then(|r| r.strip_prefix(b"\n"))
        .ok_or(FrameError::NoMagic)?;
    let mut at = MAGIC.len() + 1;
    let mut rest = rest;
    let mut records = Vec::new();
    loop {
        if rest.is_empty() {
            return Err(FrameError::Truncated(records.len()));
        }
        let Some(nl) = rest.iter().position(|&b| b == b'\n') else {
            return Err(FrameError::Truncated(records.len()));
        };
        let header = std::str::from_utf8(&rest[..nl]).map_err(|_| FrameError::Damaged(at))?;
        let (tag, len) = header.split_once(' ').ok_or(FrameError::Damaged(at))?;
        let len: usize = len.parse().map_err(|_| FrameError::Damaged(at))?;
        let body_start = nl + 1;
        let body_end = body_start.checked_add(len).ok_or(FrameError::Damaged(at))?;
        if rest.len() < body_end + 1 {
            return Err(FrameError::Truncated(records.len()));
        }
        if rest[body_end] != b'\n' {
            return Err(FrameError::Damaged(at));
        }
        if tag == "end" {
            return Ok(records);
        }
        records.push(Record {
            tag: tag.to_owned(),
            body: rest[body_start..body_end].to_vec(),
        });
        at += body_end + 1;
        rest = &rest[body_end + 1..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(records: &[(&str, &[u8])], end: bool) -> Vec<u8> {
        let mut out = Vec::new();
        write_magic(&mut out).expect("vec");
        for (tag, body) in records {
            write_record(&mut out, tag, body).expect("vec");
        }
        if end {
            write_end(&mut out).expect("vec");
        }
        out
    }

    #[test]
    fn records_round_trip_whatever_their_bytes() {
        let body: &[u8] = b"line 1\nline 2 \0 with NUL\nend 0\n";
        let s = stream(&[("page", body), ("meta.title", "Zoë".as_bytes())], true);
        let records = read_records(&s).expect("complete stream");
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].body, body);
        assert_eq!(records[1].tag, "meta.title");
    }

    #[test]
    fn a_stream_cut_short_is_truncated_not_silently_accepted() {
        let s = stream(&[("page", b"one")], false);
        assert_eq!(read_records(&s), Err(FrameError::Truncated(1)));
        let full = stream(&[("page", b"a long page")], true);
        assert_eq!(
            read_records(&full[..full.len() - 12]),
            Err(FrameError::Truncated(0))
        );
        assert_eq!(read_records(b"garbage"), Err(FrameError::NoMagic));
    }

    #[test]
    fn a_lying_length_is_damage() {
        let mut s = Vec::new();
        write_magic(&mut s).expect("vec");
        s.extend_from_slice(b"page 2\nabc\nend 0\n\n");
        assert!(matches!(read_records(&s), Err(FrameError::Damaged(_))));
    }
}
