//! Specifications of the case store that need a whole case folder.

use std::sync::Arc;

use chrono::TimeZone;
use dossier_store::{
    Case, CaseOptions, ContentHash, DocStatus, FixedClock, NewCapture, NewDocument, NewSource,
    ProblemKind, StoreError, audit, migrations,
};

fn options() -> CaseOptions {
    CaseOptions {
        clock: Arc::new(FixedClock(
            chrono::Utc
                .with_ymd_and_hms(2024, 8, 15, 10, 0, 0)
                .single()
                .expect("valid instant"),
        )),
        actor: "paralegal".into(),
    }
}

fn text_document(bytes: &[u8], text: &str) -> NewDocument {
    NewDocument {
        kind: "text".into(),
        title: Some("memo.txt".into()),
        media_type: Some("text/plain".into()),
        status: DocStatus::Ok,
        extractor: Some("text".into()),
        extractor_version: Some(1),
        text: Some(text.into()),
        ..NewDocument::unextracted(ContentHash::of(bytes), bytes.len() as u64)
    }
}

#[test]
fn a_case_written_by_the_first_schema_opens_after_later_migrations() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("old-case");
    std::fs::create_dir_all(root.join("objects")).expect("mkdir");

    // Write a case exactly as schema 1 left it, with one document in it.
    let bytes = b"Written before ingest runs were recorded.";
    let hash = ContentHash::of(bytes);
    {
        let mut conn = rusqlite::Connection::open(root.join("dossier.sqlite")).expect("open");
        migrations::migrate_to(&mut conn, 1, "2023-01-01T00:00:00.000Z", "old-dossier")
            .expect("schema 1");
        assert_eq!(migrations::current_version(&conn).expect("version"), 1);
        conn.execute_batch(&format!(
            "INSERT INTO objects VALUES ('{hash}', {}, '2023-01-01T00:00:00.000Z');
             INSERT INTO documents (id, sha256, kind, title, ingested_at, status)
                 VALUES (1, '{hash}', 'text', 'old memo', '2023-01-01T00:00:00.000Z', 'ok');
             INSERT INTO document_text VALUES (1, 'Written before ingest runs were recorded.');
             INSERT INTO sources (document_id, path, ingested_at)
                 VALUES (1, '/old/memo.txt', '2023-01-01T00:00:00.000Z');",
            bytes.len()
        ))
        .expect("old rows");
    }
    dossier_store::ObjectStore::new(root.join("objects"))
        .put(&hash, bytes)
        .expect("store original");

    let case = Case::open(&root, options()).expect("opens");
    assert_eq!(case.schema_version().expect("version"), migrations::LATEST);
    let doc = case.document(1).expect("old document still there");
    assert_eq!(doc.summary.title.as_deref(), Some("old memo"));
    assert_eq!(
        doc.text.as_deref(),
        Some("Written before ingest runs were recorded.")
    );
    assert_eq!(doc.sources[0].path, "/old/memo.txt");

    let entries = audit::entries(case.connection()).expect("audit");
    let last = entries.last().expect("rows");
    assert_eq!(
        (last.action.as_str(), last.target.as_str()),
        (
            "case.migrate",
            format!("schema:{}", migrations::LATEST).as_str()
        )
    );
    assert_eq!(last.actor, "paralegal");
    let report = case.verify(None, &|_, _| {}).expect("verify runs");
    assert_eq!(report.problems, vec![], "a migrated case verifies");
}

#[test]
fn an_exhibit_numbered_under_schema_4_keeps_its_number_after_the_undo_migration() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("case");
    std::fs::create_dir_all(root.join("objects")).expect("case folder");
    let bytes = b"An exhibit from before undo.";
    let hash = ContentHash::of(bytes);
    {
        let mut conn = rusqlite::Connection::open(root.join("dossier.sqlite")).expect("open");
        migrations::migrate_to(&mut conn, 4, "2024-01-01T00:00:00.000Z", "old-dossier")
            .expect("schema 4");
        conn.execute_batch(&format!(
            "INSERT INTO objects VALUES ('{hash}', {}, '2024-01-01T00:00:00.000Z');
             INSERT INTO documents (id, sha256, kind, title, ingested_at, status)
                 VALUES (1, '{hash}', 'text', 'old exhibit', '2024-01-01T00:00:00.000Z', 'ok');
             INSERT INTO exhibits (id, document_id, prefix, n, bates_prefix, bates_first,
                                   bates_last, designation, created_at)
                 VALUES (1, 1, 'PX', 7, 'DOSS', 1, 3, 'plaintiff', '2024-01-01T00:00:00.000Z');",
            bytes.len()
        ))
        .expect("old rows");
    }
    dossier_store::ObjectStore::new(root.join("objects"))
        .put(&hash, bytes)
        .expect("store original");

    let mut case = Case::open(&root, options()).expect("opens");
    let exhibits = case.exhibits().expect("exhibits");
    assert_eq!(exhibits.len(), 1);
    let x = &exhibits[0];
    assert_eq!(
        (x.prefix.as_str(), x.n, x.bates_first, x.bates_last),
        ("PX", 7, 1, 3)
    );
    assert_eq!(x.designation.as_deref(), Some("plaintiff"));
    assert_eq!(x.withdrawn_at, None, "an old exhibit stands");
    // What was made before schema 5 recorded no steps: there is nothing to undo.
    let change = case.begin_change().expect("change");
    assert!(matches!(change.undo_last(), Err(StoreError::Refused(m)) if m.contains("schema 5")));
    drop(change);
    let report = case.verify(None, &|_, _| {}).expect("verify runs");
    assert_eq!(report.problems, vec![], "a migrated case verifies");
    // The upgrade recorded the exhibit's state as it found it, so an edit made behind the
    // log after the upgrade is found like any other.
    assert_eq!(report.chronology_rows_checked, 1);
    let baseline: Vec<_> = audit::entries(case.connection())
        .expect("audit")
        .into_iter()
        .filter(|e| e.action == "chronology.baseline")
        .collect();
    assert_eq!(baseline.len(), 1);
    assert_eq!(
        baseline[0].state.as_ref().map(|(of, _)| of.as_str()),
        Some("exhibit:1")
    );
    case.connection()
        .execute("UPDATE exhibits SET n = 8 WHERE id = 1", [])
        .expect("a direct edit");
    let report = case.verify(None, &|_, _| {}).expect("verify runs");
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert_eq!(report.problems[0].kind, ProblemKind::Chronology);
    assert!(
        report.problems[0]
            .message
            .contains("n is 8, the log says 7"),
        "{:?}",
        report.problems
    );
}

#[test]
fn a_damaged_schema_version_is_named_as_damage() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("case");
    Case::init(&root, options()).expect("init");
    rusqlite::Connection::open(root.join("dossier.sqlite"))
        .and_then(|c| c.pragma_update(None, "user_version", -1))
        .expect("damage the version");
    let Err(e) = Case::open(&root, options()) else {
        panic!("a case with schema version -1 must be refused");
    };
    assert!(matches!(e, StoreError::SchemaDamaged(-1)), "{e}");
    assert!(e.to_string().contains("damaged"), "{e}");
}

#[test]
fn a_case_from_a_newer_dossier_is_refused_not_damaged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("case");
    Case::init(&root, options()).expect("init");
    let db = root.join("dossier.sqlite");
    rusqlite::Connection::open(&db)
        .and_then(|c| c.pragma_update(None, "user_version", 99))
        .expect("pretend a newer schema");
    let before = std::fs::read(&db).expect("read db");
    let err = Case::open(&root, options()).err().expect("refused");
    assert!(err.to_string().contains("schema 99"), "{err}");
    assert_eq!(std::fs::read(&db).expect("read db"), before);
}

#[test]
fn a_change_that_is_not_committed_leaves_no_trace_not_even_in_the_audit_log() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut case = Case::init(&dir.path().join("case"), options()).expect("init");
    let audit_rows = audit::entries(case.connection()).expect("audit").len();
    let bytes = b"draft";
    case.objects()
        .put(&ContentHash::of(bytes), bytes)
        .expect("put");
    {
        let change = case.begin_change().expect("begin");
        let source = NewSource {
            path: "/tmp/draft.txt".into(),
            custodian: None,
            folder: None,
        };
        change
            .add_document(&text_document(bytes, "draft"), &source)
            .expect("add");
        // dropped without commit
    }
    assert!(
        case.documents(&Default::default())
            .expect("docs")
            .is_empty()
    );
    assert_eq!(
        audit::entries(case.connection()).expect("audit").len(),
        audit_rows
    );
}

/// Every `.tmp-*` file left anywhere under `objects/`.
fn temporary_files(objects: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for shard in std::fs::read_dir(objects).expect("objects/").flatten() {
        let entries: Vec<_> = match std::fs::read_dir(shard.path()) {
            Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
            Err(_) => vec![shard.path()],
        };
        found.extend(entries.into_iter().filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".tmp-"))
        }));
    }
    found
}

#[test]
fn a_change_of_many_staged_originals_names_them_all_and_a_dropped_one_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut case = Case::init(&dir.path().join("case"), options()).expect("init");
    let objects = case.objects().clone();
    // More than one chunk of originals is made durable and named before the commit.
    let exhibits: Vec<Vec<u8>> = (0..1_300)
        .map(|i| format!("Exhibit {i}: invoice for video-ad views").into_bytes())
        .collect();
    {
        let change = case.begin_change().expect("begin");
        for (i, bytes) in exhibits.iter().enumerate() {
            change.stage_object(
                objects
                    .stage(&ContentHash::of(bytes), bytes)
                    .expect("stage"),
            );
            let source = NewSource {
                path: format!("/evidence/exhibit-{i}.txt"),
                custodian: None,
                folder: None,
            };
            change
                .add_document(&text_document(bytes, "invoice"), &source)
                .expect("a staged original may be recorded");
        }
        change.commit().expect("commit");
    }
    for bytes in &exhibits {
        assert_eq!(
            objects.read(&ContentHash::of(bytes)).expect("named"),
            *bytes
        );
    }
    assert_eq!(
        case.documents(&Default::default()).expect("docs").len(),
        1_300
    );
    assert!(
        case.verify(None, &|_, _| {})
            .expect("verify")
            .problems
            .is_empty()
    );

    let drafts: Vec<Vec<u8>> = (0..1_300)
        .map(|i| format!("Draft {i}").into_bytes())
        .collect();
    {
        let change = case.begin_change().expect("begin");
        for bytes in &drafts {
            change.stage_object(
                objects
                    .stage(&ContentHash::of(bytes), bytes)
                    .expect("stage"),
            );
        }
        // dropped without commit
    }
    assert_eq!(
        temporary_files(objects.dir()),
        Vec::<std::path::PathBuf>::new()
    );
    assert_eq!(
        case.documents(&Default::default()).expect("docs").len(),
        1_300
    );
}

#[test]
fn every_document_added_writes_its_audit_row_with_the_injected_clock_and_actor() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut case = Case::init(&dir.path().join("case"), options()).expect("init");
    let bytes = b"Settlement: $6.625 million.";
    case.objects()
        .put(&ContentHash::of(bytes), bytes)
        .expect("put");
    let change = case.begin_change().expect("begin");
    let id = change
        .add_document(
            &text_document(bytes, "Settlement: $6.625 million."),
            &NewSource {
                path: "/evidence/settlement.txt".into(),
                custodian: Some("counsel".into()),
                folder: None,
            },
        )
        .expect("add");
    change.commit().expect("commit");

    let last = audit::entries(case.connection())
        .expect("audit")
        .pop()
        .expect("a row");
    assert_eq!(last.action, "document.add");
    assert_eq!(last.target, format!("document:{id}"));
    assert_eq!(last.at, "2024-08-15T10:00:00.000Z");
    assert_eq!(last.actor, "paralegal");
    assert!(last.detail.contains("/evidence/settlement.txt"));
    assert!(
        audit::check_chain(case.connection())
            .expect("chain")
            .is_empty()
    );
}

#[test]
fn recording_a_document_whose_original_was_not_stored_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut case = Case::init(&dir.path().join("case"), options()).expect("init");
    let change = case.begin_change().expect("begin");
    let err = change
        .add_document(
            &text_document(b"never stored", "never stored"),
            &NewSource {
                path: "/x".into(),
                custodian: None,
                folder: None,
            },
        )
        .expect_err("refused");
    assert!(err.to_string().contains("must be stored"), "{err}");
}

#[test]
fn a_capture_of_an_existing_original_is_an_audited_observation_not_a_second_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut case = Case::init(&dir.path().join("case"), options()).expect("init");
    let bytes = b"Last updated: May 1, 2024. We never sell your data.";
    case.objects()
        .put(&ContentHash::of(bytes), bytes)
        .expect("put");
    let change = case.begin_change().expect("begin");
    let doc = change
        .add_document(
            &text_document(bytes, "Last updated: May 1, 2024. We never sell your data."),
            &NewSource {
                path: "/captures/2024-05-02.md".into(),
                custodian: None,
                folder: None,
            },
        )
        .expect("add");
    let series = change
        .ensure_series("acme/privacy", Some("https://acme.example/privacy"))
        .expect("series");
    assert_eq!(
        change.ensure_series("acme/privacy", None).expect("again"),
        series
    );
    let capture = |date: &str| NewCapture {
        document_id: doc,
        captured_at: date.into(),
        ordinal: 0,
        url: None,
        source_path: Some(format!("/captures/{date}.md")),
    };
    assert!(
        change
            .add_capture(series, &capture("2024-05-02"))
            .expect("first")
    );
    assert!(
        change
            .add_capture(series, &capture("2024-06-02"))
            .expect("observation")
    );
    assert!(
        !change
            .add_capture(series, &capture("2024-06-02"))
            .expect("same again")
    );
    assert!(
        change
            .mark_policy_document(doc, "2024-06-02", Some("2024-05-01"))
            .expect("mark")
    );
    assert!(
        change
            .mark_policy_document(doc, "2024-05-02", Some("2024-05-01"))
            .expect("earlier")
    );
    assert!(
        !change
            .mark_policy_document(doc, "2024-06-02", None)
            .expect("nothing new")
    );
    change.commit().expect("commit");

    assert_eq!(case.documents(&Default::default()).expect("docs").len(), 1);
    let d = case.document(doc).expect("doc");
    assert_eq!(d.summary.kind, "policy");
    assert_eq!(d.captured_at.as_deref(), Some("2024-05-02"));
    assert_eq!(d.claimed_date.as_deref(), Some("2024-05-01"));
    let list = case.series_list().expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].name.as_str(), list[0].captures),
        ("acme/privacy", 2)
    );
    assert_eq!(list[0].url.as_deref(), Some("https://acme.example/privacy"));
    let captures = case.series_captures(series).expect("captures");
    let dates: Vec<&str> = captures.iter().map(|c| c.captured_at.as_str()).collect();
    assert_eq!(dates, ["2024-05-02", "2024-06-02"]);
    assert!(
        captures
            .iter()
            .all(|c| c.document_id == doc && c.text.is_some())
    );
    assert!(case.series_named("other").expect("query").is_none());

    let actions: Vec<String> = audit::entries(case.connection())
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .filter(|a| a.starts_with("series.") || a == "document.policy")
        .collect();
    assert_eq!(
        actions,
        [
            "series.create",
            "series.capture",
            "series.capture",
            "document.policy",
            "document.policy"
        ]
    );
    let report = case.verify(None, &|_, _| {}).expect("verify");
    assert_eq!(report.problems, vec![]);
}

#[test]
fn the_search_feed_reads_many_documents_at_once_each_once_in_the_order_asked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut case = Case::init(&dir.path().join("case"), options()).expect("init");
    let email_bytes = b"From: Dana <dana@example.org>\n\nThe setting was on by default.";
    let memo_bytes = b"Policy, as captured.";
    for bytes in [&email_bytes[..], &memo_bytes[..]] {
        case.objects()
            .put(&ContentHash::of(bytes), bytes)
            .expect("put");
    }
    let change = case.begin_change().expect("begin");
    let email = NewDocument {
        kind: "email".into(),
        title: Some("Re: the setting".into()),
        doc_date: Some("2024-08-15T10:00:00Z".into()),
        meta: [
            ("from", "Dana <dana@example.org>"),
            ("to", "Sam <sam@example.org>"),
            ("cc", "Lee <lee@example.org>"),
            ("message_id", "<1@example.org>"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect(),
        authors: vec!["ignored, the sender wins".into()],
        ..text_document(email_bytes, "The setting was on by default.")
    };
    let email_id = change
        .add_document(
            &email,
            &NewSource {
                path: "/mail/1.eml".into(),
                custodian: Some("Sam".into()),
                folder: None,
            },
        )
        .expect("add email");
    change
        .add_source(
            email_id,
            &NewSource {
                path: "/other/1.eml".into(),
                custodian: Some("Dana".into()),
                folder: None,
            },
        )
        .expect("second custodian");
    change
        .tag_document(email_id, &["hot".into(), "ai-training".into()])
        .expect("tags");
    let memo = NewDocument {
        kind: "policy".into(),
        captured_at: Some("2024-08-01".into()),
        authors: vec!["Legal team".into(), "Web team".into()],
        pages: vec!["Page one.".into(), "Page two.".into()],
        ..text_document(memo_bytes, "Page one.\nPage two.")
    };
    let memo_id = change
        .add_document(
            &memo,
            &NewSource {
                path: "/policy/2024-08-01.txt".into(),
                custodian: None,
                folder: None,
            },
        )
        .expect("add memo");
    let series = change
        .ensure_series("privacy-policy", None)
        .expect("series");
    change
        .add_capture(
            series,
            &NewCapture {
                document_id: memo_id,
                captured_at: "2024-08-01".into(),
                ordinal: 0,
                url: None,
                source_path: None,
            },
        )
        .expect("capture");
    change.commit().expect("commit");

    let missing = memo_id + 100;
    let feed = case
        .search_feed(&[memo_id, missing, email_id, memo_id])
        .expect("feed");
    let ids: Vec<i64> = feed.iter().map(|f| f.id).collect();
    assert_eq!(ids, [memo_id, email_id], "each existing id once, as asked");

    let (memo_feed, email_feed) = (&feed[0], &feed[1]);
    assert_eq!(email_feed.kind, "email");
    assert_eq!(email_feed.title.as_deref(), Some("Re: the setting"));
    assert_eq!(email_feed.date.as_deref(), Some("2024-08-15T10:00:00Z"));
    assert_eq!(email_feed.text, "The setting was on by default.");
    assert_eq!(email_feed.custodians, ["Dana", "Sam"]);
    assert_eq!(email_feed.from, ["Dana <dana@example.org>"]);
    assert_eq!(
        email_feed.to,
        ["Sam <sam@example.org>", "Lee <lee@example.org>"]
    );
    assert!(email_feed.pages.is_empty() && email_feed.series.is_empty());

    assert_eq!(
        memo_feed.from,
        ["Legal team", "Web team"],
        "authors stand in"
    );
    assert_eq!(
        memo_feed.pages,
        [(1, "Page one.".to_owned()), (2, "Page two.".to_owned())]
    );
    assert_eq!(memo_feed.series, ["privacy-policy"]);
    assert_eq!(
        memo_feed.date.as_deref(),
        Some("2024-08-01"),
        "no date of its own: the capture date"
    );
    assert!(memo_feed.custodians.is_empty());
    // Tags are not fed to the index: searches read them from the case.
    let mut tagged = case.tagged_documents().expect("tags");
    tagged.sort();
    assert_eq!(
        tagged,
        [
            ("ai-training".to_owned(), email_id),
            ("hot".to_owned(), email_id)
        ]
    );

    let fingerprints: std::collections::HashMap<i64, String> = case
        .search_fingerprints()
        .expect("fingerprints")
        .into_iter()
        .collect();
    for doc in &feed {
        assert_eq!(
            fingerprints.get(&doc.id),
            Some(&doc.fingerprint),
            "the feed and the staleness check agree on document {}",
            doc.id
        );
    }
}
