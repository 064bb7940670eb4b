//! The Dossier desktop shell: one Tauri window on one case.
//!
//! This crate is a transport, not a place for logic (see `DESIGN.md`, "crates own concepts;
//! shells own transports").
//! Every Tauri command is a one-line delegation to a function of [`dossier_api`], which owns
//! the behaviour and the serialisable types; errors reach the UI as the api's `{code, message}`.
//!
//! The case folder is the first command-line argument, or else the `DOSSIER_CASE` environment
//! variable.
//! It is held in Tauri's managed state, so commands take no path from the UI: the window can only
//! read the case it was opened on.
//! Without a case the app still opens, and the UI says that no case is open.
//!
//! The window is built here rather than in `tauri.conf.json` so that its title can name the case
//! (`Dossier — <case folder>`); afterwards the title follows the page's `document.title`, which
//! the UI sets once the case summary has loaded, so tests can see from outside that data arrived.
//!
//! GTK needs a display: without one the app panics at start with "Failed to initialize GTK".
//! Tests run it under Xvfb (`tests/desktop/smoke.sh`).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use dossier_api::{ApiError, CaseSummary};
use tauri::{State, WebviewUrl, WebviewWindowBuilder};

/// The environment variable naming the case folder when no argument is given.
const CASE_ENV: &str = "DOSSIER_CASE";

/// The case this process was started on, if any.
struct OpenCase(Option<PathBuf>);

impl OpenCase {
    /// Takes the case from the first argument, or else from [`CASE_ENV`]; an empty value is none.
    fn new(first_arg: Option<OsString>, env: Option<OsString>) -> Self {
        let path = first_arg
            .into_iter()
            .chain(env)
            .find(|value| !value.is_empty())
            .map(PathBuf::from);
        OpenCase(path)
    }

    /// The case folder, or the error the UI shows when the app was started without one.
    fn path(&self) -> Result<&Path, ApiError> {
        self.0.as_deref().ok_or_else(|| {
            ApiError::new(
                "no_case",
                format!(
                    "No case is open. Start Dossier with a case folder as its argument \
                     (dossier-desktop CASE), or name one in {CASE_ENV}."
                ),
            )
        })
    }

    /// `Dossier — <case folder name>`, or `Dossier — no case open`.
    fn window_title(&self) -> String {
        let name = match &self.0 {
            Some(path) => folder_name(path),
            None => "no case open".to_owned(),
        };
        format!("Dossier — {name}")
    }
}

/// The last component of the folder, resolving `.` and `..` when the folder exists.
fn folder_name(path: &Path) -> String {
    let resolved = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    match resolved.file_name() {
        Some(name) => name.to_string_lossy().into_owned(),
        None => resolved.display().to_string(),
    }
}

/// The open case's name, document count and counts by kind (see [`dossier_api::case_summary`]).
///
/// Runs off the main thread (`async`), so reading the case never blocks the window.
#[tauri::command(async)]
fn case_summary(case: State<'_, OpenCase>) -> Result<CaseSummary, ApiError> {
    dossier_api::case_summary(case.path()?)
}

fn main() {
    let mut args = std::env::args_os().skip(1);
    let case = OpenCase::new(args.next(), std::env::var_os(CASE_ENV));
    let title = case.window_title();

    let result = tauri::Builder::default()
        .manage(case)
        .invoke_handler(tauri::generate_handler![case_summary])
        .setup(move |app| {
            WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
                .title(&title)
                .inner_size(1100.0, 760.0)
                .min_inner_size(480.0, 360.0)
                .on_document_title_changed(|window, page_title| {
                    if page_title.is_empty() {
                        return;
                    }
                    if let Err(e) = window.set_title(&page_title) {
                        eprintln!("dossier-desktop: cannot set the window title: {e}");
                    }
                })
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!());

    if let Err(e) = result {
        eprintln!("dossier-desktop: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_argument_wins_over_the_environment() {
        let case = OpenCase::new(Some("arg-case".into()), Some("env-case".into()));
        assert_eq!(case.0, Some(PathBuf::from("arg-case")));
    }

    #[test]
    fn the_environment_is_used_without_an_argument() {
        let case = OpenCase::new(None, Some("env-case".into()));
        assert_eq!(case.0, Some(PathBuf::from("env-case")));
    }

    #[test]
    fn empty_values_mean_no_case() {
        let case = OpenCase::new(Some("".into()), Some("".into()));
        assert_eq!(case.0, None);
        assert_eq!(case.window_title(), "Dossier — no case open");
        let error = case.path().err().map(|e| e.code);
        assert_eq!(error.as_deref(), Some("no_case"));
    }

    #[test]
    fn the_title_names_the_case_folder() {
        let case = OpenCase::new(Some("/no/such/place/My Case/".into()), None);
        assert_eq!(case.window_title(), "Dossier — My Case");
    }
}
