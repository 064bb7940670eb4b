//! `people`: the case's cast of characters, found in its email correspondents.
//!
//! Every address in a message's From, To, Cc and Bcc is a correspondent. Addresses are
//! normalised (trimmed, lower-cased, quotes, angle brackets, `mailto:` and stray dots
//! dropped) and one person gathers the addresses that are plainly the same mailbox
//! written differently, within one domain: the same letters once `.`, `_`, `-` and `'`
//! are taken out (`kenneth.lay`, `kenneth_lay`, `kennethlay`, `j..kaminski`), or the same
//! two or more name parts in another order (`lay.kenneth`). Addresses that share a display
//! name of two or more words (`Lay, Kenneth` reads as `Kenneth Lay`) are one person too;
//! every display name seen is kept as an alias, and the name shown is the one written most
//! often (else one made from the address: `kenneth.lay` → `Kenneth Lay`).
//!
//! Nicknames and initials (`ken.lay`, `klay`) and one person's mail at another domain are
//! not guessed at: those take a reviewer's merge (`person --merge`), kept in the case and
//! audited, as are splits (`person --split ADDRESS`) and people entered by hand
//! (`person --add NAME`); an address a reviewer placed takes no part in the guessing. The
//! cast is read from the case each time, so it follows every ingest; a person's id is the
//! one a reviewer's decision gave it, else its main address (the one in the most messages).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use dossier_store::{AddressLine, PersonRecord};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ApiError, ApiResult, CaseAt, ErrorCode, open_case};

/// `people` arguments: none beyond the case.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct PeopleRequest {}

/// One person of the cast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Person {
    /// Its main address (the one in the most messages), which names it.
    pub id: String,
    /// The name shown: the display name written most often, or one made from the address.
    pub name: String,
    /// Every address that is this person's, normalised, most used first.
    pub addresses: Vec<String>,
    /// Every display name written for those addresses, as written, most used first.
    pub aliases: Vec<String>,
    /// Messages this person sent or received.
    pub documents: u64,
    /// Messages this person sent (From).
    pub sent: u64,
    /// Messages this person received (To, Cc, Bcc).
    pub received: u64,
    /// The day of the first message (ISO 8601), when the messages are dated.
    pub first: Option<String>,
    /// The day of the last message.
    pub last: Option<String>,
    /// Their role in the matter, as a reviewer gave it.
    pub role: Option<String>,
    /// Their organisation, as a reviewer gave it.
    pub organisation: Option<String>,
}

/// `person` arguments: one of a merge, a split or a person entered by hand.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct PersonRequest {
    /// Merge these people (ids, as `people` lists them) into the first.
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub merge: Vec<String>,
    /// Split this address off into a person of its own.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub split: Option<String>,
    /// Enter a person by hand with this name.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub add: Option<String>,
    /// The role of the person entered.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub role: Option<String>,
    /// The organisation of the person entered.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub organisation: Option<String>,
    /// Addresses of the person entered.
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub address: Vec<String>,
}

/// An address as a cast compares it: trimmed, lower-cased, without quotes, angle brackets,
/// `mailto:` or dots leading the local part; `None` when what is left is no address.
pub fn normalise_address(raw: &str) -> Option<String> {
    let a = raw
        .trim()
        .trim_matches(|c: char| c == '<' || c == '>' || c == '"' || c == '\'' || c.is_whitespace())
        .to_lowercase();
    let a = a.strip_prefix("mailto:").unwrap_or(&a);
    let (local, domain) = a.rsplit_once('@')?;
    let local = local.trim_matches(|c: char| c == '.' || c == '\'' || c == '"');
    let domain = domain.trim_matches('.');
    if local.is_empty() || !domain.contains('.') {
        return None;
    }
    Some(format!("{local}@{domain}"))
}

/// A display name as people write it, in reading order: `Lay, Kenneth` → `Kenneth Lay`;
/// quotes and bracketed notes (`(E-mail)`) dropped. `None` when it is no name of two or
/// more words of letters (an address, `e-mail`, a single word).
pub fn normalise_name(raw: &str) -> Option<String> {
    let mut s = String::new();
    let mut depth = 0;
    for c in raw.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            '"' | '\'' if depth == 0 => {}
            c if depth == 0 => s.push(c),
            _ => {}
        }
    }
    if s.contains('@') {
        return None;
    }
    let s = match s.split_once(',') {
        Some((last, first)) if !first.trim().is_empty() && !first.contains(',') => {
            format!("{} {}", first.trim(), last.trim())
        }
        _ => s,
    };
    let words: Vec<&str> = s.split_whitespace().collect();
    let letters = words
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    (letters >= 2).then(|| words.join(" "))
}

/// The keys under which two addresses of one domain are the same mailbox: its letters
/// without separators, and its name parts (two or more) in sorted order.
fn address_keys(address: &str) -> Vec<String> {
    let Some((local, domain)) = address.rsplit_once('@') else {
        return Vec::new();
    };
    let letters: String = local
        .chars()
        .filter(|c| !matches!(c, '.' | '_' | '-' | '\''))
        .collect();
    let mut keys = vec![format!("letters:{letters}@{domain}")];
    let mut parts: Vec<&str> = local
        .split(['.', '_', '-'])
        .map(|p| p.trim_matches('\''))
        .filter(|p| p.len() >= 2)
        .collect();
    if parts.len() >= 2 {
        parts.sort_unstable();
        keys.push(format!("parts:{}@{domain}", parts.join(".")));
    }
    keys
}

/// A name made from an address when no display name was written: `kenneth.lay` →
/// `Kenneth Lay`; an address without separators is kept as it is.
fn name_from_address(address: &str) -> String {
    let local = address.split('@').next().unwrap_or(address);
    let parts: Vec<&str> = local
        .split(['.', '_', '\''])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return address.to_owned();
    }
    parts
        .iter()
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Disjoint sets over address indexes.
struct Groups(Vec<usize>);

impl Groups {
    fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

#[derive(Default)]
struct Tally {
    docs: BTreeSet<i64>,
    sent: BTreeSet<i64>,
    received: BTreeSet<i64>,
    first: Option<String>,
    last: Option<String>,
}

/// The cast from the address lines of the case's messages and a reviewer's decisions
/// (addresses linked to a person, people entered by hand), most active first.
pub fn cast(
    lines: &[AddressLine],
    links: &[(String, String)],
    entered: &[PersonRecord],
) -> Vec<Person> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut addresses: Vec<String> = Vec::new();
    let mut uses: Vec<BTreeSet<i64>> = Vec::new();
    let mut names: Vec<BTreeMap<String, u64>> = Vec::new();
    let mut read: Vec<(usize, &AddressLine)> = Vec::new();
    for c in lines {
        let (name, address) = dossier_extract::parse_address_line(&c.line);
        let Some(address) = address.or(name).and_then(normalise_address) else {
            continue;
        };
        let i = *index.entry(address.clone()).or_insert_with(|| {
            addresses.push(address);
            uses.push(BTreeSet::new());
            names.push(BTreeMap::new());
            addresses.len() - 1
        });
        uses[i].insert(c.document);
        if let Some(n) = name
            .filter(|_| c.line.contains('<'))
            .and_then(normalise_name)
        {
            *names[i].entry(n).or_default() += 1;
        }
        read.push((i, c));
    }
    // Addresses a reviewer placed but no message names still belong to their person.
    let linked: HashMap<&str, &str> = links
        .iter()
        .map(|(a, p)| (a.as_str(), p.as_str()))
        .collect();
    for (address, _) in links {
        if !index.contains_key(address) {
            index.insert(address.clone(), addresses.len());
            addresses.push(address.clone());
            uses.push(BTreeSet::new());
            names.push(BTreeMap::new());
        }
    }
    let mut groups = Groups((0..addresses.len()).collect());
    let mut first_with: HashMap<String, usize> = HashMap::new();
    for (i, a) in addresses.iter().enumerate() {
        // A reviewer's placing wins: a placed address joins its person only.
        let keys: Vec<String> = match linked.get(a.as_str()) {
            Some(person) => vec![format!("person:{person}")],
            None => address_keys(a)
                .into_iter()
                .chain(
                    names[i]
                        .keys()
                        .map(|n| format!("name:{}", n.to_lowercase())),
                )
                .collect(),
        };
        for key in keys {
            match first_with.get(&key) {
                Some(&j) => groups.join(i, j),
                None => {
                    first_with.insert(key, i);
                }
            }
        }
    }
    let mut tallies: BTreeMap<usize, Tally> = BTreeMap::new();
    for (i, c) in &read {
        let t = tallies.entry(groups.root(*i)).or_default();
        t.docs.insert(c.document);
        if c.sent {
            t.sent.insert(c.document);
        } else {
            t.received.insert(c.document);
        }
        if let Some(day) = c.date.as_deref().map(day_of).filter(|d| !d.is_empty()) {
            if t.first.as_ref().is_none_or(|f| &day < f) {
                t.first = Some(day.clone());
            }
            if t.last.as_ref().is_none_or(|l| &day > l) {
                t.last = Some(day);
            }
        }
    }
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..addresses.len() {
        members.entry(groups.root(i)).or_default().push(i);
    }
    let mut people: Vec<Person> = members
        .into_iter()
        .map(|(root, mut ids)| {
            ids.sort_by(|a, b| {
                uses[*b]
                    .len()
                    .cmp(&uses[*a].len())
                    .then(addresses[*a].cmp(&addresses[*b]))
            });
            let mut aliases: BTreeMap<&str, u64> = BTreeMap::new();
            for i in &ids {
                for (n, count) in &names[*i] {
                    *aliases.entry(n.as_str()).or_default() += count;
                }
            }
            let mut aliases: Vec<(&str, u64)> = aliases.into_iter().collect();
            aliases.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let main = addresses[ids[0]].clone();
            let id = ids
                .iter()
                .find_map(|i| linked.get(addresses[*i].as_str()))
                .map_or(main.clone(), |p| (*p).to_owned());
            let record = entered.iter().find(|r| r.id == id);
            let t = tallies.remove(&root).unwrap_or_default();
            Person {
                name: record.map(|r| r.name.clone()).unwrap_or_else(|| {
                    aliases
                        .first()
                        .map_or_else(|| name_from_address(&main), |a| a.0.to_owned())
                }),
                role: record.and_then(|r| r.role.clone()),
                organisation: record.and_then(|r| r.organisation.clone()),
                id,
                addresses: ids.iter().map(|i| addresses[*i].clone()).collect(),
                aliases: aliases.into_iter().map(|a| a.0.to_owned()).collect(),
                documents: t.docs.len() as u64,
                sent: t.sent.len() as u64,
                received: t.received.len() as u64,
                first: t.first,
                last: t.last,
            }
        })
        .collect();
    // People entered by hand with no address yet.
    for r in entered {
        if !people.iter().any(|p| p.id == r.id) {
            people.push(Person {
                id: r.id.clone(),
                name: r.name.clone(),
                addresses: Vec::new(),
                aliases: Vec::new(),
                documents: 0,
                sent: 0,
                received: 0,
                first: None,
                last: None,
                role: r.role.clone(),
                organisation: r.organisation.clone(),
            });
        }
    }
    people.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.name.cmp(&b.name)));
    people
}

/// `correspondence` arguments.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct CorrespondenceRequest {
    /// Only the lines this person (an id `people` lists) wrote or received.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub person: Option<String>,
}

/// Who wrote to whom in one month, and the messages behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CorrespondenceLine {
    /// The sender (a person's id).
    pub from: String,
    /// The sender's name.
    pub from_name: String,
    /// The recipient (To, Cc or Bcc).
    pub to: String,
    /// The recipient's name.
    pub to_name: String,
    /// The month (`2001-05`); empty for undated messages.
    pub month: String,
    /// The messages, by document id.
    pub documents: Vec<i64>,
}

/// One message's correspondents.
struct Message<'a> {
    date: Option<&'a str>,
    senders: Vec<&'a Person>,
    recipients: Vec<&'a Person>,
}

/// The names of a sender and a recipient and the messages between them in one month.
struct Pair {
    from_name: String,
    to_name: String,
    documents: BTreeSet<i64>,
}

/// Who wrote to whom, by month: one line per sender, recipient and month, from the same
/// cast `people` shows (a message to oneself is not counted).
pub fn correspondence_lines(lines: &[AddressLine], cast: &[Person]) -> Vec<CorrespondenceLine> {
    let mut owner: HashMap<&str, &Person> = HashMap::new();
    for p in cast {
        for a in &p.addresses {
            owner.insert(a.as_str(), p);
        }
    }
    let person_of = |line: &str| {
        let (name, address) = dossier_extract::parse_address_line(line);
        address
            .or(name)
            .and_then(normalise_address)
            .and_then(|a| owner.get(a.as_str()).copied())
    };
    let mut by_doc: BTreeMap<i64, Message<'_>> = BTreeMap::new();
    for l in lines {
        let Some(p) = person_of(&l.line) else {
            continue;
        };
        let message = by_doc.entry(l.document).or_insert_with(|| Message {
            date: l.date.as_deref(),
            senders: Vec::new(),
            recipients: Vec::new(),
        });
        if l.sent {
            message.senders.push(p);
        } else {
            message.recipients.push(p);
        }
    }
    let mut pairs: BTreeMap<(String, String, String), Pair> = BTreeMap::new();
    for (doc, m) in by_doc {
        let day = m.date.map(day_of).unwrap_or_default();
        let month = day.get(..7).unwrap_or_default().to_owned();
        for s in &m.senders {
            for r in &m.recipients {
                if s.id == r.id {
                    continue;
                }
                pairs
                    .entry((s.id.clone(), r.id.clone(), month.clone()))
                    .or_insert_with(|| Pair {
                        from_name: s.name.clone(),
                        to_name: r.name.clone(),
                        documents: BTreeSet::new(),
                    })
                    .documents
                    .insert(doc);
            }
        }
    }
    pairs
        .into_iter()
        .map(|((from, to, month), pair)| CorrespondenceLine {
            from,
            from_name: pair.from_name,
            to,
            to_name: pair.to_name,
            month,
            documents: pair.documents.into_iter().collect(),
        })
        .collect()
}

/// Who wrote to whom, by month, for the whole case or one person.
pub fn correspondence(
    path: &(impl CaseAt + ?Sized),
    request: &CorrespondenceRequest,
) -> ApiResult<Vec<CorrespondenceLine>> {
    let case = open_case(path)?;
    let lines = case.address_lines()?;
    let cast = cast(&lines, &case.person_links()?, &case.people_entered()?);
    if let Some(id) = &request.person
        && !cast.iter().any(|p| &p.id == id)
    {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            format!("no person {id:?} (dossier people CASE lists them)"),
        ));
    }
    Ok(correspondence_lines(&lines, &cast)
        .into_iter()
        .filter(|l| {
            request
                .person
                .as_ref()
                .is_none_or(|id| &l.from == id || &l.to == id)
        })
        .collect())
}

fn invalid(message: String) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, message)
}

/// Merges people, splits an address off, or enters a person by hand (audited); returns
/// the people it touched as the cast now has them.
pub fn person(path: &(impl CaseAt + ?Sized), request: &PersonRequest) -> ApiResult<Vec<Person>> {
    let asked = usize::from(!request.merge.is_empty())
        + usize::from(request.split.is_some())
        + usize::from(request.add.is_some());
    if asked != 1 {
        return Err(invalid(
            "give one of --merge ID --merge ID…, --split ADDRESS or --add NAME".into(),
        ));
    }
    let before = people(path, &PeopleRequest {})?;
    let mut case = open_case(path)?;
    let change = case.begin_change()?;
    let touched: String = if !request.merge.is_empty() {
        if request.merge.len() < 2 {
            return Err(invalid("a merge needs two people or more".into()));
        }
        let mut addresses = Vec::new();
        for id in &request.merge {
            let p = before.iter().find(|p| &p.id == id).ok_or_else(|| {
                ApiError::new(
                    ErrorCode::NotFound,
                    format!("no person {id:?} (dossier people CASE lists them)"),
                )
            })?;
            if p.addresses.is_empty() {
                return Err(invalid(format!("{id} has no address to merge")));
            }
            addresses.extend(p.addresses.iter().cloned());
        }
        let into = request.merge[0].clone();
        change.link_addresses("person.merge", &into, &addresses)?;
        into
    } else if let Some(split) = &request.split {
        let address = normalise_address(split)
            .ok_or_else(|| invalid(format!("{split:?} is not an email address")))?;
        if !before.iter().any(|p| p.addresses.contains(&address)) {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                format!("no person has the address {address}"),
            ));
        }
        change.link_addresses("person.split", &address, std::slice::from_ref(&address))?;
        address
    } else {
        let name = request.add.as_deref().unwrap_or_default();
        let id = change.add_person(
            name,
            request.role.as_deref(),
            request.organisation.as_deref(),
        )?;
        let addresses: Vec<String> = request
            .address
            .iter()
            .map(|a| {
                normalise_address(a)
                    .ok_or_else(|| invalid(format!("{a:?} is not an email address")))
            })
            .collect::<ApiResult<_>>()?;
        if !addresses.is_empty() {
            change.link_addresses("person.link", &id, &addresses)?;
        }
        id
    };
    change.commit()?;
    Ok(people(path, &PeopleRequest {})?
        .into_iter()
        .filter(|p| p.id == touched)
        .collect())
}

/// The day of a stored date (`2001-05-14T19:36:00Z` → `2001-05-14`); empty when it is
/// no ISO date.
fn day_of(date: &str) -> String {
    dossier_timeline::exhibits::export_date(date)
        .get(..10)
        .filter(|d| d.len() == 10 && d.as_bytes()[4] == b'-')
        .map(str::to_owned)
        .unwrap_or_default()
}

/// The case's cast of characters from its email correspondents, most active first.
pub fn people(path: &(impl CaseAt + ?Sized), _request: &PeopleRequest) -> ApiResult<Vec<Person>> {
    let case = open_case(path)?;
    Ok(cast(
        &case.address_lines()?,
        &case.person_links()?,
        &case.people_entered()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(doc: i64, sent: bool, line: &str) -> AddressLine {
        AddressLine {
            document: doc,
            date: Some(format!("2001-05-{:02}T10:00:00Z", doc)),
            sent,
            line: line.into(),
        }
    }

    #[test]
    fn addresses_and_names_are_read_as_people_write_them() {
        assert_eq!(
            normalise_address(" <Kenneth.Lay@ENRON.com> ").as_deref(),
            Some("kenneth.lay@enron.com")
        );
        assert_eq!(
            normalise_address("mailto:.palmer@enron.com").as_deref(),
            Some("palmer@enron.com")
        );
        assert_eq!(normalise_address("enron.com"), None);
        assert_eq!(normalise_address("bailey"), None);
        assert_eq!(
            normalise_name("Lay, Kenneth").as_deref(),
            Some("Kenneth Lay")
        );
        assert_eq!(
            normalise_name("\"Kenneth L. Lay (E-mail)\"").as_deref(),
            Some("Kenneth L. Lay")
        );
        assert_eq!(normalise_name("e-mail"), None);
        assert_eq!(normalise_name("ken@enron.com"), None);
    }

    #[test]
    fn one_mailbox_written_differently_is_one_person_and_others_are_not() {
        let cast = cast(
            &[
                line(1, true, "<kenneth.lay@enron.com>"),
                line(1, false, "<jeff.skilling@enron.com>"),
                line(2, true, "Kenneth Lay <kenneth_lay@enron.com>"),
                line(2, false, "<lay.kenneth@enron.com>"),
                line(3, true, "<kennethlay@enron.com>"),
                line(3, false, "\"Lay, Kenneth\" <klay@enron.com>"),
                line(3, false, "<kenneth.lay@enron.net>"),
                line(4, false, "<lay.mark@enron.com>"),
                line(4, true, "<j..kaminski@enron.com>"),
                line(5, true, "<j.kaminski@enron.com>"),
                line(5, false, "<daggett'.'pierre@enron.com>"),
                line(6, false, "<pierre.daggett@enron.com>"),
            ],
            &[],
            &[],
        );
        let daggett = cast
            .iter()
            .find(|p| p.id == "daggett'.'pierre@enron.com" || p.id == "pierre.daggett@enron.com")
            .expect("Daggett");
        assert_eq!(
            daggett.addresses.len(),
            2,
            "quotes in an address are no part of a name"
        );
        assert!(daggett.name == "Pierre Daggett" || daggett.name == "Daggett Pierre");
        let lay = cast
            .iter()
            .find(|p| p.addresses.contains(&"kenneth.lay@enron.com".to_owned()))
            .expect("Ken Lay");
        assert_eq!(lay.name, "Kenneth Lay");
        assert_eq!(
            lay.addresses.iter().collect::<BTreeSet<_>>(),
            [
                "kenneth.lay@enron.com",
                "kenneth_lay@enron.com",
                "kennethlay@enron.com",
                "lay.kenneth@enron.com",
                "klay@enron.com",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .iter()
            .collect::<BTreeSet<_>>(),
            "one display name joins klay@; another domain and another Lay stay apart"
        );
        assert_eq!((lay.documents, lay.sent, lay.received), (3, 3, 2));
        assert_eq!(lay.first.as_deref(), Some("2001-05-01"));
        assert_eq!(lay.last.as_deref(), Some("2001-05-03"));
        assert_eq!(lay.aliases, ["Kenneth Lay"]);
        let kaminski = cast
            .iter()
            .find(|p| p.addresses.contains(&"j.kaminski@enron.com".to_owned()))
            .expect("Kaminski");
        assert_eq!(kaminski.addresses.len(), 2);
        assert_eq!(cast.len(), 6, "{cast:#?}");
    }

    #[test]
    fn correspondence_counts_who_wrote_to_whom_each_month() {
        let lines = [
            line(1, true, "<kenneth.lay@enron.com>"),
            line(1, false, "<jeff.skilling@enron.com>"),
            line(2, true, "<kenneth_lay@enron.com>"),
            line(2, false, "<jeff_skilling@enron.com>"),
            line(2, false, "<kenneth.lay@enron.com>"),
            line(3, true, "<jeff.skilling@enron.com>"),
            line(3, false, "<kenneth.lay@enron.com>"),
        ];
        let people = cast(&lines, &[], &[]);
        let pairs: Vec<(String, String, String, Vec<i64>)> = correspondence_lines(&lines, &people)
            .into_iter()
            .map(|l| (l.from, l.to, l.month, l.documents))
            .collect();
        assert_eq!(
            pairs,
            [
                (
                    "jeff.skilling@enron.com".to_owned(),
                    "kenneth.lay@enron.com".to_owned(),
                    "2001-05".to_owned(),
                    vec![3]
                ),
                (
                    "kenneth.lay@enron.com".to_owned(),
                    "jeff.skilling@enron.com".to_owned(),
                    "2001-05".to_owned(),
                    vec![1, 2]
                ),
            ],
            "one mailbox written two ways is one correspondent; writing to oneself is not counted"
        );
    }
}
