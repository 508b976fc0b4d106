-- Schema 13: the agenda kept in a table, as the list is in `roster`, so that the agenda is
-- read a page at a time through an index instead of being computed from every table.
--
-- One row per open item of a client on the list: first the clients without a next step
-- (`section` 0, kind 'idle', dated the day of the last thing that happened: the roster's
-- row of that kind), then every open dated item (`section` 1: what `open_item` and the
-- plan of action due hold). Clients handed over to a colleague have none. `sort_name` is
-- the roster's (the list name in lower case), the agenda's tie-breaker after the date;
-- `folded` the list name as the filter matches it.
--
-- The rows of a client are computed again whenever the roster's row is: the roster's
-- triggers mark the client stale, and every write of the app computes the stale clients'
-- rows of both before it commits (see `store::roster`).
CREATE TABLE agenda_item (
    client_id  INTEGER NOT NULL REFERENCES client(id) ON DELETE CASCADE,
    section    INTEGER NOT NULL,
    due        TEXT NOT NULL,
    sort_name  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    ref_id     INTEGER NOT NULL,
    detail     TEXT NOT NULL,
    instrument TEXT,
    folded     TEXT NOT NULL
);
-- The agenda's order, holding what the filter tests of a row (its name), so that a page is
-- found by walking the index.
CREATE INDEX agenda_order ON agenda_item(section, due, sort_name, client_id, kind, ref_id,
                                         folded);
CREATE INDEX agenda_client ON agenda_item(client_id);

-- A client deleted goes from the agenda even with foreign keys off (erasure turns them off).
CREATE TRIGGER agenda_client_del AFTER DELETE ON client BEGIN
    DELETE FROM agenda_item WHERE client_id = OLD.id;
END;

-- The agenda's first group is read from `agenda_item` now.
DROP INDEX roster_idle;

-- Every row computed again (the agenda's with them) when the app next opens the file.
UPDATE roster_rule SET plan_within_days = NULL;
