-- Schema 13: RFC 3161 trusted timestamps of originals. A row is made when Dossier writes a
-- time-stamp request over a document's original (its SHA-256 and the nonce the answer must
-- carry); importing the authority's answer fills in the token (the CMS TimeStampToken, DER,
-- exactly as sent) and what it states, read from the verified token: when the authority saw
-- the hash, its name, the token's serial and policy. `verify` re-checks every token against
-- the original and these columns. Audited with its state like a saved search.
CREATE TABLE timestamps (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    nonce        TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    token        BLOB,
    imported_at  TEXT,
    gen_time     TEXT,
    tsa          TEXT,
    serial       TEXT,
    policy       TEXT,
    CHECK ((token IS NULL) = (imported_at IS NULL))
) STRICT;
CREATE INDEX timestamps_document ON timestamps(document_id);
