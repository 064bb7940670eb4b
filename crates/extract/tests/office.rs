//! Office documents and archives on real files from the corpus (`../shared/corpus/office`),
//! through the standard registry as ingest reads them.

use dossier_extract::{ExtractError, Extraction, Hints, Probe, Registry, extract};
use dossier_tests::corpus_path;

/// The file's extraction by whichever extractor the registry chooses, and that extractor's name.
fn read(
    name: &str,
    password: Option<&str>,
) -> Option<(&'static str, Result<Extraction, ExtractError>)> {
    let path = corpus_path(&format!("office/{name}"))?;
    let bytes = std::fs::read(&path).expect("corpus file");
    Some(read_bytes(name, &bytes, password))
}

fn read_bytes(
    name: &str,
    bytes: &[u8],
    password: Option<&str>,
) -> (&'static str, Result<Extraction, ExtractError>) {
    let registry = Registry::standard();
    let extractor = registry
        .choose(&Probe::named(name, &bytes[..bytes.len().min(8192)]))
        .unwrap_or_else(|| panic!("no extractor bids on {name}"));
    let hints = Hints {
        file_name: Some(name.to_owned()),
        password: password.map(str::to_owned),
        ..Hints::default()
    };
    (extractor.name(), extract(extractor, bytes, &hints))
}

fn ok(name: &str) -> Option<Extraction> {
    let (_, x) = read(name, None)?;
    Some(x.unwrap_or_else(|e| panic!("{name}: {e}")))
}

#[test]
fn the_same_sentence_reads_alike_from_docx_odt_rtf_pptx_and_xlsx() {
    for name in [
        "textract_standardized_text.docx",
        "textract_standardized_text.odt",
        "textract_standardized_text.rtf",
        "textract_standardized_text.pptx",
        "textract_standardized_text.xlsx",
        "textract_standardized_text.xls",
    ] {
        let Some(x) = ok(name) else { return };
        let words = x
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        assert!(
            words.contains("the quick brown fox jumps over the lazy dog"),
            "{name}: {words:?}"
        );
    }
}

#[test]
fn a_word_document_has_its_kind_core_properties_and_comments_with_authors() {
    let Some(x) = ok("pydocx_doc-coreprops.docx") else {
        return;
    };
    assert_eq!(x.kind, "document");
    assert_eq!(x.title.as_deref(), Some("Title"));
    assert_eq!(x.authors, vec!["Steve Canny"]);
    assert_eq!(x.meta["last_modified_by"], "Steve Canny");
    assert_eq!(x.meta["revision"], "2");
    assert_eq!(x.meta["created"], "2014-12-13T22:02:00Z");
    assert_eq!(x.meta["modified"], "2014-12-13T22:06:00Z");
    assert_eq!(x.doc_date.as_deref(), Some("2014-12-13T22:02:00Z"));

    let Some(c) = ok("pydocx_comments-rich-para.docx") else {
        return;
    };
    assert!(c.text.contains("[comment by "), "{}", c.text);
}

#[test]
fn tables_read_as_rows_of_tab_separated_cells() {
    let Some(x) = ok("odfpy_simpletable.odt") else {
        return;
    };
    let want = std::fs::read_to_string(
        corpus_path("office/expected/odfpy_simpletable.odt.txt").expect("corpus"),
    )
    .expect("expected text");
    for line in want.lines().filter(|l| l.contains('\t')) {
        assert!(x.text.contains(line), "{line:?} not in {:?}", x.text);
    }
}

#[test]
fn an_external_entity_is_never_resolved() {
    let Some(x) = ok("odfpy_nasty.odt") else {
        return;
    };
    assert_eq!(x.text.trim(), "Test:");
}

#[test]
fn each_slide_is_a_page_with_its_notes() {
    let Some(x) = ok("pypptx_sld-notes.pptx") else {
        return;
    };
    assert_eq!(x.kind, "presentation");
    assert!(!x.pages.is_empty());
    assert!(x.pages[0].contains("Notes"), "{:?}", x.pages);
    let Some(p) = ok("odfpy_cols.odp") else {
        return;
    };
    assert_eq!(p.kind, "presentation");
    assert_eq!(p.meta["slides"], p.pages.len().to_string());
}

#[test]
fn each_sheet_is_a_page_and_hidden_sheets_are_flagged() {
    let Some(x) = ok("calamine_any_sheets.xlsx") else {
        return;
    };
    assert_eq!(x.kind, "spreadsheet");
    assert_eq!(x.pages.len(), 4);
    assert!(
        x.pages[0].starts_with("# Sheet: Visible\n1\t2\n3\t4\n"),
        "{:?}",
        x.pages[0]
    );
    assert_eq!(x.meta["hidden_sheets"], "Hidden\nVeryHidden");
    let Some(d) = ok("calamine_date.xlsx") else {
        return;
    };
    assert!(d.text.contains("2021-01-01 00:00:00\t15"), "{}", d.text);
    assert!(d.text.contains("10 days, 15:10:10\t17"), "{}", d.text);
}

#[test]
fn hidden_rows_are_flagged() {
    let Some(x) = ok("calamine_errors.xlsx") else {
        return;
    };
    assert_eq!(x.meta["hidden_rows"], "Feuil1: rows 20");
}

#[test]
fn password_protected_office_files_say_they_need_a_password() {
    for name in [
        "msoffcrypto_example_password.docx",
        "calamine_pass_protected.xlsx",
        "msoffcrypto_rc4cryptoapi_password.xls",
        "msoffcrypto_rc4cryptoapi_password.doc",
        "msoffcrypto_rc4cryptoapi_password.ppt",
    ] {
        let Some((_, x)) = read(name, None) else {
            return;
        };
        assert!(
            matches!(x, Err(ExtractError::NeedsPassword { .. })),
            "{name}: {x:?}"
        );
    }
}

#[test]
fn legacy_word_and_powerpoint_files_are_read() {
    let Some(x) = ok("textract_standardized_text.doc") else {
        return;
    };
    assert_eq!(x.kind, "document");
    assert_eq!(x.text.trim(), "the quick brown fox jumps over the lazy dog");
    let Some(p) = ok("msoffcrypto_plain.ppt") else {
        return;
    };
    assert_eq!(p.kind, "presentation");
    assert!(p.text.contains("Lorem ipsum"), "{}", p.text);
    assert!(!p.text.contains("Click to edit Master"), "{}", p.text);
}

#[test]
fn a_zip_lists_its_entries_and_gives_them_as_children_nested_zips_included() {
    let Some(x) = ok("nested_bundle.zip") else {
        return;
    };
    assert_eq!(x.kind, "archive");
    assert!(
        x.text.contains("inner/inner_bundle.zip\t10358\n"),
        "{}",
        x.text
    );
    let inner = x
        .children
        .iter()
        .find(|c| c.locator == "entry=inner/inner_bundle.zip")
        .expect("the nested zip is a child");
    assert_eq!(inner.name.as_deref(), Some("inner_bundle.zip"));
    let (extractor, nested) = read_bytes("inner_bundle.zip", &inner.bytes, None);
    assert_eq!(extractor, "zip");
    assert!(
        nested
            .expect("reads")
            .text
            .contains("deepest/xlrd_sample.zip")
    );
}

#[test]
fn encrypted_zip_entries_open_with_the_password_and_fail_clearly_without() {
    let Some((_, x)) = read("zip2_aes_archive.zip", None) else {
        return;
    };
    let x = x.expect("the listing reads without a password");
    assert_eq!(x.meta["encrypted_entries"], "4");
    assert!(x.children.is_empty());
    assert_eq!(x.warnings.len(), 4);
    assert!(
        x.warnings.iter().all(|w| w.contains("--password")),
        "{:?}",
        x.warnings
    );
    let Some((_, x)) = read("zip2_aes_archive.zip", Some("helloworld")) else {
        return;
    };
    let x = x.expect("reads");
    assert_eq!(x.children.len(), 4);
    assert!(
        x.children
            .iter()
            .all(|c| c.failure.is_none() && !c.bytes.is_empty()),
        "{:?}",
        x.children
    );
}

#[test]
fn zip64_and_non_utf8_names_are_read() {
    let Some(x) = ok("zip2_zip64_demo.zip") else {
        return;
    };
    assert_eq!(x.children.len(), 1);
    let Some(x) = ok("zip2_non_utf8.zip") else {
        return;
    };
    assert_eq!(x.children.len(), 2);
}
