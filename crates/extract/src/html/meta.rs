//! Article metadata beyond what dom_smoothie reads, and date normalisation.

use std::sync::LazyLock;

use dom_query::{Document, Matcher, NodeData, NodeRef, TreeNode};
use dom_smoothie::Article;

use crate::Extraction;

use super::dates::{date_in_url, instant_key, normalize_date};

/// Metadata read from the page before Readability rewrites it.
#[derive(Debug, Default)]
pub(crate) struct PageMeta {
    canonical: Option<String>,
    og_url: Option<String>,
    /// From `<meta>` tags, best first.
    published: Vec<String>,
    /// From elements in the page (`<time>`, date-classed elements), in page order.
    published_in_page: Vec<String>,
    modified: Vec<String>,
    authors: Vec<String>,
    description: Option<String>,
    lang: Option<String>,
    site_name: Option<String>,
    title: Option<String>,
}

/// `<meta>` names and properties that carry the publication date, best first.
const PUBLISHED: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "article_date_original",
    "og:published_time",
    "citation_publication_date",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
    "date_published",
];

const MODIFIED: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
];

/// The page's `<meta>` tags as (lowercased name, content), in document order, read in
/// one pass (a selector per looked-up name would scan the page dozens of times).
struct MetaTags(Vec<(String, String)>);

impl MetaTags {
    fn read(doc: &Document) -> Self {
        let mut tags = Vec::new();
        for node in doc.select("meta").iter() {
            let Some(content) = node.attr("content").or_else(|| node.attr("datetime")) else {
                continue;
            };
            let content = content.trim();
            if content.is_empty() {
                continue;
            }
            for attr in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(key) = node.attr(attr) {
                    tags.push((key.trim().to_ascii_lowercase(), content.to_owned()));
                }
            }
        }
        MetaTags(tags)
    }

    /// The first tag of this name (any case).
    fn get(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.clone())
    }
}

/// Where a page shows its publication date outside `<meta>`, best first.
const IN_PAGE_DATE: [&str; 6] = [
    "[itemprop='datePublished']",
    "time[pubdate]",
    "time.published, time.entry-date, .published time, article time",
    "time",
    ".pubdate, .published, .post-date, .entry-date, .article-date, .date, .datum, .fecha, .data",
    "[class*='date'], [class*='Date'], [class*='postmeta'], [class*='byline']",
];

/// How many elements of each kind in [`IN_PAGE_DATE`] are read.
const CANDIDATES_PER_KIND: usize = 3;

static IN_PAGE_DATE_MATCHERS: LazyLock<Vec<Matcher>> = LazyLock::new(|| {
    IN_PAGE_DATE
        .iter()
        .map(|sel| Matcher::new(sel).expect("the date selectors are valid CSS"))
        .collect()
});

/// The first elements (in page order) of each kind in [`IN_PAGE_DATE`], in one walk
/// over the page: a selector per kind would walk the whole page up to six times.
fn in_page_date_candidates(doc: &Document) -> Vec<Vec<NodeRef<'_>>> {
    let matchers = &*IN_PAGE_DATE_MATCHERS;
    let mut found: Vec<Vec<NodeRef<'_>>> = vec![Vec::new(); matchers.len()];
    for node in doc.root().descendants_it() {
        // The selector matcher is costly and most elements can match no kind: it only
        // confirms the kinds that the element's name and attributes leave possible.
        let possible = node.query_or(0, possible_date_kinds);
        if possible == 0 {
            continue;
        }
        for (i, (matcher, kind)) in matchers.iter().zip(found.iter_mut()).enumerate() {
            if possible & (1 << i) != 0
                && kind.len() < CANDIDATES_PER_KIND
                && matcher.match_element(&node)
            {
                kind.push(node);
            }
        }
        if found.iter().all(|k| k.len() == CANDIDATES_PER_KIND) {
            break;
        }
    }
    found
}

/// The kinds of [`IN_PAGE_DATE`] (bit `i` for kind `i`) an element may match, judged
/// from what every selector of the kind requires: `<time>` for kinds 1 to 3, an
/// `itemprop` holding `datePublished` for kind 0, a `class` holding one of the named
/// words for kinds 4 and 5 (class names and attribute values match case-sensitively,
/// so these substring tests never rule out a real match).
fn possible_date_kinds(node: &TreeNode) -> u8 {
    const TIME_KINDS: u8 = 0b0000_1110;
    const ITEMPROP_KIND: u8 = 0b0000_0001;
    const DATE_CLASS_KIND: u8 = 0b0001_0000;
    const DATE_IN_CLASS_KIND: u8 = 0b0010_0000;
    let NodeData::Element(el) = &node.data else {
        return 0;
    };
    let mut kinds = 0;
    if &*el.name.local == "time" {
        kinds |= TIME_KINDS;
    }
    for attr in &el.attrs {
        let value: &str = &attr.value;
        match &*attr.name.local {
            "itemprop" if value.contains("datePublished") => kinds |= ITEMPROP_KIND,
            "class" => {
                // `.pubdate`, `.post-date` ... all contain "date"; `.published`,
                // `.datum`, `.fecha`, `.data` are the others.
                if contains_any(value, &["date", "published", "datum", "fecha", "data"]) {
                    kinds |= DATE_CLASS_KIND;
                }
                if contains_any(value, &["date", "Date", "postmeta", "byline"]) {
                    kinds |= DATE_IN_CLASS_KIND;
                }
            }
            _ => {}
        }
    }
    kinds
}

/// Whether `text` contains one of `words`, in one pass that tries a word only where its
/// first byte is: a `str::contains` per word would set up a searcher for each, on every
/// class attribute of the page.
fn contains_any(text: &str, words: &[&str]) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len()).any(|at| {
        words
            .iter()
            .any(|w| w.as_bytes()[0] == bytes[at] && bytes[at..].starts_with(w.as_bytes()))
    })
}

impl PageMeta {
    pub(crate) fn read(doc: &Document) -> Self {
        let tags = MetaTags::read(doc);
        let meta_content = |_: &Document, key: &str| tags.get(key);
        let mut m = PageMeta {
            // The first match is the one used: a single match stops the scan in <head>.
            canonical: doc
                .select_single("link[rel='canonical']")
                .attr("href")
                .map(|h| h.trim().to_owned())
                .filter(|h| h.starts_with("http://") || h.starts_with("https://")),
            og_url: meta_content(doc, "og:url")
                .filter(|h| h.starts_with("http://") || h.starts_with("https://")),
            description: meta_content(doc, "description")
                .or_else(|| meta_content(doc, "og:description")),
            lang: doc
                .html_root()
                .attr("lang")
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .or_else(|| meta_content(doc, "content-language"))
                .or_else(|| meta_content(doc, "og:locale")),
            site_name: meta_content(doc, "og:site_name")
                .or_else(|| meta_content(doc, "application-name")),
            title: meta_content(doc, "og:title"),
            ..PageMeta::default()
        };
        m.published = PUBLISHED
            .iter()
            .filter_map(|k| meta_content(doc, k))
            .collect();
        // Any other <meta> whose name says it is a publication date (`sw-pubdate` ...).
        for (name, content) in &tags.0 {
            if (name.contains("pubdate") || name.contains("publish")) && !name.contains("publisher")
            {
                m.published.push(content.clone());
            }
        }
        // Microdata outside <meta>: <time itemprop="datePublished">, then any <time>,
        // then elements whose class says they hold the date. Only looked for when no
        // <meta> tag gives the date. The first candidate that reads as a date is the one
        // used (see `apply`), so later kinds are read only when earlier ones gave none.
        if m.published.is_empty() {
            'scan: for kind in in_page_date_candidates(doc) {
                for node in kind {
                    let v = node
                        .attr("datetime")
                        .or_else(|| node.attr("content"))
                        .map(|v| v.to_string())
                        .unwrap_or_else(|| node.text().trim().chars().take(80).collect());
                    if !v.is_empty() {
                        let is_date = normalize_date(&v).is_some();
                        m.published_in_page.push(v);
                        if is_date {
                            break 'scan;
                        }
                    }
                }
            }
        }
        m.modified = MODIFIED
            .iter()
            .filter_map(|k| meta_content(doc, k))
            .collect();
        for key in [
            "author",
            "article:author",
            "dc.creator",
            "parsely-author",
            "sailthru.author",
            "byl",
        ] {
            if let Some(a) = meta_content(doc, key).filter(|a| !a.starts_with("http")) {
                m.authors = split_byline(&a);
                break;
            }
        }
        m
    }

    /// Fills the extraction from the article and the page's own tags.
    pub(crate) fn apply(self, out: &mut Extraction, article: &Article, file_name: Option<&str>) {
        let url = self
            .canonical
            .clone()
            .or_else(|| self.og_url.clone())
            .or_else(|| article.url.clone().filter(|u| u.starts_with("http")));
        // The page's own <meta> tags first (they carry the date as the publisher shows
        // it), then what dom_smoothie found (JSON-LD first), then dates in the page.
        // Among those, the earliest instant: publishers often put the last edit in
        // `article:published_time`; on a tie the first (the <meta> tag, in the
        // publisher's own zone) wins.
        let tagged: Vec<String> = self
            .published
            .iter()
            .chain(article.published_time.iter())
            .filter_map(|d| normalize_date(d))
            .collect();
        let earliest = tagged.iter().min_by_key(|d| instant_key(d)).cloned();
        let from_url = url.as_deref().and_then(date_in_url);
        out.doc_date = earliest
            .or_else(|| {
                self.published_in_page
                    .iter()
                    .find_map(|d| normalize_date(d))
            })
            .or_else(|| from_url.clone())
            .or_else(|| {
                // Last resort: a date written near the start of the article itself.
                article
                    .text_content
                    .lines()
                    .take(40)
                    .find_map(normalize_date)
            });
        if let Some(d) = &out.doc_date {
            let source = if article.published_time.is_some() || from_url.as_deref() != Some(d) {
                "page metadata"
            } else {
                "URL"
            };
            out.meta.insert("published_from".into(), source.into());
        }
        let modified = article
            .modified_time
            .iter()
            .chain(self.modified.iter())
            .find_map(|d| normalize_date(d));
        if let Some(m) = modified {
            out.meta.insert("modified".into(), m);
        }
        out.authors = article
            .byline
            .as_deref()
            .map(split_byline)
            .filter(|a| !a.is_empty())
            .unwrap_or(self.authors.clone());
        if out.title.is_none() {
            out.title = self.title.clone().or_else(|| file_name.map(str::to_owned));
        }
        let site = article.site_name.clone().or(self.site_name.clone());
        let description = article.excerpt.clone().or(self.description.clone());
        let lang = article.lang.clone().or(self.lang.clone());
        for (key, value) in [
            ("site_name", site),
            ("description", description),
            ("lang", lang),
            ("canonical_url", url.clone()),
        ] {
            if let Some(v) = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) {
                out.meta.insert(key.into(), v);
            }
        }
        out.source_url = url;
    }

    /// Fills what can be known without an article.
    pub(crate) fn apply_without_article(self, out: &mut Extraction) {
        let url = self.canonical.clone().or(self.og_url.clone());
        out.doc_date = self
            .published
            .iter()
            .chain(&self.published_in_page)
            .find_map(|d| normalize_date(d))
            .or_else(|| url.as_deref().and_then(date_in_url));
        out.title = self.title.clone();
        out.authors = self.authors.clone();
        out.source_url = url;
    }
}

/// Splits a byline into names: drops a leading "By", splits on "and", "&", ";" and "|",
/// and on commas between multi-word names.
pub(crate) fn split_byline(byline: &str) -> Vec<String> {
    let b = byline.trim();
    let b = ["By ", "by ", "BY ", "Von ", "von ", "Por ", "por "]
        .iter()
        .find_map(|p| b.strip_prefix(p))
        .unwrap_or(b);
    b.split([';', '|', '&', '\n'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| {
            let parts: Vec<&str> = p.split(',').map(str::trim).collect();
            if parts.iter().all(|x| x.split_whitespace().count() >= 2) {
                parts
            } else {
                vec![p.trim()]
            }
        })
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 2 && p.len() < 80)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What one selector scan per kind would find: the reference for the one walk.
    fn candidates_by_selector(doc: &Document) -> Vec<Vec<NodeRef<'_>>> {
        IN_PAGE_DATE
            .iter()
            .map(|sel| {
                doc.select(sel)
                    .nodes()
                    .iter()
                    .take(CANDIDATES_PER_KIND)
                    .copied()
                    .collect()
            })
            .collect()
    }

    fn ids(kinds: &[Vec<NodeRef<'_>>]) -> Vec<Vec<dom_query::NodeId>> {
        kinds
            .iter()
            .map(|k| k.iter().map(|n| n.id).collect())
            .collect()
    }

    #[test]
    fn contains_any_finds_a_word_anywhere_in_a_class_as_contains_would() {
        let words = ["date", "published", "fecha"];
        for class in [
            "post-date",
            "datePublished x",
            "entry fecha",
            "unpublished",
            "d",
        ] {
            assert_eq!(
                contains_any(class, &words),
                words.iter().any(|w| class.contains(w)),
                "{class}"
            );
        }
        assert!(!contains_any("headline dat", &words));
        assert!(!contains_any("", &words));
    }

    #[test]
    fn one_walk_finds_the_date_candidates_each_selector_would() {
        let page = r#"<html><body>
            <div class="byline">By Jane</div>
            <p class="Dateline">Berlin</p>
            <span class="data">3 May</span>
            <article><p>Story</p><time datetime="2024-05-03">3 May</time></article>
            <div class="published"><time>yesterday</time></div>
            <time pubdate class="entry-date">2024-05-02</time>
            <meta itemprop="datePublished" content="2024-05-01">
            <div class="sidebar-date post-date">1 May</div>
            <div class="udated">not a class word</div>
        </body></html>"#;
        let doc = Document::from(page);
        let walked = ids(&in_page_date_candidates(&doc));
        assert_eq!(walked, ids(&candidates_by_selector(&doc)));
        assert!(walked.iter().all(|k| !k.is_empty()), "{walked:?}");
    }

    #[test]
    fn one_walk_finds_the_date_candidates_on_every_corpus_article() {
        let Some(articles) = dossier_tests::corpus_path("articles") else {
            return;
        };
        let mut pages = html_files_under(&articles);
        pages.sort();
        assert!(
            !pages.is_empty(),
            "no HTML page under {}",
            articles.display()
        );
        for page in &pages {
            let bytes = std::fs::read(page).expect("corpus page");
            let (html, _, _) = super::super::decode_html(&bytes);
            let doc = Document::from(html.as_str());
            assert_eq!(
                ids(&in_page_date_candidates(&doc)),
                ids(&candidates_by_selector(&doc)),
                "{}",
                page.display()
            );
        }
    }

    fn html_files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut found = Vec::new();
        for entry in std::fs::read_dir(dir).expect("corpus folder") {
            let path = entry.expect("corpus entry").path();
            if path.is_dir() {
                found.extend(html_files_under(&path));
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
            {
                found.push(path);
            }
        }
        found
    }

    #[test]
    fn bylines_become_names() {
        assert_eq!(
            split_byline("By Jane Doe and John Roe"),
            vec!["Jane Doe", "John Roe"]
        );
        assert_eq!(split_byline("Doe, Jane"), vec!["Doe, Jane"]);
    }
}
