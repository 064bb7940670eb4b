//! Exhibits: numbers with a prefix (`PX-0001`), Bates numbers over pages
//! (`DOSS000001`), the exhibit list as CSV and JSON-ready rows, and the Concordance DAT
//! load file.

use crate::csv;

/// The exhibit prefix used when none is given (plaintiff's exhibit).
pub const DEFAULT_PREFIX: &str = "PX";
/// The Bates prefix used when none is given.
pub const DEFAULT_BATES_PREFIX: &str = "DOSS";

/// The DAT field delimiter: ASCII 20 (DC4), shown as ¶ by Concordance.
pub const DAT_DELIMITER: char = '\u{14}';
/// The DAT text qualifier: þ (thorn, U+00FE).
pub const DAT_QUALIFIER: char = '\u{FE}';
/// What a line break inside a DAT field becomes: ® (U+00AE), Concordance's newline.
pub const DAT_NEWLINE: char = '\u{AE}';

/// An exhibit number: prefix and sequence, printed `PX-0001`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExhibitNumber {
    /// Letters before the dash: `PX`, `DX`, `JX`.
    pub prefix: String,
    /// The number after it, from 1.
    pub n: u32,
}

impl ExhibitNumber {
    /// Reads `PX-0001` (any letters, a dash, digits); a bare number takes the default prefix.
    pub fn parse(s: &str) -> Result<ExhibitNumber, String> {
        let s = s.trim();
        let (prefix, digits) = s.rsplit_once('-').unwrap_or((DEFAULT_PREFIX, s));
        let valid_prefix = !prefix.is_empty()
            && prefix.len() <= 8
            && prefix.chars().all(|c| c.is_ascii_alphanumeric());
        let n: Option<u32> = digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())
            .flatten();
        match (valid_prefix, n) {
            (true, Some(n)) if n > 0 => Ok(ExhibitNumber {
                prefix: prefix.to_ascii_uppercase(),
                n,
            }),
            _ => Err(format!(
                "{s:?} is not an exhibit number; use a prefix, a dash and a number, e.g. PX-0001"
            )),
        }
    }
}

impl std::fmt::Display for ExhibitNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{:04}", self.prefix, self.n)
    }
}

/// A Bates number: prefix and six digits, `DOSS000001`.
pub fn bates(prefix: &str, n: u64) -> String {
    format!("{prefix}{n:06}")
}

/// One exhibit in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExhibitRow {
    /// `PX-0001`.
    pub number: String,
    /// First Bates number.
    pub bates_begin: String,
    /// Last Bates number.
    pub bates_end: String,
    /// Pages stamped.
    pub pages: u64,
    /// The document's id.
    pub doc: i64,
    /// Its title.
    pub title: Option<String>,
    /// Its own date.
    pub date: Option<String>,
    /// SHA-256 of the original.
    pub sha256: String,
    /// Designation: who offers it, for what (free text).
    pub designation: Option<String>,
    /// Events whose citations of it support them, as `id: title`.
    pub events: Vec<String>,
    /// When it was withdrawn; `None` while it stands.
    pub withdrawn: Option<String>,
}

/// A document's or an exhibit's date as every export writes it: the ISO 8601 day
/// (`2024-09-18` from `2024-09-18T10:00:00Z`), or the year or month when that is all it
/// says; text that is no ISO date is kept as it is rather than lost.
pub fn export_date(raw: &str) -> String {
    let raw = raw.trim();
    dossier_dates::parse_date_time(raw)
        .or_else(|_| dossier_dates::parse_date_time(raw.get(..10).unwrap_or(raw)))
        .map_or_else(|_| raw.to_owned(), |(d, _)| d.to_string())
}

/// The exhibit list's columns. A withdrawn exhibit keeps its row (its number and Bates
/// range are never reused), with the day it was withdrawn.
pub const LIST_COLUMNS: [&str; 11] = [
    "Exhibit",
    "Bates Begin",
    "Bates End",
    "Pages",
    "Document",
    "Title",
    "Date",
    "SHA-256",
    "Designation",
    "Events",
    "Withdrawn",
];

fn cells(r: &ExhibitRow) -> Vec<String> {
    vec![
        r.number.clone(),
        r.bates_begin.clone(),
        r.bates_end.clone(),
        r.pages.to_string(),
        r.doc.to_string(),
        r.title.clone().unwrap_or_default(),
        r.date.as_deref().map(export_date).unwrap_or_default(),
        r.sha256.clone(),
        r.designation.clone().unwrap_or_default(),
        r.events.join("; "),
        r.withdrawn.as_deref().map(export_date).unwrap_or_default(),
    ]
}

/// The exhibit list as CSV, withdrawn exhibits included and marked.
pub fn list_csv(rows: &[ExhibitRow]) -> String {
    let header = LIST_COLUMNS.iter().map(|s| s.to_string()).collect();
    csv::write(std::iter::once(header).chain(rows.iter().map(cells)))
}

/// The DAT load file's fields.
pub const DAT_FIELDS: [&str; 10] = [
    "BEGBATES",
    "ENDBATES",
    "EXHIBIT",
    "PAGECOUNT",
    "DOCID",
    "TITLE",
    "DOCDATE",
    "SHA256",
    "DESIGNATION",
    "EVENTS",
];

fn dat_field(s: &str) -> String {
    // Review tools open load files as spreadsheets too: a formula stays text.
    let s = csv::inert(s);
    // The qualifier cannot be escaped in a DAT file; a thorn in a value becomes a
    // lookalike (Latin capital thorn) rather than ending the field early.
    let s: String = s
        .replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\n' | '\r' => DAT_NEWLINE,
            DAT_QUALIFIER => '\u{DE}',
            DAT_DELIMITER => ' ',
            c => c,
        })
        .collect();
    format!("{DAT_QUALIFIER}{s}{DAT_QUALIFIER}")
}

/// A Concordance DAT load file: UTF-8 with a byte-order mark, a header line of field
/// names, one line per exhibit; every field qualified with þ, fields separated by ASCII
/// 20, lines ended with CRLF, line breaks inside fields written as ®.
pub fn dat(rows: &[ExhibitRow]) -> String {
    let line = |fields: Vec<String>| {
        fields
            .iter()
            .map(|f| dat_field(f))
            .collect::<Vec<_>>()
            .join(&DAT_DELIMITER.to_string())
            + "\r\n"
    };
    let mut out = String::from("\u{FEFF}");
    out += &line(DAT_FIELDS.iter().map(|s| s.to_string()).collect());
    for r in rows {
        let c = cells(r);
        // Same values as the list, in the DAT's field order.
        out += &line(vec![
            c[1].clone(),
            c[2].clone(),
            c[0].clone(),
            c[3].clone(),
            c[4].clone(),
            c[5].clone(),
            c[6].clone(),
            c[7].clone(),
            c[8].clone(),
            c[9].clone(),
        ]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> ExhibitRow {
        ExhibitRow {
            number: "PX-0001".into(),
            bates_begin: bates("DOSS", 1),
            bates_end: bates("DOSS", 3),
            pages: 3,
            doc: 4,
            title: Some("Privacy þ policy\nv2".into()),
            date: Some("2024-09-18".into()),
            sha256: "ab".repeat(32),
            designation: Some("Plaintiff".into()),
            events: vec!["1: Policy edited".into()],
            withdrawn: None,
        }
    }

    #[test]
    fn exhibit_numbers_read_and_print_with_their_prefix() {
        assert_eq!(
            ExhibitNumber::parse("PX-0007").map(|n| n.to_string()),
            Ok("PX-0007".into())
        );
        assert_eq!(
            ExhibitNumber::parse("dx-12").map(|n| n.to_string()),
            Ok("DX-0012".into())
        );
        assert_eq!(
            ExhibitNumber::parse("3").map(|n| n.to_string()),
            Ok("PX-0003".into())
        );
        assert!(ExhibitNumber::parse("PX-").is_err());
        assert!(ExhibitNumber::parse("PX-0000").is_err());
        assert!(ExhibitNumber::parse("P X-1").is_err());
        assert_eq!(bates("DOSS", 42), "DOSS000042");
    }

    #[test]
    fn the_dat_file_uses_thorn_and_ascii_20() {
        let text = dat(&[row()]);
        assert!(text.starts_with('\u{FEFF}'));
        let lines: Vec<&str> = text.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(lines.len(), 3, "header, one row, and the final empty split");
        assert_eq!(
            lines[0],
            "þBEGBATESþ\u{14}þENDBATESþ\u{14}þEXHIBITþ\u{14}þPAGECOUNTþ\u{14}þDOCIDþ\u{14}þTITLEþ\u{14}þDOCDATEþ\u{14}þSHA256þ\u{14}þDESIGNATIONþ\u{14}þEVENTSþ"
        );
        let fields: Vec<&str> = lines[1].split('\u{14}').collect();
        assert_eq!(fields.len(), DAT_FIELDS.len());
        assert_eq!(fields[0], "þDOSS000001þ");
        assert_eq!(fields[2], "þPX-0001þ");
        assert_eq!(
            fields[5], "þPrivacy \u{DE} policy®v2þ",
            "no stray qualifier, no raw newline"
        );
    }

    #[test]
    fn the_list_csv_ties_exhibits_to_events() {
        let rows = csv::read(&list_csv(&[row()])).expect("csv");
        assert_eq!(rows[0], LIST_COLUMNS);
        assert_eq!(rows[1][0], "PX-0001");
        assert_eq!(rows[1][9], "1: Policy edited");
        assert_eq!(rows[1][10], "", "a standing exhibit");
    }

    #[test]
    fn the_list_marks_withdrawn_exhibits_and_writes_every_date_as_iso() {
        let withdrawn = ExhibitRow {
            number: "PX-0002".into(),
            date: Some("2024-08-15T10:00:00Z".into()),
            withdrawn: Some("2026-12-08T01:02:03Z".into()),
            ..row()
        };
        let rows = csv::read(&list_csv(&[row(), withdrawn])).expect("csv");
        assert_eq!(rows[2][0], "PX-0002");
        assert_eq!(
            rows[2][6], "2024-08-15",
            "the day, as every export writes it"
        );
        assert_eq!(rows[2][10], "2026-12-08");
        assert_eq!(export_date("2024-08"), "2024-08");
        assert_eq!(export_date("not a date"), "not a date");
    }
}
