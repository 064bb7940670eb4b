//! Rich Text Format (`.rtf`): a small RTF-to-text reader in the manner of striprtf (whose
//! output is the corpus's ground truth), written for bytes rather than a decoded string.
//!
//! Groups that are "destinations" (font and colour tables, pictures, field instructions,
//! document info, headers' own properties, …) are skipped; `\'hh` bytes are decoded with
//! the code page of the current font's `\fcharset`, else the document's `\ansicpg`; `\uN`
//! is a Unicode character followed by `\ucN` fallback characters that are skipped;
//! `\binN` binary data is stepped over. Paragraphs, lines and rows end lines; table cells
//! are separated by tabs. The `\info` group's title, author and dates go to the metadata.

use std::collections::HashMap;

use encoding_rs::Encoding;

use crate::{ExtractError, Extraction, Extractor, Hints, Probe};

/// Reads RTF documents.
#[derive(Debug, Default, Clone, Copy)]
pub struct RtfExtractor;

impl Extractor for RtfExtractor {
    fn name(&self) -> &'static str {
        "rtf"
    }
    fn version(&self) -> u32 {
        1
    }
    fn bid(&self, probe: &Probe<'_>) -> u8 {
        let magic = probe.head.starts_with(b"{\\rtf");
        let named = probe.extension().as_deref() == Some("rtf");
        match (magic, named) {
            (true, _) => 90,
            (false, true) if !probe.head.is_empty() => 40,
            _ => 0,
        }
    }
    fn extract(&self, bytes: &[u8], _hints: &Hints) -> Result<Extraction, ExtractError> {
        if !bytes.starts_with(b"{\\rtf") {
            return Err(ExtractError::Malformed {
                format: "RTF",
                reason: "does not start with {\\rtf".into(),
            });
        }
        let read = read_rtf(bytes);
        let mut x = Extraction {
            kind: "document".into(),
            media_type: "application/rtf".into(),
            text: read.text,
            ..Extraction::default()
        };
        for (key, value) in read.info {
            match key {
                "title" => x.title = Some(value.clone()),
                "author" => x.authors = vec![value.clone()],
                _ => {}
            }
            x.meta.insert(key.to_owned(), value);
        }
        if let Some(created) = x.meta.get("created") {
            x.doc_date = Some(created.clone());
            x.claimed_date = Some(created.clone());
        }
        Ok(x)
    }
}

/// The text of an RTF document (see the module documentation).
pub fn rtf_to_text(bytes: &[u8]) -> String {
    read_rtf(bytes).text
}

struct Read {
    text: String,
    info: Vec<(&'static str, String)>,
}

/// Control words that start a destination whose text is not the document's.
const DESTINATIONS: &[&str] = &[
    "aftncn",
    "aftnsep",
    "aftnsepc",
    "annotation",
    "atnauthor",
    "atndate",
    "atnicn",
    "atnid",
    "atnparent",
    "atnref",
    "atntime",
    "atrfend",
    "atrfstart",
    "author",
    "background",
    "bkmkend",
    "bkmkstart",
    "blipuid",
    "buptim",
    "category",
    "colorschememapping",
    "colortbl",
    "comment",
    "company",
    "creatim",
    "datafield",
    "datastore",
    "defchp",
    "defpap",
    "do",
    "doccomm",
    "docvar",
    "dptxbxtext",
    "ebcend",
    "ebcstart",
    "factoidname",
    "falt",
    "fchars",
    "ffdeftext",
    "ffentrymcr",
    "ffexitmcr",
    "ffformat",
    "ffhelptext",
    "ffl",
    "ffname",
    "ffstattext",
    "file",
    "filetbl",
    "fldinst",
    "fldtype",
    "fonttbl",
    "fname",
    "fontemb",
    "fontfile",
    "footer",
    "footerf",
    "footerl",
    "footerr",
    "footnote",
    "formfield",
    "ftncn",
    "ftnsep",
    "ftnsepc",
    "g",
    "generator",
    "gridtbl",
    "header",
    "headerf",
    "headerl",
    "headerr",
    "hl",
    "hlfr",
    "hlinkbase",
    "hlloc",
    "hlsrc",
    "hsv",
    "htmltag",
    "info",
    "keycode",
    "keywords",
    "latentstyles",
    "lchars",
    "levelnumbers",
    "leveltext",
    "lfolevel",
    "linkval",
    "list",
    "listlevel",
    "listname",
    "listoverride",
    "listoverridetable",
    "listpicture",
    "liststylename",
    "listtable",
    "lsdlockedexcept",
    "macc",
    "maccPr",
    "mailmerge",
    "maln",
    "malnScr",
    "manager",
    "margPr",
    "mbar",
    "mbarPr",
    "mbaseJc",
    "mbegChr",
    "mborderBox",
    "mborderBoxPr",
    "mbox",
    "mboxPr",
    "mchr",
    "mcount",
    "mctrlPr",
    "md",
    "mdeg",
    "mdegHide",
    "mden",
    "mdiff",
    "mdPr",
    "me",
    "mendChr",
    "meqArr",
    "meqArrPr",
    "mf",
    "mfName",
    "mfPr",
    "mfunc",
    "mfuncPr",
    "mgroupChr",
    "mgroupChrPr",
    "mgrow",
    "mhideBot",
    "mhideLeft",
    "mhideRight",
    "mhideTop",
    "mhtmltag",
    "mlim",
    "mlimloc",
    "mlimlow",
    "mlimlowPr",
    "mlimupp",
    "mlimuppPr",
    "mm",
    "mmaddfieldname",
    "mmath",
    "mmathPict",
    "mmathPr",
    "mmaxdist",
    "mmc",
    "mmcJc",
    "mmconnectstr",
    "mmconnectstrdata",
    "mmcPr",
    "mmcs",
    "mmdatasource",
    "mmheadersource",
    "mmmailsubject",
    "mmodso",
    "mmodsofilter",
    "mmodsofldmpdata",
    "mmodsomappedname",
    "mmodsoname",
    "mmodsorecipdata",
    "mmodsosort",
    "mmodsosrc",
    "mmodsotable",
    "mmodsoudl",
    "mmodsoudldata",
    "mmodsouniquetag",
    "mmPr",
    "mmquery",
    "mmr",
    "mnary",
    "mnaryPr",
    "mnoBreak",
    "mnum",
    "mobjDist",
    "moMath",
    "moMathPara",
    "moMathParaPr",
    "mopEmu",
    "mphant",
    "mphantPr",
    "mplcHide",
    "mpos",
    "mr",
    "mrad",
    "mradPr",
    "mrPr",
    "msepChr",
    "mshow",
    "mshp",
    "msPre",
    "msPrePr",
    "msSub",
    "msSubPr",
    "msSubSup",
    "msSubSupPr",
    "msSup",
    "msSupPr",
    "mstrikeBLTR",
    "mstrikeH",
    "mstrikeTLBR",
    "mstrikeV",
    "msub",
    "msubHide",
    "msup",
    "msupHide",
    "mtransp",
    "mtype",
    "mvertJc",
    "mvfmf",
    "mvfml",
    "mvtof",
    "mvtol",
    "mzeroAsc",
    "mzeroDesc",
    "mzeroWid",
    "nesttableprops",
    "nextfile",
    "nonesttables",
    "objalias",
    "objclass",
    "objdata",
    "object",
    "objname",
    "objsect",
    "objtime",
    "oldcprops",
    "oldpprops",
    "oldsprops",
    "oldtprops",
    "oleclsid",
    "operator",
    "panose",
    "password",
    "passwordhash",
    "pgp",
    "pgptbl",
    "picprop",
    "pict",
    "pn",
    "pnseclvl",
    "pntext",
    "pntxta",
    "pntxtb",
    "printim",
    "private",
    "propname",
    "protend",
    "protstart",
    "protusertbl",
    "pxe",
    "result",
    "revtbl",
    "revtim",
    "rsidtbl",
    "rxe",
    "shp",
    "shpgrp",
    "shpinst",
    "shppict",
    "shprslt",
    "shptxt",
    "sn",
    "sp",
    "staticval",
    "stylesheet",
    "subject",
    "sv",
    "svb",
    "tc",
    "template",
    "themedata",
    "title",
    "txe",
    "ud",
    "upr",
    "userprops",
    "wgrffmtfilter",
    "windowcaption",
    "writereservation",
    "writereservhash",
    "xe",
    "xform",
    "xmlattrname",
    "xmlattrvalue",
    "xmlclose",
    "xmlname",
    "xmlnstbl",
    "xmlopen",
];

/// `\info` fields kept as metadata: (destination word, meta key).
const INFO_FIELDS: &[(&str, &str)] = &[
    ("title", "title"),
    ("subject", "subject"),
    ("author", "author"),
    ("operator", "last_modified_by"),
    ("company", "company"),
    ("keywords", "keywords"),
    ("doccomm", "description"),
];

#[derive(Clone, Copy)]
struct GroupState {
    ucskip: usize,
    ignorable: bool,
    font: Option<i64>,
    in_fonttbl: bool,
    /// Which `\info` field this group holds, if any.
    info: Option<&'static str>,
    /// Which date (`\creatim`, `\revtim`) this group holds, if any.
    date: Option<&'static str>,
    /// Inside a `\field` group: a hyperlink's address is written after its text.
    field: bool,
    /// Inside a field's instruction (`\fldinst`), whose text is read for a HYPERLINK.
    fldinst: bool,
}

fn read_rtf(bytes: &[u8]) -> Read {
    let mut out = String::new();
    let mut info: Vec<(&'static str, String)> = Vec::new();
    let mut stack: Vec<GroupState> = Vec::new();
    let mut state = GroupState {
        ucskip: 1,
        ignorable: false,
        font: None,
        in_fonttbl: false,
        info: None,
        date: None,
        field: false,
        fldinst: false,
    };
    let mut instruction = String::new();
    let mut link: Option<String> = None;
    let mut fonts: HashMap<i64, &'static Encoding> = HashMap::new();
    let mut defining_font: Option<i64> = None;
    let mut default_font: Option<i64> = None;
    let mut codepage: &'static Encoding = encoding_rs::WINDOWS_1252;
    let mut pending: Vec<u8> = Vec::new(); // bytes awaiting decoding in the current code page
    let mut info_text = String::new();
    let mut date_parts: Vec<(String, i64)> = Vec::new();
    let mut curskip = 0usize;
    let mut high_surrogate: Option<u16> = None;
    let mut i = 0usize;
    let n = bytes.len();

    // Decodes pending bytes with the current font's code page into the right sink.
    macro_rules! flush {
        () => {
            if !pending.is_empty() {
                let enc = state
                    .font
                    .and_then(|f| fonts.get(&f).copied())
                    .unwrap_or(codepage);
                let (s, _, _) = enc.decode(&pending);
                if state.info.is_some() {
                    info_text.push_str(&s);
                } else {
                    out.push_str(&s);
                }
                pending.clear();
            }
        };
    }

    while i < n {
        let b = bytes[i];
        match b {
            b'{' => {
                flush!();
                curskip = 0;
                stack.push(state);
                i += 1;
            }
            b'}' => {
                flush!();
                curskip = 0;
                if let Some(field) = state.info
                    && stack.last().is_none_or(|s| s.info != Some(field))
                {
                    let v = info_text.trim().to_owned();
                    if !v.is_empty() {
                        info.push((field, v));
                    }
                    info_text.clear();
                }
                if state.fldinst && stack.last().is_none_or(|s| !s.fldinst) {
                    link = hyperlink_target(&instruction);
                    instruction.clear();
                }
                if state.field
                    && stack.last().is_none_or(|s| !s.field)
                    && let Some(url) = link.take()
                {
                    out.push_str(&format!(" ({url})"));
                }
                if let Some(field) = state.date
                    && stack.last().is_none_or(|s| s.date != Some(field))
                {
                    if let Some(d) = rtf_date(&date_parts) {
                        info.push((field, d));
                    }
                    date_parts.clear();
                }
                match stack.pop() {
                    Some(s) => state = s,
                    None => break,
                }
                if stack.is_empty() {
                    // The document's outer group has closed: anything after is not text.
                    break;
                }
                i += 1;
            }
            b'\\' => {
                i += 1;
                let Some(&c) = bytes.get(i) else { break };
                if c.is_ascii_alphabetic() {
                    let start = i;
                    while i < n && i - start < 32 && bytes[i].is_ascii_alphabetic() {
                        i += 1;
                    }
                    let word = std::str::from_utf8(&bytes[start..i]).unwrap_or("");
                    let num_start = i;
                    if i < n && bytes[i] == b'-' {
                        i += 1;
                    }
                    while i < n && i - num_start < 11 && bytes[i].is_ascii_digit() {
                        i += 1;
                    }
                    let arg: Option<i64> = std::str::from_utf8(&bytes[num_start..i])
                        .ok()
                        .and_then(|s| s.parse().ok());
                    if i < n && bytes[i] == b' ' {
                        i += 1;
                    }
                    if word == "bin" {
                        flush!();
                        i = i.saturating_add(arg.unwrap_or(0).max(0) as usize).min(n);
                        continue;
                    }
                    if word != "u" {
                        flush!();
                    }
                    curskip = 0;
                    if let Some((_, key)) = INFO_FIELDS.iter().find(|(w, _)| *w == word) {
                        state.info = Some(key);
                    }
                    match word {
                        "field" => state.field = true,
                        "fldinst" => state.fldinst = true,
                        "creatim" => state.date = Some("created"),
                        "revtim" => state.date = Some("modified"),
                        "yr" | "mo" | "dy" | "hr" | "min" if state.date.is_some() => {
                            date_parts.push((word.to_owned(), arg.unwrap_or(0)));
                        }
                        _ => {}
                    }
                    if DESTINATIONS.contains(&word) {
                        state.ignorable = true;
                    }
                    match word {
                        "ansicpg" => {
                            if let Some(enc) = arg.and_then(codepage_encoding) {
                                codepage = enc;
                            }
                        }
                        "fonttbl" => state.in_fonttbl = true,
                        "deff" => default_font = arg,
                        "f" if state.in_fonttbl => defining_font = arg,
                        "fcharset" if state.in_fonttbl => {
                            if let (Some(f), Some(enc)) =
                                (defining_font, arg.and_then(charset_encoding))
                            {
                                fonts.insert(f, enc);
                            }
                        }
                        "f" => state.font = arg,
                        "uc" => state.ucskip = arg.unwrap_or(1).clamp(0, 16) as usize,
                        _ => {}
                    }
                    if state.ignorable || state.in_fonttbl {
                        continue;
                    }
                    match word {
                        "par" | "line" | "row" => out.push('\n'),
                        "sect" | "page" => out.push_str("\n\n"),
                        "tab" | "cell" | "nestcell" => out.push('\t'),
                        "emdash" => out.push('\u{2014}'),
                        "endash" => out.push('\u{2013}'),
                        "emspace" => out.push('\u{2003}'),
                        "enspace" => out.push('\u{2002}'),
                        "qmspace" => out.push('\u{2005}'),
                        "bullet" => out.push('\u{2022}'),
                        "lquote" => out.push('\u{2018}'),
                        "rquote" => out.push('\u{2019}'),
                        "ldblquote" => out.push('\u{201C}'),
                        "rdblquote" => out.push('\u{201D}'),
                        "u" => {
                            flush!();
                            if let Some(v) = arg {
                                let unit = if v < 0 { v + 0x10000 } else { v } as u32;
                                push_utf16(&mut out, unit, &mut high_surrogate);
                            }
                            curskip = state.ucskip;
                        }
                        _ => {}
                    }
                    if matches!(word, "par" | "sect" | "page") {
                        state.font = default_font;
                    }
                } else if c == b'\'' {
                    let hex = bytes.get(i + 1..i + 3).and_then(|h| {
                        std::str::from_utf8(h)
                            .ok()
                            .and_then(|h| u8::from_str_radix(h, 16).ok())
                    });
                    i += 3;
                    if curskip > 0 {
                        curskip -= 1;
                    } else if let Some(byte) = hex
                        && (state.info.is_some() || (!state.ignorable && !state.in_fonttbl))
                    {
                        pending.push(byte);
                    }
                } else {
                    i += 1;
                    flush!();
                    curskip = 0;
                    if c == b'*' {
                        state.ignorable = true;
                        continue;
                    }
                    if state.ignorable || state.in_fonttbl {
                        continue;
                    }
                    match c {
                        b'~' => out.push('\u{a0}'),
                        b'-' => out.push('\u{ad}'),
                        b'_' => out.push('\u{2011}'),
                        b'{' | b'}' | b'\\' => out.push(c as char),
                        b'\n' | b'\r' => out.push('\n'),
                        _ => {}
                    }
                }
            }
            b'\r' | b'\n' => i += 1,
            _ => {
                i += 1;
                if curskip > 0 {
                    curskip -= 1;
                } else if state.fldinst {
                    instruction.push(b as char);
                } else if state.info.is_some() {
                    pending.push(b);
                } else if !state.ignorable && !state.in_fonttbl {
                    if b.is_ascii() && pending.is_empty() {
                        out.push(b as char);
                    } else {
                        pending.push(b);
                    }
                }
            }
        }
    }
    flush!();
    Read { text: out, info }
}

/// The address of a `HYPERLINK "…"` field instruction (a `\\l` bookmark link has none).
fn hyperlink_target(instruction: &str) -> Option<String> {
    let rest = instruction.trim().strip_prefix("HYPERLINK")?.trim_start();
    let url = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next()?,
        None => rest.split_whitespace().next()?,
    };
    (!url.is_empty() && !url.starts_with('\\')).then(|| url.to_owned())
}

/// Appends one UTF-16 unit, pairing surrogates written as two `\u` words.
fn push_utf16(out: &mut String, unit: u32, high: &mut Option<u16>) {
    let unit = unit as u16;
    if (0xD800..0xDC00).contains(&unit) {
        *high = Some(unit);
        return;
    }
    let units: Vec<u16> = match high.take() {
        Some(h) if (0xDC00..0xE000).contains(&unit) => vec![h, unit],
        _ => vec![unit],
    };
    out.extend(char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')));
}

/// An `\info` date (`\yr2004\mo3\dy15\hr10\min5`) in ISO 8601.
fn rtf_date(parts: &[(String, i64)]) -> Option<String> {
    let get = |k: &str| parts.iter().find(|(w, _)| w == k).map(|(_, v)| *v);
    let (y, m, d) = (get("yr")?, get("mo")?, get("dy")?);
    let s = match (get("hr"), get("min")) {
        (Some(h), Some(mi)) => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:00"),
        _ => format!("{y:04}-{m:02}-{d:02}"),
    };
    dossier_dates::parse_date_time(&s).is_ok().then_some(s)
}

/// The encoding of an `\ansicpgN` code page.
fn codepage_encoding(cp: i64) -> Option<&'static Encoding> {
    Encoding::for_label(format!("windows-{cp}").as_bytes())
        .or_else(|| Encoding::for_label(format!("cp{cp}").as_bytes()))
        .or(match cp {
            932 => Some(encoding_rs::SHIFT_JIS),
            936 => Some(encoding_rs::GBK),
            949 => Some(encoding_rs::EUC_KR),
            950 => Some(encoding_rs::BIG5),
            10000 => Some(encoding_rs::MACINTOSH),
            65001 => Some(encoding_rs::UTF_8),
            _ => None,
        })
}

/// The encoding of a font's `\fcharsetN`.
fn charset_encoding(charset: i64) -> Option<&'static Encoding> {
    codepage_encoding(match charset {
        0 | 1 => 1252,
        77 => 10000,
        128 => 932,
        129 => 949,
        134 => 936,
        136 => 950,
        161 => 1253,
        162 => 1254,
        163 => 1258,
        177 => 1255,
        178 => 1256,
        186 => 1257,
        204 => 1251,
        222 => 874,
        238 => 1250,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_skipped_and_code_pages_and_unicode_decoded() {
        let rtf = br"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0\fcharset0 Arial;}{\f1\fcharset238 Tahoma;}}{\info{\title Memo}{\author Jan}}\f0 caf\'e9 \f1 \'9a\u8364?\par next\cell x}";
        let read = read_rtf(rtf);
        assert_eq!(read.text, "café š€\nnext\tx");
        assert_eq!(
            read.info,
            vec![("title", "Memo".into()), ("author", "Jan".into())]
        );
    }

    #[test]
    fn binary_data_is_stepped_over() {
        let rtf = b"{\\rtf1 a{\\pict\\bin4 }}}}}b}";
        assert_eq!(rtf_to_text(rtf), "ab");
    }
}
