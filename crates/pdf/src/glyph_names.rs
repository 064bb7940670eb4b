//! The text of a simple font's glyph names, read as the PDF specification says.
//!
//! The PDF specification (ISO 32000-1, 9.6.6 and 9.10.2) reads the text of a simple font
//! without a `/ToUnicode` map through its encoding: the `/Differences` array names the
//! glyph of each code it lists, overriding the base encoding and the font program's own
//! built-in encoding, and each glyph name is looked up in the Adobe Glyph List. pdf-extract
//! departs from that in three ways this module corrects:
//!
//! - an embedded CFF font's built-in encoding wins over `/Differences` (pdfTeX's
//!   `/nacute` at code 171 came out as the font's own `«`, so "Sierpiński" read
//!   "Sierpi«ski");
//! - names that spell their characters (`uni0041`, `uni00660069`, `u1F600`, `f_i`,
//!   `a.sc`), which the Adobe Glyph List specification defines, are not read;
//! - a name it does not know keeps the base encoding's character for that code, which is
//!   a different letter altogether; for names that only number a glyph inside one font
//!   program (`g18`, `glyph42`, `cid311`, `index7`, as Word and Acrobat write when they
//!   subset a TrueType font), that hides that no reader can know the character without
//!   OCR. (pdftotext takes the number for a Unicode value, `g481` becoming `ǡ`; that is
//!   not the text either.)
//!
//! [`repair_unicode_maps`] gives a simple font that has `/Differences` but no `/ToUnicode`
//! a map of the codes pdf-extract would misread, in memory, before any page is read:
//! names map to their text and glyph numbers to U+FFFD, the replacement character, which
//! the layout leaves out and counts. Codes `/Differences` does not list and names nobody
//! knows are left to pdf-extract.

use std::collections::BTreeMap;

use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};

/// The character the layout receives for a glyph whose font gives it no Unicode meaning.
pub const UNREADABLE: char = '\u{FFFD}';

/// Whether a glyph's character is no text: the replacement character (a glyph whose font
/// does not say what it is) or a control code (a code that only a missing map would have
/// explained; no font draws a control character).
pub fn is_unreadable(c: char) -> bool {
    c == UNREADABLE || (c.is_control() && !c.is_whitespace())
}

/// What one glyph name means for text extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMeaning {
    /// The name stands for this text.
    Text(String),
    /// The name only numbers a glyph of one font program: no text.
    GlyphNumber,
    /// Not a name anyone defines (or `.notdef`).
    Unknown,
}

/// Reads one glyph name (without its leading slash) as the Adobe Glyph List
/// specification does: drop a suffix after the first period, split ligatures at
/// underscores, and read each component as a listed name, `uniXXXX…` or `uXXXX`.
pub fn meaning(name: &str) -> NameMeaning {
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return NameMeaning::Unknown; // `.notdef`, `.null`
    }
    if is_glyph_number(base) {
        return NameMeaning::GlyphNumber;
    }
    let mut text = String::new();
    for component in base.split('_') {
        if let Some(listed) = pdf_encoding::glyphname_to_unicode(component) {
            text.push_str(listed);
        } else if let Some(spelled) = spelled_unicode(component) {
            text.push_str(&spelled);
        } else {
            return NameMeaning::Unknown;
        }
    }
    NameMeaning::Text(text)
}

/// `g18`, `G3`, `glyph42`, `cid311`, `index7`: a glyph's number in its font program.
fn is_glyph_number(name: &str) -> bool {
    ["glyph", "index", "cid", "g", "G"].iter().any(|prefix| {
        name.strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// `uniXXXX` (one or more groups of four upper-case hex digits, each a BMP character
/// outside the surrogates) and `uXXXX` to `uXXXXXX` (one character), as the Adobe Glyph
/// List specification defines them; `None` for anything else.
fn spelled_unicode(name: &str) -> Option<String> {
    let is_upper_hex = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
    };
    if let Some(hex) = name.strip_prefix("uni") {
        if hex.is_empty() || hex.len() % 4 != 0 || !is_upper_hex(hex) {
            return None;
        }
        return hex
            .as_bytes()
            .chunks(4)
            .map(|group| {
                let value = u32::from_str_radix(std::str::from_utf8(group).ok()?, 16).ok()?;
                char::from_u32(value).filter(|_| !(0xD800..=0xDFFF).contains(&value))
            })
            .collect();
    }
    let hex = name.strip_prefix('u')?;
    if !(4..=6).contains(&hex.len()) || !is_upper_hex(hex) {
        return None;
    }
    let value = u32::from_str_radix(hex, 16).ok()?;
    char::from_u32(value).map(String::from)
}

/// Gives each simple font that has `/Differences` but no `/ToUnicode` a `/ToUnicode` map
/// of the codes pdf-extract would misread (see the module's documentation). Fonts with a
/// map of their own are left alone: the specification reads that map first. Returns how
/// many fonts were given one.
pub fn repair_unicode_maps(doc: &mut Document) -> usize {
    let fonts: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, object)| object.as_dict().is_ok_and(is_simple_font_without_map))
        .map(|(&id, _)| id)
        .collect();
    let mut repaired = 0;
    for id in fonts {
        let Some(codes) = doc
            .objects
            .get(&id)
            .and_then(|font| font.as_dict().ok())
            .map(|font| codes_needing_a_map(doc, font))
            .filter(|codes| !codes.is_empty())
        else {
            continue;
        };
        let map = doc.add_object(Stream::new(Dictionary::new(), to_unicode_cmap(&codes)));
        if let Some(Ok(font)) = doc.objects.get_mut(&id).map(Object::as_dict_mut) {
            font.set("ToUnicode", Object::Reference(map));
            repaired += 1;
        }
    }
    repaired
}

fn is_simple_font_without_map(dict: &Dictionary) -> bool {
    let named = |key: &[u8], wanted: &[&[u8]]| {
        dict.get(key)
            .and_then(Object::as_name)
            .is_ok_and(|n| wanted.contains(&n))
    };
    // `/Type /Font` is required but not always written; these subtypes are fonts only.
    (named(b"Type", &[b"Font"]) || !dict.has(b"Type"))
        && named(b"Subtype", &[b"Type1", b"MMType1", b"TrueType", b"Type3"])
        && !dict.has(b"ToUnicode")
}

/// The codes of a font's `/Differences` that pdf-extract would read otherwise than
/// [`meaning`] does, with their text: glyph numbers, names it does not know (spelled,
/// ligatures, suffixes), and names the embedded CFF font's own encoding contradicts.
/// Codes it reads the same way get no entry, so that most fonts need no map at all
/// (pdf-extract parses a font's map again on every page that uses it).
fn codes_needing_a_map(doc: &Document, font: &Dictionary) -> BTreeMap<u8, String> {
    let resolve = |object: &Object| -> Option<Object> {
        doc.dereference(object).ok().map(|(_, o)| o.clone())
    };
    let mut codes = BTreeMap::new();
    let Some(Object::Dictionary(encoding)) = font.get(b"Encoding").ok().and_then(resolve) else {
        return codes;
    };
    let Some(Object::Array(differences)) = encoding.get(b"Differences").ok().and_then(resolve)
    else {
        return codes;
    };
    let mut cff_names: Option<BTreeMap<u8, String>> = None;
    let mut code: i64 = 0;
    for entry in &differences {
        match resolve(entry) {
            Some(Object::Integer(n)) => code = n,
            Some(Object::Name(name)) => {
                let name = String::from_utf8_lossy(&name);
                if let Ok(byte) = u8::try_from(code) {
                    match meaning(&name) {
                        NameMeaning::Text(text) => {
                            let listed = pdf_encoding::glyphname_to_unicode(&name).is_some();
                            let names =
                                cff_names.get_or_insert_with(|| embedded_cff_names(doc, font));
                            // pdf-extract keeps the CFF's reading of a code whose CFF
                            // name it can read; only a different character matters.
                            let contradicted = names
                                .get(&byte)
                                .and_then(|own| pdf_encoding::glyphname_to_unicode(own))
                                .is_some_and(|own| own != text);
                            if !listed || contradicted {
                                codes.insert(byte, text);
                            }
                        }
                        NameMeaning::GlyphNumber => {
                            codes.insert(byte, UNREADABLE.to_string());
                        }
                        NameMeaning::Unknown => {}
                    }
                }
                code += 1;
            }
            _ => {}
        }
    }
    codes
}

/// The glyph name of each code in the built-in encoding of the font's embedded CFF
/// program (`/FontFile3` of subtype `Type1C`), which pdf-extract reads before
/// `/Differences` (a CFF with the standard encoding names code 171 `guillemotleft` even
/// when its subset has no such glyph); empty when there is none or it cannot be read.
fn embedded_cff_names(doc: &Document, font: &Dictionary) -> BTreeMap<u8, String> {
    let stream = font
        .get(b"FontDescriptor")
        .ok()
        .and_then(|d| doc.dereference(d).ok())
        .and_then(|(_, d)| d.as_dict().ok())
        .and_then(|d| d.get(b"FontFile3").ok())
        .and_then(|f| doc.dereference(f).ok())
        .and_then(|(_, f)| f.as_stream().ok());
    let Some(stream) = stream else {
        return BTreeMap::new();
    };
    if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type1C".as_slice()) {
        return BTreeMap::new();
    }
    let data = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    // A damaged font program must not cost the document its text: a parser panic here
    // just means no names.
    std::panic::catch_unwind(|| {
        let Some(table) = cff_parser::Table::parse(&data) else {
            return BTreeMap::new();
        };
        // As pdf-extract reads it: the encoding's code to string table, whether or not
        // the subset has the glyph.
        table
            .encoding
            .get_code_to_sid_table(&table.charset)
            .into_iter()
            .filter_map(|(code, sid)| {
                Some((code, cff_parser::string_by_id(&table, sid)?.to_owned()))
            })
            .collect()
    })
    .unwrap_or_default()
}

/// A ToUnicode CMap (one-byte codes) mapping each code to its text, in UTF-16BE.
fn to_unicode_cmap(codes: &BTreeMap<u8, String>) -> Vec<u8> {
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Dossier-Glyph-Names def\n/CMapType 2 def\n\
         1 begincodespacerange\n<00> <FF>\nendcodespacerange\n",
    );
    let entries: Vec<(&u8, &String)> = codes.iter().collect();
    // The CMap syntax allows at most 100 mappings per block.
    for block in entries.chunks(100) {
        cmap.push_str(&format!("{} beginbfchar\n", block.len()));
        for (code, text) in block {
            let utf16: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
            cmap.push_str(&format!("<{code:02X}> <{utf16}>\n"));
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    cmap.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> NameMeaning {
        NameMeaning::Text(s.to_owned())
    }

    #[test]
    fn listed_names_and_names_that_spell_their_characters_are_read() {
        assert_eq!(meaning("nacute"), text("ń"));
        assert_eq!(meaning("uni0041"), text("A"));
        assert_eq!(meaning("uni00660069"), text("fi"));
        assert_eq!(meaning("u1F600"), text("😀"));
        assert_eq!(meaning("f_f_i"), text("ffi"));
        assert_eq!(meaning("a.sc"), text("a"));
        assert_eq!(meaning("uni0041.sc"), text("A"));
        // Lower-case hex digits and surrogates spell nothing.
        assert_eq!(meaning("uni00e9"), NameMeaning::Unknown);
        assert_eq!(meaning("uniD800"), NameMeaning::Unknown);
    }

    #[test]
    fn glyph_numbers_have_no_text_and_unlisted_names_are_unknown() {
        for name in ["g18", "G3", "glyph42", "cid311", "index7", "g481.alt"] {
            assert_eq!(meaning(name), NameMeaning::GlyphNumber, "{name}");
        }
        for name in [".notdef", "uni", "u12", "bogus"] {
            assert_eq!(meaning(name), NameMeaning::Unknown, "{name}");
        }
        assert_eq!(meaning("g"), text("g"));
        assert_eq!(meaning("afii10017"), text("А"));
    }

    #[test]
    fn the_generated_map_is_a_cmap_with_utf16_values() {
        let codes = BTreeMap::from([(0x12, "\u{FFFD}".to_owned()), (0x41, "fi".to_owned())]);
        let cmap = String::from_utf8(to_unicode_cmap(&codes)).expect("a CMap is ASCII");
        assert!(cmap.contains("2 beginbfchar\n<12> <FFFD>\n<41> <00660069>\nendbfchar"));
    }
}
