//! Exhibits: a number per document (`PX-0001`) and a Bates range over its pages. Numbers
//! and Bates ranges never collide and are never reused: the next free number follows the
//! highest of its prefix, and a Bates range starts after the last one stamped with its
//! prefix, withdrawn exhibits included. A withdrawn exhibit stays on record as withdrawn
//! (a paralegal's PX-0007 never comes back as another document); its document may be
//! numbered again, under a new number.

use rusqlite::{OptionalExtension, params};

use crate::case::{Case, Change};
use crate::error::{Result, StoreError};
use crate::undo::{Audit, Step};

/// An exhibit as stored, with the document fields an exhibit list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExhibitRecord {
    /// Exhibit id.
    pub id: i64,
    /// The document.
    pub document: i64,
    /// Number prefix: `PX`.
    pub prefix: String,
    /// Number within the prefix, from 1.
    pub n: u32,
    /// Bates prefix: `DOSS`.
    pub bates_prefix: String,
    /// First Bates number.
    pub bates_first: u64,
    /// Last Bates number.
    pub bates_last: u64,
    /// Who offers it, for what.
    pub designation: Option<String>,
    /// When it was assigned.
    pub created_at: String,
    /// When it was withdrawn, if it was.
    pub withdrawn_at: Option<String>,
    /// The document's title.
    pub title: Option<String>,
    /// The document's own date.
    pub date: Option<String>,
    /// SHA-256 of its original.
    pub sha256: String,
}

/// What to assign.
#[derive(Debug, Clone)]
pub struct NewExhibit {
    /// The document.
    pub document: i64,
    /// Number prefix.
    pub prefix: String,
    /// A chosen number, or `None` for the next free one.
    pub n: Option<u32>,
    /// Bates prefix.
    pub bates_prefix: String,
    /// Designation.
    pub designation: Option<String>,
}

const EXHIBIT_SQL: &str =
    "SELECT x.id, x.document_id, x.prefix, x.n, x.bates_prefix, x.bates_first,
        x.bates_last, x.designation, x.created_at, d.title, d.doc_date, d.sha256,
        x.withdrawn_at
     FROM exhibits x JOIN documents d ON d.id = x.document_id";

fn exhibit_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ExhibitRecord> {
    Ok(ExhibitRecord {
        id: r.get(0)?,
        document: r.get(1)?,
        prefix: r.get(2)?,
        n: r.get(3)?,
        bates_prefix: r.get(4)?,
        bates_first: r.get::<_, i64>(5)? as u64,
        bates_last: r.get::<_, i64>(6)? as u64,
        designation: r.get(7)?,
        created_at: r.get(8)?,
        title: r.get(9)?,
        date: r.get(10)?,
        sha256: r.get(11)?,
        withdrawn_at: r.get(12)?,
    })
}

impl Change<'_> {
    /// Makes a document an exhibit: its number, and Bates numbers for each of its pages
    /// (one for a document without pages). A document is an exhibit once.
    pub fn add_exhibit(&self, x: &NewExhibit) -> Result<ExhibitRecord> {
        let tx = &self.tx;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM documents WHERE id = ?1)",
            [x.document],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(StoreError::DocumentNotFound(x.document));
        }
        let current: Option<(String, u32)> = tx
            .query_row(
                "SELECT prefix, n FROM exhibits WHERE document_id = ?1 AND withdrawn_at IS NULL",
                [x.document],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((p, n)) = current {
            return Err(StoreError::Refused(format!(
                "document {} is already exhibit {p}-{n:04}",
                x.document
            )));
        }
        let n = match x.n {
            Some(n) => {
                let holder: Option<(i64, Option<String>)> = tx
                    .query_row(
                        "SELECT document_id, withdrawn_at FROM exhibits
                         WHERE prefix = ?1 AND n = ?2",
                        params![x.prefix, n],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                match holder {
                    Some((doc, None)) => {
                        return Err(StoreError::Refused(format!(
                            "exhibit {}-{n:04} is already document {doc}",
                            x.prefix
                        )));
                    }
                    Some((doc, Some(_))) => {
                        return Err(StoreError::Refused(format!(
                            "exhibit {}-{n:04} was document {doc} and is withdrawn; a \
                             withdrawn number is never reused",
                            x.prefix
                        )));
                    }
                    None => {}
                }
                n
            }
            None => tx.query_row(
                "SELECT COALESCE(MAX(n), 0) + 1 FROM exhibits WHERE prefix = ?1",
                [&x.prefix],
                |r| r.get(0),
            )?,
        };
        let pages: i64 = tx.query_row(
            "SELECT MAX(COUNT(*), 1) FROM pages WHERE document_id = ?1",
            [x.document],
            |r| r.get(0),
        )?;
        let first: i64 = tx.query_row(
            "SELECT COALESCE(MAX(bates_last), 0) + 1 FROM exhibits WHERE bates_prefix = ?1",
            [&x.bates_prefix],
            |r| r.get(0),
        )?;
        let last = first + pages - 1;
        tx.execute(
            "INSERT INTO exhibits (document_id, prefix, n, bates_prefix, bates_first, bates_last,
                 designation, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                x.document,
                x.prefix,
                n,
                x.bates_prefix,
                first,
                last,
                x.designation,
                self.at
            ],
        )?;
        let id = tx.last_insert_rowid();
        self.record_step(
            Audit {
                action: "exhibit.add",
                target: &format!("document:{}", x.document),
                detail: &format!(
                    "exhibit {}-{n:04}, Bates {p}{first:06}-{p}{last:06}",
                    x.prefix,
                    p = x.bates_prefix
                ),
            },
            Step {
                action: "exhibit.add",
                subject: id,
                detail: "",
            },
        )?;
        self.exhibit_by_id(id)
    }

    /// Withdraws an exhibit: it keeps its number and Bates range (never reused) and is
    /// listed as withdrawn. Returns it as it now stands.
    pub fn withdraw_exhibit(&self, id: i64) -> Result<ExhibitRecord> {
        let x = self.exhibit_by_id(id)?;
        if x.withdrawn_at.is_some() {
            return Err(StoreError::Refused(format!(
                "exhibit {}-{:04} is already withdrawn",
                x.prefix, x.n
            )));
        }
        self.tx.execute(
            "UPDATE exhibits SET withdrawn_at = ?2 WHERE id = ?1",
            params![id, self.at],
        )?;
        self.record_step(
            Audit {
                action: "exhibit.withdraw",
                target: &format!("document:{}", x.document),
                detail: &format!("exhibit {}-{:04} withdrawn", x.prefix, x.n),
            },
            Step {
                action: "exhibit.withdraw",
                subject: id,
                detail: "",
            },
        )?;
        self.exhibit_by_id(id)
    }

    /// Reinstates a withdrawn exhibit under its own number (the undo of withdrawing it),
    /// unless its document has been numbered again since.
    pub fn reinstate_exhibit(&self, id: i64) -> Result<ExhibitRecord> {
        let x = self.exhibit_by_id(id)?;
        if x.withdrawn_at.is_none() {
            return Err(StoreError::Refused(format!(
                "exhibit {}-{:04} is not withdrawn",
                x.prefix, x.n
            )));
        }
        let standing: Option<(String, u32)> = self
            .tx
            .query_row(
                "SELECT prefix, n FROM exhibits WHERE document_id = ?1 AND withdrawn_at IS NULL",
                [x.document],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((p, n)) = standing {
            return Err(StoreError::Refused(format!(
                "cannot reinstate exhibit {}-{:04}: its document {} is now exhibit {p}-{n:04}",
                x.prefix, x.n, x.document
            )));
        }
        self.tx.execute(
            "UPDATE exhibits SET withdrawn_at = NULL WHERE id = ?1",
            [id],
        )?;
        self.record_step(
            Audit {
                action: "exhibit.reinstate",
                target: &format!("document:{}", x.document),
                detail: &format!("exhibit {}-{:04} reinstated", x.prefix, x.n),
            },
            Step {
                action: "exhibit.reinstate",
                subject: id,
                detail: "",
            },
        )?;
        self.exhibit_by_id(id)
    }

    fn exhibit_by_id(&self, id: i64) -> Result<ExhibitRecord> {
        self.tx
            .query_row(&format!("{EXHIBIT_SQL} WHERE x.id = ?1"), [id], exhibit_row)
            .optional()?
            .ok_or(StoreError::NotFound {
                kind: "exhibit",
                id,
            })
    }
}

impl Case {
    /// The standing (not withdrawn) exhibit of a document, if it has one.
    pub fn standing_exhibit(&self, document: i64) -> Result<Option<ExhibitRecord>> {
        Ok(self
            .conn
            .query_row(
                &format!("{EXHIBIT_SQL} WHERE x.document_id = ?1 AND x.withdrawn_at IS NULL"),
                [document],
                exhibit_row,
            )
            .optional()?)
    }

    /// Every exhibit, withdrawn ones included, by prefix and number.
    pub fn exhibits(&self) -> Result<Vec<ExhibitRecord>> {
        let mut stmt = self
            .conn
            .prepare(&format!("{EXHIBIT_SQL} ORDER BY x.prefix, x.n"))?;
        let rows = stmt.query_map([], exhibit_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::tests::case_with_document;

    fn new(n: Option<u32>) -> NewExhibit {
        NewExhibit {
            document: 1,
            prefix: "PX".into(),
            n,
            bates_prefix: "DOSS".into(),
            designation: None,
        }
    }

    #[test]
    fn an_exhibit_stamps_one_bates_number_per_page_and_is_assigned_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut case = case_with_document(dir.path(), 3);
        let change = case.begin_change().expect("change");
        assert!(matches!(
            change.add_exhibit(&NewExhibit {
                document: 9,
                ..new(None)
            }),
            Err(StoreError::DocumentNotFound(9))
        ));
        let x = change.add_exhibit(&new(Some(7))).expect("exhibit");
        assert_eq!((x.n, x.bates_first, x.bates_last), (7, 1, 3));
        let again = change.add_exhibit(&new(None));
        assert!(
            matches!(again, Err(StoreError::Refused(m)) if m.contains("already exhibit PX-0007"))
        );
        change.commit().expect("commit");
        assert_eq!(case.exhibits().expect("list").len(), 1);
    }
}
