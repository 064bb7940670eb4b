//! Saved searches: a name and a search request (the api's `search` arguments as JSON, which
//! this crate stores without reading), kept in the case.
//!
//! Saving and deleting are audited like any change, each audit row carrying the saved
//! search's whole state after it (`audited_state.rs`), so `verify` finds a saved search
//! changed behind the log's back. They are not chronology edits: `undo` passes them over.
//! Deleting keeps the row, marked deleted, and frees the name.

use rusqlite::{OptionalExtension, params};

use crate::audited_state::Audited;
use crate::case::{Case, Change};
use crate::error::{Result, StoreError};

/// A saved search as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedSearchRecord {
    /// Its id.
    pub id: i64,
    /// Its name, unique among the saved searches not deleted.
    pub name: String,
    /// The search request, JSON.
    pub request: String,
    /// When it was first saved.
    pub created_at: String,
    /// When its request was last saved.
    pub updated_at: String,
}

impl Change<'_> {
    /// Saves `request` under `name`, replacing the request of a saved search of that name;
    /// returns its id and whether it was new.
    pub fn save_search(&self, name: &str, request: &str) -> Result<(i64, bool)> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Refused("a saved search needs a name".into()));
        }
        let existing: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM saved_searches WHERE name = ?1 AND deleted_at IS NULL",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        let (id, new) = match existing {
            Some(id) => {
                self.tx.execute(
                    "UPDATE saved_searches SET request = ?2, updated_at = ?3 WHERE id = ?1",
                    params![id, request, self.at],
                )?;
                (id, false)
            }
            None => {
                self.tx.execute(
                    "INSERT INTO saved_searches (name, request, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?3)",
                    params![name, request, self.at],
                )?;
                (self.tx.last_insert_rowid(), true)
            }
        };
        let action = if new {
            "saved_search.add"
        } else {
            "saved_search.replace"
        };
        self.record_saved_search(action, id, &format!("{name:?}: {request}"))?;
        Ok((id, new))
    }

    /// Deletes the saved search called `name` (kept in the case, marked deleted); returns
    /// its id, or `None` when no saved search has that name.
    pub fn delete_saved_search(&self, name: &str) -> Result<Option<i64>> {
        let Some(found) = saved_search(&self.tx, name.trim())? else {
            return Ok(None);
        };
        self.tx.execute(
            "UPDATE saved_searches SET deleted_at = ?2 WHERE id = ?1",
            params![found.id, self.at],
        )?;
        self.record_saved_search(
            "saved_search.delete",
            found.id,
            &format!("{:?}: {}", found.name, found.request),
        )?;
        Ok(Some(found.id))
    }

    /// The audit row of a change to saved search `id`, with its state after the change.
    fn record_saved_search(&self, action: &str, id: i64, detail: &str) -> Result<()> {
        let row = Audited::SavedSearch(id);
        self.record_state(action, &row.key(), detail, row)
    }
}

impl Case {
    /// The saved searches not deleted, by name.
    pub fn saved_searches(&self) -> Result<Vec<SavedSearchRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, request, created_at, updated_at FROM saved_searches
             WHERE deleted_at IS NULL ORDER BY name",
        )?;
        let rows = stmt.query_map([], record)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The saved search called `name`, unless there is none (or it was deleted).
    pub fn saved_search(&self, name: &str) -> Result<Option<SavedSearchRecord>> {
        saved_search(&self.conn, name.trim())
    }
}

fn saved_search(conn: &rusqlite::Connection, name: &str) -> Result<Option<SavedSearchRecord>> {
    Ok(conn
        .query_row(
            "SELECT id, name, request, created_at, updated_at FROM saved_searches
             WHERE name = ?1 AND deleted_at IS NULL",
            [name],
            record,
        )
        .optional()?)
}

fn record(r: &rusqlite::Row<'_>) -> rusqlite::Result<SavedSearchRecord> {
    Ok(SavedSearchRecord {
        id: r.get(0)?,
        name: r.get(1)?,
        request: r.get(2)?,
        created_at: r.get(3)?,
        updated_at: r.get(4)?,
    })
}

#[cfg(test)]
mod tests {
    use crate::Case;
    use crate::events::tests::case_with_document;

    #[test]
    fn saving_replacing_and_deleting_are_audited_with_their_state_and_verify_agrees() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut case = case_with_document(dir.path(), 1);
        let change = case.begin_change().expect("change");
        let (id, new) = change
            .save_search("Opt-in", r#"{"query":"opted in"}"#)
            .expect("save");
        assert!(new);
        let (again, new) = change
            .save_search(" Opt-in ", r#"{"query":"\"opted in\""}"#)
            .expect("replace");
        assert_eq!(
            (again, new),
            (id, false),
            "the same name replaces its request"
        );
        change.commit().expect("commit");
        let saved = case.saved_searches().expect("list");
        assert_eq!(saved.len(), 1);
        assert_eq!(saved[0].request, r#"{"query":"\"opted in\""}"#);

        let change = case.begin_change().expect("change");
        assert_eq!(
            change.delete_saved_search("Opt-in").expect("delete"),
            Some(id)
        );
        assert_eq!(change.delete_saved_search("Opt-in").expect("again"), None);
        change.commit().expect("commit");
        assert!(case.saved_searches().expect("list").is_empty());
        assert!(case.saved_search("Opt-in").expect("get").is_none());

        let actions = audit_actions(&case);
        assert_eq!(
            actions[actions.len() - 3..],
            [
                "saved_search.add",
                "saved_search.replace",
                "saved_search.delete"
            ]
        );
        let (rows, differences) = crate::audited_state::replay(case.connection()).expect("replay");
        assert!(differences.is_empty(), "{differences:?}");
        assert!(
            rows >= 1,
            "the deleted saved search is still a row the log knows"
        );

        case.connection()
            .execute("UPDATE saved_searches SET request = '{}'", [])
            .expect("tamper");
        let (_, differences) = crate::audited_state::replay(case.connection()).expect("replay");
        assert_eq!(differences.len(), 1);
        assert_eq!(differences[0].key, format!("saved_search:{id}"));
    }

    #[test]
    fn a_saved_search_needs_a_name_and_undo_passes_it_over() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut case = case_with_document(dir.path(), 1);
        let change = case.begin_change().expect("change");
        assert!(change.save_search("  ", "{}").is_err());
        change.save_search("kept", "{}").expect("save");
        change.commit().expect("commit");
        let change = case.begin_change().expect("change");
        assert!(change.undo_last().is_err(), "a saved search is not an edit");
        drop(change);
        assert_eq!(case.saved_searches().expect("list").len(), 1);
    }

    fn audit_actions(case: &Case) -> Vec<String> {
        let mut stmt = case
            .connection()
            .prepare("SELECT action FROM audit_log ORDER BY seq")
            .expect("prepare");
        stmt.query_map([], |r| r.get(0))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows")
    }
}
