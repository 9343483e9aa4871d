-- One-time sign-in links to the operator console (gatehouse console-link). Only the SHA-256 digest of a link's
-- token is kept; spending a link sets spent_at in one UPDATE, so it works once across every replica.
CREATE TABLE console_sign_in_link (
    token_digest text        PRIMARY KEY,
    operator     text        NOT NULL CHECK (length(operator) BETWEEN 1 AND 100),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    spent_at     timestamptz
);

CREATE INDEX console_sign_in_link_expires_at ON console_sign_in_link (expires_at);

-- When each installation's current secret was made or chosen (the console shows its age). Existing rows take the
-- time of their last successful rotation or operator-chosen secret in the audit log, else their registration.
ALTER TABLE installation ADD COLUMN secret_set_at timestamptz;
UPDATE installation i SET secret_set_at = COALESCE(
    (SELECT max(e.at) FROM audit_event e
     WHERE e.installation_id = i.id AND e.action IN ('secret.rotate', 'secret.set') AND e.outcome = 'SUCCEEDED'),
    i.created_at);
ALTER TABLE installation ALTER COLUMN secret_set_at SET NOT NULL;
