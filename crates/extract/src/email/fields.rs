//! Header fields as Dossier stores them: addresses one per line, dates in UTC with the
//! original offset kept apart, message ids bare and space-separated.

use mail_parser::{Addr, Address, DateTime, HeaderValue};

/// One address as a line: `Name <address>`, `<address>` or `Name`.
///
/// The angle brackets make the line unambiguous: whatever is inside them is the address,
/// whatever precedes them the display name. Names and addresses are trimmed; a line with
/// neither is dropped.
pub fn address_line(addr: &Addr<'_>) -> Option<String> {
    let name = addr
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let address = addr
        .address
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    match (name, address) {
        (Some(n), Some(a)) => Some(format!("{} <{a}>", one_line(n))),
        (None, Some(a)) => Some(format!("<{a}>")),
        (Some(n), None) => Some(one_line(n)),
        (None, None) => None,
    }
}

/// Every address of a header (group members flattened, in order), one per line.
pub fn address_lines(address: &Address<'_>) -> Vec<String> {
    address.iter().filter_map(address_line).collect()
}

/// Splits a stored address line back into (name, address).
pub fn parse_address_line(line: &str) -> (Option<&str>, Option<&str>) {
    match line.rfind('<') {
        Some(open) if line.ends_with('>') => {
            let name = line[..open].trim();
            let address = &line[open + 1..line.len() - 1];
            ((!name.is_empty()).then_some(name), Some(address))
        }
        _ => (Some(line), None),
    }
}

/// A name for the authors list: the display name, or else the address.
pub fn author(addr: &Addr<'_>) -> Option<String> {
    addr.name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .or_else(|| addr.address.as_deref().map(str::trim))
        .filter(|s| !s.is_empty())
        .map(one_line)
}

/// Header values never hold line breaks once unfolded; a stray one would break the
/// one-address-per-line format, so it becomes a space.
fn one_line(s: &str) -> String {
    if s.contains(['\r', '\n']) {
        s.replace(['\r', '\n'], " ")
    } else {
        s.to_owned()
    }
}

/// Message ids of an `In-Reply-To` or `References` header, bare (without angle brackets).
pub fn message_ids(value: &HeaderValue<'_>) -> Vec<String> {
    let ids: Vec<&str> = match value {
        HeaderValue::Text(t) => vec![t.as_ref()],
        HeaderValue::TextList(list) => list.iter().map(|t| t.as_ref()).collect(),
        _ => Vec::new(),
    };
    ids.into_iter()
        .map(|id| id.trim().trim_start_matches('<').trim_end_matches('>'))
        .filter(|id| !id.is_empty() && !id.contains(char::is_whitespace))
        .map(str::to_owned)
        .collect()
}

/// A date in UTC as ISO 8601 (`2001-05-14T23:39:00Z`), or `None` when the parsed fields
/// are not a real date (Enron's `0001` years, a 31 February).
pub fn utc_iso(date: &DateTime) -> Option<String> {
    if !date.is_valid() || !(1900..=2200).contains(&date.year) {
        return None;
    }
    // mail-parser allows day 31 in every month and would roll `31 Feb` into March.
    dossier_dates::PartialDate::ymd(
        i64::from(date.year),
        i64::from(date.month),
        i64::from(date.day),
    )
    .ok()?;
    let utc = DateTime::from_timestamp(date.to_timestamp());
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second
    ))
}

/// The offset the sender's clock was at, as `+02:00` or `-05:00`.
pub fn offset(date: &DateTime) -> String {
    format!(
        "{}{:02}:{:02}",
        if date.tz_before_gmt { '-' } else { '+' },
        date.tz_hour,
        date.tz_minute
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn addr<'a>(name: Option<&'a str>, address: Option<&'a str>) -> Addr<'a> {
        Addr {
            name: name.map(Cow::Borrowed),
            address: address.map(Cow::Borrowed),
        }
    }

    #[test]
    fn addresses_round_trip_through_their_line_form() {
        for (name, address) in [
            (Some("Doe, Jane"), Some("jane@example.org")),
            (None, Some("x@y")),
            (Some("Undisclosed"), None),
        ] {
            let line = address_line(&addr(name, address)).expect("a line");
            assert_eq!(parse_address_line(&line), (name, address), "{line}");
        }
        assert_eq!(address_line(&addr(Some("  "), None)), None);
    }

    #[test]
    fn dates_become_utc_and_keep_their_offset_apart() {
        let d = DateTime::parse_rfc822("Mon, 14 May 2001 16:39:00 -0700 (PDT)").expect("date");
        assert_eq!(utc_iso(&d).as_deref(), Some("2001-05-14T23:39:00Z"));
        assert_eq!(offset(&d), "-07:00");
    }

    #[test]
    fn message_ids_lose_their_brackets() {
        let v = HeaderValue::TextList(vec![Cow::Borrowed("<a@b>"), Cow::Borrowed("c@d")]);
        assert_eq!(message_ids(&v), ["a@b", "c@d"]);
        assert!(message_ids(&HeaderValue::Empty).is_empty());
    }
}
