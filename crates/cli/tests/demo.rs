//! `dossier demo`: the sample matter builds into a case whose every citation verifies,
//! whose events (bar the prospective ones) all rest on a quote, and whose policy captures
//! prove the FAQ's silent change; building it again changes nothing.

mod common;

use std::path::Path;

use common::{dossier, json};
use serde_json::Value;

const FAQ_SERIES: &str = "Linkwise help: your data FAQ";
const POLICY_SERIES: &str = "Linkwise privacy policy";

/// The filings are PDFs, read by the worker process that lives beside `dossier`.
fn assert_pdf_worker_is_built() {
    let worker = Path::new(env!("CARGO_BIN_EXE_dossier")).with_file_name("dossier-pdf-worker");
    assert!(
        worker.exists(),
        "{} is missing: it is a binary of dossier-cli, built with it",
        worker.display()
    );
}

/// This checkout's `samples/` (the binary's built-in default may name another checkout that
/// shares the build folder).
fn samples() -> std::path::PathBuf {
    dossier_tests::repo_root().join("samples")
}

fn audit_rows(case: &Path) -> usize {
    json(&[&"audit", &case]).as_array().map_or(0, Vec::len)
}

#[test]
fn the_sample_matter_builds_a_case_that_proves_its_story_and_rebuilds_as_a_no_op() {
    assert_pdf_worker_is_built();
    let dir = tempfile::tempdir().expect("temp dir");
    let case = dir.path().join("Linkwise privacy matter");

    let built = json(&[&"demo", &case, &"--samples", &samples()]);
    assert_eq!(built["case"], case.display().to_string());
    let documents = built["documents"].as_u64().expect("a document count");
    let events = built["events"].as_u64().expect("an event count");
    assert!(
        documents >= 15,
        "articles, filings, mail, memos, captures: {built}"
    );
    assert!(events >= 8, "the events of timeline.csv: {built}");

    // Every kind of source the sample matter promises is there.
    let docs = json(&[&"docs", &case]);
    let kinds: Vec<&str> = docs
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|d| d["kind"].as_str())
        .collect();
    for kind in ["article", "filing", "email", "policy", "text"] {
        let n = kinds.iter().filter(|k| **k == kind).count();
        assert!(n > 0, "no {kind} document in {kinds:?}");
    }
    assert!(kinds.iter().filter(|k| **k == "article").count() >= 3);

    // The mail threads, and the complaint sent as an attachment is the filed complaint.
    let titled_doc = |kind: &str, needle: &str| {
        docs.as_array()
            .expect("a list")
            .iter()
            .find(|d| d["kind"] == kind && d["title"].as_str().is_some_and(|t| t.contains(needle)))
            .and_then(|d| d["id"].as_i64())
            .unwrap_or_else(|| panic!("no {kind} titled {needle:?}"))
    };
    let complaint = titled_doc("filing", "Class Action Complaint");
    let shown = json(&[&"show", &case, &complaint.to_string()]);
    assert_eq!(shown["pages"].as_array().map(Vec::len), Some(9));
    assert_eq!(shown["meta"]["ecf.case"], "3:24-cv-06712-RFL");
    let sources: Vec<&str> = shown["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .filter_map(|s| s["path"].as_str())
        .collect();
    assert!(
        sources
            .iter()
            .any(|p| p.ends_with("samples/sources/filings/complaint.pdf")),
        "{sources:?}"
    );
    assert!(
        sources
            .iter()
            .any(|p| p.contains("okafor-feld.mbox#") && p.ends_with("/complaint.pdf")),
        "the emailed attachment is the same original: {sources:?}"
    );
    let reply = titled_doc("email", "Re: Linkwise FAQ captures");
    let thread = json(&[&"thread", &case, &reply.to_string()]);
    assert_eq!(
        thread["messages"].as_array().map(Vec::len),
        Some(3),
        "{thread}"
    );

    // Every citation verifies, in verify and in the timeline.
    let verified = json(&[&"verify", &case]);
    assert_eq!(verified["ok"], true, "{verified}");
    let timeline = json(&[&"timeline", &case]);
    let timeline = timeline.as_array().expect("a list of events");
    assert_eq!(timeline.len() as u64, events);
    let mut prospective = 0;
    for event in timeline {
        let citations = event["citations"].as_array().expect("citations");
        if event["status"] == "prospective" {
            prospective += 1;
            continue;
        }
        assert!(!citations.is_empty(), "no citation for {}", event["title"]);
        for c in citations {
            assert_eq!(c["verified"], true, "{} cites {c}", event["title"]);
            assert!(c["quote"].as_str().is_some_and(|q| !q.is_empty()), "{c}");
        }
    }
    assert!(prospective >= 1, "the sample has a prospective event");
    let titled = |needle: &str| {
        timeline
            .iter()
            .find(|e| e["title"].as_str().is_some_and(|t| t.contains(needle)))
            .unwrap_or_else(|| panic!("no event about {needle:?}"))
    };
    for needle in [
        "setting",
        "privacy policy to allow AI training",
        "edits its FAQ",
        "$1,000 per member",
        "meritless",
        "UK, the EEA or Switzerland",
        "$6.625 million",
    ] {
        titled(needle);
    }
    let suit = titled("$1,000 per member");
    assert!(
        suit["citations"]
            .as_array()
            .expect("citations")
            .iter()
            .any(|c| c["page"] == 3 && c["quote"].as_str().is_some_and(|q| q.contains("$1,000"))),
        "the complaint's page 3 pleads the damages: {suit}"
    );

    // The policy captures show exactly one silent change: the FAQ's edit.
    let series = json(&[&"policy", &case]);
    let silent: u64 = series
        .as_array()
        .expect("series")
        .iter()
        .map(|s| s["silent"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(silent, 1, "{series}");
    let faq = json(&[&"policy", &case, &FAQ_SERIES]);
    let silent_changes: Vec<&Value> = faq["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter(|c| c["silent"] == true)
        .collect();
    assert_eq!(silent_changes.len(), 1, "{faq}");
    let edit = silent_changes[0];
    assert_eq!(edit["last_old"], "2024-08-20");
    assert_eq!(edit["first_new"], "2024-09-27");
    assert_eq!(edit["claimed_before"], "2024-08-14");
    assert_eq!(edit["claimed_after"], "2024-08-14");
    assert!(
        edit["removed"]
            .as_array()
            .expect("removed")
            .iter()
            .any(|r| r.as_str().is_some_and(|r| r.contains("on by default"))),
        "{edit}"
    );

    // The AI-training wording entered the privacy policy after August 2024.
    let traced = json(&[
        &"policy-trace",
        &case,
        &POLICY_SERIES,
        &"train artificial intelligence models",
    ]);
    assert_eq!(traced["appeared"]["not_in"], "2024-08-26", "{traced}");
    assert_eq!(traced["appeared"]["first_in"], "2024-09-20", "{traced}");

    // Distinctive words find the sources the end-to-end tests rely on.
    for phrase in ["\"opted in\"", "\"AI training\"", "\"6.625 million\""] {
        let found = json(&[&"search", &case, &phrase]);
        assert!(
            found["total"].as_u64().unwrap_or(0) > 0,
            "{phrase} finds nothing"
        );
    }

    // Building it again is a no-op: same counts, not one audit row more.
    let rows = audit_rows(&case);
    let again = json(&[&"demo", &case, &"--samples", &samples()]);
    assert_eq!(again["documents"], built["documents"]);
    assert_eq!(again["events"], built["events"]);
    assert_eq!(again["added_documents"], 0);
    assert_eq!(again["added_events"], 0);
    assert_eq!(audit_rows(&case), rows);
    assert_eq!(
        json(&[&"timeline", &case]).as_array().map(Vec::len),
        Some(timeline.len())
    );
}

#[test]
fn a_missing_samples_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = dir.path().join("case");
    let nowhere = dir.path().join("no-samples-here");
    let out = dossier(&[&"demo", &case, &"--samples", &nowhere]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no-samples-here"), "{stderr}");
    assert!(stderr.contains("--samples"), "{stderr}");
    assert!(
        !case.exists(),
        "nothing is created when the samples are missing"
    );
}
