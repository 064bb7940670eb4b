//! mbox files: streamed, one message at a time.
//!
//! An mbox is a concatenation of messages, each introduced by an envelope line that starts
//! with `From ` (`From alice@example.org Thu Jun 13 23:25:49 1996`). Every line that starts
//! with `From ` begins a new message: that is the format's one rule, and the corpus's
//! mboxes (MimeKit's, SpamAssassin's, Aleph's) separate messages exactly so, even where
//! the previous line is not blank. `Content-Length` headers (mboxcl) are ignored on
//! purpose: they are often wrong after a mailbox was edited by hand.
//!
//! Quoting: writers escape body lines that start with `From ` as `>From ` (mboxo) or add
//! one more `>` to any `>…>From ` line (mboxrd). Removing one `>` from every line matching
//! `^>+From ` undoes mboxrd exactly and mboxo as well as it can be undone.
//!
//! A message's bytes are what lies between its envelope line and the next one, minus the
//! blank line the writer added after it, and unquoted: the same bytes as the message saved
//! on its own as `.eml`, so the two deduplicate to one original.

use std::io::{BufRead, ErrorKind};

use crate::container::{ChildResult, Container};
use crate::{Child, Extraction, Hints, Probe};

/// Reads mbox files (`.mbox`, `.mbx`, or a file named `mbox`, or any file whose first line
/// is an envelope line and that holds a second one within its first bytes).
#[derive(Debug, Default, Clone, Copy)]
pub struct MboxContainer;

const MBOX_EXTENSIONS: &[&str] = &["mbox", "mbx", "mbs"];

impl Container for MboxContainer {
    fn name(&self) -> &'static str {
        "mbox"
    }

    fn version(&self) -> u32 {
        1
    }

    fn bid(&self, probe: &Probe<'_>) -> u8 {
        let starts_with_envelope = probe.head.starts_with(b"From ");
        let named_mbox = probe
            .extension()
            .is_some_and(|e| MBOX_EXTENSIONS.contains(&e.as_str()))
            || probe
                .file_name
                .is_some_and(|n| n.eq_ignore_ascii_case("mbox"));
        if named_mbox && (starts_with_envelope || probe.head.is_empty()) {
            95
        } else if named_mbox {
            // Named like an mbox but not starting like one: still ours, read with warnings.
            60
        } else if starts_with_envelope
            && probe.extension().is_none()
            && memchr_from_line(&probe.head[5..])
        {
            // A mail client's folder file (Thunderbird's `Inbox` has no extension): a second
            // envelope line within the head. A single saved message with one envelope line
            // is left to the email extractor.
            85
        } else {
            0
        }
    }

    fn describe(&self, hints: &Hints) -> Extraction {
        Extraction {
            kind: "mailbox".into(),
            media_type: "application/mbox".into(),
            title: hints.file_name.clone(),
            ..Extraction::default()
        }
    }

    fn split<'r>(
        &self,
        reader: Box<dyn BufRead + Send + 'r>,
    ) -> Box<dyn Iterator<Item = ChildResult> + Send + 'r> {
        Box::new(MboxSplitter::new(reader))
    }
}

/// Whether an envelope line follows a blank line in `bytes`: `\n\nFrom ` and a sender (a
/// header such as `From  :` or a body line "From the desk of" after a blank line is rare;
/// the sender must be one word directly after the space).
fn memchr_from_line(bytes: &[u8]) -> bool {
    bytes
        .windows(8)
        .any(|w| w.starts_with(b"\n\nFrom ") && w[7].is_ascii_graphic())
}

/// The longest line a message may hold, newline included. RFC 5322 allows 998 characters;
/// real mail breaks that (HTML sent unwrapped), but never by megabytes. A file with no line
/// breaks, read as one line, had been held whole in memory and become one empty message
/// marked `ok`; now such a message is a failure with its reason.
pub const MAX_LINE_BYTES: usize = 4 << 20;

/// Cuts an mbox into messages while reading it, holding at most one message in memory.
/// A message with a line longer than [`MAX_LINE_BYTES`], or larger than
/// [`MAX_EXTRACT_BYTES`](crate::MAX_EXTRACT_BYTES) (no extractor would read it), is not
/// held at all: it becomes a [`Child`] with empty bytes and a [`Child::failure`].
pub struct MboxSplitter<R> {
    reader: R,
    /// Bytes consumed so far.
    offset: u64,
    /// An envelope line already read, its offset, and whether it was cut for its length:
    /// the start of the next message.
    pending_envelope: Option<(u64, bool)>,
    line: Vec<u8>,
    /// The line just read was longer than `max_line` and holds only its start.
    overlong: bool,
    max_line: usize,
    max_message: usize,
    done: bool,
}

impl<R: BufRead> MboxSplitter<R> {
    /// A splitter over `reader`, positioned at the start of an mbox.
    pub fn new(reader: R) -> Self {
        Self::with_limits(reader, MAX_LINE_BYTES, crate::MAX_EXTRACT_BYTES as usize)
    }

    /// A splitter with other limits on a line and on a message (tests use small ones).
    pub fn with_limits(reader: R, max_line: usize, max_message: usize) -> Self {
        MboxSplitter {
            reader,
            offset: 0,
            pending_envelope: None,
            line: Vec::new(),
            overlong: false,
            max_line,
            max_message,
            done: false,
        }
    }

    /// Reads one line (with its newline) into `self.line`, keeping at most `max_line`
    /// bytes of it (and setting `overlong` if there were more, which are skipped unread
    /// into memory); false at the end of the input.
    fn read_line(&mut self) -> std::io::Result<bool> {
        self.line.clear();
        self.overlong = false;
        let mut any = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(any);
            }
            any = true;
            let (chunk, ended) = match memchr::memchr(b'\n', available) {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            if !self.overlong {
                let keep = chunk.min(self.max_line - self.line.len().min(self.max_line));
                self.line.extend_from_slice(&available[..keep]);
                self.overlong = keep < chunk;
            }
            self.reader.consume(chunk);
            self.offset += chunk as u64;
            if ended {
                return Ok(true);
            }
        }
    }

    fn no_line_break(&self, at: u64) -> String {
        format!(
            "no line break within {} at byte {at} of the mbox: the message cannot be delimited, \
             so it was not taken out (the mbox itself is kept whole)",
            size_words(self.max_line)
        )
    }

    fn next_message(&mut self) -> std::io::Result<Option<Child>> {
        let mut warnings = Vec::new();
        let mut failure = None;
        let (start, envelope_overlong) = match self.pending_envelope.take() {
            Some(pending) => pending,
            None => {
                // The first message: skip to the first envelope line.
                let mut skipped = 0u64;
                loop {
                    let line_start = self.offset;
                    if !self.read_line()? {
                        // No envelope line at all: no messages (the original is still kept).
                        return Ok(None);
                    }
                    if self.line.starts_with(b"From ") {
                        if skipped > 0 {
                            warnings.push(format!(
                                "{skipped} bytes before the first envelope line were not part of any message"
                            ));
                        }
                        break (line_start, self.overlong);
                    }
                    skipped += self.offset - line_start;
                }
            }
        };
        if envelope_overlong {
            failure = Some(self.no_line_break(start));
        }
        let mut bytes = Vec::new();
        let mut ended_mid_line = false;
        loop {
            let line_start = self.offset;
            if !self.read_line()? {
                self.done = true;
                break;
            }
            if self.line.starts_with(b"From ") {
                self.pending_envelope = Some((line_start, self.overlong));
                break;
            }
            if failure.is_some() {
                continue; // read on to the next envelope line, keeping nothing
            }
            if self.overlong {
                failure = Some(self.no_line_break(line_start));
                bytes = Vec::new();
                continue;
            }
            if bytes.len() + self.line.len() > self.max_message {
                failure = Some(format!(
                    "the message is larger than {}, more than an extractor reads: it was not \
                     taken out (the mbox itself is kept whole)",
                    size_words(self.max_message)
                ));
                bytes = Vec::new();
                continue;
            }
            ended_mid_line = !self.line.ends_with(b"\n");
            let quoted = self.line.iter().take_while(|&&b| b == b'>').count();
            if quoted > 0 && self.line[quoted..].starts_with(b"From ") {
                bytes.extend_from_slice(&self.line[1..]);
            } else {
                bytes.extend_from_slice(&self.line);
            }
        }
        let locator = format!("offset={start}");
        if failure.is_some() {
            return Ok(Some(Child {
                name: None,
                locator,
                media_type: Some("message/rfc822".into()),
                bytes: Vec::new(),
                warnings,
                failure,
                meta: Default::default(),
            }));
        }
        // The blank line a writer adds after each message is not part of it.
        if bytes.ends_with(b"\n\r\n") {
            bytes.truncate(bytes.len() - 2);
        } else if bytes.ends_with(b"\n\n") {
            bytes.truncate(bytes.len() - 1);
        }
        if self.done && ended_mid_line {
            warnings.push(
                "the mbox ends in the middle of a line: the last message is truncated".into(),
            );
        }
        if self.done && !bytes.contains(&b'\n') {
            warnings.push("the mbox ends inside this message's headers: it is truncated".into());
        }
        Ok(Some(Child {
            name: None,
            locator,
            media_type: Some("message/rfc822".into()),
            bytes,
            warnings,
            failure: None,
            meta: Default::default(),
        }))
    }
}

/// A size in words: whole MiB when it is a whole number of them, else bytes.
fn size_words(n: usize) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else {
        format!("{n} bytes")
    }
}

impl<R: BufRead> Iterator for MboxSplitter<R> {
    type Item = ChildResult;

    fn next(&mut self) -> Option<ChildResult> {
        if self.done && self.pending_envelope.is_none() {
            return None;
        }
        match self.next_message() {
            Ok(Some(child)) => Some(Ok(child)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                self.pending_envelope = None;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(mbox: &[u8]) -> Vec<Child> {
        MboxSplitter::new(mbox)
            .collect::<std::io::Result<Vec<_>>>()
            .expect("reading from memory cannot fail")
    }

    #[test]
    fn every_envelope_line_starts_a_message_with_its_offset() {
        let mbox = b"From a@x Mon Jan  1 00:00:00 2001\nSubject: one\n\nbody one\n\nFrom b@y Tue Jan  2 00:00:00 2001\nSubject: two\n\nbody two\n";
        let messages = split(mbox);
        assert_eq!(messages.len(), 2);
        assert_eq!(messages[0].locator, "offset=0");
        assert_eq!(messages[0].bytes, b"Subject: one\n\nbody one\n");
        let second = mbox
            .windows(7)
            .position(|w| w == b"From b@")
            .expect("second envelope");
        assert_eq!(messages[1].locator, format!("offset={second}"));
        assert_eq!(messages[1].bytes, b"Subject: two\n\nbody two\n");
        assert!(messages.iter().all(|m| m.warnings.is_empty()));
    }

    #[test]
    fn quoted_from_lines_are_unquoted_once() {
        let mbox = b"From a@x Mon Jan  1 00:00:00 2001\nSubject: q\n\n>From the start\n>>From deeper\n> From not quoting\n";
        let messages = split(mbox);
        assert_eq!(messages.len(), 1);
        assert_eq!(
            messages[0].bytes,
            b"Subject: q\n\nFrom the start\n>From deeper\n> From not quoting\n"
        );
    }

    #[test]
    fn a_truncated_last_message_is_kept_with_a_warning() {
        let mbox = b"From a@x Mon Jan  1 00:00:00 2001\nSubject: whole\n\nok\n\nFrom b@y Tue Jan  2 00:00:00 2001\nSubject: cut\n\nhalf a li";
        let messages = split(mbox);
        assert_eq!(messages.len(), 2);
        assert!(messages[0].warnings.is_empty());
        assert_eq!(messages[1].bytes, b"Subject: cut\n\nhalf a li");
        assert_eq!(messages[1].warnings.len(), 1, "{:?}", messages[1].warnings);
    }

    #[test]
    fn bytes_before_the_first_envelope_are_reported_not_lost_silently() {
        let messages = split(b"junk\nFrom a@x Mon Jan  1 00:00:00 2001\nSubject: s\n\nb\n");
        assert_eq!(messages.len(), 1);
        assert!(messages[0].warnings[0].contains("5 bytes"));
        assert!(split(b"").is_empty());
    }

    #[test]
    fn a_message_without_line_breaks_is_a_failure_and_the_next_message_is_still_found() {
        let mut mbox = b"From a@x Mon Jan  1 00:00:00 2001\nSubject: endless\n\n".to_vec();
        mbox.extend(std::iter::repeat_n(b'x', 10_000));
        mbox.extend_from_slice(b"\nFrom b@y Tue Jan  2 00:00:00 2001\nSubject: two\n\nbody\n");
        let messages: Vec<Child> = MboxSplitter::with_limits(&mbox[..], 1000, 1 << 20)
            .collect::<std::io::Result<_>>()
            .expect("in memory");
        assert_eq!(messages.len(), 2);
        assert!(messages[0].bytes.is_empty(), "nothing of it is held");
        let reason = messages[0].failure.as_deref().expect("a failure");
        assert!(
            reason.contains("no line break within 1000 bytes"),
            "{reason}"
        );
        assert_eq!(messages[1].failure, None);
        assert_eq!(messages[1].bytes, b"Subject: two\n\nbody\n");
    }

    #[test]
    fn an_mbox_that_is_one_enormous_line_is_one_failed_message() {
        let mut mbox = b"From a@x Mon Jan  1 00:00:00 2001 ".to_vec();
        mbox.extend(std::iter::repeat_n(b'y', 50_000));
        let messages: Vec<Child> = MboxSplitter::with_limits(&mbox[..], 4096, 1 << 20)
            .collect::<std::io::Result<_>>()
            .expect("in memory");
        assert_eq!(messages.len(), 1);
        assert!(messages[0].bytes.is_empty());
        assert!(
            messages[0]
                .failure
                .as_deref()
                .is_some_and(|r| r.contains("cannot be delimited"))
        );
    }

    #[test]
    fn a_message_larger_than_the_limit_is_a_failure_not_a_truncated_message() {
        let mut mbox = b"From a@x Mon Jan  1 00:00:00 2001\nSubject: big\n\n".to_vec();
        for _ in 0..100 {
            mbox.extend_from_slice(&[b'z'; 99]);
            mbox.push(b'\n');
        }
        let messages: Vec<Child> = MboxSplitter::with_limits(&mbox[..], 1000, 5000)
            .collect::<std::io::Result<_>>()
            .expect("in memory");
        assert_eq!(messages.len(), 1);
        let reason = messages[0].failure.as_deref().expect("a failure");
        assert!(reason.contains("larger than 5000 bytes"), "{reason}");
    }

    #[test]
    fn bids_on_mbox_names_and_on_folder_files_with_two_envelopes() {
        let probe = |name, head| Probe {
            file_name: Some(name),
            head,
            declared_kind: None,
        };
        let x = MboxContainer;
        assert_eq!(x.bid(&probe("inbox.mbox", b"From a@x\nSubject: s")), 95);
        assert_eq!(x.bid(&probe("Inbox", b"From a@x\n\nb\n\nFrom b@y\n")), 85);
        assert_eq!(
            x.bid(&probe("008", b"From a@x\nSubject: s\n\nFrom  :<b@y>\n")),
            0
        );
        assert_eq!(x.bid(&probe("saved", b"From a@x\nSubject: s\n\nbody")), 0);
        assert_eq!(x.bid(&probe("note.txt", b"From a@x\n\nFrom b@y\n")), 0);
    }
}
