//! Measures the chronology at scale: 10,000 events with 30,000 citations over 300
//! documents, then times the timeline export in each format and `verify` (which re-checks
//! every citation). Goals: export under 1 s, citation verification under 10 s (release).
//!
//! Run: `cargo run --release -p dossier-api --example chronology_bench`

use std::time::Instant;

use dossier_api::{TimelineRequest, timeline, verify};
use dossier_store::{Case, CaseOptions, EventState, NewCitation, SpanRecord};
use dossier_timeline::{Hint, quote};

const DOCUMENTS: usize = 300;
const EVENTS: usize = 10_000;
const CITATIONS_PER_EVENT: usize = 3;

fn words(seed: usize, n: usize) -> String {
    const VOCAB: [&str; 16] = [
        "member", "data", "setting", "policy", "training", "model", "consent", "share", "privacy",
        "account", "default", "opt", "notice", "update", "service", "user",
    ];
    (0..n)
        .map(|i| VOCAB[(seed * 7 + i * 13 + i / 5) % VOCAB.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let files = dir.path().join("files");
    std::fs::create_dir(&files)?;
    let mut texts = Vec::new();
    for d in 0..DOCUMENTS {
        // About 4 KB per document, wrapped at 70 characters like an email.
        let mut text = format!("Document {d}\n");
        for p in 0..40 {
            text += &words(d * 100 + p, 14);
            text += &format!(" (paragraph {p} of document {d}).\n");
        }
        std::fs::write(files.join(format!("doc{d:04}.txt")), &text)?;
        texts.push(text);
    }
    let case_path = dir.path().join("bench case");
    dossier_api::init(&case_path)?;
    let request = dossier_api::IngestRequest {
        paths: vec![files.clone()],
        ..Default::default()
    };
    let started = Instant::now();
    dossier_api::ingest(
        &case_path,
        &request,
        &dossier_api::PathScope::Anything,
        &|_| {},
    )?;
    println!(
        "setup: ingest {DOCUMENTS} documents: {:.2?}",
        started.elapsed()
    );

    let started = Instant::now();
    let mut case = Case::open(&case_path, CaseOptions::default())?;
    let docs = case.documents(&Default::default())?;
    let change = case.begin_change()?;
    for e in 0..EVENTS {
        let event = change.add_event(&EventState {
            title: format!("Event {e}: {}", words(e, 6)),
            date: format!("20{:02}-{:02}-{:02}", 10 + e % 15, 1 + e % 12, 1 + e % 28),
            status: "alleged".into(),
            issues: vec![format!("Issue {}", e % 7)],
            ..EventState::default()
        })?;
        for c in 0..CITATIONS_PER_EVENT {
            let d = (e * CITATIONS_PER_EVENT + c) % DOCUMENTS;
            let p = (e + c) % 40;
            let q = format!("(paragraph {p} of document {d}).");
            let located = quote::locate(&texts[d], &q, Hint::default())?;
            change.add_citation(&NewCitation {
                event,
                document: docs[d].id,
                relation: "supports".into(),
                page: None,
                span: Some(SpanRecord {
                    quote: q,
                    exact: located.selector.exact,
                    prefix: located.selector.prefix,
                    suffix: located.selector.suffix,
                    start: located.selector.start as i64,
                    end: located.selector.end as i64,
                }),
                sha256: docs[d].sha256.clone(),
            })?;
        }
    }
    change.commit()?;
    drop(case);
    println!(
        "setup: {EVENTS} events, {} citations: {:.2?}",
        EVENTS * CITATIONS_PER_EVENT,
        started.elapsed()
    );

    for format in [
        "json",
        "csv",
        "markdown",
        "html",
        "timelinejs",
        "timelinejs-csv",
    ] {
        let started = Instant::now();
        let out = timeline(
            &case_path,
            &TimelineRequest {
                format: Some(format.into()),
                ..Default::default()
            },
        )?;
        let bytes = serde_json::to_vec(&out)?.len();
        println!(
            "timeline --format {format:<15} {:>8.2?}  ({bytes} bytes of JSON)",
            started.elapsed()
        );
    }
    let started = Instant::now();
    let report = verify(&case_path, &Default::default(), &|_| {})?;
    println!(
        "verify (all {} citations, {} originals, {} audit rows): {:.2?}, ok: {}",
        report.citations_checked,
        report.objects_checked,
        report.audit_rows_checked,
        started.elapsed(),
        report.ok
    );
    Ok(())
}
