-- The hub's copy of every laptop's audit trail (issue 17), run after hub.sql in the same
-- transaction. Each laptop keeps its own hash-chained trail; here the hub holds a copy of each,
-- keyed (laptop, seq), and takes a laptop's rows only when they continue its chain as the hub
-- holds it: a laptop whose trail was cut or rebuilt behind kith's back is told so at its next
-- sync. Other laptops pull the rows in the hub's order (ord, stamped under a lock, so that commit
-- order is pull order). A row holds ids, field names and the trail's own words, never a record's
-- values, so an erasure leaves nothing here to purge. Idempotent, like hub.sql.

CREATE SEQUENCE IF NOT EXISTS kith.audit_ord;

CREATE TABLE IF NOT EXISTS kith.audit (
    laptop text NOT NULL,
    seq    bigint NOT NULL,
    ord    bigint NOT NULL, -- the hub's order, which pull_audit follows
    hash   text NOT NULL,
    body   jsonb NOT NULL,  -- the row as its laptop wrote it (the fields its hash covers)
    PRIMARY KEY (laptop, seq)
);
CREATE UNIQUE INDEX IF NOT EXISTS audit_by_ord ON kith.audit (ord);

-- a row's hash as the laptop makes it (audit_hash_row in audit.c): each value as
-- "length:text;" (its length in bytes), "-;" for none, in the trail's order, SHA-256 as hex
CREATE OR REPLACE FUNCTION kith.audit_part(v text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN v IS NULL THEN '-;' ELSE octet_length(v)::text || ':' || v || ';' END
$$;

CREATE OR REPLACE FUNCTION kith.audit_hash(r jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(
        kith.audit_part(r ->> 'seq') || kith.audit_part(r ->> 'id') ||
        kith.audit_part(r ->> 'worker_id') || kith.audit_part(r ->> 'action') ||
        kith.audit_part(r ->> 'entity') || kith.audit_part(r ->> 'record_id') ||
        kith.audit_part(r ->> 'person_id') || kith.audit_part(r ->> 'fields') ||
        kith.audit_part(r ->> 'detail') || kith.audit_part(r ->> 'created_at') ||
        kith.audit_part(r ->> 'prev_hash'), 'UTF8')), 'hex')
$$;

-- One row of the calling laptop's trail against the hub's copy: 'repeat' (held already, the
-- same), 'next' (continues the chain), or why it is refused.
CREATE OR REPLACE FUNCTION kith.audit_fits(me text, r jsonb, last bigint, last_hash text)
RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = kith, pg_temp AS $$
DECLARE
    v_seq bigint := (r ->> 'seq')::bigint;
BEGIN
    IF v_seq <= last THEN
        RETURN CASE WHEN (SELECT a.hash FROM kith.audit a WHERE a.laptop = me AND a.seq = v_seq)
                         = r ->> 'hash' THEN 'repeat' ELSE 'differs' END;
    ELSIF v_seq > last + 1 THEN
        RETURN 'gap';
    ELSIF coalesce(r ->> 'prev_hash', '') <> last_hash THEN
        RETURN 'differs';
    ELSIF kith.audit_hash(r) IS DISTINCT FROM r ->> 'hash' THEN
        RETURN 'tampered';
    END IF;
    RETURN 'next';
END
$$;

-- rows: a JSON array of the laptop's own rows, in order. Takes those that continue its chain
-- and answers {"accepted": n, "last": N, "hash": H} (the hub's last row of this laptop now;
-- an empty array only asks), with "refused": "differs" | "gap" | "tampered" and "at": the row
-- when a row does not fit (the rows before it are kept: they fit).
CREATE OR REPLACE FUNCTION kith.push_audit(rows jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kith, pg_temp AS $$
DECLARE
    v_me text := kith.me();
    v_last bigint := 0;
    v_hash text := '';
    v_n int := 0;
    v_fit text;
    r jsonb;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('kith.audit'));
    SELECT a.seq, a.hash INTO v_last, v_hash FROM kith.audit a WHERE a.laptop = v_me
        ORDER BY a.seq DESC LIMIT 1;
    v_last := coalesce(v_last, 0);
    v_hash := coalesce(v_hash, '');
    FOR r IN SELECT e.value FROM jsonb_array_elements(coalesce(rows, '[]')) e
             ORDER BY (e.value ->> 'seq')::bigint LOOP
        v_fit := kith.audit_fits(v_me, r, v_last, v_hash);
        IF v_fit = 'repeat' THEN
            CONTINUE;
        ELSIF v_fit <> 'next' THEN
            RETURN jsonb_build_object('accepted', v_n, 'last', v_last, 'hash', v_hash,
                                      'refused', v_fit, 'at', (r ->> 'seq')::bigint);
        END IF;
        INSERT INTO kith.audit (laptop, seq, ord, hash, body)
            VALUES (v_me, (r ->> 'seq')::bigint, nextval('kith.audit_ord'), r ->> 'hash', r);
        v_last := (r ->> 'seq')::bigint;
        v_hash := r ->> 'hash';
        v_n := v_n + 1;
    END LOOP;
    RETURN jsonb_build_object('accepted', v_n, 'last', v_last, 'hash', v_hash);
END
$$;

-- other laptops' rows after the hub's order `after`, in that order, at most max
CREATE OR REPLACE FUNCTION kith.pull_audit(after bigint, max int)
RETURNS TABLE (ord bigint, laptop text, body text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = kith, pg_temp AS $$
DECLARE
    v_me text := kith.me();
BEGIN
    RETURN QUERY SELECT a.ord, a.laptop, a.body::text FROM kith.audit a
        WHERE a.ord > pull_audit.after AND a.laptop <> v_me
        ORDER BY a.ord LIMIT pull_audit.max;
END
$$;

REVOKE ALL ON kith.audit FROM PUBLIC;
REVOKE ALL ON SEQUENCE kith.audit_ord FROM PUBLIC;
REVOKE ALL ON FUNCTION kith.audit_part(text), kith.audit_hash(jsonb),
    kith.audit_fits(text, jsonb, bigint, text), kith.push_audit(jsonb),
    kith.pull_audit(bigint, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kith.push_audit(jsonb), kith.pull_audit(bigint, int) TO kith_laptops;
