//! Boilerplate removed before Readability scores the page.
//!
//! Readability keeps whatever sits inside the container it picks as the article, and on
//! real pages that container often holds more than the story: the "related articles"
//! teasers, share and print buttons, ad labels, newsletter boxes, star ratings. Like
//! trafilatura and jusText, we drop the parts of a page that announce themselves as
//! boilerplate before looking for the article: navigation, sidebars and footers by tag
//! or ARIA role, form controls, and elements whose `class` or `id` names say what they
//! are (`related`, `share`, `newsletter`, `ad`, `cookie`, `comments`, ...). Some parts
//! say what they are only by their text: an ad label standing alone ("- Anzeige -"), a
//! "more" link in brackets, a paragraph that is a label and a link to another story
//! ("Le puede interesar: <a>headline</a>").
//!
//! An element that contains the article itself (a `<main>`, `role=main` or
//! `itemprop=articleBody`) or a large share of the page's text is never removed, whatever
//! its name says: pages wrap their story in a `sidebar-layout` container as often as in
//! anything else.

use dom_query::{Document, Element, LocalName, NodeData, NodeRef, Selection, local_name};

/// Tags that are never part of an article's text.
const TAGS: &[&str] = &[
    "nav", "aside", "footer", "button", "select", "textarea", "label", "dialog",
];

/// Phrasing elements: their names say how they look or behave, not what they hold.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "cite", "code", "em", "font", "i", "img", "mark", "q", "s", "small", "span",
    "strong", "sub", "sup", "time", "u",
];

/// ARIA roles of page furniture.
const ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "contentinfo",
    "search",
    "dialog",
    "alertdialog",
];

/// Words in a `class` or `id` that name boilerplate. Matched against whole words of the
/// name (split at anything but a letter or digit), so `ad` matches `ad-label` and
/// `sas_ad_1` but not `header` or `download`.
const WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "advertisement",
    "advertising",
    "anzeige",
    "sponsor",
    "sponsored",
    "promo",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "newsletter",
    "subscribe",
    "cookie",
    "cookies",
    "consent",
    "comment",
    "comments",
    "breadcrumb",
    "breadcrumbs",
    "print",
    "rate",
    "rating",
    "teaser",
    "teasers",
    "outbrain",
    "taboola",
    "pagination",
    "navbar",
    "menu",
];

/// The letters the [`WORDS`] start with: bit `i` for the letter `b'a' + i`.
const FIRST_LETTERS: u32 = {
    let mut letters = 0;
    let mut i = 0;
    while i < WORDS.len() {
        letters |= 1 << (WORDS[i].as_bytes()[0] - b'a');
        i += 1;
    }
    letters
};

/// Pairs of consecutive words that name a list of links to other stories.
const PAIRS: &[(&str, &str)] = &[("view", "more"), ("see", "also")];

/// Removes the page's boilerplate elements (see the module docs); returns how many.
pub fn remove_boilerplate(document: &Document) -> usize {
    let Some(body) = document.body() else {
        return 0;
    };
    // One walk over the page finds every candidate (a walk costs as much as a selector).
    let mut page_text = 0;
    let mut named: Vec<NodeRef<'_>> = Vec::new();
    let mut announcements: Vec<NodeRef<'_>> = Vec::new();
    for node in body.descendants_it() {
        if let Some((len, label)) = with_text(&node, |text| {
            // Only a short text can be an ad label.
            (text.len(), text.len() <= 40 && is_ad_label(text))
        }) {
            page_text += len;
            if label {
                announcements.push(node);
            }
            continue;
        }
        // The element's name and attributes are read in place, in one look-up of the
        // node (reading each through `NodeRef` would copy it, on every element).
        let Some((boilerplate, tag)) = node.query_or(None, |n| {
            n.as_element().map(|el| {
                let tag = match &*el.name.local {
                    "a" => Some(Announcing::Link),
                    "p" => Some(Announcing::Paragraph),
                    _ => None,
                };
                (is_boilerplate(el), tag)
            })
        }) else {
            continue;
        };
        if boilerplate {
            named.push(node);
        }
        match tag {
            Some(Announcing::Link) => announcements.extend(bracketed_more_link(&node)),
            Some(Announcing::Paragraph)
                if has_colon_before_a_link(&node) && is_pointer_paragraph(&node) =>
            {
                announcements.push(node)
            }
            _ => {}
        }
    }
    let limit = (MAX_SHARE * page_text as f64) as usize;
    let mut removed = 0;
    for node in named {
        if attached(&node) && text_len(&node, limit) <= limit && !contains_article(&node) {
            // The heading right before a list of other stories is its title
            // ("Beiträge zum Thema"), not the article's.
            if let Some(heading) = node.prev_element_sibling()
                && is_section_heading(&heading)
            {
                heading.remove_from_parent();
                removed += 1;
            }
            node.remove_from_parent();
            removed += 1;
        }
    }
    for node in announcements {
        if attached(&node) {
            node.remove_from_parent();
            removed += 1;
        }
    }
    removed
}

/// The length of a node's text, counted only until it passes `limit` (a page's large
/// containers need not be counted to the end).
fn text_len(node: &NodeRef<'_>, limit: usize) -> usize {
    let mut len = 0;
    for text in node.descendants_it() {
        len += with_text(&text, str::len).unwrap_or(0);
        if len > limit {
            break;
        }
    }
    len
}

/// Applies `f` to a text node's text, in place (`NodeRef::text` would copy it); `None`
/// for other nodes.
fn with_text<T>(node: &NodeRef<'_>, f: impl FnOnce(&str) -> T) -> Option<T> {
    node.query(|n| match &n.data {
        NodeData::Text { contents } => Some(f(contents)),
        _ => None,
    })
    .flatten()
}

/// Whether a node is or holds the article's container, which is never removed, nor
/// anything around it: `<main>`, `role=main`, `itemprop=articleBody`. (An `<article>` is
/// not enough: lists of other stories set each teaser as one.)
fn contains_article(node: &NodeRef<'_>) -> bool {
    std::iter::once(*node)
        .chain(node.descendants_it())
        .filter(NodeRef::is_element)
        .any(|n| {
            n.node_name().is_some_and(|name| &*name == "main")
                || n.attr("role")
                    .is_some_and(|r| r.eq_ignore_ascii_case("main"))
                || n.attr("itemprop")
                    .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
        })
}

/// A "more" link set in brackets, `<a>[more]</a>` (the link) or
/// `<strong>[<a>czytaj więcej</a>]</strong>` (the link with its brackets): it announces
/// another page, it is not the article's text.
fn bracketed_more_link<'a>(link: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    // Most links' text does not start with a bracket: that is read in place, and only
    // the few that do have their whole text copied out.
    if text_starts_with_bracket(link) && is_bracketed(&link.text()) {
        return Some(*link);
    }
    let opens = link
        .prev_sibling()
        .is_some_and(|t| t.is_text() && t.text().trim_end().ends_with('['));
    let parent = link.parent().filter(|_| opens)?;
    is_bracketed(&parent.text()).then_some(parent)
}

/// Whether a node's text, leading white space aside, starts with `[`.
fn text_starts_with_bracket(node: &NodeRef<'_>) -> bool {
    node.descendants_it()
        .find_map(|n| with_text(&n, |t| t.trim_start().chars().next()).flatten())
        == Some('[')
}

/// Whether a node is still in the page (not inside a subtree removed before it).
fn attached(node: &NodeRef<'_>) -> bool {
    node.ancestors_it(None).any(|a| a.is_document())
}

/// A short h2-h6: a section's title.
fn is_section_heading(node: &NodeRef<'_>) -> bool {
    node.node_name().is_some_and(|n| {
        matches!(
            n.to_ascii_lowercase().as_str(),
            "h2" | "h3" | "h4" | "h5" | "h6"
        )
    }) && node.text().trim().chars().count() <= 80
}

/// The words pages put on an ad slot, in the corpus' languages.
const AD_LABELS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "anuncio",
    "anzeige",
    "publicidad",
    "publicidade",
    "publicite",
    "publicité",
    "pubblicità",
    "reklama",
    "sponsored",
    "werbung",
];

/// A text that is only an ad label, with any dashes or brackets around it.
fn is_ad_label(text: &str) -> bool {
    // Most short texts are the white space between tags.
    if !text.bytes().any(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let core =
        text.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || c == '–');
    if core.is_empty() || core.len() > 16 {
        return false;
    }
    // Every label starts with an ASCII letter, and no other character lowercases to an
    // ASCII letter but `K` (U+212A, Kelvin), which starts none: a first letter that no
    // label has rules the text out before it is lowercased (most short texts are words).
    let first = core.as_bytes()[0].to_ascii_lowercase();
    if !AD_LABELS.iter().any(|label| label.as_bytes()[0] == first) {
        return false;
    }
    let core = core.to_lowercase();
    let core: String = core.split_whitespace().collect::<Vec<_>>().join(" ");
    AD_LABELS.contains(&core.as_str())
}

/// "[more]", "[czytaj więcej]": one to three words in brackets, the way a "more" link
/// is set.
fn is_bracketed(text: &str) -> bool {
    let text = text.trim();
    text.strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .is_some_and(|inner| (1..=3).contains(&inner.split_whitespace().count()))
}

/// Whether some text before the paragraph's first link holds a colon: a test that reads
/// the text in place, so that the full test runs on few paragraphs.
fn has_colon_before_a_link(p: &NodeRef<'_>) -> bool {
    for node in p.descendants_it() {
        if node.node_name().is_some_and(|n| &*n == "a") {
            return false;
        }
        if with_text(&node, |t| t.contains(':')).unwrap_or(false) {
            return true;
        }
    }
    false
}

/// A paragraph that is a short label ending in a colon and a link to a headline:
/// "Le puede interesar: <a>JEP abrirá tres nuevos macrocasos</a>".
fn is_pointer_paragraph(p: &NodeRef<'_>) -> bool {
    let text = p.text();
    let text = text.trim();
    // Cheap tests first: most paragraphs are long, or have no colon near their start.
    if text.len() > 600 || text.chars().count() > 300 || !text.chars().take(80).any(|c| c == ':') {
        return false;
    }
    let links = Selection::from(*p).select("a");
    let Some(first) = links.nodes().first() else {
        return false;
    };
    let first_text = first.text();
    let Some(at) = text
        .find(first_text.trim())
        .filter(|_| !first_text.trim().is_empty())
    else {
        return false;
    };
    let label = text[..at].trim();
    let link_chars: usize = links.nodes().iter().map(|a| a.text().trim().len()).sum();
    label.ends_with(':')
        && (1..=5).contains(&label.split_whitespace().count())
        && first_text.split_whitespace().count() >= 3
        && 2 * link_chars >= text.len()
}

/// The elements that may announce another page rather than hold the article's text.
enum Announcing {
    /// `<a>`: a bracketed "more" link.
    Link,
    /// `<p>`: a label and a link to a headline.
    Paragraph,
}

/// Whether an element says by its tag (lowercase, as html5ever gives HTML names), role,
/// class or id that it is boilerplate.
fn is_boilerplate(element: &Element) -> bool {
    let name: &str = &element.name.local;
    let attr = |wanted: LocalName| element.attr_ref(wanted);
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    if TAGS.contains(&name) {
        return true;
    }
    if INLINE.contains(&name) {
        // A link or a span inside a sentence is part of the sentence, whatever its class
        // (`<a class="popup">` opens the cited page in a new window).
        return false;
    }
    if let Some(role) = attr(local_name!("role")) {
        if role.eq_ignore_ascii_case("main") || role.eq_ignore_ascii_case("article") {
            return false;
        }
        if ROLES.iter().any(|r| role.eq_ignore_ascii_case(r)) {
            return true;
        }
    }
    attr(local_name!("class")).is_some_and(names_boilerplate)
        || attr(local_name!("id"))
            .is_some_and(|id| words_of(id).count() <= MAX_ID_WORDS && names_boilerplate(id))
}

/// An `id` of more words than this is made from a heading's text
/// (`sharing-with-a-single-developer`), not a name for the element's role.
const MAX_ID_WORDS: usize = 3;

/// A named element holding more than this share of the page's text is a layout container
/// that happens to carry the name (`l-sidebar-fixed l-article-body-segment`), not
/// furniture: boilerplate is small beside the page.
const MAX_SHARE: f64 = 0.25;

/// Whether a `class` or `id` value names boilerplate.
fn names_boilerplate(names: &str) -> bool {
    let mut previous = "";
    for word in words_of(names) {
        if is_boilerplate_word(word)
            || PAIRS.iter().any(|(first, second)| {
                previous.eq_ignore_ascii_case(first) && word.eq_ignore_ascii_case(second)
            })
        {
            return true;
        }
        previous = word;
    }
    false
}

/// Whether one word of a name is in [`WORDS`] (any case), without allocating: names are
/// read on every element of every page.
fn is_boilerplate_word(word: &str) -> bool {
    // Most words of a name start with a letter that starts no word of the list.
    let first = word.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
    if !first.is_ascii_lowercase() || FIRST_LETTERS & (1 << (first - b'a')) == 0 {
        return false;
    }
    let mut lower = [0u8; 16];
    let Some(buf) = lower.get_mut(..word.len()) else {
        return false; // longer than any word in the list
    };
    buf.copy_from_slice(word.as_bytes());
    buf.make_ascii_lowercase();
    WORDS.iter().any(|w| w.as_bytes() == buf)
}

/// The words of a name, split at anything but a letter or digit.
fn words_of(names: &str) -> impl Iterator<Item = &str> {
    names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(html: &str) -> String {
        let document = Document::from(html);
        remove_boilerplate(&document);
        document
            .select("body")
            .text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn furniture_named_by_tag_role_or_class_goes_and_the_story_stays() {
        let page = r#"<body>
            <nav>Home News</nav>
            <div role="navigation">Sections</div>
            <div class="ad ad--billboard"><span class="ad-label">Reklama</span></div>
            <article>
              <p>The story.</p>
              <div class="h5ab-print-button">drukuj</div>
              <div class="news-rate"><label>Valora esta noticia</label></div>
              <div class="c-view-more">Veja também: other story</div>
              <div class="Teaser__container--other">Another story</div>
            </article>
            <footer>Imprint</footer>
        </body>"#;
        assert_eq!(cleaned(page), "The story.");
    }

    #[test]
    fn a_container_of_the_article_is_kept_whatever_its_name() {
        let page = r#"<body><div class="st-sidebar__container">
            <div class="st-sidebar__main" role="main"><p>The story, long enough to be
            most of the page, as a real story is beside a box of links.</p></div>
            <div class="st-sidebar__related">Most read</div>
        </div></body>"#;
        assert_eq!(
            cleaned(page),
            "The story, long enough to be most of the page, as a real story is beside a box of links."
        );
    }

    #[test]
    fn a_link_inside_a_sentence_stays_whatever_its_class() {
        let page = r#"<body><p>Read <a class="popup" href="https://e.example/">the ruling</a> today.</p></body>"#;
        assert_eq!(cleaned(page), "Read the ruling today.");
    }

    #[test]
    fn texts_that_announce_something_else_go() {
        let page = r#"<body><article>
            <p>The story goes on, and it is long enough to be most of the page by far.
               <a href="https://e.example/1">[read more]</a></p>
            <center>- Anzeige- <br><a href="https://ads.example/"></a></center>
            <p>Told by us. <strong>[<a href="https://e.example/4">więcej</a>]</strong></p>
            <p><strong>Le puede interesar: <a href="https://e.example/2">JEP abrirá tres nuevos macrocasos</a></strong></p>
            <p>Source: <a href="https://e.example/3">Reuters</a>, the agency said in its own report today.</p>
            <h2>Beiträge zum Thema</h2>
            <div class="related-posts">Another story</div>
        </article></body>"#;
        assert_eq!(
            cleaned(page),
            "The story goes on, and it is long enough to be most of the page by far. \
             Told by us. Source: Reuters, the agency said in its own report today."
        );
    }

    #[test]
    fn words_are_matched_whole() {
        assert!(names_boilerplate("sas_ad_container"));
        assert!(names_boilerplate("related-posts"));
        assert!(names_boilerplate("Teaser__container--other"));
        assert!(names_boilerplate("c-view-more"));
        assert!(!names_boilerplate("advertisementsandmore"));
        assert!(!names_boilerplate("header download"));
        assert!(!names_boilerplate("article-body"));
    }
}
