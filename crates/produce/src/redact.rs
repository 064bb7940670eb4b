//! Burning redactions into a PDF page. Chosen: the page is rasterised by poppler's
//! `pdftoppm` (a separate GPL process, as OCR already runs it) and produced as that image
//! with the redacted areas painted black in its pixels, plus an invisible text layer of the
//! words that are not redacted, placed where `pdftotext -bbox` found them. Why not edit the
//! content stream: text drawn through Type 3 fonts, XObjects, clipping or inline images can
//! carry the words in ways a content-stream filter misses, and a missed glyph is a leak; an
//! image has no text to leak, and the text layer holds only words we chose to keep. The
//! cost: a redacted page is an image (150 dpi, greyscale) and its words are searchable but
//! not in their original fonts. Pages without redactions stay as they were.

use std::path::Path;
use std::process::Command;

use crate::{ProduceError, winansi};

/// Resolution of a redacted page's image.
pub const DPI: u32 = 150;

/// Where a redaction is on its page.
#[derive(Debug, Clone, PartialEq)]
pub enum Area {
    /// These words, every time they stand together on the page.
    Quote(String),
    /// A box: left, top, width, height in points from the page's top-left corner.
    Box([f32; 4]),
}

/// One redaction of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Redaction {
    /// What it covers.
    pub area: Area,
    /// Why ("Privileged"): painted in the box.
    pub reason: String,
}

/// A word on a page, in points from the top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Left, top, right, bottom.
    pub bounds: [f32; 4],
    /// The word.
    pub text: String,
}

/// A page with its redactions burned in, ready to replace the original page.
#[derive(Debug, Clone)]
pub struct RedactedPage {
    /// Page size in points (as displayed, rotation applied).
    pub size: [f32; 2],
    /// The greyscale image, one byte a pixel, row by row.
    pub pixels: Vec<u8>,
    /// Its width and height in pixels.
    pub pixel_size: [u32; 2],
    /// The words kept, for the invisible text layer and the TEXT file.
    pub words: Vec<Word>,
    /// Each box painted (left, top, right, bottom in points) with its reason.
    pub boxes: Vec<([f32; 4], String)>,
}

fn tool_error(tool: &str, e: impl std::fmt::Display) -> ProduceError {
    ProduceError::Pdf(format!(
        "{tool} failed: {e} (install poppler-utils: scripts/install-system-deps.sh)"
    ))
}

/// Burns `redactions` into page `page` (from 1) of the PDF at `pdf`. A quote that is not
/// on the page is an error: a redaction is never silently skipped.
pub fn redact_page(
    pdf: &Path,
    page: u32,
    redactions: &[Redaction],
) -> Result<RedactedPage, ProduceError> {
    let (size, words) = page_words(pdf, page)?;
    let mut boxes = Vec::new();
    for r in redactions {
        match &r.area {
            Area::Quote(q) => {
                let found = find_quote(&words, q);
                if found.is_empty() {
                    return Err(ProduceError::Pdf(format!(
                        "the redaction {q:?} is not on page {page}"
                    )));
                }
                boxes.extend(found.into_iter().map(|b| (b, r.reason.clone())));
            }
            Area::Box([x, y, w, h]) => boxes.push(([*x, *y, x + w, y + h], r.reason.clone())),
        }
    }
    let kept = words
        .into_iter()
        .filter(|w| !boxes.iter().any(|(b, _)| overlaps(&w.bounds, b)))
        .collect();
    let (pixel_size, mut pixels) = rasterise(pdf, page)?;
    let scale = [
        pixel_size[0] as f32 / size[0],
        pixel_size[1] as f32 / size[1],
    ];
    for (b, _) in &boxes {
        let px = |v: f32, s: f32, max: u32| ((v * s).max(0.0) as u32).min(max);
        let (x0, x1) = (
            px(b[0], scale[0], pixel_size[0]),
            px(b[2], scale[0], pixel_size[0]),
        );
        let (y0, y1) = (
            px(b[1], scale[1], pixel_size[1]),
            px(b[3], scale[1], pixel_size[1]),
        );
        for y in y0..y1 {
            let row = (y * pixel_size[0]) as usize;
            pixels[row + x0 as usize..row + x1 as usize].fill(0);
        }
    }
    Ok(RedactedPage {
        size,
        pixels,
        pixel_size,
        words: kept,
        boxes,
    })
}

impl RedactedPage {
    /// The kept words as text, a line per run of words on one baseline.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut last_bottom: Option<f32> = None;
        for w in &self.words {
            match last_bottom {
                Some(b) if (b - w.bounds[3]).abs() < 2.0 => out.push(' '),
                Some(_) => out.push('\n'),
                None => {}
            }
            out.push_str(&w.text);
            last_bottom = Some(w.bounds[3]);
        }
        out.push('\n');
        out
    }

    /// The page's content: the image over the whole page, each reason in white on its
    /// box, then the kept words in invisible text (render mode 3) where they stood.
    /// `image` and `font` are the resource names.
    pub fn content(&self, image: &str, font: &str) -> Vec<u8> {
        let [w, h] = self.size;
        let mut out = format!("q {w:.3} 0 0 {h:.3} 0 0 cm /{image} Do Q\n").into_bytes();
        for (b, reason) in &self.boxes {
            let (bytes, _) = winansi::encode(reason);
            let (bw, bh) = (b[2] - b[0], b[3] - b[1]);
            let size = (bh * 0.7)
                .min(10.0)
                .min(bw / (0.6 * bytes.len().max(1) as f32));
            if size < 2.0 {
                continue;
            }
            let y = h - b[3] + (bh - size) / 2.0 + size * 0.2;
            out.extend_from_slice(
                format!(
                    "BT 1 g /{font} {size:.2} Tf 1 0 0 1 {:.2} {y:.2} Tm ",
                    b[0] + 1.0
                )
                .as_bytes(),
            );
            out.extend(winansi::pdf_literal(&bytes));
            out.extend_from_slice(b" Tj ET\n");
        }
        out.extend_from_slice(b"BT 3 Tr\n");
        for word in &self.words {
            let (bytes, _) = winansi::encode(&word.text);
            let [x0, y0, x1, y1] = word.bounds;
            let size = (y1 - y0).max(1.0);
            let natural = 0.6 * size * bytes.len().max(1) as f32;
            let stretch = 100.0 * (x1 - x0).max(0.5) / natural;
            out.extend_from_slice(
                format!(
                    "/{font} {size:.2} Tf {stretch:.1} Tz 1 0 0 1 {x0:.2} {:.2} Tm ",
                    h - y1 + size * 0.2
                )
                .as_bytes(),
            );
            out.extend(winansi::pdf_literal(&bytes));
            out.extend_from_slice(b" Tj\n");
        }
        out.extend_from_slice(b"ET\n");
        out
    }
}

fn overlaps(a: &[f32; 4], b: &[f32; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// A word as compared with a quote's: lower case, without the punctuation around it.
fn comparable(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The boxes (slightly padded) of every run of words that reads as `quote`.
fn find_quote(words: &[Word], quote: &str) -> Vec<[f32; 4]> {
    let wanted: Vec<String> = quote
        .split_whitespace()
        .map(comparable)
        .filter(|w| !w.is_empty())
        .collect();
    let have: Vec<String> = words.iter().map(|w| comparable(&w.text)).collect();
    let mut out = Vec::new();
    if wanted.is_empty() {
        return out;
    }
    for start in 0..have.len() {
        let mut i = start;
        let mut matched = 0;
        while matched < wanted.len() && i < have.len() {
            if have[i].is_empty() {
                i += 1;
                continue;
            }
            if have[i] != wanted[matched] {
                break;
            }
            matched += 1;
            i += 1;
        }
        if matched == wanted.len() {
            // One box a line: the words of the match that share a line, joined.
            let mut line: Option<[f32; 4]> = None;
            for w in &words[start..i] {
                let [a, b, c, d] = w.bounds;
                line = match line {
                    Some(l) if (l[1] - (b - 1.0)).abs() < 2.0 && a + 1.0 >= l[2] - 1.0 => {
                        Some([l[0], l[1].min(b - 1.0), c + 1.0, l[3].max(d + 1.0)])
                    }
                    Some(l) => {
                        out.push(l);
                        Some([a - 1.0, b - 1.0, c + 1.0, d + 1.0])
                    }
                    None => Some([a - 1.0, b - 1.0, c + 1.0, d + 1.0]),
                };
            }
            out.extend(line);
        }
    }
    out
}

/// The page's size and words, read by `pdftotext -bbox`.
fn page_words(pdf: &Path, page: u32) -> Result<([f32; 2], Vec<Word>), ProduceError> {
    let n = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-f", &n, "-l", &n, "-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .map_err(|e| tool_error("pdftotext", e))?;
    if !out.status.success() {
        return Err(tool_error(
            "pdftotext",
            String::from_utf8_lossy(&out.stderr).trim(),
        ));
    }
    parse_bbox(&String::from_utf8_lossy(&out.stdout))
        .ok_or_else(|| ProduceError::Pdf(format!("page {page}: pdftotext found no page")))
}

fn attribute(tag: &str, name: &str) -> Option<f32> {
    let from = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let to = tag[from..].find('"')? + from;
    tag[from..to].parse().ok()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The page size and words of `pdftotext -bbox` output for one page.
fn parse_bbox(html: &str) -> Option<([f32; 2], Vec<Word>)> {
    let page_at = html.find("<page ")?;
    let page_tag = &html[page_at..page_at + html[page_at..].find('>')?];
    let size = [
        attribute(page_tag, "width")?,
        attribute(page_tag, "height")?,
    ];
    let mut words = Vec::new();
    let mut rest = &html[page_at..];
    while let Some(at) = rest.find("<word ") {
        rest = &rest[at..];
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[..close];
        let Some(end) = rest.find("</word>") else {
            break;
        };
        let text = unescape(&rest[close + 1..end]);
        if let (Some(a), Some(b), Some(c), Some(d)) = (
            attribute(tag, "xMin"),
            attribute(tag, "yMin"),
            attribute(tag, "xMax"),
            attribute(tag, "yMax"),
        ) {
            words.push(Word {
                bounds: [a, b, c, d],
                text,
            });
        }
        rest = &rest[end..];
    }
    Some((size, words))
}

/// The page as a greyscale image at [`DPI`], by `pdftoppm` (crop box, rotation applied).
fn rasterise(pdf: &Path, page: u32) -> Result<([u32; 2], Vec<u8>), ProduceError> {
    let n = page.to_string();
    let out = Command::new("pdftoppm")
        .args([
            "-f",
            &n,
            "-l",
            &n,
            "-r",
            &DPI.to_string(),
            "-gray",
            "-cropbox",
        ])
        .arg(pdf)
        .output()
        .map_err(|e| tool_error("pdftoppm", e))?;
    if !out.status.success() {
        return Err(tool_error(
            "pdftoppm",
            String::from_utf8_lossy(&out.stderr).trim(),
        ));
    }
    parse_pgm(&out.stdout)
        .ok_or_else(|| ProduceError::Pdf(format!("page {page}: pdftoppm gave no image")))
}

/// A binary PGM (`P5`, 8-bit): its size and pixels.
fn parse_pgm(bytes: &[u8]) -> Option<([u32; 2], Vec<u8>)> {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes.get(i)?.is_ascii_whitespace() {
            i += 1;
        }
        if bytes[i] == b'#' {
            while *bytes.get(i)? != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        while !bytes.get(i)?.is_ascii_whitespace() {
            i += 1;
        }
        fields.push(std::str::from_utf8(&bytes[start..i]).ok()?.to_owned());
    }
    i += 1;
    if fields[0] != "P5" || fields[3] != "255" {
        return None;
    }
    let (w, h): (u32, u32) = (fields[1].parse().ok()?, fields[2].parse().ok()?);
    let pixels = bytes.get(i..i + (w * h) as usize)?.to_vec();
    Some(([w, h], pixels))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x: f32, text: &str) -> Word {
        Word {
            bounds: [x, 10.0, x + 5.0, 20.0],
            text: text.into(),
        }
    }

    #[test]
    fn a_quote_is_found_across_case_and_punctuation_every_time_it_stands() {
        let words = [
            word(0.0, "Call"),
            word(10.0, "Dr."),
            word(20.0, "Feld,"),
            word(30.0, "then"),
            word(40.0, "dr"),
            word(50.0, "feld"),
        ];
        // Two matches, each one box over its two words (they share a line).
        assert_eq!(
            find_quote(&words, "Dr Feld"),
            [[9.0, 9.0, 26.0, 21.0], [39.0, 9.0, 56.0, 21.0]]
        );
        assert!(find_quote(&words, "Feld then dr feld call").is_empty());
    }

    #[test]
    fn bbox_output_gives_the_page_size_and_unescaped_words() {
        let html = r#"<doc><page width="612.000000" height="792.000000">
<word xMin="72.0" yMin="33.5" xMax="89.5" yMax="41.9">A&amp;B</word>
</page></doc>"#;
        let (size, words) = parse_bbox(html).expect("a page");
        assert_eq!(size, [612.0, 792.0]);
        assert_eq!(
            words,
            [Word {
                bounds: [72.0, 33.5, 89.5, 41.9],
                text: "A&B".into()
            }]
        );
    }

    #[test]
    fn a_pgm_reads_with_a_comment_in_its_header() {
        let pgm = b"P5\n# made\n2 1\n255\n\x00\xff";
        assert_eq!(parse_pgm(pgm), Some(([2, 1], vec![0, 255])));
    }
}
