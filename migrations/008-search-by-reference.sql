-- Schema 7 -> 8: what a record that refers to a person or an asset reads of it, from an
-- index rather than the row: its place in the search index (searching referrals,
-- conversations and wellbeing scores by a name tries rows one by one while most of them
-- match, page.c) and its name (the names on a page of a list, entity_read_names).
CREATE INDEX person_key
    ON person (id, fts_rowid, restricted, preferred_name, given_name, family_name);
CREATE INDEX asset_key ON asset (id, fts_rowid, name);
