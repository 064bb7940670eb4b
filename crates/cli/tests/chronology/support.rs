//! What the chronology's tests share: running the real binary, and the corpus documents.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub(crate) fn dossier<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: Into<OsString>,
{
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args.into_iter().map(Into::into))
        .env("DOSSIER_ACTOR", "test-runner")
        .output()
        .expect("the dossier binary runs")
}

pub(crate) fn args(command: &str, case: &Path, rest: &[&str]) -> Vec<OsString> {
    let mut all: Vec<OsString> = command.split(' ').map(OsString::from).collect();
    all.push(case.into());
    all.extend(rest.iter().map(OsString::from));
    all
}

/// Runs `dossier COMMAND CASE REST... --json`; asserts success and one JSON value.
pub(crate) fn json(command: &str, case: &Path, rest: &[&str]) -> Value {
    let mut all = args(command, case, rest);
    all.push("--json".into());
    let out = dossier(&all);
    assert!(
        out.status.success(),
        "dossier {command} {rest:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is exactly one JSON value")
}

/// Runs a command without `--json`; asserts success; returns stdout.
pub(crate) fn text(command: &str, case: &Path, rest: &[&str]) -> String {
    let out = dossier(args(command, case, rest));
    assert!(
        out.status.success(),
        "dossier {command} {rest:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs a command expected to fail with exit code 2; returns its one-line stderr.
pub(crate) fn fails(command: &str, case: &Path, rest: &[&str]) -> String {
    let out = dossier(args(command, case, rest));
    assert_eq!(
        out.status.code(),
        Some(2),
        "dossier {command} {rest:?} should fail"
    );
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    stderr
}

pub(crate) struct Corpus {
    pub(crate) policy_before: PathBuf,
    pub(crate) policy_after: PathBuf,
    pub(crate) filing: PathBuf,
    pub(crate) email: PathBuf,
}

pub(crate) fn corpus() -> Option<Corpus> {
    Some(Corpus {
        policy_before: dossier_tests::corpus_path(
            "policies/linkedin/privacy-policy/2024-08-01.md",
        )?,
        policy_after: dossier_tests::corpus_path("policies/linkedin/privacy-policy/2024-09-19.md")?,
        filing: dossier_tests::corpus_path("pdfs/legal/appellate/ca3_003112692106.pdf")?,
        email: dossier_tests::corpus_path("emails/enron/maildir/lay-k/inbox/472")?,
    })
}

/// A case holding the four corpus documents as documents 1 to 4.
pub(crate) fn case_with_documents(dir: &Path, c: &Corpus) -> PathBuf {
    let case = dir.join("Doe v. Network");
    json("init", &case, &[]);
    for path in [&c.policy_before, &c.policy_after, &c.filing, &c.email] {
        let out = json("ingest", &case, &[path.to_str().expect("UTF-8 path")]);
        assert_eq!(out["failed"], serde_json::json!([]), "{path:?}");
    }
    let docs = json("docs", &case, &[]);
    assert_eq!(docs.as_array().map(Vec::len), Some(4));
    case
}

pub(crate) fn id(v: &Value) -> String {
    v["id"].as_i64().expect("an id").to_string()
}
