//! What a command-line user expects of an installed program: completions for their shell and
//! manual pages, generated from the same definitions that parse the arguments; diagnostics on
//! stderr under `RUST_LOG` or `-v`, never mixed into the JSON on stdout.

mod common;

use common::{command, dossier, text};

#[test]
fn completions_are_printed_for_each_shell_and_know_the_subcommands() {
    for (shell, marker) in [
        ("bash", "_dossier()"),
        ("zsh", "#compdef dossier"),
        ("fish", "complete -c dossier"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = text(&[&"completions", &shell]);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(
            script.contains("ingest"),
            "{shell} completes the subcommands"
        );
    }
    let out = dossier(&[&"completions", &"tcsh"]);
    assert_eq!(out.status.code(), Some(2), "an unknown shell is refused");
}

#[test]
fn the_manual_is_printed_or_written_as_one_page_per_subcommand() {
    let page = text(&[&"man"]);
    assert!(page.contains(".TH dossier 1"), "{page}");
    assert!(page.contains("evidence management"), "{page}");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("man1");
    text(&[&"man", &"--out", &out]);
    let ingest = std::fs::read_to_string(out.join("dossier-ingest.1")).expect("dossier-ingest.1");
    assert!(ingest.contains("\\-\\-password\\-file"), "{ingest}");
    assert!(out.join("dossier.1").is_file());
}

#[test]
fn rust_log_shows_diagnostics_on_stderr_and_leaves_the_json_on_stdout_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = dir.path().join("case");
    common::json(&[&"init", &case]);
    let pdf = dossier_tests::repo_root().join("samples/sources/filings/complaint.pdf");

    let quiet = command()
        .args([
            "ingest".as_ref(),
            case.as_os_str(),
            pdf.as_os_str(),
            "--json".as_ref(),
        ])
        .env_remove("RUST_LOG")
        .output()
        .expect("runs");
    assert!(quiet.status.success());
    assert!(
        !String::from_utf8_lossy(&quiet.stderr).contains("PDF worker"),
        "warnings only by default"
    );

    let other = dir.path().join("other");
    common::json(&[&"init", &other]);
    let logged = command()
        .args([
            "ingest".as_ref(),
            other.as_os_str(),
            pdf.as_os_str(),
            "--json".as_ref(),
        ])
        .env("RUST_LOG", "debug")
        .output()
        .expect("runs");
    assert!(logged.status.success());
    let stderr = String::from_utf8_lossy(&logged.stderr);
    assert!(stderr.contains("starting the PDF worker"), "{stderr}");
    let report: serde_json::Value =
        serde_json::from_slice(&logged.stdout).expect("stdout is still exactly one JSON value");
    assert_eq!(report["added"], 1);

    let third = dir.path().join("third");
    common::json(&[&"init", &third]);
    let verbose = command()
        .args([
            "-vv".as_ref(),
            "ingest".as_ref(),
            third.as_os_str(),
            pdf.as_os_str(),
        ])
        .env_remove("RUST_LOG")
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&verbose.stderr);
    assert!(
        stderr.contains("starting the PDF worker"),
        "-vv is debug: {stderr}"
    );
}
