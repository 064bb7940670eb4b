//! Fuzzy dates: what a chronology knows about *when*.
//!
//! A date has year, month or day precision (optionally a time of day), and an event's
//! date is one of: a date (`2024-08`), a range it lasted (`2024-08-01/2024-08-20`), or an
//! uncertain point (`before 2024-08`, `after 2024-08-15`,
//! `between 2024-08-01 and 2024-08-20`). The canonical text ([`fmt::Display`]) parses
//! back to the same value; [`FuzzyDate::human`] is for reports.

use std::cmp::Ordering;
use std::fmt;

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{input:?} is not a date: {reason} (use 2024, 2024-08, 2024-08-15, 2024-08-15T10:00:00Z, before/after D, between D and D, or D/D)"
)]
pub struct DateError {
    /// The text given.
    pub input: String,
    /// What was wrong with it.
    pub reason: String,
}

fn err(input: &str, reason: impl Into<String>) -> DateError {
    DateError {
        input: input.to_owned(),
        reason: reason.into(),
    }
}

/// How much of a date is known, coarsest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only the year.
    Year,
    /// Year and month.
    Month,
    /// The day.
    Day,
    /// The day and a time of day.
    Time,
}

/// A time of day, as written in an ISO 8601 timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Second, 0–59.
    pub second: u8,
    /// Offset from UTC in minutes; `None` when the timestamp named no zone.
    pub offset_minutes: Option<i16>,
}

/// A calendar date known to year, month or day (and perhaps time) precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    /// The year (1000–9999).
    pub year: i32,
    /// The month, 1–12, if known.
    pub month: Option<u8>,
    /// The day of the month, if known (only with a month).
    pub day: Option<u8>,
    /// The time of day, if known (only with a day).
    pub time: Option<TimeOfDay>,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Days in a month of a year (Gregorian).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

fn number<T: std::str::FromStr>(
    input: &str,
    part: &str,
    digits: usize,
    what: &str,
) -> Result<T, DateError> {
    if part.len() != digits || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err(input, format!("the {what} must be {digits} digits")));
    }
    part.parse()
        .map_err(|_| err(input, format!("the {what} is not a number")))
}

impl PartialDate {
    /// Reads `2024`, `2024-08`, `2024-08-15` or an ISO 8601 timestamp such as
    /// `2024-08-15T10:00:00Z` (seconds and zone optional).
    pub fn parse(input: &str) -> Result<PartialDate, DateError> {
        let s = input.trim();
        let (date, time) = match s.split_once(['T', ' ']) {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        let mut parts = date.split('-');
        let year: i32 = number(input, parts.next().unwrap_or_default(), 4, "year")?;
        if year < 1000 {
            return Err(err(input, "the year must be between 1000 and 9999"));
        }
        let month: Option<u8> = parts
            .next()
            .map(|m| number(input, m, 2, "month"))
            .transpose()?;
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(err(input, format!("there is no month {m}")));
        }
        let day: Option<u8> = parts
            .next()
            .map(|d| number(input, d, 2, "day"))
            .transpose()?;
        if parts.next().is_some() {
            return Err(err(input, "too many parts"));
        }
        if let (Some(m), Some(d)) = (month, day)
            && (d == 0 || d > days_in_month(year, m))
        {
            return Err(err(
                input,
                format!("{} {year} has no day {d}", MONTHS[m as usize - 1]),
            ));
        }
        let time = match time {
            None => None,
            Some(_) if day.is_none() => return Err(err(input, "a time needs a full date")),
            Some(t) => Some(parse_time(input, t)?),
        };
        Ok(PartialDate {
            year,
            month,
            day,
            time,
        })
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day, self.time) {
            (None, _, _) => Precision::Year,
            (Some(_), None, _) => Precision::Month,
            (Some(_), Some(_), None) => Precision::Day,
            (Some(_), Some(_), Some(_)) => Precision::Time,
        }
    }

    /// The first day the date can mean: `2024` → 2024-01-01.
    pub fn first_day(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day the date can mean: `2024-02` → 2024-02-29.
    pub fn last_day(&self) -> (i32, u8, u8) {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        (self.year, month, day)
    }

    /// Seconds into the day (0 without a time), for ordering.
    fn seconds(&self) -> i32 {
        self.time.map_or(0, |t| {
            i32::from(t.hour) * 3600 + i32::from(t.minute) * 60 + i32::from(t.second)
                - i32::from(t.offset_minutes.unwrap_or(0)) * 60
        })
    }

    /// The date for reports: `2024`, `Aug 2024`, `15 Aug 2024`, `15 Aug 2024 10:00 UTC`.
    pub fn human(&self) -> String {
        let mut s = String::new();
        if let Some(d) = self.day {
            s += &format!("{d} ");
        }
        if let Some(m) = self.month {
            s += MONTHS[m as usize - 1];
            s.push(' ');
        }
        s += &self.year.to_string();
        if let Some(t) = self.time {
            s += &format!(" {:02}:{:02}", t.hour, t.minute);
            if t.second != 0 {
                s += &format!(":{:02}", t.second);
            }
            match t.offset_minutes {
                Some(0) => s += " UTC",
                Some(o) => s += &format!(" {}", offset_text(o)),
                None => {}
            }
        }
        s
    }
}

fn offset_text(o: i16) -> String {
    let sign = if o < 0 { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", o.abs() / 60, o.abs() % 60)
}

/// The largest time zone offset in use (Line Islands, +14:00), in minutes.
const MAX_ZONE_MINUTES: i16 = 14 * 60;

fn parse_time(input: &str, t: &str) -> Result<TimeOfDay, DateError> {
    let (clock, offset_minutes) = if let Some(c) = t.strip_suffix(['Z', 'z']) {
        (c, Some(0))
    } else if let Some(i) = t.rfind(['+', '-']) {
        let (c, o) = t.split_at(i);
        let sign: i16 = if o.starts_with('-') { -1 } else { 1 };
        let (h, m) = o[1..].split_once(':').unwrap_or((&o[1..], "00"));
        let h: i16 = number(input, h, 2, "zone hour")?;
        let m: i16 = number(input, m, 2, "zone minute")?;
        // Every zone in use lies between -12:00 and +14:00.
        if m > 59 || h * 60 + m > MAX_ZONE_MINUTES {
            return Err(err(
                input,
                "not a time zone offset (offsets run from -12:00 to +14:00)",
            ));
        }
        (c, Some(sign * (h * 60 + m)))
    } else {
        (t, None)
    };
    // Fractions of a second are accepted and dropped.
    let clock = clock.split('.').next().unwrap_or_default();
    let mut parts = clock.split(':');
    let hour: u8 = number(input, parts.next().unwrap_or_default(), 2, "hour")?;
    let minute: u8 = number(input, parts.next().unwrap_or_default(), 2, "minute")?;
    let second: u8 = parts
        .next()
        .map(|s| number(input, s, 2, "second"))
        .transpose()?
        .unwrap_or(0);
    if hour > 23 || minute > 59 || second > 60 || parts.next().is_some() {
        return Err(err(input, "not a time of day"));
    }
    Ok(TimeOfDay {
        hour,
        minute,
        second,
        offset_minutes,
    })
}

impl fmt::Display for PartialDate {
    /// ISO 8601 at the date's own precision.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        if let Some(t) = self.time {
            write!(f, "T{:02}:{:02}:{:02}", t.hour, t.minute, t.second)?;
            match t.offset_minutes {
                Some(0) => f.write_str("Z")?,
                Some(o) => f.write_str(&offset_text(o))?,
                None => {}
            }
        }
        Ok(())
    }
}

/// A calendar day as `(year, month, day)`, as [`PartialDate::first_day`] gives it.
pub type Day = (i32, u8, u8);

/// When an event happened, as precisely as it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FuzzyDate {
    /// On this date (to its precision).
    On(PartialDate),
    /// Lasted from the first date to the second.
    Range(PartialDate, PartialDate),
    /// At some point before this date.
    Before(PartialDate),
    /// At some point after this date.
    After(PartialDate),
    /// At some point between the two dates.
    Between(PartialDate, PartialDate),
}

impl FuzzyDate {
    /// Reads the canonical forms: `2024-08`, `2024-08-01/2024-08-20` (also `..`),
    /// `before D`, `after D`, `between D and D` (keywords in any case).
    pub fn parse(input: &str) -> Result<FuzzyDate, DateError> {
        let s = input.trim();
        let lower = s.to_ascii_lowercase();
        let word = |w: &str| lower.strip_prefix(w).map(|_| s[w.len()..].trim());
        if let Some(rest) = word("before ") {
            return Ok(FuzzyDate::Before(PartialDate::parse(rest)?));
        }
        if let Some(rest) = word("after ") {
            return Ok(FuzzyDate::After(PartialDate::parse(rest)?));
        }
        if let Some(rest) = word("between ") {
            let i = rest
                .to_ascii_lowercase()
                .find(" and ")
                .ok_or_else(|| err(input, "\"between\" needs \"and\""))?;
            let (a, b) = (
                PartialDate::parse(&rest[..i])?,
                PartialDate::parse(&rest[i + 5..])?,
            );
            check_order(input, &a, &b)?;
            return Ok(FuzzyDate::Between(a, b));
        }
        if let Some((a, b)) = s.split_once("..").or_else(|| s.split_once('/')) {
            let (a, b) = (PartialDate::parse(a)?, PartialDate::parse(b)?);
            check_order(input, &a, &b)?;
            return Ok(FuzzyDate::Range(a, b));
        }
        Ok(FuzzyDate::On(PartialDate::parse(s)?))
    }

    /// Reads a date with an optional end date (the command line's `--date D --end D`):
    /// with an end, the date must be a plain date and the result is a range.
    pub fn parse_with_end(date: &str, end: Option<&str>) -> Result<FuzzyDate, DateError> {
        let start = FuzzyDate::parse(date)?;
        match (start, end.map(str::trim).filter(|e| !e.is_empty())) {
            (d, None) => Ok(d),
            (FuzzyDate::On(a), Some(e)) => {
                let b = PartialDate::parse(e)?;
                check_order(e, &a, &b)?;
                Ok(FuzzyDate::Range(a, b))
            }
            (_, Some(_)) => Err(err(date, "an end date goes with a plain start date only")),
        }
    }

    /// The date written first: the start of a range, the bound of before/after.
    pub fn start(&self) -> &PartialDate {
        match self {
            FuzzyDate::On(d) | FuzzyDate::Before(d) | FuzzyDate::After(d) => d,
            FuzzyDate::Range(a, _) | FuzzyDate::Between(a, _) => a,
        }
    }

    /// The second date of a range or a between.
    pub fn end(&self) -> Option<&PartialDate> {
        match self {
            FuzzyDate::Range(_, b) | FuzzyDate::Between(_, b) => Some(b),
            _ => None,
        }
    }

    /// The command-line contract's `date` and `end`: a plain date or a range is
    /// `(start, end)` in ISO 8601; before/after/between keep their words in `date`.
    pub fn date_and_end(&self) -> (String, Option<String>) {
        match self {
            FuzzyDate::On(d) => (d.to_string(), None),
            FuzzyDate::Range(a, b) => (a.to_string(), Some(b.to_string())),
            other => (other.to_string(), None),
        }
    }

    /// The order of a chronology: by the earliest day a date points at (the bound itself
    /// for before/after), "before D" ahead of D, "after D" behind all of D, and a coarser
    /// date ahead of finer ones that start the same day.
    pub fn sort_key(&self) -> SortKey {
        let (anchor, rank) = match self {
            FuzzyDate::Before(d) => (d.first_day(), 0),
            FuzzyDate::After(d) => (d.last_day(), 2),
            other => (other.start().first_day(), 1),
        };
        SortKey {
            anchor,
            rank,
            precision: self.start().precision(),
            seconds: self.start().seconds(),
        }
    }

    /// The first and last day (inclusive) the event may fall on, as `(year, month, day)`;
    /// `None` where the date is open: "before D" has no first day and ends the day before D
    /// begins, "after D" has no last day and begins the day after D ends.
    pub fn covered_days(&self) -> (Option<Day>, Option<Day>) {
        match self {
            FuzzyDate::On(d) => (Some(d.first_day()), Some(d.last_day())),
            FuzzyDate::Range(a, b) | FuzzyDate::Between(a, b) => {
                (Some(a.first_day()), Some(b.last_day()))
            }
            FuzzyDate::Before(d) => (None, Some(day_before(d.first_day()))),
            FuzzyDate::After(d) => (Some(day_after(d.last_day())), None),
        }
    }

    /// The date for reports: `15 Aug 2024`, `before Aug 2024`, `1 Aug 2024 – 20 Aug 2024`.
    pub fn human(&self) -> String {
        match self {
            FuzzyDate::On(d) => d.human(),
            FuzzyDate::Range(a, b) => format!("{} – {}", a.human(), b.human()),
            FuzzyDate::Before(d) => format!("before {}", d.human()),
            FuzzyDate::After(d) => format!("after {}", d.human()),
            FuzzyDate::Between(a, b) => format!("between {} and {}", a.human(), b.human()),
        }
    }
}

fn day_before((year, month, day): Day) -> Day {
    match (month, day) {
        (1, 1) => (year - 1, 12, 31),
        (m, 1) => (year, m - 1, days_in_month(year, m - 1)),
        (m, d) => (year, m, d - 1),
    }
}

fn day_after((year, month, day): Day) -> Day {
    if day < days_in_month(year, month) {
        (year, month, day + 1)
    } else if month < 12 {
        (year, month + 1, 1)
    } else {
        (year + 1, 1, 1)
    }
}

fn check_order(input: &str, a: &PartialDate, b: &PartialDate) -> Result<(), DateError> {
    if a.first_day() > b.last_day() {
        return Err(err(input, format!("{a} is after {b}")));
    }
    Ok(())
}

impl fmt::Display for FuzzyDate {
    /// The canonical text, which [`FuzzyDate::parse`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FuzzyDate::On(d) => write!(f, "{d}"),
            FuzzyDate::Range(a, b) => write!(f, "{a}/{b}"),
            FuzzyDate::Before(d) => write!(f, "before {d}"),
            FuzzyDate::After(d) => write!(f, "after {d}"),
            FuzzyDate::Between(a, b) => write!(f, "between {a} and {b}"),
        }
    }
}

/// Where a date falls in a chronology; see [`FuzzyDate::sort_key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    anchor: (i32, u8, u8),
    rank: u8,
    precision: Precision,
    seconds: i32,
}

impl PartialOrd for FuzzyDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for FuzzyDate {
    /// Chronological order ([`FuzzyDate::sort_key`]), then the canonical text.
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            .then_with(|| self.to_string().cmp(&other.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> FuzzyDate {
        FuzzyDate::parse(s).expect(s)
    }

    #[test]
    fn every_precision_parses_and_prints_back() {
        for s in [
            "2024",
            "2024-08",
            "2024-08-15",
            "2024-08-15T10:00:00Z",
            "2024-08-15T10:00:00+02:00",
            "2024-08-01/2024-08-20",
            "before 2024-08",
            "after 2024-08-15",
            "between 2024-08-01 and 2024-09",
        ] {
            assert_eq!(d(s).to_string(), s);
        }
        assert_eq!(d("2024-08-15T10:00").to_string(), "2024-08-15T10:00:00");
        assert_eq!(d("BEFORE 2024").to_string(), "before 2024");
        assert_eq!(d("2015-01..2023-05").to_string(), "2015-01/2023-05");
        assert_eq!(d("2024").start().precision(), Precision::Year);
        assert_eq!(d("2024-08").start().precision(), Precision::Month);
        assert_eq!(
            d("2024-08-15T10:00:00Z").start().precision(),
            Precision::Time
        );
    }

    #[test]
    fn impossible_dates_are_refused_with_the_reason() {
        for (s, reason) in [
            ("2024-02-30", "has no day 30"),
            ("2023-02-29", "has no day 29"),
            ("2024-13", "no month 13"),
            ("24-08", "4 digits"),
            ("August 2024", "4 digits"),
            ("2024-08-20/2024-08-01", "is after"),
            ("between 2024 and", "not a date"),
            ("2024-08T10:00", "needs a full date"),
            ("2024-08-15T10:00:00+99:00", "not a time zone offset"),
            ("2024-08-15T10:00:00+14:01", "not a time zone offset"),
            ("2024-08-15T10:00:00-05:60", "not a time zone offset"),
        ] {
            let e = FuzzyDate::parse(s).expect_err(s);
            assert!(e.to_string().contains(reason), "{s}: {e}");
        }
        assert!(FuzzyDate::parse("2024-02-29").is_ok(), "a leap day");
        assert!(
            FuzzyDate::parse("2024-08-15T10:00:00+14:00").is_ok(),
            "Kiribati"
        );
        assert!(
            FuzzyDate::parse("2024-08-15T10:00:00-12:00").is_ok(),
            "Baker Island"
        );
    }

    #[test]
    fn an_end_date_makes_a_range_and_only_from_a_plain_date() {
        let r = FuzzyDate::parse_with_end("2015-01", Some("2023-05")).expect("range");
        assert_eq!(r.date_and_end(), ("2015-01".into(), Some("2023-05".into())));
        assert!(FuzzyDate::parse_with_end("before 2015", Some("2016")).is_err());
        assert_eq!(
            d("before 2024-08").date_and_end(),
            ("before 2024-08".into(), None)
        );
    }

    #[test]
    fn a_chronology_sorts_by_what_the_dates_mean() {
        let mut dates: Vec<FuzzyDate> = [
            "after 2024-08",
            "2024-08-15",
            "2024-08",
            "before 2024-08",
            "2024",
            "2024-08-15T09:00:00Z",
            "2024-08-15T08:00:00Z",
            "between 2024-08-02 and 2024-08-10",
            "2023-12-31",
            "2024-09-01",
        ]
        .iter()
        .map(|s| d(s))
        .collect();
        dates.sort();
        let printed: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(
            printed,
            [
                "2023-12-31",
                "2024",
                "before 2024-08",
                "2024-08",
                "between 2024-08-02 and 2024-08-10",
                "2024-08-15",
                "2024-08-15T08:00:00Z",
                "2024-08-15T09:00:00Z",
                "after 2024-08",
                "2024-09-01",
            ]
        );
    }

    #[test]
    fn a_date_covers_the_days_it_may_fall_on() {
        let days = |s: &str| d(s).covered_days();
        assert_eq!(days("2024-02"), (Some((2024, 2, 1)), Some((2024, 2, 29))));
        assert_eq!(days("2025"), (Some((2025, 1, 1)), Some((2025, 12, 31))));
        assert_eq!(
            days("2024-08-12T10:00:00Z"),
            (Some((2024, 8, 12)), Some((2024, 8, 12)))
        );
        assert_eq!(
            days("2024-08-01/2024-08"),
            (Some((2024, 8, 1)), Some((2024, 8, 31)))
        );
        assert_eq!(
            days("between 2024-08-20 and 2024-09-27"),
            (Some((2024, 8, 20)), Some((2024, 9, 27)))
        );
        assert_eq!(days("before 2024-08"), (None, Some((2024, 7, 31))));
        assert_eq!(days("before 2024"), (None, Some((2023, 12, 31))));
        assert_eq!(days("before 2024-03-01"), (None, Some((2024, 2, 29))));
        assert_eq!(days("after 2024-08"), (Some((2024, 9, 1)), None));
        assert_eq!(days("after 2024-12-31"), (Some((2025, 1, 1)), None));
        assert_eq!(days("after 2024-08-15"), (Some((2024, 8, 16)), None));
    }

    #[test]
    fn reports_show_dates_in_words() {
        assert_eq!(d("2024-08-15").human(), "15 Aug 2024");
        assert_eq!(d("before 2024-08").human(), "before Aug 2024");
        assert_eq!(d("2015-01/2023-05").human(), "Jan 2015 – May 2023");
        assert_eq!(d("2024-08-15T10:00:00Z").human(), "15 Aug 2024 10:00 UTC");
        assert_eq!(d("2024-02").start().last_day(), (2024, 2, 29));
    }
}
