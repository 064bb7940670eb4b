//! `dossier serve`: prints the UI's URL with its token, then serves until interrupted.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;
use dossier_api::{ApiError, ErrorCode, PathScope};
use dossier_server::{ServeOptions, new_token, serve, ui_url};

/// Arguments of `dossier serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// The case folder.
    case: PathBuf,
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    addr: SocketAddr,
    /// Accept connections from other machines (by IP address; names other than localhost
    /// are refused). The token is still required.
    #[arg(long)]
    allow_remote: bool,
    /// A folder whose files the browser may ingest by path (repeatable). Without any, adding
    /// files by path is off: the paths come from a web page, so the person running the
    /// server decides which folders it may read. `/proc`, `/sys` and `/dev` never are.
    #[arg(long = "allow-path", value_name = "DIR")]
    allow_path: Vec<PathBuf>,
    /// A built UI folder to serve instead of the one embedded in this binary (for working on
    /// the UI without rebuilding `dossier`).
    #[arg(long, env = "DOSSIER_UI_DIR")]
    ui_dir: Option<PathBuf>,
}

/// Serves the case; returns only on failure.
pub fn run(a: ServeArgs) -> Result<(), ApiError> {
    let token = new_token()
        .map_err(|e| ApiError::new(ErrorCode::Io, format!("cannot draw a random token: {e}")))?;
    let scope = PathScope::under(&a.allow_path)
        .map_err(|e| ApiError::new(ErrorCode::InvalidInput, e.to_string()))?;
    if scope.is_off() {
        eprintln!(
            "note: adding files by path is off; pass --allow-path DIR to let the browser ingest files under DIR"
        );
    }
    let options = ServeOptions {
        case: a.case,
        addr: a.addr,
        allow_remote: a.allow_remote,
        ui_dir: a.ui_dir,
        token: token.clone(),
        scope,
    };
    serve(options, |bound| {
        let mut out = std::io::stdout().lock();
        // One line, flushed at once: scripts and tests wait for it.
        let _ = writeln!(out, "{}", ui_url(bound, &token)).and_then(|()| out.flush());
    })
    .map_err(|e| ApiError::new(e.code(), e.to_string()))
}
