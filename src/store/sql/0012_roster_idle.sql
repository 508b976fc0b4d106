-- The clients without a next step, as the agenda's first group reads them from the roster:
-- oldest "since" first, then by name (a partial index: only the rows of that kind).
CREATE INDEX roster_idle ON roster(due, sort_name, client_id) WHERE kind = 'idle';
