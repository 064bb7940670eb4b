//! The Tauri commands. The whole api surface is one of them, [`call`]: a command name and its
//! JSON arguments, run through `dossier_api::dispatch` exactly as `dossier serve` runs them, so
//! a command added to the api reaches the window with no line here.
//!
//! Commands take the case from the window's [`OpenCase`] state and run on a blocking thread, so
//! a long ingest or verify never holds one of the async runtime's workers; their progress
//! [`Event`]s reach the UI as the Tauri event [`PROGRESS_EVENT`]. Four commands exist only here,
//! because only the desktop chooses which case a window shows: `create_case`, `open_case` and
//! `recent_cases`; and because only the desktop saves files through a native dialog:
//! `save_export`.

use std::path::PathBuf;

use dossier_api::{ApiError, CaseSummary, ErrorCode, Event, InitOutput, PathScope, Session};
use serde_json::Value;
use tauri::{AppHandle, Emitter, Manager, State};

use crate::open_case::OpenCase;
use crate::recent;
use crate::save_export;

/// The Tauri event carrying progress of long commands (payload: `dossier_api::Event`).
pub const PROGRESS_EVENT: &str = "dossier://progress";

/// Lists the window's IPC commands once, and derives from that one list both the invoke
/// handler and the names the tests check.
macro_rules! ipc_commands {
    ($($name:ident),* $(,)?) => {
        /// Every command the window may invoke, by name.
        #[cfg(test)]
        const IPC_COMMANDS: &[&str] = &[$(stringify!($name)),*];
        /// The invoke handler for exactly those commands.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}

ipc_commands![call, create_case, open_case, recent_cases, save_export];

/// Runs `command` of `dossier_api::COMMANDS` on the window's case with `args` as its JSON
/// arguments (missing or `null`: none), on a blocking thread; answers its JSON result or the
/// api's `{code, message}`.
#[tauri::command]
async fn call(
    app: AppHandle,
    case: State<'_, OpenCase>,
    command: String,
    args: Option<Value>,
) -> Result<Value, ApiError> {
    // The case's session: its connections and search index stay open between calls.
    let session = case.session()?;
    let name = command.clone();
    blocking(&name, move || {
        let progress = move |event: Event| {
            // A window that is gone cannot show progress; the command still completes.
            let _ = app.emit(PROGRESS_EVENT, event);
        };
        run(&session, &command, args.unwrap_or(Value::Null), &progress)
    })
    .await
}

/// One command of the surface on `case`, as the window runs it: files may be read from
/// anywhere the user can read (`PathScope::Anything`), since the person naming the paths in
/// the window is the one whose files they are.
fn run(
    case: &Session,
    command: &str,
    args: Value,
    progress: &(dyn Fn(Event) + Sync),
) -> Result<Value, ApiError> {
    dossier_api::dispatch(command, case, args, &PathScope::Anything, progress)
}

/// Creates a case at `path` (chosen in a folder dialog), named `name` if one was typed;
/// open it with [`open_case`].
#[tauri::command]
async fn create_case(path: PathBuf, name: Option<String>) -> Result<InitOutput, ApiError> {
    blocking("create_case", move || {
        dossier_api::init_named(&path, name.as_deref())
    })
    .await
}

/// Switches the window to the case at `path`, remembers it among the recent cases, and
/// returns its summary.
#[tauri::command]
async fn open_case(app: AppHandle, path: PathBuf) -> Result<CaseSummary, ApiError> {
    blocking("open_case", move || {
        let summary = dossier_api::case_summary(&path)?;
        app.state::<OpenCase>().set(path.clone());
        if let Ok(dir) = app.path().app_config_dir()
            && let Err(e) = recent::remember(&recent::list_file(&dir), &path)
        {
            eprintln!("dossier-desktop: cannot update the recent-cases list: {e}");
        }
        Ok(summary)
    })
    .await
}

/// Recently opened cases, newest first.
#[tauri::command]
async fn recent_cases(app: AppHandle) -> Result<Vec<PathBuf>, ApiError> {
    blocking("recent_cases", move || {
        Ok(app
            .path()
            .app_config_dir()
            .map(|dir| recent::load(&recent::list_file(&dir)))
            .unwrap_or_default())
    })
    .await
}

/// Writes an export to the path the user chose in the native save dialog; returns its size in
/// bytes. Desktop-only: a browser saves exports as downloads.
#[tauri::command]
async fn save_export(path: PathBuf, contents: String) -> Result<u64, ApiError> {
    blocking("save_export", move || {
        save_export::write_export(&path, &contents)
    })
    .await
}

/// Runs `work` on one of the runtime's blocking threads: it opens SQLite or writes files, which
/// must never hold an async worker (the IPC and the events of every window go through them).
async fn blocking<T: Send + 'static>(
    name: &str,
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("{name} crashed: {e}")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_has_one_command_for_the_surface_and_four_of_its_own() {
        assert_eq!(
            IPC_COMMANDS,
            [
                "call",
                "create_case",
                "open_case",
                "recent_cases",
                "save_export"
            ]
        );
        for own in &IPC_COMMANDS[1..] {
            assert!(
                !dossier_api::COMMANDS.contains(own),
                "{own} is an api command: the window must reach it through `call`"
            );
        }
    }

    #[test]
    fn every_api_command_runs_through_call_and_nothing_else_does() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = dir.path().join("case");
        dossier_api::init(&case).expect("init");
        let case = Session::open(&case);
        for &command in dossier_api::COMMANDS {
            // Wrong arguments on purpose: a known command refuses them as its own input (or
            // runs, if it takes none); it never says it does not exist.
            let answer = run(&case, command, serde_json::json!({"bogus": 1}), &|_| {});
            if let Err(e) = answer {
                assert_ne!(
                    e.code,
                    ErrorCode::UnknownCommand,
                    "{command}: {}",
                    e.message
                );
            }
        }
        let e = run(&case, "open_case", Value::Null, &|_| {}).expect_err("desktop-only");
        assert_eq!(e.code, ErrorCode::UnknownCommand);
        let summary = run(&case, "summary", Value::Null, &|_| {}).expect("summary");
        assert_eq!(summary["documents"], 0);
    }
}
