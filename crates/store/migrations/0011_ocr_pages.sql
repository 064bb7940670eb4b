-- Schema 10: what OCR read on each page of a scan or image, beside the page's text.
-- Derived, rebuildable data that records its maker (engine, its version, the languages
-- asked for), so `dossier ocr` can redo it; the original is never touched. Word boxes are
-- in pixels of the image OCRed (`image_width` x `image_height`); for a PDF page rendered
-- at `dpi`, page coordinates in points are pixels x 72 / dpi. `words` holds one word a
-- line: left, top, width, height, confidence (0-100) and the word, tab-separated.
CREATE TABLE ocr_pages (
    document_id     INTEGER NOT NULL REFERENCES documents(id),
    n               INTEGER NOT NULL CHECK (n >= 1),
    engine          TEXT NOT NULL,
    engine_version  TEXT NOT NULL,
    languages       TEXT NOT NULL,
    image_width     INTEGER NOT NULL CHECK (image_width >= 0),
    image_height    INTEGER NOT NULL CHECK (image_height >= 0),
    dpi             INTEGER NOT NULL CHECK (dpi >= 0),
    mean_confidence INTEGER NOT NULL CHECK (mean_confidence BETWEEN 0 AND 100),
    words           TEXT NOT NULL,
    PRIMARY KEY (document_id, n)
) STRICT;
