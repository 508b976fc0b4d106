-- Schema 3.
--
-- An exit-premium instalment still unpaid when the client comes back on benefit is
-- cancelled with the re-entry (the premium rewards leaving benefit): it stays on record
-- with the day it was cancelled, and is no longer due.
ALTER TABLE premium_instalment ADD COLUMN cancelled_on TEXT
    CHECK (date(cancelled_on) IS cancelled_on AND (cancelled_on IS NULL OR paid_on IS NULL));

DROP INDEX premium_open;
CREATE INDEX premium_open ON premium_instalment(due_on, episode_id)
    WHERE paid_on IS NULL AND cancelled_on IS NULL;

DROP VIEW open_item;
DROP VIEW open_premium;

CREATE VIEW open_premium AS
SELECT e.client_id AS client_id, i.due_on AS due, 'premium' AS kind, i.id AS ref_id,
       CAST(i.seq AS TEXT) AS detail
  FROM premium_instalment i JOIN episode e ON e.id = i.episode_id
 WHERE i.paid_on IS NULL AND i.cancelled_on IS NULL;

CREATE VIEW open_item AS
SELECT * FROM open_agreement
UNION ALL SELECT * FROM open_review
UNION ALL SELECT * FROM open_trajectory_end
UNION ALL SELECT * FROM open_contact
UNION ALL SELECT * FROM open_premium;

-- When a record was last saved (a check-in held, an instalment paid): the timeline orders
-- the entries of one day by it.
CREATE INDEX audit_log_record ON audit_log(entity, entity_id);
