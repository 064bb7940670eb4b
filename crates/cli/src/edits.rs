//! `dossier undo` and `dossier note-delete`: taking chronology edits back, each as a new
//! edit in the audit log.

use dossier_api::{self as api, ApiError};

use crate::{Outcome, RequestArgs, print};

/// `dossier undo CASE [--redo]`: prints what was reverted.
pub fn undo(a: RequestArgs<api::UndoRequest>) -> Result<Outcome, ApiError> {
    let out = api::undo(&a.case, &a.request)?;
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

/// `dossier note-delete CASE NOTE`.
pub fn note_delete(a: RequestArgs<api::NoteDeleteRequest>) -> Result<Outcome, ApiError> {
    let out = api::note_delete(&a.case, &a.request)?;
    print(a.json, &out, || {
        format!(
            "deleted note {} on document {} (`dossier undo` restores it)\n",
            out.note, out.doc
        )
    })
}
