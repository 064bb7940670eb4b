-- Schema 12: a person's corrected text for an OCR page, and the case's own settings.
--
-- A correction is kept beside the machine OCR, never over it: `ocr_pages` keeps the words
-- and boxes the engine read, `machine_text` the page text the extraction made from them, and
-- `pages.text` (what search and citations read) holds the corrected `text` while the
-- correction stands. Undo puts back the correction before (or the machine text); a re-OCR
-- writes a new `machine_text` and keeps the person's text as the page's text. Audited with
-- its state (`ocr_text:DOC`) so `verify` names a correction changed behind the log.
CREATE TABLE ocr_corrections (
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    n            INTEGER NOT NULL CHECK (n >= 1),
    text         TEXT NOT NULL,
    machine_text TEXT NOT NULL,
    actor        TEXT NOT NULL,
    at           TEXT NOT NULL,
    PRIMARY KEY (document_id, n)
) STRICT;

-- Case-wide settings, one row per key: `ocr_lang`, the Tesseract languages ingest and
-- `dossier ocr` use when none are given. Each change is an audit row (`case.setting`).
CREATE TABLE case_settings (
    key    TEXT PRIMARY KEY NOT NULL CHECK (length(key) > 0),
    value  TEXT NOT NULL,
    set_at TEXT NOT NULL
) STRICT;
