-- Schema 1 -> 2: keep every change of a person's consent, with its date and worker; list
-- groups by neighbourhood from an index; sort people with no family name after the others.
-- The definitions are those of schema.sql at version 2; tests/test_migrate.c checks that a
-- migrated file ends with exactly the schema a new one gets.
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
CREATE TRIGGER consent_event_keep BEFORE DELETE ON consent_event
    BEGIN SELECT RAISE(ABORT, 'kith keeps tombstones: set deleted_at instead of deleting'); END;
CREATE TRIGGER consent_on_insert AFTER INSERT ON person WHEN new.consent_status <> 'not_asked'
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
    WHEN new.consent_status IS NOT old.consent_status OR new.consent_basis IS NOT old.consent_basis
BEGIN
    INSERT INTO consent_event (id, person_id, status, basis, date, created_at, updated_at,
                               updated_by)
    VALUES (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
            substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) ||
            substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
            new.id, new.consent_status, new.consent_basis, new.consent_date, new.updated_at,
            new.updated_at, coalesce(new.consent_by, new.updated_by));
END;
-- groups (or any category of asset) listed by neighbourhood
CREATE INDEX asset_by_category_neighbourhood
    ON asset (category, neighbourhood COLLATE NOCASE, name COLLATE NOCASE, id)
    WHERE deleted_at IS NULL;
DROP INDEX person_by_family;
CREATE INDEX person_by_family
    ON person (family_name = '', family_name COLLATE NOCASE, given_name COLLATE NOCASE, id)
    WHERE deleted_at IS NULL;
DROP INDEX person_by_neighbourhood;
CREATE INDEX person_by_neighbourhood
    ON person (neighbourhood COLLATE NOCASE, family_name = '', family_name COLLATE NOCASE,
               given_name COLLATE NOCASE, id)
    WHERE deleted_at IS NULL;
-- what was known before the history began: each person's consent as it stands
INSERT INTO consent_event (id, person_id, status, basis, date, created_at, updated_at, updated_by)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
       substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) ||
       substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
       id, consent_status, consent_basis, consent_date, updated_at, updated_at,
       coalesce(consent_by, updated_by)
FROM person WHERE consent_status <> 'not_asked' AND deleted_at IS NULL;
