//! ISO 8601 dates of any precision (`2024`, `2024-08`, `2024-08-15`, `2024-08-15T10:00:00Z`)
//! as the span of seconds since 1970 (UTC) they cover. The date itself is read and checked
//! by `dossier-dates`, so a filter refuses `2024-02-31` as the chronology does.

use chrono::{DateTime, Datelike, NaiveDate};
use dossier_dates::{DateError, parse_date_time};

/// The first second of the period a date names; `None` when it is not a date.
pub fn parse_start(s: &str) -> Option<i64> {
    parse_span(s).ok().map(|(start, _)| start)
}

/// The period a date names: its first second and the first second after it.
/// `2024` spans the year, `2024-08` the month, `2024-08-15` the day, a time one second.
pub fn parse_span(s: &str) -> Result<(i64, i64), DateError> {
    let (date, time) = parse_date_time(s)?;
    let start_day = days_since_1970(date.first_day());
    let end_day = days_since_1970(date.last_day()) + 1;
    Ok(match time {
        None => (start_day * 86_400, end_day * 86_400),
        Some(t) => {
            let secs = start_day * 86_400 + t.seconds_utc();
            (secs, secs + 1)
        }
    })
}

fn days_since_1970(day: NaiveDate) -> i64 {
    (day - NaiveDate::default()).num_days()
}

/// The year a timestamp falls in (UTC).
pub fn year_of(secs: i64) -> i64 {
    DateTime::from_timestamp(secs, 0).map_or(1970, |t| i64::from(t.year()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_precision_spans_its_period() {
        let span = |s: &str| parse_span(s).expect(s);
        assert_eq!(span("1970"), (0, 365 * 86_400));
        assert_eq!(span("1970-02"), (31 * 86_400, 59 * 86_400));
        assert_eq!(span("1970-01-02"), (86_400, 2 * 86_400));
        assert_eq!(span("1970-01-01T01:00:00Z"), (3600, 3601));
        assert_eq!(span("1970-01-01T01:00:00+01:00"), (0, 1));
        assert_eq!(span("2024-12"), (1_733_011_200, 1_735_689_600));
        assert_eq!(span("2024-02"), (1_706_745_600, 1_709_251_200));
    }

    #[test]
    fn nonsense_is_not_a_date() {
        for bad in [
            "",
            "24",
            "2024-13",
            "2024-1",
            "yesterday",
            "2024-08-15-01",
            "2024-08T10:00",
            "2024-08-15T10:00:00+99:00",
            "2024-08-15T10:00:00-05:60",
        ] {
            assert!(parse_span(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_day_the_month_lacks_is_refused_not_rolled_over() {
        // It used to be read as 2 March.
        assert_eq!(
            parse_span("2024-02-31").map_err(|e| e.to_string()),
            Err("\"2024-02-31\" is not a date: February 2024 has 29 days".to_owned())
        );
        assert!(parse_span("2023-02-29").is_err());
        assert!(parse_span("2024-04-31").is_err());
        assert!(parse_span("2024-02-29").is_ok());
    }

    #[test]
    fn years_round_trip() {
        for y in [1969, 1970, 2000, 2001, 2024, 2100] {
            let (start, end) = parse_span(&y.to_string()).expect("a year");
            assert_eq!(year_of(start), y);
            assert_eq!(year_of(end - 1), y);
        }
    }
}
