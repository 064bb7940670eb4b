//! Fuzzy dates: what a chronology knows about *when*.
//!
//! A date is written as people write it (`2024-08-15`, `Q3 2024`, `mid-March 2024`,
//! `c. 2019`, the EDTF forms: `dossier_dates::WrittenDate`, whose module documents the span
//! each form means), optionally with a time of day, and an event's date is one of: a date
//! (`2024-08`), a range it lasted (`2024-08-01/2024-08-20`, open at one end: `../2024`,
//! `2024/..`), or an uncertain point (`before 2024-08`, `after 2024-08-15`,
//! `between 2024-08-01 and 2024-08-20`). The canonical text ([`fmt::Display`]) parses
//! back to the same value; [`FuzzyDate::human`] is for reports.

use std::cmp::Ordering;
use std::fmt;

/// Why a date could not be read: the calendar's own reason (`"2024-02-30" is not a date:
/// February 2024 has 29 days`, from `dossier-dates`), or a chronology form that is not written right.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// A date that names no real day, or is not written as ISO 8601.
    #[error(transparent)]
    Calendar(#[from] dossier_dates::DateError),
    /// A before/after/between/range form that is not written right.
    #[error(
        "{input:?} is not a date: {reason} (use a date D such as 2024-08-15, Q3 2024, early 2024 or c. 2019, or before/after D, between D and D, D/D, ../D, D/..)"
    )]
    Form {
        /// The text given.
        input: String,
        /// What was wrong with it.
        reason: String,
    },
}

fn err(input: &str, reason: impl Into<String>) -> DateError {
    DateError::Form {
        input: input.to_owned(),
        reason: reason.into(),
    }
}

/// How much of a date is known, coarsest first (see `dossier_dates::Granularity`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// A century (`19XX`).
    Century,
    /// A decade (`2010s`).
    Decade,
    /// Only the year.
    Year,
    /// Half a year (`H1 2024`).
    Half,
    /// A third of a year (`early 2024`).
    PartOfYear,
    /// A quarter (`Q3 2024`).
    Quarter,
    /// A season (`summer 2024`).
    Season,
    /// Year and month.
    Month,
    /// A third of a month (`mid-March 2024`).
    PartOfMonth,
    /// The day.
    Day,
    /// The day and a time of day.
    Time,
}

pub use dossier_dates::TimeOfDay;

/// A date as written (a year, month or day, or a quarter, part of a year, season, circa…:
/// `dossier_dates::WrittenDate`), and perhaps a time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    /// The date as written.
    pub date: dossier_dates::WrittenDate,
    /// The time of day, if known (only with a day).
    pub time: Option<TimeOfDay>,
}

fn day_of(date: chrono::NaiveDate) -> Day {
    use chrono::Datelike;
    (date.year(), date.month() as u8, date.day() as u8)
}

impl PartialDate {
    /// Reads a date as people write it (`2024-08`, `Q3 2024`, `early 2024`, `c. 2019`,
    /// `2024-35`…) or an ISO 8601 timestamp such as `2024-08-15T10:00:00Z` (seconds and
    /// zone optional).
    pub fn parse(input: &str) -> Result<PartialDate, DateError> {
        let s = input.trim();
        match dossier_dates::WrittenDate::parse(s) {
            Ok(date) => Ok(PartialDate { date, time: None }),
            // Only a timestamp has a colon; its own reasons (a time needs a full day, no
            // such hour) say more than the written forms' list.
            Err(_) if s.contains(':') => {
                let (date, time) = dossier_dates::parse_date_time(s)?;
                Ok(PartialDate {
                    date: date.into(),
                    time,
                })
            }
            Err(e) => Err(e.into()),
        }
    }

    /// A plain ISO date with no time of day.
    pub fn from_date(date: dossier_dates::PartialDate) -> PartialDate {
        PartialDate {
            date: date.into(),
            time: None,
        }
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        use dossier_dates::Granularity as G;
        match (self.date.granularity(), self.time) {
            (G::Century, _) => Precision::Century,
            (G::Decade, _) => Precision::Decade,
            (G::Year, _) => Precision::Year,
            (G::Half, _) => Precision::Half,
            (G::PartOfYear, _) => Precision::PartOfYear,
            (G::Quarter, _) => Precision::Quarter,
            (G::Season, _) => Precision::Season,
            (G::Month, _) => Precision::Month,
            (G::PartOfMonth, _) => Precision::PartOfMonth,
            (G::Day, None) => Precision::Day,
            (G::Day, Some(_)) => Precision::Time,
        }
    }

    /// How many days the date spans (1 for a day).
    fn span_days(&self) -> i64 {
        (self.date.last_day() - self.date.first_day()).num_days() + 1
    }

    /// The first day the date can mean: `2024` → 2024-01-01.
    pub fn first_day(&self) -> Day {
        day_of(self.date.first_day())
    }

    /// The last day the date can mean: `2024-02` → 2024-02-29.
    pub fn last_day(&self) -> Day {
        day_of(self.date.last_day())
    }

    /// Seconds into the day (0 without a time), for ordering.
    fn seconds(&self) -> i32 {
        self.time.map_or(0, |t| t.seconds_utc() as i32)
    }

    /// The date for reports: `2024`, `Aug 2024`, `15 Aug 2024`, `15 Aug 2024 10:00 UTC`.
    pub fn human(&self) -> String {
        let mut s = self.date.human();
        if let Some(t) = self.time {
            s += &format!(" {:02}:{:02}", t.hour, t.minute);
            if t.second != 0 {
                s += &format!(":{:02}", t.second);
            }
            match t.offset_minutes {
                Some(0) => s += " UTC",
                Some(o) => s += &format!(" {}", dossier_dates::offset_text(o)),
                None => {}
            }
        }
        s
    }
}

impl fmt::Display for PartialDate {
    /// ISO 8601 at the date's own precision.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date)?;
        if let Some(t) = self.time {
            write!(f, "T{t}")?;
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
    /// Lasted until this date, from a start not known (EDTF `../2024`).
    Until(PartialDate),
    /// Lasted from this date on, to an end not known (EDTF `2024/..`).
    Since(PartialDate),
}

impl FuzzyDate {
    /// Reads the canonical forms: a date as written (`2024-08`, `Q3 2024`), a range
    /// `2024-08-01/2024-08-20` (also `..`), open ranges `../D` and `D/..` (also `/D`, `D/`),
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
        if let Some(end) = s.strip_prefix("../").or_else(|| s.strip_prefix('/')) {
            return Ok(FuzzyDate::Until(PartialDate::parse(end)?));
        }
        if let Some(start) = s.strip_suffix("/..").or_else(|| s.strip_suffix('/')) {
            return Ok(FuzzyDate::Since(PartialDate::parse(start)?));
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
            FuzzyDate::On(d)
            | FuzzyDate::Before(d)
            | FuzzyDate::After(d)
            | FuzzyDate::Until(d)
            | FuzzyDate::Since(d) => d,
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
    /// date (a longer span) ahead of finer ones that start the same day: `2024`, `early
    /// 2024`, `Q1 2024`, `2024-01`, `early January 2024`, `2024-01-01`. A range open at its
    /// start sorts with "before" its end date.
    pub fn sort_key(&self) -> SortKey {
        let (anchor, rank) = match self {
            FuzzyDate::Before(d) | FuzzyDate::Until(d) => (d.first_day(), 0),
            FuzzyDate::After(d) => (d.last_day(), 2),
            other => (other.start().first_day(), 1),
        };
        SortKey {
            anchor,
            rank,
            span: std::cmp::Reverse(self.start().span_days()),
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
            FuzzyDate::Until(d) => (None, Some(d.last_day())),
            FuzzyDate::Since(d) => (Some(d.first_day()), None),
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
            FuzzyDate::Until(d) => format!("until {}", d.human()),
            FuzzyDate::Since(d) => format!("from {} on", d.human()),
        }
    }
}

fn naive((year, month, day): Day) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))
        .expect("a Day comes from a PartialDate, which names days that exist")
}

fn day_before(day: Day) -> Day {
    naive(day).pred_opt().map_or(day, day_of)
}

fn day_after(day: Day) -> Day {
    naive(day).succ_opt().map_or(day, day_of)
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
            FuzzyDate::Until(d) => write!(f, "../{d}"),
            FuzzyDate::Since(d) => write!(f, "{d}/.."),
        }
    }
}

/// Where a date falls in a chronology; see [`FuzzyDate::sort_key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    anchor: (i32, u8, u8),
    rank: u8,
    span: std::cmp::Reverse<i64>,
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
            (
                "2024-02-30",
                "\"2024-02-30\" is not a date: February 2024 has 29 days",
            ),
            (
                "2023-02-29",
                "\"2023-02-29\" is not a date: February 2023 has 28 days",
            ),
            ("2024-13", "no month 13"),
            ("24-08", "4 digits"),
            ("Q5 2024", "no quarter 5"),
            ("sometime 2024", "\"sometime\" is not understood"),
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

    #[test]
    fn dates_as_people_write_them_are_events_dates() {
        assert_eq!(d("2024-Q3").to_string(), "Q3 2024");
        assert_eq!(
            d("Q3 2024").covered_days(),
            (Some((2024, 7, 1)), Some((2024, 9, 30)))
        );
        assert_eq!(
            d("before mid-March 2024").covered_days(),
            (None, Some((2024, 3, 10)))
        );
        assert_eq!(
            d("between early 2024 and Q3 2024").covered_days(),
            (Some((2024, 1, 1)), Some((2024, 9, 30)))
        );
        assert_eq!(d("2024-07/2024-09").to_string(), "2024-07/2024-09");
        assert_eq!(d("../2024").to_string(), "../2024");
        assert_eq!(d("../2024").covered_days(), (None, Some((2024, 12, 31))));
        assert_eq!(d("2024-08/..").covered_days(), (Some((2024, 8, 1)), None));
        assert_eq!(d("2024/").to_string(), "2024/..");
        assert_eq!(d("c. 2019").human(), "c. 2019");
        assert_eq!(d("Q3 2024").start().precision(), Precision::Quarter);
        assert_eq!(d("2019?").to_string(), "2019?");
    }

    #[test]
    fn coarser_dates_come_first_among_those_starting_the_same_day() {
        let mut dates: Vec<FuzzyDate> = [
            "2024-01-01",
            "early January 2024",
            "2024-01",
            "Q1 2024",
            "early 2024",
            "H1 2024",
            "2024",
            "2020s",
            "late 2023",
            "../2023-12",
        ]
        .iter()
        .map(|s| d(s))
        .collect();
        dates.sort();
        let printed: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(
            printed,
            [
                "2020s",
                "late 2023",
                "../2023-12",
                "2024",
                "H1 2024",
                "early 2024",
                "Q1 2024",
                "2024-01",
                "early January 2024",
                "2024-01-01",
            ]
        );
    }
}
