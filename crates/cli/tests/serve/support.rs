//! Running the real `dossier serve` and speaking raw HTTP/1.1 to it.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::Duration;

use serde_json::Value;

/// A running `dossier serve`, stopped when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// The run's token.
    pub token: String,
}

impl Server {
    /// Starts it on `case` with no folder allowed.
    pub fn start(case: &Path) -> Server {
        Server::start_with(case, &[])
    }

    /// Starts it allowing ingest by path under `folder`.
    pub fn allowing(case: &Path, folder: &Path) -> Server {
        Server::start_with(case, &["--allow-path".as_ref(), folder.as_os_str()])
    }

    /// Starts it with more arguments, such as `--allow-path DIR`.
    pub fn start_with(case: &Path, args: &[&OsStr]) -> Server {
        let mut child = crate::common::command()
            .args(["serve".as_ref(), case.as_os_str()])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start dossier serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the URL line");
        let url = line.trim();
        let rest = url.strip_prefix("http://").expect("an http URL");
        let (addr, query) = rest.split_once("/?token=").expect("URL carries the token");
        assert!(
            addr.starts_with("127.0.0.1:"),
            "binds to loopback by default: {url}"
        );
        Server {
            child,
            addr: addr.to_owned(),
            token: query.to_owned(),
        }
    }

    /// Sends one raw request; returns (status, body).
    pub fn raw(&self, request: &str) -> (u16, String) {
        let (status, _, body) = self.raw_with_head(request);
        (status, body)
    }

    /// Sends one raw request; returns (status, headers in lower case, body).
    pub fn raw_with_head(&self, request: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .expect("timeout");
        stream.write_all(request.as_bytes()).expect("send");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("read");
        let status = response
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status line");
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        (status, head.to_ascii_lowercase(), body.to_owned())
    }

    pub fn post(&self, command: &str, token: Option<&str>, body: &str) -> (u16, String) {
        let auth = token
            .map(|t| format!("Authorization: Bearer {t}\r\n"))
            .unwrap_or_default();
        self.raw(&format!(
            "POST /api/{command} HTTP/1.1\r\nHost: {}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.addr,
            body.len()
        ))
    }

    /// A call with the right token, expected to succeed; returns its JSON.
    pub fn call(&self, command: &str, args: Value) -> Value {
        let (status, body) = self.post(command, Some(&self.token), &args.to_string());
        assert_eq!(status, 200, "{command}: {body}");
        serde_json::from_str(&body).expect("JSON body")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A new, empty case named like the sample matter.
pub fn new_case(dir: &Path) -> std::path::PathBuf {
    crate::common::new_case(dir, "Sample matter")
}
