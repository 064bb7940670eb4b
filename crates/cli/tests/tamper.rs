//! `verify` against someone who edits `dossier.sqlite` directly, as an attacker with only
//! `sqlite3` would: every chronology row is replayed from the audit log, the log's own
//! protections are checked, and a seal kept outside the case catches what nothing inside it
//! can (a log cut short or rewritten whole).

mod common;

use std::path::{Path, PathBuf};

use common::{dossier, json, new_case};
use rusqlite::Connection;
use serde_json::Value;

/// A case with one of each chronology row: an event citing a memo, a tag, an exhibit and a
/// note on the memo.
fn case_with_a_chronology(dir: &Path) -> PathBuf {
    let case = new_case(dir, "tampered");
    let memo = dossier_tests::repo_root().join("samples/sources/memos/2024-09-19-intake-call.txt");
    let ingested = json(&[&"ingest", &case, &memo]);
    let doc = ingested["documents"][0].to_string();
    let event = json(&[
        &"event",
        &"add",
        &case,
        &"--date",
        &"2024-08",
        &"--title",
        &"Setting switched on",
    ])["id"]
        .to_string();
    json(&[
        &"cite",
        &case,
        &event,
        &doc,
        &"--quote",
        &"switched on in her account",
    ]);
    json(&[&"tag", &case, &doc, &"intake"]);
    json(&[&"exhibit", &case, &doc]);
    json(&[
        &"note",
        &case,
        &doc,
        &"--quote",
        &"she never turned it on",
        &"--text",
        &"Key fact",
    ]);
    case
}

fn sqlite(case: &Path, sql: &str) {
    let conn = Connection::open(case.join("dossier.sqlite")).expect("open the database");
    conn.execute_batch(sql).expect("the direct edit runs");
}

/// `dossier verify --json` on a case expected to fail it: exit 1 and the problems found.
fn problems(case: &Path, extra: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<Value> {
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"verify", &case];
    args.extend_from_slice(extra);
    args.push(&"--json");
    let out = dossier(&args);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "verify prints one JSON value ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert_eq!(out.status.code(), Some(1), "verify must fail: {report}");
    assert_eq!(report["ok"], false);
    report["problems"].as_array().expect("a list").clone()
}

fn mentions(problems: &[Value], kind: &str, words: &[&str]) -> bool {
    problems.iter().any(|p| {
        let text = format!(
            "{} {}",
            p["subject"].as_str().unwrap_or_default(),
            p["message"].as_str().unwrap_or_default()
        );
        p["kind"] == kind && words.iter().all(|w| text.contains(w))
    })
}

#[test]
fn an_untouched_case_verifies_and_every_chronology_row_is_compared_with_the_log() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_with_a_chronology(dir.path());
    let report = json(&[&"verify", &case]);
    assert_eq!(report["ok"], true, "{report}");
    // The event, the citation, the document's tags, the exhibit and the note.
    assert_eq!(report["chronology_rows_checked"], 5, "{report}");
}

#[test]
fn verify_names_an_event_whose_date_was_changed_behind_the_log() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_with_a_chronology(dir.path());
    sqlite(&case, "UPDATE events SET date = '2023-01' WHERE id = 1");
    let found = problems(&case, &[]);
    assert!(
        mentions(
            &found,
            "chronology",
            &["event:1", "date is \"2023-01\"", "\"2024-08\""]
        ),
        "{found:?}"
    );
}

#[test]
fn verify_names_a_citation_pointed_at_other_text_on_the_same_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_with_a_chronology(dir.path());
    // The quote, its offsets and its context all moved together, so the citation still
    // "verifies" against the page: only the log can tell that it was not what was cited.
    sqlite(
        &case,
        "UPDATE citations SET quote = 'she never turned it on', exact = 'she never turned it on',
             start_offset = start_offset + 40, end_offset = end_offset + 40 WHERE id = 1",
    );
    let found = problems(&case, &[]);
    assert!(
        mentions(&found, "chronology", &["citation:1", "exact is"]),
        "{found:?}"
    );
}

#[test]
fn verify_names_tags_exhibits_and_notes_changed_or_added_behind_the_log() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_with_a_chronology(dir.path());
    sqlite(
        &case,
        "UPDATE exhibits SET bates_first = 7, bates_last = 7 WHERE id = 1;
         UPDATE notes SET body = 'Not important' WHERE id = 1;
         INSERT INTO tags (name) VALUES ('privileged');
         INSERT INTO document_tags (document_id, tag_id)
             SELECT 1, id FROM tags WHERE name = 'privileged';
         INSERT INTO events (title, date, status, created_at, updated_at)
             VALUES ('Planted', '2020', 'alleged', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');",
    );
    let found = problems(&case, &[]);
    assert!(
        mentions(&found, "chronology", &["exhibit:1", "bates_first"]),
        "{found:?}"
    );
    assert!(
        mentions(&found, "chronology", &["note:1", "Not important"]),
        "{found:?}"
    );
    assert!(
        mentions(&found, "chronology", &["tags:1", "privileged"]),
        "{found:?}"
    );
    assert!(
        mentions(&found, "chronology", &["event:2", "not in the audit log"]),
        "{found:?}"
    );
}

#[test]
fn verify_reports_a_dropped_trigger_and_the_newest_audit_rows_deleted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_with_a_chronology(dir.path());
    // Remove the note and every trace of it: the trigger first, then the log's newest rows.
    sqlite(
        &case,
        "DROP TRIGGER audit_log_no_delete;
         DELETE FROM edit_steps WHERE audit_seq = (SELECT MAX(seq) FROM audit_log);
         DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log);",
    );
    let found = problems(&case, &[]);
    assert!(
        mentions(&found, "protection", &["audit_log_no_delete", "missing"]),
        "{found:?}"
    );
    assert!(
        mentions(&found, "chronology", &["note:1", "not in the audit log"]),
        "{found:?}"
    );
}

#[test]
fn a_seal_kept_elsewhere_catches_a_log_cut_short_or_rewritten_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_with_a_chronology(dir.path());
    let seal = json(&[&"seal", &case]);
    assert!(seal["seq"].as_i64().expect("seq") > 5, "{seal}");
    assert_eq!(seal["head"].as_str().expect("head").len(), 64);
    let seal_file = dir.path().join("seal.json");
    std::fs::write(&seal_file, seal.to_string()).expect("write the seal");

    // Untouched, and after later honest edits, the chain still holds the sealed head.
    json(&[&"tag", &case, &"1", &"reviewed"]);
    let report = json(&[&"verify", &case, &"--seal", &seal_file]);
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["sealed"], true);

    // Cut the log back to before the seal's head, with the rows it recorded: nothing inside
    // the case can tell, the seal can.
    let cut = dir.path().join("cut");
    std::fs::create_dir(&cut).expect("dir");
    let copy = copy_case(&case, &cut);
    let head = seal["seq"].as_i64().expect("seq");
    sqlite(
        &copy,
        &format!(
            "DROP TRIGGER audit_log_no_delete;
             DELETE FROM edit_steps WHERE audit_seq >= {head} - 1;
             DELETE FROM audit_log WHERE seq >= {head} - 1;
             DELETE FROM notes;
             DELETE FROM document_tags WHERE tag_id IN (SELECT id FROM tags WHERE name = 'reviewed');"
        ),
    );
    let found = problems(&copy, &[&"--seal", &seal_file]);
    assert!(
        mentions(&found, "seal", &["rows were removed since the seal"]),
        "{found:?}"
    );

    // Rewrite one old row and recompute every hash after it, as a careful attacker would:
    // the chain is whole again, but the sealed head is gone.
    let rewritten = dir.path().join("rewritten");
    std::fs::create_dir(&rewritten).expect("dir");
    let copy = copy_case(&case, &rewritten);
    rewrite_chain(&copy);
    let without_seal = json(&[&"verify", &copy]);
    assert_eq!(
        without_seal["ok"], true,
        "a whole rewritten chain cannot be seen from inside: {without_seal}"
    );
    let found = problems(&copy, &[&"--seal", &seal_file]);
    assert!(mentions(&found, "seal", &["rewritten"]), "{found:?}");
}

#[test]
fn a_seal_file_that_is_not_a_seal_is_refused_with_its_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    let bad = dir.path().join("not-a-seal.txt");
    std::fs::write(&bad, "hello").expect("write");
    let out = dossier(&[&"verify", &case, &"--seal", &bad]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("not-a-seal.txt") && stderr.contains("not a seal"),
        "{stderr}"
    );
}

#[test]
fn verify_on_a_damaged_database_reports_it_as_a_problem_at_every_offset() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_with_a_chronology(dir.path());
    let db = case.join("dossier.sqlite");
    // Fold the WAL into the file, so that the damage below lands in the database itself.
    sqlite(&case, "PRAGMA wal_checkpoint(TRUNCATE);");
    let pristine = std::fs::read(&db).expect("read");
    let len = pristine.len();
    let offsets = [0, 16, 28, 100, 4096, 4096 + 100, len / 2, len - 512];
    let mut reported = 0;
    for offset in offsets {
        let mut damaged = pristine.clone();
        for b in &mut damaged[offset..(offset + 64).min(len)] {
            *b ^= 0x5a;
        }
        std::fs::write(&db, &damaged).expect("damage");
        let _ = std::fs::remove_file(case.join("dossier.sqlite-wal"));
        let _ = std::fs::remove_file(case.join("dossier.sqlite-shm"));
        let out = dossier(&[&"verify", &case, &"--json"]);
        let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "offset {offset}: verify prints its report ({e}), exit {:?}, stderr: {}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        match out.status.code() {
            Some(1) => {
                assert_eq!(report["ok"], false, "offset {offset}: {report}");
                reported += 1;
            }
            // Damage in a part of the file nothing uses may change nothing at all.
            Some(0) => assert_eq!(report["ok"], true, "offset {offset}: {report}"),
            other => panic!("offset {offset}: exit {other:?}: {report}"),
        }
    }
    std::fs::write(&db, &pristine).expect("restore");
    eprintln!("damage found at {reported} of 8 offsets");
    assert!(reported >= 5, "damage found at {reported} of 8 offsets");
}

fn copy_case(case: &Path, into: &Path) -> PathBuf {
    let target = into.join("case");
    copy_dir(case, &target);
    target
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).expect("copy");
        }
    }
}

/// Changes the event's date, its audit rows' states to match, and recomputes the whole
/// chain after them, exactly as `audit.rs` hashes rows.
fn rewrite_chain(case: &Path) {
    use sha2::{Digest, Sha256};
    let conn = Connection::open(case.join("dossier.sqlite")).expect("open");
    conn.execute_batch(
        "DROP TRIGGER audit_log_no_update;
         UPDATE events SET date = '2023-01' WHERE id = 1;
         UPDATE audit_log SET state = replace(state, 'date: \"2024-08\"', 'date: \"2023-01\"')
             WHERE state_of = 'event:1';",
    )
    .expect("rewrite");
    type Row = (
        i64,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = conn
        .prepare(
            "SELECT seq, at, actor, action, target, detail, state_of, state FROM audit_log ORDER BY seq",
        )
        .expect("prepare")
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let mut prev = "0".repeat(64);
    for (seq, at, actor, action, target, detail, state_of, state) in rows {
        let mut h = Sha256::new();
        let seq_text = seq.to_string();
        let mut fields = vec![
            prev.as_str(),
            &seq_text,
            &at,
            &actor,
            &action,
            &target,
            &detail,
        ];
        if let Some(of) = &state_of {
            fields.push(of);
            fields.push(state.as_deref().unwrap_or_default());
        }
        for f in fields {
            h.update(f.as_bytes());
            h.update([0x1f]);
        }
        let hash: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        conn.execute(
            "UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE seq = ?3",
            rusqlite::params![prev, hash, seq],
        )
        .expect("rehash");
        prev = hash;
    }
    conn.execute_batch(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
    )
    .expect("restore the trigger");
}
