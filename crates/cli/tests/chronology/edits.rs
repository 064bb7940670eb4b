//! Edits to the chronology, each audited: undo as an edit, CSV import, accepted
//! suggestions, notes on spans, withdrawn and reinstated citations.

use serde_json::Value;

use crate::support::{case_with_documents, corpus, fails, id, json};

#[test]
fn an_event_without_a_citation_is_prospective_and_undo_is_an_edit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = dir.path().join("case");
    json("init", &case, &[]);
    let e = json(
        "event add",
        &case,
        &[
            "--date",
            "2024-08-15",
            "--title",
            "Setting switched on",
            "--status",
            "established",
        ],
    );
    assert_eq!(
        (e["status"].as_str(), e["requested_status"].as_str()),
        (Some("prospective"), Some("established"))
    );
    let first = id(&e);
    let edited = json(
        "event edit",
        &case,
        &[
            &first,
            "--title",
            "Setting switched on for members",
            "--end",
            "2024-09-18",
        ],
    );
    assert_eq!(edited["title"], "Setting switched on for members");
    assert_eq!(
        (edited["date"].as_str(), edited["end"].as_str()),
        (Some("2024-08-15"), Some("2024-09-18"))
    );
    let undone = json("event undo", &case, &[&first]);
    assert_eq!(undone["title"], "Setting switched on");
    assert_eq!(undone["end"], Value::Null);
    json("event delete", &case, &[&first]);
    assert_eq!(json("timeline", &case, &[]), serde_json::json!([]));
    let restored = json("event undo", &case, &[&first]);
    assert_eq!(restored["deleted"], false);
    assert_eq!(
        restored["title"], "Setting switched on",
        "the undo before it stays undone"
    );
    let gone = json("event undo", &case, &[&first]);
    assert_eq!(
        gone["deleted"], true,
        "undoing the addition deletes the event"
    );
    let e = fails("event undo", &case, &[&first]);
    assert!(e.contains("no change left to undo"), "{e}");
    let actions: Vec<String> = json("audit", &case, &[])
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| {
            r["action"]
                .as_str()
                .filter(|a| a.starts_with("event."))
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(
        actions,
        [
            "event.add",
            "event.edit",
            "event.undo",
            "event.delete",
            "event.undo",
            "event.undo"
        ]
    );

    for (date, reason) in [
        ("2024-02-30", "February 2024 has 29 days"),
        ("Aug 24", "\"24\" is not understood (a year is 4 digits)"),
        ("Q5 2024", "no quarter 5"),
    ] {
        let e = fails("event add", &case, &["--date", date, "--title", "x"]);
        assert!(e.contains(reason), "{e}");
    }
    assert!(
        fails(
            "event add",
            &case,
            &["--date", "2024", "--title", "x", "--status", "probable"]
        )
        .contains("unknown status")
    );
    assert!(fails("cite", &case, &[&first, "99"]).contains("event 1 is deleted"));
    let live = id(&json(
        "event add",
        &case,
        &["--date", "2024", "--title", "Live"],
    ));
    assert!(fails("cite", &case, &[&live, "99"]).contains("no document with id 99"));
    assert!(fails("event edit", &case, &["42", "--title", "y"]).contains("no event with id 42"));
}

#[test]
fn events_import_from_csv_and_a_bad_row_imports_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = dir.path().join("case");
    json("init", &case, &[]);
    let good = dir.path().join("events.csv");
    std::fs::write(
        &good,
        "Date,Fact,Issues,Status,End\r\n2024-08,\"Setting added, opted in\",SCA; UCL,alleged,\r\n2015-01,Ad views inflated,,admitted,2023-05\r\n",
    )
    .expect("write CSV");
    let out = json("event import", &case, &[good.to_str().expect("UTF-8")]);
    assert_eq!(out["imported"], 2);
    let timeline = json("timeline", &case, &[]);
    assert_eq!(timeline[0]["title"], "Ad views inflated");
    assert_eq!(timeline[0]["end"], "2023-05");
    assert_eq!(timeline[1]["issues"], serde_json::json!(["SCA", "UCL"]));

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "date,title\n2024-01,Fine\n2024-13,Broken\n").expect("write CSV");
    let e = fails("event import", &case, &[bad.to_str().expect("UTF-8")]);
    assert!(e.contains("row 3") && e.contains("no month 13"), "{e}");
    assert_eq!(
        json("timeline", &case, &[]).as_array().map(Vec::len),
        Some(2),
        "nothing imported"
    );
}

#[test]
fn suggestions_come_from_document_dates_and_policy_changes_and_are_accepted_with_citations() {
    let Some(c) = corpus() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = dir.path().join("case");
    json("init", &case, &[]);
    json("ingest", &case, &[c.email.to_str().expect("UTF-8")]);
    for (path, date) in [
        (&c.policy_before, "2024-08-01"),
        (&c.policy_after, "2024-09-19"),
    ] {
        json(
            "ingest",
            &case,
            &[
                path.to_str().expect("UTF-8"),
                "--series",
                "linkedin-privacy",
                "--captured",
                date,
            ],
        );
    }
    let list = json("suggest", &case, &[]);
    let keys: Vec<&str> = list
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|s| s["key"].as_str())
        .collect();
    assert_eq!(keys, ["doc:1", "policy:linkedin-privacy:3"], "{list}");
    assert_eq!(list[0]["date"], "2001-10-08");
    assert!(list[0]["title"].as_str().is_some_and(|t| {
        t.starts_with("Email sent: Confirmation of Management Committee Offsite")
    }));
    assert_eq!(list[1]["date"], "between 2024-08-01 and 2024-09-19");
    let accepted = json("suggest", &case, &["--accept", "policy:linkedin-privacy:3"]);
    assert_eq!(accepted[0]["key"], "policy:linkedin-privacy:3");
    let timeline = json("timeline", &case, &[]);
    assert_eq!(timeline[0]["status"], "alleged");
    let cited: Vec<(i64, &str)> = timeline[0]["citations"]
        .as_array()
        .expect("citations")
        .iter()
        .filter_map(|c| Some((c["doc"].as_i64()?, c["relation"].as_str()?)))
        .collect();
    assert_eq!(cited, [(2, "context"), (3, "supports")]);
    let again = json("suggest", &case, &[]);
    assert_eq!(
        again.as_array().map(Vec::len),
        Some(1),
        "an accepted suggestion is not offered again"
    );
    assert!(fails("suggest", &case, &["--accept", "doc:99"]).contains("no suggestion \"doc:99\""));
}

#[test]
fn a_note_is_attached_to_a_span_and_rechecked_when_listed() {
    let Some(c) = corpus() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_with_documents(dir.path(), &c);
    let note = json(
        "note",
        &case,
        &[
            "4",
            "--quote",
            "An agenda will be distributed prior to the meeting.",
            "--text",
            "No agenda was ever sent.",
        ],
    );
    assert_eq!(note["verified"], true);
    assert_eq!(note["text"], "No agenda was ever sent.");
    let e = fails(
        "note",
        &case,
        &["4", "--quote", "An agenda was distributed", "--text", "x"],
    );
    assert!(e.contains("the quote is not on document 4"), "{e}");
    let notes = json("notes", &case, &["4"]);
    assert_eq!(notes.as_array().map(Vec::len), Some(1));
    assert_eq!(json("notes", &case, &["1"]), serde_json::json!([]));
    let audit = json("audit", &case, &[]);
    assert!(
        audit
            .as_array()
            .is_some_and(|rows| rows.iter().any(|r| r["action"] == "note.add"))
    );
}

#[test]
fn withdrawing_a_citation_is_an_edit_that_reinstating_undoes() {
    let Some(c) = corpus() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_with_documents(dir.path(), &c);
    let e = id(&json(
        "event add",
        &case,
        &[
            "--date", "2001-10", "--title", "Offsite", "--status", "admitted",
        ],
    ));
    let cited = json("cite", &case, &[&e, "4", "--quote", "Whitney Room"]);
    let citation = id(&cited);
    let withdrawn = json("event withdraw", &case, &[&citation]);
    assert_eq!(withdrawn["citations"], serde_json::json!([]));
    assert_eq!(withdrawn["status"], "prospective", "no citation left");
    assert!(fails("event withdraw", &case, &[&citation]).contains("already withdrawn"));
    let back = json("event reinstate", &case, &[&citation]);
    assert_eq!(back["status"], "admitted");
    assert_eq!(back["citations"][0]["id"], cited["id"]);
    let actions: Vec<String> = json("audit", &case, &[])
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| {
            r["action"]
                .as_str()
                .filter(|a| a.starts_with("citation."))
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(
        actions,
        ["citation.add", "citation.withdraw", "citation.reinstate"]
    );
}

#[test]
fn a_draft_date_is_read_as_saving_would_read_it_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = dir.path().join("case");
    json("init", &case, &[]);
    let audit_rows = || json("audit", &case, &[]).as_array().map(Vec::len);
    let before = audit_rows();

    let draft = ["--date", "between 2024-08-01 and 2024-09-19"];
    let read = json("event read-date", &case, &draft);
    assert_eq!(read["display_date"], "between 1 Aug 2024 and 19 Sep 2024");
    assert_eq!(
        (
            &read["span"]["kind"],
            &read["span"]["first_day"],
            &read["span"]["last_day"]
        ),
        (
            &"between".into(),
            &"2024-08-01".into(),
            &"2024-09-19".into()
        )
    );
    let before_a_year = json("event read-date", &case, &["--date", "before 2024"]);
    assert_eq!(
        before_a_year["span"]["first_day"],
        Value::Null,
        "open to the left"
    );
    assert_eq!(before_a_year["span"]["last_day"], "2023-12-31");
    let range = json(
        "event read-date",
        &case,
        &["--date", "2024-08-12", "--end", "2024-08-20"],
    );
    assert_eq!(
        (&range["date"], &range["end"]),
        (&"2024-08-12".into(), &"2024-08-20".into())
    );
    assert_eq!(audit_rows(), before, "reading a date changes nothing");

    // What saving shows is what the reading said.
    let mut add = draft.to_vec();
    add.extend(["--title", "Setting added"]);
    let saved = json("event add", &case, &add);
    assert_eq!(saved["display_date"], read["display_date"]);
    assert_eq!(saved["span"], read["span"]);

    // A date the chronology cannot read is refused with the reason saving would give.
    let reason = fails("event read-date", &case, &["--date", "2024-02-30"]);
    assert!(reason.contains("February 2024 has 29 days"), "{reason}");
    let on_save = fails(
        "event add",
        &case,
        &["--date", "2024-02-30", "--title", "x"],
    );
    assert_eq!(reason, on_save);
}
