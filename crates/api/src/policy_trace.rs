//! `policy_trace` and `policy_asof`: the life of a phrase in a policy series, and a search
//! of the series as it read on a date.

use dossier_policy::{check_iso_date, search};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::CaseAt;
use crate::policy::load;
use crate::{ApiError, ApiResult, ErrorCode, open_case};

/// `policy_trace` arguments.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PolicyTraceRequest {
    /// The series.
    pub series: String,
    /// The phrase (matched as whole words, ignoring case, spacing and formatting).
    pub phrase: String,
}

/// The window in which a phrase appeared.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Appeared {
    /// The last capture without it (`null` when the first capture already has it).
    pub not_in: Option<String>,
    /// The first capture with it.
    pub first_in: String,
    /// Document of the last capture without it.
    pub not_in_doc: Option<i64>,
    /// Document of the first capture with it.
    pub first_in_doc: i64,
}

/// The window in which a phrase disappeared for good.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Disappeared {
    /// The last capture with it.
    pub last_in: String,
    /// The first capture without it after that.
    pub not_in: String,
    /// Document of the last capture with it.
    pub last_in_doc: i64,
    /// Document of the first capture without it.
    pub not_in_doc: i64,
}

/// A stretch of captures that contain the phrase.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Span {
    /// First capture of the stretch.
    pub first_in: String,
    /// Last capture of the stretch.
    pub last_in: String,
}

/// `policy_trace` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PolicyTraceOutput {
    /// The phrase as given.
    pub phrase: String,
    /// The series.
    pub series: String,
    /// Its first appearance, or `null` if no capture has it.
    pub appeared: Option<Appeared>,
    /// Its final disappearance, or `null` if the latest capture still has it (or none did).
    pub disappeared: Option<Disappeared>,
    /// Every stretch of captures with it (it may come and go).
    pub spans: Vec<Span>,
}

/// When a phrase first appeared in a series and when it went away.
pub fn policy_trace(
    case_path: &(impl CaseAt + ?Sized),
    request: &PolicyTraceRequest,
) -> ApiResult<PolicyTraceOutput> {
    if request.phrase.trim().is_empty() {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "the phrase to trace is empty",
        ));
    }
    let case = open_case(case_path)?;
    let loaded = load(&case, &request.series)?;
    let captures = loaded.series.captures();
    let trace = loaded.series.trace(&request.phrase);
    Ok(PolicyTraceOutput {
        phrase: request.phrase.clone(),
        series: loaded.summary.name.clone(),
        appeared: trace.appeared.map(|(before, first)| Appeared {
            not_in: before.map(|i| captures[i].captured.clone()),
            not_in_doc: before.map(|i| captures[i].doc),
            first_in: captures[first].captured.clone(),
            first_in_doc: captures[first].doc,
        }),
        disappeared: trace.disappeared.map(|(last, gone)| Disappeared {
            last_in: captures[last].captured.clone(),
            not_in: captures[gone].captured.clone(),
            last_in_doc: captures[last].doc,
            not_in_doc: captures[gone].doc,
        }),
        spans: trace
            .spans
            .iter()
            .map(|&(a, b)| Span {
                first_in: captures[a].captured.clone(),
                last_in: captures[b].captured.clone(),
            })
            .collect(),
    })
}

/// `policy_asof` arguments.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PolicyAsofRequest {
    /// The series.
    pub series: String,
    /// The date (ISO 8601, any precision; a month or year means its end).
    pub date: String,
    /// Words that must all be in one paragraph, or a `"quoted phrase"`.
    pub query: String,
}

/// A matching passage.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AsofHit {
    /// Paragraph number in the version (from 0).
    pub paragraph: usize,
    /// The passage with hits in `<mark>`, HTML-escaped.
    pub snippet: String,
    /// The passage as plain text.
    pub text: String,
}

/// The version a search read.
#[derive(Debug, Clone, Serialize, TS)]
pub struct InForce {
    /// Its document.
    pub doc: i64,
    /// The capture in force on the date (the latest on or before it).
    pub captured: String,
    /// The date it claims.
    pub claimed_date: Option<String>,
    /// The next capture of a different original, if any: until then the reading is certain
    /// only up to the capture date.
    pub next_capture: Option<String>,
}

/// `policy_asof` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PolicyAsofOutput {
    /// The series.
    pub series: String,
    /// The date asked about.
    pub date: String,
    /// The version searched.
    pub version: InForce,
    /// How many passages matched.
    pub total: usize,
    /// The passages, in reading order.
    pub hits: Vec<AsofHit>,
}

/// Searches a series as it read on a date.
///
/// This scans the normalised text of the version in force rather than using the full-text
/// index (which is built in a later issue): one version is a few thousand words, so a scan
/// is instant, and it needs nothing kept in step with the captures.
pub fn policy_asof(
    case_path: &(impl CaseAt + ?Sized),
    request: &PolicyAsofRequest,
) -> ApiResult<PolicyAsofOutput> {
    let date = check_iso_date(request.date.trim())
        .map_err(|e| ApiError::new(ErrorCode::InvalidInput, e.to_string()))?;
    let case = open_case(case_path)?;
    let loaded = load(&case, &request.series)?;
    let index = loaded.series.in_force(date).ok_or_else(|| {
        let first = loaded
            .series
            .captures()
            .first()
            .map_or("it has none".to_owned(), |c| {
                format!("the first is {}", c.captured)
            });
        ApiError::new(
            ErrorCode::NotFound,
            format!(
                "{}: no capture on or before {date} ({first})",
                loaded.summary.name
            ),
        )
    })?;
    let capture = &loaded.series.captures()[index];
    let hits: Vec<AsofHit> = search(&capture.text, &request.query)
        .into_iter()
        .map(|p| AsofHit {
            paragraph: p.paragraph,
            snippet: p.snippet,
            text: p.text,
        })
        .collect();
    Ok(PolicyAsofOutput {
        series: loaded.summary.name.clone(),
        date: date.to_owned(),
        version: InForce {
            doc: capture.doc,
            captured: capture.captured.clone(),
            claimed_date: capture.claimed_date().map(str::to_owned),
            next_capture: loaded
                .series
                .next_capture(index)
                .map(|i| loaded.series.captures()[i].captured.clone()),
        },
        total: hits.len(),
        hits,
    })
}
