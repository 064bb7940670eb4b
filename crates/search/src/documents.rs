//! Searches over sets of documents: restricting a search to a set of document ids (or keeping
//! one out), and listing every document and page a search matches.
//!
//! A set of ids is a filter inside the query (a `TermSetQuery` over the indexed `doc_id`,
//! which each segment turns into a bitset of its entries), not a pass over a page of hits
//! afterwards: totals, facets and paging stay exact however large the set is.

use std::collections::BTreeMap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{EmptyQuery, Query, TermSetQuery};
use tantivy::{COLLECT_BLOCK_BUFFER_LEN, DocId, Score, SegmentOrdinal, SegmentReader, Term};

use crate::Result;
use crate::columns::{ColumnCache, SegmentColumns};
use crate::index::SearchIndex;
use crate::query;
use crate::schema::Fields;
use crate::search::SearchRequest;

/// The entries of the documents `ids` (an empty set matches nothing).
pub(crate) fn only(fields: &Fields, ids: &[i64]) -> Box<dyn Query> {
    if ids.is_empty() {
        return Box::new(EmptyQuery);
    }
    let terms = ids
        .iter()
        .filter_map(|id| u64::try_from(*id).ok())
        .map(|id| Term::from_field_u64(fields.doc_id, id));
    Box::new(TermSetQuery::new(terms))
}

impl SearchIndex {
    /// Every document the request's query and filters match, each with its matching pages in
    /// order (0 for a document without pages). The limit, offset and order are not used.
    pub fn matching_pages(&self, request: &SearchRequest) -> Result<BTreeMap<i64, Vec<u32>>> {
        let parsed = query::parse(
            &request.query,
            &self.fields,
            &request.tags,
            request.operator,
        )?;
        let query = self.with_filters(request, &parsed)?;
        let searcher = self.reader.searcher();
        self.columns.keep_only(&searcher);
        let entries = searcher.search(
            &query,
            &EntryCollector {
                columns: &self.columns,
            },
        )?;
        let mut pages: BTreeMap<i64, Vec<u32>> = BTreeMap::new();
        for (doc, page) in entries {
            pages.entry(doc).or_default().push(page);
        }
        for list in pages.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        Ok(pages)
    }

    /// The ids of every document the request's query and filters match, in id order.
    pub fn matching_documents(&self, request: &SearchRequest) -> Result<Vec<i64>> {
        Ok(self.matching_pages(request)?.into_keys().collect())
    }
}

/// Collects the document id and page of every matching entry, unscored.
struct EntryCollector<'a> {
    columns: &'a ColumnCache,
}

/// [`EntryCollector`] on one segment.
struct SegmentEntries {
    columns: Arc<SegmentColumns>,
    found: Vec<(i64, u32)>,
    ids: Vec<Option<u64>>,
    pages: Vec<Option<u64>>,
    pending: Vec<DocId>,
}

impl Collector for EntryCollector<'_> {
    type Fruit = Vec<(i64, u32)>;
    type Child = SegmentEntries;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentEntries> {
        Ok(SegmentEntries {
            columns: self.columns.get(segment)?,
            found: Vec::new(),
            ids: Vec::new(),
            pages: Vec::new(),
            pending: Vec::with_capacity(COLLECT_BLOCK_BUFFER_LEN),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(i64, u32)>>) -> tantivy::Result<Vec<(i64, u32)>> {
        Ok(fruits.concat())
    }
}

impl SegmentEntries {
    /// Reads the ids and pages of a block of entries in one batch each.
    fn take_block(&mut self, docs: &[DocId]) {
        self.ids.clear();
        self.ids.resize(docs.len(), None);
        self.columns.doc_id.first_vals(docs, &mut self.ids);
        self.pages.clear();
        self.pages.resize(docs.len(), None);
        self.columns.page.first_vals(docs, &mut self.pages);
        for (id, page) in self.ids.iter().zip(&self.pages) {
            if let Some(id) = id {
                let page = page.unwrap_or(0);
                self.found
                    .push((*id as i64, u32::try_from(page).unwrap_or(u32::MAX)));
            }
        }
    }
}

impl SegmentCollector for SegmentEntries {
    type Fruit = Vec<(i64, u32)>;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.pending.push(doc);
        if self.pending.len() == COLLECT_BLOCK_BUFFER_LEN {
            let pending = std::mem::take(&mut self.pending);
            self.take_block(&pending);
            self.pending = pending;
            self.pending.clear();
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.take_block(docs);
    }

    fn harvest(mut self) -> Vec<(i64, u32)> {
        let pending = std::mem::take(&mut self.pending);
        self.take_block(&pending);
        self.found
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::{IndexDocument, SearchIndex, SearchRequest, SortOrder};

    /// Twelve documents that all say "claim": odd ones on three pages each (the word on
    /// every page), even ones as one text; dated a month apart, the last one undated.
    fn fixture() -> (tempfile::TempDir, SearchIndex) {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = SearchIndex::open(&dir.path().join("index")).expect("open");
        let mut writer = index.writer().expect("writer").expect("free");
        for id in 1..=12_i64 {
            let pages = if id % 2 == 1 {
                (1..=3).map(|n| (n, format!("claim on page {n}"))).collect()
            } else {
                Vec::new()
            };
            writer
                .upsert(&IndexDocument {
                    id,
                    stamp: 1,
                    kind: if id <= 6 { "email" } else { "filing" }.into(),
                    title: Some(format!("Document {id}")),
                    date: (id < 12).then(|| format!("2024-{id:02}-01")),
                    text: "a claim".into(),
                    pages,
                    ..IndexDocument::default()
                })
                .expect("index");
        }
        writer.commit().expect("commit");
        index.reload().expect("reload");
        (dir, index)
    }

    fn ids(index: &SearchIndex, request: &SearchRequest) -> Vec<i64> {
        let results = index.search(request, &mut |_, _| None).expect("search");
        results.hits.iter().map(|h| h.doc).collect()
    }

    fn claim(limit: usize, offset: usize, sort: SortOrder) -> SearchRequest {
        SearchRequest {
            query: "claim".into(),
            limit,
            offset,
            sort,
            pages_per_hit: 3,
            ..SearchRequest::default()
        }
    }

    #[test]
    fn pages_of_documents_follow_each_other_in_every_order_however_many_pages_each_has() {
        let (_dir, index) = fixture();
        for sort in [SortOrder::Relevance, SortOrder::Date, SortOrder::Oldest] {
            let whole = ids(&index, &claim(100, 0, sort));
            assert_eq!(whole.len(), 12, "{sort:?}");
            let paged: Vec<i64> = (0..4)
                .flat_map(|page| ids(&index, &claim(3, page * 3, sort)))
                .collect();
            assert_eq!(paged, whole, "{sort:?}");
            assert!(ids(&index, &claim(3, 12, sort)).is_empty());
        }
        assert_eq!(
            ids(&index, &claim(12, 0, SortOrder::Oldest)),
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
            "oldest first, the undated last"
        );
        assert_eq!(
            ids(&index, &claim(12, 0, SortOrder::Date)),
            [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 12],
            "newest first, the undated last"
        );
    }

    #[test]
    fn a_set_of_documents_restricts_or_excludes_with_exact_totals_and_facets() {
        let (_dir, index) = fixture();
        let only = SearchRequest {
            only_documents: Some(Arc::new(vec![2, 3, 7, 99])),
            ..claim(1, 0, SortOrder::Relevance)
        };
        let results = index.search(&only, &mut |_, _| None).expect("search");
        assert_eq!(
            results.facets.total, 3,
            "the total counts the set, not a page"
        );
        assert_eq!(results.facets.kind.get("email"), Some(&2));
        assert_eq!(results.facets.kind.get("filing"), Some(&1));
        assert_eq!(index.matching_documents(&only).expect("ids"), [2, 3, 7]);

        let except = SearchRequest {
            except_documents: Some(Arc::new(vec![2, 3, 7])),
            ..claim(1, 0, SortOrder::Relevance)
        };
        let left = index.matching_documents(&except).expect("ids");
        assert_eq!(left, [1, 4, 5, 6, 8, 9, 10, 11, 12]);
        let none = SearchRequest {
            only_documents: Some(Arc::new(Vec::new())),
            ..claim(1, 0, SortOrder::Relevance)
        };
        assert_eq!(
            index
                .search(&none, &mut |_, _| None)
                .expect("search")
                .facets
                .total,
            0
        );
    }

    #[test]
    fn every_matching_page_of_every_document_is_listed() {
        let (_dir, index) = fixture();
        let pages = index
            .matching_pages(&claim(1, 0, SortOrder::Relevance))
            .expect("pages");
        assert_eq!(pages.len(), 12);
        assert_eq!(pages[&1], [1, 2, 3]);
        assert_eq!(pages[&2], [0], "a document without pages is its whole text");
        let on_two = SearchRequest {
            query: "\"page 2\"".into(),
            ..claim(1, 0, SortOrder::Relevance)
        };
        let pages = index.matching_pages(&on_two).expect("pages");
        assert_eq!(
            pages.keys().copied().collect::<Vec<_>>(),
            [1, 3, 5, 7, 9, 11]
        );
        assert!(pages.values().all(|p| p == &[2]));
    }
}
