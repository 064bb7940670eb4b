-- Schema 15: the cast of characters' manual decisions. The cast is read from the case's
-- messages each time (the api's `people`); what a reviewer decides is kept here and wins
-- over the automatic grouping. `person_addresses` says which person an address belongs to
-- (a merge links every address of the people merged to one person; a split links an
-- address to itself alone); `people` holds people entered by hand (`person:N`) and a name,
-- role or organisation given to a person found in the mail. Every change is audited
-- (`person.merge`, `person.split`, `person.add`).
CREATE TABLE person_addresses (
    address TEXT PRIMARY KEY CHECK (length(address) > 0 AND address = lower(trim(address))),
    person  TEXT NOT NULL CHECK (length(trim(person)) > 0),
    set_at  TEXT NOT NULL
) STRICT;
CREATE TABLE people (
    id           TEXT PRIMARY KEY CHECK (length(trim(id)) > 0),
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role         TEXT,
    organisation TEXT,
    created_at   TEXT NOT NULL
) STRICT;
