//! `dossier-sample-maker [--check] [SAMPLES_DIR]`: writes the sample matter's PDFs and mbox
//! from their committed sources, or with `--check` lists the files that are out of date
//! (exit 1) without writing anything.

use std::path::PathBuf;
use std::process::ExitCode;

use dossier_sample_maker::{default_samples_dir, stale, write_all};

fn main() -> ExitCode {
    let mut check = false;
    let mut dir = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--check" => check = true,
            "-h" | "--help" => {
                println!("usage: dossier-sample-maker [--check] [SAMPLES_DIR]");
                return ExitCode::SUCCESS;
            }
            _ if dir.is_none() && !arg.starts_with('-') => dir = Some(PathBuf::from(arg)),
            _ => {
                eprintln!("dossier-sample-maker: unexpected argument {arg:?}");
                return ExitCode::from(2);
            }
        }
    }
    let dir = dir.unwrap_or_else(default_samples_dir);
    let result = if check {
        stale(&dir).map(|files| {
            for f in &files {
                println!("out of date: {}", dir.join(f).display());
            }
            files.is_empty()
        })
    } else {
        write_all(&dir).map(|files| {
            for f in &files {
                println!("wrote {}", dir.join(f).display());
            }
            true
        })
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("dossier-sample-maker: error: {e}");
            ExitCode::from(2)
        }
    }
}
