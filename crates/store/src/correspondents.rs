//! The address lines of the case's messages, for the cast of characters (`people` in the
//! api): each From, To, Cc and Bcc line with its message and date, as extraction stored
//! them in `document_meta` (one address per line).

use crate::case::Case;
use crate::error::Result;

/// One address line of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressLine {
    /// The message.
    pub document: i64,
    /// The message's own date, as stored.
    pub date: Option<String>,
    /// Whether the line is the sender's (From) rather than a recipient's.
    pub sent: bool,
    /// The line: `Name <address>`, `<address>` or a bare name or address.
    pub line: String,
}

impl Case {
    /// Every From, To, Cc and Bcc address line of every document, by document.
    pub fn address_lines(&self) -> Result<Vec<AddressLine>> {
        let mut stmt = self.connection().prepare(
            "SELECT d.id, d.doc_date, m.key, m.value FROM document_meta m
             JOIN documents d ON d.id = m.document_id
             WHERE m.key IN ('from', 'to', 'cc', 'bcc') ORDER BY d.id, m.key",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (document, date, key, value) = row?;
            for line in value.lines().map(str::trim).filter(|l| !l.is_empty()) {
                out.push(AddressLine {
                    document,
                    date: date.clone(),
                    sent: key == "from",
                    line: line.to_owned(),
                });
            }
        }
        Ok(out)
    }
}
