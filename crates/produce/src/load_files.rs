//! Load files another review platform imports: the Concordance DAT, the Opticon OPT, and
//! the CSV logs (privilege, redaction).
//!
//! The DAT is UTF-8 with a byte-order mark (how Relativity and most platforms read Unicode
//! DATs), CRLF line ends, every field quoted with þ (U+00FE, Concordance's quote, 254) and
//! separated by U+0014 (ASCII 20, shown as ¶ in Concordance's code page). A field cannot
//! escape those two characters, so they are replaced (þ by `th`, U+0014 by a space), and a
//! line break inside a field becomes `; ` (a value such as a list of recipients).

/// The DAT's fields, in order.
pub const DAT_FIELDS: [&str; 14] = [
    "BEGBATES",
    "ENDBATES",
    "BEGATTACH",
    "ENDATTACH",
    "CUSTODIAN",
    "DATE",
    "FROM",
    "TO",
    "CC",
    "SUBJECT",
    "FILENAME",
    "SHA256",
    "TEXTPATH",
    "NATIVEPATH",
];

const QUOTE: char = '\u{fe}';
const SEPARATOR: char = '\u{14}';

fn dat_field(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push(QUOTE);
    let mut last_break = false;
    for c in value.chars() {
        match c {
            QUOTE => out.push_str("th"),
            SEPARATOR => out.push(' '),
            '\r' | '\n' => {
                if !last_break {
                    out.push_str("; ");
                }
                last_break = true;
                continue;
            }
            c => out.push(c),
        }
        last_break = false;
    }
    out.push(QUOTE);
    out
}

/// A DAT of `rows`, each holding the [`DAT_FIELDS`] in order.
pub fn dat(rows: &[[String; 14]]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let line = |fields: &mut dyn Iterator<Item = String>| {
        let mut s = fields.collect::<Vec<_>>().join(&SEPARATOR.to_string());
        s.push_str("\r\n");
        s
    };
    out.push_str(&line(&mut DAT_FIELDS.iter().map(|f| dat_field(f))));
    for row in rows {
        out.push_str(&line(&mut row.iter().map(|f| dat_field(f))));
    }
    out.into_bytes()
}

/// One document's pages in an Opticon OPT.
#[derive(Debug, Clone)]
pub struct OptDocument {
    /// Bates number of each page, in order.
    pub pages: Vec<String>,
    /// The image file holding them, relative to the production (`IMAGES\ABC000001.pdf`).
    pub image: String,
}

/// An Opticon OPT: a line per page, `BATES,VOLUME,IMAGE,Y if it starts a document,,,PAGES
/// on the first page`.
pub fn opt(volume: &str, documents: &[OptDocument]) -> Vec<u8> {
    let mut out = String::new();
    for d in documents {
        for (i, page) in d.pages.iter().enumerate() {
            let (doc_break, count) = if i == 0 {
                ("Y", d.pages.len().to_string())
            } else {
                ("", String::new())
            };
            out.push_str(&format!(
                "{page},{volume},{},{doc_break},,,{count}\r\n",
                d.image
            ));
        }
    }
    out.into_bytes()
}

/// A CSV (RFC 4180: a field with a comma, quote or line break quoted, quotes doubled).
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let field = |f: &str| {
        if f.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", f.replace('"', "\"\""))
        } else {
            f.to_owned()
        }
    };
    let mut out = String::new();
    out.push_str(
        &header
            .iter()
            .map(|h| field(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&row.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dat_field_never_carries_the_quote_or_separator_and_folds_line_breaks() {
        assert_eq!(dat_field("a\u{fe}b\u{14}c\r\nd"), "\u{fe}athb c; d\u{fe}");
    }

    #[test]
    fn an_opt_marks_the_first_page_of_each_document_with_its_page_count() {
        let text = String::from_utf8(opt(
            "VOL001",
            &[OptDocument {
                pages: vec!["A000001".into(), "A000002".into()],
                image: "IMAGES\\A000001.pdf".into(),
            }],
        ))
        .expect("ascii");
        assert_eq!(
            text,
            "A000001,VOL001,IMAGES\\A000001.pdf,Y,,,2\r\nA000002,VOL001,IMAGES\\A000001.pdf,,,,\r\n"
        );
    }
}
