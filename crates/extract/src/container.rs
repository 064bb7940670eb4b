//! Items inside other items: what a container hands back to the pipeline.

use std::collections::BTreeMap;
use std::io::BufRead;

use crate::{Extraction, Hints, Probe};

/// One item found inside another (an attachment, a message of an mbox).
///
/// Its name is data, never a path: it is shown and searched, and the pipeline stores the
/// bytes by their hash, so a name like `../../x` or `C:\x` can never choose where anything
/// is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Child {
    /// The item's own name, if it has one (an attachment's file name).
    pub name: Option<String>,
    /// Where it sits in its container, appended to the container's path after `#` in the
    /// source it is recorded under: `offset=12345`, `attachment=2/report.pdf`.
    pub locator: String,
    /// The media type the container declared for it (`application/pdf`, `message/rfc822`).
    pub media_type: Option<String>,
    /// Its bytes, decoded from any transfer encoding.
    pub bytes: Vec<u8>,
    /// What went wrong while cutting it out (a truncated last message).
    pub warnings: Vec<String>,
    /// Why it could not be cut out at all (an mbox message with no line break in its first
    /// megabytes, or larger than a message may be): its `bytes` are empty, and the pipeline
    /// records it as a failed item with this reason instead of an empty document.
    pub failure: Option<String>,
    /// When it was captured, ISO 8601 (a WARC record's `WARC-Date`): the document's
    /// `captured_at`.
    pub captured_at: Option<String>,
    /// The address it was captured from (a WARC record's `WARC-Target-URI`): the
    /// document's source address, over any the extractor finds in the bytes.
    pub source_url: Option<String>,
    /// What the container knows of the item that its bytes do not say (a WARC record's id
    /// and digests, the request that fetched it; the `folder` a PST message was filed in),
    /// added to the document's metadata.
    pub meta: BTreeMap<String, String>,
}

/// The next child of a streamed container, or why the container cannot be read further.
pub type ChildResult = std::io::Result<Child>;

/// A container too large to read whole (an mbox): it describes itself, then yields its
/// children one at a time from a reader, so memory stays bounded by the largest child.
pub trait Container: Send + Sync {
    /// Short stable name, recorded on the container's document.
    fn name(&self) -> &'static str;
    /// Bumped whenever the output for the same input changes.
    fn version(&self) -> u32;
    /// How much this container wants the file, on the same scale as extractors' bids.
    fn bid(&self, probe: &Probe<'_>) -> u8;
    /// The container's own document: kind, media type, title (its text is empty).
    fn describe(&self, hints: &Hints) -> Extraction;
    /// Its children in order, read from `reader`.
    fn split<'r>(
        &self,
        reader: Box<dyn BufRead + Send + 'r>,
    ) -> Box<dyn Iterator<Item = ChildResult> + Send + 'r>;
}
