//! `dossier produce` and `dossier verify-production` on the sample matter: stamped pages an
//! independent reader finds, load files an independent parser reads, the same bytes when
//! produced again, a slip-sheet and a privilege-log line for a withheld document, and a
//! manifest that names a changed file.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{fails, json, json_exiting, new_case};
use serde_json::Value;

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/sources")
}

/// The sample matter ingested, the intake memo tagged `Privileged`; returns the case and
/// the ids of every document in id order.
fn sample_case(dir: &Path) -> (PathBuf, Vec<i64>, i64) {
    let case = new_case(dir, "case");
    json(&[&"ingest", &case, &samples()]);
    let docs = json(&[&"docs", &case]);
    let list = docs.as_array().expect("a list");
    let ids: Vec<i64> = list.iter().map(|d| d["id"].as_i64().expect("id")).collect();
    let memo = list
        .iter()
        .find(|d| {
            d["title"]
                .as_str()
                .is_some_and(|t| t.to_lowercase().contains("intake"))
        })
        .unwrap_or_else(|| panic!("the intake memo among {docs}"))["id"]
        .as_i64()
        .expect("id");
    json(&[&"tag", &case, &memo.to_string(), &"Privileged"]);
    (case, ids, memo)
}

fn tool(name: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args([pdf.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every file of a folder, relative path and bytes, sorted.
fn files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("list") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(root).expect("inside").display().to_string();
                out.push((rel, std::fs::read(&p).expect("read")));
            }
        }
    }
    out.sort();
    out
}

fn produce(case: &Path, out: &Path, ids: &[i64]) -> Value {
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    json(&[
        &"produce",
        &case,
        &out,
        &"--prefix",
        &"ABC",
        &"--start",
        &"1",
        &"--docs",
        &list.join(","),
        &"--withhold-tag",
        &"Privileged",
        &"--legend",
        &"CONFIDENTIAL",
    ])
}

#[test]
fn a_production_of_the_sample_matter_is_stamped_numbered_logged_and_reproducible() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (case, ids, memo) = sample_case(dir.path());
    let out = dir.path().join("prod1");
    let summary = produce(&case, &out, &ids);
    assert_eq!(summary["documents"], ids.len() as u64);
    assert_eq!(summary["withheld"], 1);
    assert_eq!(summary["first"], "ABC000001");
    let pages = summary["pages"].as_u64().expect("pages");
    assert!(
        pages >= ids.len() as u64 + 10,
        "the 9-page complaint and 3-page notice count every page: {summary}"
    );
    assert_eq!(summary["last"], format!("ABC{pages:06}"));

    // The DAT, read by Python's csv module with Concordance's delimiters.
    let dat = out.join("DATA/production.dat");
    let opt = out.join("DATA/production.opt");
    let script = r#"
import csv, json, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f, delimiter="\x14", quotechar="\xfe"))
with open(sys.argv[2], newline="") as f:
    opt = list(csv.reader(f))
print(json.dumps({"dat": rows, "opt": opt}))
"#;
    let parsed = Command::new("python3")
        .args(["-c", script])
        .arg(&dat)
        .arg(&opt)
        .output()
        .expect("python3 runs");
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    let parsed: Value = serde_json::from_slice(&parsed.stdout).expect("json");
    let dat_rows = parsed["dat"].as_array().expect("rows");
    assert_eq!(dat_rows[0][0], "BEGBATES");
    assert_eq!(dat_rows[0].as_array().expect("header").len(), 14);
    assert_eq!(dat_rows.len(), ids.len() + 1);
    let opt_rows = parsed["opt"].as_array().expect("rows");
    assert_eq!(opt_rows.len() as u64, pages, "one OPT line per page");

    // Each DAT range agrees with the OPT and with the stamps pdftotext reads on the pages.
    let mut next = 1;
    for row in &dat_rows[1..] {
        let begin = row[0].as_str().expect("begin");
        let end = row[1].as_str().expect("end");
        assert_eq!(begin, format!("ABC{next:06}"));
        let last: u64 = end[3..].parse().expect("number");
        let image = out.join("IMAGES").join(format!("{begin}.pdf"));
        assert!(image.exists(), "{}", image.display());
        let first_opt = &opt_rows[(next - 1) as usize];
        assert_eq!(first_opt[0], begin);
        assert_eq!(first_opt[3], "Y");
        assert_eq!(first_opt[6], (last - next + 1).to_string());
        if tool("pdftotext") {
            let text = pdftotext(&image);
            let stamped: Vec<&str> = text
                .split('\u{c}')
                .filter(|p| !p.trim().is_empty())
                .collect();
            assert_eq!(stamped.len() as u64, last - next + 1, "{begin}: pages");
            for (i, page) in stamped.iter().enumerate() {
                let n = next + i as u64;
                assert!(
                    page.contains(&format!("ABC{n:06}")),
                    "{begin} page {}: {page}",
                    i + 1
                );
                assert!(page.contains("CONFIDENTIAL"), "{begin} page {}", i + 1);
            }
        }
        if tool("qpdf") {
            let check = Command::new("qpdf")
                .arg("--check")
                .arg(&image)
                .output()
                .expect("qpdf runs");
            assert!(
                check.status.success(),
                "qpdf --check {}: {}",
                image.display(),
                String::from_utf8_lossy(&check.stdout)
            );
        }
        next = last + 1;
    }

    // The withheld memo: a slip-sheet at its place and a line of the privilege log.
    let memo_pos = ids.iter().position(|&i| i == memo).expect("memo") + 1;
    let memo_row = &dat_rows[memo_pos];
    assert_eq!(memo_row[0], memo_row[1], "a slip-sheet is one page");
    let slip = out
        .join("IMAGES")
        .join(format!("{}.pdf", memo_row[0].as_str().expect("bates")));
    if tool("pdftotext") {
        let text = pdftotext(&slip);
        assert!(text.contains("Withheld – Privileged"), "{text}");
        assert!(!text.to_lowercase().contains("intake call"), "{text}");
    }
    let log = std::fs::read_to_string(out.join("DATA/privilege_log.csv")).expect("log");
    assert!(log.starts_with("BATES,DATE,AUTHOR,RECIPIENTS,PRIVILEGE,DESCRIPTION\r\n"));
    assert!(log.contains(memo_row[0].as_str().expect("bates")) && log.contains(",Privileged,"));

    // The manifest checks; the same selection again gives the same bytes.
    let verified = json(&[&"verify-production", &out]);
    assert_eq!(verified["ok"], true, "{verified}");
    let again = dir.path().join("prod2");
    let summary2 = produce(&case, &again, &ids);
    assert_eq!(summary2, summary);
    assert!(files(&out) == files(&again), "a second production differs");

    // A changed file is named, and verify-production exits 1.
    let first = out.join("IMAGES/ABC000001.pdf");
    let mut bytes = std::fs::read(&first).expect("read");
    bytes.push(b'\n');
    std::fs::write(&first, bytes).expect("write");
    let (found, _) = json_exiting(&[&"verify-production", &out], 1);
    assert_eq!(found["ok"], false);
    assert!(
        found["problems"][0]
            .as_str()
            .is_some_and(|p| p.starts_with("IMAGES/ABC000001.pdf: changed")),
        "{found}"
    );
}

#[test]
fn numbering_continues_after_an_earlier_production_and_an_overlap_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (case, ids, _) = sample_case(dir.path());
    let memos: Vec<String> = ids[..2].iter().map(i64::to_string).collect();
    let one = json(&[
        &"produce",
        &case,
        &dir.path().join("p1"),
        &"--prefix",
        &"XYZ",
        &"--docs",
        &memos[0],
    ]);
    assert_eq!(one["first"], "XYZ000001");
    let next: u64 = one["last"].as_str().expect("last")[3..].parse().expect("n");
    let two = json(&[
        &"produce",
        &case,
        &dir.path().join("p2"),
        &"--prefix",
        &"XYZ",
        &"--docs",
        &memos[1],
    ]);
    assert_eq!(two["first"], format!("XYZ{:06}", next + 1));
    let refused = fails(&[
        &"produce",
        &case,
        &dir.path().join("p3"),
        &"--prefix",
        &"XYZ",
        &"--start",
        &"1",
        &"--docs",
        &memos[1],
    ]);
    assert!(refused.contains("were given to document"), "{refused}");
    let audit = json(&[&"audit", &case]);
    let produced = audit
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["action"] == "production.add")
        .count();
    assert_eq!(
        produced, 2,
        "each production is in the audit log, the refused one not"
    );
}

/// The id of the document whose title holds `words`.
fn titled(case: &Path, words: &str) -> String {
    let docs = json(&[&"docs", &case]);
    docs.as_array()
        .expect("list")
        .iter()
        .find(|d| {
            d["title"]
                .as_str()
                .is_some_and(|t| t.to_lowercase().contains(words))
        })
        .unwrap_or_else(|| panic!("a document titled {words} in {docs}"))["id"]
        .to_string()
}

#[test]
fn redacted_words_are_gone_from_the_produced_pages_and_the_words_around_them_stay() {
    if !tool("pdftotext") || !tool("pdftoppm") {
        eprintln!("SKIPPED: poppler-utils (pdftotext, pdftoppm) is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let (case, _, _) = sample_case(dir.path());
    let complaint = titled(&case, "complaint");
    let note = titled(&case, "research note");
    let by_quote = json(&[
        &"redact",
        &case,
        &complaint,
        &"--page",
        &"2",
        &"--quote",
        &"quietly introduced a privacy setting",
        &"--reason",
        &"PII",
    ]);
    assert_eq!(by_quote["page"], 2);
    // The court's stamp line at the top of page 3, by box.
    json(&[
        &"redact",
        &case,
        &complaint,
        &"--page",
        &"3",
        &"--box",
        &"0,20,612,30",
        &"--reason",
        &"Privileged",
    ]);
    json(&[
        &"redact",
        &case,
        &note,
        &"--page",
        &"1",
        &"--quote",
        &"statutory damages of $1,000 per person",
        &"--reason",
        &"Privileged",
    ]);
    // A quote that is not on the page is refused when it is made.
    let refused = fails(&[
        &"redact",
        &case,
        &complaint,
        &"--page",
        &"1",
        &"--quote",
        &"quietly introduced",
        &"--reason",
        &"PII",
    ]);
    assert!(refused.contains("is not on page 1"), "{refused}");

    let out = dir.path().join("prod");
    let summary = json(&[
        &"produce",
        &case,
        &out,
        &"--prefix",
        &"RED",
        &"--docs",
        &format!("{complaint},{note}"),
    ]);
    assert_eq!(summary["first"], "RED000001");
    let pdf = out.join("IMAGES/RED000001.pdf");
    let page = |n: u32| {
        let out = Command::new("pdftotext")
            .args(["-f", &n.to_string(), "-l", &n.to_string()])
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let two = page(2);
    assert!(
        !two.contains("quietly") && !two.contains("introduced"),
        "{two}"
    );
    assert!(
        two.contains("August") && two.contains("Linkwise") && two.contains("called"),
        "{two}"
    );
    assert!(
        two.contains("RED000002"),
        "the redacted page is stamped: {two}"
    );
    let three = page(3);
    assert!(!three.contains("3:24-cv-06712"), "{three}");
    assert!(
        three.contains("Linkwise") && three.contains("RED000003"),
        "{three}"
    );
    assert!(
        page(1).contains("3:24-cv-06712"),
        "an unredacted page keeps its words"
    );
    let check = Command::new("qpdf").arg("--check").arg(&pdf).output();
    if let Ok(check) = check {
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
    // The TEXT files hold the redacted text too, and the log lists each redaction.
    let text = std::fs::read_to_string(out.join("TEXT/RED000001.txt")).expect("text");
    assert!(!text.contains("quietly introduced") && text.contains("Linkwise"));
    let note_pdf = std::fs::read_dir(out.join("IMAGES"))
        .expect("images")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| !p.ends_with("RED000001.pdf"))
        .expect("the note's PDF");
    let note_text = pdftotext(&note_pdf);
    assert!(!note_text.contains("$1,000"), "{note_text}");
    assert!(
        note_text.contains("[REDACTED: Privileged]") && note_text.contains("Stored Communications")
    );
    let log = std::fs::read_to_string(out.join("DATA/redaction_log.csv")).expect("log");
    assert_eq!(
        log.lines().count(),
        4,
        "a header and three redactions: {log}"
    );
    assert!(
        !log.contains("quietly"),
        "the log never repeats the redacted words"
    );

    // Undo takes the last redaction back; a new production has the note's words again.
    json(&[&"undo", &case]);
    assert_eq!(
        json(&[&"redactions", &case]).as_array().map(Vec::len),
        Some(2)
    );
    let out2 = dir.path().join("prod2");
    json(&[
        &"produce",
        &case,
        &out2,
        &"--prefix",
        &"RED",
        &"--start",
        &"100",
        &"--docs",
        &note,
    ]);
    assert!(pdftotext(&out2.join("IMAGES/RED000100.pdf")).contains("$1,000"));
    let verified = json(&[&"verify", &case]);
    assert_eq!(verified["ok"], true, "{verified}");
}

#[test]
fn a_spreadsheet_is_also_produced_natively_when_asked_and_the_stamp_can_stand_at_the_top() {
    let Some(sheet) = dossier_tests::corpus_path("office/calamine_inventory-table.xlsx") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path(), "case");
    json(&[&"ingest", &case, &sheet]);
    let out = dir.path().join("prod");
    let summary = json(&[
        &"produce",
        &case,
        &out,
        &"--prefix",
        &"NAT",
        &"--docs",
        &"1",
        &"--natives",
        &"--stamp-position",
        &"top-left",
        &"--legend",
        &"CONFIDENTIAL",
    ]);
    assert_eq!(summary["first"], "NAT000001");
    let native = out.join("NATIVES/NAT000001.xlsx");
    assert_eq!(
        std::fs::read(&native).expect("the native copy"),
        std::fs::read(&sheet).expect("the original"),
    );
    let dat = std::fs::read_to_string(out.join("DATA/production.dat")).expect("dat");
    assert!(dat.contains("\u{fe}NATIVES\\NAT000001.xlsx\u{fe}"), "{dat}");
    assert_eq!(json(&[&"verify-production", &out])["ok"], true);
    if tool("pdftotext") {
        // -layout keeps the stamp's place: the top line starts with the Bates number.
        let layout = Command::new("pdftotext")
            .args(["-layout", "-f", "1", "-l", "1"])
            .arg(out.join("IMAGES/NAT000001.pdf"))
            .arg("-")
            .output()
            .expect("pdftotext");
        let text = String::from_utf8_lossy(&layout.stdout).into_owned();
        let top = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or_default();
        assert!(top.trim_start().starts_with("NAT000001"), "{text}");
        assert!(top.trim_end().ends_with("CONFIDENTIAL"), "{text}");
    }
    let bad = fails(&[
        &"produce",
        &case,
        &dir.path().join("p2"),
        &"--prefix",
        &"NAT",
        &"--docs",
        &"1",
        &"--stamp-position",
        &"middle",
    ]);
    assert!(bad.contains("top-left"), "{bad}");
}
