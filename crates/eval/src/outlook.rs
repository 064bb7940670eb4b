//! Outlook `.msg` fields against extract_msg's reading of the same files
//! (`outlook/expected/NAME.msg.json`): subject, sender, To, Cc, Bcc, date and attachment
//! names, each a field that agrees or not; the score is the share that agree.
//!
//! Addresses are compared as a set of mailboxes (lowercased), or of display names where a
//! field has no address: extract_msg writes recipients from the recipient table with
//! commas in names turned into semicolons (`"Wilson; Chris" <…>`) and Dossier writes them
//! as the headers have them; both name the same mailboxes. Dates agree to the second in
//! UTC. A file extract_msg rejects agrees when Dossier rejects it too.
//!
//! `.pst` stores: the items per folder (the `folder` Dossier gives each) against readpst's
//! own export (`expected/NAME.pst.json` `folders`, folders with items) and, for context,
//! libpff's count of messages (`pypff.total_messages`), which also counts items readpst skips.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;

use dossier_extract::{Extraction, Hints, Probe, Registry};

/// One field's verdict on one file.
struct Field {
    name: &'static str,
    expected: String,
    got: String,
}

pub fn run(corpus: &Path, verbose: bool) -> Result<f64> {
    let dir = corpus.join("outlook");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .with_context(|| dir.display().to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "msg"))
        .collect();
    files.sort();
    let registry = Registry::standard();
    let (mut agree, mut total) = (0usize, 0usize);
    println!(
        "outlook .msg fields vs extract_msg 0.57 ({} files)",
        files.len()
    );
    for path in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let expected_path = dir.join("expected").join(format!("{name}.json"));
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(&expected_path)
                .with_context(|| expected_path.display().to_string())?,
        )?;
        let bytes = std::fs::read(path)?;
        let hints = Hints {
            file_name: Some(name.to_owned()),
            ..Hints::default()
        };
        let extraction = registry
            .choose(&Probe::named(name, &bytes))
            .map(|x| dossier_extract::extract(x, &bytes, &hints));
        let fields = match (&extraction, expected["status"].as_str()) {
            (Some(Ok(x)), Some("ok")) => compare(&expected, x),
            (Some(Err(_)) | None, Some("error")) => vec![],
            (got, _) => vec![Field {
                name: "status",
                expected: expected["status"].as_str().unwrap_or("?").to_owned(),
                got: match got {
                    Some(Ok(_)) => "ok".into(),
                    Some(Err(e)) => e.to_string(),
                    None => "no extractor".into(),
                },
            }],
        };
        let file_total = fields.len().max(1);
        let wrong: Vec<&Field> = fields.iter().filter(|f| f.expected != f.got).collect();
        total += file_total;
        agree += file_total - wrong.len();
        println!("  {name:<52} {}/{}", file_total - wrong.len(), file_total);
        if verbose || !wrong.is_empty() {
            for f in wrong {
                println!(
                    "      {}: expected {:?}, got {:?}",
                    f.name, f.expected, f.got
                );
            }
        }
    }
    let score = agree as f64 / total.max(1) as f64;
    println!("fields agreeing: {agree}/{total} = {score:.4} (goal 0.98)");
    println!();
    pst_counts(&dir, &registry)?;
    Ok(score)
}

/// Items per folder of every `.pst` against readpst's export and libpff's total.
fn pst_counts(dir: &Path, registry: &Registry) -> Result<()> {
    let mut stores: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pst"))
        .collect();
    stores.sort();
    println!("outlook .pst items per folder vs readpst 0.6.76 (and libpff's message total)");
    let mut exact = 0;
    for path in &stores {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let expected_path = dir.join("expected").join(format!("{name}.json"));
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(&expected_path)
                .with_context(|| expected_path.display().to_string())?,
        )?;
        let want: BTreeMap<String, u64> = expected["folders"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| Some((f["folder"].as_str()?.to_owned(), f["item_count"].as_u64()?)))
            .filter(|(_, n)| *n > 0)
            .collect();
        let bytes = std::fs::read(path)?;
        let container = registry
            .choose_container(&Probe::named(name, &bytes))
            .with_context(|| format!("{name}: no container bids"))?;
        let mut got: BTreeMap<String, u64> = BTreeMap::new();
        for child in container.split(Box::new(std::io::Cursor::new(bytes))) {
            let child = child.with_context(|| name.to_owned())?;
            *got.entry(child.meta.get("folder").cloned().unwrap_or_default())
                .or_default() += 1;
        }
        let same = want == got;
        exact += usize::from(same);
        println!(
            "  {name:<32} {} items: {:?}{}; libpff messages: {}",
            got.values().sum::<u64>(),
            got,
            if same { "" } else { " MISMATCH" },
            expected["pypff"]["total_messages"]
        );
        if !same {
            println!("      readpst: {want:?}");
        }
    }
    println!(
        "stores whose counts per folder equal readpst's: {exact}/{}",
        stores.len()
    );
    Ok(())
}

fn compare(expected: &Value, got: &Extraction) -> Vec<Field> {
    let text = |v: &Value| v.as_str().unwrap_or("").trim().to_owned();
    let meta = |key: &str| got.meta.get(key).cloned().unwrap_or_default();
    let mut fields = vec![Field {
        name: "subject",
        expected: squash(&text(&expected["subject"])),
        got: squash(got.title.as_deref().unwrap_or("")),
    }];
    let lines = |key: &str| -> Vec<String> { meta(key).lines().map(str::to_owned).collect() };
    for (key, expected_entries) in [
        ("sender", vec![text(&expected["sender"])]),
        ("to", split_list(&text(&expected["to"]))),
        ("cc", split_list(&text(&expected["cc"]))),
        ("bcc", split_list(&text(&expected["bcc"]))),
    ] {
        let got_entries = lines(if key == "sender" { "from" } else { key });
        let agree = same_mailboxes(&expected_entries, &got_entries);
        fields.push(Field {
            name: key,
            expected: expected_entries.join(" | "),
            got: if agree {
                expected_entries.join(" | ")
            } else {
                got_entries.join(" | ")
            },
        });
    }
    fields.push(Field {
        name: "date",
        expected: text(&expected["date"]).get(..19).unwrap_or("").to_owned(),
        got: got
            .doc_date
            .as_deref()
            .and_then(|d| d.get(..19))
            .unwrap_or("")
            .to_owned(),
    });
    let expected_names: Vec<String> = expected["attachments"]
        .as_array()
        .map(|a| a.iter().map(|x| text(&x["name"])).collect())
        .unwrap_or_default();
    let got_names: Vec<String> = got
        .children
        .iter()
        .map(|c| c.name.clone().unwrap_or_default())
        .collect();
    fields.push(Field {
        name: "attachments",
        expected: expected_names.join(" | "),
        got: got_names.join(" | "),
    });
    fields
}

/// Whitespace runs as one space.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// extract_msg's list of recipients: `A <a@x>, "B, C" <b@x>`, split after each `>`
/// (names may hold commas); a list without brackets is one entry.
fn split_list(s: &str) -> Vec<String> {
    if !s.contains('>') {
        return (!s.trim().is_empty())
            .then(|| s.to_owned())
            .into_iter()
            .collect();
    }
    s.split_inclusive('>')
        .map(|e| e.trim_start_matches([',', ';', ' ']).to_owned())
        .filter(|e| !e.trim().is_empty())
        .collect()
}

/// A mailbox: its address lowercased, and its display name with quotes and punctuation
/// dropped.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Mailbox {
    address: String,
    name: String,
}

fn mailbox(entry: &str) -> Option<Mailbox> {
    let entry = entry.trim();
    let (name, address) = match entry.rfind('<') {
        Some(open) if entry.ends_with('>') => (&entry[..open], &entry[open + 1..entry.len() - 1]),
        _ if entry.contains('@') && !entry.contains(' ') => ("", entry),
        _ => (entry, ""),
    };
    let address = address.trim();
    let address = if address == "None" { "" } else { address }.to_lowercase();
    let name: String = name
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect();
    let name = squash(&name).to_lowercase();
    (!address.is_empty() || !name.is_empty()).then_some(Mailbox { address, name })
}

/// Whether two lists name the same mailboxes: as many, each expected one matched by
/// address where both have one, else by display name (extract_msg writes a sender without
/// its address when the headers name none).
fn same_mailboxes(expected: &[String], got: &[String]) -> bool {
    let expected: BTreeSet<Mailbox> = expected.iter().filter_map(|e| mailbox(e)).collect();
    let got: BTreeSet<Mailbox> = got.iter().filter_map(|e| mailbox(e)).collect();
    expected.len() == got.len()
        && expected.iter().all(|e| {
            got.iter().any(|g| {
                if !e.address.is_empty() && !g.address.is_empty() {
                    e.address == g.address
                } else {
                    !e.name.is_empty() && e.name == g.name
                }
            })
        })
}
