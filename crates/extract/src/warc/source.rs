//! The bytes under a WARC or ARC reader: a plain file, or gzip members read one after
//! another while knowing where each member starts (a record's offset in a `.warc.gz` is the
//! offset of the gzip member it starts in, as warcio and CDX indexes give it).

use std::io::{self, BufRead, Read};

use flate2::{Crc, Decompress, FlushDecompress, Status};

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
///
/// One raw-deflate state and one output buffer serve every member (reset, not rebuilt): a
/// `.warc.gz` is a member per record, often a few kilobytes each, and building a decoder
/// and its buffers per member cost more than inflating them. The header (RFC 1952) is read
/// here and the trailer's CRC-32 and size are checked as `GzDecoder` checks them.
pub(crate) struct Members<R> {
    input: Counting<R>,
    inflate: Decompress,
    crc: Crc,
    out: Box<[u8]>,
    /// Decoded bytes not yet consumed: `out[start..end]`.
    start: usize,
    end: usize,
    state: MemberState,
    member_start: u64,
    members: u64,
    /// Stop at the end of the current member instead of going on to the next: a record
    /// ends where its member ends, as warcio reads a `.warc.gz`.
    hold: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MemberState {
    /// Between members (or before the first).
    Between,
    /// Inflating a member.
    Inflating,
    /// A member's end was read; its trailer checked.
    Ended,
}

const OUT_BUFFER: usize = 64 << 10;

impl<R: BufRead> Members<R> {
    fn new(input: Counting<R>) -> Self {
        Members {
            input,
            inflate: Decompress::new(false),
            crc: Crc::new(),
            out: vec![0u8; OUT_BUFFER].into_boxed_slice(),
            start: 0,
            end: 0,
            state: MemberState::Between,
            member_start: 0,
            members: 0,
            hold: false,
        }
    }

    /// Makes sure decoded bytes are available; false at the end of the held member or of
    /// the file.
    fn ready(&mut self) -> io::Result<bool> {
        loop {
            if self.start < self.end {
                return Ok(true);
            }
            match self.state {
                MemberState::Inflating => self.inflate_some()?,
                MemberState::Ended => {
                    if self.hold {
                        return Ok(false);
                    }
                    self.state = MemberState::Between;
                }
                MemberState::Between => {
                    if self.input.fill_buf()?.is_empty() {
                        return Ok(false);
                    }
                    self.member_start = self.input.consumed;
                    self.members += 1;
                    read_gzip_header(&mut self.input)?;
                    self.inflate.reset(false);
                    self.crc.reset();
                    self.state = MemberState::Inflating;
                }
            }
        }
    }

    /// Inflates what the input holds into the output buffer; at the member's end, checks
    /// its trailer.
    fn inflate_some(&mut self) -> io::Result<()> {
        let input = self.input.fill_buf()?;
        if input.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the gzip member ends before its deflate stream does (truncated file)",
            ));
        }
        let (in_before, out_before) = (self.inflate.total_in(), self.inflate.total_out());
        let status = self
            .inflate
            .decompress(input, &mut self.out, FlushDecompress::None)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        let used = (self.inflate.total_in() - in_before) as usize;
        let made = (self.inflate.total_out() - out_before) as usize;
        self.input.consume(used);
        self.crc.update(&self.out[..made]);
        self.start = 0;
        self.end = made;
        if status == Status::StreamEnd {
            let mut trailer = [0u8; 8];
            self.input.read_exact(&mut trailer)?;
            let crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
            let size = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
            if crc != self.crc.sum() || size != self.crc.amount() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "corrupt gzip member: its CRC-32 or size does not match its contents",
                ));
            }
            self.state = MemberState::Ended;
        } else if used == 0 && made == 0 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "the deflate stream makes no progress (corrupt gzip member)",
            ));
        }
        Ok(())
    }
}

/// Reads a gzip member's header (RFC 1952 section 2.3), leaving the input at its deflate data.
fn read_gzip_header(input: &mut impl Read) -> io::Result<()> {
    let invalid = |what: &str| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("invalid gzip header: {what}"),
        )
    };
    let mut head = [0u8; 10];
    input.read_exact(&mut head)?;
    if head[0] != 0x1f || head[1] != 0x8b {
        return Err(invalid("no gzip magic"));
    }
    if head[2] != 8 {
        return Err(invalid("compression method is not deflate"));
    }
    let flags = head[3];
    let mut byte = [0u8; 1];
    if flags & 0x04 != 0 {
        let mut len = [0u8; 2];
        input.read_exact(&mut len)?;
        io::copy(
            &mut (&mut *input).take(u64::from(u16::from_le_bytes(len))),
            &mut io::sink(),
        )?;
    }
    for flag in [0x08, 0x10] {
        if flags & flag != 0 {
            loop {
                input.read_exact(&mut byte)?;
                if byte[0] == 0 {
                    break;
                }
            }
        }
    }
    if flags & 0x02 != 0 {
        let mut crc = [0u8; 2];
        input.read_exact(&mut crc)?;
    }
    Ok(())
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
            Source::Gzip(Box::new(Members::new(counting)))
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
                Ok(&m.out[m.start..m.end])
            }
        }
    }
    fn consume(&mut self, amount: usize) {
        match self {
            Source::Plain(c) => c.consume(amount),
            Source::Gzip(m) => m.start = (m.start + amount).min(m.end),
        }
    }
}
