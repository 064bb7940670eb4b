//! Tags as a search sees them: read from the case when the search runs, not kept in the index.
//!
//! Tags are review coding. A reviewer puts one on 11,000 documents at once and takes it off
//! again with undo; while tags were indexed fields, each such edit re-indexed the whole text
//! of every document it touched (16 s for 11,173 e-mails of the 302,000-message case), so a
//! bulk tag cost as much as ingesting those documents again. Kept out of the index, a tag
//! edit is one SQLite transaction and the next search sees it: `tag:` in a query and the tag
//! filters become sets of document ids (a filter inside the query, exact however large, see
//! `documents.rs`), and the tag facet counts the matched documents' tags from here.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::search::DocumentSet;

/// Which documents carry which tags, for one search (or for every search until the case
/// changes). Tag names are matched without regard to case, as they always were: "Hot" and
/// "hot" are one tag here, named in lower case in facets.
#[derive(Debug, Default)]
pub struct DocumentTags {
    /// Lowercased tag names, in order; a tag's position is its number below.
    names: Vec<String>,
    /// The documents carrying each tag, ascending, by tag number.
    members: Vec<DocumentSet>,
    /// The tag numbers of each tagged document.
    of_document: HashMap<u64, Vec<u32>>,
}

impl DocumentTags {
    /// The tags of a case from its `(tag name, document id)` pairs, in any order.
    pub fn new(pairs: impl IntoIterator<Item = (String, i64)>) -> DocumentTags {
        let mut by_name: BTreeMap<String, Vec<i64>> = BTreeMap::new();
        for (name, doc) in pairs {
            by_name.entry(name.to_lowercase()).or_default().push(doc);
        }
        let mut tags = DocumentTags::default();
        for (number, (name, mut docs)) in by_name.into_iter().enumerate() {
            docs.sort_unstable();
            docs.dedup();
            for doc in &docs {
                if let Ok(doc) = u64::try_from(*doc) {
                    tags.of_document.entry(doc).or_default().push(number as u32);
                }
            }
            tags.names.push(name);
            tags.members.push(Arc::new(docs));
        }
        tags
    }

    /// The documents carrying the tag `name` (any case); none for a tag nobody used.
    pub fn documents(&self, name: &str) -> DocumentSet {
        let name = name.to_lowercase();
        self.names
            .binary_search(&name)
            .map(|number| Arc::clone(&self.members[number]))
            .unwrap_or_default()
    }

    /// The documents carrying any tag whose name starts with `prefix` (any case), ascending.
    pub fn documents_with_prefix(&self, prefix: &str) -> Vec<i64> {
        let prefix = prefix.to_lowercase();
        let first = self
            .names
            .partition_point(|name| name.as_str() < prefix.as_str());
        let mut docs: Vec<i64> = self.names[first..]
            .iter()
            .take_while(|name| name.starts_with(&prefix))
            .zip(&self.members[first..])
            .flat_map(|(_, members)| members.iter().copied())
            .collect();
        docs.sort_unstable();
        docs.dedup();
        docs
    }

    /// The tag numbers of document `doc` (see [`DocumentTags::name`]).
    pub(crate) fn numbers_of(&self, doc: u64) -> &[u32] {
        self.of_document.get(&doc).map_or(&[], Vec::as_slice)
    }

    /// How many distinct tags there are.
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    /// The (lowercased) name of tag number `number`.
    pub(crate) fn name(&self, number: usize) -> &str {
        &self.names[number]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags() -> DocumentTags {
        DocumentTags::new([
            ("Hot".to_owned(), 3),
            ("hot".to_owned(), 1),
            ("privileged".to_owned(), 2),
            ("Privacy".to_owned(), 3),
            ("hot".to_owned(), 3),
        ])
    }

    #[test]
    fn a_tag_names_its_documents_whatever_the_case_it_is_written_in() {
        let tags = tags();
        assert_eq!(*tags.documents("HOT"), vec![1, 3]);
        assert_eq!(*tags.documents("privileged"), vec![2]);
        assert!(tags.documents("never used").is_empty());
    }

    #[test]
    fn a_prefix_finds_the_documents_of_every_tag_starting_with_it() {
        let tags = tags();
        assert_eq!(tags.documents_with_prefix("priv"), vec![2, 3]);
        assert_eq!(tags.documents_with_prefix("PRIVI"), vec![2]);
        assert!(tags.documents_with_prefix("z").is_empty());
    }

    #[test]
    fn each_document_knows_its_tags_once() {
        let tags = tags();
        let names: Vec<&str> = tags
            .numbers_of(3)
            .iter()
            .map(|n| tags.name(*n as usize))
            .collect();
        assert_eq!(names, vec!["hot", "privacy"]);
        assert!(tags.numbers_of(9).is_empty());
        assert_eq!(tags.len(), 3);
    }
}
