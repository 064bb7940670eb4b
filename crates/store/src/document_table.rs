//! The document table: one page of the case's documents in any order, filtered, with the
//! columns a reviewer scans (sender, recipients, custodians, tags, exhibit, review status).
//!
//! Only the page's ids are chosen in SQL with `LIMIT`/`OFFSET` over the indexes of
//! migration 8; the columns are then read for those ids alone, so a page costs the same at
//! 300,000 documents as at 300. Sizes live in `objects`: that order walks `objects_size`
//! and sorts only the documents of one size by id.
//!
//! The columns kept in other tables (sender, recipients, custodians, tags, exhibit, review
//! status) have no index in document order: sorted by one of them, every matching document's
//! value is looked up by its primary key and the matches are sorted once, documents without
//! a value last in either direction.

use rusqlite::{OptionalExtension, params_from_iter, types::Value};

use crate::case::Case;
use crate::error::Result;
use crate::review::ReviewStatus;

/// The column a page is sorted by; ties are broken by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    /// The document's own date (documents without one first when ascending).
    Date,
    /// Kind (`email`, `article`, ...).
    Kind,
    /// Title.
    Title,
    /// Size of the original in bytes.
    Size,
    /// Id: ingest order.
    Id,
    /// An email's sender as its metadata records it.
    From,
    /// An email's recipients as its metadata records them.
    To,
    /// The first of its custodians by name.
    Custodian,
    /// Its tags by name, joined.
    Tags,
    /// Its standing exhibit: prefix, then number.
    Exhibit,
    /// Review status: reviewed, then second look (unreviewed documents last).
    Review,
}

impl SortColumn {
    /// The value a document is sorted by, for the columns kept outside `documents`: `NULL`
    /// when it has none.
    fn looked_up(self) -> Option<&'static str> {
        Some(match self {
            SortColumn::From => {
                "(SELECT value FROM document_meta WHERE document_id = d.id AND key = 'from')"
            }
            SortColumn::To => {
                "(SELECT value FROM document_meta WHERE document_id = d.id AND key = 'to')"
            }
            SortColumn::Custodian => {
                "(SELECT min(custodian) FROM sources WHERE document_id = d.id)"
            }
            SortColumn::Tags => {
                "(SELECT group_concat(name, ', ') FROM (SELECT t.name FROM document_tags dt
                   JOIN tags t ON t.id = dt.tag_id WHERE dt.document_id = d.id ORDER BY t.name))"
            }
            SortColumn::Exhibit => {
                "(SELECT prefix || printf('%010d', n) FROM exhibits
                   WHERE document_id = d.id AND withdrawn_at IS NULL)"
            }
            SortColumn::Review => "(SELECT status FROM document_review WHERE document_id = d.id)",
            SortColumn::Date
            | SortColumn::Kind
            | SortColumn::Title
            | SortColumn::Size
            | SortColumn::Id => return None,
        })
    }
}

/// Which documents, in which order, which page.
#[derive(Debug, Clone)]
pub struct TableQuery {
    /// Only this kind.
    pub kind: Option<String>,
    /// Only documents with this tag.
    pub tag: Option<String>,
    /// Only documents with a source of this custodian.
    pub custodian: Option<String>,
    /// Only documents dated on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only documents dated on or before this day (`YYYY-MM-DD`).
    pub until: Option<String>,
    /// Only documents in this review status.
    pub review: Option<ReviewStatus>,
    /// Only documents whose title contains this text (ASCII case ignored).
    pub title: Option<String>,
    /// Only documents with a source in this folder or a folder below it (`folders.rs`).
    pub folder: Option<String>,
    /// The order.
    pub sort: SortColumn,
    /// Largest first.
    pub descending: bool,
    /// How many matching documents to skip.
    pub offset: u64,
    /// How many to return at most.
    pub limit: u64,
}

/// One row of the document table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// Document id.
    pub id: i64,
    /// Kind.
    pub kind: String,
    /// Title.
    pub title: Option<String>,
    /// The document's own date, or for a capture without one (a policy version) the day it
    /// was captured, as search dates it: a list of 18 captures must tell them apart.
    pub date: Option<String>,
    /// An email's sender, as its metadata records it.
    pub from: Option<String>,
    /// An email's recipients, as its metadata records them.
    pub to: Option<String>,
    /// Custodians of its sources, sorted, without repeats.
    pub custodians: Vec<String>,
    /// Its tags, sorted.
    pub tags: Vec<String>,
    /// Its standing exhibit, as (prefix, number).
    pub exhibit: Option<(String, u32)>,
    /// Review status.
    pub review: ReviewStatus,
    /// Who set the review status, and when (none while unreviewed).
    pub reviewed: Option<(String, String)>,
    /// Size of the original in bytes.
    pub size: u64,
    /// Container document.
    pub parent: Option<i64>,
}

/// One page and how many documents match in all.
#[derive(Debug, Clone, PartialEq)]
pub struct TablePage {
    /// Documents matching the filters, all pages together.
    pub total: u64,
    /// This page, in order.
    pub rows: Vec<TableRow>,
}

/// The `WHERE` clause of a query and its parameters.
fn filters(query: &TableQuery) -> (String, Vec<Value>) {
    // A kind holds most of a case or almost none of it, and the planner cannot tell which
    // (cases are not ANALYZEd): sorted by date, title or id, the kind is checked while
    // walking that column's index (`+` keeps the planner off the kind index) rather than
    // sorting every email of a mailbox. Sorted by size, the kind index is used: walking
    // sizes for a rare kind looks up every object (1.6 s at 302,000 documents), sorting
    // a common kind's sizes takes 1 s.
    let by_kind = matches!(query.sort, SortColumn::Kind | SortColumn::Size);
    let mut clauses: Vec<&str> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    if let Some(kind) = &query.kind {
        clauses.push(if by_kind { "d.kind = ?" } else { "+d.kind = ?" });
        values.push(Value::Text(kind.clone()));
    }
    if let Some(tag) = &query.tag {
        clauses.push(
            "d.id IN (SELECT dt.document_id FROM document_tags dt JOIN tags t ON t.id = dt.tag_id
                      WHERE t.name = ?)",
        );
        values.push(Value::Text(tag.clone()));
    }
    if let Some(custodian) = &query.custodian {
        clauses.push("d.id IN (SELECT s.document_id FROM sources s WHERE s.custodian = ?)");
        values.push(Value::Text(custodian.clone()));
    }
    if let Some(since) = &query.since {
        clauses.push("substr(d.doc_date, 1, 10) >= ?");
        values.push(Value::Text(since.clone()));
    }
    if let Some(until) = &query.until {
        clauses.push("substr(d.doc_date, 1, 10) <= ?");
        values.push(Value::Text(until.clone()));
    }
    match query.review {
        None => {}
        Some(ReviewStatus::Unreviewed) => {
            clauses.push("d.id NOT IN (SELECT r.document_id FROM document_review r)")
        }
        Some(status) => {
            clauses
                .push("d.id IN (SELECT r.document_id FROM document_review r WHERE r.status = ?)");
            values.push(Value::Text(status.as_str().into()));
        }
    }
    if let Some(folder) = &query.folder {
        let (sql, within) = crate::folders::within_folder(folder);
        clauses.push(sql);
        values.extend(within);
    }
    if let Some(title) = &query.title {
        clauses.push("d.title LIKE ? ESCAPE '\\'");
        let escaped = title
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        values.push(Value::Text(format!("%{escaped}%")));
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    (sql, values)
}

impl Case {
    /// One page of the document table.
    pub fn document_table(&self, query: &TableQuery) -> Result<TablePage> {
        let (filter, mut values) = filters(query);
        let total: i64 = self.conn.query_row(
            &format!(
                "SELECT count(*) FROM documents d {}",
                filter.replace("+d.kind", "d.kind")
            ),
            params_from_iter(values.iter()),
            |r| r.get(0),
        )?;
        let direction = if query.descending { "DESC" } else { "ASC" };
        let order = match query.sort {
            SortColumn::Date => format!("d.doc_date {direction}, d.id {direction}"),
            SortColumn::Kind => format!("d.kind {direction}, d.id {direction}"),
            SortColumn::Title => format!("d.title {direction}, d.id {direction}"),
            SortColumn::Size => format!("o.size {direction}, d.id {direction}"),
            SortColumn::Id => format!("d.id {direction}"),
            looked_up => {
                let value = looked_up.looked_up().unwrap_or("NULL");
                format!("{value} IS NULL, {value} {direction}, d.id {direction}")
            }
        };
        // Only the size order needs `objects`; joined for every order, skipping a deep
        // offset would look up each skipped document's object.
        let join = if query.sort == SortColumn::Size {
            "JOIN objects o ON o.sha256 = d.sha256"
        } else {
            ""
        };
        values.push(Value::Integer(query.limit.min(i64::MAX as u64) as i64));
        values.push(Value::Integer(query.offset.min(i64::MAX as u64) as i64));
        let ids: Vec<i64> = {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT d.id FROM documents d {join} {filter} ORDER BY {order} LIMIT ? OFFSET ?"
            ))?;
            stmt.query_map(params_from_iter(values.iter()), |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        let rows = ids
            .into_iter()
            .map(|id| self.table_row(id))
            .collect::<Result<_>>()?;
        Ok(TablePage {
            total: total as u64,
            rows,
        })
    }

    /// Every document the query's filters match, by id (its order, offset and limit are
    /// ignored): what "select all that match" acts on, without paging through the rows.
    pub fn document_table_ids(&self, query: &TableQuery) -> Result<Vec<i64>> {
        let (filter, values) = filters(query);
        let mut stmt = self.conn.prepare(&format!(
            "SELECT d.id FROM documents d {} ORDER BY d.id",
            filter.replace("+d.kind", "d.kind")
        ))?;
        let ids = stmt
            .query_map(params_from_iter(values.iter()), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// The table's columns for one document.
    fn table_row(&self, id: i64) -> Result<TableRow> {
        let conn = &self.conn;
        let (kind, title, date, parent, size): (
            String,
            Option<String>,
            Option<String>,
            Option<i64>,
            i64,
        ) = conn
            .prepare_cached(
                "SELECT d.kind, d.title, coalesce(d.doc_date, d.captured_at), d.parent_id, o.size
                 FROM documents d JOIN objects o ON o.sha256 = d.sha256 WHERE d.id = ?1",
            )?
            .query_row([id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
        let meta = |key: &str| -> Result<Option<String>> {
            Ok(conn
                .prepare_cached(
                    "SELECT value FROM document_meta WHERE document_id = ?1 AND key = ?2",
                )?
                .query_row(rusqlite::params![id, key], |r| r.get(0))
                .optional()?)
        };
        let custodians = conn
            .prepare_cached(
                "SELECT DISTINCT custodian FROM sources
                 WHERE document_id = ?1 AND custodian IS NOT NULL ORDER BY custodian",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let tags = conn
            .prepare_cached(
                "SELECT t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id
                 WHERE dt.document_id = ?1 ORDER BY t.name",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let exhibit = conn
            .prepare_cached(
                "SELECT prefix, n FROM exhibits WHERE document_id = ?1 AND withdrawn_at IS NULL",
            )?
            .query_row([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))
            .optional()?;
        let review = self.review_of(id)?;
        Ok(TableRow {
            id,
            kind,
            title,
            date,
            from: meta("from")?,
            to: meta("to")?,
            custodians,
            tags,
            exhibit,
            review: review
                .as_ref()
                .map_or(ReviewStatus::Unreviewed, |r| r.status),
            reviewed: review.map(|r| (r.actor, r.at)),
            size: size as u64,
            parent,
        })
    }
}
