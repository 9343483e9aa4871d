-- The slash-command ingress (CLASSIC.md): servers without the Apps framework reach Gatehouse through custom slash
-- commands, a bot account, dialogs and an OAuth2 flow of Gatehouse's own. Everything here belongs to one installation
-- and goes with it (ON DELETE CASCADE). Sealed values are "gh2.<key id>.<nonce|ciphertext>": AES-256-GCM bound to
-- their owner (installation, user, kind of value) as associated data, so a value copied to another row does not open.

-- The installation's bot. Part of the installation aggregate: written in the transaction that updates the
-- installation row, whose pg_notify makes every replica drop its cached copy.
CREATE TABLE installation_bot (
    installation_id uuid PRIMARY KEY REFERENCES installation (id) ON DELETE CASCADE,
    user_id         text NOT NULL,
    token           text NOT NULL, -- sealed for "installation:<id>|bot-token"
    token_id        text           -- Mattermost's id of the token when Gatehouse made it (to revoke it), else null
);

-- One custom command per team, also part of the aggregate. Only the SHA-256 of a command token is kept: Gatehouse
-- checks tokens and never presents one.
CREATE TABLE installation_slash_command (
    installation_id uuid NOT NULL REFERENCES installation (id) ON DELETE CASCADE,
    team_id         text NOT NULL,
    team_name       text,
    command_id      text,
    token_sha256    text NOT NULL,
    PRIMARY KEY (installation_id, team_id),
    CONSTRAINT installation_slash_command_token_is_a_digest CHECK (token_sha256 ~ '^[0-9a-f]{64}$')
);

-- The OAuth2 client a Mattermost admin configured through the slash-command ingress (the Apps ingress keeps its own
-- inside Mattermost). updated_at is the database's clock: for operators, not read by Gatehouse.
CREATE TABLE oauth2_client (
    installation_id uuid        PRIMARY KEY REFERENCES installation (id) ON DELETE CASCADE,
    client_id       text        NOT NULL,
    client_secret   text        NOT NULL, -- sealed for "installation:<id>|oauth2-client"
    updated_at      timestamptz NOT NULL
);

-- Each Mattermost user's token at the provider: sealed JSON {"access_token", "refresh_token", "expires_at"}.
CREATE TABLE oauth2_user_token (
    installation_id uuid        NOT NULL REFERENCES installation (id) ON DELETE CASCADE,
    user_id         text        NOT NULL, -- the Mattermost user id
    token           text        NOT NULL, -- sealed for "installation:<id>|user:<user id>|oauth2-token"
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (installation_id, user_id)
);

-- Nonces of OAuth2 states already used: the primary key makes a callback link work once across replicas. A row is
-- only needed until its state expires; expired rows are purged now and then.
CREATE TABLE used_state_nonce (
    nonce      text        PRIMARY KEY,
    expires_at timestamptz NOT NULL
);

CREATE INDEX used_state_nonce_expires_at_idx ON used_state_nonce (expires_at);
