-- Schema 9: the case's display name, as given to `dossier init --name` ("Smith v. Acme").
-- At most one row; without it the case is called by its folder's name. Each change of the
-- name is an audit row (`case.name`) whose detail carries the new name.
CREATE TABLE case_name (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    name   TEXT NOT NULL CHECK (length(trim(name)) > 0),
    set_at TEXT NOT NULL
) STRICT;
