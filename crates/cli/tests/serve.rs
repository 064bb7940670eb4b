//! `dossier serve`: the same commands over loopback HTTP, guarded by a per-run token.
//! These tests start the real binary and speak raw HTTP/1.1 to it, so that malformed and
//! unauthenticated requests can be sent exactly as an attacker or a buggy client would.
//! What the server may read by path is in `serve/paths.rs`; who it answers, and how, in
//! `serve/transport.rs`.

mod common;
#[path = "serve/paths.rs"]
mod paths;
#[path = "serve/session.rs"]
mod session;
#[path = "serve/support.rs"]
mod support;
#[path = "serve/transport.rs"]
mod transport;

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{Server, new_case};

#[test]
fn the_api_answers_with_the_token_and_refuses_everything_else_without_changing_the_case() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let server = Server::start(&case);
    let audit_before = server.call("audit", Value::Null);

    let summary = server.call("summary", Value::Null);
    assert_eq!(summary["name"], "Sample matter");

    let (status, body) = server.post("audit", None, "");
    assert_eq!(status, 401, "no token: {body}");
    assert!(body.contains("\"code\":\"unauthorized\""), "{body}");
    let (status, _) = server.post("audit", Some("0123456789abcdef"), "");
    assert_eq!(status, 401, "wrong token");
    let (status, body) = server.post("ingest", Some(&server.token), "{\"paths\": [");
    assert_eq!(status, 400, "malformed JSON: {body}");
    assert!(body.contains("invalid_json"), "{body}");
    let (status, body) = server.post("ingest", Some(&server.token), "{\"paths\": 7}");
    assert_eq!(status, 400, "JSON of the wrong shape: {body}");
    assert!(body.contains("invalid_input"), "{body}");
    let (status, body) = server.post("drop_tables", Some(&server.token), "{}");
    assert_eq!(status, 404, "unknown command: {body}");
    assert!(body.contains("unknown_command"), "{body}");
    let (status, _) = server.post(
        "ingest",
        None,
        &json!({"paths": [case.join("dossier.sqlite")]}).to_string(),
    );
    assert_eq!(status, 401, "an ingest without the token does nothing");

    assert_eq!(
        server.call("audit", Value::Null),
        audit_before,
        "nothing changed"
    );
    assert_eq!(server.call("docs", Value::Null), json!([]));
}

#[test]
fn ingest_over_http_reports_progress_as_server_sent_events() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).expect("mkdir");
    for i in 0..20 {
        std::fs::write(
            files.join(format!("note-{i:02}.txt")),
            format!("note number {i}"),
        )
        .expect("write");
    }
    let server = Server::start_with(&case, &["--allow-path".as_ref(), files.as_os_str()]);

    // Subscribe first (EventSource style: token in the query), then ingest.
    let mut events = TcpStream::connect(&server.addr).expect("connect");
    events
        .write_all(
            format!(
                "GET /api/events?token={} HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
                server.token, server.addr
            )
            .as_bytes(),
        )
        .expect("subscribe");
    events
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let mut events = BufReader::new(events);
    let mut status_line = String::new();
    events.read_line(&mut status_line).expect("status");
    assert!(status_line.contains(" 200 "), "{status_line}");

    let result = server.call(
        "ingest",
        json!({"paths": [files], "custodian": "Priya Raman"}),
    );
    assert_eq!(result["added"], 20);

    let mut progress = Vec::new();
    let mut line = String::new();
    while progress.len() < 20 {
        line.clear();
        if events.read_line(&mut line).expect("event line") == 0 {
            break;
        }
        if let Some(data) = line.trim().strip_prefix("data:") {
            let event: Value = serde_json::from_str(data.trim()).expect("event JSON");
            assert_eq!(event["command"], "ingest");
            if event["event"] == "progress" {
                progress.push(event);
            }
        }
    }
    assert_eq!(progress.len(), 20, "one progress event per item");
    assert_eq!(progress[19]["done"], 20);
    assert_eq!(progress[19]["total"], 20);
    let docs = server.call("docs", Value::Null);
    assert_eq!(docs.as_array().map(Vec::len), Some(20));
}

#[test]
fn the_server_serves_the_ui_and_every_command_of_the_surface() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let server = Server::start(&case);
    let (status, body) = server.raw(&format!(
        "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    ));
    assert_eq!(
        status, 200,
        "the UI is served (build it first: scripts/dev test does)"
    );
    assert!(body.contains("<html"), "{body}");
    for command in dossier_api::COMMANDS {
        let (status, body) =
            server.post(command, Some(&server.token), "{\"no_such_argument\": true}");
        assert!(
            !body.contains("unknown_command"),
            "{command} is not served: {status} {body}"
        );
    }
}

#[test]
fn tags_lists_the_cases_tags_with_their_documents_alike_on_the_command_line_and_over_http() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).expect("mkdir");
    for name in ["memo.txt", "letter.txt", "invoice.txt"] {
        std::fs::write(files.join(name), format!("the {name}")).expect("write");
    }
    let ingested = common::json(&[&"ingest", &case, &files]);
    let ids: Vec<String> = ingested["documents"]
        .as_array()
        .expect("ids")
        .iter()
        .map(|id| id.to_string())
        .collect();
    for (doc, tags) in [(&ids[0], &["hot", "privileged"][..]), (&ids[1], &["hot"])] {
        let mut args: Vec<&dyn AsRef<OsStr>> = vec![&"tag", &case, doc];
        args.extend(tags.iter().map(|t| t as &dyn AsRef<OsStr>));
        common::json(&args);
    }

    let expected = json!([{"tag": "hot", "documents": 2}, {"tag": "privileged", "documents": 1}]);
    assert_eq!(common::json(&[&"tags", &case]), expected);
    assert_eq!(
        common::text(&[&"tags", &case]),
        "     2  hot\n     1  privileged\n"
    );
    let server = Server::start(&case);
    assert_eq!(server.call("tags", Value::Null), expected);
    let (status, body) = server.post("tags", Some(&server.token), "{\"sort\": \"count\"}");
    assert_eq!(status, 400, "tags takes no arguments: {body}");
    assert!(body.contains("invalid_input"), "{body}");
}

#[test]
fn the_ui_is_served_under_the_content_security_policy_of_the_desktop_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let server = Server::start(&case);
    let mut stream = TcpStream::connect(&server.addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    let request = format!(
        "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let (head, _) = response.split_once("\r\n\r\n").expect("headers");
    let csp = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-security-policy: ")
                .map(str::to_owned)
        })
        .unwrap_or_else(|| panic!("no Content-Security-Policy header: {head}"));
    // What the desktop window enforces (src-tauri/tauri.conf.json): no inline or remote script,
    // no eval; compiling WebAssembly (pdf.js's image decoders) is the one addition.
    for rule in [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval';",
        "object-src 'none'",
    ] {
        assert!(csp.contains(rule), "{rule} missing from {csp}");
    }
    assert!(
        !csp.contains("'unsafe-inline'") && !csp.contains("'unsafe-eval'"),
        "{csp}"
    );
    let desktop = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri/tauri.conf.json"),
    )
    .expect("tauri.conf.json");
    let script_src = |policy: &str| {
        policy
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .map(str::to_owned)
    };
    let desktop_csp: Value = serde_json::from_str(&desktop).expect("JSON");
    assert_eq!(
        script_src(
            desktop_csp["app"]["security"]["csp"]
                .as_str()
                .expect("a CSP")
        ),
        script_src(&csp),
        "the desktop window and dossier serve allow the same scripts"
    );
}

#[test]
fn listening_beyond_loopback_needs_an_explicit_flag() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let out = common::command()
        .args([
            "serve".as_ref(),
            case.as_os_str(),
            "--addr".as_ref(),
            "0.0.0.0:0".as_ref(),
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--allow-remote"), "{stderr}");
    assert!(out.stdout.is_empty(), "no URL printed");
}

#[test]
fn the_cli_exposes_every_command_of_the_surface() {
    let out = common::command().arg("--help").output().expect("help");
    let help = String::from_utf8_lossy(&out.stdout);
    let listed: std::collections::BTreeSet<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(|c| c.replace('-', "_"))
        .collect();
    let mut expected: std::collections::BTreeSet<String> = dossier_api::COMMANDS
        .iter()
        .map(|c| c.to_string())
        .collect();
    // `serve` is the transport itself, not a command it carries.
    expected.insert("serve".into());
    // `demo` builds a case from the samples embedded in the CLI: a first-run command of
    // the CLI, not part of the surface the desktop app and the server share.
    expected.insert("demo".into());
    // The CLI groups the two timestamp commands as `timestamp request|import`.
    expected.remove("timestamp_request");
    expected.remove("timestamp_import");
    expected.insert("timestamp".into());
    // Completions and manual pages describe the CLI itself.
    expected.insert("completions".into());
    expected.insert("man".into());
    assert_eq!(listed, expected);
}
