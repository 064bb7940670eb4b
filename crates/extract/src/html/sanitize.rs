//! The sanitised rendition of an article, safe to show inside the app.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Tags kept: text structure only. Everything that runs, loads or submits is gone.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "article",
    "header",
    "footer",
    "aside",
];

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::empty();
    b.tags(TAGS.iter().copied().collect::<HashSet<_>>())
        .clean_content_tags(
            ["script", "style", "template", "noscript"]
                .into_iter()
                .collect(),
        )
        .generic_attributes(["lang", "title", "dir"].into_iter().collect())
        .add_tag_attributes("a", ["href"])
        .add_tag_attributes("time", ["datetime"])
        .add_tag_attributes("td", ["colspan", "rowspan"])
        .add_tag_attributes("th", ["colspan", "rowspan", "scope"])
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer nofollow"))
        .strip_comments(true);
    b
});

/// Cleans HTML for display: only text-structure tags survive (no `script`, `style`,
/// `form`, `input`, `iframe`, `object`, `img`, `video`, `link`, `meta`), no `on*` event
/// handler, `style` or `src` attribute, and links only to absolute `http(s)`/`mailto`
/// addresses (opening no referrer). Nothing in the result loads anything by itself.
pub fn sanitize_html(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_that_runs_loads_or_submits_survives() {
        let dirty = r#"<p onclick="steal()">Hi <img src="https://tracker.example/p.gif"> <a href="javascript:alert(1)">x</a> <a href="https://ok.example/">ok</a></p>
<script>alert(1)</script><form action="/x"><input name="q"></form><iframe src="https://e.example"></iframe>
<style>body{}</style><video src="v.mp4"></video><p style="background:url(https://e.example/i.png)">styled</p>"#;
        let clean = sanitize_html(dirty).to_lowercase();
        for banned in [
            "<script",
            "onclick",
            "<img",
            "<form",
            "<input",
            "<iframe",
            "javascript:",
            "src=",
            "style=",
            "<style",
            "<video",
            "alert",
        ] {
            assert!(!clean.contains(banned), "{banned} survived in {clean}");
        }
        assert!(clean.contains("href=\"https://ok.example/\""));
        assert!(clean.contains("styled"));
    }
}
