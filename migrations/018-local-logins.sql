-- Schema 17 -> 18: an account's logins are this laptop's own. last_login, failed_logins and
-- locked_until no longer travel to the hub (every login pushed the account's row, so every
-- laptop's logins went everywhere and made conflicts; a lockout after failures here is this
-- laptop's defence): the worker's capture trigger is made again without them (syncdb.c's
-- SYNCDB_TABLES names them local, as tools/sync-triggers does).
DROP TRIGGER sync_worker_update;
CREATE TRIGGER sync_worker_update AFTER UPDATE OF id, username, display_name, role, password_hash,
    disabled, created_at, updated_at, updated_by, deleted_at, public_key, secret_key ON worker
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND joined = 1 AND applying = 0) AND (
        new.id IS NOT old.id COLLATE BINARY
        OR new.username IS NOT old.username COLLATE BINARY
        OR new.display_name IS NOT old.display_name COLLATE BINARY
        OR new.role IS NOT old.role COLLATE BINARY
        OR new.password_hash IS NOT old.password_hash COLLATE BINARY
        OR new.disabled IS NOT old.disabled COLLATE BINARY
        OR new.created_at IS NOT old.created_at COLLATE BINARY
        OR new.updated_at IS NOT old.updated_at COLLATE BINARY
        OR new.updated_by IS NOT old.updated_by COLLATE BINARY
        OR new.deleted_at IS NOT old.deleted_at COLLATE BINARY
        OR new.public_key IS NOT old.public_key COLLATE BINARY
        OR new.secret_key IS NOT old.secret_key COLLATE BINARY) BEGIN
    INSERT INTO sync_outbox (tbl, key, cols, old)
    VALUES ('worker', new.id, substr(
        iif(new.id IS NOT old.id COLLATE BINARY, ',id', '')
        || iif(new.username IS NOT old.username COLLATE BINARY, ',username', '')
        || iif(new.display_name IS NOT old.display_name COLLATE BINARY, ',display_name', '')
        || iif(new.role IS NOT old.role COLLATE BINARY, ',role', '')
        || iif(new.password_hash IS NOT old.password_hash COLLATE BINARY, ',password_hash', '')
        || iif(new.disabled IS NOT old.disabled COLLATE BINARY, ',disabled', '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at', '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at', '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by', '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at', '')
        || iif(new.public_key IS NOT old.public_key COLLATE BINARY, ',public_key', '')
        || iif(new.secret_key IS NOT old.secret_key COLLATE BINARY, ',secret_key', ''), 2),
        iif(new.id IS NOT old.id COLLATE BINARY, ',id=' || quote(old.id), '')
        || iif(new.username IS NOT old.username COLLATE BINARY, ',username=' || quote(old.username), '')
        || iif(new.display_name IS NOT old.display_name COLLATE BINARY, ',display_name=' || quote(old.display_name), '')
        || iif(new.role IS NOT old.role COLLATE BINARY, ',role=' || quote(old.role), '')
        || iif(new.password_hash IS NOT old.password_hash COLLATE BINARY, ',password_hash=' || quote(old.password_hash), '')
        || iif(new.disabled IS NOT old.disabled COLLATE BINARY, ',disabled=' || quote(old.disabled), '')
        || iif(new.created_at IS NOT old.created_at COLLATE BINARY, ',created_at=' || quote(old.created_at), '')
        || iif(new.updated_at IS NOT old.updated_at COLLATE BINARY, ',updated_at=' || quote(old.updated_at), '')
        || iif(new.updated_by IS NOT old.updated_by COLLATE BINARY, ',updated_by=' || quote(old.updated_by), '')
        || iif(new.deleted_at IS NOT old.deleted_at COLLATE BINARY, ',deleted_at=' || quote(old.deleted_at), '')
        || iif(new.public_key IS NOT old.public_key COLLATE BINARY, ',public_key=' || quote(old.public_key), '')
        || iif(new.secret_key IS NOT old.secret_key COLLATE BINARY, ',secret_key=' || quote(old.secret_key), ''));
END;
