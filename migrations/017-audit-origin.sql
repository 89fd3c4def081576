-- Schema 16 -> 17: the audit trails of other laptops, pulled through the hub, stand in the
-- same table as this laptop's own (the Audit screen, kith audit, a person's history and a
-- subject access read them all): origin says whose trail a row is of ('' this laptop's), and
-- a row's number is unique within its trail, not the table. The table is built again, its
-- rows copied in their order, its indexes (those a list reads in time order now end in the
-- row's time, number and id) and append-only guards made anew; audit_sync keeps where the
-- trail stands with the hub's copy, audit_tip where each other laptop's trail stands here.
CREATE TABLE audit_new (
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
INSERT INTO audit_new (id, seq, worker_id, action, entity, record_id, fields, detail,
                       prev_hash, hash, created_at, updated_at, updated_by, deleted_at,
                       person_id, mac)
    SELECT id, seq, worker_id, action, entity, record_id, fields, detail, prev_hash, hash,
           created_at, updated_at, updated_by, deleted_at, person_id, mac
    FROM audit ORDER BY seq;
DROP TABLE audit;
ALTER TABLE audit_new RENAME TO audit;
CREATE UNIQUE INDEX audit_chain ON audit (origin, seq);
CREATE INDEX audit_by_record ON audit (record_id, seq) WHERE record_id IS NOT NULL;
CREATE INDEX audit_by_worker ON audit (worker_id, created_at, seq, id);
CREATE INDEX audit_by_time ON audit (created_at, seq, id);
CREATE INDEX audit_by_person ON audit (person_id, created_at, seq, id)
    WHERE person_id IS NOT NULL;
CREATE INDEX audit_by_action ON audit (action, created_at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

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
