-- Schema 14 -> 15: the programme report at borough size. The referrals that reached
-- attended by person and date (they were by date), so that the residents participating are
-- one look-up per person rather than a quarter of a million referrals gathered and made
-- distinct; and each day's live conversations with their worker, so that a year's are
-- counted by month and worker from the index alone (an erased person's tombstones, which
-- count too, are found from the erasures).
DROP INDEX referral_attended;
CREATE INDEX referral_attended ON referral (person_id, date)
    WHERE deleted_at IS NULL AND status = 'attended';
CREATE INDEX conversation_by_day_worker ON conversation (date, worker_id)
    WHERE deleted_at IS NULL;
