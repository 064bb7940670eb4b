//! The committed source of a sample court filing, and its layout into pages of lines.
//!
//! A source is a header of `key: value` lines, a line `---`, and a body of blocks separated
//! by blank lines:
//!
//! - `# TEXT` is a centred heading line (several `#` lines in a block are several headings);
//! - lines starting with `| ` are set verbatim, one output line each (captions, signatures);
//! - `\newpage` alone starts a new page;
//! - anything else is a paragraph, wrapped to the text width with its first line indented.
//!
//! Header keys: `file` (the PDF's name), `stamp` (the ECF header stamp printed on every
//! page, with `{page}` and `{pages}` filled in), `title`, `author` and `subject` (the PDF's
//! document information).

use std::path::Path;

use crate::MakerError;

/// Characters per wrapped line: Times-Roman at 12 points averages about five points a
/// character, so eighty keep well inside the 6.5-inch text width.
pub const WRAP_COLUMNS: usize = 80;
/// Lines on a page below the stamp, double-spaced as pleadings are.
pub const LINES_PER_PAGE: usize = 24;

/// A filing read from its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filing {
    /// The PDF's file name.
    pub file: String,
    /// The ECF stamp template (`{page}`, `{pages}`).
    pub stamp: String,
    /// Document information: title.
    pub title: String,
    /// Document information: author.
    pub author: String,
    /// Document information: subject.
    pub subject: String,
    /// The body laid out into pages of lines.
    pub pages: Vec<Vec<Line>>,
}

/// One line of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// Set from the left margin, indented by this many points.
    Left {
        /// Indent in points.
        indent: u16,
        /// The words.
        text: String,
    },
    /// Centred on the page, in bold.
    Heading(String),
    /// Nothing (vertical space).
    Blank,
}

impl Filing {
    /// Reads a filing source; errors name the file and the line.
    pub fn parse(path: &Path, source: &str) -> Result<Filing, MakerError> {
        let bad = |line: usize, reason: String| MakerError::Source {
            path: path.to_owned(),
            line,
            reason,
        };
        let Some((head, body)) = source.split_once("\n---\n") else {
            return Err(bad(
                1,
                "no line `---` between the header and the body".into(),
            ));
        };
        let mut file = None;
        let mut stamp = None;
        let (mut title, mut author, mut subject) = (String::new(), String::new(), String::new());
        for (i, line) in head.lines().enumerate() {
            let Some((key, value)) = line.split_once(':') else {
                return Err(bad(i + 1, format!("{line:?} is not `key: value`")));
            };
            let value = value.trim().to_owned();
            match key.trim() {
                "file" => file = Some(value),
                "stamp" => stamp = Some(value),
                "title" => title = value,
                "author" => author = value,
                "subject" => subject = value,
                other => return Err(bad(i + 1, format!("unknown header key {other:?}"))),
            }
        }
        let file = file.ok_or_else(|| bad(1, "the header has no `file:`".into()))?;
        let stamp = stamp.ok_or_else(|| bad(1, "the header has no `stamp:`".into()))?;
        let lines = layout_body(body);
        let pages = paginate(lines);
        Ok(Filing {
            file,
            stamp,
            title,
            author,
            subject,
            pages,
        })
    }

    /// The stamp as printed on page `page` (from 1).
    pub fn stamp_for(&self, page: usize) -> String {
        self.stamp
            .replace("{page}", &page.to_string())
            .replace("{pages}", &self.pages.len().to_string())
    }
}

/// A body line, or a forced page break.
enum Laid {
    Line(Line),
    PageBreak,
}

fn layout_body(body: &str) -> Vec<Laid> {
    let mut out = Vec::new();
    for block in body.split("\n\n") {
        let block = block.trim_matches('\n');
        if block.is_empty() {
            continue;
        }
        if block.trim() == "\\newpage" {
            out.push(Laid::PageBreak);
            continue;
        }
        let lines: Vec<&str> = block.lines().collect();
        if lines.iter().all(|l| l.starts_with("# ")) {
            for l in lines {
                out.push(Laid::Line(Line::Heading(l[2..].trim().to_owned())));
            }
        } else if lines.iter().all(|l| l.starts_with('|')) {
            for l in lines {
                let text = l[1..].strip_prefix(' ').unwrap_or(&l[1..]);
                out.push(Laid::Line(Line::Left {
                    indent: 0,
                    text: text.trim_end().to_owned(),
                }));
            }
        } else {
            let words: Vec<&str> = block.split_whitespace().collect();
            for (i, text) in wrap(&words, WRAP_COLUMNS).into_iter().enumerate() {
                let indent = if i == 0 { 36 } else { 0 };
                out.push(Laid::Line(Line::Left { indent, text }));
            }
        }
        out.push(Laid::Line(Line::Blank));
    }
    out
}

/// Greedy word wrap; a word longer than the width gets a line of its own.
fn wrap(words: &[&str], width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for w in words {
        if !current.is_empty() && current.len() + 1 + w.len() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(w);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Fills pages; a blank line never starts a page.
fn paginate(lines: Vec<Laid>) -> Vec<Vec<Line>> {
    let mut pages = vec![Vec::new()];
    for laid in lines {
        let page = pages.last_mut().expect("there is always a page");
        match laid {
            Laid::PageBreak => {
                if !page.is_empty() {
                    pages.push(Vec::new());
                }
            }
            Laid::Line(Line::Blank) if page.is_empty() => {}
            Laid::Line(line) => {
                if page.len() == LINES_PER_PAGE {
                    pages.push(Vec::new());
                    if line == Line::Blank {
                        continue;
                    }
                }
                pages.last_mut().expect("just pushed").push(line);
            }
        }
    }
    if pages.last().is_some_and(Vec::is_empty) && pages.len() > 1 {
        pages.pop();
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_wrap_headings_centre_and_verbatim_lines_stay() {
        let source = "file: x.pdf\nstamp: Case 1 Page {page} of {pages}\n---\n# HEADING\n\n| a  b\n| c\n\n1. one two three\n";
        let f = Filing::parse(Path::new("x.txt"), source).expect("parses");
        assert_eq!(f.pages.len(), 1);
        assert_eq!(f.pages[0][0], Line::Heading("HEADING".into()));
        assert_eq!(
            f.pages[0][2],
            Line::Left {
                indent: 0,
                text: "a  b".into()
            }
        );
        assert_eq!(
            f.pages[0][5],
            Line::Left {
                indent: 36,
                text: "1. one two three".into()
            }
        );
        assert_eq!(f.stamp_for(1), "Case 1 Page 1 of 1");
    }

    #[test]
    fn a_source_without_a_stamp_is_refused_with_its_name() {
        let e =
            Filing::parse(Path::new("bad.txt"), "file: x.pdf\n---\nbody\n").expect_err("no stamp");
        assert!(e.to_string().contains("bad.txt"), "{e}");
        assert!(e.to_string().contains("stamp"), "{e}");
    }

    #[test]
    fn long_bodies_run_onto_more_pages() {
        let body = (1..=40)
            .map(|n| format!("{n}. paragraph"))
            .collect::<Vec<_>>()
            .join("\n\n");
        let source = format!("file: x.pdf\nstamp: S {{page}}\n---\n{body}\n");
        let f = Filing::parse(Path::new("x.txt"), &source).expect("parses");
        assert_eq!(f.pages.len(), 4);
        assert!(f.pages.iter().all(|p| p.len() <= LINES_PER_PAGE));
        assert_ne!(f.pages[1][0], Line::Blank);
    }
}
