//! `activity`: what happened lately, as the case home's "Recent activity" shows it. The
//! audit log newest first, with a run of similar rows told as one line: a bulk tag's 5,246
//! `document.tag` rows are "Tagged 5,246 documents privileged", an ingest's thousands of
//! added documents one line, several citations in a row one line. Each line keeps the raw
//! fields of its newest row (`action`, `target`) for the record; the words never show them.

use dossier_store::audit::{self as audit_log, AuditEntry};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::activity::{CaseTitles, describe};
use crate::{ApiError, ApiResult, CaseAt, ErrorCode, open_case};

/// How many lines `activity` gives without `limit`.
pub const DEFAULT_ACTIVITY: u32 = 8;
/// The most lines `activity` gives.
pub const MAX_ACTIVITY: u32 = 500;

/// `activity` arguments.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct ActivityRequest {
    /// How many lines, newest first (default 8, at most 500).
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub limit: Option<u32>,
}

/// One line of recent activity: one audit row, or a run of similar ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ActivityLine {
    /// The line in words ("Tagged 5,246 documents privileged").
    pub summary_text: String,
    /// How many audit rows it stands for.
    pub count: u64,
    /// The first row's position in the log.
    pub first_seq: i64,
    /// The newest row's position in the log.
    pub last_seq: i64,
    /// When the first row was written.
    pub first_at: String,
    /// When the newest row was written.
    pub at: String,
    /// Who.
    pub actor: String,
    /// The newest row's action, for the record (`document.tag`).
    pub action: String,
    /// The newest row's target, for the record (`document:42`).
    pub target: String,
}

/// Which rows make a run with rows like this one (one action, or a family recorded in
/// turn: a policy capture's `document.policy` and `series.capture`), and whether a run must
/// also share the detail (the same tags, the same review status).
fn grouping(action: &str) -> Option<([&'static str; 2], bool)> {
    let alone = |a: &'static str, same_detail| Some(([a, a], same_detail));
    match action {
        "document.tag" => alone("document.tag", true),
        "document.untag" => alone("document.untag", true),
        "document.review" => alone("document.review", true),
        "document.policy" | "series.capture" => {
            Some((["document.policy", "series.capture"], false))
        }
        "document.add" => alone("document.add", false),
        "document.source" => alone("document.source", false),
        "document.reextract" => alone("document.reextract", false),
        "citation.add" => alone("citation.add", false),
        "event.add" => alone("event.add", false),
        "exhibit.add" => alone("exhibit.add", false),
        "note.add" => alone("note.add", false),
        "chronology.baseline" => alone("chronology.baseline", false),
        _ => None,
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A run of `count` (more than one) similar rows in words; `newest` is its last row;
/// `captures`, for a run of policy captures, how many captures it recorded.
pub(crate) fn run_in_words(newest: &AuditEntry, count: u64, captures: u64) -> String {
    let n = thousands(count);
    let detail = newest.detail.as_str();
    match newest.action.as_str() {
        "document.add" => format!("Added {n} documents"),
        "document.source" => format!("Found {n} documents again"),
        "document.policy" | "series.capture" => match captures {
            1 => "Recorded a policy capture".into(),
            c => format!("Recorded {} policy captures", thousands(c)),
        },
        "document.reextract" => format!("Extracted the text of {n} documents again"),
        "document.tag" => format!("Tagged {n} documents {detail}"),
        "document.untag" => format!("Removed the tag {detail} from {n} documents"),
        "document.review" => format!(
            "Marked {n} documents {}",
            crate::activity::review_words(detail)
        ),
        "citation.add" => format!("Added {n} citations"),
        "event.add" => format!("Added {n} events"),
        "exhibit.add" => format!("Made {n} documents exhibits"),
        "note.add" => format!("Added {n} notes"),
        "chronology.baseline" => {
            format!("Recorded the state of {n} chronology rows when the case was upgraded")
        }
        _ => format!("Made {n} changes"),
    }
}

/// The latest activity, newest first, runs of similar rows as one line.
pub fn activity(
    path: &(impl CaseAt + ?Sized),
    request: &ActivityRequest,
) -> ApiResult<Vec<ActivityLine>> {
    let limit = request.limit.unwrap_or(DEFAULT_ACTIVITY);
    if limit == 0 || limit > MAX_ACTIVITY {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("limit {limit} is out of range: activity gives 1 to {MAX_ACTIVITY} lines"),
        ));
    }
    let case = open_case(path)?;
    let conn = case.connection();
    let mut titles = CaseTitles::new(&case);
    let mut lines = Vec::new();
    let mut before = None;
    while lines.len() < limit as usize {
        let Some(newest) = audit_log::newest_before(conn, before)? else {
            break;
        };
        let (first_seq, count) = match grouping(&newest.action) {
            Some((actions, same_detail)) => {
                audit_log::run_ending_at(conn, &newest, actions, same_detail)?
            }
            None => (newest.seq, 1),
        };
        let first_at = if first_seq == newest.seq {
            newest.at.clone()
        } else {
            audit_log::entry(conn, first_seq)?
                .map(|e| e.at)
                .unwrap_or_else(|| newest.at.clone())
        };
        let summary_text = if count == 1 {
            describe(&newest.action, &newest.target, &newest.detail, &mut titles)
        } else {
            let captures =
                if grouping(&newest.action).is_some_and(|(a, _)| a[1] == "series.capture") {
                    audit_log::count_action(conn, first_seq, newest.seq, "series.capture")?
                } else {
                    0
                };
            run_in_words(&newest, count, captures)
        };
        before = Some(first_seq);
        lines.push(ActivityLine {
            summary_text,
            count,
            first_seq,
            last_seq: newest.seq,
            first_at,
            at: newest.at,
            actor: newest.actor,
            action: newest.action,
            target: newest.target,
        });
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{IngestRequest, PathScope, ReviewRequest, TagRequest};

    #[test]
    fn a_bulk_tag_and_an_ingest_are_one_line_each_and_single_edits_stay_apart() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = dir.path().join("case");
        crate::init(&case).expect("init");
        let files = dir.path().join("files");
        std::fs::create_dir_all(&files).expect("folder");
        for i in 0..12 {
            std::fs::write(files.join(format!("{i}.txt")), format!("note number {i}"))
                .expect("write");
        }
        let ingested = crate::ingest(
            &case,
            &IngestRequest {
                paths: vec![files],
                ..Default::default()
            },
            &PathScope::Anything,
            &|_| {},
        )
        .expect("ingest");
        let docs = ingested.documents.clone();
        crate::tag(
            &case,
            &TagRequest {
                tags: vec!["privileged".into()],
                docs: docs.clone(),
                ..Default::default()
            },
        )
        .expect("bulk tag");
        crate::tag(
            &case,
            &TagRequest {
                doc: Some(docs[0]),
                tags: vec!["hot".into()],
                ..Default::default()
            },
        )
        .expect("tag one");
        crate::review(
            &case,
            &ReviewRequest {
                status: "reviewed".into(),
                docs: docs[..3].to_vec(),
                ..Default::default()
            },
        )
        .expect("review");

        let lines = activity(&case, &ActivityRequest { limit: Some(5) }).expect("activity");
        let words: Vec<(&str, u64)> = lines
            .iter()
            .map(|l| (l.summary_text.as_str(), l.count))
            .collect();
        assert_eq!(words[0], ("Marked 3 documents as reviewed", 3));
        assert_eq!(words[1].1, 1, "{words:?}");
        assert!(words[1].0.starts_with("Tagged document"), "{words:?}");
        assert_eq!(words[2], ("Tagged 12 documents privileged", 12));
        assert!(
            words[3].0.starts_with("Ingested 12 new documents"),
            "{words:?}"
        );
        assert_eq!(words[4], ("Added 12 documents", 12));
        for line in &lines {
            assert!(
                !line.summary_text.contains("document."),
                "no internal names: {line:?}"
            );
            assert!(line.first_seq <= line.last_seq && line.first_at <= line.at);
        }
        // Lines follow one another back through the log without a gap.
        for pair in lines.windows(2) {
            assert_eq!(pair[1].last_seq + 1, pair[0].first_seq);
        }
    }

    #[test]
    fn a_limit_out_of_range_is_refused_with_its_bounds() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = dir.path().join("case");
        crate::init(&case).expect("init");
        let e = activity(&case, &ActivityRequest { limit: Some(0) }).expect_err("refused");
        assert!(e.message.contains("1 to 500"), "{}", e.message);
    }
}
