//! The one analyzer every text field uses, at index time and at query time.
//!
//! Words are runs of letters and digits; text in scripts written without spaces (Chinese,
//! Japanese, Korean) becomes one token per character, so any run of CJK characters in a query
//! is a phrase of consecutive characters and finds the same run in the text.
//! Then tokens are lowercased, folded to ASCII (`café` finds `cafe`) and stemmed (English),
//! so the analyzer behaves the same on both sides of a search.

use std::sync::OnceLock;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, StopWordFilter, TextAnalyzer, Token,
    TokenStream, Tokenizer,
};

use crate::stemmer::CachedEnglishStemmer;

/// The name the analyzer is registered under in the index.
pub const ANALYZER: &str = "dossier";
/// The analyzer without stemming, used to expand prefixes (`invest*`) before stemming could
/// cut them short.
pub const ANALYZER_UNSTEMMED: &str = "dossier_unstemmed";

/// Words longer than this (base64 blobs, hashes) are not indexed.
const MAX_TOKEN_BYTES: usize = 60;

/// English function words too common to index: Lucene's list (articles, conjunctions,
/// auxiliaries) and pronouns, question words and the like. Words that carry meaning in a
/// case file stay indexed even when frequent ("may", "can", "out", "after").
/// A phrase keeps their places: `"out of the box"` still needs `box` three words after `out`.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with", "what", "which", "who", "whom", "whose", "when",
    "where", "why", "how", "about", "from", "have", "has", "had", "having", "been", "being",
    "were", "do", "does", "did", "i", "me", "my", "we", "our", "us", "you", "your", "he", "him",
    "his", "she", "her", "its", "them", "those", "than", "so", "any", "all", "some", "each",
    "other", "also", "would", "should", "could", "here", "upon", "very", "only", "own", "same",
    "too", "again", "further", "once", "both", "few", "more", "most", "nor", "just", "now",
    "because", "until", "while",
];

/// The full analyzer: words and CJK characters, lowercased, folded, common words dropped,
/// stemmed.
///
/// Built once per process and cloned: building it hashes the stop-word list, and a search
/// needs it several times (the query, the snippets), while a clone shares the list.
pub fn analyzer() -> TextAnalyzer {
    static ANALYZER: OnceLock<TextAnalyzer> = OnceLock::new();
    ANALYZER.get_or_init(build_analyzer).clone()
}

/// The analyzer without the stemmer, built once per process like [`analyzer`].
pub fn analyzer_unstemmed() -> TextAnalyzer {
    static ANALYZER: OnceLock<TextAnalyzer> = OnceLock::new();
    ANALYZER.get_or_init(build_analyzer_unstemmed).clone()
}

fn build_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordsAndCjk::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::remove(
            STOP_WORDS.iter().map(|w| (*w).to_owned()),
        ))
        // Snowball's English stems, remembered per word (see `stemmer.rs`).
        .filter(CachedEnglishStemmer)
        .build()
}

fn build_analyzer_unstemmed() -> TextAnalyzer {
    TextAnalyzer::builder(WordsAndCjk::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Whether `c` belongs to a script written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3400..=0x4DBF  // CJK Extension A
        | 0x4E00..=0x9FFF  // CJK Unified Ideographs
        | 0xAC00..=0xD7AF  // Hangul syllables
        | 0xF900..=0xFAFF  // CJK compatibility ideographs
        | 0x20000..=0x2FFFF)
}

/// Splits text into words (letters and digits) and single CJK characters.
#[derive(Clone, Default)]
pub struct WordsAndCjk {
    token: Token,
}

/// The token stream of [`WordsAndCjk`].
pub struct WordsAndCjkStream<'a> {
    text: &'a str,
    offset: usize,
    token: &'a mut Token,
}

impl Tokenizer for WordsAndCjk {
    type TokenStream<'a> = WordsAndCjkStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordsAndCjkStream<'a> {
        self.token.reset();
        WordsAndCjkStream {
            text,
            offset: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordsAndCjkStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        let rest = &self.text[self.offset..];
        let Some((start, first)) = rest.char_indices().find(|(_, c)| c.is_alphanumeric()) else {
            self.offset = self.text.len();
            return false;
        };
        let from = self.offset + start;
        let to = if is_cjk(first) {
            from + first.len_utf8()
        } else {
            let tail = &self.text[from..];
            from + tail
                .char_indices()
                .find(|&(_, c)| !c.is_alphanumeric() || is_cjk(c))
                .map_or(tail.len(), |(i, _)| i)
        };
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.text.push_str(&self.text[from..to]);
        self.offset = to;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The analyzed tokens of `text`, with positions.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        out.push((t.position, t.text.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokens(&mut analyzer(), text)
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    }

    #[test]
    fn words_are_lowercased_folded_and_stemmed() {
        assert_eq!(words("Café Déjà-vu RUNNING"), ["cafe", "deja", "vu", "run"]);
    }

    #[test]
    fn common_words_are_dropped_but_keep_their_places() {
        let t = tokens(&mut analyzer(), "Out of the box");
        assert_eq!(t, [(0, "out".to_owned()), (3, "box".to_owned())]);
    }

    #[test]
    fn cjk_text_becomes_one_token_per_character() {
        assert_eq!(
            words("東京都に住む abc"),
            ["東", "京", "都", "に", "住", "む", "abc"]
        );
        assert_eq!(words("한국어"), ["한", "국", "어"]);
    }

    #[test]
    fn positions_are_consecutive_across_scripts() {
        let t = tokens(&mut analyzer(), "x 東京 y");
        let positions: Vec<usize> = t.iter().map(|(p, _)| *p).collect();
        assert_eq!(positions, [0, 1, 2, 3]);
    }

    #[test]
    fn very_long_tokens_are_dropped() {
        let blob = "a".repeat(200);
        assert_eq!(words(&format!("keep {blob} these")), ["keep"]);
    }
}
