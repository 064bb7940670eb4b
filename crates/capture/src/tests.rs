use std::io::{BufRead, BufReader};
use std::net::TcpListener;

use dossier_extract::warc::{DigestCheck, read_all};

use super::*;

/// A local web server: `/old` redirects to `/privacy`, which answers `page`; it serves
/// `requests` requests and stops.
fn serve(page: &'static str, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut first = String::new();
            reader.read_line(&mut first).expect("request line");
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let answer = if first.starts_with("GET /old ") {
                "HTTP/1.1 301 Moved Permanently\r\nLocation: /privacy\r\nContent-Length: 0\r\n\r\n"
                    .to_owned()
            } else {
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{page}",
                    page.len()
                )
            };
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    format!("http://{address}")
}

#[test]
fn a_redirected_page_is_written_as_request_response_and_metadata_records_whose_digests_verify() {
    let base = serve(
        "<html><title>Privacy</title><p>We keep it safe.</p></html>",
        2,
    );
    let exchanges = fetch(&format!("{base}/old")).expect("captured");
    assert_eq!(
        exchanges.iter().map(|x| x.status).collect::<Vec<_>>(),
        [301, 200]
    );
    assert_eq!(exchanges[1].url, format!("{base}/privacy"));
    let mut warc = Vec::new();
    write_warc(&exchanges, &mut warc).expect("written");
    let (records, error) = read_all(warc.as_slice());
    assert_eq!(error, None);
    let types: Vec<&str> = records.iter().map(|r| r.record_type()).collect();
    assert_eq!(
        types,
        [
            "warcinfo", "response", "request", "metadata", "response", "request", "metadata"
        ]
    );
    for r in &records {
        assert_eq!(r.digest_check, DigestCheck::Pass, "{:?}", r.headers);
    }
    assert!(String::from_utf8_lossy(&records[0].block).contains("software: dossier/"));
    let page = records[4].decoded_payload(1 << 20).0;
    assert!(String::from_utf8_lossy(&page).contains("We keep it safe."));
}

#[test]
fn only_http_and_https_addresses_are_captured() {
    let error = fetch("ftp://example.org/file")
        .expect_err("refused")
        .to_string();
    assert!(error.contains("only http:// and https://"), "{error}");
    let error = fetch("not an address").expect_err("refused").to_string();
    assert!(error.contains("not an address"), "{error}");
}

#[test]
fn a_tls_server_whose_certificate_no_trusted_authority_signed_is_refused() {
    let dir = std::env::temp_dir().join(format!("dossier-capture-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let made = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
        ])
        .arg("-keyout")
        .arg(dir.join("key.pem"))
        .arg("-out")
        .arg(dir.join("cert.pem"))
        .output();
    if !made.is_ok_and(|o| o.status.success()) {
        eprintln!("SKIPPED: openssl is not installed to make a test certificate");
        return;
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let mut server = std::process::Command::new("openssl")
        .args(["s_server", "-quiet", "-www", "-accept", &port.to_string()])
        .arg("-cert")
        .arg(dir.join("cert.pem"))
        .arg("-key")
        .arg(dir.join("key.pem"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("openssl s_server");
    let mut error = String::new();
    for _ in 0..50 {
        std::thread::sleep(Duration::from_millis(100));
        match fetch(&format!("https://localhost:{port}/")) {
            Err(e) if e.to_string().contains("cannot connect") => continue,
            Err(e) => {
                error = e.to_string();
                break;
            }
            Ok(_) => break,
        }
    }
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        error.contains("UnknownIssuer") || error.contains("certificate"),
        "a self-signed certificate must fail verification: {error:?}"
    );
}
