//! `dossier undo` and `dossier note-delete`: taking chronology edits back, each as a new
//! edit in the audit log.

use std::path::PathBuf;

use clap::Args;
use dossier_api::{self as api, ApiError};

use crate::{Outcome, print};

/// Arguments of `dossier undo`.
#[derive(Args)]
pub struct UndoArgs {
    /// The case folder.
    case: PathBuf,
    /// Redo what the last undo reverted (refused once a new edit has been made since).
    #[arg(long)]
    redo: bool,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// `dossier undo CASE [--redo]`: prints what was reverted.
pub fn undo(a: UndoArgs) -> Result<Outcome, ApiError> {
    let out = api::undo(&a.case, &api::UndoRequest { redo: a.redo })?;
    print(a.json, &out, || {
        // An undo is told by what it took back; a redo by what it put back.
        let (mut s, changes) = if out.kind == "redo" {
            (
                format!(
                    "redid what edit {} undid (recorded as edit {}):\n",
                    out.reverted, out.edit
                ),
                &out.changes,
            )
        } else {
            (
                format!(
                    "undid edit {} (recorded as edit {}):\n",
                    out.reverted, out.edit
                ),
                &out.reverted_changes,
            )
        };
        for c in changes {
            s += &format!("  {} {}: {}\n", c.action, c.target, c.detail);
        }
        s
    })
}

/// Arguments of `dossier note-delete`.
#[derive(Args)]
pub struct NoteDeleteArgs {
    /// The case folder.
    case: PathBuf,
    /// The note.
    note: i64,
    /// Print one JSON value on stdout.
    #[arg(long)]
    json: bool,
}

/// `dossier note-delete CASE NOTE`.
pub fn note_delete(a: NoteDeleteArgs) -> Result<Outcome, ApiError> {
    let out = api::note_delete(&a.case, &api::NoteDeleteRequest { note: a.note })?;
    print(a.json, &out, || {
        format!(
            "deleted note {} on document {} (`dossier undo` restores it)\n",
            out.note, out.doc
        )
    })
}
