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
//! 3. makes the new names durable (a second `syncfs`, or, for a change touching at most a
//!    few shards, an fsync of each shard folder);
//! 4. commits the rows that refer to them.
//!
//! A large change does steps 1 and 2 ahead, [`PUBLISHED_AHEAD`] objects at a time, on a
//! thread of its own while it goes on recording ([`Publisher`]); its commit then waits for
//! that thread and does the same for the rest.
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

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread::JoinHandle;

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

/// Staged objects handed to the [`Publisher`] at a time while their change is still
/// recording.
const PUBLISHED_AHEAD: usize = 500;

/// The staged objects of one change, by hash.
#[derive(Debug, Default)]
pub(crate) struct Staging {
    /// Staged and not handed to the publisher yet.
    objects: HashMap<String, StagedObject>,
    /// Handed to the publisher: named by now, or soon, unless publishing failed (and then
    /// the change fails when it commits).
    handed: HashSet<String>,
    publisher: Option<Publisher>,
}

impl Staging {
    pub(crate) fn contains(&self, hash: &ContentHash) -> bool {
        self.objects.contains_key(hash.as_str()) || self.handed.contains(hash.as_str())
    }

    /// Takes a staged object; every [`PUBLISHED_AHEAD`] of them go to the publisher.
    fn add(&mut self, store: &ObjectStore, staged: StagedObject) {
        self.objects.insert(staged.hash.as_str().to_owned(), staged);
        if self.objects.len() < PUBLISHED_AHEAD {
            return;
        }
        if self.publisher.is_none() {
            // Without a thread of its own, the commit publishes everything, as it always could.
            self.publisher = Publisher::start(store.clone()).ok();
        }
        if let Some(publisher) = &self.publisher {
            let handed = &mut self.handed;
            let chunk = self
                .objects
                .drain()
                .map(|(hash, staged)| {
                    handed.insert(hash);
                    staged
                })
                .collect();
            publisher.send(chunk);
        }
    }

    /// Makes every staged object durable, then names it (steps 1 and 2 of the module docs):
    /// waits for the publisher to finish what it was handed, then does the rest.
    pub(crate) fn publish(&mut self, store: &ObjectStore) -> Result<()> {
        if let Some(mut publisher) = self.publisher.take() {
            publisher.finish()?;
        }
        if self.objects.is_empty() {
            return Ok(());
        }
        sync_all(store, self.objects.values())?;
        name_each(store, self.objects.drain().map(|(_, staged)| staged))
    }
}

/// A thread that makes staged objects durable and names them, a chunk at a time, while their
/// change is still recording, so that the commit waits only for the last chunk.
///
/// Why: a batch's `syncfs` and renames otherwise all came after its last item was recorded,
/// with the disk idle until then; on the 4,000-file email folder they were 80 of the
/// commit's 110 ms, most of it waiting on the disk. Ahead, the disk writes while the
/// workers still compute.
///
/// The guarantees keep their order: a chunk's bytes are durable (its own `syncfs`) before
/// any of its names exist, and the commit makes every name durable before any row. What a
/// crash or a failed change can leave is a named object that no row refers to, as a crash
/// between the renames and the commit always could: complete, durable, and taken up by the
/// next ingest of the same bytes.
#[derive(Debug)]
struct Publisher {
    store: ObjectStore,
    /// `None` once finished.
    chunks: Option<mpsc::Sender<Vec<StagedObject>>>,
    thread: Option<JoinHandle<Result<()>>>,
}

impl Publisher {
    fn start(store: ObjectStore) -> std::io::Result<Publisher> {
        let (chunks, received) = mpsc::channel::<Vec<StagedObject>>();
        let publishing = store.clone();
        let thread = std::thread::Builder::new()
            .name("dossier-publish".into())
            .spawn(move || {
                // At the first failure the thread ends, and the objects still queued are
                // dropped, which removes their temporary files.
                for chunk in received {
                    sync_all(&publishing, chunk.iter())?;
                    name_each(&publishing, chunk)?;
                }
                Ok(())
            })?;
        Ok(Publisher {
            store,
            chunks: Some(chunks),
            thread: Some(thread),
        })
    }

    fn send(&self, chunk: Vec<StagedObject>) {
        if let Some(chunks) = &self.chunks {
            // A thread that stopped has kept its failure for `finish`; the chunk is dropped.
            let _ = chunks.send(chunk);
        }
    }

    /// Waits until everything handed over is durable and named; its first failure, if any.
    fn finish(&mut self) -> Result<()> {
        self.chunks = None;
        match self.thread.take().map(JoinHandle::join) {
            None => Ok(()),
            Some(Ok(outcome)) => outcome,
            Some(Err(_)) => Err(StoreError::io(
                self.store.dir(),
                std::io::Error::other("the thread naming originals stopped unexpectedly"),
            )),
        }
    }
}

impl Drop for Publisher {
    /// A change dropped without committing still waits for its publisher, so that nothing
    /// is renamed after the change is gone.
    fn drop(&mut self) {
        let _ = self.finish();
    }
}

/// Renames each staged object to its final name; stops at the first failure, and the objects
/// not named remove their temporary files when dropped.
fn name_each(store: &ObjectStore, staged: impl IntoIterator<Item = StagedObject>) -> Result<()> {
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
        self.staged.borrow_mut().add(self.objects, staged);
    }

    /// Whether this original is stored, or staged in this change.
    pub(crate) fn has_object(&self, hash: &ContentHash) -> bool {
        self.staged.borrow().contains(hash) || self.objects.contains(hash)
    }
}
