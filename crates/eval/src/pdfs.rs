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
        if layer == "yes" {
            with_layer.push(f1);
        }
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
    Ok(mean)
}
