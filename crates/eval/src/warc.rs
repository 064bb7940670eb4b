//! `dossier-eval warc`: Dossier's WARC/ARC/WACZ reader against warcio's record list for
//! every file of `warc/` (`warc/expected/NAME.json`, warcio 1.8.2 with digests checked).
//!
//! Per record it compares type, address, date, record id and the digest verdict (and, as a
//! further column, the HTTP status and the decoded payload's size). Where warcio stops with
//! "non-chunked gzip file detected", Dossier reads on by design: the records warcio gave
//! must match, and the first one past them must carry Dossier's warning saying so. Where
//! warcio stops on an invalid record, Dossier must stop at the same record. For a WACZ it
//! also compares the package check (declared hashes and sizes) with warcio's script.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};
use dossier_extract::warc::{Record, check_datapackage, read_all};
use serde_json::Value;
use sha2::Digest;

/// One file's comparison.
#[derive(Default)]
struct Outcome {
    records: usize,
    agreeing: usize,
    extra_agreeing: usize,
    problems: Vec<String>,
}

pub fn run(corpus: &Path, verbose: bool) -> Result<()> {
    let dir = corpus.join("warc");
    let expected_dir = dir.join("expected");
    let mut names: Vec<String> = std::fs::read_dir(&expected_dir)
        .with_context(|| format!("reading {}", expected_dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    println!(
        "WARC/ARC/WACZ records vs warcio 1.8.2 (type, address, date, record id, digest verdict)"
    );
    println!(
        "{:<52} {:>7} {:>8} {:>10}  notes",
        "file", "records", "agree", "status+size"
    );
    let (mut files, mut files_ok, mut records, mut agreeing, mut extra) = (0, 0, 0, 0, 0);
    for name in names {
        let file = name.trim_end_matches(".json");
        let expected: Value = serde_json::from_slice(&std::fs::read(expected_dir.join(&name))?)
            .with_context(|| format!("parsing {name}"))?;
        let path = dir.join(file);
        let outcome = if file.ends_with(".wacz") {
            compare_wacz(&path, &expected)?
        } else {
            let (ours, error) = read_all(std::fs::File::open(&path)?);
            compare_records(&ours, error.map(|e| e.to_string()), &expected)
        };
        files += 1;
        let ok = outcome.problems.is_empty();
        files_ok += usize::from(ok);
        records += outcome.records;
        agreeing += outcome.agreeing;
        extra += outcome.extra_agreeing;
        println!(
            "{:<52} {:>7} {:>8} {:>10}  {}",
            file,
            outcome.records,
            outcome.agreeing,
            outcome.extra_agreeing,
            if ok {
                "ok".to_owned()
            } else {
                outcome.problems.len().to_string() + " difference(s)"
            }
        );
        if verbose || !ok {
            for p in outcome.problems.iter().take(if verbose { 100 } else { 5 }) {
                println!("    {p}");
            }
        }
    }
    println!(
        "files agreeing: {files_ok}/{files} ({:.1}%); records agreeing: {agreeing}/{records} ({:.1}%); \
         HTTP status and decoded payload size agreeing: {extra}/{records}",
        100.0 * files_ok as f64 / files.max(1) as f64,
        100.0 * agreeing as f64 / records.max(1) as f64,
    );
    Ok(())
}

fn compare_records(ours: &[Record], error: Option<String>, expected: &Value) -> Outcome {
    let mut out = Outcome::default();
    let theirs = expected["records"].as_array().cloned().unwrap_or_default();
    let their_error = expected["summary"]["error"].as_str().unwrap_or("");
    out.records = theirs.len();
    let single_stream = their_error.contains("non-chunked gzip");
    if single_stream {
        // warcio stopped; Dossier reads on and says so on the first record warcio refused.
        let warned = ours
            .get(theirs.len())
            .is_some_and(|r| r.warnings.iter().any(|w| w.contains("non-chunked gzip")));
        if !warned {
            out.problems.push(format!(
                "warcio stopped after {} record(s) (non-chunked gzip); Dossier's record {} should say so",
                theirs.len(),
                theirs.len()
            ));
        }
    } else if ours.len() != theirs.len() {
        out.problems
            .push(format!("{} records, warcio {}", ours.len(), theirs.len()));
    }
    if !single_stream {
        match (&error, their_error.is_empty()) {
            (Some(e), true) => out
                .problems
                .push(format!("Dossier stopped: {e}; warcio did not")),
            (None, false) => out
                .problems
                .push(format!("warcio stopped ({their_error}); Dossier did not")),
            (Some(e), false)
                if their_error.contains("Invalid WARC record")
                    && !e.contains("invalid WARC record") =>
            {
                out.problems.push(format!(
                    "Dossier stopped with {e:?}, warcio with {their_error:?}"
                ))
            }
            _ => {}
        }
    }
    for (i, their) in theirs.iter().enumerate() {
        let Some(our) = ours.get(i) else {
            out.problems.push(format!("record {i}: missing"));
            continue;
        };
        let s = |v: &Value| v.as_str().map(str::to_owned);
        let checks = [
            (
                "type",
                s(&their["type"]),
                Some(our.record_type().to_owned()),
            ),
            ("address", s(&their["WARC-Target-URI"]), our.target_uri()),
            (
                "date",
                s(&their["WARC-Date"]),
                our.date().map(str::to_owned),
            ),
            (
                "record id",
                s(&their["WARC-Record-ID"]),
                if our.format == dossier_extract::warc::ArchiveFormat::Arc {
                    None
                } else {
                    our.header("WARC-Record-ID").map(str::to_owned)
                },
            ),
            (
                "digest",
                s(&their["digest_check"]),
                Some(our.digest_check.as_str().to_owned()),
            ),
        ];
        let mut same = true;
        for (what, theirs, ours) in checks {
            if theirs != ours {
                same = false;
                out.problems
                    .push(format!("record {i}: {what} {ours:?}, warcio {theirs:?}"));
            }
        }
        out.agreeing += usize::from(same);
        let status = our.http().and_then(|m| m.status().map(str::to_owned));
        let size = our.decoded_payload(usize::MAX).0.len() as u64;
        let their_size = their["payload_bytes_decoded"].as_u64();
        let their_status = s(&their["http_status"]);
        let http_same = status == their_status || !our.has_http();
        if http_same && their_size == Some(size) {
            out.extra_agreeing += 1;
        } else if std::env::var_os("DOSSIER_EVAL_SIZES").is_some() {
            out.problems.push(format!(
                "record {i}: status {status:?} size {size}, warcio {their_status:?} {their_size:?}"
            ));
        }
    }
    out
}

fn compare_wacz(path: &Path, expected: &Value) -> Result<Outcome> {
    let mut out = Outcome::default();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path)?)
        .with_context(|| format!("opening {}", path.display()))?;
    let mut seen = BTreeMap::new();
    let mut datapackage = None;
    let mut digest_file = None;
    let mut archives = BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i)?;
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| String::from_utf8_lossy(entry.name_raw()).into_owned());
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes)?;
        let hash: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        seen.insert(name.clone(), (hash, bytes.len() as u64));
        match name.as_str() {
            "datapackage.json" => datapackage = Some(bytes),
            "datapackage-digest.json" => digest_file = Some(bytes),
            n if n.starts_with("archive/") => {
                archives.insert(name, bytes);
            }
            _ => {}
        }
    }
    let check = check_datapackage(datapackage.as_deref(), digest_file.as_deref(), &seen);
    let theirs_ok = expected["structural_problems"]
        .as_array()
        .is_some_and(|p| p.is_empty());
    if check.problems.is_empty() != theirs_ok {
        out.problems.push(format!(
            "package check: Dossier {:?}, warcio's script {}",
            check.problems, expected["structural_problems"]
        ));
    }
    let their_archives = expected["archives"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    for (name, their) in their_archives {
        let Some(bytes) = archives.get(&name) else {
            out.problems.push(format!("{name}: not found"));
            continue;
        };
        let (ours, error) = read_all(bytes.as_slice());
        let sub = compare_records(&ours, error.map(|e| e.to_string()), &their);
        out.records += sub.records;
        out.agreeing += sub.agreeing;
        out.extra_agreeing += sub.extra_agreeing;
        out.problems
            .extend(sub.problems.into_iter().map(|p| format!("{name}: {p}")));
    }
    Ok(out)
}
