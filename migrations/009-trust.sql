-- Schema 8 -> 9: what a shared laptop needs to be trusted.

-- Accounts' keys, and the seal of the audit trail (see schema.sql). An account gets its keys
-- at its next login; the trail's key is made then if no account has it.
ALTER TABLE worker ADD COLUMN public_key TEXT;
ALTER TABLE worker ADD COLUMN secret_key TEXT;
ALTER TABLE worker ADD COLUMN trail_key TEXT;
ALTER TABLE worker ADD COLUMN key_vouch TEXT;
ALTER TABLE audit ADD COLUMN mac TEXT;
CREATE TABLE audit_seal (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    seq       INTEGER NOT NULL,
    hash      TEXT NOT NULL,
    mac       TEXT NOT NULL,
    sealed_at TEXT NOT NULL
);

-- What a reference to an asset reads includes whose gift it is: a restricted person's
-- shows only as "Restricted record" to those who may not see them.
DROP INDEX asset_key;
CREATE INDEX asset_key ON asset (id, fts_rowid, name, person_id);

-- The register of erasures, begun from the erasures the audit trail recorded.
CREATE TABLE erasure (
    person_id  TEXT PRIMARY KEY NOT NULL CHECK (length(person_id) = 36),
    erased_at  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT REFERENCES worker (id),
    deleted_at TEXT CHECK (deleted_at IS NULL)
) WITHOUT ROWID;
INSERT OR IGNORE INTO erasure (person_id, erased_at, created_at, updated_at, updated_by)
    SELECT record_id, created_at, created_at, created_at, worker_id FROM audit
    WHERE action = 'erase' AND length(record_id) = 36 ORDER BY seq;
CREATE TRIGGER erasure_no_update BEFORE UPDATE ON erasure
    BEGIN SELECT RAISE(ABORT, 'the register of erasures is append-only'); END;
CREATE TRIGGER erasure_no_delete BEFORE DELETE ON erasure
    BEGIN SELECT RAISE(ABORT, 'the register of erasures is append-only'); END;

-- Drafts: a form's unsaved typing, kept for the worker who typed it when kith had to stop or
-- another worker logged in at the lock screen, offered back at their next login.
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
