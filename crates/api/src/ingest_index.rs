//! The search index's part in `ingest`: fed as the pipeline records, on a thread of its own.
//!
//! ```text
//! ingest's writer: records 100 documents ─► reads them back in its open change ─► feeder
//! feeder thread:   builds their index entries, hands them to tantivy's indexing threads
//! ingest's writer: commits a batch ─► feeder commits the index (at most every 10 s, and at
//!                  the end)
//! ```
//!
//! Why fed before the batch commits: a batch holds up to thousands of items (a whole folder
//! of mail, for one `syncfs`), and an index fed only after each commit did all its work after
//! the pipeline had finished: on the Enron folder, one batch, tantivy started only when every
//! message was parsed and recorded. Fed every [`dossier_ingest::FOLLOW_CHUNK`] documents,
//! tantivy tokenises beside the parsers. What it is fed is read back from SQLite through
//! [`dossier_store::Change::search_feed`], the same rows `reindex` and every catch-up
//! read, so the index has one source of truth and an ingest leaves exactly the entries a
//! rebuild would make. Nothing fed is committed to the index before the batch holding it
//! has committed to SQLite, so the index never shows a document the case does not have.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use dossier_ingest::Follower;
use dossier_search::{self as search, SearchIndex, Writer};
use dossier_store::{Case, Change, FeedDocument};

use crate::search::open_index;
use crate::{ApiError, ErrorCode, Event};

/// Indexing threads during an ingest. One: fed as the pipeline records, a single thread
/// keeps pace, and it writes one segment where two threads wrote two, each with its own
/// dictionary of nearly the same words. Measured on the Enron folder (8 alternating rounds,
/// two cores shared with other work): 0.82 s of CPU and 0.81 s for the whole ingest with one
/// thread against 0.89 s and 0.87 s with two. Two threads paid when the index was fed only
/// after the pipeline had finished and the run waited for it at its end.
const INGEST_INDEX_THREADS: usize = 1;
/// Memory the ingest's index writer may use before flushing a segment (shared by its threads,
/// each flushing at its share). Kept small: with a commit every few seconds instead of every
/// batch, this budget fills before a segment is written, and a 1 GB mbox must ingest in
/// under 500 MB.
const INGEST_INDEX_MEMORY: usize = 48 * 1024 * 1024;

/// How long an ingest may feed the index before committing it, so that a long ingest becomes
/// searchable step by step (in another process) while a short one commits only once.
///
/// Why not a commit per batch: a tantivy commit waits for the indexing threads to finish
/// everything queued, then writes and fsyncs a segment, so a commit per batch (every 500
/// documents) made the index wait again and again and left many small segments to merge.
/// Nothing is lost by committing less often: the index is a cache of SQLite, and a crash
/// before its commit is caught up by the next writer (invariant 8).
const INDEX_COMMIT_INTERVAL: Duration = Duration::from_secs(10);

/// Chunks of documents that may wait for the feeder: bounds the memory the texts in flight
/// take when tantivy falls behind (the writer then waits, as it does for a slow disk).
const FEED_QUEUE: usize = 4;

/// Keeps the index in step with an ingest: caught up before the run, then fed what the pipeline
/// records (see the module docs), and committed at most every [`INDEX_COMMIT_INTERVAL`] and
/// at the end, so it is searchable when the ingest returns.
///
/// The index is a cache: when it cannot be written the ingest still succeeds, searches say
/// the index is behind until the next writer catches it up; the first such error is kept for the ingest's output.
pub(crate) struct IngestIndexer {
    feeder: Option<Feeder>,
    /// Documents sent to the feeder and documents it has indexed: the `index` phase's
    /// progress once the pipeline has finished and the index is still catching up.
    counts: Arc<IndexCounts>,
    /// The first indexing error met on this side of the feeder, if any.
    error: Option<String>,
}

/// What the ingest's writer tells the feeder.
enum Feed {
    /// Documents recorded, read back from the open change.
    Documents(Vec<FeedDocument>),
    /// Everything sent so far has committed to SQLite.
    Committed,
}

/// The feeder thread and the way to reach it.
struct Feeder {
    sender: mpsc::SyncSender<Feed>,
    thread: JoinHandle<Fed>,
}

/// How far the feeder is behind the pipeline.
#[derive(Default)]
struct IndexCounts {
    sent: AtomicU64,
    indexed: AtomicU64,
}

/// How often the `index` phase reports while the feeder finishes.
const INDEX_PROGRESS_EVERY: Duration = Duration::from_millis(200);

/// What the feeder hands back when the ingest has sent everything.
struct Fed {
    index: SearchIndex,
    writer: Writer,
    error: Option<String>,
}

impl IngestIndexer {
    /// Opens the index, takes its writer (the caller holds the case's writer lock), catches it up,
    /// and starts the feeder.
    pub(crate) fn start(case: &Case) -> IngestIndexer {
        let opened = open_index(case).and_then(|index| {
            let writer = index
                .writer_with_threads(INGEST_INDEX_THREADS, INGEST_INDEX_MEMORY)?
                .ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::Locked,
                        "another process is writing the search index",
                    )
                })?;
            Ok((index, writer))
        });
        let (index, mut writer) = match opened {
            Ok(pair) => pair,
            Err(e) => {
                return IngestIndexer {
                    feeder: None,
                    counts: Arc::default(),
                    error: Some(e.message),
                };
            }
        };
        // Costs what changed since the index last caught up: nothing, unless another process
        // changed documents or an earlier run stopped before its index commit.
        let error = search::catch_up(case, &index, &mut writer, false)
            .err()
            .map(|e| e.to_string());
        let (sender, received) = mpsc::sync_channel::<Feed>(FEED_QUEUE);
        let fed = Fed {
            index,
            writer,
            error: None,
        };
        let counts = Arc::<IndexCounts>::default();
        let feeder_counts = Arc::clone(&counts);
        let thread = std::thread::Builder::new()
            .name("dossier-index-feed".into())
            .spawn(move || feed(received, fed, &feeder_counts));
        match thread {
            Ok(thread) => IngestIndexer {
                feeder: Some(Feeder { sender, thread }),
                counts,
                error,
            },
            Err(e) => IngestIndexer {
                feeder: None,
                counts,
                error: Some(format!("could not start the search index feeder: {e}")),
            },
        }
    }

    /// Waits for the feeder to index everything sent, commits, and releases the writer.
    /// Returns the first error met, if any.
    ///
    /// What the pipeline recorded was all fed, so after it the index agrees with the case,
    /// as the catch-up at the start made it agree before. Only when something was recorded
    /// outside the pipeline (`changed_after_batches`: series captures) or feeding failed is
    /// the whole case compared with the index again; that comparison reads every document's
    /// fingerprint, which on a large case costs more than the feeding did. Otherwise only
    /// what other processes changed meanwhile (a tag) is caught up, and the commit records
    /// the newest audit row.
    ///
    /// Reports the `index` phase through `events` (documents indexed of those recorded)
    /// while the feeder finishes, so a progress bar does not sit full and silent after the
    /// pipeline's last item while the index catches up and commits.
    pub(crate) fn finish(
        self,
        case: &Case,
        changed_after_batches: bool,
        events: &(dyn Fn(Event) + Sync),
    ) -> Option<String> {
        let mut error = self.error;
        let Some(Feeder { sender, thread }) = self.feeder else {
            return error;
        };
        drop(sender);
        let counts = &self.counts;
        let report = || {
            let total = counts.sent.load(Ordering::Relaxed);
            events(Event::Progress {
                phase: "index".into(),
                done: counts.indexed.load(Ordering::Relaxed).min(total),
                total,
                item: None,
            });
        };
        report();
        while !thread.is_finished() {
            std::thread::sleep(INDEX_PROGRESS_EVERY);
            report();
        }
        report();
        let Ok(Fed {
            index,
            mut writer,
            error: fed_error,
        }) = thread.join()
        else {
            return error.or_else(|| Some("the search index feeder stopped unexpectedly".into()));
        };
        let heal = changed_after_batches || error.is_some() || fed_error.is_some();
        if let Some(e) = fed_error {
            error.get_or_insert(e);
        }
        let outcome = writer.commit().and_then(|()| {
            index.reload()?;
            if heal {
                // Commits again only when it finds something to change.
                search::sync_with_writer(case, &index, &mut writer)?;
            } else {
                // Everything the pipeline recorded is in; add what others changed meanwhile
                // (a tag from another process) and record the newest audit row.
                search::catch_up(case, &index, &mut writer, true)?;
            }
            writer.close()
        });
        if let Err(e) = outcome {
            error.get_or_insert(e.to_string());
        }
        error
    }

    fn send(&mut self, feed: Feed) {
        if let Some(feeder) = &self.feeder {
            // A feeder that stopped has kept its reason; `finish` reports it.
            let _ = feeder.sender.send(feed);
        }
    }
}

impl Follower for IngestIndexer {
    fn recorded(&mut self, change: &Change<'_>, ids: &[i64]) {
        if self.feeder.is_none() {
            return;
        }
        match change.search_feed(ids) {
            Ok(documents) => {
                self.counts
                    .sent
                    .fetch_add(documents.len() as u64, Ordering::Relaxed);
                self.send(Feed::Documents(documents));
            }
            Err(e) => {
                self.error.get_or_insert(e.to_string());
            }
        }
    }

    fn committed(&mut self) {
        self.send(Feed::Committed);
    }
}

/// The feeder thread: indexes documents as they arrive and commits the index, at most every
/// [`INDEX_COMMIT_INTERVAL`], once what it holds has committed to SQLite; ends when the
/// ingest drops its sender.
fn feed(received: mpsc::Receiver<Feed>, mut fed: Fed, counts: &IndexCounts) -> Fed {
    let mut committed_at = Instant::now();
    for message in received {
        match message {
            Feed::Documents(documents) => {
                for document in documents {
                    if let Err(e) = fed.writer.upsert(&search::feed_document(document)) {
                        fed.error.get_or_insert(e.to_string());
                    }
                    counts.indexed.fetch_add(1, Ordering::Relaxed);
                }
            }
            Feed::Committed if committed_at.elapsed() >= INDEX_COMMIT_INTERVAL => {
                if let Err(e) = fed.writer.commit().and_then(|()| fed.index.reload()) {
                    fed.error.get_or_insert(e.to_string());
                }
                committed_at = Instant::now();
            }
            Feed::Committed => {}
        }
    }
    fed
}
