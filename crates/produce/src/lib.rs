//! A production: what a paralegal hands to the other side. Pure functions with no case:
//! the api (`crates/api/src/produce.rs`) chooses the documents and their Bates numbers and
//! records the production; this crate makes the files.
//!
//! - [`stamp`]: an original PDF with every page stamped (Bates number, legend), its own
//!   content kept byte for byte inside a saved graphics state.
//! - [`text_pdf`]: our own small text-to-PDF writer for everything that is not a PDF
//!   (emails with their headers, articles, plain text, spreadsheets' text) and slip-sheets.
//! - [`redact`]: redactions burned into a page (rasterised, boxes painted in its pixels,
//!   the words kept as an invisible text layer).
//! - [`load_files`]: the Concordance DAT, the Opticon OPT and the CSV logs.
//! - [`manifest`]: the SHA-256 of every file written, in `sha256sum` format, and its check.
//!
//! Every output is a function of its inputs only (no clock, no random PDF ID), so
//! producing the same selection again gives byte-identical files.

pub mod load_files;
pub mod manifest;
pub mod redact;
pub mod stamp;
pub mod text_pdf;
pub mod winansi;

/// Why a production file could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ProduceError {
    /// The original is not a PDF lopdf can read and rewrite (damaged, encrypted).
    #[error("cannot stamp the PDF: {0}")]
    Pdf(String),
    /// Writing a file failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// A production folder does not match its manifest.
    #[error("{0}")]
    Manifest(String),
}

/// A Bates number: the prefix and the number zero-padded to six digits (`ABC000001`).
pub fn bates(prefix: &str, n: u64) -> String {
    format!("{prefix}{n:06}")
}

/// Where the Bates number stands on a page; the legend takes the other corner of the same
/// edge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StampPosition {
    /// Bottom right (the usual place), legend bottom left.
    #[default]
    BottomRight,
    /// Bottom left, legend bottom right.
    BottomLeft,
    /// Top right, legend top left.
    TopRight,
    /// Top left, legend top right.
    TopLeft,
}

impl StampPosition {
    /// Reads `bottom-right`, `bottom-left`, `top-right` or `top-left`.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.trim() {
            "bottom-right" => Self::BottomRight,
            "bottom-left" => Self::BottomLeft,
            "top-right" => Self::TopRight,
            "top-left" => Self::TopLeft,
            _ => return None,
        })
    }
}

/// What each produced page carries besides its own content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageStamp {
    /// The Bates number, `ABC000001`.
    pub bates: String,
    /// The legend (`CONFIDENTIAL`), if any.
    pub legend: Option<String>,
    /// Where the Bates number goes.
    pub position: StampPosition,
}

/// Stamps for `pages` pages numbered from `first`.
pub fn stamps(
    prefix: &str,
    first: u64,
    pages: u64,
    legend: Option<&str>,
    position: StampPosition,
) -> Vec<PageStamp> {
    (0..pages)
        .map(|i| PageStamp {
            bates: bates(prefix, first + i),
            legend: legend.map(str::to_owned),
            position,
        })
        .collect()
}
