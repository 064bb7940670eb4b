//! Specifications of how a [`Follower`] is told what an ingest records.

use std::collections::BTreeSet;

use dossier_store::CaseOptions;

use super::*;

/// What a follower was told, in order.
#[derive(Debug, PartialEq, Eq)]
enum Told {
    /// Ids told as recorded, and how many of them the open change could read back.
    Recorded {
        ids: Vec<i64>,
        readable: usize,
    },
    Committed,
}

#[derive(Default)]
struct Listener {
    told: Vec<Told>,
}

impl Follower for Listener {
    fn recorded(&mut self, change: &Change<'_>, ids: &[i64]) {
        let readable = change.search_feed(ids).expect("feed").len();
        self.told.push(Told::Recorded {
            ids: ids.to_vec(),
            readable,
        });
    }

    fn committed(&mut self) {
        self.told.push(Told::Committed);
    }
}

#[test]
fn a_follower_hears_of_every_document_in_chunks_before_the_batch_commits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("memos");
    std::fs::create_dir(&folder).expect("mkdir");
    for i in 0..250 {
        std::fs::write(
            folder.join(format!("memo-{i:03}.txt")),
            format!("Memo {i}."),
        )
        .expect("write");
    }
    let mut case = Case::init(&dir.path().join("case"), CaseOptions::default()).expect("init case");
    let _lock = case.writer_lock().expect("lock");
    let mut listener = Listener::default();
    let report = ingest_with_hook(
        &mut case,
        &[folder],
        &IngestOptions::default(),
        &Registry::standard(),
        &|_| {},
        &mut listener,
    )
    .expect("ingest");

    assert_eq!(report.added, 250);
    // One batch: three chunks, each readable in the open change, then the commit.
    let sizes: Vec<(usize, usize)> = listener
        .told
        .iter()
        .filter_map(|t| match t {
            Told::Recorded { ids, readable } => Some((ids.len(), *readable)),
            Told::Committed => None,
        })
        .collect();
    assert_eq!(
        sizes,
        [
            (FOLLOW_CHUNK, FOLLOW_CHUNK),
            (FOLLOW_CHUNK, FOLLOW_CHUNK),
            (50, 50)
        ]
    );
    assert_eq!(listener.told.last(), Some(&Told::Committed));
    assert_eq!(
        listener
            .told
            .iter()
            .filter(|t| **t == Told::Committed)
            .count(),
        1
    );
    let told: Vec<i64> = listener
        .told
        .iter()
        .flat_map(|t| match t {
            Told::Recorded { ids, .. } => ids.clone(),
            Told::Committed => Vec::new(),
        })
        .collect();
    assert_eq!(told, report.documents, "every document, in recording order");
    assert_eq!(told.iter().collect::<BTreeSet<_>>().len(), 250);
}
