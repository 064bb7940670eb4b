//! `dossier demo CASE [--samples DIR]`: builds the sample matter into CASE (see
//! `dossier_api::demo`). CLI-only: it reads the source tree's `samples/` folder, which the
//! desktop app and the server have no business knowing about.

use std::path::PathBuf;

use clap::Args;
use dossier_api::{self as api, ApiError};

use crate::progress::Progress;
use crate::{Outcome, print};

/// Arguments of `dossier demo`.
#[derive(Args)]
pub struct DemoArgs {
    /// The case folder (created when it does not exist).
    case: PathBuf,
    /// The sample folder (sources/, policy/, timeline.csv); by default the repository's
    /// samples/ folder this program was built from.
    #[arg(long)]
    samples: Option<PathBuf>,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// Runs `dossier demo`.
pub fn demo(a: DemoArgs) -> Result<Outcome, ApiError> {
    let bar = Progress::new(a.json);
    let request = api::DemoRequest { samples: a.samples };
    let out = api::demo(&a.case, &request, &|e| bar.event(&e));
    bar.finish();
    let out = out?;
    print(a.json, &out, || {
        format!(
            "sample case {}: {} documents ({} added), {} events ({} added)\n",
            out.case, out.documents, out.added_documents, out.events, out.added_events
        )
    })
}
