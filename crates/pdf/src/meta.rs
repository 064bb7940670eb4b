//! The document information dictionary (`/Info`): title, author, dates, producer.

use pdf_extract::{Document, Object};

const KEYS: &[(&[u8], &str)] = &[
    (b"Title", "title"),
    (b"Author", "author"),
    (b"Subject", "subject"),
    (b"Keywords", "keywords"),
    (b"Creator", "creator"),
    (b"Producer", "producer"),
    (b"CreationDate", "created"),
    (b"ModDate", "modified"),
];

/// The non-empty text entries of the information dictionary, under our names.
pub(crate) fn info(doc: &Document) -> Vec<(String, String)> {
    let Some(dict) = doc.trailer.get(b"Info").ok().and_then(|o| match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }) else {
        return Vec::new();
    };
    KEYS.iter()
        .filter_map(|(key, name)| {
            let value = match dict.get(key).ok()? {
                Object::String(bytes, _) => decode_text_string(bytes),
                Object::Reference(id) => match doc.get_object(*id).ok()? {
                    Object::String(bytes, _) => decode_text_string(bytes),
                    _ => return None,
                },
                _ => return None,
            };
            let value = value.trim_matches(|c: char| c.is_whitespace() || c == '\0');
            (!value.is_empty()).then(|| ((*name).to_owned(), value.to_owned()))
        })
        .collect()
}

/// A PDF text string: UTF-16 with a byte-order mark, UTF-8 with one (PDF 2.0), or
/// PDFDocEncoding, which agrees with Latin-1 on the characters that matter here.
pub(crate) fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_in_each_encoding() {
        assert_eq!(decode_text_string(b"\xFE\xFF\x00Z\x00o\x00\xEB"), "Zoë");
        assert_eq!(decode_text_string(b"Caf\xE9"), "Café");
        assert_eq!(decode_text_string(b"\xEF\xBB\xBFZo\xC3\xAB"), "Zoë");
    }
}
