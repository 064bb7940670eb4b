//! `dossier original`: a document's original bytes, as the case stores them.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use dossier_api::{self as api, ApiError, ErrorCode};

use crate::{Outcome, print};

/// Arguments of `dossier original`.
#[derive(Args)]
pub struct OriginalArgs {
    /// The case folder.
    case: PathBuf,
    /// Document id.
    doc: i64,
    /// Write the bytes to this file (it must not exist) instead of standard output.
    #[arg(long, conflicts_with = "json")]
    out: Option<PathBuf>,
    /// Print one JSON value on stdout, the bytes in base64.
    #[arg(long)]
    json: bool,
}

/// Runs `dossier original`: raw bytes to a file or stdout, or JSON with `--json`.
pub fn original(a: OriginalArgs) -> Result<Outcome, ApiError> {
    if a.json {
        let out = api::original(&a.case, &api::OriginalRequest { doc: a.doc })?;
        return print(true, &out, String::new);
    }
    let (_, bytes) = api::original_bytes(&a.case, a.doc)?;
    match a.out {
        Some(path) => {
            // create_new: an original is evidence; never overwrite a file that is already there.
            let written = std::fs::File::create_new(&path).and_then(|mut f| f.write_all(&bytes));
            written
                .map_err(|e| ApiError::new(ErrorCode::Io, format!("{}: {e}", path.display())))?;
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            let written = stdout.write_all(&bytes).and_then(|()| stdout.flush());
            if let Err(e) = written
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                return Err(ApiError::new(
                    ErrorCode::Io,
                    format!("standard output: {e}"),
                ));
            }
        }
    }
    Ok(Outcome::Done)
}
