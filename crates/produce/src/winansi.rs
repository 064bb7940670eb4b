//! Text into WinAnsiEncoding, the one-byte encoding every PDF reader knows for the standard
//! fonts, so a produced page needs no embedded font. Characters outside it (Greek, CJK,
//! emoji, most symbols) cannot be drawn with a standard font: each becomes `?` on the page
//! and is counted, and the document's `TEXT/` file keeps the exact text.

/// Characters 0x80..=0x9F of Windows-1252 (the rest of 0xA0..=0xFF is Latin-1).
const HIGH: [(char, u8); 27] = [
    ('€', 0x80),
    ('‚', 0x82),
    ('ƒ', 0x83),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('ˆ', 0x88),
    ('‰', 0x89),
    ('Š', 0x8A),
    ('‹', 0x8B),
    ('Œ', 0x8C),
    ('Ž', 0x8E),
    ('‘', 0x91),
    ('’', 0x92),
    ('“', 0x93),
    ('”', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('š', 0x9A),
    ('›', 0x9B),
    ('œ', 0x9C),
    ('ž', 0x9E),
    ('Ÿ', 0x9F),
];

/// The WinAnsi byte of `c`, or `None` when the standard fonts cannot draw it.
pub fn byte_of(c: char) -> Option<u8> {
    match c as u32 {
        0x20..=0x7E | 0xA0..=0xFF => Some(c as u8),
        _ => HIGH.iter().find(|(h, _)| *h == c).map(|&(_, b)| b),
    }
}

/// `text` as WinAnsi bytes, with `?` for each character it lacks, and how many there were.
pub fn encode(text: &str) -> (Vec<u8>, u64) {
    let mut out = Vec::with_capacity(text.len());
    let mut missing = 0;
    for c in text.chars() {
        match byte_of(c) {
            Some(b) => out.push(b),
            None => {
                out.push(b'?');
                missing += 1;
            }
        }
    }
    (out, missing)
}

/// A PDF literal string of WinAnsi bytes: `(`, `)` and `\` escaped, bytes above 0x7E as
/// octal escapes so the content stream stays ASCII.
pub fn pdf_literal(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 2);
    out.push(b'(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push(b'\\');
                out.push(b);
            }
            0x20..=0x7E => out.push(b),
            _ => out.extend_from_slice(format!("\\{b:03o}").as_bytes()),
        }
    }
    out.push(b')');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_and_typographic_quotes_encode_and_other_scripts_become_counted_question_marks() {
        let (bytes, missing) = encode("Café “quoted” – €5 Ωμέγα");
        assert_eq!(missing, 5, "the five Greek letters");
        assert_eq!(&bytes[..5], b"Caf\xE9 ");
        assert!(bytes.contains(&0x93) && bytes.contains(&0x94) && bytes.contains(&0x80));
        assert!(bytes.ends_with(b"?????"));
    }

    #[test]
    fn a_literal_escapes_parentheses_backslashes_and_high_bytes() {
        assert_eq!(pdf_literal(b"a(b)\\\xE9"), b"(a\\(b\\)\\\\\\351)".to_vec());
    }
}
