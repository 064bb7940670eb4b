//! Dates as web pages write them, normalised to ISO 8601, and compared across zones.

/// A sort key for an ISO date or date-time: minutes since 1970 in UTC when the zone is
/// known, local time otherwise (a date alone counts as its midnight).
pub(crate) fn instant_key(iso: &str) -> i64 {
    let Ok((date, time)) = dossier_dates::parse_date_time(iso) else {
        return i64::MAX;
    };
    let days = (date.first_day() - chrono::NaiveDate::default()).num_days();
    let seconds = time.map_or(0, |t| t.seconds_utc());
    days * 1440 + seconds.div_euclid(60)
}

/// A date in a URL path: `/2019/03/04/`, `/2019-03-04`, `/20190304`.
pub(crate) fn date_in_url(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split_once('/').map_or("", |(_, p)| p);
    let segs: Vec<&str> = path.split(['/', '?', '#', '_']).collect();
    for w in segs.windows(3) {
        if let (Some(y), Some(m), Some(d)) = (num(w[0], 4), num(w[1], 2), num(w[2], 2))
            && let Some(iso) = ymd(y, m, d)
        {
            return Some(iso);
        }
    }
    for seg in &segs {
        for part in seg.split(['-', '.']) {
            if part.len() == 8
                && part.chars().all(|c| c.is_ascii_digit())
                && let (Ok(y), Ok(m), Ok(d)) =
                    (part[..4].parse(), part[4..6].parse(), part[6..].parse())
                && let Some(iso) = ymd(y, m, d)
            {
                return Some(iso);
            }
        }
        if let Some(iso) =
            normalize_date(seg).filter(|_| seg.len() >= 10 && seg.as_bytes()[4] == b'-')
        {
            return Some(iso[..10].to_owned());
        }
    }
    None
}

fn num(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.chars().all(|c| c.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// The years a page's date may fall in: web publishing began in the 1990s, and a number
/// beyond 2100 is not a date.
const PAGE_YEARS: std::ops::RangeInclusive<u32> = 1990..=2100;

/// The day as ISO 8601, when the calendar has it (`dossier-dates` decides: no 31 April)
/// and the year is one a page may carry.
fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    if !PAGE_YEARS.contains(&y) {
        return None;
    }
    dossier_dates::PartialDate::ymd(i64::from(y), i64::from(m), i64::from(d))
        .ok()
        .map(|day| day.to_string())
}

const MONTHS: &[(&str, u32)] = &[
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("may", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("ene", 1),
    ("abr", 4),
    ("ago", 8),
    ("dic", 12),
    ("mär", 3),
    ("mai", 5),
    ("okt", 10),
    ("dez", 12),
    ("fév", 2),
    ("avr", 4),
    ("déc", 12),
    ("set", 9),
    ("out", 10),
    ("janv", 1),
    ("juil", 7),
    ("sept", 9),
];

/// A date as written on a web page, as ISO 8601: the date and time with its zone when
/// given in ISO form (`2018-04-05T06:00:00+00:00`), else the day (`2018-04-05`).
/// Reads ISO dates, `YYYY/MM/DD`, `DD.MM.YYYY`, `Month D, YYYY`, `D Month YYYY` and
/// RFC 2822 dates; `None` for anything else.
pub fn normalize_date(raw: &str) -> Option<String> {
    let s = raw.trim();
    let b = s.as_bytes();
    // ISO 8601 and YYYY/MM/DD.
    if b.len() >= 8 && b[..4].iter().all(u8::is_ascii_digit) && matches!(b[4], b'-' | b'/') {
        let sep = b[4] as char;
        let mut fields = s[5..].splitn(2, sep);
        let m: u32 = fields.next()?.parse().ok()?;
        let after_month = fields.next()?;
        let d_len = after_month.chars().take_while(char::is_ascii_digit).count();
        if d_len == 0 || d_len > 2 {
            return None;
        }
        let d: u32 = after_month[..d_len].parse().ok()?;
        let day = ymd(num(&s[..4], 4)?, m, d)?;
        let rest = &after_month[d_len..];
        if let Some(time) = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' ')) {
            let t: String = time
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ':')
                .collect();
            if t.len() >= 5 {
                let hms = if t.len() >= 8 {
                    t[..8].to_owned()
                } else {
                    format!("{}:00", &t[..5])
                };
                let after =
                    time[t.len()..].trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
                let zone = match after.chars().next() {
                    Some('Z') => "Z".to_owned(),
                    Some(sign @ ('+' | '-')) => {
                        let digits: String =
                            after.chars().filter(char::is_ascii_digit).take(4).collect();
                        if digits.len() == 4 {
                            format!("{sign}{}:{}", &digits[..2], &digits[2..])
                        } else {
                            String::new()
                        }
                    }
                    _ => String::new(),
                };
                // A clock that cannot be (25:00) leaves the day alone.
                if dossier_dates::TimeOfDay::parse(&hms).is_err() {
                    return Some(day);
                }
                return Some(format!("{day}T{hms}{zone}"));
            }
        }
        return Some(day);
    }
    // DD.MM.YYYY
    let first: String = s.chars().take(10).collect();
    let parts: Vec<&str> = first.split(['.', '/']).map(str::trim).collect();
    if parts.len() == 3
        && parts[2].len() == 4
        && first.contains('.')
        && let (Ok(d), Ok(m), Ok(y)) = (parts[0].parse(), parts[1].parse(), parts[2].parse())
    {
        return ymd(y, m, d);
    }
    // Words: "April 5, 2018", "5 April 2018", "Thu, 05 Apr 2018 10:00:00 GMT".
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty() && *w != "de" && *w != "of")
        .collect();
    let month_of = |w: &str| {
        MONTHS
            .iter()
            .filter(|(p, _)| w.starts_with(p))
            .max_by_key(|(p, _)| p.len())
            .map(|(_, m)| *m)
    };
    for (i, w) in words.iter().enumerate() {
        let Some(m) = month_of(w).filter(|_| w.chars().all(char::is_alphabetic)) else {
            continue;
        };
        let day_num = |x: &&str| {
            x.trim_end_matches(|c: char| c.is_alphabetic())
                .parse::<u32>()
                .ok()
        };
        let year_after = |j: usize| words.get(j).and_then(|x| num(x, 4));
        if let Some(d) = i
            .checked_sub(1)
            .and_then(|j| words.get(j))
            .and_then(day_num)
            && let Some(y) = year_after(i + 1)
        {
            return ymd(y, m, d).map(|day| with_time(day, &words[i + 2..]));
        }
        if let Some(d) = words.get(i + 1).and_then(day_num)
            && let Some(y) = year_after(i + 2)
        {
            return ymd(y, m, d).map(|day| with_time(day, &words[i + 3..]));
        }
    }
    None
}

/// Adds an RFC 2822 time and zone (`10:00:00 +0200`, `10:00 GMT`) following a date,
/// when both are there; a time without a zone is not an instant and is left out.
fn with_time(day: String, rest: &[&str]) -> String {
    let (Some(time), Some(zone)) = (rest.first(), rest.get(1)) else {
        return day;
    };
    let parts: Vec<&str> = time.split(':').collect();
    let ok = |p: &str| p.len() == 2 && p.chars().all(|c| c.is_ascii_digit());
    if !(2..=3).contains(&parts.len()) || !parts.iter().all(|p| ok(p)) {
        return day;
    }
    let hms = format!(
        "{}:{}:{}",
        parts[0],
        parts[1],
        parts.get(2).unwrap_or(&"00")
    );
    let zone = match *zone {
        "gmt" | "utc" | "z" | "ut" => "Z".to_owned(),
        z if z.len() == 5
            && (z.starts_with('+') || z.starts_with('-'))
            && z[1..].chars().all(|c| c.is_ascii_digit()) =>
        {
            format!("{}:{}", &z[..3], &z[3..])
        }
        _ => return day,
    };
    format!("{day}T{hms}{zone}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_pages_use() {
        assert_eq!(
            normalize_date("2018-04-05T06:00").as_deref(),
            Some("2018-04-05T06:00:00")
        );
        assert_eq!(
            normalize_date("2021-11-01T10:52:50+0100").as_deref(),
            Some("2021-11-01T10:52:50+01:00")
        );
        assert_eq!(normalize_date("2019/03/04").as_deref(), Some("2019-03-04"));
        assert_eq!(normalize_date("05.04.2018").as_deref(), Some("2018-04-05"));
        assert_eq!(
            normalize_date("April 5, 2018").as_deref(),
            Some("2018-04-05")
        );
        assert_eq!(
            normalize_date("Thu, 05 Apr 2018 10:00:00 GMT").as_deref(),
            Some("2018-04-05T10:00:00Z")
        );
        assert_eq!(
            normalize_date("Sat, 19 Oct 2019 00:04:00 +0200").as_deref(),
            Some("2019-10-19T00:04:00+02:00")
        );
        assert_eq!(
            normalize_date("2022-05-6T12:00:00.000Z").as_deref(),
            Some("2022-05-06T12:00:00Z")
        );
        assert_eq!(
            normalize_date("8.Dezember 2010 um 09:43").as_deref(),
            Some("2010-12-08")
        );
        assert_eq!(normalize_date("yesterday"), None);
    }

    #[test]
    fn days_a_month_lacks_are_not_dates() {
        for bad in [
            "2024-04-31",
            "2023-02-29",
            "31.06.2020",
            "February 30, 2021",
            "31 September 2019",
        ] {
            assert_eq!(normalize_date(bad), None, "{bad}");
        }
        assert_eq!(normalize_date("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(
            date_in_url("https://example.com/2019/02/30/story.html"),
            None
        );
        assert_eq!(
            normalize_date("2018-04-05T25:00").as_deref(),
            Some("2018-04-05"),
            "a clock that cannot be"
        );
    }

    #[test]
    fn the_earliest_instant_compares_across_zones() {
        assert!(instant_key("2024-12-06T22:00:40Z") < instant_key("2024-12-07T12:43:39Z"));
        assert_eq!(
            instant_key("2019-10-19T00:04:00+02:00"),
            instant_key("2019-10-18T22:04:00Z")
        );
        assert!(instant_key("2019-10-18") < instant_key("2019-10-18T00:01:00"));
    }

    #[test]
    fn dates_in_urls() {
        assert_eq!(
            date_in_url("https://example.com/news/2019/03/04/story.html").as_deref(),
            Some("2019-03-04")
        );
        assert_eq!(
            date_in_url("https://example.com/story-20190304.html").as_deref(),
            Some("2019-03-04")
        );
        assert_eq!(date_in_url("https://example.com/2019/story"), None);
    }
}
