//! Outlook `.msg` files ([MS-OXMSG]): one MAPI message in an OLE2 compound file, read with
//! the `cfb` crate.
//!
//! The message becomes an `email` document like any other, so it threads with `.eml` and
//! mbox mail: where the message keeps its internet headers (`PR_TRANSPORT_MESSAGE_HEADERS`,
//! the usual case for received mail) they are read by the email extractor's own header
//! reader; what they lack (or all of it, for a message never sent) comes from the MAPI
//! properties. Stored as the email extractor stores them (`from`, `to`, `cc`, `bcc`,
//! `message_id`, `in_reply_to`, `references`, doc_date = sent), plus `sent` and
//! `received` (ISO 8601, UTC), `message_class` (`IPM.Note`, `IPM.Contact` …) and
//! `body_format` (`text`, `html` or `rtf`: which body the text was read from).
//!
//! The body is the plain-text one, else the HTML one converted to text, else the
//! compressed RTF one decompressed and read (its encapsulated HTML when it holds one).
//! Attachments become children; an attached message is written out as a `.msg` file of
//! its own (its storage copied into a new compound file), so it is read by this same
//! extractor and threads too.

use std::io::{Cursor, Read, Seek, Write};
use std::path::{Path, PathBuf};

use cfb::CompoundFile;
use mail_parser::MessageParser;

use super::properties::{Properties, StorageRole};
use super::rtf;
use crate::{Child, ExtractError, Extraction, Extractor, Hints, Probe};

/// The first bytes of every OLE2 compound file.
const OLE2_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// The media type of an Outlook message.
pub const MSG_MEDIA_TYPE: &str = "application/vnd.ms-outlook";

/// MAPI property ids ([MS-OXPROPS]) read here.
mod tag {
    pub const MESSAGE_CLASS: u16 = 0x001A;
    pub const SUBJECT: u16 = 0x0037;
    pub const CLIENT_SUBMIT_TIME: u16 = 0x0039;
    pub const SENT_REPRESENTING_NAME: u16 = 0x0042;
    pub const SENT_REPRESENTING_EMAIL: u16 = 0x0065;
    pub const TRANSPORT_HEADERS: u16 = 0x007D;
    pub const RECIPIENT_TYPE: u16 = 0x0C15;
    pub const SENDER_NAME: u16 = 0x0C1A;
    pub const SENDER_ADDRTYPE: u16 = 0x0C1E;
    pub const SENDER_EMAIL: u16 = 0x0C1F;
    pub const DELIVERY_TIME: u16 = 0x0E06;
    pub const BODY: u16 = 0x1000;
    pub const RTF_COMPRESSED: u16 = 0x1009;
    pub const HTML: u16 = 0x1013;
    pub const INTERNET_MESSAGE_ID: u16 = 0x1035;
    pub const REFERENCES: u16 = 0x1039;
    pub const IN_REPLY_TO: u16 = 0x1042;
    pub const DISPLAY_NAME: u16 = 0x3001;
    pub const ADDRTYPE: u16 = 0x3002;
    pub const EMAIL_ADDRESS: u16 = 0x3003;
    pub const CREATION_TIME: u16 = 0x3007;
    pub const ATTACH_DATA: u16 = 0x3701;
    pub const ATTACH_FILENAME: u16 = 0x3704;
    pub const ATTACH_METHOD: u16 = 0x3705;
    pub const ATTACH_LONG_FILENAME: u16 = 0x3707;
    pub const ATTACH_MIME_TAG: u16 = 0x370E;
    pub const SMTP_ADDRESS: u16 = 0x39FE;
    pub const SENDER_SMTP_ADDRESS: u16 = 0x5D01;
    pub const SENT_REPRESENTING_SMTP: u16 = 0x5D02;
}

/// `PR_ATTACH_METHOD` of an attached message.
const ATTACH_EMBEDDED_MSG: i64 = 5;

/// Reads Outlook `.msg` files.
#[derive(Debug, Default, Clone, Copy)]
pub struct MsgExtractor;

impl Extractor for MsgExtractor {
    fn name(&self) -> &'static str {
        "outlook-msg"
    }

    fn version(&self) -> u32 {
        1
    }

    fn bid(&self, probe: &Probe<'_>) -> u8 {
        let ole2 = probe.head.starts_with(OLE2_MAGIC);
        match probe.extension().as_deref() {
            Some("msg") if ole2 => 95,
            // Named as a message but not a compound file: ours, to say clearly why it
            // cannot be read (a text extractor would make noise of it).
            Some("msg") => 60,
            _ => 0,
        }
    }

    fn extract(&self, bytes: &[u8], hints: &Hints) -> Result<Extraction, ExtractError> {
        let name = hints.file_name.as_deref().unwrap_or("the message");
        let malformed = |reason: String| ExtractError::Malformed {
            format: "Outlook message (.msg)",
            reason: format!("{name}: {reason}"),
        };
        if !bytes.starts_with(OLE2_MAGIC) {
            return Err(malformed(format!(
                "not an OLE2 compound file ({} bytes, starting {:02x?})",
                bytes.len(),
                &bytes[..bytes.len().min(8)]
            )));
        }
        let mut file = CompoundFile::open(Cursor::new(bytes))
            .map_err(|e| malformed(format!("damaged compound file: {e}")))?;
        read_message(&mut file, Path::new("/"), StorageRole::TopMessage)
            .map_err(|e| malformed(format!("damaged message: {e}")))
    }
}

/// Reads the message stored in `storage`.
fn read_message<F: Read + Seek>(
    file: &mut CompoundFile<F>,
    storage: &Path,
    role: StorageRole,
) -> std::io::Result<Extraction> {
    let props = Properties::read(file, storage, role)?;
    let mut out = Extraction {
        kind: "email".into(),
        media_type: MSG_MEDIA_TYPE.into(),
        ..Extraction::default()
    };
    if let Some(headers) = props.string(tag::TRANSPORT_HEADERS) {
        let block = format!("{}\r\n\r\n", headers.trim_end());
        if let Some(parsed) = MessageParser::default().parse(block.as_bytes()) {
            crate::email::read_headers(&parsed, &mut out);
        }
    }
    let recipients = read_recipients(file, storage, &props)?;
    fill_from_properties(&props, &recipients, &mut out);
    read_body(&props, &mut out);
    read_attachments(file, storage, &props, &mut out)?;
    Ok(out)
}

/// A recipient from the recipient table: `Name <address>` and whether To, Cc or Bcc.
struct Recipient {
    line: String,
    kind: i64,
}

fn read_recipients<F: Read + Seek>(
    file: &mut CompoundFile<F>,
    storage: &Path,
    message: &Properties,
) -> std::io::Result<Vec<Recipient>> {
    let mut recipients = Vec::new();
    for path in sub_storages(file, storage, "__recip_version1.0_#")? {
        let mut props = Properties::read(file, &path, StorageRole::RecipientOrAttachment)?;
        props.inherit_codepage(message);
        let address = props.string(tag::SMTP_ADDRESS).or_else(|| {
            smtp_only(
                props.string(tag::ADDRTYPE),
                props.string(tag::EMAIL_ADDRESS),
            )
        });
        let Some(line) = address_line(props.string(tag::DISPLAY_NAME), address) else {
            continue;
        };
        recipients.push(Recipient {
            line,
            kind: props.int(tag::RECIPIENT_TYPE).unwrap_or(1),
        });
    }
    Ok(recipients)
}

/// An address of type SMTP (an Exchange `EX` address is an X.500 name, not a mailbox).
fn smtp_only(kind: Option<String>, address: Option<String>) -> Option<String> {
    let address = address?;
    let smtp = kind.is_none_or(|k| k.eq_ignore_ascii_case("SMTP")) && address.contains('@');
    smtp.then_some(address)
}

/// `Name <address>` as the email extractor writes addresses; either part alone when the
/// other is missing or the same.
fn address_line(name: Option<String>, address: Option<String>) -> Option<String> {
    let name = name.map(|n| n.trim_matches(['\'', '"', ' ']).to_owned());
    match (name, address) {
        (Some(n), Some(a)) if !n.is_empty() && !n.eq_ignore_ascii_case(&a) => {
            Some(format!("{n} <{a}>"))
        }
        (_, Some(a)) => Some(a),
        (Some(n), None) if !n.is_empty() => Some(n),
        _ => None,
    }
}

/// Everything the internet headers did not give (or all of it, for an unsent message).
fn fill_from_properties(props: &Properties, recipients: &[Recipient], out: &mut Extraction) {
    if let Some(subject) = props.string(tag::SUBJECT) {
        out.title = Some(subject);
    }
    if let Some(class) = props.string(tag::MESSAGE_CLASS) {
        out.meta.insert("message_class".into(), class);
    }
    if !out.meta.contains_key("from") {
        let sender = address_line(
            props.string(tag::SENDER_NAME),
            props.string(tag::SENDER_SMTP_ADDRESS).or_else(|| {
                smtp_only(
                    props.string(tag::SENDER_ADDRTYPE),
                    props.string(tag::SENDER_EMAIL),
                )
            }),
        )
        .or_else(|| {
            // On a message never sent, "sent representing" names the account it would be
            // sent from, not a sender (msgconvert and extract_msg show no From either).
            props.time(tag::CLIENT_SUBMIT_TIME)?;
            address_line(
                props.string(tag::SENT_REPRESENTING_NAME),
                props
                    .string(tag::SENT_REPRESENTING_SMTP)
                    .or_else(|| smtp_only(None, props.string(tag::SENT_REPRESENTING_EMAIL))),
            )
        });
        if let Some(sender) = sender {
            let (name, address) = crate::parse_address_line(&sender);
            if let Some(author) = name.or(address) {
                out.authors = vec![author.to_owned()];
            }
            out.meta.insert("from".into(), sender);
        }
    }
    for (key, kind) in [("to", 1), ("cc", 2), ("bcc", 3)] {
        let lines: Vec<&str> = recipients
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.line.as_str())
            .collect();
        if !lines.is_empty() && !out.meta.contains_key(key) {
            out.meta.insert(key.into(), lines.join("\n"));
        }
    }
    for (key, id) in [
        ("message_id", tag::INTERNET_MESSAGE_ID),
        ("in_reply_to", tag::IN_REPLY_TO),
        ("references", tag::REFERENCES),
    ] {
        if out.meta.contains_key(key) {
            continue;
        }
        let ids = message_ids(&props.string(id).unwrap_or_default());
        if !ids.is_empty() {
            out.meta.insert(key.into(), ids.join(" "));
        }
    }
    let iso = |d: chrono::DateTime<chrono::Utc>| d.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let sent = props.time(tag::CLIENT_SUBMIT_TIME).map(iso);
    if let Some(sent) = &sent {
        out.meta.insert("sent".into(), sent.clone());
    }
    if let Some(received) = props.time(tag::DELIVERY_TIME).map(iso) {
        out.meta.insert("received".into(), received);
    }
    if out.doc_date.is_none() {
        out.doc_date = sent.or_else(|| {
            // A contact, a note or a draft was never sent: its own creation date is the
            // only date it has.
            let class = out.meta.get("message_class").map(String::as_str);
            (!class.unwrap_or("IPM.Note").starts_with("IPM.Note"))
                .then(|| props.time(tag::CREATION_TIME).map(iso))
                .flatten()
        });
    }
}

/// Bare message ids from a header-style list (`<a@b> <c@d>`).
fn message_ids(value: &str) -> Vec<String> {
    let bracketed: Vec<String> = value
        .split('<')
        .skip(1)
        .filter_map(|s| s.split_once('>'))
        .map(|(id, _)| id.trim().to_owned())
        .filter(|id| !id.is_empty())
        .collect();
    if !bracketed.is_empty() {
        return bracketed;
    }
    value.split_whitespace().map(str::to_owned).collect()
}

fn read_body(props: &Properties, out: &mut Extraction) {
    if let Some(text) = props.string(tag::BODY) {
        out.text = text.replace("\r\n", "\n");
        out.meta.insert("body_format".into(), "text".into());
        return;
    }
    if let Some(html) = html_body(props) {
        out.text = mail_parser::decoders::html::html_to_text(&html);
        out.meta.insert("body_format".into(), "html".into());
        return;
    }
    let Some(compressed) = props.binary(tag::RTF_COMPRESSED) else {
        return;
    };
    match rtf::compressed_rtf_text(compressed) {
        Ok(text) => {
            out.text = text;
            out.meta.insert("body_format".into(), "rtf".into());
        }
        Err(e) => out
            .warnings
            .push(format!("the RTF body could not be decompressed: {e}")),
    }
}

/// The HTML body as text: stored as bytes in the message's internet code page, or as a
/// string.
fn html_body(props: &Properties) -> Option<String> {
    if let Some(bytes) = props.binary(tag::HTML).filter(|b| !b.is_empty()) {
        return Some(match props.codepage() {
            Some(encoding) => encoding.decode_with_bom_removal(bytes).0.into_owned(),
            None => crate::html::decode_html(bytes).0,
        });
    }
    props.string(tag::HTML)
}

fn read_attachments<F: Read + Seek>(
    file: &mut CompoundFile<F>,
    storage: &Path,
    message: &Properties,
    out: &mut Extraction,
) -> std::io::Result<()> {
    for (i, path) in sub_storages(file, storage, "__attach_version1.0_#")?
        .into_iter()
        .enumerate()
    {
        let n = i + 1;
        let mut props = Properties::read(file, &path, StorageRole::RecipientOrAttachment)?;
        props.inherit_codepage(message);
        let embedded = props
            .object(tag::ATTACH_DATA)
            .map(Path::to_path_buf)
            .filter(|_| props.int(tag::ATTACH_METHOD) == Some(ATTACH_EMBEDDED_MSG));
        let mut name = props
            .string(tag::ATTACH_LONG_FILENAME)
            .or_else(|| props.string(tag::ATTACH_FILENAME))
            .or_else(|| props.string(tag::DISPLAY_NAME));
        let mut warnings = Vec::new();
        let (bytes, media_type) = match embedded {
            Some(inner) => {
                let name = name.get_or_insert_with(|| "message".into());
                if !name.to_ascii_lowercase().ends_with(".msg") {
                    name.push_str(".msg");
                }
                match embedded_as_msg(file, &inner) {
                    Ok(bytes) => (bytes, Some(MSG_MEDIA_TYPE.to_owned())),
                    Err(e) => {
                        warnings.push(format!("the attached message could not be copied out: {e}"));
                        (Vec::new(), Some(MSG_MEDIA_TYPE.to_owned()))
                    }
                }
            }
            None => (
                props.take_binary(tag::ATTACH_DATA).unwrap_or_default(),
                props
                    .string(tag::ATTACH_MIME_TAG)
                    .map(|m| m.to_ascii_lowercase()),
            ),
        };
        if media_type.as_deref() == Some("multipart/signed") && embedded_is_none(&name) {
            signed_content(&bytes, out);
            continue;
        }
        let shown = name.as_deref().map(printable).unwrap_or_default();
        let failure = (bytes.is_empty() && !warnings.is_empty()).then(|| warnings.join("; "));
        out.children.push(Child {
            locator: if shown.is_empty() {
                format!("attachment={n}")
            } else {
                format!("attachment={n}/{shown}")
            },
            name,
            media_type,
            bytes,
            warnings,
            failure,
            ..Child::default()
        });
    }
    if !out.children.is_empty() {
        out.meta
            .insert("attachments".into(), out.children.len().to_string());
    }
    Ok(())
}

/// Whether an attachment has no name of its own (a signed message's MIME content has
/// none: it is the message, not a file attached to it).
fn embedded_is_none(name: &Option<String>) -> bool {
    name.as_deref()
        .is_none_or(|n| n.eq_ignore_ascii_case("smime.p7m"))
}

/// A signed message ([MS-OXOSMIME]) keeps its whole MIME content, the signed body and its
/// attachments and the signature, as its one attachment: read as the MIME message it is,
/// its parts become this message's children, and its body the text if the message has
/// none of its own.
fn signed_content(mime: &[u8], out: &mut Extraction) {
    let mut inner = crate::email::read_message(mime);
    if out.text.trim().is_empty() && !inner.text.trim().is_empty() {
        out.text = std::mem::take(&mut inner.text);
        out.meta.insert("body_format".into(), "text".into());
    }
    out.warnings.append(&mut inner.warnings);
    let base = out.children.len();
    for (i, mut child) in inner.children.into_iter().enumerate() {
        let n = base + i + 1;
        let shown = child.name.as_deref().map(printable).unwrap_or_default();
        child.locator = if shown.is_empty() {
            format!("attachment={n}")
        } else {
            format!("attachment={n}/{shown}")
        };
        out.children.push(child);
    }
}

/// The sub-storages of `storage` whose names start with `prefix`, in their numbered order.
fn sub_storages<F: Read + Seek>(
    file: &CompoundFile<F>,
    storage: &Path,
    prefix: &str,
) -> std::io::Result<Vec<PathBuf>> {
    let mut found: Vec<(String, PathBuf)> = file
        .read_storage(storage)?
        .filter(|e| e.is_storage() && e.name().starts_with(prefix))
        .map(|e| (e.name().to_owned(), e.path().to_owned()))
        .collect();
    found.sort();
    Ok(found.into_iter().map(|(_, p)| p).collect())
}

/// An attached message's storage copied into a compound file of its own, as Outlook saves
/// a message: the same streams and storages, its property stream's header widened from
/// the 24 bytes of an embedded message to the 32 of a top-level one.
fn embedded_as_msg<F: Read + Seek>(
    file: &mut CompoundFile<F>,
    storage: &Path,
) -> std::io::Result<Vec<u8>> {
    let entries: Vec<(PathBuf, bool)> = file
        .walk_storage(storage)?
        .map(|e| (e.path().to_owned(), e.is_stream()))
        .collect();
    let mut copy = CompoundFile::create(Cursor::new(Vec::new()))?;
    for (path, is_stream) in entries {
        let Ok(relative) = path.strip_prefix(storage) else {
            continue;
        };
        if relative.as_os_str().is_empty() {
            continue;
        }
        let target = Path::new("/").join(relative);
        if !is_stream {
            copy.create_storage_all(&target)?;
            continue;
        }
        let mut bytes = Vec::new();
        file.open_stream(&path)?.read_to_end(&mut bytes)?;
        if relative == Path::new("__properties_version1.0") && bytes.len() >= 24 {
            bytes.splice(24..24, [0u8; 8]);
        }
        copy.create_stream(&target)?.write_all(&bytes)?;
    }
    copy.flush()?;
    Ok(copy.into_inner().into_inner())
}

/// A name as it may appear inside a source path: control characters shown as `?`.
fn printable(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}
