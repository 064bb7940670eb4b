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
//!
//! Bounded resources: a file larger than [`STREAM_ABOVE`] is never held in memory; it is
//! hashed while it is copied into the object store, and handed to an extractor only if it
//! is at most [`dossier_extract::MAX_EXTRACT_BYTES`] (read back then; larger, it is
//! recorded as failed without text, its reason said). What one file expands into is capped: [`MAX_CHILDREN`] items in all,
//! at every level of nesting, holding at most [`MAX_EXPANSION`] times its size; what a cap
//! leaves out is named in a warning on the document where it was cut.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::{Condvar, Mutex};

use dossier_extract::ocr::OcrSettings;
use dossier_extract::{Child, Container, Extraction, Hints, Probe, Registry, extract};
use dossier_store::{
    ContentHash, DocStatus, NOT_EXTRACTED_YET, NewDocument, ObjectStore, OcrPageRecord,
    StagedObject,
};

use crate::walk::{Found, describe_io, display};

/// How much of a file an extractor sees when it bids.
const PROBE_BYTES: usize = 8 * 1024;
/// How deep containers may nest (a message attached to a message attached to …); deeper
/// children are not extracted, and the last level says so. Defeats "message bombs".
const MAX_DEPTH: usize = 8;
/// Files larger than this are stored by streaming them through the hash into the object
/// store, never read whole into memory. Smaller ones are read whole: one read, hashed and
/// staged from memory, is the fast path for the many small originals of a mail folder. At
/// 16 MiB, the workers (four per core) hold at most a few hundred MiB of file bytes at once.
pub const STREAM_ABOVE: u64 = 16 << 20;
/// The most items taken out of one file, at every level of nesting together (an email with
/// 50,000 tiny parts had become 50,001 documents). Ten thousand is more attachments than
/// any real message carries; an mbox's messages are not counted (see [`Budget`]).
pub const MAX_CHILDREN: usize = 10_000;
/// The most bytes the items taken out of one file may hold in all, as a multiple of its
/// size (and at least [`MIN_EXPANSION_BYTES`]). Decoding MIME never enlarges (base64
/// shrinks by a quarter); what passes twenty times the size is the same bytes nested again
/// and again, or a bomb.
pub const MAX_EXPANSION: u64 = 20;
/// The expansion allowed to any file, however small.
const MIN_EXPANSION_BYTES: u64 = 64 << 20;

/// What is left of the items and bytes one file may expand into ([`MAX_CHILDREN`],
/// [`MAX_EXPANSION`]), shared by every level of nesting inside it.
///
/// A streamed container (an mbox) is not capped by count: its messages are slices of it,
/// so their bytes never exceed its own, and a mailbox of 100,000 messages is ordinary. Each
/// message gets a budget of its own for what is inside it.
pub(crate) struct Budget {
    children: usize,
    bytes: u64,
}

impl Budget {
    pub(crate) fn for_item(size: u64) -> Self {
        Budget {
            children: MAX_CHILDREN,
            bytes: size.saturating_mul(MAX_EXPANSION).max(MIN_EXPANSION_BYTES),
        }
    }
}

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

impl Processed {
    /// The path the item was found at (a child's: its container's, then `#` and its place).
    pub(crate) fn path(&self) -> &str {
        match self {
            Processed::New { path, .. }
            | Processed::Duplicate { path, .. }
            | Processed::Reextracted { path, .. }
            | Processed::Failed { path, .. }
            | Processed::Skipped { path, .. } => path,
        }
    }

    /// The kind of document it makes, if it makes one now (`mailbox`, `email`…).
    pub(crate) fn kind(&self) -> Option<&str> {
        match self {
            Processed::New { document, .. } | Processed::Reextracted { document, .. } => {
                Some(&document.kind)
            }
            _ => None,
        }
    }
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
    /// Whether and how scans and images are OCRed.
    pub ocr: &'a OcrSettings,
    pub turn: &'a Turn,
    /// Hashes of documents in the case that were stored without extraction, and (with a
    /// password given) of those that failed for want of a password: each is extracted again
    /// (once per run) instead of being a duplicate.
    pub retry: &'a Mutex<HashSet<String>>,
    /// Store originals without extracting them (`ingest --no-extract`).
    pub store_only: bool,
    /// Files larger than this are streamed into the object store ([`STREAM_ABOVE`] unless
    /// a test lowers it).
    pub stream_above: u64,
    /// The largest original handed to an extractor (`dossier_extract::MAX_EXTRACT_BYTES`
    /// unless a test lowers it).
    pub extract_limit: u64,
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
        if bytes.len() == PROBE_BYTES {
            let size = match file.metadata() {
                Ok(m) => m.len(),
                Err(e) => return Some(failed(e)),
            };
            if size > self.stream_above {
                return Some(match file.seek(SeekFrom::Start(0)) {
                    Ok(_) => self.store_large(shown, file, &bytes, file_name),
                    Err(e) => failed(e),
                });
            }
            if let Err(e) = file.read_to_end(&mut bytes) {
                return Some(failed(e));
            }
        }
        if bytes.is_empty() {
            return Some(Processed::Failed {
                path: shown,
                reason: "empty file (0 bytes): nothing to keep".into(),
            });
        }
        let budget = &mut Budget::for_item(bytes.len() as u64);
        Some(self.store_and_extract(shown, &bytes, file_name, None, 0, Vec::new(), budget))
    }

    /// A file too large to hold in memory: hashed while it is copied into the object store,
    /// then extracted only if an extractor may read it whole (`extract_limit`).
    fn store_large(
        &self,
        path: String,
        file: File,
        head: &[u8],
        file_name: Option<&str>,
    ) -> Processed {
        let (hash, size) = match self
            .objects
            .put_reader(BufReader::with_capacity(256 * 1024, file))
        {
            Ok((hash, size, _)) => (hash, size),
            Err(e) => {
                return Processed::Failed {
                    path,
                    reason: format!("could not store the original: {e}"),
                };
            }
        };
        let claimed = self.claim(&hash);
        let again = !claimed && self.take_retry(&hash);
        if !claimed && !again {
            return Processed::Duplicate { path, hash };
        }
        if self.store_only {
            return Processed::New {
                path,
                document: Box::new(not_extracted(hash, size, file_name, self.declared_kind)),
                staged: None,
                children: Vec::new(),
            };
        }
        let budget = &mut Budget::for_item(size);
        let (mut document, children) = self.describe_large(hash, size, head, file_name);
        let children = self.children(&path, &mut document, children, 0, budget);
        if again {
            Processed::Reextracted {
                path,
                document: Box::new(document),
                children,
            }
        } else {
            Processed::New {
                path,
                document: Box::new(document),
                staged: None,
                children,
            }
        }
    }

    /// [`Worker::describe`] for a stored original of `size` bytes whose first bytes are
    /// `head`: read back whole only if its extractor may read it, else recorded as failed
    /// with the reason (no extractor at all is the usual `skipped`, without text).
    fn describe_large(
        &self,
        hash: ContentHash,
        size: u64,
        head: &[u8],
        file_name: Option<&str>,
    ) -> (NewDocument, Vec<Child>) {
        let probe = Probe {
            file_name,
            head,
            declared_kind: self.declared_kind,
        };
        let mut doc = new_document(hash.clone(), size, file_name);
        if let Some(kind) = self.declared_kind {
            doc.kind = kind.to_owned();
        }
        let Some(extractor) = self.registry.choose(&probe) else {
            doc.status_detail = Some(NO_EXTRACTOR.into());
            return (doc, Vec::new());
        };
        doc.extractor = Some(extractor.name().to_owned());
        doc.extractor_version = Some(extractor.version());
        doc.status = DocStatus::Failed;
        if size > self.extract_limit {
            doc.status_detail = Some(format!(
                "too large to extract: {size} bytes, more than the {} an extractor reads \
                 into memory; the original is stored, without text",
                size_words(self.extract_limit)
            ));
            return (doc, Vec::new());
        }
        match self.objects.read(&hash) {
            Ok(bytes) => self.describe(hash, &bytes, file_name, None, 0),
            Err(e) => {
                doc.status_detail = Some(format!(
                    "could not read the stored original back to extract it: {e}"
                ));
                (doc, Vec::new())
            }
        }
    }

    /// Hashes, claims, stores and extracts one original, then its children.
    #[allow(clippy::too_many_arguments)] // each is one fact about the item; a struct hides none
    fn store_and_extract(
        &self,
        path: String,
        bytes: &[u8],
        name: Option<&str>,
        media_type: Option<&str>,
        depth: usize,
        warnings: Vec<String>,
        budget: &mut Budget,
    ) -> Processed {
        let hash = ContentHash::of(bytes);
        if !self.claim(&hash) {
            if self.take_retry(&hash) {
                let (mut document, children) = self.describe(hash, bytes, name, media_type, depth);
                add_warnings(&mut document, warnings);
                let children = self.children(&path, &mut document, children, depth, budget);
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
        let children = self.children(&path, &mut document, children, depth, budget);
        Processed::New {
            path,
            document: Box::new(document),
            staged,
            children,
        }
    }

    /// Sends what extraction found inside a document back through the pipeline, up to
    /// [`MAX_DEPTH`] levels of nesting and within the file's [`Budget`] (what is left out
    /// is named in the document's detail).
    fn children(
        &self,
        path: &str,
        document: &mut NewDocument,
        children: Vec<Child>,
        depth: usize,
        budget: &mut Budget,
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
            let total = children.len();
            let mut taken = Vec::with_capacity(total.min(budget.children));
            let mut cut = None;
            for child in children {
                let size = child.bytes.len() as u64;
                if budget.children == 0 {
                    cut = Some(format!(
                        "at most {MAX_CHILDREN} items are taken out of one file, at every level of nesting together"
                    ));
                } else if size > budget.bytes {
                    cut = Some(format!(
                        "the items taken out of one file may hold at most {MAX_EXPANSION} times its size (or {} MiB) in all",
                        MIN_EXPANSION_BYTES >> 20
                    ));
                }
                if cut.is_some() {
                    break;
                }
                budget.children -= 1;
                budget.bytes -= size;
                taken.push(self.child(path, child, depth + 1, budget));
            }
            if let Some(why) = cut {
                add_warnings(
                    document,
                    vec![format!(
                        "{} of the {total} items inside were not taken out: {why}",
                        total - taken.len()
                    )],
                );
            }
            taken
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
    fn child(
        &self,
        parent_path: &str,
        child: Child,
        depth: usize,
        budget: &mut Budget,
    ) -> Processed {
        let path = format!("{parent_path}#{}", child.locator);
        if let Some(reason) = child.failure {
            return Processed::Failed { path, reason };
        }
        let name = probe_name(&child);
        let mut processed = self.store_and_extract(
            path,
            &child.bytes,
            name.as_deref(),
            child.media_type.as_deref(),
            depth,
            child.warnings,
            budget,
        );
        if let Processed::New { document, .. } | Processed::Reextracted { document, .. } =
            &mut processed
        {
            add_provenance(document, child.captured_at, child.source_url, child.meta);
        }
        processed
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
            ocr: self.ocr.clone(),
            ocr_progress: None,
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
                Ok(child) => {
                    let budget = &mut Budget::for_item(child.bytes.len() as u64);
                    self.child(path, child, 1, budget)
                }
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
            ocr: self.ocr.clone(),
            ocr_progress: None,
        };
        let mut doc = new_document(hash, bytes.len() as u64, file_name);
        let mut children = Vec::new();
        match self.registry.choose(&probe) {
            None => {
                doc.media_type = media_type.map(str::to_owned);
                doc.status_detail = Some(NO_EXTRACTOR.into());
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

/// A size in words: whole MiB when it is a whole number of them, else bytes.
fn size_words(n: u64) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else {
        format!("{n} bytes")
    }
}

/// The detail of an original no extractor reads (its status is `skipped`).
const NO_EXTRACTOR: &str = "no extractor reads this format: the original is stored, without text";

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
pub(crate) fn new_document(hash: ContentHash, size: u64, file_name: Option<&str>) -> NewDocument {
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

/// Copies an extraction into a document row: `failed`, with the reason first, when it
/// gave no text although its format carries some ([`Extraction::no_text`]).
pub(crate) fn apply(doc: &mut NewDocument, x: Extraction) {
    doc.status = if x.no_text.is_some() {
        DocStatus::Failed
    } else {
        DocStatus::Ok
    };
    let details: Vec<String> = x.no_text.into_iter().chain(x.warnings).collect();
    doc.status_detail = (!details.is_empty()).then(|| details.join("; "));
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
    doc.ocr = x
        .ocr
        .into_iter()
        .map(|p| OcrPageRecord {
            n: p.page,
            words: p.words_tsv(),
            engine: p.engine,
            engine_version: p.engine_version,
            languages: p.languages,
            image_width: p.image_width,
            image_height: p.image_height,
            dpi: p.dpi,
            mean_confidence: p.mean_confidence,
        })
        .collect();
}

/// Puts what the container knows of a child (a web capture's time, address, record id and
/// digests) on its document, over what the extractor read from the bytes: the archive's
/// record of where and when is the provenance, a page's own claims are not.
fn add_provenance(
    doc: &mut NewDocument,
    captured_at: Option<String>,
    source_url: Option<String>,
    meta: std::collections::BTreeMap<String, String>,
) {
    if captured_at.is_some() {
        doc.captured_at = captured_at;
    }
    if source_url.is_some() {
        doc.source_url = source_url;
    }
    doc.meta.extend(meta);
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
