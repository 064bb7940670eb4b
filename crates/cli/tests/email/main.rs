//! Email ingestion, specified on the real mail of the shared corpus (`emails/`, see its
//! MANIFEST) by running the real `dossier` binary: headers and bodies against the 107
//! expected parses from Stalwart's test suite, mbox message counts against MimeKit's
//! summaries and the corpus index, the notmuch thread map, subject grouping only when asked
//! for (`subjects.rs`), all 4,015 messages without a panic or a loss; and, on mail made
//! here, what the corpus cannot show: hostile attachment names, one message in two
//! mailboxes, a truncated mbox, and subjects written to attack spreadsheets and terminals
//! (`hostile_text.rs`).

#[path = "../common/mod.rs"]
mod common;
mod crafted;
mod expected;
mod hostile_text;
mod subjects;
mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use serde_json::Value;
use support::{Case, corpus_rows, json};

#[test]
fn every_field_of_the_stalwart_expected_parses_that_we_model_matches() {
    let Some(root) = dossier_tests::corpus_path("emails/stalwart-mail-parser") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = Case::new(dir.path());
    let sets = ["legacy", "rfc", "malformed", "thirdparty"].map(|s| root.join(s));
    case.ingest(&sets.iter().collect::<Vec<_>>(), &[]);
    let sources = case.documents_by_source();
    let mut tally = expected::Tally::default();
    let mut messages = 0;
    for set in &sets {
        let mut names: Vec<_> = fs::read_dir(set)
            .expect("set folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        names.sort();
        for eml in names {
            let expected: Value = serde_json::from_slice(
                &fs::read(eml.with_extension("expected.json")).expect("expected parse"),
            )
            .expect("expected parse is JSON");
            let id = case.doc_at(&eml.display().to_string());
            let shown = case.show(id);
            expected::compare(
                &eml.display().to_string(),
                &expected,
                &shown,
                &sources,
                &mut tally,
            );
            messages += 1;
        }
    }
    assert_eq!(messages, 107, "the corpus holds 107 expected parses");
    eprintln!("{}", tally.report());
    assert!(
        tally.mismatches.is_empty(),
        "{} field(s) differ:\n{}",
        tally.mismatches.len(),
        tally.mismatches.join("\n")
    );
    assert!(tally.compared > 1000, "compared {} fields", tally.compared);
}

#[test]
fn every_mbox_holds_the_messages_the_corpus_says_in_the_order_its_summaries_list() {
    let Some(emails) = dossier_tests::corpus_path("emails") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = Case::new(dir.path());
    let mboxes: Vec<(String, usize)> = corpus_rows(&emails.join("index.csv"))
        .into_iter()
        .filter(|r| r["kind"] == "mbox")
        .map(|r| (r["file"].clone(), r["messages"].parse().expect("a count")))
        .collect();
    assert_eq!(mboxes.len(), 6);
    let paths: Vec<_> = mboxes.iter().map(|(f, _)| emails.join(f)).collect();
    case.ingest(&paths.iter().collect::<Vec<_>>(), &[]);
    for ((file, count), path) in mboxes.iter().zip(&paths) {
        let mbox = case.show(case.doc_at(&path.display().to_string()));
        assert_eq!(mbox["kind"], "mailbox", "{file}");
        let children = mbox["children"].as_array().expect("children");
        assert_eq!(children.len(), *count, "{file}: messages");
        let messages: Vec<Value> = children
            .iter()
            .map(|c| case.show(c.as_i64().expect("id")))
            .collect();
        assert!(messages.iter().all(|m| m["kind"] == "email"), "{file}");
        for m in &messages {
            let source = m["sources"][0]["path"].as_str().expect("source");
            assert!(
                source.starts_with(&format!("{}#offset=", path.display())),
                "{source}"
            );
        }
        let summary = path.with_file_name(
            path.file_name()
                .and_then(|n| n.to_str())
                .expect("name")
                .replace(".mbox", ".expected-summary.txt"),
        );
        if let Ok(text) = fs::read_to_string(&summary) {
            let subjects: Vec<&str> = text
                .lines()
                .filter_map(|l| l.strip_prefix("Subject: "))
                .collect();
            let ours: Vec<&str> = messages
                .iter()
                .map(|m| m["title"].as_str().unwrap_or(""))
                .collect();
            assert_eq!(ours, subjects, "{file}: subjects in order");
        }
    }
}

#[test]
fn the_notmuch_thread_map_is_reproduced() {
    let Some(root) = dossier_tests::corpus_path("emails/notmuch-threads") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = Case::new(dir.path());
    case.ingest(&[&root], &[]);
    let mut threads: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
    for row in corpus_rows(&root.join("index.csv")) {
        let id = case.doc_at(&root.join(&row["file"]).display().to_string());
        threads
            .entry(row["derived_thread"].clone())
            .or_default()
            .insert(id);
    }
    assert_eq!(threads.len(), 34, "the corpus index lists 34 threads");
    let mut agreed = 0;
    for (name, members) in &threads {
        for &member in members {
            let t = json(&[&"thread", &case.path, &member.to_string()]);
            let ours: BTreeSet<i64> = t["messages"]
                .as_array()
                .expect("messages")
                .iter()
                .map(|m| m["id"].as_i64().expect("id"))
                .collect();
            assert_eq!(
                &ours, members,
                "thread {name}, asked from document {member}"
            );
            let root_id = t["root"].as_i64().expect("root");
            assert!(members.contains(&root_id));
            // Every parent is a message of the same thread.
            for m in t["messages"].as_array().expect("messages") {
                if let Some(p) = m["parent"].as_i64() {
                    assert!(members.contains(&p), "thread {name}: parent {p}");
                }
            }
            agreed += 1;
        }
    }
    eprintln!(
        "thread map: {agreed} of {agreed} messages in the same thread as notmuch's, {} threads",
        threads.len()
    );
}

#[test]
fn all_4015_messages_are_ingested_without_a_panic_or_a_loss() {
    let Some(emails) = dossier_tests::corpus_path("emails") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = Case::new(dir.path());
    let (out, stderr) = case.ingest_listing_failures(&[&emails]);
    assert!(!stderr.contains("panicked"), "{stderr}");
    // One broken PDF is attached to six messages: its text cannot be extracted, so each of
    // the six places it was found is listed (and the run exits 1), all pointing at the one
    // document that keeps its original, like the rest. One spam message attaches a
    // password-protected Word document, kept without text for want of the password.
    let failed: Vec<(&str, Option<i64>)> = out["failed"]
        .as_array()
        .expect("failed list")
        .iter()
        .map(|f| (f["path"].as_str().unwrap_or(""), f["document"].as_i64()))
        .collect();
    assert_eq!(failed.len(), 7, "{out}");
    let is_pdf = |path: &str| path.ends_with("/broken.pdf");
    let pdfs: Vec<_> = failed.iter().filter(|(path, _)| is_pdf(path)).collect();
    let others: Vec<_> = failed.iter().filter(|(path, _)| !is_pdf(path)).collect();
    assert!(
        pdfs[0]
            .0
            .ends_with("ForwardedMessage.eml#attachment=1/broken.pdf")
    );
    assert!(
        pdfs.len() == 6
            && pdfs
                .iter()
                .all(|(_, doc)| doc.is_some() && *doc == pdfs[0].1),
        "{failed:?}"
    );
    assert!(
        others.len() == 1
            && others[0]
                .0
                .ends_with("encrypted.eml#attachment=1/encrypted_word_doc.docx")
            && others[0].1.is_some(),
        "{failed:?}"
    );
    let by_path = case.documents_by_source();
    // 649 files listed in the index (643 messages, 6 mboxes) and the Enron maildirs.
    let mut files: Vec<(String, usize)> = corpus_rows(&emails.join("index.csv"))
        .into_iter()
        .map(|r| (r["file"].clone(), r["messages"].parse().expect("count")))
        .collect();
    support::walk_files(&emails.join("enron"), &mut |p| {
        files.push((
            p.strip_prefix(&emails)
                .expect("inside")
                .display()
                .to_string(),
            1,
        ))
    });
    // Not RFC 5322 messages at all: an SMTP transcript and a one-byte file. Kept as text.
    let not_messages = ["spamassassin/spam/bsmtp", "spamassassin/spam/bsmtpnull"];
    let mut messages = 0;
    for (file, count) in &files {
        let path = emails.join(file).display().to_string();
        let (kind, _) = by_path
            .get(&path)
            .unwrap_or_else(|| panic!("{file} is not in the case"));
        if *count == 1 && !file.ends_with(".mbox") {
            let want = if not_messages.contains(&file.as_str()) {
                "text"
            } else {
                "email"
            };
            assert_eq!(kind, want, "{file}");
        } else {
            assert_eq!(kind, "mailbox", "{file}");
            let inside = by_path
                .keys()
                .filter(|p| {
                    p.starts_with(&format!("{path}#offset=")) && p.matches('#').count() == 1
                })
                .filter(|p| by_path[*p].0 == "email")
                .count();
            assert_eq!(inside, *count, "{file}");
        }
        messages += count;
    }
    assert_eq!(messages, 4015, "the corpus holds 4,015 messages");
    let v = json(&[&"verify", &case.path]);
    assert_eq!(v["ok"], true, "{v}");
}
