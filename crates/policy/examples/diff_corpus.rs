//! Measures normalising, diffing and computing every change of every series in a folder
//! of captures laid out like the shared corpus (`policies/<company>/<document>/YYYY-MM-DD.md`).
//!
//! ```text
//! cargo run --release -p dossier-policy --example diff_corpus [-- POLICIES_DIR] [--verbose]
//! ```
//!
//! Reading the files is timed apart from the work, which is what the figure is about.

use std::path::{Path, PathBuf};
use std::time::Instant;

use dossier_policy::{CaptureInput, Format, Normalised, Series, capture_name};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let verbose = std::env::args().any(|a| a == "--verbose");
    let root = std::env::args_os()
        .skip(1)
        .find(|a| a != "--verbose")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/policies")
        });
    let read_started = Instant::now();
    let mut folders = Vec::new();
    collect(&root, &mut folders)?;
    folders.sort();
    let mut series_files = Vec::new();
    for folder in &folders {
        let mut files: Vec<(String, u32, String, String)> = Vec::new();
        for entry in std::fs::read_dir(folder)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some((date, ordinal)) = capture_name(&name) {
                let text = std::fs::read_to_string(entry.path())?;
                files.push((date, ordinal, name, text));
            }
        }
        files.sort();
        if !files.is_empty() {
            series_files.push((folder.clone(), files));
        }
    }
    let read = read_started.elapsed();

    // The same work in stages, to see where the time goes.
    let stage = Instant::now();
    let normalised: Vec<Vec<CaptureInput>> = series_files
        .iter()
        .map(|(_, files)| {
            files
                .iter()
                .enumerate()
                .map(|(i, (date, _, name, text))| CaptureInput {
                    doc: i as i64 + 1,
                    captured: date.clone(),
                    text: Normalised::new(text, Format::detect(Some(name), text)),
                })
                .collect()
        })
        .collect();
    let t_normalise = stage.elapsed();
    let stage = Instant::now();
    let analysed: Vec<Series> = normalised.into_iter().map(Series::new).collect();
    let t_claims = stage.elapsed();
    let stage = Instant::now();
    let n_changes: usize = analysed.iter().map(|s| s.changes().len()).sum();
    let t_changes = stage.elapsed();
    println!(
        "stages: normalise {:.1} ms, claimed dates and wording {:.1} ms, {n_changes} changes diffed {:.1} ms",
        t_normalise.as_secs_f64() * 1e3,
        t_claims.as_secs_f64() * 1e3,
        t_changes.as_secs_f64() * 1e3
    );

    let started = Instant::now();
    let mut total_versions = 0;
    let mut report = Vec::new();
    for (folder, files) in &series_files {
        let inputs = files
            .iter()
            .enumerate()
            .map(|(i, (date, _, name, text))| CaptureInput {
                doc: i as i64 + 1,
                captured: date.clone(),
                text: Normalised::new(text, Format::detect(Some(name), text)),
            })
            .collect();
        let series = Series::new(inputs);
        let changes = series.changes();
        total_versions += series.versions().len();
        if verbose {
            for c in &changes {
                println!(
                    "{} {} -> {} claimed {:?} -> {:?} silent={} empty_bump={} +{} -{} | {}",
                    folder.display(),
                    c.last_old,
                    c.first_new,
                    c.claimed_before,
                    c.claimed_after,
                    c.silent,
                    c.empty_bump,
                    c.diff.added.len(),
                    c.diff.removed.len(),
                    c.diff.hunks.first().map(|h| h.render()).unwrap_or_default()
                );
            }
        }
        report.push((
            folder
                .strip_prefix(&root)
                .unwrap_or(folder)
                .display()
                .to_string(),
            series.versions().len(),
            changes.len(),
            changes.iter().filter(|c| c.silent).count(),
            changes.iter().filter(|c| c.empty_bump).count(),
            series.formatting_only(),
            changes.iter().map(|c| c.diff.hunks.len()).sum::<usize>(),
        ));
    }
    let work = started.elapsed();

    println!(
        "{:<32} {:>8} {:>7} {:>6} {:>10} {:>11} {:>6}",
        "series", "versions", "changes", "silent", "empty bump", "format only", "hunks"
    );
    for (name, v, c, s, e, f, h) in &report {
        println!("{name:<32} {v:>8} {c:>7} {s:>6} {e:>10} {f:>11} {h:>6}");
    }
    println!(
        "{total_versions} versions in {} series: read in {:.1} ms; normalised, diffed and all changes computed in {:.1} ms",
        report.len(),
        read.as_secs_f64() * 1e3,
        work.as_secs_f64() * 1e3
    );
    Ok(())
}

/// Every folder under `dir` that directly holds capture files.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut has_captures = false;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            collect(&entry.path(), out)?;
        } else if capture_name(&entry.file_name().to_string_lossy()).is_some() {
            has_captures = true;
        }
    }
    if has_captures {
        out.push(dir.to_owned());
    }
    Ok(())
}
