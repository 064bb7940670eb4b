//! The served case is kept open between requests (one `dossier_api::Session`): searches only
//! read, see every change made through the server or by another process, say when the index
//! lacks a change instead of answering from it silently, and run side by side.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde_json::{Value, json};

use crate::common::json as dossier;
use crate::support::{Server, new_case};

/// Writes `n` small text files under `dir`, each different (no two folders' either), the
/// word `marker` in each, and returns `dir`.
fn text_files(dir: &Path, n: usize, marker: &str) -> PathBuf {
    std::fs::create_dir_all(dir).expect("folder");
    let folder = dir.file_name().expect("named").to_string_lossy();
    for i in 0..n {
        std::fs::write(
            dir.join(format!("{marker}-{i}.txt")),
            format!(
                "Memo {i} of {folder} about the {marker} account.\nThe meeting is on Tuesday.\n"
            ),
        )
        .expect("write");
    }
    dir.to_owned()
}

/// Every file of the case with its size and modification time.
fn files_of(case: &Path) -> BTreeMap<PathBuf, (u64, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut folders = vec![case.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read folder") {
            let entry = entry.expect("entry");
            let meta = entry.metadata().expect("metadata");
            if meta.is_dir() {
                folders.push(entry.path());
            } else {
                let modified = meta.modified().expect("mtime");
                out.insert(entry.path(), (meta.len(), modified));
            }
        }
    }
    out
}

fn search(server: &Server, query: &str) -> Value {
    server.call("search", json!({"query": query, "limit": 100}))
}

fn docs_found(out: &Value) -> Vec<i64> {
    let mut ids: Vec<i64> = out["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["doc"].as_i64().expect("doc"))
        .collect();
    ids.sort_unstable();
    ids
}

#[test]
fn a_search_writes_nothing_and_answers_while_another_process_holds_the_writer_lock() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let files = text_files(&dir.path().join("files"), 5, "zanzibar");
    dossier(&[&"ingest", &case, &files]);
    let server = Server::start(&case);
    assert_eq!(search(&server, "zanzibar")["total"], 5);

    let before = files_of(&case);
    // An ingest in another process holds this lock for as long as it runs: reads never wait.
    let lock = File::options()
        .read(true)
        .write(true)
        .open(case.join("dossier.lock"))
        .expect("lock file");
    lock.try_lock()
        .expect("the server does not hold the writer lock");
    for query in [
        "zanzibar",
        "\"the meeting\"",
        "memo AND tuesday",
        "zanz*",
        "tag:none",
    ] {
        let out = search(&server, query);
        assert_eq!(out["index_behind"], false, "{query}: {out}");
    }
    let out = server.call(
        "search",
        json!({"query": "memo", "kind": "text", "since": "2000"}),
    );
    assert_eq!(out["index_behind"], false, "{out}");
    lock.unlock().expect("unlock");
    assert_eq!(
        files_of(&case),
        before,
        "no file of the case (database, log, index) changed"
    );
}

#[test]
fn results_follow_changes_made_through_the_server_and_by_another_process() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let allowed = dir.path().join("allowed");
    let first = text_files(&allowed.join("first"), 2, "quokka");
    let server = Server::allowing(&case, &allowed);
    assert_eq!(search(&server, "quokka")["total"], 0);
    assert_eq!(server.call("summary", Value::Null)["documents"], 0);

    // Through the same session.
    let ingested = server.call("ingest", json!({"paths": [first]}));
    let ids: Vec<i64> = serde_json::from_value(ingested["documents"].clone()).expect("ids");
    let out = search(&server, "quokka");
    assert_eq!(docs_found(&out), ids);
    assert_eq!(out["index_behind"], false);
    server.call("tag", json!({"doc": ids[0], "tags": ["hot"]}));
    let out = search(&server, "tag:hot");
    assert_eq!(docs_found(&out), vec![ids[0]]);
    assert_eq!(out["facets"]["tag"]["hot"], 1);

    // By another process, while the server keeps its index open.
    dossier(&[&"tag", &case, &ids[1].to_string(), &"hot"]);
    dossier(&[&"tag", &case, &ids[0].to_string(), &"hot", &"--remove"]);
    let out = search(&server, "tag:hot");
    assert_eq!(docs_found(&out), vec![ids[1]], "{out}");
    assert_eq!(out["index_behind"], false);
    let second = text_files(&dir.path().join("second"), 3, "quokka");
    dossier(&[&"ingest", &case, &second]);
    let out = search(&server, "quokka");
    assert_eq!(out["total"], 5);
    assert_eq!(out["index_behind"], false);
    assert_eq!(server.call("summary", Value::Null)["documents"], 5);
    // An undo that takes a tag back is followed too.
    server.call("tag", json!({"doc": ids[0], "tags": ["warm"]}));
    assert_eq!(docs_found(&search(&server, "tag:warm")), vec![ids[0]]);
    server.call("undo", json!({}));
    let out = search(&server, "tag:warm");
    assert_eq!(out["total"], 0, "{out}");
    assert_eq!(out["index_behind"], false);
}

#[test]
fn an_index_that_missed_a_change_says_so_until_it_is_caught_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let files = text_files(&dir.path().join("files"), 3, "wombat");
    let ids: Vec<i64> =
        serde_json::from_value(dossier(&[&"ingest", &case, &files])["documents"].clone())
            .expect("ids");
    let server = Server::allowing(&case, dir.path());
    assert_eq!(search(&server, "wombat")["index_behind"], false);

    // Another process holds the index's writer (as a crashed or running ingest would leave
    // it): an ingest commits its documents to the case, but the index cannot follow.
    let index_lock = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(case.join("index/.tantivy-writer.lock"))
        .expect("index lock");
    index_lock.try_lock().expect("nobody writes the index");
    let late = text_files(&dir.path().join("late"), 2, "wombat");
    server.call("ingest", json!({"paths": [late]}));
    let out = search(&server, "wombat");
    assert_eq!(
        out["index_behind"], true,
        "results from an index that lacks a change say so: {out}"
    );
    assert_eq!(docs_found(&out), ids, "only what the index holds");
    index_lock.unlock().expect("unlock");

    // The next change through the server catches up on everything it lacks.
    let last = text_files(&dir.path().join("last"), 1, "wombat");
    server.call("ingest", json!({"paths": [last]}));
    let out = search(&server, "wombat");
    assert_eq!(out["index_behind"], false, "{out}");
    assert_eq!(out["total"], 6, "{out}");
}

#[test]
fn an_index_left_behind_heals_when_the_case_is_next_served() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let files = text_files(&dir.path().join("files"), 2, "okapi");
    dossier(&[&"ingest", &case, &files]);
    let index_lock = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(case.join("index/.tantivy-writer.lock"))
        .expect("index lock");
    index_lock.try_lock().expect("nobody writes the index");
    let late = text_files(&dir.path().join("late"), 1, "okapi");
    dossier(&[&"ingest", &case, &late]);
    let out = dossier(&[&"search", &case, &"okapi"]);
    assert_eq!(out["index_behind"], true, "{out}");
    assert_eq!(out["total"], 2, "{out}");
    index_lock.unlock().expect("unlock");

    let server = Server::start(&case);
    let out = search(&server, "okapi");
    assert_eq!(out["index_behind"], false, "{out}");
    assert_eq!(out["total"], 3, "{out}");
}

#[test]
fn searches_run_side_by_side_while_an_ingest_writes_the_case() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let first = text_files(&dir.path().join("first"), 20, "narwhal");
    dossier(&[&"ingest", &case, &first]);
    let many = text_files(&dir.path().join("many"), 1500, "narwhal");
    let server = Server::start(&case);
    let mut ingest = crate::common::command()
        .args(["ingest".as_ref(), case.as_os_str(), many.as_os_str()])
        .arg("--json")
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start ingest");
    std::thread::scope(|threads| {
        for t in 0..4 {
            let server = &server;
            threads.spawn(move || {
                for i in 0..15 {
                    let out = if (t + i) % 3 == 0 {
                        server.call("summary", Value::Null)
                    } else {
                        search(server, "narwhal")
                    };
                    assert!(out.is_object(), "{out}");
                }
            });
        }
    });
    assert!(ingest.wait().expect("ingest ends").success());
    let out = search(&server, "narwhal");
    assert_eq!(out["total"], 1520);
    assert_eq!(out["index_behind"], false);
}
