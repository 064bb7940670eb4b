//! OCR of PDF pages without a text layer, on real scans from the corpus
//! (`../shared/corpus/scans`): rendered by `pdftoppm`, read by Tesseract, through the real
//! PDF worker. Pages with a text layer are left alone unless OCR is forced.
//!
//! Tesseract is a declared dependency (`scripts/install-system-deps.sh`): without it these
//! tests fail under CI and say why elsewhere.

use std::path::Path;
use std::time::Duration;

use dossier_extract::ocr::{OcrMode, OcrSettings, TESSERACT_MISSING, Tesseract};
use dossier_extract::{Extraction, Hints, PdfExtractor, extract};
use dossier_tests::{corpus_path, running_under_ci};

fn extractor() -> PdfExtractor {
    PdfExtractor::new(dossier_tests::pdf_worker(), Duration::from_secs(120), 2048)
}

fn tesseract_installed() -> bool {
    if Tesseract::default().version().is_some() {
        return true;
    }
    assert!(
        !running_under_ci(),
        "tesseract is not installed (scripts/install-system-deps.sh installs it): OCR cannot be tested"
    );
    eprintln!("SKIPPED: tesseract is not installed; scripts/install-system-deps.sh installs it");
    false
}

fn read(x: &PdfExtractor, path: &Path, mode: OcrMode) -> Extraction {
    let bytes = std::fs::read(path).expect("corpus file");
    let hints = Hints {
        file_name: path.file_name().and_then(|n| n.to_str()).map(str::to_owned),
        ocr: OcrSettings {
            mode,
            ..OcrSettings::default()
        },
        ..Hints::default()
    };
    extract(x, &bytes, &hints).expect("extracts")
}

/// Lowercased words of letters and digits, for comparing OCR with the truth.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn a_scanned_court_filing_is_read_page_by_page_and_becomes_a_dated_filing() {
    if !tesseract_installed() {
        return;
    }
    let (Some(scan), Some(truth)) = (
        corpus_path("scans/generated/ca2_1-1.scan300-bw.pdf"),
        corpus_path("scans/expected/generated/ca2_1-1.txt"),
    ) else {
        return;
    };
    let x = read(&extractor(), &scan, OcrMode::Auto);
    assert_eq!(x.no_text, None, "{:?}", x.warnings);
    assert_eq!(x.pages.len(), 2);
    assert_eq!(x.ocr.len(), 2, "both image-only pages are OCRed");
    assert_eq!(x.meta.get("ocr.pages").map(String::as_str), Some("1,2"));
    assert!(!x.meta.contains_key("pages_needing_ocr"));
    // The ECF stamp read by OCR makes it a filing, dated by its stamp.
    assert_eq!(x.kind, "filing");
    assert_eq!(x.doc_date.as_deref(), Some("2017-10-31"));
    // Nine words in ten of the original's text are found, page by page.
    let truth = std::fs::read_to_string(truth).expect("truth");
    for (n, (page, expected)) in x.pages.iter().zip(truth.split('\u{c}')).enumerate() {
        let got = words(page);
        let expected = words(expected);
        let found = expected.iter().filter(|w| got.contains(w)).count();
        assert!(
            found * 10 >= expected.len() * 9,
            "page {}: {found} of {} words",
            n + 1,
            expected.len()
        );
    }
    for page in &x.ocr {
        assert_eq!((page.dpi, page.engine.as_str()), (300, "tesseract"));
        assert!(
            page.mean_confidence >= 80,
            "page {}: {}",
            page.page,
            page.mean_confidence
        );
        // Letter paper at 300 dpi: 2550 x 3300 pixels.
        assert_eq!((page.image_width, page.image_height), (2550, 3300));
    }
}

#[test]
fn a_page_with_a_text_layer_is_not_ocred_unless_forced() {
    if !tesseract_installed() {
        return;
    }
    let Some(mixed) = corpus_path("scans/real/ocrmypdf_multipage.pdf") else {
        return;
    };
    let x = read(&extractor(), &mixed, OcrMode::Auto);
    let ocred: Vec<u32> = x.ocr.iter().map(|p| p.page).collect();
    assert!(!ocred.contains(&4), "page 4 has a text layer: {ocred:?}");
    assert!(ocred.contains(&1), "{ocred:?}");

    let Some(typed) = corpus_path("pdfs/legal/appellate/ca2_1-1.pdf") else {
        return;
    };
    let auto = read(&extractor(), &typed, OcrMode::Auto);
    assert!(auto.ocr.is_empty(), "a typed filing is not OCRed");
    let forced = read(&extractor(), &typed, OcrMode::Force);
    assert_eq!(forced.ocr.len(), 2, "--ocr force reads every page");
    let off = read(
        &extractor(),
        &corpus_path("scans/generated/ca2_1-1.scan300-bw.pdf").expect("corpus"),
        OcrMode::Off,
    );
    assert!(off.ocr.is_empty());
    assert!(off.no_text.is_some_and(|r| r.contains("needs OCR")));
}

#[test]
fn without_tesseract_a_scan_fails_saying_ocr_is_unavailable() {
    let Some(scan) = corpus_path("scans/generated/ca8_.scan300-bw.pdf") else {
        return;
    };
    let missing = Tesseract::new("/nonexistent/tesseract", Duration::from_secs(5), 256);
    let x = read(&extractor().with_tesseract(missing), &scan, OcrMode::Auto);
    assert!(
        x.warnings.iter().any(|w| w == TESSERACT_MISSING),
        "{:?}",
        x.warnings
    );
    assert!(
        x.no_text
            .as_deref()
            .is_some_and(|r| r.contains("needs OCR")),
        "never an empty success: {:?}",
        x.no_text
    );
}
