//! Searching one version's wording: the passages (paragraphs) that match a query.
//!
//! This is a plain scan of the normalised text, not the full-text index: a series has a
//! few dozen versions of a few thousand words each, and an "as of" search looks at one of
//! them, so scanning is instant and needs no index to be built or kept in step.

use crate::normalise::{Normalised, find_words_from, fold_phrase};

/// How many characters of a long paragraph a snippet shows around its first hit.
const SNIPPET_CHARS: usize = 280;

/// A paragraph that matches a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Index of the paragraph in the version.
    pub paragraph: usize,
    /// The paragraph's text.
    pub text: String,
    /// The paragraph (or a window of it) with every hit in `<mark>…</mark>`, other text
    /// HTML-escaped.
    pub snippet: String,
}

/// What a query looks for: `"a phrase in quotes"`, or words that must all occur in the
/// same paragraph (in any order).
fn terms(query: &str) -> Vec<String> {
    let q = query.trim();
    if q.len() >= 2 && q.starts_with('"') && q.ends_with('"') {
        let phrase = fold_phrase(&q[1..q.len() - 1]);
        return if phrase.is_empty() {
            vec![]
        } else {
            vec![phrase]
        };
    }
    fold_phrase(q)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The paragraphs of `doc` that contain every term of `query`, in reading order.
pub fn search(doc: &Normalised, query: &str) -> Vec<Passage> {
    let terms = terms(query);
    if terms.is_empty() {
        return Vec::new();
    }
    let mut passages = Vec::new();
    for (n, paragraph) in doc.paragraphs().iter().enumerate() {
        let folded = Folded::new(paragraph);
        let mut hits: Vec<(usize, usize)> = Vec::new();
        let mut all = true;
        for term in &terms {
            let mut from = 0;
            let mut found = false;
            while let Some(at) = find_words_from(&folded.text, term, from) {
                hits.push((at, at + term.len()));
                found = true;
                from = at + term.len();
            }
            all &= found;
        }
        if all {
            hits.sort_unstable();
            let spans: Vec<(usize, usize)> =
                hits.iter().map(|&(s, e)| folded.original(s, e)).collect();
            passages.push(Passage {
                paragraph: n,
                text: paragraph.clone(),
                snippet: snippet(paragraph, &spans),
            });
        }
    }
    passages
}

/// A lowercased paragraph with a map back to the original's byte offsets (lowercasing can
/// change a character's length).
struct Folded {
    text: String,
    origin: Vec<usize>,
    len: usize,
}

impl Folded {
    fn new(s: &str) -> Folded {
        let mut text = String::with_capacity(s.len());
        let mut origin = Vec::with_capacity(s.len() + 1);
        for (i, c) in s.char_indices() {
            for l in c.to_lowercase() {
                text.push(l);
                origin.extend(std::iter::repeat_n(i, l.len_utf8()));
            }
        }
        origin.push(s.len());
        Folded {
            text,
            origin,
            len: s.len(),
        }
    }

    fn original(&self, start: usize, end: usize) -> (usize, usize) {
        let at = |i: usize| self.origin.get(i).copied().unwrap_or(self.len);
        (at(start), at(end))
    }
}

fn snippet(paragraph: &str, spans: &[(usize, usize)]) -> String {
    let first = spans.first().map_or(0, |s| s.0);
    let (mut from, mut to) = (0, paragraph.len());
    if paragraph.len() > SNIPPET_CHARS {
        from = floor_boundary(paragraph, first.saturating_sub(SNIPPET_CHARS / 3));
        to = floor_boundary(paragraph, (from + SNIPPET_CHARS).min(paragraph.len()));
    }
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut at = from;
    for &(s, e) in spans {
        if s < at || e > to {
            continue;
        }
        out.push_str(&escape(&paragraph[at..s]));
        out.push_str("<mark>");
        out.push_str(&escape(&paragraph[s..e]));
        out.push_str("</mark>");
        at = e;
    }
    out.push_str(&escape(&paragraph[at..to]));
    if to < paragraph.len() {
        out.push('…');
    }
    out
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Format;

    fn doc() -> Normalised {
        Normalised::new(
            "# Data we use\n\nWe use your data to train generative AI models.\n\n\
             You can opt out of AI training in Settings.\n\nCookies & <b>you</b>.",
            Format::Markdown,
        )
    }

    #[test]
    fn words_must_all_be_in_one_paragraph_and_are_marked() {
        let hits = search(&doc(), "ai TRAINING");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].paragraph, 2);
        assert_eq!(
            hits[0].snippet,
            "You can opt out of <mark>AI</mark> <mark>training</mark> in Settings."
        );
    }

    #[test]
    fn a_quoted_query_is_a_phrase() {
        assert_eq!(search(&doc(), "\"train generative ai\"").len(), 1);
        assert!(search(&doc(), "\"generative training\"").is_empty());
        assert_eq!(search(&doc(), "ai").len(), 2);
        assert!(search(&doc(), "  ").is_empty());
    }

    #[test]
    fn snippets_escape_html_and_window_long_paragraphs() {
        let hits = search(&doc(), "cookies");
        assert_eq!(hits[0].snippet, "<mark>Cookies</mark> &amp; you.");
        let long = format!("{} needle {}", "word ".repeat(200), "word ".repeat(200));
        let n = Normalised::new(&long, Format::Plain);
        let s = &search(&n, "needle")[0].snippet;
        assert!(s.starts_with('…') && s.ends_with('…') && s.contains("<mark>needle</mark>"));
        assert!(s.len() < SNIPPET_CHARS + 40);
    }
}
