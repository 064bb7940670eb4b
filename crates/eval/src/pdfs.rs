//! PDF quality: token F1 of Dossier's text against pdftotext's, per file.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use dossier_extract::{Hints, PdfExtractor};

use crate::score::{median_mean, read_csv, token_f1, token_f1_of};

/// Prints one row per PDF and the summary; returns the mean F1 over files with a text layer.
///
/// Three figures are printed. The goal's own: token F1 against pdftotext over every file
/// with a text layer. Then two that set aside what no reader can read, because pdftotext
/// writes a glyph it cannot name as its raw number (control codes, or letters such as
/// `ǡ` taken from a glyph's number) and counts it as text: the same mean without the files
/// whose reference is mostly such characters, and the mean over every file scoring only
/// readable tokens, those without a control code, a replacement character or a mojibake
/// symbol (see [`unreadable_share`]), in both texts alike. The last keeps every file and
/// scores each on the words either tool could read.
pub fn run(corpus: &Path) -> Result<f64> {
    let index = std::fs::read_to_string(corpus.join("pdfs/index.csv")).context("pdfs/index.csv")?;
    let extractor = PdfExtractor::default();
    let mut with_layer = Vec::new();
    let mut with_readable_reference = Vec::new();
    let mut readable_tokens = Vec::new();
    let mut failures = 0;
    println!(
        "{:<62} {:>5} {:>6} {:>7}  status",
        "pdf", "pages", "layer", "F1"
    );
    for row in read_csv(&index) {
        let file = &row["file"];
        let path = corpus.join("pdfs").join(file);
        let bytes = std::fs::read(&path).with_context(|| path.display().to_string())?;
        let reference =
            std::fs::read_to_string(path.with_extension("pdftotext.txt")).unwrap_or_default();
        let hints = Hints {
            file_name: path.file_name().and_then(|n| n.to_str()).map(str::to_owned),
            // As `dossier ingest --password`; the reference was made with `pdftotext -upw`.
            password: row.get("password").filter(|p| !p.is_empty()).cloned(),
            // The text layer against pdftotext's; OCR is measured by `dossier-eval ocr`.
            ocr: dossier_extract::ocr::OcrSettings {
                mode: dossier_extract::ocr::OcrMode::Off,
                ..Default::default()
            },
            ..Hints::default()
        };
        let started = Instant::now();
        let (text, status) = match dossier_extract::extract(&extractor, &bytes, &hints) {
            Ok(x) => {
                let detail = if x.warnings.is_empty() {
                    format!("ok {}", x.kind)
                } else {
                    format!("ok {} ({})", x.kind, x.warnings.join("; "))
                };
                (x.text, detail)
            }
            Err(e) => {
                failures += 1;
                (String::new(), format!("FAILED: {e}"))
            }
        };
        let f1 = token_f1(&text, &reference);
        let readable_f1 = token_f1_of(&text, &reference, is_readable_token);
        let layer = row.get("text_layer").map(String::as_str).unwrap_or("?");
        let garbage = unreadable_share(&reference);
        let reference_unreadable = garbage > UNREADABLE;
        if layer == "yes" {
            with_layer.push(f1);
            readable_tokens.push(readable_f1);
            if !reference_unreadable {
                with_readable_reference.push(f1);
            }
        }
        let status = if reference_unreadable {
            format!(
                "REFERENCE UNREADABLE ({:.0}% control codes or mojibake); readable-token F1 {readable_f1:.4}; {status}",
                100.0 * garbage
            )
        } else {
            status
        };
        println!(
            "{:<62} {:>5} {:>6} {:>7.4}  {} [{:.2}s]",
            file,
            row.get("pages").map(String::as_str).unwrap_or("?"),
            layer,
            f1,
            status.chars().take(110).collect::<String>(),
            started.elapsed().as_secs_f64()
        );
    }
    let (median, mean) = median_mean(&with_layer);
    println!(
        "\nPDF token F1 vs pdftotext over {} files with a text layer: mean {mean:.4}, median {median:.4} (goal: mean >= 0.97); {failures} files failed with a per-file status",
        with_layer.len()
    );
    let (median, mean_readable) = median_mean(&with_readable_reference);
    println!(
        "  the same without the {} files whose pdftotext reference is unreadable (more than {:.0}% control codes or mojibake symbols): mean {mean_readable:.4}, median {median:.4} over {} files",
        with_layer.len() - with_readable_reference.len(),
        100.0 * UNREADABLE,
        with_readable_reference.len()
    );
    let (median, mean_tokens) = median_mean(&readable_tokens);
    println!(
        "  the same over all {} files scoring readable tokens only (tokens with a control code, a replacement character or a mojibake symbol are left out of both texts): mean {mean_tokens:.4}, median {median:.4}",
        readable_tokens.len()
    );
    Ok(mean)
}

/// Whether a token can be a word of some language: no control code, no replacement
/// character, no mojibake symbol.
fn is_readable_token(token: &str) -> bool {
    !token.chars().any(is_unreadable_char)
}

/// A reference with more than this share of unreadable characters is not text.
const UNREADABLE: f64 = 0.3;

/// The share of a text's visible characters that no reader could read: control codes
/// (a font's raw glyph numbers, as pdftotext writes them when a font has no Unicode map)
/// and the symbols that legacy double-byte text becomes when its bytes are taken for
/// Latin-1 (`¡¿£¼`), the spacing modifier letters, Latin Extended-B and Greek numeral
/// signs that the same accident produces. Real text in any language has almost none.
pub fn unreadable_share(text: &str) -> f64 {
    let (mut visible, mut unreadable) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        visible += 1;
        unreadable += usize::from(is_unreadable_char(c));
    }
    if visible == 0 {
        0.0
    } else {
        unreadable as f64 / visible as f64
    }
}

/// A character no reader could read (see [`unreadable_share`]); U+FFFD is what a reader
/// writes for a glyph it could not name.
fn is_unreadable_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{A1}'..='\u{BF}' | '\u{180}'..='\u{24F}' | '\u{2B0}'..='\u{2FF}' | '\u{370}'..='\u{37F}' | '\u{FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_numbers_and_mojibake_are_unreadable_and_real_text_in_any_language_is_not() {
        assert!(unreadable_share("\u{96}\u{8a}\u{83}\u{96}\u{03} ȋͳͻͺͷȌǤ") > 0.9);
        assert!(unreadable_share("Ä¿¡¡¡¡Â¼ £¨Ò»¾ÅÈýÆßÄê°ËÔÂÒ»ÈÕ£©") > UNREADABLE);
        for text in [
            "The court finds, ¶ 12, that § 1983 applies.",
            "Déjà vu: l’été, naïve façade.",
            "目录 关于红军作战的原则",
            "Ελληνικά και Русский текст",
        ] {
            assert!(unreadable_share(text) < 0.1, "{text}");
        }
    }

    #[test]
    fn readable_token_scoring_sets_glyph_numbers_aside_in_both_texts() {
        // pdftotext's reading of a font that only numbers its glyphs, against a reader
        // that leaves those glyphs out: the words both could read agree.
        let reference = "Abstract ǡǥ ȋͳͻͺͷȍ Model";
        // Plainly scored, half the reference's tokens are missed: F1 2/3.
        assert!((token_f1("Abstract Model", reference) - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(
            token_f1_of("Abstract Model", reference, is_readable_token),
            1.0
        );
        assert!(!is_readable_token("ǡ"));
        assert!(is_readable_token("Déjà"));
    }
}
