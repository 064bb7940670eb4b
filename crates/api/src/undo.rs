//! `undo`: reverts the newest chronology edit still in effect (or, with `redo`, the newest
//! undo), as a new audited edit. The model is the store's (`dossier_store::Change::undo_last`):
//! repeated undos walk further back, redo puts back what the last undo reverted, and a new
//! edit after an undo makes that undo final. Ingest, policy captures and edits made before
//! schema 5 are never undone; with nothing left, `undo` fails with `invalid_input`.

use dossier_store::StepRecord;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::CaseAt;
use crate::{ApiResult, open_case};

/// `undo` arguments.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct UndoRequest {
    /// Redo what the last undo reverted (refused once a new edit has been made since).
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub redo: bool,
}

/// One change an edit made, as the audit log records it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct UndoStep {
    /// The audit action: `event.add`, `citation.withdraw`, `document.untag`...
    pub action: String,
    /// What it changed: `event:3`, `citation:7`, `document:2`, `note:1`.
    pub target: String,
    /// Particulars.
    pub detail: String,
}

/// `undo` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct UndoOutput {
    /// `undo` or `redo`.
    pub kind: String,
    /// The new edit this undo (or redo) is.
    pub edit: i64,
    /// The edit it reverted.
    pub reverted: i64,
    /// What the reverted edit had done.
    pub reverted_changes: Vec<UndoStep>,
    /// What this undo did.
    pub changes: Vec<UndoStep>,
}

fn steps(list: Vec<StepRecord>) -> Vec<UndoStep> {
    list.into_iter()
        .map(|s| UndoStep {
            action: s.audit_action,
            target: s.target,
            detail: s.detail,
        })
        .collect()
}

/// Undoes the newest chronology edit still in effect, or redoes the newest undo.
pub fn undo(path: &(impl CaseAt + ?Sized), request: &UndoRequest) -> ApiResult<UndoOutput> {
    let mut case = open_case(path)?;
    let change = case.begin_change()?;
    let reverted = if request.redo {
        change.redo_last()?
    } else {
        change.undo_last()?
    };
    change.commit()?;
    // Undoing a change to indexed data (a re-extraction, a capture) changes what is
    // searched: the index follows. Tags and review status are not indexed.
    let _ = crate::session::catch_up_index(path, &case);
    Ok(UndoOutput {
        kind: reverted.kind.as_str().to_owned(),
        edit: reverted.edit,
        reverted: reverted.reverted,
        reverted_changes: steps(reverted.reverted_steps),
        changes: steps(reverted.steps),
    })
}
