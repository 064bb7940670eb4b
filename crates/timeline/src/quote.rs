//! Quotes that verify themselves: finding a quoted passage in a page of extracted text,
//! tolerant of the line breaks, hyphenation and spacing that extraction introduces, and
//! describing it as a W3C TextQuoteSelector (exact text, with text before and after it)
//! plus character offsets (a TextPositionSelector) so it can be found again later.
//!
//! Offsets count Unicode scalar values (`char`s) of the page text, as the W3C selectors
//! count characters.

/// How many characters of context a selector keeps before and after the exact text.
pub const CONTEXT_CHARS: usize = 32;

/// A hyphen at a line break, in normalised text: matches a hyphen or nothing.
const SOFT: char = '\u{AD}';

/// A passage located in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSelector {
    /// The passage exactly as the text has it (line breaks and all).
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] characters before it.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after it.
    pub suffix: String,
    /// Offset of its first character.
    pub start: usize,
    /// Offset just past its last character.
    pub end: usize,
}

/// Where to prefer a match when a quote occurs more than once.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hint<'a> {
    /// Text expected just before the quote.
    pub prefix: Option<&'a str>,
    /// Text expected just after it.
    pub suffix: Option<&'a str>,
    /// Where it was last seen.
    pub start: Option<usize>,
}

/// A quote found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The occurrence chosen.
    pub selector: QuoteSelector,
    /// How many times the quote occurs in the text.
    pub occurrences: usize,
}

/// Why a quote was not found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuoteError {
    /// Nothing to look for.
    #[error("the quote is empty")]
    Empty,
    /// The text does not contain the quote.
    #[error("{}", not_found_message(.longest_match, .text_has, .quote_has))]
    NotFound {
        /// The longest beginning of the quote that the text does contain.
        longest_match: Option<String>,
        /// What the text reads where the quote and the text part.
        text_has: Option<String>,
        /// What the quote reads there.
        quote_has: Option<String>,
    },
}

fn not_found_message(
    longest: &Option<String>,
    text_has: &Option<String>,
    quote_has: &Option<String>,
) -> String {
    match (longest, text_has, quote_has) {
        (Some(m), Some(t), Some(q)) => format!(
            "it matches as far as {m:?}, then the text reads {t:?} where the quote has {q:?}"
        ),
        (Some(m), None, Some(q)) => {
            format!("it matches as far as {m:?}, then the text ends where the quote has {q:?}")
        }
        _ => "not even its first words are in the text".to_owned(),
    }
}

/// Text reduced to what a quote is compared on, remembering where each character came from.
struct Normalised {
    chars: Vec<char>,
    /// For each normalised char, the index of the original char it came from.
    origin: Vec<usize>,
}

fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => "\"",
        '\u{2010}' | '\u{2011}' => "-",
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => "",
        _ => return None,
    })
}

/// Collapses whitespace runs to one space, marks hyphens at line breaks as optional,
/// folds typographic quotes, hyphens and ligatures.
fn normalise(text: &str) -> Normalised {
    let src: Vec<char> = text.chars().collect();
    let mut out = Normalised {
        chars: Vec::with_capacity(src.len()),
        origin: Vec::with_capacity(src.len()),
    };
    let mut i = 0;
    while i < src.len() {
        let c = src[i];
        if c.is_whitespace() {
            if out.chars.last().is_some_and(|&l| l != ' ') {
                out.chars.push(' ');
                out.origin.push(i);
            }
            i += 1;
            continue;
        }
        if c == '\u{AD}' {
            out.chars.push(SOFT);
            out.origin.push(i);
            i += 1;
            continue;
        }
        if matches!(c, '-' | '\u{2010}' | '\u{2011}') {
            // A hyphen, then a line break, then a word going on: hyphenation.
            let mut j = i + 1;
            let mut newline = false;
            while j < src.len() && src[j].is_whitespace() {
                newline |= src[j] == '\n' || src[j] == '\r';
                j += 1;
            }
            let letter_before = out.chars.last().is_some_and(|l| l.is_alphabetic());
            let letter_after = src.get(j).is_some_and(|n| n.is_alphabetic());
            if newline && letter_before && letter_after {
                out.chars.push(SOFT);
                out.origin.push(i);
                i = j;
                continue;
            }
        }
        match fold(c) {
            Some(s) => {
                for f in s.chars() {
                    out.chars.push(f);
                    out.origin.push(i);
                }
            }
            None => {
                out.chars.push(c);
                out.origin.push(i);
            }
        }
        i += 1;
    }
    if out.chars.last() == Some(&' ') {
        out.chars.pop();
        out.origin.pop();
    }
    out
}

/// Matches `quote` against `text` from `at`; returns how far it got in each: (text index
/// past the match, quote chars matched).
fn match_from(text: &[char], at: usize, quote: &[char]) -> (usize, usize) {
    let (mut i, mut j) = (at, 0);
    while j < quote.len() && i < text.len() {
        let (a, b) = (text[i], quote[j]);
        if a == b {
            i += 1;
            j += 1;
        } else if a == SOFT {
            i += 1;
            if b == '-' {
                j += 1;
            }
        } else if b == SOFT {
            j += 1;
            if a == '-' {
                i += 1;
            }
        } else {
            break;
        }
    }
    (i, j)
}

fn slice(chars: &[char], from: usize, to: usize) -> String {
    chars[from.min(chars.len())..to.min(chars.len())]
        .iter()
        .collect()
}

/// Finds `quote` in `text`. When it occurs more than once, the occurrence whose
/// surroundings agree with the hint's prefix and suffix wins, then the one nearest the
/// hint's offset, then the first.
pub fn locate(text: &str, quote: &str, hint: Hint<'_>) -> Result<Located, QuoteError> {
    let q = normalise(quote).chars;
    if q.iter().all(|&c| c == SOFT) {
        return Err(QuoteError::Empty);
    }
    let t = normalise(text);
    let mut found = Vec::new();
    let mut best = (0usize, 0usize, 0usize); // (quote chars matched, text start, text stop)
    for start in 0..t.chars.len() {
        if t.chars[start] != q[0] && q[0] != SOFT {
            continue;
        }
        let (stop, matched) = match_from(&t.chars, start, &q);
        if matched == q.len() {
            found.push((start, stop));
        } else if matched > best.0 {
            best = (matched, start, stop);
        }
    }
    if found.is_empty() {
        let (matched, start, stop) = best;
        if matched < 4 {
            return Err(QuoteError::NotFound {
                longest_match: None,
                text_has: None,
                quote_has: None,
            });
        }
        return Err(QuoteError::NotFound {
            longest_match: Some(slice(&t.chars, start, stop)),
            text_has: (stop < t.chars.len()).then(|| slice(&t.chars, stop, stop + 12)),
            quote_has: Some(slice(&q, matched, matched + 12)),
        });
    }
    let src: Vec<char> = text.chars().collect();
    let selectors: Vec<QuoteSelector> = found
        .iter()
        .map(|&(a, b)| {
            let start = t.origin[a];
            let end = t.origin[b - 1] + 1;
            QuoteSelector {
                exact: slice(&src, start, end),
                prefix: slice(&src, start.saturating_sub(CONTEXT_CHARS), start),
                suffix: slice(&src, end, end + CONTEXT_CHARS),
                start,
                end,
            }
        })
        .collect();
    let occurrences = selectors.len();
    let score = |s: &QuoteSelector| {
        let agrees = |mine: &str, theirs: Option<&str>, at_end: bool| {
            theirs.is_some_and(|h| {
                let (m, h) = (normalise(mine).chars, normalise(h).chars);
                let n = m.len().min(h.len());
                if at_end {
                    m[m.len() - n..] == h[h.len() - n..]
                } else {
                    m[..n] == h[..n]
                }
            })
        };
        let context = u8::from(agrees(&s.prefix, hint.prefix, true))
            + u8::from(agrees(&s.suffix, hint.suffix, false));
        let distance = hint.start.map_or(0, |h| h.abs_diff(s.start));
        (std::cmp::Reverse(context), distance)
    };
    let selector = selectors
        .into_iter()
        .min_by_key(score)
        .ok_or(QuoteError::Empty)?;
    Ok(Located {
        selector,
        occurrences,
    })
}

/// Whether the passage at `start..end` of `text` still reads as `quote` (the quick check
/// made before searching the whole text).
pub fn still_at(text: &str, quote: &str, start: usize, end: usize) -> bool {
    let Some(from) = text.char_indices().nth(start).map(|(b, _)| b) else {
        return false;
    };
    let len = end.saturating_sub(start);
    let to = text[from..]
        .char_indices()
        .nth(len)
        .map_or(text.len(), |(b, _)| from + b);
    if text[from..to].chars().count() != len {
        return false;
    }
    let (t, q) = (normalise(&text[from..to]).chars, normalise(quote).chars);
    match_from(&t, 0, &q) == (t.len(), q.len()) && !q.is_empty()
}

/// Re-checks a quote made earlier: `Ok` with where it is now (the recorded offsets when
/// it has not moved), or why it no longer verifies.
pub fn reverify(text: &str, quote: &str, recorded: &QuoteSelector) -> Result<Located, QuoteError> {
    if still_at(text, quote, recorded.start, recorded.end) {
        return Ok(Located {
            selector: recorded.clone(),
            occurrences: 1,
        });
    }
    locate(
        text,
        quote,
        Hint {
            prefix: Some(&recorded.prefix),
            suffix: Some(&recorded.suffix),
            start: Some(recorded.start),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "We may use your data to train\ncontent-generating AI models. This set-\nting is on by default for members outside the EU.\n\nWe may use your data to improve services.";

    #[test]
    fn an_exact_quote_is_found_with_its_context_and_offsets() {
        let l = locate(PAGE, "train", Hint::default()).expect("found");
        assert_eq!(l.occurrences, 1);
        let s = &l.selector;
        assert_eq!(s.exact, "train");
        assert_eq!(s.prefix, "We may use your data to ");
        assert!(
            s.suffix.starts_with("\ncontent-generating AI"),
            "{:?}",
            s.suffix
        );
        let chars: Vec<char> = PAGE.chars().collect();
        assert_eq!(chars[s.start..s.end].iter().collect::<String>(), "train");
    }

    #[test]
    fn line_breaks_hyphenation_and_spacing_do_not_matter() {
        let l = locate(
            PAGE,
            "use your data to train content-generating AI",
            Hint::default(),
        )
        .expect("across a line break");
        assert_eq!(
            l.selector.exact,
            "use your data to train\ncontent-generating AI"
        );
        let l = locate(PAGE, "This setting is on  by default", Hint::default())
            .expect("across a hyphenated line break");
        assert_eq!(l.selector.exact, "This set-\nting is on by default");
        let l = locate(PAGE, "“members   outside”", Hint::default());
        assert!(
            l.is_err(),
            "typographic quotes are the quote's own, not the text's"
        );
        assert!(locate("an “opt-in” setting", "\"opt-in\" setting", Hint::default()).is_ok());
        assert!(locate("the de-\nfault", "the default", Hint::default()).is_ok());
        assert!(
            locate(
                "the opt-\nin setting",
                "the opt-in setting",
                Hint::default()
            )
            .is_ok()
        );
        assert!(locate("ﬁnal terms", "final terms", Hint::default()).is_ok());
    }

    #[test]
    fn a_quote_that_is_not_there_says_where_it_parts_from_the_text() {
        let e = locate(PAGE, "We may use your data to sell", Hint::default()).expect_err("absent");
        let m = e.to_string();
        assert!(m.contains("as far as \"We may use your data to \""), "{m}");
        assert!(m.contains("the quote has \"sell\""), "{m}");
        assert_eq!(
            locate(PAGE, " \n ", Hint::default()),
            Err(QuoteError::Empty)
        );
        assert!(locate(PAGE, "zebra", Hint::default()).is_err());
        assert!(
            locate(PAGE, "to train AI", Hint::default()).is_err(),
            "words are not skipped"
        );
    }

    #[test]
    fn a_repeated_quote_is_told_apart_by_its_context() {
        let first = locate(PAGE, "We may use your data", Hint::default()).expect("found");
        assert_eq!(first.occurrences, 2);
        assert_eq!(first.selector.start, 0);
        let second = locate(
            PAGE,
            "We may use your data",
            Hint {
                suffix: Some(" to improve"),
                ..Hint::default()
            },
        )
        .expect("found");
        assert!(second.selector.start > 100);
        assert_eq!(second.selector.suffix, " to improve services.");
    }

    #[test]
    fn reverifying_checks_the_recorded_place_then_searches() {
        let l = locate(PAGE, "on by default", Hint::default()).expect("found");
        assert!(still_at(
            PAGE,
            "on by default",
            l.selector.start,
            l.selector.end
        ));
        let moved = format!("Preamble. {PAGE}");
        let again = reverify(&moved, "on by default", &l.selector).expect("moved, still there");
        assert_eq!(again.selector.start, l.selector.start + 10);
        let edited = PAGE.replace("on by default", "off by default");
        assert!(reverify(&edited, "on by default", &l.selector).is_err());
        assert!(!still_at("short", "on by default", 100, 113));
    }
}
