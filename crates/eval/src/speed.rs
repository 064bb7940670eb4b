//! Speed, side by side in one run: Dossier against the tool a user would otherwise run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use dossier_extract::{Extractor, Hints, HtmlExtractor, Registry};
use dossier_ingest::{IngestOptions, ingest};
use dossier_store::{Case, CaseOptions};

use crate::score::read_csv;

/// Ingest of the corpus PDFs into a fresh case against a loop of `pdftotext -layout` over
/// the same files, one process per file as a user would run it.
pub fn pdfs(corpus: &Path) -> Result<()> {
    let folder = corpus.join("pdfs");
    let index = std::fs::read_to_string(folder.join("index.csv"))?;
    let rows = read_csv(&index);
    let files: Vec<PathBuf> = rows.iter().map(|r| folder.join(&r["file"])).collect();
    let pages: u64 = rows
        .iter()
        .filter_map(|r| r.get("pages").and_then(|p| p.parse::<u64>().ok()))
        .sum();
    if Command::new("pdftotext")
        .arg("-v")
        .stderr(Stdio::null())
        .status()
        .is_err()
    {
        bail!("pdftotext is not installed (apt-get install poppler-utils)");
    }

    let out = tempfile::tempdir()?;
    let started = Instant::now();
    for f in &files {
        // A user's loop: one process per file, text to a file, failures reported and skipped.
        let target = out.path().join("out.txt");
        let _ = Command::new("pdftotext")
            .args(["-layout", "-enc", "UTF-8"])
            .arg(f)
            .arg(&target)
            .stderr(Stdio::null())
            .status()
            .context("running pdftotext")?;
    }
    let poppler = started.elapsed().as_secs_f64();

    let dir = tempfile::tempdir()?;
    let root = dir.path().join("case");
    let mut case = Case::init(&root, CaseOptions::default())?;
    let _lock = case.writer_lock()?;
    let started = Instant::now();
    let report = ingest(
        &mut case,
        &files,
        &IngestOptions::default(),
        &Registry::standard(),
        &|_| {},
    )?;
    let dossier = started.elapsed().as_secs_f64();
    let pdf_docs = report.documents.len();

    println!("PDF speed over {} files, {pages} pages", files.len());
    println!(
        "  pdftotext -layout loop : {poppler:>7.2} s  {:>8.1} pages/s",
        pages as f64 / poppler
    );
    println!(
        "  dossier ingest (files) : {dossier:>7.2} s  {:>8.1} pages/s  ({} documents, {} failed items)",
        pages as f64 / dossier,
        pdf_docs,
        report.failed.len()
    );
    println!(
        "  ratio dossier/pdftotext: {:.2}x  (goal >= 1.0x)",
        poppler / dossier
    );
    Ok(())
}

/// HtmlExtractor over every article page against dom_smoothie alone on the same pages.
pub fn articles(corpus: &Path, rounds: usize) -> Result<()> {
    let pages = crate::articles::load(corpus)?;
    let inputs: Vec<(Vec<u8>, String)> = pages
        .iter()
        .map(|p| {
            let bytes = std::fs::read(&p.path)?;
            let (text, _, _) = dossier_extract::html::decode_html(&bytes);
            Ok((bytes, text))
        })
        .collect::<Result<_>>()?;
    let mut best_alone = f64::MAX;
    let mut best_ours = f64::MAX;
    for _ in 0..rounds {
        let started = Instant::now();
        for (_, html) in &inputs {
            // The same configuration Dossier uses (formatted text), so the ratio is the
            // cost of what Dossier adds: charset, metadata, sanitised rendition.
            let config = dom_smoothie::Config {
                text_mode: dom_smoothie::TextMode::Formatted,
                ..dom_smoothie::Config::default()
            };
            let mut r = dom_smoothie::Readability::new(html.as_str(), None, Some(config))?;
            let _ = std::hint::black_box(r.parse());
        }
        best_alone = best_alone.min(started.elapsed().as_secs_f64());
        let started = Instant::now();
        for (bytes, _) in &inputs {
            let _ = std::hint::black_box(HtmlExtractor.extract(bytes, &Hints::default()));
        }
        best_ours = best_ours.min(started.elapsed().as_secs_f64());
    }
    let n = inputs.len() as f64;
    println!(
        "Article speed over {} pages, best of {rounds} rounds",
        inputs.len()
    );
    println!(
        "  dom_smoothie alone     : {best_alone:>7.3} s  {:>8.1} pages/s",
        n / best_alone
    );
    println!(
        "  dossier HtmlExtractor  : {best_ours:>7.3} s  {:>8.1} pages/s  (charset, metadata, sanitised rendition)",
        n / best_ours
    );
    println!(
        "  ratio dossier/alone    : {:.2}x  (goal >= 0.9x)",
        best_alone / best_ours
    );
    Ok(())
}
