//! Our own small text-to-PDF writer, for every produced document that is not a PDF
//! (emails with their headers, articles, plain text, the text of spreadsheets) and for
//! slip-sheets.
//!
//! Why our own rather than a browser or LibreOffice: a production must be byte-identical
//! when made again and fast over thousands of emails; a headless renderer is a large
//! process per document whose output embeds dates and fonts. Here a page is US Letter,
//! Courier 10 pt (a standard font, so nothing is embedded and a monospaced line wraps
//! exactly at 84 characters without font metrics), in WinAnsiEncoding: a character outside
//! it is drawn as `?` and counted (`winansi.rs`), while the document's TEXT file keeps the
//! exact text. A form feed in the text starts a new page.

use lopdf::xref::XrefType;
use lopdf::{Dictionary, Document, Object, Stream, dictionary};

use crate::stamp::{STAMP_FONT, file_id, stamp_content, stamp_font};
use crate::{PageStamp, ProduceError, winansi};

const PAGE: [f32; 4] = [0.0, 0.0, 612.0, 792.0];
const LEFT: f32 = 54.0;
const TOP: f32 = 728.0;
const SIZE: f32 = 10.0;
const LEADING: f32 = 12.0;
/// Characters on a line: (612 - 2 x 54) / (0.6 x 10).
pub const COLUMNS: usize = 84;
/// Lines on a page, above the stamps' band.
pub const ROWS: usize = 56;

/// How a line is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Courier.
    Plain,
    /// Courier-Bold (header names, a slip-sheet's words).
    Bold,
}

/// One line of a laid-out page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Its text (at most [`COLUMNS`] characters).
    pub text: String,
    /// Its style.
    pub style: Style,
}

/// A document laid out in pages, ready to number and write.
#[derive(Debug, Clone, Default)]
pub struct TextLayout {
    pages: Vec<Vec<Line>>,
}

impl TextLayout {
    /// Lays out `heading` (`From`, `To`, … as `name: value`, in bold names, then a rule)
    /// and `body`. An empty document still has one page.
    pub fn new(heading: &[(String, String)], body: &str) -> Self {
        let mut layout = Self::default();
        let mut lines = Vec::new();
        for (name, value) in heading {
            let label = format!("{name}: ");
            let wrapped = wrap(&value.replace(['\r', '\n'], " "), COLUMNS - label.len());
            for (i, part) in wrapped.into_iter().enumerate() {
                let lead = if i == 0 {
                    label.clone()
                } else {
                    " ".repeat(label.len())
                };
                lines.push(Line {
                    text: format!("{lead}{part}"),
                    style: Style::Plain,
                });
            }
        }
        if !heading.is_empty() {
            lines.push(Line {
                text: "-".repeat(COLUMNS),
                style: Style::Plain,
            });
            lines.push(Line {
                text: String::new(),
                style: Style::Plain,
            });
        }
        for (i, chunk) in body.split('\u{c}').enumerate() {
            if i > 0 {
                layout.push_lines(std::mem::take(&mut lines));
                layout.pages.push(Vec::new());
            }
            for raw in chunk.lines() {
                let raw = raw.replace('\t', "    ");
                lines.extend(wrap(raw.trim_end(), COLUMNS).into_iter().map(|text| Line {
                    text,
                    style: Style::Plain,
                }));
            }
        }
        layout.push_lines(lines);
        layout
    }

    /// A slip-sheet: one page that stands in the numbering for a withheld document.
    pub fn slip_sheet(title: &str, details: &[String]) -> Self {
        let mut page = vec![
            Line {
                text: String::new(),
                style: Style::Plain,
            };
            20
        ];
        let centred = |t: &str| {
            let n = t.chars().count().min(COLUMNS);
            format!("{}{t}", " ".repeat((COLUMNS - n) / 2))
        };
        page.push(Line {
            text: centred(title),
            style: Style::Bold,
        });
        page.push(Line {
            text: String::new(),
            style: Style::Plain,
        });
        for d in details {
            for part in wrap(d, COLUMNS) {
                page.push(Line {
                    text: centred(&part),
                    style: Style::Plain,
                });
            }
        }
        page.truncate(ROWS);
        Self { pages: vec![page] }
    }

    fn push_lines(&mut self, lines: Vec<Line>) {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        for line in lines {
            if self.pages.last().is_some_and(|p| p.len() >= ROWS) {
                self.pages.push(Vec::new());
            }
            if let Some(page) = self.pages.last_mut() {
                page.push(line);
            }
        }
    }

    /// How many pages it takes.
    pub fn pages(&self) -> u64 {
        self.pages.len() as u64
    }

    /// The lines of each page.
    pub fn lines(&self) -> &[Vec<Line>] {
        &self.pages
    }

    /// The PDF, page i stamped with `stamps[i]`, its file ID made from `seed`, and how many
    /// characters it drew as `?`.
    pub fn write(&self, stamps: &[PageStamp], seed: &[u8]) -> Result<(Vec<u8>, u64), ProduceError> {
        if stamps.len() != self.pages.len() {
            return Err(ProduceError::Pdf(format!(
                "{} stamps for {} pages",
                stamps.len(),
                self.pages.len()
            )));
        }
        let pdf = |e: lopdf::Error| ProduceError::Pdf(e.to_string());
        let mut doc = Document::with_version("1.4");
        doc.reference_table.cross_reference_type = XrefType::CrossReferenceTable;
        let plain = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier",
            "Encoding" => "WinAnsiEncoding",
        });
        let bold = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier-Bold",
            "Encoding" => "WinAnsiEncoding",
        });
        let stamp = doc.add_object(stamp_font());
        let resources = doc.add_object(dictionary! {
            "Font" => dictionary! {
                "F1" => Object::Reference(plain),
                "F2" => Object::Reference(bold),
                STAMP_FONT => Object::Reference(stamp),
            },
        });
        let pages_id = doc.new_object_id();
        let mut kids = Vec::new();
        let mut missing = 0;
        for (lines, stamp) in self.pages.iter().zip(stamps) {
            let mut content = format!("BT {LEADING} TL {LEFT} {TOP} Td\n").into_bytes();
            let mut current = None;
            for line in lines {
                if current != Some(line.style) {
                    let font = if line.style == Style::Bold {
                        "F2"
                    } else {
                        "F1"
                    };
                    content.extend_from_slice(format!("/{font} {SIZE} Tf\n").as_bytes());
                    current = Some(line.style);
                }
                let (bytes, lost) = winansi::encode(&line.text);
                missing += lost;
                content.extend(winansi::pdf_literal(&bytes));
                content.extend_from_slice(b" Tj T*\n");
            }
            content.extend_from_slice(b"ET\n");
            content.extend(stamp_content(stamp, PAGE));
            let mut stream = Stream::new(Dictionary::new(), content);
            stream.compress().map_err(pdf)?;
            let content_id = doc.add_object(stream);
            kids.push(Object::Reference(doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => Object::Reference(pages_id),
                "Resources" => Object::Reference(resources),
                "Contents" => Object::Reference(content_id),
            })));
        }
        let count = kids.len() as i64;
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => kids,
                "Count" => count,
                "MediaBox" => PAGE.iter().map(|&v| Object::Real(v)).collect::<Vec<_>>(),
            }),
        );
        let catalog = doc.add_object(dictionary! {
            "Type" => "Catalog",
            "Pages" => Object::Reference(pages_id),
        });
        doc.trailer.set("Root", Object::Reference(catalog));
        doc.trailer.set("ID", file_id(seed));
        let mut out = Vec::new();
        doc.save_to(&mut out)
            .map_err(|e| ProduceError::Pdf(e.to_string()))?;
        Ok((out, missing))
    }
}

/// `text` in lines of at most `width` characters, broken at the last space that fits, or
/// inside a word longer than a line. An empty text is one empty line.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut rest: Vec<char> = text.chars().collect();
    while rest.len() > width {
        let cut = rest[..=width]
            .iter()
            .rposition(|c| *c == ' ')
            .filter(|&i| i > 0)
            .unwrap_or(width);
        out.push(rest[..cut].iter().collect::<String>().trim_end().to_owned());
        let skip = usize::from(rest.get(cut) == Some(&' '));
        rest.drain(..cut + skip);
    }
    out.push(rest.into_iter().collect());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_at_a_space_and_a_word_longer_than_a_line_is_broken() {
        assert_eq!(wrap("aaa bbb ccc", 7), ["aaa bbb", "ccc"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
    }

    #[test]
    fn a_body_longer_than_a_page_takes_more_pages_and_a_form_feed_starts_a_new_one() {
        let body: String = (0..ROWS + 1).map(|i| format!("line {i}\n")).collect();
        assert_eq!(TextLayout::new(&[], &body).pages(), 2);
        assert_eq!(TextLayout::new(&[], "one\u{c}two").pages(), 2);
        assert_eq!(TextLayout::new(&[], "").pages(), 1);
    }

    #[test]
    fn the_same_text_writes_the_same_bytes() {
        let layout = TextLayout::new(&[("From".into(), "a@example.com".into())], "Hello");
        let stamps = crate::stamps(
            "ABC",
            1,
            1,
            Some("CONFIDENTIAL"),
            crate::StampPosition::default(),
        );
        let (a, _) = layout.write(&stamps, b"seed").expect("pdf");
        let (b, _) = layout.write(&stamps, b"seed").expect("pdf");
        assert_eq!(a, b);
        assert!(a.starts_with(b"%PDF-1.4"));
    }
}
