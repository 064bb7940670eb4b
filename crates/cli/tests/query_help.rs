//! Search on the sample case (`dossier demo`) does what the app says it does: every example
//! of the UI's "Query syntax" help finds documents, a quoted example finds only documents that
//! say those words in that order, and the queries issue 18 found silently empty (any query
//! holding a common word) find exactly the documents that hold their words.
//!
//! What a document "holds" is checked here by scanning its text as `dossier show` prints it,
//! split into words by the index's own analyzer (lowercased, accents folded, stemmed), entry
//! by entry as the index holds them: each page of a paged document, or its whole text, with
//! its title.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::json;
use dossier_search::tokenizer::{analyzer, tokens};
use serde_json::Value;

/// The help's source: its examples are read from here, so the help cannot promise a query
/// that this test does not run.
const QUERY_HELP: &str = "ui/src/screens/search/query-help.tsx";

/// The sample case, built once for all tests of this file.
fn sample_case() -> &'static Path {
    static CASE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, case) = CASE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = dir.path().join("sample");
        let samples = dossier_tests::repo_root().join("samples");
        json(&[&"demo", &case, &"--samples", &samples]);
        (dir, case)
    });
    case
}

/// One index entry of a document: the stems of its words, title apart.
struct Entry {
    text: Vec<String>,
    title: Vec<String>,
}

fn stems(text: &str) -> Vec<String> {
    tokens(&mut analyzer(), text)
        .into_iter()
        .map(|(_, t)| t)
        .collect()
}

/// Every document of the case with its entries, read through `dossier show`.
fn documents(case: &Path) -> &'static Vec<(i64, Vec<Entry>)> {
    static DOCS: OnceLock<Vec<(i64, Vec<Entry>)>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let list = json(&[&"docs", &case]);
        let mut docs = Vec::new();
        for d in list.as_array().expect("docs is a list") {
            let id = d["id"].as_i64().expect("id");
            let shown = json(&[&"show", &case, &id.to_string()]);
            let title = stems(shown["title"].as_str().unwrap_or_default());
            let pages: Vec<&str> = shown["pages"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| p["text"].as_str())
                .collect();
            let texts = if pages.is_empty() {
                vec![shown["text"].as_str().unwrap_or_default()]
            } else {
                pages
            };
            let entries = texts
                .into_iter()
                .map(|t| Entry {
                    text: stems(t),
                    title: title.clone(),
                })
                .collect();
            docs.push((id, entries));
        }
        docs
    })
}

/// The documents with an entry holding every word of `words`, anywhere.
fn holding_all(case: &Path, words: &str) -> BTreeSet<i64> {
    let wanted = stems(words);
    documents(case)
        .iter()
        .filter(|(_, entries)| {
            entries.iter().any(|e| {
                wanted
                    .iter()
                    .all(|w| e.text.contains(w) || e.title.contains(w))
            })
        })
        .map(|(id, _)| *id)
        .collect()
}

/// The documents with an entry saying `phrase`'s words consecutively, in order.
fn saying(case: &Path, phrase: &str) -> BTreeSet<i64> {
    let wanted = stems(phrase);
    let within = |seq: &[String]| seq.windows(wanted.len()).any(|w| w == wanted.as_slice());
    documents(case)
        .iter()
        .filter(|(_, entries)| entries.iter().any(|e| within(&e.text) || within(&e.title)))
        .map(|(id, _)| *id)
        .collect()
}

/// The documents `query` finds (all of them: the sample case has far fewer than 1000).
fn found(case: &Path, query: &str) -> BTreeSet<i64> {
    let v: Value = json(&[&"search", &case, &query, &"--limit", &"1000"]);
    let ids: BTreeSet<i64> = v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["doc"].as_i64().expect("doc"))
        .collect();
    assert_eq!(
        v["total"].as_u64(),
        Some(ids.len() as u64),
        "{query}: total"
    );
    ids
}

/// The first string literal of a line of TypeScript, in single or double quotes.
fn first_string_literal(line: &str) -> Option<String> {
    let start = line.find(['"', '\''])?;
    let quote = line[start..].chars().next()?;
    let mut out = String::new();
    let mut chars = line[start + 1..].chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?),
            c if c == quote => return Some(out),
            c => out.push(c),
        }
    }
    None
}

/// The queries of the help's `EXAMPLES` table, one per line of the source.
fn help_examples() -> Vec<String> {
    let path = dossier_tests::repo_root().join(QUERY_HELP);
    let source =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let table = source
        .split_once("const EXAMPLES")
        .and_then(|(_, rest)| rest.split_once("];"))
        .map(|(table, _)| table)
        .expect("the help has a const EXAMPLES table");
    table
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('['))
        .filter_map(first_string_literal)
        .collect()
}

#[test]
fn every_example_in_the_query_syntax_help_finds_documents_in_the_sample_case() {
    let case = sample_case();
    let examples = help_examples();
    assert!(examples.len() >= 10, "examples read: {examples:?}");
    for query in &examples {
        let hits = found(case, query);
        assert!(!hits.is_empty(), "the help's example {query} finds nothing");
        // A quoted example finds exactly the documents that say it.
        if let Some(phrase) = query.strip_prefix('"').and_then(|q| q.strip_suffix('"')) {
            assert_eq!(hits, saying(case, phrase), "{query}");
        }
    }
}

#[test]
fn unquoted_words_common_or_not_find_every_document_holding_them_all() {
    let case = sample_case();
    // Each of these found nothing while common words were dropped from the index.
    for query in [
        "opted in",
        "setting on",
        "privacy of",
        "the",
        "not",
        "of the",
    ] {
        let hits = found(case, query);
        assert!(!hits.is_empty(), "{query} finds nothing");
        assert_eq!(hits, holding_all(case, query), "{query}");
    }
    // The sample matter never says "meeting" or "users": these find nothing because no
    // document holds the rarer word, not because of the common one.
    for (query, absent) in [("the meeting", "meeting"), ("privacy of users", "users")] {
        assert_eq!(found(case, query), holding_all(case, query), "{query}");
        assert!(holding_all(case, absent).is_empty(), "{absent}");
    }
    let headline = found(case, "opted in");
    let articles: Vec<i64> = headline
        .iter()
        .copied()
        .filter(|id| {
            json(&[&"show", &case, &id.to_string()])["title"]
                .as_str()
                .is_some_and(|t| t.contains("opted in to AI training"))
        })
        .collect();
    assert!(
        !articles.is_empty(),
        "the article headlined \"…opted in to AI training…\" is among the hits of opted in"
    );
}

#[test]
fn a_quoted_phrase_matches_its_common_words_in_place_and_never_others() {
    let case = sample_case();
    let did_not = found(case, "\"did not\"");
    assert!(
        !did_not.is_empty(),
        "\"did not\" finds the documents that say it"
    );
    assert_eq!(did_not, saying(case, "did not"));

    // "opted to" and "opted in" were the same query when common words were wildcards.
    let opted_in = found(case, "\"opted in\"");
    let opted_to = found(case, "\"opted to\"");
    assert!(!opted_in.is_empty());
    assert_eq!(opted_in, saying(case, "opted in"));
    assert_eq!(opted_to, saying(case, "opted to"));
    assert_ne!(opted_in, opted_to);

    for phrase in [
        "\"did not say\"",
        "\"the setting on\"",
        "\"opted in to AI training\"",
    ] {
        let words = phrase.trim_matches('"');
        let hits = found(case, phrase);
        assert!(!hits.is_empty(), "{phrase}");
        assert_eq!(hits, saying(case, words), "{phrase}");
    }
    // The same words in another order are another phrase.
    assert_eq!(found(case, "\"not did\""), saying(case, "not did"));
}

#[test]
fn a_query_with_nothing_to_search_for_says_so() {
    let case = sample_case();
    let out = common::dossier(&[&"search", &case, &"linkwise \"--\"", &"--json"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a query part without words is refused"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("holds no word to search for"), "{stderr}");
}
