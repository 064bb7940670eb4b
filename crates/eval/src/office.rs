//! Office documents and archives: token F1 per format against `office/expected` (made by
//! python-docx, openpyxl, pyxlsb, xlrd, python-pptx, odfpy, striprtf, catdoc and Python's
//! zipfile; see the folder's MANIFEST.md), the password-protected files' status, and the
//! extraction speed the office bench compares with the Python libraries.
//!
//! A ZIP's ground truth is its listing with nested archives expanded (`outer!/inner`): it
//! is compared, as `path size` lines, with the listing Dossier's archive extractor gives,
//! recursing into the children that are archives as the pipeline does.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use dossier_extract::{ExtractError, Extraction, Hints, Probe, Registry, extract};

use crate::score::{median_mean, token_f1};

/// The format a file is scored under: its extension, `.xlsm` counted with `.xlsx`.
fn format_of(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(if ext == "xlsm" { "xlsx".into() } else { ext })
}

/// Every test file of the folder, sorted, with its status in `INDEX.tsv`.
fn files(corpus: &Path) -> Result<Vec<(PathBuf, String)>> {
    let dir = corpus.join("office");
    let index = std::fs::read_to_string(dir.join("expected/INDEX.tsv"))
        .context("office/expected/INDEX.tsv")?;
    let mut out = Vec::new();
    for line in index.lines().skip(1) {
        let mut cols = line.split('\t');
        let (Some(name), Some(status)) = (cols.next(), cols.next()) else {
            continue;
        };
        out.push((dir.join(name), status.to_owned()));
    }
    out.sort();
    Ok(out)
}

/// Dossier's extraction of one file, as ingest's registry chooses.
fn extract_file(
    registry: &Registry,
    path: &Path,
    bytes: &[u8],
    password: Option<&str>,
) -> Result<Extraction, String> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let extractor = registry
        .choose(&Probe::named(name, &bytes[..bytes.len().min(8192)]))
        .ok_or_else(|| "no extractor bids".to_owned())?;
    let hints = Hints {
        file_name: Some(name.to_owned()),
        password: password.map(str::to_owned),
        ..Hints::default()
    };
    extract(extractor, bytes, &hints).map_err(|e| match e {
        ExtractError::NeedsPassword { .. } => format!("encrypted: {e}"),
        e => e.to_string(),
    })
}

/// An archive's listing as `path size` lines, nested archives expanded as `outer!/inner`.
fn listing(registry: &Registry, x: &Extraction, prefix: &str, depth: usize, out: &mut String) {
    for line in x.text.lines() {
        let mut cols = line.split('\t');
        let (Some(path), Some(size)) = (cols.next(), cols.next()) else {
            continue;
        };
        out.push_str(&format!("{prefix}{path} {size}\n"));
    }
    if depth >= 8 {
        return;
    }
    for child in &x.children {
        let path = child
            .locator
            .strip_prefix("entry=")
            .unwrap_or(&child.locator);
        let name = child.name.clone().unwrap_or_default();
        let Some(extractor) = registry.choose(&Probe::named(
            &name,
            &child.bytes[..child.bytes.len().min(8192)],
        )) else {
            continue;
        };
        if !matches!(extractor.name(), "zip" | "tar") {
            continue;
        }
        let hints = Hints {
            file_name: Some(name),
            ..Hints::default()
        };
        if let Ok(inner) = extract(extractor, &child.bytes, &hints) {
            listing(
                registry,
                &inner,
                &format!("{prefix}{path}!/"),
                depth + 1,
                out,
            );
        }
    }
}

/// The expected text of a file, in the form Dossier's is compared in.
fn expected(path: &Path, format: &str) -> Result<String> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let file = path
        .parent()
        .unwrap_or(path)
        .join("expected")
        .join(format!("{name}.txt"));
    let text = std::fs::read_to_string(&file).with_context(|| file.display().to_string())?;
    Ok(if format == "zip" {
        text.lines()
            .filter_map(|l| {
                let mut c = l.split('\t');
                Some(format!("{} {}\n", c.next()?, c.next()?))
            })
            .collect()
    } else {
        text
    })
}

/// Prints token F1 per format (median, mean, lowest) and the encrypted files' status.
pub fn run(corpus: &Path, verbose: bool) -> Result<()> {
    let registry = Registry::standard();
    let mut per_format: BTreeMap<String, Vec<(f64, String)>> = BTreeMap::new();
    let mut encrypted = Vec::new();
    for (path, status) in files(corpus)? {
        let Some(format) = format_of(&path) else {
            continue;
        };
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_owned();
        let bytes = std::fs::read(&path).with_context(|| path.display().to_string())?;
        let got = extract_file(&registry, &path, &bytes, None);
        if status == "encrypted" {
            let ok = matches!(&got, Err(e) if e.starts_with("encrypted"))
                || (format == "zip"
                    && got
                        .as_ref()
                        .is_ok_and(|x| x.meta.contains_key("encrypted_entries")));
            let how = match &got {
                Err(e) => e.clone(),
                Ok(_) => "read (listing only)".into(),
            };
            encrypted.push((name.clone(), ok, how));
            if format != "zip" {
                continue;
            }
        }
        let want = expected(&path, &format)?;
        let (f1, note) = match got {
            Ok(x) if format == "zip" => {
                let mut ours = String::new();
                listing(&registry, &x, "", 0, &mut ours);
                (token_f1(&ours, &want), String::new())
            }
            Ok(x) => {
                let note = x.no_text.clone().unwrap_or_default();
                (token_f1(&x.text, &want), note)
            }
            Err(e) => (token_f1("", &want), e),
        };
        if verbose {
            println!("{f1:.3}  {name}  {note}");
        }
        per_format.entry(format).or_default().push((f1, name));
    }
    println!("Office documents and archives: token F1 against office/expected, per format");
    println!(
        "{:<6} {:>5} {:>7} {:>7} {:>7}  lowest",
        "format", "files", "median", "mean", "min"
    );
    for (format, scores) in &per_format {
        let values: Vec<f64> = scores.iter().map(|(f, _)| *f).collect();
        let (median, mean) = median_mean(&values);
        let (min, worst) = scores
            .iter()
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(f, n)| (*f, n.as_str()))
            .unwrap_or((f64::NAN, ""));
        println!(
            "{format:<6} {:>5} {median:>7.3} {mean:>7.3} {min:>7.3}  {worst}",
            scores.len()
        );
    }
    let recognised = encrypted.iter().filter(|(_, ok, _)| *ok).count();
    println!(
        "password-protected files reported as such: {recognised} of {}",
        encrypted.len()
    );
    for (name, ok, how) in &encrypted {
        if verbose || !ok {
            println!("  {} {name}: {how}", if *ok { "ok " } else { "NOT" });
        }
    }
    Ok(())
}

/// Extraction speed on the formats the Python libraries read (DOCX, XLSX/XLSM, PPTX):
/// every such file of the folder read and extracted `rounds` times in this process, as the
/// office bench's Python script does with python-docx, openpyxl and python-pptx. Prints
/// `files seconds` for the bench to compare.
pub fn speed(corpus: &Path, rounds: usize) -> Result<()> {
    let registry = Registry::standard();
    let paths: Vec<PathBuf> = files(corpus)?
        .into_iter()
        .filter(|(p, status)| {
            status == "ok"
                && format_of(p).is_some_and(|f| matches!(f.as_str(), "docx" | "xlsx" | "pptx"))
        })
        .map(|(p, _)| p)
        .collect();
    let start = Instant::now();
    let mut count = 0usize;
    for _ in 0..rounds {
        for path in &paths {
            let bytes = std::fs::read(path)?;
            let x = extract_file(&registry, path, &bytes, None)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            std::hint::black_box(x.text.len());
            count += 1;
        }
    }
    println!("{count} {:.6}", start.elapsed().as_secs_f64());
    Ok(())
}
