//! Turning the bytes of a text file into a string: the charset is detected, never assumed.
//!
//! Order of evidence: a byte-order mark (UTF-8, UTF-16LE, UTF-16BE); then valid UTF-8;
//! then [`detect_legacy`]: chardetng, the detector Firefox uses for pages that declare no
//! charset, which tells Cyrillic, Greek, Central European, Japanese, Chinese and Korean
//! legacy encodings from Windows-1252 by their letter statistics.

use chardetng::EncodingDetector;
use encoding_rs::{Encoding, UTF_8};

/// A decoded text and the charset it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The charset's WHATWG name, e.g. `UTF-8`, `UTF-16LE`, `windows-1252`.
    pub charset: &'static str,
    /// True when no BOM or valid UTF-8 proved the charset and it was detected from the
    /// letters' statistics ([`detect_legacy`]).
    pub guessed: bool,
}

/// Decodes text bytes, detecting their charset.
pub fn decode_text(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text: text.into_owned(),
            charset: encoding.name(),
            guessed: false,
        };
    }
    if let Some(text) = UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        return Decoded {
            text: text.into_owned(),
            charset: UTF_8.name(),
            guessed: false,
        };
    }
    let encoding = detect_legacy(bytes);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        charset: encoding.name(),
        guessed: true,
    }
}

/// How much of a text the detector reads: its statistics settle long before this, and a
/// 200 MiB log would otherwise be read twice.
const DETECT_BYTES: usize = 1 << 20;

/// The legacy charset that bytes which are not UTF-8 were most likely written in
/// (chardetng; Windows-1252 when nothing points elsewhere). Never UTF-8: callers ask
/// after the bytes failed to be UTF-8.
pub fn detect_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut head = &bytes[..bytes.len().min(DETECT_BYTES)];
    if head.len() < bytes.len() {
        // End on a line break, so a character cut in two does not count against its charset.
        if let Some(end) = head.iter().rposition(|&b| b == b'\n') {
            head = &head[..=end];
        }
    }
    let mut detector = EncodingDetector::new();
    detector.feed(head, true);
    detector.guess(None, false)
}

/// Whether the start of a file looks like text in one of the charsets [`decode_text`] reads.
///
/// A NUL byte, or more than 1 in 100 control characters other than tab, newline, carriage
/// return, form feed and escape, marks a binary file. UTF-16 is recognised by its BOM.
pub fn looks_like_text(head: &[u8]) -> bool {
    if head.is_empty() {
        return false;
    }
    if matches!(
        Encoding::for_bom(head),
        Some((e, _)) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE
    ) {
        return true;
    }
    let mut controls = 0usize;
    for &b in head {
        match b {
            0 => return false,
            b'\t' | b'\n' | b'\r' | 0x0c | 0x1b => {}
            0x01..=0x1f | 0x7f => controls += 1,
            _ => {}
        }
    }
    controls * 100 <= head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_read_as_utf8() {
        let d = decode_text("Café — “quoted”".as_bytes());
        assert_eq!(d.text, "Café — “quoted”");
        assert_eq!(d.charset, "UTF-8");
        assert!(!d.guessed);
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let d = decode_text(b"\xEF\xBB\xBFhello");
        assert_eq!(d.text, "hello");
        assert_eq!(d.charset, "UTF-8");
    }

    #[test]
    fn utf16_with_either_bom_is_decoded() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Zoë".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Zoë".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode_text(&le).text, "Zoë");
        assert_eq!(decode_text(&le).charset, "UTF-16LE");
        assert_eq!(decode_text(&be).text, "Zoë");
        assert_eq!(decode_text(&be).charset, "UTF-16BE");
        assert!(looks_like_text(&le), "UTF-16 has NULs but is text");
    }

    #[test]
    fn invalid_western_text_is_read_as_windows_1252() {
        // 0x93/0x94 are curly quotes and 0xE9 is é in Windows-1252.
        let d = decode_text(b"\x93caf\xE9\x94 \x80 5");
        assert_eq!(d.text, "“café” € 5");
        assert_eq!(d.charset, "windows-1252");
        assert!(d.guessed);
    }

    fn encoded(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{text} fits {}", encoding.name());
        bytes.into_owned()
    }

    #[test]
    fn legacy_cyrillic_greek_and_cjk_are_detected_not_read_as_windows_1252() {
        for (encoding, text) in [
            (
                encoding_rs::WINDOWS_1251,
                "Настоящий договор вступает в силу с момента его подписания сторонами.",
            ),
            (
                encoding_rs::ISO_8859_7,
                "Η παρούσα σύμβαση τίθεται σε ισχύ από την υπογραφή της από τα μέρη.",
            ),
            (
                encoding_rs::SHIFT_JIS,
                "本契約は、両当事者が署名した日から効力を生じるものとします。",
            ),
            (
                encoding_rs::GB18030,
                "本合同自双方签字之日起生效，有效期为三年。",
            ),
            (
                encoding_rs::EUC_KR,
                "본 계약은 양 당사자가 서명한 날부터 효력이 발생합니다.",
            ),
        ] {
            let d = decode_text(&encoded(encoding, text));
            assert_eq!(d.text, text, "{}", encoding.name());
            assert!(d.guessed);
        }
    }

    #[test]
    fn binary_is_not_text() {
        assert!(!looks_like_text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(!looks_like_text(&[0x01, 0x02, 0x03, 0x04, b'a']));
        assert!(looks_like_text(b"plain words\n\tindented\n"));
        assert!(!looks_like_text(b""));
    }
}
