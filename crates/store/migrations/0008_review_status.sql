-- Schema 8: review at the scale of a matter.
-- A document's review status, with who set it and when. No row means unreviewed; undo
-- restores the previous row (or its absence), and `verify` compares each row with the last
-- state its audit row recorded.
CREATE TABLE document_review (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id),
    status      TEXT NOT NULL CHECK (status IN ('reviewed', 'second_look')),
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL
) STRICT;
CREATE INDEX document_review_status ON document_review(status);

-- The document table pages in any order without sorting every document: each sortable
-- column has an index ending in the id, the tie-break.
CREATE INDEX documents_date ON documents(doc_date, id);
CREATE INDEX documents_title ON documents(title, id);
CREATE INDEX documents_kind_id ON documents(kind, id);
CREATE INDEX objects_size ON objects(size, sha256);
CREATE INDEX sources_custodian ON sources(custodian, document_id);
CREATE INDEX document_tags_tag ON document_tags(tag_id, document_id);
