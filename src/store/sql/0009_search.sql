-- Schema 9: search over everything (Ctrl-F): a client by number, BSN or name, a contact
-- note or an agreement by a word in it.
--
-- `search` is an FTS5 index that keeps no copy of the text (contentless, with delete):
-- the row id says what a row stands for, `id * 4 + 0` a client (`who`: number, BSN and
-- names), `id * 4 + 1` a note and `id * 4 + 2` an agreement (`body`: its text). The
-- tokenizer ignores case and accents ("celik" finds "Çelik"); the letters it cannot take
-- apart (ı, ø, ł, đ) are indexed a second time as their base letter, so "yil" finds
-- "Yılmaz". The triggers below keep it in step with every write, in the same transaction,
-- whichever program writes.
CREATE VIRTUAL TABLE search USING fts5(
    who, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- What each indexed row says, before the second spelling.
CREATE VIEW search_source AS
SELECT 0 AS kind, id,
       printf('K%06d', id) || ' ' || bsn || ' ' || first_name || ' ' || prefix || ' ' ||
       last_name AS who,
       NULL AS body
  FROM client
UNION ALL
SELECT 1, id, NULL, summary FROM note
UNION ALL
SELECT 2, id, NULL, text FROM agreement;

-- What is indexed: the text, and the letters without a decomposition as their base letter.
CREATE VIEW search_text AS
SELECT id * 4 + kind AS rid, kind, id,
       who || CASE WHEN who GLOB '*[ıİøØłŁđĐ]*' THEN ' ' ||
           replace(replace(replace(replace(replace(replace(replace(replace(
               who, 'ı', 'i'), 'İ', 'i'), 'ø', 'o'), 'Ø', 'o'), 'ł', 'l'), 'Ł', 'l'),
               'đ', 'd'), 'Đ', 'd')
           ELSE '' END AS who,
       body || CASE WHEN body GLOB '*[ıİøØłŁđĐ]*' THEN ' ' ||
           replace(replace(replace(replace(replace(replace(replace(replace(
               body, 'ı', 'i'), 'İ', 'i'), 'ø', 'o'), 'Ø', 'o'), 'ł', 'l'), 'Ł', 'l'),
               'đ', 'd'), 'Đ', 'd')
           ELSE '' END AS body
  FROM search_source;

INSERT INTO search (rowid, who, body) SELECT rid, who, body FROM search_text;

CREATE TRIGGER search_client_insert AFTER INSERT ON client BEGIN
    INSERT INTO search (rowid, who, body)
    SELECT rid, who, body FROM search_text WHERE kind = 0 AND id = NEW.id;
END;
CREATE TRIGGER search_client_update
AFTER UPDATE OF id, bsn, first_name, prefix, last_name ON client BEGIN
    DELETE FROM search WHERE rowid = OLD.id * 4;
    INSERT INTO search (rowid, who, body)
    SELECT rid, who, body FROM search_text WHERE kind = 0 AND id = NEW.id;
END;
CREATE TRIGGER search_client_delete AFTER DELETE ON client BEGIN
    DELETE FROM search WHERE rowid = OLD.id * 4;
END;

CREATE TRIGGER search_note_insert AFTER INSERT ON note BEGIN
    INSERT INTO search (rowid, who, body)
    SELECT rid, who, body FROM search_text WHERE kind = 1 AND id = NEW.id;
END;
CREATE TRIGGER search_note_update AFTER UPDATE OF id, summary ON note BEGIN
    DELETE FROM search WHERE rowid = OLD.id * 4 + 1;
    INSERT INTO search (rowid, who, body)
    SELECT rid, who, body FROM search_text WHERE kind = 1 AND id = NEW.id;
END;
CREATE TRIGGER search_note_delete AFTER DELETE ON note BEGIN
    DELETE FROM search WHERE rowid = OLD.id * 4 + 1;
END;

CREATE TRIGGER search_agreement_insert AFTER INSERT ON agreement BEGIN
    INSERT INTO search (rowid, who, body)
    SELECT rid, who, body FROM search_text WHERE kind = 2 AND id = NEW.id;
END;
CREATE TRIGGER search_agreement_update AFTER UPDATE OF id, text ON agreement BEGIN
    DELETE FROM search WHERE rowid = OLD.id * 4 + 2;
    INSERT INTO search (rowid, who, body)
    SELECT rid, who, body FROM search_text WHERE kind = 2 AND id = NEW.id;
END;
CREATE TRIGGER search_agreement_delete AFTER DELETE ON agreement BEGIN
    DELETE FROM search WHERE rowid = OLD.id * 4 + 2;
END;
