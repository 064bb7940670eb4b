//! The timeline's filters: issue, status and tag follow one rule (blanks around the wanted
//! value and case ignored, for every letter, not only ASCII), and an export under a filter holds
//! exactly the events the filtered list shows.

use serde_json::Value;

use crate::support::{json, text};

/// The titles of a `timeline --json` answer, in its order.
fn titles(timeline: &Value) -> Vec<String> {
    timeline
        .as_array()
        .expect("the timeline is a list of events")
        .iter()
        .filter_map(|e| e["title"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn issue_status_and_tag_filters_ignore_case_beyond_ascii_and_exports_follow_the_tag_filter() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = dir.path().join("case");
    json("init", &case, &[]);
    for (date, title, issue, tag) in [
        (
            "2024-08-15",
            "Setting switched on",
            "Über-tracking",
            "Öffentlich",
        ),
        ("2024-09-18", "Policy edited", "UCL", "öffentlich"),
        ("2024-10-02", "Complaint filed", "Über-tracking", "filing"),
    ] {
        json(
            "event add",
            &case,
            &[
                "--date", date, "--title", title, "--issue", issue, "--tag", tag,
            ],
        );
    }

    assert_eq!(
        titles(&json("timeline", &case, &["--issue", "  über-tracking "])),
        ["Setting switched on", "Complaint filed"],
        "a non-ASCII capital and surrounding blanks do not stop an issue from matching"
    );
    assert_eq!(
        titles(&json("timeline", &case, &["--tag", "ÖFFENTLICH"])),
        ["Setting switched on", "Policy edited"],
        "tags match whatever their case, Ö as well as O"
    );
    assert_eq!(
        titles(&json("timeline", &case, &["--status", " Prospective"])).len(),
        3,
        "every event without a citation shows as prospective"
    );
    assert_eq!(
        titles(&json(
            "timeline",
            &case,
            &["--tag", "öffentlich", "--issue", "ucl"]
        )),
        ["Policy edited"],
        "filters together all apply"
    );

    let csv = text(
        "timeline",
        &case,
        &["--tag", "öffentlich", "--format", "csv"],
    );
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "one row per event the tag selects:\n{csv}");
    assert!(rows[0].contains("Setting switched on"), "{csv}");
    assert!(rows[1].contains("Policy edited"), "{csv}");
    assert!(!csv.contains("Complaint filed"), "{csv}");
}
