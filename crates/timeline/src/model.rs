//! The chronology as the exports see it: events with their citations, statuses and
//! relations, independent of how a case stores them.

use std::fmt;
use std::str::FromStr;

use crate::date::FuzzyDate;

/// Where an event stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Someone says it happened.
    Alleged,
    /// The other side denies it.
    Disputed,
    /// The other side accepts it.
    Admitted,
    /// Proven (by a document, a finding).
    Established,
    /// Expected or not yet sourced: every event without a citation.
    Prospective,
}

impl Status {
    /// Every status, in the order reports list them.
    pub const ALL: [Status; 5] = [
        Status::Alleged,
        Status::Disputed,
        Status::Admitted,
        Status::Established,
        Status::Prospective,
    ];

    /// The word stored and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Alleged => "alleged",
            Status::Disputed => "disputed",
            Status::Admitted => "admitted",
            Status::Established => "established",
            Status::Prospective => "prospective",
        }
    }

    /// The status an event shows: the one asked for once it cites a document,
    /// `prospective` while it cites none.
    pub fn effective(requested: Status, citations: usize) -> Status {
        if citations == 0 {
            Status::Prospective
        } else {
            requested
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Status::ALL
            .into_iter()
            .find(|st| st.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!(
                    "unknown status {s:?}; use one of: alleged, disputed, admitted, established, prospective"
                )
            })
    }
}

/// What a cited passage does for an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relation {
    /// It bears the event out.
    Supports,
    /// It goes against it.
    Contradicts,
    /// It is background.
    Context,
}

impl Relation {
    /// The word stored and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Supports => "supports",
            Relation::Contradicts => "contradicts",
            Relation::Context => "context",
        }
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Relation {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        [Relation::Supports, Relation::Contradicts, Relation::Context]
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!("unknown relation {s:?}; use one of: supports, contradicts, context")
            })
    }
}

/// One citation as a report shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationEntry {
    /// Citation id.
    pub id: i64,
    /// The cited document's id.
    pub doc: i64,
    /// Its title.
    pub doc_title: Option<String>,
    /// Its exhibit number, if it has one.
    pub exhibit: Option<String>,
    /// The Bates number of the cited page, if the document is an exhibit.
    pub bates: Option<String>,
    /// The page, from 1.
    pub page: Option<u32>,
    /// The quoted passage.
    pub quote: Option<String>,
    /// What the passage does for the event.
    pub relation: Relation,
    /// Whether the quote is still where it was cited.
    pub verified: bool,
    /// Where the cited document came from, when it is a web capture.
    pub provenance: Option<Provenance>,
}

/// The provenance of a cited web capture, as a report states it beside the citation: where
/// and when it was captured, the archive record it is, its digest and the trusted
/// timestamp that covers it (or that none does).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    /// The captured address (WARC-Target-URI).
    pub url: Option<String>,
    /// When it was captured (WARC-Date).
    pub captured_at: Option<String>,
    /// The WARC record's id.
    pub record_id: Option<String>,
    /// The digest the archive declares for the payload (`sha1:…`), else the record's SHA-256.
    pub digest: Option<String>,
    /// Whether the archive's digests verified (`pass`, `FAIL`, …).
    pub digest_check: Option<String>,
    /// The trusted timestamp: `timestamped by X at T`, or what is pending.
    pub timestamp: Option<String>,
}

impl Provenance {
    /// One line: `captured from URL at T; WARC record ID; digest D (verified); timestamped by X at T`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        match (&self.url, &self.captured_at) {
            (Some(u), Some(t)) => parts.push(format!("captured from {u} at {t}")),
            (Some(u), None) => parts.push(format!("captured from {u}")),
            (None, Some(t)) => parts.push(format!("captured at {t}")),
            (None, None) => {}
        }
        if let Some(id) = &self.record_id {
            parts.push(format!("WARC record {id}"));
        }
        if let Some(d) = &self.digest {
            let check = match self.digest_check.as_deref() {
                Some("pass") => " (verified)".to_owned(),
                Some("FAIL") => " (DOES NOT MATCH the archived bytes)".to_owned(),
                Some(other) => format!(" ({other})"),
                None => String::new(),
            };
            parts.push(format!("digest {d}{check}"));
        }
        parts.push(
            self.timestamp
                .clone()
                .unwrap_or_else(|| "no trusted timestamp".into()),
        );
        parts.join("; ")
    }
}

impl CitationEntry {
    /// The pin cite: `PX-0001 (DOSS000003), p. 3` or `Doc 12 "Title", p. 3`.
    pub fn pin_cite(&self) -> String {
        let mut s = match (&self.exhibit, &self.doc_title) {
            (Some(x), _) => x.clone(),
            (None, Some(t)) if !t.trim().is_empty() => {
                format!("Doc {} \u{201C}{}\u{201D}", self.doc, t.trim())
            }
            (None, _) => format!("Doc {}", self.doc),
        };
        if let Some(b) = &self.bates {
            s += &format!(" ({b})");
        }
        if let Some(p) = self.page {
            s += &format!(", p. {p}");
        }
        s
    }
}

/// One event as a report shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Event id.
    pub id: i64,
    /// When.
    pub date: FuzzyDate,
    /// What happened, in a line.
    pub title: String,
    /// More about it.
    pub description: Option<String>,
    /// Where it stands (already [`Status::effective`]).
    pub status: Status,
    /// Legal issues it bears on.
    pub issues: Vec<String>,
    /// Who took part.
    pub actors: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Its citations, in the order they were made.
    pub citations: Vec<CitationEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_without_a_citation_is_prospective_whatever_was_asked() {
        assert_eq!(
            Status::effective(Status::Established, 0),
            Status::Prospective
        );
        assert_eq!(
            Status::effective(Status::Established, 1),
            Status::Established
        );
        assert_eq!("Disputed".parse::<Status>(), Ok(Status::Disputed));
        assert!("probable".parse::<Status>().is_err());
        assert_eq!("context".parse::<Relation>(), Ok(Relation::Context));
    }

    #[test]
    fn pin_cites_prefer_the_exhibit_number() {
        let mut c = CitationEntry {
            id: 1,
            doc: 12,
            doc_title: Some("Privacy Policy".into()),
            exhibit: None,
            bates: None,
            page: Some(3),
            quote: None,
            relation: Relation::Supports,
            verified: true,
            provenance: None,
        };
        assert_eq!(c.pin_cite(), "Doc 12 \u{201C}Privacy Policy\u{201D}, p. 3");
        c.exhibit = Some("PX-0001".into());
        c.bates = Some("DOSS000003".into());
        assert_eq!(c.pin_cite(), "PX-0001 (DOSS000003), p. 3");
    }
}
