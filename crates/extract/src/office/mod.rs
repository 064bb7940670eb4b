//! Office documents: word processing (DOCX, ODT, RTF, legacy DOC), spreadsheets (XLSX,
//! XLSM, XLSB, XLS, ODS) and presentations (PPTX, ODP, legacy PPT).
//!
//! Kinds: `document`, `spreadsheet`, `presentation`. The zip-based formats are read part
//! by part with bounded inflation ([`package`]) and an XML walker that never resolves an
//! external entity ([`xml`]). Spreadsheets are calamine's. Images and files embedded in a
//! package become children, as an email's attachments do.

mod docx;
mod legacy;
mod odf;
mod package;
mod pptx;
mod rtf;
mod spreadsheet;
mod xml;

pub use docx::DocxExtractor;
pub use legacy::LegacyOfficeExtractor;
pub use odf::OdfExtractor;
pub use pptx::PptxExtractor;
pub use rtf::{RtfExtractor, rtf_to_text};
pub use spreadsheet::SpreadsheetExtractor;

use package::{OLE_MAGIC, Package};

use crate::{Child, ExtractError, MAX_EXTRACT_BYTES, Probe};

/// A bid for a package format: certain by extension (also when the file is an encrypted
/// OLE2 wrapper, so it is reported as needing a password), likely when the head is a zip
/// whose first part names start with `marker` (an attachment with no useful name).
fn office_probe(probe: &Probe<'_>, extensions: &[&str], marker: &[u8]) -> u8 {
    let by_name = probe
        .extension()
        .is_some_and(|e| extensions.contains(&e.as_str()));
    let zip = probe.head.starts_with(b"PK\x03\x04");
    if by_name && (zip || probe.head.starts_with(OLE_MAGIC)) {
        90
    } else if zip && memchr::memmem::find(probe.head, marker).is_some() {
        60
    } else if by_name && !probe.head.is_empty() {
        // Named so but neither zip nor OLE: ours to report as damaged (an empty file is
        // no document, whatever its name).
        40
    } else {
        0
    }
}

/// Images and embedded files of a package (parts under `prefixes`) as children, in
/// package order, each at most [`MAX_EXTRACT_BYTES`] and all together at most that too;
/// what the cap leaves out is named in `warnings`.
fn embedded_children(
    package: &mut Package<'_>,
    prefixes: &[&str],
    warnings: &mut Vec<String>,
) -> Result<Vec<Child>, ExtractError> {
    let mut children = Vec::new();
    let mut total = 0u64;
    for name in package.names() {
        if !prefixes.iter().any(|p| name.starts_with(p)) || name.ends_with('/') {
            continue;
        }
        let bytes = match package.bytes(&name) {
            Ok(Some(b)) => b,
            Ok(None) => continue,
            Err(e) => {
                warnings.push(format!("embedded part {name} not taken out: {e}"));
                continue;
            }
        };
        total += bytes.len() as u64;
        if total > MAX_EXTRACT_BYTES {
            warnings.push(format!(
                "embedded parts from {name} on were not taken out: they hold more than {} MiB",
                MAX_EXTRACT_BYTES >> 20
            ));
            break;
        }
        let file_name = name.rsplit('/').next().unwrap_or(&name).to_owned();
        children.push(Child {
            name: Some(file_name),
            locator: format!("part={name}"),
            bytes,
            ..Child::default()
        });
    }
    Ok(children)
}
