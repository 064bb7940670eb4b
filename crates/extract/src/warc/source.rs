//! The bytes under a WARC or ARC reader: a plain file, or gzip members read one after
//! another while knowing where each member starts (a record's offset in a `.warc.gz` is the
//! offset of the gzip member it starts in, as warcio and CDX indexes give it).

use std::io::{self, BufRead, BufReader, Read};

use flate2::bufread::GzDecoder;

/// A `BufRead` that counts the bytes consumed from it.
pub(crate) struct Counting<R> {
    inner: R,
    consumed: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = {
            let available = self.inner.fill_buf()?;
            let n = available.len().min(buf.len());
            buf[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amount: usize) {
        self.inner.consume(amount);
        self.consumed += amount as u64;
    }
}

/// Decompressed bytes of gzip members, one member after another.
pub(crate) struct Members<R> {
    between: Option<Counting<R>>,
    member: Option<BufReader<GzDecoder<Counting<R>>>>,
    member_start: u64,
    members: u64,
    /// Stop at the end of the current member instead of going on to the next: a record
    /// ends where its member ends, as warcio reads a `.warc.gz`.
    hold: bool,
}

impl<R: BufRead> Members<R> {
    /// Makes sure a member with bytes left is open; false at the end of the file.
    fn ready(&mut self) -> io::Result<bool> {
        loop {
            if let Some(member) = self.member.as_mut() {
                if !member.fill_buf()?.is_empty() {
                    return Ok(true);
                }
                if self.hold {
                    return Ok(false);
                }
                if let Some(member) = self.member.take() {
                    self.between = Some(member.into_inner().into_inner());
                }
            }
            let Some(mut between) = self.between.take() else {
                return Ok(false);
            };
            if between.fill_buf()?.is_empty() {
                self.between = Some(between);
                return Ok(false);
            }
            self.member_start = between.consumed;
            self.members += 1;
            self.member = Some(BufReader::with_capacity(64 << 10, GzDecoder::new(between)));
        }
    }
}

/// What a reader reads records from.
pub(crate) enum Source<R> {
    /// An uncompressed file.
    Plain(Counting<R>),
    /// A gzip file (member per record, or one member for the whole file).
    Gzip(Box<Members<R>>),
}

/// Where a line starts: the offset to report for a record that starts there, and the gzip
/// member it is in (0 for a plain file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Position {
    pub offset: u64,
    pub member: u64,
}

impl<R: BufRead> Source<R> {
    /// Looks at the first bytes to choose plain or gzip.
    pub(crate) fn open(mut reader: R) -> io::Result<Self> {
        let gzip = reader.fill_buf()?.starts_with(&[0x1f, 0x8b]);
        let counting = Counting {
            inner: reader,
            consumed: 0,
        };
        Ok(if gzip {
            Source::Gzip(Box::new(Members {
                between: Some(counting),
                member: None,
                member_start: 0,
                members: 0,
                hold: false,
            }))
        } else {
            Source::Plain(counting)
        })
    }

    /// Whether the file is gzip-compressed.
    pub(crate) fn is_gzip(&self) -> bool {
        matches!(self, Source::Gzip(_))
    }

    /// Keeps reads within the current gzip member (`true`) or lets them go on to the next.
    pub(crate) fn hold_member(&mut self, hold: bool) {
        if let Source::Gzip(m) = self {
            m.hold = hold;
        }
    }

    /// The position of the next byte (after making sure it is loaded).
    pub(crate) fn position(&mut self) -> io::Result<Position> {
        match self {
            Source::Plain(c) => Ok(Position {
                offset: c.consumed,
                member: 0,
            }),
            Source::Gzip(m) => {
                m.ready()?;
                Ok(Position {
                    offset: m.member_start,
                    member: m.members,
                })
            }
        }
    }
}

impl<R: BufRead> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(buf.len());
            buf[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Source<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self {
            Source::Plain(c) => c.fill_buf(),
            Source::Gzip(m) => {
                if !m.ready()? {
                    return Ok(&[]);
                }
                match m.member.as_mut() {
                    Some(member) => member.fill_buf(),
                    None => Ok(&[]),
                }
            }
        }
    }
    fn consume(&mut self, amount: usize) {
        match self {
            Source::Plain(c) => c.consume(amount),
            Source::Gzip(m) => {
                if let Some(member) = m.member.as_mut() {
                    member.consume(amount);
                }
            }
        }
    }
}
