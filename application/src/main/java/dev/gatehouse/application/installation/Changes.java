package dev.gatehouse.application.installation;

import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.installation.ConcurrentChangeException;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Load, change, save under the optimistic lock, and audit, in one transaction: a change and its audit event are
 * committed together or not at all, and a lost race changes nothing. The one way every installation change is made,
 * by operators and by what Mattermost reports. A change that changes nothing (the domain answers the same instance)
 * writes nothing.
 */
public final class Changes {

    /** How a lost optimistic-lock race is handled. */
    public enum OnConflict {
        /** Report it: the operator decided on what they read, which is no longer there. */
        REFUSE,
        /** Apply the change once more to fresh state: a fact Mattermost reports does not depend on what was read. */
        RETRY_ONCE
    }

    private final Installations installations;
    private final AuditLog auditLog;
    private final Transactions transactions;
    private final Clock clock;

    public Changes(Installations installations, AuditLog auditLog, Transactions transactions, Clock clock) {
        this.installations = installations;
        this.auditLog = auditLog;
        this.transactions = transactions;
        this.clock = clock;
    }

    ChangeResult apply(
            String actor,
            InstallationId id,
            String action,
            BiFunction<Installation, Instant, Installation> change,
            Function<Installation, ChangeResult> outcome,
            String detail) {
        return apply(actor, id, action, change, outcome, detail, OnConflict.REFUSE);
    }

    /**
     * @param change  the domain change, given the installation and now
     * @param outcome what to answer once the changed installation is saved
     * @param detail  audit detail (never a secret)
     */
    public ChangeResult apply(
            String actor,
            InstallationId id,
            String action,
            BiFunction<Installation, Instant, Installation> change,
            Function<Installation, ChangeResult> outcome,
            String detail,
            OnConflict onConflict) {
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            try {
                Optional<ChangeResult> result = transactions.inTransaction(() -> installations
                        .findById(id)
                        .map(current -> {
                            Installation changed = change.apply(current, now);
                            if (changed == current) { // already so: no new version, no notification, no event
                                return outcome.apply(current);
                            }
                            Installation saved = installations.update(changed);
                            auditLog.append(new AuditEvent(now, actor, id, action, AuditOutcome.SUCCEEDED, detail));
                            return outcome.apply(saved);
                        }));
                if (result.isPresent()) {
                    return result.get();
                }
                refused(actor, id, action, "not found");
                return new ChangeResult.NotFound(id);
            } catch (ConcurrentChangeException e) {
                if (onConflict == OnConflict.REFUSE || attempt == 2) {
                    refused(actor, id, action, "concurrent change");
                    return new ChangeResult.Conflict(id);
                }
            }
        }
    }

    void refused(String actor, InstallationId id, String action, String why) {
        auditLog.append(new AuditEvent(clock.instant(), actor, id, action, AuditOutcome.REFUSED, why));
    }

    void succeeded(String actor, InstallationId id, String action, String detail) {
        auditLog.append(new AuditEvent(clock.instant(), actor, id, action, AuditOutcome.SUCCEEDED, detail));
    }
}
