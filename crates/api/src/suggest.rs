//! `suggest`: candidate events the case already knows the date of — documents' own
//! dates (an email sent, an article published, a filing filed) and detected policy
//! changes — which the user accepts into the chronology with their citations.

use dossier_store::{EventState, NewCitation};
use dossier_timeline::{FuzzyDate, PartialDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::CaseAt;
use crate::chronology::check_citation;
use crate::{
    ApiError, ApiResult, ErrorCode, PolicyDiffRequest, PolicyOutput, PolicyRequest, open_case,
    policy, policy_diff,
};

/// A citation a suggestion would make.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SuggestedCitation {
    /// The document.
    pub doc: i64,
    /// supports or context.
    pub relation: String,
    /// The sentence cited: for a policy change, the sentence of the new version that holds
    /// the most added words (supports) and the one of the old version that held the most
    /// removed words (context).
    pub quote: Option<String>,
}

/// The sentence of `text` around the first place `run` (a run of words from a diff) occurs,
/// spacing made single: from the end of the sentence before (`.`, `!`, `?` or a line break)
/// to the end of its own. `None` when the run is not in the text.
fn sentence_around(text: &str, run: &str) -> Option<String> {
    let run = run.trim();
    if run.is_empty() {
        return None;
    }
    let at = text.find(run)?;
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let start = text[..at].rfind(is_end).map_or(0, |i| i + 1);
    let end = text[at + run.len()..]
        .find(is_end)
        .map_or(text.len(), |i| at + run.len() + i + 1);
    let sentence = text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!sentence.is_empty()).then_some(sentence)
}

/// The sentence holding the longest of `runs` in `text`, the change a reader would cite.
fn changed_sentence(text: Option<&str>, runs: &[String]) -> Option<String> {
    let text = text?;
    let mut runs: Vec<&String> = runs.iter().collect();
    runs.sort_by_key(|r| std::cmp::Reverse(r.split_whitespace().count()));
    runs.iter().find_map(|r| sentence_around(text, r))
}

/// One candidate event.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Suggestion {
    /// Stable key to accept it by: `doc:ID` or `policy:SERIES:DOC`.
    pub key: String,
    /// Its date.
    pub date: String,
    /// Its title.
    pub title: String,
    /// What it comes from: `document` or `policy_change`.
    pub source: String,
    /// The citations accepting it makes.
    pub citations: Vec<SuggestedCitation>,
}

/// `suggest` arguments.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct SuggestRequest {
    /// Accept this suggestion into the chronology (repeatable; keys as listed); none lists
    /// them.
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub accept: Vec<String>,
}

/// A suggestion accepted.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Accepted {
    /// Its key.
    pub key: String,
    /// The event created.
    pub event: i64,
}

/// `suggest` output.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(untagged)]
pub enum SuggestOutput {
    /// The candidates (nothing accepted).
    Candidates(Vec<Suggestion>),
    /// What was accepted.
    Accepted(Vec<Accepted>),
}

/// A date as documents carry it (ISO 8601, possibly with a time), at day precision or
/// coarser; `None` when it cannot be read.
fn day_of(s: &str) -> Option<PartialDate> {
    let d = PartialDate::parse(s)
        .or_else(|_| PartialDate::parse(s.get(..10).unwrap_or(s)))
        .ok()?;
    Some(PartialDate { time: None, ..d })
}

fn verb(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "email" => "Email sent",
        "article" => "Article published",
        "filing" => "Filed",
        // An office file's own date is when it says it was created.
        "document" | "spreadsheet" | "presentation" => "Created",
        "policy" | "attachment" | "archive" => return None,
        _ => "Dated",
    })
}

fn candidates(path: &(impl CaseAt + ?Sized)) -> ApiResult<Vec<Suggestion>> {
    let case = open_case(path)?;
    let texts = |doc: i64| -> ApiResult<Option<String>> { Ok(case.cited_text(doc, None)?) };
    let events = case.events()?;
    let cited: Vec<(i64, String)> = {
        let dates: std::collections::HashMap<i64, &str> = events
            .iter()
            .map(|e| (e.id, e.state.date.as_str()))
            .collect();
        case.citations()?
            .into_iter()
            .filter_map(|c| dates.get(&c.event).map(|d| (c.document, d.to_string())))
            .collect()
    };
    let taken = |doc: i64, date: &str| cited.iter().any(|(d, x)| *d == doc && x == date);
    let mut out = Vec::new();
    for d in case.documents(&Default::default())? {
        let (Some(raw), Some(verb)) = (d.date.as_deref(), verb(&d.kind)) else {
            continue;
        };
        let Some(day) = day_of(raw) else { continue };
        let date = FuzzyDate::On(day).to_string();
        let title = d.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
        out.push(Suggestion {
            key: format!("doc:{}", d.id),
            date,
            title: format!("{verb}: {}", title.unwrap_or("(untitled)")),
            source: "document".into(),
            citations: vec![SuggestedCitation {
                doc: d.id,
                relation: "supports".into(),
                quote: None,
            }],
        });
    }
    if let PolicyOutput::List(list) = policy(path, &PolicyRequest { series: None })? {
        for s in list {
            let PolicyOutput::Series(view) = policy(
                path,
                &PolicyRequest {
                    series: Some(s.series.clone()),
                },
            )?
            else {
                continue;
            };
            for c in &view.changes {
                let (Some(a), Some(b)) = (day_of(&c.last_old), day_of(&c.first_new)) else {
                    continue;
                };
                let date = if a == b {
                    FuzzyDate::On(a)
                } else {
                    FuzzyDate::Between(a, b)
                };
                let what = match (c.silent, c.empty_bump) {
                    (true, _) => "changed without a new \"last updated\" date",
                    (_, true) => "re-dated with no change of wording",
                    _ => "changed",
                };
                // The wording itself: the sentences added and removed, as the diff finds them.
                let diff = policy_diff(
                    path,
                    &PolicyDiffRequest {
                        series: view.series.clone(),
                        from: c.old_doc.to_string(),
                        to: c.new_doc.to_string(),
                    },
                )?;
                let added = changed_sentence(texts(c.new_doc)?.as_deref(), &diff.added);
                let removed = changed_sentence(texts(c.old_doc)?.as_deref(), &diff.removed);
                out.push(Suggestion {
                    key: format!("policy:{}:{}", view.series, c.new_doc),
                    date: date.to_string(),
                    title: format!("{} {what}", view.series),
                    source: "policy_change".into(),
                    citations: vec![
                        SuggestedCitation {
                            doc: c.old_doc,
                            relation: "context".into(),
                            quote: removed,
                        },
                        SuggestedCitation {
                            doc: c.new_doc,
                            relation: "supports".into(),
                            quote: added,
                        },
                    ],
                });
            }
        }
    }
    // Accepted already: an event of that date cites the document the suggestion rests on.
    out.retain(|s| {
        !s.citations
            .iter()
            .any(|c| c.relation == "supports" && taken(c.doc, &s.date))
    });
    out.sort_by(|a, b| {
        let key = |s: &Suggestion| FuzzyDate::parse(&s.date).ok();
        key(a).cmp(&key(b)).then_with(|| a.key.cmp(&b.key))
    });
    Ok(out)
}

/// Lists candidate events, or accepts some into the chronology with their citations.
pub fn suggest(
    path: &(impl CaseAt + ?Sized),
    request: &SuggestRequest,
) -> ApiResult<SuggestOutput> {
    let all = candidates(path)?;
    if request.accept.is_empty() {
        return Ok(SuggestOutput::Candidates(all));
    }
    let chosen: Vec<&Suggestion> = request
        .accept
        .iter()
        .map(|k| {
            all.iter().find(|s| &s.key == k).ok_or_else(|| {
                ApiError::new(
                    ErrorCode::NotFound,
                    format!("no suggestion {k:?} (dossier suggest CASE lists them; accepted ones are not listed again)"),
                )
            })
        })
        .collect::<ApiResult<_>>()?;
    let mut case = open_case(path)?;
    let mut hashes = std::collections::HashMap::new();
    for s in &chosen {
        for c in &s.citations {
            hashes.insert(c.doc, case.document(c.doc)?.summary.sha256);
        }
    }
    // Quoted citations are checked before the change begins, like any `cite`: a quote
    // no longer in its document refuses the whole acceptance.
    let mut checked = std::collections::HashMap::new();
    for s in &chosen {
        for c in &s.citations {
            if let Some(q) = &c.quote {
                let found = check_citation(
                    &case,
                    c.doc,
                    None,
                    Some(q),
                    Some(&c.relation),
                    Default::default(),
                )?;
                checked.insert((s.key.clone(), c.doc), found);
            }
        }
    }
    let change = case.begin_change()?;
    let mut accepted = Vec::new();
    for s in chosen {
        let event = change.add_event(&EventState {
            title: s.title.clone(),
            date: s.date.clone(),
            status: "alleged".into(),
            ..EventState::default()
        })?;
        for c in &s.citations {
            match checked.get(&(s.key.clone(), c.doc)) {
                Some(found) => {
                    change.add_citation(&found.for_event(event, c.doc))?;
                }
                None => {
                    change.add_citation(&NewCitation {
                        event,
                        document: c.doc,
                        relation: c.relation.clone(),
                        page: None,
                        span: None,
                        sha256: hashes.get(&c.doc).cloned().unwrap_or_default(),
                    })?;
                }
            }
        }
        change.record("suggestion.accept", &format!("event:{event}"), &s.key)?;
        accepted.push(Accepted {
            key: s.key.clone(),
            event,
        });
    }
    change.commit()?;
    Ok(SuggestOutput::Accepted(accepted))
}
