//! Full-text search over a case.
//!
//! The index lives in `CASE/index/` and is a cache of the case database: everything in it
//! can be rebuilt from SQLite, and [`sync`] makes it agree with SQLite by indexing what is
//! missing or stale and deleting what no longer exists. Each commit records the newest audit
//! row whose effect the index holds ([`Writer::commit_at`], [`SearchIndex::loaded_seq`]), so
//! whether it is fresh is known in constant time, and [`catch_up`] re-indexes only what the
//! audit rows since then name. A crash between the database commit and the index commit
//! leaves those rows behind, and the next catch-up heals it.
//!
//! - [`schema`]: the one schema (one entry per page, or per document without pages).
//! - [`tokenizer`]: the one analyzer (words, CJK characters, folded accents, English stems).
//! - [`query`]: the query language.
//! - [`SearchIndex::search`]: grouped hits, snippets, exact totals and facets.
//!
//! Glossary: an *entry* is one indexed unit (a page, or a whole document); a *stamp* is a
//! fingerprint of what an entry was built from, so a changed document is found as stale.

mod case;
mod columns;
mod dates;
mod documents;
mod facets;
mod index;
mod prefix;
pub mod query;
pub mod schema;
mod search;
#[cfg(test)]
mod search_tests;
mod stemmer;
mod tags;
pub mod tokenizer;

use std::path::{Path, PathBuf};

pub use case::{
    INDEX_DIR, SyncReport, catch_up, feed_document, reindex, stamp, sync, sync_documents,
    sync_with_writer,
};
pub use dates::{parse_span, year_of};
pub use facets::Facets;
pub use index::{SearchIndex, Writer};
pub use query::DefaultOperator;
pub use schema::{Fields, IndexDocument};
pub use search::{DocumentSet, Hit, PageHit, SearchRequest, SearchResults, SortOrder, TextSource};
pub use tags::DocumentTags;

/// Everything that can go wrong while indexing or searching.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query cannot be read; the message says why and how to write it.
    #[error("{0}")]
    InvalidQuery(String),
    /// A file of the index could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// tantivy failed.
    #[error("search index: {0}")]
    Index(String),
    /// The case database failed while feeding the index.
    #[error(transparent)]
    Store(#[from] dossier_store::StoreError),
}

impl SearchError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        SearchError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> Self {
        SearchError::Index(e.to_string())
    }
}

impl From<std::io::Error> for SearchError {
    fn from(e: std::io::Error) -> Self {
        SearchError::Index(e.to_string())
    }
}

/// Result alias for this crate.
pub type Result<T, E = SearchError> = std::result::Result<T, E>;
