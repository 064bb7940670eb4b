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
