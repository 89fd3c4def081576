-- Schema 10 -> 11: people found by their gifts, passions and what matters to them, assets by
-- their tags. The names of a row's live tags are kept on the row (tag_words, kept by the
-- triggers below) so that the search index, which removes a row with the values it was
-- indexed under, always has them; the indexes are rebuilt from the live rows.
ALTER TABLE person ADD COLUMN tag_words TEXT NOT NULL DEFAULT '';
ALTER TABLE asset ADD COLUMN tag_words TEXT NOT NULL DEFAULT '';
ALTER TABLE fts_queue ADD COLUMN c8 TEXT;
ALTER TABLE fts_queue ADD COLUMN c9 TEXT;
DROP TRIGGER person_search_insert;
DROP TRIGGER person_search_update;
DROP TRIGGER asset_search_insert;
DROP TRIGGER asset_search_update;
UPDATE person SET tag_words = coalesce((SELECT group_concat(g.name, ' ') FROM person_tag k
    JOIN tag g ON g.id = k.tag_id WHERE k.person_id = person.id AND k.deleted_at IS NULL
    AND g.deleted_at IS NULL), '');
UPDATE asset SET tag_words = coalesce((SELECT group_concat(g.name, ' ') FROM asset_tag k
    JOIN tag g ON g.id = k.tag_id WHERE k.asset_id = asset.id AND k.deleted_at IS NULL
    AND g.deleted_at IS NULL), '');
DROP TABLE person_fts;
DROP VIEW person_search;
CREATE VIEW person_search AS
    SELECT fts_rowid, given_name, family_name, preferred_name, postcode, neighbourhood, email, phone,
           what_matters, tag_words
    FROM person WHERE deleted_at IS NULL;
CREATE VIRTUAL TABLE person_fts USING fts5(
    given_name, family_name, preferred_name, postcode, neighbourhood, email, phone,
    what_matters, tag_words,
    content = 'person_search', content_rowid = 'fts_rowid',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4');
INSERT INTO person_fts (person_fts) VALUES ('rebuild');
DROP TABLE asset_fts;
DROP VIEW asset_search;
CREATE VIEW asset_search AS
    SELECT fts_rowid, name, description, neighbourhood, postcode, tag_words
    FROM asset WHERE deleted_at IS NULL;
CREATE VIRTUAL TABLE asset_fts USING fts5(
    name, description, neighbourhood, postcode, tag_words,
    content = 'asset_search', content_rowid = 'fts_rowid',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4');
INSERT INTO asset_fts (asset_fts) VALUES ('rebuild');
DELETE FROM fts_queue;
-- What matching a person reads of each asset their gifts find (match.c), from an index
-- rather than the row, which holds its description, address and contacts besides.
CREATE INDEX asset_match
    ON asset (fts_rowid, status, category, neighbourhood, last_verified, capacity, name, id,
              person_id)
    WHERE deleted_at IS NULL;
-- the search triggers carry the new columns; the tag triggers keep tag_words
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
