//! Keeping a case's index in step with its database.

use std::collections::{HashMap, HashSet};

use dossier_store::{Case, FeedDocument};

use crate::index::{SearchIndex, Writer};
use crate::schema::{IndexDocument, SCHEMA_VERSION};
use crate::{Result, SearchError};

/// The index folder inside a case folder.
pub const INDEX_DIR: &str = "index";

/// Documents read from the database at a time while indexing.
const FEED_CHUNK: usize = 256;

/// What a sync changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Documents indexed (missing or stale before).
    pub indexed: u64,
    /// Documents removed from the index (no longer in the case).
    pub deleted: u64,
    /// The index needed changes but another process was writing it; nothing was changed.
    pub busy: bool,
}

/// The stamp of a document's fingerprint: FNV-1a (stable across builds and platforms) over
/// the schema version and the fingerprint, so a new schema or analyzer makes every entry stale.
pub fn stamp(fingerprint: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let version = SCHEMA_VERSION.to_le_bytes();
    for b in version.iter().chain(fingerprint.as_bytes()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// What the index holds for a document as the case feeds it.
pub fn feed_document(f: FeedDocument) -> IndexDocument {
    IndexDocument {
        id: f.id,
        stamp: stamp(&f.fingerprint),
        kind: f.kind,
        title: f.title,
        date: f.date,
        custodians: f.custodians,
        from: f.from,
        to: f.to,
        series: f.series,
        text: f.text,
        pages: f.pages,
    }
}

/// Makes the index agree with the case by comparing every document with it: indexes
/// documents that are missing or whose stamp changed, deletes entries of documents the case
/// no longer has, commits once (recording the audit row it caught up with), and reloads.
/// When another process holds the index's writer, changes nothing and says so.
///
/// This reads every document's fingerprint; [`catch_up`] reads only what the audit log says
/// changed, and is what keeps an index in step.
pub fn sync(case: &Case, index: &SearchIndex) -> Result<SyncReport> {
    let Some(mut writer) = index.writer()? else {
        return Ok(SyncReport {
            busy: true,
            ..SyncReport::default()
        });
    };
    sync_with_writer(case, index, &mut writer)
}

/// [`sync`] with a writer the caller already holds.
pub fn sync_with_writer(
    case: &Case,
    index: &SearchIndex,
    writer: &mut Writer,
) -> Result<SyncReport> {
    // Read first: the fingerprints read next hold at least every change up to it.
    let newest = case.audit_seq()?;
    let (gone, missing) = differences(case, index)?;
    if gone.is_empty() && missing.is_empty() && writer.seq() == Some(newest) {
        return Ok(SyncReport::default());
    }
    for &id in &gone {
        writer.delete(id);
    }
    let indexed = sync_documents(case, writer, &missing)?;
    writer.commit_at(newest)?;
    index.reload()?;
    Ok(SyncReport {
        indexed,
        deleted: gone.len() as u64,
        busy: false,
    })
}

/// Brings the index up to the case's newest audit row by re-indexing only the documents the
/// audit rows since its last catch-up name (tagged, untagged, added, re-extracted, captured),
/// then commits recording that row. Falls back to [`sync_with_writer`] when the index does not
/// say which row it caught up with (new, rebuilt by another schema) or a row names no
/// document. With `except_pipeline`, the ingest pipeline's own rows are skipped: an ingest
/// has fed what it recorded and asks only for what others changed while it ran.
///
/// Why this is enough (invariant 8): every change to indexed data appends an audit row in
/// the transaction that makes it, and the index records the newest row whose effect it
/// holds only after committing that effect; so the rows after it name everything it lacks,
/// whatever crashed in between.
pub fn catch_up(
    case: &Case,
    index: &SearchIndex,
    writer: &mut Writer,
    except_pipeline: bool,
) -> Result<SyncReport> {
    let newest = case.audit_seq()?;
    let Some(from) = writer.seq() else {
        return sync_with_writer(case, index, writer);
    };
    if from >= newest {
        return Ok(SyncReport::default());
    }
    let changes = case.indexed_changes(from, newest, except_pipeline)?;
    if changes.unreadable {
        return sync_with_writer(case, index, writer);
    }
    let indexed = sync_documents(case, writer, &changes.documents)?;
    writer.commit_at(newest)?;
    index.reload()?;
    Ok(SyncReport {
        indexed,
        deleted: 0,
        busy: false,
    })
}

/// Documents the index holds but the case does not, and documents missing or stale in the index.
fn differences(case: &Case, index: &SearchIndex) -> Result<(Vec<i64>, Vec<i64>)> {
    let wanted: HashMap<i64, u64> = case
        .search_fingerprints()?
        .into_iter()
        .map(|(id, f)| (id, stamp(&f)))
        .collect();
    let have = index.indexed()?;
    let mut gone: Vec<i64> = have
        .keys()
        .filter(|id| !wanted.contains_key(id))
        .copied()
        .collect();
    let mut missing: Vec<i64> = wanted
        .iter()
        .filter(|(id, s)| have.get(id) != Some(s))
        .map(|(id, _)| *id)
        .collect();
    gone.sort_unstable();
    missing.sort_unstable();
    Ok((gone, missing))
}

/// Replaces the entries of these documents by what the case holds now (without committing).
/// Returns how many documents were indexed; ids the case does not have are deleted.
pub fn sync_documents(case: &Case, writer: &mut Writer, ids: &[i64]) -> Result<u64> {
    let mut n = 0;
    for chunk in ids.chunks(FEED_CHUNK) {
        let feed = case.search_feed(chunk)?;
        let found: HashSet<i64> = feed.iter().map(|f| f.id).collect();
        for id in chunk {
            if !found.contains(id) {
                writer.delete(*id);
            }
        }
        for f in feed {
            writer.upsert(&feed_document(f))?;
            n += 1;
        }
    }
    Ok(n)
}

/// Rebuilds the index from scratch; returns the number of documents indexed.
pub fn reindex(case: &Case, index: &SearchIndex) -> Result<u64> {
    let mut writer = index.writer()?.ok_or_else(|| {
        SearchError::Index(format!(
            "{}: another process is writing the index; try again when it has finished",
            index.dir().display()
        ))
    })?;
    writer.delete_all()?;
    let newest = case.audit_seq()?;
    let ids: Vec<i64> = case
        .search_fingerprints()?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let mut n = 0;
    for chunk in ids.chunks(FEED_CHUNK) {
        for f in case.search_feed(chunk)? {
            writer.add(&feed_document(f))?;
            n += 1;
        }
    }
    writer.commit_at(newest)?;
    writer.finish_compact()?;
    index.reload()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_stable_and_distinguish_fingerprints() {
        assert_eq!(stamp("a|b"), stamp("a|b"));
        assert_ne!(stamp("a|b"), stamp("a|c"));
    }
}
