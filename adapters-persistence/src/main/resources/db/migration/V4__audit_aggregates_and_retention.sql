-- Refusals without a valid credential (bad, expired or missing token, bad signature, ...) are counted per
-- installation, reason and minute rather than kept one by one: anyone who knows an installation id can cause them, and
-- a flood of them must not grow the database by a row per request. A count only grows: the application adds to it
-- (INSERT ... ON CONFLICT DO UPDATE) and cannot lower it, move it to another key or delete it.
CREATE TABLE audit_refusal_counts (
    installation_id uuid        NOT NULL,
    reason          text        NOT NULL,
    minute          timestamptz NOT NULL,
    count           bigint      NOT NULL CHECK (count > 0),
    first_seen      timestamptz NOT NULL,
    last_seen       timestamptz NOT NULL,
    PRIMARY KEY (installation_id, reason, minute),
    CHECK (first_seen <= last_seen)
);

-- "newest first", over everything or per installation (the listing orders by last_seen)
CREATE INDEX audit_refusal_counts_last_seen_idx ON audit_refusal_counts (last_seen DESC);
CREATE INDEX audit_refusal_counts_installation_last_seen_idx ON audit_refusal_counts (installation_id, last_seen DESC);

-- Retention. Both audit tables refuse UPDATE (beyond a count growing), DELETE and TRUNCATE, so the application role
-- cannot rewrite or erase history with an ordinary statement. The one way rows leave is purge_audit_before(bound):
-- it raises a transaction-local flag that the triggers below honour for DELETE only, and only for rows older than a
-- day, whatever bound it is given. The function runs as its owner (the migration role), so a deployment whose
-- application role has only SELECT and INSERT on these tables and EXECUTE on the function can still purge.
CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
            AND current_setting('gatehouse.audit_purge', true) = 'on'
            AND OLD.at < now() - interval '1 day' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE FUNCTION audit_refusal_counts_only_grow() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
            AND NEW.installation_id = OLD.installation_id
            AND NEW.reason = OLD.reason
            AND NEW.minute = OLD.minute
            AND NEW.count >= OLD.count
            AND NEW.first_seen <= OLD.first_seen
            AND NEW.last_seen >= OLD.last_seen THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE'
            AND current_setting('gatehouse.audit_purge', true) = 'on'
            AND OLD.last_seen < now() - interval '1 day' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_refusal_counts only grow: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_refusal_counts_only_grow
    BEFORE UPDATE OR DELETE ON audit_refusal_counts
    FOR EACH ROW EXECUTE FUNCTION audit_refusal_counts_only_grow();

CREATE TRIGGER audit_refusal_counts_no_truncate
    BEFORE TRUNCATE ON audit_refusal_counts
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refusal_counts_only_grow();

-- Deletes audit rows older than the bound, never younger than a day (the triggers hold the same floor), and answers
-- how many it deleted. Safe to run from several replicas at once: the later one finds less to delete.
CREATE FUNCTION purge_audit_before(bound timestamptz) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    effective timestamptz := least(bound, now() - interval '1 day');
    events    bigint;
    counts    bigint;
BEGIN
    PERFORM set_config('gatehouse.audit_purge', 'on', true);
    DELETE FROM audit_event WHERE at < effective;
    GET DIAGNOSTICS events = ROW_COUNT;
    DELETE FROM audit_refusal_counts WHERE last_seen < effective;
    GET DIAGNOSTICS counts = ROW_COUNT;
    PERFORM set_config('gatehouse.audit_purge', 'off', true);
    RETURN events + counts;
END;
$$;

REVOKE ALL ON FUNCTION purge_audit_before(timestamptz) FROM PUBLIC;
