package dev.gatehouse.application.installation;

import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.Transactions;
import java.time.Clock;
import java.time.Duration;

/** Issues a new secret; the old one keeps working for the grace window so the Mattermost admin can switch over. */
public final class RotateSecret {

    public static final Duration DEFAULT_GRACE = Duration.ofHours(24);

    private final Changes changes;

    public RotateSecret(Installations installations, AuditLog auditLog, Transactions transactions, Clock clock) {
        this.changes = new Changes(installations, auditLog, transactions, clock);
    }

    public ChangeResult rotate(String actor, InstallationId id, Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative");
        }
        Secret secret = Secret.generate();
        return changes.apply(
                actor,
                id,
                "secret.rotate",
                (installation, now) -> installation.rotateSecret(secret, now, grace),
                saved -> new ChangeResult.SecretIssued(saved, secret),
                "grace_seconds=" + grace.toSeconds());
    }
}
