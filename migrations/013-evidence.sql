-- Schema 12 -> 13: what the work achieved. Activities of every kind the programmes run, with
-- the people not recorded by name counted, the worker responsible and whether a new social
-- activity was set up; the ONS loneliness question; targets for outputs; funding secured;
-- stories; partnerships; and the readiness self-assessment. kith runs the migrations with
-- foreign keys off and checks them before it commits (schema.c), so a table can be rebuilt.

CREATE TABLE activity_new (
    id            TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    name          TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL DEFAULT 'other'
                  CHECK (kind IN ('walkabout', 'listening_event', 'connecting_event',
                                  'community_cafe', 'community_map', 'workshop',
                                  'participatory_appraisal', 'drop_in', 'multi_agency_meeting',
                                  'social_activity', 'other')),
    host_asset_id TEXT REFERENCES asset (id),
    venue         TEXT NOT NULL DEFAULT '',
    date          TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    unnamed       INTEGER NOT NULL DEFAULT 0 CHECK (unnamed >= 0),
    new_activity  INTEGER NOT NULL DEFAULT 0 CHECK (new_activity IN (0, 1)),
    worker_id     TEXT REFERENCES worker (id),
    notes         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT REFERENCES worker (id),
    deleted_at    TEXT,
    CHECK (name <> '' OR deleted_at IS NOT NULL)
);
-- A headcount counted everyone who came; the people recorded by name are now counted from
-- attendance, and the count keeps only the rest.
INSERT INTO activity_new (id, name, kind, host_asset_id, date, unnamed, worker_id, notes,
                          created_at, updated_at, updated_by, deleted_at)
    SELECT id, name, kind, host_asset_id, date,
           max(coalesce(headcount, 0) - (SELECT count(*) FROM attendance a
               WHERE a.activity_id = activity.id AND a.deleted_at IS NULL), 0),
           updated_by, notes, created_at, updated_at, updated_by, deleted_at
    FROM activity;
DROP TABLE activity;
ALTER TABLE activity_new RENAME TO activity;
CREATE INDEX activity_by_date ON activity (date, id) WHERE deleted_at IS NULL;
CREATE INDEX activity_by_name ON activity (name COLLATE NOCASE, id) WHERE deleted_at IS NULL;
CREATE INDEX activity_by_updated ON activity (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX activity_host ON activity (host_asset_id, date) WHERE host_asset_id IS NOT NULL;
CREATE INDEX activity_by_kind ON activity (kind, date) WHERE deleted_at IS NULL;
CREATE INDEX activity_worker ON activity (worker_id, date) WHERE worker_id IS NOT NULL;
CREATE TRIGGER activity_keep BEFORE DELETE ON activity
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE INDEX attendance_by_role ON attendance (role, person_id) WHERE deleted_at IS NULL;

-- ONS: "How often do you feel lonely?"
ALTER TABLE wellbeing ADD COLUMN loneliness TEXT
    CHECK (loneliness IS NULL OR loneliness IN ('often_always', 'some_of_the_time',
                                                 'occasionally', 'hardly_ever', 'never'));

-- A target for one output over a period, for one worker or (worker_id NULL) the programme.
CREATE TABLE target (
    id         TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    measure    TEXT NOT NULL CHECK (measure IN ('conversations', 'asset_contacts',
                                                'new_activities', 'referrals',
                                                'multi_agency_meetings')),
    worker_id  TEXT REFERENCES worker (id),
    amount     INTEGER NOT NULL CHECK (amount >= 0),
    period     TEXT NOT NULL CHECK (period IN ('month', 'quarter', 'year')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT REFERENCES worker (id),
    deleted_at TEXT
);
CREATE UNIQUE INDEX target_one ON target (measure, coalesce(worker_id, ''))
    WHERE deleted_at IS NULL;
CREATE TRIGGER target_keep BEFORE DELETE ON target
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;

-- Money the programme secured, in pence.
CREATE TABLE funding (
    id           TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    funder       TEXT NOT NULL DEFAULT '',
    amount_pence INTEGER NOT NULL CHECK (amount_pence >= 0),
    date         TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    purpose      TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT REFERENCES worker (id),
    deleted_at   TEXT,
    CHECK (funder <> '' OR deleted_at IS NOT NULL)
);
CREATE INDEX funding_by_date ON funding (date, id) WHERE deleted_at IS NULL;
CREATE TRIGGER funding_keep BEFORE DELETE ON funding
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;

-- A story: a person's own words or a worker's account. person_id is whose story it is;
-- consent_share says it may leave kith in a report, may_name that it may carry their name.
CREATE TABLE story (
    id            TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    title         TEXT NOT NULL DEFAULT '',
    body          TEXT NOT NULL DEFAULT '',
    voice         TEXT NOT NULL DEFAULT 'own_words'
                  CHECK (voice IN ('own_words', 'worker_account')),
    person_id     TEXT REFERENCES person (id),
    worker_id     TEXT REFERENCES worker (id),
    date          TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    consent_share INTEGER NOT NULL DEFAULT 0 CHECK (consent_share IN (0, 1)),
    may_name      INTEGER NOT NULL DEFAULT 0 CHECK (may_name IN (0, 1)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT REFERENCES worker (id),
    deleted_at    TEXT,
    CHECK (title <> '' OR deleted_at IS NOT NULL)
);
CREATE INDEX story_by_date ON story (date, id) WHERE deleted_at IS NULL;
CREATE INDEX story_by_updated ON story (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX story_by_person ON story (person_id) WHERE person_id IS NOT NULL;
-- whom and what else a story is about
CREATE TABLE story_person (
    story_id   TEXT NOT NULL REFERENCES story (id),
    person_id  TEXT NOT NULL REFERENCES person (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT REFERENCES worker (id),
    deleted_at TEXT,
    PRIMARY KEY (story_id, person_id)
) WITHOUT ROWID;
CREATE INDEX story_person_by_person ON story_person (person_id, story_id);
CREATE TABLE story_asset (
    story_id   TEXT NOT NULL REFERENCES story (id),
    asset_id   TEXT NOT NULL REFERENCES asset (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT REFERENCES worker (id),
    deleted_at TEXT,
    PRIMARY KEY (story_id, asset_id)
) WITHOUT ROWID;
CREATE INDEX story_asset_by_asset ON story_asset (asset_id, story_id);
CREATE TABLE story_activity (
    story_id    TEXT NOT NULL REFERENCES story (id),
    activity_id TEXT NOT NULL REFERENCES activity (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT REFERENCES worker (id),
    deleted_at  TEXT,
    PRIMARY KEY (story_id, activity_id)
) WITHOUT ROWID;
CREATE INDEX story_activity_by_activity ON story_activity (activity_id, story_id);
-- the programme's intended outcomes a story shows (codes kept in story.c)
CREATE TABLE story_outcome (
    story_id   TEXT NOT NULL REFERENCES story (id),
    outcome    TEXT NOT NULL CHECK (outcome <> ''),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT REFERENCES worker (id),
    deleted_at TEXT,
    PRIMARY KEY (story_id, outcome)
) WITHOUT ROWID;
CREATE INDEX story_outcome_by_outcome ON story_outcome (outcome, story_id);
CREATE TRIGGER story_keep BEFORE DELETE ON story
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER story_person_keep BEFORE DELETE ON story_person
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER story_asset_keep BEFORE DELETE ON story_asset
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER story_activity_keep BEFORE DELETE ON story_activity
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER story_outcome_keep BEFORE DELETE ON story_outcome
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;

-- A partnership between groups and organisations (assets), and its partners.
CREATE TABLE partnership (
    id         TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    name       TEXT NOT NULL DEFAULT '',
    purpose    TEXT NOT NULL DEFAULT '',
    since      TEXT NOT NULL CHECK (since GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    status     TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('forming', 'active', 'ended')),
    ended      TEXT CHECK (ended IS NULL OR ended GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT REFERENCES worker (id),
    deleted_at TEXT,
    CHECK (name <> '' OR deleted_at IS NOT NULL)
);
CREATE INDEX partnership_by_since ON partnership (since, id) WHERE deleted_at IS NULL;
CREATE INDEX partnership_by_name ON partnership (name COLLATE NOCASE, id) WHERE deleted_at IS NULL;
CREATE TABLE partner (
    partnership_id TEXT NOT NULL REFERENCES partnership (id),
    asset_id       TEXT NOT NULL REFERENCES asset (id),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT REFERENCES worker (id),
    deleted_at     TEXT,
    PRIMARY KEY (partnership_id, asset_id)
) WITHOUT ROWID;
CREATE INDEX partner_by_asset ON partner (asset_id, partnership_id);
CREATE TRIGGER partnership_keep BEFORE DELETE ON partnership
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER partner_keep BEFORE DELETE ON partner
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;

-- The readiness self-assessment (NDTi): one sitting, and its answers to the 18 questions
-- (numbered as the briefing numbers them), each rated 1 (not yet) to 4 (established) with
-- the local evidence for the rating.
CREATE TABLE readiness (
    id         TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    date       TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    title      TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    worker_id  TEXT REFERENCES worker (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT REFERENCES worker (id),
    deleted_at TEXT
);
CREATE INDEX readiness_by_date ON readiness (date, id) WHERE deleted_at IS NULL;
CREATE TABLE readiness_answer (
    readiness_id TEXT NOT NULL REFERENCES readiness (id),
    question     INTEGER NOT NULL CHECK (question BETWEEN 1 AND 18),
    rating       INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 4),
    evidence     TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT REFERENCES worker (id),
    deleted_at   TEXT,
    PRIMARY KEY (readiness_id, question)
) WITHOUT ROWID;
CREATE TRIGGER readiness_keep BEFORE DELETE ON readiness
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER readiness_answer_keep BEFORE DELETE ON readiness_answer
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
