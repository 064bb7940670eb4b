//! `dossier search` and `dossier reindex` through the real binary on real corpus files:
//! every feature of the query language, the result shape, healing after a crash mid-ingest,
//! reindex equivalence, and immediate visibility of a newly ingested document.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;

mod common;
use common::{dossier, json, new_case};

fn search(case: &Path, query: &str, extra: &[&str]) -> Value {
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"search", &case, &query];
    if !extra.contains(&"--limit") {
        args.extend([&"--limit" as &dyn AsRef<std::ffi::OsStr>, &"1000"]);
    }
    for e in extra {
        args.push(e);
    }
    json(&args)
}

/// The set of documents a query finds (the whole set: limit 1000 is above every total here).
fn found(case: &Path, query: &str) -> BTreeSet<i64> {
    let v = search(case, query, &[]);
    let ids: BTreeSet<i64> = hits(&v)
        .iter()
        .map(|h| h["doc"].as_i64().expect("doc id"))
        .collect();
    assert_eq!(
        v["total"].as_u64(),
        Some(ids.len() as u64),
        "{query}: total is exact and hits are grouped"
    );
    ids
}

/// How many documents a query finds (for sets too large to list).
fn total(case: &Path, query: &str) -> usize {
    let v = search(case, query, &["--limit", "1"]);
    v["total"].as_u64().expect("total") as usize
}

fn hits(v: &Value) -> &Vec<Value> {
    v["hits"].as_array().expect("hits is a list")
}

fn doc_ids(case: &Path) -> Vec<i64> {
    json(&[&"docs", &case])
        .as_array()
        .expect("docs is a list")
        .iter()
        .map(|d| d["id"].as_i64().expect("id"))
        .collect()
}

fn text_of(case: &Path, doc: i64) -> String {
    json(&[&"show", &case, &doc.to_string()])["text"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Lowercased words of a text, for checking what a phrase match found.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

struct Fixture {
    _dir: tempfile::TempDir,
    case: PathBuf,
}

/// One case holding real documents of several kinds, shared by the read-only tests.
fn fixture() -> Option<&'static Fixture> {
    static FIXTURE: OnceLock<Option<Fixture>> = OnceLock::new();
    FIXTURE
        .get_or_init(|| {
            let enron = dossier_tests::corpus_path("emails/enron/maildir/lay-k/inbox")?;
            let corpus = dossier_tests::corpus()?;
            let dir = tempfile::tempdir().expect("temp dir");
            let case = new_case(dir.path(), "case");
            json(&[&"ingest", &case, &enron, &"--custodian", &"Kenneth Lay"]);
            let articles = corpus.join("articles/readability");
            json(&[
                &"ingest",
                &case,
                &articles.join("lemonde-1/expected.html"),
                &articles.join("qq/expected.html"),
                &"--kind",
                &"article",
            ]);
            json(&[
                &"ingest",
                &case,
                &corpus.join("policies/zoom/privacy-policy"),
                &"--series",
                &"zoom-privacy",
            ]);
            Some(Fixture { _dir: dir, case })
        })
        .as_ref()
}

#[test]
fn words_combine_with_and_or_not_and_exclusion() {
    let Some(f) = fixture() else { return };
    let california = found(&f.case, "california");
    let power = found(&f.case, "power");
    assert!(
        california.len() > 20 && power.len() > 100,
        "{} {}",
        california.len(),
        power.len()
    );
    let both: BTreeSet<i64> = california.intersection(&power).copied().collect();
    let either: BTreeSet<i64> = california.union(&power).copied().collect();
    let only: BTreeSet<i64> = california.difference(&power).copied().collect();
    assert_eq!(
        found(&f.case, "california power"),
        both,
        "words: all must match"
    );
    assert_eq!(found(&f.case, "california AND power"), both);
    assert_eq!(found(&f.case, "california OR power"), either);
    assert_eq!(found(&f.case, "california AND NOT power"), only);
    assert_eq!(found(&f.case, "california -power"), only);
    assert!(!only.is_empty() && !both.is_empty());
}

#[test]
fn phrases_proximity_prefix_and_fuzzy() {
    let Some(f) = fixture() else { return };
    let and = found(&f.case, "natural gas");
    let phrase = found(&f.case, "\"natural gas\"");
    let near = found(&f.case, "\"gas natural\"~3");
    assert!(
        !phrase.is_empty() && phrase.is_subset(&and) && phrase.len() < and.len(),
        "{} of {}",
        phrase.len(),
        and.len()
    );
    assert!(near.is_subset(&and) && near.is_superset(&found(&f.case, "\"gas natural\"")));
    for doc in phrase.iter().take(5) {
        let w = words(&text_of(&f.case, *doc));
        assert!(
            w.windows(2).any(|p| p[0] == "natural" && p[1] == "gas"),
            "document {doc} has the phrase"
        );
    }
    let v = search(&f.case, "\"natural gas\"", &["--limit", "3"]);
    for h in hits(&v) {
        let s = h["snippet"].as_str().expect("snippet").to_lowercase();
        assert!(s.contains("<mark>natural</mark> <mark>gas</mark>"), "{s}");
    }

    let exact = found(&f.case, "california");
    let prefix = found(&f.case, "calif*");
    assert!(
        prefix.is_superset(&exact) && prefix.len() > exact.len(),
        "calif* also finds Calif., californian…"
    );
    let v = search(&f.case, "calif*", &["--limit", "5"]);
    assert!(
        hits(&v).iter().all(|h| h["snippet"]
            .as_str()
            .is_some_and(|s| s.to_lowercase().contains("<mark>calif"))),
        "{v}"
    );

    let fuzzy = found(&f.case, "califrnia~1");
    assert!(
        fuzzy.is_superset(&exact),
        "one edit away still finds California"
    );
    assert!(found(&f.case, "califrnia").is_empty());
}

#[test]
fn fields_kinds_custodians_series_and_dates() {
    let Some(f) = fixture() else { return };
    let all = total(&f.case, "*");
    assert_eq!(all, doc_ids(&f.case).len());
    let policies = found(&f.case, "kind:policy");
    let articles = found(&f.case, "kind:article");
    assert_eq!(articles.len(), 2);
    assert_eq!(
        total(&f.case, "custodian:lay") + policies.len() + articles.len(),
        all
    );
    assert_eq!(
        total(&f.case, "custodian:\"kenneth lay\" -kind:policy"),
        total(&f.case, "custodian:lay")
    );
    assert_eq!(found(&f.case, "series:zoom"), policies);
    assert_eq!(
        found(&f.case, "zoom").intersection(&policies).count(),
        policies.len()
    );

    // Dates: each policy version is dated by its first capture (file name YYYY-MM-DD.md).
    let captures = dossier_tests::corpus_path("policies/zoom/privacy-policy").expect("corpus");
    let mut first_capture: Vec<(Vec<u8>, String)> = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&captures)
        .expect("folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    names.sort();
    for p in names {
        let bytes = std::fs::read(&p).expect("read");
        if !first_capture.iter().any(|(b, _)| *b == bytes) {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            first_capture.push((bytes, name[..10].to_owned()));
        }
    }
    let in_2022 = first_capture
        .iter()
        .filter(|(_, d)| d.starts_with("2022"))
        .count();
    assert_eq!(policies.len(), first_capture.len());
    assert_eq!(found(&f.case, "date:2022").len(), in_2022);
    assert_eq!(
        found(&f.case, "date:[2022-01 TO 2022-12-31]").len(),
        in_2022
    );
    assert_eq!(
        found(&f.case, "date:>=2023").len(),
        first_capture
            .iter()
            .filter(|(_, d)| d.as_str() >= "2023")
            .count()
    );
    assert_eq!(
        search(&f.case, "privacy", &["--since", "2022", "--until", "2022"])["total"].as_u64(),
        Some(in_2022 as u64)
    );

    let v = search(&f.case, "privacy", &["--kind", "policy", "--sort", "date"]);
    let dates: Vec<&str> = hits(&v)
        .iter()
        .map(|h| h["date"].as_str().expect("dated"))
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    let years: u64 = v["facets"]["year"]
        .as_object()
        .expect("years")
        .values()
        .filter_map(Value::as_u64)
        .sum();
    assert_eq!(years, v["total"].as_u64().expect("total"));
    assert_eq!(v["facets"]["kind"]["policy"], v["total"]);

    let in_title = search(&f.case, "title:privacy", &[]);
    assert!(!hits(&in_title).is_empty());
    for h in hits(&in_title) {
        let title = h["title"].as_str().unwrap_or_default().to_lowercase();
        assert!(title.contains("privacy"), "title:privacy found {title:?}");
    }
    assert!(found(&f.case, "title:privacy").is_subset(&found(&f.case, "privacy")));
}

#[test]
fn accents_hyphens_plus_signs_and_cjk() {
    let Some(f) = fixture() else { return };
    let accented = found(&f.case, "députés");
    assert_eq!(accented.len(), 1, "the Le Monde article");
    assert_eq!(found(&f.case, "deputes"), accented, "accents fold");
    assert_eq!(found(&f.case, "DÉPUTÉS"), accented);

    assert_eq!(
        found(&f.case, "e-mail"),
        found(&f.case, "\"e mail\""),
        "a hyphenated word is a phrase"
    );
    assert!(!found(&f.case, "e-mail").is_empty());
    assert_eq!(found(&f.case, "at&t"), found(&f.case, "\"at t\""));
    assert_eq!(
        found(&f.case, "c++"),
        found(&f.case, "c"),
        "a plus inside a word is not an operator"
    );

    let qq = found(&f.case, "腾讯微博");
    assert_eq!(qq.len(), 1, "Chinese text is searchable");
    assert!(
        found(&f.case, "微博腾讯讯").is_empty(),
        "characters must be in order"
    );
    let v = search(&f.case, "腾讯", &[]);
    assert!(
        hits(&v)[0]["snippet"]
            .as_str()
            .is_some_and(|s| s.contains("<mark>腾</mark><mark>讯</mark>")),
        "{v}"
    );
}

#[test]
fn tags_and_people_are_searchable_as_soon_as_they_change() {
    let Some(enron) = dossier_tests::corpus_path("emails/enron/maildir/skilling-j/inbox") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    json(&[&"ingest", &case, &enron]);
    let ids = doc_ids(&case);
    assert!(found(&case, "tag:hot").is_empty());
    json(&[&"tag", &case, &ids[0].to_string(), &"Hot"]);
    json(&[&"tag", &case, &ids[1].to_string(), &"Hot", &"privileged"]);
    // No command edits a sender: write the row as a re-extraction would.
    let db = rusqlite::Connection::open(case.join("dossier.sqlite")).expect("db");
    db.execute_batch(&format!(
        "INSERT OR REPLACE INTO document_meta (document_id, key, value) VALUES
             ({id}, 'from', 'Zebulon Quux <zebulon.quux@example.org>'),
             ({id}, 'to', 'Ada Lovelace <ada@example.org>');",
        id = ids[2]
    ))
    .expect("rows");
    drop(db);
    assert_eq!(
        found(&case, "tag:hot"),
        BTreeSet::from([ids[0], ids[1]]),
        "the index follows a changed tag"
    );
    // A row written outside the commands leaves no audit row, so nothing tells the index:
    // a rebuild reads it.
    json(&[&"reindex", &case]);
    assert_eq!(
        search(&case, "*", &["--tag", "hot"])["facets"]["tag"]["hot"],
        2
    );
    assert_eq!(
        found(&case, "from:quux"),
        BTreeSet::from([ids[2]]),
        "the rebuilt index holds the changed sender"
    );
    assert_eq!(
        found(&case, "from:zebulon.quux@example.org"),
        BTreeSet::from([ids[2]])
    );
    assert_eq!(
        found(&case, "to:\"ada lovelace\""),
        BTreeSet::from([ids[2]])
    );
    // Senders and recipients as the email extractor records them: this is Jeff Skilling's inbox.
    assert!(
        total(&case, "to:skilling") * 3 > ids.len(),
        "many messages are to Skilling"
    );
    assert!(found(&case, "from:skilling").len() < total(&case, "to:skilling"));
}

#[test]
fn malformed_queries_fail_with_a_clear_error() {
    let Some(f) = fixture() else { return };
    // Regression (hardening): 3,000 `(` aborted the process (exit 134, stack overflow).
    let deep = "(".repeat(3_000);
    let nots = "NOT ".repeat(990) + "gas";
    let long = "gas ".repeat(3_000);
    for (query, says) in [
        ("\"unfinished", "cannot read the query"),
        ("(a OR b", "cannot read the query"),
        ("colour:red", "unknown field colour:"),
        ("date:yesterday", "is not a date"),
        (deep.as_str(), "nests parentheses or NOTs 3000 deep"),
        (nots.as_str(), "nests parentheses or NOTs 990 deep"),
        (long.as_str(), "the most a query may have is 4000"),
    ] {
        let out = dossier(&[&"search", &f.case, &query, &"--json"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{query:.40}: {stderr}");
        assert!(
            stderr.contains(says) && stderr.lines().count() == 1,
            "{query:.40}: {stderr}"
        );
        assert!(out.stdout.is_empty());
        let e = dossier_api::search(
            &f.case,
            &dossier_api::SearchRequest {
                query: query.into(),
                ..Default::default()
            },
        )
        .expect_err("invalid");
        assert_eq!(e.code, "invalid_query");
    }
}

#[test]
fn reindex_reproduces_the_same_results() {
    let Some(f) = fixture() else { return };
    let queries = [
        "california power",
        "\"natural gas\"",
        "calif*",
        "enron -gas",
        "kind:policy privacy",
        "腾讯",
    ];
    let before: Vec<Value> = queries
        .iter()
        .map(|q| search(&f.case, q, &["--limit", "50"]))
        .collect();
    let out = json(&[&"reindex", &f.case]);
    assert_eq!(
        out["documents"].as_u64(),
        Some(doc_ids(&f.case).len() as u64)
    );
    let after: Vec<Value> = queries
        .iter()
        .map(|q| search(&f.case, q, &["--limit", "50"]))
        .collect();
    for ((q, b), a) in queries.iter().zip(&before).zip(&after) {
        assert_eq!(b["total"], a["total"], "{q}");
        assert_eq!(b["facets"], a["facets"], "{q}");
        let view = |v: &Value| {
            hits(v)
                .iter()
                .map(|h| (h["doc"].clone(), h["snippet"].clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(view(b), view(a), "{q}");
        for (hb, ha) in hits(b).iter().zip(hits(a)) {
            let (sb, sa) = (
                hb["score"].as_f64().unwrap_or(0.0),
                ha["score"].as_f64().unwrap_or(0.0),
            );
            assert!((sb - sa).abs() < 1e-3, "{q}: score {sb} then {sa}");
        }
    }
}

#[test]
fn a_new_document_is_searchable_as_soon_as_ingest_returns() {
    let Some(corpus) = dossier_tests::corpus() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    json(&[
        &"ingest",
        &case,
        &corpus.join("emails/enron/maildir/kean-s/inbox/1"),
    ]);
    let file = corpus.join("articles/readability/lemonde-1/expected.html");
    let out = json(&[&"ingest", &case, &file]);
    let doc = out["documents"][0].as_i64().expect("one document");
    // The ingest committed the index itself: it holds the document before any search heals it.
    let index = dossier_search::SearchIndex::open(&case.join("index")).expect("index");
    assert!(index.indexed().expect("indexed").contains_key(&doc));
    assert_eq!(found(&case, "députés"), BTreeSet::from([doc]));
}

#[test]
fn a_crash_mid_ingest_heals_and_every_stored_document_is_searchable() {
    let Some(enron) = dossier_tests::corpus_path("emails/enron") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    let mut child = common::command()
        .args([
            "ingest".as_ref(),
            case.as_os_str(),
            enron.as_os_str(),
            // Small batches, so that some commit well before the run ends, whatever the
            // machine's speed (a batch also closes after 2 s).
            "--batch".as_ref(),
            "200".as_ref(),
            "--json".as_ref(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn ingest");
    // Wait for the first batches to commit, then kill the process without warning.
    let started = Instant::now();
    while doc_ids(&case).len() < 300 {
        assert!(
            child.try_wait().expect("poll").is_none(),
            "ingest ended before it could be killed"
        );
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no batch committed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        child.try_wait().expect("poll").is_none(),
        "ingest ended before it could be killed"
    );
    child.kill().expect("kill");
    child.wait().expect("reap");
    let ids = doc_ids(&case);
    assert!(ids.len() < 3_329, "killed mid-ingest: {} stored", ids.len());
    assert_eq!(
        search(&case, "*", &[])["index_behind"],
        true,
        "a search on an index that missed the last batches says so"
    );
    // The next writer catches the index up from the audit log (a served case: when the
    // server opens it); here, an ingest of nothing new.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("empty folder");
    json(&[&"ingest", &case, &empty]);
    assert_eq!(search(&case, "*", &[])["index_behind"], false);

    assert_eq!(
        total(&case, "*"),
        ids.len(),
        "every stored document is indexed, and nothing else"
    );
    // And each is found by its own words: a phrase from the middle of its text.
    let mut checked = 0;
    for &doc in ids.iter().step_by(ids.len() / 25 + 1) {
        let text = text_of(&case, doc);
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let plain = |w: &&str| w.len() > 2 && w.chars().all(char::is_alphabetic);
        let middle = tokens.len() / 2;
        let Some(start) = (0..tokens.len().saturating_sub(6))
            .filter(|&i| tokens[i..i + 6].iter().all(plain))
            .min_by_key(|&i| i.abs_diff(middle))
        else {
            continue;
        };
        let phrase = format!("\"{}\"", tokens[start..start + 6].join(" "));
        assert!(
            found(&case, &phrase).contains(&doc),
            "document {doc}: {phrase}"
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} documents had enough words");
    // A second ingest of the same folder completes the case, and the index follows.
    json(&[&"ingest", &case, &enron]);
    assert_eq!(total(&case, "*"), doc_ids(&case).len());
}

#[test]
fn a_paginated_document_is_one_hit_naming_its_best_pages() {
    let Some(pdf) =
        dossier_tests::corpus_path("pdfs/legal/district/gov.uscourts.azd.1085839.3.0.pdf")
    else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    let doc = json(&[&"ingest", &case, &pdf])["documents"][0]
        .as_i64()
        .expect("one document");
    let shown = json(&[&"show", &case, &doc.to_string()]);
    let pages: Vec<String> = shown["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .map(|p| p["text"].as_str().unwrap_or_default().to_lowercase())
        .collect();
    assert!(pages.len() >= 3, "a multi-page filing");

    // A phrase that only one page (not the first) holds: the hit names that page.
    let plain = |w: &&str| w.len() > 3 && w.chars().all(char::is_alphabetic);
    let (page, phrase) = pages
        .iter()
        .enumerate()
        .skip(1)
        .find_map(|(i, text)| {
            let tokens: Vec<&str> = text.split_whitespace().collect();
            tokens
                .windows(4)
                .filter(|w| w.iter().all(plain))
                .map(|w| w.join(" "))
                .find(|p| {
                    pages.iter().enumerate().all(|(j, other)| {
                        j == i
                            || !other
                                .split_whitespace()
                                .collect::<Vec<_>>()
                                .join(" ")
                                .contains(p.as_str())
                    })
                })
                .map(|p| (i + 1, p))
        })
        .expect("a phrase on one page only");
    let v = search(&case, &format!("\"{phrase}\""), &[]);
    assert_eq!(v["total"], 1);
    assert_eq!(hits(&v)[0]["page"].as_u64(), Some(page as u64), "{phrase}");
    assert!(
        hits(&v)[0]["snippet"]
            .as_str()
            .is_some_and(|s| s.contains("<mark>"))
    );

    // A word on every page: still one hit, listing its best pages, best first.
    let v = search(&case, "litigation", &[]);
    assert_eq!(v["total"], 1);
    let listed = hits(&v)[0]["pages"].as_array().expect("pages");
    assert!(listed.len() > 1 && listed.len() <= 3, "{v}");
    let scores: Vec<f64> = listed.iter().filter_map(|p| p["score"].as_f64()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(hits(&v)[0]["page"], listed[0]["page"]);
}

/// Custodian counts as the index holds them, read without a search that would heal it first.
fn custodians_in_index(case: &Path, query: &str) -> Vec<(String, u64)> {
    let index = dossier_search::SearchIndex::open(&case.join("index")).expect("index");
    let request = dossier_search::SearchRequest {
        query: query.into(),
        limit: 10,
        ..Default::default()
    };
    let results = index.search(&request, &mut |_, _| None).expect("search");
    results.facets.custodian.into_iter().collect()
}

#[test]
fn a_document_held_by_two_custodians_counts_under_both_and_filters_by_either() {
    let Some(corpus) = dossier_tests::corpus() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    let shared = corpus.join("articles/readability/lemonde-1/expected.html");
    let other = corpus.join("articles/readability/qq/expected.html");
    json(&[&"ingest", &case, &shared, &"--custodian", &"Kenneth Lay"]);
    json(&[&"ingest", &case, &other, &"--custodian", &"Jeff Skilling"]);
    let lay = |case: &Path| custodians_in_index(case, "députés");
    assert_eq!(lay(&case), [("Kenneth Lay".to_owned(), 1)]);

    // The same original from a second custodian's files: a new source, not a new document,
    // and the ingest itself brings the index's custodians up to date.
    json(&[&"ingest", &case, &shared, &"--custodian", &"Jeff Skilling"]);
    assert_eq!(doc_ids(&case).len(), 2, "one document per original");
    assert_eq!(
        lay(&case),
        [
            ("Jeff Skilling".to_owned(), 1),
            ("Kenneth Lay".to_owned(), 1)
        ]
    );

    let everything = search(&case, "*", &[]);
    assert_eq!(everything["total"], 2);
    assert_eq!(everything["facets"]["custodian"]["Jeff Skilling"], 2);
    assert_eq!(everything["facets"]["custodian"]["Kenneth Lay"], 1);
    let held_by = |name: &str| {
        let v = search(&case, "*", &["--custodian", name]);
        assert_eq!(v["total"].as_u64(), Some(hits(&v).len() as u64));
        hits(&v).len()
    };
    assert_eq!(held_by("Jeff Skilling"), 2);
    assert_eq!(held_by("Kenneth Lay"), 1);
    assert_eq!(held_by("Nobody"), 0);
}

#[test]
fn an_ingest_leaves_the_index_a_rebuild_would_make_before_any_search() {
    let Some(mailbox) = dossier_tests::corpus_path("emails/enron/maildir/kaminski-v") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    // 560 messages: more than one batch. The same mailbox again, as another custodian's
    // copy, changes what the index holds for every message already in it.
    json(&[
        &"ingest",
        &case,
        &mailbox,
        &"--custodian",
        &"Vince Kaminski",
    ]);
    json(&[&"ingest", &case, &mailbox, &"--custodian", &"Legal hold"]);
    let snapshot = || {
        let index = dossier_search::SearchIndex::open(&case.join("index")).expect("index");
        (index.indexed().expect("indexed"), index.entries())
    };
    // Read straight from the index, so no search has healed it.
    let (after_ingest, entries_after_ingest) = snapshot();
    assert_eq!(
        after_ingest.keys().copied().collect::<BTreeSet<i64>>(),
        doc_ids(&case).into_iter().collect::<BTreeSet<i64>>(),
        "every document is indexed, and nothing else"
    );
    json(&[&"reindex", &case]);
    let (rebuilt, entries_rebuilt) = snapshot();
    assert_eq!(
        after_ingest, rebuilt,
        "each document's entry is stamped with what the case holds now"
    );
    assert_eq!(entries_after_ingest, entries_rebuilt);
    let documents = doc_ids(&case).len() as u64;
    assert_eq!(
        custodians_in_index(&case, "*"),
        [
            ("Legal hold".to_owned(), documents),
            ("Vince Kaminski".to_owned(), documents)
        ]
    );
}
