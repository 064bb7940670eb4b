//! How a folder of captures is laid out: one file per capture named by its date
//! (`2024-08-05.md`, or `2023-01-19_1.md`, `2023-01-19_2.md` for two on one day), and an
//! optional `versions.csv` whose `file` and `source_url` columns give each capture's URL
//! (the layout of Open Terms Archive exports in the shared corpus).

use std::collections::BTreeMap;

use crate::date::check_iso_date;

/// The name of the optional table of captures in a series folder.
pub const VERSIONS_CSV: &str = "versions.csv";

/// Why a `versions.csv` could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LayoutError {
    /// The table is malformed.
    #[error("line {line}: {reason}")]
    Csv {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// The capture date and same-day ordinal a file name encodes: `2023-01-19_2.md` →
/// `("2023-01-19", 2)`, `2024-08-05.html` → `("2024-08-05", 0)`. `None` for other names.
pub fn capture_name(file_name: &str) -> Option<(String, u32)> {
    let (stem, ext) = file_name.rsplit_once('.')?;
    if ext.is_empty() || stem.len() < 10 {
        return None;
    }
    let (date, rest) = stem.split_at_checked(10)?;
    check_iso_date(date).ok()?;
    let ordinal = match rest {
        "" => 0,
        r => r.strip_prefix('_')?.parse().ok()?,
    };
    Some((date.to_owned(), ordinal))
}

/// Reads a `versions.csv`: file name → source URL, for rows that have both.
/// The table must have `file` and `source_url` columns; other columns are ignored.
pub fn source_urls(csv: &str) -> Result<BTreeMap<String, String>, LayoutError> {
    let rows = parse_csv(csv)?;
    let mut rows = rows.into_iter();
    let Some((_, header)) = rows.next() else {
        return Ok(BTreeMap::new());
    };
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| LayoutError::Csv {
                line: 1,
                reason: format!("no {name:?} column in the header"),
            })
    };
    let (file, url) = (column("file")?, column("source_url")?);
    let mut out = BTreeMap::new();
    for (line, row) in rows {
        match (row.get(file), row.get(url)) {
            (Some(f), Some(u)) if !f.is_empty() && !u.is_empty() => {
                out.insert(f.clone(), u.clone());
            }
            (Some(_), Some(_)) => {}
            _ => {
                return Err(LayoutError::Csv {
                    line,
                    reason: format!("{} fields, the header has {}", row.len(), header.len()),
                });
            }
        }
    }
    Ok(out)
}

/// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks.
/// Returns each record with the line it starts on; blank lines are skipped.
fn parse_csv(text: &str) -> Result<Vec<(usize, Vec<String>)>, LayoutError> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start_line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => {
                    if c == '\n' {
                        line += 1;
                    }
                    field.push(c);
                }
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                if !(record.len() == 1 && record[0].is_empty()) {
                    records.push((start_line, std::mem::take(&mut record)));
                }
                record.clear();
                line += 1;
                start_line = line;
            }
            c => field.push(c),
        }
    }
    if quoted {
        return Err(LayoutError::Csv {
            line: start_line,
            reason: "a quoted field is never closed".into(),
        });
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push((start_line, record));
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capture_file_names_give_the_date_and_same_day_order() {
        assert_eq!(
            capture_name("2024-08-05.md"),
            Some(("2024-08-05".into(), 0))
        );
        assert_eq!(
            capture_name("2023-01-19_2.html"),
            Some(("2023-01-19".into(), 2))
        );
        for other in [
            "versions.csv",
            "2024-13-01.md",
            "2024-08-05",
            "2024-08-05-x.md",
            "notes.md",
        ] {
            assert_eq!(capture_name(other), None, "{other}");
        }
    }

    #[test]
    fn versions_csv_gives_each_file_its_url_with_quoted_fields() {
        let csv = "file,date,commit_subject,source_url\n\
                   2021-08-16.md,2021-08-16,\"Start, tracking \"\"Zoom\"\"\",https://zoom.us/privacy\r\n\
                   2021-10-07.md,2021-10-07,\"two\nlines\",https://zoom.us/privacy2\n\n";
        let urls = source_urls(csv).expect("valid");
        assert_eq!(urls.len(), 2);
        assert_eq!(urls["2021-10-07.md"], "https://zoom.us/privacy2");
    }

    #[test]
    fn a_malformed_versions_csv_names_the_line() {
        let err = source_urls("file,source_url\na.md\n").expect_err("short row");
        assert_eq!(err.to_string(), "line 2: 1 fields, the header has 2");
        assert!(source_urls("file,date\n").is_err());
        assert!(source_urls("file,source_url\n\"open,x\n").is_err());
    }
}
