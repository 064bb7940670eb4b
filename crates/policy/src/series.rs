//! A series: the dated captures of one page, and what can be proved from them — its
//! versions, the changes between them with their observation windows, the version in
//! force on a date, and the life of a phrase.

use std::ops::Range;

use crate::date::{Claim, check_iso_date, claimed_date, on_or_before};
use crate::diff::{WordDiff, diff_words, word_diff};
use crate::normalise::{Normalised, find_words, fold_phrase};

/// One capture as the caller knows it: which document holds it, when it was taken, and
/// its normalised text. Captures of the same original share a document.
#[derive(Debug, Clone)]
pub struct CaptureInput {
    /// The document holding the captured original.
    pub doc: i64,
    /// When it was captured (ISO 8601, any precision).
    pub captured: String,
    /// Its wording.
    pub text: Normalised,
}

/// A capture with what was read from it.
#[derive(Debug, Clone)]
pub struct Capture {
    /// The document holding the captured original.
    pub doc: i64,
    /// When it was captured.
    pub captured: String,
    /// Its wording.
    pub text: Normalised,
    /// The date it claims for itself, if it states one.
    pub claim: Option<Claim>,
    /// Word indices of the claimed-date statement, left out of [`Capture::wording`].
    claim_words: Range<usize>,
}

impl Capture {
    fn new(input: CaptureInput) -> Capture {
        let claim = claimed_date(&input.text);
        let claim_words = claim.as_ref().map_or(0..0, |c| claim_words(&input.text, c));
        Capture {
            doc: input.doc,
            captured: input.captured,
            text: input.text,
            claim,
            claim_words,
        }
    }

    /// Its words without the claimed-date statement: what "the wording changed" compares,
    /// so that a new "Last updated" line alone is not a change of wording.
    pub fn wording(&self) -> impl Iterator<Item = &str> {
        self.text
            .words()
            .enumerate()
            .filter(|(i, _)| !self.claim_words.contains(i))
            .map(|(_, w)| w)
    }

    /// The claimed date, as ISO 8601.
    pub fn claimed_date(&self) -> Option<&str> {
        self.claim.as_ref().map(|c| c.date.as_str())
    }
}

/// The range of word indices that a claim covers.
fn claim_words(text: &Normalised, claim: &Claim) -> Range<usize> {
    let before: usize = text.paragraphs()[..claim.paragraph]
        .iter()
        .map(|p| p.split(' ').count())
        .sum();
    let para = &text.paragraphs()[claim.paragraph];
    let head = &para[..claim.range.start];
    let mut start = before + head.split_whitespace().count();
    if !head.is_empty() && !head.ends_with(' ') {
        start -= 1; // the claim starts inside a word ("(Effective")
    }
    let end = before + para[..claim.range.end].split_whitespace().count();
    start..end
}

/// A distinct original in the series, with the later identical captures that observed it
/// again (those narrow the windows of changes without storing anything twice).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// Index of its first capture in the series.
    pub capture: usize,
    /// The document.
    pub doc: i64,
    /// When it was first captured.
    pub captured: String,
    /// When it was last seen before the next version.
    pub last_seen: String,
    /// Dates of the identical captures after the first.
    pub observations: Vec<String>,
    /// The date it claims for itself.
    pub claimed_date: Option<String>,
}

/// A change of text between two consecutive states of the page, seen in a window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyChange {
    /// The last capture with the old text (the window opens after it).
    pub last_old: String,
    /// The first capture with the new text (the window closes with it).
    pub first_new: String,
    /// The document of the old text's last capture.
    pub old_doc: i64,
    /// The document of the new text's first capture.
    pub new_doc: i64,
    /// Index of the old text's last capture.
    pub old_capture: usize,
    /// Index of the new text's first capture.
    pub new_capture: usize,
    /// The date the page claimed before.
    pub claimed_before: Option<String>,
    /// The date the page claims after.
    pub claimed_after: Option<String>,
    /// Whether words other than the claimed-date statement changed.
    pub wording_changed: bool,
    /// The wording changed but the claimed date did not: nothing on the page says it changed.
    /// Only flagged when the page states a date; without one, nothing can be said.
    pub silent: bool,
    /// The claimed date changed but the wording did not.
    pub empty_bump: bool,
    /// The word-level diff.
    pub diff: WordDiff,
}

/// When a phrase was first seen in the series, and when it went away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    /// The phrase as looked for (folded).
    pub phrase: String,
    /// Its first appearance: (index of the last capture without it, if any; index of the
    /// first capture with it).
    pub appeared: Option<(Option<usize>, usize)>,
    /// Its final disappearance, if it is absent from the latest capture: (index of the last
    /// capture with it, index of the first capture without it after that).
    pub disappeared: Option<(usize, usize)>,
    /// Every run of consecutive captures containing it: (first, last) capture indices.
    pub spans: Vec<(usize, usize)>,
}

/// The captures of one page, in capture order, analysed.
#[derive(Debug, Clone, Default)]
pub struct Series {
    captures: Vec<Capture>,
}

impl Series {
    /// Analyses captures given in capture order (oldest first).
    pub fn new(captures: Vec<CaptureInput>) -> Series {
        Series {
            captures: captures.into_iter().map(Capture::new).collect(),
        }
    }

    /// Every capture, oldest first.
    pub fn captures(&self) -> &[Capture] {
        &self.captures
    }

    /// The distinct originals in capture order; a capture of the same original as the one
    /// before it is an observation of that version, not a new one.
    pub fn versions(&self) -> Vec<Version> {
        let mut versions: Vec<Version> = Vec::new();
        for (i, c) in self.captures.iter().enumerate() {
            match versions.last_mut() {
                Some(v) if v.doc == c.doc => {
                    v.observations.push(c.captured.clone());
                    v.last_seen = c.captured.clone();
                }
                _ => versions.push(Version {
                    capture: i,
                    doc: c.doc,
                    captured: c.captured.clone(),
                    last_seen: c.captured.clone(),
                    observations: Vec::new(),
                    claimed_date: c.claimed_date().map(str::to_owned),
                }),
            }
        }
        versions
    }

    /// Runs of consecutive captures with the same normalised text: (first, last) indices.
    fn states(&self) -> Vec<(usize, usize)> {
        let mut states: Vec<(usize, usize)> = Vec::new();
        for (i, c) in self.captures.iter().enumerate() {
            match states.last_mut() {
                Some((first, last)) if self.captures[*first].text == c.text => *last = i,
                _ => states.push((i, i)),
            }
        }
        states
    }

    /// How many consecutive versions differ only in formatting (for example a re-extraction
    /// by the archive): distinct originals, same wording, not counted as changes.
    pub fn formatting_only(&self) -> usize {
        self.versions()
            .windows(2)
            .filter(|w| self.captures[w[0].capture].text == self.captures[w[1].capture].text)
            .count()
    }

    /// Every change of text, with its window: the last capture with the old text and the
    /// first with the new.
    pub fn changes(&self) -> Vec<PolicyChange> {
        self.states()
            .windows(2)
            .map(|w| self.change_between(w[0].1, w[1].0))
            .collect()
    }

    fn change_between(&self, old: usize, new: usize) -> PolicyChange {
        let (a, b) = (&self.captures[old], &self.captures[new]);
        let claimed_before = a.claimed_date().map(str::to_owned);
        let claimed_after = b.claimed_date().map(str::to_owned);
        let wording_changed = !a.wording().eq(b.wording());
        PolicyChange {
            last_old: a.captured.clone(),
            first_new: b.captured.clone(),
            old_doc: a.doc,
            new_doc: b.doc,
            old_capture: old,
            new_capture: new,
            silent: wording_changed && claimed_before.is_some() && claimed_before == claimed_after,
            empty_bump: !wording_changed && claimed_before != claimed_after,
            claimed_before,
            claimed_after,
            wording_changed,
            diff: word_diff(&a.text, &b.text),
        }
    }

    /// The word-level diff between two captures.
    pub fn diff(&self, old: usize, new: usize) -> WordDiff {
        word_diff(&self.captures[old].text, &self.captures[new].text)
    }

    /// The wording diff between two captures, leaving out each side's claimed-date statement.
    pub fn wording_diff(&self, old: usize, new: usize) -> WordDiff {
        let old: Vec<&str> = self.captures[old].wording().collect();
        let new: Vec<&str> = self.captures[new].wording().collect();
        diff_words(&old, &new)
    }

    /// The capture in force on `date`: the latest taken on or before it (compared at the
    /// coarser precision, so a month means its end). `None` before the first capture.
    ///
    /// The page may have changed after that capture and before `date`; the next capture
    /// ([`Series::next_capture`]) bounds how long the reading is certain.
    pub fn in_force(&self, date: &str) -> Option<usize> {
        self.captures
            .iter()
            .rposition(|c| on_or_before(&c.captured, date))
    }

    /// The first capture after `index` with a different original, if any.
    pub fn next_capture(&self, index: usize) -> Option<usize> {
        let doc = self.captures.get(index)?.doc;
        (index + 1..self.captures.len()).find(|&i| self.captures[i].doc != doc)
    }

    /// Finds a capture by document id (a bare number naming a document of this series: its
    /// latest capture) or by date (the capture in force on it).
    pub fn resolve(&self, spec: &str) -> Option<usize> {
        let spec = spec.trim();
        let id = spec
            .trim_start_matches('#')
            .strip_prefix("doc:")
            .unwrap_or(spec.trim_start_matches('#'));
        if let Ok(doc) = id.parse::<i64>()
            && let Some(i) = self.captures.iter().rposition(|c| c.doc == doc)
        {
            return Some(i);
        }
        check_iso_date(spec).ok().and_then(|d| self.in_force(d))
    }

    /// The life of a phrase: when it first appeared, when it went away for good (if it
    /// has), and every stretch of captures that contained it.
    pub fn trace(&self, phrase: &str) -> Trace {
        let needle = fold_phrase(phrase);
        let present: Vec<bool> = self
            .captures
            .iter()
            .map(|c| !needle.is_empty() && find_words(&c.text.folded(), &needle).is_some())
            .collect();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for (i, &p) in present.iter().enumerate() {
            if !p {
                continue;
            }
            match spans.last_mut() {
                Some((_, last)) if *last + 1 == i => *last = i,
                _ => spans.push((i, i)),
            }
        }
        let appeared = spans
            .first()
            .map(|&(first, _)| (first.checked_sub(1), first));
        let disappeared = spans
            .last()
            .filter(|&&(_, last)| last + 1 < self.captures.len())
            .map(|&(_, last)| (last, last + 1));
        Trace {
            phrase: needle,
            appeared,
            disappeared,
            spans,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Format;

    fn series(captures: &[(i64, &str, &str)]) -> Series {
        Series::new(
            captures
                .iter()
                .map(|(doc, captured, text)| CaptureInput {
                    doc: *doc,
                    captured: (*captured).to_owned(),
                    text: Normalised::new(text, Format::Markdown),
                })
                .collect(),
        )
    }

    const V1: &str = "Last updated: January 1, 2024\n\nWe never sell your data.";
    const V2_SILENT: &str = "Last updated: January 1, 2024\n\nWe may sell your data.";
    const V3_BUMP: &str = "Last updated: March 1, 2024\n\nWe may sell your data.";
    const V4_ANNOUNCED: &str = "Last updated: May 1, 2024\n\nWe may sell your data to partners.";

    #[test]
    fn silent_changes_and_empty_bumps_are_flagged() {
        let s = series(&[
            (1, "2024-01-05", V1),
            (2, "2024-02-05", V2_SILENT),
            (3, "2024-03-05", V3_BUMP),
            (4, "2024-05-05", V4_ANNOUNCED),
        ]);
        let flags: Vec<(bool, bool, bool)> = s
            .changes()
            .iter()
            .map(|c| (c.wording_changed, c.silent, c.empty_bump))
            .collect();
        assert_eq!(
            flags,
            [
                (true, true, false),
                (false, false, true),
                (true, false, false)
            ]
        );
        let c = &s.changes()[0];
        assert_eq!(
            (c.last_old.as_str(), c.first_new.as_str()),
            ("2024-01-05", "2024-02-05")
        );
        assert_eq!(
            (c.diff.removed.clone(), c.diff.added.clone()),
            (vec!["never".into()], vec!["may".into()])
        );
        assert_eq!(s.changes()[1].claimed_after.as_deref(), Some("2024-03-01"));
        assert!(s.wording_diff(1, 2).is_empty());
    }

    #[test]
    fn an_identical_capture_is_an_observation_that_narrows_the_window() {
        let s = series(&[
            (1, "2024-01-05", V1),
            (1, "2024-01-20", V1),
            (2, "2024-02-05", V2_SILENT),
        ]);
        let versions = s.versions();
        assert_eq!(versions.len(), 2);
        assert_eq!(versions[0].observations, ["2024-01-20"]);
        let changes = s.changes();
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].last_old, "2024-01-20");
    }

    #[test]
    fn a_reformatted_version_is_not_a_change() {
        let s = series(&[
            (1, "2024-01-05", V1),
            (
                2,
                "2024-01-06",
                "Last updated: January 1, 2024\n\nWe **never** sell\nyour data.",
            ),
            (3, "2024-02-05", V2_SILENT),
        ]);
        assert_eq!(s.versions().len(), 3);
        assert_eq!(s.formatting_only(), 1);
        let changes = s.changes();
        assert_eq!(changes.len(), 1);
        assert_eq!(
            (changes[0].last_old.as_str(), changes[0].old_doc),
            ("2024-01-06", 2)
        );
    }

    #[test]
    fn the_version_in_force_and_references_by_id_or_date() {
        let s = series(&[(1, "2024-01-05", V1), (2, "2024-02-05", V2_SILENT)]);
        assert_eq!(s.in_force("2024-01-04"), None);
        assert_eq!(s.in_force("2024-01-05"), Some(0));
        assert_eq!(s.in_force("2024-01"), Some(0));
        assert_eq!(s.in_force("2024-02"), Some(1));
        assert_eq!(s.in_force("2030"), Some(1));
        assert_eq!(s.next_capture(0), Some(1));
        assert_eq!(s.resolve("2"), Some(1));
        assert_eq!(s.resolve("2024-01-31"), Some(0));
        assert_eq!(s.resolve("tomorrow"), None);
    }

    #[test]
    fn a_phrase_is_traced_from_its_first_appearance_to_its_final_disappearance() {
        let s = series(&[
            (1, "2024-01-01", "We never sell your data."),
            (2, "2024-02-01", "We may sell your data."),
            (3, "2024-03-01", "We never sell your data."),
            (4, "2024-04-01", "We may sell your data."),
            (5, "2024-05-01", "We share your data."),
        ]);
        let t = s.trace("MAY sell");
        assert_eq!(t.appeared, Some((Some(0), 1)));
        assert_eq!(t.disappeared, Some((3, 4)));
        assert_eq!(t.spans, [(1, 1), (3, 3)]);
        let always = s.trace("your data");
        assert_eq!(
            (always.appeared, always.disappeared),
            (Some((None, 0)), None)
        );
        assert_eq!(s.trace("rent").appeared, None);
    }
}
