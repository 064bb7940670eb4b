//! The one command surface of Dossier.
//!
//! Every user action is one function here, taking typed inputs and returning a type
//! that serialises to the JSON the command-line contract (DESIGN.md) promises. The
//! desktop app's Tauri commands, the `dossier` CLI and the HTTP server are thin
//! delegations to these functions and hold no logic of their own.
//!
//! Only this crate knows JSON: the core crates return plain Rust types, and errors
//! leave as [`ApiError`] `{code, message}`. Long work reports progress through an
//! [`Event`] callback, which a shell forwards as it can (a progress bar, a Tauri event,
//! server-sent events).

mod case;
mod dispatch;
mod documents;
mod error;
mod ingest;

use serde::Serialize;

pub use case::{
    AuditRow, CaseSummary, InitOutput, KindCount, VerifyOutput, VerifyProblem, audit, case_summary,
    init, is_case, verify,
};
pub use dispatch::{ShowRequest, dispatch};
pub use documents::{DocListItem, DocsRequest, DocumentView, PageView, SourceView, docs, show};
pub use error::{ApiError, ApiResult};
pub use ingest::{IngestOutput, IngestRequest, ItemError, ingest};

/// Every command of the surface, by the name each shell exposes it under.
/// The shells' tests check that they expose exactly this set.
pub const COMMANDS: &[&str] = &[
    "init", "ingest", "docs", "show", "verify", "audit", "summary",
];

/// Something a long-running command wants its caller to know while it works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// Work advanced: `done` of `total` units of `phase`.
    Progress {
        /// What is being done: `ingest`, `verify`.
        phase: String,
        /// Units finished.
        done: u64,
        /// Units in all.
        total: u64,
        /// The item just finished, if there is one to name.
        item: Option<String>,
    },
    /// The command is waiting for something outside its control.
    Waiting {
        /// What for, in words.
        message: String,
    },
}

/// Opens a case for a command, with the default clock and actor.
fn open_case(path: &std::path::Path) -> ApiResult<dossier_store::Case> {
    Ok(dossier_store::Case::open(
        path,
        dossier_store::CaseOptions::default(),
    )?)
}
