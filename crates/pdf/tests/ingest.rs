//! End to end through the command surface: a PDF that needs a password is stored with a
//! clear status, and `ingest --password` extracts it in place. The api finds the worker
//! beside the running program, as the `dossier` CLI and the desktop app do.

use dossier_api::{IngestRequest, PathScope, ingest, init, show};
use dossier_tests::corpus_path;

#[test]
fn a_pdf_needing_a_password_is_kept_and_extracted_again_when_the_password_comes() {
    let Some(pdf) = corpus_path("pdfs/parsers/py-pdf-sample-files/libreoffice-writer-password.pdf")
    else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = dir.path().join("case");
    init(&case).expect("init");
    let request = IngestRequest {
        paths: vec![pdf.clone()],
        ..IngestRequest::default()
    };
    let first = ingest(&case, &request, &PathScope::Anything, &|_| {}).expect("ingest");
    assert_eq!(first.added, 1, "the original is stored even without text");
    let id = first.documents[0];
    let doc = show(&case, id).expect("show");
    assert_eq!(doc.status, "failed");
    let detail = doc.status_detail.unwrap_or_default();
    assert!(detail.starts_with("needs a password"), "{detail}");
    assert!(doc.pages.is_empty());

    let again = IngestRequest {
        paths: vec![pdf],
        password: Some("openpassword".into()),
        ..IngestRequest::default()
    };
    let second =
        ingest(&case, &again, &PathScope::Anything, &|_| {}).expect("ingest with the password");
    assert_eq!((second.added, second.duplicates), (0, 1));
    assert_eq!(
        second.documents,
        vec![id],
        "the same document, not a new one"
    );
    let doc = show(&case, id).expect("show");
    assert_eq!(doc.status, "ok");
    assert_eq!(doc.kind, "attachment");
    assert_eq!(doc.pages.len(), 1);
    assert!(doc.text.unwrap_or_default().split_whitespace().count() > 50);
    assert_eq!(doc.meta.get("encrypted").map(String::as_str), Some("yes"));
}

#[test]
fn a_court_filing_is_dated_and_paged_through_ingest() {
    let Some(pdf) = corpus_path("pdfs/legal/district/gov.uscourts.cacd.657892.168.0.pdf") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = dir.path().join("case");
    init(&case).expect("init");
    let out = ingest(
        &case,
        &IngestRequest {
            paths: vec![pdf],
            ..IngestRequest::default()
        },
        &PathScope::Anything,
        &|_| {},
    )
    .expect("ingest");
    let doc = show(&case, out.documents[0]).expect("show");
    assert_eq!(doc.kind, "filing");
    assert_eq!(doc.date.as_deref(), Some("2019-02-01"));
    assert_eq!(doc.pages.len(), 3);
    assert!(doc.pages[1].text.contains("Page 2 of 3"));
    assert_eq!(
        doc.meta.get("ecf.document").map(String::as_str),
        Some("168")
    );
}
