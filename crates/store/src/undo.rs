//! Undo and redo across the chronology.
//!
//! Every user action on the chronology (an event added, edited, deleted; a citation made,
//! withdrawn or reinstated; tags added to or removed from a document; a note written or
//! deleted; an exhibit numbered, withdrawn or reinstated; a CSV import) is one *edit*: the
//! [`Change`] methods that make those rows record each row they change as a *step* with an
//! exact inverse (`edit_steps`), next to the step's own audit row.
//!
//! The model, as in an editor:
//!
//! - `undo` reverts the newest edit still in effect, by applying the inverses of its steps,
//!   newest first, as a new edit of kind `undo`. Repeated undos walk further back; an edit
//!   already undone is passed over.
//! - `redo` reverts the newest undo not yet redone (applying the inverses of the undo's
//!   steps, as an edit of kind `redo`), which puts the undone edit back in effect. Undo
//!   after a redo undoes that edit again. A new edit made after an undo makes the undo
//!   final: redo refuses rather than replay an old state over newer work.
//! - Nothing is removed: the audit log is append-only, an undo is audited like any edit
//!   (`case.undo`, `case.redo`, plus one row per step), and the rows an undo hides (a
//!   deleted event or note, a withdrawn citation or exhibit) stay in the case.
//!
//! Not edits, and so never undone: ingest (originals are immutable and documents are never
//! removed), policy captures, re-extraction, schema migrations, and anything made before
//! schema 5 (which had no steps to revert).

use rusqlite::{OptionalExtension, params};

use crate::audit;
use crate::audited_state::Audited;
use crate::case::Change;
use crate::error::{Result, StoreError};

/// An audit row as a chronology change writes it: what was done, to what, in words.
pub(crate) struct Audit<'a> {
    /// `event.edit`, `citation.add`, `document.tag`…
    pub action: &'a str,
    /// `event:3`, `document:12`…
    pub target: &'a str,
    /// The particulars, for a person reading the log.
    pub detail: &'a str,
}

/// A step of an edit: the row changed and how to revert it (see the module docs).
pub(crate) struct Step<'a> {
    /// `event.state`, `citation.add`, `document.untag`…
    pub action: &'a str,
    /// The id of the event, citation, document, note or exhibit concerned.
    pub subject: i64,
    /// What the inverse needs (an event's earlier revision, the tags).
    pub detail: &'a str,
}

/// What an edit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKind {
    /// An ordinary user action.
    Edit,
    /// The inverse of an earlier edit.
    Undo,
    /// The inverse of an earlier undo.
    Redo,
}

impl EditKind {
    /// The name stored and shown: `edit`, `undo`, `redo`.
    pub fn as_str(self) -> &'static str {
        match self {
            EditKind::Edit => "edit",
            EditKind::Undo => "undo",
            EditKind::Redo => "redo",
        }
    }
}

/// One row an edit changed, as its audit row tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRecord {
    /// The step: `event.state`, `citation.add`, `document.untag`, `exhibit.withdraw`...
    pub action: String,
    /// The audit row's action (`event.edit`, `citation.add`...).
    pub audit_action: String,
    /// The audit row's target (`event:3`, `citation:7`...).
    pub target: String,
    /// The audit row's detail.
    pub detail: String,
}

/// What an undo or a redo did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reverted {
    /// The new edit (of kind `undo` or `redo`).
    pub edit: i64,
    /// Its kind.
    pub kind: EditKind,
    /// The edit it reverted.
    pub reverted: i64,
    /// The steps of the edit reverted, in the order they were made.
    pub reverted_steps: Vec<StepRecord>,
    /// The steps this undo or redo made, in order.
    pub steps: Vec<StepRecord>,
}

/// What `undo` says when no edit is left in effect.
const NOTHING_TO_UNDO: &str = "nothing to undo: no chronology edit is left in effect \
     (ingest, policy captures and edits made before schema 5 are never undone)";

impl Change<'_> {
    /// The edit this change's steps belong to, created on first use.
    fn current_edit(&self) -> Result<i64> {
        if let Some(id) = self.edit.get() {
            return Ok(id);
        }
        let (kind, reverts) = match self.reverting.get() {
            Some((kind, reverts)) => (kind, Some(reverts)),
            None => (EditKind::Edit, None),
        };
        self.tx.execute(
            "INSERT INTO edits (kind, reverts, at) VALUES (?1, ?2, ?3)",
            params![kind.as_str(), reverts, self.at],
        )?;
        let id = self.tx.last_insert_rowid();
        self.edit.set(Some(id));
        Ok(id)
    }

    /// Records one row this change made: its audit row, carrying the row's whole state
    /// after the change (`audited_state.rs`), and the step that can revert it.
    pub(crate) fn record_step(&self, audit: Audit<'_>, step: Step<'_>) -> Result<()> {
        let row = Audited::of_step(step.action, step.subject).ok_or_else(|| {
            StoreError::Refused(format!("a step of kind {:?} names no row", step.action))
        })?;
        let state = row.state(&self.tx)?.unwrap_or_default();
        let entry = audit::append_state(
            &self.tx,
            &self.at,
            self.actor,
            audit.action,
            audit.target,
            audit.detail,
            Some((&row.key(), &state)),
        )?;
        let edit = self.current_edit()?;
        self.tx.execute(
            "INSERT INTO edit_steps (edit_id, position, action, subject, detail, audit_seq)
             VALUES (?1, (SELECT COALESCE(MAX(position) + 1, 0) FROM edit_steps
                          WHERE edit_id = ?1), ?2, ?3, ?4, ?5)",
            params![edit, step.action, step.subject, step.detail, entry.seq],
        )?;
        Ok(())
    }

    /// Undoes the newest chronology edit still in effect, as a new edit.
    pub fn undo_last(&self) -> Result<Reverted> {
        let target: Option<i64> = self
            .tx
            .query_row(
                "SELECT e.id FROM edits e
                 WHERE e.kind = 'edit'
                   AND NOT EXISTS (
                       SELECT 1 FROM edits u WHERE u.kind = 'undo' AND u.reverts = e.id
                         AND NOT EXISTS (SELECT 1 FROM edits r
                                         WHERE r.kind = 'redo' AND r.reverts = u.id))
                 ORDER BY e.id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let target = target.ok_or_else(|| StoreError::Refused(NOTHING_TO_UNDO.into()))?;
        self.revert(EditKind::Undo, target)
    }

    /// Redoes the newest undo not yet redone, provided no new edit came after it.
    pub fn redo_last(&self) -> Result<Reverted> {
        let target: Option<i64> = self
            .tx
            .query_row(
                "SELECT u.id FROM edits u
                 WHERE u.kind = 'undo'
                   AND NOT EXISTS (SELECT 1 FROM edits r WHERE r.kind = 'redo' AND r.reverts = u.id)
                 ORDER BY u.id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let target =
            target.ok_or_else(|| StoreError::Refused("nothing to redo: no undo is left".into()))?;
        let later: Option<i64> = self
            .tx
            .query_row(
                "SELECT MIN(id) FROM edits WHERE kind = 'edit' AND id > ?1",
                [target],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        if let Some(later) = later {
            return Err(StoreError::Refused(format!(
                "nothing to redo: edit {later} was made after the last undo, which makes that \
                 undo final"
            )));
        }
        self.revert(EditKind::Redo, target)
    }

    /// Applies the inverses of `target`'s steps, newest first, as a new edit of `kind`.
    fn revert(&self, kind: EditKind, target: i64) -> Result<Reverted> {
        let reverted_steps = self.steps_of(target)?;
        let raw: Vec<(String, i64, String)> = {
            let mut stmt = self.tx.prepare(
                "SELECT action, subject, detail FROM edit_steps WHERE edit_id = ?1
                 ORDER BY position DESC",
            )?;
            let rows = stmt.query_map([target], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        self.reverting.set(Some((kind, target)));
        let applied = (|| {
            let edit = self.current_edit()?;
            for (action, subject, detail) in &raw {
                self.apply_inverse(action, *subject, detail)?;
            }
            Ok::<_, StoreError>(edit)
        })();
        self.reverting.set(None);
        let edit = applied?;
        let summary: Vec<String> = reverted_steps
            .iter()
            .map(|s| format!("{} {}", s.audit_action, s.target))
            .collect();
        self.record(
            &format!("case.{}", kind.as_str()),
            &format!("edit:{target}"),
            &format!("as edit {edit}, reverted {}", summary.join(", ")),
        )?;
        Ok(Reverted {
            edit,
            kind,
            reverted: target,
            reverted_steps,
            steps: self.steps_of(edit)?,
        })
    }

    /// Applies the exact inverse of one step (which records its own step and audit row).
    fn apply_inverse(&self, action: &str, subject: i64, detail: &str) -> Result<()> {
        let tags = || crate::events::split(detail);
        match action {
            "event.state" => {
                let revision = detail.parse::<i64>().map_err(|_| {
                    StoreError::Refused(format!(
                        "event {subject}: step names no revision ({detail:?})"
                    ))
                })?;
                self.restore_event_revision(subject, revision).map(drop)
            }
            "citation.add" | "citation.reinstate" => self.withdraw_citation(subject).map(drop),
            "citation.withdraw" => self.reinstate_citation(subject).map(drop),
            "document.tag" => self.untag_document(subject, &tags()).map(drop),
            "document.untag" => self.tag_document(subject, &tags()).map(drop),
            "document.review" => self
                .put_review(subject, crate::review::decode_step(detail)?)
                .map(drop),
            "document.ocr_text" => self.revert_ocr_correction(subject, detail),
            "note.add" | "note.restore" => self.delete_note(subject),
            "note.delete" => self.restore_note(subject),
            "exhibit.add" | "exhibit.reinstate" => self.withdraw_exhibit(subject).map(drop),
            "exhibit.withdraw" => self.reinstate_exhibit(subject).map(drop),
            "redaction.add" | "redaction.restore" => self.delete_redaction(subject),
            "redaction.delete" => self.restore_redaction(subject),
            other => Err(StoreError::Refused(format!(
                "cannot revert a step of kind {other:?}"
            ))),
        }
    }

    /// The steps of an edit with their audit rows, in the order they were made.
    fn steps_of(&self, edit: i64) -> Result<Vec<StepRecord>> {
        let mut stmt = self.tx.prepare(
            "SELECT s.action, a.action, a.target, a.detail
             FROM edit_steps s JOIN audit_log a ON a.seq = s.audit_seq
             WHERE s.edit_id = ?1 ORDER BY s.position",
        )?;
        let rows = stmt.query_map([edit], |r| {
            Ok(StepRecord {
                action: r.get(0)?,
                audit_action: r.get(1)?,
                target: r.get(2)?,
                detail: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Case;
    use crate::events::tests::{case_with_document, state};

    /// Runs `f` in one change and commits it.
    fn edit<T>(case: &mut Case, f: impl FnOnce(&Change<'_>) -> Result<T>) -> T {
        let change = case.begin_change().expect("change");
        let out = f(&change).expect("edit");
        change.commit().expect("commit");
        out
    }

    #[test]
    fn undo_walks_back_over_edits_and_redo_puts_back_until_a_new_edit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut case = case_with_document(dir.path(), 1);
        let tags = |case: &Case| case.document_tags(1).expect("tags");
        let key = vec!["key".to_owned()];
        edit(&mut case, |c| c.tag_document(1, &key));
        let event = edit(&mut case, |c| c.add_event(&state("Filed")));

        let undone = edit(&mut case, |c| c.undo_last());
        assert_eq!((undone.kind, undone.reverted), (EditKind::Undo, 2));
        assert!(case.event(event).expect("event").state.deleted);
        edit(&mut case, |c| c.undo_last());
        assert!(tags(&case).is_empty());
        let nothing = case.begin_change().expect("change").undo_last();
        assert!(matches!(nothing, Err(StoreError::Refused(m)) if m.contains("nothing to undo")));

        let redone = edit(&mut case, |c| c.redo_last());
        assert_eq!(redone.kind, EditKind::Redo);
        assert_eq!(tags(&case), key, "the last undo is redone first");
        edit(&mut case, |c| c.undo_last());
        assert!(tags(&case).is_empty(), "a redone edit can be undone again");

        edit(&mut case, |c| c.add_note_for_test());
        let refused = case.begin_change().expect("change").redo_last();
        assert!(
            matches!(refused, Err(StoreError::Refused(m)) if m.contains("makes that undo final"))
        );
    }

    #[test]
    fn an_edit_of_many_rows_is_undone_as_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut case = case_with_document(dir.path(), 1);
        let (a, b) = edit(&mut case, |c| {
            Ok((c.add_event(&state("One"))?, c.add_event(&state("Two"))?))
        });
        let undone = edit(&mut case, |c| c.undo_last());
        assert_eq!(undone.reverted_steps.len(), 2);
        assert_eq!(
            undone
                .steps
                .iter()
                .map(|s| s.target.as_str())
                .collect::<Vec<_>>(),
            [format!("event:{b}"), format!("event:{a}")],
            "inverses are applied newest first"
        );
        assert!(case.events().expect("events").is_empty());
    }

    impl Change<'_> {
        /// A note on the test document's only page, as a stand-in for any new edit.
        fn add_note_for_test(&self) -> Result<i64> {
            self.add_note(&crate::NoteRecord {
                id: 0,
                document: 1,
                page: Some(1),
                span: crate::SpanRecord {
                    quote: "page".into(),
                    exact: "page".into(),
                    prefix: String::new(),
                    suffix: " 1 text".into(),
                    start: 0,
                    end: 4,
                },
                sha256: crate::ContentHash::of(b"an original").to_string(),
                body: "a new edit".into(),
                created_at: String::new(),
            })
        }
    }
}
