//! `dossier-eval`: measures Dossier's extractors on the shared corpus and prints tables.
//!
//! ```text
//! dossier-eval pdfs            token F1 vs pdftotext, per PDF, and the mean
//! dossier-eval articles [-v]   token F1 per suite, trafilatura snippets, published dates
//! dossier-eval speed           PDF ingest vs a pdftotext loop; articles vs dom_smoothie alone
//! dossier-eval all             everything
//! ```
//!
//! Build it in release with the PDF worker beside it:
//! `cargo build --release -p dossier-eval -p dossier-pdf && target/release/dossier-eval all`.
//! The corpus is `../shared/corpus` (or `DOSSIER_CORPUS`). This is a measuring tool, not
//! part of the product: it reads the suites' JSON ground truth with serde_json.

mod articles;
mod pdfs;
mod score;
mod speed;

use anyhow::{Context, Result, bail};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus =
        dossier_tests::corpus().context("the shared corpus is not there (set DOSSIER_CORPUS)")?;
    let verbose = args.iter().any(|a| a == "-v");
    match args.first().map(String::as_str) {
        Some("pdfs") => pdfs::run(&corpus).map(|_| ()),
        Some("articles") => articles::run(&corpus, verbose),
        Some("speed") => {
            speed::pdfs(&corpus)?;
            speed::articles(&corpus, 5)
        }
        Some("all") => {
            pdfs::run(&corpus)?;
            println!();
            articles::run(&corpus, verbose)?;
            println!();
            speed::pdfs(&corpus)?;
            speed::articles(&corpus, 5)
        }
        _ => bail!("usage: dossier-eval pdfs | articles [-v] | speed | all"),
    }
}
