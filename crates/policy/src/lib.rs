//! Policy series: what changed in a web page, and when, proved from dated captures.
//!
//! A *series* is the dated *captures* of one page (a privacy policy, an FAQ, terms of
//! service). Each capture is an original document; a capture identical to the one before
//! it is an *observation* of the same *version*: it adds no text, but it narrows the
//! *window* in which the next *change* happened (after the last capture of the old text,
//! no later than the first capture of the new).
//!
//! This crate is pure logic over text; it knows nothing of the case store:
//!
//! - [`Normalised`]: a capture reduced to its wording (Markdown, HTML and whitespace
//!   noise removed), so that only changes of wording count;
//! - [`word_diff`]: a word-level diff with hunks and context (the `similar` crate);
//! - [`claimed_date`]: the "Last updated" or "Effective" date a page states;
//! - [`Series`]: versions, changes with windows and silent-change / empty-bump flags, the
//!   version in force on a date, and the life of a phrase ([`Series::trace`]);
//! - [`search`]: the passages of one version that match a query (a scan of the normalised
//!   text; the full-text index is not involved);
//! - [`capture_name`] and [`source_urls`]: the folder layout of a series on disk.
//!
//! Glossary: a *silent change* changes the wording but not the date the page claims; an
//! *empty bump* changes the claimed date but not the wording.

mod date;
mod diff;
mod html;
mod layout;
mod normalise;
mod search;
mod series;

pub use date::{Claim, check_iso_date, claimed_date, on_or_before, parse_written_date};
pub use diff::{CONTEXT_WORDS, Hunk, Segment, SegmentKind, WordDiff, diff_words, word_diff};
pub use layout::{LayoutError, VERSIONS_CSV, capture_name, source_urls};
pub use normalise::{Format, Normalised, fold_phrase};
pub use search::{Passage, search};
pub use series::{Capture, CaptureInput, PolicyChange, Series, Trace, Version};
