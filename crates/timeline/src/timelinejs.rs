//! TimelineJS (Knight Lab, version 3) exports: the JSON a timeline is built from, and the
//! Google Sheets template as CSV, each in the format TimelineJS reads.
//!
//! JSON: `{"title": slide, "events": [slide...]}`; a slide has `start_date` (required
//! except for the title), optional `end_date` and `display_date`, `text` (`headline`,
//! `text` as HTML), `group` and `unique_id`; a date object has a required integer `year`
//! and optional `month`, `day`, `hour`, `minute`, `second`. A plain ISO date keeps its
//! precision (a month-precision event gives no `day`); a date as written that is not one
//! (`Q3 2024`, `early 2024`, `c. 2019`) gives its first and last day as `start_date` and
//! `end_date`; a range or a between spans from its first date to its last. Every date that
//! is not a plain date or range keeps its words in `display_date`.
//!
//! Sheet: the template's 18 columns, in order ([`SHEET_COLUMNS`]); one row per event, and
//! a first row of type `title`.

use serde_json::{Map, Value, json};

use crate::csv;
use crate::date::{FuzzyDate, PartialDate};
use crate::export::html_escape;
use crate::model::Entry;

/// The columns of the TimelineJS Google Sheets template, in order.
pub const SHEET_COLUMNS: [&str; 18] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
];

/// The year, month and day TimelineJS gets for a date: a plain ISO date at its own
/// precision, any other its first day (its last day when it ends a slide).
fn ymd(d: &PartialDate, end: bool) -> (i32, Option<u8>, Option<u8>) {
    match d.date.as_partial_date() {
        Some(p) => (p.year(), p.month(), p.day()),
        None => {
            let (y, m, day) = if end { d.last_day() } else { d.first_day() };
            (y, Some(m), Some(day))
        }
    }
}

fn date_object(d: &PartialDate, end: bool) -> Value {
    let mut o = Map::new();
    let (year, month, day) = ymd(d, end);
    o.insert("year".into(), json!(year));
    if let Some(m) = month {
        o.insert("month".into(), json!(m));
    }
    if let Some(day) = day {
        o.insert("day".into(), json!(day));
    }
    if let Some(t) = d.time {
        o.insert("hour".into(), json!(t.hour));
        o.insert("minute".into(), json!(t.minute));
        o.insert("second".into(), json!(t.second));
    }
    Value::Object(o)
}

/// The date a slide spans to: the end of a range or a between, or the date itself when it
/// is a stretch written other than as a plain ISO date (`Q3 2024` ends on 30 September).
fn span_end(date: &FuzzyDate) -> Option<&PartialDate> {
    match date {
        FuzzyDate::Range(_, b) | FuzzyDate::Between(_, b) => Some(b),
        FuzzyDate::On(d) if d.date.as_partial_date().is_none() => Some(d),
        _ => None,
    }
}

/// Whether the date is written as plain ISO dates only (`2024-08`, `2024-08-01/2024-08-20`).
fn plain(date: &FuzzyDate) -> bool {
    let is_plain = |d: &PartialDate| d.date.as_partial_date().is_some();
    match date {
        FuzzyDate::On(d) => is_plain(d),
        FuzzyDate::Range(a, b) => is_plain(a) && is_plain(b),
        _ => false,
    }
}

/// The text a slide shows: the description, then each citation as a quote with its pin
/// cite, as HTML.
fn slide_text(e: &Entry) -> String {
    let mut s = String::new();
    if let Some(d) = e.description.as_deref().filter(|d| !d.trim().is_empty()) {
        s += &format!("<p>{}</p>", html_escape(d.trim()));
    }
    s += &format!("<p>Status: {}", e.status);
    if !e.issues.is_empty() {
        s += &format!(". Issues: {}", html_escape(&e.issues.join("; ")));
    }
    s += ".</p>";
    for c in &e.citations {
        let cite = html_escape(&format!("{} ({})", c.pin_cite(), c.relation));
        let flag = if c.verified { "" } else { " [does not verify]" };
        match &c.quote {
            Some(q) => {
                let q = q.split_whitespace().collect::<Vec<_>>().join(" ");
                s += &format!(
                    "<blockquote>\u{201C}{}\u{201D} — {cite}{flag}</blockquote>",
                    html_escape(&q)
                )
            }
            None => s += &format!("<p>{cite}{flag}</p>"),
        }
    }
    s
}

/// Whether a date needs its words shown (TimelineJS would otherwise show a bare date).
fn display_date(date: &FuzzyDate) -> Option<String> {
    (!plain(date)).then(|| date.to_string())
}

/// The TimelineJS JSON for a chronology.
pub fn json(case_name: &str, entries: &[Entry]) -> Value {
    let events: Vec<Value> = entries
        .iter()
        .map(|e| {
            let mut slide = Map::new();
            slide.insert("unique_id".into(), json!(format!("event-{}", e.id)));
            slide.insert("start_date".into(), date_object(e.date.start(), false));
            if let Some(end) = span_end(&e.date) {
                slide.insert("end_date".into(), date_object(end, true));
            }
            if let Some(d) = display_date(&e.date) {
                slide.insert("display_date".into(), json!(d));
            }
            slide.insert(
                "text".into(),
                json!({"headline": html_escape(&e.title), "text": slide_text(e)}),
            );
            slide.insert("group".into(), json!(e.status.as_str()));
            Value::Object(slide)
        })
        .collect();
    json!({
        "title": {"text": {
            "headline": html_escape(case_name),
            "text": format!("Chronology of {} events, with their sources.", entries.len()),
        }},
        "events": events,
    })
}

fn time_text(d: &PartialDate) -> String {
    d.time
        .map(|t| format!("{:02}:{:02}:{:02}", t.hour, t.minute, t.second))
        .unwrap_or_default()
}

fn parts(d: Option<&PartialDate>, end: bool) -> [String; 4] {
    match d {
        None => Default::default(),
        Some(d) => {
            let (year, month, day) = ymd(d, end);
            [
                year.to_string(),
                month.map(|m| m.to_string()).unwrap_or_default(),
                day.map(|x| x.to_string()).unwrap_or_default(),
                time_text(d),
            ]
        }
    }
}

/// The TimelineJS sheet template as CSV, ready to paste into a copy of the template.
pub fn sheet_csv(case_name: &str, entries: &[Entry]) -> String {
    let mut rows: Vec<Vec<String>> = vec![SHEET_COLUMNS.iter().map(|s| s.to_string()).collect()];
    let mut title = vec![String::new(); SHEET_COLUMNS.len()];
    title[9] = case_name.to_owned();
    title[10] = format!(
        "Chronology of {} events, with their sources.",
        entries.len()
    );
    title[15] = "title".into();
    rows.push(title);
    for e in entries {
        let mut row = Vec::with_capacity(SHEET_COLUMNS.len());
        row.extend(parts(Some(e.date.start()), false));
        row.extend(parts(span_end(&e.date), true));
        row.push(display_date(&e.date).unwrap_or_default());
        row.push(e.title.clone());
        row.push(slide_text(e));
        row.extend(std::iter::repeat_n(String::new(), 4));
        row.push(String::new());
        row.push(e.status.as_str().to_owned());
        row.push(String::new());
        rows.push(row);
    }
    csv::write(rows)
}

/// Checks a TimelineJS JSON value against the format's rules; returns every breach.
///
/// The rules: an object with an `events` array; each event has a `start_date` whose
/// `year` is an integer and whose `month` (1–12), `day` (1–31, only with a month),
/// `hour` (0–23), `minute` and `second` (0–59) are integers in range; an `end_date`
/// follows the same rules and is not before the start; a `text` object with a string
/// `headline` or `text`; `unique_id`s are distinct and contain no spaces; the optional
/// `title` slide has a `text` object.
pub fn check(value: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(events) = value.get("events").and_then(Value::as_array) else {
        return vec!["no \"events\" array".into()];
    };
    if let Some(title) = value.get("title")
        && !title.get("text").is_some_and(Value::is_object)
    {
        problems.push("the title slide has no text object".into());
    }
    let mut ids = std::collections::HashSet::new();
    for (i, e) in events.iter().enumerate() {
        let start = check_date(
            e.get("start_date"),
            &format!("event {i} start_date"),
            &mut problems,
        );
        if let Some(end) = e.get("end_date") {
            let end = check_date(Some(end), &format!("event {i} end_date"), &mut problems);
            if let (Some(s), Some(t)) = (start, end)
                && t < s
            {
                problems.push(format!("event {i} ends before it starts"));
            }
        }
        let text = e.get("text");
        let has_text = text.is_some_and(|t| {
            t.get("headline").is_some_and(Value::is_string)
                || t.get("text").is_some_and(Value::is_string)
        });
        if !has_text {
            problems.push(format!("event {i} has no text headline or text"));
        }
        if let Some(id) = e.get("unique_id") {
            match id.as_str() {
                Some(s) if !s.is_empty() && !s.contains(char::is_whitespace) => {
                    if !ids.insert(s.to_owned()) {
                        problems.push(format!("event {i}: unique_id {s:?} is used twice"));
                    }
                }
                _ => problems.push(format!(
                    "event {i}: unique_id must be a string without spaces"
                )),
            }
        }
    }
    problems
}

/// Checks one date object; returns (year, month, day, h, m, s) for comparing when valid.
fn check_date(d: Option<&Value>, what: &str, problems: &mut Vec<String>) -> Option<[i64; 6]> {
    let Some(d) = d.and_then(Value::as_object) else {
        problems.push(format!("{what} is missing or not an object"));
        return None;
    };
    let Some(year) = d.get("year").and_then(Value::as_i64) else {
        problems.push(format!("{what} has no integer year"));
        return None;
    };
    let mut out = [year, 0, 0, 0, 0, 0];
    for (k, (name, lo, hi)) in [
        ("month", 1, 12),
        ("day", 1, 31),
        ("hour", 0, 23),
        ("minute", 0, 59),
        ("second", 0, 59),
    ]
    .into_iter()
    .enumerate()
    {
        if let Some(v) = d.get(name) {
            match v.as_i64() {
                Some(n) if (lo..=hi).contains(&n) => out[k + 1] = n,
                _ => problems.push(format!(
                    "{what}.{name} must be an integer from {lo} to {hi}"
                )),
            }
        }
    }
    if d.contains_key("day") && !d.contains_key("month") {
        problems.push(format!("{what} has a day but no month"));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::sample;

    #[test]
    fn the_json_keeps_each_dates_precision_and_passes_the_format_rules() {
        let v = json("Doe v. Network", &sample());
        assert_eq!(check(&v), Vec::<String>::new());
        let e0 = &v["events"][0];
        assert_eq!(e0["start_date"], json!({"year": 2024, "month": 8}));
        assert!(e0.get("end_date").is_none());
        assert_eq!(e0["unique_id"], "event-1");
        assert!(
            e0["text"]["text"]
                .as_str()
                .unwrap_or_default()
                .contains("<blockquote>")
        );
        let e1 = &v["events"][1];
        assert_eq!(e1["display_date"], "before 2024-09-18");
        assert_eq!(
            e1["start_date"],
            json!({"year": 2024, "month": 9, "day": 18})
        );
    }

    #[test]
    fn the_format_rules_catch_what_timelinejs_rejects() {
        let bad = json!({"events": [
            {"start_date": {"year": "2024"}, "text": {"headline": "x"}},
            {"start_date": {"year": 2024, "month": 13}, "text": {}},
            {"start_date": {"year": 2024, "day": 3}, "end_date": {"year": 2023}, "text": {"text": "t"}, "unique_id": "a b"},
        ]});
        let p = check(&bad);
        assert!(
            p.iter()
                .any(|m| m.contains("event 0 start_date has no integer year")),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|m| m.contains("month must be an integer from 1 to 12")),
            "{p:?}"
        );
        assert!(p.iter().any(|m| m.contains("event 1 has no text")), "{p:?}");
        assert!(p.iter().any(|m| m.contains("day but no month")), "{p:?}");
        assert!(
            p.iter().any(|m| m.contains("ends before it starts")),
            "{p:?}"
        );
        assert!(p.iter().any(|m| m.contains("without spaces")), "{p:?}");
        assert_eq!(check(&json!({})), vec!["no \"events\" array"]);
    }

    #[test]
    fn the_sheet_has_the_template_columns_and_a_title_row() {
        let text = sheet_csv("Doe v. Network", &sample());
        let rows = csv::read(&text).expect("valid CSV");
        assert_eq!(rows[0], SHEET_COLUMNS);
        assert!(rows.iter().all(|r| r.len() == 18));
        assert_eq!(rows[1][15], "title");
        assert_eq!(rows[1][9], "Doe v. Network");
        assert_eq!(&rows[2][..4], ["2024", "8", "", ""]);
        assert_eq!(rows[3][8], "before 2024-09-18");
        assert_eq!(rows[3][16], "prospective");
    }
}
