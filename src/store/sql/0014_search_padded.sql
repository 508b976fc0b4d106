-- Schema 14: the trigram index of the list's filter holds each folded name followed by two
-- spaces, so that every letter and every pair of letters of a name begins one of its
-- trigrams: a word of one or two letters that few names hold is looked up by the trigrams
-- it begins (`store::roster_grams`) instead of walking the whole list.
--
-- The index is filled again with the roster's rows: the rule is forgotten, so the next
-- write computes every row (and fills the index the new way). Until then (a file opened
-- read-only), short words walk the list as before.
UPDATE roster_rule SET plan_within_days = NULL;
