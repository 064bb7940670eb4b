//! Exact totals and facet counts, per document rather than per entry.
//!
//! All entries of a document sit side by side in one segment (see [`crate::Writer::upsert`]),
//! and matches arrive in entry order, so a document is counted when its id differs from the
//! previous match's: exact, without a hash set, and without scoring.

use std::collections::{BTreeMap, HashMap};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::dates::year_of;

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

/// Counts matching documents and their facets.
pub struct FacetCollector;

/// [`FacetCollector`] on one segment.
pub struct SegmentFacets {
    ids: Column<u64>,
    kinds: Option<StrColumn>,
    tags: Option<StrColumn>,
    custodians: Option<StrColumn>,
    dates: Column<i64>,
    last: Option<u64>,
    total: u64,
    kind_ords: Vec<u64>,
    tag_ords: HashMap<u64, u64>,
    custodian_ords: HashMap<u64, u64>,
    years: BTreeMap<i64, u64>,
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

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let ff = segment.fast_fields();
        let kinds = ff.str("kind")?;
        Ok(SegmentFacets {
            ids: ff.u64("doc_id")?,
            kind_ords: vec![0; kinds.as_ref().map_or(0, |k| k.num_terms())],
            kinds,
            tags: ff.str("tag")?,
            custodians: ff.str("custodian_name")?,
            dates: ff.i64("date")?,
            last: None,
            total: 0,
            tag_ords: HashMap::new(),
            custodian_ords: HashMap::new(),
            years: BTreeMap::new(),
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
        if id.is_none() || id == self.last {
            return;
        }
        self.last = id;
        self.total += 1;
        if let Some(n) = kind.and_then(|ord| self.kind_ords.get_mut(ord as usize)) {
            *n += 1;
        }
        if let Some(tags) = &self.tags {
            for ord in tags.term_ords(doc) {
                *self.tag_ords.entry(ord).or_default() += 1;
            }
        }
        if let Some(custodians) = &self.custodians {
            for ord in custodians.term_ords(doc) {
                *self.custodian_ords.entry(ord).or_default() += 1;
            }
        }
        if let Some(date) = date {
            *self.years.entry(year_of(date)).or_default() += 1;
        }
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = Facets;

    fn collect(&mut self, doc: DocId, _: Score) {
        let id = self.ids.first(doc);
        if id.is_none() || id == self.last {
            return;
        }
        let kind = self.kinds.as_ref().and_then(|k| k.ords().first(doc));
        let date = self.dates.first(doc);
        self.count(doc, id, kind, date);
    }

    /// Unscored matches arrive in blocks: their document ids are read in one batch, and only
    /// the first entry of each document is looked at further. On a query matching hundreds of
    /// thousands of entries this is most of the cost of an exact total.
    fn collect_block(&mut self, docs: &[DocId]) {
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
        read(Some(&self.ids), docs, &mut block.ids);
        read(
            self.kinds.as_ref().map(|k| k.ords()),
            docs,
            &mut block.kinds,
        );
        read(Some(&self.dates), docs, &mut block.dates);
        for (i, &doc) in docs.iter().enumerate() {
            self.count(doc, block.ids[i], block.kinds[i], block.dates[i]);
        }
        self.block = block;
    }

    fn harvest(self) -> Facets {
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
            kind: names(&self.kinds, kind_ords.collect()),
            tag: names(&self.tags, self.tag_ords),
            year: self.years,
            custodian: names(&self.custodians, self.custodian_ords),
        }
    }
}
