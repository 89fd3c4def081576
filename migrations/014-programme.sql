-- Schema 13 -> 14: what the programme report reads from indexes. The targets listed in their
-- order (by measure, the programme's first, then each worker's), as every list is; and each
-- worker's referrals by date, and those that reached attended by date with the person, so
-- that a year's referrals are counted worker by worker, and the residents participating
-- found, without reading a million rows (conversations and activities have theirs already).
CREATE INDEX target_by_measure ON target (measure, coalesce(worker_id, ''), id)
    WHERE deleted_at IS NULL;
CREATE INDEX referral_worker ON referral (worker_id, date) WHERE deleted_at IS NULL;
CREATE INDEX referral_attended ON referral (date, person_id)
    WHERE deleted_at IS NULL AND status = 'attended';
