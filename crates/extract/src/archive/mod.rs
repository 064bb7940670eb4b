//! Archives: ZIP (zip64, WinZip AES and ZipCrypto entries opened with `--password`), TAR,
//! and gzip (`.tar.gz`, `.tgz`, or one gzipped file). Kind `archive`; the text is the
//! listing, one entry per line (`path<TAB>size`, marked `encrypted` or `directory`), so
//! entry names are searchable; each file entry becomes a child, which the pipeline reads
//! with whatever extractor bids on it, nested archives included, down to its container
//! depth limit.
//!
//! An entry's name is data, never a path: it is the child's name and part of its locator
//! (`entry=../../etc/passwd` is shown, never followed), and nothing is written anywhere
//! under it (zip-slip). Expansion is bounded here, before the bytes exist: an entry is
//! inflated only up to what is left of the archive's [`Expansion`] budget, and one whose
//! declared compression ratio is beyond any real file's is not inflated at all; what a
//! bound leaves out is named in a warning on the archive (the pipeline's own caps on
//! children then apply across nesting levels).

mod tar_gz;
mod zip_archive;

pub use tar_gz::TarExtractor;
pub use zip_archive::ZipExtractor;

use std::io::Read;

use crate::MAX_EXTRACT_BYTES;

/// At most this many times the archive's size is inflated out of it in all (but at least
/// [`MIN_EXPANSION_BYTES`], and never more than [`MAX_EXTRACT_BYTES`]).
pub const MAX_EXPANSION_RATIO: u64 = 100;
/// What any archive, however small, may expand to.
pub const MIN_EXPANSION_BYTES: u64 = 64 << 20;
/// An entry that declares a larger compression ratio than this is a bomb: Deflate cannot
/// exceed about 1032:1, and real files (logs, sparse sheets) stay well under it.
pub const MAX_ENTRY_RATIO: u64 = 1100;
/// The most entries taken out of one archive.
pub const MAX_ENTRIES: usize = 10_000;

/// What is left of the bytes an archive may expand into.
pub(crate) struct Expansion {
    left: u64,
    total: u64,
}

impl Expansion {
    pub(crate) fn for_archive(size: u64) -> Self {
        let total = size
            .saturating_mul(MAX_EXPANSION_RATIO)
            .clamp(MIN_EXPANSION_BYTES, MAX_EXTRACT_BYTES);
        Expansion { left: total, total }
    }

    /// Whether nothing is left: further entries are not even inflated.
    pub(crate) fn spent(&self) -> bool {
        self.left == 0
    }

    /// Reads `reader` whole if it fits in what is left; else `Err` with the warning to
    /// record (and nothing kept). An I/O error is returned as its own warning.
    pub(crate) fn read(&mut self, name: &str, reader: &mut dyn Read) -> Result<Vec<u8>, String> {
        let mut bytes = Vec::new();
        let limit = self.left;
        reader
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("entry {name:?} could not be read: {e}"))?;
        if bytes.len() as u64 > limit {
            self.left = 0;
            return Err(format!(
                "entry {name:?} was not taken out: the archive's entries may expand to at most {} MiB in all ({MAX_EXPANSION_RATIO} times its size, at least {} MiB), and this one goes past it (a zip bomb?)",
                self.total >> 20,
                MIN_EXPANSION_BYTES >> 20
            ));
        }
        self.left -= bytes.len() as u64;
        Ok(bytes)
    }
}

/// The last component of an entry's name (`docs/a.pdf` → `a.pdf`), the name its child is
/// offered to the registry under.
pub(crate) fn base_name(path: &str) -> String {
    path.trim_end_matches(['/', '\\'])
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
        .to_owned()
}
