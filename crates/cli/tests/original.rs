//! `dossier original`: a document's original bytes, exactly as ingested.

mod common;

use common::{dossier, json};

#[test]
fn the_original_comes_back_byte_for_byte_to_a_file_to_stdout_and_as_base64() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = dir.path().join("case");
    let source = dir.path().join("memo.txt");
    // Bytes that a text round trip would change: a BOM, CRLF, Latin-1 and a NUL.
    let bytes: &[u8] = b"\xef\xbb\xbfMemo\r\nCaf\xe9 \x00 end\r\n";
    std::fs::write(&source, bytes).expect("write");
    json(&[&"init", &case]);
    let ingested = json(&[&"ingest", &case, &source]);
    let doc = ingested["documents"][0]
        .as_i64()
        .expect("a document id")
        .to_string();

    let out = dir.path().join("copy.bin");
    let written = dossier(&[&"original", &case, &doc, &"--out", &out]);
    assert!(
        written.status.success(),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    assert_eq!(std::fs::read(&out).expect("read copy"), bytes);

    let again = dossier(&[&"original", &case, &doc, &"--out", &out]);
    assert!(
        !again.status.success(),
        "an existing file is never overwritten"
    );
    assert!(String::from_utf8_lossy(&again.stderr).contains("copy.bin"));

    let piped = dossier(&[&"original", &case, &doc]);
    assert!(piped.status.success());
    assert_eq!(piped.stdout, bytes);

    let described = json(&[&"original", &case, &doc]);
    assert_eq!(described["size"], bytes.len());
    assert_eq!(described["sha256"], ingested_sha(&case, &doc));
    assert!(
        described["base64"]
            .as_str()
            .is_some_and(|b| b.starts_with("77u/TWVtbw0K"))
    );
}

#[test]
fn an_unknown_document_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = dir.path().join("case");
    json(&[&"init", &case]);
    let out = dossier(&[&"original", &case, &"7"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains('7'));
}

fn ingested_sha(case: &std::path::Path, doc: &str) -> serde_json::Value {
    json(&[&"show", &case, &doc])["sha256"].clone()
}
