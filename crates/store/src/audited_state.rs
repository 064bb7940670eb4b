//! The audited state of every chronology row, so that `verify` can tell when the case was
//! changed behind the audit log's back.
//!
//! Every chronology edit (an event's state, a citation, a document's tags, a note, an
//! exhibit) writes, in the audit row that records it, the whole state of the row it changed
//! *after* the change: `state_of` names the row (`event:3`, `citation:7`, `tags:12`,
//! `note:2`, `exhibit:5`) and `state` holds its fields, one `name: value` line each, values
//! quoted as Rust string literals so that no value spans two lines. Both are covered by the
//! row's hash. Replaying the log (the last state written for each row) therefore gives what
//! the chronology must be now; [`replay`] compares that with the tables and names every
//! field that differs, every row the log never saw, and every row that is gone.
//!
//! What this cannot see: an edit made with `sqlite3` that also appends a matching audit row
//! and recomputes the chain, or that removes the newest rows together with the changes they
//! record. Nothing inside the case can tell those from the truth; a seal kept elsewhere can
//! (`verify --seal`).
//!
//! Cases made before schema 6 had no states in their log: the migration to 6 records the
//! state of every chronology row as it then stood (`chronology.baseline`), so edits made
//! before the upgrade are taken as they were found.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, types::ValueRef};

use crate::audit;
use crate::error::Result;

/// A chronology row whose state the audit log carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Audited {
    /// An event with its issues, actors and tags.
    Event(i64),
    /// A citation.
    Citation(i64),
    /// The tags of a document.
    Tags(i64),
    /// A note.
    Note(i64),
    /// An exhibit.
    Exhibit(i64),
    /// A saved search (`saved_searches.rs`): not a chronology row and never undone, but
    /// audited with its state all the same.
    SavedSearch(i64),
    /// A document's review status (`review.rs`).
    Review(i64),
    /// A trusted timestamp of an original (`timestamps.rs`).
    Timestamp(i64),
    /// A redaction (`redactions.rs`).
    Redaction(i64),
    /// The corrected OCR text of a document's pages (`ocr.rs`).
    OcrText(i64),
}

impl Audited {
    /// The row an undo step names (`event.state`, `citation.add`, `document.tag`…).
    pub(crate) fn of_step(action: &str, subject: i64) -> Option<Audited> {
        let kind = action.split('.').next()?;
        Some(match (kind, action) {
            ("event", _) => Audited::Event(subject),
            ("citation", _) => Audited::Citation(subject),
            (_, "document.tag" | "document.untag") => Audited::Tags(subject),
            (_, "document.review") => Audited::Review(subject),
            (_, "document.ocr_text") => Audited::OcrText(subject),
            ("note", _) => Audited::Note(subject),
            ("exhibit", _) => Audited::Exhibit(subject),
            ("redaction", _) => Audited::Redaction(subject),
            _ => return None,
        })
    }

    /// The name written in `state_of`.
    pub(crate) fn key(self) -> String {
        match self {
            Audited::Event(id) => format!("event:{id}"),
            Audited::Citation(id) => format!("citation:{id}"),
            Audited::Tags(id) => format!("tags:{id}"),
            Audited::Note(id) => format!("note:{id}"),
            Audited::Exhibit(id) => format!("exhibit:{id}"),
            Audited::SavedSearch(id) => format!("saved_search:{id}"),
            Audited::Review(id) => format!("review:{id}"),
            Audited::Timestamp(id) => format!("timestamp:{id}"),
            Audited::Redaction(id) => format!("redaction:{id}"),
            Audited::OcrText(id) => format!("ocr_text:{id}"),
        }
    }

    /// The row's state as it is now, or `None` when the row does not exist. A document
    /// without tags has the state of an empty list, so that removing its last tag is a state
    /// like any other.
    pub(crate) fn state(self, conn: &Connection) -> Result<Option<String>> {
        let (sql, id) = match self {
            Audited::Event(id) => (EVENT_SQL, id),
            Audited::Citation(id) => (CITATION_SQL, id),
            Audited::Tags(id) => (TAGS_SQL, id),
            Audited::Note(id) => (NOTE_SQL, id),
            Audited::Exhibit(id) => (EXHIBIT_SQL, id),
            Audited::SavedSearch(id) => (SAVED_SEARCH_SQL, id),
            Audited::Review(id) => (REVIEW_SQL, id),
            Audited::Timestamp(id) => (TIMESTAMP_SQL, id),
            Audited::Redaction(id) => (REDACTION_SQL, id),
            Audited::OcrText(id) => (OCR_TEXT_SQL, id),
        };
        let mut stmt = conn.prepare_cached(sql)?;
        let state = stmt
            .query_row([id], |row| {
                let mut text = String::new();
                for (i, name) in row.as_ref().column_names().enumerate() {
                    text.push_str(name);
                    text.push_str(": ");
                    text.push_str(&literal(row.get_ref(i)?));
                    text.push('\n');
                }
                Ok(text)
            })
            .optional()?;
        Ok(state)
    }
}

/// One column per line, in this order. `updated_at` is left out of an event: citing it
/// touches it without changing the event.
const EVENT_SQL: &str = "SELECT title, description, date, status, deleted, created_at,
        (SELECT group_concat(name, char(31)) FROM
            (SELECT name FROM event_issues WHERE event_id = e.id ORDER BY position)) AS issues,
        (SELECT group_concat(name, char(31)) FROM
            (SELECT name FROM event_actors WHERE event_id = e.id ORDER BY position)) AS actors,
        (SELECT group_concat(name, char(31)) FROM
            (SELECT t.name FROM event_tags et JOIN tags t ON t.id = et.tag_id
             WHERE et.event_id = e.id ORDER BY t.name)) AS tags
    FROM events e WHERE id = ?1";
const CITATION_SQL: &str = "SELECT event_id, document_id, relation, page, quote, exact, prefix,
        suffix, start_offset, end_offset, sha256, created_at, withdrawn_at
    FROM citations WHERE id = ?1";
const TAGS_SQL: &str = "SELECT (SELECT group_concat(name, char(31)) FROM
        (SELECT t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id
         WHERE dt.document_id = ?1 ORDER BY t.name)) AS tags";
const NOTE_SQL: &str = "SELECT document_id, page, quote, exact, prefix, suffix, start_offset,
        end_offset, sha256, body, created_at, deleted_at
    FROM notes WHERE id = ?1";
const EXHIBIT_SQL: &str = "SELECT document_id, prefix, n, bates_prefix, bates_first, bates_last,
        designation, created_at, withdrawn_at
    FROM exhibits WHERE id = ?1";

/// No row while unreviewed: an unreviewed document's state is empty.
const REVIEW_SQL: &str = "SELECT status, actor, at FROM document_review WHERE document_id = ?1";

/// The token as hex, so that a token swapped behind the log's back differs from the log.
const TIMESTAMP_SQL: &str = "SELECT document_id, sha256, nonce, requested_at, hex(token) AS token,
        imported_at, gen_time, tsa, serial, policy
    FROM timestamps WHERE id = ?1";
const REDACTION_SQL: &str = "SELECT document_id, page, quote, x, y, w, h, reason, created_at,
        deleted_at
    FROM redactions WHERE id = ?1";
/// Every correction of the document's OCR pages (page, text, who, when; pages joined by
/// U+001E), and how many of those pages show their correction as their text: a page text
/// changed behind the log is a difference too. `null` and 0 when none is left.
const OCR_TEXT_SQL: &str = "SELECT
        (SELECT group_concat(n || char(31) || text || char(31) || actor || char(31) || at, char(30))
         FROM (SELECT n, text, actor, at FROM ocr_corrections WHERE document_id = ?1 ORDER BY n))
            AS corrections,
        (SELECT count(*) FROM ocr_corrections c JOIN pages p
            ON p.document_id = c.document_id AND p.n = c.n AND p.text = c.text
         WHERE c.document_id = ?1) AS pages_showing_them";

const SAVED_SEARCH_SQL: &str = "SELECT name, request, created_at, updated_at, deleted_at
    FROM saved_searches WHERE id = ?1";

/// A value as one line: text quoted and escaped, numbers as they are, `null` for NULL.
fn literal(value: ValueRef<'_>) -> String {
    match value {
        ValueRef::Null => "null".into(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => format!("blob of {} bytes", b.len()),
    }
}

/// Every chronology row that exists now, with its state.
fn current(conn: &Connection) -> Result<BTreeMap<String, String>> {
    let mut rows = Vec::new();
    for (sql, make) in [
        (
            "SELECT id FROM events",
            Audited::Event as fn(i64) -> Audited,
        ),
        ("SELECT id FROM citations", Audited::Citation),
        (
            "SELECT DISTINCT document_id FROM document_tags",
            Audited::Tags,
        ),
        ("SELECT id FROM notes", Audited::Note),
        ("SELECT id FROM exhibits", Audited::Exhibit),
        ("SELECT id FROM saved_searches", Audited::SavedSearch),
        ("SELECT document_id FROM document_review", Audited::Review),
        ("SELECT id FROM timestamps", Audited::Timestamp),
        ("SELECT id FROM redactions", Audited::Redaction),
        (
            "SELECT DISTINCT document_id FROM ocr_corrections",
            Audited::OcrText,
        ),
    ] {
        // The baseline of schema 6 is taken before later tables exist.
        let table = sql.rsplit(' ').next().unwrap_or_default();
        if matches!(
            table,
            "saved_searches" | "document_review" | "timestamps" | "redactions" | "ocr_corrections"
        ) && !table_exists(conn, table)?
        {
            continue;
        }
        let mut stmt = conn.prepare(sql)?;
        let ids = stmt.query_map([], |r| r.get::<_, i64>(0))?;
        for id in ids {
            rows.push(make(id?));
        }
    }
    let mut states = BTreeMap::new();
    for row in rows {
        if let Some(state) = row.state(conn)? {
            states.insert(row.key(), state);
        }
    }
    Ok(states)
}

fn table_exists(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [name],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Records the state of every chronology row as it stands, one audit row each: the
/// starting point of the replay for a case made before the log carried states.
pub(crate) fn record_baseline(conn: &Connection, at: &str, actor: &str) -> Result<()> {
    for (key, state) in current(conn)? {
        let target = key.replace("tags:", "document:");
        audit::append_state(
            conn,
            at,
            actor,
            "chronology.baseline",
            &target,
            "state when the case was upgraded to schema 6",
            Some((&key, &state)),
        )?;
    }
    Ok(())
}

/// A row whose current state is not what the audit log says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Difference {
    /// The row (`event:3`).
    pub key: String,
    /// What differs, in words.
    pub message: String,
}

/// Replays the audit log's states and compares them with the tables; returns how many rows
/// the case has now, and every difference.
pub(crate) fn replay(conn: &Connection) -> Result<(u64, Vec<Difference>)> {
    let mut logged: BTreeMap<String, (i64, String)> = BTreeMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT seq, state_of, state FROM audit_log WHERE state_of IS NOT NULL ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        for row in rows {
            let (seq, key, state) = row?;
            logged.insert(key, (seq, state.unwrap_or_default()));
        }
    }
    // A document whose last tag was removed is in the log with no tags and in no table.
    logged.retain(|key, (_, state)| !(key.starts_with("tags:") && state == "tags: null\n"));
    // So is a document set back to unreviewed: its state is empty.
    logged.retain(|key, (_, state)| !(key.starts_with("review:") && state.is_empty()));
    // And a document whose last OCR correction was undone: no correction is left.
    logged.retain(|key, (_, state)| {
        !(key.starts_with("ocr_text:") && state.starts_with("corrections: null\n"))
    });
    let now = current(conn)?;
    let mut differences = Vec::new();
    for (key, state) in &now {
        match logged.get(key) {
            None => differences.push(Difference {
                key: key.clone(),
                message: "is not in the audit log: it was added behind the log's back".into(),
            }),
            Some((seq, expected)) if expected != state => differences.push(Difference {
                key: key.clone(),
                message: format!(
                    "differs from what audit row {seq} recorded: {}",
                    describe(expected, state)
                ),
            }),
            Some(_) => {}
        }
    }
    for (key, (seq, _)) in &logged {
        if !now.contains_key(key) {
            differences.push(Difference {
                key: key.clone(),
                message: format!(
                    "is gone: audit row {seq} recorded it, but the case no longer has it"
                ),
            });
        }
    }
    Ok((now.len() as u64, differences))
}

/// The fields that differ between two states, each with both values.
fn describe(expected: &str, actual: &str) -> String {
    let fields = |s: &str| -> BTreeMap<String, String> {
        s.lines()
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    };
    let (expected, actual) = (fields(expected), fields(actual));
    let mut names: Vec<&String> = expected.keys().chain(actual.keys()).collect();
    names.sort();
    names.dedup();
    let missing = "(missing)".to_owned();
    names
        .into_iter()
        .filter_map(|name| {
            let (e, a) = (
                expected.get(name).unwrap_or(&missing),
                actual.get(name).unwrap_or(&missing),
            );
            (e != a).then(|| format!("{name} is {a}, the log says {e}"))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_difference_names_each_field_with_both_values() {
        let logged = "title: \"Setting added\"\ndate: \"2024-08\"\n";
        let now = "title: \"Setting added\"\ndate: \"2023-01\"\n";
        assert_eq!(
            describe(logged, now),
            "date is \"2023-01\", the log says \"2024-08\""
        );
    }

    #[test]
    fn steps_name_the_rows_they_change() {
        assert_eq!(Audited::of_step("event.state", 3), Some(Audited::Event(3)));
        assert_eq!(
            Audited::of_step("document.untag", 9),
            Some(Audited::Tags(9))
        );
        assert_eq!(
            Audited::of_step("exhibit.withdraw", 2),
            Some(Audited::Exhibit(2))
        );
        assert_eq!(Audited::of_step("series.capture", 1), None);
        assert_eq!(Audited::Tags(9).key(), "tags:9");
    }
}
