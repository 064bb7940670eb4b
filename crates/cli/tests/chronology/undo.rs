//! Taking edits back: removing tags, deleting notes, withdrawing exhibits, and `dossier
//! undo`, which reverts the last chronology edit as a new audited edit (repeated, it walks
//! further back; `--redo` puts back what the last undo took away). Also what `verify` says
//! about notes and withdrawn citations.

use std::path::Path;

use serde_json::{Value, json as j};

use crate::support::{args, case_with_documents, corpus, dossier, fails, id, json};

/// The audit log's actions, oldest first, that start with one of `prefixes`.
fn audit_actions(case: &Path, prefixes: &[&str]) -> Vec<String> {
    json("audit", case, &[])
        .as_array()
        .expect("audit rows")
        .iter()
        .filter_map(|r| r["action"].as_str())
        .filter(|a| prefixes.iter().any(|p| a.starts_with(p)))
        .map(str::to_owned)
        .collect()
}

/// A document's tags, read by removing a tag it does not have (which changes nothing and
/// reports every tag it has).
fn tags_of(case: &Path, doc: &str) -> Value {
    json("tag", case, &[doc, "no-such-tag", "--remove"])["tags"].clone()
}

#[test]
fn undoing_a_tag_removes_it_and_writes_an_audit_row() {
    let Some(c) = corpus() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_with_documents(dir.path(), &c);

    let tagged = json("tag", &case, &["4", "key", "privileged"]);
    assert_eq!(tagged["added"], j!(["key", "privileged"]));
    let removed = json(
        "tag",
        &case,
        &["4", "privileged", "never-there", "--remove"],
    );
    assert_eq!(
        removed["removed"],
        j!(["privileged"]),
        "an absent tag is passed over"
    );
    assert_eq!(removed["tags"], j!(["key"]));

    // The last edit was the removal: undoing it puts the tag back.
    let undone = json("undo", &case, &[]);
    assert_eq!(undone["kind"], "undo");
    assert_eq!(undone["reverted_changes"][0]["action"], "document.untag");
    assert_eq!(undone["changes"][0]["action"], "document.tag");
    assert_eq!(undone["changes"][0]["detail"], "privileged");
    assert_eq!(tags_of(&case, "4"), j!(["key", "privileged"]));

    // Again: the tagging itself is undone.
    let undone = json("undo", &case, &[]);
    assert_eq!(undone["reverted_changes"][0]["action"], "document.tag");
    assert_eq!(tags_of(&case, "4"), j!([]));

    assert_eq!(
        audit_actions(&case, &["document.tag", "document.untag", "case.undo"]),
        [
            "document.tag",
            "document.untag",
            "document.tag",
            "case.undo",
            "document.untag",
            "case.undo",
        ],
        "every undo is an edit with its own audit rows; nothing was removed from the log"
    );
    let verify = json("verify", &case, &[]);
    assert_eq!(verify["ok"], true, "the audit chain still holds: {verify}");
}

#[test]
fn ingest_is_never_undone_and_undo_says_so_when_nothing_is_left() {
    let Some(c) = corpus() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_with_documents(dir.path(), &c);
    let e = fails("undo", &case, &[]);
    assert!(e.contains("nothing to undo"), "{e}");
    assert!(e.contains("ingest"), "says what is never undone: {e}");
    assert!(fails("undo", &case, &["--redo"]).contains("nothing to redo"));

    json("tag", &case, &["1", "policy"]);
    json("undo", &case, &[]);
    assert!(fails("undo", &case, &[]).contains("nothing to undo"));
    assert_eq!(
        json("docs", &case, &[]).as_array().map(Vec::len),
        Some(4),
        "the documents ingested before the edit are all still there"
    );
}

#[test]
fn repeated_undo_walks_back_and_redo_puts_back_until_a_new_edit_is_made() {
    let Some(c) = corpus() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_with_documents(dir.path(), &c);
    let event = json(
        "event add",
        &case,
        &[
            "--date", "2001-10", "--title", "Offsite", "--status", "admitted",
        ],
    );
    let e = id(&event);
    json("event edit", &case, &[&e, "--title", "Offsite planned"]);
    json("cite", &case, &[&e, "4", "--quote", "Whitney Room"]);
    let timeline = || json("timeline", &case, &[]);
    assert_eq!(timeline()[0]["status"], "admitted");

    json("undo", &case, &[]);
    assert_eq!(
        timeline()[0]["status"],
        "prospective",
        "the citation is withdrawn"
    );
    assert_eq!(timeline()[0]["citations"], j!([]));
    json("undo", &case, &[]);
    assert_eq!(timeline()[0]["title"], "Offsite", "the edit is reverted");
    json("undo", &case, &[]);
    assert_eq!(
        timeline(),
        j!([]),
        "the addition is undone: the event is deleted"
    );

    let redo = json("undo", &case, &["--redo"]);
    assert_eq!(redo["kind"], "redo");
    assert_eq!(timeline()[0]["title"], "Offsite");
    json("undo", &case, &["--redo"]);
    assert_eq!(timeline()[0]["title"], "Offsite planned");
    json("undo", &case, &["--redo"]);
    assert_eq!(timeline()[0]["status"], "admitted", "the citation is back");
    assert!(fails("undo", &case, &["--redo"]).contains("nothing to redo"));

    // Undo after a redo undoes the same edit again; a new edit then makes that undo final.
    json("undo", &case, &[]);
    assert_eq!(timeline()[0]["citations"], j!([]));
    json("tag", &case, &["--event", &e, "offsite"]);
    let e2 = fails("undo", &case, &["--redo"]);
    assert!(e2.contains("makes that undo final"), "{e2}");
    json("undo", &case, &[]);
    assert_eq!(timeline()[0]["tags"], j!([]), "the tag was the newest edit");
}

#[test]
fn a_withdrawn_exhibit_keeps_its_number_and_numbering_continues() {
    let Some(c) = corpus() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_with_documents(dir.path(), &c);
    let first = json("exhibit", &case, &["3"]);
    let second = json("exhibit", &case, &["4"]);
    assert_eq!(
        (first["number"].as_str(), second["number"].as_str()),
        (Some("PX-0001"), Some("PX-0002"))
    );
    let withdrawn = json("exhibit", &case, &["4", "--withdraw"]);
    assert_eq!(withdrawn["number"], "PX-0002");
    assert!(withdrawn["withdrawn_at"].is_string());
    assert!(fails("exhibit", &case, &["4", "--withdraw"]).contains("is not an exhibit"));

    let third = json("exhibit", &case, &["1"]);
    assert_eq!(
        third["number"], "PX-0003",
        "PX-0002 is never given out again"
    );
    assert_ne!(
        third["bates_begin"], second["bates_begin"],
        "nor are its Bates numbers"
    );
    let refused = fails("exhibit", &case, &["2", "--number", "PX-0002"]);
    assert!(
        refused.contains("withdrawn") && refused.contains("never reused"),
        "{refused}"
    );
    // Numbered anew, under another prefix (listed before PX, so a pin cite that took the
    // last exhibit of the document rather than its standing one would show PX-0002).
    let again = json("exhibit", &case, &["4", "--prefix", "DX"]);
    assert_eq!(
        again["number"], "DX-0001",
        "the document may be numbered anew"
    );
    let e = id(&json(
        "event add",
        &case,
        &["--date", "2001-10", "--title", "Offsite"],
    ));
    json("cite", &case, &[&e, "4", "--quote", "Whitney Room"]);
    let pin = json("timeline", &case, &[])[0]["citations"][0]["pin_cite"].clone();
    assert!(
        pin.as_str()
            .is_some_and(|p| p.contains("DX-0001") && !p.contains("PX-0002")),
        "a pin cite names the standing exhibit, never the withdrawn one: {pin}"
    );

    let list = json("exhibits", &case, &[]);
    let numbers: Vec<(&str, bool)> = list
        .as_array()
        .expect("list")
        .iter()
        .map(|x| {
            (
                x["number"].as_str().unwrap_or_default(),
                x["withdrawn_at"].is_string(),
            )
        })
        .collect();
    assert_eq!(
        numbers,
        [
            ("DX-0001", false),
            ("PX-0001", false),
            ("PX-0002", true),
            ("PX-0003", false)
        ],
        "the JSON list shows the withdrawn number, so the gap is explained"
    );
    assert_eq!(
        (list[0]["events"][0].as_str(), list[2]["events"].clone()),
        (Some(format!("{e}: Offsite").as_str()), j!([])),
        "the event the document supports is tied to its standing exhibit only"
    );
    let csv = String::from_utf8(dossier(args("exhibits", &case, &["--format", "csv"])).stdout)
        .expect("UTF-8");
    let withdrawn_row = csv
        .lines()
        .find(|l| l.starts_with("PX-0002,"))
        .unwrap_or_default();
    assert!(
        csv.contains("DX-0001") && !withdrawn_row.ends_with(','),
        "the CSV list keeps the withdrawn exhibit, with the day it was withdrawn:\n{csv}"
    );
    let dat = String::from_utf8(dossier(args("exhibits", &case, &["--format", "dat"])).stdout)
        .expect("UTF-8");
    assert!(
        dat.contains("DX-0001") && !dat.contains("PX-0002"),
        "a load file holds standing exhibits only:\n{dat}"
    );

    // Undo walks back (the citation and the event first): DX-0001 and PX-0003 are
    // withdrawn, then PX-0002 is reinstated.
    for _ in 0..4 {
        json("undo", &case, &[]);
    }
    let undone = json("undo", &case, &[]);
    assert_eq!(undone["changes"][0]["action"], "exhibit.reinstate");
    let standing: Vec<String> = json("exhibits", &case, &[])
        .as_array()
        .expect("list")
        .iter()
        .filter(|x| x["withdrawn_at"].is_null())
        .filter_map(|x| x["number"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(standing, ["PX-0001", "PX-0002"]);
}

#[test]
fn deleting_a_note_hides_it_and_undo_restores_it() {
    let Some(c) = corpus() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_with_documents(dir.path(), &c);
    let note = json(
        "note",
        &case,
        &["4", "--quote", "Whitney Room", "--text", "Which floor?"],
    );
    let n = id(&note);
    let deleted = json("note-delete", &case, &[&n]);
    assert_eq!(deleted["text"], "Which floor?");
    assert_eq!(json("notes", &case, &[]), j!([]));
    assert!(fails("note-delete", &case, &[&n]).contains("already deleted"));
    assert!(fails("note-delete", &case, &["99"]).contains("no note with id 99"));
    assert_eq!(json("verify", &case, &[])["notes_checked"], 0);

    json("undo", &case, &[]);
    let notes = json("notes", &case, &[]);
    assert_eq!(notes[0]["text"], "Which floor?");
    assert_eq!(notes[0]["verified"], true);
    assert_eq!(
        audit_actions(&case, &["note.", "case.undo"]),
        ["note.add", "note.delete", "note.restore", "case.undo"]
    );
}

#[test]
fn verify_lists_a_note_whose_words_are_gone_and_never_drops_it() {
    let Some(c) = corpus() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_with_documents(dir.path(), &c);
    let note = json(
        "note",
        &case,
        &[
            "3",
            "--page",
            "1",
            "--quote",
            "Electronic Case Files\nSystem",
            "--text",
            "Filed through ECF",
        ],
    );
    let ok = json("verify", &case, &[]);
    assert_eq!(
        (ok["ok"].as_bool(), ok["notes_checked"].as_u64()),
        (Some(true), Some(1))
    );

    let conn = rusqlite::Connection::open(case.join("dossier.sqlite")).expect("open the database");
    conn.execute(
        "UPDATE pages SET text = replace(text, 'Electronic Case Files', 'Electronic Filing')
         WHERE document_id = 3 AND n = 1",
        [],
    )
    .expect("edit the page text");
    drop(conn);

    let out = dossier(args("verify", &case, &["--json"]));
    assert_eq!(
        out.status.code(),
        Some(1),
        "verify fails on a note that no longer verifies"
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("one JSON value");
    assert_eq!(report["notes_checked"], 1);
    let problems = report["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 1, "{report}");
    assert_eq!(problems[0]["kind"], "note");
    assert_eq!(
        problems[0]["subject"],
        format!("note {} (document 3)", id(&note))
    );
    assert!(
        problems[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("no longer where the note was made")),
        "{report}"
    );
    assert_eq!(
        json("notes", &case, &[])[0]["verified"],
        false,
        "listed, not dropped"
    );
}

#[test]
fn verify_reports_withdrawn_citations_as_withdrawn_not_as_failures() {
    let Some(c) = corpus() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_with_documents(dir.path(), &c);
    let e = id(&json(
        "event add",
        &case,
        &["--date", "2001-10", "--title", "Offsite"],
    ));
    json("cite", &case, &[&e, "4", "--quote", "Whitney Room"]);
    let withdrawn = json(
        "cite",
        &case,
        &[&e, "4", "--quote", "An agenda will be distributed"],
    );
    json("event withdraw", &case, &[&id(&withdrawn)]);

    let report = json("verify", &case, &[]);
    assert_eq!(
        report["ok"], true,
        "a withdrawn citation is not a failure: {report}"
    );
    assert_eq!(report["citations_checked"], 1);
    assert_eq!(report["citations_withdrawn"], 1, "and it is counted");
    assert_eq!(report["withdrawn"][0]["citation"], withdrawn["id"]);
    assert_eq!(report["withdrawn"][0]["doc"], 4);
    let out = dossier(args("verify", &case, &[]));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed.contains(&format!("withdrawn citation {}", id(&withdrawn))),
        "{printed}"
    );
}

#[test]
fn undoing_an_import_deletes_every_event_it_created() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = dir.path().join("case");
    json("init", &case, &[]);
    let csv = dir.path().join("events.csv");
    std::fs::write(&csv, "date,title\n2024-01,First\n2024-02,Second\n").expect("write CSV");
    json("event import", &case, &[csv.to_str().expect("UTF-8")]);
    json(
        "event add",
        &case,
        &["--date", "2024-03", "--title", "Third"],
    );
    json("undo", &case, &[]);
    assert_eq!(
        json("timeline", &case, &[]).as_array().map(Vec::len),
        Some(2)
    );
    let undone = json("undo", &case, &[]);
    assert_eq!(
        undone["reverted_changes"].as_array().map(Vec::len),
        Some(2),
        "one edit, two events: {undone}"
    );
    assert_eq!(json("timeline", &case, &[]), j!([]));
}
