//! Dates as people write them: `Q3 2024`, `early 2024`, `mid-March 2024`, `c. 2019`,
//! `summer 2024`, `the 2010s`, `15 March 2024`, and the ISO 8601-2 (EDTF) forms for the same
//! ideas (`2024-35`, `2024-22`, `2019~`, `2019?`, `2024-XX`, `201X`).
//!
//! Each is a [`WrittenDate`]: a [`Period`] with its [`Granularity`] and the days it spans,
//! and whether it was marked approximate (circa, `~`) or uncertain (`?`). The spans are
//! decided here, once, for every part of Dossier:
//!
//! | written | span |
//! |---|---|
//! | `Q1`..`Q4 2024`, `2024-33`..`2024-36` | Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec |
//! | `H1`/`H2 2024`, `2024-40`/`2024-41` | Jan–Jun, Jul–Dec |
//! | `early`/`mid`/`late 2024`, `2024-37`..`2024-39` | Jan–Apr, May–Aug, Sep–Dec (EDTF's thirds of a year) |
//! | `early`/`mid`/`late March 2024` | days 1–10, 11–20, 21 to the month's end |
//! | `spring`/`summer`/`autumn` (`fall`)/`winter 2024`, `2024-21`..`2024-24` (and `2024-25`..`2024-28`) | northern meteorological seasons: Mar–May, Jun–Aug, Sep–Nov, and Dec 2024 – Feb 2025 (a season belongs to the year it starts in) |
//! | `southern summer 2024`, `2024-29`..`2024-32` | southern seasons: spring Sep–Nov, summer Dec 2024 – Feb 2025, autumn Mar–May, winter Jun–Aug |
//! | `2010s`, `201X` | 2010-01-01 – 2019-12-31 |
//! | `19XX` | 1900-01-01 – 1999-12-31 |
//! | `2024-XX`, `2024-XX-XX` / `2024-08-XX` | some month (day) of 2024 / of August 2024: the year / the month |
//! | `c. 2019`, `circa 2019`, `ca. 2019`, `about 2019`, `2019~` | the span of 2019; the date is marked approximate |
//! | `2019?` / `2019%` | the span of 2019; marked uncertain / uncertain and approximate |
//!
//! Approximate and uncertain dates keep the span of the date they qualify: Dossier does not
//! invent a margin ("c. 2019" is not quietly 2018–2020); the mark travels with the date
//! into every drawing and export so a reader sees it.

use std::fmt;

use chrono::NaiveDate;

use crate::{DateError, MONTH_NAMES, PartialDate, days_in_month};

/// The forms [`WrittenDate::parse`] reads, for error messages.
pub const WRITTEN_FORMS: &str = "accepted forms: 2024, 2024-08, 2024-08-15, August 2024, \
15 August 2024, August 15, 2024, Q3 2024 (2024-Q3, 3Q 2024, third quarter 2024), H1 2024, \
early/mid/late 2024, early/mid/late March 2024, spring/summer/autumn/winter 2024, 2010s, \
c. 2019 (circa, ca., about), and EDTF: 2024-21..2024-24 (seasons), 2024-33..2024-36 \
(quarters), 2024-37..2024-39 (thirds), 2024-40/2024-41 (halves), 2019~, 2019?, 2019%, \
2024-XX, 201X";

/// A third of a year or of a month: how counsel writes "early", "mid" and "late".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// The first third: January–April, or days 1–10.
    Early,
    /// The middle third: May–August, or days 11–20.
    Mid,
    /// The last third: September–December, or day 21 to the month's end.
    Late,
}

impl Part {
    fn word(self) -> &'static str {
        match self {
            Part::Early => "early",
            Part::Mid => "mid",
            Part::Late => "late",
        }
    }

    /// The word before a month's name: `early March`, `mid-March`, `late March`.
    fn before_month(self) -> &'static str {
        match self {
            Part::Early => "early ",
            Part::Mid => "mid-",
            Part::Late => "late ",
        }
    }
}

/// A season of the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Season {
    /// Spring.
    Spring,
    /// Summer.
    Summer,
    /// Autumn (fall).
    Autumn,
    /// Winter, which runs into the next year.
    Winter,
}

impl Season {
    fn word(self) -> &'static str {
        match self {
            Season::Spring => "spring",
            Season::Summer => "summer",
            Season::Autumn => "autumn",
            Season::Winter => "winter",
        }
    }

    /// The first month of the season in the northern hemisphere (winter: December).
    fn northern_start(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }
}

/// Which stretch of the calendar a [`WrittenDate`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// An ISO 8601 year, month or day (`2024`, `August 2024`, `15 Aug 2024`).
    Date(PartialDate),
    /// Ten years from the first (`2010s`, `201X`).
    Decade(i32),
    /// A hundred years from the first (`19XX`).
    Century(i32),
    /// Half a year, 1 or 2 (`H1 2024`, `2024-40`).
    Half(i32, u8),
    /// A third of a year (`early 2024`, `2024-37`).
    PartOfYear(i32, Part),
    /// A quarter, 1–4 (`Q3 2024`, `2024-35`).
    Quarter(i32, u8),
    /// A season, in the northern hemisphere unless `southern` (`summer 2024`, `2024-22`).
    Season {
        /// The year the season starts in.
        year: i32,
        /// Which season.
        season: Season,
        /// The southern hemisphere's seasons (EDTF 29–32).
        southern: bool,
    },
    /// A third of a month (`mid-March 2024`).
    PartOfMonth(i32, u8, Part),
    /// EDTF's unspecified digits: the known part and how many parts after it are `XX`
    /// (`2024-XX` is (2024, 1), `2024-XX-XX` is (2024, 2), `2024-08-XX` is (2024-08, 1)).
    Unspecified(PartialDate, u8),
}

/// How wide a [`WrittenDate`] is, coarsest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Granularity {
    /// A hundred years.
    Century,
    /// Ten years.
    Decade,
    /// A year.
    Year,
    /// Half a year.
    Half,
    /// A third of a year (four months).
    PartOfYear,
    /// A quarter (three months).
    Quarter,
    /// A season (three months).
    Season,
    /// A month.
    Month,
    /// A third of a month (about ten days).
    PartOfMonth,
    /// A day.
    Day,
}

/// A date as a person wrote it: the stretch it names and how sure the writer was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WrittenDate {
    /// The stretch of the calendar.
    pub period: Period,
    /// Marked approximate: `c. 2019`, `circa`, `about`, EDTF `~` or `%`.
    pub approximate: bool,
    /// Marked uncertain: EDTF `?` or `%`.
    pub uncertain: bool,
}

impl From<PartialDate> for WrittenDate {
    fn from(date: PartialDate) -> WrittenDate {
        WrittenDate {
            period: Period::Date(date),
            approximate: false,
            uncertain: false,
        }
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a WrittenDate names days that exist")
}

fn month_end(y: i32, m: u32) -> NaiveDate {
    ymd(y, m, days_in_month(y, m))
}

/// A span of whole months, `months` long from `first` of `year` (may run into the next year).
fn months(year: i32, first: u32, count: u32) -> (NaiveDate, NaiveDate) {
    let last = first + count - 1;
    let (ly, lm) = if last > 12 {
        (year + 1, last - 12)
    } else {
        (year, last)
    };
    (ymd(year, first, 1), month_end(ly, lm))
}

impl WrittenDate {
    /// The first and last day (inclusive) the date can mean.
    pub fn span(&self) -> (NaiveDate, NaiveDate) {
        match self.period {
            Period::Date(d) | Period::Unspecified(d, _) => (d.first_day(), d.last_day()),
            Period::Decade(y) => (ymd(y, 1, 1), ymd(y + 9, 12, 31)),
            Period::Century(y) => (ymd(y, 1, 1), ymd(y + 99, 12, 31)),
            Period::Half(y, h) => months(y, u32::from(h - 1) * 6 + 1, 6),
            Period::PartOfYear(y, p) => months(y, p as u32 * 4 + 1, 4),
            Period::Quarter(y, q) => months(y, u32::from(q - 1) * 3 + 1, 3),
            Period::Season {
                year,
                season,
                southern,
            } => {
                let start = season.northern_start();
                let start = if southern {
                    (start + 5) % 12 + 1
                } else {
                    start
                };
                months(year, start, 3)
            }
            Period::PartOfMonth(y, m, p) => {
                let m = u32::from(m);
                match p {
                    Part::Early => (ymd(y, m, 1), ymd(y, m, 10)),
                    Part::Mid => (ymd(y, m, 11), ymd(y, m, 20)),
                    Part::Late => (ymd(y, m, 21), month_end(y, m)),
                }
            }
        }
    }

    /// The first day the date can mean.
    pub fn first_day(&self) -> NaiveDate {
        self.span().0
    }

    /// The last day the date can mean.
    pub fn last_day(&self) -> NaiveDate {
        self.span().1
    }

    /// How wide the date is.
    pub fn granularity(&self) -> Granularity {
        match self.period {
            Period::Date(d) | Period::Unspecified(d, _) => match d.precision() {
                crate::Precision::Year => Granularity::Year,
                crate::Precision::Month => Granularity::Month,
                crate::Precision::Day => Granularity::Day,
            },
            Period::Decade(_) => Granularity::Decade,
            Period::Century(_) => Granularity::Century,
            Period::Half(..) => Granularity::Half,
            Period::PartOfYear(..) => Granularity::PartOfYear,
            Period::Quarter(..) => Granularity::Quarter,
            Period::Season { .. } => Granularity::Season,
            Period::PartOfMonth(..) => Granularity::PartOfMonth,
        }
    }

    /// The plain ISO date, when that is all the date is (no period, no marks).
    pub fn as_partial_date(&self) -> Option<PartialDate> {
        match (self.period, self.approximate, self.uncertain) {
            (Period::Date(d), false, false) => Some(d),
            _ => None,
        }
    }

    /// The date for reports: `15 Aug 2024`, `Q3 2024`, `mid-Mar 2024`, `c. 2019`.
    pub fn human(&self) -> String {
        let body = match self.period {
            Period::Date(d) => d.human(),
            Period::PartOfMonth(y, m, p) => {
                format!(
                    "{}{} {y}",
                    p.before_month(),
                    &MONTH_NAMES[m as usize - 1][..3]
                )
            }
            _ => self.period_text(),
        };
        self.marked(body)
    }

    fn marked(&self, body: String) -> String {
        let mut s = if self.approximate {
            format!("c. {body}")
        } else {
            body
        };
        if self.uncertain {
            s.push('?');
        }
        s
    }

    fn period_text(&self) -> String {
        match self.period {
            Period::Date(d) => d.to_string(),
            Period::Decade(y) => format!("{y}s"),
            Period::Century(y) => format!("{}XX", y / 100),
            Period::Half(y, h) => format!("H{h} {y}"),
            Period::PartOfYear(y, p) => format!("{} {y}", p.word()),
            Period::Quarter(y, q) => format!("Q{q} {y}"),
            Period::Season {
                year,
                season,
                southern,
            } => format!(
                "{}{} {year}",
                if southern { "southern " } else { "" },
                season.word()
            ),
            Period::PartOfMonth(y, m, p) => {
                format!("{}{} {y}", p.before_month(), MONTH_NAMES[m as usize - 1])
            }
            Period::Unspecified(d, n) => format!("{d}{}", "-XX".repeat(n as usize)),
        }
    }

    /// Reads a date as people write it (see the module's table); the error names the part
    /// not understood and lists the accepted forms.
    pub fn parse(input: &str) -> Result<WrittenDate, DateError> {
        let s = input.trim();
        let fail = |reason: String| DateError::new(s, format!("{reason}; {WRITTEN_FORMS}"));
        let (body, approximate, uncertain) = qualifiers(s);
        if body.is_empty() {
            return Err(fail("there is no date after the qualifier".into()));
        }
        let period = read_period(s, body).map_err(|e| match e {
            Misread::Calendar(e) => e,
            Misread::Form(reason) => fail(reason),
        })?;
        Ok(WrittenDate {
            period,
            approximate,
            uncertain,
        })
    }
}

impl fmt::Display for WrittenDate {
    /// The canonical text, which [`WrittenDate::parse`] reads back: ISO 8601 for a plain
    /// date, otherwise as counsel writes it (`Q3 2024`, `mid-March 2024`, `c. 2019`,
    /// `2019?`, `2024-XX`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.marked(self.period_text()))
    }
}

/// Why a body could not be read.
enum Misread {
    /// The calendar refused it (keeps its own reason, such as a day the month lacks).
    Calendar(DateError),
    /// The words are not a form we read; the reason names the part.
    Form(String),
}

impl From<DateError> for Misread {
    fn from(e: DateError) -> Misread {
        Misread::Calendar(e)
    }
}

/// Strips the approximate and uncertain marks: `c.`, `ca.`, `circa`, `about`, `around`,
/// `approx.` in front; EDTF `~`, `?`, `%` behind.
fn qualifiers(s: &str) -> (&str, bool, bool) {
    let mut body = s.trim();
    let mut approximate = false;
    let mut uncertain = false;
    let lower = body.to_ascii_lowercase();
    for word in [
        "circa ",
        "ca. ",
        "ca ",
        "c. ",
        "c ",
        "c.",
        "ca.",
        "about ",
        "around ",
        "approx. ",
        "approximately ",
        "~",
    ] {
        if lower.starts_with(word) || lower == word.trim_end() {
            body = body.get(word.len()..).unwrap_or_default().trim_start();
            approximate = true;
            break;
        }
    }
    loop {
        if let Some(b) = body.strip_suffix('~') {
            approximate = true;
            body = b;
        } else if let Some(b) = body.strip_suffix('?') {
            uncertain = true;
            body = b;
        } else if let Some(b) = body.strip_suffix('%') {
            approximate = true;
            uncertain = true;
            body = b;
        } else {
            break;
        }
    }
    (body.trim(), approximate, uncertain)
}

/// A four-digit year in range, or the reason it is not one.
fn year(input: &str, word: &str) -> Result<i32, Misread> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Misread::Form(format!(
            "{word:?} is not understood (a year is 4 digits)"
        )));
    }
    let y: i64 = word.parse().unwrap_or_default();
    PartialDate::year_only(y).map_err(|e| DateError {
        input: input.into(),
        ..e
    })?;
    Ok(y as i32)
}

/// A month's name or its three-letter abbreviation (with or without a dot), 1–12.
fn month_named(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let i = MONTH_NAMES.iter().position(|m| {
        let m = m.to_ascii_lowercase();
        m == w || (m.starts_with(&w) && (w.len() == 3 || w == "sept"))
    })?;
    Some(i as u8 + 1)
}

fn ordinal(word: &str) -> Option<u8> {
    Some(match word {
        "1st" | "first" => 1,
        "2nd" | "second" => 2,
        "3rd" | "third" => 3,
        "4th" | "fourth" => 4,
        _ => return None,
    })
}

fn part_word(word: &str) -> Option<Part> {
    Some(match word {
        "early" | "beginning" | "start" => Part::Early,
        "mid" | "middle" => Part::Mid,
        "late" | "end" => Part::Late,
        _ => return None,
    })
}

fn season_word(word: &str) -> Option<Season> {
    Some(match word {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "autumn" | "fall" => Season::Autumn,
        "winter" => Season::Winter,
        _ => return None,
    })
}

fn quarter_number(input: &str, n: &str) -> Result<u8, Misread> {
    match n.parse::<u8>() {
        Ok(q @ 1..=4) => Ok(q),
        _ => Err(Misread::Form(format!(
            "{input:?}: there is no quarter {n} (quarters are Q1–Q4)"
        ))),
    }
}

/// Reads the date without its marks.
fn read_period(input: &str, body: &str) -> Result<Period, Misread> {
    // EDTF and ISO forms first: digits, dashes and X.
    if body
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'-' || b == b'X' || b == b'x')
        && body.bytes().next().is_some_and(|b| b.is_ascii_digit())
    {
        return read_numeric(input, body);
    }
    let lower = body.to_ascii_lowercase();
    // `2024-Q3`, `2024 Q3`, `2024-H1`: the year first.
    if let Some((y, rest)) = lower.split_once(['-', ' '])
        && y.len() == 4
        && y.bytes().all(|b| b.is_ascii_digit())
    {
        let rest = rest.trim();
        if let Some(q) = rest.strip_prefix('q') {
            return Ok(Period::Quarter(year(input, y)?, quarter_number(input, q)?));
        }
        if let Some(h) = rest.strip_prefix('h') {
            return half(input, y, h);
        }
    }
    // `2010s`, `1990's`.
    if let Some(d) = lower
        .trim_start_matches("the ")
        .strip_suffix("'s")
        .or_else(|| lower.trim_start_matches("the ").strip_suffix('s'))
        && d.len() == 4
        && d.bytes().all(|b| b.is_ascii_digit())
    {
        let y = year(input, d)?;
        if y % 10 != 0 {
            return Err(Misread::Form(format!(
                "{body:?}: a decade starts in a year ending in 0"
            )));
        }
        return Ok(Period::Decade(y));
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '/')
        .filter(|w| !w.is_empty() && *w != "of" && *w != "the")
        .collect();
    read_words(input, body, &words)
}

fn half(input: &str, y: &str, h: &str) -> Result<Period, Misread> {
    match h {
        "1" | "2" => Ok(Period::Half(year(input, y)?, h.parse().unwrap_or(1))),
        _ => Err(Misread::Form(format!(
            "{input:?}: there is no half {h} (halves are H1 and H2)"
        ))),
    }
}

/// `2024`, `2024-08-15`, `2024-35`, `2024-XX`, `201X`, `19XX`.
fn read_numeric(input: &str, body: &str) -> Result<Period, Misread> {
    let upper = body.to_ascii_uppercase();
    let parts: Vec<&str> = upper.split('-').collect();
    if upper.contains('X') {
        let y = parts[0];
        if parts.len() == 1 && y.len() == 4 {
            if let Some(d) = y.strip_suffix("XX")
                && d.bytes().all(|b| b.is_ascii_digit())
            {
                return Ok(Period::Century(year(input, &format!("{d}00"))?));
            }
            if let Some(d) = y.strip_suffix('X')
                && d.bytes().all(|b| b.is_ascii_digit())
            {
                return Ok(Period::Decade(year(input, &format!("{d}0"))?));
            }
        }
        let known: Vec<&str> = parts
            .iter()
            .take_while(|p| !p.contains('X'))
            .copied()
            .collect();
        let unknown = &parts[known.len()..];
        if !known.is_empty()
            && !unknown.is_empty()
            && unknown.iter().all(|p| *p == "XX")
            && parts.len() <= 3
        {
            let date = PartialDate::parse(&known.join("-")).map_err(|e| DateError {
                input: input.into(),
                ..e
            })?;
            return Ok(Period::Unspecified(date, unknown.len() as u8));
        }
        return Err(Misread::Form(format!(
            "{body:?}: unspecified digits are written 2024-XX, 2024-08-XX, 201X or 19XX"
        )));
    }
    if let [y, code] = parts[..]
        && code.len() == 2
        && let Ok(n @ 21..=41) = code.parse::<u8>()
    {
        let y = year(input, y)?;
        let seasons = [
            Season::Spring,
            Season::Summer,
            Season::Autumn,
            Season::Winter,
        ];
        return Ok(match n {
            21..=28 => Period::Season {
                year: y,
                season: seasons[usize::from((n - 21) % 4)],
                southern: false,
            },
            29..=32 => Period::Season {
                year: y,
                season: seasons[usize::from(n - 29)],
                southern: true,
            },
            33..=36 => Period::Quarter(y, n - 32),
            37..=39 => {
                Period::PartOfYear(y, [Part::Early, Part::Mid, Part::Late][usize::from(n - 37)])
            }
            _ => Period::Half(y, n - 39),
        });
    }
    Ok(Period::Date(PartialDate::parse(body).map_err(|e| {
        DateError {
            input: input.into(),
            ..e
        }
    })?))
}

/// The worded forms, split into lower-case words without `of` and `the`.
fn read_words(input: &str, body: &str, words: &[&str]) -> Result<Period, Misread> {
    let unknown = |w: &str| Misread::Form(format!("{w:?} is not understood in {body:?}"));
    match words {
        // Q3 2024, 3Q 2024, H1 2024, 1H 2024
        [w, y] if w.len() == 2 && (w.starts_with('q') || w.ends_with('q')) => {
            let n = w.trim_matches('q');
            Ok(Period::Quarter(year(input, y)?, quarter_number(input, n)?))
        }
        [w, y] if w.len() == 2 && (w.starts_with('h') || w.ends_with('h')) => {
            half(input, y, w.trim_matches('h'))
        }
        // third quarter 2024, first half of 2024
        [o, unit, y] if ordinal(o).is_some() && (*unit == "quarter" || *unit == "half") => {
            let n = ordinal(o).unwrap_or(1);
            if *unit == "half" {
                half(input, y, &n.to_string())
            } else {
                Ok(Period::Quarter(
                    year(input, y)?,
                    quarter_number(input, &n.to_string())?,
                ))
            }
        }
        // early 2024, mid-March 2024, late Mar 2024
        [p, rest @ ..] if part_word(p).is_some() => {
            let part = part_word(p).unwrap_or(Part::Mid);
            match rest {
                [y] => Ok(Period::PartOfYear(year(input, y)?, part)),
                [m, y] => {
                    let month = month_named(m).ok_or_else(|| unknown(m))?;
                    let y = year(input, y)?;
                    Ok(Period::PartOfMonth(y, month, part))
                }
                _ => Err(Misread::Form(format!(
                    "{body:?}: write {} 2024 or {}-March 2024",
                    part.word(),
                    part.word()
                ))),
            }
        }
        // summer 2024, southern winter 2024
        [h, s, y] if *h == "southern" || *h == "northern" => {
            let season = season_word(s).ok_or_else(|| unknown(s))?;
            Ok(Period::Season {
                year: year(input, y)?,
                season,
                southern: *h == "southern",
            })
        }
        [s, y] if season_word(s).is_some() => Ok(Period::Season {
            year: year(input, y)?,
            season: season_word(s).unwrap_or(Season::Spring),
            southern: false,
        }),
        // August 2024, Aug. 2024
        [m, y] if month_named(m).is_some() => {
            let month = month_named(m).unwrap_or(1);
            Ok(Period::Date(PartialDate::year_month(
                i64::from(year(input, y)?),
                i64::from(month),
            )?))
        }
        // 15 August 2024, August 15 2024, August 15, 2024
        [a, b, y] if month_named(a).is_some() || month_named(b).is_some() => {
            let (m, d) = if month_named(a).is_some() {
                (a, b)
            } else {
                (b, a)
            };
            let month = month_named(m).ok_or_else(|| unknown(m))?;
            let day = d
                .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .parse::<i64>()
                .map_err(|_| unknown(d))?;
            let y = year(input, y)?;
            Ok(Period::Date(
                PartialDate::ymd(i64::from(y), i64::from(month), day).map_err(|e| DateError {
                    input: input.into(),
                    ..e
                })?,
            ))
        }
        _ => {
            // Name the first word that is none of ours.
            let first_unknown = words.iter().find(|w| {
                !(w.bytes().all(|b| b.is_ascii_digit())
                    || month_named(w).is_some()
                    || part_word(w).is_some()
                    || season_word(w).is_some()
                    || ordinal(w).is_some())
            });
            Err(match first_unknown {
                Some(w) => unknown(w),
                None => Misread::Form(format!("{body:?} is not a form Dossier reads")),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Written forms with the first and last day each means, from CaseMap's fuzzy dates
    /// (month and year, quarters, parts of a year or month, circa) and EDTF levels 0–2
    /// (ISO 8601-2: seasons 21–24, hemispheres 25–32, quarters 33–36, thirds 37–39,
    /// halves 40–41, `~ ? %`, unspecified `X`).
    const TABLE: &[(&str, &str, &str)] = &[
        // ISO 8601 / EDTF level 0
        ("2024", "2024-01-01", "2024-12-31"),
        ("2024-08", "2024-08-01", "2024-08-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2023-02", "2023-02-01", "2023-02-28"),
        ("2024-08-15", "2024-08-15", "2024-08-15"),
        // Months and days in words (CaseMap shows these)
        ("August 2024", "2024-08-01", "2024-08-31"),
        ("Aug 2024", "2024-08-01", "2024-08-31"),
        ("Aug. 2024", "2024-08-01", "2024-08-31"),
        ("Sept 2024", "2024-09-01", "2024-09-30"),
        ("Mar-2004", "2004-03-01", "2004-03-31"),
        ("15 August 2024", "2024-08-15", "2024-08-15"),
        ("August 15, 2024", "2024-08-15", "2024-08-15"),
        ("August 15 2024", "2024-08-15", "2024-08-15"),
        ("1st March 2019", "2019-03-01", "2019-03-01"),
        ("15-Mar-2004", "2004-03-15", "2004-03-15"),
        // Quarters
        ("Q1 2024", "2024-01-01", "2024-03-31"),
        ("Q2 2024", "2024-04-01", "2024-06-30"),
        ("Q3 2024", "2024-07-01", "2024-09-30"),
        ("Q4 2024", "2024-10-01", "2024-12-31"),
        ("q3 2024", "2024-07-01", "2024-09-30"),
        ("2024-Q3", "2024-07-01", "2024-09-30"),
        ("2024 Q4", "2024-10-01", "2024-12-31"),
        ("3Q 2024", "2024-07-01", "2024-09-30"),
        ("Q3-2024", "2024-07-01", "2024-09-30"),
        ("third quarter 2024", "2024-07-01", "2024-09-30"),
        ("1st quarter of 2023", "2023-01-01", "2023-03-31"),
        // Halves
        ("H1 2024", "2024-01-01", "2024-06-30"),
        ("H2 2024", "2024-07-01", "2024-12-31"),
        ("2024-H2", "2024-07-01", "2024-12-31"),
        ("2H 2024", "2024-07-01", "2024-12-31"),
        ("first half of 2024", "2024-01-01", "2024-06-30"),
        // Parts of a year: thirds
        ("early 2024", "2024-01-01", "2024-04-30"),
        ("mid 2024", "2024-05-01", "2024-08-31"),
        ("mid-2024", "2024-05-01", "2024-08-31"),
        ("late 2023", "2023-09-01", "2023-12-31"),
        ("Late 2023", "2023-09-01", "2023-12-31"),
        ("end of 2023", "2023-09-01", "2023-12-31"),
        // Parts of a month
        ("early March 2024", "2024-03-01", "2024-03-10"),
        ("mid-March 2024", "2024-03-11", "2024-03-20"),
        ("late March 2024", "2024-03-21", "2024-03-31"),
        ("late Feb 2024", "2024-02-21", "2024-02-29"),
        ("late February 2023", "2023-02-21", "2023-02-28"),
        ("mid-Sept 2024", "2024-09-11", "2024-09-20"),
        // Seasons
        ("spring 2024", "2024-03-01", "2024-05-31"),
        ("Summer 2024", "2024-06-01", "2024-08-31"),
        ("summer of 2024", "2024-06-01", "2024-08-31"),
        ("autumn 2024", "2024-09-01", "2024-11-30"),
        ("fall 2024", "2024-09-01", "2024-11-30"),
        ("winter 2023", "2023-12-01", "2024-02-29"),
        ("southern summer 2024", "2024-12-01", "2025-02-28"),
        // Decades and centuries
        ("2010s", "2010-01-01", "2019-12-31"),
        ("the 1990s", "1990-01-01", "1999-12-31"),
        ("1990's", "1990-01-01", "1999-12-31"),
        // Circa (CaseMap's "approximate", EDTF ~)
        ("c. 2019", "2019-01-01", "2019-12-31"),
        ("c.2019", "2019-01-01", "2019-12-31"),
        ("circa 2019", "2019-01-01", "2019-12-31"),
        ("ca. 2019", "2019-01-01", "2019-12-31"),
        ("about March 2019", "2019-03-01", "2019-03-31"),
        ("c. Q3 2024", "2024-07-01", "2024-09-30"),
        // EDTF level 1: seasons, qualifiers, unspecified digits
        ("2024-21", "2024-03-01", "2024-05-31"),
        ("2024-22", "2024-06-01", "2024-08-31"),
        ("2024-23", "2024-09-01", "2024-11-30"),
        ("2024-24", "2024-12-01", "2025-02-28"),
        ("2019~", "2019-01-01", "2019-12-31"),
        ("2019?", "2019-01-01", "2019-12-31"),
        ("2019%", "2019-01-01", "2019-12-31"),
        ("2004-06~", "2004-06-01", "2004-06-30"),
        ("2004-06-11%", "2004-06-11", "2004-06-11"),
        ("2024-XX", "2024-01-01", "2024-12-31"),
        ("2024-08-XX", "2024-08-01", "2024-08-31"),
        ("2024-XX-XX", "2024-01-01", "2024-12-31"),
        ("201X", "2010-01-01", "2019-12-31"),
        ("19XX", "1900-01-01", "1999-12-31"),
        // EDTF level 2: hemispheres, quarters, thirds, halves
        ("2024-25", "2024-03-01", "2024-05-31"),
        ("2024-28", "2024-12-01", "2025-02-28"),
        ("2024-29", "2024-09-01", "2024-11-30"),
        ("2024-30", "2024-12-01", "2025-02-28"),
        ("2024-31", "2024-03-01", "2024-05-31"),
        ("2024-32", "2024-06-01", "2024-08-31"),
        ("2024-33", "2024-01-01", "2024-03-31"),
        ("2024-34", "2024-04-01", "2024-06-30"),
        ("2024-35", "2024-07-01", "2024-09-30"),
        ("2024-36", "2024-10-01", "2024-12-31"),
        ("2024-37", "2024-01-01", "2024-04-30"),
        ("2024-38", "2024-05-01", "2024-08-31"),
        ("2024-39", "2024-09-01", "2024-12-31"),
        ("2024-40", "2024-01-01", "2024-06-30"),
        ("2024-41", "2024-07-01", "2024-12-31"),
    ];

    #[test]
    fn every_written_form_in_the_table_means_its_span() {
        assert!(TABLE.len() >= 60, "the table holds {} forms", TABLE.len());
        let mut wrong = Vec::new();
        for (written, first, last) in TABLE {
            match WrittenDate::parse(written) {
                Ok(d) => {
                    let got = (d.first_day().to_string(), d.last_day().to_string());
                    if got != ((*first).to_string(), (*last).to_string()) {
                        wrong.push(format!("{written}: {} – {}", got.0, got.1));
                    }
                }
                Err(e) => wrong.push(format!("{written}: {e}")),
            }
        }
        assert!(wrong.is_empty(), "misread:\n{}", wrong.join("\n"));
    }

    #[test]
    fn the_canonical_text_reads_back_to_the_same_date() {
        for (written, _, _) in TABLE {
            let d = WrittenDate::parse(written).expect(written);
            let printed = d.to_string();
            let again = WrittenDate::parse(&printed).expect(&printed);
            assert_eq!(again, d, "{written} printed as {d}");
        }
        let canonical = |s: &str| WrittenDate::parse(s).expect(s).to_string();
        assert_eq!(canonical("2024-Q3"), "Q3 2024");
        assert_eq!(canonical("2024-35"), "Q3 2024");
        assert_eq!(canonical("mid-march 2024"), "mid-March 2024");
        assert_eq!(canonical("circa 2019"), "c. 2019");
        assert_eq!(canonical("2019~"), "c. 2019");
        assert_eq!(canonical("2019%"), "c. 2019?");
        assert_eq!(canonical("August 15, 2024"), "2024-08-15");
        assert_eq!(canonical("2024-37"), "early 2024");
        assert_eq!(canonical("201X"), "2010s");
        assert_eq!(canonical("2024-xx"), "2024-XX");
    }

    #[test]
    fn each_form_keeps_its_precision_and_marks() {
        let g = |s: &str| WrittenDate::parse(s).expect(s).granularity();
        assert_eq!(g("Q3 2024"), Granularity::Quarter);
        assert_eq!(g("early 2024"), Granularity::PartOfYear);
        assert_eq!(g("mid-March 2024"), Granularity::PartOfMonth);
        assert_eq!(g("summer 2024"), Granularity::Season);
        assert_eq!(g("2010s"), Granularity::Decade);
        assert_eq!(g("2024-XX"), Granularity::Year);
        assert_eq!(g("c. 2019"), Granularity::Year);
        let c = WrittenDate::parse("c. 2019").expect("circa");
        assert!(c.approximate && !c.uncertain);
        let u = WrittenDate::parse("2019?").expect("uncertain");
        assert!(u.uncertain && !u.approximate);
        assert_eq!(
            WrittenDate::parse("2019")
                .expect("plain")
                .as_partial_date()
                .map(|d| d.to_string()),
            Some("2019".into())
        );
        assert_eq!(c.as_partial_date(), None);
        assert_eq!(
            WrittenDate::parse("mid-March 2024").expect("mid").human(),
            "mid-Mar 2024"
        );
    }

    #[test]
    fn an_error_names_the_part_not_understood_and_lists_the_forms() {
        let reason = |s: &str| WrittenDate::parse(s).expect_err(s).to_string();
        let q5 = reason("Q5 2024");
        assert!(q5.contains("no quarter 5 (quarters are Q1–Q4)"), "{q5}");
        assert!(
            q5.contains("accepted forms:") && q5.contains("Q3 2024"),
            "{q5}"
        );
        let word = reason("sometime in 2024");
        assert!(word.contains("\"sometime\" is not understood"), "{word}");
        assert!(reason("Q3 24").contains("\"24\" is not understood (a year is 4 digits)"));
        assert!(reason("mid-Foo 2024").contains("\"foo\" is not understood"));
        assert!(reason("2015s").contains("a decade starts in a year ending in 0"));
        assert!(reason("2024-XX-15").contains("unspecified digits are written"));
        assert!(reason("circa").contains("no date after the qualifier"));
        // ISO forms keep the calendar's own reasons.
        assert_eq!(
            reason("2024-02-30"),
            "\"2024-02-30\" is not a date: February 2024 has 29 days"
        );
        assert!(reason("30 February 2024").contains("February 2024 has 29 days"));
        assert!(reason("2024-13").contains("no month 13"));
    }
}
