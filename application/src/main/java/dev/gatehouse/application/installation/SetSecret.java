package dev.gatehouse.application.installation;

import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.Transactions;
import java.time.Clock;

/**
 * Adopts a secret the operator chose, typically one a Mattermost server was already installed with.
 * Short secrets are refused unless weak secrets are allowed; then they are flagged weak.
 */
public final class SetSecret {

    private final Changes changes;
    private final boolean allowWeak;

    public SetSecret(
            Installations installations, AuditLog auditLog, Transactions transactions, Clock clock, boolean allowWeak) {
        this.changes = new Changes(installations, auditLog, transactions, clock);
        this.allowWeak = allowWeak;
    }

    public ChangeResult set(String actor, InstallationId id, Secret secret) {
        if (secret.isWeak() && !allowWeak) {
            changes.refused(
                    actor,
                    id,
                    "secret.set",
                    "weak secret refused (" + secret.value().length() + " characters)");
            return new ChangeResult.WeakSecretRefused(id);
        }
        return changes.apply(
                actor,
                id,
                "secret.set",
                (installation, now) -> installation.replaceSecret(secret, now),
                ChangeResult.Changed::new,
                secret.isWeak() ? "weak=true" : "weak=false");
    }
}
