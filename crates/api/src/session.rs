//! A case kept open between calls, for the shells that live long (`dossier serve`, the
//! desktop app); the CLI, one process per command, opens the case per call instead.
//!
//! A [`Session`] keeps idle SQLite connections (a command takes one, or opens another when
//! all are busy, so commands on several threads never wait for each other) and the search
//! index with its reader and the fast-field columns searches keep (`dossier_search`'s
//! `columns.rs`). Every command takes its case as a [`CaseAt`]: a folder (`&Path`,
//! `&PathBuf`: opened for that call) or a `&Session`.
//!
//! ## Freshness of the search index
//!
//! The index records, in its commit, the sequence number of the newest audit row whose effect
//! it holds (`dossier_search::Writer::commit_at`). A search compares it with the case's newest
//! audit row, one lookup each ([`index_freshness`]): equal means fresh. Otherwise it reloads
//! the reader (another thread or process may have committed) and, if still behind, asks
//! whether any row since changed indexed data (chronology edits do not); if one did, the
//! results say so (`index_behind`). A search never takes the writer lock and never writes.
//!
//! Who brings the index up to date: the command that changed indexed data, right after its
//! own change commits (`ingest` feeds the index as it records; `undo` and anything else
//! that changes documents call [`catch_up_index`]); `reindex` rebuilds it; and a session
//! heals it once when it opens ([`Session::open`]), which is what repairs an index left
//! behind by a crash. Catching up re-indexes only the documents the audit rows since name
//! (`dossier_search::catch_up`), so it costs what changed, not the size of the case.
//!
//! Tags and review status are not in the index: searches read tags from the case
//! ([`CaseHandle::search_tags`]), so a bulk tag re-indexes nothing.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use dossier_search::{self as search, DocumentTags, SearchIndex};
use dossier_store::{Case, CaseOptions};

use crate::{ApiResult, CaseSummary};

/// A case kept open between calls. Cheap to create: connections and the index open on first
/// use, so a session may name a folder that becomes a case only later (`init`).
pub struct Session {
    root: PathBuf,
    /// Connections not in use by a command.
    idle: Mutex<Vec<Case>>,
    /// The search index, opened on first use.
    index: Mutex<Option<Arc<SearchIndex>>>,
    /// Held while this process catches the index up, so two catch-ups on threads of one
    /// session follow each other instead of one skipping its work.
    index_writes: Mutex<()>,
    /// The last summary, as of the audit row it was read at (see [`Session::summary`]).
    summary: KeptAt<CaseSummary>,
    /// The case's tags as searches read them (see [`CaseHandle::search_tags`]).
    tags: KeptAt<Arc<DocumentTags>>,
}

/// Something read from the case, kept with the newest audit row when it was read. Every
/// change to a case appends an audit row (invariant 2), so an unchanged newest row means an
/// unchanged value: one lookup of the largest key instead of reading it again.
struct KeptAt<T>(Mutex<Option<(i64, T)>>);

impl<T: Clone> KeptAt<T> {
    /// The value as of audit row `seq`: the kept one, or else what `read` reads (then kept).
    fn get(&self, seq: i64, read: impl FnOnce() -> ApiResult<T>) -> ApiResult<T> {
        if let Some((at, value)) = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            && *at == seq
        {
            return Ok(value.clone());
        }
        let value = read()?;
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some((seq, value.clone()));
        Ok(value)
    }
}

impl<T> Default for KeptAt<T> {
    fn default() -> Self {
        KeptAt(Mutex::new(None))
    }
}

impl Session {
    /// A session on the case folder `root`. When it is a case whose index is behind and no
    /// other process is writing it, the index is caught up here (a crash before an index
    /// commit heals when the case is next opened); failing that, searches say it is behind.
    pub fn open(root: &Path) -> Session {
        let session = Session {
            root: root.to_owned(),
            idle: Mutex::default(),
            index: Mutex::default(),
            index_writes: Mutex::default(),
            summary: KeptAt::default(),
            tags: KeptAt::default(),
        };
        if crate::is_case(root) {
            // Best effort: an index that cannot be healed now is reported by each search.
            let _ = session.heal_index();
        }
        session
    }

    /// The case folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Catches the index up with the case unless another process is writing the case (it
    /// then keeps the index in step itself).
    fn heal_index(&self) -> ApiResult<()> {
        let case = self.case()?;
        let Some(_lock) = case.try_writer_lock()? else {
            return Ok(());
        };
        catch_up_index(self, &case)
    }

    /// A connection to the case: an idle one, or a new one when all are in use.
    fn case(&self) -> ApiResult<CaseHandle<'_>> {
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let case = match idle {
            Some(case) => case,
            None => Case::open(&self.root, CaseOptions::default())?,
        };
        Ok(CaseHandle {
            case: Some(case),
            home: Some(self),
        })
    }

    /// The case's summary as of its newest audit row `seq`, read by `read` when the case has
    /// changed since the last one. Counting documents per kind reads an index entry per
    /// document (30 ms at 302,000 documents), and the desktop's and the browser's first
    /// screen asks for it on every visit.
    pub(crate) fn summary(
        &self,
        seq: i64,
        read: impl FnOnce() -> ApiResult<CaseSummary>,
    ) -> ApiResult<CaseSummary> {
        self.summary.get(seq, read)
    }

    /// The search index, opened on first use and kept.
    fn index(&self, case: &Case) -> ApiResult<Arc<SearchIndex>> {
        let mut kept = self.index.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(index) = kept.as_ref() {
            return Ok(Arc::clone(index));
        }
        let index = Arc::new(crate::search::open_index(case)?);
        *kept = Some(Arc::clone(&index));
        Ok(index)
    }
}

/// Where a command finds its case: a folder, opened for the one call (`&Path`, `&PathBuf`),
/// or a [`Session`], whose connections and index outlive the call.
pub trait CaseAt {
    /// The case folder.
    fn root(&self) -> &Path;
    /// The session, when the case is reached through one.
    fn session(&self) -> Option<&Session>;
}

impl<P: AsRef<Path> + ?Sized> CaseAt for P {
    fn root(&self) -> &Path {
        self.as_ref()
    }
    fn session(&self) -> Option<&Session> {
        None
    }
}

impl CaseAt for Session {
    fn root(&self) -> &Path {
        &self.root
    }
    fn session(&self) -> Option<&Session> {
        Some(self)
    }
}

/// An open case for one command; a session's connection goes back to it when dropped.
pub struct CaseHandle<'a> {
    case: Option<Case>,
    home: Option<&'a Session>,
}

impl std::ops::Deref for CaseHandle<'_> {
    type Target = Case;
    fn deref(&self) -> &Case {
        self.case
            .as_ref()
            .expect("a handle holds its case until dropped")
    }
}

impl std::ops::DerefMut for CaseHandle<'_> {
    fn deref_mut(&mut self) -> &mut Case {
        self.case
            .as_mut()
            .expect("a handle holds its case until dropped")
    }
}

impl CaseHandle<'_> {
    /// Which documents carry which tags, for a search (tags are not in the index; see
    /// `dossier_search::DocumentTags` for why). A session keeps them until the case changes,
    /// so a reviewer's successive searches read them once; a single command reads them.
    pub(crate) fn search_tags(&self) -> ApiResult<Arc<DocumentTags>> {
        let read = || Ok(Arc::new(DocumentTags::new(self.tagged_documents()?)));
        match self.home {
            Some(session) => session.tags.get(self.audit_seq()?, read),
            None => read(),
        }
    }
}

impl Drop for CaseHandle<'_> {
    fn drop(&mut self) {
        if let (Some(session), Some(case)) = (self.home, self.case.take()) {
            // A transaction left open by a failed command was rolled back when its `Change`
            // dropped; the connection is as good as new.
            if case.connection().is_autocommit() {
                session
                    .idle
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(case);
            }
        }
    }
}

/// Opens the case for a command: a session's connection, or a new one for a folder.
pub(crate) fn open_case(at: &(impl CaseAt + ?Sized)) -> ApiResult<CaseHandle<'_>> {
    match at.session() {
        Some(session) => session.case(),
        None => Ok(CaseHandle {
            case: Some(Case::open(at.root(), CaseOptions::default())?),
            home: None,
        }),
    }
}

/// The case's search index: the session's, or one opened for this call.
pub(crate) fn open_index(at: &(impl CaseAt + ?Sized), case: &Case) -> ApiResult<Arc<SearchIndex>> {
    match at.session() {
        Some(session) => session.index(case),
        None => Ok(Arc::new(crate::search::open_index(case)?)),
    }
}

/// Whether the index the searches see lacks a change to indexed data the case has
/// (see the module docs): `false` means fresh.
pub(crate) fn index_behind(case: &Case, index: &SearchIndex) -> ApiResult<bool> {
    let newest = case.audit_seq()?;
    if index.loaded_seq().is_some_and(|seen| seen >= newest) {
        return Ok(false);
    }
    // Another thread or process may have committed since the reader loaded.
    index.reload()?;
    Ok(match index.loaded_seq() {
        Some(seen) if seen >= newest => false,
        Some(seen) => case.indexed_data_changed_after(seen)?,
        // An index that does not say (new, or written by another schema) lacks whatever
        // indexed data the case has.
        None => case.indexed_data_changed_after(0)?,
    })
}

/// Brings the index up to date after a change to indexed data has committed (see the module
/// docs). When another process holds the index's writer (an ingest), it is left to that
/// process, which catches up on what others changed before it lets go.
pub(crate) fn catch_up_index(at: &(impl CaseAt + ?Sized), case: &Case) -> ApiResult<()> {
    let index = open_index(at, case)?;
    let _serial = at.session().map(|s| {
        s.index_writes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    });
    let Some(mut writer) = index.writer()? else {
        return Ok(());
    };
    search::catch_up(case, &index, &mut writer, false)?;
    writer.close()?;
    Ok(())
}
