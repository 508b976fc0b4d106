-- Schema 8: handing clients over to a colleague, and receiving them.
--
-- `out`: the client was handed over to `person` in a sealed bundle with this receipt
-- code; they leave the list and the agenda (see `handed_over`) and stay on record. The
-- giver confirms the colleague's import with the receipt (`confirmed_on`); until then the
-- handover can be undone (the row goes). `in`: the client was received from `person`.
CREATE TABLE handover (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES client(id) ON DELETE CASCADE,
    direction    TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    person       TEXT NOT NULL CHECK (length(trim(person)) > 0),
    on_date      TEXT NOT NULL CHECK (date(on_date) IS on_date),
    receipt      TEXT NOT NULL CHECK (length(receipt) > 0),
    confirmed_on TEXT CHECK (confirmed_on IS NULL OR
                              (date(confirmed_on) IS confirmed_on AND direction = 'out')),
    created_at   TEXT NOT NULL
);
CREATE INDEX handover_client ON handover(client_id, id);
CREATE INDEX handover_receipt ON handover(receipt);

-- The clients whose latest handover gave them to a colleague.
CREATE VIEW handed_over AS
SELECT h.client_id AS client_id, h.person AS person, h.on_date AS on_date
  FROM handover h
 WHERE h.direction = 'out'
   AND h.id = (SELECT max(l.id) FROM handover l WHERE l.client_id = h.client_id);

-- A client who moves to another municipality: whether they consent, asked at the exit
-- interview, to what the law lets travel going to the new municipality (NULL: not asked).
ALTER TABLE exit_interview ADD COLUMN move_consent INTEGER CHECK (move_consent IN (0, 1));
