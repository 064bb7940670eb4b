use std::fmt;
use std::io::Read;

use sha2::{Digest, Sha256};

use crate::error::{Result, StoreError};

/// The SHA-256 of an original, as 64 lowercase hex digits: the name of its object.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash(String);

impl ContentHash {
    /// Hashes bytes held in memory.
    pub fn of(bytes: &[u8]) -> Self {
        Self::from_digest(Sha256::digest(bytes).as_slice())
    }

    /// Hashes a stream without holding it in memory; returns the hash and the byte count.
    pub fn of_reader(mut reader: impl Read) -> std::io::Result<(Self, u64)> {
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 256 * 1024];
        let mut total = 0u64;
        loop {
            let n = reader.read(&mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            total += n as u64;
        }
        Ok((Self::from_digest(hasher.finalize().as_slice()), total))
    }

    /// The hash whose raw SHA-256 digest is `digest`.
    pub(crate) fn from_bytes(digest: &[u8; 32]) -> Self {
        Self::from_digest(digest)
    }

    /// Accepts a hex digest read back from the database or typed by a user.
    pub fn parse(s: &str) -> Result<Self> {
        if s.len() == 64
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            Ok(ContentHash(s.to_owned()))
        } else {
            Err(StoreError::BadHash(s.to_owned()))
        }
    }

    /// The hex digest.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn from_digest(digest: &[u8]) -> Self {
        ContentHash(hex(digest))
    }
}

/// Lowercase hex of a byte string.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ContentHash({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_of_empty_input_is_the_well_known_digest() {
        assert_eq!(
            ContentHash::of(b"").as_str(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn streaming_and_in_memory_hashes_agree() {
        let data = vec![7u8; 1_000_000];
        let (streamed, n) = ContentHash::of_reader(&data[..]).expect("reading memory");
        assert_eq!(n, 1_000_000);
        assert_eq!(streamed, ContentHash::of(&data));
    }

    #[test]
    fn parse_rejects_what_is_not_a_digest() {
        assert!(ContentHash::parse("abc").is_err());
        assert!(ContentHash::parse(&"G".repeat(64)).is_err());
        assert!(ContentHash::parse(&"a".repeat(64)).is_ok());
    }
}
