use std::fmt;

use dossier_ingest::{GlobError, IngestError, Refusal};
use dossier_store::StoreError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What went wrong, as a UI branches on it: stable, `snake_case` on the wire (`"not_found"`).
///
/// Every shell's errors use these codes, so the UI's mirror (`ErrorCode` in
/// `ui/src/lib/backend/generated.ts`) is generated from this enum and the server's HTTP status
/// is [`ErrorCode::http_status`]. A new code is a new variant: the compiler then asks for its
/// status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The folder is not a Dossier case.
    NotACase,
    /// A case (or a file the command would create) is already there.
    AlreadyExists,
    /// No such document, event, note, series, version or record.
    NotFound,
    /// Another process holds the case's writer lock (or the search index's).
    Locked,
    /// The case was written by a newer Dossier.
    SchemaTooNew,
    /// The arguments are wrong: a bad value, a change the case refuses, a bad address.
    InvalidInput,
    /// A search query that cannot be read.
    InvalidQuery,
    /// A request body that is not JSON (`dossier serve`).
    InvalidJson,
    /// No command of that name.
    UnknownCommand,
    /// A file could not be read or written.
    Io,
    /// The case's SQLite database failed or is damaged.
    Database,
    /// The search index failed.
    Index,
    /// A stored original no longer has the hash it was stored under.
    Corrupt,
    /// `demo` could not ingest the sample matter.
    IngestFailed,
    /// A server started without `--allow-path` may not read files by path.
    PathReadingOff,
    /// A path outside the server's `--allow-path` folders.
    PathNotAllowed,
    /// A call to `dossier serve` without its token.
    Unauthorized,
    /// A request to `dossier serve` naming another host (DNS rebinding).
    BadHost,
    /// A request body over the server's limit.
    TooLarge,
    /// The desktop window has no case open.
    NoCase,
    /// A fault of ours: a result that cannot be serialised, a command that crashed.
    Internal,
}

impl ErrorCode {
    /// The code as it is sent: `"not_found"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotACase => "not_a_case",
            ErrorCode::AlreadyExists => "already_exists",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Locked => "locked",
            ErrorCode::SchemaTooNew => "schema_too_new",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::InvalidQuery => "invalid_query",
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::UnknownCommand => "unknown_command",
            ErrorCode::Io => "io",
            ErrorCode::Database => "database",
            ErrorCode::Index => "index",
            ErrorCode::Corrupt => "corrupt",
            ErrorCode::IngestFailed => "ingest_failed",
            ErrorCode::PathReadingOff => "path_reading_off",
            ErrorCode::PathNotAllowed => "path_not_allowed",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::BadHost => "bad_host",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::NoCase => "no_case",
            ErrorCode::Internal => "internal",
        }
    }

    /// The HTTP status `dossier serve` answers with: the caller's mistakes are 4xx and change
    /// nothing; failures of the case, the disk or ours are 5xx.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::InvalidInput | ErrorCode::InvalidQuery | ErrorCode::InvalidJson => 400,
            ErrorCode::Unauthorized => 401,
            ErrorCode::PathReadingOff | ErrorCode::PathNotAllowed | ErrorCode::BadHost => 403,
            ErrorCode::NotFound | ErrorCode::UnknownCommand => 404,
            ErrorCode::AlreadyExists
            | ErrorCode::NotACase
            | ErrorCode::Locked
            | ErrorCode::SchemaTooNew
            | ErrorCode::NoCase => 409,
            ErrorCode::TooLarge => 413,
            ErrorCode::Io
            | ErrorCode::Database
            | ErrorCode::Index
            | ErrorCode::Corrupt
            | ErrorCode::IngestFailed
            | ErrorCode::Internal => 500,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Lets tests and callers compare with the wire form: `assert_eq!(e.code, "not_found")`.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// An error as it crosses to a shell: a stable code a UI can branch on, and a message
/// for people that names the file or record concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiError {
    /// Stable, machine-readable (see [`ErrorCode`]).
    pub code: ErrorCode,
    /// One line for a person.
    pub message: String,
}

impl ApiError {
    /// An error with the given code and message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::NotACase(_) => ErrorCode::NotACase,
            StoreError::AlreadyExists(_) => ErrorCode::AlreadyExists,
            StoreError::Io { .. } => ErrorCode::Io,
            StoreError::Sqlite(_) | StoreError::SchemaDamaged(_) => ErrorCode::Database,
            StoreError::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            StoreError::Locked(_) => ErrorCode::Locked,
            StoreError::DocumentNotFound(_) => ErrorCode::NotFound,
            StoreError::BadHash(_) => ErrorCode::InvalidInput,
            StoreError::NotFound { .. } => ErrorCode::NotFound,
            // A change the case refuses (a number taken, nothing to undo) is the caller's
            // mistake and changes nothing, like any other invalid input.
            StoreError::Refused(_) => ErrorCode::InvalidInput,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<IngestError> for ApiError {
    fn from(e: IngestError) -> Self {
        match e {
            IngestError::Store(e) => e.into(),
        }
    }
}

impl From<GlobError> for ApiError {
    fn from(e: GlobError) -> Self {
        ApiError::new(ErrorCode::InvalidInput, e.to_string())
    }
}

impl From<Refusal> for ApiError {
    fn from(e: Refusal) -> Self {
        let code = match &e {
            // The UI branches on this one: it explains how to start the server so it may.
            Refusal::Off => ErrorCode::PathReadingOff,
            Refusal::Outside(_) => ErrorCode::PathNotAllowed,
        };
        ApiError::new(code, e.to_string())
    }
}

/// Result alias for API functions.
pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_go_on_the_wire_in_snake_case_as_their_names_say() {
        for code in [
            ErrorCode::NotACase,
            ErrorCode::PathReadingOff,
            ErrorCode::UnknownCommand,
            ErrorCode::Internal,
        ] {
            let wire = serde_json::to_value(code).expect("serialise");
            assert_eq!(wire, serde_json::Value::String(code.as_str().into()));
            let back: ErrorCode = serde_json::from_value(wire).expect("read back");
            assert_eq!(back, code);
        }
        let e = ApiError::new(ErrorCode::NotFound, "no document 7");
        assert_eq!(
            serde_json::to_value(&e).expect("serialise"),
            serde_json::json!({"code": "not_found", "message": "no document 7"})
        );
    }

    #[test]
    fn the_callers_mistakes_are_4xx_and_ours_5xx() {
        assert_eq!(ErrorCode::InvalidInput.http_status(), 400);
        assert_eq!(ErrorCode::Unauthorized.http_status(), 401);
        assert_eq!(ErrorCode::PathNotAllowed.http_status(), 403);
        assert_eq!(ErrorCode::UnknownCommand.http_status(), 404);
        assert_eq!(ErrorCode::Locked.http_status(), 409);
        assert_eq!(ErrorCode::TooLarge.http_status(), 413);
        assert_eq!(ErrorCode::Database.http_status(), 500);
    }
}
