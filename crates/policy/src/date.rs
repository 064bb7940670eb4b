//! Dates: the date a page claims for itself ("Last updated", "Effective"), and the ISO 8601
//! dates with optional precision (`2024`, `2024-08`, `2024-08-15`, `2024-08-15T10:00:00Z`)
//! that captures carry and users type.

use dossier_dates::{DateError, ISO_FORMS, PartialDate, parse_date_time};

use crate::normalise::Normalised;

/// The date a capture claims for itself, and where the claim is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// ISO 8601: `YYYY-MM-DD`, or `YYYY-MM` when the page names only a month.
    pub date: String,
    /// The claim as the page words it, e.g. `Last updated: November 1, 2021`.
    pub text: String,
    /// The paragraph it is in.
    pub paragraph: usize,
    /// Byte range of the claim within that paragraph.
    pub range: std::ops::Range<usize>,
}

/// Words that introduce a claimed date, longest first so `last updated` wins over `updated`.
const LABELS: &[&str] = &[
    "date of last revision",
    "last updated",
    "last modified",
    "last revised",
    "last amended",
    "last changed",
    "effective",
    "updated",
    "revised",
];

/// Words allowed between a label and its date: `Effective as of`, `Effective Date:`,
/// `Last updated on`.
const FILLERS: &[&str] = &["date", "as", "of", "on", "from", "is", "since"];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// How near the top a paragraph holding nothing but a date counts as the page's date
/// (`LinkedIn Service Terms` / `September 1, 2022`).
const BARE_DATE_PARAGRAPHS: usize = 3;

/// Finds the date a capture claims for itself: a date alone in one of the first
/// paragraphs, or a label such as "Last updated",
/// "Last modified", "Effective", "Effective Date" or "Effective as of", followed by a date
/// in one of the usual forms (`August 11, 2020`, `1 March 2024`, `2024-09-18`, `Sept. 5,
/// 2023`, `03/06/2024` read as US month/day, `March 2024`).
///
/// A claim that opens a paragraph (how pages print it, at the top) is preferred over one
/// inside running text ("changes become effective on January 1, 2023"); among equals,
/// the first in the page wins.
pub fn claimed_date(doc: &Normalised) -> Option<Claim> {
    let mut first_anywhere = None;
    for (n, paragraph) in doc.paragraphs().iter().enumerate() {
        let lower = paragraph.to_ascii_lowercase();
        if n < BARE_DATE_PARAGRAPHS
            && let Some((len, date)) = parse_written_date(&lower)
            && lower[len..].chars().all(|c| !c.is_alphanumeric())
        {
            return Some(Claim {
                date,
                text: paragraph.clone(),
                paragraph: n,
                range: 0..paragraph.len(),
            });
        }
        let mut at = 0;
        while at < lower.len() {
            // Every label starts with one of these letters: a cheap test before the others.
            let may_start = matches!(lower.as_bytes()[at], b'd' | b'l' | b'e' | b'u' | b'r');
            if !may_start || !lower.is_char_boundary(at) || !starts_word(&lower, at) {
                at += 1;
                continue;
            }
            if let Some((label_len, end, date)) = claim_at(&lower[at..]) {
                let claim = Claim {
                    date,
                    text: paragraph[at..at + end].to_owned(),
                    paragraph: n,
                    range: at..at + end,
                };
                let opens = lower[..at].chars().all(|c| !c.is_alphanumeric());
                if opens {
                    return Some(claim);
                }
                first_anywhere.get_or_insert(claim);
                at += label_len;
            } else {
                at += 1;
            }
        }
    }
    first_anywhere
}

fn starts_word(s: &str, at: usize) -> bool {
    !s[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// A label and date at the start of `s` (lowercase): (label length, claim length, ISO date).
fn claim_at(s: &str) -> Option<(usize, usize, String)> {
    let label = LABELS.iter().find(|l| {
        s.starts_with(**l)
            && !s[l.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
    })?;
    let mut pos = label.len();
    let mut fillers = 0;
    loop {
        pos += skip_separators(&s[pos..]);
        let rest = &s[pos..];
        let filler = FILLERS.iter().find(|f| {
            rest.starts_with(**f)
                && !rest[f.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        });
        match filler {
            Some(f) if fillers < 3 => {
                pos += f.len();
                fillers += 1;
            }
            _ => break,
        }
    }
    let (len, date) = parse_written_date(&s[pos..])?;
    Some((label.len(), pos + len, date))
}

fn skip_separators(s: &str) -> usize {
    s.char_indices()
        .find(|(_, c)| !(c.is_whitespace() || matches!(c, ':' | '-' | ',' | '(' | '"' | '\'')))
        .map_or(s.len(), |(i, _)| i)
}

/// Parses a date written at the start of `s` (lowercase). Returns bytes used and ISO date.
pub fn parse_written_date(s: &str) -> Option<(usize, String)> {
    let mut t = Tokens::new(s);
    let first = t.next()?;
    if let Some(year) = first.year() {
        // 2024-09-18 or 2024/09/18
        let sep = t.punct()?;
        if !matches!(sep, '-' | '/') {
            return None;
        }
        let month = t.next()?.number()?;
        if t.punct()? != sep {
            return None;
        }
        let day = t.next()?;
        return iso(year, month, day.number()?).map(|d| (day.end, d));
    }
    if let Some(n) = first.number() {
        let save = t.clone();
        if let Some(sep @ ('/' | '.')) = t.punct() {
            // 03/06/2024 (US: month first, unless the first cannot be a month) or 6.3.2024
            let second = t.next()?.number()?;
            if t.punct()? != sep {
                return None;
            }
            let year = t.next()?;
            let y = year.year()?;
            let (m, d) = if sep == '.' || n > 12 {
                (second, n)
            } else {
                (n, second)
            };
            return iso(y, m, d).map(|d| (year.end, d));
        }
        // 1 March 2024, 1st March, 2024
        t = save;
        let month = month_number(t.next()?.text)?;
        t.skip_punct('.');
        t.skip_punct(',');
        let year = t.next()?;
        let y = year.year()?;
        return iso(y, month, n).map(|d| (year.end, d));
    }
    // August 11, 2020 / Sept. 5 2023 / March 2024
    let month = month_number(first.text)?;
    t.skip_punct('.');
    let second = t.next()?;
    let n = second.number()?;
    if let Some(y) = second.year() {
        let date = PartialDate::year_month(i64::from(y), i64::from(month)).ok()?;
        return Some((second.end, date.to_string()));
    }
    t.skip_punct(',');
    let year = t.next()?;
    let y = year.year()?;
    iso(y, month, n).map(|d| (year.end, d))
}

/// The day as ISO 8601, when the calendar has it (`dossier-dates` decides).
fn iso(year: u32, month: u32, day: u32) -> Option<String> {
    PartialDate::ymd(i64::from(year), i64::from(month), i64::from(day))
        .ok()
        .map(|d| d.to_string())
}

fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    let word = if word == "sept" { "sep" } else { word };
    MONTHS
        .iter()
        .position(|m| m.starts_with(word) && (word.len() == 3 || *m == word))
        .map(|i| i as u32 + 1)
}

/// Words and punctuation of a date, one at a time, skipping spaces.
#[derive(Clone)]
struct Tokens<'a> {
    s: &'a str,
    pos: usize,
}

struct Token<'a> {
    text: &'a str,
    end: usize,
}

impl Token<'_> {
    /// A four-digit year.
    fn year(&self) -> Option<u32> {
        (self.text.len() == 4 && self.text.chars().all(|c| c.is_ascii_digit()))
            .then(|| self.text.parse().ok())
            .flatten()
    }

    /// The number in a token, ignoring an ordinal suffix (`1st`, `22nd`).
    fn number(&self) -> Option<u32> {
        let digits = self.text.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
        (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
    }
}

impl<'a> Tokens<'a> {
    fn new(s: &'a str) -> Self {
        Tokens { s, pos: 0 }
    }

    fn skip_space(&mut self) {
        let rest = &self.s[self.pos..];
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn next(&mut self) -> Option<Token<'a>> {
        self.skip_space();
        let rest = &self.s[self.pos..];
        let len = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        if len == 0 {
            return None;
        }
        let start = self.pos;
        self.pos += len;
        Some(Token {
            text: &self.s[start..self.pos],
            end: self.pos,
        })
    }

    fn punct(&mut self) -> Option<char> {
        let c = self.s[self.pos..].chars().next()?;
        (c.is_ascii_punctuation()).then(|| {
            self.pos += 1;
            c
        })
    }

    fn skip_punct(&mut self, p: char) {
        let rest = &self.s[self.pos..];
        let trimmed = rest.trim_start();
        if trimmed.starts_with(p) {
            self.pos += rest.len() - trimmed.len();
            self.pos += 1;
        }
    }
}

/// Checks an ISO 8601 date with optional precision: `2024`, `2024-08`, `2024-08-15`, or a
/// date and time `2024-08-15T10:00:00Z`. Returns it unchanged when valid, else the reason
/// (`"2024-02-30" is not a date: February 2024 has 29 days`).
pub fn check_iso_date(s: &str) -> Result<&str, DateError> {
    if s.contains(' ') {
        return Err(DateError {
            input: s.to_owned(),
            reason: format!("{ISO_FORMS}, without spaces"),
        });
    }
    parse_date_time(s).map(|_| s)
}

/// Whether a capture dated `captured` was taken on or before `date`, comparing at the
/// coarser of the two precisions: a capture on `2024-08-05` is "on or before" `2024-08`
/// (the month), so the version in force "in" a month is the one in force at its end.
pub fn on_or_before(captured: &str, date: &str) -> bool {
    let n = captured.len().min(date.len());
    captured.as_bytes()[..n] <= date.as_bytes()[..n]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Format;

    fn claim(text: &str) -> Option<String> {
        claimed_date(&Normalised::new(text, Format::Markdown)).map(|c| c.date)
    }

    #[test]
    fn claimed_dates_in_the_forms_policies_print_them() {
        let cases = [
            ("_[Effective August 11, 2020](https://x/y)_", "2020-08-11"),
            ("Last updated: 1 March 2024", "2024-03-01"),
            ("Effective as of 2024-09-18", "2024-09-18"),
            ("EFFECTIVE: August 20, 2020**", "2020-08-20"),
            ("**Effective Date: March 31, 2023**", "2023-03-31"),
            (
                "Last modified: January 04, 2021 ([archived versions](x))",
                "2021-01-04",
            ),
            ("[_Effective on February 1, 2022_](x)", "2022-02-01"),
            ("Last Updated: Sept. 5, 2023", "2023-09-05"),
            ("Updated 03/06/2024", "2024-03-06"),
            ("Effective 22nd July, 2019", "2019-07-22"),
            ("Effective January 2024", "2024-01"),
            ("Last updated: November 8 , 2022", "2022-11-08"),
            (
                "LinkedIn Service Terms\n===\n\nSeptember 1, 2022\n\nText effective May 1, 2020.",
                "2022-09-01",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(claim(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn a_claim_at_the_top_wins_over_effective_dates_in_running_text() {
        let text = "# Terms\n\nThese changes are effective on January 1, 2023 for all.\n\n\
                    Last updated: December 30, 2022\n";
        assert_eq!(claim(text).as_deref(), Some("2022-12-30"));
        let running = "Our terms, effective October 1, 2020, apply.";
        assert_eq!(claim(running).as_deref(), Some("2020-10-01"));
    }

    #[test]
    fn labels_without_a_date_and_impossible_dates_claim_nothing() {
        assert_eq!(
            claim("\"Effective Date\" means the date an order begins."),
            None
        );
        assert_eq!(
            claim("We updated our policy. Effective February 30, 2024"),
            None
        );
        assert_eq!(claim("ineffective May 1, 2024"), None);
    }

    #[test]
    fn the_claim_records_its_wording_and_place() {
        let n = Normalised::new(
            "Title\n\nLast updated: November 1, 2021\n",
            Format::Markdown,
        );
        let c = claimed_date(&n).expect("a claim");
        assert_eq!(
            (c.paragraph, c.text.as_str()),
            (1, "Last updated: November 1, 2021")
        );
    }

    #[test]
    fn iso_dates_with_optional_precision() {
        for ok in ["2024", "2024-08", "2024-08-15", "2024-08-15T10:00:00Z"] {
            assert_eq!(check_iso_date(ok), Ok(ok));
        }
        for bad in [
            "24",
            "2024-13",
            "2024-02-30",
            "August 2024",
            "2024-08-15Tnoon",
            "2024-08-15T99:00",
            "2024-08-15 10:00",
            "",
        ] {
            assert!(check_iso_date(bad).is_err(), "{bad}");
        }
        assert_eq!(
            check_iso_date("2023-02-29").map_err(|e| e.to_string()),
            Err("\"2023-02-29\" is not a date: February 2023 has 28 days".to_owned())
        );
        assert!(on_or_before("2024-08-05", "2024-08"));
        assert!(on_or_before("2024-08-05", "2024-08-05T10:00:00Z"));
        assert!(!on_or_before("2024-09-01", "2024-08"));
    }
}
