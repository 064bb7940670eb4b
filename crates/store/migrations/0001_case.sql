-- Schema 1: the case's system of record.
-- Originals live in objects/ by SHA-256; everything textual here is derived from them
-- and records which extractor (and version) produced it, so it can be rebuilt.

CREATE TABLE objects (
    sha256     TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
    size       INTEGER NOT NULL CHECK (size >= 0),
    stored_at  TEXT NOT NULL
) STRICT;

CREATE TABLE documents (
    id                INTEGER PRIMARY KEY,
    sha256            TEXT NOT NULL UNIQUE REFERENCES objects(sha256),
    parent_id         INTEGER REFERENCES documents(id),
    kind              TEXT NOT NULL,
    title             TEXT,
    -- Four dates, never collapsed: the document's own date, the date it claims for itself,
    -- when this copy was captured, and when it entered the case.
    doc_date          TEXT,
    claimed_date      TEXT,
    captured_at       TEXT,
    ingested_at       TEXT NOT NULL,
    source_url        TEXT,
    media_type        TEXT,
    status            TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'skipped')),
    status_detail     TEXT,
    extractor         TEXT,
    extractor_version INTEGER
) STRICT;
CREATE INDEX documents_parent ON documents(parent_id);
CREATE INDEX documents_kind ON documents(kind);

CREATE TABLE document_authors (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    PRIMARY KEY (document_id, position)
) STRICT;

CREATE TABLE document_meta (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (document_id, key)
) STRICT;

-- Extracted text: whole text for every document, and per page for paginated formats.
CREATE TABLE document_text (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id),
    text        TEXT NOT NULL
) STRICT;

CREATE TABLE pages (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    n           INTEGER NOT NULL CHECK (n >= 1),
    text        TEXT NOT NULL,
    PRIMARY KEY (document_id, n)
) STRICT;

-- Every place an original was found. A duplicate file adds a source, never a second object.
CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    path        TEXT NOT NULL,
    custodian   TEXT,
    ingested_at TEXT NOT NULL,
    UNIQUE (document_id, path, custodian)
) STRICT;
CREATE INDEX sources_document ON sources(document_id);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE document_tags (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    tag_id      INTEGER NOT NULL REFERENCES tags(id),
    PRIMARY KEY (document_id, tag_id)
) STRICT;

-- Append-only, hash-chained record of every change to the case.
-- Each row's hash covers its own fields and the previous row's hash (see audit.rs).
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
