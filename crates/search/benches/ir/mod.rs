//! Shared by the benchmarks: reading the IR test collections, an FTS5 peer, and
//! a plain query from free text.

#![allow(dead_code)]

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// A test collection: documents, queries and graded judgments.
pub struct Collection {
    /// Its name.
    pub name: &'static str,
    /// (id, title, body).
    pub docs: Vec<(i64, String, String)>,
    /// (query id, text).
    pub queries: Vec<(String, String)>,
    /// query id → (doc id → gain > 0).
    pub qrels: HashMap<String, HashMap<i64, f64>>,
}

/// The shared corpus folder.
pub fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("DOSSIER_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
        });
    dir.join("MANIFEST.md").is_file().then_some(dir)
}

/// Splits a SMART-format file (`.I n` then `.X` sections) into records of (id, field → text).
fn smart_records(text: &str) -> Vec<(String, HashMap<char, String>)> {
    let mut out: Vec<(String, HashMap<char, String>)> = Vec::new();
    let mut field = ' ';
    for line in text.lines() {
        if let Some(id) = line.strip_prefix(".I ") {
            out.push((id.trim().to_owned(), HashMap::new()));
            field = ' ';
        } else if line.len() == 2 && line.starts_with('.') {
            field = line.chars().nth(1).unwrap_or(' ');
        } else if let Some((_, fields)) = out.last_mut() {
            let entry = fields.entry(field).or_default();
            entry.push_str(line);
            entry.push('\n');
        }
    }
    out
}

/// Cranfield 1400 (queries renumbered 1…225 as in cranqrel; gains 5 − code, −1 → 0).
pub fn cranfield(corpus: &Path) -> std::io::Result<Collection> {
    let dir = corpus.join("ir/cranfield");
    let docs = smart_records(&fs::read_to_string(dir.join("cran.all.1400"))?)
        .into_iter()
        .filter_map(|(id, f)| {
            Some((
                id.parse().ok()?,
                f.get(&'T').cloned().unwrap_or_default(),
                f.get(&'W').cloned().unwrap_or_default(),
            ))
        })
        .collect();
    let mut queries = Vec::new();
    for line in fs::read_to_string(dir.join("cran.qry.tsv"))?
        .lines()
        .skip(1)
    {
        let mut cols = line.splitn(3, '\t');
        if let (Some(q), Some(_), Some(text)) = (cols.next(), cols.next(), cols.next()) {
            queries.push((q.to_owned(), text.to_owned()));
        }
    }
    let mut qrels: HashMap<String, HashMap<i64, f64>> = HashMap::new();
    for line in fs::read_to_string(dir.join("cranqrel.trec.txt"))?.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if let [q, _, d, g] = cols[..]
            && let (Ok(d), Ok(g)) = (d.parse::<i64>(), g.parse::<f64>())
            && g > 0.0
        {
            qrels.entry(q.to_owned()).or_default().insert(d, g);
        }
    }
    Ok(Collection {
        name: "Cranfield",
        docs,
        queries,
        qrels,
    })
}

/// CISI (binary judgments; queries without judgments are left out of the means).
pub fn cisi(corpus: &Path) -> std::io::Result<Collection> {
    let dir = corpus.join("ir/cisi");
    let docs = smart_records(&fs::read_to_string(dir.join("CISI.ALL"))?)
        .into_iter()
        .filter_map(|(id, f)| {
            Some((
                id.parse().ok()?,
                f.get(&'T').cloned().unwrap_or_default(),
                f.get(&'W').cloned().unwrap_or_default(),
            ))
        })
        .collect();
    let queries = smart_records(&fs::read_to_string(dir.join("CISI.QRY"))?)
        .into_iter()
        .map(|(id, f)| (id, f.get(&'W').cloned().unwrap_or_default()))
        .collect();
    let mut qrels: HashMap<String, HashMap<i64, f64>> = HashMap::new();
    for line in fs::read_to_string(dir.join("CISI.REL"))?.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if let [q, d, ..] = cols[..]
            && let Ok(d) = d.parse::<i64>()
        {
            qrels.entry(q.to_owned()).or_default().insert(d, 1.0);
        }
    }
    Ok(Collection {
        name: "CISI",
        docs,
        queries,
        qrels,
    })
}

/// The words of free text, lowercased (so `AND`/`OR` in a question are words, not operators).
pub fn plain_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Average precision of a ranking against the relevant documents.
pub fn average_precision(ranking: &[i64], relevant: &HashMap<i64, f64>) -> f64 {
    if relevant.is_empty() {
        return 0.0;
    }
    let (mut hits, mut sum) = (0.0, 0.0);
    for (i, d) in ranking.iter().enumerate() {
        if relevant.contains_key(d) {
            hits += 1.0;
            sum += hits / (i as f64 + 1.0);
        }
    }
    sum / relevant.len() as f64
}

/// nDCG at `k` with graded gains (exponential gain 2^g − 1, log2 discount).
pub fn ndcg(ranking: &[i64], gains: &HashMap<i64, f64>, k: usize) -> f64 {
    let dcg = |g: &mut dyn Iterator<Item = f64>| {
        g.take(k)
            .enumerate()
            .map(|(i, g)| (2f64.powf(g) - 1.0) / (i as f64 + 2.0).log2())
            .sum::<f64>()
    };
    let actual = dcg(&mut ranking.iter().map(|d| gains.get(d).copied().unwrap_or(0.0)));
    let mut ideal: Vec<f64> = gains.values().copied().collect();
    ideal.sort_by(|a, b| b.total_cmp(a));
    let best = dcg(&mut ideal.into_iter());
    if best == 0.0 { 0.0 } else { actual / best }
}
