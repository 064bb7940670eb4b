//! The fast-field columns a search reads, opened once per segment and kept while the segment
//! is searched.
//!
//! Opening a column is not free: tantivy decodes its header on every open, and for a
//! block-wise linear column (how `doc_id` and `page` are stored once a segment is large) that
//! means reading the metadata of every block, about 2,000 blocks per million entries. A search
//! opens its columns up to three times (the facets, the grouping of hits, the date order), and
//! profiling at 1,000,000 passages found those opens to be a sixth of a phrase search's time.
//! Segments never change once written (deletes only hide entries), so a segment's columns
//! stay valid for as long as the segment exists; the cache forgets a segment once a search no
//! longer sees it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::{Searcher, SegmentReader};

/// The columns of one segment that searches read.
pub(crate) struct SegmentColumns {
    /// Document id of each entry.
    pub doc_id: Column<u64>,
    /// Page number of each entry (0 for documents without pages).
    pub page: Column<u64>,
    /// Document date, seconds since 1970 UTC (absent for undated documents); `None` when no
    /// entry of the segment is dated.
    pub date: Option<Column<i64>>,
    /// Kind of each entry, `None` when the segment holds none.
    pub kind: Option<StrColumn>,
    /// Custodians as recorded, `None` when no entry of the segment has one.
    pub custodian: Option<StrColumn>,
}

impl SegmentColumns {
    fn open(segment: &SegmentReader) -> tantivy::Result<SegmentColumns> {
        let ff = segment.fast_fields();
        // A column without values counts nothing: leave it out, so the facets do not look up
        // every match in it.
        let str_column = |name: &str| -> tantivy::Result<Option<StrColumn>> {
            Ok(ff.str(name)?.filter(|column| column.num_terms() > 0))
        };
        Ok(SegmentColumns {
            doc_id: ff.u64("doc_id")?,
            page: ff.u64("page")?,
            date: Some(ff.i64("date")?).filter(|column| column.values.num_vals() > 0),
            kind: str_column("kind")?,
            custodian: str_column("custodian_name")?,
        })
    }
}

/// Open columns per segment, shared by every search of one [`crate::SearchIndex`].
#[derive(Default)]
pub(crate) struct ColumnCache {
    segments: Mutex<HashMap<SegmentId, Arc<SegmentColumns>>>,
}

impl ColumnCache {
    /// The columns of `segment`, opened on first use.
    pub fn get(&self, segment: &SegmentReader) -> tantivy::Result<Arc<SegmentColumns>> {
        let id = segment.segment_id();
        if let Some(columns) = self.lock().get(&id) {
            return Ok(Arc::clone(columns));
        }
        // Opened outside the lock: two searches may both open a new segment's columns, and
        // the second simply replaces the first's identical copy.
        let columns = Arc::new(SegmentColumns::open(segment)?);
        self.lock().insert(id, Arc::clone(&columns));
        Ok(columns)
    }

    /// Forgets the segments `searcher` does not see (merged away or deleted), so the cache
    /// holds no more than the index does.
    pub fn keep_only(&self, searcher: &Searcher) {
        let live = searcher.segment_readers();
        self.lock()
            .retain(|id, _| live.iter().any(|segment| segment.segment_id() == *id));
    }

    /// How many segments' columns are kept.
    #[cfg(test)]
    pub fn segments(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<SegmentColumns>>> {
        // The map holds no invariant a panic could break half-way: keep using it.
        self.segments.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
