//! The PDF extractor on the real corpus (`../shared/corpus/pdfs`), through the real worker
//! process built from this crate.

use std::path::{Path, PathBuf};
use std::time::Duration;

use dossier_extract::{ExtractError, Extraction, Hints, PdfExtractor, extract};
use dossier_tests::corpus_path;

fn extractor() -> PdfExtractor {
    PdfExtractor::new(dossier_tests::pdf_worker(), Duration::from_secs(120), 2048)
}

/// Hints as ingest gives them, with OCR off: these tests are about the text layer (OCR of
/// pages without one is tested in `ocr.rs`).
fn hints(path: &Path, password: Option<&str>) -> Hints {
    Hints {
        file_name: path.file_name().and_then(|n| n.to_str()).map(str::to_owned),
        password: password.map(str::to_owned),
        ocr: dossier_extract::ocr::OcrSettings {
            mode: dossier_extract::ocr::OcrMode::Off,
            ..Default::default()
        },
        ..Hints::default()
    }
}

fn read(x: &PdfExtractor, path: &Path, password: Option<&str>) -> Result<Extraction, ExtractError> {
    let bytes = std::fs::read(path).expect("corpus file");
    extract(x, &bytes, &hints(path, password))
}

fn pdfs(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("folder").flatten() {
        let p = entry.path();
        if p.is_dir() {
            pdfs(&p, out);
        } else if p.extension().is_some_and(|e| e == "pdf") {
            out.push(p);
        }
    }
}

#[test]
fn every_corpus_pdf_gives_a_result_and_no_panic_or_hang_escapes() {
    let Some(dir) = corpus_path("pdfs") else {
        return;
    };
    let mut files = Vec::new();
    pdfs(&dir, &mut files);
    assert_eq!(files.len(), 77, "the corpus has 77 PDFs");
    let x = extractor();
    let mut failed = Vec::new();
    for f in &files {
        match read(&x, f, None) {
            Ok(e) => assert_eq!(
                e.pages.len().to_string(),
                e.meta["page_count"],
                "{}",
                f.display()
            ),
            Err(e) => {
                assert!(!e.to_string().is_empty());
                failed.push((f.file_name().map(|n| n.to_string_lossy().into_owned()), e));
            }
        }
    }
    // Broken cross-reference tables (3), a damaged file poppler cannot read either, and the
    // password-protected one: each a per-file error with its reason.
    assert!(failed.len() <= 5, "{failed:#?}");
}

#[test]
fn a_password_protected_pdf_fails_clearly_without_its_password_and_opens_with_it() {
    let Some(f) = corpus_path("pdfs/parsers/py-pdf-sample-files/libreoffice-writer-password.pdf")
    else {
        return;
    };
    let x = extractor();
    let err = read(&x, &f, None).expect_err("needs a password");
    assert!(matches!(err, ExtractError::NeedsPassword { .. }), "{err}");
    assert!(err.to_string().starts_with("needs a password"));
    let wrong = read(&x, &f, Some("not it")).expect_err("wrong password");
    assert!(
        matches!(wrong, ExtractError::NeedsPassword { .. }),
        "{wrong}"
    );

    let opened = read(&x, &f, Some("openpassword")).expect("opens with its password");
    let reference = std::fs::read_to_string(f.with_extension("pdftotext.txt")).expect("reference");
    let first_words: String = reference
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    let ours: String = opened.text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        ours.contains(&first_words),
        "{first_words:?} not in {ours:?}"
    );
    assert_eq!(
        opened.meta.get("encrypted").map(String::as_str),
        Some("yes")
    );
}

#[test]
fn an_empty_user_password_opens_by_itself() {
    let Some(f) = corpus_path("pdfs/parsers/pdfjs/secHandler.pdf") else {
        return;
    };
    let x = read(&extractor(), &f, None).expect("empty user password opens");
    assert_eq!(x.meta.get("encrypted").map(String::as_str), Some("yes"));
}

#[test]
fn image_only_pages_are_flagged_as_needing_ocr() {
    let Some(f) = corpus_path("pdfs/legal/scanned/image-pdf.pdf") else {
        return;
    };
    let x = read(&extractor(), &f, None).expect("a scan still extracts");
    assert_eq!(x.pages.len(), 2);
    assert_eq!(
        x.meta.get("pages_needing_ocr").map(String::as_str),
        Some("1,2")
    );
    assert!(
        x.warnings
            .iter()
            .any(|w| w.contains("no text layer (needs OCR)"))
    );
}

#[test]
fn the_ecf_stamp_of_a_recap_filing_becomes_fields_and_its_date() {
    let Some(f) = corpus_path("pdfs/legal/district/gov.uscourts.cacd.657892.174.2.pdf") else {
        return;
    };
    let x = read(&extractor(), &f, None).expect("extracts");
    assert_eq!(x.kind, "filing");
    assert_eq!(x.doc_date.as_deref(), Some("2019-02-05"));
    let m = |k: &str| x.meta.get(k).map(String::as_str);
    assert_eq!(m("ecf.case"), Some("2:16-cv-06794-AB-JC"));
    assert_eq!(m("ecf.document"), Some("174-2"));
    assert_eq!(m("ecf.filed"), Some("2019-02-05"));
    assert_eq!(m("ecf.page_count"), Some("3"));
    assert_eq!(m("ecf.pages"), Some("1:1/3,2:2/3,3:3/3"));
    assert_eq!(m("recap.court"), Some("cacd"));
    assert_eq!(m("page_count"), Some("3"));
    assert!(m("producer").is_some_and(|p| p.contains("Acrobat Distiller")));
    assert!(m("created").is_some_and(|d| d.starts_with("2019-02")));
}

#[test]
fn an_appellate_filing_names_its_court_from_the_caption() {
    let Some(f) = corpus_path("pdfs/legal/appellate/ca1_00117684624.pdf") else {
        return;
    };
    let x = read(&extractor(), &f, None).expect("extracts");
    assert_eq!(x.kind, "filing");
    assert_eq!(x.meta.get("ecf.case").map(String::as_str), Some("20-1507"));
    assert_eq!(x.doc_date.as_deref(), Some("2020-12-22"));
    assert_eq!(
        x.meta.get("court").map(String::as_str),
        Some("United States Court of Appeals for the First Circuit")
    );
}

/// Google Docs' fonts leave some glyphs out of their width table; the words they are in
/// must not fall apart ("Exa mp le do cumen t").
#[test]
fn glyphs_without_a_width_do_not_split_their_words() {
    let Some(f) = corpus_path("pdfs/parsers/py-pdf-sample-files/google-doc-document.pdf") else {
        return;
    };
    let x = read(&extractor(), &f, None).expect("extracts");
    for line in [
        "Example document",
        "Readability counts.",
        "Although practicality beats purity.",
    ] {
        assert!(x.text.contains(line), "{line:?} not in {}", x.text);
    }
}

/// A filing stamped twice (the ECF header of one document drawn over another's) keeps
/// the two stamps apart: "Page 1 of 2 Case", never "2Case".
#[test]
fn a_stamp_drawn_over_another_stays_apart() {
    let Some(f) = corpus_path("pdfs/legal/district/gov.uscourts.cand.203070.27.0.pdf") else {
        return;
    };
    let x = read(&extractor(), &f, None).expect("extracts");
    assert!(!x.text.contains("2Case"), "{}", x.text);
    assert!(
        x.text
            .contains("Page 1 of 2 Case 4:08-cv-02214-SBA Document 27"),
        "{}",
        x.text
    );
}

#[test]
fn a_worker_over_its_time_is_killed_and_reported() {
    let Some(f) = corpus_path("pdfs/parsers/pdfjs/freeculture.pdf") else {
        return;
    };
    let x = PdfExtractor::new(dossier_tests::pdf_worker(), Duration::from_millis(50), 2048);
    let err = read(&x, &f, None).expect_err("too slow for 50 ms");
    assert!(matches!(err, ExtractError::TimedOut { .. }), "{err}");
}

#[test]
fn a_worker_over_its_memory_is_reported_as_a_crash() {
    let Some(f) = corpus_path("pdfs/parsers/pdfjs/freeculture.pdf") else {
        return;
    };
    let x = PdfExtractor::new(dossier_tests::pdf_worker(), Duration::from_secs(120), 8);
    let err = read(&x, &f, None).expect_err("8 MiB is not enough");
    assert!(matches!(err, ExtractError::Crashed { .. }), "{err}");
}

/// What a reader sees of a document: kind, date, metadata and the start of each page.
fn summary(x: &Extraction) -> String {
    let mut out = format!(
        "kind: {}\ndate: {:?}\ntitle: {:?}\n",
        x.kind, x.doc_date, x.title
    );
    for (k, v) in &x.meta {
        out += &format!("meta {k}: {v}\n");
    }
    for (n, page) in (1..).zip(&x.pages) {
        let start: String = page.lines().take(6).collect::<Vec<_>>().join("\n");
        out += &format!("--- page {n}\n{start}\n");
    }
    out
}

#[test]
fn snapshots_of_real_filings_and_documents() {
    for (name, relative) in [
        (
            "district_order",
            "pdfs/legal/district/gov.uscourts.cacd.657892.182.0.pdf",
        ),
        ("ninth_circuit_brief", "pdfs/legal/appellate/ca9_19.pdf"),
        (
            "two_columns",
            "pdfs/parsers/py-pdf-sample-files/multicolumn.pdf",
        ),
    ] {
        let Some(f) = corpus_path(relative) else {
            return;
        };
        let x = read(&extractor(), &f, None).expect("extracts");
        let text = summary(&x);
        // Only the first three pages: enough to see the stamp, the caption and the layout.
        let cut: String = text
            .split("--- page 4")
            .next()
            .unwrap_or_default()
            .to_owned();
        insta::assert_snapshot!(name, cut);
    }
}

/// A font whose `/Differences` only number their glyphs (`/g18`, Word's subset of Cambria,
/// no Unicode map) does not say which characters it draws. Its glyphs are left out and
/// counted in a warning, never written as the base encoding's unrelated letters (`ˇˆ`) or
/// as control codes; the text drawn in fonts that do say stays whole.
#[test]
fn glyphs_that_only_carry_a_number_are_left_out_and_reported() {
    let Some(f) = corpus_path("pdfs/parsers/pdfjs/TAMReview.pdf") else {
        return;
    };
    let x = read(&extractor(), &f, None).expect("extracts");
    let garbage =
        |c: char| matches!(c, 'ˇ' | 'ˆ' | '\u{FFFD}') || (c.is_control() && !c.is_whitespace());
    assert!(!x.text.chars().any(garbage), "{}", x.text);
    assert!(
        x.text
            .contains("Overview of the Technology Acceptance Model")
    );
    assert!(
        x.warnings
            .iter()
            .any(|w| w.contains("characters left out") && w.contains("needs OCR")),
        "{:?}",
        x.warnings
    );
}

/// pdfTeX names code 171 `/nacute` in `/Differences`; the embedded CFF font's own
/// encoding (`«` there) must not win over it.
#[test]
fn differences_win_over_the_embedded_fonts_own_encoding() {
    let Some(f) = corpus_path("pdfs/parsers/py-pdf-sample-files/GeoTopo-komprimiert.pdf") else {
        return;
    };
    let x = read(&extractor(), &f, None).expect("extracts");
    assert!(x.text.contains("Sierpińskiraum"));
    assert!(!x.text.contains("Sierpi«ski"));
}

/// An OCR text layer places each word by itself, some after a space glyph and some after
/// a gap a little narrower than a space: both are word breaks.
#[test]
fn words_placed_apart_on_a_line_that_also_draws_spaces_stay_apart() {
    let Some(f) = corpus_path("pdfs/legal/district/gov.uscourts.cand.330704.16.6_1.pdf") else {
        return;
    };
    let x = read(&extractor(), &f, None).expect("extracts");
    assert!(
        x.pages[0].contains("WOHLGEMUTH DECL. ISO ABRAMOWITZ'S OPP."),
        "{}",
        x.pages[0]
    );
}

/// A producer that ends every character with a space and draws the next character over
/// that space (each two-byte character of this Chinese table of contents is shown as
/// `<c4bf20> Tj`) leaves no gap: the space is not a word break, as pdftotext reads it.
/// (The bytes are GB2312 under a font that declares WinAnsiEncoding: read as declared,
/// as every reader that follows the specification does, they are Latin-1 letters.)
#[test]
fn a_space_drawn_over_by_the_next_character_is_no_word_break() {
    let Some(f) = corpus_path("pdfs/parsers/pdfjs/XiaoBiaoSong.pdf") else {
        return;
    };
    let x = read(&extractor(), &f, None).expect("extracts");
    // The first title of the table of contents, one character per `Tj`.
    assert!(x.text.contains("¹ØÓÚºì¾ü×÷Õ½µÄÔ-Ôò"), "{}", x.text);
}
