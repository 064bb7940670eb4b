//! `ingest`'s password for encrypted PDFs comes from `--password-file` or the
//! `DOSSIER_PASSWORD` environment variable, out of sight of `ps`; `--password` still works
//! but warns that other users can see it.

mod common;

use std::path::{Path, PathBuf};

use common::command;
use serde_json::Value;

const PASSWORD: &str = "openpassword";

fn encrypted_pdf() -> Option<PathBuf> {
    dossier_tests::corpus_path("pdfs/parsers/py-pdf-sample-files/libreoffice-writer-password.pdf")
}

/// Ingests the PDF into a new case with these extra arguments and environment; returns the
/// document's status and what ingest said on stderr.
fn ingest_with(dir: &Path, pdf: &Path, args: &[&str], env: &[(&str, &str)]) -> (String, String) {
    let case = dir.join("case");
    common::json(&[&"init", &case]);
    let mut cmd = command();
    cmd.arg("ingest")
        .arg(&case)
        .arg(pdf)
        .args(args)
        .arg("--json");
    cmd.env_remove("DOSSIER_PASSWORD");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("dossier runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let report: Value = serde_json::from_slice(&out.stdout).expect("one JSON value");
    let id = report["documents"][0].to_string();
    let shown = common::json(&[&"show", &case, &id]);
    (
        shown["status"].as_str().unwrap_or_default().to_owned(),
        stderr,
    )
}

#[test]
fn the_password_comes_from_a_file_or_the_environment_and_on_the_command_line_with_a_warning() {
    let Some(pdf) = encrypted_pdf() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");

    let none = dir.path().join("none");
    let (status, _) = ingest_with(&none, &pdf, &[], &[]);
    assert_eq!(status, "failed", "without a password the text stays locked");

    let file = dir.path().join("password.txt");
    std::fs::write(&file, format!("{PASSWORD}\n")).expect("write");
    let from_file = dir.path().join("file");
    let (status, stderr) = ingest_with(
        &from_file,
        &pdf,
        &["--password-file", &file.display().to_string()],
        &[],
    );
    assert_eq!(status, "ok", "{stderr}");
    assert!(!stderr.contains("visible"), "{stderr}");

    let from_env = dir.path().join("env");
    let (status, stderr) = ingest_with(&from_env, &pdf, &[], &[("DOSSIER_PASSWORD", PASSWORD)]);
    assert_eq!(status, "ok", "{stderr}");
    assert!(!stderr.contains("visible"), "{stderr}");

    let on_line = dir.path().join("line");
    let (status, stderr) = ingest_with(&on_line, &pdf, &["--password", PASSWORD], &[]);
    assert_eq!(status, "ok", "{stderr}");
    assert!(
        stderr.contains("--password is visible to other users"),
        "{stderr}"
    );
}

#[test]
fn an_unreadable_password_file_is_a_clear_error_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = dir.path().join("case");
    common::json(&[&"init", &case]);
    let missing = dir.path().join("no-such-password-file");
    let out = common::dossier(&[&"ingest", &case, &case, &"--password-file", &missing]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no-such-password-file"), "{stderr}");
}
