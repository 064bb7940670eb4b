//! Retrieval quality: MAP and nDCG@10 on Cranfield and CISI, for Dossier's search (tantivy,
//! our analyzer, BM25) and for SQLite FTS5's bm25 (two tokenizers), on the same documents and
//! queries, in one run. Queries are the collections' natural-language questions, reduced to
//! their words and combined with OR on both sides; the top 1000 documents are ranked.
//!
//! Run: `cargo bench -p dossier-search --bench search_quality`

mod ir;

use std::collections::HashMap;

use dossier_search::{DefaultOperator, IndexDocument, SearchIndex, SearchRequest};
use ir::{Collection, average_precision, ndcg, plain_words};

const DEPTH: usize = 1000;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(corpus) = ir::corpus() else {
        println!("SKIPPED: the shared corpus is absent (set DOSSIER_CORPUS)");
        return Ok(());
    };
    let collections = [ir::cranfield(&corpus)?, ir::cisi(&corpus)?];
    println!("| collection | queries | system | MAP | nDCG@10 |");
    println!("|---|---|---|---|---|");
    for c in &collections {
        let judged: Vec<&(String, String)> = c
            .queries
            .iter()
            .filter(|(q, _)| c.qrels.contains_key(q))
            .collect();
        let runs: Vec<(&str, HashMap<String, Vec<i64>>)> = vec![
            ("Dossier (tantivy)", dossier_runs(c, &judged)?),
            (
                "FTS5 bm25, unicode61",
                fts5_runs(c, &judged, "unicode61 remove_diacritics 2")?,
            ),
            (
                "FTS5 bm25, porter",
                fts5_runs(c, &judged, "porter unicode61 remove_diacritics 2")?,
            ),
        ];
        for (name, run) in runs {
            let (mut map, mut nd) = (0.0, 0.0);
            for (q, _) in &judged {
                let ranking = run.get(q).map(Vec::as_slice).unwrap_or_default();
                let rel = &c.qrels[q];
                map += average_precision(ranking, rel);
                nd += ndcg(ranking, rel, 10);
            }
            let n = judged.len() as f64;
            println!(
                "| {} | {} | {} | {:.4} | {:.4} |",
                c.name,
                judged.len(),
                name,
                map / n,
                nd / n
            );
        }
    }
    Ok(())
}

fn dossier_runs(
    c: &Collection,
    queries: &[&(String, String)],
) -> Result<HashMap<String, Vec<i64>>, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let index = SearchIndex::open(&dir.path().join("index"))?;
    let mut writer = index.writer()?.ok_or("index busy")?;
    for (id, title, body) in &c.docs {
        writer.add(&IndexDocument {
            id: *id,
            kind: "text".into(),
            title: Some(title.clone()),
            text: body.clone(),
            ..IndexDocument::default()
        })?;
    }
    writer.finish()?;
    index.reload()?;
    let mut runs = HashMap::new();
    for (q, text) in queries {
        let request = SearchRequest {
            query: plain_words(text).join(" "),
            limit: DEPTH,
            operator: DefaultOperator::Or,
            pages_per_hit: 1,
            ..SearchRequest::default()
        };
        let results = index.search(&request, &mut |_, _| None)?;
        runs.insert(q.clone(), results.hits.iter().map(|h| h.doc).collect());
    }
    Ok(runs)
}

fn fts5_runs(
    c: &Collection,
    queries: &[&(String, String)],
    tokenizer: &str,
) -> Result<HashMap<String, Vec<i64>>, Box<dyn std::error::Error>> {
    let db = rusqlite::Connection::open_in_memory()?;
    db.execute_batch(&format!(
        "CREATE VIRTUAL TABLE d USING fts5(title, body, tokenize = '{tokenizer}');"
    ))?;
    {
        let tx = db.unchecked_transaction()?;
        let mut insert = tx.prepare("INSERT INTO d (rowid, title, body) VALUES (?1, ?2, ?3)")?;
        for (id, title, body) in &c.docs {
            insert.execute(rusqlite::params![id, title, body])?;
        }
        drop(insert);
        tx.commit()?;
    }
    let mut stmt = db.prepare("SELECT rowid FROM d WHERE d MATCH ?1 ORDER BY bm25(d) LIMIT ?2")?;
    let mut runs = HashMap::new();
    for (q, text) in queries {
        let words = plain_words(text);
        if words.is_empty() {
            continue;
        }
        let expr = words
            .iter()
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" OR ");
        let ids = stmt
            .query_map(rusqlite::params![expr, DEPTH as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        runs.insert(q.clone(), ids);
    }
    Ok(runs)
}
