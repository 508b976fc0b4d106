-- Every change the caseworker makes in the app, row by row, with the row before and after
-- (as JSON): what undo puts back, and the history of a client. One change set per save;
-- an undo is a change set of its own that names the set it undoes. Written by temporary
-- triggers of the app's own connection (see store/changes.rs), only inside a save.
CREATE TABLE change_set (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    undoes      INTEGER REFERENCES change_set(id),
    -- Why, when the caseworker said (a record voided as entered in error).
    reason      TEXT
);

CREATE TABLE change_row (
    id          INTEGER PRIMARY KEY,
    set_id      INTEGER NOT NULL REFERENCES change_set(id) ON DELETE CASCADE,
    tbl         TEXT NOT NULL,
    op          TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    before      TEXT CHECK (before IS NULL OR json_valid(before)),
    after       TEXT CHECK (after IS NULL OR json_valid(after)),
    client_id   INTEGER
);
CREATE INDEX change_row_set ON change_row(set_id, id);
CREATE INDEX change_row_client ON change_row(client_id, set_id);
