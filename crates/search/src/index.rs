//! The index on disk: opening (or rebuilding) it, reading what it holds, and writing to it.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use tantivy::directory::MmapDirectory;
use tantivy::indexer::UserOperation;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

use crate::columns::ColumnCache;
use crate::schema::{Fields, IndexDocument, SCHEMA_VERSION, register_analyzers};
use crate::{Result, SearchError};

/// Memory the writer may use before it flushes a segment.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

/// An open index: the schema's fields, and a reader refreshed on demand.
pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) fields: Fields,
    pub(crate) reader: IndexReader,
    /// Columns of the segments searched so far, kept open between searches.
    pub(crate) columns: Arc<ColumnCache>,
    /// The audit sequence number the loaded searcher holds at least (see [`Writer::commit_at`]),
    /// or [`UNKNOWN_SEQ`].
    loaded_seq: AtomicI64,
    dir: PathBuf,
}

/// `loaded_seq` of an index whose commit names no audit row of this schema.
const UNKNOWN_SEQ: i64 = -1;

/// The commit payload saying which audit row an index has caught up with. It names the schema
/// version too, so an index written by another analyzer counts as knowing nothing.
fn payload_for(seq: i64) -> String {
    format!("dossier-index v{SCHEMA_VERSION} audit {seq}")
}

/// The audit sequence number in a commit payload written by [`payload_for`] with this schema.
fn seq_of(payload: Option<&str>) -> Option<i64> {
    let rest = payload?.strip_prefix(&format!("dossier-index v{SCHEMA_VERSION} audit "))?;
    rest.parse().ok()
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it when absent. An index written with another schema
    /// is a stale cache: it is deleted and created anew (empty, to be filled by a sync).
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        fs::create_dir_all(dir).map_err(|e| SearchError::io(dir, e))?;
        let (schema, _) = Fields::schema();
        let mmap = |d: &Path| MmapDirectory::open(d).map_err(|e| SearchError::Index(e.to_string()));
        let exists = Index::exists(&mmap(dir)?).map_err(|e| SearchError::Index(e.to_string()))?;
        let index = if exists {
            match Index::open(mmap(dir)?) {
                Ok(index) if Fields::of(&index).is_some() => index,
                // Another schema, or damaged beyond opening: a cache is rebuilt, not repaired.
                _ => {
                    fs::remove_dir_all(dir).map_err(|e| SearchError::io(dir, e))?;
                    fs::create_dir_all(dir).map_err(|e| SearchError::io(dir, e))?;
                    Index::create(mmap(dir)?, schema, Default::default())?
                }
            }
        } else {
            match Index::create(mmap(dir)?, schema, Default::default()) {
                Ok(index) => index,
                // Another process created it first.
                Err(_) => Index::open(mmap(dir)?)?,
            }
        };
        register_analyzers(&index);
        let fields = Fields::of(&index)
            .ok_or_else(|| SearchError::Index(format!("{}: unexpected schema", dir.display())))?;
        // Read before the reader loads, so the number never claims more than it holds.
        let seq = seq_of(index.load_metas()?.payload.as_deref()).unwrap_or(UNKNOWN_SEQ);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            fields,
            reader,
            columns: Arc::default(),
            loaded_seq: AtomicI64::new(seq),
            dir: dir.to_owned(),
        })
    }

    /// The audit sequence number whose effects the searches see: every audit row up to it
    /// that changed indexed data is in the loaded index. `None` when the index does not say
    /// (new, rebuilt with another schema, or written before it said). Constant time: read
    /// when the reader loads.
    pub fn loaded_seq(&self) -> Option<i64> {
        Some(self.loaded_seq.load(Ordering::Acquire)).filter(|&seq| seq != UNKNOWN_SEQ)
    }

    /// The audit sequence number of the newest commit on disk (see [`SearchIndex::loaded_seq`]).
    pub fn committed_seq(&self) -> Result<Option<i64>> {
        Ok(seq_of(self.index.load_metas()?.payload.as_deref()))
    }

    /// The folder the index lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The schema's fields.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// Makes the latest commit visible to searches.
    pub fn reload(&self) -> Result<()> {
        // Read before reloading: a commit landing in between makes the number an
        // understatement (the next check reloads again), never an overstatement.
        let seq = self.committed_seq()?.unwrap_or(UNKNOWN_SEQ);
        self.reader.reload()?;
        self.loaded_seq.store(seq, Ordering::Release);
        Ok(())
    }

    /// Every indexed document's id and stamp.
    pub fn indexed(&self) -> Result<HashMap<i64, u64>> {
        let searcher = self.reader.searcher();
        let mut out = HashMap::new();
        for segment in searcher.segment_readers() {
            let ids = segment.fast_fields().u64("doc_id")?;
            let stamps = segment.fast_fields().u64("stamp")?;
            for doc in segment.doc_ids_alive() {
                if let (Some(id), Some(stamp)) = (ids.first(doc), stamps.first(doc)) {
                    out.insert(id as i64, stamp);
                }
            }
        }
        Ok(out)
    }

    /// Entries in the index (pages and whole documents).
    pub fn entries(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Takes the index's writer with one indexing thread. `None` when another process holds it.
    pub fn writer(&self) -> Result<Option<Writer>> {
        self.writer_with_threads(1, WRITER_MEMORY)
    }

    /// Takes the writer with `threads` indexing threads sharing `memory` bytes.
    pub fn writer_with_threads(&self, threads: usize, memory: usize) -> Result<Option<Writer>> {
        match self.index.writer_with_num_threads(threads, memory) {
            Ok(writer) => Ok(Some(Writer {
                writer,
                fields: self.fields,
                // Read once the writer is held: no other commit can follow until it is released.
                seq: self.committed_seq()?,
            })),
            Err(TantivyError::LockFailure(..)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

/// The one writer of an index; changes become visible at [`Writer::commit`].
pub struct Writer {
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    /// The audit sequence number the index has caught up with, written with every commit.
    seq: Option<i64>,
}

impl Writer {
    /// Replaces whatever the index holds for this document by its entries. All entries of
    /// one document go into the index together (one segment), so results can be grouped.
    pub fn upsert(&mut self, doc: &IndexDocument) -> Result<()> {
        let mut ops = vec![UserOperation::Delete(self.id_term(doc.id))];
        ops.extend(self.fields.entries(doc).into_iter().map(UserOperation::Add));
        self.writer.run(ops)?;
        Ok(())
    }

    /// Adds a document known not to be in the index (a fresh build).
    pub fn add(&mut self, doc: &IndexDocument) -> Result<()> {
        let ops: Vec<_> = self
            .fields
            .entries(doc)
            .into_iter()
            .map(UserOperation::Add)
            .collect();
        self.writer.run(ops)?;
        Ok(())
    }

    /// Removes a document's entries.
    pub fn delete(&mut self, id: i64) {
        self.writer.delete_term(self.id_term(id));
    }

    /// Removes every entry.
    pub fn delete_all(&mut self) -> Result<()> {
        self.writer.delete_all_documents()?;
        Ok(())
    }

    /// Makes every change so far durable and visible to readers opened afterwards. The
    /// commit still claims the audit row the index last caught up with, not more: what was
    /// added since is in, but whether it is all that changed only [`Writer::commit_at`] says.
    pub fn commit(&mut self) -> Result<()> {
        let mut prepared = self.writer.prepare_commit()?;
        if let Some(seq) = self.seq {
            prepared.set_payload(&payload_for(seq));
        }
        prepared.commit()?;
        Ok(())
    }

    /// Commits, recording that the index now holds the effect of every audit row up to
    /// `seq` that changed indexed data. Only a caller that brought it there may say so.
    pub fn commit_at(&mut self, seq: i64) -> Result<()> {
        self.seq = Some(seq);
        self.commit()
    }

    /// The audit sequence number the index has caught up with, as this writer knows it.
    pub fn seq(&self) -> Option<i64> {
        self.seq
    }

    /// Commits, then waits for background merges, so the index on disk is compact.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        self.writer.wait_merging_threads()?;
        Ok(())
    }

    /// Releases the writer once everything has been committed, after background merges end.
    /// Unlike [`Writer::finish`] it writes no new commit, so closing a writer whose last
    /// commit holds everything costs no further fsyncs.
    pub fn close(self) -> Result<()> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }

    /// Commits and merges the whole index into one segment (after a rebuild): every query then
    /// looks up its terms once instead of once per segment.
    pub fn finish_compact(mut self) -> Result<()> {
        self.commit()?;
        let segments = self.writer.index().searchable_segment_ids()?;
        if segments.len() > 1 {
            self.writer.merge(&segments).wait()?;
        }
        self.writer.wait_merging_threads()?;
        Ok(())
    }

    fn id_term(&self, id: i64) -> Term {
        Term::from_field_u64(self.fields.doc_id, id as u64)
    }
}
