//! The HTML article extractor on real pages from the corpus (`../shared/corpus/articles`).

use dossier_extract::{Extraction, Extractor, Hints, HtmlExtractor};
use dossier_tests::corpus_path;

fn article(relative: &str) -> Option<Extraction> {
    let path = corpus_path(relative)?;
    let bytes = std::fs::read(&path).expect("corpus page");
    let hints = Hints {
        file_name: path.file_name().and_then(|n| n.to_str()).map(str::to_owned),
        ..Hints::default()
    };
    Some(HtmlExtractor.extract(&bytes, &hints).expect("extracts"))
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn an_article_has_its_text_and_metadata() {
    let Some(x) = article("articles/readability/aclu/source.html") else {
        return;
    };
    assert_eq!(x.kind, "article");
    assert_eq!(
        x.title.as_deref(),
        Some("Facebook Is Tracking Me Even Though I’m Not on Facebook")
    );
    assert_eq!(x.authors, vec!["Daniel Kahn Gillmor"]);
    assert!(
        x.doc_date
            .as_deref()
            .is_some_and(|d| d.starts_with("2018-04-05")),
        "{:?}",
        x.doc_date
    );
    assert_eq!(
        x.meta.get("site_name").map(String::as_str),
        Some("American Civil Liberties Union")
    );
    assert_eq!(x.meta.get("lang").map(String::as_str), Some("en"));
    assert!(x.text.contains("Facebook"));
    assert!(x.text.len() > 5000);
}

#[test]
fn a_windows_1252_page_decodes_to_the_right_letters() {
    let Some(x) = article("articles/trafilatura-eval/html/pocketpc.ch.auslieferung.html") else {
        return;
    };
    assert_eq!(
        x.meta.get("charset").map(String::as_str),
        Some("windows-1252")
    );
    let text = squash(&x.text);
    assert!(
        text.contains("s auf Gerät, Telefon oder Ha"),
        "umlauts must survive"
    );
    assert!(!text.contains('\u{FFFD}'));
}

#[test]
fn a_polish_page_in_a_legacy_charset_keeps_its_diacritics() {
    let Some(x) = article(
        "articles/trafilatura-eval/html/Sprzeciw wobec ataków na Fundację Lux Veritatis – RadioMaryja.pl.html",
    ) else {
        return;
    };
    let text = squash(&x.text);
    assert!(
        text.contains("nękania Fundacji Lux Veritatis"),
        "{}",
        &text[..text.len().min(400)]
    );
}

#[test]
fn the_sanitised_rendition_runs_loads_and_submits_nothing() {
    for page in [
        "articles/readability/aclu/source.html",
        "articles/readability/nytimes-1/source.html",
        "articles/readability/medium-1/source.html",
    ] {
        let Some(x) = article(page) else { return };
        let html = x
            .meta
            .get("rendition.html")
            .expect("a rendition")
            .to_lowercase();
        assert!(html.len() > 1000, "{page}");
        for banned in [
            "<script",
            "<form",
            "<input",
            "<iframe",
            "<img",
            "<link",
            "<style",
            " src=",
            " srcset=",
            "javascript:",
        ] {
            assert!(
                !html.contains(banned),
                "{banned} in the rendition of {page}"
            );
        }
        assert!(
            !html.split('<').any(|tag| tag
                .split('>')
                .next()
                .unwrap_or_default()
                .split_whitespace()
                .skip(1)
                .any(|attr| attr.starts_with("on"))),
            "an event handler in {page}"
        );
    }
}

/// Trafilatura's ground truth for three pages: the story is kept, and the furniture
/// around it (a "more on this" list with its heading, a pointer to another story, an ad
/// label, a "see also" block) is not article text.
#[test]
fn related_stories_pointers_and_ad_labels_are_not_article_text() {
    for (page, kept, gone) in [
        (
            "articles/trafilatura-eval/html/autosprint.ch-pistenstopp.html",
            "gesperrte historische Stadtbrücke benutzten",
            &["Beiträge zum Thema", "Respekt vor dem", "Erinnerung an den"][..],
        ),
        (
            "articles/trafilatura-eval/html/elespectador.com-orion.html",
            "contra la naturaleza serán parte de las investigaciones",
            &["Le puede interesar"][..],
        ),
        (
            "articles/trafilatura-eval/html/rheinruhronline.de.essenwestviertel.html",
            "geringe Wohnbebauung auf",
            &["Anzeige"][..],
        ),
        (
            "articles/trafilatura-eval/html/gazetadopovo.com.br-pacheco.html",
            "Esplanada dos Ministérios como",
            &["Veja Também:", "indulto em outras ações"][..],
        ),
    ] {
        let Some(x) = article(page) else {
            return;
        };
        let text = squash(&x.text);
        assert!(text.contains(kept), "{page}: lost {kept:?}");
        for snippet in gone {
            assert!(!text.contains(snippet), "{page}: kept {snippet:?}");
        }
    }
}
