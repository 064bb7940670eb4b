//! Long PDFs made in the test, shared by the test files about documents of many pages.
//!
//! Base-14 font, one short page of text each, under a page tree two levels deep whose
//! inner nodes hold the resources and media box every page inherits (ISO 32000-1,
//! 7.7.3.4), as large files made by merging often do.

use pdf_extract::{Dictionary, Document, Object, Stream};

/// The text drawn on page `n` (from 1) of `total`, one line per entry.
pub fn page_lines(n: usize, total: usize) -> [String; 2] {
    [
        format!("Page {n} of {total}"),
        format!("Exhibit {} paragraph {}", n * 7 % 1000, n * 13 % 997),
    ]
}

/// A PDF of `total` pages, [`page_lines`] on each, grouped 100 to an inner page tree node.
pub fn many_page_pdf(total: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let root_id = doc.new_object_id();

    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type1".to_vec()));
    font.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
    font.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
    let font_id = doc.add_object(font);
    let mut fonts = Dictionary::new();
    fonts.set("F1", Object::Reference(font_id));
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(fonts));
    let resources_id = doc.add_object(resources);
    let media_box = Object::Array([0, 0, 612, 792].into_iter().map(Object::Integer).collect());

    let mut groups = Vec::new();
    for first in (1..=total).step_by(100) {
        let group_id = doc.new_object_id();
        let last = (first + 99).min(total);
        let kids: Vec<Object> = (first..=last)
            .map(|n| {
                let [title, body] = page_lines(n, total);
                let content =
                    format!("BT /F1 12 Tf 72 720 Td ({title}) Tj 0 -16 Td ({body}) Tj ET");
                let contents = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
                let mut page = Dictionary::new();
                page.set("Type", Object::Name(b"Page".to_vec()));
                page.set("Parent", Object::Reference(group_id));
                page.set("Contents", Object::Reference(contents));
                Object::Reference(doc.add_object(page))
            })
            .collect();
        let mut group = Dictionary::new();
        group.set("Type", Object::Name(b"Pages".to_vec()));
        group.set("Parent", Object::Reference(root_id));
        group.set("Count", Object::Integer(kids.len() as i64));
        group.set("Kids", Object::Array(kids));
        group.set("Resources", Object::Reference(resources_id));
        group.set("MediaBox", media_box.clone());
        doc.objects.insert(group_id, Object::Dictionary(group));
        groups.push(Object::Reference(group_id));
    }
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"Pages".to_vec()));
    root.set("Count", Object::Integer(total as i64));
    root.set("Kids", Object::Array(groups));
    doc.objects.insert(root_id, Object::Dictionary(root));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(root_id));
    let catalog_id = doc.add_object(catalog);
    doc.trailer.set("Root", Object::Reference(catalog_id));

    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("writing to memory");
    bytes
}
