//! OpenDocument text and presentations (`.odt`, `.ott`, `.odp`, `.otp`), read from their
//! `content.xml`; spreadsheets (`.ods`) are calamine's (see `spreadsheet`).
//!
//! Text: `text:h` and `text:p` in document order, lists and sections recursed, spaces
//! (`text:s`), tabs and line breaks kept, tables one row per line with tab-separated
//! cells, comments (`office:annotation`) as `[comment by AUTHOR: …]`, tracked deletions as
//! `[deleted: …]`. A presentation has one page per `draw:page`: its frames' text, then its
//! notes. Headers and footers (in `styles.xml`) follow the body. `meta.xml` gives the
//! properties. An external entity is never resolved (`odfpy_nasty.odt`).

use super::package::{ODF_PROPERTIES, Package, apply_properties, properties};
use super::xml::Step;
use super::{embedded_children, office_probe};
use crate::{ExtractError, Extraction, Extractor, Hints, Probe};

/// Reads OpenDocument text documents and presentations.
#[derive(Debug, Default, Clone, Copy)]
pub struct OdfExtractor;

const FORMAT: &str = "OpenDocument (.odt/.odp)";

impl Extractor for OdfExtractor {
    fn name(&self) -> &'static str {
        "odf"
    }
    fn version(&self) -> u32 {
        1
    }
    fn bid(&self, probe: &Probe<'_>) -> u8 {
        let text = office_probe(
            probe,
            &["odt", "ott", "fodt", "odp", "otp"],
            b"application/vnd.oasis.opendocument.text",
        );
        let presentation = office_probe(
            probe,
            &["odt", "ott", "odp", "otp"],
            b"application/vnd.oasis.opendocument.presentation",
        );
        text.max(presentation)
    }
    fn extract(&self, bytes: &[u8], _hints: &Hints) -> Result<Extraction, ExtractError> {
        let mut package = Package::open(bytes, FORMAT)?;
        let mimetype = package
            .text("mimetype")?
            .map(|m| m.trim().to_owned())
            .unwrap_or_default();
        let presentation = mimetype.contains("presentation");
        let mut body = OdfText::default();
        if !package.walk("content.xml", |s| body.step(s))? {
            return Err(ExtractError::Malformed {
                format: FORMAT,
                reason: "the package has no content.xml".into(),
            });
        }
        let mut text = body.out.clone();
        // Headers and footers live in styles.xml's master pages; a presentation's master
        // pages hold only placeholder prompts (`<number>`), so they are not read.
        let mut styles = OdfText::default();
        let mut in_header = 0usize;
        if !presentation {
            package.walk("styles.xml", |s| {
                let entering = matches!(s, Step::Open(n, _) if is_header_or_footer(n));
                let leaving = matches!(s, Step::Close(n) if is_header_or_footer(n));
                in_header += usize::from(entering);
                if in_header > 0 {
                    styles.step(s);
                }
                in_header -= usize::from(leaving && in_header > 0);
            })?;
        }
        if !styles.out.trim().is_empty() {
            text.push('\n');
            text.push_str(styles.out.trim());
            text.push('\n');
        }
        let mut x = Extraction {
            kind: if presentation {
                "presentation"
            } else {
                "document"
            }
            .into(),
            media_type: if mimetype.is_empty() {
                "application/vnd.oasis.opendocument.text".into()
            } else {
                mimetype
            },
            text,
            pages: if presentation { body.pages } else { Vec::new() },
            ..Extraction::default()
        };
        if presentation {
            x.meta.insert("slides".into(), x.pages.len().to_string());
        }
        let props = properties(&mut package, "meta.xml", ODF_PROPERTIES);
        apply_properties(&mut x, props);
        x.children = embedded_children(&mut package, &["Pictures/"], &mut x.warnings)?;
        Ok(x)
    }
}

/// A master page's header or footer element (`style:header`, `style:footer-left`, …).
fn is_header_or_footer(name: &str) -> bool {
    matches!(
        name,
        "header" | "footer" | "header-left" | "footer-left" | "header-first" | "footer-first"
    )
}

/// The text of one ODF XML part, built as it is walked.
#[derive(Default)]
struct OdfText {
    out: String,
    /// Buffers opened inside the body (a table cell, notes, a comment, a slide), innermost last.
    stack: Vec<String>,
    /// Open tables' current rows, innermost last.
    rows: Vec<Vec<String>>,
    /// How often each open cell repeats (`table:number-columns-repeated`).
    repeats: Vec<usize>,
    /// Depth of `text:p`/`text:h`: only their character data is text.
    paragraph: usize,
    /// Inside a comment's `dc:creator` or `dc:date`: metadata, not text.
    annotation_meta: Option<&'static str>,
    creators: Vec<String>,
    /// Notes read for the slide being read.
    notes: Vec<String>,
    /// One entry per `draw:page`.
    pages: Vec<String>,
}

impl OdfText {
    fn top(&mut self) -> &mut String {
        self.stack.last_mut().unwrap_or(&mut self.out)
    }

    fn step(&mut self, step: Step<'_, '_>) {
        match step {
            Step::Open(name, tag) => match name {
                "p" | "h" => self.paragraph += 1,
                "s" => {
                    let n = tag
                        .attr("c")
                        .and_then(|c| c.parse::<usize>().ok())
                        .unwrap_or(1);
                    let spaces = " ".repeat(n.min(1000));
                    self.top().push_str(&spaces);
                }
                "tab" => self.top().push('\t'),
                "line-break" => self.top().push('\n'),
                "table" => self.rows.push(Vec::new()),
                "table-cell" | "covered-table-cell" => {
                    let n = tag
                        .attr("number-columns-repeated")
                        .and_then(|c| c.parse::<usize>().ok())
                        .unwrap_or(1);
                    let n = if name == "covered-table-cell" { 0 } else { n };
                    self.repeats.push(n);
                    self.stack.push(String::new());
                }
                "notes" | "annotation" | "page" => self.stack.push(String::new()),
                "creator" if self.in_annotation() => self.annotation_meta = Some("creator"),
                "date" if self.in_annotation() => self.annotation_meta = Some("date"),
                "deletion" => self.top().push_str("[deleted: "),
                _ => {}
            },
            Step::Close(name) => match name {
                "p" | "h" => {
                    self.paragraph = self.paragraph.saturating_sub(1);
                    self.top().push('\n');
                }
                "creator" | "date" => self.annotation_meta = None,
                "table-cell" | "covered-table-cell" => {
                    let cell = self.stack.pop().unwrap_or_default();
                    let n = self.repeats.pop().unwrap_or(1);
                    if let Some(row) = self.rows.last_mut() {
                        let cell = cell.trim().to_owned();
                        // Repeated empty cells pad rows to the sheet's width: kept only
                        // up to a sane count, and trimmed at the row's end anyway.
                        for _ in 0..n.min(if cell.is_empty() { 64 } else { 1024 }) {
                            row.push(cell.clone());
                        }
                    }
                }
                "table-row" => {
                    if let Some(row) = self.rows.last_mut() {
                        while row.last().is_some_and(String::is_empty) {
                            row.pop();
                        }
                        let line = std::mem::take(row).join("\t");
                        let top = self.top();
                        top.push_str(&line);
                        top.push('\n');
                    }
                }
                "table" => {
                    self.rows.pop();
                }
                "notes" => {
                    let notes = self.stack.pop().unwrap_or_default();
                    if !notes.trim().is_empty() {
                        self.notes.push(notes.trim().to_owned());
                    }
                }
                "annotation" => {
                    let body = self.stack.pop().unwrap_or_default();
                    let author = self.creators.pop().unwrap_or_else(|| "unknown".into());
                    let line = format!("[comment by {author}: {}]", body.trim().replace('\n', " "));
                    self.top().push_str(&line);
                }
                "deletion" => self.top().push(']'),
                "page" => {
                    let mut page = self.stack.pop().unwrap_or_default().trim().to_owned();
                    for n in std::mem::take(&mut self.notes) {
                        page.push('\n');
                        page.push_str(&n);
                    }
                    self.out.push_str(&page);
                    self.out.push_str("\n\n");
                    self.pages.push(page);
                }
                _ => {}
            },
            Step::Text(t) => match self.annotation_meta {
                Some("creator") => {
                    if let Some(c) = self.creators.last_mut() {
                        c.push_str(t);
                    }
                }
                Some(_) => {}
                None if self.paragraph > 0 => self.top().push_str(t),
                None => {}
            },
        }
        if let Step::Open("annotation", _) = step {
            self.creators.push(String::new());
        }
    }

    fn in_annotation(&self) -> bool {
        !self.creators.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> OdfText {
        let mut o = OdfText::default();
        super::super::xml::walk(xml, |s| o.step(s)).expect("well-formed");
        o
    }

    #[test]
    fn spaces_tabs_tables_and_comments_read_as_written() {
        let xml = r#"<office:text xmlns:text="t" xmlns:table="b" xmlns:office="o" xmlns:dc="d">
            <text:h>Title</text:h><text:p>a<text:s text:c="2"/>b<text:tab/>c<office:annotation><dc:creator>Ann</dc:creator><dc:date>2020</dc:date><text:p>why?</text:p></office:annotation></text:p>
            <table:table><table:table-row><table:table-cell><text:p>1</text:p></table:table-cell><table:table-cell table:number-columns-repeated="3"/></table:table-row></table:table>
            </office:text>"#;
        assert_eq!(read(xml).out, "Title\na  b\tc[comment by Ann: why?]\n1\n");
    }

    #[test]
    fn each_slide_is_a_page_with_its_notes_after_its_text() {
        let xml = r#"<p xmlns:draw="d" xmlns:presentation="p" xmlns:text="t"><draw:page><draw:frame><text:p>Slide one</text:p></draw:frame>
            <presentation:notes><draw:frame><text:p>Say hello</text:p></draw:frame></presentation:notes></draw:page>
            <draw:page><draw:frame><text:p>Two</text:p></draw:frame></draw:page></p>"#;
        assert_eq!(read(xml).pages, vec!["Slide one\nSay hello", "Two"]);
    }
}
