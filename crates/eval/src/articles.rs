//! Article quality: token F1 against each suite's ground truth, snippets, dates.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use dossier_extract::{Extraction, Extractor, Hints, HtmlExtractor, normalize_date};
use serde_json::Value;

use crate::score::{median_mean, read_csv, token_f1};

/// One page of the article corpus with what its suite says it should give.
pub struct Page {
    /// `readability`, `scrapinghub` or `trafilatura`.
    pub suite: &'static str,
    /// The page's file.
    pub path: PathBuf,
    /// The expected main text (readability, scrapinghub).
    pub expected_text: Option<String>,
    /// Snippets that must / must not be in the text (trafilatura).
    pub with: Vec<String>,
    /// Boilerplate that must not be in the text.
    pub without: Vec<String>,
    /// The published date (YYYY-MM-DD) per the ground truth, if it has one.
    pub published: Option<String>,
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a
            .iter()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect(),
        Value::String(s) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn day(raw: &str) -> Option<String> {
    normalize_date(raw).map(|d| d.chars().take(10).collect())
}

/// Every page of the three suites.
pub fn load(corpus: &Path) -> Result<Vec<Page>> {
    let dir = corpus.join("articles");
    let index = std::fs::read_to_string(dir.join("index.csv")).context("articles/index.csv")?;
    let aeb: Value = serde_json::from_str(&std::fs::read_to_string(
        dir.join("article-extraction-benchmark/ground-truth.json"),
    )?)?;
    let traf: Value = serde_json::from_str(&std::fs::read_to_string(
        dir.join("trafilatura-eval/evaldata.json"),
    )?)?;
    let traf_by_file: HashMap<String, &Value> = traf
        .as_object()
        .map(|o| {
            o.values()
                .filter_map(|v| Some((v.get("file")?.as_str()?.to_owned(), v)))
                .collect()
        })
        .unwrap_or_default();
    let mut pages = Vec::new();
    for row in read_csv(&index) {
        let file = &row["file"];
        let path = dir.join(file);
        let published = row.get("published").and_then(|p| day(p));
        let page = if file.starts_with("readability/") {
            let expected = path.with_file_name("expected.html");
            let html = std::fs::read_to_string(&expected).unwrap_or_default();
            let doc = dom_query::Document::from(html.as_str());
            Page {
                suite: "readability",
                expected_text: Some(doc.select("body").text().to_string()),
                with: Vec::new(),
                without: Vec::new(),
                published,
                path,
            }
        } else if file.starts_with("article-extraction-benchmark/") {
            let id = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            Page {
                suite: "scrapinghub",
                expected_text: aeb[id]["articleBody"].as_str().map(str::to_owned),
                with: Vec::new(),
                without: Vec::new(),
                published,
                path,
            }
        } else {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let truth = traf_by_file.get(name);
            Page {
                suite: "trafilatura",
                expected_text: None,
                with: truth.map(|t| strings(&t["with"])).unwrap_or_default(),
                without: truth.map(|t| strings(&t["without"])).unwrap_or_default(),
                published: truth
                    .and_then(|t| t["date"].as_str())
                    .and_then(day)
                    .or(published),
                path,
            }
        };
        pages.push(page);
    }
    Ok(pages)
}

/// Extracts one page as Dossier does.
pub fn extract(path: &Path) -> Result<Extraction> {
    let bytes = std::fs::read(path)?;
    let hints = Hints {
        file_name: path.file_name().and_then(|n| n.to_str()).map(str::to_owned),
        ..Hints::default()
    };
    Ok(HtmlExtractor.extract(&bytes, &hints)?)
}

fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Prints the per-suite tables.
pub fn run(corpus: &Path, verbose: bool) -> Result<()> {
    let pages = load(corpus)?;
    let mut f1s: HashMap<&str, Vec<f64>> = HashMap::new();
    let (mut with_ok, mut with_all, mut without_ok, mut without_all) = (0, 0, 0, 0);
    let (mut dates_ok, mut dates_all) = (0, 0);
    for page in &pages {
        let x = extract(&page.path)?;
        if let Some(expected) = &page.expected_text {
            let f1 = token_f1(&x.text, expected);
            f1s.entry(page.suite).or_default().push(f1);
            if verbose {
                println!("{:<13} {:.4} {}", page.suite, f1, page.path.display());
            }
        }
        let text = squash(&x.text);
        for s in &page.with {
            with_all += 1;
            let present = text.contains(&squash(s));
            with_ok += usize::from(present);
            if verbose && !present {
                println!("missing, must be there: {s:?} in {}", page.path.display());
            }
        }
        for s in &page.without {
            without_all += 1;
            let absent = !text.contains(&squash(s));
            without_ok += usize::from(absent);
            if verbose && !absent {
                println!("present, must not be: {s:?} in {}", page.path.display());
            }
        }
        if let Some(want) = &page.published {
            dates_all += 1;
            let got: Option<String> = x.doc_date.as_deref().map(|d| d.chars().take(10).collect());
            if got.as_deref() == Some(want.as_str()) {
                dates_ok += 1;
            } else if verbose {
                println!("date {:?} != {want} {}", got, page.path.display());
            }
        }
    }
    println!(
        "{:<13} {:>5} {:>8} {:>8}  goal",
        "suite", "pages", "median", "mean"
    );
    for (suite, goal) in [
        ("readability", "median >= 0.95"),
        ("scrapinghub", "median >= 0.90"),
    ] {
        let v = f1s.get(suite).cloned().unwrap_or_default();
        let (median, mean) = median_mean(&v);
        println!(
            "{suite:<13} {:>5} {median:>8.4} {mean:>8.4}  {goal}",
            v.len()
        );
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "trafilatura   must-have snippets present {with_ok}/{with_all} ({:.1}%), must-not absent {without_ok}/{without_all} ({:.1}%)  goal >= 90% each",
        pct(with_ok, with_all),
        pct(without_ok, without_all)
    );
    println!(
        "published date correct (day) {dates_ok}/{dates_all} ({:.1}%)  goal >= 90%",
        pct(dates_ok, dates_all)
    );
    Ok(())
}
