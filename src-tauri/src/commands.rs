//! The Tauri commands: each a one-line delegation to `dossier-api`.
//!
//! The surface commands take the case from the window's [`OpenCase`] state; long ones forward
//! the api's progress [`Event`]s to the UI as the Tauri event [`PROGRESS_EVENT`]. Two commands
//! exist only here, because only the desktop chooses which case a window shows:
//! `open_case` and `recent_cases`; and one because only the desktop saves files through a native
//! dialog: `save_export`.

use std::path::PathBuf;

use dossier_api::{
    ApiError, AuditRow, CaseSummary, DocListItem, DocsRequest, DocumentView, Event, IngestOutput,
    IngestRequest, InitOutput, PathScope, VerifyOutput,
};
use tauri::{AppHandle, Emitter, Manager, State};

use crate::open_case::OpenCase;
use crate::recent;
use crate::save_export;

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
    surface: [init, ingest, docs, show, original, verify, seal, audit, summary, thread,
              policy, policy_diff, policy_trace, policy_asof, search, reindex,
              event, cite, timeline, tag, exhibit, exhibits, note, notes, note_delete, undo,
              suggest],
    desktop: [open_case, recent_cases, save_export]
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

/// Ingests files and folders (chosen in a dialog or dropped on the window): anything the
/// user can read, since the person naming the paths is the one whose files they are.
#[tauri::command(async)]
fn ingest(
    app: AppHandle,
    case: State<'_, OpenCase>,
    request: IngestRequest,
) -> Result<IngestOutput, ApiError> {
    dossier_api::ingest(
        &*case.session()?,
        &request,
        &PathScope::Anything,
        &forward_progress(&app),
    )
}

/// Lists documents.
#[tauri::command(async)]
fn docs(case: State<'_, OpenCase>, request: DocsRequest) -> Result<Vec<DocListItem>, ApiError> {
    dossier_api::docs(&*case.session()?, &request)
}

/// Shows one document.
#[tauri::command(async)]
fn show(case: State<'_, OpenCase>, doc: i64) -> Result<DocumentView, ApiError> {
    dossier_api::show(&*case.session()?, doc)
}

/// A document's original bytes (base64), for viewers that render the file itself.
#[tauri::command(async)]
fn original(
    case: State<'_, OpenCase>,
    request: dossier_api::OriginalRequest,
) -> Result<dossier_api::OriginalOutput, ApiError> {
    dossier_api::original(&*case.session()?, &request)
}

/// Verifies the case (against a seal kept elsewhere, when given).
#[tauri::command(async)]
fn verify(
    app: AppHandle,
    case: State<'_, OpenCase>,
    request: Option<dossier_api::VerifyRequest>,
) -> Result<VerifyOutput, ApiError> {
    dossier_api::verify(
        &*case.session()?,
        &request.unwrap_or_default(),
        &forward_progress(&app),
    )
}

/// The audit chain's head, to keep outside the case.
#[tauri::command(async)]
fn seal(case: State<'_, OpenCase>) -> Result<dossier_api::Seal, ApiError> {
    dossier_api::seal(&*case.session()?)
}

/// The audit log.
#[tauri::command(async)]
fn audit(case: State<'_, OpenCase>) -> Result<Vec<AuditRow>, ApiError> {
    dossier_api::audit(&*case.session()?)
}

/// The open case at a glance.
#[tauri::command(async)]
fn summary(case: State<'_, OpenCase>) -> Result<CaseSummary, ApiError> {
    dossier_api::case_summary(&*case.session()?)
}

/// The email thread a message belongs to.
#[tauri::command(async)]
fn thread(
    case: State<'_, OpenCase>,
    request: dossier_api::ThreadRequest,
) -> Result<dossier_api::ThreadOutput, ApiError> {
    dossier_api::thread(&*case.session()?, &request)
}

/// Adds, edits, deletes, undoes or imports events; withdraws or reinstates citations.
#[tauri::command(async)]
fn event(
    case: State<'_, OpenCase>,
    request: dossier_api::EventRequest,
) -> Result<dossier_api::EventOutput, ApiError> {
    dossier_api::event(&*case.session()?, &request, &PathScope::Anything)
}

/// Cites a document for an event.
#[tauri::command(async)]
fn cite(
    case: State<'_, OpenCase>,
    request: dossier_api::CiteRequest,
) -> Result<dossier_api::CiteOutput, ApiError> {
    dossier_api::cite(&*case.session()?, &request)
}

/// The chronology, as JSON or an export.
#[tauri::command(async)]
fn timeline(
    case: State<'_, OpenCase>,
    request: dossier_api::TimelineRequest,
) -> Result<dossier_api::TimelineOutput, ApiError> {
    dossier_api::timeline(&*case.session()?, &request)
}

/// Tags a document or an event.
#[tauri::command(async)]
fn tag(
    case: State<'_, OpenCase>,
    request: dossier_api::TagRequest,
) -> Result<dossier_api::TagOutput, ApiError> {
    dossier_api::tag(&*case.session()?, &request)
}

/// Makes a document an exhibit.
#[tauri::command(async)]
fn exhibit(
    case: State<'_, OpenCase>,
    request: dossier_api::ExhibitRequest,
) -> Result<dossier_api::ExhibitView, ApiError> {
    dossier_api::exhibit(&*case.session()?, &request)
}

/// The exhibit list, as JSON, CSV or DAT.
#[tauri::command(async)]
fn exhibits(
    case: State<'_, OpenCase>,
    request: dossier_api::ExhibitsRequest,
) -> Result<dossier_api::ExhibitsOutput, ApiError> {
    dossier_api::exhibits(&*case.session()?, &request)
}

/// Attaches a note to a span of a document.
#[tauri::command(async)]
fn note(
    case: State<'_, OpenCase>,
    request: dossier_api::NoteRequest,
) -> Result<dossier_api::NoteView, ApiError> {
    dossier_api::note(&*case.session()?, &request)
}

/// Notes, re-checked.
#[tauri::command(async)]
fn notes(
    case: State<'_, OpenCase>,
    request: dossier_api::NotesRequest,
) -> Result<Vec<dossier_api::NoteView>, ApiError> {
    dossier_api::notes(&*case.session()?, &request)
}

/// Deletes a note (kept; `undo` restores it).
#[tauri::command(async)]
fn note_delete(
    case: State<'_, OpenCase>,
    request: dossier_api::NoteDeleteRequest,
) -> Result<dossier_api::NoteDeleteOutput, ApiError> {
    dossier_api::note_delete(&*case.session()?, &request)
}

/// Undoes the last chronology edit, or redoes the last undo.
#[tauri::command(async)]
fn undo(
    case: State<'_, OpenCase>,
    request: dossier_api::UndoRequest,
) -> Result<dossier_api::UndoOutput, ApiError> {
    dossier_api::undo(&*case.session()?, &request)
}

/// Candidate events, or accepting some.
#[tauri::command(async)]
fn suggest(
    case: State<'_, OpenCase>,
    request: dossier_api::SuggestRequest,
) -> Result<dossier_api::SuggestOutput, ApiError> {
    dossier_api::suggest(&*case.session()?, &request)
}

/// Policy series, or one series with its versions and changes.
#[tauri::command(async)]
fn policy(
    case: State<'_, OpenCase>,
    request: dossier_api::PolicyRequest,
) -> Result<dossier_api::PolicyOutput, ApiError> {
    dossier_api::policy(&*case.session()?, &request)
}

/// A word-level diff of two versions of a series.
#[tauri::command(async)]
fn policy_diff(
    case: State<'_, OpenCase>,
    request: dossier_api::PolicyDiffRequest,
) -> Result<dossier_api::PolicyDiffOutput, ApiError> {
    dossier_api::policy_diff(&*case.session()?, &request)
}

/// When a phrase appeared in and disappeared from a series.
#[tauri::command(async)]
fn policy_trace(
    case: State<'_, OpenCase>,
    request: dossier_api::PolicyTraceRequest,
) -> Result<dossier_api::PolicyTraceOutput, ApiError> {
    dossier_api::policy_trace(&*case.session()?, &request)
}

/// Searches a series as it read on a date.
#[tauri::command(async)]
fn policy_asof(
    case: State<'_, OpenCase>,
    request: dossier_api::PolicyAsofRequest,
) -> Result<dossier_api::PolicyAsofOutput, ApiError> {
    dossier_api::policy_asof(&*case.session()?, &request)
}

/// Full-text search.
#[tauri::command(async)]
fn search(
    case: State<'_, OpenCase>,
    request: dossier_api::SearchRequest,
) -> Result<dossier_api::SearchOutput, ApiError> {
    dossier_api::search(&*case.session()?, &request)
}

/// Rebuilds the search index from the case database.
#[tauri::command(async)]
fn reindex(case: State<'_, OpenCase>) -> Result<dossier_api::ReindexOutput, ApiError> {
    dossier_api::reindex(&*case.session()?)
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

/// Writes an export to the path the user chose in the native save dialog; returns its size in
/// bytes. Desktop-only: a browser saves exports as downloads.
#[tauri::command(async)]
fn save_export(path: PathBuf, contents: String) -> Result<u64, ApiError> {
    save_export::write_export(&path, &contents)
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
        assert_eq!(DESKTOP_ONLY, ["open_case", "recent_cases", "save_export"]);
    }
}
