//! Opening, creating and locking a case folder, and the [`Change`] through which
//! every modification flows.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};

use crate::audit;
use crate::clock::{Clock, SystemClock, timestamp};
use crate::error::{Result, StoreError};
use crate::migrations;
use crate::objects::ObjectStore;

/// The database file inside a case folder.
pub const DATABASE_FILE: &str = "dossier.sqlite";
/// The folder of originals inside a case folder.
pub const OBJECTS_DIR: &str = "objects";
/// The lock file held by the one process allowed to run a long write (an ingest).
pub const LOCK_FILE: &str = "dossier.lock";

/// How long a statement waits for another connection's write transaction before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// Who is acting and what time it is: recorded on every change.
#[derive(Clone)]
pub struct CaseOptions {
    /// Source of timestamps.
    pub clock: Arc<dyn Clock>,
    /// Name written into the audit log as the actor of each change.
    pub actor: String,
}

impl Default for CaseOptions {
    /// The system clock, and the operating-system user as actor.
    fn default() -> Self {
        let actor = ["DOSSIER_ACTOR", "USER", "LOGNAME", "USERNAME"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
            .unwrap_or_else(|| "unknown".to_owned());
        CaseOptions {
            clock: Arc::new(SystemClock),
            actor,
        }
    }
}

/// An open case: its folder, its database connection and its object store.
pub struct Case {
    root: PathBuf,
    pub(crate) conn: Connection,
    objects: ObjectStore,
    options: CaseOptions,
}

impl Case {
    /// Creates a new case in `root`, which must not exist or be an empty folder.
    pub fn init(root: &Path, options: CaseOptions) -> Result<Case> {
        if root.exists() {
            let mut entries = fs::read_dir(root).map_err(|e| StoreError::io(root, e))?;
            if entries.next().is_some() {
                return Err(StoreError::AlreadyExists(root.to_owned()));
            }
        }
        ObjectStore::new(root.join(OBJECTS_DIR)).create()?;
        let db = root.join(DATABASE_FILE);
        let mut conn = Connection::open(&db)?;
        configure(&conn)?;
        let at = timestamp(options.clock.now());
        migrations::migrate(&mut conn, &at, &options.actor)?;
        let mut case = Case::from_parts(root, conn, options);
        let change = case.begin_change()?;
        change.record(
            "case.init",
            "case",
            &format!("created case {}", root.display()),
        )?;
        change.commit()?;
        Ok(case)
    }

    /// Opens an existing case, bringing its schema up to date if it was written by an
    /// earlier version of Dossier.
    pub fn open(root: &Path, options: CaseOptions) -> Result<Case> {
        let db = root.join(DATABASE_FILE);
        if !db.is_file() {
            return Err(StoreError::NotACase(root.to_owned()));
        }
        let mut conn = Connection::open_with_flags(
            &db,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn)?;
        let version = migrations::current_version(&conn)?;
        if version > migrations::LATEST {
            return Err(StoreError::SchemaTooNew {
                found: version,
                known: migrations::LATEST,
            });
        }
        if version < migrations::LATEST {
            let at = timestamp(options.clock.now());
            migrations::migrate(&mut conn, &at, &options.actor)?;
        }
        Ok(Case::from_parts(root, conn, options))
    }

    fn from_parts(root: &Path, conn: Connection, options: CaseOptions) -> Case {
        Case {
            root: root.to_owned(),
            objects: ObjectStore::new(root.join(OBJECTS_DIR)),
            conn,
            options,
        }
    }

    /// The case folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The case's name: the one given (`dossier init --name`), else its folder's name.
    pub fn name(&self) -> Result<String> {
        let given: Option<String> = self
            .conn
            .query_row("SELECT name FROM case_name WHERE id = 1", [], |r| r.get(0))
            .optional()?;
        Ok(given.unwrap_or_else(|| self.folder_name()))
    }

    /// The case folder's own name.
    pub fn folder_name(&self) -> String {
        self.root
            .canonicalize()
            .unwrap_or_else(|_| self.root.clone())
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.root.display().to_string())
    }

    /// The originals.
    pub fn objects(&self) -> &ObjectStore {
        &self.objects
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32> {
        migrations::current_version(&self.conn)
    }

    /// The current time as the case records it.
    pub fn now(&self) -> String {
        timestamp(self.options.clock.now())
    }

    /// The actor recorded on changes.
    pub fn actor(&self) -> &str {
        &self.options.actor
    }

    /// Read access to the database, for queries that have no dedicated method yet.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Starts a change: a write transaction that every modification and its audit rows share.
    pub fn begin_change(&mut self) -> Result<Change<'_>> {
        let at = timestamp(self.options.clock.now());
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(Change {
            tx,
            at,
            actor: &self.options.actor,
            objects: &self.objects,
            new_names: RefCell::new(BTreeSet::new()),
            staged: RefCell::default(),
            edit: Cell::new(None),
            reverting: Cell::new(None),
        })
    }

    /// Takes the writer lock if it is free. `None` means another process holds it.
    ///
    /// Long writes (an ingest) hold this lock so two of them never interleave their
    /// batches; short changes rely on SQLite's own locking alone.
    pub fn try_writer_lock(&self) -> Result<Option<WriterLock>> {
        let (file, path) = self.lock_file()?;
        match file.try_lock() {
            Ok(()) => Ok(Some(WriterLock { _file: file })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(StoreError::io(path, e)),
        }
    }

    /// Takes the writer lock, waiting for another process to release it.
    pub fn writer_lock(&self) -> Result<WriterLock> {
        let (file, path) = self.lock_file()?;
        file.lock().map_err(|e| StoreError::io(path, e))?;
        Ok(WriterLock { _file: file })
    }

    fn lock_file(&self) -> Result<(File, PathBuf)> {
        let path = self.root.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| StoreError::io(&path, e))?;
        Ok((file, path))
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    debug_assert_eq!(mode.to_ascii_lowercase(), "wal");
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    // Why the query planner's stability guarantee: without it, SQLite marks a statement with
    // an `x = ?N` filter to be planned again once its bindings are cleared, and rusqlite
    // clears the bindings of every cached statement it takes back, so such a statement was
    // re-parsed and re-planned on every use (measured: a fifth of the writer thread's time in
    // a store-only ingest and 8% in a full one, mostly in the search index's feed). Plans
    // that depend on bound values would need `ANALYZE` statistics, which cases do not keep.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}

/// Prepared statements kept per connection: every statement an ingest runs per item (about
/// a dozen) and the search feed's, with room to spare.
const STATEMENT_CACHE: usize = 64;

/// Runs a statement prepared once per connection and cached.
///
/// For the statements run once per ingested item: parsing and planning their SQL again for
/// each item was about 5% of a store-only ingest's CPU (measured on the 4,000-file email
/// folder).
pub(crate) fn execute_cached(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> rusqlite::Result<usize> {
    conn.prepare_cached(sql)?.execute(params)
}

/// Held while a process performs a long write; released when dropped.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

/// One atomic change to a case: the modifications and their audit rows commit together
/// or not at all.
pub struct Change<'c> {
    pub(crate) tx: Transaction<'c>,
    pub(crate) at: String,
    pub(crate) actor: &'c str,
    pub(crate) objects: &'c ObjectStore,
    /// Shard folders holding objects this change refers to, fsynced before it commits.
    pub(crate) new_names: RefCell<BTreeSet<PathBuf>>,
    /// Originals written by ingest workers and not yet durable: made durable and named
    /// before the rows commit (`staging.rs`).
    pub(crate) staged: RefCell<crate::staging::Staging>,
    /// The chronology edit this change records its steps under, once it has one
    /// (`undo.rs`); a change that makes no chronology step (an ingest) has none.
    pub(crate) edit: Cell<Option<i64>>,
    /// Set while this change undoes or redoes an earlier edit: the kind of the new edit
    /// and the edit it reverts.
    pub(crate) reverting: Cell<Option<(crate::undo::EditKind, i64)>>,
}

impl Change<'_> {
    /// Appends an audit row describing (part of) this change.
    pub fn record(&self, action: &str, target: &str, detail: &str) -> Result<()> {
        audit::append(&self.tx, &self.at, self.actor, action, target, detail)?;
        Ok(())
    }

    /// Appends an audit row for a change to an audited row (`audited_state.rs`), carrying
    /// that row's whole state after the change: what lets `verify` name the row if it is
    /// changed behind the log's back.
    pub(crate) fn record_state(
        &self,
        action: &str,
        target: &str,
        detail: &str,
        row: crate::audited_state::Audited,
    ) -> Result<()> {
        let state = row.state(&self.tx)?.unwrap_or_default();
        audit::append_state(
            &self.tx,
            &self.at,
            self.actor,
            action,
            target,
            detail,
            Some((&row.key(), &state)),
        )?;
        Ok(())
    }

    /// Names the case (`dossier init --name`): what `summary` and the window's header show
    /// in place of the folder's name. Audited as `case.name` with the name as its detail.
    pub fn set_case_name(&self, name: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Refused(
                "a case name cannot be empty; give some text, such as \"Smith v. Acme\"".into(),
            ));
        }
        self.tx.execute(
            "INSERT INTO case_name (id, name, set_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, set_at = excluded.set_at",
            rusqlite::params![name, self.at],
        )?;
        self.record("case.name", "case", name)
    }

    /// The timestamp every row of this change carries.
    pub fn at(&self) -> &str {
        &self.at
    }

    /// Makes the change durable: first the bytes of the originals it staged, then the names
    /// of the originals it refers to, then the rows.
    pub fn commit(self) -> Result<()> {
        self.staged.borrow_mut().publish(self.objects)?;
        let shards: Vec<PathBuf> = self.new_names.borrow().iter().cloned().collect();
        sync_shards(self.objects, &shards)?;
        self.tx.commit()?;
        Ok(())
    }
}

/// Makes the new names in these shard folders durable.
///
/// A batch of a few hundred small originals touches most of the 256 shards. One folder
/// fsync after another kept the writer waiting on the disk for most of an email ingest
/// (measured: 1,400 of its 2,100 fsyncs, serial, on the Enron folder); sixteen at once in
/// threads still cost 1,853 fsyncs and 144 threads on the 4,000-file folder. On Linux one
/// `syncfs` of the file system holding `objects/` writes every dirty folder out at once,
/// the same guarantee (see `staging.rs` for what `syncfs` covers and what it gives up), so
/// that is used as soon as a change names objects in more than a few shards; a small edit
/// keeps its one or two folder fsyncs and waits for nothing else on the disk.
fn sync_shards(objects: &ObjectStore, shards: &[PathBuf]) -> Result<()> {
    #[cfg(target_os = "linux")]
    if shards.len() > 4 {
        return objects.sync_file_system();
    }
    shards.iter().try_for_each(|s| objects.sync_shard(s))
}
