//! Extractors: pure functions from an original's bytes (and a few hints) to its text,
//! pages, metadata and child items. They never touch the case; the ingest pipeline
//! stores what they return.
//!
//! Choosing an extractor works as in Aleph's ingest-file: every [`Extractor`] looks at a
//! [`Probe`] (the file name and the first bytes) and bids a score; the highest bid wins.
//! A generic extractor bids low on anything it can read, so a specialised one (an email
//! parser for `.eml`, which is also text) outbids it without either knowing of the other.
//!
//! A bad file is a result, not a crash: [`extract`] turns an extractor's error and even
//! its panic into an [`ExtractError`], and the batch goes on.

mod charset;
mod registry;
mod text;

use std::collections::BTreeMap;

pub use charset::{Decoded, decode_text, looks_like_text};
pub use registry::{Registry, extract};
pub use text::PlainTextExtractor;

/// What an extractor may look at to decide whether it wants a file.
#[derive(Debug, Clone, Copy)]
pub struct Probe<'a> {
    /// The file's name (not its path), if it has one.
    pub file_name: Option<&'a str>,
    /// The first bytes of the file (at least 8 KiB when the file is that long).
    pub head: &'a [u8],
    /// The kind the user declared with `--kind`, if any.
    pub declared_kind: Option<&'a str>,
}

impl Probe<'_> {
    /// The file name's extension, lowercased, without the dot.
    pub fn extension(&self) -> Option<String> {
        let name = self.file_name?;
        let (stem, ext) = name.rsplit_once('.')?;
        (!stem.is_empty()).then(|| ext.to_ascii_lowercase())
    }
}

/// Information from outside the bytes that an extractor may use.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// The file's name, if it has one.
    pub file_name: Option<String>,
    /// The kind the user declared.
    pub declared_kind: Option<String>,
}

/// What an extractor found in an original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    /// Document kind: `text`, `article`, `filing`, `email`, `policy`, `attachment`.
    pub kind: String,
    /// The media type recognised.
    pub media_type: String,
    /// Title, if the format carries one.
    pub title: Option<String>,
    /// The document's own date (published, sent, filed), ISO 8601.
    pub doc_date: Option<String>,
    /// The date the document claims for itself, ISO 8601.
    pub claimed_date: Option<String>,
    /// Where it was published.
    pub source_url: Option<String>,
    /// Authors in byline order.
    pub authors: Vec<String>,
    /// Format-specific metadata (for text: the charset it was decoded from).
    pub meta: BTreeMap<String, String>,
    /// The whole text.
    pub text: String,
    /// Text per page, for paginated formats; empty otherwise.
    pub pages: Vec<String>,
    /// Things read with difficulty (a guessed charset, a damaged part).
    pub warnings: Vec<String>,
}

/// Why an extractor produced no text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// The bytes are not what the extractor expected.
    #[error("cannot read as {format}: {reason}")]
    Malformed {
        /// The format the extractor reads.
        format: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// The extractor panicked; caught so the batch goes on.
    #[error("extractor {extractor} crashed: {message}")]
    Panicked {
        /// Which extractor.
        extractor: &'static str,
        /// The panic message.
        message: String,
    },
}

/// Reads one format.
pub trait Extractor: Send + Sync {
    /// Short stable name, recorded on every document it extracts.
    fn name(&self) -> &'static str;
    /// Bumped whenever the output for the same input changes, so old extractions can be found.
    fn version(&self) -> u32;
    /// How much this extractor wants the file: 0 means "not mine", 100 means "certainly mine".
    fn bid(&self, probe: &Probe<'_>) -> u8;
    /// Extracts text and metadata from the whole file.
    fn extract(&self, bytes: &[u8], hints: &Hints) -> Result<Extraction, ExtractError>;
}
