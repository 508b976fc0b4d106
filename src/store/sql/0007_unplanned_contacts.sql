-- Schema 7: aftercare that follows events and people.
--
-- A contact outside the schedule (the client called, the employer called, a workplace
-- visit, a job-coach contact, a three-way talk), recorded when it happened: an `extra`
-- contact with its occasion and who held it (NULL on the contacts the app plans).
ALTER TABLE aftercare_contact ADD COLUMN occasion TEXT
    CHECK (occasion IS NULL OR
           (occasion IN ('client_called', 'employer_called', 'workplace_visit', 'job_coach',
                         'three_way') AND kind = 'extra' AND status = 'done'));
ALTER TABLE aftercare_contact ADD COLUMN held_by TEXT
    CHECK (held_by IS NULL OR
           (held_by IN ('caseworker', 'work_coach', 'job_coach', 'provider') AND
            occasion IS NOT NULL));
CREATE INDEX aftercare_contact_occasion ON aftercare_contact(done_on, occasion)
    WHERE occasion IS NOT NULL;

-- The employer's contact person, recorded at the exit interview only when the client
-- agrees that the caseworker contacts the employer (NULL: not asked).
ALTER TABLE exit_interview ADD COLUMN employer_contact_consent INTEGER
    CHECK (employer_contact_consent IN (0, 1));
ALTER TABLE exit_interview ADD COLUMN employer_contact_name TEXT NOT NULL DEFAULT ''
    CHECK (coalesce(employer_contact_consent, 0) = 1 OR employer_contact_name = '');
ALTER TABLE exit_interview ADD COLUMN employer_contact_phone TEXT NOT NULL DEFAULT ''
    CHECK (coalesce(employer_contact_consent, 0) = 1 OR employer_contact_phone = '');
