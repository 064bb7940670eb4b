//! The case folder: Dossier's system of record.
//!
//! A case is one self-contained folder:
//!
//! - `dossier.sqlite`: every document, source, tag and audit row (WAL mode, foreign keys
//!   on, schema versioned by [`migrations`]).
//! - `objects/`: the originals, byte for byte, named by SHA-256, written once and made
//!   read-only ([`ObjectStore`]).
//!
//! House rules, which the types enforce where they can:
//!
//! - Originals are immutable: nothing in this crate opens an object for writing after
//!   it is stored, and a second store of the same bytes is a no-op.
//! - Every change goes through a [`Change`], and each mutating method on it appends its
//!   own row to the hash-chained [`audit`] log inside the same transaction.
//! - Everything textual (extracted text, pages, metadata) is derived from an original and
//!   records the extractor and version that produced it, so it can be rebuilt.
//!
//! Glossary: a *document* is one ingested original with its derived text; a *source* is a
//! place it was found (a path, a custodian); an *ingest run* is one `ingest` command and
//! the outcome of each item it was given; a *policy series* is the dated captures of one
//! web page, each capture pointing at the document that holds its original.
//! An *event* is a fact or allegation on the chronology; a *citation* links it to a passage
//! of a document (and records the SHA-256 it was made against); a *note* annotates a span
//! of a document; an *exhibit* is a document numbered for court, its pages Bates-stamped.

mod annotations;
pub mod audit;
mod audited_state;
mod case;
mod citations;
mod clock;
mod correspondents;
mod document_table;
mod documents;
mod error;
mod events;
mod exhibits;
mod folders;
mod hash;
mod leftovers;
pub mod migrations;
mod objects;
mod ocr;
mod people;
mod productions;
mod redactions;
mod review;
mod runs;
mod saved_searches;
mod search_feed;
mod series;
mod staging;
pub mod threads;
mod timestamps;
mod undo;
mod verify;

pub use annotations::NoteRecord;
pub use case::{Case, CaseOptions, Change, DATABASE_FILE, LOCK_FILE, OBJECTS_DIR, WriterLock};
pub use citations::{CitationRecord, NewCitation, SpanRecord};
pub use clock::{Clock, FixedClock, SystemClock, timestamp};
pub use correspondents::AddressLine;
pub use document_table::{SortColumn, TablePage, TableQuery, TableRow};
pub use documents::{
    DocStatus, DocumentFilter, DocumentRecord, DocumentSummary, NOT_EXTRACTED_YET, NewDocument,
    NewSource, SourceRecord,
};
pub use error::{Result, StoreError};
pub use events::{EventEdit, EventRecord, EventState};
pub use exhibits::{ExhibitRecord, NewExhibit};
pub use hash::ContentHash;
pub use objects::ObjectStore;
pub use ocr::{OcrCorrection, OcrPageRecord};
pub use people::PersonRecord;
pub use productions::{NewProduction, ProducedDocument, ProductionRange};
pub use redactions::{RedactionArea, RedactionRecord};
pub use review::{ReviewRecord, ReviewStatus};
pub use runs::{ItemOutcome, RunItem};
pub use saved_searches::SavedSearchRecord;
pub use search_feed::{DocumentLabels, FeedDocument, IndexedChanges};
pub use series::{CaptureRecord, NewCapture, SeriesSummary};
pub use staging::StagedObject;
pub use threads::{EmailThread, ThreadMessage};
pub use timestamps::{ImportedToken, TimestampRecord};
pub use undo::{EditKind, Reverted, StepRecord};
pub use verify::{Problem, ProblemKind, Seal, VerifyReport};
