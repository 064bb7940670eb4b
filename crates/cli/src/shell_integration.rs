//! `dossier completions SHELL` and `dossier man`: shell completions and manual pages,
//! generated from the same clap definitions that parse the command line, so they never
//! drift from it. The bundles ship both (`scripts/dev bundle` writes them).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, CommandFactory};
use dossier_api::{ApiError, ErrorCode};

use crate::{Cli, Outcome};

/// Arguments of `dossier completions`.
#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    shell: clap_complete::Shell,
}

/// Arguments of `dossier man`.
#[derive(Args)]
pub struct ManArgs {
    /// Write `dossier.1` and one page per subcommand (`dossier-ingest.1`, …) into this
    /// folder instead of printing `dossier.1` on stdout.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// Prints the completion script for the shell on stdout.
pub fn completions(a: CompletionsArgs) -> Result<Outcome, ApiError> {
    let mut command = Cli::command();
    // Into a buffer first: clap_complete panics when its writer fails (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(a.shell, &mut command, "dossier", &mut script);
    std::io::stdout().write_all(&script).map_err(|e| {
        ApiError::new(
            ErrorCode::Io,
            format!("cannot write the completions to stdout: {e}"),
        )
    })?;
    Ok(Outcome::Done)
}

/// Prints the manual page, or writes every page into `--out`.
pub fn man(a: ManArgs) -> Result<Outcome, ApiError> {
    let command = Cli::command();
    let written = match &a.out {
        Some(dir) => {
            std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(command, dir))
        }
        None => clap_mangen::Man::new(command).render(&mut std::io::stdout()),
    };
    written.map_err(|e| {
        let place = a
            .out
            .as_ref()
            .map_or("stdout".to_owned(), |d| d.display().to_string());
        ApiError::new(
            ErrorCode::Io,
            format!("cannot write the manual to {place}: {e}"),
        )
    })?;
    Ok(Outcome::Done)
}
