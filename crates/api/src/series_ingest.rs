//! `ingest --series`: captures of a web page become versions of a policy series.
//!
//! A file is one capture, dated by `--captured` or by its name (`2024-08-05.md`); a folder is
//! a whole series laid out as the shared corpus is (`YYYY-MM-DD.md` or `YYYY-MM-DD_N.md`,
//! plus an optional `versions.csv` whose `source_url` column gives each capture's URL).
//! A web archive (WARC, ARC or WACZ) holds its own captures: each capture of the series'
//! address (`--url`, or the one page address it holds) is a version dated by its WARC-Date,
//! so the observation windows come from the archive's capture times, not from file names.
//! The files go through the ordinary ingest pipeline (so an identical capture is the same
//! original, stored once); membership of the series is then recorded in one audited change.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use std::io::Read;

use dossier_extract::{Container, Probe, WaczContainer, WarcContainer};
use dossier_ingest::PathScope;
use dossier_policy::{
    Format, Normalised, VERSIONS_CSV, capture_name, check_iso_date, claimed_date,
};
use dossier_store::{Case, ItemOutcome, NewCapture};
use serde::Serialize;
use ts_rs::TS;

use crate::ingest::{IngestRequest, ItemError};
use crate::{ApiError, ApiResult, ErrorCode};

/// What a series ingest recorded.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SeriesIngestOutput {
    /// The series name.
    pub name: String,
    /// Captures recorded by this run.
    pub captures: u64,
    /// Of those, captures of an original the series already had (observations: no new text).
    pub observations: u64,
    /// Captures given again that were already recorded (same document, same date).
    pub already_recorded: u64,
}

/// One file to record as a capture.
#[derive(Debug, Clone)]
pub(crate) struct PlannedCapture {
    /// The file, or for a capture inside a web archive `ARCHIVE#LOCATOR` (the path the
    /// pipeline records the capture's document under).
    path: PathBuf,
    captured: String,
    ordinal: u32,
    url: Option<String>,
    /// The name the capture's format is told by: the file's, or for a capture inside an
    /// archive the name the archive gives it (`privacy.html`).
    format_name: Option<String>,
    /// Whether it is inside a web archive (the pipeline is given the archive, not it).
    in_archive: bool,
}

/// The captures a series ingest will record, worked out before anything is written.
#[derive(Debug, Clone)]
pub(crate) struct SeriesPlan {
    name: String,
    url: Option<String>,
    captures: Vec<PlannedCapture>,
    /// Web archives whose captures are planned: the pipeline reads each whole.
    archives: Vec<PathBuf>,
    /// Paths given that could not be planned (missing files): the pipeline reports them.
    passthrough: Vec<PathBuf>,
    /// Files in a series folder that are not captures.
    pub skipped: Vec<ItemError>,
}

impl SeriesPlan {
    /// The paths to hand to the ingest pipeline, in capture order.
    pub fn paths(&self) -> Vec<PathBuf> {
        self.captures
            .iter()
            .filter(|c| !c.in_archive)
            .map(|c| c.path.clone())
            .chain(self.archives.iter().cloned())
            .chain(self.passthrough.iter().cloned())
            .collect()
    }
}

fn invalid(message: String) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, message)
}

/// Checks the series options of a request and lists the captures; `None` without `--series`.
pub(crate) fn plan(request: &IngestRequest, scope: &PathScope) -> ApiResult<Option<SeriesPlan>> {
    let Some(name) = request.series.as_deref().map(str::trim) else {
        if request.captured.is_some() || request.url.is_some() {
            return Err(invalid(
                "--captured and --url describe a capture of a policy series: give --series NAME too"
                    .into(),
            ));
        }
        return Ok(None);
    };
    if name.is_empty() {
        return Err(invalid("--series needs a name".into()));
    }
    if let Some(d) = &request.captured
        && let Err(e) = check_iso_date(d)
    {
        return Err(invalid(format!("--captured: {e}")));
    }
    let mut plan = SeriesPlan {
        name: name.to_owned(),
        url: request.url.clone(),
        captures: Vec::new(),
        archives: Vec::new(),
        passthrough: Vec::new(),
        skipped: Vec::new(),
    };
    for path in &request.paths {
        let path = scope.admit(path)?;
        let path = std::path::absolute(&path).unwrap_or(path);
        if path.is_dir() {
            plan_folder(&path, request, scope, &mut plan)?;
        } else if let Some(container) = web_archive(&path) {
            plan_archive(&path, container, request, &mut plan)?;
        } else if path.exists() {
            let from_name = file_name(&path).and_then(|n| capture_name(&n));
            let (captured, ordinal) = match (&request.captured, from_name) {
                (Some(d), _) => (d.clone(), 0),
                (None, Some(named)) => named,
                (None, None) => {
                    return Err(invalid(format!(
                        "{}: no capture date: give --captured DATE or name the file YYYY-MM-DD.ext",
                        path.display()
                    )));
                }
            };
            plan.captures.push(PlannedCapture {
                format_name: file_name(&path),
                path,
                captured,
                ordinal,
                url: request.url.clone(),
                in_archive: false,
            });
        } else {
            plan.passthrough.push(path);
        }
    }
    Ok(Some(plan))
}

/// The streamed container that reads this file, when it is a web archive (WARC, ARC, WACZ).
fn web_archive(path: &Path) -> Option<&'static dyn Container> {
    let mut head = Vec::with_capacity(8192);
    std::fs::File::open(path)
        .ok()?
        .take(8192)
        .read_to_end(&mut head)
        .ok()?;
    let name = file_name(path);
    let probe = Probe {
        file_name: name.as_deref(),
        head: &head,
        declared_kind: None,
    };
    [&WarcContainer as &'static dyn Container, &WaczContainer]
        .into_iter()
        .filter(|c| c.bid(&probe) > 0)
        .max_by_key(|c| c.bid(&probe))
}

/// Lists the captures of the series' address in a web archive, dated by their WARC-Date.
/// Without `--url` the archive must hold pages of one address only (its other files, the
/// images and scripts of the page, are not captures of it).
fn plan_archive(
    path: &Path,
    container: &dyn Container,
    request: &IngestRequest,
    plan: &mut SeriesPlan,
) -> ApiResult<()> {
    if request.captured.is_some() {
        return Err(invalid(format!(
            "{}: is a web archive; each capture in it is dated by its WARC-Date, so --captured does not apply",
            path.display()
        )));
    }
    let file = std::fs::File::open(path)
        .map_err(|e| ApiError::new(ErrorCode::Io, format!("{}: {e}", path.display())))?;
    // (locator, captured, address, name, is a page)
    let mut found: Vec<(String, String, String, Option<String>, bool)> = Vec::new();
    for child in container.split(Box::new(std::io::BufReader::with_capacity(256 << 10, file))) {
        let Ok(child) = child else { break }; // the ingest reports what cannot be read
        let (Some(captured), Some(address)) = (child.captured_at, child.source_url) else {
            continue;
        };
        if child.failure.is_some() || check_iso_date(&captured).is_err() {
            continue;
        }
        let page = child
            .media_type
            .as_deref()
            .is_some_and(|m| m == "text/html" || m == "application/xhtml+xml" || m == "text/plain");
        found.push((child.locator, captured, address, child.name, page));
    }
    let same = |a: &str, b: &str| a.trim_end_matches('/') == b.trim_end_matches('/');
    let url = match plan.url.clone() {
        Some(url) => url,
        None => {
            let mut pages: Vec<&str> = found.iter().filter(|f| f.4).map(|f| f.2.as_str()).collect();
            pages.sort_unstable();
            pages.dedup();
            match pages.as_slice() {
                [one] => (*one).to_owned(),
                [] => {
                    return Err(invalid(format!(
                        "{}: holds no captured page to record in a series",
                        path.display()
                    )));
                }
                many => {
                    return Err(invalid(format!(
                        "{}: holds captures of {} addresses; choose the series' page with --url (for example {})",
                        path.display(),
                        many.len(),
                        many.iter().take(5).copied().collect::<Vec<_>>().join(", ")
                    )));
                }
            }
        }
    };
    plan.url.get_or_insert_with(|| url.clone());
    let mut captures: Vec<PlannedCapture> = found
        .into_iter()
        .filter(|f| same(&f.2, &url))
        .map(|(locator, captured, address, name, _)| PlannedCapture {
            path: PathBuf::from(format!("{}#{locator}", path.display())),
            captured,
            ordinal: 0,
            url: Some(address),
            format_name: name,
            in_archive: true,
        })
        .collect();
    if captures.is_empty() {
        return Err(invalid(format!(
            "{}: holds no capture of {url}",
            path.display()
        )));
    }
    captures.sort_by(|a, b| a.captured.cmp(&b.captured));
    // Two captures in the same second keep their order in the archive.
    for i in 1..captures.len() {
        if captures[i].captured == captures[i - 1].captured {
            captures[i].ordinal = captures[i - 1].ordinal + 1;
        }
    }
    plan.captures.extend(captures);
    plan.archives.push(path.to_owned());
    Ok(())
}

/// A path's last component as text (lossily), as capture names are read from it.
pub(crate) fn file_name(path: &Path) -> Option<String> {
    path.file_name().map(|n| n.to_string_lossy().into_owned())
}

fn plan_folder(
    dir: &Path,
    request: &IngestRequest,
    scope: &PathScope,
    plan: &mut SeriesPlan,
) -> ApiResult<()> {
    if request.captured.is_some() {
        return Err(invalid(format!(
            "{}: is a folder; its captures are dated by their file names, so --captured does not apply",
            dir.display()
        )));
    }
    let io = |e: std::io::Error| ApiError::new(ErrorCode::Io, format!("{}: {e}", dir.display()));
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io)?;
    entries.sort();
    let csv_path = dir.join(VERSIONS_CSV);
    // A `versions.csv` that is a link out of the scope is not read (and the walk refuses the
    // captures that are).
    let urls: BTreeMap<String, String> = if csv_path.is_file() && scope.admits_found(&csv_path) {
        let text = std::fs::read_to_string(&csv_path)
            .map_err(|e| ApiError::new(ErrorCode::Io, format!("{}: {e}", csv_path.display())))?;
        dossier_policy::source_urls(&text)
            .map_err(|e| invalid(format!("{}: {e}", csv_path.display())))?
    } else {
        BTreeMap::new()
    };
    let mut found = Vec::new();
    for path in entries {
        let name = file_name(&path).unwrap_or_default();
        if name == VERSIONS_CSV {
            continue;
        }
        match capture_name(&name).filter(|_| path.is_file()) {
            Some((captured, ordinal)) => found.push(PlannedCapture {
                url: urls.get(&name).cloned().or_else(|| request.url.clone()),
                format_name: Some(name.clone()),
                path,
                captured,
                ordinal,
                in_archive: false,
            }),
            None => plan.skipped.push(ItemError {
                path: path.display().to_string(),
                error: "not a capture of the series: captures are files named YYYY-MM-DD.ext or YYYY-MM-DD_N.ext".into(),
                document: None,
            }),
        }
    }
    if found.is_empty() {
        return Err(invalid(format!(
            "{}: no captures in this folder (files named YYYY-MM-DD.md, .html or .txt)",
            dir.display()
        )));
    }
    found.sort_by(|a, b| (&a.captured, a.ordinal).cmp(&(&b.captured, b.ordinal)));
    plan.captures.extend(found);
    Ok(())
}

/// Records the planned captures whose files the ingest run turned into documents.
pub(crate) fn record(
    case: &mut Case,
    plan: &SeriesPlan,
    run: i64,
) -> ApiResult<SeriesIngestOutput> {
    let documents: BTreeMap<String, i64> = case
        .ingest_run_items(run)?
        .into_iter()
        .filter(|i| matches!(i.outcome, ItemOutcome::Added | ItemOutcome::Duplicate))
        .filter_map(|i| Some((i.path, i.document_id?)))
        .collect();
    let existing: HashSet<i64> = match case.series_named(&plan.name)? {
        Some(s) => case
            .series_captures(s.id)?
            .into_iter()
            .map(|c| c.document_id)
            .collect(),
        None => HashSet::new(),
    };
    // Read every text before the change begins (the change borrows the case).
    let mut planned = Vec::new();
    for capture in &plan.captures {
        let Some(&doc) = documents.get(&capture.path.display().to_string()) else {
            continue; // it failed; the ingest output says why
        };
        let text = case.document(doc)?.text.unwrap_or_default();
        let name = capture.format_name.as_deref();
        let normalised = Normalised::new(&text, Format::detect(name, &text));
        let claim = claimed_date(&normalised).map(|c| c.date);
        planned.push((capture, doc, claim));
    }
    let mut out = SeriesIngestOutput {
        name: plan.name.clone(),
        captures: 0,
        observations: 0,
        already_recorded: 0,
    };
    let mut seen = existing;
    let change = case.begin_change()?;
    let series = change.ensure_series(&plan.name, plan.url.as_deref())?;
    for (capture, doc, claim) in planned {
        change.mark_policy_document(doc, &capture.captured, claim.as_deref())?;
        let added = change.add_capture(
            series,
            &NewCapture {
                document_id: doc,
                captured_at: capture.captured.clone(),
                ordinal: capture.ordinal,
                url: capture.url.clone(),
                source_path: Some(capture.path.display().to_string()),
            },
        )?;
        if added {
            out.captures += 1;
            if !seen.insert(doc) {
                out.observations += 1;
            }
        } else {
            out.already_recorded += 1;
        }
    }
    change.commit()?;
    Ok(out)
}
