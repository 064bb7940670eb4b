//! Word documents (`.docx`, `.docm`, `.dotx`): WordprocessingML read straight from its
//! XML parts.
//!
//! The text is the body in reading order: paragraphs (headings included) one per line,
//! tables one row per line with cells separated by tabs, text boxes where they are
//! anchored. Tracked changes stay visible as what they are: `[inserted: …]` and
//! `[deleted: …]` (a deleted sentence is evidence too). After the body, each in its own
//! block: headers and footers, footnotes and endnotes, and comments as
//! `[comment by AUTHOR: …]`. Core properties (author, last modified by, created, modified,
//! revision, …) go to the metadata. Images and embedded files become children.

use super::package::{OOXML_PROPERTIES, Package, apply_properties, properties};
use super::xml::Step;
use super::{embedded_children, office_probe};
use crate::{ExtractError, Extraction, Extractor, Hints, Probe};

/// Reads Word documents.
#[derive(Debug, Default, Clone, Copy)]
pub struct DocxExtractor;

const FORMAT: &str = "Word document (.docx)";

impl Extractor for DocxExtractor {
    fn name(&self) -> &'static str {
        "docx"
    }
    fn version(&self) -> u32 {
        1
    }
    fn bid(&self, probe: &Probe<'_>) -> u8 {
        office_probe(probe, &["docx", "docm", "dotx", "dotm"], b"word/")
    }
    fn extract(&self, bytes: &[u8], _hints: &Hints) -> Result<Extraction, ExtractError> {
        let mut package = Package::open(bytes, FORMAT)?;
        let mut body = WordText::default();
        if !package.walk("word/document.xml", |s| body.step(s))? {
            return Err(ExtractError::Malformed {
                format: FORMAT,
                reason: "the package has no word/document.xml".into(),
            });
        }
        let mut text = body.finish();
        let mut meta = std::collections::BTreeMap::new();
        let names = package.names();
        let mut sections: Vec<(&str, Vec<String>)> = vec![
            ("header", Vec::new()),
            ("footer", Vec::new()),
            ("footnotes", Vec::new()),
            ("endnotes", Vec::new()),
            ("comments", Vec::new()),
        ];
        for (prefix, found) in &mut sections {
            for name in names.iter().filter(|n| {
                n.strip_prefix("word/")
                    .and_then(|n| n.strip_prefix(*prefix))
                    .is_some_and(|rest| rest.ends_with(".xml") && !rest.contains('/'))
            }) {
                let mut part = WordText::default();
                package.walk(name, |s| part.step(s))?;
                let t = part.finish();
                if !t.trim().is_empty() {
                    found.push(t.trim_end().to_owned());
                }
            }
        }
        for (prefix, found) in sections {
            if !found.is_empty() {
                meta.insert(format!("{prefix}_parts"), found.len().to_string());
                text.push('\n');
                text.push_str(&found.join("\n"));
                text.push('\n');
            }
        }
        if body.changes > 0 {
            meta.insert("tracked_changes".into(), body.changes.to_string());
        }
        let mut x = Extraction {
            kind: "document".into(),
            media_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                .into(),
            meta,
            text,
            ..Extraction::default()
        };
        let props = properties(&mut package, "docProps/core.xml", OOXML_PROPERTIES);
        apply_properties(&mut x, props);
        let app = properties(&mut package, "docProps/app.xml", OOXML_PROPERTIES);
        x.meta.extend(app);
        x.children = embedded_children(
            &mut package,
            &["word/media/", "word/embeddings/"],
            &mut x.warnings,
        )?;
        Ok(x)
    }
}

/// The text of one WordprocessingML part, built as its XML is walked.
#[derive(Default)]
struct WordText {
    out: String,
    /// Open tables, innermost last: the row's finished cells and the cell being read.
    tables: Vec<(Vec<String>, String)>,
    /// Inside `w:t`/`w:delText`: character data is text.
    in_text: bool,
    /// Depth of `w:r`: a `w:tab` or `w:br` counts only inside a run (not in tab stops).
    in_run: usize,
    /// Depth inside `mc:Fallback` (the same content again, for old readers): skipped.
    skipping: usize,
    /// Author of the comment being read, and where its text starts.
    comment: Option<(String, usize)>,
    /// Tracked insertions and deletions seen.
    changes: usize,
}

impl WordText {
    fn sink(&mut self) -> &mut String {
        match self.tables.last_mut() {
            Some((_, cell)) => cell,
            None => &mut self.out,
        }
    }

    fn step(&mut self, step: Step<'_, '_>) {
        if self.skipping > 0 {
            match step {
                Step::Open("Fallback", _) => self.skipping += 1,
                Step::Close("Fallback") => self.skipping -= 1,
                _ => {}
            }
            return;
        }
        match step {
            Step::Open(name, tag) => match name {
                "Fallback" => self.skipping = 1,
                "t" | "delText" => self.in_text = true,
                "r" => self.in_run += 1,
                "tab" if self.in_run > 0 => self.sink().push('\t'),
                "br" | "cr" if self.in_run > 0 => self.sink().push('\n'),
                "noBreakHyphen" if self.in_run > 0 => self.sink().push('-'),
                "tbl" => self.tables.push((Vec::new(), String::new())),
                "tc" => {
                    if let Some((_, cell)) = self.tables.last_mut() {
                        cell.clear();
                    }
                }
                "ins" => {
                    self.changes += 1;
                    self.sink().push_str("[inserted: ");
                }
                "del" => {
                    self.changes += 1;
                    self.sink().push_str("[deleted: ");
                }
                "comment" => {
                    let author = tag.attr("author").unwrap_or_else(|| "unknown".into());
                    self.comment = Some((author, self.out.len()));
                }
                _ => {}
            },
            Step::Close(name) => match name {
                "t" | "delText" => self.in_text = false,
                "r" => self.in_run = self.in_run.saturating_sub(1),
                "p" => self.sink().push('\n'),
                "ins" | "del" => {
                    let sink = self.sink();
                    if sink.ends_with(": ") {
                        // A change that held no text (a changed paragraph mark).
                        let cut = sink.rfind('[').unwrap_or(sink.len());
                        sink.truncate(cut);
                    } else {
                        sink.push(']');
                    }
                }
                "tc" => {
                    if let Some((row, cell)) = self.tables.last_mut() {
                        row.push(cell.trim().to_owned());
                        cell.clear();
                    }
                }
                "tr" => {
                    if let Some((row, _)) = self.tables.last_mut() {
                        let line = std::mem::take(row).join("\t");
                        // The row goes to what holds the table: the page, or an outer cell.
                        match self.tables.len() {
                            1 => {
                                self.out.push_str(&line);
                                self.out.push('\n');
                            }
                            n => {
                                let outer = &mut self.tables[n - 2].1;
                                outer.push_str(&line);
                                outer.push('\n');
                            }
                        }
                    }
                }
                "tbl" => {
                    self.tables.pop();
                }
                "comment" => {
                    if let Some((author, start)) = self.comment.take() {
                        let body = self.out.split_off(start.min(self.out.len()));
                        let body = body.trim().replace('\n', " ");
                        self.out
                            .push_str(&format!("[comment by {author}: {body}]\n"));
                    }
                }
                _ => {}
            },
            Step::Text(t) => {
                if self.in_text {
                    self.sink().push_str(t);
                }
            }
        }
    }

    fn finish(&mut self) -> String {
        std::mem::take(&mut self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> String {
        let mut w = WordText::default();
        super::super::xml::walk(xml, |s| w.step(s)).expect("well-formed");
        w.finish()
    }

    #[test]
    fn tracked_changes_are_marked_and_tab_stops_are_not_text() {
        let xml = r#"<w:document xmlns:w="w"><w:body><w:p><w:pPr><w:tabs><w:tab w:val="left"/></w:tabs></w:pPr>
            <w:r><w:t>Paid </w:t></w:r><w:del w:author="A"><w:r><w:delText>late</w:delText></w:r></w:del>
            <w:ins w:author="B"><w:r><w:t>on time</w:t></w:r></w:ins></w:p></w:body></w:document>"#;
        assert_eq!(read(xml), "Paid [deleted: late][inserted: on time]\n");
    }

    #[test]
    fn a_table_row_is_one_line_of_tab_separated_cells() {
        let xml = r#"<w:tbl xmlns:w="w"><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>
            <w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#;
        assert_eq!(read(xml), "a\tb\n");
    }

    #[test]
    fn comments_carry_their_author() {
        let xml = r#"<w:comments xmlns:w="w"><w:comment w:author="Jo"><w:p><w:r><w:t>Check this</w:t></w:r></w:p></w:comment></w:comments>"#;
        assert_eq!(read(xml), "[comment by Jo: Check this]\n");
    }
}
