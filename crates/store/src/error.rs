use std::path::PathBuf;

/// Everything that can go wrong while opening or changing a case.
///
/// Each variant names the file or record it concerns, so a message printed to a user
/// says where to look without a backtrace.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The folder has no `dossier.sqlite`.
    #[error("{0}: not a Dossier case (no dossier.sqlite in it)")]
    NotACase(PathBuf),
    /// `init` was pointed at a folder that already holds files.
    #[error("{0}: already exists and is not empty")]
    AlreadyExists(PathBuf),
    /// A filesystem operation on a named path failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder the operation was about.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// SQLite refused an operation on the case database.
    #[error("case database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The case was written by a newer Dossier than this one.
    #[error(
        "the case uses schema {found}, but this Dossier knows schemas up to {known}; upgrade Dossier"
    )]
    SchemaTooNew {
        /// Schema version recorded in the case.
        found: u32,
        /// Latest schema this build can read.
        known: u32,
    },
    /// The schema version recorded in the database is not one Dossier ever wrote.
    #[error(
        "dossier.sqlite records schema version {0}, which no Dossier ever wrote: the file is damaged or is not a case database"
    )]
    SchemaDamaged(i64),
    /// Another process holds the case's writer lock and we were told not to wait.
    #[error("{0}: another dossier process is changing this case; try again when it has finished")]
    Locked(PathBuf),
    /// No document has this id.
    #[error("no document with id {0} in this case")]
    DocumentNotFound(i64),
    /// No record of this kind has this id (an event, a citation, an exhibit).
    #[error("no {kind} with id {id} in this case")]
    NotFound {
        /// What was looked for: `event`, `citation`.
        kind: &'static str,
        /// The id asked for.
        id: i64,
    },
    /// The change contradicts what the case already holds (a number taken, nothing to undo).
    #[error("{0}")]
    Refused(String),
    /// A string that should have been a SHA-256 hex digest was not.
    #[error("not a SHA-256 digest: {0:?}")]
    BadHash(String),
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result alias for the store crate.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
