//! Legacy binary Word and PowerPoint files (`.doc`, `.dot`, `.ppt`, `.pps`, `.pot`):
//! OLE2 compound files (read with the `cfb` crate). No maintained Rust crate extracts
//! their text, so this reads what it needs of the formats, as catdoc and catppt do:
//!
//! - Word 97-2003 (`[MS-DOC]`): the File Information Block at the start of the
//!   `WordDocument` stream locates the piece table (`Clx`) in the `0Table` or `1Table`
//!   stream; each piece is a run of characters, CP-1252 bytes or UTF-16. The first
//!   `ccpText` characters are the main text, followed by footnotes, headers, comments,
//!   endnotes and text boxes, all kept. Field instructions are dropped and their results
//!   kept; cell and row marks become tabs and line ends. Word 6/95 files (no piece table
//!   of this form) and encrypted ones are reported as such.
//! - PowerPoint 97-2003 (`[MS-PPT]`): every text atom (`TextCharsAtom`, `TextBytesAtom`)
//!   of the `PowerPoint Document` stream, in stream order; slides are not told apart, so
//!   the text is one page.
//!
//! Legacy Excel (`.xls`) is read by calamine (see `spreadsheet`).

use std::io::{Cursor, Read};

use super::package::OLE_MAGIC;
use crate::{ExtractError, Extraction, Extractor, Hints, Probe};

/// Reads legacy Word and PowerPoint binaries.
#[derive(Debug, Default, Clone, Copy)]
pub struct LegacyOfficeExtractor;

/// The most a stream may hold before it is refused (the whole file is bounded anyway).
const MAX_STREAM: u64 = crate::MAX_EXTRACT_BYTES;

impl Extractor for LegacyOfficeExtractor {
    fn name(&self) -> &'static str {
        "legacy-office"
    }
    fn version(&self) -> u32 {
        1
    }
    fn bid(&self, probe: &Probe<'_>) -> u8 {
        let ole = probe.head.starts_with(OLE_MAGIC);
        match probe.extension().as_deref() {
            Some("doc" | "dot" | "ppt" | "pps" | "pot") if ole => 80,
            // An OLE2 file with no telling name: probably Word, the commonest.
            _ if ole => 20,
            _ => 0,
        }
    }
    fn extract(&self, bytes: &[u8], _hints: &Hints) -> Result<Extraction, ExtractError> {
        let mut file =
            cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| ExtractError::Malformed {
                format: "OLE2 compound file (.doc/.ppt)",
                reason: e.to_string(),
            })?;
        if file.exists("/WordDocument") {
            read_word(&mut file)
        } else if file.exists("/PowerPoint Document") {
            read_powerpoint(&mut file)
        } else {
            Err(ExtractError::Malformed {
                format: "OLE2 compound file (.doc/.ppt)",
                reason: "neither a WordDocument nor a PowerPoint Document stream: not a Word or PowerPoint file".into(),
            })
        }
    }
}

type Ole<'b> = cfb::CompoundFile<Cursor<&'b [u8]>>;

fn stream(file: &mut Ole<'_>, name: &str, format: &'static str) -> Result<Vec<u8>, ExtractError> {
    let mut s = file
        .open_stream(name)
        .map_err(|e| ExtractError::Malformed {
            format,
            reason: format!("stream {name}: {e}"),
        })?;
    let mut out = Vec::new();
    (&mut s)
        .take(MAX_STREAM)
        .read_to_end(&mut out)
        .map_err(|e| ExtractError::Malformed {
            format,
            reason: format!("stream {name}: {e}"),
        })?;
    Ok(out)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

const WORD: &str = "Word 97-2003 (.doc)";

fn damaged(reason: &str) -> ExtractError {
    ExtractError::Malformed {
        format: WORD,
        reason: reason.to_owned(),
    }
}

fn read_word(file: &mut Ole<'_>) -> Result<Extraction, ExtractError> {
    let doc = stream(file, "/WordDocument", WORD)?;
    if u16_at(&doc, 0) != Some(0xA5EC) {
        return Err(damaged(
            "the WordDocument stream has no Word 97 signature (a Word 6/95 file?)",
        ));
    }
    let flags = u16_at(&doc, 0x0A).ok_or_else(|| damaged("truncated file information block"))?;
    if flags & 0x0100 != 0 {
        return Err(ExtractError::NeedsPassword {
            reason: "this Word document is encrypted; Dossier cannot decrypt Office encryption yet, so the original is kept without text".into(),
        });
    }
    let table_name = if flags & 0x0200 != 0 {
        "/1Table"
    } else {
        "/0Table"
    };
    let table = stream(file, table_name, WORD)?;
    // FIB: a 32-byte base, then three counted arrays (u16s, u32s, then fc/lcb pairs).
    let csw = u16_at(&doc, 32).ok_or_else(|| damaged("truncated FIB"))? as usize;
    let lw_at = 34 + csw * 2;
    let cslw = u16_at(&doc, lw_at).ok_or_else(|| damaged("truncated FIB"))? as usize;
    let ccp_text = u32_at(&doc, lw_at + 2 + 3 * 4).ok_or_else(|| damaged("truncated FIB"))?;
    let pairs_at = lw_at + 2 + cslw * 4 + 2;
    let fc_clx = u32_at(&doc, pairs_at + 33 * 8).ok_or_else(|| damaged("truncated FIB"))? as usize;
    let lcb_clx =
        u32_at(&doc, pairs_at + 33 * 8 + 4).ok_or_else(|| damaged("truncated FIB"))? as usize;
    let clx = table
        .get(fc_clx..fc_clx.saturating_add(lcb_clx))
        .ok_or_else(|| damaged("the piece table lies outside the table stream"))?;
    let pieces = piece_table(clx).ok_or_else(|| damaged("the piece table is malformed"))?;
    let mut chars: Vec<u16> = Vec::new();
    for (cp_len, fc) in pieces {
        let compressed = fc & 0x4000_0000 != 0;
        if compressed {
            let at = ((fc & !0x4000_0000) / 2) as usize;
            let Some(run) = doc.get(at..at.saturating_add(cp_len)) else {
                return Err(damaged("a text piece lies outside the WordDocument stream"));
            };
            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(run);
            chars.extend(s.encode_utf16());
        } else {
            let at = fc as usize;
            let Some(run) = doc.get(at..at.saturating_add(cp_len.saturating_mul(2))) else {
                return Err(damaged("a text piece lies outside the WordDocument stream"));
            };
            chars.extend(
                run.chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]])),
            );
        }
    }
    let main_len = (ccp_text as usize).min(chars.len());
    let mut text = word_text(&chars[..main_len]);
    let rest = word_text(&chars[main_len..]);
    if !rest.trim().is_empty() {
        text.push('\n');
        text.push_str(rest.trim());
        text.push('\n');
    }
    let mut x = Extraction {
        kind: "document".into(),
        media_type: "application/msword".into(),
        text,
        ..Extraction::default()
    };
    summary_information(file, &mut x);
    Ok(x)
}

/// The pieces of a `Clx`: (character count, `fc`), in order.
fn piece_table(clx: &[u8]) -> Option<Vec<(usize, u32)>> {
    let mut at = 0;
    // Skip the Prc (property) blocks.
    while clx.get(at) == Some(&0x01) {
        let cb = u16_at(clx, at + 1)? as usize;
        at += 3 + cb;
    }
    if clx.get(at) != Some(&0x02) {
        return None;
    }
    let lcb = u32_at(clx, at + 1)? as usize;
    let plc = clx.get(at + 5..at + 5 + lcb)?;
    // n+1 CPs (4 bytes) and n PCDs (8 bytes): 4(n+1) + 8n = lcb.
    if lcb < 4 || !(lcb - 4).is_multiple_of(12) {
        return None;
    }
    let n = (lcb - 4) / 12;
    let mut pieces = Vec::with_capacity(n);
    for i in 0..n {
        let (start, end) = (u32_at(plc, i * 4)?, u32_at(plc, (i + 1) * 4)?);
        let fc = u32_at(plc, (n + 1) * 4 + i * 8 + 2)?;
        pieces.push((end.checked_sub(start)? as usize, fc));
    }
    Some(pieces)
}

/// Word's characters as text: marks to line ends and tabs, field codes dropped.
fn word_text(chars: &[u16]) -> String {
    let mut out = String::with_capacity(chars.len());
    // For each open field: whether its instruction part is over (we are in its result).
    let mut fields: Vec<bool> = Vec::new();
    for c in char::decode_utf16(chars.iter().copied()) {
        let c = c.unwrap_or('\u{FFFD}');
        match c {
            '\u{13}' => {
                fields.push(false);
                continue;
            }
            '\u{14}' => {
                if let Some(f) = fields.last_mut() {
                    *f = true;
                }
                continue;
            }
            '\u{15}' => {
                fields.pop();
                continue;
            }
            _ => {}
        }
        if fields.last() == Some(&false) {
            continue;
        }
        match c {
            '\r' => out.push('\n'),
            '\u{7}' => out.push('\t'),
            '\u{b}' => out.push('\n'),
            '\u{c}' => out.push_str("\n\n"),
            '\u{1e}' => out.push('-'),
            '\u{1f}' | '\u{1}' | '\u{2}' | '\u{5}' | '\u{8}' => {}
            c if c < ' ' && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

const POWERPOINT: &str = "PowerPoint 97-2003 (.ppt)";

fn read_powerpoint(file: &mut Ole<'_>) -> Result<Extraction, ExtractError> {
    if file.exists("/EncryptedSummary") {
        return Err(ExtractError::NeedsPassword {
            reason: "this presentation is encrypted; Dossier cannot decrypt Office encryption yet, so the original is kept without text".into(),
        });
    }
    let data = stream(file, "/PowerPoint Document", POWERPOINT)?;
    let mut parts: Vec<String> = Vec::new();
    // The CryptSession10Container record's header (a container, type 0x2F14): with RC4
    // encryption the records around it are ciphertext, so it is looked for, not walked to.
    let crypt_session = memchr::memmem::find(&data, b"\x0f\x00\x14\x2f").is_some();
    if records(&data, 0, &mut parts) || crypt_session {
        return Err(ExtractError::NeedsPassword {
            reason: "this presentation is encrypted; Dossier cannot decrypt Office encryption yet, so the original is kept without text".into(),
        });
    }
    let text = parts
        .into_iter()
        .map(|p| p.replace(['\r', '\u{b}'], "\n"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut x = Extraction {
        kind: "presentation".into(),
        media_type: "application/vnd.ms-powerpoint".into(),
        no_text: text
            .trim()
            .is_empty()
            .then(|| "no text was found in the presentation's text records".to_owned()),
        text: if text.is_empty() { text } else { text + "\n" },
        ..Extraction::default()
    };
    summary_information(file, &mut x);
    Ok(x)
}

/// Walks PowerPoint records (8-byte headers; version 0xF marks a container) and keeps the
/// text atoms' text, leaving out the slide master's and handout's placeholder prompts
/// ("Click to edit Master title style") and a lone `*` (a slide-number placeholder).
/// Returns whether an encryption record (`CryptSession10Container`) was seen.
fn records(data: &[u8], depth: usize, out: &mut Vec<String>) -> bool {
    const MAIN_MASTER: u16 = 0x03F8;
    const HANDOUT: u16 = 0x0FC9;
    const CRYPT_SESSION: u16 = 0x2F14;
    let mut encrypted = false;
    let mut at = 0usize;
    while at + 8 <= data.len() {
        let (Some(ver_inst), Some(kind), Some(len)) =
            (u16_at(data, at), u16_at(data, at + 2), u32_at(data, at + 4))
        else {
            return encrypted;
        };
        let body_at = at + 8;
        let end = body_at.saturating_add(len as usize).min(data.len());
        let body = &data[body_at..end];
        if kind == CRYPT_SESSION {
            encrypted = true;
        } else if kind == MAIN_MASTER || kind == HANDOUT {
            // Prompts of the master, not the deck's text.
        } else if ver_inst & 0x0F == 0x0F && depth < 16 {
            encrypted |= records(body, depth + 1, out);
        } else {
            match kind {
                0x0FA0 => out.push(
                    char::decode_utf16(
                        body.chunks_exact(2)
                            .map(|c| u16::from_le_bytes([c[0], c[1]])),
                    )
                    .map(|c| c.unwrap_or('\u{FFFD}'))
                    .collect(),
                ),
                0x0FA8 => out.push(encoding_rs::WINDOWS_1252.decode(body).0.into_owned()),
                _ => {}
            }
        }
        at = end;
    }
    out.retain(|t| t.trim() != "*");
    encrypted
}

/// Title and author from the `\x05SummaryInformation` property set, if it reads.
fn summary_information(file: &mut Ole<'_>, x: &mut Extraction) {
    let Ok(bytes) = stream(file, "/\u{5}SummaryInformation", "summary information") else {
        return;
    };
    // Property set: header 28 bytes, then (FMTID, offset) pairs; the first set's section.
    let Some(section) = u32_at(&bytes, 44).map(|o| o as usize) else {
        return;
    };
    let Some(count) = u32_at(&bytes, section + 4) else {
        return;
    };
    let code_page = encoding_rs::WINDOWS_1252;
    for i in 0..count.min(64) as usize {
        let (Some(id), Some(offset)) = (
            u32_at(&bytes, section + 8 + i * 8),
            u32_at(&bytes, section + 12 + i * 8),
        ) else {
            return;
        };
        let at = section + offset as usize;
        let key = match id {
            2 => "title",
            3 => "subject",
            4 => "author",
            5 => "keywords",
            8 => "last_modified_by",
            9 => "revision",
            _ => continue,
        };
        // VT_LPSTR (30): a u32 length then bytes, nul-terminated.
        if u32_at(&bytes, at) != Some(30) {
            continue;
        }
        let Some(len) = u32_at(&bytes, at + 4).map(|l| l as usize) else {
            continue;
        };
        let Some(raw) = bytes.get(at + 8..(at + 8).saturating_add(len)) else {
            continue;
        };
        let value = code_page
            .decode(raw)
            .0
            .trim_end_matches('\0')
            .trim()
            .to_owned();
        if value.is_empty() {
            continue;
        }
        match key {
            "title" => x.title = Some(value.clone()),
            "author" => x.authors = vec![value.clone()],
            _ => {}
        }
        x.meta.insert(key.to_owned(), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_instructions_are_dropped_and_their_results_kept() {
        let s: Vec<u16> = "See \u{13} HYPERLINK \"x\" \u{14}the site\u{15}.\rA\u{7}B\u{7}\u{7}\r"
            .encode_utf16()
            .collect();
        assert_eq!(word_text(&s), "See the site.\nA\tB\t\t\n");
    }
}
