-- Schema 4: the chronology. Events with fuzzy dates, their issues, actors and tags;
-- citations that carry a W3C TextQuoteSelector (exact, prefix, suffix), character offsets
-- and the SHA-256 of the document they were made against, so each can verify itself;
-- notes on spans of documents; exhibits with Bates ranges; and every event's earlier
-- states, so that undoing an edit is itself an edit.

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description TEXT,
    -- Canonical fuzzy date text (dossier-timeline reads and orders it).
    date        TEXT NOT NULL,
    -- The status asked for; an event without a citation shows as prospective.
    status      TEXT NOT NULL
                CHECK (status IN ('alleged', 'disputed', 'admitted', 'established', 'prospective')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE TABLE event_issues (
    event_id INTEGER NOT NULL REFERENCES events(id),
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (event_id, position)
) STRICT;

CREATE TABLE event_actors (
    event_id INTEGER NOT NULL REFERENCES events(id),
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (event_id, position)
) STRICT;

CREATE TABLE event_tags (
    event_id INTEGER NOT NULL REFERENCES events(id),
    tag_id   INTEGER NOT NULL REFERENCES tags(id),
    PRIMARY KEY (event_id, tag_id)
) STRICT;

CREATE TABLE citations (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events(id),
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    relation     TEXT NOT NULL CHECK (relation IN ('supports', 'contradicts', 'context')),
    -- Page from 1; NULL for a document without pages (offsets then count its whole text).
    page         INTEGER CHECK (page >= 1),
    -- The quote as given, and where it was found: the text exactly as the page has it,
    -- what comes before and after it, and character offsets into the page.
    quote        TEXT,
    exact        TEXT,
    prefix       TEXT,
    suffix       TEXT,
    start_offset INTEGER,
    end_offset   INTEGER,
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    created_at   TEXT NOT NULL,
    -- When the user withdrew it (kept, out of the chronology, reinstatable); NULL if active.
    withdrawn_at TEXT,
    CHECK ((quote IS NULL) = (exact IS NULL)),
    CHECK (end_offset >= start_offset)
) STRICT;
CREATE INDEX citations_event ON citations(event_id);
CREATE INDEX citations_document ON citations(document_id);

CREATE TABLE notes (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    page         INTEGER CHECK (page >= 1),
    quote        TEXT NOT NULL,
    exact        TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    suffix       TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL CHECK (end_offset >= start_offset),
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX notes_document ON notes(document_id);

CREATE TABLE exhibits (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL UNIQUE REFERENCES documents(id),
    prefix       TEXT NOT NULL,
    n            INTEGER NOT NULL CHECK (n >= 1),
    bates_prefix TEXT NOT NULL,
    bates_first  INTEGER NOT NULL CHECK (bates_first >= 1),
    bates_last   INTEGER NOT NULL,
    designation  TEXT,
    created_at   TEXT NOT NULL,
    UNIQUE (prefix, n),
    CHECK (bates_last >= bates_first)
) STRICT;

-- The state of an event before each change to it (lists joined with U+001F), so that an
-- edit can be undone by another edit. `undoes` names the revision an undo reverted; the
-- state before an `add` is the event deleted, so undoing an addition deletes it.
CREATE TABLE event_revisions (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events(id),
    action      TEXT NOT NULL CHECK (action IN ('add', 'edit', 'delete', 'undo')),
    title       TEXT NOT NULL,
    description TEXT,
    date        TEXT NOT NULL,
    status      TEXT NOT NULL,
    deleted     INTEGER NOT NULL,
    issues      TEXT NOT NULL,
    actors      TEXT NOT NULL,
    tags        TEXT NOT NULL,
    undoes      INTEGER REFERENCES event_revisions(id),
    at          TEXT NOT NULL
) STRICT;
CREATE INDEX event_revisions_event ON event_revisions(event_id);
