-- Schema 14: trigram indexes that look up a word of any length.
--
-- The list's index (`roster_search`) holds each folded name followed by two spaces, so
-- that every letter and every pair of letters of a name begins one of its trigrams: a word
-- of one or two letters that few names hold is looked up by the trigrams it begins
-- (`store::grams`) instead of walking the whole list.
--
-- The agenda's filter gets an index of its own, `agenda_search`: per client with items on
-- the agenda (rowid: the client id), the folded name and what each item says (lower case),
-- each followed by a line break, and two spaces at the end. It keeps no copy of the text,
-- nor positions: a row it finds is checked against `agenda_item`. The store keeps it with
-- the client's items (`store::agenda_kept`).
CREATE VIRTUAL TABLE agenda_search USING fts5(
    text,
    content = '', contentless_delete = 1, tokenize = 'trigram', detail = 'none'
);

-- A client deleted goes from the index even with foreign keys off (erasure turns them off).
CREATE TRIGGER agenda_search_client_del AFTER DELETE ON client BEGIN
    DELETE FROM agenda_search WHERE rowid = OLD.id;
END;

-- The agenda's order holds every column of a row, so that a page, and the filter's test of
-- each row it walks (what the item says, its instrument), are read from the index alone.
-- Its rows are computed again below: emptied now, the index is made on no rows.
DELETE FROM agenda_item;
DROP INDEX agenda_order;
CREATE INDEX agenda_order ON agenda_item(section, due, sort_name, client_id, kind, ref_id,
                                         folded, detail, instrument);

-- Both indexes are filled again with the roster's rows: the rule is forgotten, so the next
-- write computes every row (and fills them the new way). Until then (a file opened
-- read-only), short words walk the list and the agenda as before.
UPDATE roster_rule SET plan_within_days = NULL;
