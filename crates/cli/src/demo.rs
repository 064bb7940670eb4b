//! `dossier demo CASE [--samples DIR]`: builds the sample matter into CASE (see
//! `dossier_api::demo`). CLI-only: the sample matter is embedded in `dossier` (see
//! `samples.rs`), which the desktop app and the server have no business carrying.

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
    /// The sample folder (sources/, policy/, timeline.csv); by default the samples embedded
    /// in this program, unpacked into the user's data folder.
    #[arg(long)]
    samples: Option<PathBuf>,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// Runs `dossier demo`.
pub fn demo(a: DemoArgs) -> Result<Outcome, ApiError> {
    let samples = match a.samples {
        Some(dir) => dir,
        None => crate::samples::unpacked()?,
    };
    let bar = Progress::new(a.json);
    let request = api::DemoRequest {
        samples: Some(samples),
    };
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
