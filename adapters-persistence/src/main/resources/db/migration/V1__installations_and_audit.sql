-- Installations: one row per Mattermost server. Secrets are sealed by the application (AES-256-GCM,
-- "gh1.<key id>.<nonce|ciphertext>"), never stored in plain text.
CREATE TABLE installation (
    id                    uuid        PRIMARY KEY,
    name                  text        NOT NULL,
    site_url              text        NOT NULL,
    api_url               text,
    status                text        NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    secret                text        NOT NULL,
    previous_secret       text,
    previous_secret_until timestamptz,
    bot_user_id           text,
    installed_at          timestamptz,
    uninstalled_at        timestamptz,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    version               bigint      NOT NULL,
    CONSTRAINT installation_site_url_key UNIQUE (site_url),
    CONSTRAINT installation_previous_secret_has_end
        CHECK ((previous_secret IS NULL) = (previous_secret_until IS NULL))
);

CREATE INDEX installation_created_at_id_idx ON installation (created_at, id);

-- Audit log: append-only. No foreign key to installation: events outlive deleted installations.
CREATE TABLE audit_event (
    id              bigserial   PRIMARY KEY,
    at              timestamptz NOT NULL,
    actor           text        NOT NULL,
    installation_id uuid,
    action          text        NOT NULL,
    outcome         text        NOT NULL,
    detail          text        NOT NULL
);

-- "newest first", over everything or per installation
CREATE INDEX audit_event_at_idx ON audit_event (at DESC, id DESC);
CREATE INDEX audit_event_installation_at_idx ON audit_event (installation_id, at DESC, id DESC);

CREATE FUNCTION audit_event_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
