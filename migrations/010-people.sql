-- Schema 9 -> 10: people recorded twice, and people by family name.

-- A person merged into another stays as a tombstone that says whom they became, so that an
-- id written down before the merge still leads somewhere.
ALTER TABLE person ADD COLUMN merged_into TEXT REFERENCES person (id);

-- People without a family name come after those with one: the first key says which it is,
-- and both orders of people by family name (alone, and within a neighbourhood) read it from
-- the index.
DROP INDEX person_by_family;
CREATE INDEX person_by_family
    ON person ((family_name = ''), family_name COLLATE NOCASE, given_name COLLATE NOCASE, id)
    WHERE deleted_at IS NULL;
DROP INDEX person_by_neighbourhood;
CREATE INDEX person_by_neighbourhood
    ON person (neighbourhood COLLATE NOCASE, (family_name = ''), family_name COLLATE NOCASE,
               given_name COLLATE NOCASE, id)
    WHERE deleted_at IS NULL;
