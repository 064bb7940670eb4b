//! Parses every file under a folder with the email extractor, single-threaded, and prints
//! how many messages it read and how fast: the parser alone, for comparison with Python's
//! `email` package (`benches/email-vs-python.sh` runs both).
//!
//! usage: cargo run --release -p dossier-extract --example parse_emails -- FOLDER

use std::path::{Path, PathBuf};
use std::time::Instant;

use dossier_extract::{EmailExtractor, Extractor, Hints};

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: parse_emails FOLDER");
        std::process::exit(2);
    };
    let mut paths = Vec::new();
    files(&dir, &mut paths)?;
    let started = Instant::now();
    let (mut messages, mut chars) = (0usize, 0usize);
    for path in &paths {
        let bytes = std::fs::read(path)?;
        if let Ok(x) = EmailExtractor.extract(&bytes, &Hints::default()) {
            messages += 1;
            chars += x.text.len();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{messages} messages ({chars} bytes of text) in {secs:.3} s: {:.0} messages/s",
        messages as f64 / secs
    );
    Ok(())
}
