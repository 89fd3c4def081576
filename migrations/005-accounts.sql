-- Schema 4 -> 5: accounts that log in and lock, an audit trail that knows whose record each
-- row concerns, and review dates that follow the last contact.
ALTER TABLE worker ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE worker ADD COLUMN locked_until TEXT;
ALTER TABLE worker ADD COLUMN last_login TEXT;
ALTER TABLE audit ADD COLUMN person_id TEXT;
CREATE INDEX audit_by_person ON audit (person_id, seq) WHERE person_id IS NOT NULL;
CREATE INDEX audit_by_action ON audit (action, created_at);
-- A person is reviewed (kept or erased) a retention period after the last contact: when
-- they were added, met, referred or asked how they are. retention_months is a setting.
CREATE TRIGGER review_after_person AFTER INSERT ON person WHEN new.review_date IS NULL BEGIN
    UPDATE person SET review_date = date(substr(new.created_at, 1, 10), '+' || coalesce(
        (SELECT value FROM setting WHERE key = 'retention_months' AND deleted_at IS NULL),
        '24') || ' months')
    WHERE id = new.id;
END;
CREATE TRIGGER review_after_conversation AFTER INSERT ON conversation
    WHEN new.deleted_at IS NULL BEGIN
    UPDATE person SET review_date = max(coalesce(review_date, ''), date(new.date, '+' ||
        coalesce((SELECT value FROM setting WHERE key = 'retention_months'
                  AND deleted_at IS NULL), '24') || ' months'))
    WHERE id = new.person_id AND deleted_at IS NULL;
END;
CREATE TRIGGER review_after_referral AFTER INSERT ON referral WHEN new.deleted_at IS NULL BEGIN
    UPDATE person SET review_date = max(coalesce(review_date, ''), date(new.date, '+' ||
        coalesce((SELECT value FROM setting WHERE key = 'retention_months'
                  AND deleted_at IS NULL), '24') || ' months'))
    WHERE id = new.person_id AND deleted_at IS NULL;
END;
CREATE TRIGGER review_after_wellbeing AFTER INSERT ON wellbeing WHEN new.deleted_at IS NULL BEGIN
    UPDATE person SET review_date = max(coalesce(review_date, ''), date(new.date, '+' ||
        coalesce((SELECT value FROM setting WHERE key = 'retention_months'
                  AND deleted_at IS NULL), '24') || ' months'))
    WHERE id = new.person_id AND deleted_at IS NULL;
END;
