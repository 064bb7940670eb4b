//! `demo`: builds the sample matter from `samples/` into a case, so that a first run of
//! Dossier opens on a case that shows what it is for.
//!
//! The sample folder's layout is the contract:
//!
//! - `sources/`: articles, filings, the mbox and memos, ingested as ordinary documents;
//! - `policy/<folder>/`: one policy series per folder (`YYYY-MM-DD.*` captures and a
//!   `versions.csv`), named in [`SERIES`];
//! - `timeline.csv`: the events, each with the quotes that support it (`event import`).
//!
//! Idempotent: a step whose files the case already holds is not run again (so a second
//! `demo` writes nothing to the audit log), and events the case already has are skipped.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use dossier_ingest::PathScope;
use serde::{Deserialize, Serialize};

use crate::chronology::EventImport;
use crate::ingest::IngestRequest;
use crate::series_ingest::file_name;
use crate::{ApiError, ApiResult, ErrorCode, Event, open_case};

/// The policy series of the sample matter: folder under `samples/policy/`, series name.
pub const SERIES: &[(&str, &str)] = &[
    ("privacy-policy", "Linkwise privacy policy"),
    ("faq", "Linkwise help: your data FAQ"),
];

/// Whose files the sample documents are, as their sources record it.
const CUSTODIAN: &str = "Sample matter";

/// `demo` arguments.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoRequest {
    /// The sample folder (required: the CLI gives the copy embedded in it, and no source-tree
    /// path is compiled into a shipped binary).
    #[serde(default)]
    pub samples: Option<PathBuf>,
}

/// `demo` output.
#[derive(Debug, Clone, Serialize)]
pub struct DemoOutput {
    /// The case folder.
    pub case: String,
    /// Documents in the case.
    pub documents: u64,
    /// Events on its timeline.
    pub events: u64,
    /// Documents this run added (0 when the case already held the sample matter).
    pub added_documents: u64,
    /// Events this run added.
    pub added_events: u64,
}

/// Builds (or completes) the sample case in `case_path`, creating the case if needed.
pub fn demo(
    case_path: &Path,
    request: &DemoRequest,
    events: &(dyn Fn(Event) + Sync),
) -> ApiResult<DemoOutput> {
    let samples = request.samples.clone().ok_or_else(|| {
        ApiError::new(
            ErrorCode::InvalidInput,
            "no sample folder given (it must hold sources/ and timeline.csv)",
        )
    })?;
    // Canonical, so the sources recorded read `…/samples/…`, not `…/x/../samples/…`.
    let samples = std::fs::canonicalize(&samples).unwrap_or(samples);
    let sources = samples.join("sources");
    let timeline = samples.join("timeline.csv");
    for needed in [&sources, &timeline] {
        if !needed.exists() {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!(
                    "{}: not found; the sample folder must hold sources/ and timeline.csv (give --samples DIR)",
                    needed.display()
                ),
            ));
        }
    }
    if !crate::is_case(case_path) {
        crate::init(case_path)?;
    }
    let mut steps = vec![IngestRequest {
        paths: vec![sources],
        custodian: Some(CUSTODIAN.to_owned()),
        ..IngestRequest::default()
    }];
    for (folder, name) in SERIES {
        steps.push(IngestRequest {
            paths: vec![samples.join("policy").join(folder)],
            custodian: Some(CUSTODIAN.to_owned()),
            series: Some((*name).to_owned()),
            ..IngestRequest::default()
        });
    }
    let mut added_documents = 0;
    for step in &steps {
        if already_done(case_path, step)? {
            continue;
        }
        let out = crate::ingest(case_path, step, &PathScope::Anything, events)?;
        if let Some(failed) = out.failed.first() {
            return Err(ApiError::new(
                ErrorCode::IngestFailed,
                format!(
                    "sample file {} could not be ingested: {}",
                    failed.path, failed.error
                ),
            ));
        }
        added_documents += out.added;
    }
    let mut case = open_case(case_path)?;
    let imported = crate::event_import::import(
        &mut case,
        &EventImport {
            path: timeline,
            skip_existing: true,
        },
        &PathScope::Anything,
    )?;
    Ok(DemoOutput {
        case: case_path.display().to_string(),
        documents: case.documents(&Default::default())?.len() as u64,
        events: case.events()?.len() as u64,
        added_documents,
        added_events: imported.imported as u64,
    })
}

/// Whether the case already holds every file of an ingest step (and, for a series, has
/// recorded as many captures as the folder holds), so running it would only log a no-op.
fn already_done(case_path: &Path, step: &IngestRequest) -> ApiResult<bool> {
    let case = open_case(case_path)?;
    let known = case.known_hashes()?;
    let mut files = Vec::new();
    for path in &step.paths {
        collect_files(path, &mut files)?;
    }
    if step.series.is_some() {
        files.retain(|f| {
            file_name(f)
                .and_then(|n| dossier_policy::capture_name(&n))
                .is_some()
        });
    }
    let mut hashes = HashSet::new();
    for file in &files {
        let reader = std::fs::File::open(file)
            .map_err(|e| ApiError::new(ErrorCode::Io, format!("{}: {e}", file.display())))?;
        let (hash, _) = dossier_store::ContentHash::of_reader(std::io::BufReader::new(reader))
            .map_err(|e| ApiError::new(ErrorCode::Io, format!("{}: {e}", file.display())))?;
        hashes.insert(hash.as_str().to_owned());
    }
    if !hashes.iter().all(|h| known.contains(h)) {
        return Ok(false);
    }
    Ok(match &step.series {
        None => true,
        Some(name) => match case.series_named(name)? {
            Some(series) => series.captures >= files.len() as u64,
            None => false,
        },
    })
}

fn collect_files(path: &Path, out: &mut Vec<PathBuf>) -> ApiResult<()> {
    let io = |e: std::io::Error| ApiError::new(ErrorCode::Io, format!("{}: {e}", path.display()));
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(io)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .map_err(io)?;
        entries.sort();
        for entry in entries {
            collect_files(&entry, out)?;
        }
    } else {
        out.push(path.to_owned());
    }
    Ok(())
}
