//! The chronology through the real `dossier` binary, over real documents from the shared
//! corpus: events with fuzzy dates, citations whose quotes are checked (across line
//! breaks), every export against a reviewed snapshot (`tests/snapshots/chronology__*`),
//! exhibits, and `verify` listing a citation whose page text has changed. Edits (undo,
//! import, suggestions, notes, withdrawn citations) are in `chronology/edits.rs`.

mod common;
#[path = "chronology/edits.rs"]
mod edits;
#[path = "chronology/filters.rs"]
mod filters;
#[path = "chronology/support.rs"]
mod support;
#[path = "chronology/undo.rs"]
mod undo;
#[path = "chronology/written_dates.rs"]
mod written_dates;

use serde_json::Value;

use crate::support::{args, case_with_documents, corpus, dossier, fails, id, json, text};

#[test]
fn a_chronology_over_real_documents_exports_to_every_format() {
    let Some(c) = corpus() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_with_documents(dir.path(), &c);

    let setting = json(
        "event add",
        &case,
        &[
            "--date",
            "2024-08",
            "--title",
            "Setting added that opts members in to AI training",
            "--status",
            "alleged",
            "--issue",
            "Stored Communications Act",
            "--issue",
            "UCL",
            "--actor",
            "LinkedIn",
        ],
    );
    assert_eq!(setting["status"], "prospective", "no citation yet");
    let e1 = id(&setting);
    let cited = json(
        "cite",
        &case,
        &[
            &e1,
            "2",
            "--quote",
            "develop and train artificial intelligence (AI) models",
        ],
    );
    assert_eq!(cited["verified"], true);
    assert_eq!(cited["event_status"], "alleged");
    assert_eq!(
        cited["exact"],
        "develop and train artificial intelligence (AI) models"
    );
    assert_eq!(cited["sha256"].as_str().map(str::len), Some(64));

    // The version before the change does not say so: the quote is refused, clearly.
    let e = fails(
        "cite",
        &case,
        &[
            &e1,
            "1",
            "--quote",
            "develop and train artificial intelligence (AI) models",
        ],
    );
    assert!(
        e.contains("the quote is not on document 1 (Privacy Policy)"),
        "{e}"
    );
    assert!(e.contains("it matches as far as"), "{e}");

    let docketed = json(
        "event add",
        &case,
        &["--date", "2017-08-03", "--title", "Appeal docketed"],
    );
    let e2 = id(&docketed);
    // A quote spanning a line break of the PDF's text: the page is found and recorded.
    let across = json(
        "cite",
        &case,
        &[
            &e2,
            "3",
            "--quote",
            "the Court implemented the Electronic Case Files System. Accordingly",
        ],
    );
    assert_eq!(across["page"], 1);
    assert!(
        across["exact"]
            .as_str()
            .is_some_and(|x| x.contains("Files\nSystem")),
        "{across}"
    );
    let e = fails(
        "cite",
        &case,
        &[
            &e2,
            "3",
            "--page",
            "2",
            "--quote",
            "the Court implemented the Electronic Case Files System",
        ],
    );
    assert!(e.contains("not on page 2 of document 3"), "{e}");

    let offsite = json(
        "event add",
        &case,
        &[
            "--date",
            "2001-10-08T14:56:44Z",
            "--title",
            "Offsite announced",
            "--status",
            "established",
        ],
    );
    let e3 = id(&offsite);
    json(
        "cite",
        &case,
        &[
            &e3,
            "4",
            "--quote",
            "Four Seasons Hotel,   Whitney Room Lunch will be provided",
            "--relation",
            "context",
        ],
    );
    json(
        "event add",
        &case,
        &[
            "--date",
            "before 2024-09-19",
            "--title",
            "Policy edited after the fact",
            "--status",
            "disputed",
            "--issue",
            "UCL",
        ],
    );
    json(
        "event add",
        &case,
        &[
            "--date",
            "2015-01",
            "--end",
            "2023-05",
            "--title",
            "Video-ad view counts allegedly inflated",
            "--description",
            "Settled in 2024 for $6.625 million.",
            "--issue",
            "Breach of contract",
        ],
    );

    let x1 = json("exhibit", &case, &["3"]);
    assert_eq!(
        (
            x1["number"].as_str(),
            x1["bates_begin"].as_str(),
            x1["bates_end"].as_str()
        ),
        (Some("PX-0001"), Some("DOSS000001"), Some("DOSS000002"))
    );
    let x2 = json("exhibit", &case, &["2", "--designation", "Plaintiffs"]);
    assert_eq!(
        (
            x2["number"].as_str(),
            x2["bates_begin"].as_str(),
            x2["bates_end"].as_str()
        ),
        (Some("PX-0002"), Some("DOSS000003"), Some("DOSS000003"))
    );
    assert!(fails("exhibit", &case, &["4", "--number", "PX-0002"]).contains("already document 2"));
    assert!(fails("exhibit", &case, &["3"]).contains("already exhibit PX-0001"));

    assert_eq!(
        json("tag", &case, &["2", "policy", "ai-training"])["added"],
        serde_json::json!(["policy", "ai-training"])
    );
    assert_eq!(
        json("tag", &case, &["2", "policy"])["added"],
        serde_json::json!([])
    );
    let tagged = json("docs", &case, &["--tag", "policy"]);
    assert_eq!(
        tagged
            .as_array()
            .map(|d| d.iter().map(|x| x["id"].clone()).collect::<Vec<_>>()),
        Some(vec![2.into()])
    );
    assert_eq!(
        json("tag", &case, &["--event", &e1, "key"])["tags"],
        serde_json::json!(["key"])
    );

    let timeline = json("timeline", &case, &[]);
    let titles: Vec<&str> = timeline
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|e| e["title"].as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Offsite announced",
            "Video-ad view counts allegedly inflated",
            "Appeal docketed",
            "Setting added that opts members in to AI training",
            "Policy edited after the fact",
        ],
        "date order"
    );
    insta::assert_json_snapshot!("timeline_json", timeline);
    let ucl = json("timeline", &case, &["--issue", "ucl"]);
    assert_eq!(ucl.as_array().map(Vec::len), Some(2));
    let prospective = json("timeline", &case, &["--status", "prospective"]);
    assert_eq!(
        prospective.as_array().map(Vec::len),
        Some(2),
        "the two events without citations"
    );

    insta::assert_snapshot!(
        "timeline_csv",
        text("timeline", &case, &["--format", "csv"])
    );
    insta::assert_snapshot!(
        "timeline_markdown",
        text("timeline", &case, &["--format", "markdown"])
    );
    insta::assert_snapshot!(
        "timeline_html",
        text("timeline", &case, &["--format", "html"])
    );
    let tjs = text("timeline", &case, &["--format", "timelinejs"]);
    let tjs_value: Value = serde_json::from_str(&tjs).expect("TimelineJS JSON");
    assert_eq!(
        dossier_timeline::timelinejs::check(&tjs_value),
        Vec::<String>::new()
    );
    insta::assert_snapshot!("timeline_timelinejs", tjs);
    insta::assert_snapshot!(
        "timeline_timelinejs_csv",
        text("timeline", &case, &["--format", "timelinejs-csv"])
    );

    insta::assert_json_snapshot!("exhibits_json", json("exhibits", &case, &[]));
    insta::assert_snapshot!(
        "exhibits_csv",
        text("exhibits", &case, &["--format", "csv"])
    );
    let dat = text("exhibits", &case, &["--format", "dat"]);
    assert!(
        dat.starts_with("\u{FEFF}\u{FE}BEGBATES\u{FE}\u{14}"),
        "{dat:?}"
    );
    // The DAT's control characters are shown escaped so the snapshot can be reviewed.
    insta::assert_snapshot!(
        "exhibits_dat",
        dat.replace('\u{14}', "<DC4>").replace('\u{FEFF}', "<BOM>")
    );

    let out = dir.path().join("chronology.html");
    text(
        "timeline",
        &case,
        &["--format", "html", "--output", out.to_str().expect("UTF-8")],
    );
    assert!(std::fs::read_to_string(&out).is_ok_and(|h| h.starts_with("<!DOCTYPE html>")));
    let e = fails("timeline", &case, &["--format", "pdf"]);
    assert!(e.contains("unknown timeline format \"pdf\""), "{e}");
}

#[test]
fn an_edited_page_text_makes_verify_list_the_citation_and_never_drop_it() {
    let Some(c) = corpus() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_with_documents(dir.path(), &c);
    let e = id(&json(
        "event add",
        &case,
        &["--date", "2017-08-03", "--title", "Appeal docketed"],
    ));
    json(
        "cite",
        &case,
        &[
            &e,
            "3",
            "--page",
            "1",
            "--quote",
            "Electronic Case Files\nSystem",
        ],
    );
    let ok = json("verify", &case, &[]);
    assert_eq!(ok["ok"], true, "{ok}");
    assert_eq!(ok["citations_checked"], 1);

    let conn = rusqlite::Connection::open(case.join("dossier.sqlite")).expect("open the database");
    let changed = conn
        .execute(
            "UPDATE pages SET text = replace(text, 'Electronic Case Files', 'Electronic Filing') WHERE document_id = 3 AND n = 1",
            [],
        )
        .expect("edit the page text");
    assert_eq!(changed, 1);
    drop(conn);

    let out = dossier(args("verify", &case, &["--json"]));
    assert_eq!(
        out.status.code(),
        Some(1),
        "verify fails on a citation that no longer verifies"
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("one JSON value");
    let problems = report["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 1, "{report}");
    assert_eq!(problems[0]["kind"], "citation");
    assert_eq!(problems[0]["subject"], format!("citation 1 (event {e})"));
    assert!(
        problems[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("no longer on page 1 of document 3")),
        "{report}"
    );
    let timeline = json("timeline", &case, &[]);
    let citation = &timeline[0]["citations"][0];
    assert_eq!(citation["verified"], false, "still listed, flagged");
    assert_eq!(timeline[0]["status"], "alleged", "still cited");
    assert!(text("timeline", &case, &["--format", "markdown"]).contains("[DOES NOT VERIFY]"));
}
