//! `WARC-Block-Digest` and `WARC-Payload-Digest`: `algorithm:value`, the value in base32
//! (what the standard recommends), hex, base64 or URL-safe base64, compared as warcio does.

use base64::Engine;
use sha1::Digest;

/// A running hash of one of the algorithms WARC writers use.
pub(crate) enum Hasher {
    Sha1(sha1::Sha1),
    Sha256(sha2::Sha256),
    Sha512(sha2::Sha512),
}

impl Hasher {
    /// The hasher for an algorithm name (`sha1`, `sha-256`…), or `None` when unknown.
    pub(crate) fn for_algorithm(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().replace('-', "").as_str() {
            "sha1" => Some(Hasher::Sha1(sha1::Sha1::new())),
            "sha256" => Some(Hasher::Sha256(sha2::Sha256::new())),
            "sha512" => Some(Hasher::Sha512(sha2::Sha512::new())),
            _ => None,
        }
    }

    pub(crate) fn update(&mut self, bytes: &[u8]) {
        match self {
            Hasher::Sha1(h) => h.update(bytes),
            Hasher::Sha256(h) => h.update(bytes),
            Hasher::Sha512(h) => h.update(bytes),
        }
    }

    pub(crate) fn finish(self) -> Vec<u8> {
        match self {
            Hasher::Sha1(h) => h.finalize().to_vec(),
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
        }
    }
}

/// Splits `sha1:ABC…` into its algorithm and value.
pub(crate) fn parse(declared: &str) -> Option<(&str, &str)> {
    let (algorithm, value) = declared.trim().split_once(':')?;
    Some((algorithm.trim(), value.trim()))
}

/// RFC 4648 base32, upper case with padding, as WARC digests are written.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    for chunk in bytes.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let bits = buf.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        let symbols = (chunk.len() * 8).div_ceil(5);
        for i in 0..8 {
            if i < symbols {
                let index = ((bits >> (35 - i * 5)) & 31) as usize;
                out.push(char::from(ALPHABET[index]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Whether a computed digest matches a declared value, by warcio's rule: a value as long as
/// the base32 form is compared with it as written; a longer one is hex; a shorter one is
/// base64 (URL-safe when it has `-` or `_`). A value that decodes in none of these fails.
pub(crate) fn matches(computed: &[u8], declared_value: &str) -> bool {
    let ours = base32(computed);
    if declared_value.len() == ours.len() {
        return declared_value == ours;
    }
    let decoded = if declared_value.len() > ours.len() {
        decode_hex(declared_value)
    } else if declared_value.contains(['-', '_']) {
        base64::engine::general_purpose::URL_SAFE
            .decode(declared_value)
            .ok()
    } else {
        base64::engine::general_purpose::STANDARD
            .decode(declared_value)
            .ok()
    };
    decoded.is_some_and(|d| d == computed)
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_is_rfc_4648_with_padding() {
        assert_eq!(base32(b""), "");
        assert_eq!(base32(b"f"), "MY======");
        assert_eq!(base32(b"fooba"), "MZXW6YTB");
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI======");
    }

    #[test]
    fn the_empty_sha1_matches_in_every_spelling_warc_writers_use() {
        let empty = Hasher::for_algorithm("sha1").map(Hasher::finish);
        let empty = empty.unwrap_or_default();
        assert!(matches(&empty, "3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"));
        assert!(matches(&empty, "da39a3ee5e6b4b0d3255bfef95601890afd80709"));
        assert!(matches(&empty, "2jmj7l5rSw0yVb/vlWAYkK/YBwk="));
        assert!(matches(&empty, "2jmj7l5rSw0yVb_vlWAYkK_YBwk="));
        assert!(!matches(&empty, "1112H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"));
        assert!(!matches(&empty, "not a digest"));
    }
}
