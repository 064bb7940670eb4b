//! The Tauri commands: each a one-line delegation to `dossier-api`.
//!
//! The surface commands take the case from the window's [`OpenCase`] state; long ones forward
//! the api's progress [`Event`]s to the UI as the Tauri event [`PROGRESS_EVENT`]. Two commands
//! exist only here, because only the desktop chooses which case a window shows:
//! `open_case` and `recent_cases`.

use std::path::PathBuf;

use dossier_api::{
    ApiError, AuditRow, CaseSummary, DocListItem, DocsRequest, DocumentView, Event, IngestOutput,
    IngestRequest, InitOutput, VerifyOutput,
};
use tauri::{AppHandle, Emitter, Manager, State};

use crate::open_case::OpenCase;
use crate::recent;

/// The Tauri event carrying progress of long commands (payload: `dossier_api::Event`).
pub const PROGRESS_EVENT: &str = "dossier://progress";

/// Lists the commands once, and derives from that one list both the invoke handler and the
/// names the parity test compares with `dossier_api::COMMANDS`.
macro_rules! commands {
    (surface: [$($surface:ident),* $(,)?], desktop: [$($desktop:ident),* $(,)?]) => {
        /// The api surface this shell exposes, by command name.
        #[cfg(test)]
        const SURFACE: &[&str] = &[$(stringify!($surface)),*];
        /// Commands only the desktop has.
        #[cfg(test)]
        const DESKTOP_ONLY: &[&str] = &[$(stringify!($desktop)),*];
        /// The invoke handler for exactly those commands.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($surface,)* $($desktop),*]
        }
    };
}

commands! {
    surface: [init, ingest, docs, show, verify, audit, summary],
    desktop: [open_case, recent_cases]
}

fn forward_progress(app: &AppHandle) -> impl Fn(Event) + Sync + '_ {
    move |event| {
        // A window that is gone cannot show progress; the command still completes.
        let _ = app.emit(PROGRESS_EVENT, event);
    }
}

/// Creates a case at `path` (chosen in a folder dialog); open it with [`open_case`].
#[tauri::command(async)]
fn init(path: PathBuf) -> Result<InitOutput, ApiError> {
    dossier_api::init(&path)
}

/// Ingests files and folders (chosen in a dialog or dropped on the window).
#[tauri::command(async)]
fn ingest(
    app: AppHandle,
    case: State<'_, OpenCase>,
    request: IngestRequest,
) -> Result<IngestOutput, ApiError> {
    dossier_api::ingest(&case.path()?, &request, &forward_progress(&app))
}

/// Lists documents.
#[tauri::command(async)]
fn docs(case: State<'_, OpenCase>, request: DocsRequest) -> Result<Vec<DocListItem>, ApiError> {
    dossier_api::docs(&case.path()?, &request)
}

/// Shows one document.
#[tauri::command(async)]
fn show(case: State<'_, OpenCase>, doc: i64) -> Result<DocumentView, ApiError> {
    dossier_api::show(&case.path()?, doc)
}

/// Verifies the case.
#[tauri::command(async)]
fn verify(app: AppHandle, case: State<'_, OpenCase>) -> Result<VerifyOutput, ApiError> {
    dossier_api::verify(&case.path()?, &forward_progress(&app))
}

/// The audit log.
#[tauri::command(async)]
fn audit(case: State<'_, OpenCase>) -> Result<Vec<AuditRow>, ApiError> {
    dossier_api::audit(&case.path()?)
}

/// The open case at a glance.
#[tauri::command(async)]
fn summary(case: State<'_, OpenCase>) -> Result<CaseSummary, ApiError> {
    dossier_api::case_summary(&case.path()?)
}

/// Switches the window to the case at `path`, remembers it among the recent cases, and
/// returns its summary.
#[tauri::command(async)]
fn open_case(
    app: AppHandle,
    case: State<'_, OpenCase>,
    path: PathBuf,
) -> Result<CaseSummary, ApiError> {
    let summary = dossier_api::case_summary(&path)?;
    case.set(path.clone());
    if let Ok(dir) = app.path().app_config_dir()
        && let Err(e) = recent::remember(&recent::list_file(&dir), &path)
    {
        eprintln!("dossier-desktop: cannot update the recent-cases list: {e}");
    }
    Ok(summary)
}

/// Recently opened cases, newest first.
#[tauri::command(async)]
fn recent_cases(app: AppHandle) -> Vec<PathBuf> {
    app.path()
        .app_config_dir()
        .map(|dir| recent::load(&recent::list_file(&dir)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_desktop_exposes_exactly_the_api_surface_plus_case_switching() {
        let mut surface = SURFACE.to_vec();
        surface.sort_unstable();
        let mut api = dossier_api::COMMANDS.to_vec();
        api.sort_unstable();
        assert_eq!(surface, api);
        assert_eq!(DESKTOP_ONLY, ["open_case", "recent_cases"]);
    }
}
