//! OCR through the real `dossier` binary on a real scan from the corpus
//! (`../shared/corpus/scans`): an image-only court filing is ingested, its OCR text is
//! searched and cited, and the citation verifies like any other; `--ocr off` and a bad
//! `--ocr-lang` are refused or honoured as said.

mod common;

use common::{fails, json, json_exiting, new_case};

fn tesseract_installed() -> bool {
    let found = std::process::Command::new("tesseract")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found || !dossier_tests::running_under_ci(),
        "tesseract is not installed (scripts/install-system-deps.sh installs it): OCR cannot be tested"
    );
    if !found {
        eprintln!(
            "SKIPPED: tesseract is not installed; scripts/install-system-deps.sh installs it"
        );
    }
    found
}

#[test]
fn a_scanned_filing_is_searched_and_cited_on_its_ocr_text_and_the_citation_verifies() {
    if !tesseract_installed() {
        return;
    }
    let Some(scan) = dossier_tests::corpus_path("scans/generated/ca2_1-1.scan300-bw.pdf") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    let added = json(&[&"ingest", &case, &scan, &"--ocr-lang", &"eng"]);
    assert_eq!(added["added"], 1, "{added}");
    assert_eq!(added["failed"].as_array().map(Vec::len), Some(0), "{added}");

    let found = json(&[&"search", &case, &"\"Thurgood Marshall\""]);
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["hits"][0]["page"], 1, "{found}");
    assert_eq!(found["hits"][0]["kind"], "filing", "{found}");

    let event = json(&[
        &"event",
        &"add",
        &case,
        &"--date",
        &"2017-10-31",
        &"--title",
        &"Appeal docketed",
    ]);
    let id = event["id"].to_string();
    let cited = json(&[
        &"cite",
        &case,
        &id,
        &"1",
        &"--quote",
        &"Thurgood Marshall U.S. Courthouse",
    ]);
    assert_eq!(cited["verified"], true, "{cited}");
    assert_eq!(cited["page"], 1, "{cited}");
    let verified = json(&[&"verify", &case]);
    assert_eq!(verified["ok"], true, "{verified}");
}

#[test]
fn ocr_off_leaves_a_scan_failed_for_want_of_ocr_and_a_bad_language_is_refused() {
    let Some(scan) = dossier_tests::corpus_path("scans/generated/ca8_.scan300-bw.pdf") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    let e = fails(&[&"ingest", &case, &scan, &"--ocr-lang", &"eng deu"]);
    assert!(e.contains("not a list of Tesseract codes"), "{e}");
    let (off, _) = json_exiting(&[&"ingest", &case, &scan, &"--ocr", &"off"], 1);
    let error = off["failed"][0]["error"].as_str().unwrap_or("");
    assert!(error.contains("needs OCR"), "{off}");
}

#[test]
fn dossier_ocr_reads_scans_ingested_without_ocr_and_a_second_run_goes_on_where_the_first_stopped() {
    if !tesseract_installed() {
        return;
    }
    let (Some(first), Some(second)) = (
        dossier_tests::corpus_path("scans/generated/ca8_.scan300-bw.pdf"),
        dossier_tests::corpus_path("scans/real/tesseract_phototest.tif"),
    ) else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    let (ingested, _) = json_exiting(&[&"ingest", &case, &first, &second, &"--ocr", &"off"], 1);
    assert_eq!(ingested["added"], 2, "{ingested}");
    let nothing = json(&[&"search", &case, &"\"point text\""]);
    assert_eq!(nothing["total"], 0, "not OCRed yet: {nothing}");

    // A run that stopped after the first document...
    let one = json(&[&"ocr", &case, &"1"]);
    assert_eq!(one["documents"][0]["outcome"], "done", "{one}");
    assert_eq!(one["documents"][0]["pages"], 2, "{one}");
    // ...run again over everything, skips what it did and does the rest.
    let rest = json(&[&"ocr", &case]);
    assert_eq!(rest["documents"][0]["outcome"], "skipped", "{rest}");
    assert!(
        rest["documents"][0]["detail"]
            .as_str()
            .is_some_and(|d| d.starts_with("already OCRed by tesseract")),
        "{rest}"
    );
    assert_eq!(rest["documents"][1]["outcome"], "done", "{rest}");

    let found = json(&[&"search", &case, &"\"point text\""]);
    assert_eq!(found["total"], 1, "{found}");
    let shown = json(&[&"show", &case, &"1"]);
    assert_eq!(shown["status"], "ok", "OCR gave the scan its text: {shown}");
    let verified = json(&[&"verify", &case]);
    assert_eq!(verified["ok"], true, "{verified}");
}

#[test]
fn a_corrected_ocr_page_is_searched_and_cited_on_its_new_text_undo_restores_the_ocr_and_a_re_ocr_keeps_it()
 {
    if !tesseract_installed() {
        return;
    }
    let Some(scan) = dossier_tests::corpus_path("scans/real/tesseract_phototest.tif") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    let added = json(&[&"ingest", &case, &scan, &"--ocr-lang", &"eng"]);
    assert_eq!(added["added"], 1, "{added}");

    // What OCR read, with boxes inside the image, for the viewer's text layer.
    let read = json(&[&"ocr-pages", &case, &"1"]);
    let page = &read["pages"][0];
    assert_eq!(page["n"], 1, "{read}");
    assert_eq!(page["engine"], "tesseract", "{read}");
    assert_eq!(page["corrected"], false, "{read}");
    let (width, height) = (
        page["image_width"].as_u64().expect("width"),
        page["image_height"].as_u64().expect("height"),
    );
    let words = page["words"].as_array().expect("words");
    assert!(words.len() > 20, "{read}");
    for w in words {
        let (l, t) = (
            w["left"].as_u64().unwrap_or(0),
            w["top"].as_u64().unwrap_or(0),
        );
        assert!(l + w["width"].as_u64().unwrap_or(0) <= width, "{w}");
        assert!(t + w["height"].as_u64().unwrap_or(0) <= height, "{w}");
    }
    assert!(words.iter().any(|w| w["text"] == "point"), "{read}");
    let machine = page["ocr_text"].as_str().expect("ocr text").to_owned();
    assert!(machine.contains("point text"), "{machine}");

    // A reviewer's corrected text becomes what search finds; the OCR's own words do not.
    let corrected = dir.path().join("page1.txt");
    std::fs::write(&corrected, "A corrected page about quokkas and wombats.\n").expect("write");
    let out = json(&[
        &"ocr-correct",
        &case,
        &"1",
        &"--page",
        &"1",
        &"--text-file",
        &corrected,
    ]);
    assert_eq!(out["changed"], true, "{out}");
    let again = json(&[
        &"ocr-correct",
        &case,
        &"1",
        &"--page",
        &"1",
        &"--text-file",
        &corrected,
    ]);
    assert_eq!(
        again["changed"], false,
        "the same text again changes nothing: {again}"
    );
    assert_eq!(json(&[&"search", &case, &"quokkas"])["total"], 1);
    assert_eq!(json(&[&"search", &case, &"\"point text\""])["total"], 0);
    let shown = json(&[&"ocr-pages", &case, &"1"]);
    assert_eq!(shown["pages"][0]["corrected"], true, "{shown}");
    assert_eq!(
        shown["pages"][0]["ocr_text"],
        machine.as_str(),
        "the OCR is kept beside it"
    );
    assert_eq!(
        shown["pages"][0]["text"],
        "A corrected page about quokkas and wombats.\n"
    );
    assert_eq!(json(&[&"verify", &case])["ok"], true);

    // Undo puts the OCR text back; redo the correction.
    json(&[&"undo", &case]);
    assert_eq!(json(&[&"search", &case, &"quokkas"])["total"], 0);
    assert_eq!(json(&[&"search", &case, &"\"point text\""])["total"], 1);
    assert_eq!(
        json(&[&"ocr-pages", &case, &"1"])["pages"][0]["corrected"],
        false
    );
    assert_eq!(json(&[&"verify", &case])["ok"], true);
    json(&[&"undo", &case, &"--redo"]);
    assert_eq!(json(&[&"search", &case, &"quokkas"])["total"], 1);

    // A citation on the corrected text verifies.
    let event = json(&[
        &"event",
        &"add",
        &case,
        &"--date",
        &"2020-01-02",
        &"--title",
        &"Seen",
    ]);
    let id = event["id"].to_string();
    let cited = json(&[
        &"cite",
        &case,
        &id,
        &"1",
        &"--quote",
        &"quokkas and wombats",
    ]);
    assert_eq!(cited["verified"], true, "{cited}");

    // The case's languages are used when none are asked for: a new OCR in eng+deu, which
    // keeps the person's text as the page's text and says so.
    let set = json(&[&"settings", &case, &"--ocr-lang", &"eng+deu"]);
    assert_eq!(set["ocr_lang"], "eng+deu", "{set}");
    let redone = json(&[&"ocr", &case]);
    assert_eq!(redone["documents"][0]["outcome"], "done", "{redone}");
    assert!(
        redone["documents"][0]["detail"]
            .as_str()
            .is_some_and(|d| d.contains("keep their corrected text")),
        "{redone}"
    );
    let after = json(&[&"ocr-pages", &case, &"1"]);
    assert_eq!(after["pages"][0]["languages"], "eng+deu", "{after}");
    assert_eq!(after["pages"][0]["corrected"], true, "{after}");
    assert_eq!(json(&[&"search", &case, &"quokkas"])["total"], 1);
    assert_eq!(json(&[&"verify", &case])["ok"], true);

    // Only a page OCR read can be corrected.
    let e = fails(&[
        &"ocr-correct",
        &case,
        &"1",
        &"--page",
        &"2",
        &"--text-file",
        &corrected,
    ]);
    assert!(e.contains("was not read by OCR"), "{e}");

    // A corrected page's text changed behind the log is named by `verify`.
    rusqlite::Connection::open(case.join("dossier.sqlite"))
        .expect("open the database")
        .execute_batch("UPDATE pages SET text = 'forged' WHERE document_id = 1 AND n = 1")
        .expect("the direct edit runs");
    let (report, _) = json_exiting(&[&"verify", &case], 1);
    assert_eq!(report["ok"], false, "{report}");
    assert!(report.to_string().contains("ocr_text:1"), "{report}");
}

#[test]
fn a_dossier_ocr_killed_mid_run_leaves_whole_documents_and_a_second_run_finishes_the_rest() {
    if !tesseract_installed() {
        return;
    }
    let names = [
        "scans/real/tesseract_phototest.tif",
        "scans/real/tesseract_eurotext.tif",
        "scans/real/ocrmypdf_linn.png",
        "scans/real/ocrmypdf_typewriter.png",
        "scans/real/ocrmypdf_baiona.png",
    ];
    let Some(scans) = names
        .iter()
        .map(|n| dossier_tests::corpus_path(n))
        .collect::<Option<Vec<_>>>()
    else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    let mut ingest: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"ingest", &case];
    ingest.extend(scans.iter().map(|p| p as &dyn AsRef<std::ffi::OsStr>));
    ingest.extend([&"--ocr" as &dyn AsRef<std::ffi::OsStr>, &"off"]);
    // Images read without OCR are kept, warned about, and wait for `dossier ocr`.
    let added = json(&ingest);
    assert_eq!(added["added"], 5, "{added}");

    // The run is killed as soon as its first document is recorded.
    let mut run = common::command()
        .args([std::ffi::OsStr::new("ocr"), case.as_os_str()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("dossier ocr starts");
    let ocred = |doc: &str| {
        json(&[&"ocr-pages", &case, &doc])["pages"]
            .as_array()
            .is_some_and(|p| !p.is_empty())
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    while !ocred("1") {
        assert!(
            std::time::Instant::now() < deadline,
            "document 1 was never OCRed"
        );
        if run.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = run.kill();
    let _ = run.wait();
    assert_eq!(
        json(&[&"verify", &case])["ok"],
        true,
        "a killed run leaves a sound case"
    );

    // Run again: what was recorded is skipped, the rest is read.
    let rest = json(&[&"ocr", &case]);
    let outcomes: Vec<&str> = rest["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["outcome"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(outcomes[0], "skipped", "{rest}");
    assert!(
        outcomes.iter().all(|o| *o == "skipped" || *o == "done"),
        "{rest}"
    );
    for doc in ["1", "2", "3", "4", "5"] {
        assert!(
            ocred(doc),
            "document {doc} has its OCR after the second run"
        );
    }
    assert_eq!(json(&[&"verify", &case])["ok"], true);
}
