//! Running the real binary on a case, and reading the corpus's CSV indexes.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_json::Value;

pub use crate::common::{json, json_with_stderr};

/// A case made for one test.
pub struct Case {
    /// The case folder.
    pub path: PathBuf,
}

impl Case {
    /// `dossier init DIR/case`.
    pub fn new(dir: &Path) -> Case {
        let path = dir.join("case");
        json(&[&"init", &path]);
        Case { path }
    }

    /// `dossier ingest CASE PATHS... EXTRA...`; returns its JSON and stderr.
    pub fn ingest(&self, paths: &[&PathBuf], extra: &[&str]) -> (Value, String) {
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"ingest", &self.path];
        for p in paths {
            args.push(*p);
        }
        for e in extra {
            args.push(e);
        }
        json_with_stderr(&args)
    }

    /// `dossier ingest CASE PATH...` where some items may fail (a broken attachment): it
    /// exits 1 exactly when it lists a failure.
    pub fn ingest_listing_failures(&self, paths: &[&PathBuf]) -> (Value, String) {
        let out = crate::common::command()
            .arg("ingest")
            .arg(&self.path)
            .args(paths)
            .arg("--json")
            .output()
            .expect("the dossier binary runs");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let value: Value =
            serde_json::from_slice(&out.stdout).expect("stdout is exactly one JSON value");
        let failed = value["failed"].as_array().map_or(0, Vec::len);
        assert_eq!(
            out.status.code(),
            Some(i32::from(failed > 0)),
            "exit 1 exactly when an item is listed as failed: {stderr}"
        );
        (value, stderr)
    }

    /// `dossier show CASE ID`.
    pub fn show(&self, id: i64) -> Value {
        json(&[&"show", &self.path, &id.to_string()])
    }

    /// Every source path of the case, with its document's kind and id.
    pub fn documents_by_source(&self) -> HashMap<String, (String, i64)> {
        let conn = rusqlite::Connection::open(self.path.join("dossier.sqlite")).expect("open db");
        let mut stmt = conn
            .prepare("SELECT s.path, d.kind, d.id FROM sources s JOIN documents d ON d.id = s.document_id")
            .expect("query");
        stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("rows")
    }

    /// The document found at source path `path`.
    pub fn doc_at(&self, path: &str) -> i64 {
        let conn = rusqlite::Connection::open(self.path.join("dossier.sqlite")).expect("open db");
        conn.query_row(
            "SELECT document_id FROM sources WHERE path = ?1",
            [path],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("no document from {path}: {e}"))
    }
}

/// The rows of a CSV file with a header line, as maps from column name to value.
/// Handles quoted fields (with commas and doubled quotes), as the corpus indexes use.
pub fn corpus_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).expect("index file");
    let mut records = parse_csv(&text).into_iter();
    let header = records.next().expect("a header line");
    records
        .filter(|r| r.len() == header.len())
        .map(|r| header.iter().cloned().zip(r).collect())
        .collect()
}

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => record.push(std::mem::take(&mut field)),
            ('\n', false) => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// Calls `f` with every file under `dir`.
pub fn walk_files(dir: &Path, f: &mut dyn FnMut(&Path)) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let path = e.path();
        if path.is_dir() {
            walk_files(&path, f);
        } else {
            f(&path);
        }
    }
}
