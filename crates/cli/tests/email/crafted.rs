//! What the corpus cannot show, on mail made here: hostile attachment names, one message
//! in two mailboxes, a truncated mbox, the thread view's shape.

use std::fs;
use std::path::Path;

use crate::support::{Case, json};

const HOSTILE_NAMES: &[&str] = &[
    "../../escaped.txt",
    "C:\\Windows\\escaped.txt",
    "/tmp/escaped-absolute.txt",
    "..\\..\\escaped-backslash.txt",
    "a/../../../escaped-deep.txt",
];

/// A message with one text attachment per hostile name (each with different bytes).
fn hostile_message() -> String {
    let mut m = String::from(
        "From: Mallory <mallory@example.org>\nTo: victim@example.org\nSubject: hostile names\n\
         Message-ID: <hostile@example.org>\nContent-Type: multipart/mixed; boundary=\"x\"\n\n\
         --x\nContent-Type: text/plain\n\nsee attached\n",
    );
    for (i, name) in HOSTILE_NAMES.iter().enumerate() {
        let quoted = name.replace('\\', "\\\\");
        m += &format!(
            "--x\nContent-Type: text/plain; name=\"{quoted}\"\n\
             Content-Disposition: attachment; filename=\"{quoted}\"\n\nattachment {i}\n"
        );
    }
    m + "--x--\n"
}

/// Every file under `dir`, relative to it.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    crate::support::walk_files(dir, &mut |p| {
        out.push(p.strip_prefix(dir).expect("inside").display().to_string())
    });
    out
}

#[test]
fn attachments_with_hostile_names_stay_inside_the_case() {
    let dir = tempfile::tempdir().expect("temp dir");
    let inbox = dir.path().join("deep/inbox");
    fs::create_dir_all(&inbox).expect("mkdir");
    let eml = inbox.join("hostile.eml");
    fs::write(&eml, hostile_message()).expect("write");
    let case = Case::new(&inbox);
    let before = files_under(dir.path());
    let (out, _) = case.ingest(&[&eml], &[]);
    assert_eq!(out["failed"], serde_json::json!([]));
    assert_eq!(out["added"], 1 + HOSTILE_NAMES.len());

    let message = case.show(case.doc_at(&eml.display().to_string()));
    let children = message["children"].as_array().expect("children");
    assert_eq!(children.len(), HOSTILE_NAMES.len());
    for (i, (child, name)) in children.iter().zip(HOSTILE_NAMES).enumerate() {
        let child = case.show(child.as_i64().expect("id"));
        assert_eq!(child["parent"], message["id"]);
        assert_eq!(child["title"], *name, "the name is kept as data");
        assert_eq!(
            child["sources"][0]["path"],
            format!("{}#attachment={}/{name}", eml.display(), i + 1)
        );
        assert_eq!(
            child["text"].as_str().map(str::trim),
            Some(format!("attachment {i}").as_str())
        );
    }
    // Nothing appeared anywhere but inside the case folder.
    let new: Vec<String> = files_under(dir.path())
        .into_iter()
        .filter(|f| !before.contains(f))
        .collect();
    let case_dir = case
        .path
        .strip_prefix(dir.path())
        .expect("inside")
        .display()
        .to_string();
    assert!(!new.is_empty());
    for f in &new {
        assert!(f.starts_with(&case_dir), "{f} was written outside the case");
        assert!(!f.contains("escaped"), "{f} is named after an attachment");
    }
    assert!(!Path::new("/tmp/escaped-absolute.txt").exists());
    let v = json(&[&"verify", &case.path]);
    assert_eq!(v["ok"], true, "{v}");
}

fn message(id: &str, subject: &str, reply_to: Option<&str>) -> String {
    let reply = reply_to
        .map(|r| format!("In-Reply-To: <{r}>\nReferences: <{r}>\n"))
        .unwrap_or_default();
    format!(
        "From: Ann <ann@example.org>\nTo: bob@example.org\nSubject: {subject}\n\
         Date: Tue, 6 Aug 2024 10:00:00 +0200\nMessage-ID: <{id}>\n{reply}\nBody of {id}.\n>From the quoted line\n"
    )
}

fn mbox(messages: &[String]) -> String {
    messages
        .iter()
        .map(|m| {
            let quoted = m.replace("\n>From ", "\n>>From ");
            format!("From ann@example.org Tue Aug  6 08:00:00 2024\n{quoted}\n")
        })
        .collect()
}

#[test]
fn the_same_message_in_two_mailboxes_is_one_original_with_two_sources() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (m1, m2, m3) = (
        message("m1@x", "first", None),
        message("m2@x", "second", Some("m1@x")),
        message("m3@x", "third", Some("m2@x")),
    );
    let alice = dir.path().join("alice.mbox");
    let bob = dir.path().join("bob.mbox");
    fs::write(&alice, mbox(&[m1.clone(), m2.clone()])).expect("write");
    fs::write(&bob, mbox(&[m2.clone(), m3])).expect("write");
    let case = Case::new(dir.path());
    case.ingest(&[&alice], &["--custodian", "Alice"]);
    let (out, _) = case.ingest(&[&bob], &["--custodian", "Bob"]);
    assert_eq!(out["added"], 2, "bob's mbox and its one new message");
    assert_eq!(out["duplicates"], 1, "the shared message");

    let shared = case.doc_at(&format!("{}#offset=0", bob.display()));
    let doc = case.show(shared);
    assert_eq!(doc["title"], "second");
    assert_eq!(
        doc["text"], "Body of m2@x.\n>From the quoted line\n",
        "mboxrd quoting undone: the message reads as it was written"
    );
    let sources: Vec<(String, String)> = doc["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| {
            (
                s["path"].as_str().expect("path").to_owned(),
                s["custodian"].as_str().expect("custodian").to_owned(),
            )
        })
        .collect();
    let alice_offset = mbox(&[m1]).len();
    assert_eq!(
        sources,
        [
            (
                format!("{}#offset={alice_offset}", alice.display()),
                "Alice".into()
            ),
            (format!("{}#offset=0", bob.display()), "Bob".into()),
        ]
    );
    // Its parent stays the mailbox it was first found in.
    assert_eq!(doc["parent"], case.doc_at(&alice.display().to_string()));

    // The same in one run, and the same bytes saved as a file: still one original.
    let dir2 = tempfile::tempdir().expect("temp dir");
    let eml = dir2.path().join("second.eml");
    fs::write(&eml, &m2).expect("write");
    let case2 = Case::new(dir2.path());
    let (out, _) = case2.ingest(&[&eml, &alice, &bob], &[]);
    assert_eq!(out["added"], 5, "the eml, two mboxes, m1 and m3");
    assert_eq!(out["duplicates"], 2);
    let doc = case2.show(case2.doc_at(&eml.display().to_string()));
    assert_eq!(doc["sources"].as_array().expect("sources").len(), 3);
}

#[test]
fn a_truncated_mbox_and_a_malformed_message_keep_what_could_be_read_with_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let whole = message("w@x", "whole", None);
    let cut = "From: Ann <ann@example.org>\nSubject: cut short\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nthe first half of a sen";
    let path = dir.path().join("damaged.mbox");
    fs::write(
        &path,
        format!("{}From x Tue Aug  6 08:00:00 2024\n{cut}", mbox(&[whole])),
    )
    .expect("write");
    let case = Case::new(dir.path());
    let (out, _) = case.ingest(&[&path], &[]);
    assert_eq!(out["failed"], serde_json::json!([]));
    let mailbox = case.show(case.doc_at(&path.display().to_string()));
    let children = mailbox["children"].as_array().expect("children");
    assert_eq!(children.len(), 2, "the truncated message is not lost");
    let last = case.show(children[1].as_i64().expect("id"));
    assert_eq!(last["status"], "ok");
    assert_eq!(last["title"], "cut short");
    assert!(
        last["text"]
            .as_str()
            .expect("text")
            .contains("the first half")
    );
    let detail = last["status_detail"].as_str().expect("a warning");
    assert!(detail.contains("truncated"), "{detail}");
}

#[test]
fn the_thread_view_lists_every_message_with_its_parent_and_refuses_other_documents() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("mail");
    fs::create_dir_all(&folder).expect("mkdir");
    // Out of order on disk, one reply to a message that is missing, one unrelated.
    fs::write(
        folder.join("1.eml"),
        message("c@x", "Re: Re: plan", Some("b@x")),
    )
    .expect("w");
    fs::write(folder.join("2.eml"), message("a@x", "plan", None)).expect("w");
    fs::write(
        folder.join("3.eml"),
        message("b@x", "Re: plan", Some("a@x")),
    )
    .expect("w");
    fs::write(folder.join("4.eml"), message("z@x", "plan", None)).expect("w");
    fs::write(folder.join("notes.txt"), "not mail").expect("w");
    let case = Case::new(dir.path());
    case.ingest(&[&folder], &[]);
    let id = |f: &str| case.doc_at(&folder.join(f).display().to_string());
    let t = json(&[&"thread", &case.path, &id("1.eml").to_string()]);
    assert_eq!(t["root"], id("2.eml"));
    let messages = t["messages"].as_array().expect("messages");
    let shape: Vec<(i64, Option<i64>)> = messages
        .iter()
        .map(|m| (m["id"].as_i64().expect("id"), m["parent"].as_i64()))
        .collect();
    assert_eq!(shape.len(), 3, "the unrelated 'plan' is not in this thread");
    assert!(shape.contains(&(id("2.eml"), None)));
    assert!(shape.contains(&(id("3.eml"), Some(id("2.eml")))));
    assert!(shape.contains(&(id("1.eml"), Some(id("3.eml")))));
    let first = messages
        .iter()
        .find(|m| m["id"] == id("2.eml"))
        .expect("the root is listed");
    assert_eq!(first["subject"], "plan");
    assert_eq!(first["date"], "2024-08-06T08:00:00Z");
    assert_eq!(first["from"], "Ann <ann@example.org>");

    let out = crate::common::command()
        .args([
            "thread",
            &case.path.display().to_string(),
            &id("notes.txt").to_string(),
            "--json",
        ])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an email"));
}

#[test]
fn a_pdf_attachment_goes_through_the_registry_and_keeps_its_parent_link() {
    let Some(eml) =
        dossier_tests::corpus_path("emails/spamassassin/spam/extracttext/gtube_pdf.eml")
    else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = Case::new(dir.path());
    case.ingest(&[&eml], &[]);
    let message = case.show(case.doc_at(&eml.display().to_string()));
    let pdf = case.show(case.doc_at(&format!("{}#attachment=1/gtube.pdf", eml.display())));
    assert_eq!(pdf["parent"], message["id"]);
    assert_eq!(message["children"], serde_json::json!([pdf["id"]]));
    assert_eq!(
        pdf["extractor"], "pdf@2",
        "the PDF extractor outbids the rest"
    );
    // Searchable text whenever the PDF extractor can run here (its worker process must have
    // been built beside the binary).
    if pdf["status"] == "ok" {
        assert!(pdf["text"].as_str().expect("text").contains("GTUBE"));
        let hits = json(&[&"search", &case.path, &"GTUBE"]);
        assert!(
            hits["hits"]
                .as_array()
                .expect("hits")
                .iter()
                .any(|h| h["doc"] == pdf["id"]),
            "{hits}"
        );
    }
}
