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
        let parsed = query::parse(&request.query, &self.fields, request.operator)?;
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
