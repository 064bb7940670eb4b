//! Whom `dossier serve` answers and how: only requests naming it by its own loopback
//! address (DNS rebinding), the token checked before a body is read, bodies bounded, and
//! headers that forbid sniffing and framing on every answer.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{Server, new_case};

#[test]
fn a_request_naming_another_host_is_refused_and_runs_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let files = dir.path().join("files");
    std::fs::create_dir(&files).expect("mkdir");
    std::fs::write(files.join("memo.txt"), "a memo").expect("write");
    let server = Server::allowing(&case, &files);
    let port = server.addr.rsplit_once(':').expect("a port").1.to_owned();
    let audit_before = server.call("audit", Value::Null);
    let body = json!({"paths": [files]}).to_string();
    for host in [
        format!("rebound.example:{port}"),
        format!("localhost.rebound.example:{port}"),
        "127.0.0.1:1".to_owned(),
        "localhost".to_owned(),
    ] {
        let (status, answer) = server.raw(&format!(
            "POST /api/ingest HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {}\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            server.token,
            body.len()
        ));
        assert_eq!(status, 403, "{host}: {answer}");
        assert!(answer.contains("\"code\":\"bad_host\""), "{host}: {answer}");
        let (status, _) = server.raw(&format!(
            "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(status, 403, "{host}: the UI is not served either");
    }
    assert_eq!(server.call("docs", Value::Null), json!([]), "nothing ran");
    assert_eq!(server.call("audit", Value::Null), audit_before);
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, answer) = server.raw(&format!(
            "POST /api/summary HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {}\r\n\
             Content-Length: 0\r\nConnection: close\r\n\r\n",
            server.token
        ));
        assert_eq!(status, 200, "{host}: {answer}");
    }
}

/// Sends the head of a request announcing a body of `length` bytes and only a few of them,
/// and returns the status line the server answers with. The answer has to come before the
/// body does: a server that read the body first would wait here for bytes that never come
/// (the read timeout only stops a failing test from hanging).
fn status_before_the_body(server: &Server, token: Option<&str>, length: u64) -> String {
    let mut stream = TcpStream::connect(&server.addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let head = format!(
        "POST /api/ingest HTTP/1.1\r\nHost: {}\r\n{auth}Content-Type: application/json\r\n\
         Content-Length: {length}\r\nConnection: close\r\n\r\n{{\"paths\": [",
        server.addr
    );
    stream.write_all(head.as_bytes()).expect("send");
    let mut status = String::new();
    BufReader::new(stream)
        .read_line(&mut status)
        .expect("an answer before the body is sent");
    status
}

#[test]
fn a_request_without_the_token_is_refused_before_its_body_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let server = Server::start(&case);
    let status = status_before_the_body(&server, None, 1_000_000);
    assert!(status.contains(" 401 "), "{status}");
    let status = status_before_the_body(&server, Some("0123456789abcdef"), 1_000_000);
    assert!(status.contains(" 401 "), "{status}");
}

#[test]
fn a_body_larger_than_the_limit_is_refused_from_its_announced_length() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let server = Server::start(&case);
    let status = status_before_the_body(&server, Some(&server.token), 10_000_000_000);
    assert!(status.contains(" 413 "), "{status}");
}

#[test]
fn every_answer_forbids_sniffing_framing_and_referrers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let server = Server::start(&case);
    let port = server.addr.rsplit_once(':').expect("a port").1.to_owned();
    let requests = [
        (
            "the UI",
            200,
            format!(
                "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                server.addr
            ),
        ),
        (
            "a command",
            200,
            format!(
                "POST /api/summary HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                server.addr, server.token
            ),
        ),
        (
            "a refusal without the token",
            401,
            format!(
                "POST /api/summary HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                server.addr
            ),
        ),
        (
            "an unknown command",
            404,
            format!(
                "POST /api/format_disk HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                server.addr, server.token
            ),
        ),
        (
            "a refusal of another host",
            403,
            format!("GET / HTTP/1.1\r\nHost: rebound.example:{port}\r\nConnection: close\r\n\r\n"),
        ),
    ];
    for (what, expected, request) in requests {
        let (status, head, _) = server.raw_with_head(&request);
        assert_eq!(status, expected, "{what}: {head}");
        assert!(
            head.contains("\r\nx-content-type-options: nosniff"),
            "{what}: {head}"
        );
        assert!(
            head.contains("\r\nreferrer-policy: no-referrer"),
            "{what}: {head}"
        );
        let csp = head
            .lines()
            .find_map(|l| l.strip_prefix("content-security-policy: "))
            .unwrap_or_else(|| panic!("{what}: no Content-Security-Policy: {head}"));
        assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    }
}

#[test]
fn a_query_nested_past_any_stack_is_refused_and_the_server_keeps_serving() {
    // Regression (hardening): 800 `(` overflowed the stack of the server's thread and
    // aborted `dossier serve`, ending every user's session.
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let server = Server::start(&case);
    for query in ["(".repeat(800), "(".repeat(3_999), "NOT ".repeat(990) + "x"] {
        let body = json!({ "query": query }).to_string();
        let (status, answer) = server.post("search", Some(&server.token), &body);
        assert_eq!(status, 400, "{answer}");
        assert!(answer.contains("\"code\":\"invalid_query\""), "{answer}");
        assert!(answer.contains("deep"), "{answer}");
    }
    let summary = server.call("summary", Value::Null);
    assert_eq!(summary["documents"], 0, "still serving: {summary}");
}
