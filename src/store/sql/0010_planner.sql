-- Schema 10: help for the query planner, found by timing the list's first page and the
-- overdue count at 100,000 clients.
--
-- The open check-ins: with `p.status = 'active'` the planner walked every active plan
-- (through its status index) and sorted all their contacts to find the earliest few
-- (58 ms for the first page); with the index on the plan's status not offered (`+`), it
-- walks the planned contacts in date order (`aftercare_contact_open`) and looks each plan
-- up by its key (0.5 ms). A client's own contacts are still found through the episode.
DROP VIEW open_contact;
CREATE VIEW open_contact AS
SELECT e.client_id AS client_id, c.planned_on AS due,
       CASE c.kind WHEN 'contract_end' THEN 'contract_end' ELSE 'check_in' END AS kind,
       c.id AS ref_id, c.kind AS detail
  FROM aftercare_contact c
  JOIN aftercare_plan p ON p.id = c.plan_id
  JOIN episode e ON e.id = p.episode_id
 WHERE c.status = 'planned' AND +p.status = 'active';

-- The intakes whose plan of action is still to agree, by date: the overdue plans are a
-- range of it (the overdue count walked every open benefit period instead).
CREATE INDEX intake_plan_open ON intake(intake_date) WHERE plan_agreed_on IS NULL;
