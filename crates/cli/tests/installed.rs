//! `dossier` works wherever it is installed: copied with its PDF worker into a folder outside
//! the build (as `cargo install --path crates/cli` puts them), run from another folder with
//! a `PATH` that does not name the build, it builds the sample matter from the samples
//! embedded in it, reads PDFs through the worker beside it, and serves the UI embedded in
//! it. Without the worker, a PDF's error says where it was looked for.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value;

/// A scratch install: `bin/` with the binaries given, and a home, data and working folder.
struct Install {
    root: tempfile::TempDir,
}

impl Install {
    fn with(binaries: &[&str]) -> Install {
        let root = tempfile::tempdir().expect("temp dir");
        for folder in ["bin", "home", "data", "work"] {
            std::fs::create_dir_all(root.path().join(folder)).expect("mkdir");
        }
        for name in binaries {
            let built = Path::new(env!("CARGO_BIN_EXE_dossier")).with_file_name(name);
            std::fs::copy(&built, root.path().join("bin").join(name))
                .unwrap_or_else(|e| panic!("copy {}: {e}", built.display()));
        }
        Install { root }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    /// `bin/dossier` as a user would run it: from `work/`, PATH without the build folder,
    /// no override of where the worker or the UI are.
    fn command(&self, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Command {
        let mut cmd = Command::new(self.path("bin/dossier"));
        cmd.args(args)
            .current_dir(self.path("work"))
            .env("PATH", "/usr/local/bin:/usr/bin:/bin")
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env_remove("DOSSIER_PDF_WORKER")
            .env_remove("DOSSIER_UI_DIR")
            .env("DOSSIER_ACTOR", "test-runner");
        cmd
    }

    fn run(&self, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
        self.command(args)
            .output()
            .expect("the installed dossier runs")
    }

    fn json(&self, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Value {
        let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = args.to_vec();
        all.push(&"--json");
        let out = self.run(&all);
        assert!(
            out.status.success(),
            "dossier failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("one JSON value on stdout")
    }
}

fn http_get(addr: &str, path: &str) -> (String, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head");
    let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
    (head, response[split + 4..].to_vec())
}

#[test]
fn an_installed_dossier_builds_the_sample_case_reads_pdfs_and_serves_its_ui_from_anywhere() {
    let install = Install::with(&["dossier", "dossier-pdf-worker"]);
    let case = install.path("work/Sample case");

    let built = install.json(&[&"demo", &case]);
    assert!(built["documents"].as_u64() >= Some(15), "{built}");
    let docs = install.json(&[&"docs", &case]);
    let complaint = docs
        .as_array()
        .expect("a list")
        .iter()
        .find(|d| d["kind"] == "filing")
        .unwrap_or_else(|| panic!("the filings were read through the worker: {docs}"));
    let shown = install.json(&[&"show", &case, &complaint["id"].to_string()]);
    let source = shown["sources"][0]["path"].as_str().expect("a source path");
    assert!(
        source.starts_with(&install.path("data/dossier").display().to_string()),
        "the embedded samples were unpacked into the data folder: {source}"
    );
    assert!(
        shown["pages"].as_array().is_some_and(|p| !p.is_empty()),
        "{shown}"
    );
    let again = install.json(&[&"demo", &case]);
    assert_eq!(again["added_documents"], 0, "a second demo changes nothing");

    let mut server = install
        .command(&[&"serve", &case])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let mut line = String::new();
    BufReader::new(server.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the URL line");
    let addr = line
        .trim()
        .strip_prefix("http://")
        .and_then(|rest| rest.split_once('/'))
        .map(|(addr, _)| addr.to_owned())
        .expect("an http URL");
    let (head, page) = http_get(&addr, "/");
    let _ = server.kill();
    let _ = server.wait();
    let page = String::from_utf8_lossy(&page);
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("content-type: text/html"), "{head}");
    assert!(page.contains("<html"), "the embedded UI: {page}");
}

#[test]
fn without_its_worker_a_pdf_fails_with_an_error_saying_where_the_worker_was_looked_for() {
    let install = Install::with(&["dossier"]);
    let case = install.path("work/case");
    let pdf = dossier_tests::repo_root().join("samples/sources/filings/complaint.pdf");
    install.json(&[&"init", &case]);
    let out = install.run(&[&"ingest", &case, &pdf, &"--json"]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("one JSON value");
    let text = report.to_string();
    assert!(text.contains("dossier-pdf-worker"), "{text}");
    assert!(text.contains("nor on PATH"), "{text}");
    assert!(
        text.contains(&install.path("bin").display().to_string()),
        "names the folder it looked in: {text}"
    );
}
