-- Schema v1: the whole journey of domain.md. Append-only: later changes go in new files.
-- Dates are ISO text (YYYY-MM-DD) checked with date(x) IS x (which also refuses 31-02);
-- timestamps are ISO text with seconds; money is in euro cents.
-- Code lists are checked with OR chains, not IN lists: SQLite builds a temporary
-- table for an IN list of three or more on every insert, which halved bulk loading speed.

CREATE TABLE client (
    id          INTEGER PRIMARY KEY,
    bsn         TEXT NOT NULL UNIQUE
                CHECK (length(bsn) = 9 AND bsn NOT GLOB '*[^0-9]*' AND bsn <> '000000000'),
    first_name  TEXT NOT NULL CHECK (length(trim(first_name)) > 0),
    prefix      TEXT NOT NULL DEFAULT '',
    last_name   TEXT NOT NULL CHECK (length(trim(last_name)) > 0),
    birth_date  TEXT CHECK (date(birth_date) IS birth_date),
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    sort_name   TEXT GENERATED ALWAYS AS (lower(last_name) || ' ' || lower(first_name)) VIRTUAL
);
CREATE INDEX client_sort_name ON client(sort_name);

-- One benefit period. The exit date and reason live here (they define the period);
-- the rest of the exit interview lives in exit_interview.
CREATE TABLE episode (
    id                  INTEGER PRIMARY KEY,
    client_id           INTEGER NOT NULL REFERENCES client(id) ON DELETE CASCADE,
    benefit_start       TEXT NOT NULL CHECK (date(benefit_start) IS benefit_start),
    benefit_type        TEXT NOT NULL DEFAULT 'participatiewet'
                        CHECK (benefit_type = 'participatiewet' OR benefit_type = 'ioaw' OR
                               benefit_type = 'ioaz' OR benefit_type = 'bbz'),
    exit_date           TEXT CHECK (date(exit_date) IS exit_date AND exit_date >= benefit_start),
    last_payment_date   TEXT CHECK (date(last_payment_date) IS last_payment_date),
    exit_reason         TEXT CHECK (exit_reason = 'work.employment' OR
                                    exit_reason = 'work.wage_subsidy' OR
                                    exit_reason = 'work.sheltered' OR
                                    exit_reason = 'work.self_employed' OR
                                    exit_reason = 'work.partner_income' OR exit_reason = 'study' OR
                                    exit_reason = 'other.moved' OR exit_reason = 'other.detention' OR
                                    exit_reason = 'other.enforcement' OR
                                    exit_reason = 'other.no_information' OR
                                    exit_reason = 'other.other_benefit' OR
                                    exit_reason = 'other.unknown' OR
                                    exit_reason = 'excluded.death' OR
                                    exit_reason = 'excluded.state_pension' OR
                                    exit_reason = 'excluded.partner_stays' OR
                                    exit_reason = 'excluded.restarted'),
    previous_episode_id INTEGER REFERENCES episode(id),
    created_at          TEXT NOT NULL,
    CHECK ((exit_date IS NULL) = (exit_reason IS NULL)),
    CHECK (last_payment_date IS NULL OR exit_date IS NOT NULL)
);
CREATE INDEX episode_client ON episode(client_id, benefit_start);
CREATE UNIQUE INDEX episode_one_open ON episode(client_id) WHERE exit_date IS NULL;
CREATE INDEX episode_exit ON episode(exit_date) WHERE exit_date IS NOT NULL;
CREATE INDEX episode_previous ON episode(previous_episode_id) WHERE previous_episode_id IS NOT NULL;

CREATE TABLE intake (
    episode_id          INTEGER PRIMARY KEY REFERENCES episode(id) ON DELETE CASCADE,
    intake_date         TEXT NOT NULL CHECK (date(intake_date) IS intake_date),
    household           TEXT CHECK (household = 'single' OR household = 'single_with_children' OR
                                    household = 'couple_with_children' OR
                                    household = 'couple_without_children'),
    youngest_child_age  INTEGER CHECK (youngest_child_age BETWEEN 0 AND 25),
    statushouder        INTEGER NOT NULL DEFAULT 0 CHECK (statushouder IN (0, 1)),
    language_level      TEXT CHECK (language_level = 'native' OR language_level = 'below_a1' OR
                                    language_level = 'a1' OR language_level = 'a2' OR
                                    language_level = 'b1' OR language_level = 'b2' OR
                                    language_level = 'c1'),
    education           TEXT CHECK (education = 'none' OR education = 'primary' OR
                                    education = 'vmbo' OR education = 'mbo_entry' OR
                                    education = 'mbo' OR education = 'havo_vwo' OR
                                    education = 'hbo' OR education = 'wo' OR
                                    education = 'foreign'),
    work_experience     TEXT NOT NULL DEFAULT '',
    distance            TEXT CHECK (distance IN ('short', 'long')),
    motivation          TEXT NOT NULL DEFAULT '',
    why_not_working     TEXT NOT NULL DEFAULT '',
    strengths           TEXT NOT NULL DEFAULT '',
    pitfalls            TEXT NOT NULL DEFAULT '',
    plan_agreed_on      TEXT CHECK (date(plan_agreed_on) IS plan_agreed_on)
);

CREATE TABLE barrier (
    episode_id  INTEGER NOT NULL REFERENCES intake(episode_id) ON DELETE CASCADE,
    code        TEXT NOT NULL CHECK (code = 'language' OR code = 'digital_skills' OR
                                     code = 'debts' OR code = 'physical_health' OR
                                     code = 'mental_health' OR code = 'addiction' OR
                                     code = 'childcare' OR code = 'housing' OR code = 'transport' OR
                                     code = 'low_self_confidence' OR code = 'isolation' OR
                                     code = 'family_care' OR code = 'criminal_record' OR
                                     code = 'other'),
    PRIMARY KEY (episode_id, code)
) WITHOUT ROWID;

-- A dated assessment: the ladder rung and/or life-domain scores (history is kept).
CREATE TABLE assessment (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
    assessed_on TEXT NOT NULL CHECK (date(assessed_on) IS assessed_on),
    kind        TEXT NOT NULL CHECK (kind = 'intake' OR kind = 'reassessment' OR kind = 'review'),
    rung        INTEGER CHECK (rung BETWEEN 1 AND 6),
    created_at  TEXT NOT NULL
);
CREATE INDEX assessment_episode ON assessment(episode_id, assessed_on, id);

CREATE TABLE domain_score (
    assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    domain        TEXT NOT NULL CHECK (domain = 'finances' OR domain = 'work_education' OR
                                       domain = 'daytime_activities' OR domain = 'housing' OR
                                       domain = 'domestic_relations' OR domain = 'mental_health' OR
                                       domain = 'physical_health' OR domain = 'substance_use' OR
                                       domain = 'basic_daily_living' OR
                                       domain = 'instrumental_daily_living' OR
                                       domain = 'social_network' OR
                                       domain = 'community_participation' OR domain = 'justice'),
    score         INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    PRIMARY KEY (assessment_id, domain)
) WITHOUT ROWID;

CREATE TABLE goal (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
    term        TEXT NOT NULL CHECK (term IN ('short', 'long')),
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
    target_date TEXT CHECK (date(target_date) IS target_date),
    done_on     TEXT CHECK (date(done_on) IS done_on),
    created_at  TEXT NOT NULL
);
CREATE INDEX goal_episode ON goal(episode_id, id);

CREATE TABLE note (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
    noted_on    TEXT NOT NULL CHECK (date(noted_on) IS noted_on),
    channel     TEXT NOT NULL CHECK (channel = 'in_person' OR channel = 'phone' OR
                                     channel = 'email' OR channel = 'home_visit' OR
                                     channel = 'video' OR channel = 'letter'),
    summary     TEXT NOT NULL,
    template    TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX note_episode ON note(episode_id, noted_on, id);

CREATE TABLE agreement (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
    note_id     INTEGER REFERENCES note(id) ON DELETE SET NULL,
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
    who         TEXT NOT NULL DEFAULT 'client'
                CHECK (who = 'client' OR who = 'caseworker' OR who = 'both' OR who = 'other'),
    follow_up   TEXT CHECK (date(follow_up) IS follow_up),
    done_on     TEXT CHECK (date(done_on) IS done_on),
    created_at  TEXT NOT NULL
);
CREATE INDEX agreement_episode ON agreement(episode_id, id);
CREATE INDEX agreement_open ON agreement(follow_up, episode_id)
    WHERE done_on IS NULL AND follow_up IS NOT NULL;

CREATE TABLE trajectory (
    id                      INTEGER PRIMARY KEY,
    episode_id              INTEGER NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
    instrument              TEXT NOT NULL CHECK (length(instrument) > 0),
    -- the instrument's name when assigned, so a record stays readable when a
    -- municipality's catalogue drops the instrument
    instrument_name         TEXT NOT NULL,
    provider                TEXT NOT NULL DEFAULT '',
    status                  TEXT NOT NULL
                            CHECK (status = 'referred' OR status = 'started' OR
                                   status = 'completed' OR status = 'stopped'),
    referred_on             TEXT NOT NULL CHECK (date(referred_on) IS referred_on),
    start_date              TEXT CHECK (date(start_date) IS start_date),
    planned_end             TEXT CHECK (date(planned_end) IS planned_end),
    ended_on                TEXT CHECK (date(ended_on) IS ended_on),
    goal                    TEXT NOT NULL DEFAULT '',
    cost_cents              INTEGER CHECK (cost_cents >= 0),
    funding                 TEXT NOT NULL DEFAULT '',
    review_interval_months  INTEGER NOT NULL DEFAULT 3 CHECK (review_interval_months BETWEEN 1 AND 24),
    next_review             TEXT CHECK (date(next_review) IS next_review),
    result                  TEXT CHECK (result = 'work' OR result = 'next_trajectory' OR
                                        result = 'education' OR result = 'participation' OR
                                        result = 'no_result'),
    stop_reason             TEXT,
    created_at              TEXT NOT NULL,
    CHECK (status <> 'completed' OR result IS NOT NULL),
    CHECK (status <> 'stopped' OR length(trim(coalesce(stop_reason, ''))) > 0),
    CHECK ((status IN ('completed', 'stopped')) = (ended_on IS NOT NULL)),
    CHECK (planned_end IS NULL OR start_date IS NULL OR planned_end >= start_date)
);
CREATE INDEX trajectory_episode ON trajectory(episode_id, referred_on, id);
CREATE INDEX trajectory_review ON trajectory(next_review, episode_id)
    WHERE status IN ('referred', 'started') AND next_review IS NOT NULL;
CREATE INDEX trajectory_end ON trajectory(planned_end, episode_id)
    WHERE status IN ('referred', 'started') AND planned_end IS NOT NULL;
CREATE INDEX trajectory_instrument ON trajectory(instrument, status);
CREATE INDEX trajectory_provider ON trajectory(provider);

-- Every status change of a trajectory, for the timeline and the reports.
CREATE TABLE trajectory_event (
    id              INTEGER PRIMARY KEY,
    trajectory_id   INTEGER NOT NULL REFERENCES trajectory(id) ON DELETE CASCADE,
    on_date         TEXT NOT NULL CHECK (date(on_date) IS on_date),
    status          TEXT NOT NULL
                    CHECK (status = 'referred' OR status = 'started' OR status = 'completed' OR
                           status = 'stopped'),
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE INDEX trajectory_event_trajectory ON trajectory_event(trajectory_id, on_date, id);

CREATE TABLE review (
    id              INTEGER PRIMARY KEY,
    trajectory_id   INTEGER NOT NULL REFERENCES trajectory(id) ON DELETE CASCADE,
    reviewed_on     TEXT NOT NULL CHECK (date(reviewed_on) IS reviewed_on),
    progress        TEXT NOT NULL DEFAULT '',
    assessment_id   INTEGER REFERENCES assessment(id) ON DELETE SET NULL,
    next_review     TEXT CHECK (date(next_review) IS next_review),
    created_at      TEXT NOT NULL
);
CREATE INDEX review_trajectory ON review(trajectory_id, reviewed_on, id);

CREATE TABLE exit_interview (
    episode_id          INTEGER PRIMARY KEY REFERENCES episode(id) ON DELETE CASCADE,
    held_on             TEXT NOT NULL CHECK (date(held_on) IS held_on),
    employer            TEXT NOT NULL DEFAULT '',
    job_title           TEXT NOT NULL DEFAULT '',
    contract_type       TEXT CHECK (contract_type = 'permanent' OR contract_type = 'temporary' OR
                                    contract_type = 'agency' OR contract_type = 'on_call' OR
                                    contract_type = 'self_employed'),
    contract_end        TEXT CHECK (date(contract_end) IS contract_end),
    hours_per_week      INTEGER CHECK (hours_per_week BETWEEN 0 AND 80),
    independence        TEXT CHECK (independence IN ('full', 'partial')),
    found_via           TEXT CHECK (found_via IN ('trajectory', 'own_effort')),
    found_via_trajectory_id INTEGER REFERENCES trajectory(id) ON DELETE SET NULL,
    first_work_day      TEXT CHECK (date(first_work_day) IS first_work_day),
    study_end           TEXT CHECK (date(study_end) IS study_end),
    aftercare_offer     TEXT NOT NULL DEFAULT 'declined'
                        CHECK (aftercare_offer = 'active' OR aftercare_offer = 'passive' OR
                               aftercare_offer = 'declined'),
    aftercare_consent   INTEGER NOT NULL DEFAULT 0 CHECK (aftercare_consent IN (0, 1)),
    premium_scheme      TEXT,
    premium_granted     INTEGER NOT NULL DEFAULT 0 CHECK (premium_granted IN (0, 1)),
    created_at          TEXT NOT NULL,
    CHECK (contract_type NOT IN ('temporary', 'agency', 'on_call') OR contract_end IS NOT NULL),
    CHECK (found_via_trajectory_id IS NULL OR found_via = 'trajectory')
);

CREATE TABLE exit_checklist (
    episode_id  INTEGER NOT NULL REFERENCES exit_interview(episode_id) ON DELETE CASCADE,
    item        TEXT NOT NULL CHECK (length(item) > 0),
    discussed   INTEGER NOT NULL CHECK (discussed IN (0, 1)),
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (episode_id, item)
);

CREATE TABLE aftercare_plan (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL UNIQUE REFERENCES exit_interview(episode_id) ON DELETE CASCADE,
    mode        TEXT NOT NULL CHECK (mode = 'active' OR mode = 'passive' OR mode = 'declined'),
    consent     INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
    starts_on   TEXT NOT NULL CHECK (date(starts_on) IS starts_on),
    ends_on     TEXT NOT NULL CHECK (date(ends_on) IS ends_on AND ends_on >= starts_on),
    status      TEXT NOT NULL DEFAULT 'active'
                CHECK (status = 'active' OR status = 'completed' OR status = 'ended'),
    end_reason  TEXT CHECK (end_reason = 'client_wish' OR end_reason = 'reentry' OR
                            end_reason = 'moved' OR end_reason = 'other'),
    ended_on    TEXT CHECK (date(ended_on) IS ended_on),
    extended    INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1)),
    flagged     INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
    created_at  TEXT NOT NULL,
    CHECK ((status = 'ended') = (end_reason IS NOT NULL)),
    CHECK ((status = 'active') = (ended_on IS NULL))
);
CREATE INDEX aftercare_plan_status ON aftercare_plan(status);

CREATE TABLE aftercare_contact (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES aftercare_plan(id) ON DELETE CASCADE,
    planned_on      TEXT NOT NULL CHECK (date(planned_on) IS planned_on),
    kind            TEXT NOT NULL CHECK (kind = 'scheduled' OR kind = 'closing' OR
                                         kind = 'contract_end' OR kind = 'study_end' OR
                                         kind = 'premium' OR kind = 'retry' OR kind = 'extra'),
    status          TEXT NOT NULL DEFAULT 'planned'
                    CHECK (status = 'planned' OR status = 'done' OR status = 'not_reached' OR
                           status = 'cancelled'),
    attempt         INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1),
    done_on         TEXT CHECK (date(done_on) IS done_on),
    channel         TEXT CHECK (channel = 'in_person' OR channel = 'phone' OR channel = 'email' OR
                                channel = 'home_visit' OR channel = 'video' OR
                                channel = 'letter'),
    how_is_work     TEXT NOT NULL DEFAULT '',
    running_into    TEXT NOT NULL DEFAULT '',
    can_i_help      TEXT NOT NULL DEFAULT '',
    still_working   TEXT CHECK (still_working = 'same_employer' OR
                                still_working = 'other_employer' OR
                                still_working = 'not_working'),
    hours_changed   INTEGER CHECK (hours_changed IN (0, 1)),
    balance_ok      INTEGER CHECK (balance_ok IN (0, 1)),
    risk            TEXT CHECK (risk = 'low' OR risk = 'medium' OR risk = 'high'),
    risk_reason     TEXT NOT NULL DEFAULT '',
    contract_renewed INTEGER CHECK (contract_renewed IN (0, 1)),
    created_at      TEXT NOT NULL,
    CHECK ((status IN ('done', 'not_reached')) = (done_on IS NOT NULL))
);
CREATE INDEX aftercare_contact_plan ON aftercare_contact(plan_id, planned_on, id);
CREATE INDEX aftercare_contact_open ON aftercare_contact(planned_on, plan_id)
    WHERE status = 'planned';

CREATE TABLE referral (
    contact_id  INTEGER NOT NULL REFERENCES aftercare_contact(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind = 'debt_help' OR kind = 'social_work' OR
                                     kind = 'form_help' OR kind = 'job_coach' OR
                                     kind = 'jobhunter' OR kind = 'workplace_visit' OR
                                     kind = 'employer_contact' OR kind = 'mental_health' OR
                                     kind = 'neighbourhood_team'),
    PRIMARY KEY (contact_id, kind)
) WITHOUT ROWID;

CREATE TABLE premium_instalment (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL REFERENCES exit_interview(episode_id) ON DELETE CASCADE,
    scheme      TEXT NOT NULL CHECK (length(scheme) > 0),
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    due_on      TEXT NOT NULL CHECK (date(due_on) IS due_on),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    paid_on     TEXT CHECK (date(paid_on) IS paid_on),
    created_at  TEXT NOT NULL,
    UNIQUE (episode_id, seq)
);
CREATE INDEX premium_open ON premium_instalment(due_on, episode_id) WHERE paid_on IS NULL;

-- A form in progress, so nothing typed is lost (written while typing).
CREATE TABLE draft (
    form        TEXT NOT NULL,
    subject     INTEGER NOT NULL DEFAULT 0,
    data        TEXT NOT NULL CHECK (json_valid(data)),
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (form, subject)
) WITHOUT ROWID;

-- Who changed what, when: never the personal data itself.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action = 'create' OR action = 'update' OR action = 'delete')
);

-- Every open dated item of the caseload (the agenda and the list's next action):
-- derived from the records, never stored twice. One view per kind, each with a partial
-- index on its due date (so the earliest items of a kind are found without sorting),
-- and open_item, their union.
CREATE VIEW open_agreement AS
SELECT e.client_id AS client_id, a.follow_up AS due, 'agreement' AS kind, a.id AS ref_id,
       a.text AS detail
  FROM agreement a JOIN episode e ON e.id = a.episode_id
 WHERE a.done_on IS NULL AND a.follow_up IS NOT NULL AND e.exit_date IS NULL;

CREATE VIEW open_review AS
SELECT e.client_id AS client_id, t.next_review AS due, 'review' AS kind, t.id AS ref_id,
       t.instrument_name AS detail
  FROM trajectory t JOIN episode e ON e.id = t.episode_id
 WHERE t.status IN ('referred', 'started') AND t.next_review IS NOT NULL;

CREATE VIEW open_trajectory_end AS
SELECT e.client_id AS client_id, t.planned_end AS due, 'trajectory_end' AS kind,
       t.id AS ref_id, t.instrument_name AS detail
  FROM trajectory t JOIN episode e ON e.id = t.episode_id
 WHERE t.status IN ('referred', 'started') AND t.planned_end IS NOT NULL;

CREATE VIEW open_contact AS
SELECT e.client_id AS client_id, c.planned_on AS due,
       CASE c.kind WHEN 'contract_end' THEN 'contract_end' ELSE 'check_in' END AS kind,
       c.id AS ref_id, c.kind AS detail
  FROM aftercare_contact c
  JOIN aftercare_plan p ON p.id = c.plan_id
  JOIN episode e ON e.id = p.episode_id
 WHERE c.status = 'planned' AND p.status = 'active';

CREATE VIEW open_premium AS
SELECT e.client_id AS client_id, i.due_on AS due, 'premium' AS kind, i.id AS ref_id,
       CAST(i.seq AS TEXT) AS detail
  FROM premium_instalment i JOIN episode e ON e.id = i.episode_id
 WHERE i.paid_on IS NULL;

CREATE VIEW open_item AS
SELECT * FROM open_agreement
UNION ALL SELECT * FROM open_review
UNION ALL SELECT * FROM open_trajectory_end
UNION ALL SELECT * FROM open_contact
UNION ALL SELECT * FROM open_premium;
