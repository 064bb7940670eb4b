//! `dossier thread`.

use std::path::PathBuf;

use clap::Args;
use dossier_api::{self as api, ApiError};

use crate::visible::line;
use crate::{Outcome, print};

/// Arguments of `dossier thread`.
#[derive(Args)]
pub struct ThreadArgs {
    /// The case folder.
    case: PathBuf,
    /// Any message of the thread (a document id).
    doc: i64,
    /// Also join messages without References or In-Reply-To headers to the thread of a
    /// message with the same subject (Re:, Fwd:, AW: stripped). Off by default.
    #[arg(long)]
    group_by_subject: bool,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// Runs `dossier thread`: the messages indented under the ones they answer.
pub fn thread(a: ThreadArgs) -> Result<Outcome, ApiError> {
    let out = api::thread(
        &a.case,
        &api::ThreadRequest {
            doc: a.doc,
            group_by_subject: a.group_by_subject,
        },
    )?;
    print(a.json, &out, || {
        let depth = |mut id: i64| {
            let mut d = 0;
            while let Some(p) = out
                .messages
                .iter()
                .find(|m| m.id == id)
                .and_then(|m| m.parent)
            {
                id = p;
                d += 1;
                if d > out.messages.len() {
                    break;
                }
            }
            d
        };
        out.messages
            .iter()
            .map(|m| {
                format!(
                    "{:>6}  {:<20}  {}{}  ({})\n",
                    m.id,
                    m.date.as_deref().map_or("-".into(), line),
                    "  ".repeat(depth(m.id)),
                    m.subject.as_deref().map_or("(no subject)".into(), line),
                    m.from.as_deref().map_or("unknown sender".into(), line)
                )
            })
            .collect()
    })
}
