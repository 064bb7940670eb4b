//! The index schema, defined once: every field, its options and its analyzer.
//!
//! One entry per page for paginated documents, one per document otherwise. Every entry of
//! a document carries the document's fields (title, kind, date, people), so a filter
//! or a field query works the same on any page.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, TantivyDocument};

use crate::tokenizer::{ANALYZER, ANALYZER_UNSTEMMED, analyzer, analyzer_unstemmed};

/// Bumped whenever the schema or the analyzer changes; an index of another version is rebuilt.
/// 3: custodians as recorded, for the custodian facet and filter (`custodian_name`).
/// 4: every word indexed, common ones too (no stop words), so old indexes are rebuilt.
/// 5: tags left out: they are read from the case at search time (see `tags.rs`).
pub const SCHEMA_VERSION: u32 = 5;

/// What one document contributes to the index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexDocument {
    /// The document's id in the case.
    pub id: i64,
    /// A fingerprint of everything indexed about it; a different value means "reindex".
    pub stamp: u64,
    /// `email`, `article`, …
    pub kind: String,
    /// Title, if any.
    pub title: Option<String>,
    /// The document's own date, ISO 8601 (any precision).
    pub date: Option<String>,
    /// Whose files it came from.
    pub custodians: Vec<String>,
    /// Sender or authors.
    pub from: Vec<String>,
    /// Recipients.
    pub to: Vec<String>,
    /// Policy series it is a capture of.
    pub series: Vec<String>,
    /// The whole text (used when there are no pages).
    pub text: String,
    /// Text per page, numbered from 1; empty for documents without pages.
    pub pages: Vec<(u32, String)>,
}

/// Handles to the fields of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Document id (u64, indexed, fast, stored).
    pub doc_id: Field,
    /// Page number, 0 for documents without pages (fast, stored).
    pub page: Field,
    /// Fingerprint of the indexed data (fast).
    pub stamp: Field,
    /// Body text (analyzed, positions).
    pub text: Field,
    /// Title (analyzed, positions, stored).
    pub title: Field,
    /// Kind (raw, lowercased, fast, stored).
    pub kind: Field,
    /// Sender and authors (analyzed).
    pub from: Field,
    /// Recipients (analyzed).
    pub to: Field,
    /// Custodians (analyzed), for `custodian:` in a query.
    pub custodian: Field,
    /// Custodians exactly as recorded (raw, fast, multi-valued): what the custodian facet
    /// counts and the custodian filter matches. A document held by several custodians has
    /// each of them.
    pub custodian_name: Field,
    /// Policy series (analyzed).
    pub series: Field,
    /// Document date, seconds since 1970 UTC (indexed, fast).
    pub date: Field,
    /// Document date as recorded (stored).
    pub date_text: Field,
}

impl Fields {
    /// Builds the schema and returns it with its field handles.
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let analyzed = |tokenizer: &str| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
        };
        let fields = Fields {
            doc_id: b.add_u64_field("doc_id", INDEXED | FAST | STORED),
            page: b.add_u64_field("page", FAST | STORED),
            stamp: b.add_u64_field("stamp", FAST),
            text: b.add_text_field("text", analyzed(ANALYZER)),
            title: b.add_text_field("title", analyzed(ANALYZER) | STORED),
            kind: b.add_text_field("kind", STRING | FAST | STORED),
            from: b.add_text_field("from", analyzed(ANALYZER)),
            to: b.add_text_field("to", analyzed(ANALYZER)),
            custodian: b.add_text_field("custodian", analyzed(ANALYZER)),
            custodian_name: b.add_text_field("custodian_name", STRING | FAST),
            series: b.add_text_field("series", analyzed(ANALYZER)),
            date: b.add_i64_field("date", INDEXED | FAST),
            date_text: b.add_text_field("date_text", STORED),
        };
        (b.build(), fields)
    }

    /// The fields of an existing index, checking that it has this schema.
    pub fn of(index: &Index) -> Option<Fields> {
        let (expected, fields) = Fields::schema();
        (index.schema() == expected).then_some(fields)
    }

    /// The entries one document becomes: one per page, or one for the whole text.
    pub fn entries(&self, doc: &IndexDocument) -> Vec<TantivyDocument> {
        let date = doc.date.as_deref().and_then(crate::dates::parse_start);
        let make = |page: u32, text: &str| {
            let mut d = TantivyDocument::default();
            d.add_u64(self.doc_id, doc.id as u64);
            d.add_u64(self.page, u64::from(page));
            d.add_u64(self.stamp, doc.stamp);
            d.add_text(self.text, text);
            if let Some(title) = &doc.title {
                d.add_text(self.title, title);
            }
            d.add_text(self.kind, doc.kind.to_lowercase());
            for custodian in &doc.custodians {
                d.add_text(self.custodian_name, custodian);
            }
            for (field, values) in [
                (self.from, &doc.from),
                (self.to, &doc.to),
                (self.custodian, &doc.custodians),
                (self.series, &doc.series),
            ] {
                for v in values {
                    d.add_text(field, v);
                }
            }
            if let Some(date) = date {
                d.add_i64(self.date, date);
            }
            if let Some(date) = &doc.date {
                d.add_text(self.date_text, date);
            }
            d
        };
        if doc.pages.is_empty() {
            vec![make(0, &doc.text)]
        } else {
            doc.pages.iter().map(|(n, text)| make(*n, text)).collect()
        }
    }

    /// The text field a query may name (`title:`, `from:` …), if it is one.
    pub fn analyzed_field(&self, name: &str) -> Option<Field> {
        Some(match name {
            "text" => self.text,
            "title" => self.title,
            "from" => self.from,
            "to" => self.to,
            "custodian" => self.custodian,
            "series" => self.series,
            _ => return None,
        })
    }
}

/// Registers the analyzers the schema names on an index.
pub fn register_analyzers(index: &Index) {
    index.tokenizers().register(ANALYZER, analyzer());
    index
        .tokenizers()
        .register(ANALYZER_UNSTEMMED, analyzer_unstemmed());
}
