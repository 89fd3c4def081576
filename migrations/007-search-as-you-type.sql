-- Schema 6 -> 7: borough-sized search as you type and paging.
-- The full-text indexes get a prefix index for every length typed up to four letters, so
-- that no keystroke has to merge all the terms that begin with what was typed (a first
-- letter, "O" of O'Neill, a fourth letter); rebuilt from the live rows.
DROP TABLE person_fts;
CREATE VIRTUAL TABLE person_fts USING fts5(
    given_name, family_name, preferred_name, postcode, neighbourhood, email, phone,
    content = 'person_search', content_rowid = 'fts_rowid',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4');
INSERT INTO person_fts (person_fts) VALUES ('rebuild');
DROP TABLE asset_fts;
CREATE VIRTUAL TABLE asset_fts USING fts5(
    name, description, neighbourhood, postcode,
    content = 'asset_search', content_rowid = 'fts_rowid',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4');
INSERT INTO asset_fts (asset_fts) VALUES ('rebuild');
-- the rebuilt indexes hold every live row: changes still queued are in them already
DELETE FROM fts_queue;
-- The likely-duplicate check of an import (same name, and postcode or year of birth) reads
-- the name index alone.
DROP INDEX person_by_given;
CREATE INDEX person_by_given
    ON person (given_name COLLATE NOCASE, family_name COLLATE NOCASE, id, postcode, birth_year,
               deleted_at)
    WHERE deleted_at IS NULL;
-- Lists by family name page from where each page starts: sqlite starts an index scan at a
-- page's bound only when the index's first column is a column, not an expression, so people
-- with no family name are no longer kept apart at the end.
DROP INDEX person_by_family;
CREATE INDEX person_by_family
    ON person (family_name COLLATE NOCASE, given_name COLLATE NOCASE, id)
    WHERE deleted_at IS NULL;
DROP INDEX person_by_neighbourhood;
CREATE INDEX person_by_neighbourhood
    ON person (neighbourhood COLLATE NOCASE, family_name COLLATE NOCASE,
               given_name COLLATE NOCASE, id)
    WHERE deleted_at IS NULL;
