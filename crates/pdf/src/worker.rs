//! The `dossier-pdf-worker` process: reads one PDF on stdin and writes its text and
//! metadata on stdout, in the framed format of `dossier_extract::pdf_frame`.
//!
//! The executable itself is a binary of the `dossier-cli` package (`crates/cli/src/bin`),
//! so that `cargo install --path crates/cli` installs it beside `dossier`, where
//! `dossier_extract::pdf::locate_worker` looks first.
//!
//! It is started by `dossier_extract::PdfExtractor` for every PDF, so that a parser that
//! panics, loops or eats memory takes down this process only. With `--memory-mb N` it
//! limits its own address space to N MiB before reading anything (an allocation beyond
//! that aborts the process, which the caller reports); the caller enforces the time limit.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use crate::{PdfError, PdfText, panic_message, read_pdf};
use dossier_extract::pdf_frame::{self, Record};

/// Runs the worker on this process's arguments, stdin and stdout.
pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let memory_mb = match args.as_slice() {
        [] => None,
        [flag, n] if flag == "--memory-mb" => match n.parse::<u64>() {
            Ok(n) => Some(n),
            Err(_) => return usage(),
        },
        _ => return usage(),
    };
    if let Some(mb) = memory_mb {
        let bytes = mb.saturating_mul(1024 * 1024);
        if let Err(e) = rlimit::setrlimit(rlimit::Resource::AS, bytes, bytes) {
            eprintln!("dossier-pdf-worker: cannot set the memory limit: {e}");
            return ExitCode::from(2);
        }
    }
    // Panics are caught and reported in the reply; keep stderr for real trouble.
    std::panic::set_hook(Box::new(|_| {}));
    init_logging();

    let mut input = Vec::new();
    if let Err(e) = io::stdin().lock().read_to_end(&mut input) {
        eprintln!("dossier-pdf-worker: cannot read stdin: {e}");
        return ExitCode::from(2);
    }
    let records = match pdf_frame::read_records(&input) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("dossier-pdf-worker: bad request: {e}");
            return ExitCode::from(2);
        }
    };
    let find = |tag: &str| {
        records
            .iter()
            .find(|r| r.tag == tag)
            .map(|r: &Record| &r.body)
    };
    let Some(pdf) = find("pdf") else {
        eprintln!("dossier-pdf-worker: the request has no pdf record");
        return ExitCode::from(2);
    };
    let password = find("password").map(|p| String::from_utf8_lossy(p).into_owned());

    let result =
        std::panic::catch_unwind(|| read_pdf(pdf, password.as_deref())).unwrap_or_else(|panic| {
            Err(PdfError::Malformed(format!(
                "the PDF parser crashed ({})",
                panic_message(&*panic)
            )))
        });
    let mut out = io::BufWriter::new(io::stdout().lock());
    match write_reply(&mut out, result).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dossier-pdf-worker: cannot write the reply: {e}");
            ExitCode::from(2)
        }
    }
}

fn write_reply(out: &mut dyn Write, result: Result<PdfText, PdfError>) -> io::Result<()> {
    pdf_frame::write_magic(out)?;
    match result {
        Ok(text) => {
            for (key, value) in &text.meta {
                pdf_frame::write_record(out, &format!("meta.{key}"), value.as_bytes())?;
            }
            let images: Vec<String> = text.pages_with_images.iter().map(u32::to_string).collect();
            pdf_frame::write_record(out, "images", images.join(",").as_bytes())?;
            for page in &text.pages {
                pdf_frame::write_record(out, "page", page.as_bytes())?;
            }
            for warning in &text.warnings {
                pdf_frame::write_record(out, "warning", warning.as_bytes())?;
            }
        }
        Err(PdfError::NeedsPassword(why)) => {
            pdf_frame::write_record(out, "error.password", why.as_bytes())?
        }
        Err(PdfError::Malformed(why)) => {
            pdf_frame::write_record(out, "error.malformed", why.as_bytes())?
        }
    }
    pdf_frame::write_end(out)
}

/// pdf-extract's and lopdf's `log` records go to stderr as `LEVEL target: message` lines,
/// filtered by the `RUST_LOG` inherited from the program that started the worker (default
/// `warn`); that program passes them on to its own log (`dossier_extract::pdf`).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr)
        .with_ansi(false)
        .without_time()
        .try_init();
}

fn usage() -> ExitCode {
    eprintln!("usage: dossier-pdf-worker [--memory-mb N] < request");
    ExitCode::from(2)
}
