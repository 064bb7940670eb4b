use std::fmt;

use dossier_ingest::{IngestError, Refusal};
use dossier_store::StoreError;
use serde::Serialize;

/// An error as it crosses to a shell: a stable code a UI can branch on, and a message
/// for people that names the file or record concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    /// Stable, machine-readable: `not_a_case`, `already_exists`, `not_found`, `locked`,
    /// `schema_too_new`, `invalid_input`, `io`, `database`, `path_reading_off` and
    /// `path_not_allowed` (a server that may not read the paths named: [`Refusal`]).
    pub code: String,
    /// One line for a person.
    pub message: String,
}

impl ApiError {
    /// An error with the given code and message.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        ApiError {
            code: code.to_owned(),
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
            StoreError::NotACase(_) => "not_a_case",
            StoreError::AlreadyExists(_) => "already_exists",
            StoreError::Io { .. } => "io",
            StoreError::Sqlite(_) | StoreError::SchemaDamaged(_) => "database",
            StoreError::SchemaTooNew { .. } => "schema_too_new",
            StoreError::Locked(_) => "locked",
            StoreError::DocumentNotFound(_) => "not_found",
            StoreError::BadHash(_) => "invalid_input",
            StoreError::NotFound { .. } => "not_found",
            // A change the case refuses (a number taken, nothing to undo) is the caller's
            // mistake and changes nothing, like any other invalid input.
            StoreError::Refused(_) => "invalid_input",
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

impl From<Refusal> for ApiError {
    fn from(e: Refusal) -> Self {
        let code = match &e {
            // The UI branches on this one: it explains how to start the server so it may.
            Refusal::Off => "path_reading_off",
            Refusal::Outside(_) => "path_not_allowed",
        };
        ApiError::new(code, e.to_string())
    }
}

/// Result alias for API functions.
pub type ApiResult<T> = Result<T, ApiError>;
