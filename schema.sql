-- kith schema. This file is the single source of truth for the data model; it is compiled into
-- the binary and run on a new database. An older file is brought forward by the steps in
-- src/core/migrate.c, which must end at exactly this schema (tests/test_migrate.c checks it).
--
-- Conventions (DESIGN §2), kept so that laptops can sync later without a rewrite:
--  * every primary key is a lowercase text UUID, or for join rows a composite of UUIDs;
--  * every row has created_at, updated_at (UTC ISO 8601) and updated_by (a worker id);
--  * rows are never deleted: deleted_at marks a tombstone and a trigger refuses DELETE;
--  * foreign keys are declared and none cascades;
--  * enumerations are CHECK constraints; empty text is '' and an absent date or number NULL.
--
-- person and asset also carry fts_rowid, a local integer that keys their full-text index.
-- It never leaves the database: the implicit rowid of a table with a text key may be
-- renumbered by VACUUM, which would silently detach the index, so the key is explicit.

-- The accounts of the tool: who logs in, in which role. password_hash is Argon2id (libsodium's
-- string form, with its own salt and cost); failed_logins and locked_until lock an account
-- after five wrong passwords, and live here so that restarting kith does not reset them.
CREATE TABLE worker (
    id            TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    username      TEXT NOT NULL COLLATE NOCASE CHECK (username <> ''),
    display_name  TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL DEFAULT 'worker'
                  CHECK (role IN ('worker', 'coordinator', 'admin')),
    password_hash TEXT,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT REFERENCES worker (id),
    deleted_at    TEXT,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    last_login    TEXT,
    -- the account's keys (keyring.c): an X25519 public key, its secret key sealed with a key
    -- that only the password gives, and the audit trail's key sealed to the public key
    public_key    TEXT,
    secret_key    TEXT,
    trail_key     TEXT,
    -- the public key vouched for by a session holding the trail's key (an HMAC keyed with
    -- it): only a vouched key is ever given the trail's key
    key_vouch     TEXT
);
CREATE UNIQUE INDEX worker_username ON worker (username) WHERE deleted_at IS NULL;

-- A resident: their names, how to reach them, what matters to them, and their consent.
CREATE TABLE person (
    id             TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    fts_rowid      INTEGER NOT NULL UNIQUE,
    given_name     TEXT NOT NULL DEFAULT '',
    family_name    TEXT NOT NULL DEFAULT '',
    preferred_name TEXT NOT NULL DEFAULT '',
    pronouns       TEXT NOT NULL DEFAULT '',
    birth_year     INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2200),
    email          TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    address        TEXT NOT NULL DEFAULT '',
    postcode       TEXT NOT NULL DEFAULT '',
    neighbourhood  TEXT NOT NULL DEFAULT '',
    languages      TEXT NOT NULL DEFAULT '',
    what_matters   TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT '',
    consent_status TEXT NOT NULL DEFAULT 'not_asked'
                   CHECK (consent_status IN ('given', 'refused', 'not_asked')),
    consent_basis  TEXT NOT NULL DEFAULT ''
                   CHECK (consent_basis IN ('', 'consent', 'legitimate_interests',
                                            'public_task', 'vital_interests')),
    consent_date   TEXT CHECK (consent_date IS NULL OR consent_date GLOB
                               '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    consent_by     TEXT REFERENCES worker (id),
    review_date    TEXT CHECK (review_date IS NULL OR review_date GLOB
                               '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    restricted     INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT REFERENCES worker (id),
    deleted_at     TEXT,
    -- the person this tombstone was merged into (person_merge)
    merged_into    TEXT REFERENCES person (id),
    -- the names of their live tags, for search: kept by the triggers on person_tag and tag
    tag_words      TEXT NOT NULL DEFAULT '',
    -- a live person has a name; an erased one keeps only its tombstone
    CHECK (given_name <> '' OR deleted_at IS NOT NULL)
);
-- people without a family name last: the first key says which they are
CREATE INDEX person_by_family
    ON person ((family_name = ''), family_name COLLATE NOCASE, given_name COLLATE NOCASE, id)
    WHERE deleted_at IS NULL;
-- postcode and year of birth too: an import's likely-duplicate check reads the index alone
CREATE INDEX person_by_given
    ON person (given_name COLLATE NOCASE, family_name COLLATE NOCASE, id, postcode, birth_year,
               deleted_at)
    WHERE deleted_at IS NULL;
CREATE INDEX person_by_updated ON person (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX person_by_created ON person (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX person_by_neighbourhood
    ON person (neighbourhood COLLATE NOCASE, (family_name = ''), family_name COLLATE NOCASE,
               given_name COLLATE NOCASE, id)
    WHERE deleted_at IS NULL;
CREATE INDEX person_by_review ON person (review_date, id) WHERE deleted_at IS NULL;
-- what a reference to a person reads: their place in the search index and their name
CREATE INDEX person_key
    ON person (id, fts_rowid, restricted, preferred_name, given_name, family_name);

-- Every change of a person's consent, kept: what it became, on what basis, when, by whom.
-- The triggers record it whichever program makes the change; not while the hub's rows are
-- applied (the laptop that made the change sends its event as a row of its own).
CREATE TABLE consent_event (
    id         TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    person_id  TEXT NOT NULL REFERENCES person (id),
    status     TEXT NOT NULL CHECK (status IN ('given', 'refused', 'not_asked')),
    basis      TEXT NOT NULL DEFAULT ''
               CHECK (basis IN ('', 'consent', 'legitimate_interests', 'public_task',
                                'vital_interests')),
    date       TEXT CHECK (date IS NULL OR date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT REFERENCES worker (id),
    deleted_at TEXT
);
CREATE INDEX consent_event_person ON consent_event (person_id, created_at);
CREATE TRIGGER consent_on_insert AFTER INSERT ON person WHEN new.consent_status <> 'not_asked'
    AND NOT EXISTS (SELECT 1 FROM sync_state WHERE applying = 1)
BEGIN
    INSERT INTO consent_event (id, person_id, status, basis, date, created_at, updated_at,
                               updated_by)
    VALUES (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
            substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) ||
            substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
            new.id, new.consent_status, new.consent_basis, new.consent_date, new.updated_at,
            new.updated_at, coalesce(new.consent_by, new.updated_by));
END;
CREATE TRIGGER consent_on_update AFTER UPDATE OF consent_status, consent_basis ON person
    WHEN (new.consent_status IS NOT old.consent_status OR new.consent_basis IS NOT old.consent_basis)
    AND NOT EXISTS (SELECT 1 FROM sync_state WHERE applying = 1)
BEGIN
    INSERT INTO consent_event (id, person_id, status, basis, date, created_at, updated_at,
                               updated_by)
    VALUES (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
            substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) ||
            substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
            new.id, new.consent_status, new.consent_basis, new.consent_date, new.updated_at,
            new.updated_at, coalesce(new.consent_by, new.updated_by));
END;

-- A node of the community map. Groups are assets of category 'association'; an
-- 'individual' asset is a person's gift offered to others and names that person.
CREATE TABLE asset (
    id             TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    fts_rowid      INTEGER NOT NULL UNIQUE,
    name           TEXT NOT NULL DEFAULT '',
    category       TEXT NOT NULL CHECK (category IN ('association', 'institution', 'space',
                                                     'economy', 'culture', 'individual')),
    description    TEXT NOT NULL DEFAULT '',
    address        TEXT NOT NULL DEFAULT '',
    postcode       TEXT NOT NULL DEFAULT '',
    neighbourhood  TEXT NOT NULL DEFAULT '',
    contact_name   TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    website        TEXT NOT NULL DEFAULT '',
    opening_times  TEXT NOT NULL DEFAULT '',
    accessibility  TEXT NOT NULL DEFAULT '',
    capacity       TEXT NOT NULL DEFAULT '',
    confidential   INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'closed')),
    last_verified  TEXT CHECK (last_verified IS NULL OR last_verified GLOB
                               '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    person_id      TEXT REFERENCES person (id),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT REFERENCES worker (id),
    deleted_at     TEXT,
    hsds_id        TEXT, -- the service's id in the Open Referral directory it came from
    tag_words      TEXT NOT NULL DEFAULT '', -- its live tags' names, for search (as person's)
    CHECK (name <> '' OR deleted_at IS NOT NULL),
    CHECK (person_id IS NULL OR category = 'individual')
);
CREATE INDEX asset_by_name ON asset (name COLLATE NOCASE, id) WHERE deleted_at IS NULL;
CREATE INDEX asset_by_category ON asset (category, name COLLATE NOCASE, id) WHERE deleted_at IS NULL;
CREATE INDEX asset_by_neighbourhood ON asset (neighbourhood COLLATE NOCASE, name COLLATE NOCASE, id)
    WHERE deleted_at IS NULL;
CREATE INDEX asset_by_updated ON asset (updated_at, id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX asset_by_hsds_id ON asset (hsds_id) WHERE hsds_id <> '';
CREATE INDEX asset_by_category_neighbourhood
    ON asset (category, neighbourhood COLLATE NOCASE, name COLLATE NOCASE, id)
    WHERE deleted_at IS NULL;
CREATE INDEX asset_by_verified ON asset (coalesce(last_verified, ''), id) WHERE deleted_at IS NULL;
CREATE INDEX asset_person ON asset (person_id) WHERE person_id IS NOT NULL;
-- what a reference to an asset reads: its place in the search index and its name
CREATE INDEX asset_key ON asset (id, fts_rowid, name, person_id);
-- What matching a person reads of each asset their gifts find (match.c), from an index
-- rather than the row, which holds its description, address and contacts besides.
CREATE INDEX asset_match
    ON asset (fts_rowid, status, category, neighbourhood, last_verified, capacity, name, id,
              person_id)
    WHERE deleted_at IS NULL;

-- A person's place in a group (an association asset).
CREATE TABLE membership (
    asset_id   TEXT NOT NULL REFERENCES asset (id),
    person_id  TEXT NOT NULL REFERENCES person (id),
    role       TEXT NOT NULL DEFAULT 'member'
               CHECK (role IN ('member', 'organiser', 'volunteer', 'champion')),
    since      TEXT CHECK (since IS NULL OR since GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    until      TEXT CHECK (until IS NULL OR until GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT REFERENCES worker (id),
    deleted_at TEXT,
    PRIMARY KEY (asset_id, person_id)
) WITHOUT ROWID;
CREATE INDEX membership_person ON membership (person_id, asset_id);

-- Gifts of head, hands and heart, skills, passions, interests and topics: what matching people
-- to assets rests on.
CREATE TABLE tag (
    id         TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    name       TEXT NOT NULL COLLATE NOCASE CHECK (name <> ''),
    kind       TEXT NOT NULL CHECK (kind IN ('gift_head', 'gift_hands', 'gift_heart', 'skill',
                                             'passion', 'interest', 'topic')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT REFERENCES worker (id),
    deleted_at TEXT
);
CREATE UNIQUE INDEX tag_kind_name ON tag (kind, name) WHERE deleted_at IS NULL;
CREATE INDEX tag_by_name ON tag (name, id) WHERE deleted_at IS NULL;

CREATE TABLE person_tag (
    person_id  TEXT NOT NULL REFERENCES person (id),
    tag_id     TEXT NOT NULL REFERENCES tag (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT REFERENCES worker (id),
    deleted_at TEXT,
    PRIMARY KEY (person_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX person_tag_by_tag ON person_tag (tag_id, person_id);

CREATE TABLE asset_tag (
    asset_id   TEXT NOT NULL REFERENCES asset (id),
    tag_id     TEXT NOT NULL REFERENCES tag (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT REFERENCES worker (id),
    deleted_at TEXT,
    PRIMARY KEY (asset_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX asset_tag_by_tag ON asset_tag (tag_id, asset_id);

-- A person moved from one asset to another: the edges of the network.
CREATE TABLE referral (
    id             TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    person_id      TEXT NOT NULL REFERENCES person (id),
    from_asset_id  TEXT NOT NULL REFERENCES asset (id),
    to_asset_id    TEXT NOT NULL REFERENCES asset (id),
    worker_id      TEXT REFERENCES worker (id),
    kind           TEXT NOT NULL DEFAULT 'referral'
                   CHECK (kind IN ('referral', 'signpost', 'introduction')),
    date           TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    reason         TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'made'
                   CHECK (status IN ('made', 'contacted', 'attended', 'declined',
                                     'did_not_attend', 'closed')),
    status_date    TEXT CHECK (status_date IS NULL OR status_date GLOB
                               '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    follow_up_date TEXT CHECK (follow_up_date IS NULL OR follow_up_date GLOB
                               '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    notes          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT REFERENCES worker (id),
    deleted_at     TEXT
);
CREATE INDEX referral_by_date ON referral (date, id) WHERE deleted_at IS NULL;
CREATE INDEX referral_by_status ON referral (status, date, id) WHERE deleted_at IS NULL;
CREATE INDEX referral_by_follow_up ON referral (coalesce(follow_up_date, '9999-12-31'), id)
    WHERE deleted_at IS NULL;
-- covering: a chain browser reads every referral of the people an asset saw, in order
CREATE INDEX referral_person
    ON referral (person_id, date, id, from_asset_id, to_asset_id, deleted_at);
CREATE INDEX referral_from ON referral (from_asset_id, date, id);
CREATE INDEX referral_to ON referral (to_asset_id, date, id);
-- each worker's referrals by date: the programme report counts them worker by worker
CREATE INDEX referral_worker ON referral (worker_id, date) WHERE deleted_at IS NULL;
-- the referrals that reached attended, by person: the residents participating
CREATE INDEX referral_attended ON referral (person_id, date)
    WHERE deleted_at IS NULL AND status = 'attended';

-- The referral network by month: how many referrals went from one asset to another, keyed
-- by the assets' local fts_rowid. Kept by the triggers below, so that a period's graph loads
-- from these sums instead of grouping every referral. It is derived, like an index: its rows
-- are deleted when they fall to nothing, and it is never exported.
CREATE TABLE referral_flow (
    month      TEXT NOT NULL CHECK (month GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
    from_rowid INTEGER NOT NULL,
    to_rowid   INTEGER NOT NULL,
    n          INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (month, from_rowid, to_rowid)
) WITHOUT ROWID;
CREATE TRIGGER referral_flow_insert AFTER INSERT ON referral WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO referral_flow (month, from_rowid, to_rowid, n)
    SELECT substr(new.date, 1, 7), f.fts_rowid, t.fts_rowid, 1
    FROM asset f, asset t WHERE f.id = new.from_asset_id AND t.id = new.to_asset_id
    ON CONFLICT (month, from_rowid, to_rowid) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER referral_flow_update AFTER UPDATE OF date, from_asset_id, to_asset_id, deleted_at
    ON referral WHEN old.date IS NOT new.date OR old.from_asset_id IS NOT new.from_asset_id
    OR old.to_asset_id IS NOT new.to_asset_id OR old.deleted_at IS NOT new.deleted_at BEGIN
    UPDATE referral_flow SET n = n - 1
    WHERE old.deleted_at IS NULL AND month = substr(old.date, 1, 7)
      AND from_rowid = (SELECT fts_rowid FROM asset WHERE id = old.from_asset_id)
      AND to_rowid = (SELECT fts_rowid FROM asset WHERE id = old.to_asset_id);
    DELETE FROM referral_flow WHERE n = 0 AND month = substr(old.date, 1, 7)
      AND from_rowid = (SELECT fts_rowid FROM asset WHERE id = old.from_asset_id)
      AND to_rowid = (SELECT fts_rowid FROM asset WHERE id = old.to_asset_id);
    INSERT INTO referral_flow (month, from_rowid, to_rowid, n)
    SELECT substr(new.date, 1, 7), f.fts_rowid, t.fts_rowid, 1
    FROM asset f, asset t
    WHERE new.deleted_at IS NULL AND f.id = new.from_asset_id AND t.id = new.to_asset_id
    ON CONFLICT (month, from_rowid, to_rowid) DO UPDATE SET n = n + 1;
END;

-- A number that moves whenever the referral network may have changed: a referral's or an
-- asset's insert or change of what the network reads (the demo's bulk load, which drops
-- the referral_flow_ triggers, moves it when it sums the flow again).
CREATE TABLE network_stamp (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO network_stamp (id, n) VALUES (1, 0);
CREATE TRIGGER referral_flow_stamp_insert AFTER INSERT ON referral BEGIN
    UPDATE network_stamp SET n = n + 1;
END;
CREATE TRIGGER referral_flow_stamp_update AFTER UPDATE OF date, from_asset_id, to_asset_id,
    deleted_at ON referral WHEN old.date IS NOT new.date OR old.from_asset_id IS NOT
    new.from_asset_id OR old.to_asset_id IS NOT new.to_asset_id OR old.deleted_at IS NOT
    new.deleted_at BEGIN
    UPDATE network_stamp SET n = n + 1;
END;
CREATE TRIGGER network_stamp_asset_insert AFTER INSERT ON asset BEGIN
    UPDATE network_stamp SET n = n + 1;
END;
CREATE TRIGGER network_stamp_asset_update AFTER UPDATE OF fts_rowid, name, category,
    neighbourhood, deleted_at ON asset BEGIN
    UPDATE network_stamp SET n = n + 1;
END;

-- The last report measured for each filter (network_kept.c writes the filter and the
-- report), with the stamp and the period it was measured at: derived, like an index, and
-- the same for everyone who may read the report. Never exported.
CREATE TABLE network_kept (
    filter      TEXT PRIMARY KEY NOT NULL,
    stamp       INTEGER NOT NULL,
    layout      INTEGER NOT NULL,
    since       TEXT NOT NULL,
    until       TEXT NOT NULL,
    measured_at TEXT NOT NULL,
    report      BLOB NOT NULL
);
-- An individual's gift renamed (an erasure makes it nameless): its old name goes from every
-- kept report at once, not at the next measuring.
CREATE TRIGGER network_kept_forget AFTER UPDATE OF name ON asset
    WHEN old.person_id IS NOT NULL AND old.name IS NOT new.name BEGIN
    DELETE FROM network_kept;
END;

-- An ABCD learning conversation.
CREATE TABLE conversation (
    id             TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    person_id      TEXT NOT NULL REFERENCES person (id),
    worker_id      TEXT REFERENCES worker (id),
    date           TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    venue_asset_id TEXT REFERENCES asset (id),
    hopes          TEXT NOT NULL DEFAULT '',
    concerns       TEXT NOT NULL DEFAULT '',
    gifts          TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT '',
    follow_up      TEXT NOT NULL DEFAULT '',
    follow_up_date TEXT CHECK (follow_up_date IS NULL OR follow_up_date GLOB
                               '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT REFERENCES worker (id),
    deleted_at     TEXT
);
CREATE INDEX conversation_by_date ON conversation (date, id) WHERE deleted_at IS NULL;
CREATE INDEX conversation_by_updated ON conversation (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX conversation_person ON conversation (person_id, date, id);
CREATE INDEX conversation_venue ON conversation (venue_asset_id) WHERE venue_asset_id IS NOT NULL;
CREATE INDEX conversation_worker ON conversation (worker_id, date) WHERE worker_id IS NOT NULL;
-- each day's live conversations and their worker: the programme report's month by month
CREATE INDEX conversation_by_day_worker ON conversation (date, worker_id)
    WHERE deleted_at IS NULL;

-- A social activity or event, and who came: the people recorded by name in attendance, the
-- rest as a count; the worker responsible; whether it is a new social activity set up.
CREATE TABLE activity (
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
CREATE INDEX activity_by_date ON activity (date, id) WHERE deleted_at IS NULL;
CREATE INDEX activity_by_name ON activity (name COLLATE NOCASE, id) WHERE deleted_at IS NULL;
CREATE INDEX activity_by_updated ON activity (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX activity_host ON activity (host_asset_id, date) WHERE host_asset_id IS NOT NULL;
CREATE INDEX activity_by_kind ON activity (kind, date) WHERE deleted_at IS NULL;
CREATE INDEX activity_worker ON activity (worker_id, date) WHERE worker_id IS NOT NULL;

CREATE TABLE attendance (
    activity_id TEXT NOT NULL REFERENCES activity (id),
    person_id   TEXT NOT NULL REFERENCES person (id),
    role        TEXT NOT NULL DEFAULT 'attendee'
                CHECK (role IN ('attendee', 'volunteer', 'organiser')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT REFERENCES worker (id),
    deleted_at  TEXT,
    PRIMARY KEY (activity_id, person_id)
) WITHOUT ROWID;
CREATE INDEX attendance_person ON attendance (person_id, activity_id);
CREATE INDEX attendance_by_role ON attendance (role, person_id) WHERE deleted_at IS NULL;

-- ONS4 personal wellbeing: four answers from 0 to 10, at a baseline or a follow-up.
CREATE TABLE wellbeing (
    id                TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    person_id         TEXT NOT NULL REFERENCES person (id),
    worker_id         TEXT REFERENCES worker (id),
    date              TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    stage             TEXT NOT NULL DEFAULT 'baseline' CHECK (stage IN ('baseline', 'follow_up')),
    life_satisfaction INTEGER CHECK (life_satisfaction IS NULL OR life_satisfaction BETWEEN 0 AND 10),
    worthwhile        INTEGER CHECK (worthwhile IS NULL OR worthwhile BETWEEN 0 AND 10),
    happiness         INTEGER CHECK (happiness IS NULL OR happiness BETWEEN 0 AND 10),
    anxiety           INTEGER CHECK (anxiety IS NULL OR anxiety BETWEEN 0 AND 10),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    updated_by        TEXT REFERENCES worker (id),
    deleted_at        TEXT,
    -- ONS: "How often do you feel lonely?"
    loneliness        TEXT CHECK (loneliness IS NULL OR loneliness IN ('often_always',
                      'some_of_the_time', 'occasionally', 'hardly_ever', 'never'))
);
CREATE INDEX wellbeing_by_date ON wellbeing (date, id) WHERE deleted_at IS NULL;
CREATE INDEX wellbeing_by_updated ON wellbeing (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX wellbeing_person ON wellbeing (person_id, date);

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
CREATE INDEX target_by_measure ON target (measure, coalesce(worker_id, ''), id)
    WHERE deleted_at IS NULL;

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

-- Who did what to which record, when. Append-only: triggers below refuse UPDATE and DELETE.
-- seq orders a laptop's trail and hash chains each row to the one before it. origin is ''
-- for this laptop's own trail, else the hub's name of the laptop whose trail the row is
-- from (pulled through the hub, its chain kept as that laptop wrote it).
CREATE TABLE audit (
    id         TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    seq        INTEGER NOT NULL,
    worker_id  TEXT REFERENCES worker (id),
    action     TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'view', 'export',
                                               'import', 'login', 'login_failed', 'lock',
                                               'unlock', 'role', 'erase', 'backup', 'restore',
                                               'setting')),
    entity     TEXT NOT NULL DEFAULT '',
    record_id  TEXT,
    fields     TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT '',
    prev_hash  TEXT NOT NULL DEFAULT '',
    hash       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT REFERENCES worker (id),
    deleted_at TEXT CHECK (deleted_at IS NULL),
    person_id  TEXT, -- the person the row concerns, directly or through their records
    mac        TEXT, -- the row's hash keyed with the trail's key, by a session holding it
    origin     TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX audit_chain ON audit (origin, seq);
CREATE INDEX audit_by_record ON audit (record_id, seq) WHERE record_id IS NOT NULL;
CREATE INDEX audit_by_worker ON audit (worker_id, created_at, seq, id);
CREATE INDEX audit_by_time ON audit (created_at, seq, id);
CREATE INDEX audit_by_person ON audit (person_id, created_at, seq, id)
    WHERE person_id IS NOT NULL;
CREATE INDEX audit_by_action ON audit (action, created_at);

-- The seal of the audit trail: its last row's number and hash, keyed (HMAC-SHA-256) with
-- the trail's key, which only the accounts' passwords unlock. A logged-in worker's every
-- row moves it forward in the same transaction; audit_verify checks that the trail still
-- reaches it, so a cut tail or a rebuilt chain shows to anyone holding a password. A local
-- singleton, like fts_queue: it never leaves the file.
CREATE TABLE audit_seal (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    seq       INTEGER NOT NULL,
    hash      TEXT NOT NULL,
    mac       TEXT NOT NULL,
    sealed_at TEXT NOT NULL
);

-- Where this laptop's trail stands with the hub's copy of it: the last of its own rows the
-- hub holds and that row's hash there (a trail that now ends before it was cut, one whose row
-- differs was rebuilt), and how far other laptops' rows were pulled, in the hub's order.
-- Local, like the seal: it never travels.
CREATE TABLE audit_sync (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    acked      INTEGER NOT NULL DEFAULT 0,
    acked_hash TEXT NOT NULL DEFAULT '',
    pulled     INTEGER NOT NULL DEFAULT 0
);

-- The last row of each other laptop's trail taken here (or found here already, in a file
-- copied from another laptop's), which the next row pulled of that trail must follow. Local.
CREATE TABLE audit_tip (
    origin TEXT PRIMARY KEY NOT NULL,
    seq    INTEGER NOT NULL,
    hash   TEXT NOT NULL
) WITHOUT ROWID;

-- Who was erased, and when: ids and dates only, nothing personal. It outlives a restore:
-- restoring a backup taken before an erasure applies the erasure again (backup.c), so an
-- erased person never comes back. Append-only, like the audit trail.
CREATE TABLE erasure (
    person_id  TEXT PRIMARY KEY NOT NULL CHECK (length(person_id) = 36),
    erased_at  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT REFERENCES worker (id),
    deleted_at TEXT CHECK (deleted_at IS NULL)
) WITHOUT ROWID;
-- (but for the hub's row of one erased on two laptops at once: every laptop takes the hub's)
CREATE TRIGGER erasure_no_update BEFORE UPDATE ON erasure
    WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE applying = 1)
    BEGIN SELECT RAISE(ABORT, 'the register of erasures is append-only'); END;
CREATE TRIGGER erasure_no_delete BEFORE DELETE ON erasure
    BEGIN SELECT RAISE(ABORT, 'the register of erasures is append-only'); END;

-- Settings of this database (retention period, idle lock, backups kept, ...).
CREATE TABLE setting (
    key        TEXT PRIMARY KEY NOT NULL CHECK (key <> ''),
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT REFERENCES worker (id),
    deleted_at TEXT
);

-- Full-text search over the live rows. The views are the indexes' content, so that
-- INSERT INTO person_fts(person_fts) VALUES('rebuild') indexes exactly the live people.
-- unicode61 with remove_diacritics 2 folds accents both ways: "zoe" finds Zoë.
CREATE VIEW person_search AS
    SELECT fts_rowid, given_name, family_name, preferred_name, postcode, neighbourhood, email, phone,
           what_matters, tag_words
    FROM person WHERE deleted_at IS NULL;
CREATE VIRTUAL TABLE person_fts USING fts5(
    given_name, family_name, preferred_name, postcode, neighbourhood, email, phone,
    what_matters, tag_words,
    content = 'person_search', content_rowid = 'fts_rowid',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4');

CREATE VIEW asset_search AS
    SELECT fts_rowid, name, description, neighbourhood, postcode, tag_words
    FROM asset WHERE deleted_at IS NULL;
CREATE VIRTUAL TABLE asset_fts USING fts5(
    name, description, neighbourhood, postcode, tag_words,
    content = 'asset_search', content_rowid = 'fts_rowid',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4');

-- The indexes are kept in step by triggers, through a queue. kith runs with
-- PRAGMA trusted_schema = OFF, so that a crafted file cannot make its schema call risky
-- functions; that also forbids triggers to write to an FTS5 table. So the triggers record
-- each change here (old values to remove, new values to add), and kith applies the queue to
-- the indexes in the same transaction, just before every commit (schema_flush_search).
-- Rows live only inside a transaction: the integer key is local and never leaves the file.
CREATE TABLE fts_queue (
    seq INTEGER PRIMARY KEY,
    tbl TEXT NOT NULL CHECK (tbl IN ('person', 'asset')),
    del INTEGER NOT NULL CHECK (del IN (0, 1)),
    rid INTEGER NOT NULL,
    c1 TEXT, c2 TEXT, c3 TEXT, c4 TEXT, c5 TEXT, c6 TEXT, c7 TEXT, c8 TEXT, c9 TEXT
);

CREATE TRIGGER person_search_insert AFTER INSERT ON person WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO fts_queue (tbl, del, rid, c1, c2, c3, c4, c5, c6, c7, c8, c9)
    VALUES ('person', 0, new.fts_rowid, new.given_name, new.family_name, new.preferred_name,
            new.postcode, new.neighbourhood, new.email, new.phone, new.what_matters,
            new.tag_words);
END;
CREATE TRIGGER person_search_update AFTER UPDATE OF fts_rowid, given_name, family_name,
    preferred_name, postcode, neighbourhood, email, phone, what_matters, tag_words, deleted_at
    ON person BEGIN
    INSERT INTO fts_queue (tbl, del, rid, c1, c2, c3, c4, c5, c6, c7, c8, c9)
    SELECT 'person', 1, old.fts_rowid, old.given_name, old.family_name, old.preferred_name,
           old.postcode, old.neighbourhood, old.email, old.phone, old.what_matters, old.tag_words
    WHERE old.deleted_at IS NULL;
    INSERT INTO fts_queue (tbl, del, rid, c1, c2, c3, c4, c5, c6, c7, c8, c9)
    SELECT 'person', 0, new.fts_rowid, new.given_name, new.family_name, new.preferred_name,
           new.postcode, new.neighbourhood, new.email, new.phone, new.what_matters, new.tag_words
    WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER asset_search_insert AFTER INSERT ON asset WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO fts_queue (tbl, del, rid, c1, c2, c3, c4, c5)
    VALUES ('asset', 0, new.fts_rowid, new.name, new.description, new.neighbourhood,
            new.postcode, new.tag_words);
END;
CREATE TRIGGER asset_search_update AFTER UPDATE OF fts_rowid, name, description, neighbourhood,
    postcode, tag_words, deleted_at ON asset BEGIN
    INSERT INTO fts_queue (tbl, del, rid, c1, c2, c3, c4, c5)
    SELECT 'asset', 1, old.fts_rowid, old.name, old.description, old.neighbourhood, old.postcode,
           old.tag_words
    WHERE old.deleted_at IS NULL;
    INSERT INTO fts_queue (tbl, del, rid, c1, c2, c3, c4, c5)
    SELECT 'asset', 0, new.fts_rowid, new.name, new.description, new.neighbourhood, new.postcode,
           new.tag_words
    WHERE new.deleted_at IS NULL;
END;

-- A row's tag_words follow its live tags: a tag added, removed or moved, and a tag renamed or
-- deleted, rewrite the words of the rows that carry it (and so their place in the index).
CREATE TRIGGER person_tag_words_insert AFTER INSERT ON person_tag BEGIN
    UPDATE person SET tag_words = coalesce((SELECT group_concat(g.name, ' ') FROM person_tag k
        JOIN tag g ON g.id = k.tag_id WHERE k.person_id = person.id AND k.deleted_at IS NULL
        AND g.deleted_at IS NULL), '')
    WHERE id = new.person_id;
END;
CREATE TRIGGER person_tag_words_update AFTER UPDATE OF person_id, tag_id, deleted_at
    ON person_tag BEGIN
    UPDATE person SET tag_words = coalesce((SELECT group_concat(g.name, ' ') FROM person_tag k
        JOIN tag g ON g.id = k.tag_id WHERE k.person_id = person.id AND k.deleted_at IS NULL
        AND g.deleted_at IS NULL), '')
    WHERE id IN (old.person_id, new.person_id);
END;
CREATE TRIGGER asset_tag_words_insert AFTER INSERT ON asset_tag BEGIN
    UPDATE asset SET tag_words = coalesce((SELECT group_concat(g.name, ' ') FROM asset_tag k
        JOIN tag g ON g.id = k.tag_id WHERE k.asset_id = asset.id AND k.deleted_at IS NULL
        AND g.deleted_at IS NULL), '')
    WHERE id = new.asset_id;
END;
CREATE TRIGGER asset_tag_words_update AFTER UPDATE OF asset_id, tag_id, deleted_at
    ON asset_tag BEGIN
    UPDATE asset SET tag_words = coalesce((SELECT group_concat(g.name, ' ') FROM asset_tag k
        JOIN tag g ON g.id = k.tag_id WHERE k.asset_id = asset.id AND k.deleted_at IS NULL
        AND g.deleted_at IS NULL), '')
    WHERE id IN (old.asset_id, new.asset_id);
END;
CREATE TRIGGER tag_words_rename AFTER UPDATE OF name, deleted_at ON tag BEGIN
    UPDATE person SET tag_words = coalesce((SELECT group_concat(g.name, ' ') FROM person_tag k
        JOIN tag g ON g.id = k.tag_id WHERE k.person_id = person.id AND k.deleted_at IS NULL
        AND g.deleted_at IS NULL), '')
    WHERE id IN (SELECT person_id FROM person_tag WHERE tag_id = new.id);
    UPDATE asset SET tag_words = coalesce((SELECT group_concat(g.name, ' ') FROM asset_tag k
        JOIN tag g ON g.id = k.tag_id WHERE k.asset_id = asset.id AND k.deleted_at IS NULL
        AND g.deleted_at IS NULL), '')
    WHERE id IN (SELECT asset_id FROM asset_tag WHERE tag_id = new.id);
END;

-- Tombstones, not DELETE. Erasure for data protection blanks a row's personal columns
-- with UPDATE and keeps the tombstone.
CREATE TRIGGER worker_keep BEFORE DELETE ON worker
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER person_keep BEFORE DELETE ON person
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER asset_keep BEFORE DELETE ON asset
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER membership_keep BEFORE DELETE ON membership
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER tag_keep BEFORE DELETE ON tag
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER person_tag_keep BEFORE DELETE ON person_tag
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER asset_tag_keep BEFORE DELETE ON asset_tag
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER referral_keep BEFORE DELETE ON referral
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER conversation_keep BEFORE DELETE ON conversation
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER activity_keep BEFORE DELETE ON activity
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER attendance_keep BEFORE DELETE ON attendance
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER wellbeing_keep BEFORE DELETE ON wellbeing
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER target_keep BEFORE DELETE ON target
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER funding_keep BEFORE DELETE ON funding
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
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
CREATE TRIGGER partnership_keep BEFORE DELETE ON partnership
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER partner_keep BEFORE DELETE ON partner
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER readiness_keep BEFORE DELETE ON readiness
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER readiness_answer_keep BEFORE DELETE ON readiness_answer
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER consent_event_keep BEFORE DELETE ON consent_event
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER setting_keep BEFORE DELETE ON setting
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

-- A person is reviewed (kept or erased) a retention period after the last contact: when
-- they were added, met, referred or asked how they are. retention_months is a setting. Not
-- while the hub's rows are applied: the hub's review_date is the one made where it happened.
CREATE TRIGGER review_after_person AFTER INSERT ON person WHEN new.review_date IS NULL
    AND NOT EXISTS (SELECT 1 FROM sync_state WHERE applying = 1) BEGIN
    UPDATE person SET review_date = date(substr(new.created_at, 1, 10), '+' || coalesce(
        (SELECT value FROM setting WHERE key = 'retention_months' AND deleted_at IS NULL),
        '24') || ' months')
    WHERE id = new.id;
END;
CREATE TRIGGER review_after_conversation AFTER INSERT ON conversation
    WHEN new.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM sync_state WHERE applying = 1) BEGIN
    UPDATE person SET review_date = max(coalesce(review_date, ''), date(new.date, '+' ||
        coalesce((SELECT value FROM setting WHERE key = 'retention_months'
                  AND deleted_at IS NULL), '24') || ' months'))
    WHERE id = new.person_id AND deleted_at IS NULL;
END;
CREATE TRIGGER review_after_referral AFTER INSERT ON referral WHEN new.deleted_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM sync_state WHERE applying = 1) BEGIN
    UPDATE person SET review_date = max(coalesce(review_date, ''), date(new.date, '+' ||
        coalesce((SELECT value FROM setting WHERE key = 'retention_months'
                  AND deleted_at IS NULL), '24') || ' months'))
    WHERE id = new.person_id AND deleted_at IS NULL;
END;
CREATE TRIGGER review_after_wellbeing AFTER INSERT ON wellbeing WHEN new.deleted_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM sync_state WHERE applying = 1) BEGIN
    UPDATE person SET review_date = max(coalesce(review_date, ''), date(new.date, '+' ||
        coalesce((SELECT value FROM setting WHERE key = 'retention_months'
                  AND deleted_at IS NULL), '24') || ' months'))
    WHERE id = new.person_id AND deleted_at IS NULL;
END;

-- A form's unsaved typing, kept for the worker who typed it when kith had to stop (a hang-up,
-- SIGTERM) or another worker logged in at the lock screen, and offered back at their next
-- login; no one else reads it. typed is JSON of field name -> text, sealed for the worker;
-- person_id lets erasure find it. Discarding blanks both and keeps the tombstone.
CREATE TABLE draft (
    id         TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    worker_id  TEXT NOT NULL REFERENCES worker (id),
    entity     TEXT NOT NULL CHECK (entity <> ''),
    record_id  TEXT,  -- the record being edited; NULL for a new one
    person_id  TEXT REFERENCES person (id),
    typed      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT REFERENCES worker (id),
    deleted_at TEXT,
    CHECK (deleted_at IS NULL OR (typed = '' AND person_id IS NULL))
);
CREATE INDEX draft_by_worker ON draft (worker_id, created_at) WHERE deleted_at IS NULL;
CREATE INDEX draft_by_person ON draft (person_id) WHERE person_id IS NOT NULL;
CREATE TRIGGER draft_keep BEFORE DELETE ON draft
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;

-- Syncing with a hub (syncdb.c, sync.c). This laptop's side of it, a local singleton: its
-- name at the hub, whether it has joined (capture is on), whether the hub's rows are being
-- applied (capture and the side-effect triggers are off), the last hub sequence number
-- applied, how the last sync ended, and the push batch in flight (its id and the last outbox
-- entry it covers), so that a batch whose acknowledgement was lost goes again as the same.
CREATE TABLE sync_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    laptop      TEXT NOT NULL DEFAULT '',
    joined      INTEGER NOT NULL DEFAULT 0 CHECK (joined IN (0, 1)),
    applying    INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1)),
    cursor      INTEGER NOT NULL DEFAULT 0,
    last_sync   TEXT,
    last_error  TEXT,
    batch_id    TEXT,
    batch_max   INTEGER,
    hub_version INTEGER
);
INSERT INTO sync_state (id) VALUES (1);
-- What changed here since the hub last acknowledged it, written by the triggers below in the
-- same transaction as the change: the row (its table and key, a composite key's columns
-- joined by '|'), the travelling columns an update changed (NULL: an insert, every column)
-- and their values before it, ",col=" and each one's SQL literal (quote()), which the push
-- turns into JSON (kith runs with trusted_schema off: no JSON function in a trigger).
CREATE TABLE sync_outbox (
    n    INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl  TEXT NOT NULL,
    key  TEXT NOT NULL,
    cols TEXT,
    old  TEXT
);
CREATE INDEX sync_outbox_key ON sync_outbox (tbl, key);
-- A tag arriving from the hub after the rows that carry it (their seq is older): their
-- search words take it in. A tag made here has no holders yet, so this finds none.
CREATE TRIGGER tag_words_insert AFTER INSERT ON tag BEGIN
    UPDATE person SET tag_words = coalesce((SELECT group_concat(g.name, ' ') FROM person_tag k
        JOIN tag g ON g.id = k.tag_id WHERE k.person_id = person.id AND k.deleted_at IS NULL
        AND g.deleted_at IS NULL), '')
    WHERE id IN (SELECT person_id FROM person_tag WHERE tag_id = new.id);
    UPDATE asset SET tag_words = coalesce((SELECT group_concat(g.name, ' ') FROM asset_tag k
        JOIN tag g ON g.id = k.tag_id WHERE k.asset_id = asset.id AND k.deleted_at IS NULL
        AND g.deleted_at IS NULL), '')
    WHERE id IN (SELECT asset_id FROM asset_tag WHERE tag_id = new.id);
END;
-- A referral that came from the hub before either of its assets (they changed after it was
-- made, so the hub sent them later) found no asset to count its flow by: the asset that
-- arrives last counts it (the first finds the other missing).
CREATE TRIGGER referral_flow_asset_arrives AFTER INSERT ON asset
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND applying = 1) BEGIN
    INSERT INTO referral_flow (month, from_rowid, to_rowid, n)
    SELECT substr(r.date, 1, 7), f.fts_rowid, t.fts_rowid, count(*)
    FROM referral r JOIN asset f ON f.id = r.from_asset_id JOIN asset t ON t.id = r.to_asset_id
    WHERE (r.from_asset_id = new.id OR r.to_asset_id = new.id) AND r.deleted_at IS NULL
    GROUP BY 1, 2, 3
    ON CONFLICT (month, from_rowid, to_rowid) DO UPDATE SET n = n + excluded.n;
END;
-- The capture triggers, one pair per travelling table. They cost one look-up of sync_state
-- per write while this laptop has not joined a hub.
-- Generated by tools/sync-triggers: do not edit by hand.
CREATE TRIGGER sync_worker_insert AFTER INSERT ON worker
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('worker', new.id);
END;
CREATE TRIGGER sync_worker_update AFTER UPDATE OF id, username, display_name, role, password_hash,
    disabled, created_at, updated_at, updated_by, deleted_at, public_key, secret_key ON worker
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.id IS NOT old.id COLLATE BINARY
        OR new.username IS NOT old.username COLLATE BINARY
        OR new.display_name IS NOT old.display_name COLLATE BINARY
        OR new.role IS NOT old.role COLLATE BINARY
        OR new.password_hash IS NOT old.password_hash COLLATE BINARY
        OR new.disabled IS NOT old.disabled COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY
        OR new.public_key IS NOT old.public_key COLLATE BINARY
        OR new.secret_key IS NOT old.secret_key COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('worker', new.id, substr(
        iif(new.id IS NOT old.id COLLATE BINARY, ',id', '')
        || iif(new.username IS NOT old.username COLLATE BINARY, ',username', '')
        || iif(new.display_name IS NOT old.display_name COLLATE BINARY, ',display_name', '')
        || iif(new.role IS NOT old.role COLLATE BINARY, ',role', '')
        || iif(new.password_hash IS NOT old.password_hash COLLATE BINARY, ',password_hash', '')
        || iif(new.disabled IS NOT old.disabled COLLATE BINARY, ',disabled', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', '')
        || iif(new.public_key IS NOT old.public_key COLLATE BINARY, ',public_key', '')
        || iif(new.secret_key IS NOT old.secret_key COLLATE BINARY, ',secret_key', ''), 2),
        iif(new.id IS NOT old.id COLLATE BINARY, ',id=' || quote(old.id), '')
        || iif(new.username IS NOT old.username COLLATE BINARY, ',username=' || quote(old.username), '')
        || iif(new.display_name IS NOT old.display_name COLLATE BINARY, ',display_name=' || quote(old.display_name), '')
        || iif(new.role IS NOT old.role COLLATE BINARY, ',role=' || quote(old.role), '')
        || iif(new.password_hash IS NOT old.password_hash COLLATE BINARY, ',password_hash=' || quote(old.password_hash), '')
        || iif(new.disabled IS NOT old.disabled COLLATE BINARY, ',disabled=' || quote(old.disabled), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), '')
        || iif(new.public_key IS NOT old.public_key COLLATE BINARY, ',public_key=' || quote(old.public_key), '')
        || iif(new.secret_key IS NOT old.secret_key COLLATE BINARY, ',secret_key=' || quote(old.secret_key), ''));
END;
CREATE TRIGGER sync_person_insert AFTER INSERT ON person
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('person', new.id);
END;
CREATE TRIGGER sync_person_update AFTER UPDATE OF id, given_name, family_name, preferred_name,
    pronouns, birth_year, email, phone, address, postcode, neighbourhood, languages, what_matters,
    notes, consent_status, consent_basis, consent_date, consent_by, review_date, restricted,
    created_at, updated_at, updated_by, deleted_at, merged_into ON person
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.id IS NOT old.id COLLATE BINARY
        OR new.given_name IS NOT old.given_name COLLATE BINARY
        OR new.family_name IS NOT old.family_name COLLATE BINARY
        OR new.preferred_name IS NOT old.preferred_name COLLATE BINARY
        OR new.pronouns IS NOT old.pronouns COLLATE BINARY
        OR new.birth_year IS NOT old.birth_year COLLATE BINARY
        OR new.email IS NOT old.email COLLATE BINARY
        OR new.phone IS NOT old.phone COLLATE BINARY
        OR new.address IS NOT old.address COLLATE BINARY
        OR new.postcode IS NOT old.postcode COLLATE BINARY
        OR new.neighbourhood IS NOT old.neighbourhood COLLATE BINARY
        OR new.languages IS NOT old.languages COLLATE BINARY
        OR new.what_matters IS NOT old.what_matters COLLATE BINARY
        OR new.notes IS NOT old.notes COLLATE BINARY
        OR new.consent_status IS NOT old.consent_status COLLATE BINARY
        OR new.consent_basis IS NOT old.consent_basis COLLATE BINARY
        OR new.consent_date IS NOT old.consent_date COLLATE BINARY
        OR new.consent_by IS NOT old.consent_by COLLATE BINARY
        OR new.review_date IS NOT old.review_date COLLATE BINARY
        OR new.restricted IS NOT old.restricted COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY
        OR new.merged_into IS NOT old.merged_into COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('person', new.id, substr(
        iif(new.id IS NOT old.id COLLATE BINARY, ',id', '')
        || iif(new.given_name IS NOT old.given_name COLLATE BINARY, ',given_name', '')
        || iif(new.family_name IS NOT old.family_name COLLATE BINARY, ',family_name', '')
        || iif(new.preferred_name IS NOT old.preferred_name COLLATE BINARY, ',preferred_name', '')
        || iif(new.pronouns IS NOT old.pronouns COLLATE BINARY, ',pronouns', '')
        || iif(new.birth_year IS NOT old.birth_year COLLATE BINARY, ',birth_year', '')
        || iif(new.email IS NOT old.email COLLATE BINARY, ',email', '')
        || iif(new.phone IS NOT old.phone COLLATE BINARY, ',phone', '')
        || iif(new.address IS NOT old.address COLLATE BINARY, ',address', '')
        || iif(new.postcode IS NOT old.postcode COLLATE BINARY, ',postcode', '')
        || iif(new.neighbourhood IS NOT old.neighbourhood COLLATE BINARY, ',neighbourhood', '')
        || iif(new.languages IS NOT old.languages COLLATE BINARY, ',languages', '')
        || iif(new.what_matters IS NOT old.what_matters COLLATE BINARY, ',what_matters', '')
        || iif(new.notes IS NOT old.notes COLLATE BINARY, ',notes', '')
        || iif(new.consent_status IS NOT old.consent_status COLLATE BINARY, ',consent_status', '')
        || iif(new.consent_basis IS NOT old.consent_basis COLLATE BINARY, ',consent_basis', '')
        || iif(new.consent_date IS NOT old.consent_date COLLATE BINARY, ',consent_date', '')
        || iif(new.consent_by IS NOT old.consent_by COLLATE BINARY, ',consent_by', '')
        || iif(new.review_date IS NOT old.review_date COLLATE BINARY, ',review_date', '')
        || iif(new.restricted IS NOT old.restricted COLLATE BINARY, ',restricted', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', '')
        || iif(new.merged_into IS NOT old.merged_into COLLATE BINARY, ',merged_into', ''), 2),
        iif(new.id IS NOT old.id COLLATE BINARY, ',id=' || quote(old.id), '')
        || iif(new.given_name IS NOT old.given_name COLLATE BINARY, ',given_name=' || quote(old.given_name), '')
        || iif(new.family_name IS NOT old.family_name COLLATE BINARY, ',family_name=' || quote(old.family_name), '')
        || iif(new.preferred_name IS NOT old.preferred_name COLLATE BINARY, ',preferred_name=' || quote(old.preferred_name), '')
        || iif(new.pronouns IS NOT old.pronouns COLLATE BINARY, ',pronouns=' || quote(old.pronouns), '')
        || iif(new.birth_year IS NOT old.birth_year COLLATE BINARY, ',birth_year=' || quote(old.birth_year), '')
        || iif(new.email IS NOT old.email COLLATE BINARY, ',email=' || quote(old.email), '')
        || iif(new.phone IS NOT old.phone COLLATE BINARY, ',phone=' || quote(old.phone), '')
        || iif(new.address IS NOT old.address COLLATE BINARY, ',address=' || quote(old.address), '')
        || iif(new.postcode IS NOT old.postcode COLLATE BINARY, ',postcode=' || quote(old.postcode), '')
        || iif(new.neighbourhood IS NOT old.neighbourhood COLLATE BINARY, ',neighbourhood=' || quote(old.neighbourhood), '')
        || iif(new.languages IS NOT old.languages COLLATE BINARY, ',languages=' || quote(old.languages), '')
        || iif(new.what_matters IS NOT old.what_matters COLLATE BINARY, ',what_matters=' || quote(old.what_matters), '')
        || iif(new.notes IS NOT old.notes COLLATE BINARY, ',notes=' || quote(old.notes), '')
        || iif(new.consent_status IS NOT old.consent_status COLLATE BINARY, ',consent_status=' || quote(old.consent_status), '')
        || iif(new.consent_basis IS NOT old.consent_basis COLLATE BINARY, ',consent_basis=' || quote(old.consent_basis), '')
        || iif(new.consent_date IS NOT old.consent_date COLLATE BINARY, ',consent_date=' || quote(old.consent_date), '')
        || iif(new.consent_by IS NOT old.consent_by COLLATE BINARY, ',consent_by=' || quote(old.consent_by), '')
        || iif(new.review_date IS NOT old.review_date COLLATE BINARY, ',review_date=' || quote(old.review_date), '')
        || iif(new.restricted IS NOT old.restricted COLLATE BINARY, ',restricted=' || quote(old.restricted), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), '')
        || iif(new.merged_into IS NOT old.merged_into COLLATE BINARY, ',merged_into=' || quote(old.merged_into), ''));
END;
CREATE TRIGGER sync_consent_event_insert AFTER INSERT ON consent_event
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('consent_event', new.id);
END;
CREATE TRIGGER sync_consent_event_update AFTER UPDATE OF id, person_id, status, basis, date,
    created_at, updated_at, updated_by, deleted_at ON consent_event
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.id IS NOT old.id COLLATE BINARY
        OR new.person_id IS NOT old.person_id COLLATE BINARY
        OR new.status IS NOT old.status COLLATE BINARY
        OR new.basis IS NOT old.basis COLLATE BINARY
        OR new.date IS NOT old.date COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('consent_event', new.id, substr(
        iif(new.id IS NOT old.id COLLATE BINARY, ',id', '')
        || iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id', '')
        || iif(new.status IS NOT old.status COLLATE BINARY, ',status', '')
        || iif(new.basis IS NOT old.basis COLLATE BINARY, ',basis', '')
        || iif(new.date IS NOT old.date COLLATE BINARY, ',date', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.id IS NOT old.id COLLATE BINARY, ',id=' || quote(old.id), '')
        || iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id=' || quote(old.person_id), '')
        || iif(new.status IS NOT old.status COLLATE BINARY, ',status=' || quote(old.status), '')
        || iif(new.basis IS NOT old.basis COLLATE BINARY, ',basis=' || quote(old.basis), '')
        || iif(new.date IS NOT old.date COLLATE BINARY, ',date=' || quote(old.date), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_asset_insert AFTER INSERT ON asset
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('asset', new.id);
END;
CREATE TRIGGER sync_asset_update AFTER UPDATE OF id, name, category, description, address, postcode,
    neighbourhood, contact_name, email, phone, website, opening_times, accessibility, capacity,
    confidential, status, last_verified, person_id, created_at, updated_at, updated_by, deleted_at,
    hsds_id ON asset
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.id IS NOT old.id COLLATE BINARY
        OR new.name IS NOT old.name COLLATE BINARY
        OR new.category IS NOT old.category COLLATE BINARY
        OR new.description IS NOT old.description COLLATE BINARY
        OR new.address IS NOT old.address COLLATE BINARY
        OR new.postcode IS NOT old.postcode COLLATE BINARY
        OR new.neighbourhood IS NOT old.neighbourhood COLLATE BINARY
        OR new.contact_name IS NOT old.contact_name COLLATE BINARY
        OR new.email IS NOT old.email COLLATE BINARY
        OR new.phone IS NOT old.phone COLLATE BINARY
        OR new.website IS NOT old.website COLLATE BINARY
        OR new.opening_times IS NOT old.opening_times COLLATE BINARY
        OR new.accessibility IS NOT old.accessibility COLLATE BINARY
        OR new.capacity IS NOT old.capacity COLLATE BINARY
        OR new.confidential IS NOT old.confidential COLLATE BINARY
        OR new.status IS NOT old.status COLLATE BINARY
        OR new.last_verified IS NOT old.last_verified COLLATE BINARY
        OR new.person_id IS NOT old.person_id COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY
        OR new.hsds_id IS NOT old.hsds_id COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('asset', new.id, substr(
        iif(new.id IS NOT old.id COLLATE BINARY, ',id', '')
        || iif(new.name IS NOT old.name COLLATE BINARY, ',name', '')
        || iif(new.category IS NOT old.category COLLATE BINARY, ',category', '')
        || iif(new.description IS NOT old.description COLLATE BINARY, ',description', '')
        || iif(new.address IS NOT old.address COLLATE BINARY, ',address', '')
        || iif(new.postcode IS NOT old.postcode COLLATE BINARY, ',postcode', '')
        || iif(new.neighbourhood IS NOT old.neighbourhood COLLATE BINARY, ',neighbourhood', '')
        || iif(new.contact_name IS NOT old.contact_name COLLATE BINARY, ',contact_name', '')
        || iif(new.email IS NOT old.email COLLATE BINARY, ',email', '')
        || iif(new.phone IS NOT old.phone COLLATE BINARY, ',phone', '')
        || iif(new.website IS NOT old.website COLLATE BINARY, ',website', '')
        || iif(new.opening_times IS NOT old.opening_times COLLATE BINARY, ',opening_times', '')
        || iif(new.accessibility IS NOT old.accessibility COLLATE BINARY, ',accessibility', '')
        || iif(new.capacity IS NOT old.capacity COLLATE BINARY, ',capacity', '')
        || iif(new.confidential IS NOT old.confidential COLLATE BINARY, ',confidential', '')
        || iif(new.status IS NOT old.status COLLATE BINARY, ',status', '')
        || iif(new.last_verified IS NOT old.last_verified COLLATE BINARY, ',last_verified', '')
        || iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', '')
        || iif(new.hsds_id IS NOT old.hsds_id COLLATE BINARY, ',hsds_id', ''), 2),
        iif(new.id IS NOT old.id COLLATE BINARY, ',id=' || quote(old.id), '')
        || iif(new.name IS NOT old.name COLLATE BINARY, ',name=' || quote(old.name), '')
        || iif(new.category IS NOT old.category COLLATE BINARY, ',category=' || quote(old.category), '')
        || iif(new.description IS NOT old.description COLLATE BINARY, ',description=' || quote(old.description), '')
        || iif(new.address IS NOT old.address COLLATE BINARY, ',address=' || quote(old.address), '')
        || iif(new.postcode IS NOT old.postcode COLLATE BINARY, ',postcode=' || quote(old.postcode), '')
        || iif(new.neighbourhood IS NOT old.neighbourhood COLLATE BINARY, ',neighbourhood=' || quote(old.neighbourhood), '')
        || iif(new.contact_name IS NOT old.contact_name COLLATE BINARY, ',contact_name=' || quote(old.contact_name), '')
        || iif(new.email IS NOT old.email COLLATE BINARY, ',email=' || quote(old.email), '')
        || iif(new.phone IS NOT old.phone COLLATE BINARY, ',phone=' || quote(old.phone), '')
        || iif(new.website IS NOT old.website COLLATE BINARY, ',website=' || quote(old.website), '')
        || iif(new.opening_times IS NOT old.opening_times COLLATE BINARY, ',opening_times=' || quote(old.opening_times), '')
        || iif(new.accessibility IS NOT old.accessibility COLLATE BINARY, ',accessibility=' || quote(old.accessibility), '')
        || iif(new.capacity IS NOT old.capacity COLLATE BINARY, ',capacity=' || quote(old.capacity), '')
        || iif(new.confidential IS NOT old.confidential COLLATE BINARY, ',confidential=' || quote(old.confidential), '')
        || iif(new.status IS NOT old.status COLLATE BINARY, ',status=' || quote(old.status), '')
        || iif(new.last_verified IS NOT old.last_verified COLLATE BINARY, ',last_verified=' || quote(old.last_verified), '')
        || iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id=' || quote(old.person_id), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), '')
        || iif(new.hsds_id IS NOT old.hsds_id COLLATE BINARY, ',hsds_id=' || quote(old.hsds_id), ''));
END;
CREATE TRIGGER sync_membership_insert AFTER INSERT ON membership
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('membership', new.asset_id || '|' || new.person_id);
END;
CREATE TRIGGER sync_membership_update AFTER UPDATE OF asset_id, person_id, role, since, until,
    created_at, updated_at, updated_by, deleted_at ON membership
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.asset_id IS NOT old.asset_id COLLATE BINARY
        OR new.person_id IS NOT old.person_id COLLATE BINARY
        OR new.role IS NOT old.role COLLATE BINARY
        OR new.since IS NOT old.since COLLATE BINARY
        OR new.until IS NOT old.until COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('membership', new.asset_id || '|' || new.person_id, substr(
        iif(new.asset_id IS NOT old.asset_id COLLATE BINARY, ',asset_id', '')
        || iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id', '')
        || iif(new.role IS NOT old.role COLLATE BINARY, ',role', '')
        || iif(new.since IS NOT old.since COLLATE BINARY, ',since', '')
        || iif(new.until IS NOT old.until COLLATE BINARY, ',until', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.asset_id IS NOT old.asset_id COLLATE BINARY, ',asset_id=' || quote(old.asset_id), '')
        || iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id=' || quote(old.person_id), '')
        || iif(new.role IS NOT old.role COLLATE BINARY, ',role=' || quote(old.role), '')
        || iif(new.since IS NOT old.since COLLATE BINARY, ',since=' || quote(old.since), '')
        || iif(new.until IS NOT old.until COLLATE BINARY, ',until=' || quote(old.until), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_tag_insert AFTER INSERT ON tag
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('tag', new.id);
END;
CREATE TRIGGER sync_tag_update AFTER UPDATE OF id, name, kind, created_at, updated_at, updated_by,
    deleted_at ON tag
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.id IS NOT old.id COLLATE BINARY
        OR new.name IS NOT old.name COLLATE BINARY
        OR new.kind IS NOT old.kind COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('tag', new.id, substr(
        iif(new.id IS NOT old.id COLLATE BINARY, ',id', '')
        || iif(new.name IS NOT old.name COLLATE BINARY, ',name', '')
        || iif(new.kind IS NOT old.kind COLLATE BINARY, ',kind', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.id IS NOT old.id COLLATE BINARY, ',id=' || quote(old.id), '')
        || iif(new.name IS NOT old.name COLLATE BINARY, ',name=' || quote(old.name), '')
        || iif(new.kind IS NOT old.kind COLLATE BINARY, ',kind=' || quote(old.kind), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_person_tag_insert AFTER INSERT ON person_tag
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('person_tag', new.person_id || '|' || new.tag_id);
END;
CREATE TRIGGER sync_person_tag_update AFTER UPDATE OF person_id, tag_id, created_at, updated_at,
    updated_by, deleted_at ON person_tag
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.person_id IS NOT old.person_id COLLATE BINARY
        OR new.tag_id IS NOT old.tag_id COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('person_tag', new.person_id || '|' || new.tag_id, substr(
        iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id', '')
        || iif(new.tag_id IS NOT old.tag_id COLLATE BINARY, ',tag_id', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id=' || quote(old.person_id), '')
        || iif(new.tag_id IS NOT old.tag_id COLLATE BINARY, ',tag_id=' || quote(old.tag_id), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_asset_tag_insert AFTER INSERT ON asset_tag
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('asset_tag', new.asset_id || '|' || new.tag_id);
END;
CREATE TRIGGER sync_asset_tag_update AFTER UPDATE OF asset_id, tag_id, created_at, updated_at,
    updated_by, deleted_at ON asset_tag
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.asset_id IS NOT old.asset_id COLLATE BINARY
        OR new.tag_id IS NOT old.tag_id COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('asset_tag', new.asset_id || '|' || new.tag_id, substr(
        iif(new.asset_id IS NOT old.asset_id COLLATE BINARY, ',asset_id', '')
        || iif(new.tag_id IS NOT old.tag_id COLLATE BINARY, ',tag_id', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.asset_id IS NOT old.asset_id COLLATE BINARY, ',asset_id=' || quote(old.asset_id), '')
        || iif(new.tag_id IS NOT old.tag_id COLLATE BINARY, ',tag_id=' || quote(old.tag_id), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_referral_insert AFTER INSERT ON referral
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('referral', new.id);
END;
CREATE TRIGGER sync_referral_update AFTER UPDATE OF id, person_id, from_asset_id, to_asset_id,
    worker_id, kind, date, reason, status, status_date, follow_up_date, notes, created_at,
    updated_at, updated_by, deleted_at ON referral
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.id IS NOT old.id COLLATE BINARY
        OR new.person_id IS NOT old.person_id COLLATE BINARY
        OR new.from_asset_id IS NOT old.from_asset_id COLLATE BINARY
        OR new.to_asset_id IS NOT old.to_asset_id COLLATE BINARY
        OR new.worker_id IS NOT old.worker_id COLLATE BINARY
        OR new.kind IS NOT old.kind COLLATE BINARY
        OR new.date IS NOT old.date COLLATE BINARY
        OR new.reason IS NOT old.reason COLLATE BINARY
        OR new.status IS NOT old.status COLLATE BINARY
        OR new.status_date IS NOT old.status_date COLLATE BINARY
        OR new.follow_up_date IS NOT old.follow_up_date COLLATE BINARY
        OR new.notes IS NOT old.notes COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('referral', new.id, substr(
        iif(new.id IS NOT old.id COLLATE BINARY, ',id', '')
        || iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id', '')
        || iif(new.from_asset_id IS NOT old.from_asset_id COLLATE BINARY, ',from_asset_id', '')
        || iif(new.to_asset_id IS NOT old.to_asset_id COLLATE BINARY, ',to_asset_id', '')
        || iif(new.worker_id IS NOT old.worker_id COLLATE BINARY, ',worker_id', '')
        || iif(new.kind IS NOT old.kind COLLATE BINARY, ',kind', '')
        || iif(new.date IS NOT old.date COLLATE BINARY, ',date', '')
        || iif(new.reason IS NOT old.reason COLLATE BINARY, ',reason', '')
        || iif(new.status IS NOT old.status COLLATE BINARY, ',status', '')
        || iif(new.status_date IS NOT old.status_date COLLATE BINARY, ',status_date', '')
        || iif(new.follow_up_date IS NOT old.follow_up_date COLLATE BINARY, ',follow_up_date', '')
        || iif(new.notes IS NOT old.notes COLLATE BINARY, ',notes', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.id IS NOT old.id COLLATE BINARY, ',id=' || quote(old.id), '')
        || iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id=' || quote(old.person_id), '')
        || iif(new.from_asset_id IS NOT old.from_asset_id COLLATE BINARY, ',from_asset_id=' || quote(old.from_asset_id), '')
        || iif(new.to_asset_id IS NOT old.to_asset_id COLLATE BINARY, ',to_asset_id=' || quote(old.to_asset_id), '')
        || iif(new.worker_id IS NOT old.worker_id COLLATE BINARY, ',worker_id=' || quote(old.worker_id), '')
        || iif(new.kind IS NOT old.kind COLLATE BINARY, ',kind=' || quote(old.kind), '')
        || iif(new.date IS NOT old.date COLLATE BINARY, ',date=' || quote(old.date), '')
        || iif(new.reason IS NOT old.reason COLLATE BINARY, ',reason=' || quote(old.reason), '')
        || iif(new.status IS NOT old.status COLLATE BINARY, ',status=' || quote(old.status), '')
        || iif(new.status_date IS NOT old.status_date COLLATE BINARY, ',status_date=' || quote(old.status_date), '')
        || iif(new.follow_up_date IS NOT old.follow_up_date COLLATE BINARY, ',follow_up_date=' || quote(old.follow_up_date), '')
        || iif(new.notes IS NOT old.notes COLLATE BINARY, ',notes=' || quote(old.notes), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_conversation_insert AFTER INSERT ON conversation
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('conversation', new.id);
END;
CREATE TRIGGER sync_conversation_update AFTER UPDATE OF id, person_id, worker_id, date,
    venue_asset_id, hopes, concerns, gifts, notes, follow_up, follow_up_date, created_at,
    updated_at, updated_by, deleted_at ON conversation
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.id IS NOT old.id COLLATE BINARY
        OR new.person_id IS NOT old.person_id COLLATE BINARY
        OR new.worker_id IS NOT old.worker_id COLLATE BINARY
        OR new.date IS NOT old.date COLLATE BINARY
        OR new.venue_asset_id IS NOT old.venue_asset_id COLLATE BINARY
        OR new.hopes IS NOT old.hopes COLLATE BINARY
        OR new.concerns IS NOT old.concerns COLLATE BINARY
        OR new.gifts IS NOT old.gifts COLLATE BINARY
        OR new.notes IS NOT old.notes COLLATE BINARY
        OR new.follow_up IS NOT old.follow_up COLLATE BINARY
        OR new.follow_up_date IS NOT old.follow_up_date COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('conversation', new.id, substr(
        iif(new.id IS NOT old.id COLLATE BINARY, ',id', '')
        || iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id', '')
        || iif(new.worker_id IS NOT old.worker_id COLLATE BINARY, ',worker_id', '')
        || iif(new.date IS NOT old.date COLLATE BINARY, ',date', '')
        || iif(new.venue_asset_id IS NOT old.venue_asset_id COLLATE BINARY, ',venue_asset_id', '')
        || iif(new.hopes IS NOT old.hopes COLLATE BINARY, ',hopes', '')
        || iif(new.concerns IS NOT old.concerns COLLATE BINARY, ',concerns', '')
        || iif(new.gifts IS NOT old.gifts COLLATE BINARY, ',gifts', '')
        || iif(new.notes IS NOT old.notes COLLATE BINARY, ',notes', '')
        || iif(new.follow_up IS NOT old.follow_up COLLATE BINARY, ',follow_up', '')
        || iif(new.follow_up_date IS NOT old.follow_up_date COLLATE BINARY, ',follow_up_date', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.id IS NOT old.id COLLATE BINARY, ',id=' || quote(old.id), '')
        || iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id=' || quote(old.person_id), '')
        || iif(new.worker_id IS NOT old.worker_id COLLATE BINARY, ',worker_id=' || quote(old.worker_id), '')
        || iif(new.date IS NOT old.date COLLATE BINARY, ',date=' || quote(old.date), '')
        || iif(new.venue_asset_id IS NOT old.venue_asset_id COLLATE BINARY, ',venue_asset_id=' || quote(old.venue_asset_id), '')
        || iif(new.hopes IS NOT old.hopes COLLATE BINARY, ',hopes=' || quote(old.hopes), '')
        || iif(new.concerns IS NOT old.concerns COLLATE BINARY, ',concerns=' || quote(old.concerns), '')
        || iif(new.gifts IS NOT old.gifts COLLATE BINARY, ',gifts=' || quote(old.gifts), '')
        || iif(new.notes IS NOT old.notes COLLATE BINARY, ',notes=' || quote(old.notes), '')
        || iif(new.follow_up IS NOT old.follow_up COLLATE BINARY, ',follow_up=' || quote(old.follow_up), '')
        || iif(new.follow_up_date IS NOT old.follow_up_date COLLATE BINARY, ',follow_up_date=' || quote(old.follow_up_date), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_activity_insert AFTER INSERT ON activity
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('activity', new.id);
END;
CREATE TRIGGER sync_activity_update AFTER UPDATE OF id, name, kind, host_asset_id, venue, date,
    unnamed, new_activity, worker_id, notes, created_at, updated_at, updated_by, deleted_at ON
    activity
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.id IS NOT old.id COLLATE BINARY
        OR new.name IS NOT old.name COLLATE BINARY
        OR new.kind IS NOT old.kind COLLATE BINARY
        OR new.host_asset_id IS NOT old.host_asset_id COLLATE BINARY
        OR new.venue IS NOT old.venue COLLATE BINARY
        OR new.date IS NOT old.date COLLATE BINARY
        OR new.unnamed IS NOT old.unnamed COLLATE BINARY
        OR new.new_activity IS NOT old.new_activity COLLATE BINARY
        OR new.worker_id IS NOT old.worker_id COLLATE BINARY
        OR new.notes IS NOT old.notes COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('activity', new.id, substr(
        iif(new.id IS NOT old.id COLLATE BINARY, ',id', '')
        || iif(new.name IS NOT old.name COLLATE BINARY, ',name', '')
        || iif(new.kind IS NOT old.kind COLLATE BINARY, ',kind', '')
        || iif(new.host_asset_id IS NOT old.host_asset_id COLLATE BINARY, ',host_asset_id', '')
        || iif(new.venue IS NOT old.venue COLLATE BINARY, ',venue', '')
        || iif(new.date IS NOT old.date COLLATE BINARY, ',date', '')
        || iif(new.unnamed IS NOT old.unnamed COLLATE BINARY, ',unnamed', '')
        || iif(new.new_activity IS NOT old.new_activity COLLATE BINARY, ',new_activity', '')
        || iif(new.worker_id IS NOT old.worker_id COLLATE BINARY, ',worker_id', '')
        || iif(new.notes IS NOT old.notes COLLATE BINARY, ',notes', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.id IS NOT old.id COLLATE BINARY, ',id=' || quote(old.id), '')
        || iif(new.name IS NOT old.name COLLATE BINARY, ',name=' || quote(old.name), '')
        || iif(new.kind IS NOT old.kind COLLATE BINARY, ',kind=' || quote(old.kind), '')
        || iif(new.host_asset_id IS NOT old.host_asset_id COLLATE BINARY, ',host_asset_id=' || quote(old.host_asset_id), '')
        || iif(new.venue IS NOT old.venue COLLATE BINARY, ',venue=' || quote(old.venue), '')
        || iif(new.date IS NOT old.date COLLATE BINARY, ',date=' || quote(old.date), '')
        || iif(new.unnamed IS NOT old.unnamed COLLATE BINARY, ',unnamed=' || quote(old.unnamed), '')
        || iif(new.new_activity IS NOT old.new_activity COLLATE BINARY, ',new_activity=' || quote(old.new_activity), '')
        || iif(new.worker_id IS NOT old.worker_id COLLATE BINARY, ',worker_id=' || quote(old.worker_id), '')
        || iif(new.notes IS NOT old.notes COLLATE BINARY, ',notes=' || quote(old.notes), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_attendance_insert AFTER INSERT ON attendance
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('attendance', new.activity_id || '|' || new.person_id);
END;
CREATE TRIGGER sync_attendance_update AFTER UPDATE OF activity_id, person_id, role, created_at,
    updated_at, updated_by, deleted_at ON attendance
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.activity_id IS NOT old.activity_id COLLATE BINARY
        OR new.person_id IS NOT old.person_id COLLATE BINARY
        OR new.role IS NOT old.role COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('attendance', new.activity_id || '|' || new.person_id, substr(
        iif(new.activity_id IS NOT old.activity_id COLLATE BINARY, ',activity_id', '')
        || iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id', '')
        || iif(new.role IS NOT old.role COLLATE BINARY, ',role', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.activity_id IS NOT old.activity_id COLLATE BINARY, ',activity_id=' || quote(old.activity_id), '')
        || iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id=' || quote(old.person_id), '')
        || iif(new.role IS NOT old.role COLLATE BINARY, ',role=' || quote(old.role), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_wellbeing_insert AFTER INSERT ON wellbeing
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('wellbeing', new.id);
END;
CREATE TRIGGER sync_wellbeing_update AFTER UPDATE OF id, person_id, worker_id, date, stage,
    life_satisfaction, worthwhile, happiness, anxiety, created_at, updated_at, updated_by,
    deleted_at, loneliness ON wellbeing
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.id IS NOT old.id COLLATE BINARY
        OR new.person_id IS NOT old.person_id COLLATE BINARY
        OR new.worker_id IS NOT old.worker_id COLLATE BINARY
        OR new.date IS NOT old.date COLLATE BINARY
        OR new.stage IS NOT old.stage COLLATE BINARY
        OR new.life_satisfaction IS NOT old.life_satisfaction COLLATE BINARY
        OR new.worthwhile IS NOT old.worthwhile COLLATE BINARY
        OR new.happiness IS NOT old.happiness COLLATE BINARY
        OR new.anxiety IS NOT old.anxiety COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY
        OR new.loneliness IS NOT old.loneliness COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('wellbeing', new.id, substr(
        iif(new.id IS NOT old.id COLLATE BINARY, ',id', '')
        || iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id', '')
        || iif(new.worker_id IS NOT old.worker_id COLLATE BINARY, ',worker_id', '')
        || iif(new.date IS NOT old.date COLLATE BINARY, ',date', '')
        || iif(new.stage IS NOT old.stage COLLATE BINARY, ',stage', '')
        || iif(new.life_satisfaction IS NOT old.life_satisfaction COLLATE BINARY, ',life_satisfaction', '')
        || iif(new.worthwhile IS NOT old.worthwhile COLLATE BINARY, ',worthwhile', '')
        || iif(new.happiness IS NOT old.happiness COLLATE BINARY, ',happiness', '')
        || iif(new.anxiety IS NOT old.anxiety COLLATE BINARY, ',anxiety', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', '')
        || iif(new.loneliness IS NOT old.loneliness COLLATE BINARY, ',loneliness', ''), 2),
        iif(new.id IS NOT old.id COLLATE BINARY, ',id=' || quote(old.id), '')
        || iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id=' || quote(old.person_id), '')
        || iif(new.worker_id IS NOT old.worker_id COLLATE BINARY, ',worker_id=' || quote(old.worker_id), '')
        || iif(new.date IS NOT old.date COLLATE BINARY, ',date=' || quote(old.date), '')
        || iif(new.stage IS NOT old.stage COLLATE BINARY, ',stage=' || quote(old.stage), '')
        || iif(new.life_satisfaction IS NOT old.life_satisfaction COLLATE BINARY, ',life_satisfaction=' || quote(old.life_satisfaction), '')
        || iif(new.worthwhile IS NOT old.worthwhile COLLATE BINARY, ',worthwhile=' || quote(old.worthwhile), '')
        || iif(new.happiness IS NOT old.happiness COLLATE BINARY, ',happiness=' || quote(old.happiness), '')
        || iif(new.anxiety IS NOT old.anxiety COLLATE BINARY, ',anxiety=' || quote(old.anxiety), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), '')
        || iif(new.loneliness IS NOT old.loneliness COLLATE BINARY, ',loneliness=' || quote(old.loneliness), ''));
END;
CREATE TRIGGER sync_target_insert AFTER INSERT ON target
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('target', new.id);
END;
CREATE TRIGGER sync_target_update AFTER UPDATE OF id, measure, worker_id, amount, period,
    created_at, updated_at, updated_by, deleted_at ON target
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.id IS NOT old.id COLLATE BINARY
        OR new.measure IS NOT old.measure COLLATE BINARY
        OR new.worker_id IS NOT old.worker_id COLLATE BINARY
        OR new.amount IS NOT old.amount COLLATE BINARY
        OR new.period IS NOT old.period COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('target', new.id, substr(
        iif(new.id IS NOT old.id COLLATE BINARY, ',id', '')
        || iif(new.measure IS NOT old.measure COLLATE BINARY, ',measure', '')
        || iif(new.worker_id IS NOT old.worker_id COLLATE BINARY, ',worker_id', '')
        || iif(new.amount IS NOT old.amount COLLATE BINARY, ',amount', '')
        || iif(new.period IS NOT old.period COLLATE BINARY, ',period', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.id IS NOT old.id COLLATE BINARY, ',id=' || quote(old.id), '')
        || iif(new.measure IS NOT old.measure COLLATE BINARY, ',measure=' || quote(old.measure), '')
        || iif(new.worker_id IS NOT old.worker_id COLLATE BINARY, ',worker_id=' || quote(old.worker_id), '')
        || iif(new.amount IS NOT old.amount COLLATE BINARY, ',amount=' || quote(old.amount), '')
        || iif(new.period IS NOT old.period COLLATE BINARY, ',period=' || quote(old.period), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_funding_insert AFTER INSERT ON funding
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('funding', new.id);
END;
CREATE TRIGGER sync_funding_update AFTER UPDATE OF id, funder, amount_pence, date, purpose, notes,
    created_at, updated_at, updated_by, deleted_at ON funding
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.id IS NOT old.id COLLATE BINARY
        OR new.funder IS NOT old.funder COLLATE BINARY
        OR new.amount_pence IS NOT old.amount_pence COLLATE BINARY
        OR new.date IS NOT old.date COLLATE BINARY
        OR new.purpose IS NOT old.purpose COLLATE BINARY
        OR new.notes IS NOT old.notes COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('funding', new.id, substr(
        iif(new.id IS NOT old.id COLLATE BINARY, ',id', '')
        || iif(new.funder IS NOT old.funder COLLATE BINARY, ',funder', '')
        || iif(new.amount_pence IS NOT old.amount_pence COLLATE BINARY, ',amount_pence', '')
        || iif(new.date IS NOT old.date COLLATE BINARY, ',date', '')
        || iif(new.purpose IS NOT old.purpose COLLATE BINARY, ',purpose', '')
        || iif(new.notes IS NOT old.notes COLLATE BINARY, ',notes', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.id IS NOT old.id COLLATE BINARY, ',id=' || quote(old.id), '')
        || iif(new.funder IS NOT old.funder COLLATE BINARY, ',funder=' || quote(old.funder), '')
        || iif(new.amount_pence IS NOT old.amount_pence COLLATE BINARY, ',amount_pence=' || quote(old.amount_pence), '')
        || iif(new.date IS NOT old.date COLLATE BINARY, ',date=' || quote(old.date), '')
        || iif(new.purpose IS NOT old.purpose COLLATE BINARY, ',purpose=' || quote(old.purpose), '')
        || iif(new.notes IS NOT old.notes COLLATE BINARY, ',notes=' || quote(old.notes), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_story_insert AFTER INSERT ON story
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('story', new.id);
END;
CREATE TRIGGER sync_story_update AFTER UPDATE OF id, title, body, voice, person_id, worker_id, date,
    consent_share, may_name, created_at, updated_at, updated_by, deleted_at ON story
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.id IS NOT old.id COLLATE BINARY
        OR new.title IS NOT old.title COLLATE BINARY
        OR new.body IS NOT old.body COLLATE BINARY
        OR new.voice IS NOT old.voice COLLATE BINARY
        OR new.person_id IS NOT old.person_id COLLATE BINARY
        OR new.worker_id IS NOT old.worker_id COLLATE BINARY
        OR new.date IS NOT old.date COLLATE BINARY
        OR new.consent_share IS NOT old.consent_share COLLATE BINARY
        OR new.may_name IS NOT old.may_name COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('story', new.id, substr(
        iif(new.id IS NOT old.id COLLATE BINARY, ',id', '')
        || iif(new.title IS NOT old.title COLLATE BINARY, ',title', '')
        || iif(new.body IS NOT old.body COLLATE BINARY, ',body', '')
        || iif(new.voice IS NOT old.voice COLLATE BINARY, ',voice', '')
        || iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id', '')
        || iif(new.worker_id IS NOT old.worker_id COLLATE BINARY, ',worker_id', '')
        || iif(new.date IS NOT old.date COLLATE BINARY, ',date', '')
        || iif(new.consent_share IS NOT old.consent_share COLLATE BINARY, ',consent_share', '')
        || iif(new.may_name IS NOT old.may_name COLLATE BINARY, ',may_name', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.id IS NOT old.id COLLATE BINARY, ',id=' || quote(old.id), '')
        || iif(new.title IS NOT old.title COLLATE BINARY, ',title=' || quote(old.title), '')
        || iif(new.body IS NOT old.body COLLATE BINARY, ',body=' || quote(old.body), '')
        || iif(new.voice IS NOT old.voice COLLATE BINARY, ',voice=' || quote(old.voice), '')
        || iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id=' || quote(old.person_id), '')
        || iif(new.worker_id IS NOT old.worker_id COLLATE BINARY, ',worker_id=' || quote(old.worker_id), '')
        || iif(new.date IS NOT old.date COLLATE BINARY, ',date=' || quote(old.date), '')
        || iif(new.consent_share IS NOT old.consent_share COLLATE BINARY, ',consent_share=' || quote(old.consent_share), '')
        || iif(new.may_name IS NOT old.may_name COLLATE BINARY, ',may_name=' || quote(old.may_name), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_story_person_insert AFTER INSERT ON story_person
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('story_person', new.story_id || '|' || new.person_id);
END;
CREATE TRIGGER sync_story_person_update AFTER UPDATE OF story_id, person_id, created_at, updated_at,
    updated_by, deleted_at ON story_person
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.story_id IS NOT old.story_id COLLATE BINARY
        OR new.person_id IS NOT old.person_id COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('story_person', new.story_id || '|' || new.person_id, substr(
        iif(new.story_id IS NOT old.story_id COLLATE BINARY, ',story_id', '')
        || iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.story_id IS NOT old.story_id COLLATE BINARY, ',story_id=' || quote(old.story_id), '')
        || iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id=' || quote(old.person_id), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_story_asset_insert AFTER INSERT ON story_asset
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('story_asset', new.story_id || '|' || new.asset_id);
END;
CREATE TRIGGER sync_story_asset_update AFTER UPDATE OF story_id, asset_id, created_at, updated_at,
    updated_by, deleted_at ON story_asset
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.story_id IS NOT old.story_id COLLATE BINARY
        OR new.asset_id IS NOT old.asset_id COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('story_asset', new.story_id || '|' || new.asset_id, substr(
        iif(new.story_id IS NOT old.story_id COLLATE BINARY, ',story_id', '')
        || iif(new.asset_id IS NOT old.asset_id COLLATE BINARY, ',asset_id', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.story_id IS NOT old.story_id COLLATE BINARY, ',story_id=' || quote(old.story_id), '')
        || iif(new.asset_id IS NOT old.asset_id COLLATE BINARY, ',asset_id=' || quote(old.asset_id), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_story_activity_insert AFTER INSERT ON story_activity
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('story_activity', new.story_id || '|' || new.activity_id);
END;
CREATE TRIGGER sync_story_activity_update AFTER UPDATE OF story_id, activity_id, created_at,
    updated_at, updated_by, deleted_at ON story_activity
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.story_id IS NOT old.story_id COLLATE BINARY
        OR new.activity_id IS NOT old.activity_id COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('story_activity', new.story_id || '|' || new.activity_id, substr(
        iif(new.story_id IS NOT old.story_id COLLATE BINARY, ',story_id', '')
        || iif(new.activity_id IS NOT old.activity_id COLLATE BINARY, ',activity_id', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.story_id IS NOT old.story_id COLLATE BINARY, ',story_id=' || quote(old.story_id), '')
        || iif(new.activity_id IS NOT old.activity_id COLLATE BINARY, ',activity_id=' || quote(old.activity_id), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_story_outcome_insert AFTER INSERT ON story_outcome
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('story_outcome', new.story_id || '|' || new.outcome);
END;
CREATE TRIGGER sync_story_outcome_update AFTER UPDATE OF story_id, outcome, created_at, updated_at,
    updated_by, deleted_at ON story_outcome
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.story_id IS NOT old.story_id COLLATE BINARY
        OR new.outcome IS NOT old.outcome COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('story_outcome', new.story_id || '|' || new.outcome, substr(
        iif(new.story_id IS NOT old.story_id COLLATE BINARY, ',story_id', '')
        || iif(new.outcome IS NOT old.outcome COLLATE BINARY, ',outcome', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.story_id IS NOT old.story_id COLLATE BINARY, ',story_id=' || quote(old.story_id), '')
        || iif(new.outcome IS NOT old.outcome COLLATE BINARY, ',outcome=' || quote(old.outcome), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_partnership_insert AFTER INSERT ON partnership
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('partnership', new.id);
END;
CREATE TRIGGER sync_partnership_update AFTER UPDATE OF id, name, purpose, since, status, ended,
    notes, created_at, updated_at, updated_by, deleted_at ON partnership
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.id IS NOT old.id COLLATE BINARY
        OR new.name IS NOT old.name COLLATE BINARY
        OR new.purpose IS NOT old.purpose COLLATE BINARY
        OR new.since IS NOT old.since COLLATE BINARY
        OR new.status IS NOT old.status COLLATE BINARY
        OR new.ended IS NOT old.ended COLLATE BINARY
        OR new.notes IS NOT old.notes COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('partnership', new.id, substr(
        iif(new.id IS NOT old.id COLLATE BINARY, ',id', '')
        || iif(new.name IS NOT old.name COLLATE BINARY, ',name', '')
        || iif(new.purpose IS NOT old.purpose COLLATE BINARY, ',purpose', '')
        || iif(new.since IS NOT old.since COLLATE BINARY, ',since', '')
        || iif(new.status IS NOT old.status COLLATE BINARY, ',status', '')
        || iif(new.ended IS NOT old.ended COLLATE BINARY, ',ended', '')
        || iif(new.notes IS NOT old.notes COLLATE BINARY, ',notes', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.id IS NOT old.id COLLATE BINARY, ',id=' || quote(old.id), '')
        || iif(new.name IS NOT old.name COLLATE BINARY, ',name=' || quote(old.name), '')
        || iif(new.purpose IS NOT old.purpose COLLATE BINARY, ',purpose=' || quote(old.purpose), '')
        || iif(new.since IS NOT old.since COLLATE BINARY, ',since=' || quote(old.since), '')
        || iif(new.status IS NOT old.status COLLATE BINARY, ',status=' || quote(old.status), '')
        || iif(new.ended IS NOT old.ended COLLATE BINARY, ',ended=' || quote(old.ended), '')
        || iif(new.notes IS NOT old.notes COLLATE BINARY, ',notes=' || quote(old.notes), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_partner_insert AFTER INSERT ON partner
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('partner', new.partnership_id || '|' || new.asset_id);
END;
CREATE TRIGGER sync_partner_update AFTER UPDATE OF partnership_id, asset_id, created_at, updated_at,
    updated_by, deleted_at ON partner
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.partnership_id IS NOT old.partnership_id COLLATE BINARY
        OR new.asset_id IS NOT old.asset_id COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('partner', new.partnership_id || '|' || new.asset_id, substr(
        iif(new.partnership_id IS NOT old.partnership_id COLLATE BINARY, ',partnership_id', '')
        || iif(new.asset_id IS NOT old.asset_id COLLATE BINARY, ',asset_id', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.partnership_id IS NOT old.partnership_id COLLATE BINARY, ',partnership_id=' || quote(old.partnership_id), '')
        || iif(new.asset_id IS NOT old.asset_id COLLATE BINARY, ',asset_id=' || quote(old.asset_id), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_readiness_insert AFTER INSERT ON readiness
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('readiness', new.id);
END;
CREATE TRIGGER sync_readiness_update AFTER UPDATE OF id, date, title, notes, worker_id, created_at,
    updated_at, updated_by, deleted_at ON readiness
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.id IS NOT old.id COLLATE BINARY
        OR new.date IS NOT old.date COLLATE BINARY
        OR new.title IS NOT old.title COLLATE BINARY
        OR new.notes IS NOT old.notes COLLATE BINARY
        OR new.worker_id IS NOT old.worker_id COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('readiness', new.id, substr(
        iif(new.id IS NOT old.id COLLATE BINARY, ',id', '')
        || iif(new.date IS NOT old.date COLLATE BINARY, ',date', '')
        || iif(new.title IS NOT old.title COLLATE BINARY, ',title', '')
        || iif(new.notes IS NOT old.notes COLLATE BINARY, ',notes', '')
        || iif(new.worker_id IS NOT old.worker_id COLLATE BINARY, ',worker_id', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.id IS NOT old.id COLLATE BINARY, ',id=' || quote(old.id), '')
        || iif(new.date IS NOT old.date COLLATE BINARY, ',date=' || quote(old.date), '')
        || iif(new.title IS NOT old.title COLLATE BINARY, ',title=' || quote(old.title), '')
        || iif(new.notes IS NOT old.notes COLLATE BINARY, ',notes=' || quote(old.notes), '')
        || iif(new.worker_id IS NOT old.worker_id COLLATE BINARY, ',worker_id=' || quote(old.worker_id), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_readiness_answer_insert AFTER INSERT ON readiness_answer
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('readiness_answer', new.readiness_id || '|' || new.question);
END;
CREATE TRIGGER sync_readiness_answer_update AFTER UPDATE OF readiness_id, question, rating,
    evidence, created_at, updated_at, updated_by, deleted_at ON readiness_answer
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.readiness_id IS NOT old.readiness_id COLLATE BINARY
        OR new.question IS NOT old.question COLLATE BINARY
        OR new.rating IS NOT old.rating COLLATE BINARY
        OR new.evidence IS NOT old.evidence COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('readiness_answer', new.readiness_id || '|' || new.question, substr(
        iif(new.readiness_id IS NOT old.readiness_id COLLATE BINARY, ',readiness_id', '')
        || iif(new.question IS NOT old.question COLLATE BINARY, ',question', '')
        || iif(new.rating IS NOT old.rating COLLATE BINARY, ',rating', '')
        || iif(new.evidence IS NOT old.evidence COLLATE BINARY, ',evidence', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.readiness_id IS NOT old.readiness_id COLLATE BINARY, ',readiness_id=' || quote(old.readiness_id), '')
        || iif(new.question IS NOT old.question COLLATE BINARY, ',question=' || quote(old.question), '')
        || iif(new.rating IS NOT old.rating COLLATE BINARY, ',rating=' || quote(old.rating), '')
        || iif(new.evidence IS NOT old.evidence COLLATE BINARY, ',evidence=' || quote(old.evidence), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_erasure_insert AFTER INSERT ON erasure
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('erasure', new.person_id);
END;
CREATE TRIGGER sync_erasure_update AFTER UPDATE OF person_id, erased_at, created_at, updated_at,
    updated_by, deleted_at ON erasure
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.person_id IS NOT old.person_id COLLATE BINARY
        OR new.erased_at IS NOT old.erased_at COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('erasure', new.person_id, substr(
        iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id', '')
        || iif(new.erased_at IS NOT old.erased_at COLLATE BINARY, ',erased_at', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.person_id IS NOT old.person_id COLLATE BINARY, ',person_id=' || quote(old.person_id), '')
        || iif(new.erased_at IS NOT old.erased_at COLLATE BINARY, ',erased_at=' || quote(old.erased_at), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
CREATE TRIGGER sync_setting_insert AFTER INSERT ON setting
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND new.key NOT IN ('demo', 'password_dummy', 'password_mem', 'password_ops', 'venue') BEGIN
    INSERT INTO sync_outbox (tbl, key) VALUES ('setting', new.key);
END;
CREATE TRIGGER sync_setting_update AFTER UPDATE OF key, value, created_at, updated_at, updated_by,
    deleted_at ON setting
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND new.key NOT IN ('demo', 'password_dummy', 'password_mem', 'password_ops', 'venue') AND (
        new.key IS NOT old.key COLLATE BINARY
        OR new.value IS NOT old.value COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('setting', new.key, substr(
        iif(new.key IS NOT old.key COLLATE BINARY, ',key', '')
        || iif(new.value IS NOT old.value COLLATE BINARY, ',value', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', ''), 2),
        iif(new.key IS NOT old.key COLLATE BINARY, ',key=' || quote(old.key), '')
        || iif(new.value IS NOT old.value COLLATE BINARY, ',value=' || quote(old.value), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), ''));
END;
