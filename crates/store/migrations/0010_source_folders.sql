-- Schema 10: the folder each source was found in, as a path within what was ingested
-- ("maildir/lay-k/inbox" for a file under the folder `maildir` given to `ingest`; for a
-- message of a mailbox file, the mailbox's own path, as a mail client shows it as a folder).
-- NULL for sources recorded before this schema and for a file named by itself. A mailbox's
-- folders are browsed from these (`dossier folders`, `docs --folder`).
ALTER TABLE sources ADD COLUMN folder TEXT;
CREATE INDEX sources_folder ON sources(folder, document_id) WHERE folder IS NOT NULL;
