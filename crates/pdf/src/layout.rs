//! Rebuilding lines and words from positioned glyphs.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// One glyph as drawn: its text and where it sits on the page (y grows downwards).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Left edge.
    pub x: f64,
    /// Baseline, from the top of the page.
    pub y: f64,
    /// Right edge (left edge plus advance width).
    pub end: f64,
    /// Font size on the page, in points.
    pub size: f64,
    /// The characters (a ligature can be several).
    pub text: String,
    /// Drawn along a rotated baseline (a vertical margin note): then `x` and `end` are
    /// positions along that baseline and `y` across it.
    pub rotated: bool,
}

/// A pdf-extract output device that records every glyph of a page.
#[derive(Debug, Default)]
pub struct PageCollector {
    glyphs: Vec<Glyph>,
    page_height: f64,
}

impl PageCollector {
    /// The glyphs in drawing order.
    pub fn into_glyphs(self) -> Vec<Glyph> {
        self.glyphs
    }
}

impl OutputDev for PageCollector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page_height = media_box.ury - media_box.lly;
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        // The glyph's size on the page: the side of the square with the area of the
        // transformed font box (as pdf-extract's own text output computes it).
        let sx = font_size * (trm.m11 + trm.m21);
        let sy = font_size * (trm.m12 + trm.m22);
        let size = (sx * sy).abs().sqrt();
        let (px, py) = (trm.m31, trm.m32);
        let norm = trm.m11.hypot(trm.m12);
        if !(px.is_finite() && py.is_finite() && size.is_finite() && norm.is_finite()) {
            return Ok(());
        }
        let rotated = norm > 0.0 && trm.m12.abs() > 0.1 * trm.m11.abs();
        let (x, y) = if rotated {
            let (dx, dy) = (trm.m11 / norm, trm.m12 / norm);
            (px * dx + py * dy, -(-px * dy + py * dx))
        } else {
            (px, self.page_height - py)
        };
        self.glyphs.push(Glyph {
            x,
            y,
            end: x + width * size,
            size: if size > 0.0 { size } else { 1.0 },
            text: char.to_owned(),
            rotated,
        });
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A gap wider than this share of the font size separates two words.
const WORD_GAP: f64 = 0.15;
/// Baselines closer than this share of the font size are one line.
const SAME_LINE: f64 = 0.45;

/// Lays out one page's glyphs as text: lines top to bottom, runs left to right, a space
/// where the gap between glyphs is wider than a fraction of the font size.
///
/// A *run* is a stretch of glyphs drawn one after another on one baseline, moving right;
/// it keeps its drawing order (positions inside a run can be imprecise: sorting glyphs
/// one by one would scramble letters). Runs are placed by position, so text drawn out of
/// order (a stamp added last, a page footer first) still reads top to bottom. A run drawn
/// twice at the same place, which is how some producers fake bold type, is kept once.
///
/// Rotated text (a vertical margin note) comes after the page's upright text, one line
/// per run, in drawing order.
pub fn layout(mut glyphs: Vec<Glyph>) -> String {
    repair_missing_widths(&mut glyphs);
    let (rotated, upright): (Vec<Glyph>, Vec<Glyph>) = glyphs
        .into_iter()
        .filter(|g| !g.text.is_empty())
        .partition(|g| g.rotated);
    let mut out = String::new();
    for block in crate::columns::reading_blocks(runs_of(upright)) {
        out.push_str(&layout_lines(lines_of(block)));
    }
    out.push_str(&layout_lines(
        runs_of(rotated).into_iter().map(|r| vec![r]).collect(),
    ));
    out
}

/// Gives a width to visible glyphs that come without one.
///
/// Some fonts leave glyphs out of their width table (Google Docs' embedded subsets do), and
/// pdf-extract then reports a zero advance although the text position moves on by the
/// glyph's real width. The gap that seems to follow such a glyph would split its word
/// ("Exa mp le"). Where the next glyph is drawn on the same baseline a little to the right,
/// the glyph ends where that one starts; otherwise it gets half an em, a typical width.
/// Combining marks are zero-width by nature and keep their zero.
fn repair_missing_widths(glyphs: &mut [Glyph]) {
    for i in 0..glyphs.len() {
        let g = &glyphs[i];
        let visible = g
            .text
            .chars()
            .any(|c| !c.is_whitespace() && !is_combining(c));
        if g.end - g.x > 0.01 * g.size || !visible {
            continue;
        }
        let size = g.size.min(40.0);
        let next_start = glyphs.get(i + 1).and_then(|n| {
            let advance = n.x - g.x;
            (n.rotated == g.rotated
                && (n.y - g.y).abs() <= 0.1 * size
                && advance > 0.0
                && advance < 1.5 * size)
                .then_some(n.x)
        });
        let g = &mut glyphs[i];
        g.end = next_start.unwrap_or(g.x + 0.5 * size);
    }
}

/// Combining diacritical marks, which take no width of their own.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Stretches of glyphs drawn one after another on one baseline, moving forward with no
/// gap wider than two ems (wider is a column or a table cell boundary).
fn runs_of(glyphs: Vec<Glyph>) -> Vec<Vec<Glyph>> {
    let mut runs: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        let continues = runs.last().and_then(|r| r.last()).is_some_and(|p| {
            let size = p.size.max(g.size).min(40.0);
            (g.y - p.y).abs() <= SAME_LINE * size
                && g.x >= p.end - 0.5 * size
                && g.x - p.end < 2.0 * size
        });
        match runs.last_mut() {
            Some(run) if continues => run.push(g),
            _ => runs.push(vec![g]),
        }
    }
    runs
}

/// Runs grouped into lines: sorted by baseline, cut where the baseline jumps.
fn lines_of(mut runs: Vec<Vec<Glyph>>) -> Vec<Vec<Vec<Glyph>>> {
    runs.sort_by(|a, b| a[0].y.total_cmp(&b[0].y));
    let mut lines: Vec<Vec<Vec<Glyph>>> = Vec::new();
    let mut line_y = f64::NEG_INFINITY;
    let mut line_size = 0.0f64;
    for run in runs {
        let (y, size) = (run[0].y, run[0].size);
        let tolerance = SAME_LINE * line_size.max(size).min(40.0);
        match lines.last_mut() {
            Some(line) if (y - line_y).abs() <= tolerance => {
                line_size = line_size.max(size);
                line.push(run);
            }
            _ => {
                line_y = y;
                line_size = size;
                lines.push(vec![run]);
            }
        }
    }
    lines
}

/// Each line's runs left to right, with spaces at the gaps.
fn layout_lines(lines: Vec<Vec<Vec<Glyph>>>) -> String {
    let mut out = String::new();
    for mut line in lines {
        line.sort_by(|a, b| a[0].x.total_cmp(&b[0].x));
        let gap = word_gap(&line);
        let mut text = String::new();
        let mut prev: Option<&Glyph> = None;
        let mut prev_run_start = f64::NEG_INFINITY;
        let mut kept: Vec<(f64, String)> = Vec::new();
        let mut space_at: Option<f64> = None;
        let mut prev_visible: Option<&Glyph> = None;
        for run in &line {
            let run_text: String = run.iter().map(|g| g.text.as_str()).collect();
            let size = run[0].size.min(40.0);
            if kept
                .iter()
                .any(|(x, t)| *t == run_text && (run[0].x - x).abs() < 0.3 * size)
            {
                continue; // drawn twice to look bold
            }
            kept.push((run[0].x, run_text));
            for (i, g) in run.iter().enumerate() {
                // A glyph without a known character (see `glyph_names`) is left out, but
                // still separates the words around it.
                let blank = g
                    .text
                    .chars()
                    .all(|c| c.is_whitespace() || crate::glyph_names::is_unreadable(c));
                // A run that starts inside a line of underscores or dots is a form value
                // typed over its blank line: a separate word.
                let overlaps = |p: &Glyph| {
                    i == 0
                        && g.x < p.end - 0.5 * g.size.min(40.0)
                        && matches!(p.text.as_str(), "_" | ".")
                };
                // A run of the same size that starts in the first half of the run before
                // it is drawn over that text (two ECF stamps one over the other): a
                // separate word. (A run that starts a little before the last one ended is
                // its continuation drawn with advance widths a little too wide; a smaller
                // one is a superscript, "4th", placed by imprecise widths.)
                let drawn_over = |p: &Glyph| {
                    i == 0
                        && (g.size - p.size).abs() <= 0.2 * p.size
                        && g.x < p.end - 0.5 * g.size.min(40.0)
                        && g.x < (prev_run_start + p.end) / 2.0
                };
                // A space glyph is a word break unless the next glyph is drawn exactly
                // where the space starts (within a hundredth of an em): then it took no
                // room on the page (a producer that ends every character with a space and
                // moves back over it). Text drawn a little before or after it is placed
                // by its own widths or tab stops and still breaks.
                let after_space = space_at
                    .take()
                    .is_some_and(|x| !blank && (g.x - x).abs() > 0.01 * g.size.min(40.0));
                let gap_after = |p: &Glyph| g.x - p.end > gap * p.size.max(g.size).min(40.0);
                if let Some(p) = prev
                    && !blank
                    && (after_space
                        || gap_after(p)
                        || prev_visible.is_some_and(gap_after)
                        || overlaps(p)
                        || drawn_over(p))
                    && !text.is_empty()
                    && !text.ends_with(' ')
                {
                    text.push(' ');
                }
                if blank {
                    space_at = Some(g.x);
                } else {
                    push_expanding_ligatures(&mut text, &g.text);
                    prev_visible = Some(g);
                }
                prev = Some(g);
            }
            if let Some(first) = run.first() {
                prev_run_start = first.x;
            }
        }
        let text = text.trim();
        if !text.is_empty() {
            out.push_str(text);
            out.push('\n');
        }
    }
    out
}

/// A gap wider than this share of its line's own space glyph is a word break.
const SPACE_SHARE: f64 = 0.7;

/// How wide a gap must be to count as a word break on this line. A line that draws its
/// spaces as glyphs shows how wide its word breaks are: a gap counts when it is most of
/// such a space (OCR text layers place each word by itself, some with a space glyph and
/// some with a gap), never less than [`WORD_GAP`] and never more than 0.6 em, so that
/// imprecise glyph widths (Google Docs' Type 3 fonts) do not split words.
fn word_gap(line: &[Vec<Glyph>]) -> f64 {
    let mut spaces: Vec<f64> = line
        .iter()
        .flatten()
        .filter(|g| g.text.chars().all(char::is_whitespace) && g.size > 0.0)
        .map(|g| (g.end - g.x) / g.size)
        .collect();
    if spaces.len() < 2 {
        return WORD_GAP;
    }
    spaces.sort_by(f64::total_cmp);
    let space = spaces[spaces.len() / 2];
    (SPACE_SHARE * space).clamp(WORD_GAP, 0.6)
}

/// Appends glyph text, spelling out the Latin ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ) as their
/// letters, as pdftotext does: a search for "first" must find "ﬁrst".
fn push_expanding_ligatures(out: &mut String, glyph: &str) {
    for c in glyph.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x: f64, y: f64, s: &str) -> Vec<Glyph> {
        s.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + i as f64 * 6.0,
                y,
                end: x + i as f64 * 6.0 + 6.0,
                size: 12.0,
                text: c.to_string(),
                rotated: false,
            })
            .collect()
    }

    #[test]
    fn gaps_between_glyphs_make_spaces_and_baselines_make_lines() {
        let mut glyphs = word(100.0, 50.0, "world");
        glyphs.extend(word(10.0, 50.5, "hello"));
        glyphs.extend(word(10.0, 70.0, "next"));
        assert_eq!(layout(glyphs), "hello world\nnext\n");
    }

    #[test]
    fn ligatures_are_spelled_out() {
        let mut s = String::new();
        push_expanding_ligatures(&mut s, "\u{FB01}rst e\u{FB03}cient");
        assert_eq!(s, "first efficient");
    }

    #[test]
    fn glyphs_missing_from_the_width_table_do_not_split_their_word() {
        // As Google Docs' fonts draw "Example document": "a" and "p" report no width.
        let mut glyphs = word(10.0, 50.0, "Example");
        for g in &mut glyphs {
            if g.text == "a" || g.text == "p" {
                g.end = g.x;
            }
        }
        glyphs.extend(word(60.0, 50.0, "document"));
        assert_eq!(layout(glyphs), "Example document\n");
    }

    #[test]
    fn a_stamp_drawn_over_another_stays_apart_from_it() {
        let mut glyphs = word(10.0, 50.0, "Page 1 of 2");
        glyphs.extend(word(12.0, 50.0, "Case 4"));
        assert_eq!(layout(glyphs), "Page 1 of 2 Case 4\n");
    }

    /// Glyphs of `s` drawn one after another from `x`, each `advance` wide.
    fn spaced(x: f64, s: &str, advance: f64) -> Vec<Glyph> {
        s.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + i as f64 * advance,
                y: 50.0,
                end: x + (i + 1) as f64 * advance,
                size: 12.0,
                text: c.to_string(),
                rotated: false,
            })
            .collect()
    }

    #[test]
    fn a_space_that_the_next_glyph_is_drawn_over_is_no_word_break() {
        // "ab " then "cd " drawn from where the space of the first starts.
        let mut glyphs = spaced(10.0, "ab ", 6.0);
        glyphs.extend(spaced(22.0, "cd ", 6.0));
        glyphs.extend(spaced(40.0, "ef", 6.0));
        assert_eq!(layout(glyphs), "abcd ef\n");
    }

    #[test]
    fn on_a_line_that_draws_spaces_a_gap_most_of_a_space_wide_is_a_word_break() {
        // Spaces 3 wide (a quarter em); "two" and "three" are placed 2.4 apart, no space.
        let mut glyphs = spaced(10.0, "one ", 6.0);
        glyphs.extend(spaced(34.0, "two", 6.0));
        glyphs.extend(spaced(54.4, "three ", 6.0));
        glyphs.extend(spaced(90.4, "four", 6.0));
        for g in glyphs.iter_mut().filter(|g| g.text == " ") {
            g.end = g.x + 3.0;
        }
        assert_eq!(layout(glyphs), "one two three four\n");
    }

    #[test]
    fn control_codes_and_replacement_characters_are_left_out_between_words() {
        let mut glyphs = word(10.0, 50.0, "ab");
        glyphs.extend(word(22.0, 50.0, "\u{FFFD}\u{2}"));
        glyphs.extend(word(34.0, 50.0, "cd"));
        assert_eq!(layout(glyphs), "ab cd\n");
    }

    #[test]
    fn kerned_glyphs_stay_one_word_and_fake_bold_is_kept_once() {
        let mut glyphs = word(10.0, 50.0, "Filed");
        glyphs.extend(word(10.3, 50.0, "Filed"));
        assert_eq!(layout(glyphs), "Filed\n");
    }
}
