-- Schema 7 -> 8: searching referrals, conversations and wellbeing scores by a person's or
-- an asset's name tries rows one by one while most of them match (page.c); each try looks up
-- the record it refers to for its place in the search index. These indexes hold that pair,
-- so the try reads an index entry, not the whole row.
CREATE INDEX person_search_key ON person (id, fts_rowid);
CREATE INDEX asset_search_key ON asset (id, fts_rowid);
