//! The `dossier` command-line contract, exercised as a user or a script would: by running
//! the real binary on real case folders and reading its JSON.

use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::{dossier, json, json_exiting};

fn new_case(dir: &Path) -> PathBuf {
    common::new_case(dir, "case")
}

fn doc_count(case: &Path) -> usize {
    json(&[&"docs", &case])
        .as_array()
        .expect("docs is a list")
        .len()
}

fn verify_ok(case: &Path) {
    let v = json(&[&"verify", &case]);
    assert_eq!(v["ok"], true, "verify: {v}");
}

#[test]
fn init_creates_a_case_folder_and_refuses_a_folder_in_use() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    assert!(case.join("dossier.sqlite").is_file());
    assert!(case.join("objects").is_dir());

    let again = dossier(&[&"init", &case]);
    assert_eq!(again.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert_eq!(stderr.lines().count(), 1, "one-line error, got {stderr:?}");
    assert!(
        stderr.contains("already exists and is not empty"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&case.display().to_string()),
        "names the folder: {stderr}"
    );
}

#[test]
fn init_with_a_name_shows_that_name_in_the_summary_and_audits_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let named = dir.path().join("matter-2024-017");
    let created = json(&[&"init", &named, &"--name", &"Smith v. Acme Corp."]);
    assert_eq!(
        (&created["case"], &created["name"]),
        (
            &serde_json::json!(named.display().to_string()),
            &serde_json::json!("Smith v. Acme Corp.")
        ),
        "init prints {{\"case\", \"name\"}} as the CLI contract says"
    );
    assert_eq!(json(&[&"summary", &named])["name"], "Smith v. Acme Corp.");
    let audit = json(&[&"audit", &named]);
    let rows = audit.as_array().expect("audit is a list");
    assert!(
        rows.iter()
            .any(|r| r["action"] == "case.name" && r["detail"] == "Smith v. Acme Corp."),
        "{audit}"
    );
    verify_ok(&named);
    let words = common::text(&[&"audit", &named, &"--words"]);
    assert!(
        words.contains("Named the case “Smith v. Acme Corp.”"),
        "{words}"
    );

    let unnamed = new_case(dir.path());
    assert_eq!(json(&[&"summary", &unnamed])["name"], "case");
    let folder_named = json(&[&"init", &dir.path().join("jones-2025")]);
    assert_eq!(
        folder_named["name"], "jones-2025",
        "unnamed, a case takes its folder's name"
    );

    let empty = dir.path().join("empty-name");
    let refused = common::fails(&[&"init", &empty, &"--name", &"  "]);
    assert!(refused.contains("a case name cannot be empty"), "{refused}");
    assert!(!empty.exists(), "nothing is created for a refused name");
}

#[test]
fn commands_on_a_folder_that_is_not_a_case_fail_clearly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dossier(&[&"docs", &dir.path()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not a Dossier case"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn ingest_stores_each_original_once_and_records_every_place_it_was_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let inbox = dir.path().join("inbox");
    fs::create_dir_all(inbox.join("copies")).expect("mkdir");
    fs::write(inbox.join("memo.txt"), "Meeting moved to Tuesday.\n").expect("write");
    fs::write(
        inbox.join("copies/memo (1).txt"),
        "Meeting moved to Tuesday.\n",
    )
    .expect("write");
    fs::write(
        inbox.join("policy.md"),
        "# Privacy Policy\n\nWe may use your data.\n",
    )
    .expect("write");

    let v = json(&[&"ingest", &case, &inbox, &"--custodian", &"J. Rivera"]);
    assert_eq!(v["added"], 2);
    assert_eq!(v["duplicates"], 1);
    assert_eq!(v["failed"], serde_json::json!([]));
    let ids = v["documents"].as_array().expect("ids").clone();
    assert_eq!(ids.len(), 3);
    // Walked in name order: copies/memo (1).txt, memo.txt, policy.md; the copy came first.
    assert_eq!(ids[0], ids[1], "the copy and the original are one document");

    let memo = json(&[&"show", &case, &ids[0].to_string()]);
    assert_eq!(memo["text"], "Meeting moved to Tuesday.\n");
    assert_eq!(memo["status"], "ok");
    let sources = memo["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 2, "two places, one original: {memo}");
    assert!(sources.iter().all(|s| s["custodian"] == "J. Rivera"));
    let stored = fs::read_dir(case.join("objects"))
        .expect("objects")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name() != "tmp")
        .flat_map(|shard| fs::read_dir(shard.path()).expect("shard"))
        .count();
    assert_eq!(stored, 2, "each original stored once");

    let policy = json(&[&"show", &case, &ids[2].to_string()]);
    assert_eq!(policy["title"], "Privacy Policy");
    assert_eq!(policy["extractor"], "text@1");

    // Ingesting the same folder again adds nothing and changes no document.
    let before = json(&[&"docs", &case]);
    let again = json(&[&"ingest", &case, &inbox, &"--custodian", &"J. Rivera"]);
    assert_eq!(again["added"], 0);
    assert_eq!(again["duplicates"], 3);
    assert_eq!(json(&[&"docs", &case]), before);
    verify_ok(&case);
}

#[test]
fn exclude_leaves_sidecar_files_unread_and_lists_each_with_its_pattern() {
    let dir = tempfile::tempdir().expect("temp dir");
    let captures = dir.path().join("captures");
    fs::create_dir_all(captures.join("meta")).expect("folders");
    fs::write(
        captures.join("2021-01-01.md"),
        "# Privacy policy\nFirst version.",
    )
    .expect("write");
    fs::write(
        captures.join("2021-06-01.md"),
        "# Privacy policy\nSecond version.",
    )
    .expect("write");
    fs::write(
        captures.join("2021-01-01.json"),
        r#"{"url": "https://example.com"}"#,
    )
    .expect("write");
    fs::write(
        captures.join("versions.csv"),
        "date,file\n2021-01-01,2021-01-01.md\n",
    )
    .expect("write");
    fs::write(captures.join("meta").join("crawl.md"), "crawler notes").expect("write");
    let case = new_case(dir.path());

    let v = json(&[
        &"ingest",
        &case,
        &captures,
        &"--exclude",
        &"*.json",
        &"--exclude",
        &"*.csv",
        &"--exclude",
        &"meta",
    ]);

    assert_eq!(v["added"], 2, "{v}");
    let skipped: Vec<(String, String)> = v["skipped"]
        .as_array()
        .expect("skipped is a list")
        .iter()
        .map(|s| {
            let path = s["path"].as_str().expect("path");
            let name = Path::new(path).file_name().expect("name").to_string_lossy();
            (
                name.into_owned(),
                s["error"].as_str().expect("error").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        skipped,
        [
            (
                "2021-01-01.json".into(),
                "excluded by --exclude *.json".into()
            ),
            ("meta".into(), "excluded by --exclude meta".into()),
            ("versions.csv".into(), "excluded by --exclude *.csv".into()),
        ],
    );
    assert_eq!(doc_count(&case), 2);

    let only = json(&[&"ingest", &case, &captures, &"--include", &"2021-06-*"]);
    assert_eq!(only["added"], 0, "{only}");
    assert_eq!(only["duplicates"], 1, "{only}");

    let refused = common::fails(&[&"ingest", &case, &captures, &"--exclude", &"[a-"]);
    assert!(
        refused.contains("invalid --exclude pattern \"[a-\""),
        "{refused}"
    );
}

#[test]
fn text_in_legacy_and_utf16_charsets_is_decoded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let files = dir.path().join("files");
    fs::create_dir_all(&files).expect("mkdir");
    fs::write(
        files.join("cp1252.txt"),
        b"\x93Caf\xE9 cr\xE8me\x94 \x96 \x80100",
    )
    .expect("write");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Déclaration — 2024"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    fs::write(files.join("utf16.txt"), utf16).expect("write");

    let v = json(&[&"ingest", &case, &files]);
    let ids = v["documents"].as_array().expect("ids").clone();
    let legacy = json(&[&"show", &case, &ids[0].to_string()]);
    assert_eq!(legacy["text"], "“Café crème” – €100");
    assert_eq!(legacy["meta"]["charset"], "windows-1252");
    assert!(
        legacy["status_detail"]
            .as_str()
            .unwrap_or("")
            .contains("windows-1252"),
        "a guessed charset is reported: {legacy}"
    );
    let wide = json(&[&"show", &case, &ids[1].to_string()]);
    assert_eq!(wide["text"], "Déclaration — 2024");
    assert_eq!(wide["meta"]["charset"], "UTF-16LE");
}

#[test]
fn cyrillic_and_japanese_text_without_a_charset_is_found_by_its_words() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let files = dir.path().join("files");
    fs::create_dir_all(&files).expect("mkdir");
    let russian = "Договор поставки расторгнут; претензия направлена поставщику.";
    let japanese = "供給契約は解除され、請求書は取引先に送付されました。";
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(japanese);
    fs::write(files.join("memo-ru.txt"), &cp1251).expect("write");
    fs::write(files.join("memo-ja.txt"), &sjis).expect("write");

    let v = json(&[&"ingest", &case, &files]);
    let ids = v["documents"].as_array().expect("ids").clone();
    let shown: Vec<_> = ids
        .iter()
        .map(|id| json(&[&"show", &case, &id.to_string()]))
        .collect();
    let texts: Vec<&str> = shown
        .iter()
        .map(|d| d["text"].as_str().unwrap_or(""))
        .collect();
    assert!(
        texts.contains(&russian) && texts.contains(&japanese),
        "{texts:?}"
    );
    for (query, file) in [("претензия", "memo-ru.txt"), ("請求書", "memo-ja.txt")] {
        let found = json(&[&"search", &case, &query]);
        let hits = found["hits"].as_array().expect("hits");
        assert_eq!(hits.len(), 1, "{query}: {found}");
        assert!(found.to_string().contains(file), "{query}: {found}");
    }
}

#[test]
fn an_unknown_binary_file_is_kept_and_listed_with_no_text_and_a_clear_status() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let blob = dir.path().join("scan.bin");
    let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    fs::write(&blob, &bytes).expect("write");

    let v = json(&[&"ingest", &case, &blob]);
    assert_eq!(v["added"], 1);
    let id = v["documents"][0].to_string();
    let doc = json(&[&"show", &case, &id]);
    assert_eq!(doc["status"], "skipped");
    assert_eq!(doc["text"], Value::Null);
    assert!(
        doc["status_detail"]
            .as_str()
            .unwrap_or("")
            .contains("no extractor"),
        "{doc}"
    );
    assert_eq!(doc["size"], 4096);
    let listed = json(&[&"docs", &case]);
    assert_eq!(listed[0]["title"], "scan.bin");
    verify_ok(&case);
}

#[test]
fn bad_inputs_are_reported_per_item_and_leave_the_case_unchanged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let good = dir.path().join("good.txt");
    fs::write(&good, "already in the case").expect("write");
    json(&[&"ingest", &case, &good]);
    let docs_before = json(&[&"docs", &case]);
    let good_before = json(&[&"show", &case, &"1"]);

    let bad = dir.path().join("bad");
    fs::create_dir_all(bad.join("loop")).expect("mkdir");
    fs::write(bad.join("empty.txt"), "").expect("write");
    std::os::unix::fs::symlink(&bad, bad.join("loop/back-to-top")).expect("symlink");
    let latin1_name = std::ffi::OsStr::from_bytes(b"r\xE9sum\xE9.txt");
    fs::write(bad.join(latin1_name), "a name in Latin-1").expect("write");
    let missing = dir.path().join("no-such-file.txt");
    // A file that exists but cannot be read: as root, permissions do not stop reads, so use a
    // kernel file that refuses them.
    let unreadable = if is_root() {
        PathBuf::from("/proc/self/mem")
    } else {
        let p = dir.path().join("locked.txt");
        fs::write(&p, "secret").expect("write");
        fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).expect("chmod");
        p
    };

    let (v, stderr) = json_exiting(&[&"ingest", &case, &bad, &missing, &unreadable], 1);
    assert_eq!(v["added"], 0, "{v}");
    assert!(stderr.contains("could not be ingested"), "{stderr}");
    let failed: Vec<(String, String)> = v["failed"]
        .as_array()
        .expect("failed list")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or("").to_owned(),
                f["error"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let reason_for = |needle: &str| {
        failed
            .iter()
            .find(|(p, _)| p.contains(needle))
            .map(|(_, e)| e.clone())
            .unwrap_or_else(|| panic!("no failure naming {needle:?} in {failed:?}"))
    };
    assert!(reason_for("empty.txt").contains("0 bytes"));
    assert!(reason_for("back-to-top").contains("symbolic link loop"));
    assert!(reason_for("sum").contains("not valid UTF-8"));
    assert!(reason_for("no-such-file.txt").contains("no such file"));
    let unreadable_name = unreadable
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    assert!(!reason_for(unreadable_name).is_empty());
    assert_eq!(failed.len(), 5, "{failed:?}");

    assert_eq!(
        json(&[&"docs", &case]),
        docs_before,
        "nothing in the case changed"
    );
    assert_eq!(json(&[&"show", &case, &"1"]), good_before);
    verify_ok(&case);
}

fn is_root() -> bool {
    fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false)
}

#[test]
fn verify_reports_a_flipped_byte_in_an_original_and_an_edited_audit_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let file = dir.path().join("exhibit.txt");
    fs::write(
        &file,
        "The setting was switched on by default in August 2024.",
    )
    .expect("write");
    let v = json(&[&"ingest", &case, &file]);
    let doc = json(&[&"show", &case, &v["documents"][0].to_string()]);
    verify_ok(&case);

    // Tamper with the original.
    let sha = doc["sha256"].as_str().expect("sha");
    let object = case.join("objects").join(&sha[..2]).join(&sha[2..]);
    fs::set_permissions(&object, fs::Permissions::from_mode(0o644)).expect("chmod");
    let mut bytes = fs::read(&object).expect("read object");
    bytes[4] ^= 0x01;
    fs::write(&object, bytes).expect("write object");

    // Tamper with the audit log, going around its append-only triggers.
    let db = rusqlite::Connection::open(case.join("dossier.sqlite")).expect("open db");
    db.execute_batch(
        "DROP TRIGGER audit_log_no_update;
         UPDATE audit_log SET actor = 'someone else' WHERE seq = 2;",
    )
    .expect("tamper");
    drop(db);

    let (v, stderr) = json_exiting(&[&"verify", &case], 1);
    assert_eq!(v["ok"], false);
    assert!(stderr.contains("problem"), "{stderr}");
    let problems = v["problems"].as_array().expect("problems");
    assert!(
        problems.iter().any(|p| p["kind"] == "object_altered"
            && p["subject"].as_str().unwrap_or("").contains(&sha[2..])),
        "the altered original is named: {v}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p["kind"] == "audit_chain" && p["subject"] == "audit row 2"),
        "the edited audit row is named: {v}"
    );
}

/// A well-formed PDF whose page tree is empty: it parses, and has no page to read.
fn pdf_without_pages() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [] /Count 0 >>",
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[test]
fn ingest_exits_1_and_lists_every_pdf_whose_text_could_not_be_extracted_keeping_its_original() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let truncated = dir.path().join("truncated.pdf");
    fs::write(&truncated, b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pag").expect("write");
    let no_pages = dir.path().join("no-pages.pdf");
    fs::write(&no_pages, pdf_without_pages()).expect("write");
    let memo = dir.path().join("memo.txt");
    fs::write(&memo, "This one reads fine.").expect("write");

    let (v, stderr) = json_exiting(&[&"ingest", &case, &truncated, &no_pages, &memo], 1);
    assert!(stderr.contains("text could not be extracted"), "{stderr}");
    assert_eq!(v["added"], 3, "every original is kept: {v}");
    let failed = v["failed"].as_array().expect("failed list");
    let paths: Vec<&str> = failed.iter().filter_map(|f| f["path"].as_str()).collect();
    assert_eq!(
        paths,
        [
            truncated.display().to_string(),
            no_pages.display().to_string()
        ]
    );
    for f in failed {
        assert!(!f["error"].as_str().unwrap_or("").is_empty(), "{f}");
        let doc = json(&[&"show", &case, &f["document"].to_string()]);
        assert_eq!(doc["status"], "failed", "{doc}");
        assert_eq!(doc["status_detail"], f["error"]);
    }
    verify_ok(&case);

    // Ingested again, the same damaged file is still reported: a duplicate without text.
    let (again, _) = json_exiting(&[&"ingest", &case, &truncated], 1);
    assert_eq!(
        (again["added"].as_u64(), again["duplicates"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(
        again["failed"][0]["path"],
        truncated.display().to_string(),
        "{again}"
    );
    assert_eq!(
        again["failed"][0]["document"], failed[0]["document"],
        "{again}"
    );

    // The corpus's scan, with OCR off: two pages, both images without a text layer.
    let Some(scan) = dossier_tests::corpus_path("pdfs/legal/scanned/image-pdf.pdf") else {
        return;
    };
    let (v, _) = json_exiting(&[&"ingest", &case, &scan, &"--ocr", &"off"], 1);
    let error = v["failed"][0]["error"].as_str().unwrap_or("");
    assert!(
        error.starts_with("no text could be read from any of its 2 pages")
            && error.contains("needs OCR"),
        "{v}"
    );
}

#[test]
fn verify_reports_what_a_killed_ingest_left_in_objects_and_the_next_ingest_removes_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let first = dir.path().join("first.txt");
    fs::write(&first, "ingested before the crash").expect("write");
    json(&[&"ingest", &case, &first]);
    // What `kill -9` leaves: originals written, never renamed to their names (staged ones
    // beside their final names, a streamed one in objects/ itself).
    let objects = case.join("objects");
    let left = [
        objects.join("3f").join(".tmp-999999-0"),
        objects.join("3f").join(".tmp-999999-1"),
        objects.join(".tmp-999999-2"),
    ];
    for p in &left {
        fs::create_dir_all(p.parent().expect("folder")).expect("mkdir");
        fs::write(p, b"half of an original").expect("write");
        fs::set_permissions(p, fs::Permissions::from_mode(0o444)).expect("chmod");
    }

    let (v, _) = json_exiting(&[&"verify", &case], 1);
    let mut named: Vec<&str> = v["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter(|p| p["kind"] == "leftover")
        .filter_map(|p| p["subject"].as_str())
        .collect();
    named.sort_unstable();
    let mut expected: Vec<String> = left.iter().map(|p| p.display().to_string()).collect();
    expected.sort_unstable();
    assert_eq!(named, expected, "{v}");

    let second = dir.path().join("second.txt");
    fs::write(&second, "ingested after").expect("write");
    json(&[&"ingest", &case, &second]);
    assert!(left.iter().all(|p| !p.exists()));
    verify_ok(&case);
}

#[test]
fn the_audit_log_is_append_only_and_records_every_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let file = dir.path().join("note.txt");
    fs::write(&file, "hello").expect("write");
    json(&[&"ingest", &case, &file]);
    let rows = json(&[&"audit", &case]);
    let actions: Vec<&str> = rows
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["action"].as_str().unwrap_or(""))
        .collect();
    // One `case.migrate` row per schema migration, however many there are by now.
    let migrations = actions.iter().take_while(|a| **a == "case.migrate").count();
    assert!(migrations >= 2, "{actions:?}");
    assert_eq!(
        actions[migrations..],
        ["case.init", "ingest.start", "document.add", "ingest.finish"]
    );
    assert!(
        rows.as_array()
            .expect("rows")
            .iter()
            .all(|r| r["actor"] == "test-runner")
    );
    for pair in rows.as_array().expect("rows").windows(2) {
        assert_eq!(
            pair[1]["prev_hash"], pair[0]["hash"],
            "each row links to the one before"
        );
    }

    let db = rusqlite::Connection::open(case.join("dossier.sqlite")).expect("open db");
    let err = db
        .execute("DELETE FROM audit_log WHERE seq = 1", [])
        .expect_err("deleting an audit row is refused");
    assert!(err.to_string().contains("append-only"), "{err}");
}

#[test]
fn two_ingests_at_once_on_one_case_both_complete_without_corrupting_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let batches: Vec<PathBuf> = (0..2)
        .map(|b| {
            let folder = dir.path().join(format!("batch{b}"));
            fs::create_dir_all(&folder).expect("mkdir");
            for i in 0..300 {
                fs::write(
                    folder.join(format!("{i}.txt")),
                    format!("batch {b} item {i}"),
                )
                .expect("write");
            }
            folder
        })
        .collect();
    // Both start before either finishes; one waits for the other's writer lock.
    let procs: Vec<_> = batches
        .iter()
        .map(|folder| {
            common::command()
                .args([
                    "ingest".as_ref(),
                    case.as_os_str(),
                    folder.as_os_str(),
                    "--json".as_ref(),
                ])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for p in procs {
        let out = p.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(v["failed"], serde_json::json!([]));
        assert_eq!(v["added"], 300, "each batch adds its own files");
    }
    assert_eq!(doc_count(&case), 600);
    verify_ok(&case);
}

#[test]
fn json_output_is_one_value_and_piped_output_has_no_progress_bar() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let file = dir.path().join("a.txt");
    fs::write(&file, "text").expect("write");
    let out = dossier(&[&"ingest", &case, &file]);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "no progress bar when piped: {:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "added 1, duplicates 0, failed 0, skipped 0\n"
    );
}

#[test]
fn the_shared_email_corpus_ingests_as_opaque_files_without_loss() {
    let Some(emails) = dossier_tests::corpus_path("emails") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let files = walk_count(&emails);
    let out = dossier(&[&"ingest", &case, &emails, &"--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON value");
    // The one broken PDF attached to a forwarded message fails to extract: it is listed, the
    // run exits 1, and its original is still kept as a document, like every other item.
    let failed = v["failed"].as_array().expect("failed list");
    assert_eq!(out.status.code(), Some(i32::from(!failed.is_empty())));
    assert!(
        failed.iter().all(|f| f["document"].is_i64()),
        "no item is lost: {v}"
    );
    let added = v["added"].as_u64().expect("added");
    let duplicates = v["duplicates"].as_u64().expect("duplicates");
    // Messages inside mboxes and attachments inside messages are documents too, each with a
    // source `FILE#offset=N` or `FILE#attachment=N/NAME`; every file given is one source.
    assert!(added + duplicates > files, "containers add their children");
    let db = rusqlite::Connection::open(case.join("dossier.sqlite")).expect("open the case");
    let file_sources: i64 = db
        .query_row(
            "SELECT count(*) FROM sources WHERE path NOT LIKE '%#%'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(file_sources as u64, files, "every file is accounted for");
    assert_eq!(doc_count(&case) as u64, added);
    let v = json(&[&"verify", &case]);
    assert_eq!(v["ok"], true);
    assert_eq!(v["objects_checked"], added);
}

fn walk_count(dir: &Path) -> u64 {
    let mut n = 0;
    for entry in fs::read_dir(dir).expect("read dir").flatten() {
        let ft = entry.file_type().expect("file type");
        if ft.is_dir() {
            n += walk_count(&entry.path());
        } else if ft.is_file() {
            n += 1;
        }
    }
    n
}
