//! Writes a laid-out filing as a PDF with `pdf-writer`.
//!
//! Only the standard Type 1 fonts (Times-Roman, Times-Bold) with WinAnsiEncoding are used,
//! so no font is embedded and any extractor maps every byte back to its character. The
//! output is a pure function of the filing: no creation date, and a file ID derived from
//! the file's name, so regenerating gives the same bytes.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::MakerError;
use crate::filing::{Filing, Line};

const PAGE_WIDTH: f32 = 612.0;
const PAGE_HEIGHT: f32 = 792.0;
const LEFT_MARGIN: f32 = 72.0;
const BODY_SIZE: f32 = 12.0;
const STAMP_SIZE: f32 = 9.0;
/// Double spacing, as pleadings are set.
const LEADING: f32 = 26.0;
const FIRST_BASELINE: f32 = PAGE_HEIGHT - 84.0;

const ROMAN: Name<'static> = Name(b"F1");
const BOLD: Name<'static> = Name(b"F2");

/// Renders the filing; a character WinAnsi cannot encode is an error naming it.
pub fn render(filing: &Filing) -> Result<Vec<u8>, MakerError> {
    let mut pdf = Pdf::new();
    let mut next = 1;
    let mut alloc = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let catalog_id = alloc();
    let pages_id = alloc();
    let roman_id = alloc();
    let bold_id = alloc();
    let info_id = alloc();
    let page_ids: Vec<(Ref, Ref)> = filing.pages.iter().map(|_| (alloc(), alloc())).collect();

    pdf.set_file_id((file_id(&filing.file), file_id(&filing.file)));
    pdf.catalog(catalog_id).pages(pages_id);
    pdf.pages(pages_id)
        .kids(page_ids.iter().map(|(page, _)| *page))
        .count(page_ids.len() as i32);
    pdf.type1_font(roman_id)
        .base_font(Name(b"Times-Roman"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold_id)
        .base_font(Name(b"Times-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    let mut info = pdf.document_info(info_id);
    info.title(TextStr(&filing.title))
        .author(TextStr(&filing.author))
        .subject(TextStr(&filing.subject))
        .creator(TextStr("dossier-sample-maker"));
    info.finish();

    for (n, (lines, (page_id, content_id))) in filing.pages.iter().zip(&page_ids).enumerate() {
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .parent(pages_id)
            .contents(*content_id);
        page.resources()
            .fonts()
            .pair(ROMAN, roman_id)
            .pair(BOLD, bold_id);
        page.finish();

        let mut content = Content::new();
        let stamp = encode(&filing.stamp_for(n + 1), &filing.file)?;
        text_at(
            &mut content,
            ROMAN,
            STAMP_SIZE,
            LEFT_MARGIN,
            PAGE_HEIGHT - 40.0,
            &stamp,
        );
        for (i, line) in lines.iter().enumerate() {
            let y = FIRST_BASELINE - LEADING * i as f32;
            match line {
                Line::Blank => {}
                Line::Left { indent, text } => {
                    let bytes = encode(text, &filing.file)?;
                    let x = LEFT_MARGIN + f32::from(*indent);
                    text_at(&mut content, ROMAN, BODY_SIZE, x, y, &bytes);
                }
                Line::Heading(text) => {
                    let bytes = encode(text, &filing.file)?;
                    // Centred by an estimate of the width (bold capitals run wide).
                    let width = bytes.len() as f32 * BODY_SIZE * 0.62;
                    let x = ((PAGE_WIDTH - width) / 2.0).max(LEFT_MARGIN);
                    text_at(&mut content, BOLD, BODY_SIZE, x, y, &bytes);
                }
            }
        }
        pdf.stream(*content_id, &content.finish());
    }
    Ok(pdf.finish())
}

fn text_at(content: &mut Content, font: Name<'_>, size: f32, x: f32, y: f32, bytes: &[u8]) {
    content
        .begin_text()
        .set_font(font, size)
        .next_line(x, y)
        .show(Str(bytes))
        .end_text();
}

/// A fixed 16-byte file identifier made from the file's name (FNV-1a, twice).
fn file_id(name: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(16);
    for seed in [0xcbf2_9ce4_8422_2325_u64, 0x8422_2325_cbf2_9ce4] {
        let mut h = seed;
        for b in name.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        out.extend_from_slice(&h.to_be_bytes());
    }
    out
}

/// Encodes text in WinAnsiEncoding: ASCII, Latin-1 and the typographic punctuation the
/// encoding places in 0x80–0x9F.
fn encode(text: &str, file: &str) -> Result<Vec<u8>, MakerError> {
    text.chars()
        .map(|c| {
            let code = match c {
                ' '..='~' => Some(c as u8),
                '\u{A0}'..='\u{FF}' => Some(c as u32 as u8),
                '\u{2018}' => Some(0x91),
                '\u{2019}' => Some(0x92),
                '\u{201C}' => Some(0x93),
                '\u{201D}' => Some(0x94),
                '\u{2013}' => Some(0x96),
                '\u{2014}' => Some(0x97),
                '\u{2022}' => Some(0x95),
                '\u{20AC}' => Some(0x80),
                _ => None,
            };
            code.ok_or_else(|| MakerError::Unencodable {
                file: file.to_owned(),
                character: c,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winansi_covers_latin_and_curly_quotes_and_refuses_the_rest() {
        assert_eq!(
            encode("\u{A7} \u{201C}x\u{201D}", "f").expect("encodes"),
            vec![0xA7, b' ', 0x93, b'x', 0x94]
        );
        let e = encode("\u{4E2D}", "complaint.pdf").expect_err("CJK is not WinAnsi");
        assert!(e.to_string().contains("complaint.pdf"), "{e}");
    }

    #[test]
    fn the_file_id_depends_only_on_the_name() {
        assert_eq!(file_id("a.pdf"), file_id("a.pdf"));
        assert_ne!(file_id("a.pdf"), file_id("b.pdf"));
        assert_eq!(file_id("a.pdf").len(), 16);
    }
}
