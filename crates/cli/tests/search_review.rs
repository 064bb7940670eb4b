//! The review features of search through the real binary, on real mail: paging and both date
//! orders, tag and saved-search restrictions with exact totals, saved searches (audited),
//! batch counts, and the CSV export of every hit.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;

mod common;
use common::{dossier, json, new_case};

struct Fixture {
    _dir: tempfile::TempDir,
    case: PathBuf,
}

/// Kenneth Lay's inbox (1,373 messages), and a memo whose title starts like a formula.
fn fixture() -> Option<&'static Fixture> {
    static FIXTURE: OnceLock<Option<Fixture>> = OnceLock::new();
    FIXTURE
        .get_or_init(|| {
            let inbox = dossier_tests::corpus_path("emails/enron/maildir/lay-k/inbox")?;
            let dir = tempfile::tempdir().expect("temp dir");
            let case = new_case(dir.path(), "case");
            json(&[&"ingest", &case, &inbox, &"--custodian", &"Kenneth Lay"]);
            let memo = dir.path().join("=SUM(A1) power memo.txt");
            std::fs::write(&memo, "A memo on California power prices.").expect("memo");
            json(&[&"ingest", &case, &memo]);
            Some(Fixture { _dir: dir, case })
        })
        .as_ref()
}

fn search(case: &Path, query: &str, extra: &[&str]) -> Value {
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"search", &case, &query];
    for e in extra {
        args.push(e);
    }
    json(&args)
}

fn ids(v: &Value) -> Vec<i64> {
    v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["doc"].as_i64().expect("doc"))
        .collect()
}

fn total(v: &Value) -> u64 {
    v["total"].as_u64().expect("total")
}

/// Every document a query finds (all of them fit in one list of 1000 here).
fn found(case: &Path, query: &str, extra: &[&str]) -> BTreeSet<i64> {
    let mut all = vec!["--limit", "1000"];
    all.extend(extra);
    let v = search(case, query, &all);
    let set: BTreeSet<i64> = ids(&v).into_iter().collect();
    assert_eq!(total(&v), set.len() as u64, "{query} {extra:?}");
    set
}

#[test]
fn pages_of_hits_put_together_are_the_one_long_list_in_every_order() {
    let Some(f) = fixture() else { return };
    for sort in ["relevance", "date", "oldest"] {
        let whole = search(&f.case, "power", &["--limit", "1000", "--sort", sort]);
        let all = ids(&whole);
        assert!(all.len() > 100, "{sort}: {} hits", all.len());
        let mut paged = Vec::new();
        let mut offset = 0;
        while offset < all.len() {
            let offset_text = offset.to_string();
            let page = search(
                &f.case,
                "power",
                &["--limit", "37", "--offset", &offset_text, "--sort", sort],
            );
            assert_eq!(
                total(&page),
                total(&whole),
                "{sort}: the total is exact on every page"
            );
            assert_eq!(page["offset"].as_u64(), Some(offset as u64));
            paged.extend(ids(&page));
            offset += 37;
        }
        assert_eq!(
            paged, all,
            "{sort}: pages follow each other without gap or repeat"
        );
    }
    let past = search(&f.case, "power", &["--offset", "100000"]);
    assert!(ids(&past).is_empty());
    assert!(total(&past) > 100, "past the end: no hits, the same total");
}

#[test]
fn date_orders_newest_first_and_oldest_first() {
    let Some(f) = fixture() else { return };
    let year_of = |v: &Value, i: usize| -> String {
        v["hits"][i]["date"].as_str().expect("dated")[..4].to_owned()
    };
    let newest = search(&f.case, "power", &["--limit", "1", "--sort", "date"]);
    let oldest = search(&f.case, "power", &["--limit", "1", "--sort", "oldest"]);
    let years: Vec<String> = newest["facets"]["year"]
        .as_object()
        .expect("years")
        .keys()
        .cloned()
        .collect();
    assert!(years.len() > 1, "{years:?}");
    assert_eq!(Some(&year_of(&newest, 0)), years.iter().max());
    assert_eq!(Some(&year_of(&oldest, 0)), years.iter().min());
    assert_eq!(
        ids(&search(
            &f.case,
            "power",
            &["--limit", "50", "--sort=-date"]
        )),
        ids(&search(
            &f.case,
            "power",
            &["--limit", "50", "--sort", "oldest"]
        )),
        "-date is another name for oldest"
    );
}

#[test]
fn a_tag_restricts_or_excludes_and_the_totals_add_up() {
    let Some(f) = fixture() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = copy_case(&f.case, dir.path());
    let california = found(&case, "california", &[]);
    let tagged: Vec<i64> = california.iter().copied().step_by(3).collect();
    for doc in &tagged {
        json(&[&"tag", &case, &doc.to_string(), &"hot"]);
    }
    let with = found(&case, "california", &["--tag", "hot"]);
    let without = found(&case, "california", &["--not-tag", "hot"]);
    assert_eq!(with, tagged.iter().copied().collect());
    assert_eq!(
        without,
        california.difference(&with).copied().collect(),
        "--not-tag leaves out exactly the tagged documents"
    );
    let v = search(&case, "california", &["--not-tag", "hot", "--limit", "1"]);
    assert!(
        v["facets"]["tag"].get("hot").is_none(),
        "facets count only what is left: {}",
        v["facets"]
    );
}

#[test]
fn a_saved_search_is_kept_audited_and_restricts_other_searches_exactly() {
    let Some(f) = fixture() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = copy_case(&f.case, dir.path());
    let saved = json(&[&"saved-search", &case, &"Power", &"power"]);
    assert_eq!(saved["created"], true);
    assert_eq!(saved["saved"]["request"]["query"], "power");
    let power = found(&case, "power", &[]);
    assert_eq!(saved["total"].as_u64(), Some(power.len() as u64));

    let california = found(&case, "california", &[]);
    assert_eq!(
        found(&case, "california", &["--in-saved", "Power"]),
        california.intersection(&power).copied().collect(),
        "--in-saved keeps the documents the saved search finds"
    );
    assert_eq!(
        found(&case, "california", &["--not-in-saved", "Power"]),
        california.difference(&power).copied().collect(),
        "--not-in-saved keeps the others"
    );
    // A page of a restricted search is a page of the restricted list, with its exact total.
    let page = search(
        &case,
        "california",
        &["--in-saved", "Power", "--limit", "5"],
    );
    assert_eq!(total(&page), california.intersection(&power).count() as u64);

    let listed = json(&[&"saved-searches", &case]);
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    assert_eq!(listed[0]["name"], "Power");

    json(&[&"saved-search-delete", &case, &"Power"]);
    assert_eq!(json(&[&"saved-searches", &case]), serde_json::json!([]));
    let out = dossier(&[&"search", &case, &"california", &"--in-saved", &"Power"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no saved search named \"Power\""),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let audit = json(&[&"audit", &case]);
    let actions: Vec<&str> = audit
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["action"].as_str())
        .filter(|a| a.starts_with("saved_search."))
        .collect();
    assert_eq!(actions, ["saved_search.add", "saved_search.delete"]);
    let verified = json(&[&"verify", &case]);
    assert_eq!(verified["ok"], true, "{verified}");

    // A saved search changed behind the audit log's back is a problem `verify` names.
    let conn = rusqlite::Connection::open(case.join("dossier.sqlite")).expect("open");
    conn.execute_batch(
        "UPDATE saved_searches SET deleted_at = NULL, request = '{\"query\":\"x\"}'",
    )
    .expect("the direct edit runs");
    drop(conn);
    let out = dossier(&[&"verify", &case, &"--json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).expect("one JSON value");
    assert!(
        report["problems"]
            .as_array()
            .expect("problems")
            .iter()
            .any(|p| p.to_string().contains("saved_search:1")),
        "{report}"
    );
}

#[test]
fn a_saved_search_that_cannot_run_is_not_saved() {
    let Some(f) = fixture() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = copy_case(&f.case, dir.path());
    for args in [
        vec!["Broken", "power AND ("],
        vec!["Nested", "power", "--in-saved", "Nowhere"],
    ] {
        let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"saved-search", &case];
        for a in &args {
            all.push(a);
        }
        let out = dossier(&all);
        assert!(!out.status.success(), "{args:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains(&format!("saved search {:?}", args[0])),
            "{said}"
        );
    }
    assert_eq!(json(&[&"saved-searches", &case]), serde_json::json!([]));
}

#[test]
fn a_batch_counts_each_query_and_a_bad_one_stops_nothing() {
    let Some(f) = fixture() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("terms.txt");
    std::fs::write(
        &file,
        "# terms from the client\npower\n\n  california  \npower AND (\n\"natural gas\"\n",
    )
    .expect("terms");
    let rows = json(&[&"search-batch", &f.case, &file]);
    let rows = rows.as_array().expect("rows");
    let queries: Vec<&str> = rows.iter().filter_map(|r| r["query"].as_str()).collect();
    assert_eq!(
        queries,
        ["power", "california", "power AND (", "\"natural gas\""],
        "blank lines and # comments are skipped"
    );
    for row in rows {
        let query = row["query"].as_str().expect("query");
        if query == "power AND (" {
            assert!(row["total"].is_null());
            assert!(
                row["error"].as_str().is_some_and(|e| !e.is_empty()),
                "{row}"
            );
        } else {
            assert!(row["error"].is_null(), "{row}");
            assert_eq!(
                row["total"].as_u64(),
                Some(total(&search(&f.case, query, &["--limit", "1"]))),
                "{query}: the same count as a search"
            );
        }
    }

    let out = dossier(&[&"search-batch", &f.case, &file, &"--csv"]);
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "query,total,error");
    assert_eq!(lines.len(), 5);
    assert!(
        lines[4].starts_with("\"\"\"natural gas\"\"\","),
        "{}",
        lines[4]
    );
}

#[test]
fn the_export_lists_every_hit_with_plain_snippets_and_inert_cells() {
    let Some(f) = fixture() else { return };
    let out = dossier(&[&"search-export", &f.case, &"power", &"--sort", &"oldest"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let rows = read_csv(&text);
    assert_eq!(
        rows[0],
        [
            "doc",
            "title",
            "kind",
            "date",
            "custodian",
            "pages",
            "tags",
            "snippet"
        ]
    );
    let exported: Vec<i64> = rows[1..]
        .iter()
        .map(|r| r[0].parse().expect("doc id"))
        .collect();
    let listed = ids(&search(
        &f.case,
        "power",
        &["--limit", "1000", "--sort", "oldest"],
    ));
    assert!(listed.len() > 100);
    assert_eq!(
        exported, listed,
        "every hit, in the search's order, not a page"
    );
    for row in &rows[1..] {
        assert!(
            !row[7].contains("<mark>") && !row[7].contains("&amp;"),
            "{row:?}"
        );
    }
    let mail = rows.iter().find(|r| r[2] == "email").expect("an email row");
    assert_eq!(mail[4], "Kenneth Lay");
    let memo = rows
        .iter()
        .find(|r| r[1].contains("SUM(A1)"))
        .expect("the memo row");
    assert!(
        memo[1].starts_with("'="),
        "a title that starts like a formula is written as text: {memo:?}"
    );
    assert!(memo[7].contains("California power prices"), "{memo:?}");
}

/// Reads the CSV that Dossier writes (RFC 4180, quoted fields may hold commas and quotes).
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

/// A copy of the shared case, for tests that change it.
fn copy_case(case: &Path, into: &Path) -> PathBuf {
    let to = into.join("case");
    copy_dir(case, &to);
    to
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}
