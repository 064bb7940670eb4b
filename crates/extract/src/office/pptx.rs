//! PowerPoint presentations (`.pptx`, `.pptm`, `.ppsx`, `.potx`): one page per slide, in
//! the order `presentation.xml` lists them, each with its text frames (groups recursed)
//! and tables (one row per line, cells tab-separated) in shape order, then its notes.
//! Hidden slides are counted in the metadata. Images and embedded files become children.

use super::package::{OOXML_PROPERTIES, Package, apply_properties, properties, relationships};
use super::xml::Step;
use super::{embedded_children, office_probe};
use crate::{ExtractError, Extraction, Extractor, Hints, Probe};

/// Reads PowerPoint presentations.
#[derive(Debug, Default, Clone, Copy)]
pub struct PptxExtractor;

const FORMAT: &str = "PowerPoint presentation (.pptx)";

impl Extractor for PptxExtractor {
    fn name(&self) -> &'static str {
        "pptx"
    }
    fn version(&self) -> u32 {
        1
    }
    fn bid(&self, probe: &Probe<'_>) -> u8 {
        office_probe(
            probe,
            &["pptx", "pptm", "ppsx", "ppsm", "potx", "potm"],
            b"ppt/",
        )
    }
    fn extract(&self, bytes: &[u8], _hints: &Hints) -> Result<Extraction, ExtractError> {
        let mut package = Package::open(bytes, FORMAT)?;
        let mut order = Vec::new();
        let found = package.walk("ppt/presentation.xml", |s| {
            if let Step::Open("sldId", tag) = s
                && let Some(id) = tag.prefixed_attr("id")
            {
                order.push(id);
            }
        })?;
        if !found {
            return Err(ExtractError::Malformed {
                format: FORMAT,
                reason: "the package has no ppt/presentation.xml".into(),
            });
        }
        let rels = relationships(&mut package, "ppt/presentation.xml")?;
        let mut pages = Vec::new();
        let mut hidden = Vec::new();
        for (n, id) in order.iter().enumerate() {
            let Some(rel) = rels.iter().find(|r| &r.id == id) else {
                continue;
            };
            let slide_part = rel.target.clone();
            let mut slide = SlideText::default();
            package.walk(&slide_part, |s| slide.step(s))?;
            if slide.hidden {
                hidden.push((n + 1).to_string());
            }
            let mut page = slide.out.trim_end().to_owned();
            let slide_rels = relationships(&mut package, &slide_part)?;
            if let Some(notes) = slide_rels.iter().find(|r| r.kind.ends_with("/notesSlide")) {
                let mut notes_text = SlideText {
                    notes_only: true,
                    ..SlideText::default()
                };
                package.walk(&notes.target, |s| notes_text.step(s))?;
                let notes = notes_text.out.trim();
                if !notes.is_empty() {
                    if !page.is_empty() {
                        page.push('\n');
                    }
                    page.push_str(notes);
                }
            }
            pages.push(page);
        }
        let mut x = Extraction {
            kind: "presentation".into(),
            media_type: "application/vnd.openxmlformats-officedocument.presentationml.presentation"
                .into(),
            text: pages.join("\n\n"),
            ..Extraction::default()
        };
        x.meta.insert("slides".into(), pages.len().to_string());
        if !hidden.is_empty() {
            x.meta.insert("hidden_slides".into(), hidden.join(", "));
        }
        x.pages = pages;
        let props = properties(&mut package, "docProps/core.xml", OOXML_PROPERTIES);
        apply_properties(&mut x, props);
        let app = properties(&mut package, "docProps/app.xml", OOXML_PROPERTIES);
        x.meta.extend(app);
        x.children = embedded_children(
            &mut package,
            &["ppt/media/", "ppt/embeddings/"],
            &mut x.warnings,
        )?;
        Ok(x)
    }
}

/// The text of a slide (or of a notes slide's body placeholder), built as it is walked.
#[derive(Default)]
struct SlideText {
    out: String,
    /// A notes slide: only the shape holding the notes (placeholder type `body`) counts,
    /// not the slide image or the slide number.
    notes_only: bool,
    /// In a notes slide, whether the current shape is the notes body.
    in_notes_body: bool,
    /// Inside `a:t`.
    in_text: bool,
    /// The open table's finished cells and current cell.
    table: Vec<(Vec<String>, String)>,
    /// Depth inside `mc:Fallback`: skipped.
    skipping: usize,
    /// `<p:sld show="0">`: a hidden slide.
    hidden: bool,
}

impl SlideText {
    fn wanted(&self) -> bool {
        !self.notes_only || self.in_notes_body
    }

    fn sink(&mut self) -> &mut String {
        match self.table.last_mut() {
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
                "sld" => self.hidden = tag.attr("show").as_deref() == Some("0"),
                "sp" => self.in_notes_body = false,
                "ph" if self.notes_only => {
                    self.in_notes_body = tag.attr("type").as_deref() == Some("body")
                }
                "t" => self.in_text = true,
                "br" if self.wanted() => self.sink().push('\n'),
                "tbl" => self.table.push((Vec::new(), String::new())),
                _ => {}
            },
            Step::Close(name) => match name {
                "t" => self.in_text = false,
                "p" if self.wanted() => self.sink().push('\n'),
                "tc" => {
                    if let Some((row, cell)) = self.table.last_mut() {
                        row.push(cell.trim().to_owned());
                        cell.clear();
                    }
                }
                "tr" => {
                    if let Some((row, _)) = self.table.last_mut() {
                        let line = std::mem::take(row).join("\t");
                        let n = self.table.len();
                        let target = if n >= 2 {
                            &mut self.table[n - 2].1
                        } else {
                            &mut self.out
                        };
                        target.push_str(&line);
                        target.push('\n');
                    }
                }
                "tbl" => {
                    self.table.pop();
                }
                _ => {}
            },
            Step::Text(t) => {
                if self.in_text && self.wanted() {
                    self.sink().push_str(t);
                }
            }
        }
    }
}
