//! The query language and result shape, on a small index built in a temporary folder.

use crate::{DefaultOperator, IndexDocument, SearchIndex, SearchRequest, SortOrder};

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
    docs[1].tags = vec!["Hot".into()];
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

fn ids(index: &SearchIndex, docs: &[IndexDocument], query: &str) -> Vec<i64> {
    let request = SearchRequest {
        query: query.into(),
        limit: 10,
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
