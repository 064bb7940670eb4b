-- Schema 14: productions. Each `dossier produce` run records the Bates numbers it gave,
-- so numbering continues across productions of one prefix and a number is never given to
-- two documents. A withheld document holds one number, its slip-sheet's.
CREATE TABLE productions (
    id              INTEGER PRIMARY KEY,
    prefix          TEXT NOT NULL,
    first           INTEGER NOT NULL CHECK (first >= 1),
    last            INTEGER NOT NULL CHECK (last >= first),
    documents       INTEGER NOT NULL,
    pages           INTEGER NOT NULL,
    withheld        INTEGER NOT NULL,
    legend          TEXT,
    manifest_sha256 TEXT NOT NULL,
    produced_at     TEXT NOT NULL
) STRICT;

CREATE TABLE production_documents (
    production_id INTEGER NOT NULL REFERENCES productions(id),
    document_id   INTEGER NOT NULL REFERENCES documents(id),
    first         INTEGER NOT NULL,
    last          INTEGER NOT NULL CHECK (last >= first),
    withheld      INTEGER NOT NULL CHECK (withheld IN (0, 1)),
    PRIMARY KEY (production_id, document_id)
) STRICT;

CREATE INDEX production_documents_by_document ON production_documents (document_id);

-- Redactions: an area of a page to burn out of produced pages, with its reason. By quote
-- (`quote` set: the words, found on the page when producing) or by box (`x`, `y`, `w`, `h` in
-- PDF points from the page's top-left corner). The original is never changed. Deleting keeps
-- the row, marked deleted; undo restores it.
CREATE TABLE redactions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    page        INTEGER NOT NULL CHECK (page >= 1),
    quote       TEXT,
    x           REAL,
    y           REAL,
    w           REAL,
    h           REAL,
    reason      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    deleted_at  TEXT,
    CHECK ((quote IS NULL) <> (x IS NULL))
) STRICT;

CREATE INDEX redactions_by_document ON redactions (document_id);
