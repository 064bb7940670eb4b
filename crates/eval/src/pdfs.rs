//! PDF quality: token F1 of Dossier's text against pdftotext's, per file.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use dossier_extract::{Hints, PdfExtractor};

use crate::score::{median_mean, read_csv, token_f1};

/// Prints one row per PDF and the summary; returns the mean F1 over files with a text layer.
pub fn run(corpus: &Path) -> Result<f64> {
    let index = std::fs::read_to_string(corpus.join("pdfs/index.csv")).context("pdfs/index.csv")?;
    let extractor = PdfExtractor::default();
    let mut with_layer = Vec::new();
    let mut with_readable_reference = Vec::new();
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
            ..Hints::default()
        };
        let started = Instant::now();
        let (f1, status) = match dossier_extract::extract(&extractor, &bytes, &hints) {
            Ok(x) => {
                let detail = if x.warnings.is_empty() {
                    format!("ok {}", x.kind)
                } else {
                    format!("ok {} ({})", x.kind, x.warnings.join("; "))
                };
                (token_f1(&x.text, &reference), detail)
            }
            Err(e) => {
                failures += 1;
                (token_f1("", &reference), format!("FAILED: {e}"))
            }
        };
        let layer = row.get("text_layer").map(String::as_str).unwrap_or("?");
        let garbage = unreadable_share(&reference);
        let reference_unreadable = garbage > UNREADABLE;
        if layer == "yes" {
            with_layer.push(f1);
            if !reference_unreadable {
                with_readable_reference.push(f1);
            }
        }
        let status = if reference_unreadable {
            format!(
                "REFERENCE UNREADABLE: {:.0}% of its characters are control codes or mojibake symbols; {status}",
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
        "  the same without the {} files whose pdftotext reference is unreadable (more than {:.0}% control codes or mojibake symbols: a font without a Unicode map, which neither tool can read): mean {mean_readable:.4}, median {median:.4} over {} files",
        with_layer.len() - with_readable_reference.len(),
        100.0 * UNREADABLE,
        with_readable_reference.len()
    );
    Ok(mean)
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
        let odd = c.is_control()
            || matches!(c, '\u{A1}'..='\u{BF}' | '\u{180}'..='\u{24F}' | '\u{2B0}'..='\u{2FF}' | '\u{370}'..='\u{37F}');
        unreadable += usize::from(odd);
    }
    if visible == 0 {
        0.0
    } else {
        unreadable as f64 / visible as f64
    }
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
}
