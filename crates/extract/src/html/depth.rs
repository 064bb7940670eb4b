//! A bound on how deeply a page's elements nest, before any library walks the tree.
//!
//! html5ever builds a tree of any depth without recursion, but the libraries that read it
//! afterwards recurse once per level (dom_query's selector matching inside dom_smoothie):
//! a page of a few thousand nested `<table><tr><td>` overflowed a 2 MiB worker stack and
//! aborted the whole process (found by `dossier-fuzz`; fixture
//! `tests/fuzz-regressions/html/deep-table-nesting-overflows-the-stack`). Real pages
//! nest a few dozen levels; content deeper than [`MAX_DEPTH`] is kept as its text, in the
//! element at that depth, so no word is lost and every walk stays shallow.

use dom_query::{Document, NodeRef};

/// The deepest element kept as markup. Real pages in the corpus nest under 40 levels.
pub const MAX_DEPTH: usize = 256;

/// Replaces the content of every element at [`MAX_DEPTH`] that has elements inside with
/// that content's text; returns how many were flattened. Walks without recursion.
pub fn flatten_deep_nesting(document: &Document) -> usize {
    let mut flattened = 0;
    let mut stack: Vec<(NodeRef<'_>, usize)> = vec![(document.root(), 0)];
    while let Some((node, depth)) = stack.pop() {
        if depth >= MAX_DEPTH {
            if node.children_it(false).any(|c| c.is_element()) {
                let text = node.text();
                node.set_text(text);
                flattened += 1;
            }
            continue;
        }
        stack.extend(node.children_it(false).map(|c| (c, depth + 1)));
    }
    flattened
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize, inner: &str) -> String {
        format!(
            "{}{inner}{}",
            "<div>".repeat(levels),
            "</div>".repeat(levels)
        )
    }

    #[test]
    fn content_nested_past_the_bound_is_kept_as_text_and_shallow_pages_are_untouched() {
        let shallow = Document::from(nested(30, "<p>kept <b>as is</b></p>").as_str());
        assert_eq!(flatten_deep_nesting(&shallow), 0);
        assert_eq!(shallow.select("b").length(), 1);

        let deep = Document::from(nested(5000, "<p>deep <b>words</b></p>").as_str());
        assert_eq!(flatten_deep_nesting(&deep), 1);
        assert!(deep.select("body").text().contains("deep words"));
        assert_eq!(deep.select("b").length(), 0);
    }
}
