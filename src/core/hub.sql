-- The hub: a PostgreSQL database every laptop of a programme syncs through (issue 17). It holds
-- each travelling row generically (table, key, the travelling columns as jsonb), so it needs no
-- copy of kith's schema and laptops of different kith versions share it. It decides everything:
-- it merges each push column by column, stamps what it touched with the next number of kith.seq
-- under one advisory lock (commit order = sequence order, so a pull never skips a row), and the
-- laptops take its rows. Laptops reach it only through the SECURITY DEFINER functions below;
-- their roles can read no table. Run whole, in one transaction, by hub_schema_install (kith hub
-- init): idempotent, so running it on a hub already set up changes nothing it holds.

SET LOCAL client_min_messages = warning;
SELECT pg_advisory_xact_lock(hashtext('kith.install'));

CREATE SCHEMA IF NOT EXISTS kith;
REVOKE ALL ON SCHEMA kith FROM PUBLIC;

CREATE TABLE IF NOT EXISTS kith.meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);
-- 'schema': this file's version (2: pull's quiet, kith.row.echo; 3: kith.erasures_waiting);
-- 'data_version': the newest kith SCHEMA_VERSION that ran kith hub init here
INSERT INTO kith.meta VALUES ('schema', '3'), ('data_version', '0') ON CONFLICT (key) DO NOTHING;

CREATE TABLE IF NOT EXISTS kith.laptop (
    name       text PRIMARY KEY CHECK (name ~ '^[a-z0-9-]{1,40}$'),
    role       name UNIQUE NOT NULL,
    admin      boolean NOT NULL DEFAULT false,
    added_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    last_seen  timestamptz,
    cursor     bigint NOT NULL DEFAULT 0, -- the hub seq this laptop had applied at its last pull
    version    int                        -- the kith SCHEMA_VERSION it last reported
);

CREATE SEQUENCE IF NOT EXISTS kith.seq;

CREATE TABLE IF NOT EXISTS kith.row (
    tbl    text NOT NULL,
    key    text NOT NULL,
    data   jsonb NOT NULL,
    seq    bigint NOT NULL,
    laptop text,            -- the laptop that last touched it
    PRIMARY KEY (tbl, key)
);
-- the row is what its laptop sent (every column it sent holds the value it sent): pulling it
-- back, that laptop has nothing to apply
ALTER TABLE kith.row ADD COLUMN IF NOT EXISTS echo boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX IF NOT EXISTS row_by_seq ON kith.row (seq);
-- push asks "an erasure after my base?" every time: a tiny index answers it
CREATE INDEX IF NOT EXISTS row_erasure ON kith.row (seq) WHERE tbl = 'erasure';

-- every batch a laptop pushed and what it was told, so a batch sent again (its answer lost) is a
-- no-op that gets the same answer
CREATE TABLE IF NOT EXISTS kith.batch (
    laptop text NOT NULL,
    id     uuid NOT NULL,
    at     timestamptz NOT NULL DEFAULT now(),
    result jsonb NOT NULL,
    PRIMARY KEY (laptop, id)
);

-- a value a later change replaced (or a referral's move back that was refused): the audit of
-- conflicts. Purged for a person when their erasure arrives.
CREATE TABLE IF NOT EXISTS kith.conflict (
    n           bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    tbl         text NOT NULL,
    key         text NOT NULL,
    col         text NOT NULL,
    kept        jsonb,
    lost        jsonb,
    kept_laptop text,
    lost_laptop text,
    person_id   text
);
CREATE INDEX IF NOT EXISTS conflict_person ON kith.conflict (person_id) WHERE person_id IS NOT NULL;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kith_laptops') THEN
        CREATE ROLE kith_laptops NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kith_admins') THEN
        CREATE ROLE kith_admins NOLOGIN IN ROLE kith_laptops;
    END IF;
END
$$;

-- Helpers, called only from the functions below (as the hub's owner). Plain SQL without SET
-- so that the planner inlines them into push's statements.

-- how far on a referral's status is: a status only moves forward
CREATE OR REPLACE FUNCTION kith.rank(status text) RETURNS int
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE status WHEN 'contacted' THEN 1 WHEN 'attended' THEN 2 WHEN 'declined' THEN 2
                       WHEN 'did_not_attend' THEN 2 WHEN 'closed' THEN 3 ELSE 0 END
$$;

-- a push's changes, numbered; rnd numbers the changes of one row in order (1 for the first), so
-- a batch naming a row twice is applied as rounds in which each row appears once
CREATE OR REPLACE FUNCTION kith.changes(changes jsonb)
RETURNS TABLE (ord bigint, t text, k text, c jsonb, o jsonb, d jsonb, rnd bigint)
LANGUAGE sql IMMUTABLE AS $$
    SELECT e.n, e.v ->> 't', e.v ->> 'k', e.v -> 'c', e.v -> 'o', e.v -> 'd',
           row_number() OVER (PARTITION BY e.v ->> 't', e.v ->> 'k' ORDER BY e.n)
    FROM pg_catalog.jsonb_array_elements(changes) WITH ORDINALITY AS e (v, n)
$$;

-- the columns a change sets: those it names (every column of its data when it names none); a
-- referral's status_date goes with its status
CREATE OR REPLACE FUNCTION kith.columns(t text, c jsonb, d jsonb) RETURNS SETOF text
LANGUAGE sql IMMUTABLE AS $$
    SELECT x FROM pg_catalog.jsonb_array_elements_text(
        CASE WHEN pg_catalog.jsonb_typeof(c) = 'array' THEN c ELSE '[]' END) AS x
    UNION
    SELECT x FROM pg_catalog.jsonb_object_keys(
        CASE WHEN pg_catalog.jsonb_typeof(c) = 'array' THEN '{}' ELSE d END) AS x
    UNION
    SELECT 'status_date' WHERE t = 'referral' AND pg_catalog.jsonb_typeof(c) = 'array'
                               AND c ? 'status'
$$;

-- whose row it is, for purging conflicts at an erasure
CREATE OR REPLACE FUNCTION kith.person_of(t text, k text, data jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN t IN ('person', 'erasure') THEN k ELSE data ->> 'person_id' END
$$;

-- the laptop calling, from its login role; refuses a revoked or unknown one
CREATE OR REPLACE FUNCTION kith.me() RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = kith, pg_temp AS $$
DECLARE
    v_name text;
    v_revoked timestamptz;
BEGIN
    SELECT l.name, l.revoked_at INTO v_name, v_revoked FROM kith.laptop l
        WHERE l.role = session_user;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'kith: not a laptop of this hub' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF v_revoked IS NOT NULL THEN
        RAISE EXCEPTION 'kith: this laptop was revoked' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN v_name;
END
$$;

-- add_laptop and revoke_laptop: the hub's owner, or an admin laptop that is not revoked (a
-- laptop that is no admin has no EXECUTE on them at all)
CREATE OR REPLACE FUNCTION kith.admin_check() RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = kith, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM kith.laptop l WHERE l.role = session_user) THEN
        PERFORM kith.me();
        IF NOT (SELECT l.admin FROM kith.laptop l WHERE l.role = session_user) THEN
            RAISE EXCEPTION 'kith: only an admin laptop may do this'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
END
$$;

-- a number a laptop gives (its cursor, a push's base) must be one the hub has handed out: a
-- cursor beyond them would mark erasures reached that never were, a base beyond them would
-- slip a push past an erasure
CREATE OR REPLACE FUNCTION kith.check_reached(n bigint, what text) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = kith, pg_temp AS $$
DECLARE
    v_last bigint := (SELECT CASE WHEN s.is_called THEN s.last_value ELSE 0 END FROM kith.seq s);
BEGIN
    IF n > v_last THEN
        RAISE EXCEPTION 'kith: % % is beyond the hub''s last number %: no laptop has reached it',
            what, n, v_last USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$$;

-- what a laptop reports of its kith is kept for its line in kith status only: the hub's
-- data_version moves with kith hub init alone (kith.raise_version), never with a laptop's word
CREATE OR REPLACE FUNCTION kith.hello(version int) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kith, pg_temp AS $$
DECLARE
    v_me text := kith.me();
BEGIN
    UPDATE kith.laptop SET version = hello.version, last_seen = now() WHERE name = v_me;
    RETURN jsonb_build_object(
        'laptop', v_me,
        'seq', (SELECT coalesce(max(x.seq), 0) FROM kith.row x),
        'data_version', (SELECT m.value::int FROM kith.meta m WHERE m.key = 'data_version'),
        'hub', (SELECT m.value::int FROM kith.meta m WHERE m.key = 'schema'));
END
$$;

-- the rows stamped after the laptop's cursor, in order: an index range scan on seq (and which
-- laptop last stamped each). With quiet, a row that is just what this laptop sent comes with
-- its data NULL: the laptop holds it already, and a first push of a borough is not sent back.
DO $$
BEGIN
    IF to_regprocedure('kith.pull(bigint, int)') IS NOT NULL THEN
        DROP FUNCTION kith.pull(bigint, int); -- made before pull took quiet
    END IF;
END
$$;
CREATE OR REPLACE FUNCTION kith.pull(after bigint, max int, quiet boolean DEFAULT false)
RETURNS TABLE (seq bigint, tbl text, key text, data text, laptop text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kith, pg_temp
    SET enable_seqscan = off AS $$
DECLARE
    v_me text := kith.me();
BEGIN
    PERFORM kith.check_reached(pull.after, 'a pull after');
    UPDATE kith.laptop l SET cursor = pull.after, last_seen = now() WHERE l.name = v_me;
    RETURN QUERY SELECT x.seq, x.tbl, x.key,
                        CASE WHEN pull.quiet AND x.echo AND x.laptop = v_me THEN NULL
                             ELSE x.data::text END,
                        x.laptop
        FROM kith.row x WHERE x.seq > pull.after ORDER BY x.seq LIMIT greatest(pull.max, 0);
END
$$;

-- push, pull and their helpers look rows up by key or sequence number only: they are told never
-- to scan kith.row whole, which the planner would choose while a first push of a borough grows
-- the table faster than autovacuum's statistics follow (a nested loop over a scan of the table,
-- once per change: seconds for a batch instead of milliseconds).

-- One round of a push, rows already at the hub: each named column takes the pushed value
-- (a referral's status and status_date only forward, unless the laptop moved it back from the
-- very status the hub holds: did_not_attend -> contacted is a move kith allows, made knowing
-- it; two laptops moving one referral at once end at the furthest), a replaced value another
-- laptop had
-- changed is kept in kith.conflict, and every row is stamped. Returns how many rows and the
-- conflicts. A change naming no columns (c null: an insert, or a laptop's first push) takes
-- every column of its data at once; one naming some builds a patch of just those.
CREATE OR REPLACE FUNCTION kith.merge(changes jsonb, round bigint, me text,
                                      OUT touched bigint, OUT lost jsonb)
LANGUAGE sql VOLATILE
    SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
    WITH hit AS (
        SELECT ch.t, ch.k, ch.c, ch.o, ch.d, x.data AS cur, x.laptop AS cur_laptop,
               jsonb_typeof(ch.c) = 'array' AS named,
               ch.t = 'referral' AND kith.rank(ch.d ->> 'status') < kith.rank(x.data ->> 'status')
                   AND (ch.o -> 'status') IS DISTINCT FROM (x.data -> 'status') AS behind
        FROM kith.changes(changes) ch JOIN kith.row x ON x.tbl = ch.t AND x.key = ch.k
        WHERE ch.rnd = round
    ), col AS (
        SELECT h.t, h.k, h.cur, h.cur_laptop, n.name, h.d -> n.name AS new,
               coalesce(h.cur -> n.name, 'null') AS now, h.o -> n.name AS old,
               h.d ? n.name AND NOT (h.behind AND n.name IN ('status', 'status_date')) AS take
        FROM hit h CROSS JOIN LATERAL kith.columns(h.t, h.c, h.d) AS n (name)
        WHERE jsonb_typeof(h.o) = 'object' OR h.behind
    ), lost AS (
        INSERT INTO kith.conflict (tbl, key, col, kept, lost, kept_laptop, lost_laptop, person_id)
        SELECT t, k, name, CASE WHEN take THEN new ELSE now END,
               CASE WHEN take THEN now ELSE new END, CASE WHEN take THEN me ELSE cur_laptop END,
               CASE WHEN take THEN cur_laptop ELSE me END, kith.person_of(t, k, cur)
        FROM col
        WHERE CASE WHEN take THEN old IS DISTINCT FROM now AND now IS DISTINCT FROM new
                                  AND old IS NOT NULL
                   ELSE new IS NOT NULL AND new IS DISTINCT FROM now END
          -- nothing kept about a person already erased
          AND NOT EXISTS (SELECT 1 FROM kith.row e
                          WHERE e.tbl = 'erasure' AND e.key = kith.person_of(t, k, cur))
        RETURNING tbl, key, col, lost_laptop
    ), upd AS (
        UPDATE kith.row x SET data = m.data, echo = m.data @> m.d, seq = nextval('kith.seq'),
                              laptop = me
        FROM (SELECT h.t, h.k, h.d, h.cur || CASE
                  WHEN h.named THEN (SELECT coalesce(jsonb_object_agg(n.name, h.d -> n.name), '{}')
                                     FROM kith.columns(h.t, h.c, h.d) AS n (name)
                                     WHERE h.d ? n.name AND NOT (h.behind AND n.name IN
                                                                 ('status', 'status_date')))
                  WHEN h.behind THEN h.d - 'status' - 'status_date'
                  ELSE h.d END AS data
              FROM hit h) m
        WHERE x.tbl = m.t AND x.key = m.k
        RETURNING 1
    )
    SELECT (SELECT count(*) FROM upd),
           coalesce((SELECT jsonb_agg(jsonb_build_object('t', l.tbl, 'k', l.key, 'col', l.col,
                                                         'lost_laptop', l.lost_laptop))
                     FROM lost l), '[]')
$$;

-- One round of a push, rows new to the hub: taken whole, stamped in the batch's order.
CREATE OR REPLACE FUNCTION kith.insert_new(changes jsonb, round bigint, me text) RETURNS bigint
LANGUAGE sql VOLATILE
    SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
    WITH ins AS (
        INSERT INTO kith.row (tbl, key, data, seq, laptop, echo)
        SELECT ch.t, ch.k, ch.d, nextval('kith.seq'), me, true
        FROM (SELECT * FROM kith.changes(changes) WHERE rnd = round ORDER BY ord) ch
        ON CONFLICT (tbl, key) DO NOTHING -- merged already (a number of kith.seq is skipped)
        RETURNING 1
    )
    SELECT count(*) FROM ins
$$;

CREATE OR REPLACE FUNCTION kith.push(batch uuid, base bigint, changes jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kith, pg_temp
    SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
    v_me text := kith.me();
    v_done jsonb;
    v_rounds bigint;
    v_applied bigint := 0;
    v_touched bigint;
    v_lost jsonb;
    v_conflicts jsonb := '[]';
    v_result jsonb;
    v_bad bigint;
    v_count bigint;
    v_erased text[];
BEGIN
    -- one pusher at a time, until commit: commit order is then stamp order
    PERFORM pg_advisory_xact_lock(hashtext('kith.stamp'));
    SELECT b.result INTO v_done FROM kith.batch b WHERE b.laptop = v_me AND b.id = push.batch;
    IF FOUND THEN
        RETURN v_done || '{"repeat": true}';
    END IF;
    PERFORM kith.check_reached(push.base, 'a push from');
    IF EXISTS (SELECT 1 FROM kith.row x
               WHERE x.tbl = 'erasure' AND x.seq > coalesce(push.base, 0)) THEN
        RETURN '{"refused": "erasure"}';
    END IF;
    IF jsonb_typeof(push.changes) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'kith: a push''s changes are a JSON array'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT count(*) FILTER (WHERE ch.t IS NULL OR ch.k IS NULL
                                  OR jsonb_typeof(ch.d) IS DISTINCT FROM 'object'),
           coalesce(max(ch.rnd), 0), array_agg(ch.k) FILTER (WHERE ch.t = 'erasure'),
           count(*)
        INTO v_bad, v_rounds, v_erased, v_count FROM kith.changes(push.changes) ch;
    IF v_bad > 0 THEN
        RAISE EXCEPTION 'kith: a push''s changes must each have a table (t), a key (k) and data (d)'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR i IN 1 .. v_rounds LOOP
        SELECT m.touched, m.lost INTO v_touched, v_lost FROM kith.merge(push.changes, i, v_me) m;
        v_applied := v_applied + v_touched;
        -- a batch of changes to rows the hub holds (the usual one) has nothing to insert
        IF v_rounds > 1 OR v_touched < v_count THEN
            v_applied := v_applied + kith.insert_new(push.changes, i, v_me);
        END IF;
        v_conflicts := v_conflicts || v_lost;
    END LOOP;
    -- an erased person's replaced values go, whichever order the batch had them in
    IF v_erased IS NOT NULL THEN
        DELETE FROM kith.conflict f WHERE f.person_id = ANY (v_erased);
    END IF;
    v_result := jsonb_build_object('applied', v_applied, 'conflicts', v_conflicts,
        'seq', (SELECT coalesce(max(x.seq), 0) FROM kith.row x));
    INSERT INTO kith.batch (laptop, id, at, result) VALUES (v_me, push.batch, now(), v_result);
    UPDATE kith.laptop l SET last_seen = now() WHERE l.name = v_me;
    RETURN v_result;
END
$$;

-- the erasures some laptop still in use has not pulled yet, and which laptops: what every sync
-- tells a coordinator, so it reads the erasures alone and never counts the hub's rows
CREATE OR REPLACE FUNCTION kith.erasures_waiting() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = kith, pg_temp AS $$
    SELECT coalesce(jsonb_agg(jsonb_build_object(
            'key', e.key, 'seq', e.seq, 'at', e.data ->> 'erased_at',
            'by', e.laptop, 'waiting', w.names) ORDER BY e.seq), '[]')
        FROM kith.row e
        CROSS JOIN LATERAL (SELECT jsonb_agg(l.name ORDER BY l.name) AS names
                            FROM kith.laptop l
                            WHERE l.revoked_at IS NULL AND l.cursor < e.seq) w
        WHERE e.tbl = 'erasure' AND w.names IS NOT NULL
$$;

-- for a coordinator: the laptops, which have not reached an erasure, the hub's counts
CREATE OR REPLACE FUNCTION kith.status() RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kith, pg_temp AS $$
DECLARE
    v_me text := kith.me();
BEGIN
    RETURN jsonb_build_object(
        'laptop', v_me,
        'hub', (SELECT m.value::int FROM kith.meta m WHERE m.key = 'schema'),
        'data_version', (SELECT m.value::int FROM kith.meta m WHERE m.key = 'data_version'),
        'seq', (SELECT coalesce(max(x.seq), 0) FROM kith.row x),
        'laptops', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'name', l.name, 'admin', l.admin, 'added', l.added_at, 'revoked', l.revoked_at,
                'last_seen', l.last_seen, 'cursor', l.cursor, 'version', l.version,
                'behind', EXISTS (SELECT 1 FROM kith.row e
                                  WHERE e.tbl = 'erasure' AND e.seq > l.cursor))
                ORDER BY l.name), '[]') FROM kith.laptop l),
        'rows', (SELECT coalesce(jsonb_object_agg(c.tbl, c.n), '{}')
                   FROM (SELECT x.tbl, count(*) AS n FROM kith.row x GROUP BY x.tbl) c),
        'erased', (SELECT count(*) FROM kith.row e WHERE e.tbl = 'erasure'),
        'erasures', kith.erasures_waiting());
END
$$;

-- credentials for a laptop: a login role of its own in kith_laptops (and kith_admins), with a
-- password made here; returns the password (the role is kith_laptop_NAME, '-' made '_')
CREATE OR REPLACE FUNCTION kith.add_laptop(name text, admin boolean) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kith, pg_temp AS $$
DECLARE
    v_role text := 'kith_laptop_' || replace(add_laptop.name, '-', '_');
    v_password text := replace(gen_random_uuid()::text, '-', '');
BEGIN
    PERFORM kith.admin_check();
    IF add_laptop.name IS NULL OR add_laptop.name !~ '^[a-z0-9-]{1,40}$' THEN
        RAISE EXCEPTION 'kith: a laptop''s name is 1 to 40 of a-z, 0-9 and -, not "%"',
            add_laptop.name USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT 1 FROM kith.laptop l WHERE l.name = add_laptop.name) THEN
        RAISE EXCEPTION 'kith: a laptop named % is on this hub already (revoked or not)',
            add_laptop.name USING ERRCODE = 'unique_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = v_role) THEN
        RAISE EXCEPTION 'kith: the role % exists already in this PostgreSQL', v_role
            USING ERRCODE = 'duplicate_object';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE kith_laptops', v_role, v_password);
    IF add_laptop.admin THEN
        EXECUTE format('GRANT kith_admins TO %I', v_role);
    END IF;
    INSERT INTO kith.laptop (name, role, admin) VALUES (add_laptop.name, v_role, add_laptop.admin);
    RETURN v_password;
END
$$;

-- ends a laptop's credentials: no login, no password, out of kith's roles, its sessions ended
CREATE OR REPLACE FUNCTION kith.revoke_laptop(name text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kith, pg_temp AS $$
DECLARE
    v_role text;
BEGIN
    PERFORM kith.admin_check();
    SELECT l.role INTO v_role FROM kith.laptop l WHERE l.name = revoke_laptop.name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'kith: no laptop named % on this hub', revoke_laptop.name
            USING ERRCODE = 'undefined_object';
    END IF;
    UPDATE kith.laptop l SET revoked_at = coalesce(l.revoked_at, now())
        WHERE l.name = revoke_laptop.name;
    EXECUTE format('ALTER ROLE %I NOLOGIN PASSWORD NULL', v_role);
    IF pg_has_role(v_role, 'kith_admins', 'MEMBER') THEN
        EXECUTE format('REVOKE kith_admins FROM %I', v_role);
    END IF;
    IF pg_has_role(v_role, 'kith_laptops', 'MEMBER') THEN
        EXECUTE format('REVOKE kith_laptops FROM %I', v_role);
    END IF;
    BEGIN
        PERFORM pg_terminate_backend(a.pid) FROM pg_stat_activity a
            WHERE a.usename = v_role AND a.pid <> pg_backend_pid();
    EXCEPTION WHEN insufficient_privilege THEN
        NULL; -- an owner without pg_signal_backend: the role can no longer log in nor call
    END;
END
$$;

-- the owner's alone (granted to no one): kith hub init raises the kith version the hub's data
-- is from to its own (older laptops are then told a newer kith syncs here)
CREATE OR REPLACE FUNCTION kith.raise_version(version int) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = kith, pg_temp AS $$
    UPDATE kith.meta SET value = raise_version.version::text
        WHERE key = 'data_version' AND value::int < raise_version.version
$$;

-- the owner's alone (granted to no one): kith hub init takes back the laptop it made when its
-- own join then fails, so that init again can make it anew. Only a laptop that never pushed.
CREATE OR REPLACE FUNCTION kith.undo_laptop(name text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kith, pg_temp AS $$
DECLARE
    v_role text;
BEGIN
    SELECT l.role INTO v_role FROM kith.laptop l WHERE l.name = undo_laptop.name
        AND NOT EXISTS (SELECT 1 FROM kith.batch b WHERE b.laptop = l.name)
        AND NOT EXISTS (SELECT 1 FROM kith.row x WHERE x.laptop = l.name);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'kith: no laptop named % that has never synced', undo_laptop.name
            USING ERRCODE = 'undefined_object';
    END IF;
    DELETE FROM kith.laptop l WHERE l.name = undo_laptop.name;
    EXECUTE format('DROP ROLE %I', v_role);
END
$$;

REVOKE ALL ON ALL TABLES IN SCHEMA kith FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA kith FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA kith FROM PUBLIC;
GRANT USAGE ON SCHEMA kith TO kith_laptops;
GRANT EXECUTE ON FUNCTION kith.hello(int), kith.pull(bigint, int, boolean),
    kith.push(uuid, bigint, jsonb), kith.status(), kith.erasures_waiting() TO kith_laptops;
GRANT EXECUTE ON FUNCTION kith.add_laptop(text, boolean), kith.revoke_laptop(text)
    TO kith_admins;
UPDATE kith.meta SET value = '3' WHERE key = 'schema';
