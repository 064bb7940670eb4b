//! Search exactness: the documents a query finds against a brute-force scan of the text.
//!
//! Why: in evidence work a search that finds nothing is read as "no document says this", so
//! the set of documents a query returns must be exactly the set whose text says it. This
//! ingests the Enron mail of the shared corpus into a case, generates queries from its own
//! text (single common and rare words, unquoted pairs and triples holding common words,
//! quoted phrases holding common words, near-miss phrases with one common word swapped,
//! boolean AND/OR/NOT combinations), runs each through the search index, and compares the
//! documents found with a scan of the text SQLite holds (`Case::search_feed`, what the index
//! is built from), tokenised by the index's own analyzer. The scan knows nothing of the
//! index: it checks word sets and word sequences entry by entry (an index entry is a page,
//! or a whole document without pages, with its title), as the query language defines them.
//!
//! `dossier-eval exactness [CASE] [--queries N] [--seed S]`: CASE is reused when it exists
//! (built otherwise; a temporary case when none is named). `--via DOSSIER` runs the queries
//! through another build's `dossier search` on a CASE that build made, comparing totals: how
//! an earlier version (one that dropped common words) measured.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use dossier_extract::Registry;
use dossier_ingest::{IngestOptions, ingest};
use dossier_search::tokenizer::{analyzer, analyzer_unstemmed, tokens};
use dossier_search::{INDEX_DIR, SearchIndex, SearchRequest};
use dossier_store::{Case, CaseOptions};
use tantivy::tokenizer::TextAnalyzer;

/// Words generated queries lean on: the ones a stop-word list would drop.
const COMMON: &[&str] = &[
    "the", "in", "on", "of", "to", "a", "and", "not", "is", "at", "by", "for", "be", "or", "it",
    "this", "that", "with", "as", "no", "did", "was", "will", "have", "from", "we", "you", "i",
    "if", "but", "are", "an",
];

/// A generated query, as the brute-force scan reads it.
#[derive(Clone, Debug)]
enum Query {
    /// A bare word (its surface form, lowercased and folded).
    Word(String),
    /// A quoted phrase of consecutive words.
    Phrase(Vec<String>),
    /// Every part (written with spaces or `AND`).
    All(Vec<Query>, bool),
    /// Any part (`OR`).
    Any(Vec<Query>),
    /// The first without the second (`-x` or `AND NOT x`).
    Without(Box<Query>, Box<Query>, bool),
}

impl Query {
    /// The query as a user types it.
    fn text(&self) -> String {
        match self {
            Query::Word(w) => w.clone(),
            Query::Phrase(ws) => format!("\"{}\"", ws.join(" ")),
            Query::All(parts, with_and) => parts
                .iter()
                .map(Query::grouped)
                .collect::<Vec<_>>()
                .join(if *with_and { " AND " } else { " " }),
            Query::Any(parts) => parts
                .iter()
                .map(Query::grouped)
                .collect::<Vec<_>>()
                .join(" OR "),
            Query::Without(a, b, with_not) => {
                if *with_not {
                    format!("{} AND NOT {}", a.grouped(), b.grouped())
                } else {
                    format!("{} -{}", a.grouped(), b.grouped())
                }
            }
        }
    }

    fn grouped(&self) -> String {
        match self {
            Query::Word(_) | Query::Phrase(_) => self.text(),
            _ => format!("({})", self.text()),
        }
    }
}

/// One index entry as the scan sees it: the stems of its text and of its title, in order.
struct Entry {
    doc: i64,
    text: Vec<String>,
    title: Vec<String>,
    words: HashSet<String>,
}

impl Entry {
    fn has_sequence(&self, stems: &[String]) -> bool {
        let within = |seq: &[String]| seq.windows(stems.len()).any(|w| w == stems);
        !stems.is_empty() && (within(&self.text) || within(&self.title))
    }
}

/// Stems a query's word exactly as the index's analyzer does.
struct Stemmer {
    analyzer: TextAnalyzer,
}

impl Stemmer {
    fn stem(&mut self, word: &str) -> String {
        let toks = tokens(&mut self.analyzer, word);
        assert_eq!(toks.len(), 1, "{word:?} is one word");
        toks.into_iter().next().map(|(_, t)| t).unwrap_or_default()
    }

    fn stems(&mut self, words: &[String]) -> Vec<String> {
        words.iter().map(|w| self.stem(w)).collect()
    }
}

/// Whether the scan finds `query` in `entry`.
fn scan(query: &Query, entry: &Entry, stemmer: &mut Stemmer) -> bool {
    match query {
        Query::Word(w) => entry.words.contains(&stemmer.stem(w)),
        Query::Phrase(ws) => entry.has_sequence(&stemmer.stems(ws)),
        Query::All(parts, _) => parts.iter().all(|q| scan(q, entry, stemmer)),
        Query::Any(parts) => parts.iter().any(|q| scan(q, entry, stemmer)),
        Query::Without(a, b, _) => scan(a, entry, stemmer) && !scan(b, entry, stemmer),
    }
}

/// A small seeded generator (SplitMix64), so a seed gives the same queries on any machine.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The case's text as the scan and the generator need it.
struct Corpus {
    entries: Vec<Entry>,
    /// Each entry's text as surface words (lowercased, folded, unstemmed), for generating.
    surfaces: Vec<Vec<String>>,
    /// Words of three letters or more found in one to three entries, sorted.
    rare: Vec<String>,
    /// The common words the text holds.
    common: Vec<String>,
}

fn read_corpus(case: &Case) -> Result<Corpus> {
    let mut stemmed = analyzer();
    let mut unstemmed = analyzer_unstemmed();
    let ids: Vec<i64> = case
        .search_fingerprints()?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let mut entries = Vec::new();
    let mut surfaces = Vec::new();
    for chunk in ids.chunks(256) {
        for doc in case.search_feed(chunk)? {
            let title = doc.title.as_deref().unwrap_or_default();
            let title_stems: Vec<String> = tokens(&mut stemmed, title)
                .into_iter()
                .map(|(_, t)| t)
                .collect();
            let parts: Vec<String> = if doc.pages.is_empty() {
                vec![doc.text]
            } else {
                doc.pages.into_iter().map(|(_, t)| t).collect()
            };
            for text in parts {
                let stems: Vec<String> = tokens(&mut stemmed, &text)
                    .into_iter()
                    .map(|(_, t)| t)
                    .collect();
                let words: Vec<String> = tokens(&mut unstemmed, &text)
                    .into_iter()
                    .map(|(_, t)| t)
                    .collect();
                assert_eq!(
                    stems.len(),
                    words.len(),
                    "both analyzers keep the same words"
                );
                let set = stems.iter().chain(&title_stems).cloned().collect();
                entries.push(Entry {
                    doc: doc.id,
                    text: stems,
                    title: title_stems.clone(),
                    words: set,
                });
                surfaces.push(words);
            }
        }
    }
    let mut entry_count: HashMap<&str, usize> = HashMap::new();
    for words in &surfaces {
        let distinct: HashSet<&str> = words.iter().map(String::as_str).collect();
        for w in distinct {
            *entry_count.entry(w).or_default() += 1;
        }
    }
    let mut rare: Vec<String> = entry_count
        .iter()
        .filter(|(w, n)| **n <= 3 && w.len() >= 3 && w.chars().all(char::is_alphabetic))
        .map(|(w, _)| (*w).to_owned())
        .collect();
    rare.sort_unstable();
    let common = COMMON
        .iter()
        .filter(|w| entry_count.contains_key(**w))
        .map(|w| (*w).to_owned())
        .collect();
    Ok(Corpus {
        entries,
        surfaces,
        rare,
        common,
    })
}

/// `len` consecutive words of some entry's text, holding at least one common word.
fn window_with_common(corpus: &Corpus, random: &mut Random, len: usize) -> Vec<String> {
    loop {
        let words = random.pick(&corpus.surfaces);
        if words.len() < len {
            continue;
        }
        let at = random.below(words.len() - len + 1);
        let window = &words[at..at + len];
        if window.iter().any(|w| corpus.common.contains(w)) {
            return window.to_vec();
        }
    }
}

/// A word for a boolean query: common or rare, or any word of the text.
fn some_word(corpus: &Corpus, random: &mut Random) -> Query {
    Query::Word(match random.below(3) {
        0 => random.pick(&corpus.common).clone(),
        1 => random.pick(&corpus.rare).clone(),
        _ => loop {
            let words = random.pick(&corpus.surfaces);
            if !words.is_empty() {
                break random.pick(words).clone();
            }
        },
    })
}

fn words(ws: Vec<String>) -> Query {
    Query::All(ws.into_iter().map(Query::Word).collect(), false)
}

/// `count` queries of each kind, in proportions that add up to `total`.
fn generate(corpus: &Corpus, total: usize, seed: u64) -> Vec<(&'static str, Query)> {
    let mut random = Random(seed);
    let r = &mut random;
    let share = |n: usize| total * n / 20;
    let mut out: Vec<(&'static str, Query)> = Vec::new();
    for _ in 0..share(2) {
        out.push(("common word", Query::Word(r.pick(&corpus.common).clone())));
    }
    for _ in 0..share(2) {
        out.push(("rare word", Query::Word(r.pick(&corpus.rare).clone())));
    }
    for i in 0..share(2) {
        let ws = if i % 2 == 0 {
            window_with_common(corpus, r, 2)
        } else {
            let w = some_word(corpus, r).text();
            vec![r.pick(&corpus.common).clone(), w]
        };
        out.push(("unquoted pair", words(ws)));
    }
    for i in 0..share(2) {
        let ws = if i % 2 == 0 {
            window_with_common(corpus, r, 3)
        } else {
            let (a, b) = (some_word(corpus, r).text(), some_word(corpus, r).text());
            vec![a, r.pick(&corpus.common).clone(), b]
        };
        out.push(("unquoted triple", words(ws)));
    }
    for _ in 0..share(4) {
        let len = 2 + r.below(4);
        let phrase = window_with_common(corpus, r, len);
        out.push(("phrase", Query::Phrase(phrase)));
    }
    for _ in 0..share(3) {
        // A phrase of the text with one common word swapped for another: "opted in" found,
        // "opted to" asked. Only documents that really say the swapped phrase may match.
        let len = 2 + r.below(3);
        let mut ws = window_with_common(corpus, r, len);
        let slots: Vec<usize> = (0..ws.len())
            .filter(|i| corpus.common.contains(&ws[*i]))
            .collect();
        let slot = *r.pick(&slots);
        let other = loop {
            let w = r.pick(&corpus.common);
            if *w != ws[slot] {
                break w.clone();
            }
        };
        ws[slot] = other;
        out.push(("near-miss phrase", Query::Phrase(ws)));
    }
    while out.len() < total {
        let phrase = |r: &mut Random| Query::Phrase(window_with_common(corpus, r, 2));
        let q = match r.below(6) {
            0 => Query::All(vec![some_word(corpus, r), some_word(corpus, r)], true),
            1 => Query::Any(vec![some_word(corpus, r), some_word(corpus, r)]),
            2 => Query::Without(
                Box::new(some_word(corpus, r)),
                Box::new(some_word(corpus, r)),
                r.below(2) == 0,
            ),
            3 => Query::Without(Box::new(some_word(corpus, r)), Box::new(phrase(r)), true),
            4 => Query::All(
                vec![
                    Query::Any(vec![some_word(corpus, r), some_word(corpus, r)]),
                    some_word(corpus, r),
                ],
                false,
            ),
            _ => Query::Any(vec![phrase(r), some_word(corpus, r)]),
        };
        out.push(("boolean", q));
    }
    out
}

/// Builds the case of the Enron folder at `root` unless it exists, and brings its index up
/// to date.
fn enron_case(corpus: &Path, root: &Path) -> Result<Case> {
    let case = if root.exists() {
        Case::open(root, CaseOptions::default())?
    } else {
        let mut case = Case::init(root, CaseOptions::default())?;
        let lock = case.writer_lock()?;
        let started = Instant::now();
        let report = ingest(
            &mut case,
            &[corpus.join("emails/enron")],
            &IngestOptions::default(),
            &Registry::standard(),
            &|_| {},
        )?;
        drop(lock);
        println!(
            "ingested {} documents from emails/enron in {:.1} s",
            report.documents.len(),
            started.elapsed().as_secs_f64()
        );
        case
    };
    let index = SearchIndex::open(&root.join(INDEX_DIR))?;
    {
        let _lock = case.writer_lock()?;
        let synced = dossier_search::sync(&case, &index)?;
        if synced.indexed > 0 {
            println!("indexed {} documents", synced.indexed);
        }
    }
    Ok(case)
}

/// Bytes of the files under `dir`.
pub fn folder_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => folder_bytes(&e.path()),
            _ => e.metadata().map_or(0, |m| m.len()),
        })
        .sum()
}

/// Where the documents a query finds come from.
enum Engine {
    /// This build's search index, opened in process: the whole set of documents.
    InProcess(Box<SearchIndex>),
    /// Another build's `dossier search --json` (an earlier version, on a case it built and
    /// indexed itself): only the total it reports, as the CLI lists at most 1000 hits.
    Binary(std::path::PathBuf),
}

impl Engine {
    /// The documents found (when known) and how many.
    fn run(&self, root: &Path, query: &str, limit: usize) -> Result<(Option<BTreeSet<i64>>, u64)> {
        match self {
            Engine::InProcess(index) => {
                let request = SearchRequest {
                    query: query.to_owned(),
                    limit,
                    ..SearchRequest::default()
                };
                let results = index.search(&request, &mut |_, _| None)?;
                let found: BTreeSet<i64> = results.hits.iter().map(|h| h.doc).collect();
                let n = found.len() as u64;
                Ok((Some(found), n))
            }
            Engine::Binary(bin) => {
                let out = std::process::Command::new(bin)
                    .arg("search")
                    .arg(root)
                    .arg(query)
                    .args(["--json", "--limit", "1"])
                    .output()
                    .with_context(|| bin.display().to_string())?;
                if !out.status.success() {
                    anyhow::bail!("{}", String::from_utf8_lossy(&out.stderr).trim());
                }
                let v: serde_json::Value = serde_json::from_slice(&out.stdout)?;
                Ok((None, v["total"].as_u64().context("a total")?))
            }
        }
    }
}

/// Runs the comparison; prints a table and every disagreement. With `via`, the queries run
/// through that `dossier` binary on CASE as it stands (built and indexed by that binary).
pub fn run(
    corpus: &Path,
    case_dir: Option<&Path>,
    total: usize,
    seed: u64,
    via: Option<&Path>,
) -> Result<()> {
    let temp = tempfile::tempdir()?;
    let root = case_dir.map_or_else(|| temp.path().join("enron"), Path::to_path_buf);
    let (case, engine) = match via {
        Some(bin) => (
            Case::open(&root, CaseOptions::default()).with_context(|| {
                format!("{}: build the case with {}", root.display(), bin.display())
            })?,
            Engine::Binary(bin.to_path_buf()),
        ),
        None => {
            let case = enron_case(corpus, &root)?;
            let index = SearchIndex::open(&root.join(INDEX_DIR)).context("opening the index")?;
            (case, Engine::InProcess(Box::new(index)))
        }
    };
    let text = read_corpus(&case)?;
    let documents: BTreeSet<i64> = text.entries.iter().map(|e| e.doc).collect();
    println!(
        "search exactness on emails/enron: {} documents, {} index entries, index {:.1} MB{}",
        documents.len(),
        text.entries.len(),
        folder_bytes(&root.join(INDEX_DIR)) as f64 / 1e6,
        via.map(|b| format!(", through {} (totals only)", b.display()))
            .unwrap_or_default()
    );
    let queries = generate(&text, total, seed);
    let mut stemmer = Stemmer {
        analyzer: analyzer(),
    };
    let mut by_kind: Vec<(&str, usize, usize, usize)> = Vec::new();
    let mut disagreements = Vec::new();
    for (kind, query) in &queries {
        let expected: BTreeSet<i64> = text
            .entries
            .iter()
            .filter(|e| scan(query, e, &mut stemmer))
            .map(|e| e.doc)
            .collect();
        let (found, count) = match engine.run(&root, &query.text(), documents.len().max(1)) {
            Ok(found) => found,
            Err(e) => {
                disagreements.push(format!("{}: error {e}", query.text()));
                (None, u64::MAX)
            }
        };
        let row = match by_kind.iter_mut().find(|r| r.0 == *kind) {
            Some(row) => row,
            None => {
                by_kind.push((kind, 0, 0, 0));
                by_kind.last_mut().expect("just pushed")
            }
        };
        row.1 += 1;
        row.3 += usize::from(!expected.is_empty());
        let agrees = match &found {
            Some(found) => *found == expected,
            None => count == expected.len() as u64,
        };
        if !agrees {
            row.2 += 1;
            let detail = match &found {
                Some(found) => format!(
                    "; missed {:?}, extra {:?}",
                    expected.difference(found).take(5).collect::<Vec<_>>(),
                    found.difference(&expected).take(5).collect::<Vec<_>>()
                ),
                None => String::new(),
            };
            if count != u64::MAX {
                disagreements.push(format!(
                    "{}: scan {} documents, search {count}{detail}",
                    query.text(),
                    expected.len(),
                ));
            }
        }
    }
    println!(
        "  {:<18} {:>7} {:>9} {:>13}",
        "kind", "queries", "with hits", "disagreements"
    );
    for (kind, n, wrong, with_hits) in &by_kind {
        println!("  {kind:<18} {n:>7} {with_hits:>9} {wrong:>13}");
    }
    println!(
        "  {:<18} {:>7} {:>9} {:>13}  (goal 0)",
        "all",
        queries.len(),
        by_kind.iter().map(|r| r.3).sum::<usize>(),
        disagreements.len()
    );
    for d in &disagreements {
        println!("  disagreement: {d}");
    }
    if std::env::var_os("DOSSIER_EXACTNESS_LIST").is_some() {
        for (kind, q) in &queries {
            println!("  {kind:<18} {}", q.text());
        }
    }
    Ok(())
}
