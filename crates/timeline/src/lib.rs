//! The chronology as pure logic: no case, no SQL, no I/O.
//!
//! - [`date`]: fuzzy dates (year, month or day precision; ranges; before, after,
//!   between), their order on a timeline and how reports print them.
//! - [`quote`]: finding a quoted passage in extracted text despite line breaks,
//!   hyphenation and spacing, and describing it as a W3C TextQuoteSelector with offsets so
//!   it can verify itself later.
//! - [`model`]: statuses, relations, and the events and citations the exports take.
//! - [`export`], [`timelinejs`]: the chronology as CaseMap-style CSV, Markdown, standalone
//!   HTML, TimelineJS JSON and the TimelineJS sheet.
//! - [`exhibits`]: exhibit numbers, Bates ranges, the exhibit list and the Concordance DAT
//!   load file.
//! - [`csv`]: the RFC 4180 writer and reader the others use (and event import reads).
//!
//! Glossary: an *event* is a fact or allegation on the timeline; a *citation* links an
//! event to a passage of a document; an *exhibit* is a document numbered for court, its
//! pages stamped with Bates numbers.

pub mod csv;
pub mod date;
pub mod exhibits;
pub mod export;
pub mod model;
pub mod quote;
pub mod timelinejs;

pub use date::{DateError, FuzzyDate, PartialDate, Precision};
pub use model::{CitationEntry, Entry, Provenance, Relation, Status};
pub use quote::{Hint, Located, QuoteError, QuoteSelector};
