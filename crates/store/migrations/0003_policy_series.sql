-- Schema 3: policy series, the dated captures of one web page.
-- A capture points at the document holding its original. A capture identical to an earlier
-- one points at the same document (documents.sha256 is unique), so its text is never stored
-- twice; it is an observation that narrows the window in which the page changed.

CREATE TABLE policy_series (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    url        TEXT,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE policy_captures (
    id          INTEGER PRIMARY KEY,
    series_id   INTEGER NOT NULL REFERENCES policy_series(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    -- When the capture was taken (ISO 8601, any precision), and its order among captures
    -- of the same date (`2023-01-19_1.md`, `2023-01-19_2.md`).
    captured_at TEXT NOT NULL,
    ordinal     INTEGER NOT NULL DEFAULT 0,
    url         TEXT,
    source_path TEXT,
    recorded_at TEXT NOT NULL,
    UNIQUE (series_id, captured_at, ordinal, document_id)
) STRICT;
CREATE INDEX policy_captures_series ON policy_captures(series_id, captured_at, ordinal);
CREATE INDEX policy_captures_document ON policy_captures(document_id);
