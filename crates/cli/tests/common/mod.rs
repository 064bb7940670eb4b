//! The one harness of the CLI's end-to-end tests: running the real `dossier` binary and
//! reading what it printed, as a user's script would.
//!
//! Every test file under `crates/cli/tests/` includes this module (`mod common;`, or by
//! `#[path]` from a folder) and runs the binary only through it, so each test asserts the
//! same things about every run: the exit code it expects, exactly one JSON value on stdout
//! with `--json`, and a one-line error on stderr when a command fails. Folder-specific
//! helpers (`chronology/support.rs`, `email/support.rs`, `serve/support.rs`) build on it.
//! Each test file is its own crate and uses a subset.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The `dossier` binary as a command to complete, acting as `test-runner` in the audit log:
/// for runs a test must shape itself (spawned in the background, fed stdin, given env).
pub fn command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.env("DOSSIER_ACTOR", "test-runner");
    cmd
}

/// Runs `dossier ARGS…` and returns what it did, whatever its exit code.
pub fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    command()
        .args(args)
        .output()
        .expect("the dossier binary runs")
}

/// Runs `dossier ARGS…` (arguments of mixed types: `&[&"show", &case, &id]`).
pub fn dossier(args: &[&dyn AsRef<OsStr>]) -> Output {
    run(args)
}

/// Runs a command with `--json`; asserts it succeeded and printed exactly one JSON value.
pub fn json(args: &[&dyn AsRef<OsStr>]) -> Value {
    json_with_stderr(args).0
}

/// Like [`json`], also returning stderr (progress and warnings).
pub fn json_with_stderr(args: &[&dyn AsRef<OsStr>]) -> (Value, String) {
    json_exiting(args, 0)
}

/// Runs a command with `--json` expected to exit with `code` (1: done, with failures to
/// report); returns stdout's one JSON value and stderr.
pub fn json_exiting(args: &[&dyn AsRef<OsStr>], code: i32) -> (Value, String) {
    let out = run(args.iter().chain([&"--json" as &dyn AsRef<OsStr>].iter()));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(code),
        "dossier {} should exit {code}: {stderr}",
        shown(args)
    );
    let value = serde_json::from_slice(&out.stdout).expect("stdout is exactly one JSON value");
    (value, stderr)
}

/// Runs a command without `--json`; asserts success; returns what it printed for people.
pub fn text(args: &[&dyn AsRef<OsStr>]) -> String {
    let out = dossier(args);
    assert!(
        out.status.success(),
        "dossier {} failed: {}",
        shown(args),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs a command expected to be refused (exit code 2); asserts it printed nothing on stdout
/// and one line on stderr, and returns that line.
pub fn fails(args: &[&dyn AsRef<OsStr>]) -> String {
    let out = dossier(args);
    assert_eq!(
        out.status.code(),
        Some(2),
        "dossier {} should fail",
        shown(args)
    );
    assert!(out.stdout.is_empty(), "a refusal prints nothing on stdout");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr:?}");
    stderr
}

/// Creates the case `dir/name` with `dossier init` and returns its folder.
pub fn new_case(dir: &Path, name: &str) -> PathBuf {
    let case = dir.join(name);
    let v = json(&[&"init", &case]);
    assert_eq!(v["case"], case.display().to_string());
    case
}

fn shown(args: &[&dyn AsRef<OsStr>]) -> String {
    args.iter()
        .map(|a| a.as_ref().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
