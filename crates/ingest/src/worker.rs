//! What a worker does with one found item: read, hash, store the original, extract, and
//! the same again for every item inside it (an email's attachments, an mbox's messages).
//!
//! Children go back through the registry exactly like files: they are hashed, claimed,
//! stored by hash and extracted by whichever extractor bids highest, so a PDF attached to
//! an email becomes the same searchable document it would be on its own, with a parent.
//! A child's name is data (a title, part of its source string), never a path: nothing is
//! ever written under it, only under the hash of its bytes.
//!
//! Two shapes of container (see `dossier_extract`): an extractor's children arrive with
//! its extraction and travel with the item as one [`Chunk::Whole`] tree; a streamed
//! [`Container`] (an mbox) is sent as [`Chunk::Open`], one [`Chunk::Child`] per message,
//! and [`Chunk::End`], so the writer records each message while the next one is read.
//! A streamed container waits for its [`Turn`] (until the writer has reached it) before it
//! starts, so only one container streams at a time and no stream piles up in memory.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::{Condvar, Mutex};

use dossier_extract::{Child, Container, Extraction, Hints, Probe, Registry, extract};
use dossier_store::{
    ContentHash, DocStatus, NOT_EXTRACTED_YET, NewDocument, ObjectStore, StagedObject,
};

use crate::walk::{Found, describe_io, display};

/// How much of a file an extractor sees when it bids.
const PROBE_BYTES: usize = 8 * 1024;
/// How deep containers may nest (a message attached to a message attached to …); deeper
/// children are not extracted, and the last level says so. Defeats "message bombs".
const MAX_DEPTH: usize = 8;

/// A worker's result for one item or child, recorded by the writer.
pub(crate) enum Processed {
    /// A new original, stored, with what extraction made of it and of its children.
    New {
        path: String,
        document: Box<NewDocument>,
        /// The original, written but not yet durable nor named: the writer hands it to the
        /// batch's change, whose commit makes it durable before the rows (`None` when the
        /// original was already stored, or stored durably by the worker, as a streamed one).
        staged: Option<StagedObject>,
        children: Vec<Processed>,
    },
    /// An original already in the case (or claimed by another worker in this run).
    Duplicate { path: String, hash: ContentHash },
    /// An original already in the case that was not extracted (stored with `--no-extract`,
    /// or failed for want of a password), extracted now, with what was found inside it.
    Reextracted {
        path: String,
        document: Box<NewDocument>,
        children: Vec<Processed>,
    },
    /// Could not become a document.
    Failed { path: String, reason: String },
    /// Passed over on purpose.
    Skipped { path: String, reason: String },
}

/// What a worker sends the writer for one input item, in order.
pub(crate) enum Chunk {
    /// The whole item, with any children it carries.
    Whole(Processed),
    /// A streamed container's own document; its children follow, then [`Chunk::End`].
    Open(Processed),
    /// One child of the container opened last.
    Child(Processed),
    /// The streamed container is finished.
    End,
}

/// Which input item the writer is recording: a streamed container waits for its turn.
#[derive(Default)]
pub(crate) struct Turn {
    state: Mutex<TurnState>,
    changed: Condvar,
}

#[derive(Default)]
struct TurnState {
    current: usize,
    /// Every container may go (the writer needs a result that only a waiting one could
    /// send; see `InOrder::take_claimer`).
    open: bool,
    /// The writer stopped: nobody waits any more.
    stopped: bool,
}

impl Turn {
    fn update(&self, f: impl FnOnce(&mut TurnState)) {
        f(&mut self.state.lock().unwrap_or_else(|e| e.into_inner()));
        self.changed.notify_all();
    }

    /// The writer has reached item `index`.
    pub fn advance_to(&self, index: usize) {
        self.update(|s| s.current = index);
    }

    /// Lets every waiting container go.
    pub fn open_all(&self) {
        self.update(|s| s.open = true);
    }

    /// The writer is gone.
    pub fn stop(&self) {
        self.update(|s| s.stopped = true);
    }

    /// Waits until item `index` may stream; false if the writer stopped.
    fn wait_for(&self, index: usize) -> bool {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !(s.current >= index || s.open || s.stopped) {
            s = self.changed.wait(s).unwrap_or_else(|e| e.into_inner());
        }
        !s.stopped
    }
}

/// Shared, read-only state of the workers.
pub(crate) struct Worker<'a> {
    pub objects: ObjectStore,
    pub registry: &'a Registry,
    /// Hashes already in the case or claimed by a worker in this run.
    pub claimed: &'a Mutex<HashSet<String>>,
    pub declared_kind: Option<&'a str>,
    /// The password for encrypted files (`dossier ingest --password`).
    pub password: Option<&'a str>,
    pub turn: &'a Turn,
    /// Hashes of documents in the case that were stored without extraction, and (with a
    /// password given) of those that failed for want of a password: each is extracted again
    /// (once per run) instead of being a duplicate.
    pub retry: &'a Mutex<HashSet<String>>,
    /// Store originals without extracting them (`ingest --no-extract`).
    pub store_only: bool,
}

impl Worker<'_> {
    /// Processes input item number `index`, handing its chunks to `send` (which returns
    /// false once the writer is gone).
    pub fn process(&self, index: usize, item: Found, send: &mut dyn FnMut(Chunk) -> bool) {
        let whole = match item {
            Found::Failed { path, reason } => Processed::Failed { path, reason },
            Found::Skipped { path, reason } => Processed::Skipped { path, reason },
            Found::File(path) => match self.process_file(index, &path, send) {
                Some(whole) => whole,
                None => return, // streamed: already sent
            },
        };
        send(Chunk::Whole(whole));
    }

    /// A file read whole, or `None` when it was a container whose chunks were sent.
    fn process_file(
        &self,
        index: usize,
        path: &Path,
        send: &mut dyn FnMut(Chunk) -> bool,
    ) -> Option<Processed> {
        let shown = display(path);
        let failed = |e: std::io::Error| Processed::Failed {
            path: shown.clone(),
            reason: if e.kind() == std::io::ErrorKind::NotFound {
                "disappeared before it could be read".into()
            } else {
                describe_io(&e)
            },
        };
        let mut file = match File::open(path) {
            Ok(f) => f,
            Err(e) => return Some(failed(e)),
        };
        // Room for the probe up front: it then takes one read instead of a doubling series
        // of small ones (measured: 9 reads per email before); `read_to_end` on the file
        // below sizes the rest from the file's length itself.
        let mut bytes = Vec::with_capacity(PROBE_BYTES);
        if let Err(e) = (&mut file).take(PROBE_BYTES as u64).read_to_end(&mut bytes) {
            return Some(failed(e));
        }
        let file_name = path.file_name().and_then(|n| n.to_str());
        let probe = Probe {
            file_name,
            head: &bytes,
            declared_kind: self.declared_kind,
        };
        if let Some(container) = self.registry.choose_container(&probe) {
            return match file.seek(SeekFrom::Start(0)) {
                Ok(_) if self.store_only => Some(self.store_stream_only(file, shown, file_name)),
                Ok(_) => {
                    self.stream(index, container, file, &shown, file_name, send);
                    None
                }
                Err(e) => Some(failed(e)),
            };
        }
        // The probe stops short of its limit only at the end of the file, and then there is
        // nothing more to read (`read_to_end` would first ask the file's size and position:
        // two calls per original, most of which fit in the probe).
        if bytes.len() == PROBE_BYTES
            && let Err(e) = file.read_to_end(&mut bytes)
        {
            return Some(failed(e));
        }
        if bytes.is_empty() {
            return Some(Processed::Failed {
                path: shown,
                reason: "empty file (0 bytes): nothing to keep".into(),
            });
        }
        Some(self.store_and_extract(shown, &bytes, file_name, None, 0, Vec::new()))
    }

    /// Hashes, claims, stores and extracts one original, then its children.
    fn store_and_extract(
        &self,
        path: String,
        bytes: &[u8],
        name: Option<&str>,
        media_type: Option<&str>,
        depth: usize,
        warnings: Vec<String>,
    ) -> Processed {
        let hash = ContentHash::of(bytes);
        if !self.claim(&hash) {
            if self.take_retry(&hash) {
                let (mut document, children) = self.describe(hash, bytes, name, media_type, depth);
                add_warnings(&mut document, warnings);
                let children = self.children(&path, &mut document, children, depth);
                return Processed::Reextracted {
                    path,
                    document: Box::new(document),
                    children,
                };
            }
            return Processed::Duplicate { path, hash };
        }
        let staged = match self.objects.stage(&hash, bytes) {
            Ok(staged) => Some(staged),
            Err(e) => {
                self.unclaim(&hash);
                return Processed::Failed {
                    path,
                    reason: format!("could not store the original: {e}"),
                };
            }
        };
        if self.store_only {
            return Processed::New {
                path,
                document: Box::new(not_extracted(
                    hash,
                    bytes.len() as u64,
                    name,
                    self.declared_kind,
                )),
                staged,
                children: Vec::new(),
            };
        }
        let (mut document, children) = self.describe(hash, bytes, name, media_type, depth);
        add_warnings(&mut document, warnings);
        let children = self.children(&path, &mut document, children, depth);
        Processed::New {
            path,
            document: Box::new(document),
            staged,
            children,
        }
    }

    /// Sends what extraction found inside a document back through the pipeline, up to
    /// [`MAX_DEPTH`] levels of nesting (deeper ones are named in the document's detail).
    fn children(
        &self,
        path: &str,
        document: &mut NewDocument,
        children: Vec<Child>,
        depth: usize,
    ) -> Vec<Processed> {
        if children.is_empty() {
            Vec::new()
        } else if depth >= MAX_DEPTH {
            add_warnings(
                document,
                vec![format!(
                    "{} item(s) inside were not extracted: containers nest deeper than {MAX_DEPTH} levels",
                    children.len()
                )],
            );
            Vec::new()
        } else {
            children
                .into_iter()
                .map(|c| self.child(path, c, depth + 1))
                .collect()
        }
    }

    /// Stores a container file whole, without reading what is inside (`--no-extract`).
    fn store_stream_only(&self, file: File, path: String, file_name: Option<&str>) -> Processed {
        let (hash, size) = match self.objects.put_reader(BufReader::new(file)) {
            Ok((hash, size, _)) => (hash, size),
            Err(e) => {
                return Processed::Failed {
                    path,
                    reason: format!("could not store the original: {e}"),
                };
            }
        };
        if size == 0 {
            return Processed::Failed {
                path,
                reason: "empty file (0 bytes): nothing to keep".into(),
            };
        }
        if !self.claim(&hash) {
            return Processed::Duplicate { path, hash };
        }
        Processed::New {
            path,
            document: Box::new(not_extracted(hash, size, file_name, self.declared_kind)),
            staged: None,
            children: Vec::new(),
        }
    }

    /// One child: recorded under `PARENT#LOCATOR`, e.g. `/abs/msg.eml#attachment=2/report.pdf`.
    fn child(&self, parent_path: &str, child: Child, depth: usize) -> Processed {
        let path = format!("{parent_path}#{}", child.locator);
        let name = probe_name(&child);
        self.store_and_extract(
            path,
            &child.bytes,
            name.as_deref(),
            child.media_type.as_deref(),
            depth,
            child.warnings,
        )
    }

    /// Streams a container: stores it, sends its document, then each child as it is cut.
    fn stream(
        &self,
        index: usize,
        container: &dyn Container,
        file: File,
        path: &str,
        file_name: Option<&str>,
        send: &mut dyn FnMut(Chunk) -> bool,
    ) {
        if !self.turn.wait_for(index) {
            return;
        }
        let failed = |reason: String| {
            Chunk::Whole(Processed::Failed {
                path: path.to_owned(),
                reason,
            })
        };
        let (hash, size) = match self.objects.put_reader(BufReader::new(file)) {
            Ok((hash, size, _)) => (hash, size),
            Err(e) => {
                send(failed(format!("could not store the original: {e}")));
                return;
            }
        };
        if size == 0 {
            send(failed("empty file (0 bytes): nothing to keep".into()));
            return;
        }
        let claimed = self.claim(&hash);
        let again = !claimed && self.take_retry(&hash);
        if !claimed && !again {
            send(Chunk::Whole(Processed::Duplicate {
                path: path.to_owned(),
                hash,
            }));
            return;
        }
        let hints = Hints {
            file_name: file_name.map(str::to_owned),
            declared_kind: self.declared_kind.map(str::to_owned),
            media_type: None,
            password: self.password.map(str::to_owned),
        };
        let mut document = new_document(hash.clone(), size, file_name);
        document.extractor = Some(container.name().to_owned());
        document.extractor_version = Some(container.version());
        apply(&mut document, container.describe(&hints));
        if let Some(kind) = self.declared_kind {
            document.kind = kind.to_owned();
        }
        let open = if again {
            Processed::Reextracted {
                path: path.to_owned(),
                document: Box::new(document),
                children: Vec::new(),
            }
        } else {
            Processed::New {
                path: path.to_owned(),
                document: Box::new(document),
                staged: None,
                children: Vec::new(),
            }
        };
        if !send(Chunk::Open(open)) {
            return;
        }
        let reader = match self.objects.open(&hash) {
            Ok(f) => BufReader::with_capacity(256 * 1024, f),
            Err(e) => {
                send(Chunk::Child(Processed::Failed {
                    path: path.to_owned(),
                    reason: format!("could not read the stored original back: {e}"),
                }));
                send(Chunk::End);
                return;
            }
        };
        for child in container.split(Box::new(reader)) {
            let processed = match child {
                Ok(child) => self.child(path, child, 1),
                Err(e) => Processed::Failed {
                    path: format!("{path}#rest"),
                    reason: format!("could not read the rest of the container: {e}"),
                },
            };
            if !send(Chunk::Child(processed)) {
                return;
            }
        }
        send(Chunk::End);
    }

    fn claim(&self, hash: &ContentHash) -> bool {
        self.claimed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(hash.as_str().to_owned())
    }

    /// Whether this original, already in the case, is to be extracted again in this run
    /// (only the first item that meets it does so).
    fn take_retry(&self, hash: &ContentHash) -> bool {
        !self.store_only
            && self
                .retry
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(hash.as_str())
    }

    /// Lets a later copy of the same bytes try again.
    fn unclaim(&self, hash: &ContentHash) {
        self.claimed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(hash.as_str());
    }

    /// Chooses an extractor and turns its result into a document row and children.
    fn describe(
        &self,
        hash: ContentHash,
        bytes: &[u8],
        file_name: Option<&str>,
        media_type: Option<&str>,
        depth: usize,
    ) -> (NewDocument, Vec<Child>) {
        // `--kind` describes what the user named, not what was found inside it.
        let declared_kind = if depth == 0 { self.declared_kind } else { None };
        let probe = Probe {
            file_name,
            head: &bytes[..bytes.len().min(PROBE_BYTES)],
            declared_kind,
        };
        let hints = Hints {
            file_name: file_name.map(str::to_owned),
            declared_kind: declared_kind.map(str::to_owned),
            media_type: media_type.map(str::to_owned),
            password: self.password.map(str::to_owned),
        };
        let mut doc = new_document(hash, bytes.len() as u64, file_name);
        let mut children = Vec::new();
        match self.registry.choose(&probe) {
            None => {
                doc.media_type = media_type.map(str::to_owned);
                doc.status_detail = Some(
                    "no extractor reads this format: the original is stored, without text".into(),
                );
            }
            Some(extractor) => {
                doc.extractor = Some(extractor.name().to_owned());
                doc.extractor_version = Some(extractor.version());
                match extract(extractor, bytes, &hints) {
                    Ok(mut x) => {
                        children = std::mem::take(&mut x.children);
                        apply(&mut doc, x);
                    }
                    Err(e) => {
                        doc.status = DocStatus::Failed;
                        doc.status_detail = Some(e.to_string());
                    }
                }
            }
        }
        if let Some(kind) = declared_kind {
            doc.kind = kind.to_owned();
        }
        (doc, children)
    }
}

/// The name a child is offered to the registry under. An attached message gets `.eml`
/// appended when its name does not already say what it is, so the email extractor (which
/// bids by extension and by content) recognises it even when it starts oddly.
fn probe_name(child: &Child) -> Option<String> {
    let is_message = child
        .media_type
        .as_deref()
        .is_some_and(|m| m.eq_ignore_ascii_case("message/rfc822"));
    match (&child.name, is_message) {
        (Some(n), true) if !n.to_ascii_lowercase().ends_with(".eml") => Some(format!("{n}.eml")),
        (None, true) => Some("message.eml".into()),
        (name, _) => name.clone(),
    }
}

/// A document row with nothing extracted yet, titled by its file name.
fn new_document(hash: ContentHash, size: u64, file_name: Option<&str>) -> NewDocument {
    NewDocument {
        title: file_name.map(str::to_owned),
        ..NewDocument::unextracted(hash, size)
    }
}

/// The row of an original stored without extraction (`--no-extract`): it has a title (its
/// file name), the kind the user declared if any, and no text until a later ingest
/// extracts it.
fn not_extracted(
    hash: ContentHash,
    size: u64,
    file_name: Option<&str>,
    declared_kind: Option<&str>,
) -> NewDocument {
    let mut doc = new_document(hash, size, file_name);
    doc.status_detail = Some(NOT_EXTRACTED_YET.to_owned());
    if let Some(kind) = declared_kind {
        doc.kind = kind.to_owned();
    }
    doc
}

/// Copies an extraction into a document row.
fn apply(doc: &mut NewDocument, x: Extraction) {
    doc.status = DocStatus::Ok;
    doc.status_detail = (!x.warnings.is_empty()).then(|| x.warnings.join("; "));
    doc.kind = x.kind;
    doc.media_type = Some(x.media_type);
    doc.title = x.title.or(doc.title.take());
    doc.doc_date = x.doc_date;
    doc.claimed_date = x.claimed_date;
    doc.source_url = x.source_url;
    doc.authors = x.authors;
    doc.meta = x.meta;
    doc.text = Some(x.text);
    doc.pages = x.pages;
}

/// Adds warnings (from cutting a child out of its container) to a document's detail.
fn add_warnings(doc: &mut NewDocument, warnings: Vec<String>) {
    if warnings.is_empty() {
        return;
    }
    let mut all: Vec<String> = doc.status_detail.take().into_iter().collect();
    all.extend(warnings);
    doc.status_detail = Some(all.join("; "));
}

#[cfg(test)]
mod tests;
