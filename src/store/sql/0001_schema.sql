-- Schema v1: the whole journey of domain.md. Append-only: later changes go in new files.
-- Dates are ISO text (YYYY-MM-DD) checked with date(x) IS x (which also refuses 31-02);
-- timestamps are ISO text with seconds; money is in euro cents.

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
                        CHECK (benefit_type IN ('participatiewet', 'ioaw', 'ioaz', 'bbz')),
    exit_date           TEXT CHECK (date(exit_date) IS exit_date AND exit_date >= benefit_start),
    last_payment_date   TEXT CHECK (date(last_payment_date) IS last_payment_date),
    exit_reason         TEXT CHECK (exit_reason IN (
                            'work.employment', 'work.wage_subsidy', 'work.sheltered',
                            'work.self_employed', 'work.partner_income', 'study',
                            'other.moved', 'other.detention', 'other.enforcement',
                            'other.no_information', 'other.other_benefit', 'other.unknown',
                            'excluded.death', 'excluded.state_pension',
                            'excluded.partner_stays', 'excluded.restarted')),
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
    household           TEXT CHECK (household IN ('single', 'single_with_children',
                            'couple_with_children', 'couple_without_children')),
    youngest_child_age  INTEGER CHECK (youngest_child_age BETWEEN 0 AND 25),
    statushouder        INTEGER NOT NULL DEFAULT 0 CHECK (statushouder IN (0, 1)),
    language_level      TEXT CHECK (language_level IN ('native', 'below_a1', 'a1', 'a2', 'b1',
                            'b2', 'c1')),
    education           TEXT CHECK (education IN ('none', 'primary', 'vmbo', 'mbo_entry',
                            'mbo', 'havo_vwo', 'hbo', 'wo', 'foreign')),
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
    code        TEXT NOT NULL CHECK (code IN ('language', 'digital_skills', 'debts',
                    'physical_health', 'mental_health', 'addiction', 'childcare', 'housing',
                    'transport', 'low_self_confidence', 'isolation', 'family_care',
                    'criminal_record', 'other')),
    PRIMARY KEY (episode_id, code)
) WITHOUT ROWID;

-- A dated assessment: the ladder rung and/or life-domain scores (history is kept).
CREATE TABLE assessment (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
    assessed_on TEXT NOT NULL CHECK (date(assessed_on) IS assessed_on),
    kind        TEXT NOT NULL CHECK (kind IN ('intake', 'reassessment', 'review')),
    rung        INTEGER CHECK (rung BETWEEN 1 AND 6),
    created_at  TEXT NOT NULL
);
CREATE INDEX assessment_episode ON assessment(episode_id, assessed_on, id);

CREATE TABLE domain_score (
    assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    domain        TEXT NOT NULL CHECK (domain IN ('finances', 'work_education',
                      'daytime_activities', 'housing', 'domestic_relations', 'mental_health',
                      'physical_health', 'substance_use', 'basic_daily_living',
                      'instrumental_daily_living', 'social_network',
                      'community_participation', 'justice')),
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
    channel     TEXT NOT NULL CHECK (channel IN ('in_person', 'phone', 'email', 'home_visit',
                    'video', 'letter')),
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
                CHECK (who IN ('client', 'caseworker', 'both', 'other')),
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
                            CHECK (status IN ('referred', 'started', 'completed', 'stopped')),
    referred_on             TEXT NOT NULL CHECK (date(referred_on) IS referred_on),
    start_date              TEXT CHECK (date(start_date) IS start_date),
    planned_end             TEXT CHECK (date(planned_end) IS planned_end),
    ended_on                TEXT CHECK (date(ended_on) IS ended_on),
    goal                    TEXT NOT NULL DEFAULT '',
    cost_cents              INTEGER CHECK (cost_cents >= 0),
    funding                 TEXT NOT NULL DEFAULT '',
    review_interval_months  INTEGER NOT NULL DEFAULT 3 CHECK (review_interval_months BETWEEN 1 AND 24),
    next_review             TEXT CHECK (date(next_review) IS next_review),
    result                  TEXT CHECK (result IN ('work', 'next_trajectory', 'education',
                                'participation', 'no_result')),
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
                    CHECK (status IN ('referred', 'started', 'completed', 'stopped')),
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
    contract_type       TEXT CHECK (contract_type IN ('permanent', 'temporary', 'agency',
                            'on_call', 'self_employed')),
    contract_end        TEXT CHECK (date(contract_end) IS contract_end),
    hours_per_week      INTEGER CHECK (hours_per_week BETWEEN 0 AND 80),
    independence        TEXT CHECK (independence IN ('full', 'partial')),
    found_via           TEXT CHECK (found_via IN ('trajectory', 'own_effort')),
    found_via_trajectory_id INTEGER REFERENCES trajectory(id) ON DELETE SET NULL,
    first_work_day      TEXT CHECK (date(first_work_day) IS first_work_day),
    study_end           TEXT CHECK (date(study_end) IS study_end),
    aftercare_offer     TEXT NOT NULL DEFAULT 'declined'
                        CHECK (aftercare_offer IN ('active', 'passive', 'declined')),
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
    mode        TEXT NOT NULL CHECK (mode IN ('active', 'passive', 'declined')),
    consent     INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
    starts_on   TEXT NOT NULL CHECK (date(starts_on) IS starts_on),
    ends_on     TEXT NOT NULL CHECK (date(ends_on) IS ends_on AND ends_on >= starts_on),
    status      TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'completed', 'ended')),
    end_reason  TEXT CHECK (end_reason IN ('client_wish', 'reentry', 'moved', 'other')),
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
    kind            TEXT NOT NULL CHECK (kind IN ('scheduled', 'closing', 'contract_end',
                        'study_end', 'premium', 'retry', 'extra')),
    status          TEXT NOT NULL DEFAULT 'planned'
                    CHECK (status IN ('planned', 'done', 'not_reached', 'cancelled')),
    attempt         INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1),
    done_on         TEXT CHECK (date(done_on) IS done_on),
    channel         TEXT CHECK (channel IN ('in_person', 'phone', 'email', 'home_visit',
                        'video', 'letter')),
    how_is_work     TEXT NOT NULL DEFAULT '',
    running_into    TEXT NOT NULL DEFAULT '',
    can_i_help      TEXT NOT NULL DEFAULT '',
    still_working   TEXT CHECK (still_working IN ('same_employer', 'other_employer',
                        'not_working')),
    hours_changed   INTEGER CHECK (hours_changed IN (0, 1)),
    balance_ok      INTEGER CHECK (balance_ok IN (0, 1)),
    risk            TEXT CHECK (risk IN ('low', 'medium', 'high')),
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
    kind        TEXT NOT NULL CHECK (kind IN ('debt_help', 'social_work', 'form_help',
                    'job_coach', 'jobhunter', 'workplace_visit', 'employer_contact',
                    'mental_health', 'neighbourhood_team')),
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
    action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete'))
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

-- Every open dated item of the caseload (the agenda and the list's next action):
-- derived from the records, never stored twice.
CREATE VIEW open_item AS
SELECT e.client_id AS client_id, a.follow_up AS due, 'agreement' AS kind, a.id AS ref_id,
       a.text AS detail
  FROM agreement a JOIN episode e ON e.id = a.episode_id
 WHERE a.done_on IS NULL AND a.follow_up IS NOT NULL AND e.exit_date IS NULL
UNION ALL
SELECT e.client_id, t.next_review, 'review', t.id, t.instrument_name
  FROM trajectory t JOIN episode e ON e.id = t.episode_id
 WHERE t.status IN ('referred', 'started') AND t.next_review IS NOT NULL
UNION ALL
SELECT e.client_id, t.planned_end, 'trajectory_end', t.id, t.instrument_name
  FROM trajectory t JOIN episode e ON e.id = t.episode_id
 WHERE t.status IN ('referred', 'started') AND t.planned_end IS NOT NULL
UNION ALL
SELECT e.client_id, c.planned_on,
       CASE c.kind WHEN 'contract_end' THEN 'contract_end' ELSE 'check_in' END, c.id, c.kind
  FROM aftercare_contact c
  JOIN aftercare_plan p ON p.id = c.plan_id
  JOIN episode e ON e.id = p.episode_id
 WHERE c.status = 'planned' AND p.status = 'active'
UNION ALL
SELECT e.client_id, i.due_on, 'premium', i.id, CAST(i.seq AS TEXT)
  FROM premium_instalment i JOIN episode e ON e.id = i.episode_id
 WHERE i.paid_on IS NULL;
