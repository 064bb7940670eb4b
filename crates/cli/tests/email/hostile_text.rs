//! Text an attacker wrote in an email, on its way out of Dossier: a subject that is a
//! spreadsheet formula stays text in every CSV and DAT export, and control and
//! bidirectional-override characters in subjects and attachment names reach a terminal
//! as visible escapes, while `--json` keeps them exact.

use std::path::Path;

use crate::common::text;
use crate::support::{Case, json};

/// A formula Excel would run, a carriage return, a screen-clearing escape, a bell and a
/// right-to-left override.
const SUBJECT: &str = "=cmd|' /C calc'!A0\r\u{1b}[2J\u{7}\u{202e}gpj.exe";
/// An attachment name that sets the terminal's title and hides its real extension.
const ATTACHMENT: &str = "\u{1b}]0;owned\u{7}report\u{202e}fdp.exe";

/// `text` as an RFC 2047 encoded word, so any byte can be in a header.
fn encoded_word(text: &str) -> String {
    let q: String = text
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("={b:02X}")
            }
        })
        .collect();
    format!("=?utf-8?q?{q}?=")
}

fn crafted_message() -> String {
    format!(
        "From: Mallory <mallory@example.org>\nTo: victim@example.org\nSubject: {}\n\
         Message-ID: <crafted@example.org>\nContent-Type: multipart/mixed; boundary=\"x\"\n\n\
         --x\nContent-Type: text/plain\n\nplease open the attachment\n\
         --x\nContent-Type: text/plain; name=\"{name}\"\n\
         Content-Disposition: attachment; filename=\"{name}\"\n\nnot really a PDF\n--x--\n",
        encoded_word(SUBJECT),
        name = encoded_word(ATTACHMENT),
    )
}

/// The column `name` of every record of a CSV export, read with the csv crate.
fn csv_column(text: &str, name: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader.headers().expect("a header row").clone();
    let at = headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {headers:?}"));
    reader
        .records()
        .map(|r| r.expect("a valid CSV record")[at].to_owned())
        .collect()
}

/// Ingests the crafted message; returns the case and the message's id.
fn case_with_crafted_mail(dir: &Path) -> (Case, i64) {
    let eml = dir.join("crafted.eml");
    std::fs::write(&eml, crafted_message()).expect("write");
    let case = Case::new(dir);
    let (out, _) = case.ingest(&[&eml], &[]);
    assert_eq!(out["added"], 2, "the message and its attachment: {out}");
    let id = out["documents"][0].as_i64().expect("an id");
    (case, id)
}

#[test]
fn a_subject_that_is_a_formula_stays_text_in_every_csv_and_dat_export() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (case, message) = case_with_crafted_mail(dir.path());
    assert_eq!(case.show(message)["title"], SUBJECT, "kept exactly");
    json(&[&"exhibit", &case.path, &message.to_string()]);
    json(&[
        &"event",
        &"add",
        &case.path,
        &"--date",
        &"2024-08-15",
        &"--title",
        &SUBJECT,
    ]);
    let inert = format!("'{SUBJECT}");

    let list = text(&[&"exhibits", &case.path, &"--format", &"csv"]);
    assert_eq!(csv_column(&list, "Title"), std::slice::from_ref(&inert));
    let chronology = text(&[&"timeline", &case.path, &"--format", &"csv"]);
    assert_eq!(
        csv_column(&chronology, "Fact"),
        std::slice::from_ref(&inert)
    );
    let sheet = text(&[&"timeline", &case.path, &"--format", &"timelinejs-csv"]);
    assert_eq!(csv_column(&sheet, "Headline").last(), Some(&inert));

    // The DAT load file: þ-qualified fields separated by ASCII 20, line breaks as ®.
    let dat = text(&[&"exhibits", &case.path, &"--format", &"dat"]);
    let lines: Vec<&str> = dat.trim_start_matches('\u{feff}').split("\r\n").collect();
    let fields = |line: &str| -> Vec<String> {
        line.split('\u{14}')
            .map(|f| f.trim_matches('\u{fe}').to_owned())
            .collect()
    };
    let title_at = fields(lines[0])
        .iter()
        .position(|f| f == "TITLE")
        .expect("a TITLE field");
    assert_eq!(
        fields(lines[1])[title_at],
        format!("'{}", SUBJECT.replace('\r', "\u{ae}"))
    );
}

#[test]
fn control_and_bidi_characters_from_mail_are_shown_escaped_on_a_terminal_and_exact_in_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (case, message) = case_with_crafted_mail(dir.path());
    let listed = text(&[&"docs", &case.path]);
    for raw in ['\u{1b}', '\u{7}', '\u{202e}', '\r'] {
        assert!(!listed.contains(raw), "{raw:?} printed raw: {listed:?}");
    }
    assert_eq!(listed.lines().count(), 2, "one line per document: {listed}");
    assert!(
        listed.contains("=cmd|' /C calc'!A0\\r\\e[2J\\x07\\u{202e}gpj.exe"),
        "{listed}"
    );
    assert!(
        listed.contains("\\e]0;owned\\x07report\\u{202e}fdp.exe"),
        "{listed}"
    );
    let shown = text(&[&"show", &case.path, &message.to_string()]);
    assert!(
        !shown.contains(['\u{1b}', '\u{7}', '\u{202e}']),
        "{shown:?}"
    );

    let docs = json(&[&"docs", &case.path]);
    let titles: Vec<&str> = docs
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|d| d["title"].as_str())
        .collect();
    assert_eq!(titles, [SUBJECT, ATTACHMENT], "JSON stays exact");
}
