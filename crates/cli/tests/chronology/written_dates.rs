//! Dates as counsel writes them, end to end: an event dated `Q3 2024` is kept as written,
//! sorts among the others by the days it means, exports with sortable first and last days
//! and a TimelineJS end date, and answers the text and date-range filters; a date the case
//! cannot read is refused naming the part it did not understand.

use serde_json::Value;

use crate::support::{fails, json, text};

fn titles(timeline: &Value) -> Vec<String> {
    timeline
        .as_array()
        .expect("the timeline is a list of events")
        .iter()
        .filter_map(|e| e["title"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn quarters_parts_of_a_year_and_circa_are_kept_sorted_exported_and_filtered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = dir.path().join("case");
    json("init", &case, &[]);
    for (date, title) in [
        ("Q3 2024", "Setting rolled out"),
        ("early 2024", "Design review"),
        ("2024-08-15", "Policy page edited"),
        ("c. 2019", "Data retention began"),
        ("between 2024-08-20 and 2024-09-27", "Notice sent"),
    ] {
        json("event add", &case, &["--date", date, "--title", title]);
    }
    let all = json("timeline", &case, &[]);
    assert_eq!(
        titles(&all),
        [
            "Data retention began",
            "Design review",
            "Setting rolled out",
            "Policy page edited",
            "Notice sent"
        ],
        "ordered by the first day each date can mean, the wider first"
    );
    let q3 = &all[2];
    assert_eq!(q3["date"], "Q3 2024", "kept as written");
    assert_eq!(q3["span"]["first_day"], "2024-07-01");
    assert_eq!(q3["span"]["last_day"], "2024-09-30");
    assert_eq!(q3["span"]["precision"], "period");

    let csv = text("timeline", &case, &["--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("Date,Start,End,Fact"), "{csv}");
    assert!(
        lines[3].starts_with("Q3 2024,2024-07-01,2024-09-30,Setting rolled out"),
        "{csv}"
    );
    assert!(
        lines[1].starts_with("c. 2019,2019-01-01,2019-12-31,"),
        "{csv}"
    );

    let slides: Value = serde_json::from_str(&text("timeline", &case, &["--format", "timelinejs"]))
        .expect("TimelineJS JSON");
    assert_eq!(
        dossier_timeline::timelinejs::check(&slides),
        Vec::<String>::new()
    );
    let notice = slides["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["text"]["headline"] == "Notice sent")
        .expect("the ranged event");
    assert_eq!(
        notice["end_date"],
        serde_json::json!({"year": 2024, "month": 9, "day": 27}),
        "a between spans to its last day"
    );
    assert_eq!(notice["display_date"], "between 2024-08-20 and 2024-09-27");

    assert_eq!(
        titles(&json(
            "timeline",
            &case,
            &["--from", "2024-08", "--to", "Q3 2024"]
        )),
        ["Setting rolled out", "Policy page edited", "Notice sent"],
        "a date range keeps the events that may fall in it"
    );
    assert_eq!(
        titles(&json("timeline", &case, &["--text", "POLICY edited"])),
        ["Policy page edited"]
    );

    let refused = fails("event add", &case, &["--date", "Q5 2024", "--title", "x"]);
    assert!(
        refused.contains("no quarter 5") && refused.contains("accepted forms"),
        "{refused}"
    );
    let refused = fails("timeline", &case, &["--from", "sometime"]);
    assert!(
        refused.contains("\"sometime\" is not understood"),
        "{refused}"
    );
}
