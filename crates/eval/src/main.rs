//! `dossier-eval`: measures Dossier's extractors on the shared corpus and prints tables.
//!
//! ```text
//! dossier-eval pdfs            token F1 vs pdftotext, per PDF, and the mean
//! dossier-eval articles [-v]   token F1 per suite, trafilatura snippets, published dates
//! dossier-eval speed [pdfs|articles]  PDF ingest vs a pdftotext loop; articles vs dom_smoothie alone
//! dossier-eval ocr [LANGS]     OCR word error rate and pages/minute vs OCRmyPDF, on scans/
//! dossier-eval charsets        exact-match rate of legacy-charset text decoded without a declaration
//! dossier-eval warc [-v]     WARC/ARC/WACZ records vs warcio's (types, addresses, dates, digests)
//! dossier-eval office [-v]     token F1 per office format and archive listing vs office/expected
//! dossier-eval office-speed [ROUNDS]  extraction of the DOCX/XLSX/PPTX files ROUNDS times: `files seconds`
//! dossier-eval outlook [-v]    .msg fields (subject, sender, recipients, date, attachment names) vs extract_msg
//! dossier-eval all             everything
//! dossier-eval text FILE...    Dossier's text of one PDF or HTML page, to compare by eye
//! dossier-eval exactness [CASE] [--queries N] [--seed S] [--via DOSSIER]
//!                              search hits vs a brute-force scan of the text, on emails/enron
//!                              (--via: totals of another build's `dossier search` on CASE)
//! ```
//!
//! Build it in release with the PDF worker beside it:
//! `cargo build --release -p dossier-eval -p dossier-cli && target/release/dossier-eval all`.
//! The corpus is `../shared/corpus` (or `DOSSIER_CORPUS`). This is a measuring tool, not
//! part of the product: it reads the suites' JSON ground truth with serde_json.

mod articles;
mod charsets;
mod exactness;
mod ocr;
mod office;
mod outlook;
mod pdfs;
mod score;
mod speed;
mod warc;

use anyhow::{Context, Result, bail};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus =
        dossier_tests::corpus().context("the shared corpus is not there (set DOSSIER_CORPUS)")?;
    let verbose = args.iter().any(|a| a == "-v");
    match args.first().map(String::as_str) {
        Some("pdfs") => pdfs::run(&corpus).map(|_| ()),
        Some("articles") => articles::run(&corpus, verbose),
        Some("speed") => match args.get(1).map(String::as_str) {
            Some("pdfs") => speed::pdfs(&corpus),
            Some("articles") => speed::articles(&corpus, 5),
            _ => {
                speed::pdfs(&corpus)?;
                speed::articles(&corpus, 5)
            }
        },
        Some("charsets") => charsets::run(&corpus),
        Some("warc") => warc::run(&corpus, verbose),
        Some("office") => office::run(&corpus, verbose),
        Some("office-speed") => {
            let rounds = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(20);
            office::speed(&corpus, rounds)
        }
        Some("outlook") => outlook::run(&corpus, verbose).map(|_| ()),
        Some("ocr") => ocr::run(&corpus, args.get(1).map_or("eng", String::as_str)),
        Some("all") => {
            pdfs::run(&corpus)?;
            println!();
            articles::run(&corpus, verbose)?;
            println!();
            speed::pdfs(&corpus)?;
            speed::articles(&corpus, 5)?;
            println!();
            charsets::run(&corpus)?;
            println!();
            office::run(&corpus, verbose)
        }
        Some("text") => {
            for file in &args[1..] {
                print!("{}", text_of(std::path::Path::new(file))?);
            }
            Ok(())
        }
        Some("exactness") => {
            let option = |name: &str| {
                args.iter()
                    .position(|a| a == name)
                    .and_then(|i| args.get(i + 1))
                    .map(|v| v.parse::<u64>().with_context(|| format!("{name} {v}")))
                    .transpose()
            };
            let queries = option("--queries")?.unwrap_or(200) as usize;
            let seed = option("--seed")?.unwrap_or(1);
            let case = args
                .get(1)
                .filter(|a| !a.starts_with("--"))
                .map(std::path::Path::new);
            let via = args
                .iter()
                .position(|a| a == "--via")
                .and_then(|i| args.get(i + 1))
                .map(std::path::Path::new);
            exactness::run(&corpus, case, queries, seed, via)
        }
        _ => bail!(
            "usage: dossier-eval pdfs | articles [-v] | speed | charsets | ocr [LANGS] | warc [-v] | office [-v] | office-speed [ROUNDS] | outlook [-v] | all | text FILE... | exactness [CASE] [--queries N] [--seed S] [--via DOSSIER]"
        ),
    }
}

/// Dossier's text of one file, as ingest would extract it.
fn text_of(path: &std::path::Path) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| path.display().to_string())?;
    let hints = dossier_extract::Hints {
        file_name: path.file_name().and_then(|n| n.to_str()).map(str::to_owned),
        ..dossier_extract::Hints::default()
    };
    let registry = dossier_extract::Registry::standard();
    let name = hints.file_name.clone().unwrap_or_default();
    let extractor = registry
        .choose(&dossier_extract::Probe::named(&name, &bytes))
        .with_context(|| format!("{}: no extractor reads it", path.display()))?;
    let extraction = dossier_extract::extract(extractor, &bytes, &hints)
        .with_context(|| path.display().to_string())?;
    Ok(extraction.text)
}
