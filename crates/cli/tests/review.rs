//! Review at scale: the paged document table, review status and bulk edits, as a reviewer's
//! script uses them through `dossier`.

mod common;

use std::path::{Path, PathBuf};

use common::{fails, json, new_case};
use serde_json::Value;

/// A case with two emails (custodian alice) and a memo (custodian bob): ids 1, 2, 3.
fn small_matter(dir: &Path) -> PathBuf {
    let case = new_case(dir, "case");
    let mail = dir.join("mail");
    let notes = dir.join("notes");
    std::fs::create_dir_all(&mail).expect("mail dir");
    std::fs::create_dir_all(&notes).expect("notes dir");
    std::fs::write(
        mail.join("a.eml"),
        "From: Alice Ames <alice@example.com>\nTo: Bob Bell <bob@example.com>\n\
         Subject: Budget for May\nDate: Mon, 14 May 2001 10:00:00 +0000\nMessage-ID: <a@x>\n\n\
         The budget.\n",
    )
    .expect("write a.eml");
    std::fs::write(
        mail.join("b.eml"),
        "From: Carol <carol@example.com>\nTo: Alice Ames <alice@example.com>\n\
         Subject: Re: Budget for May\nDate: Fri, 02 Mar 2001 09:00:00 +0000\nMessage-ID: <b@x>\n\n\
         No.\n",
    )
    .expect("write b.eml");
    std::fs::write(
        notes.join("memo.txt"),
        "A long memo about the merger, with no date of its own.\n",
    )
    .expect("write memo");
    json(&[&"ingest", &case, &mail, &"--custodian", &"alice"]);
    json(&[&"ingest", &case, &notes, &"--custodian", &"bob"]);
    case
}

fn ids(page: &Value) -> Vec<i64> {
    page["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["id"].as_i64().expect("id"))
        .collect()
}

#[test]
fn docs_without_limit_keeps_the_plain_list_in_ingest_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = small_matter(dir.path());
    let list = json(&[&"docs", &case]);
    let ids: Vec<i64> = list
        .as_array()
        .expect("a plain list")
        .iter()
        .map(|d| d["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(ids, [1, 2, 3]);
}

#[test]
fn docs_with_limit_pages_the_table_with_total_offset_and_the_reviewers_columns() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = small_matter(dir.path());

    let page = json(&[&"docs", &case, &"--limit", &"1", &"--sort", &"-date"]);
    assert_eq!(page["total"], 3);
    assert_eq!(page["offset"], 0);
    assert_eq!(ids(&page), [1], "the newest email first");
    let row = &page["documents"][0];
    assert_eq!(row["title"], "Budget for May");
    assert_eq!(row["kind"], "email");
    assert_eq!(row["from"], "Alice Ames <alice@example.com>");
    assert_eq!(row["to"], "Bob Bell <bob@example.com>");
    assert_eq!(row["custodians"], serde_json::json!(["alice"]));
    assert_eq!(row["tags"], serde_json::json!([]));
    assert_eq!(row["exhibit"], Value::Null);
    assert_eq!(row["review"], "unreviewed");
    assert_eq!(row["size"], 161);

    let next = json(&[
        &"docs",
        &case,
        &"--limit",
        &"1",
        &"--offset",
        &"1",
        &"--sort",
        &"-date",
    ]);
    assert_eq!(next["offset"], 1);
    assert_eq!(ids(&next), [2], "the older email on the second page");
    let last = json(&[
        &"docs",
        &case,
        &"--limit",
        &"1",
        &"--offset",
        &"2",
        &"--sort",
        &"-date",
    ]);
    assert_eq!(ids(&last), [3], "the undated memo last, newest first");

    let oldest = json(&[&"docs", &case, &"--limit", &"10", &"--sort", &"date"]);
    assert_eq!(ids(&oldest), [3, 2, 1], "undated first, then oldest");
    let by_size = json(&[&"docs", &case, &"--limit", &"10", &"--sort", &"-size"]);
    let sizes: Vec<i64> = by_size["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["size"].as_i64().expect("size"))
        .collect();
    let mut sorted = sizes.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(sizes, sorted, "largest first");
    let by_title = json(&[&"docs", &case, &"--limit", &"10", &"--sort", &"title"]);
    assert_eq!(ids(&by_title), [1, 2, 3]);
}

#[test]
fn the_table_sorts_by_sender_recipients_custodian_tags_exhibit_and_review_status() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = small_matter(dir.path());
    let sorted = |sort: &str| {
        ids(&json(&[
            &"docs", &case, &"--limit", &"10", &"--sort", &sort,
        ]))
    };
    // Alice (1) and Carol (2) sent the emails; the memo (3) has no sender: last either way.
    assert_eq!(sorted("from"), [1, 2, 3]);
    assert_eq!(sorted("-from"), [2, 1, 3]);
    assert_eq!(sorted("to"), [2, 1, 3], "Alice before Bob");
    assert_eq!(
        sorted("-custodian"),
        [3, 2, 1],
        "bob, then alice's two, by id reversed"
    );
    json(&[&"tag", &case, &"3", &"alpha"]);
    json(&[&"tag", &case, &"1", &"beta"]);
    assert_eq!(sorted("tags"), [3, 1, 2], "alpha, beta, untagged last");
    json(&[&"review", &case, &"--status", &"reviewed", &"--docs", &"2"]);
    json(&[
        &"review",
        &case,
        &"--status",
        &"second_look",
        &"--docs",
        &"3",
    ]);
    assert_eq!(
        sorted("review"),
        [2, 3, 1],
        "reviewed, second look, unreviewed last"
    );
    json(&[&"exhibit", &case, &"2"]);
    json(&[&"exhibit", &case, &"1"]);
    assert_eq!(sorted("exhibit"), [2, 1, 3], "by exhibit number, none last");
    assert_eq!(sorted("-exhibit"), [1, 2, 3]);
}

#[test]
fn the_table_filters_by_kind_custodian_date_range_and_title_and_counts_what_matches() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = small_matter(dir.path());
    let page = |extra: &[&dyn AsRef<std::ffi::OsStr>]| {
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"docs", &case, &"--limit", &"10"];
        args.extend_from_slice(extra);
        json(&args)
    };
    let emails = page(&[&"--kind", &"email"]);
    assert_eq!(
        (emails["total"].clone(), ids(&emails)),
        (2.into(), vec![1, 2])
    );
    assert_eq!(ids(&page(&[&"--custodian", &"bob"])), [3]);
    assert_eq!(ids(&page(&[&"--since", &"2001-04"])), [1], "May, not March");
    assert_eq!(
        ids(&page(&[&"--until", &"2001-03"])),
        [2],
        "the whole of March"
    );
    assert_eq!(
        ids(&page(&[&"--since", &"2001", &"--until", &"2001"])),
        [1, 2]
    );
    assert_eq!(ids(&page(&[&"--title", &"re: BUDGET"])), [2]);
    assert_eq!(
        ids(&page(&[&"--title", &"%"])),
        Vec::<i64>::new(),
        "% is literal"
    );
    assert_eq!(ids(&page(&[&"--review", &"unreviewed"])), [1, 2, 3]);
    let none = page(&[&"--review", &"reviewed"]);
    assert_eq!(none["total"], 0);
}

#[test]
fn a_bad_sort_date_status_or_limit_is_refused_naming_the_value() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = small_matter(dir.path());
    let e = fails(&[&"docs", &case, &"--limit", &"5", &"--sort", &"sender"]);
    assert!(
        e.contains("\"sender\"") && e.contains("exhibit or review"),
        "{e}"
    );
    let e = fails(&[&"docs", &case, &"--limit", &"5", &"--since", &"2001-13"]);
    assert!(e.contains("since") && e.contains("2001-13"), "{e}");
    let e = fails(&[&"docs", &case, &"--limit", &"5", &"--review", &"done"]);
    assert!(e.contains("\"done\"") && e.contains("second_look"), "{e}");
    let e = fails(&[&"docs", &case, &"--limit", &"0"]);
    assert!(e.contains("limit 0"), "{e}");
}

/// The whole table as a reviewer would compare it before and after: every column.
fn table(case: &Path) -> Value {
    json(&[&"docs", &case, &"--limit", &"100"])
}

fn verify_is_clean(case: &Path) {
    let report = json(&[&"verify", &case]);
    assert_eq!(report["problems"], serde_json::json!([]), "{report}");
}

#[test]
fn review_status_is_recorded_with_who_and_when_counted_in_summary_and_filtered_in_the_table() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = small_matter(dir.path());
    let out = json(&[
        &"review",
        &case,
        &"--status",
        &"reviewed",
        &"--docs",
        &"1,3",
    ]);
    assert_eq!(out["documents"], 2);
    assert_eq!(out["changed"], 2);
    let again = json(&[&"review", &case, &"--status", &"reviewed", &"--docs", &"1"]);
    assert_eq!(
        again["changed"], 0,
        "a status a document has already changes nothing"
    );
    json(&[
        &"review",
        &case,
        &"--status",
        &"second_look",
        &"--docs",
        &"3",
    ]);

    let reviewed = json(&[&"docs", &case, &"--limit", &"10", &"--review", &"reviewed"]);
    assert_eq!(ids(&reviewed), [1]);
    let row = &reviewed["documents"][0];
    assert_eq!(row["review"], "reviewed");
    assert_eq!(row["reviewed_by"], "test-runner");
    assert!(
        row["reviewed_at"]
            .as_str()
            .is_some_and(|at| at.starts_with("20")),
        "{row}"
    );
    let second = json(&[
        &"docs",
        &case,
        &"--limit",
        &"10",
        &"--review",
        &"second_look",
    ]);
    assert_eq!(ids(&second), [3]);
    let unreviewed = json(&[
        &"docs",
        &case,
        &"--limit",
        &"10",
        &"--review",
        &"unreviewed",
    ]);
    assert_eq!(ids(&unreviewed), [2]);

    let summary = json(&[&"summary", &case]);
    assert_eq!(
        summary["review"],
        serde_json::json!([
            {"status": "unreviewed", "count": 1},
            {"status": "reviewed", "count": 1},
            {"status": "second_look", "count": 1},
        ])
    );
    verify_is_clean(&case);
}

#[test]
fn one_undo_reverts_a_bulk_review_and_puts_back_each_earlier_status_with_its_reviewer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = small_matter(dir.path());
    json(&[
        &"review",
        &case,
        &"--status",
        &"second_look",
        &"--docs",
        &"2",
    ]);
    let before = table(&case);
    let out = json(&[
        &"review",
        &case,
        &"--status",
        &"reviewed",
        &"--docs",
        &"1,2,3",
    ]);
    assert_eq!(out["changed"], 3);
    json(&[&"undo", &case]);
    assert_eq!(table(&case), before, "one undo restores every row exactly");
    verify_is_clean(&case);
}

#[test]
fn bulk_tagging_by_list_or_by_query_is_one_edit_that_one_undo_reverts_exactly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = small_matter(dir.path());
    json(&[&"tag", &case, &"1", &"keep"]);
    let before = table(&case);

    let out = json(&[&"tag", &case, &"hot", &"keep", &"--docs", &"1,2,3"]);
    assert_eq!(out["documents"], 3);
    assert_eq!(out["changed"], 3);
    assert_eq!(out["added"], serde_json::json!(["hot", "keep"]));
    let hot = json(&[&"docs", &case, &"--limit", &"10", &"--tag", &"hot"]);
    assert_eq!(ids(&hot), [1, 2, 3]);
    json(&[&"undo", &case]);
    assert_eq!(table(&case), before, "one undo takes back all three");
    verify_is_clean(&case);

    let found = json(&[&"tag", &case, &"budget-talk", &"--query", &"budget"]);
    assert_eq!(
        found["documents"], 2,
        "both emails, every one the search finds"
    );
    let tagged = json(&[&"docs", &case, &"--limit", &"10", &"--tag", &"budget-talk"]);
    assert_eq!(ids(&tagged), [1, 2]);
    json(&[&"undo", &case]);
    assert_eq!(table(&case), before);
    verify_is_clean(&case);

    // The old single-document form still works.
    let one = json(&[&"tag", &case, &"3", &"memo"]);
    assert_eq!(one["tags"], serde_json::json!(["memo"]));
}

#[test]
fn a_bulk_tag_rewrites_nothing_in_the_search_index_yet_searches_see_it_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = small_matter(dir.path());
    // The index's segments (its commit may move on to a newer audit row, with nothing new).
    let segments = || {
        let meta = std::fs::read(case.join("index/meta.json")).expect("index meta");
        serde_json::from_slice::<Value>(&meta).expect("index meta is JSON")["segments"].clone()
    };
    let before = segments();
    json(&[&"tag", &case, &"hot", &"--docs", &"1,2,3"]);
    let (found, stderr) = common::json_with_stderr(&[&"search", &case, &"tag:hot"]);
    assert_eq!(found["total"], 3, "{found}");
    assert_eq!(found["index_behind"], false, "{stderr}");
    assert_eq!(found["facets"]["tag"]["hot"], 3, "{found}");
    let narrowed = json(&[&"search", &case, &"budget", &"--tag", &"HOT"]);
    assert_eq!(narrowed["total"], 2, "{narrowed}");
    json(&[&"undo", &case]);
    let gone = json(&[&"search", &case, &"tag:hot"]);
    assert_eq!(gone["total"], 0, "{gone}");
    assert_eq!(
        segments(),
        before,
        "nothing re-indexed: tags are read from the case"
    );
    verify_is_clean(&case);
}

#[test]
fn review_by_query_marks_every_document_the_search_finds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = small_matter(dir.path());
    let out = json(&[
        &"review",
        &case,
        &"--status",
        &"reviewed",
        &"--query",
        &"merger",
    ]);
    assert_eq!(out["documents"], 1);
    let reviewed = json(&[&"docs", &case, &"--limit", &"10", &"--review", &"reviewed"]);
    assert_eq!(ids(&reviewed), [3]);
}

#[test]
fn a_bad_review_status_or_unknown_document_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = small_matter(dir.path());
    let before = table(&case);
    let e = fails(&[&"review", &case, &"--status", &"done", &"--docs", &"1"]);
    assert!(e.contains("\"done\""), "{e}");
    let e = fails(&[
        &"review",
        &case,
        &"--status",
        &"reviewed",
        &"--docs",
        &"1,99",
    ]);
    assert!(e.contains("no document 99"), "{e}");
    let e = fails(&[&"tag", &case, &"hot", &"--docs", &"99"]);
    assert!(e.contains("no document 99"), "{e}");
    assert_eq!(table(&case), before);
}

#[test]
fn verify_names_a_review_status_changed_behind_the_logs_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = small_matter(dir.path());
    json(&[
        &"review",
        &case,
        &"--status",
        &"second_look",
        &"--docs",
        &"1",
    ]);
    let conn = rusqlite::Connection::open(case.join("dossier.sqlite")).expect("open");
    conn.execute_batch(
        "UPDATE document_review SET status = 'reviewed' WHERE document_id = 1;
         INSERT INTO document_review (document_id, status, actor, at)
             VALUES (2, 'reviewed', 'mallory', '2020-01-01T00:00:00Z');",
    )
    .expect("tamper");
    drop(conn);
    let (report, _) = common::json_exiting(&[&"verify", &case], 1);
    let problems = report["problems"].to_string();
    assert!(problems.contains("review:1"), "{problems}");
    assert!(problems.contains("review:2"), "{problems}");
}

#[test]
fn a_review_status_leaves_the_search_index_current() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = small_matter(dir.path());
    json(&[
        &"review",
        &case,
        &"--status",
        &"reviewed",
        &"--docs",
        &"1,2",
    ]);
    json(&[&"undo", &case]);
    let (found, stderr) = common::json_with_stderr(&[&"search", &case, &"budget"]);
    assert_eq!(found["total"], 2);
    assert_eq!(found["index_behind"], false, "{stderr}");
}
