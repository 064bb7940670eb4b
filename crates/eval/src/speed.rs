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
///
/// The two run page by page in turn (dom_smoothie, then Dossier, on the same page), and
/// each is timed in CPU time of this thread (`CLOCK_THREAD_CPUTIME_ID`), so that
/// other work on a shared machine, which stretches wall-clock time unevenly, does not
/// decide the ratio. Wall-clock figures are printed too. Best of `rounds` rounds.
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
    let cpu_clock = thread_cpu_ns().is_some();
    let (mut best_alone, mut best_ours) = (Times::MAX, Times::MAX);
    for _ in 0..rounds {
        let (mut alone, mut ours) = (Times::ZERO, Times::ZERO);
        for (bytes, html) in &inputs {
            let mark = Times::now();
            // The same configuration Dossier uses (formatted text), so the ratio is the
            // cost of what Dossier adds: charset, boilerplate, metadata, sanitised rendition.
            let config = dom_smoothie::Config {
                text_mode: dom_smoothie::TextMode::Formatted,
                ..dom_smoothie::Config::default()
            };
            let mut r = dom_smoothie::Readability::new(html.as_str(), None, Some(config))?;
            let _ = std::hint::black_box(r.parse());
            // The library's document is freed inside its own span, as the HtmlExtractor's
            // is inside its call: otherwise only Dossier pays for freeing a parsed page.
            drop(r);
            let middle = Times::now();
            let _ = std::hint::black_box(HtmlExtractor.extract(bytes, &Hints::default()));
            let end = Times::now();
            alone.add(&mark, &middle);
            ours.add(&middle, &end);
        }
        best_alone = best_alone.min(&alone);
        best_ours = best_ours.min(&ours);
    }
    let n = inputs.len() as f64;
    println!(
        "Article speed over {} pages, best of {rounds} rounds, page by page in turn",
        inputs.len()
    );
    for (what, alone, ours) in [
        ("CPU time", best_alone.cpu, best_ours.cpu),
        ("wall clock", best_alone.wall, best_ours.wall),
    ] {
        if what == "CPU time" && !cpu_clock {
            continue;
        }
        println!(
            "  {what:<10} dom_smoothie alone    : {alone:>7.3} s  {:>8.1} pages/s",
            n / alone
        );
        println!(
            "  {what:<10} dossier HtmlExtractor : {ours:>7.3} s  {:>8.1} pages/s  (charset, boilerplate, metadata, sanitised rendition)",
            n / ours
        );
        println!(
            "  {what:<10} ratio dossier/alone   : {:.2}x  (goal >= 0.9x)",
            alone / ours
        );
    }
    Ok(())
}

/// Seconds of wall clock and of this thread's CPU time.
#[derive(Clone, Copy)]
struct Times {
    wall: f64,
    cpu: f64,
}

impl Times {
    const ZERO: Times = Times {
        wall: 0.0,
        cpu: 0.0,
    };
    const MAX: Times = Times {
        wall: f64::MAX,
        cpu: f64::MAX,
    };

    /// Now, as seconds since an arbitrary start.
    fn now() -> Times {
        static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
        let start = START.get_or_init(Instant::now);
        Times {
            wall: start.elapsed().as_secs_f64(),
            cpu: thread_cpu_ns().unwrap_or(0) as f64 / 1e9,
        }
    }

    fn add(&mut self, from: &Times, to: &Times) {
        self.wall += to.wall - from.wall;
        self.cpu += to.cpu - from.cpu;
    }

    fn min(&self, other: &Times) -> Times {
        Times {
            wall: self.wall.min(other.wall),
            cpu: self.cpu.min(other.cpu),
        }
    }
}

/// Nanoseconds this thread has run on a CPU (`CLOCK_THREAD_CPUTIME_ID`); `None` where
/// that is not available.
///
/// Not `/proc/thread-self/schedstat`: the kernel brings a running thread's figure there
/// up to date only at a scheduler tick (every few milliseconds), longer than a page takes,
/// so each page's time was a tick or nothing and the ratio swung from run to run
/// (0.78x-1.00x on the same build); this clock reads the time to the nanosecond.
#[cfg(unix)]
fn thread_cpu_ns() -> Option<u64> {
    let now = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    let seconds = u64::try_from(now.tv_sec).ok()?;
    let nanos = u64::try_from(now.tv_nsec).ok()?;
    Some(seconds * 1_000_000_000 + nanos)
}

#[cfg(not(unix))]
fn thread_cpu_ns() -> Option<u64> {
    None
}
