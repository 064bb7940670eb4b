//! PDF text and metadata, read with pdf-extract, meant to run inside the
//! `dossier-pdf-worker` process (see [`worker`]), never in the app.
//!
//! pdf-extract panics on some real files and can take very long on others, so the app
//! never calls it in its own process: `dossier_extract::PdfExtractor` starts the worker
//! under a time and memory limit, as Apache Tika does with its forked parser.
//!
//! The text of each page is laid out here, not by pdf-extract's plain-text output: that
//! output inserts spaces only between text-showing operators and follows the content
//! stream, so words run together in kerned text and a page drawn out of order reads out
//! of order. [`layout`] receives every glyph with its position and rebuilds lines by
//! position (top to bottom, left to right) and words by the gaps between glyphs, the way
//! `pdftotext -layout` reads a page, except that a page set in two columns is read one
//! column after the other (see `columns`), so that a sentence stays in one piece.
//!
//! Before any page is read, `glyph_names` gives fonts without a Unicode map the one their
//! glyph names imply, where pdf-extract would read them otherwise than the specification.
//!
//! Pages are read one at a time, each under `catch_unwind`, through a page tree that holds
//! only that page (`one_page`): pdf-extract looks a page up by walking the whole tree, so
//! reading every page of the document's own tree took time in the square of the page count.

mod columns;
mod glyph_names;
mod layout;
mod meta;
mod one_page;
pub mod worker;

use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_extract::{Document, LoadOptions};

pub use layout::{Glyph, PageCollector, layout};

/// What the worker found in a PDF it could open.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfText {
    /// Document information: `title`, `author`, `subject`, `keywords`, `creator`,
    /// `producer`, `created`, `modified` (raw PDF dates), `page_count`, `encrypted`.
    pub meta: Vec<(String, String)>,
    /// Text of each page, page 1 first.
    pub pages: Vec<String>,
    /// Pages (numbered from 1) that draw at least one image.
    pub pages_with_images: Vec<u32>,
    /// Things read with difficulty (a page that could not be read).
    pub warnings: Vec<String>,
}

/// Why a PDF could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// Encrypted, and the password given (or the empty password) does not open it.
    NeedsPassword(String),
    /// Not a PDF the parser can read.
    Malformed(String),
}

/// Opens a PDF (decrypting it with `password`, or the empty password) and reads its
/// metadata and the text of every page. A page that fails (even by panicking) becomes
/// an empty page and a warning; the other pages are kept.
pub fn read_pdf(bytes: &[u8], password: Option<&str>) -> Result<PdfText, PdfError> {
    let mut doc = open(bytes, password)?;
    glyph_names::repair_unicode_maps(&mut doc);
    let mut out = PdfText {
        meta: meta::info(&doc),
        ..PdfText::default()
    };
    let pages = doc.get_pages();
    out.meta
        .push(("page_count".into(), pages.len().to_string()));
    if doc.was_encrypted() {
        out.meta.push(("encrypted".into(), "yes".into()));
    }
    let (mut unreadable_pages, mut unreadable_total) = (Vec::new(), 0);
    let tree = one_page::OnePageTree::install(&mut doc);
    for (&n, &id) in &pages {
        // Through the one-page tree, the page is page 1; without one (no catalog to hold
        // it, so no pages either) pdf-extract would find it by its number.
        let number = match &tree {
            Some(tree) => {
                tree.show(&mut doc, id);
                1
            }
            None => n,
        };
        let doc = &doc;
        if doc
            .get_page_images(id)
            .is_ok_and(|images| !images.is_empty())
        {
            out.pages_with_images.push(n);
        }
        let mut collector = PageCollector::default();
        let result = catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(doc, &mut collector, number)
        }));
        match result {
            Ok(Ok(())) => {}
            Ok(Err(e)) => out.warnings.push(format!("page {n}: {e:?}")),
            Err(panic) => out.warnings.push(format!(
                "page {n}: the PDF parser crashed ({})",
                panic_message(&*panic)
            )),
        }
        let glyphs = collector.into_glyphs();
        let unreadable = glyphs
            .iter()
            .filter(|g| g.text.chars().any(glyph_names::is_unreadable))
            .count();
        if unreadable > 0 {
            unreadable_pages.push(n);
            unreadable_total += unreadable;
        }
        out.pages.push(layout(glyphs));
    }
    if let Some(tree) = tree {
        tree.remove(&mut doc);
    }
    if !unreadable_pages.is_empty() {
        out.warnings.push(format!(
            "{unreadable_total} characters left out on page{} {}: drawn in a font that does not say which characters they are (needs OCR)",
            if unreadable_pages.len() == 1 { "" } else { "s" },
            page_ranges(&unreadable_pages)
        ));
    }
    Ok(out)
}

/// Ascending page numbers as ranges: `2-5, 9`.
fn page_ranges(pages: &[u32]) -> String {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for &n in pages {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == n => *end = n,
            _ => ranges.push((n, n)),
        }
    }
    ranges
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn open(bytes: &[u8], password: Option<&str>) -> Result<Document, PdfError> {
    let options = match password {
        Some(p) => LoadOptions::with_password(p),
        None => LoadOptions::default(),
    };
    let doc = match catch_unwind(|| Document::load_mem_with_options(bytes, options)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(pdf_extract::Error::InvalidPassword)) => {
            return Err(PdfError::NeedsPassword(
                "the password given does not open it".into(),
            ));
        }
        Ok(Err(e)) => return Err(PdfError::Malformed(e.to_string())),
        Err(panic) => {
            return Err(PdfError::Malformed(format!(
                "the PDF parser crashed while opening it ({})",
                panic_message(&*panic)
            )));
        }
    };
    // The loader decrypts by itself when the empty user password (or the one given)
    // opens the file; an encrypted file it could not open is still encrypted.
    if doc.is_encrypted() && !doc.was_encrypted() {
        return Err(PdfError::NeedsPassword(
            "encrypted with a user password; none was given".into(),
        ));
    }
    Ok(doc)
}

/// The message of a caught panic.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_named_as_ranges() {
        assert_eq!(page_ranges(&[2, 3, 4, 5, 9, 11, 12]), "2-5, 9, 11-12");
        assert_eq!(page_ranges(&[7]), "7");
    }
}
