//! MAPI properties as an Outlook `.msg` file stores them ([MS-OXMSG]): each storage (the
//! message, a recipient, an attachment, an attached message) holds variable-length values
//! in streams named `__substg1.0_IIIITTTT` (property id, type) and fixed-size values in
//! one `__properties_version1.0` stream of 16-byte entries after a header.

use std::collections::HashMap;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use cfb::CompoundFile;
use chrono::{DateTime, Utc};

/// Property types ([MS-OXCDATA] 2.11.1) this reader keeps.
const PT_LONG: u16 = 0x0003;
const PT_BOOLEAN: u16 = 0x000B;
const PT_I8: u16 = 0x0014;
const PT_SYSTIME: u16 = 0x0040;
const PT_STRING8: u16 = 0x001E;
const PT_UNICODE: u16 = 0x001F;
const PT_BINARY: u16 = 0x0102;
/// An attached message or OLE object: a storage, not a stream.
pub const PT_OBJECT: u16 = 0x000D;

/// How long the header of `__properties_version1.0` is, by the storage it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageRole {
    /// The file's root message: 32 bytes (counts of recipients and attachments). An
    /// attached message's 24-byte header is widened to this when it is copied out.
    TopMessage,
    /// A recipient or an attachment: 8 bytes.
    RecipientOrAttachment,
}

impl StorageRole {
    fn header_len(self) -> usize {
        match self {
            StorageRole::TopMessage => 32,
            StorageRole::RecipientOrAttachment => 8,
        }
    }
}

/// One property's value.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    /// A Unicode string, or an 8-bit one not yet decoded (its code page is a property too).
    Unicode(String),
    Ansi(Vec<u8>),
    Binary(Vec<u8>),
    Int(i64),
    Time(u64),
}

/// The properties of one storage, by property id.
#[derive(Debug, Default)]
pub struct Properties {
    values: HashMap<u16, Value>,
    /// Properties whose value is a storage (an attached message): id → its path.
    objects: HashMap<u16, PathBuf>,
    /// The code page 8-bit strings are written in, once known.
    codepage: Option<&'static encoding_rs::Encoding>,
}

impl Properties {
    /// Reads the properties stored directly in `storage` (not those of its sub-storages).
    pub fn read<F: Read + Seek>(
        file: &mut CompoundFile<F>,
        storage: &Path,
        role: StorageRole,
    ) -> std::io::Result<Properties> {
        let mut props = Properties::default();
        let entries: Vec<(String, PathBuf, bool)> = file
            .read_storage(storage)?
            .map(|e| (e.name().to_owned(), e.path().to_owned(), e.is_stream()))
            .collect();
        for (name, path, is_stream) in entries {
            if name == "__properties_version1.0" && is_stream {
                let bytes = read_stream(file, &path)?;
                props.read_fixed(&bytes, role);
                continue;
            }
            let Some((id, kind)) = substg_tag(&name) else {
                continue;
            };
            if !is_stream {
                if kind == PT_OBJECT {
                    props.objects.insert(id, path);
                }
                continue;
            }
            let value = match kind {
                PT_UNICODE => Value::Unicode(utf16le(&read_stream(file, &path)?)),
                PT_STRING8 => Value::Ansi(read_stream(file, &path)?),
                PT_BINARY => Value::Binary(read_stream(file, &path)?),
                _ => continue,
            };
            props.values.insert(id, value);
        }
        props.codepage = [0x3FFD, 0x3FDE, 0x3FFA]
            .iter()
            .find_map(|&id| props.int(id))
            .and_then(|cp| encoding_for_codepage(cp as u32));
        Ok(props)
    }

    /// Fixed-size values: 16-byte entries (type, id, flags, 8 bytes of value).
    fn read_fixed(&mut self, bytes: &[u8], role: StorageRole) {
        let Some(entries) = bytes.get(role.header_len()..) else {
            return;
        };
        for entry in entries.chunks_exact(16) {
            let kind = u16::from_le_bytes([entry[0], entry[1]]);
            let id = u16::from_le_bytes([entry[2], entry[3]]);
            let raw: [u8; 8] = entry[8..16].try_into().unwrap_or_default();
            let value = match kind {
                PT_LONG => Value::Int(i64::from(i32::from_le_bytes(
                    raw[..4].try_into().unwrap_or_default(),
                ))),
                PT_BOOLEAN => Value::Int(i64::from(raw[0] != 0)),
                PT_I8 => Value::Int(i64::from_le_bytes(raw)),
                PT_SYSTIME => Value::Time(u64::from_le_bytes(raw)),
                _ => continue,
            };
            self.values.entry(id).or_insert(value);
        }
    }

    /// A string property, trailing NULs and blanks removed; `None` when absent or empty.
    pub fn string(&self, id: u16) -> Option<String> {
        let text = match self.values.get(&id)? {
            Value::Unicode(s) => s.clone(),
            Value::Ansi(bytes) => self.decode_ansi(bytes),
            _ => return None,
        };
        let text = text.trim_end_matches(['\0', ' ', '\r', '\n']).trim_start();
        (!text.is_empty()).then(|| text.to_owned())
    }

    /// Decodes 8-bit text in the message's code page (windows-1252 when it names none).
    pub fn decode_ansi(&self, bytes: &[u8]) -> String {
        let encoding = self.codepage.unwrap_or(encoding_rs::WINDOWS_1252);
        encoding.decode_without_bom_handling(bytes).0.into_owned()
    }

    /// The code page the message names for its 8-bit text, if any.
    pub fn codepage(&self) -> Option<&'static encoding_rs::Encoding> {
        self.codepage
    }

    /// Adopts the code page of the message a recipient or attachment belongs to.
    pub fn inherit_codepage(&mut self, parent: &Properties) {
        if self.codepage.is_none() {
            self.codepage = parent.codepage;
        }
    }

    /// A binary property (or a string one's bytes as stored).
    pub fn binary(&self, id: u16) -> Option<&[u8]> {
        match self.values.get(&id)? {
            Value::Binary(b) | Value::Ansi(b) => Some(b),
            _ => None,
        }
    }

    /// Takes a binary property out (an attachment's data), leaving nothing behind.
    pub fn take_binary(&mut self, id: u16) -> Option<Vec<u8>> {
        match self.values.remove(&id)? {
            Value::Binary(b) | Value::Ansi(b) => Some(b),
            other => {
                self.values.insert(id, other);
                None
            }
        }
    }

    /// An integer or boolean property.
    pub fn int(&self, id: u16) -> Option<i64> {
        match self.values.get(&id)? {
            Value::Int(n) => Some(*n),
            _ => None,
        }
    }

    /// A time property in UTC; `None` for the zero and "never" values MAPI uses.
    pub fn time(&self, id: u16) -> Option<DateTime<Utc>> {
        let Value::Time(filetime) = self.values.get(&id)? else {
            return None;
        };
        filetime_to_utc(*filetime)
    }

    /// The storage path of an object-valued property (an attached message).
    pub fn object(&self, id: u16) -> Option<&Path> {
        self.objects.get(&id).map(PathBuf::as_path)
    }
}

/// `__substg1.0_0037001F` → (0x0037, 0x001F).
fn substg_tag(name: &str) -> Option<(u16, u16)> {
    let hex = name.strip_prefix("__substg1.0_")?;
    if hex.len() != 8 {
        return None;
    }
    let id = u16::from_str_radix(&hex[..4], 16).ok()?;
    let kind = u16::from_str_radix(&hex[4..], 16).ok()?;
    Some((id, kind))
}

fn read_stream<F: Read + Seek>(
    file: &mut CompoundFile<F>,
    path: &Path,
) -> std::io::Result<Vec<u8>> {
    let mut stream = file.open_stream(path)?;
    let mut bytes = Vec::with_capacity(stream.len().min(1 << 24) as usize);
    stream.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// UTF-16LE to a string; an unpaired surrogate becomes U+FFFD rather than an error.
pub fn utf16le(bytes: &[u8]) -> String {
    let units = bytes
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// A FILETIME (100 ns ticks since 1601) in UTC, or `None` for 0 and values past 9999.
pub fn filetime_to_utc(filetime: u64) -> Option<DateTime<Utc>> {
    const TICKS_TO_UNIX_EPOCH: u64 = 116_444_736_000_000_000;
    if filetime == 0 || filetime < TICKS_TO_UNIX_EPOCH / 4 {
        return None;
    }
    let ticks = i128::from(filetime) - i128::from(TICKS_TO_UNIX_EPOCH);
    let seconds = i64::try_from(ticks.div_euclid(10_000_000)).ok()?;
    let nanos = u32::try_from(ticks.rem_euclid(10_000_000) * 100).ok()?;
    let date = DateTime::from_timestamp(seconds, nanos)?;
    (chrono::Datelike::year(&date) < 4000).then_some(date)
}

/// The encoding of a Windows code page number, for the code pages Outlook writes.
pub fn encoding_for_codepage(codepage: u32) -> Option<&'static encoding_rs::Encoding> {
    let label = match codepage {
        65001 => "utf-8",
        1200 => "utf-16le",
        1201 => "utf-16be",
        20127 | 1252 => "windows-1252",
        874 => "windows-874",
        1250..=1258 => {
            return encoding_rs::Encoding::for_label(format!("windows-{codepage}").as_bytes());
        }
        28591..=28599 | 28603 | 28605 => {
            return encoding_rs::Encoding::for_label(
                format!("iso-8859-{}", codepage - 28590).as_bytes(),
            );
        }
        932 => "shift_jis",
        936 => "gbk",
        54936 => "gb18030",
        949 => "euc-kr",
        950 => "big5",
        866 => "ibm866",
        20866 => "koi8-r",
        21866 => "koi8-u",
        10000 => "macintosh",
        50220..=50222 => "iso-2022-jp",
        51932 => "euc-jp",
        51949 => "euc-kr",
        _ => return None,
    };
    encoding_rs::Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_names_give_property_id_and_type() {
        assert_eq!(substg_tag("__substg1.0_0037001F"), Some((0x0037, 0x001F)));
        assert_eq!(substg_tag("__substg1.0_3701000D"), Some((0x3701, 0x000D)));
        assert_eq!(substg_tag("__properties_version1.0"), None);
        assert_eq!(substg_tag("__substg1.0_XYZ"), None);
    }

    #[test]
    fn filetimes_are_read_as_utc_and_zero_is_no_date() {
        // 2017-10-23T07:31:03Z
        let date = filetime_to_utc(131_532_174_630_000_000).expect("a date");
        assert_eq!(date.to_rfc3339(), "2017-10-23T07:31:03+00:00");
        assert_eq!(filetime_to_utc(0), None);
        assert_eq!(filetime_to_utc(u64::MAX), None);
    }

    #[test]
    fn code_pages_name_their_encodings() {
        assert_eq!(encoding_for_codepage(1251), Some(encoding_rs::WINDOWS_1251));
        assert_eq!(encoding_for_codepage(28592), Some(encoding_rs::ISO_8859_2));
        assert_eq!(encoding_for_codepage(65001), Some(encoding_rs::UTF_8));
        assert_eq!(encoding_for_codepage(12345), None);
    }
}
