//! HTML articles: the main content (dom_smoothie, a port of Mozilla's Readability), on
//! the page's real charset, with the article's metadata and a sanitised rendition.
//!
//! - Charset: a byte-order mark, else the `<meta charset>` / `http-equiv` declaration in
//!   the first 8 KiB (as browsers prescan), else valid UTF-8, else the charset chardetng
//!   detects (as Firefox does). A page that declares UTF-8 but is not is detected the
//!   same way, with a warning.
//! - Metadata: dom_smoothie reads Open Graph, Dublin Core, `article:*`, Twitter and
//!   JSON-LD; [`meta`] adds what it leaves out (canonical link, more date tags, `<time>`,
//!   dates in the URL) and normalises dates to ISO 8601.
//! - Boilerplate: navigation, sidebars, share and print buttons, related-story lists and
//!   other furniture that names itself as such is removed before Readability looks for
//!   the article ([`boilerplate`]), as trafilatura does.
//! - The rendition (`meta["rendition.html"]`) is the article's HTML after [`sanitize_html`]:
//!   no scripts, event handlers, forms, frames, images or other remote loads.

mod boilerplate;
mod dates;
mod depth;
mod long_text;
mod meta;
mod sanitize;

use std::borrow::Cow;

use dom_smoothie::{Config, Readability, TextMode};
use encoding_rs::{Encoding, UTF_8};

use crate::{ExtractError, Extraction, Extractor, Hints, Probe};

pub use dates::normalize_date;
pub use sanitize::sanitize_html;

/// Reads HTML pages as articles.
#[derive(Debug, Default, Clone, Copy)]
pub struct HtmlExtractor;

const HTML_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "shtml"];

impl Extractor for HtmlExtractor {
    fn name(&self) -> &'static str {
        "html"
    }

    fn version(&self) -> u32 {
        1
    }

    /// 85 on an `.html`-like name, 85 when the file starts like HTML (a doctype or an
    /// `<html>` tag), 0 otherwise: above the plain-text extractor (10 on unknown text,
    /// 80 on `.txt`).
    fn bid(&self, probe: &Probe<'_>) -> u8 {
        let ext_says = probe
            .extension()
            .is_some_and(|e| HTML_EXTENSIONS.contains(&e.as_str()));
        if ext_says || sniff_html(probe.head) {
            85
        } else {
            0
        }
    }

    fn extract(&self, bytes: &[u8], hints: &Hints) -> Result<Extraction, ExtractError> {
        let (html, charset, warning) = decode_html_borrowed(bytes);
        let mut out = Extraction {
            kind: "article".into(),
            media_type: "text/html".into(),
            ..Extraction::default()
        };
        out.meta.insert("charset".into(), charset.into());
        out.warnings.extend(warning);

        let document = dom_query::Document::from(&*html);
        let flattened = depth::flatten_deep_nesting(&document);
        if flattened > 0 {
            out.warnings.push(format!(
                "elements nested deeper than {} levels are kept as their text",
                depth::MAX_DEPTH
            ));
        }
        long_text::split_long_text(&document);
        let page = meta::PageMeta::read(&document);
        boilerplate::remove_boilerplate(&document);
        let config = Config {
            text_mode: TextMode::Formatted,
            ..Config::default()
        };
        let readability =
            Readability::with_document(document, None, Some(config)).map_err(|e| {
                ExtractError::Malformed {
                    format: "HTML",
                    reason: e.to_string(),
                }
            })?;
        let mut readability = readability;
        match readability.parse() {
            Ok(article) => {
                out.text = tidy_text(&article.text_content);
                out.title = Some(article.title.trim().to_owned()).filter(|t| !t.is_empty());
                let rendition = sanitize_html(&article.content);
                out.meta.insert("rendition.html".into(), rendition);
                page.apply(&mut out, &article, hints.file_name.as_deref());
            }
            Err(e) => {
                // No main content: keep the whole visible text rather than nothing.
                let whole = dom_query::Document::from(&*html);
                depth::flatten_deep_nesting(&whole);
                whole.select("script, style, noscript, template").remove();
                out.text = tidy_text(&whole.select("body").text());
                out.warnings.push(format!(
                    "no main content found ({e}): the whole page's text is kept"
                ));
                page.apply_without_article(&mut out);
            }
        }
        Ok(out)
    }
}

/// Whether the first bytes look like an HTML document.
fn sniff_html(head: &[u8]) -> bool {
    let start = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = &start[..start.len().min(1024)];
    let lower: Vec<u8> = start
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .map(u8::to_ascii_lowercase)
        .collect();
    lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || (lower.starts_with(b"<!--") || lower.starts_with(b"<?xml"))
            && lower.windows(5).any(|w| w == b"<html")
}

/// Decodes a page on its real charset; returns the text, the charset's name and a
/// warning when the charset had to be guessed or the declaration was wrong.
pub fn decode_html(bytes: &[u8]) -> (String, &'static str, Option<String>) {
    let (text, charset, warning) = decode_html_borrowed(bytes);
    (text.into_owned(), charset, warning)
}

/// [`decode_html`] without a copy of a page that is already UTF-8 (most pages), and
/// with the whole page validated as UTF-8 once, whatever it declares.
fn decode_html_borrowed(bytes: &[u8]) -> (Cow<'_, str>, &'static str, Option<String>) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text, encoding.name(), None);
    }
    let declared = prescan_charset(&bytes[..bytes.len().min(8192)]);
    let utf8 = std::str::from_utf8(bytes).ok();
    match (declared, utf8) {
        // A page saved as UTF-8 often keeps a stale legacy declaration; valid UTF-8 of
        // any length is almost never legacy text. All-ASCII text is read with the
        // charset it declares.
        (Some(enc), _) if enc != UTF_8 && (bytes.is_ascii() || utf8.is_none()) => {
            let (text, _) = enc.decode_without_bom_handling(bytes);
            (text, enc.name(), None)
        }
        (_, Some(text)) => (Cow::Borrowed(text), UTF_8.name(), None),
        (Some(enc), None) if enc == UTF_8 => {
            legacy_or_damaged_utf8(bytes, "declared UTF-8 but is not")
        }
        _ => legacy_or_damaged_utf8(bytes, "no charset declared and not UTF-8"),
    }
}

/// Bytes that are not valid UTF-8: UTF-8 with a few damaged sequences (a page cut
/// mid-character) stays UTF-8, with the damage replaced; anything else is read in the
/// legacy charset chardetng detects.
fn legacy_or_damaged_utf8(
    bytes: &[u8],
    why: &str,
) -> (Cow<'static, str>, &'static str, Option<String>) {
    let lossy = String::from_utf8_lossy(bytes);
    let bad = lossy.matches('\u{FFFD}').count();
    let good = lossy
        .chars()
        .filter(|c| !c.is_ascii() && *c != '\u{FFFD}')
        .count();
    if good > 0 && bad * 50 <= good {
        let warning = format!("{why}: {bad} damaged UTF-8 sequence(s) replaced");
        return (Cow::Owned(lossy.into_owned()), UTF_8.name(), Some(warning));
    }
    let encoding = crate::charset::detect_legacy(bytes);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let warning = format!("{why}: read as {} (detected)", encoding.name());
    (
        Cow::Owned(text.into_owned()),
        encoding.name(),
        Some(warning),
    )
}

/// The charset a page declares in a `<meta>` tag near its start.
fn prescan_charset(head: &[u8]) -> Option<&'static Encoding> {
    // The strict check first: it is much quicker than the lossy one on the valid UTF-8
    // most heads are, and it gives the same text there.
    let text = match std::str::from_utf8(head) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(head),
    }
    .to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = text[from..].find("<meta") {
        let start = from + i;
        let end = text[start..].find('>').map_or(text.len(), |e| start + e);
        let tag = &text[start..end];
        if let Some(c) = tag.find("charset") {
            let value = tag[c + "charset".len()..]
                .trim_start()
                .strip_prefix('=')
                .map(|v| v.trim_start().trim_start_matches(['"', '\'']))
                .unwrap_or("");
            let label: String = value
                .chars()
                .take_while(|ch| !matches!(ch, '"' | '\'' | ';' | ' ' | '/' | '>'))
                .collect();
            if let Some(enc) = Encoding::for_label(label.as_bytes()) {
                // A page cannot really be UTF-16 if we are reading this tag as ASCII.
                return Some(
                    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                        UTF_8
                    } else {
                        enc
                    },
                );
            }
        }
        from = end.max(start + 5);
    }
    None
}

/// Trims every line and drops runs of blank lines.
fn tidy_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        out.push_str(line);
        blank = 0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_nested_thousands_of_levels_deep_is_read_on_a_worker_sized_stack() {
        // Ingest's workers have Rust's default 2 MiB stack; before the bound, this page
        // overflowed it inside dom_smoothie and aborted the process.
        let page = format!(
            "<html><body>{}<p>The deep clause survives.</p>{}</body></html>",
            "<table><tr><td>".repeat(3000),
            "</td></tr></table>".repeat(3000)
        );
        let reader = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || HtmlExtractor.extract(page.as_bytes(), &Hints::default()))
            .expect("thread");
        let out = reader.join().expect("no panic").expect("read");
        assert!(
            out.text.contains("The deep clause survives."),
            "{}",
            out.text
        );
        assert!(
            out.warnings
                .iter()
                .any(|w| w.contains("nested deeper than 256 levels"))
        );
    }

    #[test]
    fn bids_on_html_names_and_html_starts_above_plain_text() {
        let x = HtmlExtractor;
        assert_eq!(x.bid(&Probe::named("page.html", b"whatever")), 85);
        assert_eq!(
            x.bid(&Probe::named("source", b"\n  <!DOCTYPE html><html>")),
            85
        );
        assert_eq!(x.bid(&Probe::named("a.txt", b"just words")), 0);
    }

    #[test]
    fn the_declared_charset_is_honoured() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1250\"></head><body>\x8Ea\x9Eo\x9A</body></html>";
        let (text, charset, warning) = decode_html(page);
        assert_eq!(charset, "windows-1250");
        assert!(text.contains("Žažoš"), "{text}");
        assert_eq!(warning, None);
        let (text, charset, _) = decode_html(b"<meta charset=\"iso-8859-1\"><p>caf\xE9</p>");
        assert_eq!(charset, "windows-1252");
        assert!(text.contains("café"));
    }

    #[test]
    fn utf8_that_declares_latin1_stays_utf8_and_undeclared_legacy_is_guessed() {
        let (text, charset, _) = decode_html("<meta charset=iso-8859-1><p>Zoë</p>".as_bytes());
        assert_eq!(charset, "UTF-8");
        assert!(text.contains("Zoë"));
        let (_, charset, warning) = decode_html(b"<p>caf\xE9</p>");
        assert_eq!(charset, "windows-1252");
        assert!(warning.is_some());
    }

    #[test]
    fn a_page_that_declares_utf8_but_is_legacy_is_detected_with_a_warning() {
        let (text, charset, warning) = decode_html(b"<meta charset=utf-8><p>caf\xE9 cr\xE8me</p>");
        assert_eq!(charset, "windows-1252");
        assert!(text.contains("café crème"), "{text}");
        assert_eq!(
            warning.as_deref(),
            Some("declared UTF-8 but is not: read as windows-1252 (detected)")
        );
        let (text, charset, _) = decode_html(b"<meta charset=windows-1251><p>plain ascii</p>");
        assert_eq!(
            charset, "windows-1251",
            "all-ASCII text keeps its declaration"
        );
        assert!(text.contains("plain ascii"));
    }

    #[test]
    fn undeclared_cyrillic_and_japanese_pages_are_detected() {
        let russian = "<html><body><p>Суд постановил признать договор недействительным и взыскать с ответчика расходы.</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
        let (text, charset, warning) = decode_html(&bytes);
        assert_eq!((text.as_str(), charset), (russian, "windows-1251"));
        assert_eq!(
            warning.as_deref(),
            Some("no charset declared and not UTF-8: read as windows-1251 (detected)")
        );
        let japanese = "<html><body><p>裁判所は契約を無効と判断し、被告に費用の支払いを命じた。</p></body></html>";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(japanese);
        let (text, charset, _) = decode_html(&bytes);
        assert_eq!((text.as_str(), charset), (japanese, "Shift_JIS"));
    }
}
