//! Just enough HTML to read a saved page's wording: tags dropped, block elements as
//! paragraph breaks, scripts, styles and the document head skipped, entities decoded.
//!
//! This is not a conforming HTML parser; it never fails, and on broken markup it keeps
//! the text it can see, which is what a comparison of wording needs.

/// Elements whose content is not text a reader sees.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "iframe", "object",
];

/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "title",
    "tr",
    "ul",
];

/// The text of an HTML page, one string per block.
pub(crate) fn blocks(html: &str) -> Vec<String> {
    let chars: Vec<char> = html.chars().collect();
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '<' => {
                let Some(len) = tag_len(&chars[i..]) else {
                    current.push('<');
                    i += 1;
                    continue;
                };
                let (name, closing) = tag_name(&chars[i..i + len]);
                i += len;
                if !closing && SKIPPED.contains(&name.as_str()) {
                    i = skip_element(&chars, i, &name);
                    continue;
                }
                if BLOCKS.contains(&name.as_str()) {
                    if !current.trim().is_empty() {
                        blocks.push(std::mem::take(&mut current));
                    }
                    current.clear();
                }
            }
            '&' => {
                let (decoded, len) = entity(&chars[i..]);
                current.push_str(&decoded);
                i += len;
            }
            c => {
                current.push(c);
                i += 1;
            }
        }
    }
    if !current.trim().is_empty() {
        blocks.push(current);
    }
    blocks
}

/// The length of the tag, comment or declaration starting at `chars[0] == '<'`, or `None`
/// when the `<` does not start one (a lone "less than" in text).
pub(crate) fn tag_len(chars: &[char]) -> Option<usize> {
    let next = *chars.get(1)?;
    if next == '!' && chars.get(2) == Some(&'-') && chars.get(3) == Some(&'-') {
        let end = (4..chars.len().saturating_sub(2))
            .find(|&j| chars[j] == '-' && chars[j + 1] == '-' && chars[j + 2] == '>')
            .map_or(chars.len(), |j| j + 3);
        return Some(end);
    }
    if !(next.is_ascii_alphabetic() || next == '/' || next == '!' || next == '?') {
        return None;
    }
    let mut quote = None;
    for (j, &c) in chars.iter().enumerate().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(j + 1),
            _ => {}
        }
    }
    None
}

/// Whether a tag (as found by [`tag_len`]) opens or closes a block element.
pub(crate) fn is_block_tag(tag: &[char]) -> bool {
    BLOCKS.contains(&tag_name(tag).0.as_str())
}

/// A tag's lowercased name and whether it closes an element.
fn tag_name(tag: &[char]) -> (String, bool) {
    let closing = tag.get(1) == Some(&'/');
    let name = tag
        .iter()
        .skip(if closing { 2 } else { 1 })
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (name, closing)
}

/// The index just after `</name>`, or the end of the input when it never closes.
fn skip_element(chars: &[char], from: usize, name: &str) -> usize {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '<'
            && let Some(len) = tag_len(&chars[i..])
        {
            let (n, closing) = tag_name(&chars[i..i + len]);
            i += len;
            if closing && n == name {
                return i;
            }
            continue;
        }
        i += 1;
    }
    chars.len()
}

/// Decodes the character reference at `chars[0] == '&'`; returns the text and how many
/// characters it used. An unknown or malformed reference is kept as it is.
pub(crate) fn entity(chars: &[char]) -> (String, usize) {
    let end = chars
        .iter()
        .take(12)
        .position(|&c| c == ';')
        .filter(|&e| e > 1);
    let Some(end) = end else {
        return ("&".into(), 1);
    };
    let body: String = chars[1..end].iter().collect();
    let decoded = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        };
        code.and_then(char::from_u32).map(String::from)
    } else {
        named(&body).map(str::to_owned)
    };
    match decoded {
        Some(text) => (text, end + 1),
        None => ("&".into(), 1),
    }
}

fn named(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{A0}",
        "lsquo" => "\u{2018}",
        "rsquo" => "\u{2019}",
        "ldquo" => "\u{201C}",
        "rdquo" => "\u{201D}",
        "ndash" => "\u{2013}",
        "mdash" => "\u{2014}",
        "hellip" => "\u{2026}",
        "copy" => "\u{A9}",
        "reg" => "\u{AE}",
        "trade" => "\u{2122}",
        "shy" => "\u{AD}",
        "eacute" => "é",
        "egrave" => "è",
        "agrave" => "à",
        "ccedil" => "ç",
        "uuml" => "ü",
        "ouml" => "ö",
        "auml" => "ä",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::{Format, Normalised};

    #[test]
    fn html_markup_scripts_and_entities_do_not_count_as_wording() {
        let page = r#"<!DOCTYPE html><html><head><title>Privacy</title>
            <script>var x = "<p>not text</p>";</script></head>
            <body><h1>Privacy&nbsp;Policy</h1><!-- tracking -->
            <p class="x">We <b>collect</b> data
               you&rsquo;ve given us &amp; more.</p><div>Effective <span>May 1, 2024</span></div>
            <p>1 < 2</p></body></html>"#;
        let n = Normalised::new(page, Format::Html);
        assert_eq!(
            n.paragraphs(),
            [
                "Privacy Policy",
                "We collect data you've given us & more.",
                "Effective May 1, 2024",
                "1 < 2"
            ]
        );
    }

    #[test]
    fn the_same_wording_in_markdown_and_html_normalises_the_same() {
        let md = Normalised::new(
            "# Terms\n\nWe **may** change these terms.",
            Format::Markdown,
        );
        let html = Normalised::new(
            "<html><body><h1>Terms</h1><p>We <em>may</em>\nchange these terms.</p></body></html>",
            Format::Html,
        );
        assert_eq!(md, html);
    }
}
