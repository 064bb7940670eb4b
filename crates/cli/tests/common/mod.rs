//! Running the real `dossier` binary from the CLI's integration tests, shared by the test
//! files that address it with plain argument lists.
//!
//! Each test file is its own crate and uses a subset of these helpers.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// Runs `dossier ARGS…` as the actor `test-runner` and returns what it did.
pub fn dossier(args: &[&dyn AsRef<OsStr>]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
    for a in args {
        cmd.arg(a);
    }
    cmd.env("DOSSIER_ACTOR", "test-runner")
        .output()
        .expect("the dossier binary runs")
}

/// Runs a command with `--json`; asserts it succeeded and printed exactly one JSON value.
pub fn json(args: &[&dyn AsRef<OsStr>]) -> Value {
    let mut all: Vec<&dyn AsRef<OsStr>> = args.to_vec();
    all.push(&"--json");
    let out = dossier(&all);
    assert!(
        out.status.success(),
        "dossier {:?} failed: {}",
        args.iter()
            .map(|a| a.as_ref().to_owned())
            .collect::<Vec<_>>(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is exactly one JSON value")
}

/// Creates the case `dir/name` with `dossier init` and returns its folder.
pub fn new_case(dir: &Path, name: &str) -> PathBuf {
    let case = dir.join(name);
    json(&[&"init", &case]);
    case
}
