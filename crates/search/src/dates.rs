//! ISO 8601 dates of any precision (`2024`, `2024-08`, `2024-08-15`, `2024-08-15T10:00:00Z`)
//! as the span of seconds since 1970 (UTC) they cover.

/// The first second of the period a date names.
pub fn parse_start(s: &str) -> Option<i64> {
    parse_span(s).map(|(start, _)| start)
}

/// The period a date names: its first second and the first second after it.
/// `2024` spans the year, `2024-08` the month, `2024-08-15` the day, a time one second.
pub fn parse_span(s: &str) -> Option<(i64, i64)> {
    let s = s.trim();
    let (date, time) = match s.find(['T', ' ']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mut parts = date.split('-');
    let year: i64 = number(parts.next()?, 4)?;
    let month: Option<i64> = match parts.next() {
        Some(m) => Some(number(m, 2)?),
        None => None,
    };
    let day: Option<i64> = match parts.next() {
        Some(d) => Some(number(d, 2)?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    if !(1..=12).contains(&month.unwrap_or(1)) || !(1..=31).contains(&day.unwrap_or(1)) {
        return None;
    }
    let start_day = days_from_civil(year, month.unwrap_or(1), day.unwrap_or(1));
    let end_day = match (month, day) {
        (None, _) => days_from_civil(year + 1, 1, 1),
        (Some(12), None) => days_from_civil(year + 1, 1, 1),
        (Some(m), None) => days_from_civil(year, m + 1, 1),
        (Some(_), Some(_)) => start_day + 1,
    };
    match time {
        None => Some((start_day * 86_400, end_day * 86_400)),
        Some(t) if day.is_some() => {
            let secs = start_day * 86_400 + time_of_day(t)?;
            Some((secs, secs + 1))
        }
        Some(_) => None,
    }
}

/// `HH:MM[:SS][.fff][Z|±HH:MM]` as seconds after midnight UTC.
fn time_of_day(t: &str) -> Option<i64> {
    let (clock, offset) = match t.find(['Z', 'z', '+', '-']) {
        Some(i) => (&t[..i], &t[i..]),
        None => (t, ""),
    };
    let clock = clock.split('.').next()?;
    let mut parts = clock.split(':');
    let h: i64 = number(parts.next()?, 2)?;
    let m: i64 = number(parts.next()?, 2)?;
    let s: i64 = match parts.next() {
        Some(s) => number(s, 2)?,
        None => 0,
    };
    if h > 23 || m > 59 || s > 60 {
        return None;
    }
    let offset = match offset {
        "" | "Z" | "z" => 0,
        o => {
            let sign = if o.starts_with('-') { -1 } else { 1 };
            let o = o[1..].replace(':', "");
            if o.len() != 4 {
                return None;
            }
            let oh: i64 = number(&o[..2], 2)?;
            let om: i64 = number(&o[2..], 2)?;
            // Every zone in use lies between -12:00 and +14:00.
            if om > 59 || oh * 60 + om > 14 * 60 {
                return None;
            }
            sign * (oh * 3600 + om * 60)
        }
    };
    Some(h * 3600 + m * 60 + s - offset)
}

fn number<T: std::str::FromStr>(s: &str, digits: usize) -> Option<T> {
    (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The year a timestamp falls in (UTC).
pub fn year_of(secs: i64) -> i64 {
    // Inverse of days_from_civil, keeping only the year.
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    yoe + era * 400 + i64::from(m <= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_precision_spans_its_period() {
        assert_eq!(parse_span("1970"), Some((0, 365 * 86_400)));
        assert_eq!(parse_span("1970-02"), Some((31 * 86_400, 59 * 86_400)));
        assert_eq!(parse_span("1970-01-02"), Some((86_400, 2 * 86_400)));
        assert_eq!(parse_span("1970-01-01T01:00:00Z"), Some((3600, 3601)));
        assert_eq!(parse_span("1970-01-01T01:00:00+01:00"), Some((0, 1)));
        assert_eq!(parse_span("2024-12"), Some((1_733_011_200, 1_735_689_600)));
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
            assert_eq!(parse_span(bad), None, "{bad}");
        }
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
