//! Word-level diffs of two normalised captures, with hunks and context.

use std::collections::HashMap;

use similar::{Algorithm, DiffOp, capture_diff_slices, group_diff_ops};

use crate::normalise::Normalised;

/// How many unchanged words a hunk shows on each side of a change.
pub const CONTEXT_WORDS: usize = 8;

/// What a stretch of a hunk is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    /// In both versions.
    Equal,
    /// Only in the old version.
    Removed,
    /// Only in the new version.
    Added,
}

/// A run of words of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Whether the words were kept, removed or added.
    pub kind: SegmentKind,
    /// The words, single-spaced.
    pub text: String,
}

/// Changes close to each other, with unchanged words around them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    /// Index of the hunk's first word in the old version.
    pub old_start: usize,
    /// Index of the hunk's first word in the new version.
    pub new_start: usize,
    /// The hunk, in reading order.
    pub segments: Vec<Segment>,
}

impl Hunk {
    /// The hunk as one line: removed words as `[-…-]`, added words as `{+…+}`.
    pub fn render(&self) -> String {
        let parts: Vec<String> = self
            .segments
            .iter()
            .map(|s| match s.kind {
                SegmentKind::Equal => s.text.clone(),
                SegmentKind::Removed => format!("[-{}-]", s.text),
                SegmentKind::Added => format!("{{+{}+}}", s.text),
            })
            .collect();
        parts.join(" ")
    }
}

/// A word-level diff of two versions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordDiff {
    /// Each run of added words, in the order of the new version.
    pub added: Vec<String>,
    /// Each run of removed words, in the order of the old version.
    pub removed: Vec<String>,
    /// The changes with [`CONTEXT_WORDS`] words of context, close changes merged.
    pub hunks: Vec<Hunk>,
}

impl WordDiff {
    /// Whether the two versions have the same wording.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// Diffs the wording of two versions word by word (Patience, which keeps long legal
/// paragraphs aligned on their unique words, falling back to Myers within a stretch).
pub fn word_diff(old: &Normalised, new: &Normalised) -> WordDiff {
    let old: Vec<&str> = old.words().collect();
    let new: Vec<&str> = new.words().collect();
    diff_words(&old, &new)
}

/// Diffs two word sequences.
pub fn diff_words(old: &[&str], new: &[&str]) -> WordDiff {
    // Compare small integers rather than strings: each distinct word gets a number.
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let old_ids = intern(old, &mut ids);
    let new_ids = intern(new, &mut ids);
    let ops = capture_diff_slices(Algorithm::Patience, &old_ids, &new_ids);
    let mut out = WordDiff::default();
    let join = |words: &[&str]| words.join(" ");
    for op in &ops {
        match *op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => out.removed.push(join(&old[old_index..old_index + old_len])),
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.added.push(join(&new[new_index..new_index + new_len])),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                out.removed.push(join(&old[old_index..old_index + old_len]));
                out.added.push(join(&new[new_index..new_index + new_len]));
            }
        }
    }
    for group in group_diff_ops(ops, CONTEXT_WORDS) {
        let Some(first) = group.first() else { continue };
        let mut hunk = Hunk {
            old_start: first.old_range().start,
            new_start: first.new_range().start,
            segments: Vec::new(),
        };
        for op in &group {
            let (tag, old_range, new_range) = op.as_tag_tuple();
            let removed = join(&old[old_range]);
            let added = join(&new[new_range]);
            match tag {
                similar::DiffTag::Equal => push(&mut hunk, SegmentKind::Equal, removed),
                similar::DiffTag::Delete => push(&mut hunk, SegmentKind::Removed, removed),
                similar::DiffTag::Insert => push(&mut hunk, SegmentKind::Added, added),
                similar::DiffTag::Replace => {
                    push(&mut hunk, SegmentKind::Removed, removed);
                    push(&mut hunk, SegmentKind::Added, added);
                }
            }
        }
        out.hunks.push(hunk);
    }
    out
}

/// Numbers each word, giving the same number to the same word.
fn intern<'a>(words: &[&'a str], ids: &mut HashMap<&'a str, u32>) -> Vec<u32> {
    words
        .iter()
        .map(|w| {
            let next = ids.len() as u32;
            *ids.entry(w).or_insert(next)
        })
        .collect()
}

fn push(hunk: &mut Hunk, kind: SegmentKind, text: String) {
    if !text.is_empty() {
        hunk.segments.push(Segment { kind, text });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Format;

    fn n(s: &str) -> Normalised {
        Normalised::new(s, Format::Markdown)
    }

    #[test]
    fn a_reworded_sentence_shows_the_words_removed_and_added_in_context() {
        let old = n("We do not use your data to train AI models. We keep it safe.");
        let new = n("We may use your data to train generative AI models.\n\nWe keep it safe.");
        let d = word_diff(&old, &new);
        assert_eq!(d.removed, ["do not"]);
        assert_eq!(d.added, ["may", "generative"]);
        assert_eq!(d.hunks.len(), 1);
        assert_eq!(
            d.hunks[0].render(),
            "We [-do not-] {+may+} use your data to train {+generative+} AI models. We keep it safe."
        );
    }

    #[test]
    fn formatting_only_changes_make_an_empty_diff() {
        let d = word_diff(
            &n("**Terms**\n\nwe may\nchange them"),
            &n("# Terms\nwe _may_ change them"),
        );
        assert!(d.is_empty(), "{d:?}");
        assert!(d.hunks.is_empty());
    }

    #[test]
    fn distant_changes_are_separate_hunks_with_limited_context() {
        let words: Vec<String> = (0..60).map(|i| format!("w{i}")).collect();
        let old = words.join(" ");
        let mut changed = words.clone();
        changed[5] = "FIVE".into();
        changed[50] = "FIFTY".into();
        let d = word_diff(&n(&old), &n(&changed.join(" ")));
        assert_eq!(d.hunks.len(), 2);
        assert_eq!(d.hunks[1].old_start, 50 - CONTEXT_WORDS);
        assert_eq!(d.removed, ["w5", "w50"]);
    }
}
