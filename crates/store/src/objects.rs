//! Content-addressed storage of originals under `objects/`.
//!
//! An object is written once: to a temporary file created read-only beside its final name,
//! fsynced, then renamed into place with `RENAME_NOREPLACE` (the rename fails rather than
//! replace an existing name, so nothing is ever overwritten). A crash at any point leaves
//! either no object or a complete one; a stray `.tmp-*` file is harmless, listed by `verify`
//! and removed by the next ingest (`leftovers.rs`).
//!
//! Why a rename beside the final name rather than a shared temporary folder and a hard link:
//! measured on the 4,000-file email corpus, creating and unlinking thousands of files in one
//! folder made ext4 spend most of the ingest contending for that folder's lock and skipping
//! recently deleted inodes; renaming within the shard deletes nothing.
//!
//! The new name itself becomes durable when its shard folder is fsynced. That is done once
//! per shard per transaction, just before the transaction that first refers to the object
//! commits ([`Change::commit`](crate::Change::commit)), instead of once per object: on a
//! large ingest it halves the number of fsyncs, and no row can ever refer to a name that a
//! crash could take away.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
#[cfg(test)]
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Result, StoreError};
use crate::hash::ContentHash;
use crate::staging::StagedObject;

/// The `objects/` folder of a case.
#[derive(Debug, Clone)]
pub struct ObjectStore {
    dir: PathBuf,
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// How the name of every temporary file in `objects/` starts (see `leftovers.rs`).
pub(crate) const TEMPORARY_PREFIX: &str = ".tmp-";

impl ObjectStore {
    /// The object folder inside a case folder. Creates nothing.
    pub fn new(dir: PathBuf) -> Self {
        ObjectStore { dir }
    }

    /// Creates the folder for a new case.
    ///
    /// On ext4 it is marked as the top of its own folder tree (`FS_TOPDIR_FL`, `chattr +T`),
    /// a hint to the allocator to spread the shard folders, and the objects in them, over
    /// the whole disk instead of next to the case folder. Why: without a journal, ext4
    /// creating a file steps over every inode freed nearby in the last few minutes, so
    /// after anything deleted many files beside the case (a previous case, a build's temp
    /// folders) an ingest of small originals took twice as long: with the hint, 1.6-1.7 s
    /// became 0.85-0.93 s on the Enron folder. Other file systems refuse or ignore the
    /// hint, and nothing depends on it being set.
    pub(crate) fn create(&self) -> Result<()> {
        fs::create_dir_all(&self.dir).map_err(|e| StoreError::io(&self.dir, e))?;
        #[cfg(target_os = "linux")]
        if let Ok(dir) = File::open(&self.dir) {
            use rustix::fs::{IFlags, ioctl_getflags, ioctl_setflags};
            if let Ok(flags) = ioctl_getflags(&dir) {
                let _ = ioctl_setflags(&dir, flags | IFlags::TOPDIR);
            }
        }
        Ok(())
    }

    /// Where the object with this hash lives: `objects/ab/cdef…` (first two hex digits as a shard).
    pub fn path_of(&self, hash: &ContentHash) -> PathBuf {
        let h = hash.as_str();
        self.dir.join(&h[..2]).join(&h[2..])
    }

    /// Whether the object is already stored.
    pub fn contains(&self, hash: &ContentHash) -> bool {
        self.path_of(hash).exists()
    }

    /// Stores `bytes` under `hash`, which the caller computed from them.
    ///
    /// Returns `true` if this call wrote the object, `false` if it was already there
    /// (in which case the existing file is left untouched). The bytes are durable on return;
    /// the name is made durable by the change that records it.
    pub fn put(&self, hash: &ContentHash, bytes: &[u8]) -> Result<bool> {
        debug_assert_eq!(
            &ContentHash::of(bytes),
            hash,
            "object stored under a wrong hash"
        );
        let target = self.path_of(hash);
        if target.exists() {
            return Ok(false);
        }
        let tmp = temporary_name(&self.shard_of(hash));
        let written = with_parent(&tmp, |p| write_synced(p, bytes))
            .and_then(|()| rename_if_absent(&tmp, &target));
        if !matches!(written, Ok(true)) {
            let _ = fs::remove_file(&tmp);
        }
        written.map_err(|e| StoreError::io(&target, e))
    }

    /// Writes `bytes` (whose hash the caller computed) to a read-only temporary file beside
    /// the object's final name without waiting for the disk, for a [`Change`](crate::Change)
    /// to make durable and name when it commits (see `staging.rs`).
    ///
    /// It does not look for a stored object first: callers stage only what their case does
    /// not have, so one would exist only if left by a crash, and the commit never replaces a
    /// name (it keeps the stored object and removes this copy). The look was a system call
    /// per original on every ingest for that rare case.
    pub fn stage(&self, hash: &ContentHash, bytes: &[u8]) -> Result<StagedObject> {
        debug_assert_eq!(
            &ContentHash::of(bytes),
            hash,
            "object staged under a wrong hash"
        );
        let staged = StagedObject {
            hash: hash.clone(),
            tmp: temporary_name(&self.shard_of(hash)),
        };
        with_parent(&staged.tmp, |p| write_unsynced(p, bytes))
            .map_err(|e| StoreError::io(self.path_of(hash), e))?;
        Ok(staged)
    }

    /// Stores everything `reader` yields, hashing while writing, and returns the hash, the
    /// size, and whether this call wrote the object (`false`: it was already there).
    ///
    /// For originals too large to hold in memory (a multi-gigabyte mbox). The name is not
    /// known until the last byte is read, so the temporary file lives in `objects/` itself
    /// rather than beside its final name (the contention that placement avoids, see the
    /// module docs, matters for thousands of small objects, not for a few large ones).
    pub fn put_reader(&self, mut reader: impl io::Read) -> Result<(ContentHash, u64, bool)> {
        use sha2::Digest;
        let tmp = temporary_name(&self.dir);
        let mut copy = || -> io::Result<([u8; 32], u64)> {
            let mut file = with_parent(&tmp, |p| {
                OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(0o444)
                    .open(p)
            })?;
            let mut hasher = sha2::Sha256::new();
            let mut buf = vec![0u8; 256 * 1024];
            let mut total = 0u64;
            loop {
                let n = match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                };
                hasher.update(&buf[..n]);
                file.write_all(&buf[..n])?;
                total += n as u64;
            }
            file.sync_all()?;
            Ok((hasher.finalize().into(), total))
        };
        let (digest, size) = match copy() {
            Ok(done) => done,
            Err(e) => {
                let _ = fs::remove_file(&tmp);
                return Err(StoreError::io(&tmp, e));
            }
        };
        let hash = ContentHash::from_bytes(&digest);
        let target = self.path_of(&hash);
        let moved = with_parent(&target, |t| {
            if t.parent().is_some_and(|p| !p.exists()) {
                return Err(io::ErrorKind::NotFound.into());
            }
            rename_if_absent(&tmp, t)
        });
        if !matches!(moved, Ok(true)) {
            let _ = fs::remove_file(&tmp);
        }
        let wrote = moved.map_err(|e| StoreError::io(&target, e))?;
        Ok((hash, size, wrote))
    }

    /// The shard folder holding this object's name.
    pub(crate) fn shard_of(&self, hash: &ContentHash) -> PathBuf {
        self.dir.join(&hash.as_str()[..2])
    }

    /// Makes the names in a shard folder durable.
    pub(crate) fn sync_shard(&self, shard: &Path) -> Result<()> {
        sync_dir(shard).map_err(|e| StoreError::io(shard, e))
    }

    /// Waits until everything written to the file system holding `objects/` is on disk:
    /// the bytes of files and the names in folders alike (`syncfs`; see `staging.rs`).
    /// Elsewhere than Linux, where there is no `syncfs`, callers fsync file by file.
    #[cfg(target_os = "linux")]
    pub(crate) fn sync_file_system(&self) -> Result<()> {
        let dir = File::open(&self.dir).map_err(|e| StoreError::io(&self.dir, e))?;
        rustix::fs::syncfs(&dir).map_err(|e| StoreError::io(&self.dir, e.into()))
    }

    /// Reads an object's bytes back.
    pub fn read(&self, hash: &ContentHash) -> Result<Vec<u8>> {
        let path = self.path_of(hash);
        fs::read(&path).map_err(|e| StoreError::io(&path, e))
    }

    /// Opens an object for streaming reads.
    pub fn open(&self, hash: &ContentHash) -> Result<File> {
        let path = self.path_of(hash);
        File::open(&path).map_err(|e| StoreError::io(&path, e))
    }

    /// The folder itself.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// A name for a temporary file in `folder` that no other writer uses: this process's id
/// (asked once; it is a system call each time) and a counter.
fn temporary_name(folder: &Path) -> PathBuf {
    static PROCESS_ID: OnceLock<u32> = OnceLock::new();
    folder.join(format!(
        "{TEMPORARY_PREFIX}{}-{}",
        PROCESS_ID.get_or_init(std::process::id),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed),
    ))
}

/// Creates the file read-only from the start (the descriptor that creates it may still
/// write), writes it and waits for the disk.
fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o444)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Creates the file read-only from the start and writes it, leaving the disk to the caller.
fn write_unsynced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o444)
        .open(path)?
        .write_all(bytes)
}

/// Renames `tmp` to `target` unless `target` exists; never replaces a name.
pub(crate) fn rename_if_absent(tmp: &Path, target: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, tmp, CWD, target, RenameFlags::NOREPLACE) {
        Ok(()) => Ok(true),
        // Another writer stored the same bytes first: theirs stays.
        Err(rustix::io::Errno::EXIST) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Runs `op` on `path`; if its folder does not exist yet, creates it and tries once more.
/// (Creating folders only on demand saves two system calls per object on a busy ingest.)
fn with_parent<T>(path: &Path, op: impl Fn(&Path) -> io::Result<T>) -> io::Result<T> {
    match op(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            op(path)
        }
        other => other,
    }
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_object_is_stored_read_only_under_its_hash_and_never_rewritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = ObjectStore::new(dir.path().join("objects"));
        let bytes = b"Exhibit A: the original bytes";
        let hash = ContentHash::of(bytes);

        assert!(store.put(&hash, bytes).expect("first put"));
        let path = store.path_of(&hash);
        assert_eq!(fs::read(&path).expect("read back"), bytes);
        let mode = fs::metadata(&path).expect("stat").permissions().mode();
        assert_eq!(mode & 0o222, 0, "objects must not be writable");

        assert!(
            !store.put(&hash, bytes).expect("second put"),
            "second put must not rewrite"
        );
        let shard = path.parent().expect("shard");
        let names: Vec<_> = fs::read_dir(shard)
            .expect("shard")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(
            names.len(),
            1,
            "no temporary file is left beside the object: {names:?}"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_new_object_folder_asks_ext4_to_spread_its_shards_over_the_disk() {
        use rustix::fs::{IFlags, fstatfs, ioctl_getflags};
        const EXT4_SUPER_MAGIC: i64 = 0xEF53;
        let dir = tempfile::tempdir().expect("temp dir");
        let store = ObjectStore::new(dir.path().join("objects"));
        store.create().expect("create");
        let folder = File::open(store.dir()).expect("open objects/");
        if fstatfs(&folder).expect("statfs").f_type as i64 != EXT4_SUPER_MAGIC {
            eprintln!("SKIPPED: the temp folder is not on ext4, which alone reads the hint");
            return;
        }
        let flags = ioctl_getflags(&folder).expect("ext4 has inode flags");
        assert!(flags.contains(IFlags::TOPDIR), "flags: {flags:?}");
    }

    #[test]
    fn a_streamed_object_lands_under_the_hash_of_what_was_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = ObjectStore::new(dir.path().join("objects"));
        let bytes = b"From a@x Mon Jan  1 00:00:00 2001\nSubject: s\n\nbody\n".repeat(1000);
        let (hash, size, wrote) = store.put_reader(&bytes[..]).expect("put");
        assert_eq!(hash, ContentHash::of(&bytes));
        assert_eq!(size, bytes.len() as u64);
        assert!(wrote);
        assert_eq!(store.read(&hash).expect("read back"), bytes);
        let (again, _, wrote) = store.put_reader(&bytes[..]).expect("put again");
        assert_eq!(again, hash);
        assert!(!wrote, "an existing object is never rewritten");
        let stray: Vec<_> = fs::read_dir(store.dir())
            .expect("objects")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp-"))
            .collect();
        assert!(stray.is_empty(), "no temporary file is left behind");
    }

    #[test]
    fn an_existing_name_is_never_replaced_even_by_a_racing_writer() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = ObjectStore::new(dir.path().join("objects"));
        let bytes = b"the real original";
        let hash = ContentHash::of(bytes);
        let target = store.path_of(&hash);
        fs::create_dir_all(target.parent().expect("shard")).expect("mkdir");
        // Another writer's file got there between our existence check and our rename.
        assert!(rename_if_absent(&dir.path().join("missing"), &target).is_err());
        fs::write(dir.path().join("ours"), bytes).expect("write");
        fs::write(&target, b"theirs").expect("write");
        assert!(!rename_if_absent(&dir.path().join("ours"), &target).expect("rename"));
        assert_eq!(fs::read(&target).expect("read"), b"theirs");
    }
}
