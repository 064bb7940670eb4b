//! English stemming that remembers the stems of words it has already seen.
//!
//! Why: stemming is a Snowball program run per token, and on an ingest it was a third of the
//! index's CPU time (measured on the Enron folder: tantivy's `Stemmer` filter, about 0.15 s of
//! 0.5 s), while mail repeats the same few thousand words over and over. A lookup in a map of
//! stems costs a hash of a short word (foldhash: seeded per process, several times faster
//! than the standard hasher on words). Words Snowball leaves alone by definition (shorter
//! than three characters, or only digits) are not looked up at all. The stems are exactly
//! Snowball's (the same `frostem` algorithm tantivy's own `Stemmer` runs), so an index built
//! with this filter and one built with tantivy's are identical, and so are queries.

use std::collections::HashMap;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// How many distinct words one analyzer remembers. Bounds its memory (about 5 MB when full;
/// an index writer holds one analyzer per field and thread, and only the body text's comes
/// near the bound) on a collection whose vocabulary grows without end; words met after the
/// map is full are stemmed each time. The Enron folder has about 50,000 distinct words of
/// three letters or more; the words met first are mostly the frequent ones.
const REMEMBERED_WORDS: usize = 50_000;

/// A token filter that stems English words (tokens are lowercased beforehand), remembering
/// each word's stem.
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedEnglishStemmer;

impl TokenFilter for CachedEnglishStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            stems: Stems::default(),
        }
    }
}

/// The tokenizer [`CachedEnglishStemmer`] makes of the one before it.
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    stems: Stems,
}

/// Words seen so far and their stems.
#[derive(Clone)]
struct Stems {
    stemmer: frostem::Stemmer,
    known: HashMap<String, String, foldhash::fast::RandomState>,
}

impl Default for Stems {
    fn default() -> Self {
        Stems {
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
            known: HashMap::default(),
        }
    }
}

impl Stems {
    /// Replaces `word` by its stem.
    fn stem_in_place(&mut self, word: &mut String) {
        // Snowball's English stemmer leaves words of fewer than three characters as they are
        // ("not hop 3"), and no suffix it removes contains a digit.
        if word.len() < 3 || word.bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        if let Some(stem) = self.known.get(word.as_str()) {
            word.clone_from(stem);
            return;
        }
        let stem = self.stemmer.stem(word).into_owned();
        if self.known.len() < REMEMBERED_WORDS {
            self.known.insert(word.clone(), stem.clone());
        }
        *word = stem;
    }
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
        }
    }
}

/// The token stream of [`CachedStemmerFilter`].
pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stems: &'a mut Stems,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.stems.stem_in_place(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{Language, SimpleTokenizer, Stemmer, TextAnalyzer};

    use super::*;

    fn stems(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
        crate::tokenizer::tokens(analyzer, text)
    }

    #[test]
    fn stems_are_tantivys_whether_remembered_or_not() {
        let text = "running runs ran runner connection connections connected connecting \
                    generously generous agreed agreement settlement settled settling a i \
                    running connection settlement xyzzy caresses ponies ties is as us ye \
                    2001 007 1990s 3rd 2x skis news dying";
        let mut tantivy_stemmer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build();
        let mut ours = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(CachedEnglishStemmer)
            .build();
        let expected = stems(&mut tantivy_stemmer, text);
        // Twice: the first pass fills the map, the second reads from it.
        assert_eq!(stems(&mut ours, text), expected);
        assert_eq!(stems(&mut ours, text), expected);
        assert!(expected.iter().any(|(_, s)| s == "run"), "{expected:?}");
    }

    #[test]
    fn a_long_text_stems_as_with_tantivys_stemmer() {
        // Prose with thousands of words, many repeated: this crate's own documentation.
        let text = [
            include_str!("tokenizer.rs"),
            include_str!("schema.rs"),
            include_str!("query.rs"),
        ]
        .concat();
        let mut tantivy_stemmer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(tantivy::tokenizer::LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let mut ours = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(tantivy::tokenizer::LowerCaser)
            .filter(CachedEnglishStemmer)
            .build();
        let expected = stems(&mut tantivy_stemmer, &text);
        assert!(expected.len() > 2_000, "{} tokens", expected.len());
        assert_eq!(stems(&mut ours, &text), expected);
    }

    #[test]
    fn words_beyond_what_is_remembered_are_still_stemmed() {
        let mut stems = Stems::default();
        for i in 0..REMEMBERED_WORDS + 10 {
            let mut word = format!("w{i}ing");
            stems.stem_in_place(&mut word);
        }
        assert_eq!(stems.known.len(), REMEMBERED_WORDS);
        let mut word = "connections".to_owned();
        stems.stem_in_place(&mut word);
        assert_eq!(word, "connect");
    }
}
