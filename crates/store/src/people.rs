//! The cast of characters' manual decisions (schema 15): which person an address belongs
//! to, and people entered by hand. The cast itself is computed from the messages by the
//! api (`people`); these rows win over its automatic grouping. Every change is audited.

use rusqlite::params;

use crate::case::{Case, Change};
use crate::error::{Result, StoreError};

/// A person entered by hand, or a name given to one found in the mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRecord {
    /// `person:N` for one entered by hand, else the main address of one found in the mail.
    pub id: String,
    /// The name to show.
    pub name: String,
    /// Their role in the matter.
    pub role: Option<String>,
    /// Their organisation.
    pub organisation: Option<String>,
}

impl Change<'_> {
    /// Links each address to `person` (a merge: every address of the people merged; a
    /// split: one address to itself). Audited as `action` (`person.merge`, `person.split`).
    pub fn link_addresses(&self, action: &str, person: &str, addresses: &[String]) -> Result<()> {
        if person.trim().is_empty() || addresses.is_empty() {
            return Err(StoreError::Refused(
                "a merge or split needs a person and at least one address".into(),
            ));
        }
        for a in addresses {
            self.tx.execute(
                "INSERT INTO person_addresses (address, person, set_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (address) DO UPDATE SET person = excluded.person, set_at = excluded.set_at",
                params![a.trim().to_lowercase(), person, self.at],
            )?;
        }
        self.record(action, &format!("person:{person}"), &addresses.join(", "))
    }

    /// Enters a person by hand; returns their id (`person:N`). Audited as `person.add`.
    pub fn add_person(
        &self,
        name: &str,
        role: Option<&str>,
        organisation: Option<&str>,
    ) -> Result<String> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Refused("a person needs a name".into()));
        }
        let n: i64 = self.tx.query_row(
            "SELECT count(*) FROM people WHERE id LIKE 'person:%'",
            [],
            |r| r.get(0),
        )?;
        let id = format!("person:{}", n + 1);
        self.tx.execute(
            "INSERT INTO people (id, name, role, organisation, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, name, role, organisation, self.at],
        )?;
        self.record("person.add", &id, name)?;
        Ok(id)
    }
}

impl Case {
    /// Every address a reviewer linked to a person, as `(address, person)`.
    pub fn person_links(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .connection()
            .prepare("SELECT address, person FROM person_addresses ORDER BY address")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every person entered by hand or named by a reviewer.
    pub fn people_entered(&self) -> Result<Vec<PersonRecord>> {
        let mut stmt = self
            .connection()
            .prepare("SELECT id, name, role, organisation FROM people ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(PersonRecord {
                id: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
                organisation: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
