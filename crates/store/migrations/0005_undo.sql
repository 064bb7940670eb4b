-- Schema 5: undo and redo across the chronology, and the removals that undo needs.
--
-- An *edit* is one user action on the chronology (adding an event, citing, tagging, a note,
-- an exhibit, an import): the rows it changed are its *steps*, each with an exact inverse.
-- Undoing an edit applies the inverses of its steps as a new edit of kind `undo`; redoing
-- an undo applies the inverses of the undo's steps as a new edit of kind `redo`. Nothing is
-- ever deleted: every step also has its own row in the audit log (`audit_seq`). Ingest,
-- policy captures and migrations are not edits and are never undone.
CREATE TABLE edits (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL CHECK (kind IN ('edit', 'undo', 'redo')),
    -- The edit an undo reverted, or the undo a redo reverted.
    reverts INTEGER REFERENCES edits(id),
    at      TEXT NOT NULL,
    CHECK ((kind = 'edit') = (reverts IS NULL))
) STRICT;

CREATE TABLE edit_steps (
    edit_id   INTEGER NOT NULL REFERENCES edits(id),
    position  INTEGER NOT NULL,
    -- What was done: event.state (detail: the revision holding the state before it),
    -- citation.add|withdraw|reinstate, document.tag|untag (detail: the tags, joined with
    -- U+001F), note.add|delete|restore, exhibit.add|withdraw|reinstate.
    action    TEXT NOT NULL,
    -- The id of the event, citation, document, note or exhibit concerned.
    subject   INTEGER NOT NULL,
    detail    TEXT NOT NULL,
    -- The audit row that recorded the step.
    audit_seq INTEGER NOT NULL,
    PRIMARY KEY (edit_id, position)
) STRICT;

-- A deleted note is kept (hidden from `notes`, restorable by undo).
ALTER TABLE notes ADD COLUMN deleted_at TEXT;

-- A withdrawn exhibit keeps its number and Bates range for good (numbering continues after
-- it), and its document may become an exhibit again under a new number: the table is
-- rebuilt so that only one *standing* exhibit per document is unique.
CREATE TABLE exhibits_v5 (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    prefix       TEXT NOT NULL,
    n            INTEGER NOT NULL CHECK (n >= 1),
    bates_prefix TEXT NOT NULL,
    bates_first  INTEGER NOT NULL CHECK (bates_first >= 1),
    bates_last   INTEGER NOT NULL,
    designation  TEXT,
    created_at   TEXT NOT NULL,
    withdrawn_at TEXT,
    UNIQUE (prefix, n),
    CHECK (bates_last >= bates_first)
) STRICT;
INSERT INTO exhibits_v5 (id, document_id, prefix, n, bates_prefix, bates_first, bates_last,
                         designation, created_at)
    SELECT id, document_id, prefix, n, bates_prefix, bates_first, bates_last, designation,
           created_at
    FROM exhibits;
DROP TABLE exhibits;
ALTER TABLE exhibits_v5 RENAME TO exhibits;
CREATE UNIQUE INDEX exhibits_standing_document ON exhibits(document_id)
    WHERE withdrawn_at IS NULL;
