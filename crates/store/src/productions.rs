//! Productions: the Bates numbers each `dossier produce` gave, so numbering continues
//! across productions of a prefix and no number goes to two documents. A production is
//! recorded once its folder is written, with the SHA-256 of its manifest in the audit row.
//! It is not a chronology edit (`undo` passes it over): the files are out of the case.

use rusqlite::params;

use crate::case::{Case, Change};
use crate::error::Result;

/// The Bates range one document got in a production.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProducedDocument {
    /// The document.
    pub document: i64,
    /// First Bates number.
    pub first: u64,
    /// Last Bates number.
    pub last: u64,
    /// Withheld (its one number is its slip-sheet's).
    pub withheld: bool,
}

/// A production to record.
#[derive(Debug, Clone)]
pub struct NewProduction {
    /// Bates prefix.
    pub prefix: String,
    /// First number given.
    pub first: u64,
    /// Last number given.
    pub last: u64,
    /// Pages produced, slip-sheets included.
    pub pages: u64,
    /// The legend stamped.
    pub legend: Option<String>,
    /// SHA-256 of the production's manifest.
    pub manifest_sha256: String,
    /// Each document's range, in production order.
    pub documents: Vec<ProducedDocument>,
}

/// A document's range in an earlier production.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductionRange {
    /// The production.
    pub production: i64,
    /// Its prefix.
    pub prefix: String,
    /// The document's range and whether it was withheld.
    pub range: ProducedDocument,
    /// When it was produced.
    pub produced_at: String,
}

impl Change<'_> {
    /// Records a production and its documents' ranges; returns its id.
    pub fn record_production(&self, p: &NewProduction) -> Result<i64> {
        let withheld = p.documents.iter().filter(|d| d.withheld).count() as i64;
        self.tx.execute(
            "INSERT INTO productions (prefix, first, last, documents, pages, withheld, legend,
                 manifest_sha256, produced_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                p.prefix,
                p.first as i64,
                p.last as i64,
                p.documents.len() as i64,
                p.pages as i64,
                withheld,
                p.legend,
                p.manifest_sha256,
                self.at
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO production_documents (production_id, document_id, first, last, withheld)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for d in &p.documents {
            insert.execute(params![
                id,
                d.document,
                d.first as i64,
                d.last as i64,
                d.withheld
            ])?;
        }
        self.record(
            "production.add",
            &format!("production:{id}"),
            &format!(
                "{}{:06}-{}{:06}: {} documents, {} pages, {} withheld; manifest sha256 {}",
                p.prefix,
                p.first,
                p.prefix,
                p.last,
                p.documents.len(),
                p.pages,
                withheld,
                p.manifest_sha256
            ),
        )?;
        Ok(id)
    }
}

impl Case {
    /// The next Bates number of `prefix` after every production and exhibit that used it.
    pub fn next_bates_number(&self, prefix: &str) -> Result<u64> {
        let n: i64 = self.conn.query_row(
            "SELECT MAX(
                 COALESCE((SELECT MAX(last) FROM productions WHERE prefix = ?1), 0),
                 COALESCE((SELECT MAX(bates_last) FROM exhibits WHERE bates_prefix = ?1), 0)
             ) + 1",
            [prefix],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// Every document range of `prefix` produced earlier that meets `first..=last`.
    pub fn produced_between(
        &self,
        prefix: &str,
        first: u64,
        last: u64,
    ) -> Result<Vec<ProductionRange>> {
        self.production_ranges(
            "p.prefix = ?1 AND d.last >= ?2 AND d.first <= ?3",
            params![prefix, first as i64, last as i64],
        )
    }

    /// Every range `document` was given, oldest production first.
    pub fn productions_of(&self, document: i64) -> Result<Vec<ProductionRange>> {
        self.production_ranges("d.document_id = ?1", params![document])
    }

    fn production_ranges(
        &self,
        filter: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<ProductionRange>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT p.id, p.prefix, d.document_id, d.first, d.last, d.withheld, p.produced_at
             FROM production_documents d JOIN productions p ON p.id = d.production_id
             WHERE {filter} ORDER BY p.id, d.first"
        ))?;
        let rows = stmt.query_map(args, |r| {
            Ok(ProductionRange {
                production: r.get(0)?,
                prefix: r.get(1)?,
                range: ProducedDocument {
                    document: r.get(2)?,
                    first: r.get::<_, i64>(3)? as u64,
                    last: r.get::<_, i64>(4)? as u64,
                    withheld: r.get(5)?,
                },
                produced_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
