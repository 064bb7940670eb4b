//! Review status: whether someone has read a document, and who and when.
//!
//! No row in `document_review` means unreviewed.

use std::fmt;
use std::str::FromStr;

use rusqlite::OptionalExtension;

use crate::case::Case;
use crate::error::Result;

/// Where a document stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReviewStatus {
    /// Nobody has marked it.
    Unreviewed,
    /// Someone has read it.
    Reviewed,
    /// Someone has read it and wants it looked at again.
    SecondLook,
}

impl ReviewStatus {
    /// Every status, in the order a reviewer counts them.
    pub const ALL: [ReviewStatus; 3] = [
        ReviewStatus::Unreviewed,
        ReviewStatus::Reviewed,
        ReviewStatus::SecondLook,
    ];

    /// The word stored, printed and sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Unreviewed => "unreviewed",
            ReviewStatus::Reviewed => "reviewed",
            ReviewStatus::SecondLook => "second_look",
        }
    }
}

impl fmt::Display for ReviewStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ReviewStatus {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "unreviewed" => Ok(ReviewStatus::Unreviewed),
            "reviewed" => Ok(ReviewStatus::Reviewed),
            "second_look" => Ok(ReviewStatus::SecondLook),
            other => Err(format!(
                "unknown review status {other:?}: expected unreviewed, reviewed or second_look"
            )),
        }
    }
}

/// A document's recorded review: its status, who set it, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRecord {
    /// Reviewed or second look.
    pub status: ReviewStatus,
    /// Who set it.
    pub actor: String,
    /// When.
    pub at: String,
}

impl Case {
    /// A document's recorded review, none while unreviewed.
    pub fn review_of(&self, document: i64) -> Result<Option<ReviewRecord>> {
        Ok(self
            .conn
            .prepare_cached("SELECT status, actor, at FROM document_review WHERE document_id = ?1")?
            .query_row([document], |r| {
                let status: String = r.get(0)?;
                Ok(ReviewRecord {
                    status: status.parse().map_err(|e: String| {
                        rusqlite::Error::FromSqlConversionFailure(
                            0,
                            rusqlite::types::Type::Text,
                            e.into(),
                        )
                    })?,
                    actor: r.get(1)?,
                    at: r.get(2)?,
                })
            })
            .optional()?)
    }

    /// How many documents are in each review status, every status listed.
    pub fn review_counts(&self) -> Result<Vec<(ReviewStatus, u64)>> {
        let total: i64 = self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
        let mut counted = std::collections::BTreeMap::new();
        let mut stmt = self
            .conn
            .prepare("SELECT status, count(*) FROM document_review GROUP BY status")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (status, n) = row?;
            if let Ok(status) = status.parse::<ReviewStatus>() {
                counted.insert(status, n as u64);
            }
        }
        let marked: u64 = counted.values().sum();
        Ok(ReviewStatus::ALL
            .into_iter()
            .map(|s| match s {
                ReviewStatus::Unreviewed => (s, (total as u64).saturating_sub(marked)),
                _ => (s, counted.get(&s).copied().unwrap_or(0)),
            })
            .collect())
    }
}
