//! The ingest pipeline.
//!
//! ```text
//! walk ─► work queue ─► N workers: read, hash, store original, extract ─► results ─► one writer
//! ```
//!
//! - The walk turns paths into files, and every path that cannot be one into a failure
//!   with its reason; nothing aborts the batch.
//! - Workers run on every core. A worker claims a hash in a shared set before extracting,
//!   so identical files are extracted once; the others become duplicates.
//! - The writer is the calling thread and the only one that touches the database. It
//!   records results in input order (so document ids follow the order the user gave) and
//!   commits in batches, each batch one audited [`Change`](dossier_store::Change).
//! - Containers: what an extractor finds inside a file (an email's attachments) is hashed,
//!   claimed, stored and extracted by the same worker, and recorded right after its parent
//!   with `parent_id` set; a streamed container (an mbox) is recorded message by message
//!   as it is read, across as many batches as it takes. See `worker.rs`.
//!
//! The caller must hold the case's writer lock for the whole run.

mod folders;
#[cfg(test)]
mod follow_tests;
mod globs;
mod in_order;
#[cfg(test)]
mod limits_tests;
mod reocr;
mod scope;
mod walk;
mod worker;

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use dossier_extract::Registry;
use dossier_store::{Case, Change, DocStatus, ItemOutcome, NewDocument, NewSource, StoreError};
use folders::SourceFolders;

pub use globs::{GlobError, GlobFilter, Verdict};
use in_order::InOrder;
pub use reocr::{OcrOutcome, OcrProgress, rerun_ocr};
pub use scope::{AllowedRoot, PathScope, Refusal, ScopeError};
pub use walk::{Found, walk, walk_each};
use worker::{Chunk, Processed, Turn, Worker};
pub use worker::{MAX_CHILDREN, MAX_EXPANSION, STREAM_ABOVE};

/// What an ingest run is told beyond the paths.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Whose files these are (recorded on every source).
    pub custodian: Option<String>,
    /// A kind that overrides what the extractor says.
    pub kind: Option<String>,
    /// Worker threads; 0 means one per core.
    pub workers: usize,
    /// The password for encrypted files (`dossier ingest --password`).
    pub password: Option<String>,
    /// Whether and in which languages scans and images are OCRed (`--ocr`, `--ocr-lang`).
    pub ocr: dossier_extract::ocr::OcrSettings,
    /// Store the originals without extracting them (`dossier ingest --no-extract`): hashed,
    /// deduplicated, stored durably and recorded with their sources and audit rows, each a
    /// document with no text whose detail is [`dossier_store::NOT_EXTRACTED_YET`]. Bringing
    /// a large collection into the case is then bounded by the disk, not by the parsers; a
    /// later ingest of the same files without this option extracts them in place.
    pub store_only: bool,
    /// Items one transaction records at most; 0 means [`BATCH_ITEMS`]. Smaller batches
    /// show documents to other readers sooner and lose less to a crash; larger ones wait
    /// for the disk fewer times.
    pub batch_items: usize,
    /// Files larger than this many bytes are streamed into the object store instead of
    /// being read into memory; 0 means [`STREAM_ABOVE`]. (Tests lower it to stream small
    /// files.)
    pub stream_above: u64,
    /// Which files may be read: everything the user can read, or only what lies under the
    /// folders `dossier serve --allow-path` named (see [`PathScope`]).
    pub scope: PathScope,
    /// Which files found in folders (or named) are ingested: `--include` / `--exclude`.
    /// A file left out is a skipped item with the pattern as its reason, never read.
    pub filter: GlobFilter,
}

/// Progress of a run, reported after each item is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestProgress {
    /// Items recorded so far.
    pub done: u64,
    /// Items found by the walk so far (it runs beside the workers; final once it ends).
    pub total: u64,
    /// The item just recorded.
    pub path: String,
}

/// An item that did not become a document, or whose text could not be extracted, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemProblem {
    /// The path as given or found.
    pub path: String,
    /// Why.
    pub reason: String,
    /// The document that keeps the original when only its text could not be extracted
    /// (status `failed`); `None` when nothing was recorded.
    pub document: Option<i64>,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestReport {
    /// The run's id in `ingest_runs`.
    pub run_id: i64,
    /// Documents created, including those found inside containers (attachments, messages).
    pub added: u64,
    /// Items and children whose original was already in the case.
    pub duplicates: u64,
    /// Items that could not become documents, and documents whose text could not be
    /// extracted (stored, with status `failed`), each with its reason.
    pub failed: Vec<ItemProblem>,
    /// Items passed over on purpose.
    pub skipped: Vec<ItemProblem>,
    /// Documents created or found again, in input order, each followed by its children.
    pub documents: Vec<i64>,
}

/// Errors that stop a run (as opposed to a bad item, which never does).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The case itself could not be written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How many items one transaction records at most. Each commit waits for the disk twice
/// (the originals' bytes, then their names: `dossier_store::Change::commit`), so on fast
/// items the count, not the time, sets the pace: storing the 4,000-file email folder took
/// 18 `syncfs` calls in batches of 500, about 0.3 s against 0.15 s for `cp -r` and
/// `sha256sum` of the whole folder. The time limit below still bounds the work a crash can
/// lose and how long readers wait to see new documents.
pub const BATCH_ITEMS: usize = 5000;
/// The longest a batch stays open, so a slow run still becomes visible to readers.
const BATCH_TIME: Duration = Duration::from_secs(2);

/// Ingests `inputs` into `case`.
pub fn ingest(
    case: &mut Case,
    inputs: &[PathBuf],
    options: &IngestOptions,
    registry: &Registry,
    progress: &dyn Fn(&IngestProgress),
) -> Result<IngestReport, IngestError> {
    ingest_with_hook(case, inputs, options, registry, progress, &mut NoFollower)
}

/// Something that follows what an ingest records, such as the search index (a cache derived
/// from the case).
pub trait Follower {
    /// Documents just added or found again (ids, in recording order, possibly repeated),
    /// called once at least [`FOLLOW_CHUNK`] have gathered (an item's children come with
    /// it, so a chunk may hold more) and before each commit. They are recorded in
    /// `change` and readable through it, but not committed yet: a follower may start its
    /// own work on them, and must not make it visible before [`Follower::committed`].
    fn recorded(&mut self, change: &Change<'_>, ids: &[i64]);
    /// Everything passed to [`Follower::recorded`] so far has committed.
    fn committed(&mut self);
}

/// A [`Follower`] that does nothing.
struct NoFollower;

impl Follower for NoFollower {
    fn recorded(&mut self, _: &Change<'_>, _: &[i64]) {}
    fn committed(&mut self) {}
}

/// How many recorded documents a [`Follower`] is told about at a time. Why not once per
/// batch: a batch holds up to [`BATCH_ITEMS`] items, a whole folder of mail, so a follower
/// told only at commits (the search index) did all its work after the pipeline had finished
/// instead of beside it.
pub const FOLLOW_CHUNK: usize = 100;

/// Ingests `inputs` into `case`, telling `follower` what each batch records as it goes and
/// when each batch has committed (so a derived cache, such as the search index, can keep
/// pace).
pub fn ingest_with_hook(
    case: &mut Case,
    inputs: &[PathBuf],
    options: &IngestOptions,
    registry: &Registry,
    progress: &dyn Fn(&IngestProgress),
    follower: &mut dyn Follower,
) -> Result<IngestReport, IngestError> {
    let case_root = case.root().to_owned();
    let claimed = Mutex::new(case.known_hashes()?);
    let mut retry = Default::default();
    if !options.store_only {
        retry = case.hashes_not_extracted()?;
        if options.password.is_some() {
            retry.extend(case.hashes_needing_password()?);
        }
    }
    let retry = Mutex::new(retry);
    let turn = Turn::default();
    let worker = Worker {
        objects: case.objects().clone(),
        registry,
        claimed: &claimed,
        declared_kind: options.kind.as_deref(),
        password: options.password.as_deref(),
        ocr: &options.ocr,
        turn: &turn,
        retry: &retry,
        store_only: options.store_only,
        stream_above: match options.stream_above {
            0 => STREAM_ABOVE,
            n => n,
        },
        extract_limit: dossier_extract::MAX_EXTRACT_BYTES,
    };
    let workers = if options.workers == 0 {
        // Workers wait as much as they compute: on the kernel reading and creating files,
        // and on the PDF worker process parsing for them; more workers than cores keep the
        // cores busy meanwhile. (Originals no longer wait on an fsync each: `staging.rs`.)
        4 * std::thread::available_parallelism().map_or(2, |n| n.get())
    } else {
        options.workers
    };
    let folders = SourceFolders::new(inputs, &options.scope);

    let (work_tx, work_rx) = crossbeam_channel::unbounded::<(usize, Found)>();
    // Bounded, so workers cannot run far ahead of the writer and hold many files in memory.
    let (result_tx, result_rx) = crossbeam_channel::bounded::<(usize, Chunk)>(workers * 8);
    // Items the walk has found so far: the progress total, final once the walk ends.
    let walked = AtomicU64::new(0);

    std::thread::scope(|scope| {
        // The walk runs beside the workers, which start on the first files at once
        // (measured: the walk of the 4,000-file email folder took 20-60 ms before any
        // worker started, a tenth of storing it).
        let walked = &walked;
        scope.spawn(move || {
            let mut index = 0;
            walk_each(
                inputs,
                &case_root,
                &options.scope,
                &options.filter,
                &mut |found| {
                    walked.fetch_add(1, Ordering::Relaxed);
                    // The receiver lives until the scope ends; sending cannot fail.
                    let _ = work_tx.send((index, found));
                    index += 1;
                },
            );
        });
        for _ in 0..workers {
            let work_rx = work_rx.clone();
            let result_tx = result_tx.clone();
            let worker = &worker;
            scope.spawn(move || {
                for (i, item) in work_rx {
                    let mut writer_gone = false;
                    worker.process(i, item, &mut |chunk| {
                        writer_gone = writer_gone || result_tx.send((i, chunk)).is_err();
                        !writer_gone
                    });
                    if writer_gone {
                        break; // the writer stopped: nothing more to do
                    }
                }
            });
        }
        drop(result_tx);
        // If recording fails, returning drops the receiver and the workers stop.
        record_all(
            case,
            InOrder::new(result_rx, &turn),
            options,
            &folders,
            walked,
            progress,
            follower,
        )
    })
}

/// The writer: records every processed item, in batches, each batch one audited change.
fn record_all(
    case: &mut Case,
    mut results: InOrder<'_>,
    options: &IngestOptions,
    folders: &SourceFolders,
    walked: &AtomicU64,
    progress: &dyn Fn(&IngestProgress),
    follower: &mut dyn Follower,
) -> Result<IngestReport, IngestError> {
    let custodian = options.custodian.as_deref();
    let batch_items = match options.batch_items {
        0 => BATCH_ITEMS,
        n => n,
    };
    let mut report = IngestReport::default();
    let actor = case.actor().to_owned();
    {
        let change = case.begin_change()?;
        report.run_id = change.start_ingest_run(&actor, custodian)?;
        change.commit()?;
    }
    let mut done = 0u64;
    let mut exhausted = false;
    // The document of the streamed container whose children are arriving (an mbox), and
    // the folder they are in; it outlives batches, since a large container spans many.
    let mut container: Option<(Option<i64>, Option<String>)> = None;
    while !exhausted {
        // Documents recorded in this batch that the follower has not been told about yet.
        let mut unfollowed = report.documents.len();
        let change = case.begin_change()?;
        let batch_started = Instant::now();
        let mut in_batch = 0;
        while in_batch < batch_items && batch_started.elapsed() < BATCH_TIME {
            let Some(chunk) = results.next() else {
                exhausted = true;
                break;
            };
            let ctx = &mut Recording {
                change: &change,
                results: &mut results,
                custodian,
                folders,
                password_given: options.password.is_some(),
                report: &mut report,
            };
            let path = match chunk {
                Chunk::Whole(item) => {
                    done += 1;
                    let folder = folders.of_file(item.path());
                    record_one(ctx, item, None, folder.as_deref())?.0
                }
                Chunk::Open(item) => {
                    let folder = folders.of_file(item.path());
                    let mailbox = item.kind() == Some("mailbox");
                    let (path, id) = record_one(ctx, item, None, folder.as_deref())?;
                    // A streamed mailbox (an mbox) is the folder of its messages.
                    container = Some((id, mailbox.then(|| folders.of_mailbox(&path))));
                    path
                }
                Chunk::Child(item) => {
                    let (parent, folder) = match &container {
                        Some((id, folder)) => (*id, folder.as_deref()),
                        None => (None, None),
                    };
                    record_one(ctx, item, parent, folder)?.0
                }
                Chunk::End => {
                    container = None;
                    done += 1;
                    String::new()
                }
            };
            in_batch += 1;
            if !path.is_empty() {
                let total = walked.load(Ordering::Relaxed).max(done);
                progress(&IngestProgress { done, total, path });
            }
            if report.documents.len() - unfollowed >= FOLLOW_CHUNK {
                follower.recorded(&change, &report.documents[unfollowed..]);
                unfollowed = report.documents.len();
            }
        }
        if report.documents.len() > unfollowed {
            follower.recorded(&change, &report.documents[unfollowed..]);
        }
        if exhausted {
            change.finish_ingest_run(
                report.run_id,
                &format!(
                    "added {}, duplicates {}, failed {}, skipped {}",
                    report.added,
                    report.duplicates,
                    report.failed.len(),
                    report.skipped.len()
                ),
            )?;
        }
        change.commit()?;
        follower.committed();
    }
    Ok(report)
}

/// Lists a document whose text could not be extracted (a damaged, encrypted or image-only
/// PDF, a parser that ran out of time, a file too large to extract) among the run's
/// failures: its original is kept, but a user who is told only "added" believes it can be
/// searched and cited, and `ingest` must exit 1 for it.
fn report_unextracted(report: &mut IngestReport, path: &str, id: i64, document: &NewDocument) {
    if document.status == DocStatus::Failed {
        report.failed.push(ItemProblem {
            path: path.to_owned(),
            reason: document
                .status_detail
                .clone()
                .unwrap_or_else(|| "its text could not be extracted".into()),
            document: Some(id),
        });
    }
}

/// Gives a document taken from a later item (which claimed its bytes first) the name of the
/// item it is recorded under, when it was titled by the later item's file name: which of
/// two identical files is recorded as the document, and so its title, follows the input
/// order, not which worker happened to finish first.
fn rename_after(document: &mut NewDocument, claimer_path: &str, path: &str) {
    if titled_by_file_name(document, claimer_path) {
        document.title = file_name(path);
    }
}

/// Whether the document's title is only the name of the file at `path` (no title was
/// extracted from inside it).
fn titled_by_file_name(document: &NewDocument, path: &str) -> bool {
    document.title.is_some() && document.title == file_name(path)
}

fn file_name(path: &str) -> Option<String> {
    std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_owned)
}

/// What recording an item needs besides the item.
struct Recording<'a, 'c, 't> {
    change: &'a Change<'c>,
    results: &'a mut InOrder<'t>,
    custodian: Option<&'a str>,
    /// Where each source was found, within what was named.
    folders: &'a SourceFolders,
    /// Whether this run was given a password (says why a document was extracted again).
    password_given: bool,
    report: &'a mut IngestReport,
}

/// Records one item and, depth first, everything inside it, with `parent` as its
/// container and `folder` as the folder its source is in. Returns its path (for progress)
/// and its document id, if it has one.
///
/// Children are recorded right after their parent, in the order their container listed
/// them, so ids stay deterministic inside a container too. A duplicate child (the same
/// message in two mboxes) adds a source to the one existing document and keeps its first
/// parent.
fn record_one(
    ctx: &mut Recording<'_, '_, '_>,
    processed: Processed,
    parent: Option<i64>,
    folder: Option<&str>,
) -> Result<(String, Option<i64>), IngestError> {
    let run = ctx.report.run_id;
    let source = |path: &str| NewSource {
        path: path.to_owned(),
        custodian: ctx.custodian.map(str::to_owned),
        folder: folder.map(str::to_owned),
    };
    // The messages of a mailbox are in the mailbox's folder; what is inside anything else
    // (an email's attachments) is in no folder, as a mail client's folder lists messages,
    // and is reached through its container.
    let folders = ctx.folders;
    let children_folder = |path: &str, document: &NewDocument| -> Option<String> {
        (document.kind == "mailbox").then(|| folders.of_mailbox(path))
    };
    match processed {
        Processed::New {
            path,
            mut document,
            staged,
            children,
        } => {
            document.parent = parent;
            if let Some(staged) = staged {
                ctx.change.stage_object(staged);
            }
            let id = ctx.change.add_document(&document, &source(&path))?;
            let outcome_detail = (document.status != DocStatus::Ok)
                .then(|| document.status_detail.clone())
                .flatten();
            ctx.change.record_ingest_item(
                run,
                &path,
                ItemOutcome::Added,
                Some(id),
                outcome_detail.as_deref(),
            )?;
            ctx.report.added += 1;
            ctx.report.documents.push(id);
            report_unextracted(ctx.report, &path, id, &document);
            let inside = children_folder(&path, &document);
            for child in children {
                record_one(ctx, child, Some(id), inside.as_deref())?;
            }
            Ok((path, Some(id)))
        }
        Processed::Duplicate { path, hash } => {
            if let Some(id) = ctx.change.document_by_hash(&hash)? {
                ctx.change.add_source(id, &source(&path))?;
                ctx.change.record_ingest_item(
                    run,
                    &path,
                    ItemOutcome::Duplicate,
                    Some(id),
                    None,
                )?;
                ctx.report.duplicates += 1;
                ctx.report.documents.push(id);
                // Already in the case, yet still without text: found again, it is reported
                // again, so a second ingest of a damaged file never reads as a success.
                if let Some(reason) = ctx.change.extraction_failure(id)? {
                    ctx.report.failed.push(ItemProblem {
                        path: path.clone(),
                        reason,
                        document: Some(id),
                    });
                }
                return Ok((path, Some(id)));
            }
            // A later item in this run claimed these bytes first. This item comes first in
            // input order, so the document (and whatever was found inside it) is recorded
            // under this item's path, and the later item becomes the duplicate when its
            // turn comes.
            match ctx.results.take_claimer(&hash) {
                Some(Processed::New {
                    path: claimer_path,
                    mut document,
                    staged,
                    children,
                }) => {
                    rename_after(&mut document, &claimer_path, &path);
                    record_one(
                        ctx,
                        Processed::New {
                            path,
                            document,
                            staged,
                            children,
                        },
                        parent,
                        folder,
                    )
                }
                _ => {
                    let reason =
                        "identical to another file in this run that could not be stored".to_owned();
                    ctx.change.record_ingest_item(
                        run,
                        &path,
                        ItemOutcome::Failed,
                        None,
                        Some(&reason),
                    )?;
                    ctx.report.failed.push(ItemProblem {
                        path: path.clone(),
                        reason,
                        document: None,
                    });
                    Ok((path, None))
                }
            }
        }
        Processed::Reextracted {
            path,
            mut document,
            children,
        } => {
            let Some(id) = ctx.change.document_by_hash(&document.hash)? else {
                let new = Processed::New {
                    path,
                    document,
                    staged: None,
                    children,
                };
                return record_one(ctx, new, parent, folder);
            };
            if titled_by_file_name(&document, &path) {
                // Whichever of the document's files a worker read it again from, it keeps
                // the name it was first recorded under.
                document.title = None;
            }
            ctx.change.replace_extraction(id, &document)?;
            ctx.change.add_source(id, &source(&path))?;
            let how = if ctx.password_given {
                "extracted again with the password"
            } else {
                "extracted now (stored earlier without extraction)"
            };
            let detail = match &document.status_detail {
                Some(d) => format!("{how}: {} ({d})", document.status),
                None => format!("{how}: {}", document.status),
            };
            ctx.change.record_ingest_item(
                run,
                &path,
                ItemOutcome::Duplicate,
                Some(id),
                Some(&detail),
            )?;
            ctx.report.duplicates += 1;
            ctx.report.documents.push(id);
            report_unextracted(ctx.report, &path, id, &document);
            let inside = children_folder(&path, &document);
            for child in children {
                record_one(ctx, child, Some(id), inside.as_deref())?;
            }
            Ok((path, Some(id)))
        }
        Processed::Failed { path, reason } => {
            ctx.change
                .record_ingest_item(run, &path, ItemOutcome::Failed, None, Some(&reason))?;
            ctx.report.failed.push(ItemProblem {
                path: path.clone(),
                reason,
                document: None,
            });
            Ok((path, None))
        }
        Processed::Skipped { path, reason } => {
            ctx.change
                .record_ingest_item(run, &path, ItemOutcome::Skipped, None, Some(&reason))?;
            ctx.report.skipped.push(ItemProblem {
                path: path.clone(),
                reason,
                document: None,
            });
            Ok((path, None))
        }
    }
}

#[cfg(test)]
mod naming_tests {
    use super::*;
    use dossier_store::ContentHash;

    fn titled(title: &str) -> NewDocument {
        NewDocument {
            title: Some(title.into()),
            ..NewDocument::unextracted(ContentHash::of(b"memo"), 4)
        }
    }

    #[test]
    fn a_document_taken_from_a_later_identical_file_is_named_after_the_earlier_one() {
        let mut document = titled("memo.txt");
        rename_after(
            &mut document,
            "/evidence/memo.txt",
            "/evidence/memo-copy.txt",
        );
        assert_eq!(document.title.as_deref(), Some("memo-copy.txt"));
    }

    #[test]
    fn a_title_read_from_inside_the_file_is_kept_whichever_file_it_came_from() {
        let mut document = titled("Re: the AI-training setting");
        rename_after(&mut document, "/mail/b.eml", "/mail/a.eml");
        assert_eq!(
            document.title.as_deref(),
            Some("Re: the AI-training setting")
        );
        assert!(!titled_by_file_name(&document, "/mail/b.eml"));
    }
}
