//! Which case the window shows. Held in Tauri's managed state so commands never take a case
//! path from the UI: the window reads and writes only the case it was opened on (or that the
//! user then chose with "Open case…", through [`crate::commands::open_case`]).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use dossier_api::{ApiError, ErrorCode, Session};

/// The environment variable naming the case folder when no argument is given.
pub const CASE_ENV: &str = "DOSSIER_CASE";

/// The case this window is on, if any, and its session once a command has used it.
pub struct OpenCase(Mutex<Option<Opened>>);

struct Opened {
    path: PathBuf,
    /// Kept between commands (connections, the search index); opened by the first command,
    /// on its blocking thread rather than at start-up.
    session: Option<Arc<Session>>,
}

impl OpenCase {
    /// Takes the case from the first argument, or else from [`CASE_ENV`]; an empty value is none.
    pub fn new(first_arg: Option<OsString>, env: Option<OsString>) -> Self {
        let path = first_arg
            .into_iter()
            .chain(env)
            .find(|value| !value.is_empty())
            .map(PathBuf::from);
        OpenCase(Mutex::new(path.map(|path| Opened {
            path,
            session: None,
        })))
    }

    /// The session on the case, or the error the UI shows when no case is open.
    pub fn session(&self) -> Result<Arc<Session>, ApiError> {
        let mut opened = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let Some(opened) = opened.as_mut() else {
            return Err(no_case());
        };
        let session = opened
            .session
            .get_or_insert_with(|| Arc::new(Session::open(&opened.path)));
        Ok(Arc::clone(session))
    }

    /// The case folder, or the error the UI shows when no case is open.
    #[cfg(test)]
    pub fn path(&self) -> Result<PathBuf, ApiError> {
        self.current().ok_or_else(no_case)
    }

    /// Switches the window to another case (with a new session).
    pub fn set(&self, path: PathBuf) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(Opened {
            path,
            session: None,
        });
    }

    fn current(&self) -> Option<PathBuf> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map(|opened| opened.path.clone())
    }

    /// `Dossier — <case folder name>`, or `Dossier — no case open`.
    pub fn window_title(&self) -> String {
        let name = match self.current() {
            Some(path) => folder_name(&path),
            None => "no case open".to_owned(),
        };
        format!("Dossier — {name}")
    }
}

fn no_case() -> ApiError {
    ApiError::new(
        ErrorCode::NoCase,
        format!(
            "No case is open. Open or create one, or start Dossier with a case folder \
             as its argument (dossier-desktop CASE), or name one in {CASE_ENV}."
        ),
    )
}

/// The last component of the folder, resolving `.` and `..` when the folder exists.
pub fn folder_name(path: &Path) -> String {
    let resolved = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    match resolved.file_name() {
        Some(name) => name.to_string_lossy().into_owned(),
        None => resolved.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_argument_wins_over_the_environment() {
        let case = OpenCase::new(Some("arg-case".into()), Some("env-case".into()));
        assert_eq!(case.current(), Some(PathBuf::from("arg-case")));
    }

    #[test]
    fn the_environment_is_used_without_an_argument() {
        let case = OpenCase::new(None, Some("env-case".into()));
        assert_eq!(case.current(), Some(PathBuf::from("env-case")));
    }

    #[test]
    fn empty_values_mean_no_case() {
        let case = OpenCase::new(Some("".into()), Some("".into()));
        assert_eq!(case.current(), None);
        assert_eq!(case.window_title(), "Dossier — no case open");
        let error = case.path().err().map(|e| e.code);
        assert_eq!(error, Some(ErrorCode::NoCase));
    }

    #[test]
    fn the_title_names_the_case_folder_and_follows_a_switch() {
        let case = OpenCase::new(Some("/no/such/place/My Case/".into()), None);
        assert_eq!(case.window_title(), "Dossier — My Case");
        case.set(PathBuf::from("/elsewhere/Other Case"));
        assert_eq!(case.window_title(), "Dossier — Other Case");
    }
}
