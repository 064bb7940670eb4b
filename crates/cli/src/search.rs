//! `dossier search` and `dossier reindex`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use dossier_api::{self as api, ApiError};

use crate::visible::line;
use crate::{Outcome, print};

/// How hits are ordered.
#[derive(Clone, Copy, ValueEnum)]
pub enum Sort {
    /// Best match first.
    Relevance,
    /// Newest first.
    Date,
}

/// Arguments of `dossier search`.
#[derive(Args)]
pub struct SearchArgs {
    /// The case folder.
    case: PathBuf,
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
    /// Only documents held by this custodian (exactly as given to `ingest --custodian`).
    #[arg(long)]
    custodian: Option<String>,
    /// How many documents to list.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Order of the hits.
    #[arg(long, value_enum, default_value = "relevance")]
    sort: Sort,
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
        query: a.query,
        kind: a.kind,
        since: a.since,
        until: a.until,
        tag: a.tag,
        custodian: a.custodian,
        limit: Some(a.limit),
        sort: match a.sort {
            Sort::Relevance => api::SearchSort::Relevance,
            Sort::Date => api::SearchSort::Date,
        },
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
        let mut s = format!("{} document(s)\n", out.total);
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
