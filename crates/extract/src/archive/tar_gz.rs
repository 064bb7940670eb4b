//! TAR archives, plain or gzipped (`.tar`, `.tar.gz`, `.tgz`), and a single gzipped file
//! (`.gz`), whose one child is the file inside. Gzip is inflated through the archive's
//! [`Expansion`] budget, so a gzip bomb stops at the bound.

use flate2::read::MultiGzDecoder;

use super::{Expansion, MAX_ENTRIES, base_name};
use crate::{Child, ExtractError, Extraction, Extractor, Hints, Probe};

/// Reads TAR and gzip archives.
#[derive(Debug, Default, Clone, Copy)]
pub struct TarExtractor;

const FORMAT: &str = "TAR/gzip archive";

/// Whether `bytes` hold a POSIX or GNU tar header at the start.
fn is_tar(bytes: &[u8]) -> bool {
    bytes.get(257..262) == Some(b"ustar")
}

fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x1f\x8b")
}

impl Extractor for TarExtractor {
    fn name(&self) -> &'static str {
        "tar"
    }
    fn version(&self) -> u32 {
        1
    }
    fn bid(&self, probe: &Probe<'_>) -> u8 {
        let ext = probe.extension();
        let named = ext.as_deref().is_some_and(|e| matches!(e, "tar" | "tgz"))
            || probe
                .file_name
                .is_some_and(|n| n.to_ascii_lowercase().ends_with(".tar.gz"));
        if named && (is_tar(probe.head) || is_gzip(probe.head)) {
            85
        } else if is_tar(probe.head) {
            60
        } else if ext.as_deref() == Some("gz") && is_gzip(probe.head) {
            // Any gzipped file (a format with its own reader, as `.warc.gz`, outbids this).
            40
        } else if is_gzip(probe.head) {
            30
        } else {
            0
        }
    }
    fn extract(&self, bytes: &[u8], hints: &Hints) -> Result<Extraction, ExtractError> {
        let mut budget = Expansion::for_archive(bytes.len() as u64);
        let mut warnings = Vec::new();
        let (data, media_type) = if is_gzip(bytes) {
            let inflated = budget
                .read("(gzip stream)", &mut MultiGzDecoder::new(bytes))
                .map_err(|reason| ExtractError::Malformed {
                    format: FORMAT,
                    reason,
                })?;
            (std::borrow::Cow::Owned(inflated), "application/gzip")
        } else {
            (std::borrow::Cow::Borrowed(bytes), "application/x-tar")
        };
        let mut x = Extraction {
            kind: "archive".into(),
            media_type: media_type.into(),
            ..Extraction::default()
        };
        if !is_tar(&data) {
            if media_type != "application/gzip" {
                return Err(ExtractError::Malformed {
                    format: FORMAT,
                    reason: "no tar header (ustar) at the start".into(),
                });
            }
            // One gzipped file: its child is the file, named without `.gz`.
            let name = hints
                .file_name
                .as_deref()
                .map(|n| n.strip_suffix(".gz").or(n.strip_suffix(".GZ")).unwrap_or(n))
                .unwrap_or("gunzipped")
                .to_owned();
            x.text = format!("{name}\t{}\n", data.len());
            x.meta.insert("entries".into(), "1".into());
            x.children.push(Child {
                name: Some(name.clone()),
                locator: format!("entry={name}"),
                bytes: data.into_owned(),
                ..Child::default()
            });
            return Ok(x);
        }
        // Entries are read from memory; their inflated bytes were already counted.
        let mut unbounded = Expansion {
            left: u64::MAX / 2,
            total: u64::MAX / 2,
        };
        let mut archive = tar::Archive::new(&data[..]);
        let entries = archive.entries().map_err(|e| ExtractError::Malformed {
            format: FORMAT,
            reason: e.to_string(),
        })?;
        let mut files = 0usize;
        for entry in entries {
            let mut entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    warnings.push(format!("the archive is damaged after {files} entries: {e}"));
                    break;
                }
            };
            let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
            let size = entry.header().size().unwrap_or(0);
            let kind = entry.header().entry_type();
            let mark = if kind.is_dir() {
                "\tdirectory"
            } else if kind.is_symlink() || kind.is_hard_link() {
                "\tlink"
            } else {
                ""
            };
            x.text.push_str(&format!("{name}\t{size}{mark}\n"));
            if !kind.is_file() {
                continue;
            }
            files += 1;
            if x.children.len() >= MAX_ENTRIES {
                continue;
            }
            match unbounded.read(&name, &mut entry) {
                Ok(bytes) => x.children.push(Child {
                    name: Some(base_name(&name)),
                    locator: format!("entry={name}"),
                    bytes,
                    ..Child::default()
                }),
                Err(w) => warnings.push(w),
            }
        }
        if files > MAX_ENTRIES {
            warnings.push(format!(
                "only the first {MAX_ENTRIES} entries were taken out"
            ));
        }
        x.meta.insert("entries".into(), files.to_string());
        x.warnings = warnings;
        Ok(x)
    }
}
