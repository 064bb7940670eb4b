//! RFC 4180 CSV: fields quoted when they need it, CRLF line ends; and a reader for the
//! same (quoted fields may hold commas, quotes and line breaks).
//!
//! Every cell written is [`inert`]: text that a spreadsheet would run as a formula (an
//! email subject `=cmd|' /C calc'!A0`, copied into an event or an exhibit's title) gets a
//! leading `'`, which spreadsheets read as "this is text" and do not show. The reader takes
//! that `'` off again, so an export read back by `event import` gives the text it was made
//! from.

use std::borrow::Cow;

/// How a cell that a spreadsheet would read as a formula starts (OWASP's list, "CSV
/// Injection"): `=`, `+`, `-`, `@`, a tab or a carriage return.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell` as a spreadsheet will show it rather than run it: with a leading `'` when it
/// starts like a formula. Every CSV and DAT writer of Dossier passes its cells through this.
pub fn inert(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The text [`inert`] was given, from the cell it made.
fn from_inert(cell: String) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest.to_owned(),
        _ => cell,
    }
}

/// Writes rows as CSV text.
pub fn write<R, F>(rows: R) -> String
where
    R: IntoIterator<Item = Vec<F>>,
    F: AsRef<str>,
{
    let mut out = String::new();
    for row in rows {
        let fields: Vec<String> = row.iter().map(|f| field(f.as_ref())).collect();
        out += &fields.join(",");
        out += "\r\n";
    }
    out
}

fn field(f: &str) -> String {
    let f = &*inert(f);
    if f.contains([',', '"', '\n', '\r']) || f.starts_with(' ') || f.ends_with(' ') {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_owned()
    }
}

/// A CSV text that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("CSV line {line}: {reason}")]
pub struct CsvError {
    /// The line (from 1) where the problem is.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

/// Reads CSV text into rows of fields (a byte-order mark and blank lines are skipped).
pub fn read(text: &str) -> Result<Vec<Vec<String>>, CsvError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut quote_line = 1;
    let mut chars = text.chars().peekable();
    let mut field_started = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cur.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cur.push(c);
                }
                _ => cur.push(c),
            }
            continue;
        }
        match c {
            '"' if cur.is_empty() && !field_started => {
                quoted = true;
                field_started = true;
                quote_line = line;
            }
            '"' => {
                return Err(CsvError {
                    line,
                    reason: "a quote inside an unquoted field".into(),
                });
            }
            ',' => {
                row.push(from_inert(std::mem::take(&mut cur)));
                field_started = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(from_inert(std::mem::take(&mut cur)));
                field_started = false;
                if !(row.len() == 1 && row[0].is_empty()) {
                    rows.push(std::mem::take(&mut row));
                }
                row.clear();
                line += 1;
            }
            _ => {
                cur.push(c);
                field_started = true;
            }
        }
    }
    if quoted {
        return Err(CsvError {
            line: quote_line,
            reason: "a quoted field is never closed".into(),
        });
    }
    if field_started || !row.is_empty() {
        row.push(from_inert(cur));
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_that_need_quotes_get_them_and_read_back() {
        let rows = vec![
            vec!["Date", "Fact"],
            vec!["2024-08", "said \"no\", then\nyes"],
            vec!["", " padded "],
        ];
        let text = write(rows.clone());
        assert_eq!(
            text,
            "Date,Fact\r\n2024-08,\"said \"\"no\"\", then\nyes\"\r\n,\" padded \"\r\n"
        );
        let back = read(&text).expect("reads");
        assert_eq!(back, rows);
    }

    #[test]
    fn cells_that_start_like_formulas_are_written_as_text_and_read_back_as_they_were() {
        let rows = vec![vec![
            "=cmd|' /C calc'!A0",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tTab",
            "\rCR",
            "plain",
            "'quoted already",
        ]];
        let text = write(rows.clone());
        assert_eq!(
            text,
            "'=cmd|' /C calc'!A0,'+1,'-2,'@SUM(A1),'\tTab,\"'\rCR\",plain,'quoted already\r\n"
        );
        assert_eq!(read(&text).expect("reads"), rows);
    }

    #[test]
    fn broken_csv_names_the_line() {
        let e = read("a,b\n\"open,c\n").expect_err("unclosed");
        assert_eq!(e.line, 2);
        let e = read("a,b\nx\"y,c\n").expect_err("stray quote");
        assert_eq!(e.line, 2);
        assert_eq!(
            read("\u{FEFF}a,b\n\n1,2").expect("ok"),
            vec![vec!["a", "b"], vec!["1", "2"]]
        );
    }
}
