-- Schema 4: the exit premium at its edges.
--
-- Hours per week with decimals (15.5 hours is less than 16), kept exactly as whole
-- hundredths of an hour; the whole hours of schema 1 become hundredths.
ALTER TABLE exit_interview ADD COLUMN hours_per_week_hundredths INTEGER
    CHECK (hours_per_week_hundredths BETWEEN 0 AND 8000);
UPDATE exit_interview SET hours_per_week_hundredths = hours_per_week * 100
 WHERE hours_per_week IS NOT NULL;
ALTER TABLE exit_interview DROP COLUMN hours_per_week;

-- Facts asked at the exit interview for premium uplifts (NULL: not asked).
ALTER TABLE exit_interview ADD COLUMN job_agreement INTEGER
    CHECK (job_agreement IN (0, 1));
ALTER TABLE exit_interview ADD COLUMN sanction_24_months INTEGER
    CHECK (sanction_24_months IN (0, 1));

-- An instalment whose condition checked when paying was not met is forfeited, on a day
-- and with a reason: an instalment is paid, cancelled or forfeited, never two.
ALTER TABLE premium_instalment ADD COLUMN forfeited_on TEXT
    CHECK (date(forfeited_on) IS forfeited_on AND
           (forfeited_on IS NULL OR (paid_on IS NULL AND cancelled_on IS NULL)));
ALTER TABLE premium_instalment ADD COLUMN forfeit_reason TEXT NOT NULL DEFAULT ''
    CHECK ((forfeited_on IS NULL) = (trim(forfeit_reason) = ''));
-- The uplift of its scheme an instalment pays (NULL: the scheme's own instalment).
ALTER TABLE premium_instalment ADD COLUMN uplift TEXT CHECK (length(uplift) > 0);

DROP INDEX premium_open;
CREATE INDEX premium_open ON premium_instalment(due_on, episode_id)
    WHERE paid_on IS NULL AND cancelled_on IS NULL AND forfeited_on IS NULL;

DROP VIEW open_item;
DROP VIEW open_premium;

CREATE VIEW open_premium AS
SELECT e.client_id AS client_id, i.due_on AS due, 'premium' AS kind, i.id AS ref_id,
       CAST(i.seq AS TEXT) AS detail
  FROM premium_instalment i JOIN episode e ON e.id = i.episode_id
 WHERE i.paid_on IS NULL AND i.cancelled_on IS NULL AND i.forfeited_on IS NULL;

CREATE VIEW open_item AS
SELECT * FROM open_agreement
UNION ALL SELECT * FROM open_review
UNION ALL SELECT * FROM open_trajectory_end
UNION ALL SELECT * FROM open_contact
UNION ALL SELECT * FROM open_premium;
