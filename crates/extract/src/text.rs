//! Plain text and Markdown.

use crate::charset::{decode_text, looks_like_text};
use crate::{ExtractError, Extraction, Extractor, Hints, Probe};

/// Reads plain text and Markdown in any charset [`decode_text`] detects.
///
/// It bids high on `.txt` and `.md` files and low on any other file whose start looks
/// like text, so that specialised extractors for text-based formats win those.
#[derive(Debug, Default, Clone, Copy)]
pub struct PlainTextExtractor;

const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "log", "csv", "tsv"];
const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd"];

impl Extractor for PlainTextExtractor {
    fn name(&self) -> &'static str {
        "text"
    }

    fn version(&self) -> u32 {
        1
    }

    fn bid(&self, probe: &Probe<'_>) -> u8 {
        if !looks_like_text(probe.head) {
            return 0;
        }
        match probe.extension() {
            Some(ext) if TEXT_EXTENSIONS.contains(&ext.as_str()) => 80,
            Some(ext) if MARKDOWN_EXTENSIONS.contains(&ext.as_str()) => 80,
            _ => 10,
        }
    }

    fn extract(&self, bytes: &[u8], hints: &Hints) -> Result<Extraction, ExtractError> {
        let decoded = decode_text(bytes);
        let is_markdown = hints
            .file_name
            .as_deref()
            .and_then(|n| n.rsplit_once('.'))
            .is_some_and(|(_, ext)| {
                MARKDOWN_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
            });
        let mut out = Extraction {
            kind: "text".into(),
            media_type: if is_markdown {
                "text/markdown"
            } else {
                "text/plain"
            }
            .into(),
            ..Extraction::default()
        };
        out.title = is_markdown
            .then(|| markdown_title(&decoded.text))
            .flatten()
            .or_else(|| hints.file_name.clone());
        out.meta.insert("charset".into(), decoded.charset.into());
        if decoded.guessed {
            out.warnings.push(format!(
                "not valid UTF-8 and no byte-order mark: read as {}",
                decoded.charset
            ));
        }
        out.text = decoded.text;
        Ok(out)
    }
}

/// The first heading of a Markdown document: `# Title` or a Setext `Title\n=====`.
fn markdown_title(text: &str) -> Option<String> {
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix('#') {
            let heading = rest
                .trim_start_matches('#')
                .trim()
                .trim_end_matches('#')
                .trim();
            if !heading.is_empty() && (rest.starts_with(' ') || rest.starts_with('#')) {
                return Some(heading.to_owned());
            }
        }
        if !trimmed.is_empty()
            && trimmed.chars().all(|c| c == '=')
            && let Some(p) = previous.map(str::trim).filter(|p| !p.is_empty())
        {
            return Some(p.to_owned());
        }
        previous = Some(line);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bids_high_on_text_extensions_and_low_on_other_text() {
        let x = PlainTextExtractor;
        assert_eq!(x.bid(&Probe::named("notes.txt", b"hello")), 80);
        assert_eq!(x.bid(&Probe::named("README.md", b"# hi")), 80);
        assert_eq!(x.bid(&Probe::named("message.eml", b"From: a@b")), 10);
        assert_eq!(x.bid(&Probe::named("image.png", b"\x89PNG\0\0")), 0);
    }

    #[test]
    fn markdown_title_comes_from_its_first_heading() {
        assert_eq!(
            markdown_title("intro\n\n# Privacy Policy\n## More"),
            Some("Privacy Policy".into())
        );
        assert_eq!(
            markdown_title("Terms of Service\n================\n"),
            Some("Terms of Service".into())
        );
        assert_eq!(markdown_title("#hashtag is not a heading\n"), None);
    }

    #[test]
    fn plain_text_is_titled_by_its_file_name_and_records_its_charset() {
        let hints = Hints {
            file_name: Some("memo.txt".into()),
            ..Hints::default()
        };
        let x = PlainTextExtractor
            .extract(b"caf\xE9", &hints)
            .expect("text always extracts");
        assert_eq!(x.title.as_deref(), Some("memo.txt"));
        assert_eq!(x.text, "café");
        assert_eq!(
            x.meta.get("charset").map(String::as_str),
            Some("windows-1252")
        );
        assert_eq!(x.warnings.len(), 1);
    }

    fn extract_file(name: &str, bytes: &[u8]) -> Extraction {
        let hints = Hints {
            file_name: Some(name.into()),
            ..Hints::default()
        };
        PlainTextExtractor
            .extract(bytes, &hints)
            .expect("text always extracts")
    }

    #[test]
    fn a_russian_windows_1251_file_reads_in_cyrillic() {
        let memo = "Служебная записка\nДоговор поставки расторгнут с 1 марта; претензия направлена поставщику.\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(memo);
        let x = extract_file("записка.txt", &bytes);
        assert_eq!(x.text, memo);
        assert!(x.text.contains("претензия"), "the word a search looks for");
        assert_eq!(
            x.meta.get("charset").map(String::as_str),
            Some("windows-1251")
        );
        assert_eq!(
            x.warnings,
            ["not valid UTF-8 and no byte-order mark: read as windows-1251"]
        );
    }

    #[test]
    fn a_japanese_shift_jis_file_reads_in_japanese() {
        let memo =
            "社内連絡\n供給契約は三月一日をもって解除され、請求書は取引先に送付されました。\n";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(memo);
        let x = extract_file("連絡.txt", &bytes);
        assert_eq!(x.text, memo);
        assert!(x.text.contains("請求書"), "the word a search looks for");
        assert_eq!(x.meta.get("charset").map(String::as_str), Some("Shift_JIS"));
    }
}
