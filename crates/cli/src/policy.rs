//! `dossier policy`, `policy-diff`, `policy-trace`, `policy-asof`: policy series.

use std::path::PathBuf;

use clap::Args;
use dossier_api::{self as api, ApiError, PolicyOutput};

use crate::{Outcome, print};

/// Arguments of `dossier policy`.
#[derive(Args)]
pub struct PolicyArgs {
    /// The case folder.
    case: PathBuf,
    /// A series to show in full; without it, every series is listed.
    series: Option<String>,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// Arguments of `dossier policy-diff`.
#[derive(Args)]
pub struct DiffArgs {
    /// The case folder.
    case: PathBuf,
    /// The series.
    series: String,
    /// The old version: a document id, or a date (the version in force then).
    from: String,
    /// The new version: a document id, or a date.
    to: String,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// Arguments of `dossier policy-trace`.
#[derive(Args)]
pub struct TraceArgs {
    /// The case folder.
    case: PathBuf,
    /// The series.
    series: String,
    /// The phrase to follow (whole words, case and formatting ignored).
    phrase: String,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// Arguments of `dossier policy-asof`.
#[derive(Args)]
pub struct AsofArgs {
    /// The case folder.
    case: PathBuf,
    /// The series.
    series: String,
    /// The date (ISO 8601; a month or year means its end).
    date: String,
    /// Words that must all be in one paragraph, or a "quoted phrase".
    query: String,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

fn or_dash(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("-")
}

/// `dossier policy CASE [SERIES]`.
pub fn policy(a: PolicyArgs) -> Result<Outcome, ApiError> {
    let request = api::PolicyRequest { series: a.series };
    let out = api::policy(&a.case, &request)?;
    print(a.json, &out, || match &out {
        PolicyOutput::List(list) => list
            .iter()
            .map(|s| {
                format!(
                    "{:<32} {:>3} versions {:>3} changes ({} silent, {} empty bumps)  {}\n",
                    s.series,
                    s.versions,
                    s.changes,
                    s.silent,
                    s.empty_bumps,
                    or_dash(&s.url)
                )
            })
            .collect(),
        PolicyOutput::Series(s) => {
            let mut text = format!("{} ({})\n\nversions:\n", s.series, or_dash(&s.url));
            for v in &s.versions {
                let seen = if v.observations.is_empty() {
                    String::new()
                } else {
                    format!(", seen again until {}", v.last_seen)
                };
                text += &format!(
                    "  {:<12} doc {:<5} claims {}{seen}\n",
                    v.captured,
                    v.doc,
                    or_dash(&v.claimed_date)
                );
            }
            text +=
                "\nchanges (between the last capture of the old text and the first of the new):\n";
            for c in &s.changes {
                let flag = match (c.silent, c.empty_bump) {
                    (true, _) => "  SILENT (claimed date unchanged)",
                    (_, true) => "  EMPTY BUMP (only the claimed date changed)",
                    _ => "",
                };
                text += &format!(
                    "  {} .. {}  +{} -{} runs of words, claimed {} -> {}{flag}\n",
                    c.last_old,
                    c.first_new,
                    c.added.len(),
                    c.removed.len(),
                    or_dash(&c.claimed_before),
                    or_dash(&c.claimed_after)
                );
            }
            text
        }
    })
}

/// `dossier policy-diff CASE SERIES FROM TO`.
pub fn diff(a: DiffArgs) -> Result<Outcome, ApiError> {
    let request = api::PolicyDiffRequest {
        series: a.series,
        from: a.from,
        to: a.to,
    };
    let out = api::policy_diff(&a.case, &request)?;
    print(a.json, &out, || {
        let mut text = format!(
            "{}: doc {} ({}) -> doc {} ({}): {} hunks\n",
            out.series,
            out.from.doc,
            out.from.captured,
            out.to.doc,
            out.to.captured,
            out.hunks.len()
        );
        for h in &out.hunks {
            text += &format!("\n@@ word {} @@\n{}\n", h.old_start, h.text);
        }
        text
    })
}

/// `dossier policy-trace CASE SERIES PHRASE`.
pub fn trace(a: TraceArgs) -> Result<Outcome, ApiError> {
    let request = api::PolicyTraceRequest {
        series: a.series,
        phrase: a.phrase,
    };
    let out = api::policy_trace(&a.case, &request)?;
    print(a.json, &out, || {
        let mut text = match &out.appeared {
            None => format!("{:?} is in no capture of {}\n", out.phrase, out.series),
            Some(ap) => format!(
                "{:?} appeared between {} and {}\n",
                out.phrase,
                ap.not_in.as_deref().unwrap_or("(before the first capture)"),
                ap.first_in
            ),
        };
        if let Some(d) = &out.disappeared {
            text += &format!("disappeared between {} and {}\n", d.last_in, d.not_in);
        }
        text
    })
}

/// `dossier policy-asof CASE SERIES DATE QUERY`.
pub fn asof(a: AsofArgs) -> Result<Outcome, ApiError> {
    let request = api::PolicyAsofRequest {
        series: a.series,
        date: a.date,
        query: a.query,
    };
    let out = api::policy_asof(&a.case, &request)?;
    print(a.json, &out, || {
        let mut text = format!(
            "{} as of {}: the capture of {} (doc {}, claims {}){}: {} passages\n",
            out.series,
            out.date,
            out.version.captured,
            out.version.doc,
            or_dash(&out.version.claimed_date),
            out.version
                .next_capture
                .as_deref()
                .map(|n| format!(", next capture {n}"))
                .unwrap_or_default(),
            out.total
        );
        for h in &out.hits {
            text += &format!("\n[{}] {}\n", h.paragraph, h.text);
        }
        text
    })
}
