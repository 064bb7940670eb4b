//! Specifications of what one bad or enormous file may cost a run, and of how a file whose
//! text could not be extracted is reported.

use std::io::Write;
use std::path::Path;

use dossier_store::{CaseOptions, ContentHash, DocumentRecord};

use super::*;

fn new_case(dir: &Path) -> Case {
    Case::init(&dir.join("case"), CaseOptions::default()).expect("init case")
}

fn run(case: &mut Case, inputs: &[PathBuf], options: &IngestOptions) -> IngestReport {
    let _lock = case.writer_lock().expect("lock");
    ingest(case, inputs, options, &Registry::standard(), &|_| {}).expect("ingest")
}

fn document(case: &Case, id: i64) -> DocumentRecord {
    case.document(id).expect("document")
}

#[test]
fn an_email_with_fifty_thousand_parts_gives_at_most_the_cap_of_children_and_a_warning_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let eml = dir.path().join("bomb.eml");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&eml).expect("create"));
    write!(
        out,
        "From: a@example.org\nSubject: many parts\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nsee the parts\n"
    )
    .expect("write");
    for i in 0..50_000 {
        write!(
            out,
            "--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=p{i}.bin\n\npart {i}\n"
        )
        .expect("write");
    }
    writeln!(out, "--b--").expect("write");
    out.flush().expect("flush");
    drop(out);

    let mut case = new_case(dir.path());
    let report = run(&mut case, &[eml], &IngestOptions::default());

    assert_eq!(report.added, 1 + MAX_CHILDREN as u64, "{:?}", report.failed);
    let message = document(&case, report.documents[0]);
    assert_eq!(message.children.len(), MAX_CHILDREN);
    let detail = message.status_detail.expect("a warning");
    assert!(
        detail.contains("40000 of the 50000 items inside were not taken out")
            && detail.contains("at most 10000 items are taken out of one file"),
        "{detail}"
    );
}

#[test]
fn an_mbox_message_without_line_breaks_is_reported_as_failed_and_the_next_one_is_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mbox = dir.path().join("mail.mbox");
    let mut bytes = b"From a@x Mon Jan  1 00:00:00 2001\nSubject: endless\n\n".to_vec();
    bytes.extend(std::iter::repeat_n(
        b'x',
        dossier_extract::MAX_LINE_BYTES + 1024,
    ));
    let second = bytes.len() + 1;
    bytes.extend_from_slice(b"\nFrom b@y Tue Jan  2 00:00:00 2001\nSubject: fine\n\nbody\n");
    std::fs::write(&mbox, &bytes).expect("write");

    let mut case = new_case(dir.path());
    let report = run(
        &mut case,
        std::slice::from_ref(&mbox),
        &IngestOptions::default(),
    );

    let shown = mbox.display();
    assert_eq!(report.failed.len(), 1, "{:?}", report.failed);
    assert_eq!(report.failed[0].path, format!("{shown}#offset=0"));
    assert!(
        report.failed[0].reason.contains("cannot be delimited"),
        "{}",
        report.failed[0].reason
    );
    // The mbox itself and the message after the endless one.
    assert_eq!(report.added, 2);
    let kept = document(&case, report.documents[1]);
    assert_eq!(kept.summary.title.as_deref(), Some("fine"));
    assert_eq!(
        kept.sources[0].path,
        format!("{shown}#offset={second}"),
        "the next message is found where it starts"
    );
}

#[test]
fn a_file_above_the_streaming_threshold_is_hashed_stored_and_extracted_exactly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("long memo.txt");
    let text: String = (0..60_000)
        .map(|i| format!("Line {i} of the long memo.\n"))
        .collect();
    std::fs::write(&file, &text).expect("write");
    let options = IngestOptions {
        stream_above: 64 * 1024,
        ..IngestOptions::default()
    };

    let mut case = new_case(dir.path());
    let report = run(&mut case, std::slice::from_ref(&file), &options);

    assert!(text.len() > 1 << 20);
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    let doc = document(&case, report.documents[0]);
    let hash = ContentHash::of(text.as_bytes());
    assert_eq!(doc.summary.sha256, hash.as_str());
    assert_eq!(doc.size, text.len() as u64);
    assert_eq!(case.objects().read(&hash).expect("stored"), text.as_bytes());
    assert_eq!(doc.status, DocStatus::Ok);
    assert_eq!(doc.text.as_deref(), Some(text.as_str()));
    assert!(case.objects().leftovers().expect("list").is_empty());

    // The same bytes read whole (under the threshold) are the same original.
    let copy = dir.path().join("copy.txt");
    std::fs::write(&copy, &text).expect("write");
    let again = run(&mut case, &[copy], &IngestOptions::default());
    assert_eq!((again.added, again.duplicates), (0, 1));
}

#[test]
fn a_document_whose_text_could_not_be_extracted_is_listed_as_failed_with_its_original_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = dir.path().join("broken.pdf");
    std::fs::write(&broken, b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pa").expect("write");
    let memo = dir.path().join("memo.txt");
    std::fs::write(&memo, "A memo that reads fine.").expect("write");

    let mut case = new_case(dir.path());
    let report = run(
        &mut case,
        &[broken.clone(), memo],
        &IngestOptions::default(),
    );

    assert_eq!(report.added, 2);
    assert_eq!(report.failed.len(), 1, "{:?}", report.failed);
    let failed = &report.failed[0];
    assert_eq!(failed.path, broken.display().to_string());
    assert_eq!(failed.document, Some(report.documents[0]));
    let doc = document(&case, report.documents[0]);
    assert_eq!(doc.status, DocStatus::Failed);
    assert_eq!(Some(&failed.reason), doc.status_detail.as_ref());
    assert_eq!(
        case.objects()
            .read(&ContentHash::of(&std::fs::read(&broken).expect("read")))
            .expect("the original is kept"),
        std::fs::read(&broken).expect("read")
    );
}
