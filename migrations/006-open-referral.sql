-- Schema 5 -> 6: an asset imported from an Open Referral (HSDS) directory keeps the
-- directory's id, so that importing the directory again updates it.
ALTER TABLE asset ADD COLUMN hsds_id TEXT;
CREATE UNIQUE INDEX asset_by_hsds_id ON asset (hsds_id) WHERE hsds_id <> '';
