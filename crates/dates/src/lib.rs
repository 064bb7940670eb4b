//! The one partial date: a year (`2024`), a month (`2024-08`) or a day (`2024-08-15`),
//! on chrono's proleptic Gregorian calendar, with an optional time of day.
//!
//! Every part of Dossier that reads a date checks it here: the chronology's fuzzy dates
//! (`dossier-timeline`), the search filters (`--since`, `--until`, `date:[..]`), the dates
//! articles and court stamps carry (`dossier-extract`) and the dates policies claim
//! (`dossier-policy`). Each keeps its own way of writing dates ("between … and …",
//! `April 5, 2018`, `03/06/2024`), but they all build a [`PartialDate`] through
//! [`PartialDate::ymd`] and friends, so one calendar decides which days exist and one
//! message says why a date does not: `"2024-02-31" is not a date: February 2024 has 29
//! days`.
//!
//! [`WrittenDate`] reads dates as people write them (`Q3 2024`, `early 2024`, `c. 2019`, the
//! EDTF forms) into a span of days; its module documents the span each form means.

use std::fmt;

mod written;

pub use written::{Granularity, Part, Period, Season, WRITTEN_FORMS, WrittenDate};

use chrono::{Datelike, NaiveDate};

/// Why a date could not be read: the text given and the part that is wrong.
///
/// Displays as `"2024-02-31" is not a date: February 2024 has 29 days`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input:?} is not a date: {reason}")]
pub struct DateError {
    /// The text given (or the date as its parts were given, `2024-02-31`).
    pub input: String,
    /// What is wrong with it.
    pub reason: String,
}

impl DateError {
    fn new(input: &str, reason: impl Into<String>) -> DateError {
        DateError {
            input: input.trim().to_owned(),
            reason: reason.into(),
        }
    }
}

/// The forms [`PartialDate::parse`] and [`parse_date_time`] read, for error messages.
pub const ISO_FORMS: &str = "write 2024, 2024-08, 2024-08-15 or 2024-08-15T10:00:00Z";

/// The months' names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The first and last years a date may have: four digits, as ISO 8601 writes them.
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// How much of a date is known, coarsest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only the year.
    Year,
    /// Year and month.
    Month,
    /// The day.
    Day,
}

/// A calendar date known to the year, the month or the day. It always names days that
/// exist: the constructors refuse `2023-02-29`, month 13 and years outside [`YEARS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

/// Days in a month of a year (1–12); 0 for a month that does not exist.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return 0;
    };
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.map_or(31, |n| (n - first).num_days() as u32)
}

fn written(year: i64, month: Option<i64>, day: Option<i64>) -> String {
    let mut s = format!("{year:04}");
    if let Some(m) = month {
        s += &format!("-{m:02}");
    }
    if let Some(d) = day {
        s += &format!("-{d:02}");
    }
    s
}

impl PartialDate {
    /// A whole year.
    pub fn year_only(year: i64) -> Result<PartialDate, DateError> {
        Self::checked(year, None, None)
    }

    /// A month of a year (1–12).
    pub fn year_month(year: i64, month: i64) -> Result<PartialDate, DateError> {
        Self::checked(year, Some(month), None)
    }

    /// A day: refused unless the month has it (`"2024-02-30" is not a date: February 2024
    /// has 29 days`).
    pub fn ymd(year: i64, month: i64, day: i64) -> Result<PartialDate, DateError> {
        Self::checked(year, Some(month), Some(day))
    }

    /// The day of a chrono date.
    pub fn from_naive(date: NaiveDate) -> Result<PartialDate, DateError> {
        Self::ymd(
            i64::from(date.year()),
            i64::from(date.month()),
            i64::from(date.day()),
        )
    }

    /// The one place the calendar is checked.
    fn checked(year: i64, month: Option<i64>, day: Option<i64>) -> Result<PartialDate, DateError> {
        let input = written(year, month, day);
        let year = i32::try_from(year)
            .ok()
            .filter(|y| YEARS.contains(y))
            .ok_or_else(|| DateError::new(&input, "the year must be between 1000 and 9999"))?;
        let Some(month) = month else {
            return Ok(PartialDate {
                year,
                month: None,
                day: None,
            });
        };
        if !(1..=12).contains(&month) {
            return Err(DateError::new(
                &input,
                format!("there is no month {month} (months run from 01 to 12)"),
            ));
        }
        let month = month as u8;
        let Some(day) = day else {
            return Ok(PartialDate {
                year,
                month: Some(month),
                day: None,
            });
        };
        let days = days_in_month(year, u32::from(month));
        if !(1..=i64::from(days)).contains(&day) {
            return Err(DateError::new(
                &input,
                format!("{} {year} has {days} days", MONTH_NAMES[month as usize - 1]),
            ));
        }
        Ok(PartialDate {
            year,
            month: Some(month),
            day: Some(day as u8),
        })
    }

    /// Reads ISO 8601 at any of the three precisions: `2024`, `2024-08`, `2024-08-15`.
    pub fn parse(input: &str) -> Result<PartialDate, DateError> {
        let s = input.trim();
        let mut parts = s.split('-');
        let year = digits(input, parts.next().unwrap_or_default(), 4, "year")?;
        let month = parts
            .next()
            .map(|m| digits(input, m, 2, "month"))
            .transpose()?;
        let day = parts
            .next()
            .map(|d| digits(input, d, 2, "day"))
            .transpose()?;
        if parts.next().is_some() {
            return Err(DateError::new(
                input,
                format!("too many parts; {ISO_FORMS}"),
            ));
        }
        Self::checked(year, month, day).map_err(|e| DateError {
            input: s.to_owned(),
            ..e
        })
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month (1–12), when known.
    pub fn month(&self) -> Option<u8> {
        self.month
    }

    /// The day of the month, when known.
    pub fn day(&self) -> Option<u8> {
        self.day
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The first day the date can mean: `2024` → 2024-01-01.
    pub fn first_day(&self) -> NaiveDate {
        let (m, d) = (self.month.unwrap_or(1), self.day.unwrap_or(1));
        NaiveDate::from_ymd_opt(self.year, u32::from(m), u32::from(d))
            .expect("a PartialDate names days that exist")
    }

    /// The last day the date can mean: `2024-02` → 2024-02-29.
    pub fn last_day(&self) -> NaiveDate {
        let month = u32::from(self.month.unwrap_or(12));
        let day = self
            .day
            .map_or_else(|| days_in_month(self.year, month), u32::from);
        NaiveDate::from_ymd_opt(self.year, month, day).expect("a PartialDate names days that exist")
    }

    /// The date in words, day first: `2024`, `Aug 2024`, `15 Aug 2024`.
    pub fn human(&self) -> String {
        let mut s = String::new();
        if let Some(d) = self.day {
            s += &format!("{d} ");
        }
        if let Some(m) = self.month {
            s += &MONTH_NAMES[m as usize - 1][..3];
            s.push(' ');
        }
        s + &self.year.to_string()
    }
}

impl fmt::Display for PartialDate {
    /// ISO 8601 at the date's own precision, which [`PartialDate::parse`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&written(
            i64::from(self.year),
            self.month.map(i64::from),
            self.day.map(i64::from),
        ))
    }
}

fn digits(input: &str, part: &str, n: usize, what: &str) -> Result<i64, DateError> {
    if part.len() != n || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::new(
            input,
            format!("the {what} must be {n} digits; {ISO_FORMS}"),
        ));
    }
    part.parse()
        .map_err(|_| DateError::new(input, format!("the {what} is not a number")))
}

/// The largest time zone offset in use (Line Islands, +14:00), in minutes.
const MAX_ZONE_MINUTES: i64 = 14 * 60;

/// A time of day as an ISO 8601 timestamp writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Second, 0–60 (a leap second).
    pub second: u8,
    /// Offset from UTC in minutes; `None` when the timestamp named no zone.
    pub offset_minutes: Option<i16>,
}

impl TimeOfDay {
    /// Reads `HH:MM[:SS][.fff][Z|±HH:MM|±HHMM|±HH]`; fractions of a second are dropped.
    pub fn parse(input: &str) -> Result<TimeOfDay, DateError> {
        let t = input.trim();
        let (clock, offset_minutes) = if let Some(c) = t.strip_suffix(['Z', 'z']) {
            (c, Some(0))
        } else if let Some(i) = t.rfind(['+', '-']) {
            let (c, o) = t.split_at(i);
            let sign = if o.starts_with('-') { -1 } else { 1 };
            let zone = &o[1..];
            let (h, m) = match zone.split_once(':') {
                Some(hm) => hm,
                None if zone.len() == 4 => zone.split_at(2),
                None => (zone, "00"),
            };
            let h = digits(input, h, 2, "zone hour")?;
            let m = digits(input, m, 2, "zone minute")?;
            // Every zone in use lies between -12:00 and +14:00.
            if m > 59 || h * 60 + m > MAX_ZONE_MINUTES {
                return Err(DateError::new(
                    input,
                    "not a time zone offset (offsets run from -12:00 to +14:00)",
                ));
            }
            (c, Some((sign * (h * 60 + m)) as i16))
        } else {
            (t, None)
        };
        let clock = clock.split('.').next().unwrap_or_default();
        let mut parts = clock.split(':');
        let hour = digits(input, parts.next().unwrap_or_default(), 2, "hour")?;
        let minute = digits(input, parts.next().unwrap_or_default(), 2, "minute")?;
        let second = parts
            .next()
            .map(|s| digits(input, s, 2, "second"))
            .transpose()?
            .unwrap_or(0);
        if hour > 23 || minute > 59 || second > 60 || parts.next().is_some() {
            return Err(DateError::new(input, "not a time of day"));
        }
        Ok(TimeOfDay {
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
            offset_minutes,
        })
    }

    /// Seconds after midnight UTC (local midnight when no zone was named); may fall
    /// outside 0..86,400 once the offset is taken away.
    pub fn seconds_utc(&self) -> i64 {
        i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second)
            - i64::from(self.offset_minutes.unwrap_or(0)) * 60
    }
}

/// An offset in minutes as ISO 8601 writes it: `+02:00`, `-05:30`.
pub fn offset_text(minutes: i16) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", minutes.abs() / 60, minutes.abs() % 60)
}

impl fmt::Display for TimeOfDay {
    /// `10:00:00`, `10:00:00Z`, `10:00:00+02:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}:{:02}", self.hour, self.minute, self.second)?;
        match self.offset_minutes {
            Some(0) => f.write_str("Z"),
            Some(o) => f.write_str(&offset_text(o)),
            None => Ok(()),
        }
    }
}

/// Reads an ISO 8601 date of any precision, perhaps followed by a time of day after `T`
/// or a space: `2024`, `2024-08`, `2024-08-15`, `2024-08-15T10:00:00Z`. A time needs a
/// full date.
pub fn parse_date_time(input: &str) -> Result<(PartialDate, Option<TimeOfDay>), DateError> {
    let s = input.trim();
    let (date, time) = match s.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let date = PartialDate::parse(date).map_err(|e| DateError {
        input: s.to_owned(),
        ..e
    })?;
    let time = match time {
        None => None,
        Some(_) if date.precision() != Precision::Day => {
            return Err(DateError::new(s, "a time needs a full date"));
        }
        Some(t) => Some(TimeOfDay::parse(t).map_err(|e| DateError {
            input: s.to_owned(),
            ..e
        })?),
    };
    Ok((date, time))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(s: &str) -> String {
        parse_date_time(s).expect_err(s).to_string()
    }

    #[test]
    fn every_precision_reads_and_prints_back() {
        for s in ["2024", "2024-08", "2024-08-15"] {
            assert_eq!(PartialDate::parse(s).expect(s).to_string(), s);
        }
        assert_eq!(
            PartialDate::parse("2024").expect("year").precision(),
            Precision::Year
        );
        let (d, t) = parse_date_time("2024-08-15T10:00:00+02:00").expect("a timestamp");
        assert_eq!(
            (d.to_string(), t.expect("a time").to_string()),
            ("2024-08-15".into(), "10:00:00+02:00".into())
        );
        let basic = parse_date_time("2024-08-15T10:00+0200").expect("basic format offset");
        assert_eq!(basic.1.expect("a time").offset_minutes, Some(120));
    }

    #[test]
    fn a_day_that_does_not_exist_is_refused_naming_the_month() {
        assert_eq!(
            reason("2024-02-31"),
            "\"2024-02-31\" is not a date: February 2024 has 29 days"
        );
        assert_eq!(
            reason("2023-02-29"),
            "\"2023-02-29\" is not a date: February 2023 has 28 days"
        );
        assert_eq!(
            reason("2024-04-31"),
            "\"2024-04-31\" is not a date: April 2024 has 30 days"
        );
        assert_eq!(
            reason("2024-08-00"),
            "\"2024-08-00\" is not a date: August 2024 has 31 days"
        );
        assert_eq!(
            PartialDate::ymd(2024, 6, 31)
                .expect_err("31 June")
                .to_string(),
            "\"2024-06-31\" is not a date: June 2024 has 30 days"
        );
        assert!(PartialDate::ymd(2024, 2, 29).is_ok(), "a leap day");
        assert!(
            PartialDate::ymd(2000, 2, 29).is_ok(),
            "2000 was a leap year"
        );
        assert!(PartialDate::ymd(1900, 2, 29).is_err(), "1900 was not");
    }

    #[test]
    fn each_bad_part_is_named() {
        assert!(reason("2024-13").contains("no month 13"));
        assert!(reason("24-08").contains("the year must be 4 digits"));
        assert!(reason("August 2024").contains("4 digits"));
        assert!(reason("0999").contains("between 1000 and 9999"));
        assert!(reason("2024-8").contains("the month must be 2 digits"));
        assert!(reason("2024-08-15-01").contains("too many parts"));
        assert!(reason("2024-08T10:00").contains("a time needs a full date"));
        assert!(reason("2024-08-15T25:00").contains("not a time of day"));
        assert!(reason("2024-08-15T10:00:00+14:01").contains("not a time zone offset"));
        assert!(reason("2024-08-15T10:00:00-05:60").contains("not a time zone offset"));
        assert!(
            parse_date_time("2024-08-15T10:00:00+14:00").is_ok(),
            "Kiribati"
        );
        assert!(
            parse_date_time("2024-08-15T10:00:00-12:00").is_ok(),
            "Baker Island"
        );
        assert!(reason("").contains("4 digits"));
    }

    #[test]
    fn a_date_runs_from_its_first_to_its_last_day() {
        let span = |s: &str| {
            let d = PartialDate::parse(s).expect(s);
            (d.first_day().to_string(), d.last_day().to_string())
        };
        assert_eq!(span("2024"), ("2024-01-01".into(), "2024-12-31".into()));
        assert_eq!(span("2024-02"), ("2024-02-01".into(), "2024-02-29".into()));
        assert_eq!(span("2023-02"), ("2023-02-01".into(), "2023-02-28".into()));
        assert_eq!(
            span("2024-08-15"),
            ("2024-08-15".into(), "2024-08-15".into())
        );
    }

    #[test]
    fn dates_in_words() {
        let human = |s: &str| PartialDate::parse(s).expect(s).human();
        assert_eq!(human("2024"), "2024");
        assert_eq!(human("2024-08"), "Aug 2024");
        assert_eq!(human("2024-08-15"), "15 Aug 2024");
    }

    #[test]
    fn a_time_counts_its_zone() {
        let t = TimeOfDay::parse("01:00:00+01:00").expect("a time");
        assert_eq!(t.seconds_utc(), 0);
        assert_eq!(
            TimeOfDay::parse("10:00").expect("a time").to_string(),
            "10:00:00"
        );
        assert_eq!(
            TimeOfDay::parse("10:00:00.250Z")
                .expect("fraction")
                .to_string(),
            "10:00:00Z"
        );
    }
}
