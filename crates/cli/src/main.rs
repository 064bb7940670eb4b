//! `dossier`: the command-line shell.
//!
//! Each subcommand parses its arguments, calls one function of `dossier-api`, and prints
//! the result: exactly one JSON value on stdout with `--json`, readable lines otherwise.
//! Failures print one line on stderr and exit non-zero. No logic lives here beyond
//! presentation.

mod progress;
mod serve;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use dossier_api::{self as api, ApiError};
use serde::Serialize;

use crate::progress::Progress;

/// Dossier: evidence management for lawyers, journalists and paralegals.
#[derive(Parser)]
#[command(name = "dossier", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new case folder.
    Init(CaseArgs),
    /// Ingest files and folders into a case.
    Ingest(IngestArgs),
    /// List the documents in a case.
    Docs(DocsArgs),
    /// Show one document: metadata, sources, text.
    Show(ShowArgs),
    /// Re-hash every original and check the database and the audit chain (exit 1 on any problem).
    Verify(CaseArgs),
    /// Print the audit log.
    Audit(CaseArgs),
    /// Print the case's name and how many documents of each kind it holds.
    Summary(CaseArgs),
    /// Serve the UI and the HTTP API on this machine; prints the URL with its token.
    Serve(serve::ServeArgs),
}

#[derive(Args)]
struct CaseArgs {
    /// The case folder.
    case: PathBuf,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct IngestArgs {
    /// The case folder.
    case: PathBuf,
    /// Files and folders to ingest (folders recursively).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Set this kind on every ingested document.
    #[arg(long)]
    kind: Option<String>,
    /// Whose files these are.
    #[arg(long)]
    custodian: Option<String>,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct DocsArgs {
    /// The case folder.
    case: PathBuf,
    /// Only documents of this kind.
    #[arg(long)]
    kind: Option<String>,
    /// Only documents with this tag.
    #[arg(long)]
    tag: Option<String>,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct ShowArgs {
    /// The case folder.
    case: PathBuf,
    /// Document id.
    doc: i64,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// How a command ended, beyond what it printed.
enum Outcome {
    /// Everything it was asked to do was done.
    Done,
    /// It ran, but found problems or could not do part of the work (exit 1).
    Problems(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Problems(line)) => {
            eprintln!("dossier: {line}");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("dossier: error: {}", e.message);
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<Outcome, ApiError> {
    match command {
        Command::Init(a) => {
            let out = api::init(&a.case)?;
            print(a.json, &out, || format!("created case {}\n", out.case))
        }
        Command::Ingest(a) => ingest(a),
        Command::Summary(a) => {
            let s = api::case_summary(&a.case)?;
            print(a.json, &s, || {
                let mut text = format!("{}: {} documents\n", s.name, s.documents);
                for k in &s.by_kind {
                    text += &format!("  {:<10} {}\n", k.kind, k.count);
                }
                text
            })
        }
        Command::Serve(a) => serve::run(a).map(|()| Outcome::Done),
        Command::Docs(a) => {
            let request = api::DocsRequest {
                kind: a.kind,
                tag: a.tag,
            };
            let docs = api::docs(&a.case, &request)?;
            print(a.json, &docs, || {
                docs.iter()
                    .map(|d| {
                        format!(
                            "{:>6}  {:<10} {:<10}  {}\n",
                            d.id,
                            d.kind,
                            d.date.as_deref().unwrap_or("-"),
                            d.title.as_deref().unwrap_or("(untitled)")
                        )
                    })
                    .collect()
            })
        }
        Command::Show(a) => {
            let d = api::show(&a.case, a.doc)?;
            print(a.json, &d, || {
                let mut s = format!(
                    "document {}: {}\nkind:    {}\nstatus:  {}{}\nsha256:  {}\nsize:    {} bytes\n",
                    d.id,
                    d.title.as_deref().unwrap_or("(untitled)"),
                    d.kind,
                    d.status,
                    d.status_detail
                        .as_deref()
                        .map(|r| format!(" ({r})"))
                        .unwrap_or_default(),
                    d.sha256,
                    d.size
                );
                for src in &d.sources {
                    s += &format!("source:  {} (ingested {})\n", src.path, src.ingested_at);
                }
                for (k, v) in &d.meta {
                    s += &format!("{k}: {v}\n");
                }
                if let Some(text) = &d.text {
                    s += "\n";
                    s += text;
                    s += "\n";
                }
                s
            })
        }
        Command::Verify(a) => {
            let bar = Progress::new(a.json);
            let out = api::verify(&a.case, &|e| bar.event(&e))?;
            bar.finish();
            print(a.json, &out, || {
                let mut s = format!(
                    "checked {} originals and {} audit rows\n",
                    out.objects_checked, out.audit_rows_checked
                );
                for p in &out.problems {
                    s += &format!("PROBLEM {}: {}: {}\n", p.kind, p.subject, p.message);
                }
                s
            })?;
            Ok(if out.ok {
                Outcome::Done
            } else {
                Outcome::Problems(format!("verify found {} problem(s)", out.problems.len()))
            })
        }
        Command::Audit(a) => {
            let rows = api::audit(&a.case)?;
            print(a.json, &rows, || {
                rows.iter()
                    .map(|r| {
                        format!(
                            "{:>6}  {}  {:<10} {:<16} {:<14} {}\n",
                            r.seq, r.at, r.actor, r.action, r.target, r.detail
                        )
                    })
                    .collect()
            })
        }
    }
}

fn ingest(a: IngestArgs) -> Result<Outcome, ApiError> {
    let request = api::IngestRequest {
        paths: a.paths,
        kind: a.kind,
        custodian: a.custodian,
    };
    let bar = Progress::new(a.json);
    let out = api::ingest(&a.case, &request, &|e| bar.event(&e))?;
    bar.finish();
    print(a.json, &out, || {
        let mut s = format!(
            "added {}, duplicates {}, failed {}, skipped {}\n",
            out.added,
            out.duplicates,
            out.failed.len(),
            out.skipped.len()
        );
        for f in &out.failed {
            s += &format!("FAILED  {}: {}\n", f.path, f.error);
        }
        for f in &out.skipped {
            s += &format!("skipped {}: {}\n", f.path, f.error);
        }
        s
    })?;
    Ok(if out.failed.is_empty() {
        Outcome::Done
    } else {
        Outcome::Problems(format!(
            "{} item(s) could not be ingested",
            out.failed.len()
        ))
    })
}

/// Prints `value` as JSON, or the human text, on stdout.
fn print<T: Serialize>(
    json: bool,
    value: &T,
    human: impl FnOnce() -> String,
) -> Result<Outcome, ApiError> {
    let text = if json {
        let mut s = serde_json::to_string_pretty(value)
            .map_err(|e| ApiError::new("internal", format!("cannot serialise output: {e}")))?;
        s.push('\n');
        s
    } else {
        human()
    };
    let mut out = std::io::stdout().lock();
    // A closed pipe (`dossier docs | head`) is not an error worth reporting.
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    Ok(Outcome::Done)
}
