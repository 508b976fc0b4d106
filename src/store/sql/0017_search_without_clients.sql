-- Schema 17: the search index holds contact notes and agreements only; a search finds a
-- client by name through the list's trigram index (`roster_search`), each word at the start
-- of a word of the name (`store::search`), and by number and BSN in the client table.
--
-- A client's name was indexed twice: as words here (each with the entries of its first two
-- and three letters) and as trigrams for the list's filter. Filling this index with them
-- was an eighth of the work of importing a million clients.

DROP TRIGGER search_client_insert;
DROP TRIGGER search_client_update;
DROP TRIGGER search_client_delete;

-- What a row says (`search_text`, schema 15, reads it by this name and is kept as it is).
DROP VIEW search_source;
CREATE VIEW search_source AS
SELECT 1 AS kind, id, NULL AS who, summary AS body FROM note
UNION ALL
SELECT 2, id, NULL, text FROM agreement;

-- The index made again without its clients, a kind of row at a time (SQLite keeps what a
-- statement wrote in memory until it ends).
INSERT INTO search (search) VALUES ('delete-all');
INSERT INTO search (rowid, who, body) SELECT rid, who, body FROM search_text WHERE kind = 1;
INSERT INTO search (rowid, who, body) SELECT rid, who, body FROM search_text WHERE kind = 2;
