//! RFC 3161 trusted timestamps through the real `dossier` binary and a real time-stamp
//! authority (`openssl ts -reply` with a CA made for the test): a request written for any
//! TSA, its answer verified and recorded, shown with the document, and checked again by
//! `verify`, which names a changed original and a tampered token.

use std::fs;
use std::path::{Path, PathBuf};

use dossier_tests::local_tsa::{KeyKind, LocalTsa};
use serde_json::Value;

mod common;
use common::{dossier, fails, json, json_exiting, new_case, text};

/// A case holding one web page; returns the case and the page's document id.
fn case_with_a_page(dir: &Path) -> (PathBuf, i64) {
    let case = new_case(dir, "stamped");
    let page = dir.join("privacy.html");
    fs::write(
        &page,
        "<html><head><title>Privacy policy</title></head><body><p>We may use your messages to train our AI models.</p></body></html>",
    )
    .expect("write page");
    let out = json(&[&"ingest", &case, &page]);
    let doc = out["documents"][0].as_i64().expect("a document");
    (case, doc)
}

/// Where the object store keeps an original: `objects/ab/cdef…` under its SHA-256.
fn object_path(case: &Path, sha256: &str) -> PathBuf {
    let path = case.join("objects").join(&sha256[..2]).join(&sha256[2..]);
    assert!(path.is_file(), "the original is at {}", path.display());
    path
}

fn verify_problems(case: &Path) -> Vec<Value> {
    let (report, _) = json_exiting(&[&"verify", &case], 1);
    report["problems"].as_array().expect("problems").clone()
}

#[test]
fn a_tsa_answer_is_verified_recorded_shown_and_checked_again_by_verify() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tsa = LocalTsa::new(&dir.path().join("tsa"), KeyKind::Rsa);
    let (case, doc) = case_with_a_page(dir.path());
    let sha256 = json(&[&"show", &case, &doc.to_string()])["sha256"]
        .as_str()
        .expect("sha256")
        .to_owned();

    let query = dir.path().join("page.tsq");
    let requested = json(&[
        &"timestamp",
        &"request",
        &case,
        &doc.to_string(),
        &"--out",
        &query,
    ]);
    assert_eq!(requested["requests"][0]["sha256"], sha256.as_str());
    // The request is a standard one: OpenSSL reads it, and it carries the original's hash.
    let shown = std::process::Command::new("openssl")
        .args(["ts", "-query", "-text", "-in"])
        .arg(&query)
        .output()
        .expect("openssl");
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains("Hash Algorithm: sha256"), "{shown}");
    assert!(shown.contains("Certificate required: yes"), "{shown}");
    let digest: Vec<u8> = (0..32)
        .map(|i| u8::from_str_radix(&sha256[2 * i..2 * i + 2], 16).expect("hex"))
        .collect();
    let der = fs::read(&query).expect("read the request");
    assert!(
        der.windows(32).any(|w| w == digest.as_slice()),
        "the request carries the original's SHA-256"
    );

    let response = dir.path().join("page.tsr");
    tsa.reply(&query, &response);
    assert!(
        tsa.openssl_verifies(&query, &response),
        "OpenSSL accepts the answer"
    );
    let imported = json(&[
        &"timestamp",
        &"import",
        &case,
        &doc.to_string(),
        &response,
        &"--ca",
        &tsa.ca_certificate(),
    ]);
    assert!(
        imported["tsa"]
            .as_str()
            .expect("tsa")
            .contains("Local Test TSA")
    );
    assert_eq!(imported["policy"], "1.2.3.4.1");
    let gen_time = imported["gen_time"].as_str().expect("gen_time").to_owned();

    // The document states it, as the viewer shows it.
    let view = json(&[&"show", &case, &doc.to_string()]);
    assert_eq!(view["timestamps"][0]["gen_time"], gen_time.as_str());
    assert_eq!(view["timestamps"][0]["sha256"], sha256.as_str());
    // The same answer cannot be imported twice: its request is answered.
    let again = fails(&[&"timestamp", &"import", &case, &doc.to_string(), &response]);
    assert!(again.contains("nonce"), "{again}");

    let report = json(&[&"verify", &case]);
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["timestamps_checked"], 1);
    let words = text(&[&"verify", &case]);
    assert!(words.contains("checked 1 trusted timestamp"), "{words}");

    // A token swapped behind the log's back fails its signature check.
    let conn = rusqlite::Connection::open(case.join("dossier.sqlite")).expect("db");
    let token: Vec<u8> = conn
        .query_row("SELECT token FROM timestamps", [], |r| r.get(0))
        .expect("token");
    let mut tampered = token.clone();
    let year = &gen_time.as_bytes()[..4];
    let at = tampered
        .windows(4)
        .position(|w| w == year)
        .expect("the genTime is in the token");
    tampered[at + 3] ^= 1;
    conn.execute("UPDATE timestamps SET token = ?1", [&tampered])
        .expect("tamper");
    let problems = verify_problems(&case);
    assert!(
        problems.iter().any(|p| p["kind"] == "timestamp"
            && p["message"]
                .as_str()
                .unwrap_or_default()
                .contains("signature")),
        "{problems:?}"
    );
    conn.execute("UPDATE timestamps SET token = ?1", [&token])
        .expect("restore");
    drop(conn);

    // A changed original no longer has the hash the token covers.
    let object = object_path(&case, &sha256);
    let mut permissions = fs::metadata(&object).expect("meta").permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    fs::set_permissions(&object, permissions).expect("make writable");
    fs::write(&object, "<html>We never use your messages.</html>").expect("rewrite original");
    let problems = verify_problems(&case);
    assert!(
        problems.iter().any(|p| p["kind"] == "timestamp"
            && p["message"]
                .as_str()
                .unwrap_or_default()
                .contains("was changed")),
        "{problems:?}"
    );
}

#[test]
fn an_answer_to_another_request_or_for_other_bytes_is_refused_and_nothing_is_recorded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tsa = LocalTsa::new(&dir.path().join("tsa"), KeyKind::Rsa);
    let (case, doc) = case_with_a_page(dir.path());

    // An answer for a request Dossier never wrote (OpenSSL's own, over other bytes).
    let other = dir.path().join("other.txt");
    fs::write(&other, "something else").expect("write");
    let query = dir.path().join("other.tsq");
    let made = std::process::Command::new("openssl")
        .args(["ts", "-query", "-sha256", "-cert", "-data"])
        .arg(&other)
        .arg("-out")
        .arg(&query)
        .status()
        .expect("openssl");
    assert!(made.success());
    let response = dir.path().join("other.tsr");
    tsa.reply(&query, &response);
    let e = fails(&[&"timestamp", &"import", &case, &doc.to_string(), &response]);
    assert!(e.contains("not the original's SHA-256"), "{e}");

    // An answer over the right hash but to a request never written here (no such nonce).
    let sha256 = json(&[&"show", &case, &doc.to_string()])["sha256"]
        .as_str()
        .expect("sha256")
        .to_owned();
    let own = dir.path().join("own.tsq");
    let made = std::process::Command::new("openssl")
        .args([
            "ts", "-query", "-sha256", "-cert", "-digest", &sha256, "-out",
        ])
        .arg(&own)
        .status()
        .expect("openssl");
    assert!(made.success());
    let response = dir.path().join("own.tsr");
    tsa.reply(&own, &response);
    let e = fails(&[&"timestamp", &"import", &case, &doc.to_string(), &response]);
    assert!(e.contains("nonce"), "{e}");

    // Garbage is named as such.
    let junk = dir.path().join("junk.tsr");
    fs::write(&junk, "not a response").expect("write");
    let e = fails(&[&"timestamp", &"import", &case, &doc.to_string(), &junk]);
    assert!(e.contains("not a valid"), "{e}");

    let view = json(&[&"show", &case, &doc.to_string()]);
    assert_eq!(view["timestamps"], Value::Array(vec![]), "nothing recorded");
    assert!(dossier(&[&"verify", &case]).status.success());
}

/// A local web server answering every request with `page`; returns its address.
fn serve_page(page: &'static str) -> String {
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
            let answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{page}",
                page.len()
            );
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    format!("http://{address}/privacy")
}

#[test]
fn a_capture_with_a_tsa_is_timestamped_and_the_chronology_states_its_provenance() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tsa = LocalTsa::new(&dir.path().join("tsa"), KeyKind::Rsa);
    let tsa_url = tsa.serve(1);
    let url = serve_page(
        "<html><head><title>Privacy policy</title></head><body><p>We may use your messages to train our AI models.</p></body></html>",
    );
    let case = new_case(dir.path(), "captured");
    let captured = json(&[&"capture", &case, &url, &"--tsa", &tsa_url]);
    let stamp = &captured["timestamps"][0];
    assert!(stamp["gen_time"].is_string(), "{captured}");
    let warc = stamp["doc"].as_i64().expect("the WARC's document");

    // The page is the WARC's child: its viewer states the WARC's timestamp.
    let docs = json(&[&"docs", &case]);
    let page = docs
        .as_array()
        .expect("docs")
        .iter()
        .find(|d| d["parent"].as_i64() == Some(warc))
        .expect("the captured page")["id"]
        .as_i64()
        .expect("id");
    let view = json(&[&"show", &case, &page.to_string()]);
    assert_eq!(view["timestamps"][0]["doc"], warc, "{view}");

    // Cited in the chronology, the page carries its provenance into the reports.
    let event = json(&[
        &"event",
        &"add",
        &case,
        &"--date",
        &"2024-08",
        &"--title",
        &"AI training disclosed",
    ])["id"]
        .to_string();
    json(&[
        &"cite",
        &case,
        &event,
        &page.to_string(),
        &"--quote",
        &"train our AI models",
    ]);
    let report = text(&[&"timeline", &case, &"--format", &"markdown"]);
    let provenance = report
        .lines()
        .find(|l| l.starts_with("*Provenance:*"))
        .unwrap_or_else(|| panic!("a provenance line: {report}"));
    for words in [
        url.as_str(),
        "WARC record",
        "digest sha1:",
        "(verified)",
        "timestamped by",
    ] {
        let plain = provenance.replace('\\', "");
        assert!(plain.contains(words), "{words:?} in {provenance}");
    }
    let html = text(&[&"timeline", &case, &"--format", &"html"]);
    assert!(html.contains("class=\"provenance\""), "{html}");
    let json_timeline = json(&[&"timeline", &case]);
    let cited = &json_timeline[0]["citations"][0]["provenance"];
    assert!(
        cited.as_str().is_some_and(|p| p.contains("Local Test TSA")),
        "{json_timeline}"
    );
}
