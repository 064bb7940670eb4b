//! A small event walker over quick-xml for the XML parts of office packages.
//!
//! Safe by construction against XXE and entity bombs: a `<!DOCTYPE>` is skipped whole and
//! an entity reference other than the five XML predefines and character references is
//! dropped, never resolved (quick-xml resolves nothing by itself). So `odfpy_nasty.odt`,
//! which declares `<!ENTITY nasty SYSTEM "…">` and uses `&nasty;`, reads as the text
//! around the reference and nothing else.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// One step of a walk: an element opens (empty elements open then close), closes, or text.
pub(crate) enum Step<'a, 'x> {
    /// An element starts: its local name (prefix dropped) and the tag to read attributes.
    Open(&'a str, &'a Tag<'x>),
    /// An element ends: its local name.
    Close(&'a str),
    /// Character data, references already resolved.
    Text(&'a str),
}

/// A start tag whose attributes may be asked for by local name.
pub(crate) struct Tag<'x>(BytesStart<'x>);

impl Tag<'_> {
    /// The value of the attribute whose local name is `local`, entity references resolved
    /// (an unknown one is left as written).
    pub(crate) fn attr(&self, local: &str) -> Option<String> {
        self.0.attributes().flatten().find_map(|a| {
            (local_name(a.key.into_inner()) == local).then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(Cow::into_owned)
                    .unwrap_or_else(|_| a.value.to_string())
            })
        })
    }
}

impl Tag<'_> {
    /// The value of a namespaced attribute (`r:id`, not a plain `id`) by its local name.
    pub(crate) fn prefixed_attr(&self, local: &str) -> Option<String> {
        self.0.attributes().flatten().find_map(|a| {
            let key = a.key.into_inner();
            (key.contains(':') && local_name(key) == local).then(|| a.value.to_string())
        })
    }
}

/// The part of a qualified name after its prefix (`w:t` → `t`).
fn local_name(qname: &str) -> &str {
    qname.rsplit_once(':').map_or(qname, |(_, l)| l)
}

/// Decodes an XML part's bytes: UTF-8 (the norm for OOXML and ODF), or UTF-16 with a BOM.
pub(crate) fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match encoding_rs::Encoding::for_bom(bytes) {
        Some((enc, _)) if enc != encoding_rs::UTF_8 => enc.decode_with_bom_removal(bytes).0,
        _ => String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)),
    }
}

/// Walks `xml`, calling `on` for each step in document order. A malformed part stops the
/// walk with the reason; what was read up to there has been seen by `on`.
pub(crate) fn walk(xml: &str, mut on: impl FnMut(Step<'_, '_>)) -> Result<(), String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().expand_empty_elements = true;
    reader.config_mut().check_end_names = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("malformed XML at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(start) => {
                let tag = Tag(start);
                let qname = tag.0.name().into_inner().to_owned();
                on(Step::Open(local_name(&qname), &tag));
            }
            Event::End(end) => {
                let qname = end.name().into_inner();
                on(Step::Close(local_name(qname)));
            }
            Event::Text(text) => on(Step::Text(&text.xml10_content())),
            Event::CData(data) => on(Step::Text(&data.xml10_content())),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    on(Step::Text(c.encode_utf8(&mut [0; 4])));
                } else if let Some(s) = predefined_entity(&r) {
                    on(Step::Text(s));
                }
                // Any other entity is declared in a DTD we never read: dropped (XXE).
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The five entities XML predefines.
fn predefined_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(xml: &str) -> String {
        let mut out = String::new();
        walk(xml, |s| {
            if let Step::Text(t) = s {
                out.push_str(t)
            }
        })
        .expect("well-formed");
        out
    }

    #[test]
    fn predefined_and_character_references_resolve_and_external_entities_never_do() {
        let xml = r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY nasty SYSTEM "/etc/passwd">]><r>A &amp; B &#x41;&#66; &nasty;end</r>"#;
        assert_eq!(texts(xml), "A & B AB end");
    }

    #[test]
    fn attributes_are_found_by_local_name() {
        let mut seen = None;
        walk(
            r#"<w:p xmlns:w="x"><w:ins w:author="Ann &amp; Bo"/></w:p>"#,
            |s| {
                if let Step::Open("ins", tag) = s {
                    seen = tag.attr("author");
                }
            },
        )
        .expect("well-formed");
        assert_eq!(seen.as_deref(), Some("Ann & Bo"));
    }
}
