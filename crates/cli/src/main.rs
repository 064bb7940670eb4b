//! `dossier`: the command-line shell.
//!
//! Each subcommand parses its arguments, calls one function of `dossier-api`, and prints
//! the result: exactly one JSON value on stdout with `--json`, readable lines otherwise.
//! Failures print one line on stderr and exit non-zero. No logic lives here beyond
//! presentation.

mod chronology;
mod demo;
mod edits;
mod logging;
mod original;
mod policy;
mod progress;
mod samples;
mod search;
mod serve;
mod shell_integration;
mod thread;
mod timestamp;
mod visible;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use dossier_api::{self as api, ApiError, ErrorCode};
use serde::Serialize;

use crate::progress::Progress;
use crate::visible::{Breaks, line, visible};

/// Dossier: evidence management for lawyers, journalists and paralegals.
#[derive(Parser)]
#[command(name = "dossier", version, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Log more on stderr: -v info, -vv debug, -vvv trace (default: RUST_LOG, else warnings).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new case folder.
    Init(InitArgs),
    /// Ingest files and folders into a case.
    Ingest(IngestArgs),
    /// Fetch web pages now (redirects followed, TLS verified), keep each as a WARC with its
    /// request, response, certificate chain and digests, and ingest it (--series: as a capture)
    Capture(RequestArgs<api::CaptureRequest>),
    /// List the documents in a case.
    Docs(RequestArgs<api::DocsRequest>),
    /// Show one document: metadata, sources, text.
    Show(RequestArgs<api::ShowRequest>),
    /// Write a document's original bytes (to --out FILE or stdout; base64 in JSON with --json).
    Original(original::OriginalArgs),
    /// Re-hash every original, check the database, the audit chain (against --seal FILE) and
    /// every chronology row against the audit log, re-check every citation (exit 1 on any problem).
    Verify(VerifyArgs),
    /// Print the audit chain's head ({"seq", "head", "at"}) to keep outside the case, for
    /// `verify --seal` later.
    Seal(CaseArgs),
    /// Print the audit log (--words: each row in words, naming documents and events by title).
    Audit(AuditArgs),
    /// Print the case's name and how many documents of each kind it holds.
    Summary(CaseArgs),
    /// Serve the UI and the HTTP API on this machine; prints the URL with its token.
    Serve(serve::ServeArgs),
    /// List policy series, or show one series' versions and changes.
    Policy(policy::PolicyArgs),
    /// Word-level diff of two versions of a policy series (document ids or dates).
    PolicyDiff(policy::DiffArgs),
    /// When a phrase appeared in a policy series, and when it disappeared.
    PolicyTrace(policy::TraceArgs),
    /// Search a policy series as it read on a date.
    PolicyAsof(policy::AsofArgs),
    /// Full-text search: hits per document with their best pages, snippets and facets.
    Search(search::SearchArgs),
    /// Count the documents each query of a file finds (one query per line; blank lines and
    /// lines starting with # are skipped).
    SearchBatch(search::BatchArgs),
    /// Every hit of a search as CSV: doc, title, kind, date, custodian, pages, tags, snippet.
    SearchExport(search::ExportArgs),
    /// Save a search (a query with its filters) under a name; --in-saved NAME uses it.
    SavedSearch(search::SaveArgs),
    /// List the saved searches.
    SavedSearches(CaseArgs),
    /// Delete a saved search (the audit log keeps what it was).
    SavedSearchDelete(search::DeleteSavedArgs),
    /// Rebuild the search index from the case database.
    Reindex(search::ReindexArgs),
    /// OCR documents again (every PDF and image when none is named) as a new extraction,
    /// with progress page by page; a killed run (Ctrl-C) keeps every document it finished,
    /// and run again goes on where it stopped. Corrected page texts are kept.
    Ocr(RequestArgs<api::OcrRequest>),
    /// Add, edit, delete, undo or import events of the chronology.
    Event(chronology::EventArgs),
    /// Cite a document (page, exact quote) for an event; the quote must be there.
    Cite(RequestArgs<api::CiteRequest>),
    /// The chronology with its citations: json, csv, markdown, html, timelinejs, timelinejs-csv.
    Timeline(chronology::TimelineArgs),
    /// Tag a document (or, with --event, an event).
    Tag(chronology::TagArgs),
    /// The case's tags, each with how many documents carry it.
    Tags(RequestArgs<api::TagsRequest>),
    /// The cast of characters: the case's email correspondents as people (addresses written
    /// differently merged), with how many messages each sent and received.
    People(RequestArgs<api::PeopleRequest>),
    /// Merge people (--merge ID --merge ID), split an address off (--split ADDRESS) or
    /// enter a person by hand (--add NAME [--role R] [--organisation O] [--address A]...).
    Person(RequestArgs<api::PersonRequest>),
    /// Who wrote to whom, by month (--person ID for one person's lines).
    Correspondence(RequestArgs<api::CorrespondenceRequest>),
    /// The folders of what was ingested (a mailbox's folders), each with how many documents
    /// it and the folders below it hold; `docs --folder PATH --limit N` lists one.
    Folders(RequestArgs<api::FoldersRequest>),
    /// What happened lately, newest first, a run of similar changes (a bulk tag, an
    /// ingest's documents) as one line.
    Activity(RequestArgs<api::ActivityRequest>),
    /// Give documents a review status (unreviewed, reviewed, second_look), by --docs or
    /// --query, as one edit that one undo reverts.
    Review(RequestArgs<api::ReviewRequest>),
    /// Make a document an exhibit: a number (PX-0001) and a Bates range over its pages.
    Exhibit(RequestArgs<api::ExhibitRequest>),
    /// The exhibit list: json, csv, or a Concordance DAT load file.
    Exhibits(chronology::ExhibitsArgs),
    /// Attach a note to a span of a document.
    Note(RequestArgs<api::NoteRequest>),
    /// List notes, each re-checked against its document.
    Notes(RequestArgs<api::NotesRequest>),
    /// Delete a note (kept in the case; `undo` restores it).
    NoteDelete(RequestArgs<api::NoteDeleteRequest>),
    /// Undo the last chronology edit (event, citation, tag, note, exhibit, import) as a new
    /// audited edit; again to walk further back; --redo to put it back. Ingest is never undone.
    Undo(RequestArgs<api::UndoRequest>),
    /// Candidate events from documents' own dates and policy changes; --accept adds them.
    Suggest(RequestArgs<api::SuggestRequest>),
    /// The email thread a message belongs to.
    Thread(RequestArgs<api::ThreadRequest>),
    /// Build the sample matter (embedded in this program) into a case; running it again changes nothing.
    Demo(demo::DemoArgs),
    /// RFC 3161 trusted timestamps of originals: `request` writes a .tsq for any TSA,
    /// `import` verifies and records its .tsr.
    Timestamp(timestamp::TimestampArgs),
    /// Produce documents into a folder: Bates-stamped PDFs (IMAGES/), text (TEXT/), a
    /// Concordance DAT, an Opticon OPT and a privilege log (DATA/), and MANIFEST.sha256.
    Produce(RequestArgs<api::ProduceRequest>),
    /// Check a production folder against its MANIFEST.sha256.
    VerifyProduction(VerifyProductionArgs),
    /// Redact words (--quote) or a box (--box x,y,w,h, points from the top-left) of a page,
    /// with a reason: burned out of produced pages; `undo` takes it back.
    Redact(RequestArgs<api::RedactRequest>),
    /// The redactions in force.
    Redactions(RequestArgs<api::RedactionsRequest>),
    /// Print a completion script for bash, zsh, fish, elvish or powershell on stdout
    /// (e.g. `dossier completions bash > ~/.local/share/bash-completion/completions/dossier`).
    Completions(shell_integration::CompletionsArgs),
    /// Print the manual page (roff) on stdout, or write every page with --out DIR.
    Man(shell_integration::ManArgs),
    /// What OCR read on a document's pages: maker, confidence, words with their boxes, and
    /// the pages below a confidence to check.
    OcrPages(RequestArgs<api::OcrPagesRequest>),
    /// Enter a corrected text for an OCR page (kept beside the OCR; undo reverts it).
    OcrCorrect(OcrCorrectArgs),
    /// Show the case's settings, or change them (--ocr-lang: default OCR languages).
    Settings(RequestArgs<api::SettingsRequest>),
}

/// `dossier ocr-correct CASE DOC --page N --text-file F`.
#[derive(Args)]
struct OcrCorrectArgs {
    /// The case folder.
    case: PathBuf,
    /// The document, by id.
    doc: i64,
    /// The page, from 1.
    #[arg(long)]
    page: u32,
    /// A UTF-8 text file holding the page's corrected text (- for standard input).
    #[arg(long)]
    text_file: PathBuf,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// A subcommand that is one api request: the case, the request itself (its fields are the
/// flags, by the request's `clap::Args` derive in dossier-api, so nothing is copied by hand),
/// and `--json`.
#[derive(Args)]
struct RequestArgs<R: Args> {
    /// The case folder.
    case: PathBuf,
    #[command(flatten)]
    request: R,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
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
struct AuditArgs {
    /// The case folder.
    case: PathBuf,
    /// Print each row in words ("Cited “Complaint”, p. 5, for …") in place of its action,
    /// target and detail (JSON always has both, as `summary_text`).
    #[arg(long)]
    words: bool,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct InitArgs {
    /// The case folder (new, or an empty folder).
    case: PathBuf,
    /// The case's name, shown by `summary` and the window's header ("Smith v. Acme");
    /// without it the case is called by its folder's name.
    #[arg(long)]
    name: Option<String>,
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
    /// Record the files as captures of this policy series (a folder of YYYY-MM-DD.* files
    /// is the whole series).
    #[arg(long)]
    series: Option<String>,
    /// When the capture was taken (ISO 8601), for a single file not named by its date.
    #[arg(long, requires = "series")]
    captured: Option<String>,
    /// The captured page's address.
    #[arg(long, requires = "series")]
    url: Option<String>,
    /// The password for encrypted files (PDFs with a user password); files that failed
    /// earlier for want of one are extracted again. Visible to other users of this machine
    /// (in `ps`): prefer --password-file or the DOSSIER_PASSWORD environment variable.
    #[arg(long)]
    password: Option<String>,
    /// Read the password from this file (its first line), out of sight of `ps`.
    #[arg(long, value_name = "FILE", conflicts_with = "password")]
    password_file: Option<PathBuf>,
    /// Store the originals only (hashed, deduplicated, kept durably, recorded and audited),
    /// without extracting text; ingest the same files again without it to extract them.
    #[arg(long)]
    no_extract: bool,
    /// Ingest only files matching this glob (repeatable), matched against the path
    /// relative to the folder given and against the file name; `*` stays within a folder,
    /// `**` crosses folders.
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Leave out files and folders matching this glob (repeatable; e.g. `--exclude '*.json'`),
    /// matched like --include; they are not read and are listed as skipped.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Record at most N items per transaction (default 5000; a batch also closes after
    /// 2 seconds). Smaller batches show documents to other readers sooner and lose less to
    /// a crash; larger ones are faster.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    batch: Option<u32>,
    /// OCR scans and images: auto (pages without a text layer, and images), force (every
    /// page, even one with a text layer) or off.
    #[arg(long, value_name = "MODE", value_parser = ["auto", "force", "off"])]
    ocr: Option<String>,
    /// Tesseract languages for OCR, joined by + (default eng; e.g. eng+deu).
    #[arg(long, value_name = "LANGS")]
    ocr_lang: Option<String>,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct VerifyArgs {
    /// The case folder.
    case: PathBuf,
    /// A seal printed earlier by `dossier seal --json`: report a chain that no longer holds it.
    #[arg(long, value_name = "FILE")]
    seal: Option<PathBuf>,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct VerifyProductionArgs {
    /// The production folder.
    out: PathBuf,
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
    logging::init(cli.verbose);
    match run(cli.command) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Problems(said)) => {
            eprintln!("dossier: {}", line(&said));
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("dossier: error: {}", line(&e.message));
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<Outcome, ApiError> {
    match command {
        Command::Init(a) => {
            let out = api::init_named(&a.case, a.name.as_deref())?;
            print(a.json, &out, || format!("created case {}\n", out.case))
        }
        Command::Ingest(a) => ingest(a),
        Command::Capture(a) => {
            let bar = Progress::new(a.json);
            let out = api::capture(&a.case, &a.request, &|e| bar.event(&e))?;
            bar.finish();
            print(a.json, &out, || {
                let mut s = String::new();
                for (page, ingest) in out.pages.iter().zip(&out.ingests) {
                    s += &format!(
                        "captured {} ({}{}) at {}: added {}, duplicates {}",
                        line(&page.final_url),
                        page.status,
                        if page.redirects > 0 {
                            format!(
                                ", after {} redirect(s) from {}",
                                page.redirects,
                                line(&page.url)
                            )
                        } else {
                            String::new()
                        },
                        page.captured_at,
                        ingest.added,
                        ingest.duplicates
                    );
                    if let Some(series) = &ingest.series {
                        s += &format!(
                            "; series {}: {} capture(s), {} observation(s)",
                            line(&series.name),
                            series.captures,
                            series.observations
                        );
                    }
                    s.push('\n');
                }
                s
            })
        }
        Command::Summary(a) => {
            let s = api::case_summary(&a.case)?;
            print(a.json, &s, || {
                let mut text = format!("{}: {} documents\n", s.name, s.documents);
                for k in &s.by_kind {
                    text += &format!("  {:<10} {}\n", k.kind, k.count);
                }
                let review: Vec<String> = s
                    .review
                    .iter()
                    .map(|r| format!("{} {}", r.count, r.status))
                    .collect();
                text += &format!("review: {}\n", review.join(", "));
                text
            })
        }
        Command::Ocr(a) => {
            let bar = Progress::new(a.json);
            let out = api::ocr(&a.case, &a.request, &|e| bar.event(&e))?;
            bar.finish();
            print(a.json, &out, || {
                let mut text = String::new();
                for d in &out.documents {
                    text += &format!("document {}: {}", d.doc, d.outcome);
                    if d.outcome == "done" {
                        text += &format!(", {} pages", d.pages);
                        if let Some(c) = d.mean_confidence {
                            text += &format!(", mean confidence {c}%");
                        }
                    }
                    if let Some(why) = &d.detail {
                        text += &format!(" ({})", line(why));
                    }
                    text.push('\n');
                }
                text
            })
        }
        Command::OcrPages(a) => {
            let out = api::ocr_pages(&a.case, &a.request)?;
            print(a.json, &out, || {
                let mut text = String::new();
                if out.pages.is_empty() {
                    text += &format!("document {}: no page was read by OCR\n", out.doc);
                }
                for p in &out.pages {
                    text += &format!(
                        "page {}: {} words, mean confidence {}%, {} {} ({}){}\n",
                        p.n,
                        p.words.len(),
                        p.mean_confidence,
                        p.engine,
                        p.engine_version,
                        p.languages,
                        match (&p.corrected_by, &p.corrected_at) {
                            (Some(by), Some(at)) => format!(", corrected by {} at {at}", line(by)),
                            _ => String::new(),
                        }
                    );
                }
                if !out.to_check.is_empty() {
                    let pages: Vec<String> = out.to_check.iter().map(u32::to_string).collect();
                    text += &format!(
                        "to check (below {}% and not corrected): page {}\n",
                        out.threshold,
                        pages.join(", ")
                    );
                }
                text
            })
        }
        Command::OcrCorrect(a) => {
            let text = read_text_file(&a.text_file)?;
            let out = api::ocr_correct(
                &a.case,
                &api::OcrCorrectRequest {
                    doc: a.doc,
                    page: a.page,
                    text,
                },
            )?;
            print(a.json, &out, || {
                if out.changed {
                    format!(
                        "page {} of document {}: corrected text recorded (the OCR text is kept \
                         beside it; `dossier undo` reverts it)\n",
                        out.page, out.doc
                    )
                } else {
                    format!(
                        "page {} of document {}: already has this text; nothing changed\n",
                        out.page, out.doc
                    )
                }
            })
        }
        Command::Settings(a) => {
            let out = api::settings(&a.case, &a.request)?;
            print(a.json, &out, || {
                format!(
                    "ocr_lang: {}\n",
                    out.ocr_lang.as_deref().unwrap_or("(not set: eng)")
                )
            })
        }
        Command::Review(a) => {
            let out = api::review(&a.case, &a.request)?;
            print(a.json, &out, || {
                format!(
                    "{} of {} documents set to {}\n",
                    out.changed, out.documents, out.status
                )
            })
        }
        Command::Serve(a) => serve::run(a).map(|()| Outcome::Done),
        Command::Policy(a) => policy::policy(a),
        Command::PolicyDiff(a) => policy::diff(a),
        Command::PolicyTrace(a) => policy::trace(a),
        Command::PolicyAsof(a) => policy::asof(a),
        Command::Search(a) => search::search(a),
        Command::SearchBatch(a) => search::batch(a),
        Command::SearchExport(a) => search::export(a),
        Command::SavedSearch(a) => search::save(a),
        Command::SavedSearches(a) => search::list(a),
        Command::SavedSearchDelete(a) => search::delete(a),
        Command::Reindex(a) => search::reindex(a),
        Command::Event(a) => chronology::event(a),
        Command::Cite(a) => chronology::cite(a),
        Command::Timeline(a) => chronology::timeline(a),
        Command::Tag(a) => chronology::tag(a),
        Command::Tags(a) => {
            let tags = api::tags(&a.case, &a.request)?;
            print(a.json, &tags, || {
                tags.iter()
                    .map(|t| format!("{:>6}  {}\n", t.documents, line(&t.tag)))
                    .collect()
            })
        }
        Command::Person(a) => {
            let touched = api::person(&a.case, &a.request)?;
            print(a.json, &touched, || {
                touched
                    .iter()
                    .map(|p| format!("{}  {}  {}\n", p.id, line(&p.name), p.addresses.join(", ")))
                    .collect()
            })
        }
        Command::Correspondence(a) => {
            let pairs = api::correspondence(&a.case, &a.request)?;
            print(a.json, &pairs, || {
                pairs
                    .iter()
                    .map(|l| {
                        format!(
                            "{:>7}  {:>5}  {} → {}\n",
                            if l.month.is_empty() {
                                "undated"
                            } else {
                                &l.month
                            },
                            l.documents.len(),
                            line(&l.from_name),
                            line(&l.to_name)
                        )
                    })
                    .collect()
            })
        }
        Command::People(a) => {
            let people = api::people(&a.case, &a.request)?;
            print(a.json, &people, || {
                people
                    .iter()
                    .map(|p| {
                        format!(
                            "{:>6} {:>6} {:>6}  {}  {} – {}  {}\n",
                            p.documents,
                            p.sent,
                            p.received,
                            line(&p.name),
                            p.first.as_deref().unwrap_or("?"),
                            p.last.as_deref().unwrap_or("?"),
                            p.addresses.join(", ")
                        )
                    })
                    .collect()
            })
        }
        Command::Folders(a) => {
            let folders = api::folders(&a.case, &a.request)?;
            print(a.json, &folders, || folder_lines(&folders, 0))
        }
        Command::Activity(a) => {
            let lines = api::activity(&a.case, &a.request)?;
            print(a.json, &lines, || {
                lines
                    .iter()
                    .map(|l| {
                        format!(
                            "{}  {}\n",
                            &l.at[..l.at.len().min(16)],
                            line(&l.summary_text)
                        )
                    })
                    .collect()
            })
        }
        Command::Exhibit(a) => chronology::exhibit(a),
        Command::Exhibits(a) => chronology::exhibits(a),
        Command::Note(a) => chronology::note(a),
        Command::Notes(a) => chronology::notes(a),
        Command::NoteDelete(a) => edits::note_delete(a),
        Command::Undo(a) => edits::undo(a),
        Command::Suggest(a) => chronology::suggest(a),
        Command::Thread(a) => thread::thread(a),
        Command::Original(a) => original::original(a),
        Command::Demo(a) => demo::demo(a),
        Command::Timestamp(a) => timestamp::timestamp(a),
        Command::Completions(a) => shell_integration::completions(a),
        Command::Man(a) => shell_integration::man(a),
        Command::Docs(a) => {
            let docs = api::docs(&a.case, &a.request)?;
            print(a.json, &docs, || match &docs {
                api::DocsOutput::List(list) => list
                    .iter()
                    .map(|d| {
                        format!(
                            "{:>6}  {:<10} {:<10}  {}\n",
                            d.id,
                            d.kind,
                            d.date.as_deref().map_or("-".into(), line),
                            d.title.as_deref().map_or("(untitled)".into(), line)
                        )
                    })
                    .collect(),
                api::DocsOutput::Page(page) => {
                    let mut s = format!(
                        "documents {}-{} of {}\n",
                        (page.offset + 1).min(page.total),
                        page.offset + page.documents.len() as u64,
                        page.total
                    );
                    for d in &page.documents {
                        s.push_str(&format!(
                            "{:>6}  {:<10} {:<10}  {:<11} {}{}\n",
                            d.id,
                            d.kind,
                            d.date.as_deref().map_or("-".into(), line),
                            d.review,
                            d.title.as_deref().map_or("(untitled)".into(), line),
                            d.from
                                .as_deref()
                                .map_or(String::new(), |f| format!("  (from {})", line(f)))
                        ));
                    }
                    s
                }
            })
        }
        Command::Show(a) => {
            let d = api::show(&a.case, a.request.doc)?;
            print(a.json, &d, || {
                let mut s = format!(
                    "document {}: {}\nkind:    {}\nstatus:  {}{}\nsha256:  {}\nsize:    {} bytes\n",
                    d.id,
                    d.title.as_deref().map_or("(untitled)".into(), line),
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
                    s += &format!(
                        "source:  {} (ingested {})\n",
                        line(&src.path),
                        src.ingested_at
                    );
                }
                for (k, v) in &d.meta {
                    s += &format!("{}: {}\n", line(k), line(v));
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
            let seal = match &a.seal {
                Some(file) => {
                    let text = std::fs::read_to_string(file).map_err(|e| {
                        ApiError::new(ErrorCode::Io, format!("{}: {e}", file.display()))
                    })?;
                    Some(api::read_seal(&text, &file.display().to_string())?)
                }
                None => None,
            };
            let bar = Progress::new(a.json);
            let out = api::verify(&a.case, &api::VerifyRequest { seal }, &|e| bar.event(&e))?;
            bar.finish();
            print(a.json, &out, || {
                let mut s = format!(
                    "checked {} originals, {} audit rows{}, {} chronology rows against the log, {} citations and {} notes\n",
                    out.objects_checked,
                    out.audit_rows_checked,
                    if out.sealed { " against the seal" } else { "" },
                    out.chronology_rows_checked,
                    out.citations_checked,
                    out.notes_checked
                );
                if out.timestamps_checked > 0 {
                    s += &format!(
                        "checked {} trusted timestamp(s) against their originals\n",
                        out.timestamps_checked
                    );
                }
                for w in &out.withdrawn {
                    s += &format!(
                        "withdrawn citation {} (event {}, document {}) since {}: not checked\n",
                        w.citation, w.event, w.doc, w.withdrawn_at
                    );
                }
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
        Command::Produce(a) => {
            let bar = Progress::new(a.json);
            let out = api::produce(&a.case, &a.request, &api::PathScope::Anything, &|e| {
                bar.event(&e)
            })?;
            bar.finish();
            print(a.json, &out, || {
                let mut s = format!(
                    "produced {} documents, {} pages, {}-{}, {} withheld; manifest sha256 {}\n",
                    out.documents,
                    out.pages,
                    out.first,
                    out.last,
                    out.withheld,
                    out.manifest_sha256
                );
                if out.undrawable_characters > 0 {
                    s += &format!(
                        "{} characters outside WinAnsi drawn as ? on rendered pages (the TEXT files keep them)\n",
                        out.undrawable_characters
                    );
                }
                for r in &out.rendered_from_text {
                    s += &format!(
                        "document {}: PDF not stamped, rendered from its text\n",
                        line(r)
                    );
                }
                s
            })
        }
        Command::Redact(a) => {
            let r = api::redact(&a.case, &a.request)?;
            print(a.json, &r, || {
                format!(
                    "redaction {} on document {} page {}: {}\n",
                    r.id,
                    r.doc,
                    r.page,
                    line(&r.reason)
                )
            })
        }
        Command::Redactions(a) => {
            let list = api::redactions(&a.case, &a.request)?;
            print(a.json, &list, || {
                list.iter()
                    .map(|r| {
                        let what = match (&r.quote, &r.area) {
                            (Some(q), _) => format!("{:?}", line(q)),
                            (None, Some(b)) => format!("box {b:?}"),
                            (None, None) => String::new(),
                        };
                        format!(
                            "{}  document {} page {}  {what}  {}\n",
                            r.id,
                            r.doc,
                            r.page,
                            line(&r.reason)
                        )
                    })
                    .collect()
            })
        }
        Command::VerifyProduction(a) => {
            let out = api::verify_production(
                &api::VerifyProductionRequest {
                    out: a.out.display().to_string(),
                },
                &api::PathScope::Anything,
            )?;
            print(a.json, &out, || {
                let mut s = format!("checked {} files against the manifest\n", out.files);
                for p in &out.problems {
                    s += &format!("PROBLEM {}\n", line(p));
                }
                s
            })?;
            Ok(if out.ok {
                Outcome::Done
            } else {
                Outcome::Problems(format!(
                    "the production has {} problem(s)",
                    out.problems.len()
                ))
            })
        }
        Command::Seal(a) => {
            let seal = api::seal(&a.case)?;
            print(a.json, &seal, || {
                format!(
                    "audit row {} written {} has the hash\n{}\nkeep this (or `dossier seal --json` into a file) outside the case; `dossier verify --seal FILE` checks the log still holds it\n",
                    seal.seq, seal.at, seal.head
                )
            })
        }
        Command::Audit(a) => {
            let rows = api::audit(&a.case)?;
            print(a.json, &rows, || {
                rows.iter()
                    .map(|r| {
                        if a.words {
                            format!(
                                "{:>6}  {}  {:<10} {}\n",
                                r.seq,
                                r.at,
                                r.actor,
                                line(&r.summary_text)
                            )
                        } else {
                            format!(
                                "{:>6}  {}  {:<10} {:<16} {:<14} {}\n",
                                r.seq, r.at, r.actor, r.action, r.target, r.detail
                            )
                        }
                    })
                    .collect()
            })
        }
    }
}

/// The environment variable holding the password for encrypted files, when neither
/// `--password` nor `--password-file` is given.
const PASSWORD_ENV: &str = "DOSSIER_PASSWORD";

/// The password from `--password-file`, `--password` (with a warning: other users see it in
/// `ps`) or [`PASSWORD_ENV`], in that order.
fn ingest_password(a: &IngestArgs) -> Result<Option<String>, ApiError> {
    if let Some(file) = &a.password_file {
        let text = std::fs::read_to_string(file).map_err(|e| {
            ApiError::new(
                ErrorCode::InvalidInput,
                format!("--password-file {}: {e}", file.display()),
            )
        })?;
        let first = text.lines().next().unwrap_or_default();
        return Ok(Some(first.to_owned()));
    }
    if let Some(password) = &a.password {
        eprintln!(
            "dossier: warning: --password is visible to other users of this machine (ps); use --password-file FILE or {PASSWORD_ENV}"
        );
        return Ok(Some(password.clone()));
    }
    Ok(std::env::var(PASSWORD_ENV).ok().filter(|p| !p.is_empty()))
}

fn ingest(a: IngestArgs) -> Result<Outcome, ApiError> {
    let password = ingest_password(&a)?;
    let request = api::IngestRequest {
        paths: a.paths,
        kind: a.kind,
        custodian: a.custodian,
        series: a.series,
        captured: a.captured,
        url: a.url,
        password,
        no_extract: a.no_extract,
        include: a.include,
        exclude: a.exclude,
        batch_items: a.batch.map(|n| n as usize),
        ocr: a.ocr,
        ocr_lang: a.ocr_lang,
    };
    let bar = Progress::new(a.json);
    let out = api::ingest(&a.case, &request, &api::PathScope::Anything, &|e| {
        bar.event(&e)
    })?;
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
            s += &format!("FAILED  {}: {}", line(&f.path), line(&f.error));
            if let Some(id) = f.document {
                s += &format!(" (the original is kept as document {id})");
            }
            s.push('\n');
        }
        for f in &out.skipped {
            s += &format!("skipped {}: {}\n", line(&f.path), line(&f.error));
        }
        s
    })?;
    Ok(if out.failed.is_empty() {
        Outcome::Done
    } else {
        Outcome::Problems(format!(
            "{} item(s) could not be ingested or their text could not be extracted",
            out.failed.len()
        ))
    })
}

/// Prints `value` as JSON, or the human text, on stdout. The human text is shown with
/// its control and bidirectional-override characters visible (`visible.rs`): whatever a
/// command prints from a document reaches the terminal as text, never as a command to it;
/// fields that must stay on their line escape their line breaks too, with [`line`].
fn print<T: Serialize>(
    json: bool,
    value: &T,
    human: impl FnOnce() -> String,
) -> Result<Outcome, ApiError> {
    let text = if json {
        let mut s = serde_json::to_string_pretty(value).map_err(|e| {
            ApiError::new(ErrorCode::Internal, format!("cannot serialise output: {e}"))
        })?;
        s.push('\n');
        s
    } else {
        let text = human();
        visible(&text, Breaks::Keep).into_owned()
    };
    let mut out = std::io::stdout().lock();
    // A closed pipe (`dossier docs | head`) is not an error worth reporting.
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    Ok(Outcome::Done)
}

/// The folder tree for people: one folder a line, indented under its parent, with the
/// documents in it and below it.
fn folder_lines(folders: &[api::FolderNode], depth: usize) -> String {
    folders
        .iter()
        .map(|f| {
            format!(
                "{:>7}  {}{}\n{}",
                f.total,
                "  ".repeat(depth),
                line(&f.name),
                folder_lines(&f.children, depth + 1)
            )
        })
        .collect()
}

/// The corrected text of `dossier ocr-correct`: a UTF-8 file, or standard input for `-`.
fn read_text_file(path: &std::path::Path) -> Result<String, ApiError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(drop)
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes).map(drop))
    };
    read.map_err(|e| {
        ApiError::new(
            ErrorCode::Io,
            format!("{}: cannot read the text file: {e}", path.display()),
        )
    })?;
    String::from_utf8(bytes).map_err(|e| {
        ApiError::new(
            ErrorCode::InvalidInput,
            format!("{}: not UTF-8 text: {e}", path.display()),
        )
    })
}
