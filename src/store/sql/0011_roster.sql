-- Schema 11: the roster, one row per client on the list, holding what the list shows and
-- sorts by, so that the list is read (and, later, paged) through an index instead of being
-- computed from every table at each start.
--
-- A row is what `Store::caseload_row` computes (see `store::roster`): the phase, the next
-- open item (or "no next step since"), and `flag_from`, the first day the client needs a
-- look ('0001-01-01' always, NULL never), so that no row depends on today. Clients handed over to a
-- colleague have no row. `sort_name` is the list name in lower case (Unicode, as Rust
-- lowers it), the list's tie-breaker after the due date; `folded` is the list name as the
-- filter matches it (`domain::search::fold`: lower case, no accents); `phase_rank` is the
-- phase's place in the journey (intake first), for sorting by phase; `due_key` is the
-- due date or '~' for none (after every date), a column rather than an expression so
-- that a page after a row starts with a seek in the index.
--
-- The triggers below mark a client in `roster_stale` whenever a table a row is computed
-- from changes, whoever writes (this app or another program). Every write of the app
-- computes the stale rows again before it commits; rows another program left stale are
-- computed again when the app opens the file, and read computed until then. They insert only
-- what is not there (no OR IGNORE: a statement's own conflict clause would override it).
CREATE TABLE roster (
    client_id  INTEGER PRIMARY KEY REFERENCES client(id) ON DELETE CASCADE,
    sort_name  TEXT NOT NULL,
    folded     TEXT NOT NULL,
    phase      TEXT NOT NULL,
    phase_rank INTEGER NOT NULL,
    due        TEXT,
    due_key    TEXT NOT NULL,
    kind       TEXT,
    ref_id     INTEGER,
    detail     TEXT,
    instrument TEXT,
    flag_from  TEXT
);
-- The list's orders: by due date (none last), then name, then id; by name; by phase. Each
-- also holds what the filter tests (the folded name, the phase, the flag), so that a page
-- is found by walking the index alone, and a row is read only when it is shown.
CREATE INDEX roster_due ON roster(due_key, sort_name, client_id,
                                  folded, phase, flag_from);
CREATE INDEX roster_name ON roster(sort_name, client_id, folded, phase, flag_from);
CREATE INDEX roster_phase ON roster(phase_rank, due_key, sort_name, client_id,
                                    folded, phase, flag_from);

-- The list's filter where a typed word is rare: the folded name as trigrams (every three
-- characters), by client id, kept by the store with the roster's rows. It keeps no copy of
-- the text, nor positions: a row it finds is checked against the roster.
CREATE VIRTUAL TABLE roster_search USING fts5(
    folded,
    content = '', contentless_delete = 1, tokenize = 'trigram', detail = 'none'
);

CREATE TABLE roster_stale (client_id INTEGER PRIMARY KEY);

-- The rule the rows were computed by: the days after the intake the plan of action is due
-- (`casework.toml`); NULL: not computed yet. A different rule computes every row again.
CREATE TABLE roster_rule (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    plan_within_days INTEGER
);
INSERT INTO roster_rule (id, plan_within_days) VALUES (1, NULL);

CREATE TRIGGER roster_client_ins AFTER INSERT ON client BEGIN
    INSERT INTO roster_stale SELECT NEW.id WHERE NEW.id NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_client_upd AFTER UPDATE ON client BEGIN
    INSERT INTO roster_stale SELECT NEW.id WHERE NEW.id NOT IN (SELECT client_id FROM roster_stale);
END;

-- A client deleted goes from the roster even with foreign keys off (erasure turns them off).
CREATE TRIGGER roster_client_del AFTER DELETE ON client BEGIN
    DELETE FROM roster WHERE client_id = OLD.id;
    DELETE FROM roster_search WHERE rowid = OLD.id;
END;

CREATE TRIGGER roster_episode_ins AFTER INSERT ON episode BEGIN
    INSERT INTO roster_stale SELECT NEW.client_id WHERE NEW.client_id NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_episode_upd AFTER UPDATE ON episode BEGIN
    INSERT INTO roster_stale SELECT DISTINCT v FROM (SELECT OLD.client_id AS v UNION ALL SELECT NEW.client_id)
     WHERE v NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_episode_del AFTER DELETE ON episode BEGIN
    INSERT INTO roster_stale SELECT OLD.client_id WHERE OLD.client_id NOT IN (SELECT client_id FROM roster_stale);
END;

CREATE TRIGGER roster_handover_ins AFTER INSERT ON handover BEGIN
    INSERT INTO roster_stale SELECT NEW.client_id WHERE NEW.client_id NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_handover_upd AFTER UPDATE ON handover BEGIN
    INSERT INTO roster_stale SELECT DISTINCT v FROM (SELECT OLD.client_id AS v UNION ALL SELECT NEW.client_id)
     WHERE v NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_handover_del AFTER DELETE ON handover BEGIN
    INSERT INTO roster_stale SELECT OLD.client_id WHERE OLD.client_id NOT IN (SELECT client_id FROM roster_stale);
END;

-- The tables of an episode: the client through the episode (a row deleted with its
-- episode finds none, and the episode's own trigger marked the client).
CREATE TRIGGER roster_intake_ins AFTER INSERT ON intake BEGIN
    INSERT INTO roster_stale SELECT DISTINCT client_id FROM episode WHERE id = NEW.episode_id
     AND client_id NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_intake_upd AFTER UPDATE ON intake BEGIN
    INSERT INTO roster_stale SELECT DISTINCT client_id FROM episode
     WHERE (id = OLD.episode_id OR id = NEW.episode_id)
     AND client_id NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_intake_del AFTER DELETE ON intake BEGIN
    INSERT INTO roster_stale SELECT DISTINCT client_id FROM episode WHERE id = OLD.episode_id
     AND client_id NOT IN (SELECT client_id FROM roster_stale);
END;

CREATE TRIGGER roster_note_ins AFTER INSERT ON note BEGIN
    INSERT INTO roster_stale SELECT DISTINCT client_id FROM episode WHERE id = NEW.episode_id
     AND client_id NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_note_upd AFTER UPDATE ON note BEGIN
    INSERT INTO roster_stale SELECT DISTINCT client_id FROM episode
     WHERE (id = OLD.episode_id OR id = NEW.episode_id)
     AND client_id NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_note_del AFTER DELETE ON note BEGIN
    INSERT INTO roster_stale SELECT DISTINCT client_id FROM episode WHERE id = OLD.episode_id
     AND client_id NOT IN (SELECT client_id FROM roster_stale);
END;

CREATE TRIGGER roster_agreement_ins AFTER INSERT ON agreement BEGIN
    INSERT INTO roster_stale SELECT DISTINCT client_id FROM episode WHERE id = NEW.episode_id
     AND client_id NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_agreement_upd AFTER UPDATE ON agreement BEGIN
    INSERT INTO roster_stale SELECT DISTINCT client_id FROM episode
     WHERE (id = OLD.episode_id OR id = NEW.episode_id)
     AND client_id NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_agreement_del AFTER DELETE ON agreement BEGIN
    INSERT INTO roster_stale SELECT DISTINCT client_id FROM episode WHERE id = OLD.episode_id
     AND client_id NOT IN (SELECT client_id FROM roster_stale);
END;

CREATE TRIGGER roster_trajectory_ins AFTER INSERT ON trajectory BEGIN
    INSERT INTO roster_stale SELECT DISTINCT client_id FROM episode WHERE id = NEW.episode_id
     AND client_id NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_trajectory_upd AFTER UPDATE ON trajectory BEGIN
    INSERT INTO roster_stale SELECT DISTINCT client_id FROM episode
     WHERE (id = OLD.episode_id OR id = NEW.episode_id)
     AND client_id NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_trajectory_del AFTER DELETE ON trajectory BEGIN
    INSERT INTO roster_stale SELECT DISTINCT client_id FROM episode WHERE id = OLD.episode_id
     AND client_id NOT IN (SELECT client_id FROM roster_stale);
END;

CREATE TRIGGER roster_premium_ins AFTER INSERT ON premium_instalment BEGIN
    INSERT INTO roster_stale SELECT DISTINCT client_id FROM episode WHERE id = NEW.episode_id
     AND client_id NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_premium_upd AFTER UPDATE ON premium_instalment BEGIN
    INSERT INTO roster_stale SELECT DISTINCT client_id FROM episode
     WHERE (id = OLD.episode_id OR id = NEW.episode_id)
     AND client_id NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_premium_del AFTER DELETE ON premium_instalment BEGIN
    INSERT INTO roster_stale SELECT DISTINCT client_id FROM episode WHERE id = OLD.episode_id
     AND client_id NOT IN (SELECT client_id FROM roster_stale);
END;

CREATE TRIGGER roster_plan_ins AFTER INSERT ON aftercare_plan BEGIN
    INSERT INTO roster_stale SELECT DISTINCT client_id FROM episode WHERE id = NEW.episode_id
     AND client_id NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_plan_upd AFTER UPDATE ON aftercare_plan BEGIN
    INSERT INTO roster_stale SELECT DISTINCT client_id FROM episode
     WHERE (id = OLD.episode_id OR id = NEW.episode_id)
     AND client_id NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_plan_del AFTER DELETE ON aftercare_plan BEGIN
    INSERT INTO roster_stale SELECT DISTINCT client_id FROM episode WHERE id = OLD.episode_id
     AND client_id NOT IN (SELECT client_id FROM roster_stale);
END;

-- A contact: the client through its plan and the plan's episode.
CREATE TRIGGER roster_contact_ins AFTER INSERT ON aftercare_contact BEGIN
    INSERT INTO roster_stale SELECT DISTINCT e.client_id FROM aftercare_plan p
      JOIN episode e ON e.id = p.episode_id WHERE p.id = NEW.plan_id
     AND e.client_id NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_contact_upd AFTER UPDATE ON aftercare_contact BEGIN
    INSERT INTO roster_stale SELECT DISTINCT e.client_id FROM aftercare_plan p
      JOIN episode e ON e.id = p.episode_id WHERE (p.id = OLD.plan_id OR p.id = NEW.plan_id)
     AND e.client_id NOT IN (SELECT client_id FROM roster_stale);
END;
CREATE TRIGGER roster_contact_del AFTER DELETE ON aftercare_contact BEGIN
    INSERT INTO roster_stale SELECT DISTINCT e.client_id FROM aftercare_plan p
      JOIN episode e ON e.id = p.episode_id WHERE p.id = OLD.plan_id
     AND e.client_id NOT IN (SELECT client_id FROM roster_stale);
END;

-- Every client's row is computed when the app first opens the file at this schema.
INSERT INTO roster_stale SELECT id FROM client;
