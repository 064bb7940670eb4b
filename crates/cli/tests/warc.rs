//! Web archives through the real `dossier` binary: a WARC's captures become documents with
//! their provenance, and the captures of one address become a policy series whose versions
//! and windows are the same as those of the same captures ingested as dated files.

use std::fs;
use std::path::Path;

use serde_json::Value;

mod common;
use common::{fails, json, new_case};

/// A WARC response record for `uri` captured at `date`, with an HTML (or CSS) body.
fn response(uri: &str, date: &str, id: u32, media_type: &str, body: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {media_type}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
         WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{id:012}>\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend_from_slice(http.as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out
}

const PRIVACY: &str = "https://example.org/privacy";
const V1: &str = "<html><head><title>Privacy policy</title></head><body><h1>Privacy policy</h1>\
    <p>We keep your messages private and never use them for anything but delivering them.</p>\
    <p>You can delete your account at any time.</p></body></html>";
const V2: &str = "<html><head><title>Privacy policy</title></head><body><h1>Privacy policy</h1>\
    <p>We keep your messages private and may use them to train our AI models.</p>\
    <p>You can delete your account at any time.</p></body></html>";
/// The three captures of the policy page: a version, the same again a month later (an
/// observation), and the edited version.
const CAPTURES: [(&str, &str); 3] = [
    ("2024-03-01T10:00:00Z", V1),
    ("2024-04-01T09:30:00Z", V1),
    ("2024-05-02T08:15:00Z", V2),
];

fn write_archive(dir: &Path) -> std::path::PathBuf {
    let mut warc = Vec::new();
    for (i, (date, body)) in CAPTURES.iter().enumerate() {
        warc.extend(response(
            PRIVACY,
            date,
            i as u32 * 2,
            "text/html; charset=utf-8",
            body,
        ));
        // The page's stylesheet, captured with it: not a capture of the policy.
        warc.extend(response(
            "https://example.org/site.css",
            date,
            i as u32 * 2 + 1,
            "text/css",
            "body { color: black }",
        ));
    }
    let path = dir.join("captures.warc");
    fs::write(&path, warc).expect("write the WARC");
    path
}

/// A series as `policy --json` shows it, without document ids (which differ between cases).
fn without_ids(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| {
                    !(k.as_str() == "doc" || k.ends_with("_doc") || k.as_str() == "id")
                })
                .map(|(k, v)| (k.clone(), without_ids(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_ids).collect()),
        other => other.clone(),
    }
}

#[test]
fn a_captured_page_is_a_document_with_its_capture_time_address_record_id_and_digest_verdict() {
    let Some(warc) = dossier_tests::corpus_path("warc/warcio_example.warc.gz") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let case = new_case(dir.path(), "case");
    let out = json(&[&"ingest", &case, &warc]);
    assert_eq!(out["failed"], serde_json::json!([]));
    let page = out["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|id| json(&[&"show", &case, &id.to_string()]))
        .find(|d| d["kind"] == "article")
        .expect("the captured page");
    assert_eq!(page["title"], "Example Domain");
    assert_eq!(page["captured_at"], "2017-03-06T04:02:06Z");
    assert_eq!(page["source_url"], "http://example.com/");
    assert_eq!(
        page["meta"]["warc.record_id"],
        "<urn:uuid:a9c51e3e-0221-11e7-bf66-0242ac120005>"
    );
    assert_eq!(page["meta"]["warc.digest_check"], "pass");
    assert_eq!(page["meta"]["warc.request"], "GET / HTTP/1.0");
    let path = page["sources"][0]["path"].as_str().expect("a source");
    assert!(
        path.ends_with("warcio_example.warc.gz#offset=784"),
        "{path}"
    );
}

#[test]
fn a_series_from_warc_captures_has_the_versions_and_windows_of_the_same_captures_as_dated_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let warc = write_archive(dir.path());
    let from_archive = new_case(dir.path(), "archive");
    let out = json(&[&"ingest", &from_archive, &warc, &"--series", &"privacy"]);
    assert_eq!(out["series"]["captures"], 3, "{out}");
    assert_eq!(out["series"]["observations"], 1, "{out}");

    let from_files = new_case(dir.path(), "files");
    for (i, (date, body)) in CAPTURES.iter().enumerate() {
        let file = dir.path().join(format!("capture-{i}.html"));
        fs::write(&file, body).expect("write a capture");
        json(&[
            &"ingest",
            &from_files,
            &file,
            &"--series",
            &"privacy",
            &"--captured",
            date,
            &"--url",
            &PRIVACY,
        ]);
    }
    let archive_series = json(&[&"policy", &from_archive, &"privacy"]);
    let files_series = json(&[&"policy", &from_files, &"privacy"]);
    assert_eq!(without_ids(&archive_series), without_ids(&files_series));
    let versions = archive_series["versions"].as_array().expect("versions");
    assert_eq!(versions.len(), 2, "{archive_series}");
    assert_eq!(versions[0]["captured"], "2024-03-01T10:00:00Z");
    assert_eq!(versions[0]["last_seen"], "2024-04-01T09:30:00Z");
    assert_eq!(versions[1]["captured"], "2024-05-02T08:15:00Z");
    assert_eq!(archive_series["url"], PRIVACY);
}

#[test]
fn an_archive_of_several_pages_needs_url_to_say_which_page_is_the_series() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut warc = response(PRIVACY, "2024-03-01T10:00:00Z", 1, "text/html", V1);
    warc.extend(response(
        "https://example.org/faq",
        "2024-03-01T10:00:01Z",
        2,
        "text/html",
        V2,
    ));
    let path = dir.path().join("two-pages.warc");
    fs::write(&path, warc).expect("write");
    let case = new_case(dir.path(), "case");
    let error = fails(&[&"ingest", &case, &path, &"--series", &"privacy"]);
    assert!(
        error.contains("2 addresses") && error.contains("--url"),
        "{error}"
    );
    let out = json(&[
        &"ingest",
        &case,
        &path,
        &"--series",
        &"privacy",
        &"--url",
        &PRIVACY,
    ]);
    assert_eq!(out["series"]["captures"], 1, "{out}");
}

/// A local web server answering every request with the page currently in `page`.
fn serve_page(page: std::sync::Arc<std::sync::Mutex<String>>) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let body = page.lock().map(|p| p.clone()).unwrap_or_default();
            let answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    format!("http://{address}/privacy")
}

#[test]
fn capturing_a_page_again_adds_an_observation_when_unchanged_and_a_version_when_changed() {
    let page = std::sync::Arc::new(std::sync::Mutex::new(V1.to_owned()));
    let url = serve_page(page.clone());
    let dir = tempfile::tempdir().expect("tempdir");
    let case = new_case(dir.path(), "case");
    let first = json(&[&"capture", &case, &url, &"--series", &"privacy"]);
    assert_eq!(first["pages"][0]["status"], 200, "{first}");
    assert_eq!(first["ingests"][0]["series"]["captures"], 1, "{first}");
    // The same page a second later: nothing changed, so an observation.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = json(&[&"capture", &case, &url, &"--series", &"privacy"]);
    assert_eq!(
        second["ingests"][0]["series"]["observations"], 1,
        "{second}"
    );
    *page.lock().expect("lock") = V2.to_owned();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    json(&[&"capture", &case, &url, &"--series", &"privacy"]);
    let series = json(&[&"policy", &case, &"privacy"]);
    let versions = series["versions"].as_array().expect("versions");
    assert_eq!(versions.len(), 2, "{series}");
    assert_eq!(
        versions[0]["observations"].as_array().map(Vec::len),
        Some(1),
        "{series}"
    );
    assert_eq!(series["url"], url.as_str());
    // The page's document says where and when it was captured, and that its WARC's digests
    // verified; the WARC with the request and the tool's metadata record is its parent.
    let doc = json(&[&"show", &case, &versions[1]["doc"].to_string()]);
    assert_eq!(doc["source_url"], url.as_str());
    assert_eq!(doc["meta"]["warc.digest_check"], "pass");
    assert!(
        doc["meta"]["warc.request"]
            .as_str()
            .is_some_and(|r| r.starts_with("GET /privacy HTTP/1.1"))
    );
    assert!(
        doc["meta"]["warc.metadata"]
            .as_str()
            .is_some_and(|m| m.contains("software: dossier/"))
    );
    let warc = json(&[&"show", &case, &doc["parent"].to_string()]);
    assert_eq!(warc["media_type"], "application/warc");
}

#[test]
fn capturing_an_address_that_is_not_http_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = new_case(dir.path(), "case");
    let error = fails(&[&"capture", &case, &"ftp://example.org/x"]);
    assert!(error.contains("only http:// and https://"), "{error}");
}
