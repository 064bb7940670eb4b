//! A bound on the length of one run of text, before the page is serialised.
//!
//! html5ever's serializer (0.40, used by dom_smoothie for the article and by ammonia for the
//! rendition) escapes a text node by stopping at every character it might escape and
//! scanning the rest of the node again, so its time grows with the node's length times the
//! characters of U+0080..U+00BF in it: a 460 KB paragraph of them took minutes and held an
//! ingest worker with no time limit (found by `dossier-fuzz`; fixture
//! `tests/fuzz-regressions/html/latin1-text-run-serialises-in-quadratic-time`). Real
//! paragraphs are a few kilobytes long; a text node longer than [`MAX_RUN_BYTES`] is cut
//! into runs of at most that length with an empty `<wbr>` between them, so every word and
//! its place are kept (a `<wbr>` adds no text), and serialising costs at most the page's
//! length times [`MAX_RUN_BYTES`].

use dom_query::{Document, NodeRef};

/// The longest run of text left whole, in bytes.
pub const MAX_RUN_BYTES: usize = 4096;

/// Elements whose text is read as it is (an `<wbr>` there would become text): left alone.
const RAW_TEXT: [&str; 6] = ["title", "textarea", "script", "style", "noscript", "xmp"];

/// Cuts every text node longer than [`MAX_RUN_BYTES`] into runs separated by `<wbr>`;
/// returns how many nodes were cut.
pub fn split_long_text(document: &Document) -> usize {
    let long: Vec<NodeRef<'_>> = document
        .root()
        .descendants_it()
        .filter(|n| n.is_text() && n.text().len() > MAX_RUN_BYTES)
        .filter(|n| {
            n.parent()
                .and_then(|p| p.node_name())
                .is_none_or(|name| !RAW_TEXT.contains(&name.to_ascii_lowercase().as_str()))
        })
        .collect();
    for node in &long {
        let text = node.text();
        let mut rest: &str = &text;
        while rest.len() > MAX_RUN_BYTES {
            let cut = cut_point(rest);
            node.insert_before(&document.tree.new_text(&rest[..cut]));
            node.insert_before(&document.tree.new_element("wbr"));
            rest = &rest[cut..];
        }
        node.insert_before(&document.tree.new_text(rest));
        node.remove_from_parent();
    }
    long.len()
}

/// Where to cut `text` (longer than [`MAX_RUN_BYTES`]): after the last white space in the
/// first [`MAX_RUN_BYTES`] bytes, or at the last character boundary there when a word is
/// that long.
fn cut_point(text: &str) -> usize {
    let mut end = MAX_RUN_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind(char::is_whitespace) {
        Some(space) if space > 0 => space + text[space..].chars().next().map_or(1, char::len_utf8),
        _ => end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_run_is_cut_at_spaces_and_keeps_every_word_in_order() {
        let paragraph = "Überweisung ¡sí! ½ ".repeat(2_000);
        let html = format!(
            "<html><head><title>{}</title></head><body><p>{paragraph}</p><p>short</p></body></html>",
            "t".repeat(5_000)
        );
        let document = Document::from(html.as_str());
        assert_eq!(split_long_text(&document), 1, "the title is left alone");
        let p = document.select("p").first();
        assert_eq!(p.text().to_string(), paragraph, "no word lost or moved");
        let runs: Vec<usize> = p
            .nodes()
            .iter()
            .flat_map(|n| n.children_it(false))
            .filter(|n| n.is_text())
            .map(|n| n.text().len())
            .collect();
        assert!(
            runs.len() > 10 && runs.iter().all(|&n| n <= MAX_RUN_BYTES),
            "{runs:?}"
        );
        assert_eq!(document.select("p wbr").length(), runs.len() - 1);
        assert_eq!(document.select("title").text().len(), 5_000);
    }

    #[test]
    fn a_word_longer_than_a_run_is_cut_on_a_character_boundary() {
        let word = "é".repeat(5_000);
        let document = Document::from(format!("<p>{word}</p>").as_str());
        assert_eq!(split_long_text(&document), 1);
        assert_eq!(document.select("p").text().to_string(), word);
    }
}
