-- Schema 6: every chronology edit's audit row also records the whole state of the row it
-- changed (`state_of` names it, `state` holds its fields), inside the row's hash, so that
-- `verify` can replay the log and find any chronology row changed behind its back. The
-- migration then records the state of every existing chronology row (`chronology.baseline`,
-- written by the Rust side of this migration).
ALTER TABLE audit_log ADD COLUMN state_of TEXT;
ALTER TABLE audit_log ADD COLUMN state TEXT;
