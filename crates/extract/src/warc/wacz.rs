//! WACZ: a zip holding WARC files under `archive/`, indexes, pages, and `datapackage.json`,
//! which lists every file with its SHA-256 and size. The zip is read as a stream (no
//! seeking): each archive is spooled to a temporary file and read record by record like a
//! WARC, and every entry is hashed; at the end `datapackage.json` becomes a child of its
//! own whose warnings name each declared file that is missing or whose hash or size does
//! not match.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};

use sha2::Digest;

use super::{Captures, RecordReader};
use crate::container::{ChildResult, Container};
use crate::{Child, Extraction, Hints, Probe};

/// Reads `.wacz` packages.
#[derive(Debug, Default, Clone, Copy)]
pub struct WaczContainer;

impl Container for WaczContainer {
    fn name(&self) -> &'static str {
        "wacz"
    }

    fn version(&self) -> u32 {
        1
    }

    fn bid(&self, probe: &Probe<'_>) -> u8 {
        let named = probe.extension().as_deref() == Some("wacz");
        if named { 97 } else { 0 }
    }

    fn describe(&self, hints: &Hints) -> Extraction {
        Extraction {
            kind: "web-archive".into(),
            media_type: "application/wacz".into(),
            title: hints.file_name.clone(),
            ..Extraction::default()
        }
    }

    fn split<'r>(
        &self,
        reader: Box<dyn BufRead + Send + 'r>,
    ) -> Box<dyn Iterator<Item = ChildResult> + Send + 'r> {
        Box::new(WaczEntries {
            reader,
            seen: BTreeMap::new(),
            datapackage: None,
            digest_file: None,
            current: None,
            done: false,
        })
    }
}

/// Every entry's SHA-256 (hex) and size, by path.
type Seen = BTreeMap<String, (String, u64)>;

struct WaczEntries<'r> {
    reader: Box<dyn BufRead + Send + 'r>,
    seen: Seen,
    datapackage: Option<Vec<u8>>,
    digest_file: Option<Vec<u8>>,
    current: Option<Box<dyn Iterator<Item = ChildResult> + Send>>,
    done: bool,
}

impl WaczEntries<'_> {
    /// Reads the next zip entry; `Ok(false)` at the end of the zip.
    fn next_entry(&mut self) -> io::Result<bool> {
        let entry = zip::read::read_zipfile_from_stream(&mut self.reader).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("not a readable zip: {e}"),
            )
        })?;
        let Some(mut entry) = entry else {
            return Ok(false);
        };
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| String::from_utf8_lossy(entry.name_raw()).into_owned());
        let lower = name.to_ascii_lowercase();
        let is_archive = lower.starts_with("archive/")
            && [".warc", ".warc.gz", ".arc", ".arc.gz"]
                .iter()
                .any(|s| lower.ends_with(s));
        let mut hasher = sha2::Sha256::new();
        let mut size = 0u64;
        let mut spool = if is_archive {
            Some(tempfile::tempfile()?)
        } else {
            None
        };
        let mut small = Vec::new();
        let mut buf = vec![0u8; 64 << 10];
        loop {
            let n = entry.read(&mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            size += n as u64;
            match spool.as_mut() {
                Some(file) => file.write_all(&buf[..n])?,
                None if (name == "datapackage.json" || name == "datapackage-digest.json")
                    && small.len() < 16 << 20 =>
                {
                    small.extend_from_slice(&buf[..n]);
                }
                None => {}
            }
        }
        let hash: String = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        self.seen.insert(name.clone(), (hash, size));
        if name == "datapackage.json" {
            self.datapackage = Some(small);
        } else if name == "datapackage-digest.json" {
            self.digest_file = Some(small);
        }
        if let Some(mut file) = spool {
            file.seek(SeekFrom::Start(0))?;
            let records = RecordReader::new(BufReader::with_capacity(256 << 10, file))?;
            self.current = Some(Box::new(Captures::new(records, Some(name))));
        }
        Ok(true)
    }

    /// The `datapackage.json` child, with the package check's findings as warnings.
    fn datapackage_child(&mut self) -> Child {
        let check = check_datapackage(
            self.datapackage.as_deref(),
            self.digest_file.as_deref(),
            &self.seen,
        );
        let mut meta = BTreeMap::new();
        meta.insert(
            "wacz.check".into(),
            if check.problems.is_empty() {
                "pass"
            } else {
                "FAIL"
            }
            .to_owned(),
        );
        meta.insert("wacz.resources".into(), check.resources.to_string());
        Child {
            name: Some("datapackage.json".into()),
            locator: "datapackage.json".into(),
            media_type: Some("application/json".into()),
            bytes: self.datapackage.take().unwrap_or_default(),
            warnings: check
                .problems
                .iter()
                .map(|p| format!("WACZ check: {p}"))
                .collect(),
            meta,
            ..Child::default()
        }
    }
}

impl Iterator for WaczEntries<'_> {
    type Item = ChildResult;

    fn next(&mut self) -> Option<ChildResult> {
        loop {
            if let Some(current) = self.current.as_mut() {
                match current.next() {
                    Some(child) => return Some(child),
                    None => self.current = None,
                }
            }
            if self.done {
                return None;
            }
            match self.next_entry() {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    return Some(Ok(self.datapackage_child()));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

/// What checking a WACZ's `datapackage.json` against its entries found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WaczCheck {
    /// How many files `datapackage.json` declares.
    pub resources: usize,
    /// Each thing wrong, in words (empty when the package checks out).
    pub problems: Vec<String>,
}

/// Checks `datapackage.json` (and `datapackage-digest.json`, when present) against the
/// SHA-256 and size of every entry read.
pub fn check_datapackage(
    datapackage: Option<&[u8]>,
    digest_file: Option<&[u8]>,
    seen: &BTreeMap<String, (String, u64)>,
) -> WaczCheck {
    let mut check = WaczCheck::default();
    let Some(bytes) = datapackage else {
        check
            .problems
            .push("no datapackage.json in the package".into());
        return check;
    };
    let json: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            check
                .problems
                .push(format!("datapackage.json is not JSON: {e}"));
            return check;
        }
    };
    let resources = json["resources"].as_array().cloned().unwrap_or_default();
    check.resources = resources.len();
    for resource in &resources {
        let Some(path) = resource["path"].as_str() else {
            check.problems.push("a resource without a path".into());
            continue;
        };
        // WACZ 1.1 writes `hash: "sha256:…"` and `bytes`; 1.0 wrote `stats: {hash, bytes}`
        // with the algorithm in `hashing`.
        let stats = if resource["stats"].is_object() {
            &resource["stats"]
        } else {
            resource
        };
        let declared_hash = stats["hash"].as_str().unwrap_or("");
        let algorithm = resource["hashing"].as_str();
        let (algorithm, value) = match declared_hash.split_once(':') {
            Some((a, v)) => (a, v),
            None => (algorithm.unwrap_or("sha256"), declared_hash),
        };
        let declared_bytes = stats["bytes"].as_u64();
        let Some((hash, size)) = seen.get(path) else {
            check
                .problems
                .push(format!("{path} is declared but not in the package"));
            continue;
        };
        if !algorithm.eq_ignore_ascii_case("sha256") {
            check.problems.push(format!(
                "{path}: hash algorithm {algorithm:?} is not checked (only sha256 is)"
            ));
        } else if !value.eq_ignore_ascii_case(hash) {
            check.problems.push(format!(
                "{path}: SHA-256 is {hash}, datapackage.json says {value}"
            ));
        }
        if let Some(declared) = declared_bytes
            && declared != *size
        {
            check.problems.push(format!(
                "{path}: {size} bytes, datapackage.json says {declared}"
            ));
        }
    }
    if let Some(digest_file) = digest_file {
        let digest: serde_json::Value = serde_json::from_slice(digest_file).unwrap_or_default();
        let declared = digest["hash"].as_str().unwrap_or("");
        let declared = declared.strip_prefix("sha256:").unwrap_or(declared);
        let ours = seen.get("datapackage.json").map(|(h, _)| h.as_str());
        if Some(declared) != ours {
            check
                .problems
                .push("datapackage-digest.json does not match datapackage.json".into());
        }
    }
    check
}
