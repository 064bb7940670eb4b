//! Reading one page at a time in time that does not grow with the page count.
//!
//! pdf-extract reads a single page with `output_doc_page(doc, output, n)`, which first
//! collects the whole page tree (`Document::get_pages`, a walk over every page node and a
//! map of every page) to find page `n`. Called once per page, that made a document's
//! extraction quadratic in its page count: half the time at 4,000 pages, and a
//! 20,000-page file ran past the worker's time limit. Its per-page entry point that takes
//! a page's object id is private, and its whole-document `output_doc` cannot be resumed
//! after a page that panics, which we isolate page by page.
//!
//! So [`OnePageTree`] gives the document a page tree of its own holding a single page:
//! the catalog's `/Pages` points at a new node whose `/Kids` is that one page, and asking
//! pdf-extract for page 1 walks only that node. Nothing else changes: pages keep their
//! `/Parent`, so resources, media boxes and everything else a page inherits are still
//! found through the original tree (the page tree walk follows `/Kids` only), and the
//! original `/Pages` is put back by [`OnePageTree::remove`].

use pdf_extract::{Dictionary, Document, Object, ObjectId};

/// The document's page tree, replaced by one that holds a single page at a time.
#[derive(Debug)]
pub(crate) struct OnePageTree {
    node: ObjectId,
    original: Object,
}

impl OnePageTree {
    /// Points the catalog's `/Pages` at a new, still empty page tree node; `None` when the
    /// document has no catalog with a page tree (it has no pages to read then either).
    pub(crate) fn install(doc: &mut Document) -> Option<Self> {
        let original = doc.catalog().ok()?.get(b"Pages").ok()?.clone();
        let mut node = Dictionary::new();
        node.set("Type", Object::Name(b"Pages".to_vec()));
        node.set("Kids", Object::Array(Vec::new()));
        node.set("Count", Object::Integer(0));
        let node = doc.add_object(node);
        doc.catalog_mut()
            .ok()?
            .set("Pages", Object::Reference(node));
        Some(OnePageTree { node, original })
    }

    /// Makes `page` the only page of the document's page tree: page 1 to pdf-extract.
    pub(crate) fn show(&self, doc: &mut Document, page: ObjectId) {
        if let Ok(node) = doc.get_dictionary_mut(self.node) {
            node.set("Kids", Object::Array(vec![Object::Reference(page)]));
            node.set("Count", Object::Integer(1));
        }
    }

    /// Puts the document's own page tree back and drops the single-page node.
    pub(crate) fn remove(self, doc: &mut Document) {
        if let Ok(catalog) = doc.catalog_mut() {
            catalog.set("Pages", self.original);
        }
        doc.objects.remove(&self.node);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document with `n` empty pages under one page tree node.
    fn document(n: usize) -> Document {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let kids: Vec<Object> = (0..n)
            .map(|_| {
                let mut page = Dictionary::new();
                page.set("Type", Object::Name(b"Page".to_vec()));
                page.set("Parent", Object::Reference(pages_id));
                Object::Reference(doc.add_object(page))
            })
            .collect();
        let mut pages = Dictionary::new();
        pages.set("Type", Object::Name(b"Pages".to_vec()));
        pages.set("Count", Object::Integer(n as i64));
        pages.set("Kids", Object::Array(kids));
        doc.objects.insert(pages_id, Object::Dictionary(pages));
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference(pages_id));
        let catalog_id = doc.add_object(catalog);
        doc.trailer.set("Root", Object::Reference(catalog_id));
        doc
    }

    #[test]
    fn the_page_tree_holds_only_the_page_shown_and_is_put_back_after() {
        let mut doc = document(50);
        let pages = doc.get_pages();
        let objects = doc.objects.len();
        let tree = OnePageTree::install(&mut doc).expect("a catalog");
        assert!(doc.get_pages().is_empty());
        for (_, &id) in pages.iter().rev() {
            tree.show(&mut doc, id);
            assert_eq!(doc.get_pages().into_iter().collect::<Vec<_>>(), [(1, id)]);
        }
        tree.remove(&mut doc);
        assert_eq!(doc.get_pages(), pages);
        assert_eq!(doc.objects.len(), objects);
    }

    #[test]
    fn a_document_without_a_catalog_has_no_tree_to_replace() {
        let mut doc = Document::with_version("1.7");
        assert!(OnePageTree::install(&mut doc).is_none());
    }
}
