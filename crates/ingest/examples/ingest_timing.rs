//! Times the ingest pipeline alone (walk, hash, store originals fsynced, extract, record in
//! SQLite; no search index) on a folder, to split `dossier ingest`'s time between the
//! pipeline and the search index that follows it (`benches/email-vs-python.sh`).
//!
//! usage: cargo run --release -p dossier-ingest --example ingest_timing -- FOLDER

use std::path::PathBuf;
use std::time::Instant;

use dossier_extract::Registry;
use dossier_ingest::{IngestOptions, ingest};
use dossier_store::{Case, CaseOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(folder) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: ingest_timing FOLDER");
        std::process::exit(2);
    };
    let dir = tempfile::tempdir()?;
    let mut case = Case::init(&dir.path().join("case"), CaseOptions::default())?;
    let _lock = case.writer_lock()?;
    let started = Instant::now();
    let report = ingest(
        &mut case,
        &[folder],
        &IngestOptions::default(),
        &Registry::standard(),
        &|_| {},
    )?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "pipeline without search index: {} added, {} duplicates, {} failed in {secs:.3} s: {:.0} documents/s",
        report.added,
        report.duplicates,
        report.failed.len(),
        report.added as f64 / secs
    );
    Ok(())
}
