//! Originals staged by ingest workers and made durable together when their change commits.
//!
//! [`ObjectStore::put`] fsyncs every object before naming it. On an ingest of thousands of
//! small files that is one fsync per file, each a data write, an inode write and a disk
//! cache flush waited for one after another (measured: 4,000 small files took 0.3 s with
//! eight threads fsyncing in parallel and 0.9 s in one thread, against 0.02-0.15 s for one
//! `syncfs` after writing them all).
//!
//! Staging splits [`ObjectStore::put`] in two. A worker writes the bytes to a read-only
//! temporary file beside the final name and does not wait ([`ObjectStore::stage`]); the
//! writer hands the [`StagedObject`] to the batch's [`Change`] ([`Change::stage_object`]);
//! and [`Change::commit`] then, in this order:
//!
//! 1. makes every staged file's bytes durable with one `syncfs` of the file system holding
//!    `objects/` (elsewhere than Linux, one `fsync` per file);
//! 2. renames each into its final name with `RENAME_NOREPLACE`;
//! 3. fsyncs the shard folders, so the new names are durable;
//! 4. commits the rows that refer to them.
//!
//! Why this is as durable as `put`: the guarantees and their order are unchanged. No final
//! name exists before the bytes behind it are on disk (a crash can never leave a complete
//! looking name over incomplete bytes, which a later ingest of the same bytes would trust),
//! and no row exists before its name is durable. A crash before step 2 leaves only
//! `.tmp-*` files, which nothing reads. `syncfs` waits for every dirty page and inode of
//! the file system, a superset of the staged files, and since Linux 5.8 reports a write-back
//! error that happened on it, as `fsync` does for one file. What is given up is only
//! isolation from other programs: `syncfs` also writes out their unsaved data on the same
//! file system, which a batch then waits for.

use std::collections::HashMap;
use std::fs;
use std::path::PathBuf;

use crate::case::Change;
use crate::error::{Result, StoreError};
use crate::hash::ContentHash;
use crate::objects::{ObjectStore, rename_if_absent};

/// An original written to a temporary file beside its final name, not yet durable and not
/// yet named. Dropped without being committed, its temporary file is removed.
#[derive(Debug)]
pub struct StagedObject {
    pub(crate) hash: ContentHash,
    pub(crate) tmp: PathBuf,
}

impl StagedObject {
    /// The hash the object will be named by.
    pub fn hash(&self) -> &ContentHash {
        &self.hash
    }

    /// Gives up the temporary file without removing it (it has been renamed).
    fn into_renamed(self) {
        std::mem::forget(self);
    }
}

impl Drop for StagedObject {
    /// An object that never reaches a commit leaves nothing behind.
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.tmp);
    }
}

/// The staged objects of one change, by hash.
#[derive(Debug, Default)]
pub(crate) struct Staging {
    objects: HashMap<String, StagedObject>,
}

impl Staging {
    pub(crate) fn contains(&self, hash: &ContentHash) -> bool {
        self.objects.contains_key(hash.as_str())
    }

    /// Makes every staged object durable, then names it (steps 1 and 2 of the module docs).
    pub(crate) fn publish(&mut self, store: &ObjectStore) -> Result<()> {
        if self.objects.is_empty() {
            return Ok(());
        }
        sync_all(store, self.objects.values())?;
        name_all(
            store,
            self.objects.drain().map(|(_, staged)| staged).collect(),
        )
    }
}

/// Below this many objects a change names them on its own thread.
const NAMED_ON_ONE_THREAD: usize = 512;

/// Names staged objects, on a thread per core for a large change.
///
/// Why: the batch waits for its renames after its `syncfs`, when the workers have mostly
/// finished and the other cores are idle (the email folder's 4,000 renames cost 30-40 ms of
/// CPU, by `perf`), and renames in different shard folders do not wait for each other.
/// Every thread stops at its first failure; the first failure is returned, and the objects
/// not named remove their temporary files when dropped.
fn name_all(store: &ObjectStore, mut staged: Vec<StagedObject>) -> Result<()> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads == 1 || staged.len() < NAMED_ON_ONE_THREAD {
        return name_each(store, staged);
    }
    let per_thread = staged.len().div_ceil(threads);
    let mut parts = Vec::with_capacity(threads);
    while staged.len() > per_thread {
        parts.push(staged.split_off(staged.len() - per_thread));
    }
    parts.push(staged);
    std::thread::scope(|scope| {
        let naming: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(|| name_each(store, part)))
            .collect();
        let outcomes: Vec<Result<()>> = naming
            .into_iter()
            .map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p))
            })
            .collect();
        outcomes.into_iter().collect()
    })
}

/// Renames each staged object to its final name.
fn name_each(store: &ObjectStore, staged: Vec<StagedObject>) -> Result<()> {
    for staged in staged {
        let target = store.path_of(&staged.hash);
        // `false`: the same bytes were stored under that name meanwhile; ours go.
        if rename_if_absent(&staged.tmp, &target).map_err(|e| StoreError::io(&target, e))? {
            staged.into_renamed();
        }
    }
    Ok(())
}

/// Waits until the bytes of every staged file are on disk.
#[cfg(target_os = "linux")]
fn sync_all<'a>(store: &ObjectStore, _: impl Iterator<Item = &'a StagedObject>) -> Result<()> {
    store.sync_file_system()
}

/// Waits until the bytes of every staged file are on disk.
#[cfg(not(target_os = "linux"))]
fn sync_all<'a>(_: &ObjectStore, staged: impl Iterator<Item = &'a StagedObject>) -> Result<()> {
    for s in staged {
        fs::File::open(&s.tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| StoreError::io(&s.tmp, e))?;
    }
    Ok(())
}

impl Change<'_> {
    /// Takes an original a worker staged ([`ObjectStore::stage`]): documents may refer to it
    /// in this change, and [`Change::commit`] makes it durable and names it before the rows
    /// commit.
    pub fn stage_object(&self, staged: StagedObject) {
        self.new_names
            .borrow_mut()
            .insert(self.objects.shard_of(&staged.hash));
        self.staged
            .borrow_mut()
            .objects
            .insert(staged.hash.as_str().to_owned(), staged);
    }

    /// Whether this original is stored, or staged in this change.
    pub(crate) fn has_object(&self, hash: &ContentHash) -> bool {
        self.staged.borrow().contains(hash) || self.objects.contains(hash)
    }
}
