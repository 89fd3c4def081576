-- Schema 11 -> 12: the Network screen's last figures, kept so that it opens at once.

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
    deleted_at ON referral BEGIN
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
