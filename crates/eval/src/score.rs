//! Scores: token F1 and a small CSV reader for the corpus indexes.

use std::collections::HashMap;

/// Lowercased words: runs of letters and digits.
pub fn tokens(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for t in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        *bag.entry(t.to_lowercase()).or_insert(0) += 1;
    }
    bag
}

/// Token F1 of `got` against `want` (bags of words, so reading order does not count but
/// every run-together or split word does). Two empty texts agree perfectly.
pub fn token_f1(got: &str, want: &str) -> f64 {
    token_f1_of(got, want, |_| true)
}

/// Token F1 over the tokens `scored` keeps, in both texts alike.
pub fn token_f1_of(got: &str, want: &str, scored: impl Fn(&str) -> bool) -> f64 {
    let keep = |mut bag: HashMap<String, usize>| {
        bag.retain(|t, _| scored(t));
        bag
    };
    let (g, w) = (keep(tokens(got)), keep(tokens(want)));
    let (ng, nw): (usize, usize) = (g.values().sum(), w.values().sum());
    if ng == 0 && nw == 0 {
        return 1.0;
    }
    if ng == 0 || nw == 0 {
        return 0.0;
    }
    let common: usize = g
        .iter()
        .map(|(t, &c)| c.min(w.get(t).copied().unwrap_or(0)))
        .sum();
    if common == 0 {
        return 0.0;
    }
    let p = common as f64 / ng as f64;
    let r = common as f64 / nw as f64;
    2.0 * p * r / (p + r)
}

/// Median and mean.
pub fn median_mean(values: &[f64]) -> (f64, f64) {
    if values.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let median = if v.len() % 2 == 1 {
        v[v.len() / 2]
    } else {
        (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2.0
    };
    (median, v.iter().sum::<f64>() / v.len() as f64)
}

/// Rows of a CSV file (RFC 4180: quoted fields may hold commas, quotes and newlines),
/// each as a map from the header's names.
pub fn read_csv(text: &str) -> Vec<HashMap<String, String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    let mut it = rows.into_iter();
    let Some(header) = it.next() else {
        return Vec::new();
    };
    it.map(|r| header.iter().cloned().zip(r).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_counts_words_not_order() {
        assert_eq!(token_f1("b a", "A, b."), 1.0);
        assert!((token_f1("ab", "a b") - 0.0).abs() < 1e-9);
        assert!((token_f1("a b c d", "a b") - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn csv_with_quotes() {
        let rows = read_csv("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n");
        assert_eq!(rows[0]["a"], "x, y");
        assert_eq!(rows[0]["b"], "say \"hi\"");
    }
}
