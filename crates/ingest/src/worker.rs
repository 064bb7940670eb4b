//! What a worker does with one found item: read, hash, store the original, extract.

use std::collections::HashSet;
use std::fs;
use std::path::Path;
use std::sync::Mutex;

use dossier_extract::{ExtractError, Hints, Probe, Registry, extract};
use dossier_store::{ContentHash, DocStatus, NewDocument, ObjectStore};

use crate::walk::{Found, describe_io, display};

/// How much of a file an extractor sees when it bids.
const PROBE_BYTES: usize = 8 * 1024;

/// A worker's result for one item, recorded by the writer.
pub(crate) enum Processed {
    /// A new original, stored, with what extraction made of it.
    New {
        path: String,
        document: Box<NewDocument>,
    },
    /// An original already in the case (or claimed by another worker in this run).
    Duplicate { path: String, hash: ContentHash },
    /// Could not become a document.
    Failed { path: String, reason: String },
    /// Passed over on purpose.
    Skipped { path: String, reason: String },
}

/// Shared, read-only state of the workers.
pub(crate) struct Worker<'a> {
    pub objects: ObjectStore,
    pub registry: &'a Registry,
    /// Hashes already in the case or claimed by a worker in this run.
    pub claimed: &'a Mutex<HashSet<String>>,
    pub declared_kind: Option<&'a str>,
}

impl Worker<'_> {
    pub fn process(&self, item: Found) -> Processed {
        match item {
            Found::Failed { path, reason } => Processed::Failed { path, reason },
            Found::Skipped { path, reason } => Processed::Skipped { path, reason },
            Found::File(path) => self.process_file(&path),
        }
    }

    fn process_file(&self, path: &Path) -> Processed {
        let shown = display(path);
        let bytes = match fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Processed::Failed {
                    path: shown,
                    reason: "disappeared before it could be read".into(),
                };
            }
            Err(e) => {
                return Processed::Failed {
                    path: shown,
                    reason: describe_io(&e),
                };
            }
        };
        if bytes.is_empty() {
            return Processed::Failed {
                path: shown,
                reason: "empty file (0 bytes): nothing to keep".into(),
            };
        }
        let hash = ContentHash::of(&bytes);
        let first_claim = self
            .claimed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(hash.as_str().to_owned());
        if !first_claim {
            return Processed::Duplicate { path: shown, hash };
        }
        if let Err(e) = self.objects.put(&hash, &bytes) {
            // Let a later copy of the same bytes try again.
            self.claimed
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(hash.as_str());
            return Processed::Failed {
                path: shown,
                reason: format!("could not store the original: {e}"),
            };
        }
        let file_name = path.file_name().and_then(|n| n.to_str());
        Processed::New {
            document: Box::new(self.describe(hash, &bytes, file_name)),
            path: shown,
        }
    }

    /// Chooses an extractor and turns its result into a document row.
    fn describe(&self, hash: ContentHash, bytes: &[u8], file_name: Option<&str>) -> NewDocument {
        let probe = Probe {
            file_name,
            head: &bytes[..bytes.len().min(PROBE_BYTES)],
            declared_kind: self.declared_kind,
        };
        let hints = Hints {
            file_name: file_name.map(str::to_owned),
            declared_kind: self.declared_kind.map(str::to_owned),
        };
        let mut doc = NewDocument {
            hash,
            size: bytes.len() as u64,
            parent: None,
            kind: "other".into(),
            title: file_name.map(str::to_owned),
            doc_date: None,
            claimed_date: None,
            captured_at: None,
            source_url: None,
            media_type: None,
            status: DocStatus::Skipped,
            status_detail: None,
            extractor: None,
            extractor_version: None,
            authors: Vec::new(),
            meta: Default::default(),
            text: None,
            pages: Vec::new(),
        };
        match self.registry.choose(&probe) {
            None => {
                doc.status_detail = Some(
                    "no extractor reads this format: the original is stored, without text".into(),
                );
            }
            Some(extractor) => {
                doc.extractor = Some(extractor.name().to_owned());
                doc.extractor_version = Some(extractor.version());
                match extract(extractor, bytes, &hints) {
                    Ok(x) => {
                        doc.status = DocStatus::Ok;
                        doc.status_detail = (!x.warnings.is_empty()).then(|| x.warnings.join("; "));
                        doc.kind = x.kind;
                        doc.media_type = Some(x.media_type);
                        doc.title = x.title.or(doc.title);
                        doc.doc_date = x.doc_date;
                        doc.claimed_date = x.claimed_date;
                        doc.source_url = x.source_url;
                        doc.authors = x.authors;
                        doc.meta = x.meta;
                        doc.text = Some(x.text);
                        doc.pages = x.pages;
                    }
                    Err(e @ (ExtractError::Malformed { .. } | ExtractError::Panicked { .. })) => {
                        doc.status = DocStatus::Failed;
                        doc.status_detail = Some(e.to_string());
                    }
                }
            }
        }
        if let Some(kind) = self.declared_kind {
            doc.kind = kind.to_owned();
        }
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_disappears_after_the_walk_fails_with_a_clear_reason() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("evidence.txt");
        std::fs::write(&file, "here for now").expect("write");
        let found = crate::walk(std::slice::from_ref(&file), &dir.path().join("case"));
        assert_eq!(found, vec![Found::File(file.clone())]);
        std::fs::remove_file(&file).expect("remove");

        let registry = Registry::standard();
        let claimed = Mutex::new(HashSet::new());
        let worker = Worker {
            objects: ObjectStore::new(dir.path().join("objects")),
            registry: &registry,
            claimed: &claimed,
            declared_kind: None,
        };
        match worker.process(found.into_iter().next().expect("one item")) {
            Processed::Failed { path, reason } => {
                assert_eq!(path, file.display().to_string());
                assert_eq!(reason, "disappeared before it could be read");
            }
            _ => panic!("expected a failure"),
        }
    }
}
