//! The query language and result shape, on a small index built in a temporary folder.

use std::sync::Arc;

use crate::{
    DefaultOperator, DocumentTags, IndexDocument, SearchIndex, SearchRequest, SearchResults,
    SortOrder,
};

fn doc(id: i64, kind: &str, title: &str, date: &str, text: &str) -> IndexDocument {
    IndexDocument {
        id,
        stamp: 1,
        kind: kind.into(),
        title: Some(title.into()),
        date: Some(date.into()),
        text: text.into(),
        ..IndexDocument::default()
    }
}

fn fixture() -> (tempfile::TempDir, SearchIndex, Vec<IndexDocument>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = SearchIndex::open(&dir.path().join("index")).expect("open");
    let mut docs = vec![
        doc(
            1,
            "email",
            "Quarterly results",
            "2001-05-04",
            "The quick brown fox jumps over the lazy dog. Opt-in required.",
        ),
        doc(
            2,
            "email",
            "Re: lunch",
            "2001-10-20T09:30:00Z",
            "Let us meet at the café near the office; the dog is welcome.",
        ),
        doc(
            3,
            "article",
            "Privacy policy change",
            "2024-08-15",
            "Users were opted in to sharing data for AI training without consent.",
        ),
        doc(
            4,
            "policy",
            "東京の規約",
            "2024-09",
            "東京都の利用規約。プライバシーを尊重します。",
        ),
        doc(5, "filing", "Complaint", "2024", ""),
    ];
    docs[0].from = vec!["Kenneth Lay <kenneth.lay@enron.com>".into()];
    docs[0].to = vec!["Jeff Skilling <jeff.skilling@enron.com>".into()];
    docs[4].pages = vec![
        (
            1,
            "Plaintiffs allege the network quietly enabled data sharing.".into(),
        ),
        (
            2,
            "The Stored Communications Act provides damages of $1,000 per user.".into(),
        ),
        (
            3,
            "Plaintiffs seek damages under the unfair competition law.".into(),
        ),
    ];
    let mut writer = index.writer().expect("writer").expect("free");
    for d in &docs {
        writer.upsert(d).expect("index");
    }
    writer.commit().expect("commit");
    index.reload().expect("reload");
    (dir, index, docs)
}

/// The fixture's tags, as the case would give them: document 2 is tagged "Hot".
fn fixture_tags() -> Arc<DocumentTags> {
    Arc::new(DocumentTags::new([("Hot".to_owned(), 2)]))
}

fn ids(index: &SearchIndex, docs: &[IndexDocument], query: &str) -> Vec<i64> {
    let request = SearchRequest {
        query: query.into(),
        limit: 10,
        tags: fixture_tags(),
        ..SearchRequest::default()
    };
    let mut texts = |id: i64, page: u32| text_of(docs, id, page);
    let results = index
        .search(&request, &mut texts)
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    let mut ids: Vec<i64> = results.hits.iter().map(|h| h.doc).collect();
    assert_eq!(
        results.facets.total as usize,
        ids.len(),
        "{query}: total counts documents"
    );
    ids.sort_unstable();
    ids
}

fn text_of(docs: &[IndexDocument], id: i64, page: u32) -> Option<String> {
    let d = docs.iter().find(|d| d.id == id)?;
    if page == 0 {
        Some(d.text.clone())
    } else {
        d.pages.iter().find(|p| p.0 == page).map(|p| p.1.clone())
    }
}

#[test]
fn each_feature_of_the_query_language_finds_what_it_should() {
    let (_dir, index, docs) = fixture();
    let cases: &[(&str, &[i64])] = &[
        ("dog", &[1, 2]),
        ("dog fox", &[1]),
        ("dog OR consent", &[1, 2, 3]),
        ("dog AND NOT fox", &[2]),
        ("dog -fox", &[2]),
        // Excluding a phrase: tantivy's phrase scorer panicked here in debug builds
        // (found by dossier-fuzz; see the tantivy profile in Cargo.toml).
        ("dog -\"lazy dog\"", &[2]),
        ("dog -\"quick brown\"", &[2]),
        ("NOT \"lazy dog\" AND dog", &[2]),
        ("dog -\"near the office\"", &[1]),
        ("NOT 東京 AND 利用", &[]),
        ("\"lazy dog\"", &[1]),
        ("\"dog lazy\"", &[]),
        ("\"quick fox\"~1", &[1]),
        ("\"quick fox\"", &[]),
        ("shar*", &[3, 5]),
        ("consnt~1", &[3]),
        ("privacy~1", &[3]),
        ("cafe", &[2]),
        ("CAFÉ", &[2]),
        // Stemmed: "opted in" is the same phrase as "opt-in".
        ("opt-in", &[1, 3]),
        ("\"lazy-dog\"", &[1]),
        ("lazy-fox", &[]),
        ("opted", &[1, 3]),
        ("consenting", &[3]),
        ("東京", &[4]),
        ("プライバシー", &[4]),
        ("title:lunch", &[2]),
        ("title:dog", &[]),
        ("from:lay", &[1]),
        ("from:kenneth.lay@enron.com", &[1]),
        ("to:skilling", &[1]),
        ("kind:email", &[1, 2]),
        ("tag:hot", &[2]),
        ("date:2001", &[1, 2]),
        ("date:2001-10", &[2]),
        // A date of year precision counts as its first day.
        ("date:[2001-06 TO 2024-08-15]", &[2, 3, 5]),
        ("date:>=2024-09", &[4]),
        ("date:<2001-06", &[1]),
        ("-kind:email", &[3, 4, 5]),
        ("(dog OR training) AND kind:article", &[3]),
        ("damages", &[5]),
    ];
    for (query, expected) in cases {
        assert_eq!(ids(&index, &docs, query), *expected, "query {query}");
    }
}

#[test]
fn hits_group_pages_with_marked_snippets_and_facets() {
    let (_dir, index, docs) = fixture();
    let request = SearchRequest {
        query: "damages OR plaintiffs".into(),
        limit: 10,
        pages_per_hit: 3,
        ..SearchRequest::default()
    };
    let results = index
        .search(&request, &mut |id, page| text_of(&docs, id, page))
        .expect("search");
    assert_eq!(results.hits.len(), 1, "three pages, one document");
    let hit = &results.hits[0];
    assert_eq!(hit.doc, 5);
    let mut pages: Vec<u32> = hit.pages.iter().map(|p| p.page).collect();
    pages.sort_unstable();
    assert_eq!(pages, [1, 2, 3]);
    assert!(
        hit.pages[0].page == 3,
        "the page with both words is best: {:?}",
        hit.pages
    );
    assert!(
        hit.pages[0].snippet.contains("<mark>damages</mark>"),
        "{}",
        hit.pages[0].snippet
    );
    assert_eq!(hit.kind, "filing");
    assert_eq!(hit.date.as_deref(), Some("2024"));
    assert_eq!(results.facets.kind.get("filing"), Some(&1));

    let request = SearchRequest {
        query: "dog OR data".into(),
        limit: 10,
        sort: SortOrder::Date,
        tags: fixture_tags(),
        ..SearchRequest::default()
    };
    let results = index
        .search(&request, &mut |id, page| text_of(&docs, id, page))
        .expect("search");
    let order: Vec<i64> = results.hits.iter().map(|h| h.doc).collect();
    assert_eq!(order, [3, 5, 2, 1], "newest first");
    assert_eq!(results.facets.year.get(&2001), Some(&2));
    assert_eq!(results.facets.year.get(&2024), Some(&2));
    assert_eq!(results.facets.tag.get("hot"), Some(&1));
}

#[test]
fn filters_narrow_without_changing_the_query() {
    let (_dir, index, docs) = fixture();
    let run = |r: SearchRequest| {
        let mut r = r;
        r.limit = 10;
        let res = index
            .search(&r, &mut |id, page| text_of(&docs, id, page))
            .expect("search");
        res.hits.iter().map(|h| h.doc).collect::<Vec<_>>()
    };
    let base = SearchRequest {
        query: "dog OR data OR damages".into(),
        operator: DefaultOperator::And,
        tags: fixture_tags(),
        ..SearchRequest::default()
    };
    assert_eq!(
        run(SearchRequest {
            kind: Some("Email".into()),
            ..base.clone()
        })
        .len(),
        2
    );
    assert_eq!(
        run(SearchRequest {
            since: Some("2024".into()),
            ..base.clone()
        })
        .len(),
        2
    );
    assert_eq!(
        run(SearchRequest {
            until: Some("2001-05".into()),
            ..base.clone()
        }),
        [1]
    );
    assert_eq!(
        run(SearchRequest {
            tag: Some("hot".into()),
            ..base
        }),
        [2]
    );
}

#[test]
fn tags_are_read_from_the_case_at_search_time_not_from_the_index() {
    let (_dir, index, docs) = fixture();
    let search = |query: &str, tags: &[(&str, i64)], filter: (Option<&str>, Option<&str>)| {
        let request = SearchRequest {
            query: query.into(),
            limit: 10,
            operator: DefaultOperator::Or,
            tag: filter.0.map(str::to_owned),
            not_tag: filter.1.map(str::to_owned),
            tags: Arc::new(DocumentTags::new(
                tags.iter().map(|(name, doc)| ((*name).to_owned(), *doc)),
            )),
            ..SearchRequest::default()
        };
        let results = index
            .search(&request, &mut |id, page| text_of(&docs, id, page))
            .expect("search");
        let mut found: Vec<i64> = results.hits.iter().map(|h| h.doc).collect();
        found.sort_unstable();
        (found, results.facets)
    };
    let everything = "dog OR data OR damages OR 東京";
    // Tagging re-indexes nothing: the same index finds whatever the tags say now.
    assert_eq!(search("tag:hot", &[("Hot", 2)], (None, None)).0, [2]);
    assert_eq!(
        search("tag:hot", &[("Hot", 2), ("hot", 5)], (None, None)).0,
        [2, 5]
    );
    assert_eq!(search("tag:hot", &[], (None, None)).0, Vec::<i64>::new());
    assert_eq!(
        search(
            "tag:priv*",
            &[("Privileged", 1), ("privacy", 4)],
            (None, None)
        )
        .0,
        [1, 4]
    );
    assert_eq!(
        search("dog AND tag:hot", &[("Hot", 2), ("Hot", 3)], (None, None)).0,
        [2]
    );
    let tags = [("Hot", 2), ("Hot", 3), ("Privileged", 3)];
    assert_eq!(search(everything, &tags, (Some("HOT"), None)).0, [2, 3]);
    assert_eq!(
        search(everything, &tags, (None, Some("privileged"))).0,
        [1, 2, 4, 5]
    );
    assert_eq!(
        search(everything, &tags, (None, Some("never used"))).0,
        [1, 2, 3, 4, 5]
    );
    // The tag facet counts matching documents per tag, each document once.
    let (_, facets) = search("dog OR data", &tags, (None, None));
    assert_eq!(facets.tag.get("hot"), Some(&2));
    assert_eq!(facets.tag.get("privileged"), Some(&1));
    let (_, facets) = search("fox", &tags, (None, None));
    assert!(facets.tag.is_empty(), "{:?}", facets.tag);
}

#[test]
fn upsert_replaces_and_delete_removes() {
    let (_dir, index, docs) = fixture();
    let mut writer = index.writer().expect("writer").expect("free");
    let mut changed = docs[0].clone();
    changed.text = "entirely different words".into();
    changed.stamp = 2;
    writer.upsert(&changed).expect("upsert");
    writer.delete(2);
    writer.commit().expect("commit");
    index.reload().expect("reload");
    assert_eq!(ids(&index, &docs, "fox"), Vec::<i64>::new());
    assert_eq!(ids(&index, &docs, "entirely"), [1]);
    assert_eq!(ids(&index, &docs, "cafe"), Vec::<i64>::new());
    let indexed = index.indexed().expect("indexed");
    assert_eq!(indexed.get(&1), Some(&2));
    assert!(!indexed.contains_key(&2));
}

#[test]
fn columns_kept_between_searches_follow_segments_as_they_come_and_merge() {
    let mut docs: Vec<IndexDocument> = (1..=3)
        .map(|id| doc(id, "email", "memo", "2001", "alpha beta"))
        .collect();
    let (_dir, index) = index_of(&docs);
    let first = ranked(&index, &docs, "alpha", 10);
    assert_eq!(first.facets.total, 3);
    assert_eq!(index.columns.segments(), 1);

    // A second segment.
    let tagged = doc(4, "filing", "brief", "2002", "alpha gamma");
    docs.push(tagged.clone());
    let mut writer = index.writer().expect("writer").expect("free");
    writer.add(&tagged).expect("index");
    writer.commit().expect("commit");
    index.reload().expect("reload");
    let both = ranked(&index, &docs, "alpha", 10);
    assert_eq!(both.facets.total, 4);
    assert_eq!(both.facets.kind["email"], 3);
    assert_eq!(both.facets.kind["filing"], 1);
    assert_eq!(both.facets.year[&2001], 3);
    assert_eq!(index.columns.segments(), 2);

    // Merged into one segment: the same results, and the old segments' columns are let go.
    writer.finish_compact().expect("merge");
    index.reload().expect("reload");
    let merged = ranked(&index, &docs, "alpha", 10);
    assert_eq!(merged.facets, both.facets);
    assert_eq!(merged.hits, both.hits);
    assert_eq!(index.columns.segments(), 1);
}

fn index_of(docs: &[IndexDocument]) -> (tempfile::TempDir, SearchIndex) {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = SearchIndex::open(&dir.path().join("index")).expect("open");
    let mut writer = index.writer().expect("writer").expect("free");
    for d in docs {
        writer.add(d).expect("index");
    }
    writer.commit().expect("commit");
    index.reload().expect("reload");
    (dir, index)
}

fn ranked(index: &SearchIndex, docs: &[IndexDocument], query: &str, limit: usize) -> SearchResults {
    let request = SearchRequest {
        query: query.into(),
        limit,
        operator: DefaultOperator::Or,
        ..SearchRequest::default()
    };
    let mut texts = |id: i64, page: u32| text_of(docs, id, page);
    index
        .search(&request, &mut texts)
        .unwrap_or_else(|e| panic!("{query}: {e}"))
}

#[test]
fn a_word_the_query_repeats_weighs_as_often_as_it_is_written() {
    let docs = [
        doc(1, "text", "note", "2020", "alpha gamma"),
        doc(2, "text", "note", "2020", "beta gamma"),
    ];
    let (_dir, index) = index_of(&docs);
    let first = |q: &str| ranked(&index, &docs, q, 2).hits[0].doc;
    assert_eq!(first("alpha beta beta"), 2);
    assert_eq!(first("beta alpha alpha"), 1);
    // Ties go to the lowest id, so only the weight of the repeats puts 2 first.
    assert_eq!(first("What is beta? Is BETA like alpha?"), 2);
}

#[test]
fn totals_and_facets_count_every_match_while_ranking_skips_most() {
    // Far more matches than one block of postings (128), so block-max WAND has blocks to
    // skip; the exact total and the facets must still see every one of them.
    let mut docs: Vec<IndexDocument> = (1..=3000)
        .map(|id| {
            let kind = if id % 3 == 0 { "email" } else { "article" };
            let year = 2000 + id % 5;
            doc(id, kind, "memo", &year.to_string(), "common words here")
        })
        .collect();
    for id in [700, 1900, 2800] {
        docs[id as usize - 1].text = "common and rare words".into();
    }
    let (_dir, index) = index_of(&docs);
    let results = ranked(&index, &docs, "common OR rare", 3);
    let mut top: Vec<i64> = results.hits.iter().map(|h| h.doc).collect();
    top.sort_unstable();
    assert_eq!(
        top,
        [700, 1900, 2800],
        "the entries with both words rank first"
    );
    assert_eq!(results.facets.total, 3000);
    assert_eq!(results.facets.kind["email"], 1000);
    assert_eq!(results.facets.kind["article"], 2000);
    assert_eq!(results.facets.year.values().sum::<u64>(), 3000);
    assert_eq!(results.facets.year[&2003], 600);
    let rare = ranked(&index, &docs, "rare", 10);
    assert_eq!(rare.facets.total, 3);
    assert_eq!(rare.facets.kind.get("email"), None);
    // A prefix scores every match alike and counts them in the same pass.
    let prefix = ranked(&index, &docs, "comm*", 10);
    assert_eq!(prefix.hits.len(), 10);
    assert_eq!(prefix.facets.total, 3000);
    assert_eq!(prefix.facets.kind["email"], 1000);
    assert_eq!(prefix.facets.year[&2003], 600);
    assert_eq!(ranked(&index, &docs, "zzz*", 10).facets.total, 0);
}

#[test]
fn a_document_held_by_two_custodians_counts_under_both() {
    let mut docs = vec![
        doc(1, "email", "memo", "2001", "pipeline capacity"),
        doc(2, "email", "memo", "2001", "pipeline pressure"),
        doc(3, "filing", "brief", "2002", "pipeline"),
        doc(4, "email", "memo", "2001", "unrelated"),
    ];
    docs[0].custodians = vec!["Kenneth Lay".into(), "Jeff Skilling".into()];
    docs[1].custodians = vec!["Kenneth Lay".into()];
    docs[3].custodians = vec!["Jeff Skilling".into()];
    // Three pages, one document: counted once under its custodian.
    docs[2].custodians = vec!["Sample matter".into()];
    docs[2].pages = vec![
        (1, "pipeline".into()),
        (2, "pipeline".into()),
        (3, "pipeline".into()),
    ];
    let (_dir, index) = index_of(&docs);
    let facets = ranked(&index, &docs, "pipeline", 10).facets;
    assert_eq!(facets.total, 3);
    let counts: Vec<(&str, u64)> = facets
        .custodian
        .iter()
        .map(|(k, n)| (k.as_str(), *n))
        .collect();
    assert_eq!(
        counts,
        [
            ("Jeff Skilling", 1),
            ("Kenneth Lay", 2),
            ("Sample matter", 1)
        ],
        "names as recorded; document 1 counts under both of its custodians"
    );

    let held_by = |custodian: &str| {
        let request = SearchRequest {
            query: "pipeline OR unrelated".into(),
            custodian: Some(custodian.into()),
            limit: 10,
            operator: DefaultOperator::Or,
            ..SearchRequest::default()
        };
        let results = index
            .search(&request, &mut |id, page| text_of(&docs, id, page))
            .expect("search");
        let mut found: Vec<i64> = results.hits.iter().map(|h| h.doc).collect();
        found.sort_unstable();
        assert_eq!(results.facets.total, found.len() as u64);
        found
    };
    assert_eq!(held_by("Kenneth Lay"), [1, 2]);
    assert_eq!(held_by("Jeff Skilling"), [1, 4]);
    assert_eq!(held_by("Sample matter"), [3]);
    assert_eq!(
        held_by("kenneth lay"),
        Vec::<i64>::new(),
        "the facet's exact name"
    );
}

#[test]
fn custodian_facets_are_exact_over_many_matches_and_any_plan() {
    let docs: Vec<IndexDocument> = (1..=3000)
        .map(|id| {
            let mut d = doc(id, "email", "memo", "2001", "common words here");
            d.custodians = match id % 3 {
                0 => vec!["A".into(), "B".into()],
                1 => vec!["A".into()],
                _ => vec![],
            };
            d
        })
        .collect();
    let (_dir, index) = index_of(&docs);
    // Pruned ranking with a separate facet pass; one pass for a phrase, a prefix, a fuzzy term
    // and by date, where matches are counted as they are scored.
    for (query, sort) in [
        ("common OR words", SortOrder::Relevance),
        ("\"common words\"", SortOrder::Relevance),
        ("comm*", SortOrder::Relevance),
        ("commn~1", SortOrder::Relevance),
        ("common", SortOrder::Date),
    ] {
        let request = SearchRequest {
            query: query.into(),
            limit: 3,
            sort,
            ..SearchRequest::default()
        };
        let facets = index
            .search(&request, &mut |id, page| text_of(&docs, id, page))
            .expect("search")
            .facets;
        assert_eq!(facets.total, 3000, "{query}");
        assert_eq!(facets.custodian["A"], 2000, "{query}");
        assert_eq!(facets.custodian["B"], 1000, "{query}");
    }
}

/// The schema of version 2, before custodians were kept for facets.
fn schema_version_2() -> tantivy::schema::Schema {
    use tantivy::schema::{
        FAST, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
    };
    let analyzed = || {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(crate::tokenizer::ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let mut b = Schema::builder();
    b.add_u64_field("doc_id", INDEXED | FAST | STORED);
    b.add_u64_field("page", FAST | STORED);
    b.add_u64_field("stamp", FAST);
    b.add_text_field("text", analyzed());
    b.add_text_field("title", analyzed() | STORED);
    b.add_text_field("kind", STRING | FAST | STORED);
    b.add_text_field("tag", STRING | FAST);
    b.add_text_field("from", analyzed());
    b.add_text_field("to", analyzed());
    b.add_text_field("custodian", analyzed());
    b.add_text_field("series", analyzed());
    b.add_i64_field("date", INDEXED | FAST);
    b.add_text_field("date_text", STORED);
    b.build()
}

#[test]
fn an_index_built_before_custodian_facets_is_rebuilt_not_trusted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("index");
    std::fs::create_dir_all(&path).expect("folder");
    {
        // An index as version 2 wrote it: the document is there, but no custodian to count.
        let schema = schema_version_2();
        let old = tantivy::Index::create_in_dir(&path, schema.clone()).expect("old index");
        crate::schema::register_analyzers(&old);
        let mut writer: tantivy::IndexWriter = old.writer(15_000_000).expect("writer");
        let mut entry = tantivy::TantivyDocument::default();
        entry.add_u64(schema.get_field("doc_id").expect("doc_id"), 1);
        entry.add_u64(schema.get_field("page").expect("page"), 0);
        entry.add_u64(schema.get_field("stamp").expect("stamp"), 7);
        entry.add_text(schema.get_field("text").expect("text"), "pipeline");
        entry.add_text(schema.get_field("kind").expect("kind"), "email");
        entry.add_text(
            schema.get_field("custodian").expect("custodian"),
            "Kenneth Lay",
        );
        writer.add_document(entry).expect("add");
        writer.commit().expect("commit");
    }
    let index = SearchIndex::open(&path).expect("open");
    assert_eq!(index.entries(), 0, "the old index was discarded");
    assert!(
        index.indexed().expect("indexed").is_empty(),
        "so a sync indexes every document of the case again"
    );
    assert_ne!(
        crate::stamp("same fingerprint"),
        stamp_of_version(2, "same fingerprint"),
        "and entries stamped by version 2 are stale"
    );

    let mut rebuilt = doc(1, "email", "memo", "2001", "pipeline");
    rebuilt.custodians = vec!["Kenneth Lay".into()];
    let mut writer = index.writer().expect("writer").expect("free");
    writer.upsert(&rebuilt).expect("index");
    writer.commit().expect("commit");
    index.reload().expect("reload");
    let docs = [rebuilt];
    let facets = ranked(&index, &docs, "pipeline", 10).facets;
    assert_eq!(facets.custodian.get("Kenneth Lay"), Some(&1));
}

/// [`crate::stamp`] as schema `version` computed it.
fn stamp_of_version(version: u32, fingerprint: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in version.to_le_bytes().iter().chain(fingerprint.as_bytes()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Issue 18: common words (in, on, the, of, not, to…) are words like any other. Unquoted,
/// they must be in the document; quoted, they must be there in that order.
#[test]
fn common_words_are_searched_like_any_other_word() {
    let docs = [
        doc(
            1,
            "article",
            "Linkwise members say they were opted in to AI training",
            "2024-08-15",
            "Members were opted in to training. The meeting is at noon.",
        ),
        doc(
            2,
            "email",
            "re: consent",
            "2024",
            "The user did not consent to the change.",
        ),
        doc(
            3,
            "email",
            "re: consent",
            "2024",
            "The user did consent to the change.",
        ),
        doc(
            4,
            "memo",
            "Hamlet",
            "1603",
            "To be, or not to be, that is the question.",
        ),
        doc(
            5,
            "memo",
            "settings",
            "2024",
            "Some users opted to leave; privacy of users matters. The setting on the page.",
        ),
    ];
    let (_dir, index) = index_of(&docs);
    let cases: &[(&str, &[i64])] = &[
        ("opted in", &[1]),
        ("the meeting", &[1]),
        ("privacy of users", &[5]),
        ("setting on", &[5]),
        ("\"opted in\"", &[1]),
        ("\"opted to\"", &[5]),
        ("\"did not\"", &[2]),
        ("\"did not consent\"", &[2]),
        ("\"did consent\"", &[3]),
        ("\"to be or not to be\"", &[4]),
        ("\"not to be\"", &[4]),
        ("\"be to\"", &[]),
        // A phrase matches words as the index holds them, stemmed: "opting in" would match
        // "opted in", but a different word in between never does.
        ("\"opting in\"", &[1]),
        ("\"opted training\"", &[]),
        ("\"opted training\"~2", &[1]),
        ("\"opted training\"~1", &[]),
        ("the", &[1, 2, 3, 4, 5]),
        ("not", &[2, 4]),
        ("in OR on", &[1, 5]),
        ("to AND NOT not", &[1, 3, 5]),
        ("consent -\"did not\"", &[3]),
        ("title:\"opted in to\"", &[1]),
        // OR binds before the space: alternatives beside a required word are required too.
        ("opted OR consent change", &[2, 3]),
        ("(not OR not) change", &[2]),
        ("change (not OR not)", &[2]),
        ("(noon OR noon) meeting", &[1]),
        ("(noon OR noon) consent", &[]),
    ];
    for (query, expected) in cases {
        assert_eq!(ids(&index, &docs, query), *expected, "query {query}");
    }
}

#[test]
fn snippets_mark_common_words_a_phrase_matched() {
    let docs = [doc(
        1,
        "email",
        "re: consent",
        "2024",
        "The user did not consent to the change.",
    )];
    let (_dir, index) = index_of(&docs);
    let request = SearchRequest {
        query: "\"did not consent\"".into(),
        limit: 10,
        ..SearchRequest::default()
    };
    let results = index
        .search(&request, &mut |id, page| text_of(&docs, id, page))
        .expect("search");
    let snippet = &results.hits[0].pages[0].snippet;
    assert!(
        snippet.contains("<mark>did</mark> <mark>not</mark> <mark>consent</mark>"),
        "{snippet}"
    );
}
