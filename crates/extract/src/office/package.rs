//! Office packages: OOXML (`.docx`, `.pptx`) and ODF (`.odt`, `.odp`) files are zip
//! archives of XML parts. Reading a part is bounded, so a package whose `document.xml`
//! inflates to gigabytes (a zip bomb dressed as a document) is refused with its reason
//! instead of exhausting memory.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::xml::{self, Step};
use crate::ExtractError;

/// The most one XML part may inflate to. The largest real `document.xml` files (a
/// thousand-page contract) are tens of MiB; more is a bomb.
pub(crate) const MAX_PART_BYTES: u64 = 128 << 20;

/// The first bytes of an OLE2 compound file: legacy Office binaries, and OOXML files
/// encrypted with a password (Office wraps the encrypted package in one).
pub(crate) const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// An opened package.
pub(crate) struct Package<'b> {
    zip: ZipArchive<Cursor<&'b [u8]>>,
    format: &'static str,
}

impl<'b> Package<'b> {
    /// Opens `bytes` as a package of `format` (named in errors). A file that is an OLE2
    /// compound file instead is an encrypted OOXML document: it needs a password.
    pub(crate) fn open(bytes: &'b [u8], format: &'static str) -> Result<Self, ExtractError> {
        if bytes.starts_with(OLE_MAGIC) {
            return Err(ExtractError::NeedsPassword {
                reason: format!(
                    "this {format} file is encrypted (Office password protection wraps it in an OLE2 container); Dossier cannot decrypt Office encryption yet, so the original is kept without text"
                ),
            });
        }
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| ExtractError::Malformed {
            format,
            reason: format!("not a readable zip package: {e}"),
        })?;
        Ok(Package { zip, format })
    }

    /// The names of every part, in the package's order.
    pub(crate) fn names(&self) -> Vec<String> {
        self.zip
            .file_names()
            .flatten()
            .map(|n| n.into_owned())
            .collect()
    }

    /// A part's bytes, or `None` if there is no such part; an error if it cannot be
    /// inflated or inflates past [`MAX_PART_BYTES`].
    pub(crate) fn bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>, ExtractError> {
        let format = self.format;
        let mut file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => {
                return Err(ExtractError::Malformed {
                    format,
                    reason: format!("cannot open part {name}: {e}"),
                });
            }
        };
        let mut out = Vec::with_capacity(file.size().min(MAX_PART_BYTES) as usize);
        (&mut file)
            .take(MAX_PART_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|e| ExtractError::Malformed {
                format,
                reason: format!("cannot inflate part {name}: {e}"),
            })?;
        if out.len() as u64 > MAX_PART_BYTES {
            return Err(ExtractError::Malformed {
                format,
                reason: format!(
                    "part {name} inflates beyond {} MiB (a zip bomb?); not read",
                    MAX_PART_BYTES >> 20
                ),
            });
        }
        Ok(Some(out))
    }

    /// A part decoded as text (see [`xml::decode`]), or `None` if absent.
    pub(crate) fn text(&mut self, name: &str) -> Result<Option<String>, ExtractError> {
        Ok(self.bytes(name)?.map(|b| xml::decode(&b).into_owned()))
    }

    /// Walks an XML part; a malformed one is an error naming the part.
    pub(crate) fn walk(
        &mut self,
        name: &str,
        on: impl FnMut(Step<'_, '_>),
    ) -> Result<bool, ExtractError> {
        let Some(text) = self.text(name)? else {
            return Ok(false);
        };
        let format = self.format;
        xml::walk(&text, on).map_err(|reason| ExtractError::Malformed {
            format,
            reason: format!("{name}: {reason}"),
        })?;
        Ok(true)
    }
}

/// Reads a flat property part (OOXML `docProps/core.xml` and `app.xml`, ODF `meta.xml`):
/// every leaf element's text under its local name, `wanted` mapping a local name to the
/// key it is stored under. Elements repeated (several `meta:keyword`) are joined by `; `.
pub(crate) fn properties(
    package: &mut Package<'_>,
    part: &str,
    wanted: &[(&str, &str)],
) -> BTreeMap<String, String> {
    let mut props: BTreeMap<String, String> = BTreeMap::new();
    let mut current: Option<&str> = None;
    let mut value = String::new();
    // A damaged property part costs the metadata, never the text.
    let _ = package.walk(part, |step| match step {
        Step::Open(name, _) => {
            current = wanted.iter().find(|(n, _)| *n == name).map(|(_, k)| *k);
            value.clear();
        }
        Step::Text(t) if current.is_some() => value.push_str(t),
        Step::Text(_) => {}
        Step::Close(_) => {
            if let Some(key) = current.take() {
                let v = value.trim();
                if !v.is_empty() {
                    props
                        .entry(key.to_owned())
                        .and_modify(|old| {
                            old.push_str("; ");
                            old.push_str(v)
                        })
                        .or_insert_with(|| v.to_owned());
                }
            }
        }
    });
    props
}

/// The OOXML core and app properties Dossier keeps, as (element, meta key).
pub(crate) const OOXML_PROPERTIES: &[(&str, &str)] = &[
    ("title", "title"),
    ("subject", "subject"),
    ("creator", "author"),
    ("lastModifiedBy", "last_modified_by"),
    ("created", "created"),
    ("modified", "modified"),
    ("lastPrinted", "last_printed"),
    ("revision", "revision"),
    ("keywords", "keywords"),
    ("description", "description"),
    ("category", "category"),
    ("Application", "application"),
    ("Company", "company"),
    ("Manager", "manager"),
    ("TotalTime", "total_editing_minutes"),
];

/// The ODF `meta.xml` properties Dossier keeps, under the same keys as OOXML's.
pub(crate) const ODF_PROPERTIES: &[(&str, &str)] = &[
    ("title", "title"),
    ("subject", "subject"),
    ("initial-creator", "author"),
    ("creator", "last_modified_by"),
    ("creation-date", "created"),
    ("date", "modified"),
    ("print-date", "last_printed"),
    ("editing-cycles", "revision"),
    ("keyword", "keywords"),
    ("description", "description"),
    ("generator", "application"),
    ("editing-duration", "editing_duration"),
];

/// Fills an extraction's title, authors and dates from its properties, and keeps them all
/// in its metadata. The document's date is when it was created, as it claims.
pub(crate) fn apply_properties(x: &mut crate::Extraction, props: BTreeMap<String, String>) {
    if let Some(t) = props.get("title") {
        x.title = Some(t.clone());
    }
    if let Some(a) = props.get("author") {
        x.authors = vec![a.clone()];
    }
    let created = props.get("created").or_else(|| props.get("modified"));
    if let Some(d) = created.and_then(|d| iso_date(d)) {
        x.doc_date = Some(d.clone());
        x.claimed_date = Some(d);
    }
    x.meta.extend(props);
}

/// A W3CDTF/ISO 8601 timestamp as stored (`2013-12-23T23:15:00Z`), if it is one Dossier's
/// dates accept (Office writes `1601-01-01` or nothing for "never").
fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.starts_with("1601") || s.starts_with("1899") {
        return None;
    }
    if dossier_dates::parse_date_time(s).is_ok() {
        return Some(s.to_owned());
    }
    let day = s.get(..10)?;
    dossier_dates::PartialDate::parse(day).ok()?;
    Some(day.to_owned())
}

/// One relationship of an OOXML part (`_rels/*.rels`): its id, type and target part.
pub(crate) struct Relationship {
    pub(crate) id: String,
    pub(crate) kind: String,
    /// The target's part name, resolved against the source part's folder.
    pub(crate) target: String,
}

/// The relationships of `part` (`ppt/presentation.xml` → `ppt/_rels/presentation.xml.rels`).
pub(crate) fn relationships(
    package: &mut Package<'_>,
    part: &str,
) -> Result<Vec<Relationship>, ExtractError> {
    let (folder, file) = part.rsplit_once('/').unwrap_or(("", part));
    let rels_part = if folder.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{folder}/_rels/{file}.rels")
    };
    let mut rels = Vec::new();
    package.walk(&rels_part, |step| {
        if let Step::Open("Relationship", tag) = step {
            if tag.attr("TargetMode").as_deref() == Some("External") {
                return;
            }
            if let (Some(id), Some(target)) = (tag.attr("Id"), tag.attr("Target")) {
                rels.push(Relationship {
                    id,
                    kind: tag.attr("Type").unwrap_or_default(),
                    target: resolve_part(folder, &target),
                });
            }
        }
    })?;
    Ok(rels)
}

/// A relationship target as a part name: `../notesSlides/n1.xml` from `ppt/slides` is
/// `ppt/notesSlides/n1.xml`; `/ppt/x.xml` is absolute.
fn resolve_part(folder: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        folder.split('/').filter(|p| !p.is_empty()).collect()
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}
