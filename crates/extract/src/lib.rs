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
//!
//! Containers come in two shapes. A small one (an email with attachments) is read whole,
//! and its extractor returns the items inside as [`Extraction::children`]. A large one (an
//! mbox, which can be gigabytes) is a [`Container`]: it yields its items one at a time from
//! a reader, so memory stays bounded. Either way the ingest pipeline sends every child back
//! through the registry, so an attachment is read by whichever extractor bids highest on it.

mod archive;
mod charset;
mod container;
mod email;
pub mod html;
mod image;
mod mbox;
pub mod ocr;
mod office;
mod outlook;
pub mod pdf;
mod registry;
mod text;
pub mod warc;

use std::collections::BTreeMap;

pub use archive::{
    MAX_ENTRIES, MAX_ENTRY_RATIO, MAX_EXPANSION_RATIO, MIN_EXPANSION_BYTES, TarExtractor,
    ZipExtractor,
};
pub use charset::{Decoded, decode_text, detect_legacy, looks_like_text};
pub use container::{Child, Container};
pub use email::{EmailExtractor, is_maildir_name, looks_like_message, parse_address_line};
pub use html::{HtmlExtractor, normalize_date, sanitize_html};
pub use image::{ImageExtractor, exif_date_to_iso, image_format};
pub use mbox::{MAX_LINE_BYTES, MboxContainer, MboxSplitter};
pub use office::{
    DocxExtractor, LegacyOfficeExtractor, OdfExtractor, PptxExtractor, RtfExtractor,
    SpreadsheetExtractor, rtf_to_text,
};
pub use outlook::{MSG_MEDIA_TYPE, MsgExtractor, PstContainer, compressed_rtf_text};
pub use pdf::{PdfExtractor, frame as pdf_frame};
pub use registry::{Registry, extract};
pub use text::PlainTextExtractor;
pub use warc::{WaczContainer, WarcContainer};

/// The largest original (or item inside one) an extractor is handed: extractors read their
/// input whole, so a larger one is stored and recorded without text, its reason said,
/// rather than loaded into memory (a 2 GB file read whole had taken 2.1 GB). Why 256 MiB:
/// the largest mail servers accept messages of about 150 MB, and court exhibits scanned to
/// PDF stay below it; what is larger is a disk image or a database, not a document.
pub const MAX_EXTRACT_BYTES: u64 = 256 << 20;

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

impl<'a> Probe<'a> {
    /// A probe of a named file with nothing declared about it.
    pub fn named(file_name: &'a str, head: &'a [u8]) -> Self {
        Probe {
            file_name: Some(file_name),
            head,
            declared_kind: None,
        }
    }
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
    /// The media type the container declared for a child, if any.
    pub media_type: Option<String>,
    /// The password to open an encrypted file with (`dossier ingest --password`).
    pub password: Option<String>,
    /// Whether and in which languages pages are OCRed (`dossier ingest --ocr`, `--ocr-lang`).
    pub ocr: ocr::OcrSettings,
    /// Told as OCR starts each page (`dossier ocr`'s progress), if anyone asks.
    pub ocr_progress: Option<ocr::PageProgress>,
}

/// What an extractor found in an original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    /// Document kind: `text`, `article`, `filing`, `email`, `policy`, `attachment`,
    /// `document`, `spreadsheet`, `presentation`, `archive`.
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
    /// Why no text at all could be read from an original whose format carries text (a PDF
    /// with no pages, or whose every page lacks a text layer). The document keeps what was
    /// read (pages, metadata) but is recorded as failed with this reason, and `ingest`
    /// lists it under `failed`: a careful user must learn that it cannot be searched or
    /// cited, which a silent `ok` with empty text hid.
    pub no_text: Option<String>,
    /// What OCR read, for each page it read (derived data with its maker: engine, version,
    /// languages); the page's text is also in `pages`.
    pub ocr: Vec<ocr::OcrPage>,
    /// Items inside this one (an email's attachments), in order; the pipeline extracts
    /// each with the registry and records it with this document as its parent.
    pub children: Vec<Child>,
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
    /// The file is encrypted and the password given (or none) does not open it.
    #[error("needs a password: {reason}")]
    NeedsPassword {
        /// What was tried.
        reason: String,
    },
    /// The extractor ran out of time and was stopped.
    #[error("extractor {extractor} ran out of time (limit {seconds} s) and was stopped")]
    TimedOut {
        /// Which extractor.
        extractor: &'static str,
        /// The limit.
        seconds: u64,
    },
    /// The extractor's worker process died (a crash, or its memory limit).
    #[error("extractor {extractor} crashed: {reason}")]
    Crashed {
        /// Which extractor.
        extractor: &'static str,
        /// How it died.
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
