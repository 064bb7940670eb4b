//! Two-column pages: finding the gutter and reading each column top to bottom.
//!
//! `pdftotext -layout` keeps columns side by side, so each printed line interleaves
//! two sentences; a quote copied from it, or a phrase searched in it, breaks at every
//! line. When a page has a gutter (a vertical band in the middle two fifths that no
//! column-width run of text crosses), its text is read as blocks: the runs that span
//! both columns (a title, a full-width caption) as they come, and between them the left
//! column, then the right.

use crate::layout::Glyph;

/// The narrowest band of blank page that counts as a gutter, in points.
const MIN_GUTTER: f64 = 8.0;

/// The page's runs in reading blocks, each to be laid out top to bottom on its own.
/// Without a gutter, one block of the runs in drawing order.
pub(crate) fn reading_blocks(runs: Vec<Vec<Glyph>>) -> Vec<Vec<Vec<Glyph>>> {
    let segments = segments_of(&runs);
    let extents: Vec<(f64, f64)> = segments
        .iter()
        .map(|s| {
            s.iter()
                .map(|&r| extent(&runs[r]))
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (s, e)| {
                    (a.min(s), b.max(e))
                })
        })
        .collect();
    let Some(gutter) = find_gutter(&extents) else {
        return vec![runs];
    };
    let mut runs: Vec<Option<Vec<Glyph>>> = runs.into_iter().map(Some).collect();
    let mut take = |ids: &[usize], into: &mut Vec<Vec<Glyph>>| {
        into.extend(ids.iter().filter_map(|&r| runs[r].take()));
    };
    let mut blocks = Vec::new();
    let (mut left, mut right, mut span) = (Vec::new(), Vec::new(), Vec::new());
    for (segment, (start, end)) in segments.iter().zip(extents) {
        if start < gutter && end > gutter {
            if !left.is_empty() || !right.is_empty() {
                blocks.push(std::mem::take(&mut left));
                blocks.push(std::mem::take(&mut right));
            }
            take(segment, &mut span);
        } else {
            if !span.is_empty() {
                blocks.push(std::mem::take(&mut span));
            }
            take(segment, if end <= gutter { &mut left } else { &mut right });
        }
    }
    blocks.extend([span, left, right]);
    blocks.retain(|b| !b.is_empty());
    blocks
}

/// Runs that touch on one line are one segment of text: a line drawn in pieces (some
/// producers draw a word at a time, out of order) must not look like two columns.
/// Segments (as indices into `runs`) come top to bottom, left to right.
fn segments_of(runs: &[Vec<Glyph>]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..runs.len()).collect();
    order.sort_by(|&a, &b| runs[a][0].y.total_cmp(&runs[b][0].y));
    let mut lines: Vec<Vec<usize>> = Vec::new();
    let mut line_y = f64::NEG_INFINITY;
    for r in order {
        let (y, size) = (runs[r][0].y, runs[r][0].size.min(40.0));
        match lines.last_mut() {
            Some(line) if (y - line_y).abs() <= 0.45 * size => line.push(r),
            _ => {
                line_y = y;
                lines.push(vec![r]);
            }
        }
    }
    let mut segments: Vec<Vec<usize>> = Vec::new();
    for mut line in lines {
        line.sort_by(|&a, &b| runs[a][0].x.total_cmp(&runs[b][0].x));
        let mut current: Vec<usize> = Vec::new();
        let mut current_end = f64::NEG_INFINITY;
        for r in line {
            let (start, end) = extent(&runs[r]);
            if !current.is_empty() && start - current_end >= 0.8 * runs[r][0].size.min(40.0) {
                segments.push(std::mem::take(&mut current));
            }
            current.push(r);
            current_end = current_end.max(end);
        }
        if !current.is_empty() {
            segments.push(current);
        }
    }
    segments
}

fn extent(run: &[Glyph]) -> (f64, f64) {
    let start = run.iter().map(|g| g.x).fold(f64::INFINITY, f64::min);
    let end = run.iter().map(|g| g.end).fold(f64::NEG_INFINITY, f64::max);
    (start, end)
}

/// The x of the middle of the page's gutter, if it has one.
fn find_gutter(extents: &[(f64, f64)]) -> Option<f64> {
    if extents.len() < 12 {
        return None;
    }
    let min = extents.iter().map(|e| e.0).fold(f64::INFINITY, f64::min);
    let max = extents
        .iter()
        .map(|e| e.1)
        .fold(f64::NEG_INFINITY, f64::max);
    let width = max - min;
    if !(width.is_finite() && width > 100.0 && width < 5000.0) {
        return None;
    }
    // How many column-width runs cross each point. Full-width lines are exactly what a
    // gutter interrupts, so they do not count; a few centred headings may cross it.
    let mut crossing = vec![0usize; width.ceil() as usize + 1];
    let mut column_runs = 0usize;
    for &(s, e) in extents.iter().filter(|(s, e)| e - s < 0.55 * width) {
        column_runs += 1;
        let (a, b) = (((s - min).max(0.0)) as usize, ((e - min).max(0.0)) as usize);
        for c in crossing.iter_mut().take(b.min(width as usize) + 1).skip(a) {
            *c += 1;
        }
    }
    let tolerated = column_runs / 5;
    let covered: Vec<bool> = crossing.iter().map(|&n| n > tolerated).collect();
    let (lo, hi) = ((0.3 * width) as usize, (0.7 * width) as usize);
    let mut best: Option<(usize, usize)> = None;
    let mut start = None;
    for (i, &c) in covered.iter().enumerate().take(hi + 1).skip(lo) {
        match (c, start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                if best.is_none_or(|(bs, be)| i - s > be - bs) {
                    best = Some((s, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start
        && best.is_none_or(|(bs, be)| hi - s > be - bs)
    {
        best = Some((s, hi));
    }
    let (s, e) = best?;
    if ((e - s) as f64) < MIN_GUTTER {
        return None;
    }
    let gutter = min + (s + e) as f64 / 2.0;
    // Both sides must hold a column of real lines, not a stray label.
    let column = |left: bool| {
        extents
            .iter()
            .filter(|(a, b)| if left { *b <= gutter } else { *a >= gutter })
            .filter(|(a, b)| b - a > 0.2 * width)
            .count()
    };
    (column(true) >= 5 && column(false) >= 5).then_some(gutter)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::layout;

    fn line(x: f64, y: f64, text: &str) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + i as f64 * 5.0,
                y,
                end: x + i as f64 * 5.0 + 5.0,
                size: 10.0,
                text: c.to_string(),
                rotated: false,
            })
            .collect()
    }

    #[test]
    fn two_columns_are_read_one_after_the_other_under_a_full_width_title() {
        let mut glyphs = line(
            50.0,
            20.0,
            "A title that spans both of the columns below it, wide",
        );
        for i in 0..8 {
            let y = 40.0 + 14.0 * i as f64;
            glyphs.extend(line(50.0, y, &format!("left line number {i}")));
            glyphs.extend(line(320.0, y, &format!("right line number {i}")));
        }
        let text = layout(glyphs);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("A title"));
        assert_eq!(lines[1], "left line number 0");
        assert_eq!(lines[8], "left line number 7");
        assert_eq!(lines[9], "right line number 0");
    }

    #[test]
    fn one_column_with_margin_line_numbers_is_left_alone() {
        let mut glyphs = Vec::new();
        for i in 0..14 {
            let y = 40.0 + 14.0 * i as f64;
            glyphs.extend(line(20.0, y, &format!("{i}")));
            glyphs.extend(line(
                70.0,
                y,
                "pleading paper text runs across the whole page",
            ));
        }
        let text = layout(glyphs);
        assert!(
            text.lines()
                .next()
                .is_some_and(|l| l.starts_with("0 pleading"))
        );
    }
}
