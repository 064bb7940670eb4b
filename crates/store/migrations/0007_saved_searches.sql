-- Schema 7: saved searches. A saved search is a name and a search request (the api's
-- `search` arguments as JSON: the query and its filters), kept in the case so a reviewer can
-- run it again, and restrict another search to its results or keep them out. Saving under a
-- name already in use replaces that search's request; deleting one marks it deleted (the row
-- stays, so the audit log's states still name a row), and the name is free again.
CREATE TABLE saved_searches (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    request    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX saved_searches_name ON saved_searches(name) WHERE deleted_at IS NULL;
