//! `dossier ingest --no-extract`: originals stored now, read later. A store-only ingest keeps
//! every original (deduplicated, with every source, audited) without text; ingesting the
//! same files again extracts them in place, and the case then holds exactly the documents a
//! normal ingest makes.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{json, new_case};
use serde_json::Value;

/// A folder of mail and text made here: a message with an attachment, an mbox of two
/// messages, and a plain text file with an identical copy.
fn crafted_folder(dir: &Path) -> PathBuf {
    let root = dir.join("inbox");
    fs::create_dir_all(&root).expect("mkdir");
    let standalone = "From: Ann <ann@example.org>\nTo: bob@example.org\nSubject: the plan\n\
                      Date: Mon, 5 Aug 2024 10:00:00 +0000\nMessage-ID: <plan@example.org>\n\n\
                      The plan is attached to the next message.\n";
    let with_attachment = "From: Bob <bob@example.org>\nTo: ann@example.org\nSubject: Re: the plan\n\
                           Date: Tue, 6 Aug 2024 09:30:00 +0000\nMessage-ID: <reply@example.org>\n\
                           In-Reply-To: <plan@example.org>\n\
                           Content-Type: multipart/mixed; boundary=\"b\"\n\n\
                           --b\nContent-Type: text/plain\n\nSee the opt-in setting notes.\n\
                           --b\nContent-Type: text/plain; name=\"notes.txt\"\n\
                           Content-Disposition: attachment; filename=\"notes.txt\"\n\n\
                           Users were opted in to AI training by default.\n--b--\n";
    fs::write(root.join("plan.eml"), standalone).expect("write");
    fs::write(root.join("reply.eml"), with_attachment).expect("write");
    let mbox = format!(
        "From ann@example.org Mon Aug  5 10:00:00 2024\n{}\n\
         From carol@example.org Wed Aug  7 08:00:00 2024\nFrom: Carol <carol@example.org>\n\
         Subject: settings\nDate: Wed, 7 Aug 2024 08:00:00 +0000\n\
         Message-ID: <settings@example.org>\n\nThe setting shipped on 2024-08-07.\n",
        standalone.replace("the plan", "the plan, archived")
    );
    fs::write(root.join("archive.mbox"), mbox).expect("write");
    let memo = "Memo: the FAQ was edited after the change.\n";
    fs::write(root.join("memo.txt"), memo).expect("write");
    fs::write(root.join("memo-copy.txt"), memo).expect("write");
    root
}

/// Every document of a case as a user sees it, keyed by the SHA-256 of its original (ids may
/// differ between two cases): kind, title, date, status, text and its parent's SHA-256.
fn documents(case: &Path) -> BTreeMap<String, Value> {
    let listed = json(&[&"docs", &case]);
    let hash_of: BTreeMap<i64, String> = listed
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| {
            (
                d["id"].as_i64().expect("id"),
                d["sha256"].as_str().expect("sha256").to_owned(),
            )
        })
        .collect();
    hash_of
        .iter()
        .map(|(id, hash)| {
            let shown = json(&[&"show", &case, &id.to_string()]);
            let parent = shown["parent"].as_i64().map(|p| hash_of[&p].clone());
            let seen = serde_json::json!({
                "kind": shown["kind"],
                "title": shown["title"],
                "date": shown["date"],
                "status": shown["status"],
                "text": shown["text"],
                "parent": parent,
                "sources": shown["sources"].as_array().map(Vec::len),
            });
            (hash.clone(), seen)
        })
        .collect()
}

/// Ingests `folder` normally into one case, and store-only then normally into another, and
/// checks each step as a user would.
fn store_only_then_extract_matches_a_normal_ingest(dir: &Path, folder: &Path) {
    let normal = new_case(dir, "normal");
    let normal_out = json(&[&"ingest", &normal, &folder]);
    let expected = documents(&normal);

    let later = new_case(dir, "later");
    let stored = json(&[&"ingest", &later, &folder, &"--no-extract"]);
    assert_eq!(
        stored["failed"], normal_out["failed"],
        "the same items fail"
    );
    let before = documents(&later);
    assert!(!before.is_empty(), "every original is kept");
    for (hash, doc) in &before {
        assert!(
            expected.contains_key(hash),
            "{hash} is an original a normal ingest keeps"
        );
        assert_eq!(doc["status"], "skipped", "{hash}: not extracted yet");
        assert_eq!(doc["text"], Value::Null, "{hash}: no text yet");
        assert_eq!(doc["parent"], Value::Null, "{hash}: nothing is read inside");
    }
    let verified = json(&[&"verify", &later]);
    assert_eq!(
        verified["ok"], true,
        "a store-only case verifies: {verified}"
    );

    let extracted = json(&[&"ingest", &later, &folder]);
    assert_eq!(
        extracted["failed"], normal_out["failed"],
        "the same items fail"
    );
    assert_eq!(
        documents(&later),
        expected,
        "after the second ingest the case holds what a normal ingest makes"
    );
    let verified = json(&[&"verify", &later]);
    assert_eq!(verified["ok"], true, "{verified}");
}

#[test]
fn store_only_ingest_keeps_originals_without_text_and_a_later_ingest_extracts_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = crafted_folder(dir.path());
    store_only_then_extract_matches_a_normal_ingest(dir.path(), &folder);

    // The store-only case, searched after extraction, finds text that was inside an
    // attachment, so the search index followed the extraction.
    let later = dir.path().join("later");
    let hits = json(&[&"search", &later, &"opted"]);
    assert!(
        hits["total"].as_u64().is_some_and(|n| n >= 1),
        "the attachment's text is searchable: {hits}"
    );
}

#[test]
fn store_only_then_extraction_of_real_mail_matches_a_normal_ingest() {
    let Some(folder) = dossier_tests::corpus_path("emails/aleph-ingest-file") else {
        eprintln!("SKIPPED: the shared corpus is not present");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    store_only_then_extract_matches_a_normal_ingest(dir.path(), &folder);
}

#[test]
fn a_second_store_only_ingest_records_duplicates_and_keeps_the_originals_unread() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = crafted_folder(dir.path());
    let case = new_case(dir.path(), "case");
    let first = json(&[&"ingest", &case, &folder, &"--no-extract"]);
    assert_eq!(first["added"], 4, "five files, four originals: {first}");
    assert_eq!(first["duplicates"], 1, "the copy is a duplicate: {first}");
    let second = json(&[&"ingest", &case, &folder, &"--no-extract"]);
    assert_eq!(second["added"], 0);
    assert_eq!(second["duplicates"], 5);
    for doc in documents(&case).values() {
        assert_eq!(doc["status"], "skipped");
        assert_eq!(doc["text"], Value::Null);
    }
}
