//! PDF pages to images for OCR, by poppler's `pdftoppm`.
//!
//! Why `pdftoppm`: it is Debian's, renders every image encoding scanners write (CCITT G4,
//! JBIG2, JPEG, JPEG 2000) and page rotation, and runs as its own process, so its GPL
//! licence stays outside Dossier and a crash or a hang stays in it (it runs under the
//! same limits as Tesseract). pdfium is not in Debian; hayro (pure Rust) was not
//! measured against it yet. Pages are rendered in gray at [`RENDER_DPI`] as PGM, which
//! costs no compression to write or read.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use super::{OcrFailure, run_limited};
use crate::ExtractError;

/// Pixels per inch pages are rendered at: Tesseract reads body text best at 300.
pub const RENDER_DPI: u32 = 300;
/// Overrides where `pdftoppm` is.
pub const PDFTOPPM_ENV: &str = "DOSSIER_PDFTOPPM";

/// Renders these pages (numbered from 1, ascending) of the PDF `pdf` into `work`, one
/// gray image each, returned in the order asked.
pub fn render_pages(
    pdf: &Path,
    pages: &[u32],
    password: Option<&str>,
    work: &Path,
    timeout: Duration,
    memory_mb: u64,
) -> Result<Vec<PathBuf>, OcrFailure> {
    let program = std::env::var_os(PDFTOPPM_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("pdftoppm"));
    let mut images = Vec::with_capacity(pages.len());
    for run in runs(pages) {
        let (first, last) = (run[0], run[run.len() - 1]);
        let prefix = work.join(format!("page{first}"));
        let mut command = Command::new(&program);
        command
            .arg("-r")
            .arg(RENDER_DPI.to_string())
            .arg("-gray")
            .arg("-f")
            .arg(first.to_string())
            .arg("-l")
            .arg(last.to_string());
        if let Some(p) = password {
            command.arg("-upw").arg(p);
        }
        command.arg(pdf).arg(&prefix);
        match run_limited(command, timeout, memory_mb, None) {
            Ok(_) => {}
            // Without pdftoppm there is no OCR of PDFs: said like a missing Tesseract,
            // but naming the program.
            Err(OcrFailure::Missing) => {
                return Err(OcrFailure::Failed(ExtractError::Crashed {
                    extractor: "ocr",
                    reason: "OCR unavailable: pdftoppm (poppler-utils) not installed".into(),
                }));
            }
            Err(e) => return Err(e),
        }
        // pdftoppm names its files `PREFIX-N.pgm`, N zero-padded to the page count's width.
        let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir(work)
            .map_err(|e| {
                OcrFailure::Failed(ExtractError::Crashed {
                    extractor: "ocr",
                    reason: format!("cannot list {}: {e}", work.display()),
                })
            })?
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                let name = path.file_name()?.to_str()?.to_owned();
                let n = name
                    .strip_prefix(&format!("page{first}-"))?
                    .strip_suffix(".pgm")?
                    .parse()
                    .ok()?;
                Some((n, path))
            })
            .collect();
        found.sort();
        for n in run {
            let Some((_, path)) = found.iter().find(|(m, _)| m == n) else {
                return Err(OcrFailure::Failed(ExtractError::Crashed {
                    extractor: "ocr",
                    reason: format!("pdftoppm rendered no image of page {n}"),
                }));
            };
            images.push(path.clone());
        }
    }
    Ok(images)
}

/// Consecutive page numbers grouped, so one `pdftoppm` renders each stretch.
fn runs(pages: &[u32]) -> Vec<&[u32]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=pages.len() {
        if i == pages.len() || pages[i] != pages[i - 1] + 1 {
            if start < i {
                out.push(&pages[start..i]);
            }
            start = i;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_pages_render_in_one_stretch() {
        assert_eq!(
            runs(&[1, 2, 3, 5, 7, 8]),
            vec![&[1, 2, 3][..], &[5], &[7, 8]]
        );
        assert!(runs(&[]).is_empty());
    }
}
