//! The cast of characters through the real `dossier` binary: `people` finds a case's email
//! correspondents as people, one mailbox written differently being one person; a
//! reviewer's merge, split and person entered by hand are kept, audited, and win.

use std::fs;
use std::path::Path;

use serde_json::Value;

mod common;
use common::{fails, json, new_case};

/// A message from `from` to `to` on `day` of May 2001.
fn message(dir: &Path, n: u32, from: &str, to: &str, day: u32) {
    fs::write(
        dir.join(format!("{n}.eml")),
        format!(
            "Message-ID: <{n}@example.com>\r\nDate: Mon, {day:02} May 2001 10:00:00 +0000\r\nFrom: {from}\r\nTo: {to}\r\nSubject: note {n}\r\n\r\nBody {n}.\r\n"
        ),
    )
    .expect("write a message");
}

fn person<'a>(people: &'a Value, address: &str) -> &'a Value {
    people
        .as_array()
        .expect("a list of people")
        .iter()
        .find(|p| {
            p["addresses"]
                .as_array()
                .is_some_and(|a| a.iter().any(|x| x == address))
        })
        .unwrap_or_else(|| panic!("no person has {address}: {people:#}"))
}

#[test]
fn correspondents_become_people_and_a_reviewers_merge_split_and_additions_win() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mail = dir.path().join("mail");
    fs::create_dir(&mail).expect("mail folder");
    message(
        &mail,
        1,
        "\"Lay, Kenneth\" <Kenneth.Lay@enron.com>",
        "jeff.skilling@enron.com",
        1,
    );
    message(
        &mail,
        2,
        "kenneth_lay@enron.com",
        "Jeff Skilling <jeff_skilling@enron.com>",
        3,
    );
    message(&mail, 3, "jeff.skilling@enron.com", "ken.lay@enron.com", 9);
    let case = new_case(dir.path(), "case");
    json(&[&"ingest", &case, &mail]);

    let people = json(&[&"people", &case]);
    assert_eq!(people.as_array().map(Vec::len), Some(3), "{people:#}");
    let lay = person(&people, "kenneth.lay@enron.com");
    assert_eq!(
        lay["name"], "Kenneth Lay",
        "the display name, in reading order"
    );
    assert_eq!(
        lay["addresses"].as_array().map(Vec::len),
        Some(2),
        "{lay:#}"
    );
    assert_eq!(
        (
            lay["documents"].as_u64(),
            lay["sent"].as_u64(),
            lay["received"].as_u64()
        ),
        (Some(2), Some(2), Some(0))
    );
    assert_eq!(
        (lay["first"].as_str(), lay["last"].as_str()),
        (Some("2001-05-01"), Some("2001-05-03"))
    );
    let skilling = person(&people, "jeff.skilling@enron.com");
    assert_eq!(
        (
            skilling["documents"].as_u64(),
            skilling["sent"].as_u64(),
            skilling["received"].as_u64()
        ),
        (Some(3), Some(1), Some(2))
    );
    let ken = person(&people, "ken.lay@enron.com");
    assert_ne!(ken["id"], lay["id"], "a nickname is not guessed at");

    // The reviewer merges the nickname in, then splits one address off again.
    let lay_id = lay["id"].as_str().expect("id").to_owned();
    let ken_id = ken["id"].as_str().expect("id").to_owned();
    let merged = json(&[&"person", &case, &"--merge", &lay_id, &"--merge", &ken_id]);
    assert_eq!(merged[0]["id"], lay_id.as_str());
    assert_eq!(
        merged[0]["addresses"].as_array().map(Vec::len),
        Some(3),
        "{merged:#}"
    );
    assert_eq!(merged[0]["documents"], 3);
    let people = json(&[&"people", &case]);
    assert_eq!(people.as_array().map(Vec::len), Some(2));
    json(&[&"person", &case, &"--split", &"kenneth_lay@enron.com"]);
    let people = json(&[&"people", &case]);
    assert_eq!(people.as_array().map(Vec::len), Some(3));
    assert_eq!(
        person(&people, "kenneth_lay@enron.com")["addresses"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    assert_eq!(
        person(&people, "ken.lay@enron.com")["id"],
        lay_id.as_str(),
        "the merge still holds"
    );

    // A person entered by hand, with an address no message names yet.
    let added = json(&[
        &"person",
        &case,
        &"--add",
        &"Sherron Watkins",
        &"--role",
        &"witness",
        &"--address",
        &"Sherron.Watkins@enron.com",
    ]);
    assert_eq!(added[0]["name"], "Sherron Watkins");
    assert_eq!(added[0]["role"], "witness");
    assert_eq!(added[0]["documents"], 0);

    let audit = json(&[&"audit", &case]);
    let actions: Vec<&str> = audit
        .as_array()
        .expect("audit rows")
        .iter()
        .filter_map(|r| r["action"].as_str())
        .filter(|a| a.starts_with("person."))
        .collect();
    assert_eq!(
        actions,
        ["person.merge", "person.split", "person.add", "person.link"]
    );
    assert!(fails(&[&"person", &case, &"--merge", &lay_id]).contains("two people or more"));
    assert!(
        fails(&[&"person", &case, &"--split", &"nobody@example.com"]).contains("no person has")
    );
    let lines = json(&[&"correspondence", &case, &"--person", &lay_id]);
    let pairs: Vec<(String, String, u64)> = lines
        .as_array()
        .expect("correspondence lines")
        .iter()
        .map(|l| {
            (
                l["from"].as_str().unwrap_or_default().to_owned(),
                l["month"].as_str().unwrap_or_default().to_owned(),
                l["documents"].as_array().map_or(0, |d| d.len() as u64),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            (
                "jeff.skilling@enron.com".to_owned(),
                "2001-05".to_owned(),
                1
            ),
            (lay_id.clone(), "2001-05".to_owned(), 1),
        ],
        "Lay wrote to Skilling once (the other message's address was split off) and heard from him once: {lines:#}"
    );
    let verify = json(&[&"verify", &case]);
    assert_eq!(verify["ok"], true, "{verify:#}");
}
