//! The fuzzer's specifications: every regression fixture passes through its target, the
//! supervisor sees each kind of failure, a run saves what it finds, and every format the
//! registry reads has a target.

use std::path::{Path, PathBuf};
use std::time::Duration;

use dossier_extract::Registry;
use dossier_fuzz::run::{self, Options};
use dossier_fuzz::supervisor::{Outcome, Supervised};
use dossier_fuzz::targets::{Kind, Limits, TARGETS, Target};
use dossier_fuzz::{DEFAULT_STACK_KB, replay};

fn exe() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_dossier-fuzz"))
}

fn limits() -> Limits {
    Limits {
        hang: Duration::from_secs(10),
        memory_mb: 2048,
    }
}

fn fixtures() -> PathBuf {
    dossier_tests::repo_root().join("tests/fuzz-regressions")
}

fn selftest() -> &'static Target {
    Target::named("selftest").expect("the selftest target exists")
}

#[test]
fn every_regression_fixture_runs_cleanly_through_its_target() {
    let report = replay::replay(&exe(), &fixtures(), limits(), DEFAULT_STACK_KB);
    for (file, f) in &report.still_open {
        eprintln!(
            "known open (listed in known-open.txt), still fails: {}: {} {}",
            file.display(),
            f.kind,
            f.message
        );
    }
    // The PDF fixtures need the worker beside the binaries, which `cargo test --workspace`
    // builds; `cargo test -p dossier-fuzz` alone may not have it.
    let (skipped, not_run): (Vec<_>, Vec<_>) = report
        .not_run
        .iter()
        .partition(|e| e.contains("PDF worker"));
    for s in &skipped {
        eprintln!("SKIPPED: {s}");
    }
    let failed: Vec<String> = report
        .failed
        .iter()
        .map(|(p, f)| format!("{}: {} {}: {}", p.display(), f.target, f.kind, f.message))
        .collect();
    assert!(
        failed.is_empty(),
        "fixtures that fail again:\n{}",
        failed.join("\n")
    );
    assert!(
        report.now_fixed.is_empty(),
        "these fixtures pass now; remove them from tests/fuzz-regressions/known-open.txt: {:?}",
        report.now_fixed
    );
    assert!(not_run.is_empty(), "fixtures not run: {not_run:?}");
    assert!(
        !report.passed.is_empty() || !report.still_open.is_empty(),
        "no fixtures found under {}",
        fixtures().display()
    );
}

#[test]
fn every_extractor_and_container_the_registry_ships_has_a_fuzz_target() {
    let covered: Vec<&str> = TARGETS
        .iter()
        .filter_map(|t| match t.kind {
            Kind::Extractor(make) => Some(make().name()),
            Kind::Container(make) => Some(make().name()),
            Kind::PdfWorker => Some("pdf"),
            Kind::Query | Kind::TimestampResponse | Kind::SelfTest => None,
        })
        .collect();
    for name in Registry::standard().names() {
        assert!(
            covered.contains(&name),
            "the registry ships `{name}` but crates/fuzz/src/targets.rs has no target for it: add one line to TARGETS"
        );
    }
}

fn run_selftest(input: &[u8]) -> Outcome {
    let mut child = Supervised::new(&exe(), selftest(), limits(), DEFAULT_STACK_KB);
    child.run(input).expect("the child starts")
}

fn found(outcome: Outcome) -> (String, String) {
    match outcome {
        Outcome::Found(f) => (f.kind, f.message),
        other => panic!("expected a finding, got {other:?}"),
    }
}

#[test]
fn a_panic_is_reported_with_its_message_and_location() {
    let (kind, message) = found(run_selftest(b"panic"));
    assert_eq!(kind, "panic");
    assert!(message.starts_with("self-test panic at "), "{message}");
    assert!(message.contains("targets.rs:"), "{message}");
}

#[test]
fn a_stack_overflow_is_reported_as_an_abort() {
    let (kind, message) = found(run_selftest(b"overflow"));
    assert_eq!(kind, "abort");
    assert!(message.starts_with("stack overflow"), "{message}");
}

#[cfg(unix)]
#[test]
fn an_allocation_over_the_memory_limit_is_reported_as_oom() {
    let (kind, message) = found(run_selftest(b"oom"));
    assert_eq!(kind, "oom");
    assert!(message.contains("memory allocation of"), "{message}");
}

#[test]
fn a_hang_is_killed_at_the_limit_and_the_next_input_runs_in_a_fresh_child() {
    let short = Limits {
        hang: Duration::from_millis(500),
        ..limits()
    };
    let mut child = Supervised::new(&exe(), selftest(), short, DEFAULT_STACK_KB);
    let outcome = child.run(b"hang").expect("the child starts");
    assert!(
        matches!(&outcome, Outcome::Found(f) if f.kind == "hang"),
        "{outcome:?}"
    );
    assert_eq!(
        child.run(b"fine").expect("a new child starts"),
        Outcome::Fine
    );
    assert_eq!(child.starts, 2);
}

fn options(fixtures: &Path, out: &Path) -> Options {
    Options {
        exe: exe(),
        targets: vec![selftest()],
        total: Duration::from_secs(2),
        seed: 1,
        corpus: None,
        fixtures: fixtures.to_owned(),
        out: out.to_owned(),
        limits: limits(),
        stack_kb: DEFAULT_STACK_KB,
    }
}

#[test]
fn a_run_saves_each_new_finding_with_its_note_and_a_known_open_one_is_not_new() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixtures = dir.path().join("fixtures");
    std::fs::create_dir_all(fixtures.join("selftest")).expect("fixtures folder");
    std::fs::write(fixtures.join("selftest/boom"), b"panic").expect("fixture");

    let first = run::run(&options(&fixtures, &dir.path().join("out1")), |_| {});
    let saved = &first[0].findings;
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!(saved[0].new);
    assert_eq!(
        std::fs::read(&saved[0].path).expect("saved input"),
        b"panic"
    );
    let note = std::fs::read_to_string(saved[0].path.with_extension("finding"))
        .expect("note beside the input");
    assert!(note.contains("kind: panic"), "{note}");

    // Listed as known-open, with its note beside it: the fixture itself is not run again,
    // and another input failing the same way is found but not new.
    std::fs::write(fixtures.join("selftest/boom.finding"), note).expect("note");
    std::fs::write(fixtures.join("known-open.txt"), "selftest/boom\n").expect("list");
    std::fs::write(fixtures.join("selftest/boom-again"), b"panic").expect("fixture");
    let second = run::run(&options(&fixtures, &dir.path().join("out2")), |_| {});
    assert_eq!(second[0].findings.len(), 1);
    assert!(!second[0].findings[0].new);
    let (replayed, seeds) = dossier_fuzz::seeds::load(
        selftest(),
        None,
        &fixtures,
        &run::known_open_entries(&fixtures),
    );
    assert_eq!((replayed, seeds), (1, vec![b"panic".to_vec()]));
}
