//! What the chronology's tests share: running the real binary, and the corpus documents.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

/// Runs `dossier ARGS…`, whatever its exit code (the one harness: `common/mod.rs`).
pub(crate) fn dossier<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    crate::common::run(args)
}

/// `COMMAND CASE REST…` as arguments; a command of two words (`event add`) stays two.
pub(crate) fn args(command: &str, case: &Path, rest: &[&str]) -> Vec<OsString> {
    let mut all: Vec<OsString> = command.split(' ').map(OsString::from).collect();
    all.push(case.into());
    all.extend(rest.iter().map(OsString::from));
    all
}

fn as_dyn(all: &[OsString]) -> Vec<&dyn AsRef<OsStr>> {
    all.iter().map(|a| a as &dyn AsRef<OsStr>).collect()
}

/// Runs `dossier COMMAND CASE REST... --json`; asserts success and one JSON value.
pub(crate) fn json(command: &str, case: &Path, rest: &[&str]) -> Value {
    crate::common::json(&as_dyn(&args(command, case, rest)))
}

/// Runs a command without `--json`; asserts success; returns stdout.
pub(crate) fn text(command: &str, case: &Path, rest: &[&str]) -> String {
    crate::common::text(&as_dyn(&args(command, case, rest)))
}

/// Runs a command expected to fail with exit code 2; returns its one-line stderr.
pub(crate) fn fails(command: &str, case: &Path, rest: &[&str]) -> String {
    crate::common::fails(&as_dyn(&args(command, case, rest)))
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
