-- Schema 3 -> 4: the index of a person's referrals also holds where each came from and went,
-- so reading the journeys through a busy asset needs no lookups in the referral table.
DROP INDEX referral_person;
CREATE INDEX referral_person
    ON referral (person_id, date, id, from_asset_id, to_asset_id, deleted_at);
