//! The one analyzer every text field uses, at index time and at query time.
//!
//! Words are runs of letters and digits; text in scripts written without spaces (Chinese,
//! Japanese, Korean) becomes one token per character, so any run of CJK characters in a query
//! is a phrase of consecutive characters and finds the same run in the text.
//! Then tokens are lowercased, folded to ASCII (`café` finds `cafe`) and stemmed (English),
//! so the analyzer behaves the same on both sides of a search.
//!
//! No word is dropped, however common: in evidence a search that finds nothing is read as
//! "no document says this", so `opted in`, `"did not consent"` and `"to be or not to be"`
//! must find exactly the documents that say so. Each word keeps its position, which phrases
//! and proximity (`"a b"~N`) need. BM25 already weighs a word that most documents hold
//! lightly, so common words cost ranking nothing; they cost index size (measured in the
//! note of issue 18). The one exception is a "word" longer than [`MAX_TOKEN_BYTES`] (a
//! base64 line, a hash), which no one searches for; a query naming one is refused.

use std::sync::OnceLock;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, TextAnalyzer, Token, TokenStream, Tokenizer,
};

use crate::stemmer::CachedEnglishStemmer;

/// The name the analyzer is registered under in the index.
pub const ANALYZER: &str = "dossier";
/// The analyzer without stemming, used to expand prefixes (`invest*`) before stemming could
/// cut them short.
pub const ANALYZER_UNSTEMMED: &str = "dossier_unstemmed";

/// Words longer than this (base64 blobs, hashes) are not indexed.
pub const MAX_TOKEN_BYTES: usize = 60;

/// The full analyzer: words and CJK characters, lowercased, folded, stemmed.
///
/// Built once per process and cloned: a search needs it several times (the query, the
/// snippets).
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
    fn every_word_is_kept_in_its_place_however_common() {
        let t = tokens(&mut analyzer(), "Out of the box");
        let expected = [(0, "out"), (1, "of"), (2, "the"), (3, "box")];
        assert_eq!(t, expected.map(|(p, w)| (p, w.to_owned())));
        assert_eq!(
            words("To be, or not to be: I did not consent."),
            [
                "to", "be", "or", "not", "to", "be", "i", "did", "not", "consent"
            ]
        );
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
        assert_eq!(words(&format!("keep {blob} these")), ["keep", "these"]);
    }
}
