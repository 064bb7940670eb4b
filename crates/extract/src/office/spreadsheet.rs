//! Spreadsheets (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`), read by calamine.
//!
//! Each sheet is a page: a `# Sheet: NAME` line (so sheet names are searchable), then one
//! line per row of its used range, cells separated by tabs, trailing empty cells and rows
//! dropped. Formulas give their cached values; integral numbers print as integers, dates
//! as `YYYY-MM-DD HH:MM:SS` (a time alone as `HH:MM:SS`), booleans as TRUE/FALSE, errors
//! as Excel writes them (`#DIV/0!`). A tab or line break inside a cell becomes a space,
//! so a row stays one line. Hidden and very hidden sheets are listed in the metadata.
//! A password-protected workbook is reported as needing a password.

use std::io::Cursor;

use calamine::{
    Data, Ods, Reader, SheetType, SheetVisible, Xls, Xlsb, Xlsx, open_workbook_from_rs,
};

use super::package::{OLE_MAGIC, Package, relationships};
use super::xml::Step;
use crate::{ExtractError, Extraction, Extractor, Hints, Probe};

/// Reads spreadsheets.
#[derive(Debug, Default, Clone, Copy)]
pub struct SpreadsheetExtractor;

const FORMAT: &str = "spreadsheet";
const SHEET_EXTENSIONS: &[&str] = &[
    "xlsx", "xlsm", "xltx", "xltm", "xlam", "xlsb", "xls", "xla", "xlt", "ods", "ots",
];

impl Extractor for SpreadsheetExtractor {
    fn name(&self) -> &'static str {
        "spreadsheet"
    }
    fn version(&self) -> u32 {
        1
    }
    fn bid(&self, probe: &Probe<'_>) -> u8 {
        let named = probe
            .extension()
            .is_some_and(|e| SHEET_EXTENSIONS.contains(&e.as_str()));
        let zip = probe.head.starts_with(b"PK\x03\x04");
        let ole = probe.head.starts_with(OLE_MAGIC);
        let find = |m: &[u8]| memchr::memmem::find(probe.head, m).is_some();
        if named && (zip || ole) {
            90
        } else if zip && (find(b"xl/") || find(b"opendocument.spreadsheet")) {
            60
        } else if named && !probe.head.is_empty() {
            40
        } else {
            0
        }
    }
    fn extract(&self, bytes: &[u8], hints: &Hints) -> Result<Extraction, ExtractError> {
        let ext = hints
            .file_name
            .as_deref()
            .and_then(|n| n.rsplit_once('.'))
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let cursor = Cursor::new(bytes);
        let (sheets, media_type) = if bytes.starts_with(OLE_MAGIC) {
            if ext.starts_with("xlsx") || matches!(ext.as_str(), "xlsm" | "xlsb" | "xltx") {
                return Err(ExtractError::NeedsPassword {
                    reason: "this workbook is encrypted (Office password protection); Dossier cannot decrypt Office encryption yet, so the original is kept without text".into(),
                });
            }
            let book: Xls<_> = open_workbook_from_rs(cursor).map_err(|e| failure(&e))?;
            (read_book(book)?, "application/vnd.ms-excel")
        } else if !bytes.starts_with(b"PK") {
            return Err(ExtractError::Malformed {
                format: FORMAT,
                reason: "neither a zip package (.xlsx, .ods) nor an OLE2 file (.xls)".into(),
            });
        } else if memchr::memmem::find(bytes, b"xl/workbook.bin").is_some() {
            let book: Xlsb<_> = open_workbook_from_rs(cursor).map_err(|e| failure(&e))?;
            (
                read_book(book)?,
                "application/vnd.ms-excel.sheet.binary.macroEnabled.12",
            )
        } else if memchr::memmem::find(bytes, b"xl/workbook.xml").is_some() || ext.starts_with("xl")
        {
            let book: Xlsx<_> = open_workbook_from_rs(cursor).map_err(|e| failure(&e))?;
            (
                read_book(book)?,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        } else {
            let book: Ods<_> = open_workbook_from_rs(cursor).map_err(|e| failure(&e))?;
            (
                read_book(book)?,
                "application/vnd.oasis.opendocument.spreadsheet",
            )
        };
        let mut x = Extraction {
            kind: "spreadsheet".into(),
            media_type: media_type.into(),
            ..Extraction::default()
        };
        if media_type.contains("spreadsheetml") {
            // calamine does not say which rows and columns are hidden: read from the XML.
            let (rows, columns) = hidden_rows_and_columns(bytes);
            if !rows.is_empty() {
                x.meta.insert("hidden_rows".into(), rows.join("\n"));
            }
            if !columns.is_empty() {
                x.meta.insert("hidden_columns".into(), columns.join("\n"));
            }
        }
        let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
        x.meta.insert("sheets".into(), names.join("\n"));
        let hidden: Vec<&str> = sheets
            .iter()
            .filter(|s| s.hidden)
            .map(|s| s.name.as_str())
            .collect();
        if !hidden.is_empty() {
            x.meta.insert("hidden_sheets".into(), hidden.join("\n"));
        }
        x.warnings = sheets.iter().filter_map(|s| s.warning.clone()).collect();
        x.pages = sheets.into_iter().map(|s| s.text).collect();
        x.text = x.pages.join("\n");
        Ok(x)
    }
}

/// One sheet as read.
struct SheetText {
    name: String,
    hidden: bool,
    text: String,
    warning: Option<String>,
}

fn read_book<RS, R>(mut book: R) -> Result<Vec<SheetText>, ExtractError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let meta = book.sheets_metadata().to_vec();
    let mut out = Vec::with_capacity(meta.len());
    for sheet in meta {
        if !matches!(sheet.typ, SheetType::WorkSheet) {
            // A chart or dialog sheet holds no cells; its name is still listed.
            out.push(SheetText {
                hidden: !matches!(sheet.visible, SheetVisible::Visible),
                text: format!("# Sheet: {}\n", sheet.name),
                name: sheet.name,
                warning: None,
            });
            continue;
        }
        let mut text = format!("# Sheet: {}\n", sheet.name);
        let mut warning = None;
        match book.worksheet_range(&sheet.name) {
            Ok(range) => {
                let mut lines: Vec<String> = Vec::new();
                for row in range.rows() {
                    let mut cells: Vec<String> = row.iter().map(cell_text).collect();
                    while cells.last().is_some_and(String::is_empty) {
                        cells.pop();
                    }
                    lines.push(cells.join("\t"));
                }
                while lines.last().is_some_and(String::is_empty) {
                    lines.pop();
                }
                for line in lines {
                    text.push_str(&line);
                    text.push('\n');
                }
            }
            // A chart sheet or a damaged one: the others are still read.
            Err(e) => warning = Some(format!("sheet {:?} could not be read: {e}", sheet.name)),
        }
        out.push(SheetText {
            hidden: !matches!(sheet.visible, SheetVisible::Visible),
            name: sheet.name,
            text,
            warning,
        });
    }
    Ok(out)
}

/// The hidden rows and columns of an XLSX workbook, one line per sheet that has any:
/// `Sheet1: rows 5, 7` and `Sheet1: columns B-C` (1-based rows, column letters).
fn hidden_rows_and_columns(bytes: &[u8]) -> (Vec<String>, Vec<String>) {
    let (mut rows_out, mut cols_out) = (Vec::new(), Vec::new());
    let Ok(mut package) = Package::open(bytes, "XLSX workbook") else {
        return (rows_out, cols_out);
    };
    let mut sheets: Vec<(String, String)> = Vec::new();
    let _ = package.walk("xl/workbook.xml", |step| {
        if let Step::Open("sheet", tag) = step
            && let (Some(name), Some(id)) = (tag.attr("name"), tag.prefixed_attr("id"))
        {
            sheets.push((name, id));
        }
    });
    let Ok(rels) = relationships(&mut package, "xl/workbook.xml") else {
        return (rows_out, cols_out);
    };
    for (name, id) in sheets {
        let Some(rel) = rels.iter().find(|r| r.id == id) else {
            continue;
        };
        let (mut rows, mut cols) = (Vec::new(), Vec::new());
        let _ = package.walk(&rel.target, |step| match step {
            Step::Open("row", tag) if is_true(tag.attr("hidden")) => {
                if let Some(r) = tag.attr("r") {
                    rows.push(r);
                }
            }
            Step::Open("col", tag) if is_true(tag.attr("hidden")) => {
                let n = |a: &str| tag.attr(a).and_then(|v| v.parse::<u32>().ok());
                if let (Some(min), Some(max)) = (n("min"), n("max")) {
                    cols.push(if min == max {
                        column_letters(min)
                    } else {
                        format!(
                            "{}-{}",
                            column_letters(min),
                            column_letters(max.min(16_384))
                        )
                    });
                }
            }
            _ => {}
        });
        if !rows.is_empty() {
            rows_out.push(format!("{name}: rows {}", rows.join(", ")));
        }
        if !cols.is_empty() {
            cols_out.push(format!("{name}: columns {}", cols.join(", ")));
        }
    }
    (rows_out, cols_out)
}

fn is_true(v: Option<String>) -> bool {
    matches!(v.as_deref(), Some("1" | "true"))
}

/// A 1-based column number as Excel's letters (1 → A, 28 → AB).
fn column_letters(mut n: u32) -> String {
    let mut out = Vec::new();
    while n > 0 {
        let d = (n - 1) % 26;
        out.push(b'A' + d as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A cell's value as text (see the module documentation).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::String(s) => s.replace(['\t', '\n', '\r'], " "),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTimeIso(s) => iso_datetime(s),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
        Data::DateTime(dt) => {
            if dt.is_duration() {
                let secs = (dt.as_f64() * 86_400.0).round() as i64;
                let (days, rest) = (secs / 86_400, secs % 86_400);
                let hms = format!("{}:{:02}:{:02}", rest / 3600, rest % 3600 / 60, rest % 60);
                match days {
                    0 => hms,
                    1 => format!("1 day, {hms}"),
                    d => format!("{d} days, {hms}"),
                }
            } else {
                let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
                if dt.as_f64() < 1.0 && dt.as_f64() >= 0.0 {
                    format!("{h:02}:{mi:02}:{s:02}")
                } else {
                    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
                }
            }
        }
    }
}

/// An ODS date as the other formats print theirs: `2021-01-01` → `2021-01-01 00:00:00`,
/// `2021-01-01T10:10:10` → `2021-01-01 10:10:10`; a time alone or anything else unchanged.
fn iso_datetime(s: &str) -> String {
    let is_day = |d: &str| d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-';
    match s.split_once('T') {
        Some((day, time)) if is_day(day) => format!("{day} {time}"),
        None if is_day(s) => format!("{s} 00:00:00"),
        _ => s.to_owned(),
    }
}

/// A number as a spreadsheet user reads it: integral values without `.0`.
fn number(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// calamine's error as ours: a password-protected workbook needs a password.
fn failure(e: &dyn std::fmt::Display) -> ExtractError {
    let reason = e.to_string();
    if reason.to_ascii_lowercase().contains("password") {
        ExtractError::NeedsPassword {
            reason: format!(
                "the workbook is password protected ({reason}); Dossier cannot decrypt it yet"
            ),
        }
    } else {
        ExtractError::Malformed {
            format: FORMAT,
            reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_excel_names_them() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(28), "AB");
        assert_eq!(column_letters(16_384), "XFD");
    }

    #[test]
    fn numbers_print_as_a_spreadsheet_user_reads_them() {
        assert_eq!(cell_text(&Data::Float(15.0)), "15");
        assert_eq!(cell_text(&Data::Float(0.25)), "0.25");
        assert_eq!(cell_text(&Data::Bool(true)), "TRUE");
        assert_eq!(cell_text(&Data::String("a\tb\nc".into())), "a b c");
        assert_eq!(
            cell_text(&Data::DateTimeIso("2021-01-01".into())),
            "2021-01-01 00:00:00"
        );
        assert_eq!(
            cell_text(&Data::DateTimeIso("2021-01-01T10:10:10".into())),
            "2021-01-01 10:10:10"
        );
    }
}
