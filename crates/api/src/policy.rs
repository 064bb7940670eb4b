//! Policy series commands: list series, one series' versions and changes, and the diff of
//! two versions. The life of a phrase and "as of" search are in `policy_trace`.
//!
//! The analysis is `dossier-policy`'s; this module loads a series' captures from the case,
//! hands their text to it, and shapes the results as the command-line contract's JSON.

use std::path::Path;

use std::collections::HashMap;

use dossier_policy::{
    CaptureInput, Format, Hunk, Normalised, PolicyChange, SegmentKind, Series, WordDiff,
};
use dossier_store::{CaptureRecord, Case, SeriesSummary};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::CaseAt;
use crate::{ApiError, ApiResult, ErrorCode, open_case};

/// `policy` arguments: one series, or none for the list of series.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PolicyRequest {
    /// The series to show; `None` lists them all.
    #[serde(default)]
    #[ts(optional)]
    pub series: Option<String>,
}

/// `policy` output: the list of series, or one series.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(untagged)]
pub enum PolicyOutput {
    /// Every series (no series named).
    List(Vec<SeriesListItem>),
    /// The series named.
    Series(Box<SeriesView>),
}

/// One series in the list.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SeriesListItem {
    /// Its name.
    pub series: String,
    /// The page's address.
    pub url: Option<String>,
    /// Distinct versions (an identical consecutive capture is an observation, not a version).
    pub versions: usize,
    /// Changes of text between consecutive versions.
    pub changes: usize,
    /// Captures, observations included.
    pub captures: u64,
    /// Changes of wording with no change of the claimed date.
    pub silent: usize,
    /// Changes of the claimed date with no change of wording.
    pub empty_bumps: usize,
}

/// A version of a series.
#[derive(Debug, Clone, Serialize, TS)]
pub struct VersionView {
    /// The document holding it.
    pub doc: i64,
    /// When it was first captured.
    pub captured: String,
    /// The date it claims for itself.
    pub claimed_date: Option<String>,
    /// When it was last seen (the last identical capture).
    pub last_seen: String,
    /// Dates of identical captures after the first.
    pub observations: Vec<String>,
    /// The page's address at that capture.
    pub url: Option<String>,
}

/// A change between two consecutive versions.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ChangeView {
    /// The last capture with the old text.
    pub last_old: String,
    /// The first capture with the new text.
    pub first_new: String,
    /// The old text's document.
    pub old_doc: i64,
    /// The new text's document.
    pub new_doc: i64,
    /// Runs of added words.
    pub added: Vec<String>,
    /// Runs of removed words.
    pub removed: Vec<String>,
    /// The claimed date before.
    pub claimed_before: Option<String>,
    /// The claimed date after.
    pub claimed_after: Option<String>,
    /// Wording changed, the claimed date did not.
    pub silent: bool,
    /// The claimed date changed, the wording did not.
    pub empty_bump: bool,
    /// Whether words other than the claimed-date statement changed.
    pub wording_changed: bool,
}

/// `policy CASE SERIES` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SeriesView {
    /// Its name.
    pub series: String,
    /// The page's address.
    pub url: Option<String>,
    /// Versions in capture order.
    pub versions: Vec<VersionView>,
    /// Changes in order.
    pub changes: Vec<ChangeView>,
    /// Consecutive versions that differ only in formatting (not counted as changes).
    pub formatting_only: usize,
}

/// A series loaded from the case and analysed.
pub(crate) struct Loaded {
    pub summary: SeriesSummary,
    pub records: Vec<CaptureRecord>,
    pub series: Series,
}

/// Loads the series called `name`, or fails with `not_found` naming it.
pub(crate) fn load(case: &Case, name: &str) -> ApiResult<Loaded> {
    let summary = case.series_named(name)?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::NotFound,
            format!(
                "no policy series named {name:?} in this case (dossier policy CASE lists them)"
            ),
        )
    })?;
    load_summary(case, summary)
}

fn load_summary(case: &Case, summary: SeriesSummary) -> ApiResult<Loaded> {
    // Captures whose document has no text (extraction failed) cannot be compared; they are
    // left out of the analysis rather than counted as an empty page.
    let records: Vec<CaptureRecord> = case
        .series_captures(summary.id)?
        .into_iter()
        .filter(|r| r.text.is_some())
        .collect();
    let mut normalised: HashMap<i64, Normalised> = HashMap::new();
    let inputs = records
        .iter()
        .map(|r| {
            let text = normalised
                .entry(r.document_id)
                .or_insert_with(|| {
                    let raw = r.text.as_deref().unwrap_or_default();
                    let name = r
                        .source_path
                        .as_deref()
                        .and_then(|p| Path::new(p).file_name())
                        .and_then(|n| n.to_str());
                    Normalised::new(raw, Format::detect(name, raw))
                })
                .clone();
            CaptureInput {
                doc: r.document_id,
                captured: r.captured_at.clone(),
                text,
            }
        })
        .collect();
    Ok(Loaded {
        summary,
        records,
        series: Series::new(inputs),
    })
}

/// Lists the policy series, or shows one: its versions and the changes between them.
pub fn policy(
    case_path: &(impl CaseAt + ?Sized),
    request: &PolicyRequest,
) -> ApiResult<PolicyOutput> {
    let case = open_case(case_path)?;
    let Some(name) = &request.series else {
        let mut list = Vec::new();
        for summary in case.series_list()? {
            let loaded = load_summary(&case, summary)?;
            let changes = loaded.series.changes();
            list.push(SeriesListItem {
                series: loaded.summary.name,
                url: loaded.summary.url,
                versions: loaded.series.versions().len(),
                changes: changes.len(),
                captures: loaded.summary.captures,
                silent: changes.iter().filter(|c| c.silent).count(),
                empty_bumps: changes.iter().filter(|c| c.empty_bump).count(),
            });
        }
        return Ok(PolicyOutput::List(list));
    };
    let loaded = load(&case, name)?;
    let versions = loaded
        .series
        .versions()
        .into_iter()
        .map(|v| VersionView {
            url: loaded.records[v.capture].url.clone(),
            doc: v.doc,
            captured: v.captured,
            claimed_date: v.claimed_date,
            last_seen: v.last_seen,
            observations: v.observations,
        })
        .collect();
    let changes = loaded
        .series
        .changes()
        .into_iter()
        .map(change_view)
        .collect();
    Ok(PolicyOutput::Series(Box::new(SeriesView {
        series: loaded.summary.name,
        url: loaded.summary.url,
        versions,
        changes,
        formatting_only: loaded.series.formatting_only(),
    })))
}

fn change_view(c: PolicyChange) -> ChangeView {
    ChangeView {
        last_old: c.last_old,
        first_new: c.first_new,
        old_doc: c.old_doc,
        new_doc: c.new_doc,
        added: c.diff.added,
        removed: c.diff.removed,
        claimed_before: c.claimed_before,
        claimed_after: c.claimed_after,
        silent: c.silent,
        empty_bump: c.empty_bump,
        wording_changed: c.wording_changed,
    }
}

/// `policy_diff` arguments.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PolicyDiffRequest {
    /// The series.
    pub series: String,
    /// The old version: a document id of the series, or a date (the version in force then).
    pub from: String,
    /// The new version, likewise.
    pub to: String,
}

/// A version named in a diff.
#[derive(Debug, Clone, Serialize, TS)]
pub struct VersionRef {
    /// Its document.
    pub doc: i64,
    /// When that capture was taken.
    pub captured: String,
    /// The date it claims.
    pub claimed_date: Option<String>,
}

/// What a stretch of a hunk is to the newer version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SegmentOp {
    /// In both versions.
    Equal,
    /// Only in the older.
    Removed,
    /// Only in the newer.
    Added,
}

/// One stretch of a hunk.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SegmentView {
    /// Whether the words stayed, went or came.
    pub op: SegmentOp,
    /// The words.
    pub text: String,
}

/// Changes close together, with context.
#[derive(Debug, Clone, Serialize, TS)]
pub struct HunkView {
    /// Index of its first word in the old version.
    pub old_start: usize,
    /// Index of its first word in the new version.
    pub new_start: usize,
    /// The hunk as one line, removed words as `[-…-]`, added as `{+…+}`.
    pub text: String,
    /// The hunk in stretches.
    pub segments: Vec<SegmentView>,
}

/// `policy_diff` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PolicyDiffOutput {
    /// The series.
    pub series: String,
    /// The old version.
    pub from: VersionRef,
    /// The new version.
    pub to: VersionRef,
    /// Runs of added words.
    pub added: Vec<String>,
    /// Runs of removed words.
    pub removed: Vec<String>,
    /// The changes with context.
    pub hunks: Vec<HunkView>,
}

fn version_ref(loaded: &Loaded, index: usize) -> VersionRef {
    let c = &loaded.series.captures()[index];
    VersionRef {
        doc: c.doc,
        captured: c.captured.clone(),
        claimed_date: c.claimed_date().map(str::to_owned),
    }
}

fn resolve(loaded: &Loaded, spec: &str) -> ApiResult<usize> {
    loaded.series.resolve(spec).ok_or_else(|| {
        let first = loaded
            .series
            .captures()
            .first()
            .map_or("none yet".to_owned(), |c| c.captured.clone());
        ApiError::new(
            ErrorCode::NotFound,
            format!(
                "{}: no version {spec:?}: give a document id of this series or a date on or after its first capture ({first})",
                loaded.summary.name
            ),
        )
    })
}

/// The word-level diff between two versions of a series.
pub fn policy_diff(
    case_path: &(impl CaseAt + ?Sized),
    request: &PolicyDiffRequest,
) -> ApiResult<PolicyDiffOutput> {
    let case = open_case(case_path)?;
    let loaded = load(&case, &request.series)?;
    let from = resolve(&loaded, &request.from)?;
    let to = resolve(&loaded, &request.to)?;
    let WordDiff {
        added,
        removed,
        hunks,
    } = loaded.series.diff(from, to);
    Ok(PolicyDiffOutput {
        series: loaded.summary.name.clone(),
        from: version_ref(&loaded, from),
        to: version_ref(&loaded, to),
        added,
        removed,
        hunks: hunks.iter().map(hunk_view).collect(),
    })
}

fn hunk_view(h: &Hunk) -> HunkView {
    HunkView {
        old_start: h.old_start,
        new_start: h.new_start,
        text: h.render(),
        segments: h
            .segments
            .iter()
            .map(|s| SegmentView {
                op: match s.kind {
                    SegmentKind::Equal => SegmentOp::Equal,
                    SegmentKind::Removed => SegmentOp::Removed,
                    SegmentKind::Added => SegmentOp::Added,
                },
                text: s.text.clone(),
            })
            .collect(),
    }
}
