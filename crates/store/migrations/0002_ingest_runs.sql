-- Schema 2: a record of every ingest run and the outcome of each item in it,
-- so that files that could not become documents (missing, unreadable, not UTF-8 named)
-- are still listed with their reason after the command has ended.

CREATE TABLE ingest_runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    actor       TEXT NOT NULL,
    custodian   TEXT
) STRICT;

CREATE TABLE ingest_items (
    run_id      INTEGER NOT NULL REFERENCES ingest_runs(id),
    path        TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('added', 'duplicate', 'failed', 'skipped')),
    document_id INTEGER REFERENCES documents(id),
    detail      TEXT
) STRICT;
CREATE INDEX ingest_items_run ON ingest_items(run_id);
