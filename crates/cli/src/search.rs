//! `dossier search` and `dossier reindex`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use dossier_api::{self as api, ApiError, ErrorCode};

use crate::visible::line;
use crate::{Outcome, print};

/// The query and filters shared by `search`, `search-export` and `saved-search`.
#[derive(Args)]
pub struct QueryArgs {
    /// The query: words, "phrases", "a b"~5, prefix*, fuzzy~1, AND/OR/NOT, -word,
    /// title:/from:/to:/kind:/tag:/custodian:/series: values, date:2024-08 or date:[2001 TO 2002].
    query: String,
    /// Only documents of this kind.
    #[arg(long)]
    kind: Option<String>,
    /// Only documents dated on or after this date (2024, 2024-08, 2024-08-15).
    #[arg(long)]
    since: Option<String>,
    /// Only documents dated on or before this date.
    #[arg(long)]
    until: Option<String>,
    /// Only documents with this tag.
    #[arg(long)]
    tag: Option<String>,
    /// Leave out documents with this tag.
    #[arg(long, value_name = "TAG")]
    not_tag: Option<String>,
    /// Only documents that the saved search NAME finds (see `saved-search`).
    #[arg(long, value_name = "NAME")]
    in_saved: Option<String>,
    /// Leave out the documents that the saved search NAME finds.
    #[arg(long, value_name = "NAME")]
    not_in_saved: Option<String>,
    /// Only documents held by this custodian (exactly as given to `ingest --custodian`).
    #[arg(long)]
    custodian: Option<String>,
}

impl QueryArgs {
    fn request(self) -> api::SearchRequest {
        api::SearchRequest {
            query: self.query,
            kind: self.kind,
            since: self.since,
            until: self.until,
            tag: self.tag,
            not_tag: self.not_tag,
            in_saved: self.in_saved,
            not_in_saved: self.not_in_saved,
            custodian: self.custodian,
            ..api::SearchRequest::default()
        }
    }
}

/// Arguments of `dossier search`.
#[derive(Args)]
pub struct SearchArgs {
    /// The case folder.
    case: PathBuf,
    #[command(flatten)]
    query: QueryArgs,
    /// How many documents to list (at most 1000).
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// How many documents of the order to skip first (the next page: --offset 20).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Order of the hits: relevance, date (newest first) or oldest (also -date).
    #[arg(
        long,
        value_enum,
        default_value = "relevance",
        allow_hyphen_values = true
    )]
    sort: api::SearchSort,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// Arguments of `dossier search-export`.
#[derive(Args)]
pub struct ExportArgs {
    /// The case folder.
    case: PathBuf,
    #[command(flatten)]
    query: QueryArgs,
    /// Order of the rows: relevance, date (newest first) or oldest (also -date).
    #[arg(
        long,
        value_enum,
        default_value = "relevance",
        allow_hyphen_values = true
    )]
    sort: api::SearchSort,
    /// Write the CSV to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// Arguments of `dossier search-batch`.
#[derive(Args)]
pub struct BatchArgs {
    /// The case folder.
    case: PathBuf,
    /// A text file of queries, one per line (`-` for stdin); blank lines and lines starting
    /// with `#` are skipped.
    file: PathBuf,
    /// Print the counts as CSV (query,total,error) instead of lines.
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    /// Print one JSON value on stdout: [{"query", "total", "error"}].
    #[arg(long)]
    json: bool,
}

/// Arguments of `dossier saved-search`.
#[derive(Args)]
pub struct SaveArgs {
    /// The case folder.
    case: PathBuf,
    /// The name to keep it under (a name in use is replaced).
    name: String,
    #[command(flatten)]
    query: QueryArgs,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// Arguments of `dossier saved-search-delete`.
#[derive(Args)]
pub struct DeleteSavedArgs {
    /// The case folder.
    case: PathBuf,
    /// The saved search's name.
    name: String,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// Arguments of `dossier reindex`.
#[derive(Args)]
pub struct ReindexArgs {
    /// The case folder.
    case: PathBuf,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// Runs `dossier search`.
pub fn search(a: SearchArgs) -> Result<Outcome, ApiError> {
    let request = api::SearchRequest {
        limit: Some(a.limit),
        offset: a.offset,
        sort: a.sort,
        ..a.query.request()
    };
    let out = api::search(&a.case, &request)?;
    if out.index_behind {
        eprintln!(
            "dossier: the search index lacks recent changes to this case (an ingest is running, or \
             one stopped before updating it); these results may be incomplete. `dossier reindex` \
             rebuilds it."
        );
    }
    print(a.json, &out, || {
        let mut s = match out.hits.len() {
            0 => format!("{} document(s)\n", out.total),
            n => format!(
                "{} document(s); {}–{} shown\n",
                out.total,
                out.offset + 1,
                out.offset + n
            ),
        };
        for h in &out.hits {
            let page = h.page.map(|p| format!(" p.{p}")).unwrap_or_default();
            s += &format!(
                "{:>6}{page}  {:<8} {:<10}  {}\n        {}\n",
                h.doc,
                h.kind,
                h.date.as_deref().map_or("-".into(), line),
                h.title.as_deref().map_or("(untitled)".into(), line),
                line(&h.snippet.replace('\n', " "))
            );
        }
        s
    })
}

/// Runs `dossier reindex`.
pub fn reindex(a: ReindexArgs) -> Result<Outcome, ApiError> {
    let out = api::reindex(&a.case)?;
    print(a.json, &out, || {
        format!("indexed {} document(s)\n", out.documents)
    })
}

/// Runs `dossier search-export`: every hit as CSV.
pub fn export(a: ExportArgs) -> Result<Outcome, ApiError> {
    let request = api::SearchRequest {
        sort: a.sort,
        ..a.query.request()
    };
    let csv = api::search_export(&a.case, &request)?;
    match &a.out {
        Some(file) => {
            std::fs::write(file, &csv.content)
                .map_err(|e| ApiError::new(ErrorCode::Io, format!("{}: {e}", file.display())))?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = out
                .write_all(csv.content.as_bytes())
                .and_then(|()| out.flush());
        }
    }
    Ok(Outcome::Done)
}

/// Runs `dossier search-batch`.
pub fn batch(a: BatchArgs) -> Result<Outcome, ApiError> {
    let text = if a.file.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())
            .map_err(|e| ApiError::new(ErrorCode::Io, format!("stdin: {e}")))?
    } else {
        std::fs::read_to_string(&a.file)
            .map_err(|e| ApiError::new(ErrorCode::Io, format!("{}: {e}", a.file.display())))?
    };
    let request = api::SearchBatchRequest {
        queries: text.lines().map(str::to_owned).collect(),
        format: a.csv.then(|| "csv".to_owned()),
    };
    let out = api::search_batch(&a.case, &request)?;
    let rows = match out {
        api::SearchBatchOutput::Export(csv) => {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout
                .write_all(csv.content.as_bytes())
                .and_then(|()| stdout.flush());
            return Ok(Outcome::Done);
        }
        api::SearchBatchOutput::Rows(rows) => rows,
    };
    print(a.json, &rows, || {
        rows.iter()
            .map(|r| match (&r.total, &r.error) {
                (_, Some(error)) => {
                    format!("{:>8}  {}  ({})\n", "error", line(&r.query), line(error))
                }
                (Some(total), None) => format!("{total:>8}  {}\n", line(&r.query)),
                (None, None) => format!("{:>8}  {}\n", "-", line(&r.query)),
            })
            .collect()
    })
}

/// Runs `dossier saved-search`.
pub fn save(a: SaveArgs) -> Result<Outcome, ApiError> {
    let request = api::SavedSearchRequest {
        name: a.name,
        request: a.query.request(),
    };
    let out = api::saved_search(&a.case, &request)?;
    print(a.json, &out, || {
        format!(
            "{} saved search {:?} ({} document(s) now)\n",
            if out.created { "created" } else { "replaced" },
            line(&out.saved.name),
            out.total
        )
    })
}

/// Runs `dossier saved-searches`.
pub fn list(a: crate::CaseArgs) -> Result<Outcome, ApiError> {
    let saved = api::saved_searches(&a.case)?;
    print(a.json, &saved, || {
        saved
            .iter()
            .map(|s| format!("{:<24}  {}\n", line(&s.name), line(&s.request.query)))
            .collect()
    })
}

/// Runs `dossier saved-search-delete`.
pub fn delete(a: DeleteSavedArgs) -> Result<Outcome, ApiError> {
    let out = api::saved_search_delete(&a.case, &api::SavedSearchDeleteRequest { name: a.name })?;
    print(a.json, &out, || {
        format!("deleted saved search {:?}\n", line(&out.deleted))
    })
}
