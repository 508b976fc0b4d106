-- Schema 16: the search index holds a client's names only, not their number and BSN.
--
-- A client's number (`K000003`) and BSN were words of the index, each with the entries of
-- its first two and three characters (`prefix = '2 3'`): the entries `k0`, `k00`, and the
-- first digits of BSNs, held every client. They took more than half of the index's
-- entries for a client, and of the time to fill it. A search finds a client by number or
-- by the start of the BSN in the client table instead (`store::search`), by key.

-- What a row says (`search_text`, schema 15, reads it by this name and is kept as it is).
DROP VIEW search_source;
CREATE VIEW search_source AS
SELECT 0 AS kind, id, first_name || ' ' || prefix || ' ' || last_name AS who, NULL AS body
  FROM client
UNION ALL
SELECT 1, id, NULL, summary FROM note
UNION ALL
SELECT 2, id, NULL, text FROM agreement;

-- A BSN changed no longer changes what is indexed.
DROP TRIGGER search_client_update;
CREATE TRIGGER search_client_update
AFTER UPDATE OF id, first_name, prefix, last_name ON client BEGIN
    DELETE FROM search WHERE rowid = OLD.id * 4;
    INSERT INTO search (rowid, who, body)
    SELECT rid, who, body FROM search_text WHERE kind = 0 AND id = NEW.id;
END;

-- The whole index made again, so that nothing is left of the numbers it held; a kind of
-- row at a time (SQLite keeps what a statement wrote in memory until it ends).
INSERT INTO search (search) VALUES ('delete-all');
INSERT INTO search (rowid, who, body) SELECT rid, who, body FROM search_text WHERE kind = 0;
INSERT INTO search (rowid, who, body) SELECT rid, who, body FROM search_text WHERE kind = 1;
INSERT INTO search (rowid, who, body) SELECT rid, who, body FROM search_text WHERE kind = 2;
