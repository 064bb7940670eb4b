//! Exact totals and facet counts, per document rather than per entry.
//!
//! All entries of a document sit side by side in one segment (see [`crate::Writer::upsert`]),
//! and matches arrive in entry order, so a document is counted when its id differs from the
//! previous match's: exact, without a hash set, and without scoring.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{COLLECT_BLOCK_BUFFER_LEN, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::columns::{ColumnCache, SegmentColumns};
use crate::dates::year_of;
use crate::tags::DocumentTags;

/// Documents matched, and how many of them per kind, tag, year and custodian.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// Matching documents (not entries).
    pub total: u64,
    /// Documents per kind.
    pub kind: BTreeMap<String, u64>,
    /// Documents per tag.
    pub tag: BTreeMap<String, u64>,
    /// Documents per year of their date.
    pub year: BTreeMap<i64, u64>,
    /// Documents per custodian; a document held by several custodians counts under each.
    pub custodian: BTreeMap<String, u64>,
}

impl Facets {
    fn add(&mut self, other: Facets) {
        self.total += other.total;
        for (k, n) in other.kind {
            *self.kind.entry(k).or_default() += n;
        }
        for (k, n) in other.tag {
            *self.tag.entry(k).or_default() += n;
        }
        for (k, n) in other.year {
            *self.year.entry(k).or_default() += n;
        }
        for (k, n) in other.custodian {
            *self.custodian.entry(k).or_default() += n;
        }
    }
}

/// Counts matching documents and their facets, reading the columns that `columns` keeps open.
pub(crate) struct FacetCollector<'a> {
    pub columns: &'a ColumnCache,
    /// The case's tags (not in the index, see `tags.rs`).
    pub tags: Arc<DocumentTags>,
}

/// [`FacetCollector`] on one segment.
pub(crate) struct SegmentFacets {
    columns: Arc<SegmentColumns>,
    tags: Arc<DocumentTags>,
    last: Option<u64>,
    total: u64,
    kind_ords: Vec<u64>,
    /// Matching documents per tag number.
    tag_counts: Vec<u64>,
    custodian_ords: HashMap<u64, u64>,
    years: BTreeMap<i64, u64>,
    /// Scored matches waiting to be counted as one block (see [`SegmentFacets::collect`]).
    pending: Vec<DocId>,
    /// Reused buffers for one block of matches.
    block: Block,
}

/// The columns of one block of matches, read in batches.
#[derive(Default)]
struct Block {
    ids: Vec<Option<u64>>,
    kinds: Vec<Option<u64>>,
    dates: Vec<Option<i64>>,
}

impl Collector for FacetCollector<'_> {
    type Fruit = Facets;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let columns = self.columns.get(segment)?;
        Ok(SegmentFacets {
            kind_ords: vec![0; columns.kind.as_ref().map_or(0, |k| k.num_terms())],
            columns,
            last: None,
            total: 0,
            tags: Arc::clone(&self.tags),
            tag_counts: vec![0; self.tags.len()],
            custodian_ords: HashMap::new(),
            years: BTreeMap::new(),
            pending: Vec::with_capacity(COLLECT_BLOCK_BUFFER_LEN),
            block: Block::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Facets>) -> tantivy::Result<Facets> {
        let mut all = Facets::default();
        for f in fruits {
            all.add(f);
        }
        Ok(all)
    }
}

impl SegmentFacets {
    /// Counts the entry `doc` of document `id`, once per document. Every entry has exactly
    /// one kind (see `Fields::entries`), so its first kind is its kind.
    #[inline]
    fn count(&mut self, doc: DocId, id: Option<u64>, kind: Option<u64>, date: Option<i64>) {
        let Some(id) = id.filter(|id| self.last != Some(*id)) else {
            return;
        };
        self.last = Some(id);
        self.total += 1;
        if let Some(n) = kind.and_then(|ord| self.kind_ords.get_mut(ord as usize)) {
            *n += 1;
        }
        for number in self.tags.numbers_of(id) {
            self.tag_counts[*number as usize] += 1;
        }
        if let Some(custodians) = &self.columns.custodian {
            for ord in custodians.term_ords(doc) {
                *self.custodian_ords.entry(ord).or_default() += 1;
            }
        }
        if let Some(date) = date {
            *self.years.entry(year_of(date)).or_default() += 1;
        }
    }

    /// Counts a block of matches in entry order: their columns are read in one batch each.
    fn count_block(&mut self, docs: &[DocId]) {
        let mut block = std::mem::take(&mut self.block);
        fn read<T: Copy + PartialOrd + std::fmt::Debug + Send + Sync + 'static>(
            column: Option<&Column<T>>,
            docs: &[DocId],
            out: &mut Vec<Option<T>>,
        ) {
            out.clear();
            out.resize(docs.len(), None);
            if let Some(column) = column {
                column.first_vals(docs, out);
            }
        }
        let columns = Arc::clone(&self.columns);
        read(Some(&columns.doc_id), docs, &mut block.ids);
        read(
            columns.kind.as_ref().map(|k| k.ords()),
            docs,
            &mut block.kinds,
        );
        read(columns.date.as_ref(), docs, &mut block.dates);
        for (i, &doc) in docs.iter().enumerate() {
            self.count(doc, block.ids[i], block.kinds[i], block.dates[i]);
        }
        self.block = block;
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = Facets;

    /// Scored matches (when the facets share a pass with the top hits) arrive one by one, in
    /// entry order: they are held back and counted a block at a time, as unscored ones are.
    fn collect(&mut self, doc: DocId, _: Score) {
        self.pending.push(doc);
        if self.pending.len() == COLLECT_BLOCK_BUFFER_LEN {
            let pending = std::mem::take(&mut self.pending);
            self.count_block(&pending);
            self.pending = pending;
            self.pending.clear();
        }
    }

    /// Unscored matches arrive in blocks: their document ids are read in one batch, and only
    /// the first entry of each document is looked at further. On a query matching hundreds of
    /// thousands of entries this is most of the cost of an exact total.
    fn collect_block(&mut self, docs: &[DocId]) {
        self.count_block(docs);
    }

    fn harvest(mut self) -> Facets {
        let pending = std::mem::take(&mut self.pending);
        self.count_block(&pending);
        let names = |column: &Option<StrColumn>, ords: HashMap<u64, u64>| {
            let mut out = BTreeMap::new();
            let Some(column) = column else { return out };
            let mut name = String::new();
            for (ord, n) in ords {
                name.clear();
                if column.ord_to_str(ord, &mut name).unwrap_or(false) {
                    *out.entry(name.clone()).or_default() += n;
                }
            }
            out
        };
        let kind_ords = self.kind_ords.iter().enumerate();
        let kind_ords = kind_ords
            .filter(|(_, n)| **n > 0)
            .map(|(ord, n)| (ord as u64, *n));
        Facets {
            total: self.total,
            kind: names(&self.columns.kind, kind_ords.collect()),
            tag: (self.tag_counts.iter().enumerate())
                .filter(|(_, n)| **n > 0)
                .map(|(number, n)| (self.tags.name(number).to_owned(), *n))
                .collect(),
            year: self.years,
            custodian: names(&self.columns.custodian, self.custodian_ords),
        }
    }
}
