//! `word*`: every entry holding a word of a field that starts with a prefix.
//!
//! tantivy's own prefix matching (`FuzzyTermQuery::new_prefix` with no edits) runs a
//! Levenshtein automaton over the term dictionary and, when no word of a segment starts with
//! the prefix, still hands back an (empty) scorer that every union must step through. Here the
//! matching words are a plain range of the sorted dictionary, `[prefix, prefix with its last
//! byte raised)`, walked once per segment, and a segment without any gives the empty scorer
//! that boolean queries drop. A bare `comp*` searches the text and the title: when no
//! title holds such a word, the query costs what the text's part costs alone.
//!
//! Like tantivy's, the score is constant (the boost): a prefix stands for many words, and
//! weighing each of them would rank by how the prefix happens to be spelled out.

use tantivy::query::{
    BitSetDocSet, ConstScorer, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::termdict::{TermDictionary, TermStreamer};
use tantivy::{BitSet, DocId, DocSet, Score, SegmentReader, TantivyError};

/// Entries with a word of `field` that starts with `prefix` (analyzed already).
#[derive(Debug, Clone)]
pub struct PrefixQuery {
    field: Field,
    prefix: String,
}

impl PrefixQuery {
    /// Matches the words of `field` that start with `prefix`.
    pub fn new(field: Field, prefix: &str) -> PrefixQuery {
        PrefixQuery {
            field,
            prefix: prefix.to_owned(),
        }
    }
}

/// The words of `dictionary` that start with `prefix`, in order.
pub fn words_starting_with<'a>(
    dictionary: &'a TermDictionary,
    prefix: &str,
) -> std::io::Result<TermStreamer<'a>> {
    let range = dictionary.range().ge(prefix.as_bytes());
    match after_prefix(prefix.as_bytes()) {
        Some(end) => range.lt(end),
        None => range,
    }
    .into_stream()
}

/// The smallest byte string greater than every string that starts with `prefix`, if any
/// (none when the prefix is empty or all `0xFF`, which no UTF-8 word is).
fn after_prefix(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

impl Query for PrefixQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for PrefixQuery {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let inverted = reader.inverted_index(self.field)?;
        let mut words = words_starting_with(inverted.terms(), &self.prefix)?;
        let mut matches: Option<BitSet> = None;
        while words.advance() {
            let matches = matches.get_or_insert_with(|| BitSet::with_max_value(reader.max_doc()));
            let mut postings = inverted
                .read_block_postings_from_terminfo(words.value(), IndexRecordOption::Basic)?;
            while !postings.docs().is_empty() {
                for &doc in postings.docs() {
                    matches.insert(doc);
                }
                postings.advance();
            }
        }
        Ok(match matches {
            Some(matches) => Box::new(ConstScorer::new(BitSetDocSet::from(matches), boost)),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) == doc {
            Ok(Explanation::new("PrefixQuery", 1.0))
        } else {
            Err(TantivyError::InvalidArgument(format!(
                "entry {doc} has no word starting with {:?}",
                self.prefix
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::after_prefix;

    #[test]
    fn the_range_ends_just_after_the_last_word_with_the_prefix() {
        assert_eq!(after_prefix(b"comp"), Some(b"comq".to_vec()));
        assert_eq!(after_prefix(b"a\xff"), Some(b"b".to_vec()));
        assert_eq!(after_prefix(b"\xff\xff"), None);
        assert_eq!(after_prefix(b""), None);
    }
}
