-- Schema 2 -> 3: the referral network by month, kept by triggers, so that the graph of a
-- period loads from these sums instead of grouping every referral each time.
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
    ON referral BEGIN
    UPDATE referral_flow SET n = n - 1
    WHERE old.deleted_at IS NULL AND month = substr(old.date, 1, 7)
      AND from_rowid = (SELECT fts_rowid FROM asset WHERE id = old.from_asset_id)
      AND to_rowid = (SELECT fts_rowid FROM asset WHERE id = old.to_asset_id);
    DELETE FROM referral_flow WHERE n = 0 AND month = substr(old.date, 1, 7);
    INSERT INTO referral_flow (month, from_rowid, to_rowid, n)
    SELECT substr(new.date, 1, 7), f.fts_rowid, t.fts_rowid, 1
    FROM asset f, asset t
    WHERE new.deleted_at IS NULL AND f.id = new.from_asset_id AND t.id = new.to_asset_id
    ON CONFLICT (month, from_rowid, to_rowid) DO UPDATE SET n = n + 1;
END;
INSERT INTO referral_flow (month, from_rowid, to_rowid, n)
SELECT substr(r.date, 1, 7), f.fts_rowid, t.fts_rowid, count(*)
FROM referral r JOIN asset f ON f.id = r.from_asset_id JOIN asset t ON t.id = r.to_asset_id
WHERE r.deleted_at IS NULL
GROUP BY 1, 2, 3;
