//! Review status: whether someone has read a document, and who and when.
//!
//! No row in `document_review` means unreviewed.

use std::fmt;
use std::str::FromStr;

use rusqlite::OptionalExtension;

use crate::case::{Case, Change};
use crate::error::{Result, StoreError};
use crate::undo::{Audit, Step};

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

/// Separator of the fields a review step keeps.
const UNIT: char = '\u{1f}';

/// The review a step records as the one before it: empty for unreviewed.
fn encode_step(before: Option<&ReviewRecord>) -> String {
    match before {
        None => String::new(),
        Some(r) => format!("{}{UNIT}{}{UNIT}{}", r.status.as_str(), r.actor, r.at),
    }
}

/// Reads what [`encode_step`] wrote.
pub(crate) fn decode_step(detail: &str) -> Result<Option<ReviewRecord>> {
    if detail.is_empty() {
        return Ok(None);
    }
    let bad = || StoreError::Refused(format!("a review step names no review ({detail:?})"));
    let mut fields = detail.split(UNIT);
    let (Some(status), Some(actor), Some(at), None) =
        (fields.next(), fields.next(), fields.next(), fields.next())
    else {
        return Err(bad());
    };
    Ok(Some(ReviewRecord {
        status: status.parse().map_err(|_| bad())?,
        actor: actor.to_string(),
        at: at.to_string(),
    }))
}

fn review_in(tx: &rusqlite::Connection, document: i64) -> Result<Option<ReviewRecord>> {
    Ok(tx
        .prepare_cached("SELECT status, actor, at FROM document_review WHERE document_id = ?1")?
        .query_row([document], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .optional()?
        .and_then(|(status, actor, at)| {
            status
                .parse()
                .ok()
                .map(|status| ReviewRecord { status, actor, at })
        }))
}

impl Change<'_> {
    /// Sets a document's review status, recording who and when (this change's actor and
    /// time); returns whether it changed. Setting the status it already has changes nothing
    /// and records nothing.
    pub fn set_review(&self, document: i64, status: ReviewStatus) -> Result<bool> {
        let wanted = match status {
            ReviewStatus::Unreviewed => None,
            status => Some(ReviewRecord {
                status,
                actor: self.actor.to_string(),
                at: self.at.to_string(),
            }),
        };
        let before = review_in(&self.tx, document)?;
        if before.as_ref().map(|r| r.status) == wanted.as_ref().map(|r| r.status) {
            return Ok(false);
        }
        self.put_review(document, wanted)
    }

    /// Makes a document's review exactly `review` (none: unreviewed), audited as one step
    /// whose inverse puts back the review it replaced, actor and time included.
    pub(crate) fn put_review(&self, document: i64, review: Option<ReviewRecord>) -> Result<bool> {
        let exists: bool = self
            .tx
            .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
            .query_row([document], |_| Ok(()))
            .optional()?
            .is_some();
        if !exists {
            return Err(StoreError::Refused(format!("no document {document}")));
        }
        let before = review_in(&self.tx, document)?;
        match &review {
            None => {
                self.tx.execute(
                    "DELETE FROM document_review WHERE document_id = ?1",
                    [document],
                )?;
            }
            Some(r) => {
                self.tx.execute(
                    "INSERT INTO document_review (document_id, status, actor, at)
                     VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (document_id) DO UPDATE
                     SET status = excluded.status, actor = excluded.actor, at = excluded.at",
                    rusqlite::params![document, r.status.as_str(), r.actor, r.at],
                )?;
            }
        }
        let status = review
            .as_ref()
            .map_or(ReviewStatus::Unreviewed, |r| r.status);
        self.record_step(
            Audit {
                action: "document.review",
                target: &format!("document:{document}"),
                detail: status.as_str(),
            },
            Step {
                action: "document.review",
                subject: document,
                detail: &encode_step(before.as_ref()),
            },
        )?;
        Ok(true)
    }
}

impl Case {
    /// The ids among `ids` that name no document, in the order given.
    pub fn unknown_documents(&self, ids: &[i64]) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?;
        let mut unknown = Vec::new();
        for &id in ids {
            if stmt.query_row([id], |_| Ok(())).optional()?.is_none() {
                unknown.push(id);
            }
        }
        Ok(unknown)
    }
}
