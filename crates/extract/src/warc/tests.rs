use std::io::{BufReader, Write};

use super::*;
use crate::Container;

fn children_of(container: &dyn Container, bytes: Vec<u8>) -> Vec<ChildResult> {
    container
        .split(Box::new(BufReader::new(std::io::Cursor::new(bytes))))
        .collect()
}

fn corpus_file(name: &str) -> Option<Vec<u8>> {
    let path = dossier_tests::corpus_path(&format!("warc/{name}"))?;
    Some(std::fs::read(path).expect("a corpus file"))
}

/// A WARC record as a writer would write it, with the block digest computed unless given.
fn record(kind: &str, uri: &str, date: &str, id: &str, extra: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
         WARC-Record-ID: {id}\r\n{extra}Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn sha1_base32(bytes: &[u8]) -> String {
    use sha1::Digest;
    base32(&sha1::Sha1::digest(bytes))
}

const PAGE: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><title>Privacy</title></head><body><p>We train on your data.</p></body></html>";

fn body_of(http: &[u8]) -> &[u8] {
    let end = http::head_end(http).expect("headers end");
    &http[end..]
}

#[test]
fn a_response_becomes_a_capture_with_its_time_address_record_id_and_checked_digests() {
    let payload = format!(
        "WARC-Payload-Digest: sha1:{}\r\nWARC-Block-Digest: sha1:{}\r\nContent-Type: application/http; msgtype=response\r\n",
        sha1_base32(body_of(PAGE)),
        sha1_base32(PAGE)
    );
    let mut warc = record(
        "response",
        "https://example.org/privacy",
        "2024-03-01T10:00:00Z",
        "<urn:uuid:1>",
        &payload,
        PAGE,
    );
    warc.extend(record(
        "request",
        "https://example.org/privacy",
        "2024-03-01T10:00:00Z",
        "<urn:uuid:2>",
        "WARC-Concurrent-To: <urn:uuid:1>\r\nContent-Type: application/http; msgtype=request\r\n",
        b"GET /privacy HTTP/1.1\r\nHost: example.org\r\n\r\n",
    ));
    let children = children_of(&WarcContainer, warc);
    assert_eq!(
        children.len(),
        1,
        "one capture; the request is its provenance"
    );
    let child = children[0].as_ref().expect("a capture");
    assert_eq!(child.captured_at.as_deref(), Some("2024-03-01T10:00:00Z"));
    assert_eq!(
        child.source_url.as_deref(),
        Some("https://example.org/privacy")
    );
    assert_eq!(child.name.as_deref(), Some("privacy.html"));
    assert_eq!(child.media_type.as_deref(), Some("text/html"));
    assert!(child.bytes.starts_with(b"<html>"));
    assert_eq!(child.meta["warc.record_id"], "<urn:uuid:1>");
    assert_eq!(child.meta["warc.digest_check"], "pass");
    assert_eq!(child.meta["warc.http_status"], "200");
    assert_eq!(child.meta["warc.request"], "GET /privacy HTTP/1.1");
    assert!(child.warnings.is_empty(), "{:?}", child.warnings);
}

#[test]
fn a_payload_digest_that_does_not_verify_is_a_warning_on_the_capture() {
    let wrong = "WARC-Payload-Digest: sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ\r\n";
    let warc = record(
        "response",
        "https://example.org/",
        "2024-03-01T10:00:00Z",
        "<urn:uuid:1>",
        wrong,
        PAGE,
    );
    let children = children_of(&WarcContainer, warc);
    let child = children[0].as_ref().expect("a capture");
    assert_eq!(child.meta["warc.digest_check"], "FAIL");
    assert!(
        child
            .warnings
            .iter()
            .any(|w| w.contains("payload digest failed sha1:3I42H3S6")),
        "{:?}",
        child.warnings
    );
}

#[test]
fn a_gzip_member_per_record_is_read_and_offsets_are_the_members() {
    let mut file = Vec::new();
    let mut offsets = Vec::new();
    for (i, uri) in ["https://a.example/", "https://b.example/"]
        .iter()
        .enumerate()
    {
        offsets.push(file.len() as u64);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&record(
            "response",
            uri,
            "2024-01-01T00:00:00Z",
            &format!("<urn:uuid:{i}>"),
            "",
            PAGE,
        ))
        .expect("compress");
        file.extend(gz.finish().expect("compress"));
    }
    let (records, error) = read_all(file.as_slice());
    assert_eq!(error, None);
    let got: Vec<u64> = records.iter().map(|r| r.offset).collect();
    assert_eq!(got, offsets);
    assert!(records.iter().all(|r| r.warnings.is_empty()));
}

#[test]
fn gzip_members_with_header_fields_are_read_and_a_member_whose_crc_fails_is_an_error() {
    // The first member names a file and carries a comment (FNAME, FCOMMENT), as some
    // writers' do; the reader skips them and reads both records, offsets at each member.
    let first = {
        let mut gz = flate2::GzBuilder::new()
            .filename("crawl.warc")
            .comment("written by a test")
            .write(Vec::new(), flate2::Compression::default());
        gz.write_all(&record(
            "response",
            "https://a.example/",
            "2024-01-01T00:00:00Z",
            "<urn:uuid:a>",
            "",
            PAGE,
        ))
        .expect("compress");
        gz.finish().expect("compress")
    };
    let second = {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&record(
            "response",
            "https://b.example/",
            "2024-01-02T00:00:00Z",
            "<urn:uuid:b>",
            "",
            PAGE,
        ))
        .expect("compress");
        gz.finish().expect("compress")
    };
    let mut file = first.clone();
    file.extend_from_slice(&second);
    let (records, error) = read_all(file.as_slice());
    assert_eq!(error, None);
    let got: Vec<u64> = records.iter().map(|r| r.offset).collect();
    assert_eq!(got, vec![0, first.len() as u64]);
    assert_eq!(records[1].decoded_payload(usize::MAX).0, body_of(PAGE));

    // A flipped bit in the second member's CRC-32: its bytes are not what was compressed.
    let crc_at = file.len() - 8;
    file[crc_at] ^= 1;
    // The first record is still read, and says the file could not be read after it.
    let (records, error) = read_all(file.as_slice());
    assert_eq!(records.len(), 1, "the first record is still read");
    let said = format!("{:?} {error:?}", records[0].warnings);
    assert!(said.contains("CRC-32"), "{said}");
}

#[test]
fn a_warc_gzipped_as_one_stream_is_read_to_the_end_and_says_warcio_refuses_it() {
    let Some(bytes) = corpus_file("warcio_example-bad-non-chunked.warc.gz") else {
        return;
    };
    let (records, error) = read_all(bytes.as_slice());
    assert_eq!(error, None);
    assert!(records.len() > 1, "Dossier reads past the first record");
    assert!(
        records[1]
            .warnings
            .iter()
            .any(|w| w.contains("non-chunked gzip"))
    );
}

#[test]
fn a_record_cut_off_by_its_gzip_member_stops_reading_where_warcio_does() {
    let Some(bytes) = corpus_file("warcio_example-wrong-chunks.warc.gz") else {
        return;
    };
    let (records, error) = read_all(bytes.as_slice());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].digest_check, DigestCheck::Incomplete);
    assert!(records[0].warnings.iter().any(|w| w.contains("cut short")));
    let error = error.expect("reading stops").to_string();
    assert!(
        error.contains("invalid WARC record") && error.contains("<!doctype html>"),
        "{error}"
    );
    // The container hands the capture over, then the reason it could read no further.
    let children = children_of(&WarcContainer, bytes);
    assert!(children.last().is_some_and(|c| c.is_err()));
}

#[test]
fn an_arc_record_is_a_capture_with_its_date_in_iso_form() {
    let Some(bytes) = corpus_file("warcio_example.arc") else {
        return;
    };
    let children = children_of(&WarcContainer, bytes);
    assert_eq!(children.len(), 1);
    let child = children[0].as_ref().expect("a capture");
    assert_eq!(child.captured_at.as_deref(), Some("2014-02-16T05:02:21Z"));
    assert_eq!(child.source_url.as_deref(), Some("http://example.com/"));
    assert!(String::from_utf8_lossy(&child.bytes).contains("Example Domain"));
}

#[test]
fn a_wacz_yields_its_captures_then_its_datapackage_checked() {
    let Some(valid) = corpus_file("pywacz_valid_example_1.wacz") else {
        return;
    };
    let children = children_of(&WaczContainer, valid);
    let captures: Vec<&Child> = children.iter().filter_map(|c| c.as_ref().ok()).collect();
    assert_eq!(children.len(), captures.len(), "no errors");
    assert!(
        captures[0]
            .locator
            .starts_with("archive/example-collection.warc/offset=")
    );
    let datapackage = captures.last().expect("the datapackage");
    assert_eq!(datapackage.name.as_deref(), Some("datapackage.json"));
    assert_eq!(
        datapackage.meta["wacz.check"], "pass",
        "{:?}",
        datapackage.warnings
    );

    let Some(invalid) = corpus_file("pywacz_invalid_example_1.wacz") else {
        return;
    };
    let children = children_of(&WaczContainer, invalid);
    let datapackage = children
        .last()
        .and_then(|c| c.as_ref().ok())
        .expect("the datapackage");
    assert_eq!(datapackage.meta["wacz.check"], "FAIL");
    assert!(
        datapackage
            .warnings
            .iter()
            .any(|w| w.contains("data/indexes/index.cdx.gz is declared but not in the package")),
        "{:?}",
        datapackage.warnings
    );
}

#[test]
fn the_container_bids_on_archives_by_name_or_by_their_first_bytes() {
    let c = WarcContainer;
    assert!(c.bid(&Probe::named("x.warc.gz", b"")) >= 90);
    assert!(c.bid(&Probe::named("capture.bin", b"WARC/1.0\r\n")) >= 90);
    assert_eq!(c.bid(&Probe::named("notes.txt", b"hello")), 0);
}

#[test]
fn garbage_and_cut_off_archives_end_in_an_error_or_nothing_never_a_panic() {
    let mut warc = record(
        "response",
        "https://example.org/",
        "2024-03-01T10:00:00Z",
        "<urn:uuid:1>",
        "",
        PAGE,
    );
    for cut in [0, 5, 30, 120, warc.len() - 10] {
        let _ = read_all(&warc[..cut]);
        let _ = children_of(&WarcContainer, warc[..cut].to_vec());
    }
    warc[0] = b'X';
    let (records, error) = read_all(warc.as_slice());
    assert!(records.is_empty());
    assert!(error.is_some_and(|e| e.to_string().contains("first line: XARC/1.0")));
}
