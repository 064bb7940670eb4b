//! RTF bodies of Outlook messages: compressed RTF ([MS-OXRTFCP]) decompressed, then read
//! as text, or, when the RTF encapsulates an HTML body (`\fromhtml1`, [MS-OXRTFEX]), the
//! HTML taken back out of it.
//!
//! The RTF reader here is deliberately small and local to Outlook bodies: groups, control
//! words, `\'hh` bytes in the document's code page, `\uN` with its `\ucN` fallback skip,
//! paragraph and tab marks; destinations that are not body text (font and colour tables,
//! pictures, objects, `\*` destinations) are skipped.

/// The dictionary every compressed-RTF stream starts from ([MS-OXRTFCP] 2.1.3.1.1).
const PREBUFFER: &[u8] = b"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

const COMPRESSED: u32 = 0x7546_5A4C; // "LZFu"
const UNCOMPRESSED: u32 = 0x414C_454D; // "MELA"

/// Decompresses a `PR_RTF_COMPRESSED` value.
pub fn decompress(input: &[u8]) -> Result<Vec<u8>, String> {
    let header = |at: usize| {
        input
            .get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let (Some(comp_size), Some(raw_size), Some(kind)) = (header(0), header(4), header(8)) else {
        return Err(format!(
            "{} bytes: shorter than its 16-byte header",
            input.len()
        ));
    };
    // The stated compressed size counts the header after its own field (12 bytes).
    let end = (comp_size as usize + 4).min(input.len());
    let data = input.get(16..end).unwrap_or_default();
    let raw_size = raw_size as usize;
    match kind {
        UNCOMPRESSED => Ok(data[..data.len().min(raw_size)].to_vec()),
        COMPRESSED => Ok(lzfu(data, raw_size)),
        other => Err(format!("unknown compression type {other:#010x}")),
    }
}

/// The LZ77 variant of [MS-OXRTFCP] 2.2.3: control bytes whose bits (low first) say
/// whether each next token is a literal byte or a 2-byte reference (12-bit offset into a
/// 4096-byte ring, 4-bit length + 2); a reference to the write position ends the data.
fn lzfu(data: &[u8], raw_size: usize) -> Vec<u8> {
    let mut ring = [0u8; 4096];
    ring[..PREBUFFER.len()].copy_from_slice(PREBUFFER);
    let mut write = PREBUFFER.len();
    // The stated size is a hint only: a hostile one must not reserve gigabytes.
    let mut out = Vec::with_capacity(raw_size.min(data.len() * 8 + 64));
    let mut i = 0;
    'outer: while i < data.len() {
        let control = data[i];
        i += 1;
        for bit in 0..8 {
            if i >= data.len() {
                break 'outer;
            }
            if control & (1 << bit) == 0 {
                let byte = data[i];
                i += 1;
                out.push(byte);
                ring[write] = byte;
                write = (write + 1) % 4096;
            } else {
                let Some(pair) = data.get(i..i + 2) else {
                    break 'outer;
                };
                i += 2;
                let word = u16::from_be_bytes([pair[0], pair[1]]) as usize;
                let offset = word >> 4;
                let len = (word & 0xF) + 2;
                if offset == write {
                    break 'outer;
                }
                for k in 0..len {
                    let byte = ring[(offset + k) % 4096];
                    out.push(byte);
                    ring[write] = byte;
                    write = (write + 1) % 4096;
                }
            }
        }
    }
    out
}

/// The text of a `PR_RTF_COMPRESSED` body: decompressed, then read as text, or as the
/// text of the HTML it encapsulates.
pub fn compressed_rtf_text(compressed: &[u8]) -> Result<String, String> {
    let rtf = decompress(compressed)?;
    Ok(match read(&rtf) {
        RtfBody::Html(html) => mail_parser::decoders::html::html_to_text(&html),
        RtfBody::Text(text) => text,
    }
    .replace("\r\n", "\n"))
}

/// What an RTF body holds.
#[derive(Debug, PartialEq, Eq)]
pub enum RtfBody {
    /// HTML taken back out of an RTF that encapsulates it.
    Html(String),
    /// The text of an ordinary RTF document.
    Text(String),
}

/// Reads decompressed RTF as its encapsulated HTML or as text. Plain RTF is read by the
/// RTF extractor's reader (`crate::rtf_to_text`: fields, tables, code pages), the one
/// reader of RTF text; this module's reader only takes HTML back out of `\\fromhtml1` RTF,
/// which keeps what `\\htmlrtf` hides from RTF readers.
pub fn read(rtf: &[u8]) -> RtfBody {
    let head = &rtf[..rtf.len().min(1024)];
    if head.windows(10).any(|w| w == b"\\fromhtml1") {
        RtfBody::Html(Reader::new(rtf).run())
    } else {
        RtfBody::Text(crate::rtf_to_text(rtf))
    }
}

/// Destinations whose content is never body text.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "header",
    "footer",
    "headerl",
    "headerr",
    "footerl",
    "footerr",
    "listtable",
    "listoverridetable",
    "revtbl",
    "rsidtbl",
    "generator",
    "xmlnstbl",
    "themedata",
    "colorschememapping",
    "latentstyles",
    "datastore",
    "mmathPr",
    "filetbl",
    "pgdsctbl",
];

#[derive(Clone, Copy)]
struct Group {
    skip: bool,
    /// How many characters follow `\uN` as its fallback (`\ucN`).
    uc: usize,
    /// Inside `{\*\htmltag …}`: HTML to keep even when `\htmlrtf` suppresses RTF text.
    htmltag: bool,
}

/// Takes the HTML back out of RTF that encapsulates it ([MS-OXRTFEX]): the text of
/// `{\*\htmltag …}` groups and of the RTF outside `\htmlrtf … \htmlrtf0`.
struct Reader<'a> {
    rtf: &'a [u8],
    at: usize,
    /// Inside `\htmlrtf … \htmlrtf0`: RTF rendering only, not part of the HTML.
    suppressed: bool,
    encoding: &'static encoding_rs::Encoding,
    out: String,
    /// `\'hh` bytes waiting to be decoded together (a multi-byte character).
    pending: Vec<u8>,
    /// Fallback characters still to skip after a `\uN`.
    skip_chars: usize,
}

impl<'a> Reader<'a> {
    fn new(rtf: &'a [u8]) -> Self {
        Reader {
            rtf,
            at: 0,
            suppressed: false,
            encoding: encoding_rs::WINDOWS_1252,
            out: String::new(),
            pending: Vec::new(),
            skip_chars: 0,
        }
    }

    fn run(mut self) -> String {
        let mut stack: Vec<Group> = Vec::new();
        let mut group = Group {
            skip: false,
            uc: 1,
            htmltag: false,
        };
        // A destination's first control word decides whether the group is skipped.
        let mut group_start = false;
        let mut starred = false;
        while self.at < self.rtf.len() {
            let byte = self.rtf[self.at];
            match byte {
                b'{' => {
                    self.flush();
                    self.at += 1;
                    if stack.len() > 10_000 {
                        break; // hostile nesting: stop reading, keep what was read
                    }
                    stack.push(group);
                    group_start = true;
                    starred = false;
                }
                b'}' => {
                    self.flush();
                    self.at += 1;
                    group = stack.pop().unwrap_or(group);
                    group_start = false;
                }
                b'\\' => {
                    let (word, param) = self.control();
                    let first = group_start;
                    group_start = false;
                    if word == "*" {
                        starred = true;
                        group_start = first;
                        continue;
                    }
                    if first {
                        if starred {
                            if word == "htmltag" {
                                group.htmltag = true;
                            } else {
                                group.skip = true;
                            }
                        } else if SKIPPED.contains(&word.as_str()) {
                            group.skip = true;
                        }
                        starred = false;
                    }
                    self.control_word(&word, param, &mut group);
                }
                b'\r' | b'\n' => self.at += 1,
                _ => {
                    self.at += 1;
                    group_start = false;
                    self.literal(byte, &group);
                }
            }
        }
        self.flush();
        self.out
    }

    /// Reads `\word-123 `, `\'hh` or a control symbol; returns the word and parameter.
    fn control(&mut self) -> (String, Option<i32>) {
        self.at += 1; // the backslash
        let Some(&c) = self.rtf.get(self.at) else {
            return (String::new(), None);
        };
        if !c.is_ascii_alphabetic() {
            self.at += 1;
            if c == b'\'' {
                let hex = self.rtf.get(self.at..self.at + 2).unwrap_or_default();
                self.at += hex.len();
                let value = std::str::from_utf8(hex)
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                return ("'".into(), value.map(i32::from));
            }
            return ((c as char).to_string(), None);
        }
        let start = self.at;
        while self.rtf.get(self.at).is_some_and(u8::is_ascii_alphabetic) && self.at - start < 32 {
            self.at += 1;
        }
        let word = String::from_utf8_lossy(&self.rtf[start..self.at]).into_owned();
        let num_start = self.at;
        if self.rtf.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        while self.rtf.get(self.at).is_some_and(u8::is_ascii_digit) && self.at - num_start < 11 {
            self.at += 1;
        }
        let param = std::str::from_utf8(&self.rtf[num_start..self.at])
            .ok()
            .and_then(|n| n.parse::<i32>().ok());
        if self.rtf.get(self.at) == Some(&b' ') {
            self.at += 1;
        }
        (word, param)
    }

    fn visible(&self, group: &Group) -> bool {
        !group.skip && (group.htmltag || !self.suppressed)
    }

    fn control_word(&mut self, word: &str, param: Option<i32>, group: &mut Group) {
        match word {
            "'" => {
                if self.skip_chars > 0 {
                    self.skip_chars -= 1;
                } else if self.visible(group)
                    && let Some(b) = param
                {
                    self.pending.push(b as u8);
                }
                return;
            }
            "ansicpg" => {
                if let Some(e) =
                    param.and_then(|cp| super::properties::encoding_for_codepage(cp as u32))
                {
                    self.encoding = e;
                }
            }
            "htmlrtf" => self.suppressed = param != Some(0),
            "uc" => group.uc = param.unwrap_or(1).clamp(0, 10) as usize,
            _ => {}
        }
        self.flush();
        if !self.visible(group) {
            return;
        }
        match word {
            "par" | "line" | "sect" | "page" => self.out.push('\n'),
            "tab" | "cell" => self.out.push('\t'),
            "row" => self.out.push('\n'),
            "emdash" => self.out.push('\u{2014}'),
            "endash" => self.out.push('\u{2013}'),
            "bullet" => self.out.push('\u{2022}'),
            "lquote" => self.out.push('\u{2018}'),
            "rquote" => self.out.push('\u{2019}'),
            "ldblquote" => self.out.push('\u{201C}'),
            "rdblquote" => self.out.push('\u{201D}'),
            "~" => self.out.push('\u{00A0}'),
            "\\" | "{" | "}" => self.out.push_str(word),
            "u" => {
                if let Some(n) = param {
                    let code = if n < 0 { n + 65536 } else { n } as u32;
                    self.out
                        .push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                    self.skip_chars = group.uc;
                }
            }
            _ => {}
        }
    }

    fn literal(&mut self, byte: u8, group: &Group) {
        if self.skip_chars > 0 {
            self.skip_chars -= 1;
            return;
        }
        if !self.visible(group) {
            return;
        }
        if byte.is_ascii() {
            self.flush();
            self.out.push(byte as char);
        } else {
            self.pending.push(byte);
        }
    }

    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let (text, _) = self.encoding.decode_without_bom_handling(&self.pending);
            self.out.push_str(&text);
            self.pending.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prebuffer_is_the_207_bytes_of_the_specification() {
        assert_eq!(PREBUFFER.len(), 207);
    }

    #[test]
    fn the_specifications_compressed_example_decompresses() {
        // [MS-OXRTFCP] 3.1.1: "{\rtf1\ansi\ansicpg1252\pard hello world}\r\n".
        let compressed: &[u8] = &[
            0x2d, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75, 0xf1, 0xc5,
            0xc7, 0xa7, 0x03, 0x00, 0x0a, 0x00, 0x72, 0x63, 0x70, 0x67, 0x31, 0x32, 0x35, 0x42,
            0x32, 0x0a, 0xf3, 0x20, 0x68, 0x65, 0x6c, 0x09, 0x00, 0x20, 0x62, 0x77, 0x05, 0xb0,
            0x6c, 0x64, 0x7d, 0x0a, 0x80, 0x0f, 0xa0,
        ];
        let rtf = decompress(compressed).expect("decompresses");
        assert_eq!(rtf, b"{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n");
    }

    #[test]
    fn a_short_or_unknown_stream_is_an_error_not_a_panic() {
        assert!(decompress(b"LZFu").is_err());
        assert!(decompress(&[0; 16]).is_err());
    }

    #[test]
    fn rtf_text_keeps_paragraphs_and_decodes_its_code_page() {
        let rtf = b"{\\rtf1\\ansi\\ansicpg1251{\\fonttbl{\\f0 Arial;}}\\pard \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2\\par world\\u8364?}";
        assert_eq!(read(rtf), RtfBody::Text("Привет\nworld€".into()));
    }

    #[test]
    fn encapsulated_html_comes_back_out() {
        let rtf = b"{\\rtf1\\ansi\\fbidis\\ansicpg1252\\deff0\\fromhtml1{\\fonttbl{\\f0 Arial;}}{\\*\\htmltag19 <html>}{\\*\\htmltag34 <body>}\\htmlrtf {\\htmlrtf0 Hello {\\*\\htmltag84 &amp;}\\htmlrtf &\\htmlrtf0  bye\\htmlrtf }\\htmlrtf0 {\\*\\htmltag42 </body></html>}}";
        assert_eq!(
            read(rtf),
            RtfBody::Html("<html><body>Hello &amp; bye</body></html>".into())
        );
    }
}
