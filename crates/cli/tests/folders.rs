//! A mailbox's folders through the real `dossier` binary, on real Enron mail: `folders`
//! gives the tree of what was ingested with its counts, and `docs --folder` lists one
//! folder and the folders below it.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use serde_json::Value;

mod common;
use common::{json, new_case, text};

/// How many different originals the files directly in `dir` hold (identical files are one
/// document), and the same for `dir` and every folder below it.
fn distinct_originals(dir: &Path) -> (usize, usize) {
    let mut direct = HashSet::new();
    let mut all = HashSet::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(at) = stack.pop() {
        for entry in fs::read_dir(&at).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = fs::read(&path).expect("read");
                if at == dir {
                    direct.insert(bytes.clone());
                }
                all.insert(bytes);
            }
        }
    }
    (direct.len(), all.len())
}

/// The node at `path` of a `folders` tree.
fn node<'a>(tree: &'a Value, path: &str) -> &'a Value {
    let mut nodes = tree;
    let mut found = None;
    for depth in 1..=path.split('/').count() {
        let want = path.split('/').take(depth).collect::<Vec<_>>().join("/");
        let here = nodes
            .as_array()
            .expect("a list of folders")
            .iter()
            .find(|n| n["path"] == want)
            .unwrap_or_else(|| panic!("no folder {want} in {tree}"));
        nodes = &here["children"];
        found = Some(here);
    }
    found.expect("a path")
}

fn folder_total(case: &Path, folder: &str) -> u64 {
    let page = json(&[&"docs", &case, &"--folder", &folder, &"--limit", &"1000"]);
    let total = page["total"].as_u64().expect("total");
    assert_eq!(
        page["documents"].as_array().expect("rows").len() as u64,
        total
    );
    total
}

#[test]
fn an_enron_mailbox_is_browsed_by_its_folders_and_an_mbox_file_is_a_folder_of_its_messages() {
    let (Some(kean), Some(mbox)) = (
        dossier_tests::corpus_path("emails/enron/maildir/kean-s"),
        dossier_tests::corpus_path("emails/mimekit/mbox/simple.mbox"),
    ) else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    let out = json(&[&"ingest", &case, &kean, &mbox]);
    assert_eq!(out["failed"], serde_json::json!([]));

    let tree = json(&[&"folders", &case]);
    let (in_inbox, under_inbox) = distinct_originals(&kean.join("inbox"));
    let (in_mentions, _) = distinct_originals(&kean.join("inbox/enron_mentions"));
    let top = node(&tree, "kean-s");
    assert_eq!(top["documents"], 0, "the user's folder holds only folders");
    assert_eq!(top["total"], under_inbox as u64);
    let inbox = node(&tree, "kean-s/inbox");
    assert_eq!(inbox["name"], "inbox");
    assert_eq!(inbox["documents"], in_inbox as u64);
    assert_eq!(inbox["total"], under_inbox as u64);
    let mentions = node(&tree, "kean-s/inbox/enron_mentions");
    assert_eq!(mentions["documents"], in_mentions as u64);
    assert!(in_mentions > 0 && in_inbox > 0);

    // The same counts from the document table, a folder taking in the folders below it.
    assert_eq!(folder_total(&case, "kean-s/inbox"), under_inbox as u64);
    assert_eq!(
        folder_total(&case, "kean-s/inbox/enron_mentions"),
        in_mentions as u64
    );
    assert_eq!(
        folder_total(&case, "kean-s/inbox/enron_m"),
        0,
        "a folder is matched whole, not as a prefix"
    );
    let mentions_page = json(&[
        &"docs",
        &case,
        &"--folder",
        &"kean-s/inbox/enron_mentions",
        &"--limit",
        &"1000",
    ]);
    for row in mentions_page["documents"].as_array().expect("rows") {
        assert_eq!(row["kind"], "email", "{row}");
    }

    // The mbox named by itself is a folder of its own messages.
    let all = json(&[&"docs", &case]);
    let mailbox = all
        .as_array()
        .expect("list")
        .iter()
        .find(|d| d["kind"] == "mailbox")
        .expect("the mbox is a document");
    let messages = all
        .as_array()
        .expect("list")
        .iter()
        .filter(|d| d["parent"] == mailbox["id"])
        .count() as u64;
    assert!(messages >= 3, "simple.mbox holds its messages: {messages}");
    assert_eq!(node(&tree, "simple.mbox")["documents"], messages);
    assert_eq!(folder_total(&case, "simple.mbox"), messages);

    // For people: one folder a line, indented under its parent, with its total.
    let shown = text(&[&"folders", &case]);
    assert!(
        shown.contains(&format!("{:>7}    inbox\n", under_inbox)),
        "{shown}"
    );
    assert!(shown.contains("      enron_mentions\n"), "{shown}");
}
