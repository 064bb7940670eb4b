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
//!
//! The caller must hold the case's writer lock for the whole run.

mod walk;
mod worker;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use dossier_extract::Registry;
use dossier_store::{
    Case, Change, ContentHash, DocStatus, ItemOutcome, NewDocument, NewSource, StoreError,
};

pub use walk::{Found, walk};
use worker::{Processed, Worker};

/// What an ingest run is told beyond the paths.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Whose files these are (recorded on every source).
    pub custodian: Option<String>,
    /// A kind that overrides what the extractor says.
    pub kind: Option<String>,
    /// Worker threads; 0 means one per core.
    pub workers: usize,
}

/// Progress of a run, reported after each item is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestProgress {
    /// Items recorded so far.
    pub done: u64,
    /// Items found by the walk.
    pub total: u64,
    /// The item just recorded.
    pub path: String,
}

/// An item that did not become a document, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemProblem {
    /// The path as given or found.
    pub path: String,
    /// Why.
    pub reason: String,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestReport {
    /// The run's id in `ingest_runs`.
    pub run_id: i64,
    /// Documents created.
    pub added: u64,
    /// Items whose original was already in the case.
    pub duplicates: u64,
    /// Items that could not become documents.
    pub failed: Vec<ItemProblem>,
    /// Items passed over on purpose.
    pub skipped: Vec<ItemProblem>,
    /// Documents created or found again, in input order.
    pub documents: Vec<i64>,
}

/// Errors that stop a run (as opposed to a bad item, which never does).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The case itself could not be written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How many items one transaction records. Larger batches mean fewer fsyncs.
const BATCH_ITEMS: usize = 500;
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
    let found = walk(inputs, case.root());
    let total = found.len() as u64;
    let claimed = Mutex::new(case.known_hashes()?);
    let worker = Worker {
        objects: case.objects().clone(),
        registry,
        claimed: &claimed,
        declared_kind: options.kind.as_deref(),
    };
    let workers = if options.workers == 0 {
        // Each new original waits on an fsync; more workers than cores keep the disk and the
        // cores busy at once.
        4 * std::thread::available_parallelism().map_or(2, |n| n.get())
    } else {
        options.workers
    };
    let actor = case.actor().to_owned();

    let (work_tx, work_rx) = crossbeam_channel::unbounded::<(usize, Found)>();
    // Bounded, so workers cannot run far ahead of the writer and hold many files in memory.
    let (result_tx, result_rx) = crossbeam_channel::bounded::<(usize, Processed)>(workers * 8);
    for item in found.into_iter().enumerate() {
        // The receiver lives until the scope ends; sending cannot fail.
        let _ = work_tx.send(item);
    }
    drop(work_tx);

    std::thread::scope(|scope| {
        for _ in 0..workers {
            let work_rx = work_rx.clone();
            let result_tx = result_tx.clone();
            let worker = &worker;
            scope.spawn(move || {
                for (i, item) in work_rx {
                    if result_tx.send((i, worker.process(item))).is_err() {
                        break; // the writer stopped: nothing more to do
                    }
                }
            });
        }
        drop(result_tx);
        // If recording fails, returning drops the receiver and the workers stop.
        record_all(
            case,
            InOrder::new(result_rx),
            options,
            &actor,
            total,
            progress,
        )
    })
}

/// The writer: records every processed item, in batches, each batch one audited change.
fn record_all(
    case: &mut Case,
    mut results: InOrder,
    options: &IngestOptions,
    actor: &str,
    total: u64,
    progress: &dyn Fn(&IngestProgress),
) -> Result<IngestReport, IngestError> {
    let custodian = options.custodian.as_deref();
    let mut report = IngestReport::default();
    {
        let change = case.begin_change()?;
        report.run_id = change.start_ingest_run(actor, custodian)?;
        change.commit()?;
    }
    let mut done = 0u64;
    let mut exhausted = false;
    while !exhausted {
        let change = case.begin_change()?;
        let batch_started = Instant::now();
        let mut in_batch = 0;
        while in_batch < BATCH_ITEMS && batch_started.elapsed() < BATCH_TIME {
            let Some(processed) = results.next() else {
                exhausted = true;
                break;
            };
            let path = record_one(&change, processed, &mut results, custodian, &mut report)?;
            in_batch += 1;
            done += 1;
            progress(&IngestProgress { done, total, path });
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
    }
    Ok(report)
}

/// Records one item; returns its path for progress reporting.
fn record_one(
    change: &Change<'_>,
    processed: Processed,
    results: &mut InOrder,
    custodian: Option<&str>,
    report: &mut IngestReport,
) -> Result<String, IngestError> {
    let run = report.run_id;
    let source = |path: &str| NewSource {
        path: path.to_owned(),
        custodian: custodian.map(str::to_owned),
    };
    match processed {
        Processed::New { path, document } => {
            let id = change.add_document(&document, &source(&path))?;
            let outcome_detail = (document.status != DocStatus::Ok)
                .then(|| document.status_detail.clone())
                .flatten();
            change.record_ingest_item(
                run,
                &path,
                ItemOutcome::Added,
                Some(id),
                outcome_detail.as_deref(),
            )?;
            report.added += 1;
            report.documents.push(id);
            Ok(path)
        }
        Processed::Duplicate { path, hash } => {
            if let Some(id) = change.document_by_hash(&hash)? {
                change.add_source(id, &source(&path))?;
                change.record_ingest_item(run, &path, ItemOutcome::Duplicate, Some(id), None)?;
                report.duplicates += 1;
                report.documents.push(id);
                return Ok(path);
            }
            // A later item in this run claimed these bytes first. This item comes first in
            // input order, so the document is recorded under this item's path, and the later
            // item becomes the duplicate when its turn comes.
            match results.take_claimer(&hash) {
                Some(document) => record_one(
                    change,
                    Processed::New { path, document },
                    results,
                    custodian,
                    report,
                ),
                None => {
                    let reason =
                        "identical to another file in this run that could not be stored".to_owned();
                    change.record_ingest_item(
                        run,
                        &path,
                        ItemOutcome::Failed,
                        None,
                        Some(&reason),
                    )?;
                    report.failed.push(ItemProblem {
                        path: path.clone(),
                        reason,
                    });
                    Ok(path)
                }
            }
        }
        Processed::Failed { path, reason } => {
            change.record_ingest_item(run, &path, ItemOutcome::Failed, None, Some(&reason))?;
            report.failed.push(ItemProblem {
                path: path.clone(),
                reason,
            });
            Ok(path)
        }
        Processed::Skipped { path, reason } => {
            change.record_ingest_item(run, &path, ItemOutcome::Skipped, None, Some(&reason))?;
            report.skipped.push(ItemProblem {
                path: path.clone(),
                reason,
            });
            Ok(path)
        }
    }
}

/// Yields results in input order, whatever order the workers finish in.
struct InOrder {
    rx: crossbeam_channel::Receiver<(usize, Processed)>,
    pending: BTreeMap<usize, Processed>,
    next: usize,
}

impl InOrder {
    fn new(rx: crossbeam_channel::Receiver<(usize, Processed)>) -> Self {
        InOrder {
            rx,
            pending: BTreeMap::new(),
            next: 0,
        }
    }
}

impl InOrder {
    /// Finds the later item that claimed `hash` (receiving more results as needed), takes
    /// its document, and leaves a duplicate in its place.
    fn take_claimer(&mut self, hash: &ContentHash) -> Option<Box<NewDocument>> {
        loop {
            let found = self.pending.iter().find_map(|(&i, p)| match p {
                Processed::New { document, .. } if &document.hash == hash => Some(i),
                _ => None,
            });
            if let Some(i) = found {
                let Some(Processed::New { path, document }) = self.pending.remove(&i) else {
                    unreachable!("the entry was just matched as new")
                };
                let hash = document.hash.clone();
                self.pending.insert(i, Processed::Duplicate { path, hash });
                return Some(document);
            }
            let (i, p) = self.rx.recv().ok()?;
            self.pending.insert(i, p);
        }
    }
}

impl Iterator for InOrder {
    type Item = Processed;
    fn next(&mut self) -> Option<Processed> {
        loop {
            if let Some(p) = self.pending.remove(&self.next) {
                self.next += 1;
                return Some(p);
            }
            let (i, p) = self.rx.recv().ok()?;
            self.pending.insert(i, p);
        }
    }
}
