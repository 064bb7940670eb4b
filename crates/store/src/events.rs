//! The chronology's rows: events (with issues, actors, tags and earlier states),
//! citations, notes and document tags. Dates, statuses and quotes arrive already checked
//! by the caller (dossier-timeline owns their rules); this module stores them, audits
//! every change, and reads them back.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};

use crate::case::{Case, Change};
use crate::error::{Result, StoreError};
use crate::undo::{Audit, Step};

/// Separator of list items in a stored revision.
const UNIT: char = '\u{1f}';

/// The editable state of an event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventState {
    /// What happened, in a line.
    pub title: String,
    /// More about it.
    pub description: Option<String>,
    /// Canonical fuzzy date text.
    pub date: String,
    /// The status asked for.
    pub status: String,
    /// Legal issues, in order.
    pub issues: Vec<String>,
    /// Actors, in order.
    pub actors: Vec<String>,
    /// Tag names, sorted.
    pub tags: Vec<String>,
    /// Whether the event was deleted (kept, hidden, restorable).
    pub deleted: bool,
}

/// An event as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRecord {
    /// Event id.
    pub id: i64,
    /// Its current state.
    pub state: EventState,
    /// When it was created.
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
}

/// A change to some fields of an event; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct EventEdit {
    /// New title.
    pub title: Option<String>,
    /// New description (`Some(None)` clears it).
    pub description: Option<Option<String>>,
    /// New canonical date.
    pub date: Option<String>,
    /// New status.
    pub status: Option<String>,
    /// New issues.
    pub issues: Option<Vec<String>>,
    /// New actors.
    pub actors: Option<Vec<String>>,
    /// New tags.
    pub tags: Option<Vec<String>>,
}

fn join(list: &[String]) -> String {
    list.join(&UNIT.to_string())
}

pub(crate) fn split(s: &str) -> Vec<String> {
    if s.is_empty() {
        Vec::new()
    } else {
        s.split(UNIT).map(str::to_owned).collect()
    }
}

fn names(tx: &rusqlite::Connection, table: &str, id: i64) -> Result<Vec<String>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT name FROM {table} WHERE event_id = ?1 ORDER BY position"
    ))?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn event_tags(conn: &rusqlite::Connection, id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.name FROM event_tags et JOIN tags t ON t.id = et.tag_id
         WHERE et.event_id = ?1 ORDER BY t.name",
    )?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn read_event(conn: &rusqlite::Connection, id: i64) -> Result<EventRecord> {
    let row = conn
        .query_row(
            "SELECT title, description, date, status, deleted, created_at, updated_at
             FROM events WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    EventState {
                        title: r.get(0)?,
                        description: r.get(1)?,
                        date: r.get(2)?,
                        status: r.get(3)?,
                        deleted: r.get::<_, i64>(4)? != 0,
                        ..EventState::default()
                    },
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )
        .optional()?;
    let (mut state, created_at, updated_at) =
        row.ok_or(StoreError::NotFound { kind: "event", id })?;
    state.issues = names(conn, "event_issues", id)?;
    state.actors = names(conn, "event_actors", id)?;
    state.tags = event_tags(conn, id)?;
    Ok(EventRecord {
        id,
        state,
        created_at,
        updated_at,
    })
}

pub(crate) fn ensure_tag(tx: &Transaction<'_>, name: &str) -> Result<i64> {
    tx.execute("INSERT OR IGNORE INTO tags (name) VALUES (?1)", [name])?;
    Ok(tx.query_row("SELECT id FROM tags WHERE name = ?1", [name], |r| r.get(0))?)
}

pub(crate) fn clean(list: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in list.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_owned());
        }
    }
    out
}

impl Change<'_> {
    /// Writes an event's whole state (fields, issues, actors, tags).
    fn write_state(&self, id: i64, s: &EventState) -> Result<()> {
        let tx = &self.tx;
        tx.execute(
            "UPDATE events SET title = ?2, description = ?3, date = ?4, status = ?5,
                 deleted = ?6, updated_at = ?7 WHERE id = ?1",
            params![
                id,
                s.title.trim(),
                s.description,
                s.date,
                s.status,
                s.deleted,
                self.at
            ],
        )?;
        for table in ["event_issues", "event_actors"] {
            tx.execute(&format!("DELETE FROM {table} WHERE event_id = ?1"), [id])?;
        }
        tx.execute("DELETE FROM event_tags WHERE event_id = ?1", [id])?;
        for (table, list) in [("event_issues", &s.issues), ("event_actors", &s.actors)] {
            for (i, name) in clean(list).iter().enumerate() {
                tx.execute(
                    &format!("INSERT INTO {table} (event_id, position, name) VALUES (?1, ?2, ?3)"),
                    params![id, i as i64, name],
                )?;
            }
        }
        for tag in clean(&s.tags) {
            let tag_id = ensure_tag(tx, &tag)?;
            tx.execute(
                "INSERT OR IGNORE INTO event_tags (event_id, tag_id) VALUES (?1, ?2)",
                params![id, tag_id],
            )?;
        }
        Ok(())
    }

    /// Saves an event's state before a change, for undo; returns the revision's id and
    /// the state saved.
    fn save_revision(
        &self,
        id: i64,
        action: &str,
        undoes: Option<i64>,
    ) -> Result<(i64, EventState)> {
        let before = read_event(&self.tx, id)?.state;
        self.tx.execute(
            "INSERT INTO event_revisions (event_id, action, title, description, date, status,
                 deleted, issues, actors, tags, undoes, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                id,
                action,
                before.title,
                before.description,
                before.date,
                before.status,
                before.deleted,
                join(&before.issues),
                join(&before.actors),
                join(&before.tags),
                undoes,
                self.at
            ],
        )?;
        Ok((self.tx.last_insert_rowid(), before))
    }

    /// Records a new event.
    pub fn add_event(&self, state: &EventState) -> Result<i64> {
        self.tx.execute(
            "INSERT INTO events (title, description, date, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![
                state.title.trim(),
                state.description,
                state.date,
                state.status,
                self.at
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        // The state before an addition is the event deleted: undoing the addition deletes it.
        self.write_state(
            id,
            &EventState {
                deleted: true,
                ..state.clone()
            },
        )?;
        let (revision, _) = self.save_revision(id, "add", None)?;
        self.tx
            .execute("UPDATE events SET deleted = 0 WHERE id = ?1", [id])?;
        self.record_step(
            Audit {
                action: "event.add",
                target: &format!("event:{id}"),
                detail: &format!("{} {}: {}", state.date, state.status, state.title.trim()),
            },
            Step {
                action: "event.state",
                subject: id,
                detail: &revision.to_string(),
            },
        )?;
        Ok(id)
    }

    /// Changes some fields of an event, keeping its earlier state for undo.
    pub fn edit_event(&self, id: i64, edit: &EventEdit) -> Result<EventState> {
        let (revision, before) = self.save_revision(id, "edit", None)?;
        let mut after = before.clone();
        let mut changed = Vec::new();
        macro_rules! apply {
            ($field:ident) => {
                if let Some(v) = &edit.$field
                    && *v != after.$field
                {
                    after.$field = v.clone();
                    changed.push(stringify!($field));
                }
            };
        }
        apply!(title);
        apply!(description);
        apply!(date);
        apply!(status);
        apply!(issues);
        apply!(actors);
        apply!(tags);
        self.write_state(id, &after)?;
        self.record_step(
            Audit {
                action: "event.edit",
                target: &format!("event:{id}"),
                detail: &format!(
                    "changed {}",
                    if changed.is_empty() {
                        "nothing".to_owned()
                    } else {
                        changed.join(", ")
                    }
                ),
            },
            Step {
                action: "event.state",
                subject: id,
                detail: &revision.to_string(),
            },
        )?;
        Ok(after)
    }

    /// Deletes an event: hidden from the chronology, kept with its citations, restorable
    /// by undo.
    pub fn delete_event(&self, id: i64) -> Result<()> {
        if read_event(&self.tx, id)?.state.deleted {
            return Err(StoreError::Refused(format!(
                "event {id} is already deleted"
            )));
        }
        let (revision, mut state) = self.save_revision(id, "delete", None)?;
        state.deleted = true;
        self.write_state(id, &state)?;
        self.record_step(
            Audit {
                action: "event.delete",
                target: &format!("event:{id}"),
                detail: &state.title,
            },
            Step {
                action: "event.state",
                subject: id,
                detail: &revision.to_string(),
            },
        )
    }

    /// Undoes the latest change to an event not yet undone (an edit, a delete, or an
    /// earlier undo's own change is never undone twice), by writing the state before it as
    /// a new change. Returns the state restored.
    pub fn undo_event(&self, id: i64) -> Result<EventState> {
        read_event(&self.tx, id)?;
        let revision: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM event_revisions r
                 WHERE event_id = ?1 AND action != 'undo'
                   AND NOT EXISTS (SELECT 1 FROM event_revisions u WHERE u.undoes = r.id)
                 ORDER BY id DESC LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let revision = revision
            .ok_or_else(|| StoreError::Refused(format!("event {id} has no change left to undo")))?;
        self.restore_event_revision(id, revision)
    }

    /// Writes the state an event had in `revision` as a new change (saving the state it
    /// replaces as a revision of its own, so this too can be reverted). Returns the state
    /// restored.
    pub(crate) fn restore_event_revision(&self, id: i64, revision: i64) -> Result<EventState> {
        let restored = self
            .tx
            .query_row(
                "SELECT title, description, date, status, deleted, issues, actors, tags
                 FROM event_revisions WHERE id = ?1 AND event_id = ?2",
                params![revision, id],
                |r| {
                    Ok(EventState {
                        title: r.get(0)?,
                        description: r.get(1)?,
                        date: r.get(2)?,
                        status: r.get(3)?,
                        deleted: r.get::<_, i64>(4)? != 0,
                        issues: split(&r.get::<_, String>(5)?),
                        actors: split(&r.get::<_, String>(6)?),
                        tags: split(&r.get::<_, String>(7)?),
                    })
                },
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                kind: "event revision",
                id: revision,
            })?;
        let (saved, _) = self.save_revision(id, "undo", Some(revision))?;
        self.write_state(id, &restored)?;
        self.record_step(
            Audit {
                action: "event.undo",
                target: &format!("event:{id}"),
                detail: &format!(
                    "reverted revision {revision}: {} {}{}",
                    restored.date,
                    restored.title,
                    if restored.deleted { " (deleted)" } else { "" }
                ),
            },
            Step {
                action: "event.state",
                subject: id,
                detail: &saved.to_string(),
            },
        )?;
        Ok(restored)
    }
}

impl Case {
    /// One event, deleted or not.
    pub fn event(&self, id: i64) -> Result<EventRecord> {
        read_event(&self.conn, id)
    }

    /// Every event not deleted, in id order.
    pub fn events(&self) -> Result<Vec<EventRecord>> {
        // Four queries for the whole chronology, not four per event.
        let mut stmt = self.conn.prepare(
            "SELECT id, title, description, date, status, created_at, updated_at
             FROM events WHERE deleted = 0 ORDER BY id",
        )?;
        let mut events: Vec<EventRecord> = stmt
            .query_map([], |r| {
                Ok(EventRecord {
                    id: r.get(0)?,
                    state: EventState {
                        title: r.get(1)?,
                        description: r.get(2)?,
                        date: r.get(3)?,
                        status: r.get(4)?,
                        ..EventState::default()
                    },
                    created_at: r.get(5)?,
                    updated_at: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let index: HashMap<i64, usize> =
            events.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
        for (sql, list) in [
            (
                "SELECT event_id, name FROM event_issues ORDER BY event_id, position",
                0,
            ),
            (
                "SELECT event_id, name FROM event_actors ORDER BY event_id, position",
                1,
            ),
            (
                "SELECT et.event_id, t.name FROM event_tags et JOIN tags t ON t.id = et.tag_id
                 ORDER BY et.event_id, t.name",
                2,
            ),
        ] {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            for row in rows {
                let (id, name) = row?;
                if let Some(e) = index.get(&id).and_then(|&i| events.get_mut(i)) {
                    match list {
                        0 => e.state.issues.push(name),
                        1 => e.state.actors.push(name),
                        _ => e.state.tags.push(name),
                    }
                }
            }
        }
        Ok(events)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::documents::{DocStatus, NewDocument, NewSource};
    use crate::{CaseOptions, ContentHash};

    /// A new case holding one text document (id 1) with `pages` pages.
    pub(crate) fn case_with_document(dir: &std::path::Path, pages: usize) -> Case {
        let mut case = Case::init(&dir.join("case"), CaseOptions::default()).expect("init");
        let bytes = b"an original";
        let hash = ContentHash::of(bytes);
        case.objects()
            .put(&hash, bytes)
            .expect("store the original");
        let change = case.begin_change().expect("change");
        change
            .add_document(
                &NewDocument {
                    kind: "filing".into(),
                    title: Some("Complaint".into()),
                    status: DocStatus::Ok,
                    text: Some("whole text".into()),
                    pages: (1..=pages).map(|n| format!("page {n} text")).collect(),
                    ..NewDocument::unextracted(hash, bytes.len() as u64)
                },
                &NewSource {
                    path: "complaint.pdf".into(),
                    custodian: None,
                    folder: None,
                },
            )
            .expect("document");
        change.commit().expect("commit");
        case
    }

    pub(crate) fn state(title: &str) -> EventState {
        EventState {
            title: title.into(),
            date: "2024-08".into(),
            status: "alleged".into(),
            issues: vec!["SCA".into(), " ".into(), "SCA".into(), "UCL".into()],
            tags: vec!["key".into()],
            ..EventState::default()
        }
    }

    #[test]
    fn an_event_keeps_its_lists_clean_and_in_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut case = case_with_document(dir.path(), 0);
        let change = case.begin_change().expect("change");
        let id = change.add_event(&state("Setting added")).expect("event");
        change.commit().expect("commit");
        let e = case.event(id).expect("read");
        assert_eq!(e.state.issues, ["SCA", "UCL"], "blanks and repeats dropped");
        assert_eq!(e.state.tags, ["key"]);
        assert!(matches!(
            case.event(99),
            Err(StoreError::NotFound {
                kind: "event",
                id: 99
            })
        ));
    }

    #[test]
    fn undo_writes_the_state_before_the_latest_change_as_a_new_change() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut case = case_with_document(dir.path(), 0);
        let change = case.begin_change().expect("change");
        let id = change.add_event(&state("First")).expect("event");
        let edit = |title: &str| EventEdit {
            title: Some(title.into()),
            ..EventEdit::default()
        };
        change.edit_event(id, &edit("Second")).expect("edit");
        change.edit_event(id, &edit("Third")).expect("edit");
        assert_eq!(change.undo_event(id).expect("undo").title, "Second");
        assert_eq!(change.undo_event(id).expect("undo again").title, "First");
        assert!(change.undo_event(id).expect("undo the addition").deleted);
        assert!(matches!(change.undo_event(id), Err(StoreError::Refused(_))));
        assert!(matches!(
            change.delete_event(id),
            Err(StoreError::Refused(_))
        ));
        let other = change.add_event(&state("Other")).expect("event");
        change.delete_event(other).expect("delete");
        assert!(!change.undo_event(other).expect("undelete").deleted);
        change.commit().expect("commit");
        let actions: Vec<String> = crate::audit::entries(case.connection())
            .expect("audit")
            .into_iter()
            .map(|e| e.action)
            .filter(|a| a.starts_with("event."))
            .collect();
        assert_eq!(
            actions,
            [
                "event.add",
                "event.edit",
                "event.edit",
                "event.undo",
                "event.undo",
                "event.undo",
                "event.add",
                "event.delete",
                "event.undo"
            ]
        );
    }
}
