//! `dossier-eval ocr`: word error rate and throughput of Dossier's OCR against OCRmyPDF's,
//! side by side in one run, on every scan and image of `scans/` that has a ground truth
//! (`scans/expected/INDEX.tsv`; photos, whose truth is EXIF, are left out).
//!
//! Dossier: each file through the extractor ingest would choose (the PDF worker, then
//! `pdftoppm` and Tesseract for pages without a text layer; Tesseract for images), files
//! spread over one thread per core as `dossier ingest` spreads them over its workers.
//! OCRmyPDF: `ocrmypdf -l LANG --skip-text --output-type pdf IN OUT` (its default of one
//! job per core, pages in parallel), then `pdftotext OUT -` (poppler's default mode, the
//! mode the court filings' truth was made with). Both use the same languages.
//!
//! Word error rate: the word-level edit distance (substitutions, insertions, deletions)
//! between the output and the truth, lowercased words of letters and digits, over the
//! truth's word count; overall, the sum of edits over the sum of truth words. Throughput:
//! pages of all files over each tool's wall-clock minutes for the whole set.
//!
//! Measured 2026-12-08 (debug build, Tesseract 5.3.0, OCRmyPDF from Debian 12, on the
//! shared 2-core machine under load from other builds, so the speed ratio is rough): 36
//! files, 20,578 truth words, 78 pages; WER Dossier 0.265, OCRmyPDF 0.390 (ratio 0.68,
//! goal <= 1.10); Dossier 7.4 pages/min, OCRmyPDF 2.5 (ratio 3.0, goal >= 1.0). Caveats:
//! the edit distance counts reading-order differences (two-column pages) as errors;
//! OCRmyPDF is run without `--rotate-pages` (its default; Dossier's `--psm 1` rotates) and
//! with `--image-dpi 300` for images, which overrides an image's own resolution.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use dossier_extract::ocr::{OcrMode, OcrSettings};
use dossier_extract::{Hints, Probe, Registry};

/// One file with its truth.
struct Sample {
    file: PathBuf,
    relative: String,
    truth: String,
}

/// What one tool made of one file.
#[derive(Default, Clone)]
struct Reading {
    text: String,
    pages: usize,
    error: Option<String>,
}

/// Runs the comparison with these languages and prints the table.
pub fn run(corpus: &Path, languages: &str) -> Result<()> {
    let samples = samples(corpus)?;
    if samples.is_empty() {
        bail!("no scans with a ground truth under {}", corpus.display());
    }
    if Command::new("ocrmypdf").arg("--version").output().is_err() {
        bail!("ocrmypdf is not installed (scripts/install-system-deps.sh installs it)");
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());

    let started = Instant::now();
    let ours = dossier_readings(&samples, languages, threads);
    let ours_seconds = started.elapsed().as_secs_f64();

    let work = tempfile::tempdir()?;
    let started = Instant::now();
    let theirs: Vec<Reading> = samples
        .iter()
        .enumerate()
        .map(|(i, s)| ocrmypdf_reading(&s.file, languages, &work.path().join(format!("{i}.pdf"))))
        .collect();
    let theirs_seconds = started.elapsed().as_secs_f64();

    println!(
        "OCR word error rate vs scans/expected ({} files, languages {languages}; lower is better)",
        samples.len()
    );
    println!(
        "{:<62} {:>5} {:>9} {:>9}",
        "file", "words", "dossier", "ocrmypdf"
    );
    let (mut edits_ours, mut edits_theirs, mut truth_words, mut pages) = (0, 0, 0, 0);
    for ((sample, ours), theirs) in samples.iter().zip(&ours).zip(&theirs) {
        let truth = words(&sample.truth);
        let ours_edits = edit_distance(&words(&ours.text), &truth);
        let theirs_edits = edit_distance(&words(&theirs.text), &truth);
        edits_ours += ours_edits;
        edits_theirs += theirs_edits;
        truth_words += truth.len();
        pages += ours.pages.max(theirs.pages);
        let rate = |e: usize| e as f64 / truth.len().max(1) as f64;
        println!(
            "{:<62} {:>5} {:>9.3} {:>9.3}{}{}",
            sample.relative,
            truth.len(),
            rate(ours_edits),
            rate(theirs_edits),
            ours.error
                .as_deref()
                .map(|e| format!("  dossier: {e}"))
                .unwrap_or_default(),
            theirs
                .error
                .as_deref()
                .map(|e| format!("  ocrmypdf: {e}"))
                .unwrap_or_default(),
        );
    }
    let wer_ours = edits_ours as f64 / truth_words.max(1) as f64;
    let wer_theirs = edits_theirs as f64 / truth_words.max(1) as f64;
    println!(
        "{:<62} {:>5} {:>9.3} {:>9.3}  ratio dossier/ocrmypdf {:.2} (goal <= 1.10)",
        "overall",
        truth_words,
        wer_ours,
        wer_theirs,
        wer_ours / wer_theirs
    );
    let per_minute = |s: f64| pages as f64 / (s / 60.0);
    println!(
        "throughput, {pages} pages on {threads} cores: dossier {:.1} pages/min ({ours_seconds:.1} s), \
         ocrmypdf {:.1} pages/min ({theirs_seconds:.1} s), ratio {:.2} (goal >= 1.00)",
        per_minute(ours_seconds),
        per_minute(theirs_seconds),
        theirs_seconds / ours_seconds
    );
    Ok(())
}

/// The scans and images of `INDEX.tsv` with a text truth (its first listed file).
fn samples(corpus: &Path) -> Result<Vec<Sample>> {
    let scans = corpus.join("scans");
    let index = std::fs::read_to_string(scans.join("expected/INDEX.tsv"))
        .context("scans/expected/INDEX.tsv")?;
    let mut out = Vec::new();
    for line in index.lines().skip(1) {
        let mut cols = line.split('\t');
        let (Some(file), Some(truths)) = (cols.next(), cols.next()) else {
            continue;
        };
        let Some(truth) = truths.split(';').next().filter(|t| t.ends_with(".txt")) else {
            continue;
        };
        let truth_path = scans.join(truth);
        out.push(Sample {
            file: scans.join(file),
            relative: file.to_owned(),
            truth: std::fs::read_to_string(&truth_path)
                .with_context(|| truth_path.display().to_string())?,
        });
    }
    Ok(out)
}

/// Dossier's reading of every sample, `threads` files at a time.
fn dossier_readings(samples: &[Sample], languages: &str, threads: usize) -> Vec<Reading> {
    let registry = Registry::standard();
    let next = AtomicUsize::new(0);
    let out = Mutex::new(vec![Reading::default(); samples.len()]);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(sample) = samples.get(i) else {
                        break;
                    };
                    let reading = dossier_reading(&registry, &sample.file, languages);
                    out.lock().unwrap_or_else(|e| e.into_inner())[i] = reading;
                }
            });
        }
    });
    out.into_inner().unwrap_or_else(|e| e.into_inner())
}

fn dossier_reading(registry: &Registry, file: &Path, languages: &str) -> Reading {
    let failed = |e: String| Reading {
        error: Some(e),
        ..Reading::default()
    };
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return failed(e.to_string()),
    };
    let name = file.file_name().and_then(|n| n.to_str());
    let probe = Probe {
        file_name: name,
        head: &bytes[..bytes.len().min(8192)],
        declared_kind: None,
    };
    let Some(extractor) = registry.choose(&probe) else {
        return failed("no extractor".into());
    };
    let hints = Hints {
        file_name: name.map(str::to_owned),
        ocr: OcrSettings {
            mode: OcrMode::Auto,
            languages: languages.to_owned(),
        },
        ..Hints::default()
    };
    match dossier_extract::extract(extractor, &bytes, &hints) {
        Ok(x) => Reading {
            pages: x.pages.len(),
            text: x.pages.join("\n"),
            error: x.no_text,
        },
        Err(e) => failed(e.to_string()),
    }
}

fn ocrmypdf_reading(file: &Path, languages: &str, out: &Path) -> Reading {
    let is_image = !file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let mut command = Command::new("ocrmypdf");
    command
        .arg("-q")
        .arg("-l")
        .arg(languages)
        .arg("--skip-text")
        .arg("--output-type")
        .arg("pdf");
    if is_image {
        // Images without a resolution are refused otherwise; 300 is what scanners write.
        command.arg("--image-dpi").arg("300");
    }
    let status = command.arg(file).arg(out).output();
    match status {
        Ok(o) if o.status.success() => {}
        Ok(o) => {
            let err = String::from_utf8_lossy(&o.stderr);
            return Reading {
                error: Some(format!(
                    "exit {}: {}",
                    o.status,
                    err.lines().last().unwrap_or_default()
                )),
                ..Reading::default()
            };
        }
        Err(e) => {
            return Reading {
                error: Some(e.to_string()),
                ..Reading::default()
            };
        }
    }
    match Command::new("pdftotext").arg(out).arg("-").output() {
        Ok(o) => {
            let text = String::from_utf8_lossy(&o.stdout).into_owned();
            Reading {
                pages: text.matches('\u{c}').count().max(1),
                text,
                error: None,
            }
        }
        Err(e) => Reading {
            error: Some(format!("pdftotext: {e}")),
            ..Reading::default()
        },
    }
}

/// Lowercased words of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Word-level Levenshtein distance.
fn edit_distance(got: &[String], want: &[String]) -> usize {
    let mut previous: Vec<usize> = (0..=want.len()).collect();
    let mut current = vec![0; want.len() + 1];
    for (i, g) in got.iter().enumerate() {
        current[0] = i + 1;
        for (j, w) in want.iter().enumerate() {
            let substitute = previous[j] + usize::from(g != w);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[want.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn edit_distance_counts_substitutions_insertions_and_deletions_of_words() {
        assert_eq!(edit_distance(&w("the court said"), &w("The court said")), 0);
        assert_eq!(edit_distance(&w("the c0urt said"), &w("the court said")), 1);
        assert_eq!(edit_distance(&w("the court"), &w("the court said")), 1);
        assert_eq!(
            edit_distance(&w("the big court said"), &w("the court said")),
            1
        );
        assert_eq!(edit_distance(&w(""), &w("the court said")), 3);
    }
}
