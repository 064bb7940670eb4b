//! ZIP archives, read with the `zip` crate (zip64, Deflate, Deflate64, WinZip AES and
//! ZipCrypto with `--password`; names in UTF-8 or, when not flagged so, CP437).

use std::io::Cursor;

use zip::ZipArchive;
use zip::result::ZipError;

use super::{Expansion, MAX_ENTRIES, MAX_ENTRY_RATIO, base_name};
use crate::{Child, ExtractError, Extraction, Extractor, Hints, Probe};

/// Reads ZIP archives.
#[derive(Debug, Default, Clone, Copy)]
pub struct ZipExtractor;

const FORMAT: &str = "ZIP archive";

impl Extractor for ZipExtractor {
    fn name(&self) -> &'static str {
        "zip"
    }
    fn version(&self) -> u32 {
        1
    }
    fn bid(&self, probe: &Probe<'_>) -> u8 {
        let magic = probe.head.starts_with(b"PK\x03\x04")
            || probe.head.starts_with(b"PK\x05\x06")
            || probe.head.starts_with(b"PK\x07\x08");
        match (probe.extension().as_deref(), magic) {
            // An empty file is no archive, whatever its name.
            _ if probe.head.is_empty() => 0,
            (Some("zip" | "zipx"), _) => 85,
            // Any other zip (a package no other extractor claims: .jar, .epub, unnamed).
            (_, true) => 30,
            _ => 0,
        }
    }
    fn extract(&self, bytes: &[u8], hints: &Hints) -> Result<Extraction, ExtractError> {
        read_zip(bytes, hints, Expansion::for_archive(bytes.len() as u64))
    }
}

/// Reads a zip, inflating its entries within `budget`.
fn read_zip(
    bytes: &[u8],
    hints: &Hints,
    mut budget: Expansion,
) -> Result<Extraction, ExtractError> {
    {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| ExtractError::Malformed {
            format: FORMAT,
            reason: e.to_string(),
        })?;
        let mut listing = String::new();
        let mut children = Vec::new();
        let mut warnings = Vec::new();
        let (mut files, mut encrypted, mut unspent) = (0usize, 0usize, 0usize);
        for i in 0..zip.len() {
            let Ok(entry) = zip.by_index_data(i) else {
                warnings.push(format!("entry {i} of the central directory is unreadable"));
                continue;
            };
            let name = entry
                .name()
                .map(|n| n.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(entry.name_raw()).into_owned());
            let (size, packed) = (entry.size(), entry.compressed_size());
            let is_dir = entry.is_dir();
            let is_encrypted = entry.encrypted();
            listing.push_str(&format!(
                "{name}\t{size}{}{}\n",
                if is_dir { "\tdirectory" } else { "" },
                if is_encrypted { "\tencrypted" } else { "" }
            ));
            if is_dir {
                continue;
            }
            files += 1;
            if is_encrypted {
                encrypted += 1;
            }
            if children.len() >= MAX_ENTRIES {
                if children.len() == MAX_ENTRIES {
                    warnings.push(format!(
                        "only the first {MAX_ENTRIES} entries were taken out"
                    ));
                }
                continue;
            }
            if size > (1 << 20) && size / packed.max(1) > MAX_ENTRY_RATIO {
                warnings.push(format!(
                    "entry {name:?} was not taken out: it claims to expand {size} bytes from {packed} (more than {MAX_ENTRY_RATIO}:1, a zip bomb?)"
                ));
                continue;
            }
            if budget.spent() {
                unspent += 1;
                continue;
            }
            // An entry that cannot be opened is named in a warning on the archive (whose
            // listing still shows it): there are no bytes to keep as a document of its own.
            let opened = match (is_encrypted, hints.password.as_deref()) {
                (true, None) => {
                    warnings.push(format!(
                        "entry {name:?} is encrypted: give the archive's password (--password) to read it"
                    ));
                    continue;
                }
                (true, Some(pw)) => zip.by_index_decrypt(i, pw.as_bytes()),
                (false, _) => zip.by_index(i),
            };
            let mut file = match opened {
                Ok(f) => f,
                Err(ZipError::InvalidPassword) => {
                    warnings.push(format!(
                        "entry {name:?} is encrypted and the password given does not open it"
                    ));
                    continue;
                }
                Err(e) => {
                    warnings.push(format!("entry {name:?} cannot be read: {e}"));
                    continue;
                }
            };
            match budget.read(&name, &mut file) {
                Ok(bytes) => children.push(Child {
                    name: Some(base_name(&name)),
                    locator: format!("entry={name}"),
                    bytes,
                    ..Child::default()
                }),
                Err(warning) => warnings.push(warning),
            }
        }
        if unspent > 0 {
            warnings.push(format!(
                "{unspent} further entries were not taken out: the expansion bound was reached"
            ));
        }
        let mut x = Extraction {
            kind: "archive".into(),
            media_type: "application/zip".into(),
            text: listing,
            children,
            warnings,
            ..Extraction::default()
        };
        x.meta.insert("entries".into(), files.to_string());
        if encrypted > 0 {
            x.meta
                .insert("encrypted_entries".into(), encrypted.to_string());
        }
        let comment = String::from_utf8_lossy(zip.comment()).trim().to_owned();
        if !comment.is_empty() {
            x.meta.insert("comment".into(), comment);
        }
        Ok(x)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    use super::*;

    fn zip_of(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut out);
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            w.start_file(*name, options).expect("entry");
            w.write_all(bytes).expect("write");
        }
        w.finish().expect("finish");
        out.into_inner()
    }

    #[test]
    fn an_entry_name_is_data_never_a_path() {
        let bytes = zip_of(&[("../../../etc/cron.d/evil", b"* * * * * root x".to_vec())]);
        let x = ZipExtractor
            .extract(&bytes, &Hints::default())
            .expect("reads");
        assert_eq!(x.children.len(), 1);
        let child = &x.children[0];
        assert_eq!(child.name.as_deref(), Some("evil"));
        assert_eq!(child.locator, "entry=../../../etc/cron.d/evil");
        assert!(x.text.starts_with("../../../etc/cron.d/evil\t16"));
    }

    #[test]
    fn a_zip_bomb_stops_at_the_expansion_budget_and_says_so() {
        // Ten entries of a MiB of zeros each: about a thousand to one, as a real bomb.
        let zeros = vec![0u8; 1 << 20];
        let entries: Vec<(String, Vec<u8>)> = (0..10)
            .map(|i| (format!("zeros{i}.bin"), zeros.clone()))
            .collect();
        let refs: Vec<(&str, Vec<u8>)> = entries
            .iter()
            .map(|(n, b)| (n.as_str(), b.clone()))
            .collect();
        let bytes = zip_of(&refs);
        assert!(bytes.len() < 100_000, "the bomb is small: {}", bytes.len());
        let budget = Expansion {
            left: 7 << 19,
            total: 7 << 19,
        };
        let x = read_zip(&bytes, &Hints::default(), budget).expect("reads");
        assert_eq!(
            x.children.len(),
            3,
            "three MiB fit the budget of three and a half"
        );
        assert!(
            x.warnings[0].contains("zeros3.bin") && x.warnings[0].contains("zip bomb"),
            "{:?}",
            x.warnings
        );
        assert_eq!(
            x.warnings[1],
            "6 further entries were not taken out: the expansion bound was reached"
        );
        assert_eq!(x.meta["entries"], "10", "every entry is still listed");
    }

    #[test]
    fn a_damaged_zip_is_an_error_naming_the_format() {
        let err = ZipExtractor
            .extract(b"PK\x03\x04 not really", &Hints::default())
            .expect_err("damaged");
        assert!(
            err.to_string().starts_with("cannot read as ZIP archive"),
            "{err}"
        );
    }
}
