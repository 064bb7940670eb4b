//! Normalisation: from a capture as saved (Markdown, HTML or plain text) to its wording.
//!
//! Two captures of the same page differ in many ways that are not changes of wording:
//! line wrapping, Markdown emphasis and link targets, HTML markup and entities, curly
//! versus straight quotes. Normalising removes all of that, so a diff of two normalised
//! captures shows only words that were added or removed.
//!
//! The result is a list of paragraphs (headings, list items and table rows count as
//! paragraphs), each a single line of words separated by single spaces.

use crate::html;

/// How a capture was saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: paragraphs are separated by blank lines.
    Plain,
    /// Markdown (Open Terms Archive's versions are Markdown).
    Markdown,
    /// An HTML page as a browser saved it.
    Html,
}

impl Format {
    /// Chooses a format from the file name's extension, or failing that from the text.
    ///
    /// A capture saved as `.html` whose text holds no markup (because an HTML extractor has
    /// already turned it into text) is read as plain text, keeping its paragraphs.
    pub fn detect(file_name: Option<&str>, text: &str) -> Format {
        let ext = file_name
            .and_then(|n| n.rsplit_once('.'))
            .map(|(_, e)| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("html" | "htm" | "xhtml") if has_markup(text) => return Format::Html,
            Some("html" | "htm" | "xhtml") => return Format::Plain,
            Some("md" | "markdown" | "mdown" | "mkd") => return Format::Markdown,
            Some("txt" | "text") => return Format::Plain,
            _ => {}
        }
        let head: String = text
            .trim_start()
            .chars()
            .take(512)
            .collect::<String>()
            .to_ascii_lowercase();
        if head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
        {
            Format::Html
        } else {
            Format::Markdown
        }
    }
}

/// Whether the start of a text holds an HTML tag.
fn has_markup(text: &str) -> bool {
    let head = &text.as_bytes()[..text.len().min(8192)];
    head.windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

/// A capture reduced to its wording: paragraphs of single-spaced words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalised {
    paragraphs: Vec<String>,
}

impl Normalised {
    /// Normalises `text` saved in `format`.
    pub fn new(text: &str, format: Format) -> Normalised {
        let raw = match format {
            Format::Html => html::blocks(text),
            Format::Markdown => markdown_blocks(text),
            Format::Plain => plain_blocks(text),
        };
        let paragraphs = raw
            .iter()
            .map(|p| restore_sentence_spaces(&collapse(&fold_typography(p))))
            .filter(|p| !p.is_empty())
            .collect();
        Normalised { paragraphs }
    }

    /// The paragraphs, in order.
    pub fn paragraphs(&self) -> &[String] {
        &self.paragraphs
    }

    /// Every word, in order (a word is a run of characters between spaces).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.paragraphs.iter().flat_map(|p| p.split(' '))
    }

    /// The whole wording as one line, lowercased: what phrase searches look in.
    pub fn folded(&self) -> String {
        self.paragraphs.join(" ").to_lowercase()
    }

    /// Whether `phrase` occurs in the wording, ignoring case, spacing and typography, and
    /// only as whole words (`"AI"` does not match inside `"said"`).
    pub fn contains_phrase(&self, phrase: &str) -> bool {
        let needle = fold_phrase(phrase);
        !needle.is_empty() && find_words(&self.folded(), &needle).is_some()
    }
}

/// A phrase as it is looked for: typography folded, whitespace collapsed, lowercased.
pub fn fold_phrase(phrase: &str) -> String {
    collapse(&fold_typography(phrase)).to_lowercase()
}

/// The first occurrence of `needle` in `haystack` at or after `from` that starts and ends
/// on word boundaries; both must already be folded.
pub(crate) fn find_words_from(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let mut start = from;
    while let Some(found) = haystack.get(start..)?.find(needle) {
        let at = start + found;
        let end = at + needle.len();
        let before_ok = !haystack[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            || !needle.starts_with(char::is_alphanumeric);
        let after_ok = !haystack[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
            || !needle.ends_with(char::is_alphanumeric);
        if before_ok && after_ok {
            return Some(at);
        }
        start = at + needle.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The first whole-word occurrence of `needle` in `haystack`.
pub(crate) fn find_words(haystack: &str, needle: &str) -> Option<usize> {
    find_words_from(haystack, needle, 0)
}

/// Restores the space an extraction lost after sentence punctuation: `Information:Information`
/// and `policies.Zoom will` read as `Information: Information` and `policies. Zoom will`.
/// Only between a word of two or more letters and a capitalised word, so `U.S.A.`,
/// `zoom.us` and `e.g.` are left alone.
pub(crate) fn restore_sentence_spaces(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        out.push(c);
        // Look back past closing brackets and quotes to the word the punctuation ends.
        let mut j = i;
        while j > 0 && matches!(chars[j - 1], ')' | '"' | '\'') {
            j -= 1;
        }
        let glued = matches!(c, '.' | ':' | ';' | '!' | '?' | ')')
            && j >= 2
            && chars[j - 1].is_alphabetic()
            && chars[j - 2].is_alphabetic()
            && chars.get(i + 1).is_some_and(|n| n.is_uppercase())
            && chars.get(i + 2).is_some_and(|n| n.is_lowercase());
        if glued {
            out.push(' ');
        }
    }
    out
}

/// Collapses every run of whitespace to one space and trims the ends.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Folds typographic variants that do not change wording: curly quotes, dashes, special
/// spaces, invisible characters.
pub(crate) fn fold_typography(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => out.push('"'),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => {
                out.push('-')
            }
            '\u{2026}' => out.push_str("..."),
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                out.push(' ')
            }
            '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Plain text: blank lines separate paragraphs.
fn plain_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        } else {
            current.push(' ');
            current.push_str(line);
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    blocks
}

/// Markdown: block structure (headings, list items, quotes, tables, rules) becomes
/// paragraph breaks; inline markup is removed, keeping the text a reader sees.
fn markdown_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, blocks: &mut Vec<String>| {
        if !current.trim().is_empty() {
            blocks.push(markdown_inline(current));
        }
        current.clear();
    };
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || is_rule(trimmed) {
            flush(&mut current, &mut blocks);
            continue;
        }
        let mut rest = trimmed;
        while let Some(r) = rest.strip_prefix('>') {
            rest = r.trim_start();
        }
        let (starts_block, one_line, body) = block_marker(rest);
        if starts_block {
            flush(&mut current, &mut blocks);
        }
        let is_table_row = body.starts_with('|');
        if is_table_row && body.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            continue; // a table's delimiter row
        }
        current.push(' ');
        current.push_str(&body.replace('|', " "));
        if one_line || is_table_row {
            flush(&mut current, &mut blocks);
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

/// A thematic break or a Setext underline: a line of only `-`, `=`, `*` or `_`.
fn is_rule(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 3
        && ['-', '=', '*', '_']
            .iter()
            .any(|&m| compact.chars().all(|c| c == m))
}

/// Whether a line opens a block of its own, whether that block is one line long
/// (a heading), and its text without the marker. List items start a new paragraph that
/// their indented continuation lines extend.
fn block_marker(line: &str) -> (bool, bool, &str) {
    if line.starts_with('#') {
        let body = line.trim_start_matches('#');
        if body.is_empty() || body.starts_with(' ') {
            return (true, true, body.trim().trim_end_matches('#').trim());
        }
    }
    for bullet in ["- ", "* ", "+ "] {
        if let Some(body) = line.strip_prefix(bullet) {
            return (true, false, body);
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let after = &line[digits..];
        if after.starts_with(". ") || after.starts_with(") ") {
            // Keep the number: "3. How we share" and "4. How we share" are different words.
            return (true, false, line);
        }
    }
    (false, false, line)
}

/// Removes inline Markdown: links and images keep their text, emphasis and code markers
/// go, backslash escapes are resolved, inline HTML tags are dropped.
fn markdown_inline(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                out.push(chars[i + 1]);
                i += 2;
                continue;
            }
            '!' if chars.get(i + 1) == Some(&'[') => {
                i += 1;
                continue;
            }
            '[' | ']' => {
                if c == ']' && chars.get(i + 1) == Some(&'[') {
                    // A reference link's label: `[text][ref]`.
                    let close = chars[i + 1..].iter().position(|&c| c == ']');
                    i += close.map_or(1, |p| p + 2);
                    continue;
                }
                if c == ']' && chars.get(i + 1) == Some(&'(') {
                    // Skip the link target, allowing nested parentheses inside it.
                    let mut depth = 0;
                    let mut j = i + 1;
                    while j < chars.len() {
                        match chars[j] {
                            '(' => depth += 1,
                            ')' => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        j += 1;
                    }
                    i = j + 1;
                    continue;
                }
            }
            '*' | '`' | '~' => {}
            '_' => {
                let prev = out.chars().next_back();
                let next = chars.get(i + 1).copied();
                let inside_word = prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                if inside_word {
                    out.push('_');
                }
            }
            '<' => {
                if let Some(len) = html::tag_len(&chars[i..]) {
                    if html::is_block_tag(&chars[i..i + len]) {
                        out.push(' ');
                    }
                    i += len;
                    continue;
                }
                out.push('<');
            }
            '&' => {
                let (decoded, len) = html::entity(&chars[i..]);
                out.push_str(&decoded);
                i += len;
                continue;
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> Vec<String> {
        Normalised::new(s, Format::Markdown).paragraphs().to_vec()
    }

    #[test]
    fn reflowed_markdown_with_different_emphasis_has_the_same_wording() {
        let a =
            "Zoom Privacy Statement\n======================\n\nWe **collect** data\nabout   you.\n";
        let b = "Zoom Privacy Statement\n\n---\n\nWe _collect_ data about you.";
        assert_eq!(md(a), md(b));
        assert_eq!(
            md(a),
            vec!["Zoom Privacy Statement", "We collect data about you."]
        );
    }

    #[test]
    fn links_keep_their_text_and_lose_their_target() {
        assert_eq!(
            md("_[Effective August 11, 2020](https://www.linkedin.com/help/(x))_"),
            vec!["Effective August 11, 2020"]
        );
        assert_eq!(
            md("See ![the chart](a.png) and [this][1]."),
            vec!["See the chart and this."]
        );
    }

    #[test]
    fn headings_list_items_and_table_rows_are_paragraphs() {
        let text = "## 1. Data\nintro\n*   first item\n    continues\n- second\n\n| a | b |\n|---|---|\n| c | d |";
        assert_eq!(
            md(text),
            vec![
                "1. Data",
                "intro",
                "first item continues",
                "second",
                "a b",
                "c d"
            ]
        );
    }

    #[test]
    fn typography_and_escapes_are_folded() {
        assert_eq!(
            md("LinkedIn\u{2019}s \u{201C}Services\u{201D} \u{2014} snake\\_case snake_case"),
            vec!["LinkedIn's \"Services\" - snake_case snake_case"]
        );
    }

    #[test]
    fn a_space_lost_after_punctuation_is_restored_but_abbreviations_are_kept() {
        assert_eq!(
            md("Profile Information:Information about POLICIES.Zoom and here).California"),
            vec!["Profile Information: Information about POLICIES. Zoom and here). California"]
        );
        assert_eq!(
            md("the U.S.A. and zoom.us, e.g.Alpha"),
            vec!["the U.S.A. and zoom.us, e.g.Alpha"]
        );
    }

    #[test]
    fn phrases_match_whole_words_only_ignoring_case() {
        let n = Normalised::new("He said: generative **AI** is here.", Format::Markdown);
        assert!(n.contains_phrase("Generative  AI"));
        assert!(!n.contains_phrase("ai is her"));
        assert!(!n.contains_phrase("aid"));
        assert!(n.contains_phrase("said:"));
    }

    #[test]
    fn formats_are_detected_by_extension_then_content() {
        assert_eq!(
            Format::detect(Some("2024-01-01.md"), "<html>"),
            Format::Markdown
        );
        assert_eq!(
            Format::detect(Some("capture.htm"), "<p>x</p>"),
            Format::Html
        );
        assert_eq!(
            Format::detect(Some("capture.htm"), "already text"),
            Format::Plain
        );
        assert_eq!(
            Format::detect(None, "  <!DOCTYPE html><html>"),
            Format::Html
        );
        assert_eq!(Format::detect(Some("notes.txt"), "# x"), Format::Plain);
    }

    #[test]
    fn plain_text_paragraphs_are_separated_by_blank_lines() {
        let n = Normalised::new("one\ntwo\n\n\nthree  four\n", Format::Plain);
        assert_eq!(n.paragraphs(), ["one two", "three four"]);
        assert_eq!(
            n.words().collect::<Vec<_>>(),
            ["one", "two", "three", "four"]
        );
    }
}
