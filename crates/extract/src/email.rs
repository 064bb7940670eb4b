//! Email messages (RFC 5322 / MIME): `.eml` files, maildir files, messages cut out of an
//! mbox, and messages attached to other messages.
//!
//! Parsing is mail-parser's (0.11: the 1.x line needs a newer Rust): RFC 2047 encoded
//! words, quoted-printable and base64, and every charset encoding_rs knows
//! (`full_encoding`: iso-2022-jp, shift_jis, euc-kr, gb2312, big5, koi8-r, …) plus UTF-7
//! and UTF-16. The body is the text/plain alternative when there is one; an HTML-only
//! body is converted to text (mail-parser's converter: tags dropped, entities decoded,
//! block elements as line breaks). Attachments and attached messages become
//! [`Child`]ren, which the pipeline extracts with whatever extractor bids on them.
//!
//! What is stored (document fields and `meta` keys):
//! - title = Subject; doc_date = Date in UTC; authors = From (display names, else addresses);
//! - `from`, `sender`, `to`, `cc`, `bcc`, `reply_to`: one address per line, `Name <address>`;
//! - `date`: the Date header as written; `date_offset`: the sender's UTC offset (`-07:00`);
//! - `message_id`; `in_reply_to` and `references`: bare ids separated by spaces;
//! - `attachments`: how many children the message has.
//!
//! A message that cannot be read fully is still a document: whatever could be read, plus a
//! warning (no headers at all: the bytes are kept as text).

mod fields;

use std::borrow::Cow;

use mail_parser::{Address, Message, MessageParser, MimeHeaders, PartType};

use crate::charset::decode_text;
use crate::{Child, ExtractError, Extraction, Extractor, Hints, Probe};

pub use fields::parse_address_line;

/// Reads one email message.
#[derive(Debug, Default, Clone, Copy)]
pub struct EmailExtractor;

/// Header names that mark the start of a file as a message's header block.
const KNOWN_HEADERS: &[&str] = &[
    "from",
    "to",
    "cc",
    "subject",
    "date",
    "message-id",
    "received",
    "return-path",
    "mime-version",
    "content-type",
    "delivered-to",
    "reply-to",
    "in-reply-to",
    "references",
    "sender",
    "x-from",
    "x-to",
    "envelope-to",
    "x-mailer",
];

/// Whether `name` is a maildir file name: `TIME.UNIQUE.HOST:2,FLAGS`, or with `;` for `:`
/// as mail clients on Windows write it. A file so named is a message whatever it holds.
pub fn is_maildir_name(name: &str) -> bool {
    let Some((base, flags)) = name.rsplit_once(":2,").or_else(|| name.rsplit_once(";2,")) else {
        return false;
    };
    flags.chars().all(|c| c.is_ascii_alphabetic() || c == ',')
        && base
            .split('.')
            .next()
            .is_some_and(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether `head` starts like an email message: an optional mbox envelope line, then a
/// block of `Name: value` header lines (with folded continuations) of which at least two
/// are well-known message headers. Used to recognise maildir files, which have no
/// extension (`1354585346.000260:2,S`), and Enron's numbered files.
pub fn looks_like_message(head: &[u8]) -> bool {
    known_headers(head) >= 2
}

/// How many well-known message headers open `head` (0 when it does not start like a
/// header block).
fn known_headers(head: &[u8]) -> usize {
    let mut rest = head;
    if rest.starts_with(b"From ") {
        match rest.iter().position(|&b| b == b'\n') {
            Some(nl) => rest = &rest[nl + 1..],
            None => return 0,
        }
    }
    let mut lines = rest.split(|&b| b == b'\n').peekable();
    let (mut fields, mut known) = (0usize, 0usize);
    while let Some(line) = lines.next() {
        if lines.peek().is_none() {
            break; // the head may end inside this line: judge only whole lines
        }
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            break;
        }
        if line[0] == b' ' || line[0] == b'\t' {
            if fields == 0 {
                return 0;
            }
            continue;
        }
        // A line that is not a header field ends the block (spam often omits the blank
        // line before its body); what was seen so far decides.
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            break;
        };
        // RFC 822's obsolete syntax allows blanks before the colon (`From  :`).
        let name = line[..colon].trim_ascii_end();
        if name.is_empty() || !name.iter().all(|b| b.is_ascii_graphic()) {
            break;
        }
        fields += 1;
        let name = String::from_utf8_lossy(name).to_ascii_lowercase();
        if KNOWN_HEADERS.contains(&name.as_str()) {
            known += 1;
        }
        if fields > 500 {
            break;
        }
    }
    known
}

impl Extractor for EmailExtractor {
    fn name(&self) -> &'static str {
        "email"
    }

    fn version(&self) -> u32 {
        1
    }

    fn bid(&self, probe: &Probe<'_>) -> u8 {
        let known = known_headers(probe.head);
        let looks = known >= 2;
        if probe.file_name.is_some_and(is_maildir_name) {
            return 75;
        }
        if known >= 3 && probe.extension().as_deref() != Some("eml") {
            // A message saved under another name (`badmime.txt`): three standard headers
            // opening the file outweigh the extension the plain-text extractor bids 80 on.
            return 85;
        }
        // An attached message reaches the registry under a name ending in `.eml` (the
        // pipeline adds it for `message/rfc822` parts), so the extension decides it.
        match probe.extension().as_deref() {
            Some("eml") if looks => 90,
            // Named as a message but damaged: still ours, read with warnings.
            Some("eml") => 60,
            // Maildir and Enron files: no extension, or a maildir info suffix such as
            // `kurkku;2,FP`; anything else that starts like a message header block. The
            // plain-text extractor bids 10 on such files and higher on `.txt`.
            _ if looks => 70,
            _ => 0,
        }
    }

    fn extract(&self, bytes: &[u8], _hints: &Hints) -> Result<Extraction, ExtractError> {
        Ok(read_message(bytes))
    }
}

/// Reads a message; never fails, since whatever could be read is worth keeping.
pub(crate) fn read_message(bytes: &[u8]) -> Extraction {
    let raw = strip_envelope(bytes);
    let mut out = Extraction {
        kind: "email".into(),
        media_type: "message/rfc822".into(),
        ..Extraction::default()
    };
    // A "message" none of whose header names is a standard one (From, Subject, Content-Type
    // …) is not a message that could be read; keep its bytes as text instead.
    let parsed = MessageParser::default().parse(raw).filter(|m| {
        m.headers()
            .iter()
            .any(|h| !matches!(h.name, mail_parser::HeaderName::Other(_)))
    });
    let Some(message) = parsed else {
        let decoded = decode_text(raw);
        out.text = decoded.text;
        out.warnings
            .push("no message headers could be read: the bytes are kept as text".into());
        return out;
    };
    read_headers(&message, &mut out);
    let body_parts = body_parts(&message);
    read_body(&message, &body_parts, raw, &mut out);
    read_attachments(&message, &body_parts, &mut out);
    out
}

/// An mbox envelope line (`From sender date`) is not part of the message.
fn strip_envelope(bytes: &[u8]) -> &[u8] {
    if bytes.starts_with(b"From ")
        && let Some(nl) = bytes.iter().position(|&b| b == b'\n')
    {
        return &bytes[nl + 1..];
    }
    bytes
}

pub(crate) fn read_headers(message: &Message<'_>, out: &mut Extraction) {
    let meta = &mut out.meta;
    out.title = message
        .subject()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    let mut put_addresses = |key: &str, value: Option<&Address<'_>>| {
        let lines = value.map(fields::address_lines).unwrap_or_default();
        if !lines.is_empty() {
            meta.insert(key.to_owned(), lines.join("\n"));
        }
    };
    put_addresses("from", message.from());
    put_addresses("sender", message.sender());
    put_addresses("to", message.to());
    put_addresses("cc", message.cc());
    put_addresses("bcc", message.bcc());
    put_addresses("reply_to", message.reply_to());
    out.authors = message
        .from()
        .map(|a| a.iter().filter_map(fields::author).collect())
        .unwrap_or_default();

    if let Some(id) = message
        .message_id()
        .map(|id| id.trim().trim_start_matches('<').trim_end_matches('>'))
        .filter(|id| !id.is_empty())
    {
        meta.insert("message_id".into(), id.to_owned());
    }
    for (key, value) in [
        ("in_reply_to", message.in_reply_to()),
        ("references", message.references()),
    ] {
        let ids = fields::message_ids(value);
        if !ids.is_empty() {
            meta.insert(key.into(), ids.join(" "));
        }
    }

    let raw_date = message.header_raw("Date").map(str::trim);
    if let Some(raw) = raw_date.filter(|d| !d.is_empty()) {
        meta.insert("date".into(), raw.to_owned());
    }
    match (message.date(), raw_date) {
        (Some(date), _) => match fields::utc_iso(date) {
            Some(utc) => {
                out.doc_date = Some(utc);
                meta.insert("date_offset".into(), fields::offset(date));
            }
            None => out.warnings.push(format!(
                "the Date header is not a real date: {:?}",
                raw_date.unwrap_or("")
            )),
        },
        (None, Some(raw)) if !raw.is_empty() => match zoneless_date(raw) {
            Some(utc) => {
                out.doc_date = Some(utc);
                out.warnings.push(format!(
                    "the Date header has no time zone: read as UTC: {raw:?}"
                ));
            }
            None => out
                .warnings
                .push(format!("the Date header could not be read: {raw:?}")),
        },
        _ => {}
    }
}

/// Reads 8-bit text that its declared charset does not fit. Mislabelled CJK mail is common
/// (EUC-JP sent as `iso-2022-jp`, GBK as `gb2312`), so the declared charset's neighbours
/// are tried first, strictly (no replacement characters); then our detector for any text
/// (valid UTF-8, else windows-1252, which maps every byte).
fn redecode(bytes: &[u8], declared: Option<&str>) -> (String, &'static str) {
    let neighbours: &[&str] = match declared.unwrap_or("") {
        "iso-2022-jp" | "shift_jis" | "shift-jis" | "sjis" | "euc-jp" | "x-euc-jp" => {
            &["utf-8", "euc-jp", "shift_jis"]
        }
        "euc-kr" | "ks_c_5601-1987" | "iso-2022-kr" => &["utf-8", "euc-kr"],
        "gb2312" | "gbk" | "gb18030" | "hz-gb-2312" => &["utf-8", "gb18030", "big5"],
        "big5" | "big5-hkscs" => &["utf-8", "big5", "gb18030"],
        _ => &[],
    };
    for label in neighbours {
        if let Some(encoding) = encoding_rs::Encoding::for_label(label.as_bytes())
            && let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes)
        {
            return (text.into_owned(), encoding.name());
        }
    }
    let decoded = decode_text(bytes);
    (decoded.text, decoded.charset)
}

/// The parts that make up the body: mail-parser's text body (text/plain, or HTML where
/// there is no plain alternative). When it found none, unnamed inline text parts it filed
/// as attachments are the body instead: that is how it files the last part of a multipart
/// that was cut off before its closing boundary.
fn body_parts(message: &Message<'_>) -> Vec<u32> {
    if !message.text_body.is_empty() {
        return message.text_body.clone();
    }
    message
        .attachments
        .iter()
        .copied()
        .filter(|&id| {
            message.part(id).is_some_and(|p| {
                matches!(p.body, PartType::Text(_) | PartType::Html(_))
                    && p.attachment_name().is_none()
                    && !p
                        .content_disposition()
                        .is_some_and(|d| d.ctype().eq_ignore_ascii_case("attachment"))
            })
        })
        .collect()
}

fn read_body(message: &Message<'_>, body_parts: &[u32], raw: &[u8], out: &mut Extraction) {
    let mut bodies = Vec::new();
    let mut charsets = Vec::new();
    for (i, &part_id) in body_parts.iter().enumerate() {
        let Some(part) = message.part(part_id) else {
            continue;
        };
        let text = match &part.body {
            PartType::Text(t) => t.to_string(),
            PartType::Html(h) => mail_parser::decoders::html::html_to_text(h),
            _ => continue,
        };
        let mut text = text;
        let charset = part
            .content_type()
            .and_then(|ct| ct.attribute("charset"))
            .map(str::to_ascii_lowercase);
        // 8-bit text without a charset (or with a wrong one) decodes to replacement
        // characters; read the same bytes with our detector instead (valid UTF-8, else
        // the legacy charset chardetng detects).
        if text.contains('\u{FFFD}')
            && matches!(part.body, PartType::Text(_))
            && let Some(bytes) = raw
                .get(part.offset_body as usize..part.offset_end as usize)
                .and_then(|b| transfer_decoded(b, part.encoding))
        {
            let (decoded, read_as) = redecode(&bytes, charset.as_deref());
            out.warnings.push(format!(
                "body part {} was not valid in its declared charset {:?}: read as {read_as}",
                i + 1,
                charset.as_deref().unwrap_or("(none)"),
            ));
            text = decoded;
        }
        if part.is_encoding_problem {
            out.warnings.push(format!(
                "body part {} could not be decoded cleanly (bad transfer encoding or charset)",
                i + 1
            ));
        }
        if let Some(c) = charset
            && !charsets.contains(&c)
        {
            charsets.push(c);
        }
        bodies.push(text);
    }
    if !charsets.is_empty() {
        out.meta.insert("charset".into(), charsets.join(" "));
    }
    out.text = bodies.join("\n\n");
    if let Some(warning) = unclosed_multipart(message) {
        out.warnings.push(warning);
    }
}

/// A part's bytes with its transfer encoding (quoted-printable, base64) undone.
fn transfer_decoded(bytes: &[u8], encoding: mail_parser::Encoding) -> Option<Cow<'_, [u8]>> {
    use mail_parser::decoders::{base64::base64_decode, quoted_printable::quoted_printable_decode};
    match encoding {
        mail_parser::Encoding::None => Some(Cow::Borrowed(bytes)),
        mail_parser::Encoding::QuotedPrintable => quoted_printable_decode(bytes).map(Cow::Owned),
        mail_parser::Encoding::Base64 => base64_decode(bytes).map(Cow::Owned),
    }
}

/// A date written without its zone (`Fri, 7 Dec 2001 07:01:03`, common in spam and old
/// mail): read as UTC, since nothing says otherwise.
fn zoneless_date(raw: &str) -> Option<String> {
    let date = mail_parser::DateTime::parse_rfc822(&format!("{raw} +0000"))?;
    fields::utc_iso(&date)
}

/// A multipart message whose closing boundary never comes was cut short (a truncated
/// download, the last message of a damaged mbox).
fn unclosed_multipart(message: &Message<'_>) -> Option<String> {
    let root = message.root_part();
    let ct = root.content_type()?;
    if !ct.c_type.eq_ignore_ascii_case("multipart") {
        return None;
    }
    let boundary = ct.attribute("boundary")?;
    let closing = format!("--{boundary}--");
    let raw = message.raw_message();
    let found = raw.windows(closing.len()).any(|w| w == closing.as_bytes());
    (!found).then(|| {
        "the message ends before its closing MIME boundary: it may be truncated".to_owned()
    })
}

fn read_attachments(message: &Message<'_>, body_parts: &[u32], out: &mut Extraction) {
    let attachments = message
        .attachments
        .iter()
        .filter(|id| !body_parts.contains(id))
        .filter_map(|&id| message.part(id));
    for (i, part) in attachments.enumerate() {
        let n = i + 1;
        let media_type = part.content_type().map(|ct| match ct.subtype() {
            Some(sub) => format!("{}/{}", ct.ctype(), sub).to_ascii_lowercase(),
            None => ct.ctype().to_ascii_lowercase(),
        });
        let is_message = matches!(part.body, PartType::Message(_));
        let name = part
            .attachment_name()
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .or_else(|| {
                is_message.then(|| {
                    part.message()
                        .and_then(|m| m.subject())
                        .map(|s| format!("{}.eml", s.trim()))
                        .unwrap_or_else(|| "message.eml".into())
                })
            });
        let mut warnings = Vec::new();
        if part.is_encoding_problem {
            warnings.push(format!("attachment {n} could not be decoded cleanly"));
        }
        let shown = name.as_deref().map(printable).unwrap_or_default();
        out.children.push(Child {
            locator: if shown.is_empty() {
                format!("attachment={n}")
            } else {
                format!("attachment={n}/{shown}")
            },
            name,
            media_type: if is_message {
                Some("message/rfc822".into())
            } else {
                media_type
            },
            bytes: part.contents().to_vec(),
            warnings,
            failure: None,
            ..Child::default()
        });
    }
    if !out.children.is_empty() {
        out.meta
            .insert("attachments".into(), out.children.len().to_string());
    }
}

/// A name as it may appear inside a source path: control characters shown as `?`.
fn printable(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

#[cfg(test)]
mod tests;
