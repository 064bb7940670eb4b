//! Stamping an original PDF: each page keeps its own content streams untouched, wrapped in
//! a saved graphics state (`q` … `Q`) so nothing they leave set moves the stamp, then gets one
//! more stream that paints the Bates number (bottom right) and the legend (bottom left) on a
//! white band, in Courier-Bold: a standard font, so nothing is embedded and the width of a
//! stamp is known without font metrics (0.6 em a character).

use lopdf::xref::XrefType;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat, dictionary};

use crate::redact::RedactedPage;
use crate::{PageStamp, ProduceError, winansi};

/// The resource name of the stamp's font on every produced page (chosen so it never
/// meets a name the original uses).
pub const STAMP_FONT: &str = "DossierStampFont";
/// The stamp's size in points.
const STAMP_SIZE: f32 = 9.0;
/// Its distance from the page's edges.
const STAMP_MARGIN: f32 = 18.0;

/// The content that paints `stamp` on a page whose visible box is `[x0, y0, x1, y1]`: the
/// Bates number in its corner, the legend in the other corner of that edge.
pub fn stamp_content(stamp: &PageStamp, page_box: [f32; 4]) -> Vec<u8> {
    use crate::StampPosition::{BottomLeft, BottomRight, TopLeft, TopRight};
    let [x0, y0, x1, y1] = page_box;
    let y = match stamp.position {
        BottomRight | BottomLeft => y0 + STAMP_MARGIN - 4.0,
        TopRight | TopLeft => y1 - STAMP_MARGIN - STAMP_SIZE + 4.0,
    };
    let bates_right = matches!(stamp.position, BottomRight | TopRight);
    let mut out = Vec::new();
    let mut label = |text: &str, right_aligned: bool| {
        let (bytes, _) = winansi::encode(text);
        let width = bytes.len() as f32 * STAMP_SIZE * 0.6;
        let x = if right_aligned {
            x1 - STAMP_MARGIN - width
        } else {
            x0 + STAMP_MARGIN
        };
        out.extend_from_slice(
            format!(
                "1 g {:.2} {:.2} {:.2} {:.2} re f\nBT 0 g /{STAMP_FONT} {STAMP_SIZE} Tf 1 0 0 1 {x:.2} {y:.2} Tm ",
                x - 2.0,
                y - 3.0,
                width + 4.0,
                STAMP_SIZE + 4.0
            )
            .as_bytes(),
        );
        out.extend_from_slice(&winansi::pdf_literal(&bytes));
        out.extend_from_slice(b" Tj ET\n");
    };
    label(&stamp.bates, bates_right);
    if let Some(legend) = stamp.legend.as_deref().filter(|l| !l.trim().is_empty()) {
        label(legend, !bates_right);
    }
    let mut wrapped = b"q\n".to_vec();
    wrapped.extend(out);
    wrapped.extend_from_slice(b"Q\n");
    wrapped
}

/// The Courier-Bold font dictionary the stamps use.
pub(crate) fn stamp_font() -> Dictionary {
    dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Courier-Bold",
        "Encoding" => "WinAnsiEncoding",
    }
}

/// A file ID that depends only on `seed`, so the same production gives the same bytes.
pub(crate) fn file_id(seed: &[u8]) -> Object {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(seed);
    let id = Object::String(digest[..16].to_vec(), StringFormat::Hexadecimal);
    Object::Array(vec![id.clone(), id])
}

/// An original PDF read for stamping.
pub struct OriginalPdf {
    doc: Document,
    pages: Vec<ObjectId>,
    /// A page was replaced: the objects only it used are dropped before saving, so no
    /// redacted content stays in the file unreferenced.
    replaced: bool,
}

/// Resource names on a redacted page.
const REDACTED_IMAGE: &str = "DossierRedactedPage";
const REDACTED_TEXT_FONT: &str = "DossierRedactedText";

impl OriginalPdf {
    /// Reads `bytes`; an encrypted, damaged or page-less PDF is refused, saying why.
    pub fn load(bytes: &[u8]) -> Result<Self, ProduceError> {
        let doc = Document::load_mem(bytes).map_err(|e| ProduceError::Pdf(e.to_string()))?;
        if doc.is_encrypted() || doc.encryption_state.is_some() {
            return Err(ProduceError::Pdf("it is encrypted".into()));
        }
        let pages: Vec<ObjectId> = doc.page_iter().collect();
        if pages.is_empty() {
            return Err(ProduceError::Pdf("it has no pages".into()));
        }
        Ok(Self {
            doc,
            pages,
            replaced: false,
        })
    }

    /// How many pages it has.
    pub fn pages(&self) -> u64 {
        self.pages.len() as u64
    }

    /// Replaces page `index` (from 0) by its redacted rendering: the image, the reasons, the
    /// kept words; nothing of the original page's content or annotations stays.
    pub fn redact(&mut self, index: usize, page: &RedactedPage) -> Result<(), ProduceError> {
        let pdf = |e: lopdf::Error| ProduceError::Pdf(e.to_string());
        let Some(&id) = self.pages.get(index) else {
            return Err(ProduceError::Pdf(format!(
                "no page {} to redact: it has {}",
                index + 1,
                self.pages.len()
            )));
        };
        let [pw, ph] = page.pixel_size;
        let mut image = Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Image",
                "Width" => i64::from(pw),
                "Height" => i64::from(ph),
                "ColorSpace" => "DeviceGray",
                "BitsPerComponent" => 8,
            },
            page.pixels.clone(),
        );
        image.compress().map_err(pdf)?;
        let image = self.doc.add_object(image);
        let font = self.doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier",
            "Encoding" => "WinAnsiEncoding",
        });
        let mut content = Stream::new(
            Dictionary::new(),
            page.content(REDACTED_IMAGE, REDACTED_TEXT_FONT),
        );
        content.compress().map_err(pdf)?;
        let content = self.doc.add_object(content);
        let [w, h] = page.size;
        let page_box = Object::Array(vec![0.into(), 0.into(), Object::Real(w), Object::Real(h)]);
        let dict = self.doc.get_dictionary_mut(id).map_err(pdf)?;
        let parent = dict.get(b"Parent").cloned();
        let mut fresh = dictionary! {
            "Type" => "Page",
            "MediaBox" => page_box.clone(),
            "CropBox" => page_box,
            "Rotate" => 0,
            "Resources" => dictionary! {
                "XObject" => dictionary! { REDACTED_IMAGE => Object::Reference(image) },
                "Font" => dictionary! { REDACTED_TEXT_FONT => Object::Reference(font) },
            },
            "Contents" => Object::Reference(content),
        };
        if let Ok(parent) = parent {
            fresh.set("Parent", parent);
        }
        *dict = fresh;
        self.replaced = true;
        Ok(())
    }

    /// The PDF with page i stamped with `stamps[i]`, its file ID made from `seed`.
    pub fn stamp(mut self, stamps: &[PageStamp], seed: &[u8]) -> Result<Vec<u8>, ProduceError> {
        if stamps.len() != self.pages.len() {
            return Err(ProduceError::Pdf(format!(
                "{} stamps for {} pages",
                stamps.len(),
                self.pages.len()
            )));
        }
        let pdf = |e: lopdf::Error| ProduceError::Pdf(e.to_string());
        let font = self.doc.add_object(stamp_font());
        let open = self
            .doc
            .add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
        for (&page, stamp) in self.pages.clone().iter().zip(stamps) {
            let page_box = self.page_box(page);
            let mut resources = self.inherited_dict(page, b"Resources");
            let mut fonts = match resources.get(b"Font") {
                Ok(o) => self.resolved_dict(o),
                Err(_) => Dictionary::new(),
            };
            fonts.set(STAMP_FONT, Object::Reference(font));
            resources.set("Font", Object::Dictionary(fonts));
            let mut content = b"Q\n".to_vec();
            content.extend(stamp_content(stamp, page_box));
            let mut stream = Stream::new(Dictionary::new(), content);
            stream.compress().map_err(pdf)?;
            let stamp_stream = self.doc.add_object(stream);
            let mut contents = vec![Object::Reference(open)];
            contents.extend(
                self.doc
                    .get_page_contents(page)
                    .into_iter()
                    .map(Object::Reference),
            );
            contents.push(Object::Reference(stamp_stream));
            let dict = self.doc.get_dictionary_mut(page).map_err(pdf)?;
            dict.set("Resources", Object::Dictionary(resources));
            dict.set("Contents", Object::Array(contents));
        }
        // A plain cross-reference table and a trailer of our own: what the original's
        // trailer held for its xref stream or its updates (/Prev, /W, /Index) has no place.
        let mut trailer = Dictionary::new();
        for key in [&b"Root"[..], b"Info"] {
            if let Ok(v) = self.doc.trailer.get(key) {
                trailer.set(key, v.clone());
            }
        }
        trailer.set("ID", file_id(seed));
        self.doc.trailer = trailer;
        if self.replaced {
            self.doc.prune_objects();
        }
        self.doc.reference_table.cross_reference_type = XrefType::CrossReferenceTable;
        let mut out = Vec::new();
        self.doc
            .save_to(&mut out)
            .map_err(|e| ProduceError::Pdf(e.to_string()))?;
        Ok(out)
    }

    /// The page's visible box (CropBox, else MediaBox, inherited as the page tree does),
    /// US Letter when neither is readable.
    fn page_box(&self, page: ObjectId) -> [f32; 4] {
        for key in [&b"CropBox"[..], b"MediaBox"] {
            if let Some(o) = self.inherited(page, key) {
                let o = self.doc.dereference(o).map(|(_, o)| o).unwrap_or(o);
                if let Ok(a) = o.as_array() {
                    let n: Vec<f32> = a.iter().filter_map(number).collect();
                    if let [a, b, c, d] = n[..] {
                        return [a.min(c), b.min(d), a.max(c), b.max(d)];
                    }
                }
            }
        }
        [0.0, 0.0, 612.0, 792.0]
    }

    /// `key` of the page or of the nearest page-tree node above it that has it.
    fn inherited(&self, page: ObjectId, key: &[u8]) -> Option<&Object> {
        let mut node = self.doc.get_dictionary(page).ok()?;
        for _ in 0..64 {
            if let Ok(v) = node.get(key) {
                return Some(v);
            }
            let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
            node = self.doc.get_dictionary(parent).ok()?;
        }
        None
    }

    /// A copy of the (inherited) dictionary `key` of the page, empty when it has none.
    fn inherited_dict(&self, page: ObjectId, key: &[u8]) -> Dictionary {
        self.inherited(page, key)
            .map(|o| self.resolved_dict(o))
            .unwrap_or_default()
    }

    /// A copy of the dictionary `o` is or refers to.
    fn resolved_dict(&self, o: &Object) -> Dictionary {
        self.doc
            .dereference(o)
            .ok()
            .and_then(|(_, o)| o.as_dict().ok())
            .cloned()
            .unwrap_or_default()
    }
}

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}
