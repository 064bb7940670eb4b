//! Policy series through the real `dossier` binary: the corpus's six real series, and small
//! captures written here to pin down silent changes, empty bumps and observations.

use std::fs;
use std::path::Path;

mod common;
use common::{fails, json, new_case};

/// Every folder under `root` holding a `versions.csv`, as paths relative to `root`.
fn series_folders(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        if dir.join("versions.csv").is_file() {
            let rel = dir.strip_prefix(root).expect("under root");
            found.push(rel.to_string_lossy().into_owned());
        }
        for entry in fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The capture files of a corpus folder in date order (names sort as dates, `_1` before `_2`).
fn capture_files(folder: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = fs::read_dir(folder)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .map(|n| (n[..10].to_owned(), n))
        .collect();
    files.sort_by(|a, b| a.1.cmp(&b.1));
    files
}

/// Rows of a `versions.csv`, counted as lines that begin with a capture file name.
fn csv_rows(folder: &Path) -> Vec<String> {
    fs::read_to_string(folder.join("versions.csv"))
        .expect("versions.csv")
        .lines()
        .filter_map(|l| l.split(',').next())
        .filter(|f| f.len() >= 13 && f.ends_with(".md") && f.as_bytes()[4] == b'-')
        .map(str::to_owned)
        .collect()
}

/// The plain scan: is `phrase` in the file, ignoring case and runs of whitespace, as whole
/// words? Written here, independently of the code under test.
fn file_has(path: &Path, phrase: &str) -> bool {
    let text = fs::read_to_string(path).expect("capture");
    let hay = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let needle = phrase.to_lowercase();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    hay.match_indices(&needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        (!word(before) || !needle.starts_with(|c: char| c.is_alphanumeric()))
            && (!word(after) || !needle.ends_with(|c: char| c.is_alphanumeric()))
    })
}

/// Ten phrases from the real texts, chosen because they come or go during the series.
const PHRASES: &[(&str, &str)] = &[
    ("zoom/privacy-policy", "Zoom IQ"),
    ("zoom/privacy-policy", "AI Companion"),
    ("zoom/privacy-policy", "+1-888-799-9666"),
    ("zoom/terms-of-service", "artificial intelligence"),
    ("zoom/terms-of-service", "machine learning"),
    ("linkedin/privacy-policy", "ProFinder"),
    ("linkedin/privacy-policy", "generative AI"),
    ("linkedin/privacy-policy-us", "Safety Center"),
    ("linkedin/terms-of-service", "Digital Markets Act"),
    ("whatsapp/privacy-policy", "Last modified"),
];

#[test]
fn every_corpus_series_has_one_version_per_row_and_phrase_traces_agree_with_a_plain_scan() {
    let Some(root) = dossier_tests::corpus_path("policies") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    let folders = series_folders(&root);
    assert_eq!(folders.len(), 6, "the corpus has six series: {folders:?}");

    for name in &folders {
        let folder = root.join(name);
        let rows = csv_rows(&folder);
        assert_eq!(
            rows.len(),
            capture_files(&folder).len(),
            "{name}: one row per file"
        );
        let out = json(&[&"ingest", &case, &folder, &"--series", name]);
        assert_eq!(out["failed"], serde_json::json!([]), "{name}");
        assert_eq!(
            out["skipped"],
            serde_json::json!([]),
            "{name}: versions.csv is not a capture"
        );
        assert_eq!(out["series"]["captures"], rows.len(), "{name}");

        let series = json(&[&"policy", &case, name]);
        let versions = series["versions"].as_array().expect("versions");
        assert_eq!(
            versions.len(),
            rows.len(),
            "{name}: versions match versions.csv"
        );
        let dates: Vec<&str> = versions
            .iter()
            .map(|v| v["captured"].as_str().expect("date"))
            .collect();
        let expected: Vec<&str> = rows.iter().map(|f| &f[..10]).collect();
        assert_eq!(dates, expected, "{name}: versions in capture order");
        let changes = series["changes"].as_array().expect("changes");
        assert!(!changes.is_empty(), "{name}");
        for c in changes {
            assert!(
                c["last_old"].as_str() <= c["first_new"].as_str(),
                "{name}: {c}"
            );
            assert!(!(c["silent"] == true && c["empty_bump"] == true), "{c}");
        }
    }
    let list = json(&[&"policy", &case]);
    let list = list.as_array().expect("a list");
    assert_eq!(list.len(), 6);
    for item in list {
        let name = item["series"].as_str().expect("name");
        assert_eq!(item["versions"], csv_rows(&root.join(name)).len(), "{name}");
        assert!(
            item["url"]
                .as_str()
                .is_some_and(|u| u.starts_with("https://")),
            "{item}"
        );
    }

    let mut disappeared = 0;
    for (name, phrase) in PHRASES {
        let files = capture_files(&root.join(name));
        let present: Vec<bool> = files
            .iter()
            .map(|(_, f)| file_has(&root.join(name).join(f), phrase))
            .collect();
        let first = present
            .iter()
            .position(|&p| p)
            .expect("the phrase is in the series");
        let last = present.iter().rposition(|&p| p).expect("present");
        let runs = present
            .iter()
            .enumerate()
            .filter(|&(i, &p)| p && (i == 0 || !present[i - 1]))
            .count();

        let trace = json(&[&"policy-trace", &case, name, phrase]);
        let appeared = &trace["appeared"];
        assert_eq!(
            appeared["first_in"],
            files[first].0.as_str(),
            "{name} {phrase}: {trace}"
        );
        let not_in = first.checked_sub(1).map(|i| files[i].0.as_str());
        assert_eq!(
            appeared["not_in"],
            serde_json::json!(not_in),
            "{name} {phrase}"
        );
        if last + 1 < files.len() {
            disappeared += 1;
            assert_eq!(
                trace["disappeared"]["last_in"],
                files[last].0.as_str(),
                "{phrase}"
            );
            assert_eq!(
                trace["disappeared"]["not_in"],
                files[last + 1].0.as_str(),
                "{phrase}"
            );
        } else {
            assert!(trace["disappeared"].is_null(), "{name} {phrase}: {trace}");
        }
        assert_eq!(
            trace["spans"].as_array().map(Vec::len),
            Some(runs),
            "{phrase}: {trace}"
        );
    }
    assert!(disappeared >= 5, "the phrases exercise disappearance too");

    let v = json(&[&"verify", &case]);
    assert_eq!(v["ok"], true, "{v}");
}

const V1: &str =
    "# Acme Privacy Policy\n\nLast updated: January 1, 2024\n\nWe never sell your data.\n";
const V2: &str =
    "# Acme Privacy Policy\n\nLast updated: January 1, 2024\n\nWe may sell your data.\n";
const V3: &str = "<html><body><h1>Acme Privacy Policy</h1>\
                  <p>Last updated: March 1, 2024</p><p>We <em>may</em> sell\nyour data.</p></body></html>";
const V4: &str = "<html><body><h1>Acme Privacy Policy</h1><p>Last updated: March 1, 2024</p>\
                  <p>We may sell your data.</p><!-- new tracking tag --></body></html>";
const V5: &str =
    "# Acme Privacy Policy\n\nLast updated: May 1, 2024\n\nWe may sell your data to partners.\n";

#[test]
fn silent_changes_empty_bumps_and_formatting_are_told_apart_on_captures_written_here() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    let folder = dir.path().join("acme");
    fs::create_dir(&folder).expect("mkdir");
    for (name, text) in [
        ("2024-01-05.md", V1),
        ("2024-02-05.md", V2),
        ("2024-03-05.html", V3),
        ("2024-03-20.html", V4),
        ("2024-05-05.md", V5),
        ("notes.txt", "not a capture"),
    ] {
        fs::write(folder.join(name), text).expect("write");
    }
    let out = json(&[
        &"ingest",
        &case,
        &folder,
        &"--series",
        &"acme",
        &"--url",
        &"https://acme.example/privacy",
    ]);
    assert_eq!(out["series"]["captures"], 5);
    assert_eq!(
        out["skipped"].as_array().map(Vec::len),
        Some(1),
        "notes.txt: {out}"
    );

    let s = json(&[&"policy", &case, &"acme"]);
    assert_eq!(s["url"], "https://acme.example/privacy");
    let claimed: Vec<&str> = s["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .map(|v| v["claimed_date"].as_str().expect("claimed"))
        .collect();
    assert_eq!(
        claimed,
        [
            "2024-01-01",
            "2024-01-01",
            "2024-03-01",
            "2024-03-01",
            "2024-05-01"
        ]
    );
    let flags: Vec<(String, String, bool, bool)> = s["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            (
                c["last_old"].as_str().unwrap_or_default().to_owned(),
                c["first_new"].as_str().unwrap_or_default().to_owned(),
                c["silent"] == true,
                c["empty_bump"] == true,
            )
        })
        .collect();
    assert_eq!(
        flags,
        [
            ("2024-01-05".into(), "2024-02-05".into(), true, false),
            ("2024-02-05".into(), "2024-03-05".into(), false, true),
            // 2024-03-20 differs from 2024-03-05 only in markup: not a change, but it is the
            // last capture of the old wording, so the window starts there.
            ("2024-03-20".into(), "2024-05-05".into(), false, false),
        ]
    );
    assert_eq!(s["formatting_only"], 1);
    assert_eq!(s["changes"][0]["removed"], serde_json::json!(["never"]));
    assert_eq!(s["changes"][0]["added"], serde_json::json!(["may"]));

    let d = json(&[&"policy-diff", &case, &"acme", &"2024-01", &"2024-05-05"]);
    assert_eq!(d["from"]["captured"], "2024-01-05");
    assert_eq!(
        d["added"],
        serde_json::json!(["May", "may", "data to partners."])
    );
    let by_id = json(&[
        &"policy-diff",
        &case,
        &"acme",
        &d["from"]["doc"].to_string(),
        &"2024-02",
    ]);
    assert_eq!(
        by_id["hunks"][0]["text"],
        "Privacy Policy Last updated: January 1, 2024 We [-never-] {+may+} sell your data."
    );

    let asof = json(&[&"policy-asof", &case, &"acme", &"2024-01-31", &"sell"]);
    assert_eq!(asof["version"]["captured"], "2024-01-05");
    assert_eq!(asof["version"]["next_capture"], "2024-02-05");
    assert_eq!(
        asof["hits"][0]["snippet"],
        "We never <mark>sell</mark> your data."
    );
    let later = json(&[
        &"policy-asof",
        &case,
        &"acme",
        &"2024-06",
        &"\"to partners\"",
    ]);
    assert_eq!(later["total"], 1);
    assert!(
        fails(&[&"policy-asof", &case, &"acme", &"2023-12-31", &"sell"])
            .contains("no capture on or before 2023-12-31")
    );
}

#[test]
fn every_list_of_documents_dates_the_linkedin_captures_by_the_day_each_was_captured() {
    let Some(root) = dossier_tests::corpus_path("policies") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    let folder = root.join("linkedin/privacy-policy");
    json(&[&"ingest", &case, &folder, &"--series", &"LinkedIn privacy"]);
    let series = json(&[&"policy", &case, &"LinkedIn privacy"]);
    let captured: std::collections::BTreeMap<i64, String> = series["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .map(|v| {
            let doc = v["doc"].as_i64().expect("doc");
            (doc, v["captured"].as_str().expect("date")[..10].to_owned())
        })
        .collect();
    assert_eq!(captured.len(), 18, "18 versions of the LinkedIn policy");

    let list = json(&[&"docs", &case, &"--kind", &"policy"]);
    let page = json(&[&"docs", &case, &"--kind", &"policy", &"--limit", &"100"]);
    for (what, rows) in [("the list", &list), ("the table", &page["documents"])] {
        let dated: std::collections::BTreeMap<i64, String> = rows
            .as_array()
            .expect("rows")
            .iter()
            .map(|d| {
                let date = d["date"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{what}: {d} has a date"));
                (d["id"].as_i64().expect("id"), date[..10].to_owned())
            })
            .collect();
        assert_eq!(
            dated, captured,
            "{what} dates each capture by its capture day"
        );
    }
    let first = captured.keys().next().expect("a version").to_string();
    let shown = json(&[&"show", &case, &first]);
    assert_eq!(
        shown["date"],
        serde_json::Value::Null,
        "the document itself still keeps its own date apart from its capture date"
    );
    assert!(shown["captured_at"].is_string());
}

#[test]
fn an_identical_capture_ingested_later_is_an_observation_that_narrows_the_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    let (a, b, a_again) = (
        dir.path().join("a.md"),
        dir.path().join("b.md"),
        dir.path().join("again.md"),
    );
    fs::write(&a, V1).expect("write");
    fs::write(&b, V2).expect("write");
    fs::write(&a_again, V1).expect("write");
    json(&[
        &"ingest",
        &case,
        &a,
        &"--series",
        &"acme",
        &"--captured",
        &"2024-01-01",
    ]);
    json(&[
        &"ingest",
        &case,
        &b,
        &"--series",
        &"acme",
        &"--captured",
        &"2024-03-01",
    ]);
    let before = json(&[&"policy", &case, &"acme"]);
    assert_eq!(before["changes"][0]["last_old"], "2024-01-01");

    let out = json(&[
        &"ingest",
        &case,
        &a_again,
        &"--series",
        &"acme",
        &"--captured",
        &"2024-02-01",
    ]);
    assert_eq!(
        (out["added"].as_u64(), out["duplicates"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(out["series"]["observations"], 1);
    let docs = json(&[&"docs", &case]);
    assert_eq!(
        docs.as_array().map(Vec::len),
        Some(2),
        "no second copy of the text"
    );
    assert!(
        docs.as_array()
            .expect("docs")
            .iter()
            .all(|d| d["kind"] == "policy")
    );

    let after = json(&[&"policy", &case, &"acme"]);
    assert_eq!(after["versions"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        after["versions"][0]["observations"],
        serde_json::json!(["2024-02-01"])
    );
    assert_eq!(
        after["changes"][0]["last_old"], "2024-02-01",
        "the window narrowed"
    );
    assert_eq!(after["changes"][0]["first_new"], "2024-03-01");
    let shown = json(&[&"show", &case, &after["versions"][0]["doc"].to_string()]);
    assert_eq!(shown["captured_at"], "2024-01-01");
    assert_eq!(shown["claimed_date"], "2024-01-01");
    assert_eq!(shown["sources"].as_array().map(Vec::len), Some(2));

    let again = json(&[
        &"ingest",
        &case,
        &a_again,
        &"--series",
        &"acme",
        &"--captured",
        &"2024-02-01",
    ]);
    assert_eq!(
        again["series"]["already_recorded"], 1,
        "re-ingesting is idempotent"
    );
    let v = json(&[&"verify", &case]);
    assert_eq!(v["ok"], true, "{v}");
}

#[test]
fn bad_series_input_fails_with_a_clear_error_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    let file = dir.path().join("capture.md");
    fs::write(&file, V1).expect("write");
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).expect("mkdir");

    assert!(
        fails(&[&"ingest", &case, &file, &"--series", &"acme"])
            .contains("capture.md: no capture date")
    );
    assert!(
        fails(&[
            &"ingest",
            &case,
            &file,
            &"--series",
            &"acme",
            &"--captured",
            &"last week"
        ])
        .contains("--captured: \"last week\" is not a date")
    );
    assert!(
        fails(&[&"ingest", &case, &empty, &"--series", &"acme"])
            .contains("no captures in this folder")
    );
    assert!(
        fails(&[
            &"ingest",
            &case,
            &empty,
            &"--series",
            &"acme",
            &"--captured",
            &"2024-01-01"
        ])
        .contains("--captured does not apply")
    );
    assert_eq!(json(&[&"docs", &case]), serde_json::json!([]));
    assert_eq!(json(&[&"policy", &case]), serde_json::json!([]));

    json(&[
        &"ingest",
        &case,
        &file,
        &"--series",
        &"acme",
        &"--captured",
        &"2024-01-01",
    ]);
    assert!(fails(&[&"policy", &case, &"nope"]).contains("no policy series named \"nope\""));
    assert!(
        fails(&[&"policy-diff", &case, &"acme", &"2023-01-01", &"2024-01-01"])
            .contains("acme: no version \"2023-01-01\"")
    );
    assert!(fails(&[&"policy-trace", &case, &"acme", &"  "]).contains("empty"));
}
